// SPDX-License-Identifier: MIT
#include "blockedint64s.h"

#include <algorithm>
#include <limits>

namespace skein {

BlockedInt64s::BlockedInt64s(std::span<const int64_t> values)
    : m_size(values.size())
{
    const size_t blockSize = blockMask + 1;
    auto blockAt = [&](size_t first) { return values.subspan(first, std::min(blockSize, values.size() - first)); };
    // First which blocks are narrow, so that both arrays are allocated once, at their size.
    m_blocks.reserve((values.size() + blockMask) >> blockBits);
    size_t offsets = 0;
    size_t whole = 0;
    for (size_t first = 0; first < values.size(); first += blockSize) {
        const std::span<const int64_t> block = blockAt(first);
        const auto [smallest, largest] = std::minmax_element(block.begin(), block.end());
        // Unsigned: the spread of two int64s can exceed INT64_MAX, never UINT64_MAX.
        if (uint64_t(*largest) - uint64_t(*smallest) <= uint64_t(std::numeric_limits<uint32_t>::max())) {
            m_blocks.push_back({ *smallest, uint32_t(offsets), true });
            offsets += block.size();
        } else {
            m_blocks.push_back({ 0, uint32_t(whole), false });
            whole += block.size();
        }
    }
    m_offsets.reserve(offsets);
    m_whole.reserve(whole);
    for (size_t first = 0, b = 0; first < values.size(); first += blockSize, ++b) {
        const Block& into = m_blocks[b];
        for (int64_t value : blockAt(first)) {
            if (into.narrow)
                m_offsets.push_back(uint32_t(uint64_t(value) - uint64_t(into.base)));
            else
                m_whole.push_back(value);
        }
    }
}

} // namespace skein
