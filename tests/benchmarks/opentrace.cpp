// SPDX-License-Identifier: MIT
#include "opentrace.h"

#include "benchstats.h"
#include "demogenerator.h"
#include "fileimport.h"
#include "tracestore.h"

#include <QDir>
#include <QFile>

#include <sqlite3.h>

namespace skein::bench {

std::optional<OpenTrace> biggestTrace(const QString& databasePath, QString* error)
{
    // Plain SQLite: findTraces() stops at a limit and orders by time, not by size.
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return std::nullopt;
    }
    std::optional<OpenTrace> trace;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(
            db, "SELECT trace_id, span_count FROM traces ORDER BY span_count DESC LIMIT 1", -1, &statement, nullptr)
            == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_bytes(statement, 0) == 16) {
        trace = OpenTrace { databasePath,
            TraceId::fromBytes(static_cast<const unsigned char*>(sqlite3_column_blob(statement, 0))),
            uint64_t(sqlite3_column_int64(statement, 1)) };
    } else if (error) {
        *error = QStringLiteral("no trace in %1 (%2)").arg(databasePath, QString::fromUtf8(sqlite3_errmsg(db)));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return trace;
}

std::optional<OpenTrace> importSingleTrace(uint64_t spans, const QString& directory, QString* error)
{
    const QDir dir(directory);
    const QString file = dir.filePath(QStringLiteral("open-%1.pb").arg(spans));
    const QString databasePath = dir.filePath(QStringLiteral("open-%1.sqlite").arg(spans));
    DemoOptions options;
    options.spans = spans;
    options.traces = 1;
    if (!writeDemoFile(options, DemoFormat::OtlpProto, file, error))
        return std::nullopt;
    {
        std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, error);
        if (!store)
            return std::nullopt;
        const ImportOutcome outcome = importFile(*store, file);
        QFile::remove(file);
        if (outcome.report.rejected) {
            if (error)
                *error = QString::fromStdString(outcome.report.error.message);
            return std::nullopt;
        }
    }
    return biggestTrace(databasePath, error);
}

double readRowsMs(const OpenTrace& trace)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(trace.databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    unsigned char bytes[16];
    trace.traceId.toBytes(bytes);
    sqlite3_stmt* bounds = nullptr;
    sqlite3_prepare_v2(db, "SELECT min(id), max(id) FROM spans WHERE trace_id = ?1", -1, &bounds, nullptr);
    sqlite3_bind_blob(bounds, 1, bytes, 16, SQLITE_STATIC);
    sqlite3_step(bounds);
    const int64_t first = sqlite3_column_int64(bounds, 0);
    const int64_t last = sqlite3_column_int64(bounds, 1);
    sqlite3_finalize(bounds);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
        "SELECT id, span_id, parent_span_id, side, service_id, operation_id, kind, status, start_ns, duration_ns "
        "FROM spans WHERE id BETWEEN ?1 AND ?2 AND +trace_id = ?3",
        -1, &statement, nullptr);
    sqlite3_bind_int64(statement, 1, first);
    sqlite3_bind_int64(statement, 2, last);
    sqlite3_bind_blob(statement, 3, bytes, 16, SQLITE_STATIC);
    int64_t sum = 0;
    while (sqlite3_step(statement) == SQLITE_ROW)
        sum += sqlite3_column_int64(statement, 8);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    const double ms = msSince(timer);
    return sum == 42 ? ms + 0 : ms; // keeps the loop from being optimised away
}

} // namespace skein::bench
