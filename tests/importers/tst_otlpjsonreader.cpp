// SPDX-License-Identifier: MIT
#include "bytesource.h"
#include "jsoninput.h"
#include "jsonshape.h"
#include "jsonstreamparser.h"
#include "otlpjsonreader.h"
#include "readertestsupport.h"
#include "spanbatch.h"
#include "traceimporter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>
#include <set>

using namespace skein;
using testsupport::CollectingSink;

namespace {

struct Run {
    bool parsed = false;
    ImportReport report;
    std::vector<SpanRecord> spans;

    size_t traceCount() const { return testsupport::traceCount(spans); }
    size_t serviceCount() const { return testsupport::serviceCount(spans); }
    const SpanRecord* span(std::string_view name) const { return testsupport::spanNamed(spans, name); }
    bool warned(std::string_view text) const { return testsupport::warningContaining(report, text) != nullptr; }
    QByteArray warningList() const { return testsupport::warningList(report); }
};

// Drives the parser with the reader directly, as the dispatcher does, with the sniffed shape.
Run parse(const QByteArray& data, size_t pendingLimit = 0, size_t inputBuffer = 64 * 1024)
{
    Run run;
    CollectingSink sink;
    {
        SpanBatch batch(sink, 4);
        const JsonShape shape = sniffJsonShape(std::string_view(data.constData(), size_t(data.size())));
        OtlpJsonReader reader(batch, run.report, shape);
        if (pendingLimit)
            reader.setPendingLimit(pendingLimit);
        auto source = ByteSource::fromMemory(data, QStringLiteral("test"));
        JsonInput input(*source, inputBuffer);
        JsonStreamParser parser;
        run.parsed = parser.parse(input, reader, run.report);
        batch.flush();
    }
    run.spans = std::move(sink.spans);
    return run;
}

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(SKEIN_TEST_DATA_DIR "/otlp/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

Run parseFixture(const QString& name, size_t pendingLimit = 0)
{
    return parse(fixture(name), pendingLimit);
}

const AttributeValue* attribute(const Attributes& attributes, std::string_view key)
{
    for (const Attribute& attribute : attributes) {
        if (attribute.key == key)
            return &attribute.value;
    }
    return nullptr;
}

TraceId traceIdOf(std::string_view hex)
{
    return *TraceId::fromHex(hex);
}

} // namespace

class tst_OtlpJsonReader : public QObject {
    Q_OBJECT
private slots:
    void counts_data();
    void counts();
    void spanFields();
    void snakeCase();
    void legacyAndEnumNames();
    void anyValues();
    void damagedSpans();
    void spansBeforeResource();
    void pendingLimit();
    void resourceFirstStreams();
    void jsonLines();
    void apiV3();
    void apiV3Error();
    void tempoV2Partial();
    void smallInputBuffer();
    void throughImportTraces_data();
    void throughImportTraces();
    void corpus_data();
    void corpus();
    void throughput();
};

void tst_OtlpJsonReader::counts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("parsed");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("spans");
    QTest::addColumn<int>("traces");
    QTest::addColumn<int>("services");
    QTest::addColumn<int>("skippedRecords");
    QTest::addColumn<int>("skippedDocuments");
    QTest::addColumn<int>("warnings");

