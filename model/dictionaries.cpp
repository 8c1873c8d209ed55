// SPDX-License-Identifier: MIT
#include "dictionaries.h"

#include "database.h"

namespace skein {

namespace {
// Queries without a scope bind the name as ?1 and ignore the scope.
constexpr int noScope = -1;
} // namespace

Dictionaries::Dictionaries(Database& db)
    : m_db(db)
{
}

int64_t Dictionaries::lookup(IdMap& ids, NameMap& names, const char* selectSql, const char* insertSql, int64_t scope,
    std::string_view name, bool create)
{
    if (auto it = ids.find(name); it != ids.end())
        return it->second;

    auto bind = [&](Statement* statement) {
        statement->bindText(1, name);
        if (scope != noScope)
            statement->bindInt64(2, scope);
    };
    int64_t id = 0;
    if (Statement* select = m_db.cached(selectSql)) {
        bind(select);
        if (select->next())
            id = select->int64(0);
        select->reset();
    }
    if (id == 0 && create) {
        Statement* insert = m_db.cached(insertSql);
        if (!insert)
            return 0;
        bind(insert);
        if (!insert->run())
            return 0;
        id = m_db.lastInsertRowId();
    }
    if (id != 0) {
        ids.emplace(std::string(name), id);
        names.emplace(id, std::string(name));
    }
    return id;
}

const std::string* Dictionaries::name(NameMap& names, const char* selectSql, int64_t id)
{
    if (auto it = names.find(id); it != names.end())
        return &it->second;
    Statement* select = m_db.cached(selectSql);
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
    return lookup(m_serviceIds, m_serviceNames, "SELECT id FROM services WHERE name = ?1",
        "INSERT INTO services(name) VALUES(?1)", noScope, name, true);
}

int64_t Dictionaries::findServiceId(std::string_view name)
{
    return lookup(m_serviceIds, m_serviceNames, "SELECT id FROM services WHERE name = ?1",
        "INSERT INTO services(name) VALUES(?1)", noScope, name, false);
}

const std::string* Dictionaries::serviceName(int64_t id)
{
    return name(m_serviceNames, "SELECT name FROM services WHERE id = ?1", id);
}

int64_t Dictionaries::operationId(int64_t serviceId, std::string_view name)
{
    return lookup(m_operationIds[serviceId], m_operationNames,
        "SELECT id FROM operations WHERE name = ?1 AND service_id = ?2",
        "INSERT INTO operations(name, service_id) VALUES(?1, ?2)", serviceId, name, true);
}

int64_t Dictionaries::findOperationId(int64_t serviceId, std::string_view name)
{
    return lookup(m_operationIds[serviceId], m_operationNames,
        "SELECT id FROM operations WHERE name = ?1 AND service_id = ?2",
        "INSERT INTO operations(name, service_id) VALUES(?1, ?2)", serviceId, name, false);
}

const std::string* Dictionaries::operationName(int64_t id)
{
    return name(m_operationNames, "SELECT name FROM operations WHERE id = ?1", id);
}

uint64_t Dictionaries::keyId(std::string_view key)
{
    return uint64_t(lookup(m_keyIds, m_keyNames, "SELECT id FROM attr_keys WHERE name = ?1",
        "INSERT INTO attr_keys(name) VALUES(?1)", noScope, key, true));
}

int64_t Dictionaries::findKeyId(std::string_view key)
{
    return lookup(m_keyIds, m_keyNames, "SELECT id FROM attr_keys WHERE name = ?1",
        "INSERT INTO attr_keys(name) VALUES(?1)", noScope, key, false);
}

const std::string* Dictionaries::keyName(uint64_t id)
{
    if (id > uint64_t(INT64_MAX))
        return nullptr;
    return name(m_keyNames, "SELECT name FROM attr_keys WHERE id = ?1", int64_t(id));
}

void Dictionaries::clear()
{
    m_serviceIds.clear();
    m_serviceNames.clear();
    m_operationIds.clear();
    m_operationNames.clear();
    m_keyIds.clear();
    m_keyNames.clear();
}

} // namespace skein
