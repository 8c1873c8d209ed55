// SPDX-License-Identifier: MIT
// Drives the real skein binary the way a user or a script does.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Result runSkein(const QStringList& arguments, const QByteArray& input = {}, int timeoutMs = 120000)
{
    QProcess process;
    process.start(QStringLiteral(SKEIN_BINARY), arguments);
    if (!process.waitForStarted())
        return {};
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(timeoutMs);
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

} // namespace

class tst_CommandLine : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void importReportsEachFile();
    void reimportDuplicatesNothing();
    void traceListAndFilters();
    void stdinAndGzip();
    void usageErrors_data();
    void usageErrors();
    void demoIsDeterministic();
    void killedImportLeavesCacheAsItWas();
    void headlessWithoutDisplay();

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
};

void tst_CommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const QString& format :
        { QStringLiteral("jaeger"), QStringLiteral("otlp-json"), QStringLiteral("otlp-jsonl") }) {
        const Result demo = runSkein({ QStringLiteral("demo"), QStringLiteral("--format"), format,
            QStringLiteral("--spans"), QStringLiteral("600"), QStringLiteral("--traces"), QStringLiteral("6"),
            QStringLiteral("-o"), path(format + QStringLiteral(".json")) });
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
    }
    writeFile(
        path(QStringLiteral("broken.json")), "{\"data\": [\n  {\"traceID\": \"abc\", \"spans\": [\n    {,}\n]}]}\n");
}

void tst_CommandLine::importReportsEachFile()
{
    const Result result = runSkein({ QStringLiteral("import"), QStringLiteral("--db"), path(QStringLiteral("a.sqlite")),
        QStringLiteral("--json"), path(QStringLiteral("jaeger.json")), path(QStringLiteral("broken.json")),
        path(QStringLiteral("missing.json")), path(QStringLiteral("otlp-json.json")) });
    QCOMPARE(result.exitCode, 1);
    const QJsonObject json = result.json();
    QCOMPARE(json.value(QStringLiteral("database")).toString(), path(QStringLiteral("a.sqlite")));
    const QJsonArray files = json.value(QStringLiteral("files")).toArray();
    QCOMPARE(files.size(), 4);

    const QJsonObject jaeger = files[0].toObject();
    QCOMPARE(jaeger.value(QStringLiteral("status")).toString(), QStringLiteral("imported"));
    QCOMPARE(jaeger.value(QStringLiteral("format")).toString(), QStringLiteral("jaeger-json"));
    QCOMPARE(jaeger.value(QStringLiteral("traces")).toInt(), 6);
    QCOMPARE(jaeger.value(QStringLiteral("records")).toInt(), 600);
    QCOMPARE(jaeger.value(QStringLiteral("spans")).toInt(), 600);
    QVERIFY(jaeger.value(QStringLiteral("services")).toInt() > 3);
    QVERIFY(jaeger.value(QStringLiteral("error")).isNull());

    const QJsonObject broken = files[1].toObject();
    QCOMPARE(broken.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    const QJsonObject error = broken.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("line")).toInt(), 3);
    QCOMPARE(error.value(QStringLiteral("column")).toInt(), 6);
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("member name")));

    const QJsonObject missing = files[2].toObject();
    QCOMPARE(missing.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QVERIFY(!missing.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());

    const QJsonObject otlp = files[3].toObject();
    QCOMPARE(otlp.value(QStringLiteral("status")).toString(), QStringLiteral("imported"));
    QCOMPARE(otlp.value(QStringLiteral("records")).toInt(), 600);

    // Without --json: a summary on stdout, the problems on stderr.
    const Result human = runSkein({ QStringLiteral("import"), QStringLiteral("--db"), path(QStringLiteral("h.sqlite")),
        path(QStringLiteral("broken.json")), path(QStringLiteral("jaeger.json")) });
    QCOMPARE(human.exitCode, 1);
    QVERIFY(human.err.contains("broken.json: line 3, column 6"));
    QVERIFY(human.out.contains("600 spans"));
}

