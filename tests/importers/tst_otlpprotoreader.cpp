// SPDX-License-Identifier: MIT
#include "bytesource.h"
#include "demogenerator.h"
#include "otlpprotoreader.h"
#include "otlpprotowriter.h"
#include "proto/trace.pb.h"
#include "proto/trace_service.pb.h"
#include "readertestsupport.h"
#include "traceimporter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/resource.h>
#include <zlib.h>
#include <zstd.h>

#include <cmath>
#include <limits>
#include <set>

using namespace skein;
using testsupport::CollectingSink;

namespace {

class FailingSink : public SpanSink {
public:
    bool addSpans(std::vector<SpanRecord>&) override { return false; }
    std::string errorMessage() const override { return "disk full"; }
};

struct Run {
    ImportReport report;
    std::vector<SpanRecord> spans;

    size_t traceCount() const { return testsupport::traceCount(spans); }
    size_t serviceCount() const { return testsupport::serviceCount(spans); }
    const SpanRecord* span(std::string_view name) const { return testsupport::spanNamed(spans, name); }
    const ImportMessage* warning(std::string_view text) const { return testsupport::warningContaining(report, text); }
    QByteArray warningList() const { return testsupport::warningList(report, true); }
};

// Through the dispatcher, as every caller does: sniffing, then the reader.
Run importBytes(const QByteArray& data)
{
    Run run;
    CollectingSink sink;
    auto source = ByteSource::fromMemory(data, QStringLiteral("test"));
    importTraces(*source, sink, run.report);
    run.spans = std::move(sink.spans);
    return run;
}

Run readDirectly(const QByteArray& data, const OtlpProtoOptions& options)
{
    Run run;
    CollectingSink sink;
    auto source = ByteSource::fromMemory(data, QStringLiteral("test"));
    importOtlpProtobuf(*source, sink, run.report, options);
    run.spans = std::move(sink.spans);
    return run;
}

QByteArray bytes(const std::string& text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray serialized(const google::protobuf::MessageLite& message)
{
    return bytes(message.SerializeAsString());
}

QByteArray varint(uint64_t value)
{
    QByteArray out;
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
    return out;
}

// A length-delimited field written by hand, for lengths the generated code would never write.
QByteArray field(uint32_t number, const QByteArray& payload, uint64_t declaredLength)
{
    return varint(uint64_t(number) << 3 | 2) + varint(declaredLength) + payload;
}

QByteArray field(uint32_t number, const QByteArray& payload)
{
    return field(number, payload, uint64_t(payload.size()));
}

QByteArray gzipped(const QByteArray& data)
{
    z_stream stream {};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray zstdCompressed(const QByteArray& data)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), '\0');
    out.resize(qsizetype(ZSTD_compress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()), 3)));
    return out;
}

// Hands out data, then fails (or raises the cancel flag) once failAt bytes were read.
class FailingRaw : public ByteSource::Raw {
public:
    FailingRaw(QByteArray data, qsizetype failAt, std::atomic<bool>* cancel)
        : m_data(std::move(data))
        , m_failAt(failAt)
        , m_cancel(cancel)
    {
    }
    int64_t read(char* buffer, int64_t size, QString* error) override
    {
        if (m_pos >= m_failAt) {
            if (m_cancel) {
                m_cancel->store(true);
            } else {
                *error = QStringLiteral("the disk went away");
                return -1;
            }
        }
        const qsizetype count = std::min<qsizetype>(qsizetype(size), m_data.size() - m_pos);
        memcpy(buffer, m_data.constData() + m_pos, size_t(count));
        m_pos += count;
        return count;
    }

private:
    QByteArray m_data;
    qsizetype m_pos = 0;
    qsizetype m_failAt;
    std::atomic<bool>* m_cancel;
};

QByteArray lengthPrefixed(const QByteArray& message)
{
    const auto size = uint32_t(message.size());
    QByteArray out;
    for (int shift = 24; shift >= 0; shift -= 8)
        out.append(char((size >> shift) & 0xff));
    return out + message;
}

std::string traceIdBytes(uint8_t seed)
{
    std::string id(16, '\0');
    for (size_t i = 0; i < id.size(); ++i)
        id[i] = char(seed + i);
    return id;
}

std::string spanIdBytes(uint64_t id)
{
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i, id >>= 8)
        out[size_t(i)] = char(id & 0xff);
    return out;
}

void setResource(otlp::ResourceSpans& resourceSpans, const std::string& service)
{
    otlp::KeyValue& name = *resourceSpans.mutable_resource()->add_attributes();
    name.set_key("service.name");
    name.mutable_value()->set_string_value(service);
}

// One ResourceSpans of service with one span per name, in trace seed.
otlp::ResourceSpans simpleResourceSpans(
    const std::string& service, std::initializer_list<std::string> names, uint8_t seed = 1)
{
    otlp::ResourceSpans resourceSpans;
    setResource(resourceSpans, service);
    otlp::ScopeSpans& scopeSpans = *resourceSpans.add_scope_spans();
    scopeSpans.mutable_scope()->set_name("test-scope");
    uint64_t id = 0x100;
    for (const std::string& name : names) {
        otlp::Span& span = *scopeSpans.add_spans();
        span.set_trace_id(traceIdBytes(seed));
        span.set_span_id(spanIdBytes(++id));
        span.set_name(name);
        span.set_start_time_unix_nano(1700000000000000000ull);
        span.set_end_time_unix_nano(1700000000000001000ull);
    }
    return resourceSpans;
}

QByteArray request(std::initializer_list<otlp::ResourceSpans> resourceSpans)
{
    otlp::TracesData data;
    for (const otlp::ResourceSpans& entry : resourceSpans)
        *data.add_resource_spans() = entry;
    return serialized(data);
}

const AttributeValue* attribute(const Attributes& attributes, std::string_view key)
{
    for (const Attribute& attribute : attributes) {
        if (attribute.key == key)
            return &attribute.value;
    }
    return nullptr;
}

void addKeyValue(google::protobuf::RepeatedPtrField<otlp::KeyValue>& out, const std::string& key,
    const std::function<void(otlp::AnyValue&)>& set)
{
    otlp::KeyValue& keyValue = *out.Add();
    keyValue.set_key(key);
    set(*keyValue.mutable_value());
}

