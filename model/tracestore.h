// SPDX-License-Identifier: MIT
// The local trace cache: one SQLite file (WAL) that is the single source of truth.
#pragma once

#include "dependencylink.h"
#include "importmessage.h"
#include "span.h"
#include "spansink.h"
#include "traceindex.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace skein {

class AttributeKeyDictionary;
class Database;
class Statement;
class Dictionaries;

struct ImportCounts {
    uint64_t traces = 0; // distinct trace ids in the input
    uint64_t records = 0; // span records read
    uint64_t spans = 0; // spans stored after merging fragments of the same span
    uint64_t services = 0; // distinct non-empty service names of the input's spans
};

struct TraceSummary {
    TraceId traceId;
    int64_t startNs = 0;
    int64_t durationNs = 0;
    QString rootService;
    QString rootOperation;
    int64_t spanCount = 0;
    int64_t errorCount = 0;
    QStringList services;
};

struct TraceFilter {
    QString service; // empty: any
    QString operation; // empty: any
    // Each key = value (canonical text, AttributeValue::toText()) must be a scalar attribute of some span
    // of the trace, or of the resource (process) of one of its spans.
    std::vector<std::pair<QString, QString>> tags;
    std::optional<int64_t> minDurationNs;
    std::optional<int64_t> maxDurationNs;
    std::optional<int64_t> startFromNs; // trace start >= this
    std::optional<int64_t> startToNs; // trace start <= this
    int limit = 100; // 0 or less: no limit
};

struct StoreInfo {
    QString path;
    int64_t traces = 0;
    int64_t spans = 0;
    int64_t services = 0;
    int64_t operations = 0;
    int64_t imports = 0;
    int64_t fileBytes = 0; // database plus WAL file
};

// A span found by a cache-wide lookup (e.g. the spans that link to a given span).
struct SpanReference {
    TraceId traceId;
    SpanId spanId = 0;
    SpanSide side = SpanSide::Primary;
    int64_t rowId = 0;
    QString service;
    QString operation;
    LinkType type = LinkType::FollowsFrom;
};

struct ImportRecord {
    int64_t id = 0;
    QString source;
    QString format;
    QString status; // "imported" or "rejected"
    int64_t importedAtMs = 0; // ms since epoch
    ImportCounts counts;
    std::vector<ImportMessage> warnings;
    std::optional<ImportMessage> error;
};

// How an import treats what the cache already holds.
struct ImportMode {
    // The input holds whole traces (a fetch from a tracing backend): spans of the traces it touches that it
    // does not contain are removed, so a trace fetched again is replaced, not merged with its old copy.
    bool replaceTraces = false;
    // A rejected input is listed in the imports table. A failed download is not part of the cache's history.
    bool recordRejected = true;
    // About how many bytes of trace data the input holds (decompressed), -1 when unknown. A big load
    // into an empty cache bypasses the WAL, which pays off only when there are many pages to write.
    int64_t expectedBytes = -1;
};

class ImportSession;
struct PreparedSpans;

// One span row in its stored form, for readers that need less than a whole SpanRecord (forEachPackedSpan()).
struct PackedSpanRow {
    int64_t rowId = 0;
    int64_t startNs = 0;
    std::string_view details; // PackedSpan::encodeDetails(); valid during the visit only
    int64_t resourceId = 0; // 0: none
    int64_t scopeId = 0; // 0: none
};

// What decoding a PackedSpanRow needs, from the connection that read it: use it on the visit's thread only.
class PackedSpanContext {
public:
    virtual ~PackedSpanContext() = default;
    virtual AttributeKeyDictionary& keys() = 0;
    // The resource of a row (shared by the rows that name it); null for 0, or when it is missing or damaged.
    virtual std::shared_ptr<const Resource> resource(int64_t id) = 0;
    // False when the scope is missing or damaged (a SpanRecord would carry a warning).
    virtual bool scopeReadable(int64_t id) = 0;
};

// Visits the rows of one part of a trace, on that part's thread, always with the same context.
class PackedSpanVisitor {
public:
    virtual ~PackedSpanVisitor() = default;
    // False stops the whole read.
    virtual bool visit(const PackedSpanRow& row, PackedSpanContext& context) = 0;
};

