// SPDX-License-Identifier: MIT
// The temporary-file search text of big traces: what a search finds, and what it must not.
#include "detailtextfile.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace skein;

class tst_DetailTextFile : public QObject {
    Q_OBJECT
private slots:
    void search_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<std::vector<int32_t>>("expected");
        QTest::newRow("one span") << QStringLiteral("zebracard") << std::vector<int32_t> { 17 };
        QTest::newRow("several spans, ascending")
            << QStringLiteral("http.status_code=500") << std::vector<int32_t> { 3, 17, 250000 };
        QTest::newRow("span numbers are not text") << QStringLiteral("250") << std::vector<int32_t> {};
        QTest::newRow("digits inside the text") << QStringLiteral("=500") << std::vector<int32_t> { 3, 17, 250000 };
        QTest::newRow("no match across attributes") << QStringLiteral("500 db") << std::vector<int32_t> {};
        QTest::newRow("no match across spans") << QStringLiteral("zebracardhttp") << std::vector<int32_t> {};
        QTest::newRow("start of the file") << QStringLiteral("db.system") << std::vector<int32_t> { 250000 };
        QTest::newRow("end of the file") << QStringLiteral("last words") << std::vector<int32_t> { 9 };
    }

    void search()
    {
        QFETCH(QString, needle);
        QFETCH(std::vector<int32_t>, expected);
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        // Records in any span order, with line breaks between attributes, as TraceContent writes them.
        QVERIFY(file->append(250000, "db.system=redis\nhttp.status_code=500"));
        QVERIFY(file->append(3, "http.status_code=500\ndb.name=orders"));
        QVERIFY(file->append(17, "user=zebracard\nhttp.status_code=500"));
        QVERIFY(file->append(4, ""));
        QVERIFY(file->append(9, "http.status_code=200\nmessage=last words"));
        QVERIFY(file->finish());
        const std::optional<std::vector<int32_t>> found = file->search(needle.toStdString());
        QVERIFY(found);
        QCOMPARE(*found, expected);
    }

    void bigFileSplitsAcrossThreadsWithoutLosingRecords()
    {
        std::unique_ptr<DetailTextFile> file = DetailTextFile::create();
        QVERIFY(file);
        std::vector<int32_t> expected;
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
        const std::optional<std::vector<int32_t>> found = file->search("needle=yes");
        QVERIFY(found);
        QCOMPARE(*found, expected);
        const std::optional<std::vector<int32_t>> all = file->search("service=checkout");
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
        std::vector<int32_t> found;
        size_t searched = 0;
        bool everyRangeRead = true;
        DetailTextFile::Progress progress;
        while (true) {
            progress = file->waitForMore(searched, std::chrono::milliseconds(10));
            if (progress.bytes > searched) {
                const std::optional<std::vector<int32_t>> part = file->searchRange(searched, progress.bytes, "needle");
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
        std::vector<int32_t> expected;
        for (int32_t span = 0; span < 40000; span += 100)
            expected.push_back(span);
        QCOMPARE(found, expected);
        const std::optional<std::vector<int32_t>> whole = file->search("needle");
        QVERIFY(whole);
        QCOMPARE(*whole, expected);
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
