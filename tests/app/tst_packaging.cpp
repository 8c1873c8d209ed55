// SPDX-License-Identifier: MIT
// The desktop integration files as a desktop would read them: validated by the freedesktop tools, named by one
// application id, and a MIME database built from our definitions that recognises real trace files by content.
// packaging/check-package.sh covers the built .deb itself.
#include "version.h"

#include <QDir>
#include <QImage>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QString sourceDir = QStringLiteral(SKEIN_SOURCE_DIR);
const QString packagingBuildDir = QStringLiteral(SKEIN_PACKAGING_BUILD_DIR);

QString desktopFilePath()
{
    return sourceDir + QStringLiteral("/resources/desktop/") + skein::skeinApplicationId() + QStringLiteral(".desktop");
}
QString metainfoPath()
{
    return sourceDir + QStringLiteral("/resources/desktop/") + skein::skeinApplicationId()
        + QStringLiteral(".metainfo.xml");
}
QString mimePath()
{
    return sourceDir + QStringLiteral("/resources/desktop/") + skein::skeinApplicationId()
        + QStringLiteral(".mime.xml");
}

struct Run {
    int exitCode = -1;
    QString output; // stdout and stderr
};

Run run(const QString& program, const QStringList& arguments,
    const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted() || !process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    return { process.exitCode(), QString::fromUtf8(process.readAll()) };
}

// The texts of every <name> element of an XML file (its attribute instead, when one is named).
QStringList xmlValues(const QString& path, const QString& name, const QString& attribute = {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList values;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement || xml.name() != name)
            continue;
        values << (attribute.isEmpty() ? xml.readElementText().trimmed()
                                       : xml.attributes().value(attribute).toString());
    }
    return values;
}

QString desktopEntry(const QString& key)
{
    QFile file(desktopFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(key.toUtf8() + '=')))
            return QString::fromUtf8(line.mid(key.size() + 1));
    }
    return {};
}

QStringList definedMimeTypes()
{
    return xmlValues(mimePath(), QStringLiteral("mime-type"), QStringLiteral("type"));
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class PackagingTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void oneApplicationIdNamesEverything();
    void desktopFileValidates();
    void desktopFileOpensFilesAndListsTheTraceTypes();
    void metainfoValidates();
    void corpusFilesAreRecognisedByContent_data();
    void corpusFilesAreRecognisedByContent();
    void versionNamesTheRevision();
    void iconsAreRenderedAtEverySize();
    void manPageDescribesEverySubcommand();

private:
    QTemporaryDir m_mimeHome;
};

void PackagingTest::initTestCase()
{
    // A MIME database with only the freedesktop.org types and ours, as update-mime-database builds it on a desktop.
    // It has to be in place before anything in this process asks QMimeDatabase.
    QVERIFY(m_mimeHome.isValid());
    const QString packages = m_mimeHome.filePath(QStringLiteral("mime/packages"));
    QVERIFY(QDir().mkpath(packages));
    const QString freedesktop = QStringLiteral("/usr/share/mime/packages/freedesktop.org.xml");
    const QString updater = QStandardPaths::findExecutable(QStringLiteral("update-mime-database"));
    if (!QFile::exists(freedesktop) || updater.isEmpty())
        return; // corpusFilesAreRecognisedByContent skips with a message
    QVERIFY(QFile::copy(freedesktop, packages + QStringLiteral("/freedesktop.org.xml")));
    QVERIFY(QFile::copy(mimePath(), packages + u'/' + skein::skeinApplicationId() + QStringLiteral(".xml")));
    const Run update = run(updater, { m_mimeHome.filePath(QStringLiteral("mime")) });
    QVERIFY2(update.exitCode == 0, qPrintable(update.output));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_mimeHome.path()));
    qputenv("XDG_DATA_DIRS", QFile::encodeName(m_mimeHome.path()));
}

void PackagingTest::oneApplicationIdNamesEverything()
{
    const QString id = skein::skeinApplicationId();
    QVERIFY(QFile::exists(desktopFilePath()));
    QCOMPARE(desktopEntry(QStringLiteral("Icon")), id);

    QCOMPARE(xmlValues(metainfoPath(), QStringLiteral("id")), QStringList { id });
    QCOMPARE(xmlValues(metainfoPath(), QStringLiteral("launchable")), QStringList { id + QStringLiteral(".desktop") });
    QCOMPARE(xmlValues(metainfoPath(), QStringLiteral("binary")), QStringList { QStringLiteral("skein") });
    QCOMPARE(desktopEntry(QStringLiteral("Exec")).section(u' ', 0, 0), QStringLiteral("skein"));

    QFile cmake(sourceDir + QStringLiteral("/packaging/packaging.cmake"));
    QVERIFY(cmake.open(QIODevice::ReadOnly));
    QVERIFY2(cmake.readAll().contains(QByteArray("set(SKEIN_APP_ID " + id.toUtf8() + ')')),
        "packaging.cmake installs the files under another id than skeinApplicationId()");
}

