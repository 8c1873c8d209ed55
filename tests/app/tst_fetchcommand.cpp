// SPDX-License-Identifier: MIT
// `skein fetch` end to end: the real binary against the local Jaeger stand-in, as a user or a script runs it.
#include "../importers/jaegertestdata.h"
#include "../importers/jaegertestserver.h"
#include "tracestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace skein;
using namespace skein::test;

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

// The test server lives in this process, so the event loop must keep running while skein does.
Result runSkein(
    const QStringList& arguments, const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(SKEIN_BINARY), arguments);
    if (!process.waitForStarted())
        return {};
    if (process.state() != QProcess::NotRunning && !finished.wait(120000))
        process.kill();
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

} // namespace

class tst_FetchCommand : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_database = m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_counter));
        m_server = std::make_unique<JaegerTestServer>();
    }
    void cleanup() { m_server.reset(); }

    void searchV3WithJsonReport()
    {
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/v3/traces"), TestResponse::json(v3Result({ traceA, traceB }, 6)));
        m_server->route(QStringLiteral("/api/dependencies"),
            TestResponse::json("{\"data\":[{\"parent\":\"frontend\",\"child\":\"db\",\"callCount\":3}],\"total\":0,"
                               "\"limit\":0,\"offset\":0,\"errors\":null}"));
        const Result result
            = fetch({ QStringLiteral("--service"), QStringLiteral("frontend"), QStringLiteral("--lookback"),
                QStringLiteral("2h"), QStringLiteral("--tag"), QStringLiteral("http.status_code=500"),
                QStringLiteral("--min-duration"), QStringLiteral("10ms"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject json = result.json();
        QCOMPARE(json[QStringLiteral("database")].toString(), m_database);
        QCOMPARE(json[QStringLiteral("api")].toString(), QStringLiteral("v3"));
        const QJsonArray files = json[QStringLiteral("files")].toArray();
        QCOMPARE(files.size(), 2);
        const QJsonObject traces = files[0].toObject();
        QCOMPARE(traces[QStringLiteral("status")].toString(), QStringLiteral("imported"));
        QCOMPARE(traces[QStringLiteral("format")].toString(), QStringLiteral("jaeger-api-v3"));
        QCOMPARE(traces[QStringLiteral("traces")].toInt(), 2);
        QCOMPARE(traces[QStringLiteral("spans")].toInt(), 12);
        QVERIFY(traces[QStringLiteral("error")].isNull());
        QVERIFY(traces.contains(QStringLiteral("warnings")) && traces.contains(QStringLiteral("records")));
        QCOMPARE(files[1].toObject()[QStringLiteral("format")].toString(), QStringLiteral("jaeger-dependencies"));
        QCOMPARE(files[1].toObject()[QStringLiteral("records")].toInt(), 1);
        const QJsonArray requests = json[QStringLiteral("requests")].toArray();
        QCOMPARE(requests.size(), 3); // detection, search, dependencies
        QVERIFY(requests[1].toString().contains(QLatin1String("/api/v3/traces?query.serviceName=frontend")));

        const RecordedRequest& search = m_server->requests.at(1);
        QCOMPARE(search.query.queryItemValue(QStringLiteral("query.durationMin")), QStringLiteral("10ms"));
        QCOMPARE(m_server->requests.at(2).query.queryItemValue(QStringLiteral("lookback")), QStringLiteral("7200000"));

        auto store = TraceStore::open(m_database, nullptr);
        QCOMPARE(store->info().traces, 2);
        QCOMPARE(store->info().spans, 12);
        QCOMPARE(store->dependencyLinks().size(), size_t(1));

        // Once more: nothing doubles.
        QCOMPARE(fetch({ QStringLiteral("--service"), QStringLiteral("frontend") }).exitCode, 0);
        store = TraceStore::open(m_database, nullptr);
        QCOMPARE(store->info().traces, 2);
        QCOMPARE(store->info().spans, 12);
        QCOMPARE(store->dependencyLinks().size(), size_t(1));
    }

    void byIdOverV1WithTokenFromTheEnvironment()
    {
        m_server->route(
            QStringLiteral("/base/api/services"), TestResponse::json(v1Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/base/api/traces/") + QString::fromLatin1(traceA),
            TestResponse::json(v1Envelope({ v1TraceObject(traceA, 4) })));
        m_server->route(QStringLiteral("/base/api/traces/") + QString::fromLatin1(traceB),
            TestResponse::goError(404, v1Error(404, "trace not found")));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SKEIN_JAEGER_TOKEN"), QStringLiteral("env-s3cret"));
        const Result result = runSkein(
            { QStringLiteral("fetch"), QStringLiteral("--jaeger"), m_server->url(QStringLiteral("/base")),
                QStringLiteral("--trace"), QString::fromLatin1(traceA), QStringLiteral("--trace"),
                QString::fromLatin1(traceB), QStringLiteral("--no-dependencies"), QStringLiteral("--db"), m_database },
            environment);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(result.out.contains("1 traces, 4 spans"), result.out.constData());
        QVERIFY2(result.err.contains("trace not found"), result.err.constData());
        for (const RecordedRequest& request : m_server->requests)
            QCOMPARE(request.header("Authorization"), QByteArray("Bearer env-s3cret"));
        QVERIFY(!result.out.contains("s3cret") && !result.err.contains("s3cret"));
        auto store = TraceStore::open(m_database, nullptr);
        QCOMPARE(store->info().spans, 4);
        for (const ImportRecord& record : store->imports())
            QVERIFY(!record.source.contains(QLatin1String("s3cret")));
    }

    void failuresExitWithOneAndChangeNothing_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("expected");
        QTest::newRow("500") << 0 << QStringLiteral("storage is down");
        QTest::newRow("truncated") << 1 << QStringLiteral("closed the connection after");
        QTest::newRow("unreachable") << 2 << QStringLiteral("connection was refused");
        QTest::newRow("stalled") << 3 << QStringLiteral("stopped sending");
    }
    void failuresExitWithOneAndChangeNothing()
    {
        QFETCH(int, failure);
        QFETCH(QString, expected);
        m_server->route(
            QStringLiteral("/api/v3/services"), TestResponse::json(v3Services({ QStringLiteral("frontend") })));
        m_server->route(QStringLiteral("/api/v3/traces"), TestResponse::json(v3Result({ traceC }, 2)));
        QCOMPARE(fetch({ QStringLiteral("--service"), QStringLiteral("frontend"), QStringLiteral("--no-dependencies") })
                     .exitCode,
            0);
        const StoreInfo before = TraceStore::open(m_database, nullptr)->info();

        const QByteArray body = v3Result({ traceA, traceB }, 40);
        TestResponse response = TestResponse::json(body);
        QString url = m_server->url();
        if (failure == 0) {
            response = TestResponse::goError(500, v3Error(500, "storage is down"));
        } else if (failure == 1) {
            response.mode = TestResponse::Mode::Truncate;
            response.truncateAt = body.size() / 3;
        } else if (failure == 2) {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost));
            url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        } else {
            response.mode = TestResponse::Mode::Stall;
            response.truncateAt = 100;
        }
        m_server->route(QStringLiteral("/api/v3/traces"), response);
        const Result result = runSkein({ QStringLiteral("fetch"), QStringLiteral("--jaeger"), url,
            QStringLiteral("--service"), QStringLiteral("frontend"), QStringLiteral("--timeout"),
            failure == 3 ? QStringLiteral("1") : QStringLiteral("30"), // short only where the server stalls
            QStringLiteral("--db"), m_database, QStringLiteral("--token"), QStringLiteral("argv-s3cret") });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(QString::fromUtf8(result.err).contains(expected), result.err.constData());
        QVERIFY(!result.err.contains("s3cret") && !result.out.contains("s3cret"));
        const StoreInfo after = TraceStore::open(m_database, nullptr)->info();
        QCOMPARE(after.traces, before.traces);
        QCOMPARE(after.spans, before.spans);
        QCOMPARE(after.imports, before.imports);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no --jaeger") << QStringList { QStringLiteral("fetch"), QStringLiteral("--service"),
            QStringLiteral("x") };
        QTest::newRow("nothing to fetch") << QStringList { QStringLiteral("fetch"), QStringLiteral("--jaeger"),
            QStringLiteral("http://localhost:1") };
        QTest::newRow("bad api") << QStringList { QStringLiteral("fetch"), QStringLiteral("--jaeger"),
            QStringLiteral("http://localhost:1"), QStringLiteral("--api"), QStringLiteral("v2"),
            QStringLiteral("--trace"), QStringLiteral("ab") };
        QTest::newRow("operation without service") << QStringList { QStringLiteral("fetch"), QStringLiteral("--jaeger"),
            QStringLiteral("http://localhost:1"), QStringLiteral("--operation"), QStringLiteral("GET"),
            QStringLiteral("--trace"), QStringLiteral("ab") };
        QTest::newRow("bad trace id") << QStringList { QStringLiteral("fetch"), QStringLiteral("--jaeger"),
            QStringLiteral("http://localhost:1"), QStringLiteral("--trace"), QStringLiteral("xyz") };
        QTest::newRow("lookback and start")
            << QStringList { QStringLiteral("fetch"), QStringLiteral("--jaeger"), QStringLiteral("http://localhost:1"),
                   QStringLiteral("--service"), QStringLiteral("s"), QStringLiteral("--lookback"), QStringLiteral("1h"),
                   QStringLiteral("--start"), QStringLiteral("2024-01-01T00:00:00Z") };
        QTest::newRow("not http") << QStringList { QStringLiteral("fetch"), QStringLiteral("--jaeger"),
            QStringLiteral("ftp://x"), QStringLiteral("--trace"), QStringLiteral("ab") };
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const Result result = runSkein(arguments << QStringLiteral("--db") << m_database);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("skein fetch: "));
    }

    void helpIsComplete()
    {
        const Result result = runSkein({ QStringLiteral("fetch"), QStringLiteral("--help") });
        QCOMPARE(result.exitCode, 0);
        for (const char* option : { "--jaeger", "--api", "--service", "--operation", "--tag", "--lookback", "--start",
                 "--end", "--min-duration", "--max-duration", "--limit", "--trace", "--token", "--db", "--json",
                 "SKEIN_JAEGER_TOKEN", "skein fetch [options]" })
            QVERIFY2(result.out.contains(option), option);
        QVERIFY(runSkein({ QStringLiteral("help") }).out.contains("skein fetch --jaeger URL"));
    }

private:
    Result fetch(QStringList arguments)
    {
        arguments.prepend(m_server->url());
        arguments.prepend(QStringLiteral("--jaeger"));
        arguments.prepend(QStringLiteral("fetch"));
        return runSkein(arguments << QStringLiteral("--db") << m_database);
    }

    QTemporaryDir m_dir;
    QString m_database;
    int m_counter = 0;
    std::unique_ptr<JaegerTestServer> m_server;
};

QTEST_GUILESS_MAIN(tst_FetchCommand)
#include "tst_fetchcommand.moc"