// A span that uses every field and every AnyValue type, nested ones included.
otlp::TracesData everyFieldRequest()
{
    otlp::TracesData data;
    otlp::ResourceSpans& resourceSpans = *data.add_resource_spans();
    otlp::Resource& resource = *resourceSpans.mutable_resource();
    addKeyValue(*resource.mutable_attributes(), "service.name", [](auto& v) { v.set_string_value("checkout"); });
    addKeyValue(*resource.mutable_attributes(), "host.cores", [](auto& v) { v.set_int_value(8); });
    resource.set_dropped_attributes_count(3);
    resourceSpans.set_schema_url("https://opentelemetry.io/schemas/1.21.0");
    otlp::ScopeSpans& scopeSpans = *resourceSpans.add_scope_spans();
    otlp::InstrumentationScope& scope = *scopeSpans.mutable_scope();
    scope.set_name("io.opentelemetry.http");
    scope.set_version("1.2.3");
    addKeyValue(*scope.mutable_attributes(), "scope.flag", [](auto& v) { v.set_bool_value(true); });
    scope.set_dropped_attributes_count(1);

    otlp::Span& span = *scopeSpans.add_spans();
    span.set_trace_id(traceIdBytes(0xa0));
    span.set_span_id(spanIdBytes(0x1122334455667788ull));
    span.set_parent_span_id(spanIdBytes(0x0102030405060708ull));
    span.set_trace_state("vendor=abc,other=1");
    span.set_name("POST /cart");
    span.set_kind(otlp::Span::SPAN_KIND_SERVER);
    // Above 2^53: any detour through double would change these.
    span.set_start_time_unix_nano(1700000000123456789ull);
    span.set_end_time_unix_nano(1700000000987654321ull);
    auto& attributes = *span.mutable_attributes();
    addKeyValue(attributes, "s", [](auto& v) { v.set_string_value("text \xc3\xa9"); });
    addKeyValue(attributes, "b", [](auto& v) { v.set_bool_value(true); });
    addKeyValue(attributes, "i", [](auto& v) { v.set_int_value(std::numeric_limits<int64_t>::min()); });
    addKeyValue(attributes, "d", [](auto& v) { v.set_double_value(-2.5e-300); });
    addKeyValue(attributes, "bytes", [](auto& v) { v.set_bytes_value(std::string("\x00\xff\x10", 3)); });
    addKeyValue(attributes, "empty", [](auto&) {});
    addKeyValue(attributes, "array", [](otlp::AnyValue& v) {
        auto& values = *v.mutable_array_value()->mutable_values();
        values.Add()->set_int_value(1);
        values.Add()->set_string_value("two");
        auto& inner = *values.Add()->mutable_array_value()->mutable_values();
        inner.Add()->set_double_value(3.5);
    });
    addKeyValue(attributes, "map", [](otlp::AnyValue& v) {
        auto& values = *v.mutable_kvlist_value()->mutable_values();
        addKeyValue(values, "k1", [](auto& inner) { inner.set_string_value("v1"); });
        addKeyValue(values, "nested", [](otlp::AnyValue& inner) {
            addKeyValue(*inner.mutable_kvlist_value()->mutable_values(), "deep",
                [](auto& deepest) { deepest.set_bool_value(false); });
        });
    });
    span.set_dropped_attributes_count(4);
    otlp::Span::Event& event = *span.add_events();
    event.set_time_unix_nano(1700000000500000001ull);
    event.set_name("exception");
    addKeyValue(*event.mutable_attributes(), "exception.type", [](auto& v) { v.set_string_value("IOError"); });
    event.set_dropped_attributes_count(5);
    span.set_dropped_events_count(6);
    otlp::Span::Link& link = *span.add_links();
    link.set_trace_id(traceIdBytes(0xb0));
    link.set_span_id(spanIdBytes(0xaabbccddeeff0011ull));
    link.set_trace_state("linked=1");
    addKeyValue(*link.mutable_attributes(), "link.reason", [](auto& v) { v.set_string_value("retry"); });
    link.set_dropped_attributes_count(7);
    link.set_flags(0x301);
    span.set_dropped_links_count(8);
    span.mutable_status()->set_code(otlp::Status::STATUS_CODE_ERROR);
    span.mutable_status()->set_message("boom");
    span.set_flags(0x101);
    return data;
}

