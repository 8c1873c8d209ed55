// SPDX-License-Identifier: MIT
// A column of small numbers that nearly always fit in the Narrow type (a trace's operation names number
// far fewer than 65,536, its services and depths far fewer than 256): Narrow-sized until a value does not
// fit, then Wide-sized throughout. Values must fit in Wide.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace skein {

template <typename Narrow, typename Wide> class CompactIds {
public:
    CompactIds() = default;

    Wide operator[](size_t i) const { return m_wide.empty() ? Wide(m_narrow[i]) : m_wide[i]; }
    size_t size() const { return m_wide.empty() ? m_narrow.size() : m_wide.size(); }
    bool empty() const { return size() == 0; }
    bool isNarrow() const { return m_wide.empty() && !m_narrow.empty(); }

    void reserve(size_t count) { m_narrow.reserve(count); }
    // For writing out of order: resize once to the count and the largest value, then set each index.
    void resize(size_t count, Wide largest)
    {
        m_narrow.clear();
        m_wide.clear();
        if (fitsNarrow(largest))
            m_narrow.resize(count);
        else
            m_wide.resize(count);
    }
    void set(size_t i, Wide value)
    {
        if (m_wide.empty())
            m_narrow[i] = Narrow(value);
        else
            m_wide[i] = value;
    }
    void push_back(Wide value)
    {
        if (m_wide.empty() && !fitsNarrow(value))
            widen();
        if (m_wide.empty())
            m_narrow.push_back(Narrow(value));
        else
            m_wide.push_back(value);
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
        m_wide.assign(m_narrow.begin(), m_narrow.end());
        m_narrow = {};
    }

    std::vector<Narrow> m_narrow;
    std::vector<Wide> m_wide; // in use when not empty
};

} // namespace skein
