// SPDX-License-Identifier: MIT
// The dependency_links table (schema version 3): TraceStore's dependency graph members.
#include "database.h"
#include "tracestore.h"

#include <QDateTime>

namespace skein {

bool TraceStore::storeDependencies(const QString& endpoint, const QString& source,
    const std::vector<DependencyLink>& links, QString* errorMessage, int64_t* importId)
{
    auto fail = [&](const char* context) {
        if (errorMessage)
            *errorMessage = QStringLiteral("%1: %2").arg(QLatin1String(context), m_db->errorString());
        return false;
    };
    if (m_importOpen) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot store dependency links while an import is running");
        return false;
    }
    m_db->resetCached();
    Transaction transaction(*m_db, true);
    if (!transaction.isActive())
        return fail("Cannot start writing to the trace cache");
    if (!createTablesWithFirstWrite(errorMessage))
        return false;

    Statement record = m_db->prepare("INSERT INTO imports(source, format, status, imported_at_ms, records) "
                                     "VALUES(?1, 'jaeger-dependencies', 'imported', ?2, ?3)");
    if (!record.isValid())
        return fail("Cannot record the dependency links");
    record.bindString(1, source);
    record.bindInt64(2, QDateTime::currentMSecsSinceEpoch());
    record.bindInt64(3, int64_t(links.size()));
    if (!record.run())
        return fail("Cannot record the dependency links");
    const int64_t id = m_db->lastInsertRowId();

    Statement remove = m_db->prepare("DELETE FROM dependency_links WHERE source = ?1");
    if (!remove.isValid())
        return fail("Cannot replace the dependency links");
    remove.bindString(1, endpoint);
    if (!remove.run())
        return fail("Cannot replace the dependency links");

    Statement insert = m_db->prepare(
        "INSERT INTO dependency_links(parent, child, call_count, source, import_id) VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!insert.isValid())
        return fail("Cannot store the dependency links");
    for (const DependencyLink& link : links) {
        insert.reset();
        insert.bindString(1, link.parent);
        insert.bindString(2, link.child);
        insert.bindInt64(3, link.callCount);
        insert.bindString(4, endpoint);
        insert.bindInt64(5, id);
        if (!insert.run())
            return fail("Cannot store the dependency links");
    }
    if (!transaction.commit())
        return fail("Cannot commit the dependency links");
    firstWriteCommitted();
    if (importId)
        *importId = id;
    return true;
}

std::vector<StoredDependencyLink> TraceStore::dependencyLinks()
{
    if (!ensureTables())
        return {};
    std::vector<StoredDependencyLink> links;
    Statement select = m_db->prepare(
        "SELECT parent, child, call_count, source, import_id FROM dependency_links ORDER BY source, parent, child");
    while (select.isValid() && select.next()) {
        links.push_back({ DependencyLink { select.string(0), select.string(1), select.int64(2) }, select.string(3),
            select.int64(4) });
    }
    return links;
}

} // namespace skein