    QTest::addRow("compliant OTLP/JSON") << "basic.json"
                                         << "otlp-json" << true << 3 << 3 << 2 << 2 << 0 << 0 << 0;
    QTest::addRow("snake_case keys") << "snake-case.json"
                                     << "otlp-json" << true << 1 << 1 << 1 << 1 << 0 << 0 << 0;
    QTest::addRow("Tempo batches, instrumentationLibrarySpans, base64")
        << "tempo-legacy.json"
        << "otlp-json" << true << 2 << 2 << 1 << 2 << 0 << 0 << 0;
    QTest::addRow("every AnyValue kind") << "anyvalues.json"
                                         << "otlp-json" << true << 1 << 1 << 1 << 1 << 0 << 0 << 2;
    QTest::addRow("damaged spans") << "bad-values.json"
                                   << "otlp-json" << true << 11 << 7 << 2 << 1 << 4 << 0 << 14;
    QTest::addRow("spans before resource and scope") << "spans-before-resource.json"
                                                     << "otlp-json" << true << 5 << 5 << 1 << 2 << 0 << 0 << 0;
    QTest::addRow("JSON lines with metrics, logs and a broken line")
        << "lines.jsonl"
        << "otlp-jsonl" << true << 3 << 3 << 3 << 3 << 0 << 3 << 2;
    QTest::addRow("Jaeger api_v3") << "api-v3.json"
                                   << "jaeger-api-v3" << true << 2 << 2 << 1 << 1 << 0 << 0 << 0;
    QTest::addRow("Jaeger api_v3, two results") << "api-v3-stream.json"
                                                << "jaeger-api-v3" << true << 2 << 2 << 2 << 2 << 0 << 0 << 0;
    QTest::addRow("Jaeger api_v3 error") << "api-v3-error.json"
                                         << "jaeger-api-v3" << false << 0 << 0 << 0 << 0 << 0 << 0 << 0;
    QTest::addRow("Tempo v2 partial") << "tempo-v2.json"
                                      << "otlp-json" << true << 1 << 1 << 1 << 1 << 0 << 0 << 1;
    QTest::addRow("root array of TracesData") << "root-array.json"
                                              << "otlp-json" << true << 2 << 2 << 1 << 2 << 0 << 0 << 0;
    QTest::addRow("metrics only") << "metrics-only.json"
                                  << "otlp-json" << true << 0 << 0 << 0 << 0 << 0 << 1 << 0;
}

void tst_OtlpJsonReader::counts()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(bool, parsed);
    QFETCH(int, records);
    QFETCH(int, spans);
    QFETCH(int, traces);
    QFETCH(int, services);
    QFETCH(int, skippedRecords);
    QFETCH(int, skippedDocuments);
    QFETCH(int, warnings);

    const Run run = parseFixture(file);
    QCOMPARE(QString::fromStdString(run.report.format), format);
    QCOMPARE(run.parsed, parsed);
    QCOMPARE(run.report.rejected, !parsed);
    QCOMPARE(run.report.records, uint64_t(records));
    QCOMPARE(run.spans.size(), size_t(spans));
    QCOMPARE(run.traceCount(), size_t(traces));
    QCOMPARE(run.serviceCount(), size_t(services));
    QCOMPARE(run.report.skippedRecords, uint64_t(skippedRecords));
    QCOMPARE(run.report.skippedDocuments, uint64_t(skippedDocuments));
    QVERIFY2(run.report.warnings.size() == size_t(warnings), run.warningList().constData());
}

