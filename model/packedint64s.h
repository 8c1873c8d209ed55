// SPDX-License-Identifier: MIT
// A column of 64-bit values of which nearly all lie less than 2^31 above a common base (the row ids of one
// trace, span durations): those take 4 bytes, and the rare value outside takes 8 bytes more, aside.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace skein {

class PackedInt64s {
public:
    PackedInt64s() = default;
    explicit PackedInt64s(int64_t base)
        : m_base(base)
    {
    }

    int64_t operator[](size_t i) const
    {
        const uint32_t low = m_low[i];
        return low < wideBit ? int64_t(uint64_t(m_base) + low) : m_wide[low - wideBit];
    }
    size_t size() const { return m_low.size(); }
    bool empty() const { return m_low.empty(); }

    void reserve(size_t count) { m_low.reserve(count); }
    void push_back(int64_t value) { m_low.push_back(encode(value)); }
    // For writing out of order: resize once, then set each index once.
    void resize(size_t count) { m_low.resize(count); }
    void set(size_t i, int64_t value) { m_low[i] = encode(value); }

    size_t memoryBytes() const { return m_low.size() * sizeof(uint32_t) + m_wide.size() * sizeof(int64_t); }
    size_t wideCount() const { return m_wide.size(); }

private:
    static constexpr uint32_t wideBit = 0x80000000u;

    uint32_t encode(int64_t value)
    {
        // Unsigned, so that a value below the base wraps to a big offset instead of overflowing.
        const uint64_t offset = uint64_t(value) - uint64_t(m_base);
        if (offset < wideBit)
            return uint32_t(offset);
        m_wide.push_back(value);
        return wideBit | uint32_t(m_wide.size() - 1);
    }

    int64_t m_base = 0;
    std::vector<uint32_t> m_low; // the offset from the base, or wideBit | the slot in m_wide
    std::vector<int64_t> m_wide;
};

} // namespace skein
