// SPDX-License-Identifier: MIT
#include "bytesource.h"
#include "demogenerator.h"
#include "jaegerjsonreader.h"
#include "jaegertime.h"
#include "jsoninput.h"
#include "jsonshape.h"
#include "jsonstreamparser.h"
#include "readertestsupport.h"
#include "spanbatch.h"
#include "traceimporter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

using namespace skein;
using testsupport::CollectingSink;
using testsupport::CountingSink;

namespace {

struct Run {
    ImportReport report;
    std::vector<SpanRecord> spans;

    size_t traceCount() const { return testsupport::traceCount(spans); }
    size_t serviceCount() const { return testsupport::serviceCount(spans); }
    const SpanRecord* span(std::string_view name) const { return testsupport::spanNamed(spans, name); }
    const ImportMessage* warning(std::string_view text) const { return testsupport::warningContaining(report, text); }
    QByteArray warningList() const { return testsupport::warningList(report); }
};

const Attribute* attribute(const Attributes& attributes, std::string_view key)
{
    for (const Attribute& attribute : attributes) {
        if (attribute.key == key)
            return &attribute;
    }
    return nullptr;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString fixture(const QString& name)
{
    return QStringLiteral(SKEIN_TEST_DATA_DIR "/jaeger/") + name;
}

// The whole import path: sniffer, dispatcher, parser, reader.
Run importData(const QByteArray& data)
{
    Run run;
    CollectingSink sink;
    auto source = ByteSource::fromMemory(data, QStringLiteral("test"));
    importTraces(*source, sink, run.report);
    run.spans = std::move(sink.spans);
    return run;
}

Run importFixture(const QString& name)
{
    const QByteArray data = readFile(fixture(name));
    if (data.isEmpty())
        qWarning("fixture %s is missing", qPrintable(name));
    return importData(data);
}

// The reader alone under JsonStreamParser, as the corpus check runs it.
Run readDirectly(const QByteArray& data)
{
    Run run;
    CollectingSink sink;
    {
        const JsonShape shape = sniffJsonShape(std::string_view(data.constData(), size_t(data.size())));
        auto source = ByteSource::fromMemory(data, QStringLiteral("test"));
        JsonInput input(*source);
        SpanBatch batch(sink);
        JaegerJsonReader reader(batch, run.report, shape);
        JsonStreamParser parser;
        if (parser.parse(input, reader, run.report))
            batch.flush();
    }
    run.spans = std::move(sink.spans);
    return run;
}

TraceId traceId(const char* hex)
{
    return *TraceId::fromHex(hex);
}

SpanId spanId(const char* hex)
{
    return *spanIdFromHex(hex);
}

} // namespace

class TestJaegerJsonReader : public QObject {
    Q_OBJECT

private slots:
    void shapes_data();
    void shapes();
    void envelopeMapping();
    void processesAfterSpans();
    void stateDumpSkipsNestedCopies();
    void spanArraySharesEmbeddedProcesses();
    void singleSpanAndNulls();
    void modelTrace();
    void modelBatchSnakeCase();
    void modelBareSpan();
    void textIds();
    void damagedSpans();
    void serverErrors();
    void readerAloneMatchesImport();
    void rfc3339_data();
    void rfc3339();
    void durations_data();
    void durations();
    void corpus_data();
    void corpus();
    void throughput();
};

void TestJaegerJsonReader::shapes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<int>("traces");
    QTest::addColumn<int>("services");

