// SPDX-License-Identifier: MIT
#include "tracestore.h"

#include "cacheschema.h"
#include "database.h"
#include "dictionaries.h"
#include "packedspan.h"
#include "spanrow.h"
#include "traceindexbuilder.h"
#include "traceterms.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <iterator>
#include <thread>
#include <unordered_map>
#include <vector>

namespace skein {

namespace {

const QLatin1String memoryPath(":memory:");
// traces.services joins names with the ASCII unit separator, which service names do not contain.
constexpr char serviceSeparator = '\x1f';

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString nameOrEmpty(const std::string* name)
{
    return name ? QString::fromStdString(*name) : QString();
}

TraceSummary summaryFromRow(const Statement& row, Dictionaries& dictionaries)
{
    TraceSummary summary;
    summary.traceId = traceIdFromBlob(row.blob(0));
    summary.startNs = row.int64(1);
    summary.durationNs = row.int64(2);
    summary.rootService = nameOrEmpty(dictionaries.serviceName(row.int64(3)));
    summary.rootOperation = nameOrEmpty(dictionaries.operationName(row.int64(4)));
    summary.spanCount = row.int64(5);
    summary.errorCount = row.int64(6);
    const std::string_view services = row.text(7);
    if (!services.empty())
        summary.services = toQString(services).split(QChar::fromLatin1(serviceSeparator));
    return summary;
}

constexpr const char* summaryColumns
    = "t.trace_id, t.start_ns, t.duration_ns, t.root_service_id, t.root_operation_id, t.span_count, t.error_count, "
      "t.services";

struct TraceQuery {
    std::string sql;
    std::vector<int64_t> values; // bound in order
    bool matchesNothing = false; // a named service, operation or key that the cache has never seen
};

// "The trace has at least one of these terms."
using TermGroup = std::vector<int64_t>;

// Below this many matching traces, a search starts from the term's index rows and sorts them by
// start; above it, walking the traces newest first and probing the term is sooner done.
constexpr int64_t selectiveTermLimit = 20000;

std::string placeholders(size_t count)
{
    std::string text;
    for (size_t i = 0; i < count; ++i)
        text += i ? ", ?" : "?";
    return text;
}

int64_t countTraces(Database& db, const TermGroup& group)
{
    Statement count = db.prepare("SELECT count(*) FROM (SELECT 1 FROM trace_index WHERE term IN ("
        + placeholders(group.size()) + ") LIMIT " + std::to_string(selectiveTermLimit) + ")");
    for (size_t i = 0; i < group.size(); ++i)
        count.bindInt64(int(i + 1), group[i]);
    return count.isValid() && count.next() ? count.int64(0) : selectiveTermLimit;
}

TraceQuery buildTraceQuery(const TraceFilter& filter, Database& db, Dictionaries& dictionaries)
{
    TraceQuery query;

    std::vector<TermGroup> groups;
    if (!filter.service.isEmpty()) {
        const int64_t serviceId = dictionaries.findServiceId(filter.service.toStdString());
        const int64_t operationId = serviceId && !filter.operation.isEmpty()
            ? dictionaries.findOperationId(serviceId, filter.operation.toStdString())
            : 0;
        if (serviceId == 0 || (!filter.operation.isEmpty() && operationId == 0)) {
            query.matchesNothing = true;
            return query;
        }
        groups.push_back({ operationId ? TraceTerms::operation(operationId) : TraceTerms::service(serviceId) });
    } else if (!filter.operation.isEmpty()) {
        // The operation of any service: every service's operation of that name.
        TermGroup group;
        Statement operations = db.prepare("SELECT id FROM operations WHERE name = ?1");
        operations.bindString(1, filter.operation);
        while (operations.isValid() && operations.next())
            group.push_back(TraceTerms::operation(operations.int64(0)));
        if (group.empty()) {
            query.matchesNothing = true;
            return query;
        }
        groups.push_back(std::move(group));
    }
    for (const auto& [key, value] : filter.tags) {
        const int64_t keyId = dictionaries.findKeyId(key.toStdString());
        if (keyId == 0) {
            query.matchesNothing = true;
            return query;
        }
        groups.push_back({ TraceTerms::attribute(keyId, value.toStdString()) });
    }

    // The most selective group, if selective enough, drives the search.
    size_t driver = groups.size();
    int64_t driverCount = selectiveTermLimit;
    for (size_t i = 0; i < groups.size(); ++i) {
        const int64_t count = countTraces(db, groups[i]);
        if (count < driverCount) {
            driver = i;
            driverCount = count;
        }
    }

    std::string sql = std::string("SELECT ") + summaryColumns;
    if (driver < groups.size()) {
        sql += " FROM (SELECT DISTINCT trace_rowid FROM trace_index WHERE term IN ("
            + placeholders(groups[driver].size()) + ")) x CROSS JOIN traces t ON t.id = x.trace_rowid WHERE 1";
        for (int64_t term : groups[driver])
            query.values.push_back(term);
    } else {
        sql += " FROM traces t WHERE 1";
    }
    auto addNumber = [&](const char* clause, int64_t value) {
        sql += clause;
        query.values.push_back(value);
    };
    if (filter.startFromNs)
        addNumber(" AND t.start_ns >= ?", *filter.startFromNs);
    if (filter.startToNs)
        addNumber(" AND t.start_ns <= ?", *filter.startToNs);
    if (filter.minDurationNs)
        addNumber(" AND t.duration_ns >= ?", *filter.minDurationNs);
    if (filter.maxDurationNs)
        addNumber(" AND t.duration_ns <= ?", *filter.maxDurationNs);
    for (size_t i = 0; i < groups.size(); ++i) {
        if (i == driver)
            continue;
        sql += " AND EXISTS (SELECT 1 FROM trace_index WHERE term IN (" + placeholders(groups[i].size())
            + ") AND trace_rowid = t.id)";
        for (int64_t term : groups[i])
            query.values.push_back(term);
    }
    sql += " ORDER BY t.start_ns DESC LIMIT ?";
    // A limit of 0 or less means no limit, as in SQLite.
    query.values.push_back(filter.limit > 0 ? int64_t(filter.limit) : int64_t(-1));
    query.sql = std::move(sql);
    return query;
}

void bindAll(Statement& statement, const std::vector<int64_t>& values)
{
    for (size_t i = 0; i < values.size(); ++i)
        statement.bindInt64(int(i + 1), values[i]);
}

ImportMessage messageFromJson(const QJsonObject& object)
{
    ImportMessage message;
    message.message = object.value(QLatin1String("message")).toString().toStdString();
    message.position.line = object.value(QLatin1String("line")).toInteger(0);
    message.position.column = object.value(QLatin1String("column")).toInteger(0);
    message.position.offset = object.value(QLatin1String("offset")).toInteger(-1);
    return message;
}

} // namespace

TraceStore::TraceStore(std::unique_ptr<Database> db, QString path)
    : m_db(std::move(db))
    , m_dictionaries(std::make_unique<Dictionaries>(*m_db))
    , m_path(std::move(path))
{
}

TraceStore::~TraceStore() = default;

std::unique_ptr<TraceStore> TraceStore::open(const QString& path, QString* errorMessage, NewCache newCache)
{
    const bool inMemory = path == memoryPath;
    if (!inMemory) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder)) {
            if (errorMessage)
                *errorMessage = QStringLiteral("Cannot create the folder %1 for the trace cache.").arg(folder);
            return nullptr;
        }
    }
    std::unique_ptr<Database> db = Database::open(path, errorMessage);
    if (!db)
        return nullptr;
    // Another process (a second window, the command line) may hold the write lock for a moment.
    db->exec("PRAGMA busy_timeout = 5000");
    // Takes effect only on a new, empty file: bigger pages mean fewer b-tree levels and write calls
    // for a bulk import of millions of small rows.
    db->exec("PRAGMA page_size = 16384");
    // WAL lets readers work while an import writes. 64 MB of page cache keeps a million-span import
    // fast while its peak memory stays far below what the GUI can afford; the WAL is cut back to
    // 64 MB after a big import has been checkpointed.
    constexpr const char* walMode = "PRAGMA journal_mode = WAL";
    constexpr const char* settings[] = {
        "PRAGMA cache_size = -65536",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA journal_size_limit = 67108864",
    };
    // A new cache whose first import comes next keeps its rollback journal until that import ends (see
    // NewCache::ImportsFirst); FULL is what makes a rollback journal safe against a power cut.
    auto setUp = [&](bool keepRollbackJournal) {
        std::vector<const char*> pragmas;
        if (keepRollbackJournal)
            pragmas = { "PRAGMA synchronous = FULL" };
        else
            pragmas = { walMode, "PRAGMA synchronous = NORMAL" };
        pragmas.insert(pragmas.end(), std::begin(settings), std::end(settings));
        for (const char* pragma : pragmas) {
            if (db->exec(pragma))
                continue;
            // Changing the journal mode needs the file to itself for a moment and does not wait for it. It is
            // busy while another connection creates the same new cache (which sets the WAL itself) or a bulk
            // import has left the WAL until it ends (and comes back to it then): the mode it has serves.
            if (pragma == walMode && db->lastCallWasBusy())
                continue;
            if (errorMessage)
                *errorMessage = QStringLiteral("Cannot set up the trace cache %1: %2").arg(path, db->errorString());
            return false;
        }
        return true;
    };
    // A new cache gets its WAL before its tables: creating them then commits without waiting for the
    // disk. Any other file keeps its journal until it is known to be a cache.
    const bool unused = !inMemory && CacheSchema::isUnused(*db);
    const bool keepRollbackJournal = unused && newCache == NewCache::ImportsFirst;
    if (unused && !setUp(keepRollbackJournal))
        return nullptr;
    if (keepRollbackJournal) {
        // Its tables come with that import, in the same transaction: one commit for both.
        std::unique_ptr<TraceStore> store(new TraceStore(std::move(db), path));
        store->m_tablesComeWithFirstImport = true;
        return store;
    }
    int fromVersion = 0;
    if (!CacheSchema::migrate(*db, path, errorMessage, &fromVersion) || !setUp(false))
        return nullptr;
    std::unique_ptr<TraceStore> store(new TraceStore(std::move(db), path));
    if (fromVersion == 1 && !store->backfillSpanLinks()) {
        if (errorMessage)
            *errorMessage
                = QStringLiteral("Cannot index the span links of %1: %2").arg(path, store->m_db->errorString());
        return nullptr;
    }
    return store;
}

