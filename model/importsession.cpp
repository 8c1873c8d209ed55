// SPDX-License-Identifier: MIT
// The cache writer: ImportSession, declared in tracestore.h.
#include "cacheschema.h"
#include "database.h"
#include "dictionaries.h"
#include "packedspan.h"
#include "spanmerge.h"
#include "spanrow.h"
#include "tracestore.h"
#include "traceterms.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace skein {

namespace {

// Pending search terms are written out once this many have piled up. Writing them all at the end is
// much faster (each write then appends to the index instead of splitting pages all over it), but the
// pending terms cost 8 bytes each, and 16 while they are sorted for writing: this bounds that at about
// 100 MB, which a million typical spans stay well below.
constexpr size_t maxPendingTerms = 6'000'000;

// OR IGNORE rather than ON CONFLICT DO NOTHING: a statement that cannot abort halfway needs no
// statement journal, which is a good part of the cost of a one-row insert. Every NOT NULL column is
// always bound, so the only conflict left to ignore is an existing (trace_id, span_id, side).
constexpr const char* insertSpanSql
    = "INSERT OR IGNORE INTO spans(trace_id, span_id, side, parent_span_id, service_id, operation_id, kind, "
      "status, start_ns, duration_ns, flags, resource_id, scope_id, import_id, data) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
constexpr const char* updateSpanSql
    = "UPDATE spans SET parent_span_id = ?4, service_id = ?5, operation_id = ?6, kind = ?7, status = ?8, "
      "start_ns = ?9, duration_ns = ?10, flags = ?11, resource_id = ?12, scope_id = ?13, import_id = ?14, "
      "data = ?15 WHERE id = ?1";
constexpr const char* touchSpanSql = "UPDATE spans SET import_id = ?2 WHERE id = ?1";
// A placeholder that gives a new trace its id at once, so that search terms can refer to it; finish()
// fills in the summary.
constexpr const char* insertTraceSql
    = "INSERT OR IGNORE INTO traces(trace_id, start_ns, duration_ns, root_service_id, root_operation_id, "
      "span_count, error_count, services) VALUES(?1, 0, 0, 0, 0, 0, 0, '')";
constexpr const char* selectTraceSql = "SELECT id FROM traces WHERE trace_id = ?1";
constexpr const char* updateTraceSql
    = "UPDATE traces SET start_ns = ?2, duration_ns = ?3, root_service_id = ?4, root_operation_id = ?5, "
      "span_count = ?6, error_count = ?7, services = ?8 WHERE id = ?1";

uint64_t fnv1a(std::string_view bytes)
{
    uint64_t hash = 0xcbf29ce484222325ull;
    for (char c : bytes) {
        hash ^= uint8_t(c);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

QJsonObject messageToJson(const ImportMessage& message)
{
    QJsonObject object;
    object.insert(QLatin1String("message"), QString::fromStdString(message.message));
    if (message.position.line)
        object.insert(QLatin1String("line"), qint64(message.position.line));
    if (message.position.column)
        object.insert(QLatin1String("column"), qint64(message.position.column));
    if (message.position.offset >= 0)
        object.insert(QLatin1String("offset"), qint64(message.position.offset));
    return object;
}

QString warningsJson(const std::vector<ImportMessage>& warnings)
{
    QJsonArray array;
    for (const ImportMessage& warning : warnings)
        array.append(messageToJson(warning));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString messageJson(const ImportMessage& message)
{
    return QString::fromUtf8(QJsonDocument(messageToJson(message)).toJson(QJsonDocument::Compact));
}

// Appends the search terms of attributes[first...]; arrays and lists are not searchable. keyIds, when
// not null, holds the ids of all the attributes' keys (as the details encoder reported them).
void addAttributeTerms(const Attributes& attributes, size_t first, const std::vector<uint64_t>* keyIds,
    Dictionaries& dictionaries, std::vector<int64_t>& terms, std::string& scratch)
{
    using Type = AttributeValue::Type;
    for (size_t i = first; i < attributes.size(); ++i) {
        const Attribute& attribute = attributes[i];
        const AttributeValue& value = attribute.value;
        if (value.type == Type::Empty || value.type == Type::Array || value.type == Type::KeyValueList)
            continue;
        const int64_t keyId = int64_t(keyIds && i < keyIds->size() ? (*keyIds)[i] : dictionaries.keyId(attribute.key));
        if (keyId == 0)
            continue;
        if (value.type == Type::String) {
            terms.push_back(TraceTerms::attribute(keyId, value.text)); // toText() would only copy it
        } else {
            scratch = value.toText();
            terms.push_back(TraceTerms::attribute(keyId, scratch));
        }
    }
}

// Gives each distinct resource (or scope) content one row. Importers share one object among the
// spans of a process, so the object's address answers most lookups without encoding anything; the
// encoded content answers most of the rest (a new object per trace for the same process) without a query.
class DedupedBlobs {
public:
    DedupedBlobs(Database& db, const char* table)
        : m_db(db)
        , m_selectSql(std::string("SELECT id, data FROM ") + table + " WHERE hash = ?1")
        , m_insertSql(std::string("INSERT INTO ") + table + "(hash, data) VALUES(?1, ?2)")
    {
    }

    // 0 for no object, -1 on a database error.
    int64_t idFor(const std::shared_ptr<const void>& object, const std::function<bool(std::string&)>& encode)
    {
        if (!object)
            return 0;
        if (auto it = m_byObject.find(object.get()); it != m_byObject.end())
            return it->second.second;
        if (!encode(m_blob))
            return -1;
        if (auto it = m_byContent.find(m_blob); it != m_byContent.end()) {
            remember(object, it->second);
            return it->second;
        }
        const int64_t hash = int64_t(fnv1a(m_blob));
        int64_t id = 0;
        Statement* select = m_db.cached(m_selectSql);
        if (!select)
            return -1;
        select->bindInt64(1, hash);
        while (id == 0 && select->next()) {
            if (select->blob(1) == m_blob)
                id = select->int64(0);
        }
        const bool failed = select->failed();
        select->reset();
        if (failed)
            return -1;
        if (id == 0) {
            Statement* insert = m_db.cached(m_insertSql);
            if (!insert)
                return -1;
            insert->bindInt64(1, hash);
            insert->bindBlob(2, m_blob);
            if (!insert->run())
                return -1;
            id = m_db.lastInsertRowId();
        }
        if (m_byContent.size() >= maxEntries)
            m_byContent.clear();
        m_byContent.emplace(m_blob, id);
        remember(object, id);
        return id;
    }

    void clear()
    {
        m_byObject.clear();
        m_byContent.clear();
    }

private:
    // Bounded, for inputs that make a new object (or even new content) per span.
    static constexpr size_t maxEntries = 16384;

    void remember(const std::shared_ptr<const void>& object, int64_t id)
    {
        // The entry holds the object so that its address cannot be reused by another one.
        if (m_byObject.size() >= maxEntries)
            m_byObject.clear();
        m_byObject.emplace(object.get(), std::make_pair(object, id));
    }

    Database& m_db;
    std::string m_selectSql;
    std::string m_insertSql;
    std::string m_blob;
    std::unordered_map<const void*, std::pair<std::shared_ptr<const void>, int64_t>> m_byObject;
    std::unordered_map<std::string, int64_t> m_byContent; // encoded blob -> id
};

struct SummaryAccumulator {
    int64_t minStart = 0;
    int64_t maxEnd = 0;
    int64_t spanCount = 0;
    int64_t errorCount = 0;
    bool rootHasNoParent = false;
    int64_t rootStart = 0;
    int64_t rootRowId = 0;
    int64_t rootService = 0;
    int64_t rootOperation = 0;
    std::vector<int64_t> serviceIds;

    void add(int64_t rowId, bool hasParent, int64_t serviceId, int64_t operationId, bool isError, int64_t start,
        int64_t duration)
    {
        int64_t end = 0;
        if (__builtin_add_overflow(start, duration, &end))
            end = duration > 0 ? INT64_MAX : INT64_MIN;
        if (spanCount == 0 || start < minStart)
            minStart = start;
        if (spanCount == 0 || end > maxEnd)
            maxEnd = end;
        // The root: a span without a parent, earliest first; failing that, the earliest span.
        // Ties go to the span stored first, so that the choice is stable.
        const bool better = spanCount == 0 || (!hasParent && !rootHasNoParent)
            || (!hasParent == rootHasNoParent && (start < rootStart || (start == rootStart && rowId < rootRowId)));
        if (better) {
            rootHasNoParent = !hasParent;
            rootStart = start;
            rootRowId = rowId;
            rootService = serviceId;
            rootOperation = operationId;
        }
        ++spanCount;
        if (isError)
            ++errorCount;
        if (std::find(serviceIds.begin(), serviceIds.end(), serviceId) == serviceIds.end())
            serviceIds.push_back(serviceId);
    }

    int64_t duration() const
    {
        int64_t result = 0;
        if (__builtin_sub_overflow(maxEnd, minStart, &result))
            return INT64_MAX;
        return result;
    }
};

using TermRow = unsigned __int128; // (term << 64) | trace row id: sorting these is cheaper than pairs

// Sorts rows in place: first into buckets by the top bits of the term (attribute terms are hashes,
// so they spread evenly), then each small bucket, which beats one big sort by a wide margin.
void sortTermRows(std::vector<TermRow>& rows)
{
    constexpr int bucketBits = 16;
    constexpr size_t bucketCount = size_t(1) << bucketBits;
    // Terms are below 2^63: the bucket is bits 62..47 of the term.
    auto bucketOf = [](TermRow row) { return size_t(uint64_t(row >> (64 + 63 - bucketBits)) & (bucketCount - 1)); };
    std::vector<size_t> next(bucketCount + 1, 0);
    for (TermRow row : rows)
        ++next[bucketOf(row) + 1];
    for (size_t b = 1; b <= bucketCount; ++b)
        next[b] += next[b - 1];
    std::vector<size_t> end(next.begin() + 1, next.end());
    // Moves every row to its bucket by following cycles of displaced rows (American flag sort).
    for (size_t b = 0; b < bucketCount; ++b) {
        while (next[b] < end[b]) {
            TermRow row = rows[next[b]];
            size_t target = bucketOf(row);
            while (target != b) {
                std::swap(row, rows[next[target]++]);
                target = bucketOf(row);
            }
            rows[next[b]++] = row;
        }
    }
    size_t begin = 0;
    for (size_t b = 0; b < bucketCount; ++b) {
        std::sort(rows.begin() + ptrdiff_t(begin), rows.begin() + ptrdiff_t(end[b]));
        begin = end[b];
    }
}

// A trace this import has written to.
struct PendingTrace {
    TraceId id;
    int64_t rowId = 0;
    // When the trace is new and none of its spans was merged, the summary built while writing is
    // exact; otherwise finish() computes it from the stored spans.
    bool summaryFromTable = false;
    SummaryAccumulator summary;
    std::vector<int64_t> terms; // search terms not yet written; terms[0, uniqueTerms) sorted and unique
    size_t uniqueTerms = 0;
    std::vector<int64_t> resourceIds; // whose attributes become terms of this trace

    // Keeps repeats (every span of a trace adds its service, most add the same attributes) from piling
    // up. Only the terms added since the last time need sorting; a merge joins them to the rest.
    size_t compactTerms()
    {
        const size_t before = terms.size();
        const auto middle = terms.begin() + ptrdiff_t(uniqueTerms);
        std::sort(middle, terms.end());
        std::inplace_merge(terms.begin(), middle, terms.end());
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        uniqueTerms = terms.size();
        return before - terms.size();
    }
};

} // namespace

struct ImportSession::Private {
    Private(TraceStore& store, const QString& source, ImportMode mode)
        : store(store)
        , db(*store.m_db)
        , dictionaries(*store.m_dictionaries)
        , source(source)
        , mode(mode)
        , resources(db, "resources")
        , scopes(db, "scopes")
    {
    }

    TraceStore& store;
    Database& db;
    Dictionaries& dictionaries;
    QString source;
    ImportMode mode;
    DedupedBlobs resources;
    DedupedBlobs scopes;

    bool open = false; // the transaction is ours and still running
    bool finished = false;
    bool failed = false;
    std::string error;
    bool bulk = false;
    int64_t importId = 0;

    Statement* insertSpan = nullptr;
    Statement* selectSpan = nullptr;
    Statement* updateSpan = nullptr;
    Statement* touchSpan = nullptr;
    Statement* insertTrace = nullptr;
    Statement* selectTrace = nullptr;
    Statement* insertLink = nullptr;
    std::vector<TraceId> importedTraceIds; // kept by finish(), which frees traces

    uint64_t spanCount = 0; // distinct span keys this import wrote or merged into
    std::vector<PendingTrace> traces; // in the order first seen, which is close to the order of the rows
    std::unordered_map<TraceId, size_t, TraceIdHash> traceIndex;
    size_t lastTrace = SIZE_MAX; // spans of one trace tend to come together
    size_t pendingTerms = 0;
    std::unordered_map<int64_t, std::vector<int64_t>> resourceTerms; // by resource id
    std::unordered_set<int64_t> serviceIds; // of non-empty service names
    int64_t lastServiceId = 0;

    std::string blob;
    std::string oldBlob;
    std::vector<uint64_t> keyIds; // of the span whose blob was encoded last
    std::string scratch;

    bool fail(std::string message)
    {
        if (!failed) {
            failed = true;
            error = std::move(message);
        }
        return false;
    }
    bool failWithDatabaseError(const char* context) { return fail(std::string(context) + ": " + db.errorMessage()); }

    void begin();
    void rollback();
    bool writeSpan(const SpanRecord& span);
    bool writeLinks(const SpanRecord& span, int64_t rowId);
    bool mergeSpan(
        const SpanRecord& fragment, int64_t incomingResourceId, int64_t incomingScopeId, PendingTrace& trace);
    PendingTrace* pendingTrace(const TraceId& id);
    bool addTerms(PendingTrace& trace, const SpanRecord& span, int64_t serviceId, int64_t operationId,
        int64_t resourceId, size_t firstAttribute);
    bool flushTerms();
    bool updateSummaries();
    bool removeSpansMissingFromInput();
    bool recordRejected(const ImportReport& report, const std::string& message);
    int64_t resourceId(const SpanRecord& span)
    {
        return resources.idFor(span.resource,
            [&](std::string& out) { return PackedSpan::encodeResource(*span.resource, dictionaries, out); });
    }
    int64_t scopeId(const SpanRecord& span)
    {
        return scopes.idFor(
            span.scope, [&](std::string& out) { return PackedSpan::encodeScope(*span.scope, dictionaries, out); });
    }
};

void ImportSession::Private::begin()
{
    db.resetCached();
    if (!db.begin(true)) {
        failWithDatabaseError("Cannot start writing to the trace cache");
        return;
    }
    open = true;
    bulk = db.queryInt64("SELECT NOT EXISTS(SELECT 1 FROM spans)", 0) == 1;
    if (bulk && !CacheSchema::dropSecondaryIndexes(db)) {
        failWithDatabaseError("Cannot prepare the trace cache for a bulk import");
        return;
    }
    Statement* insertImport
        = db.cached("INSERT INTO imports(source, format, status, imported_at_ms) VALUES(?1, '', 'importing', ?2)");
    if (!insertImport) {
        failWithDatabaseError("Cannot record the import");
        return;
    }
    insertImport->bindString(1, source);
    insertImport->bindInt64(2, QDateTime::currentMSecsSinceEpoch());
    if (!insertImport->run()) {
        failWithDatabaseError("Cannot record the import");
        return;
    }
    importId = db.lastInsertRowId();

    insertSpan = db.cached(insertSpanSql);
    selectSpan = db.cached(
        std::string("SELECT ") + SpanRow::columns + " FROM spans WHERE trace_id = ?1 AND span_id = ?2 AND side = ?3");
    updateSpan = db.cached(updateSpanSql);
    touchSpan = db.cached(touchSpanSql);
    insertTrace = db.cached(insertTraceSql);
    selectTrace = db.cached(selectTraceSql);
    insertLink = db.cached("INSERT OR IGNORE INTO span_links(target_trace, target_span, source_rowid, link_type) "
                           "VALUES (?1, ?2, ?3, ?4)");
    if (!insertSpan || !selectSpan || !updateSpan || !touchSpan || !insertTrace || !selectTrace || !insertLink)
        failWithDatabaseError("Cannot prepare the cache writer");
}

void ImportSession::Private::rollback()
{
    if (open)
        db.rollback();
    open = false;
    // Ids handed out inside the transaction are gone now and may be given to other names later.
    dictionaries.clear();
    resources.clear();
    scopes.clear();
}

PendingTrace* ImportSession::Private::pendingTrace(const TraceId& id)
{
    if (lastTrace < traces.size() && traces[lastTrace].id == id)
        return &traces[lastTrace];
    if (auto it = traceIndex.find(id); it != traceIndex.end()) {
        lastTrace = it->second;
        return &traces[lastTrace];
    }

    const TraceIdBytes bytes(id);
    PendingTrace trace;
    trace.id = id;
    insertTrace->reset();
    insertTrace->bindBlob(1, bytes.view());
    if (!insertTrace->run()) {
        failWithDatabaseError("Cannot store a trace");
        return nullptr;
    }
    if (db.changes() == 1) {
        trace.rowId = db.lastInsertRowId();
    } else {
        trace.summaryFromTable = true; // it has spans from earlier imports
        selectTrace->reset();
        selectTrace->bindBlob(1, bytes.view());
        if (selectTrace->next())
            trace.rowId = selectTrace->int64(0);
        selectTrace->reset();
        if (trace.rowId == 0) {
            failWithDatabaseError("Cannot find a stored trace");
            return nullptr;
        }
    }
    lastTrace = traces.size();
    traceIndex.emplace(id, lastTrace);
    traces.push_back(std::move(trace));
    return &traces.back();
}

bool ImportSession::Private::addTerms(PendingTrace& trace, const SpanRecord& span, int64_t serviceId,
    int64_t operationId, int64_t resourceId, size_t firstAttribute)
{
    const size_t before = trace.terms.size();
    trace.terms.push_back(TraceTerms::service(serviceId));
    trace.terms.push_back(TraceTerms::operation(operationId));
    addAttributeTerms(span.attributes, firstAttribute, &keyIds, dictionaries, trace.terms, scratch);
    if (resourceId > 0) {
        if (std::find(trace.resourceIds.begin(), trace.resourceIds.end(), resourceId) == trace.resourceIds.end())
            trace.resourceIds.push_back(resourceId);
        if (!resourceTerms.count(resourceId) && span.resource) {
            std::vector<int64_t>& terms = resourceTerms[resourceId];
            addAttributeTerms(span.resource->attributes, 0, nullptr, dictionaries, terms, scratch);
        }
    }
    pendingTerms += trace.terms.size() - before;
    if (trace.terms.size() >= 2 * std::max<size_t>(trace.uniqueTerms, 32))
        pendingTerms -= trace.compactTerms();
    if (pendingTerms > maxPendingTerms)
        return flushTerms();
    return true;
}

bool ImportSession::Private::flushTerms()
{
    std::vector<TermRow> rows;
    rows.reserve(pendingTerms);
    for (PendingTrace& trace : traces) {
        for (int64_t resourceId : trace.resourceIds) {
            const auto it = resourceTerms.find(resourceId);
            if (it != resourceTerms.end())
                trace.terms.insert(trace.terms.end(), it->second.begin(), it->second.end());
        }
        trace.resourceIds.clear();
        trace.compactTerms();
        for (int64_t term : trace.terms)
            rows.push_back((TermRow(uint64_t(term)) << 64) | uint64_t(trace.rowId));
        trace.terms = {}; // freed as we go, so that the terms are not held twice
        trace.uniqueTerms = 0;
    }
    pendingTerms = 0;
    // In key order the rows append to the index b-tree instead of landing all over it.
    sortTermRows(rows);

    // Many rows per statement: the per-statement overhead would otherwise cost as much as the b-tree work.
    // OR IGNORE skips rows that an earlier flush or import wrote already (and, as no row can then make
    // the statement fail halfway, SQLite needs no statement journal: cheaper than a plain insert).
    constexpr size_t rowsPerInsert = 128;
    auto insertSql = [](size_t count) {
        std::string sql = "INSERT OR IGNORE INTO trace_index(term, trace_rowid) VALUES(?, ?)";
        for (size_t i = 1; i < count; ++i)
            sql += ", (?, ?)";
        return sql;
    };
    Statement* batch = db.cached(insertSql(rowsPerInsert));
    Statement* single = db.cached(insertSql(1));
    if (!batch || !single)
        return failWithDatabaseError("Cannot index the traces");
    size_t next = 0;
    for (; next < rows.size();) {
        Statement* statement = next + rowsPerInsert <= rows.size() ? batch : single;
        const size_t count = statement == batch ? rowsPerInsert : 1;
        statement->reset();
        for (size_t i = 0; i < count; ++i) {
            statement->bindInt64(int(2 * i + 1), int64_t(uint64_t(rows[next + i] >> 64)));
            statement->bindInt64(int(2 * i + 2), int64_t(uint64_t(rows[next + i])));
        }
        if (!statement->run())
            return failWithDatabaseError("Cannot index the traces");
        next += count;
    }
    return true;
}

bool ImportSession::Private::writeLinks(const SpanRecord& span, int64_t rowId)
{
    for (const SpanLink& link : span.links) {
        const TraceIdBytes target(link.traceId);
        insertLink->reset();
        insertLink->bindBlob(1, target.view());
        insertLink->bindInt64(2, int64_t(link.spanId));
        insertLink->bindInt64(3, rowId);
        insertLink->bindInt64(4, int64_t(link.type));
        if (!insertLink->run())
            return failWithDatabaseError("Cannot store a span link");
    }
    return true;
}

bool ImportSession::Private::writeSpan(const SpanRecord& span)
{
    const int64_t serviceId = dictionaries.serviceId(span.serviceName);
    if (serviceId == 0)
        return failWithDatabaseError("Cannot store a service name");
    const int64_t operationId = dictionaries.operationId(serviceId, span.name);
    if (operationId == 0)
        return failWithDatabaseError("Cannot store an operation name");
    const int64_t resource = resourceId(span);
    const int64_t scope = scopeId(span);
    if (resource < 0 || scope < 0)
        return failWithDatabaseError("Cannot store a resource or scope");
    if (!PackedSpan::encodeDetails(span, dictionaries, blob, &keyIds))
        return failWithDatabaseError("Cannot store an attribute key");
    PendingTrace* trace = pendingTrace(span.traceId);
    if (!trace)
        return false;

    const TraceIdBytes traceId(span.traceId);
    Statement& insert = *insertSpan;
    insert.reset();
    insert.bindBlob(1, traceId.view());
    insert.bindInt64(2, int64_t(span.spanId));
    insert.bindInt64(3, int64_t(span.side));
    insert.bindInt64(4, int64_t(span.parentSpanId));
    insert.bindInt64(5, serviceId);
    insert.bindInt64(6, operationId);
    insert.bindInt64(7, int64_t(span.kind));
    insert.bindInt64(8, int64_t(span.status));
    insert.bindInt64(9, span.startNs);
    insert.bindInt64(10, span.durationNs);
    insert.bindInt64(11, int64_t(span.flags));
    if (resource)
        insert.bindInt64(12, resource);
    else
        insert.bindNull(12);
    if (scope)
        insert.bindInt64(13, scope);
    else
        insert.bindNull(13);
    insert.bindInt64(14, importId);
    if (!blob.empty())
        insert.bindBlob(15, blob);
    else
        insert.bindNull(15);
    if (!insert.run())
        return failWithDatabaseError("Cannot store a span");

    if (db.changes() == 1) {
        ++spanCount;
        const int64_t rowId = db.lastInsertRowId();
        if (!span.links.empty() && !writeLinks(span, rowId))
            return false;
        if (!trace->summaryFromTable) {
            trace->summary.add(
                rowId, span.parentSpanId != 0, serviceId, operationId, span.isError(), span.startNs, span.durationNs);
        }
        if (!addTerms(*trace, span, serviceId, operationId, resource, 0))
            return false;
    } else if (!mergeSpan(span, resource, scope, *trace)) {
        return false;
    }

    if (serviceId != lastServiceId) {
        lastServiceId = serviceId;
        if (!span.serviceName.empty())
            serviceIds.insert(serviceId);
    }
    return true;
}

bool ImportSession::Private::mergeSpan(
    const SpanRecord& fragment, int64_t incomingResourceId, int64_t incomingScopeId, PendingTrace& trace)
{
    const TraceIdBytes traceId(fragment.traceId);
    Statement& select = *selectSpan;
    select.reset();
    select.bindBlob(1, traceId.view());
    select.bindInt64(2, int64_t(fragment.spanId));
    select.bindInt64(3, int64_t(fragment.side));
    if (!select.next()) {
        const bool selectFailed = select.failed();
        select.reset();
        return fail(selectFailed ? "Cannot read a stored span: " + db.errorMessage()
                                 : std::string("A span could neither be stored nor found in the trace cache"));
    }
    const SpanRow row = SpanRow::fromStatement(select);
    oldBlob.assign(row.data);
    select.reset();

    SpanRecord merged = row.span; // only column fields so far: a cheap copy
    if (const std::string* service = dictionaries.serviceName(row.serviceId))
        merged.serviceName = *service;
    if (const std::string* operation = dictionaries.operationName(row.operationId))
        merged.name = *operation;
    // Damaged details decode as none: the fragment's details then replace them.
    PackedSpan::decodeDetails(oldBlob, dictionaries, merged, nullptr);
    const SpanRecord& before = row.span;
    const size_t oldAttributeCount = merged.attributes.size();

    mergeSpanFragment(merged, fragment);

    const int64_t serviceId = dictionaries.serviceId(merged.serviceName);
    const int64_t operationId = serviceId ? dictionaries.operationId(serviceId, merged.name) : 0;
    if (operationId == 0)
        return failWithDatabaseError("Cannot store a service or operation name");
    const int64_t resource = row.resourceId ? row.resourceId : incomingResourceId;
    const int64_t scope = row.scopeId ? row.scopeId : incomingScopeId;
    if (!PackedSpan::encodeDetails(merged, dictionaries, blob, &keyIds))
        return failWithDatabaseError("Cannot store an attribute key");

    const bool unchanged = blob == oldBlob && serviceId == row.serviceId && operationId == row.operationId
        && resource == row.resourceId && scope == row.scopeId && merged.parentSpanId == before.parentSpanId
        && merged.kind == before.kind && merged.status == before.status && merged.startNs == before.startNs
        && merged.durationNs == before.durationNs && merged.flags == before.flags;

    if (!unchanged) {
        Statement& update = *updateSpan;
        update.reset();
        update.bindInt64(1, row.rowId);
        update.bindInt64(4, int64_t(merged.parentSpanId));
        update.bindInt64(5, serviceId);
        update.bindInt64(6, operationId);
        update.bindInt64(7, int64_t(merged.kind));
        update.bindInt64(8, int64_t(merged.status));
        update.bindInt64(9, merged.startNs);
        update.bindInt64(10, merged.durationNs);
        update.bindInt64(11, int64_t(merged.flags));
        if (resource)
            update.bindInt64(12, resource);
        else
            update.bindNull(12);
        if (scope)
            update.bindInt64(13, scope);
        else
            update.bindNull(13);
        update.bindInt64(14, importId);
        if (!blob.empty())
            update.bindBlob(15, blob);
        else
            update.bindNull(15);
        if (!update.run())
            return failWithDatabaseError("Cannot update a stored span");
        if (!writeLinks(merged, row.rowId))
            return false;
        // The span's fields changed, so the summary must come from the table; attributes only ever
        // gain keys in a merge, so only the new ones need terms.
        trace.summaryFromTable = true;
        // A resource the row already had was indexed with it; a new one is the fragment's.
        const int64_t newResource = resource == row.resourceId ? 0 : resource;
        if (!addTerms(trace, merged, serviceId, operationId, newResource, oldAttributeCount))
            return false;
    } else if (row.importId != importId) {
        Statement& touch = *touchSpan;
        touch.reset();
        touch.bindInt64(1, row.rowId);
        touch.bindInt64(2, importId);
        if (!touch.run())
            return failWithDatabaseError("Cannot update a stored span");
    }
    if (row.importId != importId)
        ++spanCount;
    return true;
}

bool ImportSession::Private::updateSummaries()
{
    Statement* select = db.cached("SELECT id, parent_span_id, service_id, operation_id, status, start_ns, duration_ns "
                                  "FROM spans WHERE trace_id = ?1");
    Statement* update = db.cached(updateTraceSql);
    if (!select || !update)
        return failWithDatabaseError("Cannot update the trace list");

    std::vector<std::string_view> names;
    std::string services;
    for (PendingTrace& trace : traces) {
        if (trace.summaryFromTable) {
            const TraceIdBytes traceId(trace.id);
            trace.summary = {};
            select->reset();
            select->bindBlob(1, traceId.view());
            while (select->next()) {
                trace.summary.add(select->int64(0), select->int64(1) != 0, select->int64(2), select->int64(3),
                    select->int64(4) == int64_t(StatusCode::Error), select->int64(5), select->int64(6));
            }
            const bool selectFailed = select->failed();
            select->reset();
            if (selectFailed)
                return failWithDatabaseError("Cannot summarise a trace");
        }
        const SummaryAccumulator& summary = trace.summary;

        names.clear();
        for (int64_t serviceId : summary.serviceIds) {
            const std::string* name = dictionaries.serviceName(serviceId);
            if (name && !name->empty())
                names.push_back(*name);
        }
        std::sort(names.begin(), names.end());
        services.clear();
        for (std::string_view name : names) {
            if (!services.empty())
                services.push_back('\x1f');
            services += name;
        }

        update->reset();
        update->bindInt64(1, trace.rowId);
        update->bindInt64(2, summary.minStart);
        update->bindInt64(3, summary.duration());
        update->bindInt64(4, summary.rootService);
        update->bindInt64(5, summary.rootOperation);
        update->bindInt64(6, summary.spanCount);
        update->bindInt64(7, summary.errorCount);
        update->bindText(8, services);
        if (!update->run())
            return failWithDatabaseError("Cannot update the trace list");
        trace.summary = {}; // frees the service list early
    }
    return true;
}

bool ImportSession::Private::removeSpansMissingFromInput()
{
    // Every span this import wrote, merged or found unchanged carries its import id, so in a trace that
    // had spans before, the others are the ones the input no longer has.
    Statement* stale = db.cached("SELECT id FROM spans WHERE trace_id = ?1 AND import_id <> ?2");
    Statement* remove = db.cached("DELETE FROM spans WHERE trace_id = ?1 AND import_id <> ?2");
    if (!stale || !remove)
        return failWithDatabaseError("Cannot replace a stored trace");
    std::vector<int64_t> removedRows;
    for (PendingTrace& trace : traces) {
        if (!trace.summaryFromTable)
            continue; // new in this import: nothing older to remove
        const TraceIdBytes traceId(trace.id);
        stale->reset();
        stale->bindBlob(1, traceId.view());
        stale->bindInt64(2, importId);
        const size_t before = removedRows.size();
        while (stale->next())
            removedRows.push_back(stale->int64(0));
        const bool selectFailed = stale->failed();
        stale->reset();
        if (selectFailed)
            return failWithDatabaseError("Cannot replace a stored trace");
        if (removedRows.size() == before)
            continue;
        remove->reset();
        remove->bindBlob(1, traceId.view());
        remove->bindInt64(2, importId);
        if (!remove->run())
            return failWithDatabaseError("Cannot replace a stored trace");
    }
    if (removedRows.empty())
        return true;
    // Rare (spans vanish upstream only when a backend drops or re-adjusts them), so one scan is fine.
    // The trace's search terms stay: at worst a search of the cache shows the trace for a removed value.
    std::string sql = "DELETE FROM span_links WHERE source_rowid IN (";
    for (size_t i = 0; i < removedRows.size(); ++i)
        sql += (i ? "," : "") + std::to_string(removedRows[i]);
    sql += ")";
    if (!db.exec(sql))
        return failWithDatabaseError("Cannot replace a stored trace");
    return true;
}

bool ImportSession::Private::recordRejected(const ImportReport& report, const std::string& message)
{
    Transaction transaction(db, true);
    Statement* insert
        = db.cached("INSERT INTO imports(source, format, status, imported_at_ms, records, warnings, error) "
                    "VALUES(?1, ?2, 'rejected', ?3, ?4, ?5, ?6)");
    if (!transaction.isActive() || !insert)
        return false;
    ImportMessage error = report.error;
    if (!message.empty())
        error.message = message;
    insert->bindString(1, source);
    insert->bindText(2, report.format);
    insert->bindInt64(3, QDateTime::currentMSecsSinceEpoch());
    insert->bindInt64(4, int64_t(report.records));
    insert->bindString(5, warningsJson(report.warnings));
    insert->bindString(6, messageJson(error));
    return insert->run() && transaction.commit();
}

ImportSession::ImportSession(TraceStore& store, const QString& source, ImportMode mode)
    : d(std::make_unique<Private>(store, source, mode))
{
    d->begin();
}

ImportSession::~ImportSession()
{
    if (!d->finished)
        d->rollback();
    d->store.m_importOpen = false;
}

bool ImportSession::addSpans(std::vector<SpanRecord>& spans)
{
    if (d->failed)
        return false;
    if (d->finished)
        return d->fail("The import has already finished");
    for (const SpanRecord& span : spans) {
        if (!d->writeSpan(span))
            return false;
    }
    spans.clear();
    return true;
}

std::vector<TraceId> ImportSession::traceIds(size_t maxTraces) const
{
    std::vector<TraceId> ids;
    if (d->traces.empty())
        return std::vector<TraceId>(d->importedTraceIds.begin(),
            d->importedTraceIds.begin() + ptrdiff_t(std::min(maxTraces, d->importedTraceIds.size())));
    for (const PendingTrace& trace : d->traces) {
        if (ids.size() >= maxTraces)
            break;
        ids.push_back(trace.id);
    }
    return ids;
}

std::string ImportSession::errorMessage() const
{
    return d->error;
}

bool ImportSession::finish(const ImportReport& report, ImportCounts* counts)
{
    if (d->finished)
        return d->fail("The import has already finished");
    d->finished = true;
    if (counts)
        *counts = ImportCounts { 0, report.records, 0, 0 };

    if (report.rejected || report.cancelled || d->failed) {
        const bool sinkFailed = d->failed;
        d->rollback();
        if ((report.cancelled && !report.rejected) || !d->mode.recordRejected)
            return !sinkFailed;
        // A rejected input (or one the cache could not take) is still listed, with the reason.
        const bool recorded = d->recordRejected(report, sinkFailed && !report.rejected ? d->error : std::string());
        if (!recorded && !sinkFailed)
            d->failWithDatabaseError("Cannot record the rejected import");
        return recorded && !sinkFailed;
    }

    const ImportCounts result { d->traces.size(), report.records, d->spanCount, d->serviceIds.size() };
    bool ok = (!d->mode.replaceTraces || d->removeSpansMissingFromInput()) && d->flushTerms() && d->updateSummaries();
    if (ok && d->bulk && !CacheSchema::createSecondaryIndexes(d->db))
        ok = d->failWithDatabaseError("Cannot build the cache indexes");
    if (ok) {
        Statement* update = d->db.cached(
            "UPDATE imports SET format = ?2, status = 'imported', traces = ?3, records = ?4, spans = ?5, "
            "services = ?6, warnings = ?7, error = NULL WHERE id = ?1");
        if (update) {
            update->bindInt64(1, d->importId);
            update->bindText(2, report.format);
            update->bindInt64(3, int64_t(result.traces));
            update->bindInt64(4, int64_t(result.records));
            update->bindInt64(5, int64_t(result.spans));
            update->bindInt64(6, int64_t(result.services));
            update->bindString(7, warningsJson(report.warnings));
        }
        if (!update || !update->run())
            ok = d->failWithDatabaseError("Cannot record the import");
    }
    if (ok && !d->db.commit())
        ok = d->failWithDatabaseError("Cannot commit the import");
    if (!ok) {
        d->rollback();
        return false;
    }
    d->open = false;
    for (const PendingTrace& trace : d->traces) {
        if (d->importedTraceIds.size() >= 1000)
            break;
        d->importedTraceIds.push_back(trace.id);
    }
    d->traces = {};
    d->traceIndex = {};
    if (counts)
        *counts = result;
    // Keeps the planner's statistics current at a bounded cost (ANALYZE samples at most 1000 rows).
    d->db.exec("PRAGMA analysis_limit = 1000");
    d->db.exec("PRAGMA optimize");
    return true;
}

} // namespace skein
