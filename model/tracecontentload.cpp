// SPDX-License-Identifier: MIT
// TraceContent::load and loadWithIndex: every span's details read by several connections at once, each part
// straight from the packed rows into its own events and search text, merged at the end; with loadWithIndex in
// the same pass as the trace's index.
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

} // namespace

// One part of the trace's rows: what its spans' details hold, read on the part's own thread. Spans are known by
// their row ids until the part is merged (the index may be built from the same reading, after it).
class DetailsPart : public PackedSpanVisitor {
public:
    // spanByRow: when the index is known already, to pass over rows imported after it was built. keepTexts: each
    // span's search text in memory (else textFile, when not null, gets it).
    DetailsPart(const SpanByRow* spanByRow, bool keepTexts, DetailTextFile* textFile, const std::atomic<bool>* cancel)
        : m_spanByRow(spanByRow)
        , m_keepTexts(keepTexts)
        , m_textFile(keepTexts ? nullptr : textFile)
        , m_cancel(cancel)
    {
    }

    bool visit(const PackedSpanRow& row, PackedSpanContext& context) override
    {
        if (m_cancel && (++m_visited & 0x3ff) == 0 && m_cancel->load(std::memory_order_relaxed))
            return false;
        if (m_spanByRow && (*m_spanByRow)(row.rowId) < 0)
            return true; // imported after the index was built
        if (!m_reader)
            m_reader.emplace(context.keys(), m_textFile ? DetailTextFile::fieldBreak : '\n');
        const std::shared_ptr<const Resource> resource = context.resource(row.resourceId);
        bool warned = (row.resourceId != 0 && !resource) || (row.scopeId != 0 && !context.scopeReadable(row.scopeId));
        if (m_keepTexts) {
            std::string& text = texts.emplace_back(row.rowId, std::string()).second;
            m_reader->read(row.details, row.startNs, resource.get(), &text, m_digest);
        } else if (m_textFile) {
            // The resource's text once, not in every span's record.
            const int64_t resourceKey = resource ? row.resourceId : 0;
            if (resource && resourceKey != m_lastResourceKey && m_writtenResources.insert(resourceKey).second) {
                DetailTextFile::appendResource(m_records, resourceKey, m_reader->resourceText(*resource));
                m_resources.push_back(resource); // the reader's text cache is keyed by its address
            }
            m_lastResourceKey = resourceKey;
            DetailTextFile::beginRecord(m_records, row.rowId, resourceKey);
            m_reader->read(row.details, row.startNs, nullptr, &m_records, m_digest);
            DetailTextFile::endRecord(m_records);
            if (m_records.size() >= recordBlockBytes && !writeRecords())
                m_textFile = nullptr;
        } else {
            m_reader->read(row.details, row.startNs, nullptr, nullptr, m_digest);
        }
        for (const DetailsDigest::Event& event : m_digest.events) {
            content.addEventUtf8(-1, event.timeNs, event.name,
                std::string_view(m_digest.fields).substr(event.fieldsStart, event.fieldsLength));
            eventRows.push_back(row.rowId);
        }
        content.linkCount += m_digest.linkCount;
        if (warned || m_digest.hasWarnings)
            warningRows.push_back(row.rowId);
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

    // Gives the events their spans and times from the trace start, and the warnings their spans.
    void placeIn(const TraceIndex& index, const SpanByRow& spanByRow)
    {
        for (size_t i = 0; i < content.events.size(); ++i) {
            content.events[i].span = spanByRow(eventRows[i]);
            content.events[i].offsetNs -= index.traceStartNs;
        }
        eventRows = {};
        for (int64_t row : warningRows) {
            if (const int32_t span = spanByRow(row); span >= 0)
                content.spansWithWarnings.push_back(span);
        }
        warningRows = {};
    }

    TraceContent content; // this part's events (absolute times, no spans until placeIn()), links
    std::vector<int64_t> eventRows; // of content.events
    std::vector<int64_t> warningRows; // of the spans with warnings
    std::vector<std::pair<int64_t, std::string>> texts; // row id, search text (when kept in memory)

private:
    const SpanByRow* m_spanByRow;
    const bool m_keepTexts;
    DetailTextFile* m_textFile; // the text goes there; null once it failed
    const std::atomic<bool>* m_cancel;
    std::optional<PackedDetailsReader> m_reader; // made with the first row's context, the only one it gets
    DetailsDigest m_digest;
    std::string m_records;
    std::unordered_set<int64_t> m_writtenResources; // keys of the resources this part has written to the file
    int64_t m_lastResourceKey = 0;
    std::vector<std::shared_ptr<const Resource>> m_resources; // kept alive while the reader caches their text
    uint32_t m_visited = 0;
};

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
    // A trace too big for its text in memory gets it in a temporary file, for searches that do not
    // decode every span from the cache again.
    std::shared_ptr<DetailTextFile> textFile = options.textFile;
    if (!keepText && !textFile)
        textFile = DetailTextFile::create();
    const SpanByRow spanByRow(index);

