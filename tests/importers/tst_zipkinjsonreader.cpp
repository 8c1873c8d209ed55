// SPDX-License-Identifier: MIT
#include "bytesource.h"
#include "demogenerator.h"
#include "jsoninput.h"
#include "jsonshape.h"
#include "jsonstreamparser.h"
#include "readertestsupport.h"
#include "spanbatch.h"
#include "traceimporter.h"
#include "zipkinjsonreader.h"
#include "zipkinjsonwriter.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
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
    // The span with this id on this side; nullptr when there is none.
    const SpanRecord* span(SpanId id, SpanSide side = SpanSide::Primary, std::string_view service = {}) const
    {
        for (const SpanRecord& span : spans) {
            if (span.spanId == id && span.side == side && (service.empty() || span.serviceName == service))
                return &span;
        }
        return nullptr;
    }
    const SpanRecord* named(std::string_view name) const { return testsupport::spanNamed(spans, name); }
    const ImportMessage* warning(std::string_view text) const { return testsupport::warningContaining(report, text); }
    QByteArray warningList() const { return testsupport::warningList(report); }
};

const AttributeValue* attribute(const Attributes& attributes, std::string_view key)
{
    for (const Attribute& attribute : attributes) {
        if (attribute.key == key)
            return &attribute.value;
    }
    return nullptr;
}

std::string text(const Attributes& attributes, std::string_view key)
{
    const AttributeValue* value = attribute(attributes, key);
    return value ? value->toText() : std::string("<absent>");
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
    return QStringLiteral(SKEIN_TEST_DATA_DIR "/zipkin/") + name;
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
Run readDirectly(const QByteArray& data, size_t pendingLimit = 0)
{
    Run run;
    CollectingSink sink;
    {
        const JsonShape shape = sniffJsonShape(std::string_view(data.constData(), size_t(data.size())));
        auto source = ByteSource::fromMemory(data, QStringLiteral("test"));
        JsonInput input(*source);
        SpanBatch batch(sink);
        ZipkinJsonReader reader(batch, run.report, shape);
        if (pendingLimit)
            reader.setPendingLimit(pendingLimit);
        JsonStreamParser parser;
        if (parser.parse(input, reader, run.report))
            batch.flush();
    }
    run.spans = std::move(sink.spans);
    return run;
}

constexpr int64_t us = 1000; // nanoseconds in a microsecond

SpanId id(const char* hex)
{
    return *spanIdFromHex(hex);
}

} // namespace

class TestZipkinJsonReader : public QObject {
    Q_OBJECT

private slots:
    void fixtures_data();
    void fixtures();
    void v2Mapping();
    void singleObjectAndShortIds();
    void arrayOfArrays();
    void sharedHalves();
    void fragments();
    void missingTimestamps();
    void v1BothHalvesInOneRecord();
    void v1LocalComponent();
    void v1LoopbackAndMessaging();
    void invalidIds();
    void pendingLimitKeepsEverySpan();
    void corpus_data();
    void corpus();
    void writerRoundTrip();
    void throughput();
};

void TestZipkinJsonReader::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("spans");
    QTest::addColumn<int>("traces");
    QTest::addColumn<int>("services");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QString>("format");

    const QString v2 = QStringLiteral("zipkin-v2-json");
    const QString v1 = QStringLiteral("zipkin-v1-json");
    QTest::newRow("v2 array") << "v2-array.json" << 2 << 2 << 1 << 1 << 0 << v2;
    QTest::newRow("v2 single object") << "v2-single.json" << 1 << 1 << 1 << 1 << 0 << v2;
    QTest::newRow("v2 array of arrays") << "v2-array-of-arrays.json" << 3 << 3 << 2 << 2 << 0 << v2;
    QTest::newRow("shared halves") << "shared-halves.json" << 4 << 4 << 1 << 2 << 0 << v2;
    QTest::newRow("fragments") << "fragments.json" << 6 << 6 << 1 << 3 << 0 << v2;
    QTest::newRow("missing timestamps") << "missing-timestamps.json" << 4 << 4 << 1 << 1 << 0 << v2;
    // One v1 record with both RPC halves is one record and two spans.
    QTest::newRow("v1 both halves") << "v1-rpc.json" << 1 << 2 << 1 << 2 << 0 << v1;
    QTest::newRow("v1 local component") << "v1-local-component.json" << 2 << 2 << 1 << 1 << 0 << v1;
    QTest::newRow("v1 loopback and messaging") << "v1-loopback-messaging.json" << 3 << 5 << 1 << 4 << 0 << v1;
    QTest::newRow("invalid ids") << "invalid-ids.json" << 8 << 2 << 1 << 1 << 6 << v2;
}