bool TraceStore::backfillSpanLinks()
{
    Transaction transaction(*m_db, true);
    Statement select = m_db->prepare("SELECT id, trace_id, start_ns, data FROM spans WHERE data IS NOT NULL");
    Statement insert = m_db->prepare("INSERT OR IGNORE INTO span_links(target_trace, target_span, source_rowid, "
                                     "link_type) VALUES (?1, ?2, ?3, ?4)");
    if (!transaction.isActive() || !select.isValid() || !insert.isValid())
        return false;
    while (select.next()) {
        SpanRecord span;
        span.traceId = traceIdFromBlob(select.blob(1));
        span.startNs = select.int64(2);
        if (!PackedSpan::decodeDetails(select.blob(3), *m_dictionaries, span, nullptr))
            continue;
        for (const SpanLink& link : span.links) {
            const TraceIdBytes target(link.traceId);
            insert.reset();
            insert.bindBlob(1, target.view());
            insert.bindInt64(2, int64_t(link.spanId));
            insert.bindInt64(3, select.int64(0));
            insert.bindInt64(4, int64_t(link.type));
            if (!insert.run())
                return false;
        }
    }
    return !select.failed() && transaction.commit();
}

bool TraceStore::ensureTables()
{
    if (!m_tablesComeWithFirstImport)
        return true;
    QString error;
    if (!CacheSchema::migrate(*m_db, m_path, &error)) {
        m_db->setError(error.toStdString());
        return false;
    }
    firstWriteCommitted();
    return true;
}