void checkEveryField(const Run& run)
{
    QCOMPARE(run.spans.size(), size_t(1));
    const SpanRecord& span = run.spans.front();
    QCOMPARE(span.traceId.toHex(), std::string("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
    QCOMPARE(span.spanId, SpanId(0x1122334455667788ull));
    QCOMPARE(span.parentSpanId, SpanId(0x0102030405060708ull));
    QCOMPARE(span.traceState, std::string("vendor=abc,other=1"));
    QCOMPARE(span.name, std::string("POST /cart"));
    QCOMPARE(span.serviceName, std::string("checkout"));
    QCOMPARE(span.kind, SpanKind::Server);
    QCOMPARE(span.startNs, int64_t(1700000000123456789ll));
    QCOMPARE(span.durationNs, int64_t(987654321ll - 123456789ll));
    QCOMPARE(span.status, StatusCode::Error);
    QCOMPARE(span.statusMessage, std::string("boom"));
    QCOMPARE(span.flags, uint32_t(0x101));
    QCOMPARE(span.droppedAttributes, uint32_t(4));
    QCOMPARE(span.droppedEvents, uint32_t(6));
    QCOMPARE(span.droppedLinks, uint32_t(8));
    QVERIFY(span.warnings.empty());

    using Type = AttributeValue::Type;
    QCOMPARE(span.attributes.size(), size_t(8));
    QCOMPARE(attribute(span.attributes, "s")->text, std::string("text \xc3\xa9"));
    QCOMPARE(attribute(span.attributes, "b")->type, Type::Bool);
    QVERIFY(attribute(span.attributes, "b")->boolValue);
    QCOMPARE(attribute(span.attributes, "i")->intValue, std::numeric_limits<int64_t>::min());
    QCOMPARE(attribute(span.attributes, "d")->doubleValue, -2.5e-300);
    QCOMPARE(attribute(span.attributes, "bytes")->type, Type::Bytes);
    QCOMPARE(attribute(span.attributes, "bytes")->text, std::string("\x00\xff\x10", 3));
    QCOMPARE(attribute(span.attributes, "empty")->type, Type::Empty);
    const AttributeValue& array = *attribute(span.attributes, "array");
    QCOMPARE(array.type, Type::Array);
    QCOMPARE(array.array.size(), size_t(3));
    QCOMPARE(array.array[0].intValue, int64_t(1));
    QCOMPARE(array.array[1].text, std::string("two"));
    QCOMPARE(array.array[2].type, Type::Array);
    QCOMPARE(array.array[2].array.at(0).doubleValue, 3.5);
    const AttributeValue& map = *attribute(span.attributes, "map");
    QCOMPARE(map.type, Type::KeyValueList);
    QCOMPARE(attribute(map.keyValues, "k1")->text, std::string("v1"));
    const AttributeValue& nested = *attribute(map.keyValues, "nested");
    QCOMPARE(nested.type, Type::KeyValueList);
    QCOMPARE(attribute(nested.keyValues, "deep")->type, Type::Bool);
    QVERIFY(!attribute(nested.keyValues, "deep")->boolValue);

    QCOMPARE(span.events.size(), size_t(1));
    QCOMPARE(span.events[0].timeNs, int64_t(1700000000500000001ll));
    QCOMPARE(span.events[0].name, std::string("exception"));
    QCOMPARE(attribute(span.events[0].attributes, "exception.type")->text, std::string("IOError"));
    QCOMPARE(span.events[0].droppedAttributes, uint32_t(5));
    QCOMPARE(span.links.size(), size_t(1));
    QCOMPARE(span.links[0].traceId.toHex(), std::string("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf"));
    QCOMPARE(span.links[0].spanId, SpanId(0xaabbccddeeff0011ull));
    QCOMPARE(span.links[0].type, LinkType::FollowsFrom);
    QCOMPARE(span.links[0].traceState, std::string("linked=1"));
    QCOMPARE(attribute(span.links[0].attributes, "link.reason")->text, std::string("retry"));
    QCOMPARE(span.links[0].droppedAttributes, uint32_t(7));
    QCOMPARE(span.links[0].flags, uint32_t(0x301));

    QVERIFY(span.resource);
    QCOMPARE(span.resource->serviceName, std::string("checkout"));
    QCOMPARE(span.resource->attributes.size(), size_t(2));
    QCOMPARE(attribute(span.resource->attributes, "host.cores")->intValue, int64_t(8));
    QCOMPARE(span.resource->droppedAttributes, uint32_t(3));
    QVERIFY(span.scope);
    QCOMPARE(span.scope->name, std::string("io.opentelemetry.http"));
    QCOMPARE(span.scope->version, std::string("1.2.3"));
    QVERIFY(attribute(span.scope->attributes, "scope.flag")->boolValue);
    QCOMPARE(span.scope->droppedAttributes, uint32_t(1));
}

// Field by field, so that a failure names the field.
void compareSpans(const SpanRecord& actual, const SpanRecord& expected)
{
    QCOMPARE(actual.traceId, expected.traceId);
    QCOMPARE(actual.spanId, expected.spanId);
    QCOMPARE(actual.parentSpanId, expected.parentSpanId);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.serviceName, expected.serviceName);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.startNs, expected.startNs);
    QCOMPARE(actual.durationNs, expected.durationNs);
    QCOMPARE(actual.status, expected.status);
    QCOMPARE(actual.statusMessage, expected.statusMessage);
    QCOMPARE(actual.flags, expected.flags);
    QCOMPARE(actual.traceState, expected.traceState);
    QVERIFY(actual.attributes == expected.attributes);
    QVERIFY(actual.events == expected.events);
    QVERIFY(actual.links == expected.links);
    QCOMPARE(actual.droppedAttributes, expected.droppedAttributes);
    QCOMPARE(actual.droppedEvents, expected.droppedEvents);
    QCOMPARE(actual.droppedLinks, expected.droppedLinks);
    QCOMPARE(bool(actual.resource), bool(expected.resource));
    if (expected.resource)
        QVERIFY(*actual.resource == *expected.resource);
    QCOMPARE(bool(actual.scope), bool(expected.scope));
    if (expected.scope)
        QVERIFY(*actual.scope == *expected.scope);
}

QByteArray writeTraces(const std::vector<std::vector<SpanRecord>>& traces, OtlpProtoWriter::Layout layout)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    OtlpProtoWriter writer(buffer, layout);
    bool ok = writer.begin();
    for (const auto& trace : traces)
        ok = ok && writer.writeTrace(trace);
    ok = ok && writer.finish();
    if (!ok)
        qFatal("writing failed: %s", qPrintable(writer.errorMessage()));
    return out;
}

long peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

QString corpusDir()
{
    return QDir::cleanPath(QStringLiteral(SKEIN_CORPUS_DIR));
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class tst_OtlpProtoReader : public QObject {
    Q_OBJECT
private slots:
    // First, while the peak RSS of the process is still low.
    void hostileLengthsStayBounded();
    void everyField_data();
    void everyField();
    void writerRoundTrip_data();
    void writerRoundTrip();
    void demoRoundTrip_data();
    void demoRoundTrip();
    void ids_data();
    void ids();
    void otherSpanProblems_data();
    void otherSpanProblems();
    void structure_data();
    void structure();
    void damaged_data();
    void damaged();
    void oversizedSpanIsSkipped();
    void sinkFailureRejects();
    void sourceProblems_data();
    void sourceProblems();
    void spansBeforeTheirResourceAndScope_data();
    void spansBeforeTheirResourceAndScope();
    void corpus_data();
    void corpus();
    void sameAsJson_data();
    void sameAsJson();
};

void tst_OtlpProtoReader::everyField_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("format");
    const QByteArray message = serialized(everyFieldRequest());
    QTest::addRow("request") << message << QStringLiteral("otlp-protobuf");
    otlp::ExportTraceServiceRequest exportRequest;
    exportRequest.ParseFromString(everyFieldRequest().SerializeAsString());
    QTest::addRow("ExportTraceServiceRequest") << serialized(exportRequest) << QStringLiteral("otlp-protobuf");
    QTest::addRow("stream") << lengthPrefixed(message) << QStringLiteral("otlp-protobuf-stream");
    QTest::addRow("request, gzip") << gzipped(message) << QStringLiteral("otlp-protobuf");
    // What the collector's file exporter writes with `compression: zstd`.
    QTest::addRow("stream, zstd") << zstdCompressed(lengthPrefixed(message)) << QStringLiteral("otlp-protobuf-stream");
}

