// SPDX-License-Identifier: MIT
// TraceContent's packed events: names and fields kept once, order, and times by span.
#include "tracecontent.h"

#include <QTest>

using namespace skein;

class tst_TraceContent : public QObject {
    Q_OBJECT
private slots:
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
};

QTEST_GUILESS_MAIN(tst_TraceContent)
#include "tst_tracecontent.moc"