bool TraceStore::createTablesWithFirstWrite(QString* errorMessage)
{
    return !m_tablesComeWithFirstImport || CacheSchema::migrateInTransaction(*m_db, m_path, errorMessage);
}

QString TraceStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QLatin1String("/cache.sqlite");
}

QString TraceStore::path() const
{
    return m_path;
}

std::unique_ptr<ImportSession> TraceStore::beginImport(const QString& source, ImportMode mode)
{
    if (m_importOpen)
        return nullptr;
    m_importOpen = true;
    return std::unique_ptr<ImportSession>(new ImportSession(*this, source, mode));
}

StoreInfo TraceStore::info()
{
    ensureTables(); // a cache without tables reads as empty
    StoreInfo info;
    info.path = m_path;
    info.traces = m_db->queryInt64("SELECT count(*) FROM traces");
    info.spans = m_db->queryInt64("SELECT count(*) FROM spans");
    info.services = m_db->queryInt64("SELECT count(*) FROM services WHERE name <> ''");
    info.operations = m_db->queryInt64("SELECT count(*) FROM operations WHERE name <> ''");
    info.imports = m_db->queryInt64("SELECT count(*) FROM imports WHERE status <> 'importing'");
    if (m_path != memoryPath) {
        const QFileInfo file(m_path);
        const QFileInfo wal(m_path + QLatin1String("-wal"));
        info.fileBytes = (file.exists() ? file.size() : 0) + (wal.exists() ? wal.size() : 0);
    }
    return info;
}

std::vector<TraceSummary> TraceStore::findTraces(const TraceFilter& filter)
{
    if (!ensureTables())
        return {};
    std::vector<TraceSummary> result;
    const TraceQuery query = buildTraceQuery(filter, *m_db, *m_dictionaries);
    if (query.matchesNothing)
        return result;
    Statement statement = m_db->prepare(query.sql);
    if (!statement.isValid())
        return result;
    bindAll(statement, query.values);
    while (statement.next())
        result.push_back(summaryFromRow(statement, *m_dictionaries));
    return result;
}

QStringList TraceStore::findTracesPlan(const TraceFilter& filter)
{
    if (!ensureTables())
        return {};
    QStringList plan;
    const TraceQuery query = buildTraceQuery(filter, *m_db, *m_dictionaries);
    if (query.matchesNothing)
        return plan;
    Statement statement = m_db->prepare("EXPLAIN QUERY PLAN " + query.sql);
    if (!statement.isValid())
        return plan;
    bindAll(statement, query.values);
    while (statement.next())
        plan.append(statement.string(3));
    return plan;
}

std::optional<TraceSummary> TraceStore::traceSummary(const TraceId& traceId)
{
    if (!ensureTables())
        return std::nullopt;
    Statement* statement
        = m_db->cached(std::string("SELECT ") + summaryColumns + " FROM traces t WHERE t.trace_id = ?1");
    if (!statement)
        return std::nullopt;
    const TraceIdBytes id(traceId);
    statement->bindBlob(1, id.view());
    std::optional<TraceSummary> summary;
    if (statement->next())
        summary = summaryFromRow(*statement, *m_dictionaries);
    statement->reset();
    return summary;
}

std::vector<SpanRecord> TraceStore::loadTrace(const TraceId& traceId)
{
    std::vector<std::pair<int64_t, SpanRecord>> rows;
    forEachSpan(traceId, [&](int64_t rowId, SpanRecord& span) {
        rows.emplace_back(rowId, std::move(span));
        return true;
    });
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.second.startNs != b.second.startNs ? a.second.startNs < b.second.startNs : a.first < b.first;
    });
    std::vector<SpanRecord> spans;
    spans.reserve(rows.size());
    for (auto& row : rows)
        spans.push_back(std::move(row.second));
    return spans;
}

std::optional<std::pair<int64_t, int64_t>> TraceStore::probableRun(const TraceId& traceId)
{
    // One import writes a trace's rows one after the other, so they are nearly always one run of row ids.
    // The trace's span count and a binary search for the ends of the run around one of its rows find it in
    // about forty lookups; counting the trace's entries in the index would step through a million.
    const TraceIdBytes id(traceId);
    Statement* count = m_db->cached("SELECT span_count FROM traces WHERE trace_id = ?1");
    if (!count)
        return std::nullopt;
    count->bindBlob(1, id.view());
    const int64_t spanCount = count->next() ? count->int64(0) : 0;
    count->reset();
    Statement* any = m_db->cached("SELECT id FROM spans WHERE trace_id = ?1 LIMIT 1");
    if (spanCount <= 0 || !any)
        return std::nullopt;
    any->bindBlob(1, id.view());
    const std::optional<int64_t> row = any->next() ? std::optional<int64_t>(any->int64(0)) : std::nullopt;
    any->reset();
    if (!row || *row < INT64_MIN + spanCount || *row > INT64_MAX - spanCount)
        return std::nullopt;
    Statement* probe = m_db->cached("SELECT trace_id FROM spans WHERE id = ?1");
    if (!probe)
        return std::nullopt;
    auto belongs = [&](int64_t candidate) {
        probe->reset();
        probe->bindInt64(1, candidate);
        const bool yes = probe->next() && probe->blob(0) == id.view();
        probe->reset();
        return yes;
    };
    // The end of the run between a row of the trace and one beyond it, as if the run had no gaps.
    auto end = [&](int64_t inside, int64_t outside) {
        while (inside - outside > 1 || outside - inside > 1) {
            const int64_t middle = inside + (outside - inside) / 2;
            (belongs(middle) ? inside : outside) = middle;
        }
        return inside;
    };
    if (belongs(*row - spanCount) || belongs(*row + spanCount))
        return std::nullopt;
    const int64_t first = end(*row, *row - spanCount);
    const int64_t last = end(*row, *row + spanCount);
    if (last - first + 1 != spanCount)
        return std::nullopt;
    return std::make_pair(first, last);
}

