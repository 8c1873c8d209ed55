// SPDX-License-Identifier: MIT
#include "tracestore.h"

#include "cacheschema.h"
#include "database.h"
#include "dictionaries.h"
#include "packedspan.h"
#include "spanrow.h"
#include "traceterms.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <unordered_map>

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

std::unique_ptr<TraceStore> TraceStore::open(const QString& path, QString* errorMessage)
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
    int fromVersion = 0;
    if (!CacheSchema::migrate(*db, path, errorMessage, &fromVersion))
        return nullptr;
    // WAL lets readers work while an import writes. 64 MB of page cache keeps a million-span import
    // fast while its peak memory stays far below what the GUI can afford; the WAL is cut back to
    // 64 MB after a big import has been checkpointed.
    constexpr const char* pragmas[] = {
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = NORMAL",
        "PRAGMA cache_size = -65536",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA journal_size_limit = 67108864",
    };
    for (const char* pragma : pragmas) {
        if (!db->exec(pragma)) {
            if (errorMessage)
                *errorMessage = QStringLiteral("Cannot set up the trace cache %1: %2").arg(path, db->errorString());
            return nullptr;
        }
    }
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

std::vector<std::pair<int64_t, int64_t>> TraceStore::rowRanges(const TraceId& traceId)
{
    // The unique (trace_id, span_id, side) index lists a trace's rows in span id order, which is random
    // in row order: reading the rows that way jumps all over the table. So collect the row ids from the
    // index alone (it covers them), then read the rows in runs of consecutive ids, front to back. A trace
    // from one import is usually a single run.
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
    const std::vector<std::pair<int64_t, int64_t>> ranges = rowRanges(traceId);
    if (rowCount) {
        *rowCount = 0;
        for (const auto& [first, last] : ranges)
            *rowCount += size_t(last - first + 1);
    }
    Statement statement = m_db->prepare("SELECT " + columns + " FROM spans WHERE id BETWEEN ?1 AND ?2");
    if (!statement.isValid())
        return false;
    for (const auto& [first, last] : ranges) {
        statement.reset();
        statement.bindInt64(1, first);
        statement.bindInt64(2, last);
        while (statement.next())
            if (!visit(statement))
                return false;
        if (statement.failed())
            return false;
    }
    return true;
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

    Database& m_db;
    Dictionaries& m_dictionaries;
    std::unordered_map<int64_t, std::shared_ptr<const Resource>> m_resources;
    std::unordered_map<int64_t, std::shared_ptr<const InstrumentationScope>> m_scopes;
};

} // namespace

bool TraceStore::forEachSpan(const TraceId& traceId, const std::function<bool(int64_t rowId, SpanRecord& span)>& visit)
{
    SpanRowDecoder decoder(*m_db, *m_dictionaries);
    return forEachRow(traceId, SpanRow::columns, [&](const Statement& row) {
        const int64_t rowId = row.int64(0);
        SpanRecord span = decoder.decode(row);
        return visit(rowId, span);
    });
}

std::optional<SpanRecord> TraceStore::loadSpan(int64_t rowId)
{
    Statement statement = m_db->prepare(std::string("SELECT ") + SpanRow::columns + " FROM spans WHERE id = ?1");
    if (!statement.isValid())
        return std::nullopt;
    statement.bindInt64(1, rowId);
    if (!statement.next())
        return std::nullopt;
    SpanRowDecoder decoder(*m_db, *m_dictionaries);
    return decoder.decode(statement);
}

std::optional<TraceIndex> TraceStore::loadTraceIndex(const TraceId& traceId, const std::atomic<bool>* cancel)
{
    std::vector<TraceIndex::Input> spans;
    size_t expected = 0; // set by forEachRow before the first row
    const bool complete = forEachRow(
        traceId, "id, span_id, parent_span_id, side, service_id, operation_id, kind, status, start_ns, duration_ns",
        [&](const Statement& row) {
            if (cancel && (spans.size() & 0xfff) == 0 && cancel->load(std::memory_order_relaxed))
                return false;
            if (spans.empty())
                spans.reserve(expected);
            TraceIndex::Input span;
            span.rowId = row.int64(0);
            span.spanId = SpanId(row.int64(1));
            span.parentSpanId = SpanId(row.int64(2));
            span.side = row.int64(3) == int64_t(SpanSide::SharedServer) ? SpanSide::SharedServer : SpanSide::Primary;
            span.serviceKey = row.int64(4);
            span.operationKey = row.int64(5);
            const int64_t kind = row.int64(6);
            span.kind = kind >= 0 && kind <= int64_t(SpanKind::Consumer) ? SpanKind(kind) : SpanKind::Unspecified;
            const int64_t status = row.int64(7);
            span.status = status >= 0 && status <= int64_t(StatusCode::Error) ? StatusCode(status) : StatusCode::Unset;
            span.startNs = row.int64(8);
            span.durationNs = row.int64(9);
            spans.push_back(span);
            return true;
        },
        &expected);
    if (!complete)
        return std::nullopt;
    if (spans.empty() || (cancel && cancel->load()))
        return std::nullopt;
    return TraceIndex::build(
        traceId, std::move(spans), [&](int64_t key) { return nameOrEmpty(m_dictionaries->serviceName(key)); },
        [&](int64_t key) { return nameOrEmpty(m_dictionaries->operationName(key)); });
}

std::vector<SpanReference> TraceStore::spansLinkingTo(const TraceId& traceId, SpanId spanId)
{
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
    QStringList names;
    Statement statement = m_db->prepare("SELECT name FROM services WHERE name <> '' ORDER BY name");
    while (statement.isValid() && statement.next())
        names.append(statement.string(0));
    return names;
}

QStringList TraceStore::operations(const QString& service)
{
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
