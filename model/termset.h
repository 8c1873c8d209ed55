// SPDX-License-Identifier: MIT
// The distinct search terms of the trace an import is writing, so that repeats (every span of a trace
// adds its service, most add the same attributes) are dropped as they come instead of sorted out later.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace skein {

class TermSet {
public:
    TermSet() { clear(); }

    // True when the term was not in the set. Terms are never 0 (see traceterms.h), which marks a free slot.
    bool insert(int64_t term)
    {
        if (2 * (m_count + 1) > m_slots.size())
            grow();
        for (size_t slot = slotOf(term);; slot = (slot + 1) & (m_slots.size() - 1)) {
            if (m_slots[slot] == term)
                return false;
            if (m_slots[slot] == 0) {
                m_slots[slot] = term;
                ++m_count;
                return true;
            }
        }
    }

    void clear()
    {
        // A big trace's table is not kept for the small ones after it: clearing costs its whole size.
        if (m_slots.size() != initialSlots && m_count * 8 < m_slots.size())
            m_slots = std::vector<int64_t>(initialSlots, 0);
        else
            std::fill(m_slots.begin(), m_slots.end(), 0);
        m_count = 0;
    }

private:
    static constexpr size_t initialSlots = 1024;

    size_t slotOf(int64_t term) const
    {
        // Attribute terms are hashes already; the multiplication spreads the small service and operation ids.
        return size_t((uint64_t(term) * 0x9e3779b97f4a7c15ull) >> 32) & (m_slots.size() - 1);
    }

    void grow()
    {
        std::vector<int64_t> old(m_slots.size() * 2, 0);
        old.swap(m_slots);
        m_count = 0;
        for (int64_t term : old) {
            if (term != 0)
                insert(term);
        }
    }

    std::vector<int64_t> m_slots = std::vector<int64_t>(initialSlots, 0);
    size_t m_count = 0;
};

} // namespace skein
