// SPDX-License-Identifier: MIT
// Rows of trace_index (term, trace row id) gathered during an import and handed out in key order, so
// that writing them appends to the index b-tree instead of splitting pages all over it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace skein {

class TermRowBuckets {
public:
    using Row = unsigned __int128; // (term << 64) | trace row id: cheaper to sort than pairs

    TermRowBuckets();

    // Terms are below 2^63 (see traceterms.h).
    void add(int64_t term, int64_t traceRowId)
    {
        const Row row = (Row(uint64_t(term)) << 64) | uint64_t(traceRowId);
        m_buckets[size_t(uint64_t(term) >> (63 - bucketBits)) & (bucketCount - 1)].push_back(row);
        ++m_size;
    }
    size_t size() const { return m_size; }

    // Passes every row once, in ascending order, to write (a few hundred at a time), and empties the
    // buckets. Stops early when write returns false, and returns false then.
    bool drain(const std::function<bool(const Row* rows, size_t count)>& write);

private:
    // Attribute terms are hashes, so they spread evenly: the rows are sorted by bucket as they arrive,
    // which leaves small sorts for the end instead of one big one. Few enough buckets that their ends
    // stay in the processor's cache while rows arrive.
    static constexpr int bucketBits = 12;
    static constexpr size_t bucketCount = size_t(1) << bucketBits;
    std::vector<std::vector<Row>> m_buckets;
    size_t m_size = 0;
};

} // namespace skein
