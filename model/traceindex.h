// SPDX-License-Identifier: MIT
// The open trace in memory: a compact struct of arrays, one entry per span, in depth-first order so
// that a subtree is the contiguous range [i, subtreeEnd[i]). Names are small ids into the index's own
// name tables; everything else about a span (attributes, events, links) stays in the cache and is read
// when needed (TraceStore::loadSpan, TraceStore::forEachSpan).
#pragma once

#include "blockedint64s.h"
#include "compactids.h"
#include "packedint64s.h"
#include "span.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace skein {

struct TraceIndex {
    enum SpanFlag : uint8_t {
        Error = 1 << 0,
        Orphan = 1 << 1, // has a parent id that is not in the trace; shown as a root
        Cycle = 1 << 2, // its parent chain loops; the loop was cut here and the span shown as a root
        SharedServer = 1 << 3, // the server half of a Zipkin span that shares its id with the client half
        StartsBeforeParent = 1 << 4, // clock skew between hosts, or a wrong parent
        EndsAfterParent = 1 << 5,
    };

    TraceId traceId;
    int64_t traceStartNs = 0; // of the earliest span; offsets below are relative to it
    int64_t traceDurationNs = 0; // earliest start to latest end

    // One entry per span, depth-first; children ordered by start time, then by span id.
    BlockedInt64s startOffsetNs; // 4 bytes but in sparse traces (see blockedint64s.h)
    PackedInt64s durationNs; // 4 bytes but for spans of 2^31 ns (2.1 s) or longer
    std::vector<int32_t> parent; // -1 for roots (real roots, orphans, cut cycles)
    std::vector<int32_t> subtreeEnd; // one past the last span of the subtree
    CompactIds<uint8_t, uint16_t> depth; // capped at 65,535
    CompactIds<uint8_t, uint16_t> service; // into serviceNames
    CompactIds<uint16_t, uint32_t> operation; // into operationNames
    std::vector<uint8_t> kind; // SpanKind
    std::vector<uint8_t> flags; // SpanFlag bits
    PackedInt64s rowId; // the spans table row, for loading details (4 bytes: rows are near each other)
    std::vector<uint64_t> spanId;
    std::vector<int32_t> bySpanId; // span indexes sorted by (span id, side): findSpan()

    std::vector<QString> serviceNames; // sorted by name
    std::vector<QString> operationNames;

    int32_t maxDepth = 0;
    int32_t rootCount = 0;
    int32_t orphanCount = 0;
    int32_t cycleCount = 0;
    int32_t errorCount = 0;
    int32_t skewCount = 0; // spans with StartsBeforeParent or EndsAfterParent

    int32_t size() const { return int32_t(startOffsetNs.size()); }
    int64_t spanDuration(int32_t i) const { return durationNs[size_t(i)]; }
    int64_t startOf(int32_t i) const { return startOffsetNs[size_t(i)]; }
    int64_t endOf(int32_t i) const { return startOffsetNs[size_t(i)] + durationNs[size_t(i)]; }
    bool has(int32_t i, SpanFlag flag) const { return flags[size_t(i)] & flag; }
    const QString& serviceName(int32_t i) const { return serviceNames[service[size_t(i)]]; }
    const QString& operationName(int32_t i) const { return operationNames[operation[size_t(i)]]; }
    SpanSide side(int32_t i) const { return has(i, SharedServer) ? SpanSide::SharedServer : SpanSide::Primary; }
    // The span with this id (either side; Primary preferred), or -1.
    int32_t findSpan(SpanId id) const;
    int32_t findSpan(SpanId id, SpanSide side) const;
    // The index of a row id, or -1 (linear; for navigation, not for painting).
    int32_t findRow(int64_t rowId) const;
    // Children of span i, in order (walks the subtree by jumps).
    std::vector<int32_t> children(int32_t i) const;
    // Memory held by the arrays, for the benchmark's bytes-per-span figure.
    size_t memoryBytes() const;

    // What a builder feeds in: one record per span in any order. Ids of services and operations are
    // the builder's own (e.g. the cache's dictionary ids); names are resolved through the callbacks.
    struct Input {
        int64_t rowId = 0;
        SpanId spanId = 0;
        SpanId parentSpanId = 0;
        SpanSide side = SpanSide::Primary;
        int64_t serviceKey = 0;
        int64_t operationKey = 0;
        SpanKind kind = SpanKind::Unspecified;
        StatusCode status = StatusCode::Unset;
        int64_t startNs = 0;
        int64_t durationNs = 0;
    };
    // Builds the index. serviceName / operationName map the keys of Input to names.
    static TraceIndex build(const TraceId& traceId, std::vector<Input>&& spans,
        const std::function<QString(int64_t key)>& serviceName,
        const std::function<QString(int64_t key)>& operationName);
};

} // namespace skein
