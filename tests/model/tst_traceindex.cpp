// SPDX-License-Identifier: MIT
// The open-trace index: depth-first order, subtree ranges, parents across Zipkin shared spans, orphans
// and cycles; loaded from a real cache file, with the details read by TraceContent.
#include "database.h"
#include "tracecontent.h"
#include "traceindex.h"
#include "tracestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace skein;

namespace {

const TraceId testTrace { 0, 0x1234 };

SpanRecord makeSpan(SpanId id, SpanId parent, const std::string& service, const std::string& name, int64_t start,
    int64_t duration, SpanSide side = SpanSide::Primary)
{
    SpanRecord span;
    span.traceId = testTrace;
    span.spanId = id;
    span.parentSpanId = parent;
    span.side = side;
    span.serviceName = service;
    span.name = name;
    span.startNs = start;
    span.durationNs = duration;
    auto resource = std::make_shared<Resource>();
    resource->serviceName = service;
    resource->attributes = { { "host.name", AttributeValue::fromString("Host-" + service) } };
    span.resource = resource;
    return span;
}

bool store(TraceStore& cache, std::vector<SpanRecord> spans)
{
    auto session = cache.beginImport(QStringLiteral("test"));
    if (!session || !session->addSpans(spans))
        return false;
    ImportReport report;
    report.format = "test";
    return session->finish(report, nullptr);
}

// Parent of each span in index order, as "operation<parent operation" strings, to compare whole trees.
QStringList shape(const TraceIndex& index)
{
    QStringList rows;
    for (int32_t i = 0; i < index.size(); ++i) {
        const int32_t parent = index.parent[size_t(i)];
        rows.append(QString(index.depth[size_t(i)], QLatin1Char(' ')) + index.operationName(i)
            + (parent >= 0 ? QLatin1Char('<') + index.operationName(parent) : QString()));
    }
    return rows;
}

} // namespace