void TestZipkinJsonReader::fixtures()
{
    QFETCH(QString, file);
    QFETCH(int, records);
    QFETCH(int, spans);
    QFETCH(int, traces);
    QFETCH(int, services);
    QFETCH(int, skipped);
    QFETCH(QString, format);

    const Run run = importFixture(file);
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(run.report.records, uint64_t(records));
    QCOMPARE(run.spans.size(), size_t(spans));
    QCOMPARE(run.traceCount(), size_t(traces));
    QCOMPARE(run.serviceCount(), size_t(services));
    QCOMPARE(run.report.skippedRecords, uint64_t(skipped));
    QCOMPARE(QString::fromStdString(run.report.format), format);
    for (const SpanRecord& span : run.spans) {
        QVERIFY(span.resource);
        QCOMPARE(span.serviceName, span.resource->serviceName);
    }

    // The reader alone gives the same spans as the whole import path.
    const Run direct = readDirectly(readFile(fixture(file)));
    QCOMPARE(direct.spans.size(), run.spans.size());
    QCOMPARE(direct.report.records, run.report.records);
}

void TestZipkinJsonReader::v2Mapping()
{
    const Run run = importFixture(QStringLiteral("v2-array.json"));
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    const SpanRecord* client = run.span(id("a2fb4a1d1a96d312"));
    QVERIFY(client);
    QCOMPARE(client->traceId.toHex(), std::string("463ac35c9f6413ad48485a3953bb6124"));
    QCOMPARE(client->parentSpanId, SpanId(0));
    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->name, std::string("get /checkout"));
    QCOMPARE(client->startNs, int64_t(1700000000123456) * us);
    QCOMPARE(client->durationNs, int64_t(1500) * us);
    QCOMPARE(client->flags & 0x2u, 0x2u); // debug
    QCOMPARE(client->status, StatusCode::Error);
    QCOMPARE(client->statusMessage, std::string("upstream timed out"));
    QCOMPARE(text(client->attributes, "http.status_code"), std::string("503"));
    QCOMPARE(attribute(client->attributes, "http.status_code")->type, AttributeValue::Type::String);
    QCOMPARE(text(client->attributes, "error"), std::string("upstream timed out"));
    // The remote endpoint becomes peer attributes; ipv6 alone is the peer's ip.
    QCOMPARE(text(client->attributes, "peer.service"), std::string("checkout"));
    QCOMPARE(text(client->attributes, "net.peer.ip"), std::string("2001:db8::c001"));
    QCOMPARE(attribute(client->attributes, "net.peer.port")->type, AttributeValue::Type::Int);
    QCOMPARE(attribute(client->attributes, "net.peer.port")->intValue, int64_t(9000));
    QCOMPARE(client->events.size(), size_t(2));
    QCOMPARE(client->events[0].name, std::string("ws"));
    QCOMPARE(client->events[0].timeNs, int64_t(1700000000123500) * us);
    QCOMPARE(client->events[1].timeNs, int64_t(1700000000124900) * us);
    // The local endpoint is the resource, shared by both spans.
    QCOMPARE(client->serviceName, std::string("frontend"));
    QCOMPARE(text(client->resource->attributes, "net.host.ip"), std::string("10.0.0.1"));
    QCOMPARE(attribute(client->resource->attributes, "net.host.port")->intValue, int64_t(8080));

    const SpanRecord* child = run.span(id("0020000000000001"));
    QVERIFY(child);
    QCOMPARE(child->parentSpanId, id("a2fb4a1d1a96d312"));
    QCOMPARE(child->kind, SpanKind::Unspecified);
    QCOMPARE(child->flags, 0u);
    QCOMPARE(child->status, StatusCode::Unset);
    QCOMPARE(child->resource.get(), client->resource.get());
    // A number where Zipkin expects a string keeps its JSON text.
    QCOMPARE(text(child->attributes, "retries"), std::string("2"));
}

