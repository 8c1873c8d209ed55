// SPDX-License-Identifier: MIT
// The dependency graph from spans must equal what a plain walk over the same span records finds, and the
// reported links (endpoint, file) must come out marked as such.
#include "demogenerator.h"
#include "dependencyquery.h"
#include "fileimport.h"
#include "tracestore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <unordered_map>

using namespace skein;

namespace {

constexpr int64_t ms = 1000000;

std::shared_ptr<const Resource> resourceFor(const std::string& service)
{
    auto resource = std::make_shared<Resource>();
    resource->serviceName = service;
    resource->attributes = { { "service.name", AttributeValue::fromString(service) } };
    return resource;
}

SpanRecord makeSpan(const TraceId& trace, SpanId spanId, SpanId parent, const std::string& service, int64_t startNs,
    int64_t durationNs, StatusCode status = StatusCode::Unset)
{
    SpanRecord span;
    span.traceId = trace;
    span.spanId = spanId;
    span.parentSpanId = parent;
    span.serviceName = service;
    span.name = "op";
    span.startNs = startNs;
    span.durationNs = durationNs;
    span.status = status;
    span.resource = resourceFor(service);
    return span;
}

bool importSpans(TraceStore& store, std::vector<SpanRecord> spans)
{
    auto session = store.beginImport(QStringLiteral("test"));
    if (!session)
        return false;
    ImportReport report;
    report.format = "test";
    report.records = spans.size();
    if (!session->addSpans(spans))
        return false;
    ImportCounts counts;
    return session->finish(report, &counts);
}

struct Expected {
    int64_t calls = 0;
    int64_t errors = 0;
    std::vector<int64_t> durations;
};
using EdgeKey = std::pair<QString, QString>;

// The reference computation: parent span by id within the trace, no SQL, no TraceIndex.
void addReferenceEdges(const std::vector<SpanRecord>& trace, std::map<EdgeKey, Expected>& edges)
{
    std::unordered_map<SpanId, const SpanRecord*> byId;
    for (const SpanRecord& span : trace)
        byId[span.spanId] = &span;
    for (const SpanRecord& span : trace) {
        const auto parent = byId.find(span.parentSpanId);
        if (span.parentSpanId == 0 || parent == byId.end() || parent->second == &span
            || parent->second->serviceName == span.serviceName)
            continue;
        Expected& edge
            = edges[{ QString::fromStdString(parent->second->serviceName), QString::fromStdString(span.serviceName) }];
        ++edge.calls;
        edge.errors += span.isError() ? 1 : 0;
        edge.durations.push_back(span.durationNs);
    }
}

int64_t sortedPercentile(std::vector<int64_t> values, double percent)
{
    std::sort(values.begin(), values.end());
    size_t rank = size_t(std::ceil(percent / 100.0 * double(values.size())));
    return values[std::max<size_t>(rank, 1) - 1];
}

std::map<EdgeKey, DependencyEdge> spanEdges(const DependencyGraph& graph)
{
    std::map<EdgeKey, DependencyEdge> edges;
    for (const DependencyEdge& edge : graph.edges)
        if (edge.source == DependencySource::Spans)
            edges[{ edge.parent, edge.child }] = edge;
    return edges;
}

} // namespace

class TestDependencyQuery : public QObject {
    Q_OBJECT

private slots:
    void demoTracesMatchReferenceWalk();
    void percentilesAreExactNearestRank();
    void zipkinSharedSpanHangsUnderServerHalf();
    void scopesSelectTheirTraces();
    void storedLinksAreMarkedBySource();
    void dependencyFilesImportAsLinks_data();
    void dependencyFilesImportAsLinks();
    void cancelledQueryReportsCancel();
};

