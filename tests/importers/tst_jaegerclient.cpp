// SPDX-License-Identifier: MIT
// The Jaeger query client against a local stand-in server: both API versions, browsing, fetching into a real
// cache file, and every failure the issue lists.
#include "database.h"
#include "demogenerator.h"
#include "jaegerclient.h"
#include "jaegertestdata.h"
#include "jaegertestserver.h"
#include "remoteimport.h"
#include "streamingbytesource.h"
#include "tracestore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace skein;
using namespace skein::test;

namespace {

QByteArray corpusFile(const QString& relative)
{
    QFile file(QStringLiteral(SKEIN_CORPUS_DIR "/jaeger-api/") + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

template <typename Object> bool waitFor(Object* object)
{
    if (object->isFinished())
        return true;
    QSignalSpy spy(object, &Object::finished);
    return spy.wait(30000);
}

bool waitForCall(JaegerCall* call)
{
    if (call->status() != JaegerCall::Status::Running)
        return true;
    QSignalSpy spy(call, &JaegerCall::finished);
    return spy.wait(30000);
}

struct CacheState {
    int64_t traces = 0;
    int64_t spans = 0;
    int64_t imports = 0;
    size_t dependencies = 0;
    bool operator==(const CacheState&) const = default;
};

JaegerSearch frontendSearch()
{
    JaegerSearch search;
    search.service = QStringLiteral("frontend");
    search.limit = 20;
    return search;
}

} // namespace

class tst_JaegerClient : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_database = m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_counter));
        QString error;
        QVERIFY2(TraceStore::open(m_database, &error), qPrintable(error));
        m_server = std::make_unique<JaegerTestServer>();
        QVERIFY(m_server->port() != 0);
    }

    void cleanup() { m_server.reset(); }

    void chunkFeedKeepsItsBound()
    {
        auto feed = std::make_shared<ChunkFeed>(1000);
        std::atomic<int> wakeups { 0 };
        feed->setRoomCallback([&] { ++wakeups; });
        std::unique_ptr<ByteSource> source = streamingByteSource(feed, QStringLiteral("test"));
        QByteArray received;
        std::thread reader([&] {
            char buffer[333];
            for (int64_t n; (n = source->read(buffer, sizeof buffer)) > 0;)
                received.append(buffer, qsizetype(n));
        });
        QByteArray sent;
        for (int i = 0; sent.size() < 200000; ++i) {
            const int64_t room = feed->room();
            if (room == 0) {
                std::this_thread::sleep_for(std::chrono::microseconds(50));
                continue;
            }
            const QByteArray chunk = QByteArray(qsizetype(std::min<int64_t>(room, 97)), char('a' + i % 26));
            sent += chunk;
            feed->push(chunk);
        }
        feed->finish();
        reader.join();
        QCOMPARE(received, sent);
        QVERIFY2(feed->peakQueuedBytes() <= 1000, qPrintable(QString::number(feed->peakQueuedBytes())));
        QVERIFY(wakeups > 0);
    }

    void chunkFeedFailureReachesTheReader()
    {
        auto feed = std::make_shared<ChunkFeed>(1000);
        std::unique_ptr<ByteSource> source = streamingByteSource(feed, QStringLiteral("test"));
        feed->push("{\"data\":");
        std::thread failer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            feed->fail(QStringLiteral("connection lost"));
        });
        char buffer[64];
        int64_t n = 0;
        while ((n = source->read(buffer, sizeof buffer)) > 0) { }
        failer.join();
        QCOMPARE(n, int64_t(-1));
        QCOMPARE(source->errorString(), QStringLiteral("connection lost"));
    }

    void queryUrlsForBothVersions()
    {
        JaegerEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("https://user:secret@jaeger.example.com/tracing/"));
        endpoint = endpoint.normalized();
        QCOMPARE(endpoint.user, QStringLiteral("user"));
        QCOMPARE(endpoint.password, QStringLiteral("secret"));
        QCOMPARE(endpoint.displayUrl(), QStringLiteral("https://jaeger.example.com/tracing"));

        JaegerSearch search;
        search.service = QStringLiteral("front end");
        search.operation = QStringLiteral("GET /a&b");
        search.tags = { { QStringLiteral("http.status_code"), QStringLiteral("500") } };
        search.startNs = int64_t(1700000000) * 1000000000 + 5;
        search.endNs = int64_t(1700003600) * 1000000000;
        search.minDurationNs = 250 * 1000000;
        search.maxDurationNs = int64_t(2) * 1000000000;
        search.limit = 7;

        const QUrl v1 = JaegerQuery::searchUrl(endpoint, JaegerApi::V1, search, 0);
        QCOMPARE(v1.path(), QStringLiteral("/tracing/api/traces"));
        const QUrlQuery q1(v1);
        QCOMPARE(q1.queryItemValue(QStringLiteral("service"), QUrl::FullyDecoded), QStringLiteral("front end"));
        QCOMPARE(q1.queryItemValue(QStringLiteral("operation"), QUrl::FullyDecoded), QStringLiteral("GET /a&b"));
        QCOMPARE(q1.queryItemValue(QStringLiteral("start")), QStringLiteral("1700000000000000"));
        QCOMPARE(q1.queryItemValue(QStringLiteral("end")), QStringLiteral("1700003600000000"));
        QCOMPARE(q1.queryItemValue(QStringLiteral("minDuration")), QStringLiteral("250ms"));
        QCOMPARE(q1.queryItemValue(QStringLiteral("maxDuration")), QStringLiteral("2s"));
        QCOMPARE(q1.queryItemValue(QStringLiteral("limit")), QStringLiteral("7"));
        QCOMPARE(q1.queryItemValue(QStringLiteral("tags"), QUrl::FullyDecoded),
            QStringLiteral("{\"http.status_code\":\"500\"}"));
        QVERIFY(!v1.toString().contains(QLatin1String("secret")));

        const QUrl v3 = JaegerQuery::searchUrl(endpoint, JaegerApi::V3, search, 0);
        QCOMPARE(v3.path(), QStringLiteral("/tracing/api/v3/traces"));
        const QUrlQuery q3(v3);
        QCOMPARE(
            q3.queryItemValue(QStringLiteral("query.serviceName"), QUrl::FullyDecoded), QStringLiteral("front end"));
        QCOMPARE(q3.queryItemValue(QStringLiteral("query.startTimeMin"), QUrl::FullyDecoded),
            QStringLiteral("2023-11-14T22:13:20.000000005Z"));
        QCOMPARE(q3.queryItemValue(QStringLiteral("query.startTimeMax"), QUrl::FullyDecoded),
            QStringLiteral("2023-11-14T23:13:20.000000000Z"));
        QCOMPARE(q3.queryItemValue(QStringLiteral("query.durationMin")), QStringLiteral("250ms"));
        QCOMPARE(q3.queryItemValue(QStringLiteral("query.searchDepth")), QStringLiteral("7"));
        QCOMPARE(q3.queryItemValue(QStringLiteral("query.attributes"), QUrl::FullyDecoded),
            QStringLiteral("{\"http.status_code\":\"500\"}"));
        QCOMPARE(
            JaegerQuery::summariesUrl(endpoint, search, 0).path(), QStringLiteral("/tracing/api/v3/trace-summaries"));
        QCOMPARE(JaegerQuery::traceUrl(endpoint, JaegerApi::V3, QStringLiteral("ABC")).path(),
            QStringLiteral("/tracing/api/v3/traces/abc"));
        QCOMPARE(JaegerQuery::dependenciesUrl(endpoint, int64_t(1700000000123) * 1000000, int64_t(3600000) * 1000000)
                     .query(),
            QStringLiteral("endTs=1700000000123&lookback=3600000"));
        QCOMPARE(JaegerQuery::displayUrl(QUrl(QStringLiteral("http://u:p@h/x?api_key=k1&service=s"))),
            QStringLiteral("http://h/x?api_key=***&service=s"));
    }

    void detectsApiVersion_data()
    {
        QTest::addColumn<bool>("v3");
        QTest::newRow("v3") << true;
        QTest::newRow("v1") << false;
    }
    void detectsApiVersion()
    {
        QFETCH(bool, v3);
        if (v3)
            m_server->route(QStringLiteral("/jaeger/api/v3/services"),
                TestResponse::json(v3Services({ QStringLiteral("b"), QStringLiteral("a") })));
        else
            m_server->route(QStringLiteral("/jaeger/api/services"),
                TestResponse::json(v1Services({ QStringLiteral("b"), QStringLiteral("a") })));
        // Jaeger UI answers unknown paths with its page; that must not pass for an API.
        TestResponse page { 200, "<!doctype html><html>Jaeger UI</html>" };
        page.contentType = "text/html";
        m_server->route(v3 ? QStringLiteral("/jaeger/api/services") : QStringLiteral("/jaeger/api/v3/services"), page);

        JaegerClient client(endpoint(QStringLiteral("/jaeger/")));
        JaegerCall* call = client.services();
        QVERIFY(waitForCall(call));
        QVERIFY2(call->succeeded(), qPrintable(call->errorString()));
        QCOMPARE(client.api(), v3 ? JaegerApi::V3 : JaegerApi::V1);
        QCOMPARE(call->services(), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
        QCOMPARE(m_server->requests.front().path, QStringLiteral("/jaeger/api/v3/services"));
    }

    void notJaegerIsAClearFailure()
    {
        JaegerClient client(endpoint());
        JaegerCall* call = client.detectApi();
        QVERIFY(waitForCall(call));
        QCOMPARE(call->status(), JaegerCall::Status::Failed);
        QVERIFY2(call->errorString().contains(QLatin1String("does not look like a Jaeger")),
            qPrintable(call->errorString()));
    }

    void operationsWithSpanKinds()
    {
        m_server->route(QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("foo") })));
        const QByteArray recorded = corpusFile(QStringLiteral("v3/GetOperations.json"));
        m_server->route(QStringLiteral("/api/v3/operations"), [&](const RecordedRequest& request) {
            return request.query.queryItemValue(QStringLiteral("service")) == u"foo"
                ? TestResponse::json(recorded.isEmpty()
                        ? QByteArray("{\"operations\":[{\"name\":\"get_users\",\"spanKind\":\"server\"}]}")
                        : recorded)
                : TestResponse::goError(400, v3Error(400, "malformed parameter service"));
        });
        JaegerClient client(endpoint());
        JaegerCall* call = client.operations(QStringLiteral("foo"));
        QVERIFY(waitForCall(call));
        QVERIFY2(call->succeeded(), qPrintable(call->errorString()));
        QCOMPARE(call->operations().size(), size_t(1));
        QCOMPARE(call->operations()[0].name, QStringLiteral("get_users"));
        QCOMPARE(call->operations()[0].spanKind, QStringLiteral("server"));
    }

    void v1OperationsFallBackToThePerServiceList()
    {
        m_server->route(QStringLiteral("/api/services"), TestResponse::json(v1Services({ QStringLiteral("foo") })));
        m_server->route(QStringLiteral("/api/services/foo/operations"),
            TestResponse::json("{\"data\":[\"b\",\"a\"],\"total\":2,\"limit\":0,\"offset\":0,\"errors\":null}"));
        JaegerEndpoint v1 = endpoint();
        v1.api = JaegerApi::V1;
        JaegerClient client(v1);
        JaegerCall* call = client.operations(QStringLiteral("foo"));
        QVERIFY(waitForCall(call));
        QVERIFY2(call->succeeded(), qPrintable(call->errorString()));
        QCOMPARE(call->operations().size(), size_t(2));
        QCOMPARE(call->operations()[0].name, QStringLiteral("a"));
        QCOMPARE(call->requestedUrls().size(), 2); // /api/operations first, then the older path
    }

    void traceSummaries()
    {
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        QByteArray recorded = corpusFile(QStringLiteral("v3/FindTraceSummaries.json"));
        if (recorded.isEmpty()) {
            recorded = "{\"summaries\":[{\"errorSpanCount\":1,\"maxEndTimeUnixNano\":\"1001000000000\","
                       "\"minStartTimeUnixNano\":"
                       "\"1000000000000\",\"rootOperationName\":\"HTTP GET "
                       "/\",\"rootServiceName\":\"frontend\",\"services\":"
                       "[{\"errorSpanCount\":1,\"name\":\"frontend\",\"spanCount\":2}],\"spanCount\":2,\"traceId\":"
                       "\"00000000000000000000000000000001\"}]}";
        }
        m_server->route(QStringLiteral("/api/v3/trace-summaries"), TestResponse::json(recorded));
        JaegerClient client(endpoint());
        JaegerCall* call = client.traceSummaries(frontendSearch());
        QVERIFY(waitForCall(call));
        QVERIFY2(call->succeeded(), qPrintable(call->errorString()));
        QCOMPARE(call->summaries().size(), size_t(1));
        const JaegerTraceSummary& summary = call->summaries()[0];
        QCOMPARE(summary.traceId, QStringLiteral("00000000000000000000000000000001"));
        QCOMPARE(summary.rootService, QStringLiteral("frontend"));
        QCOMPARE(summary.rootOperation, QStringLiteral("HTTP GET /"));
        QCOMPARE(summary.durationNs, int64_t(1000000000));
        QCOMPARE(summary.spanCount, int64_t(2));
        QCOMPARE(summary.errorCount, int64_t(1));

        // Nothing found is an empty list; an older Jaeger without the endpoint says so.
        m_server->route(
            QStringLiteral("/api/v3/trace-summaries"), TestResponse::goError(404, v3Error(404, "No traces found")));
        call = client.traceSummaries(frontendSearch());
        QVERIFY(waitForCall(call));
        QVERIFY(call->succeeded());
        QVERIFY(call->summaries().empty());
        m_server->clearRoutes();
        call = client.traceSummaries(frontendSearch());
        QVERIFY(waitForCall(call));
        QCOMPARE(call->status(), JaegerCall::Status::Unsupported);
    }

    void summariesAreUnsupportedOnV1()
    {
        JaegerEndpoint v1 = endpoint();
        v1.api = JaegerApi::V1;
        JaegerClient client(v1);
        JaegerCall* call = client.traceSummaries(frontendSearch());
        QVERIFY(waitForCall(call));
        QCOMPARE(call->status(), JaegerCall::Status::Unsupported);
        QVERIFY(m_server->requests.empty());
    }

    void searchV1StoresTraces()
    {
        m_server->route(
            QStringLiteral("/api/services"), TestResponse::json(v1Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/traces"),
            TestResponse::json(v1Envelope({ v1TraceObject(traceA, 3), v1TraceObject(traceB, 5, "backend") })));
        JaegerSearch search = frontendSearch();
        search.tags = { { QStringLiteral("error"), QStringLiteral("true") } };
        JaegerFetch* fetch = runFetch(endpoint(), search, {});
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->api(), JaegerApi::V1);
        QCOMPARE(fetch->outcomes().size(), size_t(1));
        const ImportOutcome& outcome = fetch->outcomes()[0];
        QCOMPARE(outcome.counts.traces, uint64_t(2));
        QCOMPARE(outcome.counts.spans, uint64_t(8));
        QCOMPARE(outcome.report.format, std::string("jaeger-json"));
        QVERIFY(outcome.path.contains(QLatin1String("/api/traces?service=frontend")));
        const RecordedRequest& request = m_server->requests.back();
        QCOMPARE(request.path, QStringLiteral("/api/traces"));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("20"));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("tags"), QUrl::FullyDecoded),
            QStringLiteral("{\"error\":\"true\"}"));
        QVERIFY(
            request.query.hasQueryItem(QStringLiteral("start")) && request.query.hasQueryItem(QStringLiteral("end")));
        QCOMPARE(state(), (CacheState { 2, 8, 1, 0 }));
        auto store = TraceStore::open(m_database, nullptr);
        QCOMPARE(store->imports().back().source, outcome.path);
    }

    void searchV3StoresTraces()
    {
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/v3/traces"), TestResponse::json(v3Result({ traceA, traceB, traceC }, 4)));
        JaegerFetch* fetch = runFetch(endpoint(), frontendSearch(), {});
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->api(), JaegerApi::V3);
        QCOMPARE(fetch->outcomes()[0].counts.traces, uint64_t(3));
        QCOMPARE(fetch->outcomes()[0].counts.spans, uint64_t(12));
        const RecordedRequest& request = m_server->requests.back();
        QCOMPARE(request.query.queryItemValue(QStringLiteral("query.serviceName")), QStringLiteral("frontend"));
        QVERIFY(request.query.queryItemValue(QStringLiteral("query.startTimeMin"), QUrl::FullyDecoded).endsWith(u'Z'));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("query.searchDepth")), QStringLiteral("20"));
        QCOMPARE(state(), (CacheState { 3, 12, 1, 0 }));
    }

    void emptySearchIsNotAFailure()
    {
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/v3/traces"), TestResponse::goError(404, v3Error(404, "No traces found")));
        JaegerFetch* fetch = runFetch(endpoint(), frontendSearch(), {});
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->outcomes()[0].counts.traces, uint64_t(0));
        QCOMPARE(fetch->outcomes()[0].report.warnings.size(), size_t(1));
        QCOMPARE(state(), (CacheState { 0, 0, 0, 0 }));
    }

    void emptyV1SearchIsNotAFailure()
    {
        m_server->route(
            QStringLiteral("/api/services"), TestResponse::json(v1Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/traces"), TestResponse::json(v1Envelope({})));
        JaegerFetch* fetch = runFetch(endpoint(), frontendSearch(), {});
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->outcomes()[0].counts.spans, uint64_t(0));
        QCOMPARE(state().spans, int64_t(0));
    }

    void versionTwoCacheGainsTheDependencyTable()
    {
        {
            QString error;
            auto db = Database::open(m_database, &error);
            QVERIFY2(db, qPrintable(error));
            QVERIFY(db->exec("DROP TABLE dependency_links"));
            QVERIFY(db->exec("PRAGMA user_version = 2"));
        }
        auto store = TraceStore::open(m_database, nullptr);
        QVERIFY(store);
        QString error;
        QVERIFY2(store->storeDependencies(QStringLiteral("http://a"), QStringLiteral("http://a/api/dependencies"),
                     { { QStringLiteral("x"), QStringLiteral("y"), 5 } }, &error),
            qPrintable(error));
        QCOMPARE(store->dependencyLinks().size(), size_t(1));
        QCOMPARE(store->dependencyLinks()[0].link.callCount, int64_t(5));
        QCOMPARE(store->imports().back().format, QStringLiteral("jaeger-dependencies"));
    }

    void recordedHotrodTraceById()
    {
        const QByteArray hotrod = corpusFile(QStringLiteral("v3/getTrace-response-hotrod.json"));
        if (hotrod.isEmpty())
            QSKIP("the shared corpus (jaeger-api/v3/getTrace-response-hotrod.json) is not available");
        const QJsonObject firstSpan = QJsonDocument::fromJson(hotrod)[QLatin1String("result")][QLatin1String(
            "resourceSpans")][0][QLatin1String("scopeSpans")][0][QLatin1String("spans")][0]
                                          .toObject();
        const QByteArray id = firstSpan.value(QLatin1String("traceId")).toString().toLatin1();
        QVERIFY(!id.isEmpty());
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/v3/traces/") + QString::fromLatin1(id), TestResponse::json(hotrod));
        JaegerFetch* fetch = runFetch(endpoint(), std::nullopt, { QString::fromLatin1(id) });
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->outcomes()[0].counts.traces, uint64_t(1));
        QCOMPARE(fetch->outcomes()[0].counts.spans, uint64_t(40));
        QCOMPARE(fetch->outcomes()[0].counts.services, uint64_t(6));
        QCOMPARE(state().spans, int64_t(40));
    }

    void recordedV1Responses()
    {
        const QByteArray envelope = corpusFile(QStringLiteral("v1/api-traces-envelope-critical-path.json"));
        const QByteArray small = corpusFile(QStringLiteral("v1/dependencies-data-small.json"));
        const QByteArray large = corpusFile(QStringLiteral("v1/dependencies-data-large.json"));
        if (envelope.isEmpty() || small.isEmpty() || large.isEmpty())
            QSKIP("the shared corpus (jaeger-api/v1/) is not available");
        m_server->route(QStringLiteral("/api/services"), TestResponse::json(v1Services({ QStringLiteral("S1") })));
        m_server->route(QStringLiteral("/api/traces/a"), TestResponse::json(envelope));
        // The recorded files hold only the data array; real answers wrap it in the envelope.
        m_server->route(QStringLiteral("/api/dependencies"),
            TestResponse::json("{\"data\":" + large + ",\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}"));
        JaegerFetchRequest request;
        request.traceIds = { QStringLiteral("A") };
        request.dependencies = true;
        JaegerFetch* fetch = runFetch(endpoint(), request);
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->outcomes().size(), size_t(2));
        QCOMPARE(fetch->outcomes()[0].counts.spans, uint64_t(4));
        QCOMPARE(fetch->outcomes()[1].report.format, std::string("jaeger-dependencies"));
        QCOMPARE(fetch->outcomes()[1].counts.records, uint64_t(4271));
        QCOMPARE(fetch->outcomes()[1].counts.services, uint64_t(1238));
        QCOMPARE(state().dependencies, size_t(4271));

        // A newer graph from the same endpoint replaces the older one.
        m_server->route(QStringLiteral("/api/dependencies"), TestResponse::json(small));
        request.traceIds.clear();
        fetch = runFetch(endpoint(), request);
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        auto store = TraceStore::open(m_database, nullptr);
        const std::vector<StoredDependencyLink> links = store->dependencyLinks();
        QCOMPARE(links.size(), size_t(7));
        QCOMPARE(links[0].source, QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    }

    void fetchByIdsWithOneUnknown()
    {
        m_server->route(
            QStringLiteral("/api/services"), TestResponse::json(v1Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/traces/") + QString::fromLatin1(traceA),
            TestResponse::json(v1Envelope({ v1TraceObject(traceA, 2) })));
        m_server->route(QStringLiteral("/api/traces/") + QString::fromLatin1(traceB),
            TestResponse::goError(404, v1Error(404, "trace not found")));
        m_server->route(QStringLiteral("/api/traces/") + QString::fromLatin1(traceC),
            TestResponse::json(v1Envelope({ v1TraceObject(traceC, 3) })));
        JaegerFetch* fetch = runFetch(endpoint(), std::nullopt,
            { QString::fromLatin1(traceA), QString::fromLatin1(traceB).toUpper(), QString::fromLatin1(traceC) });
        QVERIFY2(fetch->succeeded(), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->outcomes().size(), size_t(3));
        QCOMPARE(fetch->outcomes()[1].counts.traces, uint64_t(0));
        QVERIFY(QString::fromStdString(fetch->outcomes()[1].report.warnings.at(0).message)
                    .contains(QLatin1String("trace not found")));
        QCOMPARE(state(), (CacheState { 2, 5, 2, 0 }));
    }

    void refetchReplacesTheTrace()
    {
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        const QString path = QStringLiteral("/api/v3/traces/") + QString::fromLatin1(traceA);
        m_server->route(path, TestResponse::json(v3Result({ traceA }, 5)));
        QVERIFY(runFetch(endpoint(), std::nullopt, { QString::fromLatin1(traceA) })->succeeded());
        QCOMPARE(state().spans, int64_t(5));
        QVERIFY(runFetch(endpoint(), std::nullopt, { QString::fromLatin1(traceA) })->succeeded());
        QCOMPARE(state(), (CacheState { 1, 5, 2, 0 }));
        // Upstream dropped two spans: they do not linger in the cache, and the summary follows.
        m_server->route(path, TestResponse::json(v3Result({ traceA }, 3)));
        QVERIFY(runFetch(endpoint(), std::nullopt, { QString::fromLatin1(traceA) })->succeeded());
        QCOMPARE(state(), (CacheState { 1, 3, 3, 0 }));
        auto store = TraceStore::open(m_database, nullptr);
        QCOMPARE(store->findTraces({}).at(0).spanCount, int64_t(3));
    }

    void authHeadersAreSentAndSecretsNeverShown()
    {
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        m_server->route(
            QStringLiteral("/api/v3/traces"), TestResponse::goError(500, v3Error(500, "storage unavailable")));
        JaegerEndpoint withToken = endpoint();
        withToken.bearerToken = QStringLiteral("s3cr3t-token");
        withToken.headers = { { "X-Scope-OrgID", "tenant-1" } };
        JaegerFetch* fetch = runFetch(withToken, frontendSearch(), {});
        QVERIFY(!fetch->succeeded());
        for (const RecordedRequest& request : m_server->requests) {
            QCOMPARE(request.header("Authorization"), QByteArray("Bearer s3cr3t-token"));
            QCOMPARE(request.header("X-Scope-OrgID"), QByteArray("tenant-1"));
        }
        QVERIFY(!fetch->errorString().contains(QLatin1String("s3cr3t")));
        QVERIFY(!fetch->requestedUrls().join(u' ').contains(QLatin1String("s3cr3t")));

        m_server->requests.clear();
        JaegerEndpoint basic = endpoint();
        basic.baseUrl.setUserInfo(QStringLiteral("alice:pa55word"));
        fetch = runFetch(basic, frontendSearch(), {});
        QVERIFY(!fetch->succeeded());
        QCOMPARE(
            m_server->requests.front().header("Authorization"), "Basic " + QByteArray("alice:pa55word").toBase64());
        QVERIFY(!fetch->errorString().contains(QLatin1String("pa55word")));
        for (const QString& url : fetch->requestedUrls())
            QVERIFY2(
                !url.contains(QLatin1String("alice")) && !url.contains(QLatin1String("pa55word")), qPrintable(url));
    }

    void failuresLeaveTheCacheUnchanged_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("expected");
        QTest::newRow("500 with v1 errors") << 0 << QStringLiteral("HTTP 500 Internal Server Error: storage is down");
        QTest::newRow("400 with v3 error")
            << 1 << QStringLiteral("HTTP 400 Bad Request: malformed parameter query.startTimeMin");
        QTest::newRow("truncated body") << 2 << QStringLiteral("closed the connection after");
        QTest::newRow("closed connection") << 3 << QStringLiteral("closed the connection");
        QTest::newRow("stalled") << 4 << QStringLiteral("stopped sending");
        QTest::newRow("malformed body") << 5 << QStringLiteral("is not usable");
        QTest::newRow("unauthorized") << 6 << QStringLiteral("HTTP 401");
        QTest::newRow("gzip cut short") << 7 << QStringLiteral("closed the connection after");
    }
    void failuresLeaveTheCacheUnchanged()
    {
        QFETCH(int, failure);
        QFETCH(QString, expected);
        // Something is cached already, and must stay as it is.
        m_server->route(
            QStringLiteral("/api/services"), TestResponse::json(v1Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/traces"), TestResponse::json(v1Envelope({ v1TraceObject(traceC, 2) })));
        QVERIFY(runFetch(endpoint(), frontendSearch(), {})->succeeded());
        const CacheState before = state();

        const QByteArray body = v1Envelope({ v1TraceObject(traceA, 50), v1TraceObject(traceB, 50) });
        TestResponse response = TestResponse::json(body);
        switch (failure) {
        case 0:
            response = TestResponse::goError(500, v1Error(500, "storage is down"));
            break;
        case 1:
            response = TestResponse::goError(400, v3Error(400, "malformed parameter query.startTimeMin"));
            break;
        case 2:
            response.mode = TestResponse::Mode::Truncate;
            response.truncateAt = body.size() / 2;
            break;
        case 3:
            response.mode = TestResponse::Mode::Close;
            break;
        case 4:
            response.mode = TestResponse::Mode::Stall;
            response.truncateAt = body.size() / 2;
            break;
        case 5:
            response.body = body.left(body.size() / 2) + "}}}";
            break;
        case 6:
            response = TestResponse::goError(401, "Unauthorized");
            break;
        case 7:
            response.gzip = true;
            response.mode = TestResponse::Mode::Truncate;
            response.truncateAt = 300;
            break;
        }
        m_server->route(QStringLiteral("/api/traces"), response);
        JaegerEndpoint quick = endpoint();
        quick.api = JaegerApi::V1;
        // Short only where the server stalls: a loaded machine must not turn another failure into a timeout.
        quick.timeoutMs = failure == 4 ? 700 : 30000;
        JaegerFetch* fetch = runFetch(quick, frontendSearch(), {});
        QVERIFY(!fetch->succeeded());
        QVERIFY2(fetch->errorString().contains(expected), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->outcomes().back().status(), QStringLiteral("rejected"));
        QCOMPARE(state(), before);
    }

    void unreachableHost()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        JaegerEndpoint nowhere;
        nowhere.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        JaegerFetch* fetch = runFetch(nowhere, frontendSearch(), {});
        QVERIFY(!fetch->succeeded());
        QVERIFY2(
            fetch->errorString().contains(QLatin1String("connection was refused")), qPrintable(fetch->errorString()));
    }

    void tlsFailureIsNamed()
    {
        // The stand-in speaks plain HTTP, so a TLS handshake with it fails.
        JaegerEndpoint tls;
        tls.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->port()));
        tls.timeoutMs = 5000;
        JaegerClient client(tls);
        JaegerCall* call = client.detectApi();
        QVERIFY(waitForCall(call));
        QCOMPARE(call->status(), JaegerCall::Status::Failed);
        QVERIFY2(call->errorString().contains(QLatin1String("TLS"), Qt::CaseInsensitive)
                || call->errorString().contains(QLatin1String("closed the connection")),
            qPrintable(call->errorString()));
    }

    void cancelLeavesTheCacheUnchanged()
    {
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        TestResponse slow = TestResponse::json(v3Result({ traceA, traceB }, 200));
        slow.mode = TestResponse::Mode::Slow;
        slow.slowChunk = 2000;
        slow.slowIntervalMs = 30;
        m_server->route(QStringLiteral("/api/v3/traces"), slow);
        JaegerClient client(endpoint());
        JaegerFetchRequest request;
        request.search = frontendSearch();
        JaegerFetch* fetch = client.fetch(request, m_database);
        QSignalSpy progress(fetch, &JaegerFetch::progress);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 10000); // bytes are arriving
        fetch->cancel();
        QVERIFY(waitFor(fetch));
        QVERIFY(fetch->cancelled());
        QVERIFY(!fetch->succeeded());
        QCOMPARE(state(), (CacheState { 0, 0, 0, 0 }));
    }

    void bigAnswerStreamsWithBoundedMemory()
    {
        const QString demo = m_dir.filePath(QStringLiteral("big.json"));
        QString error;
        QVERIFY2(writeDemoFile(DemoOptions { 20000, 20 }, DemoFormat::Jaeger, demo, &error), qPrintable(error));
        QFile file(demo);
        QVERIFY(file.open(QIODevice::ReadOnly));
        TestResponse big = TestResponse::json(file.readAll());
        big.gzip = true;
        QVERIFY(big.body.size() > 4 * 1024 * 1024);
        m_server->route(QStringLiteral("/api/traces"), big);

        QNetworkAccessManager network;
        RemoteImportOptions options;
        options.queueBytes = 64 * 1024;
        options.readBufferBytes = 32 * 1024;
        RemoteImport import(&network, QNetworkRequest(QUrl(m_server->url(QStringLiteral("/api/traces")))),
            QStringLiteral("big"), m_database, options);
        import.start();
        QVERIFY(waitFor(&import));
        const ImportOutcome& outcome = import.outcome();
        QVERIFY2(!outcome.report.rejected, outcome.report.error.message.c_str());
        QCOMPARE(outcome.counts.spans, uint64_t(20000));
        QCOMPARE(outcome.counts.traces, uint64_t(20));
        QVERIFY2(import.peakQueuedBytes() <= options.queueBytes, qPrintable(QString::number(import.peakQueuedBytes())));
        QVERIFY(import.bytesReceived() < big.body.size()); // gzip crossed the wire and was undone by the importer
    }