void tst_OtlpProtoReader::everyField()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, format);
    const Run run = importBytes(data);
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(QString::fromStdString(run.report.format), format);
    QCOMPARE(run.report.records, uint64_t(1));
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    checkEveryField(run);
}

void tst_OtlpProtoReader::writerRoundTrip_data()
{
    QTest::addColumn<OtlpProtoWriter::Layout>("layout");
    QTest::addColumn<QString>("format");
    QTest::addRow("request") << OtlpProtoWriter::Layout::Request << QStringLiteral("otlp-protobuf");
    QTest::addRow("stream") << OtlpProtoWriter::Layout::Stream << QStringLiteral("otlp-protobuf-stream");
}

// Model -> writer -> reader gives the model back, for every field the model has.
void tst_OtlpProtoReader::writerRoundTrip()
{
    QFETCH(OtlpProtoWriter::Layout, layout);
    QFETCH(QString, format);
    const Run original = importBytes(serialized(everyFieldRequest()));
    QCOMPARE(original.spans.size(), size_t(1));

    std::vector<SpanRecord> first { original.spans.front() };
    // A second trace with a span whose service is known only by name, and one without a scope.
    SpanRecord bare;
    bare.traceId = TraceId { 0x1, 0x2 };
    bare.spanId = 0x99;
    bare.name = "bare";
    bare.serviceName = "lonely";
    bare.startNs = 1;
    bare.durationNs = 2;
    std::vector<SpanRecord> second { bare };

    const Run run = importBytes(writeTraces({ first, second }, layout));
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(QString::fromStdString(run.report.format), format);
    QCOMPARE(run.spans.size(), size_t(2));
    compareSpans(run.spans[0], first.front());
    const SpanRecord& lonely = run.spans[1];
    QCOMPARE(lonely.serviceName, std::string("lonely"));
    QVERIFY(!lonely.scope);
    QCOMPARE(lonely.startNs, int64_t(1));
    QCOMPARE(lonely.durationNs, int64_t(2));
    QCOMPARE(lonely.traceId, (TraceId { 0x1, 0x2 }));
}

void tst_OtlpProtoReader::demoRoundTrip_data()
{
    QTest::addColumn<OtlpProtoWriter::Layout>("layout");
    QTest::addRow("request") << OtlpProtoWriter::Layout::Request;
    QTest::addRow("stream") << OtlpProtoWriter::Layout::Stream;
}

void tst_OtlpProtoReader::demoRoundTrip()
{
    QFETCH(OtlpProtoWriter::Layout, layout);
    DemoOptions options;
    options.spans = 3000;
    options.seed = 11;
    DemoGenerator generator(options);
    std::vector<std::vector<SpanRecord>> traces;
    std::vector<SpanRecord> trace;
    while (generator.nextTrace(trace))
        traces.push_back(trace);
    QVERIFY(traces.size() > 5);

    const Run run = importBytes(writeTraces(traces, layout));
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    QCOMPARE(run.report.records, uint64_t(3000));
    QCOMPARE(run.spans.size(), size_t(3000));
    QCOMPARE(run.traceCount(), traces.size());
    // The writer groups each trace's spans by resource and scope, so compare by id.
    std::map<std::pair<TraceId, SpanId>, const SpanRecord*> read;
    for (const SpanRecord& span : run.spans)
        read[{ span.traceId, span.spanId }] = &span;
    for (const auto& written : traces) {
        for (const SpanRecord& span : written) {
            const auto found = read.find({ span.traceId, span.spanId });
            QVERIFY(found != read.end());
            compareSpans(*found->second, span);
        }
    }
}

void tst_OtlpProtoReader::ids_data()
{
    QTest::addColumn<QByteArray>("traceId");
    QTest::addColumn<QByteArray>("spanId");
    QTest::addColumn<QByteArray>("parentId");
    QTest::addColumn<bool>("kept");
    QTest::addColumn<QString>("warning");
    const QByteArray trace = bytes(traceIdBytes(1));
    const QByteArray span = bytes(spanIdBytes(42));
    QTest::addRow("valid") << trace << span << bytes(spanIdBytes(7)) << true << QString();
    QTest::addRow("trace id of 15 bytes")
        << trace.left(15) << span << QByteArray() << false
        << QStringLiteral("trace_id must be 16 bytes, found 15; the span was skipped");
    QTest::addRow("trace id of 32 bytes (hex text)")
        << QByteArray("0102030405060708090a0b0c0d0e0f10") << span << QByteArray() << false
        << QStringLiteral("trace_id must be 16 bytes, found 32");
    QTest::addRow("span id of 7 bytes") << trace << span.left(7) << QByteArray() << false
                                        << QStringLiteral("span_id must be 8 bytes, found 7; the span was skipped");
    QTest::addRow("span id of 16 bytes") << trace << trace << QByteArray() << false
                                         << QStringLiteral("span_id must be 8 bytes, found 16");
    QTest::addRow("all-zero trace id") << QByteArray(16, '\0') << span << QByteArray() << false
                                       << QStringLiteral("trace_id is all zeros");
    QTest::addRow("all-zero span id") << trace << QByteArray(8, '\0') << QByteArray() << false
                                      << QStringLiteral("span_id is all zeros");
    QTest::addRow("no trace id") << QByteArray() << span << QByteArray() << true
                                 << QStringLiteral("has no trace_id; it was kept with the all-zero id");
    QTest::addRow("no span id") << trace << QByteArray() << QByteArray() << true
                                << QStringLiteral("has no span_id; it was kept with the all-zero id");
    QTest::addRow("parent of 5 bytes") << trace << span << QByteArray("12345") << true
                                       << QStringLiteral(
                                              "parent_span_id must be 8 bytes, found 5; the parent was dropped");
}

