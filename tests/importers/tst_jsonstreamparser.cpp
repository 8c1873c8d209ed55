// SPDX-License-Identifier: MIT
#include "bytesource.h"
#include "jsoninput.h"
#include "jsonstreamparser.h"

#include <QTest>

using namespace skein;

namespace {

// Captures every element of a top-level array, or every whole document, and records what it saw.
class RecordingClient : public JsonStreamClient {
public:
    Action valueStarted(const JsonPath& path, bool) override
    {
        if (path.empty())
            return captureDocuments ? Action::Capture : Action::Descend;
        return path.size() == 1 ? Action::Capture : Action::Skip;
    }
    bool captured(const JsonPath&, const JsonNode& value, const SourcePosition& position) override
    {
        values.push_back(value.describe());
        if (const JsonNode* name = value.find("name"))
            names.emplace_back(name->string());
        positions.push_back(position);
        return !(stopAfter > 0 && int(values.size()) >= stopAfter);
    }
    bool documentEnded(int64_t, bool complete) override
    {
        (complete ? completeDocuments : brokenDocuments)++;
        return true;
    }
    bool captureDocuments = false;
    int stopAfter = 0;
    std::vector<std::string> values;
    std::vector<std::string> names;
    std::vector<SourcePosition> positions;
    int completeDocuments = 0;
    int brokenDocuments = 0;
};

struct Run {
    bool ok = false;
    ImportReport report;
};

Run parse(const QByteArray& text, RecordingClient& client, JsonStreamLimits limits = {}, bool lineMode = false)
{
    auto source = ByteSource::fromMemory(text, QStringLiteral("test"));
    JsonInput input(*source, 16); // a tiny buffer exercises refills inside tokens
    input.setLineMode(lineMode);
    JsonStreamParser parser(limits);
    Run run;
    run.ok = parser.parse(input, client, run.report);
    return run;
}

} // namespace

class tst_JsonStreamParser : public QObject {
    Q_OBJECT
private slots:
    void capturesElementsOneByOne();
    void exactIntegers();
    void syntaxErrorNamesPosition_data();
    void syntaxErrorNamesPosition();
    void jsonLinesSkipBrokenLine();
    void brokenFirstLineOfJsonLines();
    void lineModeKeepsTheLineAfterATruncatedOne();
    void depthLimit();
    void sizeLimit();
    void clientStops();
    void emptyInput();
};

void tst_JsonStreamParser::capturesElementsOneByOne()
{
    RecordingClient client;
    const Run run = parse(R"([{"name":"a"}, {"name":"b","x":[1,2,{"y":null}]}, 3])", client);
    QVERIFY(run.ok);
    QCOMPARE(client.names, (std::vector<std::string> { "a", "b" }));
    QCOMPARE(client.values.size(), size_t(3));
    QCOMPARE(client.values[2], std::string("the number 3"));
    QCOMPARE(client.positions[1].line, 1);
    QVERIFY(client.positions[1].column > 10);
}

void tst_JsonStreamParser::exactIntegers()
{
    class Client : public JsonStreamClient {
    public:
        Action valueStarted(const JsonPath&, bool) override { return Action::Capture; }
        bool captured(const JsonPath&, const JsonNode& value, const SourcePosition&) override
        {
            for (const JsonNode& element : value.elements()) {
                ints.push_back(element.toInt64());
                uints.push_back(element.toUint64());
            }
            return true;
        }
        std::vector<std::optional<int64_t>> ints;
        std::vector<std::optional<uint64_t>> uints;
    } client;
    auto source = ByteSource::fromMemory(
        R"([9223372036854775807, -9223372036854775808, 18446744073709551615, "9223372036854775222", 1.5, 1e3, "x"])",
        QStringLiteral("test"));
    JsonInput input(*source);
    ImportReport report;
    QVERIFY(JsonStreamParser().parse(input, client, report));
    QCOMPARE(client.ints[0], std::optional<int64_t>(INT64_MAX));
    QCOMPARE(client.ints[1], std::optional<int64_t>(INT64_MIN));
    QCOMPARE(client.ints[2], std::optional<int64_t>());
    QCOMPARE(client.uints[2], std::optional<uint64_t>(UINT64_MAX));
    QCOMPARE(client.ints[3], std::optional<int64_t>(9223372036854775222));
    QCOMPARE(client.ints[4], std::optional<int64_t>());
    QCOMPARE(client.ints[5], std::optional<int64_t>(1000));
    QCOMPARE(client.ints[6], std::optional<int64_t>());
}

