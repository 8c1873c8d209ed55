// SPDX-License-Identifier: MIT
// The cache's tables and their migrations (PRAGMA user_version counts the migrations applied).
#pragma once

#include <QString>

namespace skein {

class Database;

class CacheSchema {
public:
    static constexpr int currentVersion = 3;

    // Creates or upgrades the schema. Refuses a file written by a newer version, and a SQLite file
    // that holds something other than a cache.
    // fromVersion receives the version the file had (0 for a new file).
    static bool migrate(Database& db, const QString& path, QString* errorMessage, int* fromVersion = nullptr);
    // The same inside the caller's write transaction, which then owns the change: a new cache's tables
    // can come with its first import and cost no commit of their own.
    static bool migrateInTransaction(
        Database& db, const QString& path, QString* errorMessage, int* fromVersion = nullptr);
    // True for a file that holds nothing yet (a new cache); false for any other, and for a file that
    // cannot be read.
    static bool isUnused(Database& db);

    // The indexes that only serve reads. A bulk load into an empty cache drops them and rebuilds them
    // at its end, which is several times faster than maintaining them row by row.
    static bool dropSecondaryIndexes(Database& db);
    static bool createSecondaryIndexes(Database& db);
};

} // namespace skein