std::vector<std::pair<int64_t, int64_t>> TraceStore::rowRanges(const TraceId& traceId, bool* probable)
{
    if (probable) {
        *probable = false;
        if (const std::optional<std::pair<int64_t, int64_t>> run = probableRun(traceId)) {
            *probable = true;
            return { *run };
        }
    }
    // The unique (trace_id, span_id, side) index lists a trace's rows in span id order, which is random
    // in row order: reading the rows that way jumps all over the table. So collect the row ids from the
    // index alone (it covers them), then read the rows in runs of consecutive ids, front to back.
    const TraceIdBytes id(traceId);
    // Usually the rows are one run, which the bounds and the count show without sorting a million ids.
    Statement bounds = m_db->prepare("SELECT min(id), max(id), count(*) FROM spans WHERE trace_id = ?1");
    if (!bounds.isValid())
        return {};
    bounds.bindBlob(1, id.view());
    if (!bounds.next())
        return {};
    const int64_t rowCount = bounds.int64(2);
    if (rowCount == 0)
        return {};
    if (bounds.int64(1) - bounds.int64(0) + 1 == rowCount)
        return { { bounds.int64(0), bounds.int64(1) } };

    std::vector<int64_t> ids;
    Statement select = m_db->prepare("SELECT id FROM spans WHERE trace_id = ?1");
    if (!select.isValid())
        return {};
    select.bindBlob(1, id.view());
    while (select.next())
        ids.push_back(select.int64(0));
    std::sort(ids.begin(), ids.end());
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (int64_t rowId : ids) {
        if (!ranges.empty() && ranges.back().second + 1 == rowId)
            ranges.back().second = rowId;
        else
            ranges.emplace_back(rowId, rowId);
    }
    return ranges;
}

bool TraceStore::forEachRow(const TraceId& traceId, const std::string& columns,
    const std::function<bool(const Statement& row)>& visit, size_t* rowCount)
{
    bool probable = false;
    const std::vector<std::pair<int64_t, int64_t>> ranges = rowRanges(traceId, &probable);
    size_t expected = 0;
    for (const auto& [first, last] : ranges)
        expected += size_t(last - first + 1);
    if (rowCount)
        *rowCount = expected;
    const TraceIdBytes id(traceId);
    Statement statement = m_db->prepare(
        "SELECT " + columns + " FROM spans WHERE id BETWEEN ?1 AND ?2" + (probable ? " AND +trace_id = ?3" : ""));
    if (!statement.isValid())
        return false;
    size_t visited = 0;
    for (const auto& [first, last] : ranges) {
        statement.reset();
        statement.bindInt64(1, first);
        statement.bindInt64(2, last);
        if (probable)
            statement.bindBlob(3, id.view());
        for (; statement.next(); ++visited)
            if (!visit(statement))
                return false;
        if (statement.failed())
            return false;
    }
    if (!probable || visited == expected)
        return true;
    // The run held rows of other traces, so some of this one's lie elsewhere.
    Statement rest = m_db->prepare(
        "SELECT " + columns + " FROM spans WHERE trace_id = ?1 AND id NOT BETWEEN ?2 AND ?3 ORDER BY id");
    if (!rest.isValid())
        return false;
    rest.bindBlob(1, id.view());
    rest.bindInt64(2, ranges.front().first);
    rest.bindInt64(3, ranges.front().second);
    while (rest.next())
        if (!visit(rest))
            return false;
    return !rest.failed();
}

namespace {

// Decodes span rows with their resources and scopes, sharing one Resource object per resources row
// (as the importers deliver them).
class SpanRowDecoder {
public:
    SpanRowDecoder(Database& db, Dictionaries& dictionaries)
        : m_db(db)
        , m_dictionaries(dictionaries)
    {
    }

    SpanRecord decode(const Statement& statement)
    {
        SpanRow row = SpanRow::fromStatement(statement);
        SpanRecord& span = row.span;
        std::string error;
        if (!PackedSpan::decodeDetails(row.data, m_dictionaries, span, &error))
            span.warnings.push_back("The cached details of this span are damaged (" + error + ").");
        if (const std::string* service = m_dictionaries.serviceName(row.serviceId))
            span.serviceName = *service;
        if (const std::string* operation = m_dictionaries.operationName(row.operationId))
            span.name = *operation;
        span.resource = resourceFor(row.resourceId);
        if (row.resourceId != 0 && !span.resource)
            span.warnings.push_back("The cached resource of this span is damaged.");
        span.scope = scopeFor(row.scopeId);
        if (row.scopeId != 0 && !span.scope)
            span.warnings.push_back("The cached instrumentation scope of this span is damaged.");
        return std::move(span);
    }