void TestDependencyQuery::demoTracesMatchReferenceWalk()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto store = TraceStore::open(path, &error);
    QVERIFY2(store, qPrintable(error));

    DemoGenerator generator(DemoOptions { 30000, 0, 7 });
    std::map<EdgeKey, Expected> expected;
    std::vector<SpanRecord> all;
    std::vector<SpanRecord> trace;
    while (generator.nextTrace(trace)) {
        addReferenceEdges(trace, expected);
        all.insert(all.end(), trace.begin(), trace.end());
    }
    QVERIFY(importSpans(*store, std::move(all)));
    QVERIFY(expected.size() >= 10);

    const DependencyGraph graph = DependencyQuery::run(path, DependencyScope::wholeCache());
    QVERIFY2(graph.error.isEmpty(), qPrintable(graph.error));
    QCOMPARE(graph.spansRead, int64_t(30000));
    const auto actual = spanEdges(graph);
    QCOMPARE(actual.size(), expected.size());
    int64_t errors = 0;
    for (auto& [key, edge] : expected) {
        const auto found = actual.find(key);
        QVERIFY2(found != actual.end(), qPrintable(key.first + QStringLiteral(" -> ") + key.second));
        QCOMPARE(found->second.callCount, edge.calls);
        QCOMPARE(found->second.errorCount, edge.errors);
        QCOMPARE(found->second.p50Ns, sortedPercentile(edge.durations, 50));
        QCOMPARE(found->second.p99Ns, sortedPercentile(edge.durations, 99));
        errors += edge.errors;
    }
    QVERIFY2(errors > 0, "the demo data should contain failing calls, or errorCount is untested");
}

void TestDependencyQuery::percentilesAreExactNearestRank()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto store = TraceStore::open(path, &error);
    QVERIFY(store);
    const TraceId trace { 1, 1 };
    std::vector<SpanRecord> spans { makeSpan(trace, 1, 0, "frontend", 0, 500 * ms) };
    // Durations 10 ms .. 1 ms (reversed, so that sorting matters); three of them fail.
    for (int i = 0; i < 10; ++i)
        spans.push_back(makeSpan(trace, SpanId(10 + i), 1, "backend", i * ms, (10 - i) * ms,
            i % 3 == 0 && i < 9 ? StatusCode::Error : StatusCode::Ok));
    spans.push_back(makeSpan(trace, 30, 10, "backend", ms, ms)); // same service: no edge
    QVERIFY(importSpans(*store, spans));

    const DependencyGraph graph = DependencyQuery::run(path, DependencyScope::trace(trace));
    QCOMPARE(graph.edges.size(), size_t(1));
    const DependencyEdge& edge = graph.edges.front();
    QCOMPARE(edge.parent, QStringLiteral("frontend"));
    QCOMPARE(edge.child, QStringLiteral("backend"));
    QCOMPARE(edge.callCount, int64_t(10));
    QCOMPARE(edge.errorCount, int64_t(3));
    QCOMPARE(edge.p50Ns, 5 * ms); // rank ceil(0.5 * 10) = 5
    QCOMPARE(edge.p99Ns, 10 * ms); // rank ceil(0.99 * 10) = 10
    QCOMPARE(edge.source, DependencySource::Spans);

    QCOMPARE(graph.services.size(), size_t(2));
    QCOMPARE(graph.services[0].name, QStringLiteral("backend"));
    QCOMPARE(graph.services[0].spanCount, int64_t(11));
    QCOMPARE(graph.services[0].errorCount, int64_t(3));
    QCOMPARE(graph.services[1].spanCount, int64_t(1));

    std::vector<int64_t> one { 42 };
    QCOMPARE(DependencyQuery::percentile(one, 99), int64_t(42));
    std::vector<int64_t> none;
    QCOMPARE(DependencyQuery::percentile(none, 50), int64_t(0));
}

