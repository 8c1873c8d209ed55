// SPDX-License-Identifier: MIT
#include "zipkinsharedspans.h"

#include <algorithm>
#include <numeric>

namespace skein {

namespace {

bool sharedCanServe(const ZipkinSpan& span)
{
    return span.shared && span.record.kind != SpanKind::Client && span.record.kind != SpanKind::Producer;
}

const std::string& serviceOf(const ZipkinSpan& span)
{
    static const std::string none;
    return span.record.resource ? span.record.resource->serviceName : none;
}

void resolveGroup(std::vector<ZipkinSpan>& spans, const uint32_t* begin, const uint32_t* end)
{
    const auto each = [&](auto&& function) {
        for (const uint32_t* it = begin; it != end; ++it)
            function(spans[*it]);
    };
    bool hasClient = false;
    each([&](const ZipkinSpan& span) {
        hasClient = hasClient || (span.record.kind == SpanKind::Client && !span.shared);
    });

    // Spans that say what they are first, then the kind-less fragments, which need to know the halves.
    each([&](ZipkinSpan& span) {
        SpanRecord& record = span.record;
        if (record.kind == SpanKind::Unspecified && !span.shared)
            return;
        const bool server = sharedCanServe(span) || (record.kind == SpanKind::Server && hasClient);
        record.side = server ? SpanSide::SharedServer : SpanSide::Primary;
    });
    each([&](ZipkinSpan& span) {
        SpanRecord& record = span.record;
        if (record.kind != SpanKind::Unspecified || span.shared)
            return;
        const std::string& service = serviceOf(span);
        bool serverHere = false;
        bool primaryHere = false;
        for (const uint32_t* it = begin; it != end; ++it) {
            const ZipkinSpan& other = spans[*it];
            if (other.record.kind == SpanKind::Unspecified && !other.shared)
                continue;
            if (serviceOf(other) != service)
                continue;
            (other.record.side == SpanSide::SharedServer ? serverHere : primaryHere) = true;
        }
        record.side = serverHere && !primaryHere ? SpanSide::SharedServer : SpanSide::Primary;
    });

    bool hasPrimary = false;
    each([&](const ZipkinSpan& span) { hasPrimary = hasPrimary || span.record.side == SpanSide::Primary; });
    if (hasPrimary) {
        each([](ZipkinSpan& span) {
            if (span.record.side == SpanSide::SharedServer)
                span.record.parentSpanId = span.record.spanId;
        });
    }
}

} // namespace

void resolveZipkinSides(std::vector<ZipkinSpan>& spans)
{
    if (spans.size() == 1) {
        ZipkinSpan& span = spans.front();
        span.record.side = sharedCanServe(span) ? SpanSide::SharedServer : SpanSide::Primary;
        return;
    }
    std::vector<uint32_t> order(spans.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
        [&spans](uint32_t a, uint32_t b) { return spans[a].record.spanId < spans[b].record.spanId; });
    size_t start = 0;
    while (start < order.size()) {
        size_t stop = start + 1;
        while (stop < order.size() && spans[order[stop]].record.spanId == spans[order[start]].record.spanId)
            ++stop;
        resolveGroup(spans, order.data() + start, order.data() + stop);
        start = stop;
    }
}

} // namespace skein