void TestZipkinJsonReader::singleObjectAndShortIds()
{
    const Run run = importFixture(QStringLiteral("v2-single.json"));
    QCOMPARE(run.spans.size(), size_t(1));
    const SpanRecord& span = run.spans.front();
    // A 32-digit id with 16 leading zeros is the 64-bit id; short ids are left-padded.
    QCOMPARE(span.traceId, *TraceId::fromHex("abcdef"));
    QCOMPARE(span.spanId, SpanId(1));
    QCOMPARE(span.parentSpanId, SpanId(2));
    QCOMPARE(span.kind, SpanKind::Server);
    QCOMPARE(span.side, SpanSide::Primary);
    QCOMPARE(span.name, std::string("单个"));
    QCOMPARE(span.serviceName, std::string("订单服务"));
    QCOMPARE(span.startNs, int64_t(1600000000000001) * us);
    QCOMPARE(span.durationNs, int64_t(1000));
}

void TestZipkinJsonReader::arrayOfArrays()
{
    const Run run = importFixture(QStringLiteral("v2-array-of-arrays.json"));
    QCOMPARE(run.spans.size(), size_t(3));
    const SpanRecord* child = run.named("child");
    QVERIFY(child);
    QCOMPARE(child->parentSpanId, SpanId(1));
    QCOMPARE(child->serviceName, std::string("beta"));
    const SpanRecord* other = run.named("other");
    QVERIFY(other);
    QCOMPARE(other->traceId, *TraceId::fromHex("2222222222222222"));
    // Resources are shared between batches by their content.
    QCOMPARE(run.named("root")->resource.get(), other->resource.get());
}

void TestZipkinJsonReader::sharedHalves()
{
    const Run run = importFixture(QStringLiteral("shared-halves.json"));
    // Client and server halves of one id are both kept, on their own sides.
    const SpanRecord* client = run.span(id("74280ae0c10d8062"), SpanSide::Primary);
    const SpanRecord* server = run.span(id("74280ae0c10d8062"), SpanSide::SharedServer);
    QVERIFY(client);
    QVERIFY(server);
    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->serviceName, std::string("servicea"));
    QCOMPARE(client->parentSpanId, id("bf396325699c84bf"));
    QCOMPARE(server->kind, SpanKind::Server);
    QCOMPARE(server->serviceName, std::string("serviceb"));
    // The server half hangs under the client half, so the network time between them stays visible.
    QCOMPARE(server->parentSpanId, server->spanId);
    QCOMPARE(text(server->attributes, "net.peer.ip"), std::string("127.0.0.1"));
    QCOMPARE(attribute(server->attributes, "net.peer.port")->intValue, int64_t(52000));
    QCOMPARE(server->startNs, int64_t(1470150004008761) * us);

    // A shared server half whose client half is not in the file keeps its own parent (here: a root).
    const SpanRecord* root = run.span(id("bf396325699c84bf"), SpanSide::SharedServer);
    QVERIFY(root);
    QCOMPARE(root->parentSpanId, SpanId(0));
    // A child of the shared id keeps the id as its parent.
    const SpanRecord* query = run.span(id("43210ae0c10d8062"));
    QVERIFY(query);
    QCOMPARE(query->parentSpanId, id("74280ae0c10d8062"));
}

