// SPDX-License-Identifier: MIT
// Repeated siblings in the waterfall: runs of the same call fold into one row "N × operation".
#include "handmadetrace.h"
#include "timelineview.h"

#include <QTest>

using namespace skein;
using namespace skein::test;

namespace {

// GET / with, in order: 7 × SELECT (the third has a child, the fifth an error), cache GET, 3 × SELECT
// (too few to fold), 5 × job each with a step below.
std::vector<HandmadeSpan> repeatedSiblingsTrace()
{
    const QString db = QStringLiteral("db");
    std::vector<HandmadeSpan> spans;
    spans.push_back({ 1, 0, QStringLiteral("front"), QStringLiteral("GET /"), 0, 1000 });
    for (int k = 0; k < 7; ++k)
        spans.push_back({ SpanId(10 + k), 1, db, QStringLiteral("SELECT"), 10 + 10 * k, 5, k == 4 });
    spans.push_back({ 20, 12, db, QStringLiteral("parse"), 31, 2 });
    spans.push_back({ 30, 1, QStringLiteral("cache"), QStringLiteral("GET"), 80, 5 });
    for (int k = 0; k < 3; ++k)
        spans.push_back({ SpanId(40 + k), 1, db, QStringLiteral("SELECT"), 100 + 10 * k, 5 });
    for (int k = 0; k < 5; ++k) {
        spans.push_back({ SpanId(50 + k), 1, QStringLiteral("worker"), QStringLiteral("job"), 200 + 20 * k, 10 });
        spans.push_back(
            { SpanId(60 + k), SpanId(50 + k), QStringLiteral("worker"), QStringLiteral("step"), 201 + 20 * k, 5 });
    }
    return spans;
}

std::vector<SpanId> rowIds(const TimelineView& view)
{
    std::vector<SpanId> ids;
    for (int32_t span : view.visibleRows())
        ids.push_back(view.document()->index().spanId[size_t(span)]);
    return ids;
}

} // namespace

class TimelineRowsTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void runsFoldIntoOneRow();
    void keysExpandAndFoldARun();
    void clickOnTheTriangleExpandsARun();
    void expandAllAndCollapseAll();
    void selectionInsideAFoldedRunRevealsIt();
    void hiddenServiceBreaksNoRunItDoesNotTouch();

private:
    std::unique_ptr<TraceDocument> m_document;
    std::unique_ptr<TimelineView> m_view;
    int32_t span(SpanId id) const { return spanOf(*m_document, id); }
};

