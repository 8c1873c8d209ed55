// SPDX-License-Identifier: MIT
#include "demogenerator.h"
#include "durationtext.h"
#include "fileimport.h"
#include "threadcputime.h"
#include "timelineview.h"
#include "tracedocument.h"
#include "tracestore.h"
#include "traceview.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <algorithm>
#include <memory>

using namespace skein;
using skein::test::threadCpuMs;

namespace {

// A demo trace imported into a real cache file, opened as a document.
struct OpenTrace {
    QTemporaryDir dir;
    std::unique_ptr<TraceStore> store;
    std::unique_ptr<TraceDocument> document;

    bool open(const DemoOptions& options)
    {
        const QString input = dir.filePath(QStringLiteral("demo.json"));
        QString error;
        if (!writeDemoFile(options, DemoFormat::OtlpJson, input, &error)) {
            qWarning() << error;
            return false;
        }
        const QString cache = dir.filePath(QStringLiteral("cache.sqlite"));
        store = TraceStore::open(cache, &error);
        if (!store)
            return false;
        const ImportOutcome outcome = importFile(*store, input);
        if (outcome.status() != QLatin1String("imported"))
            return false;
        const std::vector<TraceSummary> traces = store->findTraces({});
        if (traces.empty())
            return false;
        std::optional<TraceIndex> index = store->loadTraceIndex(traces.front().traceId);
        if (!index)
            return false;
        document = std::make_unique<TraceDocument>(std::make_shared<const TraceIndex>(std::move(*index)), cache);
        return true;
    }
    const TraceIndex& index() const { return document->index(); }
};

// The rows as the definition says, computed the slow way: every span in depth-first order whose
// service is shown and none of whose ancestors is collapsed.
std::vector<int32_t> expectedRows(const TimelineView& view, const TraceIndex& index, const TraceDocument& document)
{
    std::vector<int32_t> rows;
    for (int32_t i = 0; i < index.size(); ++i) {
        if (document.isServiceHidden(index.service[size_t(i)]))
            continue;
        bool insideCollapsed = false;
        for (int32_t p = index.parent[size_t(i)]; p >= 0; p = index.parent[size_t(p)])
            insideCollapsed |= view.isCollapsed(p) && !document.isServiceHidden(index.service[size_t(p)]);
        if (!insideCollapsed)
            rows.push_back(i);
    }
    return rows;
}

int32_t firstSpanWithChildren(const TraceIndex& index, int32_t from = 0)
{
    for (int32_t i = from; i < index.size(); ++i) {
        if (index.subtreeEnd[size_t(i)] > i + 1)
            return i;
    }
    return -1;
}

QPoint rowCentre(const TimelineView& view, int32_t row)
{
    const QRect bars = view.barsRect();
    return { bars.left() + bars.width() / 2, view.rowRect(row).center().y() };
}

} // namespace

class TimelineViewTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void rowsFollowCollapseAndExpand();
    void keyboardMovesTheCurrentSpan();
    void clickSelectsAndDoubleClickActivates();
    void clickOnTheTriangleTogglesTheSubtree();
    void documentSelectionRevealsCollapsedSpans();
    void serviceFilterHidesRowsAndKeepsDescendants();
    void searchMatchesAreHighlighted();
    void zoomKeysAndWheel();
    void middleDragPansAndSplitterResizes();
    void hoverShowsTheSpanInATooltip();
    void largeTraceRepaintsFast();

private:
    std::unique_ptr<OpenTrace> m_trace;
    std::unique_ptr<TimelineView> m_view;
};

