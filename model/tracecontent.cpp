// SPDX-License-Identifier: MIT
#include "tracecontent.h"

#include "detailtextfile.h"
#include "tracestore.h"

#include <algorithm>
#include <functional>
#include <string_view>

namespace skein {

namespace {

void appendLower(std::string& out, std::string_view text)
{
    // ASCII folding is enough for keys and most values, and it keeps UTF-8 intact; the needle is folded
    // the same way.
    for (char c : text)
        out.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : (c == '\n' || c == '\x01' ? ' ' : c));
}

void appendAttributes(std::string& out, const Attributes& attributes)
{
    for (const Attribute& attribute : attributes) {
        out.push_back('\n');
        appendLower(out, attribute.key);
        out.push_back('=');
        appendLower(out, attribute.value.toText());
    }
}

void appendFieldsText(std::string& text, const Attributes& attributes)
{
    for (const Attribute& attribute : attributes) {
        if (!text.empty())
            text.push_back(' ');
        text += attribute.key;
        text.push_back('=');
        text += attribute.value.toText();
    }
}

// The searchable text of a span's details (names, services and ids are matched through the index).
void appendDetailsText(std::string& text, const SpanRecord& span)
{
    appendLower(text, span.statusMessage);
    appendAttributes(text, span.attributes);
    if (span.resource)
        appendAttributes(text, span.resource->attributes);
    for (const SpanEvent& event : span.events) {
        text.push_back('\n');
        appendLower(text, event.name);
        appendAttributes(text, event.attributes);
    }
}

std::vector<std::pair<int64_t, int32_t>> spansByRow(const TraceIndex& index)
{
    std::vector<std::pair<int64_t, int32_t>> byRow;
    byRow.reserve(size_t(index.size()));
    for (int32_t i = 0; i < index.size(); ++i)
        byRow.emplace_back(index.rowId[size_t(i)], i);
    std::sort(byRow.begin(), byRow.end());
    return byRow;
}

int32_t spanOfRow(const std::vector<std::pair<int64_t, int32_t>>& byRow, int64_t rowId)
{
    auto it = std::lower_bound(byRow.begin(), byRow.end(), std::make_pair(rowId, INT32_MIN));
    return it == byRow.end() || it->first != rowId ? -1 : it->second;
}

std::string foldNeedle(const QString& needle)
{
    std::string folded;
    appendLower(folded, needle.toStdString());
    return folded;
}

} // namespace

void TraceContent::addEvent(int32_t span, int64_t offsetNs, const QString& name, std::string_view fieldsUtf8)
{
    TraceEventEntry entry;
    entry.span = span;
    entry.offsetNs = offsetNs;
    const auto known = m_eventNameIds.constFind(name);
    if (known != m_eventNameIds.constEnd()) {
        entry.nameId = *known;
    } else {
        entry.nameId = uint32_t(eventNames.size());
        eventNames.push_back(name);
        m_eventNameIds.insert(name, entry.nameId);
    }
    // The same fields come back again and again (a retry's attempt, a cache key, one exception thrown in
    // a loop): each distinct text is kept once.
    const size_t hash = std::hash<std::string_view>()(fieldsUtf8);
    const auto [first, last] = m_eventFieldsByHash.equal_range(hash);
    const auto same = std::find_if(first, last, [&](const auto& known) {
        return known.second.second == fieldsUtf8.size()
            && std::string_view(m_eventFields).substr(known.second.first, fieldsUtf8.size()) == fieldsUtf8;
    });
    if (same != last) {
        entry.fieldsStart = same->second.first;
        entry.fieldsLength = uint32_t(fieldsUtf8.size());
    } else if (m_eventFields.size() + fieldsUtf8.size() < UINT32_MAX) {
        // Offsets are 32-bit: past 4 GiB of distinct fields text (not seen in any real trace) fields are left out.
        entry.fieldsStart = uint32_t(m_eventFields.size());
        entry.fieldsLength = uint32_t(fieldsUtf8.size());
        m_eventFields += fieldsUtf8;
        m_eventFieldsByHash.emplace(hash, std::make_pair(entry.fieldsStart, entry.fieldsLength));
    }
    events.push_back(entry);
}