void TestZipkinJsonReader::fragments()
{
    const Run run = importFixture(QStringLiteral("fragments.json"));
    QCOMPARE(run.spans.size(), size_t(6));
    const SpanId rpc = id("a0dc23f22c4fee3f");
    // The kind-less fragment from the server's host joins the server half, even though it came first.
    const SpanRecord* serverFragment = run.span(rpc, SpanSide::SharedServer, "platformapi");
    QVERIFY(serverFragment);
    size_t serverRecords = 0, clientRecords = 0;
    for (const SpanRecord& span : run.spans) {
        if (span.spanId != rpc)
            continue;
        if (span.side == SpanSide::SharedServer) {
            ++serverRecords;
            QCOMPARE(span.serviceName, std::string("platformapi"));
            QCOMPARE(span.parentSpanId, rpc);
        } else {
            ++clientRecords;
            QVERIFY(span.serviceName != "platformapi");
            QCOMPARE(span.parentSpanId, id("cfcd115a2af18bd9"));
        }
    }
    QCOMPARE(serverRecords, size_t(2));
    QCOMPARE(clientRecords, size_t(2));
    // A fragment without an endpoint belongs with the client half (Zipkin merges it with any endpoint).
    const SpanRecord* clientFragment = nullptr;
    for (const SpanRecord& span : run.spans) {
        if (span.spanId == rpc && text(span.attributes, "fragment") == "client")
            clientFragment = &span;
    }
    QVERIFY(clientFragment);
    QCOMPARE(clientFragment->side, SpanSide::Primary);
    QCOMPARE(clientFragment->serviceName, std::string());

    // A SERVER span that shares its id with a CLIENT span but lacks "shared" is the server half anyway.
    const SpanId log = id("6c59056709a0b1e4");
    const SpanRecord* logServer = run.span(log, SpanSide::SharedServer);
    QVERIFY(logServer);
    QCOMPARE(logServer->serviceName, std::string("session_logs"));
    QCOMPARE(logServer->parentSpanId, log);
    QVERIFY(run.span(log, SpanSide::Primary, "platformapi"));
}

void TestZipkinJsonReader::missingTimestamps()
{
    const Run run = importFixture(QStringLiteral("missing-timestamps.json"));
    const SpanRecord* derived = run.named("from annotations");
    QVERIFY(derived);
    QCOMPARE(derived->startNs, int64_t(1700000000000100) * us);
    QCOMPARE(derived->durationNs, int64_t(400) * us);
    QCOMPARE(derived->events.size(), size_t(2));
    QCOMPARE(derived->events[0].name, std::string("a")); // annotations in time order
    const SpanRecord* noDuration = run.named("no duration");
    QVERIFY(noDuration);
    QCOMPARE(noDuration->startNs, int64_t(1700000000000000) * us);
    QCOMPARE(noDuration->durationNs, int64_t(300) * us);
    for (const char* name : { "nothing", "zero" }) {
        const SpanRecord* untimed = run.named(name);
        QVERIFY(untimed);
        QCOMPARE(untimed->startNs, int64_t(0));
        QCOMPARE(untimed->durationNs, int64_t(0));
    }
    const ImportMessage* warning = run.warning("2 spans have no \"timestamp\"");
    QVERIFY2(warning, run.warningList().constData());
    QCOMPARE(warning->position.line, int64_t(6));
    QCOMPARE(run.report.warnings.size(), size_t(1));
}

