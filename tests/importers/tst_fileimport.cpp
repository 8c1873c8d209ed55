// SPDX-License-Identifier: MIT
// The whole import path into a real cache file: counts, cancel, rejection, and what stays behind.
#include "bytesource.h"
#include "demogenerator.h"
#include "fileimport.h"
#include "tracestore.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace skein;

class tst_FileImport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void importsEveryDemoFormat_data();
    void importsEveryDemoFormat();
    void cancelLeavesCacheAsItWas();
    void rejectedFileLeavesCacheAsItWasAndIsRecorded();
    void truncatedGzipIsRejectedWithItsProblem();
    void cacheBusyWithAnotherImportRejectsWhileParsing();

private:
    QTemporaryDir m_dir;
    QString demoFile(DemoFormat format, const QString& name, uint64_t spans, uint64_t traces);
};

QString tst_FileImport::demoFile(DemoFormat format, const QString& name, uint64_t spans, uint64_t traces)
{
    DemoOptions options;
    options.spans = spans;
    options.traces = traces;
    const QString path = m_dir.filePath(name);
    QString error;
    if (!writeDemoFile(options, format, path, &error))
        qWarning("%s", qPrintable(error));
    return path;
}

void tst_FileImport::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_FileImport::importsEveryDemoFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("formatName");
    QTest::addRow("jaeger") << int(DemoFormat::Jaeger) << QStringLiteral("jaeger-json");
    QTest::addRow("otlp json") << int(DemoFormat::OtlpJson) << QStringLiteral("otlp-json");
    QTest::addRow("otlp json lines") << int(DemoFormat::OtlpJsonLines) << QStringLiteral("otlp-jsonl");
    QTest::addRow("otlp protobuf") << int(DemoFormat::OtlpProto) << QStringLiteral("otlp-protobuf");
    QTest::addRow("zipkin") << int(DemoFormat::Zipkin) << QStringLiteral("zipkin-v2-json");
}

void tst_FileImport::importsEveryDemoFormat()
{
    QFETCH(int, format);
    QFETCH(QString, formatName);
    const QString file = demoFile(DemoFormat(format), formatName + QStringLiteral(".json"), 5000, 25);
    const std::thread::id callingThread = std::this_thread::get_id();
    QString error;
    auto store = TraceStore::open(m_dir.filePath(formatName + QStringLiteral(".sqlite")), &error);
    QVERIFY2(store, qPrintable(error));
    uint64_t progressCalls = 0;
    uint64_t lastSpans = 0;
    bool otherThread = false;
    ImportOptions options;
    options.progress = [&](const ImportProgress& progress) {
        ++progressCalls;
        lastSpans = progress.spans;
        otherThread = otherThread || std::this_thread::get_id() != callingThread;
    };
    const ImportOutcome outcome = importFile(*store, file, options);
    QVERIFY2(!outcome.report.rejected, outcome.report.error.message.c_str());
    QCOMPARE(QString::fromStdString(outcome.report.format), formatName);
    QCOMPARE(outcome.counts.records, uint64_t(5000));
    QCOMPARE(outcome.counts.spans, uint64_t(5000));
    QCOMPARE(outcome.counts.traces, uint64_t(25));
    QVERIFY(progressCalls > 1);
    QCOMPARE(lastSpans, uint64_t(5000)); // the last call reports every span stored
    QVERIFY(!otherThread);
    QCOMPARE(store->info().spans, int64_t(5000));
    QCOMPARE(int(store->findTraces({}).size()), 25);
}

