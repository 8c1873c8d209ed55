// SPDX-License-Identifier: MIT
// The small answers of a Jaeger query service (services, operations, trace summaries, dependency links, error
// bodies): which shapes are lists, which are empty answers and which are errors, and that broken or hostile
// JSON is an error message, not a crash.
#include "jaegerquery.h"

#include <QTest>

using namespace skein;

class tst_JaegerQuery : public QObject {
    Q_OBJECT
private slots:
    void services_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QStringList>("services");
        const QStringList none;
        QTest::newRow("v1") << QByteArray(R"({"data":["b","a"],"total":2,"errors":null})") << true
                            << QStringList { QStringLiteral("a"), QStringLiteral("b") };
        QTest::newRow("v3") << QByteArray(R"({"services":["x"]})") << true << QStringList { QStringLiteral("x") };
        QTest::newRow("data null") << QByteArray(R"({"data":null})") << true << none;
        QTest::newRow("no list") << QByteArray(R"({"total":0})") << false << none;
        QTest::newRow("an array") << QByteArray(R"(["a"])") << false << none;
        QTest::newRow("broken") << QByteArray(R"({"data":["a",)") << false << none;
        QTest::newRow("empty") << QByteArray() << false << none;
        QTest::newRow("two documents") << QByteArray("{\"data\":[]}\n{\"data\":[]}") << false << none;
        QTest::newRow("too deep") << QByteArray(100000, '[') << false << none;
    }

    void services()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, valid);
        QFETCH(QStringList, services);
        QStringList parsed;
        QString error;
        QCOMPARE(JaegerQuery::parseServices(body, &parsed, &error), valid);
        if (valid)
            QCOMPARE(parsed, services);
        else
            QVERIFY(!error.isEmpty());
    }

    void operationsSummariesAndDependencies()
    {
        std::vector<JaegerOperation> operations;
        QString error;
        QVERIFY(JaegerQuery::parseOperations(
            R"({"operations":[{"name":"GET","spanKind":"server"},"legacy"]})", &operations, &error));
        QCOMPARE(operations.size(), size_t(2));
        QCOMPARE(operations[0].name, QStringLiteral("GET"));
        QCOMPARE(operations[0].spanKind, QStringLiteral("server"));
        QCOMPARE(operations[1].name, QStringLiteral("legacy"));
        QVERIFY(JaegerQuery::parseOperations(R"({"data":null})", &operations, &error));
        QVERIFY(operations.empty());
        QVERIFY(!JaegerQuery::parseOperations(R"({"total":0})", &operations, &error));

        std::vector<JaegerTraceSummary> summaries;
        QVERIFY(JaegerQuery::parseSummaries(R"({"summaries":[{"traceId":"ABC","rootServiceName":"front",
            "minStartTimeUnixNano":"1000","maxEndTimeUnixNano":1500,"spanCount":3,"errorSpanCount":1,
            "services":[{"name":"front"},{"name":"db"}]},{"traceId":""}]})",
            &summaries, &error));
        QCOMPARE(summaries.size(), size_t(1));
        QCOMPARE(summaries[0].traceId, QStringLiteral("abc"));
        QCOMPARE(summaries[0].startNs, 1000);
        QCOMPARE(summaries[0].durationNs, 500);
        QCOMPARE(summaries[0].spanCount, 3);
        QCOMPARE(summaries[0].services, (QStringList { QStringLiteral("front"), QStringLiteral("db") }));
        QVERIFY(JaegerQuery::parseSummaries("{}", &summaries, &error));
        QVERIFY(summaries.empty());
        QVERIFY(!JaegerQuery::parseSummaries(R"({"summaries":3})", &summaries, &error));

        std::vector<DependencyLink> links;
        QVERIFY(JaegerQuery::parseDependencies(R"([{"parent":"a","child":"b","callCount":"7"}])", &links, &error));
        QCOMPARE(links.size(), size_t(1));
        QCOMPARE(links[0].callCount, 7);
        QVERIFY(
            JaegerQuery::parseDependencies(R"({"data":[{"parent":"a","child":"c","callCount":2}]})", &links, &error));
        QCOMPARE(links[0].child, QStringLiteral("c"));
        QVERIFY(JaegerQuery::parseDependencies(R"({"dependencies":[{"parent":"x","child":"y"}]})", &links, &error));
        QCOMPARE(links[0].parent, QStringLiteral("x"));
        QVERIFY(JaegerQuery::parseDependencies(R"({"data":null})", &links, &error));
        QVERIFY(links.empty());
        QVERIFY(!JaegerQuery::parseDependencies(R"({"total":0})", &links, &error));
        QVERIFY(!JaegerQuery::parseDependencies("5", &links, &error));
    }

    void versionsAndErrorBodies()
    {
        QCOMPARE(JaegerQuery::servicesAnswerVersion(R"({"services":[]})"), JaegerApi::V3);
        QCOMPARE(JaegerQuery::servicesAnswerVersion(R"({"data":null,"errors":null})"), JaegerApi::V1);
        QCOMPARE(JaegerQuery::servicesAnswerVersion(R"({"data":[]})"), std::nullopt);
        QCOMPARE(JaegerQuery::servicesAnswerVersion("<html></html>"), std::nullopt);

        QVERIFY(JaegerQuery::isJaegerNotFound(R"({"data":null,"errors":[{"code":404,"msg":"trace not found"}]})"));
        QVERIFY(JaegerQuery::isJaegerNotFound(R"({"error":{"httpCode":404,"message":"x"}})"));
        QVERIFY(!JaegerQuery::isJaegerNotFound(R"({"errors":[{"code":500,"msg":"boom"}]})"));
        QVERIFY(!JaegerQuery::isJaegerNotFound("404 page not found"));

        QCOMPARE(JaegerQuery::serverMessage(R"({"errors":[{"code":404,"msg":"trace not found","traceID":"ab"}]})"),
            QStringLiteral("trace not found (trace ab)"));
        QCOMPARE(JaegerQuery::serverMessage(R"({"error":{"message":"bad window"},"message":"more"})"),
            QStringLiteral("bad window; more"));
        QCOMPARE(JaegerQuery::serverMessage(R"({"error":"plain"})"), QStringLiteral("plain"));
        QCOMPARE(JaegerQuery::serverMessage("404 page not found\n"), QStringLiteral("404 page not found"));
        QCOMPARE(JaegerQuery::serverMessage("<html><body>x</body></html>"), QString());
    }
};

QTEST_GUILESS_MAIN(tst_JaegerQuery)
#include "tst_jaegerquery.moc"