void TestDependencyQuery::zipkinSharedSpanHangsUnderServerHalf()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto store = TraceStore::open(path, &error);
    QVERIFY(store);
    const TraceId trace { 2, 2 };
    SpanRecord root = makeSpan(trace, 1, 0, "web", 0, 100 * ms);
    SpanRecord client = makeSpan(trace, 2, 1, "web", ms, 50 * ms);
    client.kind = SpanKind::Client;
    // The server half shares the client's id; Zipkin's importer stores its parent as its own id.
    SpanRecord server = makeSpan(trace, 2, 2, "api", 2 * ms, 40 * ms, StatusCode::Error);
    server.side = SpanSide::SharedServer;
    server.kind = SpanKind::Server;
    // A child of span 2 belongs under the server half (api), not the client half (web).
    SpanRecord child = makeSpan(trace, 3, 2, "db", 3 * ms, 10 * ms);
    QVERIFY(importSpans(*store, { root, client, server, child }));

    const auto edges = spanEdges(DependencyQuery::run(path, DependencyScope::wholeCache()));
    QCOMPARE(edges.size(), size_t(2));
    QVERIFY(edges.count({ QStringLiteral("web"), QStringLiteral("api") }));
    QVERIFY(edges.count({ QStringLiteral("api"), QStringLiteral("db") }));
    const DependencyEdge& call = edges.at({ QStringLiteral("web"), QStringLiteral("api") });
    QCOMPARE(call.callCount, int64_t(1));
    QCOMPARE(call.errorCount, int64_t(1));
    QCOMPARE(call.p50Ns, 40 * ms);
}

void TestDependencyQuery::scopesSelectTheirTraces()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto store = TraceStore::open(path, &error);
    QVERIFY(store);
    const TraceId early { 3, 1 };
    const TraceId late { 3, 2 };
    const TraceId other { 3, 3 };
    const int64_t hour = int64_t(3600) * 1000000000;
    QVERIFY(importSpans(*store,
        { makeSpan(early, 1, 0, "a", 0, ms), makeSpan(early, 2, 1, "b", 0, ms), makeSpan(late, 1, 0, "a", hour, ms),
            makeSpan(late, 2, 1, "c", hour, ms), makeSpan(other, 1, 0, "a", 2 * hour, ms),
            makeSpan(other, 2, 1, "c", 2 * hour, ms) }));
    QString storeError;
    QVERIFY(store->storeDependencies(QStringLiteral("http://jaeger:16686"), QStringLiteral("fetch"),
        { { QStringLiteral("x"), QStringLiteral("y"), 5 } }, &storeError));

    auto calls = [&](const DependencyScope& scope) {
        std::map<QString, int64_t> result; // "parent>child" -> calls, every source
        for (const DependencyEdge& edge : DependencyQuery::run(path, scope).edges)
            result[edge.parent + u'>' + edge.child] += edge.callCount;
        return result;
    };
    using Calls = std::map<QString, int64_t>;
    QCOMPARE(calls(DependencyScope::wholeCache()),
        (Calls { { QStringLiteral("a>b"), 1 }, { QStringLiteral("a>c"), 2 }, { QStringLiteral("x>y"), 5 } }));
    QCOMPARE(calls(DependencyScope::trace(early)), (Calls { { QStringLiteral("a>b"), 1 } }));
    QCOMPARE(calls(DependencyScope::traces({ late, other })), (Calls { { QStringLiteral("a>c"), 2 } }));
    QCOMPARE(calls(DependencyScope::timeRange(hour / 2, hour * 3 / 2)), (Calls { { QStringLiteral("a>c"), 1 } }));
    QCOMPARE(calls(DependencyScope::timeRange(5 * hour, 6 * hour)), Calls {});
    QCOMPARE(calls(DependencyScope::traces({ TraceId { 9, 9 } })), Calls {});

    // A trace scope lists its services even when they have no edge between them.
    const DependencyGraph single = DependencyQuery::run(path, DependencyScope::trace(early));
    QCOMPARE(single.services.size(), size_t(2));
}