void tst_JsonStreamParser::syntaxErrorNamesPosition_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");

    QTest::addRow("trailing comma") << QByteArray("[{\"a\":1},\n]") << 2 << 1
                                    << QStringLiteral("expected a JSON value");
    QTest::addRow("unquoted key") << QByteArray("[\n  {\n    traceId: 'x'\n  }\n]") << 3 << 5
                                  << QStringLiteral("member name");
    QTest::addRow("truncated") << QByteArray("{\"a\": [1, 2,\n 3") << 2 << 3 << QStringLiteral("',' or ']'");
    QTest::addRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6 << QStringLiteral("':'");
    QTest::addRow("js literal") << QByteArray("[\n  {\n    \"a\": 'x'\n  }\n]") << 3 << 10
                                << QStringLiteral("expected a JSON value");
}

void tst_JsonStreamParser::syntaxErrorNamesPosition()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, expected);
    RecordingClient client;
    const Run run = parse(input, client);
    QVERIFY(!run.ok);
    QVERIFY(run.report.rejected);
    QCOMPARE(run.report.error.position.line, line);
    QCOMPARE(run.report.error.position.column, column);
    QVERIFY2(QString::fromStdString(run.report.error.message).contains(expected), run.report.error.message.c_str());
}

void tst_JsonStreamParser::jsonLinesSkipBrokenLine()
{
    RecordingClient client;
    client.captureDocuments = true;
    const Run run = parse("{\"name\":\"one\"}\n{\"name\": broken}\n{\"name\":\"three\"}\n", client);
    QVERIFY(run.ok);
    QCOMPARE(client.names, (std::vector<std::string> { "one", "three" }));
    QCOMPARE(client.completeDocuments, 2);
    QCOMPARE(client.brokenDocuments, 1);
    QCOMPARE(run.report.warnings.size(), size_t(1));
    QCOMPARE(run.report.warnings[0].position.line, 2);
}

void tst_JsonStreamParser::brokenFirstLineOfJsonLines()
{
    RecordingClient client;
    client.captureDocuments = true;
    const Run run = parse("{\"name\": nope}\n{\"name\":\"two\"}\n", client);
    QVERIFY(run.ok);
    QCOMPARE(client.names, (std::vector<std::string> { "two" }));
    QCOMPARE(run.report.warnings.size(), size_t(1));
}

void tst_JsonStreamParser::lineModeKeepsTheLineAfterATruncatedOne()
{
    RecordingClient client;
    client.captureDocuments = true;
    const Run run = parse(
        "{\"name\":\"one\"}\n\n{\"name\":\"tw\n{\"name\":\"three\"} \n{\"name\":\"four\"} x\n", client, {}, true);
    QVERIFY(run.ok);
    QCOMPARE(client.names, (std::vector<std::string> { "one", "three", "four" }));
    QCOMPARE(run.report.warnings.size(), size_t(2));
    QCOMPARE(run.report.warnings[0].position.line, 3);
    QCOMPARE(run.report.warnings[1].position.line, 5);
}

void tst_JsonStreamParser::depthLimit()
{
    RecordingClient client;
    JsonStreamLimits limits;
    limits.maxDepth = 64;
    const Run run = parse(QByteArray(100000, '['), client, limits);
    QVERIFY(!run.ok);
    QVERIFY2(run.report.error.message.find("nested deeper") != std::string::npos, run.report.error.message.c_str());
}

void tst_JsonStreamParser::sizeLimit()
{
    RecordingClient client;
    JsonStreamLimits limits;
    limits.maxCapturedBytes = 1000;
    const Run run = parse("[{\"name\":\"" + QByteArray(5000, 'x') + "\"}]", client, limits);
    QVERIFY(!run.ok);
    QVERIFY2(run.report.error.message.find("larger than") != std::string::npos, run.report.error.message.c_str());
}

void tst_JsonStreamParser::clientStops()
{
    RecordingClient client;
    client.stopAfter = 2;
    const Run run = parse("[1,2,3,4]", client);
    QVERIFY(!run.ok);
    QCOMPARE(client.values.size(), size_t(2));
    QVERIFY(!run.report.rejected); // the client says why it stopped
}

void tst_JsonStreamParser::emptyInput()
{
    RecordingClient client;
    const Run run = parse("  \n ", client);
    QVERIFY(!run.ok);
    QVERIFY(run.report.rejected);
    QCOMPARE(run.report.error.message, std::string("the file is empty"));
}

QTEST_GUILESS_MAIN(tst_JsonStreamParser)
#include "tst_jsonstreamparser.moc"