void tst_OtlpProtoReader::ids()
{
    QFETCH(QByteArray, traceId);
    QFETCH(QByteArray, spanId);
    QFETCH(QByteArray, parentId);
    QFETCH(bool, kept);
    QFETCH(QString, warning);

    otlp::ResourceSpans resourceSpans = simpleResourceSpans("svc", { "before", "target", "after" });
    otlp::Span& span = *resourceSpans.mutable_scope_spans(0)->mutable_spans(1);
    span.set_trace_id(traceId.toStdString());
    span.set_span_id(spanId.toStdString());
    span.set_parent_span_id(parentId.toStdString());
    const QByteArray data = request({ resourceSpans });
    // The span field starts with its tag and length, just before the span's bytes.
    const QByteArray spanBytes = serialized(span);
    const qsizetype spanOffset = data.indexOf(spanBytes) - 1 - varint(uint64_t(spanBytes.size())).size();

    const Run run = importBytes(data);
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(run.report.records, uint64_t(3));
    QCOMPARE(run.report.skippedRecords, uint64_t(kept ? 0 : 1));
    QCOMPARE(run.spans.size(), size_t(kept ? 3 : 2));
    QVERIFY(run.span("before") && run.span("after"));
    QCOMPARE(bool(run.span("target")), kept);
    if (warning.isEmpty()) {
        QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
        QCOMPARE(run.span("target")->parentSpanId, SpanId(7));
        return;
    }
    const ImportMessage* message = run.warning(warning.toStdString());
    QVERIFY2(message, run.warningList().constData());
    QVERIFY2(message->message.starts_with("span \"target\""), message->message.c_str());
    QCOMPARE(message->position.offset, int64_t(spanOffset));
    QCOMPARE(data.at(spanOffset), char(0x12)); // field 2, length-delimited: a span in its ScopeSpans
}

void tst_OtlpProtoReader::otherSpanProblems_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("warning");
    QTest::addRow("kind 9") << QStringLiteral("kind") << QStringLiteral("kind must be 0..5, found 9");
    QTest::addRow("status code 7") << QStringLiteral("status")
                                   << QStringLiteral("status code must be 0, 1 or 2, found 7");
    QTest::addRow("ends before it starts") << QStringLiteral("backwards") << QStringLiteral("before it starts");
    QTest::addRow("no start") << QStringLiteral("no start") << QStringLiteral("no start_time_unix_nano");
    QTest::addRow("no end") << QStringLiteral("no end") << QStringLiteral("no end_time_unix_nano");
    QTest::addRow("beyond 2262") << QStringLiteral("far") << QStringLiteral("beyond the year 2262");
    QTest::addRow("link with short id") << QStringLiteral("link") << QStringLiteral("the link was dropped");
}

void tst_OtlpProtoReader::otherSpanProblems()
{
    QFETCH(QString, problem);
    QFETCH(QString, warning);
    otlp::ResourceSpans resourceSpans = simpleResourceSpans("svc", { "target" });
    otlp::Span& span = *resourceSpans.mutable_scope_spans(0)->mutable_spans(0);
    if (problem == u"kind")
        span.set_kind(otlp::Span::SpanKind(9));
    else if (problem == u"status")
        span.mutable_status()->set_code(otlp::Status::StatusCode(7));
    else if (problem == u"backwards")
        span.set_end_time_unix_nano(span.start_time_unix_nano() - 1);
    else if (problem == u"no start")
        span.clear_start_time_unix_nano();
    else if (problem == u"no end")
        span.clear_end_time_unix_nano();
    else if (problem == u"far")
        span.set_end_time_unix_nano(uint64_t(std::numeric_limits<int64_t>::max()) + 1);
    else if (problem == u"link")
        span.add_links()->set_trace_id("short");

    const Run run = importBytes(request({ resourceSpans }));
    QCOMPARE(run.spans.size(), size_t(1));
    QVERIFY2(run.warning(warning.toStdString()), run.warningList().constData());
    const SpanRecord& read = run.spans.front();
    QCOMPARE(read.warnings.size(), size_t(1));
    QVERIFY(read.warnings.front().find(warning.toStdString()) != std::string::npos);
    QCOMPARE(read.kind, SpanKind::Unspecified);
    QCOMPARE(read.status, StatusCode::Unset);
    QVERIFY(read.links.empty());
    if (problem != u"no start")
        QCOMPARE(read.startNs, int64_t(1700000000000000000ll));
    if (problem != u"kind" && problem != u"status" && problem != u"link")
        QCOMPARE(read.durationNs, int64_t(0));
}

void tst_OtlpProtoReader::structure_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("services");

    const QByteArray a = serialized(simpleResourceSpans("alpha", { "a1", "a2" }, 1));
    const QByteArray b = serialized(simpleResourceSpans("beta", { "b1" }, 2));
    QTest::addRow("two ResourceSpans") << field(1, a) + field(1, b) << strings({ "a1", "a2", "b1" })
                                       << strings({ "alpha", "alpha", "beta" });
    // Fields that a later OTLP version might add, at every level, of every wire type.
    const QByteArray unknown = varint(15 << 3 | 0) + varint(300) + varint(16 << 3 | 1) + QByteArray(8, 'x')
        + varint(17 << 3 | 5) + QByteArray(4, 'y') + field(18, "ignored");
    otlp::ResourceSpans withUnknown = simpleResourceSpans("gamma", { "g1" }, 3);
    const QByteArray scopeSpans = serialized(withUnknown.scope_spans(0)) + unknown;
    withUnknown.clear_scope_spans();
    const QByteArray resourceSpans = serialized(withUnknown) + unknown + field(2, scopeSpans);
    // (The request itself must start with field 1: that is how the format is recognised.)
    QTest::addRow("unknown fields") << field(1, resourceSpans) + unknown + field(1, b) + unknown
                                    << strings({ "g1", "b1" }) << strings({ "gamma", "beta" });
    // instrumentation_library_spans (field 1000): read only when scope_spans is absent.
    otlp::ResourceSpans legacy = simpleResourceSpans("delta", { "d1" }, 4);
    const QByteArray legacyScope = serialized(legacy.scope_spans(0));
    legacy.clear_scope_spans();
    QTest::addRow("legacy instrumentation_library_spans")
        << field(1, serialized(legacy) + field(1000, legacyScope)) << strings({ "d1" }) << strings({ "delta" });
    otlp::ResourceSpans both = simpleResourceSpans("epsilon", { "e1" }, 5);
    QTest::addRow("legacy field beside scope_spans")
        << field(1, serialized(both) + field(1000, legacyScope)) << strings({ "e1" }) << strings({ "epsilon" });
    QTest::addRow("no resource") << field(
        1, field(2, field(2, serialized(simpleResourceSpans("x", { "n1" }).scope_spans(0).spans(0)))))
                                 << strings({ "n1" }) << strings({ "" });
    // A concatenation of requests is a request (the writer's Request layout relies on it).
    QTest::addRow("concatenated requests")
        << request({ simpleResourceSpans("alpha", { "a1" }) }) + request({ simpleResourceSpans("beta", { "b1" }, 2) })
        << strings({ "a1", "b1" }) << strings({ "alpha", "beta" });
    QTest::addRow("stream of three") << lengthPrefixed(field(1, a)) + lengthPrefixed(QByteArray())
            + lengthPrefixed(field(1, b))
                                     << strings({ "a1", "a2", "b1" }) << strings({ "alpha", "alpha", "beta" });
}

