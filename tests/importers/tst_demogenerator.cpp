// SPDX-License-Identifier: MIT
#include "demogenerator.h"
#include "jaegerjsonwriter.h"
#include "otlpjsonwriter.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

using namespace skein;

namespace {

using Trace = std::vector<SpanRecord>;

std::vector<Trace> generateAll(const DemoOptions& options)
{
    DemoGenerator generator(options);
    std::vector<Trace> traces;
    Trace trace;
    while (generator.nextTrace(trace))
        traces.push_back(trace);
    return traces;
}

DemoOptions demo(uint64_t spans, uint64_t traces = 0, uint64_t seed = 1)
{
    DemoOptions options;
    options.spans = spans;
    options.traces = traces;
    options.seed = seed;
    return options;
}

QByteArray writeTraces(const std::vector<Trace>& traces, DemoFormat format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const auto writer = createTraceWriter(format, buffer);
    bool ok = writer->begin();
    for (const Trace& trace : traces)
        ok = ok && writer->writeTrace(trace);
    ok = ok && writer->finish();
    return ok ? bytes : QByteArray();
}

QJsonObject parseObject(const QByteArray& bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "invalid JSON:" << error.errorString() << "at" << error.offset;
    return document.object();
}

const Attribute* findAttribute(const Attributes& attributes, std::string_view key)
{
    for (const Attribute& attribute : attributes) {
        if (attribute.key == key)
            return &attribute;
    }
    return nullptr;
}

QJsonObject findByKey(const QJsonArray& keyValues, const QString& key)
{
    for (const QJsonValue& value : keyValues) {
        if (value.toObject().value(QStringLiteral("key")).toString() == key)
            return value.toObject();
    }
    return {};
}

qint64 vmHighWaterMarkKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Counts and forgets what is written: the output of a big demo never sits in memory.
class NullDevice : public QIODevice {
public:
    qint64 written = 0;

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64 size) override
    {
        written += size;
        return size;
    }
};

} // namespace

class TestDemoGenerator : public QObject {
    Q_OBJECT

private slots:
    void memoryStaysFlat();
    void counts_data();
    void counts();
    void deterministic_data();
    void deterministic();
    void seedsDiffer();
    void everyAttributeType();
    void treeShape();
    void errorTraces();
    void resourcesAndScopes();
    void jaegerDocument();
    void jaegerRules();
    void otlpDocument();
    void otlpLines();
    void otlpRules();
    void writeDemoFileFormats_data();
    void writeDemoFileFormats();
    void writeFailures();
    void formatNames();
};

void TestDemoGenerator::memoryStaysFlat()
{
#ifdef __SANITIZE_ADDRESS__
    QSKIP("AddressSanitizer keeps freed memory in quarantine, so RSS says nothing about leaks here");
#endif
    // Runs first, before other tests raise the high-water mark.
    const qint64 before = vmHighWaterMarkKb();
    if (before < 0)
        QSKIP("no /proc/self/status");
    NullDevice device;
    device.open(QIODevice::WriteOnly);
    JaegerJsonWriter writer(device);
    DemoGenerator generator(demo(200000, 1000));
    Trace trace;
    QVERIFY(writer.begin());
    while (generator.nextTrace(trace))
        QVERIFY(writer.writeTrace(trace));
    QVERIFY(writer.finish());
    QCOMPARE(generator.spansProduced(), uint64_t(200000));
    QVERIFY(device.written > 100'000'000); // ~0.5 KB per span would be 100 MB if kept
    const qint64 growth = vmHighWaterMarkKb() - before;
    QVERIFY2(growth < 64 * 1024, qPrintable(QStringLiteral("peak RSS grew by %1 KB").arg(growth)));
}

void TestDemoGenerator::counts_data()
{
    QTest::addColumn<quint64>("spans");
    QTest::addColumn<quint64>("traces");
    QTest::addColumn<quint64>("expectedTraces");
    QTest::addRow("no spans") << quint64(0) << quint64(0) << quint64(0);
    QTest::addRow("one span") << quint64(1) << quint64(0) << quint64(1);
    QTest::addRow("auto, below 200") << quint64(199) << quint64(0) << quint64(1);
    QTest::addRow("auto, 5000") << quint64(5000) << quint64(0) << quint64(25);
    QTest::addRow("one span each") << quint64(10) << quint64(10) << quint64(10);
    QTest::addRow("more traces than spans") << quint64(5) << quint64(20) << quint64(5);
    QTest::addRow("uneven") << quint64(1001) << quint64(7) << quint64(7);
    QTest::addRow("one big trace") << quint64(20000) << quint64(1) << quint64(1);
    QTest::addRow("many small") << quint64(3000) << quint64(1000) << quint64(1000);
    QTest::addRow("two-span traces") << quint64(2000) << quint64(1000) << quint64(1000);
}

