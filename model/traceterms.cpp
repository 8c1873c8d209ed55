// SPDX-License-Identifier: MIT
#include "traceterms.h"

namespace skein {

int64_t TraceTerms::attribute(int64_t keyId, std::string_view canonicalValue)
{
    // FNV-1a over the key id's 8 little-endian bytes and the value, then the splitmix64 finaliser so
    // that every input bit reaches the bits kept.
    uint64_t hash = 0xcbf29ce484222325ull;
    auto add = [&hash](uint8_t byte) {
        hash ^= byte;
        hash *= 0x100000001b3ull;
    };
    for (int i = 0; i < 8; ++i)
        add(uint8_t(uint64_t(keyId) >> (8 * i)));
    for (char c : canonicalValue)
        add(uint8_t(c));
    hash ^= hash >> 30;
    hash *= 0xbf58476d1ce4e5b9ull;
    hash ^= hash >> 27;
    hash *= 0x94d049bb133111ebull;
    hash ^= hash >> 31;
    return int64_t(((hash >> 3) << 2) | 3);
}

} // namespace skein