void tst_OtlpProtoReader::structure()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, names);
    QFETCH(QStringList, services);
    const Run run = importBytes(data);
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    QStringList readNames;
    QStringList readServices;
    for (const SpanRecord& span : run.spans) {
        readNames.append(QString::fromStdString(span.name));
        readServices.append(QString::fromStdString(span.serviceName));
        QVERIFY(span.resource);
    }
    QCOMPARE(readNames, names);
    QCOMPARE(readServices, services);
}

void tst_OtlpProtoReader::damaged_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("rejected");
    QTest::addColumn<QStringList>("names"); // the spans kept
    QTest::addColumn<QString>("message"); // the error, or a warning
    QTest::addColumn<qint64>("offset"); // of that message

    const QByteArray payloadA = serialized(simpleResourceSpans("alpha", { "a1", "a2" }, 1));
    const QByteArray payloadB = serialized(simpleResourceSpans("beta", { "b1", "b2" }, 2));
    const QByteArray a = field(1, payloadA);
    const QByteArray b = field(1, payloadB);
    const qint64 bStart = a.size();
    const qint64 headerA = a.size() - payloadA.size();

    QTest::addRow("request cut inside its second ResourceSpans")
        << QByteArray(a + b).left(a.size() + b.size() / 2) << false << strings({ "a1", "a2" })
        << QStringLiteral("ResourceSpans at byte offset %1 is damaged: it declares %2 bytes, but the input ends after")
               .arg(bStart)
               .arg(payloadB.size())
        << qint64(a.size() + b.size() / 2);
    // The span b1 is complete before the cut, so it is kept.
    QTest::addRow("request cut inside the last span")
        << QByteArray(a + b).left(a.size() + b.size() - 10) << false << strings({ "a1", "a2", "b1" })
        << QStringLiteral("ResourceSpans at byte offset %1 is damaged: it declares %2 bytes, but the input ends after "
                          "%3 of them; the span before the damage was kept, the rest of it was skipped")
               .arg(bStart)
               .arg(payloadB.size())
               .arg(payloadB.size() - 10)
        << qint64(a.size() + b.size() - 10);
    QTest::addRow("request cut in its first ResourceSpans")
        << a.left(20) << true << QStringList()
        << QStringLiteral(
               "ResourceSpans at byte offset 0 is damaged: it declares %1 bytes, but the input ends after %2 "
               "of them")
               .arg(payloadA.size())
               .arg(20 - headerA)
        << qint64(20);
    QTest::addRow("request cut inside a length")
        << QByteArray("\x0a\x80", 2) << true << QStringList()
        << QStringLiteral("the input ends in the middle of a field") << qint64(2);
    QTest::addRow("invalid tag between ResourceSpans")
        << a + QByteArray("\x0f\x01\x02", 3) + b << false << strings({ "a1", "a2" })
        << QStringLiteral("the input is damaged: invalid field tag 15 (field 1, wire type 7) at byte offset %1; the "
                          "rest of it was skipped")
               .arg(bStart)
        << bStart;
    // Inside a ResourceSpans the length leads to the next one.
    const QByteArray badScopeSpans = field(1, field(2, QByteArray("\x12\x7f", 2) + QByteArray(10, 'z')));
    QTest::addRow("ScopeSpans longer than its ResourceSpans")
        << a + badScopeSpans + b << false << strings({ "a1", "a2", "b1", "b2" })
        << QStringLiteral(
               "ResourceSpans at byte offset %1 is damaged: a span at byte offset %2 declares 127 bytes, but "
               "only 10 remain in the message around it; skipped")
               .arg(bStart)
               .arg(bStart + 4)
        << bStart + 4;
    QTest::addRow("span that is not a Span")
        << a + field(1, field(2, field(2, QByteArray("\xff\xff\xff", 3)))) + b << false
        << strings({ "a1", "a2", "b1", "b2" })
        << QStringLiteral("the span at byte offset %1 is damaged (not a valid Span message); it was skipped")
               .arg(bStart + 4)
        << bStart + 4;
    QTest::addRow("only garbage after 0x0a") << QByteArray("\x0a\x05\xff\xff\xff\xff\xff", 7) << true << QStringList()
                                             << QStringLiteral("ResourceSpans at byte offset 0 is damaged: a field tag "
                                                               "at byte offset 2 runs past the end of its message")
                                             << qint64(2);

    const QByteArray streamA = lengthPrefixed(a);
    const QByteArray streamB = lengthPrefixed(b);
    QTest::addRow("stream cut inside its second message")
        << QByteArray(streamA + streamB).left(streamA.size() + 30) << false << strings({ "a1", "a2" })
        << QStringLiteral("ResourceSpans at byte offset %1 is damaged: it declares").arg(streamA.size() + 4)
        << qint64(streamA.size() + 30);
    QTest::addRow("stream cut inside a length prefix")
        << streamA + streamB.left(2) << false << strings({ "a1", "a2" })
        << QStringLiteral("the length prefix of message 2 at byte offset %1 is cut short: the input ends after 2 of "
                          "its 4 bytes")
               .arg(streamA.size())
        << qint64(streamA.size());
    QByteArray wrongLength = streamA + streamB + lengthPrefixed(a);
    wrongLength[streamA.size()] = char(0x7f); // message 2 now declares about 2 GiB
    // Message 2 is read whole; message 3's length prefix then lies inside it, and is no valid field.
    QTest::addRow("stream with a corrupt length")
        << wrongLength << false << strings({ "a1", "a2", "b1", "b2" })
        << QStringLiteral(
               "message 2 of the stream (at byte offset %1, %2 bytes) is damaged: invalid field tag 0 (field "
               "0, wire type 0) at byte offset %3; the input ends before the end it declares")
               .arg(streamA.size())
               .arg(0x7f000000 + b.size())
               .arg(streamA.size() + 4 + b.size())
        << qint64(streamA.size() + 4 + b.size());
    // A message whose content is damaged but whose length is right: the stream goes on after it.
    QTest::addRow("stream message with a bad tag")
        << streamA + lengthPrefixed(QByteArray("\x07\x00\x00", 3)) + streamB << false
        << strings({ "a1", "a2", "b1", "b2" })
        << QStringLiteral("message 2 of the stream (at byte offset %1, 3 bytes) is damaged: invalid field tag 7")
               .arg(streamA.size())
        << qint64(streamA.size() + 4);
    QTest::addRow("huge declared ResourceSpans")
        << QByteArray("\x0a", 1) + varint(uint64_t(1) << 40) + a << true << QStringList()
        << QStringLiteral("ResourceSpans at byte offset 0 is damaged") << qint64(-2);
    // Protobuf's parser gives up beyond 100 levels; the span is skipped, nothing grows without bound.
    otlp::ResourceSpans deep = simpleResourceSpans("deep", { "d1", "d2" });
    otlp::AnyValue* value = deep.mutable_scope_spans(0)->mutable_spans(0)->add_attributes()->mutable_value();
    for (int i = 0; i < 200; ++i)
        value = value->mutable_array_value()->add_values();
    value->set_int_value(1);
    QTest::addRow("attribute nested 200 levels deep")
        << request({ deep }) << false << strings({ "d2" })
        << QStringLiteral("is damaged (not a valid Span message); it was skipped") << qint64(-2);
}