void TimelineRowsTest::init()
{
    m_document = handmadeDocument(repeatedSiblingsTrace());
    m_view = std::make_unique<TimelineView>(m_document.get());
    m_view->resize(900, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TimelineRowsTest::cleanup()
{
    m_view.reset();
    m_document.reset();
}

void TimelineRowsTest::runsFoldIntoOneRow()
{
    const TimelineView& view = *m_view;
    QCOMPARE(rowIds(view), (std::vector<SpanId> { 1, 10, 30, 40, 41, 42, 50 }));
    const TimelineRows::Run* selects = view.rows().runAt(1);
    QVERIFY(selects);
    QCOMPARE(selects->count, 7);
    QCOMPARE(selects->firstSpan, span(10));
    QCOMPARE(selects->lastSpan, span(16));
    QCOMPARE(selects->end - selects->firstSpan, 8); // seven siblings and the child of one
    QCOMPARE(selects->startNs, 10);
    QCOMPARE(selects->endNs, 75);
    QCOMPARE(selects->busyNs, 35);
    QCOMPARE(selects->errors, 1);
    QCOMPARE(view.rows().depth(1), 1);
    QVERIFY(!view.rows().runAt(3)); // three of a kind stay rows
    const TimelineRows::Run* jobs = view.rows().runAt(6);
    QVERIFY(jobs);
    QCOMPARE(jobs->count, 5);
    QCOMPARE(jobs->end, m_document->index().size());
    // Members other than the first are not rows; the first is shown by the run's row.
    QCOMPARE(view.rows().rowOf(span(10)), 1);
    QCOMPARE(view.rows().rowOf(span(11)), -1);
    QCOMPARE(view.rows().foldedRunContaining(span(20)), selects);
    QCOMPARE(view.rows().foldedRunContaining(span(10)), nullptr);
    QCOMPARE(view.rows().foldedRunContaining(span(30)), nullptr);
}

void TimelineRowsTest::keysExpandAndFoldARun()
{
    TimelineView& view = *m_view;
    view.setFocus();
    m_document->setCurrentSpan(span(10));
    QTest::keyClick(&view, Qt::Key_Right);
    QVERIFY(view.isRunExpanded(span(10)));
    QCOMPARE(rowIds(view), (std::vector<SpanId> { 1, 10, 11, 12, 20, 13, 14, 15, 16, 30, 40, 41, 42, 50 }));
    QCOMPARE(view.rows().depth(4), 2);
    // Left on a member folds the run again and moves the selection to its row.
    m_document->setCurrentSpan(span(14));
    QTest::keyClick(&view, Qt::Key_Left);
    QVERIFY(!view.isRunExpanded(span(10)));
    QCOMPARE(m_document->currentSpan(), span(10));
    QCOMPARE(int(view.visibleRows().size()), 7);
    // Left on the folded row goes to the parent.
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(m_document->currentSpan(), 0);
}

void TimelineRowsTest::clickOnTheTriangleExpandsARun()
{
    TimelineView& view = *m_view;
    const int y = view.rowRect(6).center().y();
    bool expanded = false;
    int32_t currentBefore = -1;
    for (int x = 2; x < view.treeWidth() / 2 && !expanded; x += 2) {
        m_document->setCurrentSpan(0);
        currentBefore = m_document->currentSpan();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(x, y));
        expanded = view.isRunExpanded(span(50));
    }
    QVERIFY(expanded);
    QCOMPARE(int(view.visibleRows().size()), 7 - 1 + 10);
    QCOMPARE(m_document->currentSpan(), currentBefore); // toggling is not selecting
}

void TimelineRowsTest::expandAllAndCollapseAll()
{
    TimelineView& view = *m_view;
    view.expandAll();
    QCOMPARE(int(view.visibleRows().size()), m_document->index().size());
    QVERIFY(view.rows().runs().empty());
    view.collapseAll();
    QCOMPARE(rowIds(view), (std::vector<SpanId> { 1 }));
    view.setCollapsed(0, false);
    QCOMPARE(rowIds(view), (std::vector<SpanId> { 1, 10, 30, 40, 41, 42, 50 }));
}

void TimelineRowsTest::selectionInsideAFoldedRunRevealsIt()
{
    TimelineView& view = *m_view;
    view.collapseAll();
    m_document->setCurrentSpan(span(62)); // the step below the third job
    QVERIFY(view.rows().rowOf(span(62)) >= 0);
    QVERIFY(view.isRunExpanded(span(50)));
    QVERIFY(!view.isCollapsed(span(52)));
    QVERIFY(!view.isRunExpanded(span(10))); // the other run stays folded
    QCOMPARE(view.rows().rowOf(span(11)), -1);
}

void TimelineRowsTest::hiddenServiceBreaksNoRunItDoesNotTouch()
{
    TimelineView& view = *m_view;
    const TraceIndex& index = m_document->index();
    std::vector<uint8_t> hidden(index.serviceNames.size(), 0);
    hidden[index.service[size_t(span(30))]] = 1; // cache: between the two SELECT runs
    m_document->setHiddenServices(hidden);
    QCOMPARE(rowIds(view), (std::vector<SpanId> { 1, 10, 40, 41, 42, 50 }));
}

QTEST_MAIN(TimelineRowsTest)
#include "tst_timelinerows.moc"
