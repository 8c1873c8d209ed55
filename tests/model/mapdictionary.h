// SPDX-License-Identifier: MIT
// An attribute key dictionary in a map, for tests of the packed format without a cache.
#pragma once

#include "packedspan.h"

#include <map>
#include <string>
#include <string_view>

namespace skein::test {

class MapDictionary : public AttributeKeyDictionary {
public:
    uint64_t keyId(std::string_view key) override
    {
        if (failing)
            return 0;
        auto [it, inserted] = ids.try_emplace(std::string(key), ids.size() + 1);
        if (inserted)
            names[it->second] = it->first;
        return it->second;
    }
    const std::string* keyName(uint64_t id) override
    {
        auto it = names.find(id);
        return it == names.end() ? nullptr : &it->second;
    }

    bool failing = false; // every new key gets no id, as when the cache cannot store it
    std::map<std::string, uint64_t> ids;
    std::map<uint64_t, std::string> names;
};

} // namespace skein::test
