// SPDX-License-Identifier: MIT
#include "demotrace.h"
#include "handmadetrace.h"
#include "selftime.h"
#include "selftimepanel.h"
#include "traceview.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <numeric>

using namespace skein;
using namespace skein::test;

namespace {

// handle [0, 100) with query [10, 30) (and below it a cache get [40, 45) outside it), render [20, 50)
// (with query [25, 35) below), and query [90, 120) which overhangs the end of handle by 20.
std::vector<HandmadeSpan> selfTimeTrace()
{
    const QString api = QStringLiteral("api");
    const QString db = QStringLiteral("db");
    return {
        { 1, 0, api, QStringLiteral("handle"), 0, 100 },
        { 2, 1, db, QStringLiteral("query"), 10, 20 },
        { 3, 1, api, QStringLiteral("render"), 20, 30 },
        { 4, 3, db, QStringLiteral("query"), 25, 10 },
        { 5, 1, db, QStringLiteral("query"), 90, 30 },
        { 6, 2, QStringLiteral("cache"), QStringLiteral("get"), 40, 5 },
    };
}

} // namespace

class SelfTimePanelTest : public QObject {
    Q_OBJECT
private slots:
    void selfTimeOfEachSpan();
    void summaryByOperation();
    void panelListsAndSelects();
    void bigTraceIsSummedInTheBackground();
};

void SelfTimePanelTest::selfTimeOfEachSpan()
{
    auto document = handmadeDocument(selfTimeTrace());
    const TraceIndex& index = document->index();
    // handle: 100 - |[10, 50) ∪ [90, 100)| = 100 - 40 - 10.
    QCOMPARE(selfTimeOf(index, spanOf(*document, 1)), 50);
    QCOMPARE(selfTimeOf(index, spanOf(*document, 2)), 20); // its child lies outside it
    QCOMPARE(selfTimeOf(index, spanOf(*document, 3)), 20);
    QCOMPARE(selfTimeOf(index, spanOf(*document, 4)), 10);
    QCOMPARE(selfTimeOf(index, spanOf(*document, 5)), 30);
    QCOMPARE(selfTimeOf(index, spanOf(*document, 6)), 5);
}

void SelfTimePanelTest::summaryByOperation()
{
    auto document = handmadeDocument(selfTimeTrace());
    const TraceIndex& index = document->index();
    const SelfTimeSummary summary = summarizeSelfTime(index);
    QCOMPARE(summary.totalSelfNs, 135);
    QCOMPARE(int(summary.operations.size()), 4);
    const OperationSelfTime& query = summary.operations[0];
    QCOMPARE(index.serviceNames[query.service], QStringLiteral("db"));
    QCOMPARE(index.operationNames[query.operation], QStringLiteral("query"));
    QCOMPARE(query.count, 3);
    QCOMPARE(query.totalSelfNs, 60);
    QCOMPARE(query.maxSelfNs, 30);
    QCOMPARE(query.maxSelfSpan, spanOf(*document, 5));
    QCOMPARE(index.operationNames[summary.operations[1].operation], QStringLiteral("handle"));
    QCOMPARE(summary.operations[1].totalSelfNs, 50);
    QCOMPARE(index.operationNames[summary.operations[2].operation], QStringLiteral("render"));
    QCOMPARE(summary.operations[2].totalSelfNs, 20);
    QCOMPARE(index.operationNames[summary.operations[3].operation], QStringLiteral("get"));
    QCOMPARE(summary.operations[3].count, 1);
}

void SelfTimePanelTest::panelListsAndSelects()
{
    auto document = handmadeDocument(selfTimeTrace());
    SelfTimePanel panel(document.get());
    QSignalSpy ready(&panel, &SelfTimePanel::ready);
    panel.resize(600, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(ready.count(), 1); // small traces are summed on the spot
    QTableView* table = panel.table();
    QCOMPARE(table->model()->rowCount(), 4);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("query"));
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("db"));
    QCOMPARE(table->model()->index(0, 2).data().toString(), QStringLiteral("3"));
    QCOMPARE(table->model()->index(0, 3).data().toString(), QStringLiteral("60ns"));
    QCOMPARE(table->model()->index(0, 4).data().toString(), QStringLiteral("44.4 %"));
    QCOMPARE(table->model()->index(0, 5).data().toString(), QStringLiteral("30ns"));

    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(1, 2)).center());
    QCOMPARE(document->currentSpan(), spanOf(*document, 1));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(0, 2)).center());
    QCOMPARE(document->currentSpan(), spanOf(*document, 5));
    QSignalSpy activated(document.get(), &TraceDocument::spanActivated);
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);

    // Sorting by count puts the most frequent first.
    table->sortByColumn(2, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("query"));
    table->sortByColumn(0, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("get"));
}

void SelfTimePanelTest::bigTraceIsSummedInTheBackground()
{
    DemoTrace trace;
    QVERIFY(trace.open(DemoOptions { 60000, 1 }));
    QVERIFY(trace.index().size() >= SelfTimePanel::backgroundThreshold);
    TraceView view(trace.document.get());
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    SelfTimePanel& panel = *view.selfTimePanel();
    QVERIFY(!view.isSelfTimeShown());
    QVERIFY(!panel.isReady());
    QSignalSpy ready(&panel, &SelfTimePanel::ready);
    view.selfTimeAction()->trigger();
    QVERIFY(view.isSelfTimeShown());
    QVERIFY(!panel.isReady()); // not on the GUI thread
    QVERIFY(ready.wait(20000));
    const SelfTimeSummary& summary = panel.summary();
    const int64_t spans = std::accumulate(summary.operations.begin(), summary.operations.end(), int64_t(0),
        [](int64_t sum, const OperationSelfTime& entry) { return sum + entry.count; });
    QCOMPARE(spans, int64_t(trace.index().size()));
    QCOMPARE(summary.totalSelfNs, summarizeSelfTime(trace.index()).totalSelfNs);
    for (size_t i = 1; i < summary.operations.size(); ++i)
        QVERIFY(summary.operations[i - 1].totalSelfNs >= summary.operations[i].totalSelfNs);
    if (const QString dir = qEnvironmentVariable("SKEIN_SNAPSHOT_DIR"); !dir.isEmpty())
        view.grab().save(dir + QStringLiteral("/selftime-panel.png"));
}

QTEST_MAIN(SelfTimePanelTest)
#include "tst_selftimepanel.moc"
