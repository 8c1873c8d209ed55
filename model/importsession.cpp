// SPDX-License-Identifier: MIT
// The cache writer: ImportSession, declared in tracestore.h.
#include "cacheschema.h"
#include "database.h"
#include "dictionaries.h"
#include "packedspan.h"
#include "spanencoder.h"
#include "spanmerge.h"
#include "spanrow.h"
#include "spanrowinserter.h"
#include "termrowbuckets.h"
#include "termset.h"
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
// pending terms cost 8 to 16 bytes each: this bounds that at about 100 MB, which a million typical
// spans stay well below.
constexpr size_t maxPendingTerms = 6'000'000;
constexpr size_t minTermRowsToWriteAhead = 2048;

// Leaving the WAL for a load into an empty cache and coming back to it afterwards costs about ten
// waits for the disk (each of the two switches rewrites the file header through a journal of its own);
// in return every page is written once instead of twice (to the log, then by the checkpoint). Measured
// on an idle disk, the two break even at about 5,000 spans: 1.9 MB of OTLP protobuf, the densest format,
// or 5.3 MB of Jaeger JSON. Inputs from this size on (or of unknown size) bypass the WAL.
constexpr int64_t minBytesToBypassWal = 2 << 20;

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

// A trace this import has written to.
struct PendingTrace {
    TraceId id;
    int64_t rowId = 0;
    // When the trace is new and none of its spans was merged, the summary built while writing is
    // exact; otherwise finish() computes it from the stored spans.
    bool summaryFromTable = false;
    SummaryAccumulator summary;
    std::vector<int64_t> terms; // distinct search terms not yet handed to the term rows
    std::vector<int64_t> resourceIds; // whose attributes become terms of this trace
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
        , producerEncoder(dictionaries)
        , writerEncoder(dictionaries)
        , inserter(db)
    {
    }

    TraceStore& store;
    Database& db;
    Dictionaries& dictionaries;
    QString source;
    ImportMode mode;
    DedupedBlobs resources;
    DedupedBlobs scopes;
    SpanEncoder producerEncoder; // for prepareSpans()
    SpanEncoder writerEncoder; // for batches that come unencoded
    SpanRowInserter inserter;
    PreparedSpans ownBatch; // for addSpans(), which prepares on the writing thread

    bool open = false; // the transaction is ours and still running
    bool finished = false;
    bool failed = false;
    std::string error;
    bool bulk = false;
    bool rollbackJournal = false; // the WAL is off until the transaction ends
    int64_t importId = 0;

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
    size_t pendingTerms = 0; // in traces' term lists
    size_t lastTermsTrace = SIZE_MAX; // the trace that got terms last
    TermSet lastTraceTerms; // all its terms since it became the last
    TermRowBuckets termRows; // of traces the import has moved on from
    std::unordered_map<int64_t, std::vector<int64_t>> resourceTerms; // by resource id
    std::unordered_set<int64_t> serviceIds; // of non-empty service names
    int64_t lastServiceId = 0;

    // A span in the inserter, with what remains to do once it is known whether it was stored.
    struct Staged {
        const SpanRecord* span;
        int64_t serviceId;
        int64_t operationId;
        int64_t resourceId;
        int64_t scopeId;
        size_t trace; // in traces
        const int64_t* termsBegin; // its attribute terms
        const int64_t* termsEnd;
    };
    std::vector<Staged> staged;