    QTest::addRow("v1 envelope, two traces") << "envelope.json"
                                             << "jaeger-json" << 4 << 0 << 2 << 3;
    QTest::addRow("envelope with errors next to data") << "envelope-partial-errors.json"
                                                       << "jaeger-json" << 1 << 0 << 1 << 1;
    QTest::addRow("bare trace, processes after spans") << "trace-processes-after.json"
                                                       << "jaeger-json" << 4 << 0 << 1 << 2;
    QTest::addRow("jaeger-ui state dump") << "ui-state-dump.json"
                                          << "jaeger-json" << 2 << 0 << 1 << 1;
    QTest::addRow("bare array of UI spans") << "span-array.json"
                                            << "jaeger-json" << 3 << 1 << 1 << 1;
    QTest::addRow("single UI span") << "single-span.json"
                                    << "jaeger-json" << 1 << 0 << 1 << 0;
    QTest::addRow("short ids and nulls") << "short-ids-nulls.json"
                                         << "jaeger-json" << 2 << 0 << 1 << 1;
    QTest::addRow("JSON lines of traces") << "json-lines.jsonl"
                                          << "jaeger-json" << 2 << 0 << 2 << 2;
    QTest::addRow("ids that are not hex") << "text-ids.json"
                                          << "jaeger-json" << 2 << 0 << 1 << 1;
    QTest::addRow("damaged spans") << "damaged.json"
                                   << "jaeger-json" << 9 << 7 << 1 << 1;
    QTest::addRow("model trace with processMap") << "model-trace.json"
                                                 << "jaeger-model-json" << 3 << 0 << 1 << 2;
    QTest::addRow("model batch, snake_case") << "model-batch-snake.json"
                                             << "jaeger-model-json" << 2 << 0 << 1 << 1;
    QTest::addRow("model bare span") << "model-span.json"
                                     << "jaeger-model-json" << 1 << 0 << 1 << 1;
}

void TestJaegerJsonReader::shapes()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, records);
    QFETCH(int, skipped);
    QFETCH(int, traces);
    QFETCH(int, services);

    const Run run = importFixture(file);
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(QString::fromStdString(run.report.format), format);
    QCOMPARE(run.report.records, uint64_t(records));
    QCOMPARE(run.report.skippedRecords, uint64_t(skipped));
    QCOMPARE(run.spans.size(), size_t(records - skipped));
    QCOMPARE(run.traceCount(), size_t(traces));
    QCOMPARE(run.serviceCount(), size_t(services));
    for (const SpanRecord& span : run.spans) {
        QVERIFY(span.resource);
        QCOMPARE(span.serviceName, span.resource->serviceName);
    }
}