void tst_OtlpJsonReader::spanFields()
{
    const Run run = parseFixture(QStringLiteral("basic.json"));
    QCOMPARE(run.spans.size(), size_t(3));

    const SpanRecord& root = run.spans[0];
    QCOMPARE(root.name, std::string("POST /checkout"));
    QCOMPARE(root.traceId, traceIdOf("0af7651916cd43dd8448eb211c80319c"));
    QCOMPARE(root.spanId, SpanId(0xb7ad6b7169203331ull));
    QCOMPARE(root.parentSpanId, SpanId(0));
    QCOMPARE(root.traceState, std::string("congo=t61rcWkgMzE"));
    QCOMPARE(root.flags, 257u);
    QCOMPARE(root.kind, SpanKind::Server);
    QCOMPARE(root.startNs, int64_t(1700000000123456789));
    QCOMPARE(root.durationNs, int64_t(100000001));
    QCOMPARE(root.status, StatusCode::Error);
    QCOMPARE(root.statusMessage, std::string("payment declined"));
    QCOMPARE(root.serviceName, std::string("checkout"));
    QCOMPARE(root.droppedAttributes, 1u);
    QCOMPARE(root.droppedEvents, 4u);
    QCOMPARE(root.droppedLinks, 6u);
    QVERIFY(root.warnings.empty());

    QCOMPARE(root.attributes.size(), size_t(4));
    QCOMPARE(*attribute(root.attributes, "http.method"), AttributeValue::fromString("POST"));
    QCOMPARE(*attribute(root.attributes, "http.status_code"), AttributeValue::fromInt(201));
    QCOMPARE(*attribute(root.attributes, "retry"), AttributeValue::fromBool(false));
    QCOMPARE(*attribute(root.attributes, "ratio"), AttributeValue::fromDouble(0.25));

    QCOMPARE(root.events.size(), size_t(1));
    QCOMPARE(root.events[0].timeNs, int64_t(1700000000150000000));
    QCOMPARE(root.events[0].name, std::string("cache miss"));
    QCOMPARE(root.events[0].droppedAttributes, 3u);
    QCOMPARE(*attribute(root.events[0].attributes, "cache.key"), AttributeValue::fromString("cart:42"));

    QCOMPARE(root.links.size(), size_t(1));
    const SpanLink& link = root.links[0];
    QCOMPARE(link.traceId, traceIdOf("4bf92f3577b34da6a3ce929d0e0e4736"));
    QCOMPARE(link.spanId, SpanId(0x00f067aa0ba902b7ull));
    QCOMPARE(link.type, LinkType::FollowsFrom);
    QCOMPARE(link.traceState, std::string("rojo=00f067aa0ba902b7"));
    QCOMPARE(link.flags, 1u);
    QCOMPARE(link.droppedAttributes, 5u);
    QCOMPARE(*attribute(link.attributes, "link.reason"), AttributeValue::fromString("batch"));

    QVERIFY(root.resource);
    QCOMPARE(root.resource->serviceName, std::string("checkout"));
    QCOMPARE(root.resource->attributes.size(), size_t(2));
    QCOMPARE(root.resource->droppedAttributes, 2u);
    QVERIFY(root.scope);
    QCOMPARE(root.scope->name, std::string("shop.instrumentation"));
    QCOMPARE(root.scope->version, std::string("1.2.3"));
    QCOMPARE(*attribute(root.scope->attributes, "scope.flag"), AttributeValue::fromBool(true));

    const SpanRecord& child = run.spans[1];
    QCOMPARE(child.parentSpanId, SpanId(0xb7ad6b7169203331ull));
    QCOMPARE(child.kind, SpanKind::Client);
    QCOMPARE(child.startNs, int64_t(1700000000130000000)); // a JSON number beyond 2^53, exact
    QCOMPARE(child.durationNs, int64_t(70000000));
    QCOMPARE(child.status, StatusCode::Unset);
    // One resource and one scope object per block, shared by its spans.
    QCOMPARE(child.resource.get(), root.resource.get());
    QCOMPARE(child.scope.get(), root.scope.get());

    const SpanRecord& other = run.spans[2];
    QCOMPARE(other.traceId, traceIdOf("5b8efff798038103d269b633813fc60c")); // upper-case hex
    QCOMPARE(other.spanId, SpanId(0xeee19b7ec3c1b174ull));
    QCOMPARE(other.kind, SpanKind::Internal);
    QCOMPARE(other.serviceName, std::string("payments"));
    QVERIFY(other.resource.get() != root.resource.get());
}

void tst_OtlpJsonReader::snakeCase()
{
    const Run run = parseFixture(QStringLiteral("snake-case.json"));
    QCOMPARE(run.spans.size(), size_t(1));
    const SpanRecord& span = run.spans[0];
    QCOMPARE(span.serviceName, std::string("snake"));
    QCOMPARE(span.parentSpanId, SpanId(0xeee19b7ec3c1b173ull));
    QCOMPARE(span.kind, SpanKind::Consumer);
    QCOMPARE(span.status, StatusCode::Ok);
    QCOMPARE(span.startNs, int64_t(1544712660000000000));
    QCOMPARE(span.durationNs, int64_t(1000000000));
    QCOMPARE(span.droppedAttributes, 1u);
    QCOMPARE(*attribute(span.attributes, "n"), AttributeValue::fromInt(7));
    QVERIFY(span.scope);
    QCOMPARE(span.scope->name, std::string("lib"));
}