void tst_CommandLine::reimportDuplicatesNothing()
{
    const QString db = path(QStringLiteral("re.sqlite"));
    const QStringList import = { QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--json"),
        path(QStringLiteral("jaeger.json")) };
    const Result first = runSkein(import);
    const Result second = runSkein(import);
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(
        second.json().value(QStringLiteral("files")).toArray()[0].toObject().value(QStringLiteral("spans")).toInt(),
        600);
    const Result info = runSkein({ QStringLiteral("info"), QStringLiteral("--db"), db, QStringLiteral("--json") });
    QCOMPARE(info.exitCode, 0);
    QCOMPARE(info.json().value(QStringLiteral("spans")).toInt(), 600);
    QCOMPARE(info.json().value(QStringLiteral("traces")).toInt(), 6);
    QCOMPARE(info.json().value(QStringLiteral("imports")).toInt(), 2);
}

void tst_CommandLine::traceListAndFilters()
{
    const QString db = path(QStringLiteral("list.sqlite"));
    QCOMPARE(runSkein({ QStringLiteral("import"), QStringLiteral("--db"), db, path(QStringLiteral("otlp-jsonl.json")) })
                 .exitCode,
        0);
    const Result all = runSkein({ QStringLiteral("traces"), QStringLiteral("--db"), db, QStringLiteral("--json") });
    QCOMPARE(all.exitCode, 0);
    const QJsonArray traces = all.json().value(QStringLiteral("traces")).toArray();
    QCOMPARE(traces.size(), 6);
    for (qsizetype i = 1; i < traces.size(); ++i) {
        QVERIFY(traces[i - 1].toObject().value(QStringLiteral("startNs")).toString().toLongLong()
            >= traces[i].toObject().value(QStringLiteral("startNs")).toString().toLongLong());
    }
    const QJsonObject first = traces[0].toObject();
    QCOMPARE(first.value(QStringLiteral("traceId")).toString().size(), 32);
    QVERIFY(!first.value(QStringLiteral("rootService")).toString().isEmpty());

    const Result limited = runSkein({ QStringLiteral("traces"), QStringLiteral("--db"), db, QStringLiteral("--json"),
        QStringLiteral("--limit"), QStringLiteral("2") });
    QCOMPARE(limited.json().value(QStringLiteral("traces")).toArray().size(), 2);

    const QString service = first.value(QStringLiteral("rootService")).toString();
    const Result byService = runSkein({ QStringLiteral("traces"), QStringLiteral("--db"), db, QStringLiteral("--json"),
        QStringLiteral("--service"), service });
    QVERIFY(byService.json().value(QStringLiteral("traces")).toArray().size() >= 1);
    for (const QJsonValue& trace : byService.json().value(QStringLiteral("traces")).toArray())
        QVERIFY(trace.toObject().value(QStringLiteral("services")).toArray().contains(service));
    const Result noService = runSkein({ QStringLiteral("traces"), QStringLiteral("--db"), db, QStringLiteral("--json"),
        QStringLiteral("--service"), QStringLiteral("no-such-service") });
    QCOMPARE(noService.json().value(QStringLiteral("traces")).toArray().size(), 0);

    qint64 longest = 0;
    for (const QJsonValue& trace : traces)
        longest = std::max<qint64>(longest, qint64(trace.toObject().value(QStringLiteral("durationNs")).toDouble()));
    const Result slow = runSkein({ QStringLiteral("traces"), QStringLiteral("--db"), db, QStringLiteral("--json"),
        QStringLiteral("--min-duration"), QStringLiteral("%1us").arg(longest / 1000) });
    const QJsonArray slowTraces = slow.json().value(QStringLiteral("traces")).toArray();
    QVERIFY(slowTraces.size() >= 1);
    for (const QJsonValue& trace : slowTraces)
        QVERIFY(qint64(trace.toObject().value(QStringLiteral("durationNs")).toDouble()) >= longest / 1000 * 1000);

    const Result human = runSkein({ QStringLiteral("traces"), QStringLiteral("--db"), db });
    QVERIFY(human.out.contains("TRACE ID"));
    QVERIFY(human.out.contains("6 traces"));
}

