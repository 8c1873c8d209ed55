// SPDX-License-Identifier: MIT
#include "tracecontent.h"

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
        out.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : (c == '\n' ? ' ' : c));
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

QString fieldsText(const Attributes& attributes)
{
    QString text;
    for (const Attribute& attribute : attributes) {
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += QString::fromStdString(attribute.key) + QLatin1Char('=')
            + QString::fromStdString(attribute.value.toText());
    }
    return text;
}

std::string foldNeedle(const QString& needle)
{
    std::string folded;
    appendLower(folded, needle.toStdString());
    return folded;
}

} // namespace

std::optional<TraceContent> TraceContent::load(
    TraceStore& store, const TraceIndex& index, const std::atomic<bool>* cancel)
{
    TraceContent content;
    const int32_t count = index.size();
    std::vector<std::string> texts(static_cast<size_t>(count));
    std::vector<std::vector<int64_t>> times(static_cast<size_t>(count));
    std::vector<uint8_t> warned(static_cast<size_t>(count), 0);
    // forEachSpan goes by start time; the index is depth-first, so map row ids to indexes first.
    std::vector<std::pair<int64_t, int32_t>> byRow;
    byRow.reserve(size_t(count));
    for (int32_t i = 0; i < count; ++i)
        byRow.emplace_back(index.rowId[size_t(i)], i);
    std::sort(byRow.begin(), byRow.end());

    int64_t visited = 0;
    const bool complete = store.forEachSpan(index.traceId, [&](int64_t rowId, SpanRecord& span) {
        if (cancel && (++visited & 0x3ff) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        auto it = std::lower_bound(byRow.begin(), byRow.end(), std::make_pair(rowId, INT32_MIN));
        if (it == byRow.end() || it->first != rowId)
            return true; // imported after the index was built
        const int32_t i = it->second;
        std::string& text = texts[size_t(i)];
        appendLower(text, spanIdToHex(span.spanId));
        text.push_back('\n');
        appendLower(text, span.statusMessage);
        appendAttributes(text, span.attributes);
        if (span.resource)
            appendAttributes(text, span.resource->attributes);
        for (const SpanEvent& event : span.events) {
            text.push_back('\n');
            appendLower(text, event.name);
            appendAttributes(text, event.attributes);
            TraceEventEntry entry;
            entry.span = i;
            entry.offsetNs = event.timeNs - index.traceStartNs;
            entry.name = QString::fromStdString(event.name);
            entry.fields = fieldsText(event.attributes);
            times[size_t(i)].push_back(entry.offsetNs);
            content.events.push_back(std::move(entry));
        }
        content.linkCount += int32_t(span.links.size());
        if (!span.warnings.empty())
            warned[size_t(i)] = 1;
        return true;
    });
    if (!complete || (cancel && cancel->load()))
        return std::nullopt;

    std::stable_sort(
        content.events.begin(), content.events.end(), [](const TraceEventEntry& a, const TraceEventEntry& b) {
            return a.offsetNs != b.offsetNs ? a.offsetNs < b.offsetNs : a.span < b.span;
        });
    content.eventStart.reserve(size_t(count) + 1);
    content.m_textStart.reserve(size_t(count) + 1);
    for (int32_t i = 0; i < count; ++i) {
        content.eventStart.push_back(int32_t(content.eventTimes.size()));
        std::sort(times[size_t(i)].begin(), times[size_t(i)].end());
        content.eventTimes.insert(content.eventTimes.end(), times[size_t(i)].begin(), times[size_t(i)].end());
        content.m_textStart.push_back(uint32_t(std::min<size_t>(content.m_text.size(), UINT32_MAX)));
        if (content.m_text.size() + texts[size_t(i)].size() < UINT32_MAX)
            content.m_text += texts[size_t(i)];
        if (warned[size_t(i)])
            content.spansWithWarnings.push_back(i);
    }
    content.eventStart.push_back(int32_t(content.eventTimes.size()));
    content.m_textStart.push_back(uint32_t(content.m_text.size()));
    return content;
}

std::vector<int32_t> TraceContent::search(const TraceIndex& index, const QString& needle) const
{
    std::vector<int32_t> matches;
    const QString trimmed = needle.trimmed();
    if (trimmed.isEmpty())
        return matches;
    // Names are matched once per distinct name, then spans by their name ids.
    std::vector<uint8_t> serviceMatches(index.serviceNames.size());
    for (size_t i = 0; i < index.serviceNames.size(); ++i)
        serviceMatches[i] = index.serviceNames[i].contains(trimmed, Qt::CaseInsensitive);
    std::vector<uint8_t> operationMatches(index.operationNames.size());
    for (size_t i = 0; i < index.operationNames.size(); ++i)
        operationMatches[i] = index.operationNames[i].contains(trimmed, Qt::CaseInsensitive);
    const std::string folded = foldNeedle(trimmed);
    const std::boyer_moore_horspool_searcher searcher(folded.begin(), folded.end());
    const bool haveText = m_textStart.size() == size_t(index.size()) + 1;
    for (int32_t i = 0; i < index.size(); ++i) {
        bool match = serviceMatches[index.service[size_t(i)]] || operationMatches[index.operation[size_t(i)]];
        if (!match && haveText) {
            const auto begin = m_text.begin() + m_textStart[size_t(i)];
            const auto end = m_text.begin() + m_textStart[size_t(i) + 1];
            match = std::search(begin, end, searcher) != end;
        }
        if (match)
            matches.push_back(i);
    }
    return matches;
}

size_t TraceContent::memoryBytes() const
{
    size_t bytes = m_text.capacity() + m_textStart.capacity() * sizeof(uint32_t)
        + eventStart.capacity() * sizeof(int32_t) + eventTimes.capacity() * sizeof(int64_t);
    for (const TraceEventEntry& event : events)
        bytes += sizeof(TraceEventEntry) + size_t(event.name.size() + event.fields.size()) * 2;
    return bytes;
}

} // namespace skein