void tst_OtlpJsonReader::legacyAndEnumNames()
{
    const Run run = parseFixture(QStringLiteral("tempo-legacy.json"));
    QCOMPARE(run.spans.size(), size_t(2));
    const SpanRecord& server = run.spans[0];
    QCOMPARE(server.traceId, traceIdOf("0af7651916cd43dd8448eb211c80319c")); // base64
    QCOMPARE(server.spanId, SpanId(0xb7ad6b7169203331ull));
    QCOMPARE(server.kind, SpanKind::Server);
    QCOMPARE(server.status, StatusCode::Error);
    QCOMPARE(server.serviceName, std::string("lb"));
    QVERIFY(server.scope);
    QCOMPARE(server.scope->name, std::string("legacy-lib"));
    QCOMPARE(server.scope->version, std::string("0.1"));

    const SpanRecord& client = run.spans[1];
    QCOMPARE(client.parentSpanId, SpanId(0xb7ad6b7169203331ull));
    QCOMPARE(client.spanId, SpanId(0xc7ad6b7169203332ull));
    QCOMPARE(client.kind, SpanKind::Client);
    QCOMPARE(client.status, StatusCode::Ok);
    QCOMPARE(client.serviceName, std::string("db"));
    QVERIFY(!client.scope); // "scope": {} says nothing
}

void tst_OtlpJsonReader::anyValues()
{
    const Run run = parseFixture(QStringLiteral("anyvalues.json"));
    QCOMPARE(run.spans.size(), size_t(1));
    const SpanRecord& span = run.spans[0];
    QCOMPARE(span.startNs, std::numeric_limits<int64_t>::max() - 1);
    QCOMPARE(span.durationNs, int64_t(1));

    const Attributes& attributes = span.attributes;
    QCOMPARE(attributes.size(), size_t(15));
    QCOMPARE(*attribute(attributes, "s"), AttributeValue::fromString("x"));
    QCOMPARE(*attribute(attributes, "i.min"), AttributeValue::fromInt(std::numeric_limits<int64_t>::min()));
    QCOMPARE(*attribute(attributes, "i.max"), AttributeValue::fromInt(std::numeric_limits<int64_t>::max()));
    QCOMPARE(*attribute(attributes, "i.num"), AttributeValue::fromInt(42));
    QCOMPARE(attribute(attributes, "d.nan")->type, AttributeValue::Type::Double);
    QVERIFY(std::isnan(attribute(attributes, "d.nan")->doubleValue));
    QCOMPARE(attribute(attributes, "d.inf")->doubleValue, std::numeric_limits<double>::infinity());
    QCOMPARE(attribute(attributes, "d.neginf")->doubleValue, -std::numeric_limits<double>::infinity());
    QCOMPARE(*attribute(attributes, "d.int"), AttributeValue::fromDouble(3));
    QCOMPARE(*attribute(attributes, "b"), AttributeValue::fromBytes(std::string("\x01\x02\x03\xff", 4)));
    QCOMPARE(attribute(attributes, "empty")->type, AttributeValue::Type::Empty);

    AttributeValue inner;
    inner.type = AttributeValue::Type::Array;
    inner.array = { AttributeValue::fromBool(true) };
    AttributeValue list;
    list.type = AttributeValue::Type::KeyValueList;
    list.keyValues = { { "k", AttributeValue::fromDouble(1.5) } };
    AttributeValue array;
    array.type = AttributeValue::Type::Array;
    array.array = { AttributeValue::fromString("a"), AttributeValue::fromInt(1), inner, list };
    QCOMPARE(*attribute(attributes, "arr"), array);

    const AttributeValue& map = *attribute(attributes, "map");
    QCOMPARE(map.type, AttributeValue::Type::KeyValueList);
    QCOMPARE(map.keyValues.size(), size_t(2));
    QCOMPARE(map.keyValues[0].key, std::string("inner"));
    QCOMPARE(map.keyValues[0].value.type, AttributeValue::Type::KeyValueList);
    QCOMPARE(map.keyValues[0].value.keyValues.at(0).key, std::string("deep"));
    QCOMPARE(map.keyValues[0].value.keyValues.at(0).value, AttributeValue::fromString("v"));
    QCOMPARE(map.keyValues[1].value.type, AttributeValue::Type::Array);
    QVERIFY(map.keyValues[1].value.array.empty());

    // Unknown AnyValue keys and unparsable values are kept (empty / as text) with a warning.
    QCOMPARE(attribute(attributes, "weird")->type, AttributeValue::Type::Empty);
    QCOMPARE(attribute(attributes, "noval")->type, AttributeValue::Type::Empty);
    QCOMPARE(*attribute(attributes, "i.bad"), AttributeValue::fromString("12abc"));
    QVERIFY(run.warned("attribute \"weird\": unknown value type \"anyValue\""));
    QVERIFY(run.warned("attribute \"i.bad\": \"intValue\" must be a 64-bit integer, found the string \"12abc\""));
    QCOMPARE(span.warnings.size(), size_t(2));
}

