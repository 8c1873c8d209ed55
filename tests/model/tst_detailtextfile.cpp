// SPDX-License-Identifier: MIT
// The temporary-file search text of big traces: what a search finds, and what it must not.
#include "detailtextfile.h"

#include <QTest>

#include <atomic>
#include <numeric>
#include <thread>

using namespace skein;

class tst_DetailTextFile : public QObject {
    Q_OBJECT
private slots:
    void search_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<std::vector<int64_t>>("expected");
        QTest::newRow("one span") << QStringLiteral("zebracard") << std::vector<int64_t> { 17 };
        QTest::newRow("several spans, ascending")
            << QStringLiteral("http.status_code=500") << std::vector<int64_t> { 3, 17, 250000 };
        QTest::newRow("span numbers are not text") << QStringLiteral("250") << std::vector<int64_t> {};
        QTest::newRow("digits inside the text") << QStringLiteral("=500") << std::vector<int64_t> { 3, 17, 250000 };
        QTest::newRow("no match across attributes") << QStringLiteral("500 db") << std::vector<int64_t> {};
        QTest::newRow("no match across spans") << QStringLiteral("zebracardhttp") << std::vector<int64_t> {};
        QTest::newRow("start of the file") << QStringLiteral("db.system") << std::vector<int64_t> { 250000 };
        QTest::newRow("end of the file") << QStringLiteral("last words") << std::vector<int64_t> { 9 };
    }

    void search()
    {
        QFETCH(QString, needle);
        QFETCH(std::vector<int64_t>, expected);
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        // Records in any span order, with line breaks between attributes, as TraceContent writes them.
        QVERIFY(file->append(250000, "db.system=redis\nhttp.status_code=500"));
        QVERIFY(file->append(3, "http.status_code=500\ndb.name=orders"));
        QVERIFY(file->append(17, "user=zebracard\nhttp.status_code=500"));
        QVERIFY(file->append(4, ""));
        QVERIFY(file->append(9, "http.status_code=200\nmessage=last words"));
        QVERIFY(file->finish());
        const std::optional<std::vector<int64_t>> found = file->search(needle.toStdString());
        QVERIFY(found);
        QCOMPARE(*found, expected);
    }

    void resourcesMatchTheSpansThatReferToThem_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<std::vector<int64_t>>("expected");
        QTest::newRow("one resource") << QStringLiteral("europe") << std::vector<int64_t> { 5, 9 };
        QTest::newRow("both resources") << QStringLiteral("host.name=") << std::vector<int64_t> { 2, 5, 9, 250000 };
        QTest::newRow("a resource and a span's own text")
            << QStringLiteral("beta") << std::vector<int64_t> { 2, 4, 250000 };
        QTest::newRow("a span's own text") << QStringLiteral("method=get") << std::vector<int64_t> { 5 };
        QTest::newRow("resource keys are not text") << QStringLiteral("31") << std::vector<int64_t> {};
        QTest::newRow("nor is the resource mark") << QStringLiteral("42") << std::vector<int64_t> {};
        QTest::newRow("span numbers neither") << QStringLiteral("250") << std::vector<int64_t> {};
        QTest::newRow("no match from a resource into a span") << QStringLiteral("alphahttp") << std::vector<int64_t> {};
        QTest::newRow("no match across resource fields") << QStringLiteral("alpha cloud") << std::vector<int64_t> {};
    }

    void resourcesMatchTheSpansThatReferToThem()
    {
        QFETCH(QString, needle);
        QFETCH(std::vector<int64_t>, expected);
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        const std::string fieldBreak(1, DetailTextFile::fieldBreak);
        std::string records;
        DetailTextFile::appendResource(records, 31, fieldBreak + "host.name=alpha" + fieldBreak + "cloud=europe");
        DetailTextFile::appendResource(records, 42, fieldBreak + "host.name=beta");
        auto addSpan = [&](int32_t span, int64_t resource, const std::string& text) {
            DetailTextFile::beginRecord(records, span, resource);
            records += text;
            DetailTextFile::endRecord(records);
        };
        addSpan(5, 31, fieldBreak + "http.method=get");
        addSpan(2, 42, fieldBreak + "http.method=post");
        addSpan(9, 31, "");
        addSpan(4, 0, fieldBreak + "user=beta");
        addSpan(250000, 42, "timeout" + fieldBreak + "user=ann");
        QVERIFY(file->writeRecords(records));
        QVERIFY(file->finish());
        const std::optional<std::vector<int64_t>> found = file->search(needle.toStdString());
        QVERIFY(found);
        QCOMPARE(*found, expected);
    }

    void bigFileSplitsAcrossThreadsWithoutLosingRecords()
    {
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        std::vector<int64_t> expected;
        for (int32_t span = 0; span < 200000; ++span) {
            const bool match = span % 997 == 0;
            // Enough text (over 8 MB) for the search to split the file.
            const std::string text = "service=checkout\nhost=pod-abcdefghijklmnopqrstuvwxyz\nattempt="
                + std::to_string(span) + (match ? "\nneedle=yes" : "");
            QVERIFY(file->append(span, text));
            if (match)
                expected.push_back(span);
        }
        QVERIFY(file->finish());
        const std::optional<std::vector<int64_t>> found = file->search("needle=yes");
        QVERIFY(found);
        QCOMPARE(*found, expected);
        const std::optional<std::vector<int64_t>> all = file->search("service=checkout");
        QVERIFY(all);
        QCOMPARE(all->size(), size_t(200000));
    }

    void searchesReadTheFileWhileItGrows()
    {
        std::shared_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        QVERIFY(!file->search("needle")); // not complete yet
        // Two writers, each a block of whole records at a time, as the parts of a load write them.
        auto writer = [file](int32_t first) {
            std::string records;
            for (int32_t span = first; span < first + 20000; ++span) {
                DetailTextFile::appendRecord(records, span, span % 100 == 0 ? "a=needle" : "a=hay");
                if (records.size() > 4096) {
                    file->writeRecords(records);
                    records.clear();
                }
            }
            file->writeRecords(records);
        };
        std::thread writing([&] {
            std::thread first(writer, 0);
            std::thread second(writer, 20000);
            first.join();
            second.join();
            file->finish();
        });
        // Searched block by block as they come, while they come.
        std::vector<int64_t> found;
        size_t searched = 0;
        bool everyRangeRead = true;
        DetailTextFile::Progress progress;
        while (true) {
            progress = file->waitForMore(searched, std::chrono::milliseconds(10));
            if (progress.bytes > searched) {
                const std::optional<std::vector<int64_t>> part = file->searchRange(searched, progress.bytes, "needle");
                everyRangeRead = everyRangeRead && part;
                if (part)
                    found.insert(found.end(), part->begin(), part->end());
                searched = progress.bytes;
            } else if (progress.ended) {
                break;
            }
        }
        writing.join();
        QVERIFY(everyRangeRead);
        QVERIFY(progress.complete);
        std::sort(found.begin(), found.end());
        std::vector<int64_t> expected;
        for (int32_t span = 0; span < 40000; span += 100)
            expected.push_back(span);
        QCOMPARE(found, expected);
        const std::optional<std::vector<int64_t>> whole = file->search("needle");
        QVERIFY(whole);
        QCOMPARE(*whole, expected);
    }

    void searchOfAGrowingFileRemembersMatchingResources()
    {
        // A resource is named once, in an early block; the spans that refer to it come in later blocks, read by
        // later ranges of the same search.
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        const std::string fieldBreak(1, DetailTextFile::fieldBreak);
        std::string records;
        DetailTextFile::appendResource(records, 7, fieldBreak + "host.name=needle-host");
        DetailTextFile::appendResource(records, 8, fieldBreak + "host.name=other-host");
        QVERIFY(file->writeRecords(records));
        DetailTextFile::SearchState state;
        const size_t firstEnd = file->progress().bytes;
        const std::optional<std::vector<int64_t>> first = file->searchRange(0, firstEnd, "needle", nullptr, &state);
        QVERIFY(first);
        QVERIFY(first->empty()); // no span yet
        QCOMPARE(state.matchingResources, std::vector<int64_t> { 7 });

        std::vector<int64_t> expected;
        for (int64_t key = 0; key < 3000; ++key) {
            records.clear();
            DetailTextFile::beginRecord(records, key, key % 3 == 0 ? 7 : 8);
            records += fieldBreak + "n=" + std::to_string(key);
            DetailTextFile::endRecord(records);
            QVERIFY(file->writeRecords(records));
            if (key % 3 == 0)
                expected.push_back(key);
        }
        const size_t secondEnd = file->progress().bytes;
        const std::optional<std::vector<int64_t>> second
            = file->searchRange(firstEnd, secondEnd, "needle", nullptr, &state);
        QVERIFY(second);
        QCOMPARE(*second, expected);
        // Without what the first range taught, the second finds none of them: the state is what carries it.
        const std::optional<std::vector<int64_t>> forgetful = file->searchRange(firstEnd, secondEnd, "needle");
        QVERIFY(forgetful);
        QVERIFY(forgetful->empty());

        QVERIFY(file->finish());
        const std::optional<std::vector<int64_t>> whole = file->search("needle");
        QVERIFY(whole);
        QCOMPARE(*whole, expected);
        const std::optional<std::vector<int64_t>> one = file->search("n=2001");
        QVERIFY(one);
        QCOMPARE(*one, std::vector<int64_t> { 2001 });
    }

    void abandonedFileEndsTheWait()
    {
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        QVERIFY(file->append(1, "a=b"));
        file->abandon();
        const DetailTextFile::Progress progress = file->waitForMore(0, std::chrono::seconds(10));
        QVERIFY(progress.ended);
        QVERIFY(!progress.complete);
        QVERIFY(!file->search("a=b"));
    }

    void cancelledSearchGivesNothing()
    {
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        for (int32_t span = 0; span < 50000; ++span)
            QVERIFY(file->append(span, "a=b\nc=d"));
        QVERIFY(file->finish());
        const std::atomic<bool> cancel { true };
        QVERIFY(!file->search("c=d", &cancel));
    }
};

QTEST_GUILESS_MAIN(tst_DetailTextFile)
#include "tst_detailtextfile.moc"
