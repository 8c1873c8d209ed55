// SPDX-License-Identifier: MIT
// TraceContent's packed events: names and fields kept once, order, and times by span. Its load from the cache:
// the details read straight from the packed rows give the same text as whole span records, and reading in
// parts side by side neither loses nor repeats a span.
#include "demogenerator.h"
#include "detailsdigest.h"
#include "detailtextfile.h"
#include "mapdictionary.h"
#include "spanbyrow.h"
#include "tracecontent.h"
#include "tracestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <random>
#include <tuple>

using namespace skein;

namespace {

using test::MapDictionary;

// A span with every kind of value, in keys and texts that need folding.
SpanRecord spanWithEveryValue()
{
    SpanRecord span;
    span.traceId = TraceId { 1, 2 };
    span.spanId = 7;
    span.startNs = 1700000000000000000;
    span.statusMessage = "Card DECLINED\nby issuer";
    span.attributes = {
        { "HTTP.Method", AttributeValue::fromString("POST") },
        { "retry", AttributeValue::fromBool(true) },
        { "done", AttributeValue::fromBool(false) },
        { "amount", AttributeValue::fromInt(-1234567890123) },
        { "ratio", AttributeValue::fromDouble(0.25) },
        { "blob",
            AttributeValue::fromBytes(std::string("\x00\xff"
                                                  "Ab",
                4)) },
        { "nothing", AttributeValue {} },
        { "line\x01break", AttributeValue::fromString("a\nB") },
    };
    AttributeValue list;
    list.type = AttributeValue::Type::Array;
    list.array = { AttributeValue::fromString("X"), AttributeValue::fromInt(2) };
    span.attributes.push_back({ "List", list });
    AttributeValue map;
    map.type = AttributeValue::Type::KeyValueList;
    map.keyValues = { { "Inner", AttributeValue::fromDouble(1e300) } };
    span.attributes.push_back({ "map", map });
    span.events = {
        SpanEvent { span.startNs + 5, "Retry", { { "Attempt", AttributeValue::fromInt(2) } }, 0 },
        SpanEvent { span.startNs - 3, "exception",
            { { "exception.type", AttributeValue::fromString("IOError") },
                { "escaped", AttributeValue::fromBool(false) } },
            1 },
        SpanEvent { span.startNs, "", {}, 0 },
    };
    SpanLink link;
    link.traceId = TraceId { 9, 9 };
    link.spanId = 3;
    link.attributes = { { "link.reason", AttributeValue::fromString("batch") } };
    span.links = { link, SpanLink { span.traceId, 4, LinkType::ChildOf, "", {}, 0, 0 } };
    span.traceState = "k=v";
    span.droppedAttributes = 2;
    auto resource = std::make_shared<Resource>();
    resource->serviceName = "checkout";
    resource->attributes
        = { { "Service.Name", AttributeValue::fromString("Checkout") }, { "host.cores", AttributeValue::fromInt(8) } };
    span.resource = resource;
    return span;
}

struct Digested {
    std::string text;
    DetailsDigest digest;
    bool intact = false;
};

Digested digestOf(const SpanRecord& span, MapDictionary& keys, std::string_view blob)
{
    Digested result;
    PackedDetailsReader reader(keys);
    result.text = "before"; // a reader appends
    result.intact = reader.read(blob, span.startNs, span.resource.get(), &result.text, result.digest);
    result.text.erase(0, 6);
    return result;
}

using EventKey = std::tuple<int32_t, int64_t, QString, QString>; // span, offset, name, fields

std::vector<EventKey> eventsOf(const TraceContent& content)
{
    std::vector<EventKey> events;
    for (const TraceEventEntry& event : content.events)
        events.emplace_back(event.span, event.offsetNs, content.eventName(event), content.eventFields(event));
    std::sort(events.begin(), events.end());
    return events;
}

} // namespace