void TestJaegerJsonReader::envelopeMapping()
{
    const Run run = importFixture(QStringLiteral("envelope.json"));
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());

    const SpanRecord* cart = run.span("GET /cart");
    QVERIFY(cart);
    QCOMPARE(cart->traceId, traceId("5b8aa5a2d2c872e8321cf37308d69df2"));
    QCOMPARE(cart->spanId, spanId("051581bf3cb55c13"));
    QCOMPARE(cart->parentSpanId, SpanId(0));
    QCOMPARE(cart->startNs, int64_t(1700000000000001000));
    QCOMPARE(cart->durationNs, int64_t(1500000));
    QCOMPARE(cart->flags, 1u);
    QCOMPARE(cart->kind, SpanKind::Server);
    QCOMPARE(cart->status, StatusCode::Error);
    QCOMPARE(cart->statusMessage, std::string("upstream timed out"));
    QCOMPARE(cart->traceState, std::string("vendor=abc"));
    QVERIFY(cart->scope);
    QCOMPARE(cart->scope->name, std::string("io.opentelemetry.http"));
    QCOMPARE(cart->scope->version, std::string("1.2.0"));
    QCOMPARE(cart->serviceName, std::string("frontend"));
    QCOMPARE(cart->resource->attributes.size(), size_t(2));
    QCOMPARE(cart->resource->attributes[1].value, AttributeValue::fromInt(4242));

    // OTel-origin tags went to their fields; "error" stays searchable.
    for (const char* absorbed : { "span.kind", "otel.status_code", "otel.status_description", "w3c.tracestate",
             "otel.scope.name", "otel.scope.version" })
        QVERIFY2(!attribute(cart->attributes, absorbed), absorbed);
    QCOMPARE(cart->attributes.size(), size_t(7));
    QCOMPARE(attribute(cart->attributes, "error")->value, AttributeValue::fromBool(true));
    QCOMPARE(attribute(cart->attributes, "http.status_code")->value, AttributeValue::fromInt(504));
    // 2^53 + 1: exact, not rounded through a double.
    QCOMPARE(attribute(cart->attributes, "big")->value, AttributeValue::fromInt(9007199254740993LL));
    QCOMPARE(attribute(cart->attributes, "ratio")->value, AttributeValue::fromDouble(0.25));
    QCOMPARE(
        attribute(cart->attributes, "payload")->value, AttributeValue::fromBytes(std::string("\x00\x01\x02\xff", 4)));
    QCOMPARE(attribute(cart->attributes, "cached")->value, AttributeValue::fromBool(true));
    QCOMPARE(attribute(cart->attributes, "untyped")->value, AttributeValue::fromInt(7));

    QCOMPARE(cart->events.size(), size_t(2));
    QCOMPARE(cart->events[0].name, std::string("retry"));
    QCOMPARE(cart->events[0].timeNs, int64_t(1700000000000500000));
    QCOMPARE(cart->events[0].attributes.size(), size_t(1));
    QCOMPARE(cart->events[0].attributes[0].key, std::string("attempt"));
    QCOMPARE(cart->events[1].name, std::string("log"));
    QCOMPARE(cart->events[1].attributes[0].value, AttributeValue::fromString("no event field"));

    const SpanRecord* place = run.span("checkout.Place");
    QVERIFY(place);
    // The parent is the first CHILD_OF into the same trace, not the first reference.
    QCOMPARE(place->parentSpanId, spanId("051581bf3cb55c13"));
    QCOMPARE(place->links.size(), size_t(2));
    QCOMPARE(place->links[0].traceId, traceId("abc"));
    QCOMPARE(place->links[0].spanId, spanId("def"));
    QCOMPARE(place->links[0].type, LinkType::FollowsFrom);
    QCOMPARE(place->links[1].traceId, cart->traceId);
    QCOMPARE(place->links[1].spanId, spanId("1111111111111111"));
    QCOMPARE(place->kind, SpanKind::Client);
    QCOMPARE(place->scope->name, std::string("legacy-lib"));
    QCOMPARE(place->scope->version, std::string("0.9"));
    QCOMPARE(place->warnings, std::vector<std::string> { "clock skew adjusted" });
    QCOMPARE(place->serviceName, std::string("checkout"));

    const SpanRecord* items = run.span("GET /cart/items");
    QVERIFY(items);
    // otel.status_code wins over the error tag, and both processes "p1" of the trace are one object.
    QCOMPARE(items->status, StatusCode::Ok);
    QCOMPARE(attribute(items->attributes, "error")->value, AttributeValue::fromBool(false));
    QCOMPARE(items->resource.get(), cart->resource.get());

    const SpanRecord* other = run.span("other-trace-root");
    QVERIFY(other);
    QCOMPARE(other->traceId, traceId("abc"));
    QCOMPARE(other->kind, SpanKind::Consumer);
    QCOMPARE(other->serviceName, std::string("worker"));
    QVERIFY(other->resource.get() != cart->resource.get());
}

void TestJaegerJsonReader::processesAfterSpans()
{
    const Run run = importFixture(QStringLiteral("trace-processes-after.json"));
    const SpanRecord* root = run.span("root");
    const SpanRecord* childA = run.span("child-a");
    const SpanRecord* childB = run.span("child-b");
    const SpanRecord* unknown = run.span("unknown-process");
    QVERIFY(root && childA && childB && unknown);
    QCOMPARE(root->serviceName, std::string("frontend"));
    QCOMPARE(childA->serviceName, std::string("backend"));
    QCOMPARE(childA->resource.get(), childB->resource.get());
    QCOMPARE(childA->resource->attributes.size(), size_t(1));
    QCOMPARE(childA->parentSpanId, spanId("1"));
    QCOMPARE(childB->parentSpanId, spanId("1")); // from the deprecated parentSpanID
    QCOMPARE(unknown->serviceName, std::string());
    QVERIFY(unknown->resource);
    const ImportMessage* missing = run.warning("\"p9\" is not among");
    QVERIFY2(missing, run.warningList().constData());
    QCOMPARE(missing->position.line, int64_t(6));
    // The trace warning, after everything else, still reaches the trace's first span.
    QCOMPARE(root->warnings, std::vector<std::string> { "trace-level note" });
    QVERIFY(childA->warnings.empty());
}