void tst_OtlpJsonReader::damagedSpans()
{
    const Run run = parseFixture(QStringLiteral("bad-values.json"));
    QVERIFY(run.warned("span \"invalid trace id\": \"traceId\" must be 32 hex digits or the base64 of 16 bytes, "
                       "found the string \"zzz\"; the span was skipped"));
    QVERIFY(run.warned("span \"zero trace id\": \"traceId\" is all zeros"));
    QVERIFY(run.warned("span \"no span id\" has no \"spanId\"; it was kept with the all-zero id"));
    QVERIFY(run.span("no span id"));
    QCOMPARE(run.span("no span id")->spanId, SpanId(0));
    QVERIFY(run.warned("span \"zero span id\": \"spanId\" is all zeros"));
    QVERIFY(run.warned("a span must be an object, found the number 42"));
    QVERIFY(!run.span("invalid trace id"));
    QVERIFY(!run.span("zero span id"));

    const SpanRecord* badParent = run.span("bad parent");
    QVERIFY(badParent);
    QCOMPARE(badParent->parentSpanId, SpanId(0));
    QCOMPARE(badParent->warnings.size(), size_t(1));
    QVERIFY(run.warned("span \"bad parent\": \"parentSpanId\" must be 16 hex digits or the base64 of 8 bytes, found "
                       "the string \"not-hex!\"; the parent was dropped"));

    const SpanRecord* backwards = run.span("ends before start");
    QVERIFY(backwards);
    QCOMPARE(backwards->startNs, int64_t(5000));
    QCOMPARE(backwards->durationNs, int64_t(0));
    QVERIFY(run.warned("span \"ends before start\": it ends (4000) before it starts (5000)"));

    const SpanRecord* timeless = run.span("no times");
    QVERIFY(timeless);
    QCOMPARE(timeless->startNs, int64_t(0));
    QCOMPARE(timeless->durationNs, int64_t(0));

    const SpanRecord* negative = run.span("negative counts");
    QVERIFY(negative);
    QCOMPARE(negative->droppedAttributes, 0u);
    QCOMPARE(negative->droppedEvents, 0u);
    QCOMPARE(negative->events.at(0).droppedAttributes, 0u);
    QVERIFY(run.warned("\"droppedAttributesCount\" must not be negative, found the number -1; read as 0"));

    const SpanRecord* bogus = run.span("bogus kind");
    QVERIFY(bogus);
    QCOMPARE(bogus->kind, SpanKind::Unspecified);
    QVERIFY(run.warned("found the string \"SPAN_KIND_BOGUS\""));

    // The old grpc-gateway wrote times beyond int64; the span is kept, its times are not.
    const SpanRecord* beyond = run.span("beyond int64");
    QVERIFY(beyond);
    QCOMPARE(beyond->traceId, (TraceId { 0x96, 0xa0 }));
    QCOMPARE(beyond->spanId, SpanId(0xb4));
    QCOMPARE(beyond->startNs, int64_t(0));
    QVERIFY(run.warned("\"startTimeUnixNano\" (the string \"11651379494838206464\") is beyond the year 2262"));

    for (const ImportMessage& warning : run.report.warnings)
        QVERIFY2(warning.position.line > 0, warning.message.c_str());
}

