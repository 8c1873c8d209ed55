// SPDX-License-Identifier: MIT
// The index builder against a plain reading of the rules (parents across Zipkin shared halves, orphans,
// cycles cut at their earliest span, children by start then span id then side, skew flags), on random
// traces small and big enough for its second thread, written in one slice or in two; and the packed
// 64-bit columns the index keeps row ids and durations in.
#include "blockedint64s.h"
#include "compactids.h"
#include "packedint64s.h"
#include "traceindex.h"
#include "traceindexbuilder.h"

#include <QTest>

#include <map>
#include <random>

using namespace skein;

namespace {

// The index by the rules, built the slow and obvious way: output position -> input index, and the rest.
struct Reference {
    std::vector<int32_t> order;
    std::vector<int32_t> parent;
    std::vector<int32_t> depth;
    std::vector<int32_t> subtreeEnd;
    std::vector<uint8_t> flags;
    std::vector<int32_t> positionOf; // input index -> output position
    std::map<std::pair<SpanId, int>, int32_t> firstOf; // (span id, side) -> its first input index
};

Reference referenceIndex(const std::vector<TraceIndex::Input>& spans)
{
    const int32_t count = int32_t(spans.size());
    Reference result;
    auto sideOf = [&](int32_t i) { return spans[size_t(i)].side == SpanSide::SharedServer ? 1 : 0; };
    for (int32_t i = 0; i < count; ++i)
        result.firstOf.try_emplace({ spans[size_t(i)].spanId, sideOf(i) }, i);
    auto find = [&](SpanId id, int side) {
        auto it = result.firstOf.find({ id, side });
        return it == result.firstOf.end() ? -1 : it->second;
    };
    std::vector<int32_t> parentOf(size_t(count), -1);
    std::vector<uint8_t> flags(size_t(count), 0);
    for (int32_t i = 0; i < count; ++i) {
        const TraceIndex::Input& span = spans[size_t(i)];
        if (span.status == StatusCode::Error)
            flags[size_t(i)] |= TraceIndex::Error;
        if (sideOf(i))
            flags[size_t(i)] |= TraceIndex::SharedServer;
        if (span.parentSpanId == 0)
            continue;
        int32_t parent = -1;
        if (sideOf(i) && span.parentSpanId == span.spanId)
            parent = find(span.spanId, 0);
        else
            parent = find(span.parentSpanId, 1) >= 0 ? find(span.parentSpanId, 1) : find(span.parentSpanId, 0);
        if (parent < 0 || parent == i)
            flags[size_t(i)] |= TraceIndex::Orphan;
        else
            parentOf[size_t(i)] = parent;
    }
    auto earlier = [&](int32_t a, int32_t b) {
        const TraceIndex::Input& x = spans[size_t(a)];
        const TraceIndex::Input& y = spans[size_t(b)];
        return std::tuple(x.startNs, x.spanId, sideOf(a), a) < std::tuple(y.startNs, y.spanId, sideOf(b), b);
    };
    std::vector<std::vector<int32_t>> children(static_cast<size_t>(count));
    std::vector<int32_t> byStart;
    for (int32_t i = 0; i < count; ++i) {
        byStart.push_back(i);
        if (parentOf[size_t(i)] >= 0)
            children[size_t(parentOf[size_t(i)])].push_back(i);
    }
    for (auto& list : children)
        std::sort(list.begin(), list.end(), earlier);
    std::sort(byStart.begin(), byStart.end(), earlier);

    result.positionOf.assign(size_t(count), -1);
    auto walk = [&](int32_t root) {
        std::vector<std::pair<int32_t, size_t>> stack; // output position, next child
        auto place = [&](int32_t input, int32_t parentOutput) {
            const int32_t out = int32_t(result.order.size());
            result.positionOf[size_t(input)] = out;
            result.order.push_back(input);
            result.parent.push_back(parentOutput);
            result.depth.push_back(int32_t(stack.size()));
            result.subtreeEnd.push_back(-1);
            result.flags.push_back(flags[size_t(input)]);
            stack.emplace_back(out, 0);
        };
        place(root, -1);
        while (!stack.empty()) {
            auto& [out, next] = stack.back();
            const std::vector<int32_t>& list = children[size_t(result.order[size_t(out)])];
            if (next < list.size()) {
                const int32_t child = list[next++];
                if (result.positionOf[size_t(child)] < 0)
                    place(child, out);
                continue;
            }
            result.subtreeEnd[size_t(out)] = int32_t(result.order.size());
            stack.pop_back();
        }
    };
    for (int32_t i : byStart)
        if (parentOf[size_t(i)] < 0)
            walk(i);
    for (int32_t i : byStart) {
        if (result.positionOf[size_t(i)] >= 0)
            continue;
        flags[size_t(i)] |= TraceIndex::Cycle;
        walk(i);
    }
    for (int32_t out = 0; out < count; ++out) {
        const int32_t parent = result.parent[size_t(out)];
        if (parent < 0)
            continue;
        const TraceIndex::Input& span = spans[size_t(result.order[size_t(out)])];
        const TraceIndex::Input& up = spans[size_t(result.order[size_t(parent)])];
        if (span.startNs < up.startNs)
            result.flags[size_t(out)] |= TraceIndex::StartsBeforeParent;
        if (span.startNs + std::max<int64_t>(span.durationNs, 0) > up.startNs + std::max<int64_t>(up.durationNs, 0))
            result.flags[size_t(out)] |= TraceIndex::EndsAfterParent;
    }
    return result;
}

constexpr int64_t firstDistinctKey = 1'000'000;

QString serviceNameOf(int64_t key)
{
    // Some keys share a name; keys from firstDistinctKey (and below 2^40) each have their own.
    return QStringLiteral("service-%1").arg(key >= firstDistinctKey && key < (int64_t(1) << 40) ? key : key % 7);
}

QString operationNameOf(int64_t key)
{
    return QStringLiteral("op-%1").arg(key, 4, 10, QLatin1Char('0'));
}

// How many distinct names and how deep: by default a few names shared by many spans. Otherwise
// services and operations name that many distinct ones (spans take them in turn) and the last chain spans
// form a chain (depth chain - 1), to reach the limits of the index's narrow columns.
struct Shape {
    int services = 0;
    int operations = 0;
    int chain = 0;
};

// A random trace with duplicate ids, shared halves, orphans, cycles, equal start times, durations too long
// for 32 bits and negative ones, and row ids in several runs (some far apart).
std::vector<TraceIndex::Input> randomTrace(int32_t count, uint32_t seed, Shape shape = {})
{
    std::mt19937_64 random(seed);
    auto chance = [&](int percent) { return int(random() % 100) < percent; };
    std::vector<TraceIndex::Input> spans;
    int64_t row = chance(50) ? 1 : (int64_t(1) << 40);
    for (int32_t i = 0; i < count; ++i) {
        TraceIndex::Input span;
        row += chance(2) ? int64_t(random() % 5 + 2) : 1;
        if (chance(1))
            row += int64_t(1) << 32;
        span.rowId = row;
        span.spanId = chance(3) ? SpanId(random() % 50 + 1) : SpanId(random() % (uint64_t(count) * 4 + 100) + 1);
        if (chance(5) && i > 0) { // the server half of an earlier span
            span.spanId = spans[random() % size_t(i)].spanId;
            span.side = SpanSide::SharedServer;
            span.parentSpanId = span.spanId;
        } else if (chance(4)) {
            span.parentSpanId = 0;
        } else if (chance(5)) {
            span.parentSpanId = SpanId(random()); // nearly always missing: an orphan
        } else if (i > 0) {
            // Mostly an earlier span, so trees form; sometimes any span, so cycles do too.
            span.parentSpanId = spans[random() % size_t(i)].spanId;
            if (chance(3))
                span.parentSpanId = SpanId(random() % (uint64_t(count) * 4 + 100) + 1);
        }
        span.serviceKey = int64_t(random() % 9) + (chance(1) ? int64_t(1) << 40 : 0);
        span.operationKey = int64_t(random() % 40) + 1;
        span.kind = SpanKind(random() % 6);
        span.status = chance(10) ? StatusCode::Error : StatusCode::Unset;
        span.startNs = chance(30) ? int64_t(random() % 20) : int64_t(random() % 100000000000);
        span.durationNs = chance(2) ? int64_t(random() % 10000000000000) : int64_t(random() % 1000000);
        if (chance(1))
            span.durationNs = -5;
        if (chance(2) && i > 0) {
            // The other half of an earlier span at the same time under the same parent: only the side
            // orders the two.
            const TraceIndex::Input& twin = spans[random() % size_t(i)];
            span.spanId = twin.spanId;
            span.parentSpanId = twin.parentSpanId;
            span.startNs = twin.startNs;
            span.side = twin.side == SpanSide::Primary ? SpanSide::SharedServer : SpanSide::Primary;
        }
        if (shape.services > 0)
            span.serviceKey = firstDistinctKey + i % shape.services;
        if (shape.operations > 0)
            span.operationKey = i % shape.operations;
        if (const int link = i - (count - shape.chain); link >= 0) { // last, so that no random span joins it
            span.spanId = SpanId(uint64_t(1) << 40) + SpanId(link);
            span.parentSpanId = link == 0 ? 0 : span.spanId - 1;
            span.side = SpanSide::Primary;
            span.startNs = i;
        }
        spans.push_back(span);
    }
    return spans;
}

// Fails the test at the first difference between the index and the reference.
void compareWithReference(const TraceIndex& index, const std::vector<TraceIndex::Input>& spans)
{
    const Reference reference = referenceIndex(spans);
    const int32_t count = int32_t(spans.size());
    QCOMPARE(index.size(), count);
    int64_t traceStart = INT64_MAX;
    int64_t traceEnd = INT64_MIN;
    for (const TraceIndex::Input& span : spans) {
        traceStart = std::min(traceStart, span.startNs);
        traceEnd = std::max(traceEnd, span.startNs + std::max<int64_t>(span.durationNs, 0));
    }
    if (count > 0) {
        QCOMPARE(index.traceStartNs, traceStart);
        QCOMPARE(index.traceDurationNs, traceEnd - traceStart);
    }
    int32_t roots = 0, orphans = 0, cycles = 0, errors = 0, skewed = 0, maxDepth = 0;
    for (int32_t out = 0; out < count; ++out) {
        const TraceIndex::Input& span = spans[size_t(reference.order[size_t(out)])];
        const size_t o = size_t(out);
        QCOMPARE(index.spanId[o], span.spanId);
        QCOMPARE(index.rowId[o], span.rowId);
        QCOMPARE(index.startOf(out), span.startNs - traceStart);
        QCOMPARE(index.spanDuration(out), std::max<int64_t>(span.durationNs, 0));
        QCOMPARE(index.parent[o], reference.parent[o]);
        QCOMPARE(int32_t(index.depth[o]), reference.depth[o]);
        QCOMPARE(index.subtreeEnd[o], reference.subtreeEnd[o]);
        QCOMPARE(int(index.flags[o]), int(reference.flags[o]));
        QCOMPARE(index.kind[o], uint8_t(span.kind));
        QCOMPARE(index.serviceName(out), serviceNameOf(span.serviceKey));
        QCOMPARE(index.operationName(out), operationNameOf(span.operationKey));
        const uint8_t flags = reference.flags[o];
        roots += reference.parent[o] < 0;
        orphans += bool(flags & TraceIndex::Orphan);
        cycles += bool(flags & TraceIndex::Cycle);
        errors += bool(flags & TraceIndex::Error);
        skewed += bool(flags & (TraceIndex::StartsBeforeParent | TraceIndex::EndsAfterParent));
        maxDepth = std::max(maxDepth, reference.depth[o]);
    }
    QCOMPARE(index.rootCount, roots);
    QCOMPARE(index.orphanCount, orphans);
    QCOMPARE(index.cycleCount, cycles);
    QCOMPARE(index.errorCount, errors);
    QCOMPARE(index.skewCount, skewed);
    QCOMPARE(index.maxDepth, maxDepth);
    for (const auto& [key, input] : reference.firstOf)
        QCOMPARE(index.findSpan(key.first, key.second ? SpanSide::SharedServer : SpanSide::Primary),
            reference.positionOf[size_t(input)]);
    QVERIFY(std::is_sorted(index.serviceNames.begin(), index.serviceNames.end()));
    QVERIFY(std::is_sorted(index.operationNames.begin(), index.operationNames.end()));
}

} // namespace