void tst_OtlpProtoReader::damaged()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, rejected);
    QFETCH(QStringList, names);
    QFETCH(QString, message);
    QFETCH(qint64, offset);

    const Run run = importBytes(data);
    QVERIFY2(!run.report.cancelled, "nobody cancelled");
    QCOMPARE(run.report.rejected, rejected);
    QStringList readNames;
    for (const SpanRecord& span : run.spans)
        readNames.append(QString::fromStdString(span.name));
    QCOMPARE(readNames, names);
    const ImportMessage* found = rejected ? &run.report.error : run.warning(message.toStdString());
    QVERIFY2(found, run.warningList().constData());
    QVERIFY2(found->message.find(message.toStdString()) != std::string::npos, found->message.c_str());
    QCOMPARE(found->position.line, int64_t(0));
    if (offset != -2)
        QCOMPARE(found->position.offset, offset);
    else
        QVERIFY(found->position.offset >= 0);
    if (rejected) {
        // The verdict is not repeated as a warning.
        QVERIFY2(!run.warning(found->message), run.warningList().constData());
    }
}

void tst_OtlpProtoReader::oversizedSpanIsSkipped()
{
    otlp::ResourceSpans resourceSpans = simpleResourceSpans("svc", { "small", "big", "small2" });
    resourceSpans.mutable_scope_spans(0)->mutable_spans(1)->add_attributes()->mutable_value()->set_string_value(
        std::string(4096, 'x'));
    OtlpProtoOptions options;
    options.maxMessageBytes = 1024;
    const Run run = readDirectly(request({ resourceSpans }), options);
    QVERIFY(!run.report.rejected);
    QCOMPARE(run.spans.size(), size_t(2));
    QCOMPARE(run.report.records, uint64_t(3));
    QCOMPARE(run.report.skippedRecords, uint64_t(1));
    const ImportMessage* warning = run.warning("a span declares");
    QVERIFY2(warning, run.warningList().constData());
    QVERIFY2(
        warning->message.find("bytes, more than the 1024 bytes one span may have; it was skipped") != std::string::npos,
        warning->message.c_str());
    QCOMPARE(run.spans[0].name, std::string("small"));
    QCOMPARE(run.spans[1].name, std::string("small2"));
}

// Declared lengths must cost no memory before the bytes are there: a terabyte at every level, and a span
// just under the size limit, over a megabyte of real data.
void tst_OtlpProtoReader::hostileLengthsStayBounded()
{
    const uint64_t huge = uint64_t(1) << 40;
    const QByteArray filler(1 << 20, '\x08');
    const auto header
        = [](uint32_t field, uint64_t length) -> QByteArray { return varint(field << 3 | 2) + varint(length); };
    const QByteArray terabytes = header(1, huge) + header(2, huge / 2) + header(2, huge / 4) + filler;
    const QByteArray nearLimit = header(1, huge) + header(2, huge / 2) + header(2, 60 << 20) + filler;
    const QByteArray stream = QByteArray("\x00\xff\xff\xff", 4) + header(1, huge) + filler;

    const long before = peakRssKiB();
    for (const QByteArray& data : { terabytes, nearLimit, stream }) {
        const Run run = importBytes(data);
        QVERIFY(run.report.rejected);
        QVERIFY2(run.report.error.message.find("is damaged") != std::string::npos, run.report.error.message.c_str());
    }
    const long grown = peakRssKiB() - before;
    QVERIFY2(grown < 16 * 1024, qPrintable(QStringLiteral("peak RSS grew by %1 KiB").arg(grown)));
}

void tst_OtlpProtoReader::sinkFailureRejects()
{
    FailingSink sink;
    ImportReport report;
    auto source = ByteSource::fromMemory(request({ simpleResourceSpans("svc", { "a" }) }), QStringLiteral("test"));
    importTraces(*source, sink, report);
    QVERIFY(report.rejected);
    QCOMPARE(report.error.message, std::string("could not store spans: disk full"));
}

void tst_OtlpProtoReader::sourceProblems_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::addRow("read error") << false;
    QTest::addRow("cancel") << true;
}

// A read error after some spans keeps them (like a cut file); a cancel is no error at all.
void tst_OtlpProtoReader::sourceProblems()
{
    QFETCH(bool, cancel);
    DemoOptions options;
    options.spans = 4000;
    DemoGenerator generator(options);
    std::vector<std::vector<SpanRecord>> traces;
    std::vector<SpanRecord> trace;
    while (generator.nextTrace(trace))
        traces.push_back(trace);
    const QByteArray data = writeTraces(traces, OtlpProtoWriter::Layout::Request);
    QVERIFY(data.size() > 1024 * 1024);

    std::atomic<bool> cancelFlag { false };
    auto source = ByteSource::fromRaw(
        std::make_unique<FailingRaw>(data, data.size() / 2, cancel ? &cancelFlag : nullptr), QStringLiteral("test"));
    source->setCancelFlag(&cancelFlag);
    CollectingSink sink;
    ImportReport report;
    importTraces(*source, sink, report);
    QVERIFY(!report.rejected);
    QCOMPARE(report.cancelled, cancel);
    if (cancel)
        return;
    QVERIFY(!sink.spans.empty());
    QVERIFY(sink.spans.size() < 4000);
    QCOMPARE(report.warnings.size(), size_t(1));
    QVERIFY2(
        report.warnings.front().message.find("the disk went away; the spans before it were kept") != std::string::npos,
        report.warnings.front().message.c_str());
}