void TimelineViewTest::init()
{
    m_trace = std::make_unique<OpenTrace>();
    QVERIFY(m_trace->open(DemoOptions { 300, 1, 7 }));
    QCOMPARE(m_trace->index().size(), 300);
    m_view = std::make_unique<TimelineView>(m_trace->document.get());
    m_view->resize(1000, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    // Span by span: the folding of repeated siblings has its own tests.
    m_view->expandAll();
}

void TimelineViewTest::cleanup()
{
    m_view.reset();
    m_trace.reset();
}

void TimelineViewTest::rowsFollowCollapseAndExpand()
{
    const TraceIndex& index = m_trace->index();
    TimelineView& view = *m_view;
    QCOMPARE(int(view.visibleRows().size()), index.size());

    const int32_t root = 0;
    const int32_t inner = firstSpanWithChildren(index, 1);
    QVERIFY(inner > 0);
    QSignalSpy rowsChanged(&view, &TimelineView::rowsChanged);
    view.setCollapsed(inner, true);
    QCOMPARE(rowsChanged.count(), 1);
    QCOMPARE(view.visibleRows(), expectedRows(view, index, *m_trace->document));
    QCOMPARE(int(view.visibleRows().size()), index.size() - (index.subtreeEnd[size_t(inner)] - inner - 1));

    // A collapsed subtree inside another collapsed one stays collapsed when the outer one opens.
    view.setCollapsed(root, true);
    QCOMPARE(view.visibleRows(), expectedRows(view, index, *m_trace->document));
    QCOMPARE(int(view.visibleRows().size()), index.rootCount);
    view.setCollapsed(root, false);
    QVERIFY(view.isCollapsed(inner));
    QCOMPARE(view.visibleRows(), expectedRows(view, index, *m_trace->document));

    view.expandAll();
    QCOMPARE(int(view.visibleRows().size()), index.size());
    for (int32_t row = 0; row < 50; ++row)
        QCOMPARE(view.rows().depth(row), int(index.depth[size_t(view.visibleRows()[size_t(row)])]));

    view.collapseAll();
    QCOMPARE(int(view.visibleRows().size()), index.rootCount);
    for (int32_t row = 0; row < view.rows().count(); ++row)
        QCOMPARE(view.rows().depth(row), 0);
}

void TimelineViewTest::keyboardMovesTheCurrentSpan()
{
    const TraceIndex& index = m_trace->index();
    TraceDocument& document = *m_trace->document;
    TimelineView& view = *m_view;
    view.setFocus();

    QTest::keyClick(&view, Qt::Key_Down); // nothing current yet: the first row
    QCOMPARE(document.currentSpan(), 0);
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(document.currentSpan(), view.visibleRows()[1]);
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(document.currentSpan(), 0);
    QTest::keyClick(&view, Qt::Key_Up); // stays on the first row
    QCOMPARE(document.currentSpan(), 0);

    // Left collapses, Left again has no parent to go to, Right expands, Right goes to the first child.
    QTest::keyClick(&view, Qt::Key_Left);
    QVERIFY(view.isCollapsed(0));
    QCOMPARE(document.currentSpan(), 0);
    QTest::keyClick(&view, Qt::Key_Right);
    QVERIFY(!view.isCollapsed(0));
    QCOMPARE(document.currentSpan(), 0);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(document.currentSpan(), 1);
    QCOMPARE(index.parent[1], 0);

    // Left on a leaf goes to its parent.
    int32_t leaf = -1;
    for (int32_t i = 2; i < index.size() && leaf < 0; ++i) {
        if (index.subtreeEnd[size_t(i)] == i + 1 && index.depth[size_t(i)] >= 2)
            leaf = i;
    }
    QVERIFY(leaf > 0);
    document.setCurrentSpan(leaf);
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(document.currentSpan(), index.parent[size_t(leaf)]);

    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(document.currentSpan(), view.visibleRows().back());
    QVERIFY(view.viewport()->rect().contains(view.rowRect(view.rows().count() - 1)));
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(document.currentSpan(), 0);
    QTest::keyClick(&view, Qt::Key_PageDown);
    const int32_t pageRow = view.rows().rowOf(document.currentSpan());
    QVERIFY2(pageRow > 10, qPrintable(QString::number(pageRow)));
    QVERIFY(view.viewport()->rect().contains(view.rowRect(pageRow)));
    QTest::keyClick(&view, Qt::Key_PageUp);
    QCOMPARE(document.currentSpan(), 0);

    QSignalSpy activated(&document, &TraceDocument::spanActivated);
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.front().front().toInt(), 0);
}

void TimelineViewTest::clickSelectsAndDoubleClickActivates()
{
    TraceDocument& document = *m_trace->document;
    TimelineView& view = *m_view;
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, rowCentre(view, 3));
    QCOMPARE(document.currentSpan(), view.visibleRows()[3]);
    // In the tree column too.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(view.treeWidth() - 20, view.rowRect(5).center().y()));
    QCOMPARE(document.currentSpan(), view.visibleRows()[5]);

    QSignalSpy activated(&document, &TraceDocument::spanActivated);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, rowCentre(view, 7));
    QCOMPARE(document.currentSpan(), view.visibleRows()[7]);
    QCOMPARE(activated.count(), 1);
}