void TestDependencyQuery::storedLinksAreMarkedBySource()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto store = TraceStore::open(path, &error);
    QVERIFY(store);
    QVERIFY(importSpans(*store, { makeSpan({ 4, 1 }, 1, 0, "a", 0, ms), makeSpan({ 4, 1 }, 2, 1, "b", 0, ms) }));
    QVERIFY(store->storeDependencies(QStringLiteral("http://one:16686"), QStringLiteral("fetch"),
        { { QStringLiteral("a"), QStringLiteral("b"), 10 } }, &error));
    QVERIFY(store->storeDependencies(QStringLiteral("http://two:16686"), QStringLiteral("fetch"),
        { { QStringLiteral("a"), QStringLiteral("b"), 5 } }, &error));
    QVERIFY(store->storeDependencies(dependencyFileSource(QStringLiteral("/tmp/deps.json")),
        QStringLiteral("/tmp/deps.json"), { { QStringLiteral("b"), QStringLiteral("z"), 7 } }, &error));

    const DependencyGraph graph = DependencyQuery::run(path, DependencyScope::wholeCache());
    QCOMPARE(graph.edges.size(), size_t(3));
    QCOMPARE(graph.edges[0].source, DependencySource::Spans);
    QCOMPARE(graph.edges[0].callCount, int64_t(1));
    QCOMPARE(graph.edges[1].source, DependencySource::Endpoint);
    QCOMPARE(graph.edges[1].callCount, int64_t(15)); // two endpoints' reports of the same call add up
    QCOMPARE(graph.edges[2].source, DependencySource::File);
    QCOMPARE(graph.edges[2].child, QStringLiteral("z"));
    QCOMPARE(graph.services.size(), size_t(3)); // z is known from the file only

    DependencySources onlyFiles;
    onlyFiles.spans = false;
    onlyFiles.endpoint = false;
    const DependencyGraph files = DependencyQuery::run(path, DependencyScope::wholeCache(), onlyFiles);
    QCOMPARE(files.edges.size(), size_t(1));
    QCOMPARE(files.edges[0].source, DependencySource::File);
    QCOMPARE(files.services.size(), size_t(2));
}

void TestDependencyQuery::dependencyFilesImportAsLinks_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addRow("bare array") << QByteArray(
        R"([{"parent":"a","child":"b","callCount":3},{"parent":"b","child":"c","callCount":4}])");
    QTest::addRow("jaeger envelope") << QByteArray(
        R"({"data":[{"parent":"a","child":"b","callCount":3},{"parent":"b","child":"c","callCount":4}],)"
        R"("total":0,"limit":0,"offset":0,"errors":null})");
}

void TestDependencyQuery::dependencyFilesImportAsLinks()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto store = TraceStore::open(path, &error);
    QVERIFY(store);
    const QString file = dir.filePath(QStringLiteral("deps.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(content);
    out.close();

    for (int round = 0; round < 2; ++round) { // importing the same file again replaces its links
        const ImportOutcome outcome = importFile(*store, file);
        QVERIFY2(!outcome.report.rejected, outcome.report.error.message.c_str());
        QCOMPARE(outcome.counts.records, uint64_t(2));
        QCOMPARE(outcome.counts.spans, uint64_t(0));
    }
    const DependencyGraph graph = DependencyQuery::run(path, DependencyScope::wholeCache());
    QCOMPARE(graph.edges.size(), size_t(2));
    QCOMPARE(graph.edges[0].source, DependencySource::File);
    QCOMPARE(graph.edges[0].parent, QStringLiteral("a"));
    QCOMPARE(graph.edges[0].callCount, int64_t(3));
    QCOMPARE(graph.edges[1].callCount, int64_t(4));
}

void TestDependencyQuery::cancelledQueryReportsCancel()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto store = TraceStore::open(path, &error);
    QVERIFY(store);
    DemoGenerator generator(DemoOptions { 10000, 0, 1 });
    std::vector<SpanRecord> all;
    std::vector<SpanRecord> trace;
    while (generator.nextTrace(trace))
        all.insert(all.end(), trace.begin(), trace.end());
    QVERIFY(importSpans(*store, std::move(all)));
    const std::atomic<bool> cancel { true };
    const DependencyGraph graph = DependencyQuery::run(path, DependencyScope::wholeCache(), {}, &cancel);
    QVERIFY(graph.cancelled);
    QVERIFY(graph.edges.empty());
}

QTEST_GUILESS_MAIN(TestDependencyQuery)
#include "tst_dependencyquery.moc"
