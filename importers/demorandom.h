// SPDX-License-Identifier: MIT
// The demo generator's random numbers: xoshiro256** seeded through splitmix64, and only integer
// arithmetic on top, so that a seed gives the same traces with every compiler and standard library
// (std::*_distribution and libm functions differ between implementations).
#pragma once

#include <cstdint>

namespace skein::demo {

class Random {
public:
    explicit Random(uint64_t seed)
    {
        uint64_t x = seed;
        for (uint64_t& word : m_state)
            word = splitMix(x);
    }

    uint64_t next()
    {
        const uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, n); 0 when n is 0. The modulo bias is far below anything a demo can show.
    uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
    // Uniform in [low, high].
    int64_t range(int64_t low, int64_t high) { return low + int64_t(below(uint64_t(high - low) + 1)); }
    // True with probability basisPoints / 10000.
    bool chance(uint32_t basisPoints) { return below(10000) < basisPoints; }
    // In [low, high], skewed towards low (the square of a uniform number), as latencies are.
    int64_t skewed(int64_t low, int64_t high)
    {
        const uint64_t r = below(65536);
        const uint64_t span = uint64_t(high - low);
        // span * r * r / 2^32 without overflow for spans below 2^32.
        return low + int64_t((span * ((r * r) >> 16)) >> 16);
    }
    uint64_t nonZero()
    {
        uint64_t value = next();
        while (value == 0)
            value = next();
        return value;
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static uint64_t splitMix(uint64_t& x)
    {
        uint64_t z = (x += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    uint64_t m_state[4];
};

} // namespace skein::demo