    std::string blob;
    std::string oldBlob;
    std::vector<uint64_t> keyIds; // of the span whose blob was encoded last
    std::vector<int64_t> mergedTerms;
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
    void restoreJournal()
    {
        // Should another connection hold the file just now, the next TraceStore::open() turns WAL back on.
        if (rollbackJournal)
            db.setWriteAheadLog(true);
        rollbackJournal = false;
    }
    bool writeBatch(PreparedSpans& batch);
    bool stageSpan(const PreparedSpans& batch, size_t index);
    bool flushRows();
    bool writeLinks(const SpanRecord& span, int64_t rowId);
    bool mergeSpan(
        const SpanRecord& fragment, int64_t incomingResourceId, int64_t incomingScopeId, PendingTrace& trace);
    PendingTrace* pendingTrace(const TraceId& id);
    bool addTerms(PendingTrace& trace, const SpanRecord& span, int64_t serviceId, int64_t operationId,
        int64_t resourceId, const int64_t* attributeTerms, const int64_t* attributeTermsEnd);
    void retireTerms(PendingTrace& trace);
    bool flushTerms(); // of every trace
    bool writeTermRows(); // of the traces retired so far
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
    // An import into an empty cache writes nearly every page anew. Through the WAL each page is written
    // twice, to the log and then by the checkpoint into the file; a rollback journal writes it once and
    // only has to save the few pages that were there before, and the import stays one transaction.
    // Leaving WAL mode needs the file to itself, so with another connection open (a window showing
    // the cache) the import keeps the WAL.
    const bool bigInput = mode.expectedBytes < 0 || mode.expectedBytes >= minBytesToBypassWal;
    const bool inMemory = store.m_path == QLatin1String(":memory:");
    if (!inMemory && !db.inWriteAheadLog()) {
        // A new cache made for this import (TraceStore::NewCache::ImportsFirst): it gets its WAL at the end.
        rollbackJournal = true;
    } else if (bigInput && !inMemory && db.queryInt64("SELECT NOT EXISTS(SELECT 1 FROM spans)", 0) == 1) {
        rollbackJournal = db.setWriteAheadLog(false);
    }
    if (!db.begin(true)) {
        failWithDatabaseError("Cannot start writing to the trace cache");
        return;
    }
    open = true;
    if (QString message; !store.createTablesWithFirstWrite(&message)) {
        fail("Cannot create the cache tables: " + message.toStdString());
        return;
    }
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
    if (!dictionaries.beginImport() || !inserter.begin(importId)) {
        failWithDatabaseError("Cannot prepare the cache writer");
        return;
    }

    selectSpan = db.cached(
        std::string("SELECT ") + SpanRow::columns + " FROM spans WHERE trace_id = ?1 AND span_id = ?2 AND side = ?3");
    updateSpan = db.cached(updateSpanSql);
    touchSpan = db.cached(touchSpanSql);
    insertTrace = db.cached(insertTraceSql);
    selectTrace = db.cached(selectTraceSql);
    insertLink = db.cached("INSERT OR IGNORE INTO span_links(target_trace, target_span, source_rowid, link_type) "
                           "VALUES (?1, ?2, ?3, ?4)");
    if (!selectSpan || !updateSpan || !touchSpan || !insertTrace || !selectTrace || !insertLink)
        failWithDatabaseError("Cannot prepare the cache writer");
}

void ImportSession::Private::rollback()
{
    if (open)
        db.rollback();
    open = false;
    restoreJournal();
    // Ids handed out inside the transaction are gone now and may be given to other names later.
    dictionaries.endImport();
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
    int64_t operationId, int64_t resourceId, const int64_t* attributeTerms, const int64_t* attributeTermsEnd)
{
    // Once the import moves on to another trace, the last one's terms are final (or nearly: should more
    // of its spans come later, their terms follow as rows of their own).
    if (const size_t index = size_t(&trace - traces.data()); index != lastTermsTrace) {
        if (lastTermsTrace < traces.size())
            retireTerms(traces[lastTermsTrace]);
        lastTraceTerms.clear();
        lastTermsTrace = index;
    }
    const size_t before = trace.terms.size();
    auto add = [&](int64_t term) {
        if (lastTraceTerms.insert(term))
            trace.terms.push_back(term);
    };
    add(TraceTerms::service(serviceId));
    add(TraceTerms::operation(operationId));
    std::for_each(attributeTerms, attributeTermsEnd, add);
    if (resourceId > 0) {
        if (std::find(trace.resourceIds.begin(), trace.resourceIds.end(), resourceId) == trace.resourceIds.end())
            trace.resourceIds.push_back(resourceId);
        if (!resourceTerms.count(resourceId) && span.resource) {
            std::vector<int64_t>& terms = resourceTerms[resourceId];
            appendAttributeTerms(span.resource->attributes, 0, nullptr, dictionaries, terms, scratch);
        }
    }
    pendingTerms += trace.terms.size() - before;
    if (pendingTerms + termRows.size() > maxPendingTerms)
        return flushTerms();
    return true;
}