void TestJaegerJsonReader::stateDumpSkipsNestedCopies()
{
    const Run run = importFixture(QStringLiteral("ui-state-dump.json"));
    QCOMPARE(run.spans.size(), size_t(2));
    const SpanRecord* parent = run.span("parent");
    const SpanRecord* child = run.span("child");
    QVERIFY(parent && child);
    QCOMPARE(child->parentSpanId, parent->spanId);
    QVERIFY(child->links.empty());
    QCOMPARE(child->startNs, int64_t(2010000));
    QCOMPARE(child->durationNs, int64_t(50000));
    // Equal embedded processes are one shared resource.
    QCOMPARE(child->resource.get(), parent->resource.get());
    QCOMPARE(child->serviceName, std::string("shop"));
}

void TestJaegerJsonReader::spanArraySharesEmbeddedProcesses()
{
    const Run run = importFixture(QStringLiteral("span-array.json"));
    QCOMPARE(run.spans.size(), size_t(2));
    const SpanRecord* a = run.span("a");
    const SpanRecord* b = run.span("b");
    QVERIFY(a && b);
    QCOMPARE(a->resource.get(), b->resource.get());
    QCOMPARE(a->resource->attributes.size(), size_t(1));
    QCOMPARE(a->status, StatusCode::Error); // a bool tag whose value is the string "true"
    QCOMPARE(b->parentSpanId, a->spanId);
    const ImportMessage* damaged = run.warning("must be an object, found null");
    QVERIFY2(damaged, run.warningList().constData());
    QCOMPARE(damaged->position.line, int64_t(3));
}

void TestJaegerJsonReader::singleSpanAndNulls()
{
    const Run single = importFixture(QStringLiteral("single-span.json"));
    QCOMPARE(single.spans.size(), size_t(1));
    QCOMPARE(single.spans[0].traceId, traceId("1f"));
    QCOMPARE(single.spans[0].spanId, spanId("2f"));
    QCOMPARE(single.spans[0].durationNs, int64_t(12000));
    QCOMPARE(single.spans[0].flags, 3u);
    QVERIFY2(single.warning("no \"operationName\""), single.warningList().constData());
    QVERIFY(single.warning("no \"startTime\""));

    const Run nulls = importFixture(QStringLiteral("short-ids-nulls.json"));
    QCOMPARE(nulls.spans.size(), size_t(2));
    const SpanRecord* root = nulls.span("root");
    QVERIFY(root);
    QCOMPARE(root->traceId, traceId("a1"));
    QCOMPARE(root->spanId, SpanId(1));
    QVERIFY(root->attributes.empty() && root->events.empty() && root->links.empty());
    const SpanRecord* unnamed = nulls.span("");
    QVERIFY(unnamed);
    QCOMPARE(unnamed->parentSpanId, SpanId(1));
    QCOMPARE(nulls.report.warnings.size(), size_t(1));
    QVERIFY(nulls.warning("no \"operationName\""));
}