// One connection to the cache: use a store from one thread at a time, and open another store (on the
// same file) for another thread. WAL lets one writer and any number of readers work at once.
class TraceStore {
public:
    ~TraceStore();
    TraceStore(const TraceStore&) = delete;
    TraceStore& operator=(const TraceStore&) = delete;

    // How a cache file that does not exist yet starts. With a WAL, as every cache works. An import that has the
    // file to itself leaves the WAL for a bulk load and comes back to it when it ends, each switch a journal
    // write of its own: a caller that imports first (the command line) saves both with ImportsFirst, and the
    // new cache gets its WAL when that import ends (or the next time the cache is opened). Its tables are
    // created in that import's transaction too, so that the import commits once; anything else done first
    // creates them on its own.
    enum class NewCache { WriteAheadLog, ImportsFirst };
    // Opens or creates the cache at path (":memory:" works), creating folders and migrating the schema.
    static std::unique_ptr<TraceStore> open(
        const QString& path, QString* errorMessage, NewCache newCache = NewCache::WriteAheadLog);
    // The cache in the platform's app data folder (QStandardPaths::AppLocalDataLocation).
    static QString defaultPath();

    QString path() const;

    // Starts importing one input. Only one session may be open per store at a time (nullptr while
    // another one is); all of it lands in one transaction, so a failed, cancelled or killed import
    // leaves the cache as it was. The session must not outlive the store.
    std::unique_ptr<ImportSession> beginImport(const QString& source, ImportMode mode = {});

    // Stores the dependency links that one fetch from endpoint reported, replacing everything that endpoint
    // reported before, in one transaction; listed in the imports table as source (format
    // "jaeger-dependencies"). False with *errorMessage on a database error (the cache is then unchanged).
    bool storeDependencies(const QString& endpoint, const QString& source, const std::vector<DependencyLink>& links,
        QString* errorMessage, int64_t* importId = nullptr);
    // Every stored link, by source, parent, child.
    std::vector<StoredDependencyLink> dependencyLinks();

    StoreInfo info();
    // Newest first.
    std::vector<TraceSummary> findTraces(const TraceFilter& filter);
    std::optional<TraceSummary> traceSummary(const TraceId& traceId);
    // Every span of a trace with all details, ordered by start.
    std::vector<SpanRecord> loadTrace(const TraceId& traceId);
    // Calls visit for every span of a trace with all details, ordered by start, until it returns false.
    // False when the trace could not be read to the end (a database error or visit stopped it).
    bool forEachSpan(const TraceId& traceId, const std::function<bool(int64_t rowId, SpanRecord& span)>& visit);
    // Visits every span row of a trace once, in parts read at the same time by up to maxParts connections to
    // the same file (0: one per core, up to four), each part's rows in row id order on its own thread.
    // addPart is called on this thread, once per part, before any row is read; the visitors it returns must
    // live until this returns. False when the trace could not be read to the end (a database error, or a
    // visitor stopped it).
    bool forEachPackedSpan(
        const TraceId& traceId, const std::function<PackedSpanVisitor&()>& addPart, size_t maxParts = 0);
    // One span with all details (resource and scope included), by its spans table row.
    std::optional<SpanRecord> loadSpan(int64_t rowId);
    // The compact index of a trace, from the spans table's columns only (no details are decoded). A big
    // trace is read by up to four connections to the same file at once, one per core.
    // Empty when the trace is not cached or cancel became true.
    std::optional<TraceIndex> loadTraceIndex(const TraceId& traceId, const std::atomic<bool>* cancel = nullptr);
    // The same, reading every row's details in the same pass: each part of the rows goes to a visitor of its
    // own, on the part's thread, from addPart(part, rows of the trace). A part may be read again (a connection
    // failed, or the trace's rows were not where they seemed): addPart() is then called again for it, and only
    // the last visitor of each part has seen all of its rows; addPart(0, ...) starts a whole new reading. All
    // calls are made on the calling thread. A visitor returning false cancels. maxParts: 0 for one per core.
    std::optional<TraceIndex> loadTraceIndex(const TraceId& traceId, const std::atomic<bool>* cancel,
        const std::function<PackedSpanVisitor&(size_t part, size_t rows)>& addPart, size_t maxParts = 0);
    // Every cached span, in any trace, with a link or reference to (traceId, spanId).
    std::vector<SpanReference> spansLinkingTo(const TraceId& traceId, SpanId spanId);
    QStringList services();
    QStringList operations(const QString& service);
    std::vector<ImportRecord> imports(); // oldest first