private:
    JaegerEndpoint endpoint(const QString& basePath = {}) const
    {
        JaegerEndpoint endpoint;
        endpoint.baseUrl = QUrl(m_server->url(basePath));
        endpoint.timeoutMs = 10000;
        return endpoint;
    }

    JaegerFetch* runFetch(const JaegerEndpoint& endpoint, std::optional<JaegerSearch> search, QStringList ids)
    {
        JaegerFetchRequest request;
        request.search = std::move(search);
        request.traceIds = std::move(ids);
        return runFetch(endpoint, request);
    }

    JaegerFetch* runFetch(const JaegerEndpoint& endpoint, const JaegerFetchRequest& request)
    {
        m_clients.push_back(std::make_unique<JaegerClient>(endpoint));
        JaegerFetch* fetch = m_clients.back()->fetch(request, m_database);
        if (!waitFor(fetch))
            qWarning("the fetch did not finish");
        return fetch;
    }

    CacheState state() const
    {
        auto store = TraceStore::open(m_database, nullptr);
        const StoreInfo info = store->info();
        return { info.traces, info.spans, info.imports, store->dependencyLinks().size() };
    }

    QTemporaryDir m_dir;
    QString m_database;
    int m_counter = 0;
    std::unique_ptr<JaegerTestServer> m_server;
    std::vector<std::unique_ptr<JaegerClient>> m_clients;
};

QTEST_GUILESS_MAIN(tst_JaegerClient)
#include "tst_jaegerclient.moc"
