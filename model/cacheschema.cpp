// SPDX-License-Identifier: MIT
#include "cacheschema.h"

#include "database.h"

#include <optional>
#include <string>

namespace skein {

namespace {

// Version 1. Span ids are stored as the int64 bit pattern of the uint64; trace ids as 16 big-endian
// bytes. Everything about a span that no query filters on lives in spans.data (see packedspan.h).
// Searches go through trace_index (see traceterms.h): one row per distinct (term, trace), which is
// several times fewer rows than one per span attribute and answers "traces having ..." directly.
// Rows refer to each other by INTEGER PRIMARY KEY ids, which VACUUM keeps.
constexpr const char* schemaV1 = R"sql(
CREATE TABLE services(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE operations(id INTEGER PRIMARY KEY, service_id INTEGER NOT NULL, name TEXT NOT NULL,
    UNIQUE(service_id, name));
CREATE TABLE attr_keys(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE resources(id INTEGER PRIMARY KEY, hash INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX resources_by_hash ON resources(hash);
CREATE TABLE scopes(id INTEGER PRIMARY KEY, hash INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX scopes_by_hash ON scopes(hash);
CREATE TABLE imports(id INTEGER PRIMARY KEY, source TEXT NOT NULL, format TEXT NOT NULL, status TEXT NOT NULL,
    imported_at_ms INTEGER NOT NULL, traces INTEGER NOT NULL DEFAULT 0, records INTEGER NOT NULL DEFAULT 0,
    spans INTEGER NOT NULL DEFAULT 0, services INTEGER NOT NULL DEFAULT 0, warnings TEXT, error TEXT);
CREATE TABLE spans(id INTEGER PRIMARY KEY, trace_id BLOB NOT NULL, span_id INTEGER NOT NULL,
    side INTEGER NOT NULL, parent_span_id INTEGER NOT NULL, service_id INTEGER NOT NULL,
    operation_id INTEGER NOT NULL, kind INTEGER NOT NULL, status INTEGER NOT NULL, start_ns INTEGER NOT NULL,
    duration_ns INTEGER NOT NULL, flags INTEGER NOT NULL, resource_id INTEGER, scope_id INTEGER,
    import_id INTEGER NOT NULL, data BLOB);
CREATE UNIQUE INDEX spans_by_key ON spans(trace_id, span_id, side);
CREATE TABLE traces(id INTEGER PRIMARY KEY, trace_id BLOB NOT NULL UNIQUE, start_ns INTEGER NOT NULL,
    duration_ns INTEGER NOT NULL, root_service_id INTEGER NOT NULL, root_operation_id INTEGER NOT NULL,
    span_count INTEGER NOT NULL, error_count INTEGER NOT NULL, services TEXT NOT NULL);
CREATE TABLE trace_index(term INTEGER NOT NULL, trace_rowid INTEGER NOT NULL, PRIMARY KEY(term, trace_rowid))
    WITHOUT ROWID;
)sql";

// Version 2: which spans link to which, so that a span's detail can list the spans (in any trace)
// that refer to it. Filled by imports; a version 1 cache is backfilled by TraceStore::open().
constexpr const char* schemaV2 = R"sql(
CREATE TABLE span_links(target_trace BLOB NOT NULL, target_span INTEGER NOT NULL, source_rowid INTEGER NOT NULL,
    link_type INTEGER NOT NULL, PRIMARY KEY(target_trace, target_span, source_rowid)) WITHOUT ROWID;
)sql";

// Version 3: the service dependency graph as a tracing backend reports it (Jaeger /api/dependencies),
// with the endpoint it came from; a newer fetch from the same endpoint replaces that endpoint's links.
constexpr const char* schemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS dependency_links(id INTEGER PRIMARY KEY, parent TEXT NOT NULL, child TEXT NOT NULL,
    call_count INTEGER NOT NULL, source TEXT NOT NULL, import_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dependency_links_by_source ON dependency_links(source);
)sql";

constexpr const char* createSecondary = R"sql(
CREATE INDEX IF NOT EXISTS traces_by_start ON traces(start_ns);
CREATE INDEX IF NOT EXISTS traces_by_root_service ON traces(root_service_id, start_ns);
)sql";

constexpr const char* dropSecondary = R"sql(
DROP INDEX IF EXISTS traces_by_start;
DROP INDEX IF EXISTS traces_by_root_service;
)sql";

struct Migration {
    int version;
    const char* firstSql;
    const char* secondSql;
};

constexpr Migration migrations[] = {
    { 1, schemaV1, createSecondary },
    { 2, schemaV2, nullptr },
    { 3, schemaV3, nullptr },
};

bool failWith(QString* errorMessage, const QString& message)
{
    if (errorMessage)
        *errorMessage = message;
    return false;
}

bool failToUpdate(QString* errorMessage, Database& db, const QString& path, int toVersion)
{
    return failWith(errorMessage,
        QStringLiteral("Cannot update the cache schema of %1 to version %2: %3")
            .arg(path)
            .arg(toVersion)
            .arg(db.errorString()));
}

// The version, and whether this file may be changed to the current one (nullopt with the reason in
// *errorMessage when not).
std::optional<int64_t> readVersion(Database& db, const QString& path, QString* errorMessage)
{
    // One statement, so that both facts come from the same state of the file.
    Statement versionQuery
        = db.prepare("SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)");
    if (!versionQuery.isValid() || !versionQuery.next()) {
        // SQLITE_NOTADB shows up here, on the first read of the file.
        failWith(errorMessage, QStringLiteral("%1 is not a trace cache: %2").arg(path, db.errorString()));
        return std::nullopt;
    }
    const int64_t version = versionQuery.int64(0);
    const int64_t schemaObjects = versionQuery.int64(1);
    if (version > CacheSchema::currentVersion) {
        failWith(errorMessage,
            QStringLiteral("%1 was written by a newer version of Skein (cache schema %2; this version "
                           "reads up to %3). Use a newer Skein or another cache file.")
                .arg(path)
                .arg(version)
                .arg(CacheSchema::currentVersion));
        return std::nullopt;
    }
    if (version == 0 && schemaObjects > 0) {
        failWith(errorMessage,
            QStringLiteral("%1 is a SQLite database but not a trace cache; refusing to change it.").arg(path));
        return std::nullopt;
    }
    return version;
}

} // namespace

bool CacheSchema::migrate(Database& db, const QString& path, QString* errorMessage, int* fromVersion)
{
    const std::optional<int64_t> version = readVersion(db, path, errorMessage);
    if (!version)
        return false;
    if (fromVersion)
        *fromVersion = int(*version);
    if (*version == currentVersion)
        return true;

    // All steps in one transaction: a new cache costs one commit (and its syncs), not one per version,
    // and an interrupted upgrade leaves the file as it was.
    Transaction transaction(db, true);
    if (!transaction.isActive())
        return failWith(
            errorMessage, QStringLiteral("Cannot update the cache schema of %1: %2").arg(path, db.errorString()));
    if (!migrateInTransaction(db, path, errorMessage, fromVersion))
        return false;
    return transaction.commit() || failToUpdate(errorMessage, db, path, currentVersion);
}

bool CacheSchema::migrateInTransaction(Database& db, const QString& path, QString* errorMessage, int* fromVersion)
{
    // Another connection (the window and an import opening a new cache at once) may have done it while
    // this one waited for the write lock: only what the file still lacks is done.
    const std::optional<int64_t> version = readVersion(db, path, errorMessage);
    if (!version)
        return false;
    if (fromVersion)
        *fromVersion = int(*version);
    for (const Migration& migration : migrations) {
        if (migration.version <= *version)
            continue;
        if (!db.exec(migration.firstSql) || (migration.secondSql && !db.exec(migration.secondSql)))
            return failToUpdate(errorMessage, db, path, migration.version);
    }
    if (*version == currentVersion)
        return true;
    const std::string setVersion = "PRAGMA user_version = " + std::to_string(currentVersion);
    return db.exec(setVersion) || failToUpdate(errorMessage, db, path, currentVersion);
}

bool CacheSchema::isUnused(Database& db)
{
    return db.queryInt64("SELECT (SELECT user_version FROM pragma_user_version) = 0 AND NOT EXISTS(SELECT 1 FROM "
                         "sqlite_schema)",
               0)
        == 1;
}

bool CacheSchema::dropSecondaryIndexes(Database& db)
{
    db.resetCached();
    return db.exec(dropSecondary);
}

bool CacheSchema::createSecondaryIndexes(Database& db)
{
    db.resetCached();
    return db.exec(createSecondary);
}

} // namespace skein