void tst_FileImport::cancelLeavesCacheAsItWas()
{
    const QString small = demoFile(DemoFormat::Jaeger, QStringLiteral("small.json"), 300, 3);
    const QString big = demoFile(DemoFormat::OtlpJson, QStringLiteral("big.json"), 60000, 60);
    QString error;
    auto store = TraceStore::open(m_dir.filePath(QStringLiteral("cancel.sqlite")), &error);
    QVERIFY(store);
    QVERIFY(!importFile(*store, small).report.rejected);
    const StoreInfo before = store->info();

    std::atomic<bool> cancel { false };
    ImportOptions options;
    options.cancel = &cancel;
    uint64_t seen = 0;
    options.progress = [&](const ImportProgress& progress) {
        seen = progress.spans;
        if (progress.spans >= 10000)
            cancel = true;
    };
    const ImportOutcome outcome = importFile(*store, big, options);
    QVERIFY(outcome.report.cancelled);
    QVERIFY(seen >= 10000 && seen < 60000);
    QCOMPARE(outcome.status(), QStringLiteral("cancelled"));
    const StoreInfo after = store->info();
    QCOMPARE(after.spans, before.spans);
    QCOMPARE(after.traces, before.traces);
    QCOMPARE(after.imports, before.imports);
}

void tst_FileImport::rejectedFileLeavesCacheAsItWasAndIsRecorded()
{
    QString error;
    auto store = TraceStore::open(m_dir.filePath(QStringLiteral("reject.sqlite")), &error);
    QVERIFY(store);
    // Two good spans, then a syntax error: the file is rejected and none of it stays.
    const QByteArray text
        = R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"a"}}]},
      "scopeSpans":[{"spans":[
        {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"x","startTimeUnixNano":"1","endTimeUnixNano":"2"},
        {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060709","name":"y","startTimeUnixNano":"1","endTimeUnixNano":"2"},
        {"traceId": oops}]}]}]})";
    auto source = ByteSource::fromMemory(text, QStringLiteral("memory"));
    const ImportOutcome outcome = importSource(*store, *source, QStringLiteral("broken.json"));
    QVERIFY(outcome.report.rejected);
    QCOMPARE(outcome.report.error.position.line, 5);
    QCOMPARE(store->info().spans, int64_t(0));
    const std::vector<ImportRecord> imports = store->imports();
    QCOMPARE(imports.size(), size_t(1));
    QCOMPARE(imports[0].status, QStringLiteral("rejected"));
    QVERIFY(imports[0].error);
}

void tst_FileImport::truncatedGzipIsRejectedWithItsProblem()
{
    const QString file = demoFile(DemoFormat::Jaeger, QStringLiteral("gz.json"), 2000, 4);
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), { QStringLiteral("-c"), file });
    QVERIFY(gzip.waitForFinished());
    const QByteArray gz = gzip.readAllStandardOutput();
    QVERIFY(gz.size() > 100);
    auto source = ByteSource::fromMemory(gz.left(gz.size() / 2), QStringLiteral("half.json.gz"));
    QString error;
    auto store = TraceStore::open(QStringLiteral(":memory:"), &error);
    const ImportOutcome outcome = importSource(*store, *source, QStringLiteral("half.json.gz"));
    QVERIFY(outcome.report.rejected);
    QVERIFY2(QString::fromStdString(outcome.report.error.message).contains(QStringLiteral("gzip")),
        outcome.report.error.message.c_str());
    QCOMPARE(store->info().spans, int64_t(0));
}

QTEST_GUILESS_MAIN(tst_FileImport)
void tst_FileImport::cacheBusyWithAnotherImportRejectsWhileParsing()
{
    // The parser starts before the cache is ready to write; when the cache cannot take the import, the
    // parser must stop too and the import end with the reason.
    const QString file = demoFile(DemoFormat::OtlpProto, QStringLiteral("busy.pb"), 20000, 20);
    QString error;
    auto store = TraceStore::open(m_dir.filePath(QStringLiteral("busy.sqlite")), &error);
    QVERIFY(store);
    auto other = store->beginImport(QStringLiteral("other.json"));
    QVERIFY(other);
    const ImportOutcome refused = importFile(*store, file);
    QVERIFY(refused.report.rejected);
    QCOMPARE(
        QString::fromStdString(refused.report.error.message), QStringLiteral("could not start writing to the cache"));
    other.reset();
    const ImportOutcome accepted = importFile(*store, file);
    QVERIFY2(!accepted.report.rejected, accepted.report.error.message.c_str());
    QCOMPARE(store->info().spans, int64_t(20000));
}

#include "tst_fileimport.moc"
