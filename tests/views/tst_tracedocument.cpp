// SPDX-License-Identifier: MIT
// The shared state of an open trace: selection, match navigation, and search that is instant on names
// and, for traces too big to keep their details' text, completes in the background: from the details'
// text file, even while it is being written, or by scanning the cache.
#include "demotrace.h"
#include "fileimport.h"
#include "findbar.h"
#include "tracedocument.h"
#include "tracestore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace skein;

namespace {

// Three spans: an error root, a child with a distinctive attribute and an event, and a plain child.
const char* traceJson
    = R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
 "scopeSpans":[{"spans":[
  {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0000000000000001","name":"POST /pay",
   "startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000900000000","status":{"code":2}},
  {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0000000000000002","parentSpanId":"0000000000000001",
   "name":"charge card","startTimeUnixNano":"1700000000100000000","endTimeUnixNano":"1700000000500000000",
   "attributes":[{"key":"card.brand","value":{"stringValue":"Zebracard"}}],
   "events":[{"timeUnixNano":"1700000000200000000","name":"retry","attributes":[{"key":"attempt","value":{"intValue":"2"}}]}]},
  {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0000000000000003","parentSpanId":"0000000000000001",
   "name":"store receipt","startTimeUnixNano":"1700000000600000000","endTimeUnixNano":"1700000000700000000"}]}]}]})";

} // namespace

