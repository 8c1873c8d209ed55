// SPDX-License-Identifier: MIT
// TraceContent::load: every span's details read by several connections at once, each part straight from the
// packed rows into its own events and search text, merged at the end.
#include "detailsdigest.h"
#include "detailtextfile.h"
#include "spanbyrow.h"
#include "tracecontent.h"
#include "tracestore.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_set>

namespace skein {

namespace {

// A reader's records are written to the file in blocks this big: few enough writes, and a search that reads
// the file while it grows sees new spans every few milliseconds.
constexpr size_t recordBlockBytes = size_t(1) << 20;

// One part of the trace's rows: what its spans' details hold, read on the part's own thread.
class DetailsPart : public PackedSpanVisitor {
public:
    DetailsPart(const TraceIndex& index, const SpanByRow& spanByRow, std::vector<std::string>* texts,
        DetailTextFile* textFile, const std::atomic<bool>* cancel)
        : m_traceStartNs(index.traceStartNs)
        , m_spanByRow(spanByRow)
        , m_texts(texts)
        , m_textFile(textFile)
        , m_cancel(cancel)
    {
    }

    bool visit(const PackedSpanRow& row, PackedSpanContext& context) override
    {
        if (m_cancel && (++m_visited & 0x3ff) == 0 && m_cancel->load(std::memory_order_relaxed))
            return false;
        const int32_t span = m_spanByRow(row.rowId);
        if (span < 0)
            return true; // imported after the index was built
        if (!m_reader)
            m_reader.emplace(context.keys(), m_textFile ? DetailTextFile::fieldBreak : '\n');
        const std::shared_ptr<const Resource> resource = context.resource(row.resourceId);
        bool warned = (row.resourceId != 0 && !resource) || (row.scopeId != 0 && !context.scopeReadable(row.scopeId));
        if (m_texts) {
            m_reader->read(row.details, row.startNs, resource.get(), &(*m_texts)[size_t(span)], m_digest);
        } else if (m_textFile) {
            // The resource's text once, not in every span's record.
            const int64_t resourceKey = resource ? row.resourceId : 0;
            if (resource && resourceKey != m_lastResourceKey && m_writtenResources.insert(resourceKey).second) {
                DetailTextFile::appendResource(m_records, resourceKey, m_reader->resourceText(*resource));
                m_resources.push_back(resource); // the reader's text cache is keyed by its address
            }
            m_lastResourceKey = resourceKey;
            DetailTextFile::beginRecord(m_records, span, resourceKey);
            m_reader->read(row.details, row.startNs, nullptr, &m_records, m_digest);
            DetailTextFile::endRecord(m_records);
            if (m_records.size() >= recordBlockBytes && !writeRecords())
                m_textFile = nullptr;
        } else {
            m_reader->read(row.details, row.startNs, resource.get(), nullptr, m_digest);
        }
        for (const DetailsDigest::Event& event : m_digest.events)
            content.addEventUtf8(span, event.timeNs - m_traceStartNs, event.name,
                std::string_view(m_digest.fields).substr(event.fieldsStart, event.fieldsLength));
        content.linkCount += m_digest.linkCount;
        warned = warned || m_digest.hasWarnings;
        if (warned)
            content.spansWithWarnings.push_back(span);
        return true;
    }

    // Writes the records not written yet; false when the file failed (the search text is then lost).
    bool writeRecords()
    {
        if (!m_textFile)
            return false;
        const bool written = m_textFile->writeRecords(m_records);
        m_records.clear();
        return written;
    }

    TraceContent content; // this part's events (not finished), warnings and links

private:
    const int64_t m_traceStartNs;
    const SpanByRow& m_spanByRow;
    std::vector<std::string>* m_texts; // in memory, by span index (each part writes its own spans')
    DetailTextFile* m_textFile; // or in the file; null once it failed
    const std::atomic<bool>* m_cancel;
    std::optional<PackedDetailsReader> m_reader; // made with the first row's context, the only one it gets
    DetailsDigest m_digest;
    std::string m_records;
    std::unordered_set<int64_t> m_writtenResources; // keys of the resources this part has written to the file
    int64_t m_lastResourceKey = 0;
    std::vector<std::shared_ptr<const Resource>> m_resources; // kept alive while the reader caches their text
    uint32_t m_visited = 0;
};

} // namespace

std::optional<TraceContent> TraceContent::load(
    TraceStore& store, const TraceIndex& index, const std::atomic<bool>* cancel, int32_t searchTextLimit)
{
    LoadOptions options;
    options.searchTextLimit = searchTextLimit;
    return load(store, index, cancel, options);
}

std::optional<TraceContent> TraceContent::load(
    TraceStore& store, const TraceIndex& index, const std::atomic<bool>* cancel, const LoadOptions& options)
{
    const int32_t count = index.size();
    const bool keepText = count <= options.searchTextLimit;
    std::vector<std::string> texts(keepText ? static_cast<size_t>(count) : 0);
    // A trace too big for its text in memory gets it in a temporary file, for searches that do not
    // decode every span from the cache again.
    std::shared_ptr<DetailTextFile> textFile = options.textFile;
    if (!keepText && !textFile)
        textFile = DetailTextFile::create();
    const SpanByRow spanByRow(index);

    std::deque<DetailsPart> parts; // a deque: the store keeps references to them
    const bool complete = store.forEachPackedSpan(
        index.traceId,
        [&]() -> PackedSpanVisitor& {
            return parts.emplace_back(
                index, spanByRow, keepText ? &texts : nullptr, keepText ? nullptr : textFile.get(), cancel);
        },
        options.readers);
    if (!complete || (cancel && cancel->load())) {
        if (textFile)
            textFile->abandon(); // no search waits for the rest of it
        return std::nullopt;
    }

    TraceContent content;
    bool textWritten = textFile != nullptr;
    size_t eventCount = 0;
    size_t warningCount = 0;
    for (DetailsPart& part : parts) {
        textWritten = part.writeRecords() && textWritten;
        eventCount += part.content.events.size();
        warningCount += part.content.spansWithWarnings.size();
    }
    if (textFile && textFile->finish() && textWritten)
        content.m_detailTextFile = std::move(textFile);
    else if (textFile)
        textFile->abandon();

    content.events.reserve(eventCount);
    content.spansWithWarnings.reserve(warningCount);
    while (!parts.empty()) {
        const TraceContent& part = parts.front().content;
        content.addEventsOf(part);
        content.linkCount += part.linkCount;
        content.spansWithWarnings.insert(
            content.spansWithWarnings.end(), part.spansWithWarnings.begin(), part.spansWithWarnings.end());
        parts.pop_front(); // its memory goes before the next part's events are copied
    }
    content.finishEvents();
    std::sort(content.spansWithWarnings.begin(), content.spansWithWarnings.end());
    if (keepText) {
        content.m_textStart.reserve(size_t(count) + 1);
        for (int32_t i = 0; i < count; ++i) {
            content.m_textStart.push_back(uint32_t(std::min<size_t>(content.m_text.size(), UINT32_MAX)));
            if (content.m_text.size() + texts[size_t(i)].size() < UINT32_MAX)
                content.m_text += texts[size_t(i)];
        }
        content.m_textStart.push_back(uint32_t(content.m_text.size()));
    }
    return content;
}

} // namespace skein