void TestZipkinJsonReader::v1BothHalvesInOneRecord()
{
    const Run run = importFixture(QStringLiteral("v1-rpc.json"));
    QVERIFY2(run.report.warnings.empty(), run.warningList().constData());
    const SpanId rpc = id("d673d7abe80d2f3f");
    const SpanRecord* client = run.span(rpc, SpanSide::Primary);
    const SpanRecord* server = run.span(rpc, SpanSide::SharedServer);
    QVERIFY(client);
    QVERIFY(server);

    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->serviceName, std::string("web"));
    QCOMPARE(client->parentSpanId, id("83c138a4ee0f3de9"));
    // The client owns the record's timestamp and duration.
    QCOMPARE(client->startNs, int64_t(1461750491274000) * us);
    QCOMPARE(client->durationNs, int64_t(51000) * us);
    QCOMPARE(text(client->attributes, "http.uri"), std::string("/api/v1/traces"));
    QVERIFY(!attribute(client->attributes, "http.path"));
    QVERIFY(!attribute(client->attributes, "bytes")); // numeric values are dropped, as Zipkin does
    // "sa" is the client's remote endpoint.
    QCOMPARE(text(client->attributes, "peer.service"), std::string("query"));
    QCOMPARE(text(client->attributes, "net.peer.ip"), std::string("172.18.0.4"));
    QCOMPARE(attribute(client->attributes, "net.peer.port")->intValue, int64_t(9411));
    // Core annotations become timing, not events; ws/wr stay events.
    QCOMPARE(client->events.size(), size_t(2));
    QCOMPARE(client->events[0].name, std::string("ws"));
    QCOMPARE(client->events[1].name, std::string("wr"));
    QCOMPARE(text(client->resource->attributes, "net.host.ip"), std::string("127.0.0.1"));

    QCOMPARE(server->kind, SpanKind::Server);
    QCOMPARE(server->serviceName, std::string("query"));
    QCOMPARE(server->parentSpanId, rpc);
    QCOMPARE(server->startNs, int64_t(1461750491298000) * us);
    QCOMPARE(server->durationNs, int64_t(4000) * us);
    QCOMPARE(text(server->attributes, "http.path"), std::string("/api/v1/traces"));
    QCOMPARE(text(server->attributes, "net.peer.ip"), std::string("172.18.0.3")); // "ca"
    QCOMPARE(server->events.size(), size_t(1));
    QCOMPARE(server->events[0].name, std::string("cache miss"));
    QCOMPARE(attribute(server->resource->attributes, "net.host.port")->intValue, int64_t(9411));
}

void TestZipkinJsonReader::v1LocalComponent()
{
    const Run run = importFixture(QStringLiteral("v1-local-component.json"));
    const SpanRecord* check = run.named("checkStock");
    QVERIFY(check);
    QCOMPARE(check->serviceName, std::string());
    QCOMPARE(text(check->attributes, "lc"), std::string("inventory"));
    QCOMPARE(check->kind, SpanKind::Unspecified);
    QCOMPARE(check->startNs, int64_t(1544805927453923) * us);
    QCOMPARE(check->durationNs, int64_t(3740) * us);
    const SpanRecord* send = run.named("sendOrder");
    QVERIFY(send);
    // An empty "lc" only says where the span ran: its endpoint gives the service.
    QCOMPARE(send->serviceName, std::string("orders"));
    QVERIFY(!attribute(send->attributes, "lc"));
    QCOMPARE(text(send->resource->attributes, "net.host.ip"), std::string("172.31.0.7"));
    QVERIFY(!attribute(send->resource->attributes, "net.host.port")); // port 0 is no port
}