    std::deque<DetailsPart> parts; // a deque: the store keeps references to them
    std::vector<DetailsPart*> partList;
    const bool complete = store.forEachPackedSpan(
        index.traceId,
        [&]() -> PackedSpanVisitor& {
            partList.push_back(&parts.emplace_back(&spanByRow, keepText, textFile.get(), cancel));
            return *partList.back();
        },
        options.readers);
    if (!complete || (cancel && cancel->load())) {
        if (textFile)
            textFile->abandon(); // no search waits for the rest of it
        return std::nullopt;
    }
    return merge(index, spanByRow, partList, keepText, std::move(textFile));
}

std::optional<std::pair<TraceIndex, TraceContent>> TraceContent::loadWithIndex(
    TraceStore& store, const TraceId& traceId, const std::atomic<bool>* cancel, const LoadOptions& options)
{
    std::deque<DetailsPart> made; // a deque: the store keeps references to them
    std::vector<DetailsPart*> parts; // the last one made for each part of the reading
    std::shared_ptr<DetailTextFile> textFile = options.textFile;
    bool keepText = false;
    std::optional<TraceIndex> index = store.loadTraceIndex(
        traceId, cancel,
        [&](size_t part, size_t rows) -> PackedSpanVisitor& {
            if (part == 0) {
                parts.clear(); // a new reading
                keepText = rows <= size_t(std::max(options.searchTextLimit, 0));
                if (!keepText && !textFile)
                    textFile = DetailTextFile::create();
            }
            parts.resize(std::max(parts.size(), part + 1), nullptr);
            parts[part] = &made.emplace_back(nullptr, keepText, textFile.get(), cancel);
            return *parts[part];
        },
        options.readers);
    if (!index || (cancel && cancel->load())) {
        if (textFile)
            textFile->abandon();
        return std::nullopt;
    }
    // Parts made for readings that were given up are left out: their records in the file repeat rows read
    // again (a search counts each span once); their events and warnings go.
    const SpanByRow spanByRow(*index);
    std::optional<TraceContent> content = merge(*index, spanByRow, parts, keepText, std::move(textFile));
    if (!content)
        return std::nullopt;
    return std::make_pair(std::move(*index), std::move(*content));
}

std::optional<TraceContent> TraceContent::merge(const TraceIndex& index, const SpanByRow& spanByRow,
    const std::vector<DetailsPart*>& parts, bool keepText, std::shared_ptr<DetailTextFile> textFile)
{
    const int32_t count = index.size();
    TraceContent content;
    bool textWritten = textFile != nullptr;
    size_t eventCount = 0;
    size_t warningCount = 0;
    for (DetailsPart* part : parts) {
        if (!part)
            return std::nullopt; // a part was never read (not seen: the store reads every part it makes)
        if (textFile)
            textWritten = part->writeRecords() && textWritten;
        part->placeIn(index, spanByRow);
        eventCount += part->content.events.size();
        warningCount += part->content.spansWithWarnings.size();
    }
    if (textFile && textFile->finish() && textWritten)
        content.m_detailTextFile = std::move(textFile);
    else if (textFile)
        textFile->abandon();

    std::vector<std::string> texts(keepText ? size_t(count) : 0);
    content.events.reserve(eventCount);
    content.spansWithWarnings.reserve(warningCount);
    for (DetailsPart* part : parts) {
        content.addEventsOf(part->content);
        content.linkCount += part->content.linkCount;
        content.spansWithWarnings.insert(content.spansWithWarnings.end(), part->content.spansWithWarnings.begin(),
            part->content.spansWithWarnings.end());
        for (auto& [row, text] : part->texts) {
            if (const int32_t span = spanByRow(row); span >= 0 && size_t(span) < texts.size())
                texts[size_t(span)] = std::move(text);
        }
        // Its memory goes before the next part's events are copied.
        part->content = TraceContent();
        part->texts = {};
    }
    content.finishEvents();
    std::sort(content.spansWithWarnings.begin(), content.spansWithWarnings.end());
    content.spansWithWarnings.erase(std::unique(content.spansWithWarnings.begin(), content.spansWithWarnings.end()),
        content.spansWithWarnings.end());
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
