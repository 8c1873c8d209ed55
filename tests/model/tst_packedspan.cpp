// SPDX-License-Identifier: MIT
#include "mapdictionary.h"
#include "packedspan.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <random>

using namespace skein;

namespace {

using test::MapDictionary;

AttributeValue nested(int depth)
{
    AttributeValue value = AttributeValue::fromString("leaf");
    for (int i = 0; i < depth; ++i) {
        AttributeValue outer;
        if (i % 2) {
            outer.type = AttributeValue::Type::Array;
            outer.array.push_back(std::move(value));
        } else {
            outer.type = AttributeValue::Type::KeyValueList;
            outer.keyValues.push_back({ "level", std::move(value) });
        }
        value = std::move(outer);
    }
    return value;
}

Attributes everyValueType()
{
    AttributeValue array;
    array.type = AttributeValue::Type::Array;
    array.array = { AttributeValue::fromInt(1), AttributeValue::fromString("two"), AttributeValue::fromDouble(3.5),
        AttributeValue {} };
    AttributeValue list;
    list.type = AttributeValue::Type::KeyValueList;
    list.keyValues = { { "inner", AttributeValue::fromBool(false) }, { "", array }, { "inner", nested(3) } };

    return {
        { "string", AttributeValue::fromString("hello \xc3\xa9\n") },
        { "empty.string", AttributeValue::fromString("") },
        { "true", AttributeValue::fromBool(true) },
        { "false", AttributeValue::fromBool(false) },
        { "int.max", AttributeValue::fromInt(std::numeric_limits<int64_t>::max()) },
        { "int.min", AttributeValue::fromInt(std::numeric_limits<int64_t>::min()) },
        { "int.zero", AttributeValue::fromInt(0) },
        { "int.minus.one", AttributeValue::fromInt(-1) },
        { "double.nan", AttributeValue::fromDouble(std::numeric_limits<double>::quiet_NaN()) },
        { "double.inf", AttributeValue::fromDouble(std::numeric_limits<double>::infinity()) },
        { "double.minus.inf", AttributeValue::fromDouble(-std::numeric_limits<double>::infinity()) },
        { "double.minus.zero", AttributeValue::fromDouble(-0.0) },
        { "double.tiny", AttributeValue::fromDouble(std::numeric_limits<double>::denorm_min()) },
        { "double.pi", AttributeValue::fromDouble(3.141592653589793) },
        { "bytes", AttributeValue::fromBytes(std::string("\0\x01\xff\0zz", 6)) },
        { "empty", AttributeValue {} },
        { "array", array },
        { "list", list },
        { "deep", nested(40) },
        { "string", AttributeValue::fromString("a repeated key stays") },
    };
}

SpanRecord fullSpan()
{
    SpanRecord span;
    span.traceId = { 0x0123456789abcdefull, 0xfedcba9876543210ull };
    span.spanId = 0xffffffffffffffffull;
    span.startNs = 1700000000123456789;
    span.durationNs = 42;
    span.attributes = everyValueType();
    span.events = {
        { span.startNs + 5, "log", { { "message", AttributeValue::fromString("hi") } }, 2 },
        { 0, "at epoch", {}, 0 },
        { std::numeric_limits<int64_t>::min(), "way before", {}, 0 },
        { std::numeric_limits<int64_t>::max(), "way after", { { "n", AttributeValue::fromInt(7) } }, 0 },
    };
    SpanLink sameTrace;
    sameTrace.traceId = span.traceId;
    sameTrace.spanId = 7;
    sameTrace.type = LinkType::ChildOf;
    SpanLink otherTrace;
    otherTrace.traceId = { 0, 99 };
    otherTrace.spanId = 0x8000000000000000ull;
    otherTrace.traceState = "k=v";
    otherTrace.attributes = { { "link.attr", AttributeValue::fromDouble(-1.5) } };
    otherTrace.flags = 0x301;
    otherTrace.droppedAttributes = 3;
    span.links = { sameTrace, otherTrace };
    span.statusMessage = "it broke";
    span.traceState = "vendor=1,other=2";
    span.warnings = { "first warning", "second warning" };
    span.droppedAttributes = 1;
    span.droppedEvents = 4294967295u;
    span.droppedLinks = 9;
    return span;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// AttributeValue's operator== equates 0.0 and -0.0 and ignores NaN payloads; the cache must not.
bool identical(const AttributeValue& a, const AttributeValue& b)
{
    if (!(a == b))
        return false;
    if (a.type == AttributeValue::Type::Double)
        return sameBits(a.doubleValue, b.doubleValue);
    for (size_t i = 0; i < a.array.size(); ++i) {
        if (!identical(a.array[i], b.array[i]))
            return false;
    }
    for (size_t i = 0; i < a.keyValues.size(); ++i) {
        if (!identical(a.keyValues[i].value, b.keyValues[i].value))
            return false;
    }
    return true;
}

void compareDetails(const SpanRecord& actual, const SpanRecord& expected)
{
    QCOMPARE(actual.attributes.size(), expected.attributes.size());
    for (size_t i = 0; i < expected.attributes.size(); ++i) {
        QCOMPARE(actual.attributes[i].key, expected.attributes[i].key);
        QVERIFY2(
            identical(actual.attributes[i].value, expected.attributes[i].value), expected.attributes[i].key.c_str());
    }
    QVERIFY(actual.events == expected.events);
    QVERIFY(actual.links == expected.links);
    QCOMPARE(actual.statusMessage, expected.statusMessage);
    QCOMPARE(actual.traceState, expected.traceState);
    QVERIFY(actual.warnings == expected.warnings);
    QCOMPARE(actual.droppedAttributes, expected.droppedAttributes);
    QCOMPARE(actual.droppedEvents, expected.droppedEvents);
    QCOMPARE(actual.droppedLinks, expected.droppedLinks);
}

SpanRecord decodeTarget(const SpanRecord& original)
{
    SpanRecord target;
    target.traceId = original.traceId;
    target.startNs = original.startNs;
    return target;
}

} // namespace

class TestPackedSpan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripsEveryField()
    {
        MapDictionary keys;
        const SpanRecord span = fullSpan();
        std::string blob;
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        SpanRecord decoded = decodeTarget(span);
        std::string error;
        QVERIFY2(PackedSpan::decodeDetails(blob, keys, decoded, &error), error.c_str());
        compareDetails(decoded, span);
        // NaN keeps its exact bits, not just its NaN-ness.
        QVERIFY(sameBits(decoded.attributes[8].value.doubleValue, std::numeric_limits<double>::quiet_NaN()));
    }

