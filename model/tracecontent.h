// SPDX-License-Identifier: MIT
// What the compact TraceIndex leaves in the cache, read once in the background after a trace opens:
// every event (log) of the trace, and, for traces up to a limit of spans (20k by default), a lower-case text of each
// span's attributes, events and resource for instant search inside the trace. Bigger traces keep memory
// per span small: the same text goes to a temporary file (DetailTextFile, one record per span row id) that a
// search reads through in the background, even while it is being written. Only when no such file can be written are
// their details searched by scanning the cache (scanDetails).
#pragma once

#include "traceindex.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace skein {

class DetailTextFile;
class DetailsPart;
class SpanByRow;
class TraceStore;

// One event (log) of the trace. Its name and fields text live in TraceContent, shared and packed: a
// million-span trace can hold hundreds of thousands of events, and a QString each would cost more than
// the whole span index.
struct TraceEventEntry {
    int32_t span = -1; // index into the TraceIndex
    uint32_t nameId = 0; // into TraceContent::eventNames
    int64_t offsetNs = 0; // from the trace start
    uint32_t fieldsStart = 0; // UTF-8 "key=value key=value" in TraceContent (eventFields())
    uint32_t fieldsLength = 0;
};

struct TraceContent {
    std::vector<TraceEventEntry> events; // ordered by time, then span (after finishEvents())
    std::vector<QString> eventNames; // distinct names, by TraceEventEntry::nameId
    std::vector<int32_t> spansWithWarnings; // ascending span indexes
    int32_t linkCount = 0;

    // Adds an event; call finishEvents() once all are in.
    void addEvent(int32_t span, int64_t offsetNs, const QString& name, std::string_view fieldsUtf8);
    void addEventUtf8(int32_t span, int64_t offsetNs, std::string_view nameUtf8, std::string_view fieldsUtf8);
    // Orders the events and indexes their times by span.
    void finishEvents();
    const QString& eventName(const TraceEventEntry& event) const { return eventNames[event.nameId]; }
    std::string_view eventFieldsUtf8(const TraceEventEntry& event) const
    {
        return std::string_view(m_eventFields).substr(event.fieldsStart, event.fieldsLength);
    }
    QString eventFields(const TraceEventEntry& event) const;
    // The event times of span (offsets from the trace start, ascending); empty for a span without events.
    std::span<const int64_t> eventTimesOf(int32_t span) const;

    static constexpr int32_t defaultSearchTextLimit = 20000;

    // Span indexes (ascending) whose operation, service, span id, attribute keys or values, event names or
    // fields, resource attributes or status message contain needle, ignoring case. Empty needle: none.
    // Without search text (hasSearchText()), only names, services and span ids are matched.
    std::vector<int32_t> search(const TraceIndex& index, const QString& needle) const;
    bool hasSearchText() const { return !m_textStart.empty(); }
    // For a trace without search text in memory: the same text in a temporary file, or null when none
    // could be written. Shared, so that a search running on a worker thread keeps it alive.
    std::shared_ptr<const DetailTextFile> detailTextFile() const { return m_detailTextFile; }
    size_t memoryBytes() const;

    // Matches of needle in names, services and span ids alone: fast on any trace, needs no details.
    static std::vector<int32_t> searchNames(const TraceIndex& index, const QString& needle);
    // needle as the search text holds it (trimmed, folded), for DetailTextFile::searchRange(); empty: none.
    static std::string foldedNeedle(const QString& needle);
    // Matches of needle in a detail text file (TraceContent::detailTextFile()) of index's trace. Empty when
    // cancelled or unreadable.
    static std::optional<std::vector<int32_t>> searchDetailTextFile(const DetailTextFile& file, const TraceIndex& index,
        const QString& needle, const std::atomic<bool>* cancel = nullptr);
    // The spans (ascending, once each) of the rows a detail text file search found; rows not in index are left out.
    static std::vector<int32_t> spansOfRows(const SpanByRow& spanByRow, const std::vector<int64_t>& rows);
    // Matches of needle in the details read from the cache, span by span (for traces without search
    // text). Empty when cancelled.
    static std::optional<std::vector<int32_t>> scanDetails(
        TraceStore& store, const TraceIndex& index, const QString& needle, const std::atomic<bool>* cancel = nullptr);

    struct LoadOptions {
        int32_t searchTextLimit = defaultSearchTextLimit;
        // For a trace above the limit: the file its search text is written to, so that a search can read it
        // while it grows (one is made when null). It is finished, or abandoned when the load fails.
        std::shared_ptr<DetailTextFile> textFile;
        size_t readers = 0; // connections reading the cache at once; 0: one per core, up to four
    };
    // Reads the details of every span of index's trace, in parts side by side, straight from their packed
    // form. Empty when cancelled or the trace could not be read. Keeps the search text when the trace has at
    // most options.searchTextLimit spans.
    static std::optional<TraceContent> load(
        TraceStore& store, const TraceIndex& index, const std::atomic<bool>* cancel, const LoadOptions& options);
    static std::optional<TraceContent> load(TraceStore& store, const TraceIndex& index,
        const std::atomic<bool>* cancel = nullptr, int32_t searchTextLimit = defaultSearchTextLimit);
    // A trace's index and the details of every span, read in one pass over its rows (each row once), so
    // that everything about the trace is there as soon as it opens. options.textFile: as for load().
    static std::optional<std::pair<TraceIndex, TraceContent>> loadWithIndex(
        TraceStore& store, const TraceId& traceId, const std::atomic<bool>* cancel, const LoadOptions& options);

private:
    static std::optional<TraceContent> merge(const TraceIndex& index, const SpanByRow& spanByRow,
        const std::vector<DetailsPart*>& parts, bool keepText, std::shared_ptr<DetailTextFile> textFile);
    uint32_t eventNameId(std::string_view nameUtf8);
    void addEventNamed(int32_t span, int64_t offsetNs, uint32_t nameId, std::string_view fieldsUtf8);
    // Adds the events of part (not yet finished), as the load merges what its readers found.
    void addEventsOf(const TraceContent& part);

    std::shared_ptr<const DetailTextFile> m_detailTextFile;
    std::string m_eventFields;
    struct TextHash {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
    };
    // While events are added: UTF-8 name -> id.
    std::unordered_map<std::string, uint32_t, TextHash, std::equal_to<>> m_eventNameIds;
    // While events are added: hash of a fields text -> its start and length.
    std::unordered_multimap<size_t, std::pair<uint32_t, uint32_t>> m_eventFieldsByHash;
    // Event times by span, for the spans that have events only (most spans have none).
    std::vector<int32_t> m_eventSpans; // ascending
    std::vector<uint32_t> m_eventTimeStart; // m_eventSpans.size()+1 offsets into m_eventTimes
    std::vector<int64_t> m_eventTimes;
    std::string m_text; // per span: lower-case UTF-8 of its searchable details, separated by '\n'
    std::vector<uint32_t> m_textStart; // size()+1 offsets into m_text
};

} // namespace skein