void TestJaegerJsonReader::modelTrace()
{
    const Run run = importFixture(QStringLiteral("model-trace.json"));
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    const SpanRecord* root = run.span("model-root");
    const SpanRecord* child = run.span("model-child");
    const SpanRecord* follower = run.span("model-follower");
    QVERIFY(root && child && follower);

    QCOMPARE(root->traceId, traceId("0102030405060708090a0b0c0d0e0f10"));
    QCOMPARE(root->spanId, spanId("a1"));
    // 2023-11-14T22:13:20.123456789+01:00, to the nanosecond.
    QCOMPARE(root->startNs, int64_t(1699996400123456789));
    QCOMPARE(root->durationNs, int64_t(5000));
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->serviceName, std::string("model-a"));
    QCOMPARE(root->resource->attributes.size(), size_t(1));
    QCOMPARE(attribute(root->attributes, "str")->value, AttributeValue::fromString("x"));
    QCOMPARE(attribute(root->attributes, "n")->value, AttributeValue::fromInt(INT64_MAX));
    QCOMPARE(attribute(root->attributes, "b")->value, AttributeValue::fromBool(true));
    QCOMPARE(attribute(root->attributes, "f")->value, AttributeValue::fromDouble(1.5));
    QCOMPARE(attribute(root->attributes, "bin")->value, AttributeValue::fromBytes("\xde\xad\xbe\xef"));
    QCOMPARE(root->events.size(), size_t(1));
    QCOMPARE(root->events[0].name, std::string("cache-miss"));
    QCOMPARE(root->events[0].timeNs, int64_t(1699996400500000000));
    QCOMPARE(root->warnings, std::vector<std::string> { "model trace warning" });

    // refType omitted is CHILD_OF.
    QCOMPARE(child->parentSpanId, root->spanId);
    QCOMPARE(child->startNs, int64_t(1699996400200000000));
    QCOMPARE(child->durationNs, int64_t(1500000));
    QCOMPARE(child->serviceName, std::string("model-b"));
    QCOMPARE(child->resource.get(), follower->resource.get());

    QCOMPARE(follower->parentSpanId, SpanId(0));
    QCOMPARE(follower->links.size(), size_t(1));
    QCOMPARE(follower->links[0].type, LinkType::FollowsFrom);
    QCOMPARE(follower->links[0].spanId, child->spanId);
    QCOMPARE(follower->startNs, int64_t(1699996400300000000)); // -05:00
    QCOMPARE(follower->durationNs, int64_t(3720) * 1000000000); // "1h2m"
}

void TestJaegerJsonReader::modelBatchSnakeCase()
{
    const Run run = importFixture(QStringLiteral("model-batch-snake.json"));
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    const SpanRecord* op = run.span("snake-op");
    const SpanRecord* child = run.span("snake-child");
    QVERIFY(op && child);
    // "AAAAAAAAAAE" is unpadded base64 that happens to be valid hex; the model form reads it as base64.
    QCOMPARE(op->spanId, SpanId(1));
    QCOMPARE(op->traceId, (TraceId { 0, 1 }));
    QCOMPARE(op->startNs, int64_t(1485467191639875000));
    QCOMPARE(op->durationNs, int64_t(2000000000));
    QCOMPARE(op->flags, 1u);
    QCOMPARE(attribute(op->attributes, "k")->value, AttributeValue::fromString("v"));
    QCOMPARE(attribute(op->attributes, "ok")->value, AttributeValue::fromBool(true));
    QCOMPARE(op->events.size(), size_t(1));
    QCOMPARE(op->events[0].name, std::string("boot"));
    QCOMPARE(op->serviceName, std::string("snake-svc"));
    QCOMPARE(op->resource->attributes[0].value, AttributeValue::fromInt(7));
    QCOMPARE(child->parentSpanId, SpanId(1));
    // A JSON number is a Go time.Duration: nanoseconds.
    QCOMPARE(child->durationNs, int64_t(1000));
    QCOMPARE(child->resource.get(), op->resource.get());
}