    std::shared_ptr<const Resource> resourceFor(int64_t rowId)
    {
        if (rowId == 0)
            return nullptr;
        auto [it, inserted] = m_resources.try_emplace(rowId);
        if (inserted) {
            auto resource = std::make_shared<Resource>();
            if (loadBlob("SELECT data FROM resources WHERE id = ?1", rowId, *resource,
                    [&](std::string_view blob, Resource& out) {
                        return PackedSpan::decodeResource(blob, m_dictionaries, out, nullptr);
                    }))
                it->second = std::move(resource);
        }
        return it->second;
    }

    std::shared_ptr<const InstrumentationScope> scopeFor(int64_t rowId)
    {
        if (rowId == 0)
            return nullptr;
        auto [it, inserted] = m_scopes.try_emplace(rowId);
        if (inserted) {
            auto scope = std::make_shared<InstrumentationScope>();
            if (loadBlob("SELECT data FROM scopes WHERE id = ?1", rowId, *scope,
                    [&](std::string_view blob, InstrumentationScope& out) {
                        return PackedSpan::decodeScope(blob, m_dictionaries, out, nullptr);
                    }))
                it->second = std::move(scope);
        }
        return it->second;
    }

private:
    template <typename Decoded, typename Decode>
    bool loadBlob(const char* sql, int64_t rowId, Decoded& decoded, Decode decode)
    {
        Statement* select = m_db.cached(sql);
        if (!select)
            return false;
        select->bindInt64(1, rowId);
        bool ok = false;
        if (select->next())
            ok = decode(select->blob(0), decoded);
        select->reset();
        return ok;
    }

    Database& m_db;
    Dictionaries& m_dictionaries;
    std::unordered_map<int64_t, std::shared_ptr<const Resource>> m_resources;
    std::unordered_map<int64_t, std::shared_ptr<const InstrumentationScope>> m_scopes;
};

} // namespace

bool TraceStore::forEachSpan(const TraceId& traceId, const std::function<bool(int64_t rowId, SpanRecord& span)>& visit)
{
    if (!ensureTables())
        return false;
    SpanRowDecoder decoder(*m_db, *m_dictionaries);
    return forEachRow(traceId, SpanRow::columns, [&](const Statement& row) {
        const int64_t rowId = row.int64(0);
        SpanRecord span = decoder.decode(row);
        return visit(rowId, span);
    });
}

std::optional<SpanRecord> TraceStore::loadSpan(int64_t rowId)
{
    if (!ensureTables())
        return std::nullopt;
    Statement statement = m_db->prepare(std::string("SELECT ") + SpanRow::columns + " FROM spans WHERE id = ?1");
    if (!statement.isValid())
        return std::nullopt;
    statement.bindInt64(1, rowId);
    if (!statement.next())
        return std::nullopt;
    SpanRowDecoder decoder(*m_db, *m_dictionaries);
    return decoder.decode(statement);
}

