// SPDX-License-Identifier: MIT
#include "traceterms.h"

#include <bit>
#include <cstring>

namespace skein {

namespace {

// The splitmix64 finaliser: a bijection that spreads every input bit over the whole word.
uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

// Little-endian whatever the machine, since the result is stored.
uint64_t load(const char* bytes, size_t count)
{
    uint64_t word = 0;
    for (size_t i = 0; i < count; ++i)
        word |= uint64_t(uint8_t(bytes[i])) << (8 * i);
    return word;
}

uint64_t load8(const char* bytes)
{
    if constexpr (std::endian::native == std::endian::little) {
        uint64_t word;
        std::memcpy(&word, bytes, 8);
        return word;
    }
    return load(bytes, 8);
}

} // namespace

int64_t TraceTerms::attribute(int64_t keyId, std::string_view canonicalValue)
{
    // Eight bytes per round keeps hashing cheap next to the rest of an import.
    uint64_t hash = mix(uint64_t(keyId) ^ 0x9e3779b97f4a7c15ull) ^ (uint64_t(canonicalValue.size()) << 32);
    const char* bytes = canonicalValue.data();
    size_t remaining = canonicalValue.size();
    for (; remaining >= 8; remaining -= 8, bytes += 8)
        hash = mix(hash ^ load8(bytes)) + 0x9e3779b97f4a7c15ull;
    if (remaining)
        hash = mix(hash ^ load(bytes, remaining));
    hash = mix(hash);
    return int64_t(((hash >> 3) << 2) | 3);
}

} // namespace skein
