// SPDX-License-Identifier: MIT
// A column of 64-bit values that are close to their neighbours (the start times of a trace's spans in
// depth-first order: a dense trace starts hundreds of spans per second). The column is cut into blocks of
// 256 values; a block whose values all lie less than 2^32 above its smallest keeps them as 32-bit offsets
// from it, any other block keeps them whole. A dense trace so costs 4 bytes a value and a sparse one 8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace skein {

class BlockedInt64s {
public:
    BlockedInt64s() = default;
    explicit BlockedInt64s(std::span<const int64_t> values);

    int64_t operator[](size_t i) const
    {
        const Block& block = m_blocks[i >> blockBits];
        const size_t at = block.first + (i & blockMask);
        return block.narrow ? int64_t(uint64_t(block.base) + m_offsets[at]) : m_whole[at];
    }
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    size_t memoryBytes() const
    {
        return m_blocks.size() * sizeof(Block) + m_offsets.size() * sizeof(uint32_t) + m_whole.size() * sizeof(int64_t);
    }
    // How many values are kept whole, for tests.
    size_t wholeCount() const { return m_whole.size(); }

private:
    static constexpr unsigned blockBits = 8;
    static constexpr size_t blockMask = (size_t(1) << blockBits) - 1;

    struct Block {
        int64_t base = 0; // the smallest value of a narrow block
        uint32_t first = 0; // where the block's values start in m_offsets (narrow) or m_whole
        bool narrow = false;
    };

    std::vector<Block> m_blocks;
    std::vector<uint32_t> m_offsets;
    std::vector<int64_t> m_whole;
    size_t m_size = 0;
};

} // namespace skein
