// SPDX-License-Identifier: MIT
// The span index of a cache row id within one open trace, for readers that go through the trace's rows in
// row order while the index is depth-first. One import writes a trace's rows one after the other, so their
// ids nearly always fill a range: then a table over that range answers in one step.
#pragma once

#include "traceindex.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace skein {

class SpanByRow {
public:
    explicit SpanByRow(const TraceIndex& index)
    {
        const auto count = size_t(index.size());
        if (count == 0)
            return;
        int64_t first = index.rowId[0];
        int64_t last = first;
        for (size_t i = 1; i < count; ++i) {
            first = std::min(first, index.rowId[i]);
            last = std::max(last, index.rowId[i]);
        }
        // A table is worth it while the rows are at most half gaps.
        if (uint64_t(last - first) < uint64_t(count) * 2) {
            m_first = first;
            m_table.assign(size_t(last - first) + 1, -1);
            for (size_t i = 0; i < count; ++i)
                m_table[size_t(index.rowId[i] - first)] = int32_t(i);
            return;
        }
        m_sorted.reserve(count);
        for (size_t i = 0; i < count; ++i)
            m_sorted.emplace_back(index.rowId[i], int32_t(i));
        std::sort(m_sorted.begin(), m_sorted.end());
    }

    // -1 for a row that is not in the index (imported after it was built).
    int32_t operator()(int64_t rowId) const
    {
        if (!m_table.empty()) {
            const uint64_t offset = uint64_t(rowId) - uint64_t(m_first);
            return offset < m_table.size() ? m_table[size_t(offset)] : -1;
        }
        const auto it = std::lower_bound(m_sorted.begin(), m_sorted.end(), std::make_pair(rowId, INT32_MIN));
        return it == m_sorted.end() || it->first != rowId ? -1 : it->second;
    }

private:
    int64_t m_first = 0;
    std::vector<int32_t> m_table; // by row id - m_first
    std::vector<std::pair<int64_t, int32_t>> m_sorted; // (row id, span) when the rows are too far apart
};

} // namespace skein
