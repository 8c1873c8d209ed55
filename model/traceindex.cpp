// SPDX-License-Identifier: MIT
#include "traceindex.h"

#include "traceindexbuilder.h"

#include <algorithm>

namespace skein {

namespace {

struct SpanKey {
    SpanId id;
    uint8_t side;
    friend auto operator<=>(const SpanKey&, const SpanKey&) = default;
};

} // namespace

TraceIndex TraceIndex::build(const TraceId& traceId, std::vector<Input>&& spans,
    const std::function<QString(int64_t key)>& serviceName, const std::function<QString(int64_t key)>& operationName)
{
    std::vector<std::pair<int64_t, int64_t>> rowRuns;
    for (const Input& span : spans) {
        if (!rowRuns.empty() && rowRuns.back().second + 1 == span.rowId)
            rowRuns.back().second = span.rowId;
        else
            rowRuns.emplace_back(span.rowId, span.rowId);
    }
    TraceIndexBuilder builder(spans.size(), std::move(rowRuns));
    TraceIndexBuilder::Slice& slice = builder.addSlice(0, spans.size());
    for (const Input& span : spans)
        slice.add(span.spanId, span.parentSpanId, span.side, span.serviceKey, span.operationKey, span.kind, span.status,
            span.startNs, span.durationNs);
    spans = {};
    return builder.build(traceId, serviceName, operationName);
}

int32_t TraceIndex::findSpan(SpanId id, SpanSide wanted) const
{
    auto key = [&](int32_t i) { return SpanKey { spanId[size_t(i)], uint8_t(side(i)) }; };
    const SpanKey target { id, uint8_t(wanted) };
    auto it = std::lower_bound(
        bySpanId.begin(), bySpanId.end(), target, [&](int32_t i, const SpanKey& k) { return key(i) < k; });
    return it != bySpanId.end() && key(*it) == target ? *it : -1;
}

int32_t TraceIndex::findSpan(SpanId id) const
{
    const int32_t primary = findSpan(id, SpanSide::Primary);
    return primary >= 0 ? primary : findSpan(id, SpanSide::SharedServer);
}

int32_t TraceIndex::findRow(int64_t row) const
{
    for (int32_t i = 0; i < size(); ++i)
        if (rowId[size_t(i)] == row)
            return i;
    return -1;
}

std::vector<int32_t> TraceIndex::children(int32_t i) const
{
    std::vector<int32_t> result;
    for (int32_t child = i + 1; child < subtreeEnd[size_t(i)]; child = subtreeEnd[size_t(child)])
        result.push_back(child);
    return result;
}

size_t TraceIndex::memoryBytes() const
{
    size_t bytes = startOffsetNs.memoryBytes() + durationNs.memoryBytes() + parent.size() * sizeof(int32_t)
        + subtreeEnd.size() * sizeof(int32_t) + depth.memoryBytes() + service.memoryBytes() + operation.memoryBytes()
        + kind.size() + flags.size() + rowId.memoryBytes() + spanId.size() * sizeof(uint64_t)
        + bySpanId.size() * sizeof(int32_t);
    for (const QString& name : serviceNames)
        bytes += sizeof(QString) + size_t(name.size()) * 2;
    for (const QString& name : operationNames)
        bytes += sizeof(QString) + size_t(name.size()) * 2;
    return bytes;
}

} // namespace skein