class tst_TraceContent : public QObject {
    Q_OBJECT
private slots:
    void foldingChangesCapitalsAndLineBreaksOnly()
    {
        // Folded eight bytes at a time: every byte value, at every offset, and every tail length gives what the
        // byte-wise rule gives: ASCII capitals in lower case; line breaks and the bytes 1 to 3 as spaces.
        auto foldByte = [](unsigned char c) {
            if (c >= 'A' && c <= 'Z')
                return char(c - 'A' + 'a');
            return c == '\n' || (c >= 1 && c <= 3) ? ' ' : char(c);
        };
        std::mt19937 random(7);
        for (int round = 0; round < 3000; ++round) {
            std::string text(size_t(random() % 40), '\0');
            for (char& c : text)
                c = char(round < 256 ? (round + int(&c - text.data())) & 0xff : int(random() & 0xff));
            std::string expected = "prefix";
            for (char c : text)
                expected.push_back(foldByte(uint8_t(c)));
            std::string folded = "prefix";
            appendFolded(folded, text);
            QCOMPARE(folded, expected);
        }
        std::string mixed;
        appendFolded(mixed, "HTTP.Status_Code=500\nÄrger \x01\x02\x03\x04 ZÜRICH@[`{");
        QCOMPARE(mixed, std::string("http.status_code=500 Ärger    \x04 zÜrich@[`{"));
    }

    void eventsKeepTheirTextWhenShared()
    {
        TraceContent content;
        content.addEvent(4, 300, QStringLiteral("retry"), "attempt=2");
        content.addEvent(1, 100, QStringLiteral("retry"), "attempt");
        content.addEvent(1, 50, QStringLiteral("log"), "attempt=2");
        content.addEvent(7, 100, QStringLiteral("log"), "attempt=22");
        content.addEvent(4, 200, QStringLiteral("exception"), "");
        content.finishEvents();

        QCOMPARE(content.events.size(), size_t(5));
        QCOMPARE(content.eventNames.size(), size_t(3)); // retry, log, exception
        // By time, then by span.
        const std::vector<std::pair<int64_t, int32_t>> expectedOrder { { 50, 1 }, { 100, 1 }, { 100, 7 }, { 200, 4 },
            { 300, 4 } };
        const std::vector<QString> expectedFields { QStringLiteral("attempt=2"), QStringLiteral("attempt"),
            QStringLiteral("attempt=22"), QString(), QStringLiteral("attempt=2") };
        const std::vector<QString> expectedNames { QStringLiteral("log"), QStringLiteral("retry"),
            QStringLiteral("log"), QStringLiteral("exception"), QStringLiteral("retry") };
        for (size_t i = 0; i < content.events.size(); ++i) {
            const TraceEventEntry& event = content.events[i];
            QCOMPARE(std::make_pair(event.offsetNs, event.span), expectedOrder[i]);
            QCOMPARE(content.eventFields(event), expectedFields[i]);
            QCOMPARE(content.eventName(event), expectedNames[i]);
        }
        // The repeated "attempt=2" is stored once.
        QCOMPARE(content.events[0].fieldsStart, content.events[4].fieldsStart);

        auto times = [&](int32_t span) {
            const std::span<const int64_t> spanTimes = content.eventTimesOf(span);
            return std::vector<int64_t>(spanTimes.begin(), spanTimes.end());
        };
        QCOMPARE(times(1), (std::vector<int64_t> { 50, 100 }));
        QCOMPARE(times(4), (std::vector<int64_t> { 200, 300 }));
        QCOMPARE(times(7), (std::vector<int64_t> { 100 }));
        QVERIFY(times(0).empty());
        QVERIFY(times(5).empty());
        QVERIFY(times(8).empty());
    }