class TestTraceIndexBuilder : public QObject {
    Q_OBJECT

private slots:
    void packedColumnsKeepEveryValue()
    {
        PackedInt64s rows(1000);
        const std::vector<int64_t> values = { 1000, 1001, 999, 0, 1000 + (int64_t(1) << 31) - 1,
            1000 + (int64_t(1) << 31), INT64_MAX, INT64_MIN, 5000 };
        for (int64_t value : values)
            rows.push_back(value);
        QCOMPARE(rows.size(), values.size());
        for (size_t i = 0; i < values.size(); ++i)
            QCOMPARE(rows[i], values[i]);
        // Those below the base or 2^31 or more above it take 8 more bytes each.
        QCOMPARE(rows.wideCount(), size_t(5));
        QCOMPARE(rows.memoryBytes(), values.size() * 4 + 5 * 8);

        PackedInt64s durations;
        durations.resize(3);
        durations.set(2, int64_t(1) << 40);
        durations.set(0, 7);
        durations.set(1, 0);
        QCOMPARE(durations[0], int64_t(7));
        QCOMPARE(durations[1], int64_t(0));
        QCOMPARE(durations[2], int64_t(1) << 40);
    }

    // The start column: values come back exactly, whatever their spread; blocks of close values take
    // 4 bytes a value, and only blocks spread wider than 2^32 keep their values whole.
    void startColumnKeepsEveryValue_data()
    {
        QTest::addColumn<std::vector<int64_t>>("values");
        QTest::addColumn<int>("whole");
        auto series = [](int count, int64_t first, int64_t step) {
            std::vector<int64_t> values;
            for (int i = 0; i < count; ++i)
                values.push_back(first + int64_t(i) * step);
            return values;
        };
        QTest::newRow("empty") << std::vector<int64_t>() << 0;
        QTest::newRow("dense, a short last block") << series(1000, 0, 3'600'000) << 0;
        QTest::newRow("dense, far from zero") << series(600, int64_t(1) << 50, 1000) << 0;
        QTest::newRow("sparse: every block whole") << series(600, 0, 60'000'000'000) << 600;
        std::vector<int64_t> skewed = series(768, 0, 1000);
        skewed[300] = -10'000'000'000; // a host's clock 10 s behind: its block (256..511) is whole
        QTest::newRow("one outlier") << skewed << 256;
        QTest::newRow("extremes") << std::vector<int64_t> { INT64_MIN, INT64_MAX, 0, -1 } << 4;
        QTest::newRow("spread of exactly 2^32 - 1") << std::vector<int64_t> { 5, 5 + int64_t(UINT32_MAX), 7 } << 0;
        QTest::newRow("spread of 2^32") << std::vector<int64_t> { 5, 5 + int64_t(UINT32_MAX) + 1 } << 2;
    }
    void startColumnKeepsEveryValue()
    {
        QFETCH(std::vector<int64_t>, values);
        QFETCH(int, whole);
        const BlockedInt64s column(values);
        QCOMPARE(column.size(), values.size());
        for (size_t i = 0; i < values.size(); ++i)
            QCOMPARE(column[i], values[i]);
        QCOMPARE(column.wholeCount(), size_t(whole));
        QVERIFY(column.memoryBytes() <= values.size() * 4 + size_t(whole) * 4 + 16 * ((values.size() + 255) / 256));
    }

    void compactIdsWidenWhenAValueDoesNotFit()
    {
        CompactIds<uint8_t, uint16_t> depths;
        for (uint16_t value : { 0, 7, 255 })
            depths.push_back(value);
        QVERIFY(depths.isNarrow());
        QCOMPARE(depths.memoryBytes(), size_t(3));
        depths.push_back(256);
        depths.push_back(65535);
        QVERIFY(!depths.isNarrow());
        QCOMPARE(
            std::vector<uint16_t>(depths.begin(), depths.end()), (std::vector<uint16_t> { 0, 7, 255, 256, 65535 }));
        QCOMPARE(depths.memoryBytes(), size_t(10));

        CompactIds<uint8_t, uint16_t> startsWide;
        startsWide.push_back(300);
        QVERIFY(!startsWide.isNarrow());
        QCOMPARE(startsWide[0], uint16_t(300));

        CompactIds<uint16_t, uint32_t> operations;
        operations.resize(3, 65535);
        operations.set(2, 65535);
        operations.set(0, 1);
        QVERIFY(operations.isNarrow());
        QCOMPARE(std::vector<uint32_t>(operations.begin(), operations.end()), (std::vector<uint32_t> { 1, 0, 65535 }));
        operations.resize(2, 65536);
        operations.set(1, 65536);
        QVERIFY(!operations.isNarrow());
        QCOMPARE(operations[0], 0u);
        QCOMPARE(operations[1], 65536u);
    }

    void matchesTheRules_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<uint>("seed");
        QTest::addColumn<int>("services");
        QTest::addColumn<int>("operations");
        QTest::addColumn<int>("chain");
        QTest::newRow("empty") << 0 << 1u << 0 << 0 << 0;
        QTest::newRow("one") << 1 << 2u << 0 << 0 << 0;
        QTest::newRow("a few") << 9 << 3u << 0 << 0 << 0;
        QTest::newRow("hundreds") << 600 << 4u << 0 << 0 << 0;
        QTest::newRow("thousands") << 7000 << 5u << 0 << 0 << 0;
        QTest::newRow("big enough for two threads") << 90000 << 6u << 0 << 0 << 0;
        // The narrow columns' edges: 256 services, 65,536 operations, depth 255 still fit; one more does not.
        QTest::newRow("names and depth at the narrow limits") << 66000 << 8u << 256 << 65536 << 256;
        QTest::newRow("names and depth one beyond") << 66000 << 9u << 257 << 65537 << 257;
    }