void TestJaegerJsonReader::modelBareSpan()
{
    const Run run = importFixture(QStringLiteral("model-span.json"));
    QCOMPARE(run.spans.size(), size_t(1));
    const SpanRecord& span = run.spans[0];
    QCOMPARE(span.traceId, (TraceId { 0, 2 }));
    QCOMPARE(span.spanId, SpanId(3));
    QCOMPARE(span.parentSpanId, SpanId(4));
    QCOMPARE(span.flags, 2u);
    QCOMPARE(span.startNs, int64_t(1485467191639875000));
    QCOMPARE(span.durationNs, int64_t(1000001000));
    QCOMPARE(span.serviceName, std::string("solo"));
    QCOMPARE(span.resource->attributes.size(), size_t(1));
    QVERIFY(std::isnan(span.resource->attributes[0].value.doubleValue));
}

void TestJaegerJsonReader::textIds()
{
    const Run run = importFixture(QStringLiteral("text-ids.json"));
    const SpanRecord* root = run.span("root");
    const SpanRecord* child = run.span("child");
    QVERIFY(root && child);
    QVERIFY(!root->traceId.isZero());
    QCOMPARE(child->traceId, root->traceId);
    QCOMPARE(child->parentSpanId, root->spanId);
    QVERIFY(root->spanId != child->spanId);
    // Said once, not once per id.
    QCOMPARE(run.report.warnings.size(), size_t(1));
    QVERIFY(run.warning("neither hex nor base64"));
    // Stable across imports.
    const Run again = importFixture(QStringLiteral("text-ids.json"));
    QCOMPARE(again.span("root")->spanId, root->spanId);
}

void TestJaegerJsonReader::damagedSpans()
{
    const Run run = importFixture(QStringLiteral("damaged.json"));
    QCOMPARE(run.spans.size(), size_t(2));
    // Each damaged span: its line and what was wrong.
    const struct {
        const char* text;
        int64_t line;
    } expected[] = {
        { "span has no \"traceID\"; span skipped", 2 },
        { "\"traceID\" must be a string, found an object; span skipped", 3 },
        { "\"spanID\" must not be empty; span skipped", 4 },
        { "\"startTime\" must be microseconds since the epoch or an RFC 3339 time, found the string \"yesterday\"", 5 },
        { "\"duration\" must be a number of microseconds, found an object", 6 },
        { "\"spanID\" must not be zero", 7 },
        { "\"startTime\" must be a whole number of microseconds within range", 8 },
    };
    for (const auto& item : expected) {
        const ImportMessage* warning = run.warning(item.text);
        QVERIFY2(warning, QByteArray(QByteArray(item.text) + " not in:\n" + run.warningList()).constData());
        QCOMPARE(warning->position.line, item.line);
    }
    const SpanRecord* good = run.span("good");
    QVERIFY(good);
    QCOMPARE(good->attributes.size(), size_t(1));
    QCOMPARE(good->attributes[0].value, AttributeValue::fromString("!!notbase64"));
    QVERIFY(run.warning("tag \"bad-bin\" is not base64"));
    QVERIFY(run.warning("tag needs a string \"key\""));
    const SpanRecord* negative = run.span("negative");
    QVERIFY(negative);
    QCOMPARE(negative->durationNs, int64_t(0));
    QVERIFY(run.warning("\"duration\" is negative"));
}

void TestJaegerJsonReader::serverErrors()
{
    const Run failed = importFixture(QStringLiteral("envelope-error.json"));
    QVERIFY(failed.report.rejected);
    QVERIFY2(failed.report.error.message.find("trace not found (code 404)") != std::string::npos,
        failed.report.error.message.c_str());
    QVERIFY(failed.spans.empty());

    const Run partial = importFixture(QStringLiteral("envelope-partial-errors.json"));
    QVERIFY(!partial.report.rejected);
    QCOMPARE(partial.spans.size(), size_t(1));
    QVERIFY2(
        partial.warning("trace not found (code 404) for trace 0000000000000099"), partial.warningList().constData());
}