    void packedDetailsGiveTheRecordsText()
    {
        const SpanRecord span = spanWithEveryValue();
        MapDictionary keys;
        std::string blob;
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        const Digested digested = digestOf(span, keys, blob);
        QVERIFY(digested.intact);
        std::string expected;
        appendSearchText(expected, span);
        QCOMPARE(digested.text, expected);
        QCOMPARE(digested.digest.linkCount, 2);
        QVERIFY(!digested.digest.hasWarnings);
        QCOMPARE(digested.digest.events.size(), span.events.size());
        for (size_t i = 0; i < span.events.size(); ++i) {
            const DetailsDigest::Event& event = digested.digest.events[i];
            QCOMPARE(event.timeNs, span.events[i].timeNs);
            QCOMPARE(std::string(event.name), span.events[i].name);
            std::string fields;
            appendFieldsText(fields, span.events[i].attributes);
            QCOMPARE(digested.digest.fields.substr(event.fieldsStart, event.fieldsLength), fields);
        }

        SpanRecord warned = span;
        warned.warnings = { "parent not found" };
        warned.statusMessage.clear();
        warned.resource = nullptr;
        QVERIFY(PackedSpan::encodeDetails(warned, keys, blob));
        const Digested digestedWarned = digestOf(warned, keys, blob);
        QVERIFY(digestedWarned.digest.hasWarnings);
        expected.clear();
        appendSearchText(expected, warned);
        QCOMPARE(digestedWarned.text, expected);
    }

    void damagedPackedDetailsKeepOnlyTheResource()
    {
        const SpanRecord span = spanWithEveryValue();
        MapDictionary keys;
        std::string blob;
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        // Every cut of the blob is damaged exactly when PackedSpan says so, and reads as it decodes.
        int damaged = 0;
        for (size_t cut = 1; cut < blob.size(); ++cut) {
            const std::string part = blob.substr(0, cut);
            SpanRecord decoded = span;
            const bool intact = PackedSpan::decodeDetails(part, keys, decoded, nullptr);
            const Digested digested = digestOf(span, keys, part);
            QCOMPARE(digested.intact, intact);
            std::string expected;
            appendSearchText(expected, decoded); // a damaged span shows its resource alone
            QCOMPARE(digested.text, expected);
            QCOMPARE(digested.digest.events.size(), decoded.events.size());
            QCOMPARE(digested.digest.linkCount, int32_t(decoded.links.size()));
            QCOMPARE(digested.digest.hasWarnings, !intact);
            damaged += intact ? 0 : 1;
        }
        QVERIFY(damaged > 10);
        MapDictionary otherKeys;
        otherKeys.keyId("only one key");
        const Digested unknownKeys = digestOf(span, otherKeys, blob);
        QVERIFY(!unknownKeys.intact);
        QVERIFY(unknownKeys.digest.hasWarnings);
    }

    void corruptedPackedDetailsReadAsTheyDecode()
    {
        // Damage of any kind (flipped bits, random bytes, bytes added or lost in the middle) is seen by the
        // reader exactly when PackedSpan's decoder sees it, and the reader stays inside the blob (ASan build).
        const SpanRecord span = spanWithEveryValue();
        MapDictionary keys;
        std::string blob;
        QVERIFY(PackedSpan::encodeDetails(span, keys, blob));
        std::mt19937 random(20261206);
        int damaged = 0;
        for (int round = 0; round < 3000; ++round) {
            std::string bad = blob;
            const size_t at = random() % bad.size();
            switch (round % 4) {
            case 0:
                bad[at] = char(uint8_t(bad[at]) ^ uint8_t(1u << (random() % 8)));
                break;
            case 1:
                bad[at] = char(random() & 0xff);
                break;
            case 2:
                bad.insert(at, 1 + random() % 4, char(random() & 0xff));
                break;
            default:
                bad.erase(at, 1 + random() % 4);
                break;
            }
            SpanRecord decoded = span;
            const bool intact = PackedSpan::decodeDetails(bad, keys, decoded, nullptr);
            const Digested digested = digestOf(span, keys, bad);
            QCOMPARE(digested.intact, intact);
            if (!intact) {
                ++damaged;
                QVERIFY(digested.digest.hasWarnings);
                continue;
            }
            std::string expected;
            appendSearchText(expected, decoded);
            QCOMPARE(digested.text, expected);
            QCOMPARE(digested.digest.events.size(), decoded.events.size());
            QCOMPARE(digested.digest.linkCount, int32_t(decoded.links.size()));
        }
        QVERIFY(damaged > 100);
        QVERIFY(damaged < 2900); // and many intact ones compared their text
    }