void tst_OtlpJsonReader::spansBeforeResource()
{
    const Run run = parseFixture(QStringLiteral("spans-before-resource.json"));
    QCOMPARE(run.spans.size(), size_t(5));
    const char* names[] = { "A", "B", "C", "D", "E" };
    for (size_t i = 0; i < 5; ++i)
        QCOMPARE(run.spans[i].name, std::string(names[i])); // document order is kept

    QCOMPARE(run.spans[0].serviceName, std::string("late-service"));
    QCOMPARE(run.spans[0].scope->name, std::string("late-scope"));
    QCOMPARE(run.spans[1].serviceName, std::string("late-service"));
    QCOMPARE(run.spans[1].scope->name, std::string("early-scope"));
    QCOMPARE(run.spans[2].serviceName, std::string("late-service"));
    QVERIFY(!run.spans[2].scope);
    QCOMPARE(run.spans[0].resource.get(), run.spans[2].resource.get());
    QCOMPARE(run.spans[3].serviceName, std::string("early-service"));
    QCOMPARE(run.spans[3].scope->name, std::string("s2"));
    // No resource at all: an empty one, so that every span has a resource.
    QVERIFY(run.spans[4].resource);
    QCOMPARE(run.spans[4].serviceName, std::string());
    QCOMPARE(run.spans[4].scope->name, std::string("s3"));
}

void tst_OtlpJsonReader::pendingLimit()
{
    // Two spans may wait: the first block's three spans before its resource overflow that.
    const Run run = parseFixture(QStringLiteral("spans-before-resource.json"), 2);
    QCOMPARE(run.spans.size(), size_t(5));
    QCOMPARE(run.spans[0].serviceName, std::string());
    QCOMPARE(run.spans[1].serviceName, std::string());
    QVERIFY(run.spans[0].resource);
    QCOMPARE(run.spans[3].serviceName, std::string("early-service"));
    QVERIFY(run.warned("spans came before the \"resource\" of their resourceSpans element"));
}

void tst_OtlpJsonReader::resourceFirstStreams()
{
    // With the resource and scope before the spans nothing waits: a limit of one would warn otherwise.
    for (const char* file : { "basic.json", "api-v3.json", "tempo-legacy.json", "lines.jsonl" }) {
        const Run run = parseFixture(QString::fromLatin1(file), 1);
        QVERIFY2(!run.warned("spans came before"), file);
        QVERIFY(!run.spans.empty());
    }
    const Run late = parseFixture(QStringLiteral("spans-before-resource.json"), 1);
    QVERIFY(late.warned("spans came before"));
}

void tst_OtlpJsonReader::jsonLines()
{
    const Run run = parseFixture(QStringLiteral("lines.jsonl"));
    QVERIFY(run.parsed);
    QCOMPARE(run.spans.size(), size_t(3));
    QCOMPARE(run.spans[0].name, std::string("first"));
    QCOMPARE(run.spans[1].name, std::string("before the break")); // read before the syntax error
    QCOMPARE(run.spans[1].serviceName, std::string("c"));
    QCOMPARE(run.spans[2].name, std::string("second"));
    QCOMPARE(run.report.skippedDocuments, uint64_t(3));
    QVERIFY(run.warned("line 3 skipped: invalid JSON"));
    QVERIFY(run.warned("JSON document 6 holds no \"resourceSpans\""));
}