class TestTraceIndex : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_cache = TraceStore::open(m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_counter)), nullptr);
        QVERIFY(m_cache);
    }

    void depthFirstWithSubtreeRanges()
    {
        QVERIFY(store(*m_cache,
            { makeSpan(3, 1, "db", "query-b", 300, 50), makeSpan(1, 0, "front", "root", 100, 1000),
                makeSpan(2, 1, "api", "call-a", 150, 100), makeSpan(4, 2, "db", "query-a", 160, 20),
                makeSpan(5, 3, "cache", "get", 310, 10) }));
        const std::optional<TraceIndex> index = m_cache->loadTraceIndex(testTrace);
        QVERIFY(index);
        QCOMPARE(index->size(), 5);
        QCOMPARE(shape(*index),
            QStringList({ QStringLiteral("root"), QStringLiteral(" call-a<root"), QStringLiteral("  query-a<call-a"),
                QStringLiteral(" query-b<root"), QStringLiteral("  get<query-b") }));
        QCOMPARE(index->subtreeEnd, (std::vector<int32_t> { 5, 3, 3, 5, 5 }));
        QCOMPARE(index->traceStartNs, int64_t(100));
        QCOMPARE(index->traceDurationNs, int64_t(1000));
        QCOMPARE(index->startOf(1), int64_t(50));
        QCOMPARE(index->maxDepth, 2);
        QCOMPARE(index->rootCount, 1);
        QCOMPARE(index->children(0), (std::vector<int32_t> { 1, 3 }));
        QCOMPARE(index->findSpan(4), 2);
        QCOMPARE(index->findSpan(99), -1);
        QCOMPARE(index->serviceNames,
            (std::vector<QString> {
                QStringLiteral("api"), QStringLiteral("cache"), QStringLiteral("db"), QStringLiteral("front") }));
        QCOMPARE(index->serviceName(4), QStringLiteral("cache"));
        QVERIFY(index->memoryBytes() / size_t(index->size()) <= 64 + 64); // names dominate a tiny trace
    }

    void orphansCyclesAndSkew()
    {
        QVERIFY(store(*m_cache,
            { makeSpan(1, 0, "a", "root", 100, 100), makeSpan(2, 77, "a", "orphan", 120, 10),
                makeSpan(3, 4, "b", "loop-3", 130, 10), makeSpan(4, 3, "b", "loop-4", 132, 5),
                makeSpan(5, 1, "b", "early", 90, 300) }));
        const std::optional<TraceIndex> index = m_cache->loadTraceIndex(testTrace);
        QVERIFY(index);
        QCOMPARE(index->size(), 5);
        QCOMPARE(index->orphanCount, 1);
        QCOMPARE(index->cycleCount, 1);
        QCOMPARE(index->rootCount, 3);
        const int32_t early = index->findSpan(5);
        QVERIFY(index->has(early, TraceIndex::StartsBeforeParent));
        QVERIFY(index->has(early, TraceIndex::EndsAfterParent));
        QCOMPARE(index->skewCount, 1);
        QVERIFY(index->has(index->findSpan(2), TraceIndex::Orphan));
        // The loop is cut at the earlier span, which becomes a root holding the other.
        const int32_t loop3 = index->findSpan(3);
        QVERIFY(index->has(loop3, TraceIndex::Cycle));
        QCOMPARE(index->parent[size_t(loop3)], -1);
        QCOMPARE(index->parent[size_t(index->findSpan(4))], loop3);
    }

    void zipkinSharedSpanHalves()
    {
        // Client half (Primary) and server half (SharedServer) share id 2; the server's child names 2 as parent.
        QVERIFY(store(*m_cache,
            { makeSpan(1, 0, "front", "root", 0, 100), makeSpan(2, 1, "front", "client", 10, 80),
                makeSpan(2, 2, "back", "server", 15, 70, SpanSide::SharedServer),
                makeSpan(3, 2, "back", "work", 20, 30) }));
        const std::optional<TraceIndex> index = m_cache->loadTraceIndex(testTrace);
        QVERIFY(index);
        QCOMPARE(shape(*index),
            QStringList({ QStringLiteral("root"), QStringLiteral(" client<root"), QStringLiteral("  server<client"),
                QStringLiteral("   work<server") }));
        QCOMPARE(index->findSpan(2), 1);
        QCOMPARE(index->findSpan(2, SpanSide::SharedServer), 2);
        QVERIFY(index->has(2, TraceIndex::SharedServer));
    }

    void traceSpreadOverSeveralImports()
    {
        // Another trace's rows land between this trace's, so its rows are two runs of ids.
        QVERIFY(store(*m_cache, { makeSpan(1, 0, "a", "root", 0, 100), makeSpan(2, 1, "a", "first", 10, 10) }));
        SpanRecord other = makeSpan(7, 0, "z", "elsewhere", 0, 5);
        other.traceId = TraceId { 0, 0x9999 };
        QVERIFY(store(*m_cache, { other }));
        QVERIFY(store(*m_cache, { makeSpan(3, 1, "b", "late", 50, 10) }));
        const std::optional<TraceIndex> index = m_cache->loadTraceIndex(testTrace);
        QVERIFY(index);
        QCOMPARE(index->size(), 3);
        QCOMPARE(shape(*index),
            QStringList({ QStringLiteral("root"), QStringLiteral(" first<root"), QStringLiteral(" late<root") }));
        const std::optional<TraceContent> content = TraceContent::load(*m_cache, *index);
        QVERIFY(content);
        QCOMPARE(m_cache->loadTrace(testTrace).size(), size_t(3));
    }

    void rowsInterleavedWithAnotherTrace()
    {
        // This trace's rows are 1, 3, 4 and 6, another's 2 and 5: the run that the span count and the first
        // row point at, 1 to 4, holds a row of the other trace, and the trace's last row lies beyond it.
        SpanRecord b1 = makeSpan(50, 0, "z", "other-root", 0, 5);
        SpanRecord b2 = makeSpan(51, 50, "z", "other-child", 1, 2);
        b1.traceId = b2.traceId = TraceId { 0, 0x9999 };
        QVERIFY(store(*m_cache,
            { makeSpan(1, 0, "a", "root", 0, 100), b1, makeSpan(2, 1, "a", "first", 10, 10),
                makeSpan(3, 1, "a", "second", 20, 10), b2, makeSpan(4, 3, "a", "third", 25, 1) }));
        {
            auto db = Database::open(m_cache->path(), nullptr);
            QVERIFY(db);
            Statement rows = db->prepare("SELECT id, span_id FROM spans ORDER BY id");
            std::vector<std::pair<int64_t, int64_t>> layout;
            while (rows.next())
                layout.emplace_back(rows.int64(0), rows.int64(1));
            QCOMPARE(layout,
                (std::vector<std::pair<int64_t, int64_t>> {
                    { 1, 1 }, { 2, 50 }, { 3, 2 }, { 4, 3 }, { 5, 51 }, { 6, 4 } }));
        }
        const std::optional<TraceIndex> index = m_cache->loadTraceIndex(testTrace);
        QVERIFY(index);
        QCOMPARE(shape(*index),
            QStringList({ QStringLiteral("root"), QStringLiteral(" first<root"), QStringLiteral(" second<root"),
                QStringLiteral("  third<second") }));
        for (int32_t i = 0; i < index->size(); ++i) {
            const std::optional<SpanRecord> span = m_cache->loadSpan(index->rowId[size_t(i)]);
            QVERIFY(span);
            QCOMPARE(span->spanId, index->spanId[size_t(i)]);
        }
        QCOMPARE(m_cache->loadTrace(testTrace).size(), size_t(4));
        const std::optional<TraceContent> content = TraceContent::load(*m_cache, *index);
        QVERIFY(content);
    }

    void bigTraceReadOnTwoConnections()
    {
        // Enough rows for the second connection and the builder's second thread; the same spans built from
        // memory in one piece are the expected index.
        constexpr int32_t count = 120000;
        std::vector<SpanRecord> spans;
        std::vector<TraceIndex::Input> inputs;
        QStringList names;
        for (int32_t i = 0; i < 40; ++i)
            names << QStringLiteral("name-%1").arg(i);
        for (int32_t i = 0; i < count; ++i) {
            SpanRecord span;
            span.traceId = testTrace;
            span.spanId = SpanId(uint64_t(i) * 0x9E3779B97F4A7C15ull + 1);
            span.parentSpanId = i == 0 ? 0 : spans[size_t((i - 1) / 3)].spanId;
            span.serviceName = names[i % 7].toStdString();
            span.name = names[(i / 5) % 40].toStdString();
            span.startNs = 1000 + (i * 7919) % 100000;
            span.durationNs = i % 1000;
            span.status = i % 97 == 0 ? StatusCode::Error : StatusCode::Unset;
            spans.push_back(span);
            TraceIndex::Input input;
            input.rowId = i + 1;
            input.spanId = span.spanId;
            input.parentSpanId = span.parentSpanId;
            input.serviceKey = i % 7;
            input.operationKey = (i / 5) % 40;
            input.status = span.status;
            input.startNs = span.startNs;
            input.durationNs = span.durationNs;
            inputs.push_back(input);
        }
        QVERIFY(store(*m_cache, std::move(spans)));
        const std::optional<TraceIndex> loaded = m_cache->loadTraceIndex(testTrace);
        QVERIFY(loaded);
        const TraceIndex expected = TraceIndex::build(
            testTrace, std::move(inputs), [&](int64_t key) { return names[key]; },
            [&](int64_t key) { return names[key]; });
        QCOMPARE(loaded->size(), count);
        QCOMPARE(loaded->traceStartNs, expected.traceStartNs);
        QCOMPARE(loaded->traceDurationNs, expected.traceDurationNs);
        QCOMPARE(loaded->errorCount, expected.errorCount);
        for (int32_t i = 0; i < count; ++i) {
            const size_t o = size_t(i);
            QCOMPARE(loaded->spanId[o], expected.spanId[o]);
            QCOMPARE(loaded->rowId[o], expected.rowId[o]);
            QCOMPARE(loaded->parent[o], expected.parent[o]);
            QCOMPARE(loaded->subtreeEnd[o], expected.subtreeEnd[o]);
            QCOMPARE(loaded->flags[o], expected.flags[o]);
            QCOMPARE(loaded->startOf(i), expected.startOf(i));
            QCOMPARE(loaded->spanDuration(i), expected.spanDuration(i));
            QCOMPARE(loaded->serviceName(i), expected.serviceName(i));
            QCOMPARE(loaded->operationName(i), expected.operationName(i));
            QCOMPARE(loaded->bySpanId[o], expected.bySpanId[o]);
        }
        std::atomic<bool> cancel { true };
        QVERIFY(!m_cache->loadTraceIndex(testTrace, &cancel));
    }

    void unknownTraceIsEmpty() { QVERIFY(!m_cache->loadTraceIndex(TraceId { 9, 9 })); }

    void cancelledLoadIsEmpty()
    {
        QVERIFY(store(*m_cache, { makeSpan(1, 0, "a", "root", 0, 10) }));
        std::atomic<bool> cancel { true };
        QVERIFY(!m_cache->loadTraceIndex(testTrace, &cancel));
    }

    void contentHasEventsSearchAndLinks()
    {
        SpanRecord root = makeSpan(1, 0, "front", "GET /checkout", 1000, 500);
        root.attributes = { { "http.status_code", AttributeValue::fromInt(503) } };
        root.events = { SpanEvent { 1200, "retry", { { "attempt", AttributeValue::fromInt(2) } }, 0 },
            SpanEvent { 1100, "connect", {}, 0 } };
        SpanRecord child = makeSpan(2, 1, "payments", "charge", 1050, 100);
        child.warnings = { "clock skew adjusted" };
        child.links = { SpanLink { testTrace, 1, LinkType::FollowsFrom, {}, {}, 0, 0 },
            SpanLink { TraceId { 0, 0x999 }, 42, LinkType::FollowsFrom, {}, {}, 0, 0 } };
        QVERIFY(store(*m_cache, { root, child }));

        const std::optional<TraceIndex> index = m_cache->loadTraceIndex(testTrace);
        QVERIFY(index);
        const std::optional<TraceContent> content = TraceContent::load(*m_cache, *index);
        QVERIFY(content);
        QCOMPARE(content->events.size(), size_t(2));
        QCOMPARE(content->eventName(content->events[0]), QStringLiteral("connect"));
        QCOMPARE(content->events[0].offsetNs, int64_t(100));
        QCOMPARE(content->eventFields(content->events[1]), QStringLiteral("attempt=2"));
        const std::span<const int64_t> rootEvents = content->eventTimesOf(0);
        QCOMPARE(std::vector<int64_t>(rootEvents.begin(), rootEvents.end()), (std::vector<int64_t> { 100, 200 }));
        QVERIFY(content->eventTimesOf(1).empty());
        QCOMPARE(content->spansWithWarnings, (std::vector<int32_t> { 1 }));
        QCOMPARE(content->linkCount, 2);

        QCOMPARE(content->search(*index, QStringLiteral("STATUS_CODE=503")), (std::vector<int32_t> { 0 }));
        QCOMPARE(content->search(*index, QStringLiteral("payments")), (std::vector<int32_t> { 1 }));
        QCOMPARE(content->search(*index, QStringLiteral("host-")), (std::vector<int32_t> { 0, 1 }));
        QCOMPARE(content->search(*index, QStringLiteral("attempt")), (std::vector<int32_t> { 0 }));
        QCOMPARE(content->search(*index, QStringLiteral("nothing like it")), std::vector<int32_t> {});
        QCOMPARE(content->search(*index, QString()), std::vector<int32_t> {});

        // Links are indexed by target, in this trace and across traces.
        const std::vector<SpanReference> toRoot = m_cache->spansLinkingTo(testTrace, 1);
        QCOMPARE(toRoot.size(), size_t(1));
        QCOMPARE(toRoot[0].spanId, SpanId(2));
        QCOMPARE(toRoot[0].operation, QStringLiteral("charge"));
        QCOMPARE(m_cache->spansLinkingTo(TraceId { 0, 0x999 }, 42).size(), size_t(1));
        QVERIFY(m_cache->spansLinkingTo(TraceId { 0, 0x999 }, 43).empty());

        // Importing the same spans again neither duplicates links nor loses them.
        QVERIFY(store(*m_cache, { root, child }));
        QCOMPARE(m_cache->spansLinkingTo(testTrace, 1).size(), size_t(1));

        const std::optional<SpanRecord> loaded = m_cache->loadSpan(index->rowId[0]);
        QVERIFY(loaded);
        QCOMPARE(loaded->name, std::string("GET /checkout"));
        QVERIFY(loaded->resource);
        QCOMPARE(loaded->resource->attributes.size(), size_t(1));
        QVERIFY(!m_cache->loadSpan(-5));
    }

    void versionOneCacheGetsLinksBackfilled()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.sqlite"));
        {
            auto cache = TraceStore::open(path, nullptr);
            QVERIFY(cache);
            SpanRecord child = makeSpan(2, 1, "b", "child", 10, 5);
            child.links = { SpanLink { TraceId { 0, 0x777 }, 7, LinkType::ChildOf, {}, {}, 0, 0 } };
            QVERIFY(store(*cache, { makeSpan(1, 0, "a", "root", 0, 100), child }));
        }
        {
            // Turn it back into a version 1 cache, as an earlier Skein left it.
            QString error;
            auto db = Database::open(path, &error);
            QVERIFY2(db, qPrintable(error));
            QVERIFY(db->exec("DROP TABLE span_links"));
            QVERIFY(db->exec("PRAGMA user_version = 1"));
        }
        auto cache = TraceStore::open(path, nullptr);
        QVERIFY(cache);
        const std::vector<SpanReference> references = cache->spansLinkingTo(TraceId { 0, 0x777 }, 7);
        QCOMPARE(references.size(), size_t(1));
        QCOMPARE(references[0].type, LinkType::ChildOf);
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<TraceStore> m_cache;
};

QTEST_GUILESS_MAIN(TestTraceIndex)
#include "tst_traceindex.moc"