void PackagingTest::desktopFileValidates()
{
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty())
        QSKIP(
            "desktop-file-validate is missing (apt-get install desktop-file-utils, or run packaging/install-deps.sh)");
    const Run result = run(validator, { desktopFilePath() });
    QVERIFY2(result.exitCode == 0 && result.output.trimmed().isEmpty(), qPrintable(result.output));
}

void PackagingTest::desktopFileOpensFilesAndListsTheTraceTypes()
{
    QVERIFY(desktopEntry(QStringLiteral("Exec")).endsWith(QStringLiteral(" %F")));
    const QStringList listed = desktopEntry(QStringLiteral("MimeType")).split(u';', Qt::SkipEmptyParts);
    QCOMPARE(sorted(listed), sorted(definedMimeTypes()));
    QCOMPARE(sorted(xmlValues(metainfoPath(), QStringLiteral("mediatype"))), sorted(definedMimeTypes()));
}

void PackagingTest::metainfoValidates()
{
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    if (validator.isEmpty())
        QSKIP("appstreamcli is missing (apt-get install appstream, or run packaging/install-deps.sh)");
    // --no-net: the homepage and screenshot URLs are not fetched. Pedantic notes (the upper-case letter in the
    // reverse-DNS id) do not fail validation.
    const Run result = run(validator, { QStringLiteral("validate"), QStringLiteral("--no-net"), metainfoPath() });
    QVERIFY2(result.exitCode == 0, qPrintable(result.output));
    QVERIFY2(!result.output.contains(QStringLiteral("W: ")), qPrintable(result.output));
}

void PackagingTest::corpusFilesAreRecognisedByContent_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    const QString otlpJson = QStringLiteral("application/x-otlp-trace+json");
    const QString otlpProto = QStringLiteral("application/x-otlp-trace+protobuf");
    const QString jaeger = QStringLiteral("application/x-jaeger-trace+json");
    const QString zipkin = QStringLiteral("application/x-zipkin-trace+json");
    const QString json = QStringLiteral("application/json");
    QTest::newRow("OTLP JSON") << "otlp-json/otel-proto/trace.json" << otlpJson;
    QTest::newRow("OTLP JSON lines") << "otlp-json/jaeger-ui/otlp2jaeger-multi-in.jsonl" << otlpJson;
    QTest::newRow("OTLP in Tempo batches") << "otlp-json/edge/kiali-tempo-trace-bookinfo.json" << otlpJson;
    QTest::newRow("Jaeger api_v3 trace") << "jaeger-api/v3/GetTrace.json" << otlpJson;
    QTest::newRow("OTLP protobuf .pb") << "otlp-proto/otlp2parquet-traces.pb" << otlpProto;
    QTest::newRow("OTLP protobuf, odd name") << "otlp-proto/otel-proto-trace.protobuf-bin" << otlpProto;
    QTest::newRow("Jaeger UI download") << "jaeger-json/jaeger/ui_01.json" << jaeger;
    QTest::newRow("Jaeger v1 envelope, processes first")
        << "jaeger-api/v1/api-traces-envelope-critical-path.json" << jaeger;
    QTest::newRow("Jaeger model JSON") << "jaeger-json/model/domain_01.json" << jaeger;
    QTest::newRow("Zipkin v2") << "zipkin/zipkin-lens/netflix.json" << zipkin;
    QTest::newRow("Zipkin v1") << "zipkin/v1/collector-zipkin_v1_single_batch.json" << zipkin;
    QTest::newRow("Zipkin single span") << "zipkin/edge/single-object-client.json" << zipkin;
    QTest::newRow("dependency links are not a trace") << "jaeger-api/v1/dependencies-data-small.json" << json;
    QTest::newRow("Chrome trace events are not ours") << "other/chrome-trace/perfetto-flow_events_json_v1.json" << json;
    QTest::newRow("protobuf text format")
        << "otlp-proto/otel-proto-trace.protobuf-text" << QStringLiteral("text/plain");
}