    void storesKeysAsDictionaryIds()
    {
        MapDictionary keys;
        SpanRecord span;
        const std::string longKey(200, 'k');
        span.attributes = { { longKey, AttributeValue::fromInt(1) }, { longKey, AttributeValue::fromInt(2) } };
        std::string blob;
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        QCOMPARE(keys.ids.size(), size_t(1));
        QVERIFY(blob.size() < 16); // the key text is not in the blob
        QVERIFY(blob.find(longKey) == std::string::npos);
    }

    void emptyDetailsEncodeToNothing()
    {
        MapDictionary keys;
        SpanRecord span;
        span.name = "columns only";
        span.startNs = 5;
        std::string blob = "stale";
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        QVERIFY(blob.empty());
        SpanRecord decoded = fullSpan(); // decoding clears what was there
        QVERIFY(PackedSpan::decodeDetails(blob, keys, decoded, nullptr));
        QVERIFY(decoded.attributes.empty());
        QVERIFY(decoded.events.empty());
        QCOMPARE(decoded.droppedEvents, 0u);
    }

    void eventTimesAreExactForAnyStart_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("eventTime");
        constexpr qint64 maxValue = std::numeric_limits<qint64>::max();
        constexpr qint64 minValue = std::numeric_limits<qint64>::min();
        QTest::addRow("typical") << qint64(1700000000000000000) << qint64(1700000000000000500);
        QTest::addRow("before start") << qint64(1700000000000000000) << qint64(5);
        QTest::addRow("max after min") << minValue << maxValue;
        QTest::addRow("min after max") << maxValue << minValue;
        QTest::addRow("negative start") << qint64(-1) << qint64(0);
    }

    void eventTimesAreExactForAnyStart()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, eventTime);
        MapDictionary keys;
        SpanRecord span;
        span.startNs = start;
        span.events = { { eventTime, "e", {}, 0 } };
        std::string blob;
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        SpanRecord decoded = decodeTarget(span);
        QVERIFY(PackedSpan::decodeDetails(blob, keys, decoded, nullptr));
        QCOMPARE(decoded.events.size(), size_t(1));
        QCOMPARE(decoded.events[0].timeNs, int64_t(eventTime));
    }

    void roundTripsResourceAndScope()
    {
        MapDictionary keys;
        Resource resource;
        resource.serviceName = "checkout";
        resource.attributes = everyValueType();
        resource.droppedAttributes = 3;
        std::string blob;
        QVERIFY(PackedSpan::encodeResource(resource, keys, blob));
        Resource decodedResource;
        QVERIFY(PackedSpan::decodeResource(blob, keys, decodedResource, nullptr));
        QCOMPARE(decodedResource.serviceName, resource.serviceName);
        QCOMPARE(decodedResource.droppedAttributes, 3u);
        QVERIFY(decodedResource.attributes == resource.attributes);

        InstrumentationScope scope;
        scope.name = "io.opentelemetry.http";
        scope.version = "1.2.3";
        scope.attributes = { { "scope.attr", AttributeValue::fromBytes(std::string("\0", 1)) } };
        scope.droppedAttributes = 1;
        QVERIFY(PackedSpan::encodeScope(scope, keys, blob));
        InstrumentationScope decodedScope;
        QVERIFY(PackedSpan::decodeScope(blob, keys, decodedScope, nullptr));
        QVERIFY(decodedScope == scope);
    }

    void reportsDictionaryFailure()
    {
        MapDictionary keys;
        keys.failing = true;
        std::string blob;
        QVERIFY(!PackedSpan::encodeDetails(fullSpan(), keys, blob));
        Resource resource;
        resource.attributes = { { "k", AttributeValue::fromInt(1) } };
        QVERIFY(!PackedSpan::encodeResource(resource, keys, blob));
    }

    void refusesCorruptBlobs_data()
    {
        QTest::addColumn<QByteArray>("blob");
        QTest::addRow("unknown version") << QByteArray("\x02\x04\x01x", 4);
        QTest::addRow("version only then garbage field") << QByteArray("\x01\x7f", 2);
        QTest::addRow("truncated string") << QByteArray("\x01\x04\x10"
                                                        "ab",
            5);
        QTest::addRow("huge count") << QByteArray("\x01\x01\xff\xff\xff\xff\x0f\x01\x01", 9);
        QTest::addRow("varint overflow") << QByteArray("\x01\x07\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 12);
        QTest::addRow("unknown key id") << QByteArray("\x01\x01\x01\x63\x00", 5);
        QTest::addRow("unknown value type") << QByteArray("\x01\x01\x01\x01\x09", 5);
        QTest::addRow("fields repeated") << QByteArray("\x01\x04\x01x\x04\x01y", 7);
        QTest::addRow("dropped count over 32 bits") << QByteArray("\x01\x07\x80\x80\x80\x80\x10", 7);
        QTest::addRow("trailing bytes in last field") << QByteArray("\x01\x09\x01\x00", 4);
        QByteArray deep("\x01\x01\x01\x01", 4);
        for (int i = 0; i < 100; ++i)
            deep += QByteArray("\x07\x01", 2);
        deep += QByteArray("\x00", 1);
        QTest::addRow("nested too deeply") << deep;
    }

    void refusesCorruptBlobs()
    {
        QFETCH(QByteArray, blob);
        MapDictionary keys;
        keys.keyId("known"); // id 1
        SpanRecord span;
        std::string error;
        QVERIFY(
            !PackedSpan::decodeDetails(std::string_view(blob.constData(), size_t(blob.size())), keys, span, &error));
        QVERIFY(!error.empty());
        QVERIFY(span.attributes.empty());
        QVERIFY(span.events.empty());
        QVERIFY(span.statusMessage.empty());
        QCOMPARE(span.droppedEvents, 0u);
    }

    void survivesTruncationAndBitFlips()
    {
        MapDictionary keys;
        const SpanRecord span = fullSpan();
        std::string blob;
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        int accepted = 0;
        for (size_t length = 0; length < blob.size(); ++length) {
            SpanRecord decoded = decodeTarget(span);
            if (PackedSpan::decodeDetails(std::string_view(blob).substr(0, length), keys, decoded, nullptr))
                ++accepted;
        }
        // A cut is detected as damage unless it falls exactly between two fields (10 such places: after
        // the version byte and after each of the first 9 fields) or leaves nothing (no details at all).
        QVERIFY(accepted <= 11);

        std::mt19937 random(12345);
        for (int round = 0; round < 3000; ++round) {
            std::string damaged = blob;
            const int flips = 1 + int(random() % 4);
            for (int i = 0; i < flips; ++i)
                damaged[random() % damaged.size()] ^= char(1 << (random() % 8));
            SpanRecord decoded = decodeTarget(span);
            PackedSpan::decodeDetails(damaged, keys, decoded, nullptr); // must simply not crash or hang
        }

        Resource resource;
        resource.serviceName = "svc";
        resource.attributes = everyValueType();
        QVERIFY(PackedSpan::encodeResource(resource, keys, blob));
        for (size_t length = 0; length < blob.size(); ++length) {
            Resource decoded;
            QVERIFY(!PackedSpan::decodeResource(std::string_view(blob).substr(0, length), keys, decoded, nullptr));
        }
    }
};

QTEST_GUILESS_MAIN(TestPackedSpan)

#include "tst_packedspan.moc"