void TestDemoGenerator::counts()
{
    QFETCH(quint64, spans);
    QFETCH(quint64, traces);
    QFETCH(quint64, expectedTraces);
    DemoGenerator generator(demo(spans, traces));
    QCOMPARE(generator.traceCount(), expectedTraces);
    std::set<TraceId> traceIds;
    uint64_t total = 0;
    uint64_t count = 0;
    Trace trace;
    while (generator.nextTrace(trace)) {
        QVERIFY(!trace.empty());
        total += trace.size();
        ++count;
        for (const SpanRecord& span : trace)
            QCOMPARE(span.traceId, trace.front().traceId);
        QVERIFY(!trace.front().traceId.isZero());
        traceIds.insert(trace.front().traceId);
    }
    QVERIFY(trace.empty());
    QVERIFY(!generator.nextTrace(trace));
    QCOMPARE(total, spans);
    QCOMPARE(count, expectedTraces);
    QCOMPARE(traceIds.size(), size_t(expectedTraces));
    QCOMPARE(generator.spansProduced(), spans);
    QCOMPARE(generator.tracesProduced(), expectedTraces);
}

void TestDemoGenerator::deterministic_data()
{
    QTest::addColumn<DemoFormat>("format");
    QTest::addRow("jaeger") << DemoFormat::Jaeger;
    QTest::addRow("otlp-json") << DemoFormat::OtlpJson;
    QTest::addRow("otlp-jsonl") << DemoFormat::OtlpJsonLines;
}

void TestDemoGenerator::deterministic()
{
    QFETCH(DemoFormat, format);
    const QByteArray first = writeTraces(generateAll(demo(3000, 0, 7)), format);
    const QByteArray second = writeTraces(generateAll(demo(3000, 0, 7)), format);
    QVERIFY(first.size() > 100000);
    QVERIFY(first == second);
    const QByteArray otherSeed = writeTraces(generateAll(demo(3000, 0, 8)), format);
    QVERIFY(!otherSeed.isEmpty());
    QVERIFY(first != otherSeed);
}