void PackagingTest::corpusFilesAreRecognisedByContent()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const QString path = QStringLiteral(SKEIN_CORPUS_DIR "/") + file;
    if (!QFile::exists(path))
        QSKIP("the shared corpus is not here (SKEIN_CORPUS_DIR)");
    if (!QFile::exists(m_mimeHome.filePath(QStringLiteral("mime/mime.cache"))))
        QSKIP("shared-mime-info is missing (apt-get install shared-mime-info)");

    // Qt (KDE's file managers) and GLib (GNOME's) decide on their own; both must agree.
    QCOMPARE(QMimeDatabase().mimeTypeForFile(path).name(), expected);
    const QString gio = QStandardPaths::findExecutable(QStringLiteral("gio"));
    if (!gio.isEmpty()) {
        const Run info = run(
            gio, { QStringLiteral("info"), QStringLiteral("-a"), QStringLiteral("standard::content-type"), path });
        QVERIFY2(info.output.contains(QStringLiteral("standard::content-type: ") + expected + u'\n'),
            qPrintable(info.output));
    }
}

void PackagingTest::versionNamesTheRevision()
{
    const QString version = skein::skeinVersionString();
    QVERIFY2(version.startsWith(QStringLiteral(SKEIN_VERSION)), qPrintable(version));
    const Run head = run(QStringLiteral("git"),
        { QStringLiteral("-C"), sourceDir, QStringLiteral("rev-parse"), QStringLiteral("--short=10"),
            QStringLiteral("HEAD") });
    if (head.exitCode == 0) {
        QVERIFY2(version.contains(QStringLiteral("(git ") + head.output.trimmed()), qPrintable(version));
    } else {
        QCOMPARE(version, QStringLiteral(SKEIN_VERSION)); // a source tarball has no revision to tell
    }
    const Run option = run(QStringLiteral(SKEIN_BINARY), { QStringLiteral("--version") });
    QCOMPARE(option.exitCode, 0);
    QCOMPARE(option.output.trimmed(), QStringLiteral("skein ") + version);
}

void PackagingTest::iconsAreRenderedAtEverySize()
{
    for (const int size : { 16, 22, 24, 32, 48, 64, 128, 256 }) {
        const QImage icon(packagingBuildDir + QStringLiteral("/icons/%1.png").arg(size));
        QCOMPARE(icon.size(), QSize(size, size));
        // Transparent corners (the rounded square) around an opaque middle: the SVG was drawn, not an empty canvas.
        QCOMPARE(qAlpha(icon.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(icon.pixel(size / 2, size / 2)), 255);
    }
}

void PackagingTest::manPageDescribesEverySubcommand()
{
    QFile page(packagingBuildDir + QStringLiteral("/skein.1"));
    QVERIFY2(page.open(QIODevice::ReadOnly), "build the skein_manpage target");
    const QString roff = QString::fromUtf8(page.readAll());

    const Run help = run(QStringLiteral(SKEIN_BINARY), { QStringLiteral("--help") });
    static const QRegularExpression command(
        QStringLiteral("^\\s*(?:Usage:)?\\s*skein ([a-z]+)"), QRegularExpression::MultilineOption);
    QStringList commands;
    for (auto it = command.globalMatch(help.output); it.hasNext();)
        commands << it.next().captured(1);
    QVERIFY(commands.size() >= 5);
    for (const QString& name : commands)
        QVERIFY2(roff.contains(QStringLiteral(".SS \"skein ") + name + u' '), qPrintable(name));
    for (const QString& section : { QStringLiteral("NAME"), QStringLiteral("SYNOPSIS"), QStringLiteral("DESCRIPTION"),
             QStringLiteral("SUBCOMMANDS"), QStringLiteral("FILES"), QStringLiteral("ENVIRONMENT"),
             QStringLiteral("\"EXIT STATUS\"") })
        QVERIFY2(roff.contains(QStringLiteral(".SH ") + section + u'\n'), qPrintable(section));
    QVERIFY(roff.contains(QStringLiteral("SKEIN_JAEGER_TOKEN")));
    QVERIFY(roff.contains(QStringLiteral("SKEIN_JAEGER_PASSWORD")));
    QVERIFY2(roff.contains(QStringLiteral(".I ~/.local/share/skein/skein/cache.sqlite")), "FILES names the cache");
    QVERIFY(!roff.contains(QRegularExpression(QStringLiteral("@[A-Z_]+@")))); // every placeholder was filled
    QVERIFY(!roff.contains(QDir::homePath() + u'/') || QDir::homePath() == u"/"); // no builder's home in the page

    const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
    if (groff.isEmpty())
        QSKIP("groff is missing: the page's roff is not checked");
    const Run lint = run(groff,
        { QStringLiteral("-man"), QStringLiteral("-ww"), QStringLiteral("-z"), QStringLiteral("-Tutf8"),
            page.fileName() });
    QVERIFY2(lint.exitCode == 0 && lint.output.trimmed().isEmpty(), qPrintable(lint.output));
}

QTEST_MAIN(PackagingTest)
#include "tst_packaging.moc"
