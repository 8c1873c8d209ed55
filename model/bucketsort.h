// SPDX-License-Identifier: MIT
// Sorting a million records by a 64-bit key (span ids, start times) in close to linear time: the records go
// into buckets by where their key lies between the smallest and the largest key, and then each bucket, a
// handful of records that fit in the cache, is sorted alone. Keys spread unevenly only make some buckets
// bigger; every bucket is still sorted with the full comparison, so the order is always exact.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace skein {

// Sorts records[0, count) by less, which must order by key first (key: an unsigned 64-bit value that
// preserves the order of less). The result is in records; the old buffer is released.
template <typename Record, typename Key, typename Less>
void bucketSort(std::unique_ptr<Record[]>& records, size_t count, Key key, Less less)
{
    Record* const begin = records.get();
    if (count < 4096) {
        std::sort(begin, begin + count, less);
        return;
    }
    uint64_t low = UINT64_MAX;
    uint64_t high = 0;
    for (size_t i = 0; i < count; ++i) {
        low = std::min(low, key(begin[i]));
        high = std::max(high, key(begin[i]));
    }
    // About eight records per bucket, and a table of counts that stays in the cache.
    const int bucketBits = std::min(17, int(std::bit_width(count)) - 3);
    const int shift = std::max(0, int(std::bit_width(high - low)) - bucketBits);
    const size_t buckets = size_t((high - low) >> shift) + 1;
    std::vector<uint32_t> ends(buckets + 1, 0);
    for (size_t i = 0; i < count; ++i)
        ++ends[size_t((key(begin[i]) - low) >> shift) + 1];
    for (size_t b = 0; b < buckets; ++b)
        ends[b + 1] += ends[b];
    auto sorted = std::make_unique_for_overwrite<Record[]>(count);
    for (size_t i = 0; i < count; ++i)
        sorted[ends[size_t((key(begin[i]) - low) >> shift)]++] = begin[i];
    // ends[b] is now where bucket b ends.
    size_t from = 0;
    for (size_t b = 0; b < buckets; ++b) {
        Record* const first = sorted.get() + from;
        Record* const last = sorted.get() + ends[b];
        if (last - first > 32) {
            std::sort(first, last, less);
        } else {
            for (Record* i = first + 1; i < last; ++i) {
                const Record moving = *i;
                Record* j = i;
                for (; j > first && less(moving, *(j - 1)); --j)
                    *j = *(j - 1);
                *j = moving;
            }
        }
        from = ends[b];
    }
    records = std::move(sorted);
}

} // namespace skein
