// SPDX-License-Identifier: MIT
#include "cacheschema.h"
#include "database.h"
#include "spanencoder.h"
#include "tracestore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <thread>

using namespace skein;

namespace {

TraceId traceId(uint64_t low)
{
    return TraceId { 0xabcdef0000000000ull, low };
}

std::shared_ptr<const Resource> resourceFor(const std::string& service)
{
    auto resource = std::make_shared<Resource>();
    resource->serviceName = service;
    resource->attributes = { { "service.name", AttributeValue::fromString(service) },
        { "host.name", AttributeValue::fromString("host-1") } };
    return resource;
}

SpanRecord makeSpan(uint64_t trace, SpanId spanId, SpanId parent, const std::string& service, const std::string& name,
    int64_t startNs, int64_t durationNs)
{
    SpanRecord span;
    span.traceId = traceId(trace);
    span.spanId = spanId;
    span.parentSpanId = parent;
    span.serviceName = service;
    span.name = name;
    span.startNs = startNs;
    span.durationNs = durationNs;
    span.kind = parent ? SpanKind::Internal : SpanKind::Server;
    span.resource = resourceFor(service);
    return span;
}

// Imports spans in batches and finishes with a clean report.
// writesAhead: counts the batches after which ImportSession::writeAhead() wrote, when not null.
std::optional<ImportCounts> importSpans(TraceStore& store, std::vector<SpanRecord> spans,
    const QString& source = QStringLiteral("test.json"), size_t batchSize = 3, int* writesAhead = nullptr)
{
    auto session = store.beginImport(source);
    if (!session)
        return std::nullopt;
    ImportReport report;
    report.format = "test-format";
    report.records = spans.size();
    for (size_t i = 0; i < spans.size(); i += batchSize) {
        std::vector<SpanRecord> batch(
            spans.begin() + ptrdiff_t(i), spans.begin() + ptrdiff_t(std::min(spans.size(), i + batchSize)));
        if (!session->addSpans(batch)) {
            qWarning("addSpans: %s", session->errorMessage().c_str());
            return std::nullopt;
        }
        bool wrote = false;
        if (writesAhead && !session->writeAhead(&wrote)) {
            qWarning("writeAhead: %s", session->errorMessage().c_str());
            return std::nullopt;
        }
        if (wrote)
            ++*writesAhead;
    }
    ImportCounts counts;
    if (!session->finish(report, &counts)) {
        qWarning("finish: %s", session->errorMessage().c_str());
        return std::nullopt;
    }
    return counts;
}

// Four traces over three services; the findTraces table below refers to them as 1..4.
std::vector<SpanRecord> fixtureSpans()
{
    std::vector<SpanRecord> spans;
    // Trace 1: 1000 .. 1500.
    spans.push_back(makeSpan(1, 11, 0, "frontend", "GET /", 1000, 500));
    spans.back().attributes = { { "http.method", AttributeValue::fromString("GET") },
        { "http.status_code", AttributeValue::fromInt(200) } };
    spans.push_back(makeSpan(1, 12, 11, "backend", "query", 1100, 200));
    // Trace 2: 2000 .. 4000, with a failed payment.
    spans.push_back(makeSpan(2, 21, 0, "frontend", "POST /order", 2000, 2000));
    spans.back().attributes = { { "http.method", AttributeValue::fromString("POST") } };
    spans.push_back(makeSpan(2, 22, 21, "payments", "charge", 2500, 100));
    spans.back().status = StatusCode::Error;
    spans.back().attributes = { { "payment.ok", AttributeValue::fromBool(false) } };
    // Trace 3: 3000 .. 3050.
    spans.push_back(makeSpan(3, 31, 0, "backend", "query", 3000, 50));
    spans.back().attributes = { { "db.statement", AttributeValue::fromString("select 1") } };
    // Trace 4: 4000 .. 14000.
    spans.push_back(makeSpan(4, 41, 0, "payments", "refund", 4000, 10000));
    spans.push_back(makeSpan(4, 42, 41, "backend", "query", 5000, 100));
    spans.back().attributes = { { "http.method", AttributeValue::fromString("GET") } };
    return spans;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

void compareAttributes(const Attributes& actual, const Attributes& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(actual[i].key, expected[i].key);
        QVERIFY2(actual[i].value == expected[i].value, expected[i].key.c_str());
        if (expected[i].value.type == AttributeValue::Type::Double)
            QVERIFY(sameBits(actual[i].value.doubleValue, expected[i].value.doubleValue));
    }
}

void compareSpans(const SpanRecord& actual, const SpanRecord& expected)
{
    QCOMPARE(actual.traceId, expected.traceId);
    QCOMPARE(actual.spanId, expected.spanId);
    QCOMPARE(actual.parentSpanId, expected.parentSpanId);
    QCOMPARE(actual.side, expected.side);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.serviceName, expected.serviceName);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.startNs, expected.startNs);
    QCOMPARE(actual.durationNs, expected.durationNs);
    QCOMPARE(actual.status, expected.status);
    QCOMPARE(actual.statusMessage, expected.statusMessage);
    QCOMPARE(actual.flags, expected.flags);
    QCOMPARE(actual.traceState, expected.traceState);
    compareAttributes(actual.attributes, expected.attributes);
    QVERIFY(actual.events == expected.events);
    QVERIFY(actual.links == expected.links);
    QVERIFY(actual.warnings == expected.warnings);
    QCOMPARE(actual.droppedAttributes, expected.droppedAttributes);
    QCOMPARE(actual.droppedEvents, expected.droppedEvents);
    QCOMPARE(actual.droppedLinks, expected.droppedLinks);
    QCOMPARE(bool(actual.resource), bool(expected.resource));
    if (expected.resource) {
        QCOMPARE(actual.resource->serviceName, expected.resource->serviceName);
        compareAttributes(actual.resource->attributes, expected.resource->attributes);
        QCOMPARE(actual.resource->droppedAttributes, expected.resource->droppedAttributes);
    }
    QCOMPARE(bool(actual.scope), bool(expected.scope));
    if (expected.scope)
        QVERIFY(*actual.scope == *expected.scope);
}

SpanRecord everyFieldSpan()
{
    SpanRecord span = makeSpan(
        77, 0xfedcba9876543210ull, 0x8000000000000001ull, "all-fields", "everything", 1700000000123456789, 987654321);
    span.traceId = TraceId { 0xffffffffffffffffull, 0x0000000000000001ull };
    span.side = SpanSide::SharedServer;
    span.kind = SpanKind::Consumer;
    span.status = StatusCode::Ok;
    span.statusMessage = "fine";
    span.flags = 0x301;
    span.traceState = "a=1,b=2";
    AttributeValue array;
    array.type = AttributeValue::Type::Array;
    array.array = { AttributeValue::fromInt(-5), AttributeValue::fromBytes(std::string("\0\0", 2)) };
    AttributeValue list;
    list.type = AttributeValue::Type::KeyValueList;
    list.keyValues = { { "nested", array }, { "flag", AttributeValue::fromBool(true) } };
    span.attributes = {
        { "int.max", AttributeValue::fromInt(9223372036854775807) },
        { "int.min", AttributeValue::fromInt(std::numeric_limits<int64_t>::min()) },
        { "double.nan", AttributeValue::fromDouble(std::numeric_limits<double>::quiet_NaN()) },
        { "double.inf", AttributeValue::fromDouble(std::numeric_limits<double>::infinity()) },
        { "double.minus.inf", AttributeValue::fromDouble(-std::numeric_limits<double>::infinity()) },
        { "double.minus.zero", AttributeValue::fromDouble(-0.0) },
        { "bytes", AttributeValue::fromBytes(std::string("a\0b\0", 4)) },
        { "bool", AttributeValue::fromBool(false) },
        { "string", AttributeValue::fromString("text with \"quotes\" and \xe2\x82\xac") },
        { "empty", AttributeValue {} },
        { "array", array },
        { "list", list },
    };
    span.events = { { span.startNs + 10, "exception", { { "exception.message", AttributeValue::fromString("x") } }, 1 },
        { span.startNs - 10, "early", {}, 0 } };
    SpanLink link;
    link.traceId = TraceId { 1, 2 };
    link.spanId = 3;
    link.type = LinkType::ChildOf;
    link.traceState = "t=s";
    link.attributes = { { "link.kind", AttributeValue::fromString("parent") } };
    link.flags = 1;
    link.droppedAttributes = 2;
    span.links = { link };
    span.warnings = { "clock skew adjusted" };
    span.droppedAttributes = 4;
    span.droppedEvents = 5;
    span.droppedLinks = 6;
    auto resource = std::make_shared<Resource>();
    resource->serviceName = "all-fields";
    resource->attributes = { { "process.pid", AttributeValue::fromInt(1234) },
        { "weird", AttributeValue::fromBytes(std::string("\0", 1)) } };
    resource->droppedAttributes = 7;
    span.resource = resource;
    auto scope = std::make_shared<InstrumentationScope>();
    scope->name = "io.opentelemetry.grpc";
    scope->version = "1.0";
    scope->attributes = { { "scope.attr", AttributeValue::fromDouble(0.1) } };
    scope->droppedAttributes = 8;
    span.scope = scope;
    return span;
}

