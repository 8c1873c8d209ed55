// SPDX-License-Identifier: MIT
#include "tracecontent.h"

#include "detailsdigest.h"
#include "detailtextfile.h"
#include "spanbyrow.h"
#include "tracestore.h"

#include <algorithm>
#include <functional>
#include <string_view>

namespace skein {

namespace {

std::string foldNeedle(const QString& needle)
{
    std::string folded;
    appendFolded(folded, needle.toStdString());
    return folded;
}

} // namespace

void TraceContent::addEvent(int32_t span, int64_t offsetNs, const QString& name, std::string_view fieldsUtf8)
{
    const QByteArray nameUtf8 = name.toUtf8();
    addEventUtf8(span, offsetNs, std::string_view(nameUtf8.data(), size_t(nameUtf8.size())), fieldsUtf8);
}

void TraceContent::addEventUtf8(int32_t span, int64_t offsetNs, std::string_view nameUtf8, std::string_view fieldsUtf8)
{
    addEventNamed(span, offsetNs, eventNameId(nameUtf8), fieldsUtf8);
}

uint32_t TraceContent::eventNameId(std::string_view nameUtf8)
{
    // A few distinct names come back on most events: each becomes a QString once.
    const auto known = m_eventNameIds.find(nameUtf8);
    if (known != m_eventNameIds.end())
        return known->second;
    const auto id = uint32_t(eventNames.size());
    eventNames.push_back(QString::fromUtf8(nameUtf8.data(), qsizetype(nameUtf8.size())));
    m_eventNameIds.emplace(std::string(nameUtf8), id);
    return id;
}

void TraceContent::addEventNamed(int32_t span, int64_t offsetNs, uint32_t nameId, std::string_view fieldsUtf8)
{
    TraceEventEntry entry;
    entry.span = span;
    entry.offsetNs = offsetNs;
    entry.nameId = nameId;
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

void TraceContent::addEventsOf(const TraceContent& part)
{
    std::vector<uint32_t> nameIds;
    nameIds.reserve(part.eventNames.size());
    for (const QString& name : part.eventNames) {
        const QByteArray nameUtf8 = name.toUtf8();
        nameIds.push_back(eventNameId(std::string_view(nameUtf8.data(), size_t(nameUtf8.size()))));
    }
    for (const TraceEventEntry& event : part.events) {
        if (event.span >= 0) // else a span not in the index (imported after it was built)
            addEventNamed(event.span, event.offsetNs, nameIds[event.nameId], part.eventFieldsUtf8(event));
    }
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

std::string TraceContent::foldedNeedle(const QString& needle)
{
    return foldNeedle(needle.trimmed());
}

std::optional<std::vector<int32_t>> TraceContent::searchDetailTextFile(
    const DetailTextFile& file, const TraceIndex& index, const QString& needle, const std::atomic<bool>* cancel)
{
    const QString trimmed = needle.trimmed();
    if (trimmed.isEmpty())
        return std::vector<int32_t> {};
    const std::optional<std::vector<int64_t>> rows = file.search(foldNeedle(trimmed), cancel);
    if (!rows)
        return std::nullopt;
    return spansOfRows(SpanByRow(index), *rows);
}

std::vector<int32_t> TraceContent::spansOfRows(const SpanByRow& spanByRow, const std::vector<int64_t>& rows)
{
    std::vector<int32_t> spans;
    spans.reserve(rows.size());
    for (int64_t row : rows) {
        if (const int32_t span = spanByRow(row); span >= 0)
            spans.push_back(span);
    }
    std::sort(spans.begin(), spans.end());
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    return spans;
}

std::optional<std::vector<int32_t>> TraceContent::scanDetails(
    TraceStore& store, const TraceIndex& index, const QString& needle, const std::atomic<bool>* cancel)
{
    const QString trimmed = needle.trimmed();
    if (trimmed.isEmpty())
        return std::vector<int32_t> {};
    const std::string folded = foldNeedle(trimmed);
    const std::boyer_moore_horspool_searcher searcher(folded.begin(), folded.end());
    const SpanByRow spanByRow(index);
    std::vector<int32_t> matches;
    std::string text;
    int64_t visited = 0;
    const bool complete = store.forEachSpan(index.traceId, [&](int64_t rowId, SpanRecord& span) {
        if (cancel && (++visited & 0x3ff) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        text.clear();
        appendSearchText(text, span);
        if (std::search(text.begin(), text.end(), searcher) != text.end()) {
            const int32_t i = spanByRow(rowId);
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