void ImportSession::Private::retireTerms(PendingTrace& trace)
{
    pendingTerms -= trace.terms.size();
    for (int64_t term : trace.terms)
        termRows.add(term, trace.rowId);
    // A resource attribute may also be a span attribute; the term rows drop such repeats.
    for (int64_t resourceId : trace.resourceIds) {
        if (const auto it = resourceTerms.find(resourceId); it != resourceTerms.end()) {
            for (int64_t term : it->second)
                termRows.add(term, trace.rowId);
        }
    }
    trace.terms = {};
    trace.resourceIds.clear();
}

bool ImportSession::Private::flushTerms()
{
    for (PendingTrace& trace : traces) {
        if (!trace.terms.empty() || !trace.resourceIds.empty())
            retireTerms(trace);
    }
    lastTermsTrace = SIZE_MAX;
    lastTraceTerms.clear();
    return writeTermRows();
}

bool ImportSession::Private::writeTermRows()
{
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
    using Row = TermRowBuckets::Row;
    auto bind = [](Statement& statement, int first, Row row) {
        statement.bindInt64(first, int64_t(uint64_t(row >> 64)));
        statement.bindInt64(first + 1, int64_t(uint64_t(row)));
    };
    Row waiting[rowsPerInsert];
    size_t waitingCount = 0;
    const bool written = termRows.drain([&](const Row* rows, size_t count) {
        for (size_t i = 0; i < count; ++i) {
            waiting[waitingCount++] = rows[i];
            if (waitingCount < rowsPerInsert)
                continue;
            batch->reset();
            for (size_t j = 0; j < rowsPerInsert; ++j)
                bind(*batch, int(2 * j + 1), waiting[j]);
            if (!batch->run())
                return false;
            waitingCount = 0;
        }
        return true;
    });
    for (size_t i = 0; written && i < waitingCount; ++i) {
        single->reset();
        bind(*single, 1, waiting[i]);
        if (!single->run())
            return failWithDatabaseError("Cannot index the traces");
    }
    if (!written)
        return failWithDatabaseError("Cannot index the traces");
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

bool ImportSession::Private::writeBatch(PreparedSpans& batch)
{
    // The names the batch was prepared with must be stored before anything refers to them.
    if (!dictionaries.writeNewNames())
        return failWithDatabaseError("Cannot store a service, operation or attribute name");
    for (size_t i = 0; i < batch.spans.size(); ++i) {
        if (!stageSpan(batch, i))
            return false;
    }
    // Staged rows point into the batch, which the caller may reuse once this returns.
    return flushRows();
}

bool ImportSession::Private::stageSpan(const PreparedSpans& batch, size_t index)
{
    const SpanRecord& span = batch.spans[index];
    const PreparedSpans::Prepared& prepared = batch.prepared[index];
    if (prepared.serviceId == 0 || prepared.operationId == 0)
        return failWithDatabaseError("Cannot store a service or operation name");
    const int64_t resource = resourceId(span);
    const int64_t scope = scopeId(span);
    if (resource < 0 || scope < 0)
        return failWithDatabaseError("Cannot store a resource or scope");
    PendingTrace* trace = pendingTrace(span.traceId);
    if (!trace)
        return false;
    if ((inserter.full() || inserter.holdsKey(span)) && !flushRows())
        return false;
    inserter.add({ &span, prepared.serviceId, prepared.operationId, resource, scope, batch.blob(index) });
    const int64_t* terms = batch.terms.data();
    staged.push_back({ &span, prepared.serviceId, prepared.operationId, resource, scope, size_t(trace - traces.data()),
        terms + batch.termsBegin(index), terms + prepared.termsEnd });
    return true;
}

bool ImportSession::Private::flushRows()
{
    if (staged.empty())
        return true;
    if (!inserter.flush())
        return failWithDatabaseError("Cannot store a span");
    for (size_t i = 0; i < staged.size(); ++i) {
        const Staged& row = staged[i];
        const SpanRecord& span = *row.span;
        PendingTrace& trace = traces[row.trace];
        if (const int64_t rowId = inserter.rowId(i)) {
            ++spanCount;
            if (!span.links.empty() && !writeLinks(span, rowId))
                return false;
            if (!trace.summaryFromTable) {
                trace.summary.add(rowId, span.parentSpanId != 0, row.serviceId, row.operationId, span.isError(),
                    span.startNs, span.durationNs);
            }
            if (!addTerms(trace, span, row.serviceId, row.operationId, row.resourceId, row.termsBegin, row.termsEnd))
                return false;
        } else if (!mergeSpan(span, row.resourceId, row.scopeId, trace)) {
            return false;
        }
        if (row.serviceId != lastServiceId) {
            lastServiceId = row.serviceId;
            if (!span.serviceName.empty())
                serviceIds.insert(row.serviceId);
        }
    }
    staged.clear();
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
        mergedTerms.clear();
        appendAttributeTerms(merged.attributes, oldAttributeCount, &keyIds, dictionaries, mergedTerms, scratch);
        if (!addTerms(trace, merged, serviceId, operationId, newResource, mergedTerms.data(),
                mergedTerms.data() + mergedTerms.size()))
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
    if (!transaction.isActive() || !store.createTablesWithFirstWrite(nullptr))
        return false;
    Statement* insert
        = db.cached("INSERT INTO imports(source, format, status, imported_at_ms, records, warnings, error) "
                    "VALUES(?1, ?2, 'rejected', ?3, ?4, ?5, ?6)");
    if (!insert)
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
    if (!insert->run() || !transaction.commit())
        return false;
    store.firstWriteCommitted();
    return true;
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
    d->ownBatch.take(spans);
    const bool written = addPrepared(d->ownBatch);
    d->ownBatch.clear();
    return written;
}

void ImportSession::prepareSpans(std::vector<SpanRecord>& spans, PreparedSpans& batch)
{
    batch.take(spans);
    d->producerEncoder.encode(batch); // a failure leaves it unencoded, for addPrepared() to report
}

bool ImportSession::addPrepared(PreparedSpans& batch)
{
    if (d->failed)
        return false;
    if (d->finished)
        return d->fail("The import has already finished");
    if (!batch.encoded && !d->writerEncoder.encode(batch))
        return d->fail("Cannot store a service, operation or attribute name");
    return d->writeBatch(batch);
}

bool ImportSession::writeAhead(bool* wrote)
{
    *wrote = false;
    if (d->failed || d->finished)
        return !d->failed;
    // Fewer rows would not pay for the statements; the rows wait for the next pause or finish().
    if (d->termRows.size() < minTermRowsToWriteAhead)
        return true;
    *wrote = true;
    return d->writeTermRows();
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
    bool ok = d->dictionaries.writeNewNames();
    if (!ok)
        d->failWithDatabaseError("Cannot store a service, operation or attribute name");
    ok = ok && (!d->mode.replaceTraces || d->removeSpansMissingFromInput());
    ok = ok && d->flushTerms() && d->updateSummaries();
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
    // Keeps the planner's statistics current at a bounded cost (ANALYZE samples at most 1000 rows), in the
    // import's own transaction rather than one of its own.
    if (ok) {
        d->db.exec("PRAGMA analysis_limit = 1000");
        d->db.exec("PRAGMA optimize");
    }
    if (ok && !d->db.commit())
        ok = d->failWithDatabaseError("Cannot commit the import");
    if (!ok) {
        d->rollback();
        return false;
    }
    d->open = false;
    d->store.firstWriteCommitted();
    d->restoreJournal();
    d->dictionaries.endImport();
    for (const PendingTrace& trace : d->traces) {
        if (d->importedTraceIds.size() >= 1000)
            break;
        d->importedTraceIds.push_back(trace.id);
    }
    d->traces = {};
    d->traceIndex = {};
    if (counts)
        *counts = result;
    return true;
}

} // namespace skein