void TimelineViewTest::clickOnTheTriangleTogglesTheSubtree()
{
    const TraceIndex& index = m_trace->index();
    TimelineView& view = *m_view;
    const int32_t span = firstSpanWithChildren(index, 1);
    const int32_t row = view.rows().rowOf(span);
    const int indent = view.rows().depth(row);
    QVERIFY(indent >= 1);
    // The triangle sits where the row's indentation ends; find it by scanning the row's start.
    bool toggled = false;
    int32_t currentBefore = -1;
    int x = 0;
    while (x < view.treeWidth() / 2 && !toggled) {
        x += 2;
        currentBefore = m_trace->document->currentSpan();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(x, view.rowRect(row).center().y()));
        toggled = view.isCollapsed(span);
    }
    QVERIFY(toggled);
    QVERIFY2(x > 10 * indent, qPrintable(QString::number(x))); // past the indentation
    QCOMPARE(m_trace->document->currentSpan(), currentBefore); // toggling is not selecting
    QCOMPARE(int(view.visibleRows().size()), index.size() - (index.subtreeEnd[size_t(span)] - span - 1));
}

void TimelineViewTest::documentSelectionRevealsCollapsedSpans()
{
    const TraceIndex& index = m_trace->index();
    TimelineView& view = *m_view;
    view.collapseAll();
    // The deepest span, near the end, so that it also has to be scrolled to.
    int32_t deep = index.size() - 1;
    for (int32_t i = index.size() - 1; i > index.size() / 2; --i) {
        if (index.depth[size_t(i)] > index.depth[size_t(deep)])
            deep = i;
    }
    QVERIFY(index.depth[size_t(deep)] >= 2);
    QCOMPARE(view.rows().rowOf(deep), -1);
    m_trace->document->setCurrentSpan(deep);
    const int32_t row = view.rows().rowOf(deep);
    QVERIFY(row >= 0);
    for (int32_t p = index.parent[size_t(deep)]; p >= 0; p = index.parent[size_t(p)])
        QVERIFY(!view.isCollapsed(p));
    QVERIFY(view.viewport()->rect().contains(view.rowRect(row)));

    // Collapsing an ancestor of the current span moves the selection up to it.
    const int32_t parent = index.parent[size_t(deep)];
    view.setCollapsed(parent, true);
    QCOMPARE(m_trace->document->currentSpan(), parent);
}

void TimelineViewTest::serviceFilterHidesRowsAndKeepsDescendants()
{
    const TraceIndex& index = m_trace->index();
    TraceDocument& document = *m_trace->document;
    TimelineView& view = *m_view;
    // A service that has spans of other services below it, so that hiding it re-parents them.
    int hiddenService = -1;
    for (int32_t i = 1; i < index.size() && hiddenService < 0; ++i) {
        for (int32_t d = i + 1; d < index.subtreeEnd[size_t(i)]; ++d) {
            if (index.service[size_t(d)] != index.service[size_t(i)] && index.service[size_t(i)] != index.service[0]) {
                hiddenService = index.service[size_t(i)];
                break;
            }
        }
    }
    QVERIFY(hiddenService >= 0);
    std::vector<uint8_t> hidden(index.serviceNames.size(), 0);
    hidden[size_t(hiddenService)] = 1;
    document.setHiddenServices(hidden);

    const auto hiddenSpans = std::count(index.service.begin(), index.service.end(), uint16_t(hiddenService));
    QVERIFY(hiddenSpans > 0);
    QCOMPARE(int(view.visibleRows().size()), index.size() - int(hiddenSpans));
    QCOMPARE(view.visibleRows(), expectedRows(view, index, document));
    bool sawReparented = false;
    for (int32_t row = 0; row < view.rows().count(); ++row) {
        const int32_t span = view.visibleRows()[size_t(row)];
        QVERIFY(index.service[size_t(span)] != hiddenService);
        int shownAncestors = 0;
        for (int32_t p = index.parent[size_t(span)]; p >= 0; p = index.parent[size_t(p)]) {
            if (index.service[size_t(p)] != hiddenService)
                ++shownAncestors;
            else
                sawReparented = true;
        }
        QCOMPARE(view.rows().depth(row), shownAncestors);
    }
    QVERIFY(sawReparented);

    document.setHiddenServices(std::vector<uint8_t>(index.serviceNames.size(), 0));
    QCOMPARE(int(view.visibleRows().size()), index.size());
}