void TraceContent::finishEvents()
{
    m_eventNameIds = {};
    m_eventFieldsByHash = {};
    std::stable_sort(events.begin(), events.end(), [](const TraceEventEntry& a, const TraceEventEntry& b) {
        return a.offsetNs != b.offsetNs ? a.offsetNs < b.offsetNs : a.span < b.span;
    });
    std::vector<std::pair<int32_t, int64_t>> bySpan;
    bySpan.reserve(events.size());
    for (const TraceEventEntry& event : events)
        bySpan.emplace_back(event.span, event.offsetNs);
    std::sort(bySpan.begin(), bySpan.end());
    m_eventSpans.clear();
    m_eventTimeStart.clear();
    m_eventTimes.clear();
    m_eventTimes.reserve(bySpan.size());
    for (const auto& [span, offsetNs] : bySpan) {
        if (m_eventSpans.empty() || m_eventSpans.back() != span) {
            m_eventSpans.push_back(span);
            m_eventTimeStart.push_back(uint32_t(m_eventTimes.size()));
        }
        m_eventTimes.push_back(offsetNs);
    }
    m_eventTimeStart.push_back(uint32_t(m_eventTimes.size()));
    m_eventSpans.shrink_to_fit();
    m_eventTimeStart.shrink_to_fit();
    m_eventFields.shrink_to_fit();
}

QString TraceContent::eventFields(const TraceEventEntry& event) const
{
    const std::string_view fields = eventFieldsUtf8(event);
    return QString::fromUtf8(fields.data(), qsizetype(fields.size()));
}

std::span<const int64_t> TraceContent::eventTimesOf(int32_t span) const
{
    const auto it = std::lower_bound(m_eventSpans.begin(), m_eventSpans.end(), span);
    if (it == m_eventSpans.end() || *it != span)
        return {};
    const auto k = size_t(it - m_eventSpans.begin());
    return std::span<const int64_t>(m_eventTimes)
        .subspan(m_eventTimeStart[k], m_eventTimeStart[k + 1] - m_eventTimeStart[k]);
}