void tst_OtlpJsonReader::apiV3()
{
    const Run run = parseFixture(QStringLiteral("api-v3-stream.json"));
    QCOMPARE(run.spans.size(), size_t(2));
    QCOMPARE(run.spans[0].traceId, (TraceId { 0x96, 0xa0 }));
    QCOMPARE(run.spans[0].spanId, SpanId(0xb4));
    QCOMPARE(run.spans[0].durationNs, int64_t(2000));
    QCOMPARE(run.spans[0].serviceName, std::string("first"));
    QCOMPARE(run.spans[1].traceId, (TraceId { 0x96, 0xa1 }));
    QCOMPARE(run.spans[1].serviceName, std::string("second"));
}

void tst_OtlpJsonReader::apiV3Error()
{
    const Run run = parseFixture(QStringLiteral("api-v3-error.json"));
    QVERIFY(run.report.rejected);
    QCOMPARE(run.report.error.message,
        std::string("the server answered with an error: No traces found (HTTP 404 Not Found)"));
    QCOMPARE(run.report.error.position.line, int64_t(1));

    // An error after results keeps the spans read before it.
    QByteArray stream = fixture(QStringLiteral("api-v3.json")) + fixture(QStringLiteral("api-v3-error.json"));
    const Run late = parse(stream);
    QVERIFY(!late.report.rejected);
    QCOMPARE(late.spans.size(), size_t(2));
    QVERIFY(late.warned("No traces found (HTTP 404 Not Found); the spans before it were kept"));
}

void tst_OtlpJsonReader::tempoV2Partial()
{
    const Run run = parseFixture(QStringLiteral("tempo-v2.json"));
    QCOMPARE(run.spans.size(), size_t(1));
    QCOMPARE(run.spans[0].kind, SpanKind::Internal);
    QCOMPARE(run.spans[0].serviceName, std::string("tempo-svc"));
    QVERIFY(run.warned("Tempo answered with a partial trace: trace exceeds max size"));
}

void tst_OtlpJsonReader::smallInputBuffer()
{
    // Refills inside every token must not change anything.
    const QByteArray data = fixture(QStringLiteral("basic.json"));
    const Run small = parse(data, 0, 7);
    const Run normal = parse(data);
    QCOMPARE(small.spans.size(), normal.spans.size());
    for (size_t i = 0; i < small.spans.size(); ++i) {
        QCOMPARE(small.spans[i].name, normal.spans[i].name);
        QCOMPARE(small.spans[i].attributes, normal.spans[i].attributes);
        QCOMPARE(small.spans[i].startNs, normal.spans[i].startNs);
    }
}

void tst_OtlpJsonReader::throughImportTraces_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("spans");
    QTest::addColumn<bool>("rejected");
    QTest::addRow("OTLP JSON") << "basic.json"
                               << "otlp-json" << 3 << false;
    QTest::addRow("snake_case") << "snake-case.json"
                                << "otlp-json" << 1 << false;
    QTest::addRow("Tempo batches") << "tempo-legacy.json"
                                   << "otlp-json" << 2 << false;
    QTest::addRow("JSON lines") << "lines.jsonl"
                                << "otlp-jsonl" << 3 << false;
    QTest::addRow("api_v3") << "api-v3.json"
                            << "jaeger-api-v3" << 2 << false;
    QTest::addRow("api_v3 stream") << "api-v3-stream.json"
                                   << "jaeger-api-v3" << 2 << false;
    QTest::addRow("api_v3 error") << "api-v3-error.json"
                                  << "jaeger-api-v3" << 0 << true;
    QTest::addRow("Tempo v2") << "tempo-v2.json"
                              << "otlp-json" << 1 << false;
    QTest::addRow("root array") << "root-array.json"
                                << "otlp-json" << 2 << false;
}