    void matchesTheRules()
    {
        QFETCH(int, count);
        QFETCH(uint, seed);
        QFETCH(int, services);
        QFETCH(int, operations);
        QFETCH(int, chain);
        const std::vector<TraceIndex::Input> spans = randomTrace(count, seed, { services, operations, chain });
        TraceIndex index = TraceIndex::build(
            TraceId { 1, 2 }, std::vector<TraceIndex::Input>(spans), serviceNameOf, operationNameOf);
        QCOMPARE(index.traceId, (TraceId { 1, 2 }));
        compareWithReference(index, spans);
        if (services > 0) {
            QCOMPARE(index.serviceNames.size(), size_t(services));
            QCOMPARE(index.operationNames.size(), size_t(operations));
            QCOMPARE(index.maxDepth, chain - 1);
        }
        QCOMPARE(index.service.isNarrow(), index.serviceNames.size() <= 256);
        QCOMPARE(index.operation.isNarrow(), index.operationNames.size() <= 65536);
        QCOMPARE(index.depth.isNarrow(), index.maxDepth <= 255);
        if (count > 0)
            QVERIFY(index.memoryBytes() > 0);
    }

    void slicesWrittenApartGiveTheSameIndex()
    {
        // Rows written in two slices (as two threads reading halves of the rows do), the second one sorted
        // by its writer; the row ids are runs.
        std::vector<TraceIndex::Input> spans = randomTrace(80000, 7);
        std::vector<std::pair<int64_t, int64_t>> runs = { { 100, 100 + 49999 }, { 70000, 70000 + 29999 } };
        for (size_t i = 0; i < spans.size(); ++i)
            spans[i].rowId = i < 50000 ? 100 + int64_t(i) : 70000 + int64_t(i - 50000);
        TraceIndexBuilder builder(spans.size(), runs);
        TraceIndexBuilder::Slice& first = builder.addSlice(0, 33333);
        TraceIndexBuilder::Slice& second = builder.addSlice(33333, spans.size());
        for (size_t i = 0; i < spans.size(); ++i) {
            const TraceIndex::Input& span = spans[i];
            (i < 33333 ? first : second)
                .add(span.spanId, span.parentSpanId, span.side, span.serviceKey, span.operationKey, span.kind,
                    span.status, span.startNs, span.durationNs);
        }
        QVERIFY(first.full());
        QVERIFY(second.full());
        second.prepare();
        compareWithReference(builder.build(TraceId { 1, 2 }, serviceNameOf, operationNameOf), spans);
    }

    void restartedSliceForgetsItsRows()
    {
        const std::vector<TraceIndex::Input> spans = randomTrace(100, 8);
        TraceIndexBuilder builder(spans.size(), { { 1, 100 } });
        TraceIndexBuilder::Slice& slice = builder.addSlice(0, spans.size());
        for (int round = 0; round < 2; ++round) {
            slice.restart();
            for (size_t i = 0; i < spans.size(); ++i) {
                // The first round writes other names and ids, as a read that failed half-way might have.
                const TraceIndex::Input& span = spans[round == 0 ? spans.size() - 1 - i : i];
                slice.add(span.spanId, span.parentSpanId, span.side, span.serviceKey + round * 1000, span.operationKey,
                    span.kind, span.status, span.startNs, span.durationNs);
            }
        }
        std::vector<TraceIndex::Input> expected = spans;
        for (size_t i = 0; i < expected.size(); ++i) {
            expected[i].rowId = int64_t(i) + 1;
            expected[i].serviceKey += 1000;
        }
        compareWithReference(builder.build(TraceId { 1, 2 }, serviceNameOf, operationNameOf), expected);
    }
};

QTEST_GUILESS_MAIN(TestTraceIndexBuilder)
#include "tst_traceindexbuilder.moc"