void TestJaegerJsonReader::readerAloneMatchesImport()
{
    const QStringList files = QDir(QStringLiteral(SKEIN_TEST_DATA_DIR "/jaeger")).entryList(QDir::Files);
    QVERIFY(files.size() >= 10);
    for (const QString& file : files) {
        const QByteArray data = readFile(fixture(file));
        const Run direct = readDirectly(data);
        const Run full = importData(data);
        QVERIFY2(direct.spans.size() == full.spans.size(), qPrintable(file));
        QVERIFY2(direct.report.records == full.report.records, qPrintable(file));
    }
}

void TestJaegerJsonReader::rfc3339_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: invalid

    QTest::addRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0);
    QTest::addRow("nanoseconds and offset") << "2017-01-26T16:46:31.639875139-05:00" << qint64(1485467191639875139);
    QTest::addRow("microseconds") << "2017-01-26T21:46:31.639875Z" << qint64(1485467191639875000);
    QTest::addRow("positive offset") << "2023-11-14T23:43:20+01:30" << qint64(1700000000) * 1000000000;
    QTest::addRow("lower case, no fraction") << "2023-11-14t22:13:20z" << qint64(1700000000) * 1000000000;
    QTest::addRow("more than 9 digits truncated") << "1970-01-01T00:00:01.1234567891Z" << qint64(1123456789);
    QTest::addRow("before the epoch") << "1969-12-31T23:59:59.5Z" << qint64(-500000000);
    QTest::addRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800) * 1000000000;
    QTest::addRow("no offset reads as UTC") << "1970-01-02T00:00:00" << qint64(86400) * 1000000000;
    QTest::addRow("not a leap year") << "2023-02-29T00:00:00Z" << qint64(-1);
    QTest::addRow("month 13") << "2023-13-01T00:00:00Z" << qint64(-1);
    QTest::addRow("garbage after") << "2023-01-01T00:00:00Zx" << qint64(-1);
    QTest::addRow("empty fraction") << "2023-01-01T00:00:00.Z" << qint64(-1);
    QTest::addRow("bad offset") << "2023-01-01T00:00:00+0100" << qint64(-1);
    QTest::addRow("beyond int64 nanoseconds") << "2300-01-01T00:00:00Z" << qint64(-1);
    QTest::addRow("date only") << "2023-01-01" << qint64(-1);
}

void TestJaegerJsonReader::rfc3339()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto parsed = parseRfc3339Nanoseconds(text.toStdString());
    if (expected == -1) {
        QVERIFY(!parsed);
    } else {
        QVERIFY(parsed);
        QCOMPARE(qint64(*parsed), expected);
    }
}

void TestJaegerJsonReader::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<bool>("valid");

    QTest::addRow("proto3 microseconds") << "0.000005s" << qint64(5000) << true;
    QTest::addRow("proto3 negative") << "-1.5s" << qint64(-1500000000) << true;
    QTest::addRow("go ns") << "5000ns" << qint64(5000) << true;
    QTest::addRow("go fractional ms") << "1.5ms" << qint64(1500000) << true;
    QTest::addRow("go compound") << "1h2m3.5s" << qint64(3723500000000) << true;
    QTest::addRow("go us") << "7us" << qint64(7000) << true;
    QTest::addRow("go micro sign") << QStringLiteral("7\u00B5s") << qint64(7000) << true;
    QTest::addRow("go greek mu") << QStringLiteral("7\u03BCs") << qint64(7000) << true;
    QTest::addRow("zero") << "0" << qint64(0) << true;
    QTest::addRow("fraction without whole") << ".5s" << qint64(500000000) << true;
    QTest::addRow("nanosecond precision") << "1.000000001s" << qint64(1000000001) << true;
    QTest::addRow("missing unit") << "12" << qint64(0) << false;
    QTest::addRow("unknown unit") << "3d" << qint64(0) << false;
    QTest::addRow("empty") << "" << qint64(0) << false;
    QTest::addRow("overflow") << "9999999999h" << qint64(0) << false;
    QTest::addRow("sign only") << "-" << qint64(0) << false;
}