    void initTestCase()
    {
        // One trace of 30k spans, with warnings and links here and there, in a cache file.
        QVERIFY(m_dir.isValid());
        m_store = TraceStore::open(m_dir.filePath(QStringLiteral("cache.sqlite")), nullptr);
        QVERIFY(m_store);
        DemoGenerator generator(DemoOptions { 30000, 1, 5 });
        std::vector<SpanRecord> spans;
        QVERIFY(generator.nextTrace(spans));
        for (size_t i = 0; i < spans.size(); ++i) {
            if (i % 1000 == 3)
                spans[i].warnings.push_back("clock skew adjusted");
            if (i % 777 == 5)
                spans[i].links.push_back(SpanLink { spans[i].traceId, spans[0].spanId, LinkType::FollowsFrom, "",
                    { { "reason", AttributeValue::fromString("Batch") } }, 0, 0 });
        }
        const TraceId traceId = spans.front().traceId;
        auto session = m_store->beginImport(QStringLiteral("demo"));
        QVERIFY(session);
        QVERIFY(session->addSpans(spans)); // takes the spans
        ImportReport report;
        report.format = "test";
        QVERIFY(session->finish(report, nullptr));
        session.reset();
        std::optional<TraceIndex> index = m_store->loadTraceIndex(traceId);
        QVERIFY(index);
        QCOMPARE(index->size(), 30000);
        m_index = std::move(*index);

        // What the records say, span by span.
        const SpanByRow spanByRow(m_index);
        m_texts.assign(size_t(m_index.size()), std::string());
        QVERIFY(m_store->forEachSpan(m_index.traceId, [&](int64_t rowId, SpanRecord& span) {
            const int32_t i = spanByRow(rowId);
            if (i < 0)
                return false;
            appendSearchText(m_texts[size_t(i)], span);
            for (const SpanEvent& event : span.events) {
                std::string fields;
                appendFieldsText(fields, event.attributes);
                m_events.emplace_back(i, event.timeNs - m_index.traceStartNs, QString::fromStdString(event.name),
                    QString::fromStdString(fields));
            }
            m_linkCount += int32_t(span.links.size());
            if (!span.warnings.empty())
                m_warnings.push_back(i);
            return true;
        }));
        std::sort(m_events.begin(), m_events.end());
        std::sort(m_warnings.begin(), m_warnings.end());
        QVERIFY(m_events.size() > 1000);
        QCOMPARE(m_warnings.size(), size_t(30));
    }

    void loadReadsEverySpanOnce_data()
    {
        QTest::addColumn<int>("readers");
        QTest::addColumn<bool>("textInFile");
        QTest::addColumn<bool>("withIndex");
        for (const bool withIndex : { false, true }) {
            const char* how = withIndex ? ", with the index" : ", after the index";
            QTest::addRow("one reader, text in memory%s", how) << 1 << false << withIndex;
            QTest::addRow("three readers, text in memory%s", how) << 3 << false << withIndex;
            QTest::addRow("one reader, text in a file%s", how) << 1 << true << withIndex;
            QTest::addRow("three readers, text in a file%s", how) << 3 << true << withIndex;
        }
    }

