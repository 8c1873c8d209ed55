// SPDX-License-Identifier: MIT
// The cache's name dictionaries (services, operations per service, attribute keys), with the ids held
// in memory so that a bulk import looks each name up once.
#pragma once

#include "packedspan.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace skein {

class Database;

class Dictionaries : public AttributeKeyDictionary {
public:
    explicit Dictionaries(Database& db);

    // The *Id functions create missing entries and return 0 on a database error; find* return 0 when
    // the name is not there. The empty name is an entry like any other.
    int64_t serviceId(std::string_view name);
    int64_t findServiceId(std::string_view name);
    const std::string* serviceName(int64_t id);

    int64_t operationId(int64_t serviceId, std::string_view name);
    int64_t findOperationId(int64_t serviceId, std::string_view name);
    const std::string* operationName(int64_t id);

    uint64_t keyId(std::string_view key) override;
    int64_t findKeyId(std::string_view key);
    const std::string* keyName(uint64_t id) override;

    // Forgets every id: after a rollback, ids handed out during the transaction may be gone or reused.
    void clear();

    // For the length of an import's write transaction (which keeps every other writer out): every name
    // is loaded into memory, a new name gets the next free id at once, without touching the database,
    // and any thread may call the functions above, so that spans can be encoded on the thread that
    // parses them while the store's thread writes. writeNewNames() (on the store's thread) stores the
    // names created since its last call; it must run before any row that uses their ids is committed.
    bool beginImport();
    bool writeNewNames();
    void endImport();

private:
    struct TextHash {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
    };
    using IdMap = std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>>;
    using NameMap = std::unordered_map<int64_t, std::string>;
    enum Table { Services, Operations, Keys };
    struct NewName {
        Table table;
        int64_t id;
        int64_t scope;
        std::string name;
    };

    IdMap& idsFor(Table table, int64_t scope);
    NameMap& namesFor(Table table);
    int64_t lookup(Table table, int64_t scope, std::string_view name, bool create);
    int64_t lookupInMemory(Table table, int64_t scope, std::string_view name, bool create);
    const std::string* name(Table table, int64_t id);

    Database& m_db;
    IdMap m_serviceIds;
    NameMap m_serviceNames;
    std::unordered_map<int64_t, IdMap> m_operationIds; // by service id
    NameMap m_operationNames;
    IdMap m_keyIds;
    NameMap m_keyNames;

    // Import mode: the maps hold every name, guarded by m_mutex.
    bool m_importing = false;
    std::mutex m_mutex;
    int64_t m_nextId[3] = { 0, 0, 0 }; // by Table
    std::vector<NewName> m_newNames; // not yet written
};

} // namespace skein