class tst_TraceDocument : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(QStringLiteral("trace.json"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(traceJson);
        out.close();
        m_databasePath = m_dir.filePath(QStringLiteral("cache.sqlite"));
        auto store = TraceStore::open(m_databasePath, nullptr);
        QVERIFY(store);
        const ImportOutcome outcome = importFile(*store, file);
        QVERIFY2(!outcome.report.rejected, outcome.report.error.message.c_str());
        QCOMPARE(outcome.traceIds.size(), size_t(1));
        std::optional<TraceIndex> index = store->loadTraceIndex(outcome.traceIds.front());
        QVERIFY(index);
        m_index = std::make_shared<const TraceIndex>(std::move(*index));
    }

    void selectionAndMatchNavigation()
    {
        TraceDocument document(m_index, m_databasePath);
        QSignalSpy changed(&document, &TraceDocument::currentSpanChanged);
        document.setCurrentSpan(1);
        document.setCurrentSpan(1); // no change, no signal
        document.setCurrentSpan(99); // out of range: none
        QCOMPARE(changed.count(), 2);
        QCOMPARE(document.currentSpan(), -1);

        document.setSearchText(QStringLiteral("CHECKOUT")); // every span's service, any case
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 0, 1, 2 }));
        document.setCurrentSpan(2);
        QVERIFY(document.goToMatch(true));
        QCOMPARE(document.currentSpan(), 0); // wraps
        QVERIFY(document.goToMatch(false));
        QCOMPARE(document.currentSpan(), 2);
        document.setSearchText(QStringLiteral("0000000000000003")); // a span id
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 2 }));
        document.setSearchText(QString());
        QVERIFY(document.searchMatches().empty());
        QVERIFY(!document.goToMatch(true));
    }

    void detailsAreSearchedInMemory()
    {
        TraceDocument document(m_index, m_databasePath);
        QSignalSpy loaded(&document, &TraceDocument::contentLoaded);
        document.loadContent();
        QVERIFY(loaded.wait(10000));
        QVERIFY(document.content()->hasSearchText());
        document.setSearchText(QStringLiteral("zebra"));
        QVERIFY(!document.isSearchingDetails());
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 1 }));
        document.setSearchText(QStringLiteral("attempt=2"));
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 1 }));
    }

    void bigTraceDetailsAreScannedInTheCache()
    {
        TraceDocument document(m_index, m_databasePath);
        document.setSearchTextLimit(0); // as if the trace were too big to keep its details' text
        QSignalSpy loaded(&document, &TraceDocument::contentLoaded);
        document.loadContent();
        QVERIFY(loaded.wait(10000));
        QVERIFY(!document.content()->hasSearchText());
        QCOMPARE(document.content()->events.size(), size_t(1)); // the log inspector still gets every event

        QSignalSpy results(&document, &TraceDocument::searchResultsChanged);
        FindBar bar(&document);
        document.setSearchText(QStringLiteral("Zebracard"));
        // First the names (none match), then the search of the details adds the span, and says when it ends.
        QCOMPARE(results.count(), 1);
        QVERIFY(document.searchMatches().empty());
        QVERIFY(document.isSearchingDetails());
        QCOMPARE(bar.countText(), QStringLiteral("Searching…")); // not "No matches" before the details are searched
        QTRY_VERIFY(!document.isSearchingDetails());
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 1 }));
        QCOMPARE(results.count(), 3);
        QCOMPARE(bar.countText(), QStringLiteral("1 found"));

        // A name match shows at once and stays when the scan ends.
        document.setSearchText(QStringLiteral("receipt"));
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 2 }));
        QCOMPARE(bar.countText(), QStringLiteral("1 found so far…"));
        QTRY_VERIFY(!document.isSearchingDetails());
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 2 }));

        // A newer search replaces one still running; only the newest result lands.
        document.setSearchText(QStringLiteral("zebra"));
        document.setSearchText(QStringLiteral("attempt"));
        QTRY_VERIFY(!document.isSearchingDetails());
        QCOMPARE(document.searchText(), QStringLiteral("attempt"));
        QCOMPARE(document.searchMatches(), (std::vector<int32_t> { 1 }));
    }

    void searchTypedWhileTheDetailsAreReadFindsEveryMatch()
    {
        test::DemoTrace trace;
        QVERIFY(trace.open(DemoOptions { 30000, 1, 7 }));
        const std::shared_ptr<const TraceIndex> index = trace.document->sharedIndex();
        // What the search text in memory finds, once every detail is read.
        const std::unique_ptr<TraceDocument> referenceDocument = loadedInMemory(trace);
        QVERIFY(referenceDocument);
        TraceDocument& reference = *referenceDocument;

        for (const QString& needle : { QStringLiteral("exception"), QStringLiteral("service.name="),
                 QStringLiteral("LOG.SEVERITY=WARN"), QStringLiteral("resend_count") }) {
            reference.setSearchText(needle);
            const std::vector<int32_t> expected = reference.searchMatches();
            const std::vector<int32_t> names = TraceContent::searchNames(*index, needle);
            QVERIFY2(expected.size() > names.size(), qPrintable(needle)); // the details do matter

            // A trace too big for its text in memory, searched right after it opens; a first search text is
            // replaced at once.
            TraceDocument document(index, trace.document->databasePath());
            document.setSearchTextLimit(1000);
            QSignalSpy loaded(&document, &TraceDocument::contentLoaded);
            QSignalSpy results(&document, &TraceDocument::searchResultsChanged);
            document.loadContent();
            document.setSearchText(QStringLiteral("replaced"));
            document.setSearchText(needle);
            QCOMPARE(document.searchMatches(), names); // names, services and ids at once
            QVERIFY(document.isSearchingDetails());
            QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 && !document.isSearchingDetails(), 60000);
            QCOMPARE(document.searchMatches(), expected);
            QVERIFY(document.content()->detailTextFile());
            // The search went on by itself when the details were in: no second search began.
            const int signalCount = int(results.count());
            QTest::qWait(50);
            QCOMPARE(results.count(), signalCount);

            // Searched again once everything is read: the same.
            document.setSearchText(QString());
            document.setSearchText(needle);
            QTRY_VERIFY_WITH_TIMEOUT(!document.isSearchingDetails(), 60000);
            QCOMPARE(document.searchMatches(), expected);
        }
    }

    void detailsReadWithTheIndexAreSearchableAtOnce()
    {
        // The window reads a trace's index and details in one pass: a search typed the moment the document
        // exists finds every match, from the complete text file of a big trace; the content is announced once.
        test::DemoTrace trace;
        QVERIFY(trace.open(DemoOptions { 30000, 1, 8 }));
        const std::shared_ptr<const TraceIndex> index = trace.document->sharedIndex();
        const std::unique_ptr<TraceDocument> referenceDocument = loadedInMemory(trace);
        QVERIFY(referenceDocument);
        TraceDocument& reference = *referenceDocument;

        std::unique_ptr<TraceStore> store = TraceStore::open(trace.document->databasePath(), nullptr);
        QVERIFY(store);
        TraceContent::LoadOptions options;
        options.searchTextLimit = 1000;
        auto loaded = TraceContent::loadWithIndex(*store, index->traceId, nullptr, options);
        QVERIFY(loaded);
        QVERIFY(loaded->second.detailTextFile());
        TraceDocument document(std::make_shared<const TraceIndex>(std::move(loaded->first)),
            trace.document->databasePath(), std::move(loaded->second));
        QVERIFY(document.content());
        QSignalSpy announced(&document, &TraceDocument::contentLoaded);
        document.loadContent();
        document.loadContent();
        QVERIFY(announced.wait(5000));
        QTest::qWait(20);
        QCOMPARE(announced.count(), 1);
        for (const QString& needle :
            { QStringLiteral("exception"), QStringLiteral("service.name="), QStringLiteral("LOG.SEVERITY=WARN") }) {
            reference.setSearchText(needle);
            document.setSearchText(needle);
            QTRY_VERIFY_WITH_TIMEOUT(!document.isSearchingDetails(), 60000);
            QCOMPARE(document.searchMatches(), reference.searchMatches());
        }
        QCOMPARE(document.content()->events.size(), reference.content()->events.size());
        QCOMPARE(document.content()->spansWithWarnings, reference.content()->spansWithWarnings);
    }

    void closingWhileDetailsAreReadAndSearchedEndsEverything()
    {
        test::DemoTrace trace;
        QVERIFY(trace.open(DemoOptions { 30000, 1, 8 }));
        trace.document->setSearchTextLimit(1000);
        trace.document->loadContent();
        trace.document->setSearchText(QStringLiteral("exception"));
        QVERIFY(trace.document->isSearchingDetails());
        QElapsedTimer closing;
        closing.start();
        trace.document.reset();
        QVERIFY(closing.elapsed() < 5000);
    }

private:
    // A document of trace's index with every detail read and its search text in memory; null when the read failed.
    static std::unique_ptr<TraceDocument> loadedInMemory(const test::DemoTrace& trace)
    {
        auto document = std::make_unique<TraceDocument>(trace.document->sharedIndex(), trace.document->databasePath());
        document->setSearchTextLimit(trace.document->index().size());
        QSignalSpy loaded(document.get(), &TraceDocument::contentLoaded);
        document->loadContent();
        return loaded.wait(60000) ? std::move(document) : nullptr;
    }

    QTemporaryDir m_dir;
    QString m_databasePath;
    std::shared_ptr<const TraceIndex> m_index;
};

QTEST_MAIN(tst_TraceDocument)
#include "tst_tracedocument.moc"