void TestJaegerJsonReader::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    QFETCH(bool, valid);
    const auto parsed = parseDurationNanoseconds(text.toStdString());
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(qint64(*parsed), expected);
}

void TestJaegerJsonReader::corpus_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("traces");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("services");

    const QString root = QStringLiteral(SKEIN_CORPUS_DIR);
    QFile expected(root + QStringLiteral("/EXPECTED.tsv"));
    if (!expected.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    std::set<QString> seen; // EXPECTED.tsv may list a file twice
    while (!expected.atEnd()) {
        const QList<QByteArray> columns = expected.readLine().trimmed().split('\t');
        if (columns.size() < 6 || columns[2] != "import")
            continue;
        const QString path = QString::fromUtf8(columns[0]);
        if (!(path.startsWith(u"jaeger-json/") || path.startsWith(u"jaeger-api/v1/")) || !seen.insert(path).second)
            continue;
        QTest::addRow("%s", columns[0].constData())
            << root + u'/' + path << columns[3].toInt() << columns[4].toInt() << columns[5].toInt();
    }
}

void TestJaegerJsonReader::corpus()
{
    if (!QFile::exists(QStringLiteral(SKEIN_CORPUS_DIR "/EXPECTED.tsv")))
        QSKIP("the shared corpus (SKEIN_CORPUS_DIR) is not available; nothing to compare against");
    QFETCH(QString, path);
    QFETCH(int, traces);
    QFETCH(int, records);
    QFETCH(int, services);

    const QByteArray data = readFile(path);
    QVERIFY2(!data.isEmpty(), qPrintable(path));
    const Run run = readDirectly(data);
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(run.report.records, uint64_t(records));
    QCOMPARE(run.traceCount(), size_t(traces));
    QCOMPARE(run.serviceCount(), size_t(services));
    QCOMPARE(run.report.skippedRecords, uint64_t(0));
    QVERIFY(run.report.format == "jaeger-json" || run.report.format == "jaeger-model-json");
}

// Measures the reader on a generated Jaeger file (20k spans by default; SKEIN_JAEGER_BENCH_SPANS for more).
void TestJaegerJsonReader::throughput()
{
    bool ok = false;
    uint64_t spans = qEnvironmentVariableIntValue("SKEIN_JAEGER_BENCH_SPANS", &ok);
    if (!ok || spans == 0)
        spans = 20000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("demo.json"));
    DemoOptions options;
    options.spans = spans;
    QString error;
    QVERIFY2(writeDemoFile(options, DemoFormat::Jaeger, path, &error), qPrintable(error));
    const QByteArray data = readFile(path);

    QElapsedTimer timer;
    timer.start();
    CountingSink sink;
    ImportReport report;
    {
        const JsonShape shape
            = sniffJsonShape(std::string_view(data.constData(), std::min<size_t>(data.size(), 1 << 18)));
        auto source = ByteSource::fromMemory(data, QStringLiteral("demo"));
        JsonInput input(*source);
        SpanBatch batch(sink);
        JaegerJsonReader reader(batch, report, shape);
        JsonStreamParser parser;
        QVERIFY(parser.parse(input, reader, report));
        QVERIFY(batch.flush());
    }
    const double seconds = std::max<qint64>(timer.nsecsElapsed(), 1) / 1e9;
    QVERIFY2(!report.rejected, report.error.message.c_str());
    QCOMPARE(sink.count, spans);
    QCOMPARE(report.skippedRecords, uint64_t(0));
    qInfo("%llu spans, %.1f MB in %.3f s: %.0f spans/s, %.1f MB/s", static_cast<unsigned long long>(spans),
        data.size() / 1e6, seconds, double(spans) / seconds, data.size() / 1e6 / seconds);
}

QTEST_GUILESS_MAIN(TestJaegerJsonReader)
#include "tst_jaegerjsonreader.moc"