// Span ids in the order of their rows, that is, in the order the imports first saw them.
std::vector<SpanId> spanIdsByRow(const QString& path)
{
    QString error;
    auto db = Database::open(path, &error);
    std::vector<SpanId> ids;
    Statement select = db->prepare("SELECT span_id FROM spans ORDER BY id");
    while (select.next())
        ids.push_back(SpanId(select.int64(0)));
    return ids;
}

// A session that has taken the fixture's spans and is not finished yet; null when it could not.
std::unique_ptr<ImportSession> sessionWithFixtureSpans(
    TraceStore& store, ImportMode mode = {}, const QString& source = QStringLiteral("test.json"))
{
    auto session = store.beginImport(source, mode);
    std::vector<SpanRecord> spans = fixtureSpans();
    if (session && !session->addSpans(spans))
        return nullptr;
    return session;
}

QString journalMode(const QString& path)
{
    QString error;
    auto db = Database::open(path, &error);
    Statement pragma = db->prepare("PRAGMA journal_mode");
    return pragma.next() ? pragma.string(0) : QString();
}

std::vector<int> traceNumbers(const std::vector<TraceSummary>& traces)
{
    std::vector<int> numbers;
    for (const TraceSummary& trace : traces)
        numbers.push_back(int(trace.traceId.low));
    return numbers;
}

} // namespace

Q_DECLARE_METATYPE(TraceFilter)

class TestTraceStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_fileNumber = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("cache%1.sqlite").arg(++m_fileNumber)); }

    std::unique_ptr<TraceStore> openStore(const QString& path)
    {
        QString error;
        auto store = TraceStore::open(path, &error);
        if (!store)
            qWarning("open: %s", qPrintable(error));
        return store;
    }

    std::unique_ptr<TraceStore> fixtureStore()
    {
        auto store = openStore(newPath());
        if (store && !importSpans(*store, fixtureSpans()))
            return nullptr;
        return store;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTripsEveryFieldAndSurvivesReopen()
    {
        const QString path = newPath();
        const SpanRecord full = everyFieldSpan();
        SpanRecord sibling = makeSpan(0, 5, 0, "all-fields", "sibling", full.startNs - 1, 3);
        sibling.traceId = full.traceId;
        sibling.resource = full.resource; // the same process
        {
            auto store = openStore(path);
            QVERIFY(store);
            QVERIFY(importSpans(*store, { full, sibling }));
            const auto spans = store->loadTrace(full.traceId);
            QCOMPARE(spans.size(), size_t(2));
            compareSpans(spans[0], sibling); // ordered by start
            compareSpans(spans[1], full);
            QCOMPARE(spans[0].resource.get(), spans[1].resource.get()); // shared, not duplicated
        }
        auto reopened = openStore(path);
        QVERIFY(reopened);
        const auto spans = reopened->loadTrace(full.traceId);
        QCOMPARE(spans.size(), size_t(2));
        compareSpans(spans[1], full);
        QCOMPARE(reopened->info().spans, 2);
        QVERIFY(reopened->loadTrace(traceId(12345)).empty());
    }

    void countsAndListings()
    {
        auto store = openStore(newPath());
        QVERIFY(store);
        auto spans = fixtureSpans();
        spans.push_back(makeSpan(4, 43, 41, "", "", 4100, 1)); // no service name: not counted
        const auto counts = importSpans(*store, spans);
        QVERIFY(counts);
        QCOMPARE(counts->traces, 4u);
        QCOMPARE(counts->spans, 8u);
        QCOMPARE(counts->records, 8u);
        QCOMPARE(counts->services, 3u);

        QCOMPARE(store->services(),
            (QStringList { QStringLiteral("backend"), QStringLiteral("frontend"), QStringLiteral("payments") }));
        QCOMPARE(store->operations(QStringLiteral("frontend")),
            (QStringList { QStringLiteral("GET /"), QStringLiteral("POST /order") }));
        QVERIFY(store->operations(QStringLiteral("nobody")).isEmpty());

        const StoreInfo info = store->info();
        QCOMPARE(info.traces, 4);
        QCOMPARE(info.spans, 8);
        QCOMPARE(info.services, 3);
        QCOMPARE(info.operations, 5);
        QCOMPARE(info.imports, 1);
        QVERIFY(info.fileBytes > 0);

        const auto imports = store->imports();
        QCOMPARE(imports.size(), size_t(1));
        QCOMPARE(imports[0].status, QStringLiteral("imported"));
        QCOMPARE(imports[0].source, QStringLiteral("test.json"));
        QCOMPARE(imports[0].format, QStringLiteral("test-format"));
        QCOMPARE(imports[0].counts.spans, 8u);
        QCOMPARE(imports[0].counts.traces, 4u);
        QCOMPARE(imports[0].counts.services, 3u);
        QVERIFY(!imports[0].error);
        QVERIFY(imports[0].importedAtMs > 0);
    }

    void storesImportWarnings()
    {
        auto store = openStore(newPath());
        QVERIFY(store);
        auto session = store->beginImport(QStringLiteral("warned.json"));
        QVERIFY(session);
        std::vector<SpanRecord> spans = { makeSpan(1, 1, 0, "svc", "op", 10, 10) };
        QVERIFY(session->addSpans(spans));
        ImportReport report;
        report.records = 1;
        report.warn("odd field", { 3, 14, -1 });
        report.warn("odd bytes", { 0, 0, 99 });
        QVERIFY(session->finish(report, nullptr));
        const auto imports = store->imports();
        QCOMPARE(imports.size(), size_t(1));
        QCOMPARE(imports[0].warnings.size(), size_t(2));
        QCOMPARE(imports[0].warnings[0].message, std::string("odd field"));
        QCOMPARE(imports[0].warnings[0].position.line, 3);
        QCOMPARE(imports[0].warnings[0].position.column, 14);
        QCOMPARE(imports[0].warnings[0].position.offset, -1);
        QCOMPARE(imports[0].warnings[1].position.offset, 99);
    }

    void reimportDuplicatesNothing()
    {
        auto store = openStore(newPath());
        QVERIFY(store);
        const auto first = importSpans(*store, fixtureSpans(), QStringLiteral("same.json"));
        QVERIFY(first);
        const StoreInfo before = store->info();
        const auto traceBefore = store->loadTrace(traceId(2));
        const auto summaryBefore = store->traceSummary(traceId(2));

        const auto second = importSpans(*store, fixtureSpans(), QStringLiteral("same.json"), 2);
        QVERIFY(second);
        QCOMPARE(second->traces, first->traces);
        QCOMPARE(second->spans, first->spans);
        QCOMPARE(second->services, first->services);
        QCOMPARE(second->records, first->records);

        const StoreInfo after = store->info();
        QCOMPARE(after.spans, before.spans);
        QCOMPARE(after.traces, before.traces);
        QCOMPARE(after.services, before.services);
        QCOMPARE(after.operations, before.operations);
        QCOMPARE(after.imports, 2);
        const auto traceAfter = store->loadTrace(traceId(2));
        QCOMPARE(traceAfter.size(), traceBefore.size());
        for (size_t i = 0; i < traceAfter.size(); ++i)
            compareSpans(traceAfter[i], traceBefore[i]);
        QCOMPARE(store->traceSummary(traceId(2))->spanCount, summaryBefore->spanCount);
        // The tag index holds each value once, so a search still finds each trace once.
        TraceFilter filter;
        filter.tags = { { QStringLiteral("http.method"), QStringLiteral("GET") } };
        QCOMPARE(traceNumbers(store->findTraces(filter)), (std::vector<int> { 4, 1 }));

        // A file that repeats its own spans counts them once.
        auto doubled = fixtureSpans();
        const auto again = fixtureSpans();
        doubled.insert(doubled.end(), again.begin(), again.end());
        const auto third = importSpans(*store, doubled);
        QVERIFY(third);
        QCOMPARE(third->spans, first->spans);
        QCOMPARE(third->records, 2 * first->records);
        QCOMPARE(store->info().spans, before.spans);
    }

    void mergesFragmentsOfOneSpan()
    {
        auto store = openStore(newPath());
        QVERIFY(store);
        SpanRecord a = makeSpan(9, 1, 0, "svc", "", 100, 50);
        a.kind = SpanKind::Unspecified;
        a.attributes = { { "a", AttributeValue::fromInt(1) } };
        a.events = { { 120, "e1", {}, 0 } };
        SpanRecord b = makeSpan(9, 1, 0, "svc", "op", 90, 20);
        b.kind = SpanKind::Server;
        b.status = StatusCode::Error;
        b.statusMessage = "boom";
        b.attributes = { { "a", AttributeValue::fromInt(2) }, { "b", AttributeValue::fromString("x") } };
        b.events = { { 120, "e1", {}, 0 }, { 130, "e2", {}, 0 } };
        b.flags = 1;
        SpanRecord otherHalf = makeSpan(9, 1, 0, "svc", "op", 95, 10); // the Zipkin server half
        otherHalf.side = SpanSide::SharedServer;

        const auto counts = importSpans(*store, { a, b, otherHalf });
        QVERIFY(counts);
        QCOMPARE(counts->spans, 2u);
        QCOMPARE(counts->records, 3u);
        QCOMPARE(counts->traces, 1u);

        auto spans = store->loadTrace(traceId(9));
        QCOMPARE(spans.size(), size_t(2));
        const SpanRecord& merged = spans[0].side == SpanSide::Primary ? spans[0] : spans[1];
        QCOMPARE(merged.name, std::string("op"));
        QCOMPARE(merged.startNs, 90);
        QCOMPARE(merged.durationNs, 60); // 90 .. 150
        QCOMPARE(merged.kind, SpanKind::Server);
        QCOMPARE(merged.status, StatusCode::Error);
        QCOMPARE(merged.statusMessage, std::string("boom"));
        QCOMPARE(merged.flags, 1u);
        QCOMPARE(merged.attributes.size(), size_t(2));
        QCOMPARE(merged.attributes[0].value.intValue, 1); // the first fragment's value stays
        QCOMPARE(merged.attributes[1].key, std::string("b"));
        QCOMPARE(merged.events.size(), size_t(2));
        QCOMPARE(store->operations(QStringLiteral("svc")), QStringList { QStringLiteral("op") });
        QCOMPARE(store->traceSummary(traceId(9))->errorCount, 1);

        // A later import adds to the stored span, and its new attribute becomes searchable.
        SpanRecord c = makeSpan(9, 1, 0, "svc", "op", 0, 0); // no timing: extent unchanged
        c.attributes = { { "c", AttributeValue::fromInt(3) } };
        const auto later = importSpans(*store, { c });
        QVERIFY(later);
        QCOMPARE(later->spans, 1u);
        spans = store->loadTrace(traceId(9));
        const SpanRecord& again = spans[0].side == SpanSide::Primary ? spans[0] : spans[1];
        QCOMPARE(again.attributes.size(), size_t(3));
        QCOMPARE(again.startNs, 90);
        QCOMPARE(again.durationNs, 60);
        TraceFilter filter;
        filter.tags = { { QStringLiteral("c"), QStringLiteral("3") } };
        QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 9 });
        QCOMPARE(store->info().spans, 2);
    }

    void traceSummaries()
    {
        auto store = fixtureStore();
        QVERIFY(store);
        const auto summary = store->traceSummary(traceId(2));
        QVERIFY(summary);
        QCOMPARE(summary->traceId, traceId(2));
        QCOMPARE(summary->startNs, 2000);
        QCOMPARE(summary->durationNs, 2000);
        QCOMPARE(summary->rootService, QStringLiteral("frontend"));
        QCOMPARE(summary->rootOperation, QStringLiteral("POST /order"));
        QCOMPARE(summary->spanCount, 2);
        QCOMPARE(summary->errorCount, 1);
        QCOMPARE(summary->services, (QStringList { QStringLiteral("frontend"), QStringLiteral("payments") }));
        QCOMPARE(store->traceSummary(traceId(1))->durationNs, 500);
        QVERIFY(!store->traceSummary(traceId(999)));

        // Without a parentless span the earliest span is the root; among parentless ones the earliest.
        std::vector<SpanRecord> spans = { makeSpan(5, 1, 100, "late", "child", 600, 10),
            makeSpan(5, 2, 100, "early", "orphan", 500, 10), makeSpan(6, 1, 0, "second", "root", 700, 10),
            makeSpan(6, 2, 0, "first", "root", 650, 10), makeSpan(6, 3, 2, "child", "earliest", 600, 10) };
        QVERIFY(importSpans(*store, spans));
        QCOMPARE(store->traceSummary(traceId(5))->rootService, QStringLiteral("early"));
        QCOMPARE(store->traceSummary(traceId(5))->rootOperation, QStringLiteral("orphan"));
        QCOMPARE(store->traceSummary(traceId(6))->rootService, QStringLiteral("first"));
        QCOMPARE(store->traceSummary(traceId(6))->durationNs, 110); // 600 .. 710
        QCOMPARE(store->traceSummary(traceId(6))->spanCount, 3);

        // A later import that adds spans to a trace updates its summary.
        QVERIFY(importSpans(*store, { makeSpan(2, 23, 21, "mail", "send", 1500, 100) }));
        const auto updated = store->traceSummary(traceId(2));
        QCOMPARE(updated->startNs, 1500);
        QCOMPARE(updated->durationNs, 2500);
        QCOMPARE(updated->spanCount, 3);
        QCOMPARE(updated->rootService, QStringLiteral("frontend"));
        QCOMPARE(updated->services,
            (QStringList { QStringLiteral("frontend"), QStringLiteral("mail"), QStringLiteral("payments") }));
    }

    void findTraces_data()
    {
        QTest::addColumn<TraceFilter>("filter");
        QTest::addColumn<std::vector<int>>("expected");
        auto tag = [](const char* key, const char* value) {
            return std::pair<QString, QString>(QString::fromUtf8(key), QString::fromUtf8(value));
        };
        TraceFilter f;
        QTest::addRow("everything, newest first") << f << std::vector<int> { 4, 3, 2, 1 };
        f = {};
        f.limit = 2;
        QTest::addRow("limit") << f << std::vector<int> { 4, 3 };
        f = {};
        f.service = QStringLiteral("frontend");
        QTest::addRow("service") << f << std::vector<int> { 2, 1 };
        f.service = QStringLiteral("backend");
        QTest::addRow("service in child spans") << f << std::vector<int> { 4, 3, 1 };
        f.operation = QStringLiteral("query");
        QTest::addRow("service and operation") << f << std::vector<int> { 4, 3, 1 };
        f.service = QStringLiteral("frontend");
        QTest::addRow("operation of another service") << f << std::vector<int> {};
        f = {};
        f.operation = QStringLiteral("charge");
        QTest::addRow("operation alone") << f << std::vector<int> { 2 };
        f = {};
        f.service = QStringLiteral("unknown");
        QTest::addRow("unknown service") << f << std::vector<int> {};
        f = {};
        f.tags = { tag("http.method", "GET") };
        QTest::addRow("tag") << f << std::vector<int> { 4, 1 };
        f.tags = { tag("http.method", "GET"), tag("http.status_code", "200") };
        QTest::addRow("two tags") << f << std::vector<int> { 1 };
        f.tags = { tag("payment.ok", "false") };
        QTest::addRow("bool tag") << f << std::vector<int> { 2 };
        f.tags = { tag("db.statement", "select 1") };
        QTest::addRow("tag with a space") << f << std::vector<int> { 3 };
        f.tags = { tag("http.method", "DELETE") };
        QTest::addRow("tag value not present") << f << std::vector<int> {};
        f.tags = { tag("service.name", "payments") };
        QTest::addRow("resource attribute") << f << std::vector<int> { 4, 2 };
        f.tags = { tag("no.such.key", "x") };
        QTest::addRow("unknown tag key") << f << std::vector<int> {};
        f = {};
        f.minDurationNs = 500;
        QTest::addRow("min duration") << f << std::vector<int> { 4, 2, 1 };
        f = {};
        f.maxDurationNs = 500;
        QTest::addRow("max duration") << f << std::vector<int> { 3, 1 };
        f.minDurationNs = 100;
        QTest::addRow("duration range") << f << std::vector<int> { 1 };
        f = {};
        f.startFromNs = 2000;
        QTest::addRow("start from") << f << std::vector<int> { 4, 3, 2 };
        f = {};
        f.startToNs = 2000;
        QTest::addRow("start to") << f << std::vector<int> { 2, 1 };
        f.startFromNs = 1500;
        f.startToNs = 3000;
        QTest::addRow("start range") << f << std::vector<int> { 3, 2 };
        f = {};
        f.service = QStringLiteral("backend");
        f.tags = { tag("http.method", "GET") };
        f.minDurationNs = 1000;
        QTest::addRow("combined") << f << std::vector<int> { 4 };
    }

    void findTraces()
    {
        QFETCH(TraceFilter, filter);
        QFETCH(std::vector<int>, expected);
        auto store = fixtureStore();
        QVERIFY(store);
        QCOMPARE(traceNumbers(store->findTraces(filter)), expected);
        const auto all = store->findTraces({});
        QCOMPARE(all.front().rootService, QStringLiteral("payments"));
        QCOMPARE(all.front().spanCount, 2);
    }

    void findTracesUsesIndexes_data()
    {
        QTest::addColumn<TraceFilter>("filter");
        QTest::addColumn<QString>("expectedIndex");
        TraceFilter f;
        QTest::addRow("newest first") << f << QStringLiteral("traces_by_start");
        f.service = QStringLiteral("backend");
        QTest::addRow("service") << f << QStringLiteral("trace_index");
        f.operation = QStringLiteral("query");
        QTest::addRow("operation") << f << QStringLiteral("trace_index");
        f = {};
        f.operation = QStringLiteral("query");
        QTest::addRow("operation of any service") << f << QStringLiteral("trace_index");
        f = {};
        f.tags = { { QStringLiteral("http.method"), QStringLiteral("GET") } };
        QTest::addRow("tag") << f << QStringLiteral("trace_index");
    }

    void findTracesUsesIndexes()
    {
        QFETCH(TraceFilter, filter);
        QFETCH(QString, expectedIndex);
        // A cache that got its data in two imports: the first one rebuilt the indexes after a bulk load.
        auto store = fixtureStore();
        QVERIFY(store);
        QVERIFY(importSpans(*store, { makeSpan(8, 1, 0, "backend", "query", 8000, 1) }));
        const QStringList plan = store->findTracesPlan(filter);
        QVERIFY(!plan.isEmpty());
        QVERIFY2(plan.join(QLatin1Char('\n')).contains(expectedIndex), qPrintable(plan.join(QLatin1Char('\n'))));
        for (const QString& step : plan) {
            // A full scan of spans or of the search index would make a big cache slow.
            if (step.startsWith(QLatin1String("SCAN")) && !step.contains(QLatin1String("USING")))
                QVERIFY2(!step.contains(QLatin1String("span")) && !step.contains(QLatin1String("trace_index")),
                    qPrintable(step));
        }
    }

    void rejectedReportRollsBack()
    {
        auto store = fixtureStore();
        QVERIFY(store);
        const StoreInfo before = store->info();
        const auto traceBefore = store->loadTrace(traceId(1));

        auto session = store->beginImport(QStringLiteral("broken.json"));
        QVERIFY(session);
        std::vector<SpanRecord> spans = { makeSpan(50, 1, 0, "newservice", "newop", 1, 1) };
        SpanRecord changed = makeSpan(1, 11, 0, "frontend", "GET /", 900, 1000);
        changed.attributes = { { "new.key", AttributeValue::fromString("v") } };
        spans.push_back(changed);
        QVERIFY(session->addSpans(spans));
        ImportReport report;
        report.format = "jaeger-json";
        report.records = 2;
        report.warn("a warning", { 1, 2, -1 });
        report.reject("unexpected end of input", { 3, 7, 120 });
        ImportCounts counts;
        QVERIFY(session->finish(report, &counts));
        QCOMPARE(counts.spans, 0u);
        QCOMPARE(counts.records, 2u);
        session.reset();

        const StoreInfo after = store->info();
        QCOMPARE(after.spans, before.spans);
        QCOMPARE(after.traces, before.traces);
        QCOMPARE(after.services, before.services);
        QCOMPARE(after.operations, before.operations);
        QCOMPARE(after.imports, before.imports + 1);
        QVERIFY(store->loadTrace(traceId(50)).empty());
        const auto traceAfter = store->loadTrace(traceId(1));
        QCOMPARE(traceAfter.size(), traceBefore.size());
        for (size_t i = 0; i < traceAfter.size(); ++i)
            compareSpans(traceAfter[i], traceBefore[i]);
        QCOMPARE(store->traceSummary(traceId(1))->startNs, 1000);

        const auto imports = store->imports();
        QCOMPARE(imports.back().status, QStringLiteral("rejected"));
        QCOMPARE(imports.back().source, QStringLiteral("broken.json"));
        QCOMPARE(imports.back().format, QStringLiteral("jaeger-json"));
        QVERIFY(imports.back().error);
        QCOMPARE(imports.back().error->message, std::string("unexpected end of input"));
        QCOMPARE(imports.back().error->position.line, 3);
        QCOMPARE(imports.back().error->position.column, 7);
        QCOMPARE(imports.back().error->position.offset, 120);
        QCOMPARE(imports.back().counts.spans, 0u);
        QCOMPARE(imports.back().warnings.size(), size_t(1));

        // The dictionaries forgot the rolled-back ids: new names still get working ids.
        QVERIFY(importSpans(*store, { makeSpan(51, 1, 0, "newservice", "newop", 1, 1) }));
        QCOMPARE(store->traceSummary(traceId(51))->rootService, QStringLiteral("newservice"));
        TraceFilter filter;
        filter.service = QStringLiteral("newservice");
        QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 51 });
    }

    void cancelledOrAbandonedImportRollsBack_data()
    {
        QTest::addColumn<bool>("finishCancelled");
        QTest::addColumn<bool>("emptyCache");
        QTest::addRow("cancelled") << true << false;
        QTest::addRow("destroyed without finish") << false << false;
        QTest::addRow("cancelled bulk load") << true << true;
        QTest::addRow("abandoned bulk load") << false << true;
    }

    void cancelledOrAbandonedImportRollsBack()
    {
        QFETCH(bool, finishCancelled);
        QFETCH(bool, emptyCache);
        const QString path = newPath();
        auto store = openStore(path);
        QVERIFY(store);
        if (!emptyCache)
            QVERIFY(importSpans(*store, fixtureSpans()));
        const StoreInfo before = store->info();
        {
            auto session = store->beginImport(QStringLiteral("partial.json"));
            QVERIFY(session);
            QVERIFY(!store->beginImport(QStringLiteral("second.json"))); // one at a time
            std::vector<SpanRecord> spans
                = { makeSpan(60, 1, 0, "other", "op", 1, 1), makeSpan(1, 11, 0, "frontend", "GET /", 1, 1) };
            QVERIFY(session->addSpans(spans));
            if (finishCancelled) {
                ImportReport report;
                report.cancelled = true;
                QVERIFY(session->finish(report, nullptr));
            }
        }
        const StoreInfo after = store->info();
        QCOMPARE(after.spans, before.spans);
        QCOMPARE(after.traces, before.traces);
        QCOMPARE(after.services, before.services);
        QCOMPARE(after.imports, before.imports);
        QVERIFY(store->loadTrace(traceId(60)).empty());

        // The indexes dropped for a bulk load are back, and so is the WAL.
        QString error;
        auto db = Database::open(path, &error);
        QVERIFY(db);
        QCOMPARE(db->queryInt64("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                                "('traces_by_start', 'traces_by_root_service')"),
            2);
        db.reset();
        QCOMPARE(journalMode(path), QStringLiteral("wal"));
        // And the store takes a new import.
        QVERIFY(importSpans(*store, fixtureSpans()));
        QCOMPARE(store->info().traces, 4);
    }

    void manyRowsPerStatementStoreAndMergeLikeOneByOne()
    {
        // Big batches go through statements of many rows, small ones row by row: both must store the
        // same, with a key already in the cache, a key repeated within the batch, and both sides of a key.
        auto spansOf = [](SpanId first, SpanId last, int version) {
            std::vector<SpanRecord> spans;
            for (SpanId id = first; id <= last; ++id) {
                SpanRecord span = makeSpan(70, id, id == 1 ? 0 : 1, "svc-" + std::to_string(id % 3),
                    "op-" + std::to_string(id % 5), int64_t(1000 + id), 10);
                span.attributes = { { "v" + std::to_string(version), AttributeValue::fromInt(int64_t(id)) } };
                if (id % 10 == 7) {
                    SpanLink link;
                    link.traceId = traceId(71);
                    link.spanId = 1;
                    span.links = { link };
                }
                spans.push_back(std::move(span));
            }
            return spans;
        };
        std::vector<SpanRecord> second = spansOf(150, 449, 2);
        SpanRecord repeated = second[150]; // span 300 again, with another attribute
        repeated.attributes = { { "again", AttributeValue::fromString("yes") } };
        second.push_back(repeated);
        SpanRecord serverHalf = second[10]; // span 160's other side
        serverHalf.side = SpanSide::SharedServer;
        second.push_back(serverHalf);
        for (int i = 0; i < 100; ++i)
            second.push_back(spansOf(1000 + SpanId(i), 1000 + SpanId(i), 3)[0]);

        std::vector<std::unique_ptr<TraceStore>> stores;
        std::vector<QString> paths;
        for (size_t batchSize : { size_t(1000), size_t(3) }) {
            paths.push_back(newPath());
            stores.push_back(openStore(paths.back()));
            QVERIFY(stores.back());
            const auto first = importSpans(*stores.back(), spansOf(1, 200, 1), QStringLiteral("first.json"), batchSize);
            QVERIFY(first);
            QCOMPARE(first->spans, 200u);
            const auto counts = importSpans(*stores.back(), second, QStringLiteral("second.json"), batchSize);
            QVERIFY(counts);
            QCOMPARE(counts->spans, 401u); // 150 .. 449, the server half and 1000 .. 1099
            QCOMPARE(counts->records, uint64_t(second.size()));
            QCOMPARE(stores.back()->info().spans, 550);
        }
        const std::vector<SpanId> order = spanIdsByRow(paths[0]);
        QCOMPARE(order, spanIdsByRow(paths[1]));
        QCOMPARE(order.size(), size_t(550));
        QCOMPARE(order[199], SpanId(200));
        QCOMPARE(order[200], SpanId(201));

        auto big = stores[0]->loadTrace(traceId(70));
        const auto small = stores[1]->loadTrace(traceId(70));
        QCOMPARE(big.size(), small.size());
        for (size_t i = 0; i < big.size(); ++i)
            compareSpans(big[i], small[i]);
        auto merged = std::find_if(big.begin(), big.end(), [](const SpanRecord& span) { return span.spanId == 175; });
        QVERIFY(merged != big.end());
        QCOMPARE(merged->attributes.size(), size_t(2)); // v1 from the first import, v2 from the second
        merged = std::find_if(big.begin(), big.end(), [](const SpanRecord& span) { return span.spanId == 300; });
        QCOMPARE(merged->attributes.size(), size_t(2)); // v2 and "again"
        QCOMPARE(stores[0]->traceSummary(traceId(70))->spanCount, 550);
        for (const auto& store : stores) {
            // Links refer to the rows of the spans that carry them.
            const auto linking = store->spansLinkingTo(traceId(71), 1);
            QCOMPARE(linking.size(), size_t(55));
            for (const SpanReference& reference : linking) {
                const auto span = store->loadSpan(reference.rowId);
                QVERIFY(span);
                QCOMPARE(span->spanId, reference.spanId);
                QCOMPARE(span->links.size(), size_t(1));
            }
            TraceFilter filter;
            filter.tags = { { QStringLiteral("again"), QStringLiteral("yes") } };
            QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 70 });
            filter.tags = { { QStringLiteral("v3"), QStringLiteral("1099") } };
            QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 70 });
            filter.tags = { { QStringLiteral("v1"), QStringLiteral("175") } };
            QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 70 });
        }
    }

    void preparedBatchesStoreLikeAddSpans()
    {
        // prepareSpans() encodes on the caller's thread, PreparedSpans::take() leaves the encoding to
        // addPrepared(): any mix stores what addSpans() stores.
        auto reference = fixtureStore();
        QVERIFY(reference);
        auto store = openStore(newPath());
        QVERIFY(store);
        auto session = store->beginImport(QStringLiteral("test.json"));
        QVERIFY(session);
        const std::vector<SpanRecord> spans = fixtureSpans();
        PreparedSpans batch;
        for (size_t i = 0; i < spans.size(); i += 2) {
            std::vector<SpanRecord> part(
                spans.begin() + ptrdiff_t(i), spans.begin() + ptrdiff_t(std::min(spans.size(), i + 2)));
            if (i % 4 == 0) {
                session->prepareSpans(part, batch);
                QVERIFY(batch.encoded);
            } else {
                batch.take(part);
                QVERIFY(!batch.encoded);
            }
            QVERIFY(part.empty());
            QVERIFY(session->addPrepared(batch));
        }
        ImportReport report;
        report.format = "test-format";
        report.records = spans.size();
        ImportCounts counts;
        QVERIFY(session->finish(report, &counts));
        QCOMPARE(counts.spans, uint64_t(spans.size()));
        session.reset();
        for (uint64_t trace = 1; trace <= 4; ++trace) {
            const auto expected = reference->loadTrace(traceId(trace));
            const auto actual = store->loadTrace(traceId(trace));
            QCOMPARE(actual.size(), expected.size());
            for (size_t i = 0; i < actual.size(); ++i)
                compareSpans(actual[i], expected[i]);
        }
        TraceFilter filter;
        filter.tags = { { QStringLiteral("http.method"), QStringLiteral("GET") } };
        QCOMPARE(traceNumbers(store->findTraces(filter)), (std::vector<int> { 4, 1 }));
    }

    void indexRowsWrittenAheadEqualThoseWrittenAtTheEnd()
    {
        // The writing thread stores the search index rows of the traces the input has moved past while it
        // waits for the parser: the index ends the same as when finish() writes every row.
        std::vector<SpanRecord> spans;
        for (int t = 0; t < 3000; ++t) {
            for (uint64_t s = 1; s <= 2; ++s) {
                SpanRecord span = makeSpan(uint64_t(t + 1), s, s - 1, "svc-" + std::to_string(t % 5), "op", t, 5);
                span.attributes = { { "number", AttributeValue::fromInt(t) },
                    { "parity", AttributeValue::fromInt(t % 2) }, { "span", AttributeValue::fromInt(int64_t(s)) } };
                spans.push_back(std::move(span));
            }
        }
        // The second half brings one more span to traces of the first half, whose rows may be written already.
        for (int t = 0; t < 3000; t += 7) {
            SpanRecord late = makeSpan(uint64_t(t + 1), 3, 1, "late-service", "late", t + 1, 1);
            late.attributes = { { "late", AttributeValue::fromInt(t) }, { "parity", AttributeValue::fromInt(t % 2) } };
            spans.push_back(std::move(late));
        }
        auto indexRows = [](const QString& path) {
            QString error;
            auto db = Database::open(path, &error);
            std::vector<std::pair<int64_t, int64_t>> rows;
            Statement select = db->prepare("SELECT term, trace_rowid FROM trace_index ORDER BY term, trace_rowid");
            while (select.next())
                rows.emplace_back(select.int64(0), select.int64(1));
            return rows;
        };
        const QString atTheEndPath = newPath();
        const QString aheadPath = newPath();
        {
            auto atTheEnd = openStore(atTheEndPath);
            QVERIFY(importSpans(*atTheEnd, spans, QStringLiteral("test.json"), 100));
            auto ahead = openStore(aheadPath);
            int writesAhead = 0;
            QVERIFY(importSpans(*ahead, spans, QStringLiteral("test.json"), 100, &writesAhead));
            QVERIFY2(writesAhead >= 2, qPrintable(QString::number(writesAhead)));
        }
        const auto expected = indexRows(atTheEndPath);
        QVERIFY(expected.size() > 10000);
        QVERIFY(indexRows(aheadPath) == expected);
        auto store = openStore(aheadPath);
        TraceFilter filter;
        filter.limit = 0;
        filter.tags
            = { { QStringLiteral("late"), QStringLiteral("14") }, { QStringLiteral("span"), QStringLiteral("2") } };
        QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 15 });
    }

    void importIntoEmptyCacheEndsInWalMode()
    {
        // A bulk load writes through a rollback journal when it has the file to itself, and keeps the
        // WAL when another connection (a window reading the cache) is open; either way the cache ends
        // in WAL mode with everything stored.
        for (bool otherConnection : { false, true }) {
            const QString path = newPath();
            auto store = openStore(path);
            QVERIFY(store);
            QCOMPARE(journalMode(path), QStringLiteral("wal"));
            std::unique_ptr<TraceStore> reader = otherConnection ? openStore(path) : nullptr;
            QVERIFY(importSpans(*store, fixtureSpans()));
            if (reader)
                QCOMPARE(reader->info().spans, 7);
            reader.reset();
            QCOMPARE(journalMode(path), QStringLiteral("wal"));
            QCOMPARE(store->info().spans, 7);
            // Not a bulk load any more: the WAL stays.
            QVERIFY(importSpans(*store, { makeSpan(80, 1, 0, "late", "op", 1, 1) }));
            QCOMPARE(journalMode(path), QStringLiteral("wal"));
            QCOMPARE(openStore(path)->info().spans, 8);
        }
    }

    void newCacheForAnImportGetsItsWalWhenTheImportEnds_data()
    {
        QTest::addColumn<int64_t>("expectedBytes");
        QTest::addColumn<bool>("rejected");
        QTest::newRow("small input") << int64_t(200'000) << false;
        QTest::newRow("big input") << (int64_t(1) << 32) << false;
        QTest::newRow("unknown size") << int64_t(-1) << false;
        QTest::newRow("rejected input") << int64_t(200'000) << true;
    }

    void newCacheForAnImportGetsItsWalWhenTheImportEnds()
    {
        // The command line opens a new cache for the import it runs next: no WAL until the import ends, so that
        // the import does not leave it and come back, whatever the size of its input; the WAL comes either way.
        QFETCH(int64_t, expectedBytes);
        QFETCH(bool, rejected);
        const QString path = newPath();
        auto store = TraceStore::open(path, nullptr, TraceStore::NewCache::ImportsFirst);
        QVERIFY(store);
        QCOMPARE(journalMode(path), QStringLiteral("delete"));
        ImportMode mode;
        mode.expectedBytes = expectedBytes;
        auto session = sessionWithFixtureSpans(*store, mode);
        QVERIFY(session);
        QCOMPARE(journalMode(path), QStringLiteral("delete"));
        ImportReport report;
        report.format = "test-format";
        report.records = 7;
        if (rejected)
            report.reject("not a trace file", {});
        QVERIFY(session->finish(report, nullptr));
        session.reset();
        QCOMPARE(journalMode(path), QStringLiteral("wal"));
        QCOMPARE(store->info().spans, rejected ? 0 : 7);
        store.reset();
        QCOMPARE(openStore(path)->info().spans, rejected ? 0 : 7);

        // A new cache opened that way but never imported into gets its WAL the next time it is opened.
        const QString unused = newPath();
        QVERIFY(TraceStore::open(unused, nullptr, TraceStore::NewCache::ImportsFirst));
        QCOMPARE(journalMode(unused), QStringLiteral("delete"));
        QVERIFY(openStore(unused));
        QCOMPARE(journalMode(unused), QStringLiteral("wal"));
    }

    // A new cache opened for an import gets its tables in that import's transaction: nothing is committed
    // before it, and everything with it.
    void newCacheGetsItsTablesWithItsFirstImport()
    {
        const QString path = newPath();
        auto store = TraceStore::open(path, nullptr, TraceStore::NewCache::ImportsFirst);
        QVERIFY(store);
        QString error;
        auto observer = Database::open(path, &error);
        QVERIFY2(observer, qPrintable(error));
        QVERIFY(CacheSchema::isUnused(*observer));
        auto session = sessionWithFixtureSpans(*store);
        QVERIFY(session);
        QVERIFY(CacheSchema::isUnused(*observer)); // still uncommitted
        ImportReport report;
        report.format = "test-format";
        QVERIFY(session->finish(report, nullptr));
        session.reset();
        QVERIFY(!CacheSchema::isUnused(*observer));
        QCOMPARE(observer->queryInt64("PRAGMA user_version"), int64_t(CacheSchema::currentVersion));
        QCOMPARE(observer->queryInt64("SELECT count(*) FROM spans"), int64_t(7));
        // The next import into the same store finds the tables there.
        QVERIFY(importSpans(*store, fixtureSpans(), QStringLiteral("again.json")));
        QCOMPARE(store->imports().size(), size_t(2));
    }

    void newCacheWhoseFirstImportEndsEarlyIsStillACache_data()
    {
        QTest::addColumn<bool>("rejected");
        QTest::newRow("cancelled") << false;
        QTest::newRow("rejected") << true;
    }

    void newCacheWhoseFirstImportEndsEarlyIsStillACache()
    {
        QFETCH(bool, rejected);
        const QString path = newPath();
        auto store = TraceStore::open(path, nullptr, TraceStore::NewCache::ImportsFirst);
        QVERIFY(store);
        auto session = sessionWithFixtureSpans(*store, {}, QStringLiteral("first.json"));
        QVERIFY(session);
        ImportReport report;
        if (rejected)
            report.reject("not a trace file", {});
        else
            report.cancelled = true;
        QVERIFY(session->finish(report, nullptr));
        session.reset();
        // The rollback took the tables with it; the rejected import is listed all the same.
        const std::vector<ImportRecord> imports = store->imports();
        QCOMPARE(imports.size(), size_t(rejected ? 1 : 0));
        if (rejected)
            QCOMPARE(imports[0].status, QStringLiteral("rejected"));
        QCOMPARE(store->info().spans, int64_t(0));
        QVERIFY(importSpans(*store, fixtureSpans(), QStringLiteral("second.json")));
        store.reset();
        auto reopened = openStore(path);
        QVERIFY(reopened);
        QCOMPARE(reopened->info().spans, int64_t(7));
        QCOMPARE(reopened->imports().size(), size_t(rejected ? 2 : 1));
    }

    void newCacheUsedBeforeAnyImport()
    {
        // Reading first creates the tables on their own.
        const QString readFirst = newPath();
        auto store = TraceStore::open(readFirst, nullptr, TraceStore::NewCache::ImportsFirst);
        QVERIFY(store);
        QVERIFY(store->findTraces({}).empty());
        QString error;
        auto observer = Database::open(readFirst, &error);
        QVERIFY(!CacheSchema::isUnused(*observer));
        QVERIFY(importSpans(*store, fixtureSpans()));
        QCOMPARE(store->info().spans, int64_t(7));

        // Dependency links as the first import bring the tables in their own transaction.
        const QString linksFirst = newPath();
        store = TraceStore::open(linksFirst, nullptr, TraceStore::NewCache::ImportsFirst);
        QVERIFY(store);
        const std::vector<DependencyLink> links { { QStringLiteral("a"), QStringLiteral("b"), 3 } };
        QVERIFY2(store->storeDependencies(QStringLiteral("http://x"), QStringLiteral("deps.json"), links, &error),
            qPrintable(error));
        QCOMPARE(store->dependencyLinks().size(), size_t(1));
        QVERIFY(importSpans(*store, fixtureSpans()));
        QCOMPARE(store->info().spans, int64_t(7));
    }

    void newCacheMadeByAnotherConnectionMeanwhile()
    {
        // The window opens the same new cache after the command line did and before its import began.
        const QString path = newPath();
        auto importer = TraceStore::open(path, nullptr, TraceStore::NewCache::ImportsFirst);
        QVERIFY(importer);
        auto window = openStore(path);
        QVERIFY(window);
        QVERIFY(importSpans(*importer, fixtureSpans()));
        QCOMPARE(window->info().spans, int64_t(7));
        QCOMPARE(window->imports().size(), size_t(1));
    }

    void onlyBigLoadsBypassTheWal_data()
    {
        QTest::addColumn<int64_t>("expectedBytes");
        QTest::addColumn<QString>("modeWhileWriting");
        QTest::newRow("unknown size") << int64_t(-1) << QStringLiteral("delete");
        QTest::newRow("small input") << int64_t(200'000) << QStringLiteral("wal");
        QTest::newRow("empty input") << int64_t(0) << QStringLiteral("wal");
        QTest::newRow("big input") << (int64_t(1) << 32) << QStringLiteral("delete");
    }

    void onlyBigLoadsBypassTheWal()
    {
        // Leaving the WAL and coming back costs a dozen waits for the disk, which only a load with many
        // pages to write earns back; the cache holds the same either way and ends in WAL mode.
        QFETCH(int64_t, expectedBytes);
        QFETCH(QString, modeWhileWriting);
        const QString path = newPath();
        auto store = openStore(path);
        QVERIFY(store);
        ImportMode mode;
        mode.expectedBytes = expectedBytes;
        auto session = sessionWithFixtureSpans(*store, mode);
        QVERIFY(session);
        QCOMPARE(journalMode(path), modeWhileWriting);
        ImportReport report;
        report.format = "test-format";
        report.records = 7;
        ImportCounts counts;
        QVERIFY(session->finish(report, &counts));
        session.reset();
        QCOMPARE(counts.spans, uint64_t(7));
        QCOMPARE(journalMode(path), QStringLiteral("wal"));
        store.reset();
        auto reopened = openStore(path);
        QCOMPARE(reopened->info().spans, 7);
        QCOMPARE(reopened->loadTrace(traceId(1)).size(), size_t(2));
        TraceFilter filter;
        filter.tags = { { QStringLiteral("http.method"), QStringLiteral("GET") } };
        QVERIFY(!reopened->findTraces(filter).empty());
    }

    void damagedRowsDoNotCrash()
    {
        const QString path = newPath();
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(importSpans(*store, fixtureSpans()));
        {
            QString error;
            auto db = Database::open(path, &error);
            QVERIFY(db);
            QVERIFY(db->exec("UPDATE spans SET data = x'01ff0203' WHERE span_id = 11"));
            QVERIFY(db->exec("UPDATE spans SET data = x'09' WHERE span_id = 12"));
            QVERIFY(db->exec("UPDATE resources SET data = x'0105'"));
            QVERIFY(db->exec("UPDATE spans SET kind = 77, status = -3 WHERE span_id = 21"));
        }
        auto spans = store->loadTrace(traceId(1));
        QCOMPARE(spans.size(), size_t(2));
        QCOMPARE(spans[0].name, std::string("GET /"));
        QCOMPARE(spans[0].startNs, 1000);
        QVERIFY(spans[0].attributes.empty());
        QVERIFY(!spans[0].warnings.empty());
        QVERIFY(!spans[0].resource);
        QVERIFY(!spans[1].warnings.empty());
        spans = store->loadTrace(traceId(2));
        QCOMPARE(spans[0].kind, SpanKind::Unspecified);
        QCOMPARE(spans[0].status, StatusCode::Unset);

        // Merging into a damaged row replaces the damaged details.
        SpanRecord repair = makeSpan(1, 11, 0, "frontend", "GET /", 1000, 500);
        repair.attributes = { { "repaired", AttributeValue::fromBool(true) } };
        QVERIFY(importSpans(*store, { repair }));
        spans = store->loadTrace(traceId(1));
        QCOMPARE(spans[0].attributes.size(), size_t(1));
        QCOMPARE(spans[0].attributes[0].key, std::string("repaired"));
    }

    void refusesForeignOrNewerFiles()
    {
        QString error;
        const QString newer = newPath();
        {
            auto db = Database::open(newer, &error);
            QVERIFY(db);
            QVERIFY(db->exec("CREATE TABLE x(y); PRAGMA user_version = 999"));
        }
        QVERIFY(!TraceStore::open(newer, &error));
        QVERIFY2(error.contains(QLatin1String("newer")) && error.contains(QLatin1String("999")), qPrintable(error));

        const QString foreign = newPath();
        {
            auto db = Database::open(foreign, &error);
            QVERIFY(db);
            QVERIFY(db->exec("CREATE TABLE contacts(name TEXT)"));
        }
        error.clear();
        QVERIFY(!TraceStore::open(foreign, &error));
        QVERIFY2(error.contains(QLatin1String("not a trace cache")), qPrintable(error));
        QCOMPARE(journalMode(foreign), QStringLiteral("delete")); // a new cache gets the WAL; this file is not one

        const QString text = newPath();
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        error.clear();
        QVERIFY(!TraceStore::open(text, &error));
        QVERIFY2(error.contains(QLatin1String("not a trace cache")), qPrintable(error));
        QVERIFY(QFile(text).size() == 4096); // left alone

        // The current version opens again, and its version is recorded.
        const QString current = newPath();
        QVERIFY(openStore(current));
        auto db = Database::open(current, &error);
        QCOMPARE(db->queryInt64("PRAGMA user_version"), int64_t(CacheSchema::currentVersion));
        QVERIFY(openStore(current));
    }

    void concurrentOpenersOfANewCacheAllSucceed()
    {
        // The window and an import worker open a new cache at the same moment: whichever gets the write
        // lock second finds the tables there and must not create them again.
        for (int round = 0; round < 10; ++round) {
            const QString path = newPath();
            constexpr int openers = 4;
            std::vector<QString> errors(openers);
            std::vector<int64_t> spans(openers, -1);
            std::atomic<int> ready { 0 };
            std::vector<std::thread> threads;
            for (int i = 0; i < openers; ++i) {
                threads.emplace_back([&, i] {
                    ++ready;
                    while (ready.load() < openers) { }
                    auto store = TraceStore::open(path, &errors[size_t(i)]);
                    if (store)
                        spans[size_t(i)] = store->info().spans;
                });
            }
            for (std::thread& thread : threads)
                thread.join();
            for (int i = 0; i < openers; ++i)
                QVERIFY2(spans[size_t(i)] == 0, qPrintable(errors[size_t(i)]));
            // One of them set the WAL; should a reader have kept it from that, the next opener does.
            QVERIFY(openStore(path));
            QCOMPARE(journalMode(path), QStringLiteral("wal"));
        }
    }

    void createsFoldersAndWorksInMemory()
    {
        const QString nested = m_dir.filePath(QStringLiteral("a/b/c/cache.sqlite"));
        auto store = openStore(nested);
        QVERIFY(store);
        QVERIFY(QFile::exists(nested));
        QCOMPARE(store->path(), nested);

        auto memory = openStore(QStringLiteral(":memory:"));
        QVERIFY(memory);
        QVERIFY(importSpans(*memory, fixtureSpans()));
        QCOMPARE(memory->info().traces, 4);
        QCOMPARE(memory->info().fileBytes, 0);
        QCOMPARE(memory->loadTrace(traceId(4)).size(), size_t(2));

        QVERIFY(TraceStore::defaultPath().endsWith(QLatin1String("/cache.sqlite")));
    }

    void manySpans()
    {
        // Big enough to exercise the bulk path and dictionary caches, small enough for a unit test.
        auto store = openStore(newPath());
        QVERIFY(store);
        auto session = store->beginImport(QStringLiteral("many.json"));
        QVERIFY(session);
        constexpr int traces = 500;
        constexpr int spansPerTrace = 40;
        std::vector<std::shared_ptr<const Resource>> resources;
        for (int s = 0; s < 5; ++s)
            resources.push_back(resourceFor("service-" + std::to_string(s)));
        std::vector<SpanRecord> batch;
        for (int t = 0; t < traces; ++t) {
            for (int s = 0; s < spansPerTrace; ++s) {
                SpanRecord span = makeSpan(uint64_t(t + 1), uint64_t(s + 1), s ? 1 : 0,
                    "service-" + std::to_string(s % 5), "op-" + std::to_string(s % 7), 1000000 * t + s, 100 + s);
                span.resource = resources[size_t(s % 5)];
                span.attributes = { { "http.status_code", AttributeValue::fromInt(200 + (s % 3)) },
                    { "trace.number", AttributeValue::fromInt(t) },
                    { "component", AttributeValue::fromString("grpc") } };
                if (s == 3)
                    span.status = StatusCode::Error;
                batch.push_back(std::move(span));
                if (batch.size() == 1000)
                    QVERIFY(session->addSpans(batch));
            }
        }
        QVERIFY(session->addSpans(batch));
        ImportReport report;
        report.records = traces * spansPerTrace;
        ImportCounts counts;
        QVERIFY(session->finish(report, &counts));
        QCOMPARE(counts.traces, uint64_t(traces));
        QCOMPARE(counts.spans, uint64_t(traces * spansPerTrace));
        QCOMPARE(counts.services, 5u);
        session.reset();

        TraceFilter filter;
        filter.tags = { { QStringLiteral("trace.number"), QStringLiteral("123") } };
        QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 124 });
        filter = {};
        filter.limit = 0;
        filter.service = QStringLiteral("service-4");
        QCOMPARE(store->findTraces(filter).size(), size_t(traces));
        const auto summary = store->traceSummary(traceId(7));
        QCOMPARE(summary->spanCount, spansPerTrace);
        QCOMPARE(summary->errorCount, 1);
        QCOMPARE(summary->services.size(), 5);
        QCOMPARE(store->loadTrace(traceId(7)).size(), size_t(spansPerTrace));
    }

    void searchesManyTraces()
    {
        // Enough traces that a filter matching most of them is answered by walking the traces newest
        // first and probing the index, rather than by collecting every match and sorting.
        auto store = openStore(newPath());
        QVERIFY(store);
        constexpr int traces = 21000;
        std::vector<SpanRecord> spans;
        spans.reserve(2 * traces);
        for (int t = 0; t < traces; ++t) {
            SpanRecord root = makeSpan(uint64_t(t + 1), 1, 0, "frontend", "GET", 1000 * int64_t(t), 10);
            root.attributes
                = { { "common", AttributeValue::fromString("yes") }, { "number", AttributeValue::fromInt(t) } };
            SpanRecord child = makeSpan(
                uint64_t(t + 1), 2, 1, "svc-" + std::to_string(t % 3), "work", 1000 * int64_t(t) + 1, 5 + t % 7);
            child.attributes = { { "parity", AttributeValue::fromInt(t % 2) } };
            spans.push_back(std::move(root));
            spans.push_back(std::move(child));
        }
        const auto counts = importSpans(*store, std::move(spans), QStringLiteral("many.json"), 1000);
        QVERIFY(counts);
        QCOMPARE(counts->traces, uint64_t(traces));
        QCOMPARE(counts->services, 4u);

        TraceFilter filter;
        filter.service = QStringLiteral("frontend");
        filter.limit = 5;
        QCOMPARE(traceNumbers(store->findTraces(filter)), (std::vector<int> { 21000, 20999, 20998, 20997, 20996 }));
        const QString plan = store->findTracesPlan(filter).join(QLatin1Char('\n'));
        QVERIFY2(plan.contains(QLatin1String("traces_by_start")) && plan.contains(QLatin1String("trace_index")),
            qPrintable(plan));

        filter = {};
        filter.limit = 3;
        filter.tags = { { QStringLiteral("common"), QStringLiteral("yes") },
            { QStringLiteral("parity"), QStringLiteral("1") } };
        QCOMPARE(traceNumbers(store->findTraces(filter)), (std::vector<int> { 21000, 20998, 20996 }));
        filter.tags.push_back({ QStringLiteral("number"), QStringLiteral("17") });
        QCOMPARE(traceNumbers(store->findTraces(filter)), std::vector<int> { 18 });

        filter = {};
        filter.limit = 0;
        filter.service = QStringLiteral("svc-1");
        filter.minDurationNs = 16; // the child of t % 7 == 6 ends at 1000 t + 12, 2 after the root
        filter.operation = QStringLiteral("work");
        const auto found = store->findTraces(filter);
        QCOMPARE(found.size(), size_t(0));
        filter.minDurationNs = 12;
        const auto longest = store->findTraces(filter);
        QCOMPARE(longest.size(), size_t(1000)); // t % 3 == 1 and t % 7 == 6: one t in 21
        for (const TraceSummary& trace : longest) {
            const int t = int(trace.traceId.low) - 1;
            QVERIFY(t % 3 == 1 && t % 7 == 6);
            QCOMPARE(trace.durationNs, 12);
        }
        QCOMPARE(store->info().spans, 2 * traces);
    }
};

QTEST_GUILESS_MAIN(TestTraceStore)

#include "tst_tracestore.moc"
