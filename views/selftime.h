// SPDX-License-Identifier: MIT
// Where a trace spends its time itself rather than waiting on its children: per operation (service and
// operation), the self time of its spans added up. A span's self time is its duration minus the union
// of its children's intervals clipped to the span (children running in parallel count once; a child
// that overhangs its parent only counts where it overlaps).
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

namespace skein {

struct TraceIndex;

struct OperationSelfTime {
    uint16_t service = 0; // TraceIndex::serviceNames
    uint32_t operation = 0; // TraceIndex::operationNames
    int32_t count = 0;
    int64_t totalSelfNs = 0;
    int64_t maxSelfNs = 0;
    int32_t maxSelfSpan = -1; // the span with the most self time
};

struct SelfTimeSummary {
    std::vector<OperationSelfTime> operations; // most total self time first
    int64_t totalSelfNs = 0; // over every span of the trace
    bool cancelled = false;
};

// The self time of one span.
int64_t selfTimeOf(const TraceIndex& index, int32_t span);
// Linear in the number of spans. cancel (may be null) is polled now and then.
SelfTimeSummary summarizeSelfTime(const TraceIndex& index, const std::atomic<bool>* cancel = nullptr);

} // namespace skein