void TestZipkinJsonReader::v1LoopbackAndMessaging()
{
    const Run run = importFixture(QStringLiteral("v1-loopback-messaging.json"));
    // A service calling itself still gets a client and a server span.
    const SpanId self = id("0000000000000010");
    const SpanRecord* client = run.span(self, SpanSide::Primary);
    const SpanRecord* server = run.span(self, SpanSide::SharedServer);
    QVERIFY(client);
    QVERIFY(server);
    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->startNs, int64_t(1700000000000000) * us);
    QCOMPARE(client->durationNs, int64_t(1000) * us);
    QCOMPARE(server->kind, SpanKind::Server);
    QCOMPARE(server->serviceName, std::string("loop"));
    QCOMPARE(server->startNs, int64_t(1700000000000100) * us);
    QCOMPARE(server->durationNs, int64_t(700) * us);

    // ms/mr from two hosts: a producer and a shared consumer, both with the broker as remote endpoint.
    const SpanId publish = id("0000000000000020");
    const SpanRecord* producer = run.span(publish, SpanSide::Primary);
    const SpanRecord* consumer = run.span(publish, SpanSide::SharedServer);
    QVERIFY(producer);
    QVERIFY(consumer);
    QCOMPARE(producer->kind, SpanKind::Producer);
    QCOMPARE(producer->serviceName, std::string("producer"));
    QCOMPARE(producer->durationNs, int64_t(100) * us);
    QCOMPARE(consumer->kind, SpanKind::Consumer);
    QCOMPARE(consumer->serviceName, std::string("consumer"));
    QCOMPARE(consumer->startNs, int64_t(1700000000005000) * us);
    QCOMPARE(consumer->durationNs, int64_t(300) * us);
    QCOMPARE(consumer->parentSpanId, publish);
    for (const SpanRecord* span : { producer, consumer }) {
        QCOMPARE(text(span->attributes, "peer.service"), std::string("kafka"));
        QCOMPARE(attribute(span->attributes, "net.peer.port")->intValue, int64_t(9092));
    }

    // sr/ss without the record's timestamp: a server half whose client did not report; parent kept.
    const SpanRecord* lone = run.span(id("0000000000000030"), SpanSide::SharedServer);
    QVERIFY(lone);
    QCOMPARE(lone->kind, SpanKind::Server);
    QCOMPARE(lone->parentSpanId, self);
    QCOMPARE(lone->startNs, int64_t(1700000000003000) * us);
    QCOMPARE(lone->durationNs, int64_t(400) * us);
}

void TestZipkinJsonReader::invalidIds()
{
    const Run run = importFixture(QStringLiteral("invalid-ids.json"));
    QVERIFY(!run.report.rejected);
    QCOMPARE(run.spans.size(), size_t(2));
    const SpanRecord* span = run.named("bad parent");
    QVERIFY(span);
    QCOMPARE(span->parentSpanId, SpanId(0));
    QCOMPARE(span->kind, SpanKind::Unspecified);
    const SpanRecord* ownParent = run.named("own parent");
    QVERIFY(ownParent);
    QCOMPARE(ownParent->parentSpanId, SpanId(0));

    struct Expected {
        const char* text;
        int64_t line;
    };
    const Expected expected[] = {
        { "span \"traceId\" must be 16 or 32 hex digits, found the string \"zz\"; span skipped", 2 },
        { "span \"id\" must be 1-16 hex digits, found the string \"12345678901234567\"; span skipped", 3 },
        { "span has no \"id\"", 4 },
        { "span \"traceId\" must not be all zeros", 5 },
        { "expected a span object in the array, found the number 42; span skipped", 6 },
        { "span \"parentId\" must be 1-16 hex digits, found the string \"BADID\"", 7 },
        { "span \"kind\" must be CLIENT, SERVER, PRODUCER or CONSUMER, found the string \"SIDEWAYS\"", 7 },
        { "span \"id\" must be 1-16 hex digits, found the number 7", 8 },
        { "span \"parentId\" is the span's own id; the span is read without a parent", 9 },
    };
    for (const Expected& e : expected) {
        const ImportMessage* warning = run.warning(e.text);
        QVERIFY2(warning,
            qPrintable(QStringLiteral("missing \"%1\" among:\n%2")
                           .arg(QString::fromUtf8(e.text), QString::fromUtf8(run.warningList()))));
        QCOMPARE(warning->position.line, e.line);
    }

    // Only damaged records: the file is rejected with the first problem.
    const Run rejected = importData(R"([{"traceId":"zz","id":"1"},{"traceId":"1","id":"not hex"}])");
    QVERIFY(rejected.report.rejected);
    QVERIFY2(
        rejected.report.error.message.find("\"traceId\"") != std::string::npos, rejected.report.error.message.c_str());
}

