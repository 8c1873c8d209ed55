// SPDX-License-Identifier: MIT
// What the compact TraceIndex leaves in the cache, read once in the background after a trace opens:
// every event (log) of the trace, and, for traces up to a limit of spans (250k by default), a lower-case text of each
// span's attributes, events and resource for instant search inside the trace. Bigger traces keep memory
// per span small: their details are searched by scanning the cache (scanDetails) instead.
#pragma once

#include "traceindex.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skein {

class TraceStore;

struct TraceEventEntry {
    int32_t span = -1; // index into the TraceIndex
    int64_t offsetNs = 0; // from the trace start
    QString name;
    QString fields; // "key=value key=value", for the log table and its filter
};

struct TraceContent {
    std::vector<TraceEventEntry> events; // ordered by time, then span
    // Event times of span i are eventTimes[eventStart[i] .. eventStart[i + 1]), offsets from the trace start.
    std::vector<int32_t> eventStart;
    std::vector<int64_t> eventTimes;
    std::vector<int32_t> spansWithWarnings; // ascending span indexes
    int32_t linkCount = 0;

    static constexpr int32_t defaultSearchTextLimit = 250000;

    // Span indexes (ascending) whose operation, service, span id, attribute keys or values, event names or
    // fields, resource attributes or status message contain needle, ignoring case. Empty needle: none.
    // Without search text (hasSearchText()), only names, services and span ids are matched.
    std::vector<int32_t> search(const TraceIndex& index, const QString& needle) const;
    bool hasSearchText() const { return !m_textStart.empty(); }
    size_t memoryBytes() const;

    // Matches of needle in names, services and span ids alone: fast on any trace, needs no details.
    static std::vector<int32_t> searchNames(const TraceIndex& index, const QString& needle);
    // Matches of needle in the details read from the cache, span by span (for traces without search
    // text). Empty when cancelled.
    static std::optional<std::vector<int32_t>> scanDetails(
        TraceStore& store, const TraceIndex& index, const QString& needle, const std::atomic<bool>* cancel = nullptr);

    // Reads the details of every span of index's trace. Empty when cancelled or the trace is gone.
    // Keeps the search text when the trace has at most searchTextLimit spans.
    static std::optional<TraceContent> load(TraceStore& store, const TraceIndex& index,
        const std::atomic<bool>* cancel = nullptr, int32_t searchTextLimit = defaultSearchTextLimit);

private:
    std::string m_text; // per span: lower-case UTF-8 of its searchable details, separated by '\n'
    std::vector<uint32_t> m_textStart; // size()+1 offsets into m_text
};

} // namespace skein