    void loadReadsEverySpanOnce()
    {
        // After the index (from it), or in the same pass as the index: the same events, warnings and matches.
        QFETCH(int, readers);
        QFETCH(bool, textInFile);
        QFETCH(bool, withIndex);
        TraceContent::LoadOptions options;
        options.readers = size_t(readers);
        options.searchTextLimit = textInFile ? 0 : m_index.size();
        std::optional<TraceContent> content;
        if (withIndex) {
            auto loaded = TraceContent::loadWithIndex(*m_store, m_index.traceId, nullptr, options);
            QVERIFY(loaded);
            QCOMPARE(loaded->first.size(), m_index.size());
            for (int32_t i = 0; i < m_index.size(); ++i) {
                QCOMPARE(loaded->first.spanId[size_t(i)], m_index.spanId[size_t(i)]);
                QCOMPARE(loaded->first.rowId[size_t(i)], m_index.rowId[size_t(i)]);
            }
            content = std::move(loaded->second);
        } else {
            content = TraceContent::load(*m_store, m_index, nullptr, options);
        }
        QVERIFY(content);
        QCOMPARE(eventsOf(*content), m_events);
        QCOMPARE(content->spansWithWarnings, m_warnings);
        QCOMPARE(content->linkCount, m_linkCount);
        QCOMPARE(content->hasSearchText(), !textInFile);
        QCOMPARE(content->detailTextFile() != nullptr, textInFile);

        // Every needle finds the spans whose record text holds it: none lost, none in the wrong span.
        for (const char* needle : { "service.name=", "exception", "Batch", "error.type=timeout", "=true", "25",
                 "log.severity=warn", "no such text anywhere" }) {
            std::vector<int32_t> expected = TraceContent::searchNames(m_index, QString::fromLatin1(needle));
            std::string folded;
            appendFolded(folded, needle);
            for (size_t i = 0; i < m_texts.size(); ++i)
                if (m_texts[i].find(folded) != std::string::npos)
                    expected.push_back(int32_t(i));
            std::sort(expected.begin(), expected.end());
            expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
            std::vector<int32_t> found;
            if (textInFile) {
                found = TraceContent::searchNames(m_index, QString::fromLatin1(needle));
                const std::optional<std::vector<int32_t>> inFile = TraceContent::searchDetailTextFile(
                    *content->detailTextFile(), m_index, QString::fromLatin1(needle));
                QVERIFY(inFile);
                found.insert(found.end(), inFile->begin(), inFile->end());
                std::sort(found.begin(), found.end());
                found.erase(std::unique(found.begin(), found.end()), found.end());
            } else {
                found = content->search(m_index, QString::fromLatin1(needle));
            }
            QCOMPARE(found, expected);
        }
        // Every span has a resource with a service name: every span is in the text exactly where it belongs.
        const std::optional<std::vector<int32_t>> all = textInFile
            ? TraceContent::searchDetailTextFile(*content->detailTextFile(), m_index, QStringLiteral("service.name="))
            : std::optional<std::vector<int32_t>>(content->search(m_index, QStringLiteral("service.name=")));
        QVERIFY(all);
        QCOMPARE(all->size(), size_t(m_index.size()));
    }

    void cancelledLoadAbandonsItsFile()
    {
        TraceContent::LoadOptions options;
        options.searchTextLimit = 0;
        options.readers = 2;
        options.textFile = DetailTextFile::create();
        QVERIFY(options.textFile);
        const std::atomic<bool> cancel { true };
        QVERIFY(!TraceContent::load(*m_store, m_index, &cancel, options));
        const DetailTextFile::Progress progress = options.textFile->progress();
        QVERIFY(progress.ended);
        QVERIFY(!progress.complete);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TraceStore> m_store;
    TraceIndex m_index;
    std::vector<std::string> m_texts; // appendSearchText() of each span's record
    std::vector<EventKey> m_events;
    std::vector<int32_t> m_warnings;
    int32_t m_linkCount = 0;
};

QTEST_GUILESS_MAIN(tst_TraceContent)
#include "tst_tracecontent.moc"