void TestZipkinJsonReader::pendingLimitKeepsEverySpan()
{
    // Two interleaved traces with shared halves, read with a tiny hold limit: nothing is lost or duplicated.
    QByteArray data = "[";
    for (int i = 0; i < 200; ++i) {
        const QByteArray trace = (i % 2) ? "aaaaaaaaaaaaaaaa" : "bbbbbbbbbbbbbbbb";
        const QByteArray spanId = QByteArray::number(i / 2 + 1, 16);
        const char* kind = (i % 4) < 2 ? "CLIENT" : "SERVER";
        data += (i ? "," : "") + QByteArray(R"({"traceId":")") + trace + R"(","id":")" + spanId + R"(","kind":")" + kind
            + R"(","shared":)" + ((i % 4) < 2 ? "false" : "true")
            + R"(,"timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"s"}})";
    }
    data += "]";
    for (size_t limit : { size_t(1), size_t(7), size_t(100000) }) {
        const Run run = readDirectly(data, limit);
        QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
        QCOMPARE(run.report.records, uint64_t(200));
        QCOMPARE(run.spans.size(), size_t(200));
        QCOMPARE(run.traceCount(), size_t(2));
        const auto shared = std::count_if(run.spans.begin(), run.spans.end(),
            [](const SpanRecord& span) { return span.side == SpanSide::SharedServer; });
        QCOMPARE(shared, std::ptrdiff_t(100));
    }
}

void TestZipkinJsonReader::corpus_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expect");
    QTest::addColumn<QString>("traces");
    QTest::addColumn<QString>("records");
    QTest::addColumn<QString>("services");

    const QString root = QStringLiteral(SKEIN_CORPUS_DIR);
    QFile expected(root + QStringLiteral("/EXPECTED.tsv"));
    if (!expected.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    std::set<QString> seen;
    while (!expected.atEnd()) {
        const QList<QByteArray> columns = expected.readLine().trimmed().split('\t');
        if (columns.size() < 6)
            continue;
        const QString path = QString::fromUtf8(columns[0]);
        if (!path.startsWith(u"zipkin/") || !seen.insert(path).second)
            continue;
        QTest::addRow("%s", columns[0].constData())
            << path << QString::fromUtf8(columns[2]) << QString::fromUtf8(columns[3]) << QString::fromUtf8(columns[4])
            << QString::fromUtf8(columns[5]);
    }
}

void TestZipkinJsonReader::corpus()
{
    if (!QFile::exists(QStringLiteral(SKEIN_CORPUS_DIR "/EXPECTED.tsv")))
        QSKIP("the shared corpus (SKEIN_CORPUS_DIR) is not available; nothing to compare against");
    QFETCH(QString, path);
    QFETCH(QString, expect);
    QFETCH(QString, traces);
    QFETCH(QString, records);
    QFETCH(QString, services);

    const QByteArray data = readFile(QStringLiteral(SKEIN_CORPUS_DIR "/") + path);
    const Run imported = importData(data);
    QVERIFY(!imported.report.cancelled);
    if (expect == u"reject") {
        QVERIFY2(imported.report.rejected, "a file that must be rejected was imported");
        QVERIFY(!imported.report.error.message.empty());
        return;
    }
    if (imported.report.rejected) {
        QVERIFY2(expect == u"either", imported.report.error.message.c_str());
        QVERIFY(!imported.report.error.message.empty());
        // The only Zipkin-looking shape that is refused says what it is.
        if (path.contains(u"proto3"))
            QVERIFY2(imported.report.error.message.find("proto3") != std::string::npos,
                imported.report.error.message.c_str());
        return;
    }
    QVERIFY(imported.report.format == "zipkin-v2-json" || imported.report.format == "zipkin-v1-json");
    QCOMPARE(QString::number(imported.report.records), records);
    QCOMPARE(QString::number(imported.traceCount()), traces);
    QCOMPARE(QString::number(imported.serviceCount()), services);
    if (expect == u"import")
        QCOMPARE(imported.report.skippedRecords, uint64_t(0));

    // The reader alone under the parser counts the same.
    const Run direct = readDirectly(data);
    QCOMPARE(QString::number(direct.report.records), records);
    QCOMPARE(QString::number(direct.traceCount()), traces);
    QCOMPARE(QString::number(direct.serviceCount()), services);
    QCOMPARE(direct.spans.size(), imported.spans.size());
}