void TestDemoGenerator::seedsDiffer()
{
    const auto a = generateAll(demo(500, 5, 1));
    const auto b = generateAll(demo(500, 5, 2));
    QVERIFY(a.front().front().traceId != b.front().front().traceId);
    // The start time is an option, not derived from the clock.
    DemoOptions later = demo(500, 5, 1);
    later.startNs += 1'000'000'000;
    const auto c = generateAll(later);
    QCOMPARE(c.front().front().traceId, a.front().front().traceId);
    QCOMPARE(c.front().front().startNs, a.front().front().startNs + 1'000'000'000);
    QVERIFY(a.front().front().startNs > defaultDemoStartNs);
    QVERIFY(a.front().front().startNs < defaultDemoStartNs + 1'000'000'000);
}

void TestDemoGenerator::everyAttributeType()
{
    using Type = AttributeValue::Type;
    std::set<Type> types;
    bool stringArray = false;
    bool intArray = false;
    bool beyond53 = false;
    bool negative = false;
    for (const Trace& trace : generateAll(demo(5000))) {
        for (const SpanRecord& span : trace) {
            for (const Attribute& attribute : span.attributes) {
                types.insert(attribute.value.type);
                if (attribute.value.type == Type::Int) {
                    beyond53 = beyond53 || attribute.value.intValue > (int64_t(1) << 53);
                    negative = negative || attribute.value.intValue < 0;
                }
                if (attribute.value.type == Type::Array && !attribute.value.array.empty()) {
                    stringArray = stringArray || attribute.value.array.front().type == Type::String;
                    intArray = intArray || attribute.value.array.front().type == Type::Int;
                }
            }
        }
    }
    for (Type type :
        { Type::String, Type::Bool, Type::Int, Type::Double, Type::Bytes, Type::Array, Type::KeyValueList })
        QVERIFY2(types.count(type), qPrintable(QStringLiteral("missing type %1").arg(int(type))));
    QVERIFY(stringArray);
    QVERIFY(intArray);
    QVERIFY(beyond53);
    QVERIFY(negative);
}

void TestDemoGenerator::treeShape()
{
    int maxDepth = 0;
    int minDepth = 100;
    size_t maxFanOut = 0;
    size_t consumers = 0;
    size_t crossTraceLinks = 0;
    bool secondsLong = false;
    bool subMillisecond = false;
    std::set<int> depths;
    for (const Trace& trace : generateAll(demo(60000, 300, 3))) {
        std::unordered_map<SpanId, size_t> index;
        for (size_t i = 0; i < trace.size(); ++i)
            QVERIFY2(index.emplace(trace[i].spanId, i).second, "duplicate span id");
        std::vector<int> depth(trace.size(), 1);
        std::vector<size_t> children(trace.size(), 0);
        QCOMPARE(trace.front().parentSpanId, SpanId(0));
        for (size_t i = 0; i < trace.size(); ++i) {
            const SpanRecord& span = trace[i];
            QVERIFY(span.spanId != 0);
            QVERIFY(span.durationNs > 0);
            QVERIFY(!span.name.empty());
            QVERIFY(span.resource && span.scope);
            QCOMPARE(span.serviceName, span.resource->serviceName);
            for (const SpanEvent& event : span.events)
                QVERIFY(event.timeNs >= span.startNs && event.timeNs <= span.endNs());
            subMillisecond = subMillisecond || span.durationNs < 1'000'000;
            secondsLong = secondsLong || span.durationNs > 1'000'000'000;
            if (i == 0)
                continue;
            const auto parentAt = index.find(span.parentSpanId);
            QVERIFY2(parentAt != index.end(), "parent missing from the trace");
            QVERIFY(parentAt->second < i);
            const SpanRecord& parent = trace[parentAt->second];
            depth[i] = depth[parentAt->second] + 1;
            ++children[parentAt->second];
            QVERIFY(span.startNs >= parent.startNs);
            if (span.kind == SpanKind::Consumer) {
                // Asynchronous: may outlive its producer, which it links to.
                ++consumers;
                QCOMPARE(parent.kind, SpanKind::Producer);
                QVERIFY(!span.links.empty());
                QCOMPARE(span.links.front().spanId, parent.spanId);
                QCOMPARE(span.links.front().type, LinkType::FollowsFrom);
                for (const SpanLink& link : span.links)
                    crossTraceLinks += link.traceId != span.traceId;
            } else {
                QVERIFY2(span.endNs() <= parent.endNs(), qPrintable(QString::fromStdString(span.name)));
            }
            if (span.kind == SpanKind::Server) {
                QCOMPARE(parent.kind, SpanKind::Client);
                QVERIFY(span.startNs > parent.startNs); // the request travels
                QVERIFY(span.endNs() < parent.endNs()); // and so does the response
            }
        }
        const int traceDepth = *std::max_element(depth.begin(), depth.end());
        QVERIFY(traceDepth <= 12);
        maxDepth = std::max(maxDepth, traceDepth);
        minDepth = std::min(minDepth, traceDepth);
        depths.insert(traceDepth);
        maxFanOut = std::max(maxFanOut, *std::max_element(children.begin(), children.end()));
    }
    QVERIFY(maxDepth >= 10);
    QVERIFY(minDepth <= 3);
    QVERIFY(depths.size() >= 6);
    QVERIFY(maxFanOut >= 8);
    QVERIFY(consumers > 0);
    QVERIFY(crossTraceLinks > 0);
    QVERIFY(secondsLong);
    QVERIFY(subMillisecond);
}

void TestDemoGenerator::errorTraces()
{
    const auto traces = generateAll(demo(100000, 1000, 5));
    int failed = 0;
    for (const Trace& trace : traces) {
        const auto error = std::find_if(trace.begin(), trace.end(), [](const SpanRecord& s) { return s.isError(); });
        if (error == trace.end())
            continue;
        ++failed;
        bool exception = false;
        for (const SpanRecord& span : trace) {
            if (!span.isError())
                continue;
            QVERIFY(!span.statusMessage.empty());
            for (const SpanEvent& event : span.events) {
                if (event.name != "exception")
                    continue;
                exception = exception
                    || (findAttribute(event.attributes, "exception.type")
                        && findAttribute(event.attributes, "exception.message")
                        && findAttribute(event.attributes, "exception.stacktrace"));
            }
        }
        QVERIFY(exception);
    }
    // About 3%.
    QVERIFY2(failed >= 10 && failed <= 60, qPrintable(QString::number(failed)));
}

void TestDemoGenerator::resourcesAndScopes()
{
    std::map<std::string, std::set<const Resource*>> resourcesByService;
    std::set<const InstrumentationScope*> scopes;
    const auto traces = generateAll(demo(40000, 200)); // owns the resources looked at below
    for (const Trace& trace : traces) {
        for (const SpanRecord& span : trace) {
            resourcesByService[span.serviceName].insert(span.resource.get());
            scopes.insert(span.scope.get());
        }
    }
    QVERIFY(resourcesByService.size() >= 15 && resourcesByService.size() <= 25);
    for (const auto& [service, resources] : resourcesByService) {
        // Created once: a few replicas per service, shared by every trace.
        QVERIFY(resources.size() <= 3);
        for (const Resource* resource : resources) {
            QCOMPARE(resource->serviceName, service);
            const Attribute* pid = findAttribute(resource->attributes, "process.pid");
            QVERIFY(pid && pid->value.type == AttributeValue::Type::Int);
            for (const char* key :
                { "service.name", "host.name", "telemetry.sdk.language", "service.version", "k8s.pod.name" })
                QVERIFY2(findAttribute(resource->attributes, key), key);
        }
    }
    QVERIFY(resourcesByService.count("checkout") && resourcesByService.count("postgres"));
    QVERIFY(scopes.size() > resourcesByService.size());
}

void TestDemoGenerator::jaegerDocument()
{
    const auto traces = generateAll(demo(3000));
    const QJsonObject root = parseObject(writeTraces(traces, DemoFormat::Jaeger));
    QCOMPARE(root.value(QStringLiteral("total")).toInt(-1), 0);
    QCOMPARE(root.value(QStringLiteral("limit")).toInt(-1), 0);
    QCOMPARE(root.value(QStringLiteral("offset")).toInt(-1), 0);
    QVERIFY(root.value(QStringLiteral("errors")).isNull());
    const QJsonArray data = root.value(QStringLiteral("data")).toArray();
    QCOMPARE(size_t(data.size()), traces.size());
    constexpr int64_t maxSafe = (int64_t(1) << 53) - 1;
    size_t spans = 0;
    size_t unsafeIntegers = 0;
    for (qsizetype t = 0; t < data.size(); ++t) {
        const QJsonObject trace = data[t].toObject();
        const Trace& source = traces[size_t(t)];
        QCOMPARE(trace.value(QStringLiteral("traceID")).toString().size(), 32);
        QVERIFY(trace.value(QStringLiteral("warnings")).isNull());
        const QJsonObject processes = trace.value(QStringLiteral("processes")).toObject();
        const QJsonArray jsonSpans = trace.value(QStringLiteral("spans")).toArray();
        QCOMPARE(size_t(jsonSpans.size()), source.size());
        spans += size_t(jsonSpans.size());
        for (qsizetype s = 0; s < jsonSpans.size(); ++s) {
            const QJsonObject span = jsonSpans[s].toObject();
            const SpanRecord& record = source[size_t(s)];
            QCOMPARE(span.value(QStringLiteral("spanID")).toString().toStdString(), spanIdToHex(record.spanId));
            QCOMPARE(span.value(QStringLiteral("startTime")).toInteger(), record.startNs / 1000);
            QCOMPARE(span.value(QStringLiteral("duration")).toInteger(), record.durationNs / 1000);
            const QJsonObject process = processes.value(span.value(QStringLiteral("processID")).toString()).toObject();
            QCOMPARE(process.value(QStringLiteral("serviceName")).toString().toStdString(), record.serviceName);
            const QJsonArray references = span.value(QStringLiteral("references")).toArray();
            if (record.parentSpanId != 0) {
                QCOMPARE(references.first().toObject().value(QStringLiteral("refType")).toString(),
                    QStringLiteral("CHILD_OF"));
                QCOMPARE(references.first().toObject().value(QStringLiteral("spanID")).toString().toStdString(),
                    spanIdToHex(record.parentSpanId));
            }
            QCOMPARE(size_t(references.size()), (record.parentSpanId != 0 ? 1 : 0) + record.links.size());
            const QJsonArray tags = span.value(QStringLiteral("tags")).toArray();
            for (const Attribute& attribute : record.attributes) {
                if (attribute.value.type != AttributeValue::Type::Int)
                    continue;
                const QJsonObject tag = findByKey(tags, QString::fromStdString(attribute.key));
                QCOMPARE(tag.value(QStringLiteral("type")).toString(), QStringLiteral("int64"));
                if (attribute.value.intValue > maxSafe || attribute.value.intValue < -maxSafe) {
                    // Exact, as a string.
                    QCOMPARE(tag.value(QStringLiteral("value")).toString().toStdString(),
                        std::to_string(attribute.value.intValue));
                    ++unsafeIntegers;
                } else {
                    QCOMPARE(tag.value(QStringLiteral("value")).toInteger(), attribute.value.intValue);
                }
            }
            QVERIFY(!findByKey(tags, QStringLiteral("span.kind")).isEmpty());
            const QJsonArray logs = span.value(QStringLiteral("logs")).toArray();
            QCOMPARE(size_t(logs.size()), record.events.size());
            for (const QJsonValue& log : logs) {
                const QJsonObject first = log.toObject().value(QStringLiteral("fields")).toArray().first().toObject();
                QCOMPARE(first.value(QStringLiteral("key")).toString(), QStringLiteral("event"));
            }
        }
    }
    QCOMPARE(spans, size_t(3000));
    QVERIFY(unsafeIntegers > 0);
}

namespace {

// Two spans that exercise every rule of the writers.
Trace handmadeTrace()
{
    auto resource = std::make_shared<Resource>();
    resource->serviceName = "billing";
    resource->attributes
        = { { "service.name", AttributeValue::fromString("billing") }, { "process.pid", AttributeValue::fromInt(42) } };
    auto scope = std::make_shared<InstrumentationScope>();
    scope->name = "billing.manual";
    scope->version = "1.2";

    SpanRecord root;
    root.traceId = TraceId { 0, 0xabcdef };
    root.spanId = 0x1111;
    root.name = "charge";
    root.serviceName = "billing";
    root.kind = SpanKind::Server;
    root.startNs = 1'700'000'000'123'456'789;
    root.durationNs = 5'000'999;
    root.status = StatusCode::Error;
    root.statusMessage = "card declined";
    root.flags = 0x301;
    root.traceState = "rojo=1";
    root.resource = resource;
    root.scope = scope;
    AttributeValue array;
    array.type = AttributeValue::Type::Array;
    array.array = { AttributeValue::fromString("a"), AttributeValue::fromString("b") };
    AttributeValue list;
    list.type = AttributeValue::Type::KeyValueList;
    list.keyValues = { { "n", AttributeValue::fromInt(1) } };
    root.attributes = { { "safe", AttributeValue::fromInt((int64_t(1) << 53) - 1) },
        { "unsafe", AttributeValue::fromInt(int64_t(1) << 53) },
        { "negative", AttributeValue::fromInt(-(int64_t(1) << 60)) }, { "ok", AttributeValue::fromBool(true) },
        { "ratio", AttributeValue::fromDouble(0.25) }, { "raw", AttributeValue::fromBytes(std::string("\x00\xff", 2)) },
        { "list", array }, { "map", list } };
    SpanEvent event;
    event.timeNs = root.startNs + 1'500;
    event.name = "retry";
    event.attributes = { { "attempt", AttributeValue::fromInt(2) } };
    root.events = { event };
    SpanLink link;
    link.traceId = TraceId { 0x1234, 0x5678 };
    link.spanId = 0x99;
    link.type = LinkType::FollowsFrom;
    link.attributes = { { "why", AttributeValue::fromString("batch") } };
    root.links = { link };

    SpanRecord child;
    child.traceId = root.traceId;
    child.spanId = 0x2222;
    child.parentSpanId = root.spanId;
    child.name = "SELECT";
    child.serviceName = "ledger"; // no resource: the writers use the service name
    child.kind = SpanKind::Client;
    child.startNs = root.startNs + 1000;
    child.durationNs = 2000;
    return { root, child };
}

} // namespace

void TestDemoGenerator::jaegerRules()
{
    const QByteArray bytes = writeTraces({ handmadeTrace() }, DemoFormat::Jaeger);
    const QJsonObject trace = parseObject(bytes).value(QStringLiteral("data")).toArray().first().toObject();
    QCOMPARE(trace.value(QStringLiteral("traceID")).toString(), QStringLiteral("0000000000abcdef"));
    const QJsonArray spans = trace.value(QStringLiteral("spans")).toArray();
    const QJsonObject root = spans[0].toObject();
    QCOMPARE(root.value(QStringLiteral("flags")).toInt(), 1);
    QCOMPARE(root.value(QStringLiteral("startTime")).toInteger(), 1'700'000'000'123'456);
    QCOMPARE(root.value(QStringLiteral("duration")).toInteger(), 5'000);
    const QJsonArray references = root.value(QStringLiteral("references")).toArray();
    QCOMPARE(references.size(), 1);
    QCOMPARE(references[0].toObject().value(QStringLiteral("refType")).toString(), QStringLiteral("FOLLOWS_FROM"));
    QCOMPARE(references[0].toObject().value(QStringLiteral("traceID")).toString(),
        QStringLiteral("00000000000012340000000000005678"));

    const QJsonArray tags = root.value(QStringLiteral("tags")).toArray();
    auto tag = [&](const char* key) { return findByKey(tags, QLatin1String(key)); };
    QVERIFY(tag("safe").value(QStringLiteral("value")).isDouble());
    QCOMPARE(tag("safe").value(QStringLiteral("value")).toInteger(), (qint64(1) << 53) - 1);
    QCOMPARE(tag("unsafe").value(QStringLiteral("value")).toString(), QStringLiteral("9007199254740992"));
    QCOMPARE(tag("negative").value(QStringLiteral("value")).toString(), QStringLiteral("-1152921504606846976"));
    QCOMPARE(tag("ok").value(QStringLiteral("type")).toString(), QStringLiteral("bool"));
    QCOMPARE(tag("ratio").value(QStringLiteral("type")).toString(), QStringLiteral("float64"));
    QCOMPARE(tag("ratio").value(QStringLiteral("value")).toDouble(), 0.25);
    QCOMPARE(tag("raw").value(QStringLiteral("type")).toString(), QStringLiteral("binary"));
    QCOMPARE(tag("raw").value(QStringLiteral("value")).toString(), QStringLiteral("AP8="));
    QCOMPARE(tag("list").value(QStringLiteral("type")).toString(), QStringLiteral("string"));
    QCOMPARE(tag("list").value(QStringLiteral("value")).toString(), QStringLiteral("[\"a\",\"b\"]"));
    QCOMPARE(tag("map").value(QStringLiteral("value")).toString(), QStringLiteral("{\"n\":1}"));
    QCOMPARE(tag("span.kind").value(QStringLiteral("value")).toString(), QStringLiteral("server"));
    QCOMPARE(tag("otel.status_code").value(QStringLiteral("value")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(tag("error").value(QStringLiteral("value")).toBool(), true);
    QCOMPARE(tag("otel.status_description").value(QStringLiteral("value")).toString(), QStringLiteral("card declined"));
    QCOMPARE(tag("otel.scope.name").value(QStringLiteral("value")).toString(), QStringLiteral("billing.manual"));
    QCOMPARE(tag("otel.scope.version").value(QStringLiteral("value")).toString(), QStringLiteral("1.2"));
    QCOMPARE(tag("w3c.tracestate").value(QStringLiteral("value")).toString(), QStringLiteral("rojo=1"));

    const QJsonObject log = root.value(QStringLiteral("logs")).toArray().first().toObject();
    QCOMPARE(log.value(QStringLiteral("timestamp")).toInteger(), 1'700'000'000'123'458);
    const QJsonArray fields = log.value(QStringLiteral("fields")).toArray();
    QCOMPARE(fields[0].toObject().value(QStringLiteral("key")).toString(), QStringLiteral("event"));
    QCOMPARE(fields[0].toObject().value(QStringLiteral("value")).toString(), QStringLiteral("retry"));
    QCOMPARE(fields[1].toObject().value(QStringLiteral("value")).toInt(), 2);

    const QJsonObject child = spans[1].toObject();
    QCOMPARE(child.value(QStringLiteral("references"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("refType"))
                 .toString(),
        QStringLiteral("CHILD_OF"));
    QVERIFY(!child.contains(QStringLiteral("flags")));
    QVERIFY(findByKey(child.value(QStringLiteral("tags")).toArray(), QStringLiteral("error")).isEmpty());
    const QJsonObject processes = trace.value(QStringLiteral("processes")).toObject();
    QCOMPARE(processes.size(), 2);
    const QJsonObject billing = processes.value(root.value(QStringLiteral("processID")).toString()).toObject();
    QCOMPARE(billing.value(QStringLiteral("serviceName")).toString(), QStringLiteral("billing"));
    const QJsonArray processTags = billing.value(QStringLiteral("tags")).toArray();
    QCOMPARE(processTags.size(), 1); // service.name is the process name, not a tag
    QCOMPARE(processTags[0].toObject().value(QStringLiteral("key")).toString(), QStringLiteral("process.pid"));
    QCOMPARE(processes.value(child.value(QStringLiteral("processID")).toString())
                 .toObject()
                 .value(QStringLiteral("serviceName"))
                 .toString(),
        QStringLiteral("ledger"));
}

void TestDemoGenerator::otlpDocument()
{
    const auto traces = generateAll(demo(3000));
    // Every integer attribute, by span id and key: OTLP writes them all as exact decimal strings.
    std::map<std::pair<std::string, std::string>, int64_t> integers;
    for (const Trace& trace : traces) {
        for (const SpanRecord& span : trace) {
            for (const Attribute& attribute : span.attributes) {
                if (attribute.value.type == AttributeValue::Type::Int)
                    integers[{ spanIdToHex(span.spanId), attribute.key }] = attribute.value.intValue;
            }
        }
    }
    QVERIFY(!integers.empty());
    const QJsonObject root = parseObject(writeTraces(traces, DemoFormat::OtlpJson));
    const QJsonArray resourceSpans = root.value(QStringLiteral("resourceSpans")).toArray();
    QVERIFY(!resourceSpans.isEmpty());
    size_t spans = 0;
    size_t checkedIntegers = 0;
    std::set<QString> traceIds;
    for (const QJsonValue& resourceValue : resourceSpans) {
        const QJsonObject resource = resourceValue.toObject();
        const QJsonArray attributes
            = resource.value(QStringLiteral("resource")).toObject().value(QStringLiteral("attributes")).toArray();
        QVERIFY(!findByKey(attributes, QStringLiteral("service.name")).isEmpty());
        QVERIFY(findByKey(attributes, QStringLiteral("process.pid"))
                    .value(QStringLiteral("value"))
                    .toObject()
                    .value(QStringLiteral("intValue"))
                    .isString());
        std::set<QString> scopeNames;
        QString traceOfGroup;
        for (const QJsonValue& scopeValue : resource.value(QStringLiteral("scopeSpans")).toArray()) {
            const QJsonObject scopeSpans = scopeValue.toObject();
            const QString scopeName
                = scopeSpans.value(QStringLiteral("scope")).toObject().value(QStringLiteral("name")).toString();
            QVERIFY(!scopeName.isEmpty());
            QVERIFY(scopeNames.insert(scopeName).second); // one ScopeSpans per scope and resource
            for (const QJsonValue& spanValue : scopeSpans.value(QStringLiteral("spans")).toArray()) {
                const QJsonObject span = spanValue.toObject();
                ++spans;
                const QString traceId = span.value(QStringLiteral("traceId")).toString();
                QCOMPARE(traceId.size(), 32);
                if (traceOfGroup.isEmpty())
                    traceOfGroup = traceId;
                QCOMPARE(traceId, traceOfGroup); // a ResourceSpans holds one trace
                traceIds.insert(traceId);
                QCOMPARE(span.value(QStringLiteral("spanId")).toString().size(), 16);
                const int kind = span.value(QStringLiteral("kind")).toInt(-1);
                QVERIFY(kind >= 1 && kind <= 5);
                QVERIFY(span.value(QStringLiteral("startTimeUnixNano")).isString());
                QVERIFY(span.value(QStringLiteral("startTimeUnixNano")).toString().toLongLong()
                    < span.value(QStringLiteral("endTimeUnixNano")).toString().toLongLong());
                QVERIFY(span.value(QStringLiteral("status")).isObject());
                const std::string spanId = span.value(QStringLiteral("spanId")).toString().toStdString();
                for (const QJsonValue& attribute : span.value(QStringLiteral("attributes")).toArray()) {
                    const QJsonObject value = attribute.toObject().value(QStringLiteral("value")).toObject();
                    if (!value.contains(QStringLiteral("intValue")))
                        continue;
                    QVERIFY(value.value(QStringLiteral("intValue")).isString());
                    const auto expected = integers.find(
                        { spanId, attribute.toObject().value(QStringLiteral("key")).toString().toStdString() });
                    QVERIFY(expected != integers.end());
                    QCOMPARE(value.value(QStringLiteral("intValue")).toString().toStdString(),
                        std::to_string(expected->second));
                    ++checkedIntegers;
                }
            }
        }
    }
    QCOMPARE(spans, size_t(3000));
    QCOMPARE(traceIds.size(), traces.size());
    QCOMPARE(checkedIntegers, integers.size());
}

void TestDemoGenerator::otlpLines()
{
    const auto traces = generateAll(demo(2000, 13));
    const QByteArray bytes = writeTraces(traces, DemoFormat::OtlpJsonLines);
    QVERIFY(bytes.endsWith('\n'));
    const QList<QByteArray> lines = bytes.trimmed().split('\n');
    QCOMPARE(size_t(lines.size()), traces.size());
    size_t spans = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QJsonObject line = parseObject(lines[i]);
        const QJsonArray resourceSpans = line.value(QStringLiteral("resourceSpans")).toArray();
        QVERIFY(!resourceSpans.isEmpty());
        size_t lineSpans = 0;
        for (const QJsonValue& resource : resourceSpans) {
            for (const QJsonValue& scope : resource.toObject().value(QStringLiteral("scopeSpans")).toArray()) {
                const QJsonArray jsonSpans = scope.toObject().value(QStringLiteral("spans")).toArray();
                for (const QJsonValue& span : jsonSpans)
                    QCOMPARE(span.toObject().value(QStringLiteral("traceId")).toString().toStdString(),
                        traces[size_t(i)].front().traceId.toHex());
                lineSpans += size_t(jsonSpans.size());
            }
        }
        QCOMPARE(lineSpans, traces[size_t(i)].size());
        spans += lineSpans;
    }
    QCOMPARE(spans, size_t(2000));
}

void TestDemoGenerator::otlpRules()
{
    const QJsonObject root = parseObject(writeTraces({ handmadeTrace() }, DemoFormat::OtlpJson));
    const QJsonArray resourceSpans = root.value(QStringLiteral("resourceSpans")).toArray();
    QCOMPARE(resourceSpans.size(), 2); // billing (a resource) and ledger (a service name only)
    const QJsonObject billing = resourceSpans[0].toObject();
    const QJsonArray resourceAttributes
        = billing.value(QStringLiteral("resource")).toObject().value(QStringLiteral("attributes")).toArray();
    QCOMPARE(resourceAttributes.size(), 2);
    const QJsonObject scopeSpans = billing.value(QStringLiteral("scopeSpans")).toArray().first().toObject();
    const QJsonObject scope = scopeSpans.value(QStringLiteral("scope")).toObject();
    QCOMPARE(scope.value(QStringLiteral("name")).toString(), QStringLiteral("billing.manual"));
    QCOMPARE(scope.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    const QJsonObject span = scopeSpans.value(QStringLiteral("spans")).toArray().first().toObject();
    QCOMPARE(span.value(QStringLiteral("traceId")).toString(), QStringLiteral("00000000000000000000000000abcdef"));
    QCOMPARE(span.value(QStringLiteral("spanId")).toString(), QStringLiteral("0000000000001111"));
    QVERIFY(!span.contains(QStringLiteral("parentSpanId")));
    QCOMPARE(span.value(QStringLiteral("flags")).toInt(), 0x301);
    QCOMPARE(span.value(QStringLiteral("traceState")).toString(), QStringLiteral("rojo=1"));
    QCOMPARE(span.value(QStringLiteral("kind")).toInt(), 2);
    QCOMPARE(span.value(QStringLiteral("startTimeUnixNano")).toString(), QStringLiteral("1700000000123456789"));
    QCOMPARE(span.value(QStringLiteral("endTimeUnixNano")).toString(), QStringLiteral("1700000000128457788"));
    QCOMPARE(span.value(QStringLiteral("status")).toObject().value(QStringLiteral("code")).toInt(), 2);
    QCOMPARE(span.value(QStringLiteral("status")).toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("card declined"));

    const QJsonArray attributes = span.value(QStringLiteral("attributes")).toArray();
    auto value = [&](const char* key) {
        return findByKey(attributes, QLatin1String(key)).value(QStringLiteral("value")).toObject();
    };
    QCOMPARE(value("safe").value(QStringLiteral("intValue")).toString(), QStringLiteral("9007199254740991"));
    QCOMPARE(value("unsafe").value(QStringLiteral("intValue")).toString(), QStringLiteral("9007199254740992"));
    QCOMPARE(value("negative").value(QStringLiteral("intValue")).toString(), QStringLiteral("-1152921504606846976"));
    QCOMPARE(value("ok").value(QStringLiteral("boolValue")).toBool(), true);
    QCOMPARE(value("ratio").value(QStringLiteral("doubleValue")).toDouble(), 0.25);
    QCOMPARE(value("raw").value(QStringLiteral("bytesValue")).toString(), QStringLiteral("AP8="));
    const QJsonArray list
        = value("list").value(QStringLiteral("arrayValue")).toObject().value(QStringLiteral("values")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[1].toObject().value(QStringLiteral("stringValue")).toString(), QStringLiteral("b"));
    const QJsonArray map
        = value("map").value(QStringLiteral("kvlistValue")).toObject().value(QStringLiteral("values")).toArray();
    QCOMPARE(map[0].toObject().value(QStringLiteral("key")).toString(), QStringLiteral("n"));
    QCOMPARE(map[0].toObject().value(QStringLiteral("value")).toObject().value(QStringLiteral("intValue")).toString(),
        QStringLiteral("1"));

    const QJsonObject event = span.value(QStringLiteral("events")).toArray().first().toObject();
    QCOMPARE(event.value(QStringLiteral("name")).toString(), QStringLiteral("retry"));
    QCOMPARE(event.value(QStringLiteral("timeUnixNano")).toString(), QStringLiteral("1700000000123458289"));
    const QJsonObject link = span.value(QStringLiteral("links")).toArray().first().toObject();
    QCOMPARE(link.value(QStringLiteral("traceId")).toString(), QStringLiteral("00000000000012340000000000005678"));
    QCOMPARE(link.value(QStringLiteral("spanId")).toString(), QStringLiteral("0000000000000099"));
    QCOMPARE(findByKey(link.value(QStringLiteral("attributes")).toArray(), QStringLiteral("why"))
                 .value(QStringLiteral("value"))
                 .toObject()
                 .value(QStringLiteral("stringValue"))
                 .toString(),
        QStringLiteral("batch"));

    const QJsonObject ledger = resourceSpans[1].toObject();
    const QJsonArray ledgerAttributes
        = ledger.value(QStringLiteral("resource")).toObject().value(QStringLiteral("attributes")).toArray();
    QCOMPARE(findByKey(ledgerAttributes, QStringLiteral("service.name"))
                 .value(QStringLiteral("value"))
                 .toObject()
                 .value(QStringLiteral("stringValue"))
                 .toString(),
        QStringLiteral("ledger"));
    const QJsonObject ledgerScope = ledger.value(QStringLiteral("scopeSpans")).toArray().first().toObject();
    QVERIFY(!ledgerScope.contains(QStringLiteral("scope")));
    const QJsonObject child = ledgerScope.value(QStringLiteral("spans")).toArray().first().toObject();
    QCOMPARE(child.value(QStringLiteral("parentSpanId")).toString(), QStringLiteral("0000000000001111"));
    QCOMPARE(child.value(QStringLiteral("kind")).toInt(), 3);
    QVERIFY(child.value(QStringLiteral("status")).toObject().isEmpty());
}

void TestDemoGenerator::writeDemoFileFormats_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("lines");
    QTest::addRow("jaeger") << QStringLiteral("jaeger") << false;
    QTest::addRow("otlp-json") << QStringLiteral("otlp-json") << false;
    QTest::addRow("otlp-jsonl") << QStringLiteral("otlp-jsonl") << true;
}

void TestDemoGenerator::writeDemoFileFormats()
{
    QFETCH(QString, name);
    QFETCH(bool, lines);
    const auto format = demoFormatFromName(name);
    QVERIFY(format);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.json"));
    QString error;
    QVERIFY2(writeDemoFile(demo(1500, 6), *format, path, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    // The file holds exactly what the writers produce from the generator.
    QCOMPARE(bytes, writeTraces(generateAll(demo(1500, 6)), *format));
    if (lines) {
        QCOMPARE(bytes.trimmed().split('\n').size(), 6);
        for (const QByteArray& line : bytes.trimmed().split('\n'))
            QVERIFY(!parseObject(line).isEmpty());
    } else {
        QVERIFY(!parseObject(bytes).isEmpty());
    }
}

void TestDemoGenerator::writeFailures()
{
    QString error;
    QVERIFY(!writeDemoFile(demo(10), DemoFormat::Jaeger, QStringLiteral("/nonexistent-dir/demo.json"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!writeDemoFile(demo(10), DemoFormat::Jaeger, QStringLiteral("/nonexistent-dir/demo.json"), nullptr));

    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full");
    QFile full(QStringLiteral("/dev/full"));
    QVERIFY(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    OtlpJsonWriter writer(full, OtlpJsonWriter::Layout::Lines);
    DemoGenerator generator(demo(5000, 10));
    Trace trace;
    bool ok = writer.begin();
    while (ok && generator.nextTrace(trace))
        ok = writer.writeTrace(trace);
    ok = ok && writer.finish();
    QVERIFY(!ok);
    QVERIFY(!writer.errorMessage().isEmpty());
}

void TestDemoGenerator::formatNames()
{
    QCOMPARE(demoFormatFromName(u"jaeger"), DemoFormat::Jaeger);
    QCOMPARE(demoFormatFromName(u"OTLP-JSON"), DemoFormat::OtlpJson);
    QCOMPARE(demoFormatFromName(u"otlp-jsonl"), DemoFormat::OtlpJsonLines);
    QCOMPARE(demoFormatFromName(u"otlp-proto"), DemoFormat::OtlpProto);
    QCOMPARE(demoFormatFromName(u"zipkin"), DemoFormat::Zipkin);
    QVERIFY(!demoFormatFromName(u"zipkin-v3"));
    QVERIFY(!demoFormatFromName(u""));
    for (const QString& name : demoFormatNames())
        QCOMPARE(demoFormatName(*demoFormatFromName(name)), name);
    QCOMPARE(demoFormatNames().size(), 5);
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
