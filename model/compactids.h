// SPDX-License-Identifier: MIT
// A column of small numbers that nearly always fit in the Narrow type (a trace's operation names number
// far fewer than 65,536, its services and depths far fewer than 256): Narrow-sized until a value does not
// fit, then Wide-sized throughout. Values must fit in Wide.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace skein {

template <typename Narrow, typename Wide> class CompactIds {
public:
    CompactIds() = default;

    Wide operator[](size_t i) const { return m_isWide ? m_wide[i] : Wide(m_narrow[i]); }
    size_t size() const { return m_isWide ? m_wide.size() : m_narrow.size(); }
    bool empty() const { return size() == 0; }
    bool isNarrow() const { return !m_isWide; }

    void reserve(size_t count)
    {
        if (m_isWide)
            m_wide.reserve(count);
        else
            m_narrow.reserve(count);
    }
    // For writing out of order: resize once to the count and the largest value, then set each index.
    void resize(size_t count, Wide largest)
    {
        m_narrow = {};
        m_wide = {};
        m_isWide = !fitsNarrow(largest);
        if (m_isWide)
            m_wide.resize(count);
        else
            m_narrow.resize(count);
    }
    void set(size_t i, Wide value)
    {
        if (m_isWide) {
            m_wide[i] = value;
        } else {
            Q_ASSERT(fitsNarrow(value)); // resize() was told a smaller largest value
            m_narrow[i] = Narrow(value);
        }
    }
    void push_back(Wide value)
    {
        if (!m_isWide && !fitsNarrow(value))
            widen();
        if (m_isWide)
            m_wide.push_back(value);
        else
            m_narrow.push_back(Narrow(value));
    }

    size_t memoryBytes() const { return m_narrow.size() * sizeof(Narrow) + m_wide.size() * sizeof(Wide); }

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Wide;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Wide;

        const_iterator() = default;
        const_iterator(const CompactIds* ids, size_t at)
            : m_ids(ids)
            , m_at(at)
        {
        }
        Wide operator*() const { return (*m_ids)[m_at]; }
        const_iterator& operator++()
        {
            ++m_at;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++m_at;
            return before;
        }
        bool operator==(const const_iterator& other) const { return m_at == other.m_at; }

    private:
        const CompactIds* m_ids = nullptr;
        size_t m_at = 0;
    };
    const_iterator begin() const { return { this, 0 }; }
    const_iterator end() const { return { this, size() }; }

private:
    static bool fitsNarrow(Wide value) { return Wide(Narrow(value)) == value; }
    void widen()
    {
        // As much room as was reserved for the narrow values, so that widening does not undo a reserve().
        m_wide.reserve(std::max(m_narrow.capacity(), m_narrow.size() + 1));
        m_wide.assign(m_narrow.begin(), m_narrow.end());
        m_narrow = {};
        m_isWide = true;
    }

    std::vector<Narrow> m_narrow;
    std::vector<Wide> m_wide;
    bool m_isWide = false;
};

} // namespace skein
