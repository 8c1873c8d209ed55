// SPDX-License-Identifier: MIT
// The temporary-file search text of big traces: what a search finds, and what it must not.
#include "detailtextfile.h"

#include <QTest>

#include <atomic>

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
            const std::string text
                = "service=checkout\nattempt=" + std::to_string(span) + (match ? "\nneedle=yes" : "");
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