void tst_CommandLine::stdinAndGzip()
{
    const QString db = path(QStringLiteral("stdin.sqlite"));
    const QByteArray jaeger = readFile(path(QStringLiteral("jaeger.json")));
    const Result fromStdin = runSkein(
        { QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("-") },
        jaeger);
    QCOMPARE(fromStdin.exitCode, 0);
    QCOMPARE(
        fromStdin.json().value(QStringLiteral("files")).toArray()[0].toObject().value(QStringLiteral("spans")).toInt(),
        600);

    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), { QStringLiteral("-c"), path(QStringLiteral("otlp-json.json")) });
    QVERIFY(gzip.waitForFinished());
    writeFile(path(QStringLiteral("compressed.bin")), gzip.readAllStandardOutput());
    const Result compressed = runSkein({ QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--json"),
        path(QStringLiteral("compressed.bin")) });
    QCOMPARE(compressed.exitCode, 0);
    const QJsonObject file = compressed.json().value(QStringLiteral("files")).toArray()[0].toObject();
    QCOMPARE(file.value(QStringLiteral("format")).toString(), QStringLiteral("otlp-json"));
    QCOMPARE(file.value(QStringLiteral("records")).toInt(), 600);
}

void tst_CommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("import without files")
        << QStringList { QStringLiteral("import"), QStringLiteral("--db"), QStringLiteral(":memory:") };
    QTest::addRow("unknown option") << QStringList { QStringLiteral("info"), QStringLiteral("--frobnicate") };
    QTest::addRow("bad duration") << QStringList { QStringLiteral("traces"), QStringLiteral("--db"),
        QStringLiteral(":memory:"), QStringLiteral("--min-duration"), QStringLiteral("soon") };
    QTest::addRow("bad tag") << QStringList { QStringLiteral("traces"), QStringLiteral("--db"),
        QStringLiteral(":memory:"), QStringLiteral("--tag"), QStringLiteral("novalue") };
    QTest::addRow("demo without format") << QStringList { QStringLiteral("demo"), QStringLiteral("--spans"),
        QStringLiteral("5"), QStringLiteral("-o"), QStringLiteral("x") };
}

void tst_CommandLine::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Result result = runSkein(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(!result.err.isEmpty());
}

void tst_CommandLine::demoIsDeterministic()
{
    const QStringList arguments = { QStringLiteral("demo"), QStringLiteral("--format"), QStringLiteral("jaeger"),
        QStringLiteral("--spans"), QStringLiteral("600"), QStringLiteral("--traces"), QStringLiteral("6"),
        QStringLiteral("-o"), path(QStringLiteral("again.json")) };
    QCOMPARE(runSkein(arguments).exitCode, 0);
    QCOMPARE(readFile(path(QStringLiteral("again.json"))), readFile(path(QStringLiteral("jaeger.json"))));
}

void tst_CommandLine::killedImportLeavesCacheAsItWas()
{
    const QString db = path(QStringLiteral("kill.sqlite"));
    QCOMPARE(runSkein({ QStringLiteral("import"), QStringLiteral("--db"), db, path(QStringLiteral("jaeger.json")) })
                 .exitCode,
        0);
    const QByteArray before
        = runSkein({ QStringLiteral("info"), QStringLiteral("--db"), db, QStringLiteral("--json") }).out;

    const QString big = path(QStringLiteral("big.json"));
    QCOMPARE(runSkein({ QStringLiteral("demo"), QStringLiteral("--format"), QStringLiteral("otlp-json"),
                          QStringLiteral("--spans"), QStringLiteral("300000"), QStringLiteral("-o"), big })
                 .exitCode,
        0);
    QProcess import;
    import.start(QStringLiteral(SKEIN_BINARY), { QStringLiteral("import"), QStringLiteral("--db"), db, big });
    QVERIFY(import.waitForStarted());
    QTest::qWait(700);
    QVERIFY2(import.state() == QProcess::Running, "the import finished before it could be killed; use a bigger file");
    import.kill();
    QVERIFY(import.waitForFinished());

    QJsonObject after = QJsonDocument::fromJson(
        runSkein({ QStringLiteral("info"), QStringLiteral("--db"), db, QStringLiteral("--json") }).out)
                            .object();
    QJsonObject expected = QJsonDocument::fromJson(before).object();
    after.remove(QStringLiteral("bytes")); // the WAL file may hold the dead transaction's pages
    expected.remove(QStringLiteral("bytes"));
    QCOMPARE(after, expected);
}

void tst_CommandLine::headlessWithoutDisplay()
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SKEIN_BINARY), { QStringLiteral("--db"), path(QStringLiteral("headless.sqlite")) });
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardError().contains("no display"));
    const QByteArray out = process.readAllStandardOutput();
    QVERIFY2(out.contains("generated sample"), out.constData());
    QVERIFY(out.contains("TRACE ID"));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