void TestZipkinJsonReader::writerRoundTrip()
{
    DemoOptions options;
    options.spans = 3000;
    DemoGenerator generator(options);
    std::vector<std::vector<SpanRecord>> traces;
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        ZipkinJsonWriter writer(buffer);
        QVERIFY(writer.begin());
        std::vector<SpanRecord> trace;
        while (generator.nextTrace(trace)) {
            QVERIFY(writer.writeTrace(trace));
            traces.push_back(trace);
        }
        QVERIFY(writer.finish());
    }
    const Run run = importData(buffer.data());
    QVERIFY2(!run.report.rejected, run.report.error.message.c_str());
    QCOMPARE(run.report.format, std::string("zipkin-v2-json"));
    QCOMPARE(run.spans.size(), size_t(options.spans));
    QCOMPARE(run.report.skippedRecords, uint64_t(0));
    QCOMPARE(run.traceCount(), traces.size());

    size_t index = 0;
    size_t errors = 0;
    for (const std::vector<SpanRecord>& trace : traces) {
        for (const SpanRecord& original : trace) {
            const SpanRecord& read = run.spans[index++];
            QCOMPARE(read.traceId, original.traceId);
            QCOMPARE(read.spanId, original.spanId);
            QCOMPARE(read.parentSpanId, original.parentSpanId);
            QCOMPARE(read.name, original.name);
            QCOMPARE(read.serviceName, original.serviceName);
            const SpanKind kind = original.kind == SpanKind::Internal ? SpanKind::Unspecified : original.kind;
            QCOMPARE(read.kind, kind);
            // Zipkin keeps microseconds.
            QCOMPARE(read.startNs / us, original.startNs / us);
            QVERIFY(std::abs(read.durationNs - original.durationNs) <= 500 || original.durationNs < us);
            QCOMPARE(read.status == StatusCode::Error, original.status == StatusCode::Error);
            errors += original.status == StatusCode::Error;
            QCOMPARE(read.events.size(), original.events.size());
            for (const Attribute& attribute : original.attributes)
                QCOMPARE(text(read.attributes, attribute.key), attribute.value.toText());
        }
    }
    QVERIFY(errors > 0);
}

// Measures the reader on a generated Zipkin file (20k spans by default; SKEIN_ZIPKIN_BENCH_SPANS for more).
void TestZipkinJsonReader::throughput()
{
    bool ok = false;
    uint64_t spans = qEnvironmentVariableIntValue("SKEIN_ZIPKIN_BENCH_SPANS", &ok);
    if (!ok || spans == 0)
        spans = 20000;
    DemoOptions options;
    options.spans = spans;
    DemoGenerator generator(options);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        ZipkinJsonWriter writer(buffer);
        QVERIFY(writer.begin());
        std::vector<SpanRecord> trace;
        while (generator.nextTrace(trace))
            QVERIFY(writer.writeTrace(trace));
        QVERIFY(writer.finish());
    }
    const QByteArray data = buffer.data();

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
        ZipkinJsonReader reader(batch, report, shape);
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

QTEST_GUILESS_MAIN(TestZipkinJsonReader)
#include "tst_zipkinjsonreader.moc"