void TimelineViewTest::searchMatchesAreHighlighted()
{
    const TraceIndex& index = m_trace->index();
    TraceDocument& document = *m_trace->document;
    TimelineView& view = *m_view;
    // An operation that occurs a few times, searched by its full name.
    const QString needle = index.operationName(2);
    const auto expected = std::count_if(index.operation.begin(), index.operation.end(),
        [&](uint32_t operation) { return index.operationNames[operation].contains(needle, Qt::CaseInsensitive); });
    QVERIFY(expected > 0);

    const QImage before = view.viewport()->grab().toImage();
    document.setSearchText(needle);
    QVERIFY(int(document.searchMatches().size()) >= expected);
    QVERIFY(document.isSearchMatch(2));
    QVERIFY(!document.isSearchMatch(0) || index.operationName(0).contains(needle, Qt::CaseInsensitive));
    const QImage after = view.viewport()->grab().toImage();
    const qreal ratio = after.devicePixelRatio();
    auto rowImage = [&](const QImage& image, int32_t row) {
        const QRect rect = view.rowRect(row);
        return image.copy(QRect(rect.topLeft() * ratio, rect.size() * ratio));
    };
    QVERIFY(rowImage(before, 2) != rowImage(after, 2)); // the match is marked
    for (int32_t row = 0; row < 20; ++row) {
        if (!document.isSearchMatch(view.visibleRows()[size_t(row)]))
            QCOMPARE(rowImage(before, row), rowImage(after, row));
    }
}

void TimelineViewTest::zoomKeysAndWheel()
{
    TimelineView& view = *m_view;
    view.setFocus();
    const int64_t full = view.timeScale().windowNs();
    QSignalSpy changed(&view, &TimelineView::timeWindowChanged);
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.timeScale().windowNs() < full);
    QVERIFY(changed.count() >= 1);
    QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
    const int64_t zoomed = view.timeScale().windowNs();
    QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(view.timeScale().windowNs() > zoomed);
    QTest::keyClick(&view, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(view.timeScale().windowNs(), full);

    // Ctrl+wheel zooms around the mouse: the time under it stays put.
    const QRect bars = view.barsRect();
    const QPoint at(bars.left() + bars.width() / 4, 100);
    const int64_t timeUnderMouse = view.timeScale().ns(at.x() - bars.left());
    QWheelEvent wheel(at, view.viewport()->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::ControlModifier,
        Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(view.timeScale().windowNs() < full);
    QVERIFY(std::abs(view.timeScale().x(timeUnderMouse) - (at.x() - bars.left())) < 1.0);
    // Shift+wheel pans in time, and the horizontal scroll bar follows.
    const int64_t start = view.timeScale().startNs();
    QWheelEvent pan(at, view.viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::ShiftModifier,
        Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view.viewport(), &pan);
    QVERIFY(view.timeScale().startNs() > start);
    QVERIFY(view.horizontalScrollBar()->value() > 0);
}

void TimelineViewTest::middleDragPansAndSplitterResizes()
{
    TimelineView& view = *m_view;
    view.setTimeWindow(0, view.timeScale().traceDurationNs() / 4);
    const TimeScale before = view.timeScale();
    const QPoint start = rowCentre(view, 4);
    QTest::mousePress(view.viewport(), Qt::MiddleButton, {}, start);
    QTest::mouseMove(view.viewport(), start - QPoint(200, 0));
    QTest::mouseRelease(view.viewport(), Qt::MiddleButton, {}, start - QPoint(200, 0));
    QCOMPARE(view.timeScale().windowNs(), before.windowNs());
    QVERIFY(std::abs(view.timeScale().startNs() - before.ns(200)) <= before.windowNs() / 1000);
    QCOMPARE(m_trace->document->currentSpan(), -1); // panning is not selecting

    const int treeWidth = view.treeWidth();
    QSignalSpy treeWidthChanged(&view, &TimelineView::treeWidthChanged);
    const QPoint handle(treeWidth, view.rowRect(2).center().y());
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, handle);
    QTest::mouseMove(view.viewport(), handle + QPoint(60, 0));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, handle + QPoint(60, 0));
    QCOMPARE(view.treeWidth(), treeWidth + 60);
    QVERIFY(view.barsRect().left() > view.treeWidth());
    QVERIFY(treeWidthChanged.count() >= 1);
    QCOMPARE(m_trace->document->currentSpan(), -1);
    // The time window is kept; only its pixel width changes.
    QCOMPARE(view.timeScale().windowNs(), before.windowNs());
    QCOMPARE(int(view.timeScale().width()), view.barsRect().width());
}