std::optional<TraceContent> TraceContent::load(
    TraceStore& store, const TraceIndex& index, const std::atomic<bool>* cancel, int32_t searchTextLimit)
{
    TraceContent content;
    const int32_t count = index.size();
    const bool keepText = count <= searchTextLimit;
    std::vector<std::string> texts(keepText ? static_cast<size_t>(count) : 0);
    // forEachSpan goes in row order; the index is depth-first, so map row ids to indexes first.
    const std::vector<std::pair<int64_t, int32_t>> byRow = spansByRow(index);

    // A trace too big for its text in memory gets it in a temporary file, for searches that do not
    // decode every span from the cache again.
    std::unique_ptr<DetailTextFile> textFile = keepText ? nullptr : DetailTextFile::create();
    std::string text;
    int64_t visited = 0;
    std::string fields;
    const bool complete = store.forEachSpan(index.traceId, [&](int64_t rowId, SpanRecord& span) {
        if (cancel && (++visited & 0x3ff) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        const int32_t i = spanOfRow(byRow, rowId);
        if (i < 0)
            return true; // imported after the index was built
        if (keepText) {
            appendDetailsText(texts[size_t(i)], span);
        } else if (textFile) {
            text.clear();
            appendDetailsText(text, span);
            if (!textFile->append(i, text))
                textFile.reset();
        }
        for (const SpanEvent& event : span.events) {
            fields.clear();
            appendFieldsText(fields, event.attributes);
            content.addEvent(i, event.timeNs - index.traceStartNs, QString::fromStdString(event.name), fields);
        }
        content.linkCount += int32_t(span.links.size());
        if (!span.warnings.empty())
            content.spansWithWarnings.push_back(i);
        return true;
    });
    if (!complete || (cancel && cancel->load()))
        return std::nullopt;

    if (textFile && textFile->finish())
        content.m_detailTextFile = std::move(textFile);
    content.finishEvents();
    std::sort(content.spansWithWarnings.begin(), content.spansWithWarnings.end());
    content.spansWithWarnings.shrink_to_fit();
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

namespace {

// Marks the spans whose service, operation or span id contains the needle.
std::vector<uint8_t> nameMatches(const TraceIndex& index, const QString& needle)
{
    std::vector<uint8_t> serviceMatches(index.serviceNames.size());
    for (size_t i = 0; i < index.serviceNames.size(); ++i)
        serviceMatches[i] = index.serviceNames[i].contains(needle, Qt::CaseInsensitive);
    std::vector<uint8_t> operationMatches(index.operationNames.size());
    for (size_t i = 0; i < index.operationNames.size(); ++i)
        operationMatches[i] = index.operationNames[i].contains(needle, Qt::CaseInsensitive);
    // Span ids are only worth formatting when the needle could be part of one.
    const std::string folded = foldNeedle(needle);
    const bool hexNeedle = folded.size() >= 3 && folded.size() <= 16
        && std::all_of(
            folded.begin(), folded.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    std::vector<uint8_t> matches(size_t(index.size()), 0);
    for (int32_t i = 0; i < index.size(); ++i) {
        bool match = serviceMatches[index.service[size_t(i)]] || operationMatches[index.operation[size_t(i)]];
        if (!match && hexNeedle)
            match = spanIdToHex(index.spanId[size_t(i)]).find(folded) != std::string::npos;
        matches[size_t(i)] = match;
    }
    return matches;
}

std::vector<int32_t> indexesOf(const std::vector<uint8_t>& marks)
{
    std::vector<int32_t> result;
    for (size_t i = 0; i < marks.size(); ++i)
        if (marks[i])
            result.push_back(int32_t(i));
    return result;
}

} // namespace

std::vector<int32_t> TraceContent::searchNames(const TraceIndex& index, const QString& needle)
{
    const QString trimmed = needle.trimmed();
    if (trimmed.isEmpty())
        return {};
    return indexesOf(nameMatches(index, trimmed));
}

std::vector<int32_t> TraceContent::search(const TraceIndex& index, const QString& needle) const
{
    const QString trimmed = needle.trimmed();
    if (trimmed.isEmpty())
        return {};
    std::vector<uint8_t> marks = nameMatches(index, trimmed);
    if (hasSearchText() && m_textStart.size() == size_t(index.size()) + 1) {
        const std::string folded = foldNeedle(trimmed);
        const std::boyer_moore_horspool_searcher searcher(folded.begin(), folded.end());
        for (int32_t i = 0; i < index.size(); ++i) {
            if (marks[size_t(i)])
                continue;
            const auto begin = m_text.begin() + m_textStart[size_t(i)];
            const auto end = m_text.begin() + m_textStart[size_t(i) + 1];
            marks[size_t(i)] = std::search(begin, end, searcher) != end;
        }
    }
    return indexesOf(marks);
}

std::optional<std::vector<int32_t>> TraceContent::searchDetailTextFile(
    const DetailTextFile& file, const QString& needle, const std::atomic<bool>* cancel)
{
    const QString trimmed = needle.trimmed();
    if (trimmed.isEmpty())
        return std::vector<int32_t> {};
    return file.search(foldNeedle(trimmed), cancel);
}

std::optional<std::vector<int32_t>> TraceContent::scanDetails(
    TraceStore& store, const TraceIndex& index, const QString& needle, const std::atomic<bool>* cancel)
{
    const QString trimmed = needle.trimmed();
    if (trimmed.isEmpty())
        return std::vector<int32_t> {};
    const std::string folded = foldNeedle(trimmed);
    const std::boyer_moore_horspool_searcher searcher(folded.begin(), folded.end());
    const std::vector<std::pair<int64_t, int32_t>> byRow = spansByRow(index);
    std::vector<int32_t> matches;
    std::string text;
    int64_t visited = 0;
    const bool complete = store.forEachSpan(index.traceId, [&](int64_t rowId, SpanRecord& span) {
        if (cancel && (++visited & 0x3ff) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        text.clear();
        appendDetailsText(text, span);
        if (std::search(text.begin(), text.end(), searcher) != text.end()) {
            const int32_t i = spanOfRow(byRow, rowId);
            if (i >= 0)
                matches.push_back(i);
        }
        return true;
    });
    if (!complete || (cancel && cancel->load()))
        return std::nullopt;
    std::sort(matches.begin(), matches.end());
    return matches;
}

size_t TraceContent::memoryBytes() const
{
    size_t bytes = m_text.capacity() + m_textStart.capacity() * sizeof(uint32_t)
        + events.capacity() * sizeof(TraceEventEntry) + m_eventFields.capacity()
        + m_eventSpans.capacity() * sizeof(int32_t) + m_eventTimeStart.capacity() * sizeof(uint32_t)
        + m_eventTimes.capacity() * sizeof(int64_t) + spansWithWarnings.capacity() * sizeof(int32_t);
    for (const QString& name : eventNames)
        bytes += sizeof(QString) + size_t(name.size()) * 2;
    return bytes;
}

} // namespace skein