namespace {

// The columns the index needs; a row's id is its place in its run.
constexpr const char* indexColumns
    = "span_id, parent_span_id, side, service_id, operation_id, kind, status, start_ns, duration_ns";
// The columns of a PackedSpanRow, as packedSpanRow() reads them.
constexpr const char* packedColumns = "id, start_ns, resource_id, scope_id, data";

// Selects columns of the rows with ids in [?1, ?2]; with check, only those of the trace ?3 (for a probable run).
std::string rowsOfRunSql(const std::string& columns, bool check)
{
    return "SELECT " + columns + " FROM spans WHERE id BETWEEN ?1 AND ?2" + (check ? " AND +trace_id = ?3" : "");
}

constexpr int detailsColumnsInIndexRows = 9; // the details' columns come after the index's nine

// The row that the packedColumns from first on hold.
PackedSpanRow packedSpanRow(const Statement& statement, int first)
{
    PackedSpanRow row;
    row.rowId = statement.int64(first);
    row.startNs = statement.int64(first + 1);
    row.resourceId = statement.int64(first + 2);
    row.scopeId = statement.int64(first + 3);
    row.details = statement.blob(first + 4);
    return row;
}

class ConnectionSpanContext : public PackedSpanContext {
public:
    // For the store's own connection, with its dictionaries.
    ConnectionSpanContext(Database& db, Dictionaries& dictionaries)
        : m_dictionaries(dictionaries)
        , m_decoder(db, dictionaries)
    {
    }
    // For a connection of a reading thread: dictionaries of its own.
    explicit ConnectionSpanContext(Database& db)
        : m_ownDictionaries(std::make_unique<Dictionaries>(db))
        , m_dictionaries(*m_ownDictionaries)
        , m_decoder(db, *m_ownDictionaries)
    {
    }
    AttributeKeyDictionary& keys() override { return m_dictionaries; }
    std::shared_ptr<const Resource> resource(int64_t id) override { return m_decoder.resourceFor(id); }
    bool scopeReadable(int64_t id) override { return m_decoder.scopeFor(id) != nullptr; }

private:
    std::unique_ptr<Dictionaries> m_ownDictionaries;
    Dictionaries& m_dictionaries;
    SpanRowDecoder m_decoder;
};

// A part's details visitor with the context of the connection that reads the part.
struct DetailsReading {
    PackedSpanVisitor& visitor;
    PackedSpanContext& context;
};

enum class ReadOutcome { Complete, Short, Failed, Cancelled };

size_t rowCount(const std::vector<std::pair<int64_t, int64_t>>& runs)
{
    size_t count = 0;
    for (const auto& [first, last] : runs)
        count += size_t(last - first + 1);
    return count;
}

// Where each of parts about equal parts of rows ends.
std::vector<size_t> evenPartEnds(size_t rows, size_t parts)
{
    std::vector<size_t> ends;
    for (size_t part = 1; part <= parts; ++part)
        ends.push_back(rows * part / parts);
    return ends;
}

// Binds a run [first, last] of row ids, and with check the trace the rows must belong to.
void bindRun(Statement& statement, const std::pair<int64_t, int64_t>& run, const TraceIdBytes* check)
{
    statement.reset();
    statement.bindInt64(1, run.first);
    statement.bindInt64(2, run.second);
    if (check)
        statement.bindBlob(3, check->view());
}

// Fills slice with the rows of runs. With check (for a probable run), rows of other traces are skipped,
// and the slice comes out short.
ReadOutcome readIndexRows(Database& db, const std::vector<std::pair<int64_t, int64_t>>& runs, const TraceIdBytes* check,
    TraceIndexBuilder::Slice& slice, const std::atomic<bool>* cancel, const DetailsReading* details = nullptr)
{
    // With details, what they need comes after the index's columns.
    Statement statement = db.prepare(rowsOfRunSql(
        details ? std::string(indexColumns) + ", " + packedColumns : std::string(indexColumns), check != nullptr));
    if (!statement.isValid())
        return ReadOutcome::Failed;
    for (const auto& run : runs) {
        bindRun(statement, run, check);
        while (statement.next()) {
            if (slice.full())
                return ReadOutcome::Failed; // rows appeared between counting and reading
            if (cancel && (slice.written() & 0xfff) == 0 && cancel->load(std::memory_order_relaxed))
                return ReadOutcome::Cancelled;
            const int64_t kind = statement.int64(5);
            const int64_t status = statement.int64(6);
            slice.add(SpanId(statement.int64(0)), SpanId(statement.int64(1)),
                statement.int64(2) == int64_t(SpanSide::SharedServer) ? SpanSide::SharedServer : SpanSide::Primary,
                statement.int64(3), statement.int64(4),
                kind >= 0 && kind <= int64_t(SpanKind::Consumer) ? SpanKind(kind) : SpanKind::Unspecified,
                status >= 0 && status <= int64_t(StatusCode::Error) ? StatusCode(status) : StatusCode::Unset,
                statement.int64(7), statement.int64(8));
            if (details
                && !details->visitor.visit(packedSpanRow(statement, detailsColumnsInIndexRows), details->context))
                return ReadOutcome::Cancelled;
        }
        if (statement.failed())
            return ReadOutcome::Failed;
    }
    return slice.full() ? ReadOutcome::Complete : ReadOutcome::Short;
}

// Cuts runs into parts of about equal numbers of rows, in order.
std::vector<std::vector<std::pair<int64_t, int64_t>>> splitRuns(
    const std::vector<std::pair<int64_t, int64_t>>& runs, const std::vector<size_t>& partEnds)
{
    std::vector<std::vector<std::pair<int64_t, int64_t>>> parts(partEnds.size());
    size_t part = 0;
    size_t seen = 0; // rows before the current run's first
    for (auto [first, last] : runs) {
        while (part < parts.size() && first <= last) {
            const size_t room = partEnds[part] - seen;
            const size_t length = size_t(last - first + 1);
            if (length <= room) {
                parts[part].emplace_back(first, last);
                seen += length;
                break;
            }
            if (room > 0)
                parts[part].emplace_back(first, first + int64_t(room) - 1);
            first += int64_t(room);
            seen += room;
            ++part;
        }
    }
    return parts;
}

// Each reading connection gets at least this many rows: opening one costs about a millisecond.
constexpr size_t rowsPerConnection = 50000;
// Decoding details takes several times longer per row than reading the index's columns: more connections
// pay off sooner.
constexpr size_t rowsPerDetailsConnection = 10000;

} // namespace

size_t TraceStore::readingConnections(size_t rows, size_t minRowsEach, size_t maxConnections) const
{
    // SQLite steps through rows on one core: more connections (WAL lets readers work side by side) read
    // parts of the rows at the same time. Not for an in-memory cache or during an import, whose rows other
    // connections cannot see.
    const bool shareable
        = !m_importOpen && !m_db->inTransaction() && !m_path.isEmpty() && m_path != QLatin1String(":memory:");
    if (!shareable)
        return 1;
    const size_t cores = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
    return std::clamp<size_t>(rows / minRowsEach, 1, maxConnections ? maxConnections : cores);
}

std::optional<TraceIndex> TraceStore::loadTraceIndex(const TraceId& traceId, const std::atomic<bool>* cancel)
{
    return loadTraceIndex(traceId, cancel, {});
}

