// SPDX-License-Identifier: MIT
#include "dictionaries.h"

#include "database.h"

namespace skein {

namespace {
// Queries without a scope bind the name as ?1 and ignore the scope.
constexpr int noScope = -1;

struct TableSql {
    const char* select;
    const char* insert;
    const char* selectName;
    const char* insertWithId;
    const char* selectAll;
    const char* maxId;
};

// By Dictionaries::Table.
constexpr TableSql tableSql[] = {
    { "SELECT id FROM services WHERE name = ?1", "INSERT INTO services(name) VALUES(?1)",
        "SELECT name FROM services WHERE id = ?1", "INSERT INTO services(id, name) VALUES(?1, ?2)",
        "SELECT id, name, 0 FROM services", "SELECT max(id) FROM services" },
    { "SELECT id FROM operations WHERE name = ?1 AND service_id = ?2",
        "INSERT INTO operations(name, service_id) VALUES(?1, ?2)", "SELECT name FROM operations WHERE id = ?1",
        "INSERT INTO operations(id, name, service_id) VALUES(?1, ?2, ?3)",
        "SELECT id, name, service_id FROM operations", "SELECT max(id) FROM operations" },
    { "SELECT id FROM attr_keys WHERE name = ?1", "INSERT INTO attr_keys(name) VALUES(?1)",
        "SELECT name FROM attr_keys WHERE id = ?1", "INSERT INTO attr_keys(id, name) VALUES(?1, ?2)",
        "SELECT id, name, 0 FROM attr_keys", "SELECT max(id) FROM attr_keys" },
};
} // namespace

Dictionaries::Dictionaries(Database& db)
    : m_db(db)
{
}

Dictionaries::IdMap& Dictionaries::idsFor(Table table, int64_t scope)
{
    switch (table) {
    case Services:
        return m_serviceIds;
    case Operations:
        return m_operationIds[scope];
    case Keys:
        break;
    }
    return m_keyIds;
}

Dictionaries::NameMap& Dictionaries::namesFor(Table table)
{
    switch (table) {
    case Services:
        return m_serviceNames;
    case Operations:
        return m_operationNames;
    case Keys:
        break;
    }
    return m_keyNames;
}

int64_t Dictionaries::lookup(Table table, int64_t scope, std::string_view name, bool create)
{
    if (m_importing) {
        std::lock_guard lock(m_mutex);
        return lookupInMemory(table, scope, name, create);
    }
    IdMap& ids = idsFor(table, scope);
    if (auto it = ids.find(name); it != ids.end())
        return it->second;

    const TableSql& sql = tableSql[table];
    auto bind = [&](Statement* statement) {
        statement->bindText(1, name);
        if (scope != noScope)
            statement->bindInt64(2, scope);
    };
    int64_t id = 0;
    if (Statement* select = m_db.cached(sql.select)) {
        bind(select);
        if (select->next())
            id = select->int64(0);
        select->reset();
    }
    if (id == 0 && create) {
        Statement* insert = m_db.cached(sql.insert);
        if (!insert)
            return 0;
        bind(insert);
        if (!insert->run())
            return 0;
        id = m_db.lastInsertRowId();
    }
    if (id != 0) {
        ids.emplace(std::string(name), id);
        namesFor(table).emplace(id, std::string(name));
    }
    return id;
}

int64_t Dictionaries::lookupInMemory(Table table, int64_t scope, std::string_view name, bool create)
{
    IdMap& ids = idsFor(table, scope);
    if (auto it = ids.find(name); it != ids.end())
        return it->second;
    // Every stored name is in memory, so a name that is not is new.
    if (!create)
        return 0;
    const int64_t id = ++m_nextId[table];
    ids.emplace(std::string(name), id);
    namesFor(table).emplace(id, std::string(name));
    m_newNames.push_back({ table, id, scope, std::string(name) });
    return id;
}

const std::string* Dictionaries::name(Table table, int64_t id)
{
    std::unique_lock lock(m_mutex, std::defer_lock);
    if (m_importing)
        lock.lock();
    NameMap& names = namesFor(table);
    if (auto it = names.find(id); it != names.end())
        return &it->second; // nodes stay where they are, so the pointer outlives the lock
    if (m_importing)
        return nullptr;
    Statement* select = m_db.cached(tableSql[table].selectName);
    if (!select)
        return nullptr;
    select->bindInt64(1, id);
    const std::string* result = nullptr;
    if (select->next())
        result = &names.emplace(id, std::string(select->text(0))).first->second;
    select->reset();
    return result;
}

int64_t Dictionaries::serviceId(std::string_view name)
{
    return lookup(Services, noScope, name, true);
}

int64_t Dictionaries::findServiceId(std::string_view name)
{
    return lookup(Services, noScope, name, false);
}

const std::string* Dictionaries::serviceName(int64_t id)
{
    return name(Services, id);
}

int64_t Dictionaries::operationId(int64_t serviceId, std::string_view name)
{
    return lookup(Operations, serviceId, name, true);
}

int64_t Dictionaries::findOperationId(int64_t serviceId, std::string_view name)
{
    return lookup(Operations, serviceId, name, false);
}

const std::string* Dictionaries::operationName(int64_t id)
{
    return name(Operations, id);
}

uint64_t Dictionaries::keyId(std::string_view key)
{
    return uint64_t(lookup(Keys, noScope, key, true));
}

int64_t Dictionaries::findKeyId(std::string_view key)
{
    return lookup(Keys, noScope, key, false);
}

const std::string* Dictionaries::keyName(uint64_t id)
{
    if (id > uint64_t(INT64_MAX))
        return nullptr;
    return name(Keys, int64_t(id));
}

void Dictionaries::clear()
{
    m_serviceIds.clear();
    m_serviceNames.clear();
    m_operationIds.clear();
    m_operationNames.clear();
    m_keyIds.clear();
    m_keyNames.clear();
    m_newNames.clear();
}

bool Dictionaries::beginImport()
{
    clear();
    for (Table table : { Services, Operations, Keys }) {
        const TableSql& sql = tableSql[table];
        m_nextId[table] = m_db.queryInt64(sql.maxId, -1);
        Statement select = m_db.prepare(sql.selectAll);
        if (m_nextId[table] < 0 || !select.isValid())
            return false;
        NameMap& names = namesFor(table);
        while (select.next()) {
            const int64_t id = select.int64(0);
            const std::string_view name = select.text(1);
            idsFor(table, table == Operations ? select.int64(2) : noScope).emplace(std::string(name), id);
            names.emplace(id, std::string(name));
        }
        if (select.failed())
            return false;
    }
    m_importing = true;
    return true;
}

bool Dictionaries::writeNewNames()
{
    std::vector<NewName> names;
    {
        std::unique_lock lock(m_mutex, std::defer_lock);
        if (m_importing)
            lock.lock();
        names.swap(m_newNames);
    }
    for (const NewName& name : names) {
        Statement* insert = m_db.cached(tableSql[name.table].insertWithId);
        if (!insert)
            return false;
        insert->bindInt64(1, name.id);
        insert->bindText(2, name.name);
        if (name.table == Operations)
            insert->bindInt64(3, name.scope);
        if (!insert->run())
            return false;
    }
    return true;
}

void Dictionaries::endImport()
{
    m_importing = false;
}

} // namespace skein