void TimelineViewTest::hoverShowsTheSpanInATooltip()
{
    const TraceIndex& index = m_trace->index();
    TimelineView& view = *m_view;
    const int32_t span = view.visibleRows()[3];
    const QPoint at = rowCentre(view, 3);
    QHelpEvent help(QEvent::ToolTip, at, view.viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(view.viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(index.operationName(span).toHtmlEscaped()), qPrintable(text));
    QVERIFY2(text.contains(index.serviceName(span).toHtmlEscaped()), qPrintable(text));
    QVERIFY2(text.contains(formatDuration(index.spanDuration(span))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("+") + formatDuration(index.startOf(span))), qPrintable(text));
    QToolTip::hideText();
}

void TimelineViewTest::largeTraceRepaintsFast()
{
    m_view.reset();
    m_trace = std::make_unique<OpenTrace>();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_trace->open(DemoOptions { 100000, 1 }));
    QCOMPARE(m_trace->index().size(), 100000);
    qInfo("100k-span trace generated, imported and indexed in %lld ms", timer.elapsed());

    timer.restart();
    TraceView traceView(m_trace->document.get());
    traceView.resize(1400, 900);
    traceView.show();
    QVERIFY(QTest::qWaitForWindowExposed(&traceView));
    traceView.grab(); // the first full paint, minimap overview included
    const qint64 openMs = timer.elapsed();
    qInfo("trace view built and first painted in %lld ms", openMs);
    QVERIFY2(openMs < 3000, qPrintable(QString::number(openMs)));

    TimelineView& view = *traceView.timeline();
    QVERIFY(view.rows().count() < 100000); // repeated siblings folded
    view.expandAll();
    QCOMPARE(int(view.visibleRows().size()), 100000);
    QScrollBar* scroll = view.verticalScrollBar();
    std::vector<qint64> times;
    for (int i = 0; i < 21; ++i) {
        scroll->setValue(scroll->maximum() / 21 * i + i * 37);
        timer.restart();
        view.viewport()->repaint();
        times.push_back(timer.nsecsElapsed());
        QCOMPARE(view.paintStatistics().lastPaintNs > 0, true);
    }
    std::sort(times.begin(), times.end());
    const double medianMs = double(times[times.size() / 2]) / 1e6;
    qInfo("viewport repaint while scrolling 100k spans: median %.2f ms, max %.2f ms, %d rows painted", medianMs,
        double(times.back()) / 1e6, view.paintStatistics().lastPaintedRows);
    QVERIFY2(medianMs < 50, qPrintable(QString::number(medianMs)));
    QVERIFY(view.paintStatistics().lastPaintedRows < 100);

    const qint64 started = threadCpuMs(); // processor time: a stall of a shared machine cannot push it over
    view.collapseAll();
    view.expandAll();
    const qint64 foldingMs = threadCpuMs() - started;
    qInfo("collapse all + expand all on 100k spans: %lld ms", foldingMs);
    QVERIFY2(foldingMs < 1000, qPrintable(QString::number(foldingMs)));
    // Zoomed in, with bars far outside the window on most rows.
    view.setTimeWindow(view.timeScale().traceDurationNs() / 2, view.timeScale().traceDurationNs() / 2 + 10'000);
    timer.restart();
    view.viewport()->repaint();
    qInfo("repaint zoomed to 10µs: %.2f ms", double(timer.nsecsElapsed()) / 1e6);
}

QTEST_MAIN(TimelineViewTest)
#include "tst_timelineview.moc"
