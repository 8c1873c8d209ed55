// SPDX-License-Identifier: MIT
#include "selftime.h"

#include "traceindex.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace skein {

int64_t selfTimeOf(const TraceIndex& index, int32_t span)
{
    const int64_t start = index.startOf(span);
    const int64_t end = index.endOf(span);
    // Children are ordered by start, and clipping to the parent keeps that order: one sweep merges them.
    int64_t covered = 0;
    int64_t runStart = 0;
    int64_t runEnd = -1;
    bool inRun = false;
    for (int32_t child = span + 1; child < index.subtreeEnd[size_t(span)]; child = index.subtreeEnd[size_t(child)]) {
        const int64_t childStart = std::clamp(index.startOf(child), start, end);
        const int64_t childEnd = std::clamp(index.endOf(child), start, end);
        if (childEnd <= childStart)
            continue;
        if (inRun && childStart <= runEnd) {
            runEnd = std::max(runEnd, childEnd);
            continue;
        }
        if (inRun)
            covered += runEnd - runStart;
        runStart = childStart;
        runEnd = childEnd;
        inRun = true;
    }
    if (inRun)
        covered += runEnd - runStart;
    return std::max<int64_t>(0, (end - start) - covered);
}

SelfTimeSummary summarizeSelfTime(const TraceIndex& index, const std::atomic<bool>* cancel)
{
    SelfTimeSummary summary;
    std::unordered_map<uint64_t, size_t> positions; // (service, operation) -> position in operations
    for (int32_t span = 0; span < index.size(); ++span) {
        if (cancel && (span & 0xffff) == 0 && cancel->load(std::memory_order_relaxed)) {
            summary.cancelled = true;
            return summary;
        }
        const uint16_t service = index.service[size_t(span)];
        const uint32_t operation = index.operation[size_t(span)];
        const uint64_t key = (uint64_t(service) << 32) | operation;
        auto [position, added] = positions.try_emplace(key, summary.operations.size());
        if (added) {
            OperationSelfTime entry;
            entry.service = service;
            entry.operation = operation;
            summary.operations.push_back(entry);
        }
        OperationSelfTime& entry = summary.operations[position->second];
        const int64_t self = selfTimeOf(index, span);
        entry.count++;
        entry.totalSelfNs += self;
        if (entry.maxSelfSpan < 0 || self > entry.maxSelfNs) {
            entry.maxSelfNs = self;
            entry.maxSelfSpan = span;
        }
        summary.totalSelfNs += self;
    }
    std::sort(summary.operations.begin(), summary.operations.end(),
        [](const OperationSelfTime& a, const OperationSelfTime& b) {
            return a.totalSelfNs != b.totalSelfNs ? a.totalSelfNs > b.totalSelfNs
                                                  : std::tie(a.service, a.operation) < std::tie(b.service, b.operation);
        });
    return summary;
}

} // namespace skein