void tst_OtlpProtoReader::spansBeforeTheirResourceAndScope_data()
{
    QTest::addColumn<size_t>("pendingLimit");
    QTest::addColumn<bool>("complete");
    QTest::addRow("waiting") << size_t(100000) << true;
    QTest::addRow("limit reached") << size_t(2) << false;
}

// Field order is free: spans may come before the scope of their ScopeSpans and before the resource.
void tst_OtlpProtoReader::spansBeforeTheirResourceAndScope()
{
    QFETCH(size_t, pendingLimit);
    QFETCH(bool, complete);
    otlp::ResourceSpans resourceSpans = simpleResourceSpans("svc", { "s1", "s2", "s3" });
    otlp::ScopeSpans scopeSpans = resourceSpans.scope_spans(0);
    const QByteArray scope = field(1, serialized(scopeSpans.scope()));
    scopeSpans.clear_scope();
    const QByteArray resource = field(1, serialized(resourceSpans.resource()));
    const QByteArray data = field(1, field(2, serialized(scopeSpans) + scope) + resource);

    OtlpProtoOptions options;
    options.pendingLimit = pendingLimit;
    const Run run = readDirectly(data, options);
    QCOMPARE(run.spans.size(), size_t(3));
    // Past the limit, spans are stored with what is known; a scope or resource that comes later applies
    // only to spans after it (there are none here).
    for (const SpanRecord& span : run.spans) {
        QVERIFY(span.resource);
        QCOMPARE(bool(span.scope), complete);
        QCOMPARE(span.serviceName, complete ? std::string("svc") : std::string());
        if (complete)
            QCOMPARE(span.scope->name, std::string("test-scope"));
    }
    if (complete) {
        QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    } else {
        QVERIFY2(run.warning("2 spans came before the resource of their ResourceSpans"), run.warningList().constData());
        QVERIFY2(run.warning("2 spans came before the scope of their ScopeSpans"), run.warningList().constData());
    }
}

void tst_OtlpProtoReader::corpus_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expect");
    QTest::addColumn<QString>("traces");
    QTest::addColumn<QString>("records");
    QTest::addColumn<QString>("services");
    QFile table(corpusDir() + QStringLiteral("/EXPECTED.tsv"));
    if (!table.open(QIODevice::ReadOnly)) {
        QTest::newRow("corpus absent") << QString() << QString() << QString() << QString() << QString();
        return;
    }
    while (!table.atEnd()) {
        const QStringList fields = QString::fromUtf8(table.readLine()).trimmed().split(u'\t');
        if (fields.size() >= 6 && fields[0].startsWith(QLatin1String("otlp-proto/")))
            QTest::newRow(fields[0].toUtf8().constData())
                << fields[0] << fields[2] << fields[3] << fields[4] << fields[5];
    }
}

void tst_OtlpProtoReader::corpus()
{
    QFETCH(QString, path);
    QFETCH(QString, expect);
    QFETCH(QString, traces);
    QFETCH(QString, records);
    QFETCH(QString, services);
    if (path.isEmpty())
        QSKIP("the shared corpus is absent");
    const QByteArray data = readFile(corpusDir() + u'/' + path);
    QVERIFY(!data.isEmpty());
    const Run run = importBytes(data);
    QCOMPARE(run.report.rejected ? QStringLiteral("reject") : QStringLiteral("import"), expect);
    if (run.report.rejected) {
        // The text form is protoc's notation; the message must say so.
        QVERIFY2(run.report.error.message.find("protobuf text format") != std::string::npos,
            run.report.error.message.c_str());
        return;
    }
    QCOMPARE(QString::fromStdString(run.report.format), QStringLiteral("otlp-protobuf"));
    QCOMPARE(run.report.skippedRecords, uint64_t(0));
    QCOMPARE(QString::number(run.report.records), records);
    QCOMPARE(QString::number(run.traceCount()), traces);
    QCOMPARE(QString::number(run.serviceCount()), services);
}

void tst_OtlpProtoReader::sameAsJson_data()
{
    QTest::addColumn<QString>("proto");
    QTest::addColumn<QString>("json");
    QTest::addRow("opentelemetry-proto example") << QStringLiteral("otlp-proto/otel-proto-trace.protobuf-bin")
                                                 << QStringLiteral("otlp-json/otel-proto/trace.json");
    QTest::addRow("otlp2parquet trace") << QStringLiteral("otlp-proto/otlp2parquet-trace.pb")
                                        << QStringLiteral("otlp-json/edge/otlp2parquet-trace-base64-enumnames.json");
    QTest::addRow("otlp2parquet traces") << QStringLiteral("otlp-proto/otlp2parquet-traces.pb")
                                         << QStringLiteral("otlp-json/edge/otlp2parquet-traces-base64-enumnames.jsonl");
}

// The JSON and protobuf forms of the same request give the same spans.
void tst_OtlpProtoReader::sameAsJson()
{
    QFETCH(QString, proto);
    QFETCH(QString, json);
    const QByteArray protoData = readFile(corpusDir() + u'/' + proto);
    const QByteArray jsonData = readFile(corpusDir() + u'/' + json);
    if (protoData.isEmpty() || jsonData.isEmpty())
        QSKIP("the shared corpus is absent");
    const Run fromProto = importBytes(protoData);
    const Run fromJson = importBytes(jsonData);
    QVERIFY(!fromProto.report.rejected && !fromJson.report.rejected);
    QCOMPARE(fromProto.spans.size(), fromJson.spans.size());
    QVERIFY(!fromProto.spans.empty());
    for (size_t i = 0; i < fromProto.spans.size(); ++i) {
        compareSpans(fromProto.spans[i], fromJson.spans[i]);
        QCOMPARE(fromProto.spans[i].warnings.size(), fromJson.spans[i].warnings.size());
    }
}

QTEST_GUILESS_MAIN(tst_OtlpProtoReader)
#include "tst_otlpprotoreader.moc"
