// SPDX-License-Identifier: MIT
#include "durationtext.h"

#include <QTest>

using namespace skein;

class tst_DurationText : public QObject {
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void format_data();
    void format();
    void timestamp();
};

void tst_DurationText::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qlonglong>("ns"); // -1: refused

    QTest::addRow("ms") << "250ms" << 250000000LL;
    QTest::addRow("fraction of s") << "1.5s" << 1500000000LL;
    QTest::addRow("us") << "100us" << 100000LL;
    QTest::addRow("micro sign") << "100µs" << 100000LL;
    QTest::addRow("ns") << "10ns" << 10LL;
    QTest::addRow("compound") << "1h30m" << 5400000000000LL;
    QTest::addRow("bare number is ms") << "20" << 20000000LL;
    QTest::addRow("spaces") << " 2 s " << 2000000000LL;
    QTest::addRow("unknown unit") << "5 parsecs" << -1LL;
    QTest::addRow("empty") << "" << -1LL;
    QTest::addRow("no number") << "ms" << -1LL;
}

void tst_DurationText::parse()
{
    QFETCH(QString, text);
    QFETCH(qlonglong, ns);
    const auto parsed = parseDuration(text);
    if (ns < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(qlonglong(*parsed), ns);
}

void tst_DurationText::format_data()
{
    QTest::addColumn<qlonglong>("ns");
    QTest::addColumn<QString>("text");
    QTest::addRow("ns") << 812LL << "812ns";
    QTest::addRow("us") << 12300LL << "12.3µs";
    QTest::addRow("ms") << 250000000LL << "250ms";
    QTest::addRow("s") << 1500000000LL << "1.50s";
    QTest::addRow("minutes") << 125000000000LL << "2m 05s";
    QTest::addRow("hours") << 5400000000000LL << "1h 30m";
}

void tst_DurationText::format()
{
    QFETCH(qlonglong, ns);
    QFETCH(QString, text);
    QCOMPARE(formatDuration(ns), text);
}

void tst_DurationText::timestamp()
{
    QCOMPARE(formatTimestamp(1700000000123456789LL), QStringLiteral("2023-11-14T22:13:20.123456789Z"));
    QCOMPARE(formatTimestamp(-1), QStringLiteral("1969-12-31T23:59:59.999999999Z"));
}

QTEST_GUILESS_MAIN(tst_DurationText)
#include "tst_durationtext.moc"
