// SPDX-License-Identifier: MIT
// `skein deps` run as a separate process: its edge counts equal a plain walk over the same generated
// spans, --trace narrows to one trace, and dependency-link files show up as source "file".
#include "demogenerator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <unordered_map>

using namespace skein;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runSkein(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(SKEIN_BINARY), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

using Calls = std::map<QString, std::pair<int64_t, int64_t>>; // "parent>child" -> calls, errors

// The reference: for each span, its parent by id within the trace.
void addCalls(const std::vector<SpanRecord>& trace, Calls& calls)
{
    std::unordered_map<SpanId, const SpanRecord*> byId;
    for (const SpanRecord& span : trace)
        byId[span.spanId] = &span;
    for (const SpanRecord& span : trace) {
        const auto parent = byId.find(span.parentSpanId);
        if (span.parentSpanId == 0 || parent == byId.end() || parent->second->serviceName == span.serviceName)
            continue;
        auto& entry = calls[QString::fromStdString(parent->second->serviceName + ">" + span.serviceName)];
        ++entry.first;
        entry.second += span.isError() ? 1 : 0;
    }
}

Calls callsFromJson(const QByteArray& json, const QString& source, bool* valid)
{
    Calls calls;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    *valid = error.error == QJsonParseError::NoError && document.object().value(QStringLiteral("edges")).isArray();
    for (const QJsonValue& value : document.object().value(QStringLiteral("edges")).toArray()) {
        const QJsonObject edge = value.toObject();
        for (const char* key : { "parent", "child", "callCount", "errorCount", "p50_ns", "p99_ns", "source" })
            *valid = *valid && edge.contains(QLatin1String(key));
        if (edge.value(QStringLiteral("source")).toString() != source)
            continue;
        calls[edge.value(QStringLiteral("parent")).toString() + u'>' + edge.value(QStringLiteral("child")).toString()]
            = { edge.value(QStringLiteral("callCount")).toInteger(),
                  edge.value(QStringLiteral("errorCount")).toInteger() };
    }
    return calls;
}

} // namespace

class TestDepsCommand : public QObject {
    Q_OBJECT

private slots:
    void edgesEqualReferenceWalk();
    void traceOptionNarrowsToOneTrace();
    void dependencyFileEdgesAreMarked();
    void helpAndUsageErrors();
};

void TestDepsCommand::edgesEqualReferenceWalk()
{
    QTemporaryDir dir;
    const DemoOptions options { 20000, 0, 5 };
    const QString file = dir.filePath(QStringLiteral("demo.json"));
    QString error;
    QVERIFY(writeDemoFile(options, DemoFormat::OtlpJson, file, &error));
    Calls expected;
    DemoGenerator generator(options);
    std::vector<SpanRecord> trace;
    while (generator.nextTrace(trace))
        addCalls(trace, expected);

    const QString db = dir.filePath(QStringLiteral("cache.sqlite"));
    const Run imported = runSkein({ QStringLiteral("import"), QStringLiteral("--db"), db, file });
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    const Run deps = runSkein({ QStringLiteral("deps"), QStringLiteral("--db"), db, QStringLiteral("--json") });
    QVERIFY2(deps.exitCode == 0, deps.err.constData());
    bool valid = false;
    const Calls actual = callsFromJson(deps.out, QStringLiteral("spans"), &valid);
    QVERIFY2(valid, deps.out.constData());
    QVERIFY(expected.size() >= 10);
    QCOMPARE(actual, expected);

    const Run table = runSkein({ QStringLiteral("deps"), QStringLiteral("--db"), db });
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith("PARENT"));
    QVERIFY(table.out.contains(QByteArray(QByteArray::number(qsizetype(expected.size())) + " edges between")));
}

void TestDepsCommand::traceOptionNarrowsToOneTrace()
{
    QTemporaryDir dir;
    const DemoOptions options { 2000, 10, 9 };
    const QString file = dir.filePath(QStringLiteral("demo.json"));
    QString error;
    QVERIFY(writeDemoFile(options, DemoFormat::Jaeger, file, &error));
    DemoGenerator generator(options);
    std::vector<SpanRecord> first;
    QVERIFY(generator.nextTrace(first));
    Calls expected;
    addCalls(first, expected);

    const QString db = dir.filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(runSkein({ QStringLiteral("import"), QStringLiteral("--db"), db, file }).exitCode, 0);
    const QString traceId = QString::fromStdString(first.front().traceId.toHex());
    const Run deps = runSkein({ QStringLiteral("deps"), QStringLiteral("--db"), db, QStringLiteral("--trace"), traceId,
        QStringLiteral("--json") });
    QVERIFY2(deps.exitCode == 0, deps.err.constData());
    bool valid = false;
    QCOMPARE(callsFromJson(deps.out, QStringLiteral("spans"), &valid), expected);
    QVERIFY(valid);

    const Run unknown = runSkein(
        { QStringLiteral("deps"), QStringLiteral("--db"), db, QStringLiteral("--trace"), QStringLiteral("abcdef") });
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("not in"));
}

void TestDepsCommand::dependencyFileEdgesAreMarked()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("deps.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"data":[{"parent":"gateway","child":"orders","callCount":12},)"
              R"({"parent":"orders","child":"db","callCount":30}]})");
    out.close();
    const QString db = dir.filePath(QStringLiteral("cache.sqlite"));
    const Run imported = runSkein({ QStringLiteral("import"), QStringLiteral("--db"), db, file });
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    const Run deps = runSkein({ QStringLiteral("deps"), QStringLiteral("--db"), db, QStringLiteral("--json") });
    QCOMPARE(deps.exitCode, 0);
    bool valid = false;
    const Calls files = callsFromJson(deps.out, QStringLiteral("file"), &valid);
    QVERIFY(valid);
    QCOMPARE(
        files, (Calls { { QStringLiteral("gateway>orders"), { 12, 0 } }, { QStringLiteral("orders>db"), { 30, 0 } } }));
}

void TestDepsCommand::helpAndUsageErrors()
{
    const Run help = runSkein({ QStringLiteral("deps"), QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    for (const char* option : { "--db", "--trace", "--json", "skein deps", "p50_ns", "endpoint" })
        QVERIFY2(help.out.contains(option), option);
    const Run overview = runSkein({ QStringLiteral("--help") });
    QVERIFY(overview.out.contains("skein deps"));

    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(runSkein({ QStringLiteral("deps"), QStringLiteral("--db"), db, QStringLiteral("--trace"),
                          QStringLiteral("xyz") })
                 .exitCode,
        2);
    QCOMPARE(runSkein({ QStringLiteral("deps"), QStringLiteral("--db"), db, QStringLiteral("extra") }).exitCode, 2);
    QCOMPARE(runSkein({ QStringLiteral("deps"), QStringLiteral("--bogus") }).exitCode, 2);
    // An empty cache has no edges, and says so.
    const Run empty = runSkein({ QStringLiteral("deps"), QStringLiteral("--db"), db, QStringLiteral("--json") });
    QCOMPARE(empty.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(empty.out).object().value(QStringLiteral("edges")).toArray().size(), 0);
}

QTEST_GUILESS_MAIN(TestDepsCommand)
#include "tst_depscommand.moc"