std::optional<TraceIndex> TraceStore::loadTraceIndex(const TraceId& traceId, const std::atomic<bool>* cancel,
    const std::function<PackedSpanVisitor&(size_t part, size_t rows)>& addPart, size_t maxParts)
{
    if (!ensureTables())
        return std::nullopt;
    const TraceIdBytes id(traceId);
    // The probable run first; should it hold rows of other traces, the exact runs.
    for (const bool tryProbable : { true, false }) {
        bool probable = false;
        const std::vector<std::pair<int64_t, int64_t>> runs = rowRanges(traceId, tryProbable ? &probable : nullptr);
        const size_t count = rowCount(runs);
        if (count == 0)
            return std::nullopt;
        const TraceIdBytes* check = probable ? &id : nullptr;

        // Parts of the rows are read and sorted for the builder side by side.
        const size_t partCount
            = readingConnections(count, addPart ? rowsPerDetailsConnection : rowsPerConnection, maxParts);
        const std::vector<size_t> partEnds = evenPartEnds(count, partCount);
        const std::vector<std::vector<std::pair<int64_t, int64_t>>> parts = splitRuns(runs, partEnds);
        TraceIndexBuilder builder(count, runs);
        std::vector<TraceIndexBuilder::Slice*> slices;
        for (size_t part = 0; part < partCount; ++part)
            slices.push_back(&builder.addSlice(part == 0 ? 0 : partEnds[part - 1], partEnds[part]));
        std::vector<PackedSpanVisitor*> visitors(partCount, nullptr);
        if (addPart) {
            for (size_t part = 0; part < partCount; ++part)
                visitors[part] = &addPart(part, count);
        }
        // The details of rows read on this store's connection are decoded with a context of its own.
        std::optional<ConnectionSpanContext> ownContext;
        if (addPart)
            ownContext.emplace(*m_db, *m_dictionaries);
        auto readOwn = [&](size_t part) {
            if (!addPart)
                return readIndexRows(*m_db, parts[part], check, *slices[part], cancel);
            const DetailsReading details { *visitors[part], *ownContext };
            return readIndexRows(*m_db, parts[part], check, *slices[part], cancel, &details);
        };
        std::vector<ReadOutcome> outcomes(partCount, ReadOutcome::Failed);
        std::vector<std::thread> helpers;
        for (size_t part = 1; part < partCount; ++part) {
            try {
                helpers.emplace_back([&, part, path = m_path] {
                    std::unique_ptr<Database> db = Database::open(path, nullptr);
                    if (db && db->exec("PRAGMA busy_timeout = 5000")) {
                        std::optional<ConnectionSpanContext> context;
                        std::optional<DetailsReading> details;
                        if (addPart)
                            details.emplace(DetailsReading { *visitors[part], context.emplace(*db) });
                        outcomes[part] = readIndexRows(
                            *db, parts[part], check, *slices[part], cancel, details ? &*details : nullptr);
                    }
                    if (outcomes[part] == ReadOutcome::Complete)
                        slices[part]->prepare();
                });
            } catch (const std::system_error&) {
                break; // no more threads to be had: this one reads the rest
            }
        }
        outcomes[0] = readOwn(0);
        if (outcomes[0] == ReadOutcome::Complete && !helpers.empty())
            slices[0]->prepare();
        for (std::thread& helper : helpers)
            helper.join();
        for (size_t part = 1; part < partCount; ++part) {
            if (outcomes[part] == ReadOutcome::Failed && outcomes[0] != ReadOutcome::Cancelled) {
                slices[part]->restart();
                if (addPart)
                    visitors[part] = &addPart(part, count); // the first visitor may have seen some of the rows
                outcomes[part] = readOwn(part);
            }
        }
        auto all = [&](ReadOutcome outcome) {
            return std::all_of(outcomes.begin(), outcomes.end(), [&](ReadOutcome o) { return o == outcome; });
        };
        if (std::find(outcomes.begin(), outcomes.end(), ReadOutcome::Cancelled) != outcomes.end())
            return std::nullopt;
        if (all(ReadOutcome::Complete))
            return builder.build(
                traceId, [&](int64_t key) { return nameOrEmpty(m_dictionaries->serviceName(key)); },
                [&](int64_t key) { return nameOrEmpty(m_dictionaries->operationName(key)); });
        if (!probable)
            return std::nullopt; // rows vanished while reading: the trace is being replaced or removed
    }
    return std::nullopt;
}

namespace {

// Steps through the rows that statement selects; counts them in visited.
ReadOutcome visitPackedRows(
    Statement& statement, PackedSpanVisitor& visitor, PackedSpanContext& context, size_t& visited)
{
    while (statement.next()) {
        ++visited;
        if (!visitor.visit(packedSpanRow(statement, 0), context))
            return ReadOutcome::Cancelled;
    }
    return statement.failed() ? ReadOutcome::Failed : ReadOutcome::Complete;
}

ReadOutcome readPackedRows(Database& db, const std::vector<std::pair<int64_t, int64_t>>& runs,
    const TraceIdBytes* check, PackedSpanVisitor& visitor, PackedSpanContext& context, size_t& visited)
{
    Statement statement = db.prepare(rowsOfRunSql(packedColumns, check != nullptr));
    if (!statement.isValid())
        return ReadOutcome::Failed;
    for (const auto& run : runs) {
        bindRun(statement, run, check);
        const ReadOutcome outcome = visitPackedRows(statement, visitor, context, visited);
        if (outcome != ReadOutcome::Complete)
            return outcome;
    }
    return ReadOutcome::Complete;
}

} // namespace