void tst_OtlpJsonReader::throughImportTraces()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, spans);
    QFETCH(bool, rejected);
    CollectingSink sink;
    ImportReport report;
    auto source = ByteSource::fromMemory(fixture(file), file);
    importTraces(*source, sink, report);
    QCOMPARE(QString::fromStdString(report.format), format);
    QCOMPARE(report.rejected, rejected);
    QCOMPARE(sink.spans.size(), size_t(spans));
}

void tst_OtlpJsonReader::corpus_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expect");
    QTest::addColumn<int>("traces");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("services");

    QFile table(QStringLiteral(SKEIN_CORPUS_DIR "/EXPECTED.tsv"));
    if (!table.open(QIODevice::ReadOnly)) {
        QTest::newRow("corpus absent") << QString() << QString() << 0 << 0 << 0;
        return;
    }
    while (!table.atEnd()) {
        const QStringList fields = QString::fromUtf8(table.readLine()).trimmed().split(u'\t');
        if (fields.size() < 6)
            continue;
        const QString& path = fields[0];
        if (!path.startsWith(u"otlp-json/") && !path.startsWith(u"jaeger-api/v3/"))
            continue;
        const QString& expect = fields[2];
        if (expect != u"import" && expect != u"either")
            continue;
        QTest::newRow(path.toUtf8().constData())
            << path << expect << fields[3].toInt() << fields[4].toInt() << fields[5].toInt();
    }
}

void tst_OtlpJsonReader::corpus()
{
    QFETCH(QString, path);
    QFETCH(QString, expect);
    QFETCH(int, traces);
    QFETCH(int, records);
    QFETCH(int, services);
    if (path.isEmpty())
        QSKIP("the shared corpus is absent (" SKEIN_CORPUS_DIR "/EXPECTED.tsv not found)");

    QFile file(QStringLiteral(SKEIN_CORPUS_DIR "/") + path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const Run run = parse(file.readAll());
    if (expect == u"either")
        return; // read or refused, without crashing
    QVERIFY2(run.parsed && !run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(run.report.records, uint64_t(records));
    QCOMPARE(run.spans.size(), size_t(records));
    QCOMPARE(run.traceCount(), size_t(traces));
    QCOMPARE(run.serviceCount(), size_t(services));
}

void tst_OtlpJsonReader::throughput()
{
    // A synthetic 20k-span file keeps this quick; the benchmark measures the big numbers.
    const QByteArray span
        = R"({"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"%1","parentSpanId":"b7ad6b7169203331",)"
          R"("name":"GET /api/items","kind":2,"startTimeUnixNano":"1700000000123456789",)"
          R"("endTimeUnixNano":"1700000000223456789","attributes":[{"key":"http.method","value":)"
          R"({"stringValue":"GET"}},{"key":"http.status_code","value":{"intValue":"200"}}],)"
          R"("status":{"code":1}})";
    QByteArray data = R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":)"
                      R"({"stringValue":"svc"}}]},"scopeSpans":[{"scope":{"name":"s"},"spans":[)";
    constexpr int count = 20000;
    for (int i = 0; i < count; ++i) {
        if (i)
            data += ',';
        data += QByteArray(span).replace("%1", QByteArray::number(i + 1, 16).rightJustified(16, '0'));
    }
    data += "]}]}]}";
    QElapsedTimer timer;
    timer.start();
    const Run run = parse(data);
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    QCOMPARE(run.spans.size(), size_t(count));
    qInfo("%d spans in %lld ms (%lld spans/s, %lld MiB/s)", count, ms, count * 1000LL / ms,
        (data.size() * 1000LL / ms) >> 20);
}

QTEST_GUILESS_MAIN(tst_OtlpJsonReader)
#include "tst_otlpjsonreader.moc"