    // The query plan findTraces() would use (EXPLAIN QUERY PLAN, one line per step), for checking
    // that filters are served by indexes.
    QStringList findTracesPlan(const TraceFilter& filter);

private:
    friend class ImportSession;
    explicit TraceStore(std::unique_ptr<Database> db, QString path);
    bool backfillSpanLinks(); // after the upgrade of a version 1 cache
    bool ensureTables(); // false on a database error
    // Inside a write transaction: the tables of a new cache that come with its first write; whoever commits the
    // transaction then calls firstWriteCommitted(). True when there was nothing to create.
    bool createTablesWithFirstWrite(QString* errorMessage);
    void firstWriteCommitted() { m_tablesComeWithFirstImport = false; }
    // Row ids of a trace's spans as runs [first, last] of consecutive ids, ascending. With probable, the
    // single run that the trace's span count and a few probes point at, when there is one (*probable is
    // then true): its rows must be checked for the trace id while they are read.
    std::vector<std::pair<int64_t, int64_t>> rowRanges(const TraceId& traceId, bool* probable = nullptr);
    std::optional<std::pair<int64_t, int64_t>> probableRun(const TraceId& traceId);
    // How many connections should read a trace's rows side by side: at least minRowsEach rows each, at most
    // maxConnections (0: one per core, up to four).
    size_t readingConnections(size_t rows, size_t minRowsEach, size_t maxConnections = 0) const;
    // Steps through a trace's rows in row id order, selecting columns, until visit returns false.
    bool forEachRow(const TraceId& traceId, const std::string& columns,
        const std::function<bool(const Statement& row)>& visit, size_t* rowCount = nullptr);
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Dictionaries> m_dictionaries;
    QString m_path;
    bool m_importOpen = false;
    // A new cache opened with NewCache::ImportsFirst: its first import creates the tables in its own
    // transaction. Anything else done first creates them on its own (ensureTables()).
    bool m_tablesComeWithFirstImport = false;
};

// A SpanSink that writes into the cache. Spans with the same (trace id, span id, side) are merged,
// within one input and with what the cache already holds, so importing a file twice duplicates nothing.
class ImportSession : public SpanSink {
public:
    ~ImportSession() override; // rolls back when finish() was not called
    bool addSpans(std::vector<SpanRecord>& spans) override;
    // addSpans() in two halves, so that an importer can do the first on the thread that parses while
    // the store's thread writes: prepareSpans() moves the spans into batch and encodes them, which
    // needs no database (its calls must not overlap one another or finish(), but may overlap the other
    // calls); addPrepared() writes a batch, encoding it first if it was only filled by
    // PreparedSpans::take(). The caller may then reuse the batch.
    void prepareSpans(std::vector<SpanRecord>& spans, PreparedSpans& batch);
    bool addPrepared(PreparedSpans& batch);
    // For the writing thread while it waits for the next batch: writes ahead some of what finish() would
    // write at the end (the search index rows of the traces the input has moved past). *wrote tells
    // whether it did, so that the caller calls again while there is still time. False on a database error.
    bool writeAhead(bool* wrote);
    std::string errorMessage() const override;

    // Ends the import. A rejected or cancelled report (or an earlier sink failure) rolls everything
    // back; a rejected input is still recorded in the imports table. Otherwise commits, with the
    // trace summaries of every touched trace brought up to date. Returns false on a database error.
    bool finish(const ImportReport& report, ImportCounts* counts);
    // The traces this import wrote to, in the order first seen (up to the first maxTraces).
    std::vector<TraceId> traceIds(size_t maxTraces = 1000) const;

private:
    friend class TraceStore;
    struct Private;
    explicit ImportSession(TraceStore& store, const QString& source, ImportMode mode);
    std::unique_ptr<Private> d;
};

} // namespace skein