bool TraceStore::forEachPackedSpan(
    const TraceId& traceId, const std::function<PackedSpanVisitor&()>& addPart, size_t maxParts)
{
    if (!ensureTables())
        return false;
    bool probable = false;
    const std::vector<std::pair<int64_t, int64_t>> runs = rowRanges(traceId, &probable);
    const size_t count = rowCount(runs);
    const TraceIdBytes id(traceId);
    const TraceIdBytes* check = probable ? &id : nullptr;

    const size_t partCount = readingConnections(count, rowsPerDetailsConnection, maxParts);
    const std::vector<std::vector<std::pair<int64_t, int64_t>>> parts = splitRuns(runs, evenPartEnds(count, partCount));
    std::vector<PackedSpanVisitor*> visitors;
    for (size_t part = 0; part < partCount; ++part)
        visitors.push_back(&addPart());

    // A part whose connection could not be opened (started stays false) is read here afterwards; one that
    // failed halfway cannot be, as its visitor has seen some of its rows.
    std::vector<ReadOutcome> outcomes(partCount, ReadOutcome::Failed);
    std::vector<char> started(partCount, 0);
    std::vector<size_t> visited(partCount, 0);
    std::vector<std::thread> helpers;
    for (size_t part = 1; part < partCount; ++part) {
        try {
            helpers.emplace_back([&, part, path = m_path] {
                std::unique_ptr<Database> db = Database::open(path, nullptr);
                if (!db || !db->exec("PRAGMA busy_timeout = 5000"))
                    return;
                started[part] = 1;
                ConnectionSpanContext context(*db);
                outcomes[part] = readPackedRows(*db, parts[part], check, *visitors[part], context, visited[part]);
            });
        } catch (const std::system_error&) {
            break; // no more threads to be had: this one reads the rest
        }
    }
    ConnectionSpanContext context(*m_db, *m_dictionaries);
    started[0] = 1;
    outcomes[0] = readPackedRows(*m_db, parts[0], check, *visitors[0], context, visited[0]);
    for (std::thread& helper : helpers)
        helper.join();
    for (size_t part = 1; part < partCount; ++part) {
        if (!started[part] && outcomes[0] == ReadOutcome::Complete)
            outcomes[part] = readPackedRows(*m_db, parts[part], check, *visitors[part], context, visited[part]);
    }
    if (std::any_of(outcomes.begin(), outcomes.end(), [](ReadOutcome o) { return o != ReadOutcome::Complete; }))
        return false;
    size_t total = 0;
    for (size_t rows : visited)
        total += rows;
    if (!probable || total == count)
        return true;
    // The run held rows of other traces, so some of this one's lie elsewhere.
    Statement rest = m_db->prepare(std::string("SELECT ") + packedColumns
        + " FROM spans WHERE trace_id = ?1 AND id NOT BETWEEN ?2 AND ?3 ORDER BY id");
    if (!rest.isValid())
        return false;
    rest.bindBlob(1, id.view());
    rest.bindInt64(2, runs.front().first);
    rest.bindInt64(3, runs.front().second);
    return visitPackedRows(rest, *visitors[0], context, visited[0]) == ReadOutcome::Complete;
}

std::vector<SpanReference> TraceStore::spansLinkingTo(const TraceId& traceId, SpanId spanId)
{
    if (!ensureTables())
        return {};
    std::vector<SpanReference> result;
    Statement statement = m_db->prepare("SELECT s.id, s.trace_id, s.span_id, s.side, s.service_id, s.operation_id, "
                                        "l.link_type FROM span_links l JOIN spans s ON s.id = l.source_rowid "
                                        "WHERE l.target_trace = ?1 AND l.target_span = ?2 ORDER BY s.start_ns");
    if (!statement.isValid())
        return result;
    const TraceIdBytes id(traceId);
    statement.bindBlob(1, id.view());
    statement.bindInt64(2, int64_t(spanId));
    while (statement.next()) {
        SpanReference reference;
        reference.rowId = statement.int64(0);
        reference.traceId = traceIdFromBlob(statement.blob(1));
        reference.spanId = SpanId(statement.int64(2));
        reference.side = statement.int64(3) == 1 ? SpanSide::SharedServer : SpanSide::Primary;
        reference.service = nameOrEmpty(m_dictionaries->serviceName(statement.int64(4)));
        reference.operation = nameOrEmpty(m_dictionaries->operationName(statement.int64(5)));
        reference.type = statement.int64(6) == int64_t(LinkType::ChildOf) ? LinkType::ChildOf : LinkType::FollowsFrom;
        result.push_back(std::move(reference));
    }
    return result;
}

QStringList TraceStore::services()
{
    if (!ensureTables())
        return {};
    QStringList names;
    Statement statement = m_db->prepare("SELECT name FROM services WHERE name <> '' ORDER BY name");
    while (statement.isValid() && statement.next())
        names.append(statement.string(0));
    return names;
}

QStringList TraceStore::operations(const QString& service)
{
    if (!ensureTables())
        return {};
    QStringList names;
    Statement statement = m_db->prepare("SELECT o.name FROM operations o JOIN services s ON s.id = o.service_id "
                                        "WHERE s.name = ?1 AND o.name <> '' ORDER BY o.name");
    if (!statement.isValid())
        return names;
    statement.bindString(1, service);
    while (statement.next())
        names.append(statement.string(0));
    return names;
}

std::vector<ImportRecord> TraceStore::imports()
{
    if (!ensureTables())
        return {};
    std::vector<ImportRecord> records;
    Statement statement
        = m_db->prepare("SELECT id, source, format, status, imported_at_ms, traces, records, spans, services, "
                        "warnings, error FROM imports WHERE status <> 'importing' ORDER BY id");
    while (statement.isValid() && statement.next()) {
        ImportRecord record;
        record.id = statement.int64(0);
        record.source = statement.string(1);
        record.format = statement.string(2);
        record.status = statement.string(3);
        record.importedAtMs = statement.int64(4);
        record.counts.traces = uint64_t(statement.int64(5));
        record.counts.records = uint64_t(statement.int64(6));
        record.counts.spans = uint64_t(statement.int64(7));
        record.counts.services = uint64_t(statement.int64(8));
        if (!statement.isNull(9)) {
            const QJsonArray warnings
                = QJsonDocument::fromJson(QByteArray(statement.text(9).data(), qsizetype(statement.text(9).size())))
                      .array();
            for (const QJsonValue& warning : warnings)
                record.warnings.push_back(messageFromJson(warning.toObject()));
        }
        if (!statement.isNull(10)) {
            const QJsonObject error
                = QJsonDocument::fromJson(QByteArray(statement.text(10).data(), qsizetype(statement.text(10).size())))
                      .object();
            record.error = messageFromJson(error);
        }
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace skein
