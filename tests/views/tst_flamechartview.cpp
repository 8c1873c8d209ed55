// SPDX-License-Identifier: MIT
#include "demotrace.h"
#include "flamechartview.h"
#include "flamelayout.h"
#include "handmadetrace.h"
#include "timelineminimap.h"
#include "timelineview.h"
#include "timeruler.h"
#include "tracestore.h"
#include "traceview.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <algorithm>
#include <numeric>

using namespace skein;
using namespace skein::test;

namespace {

// A root of one second with, at depth 1, a thousand 10 ns spans every 20 ns from 1 µs on (so all in one
// pixel at full zoom, apart at 2 µs across 1000 px) and one 400 ms span from 500 ms; below the first
// tiny span one grandchild with an error.
std::vector<HandmadeSpan> tinySpansTrace()
{
    std::vector<HandmadeSpan> spans;
    spans.push_back({ 1, 0, QStringLiteral("front"), QStringLiteral("GET /"), 0, 1'000'000'000 });
    for (int i = 0; i < 1000; ++i)
        spans.push_back(
            { SpanId(100 + i), 1, QStringLiteral("db"), QStringLiteral("SELECT"), 1000 + 20 * i, 10, i == 500 });
    spans.push_back({ 2, 1, QStringLiteral("worker"), QStringLiteral("reindex"), 500'000'000, 400'000'000 });
    spans.push_back({ 3, 100, QStringLiteral("db"), QStringLiteral("fetch"), 1002, 5, true });
    return spans;
}

int totalCount(const std::vector<FlameLayout::Block>& blocks)
{
    return std::accumulate(
        blocks.begin(), blocks.end(), 0, [](int sum, const FlameLayout::Block& block) { return sum + block.count; });
}

QImage rowImage(FlameChartView& view, int32_t depth)
{
    const QImage image = view.viewport()->grab().toImage();
    const qreal ratio = image.devicePixelRatio();
    const QRect rect = view.rowRect(depth);
    return image.copy(QRect(rect.topLeft() * ratio, rect.size() * ratio));
}

} // namespace

class FlameChartViewTest : public QObject {
    Q_OBJECT
private slots:
    void rowsHoldEverySpanAtItsDepthSortedByStart();
    void tinySpansInOnePixelMergeIntoOneBlock();
    void zoomingInTakesMergedBlocksApart();
    void blocksAccountForEverySpanAtAnyZoom();
    void hiddenServicesLiftTheirChildren();
    void clickSelectsAndFollowsTheWaterfall();
    void keyboardWalksRowsAndTree();
    void searchMatchesAreMarkedInsideMergedBlocks();
    void mergedBlockTooltipSaysHowMany();
    void traceViewSwitchesModesWithTheTimeWindow();
    void largeTraceRepaintCostsPixelsNotSpans();
    void snapshotsOfABigTrace();
};

void FlameChartViewTest::rowsHoldEverySpanAtItsDepthSortedByStart()
{
    DemoTrace trace;
    QVERIFY(trace.open(DemoOptions { 400, 1, 3 }));
    const TraceIndex& index = trace.index();
    FlameLayout layout;
    layout.build(index, {});
    QCOMPARE(layout.depthCount(), index.maxDepth + 1);
    std::vector<int> seen(size_t(index.size()), 0);
    for (int32_t depth = 0; depth < layout.depthCount(); ++depth) {
        const std::vector<int32_t>& row = layout.row(depth);
        QVERIFY(!row.empty());
        for (size_t p = 0; p < row.size(); ++p) {
            QCOMPARE(int(index.depth[size_t(row[p])]), depth);
            QCOMPARE(layout.depthOf(row[p]), depth);
            QCOMPARE(layout.positionOf(row[p]), int32_t(p));
            if (p > 0)
                QVERIFY(index.startOf(row[p - 1]) <= index.startOf(row[p]));
            seen[size_t(row[p])]++;
        }
    }
    QVERIFY(std::all_of(seen.begin(), seen.end(), [](int count) { return count == 1; }));
}

void FlameChartViewTest::tinySpansInOnePixelMergeIntoOneBlock()
{
    auto document = handmadeDocument(tinySpansTrace());
    const TraceIndex& index = document->index();
    FlameLayout layout;
    layout.build(index, {});
    QCOMPARE(layout.depthCount(), 3);
    QCOMPARE(int(layout.row(1).size()), 1001);

    const TimeScale whole(index.traceDurationNs, 1000); // a millisecond per pixel
    std::vector<FlameLayout::Block> blocks;
    std::vector<FlameLayout::Segment> segments;
    layout.blocks(1, whole, blocks, segments);
    QCOMPARE(int(blocks.size()), 2);
    const FlameLayout::Block& merged = blocks[0];
    QCOMPARE(merged.count, 1000);
    QVERIFY(merged.segmentCount >= 1);
    QVERIFY(merged.error); // span 600 has one
    QVERIFY(merged.x1 - merged.x0 >= 1);
    QCOMPARE(index.serviceName(merged.span), QStringLiteral("db"));
    // The long span stands alone, with its own width.
    const FlameLayout::Block& single = blocks[1];
    QCOMPARE(single.count, 1);
    QCOMPARE(single.segmentCount, 0);
    QCOMPARE(index.operationName(single.span), QStringLiteral("reindex"));
    QCOMPARE(single.x0, 500.0);
    QCOMPARE(single.x1, 900.0);
    QVERIFY(!single.error);

    // The root is one block, the grandchild too (merged or not, it is alone in its row).
    layout.blocks(0, whole, blocks, segments);
    QCOMPARE(int(blocks.size()), 1);
    QCOMPARE(blocks[0].span, 0);
    layout.blocks(2, whole, blocks, segments);
    QCOMPARE(int(blocks.size()), 1);
    QVERIFY(blocks[0].error);

    // Hit testing lands on what is drawn.
    QCOMPARE(index.operationName(layout.spanAt(1, whole, 0.5)), QStringLiteral("SELECT"));
    QCOMPARE(index.operationName(layout.spanAt(1, whole, 700)), QStringLiteral("reindex"));
    QCOMPARE(layout.spanAt(1, whole, 300), -1);
    QCOMPARE(layout.spanAt(0, whole, 300), 0);
}

void FlameChartViewTest::zoomingInTakesMergedBlocksApart()
{
    auto document = handmadeDocument(tinySpansTrace());
    FlameLayout layout;
    layout.build(document->index(), {});
    std::vector<FlameLayout::Block> blocks;
    std::vector<FlameLayout::Segment> segments;

    // 20 µs across 1000 px: each 10 ns span is half a pixel, with half a pixel between: still merged.
    TimeScale scale(document->index().traceDurationNs, 1000);
    scale.setWindow(1000, 21'000);
    layout.blocks(1, scale, blocks, segments);
    QCOMPARE(int(blocks.size()), 1);
    QCOMPARE(blocks[0].count, 1000);

    // 2 µs across 1000 px: 5 px per span, 5 px apart: the hundred in the window stand alone.
    scale.setWindow(1000, 3000);
    layout.blocks(1, scale, blocks, segments);
    QCOMPARE(int(blocks.size()), 100);
    for (const FlameLayout::Block& block : blocks) {
        QCOMPARE(block.count, 1);
        QCOMPARE(block.segmentCount, 0);
        QVERIFY(block.x1 - block.x0 > 4.9);
    }
    QVERIFY(segments.empty());

    // A narrower merge width keeps half-pixel spans apart only when they do not touch.
    scale.setWindow(1000, 21'000);
    layout.blocks(1, scale, blocks, segments, 0.25);
    QCOMPARE(int(blocks.size()), 1000);
}

void FlameChartViewTest::blocksAccountForEverySpanAtAnyZoom()
{
    DemoTrace trace;
    QVERIFY(trace.open(DemoOptions { 3000, 1, 11 }));
    const TraceIndex& index = trace.index();
    FlameLayout layout;
    layout.build(index, {});
    std::vector<FlameLayout::Block> blocks;
    std::vector<FlameLayout::Segment> segments;
    for (double width : { 50.0, 400.0, 1600.0 }) {
        const TimeScale scale(index.traceDurationNs, width);
        for (int32_t depth = 0; depth < layout.depthCount(); ++depth) {
            layout.blocks(depth, scale, blocks, segments);
            QCOMPARE(totalCount(blocks), int(layout.row(depth).size()));
            // Paint cost: never more blocks than pixels (plus the rare overlaps), whatever the span count.
            QVERIFY2(blocks.size() <= size_t(width) + 8, qPrintable(QString::number(blocks.size())));
            for (const FlameLayout::Block& block : blocks) {
                if (block.segmentCount == 0)
                    continue;
                QVERIFY(block.count > 1);
                QVERIFY(block.x1 > block.x0);
            }
        }
    }
    // Zoomed into a tenth: a block holds only spans that reach into the window.
    TimeScale scale(index.traceDurationNs, 800);
    scale.setWindow(index.traceDurationNs / 2, index.traceDurationNs / 2 + index.traceDurationNs / 10);
    const int32_t depth = layout.depthCount() - 1;
    layout.blocks(depth, scale, blocks, segments);
    int expected = 0;
    for (int32_t span : layout.row(depth))
        expected += index.endOf(span) > scale.startNs() && index.startOf(span) < scale.endNs() ? 1 : 0;
    QVERIFY(totalCount(blocks) >= expected);
    QVERIFY(totalCount(blocks) <= expected + 2);
}

void FlameChartViewTest::hiddenServicesLiftTheirChildren()
{
    auto document = handmadeDocument(tinySpansTrace());
    const TraceIndex& index = document->index();
    std::vector<uint8_t> hidden(index.serviceNames.size(), 0);
    const auto front = std::find(index.serviceNames.begin(), index.serviceNames.end(), QStringLiteral("front"));
    hidden[size_t(front - index.serviceNames.begin())] = 1;
    document->setHiddenServices(hidden);

    FlameChartView view(document.get());
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.layout().depthCount(), 2);
    QCOMPARE(view.layout().depthOf(0), -1);
    QCOMPARE(int(view.layout().row(0).size()), 1001);
    QCOMPARE(view.layout().depthOf(spanOf(*document, 3)), 1);

    document->setHiddenServices(std::vector<uint8_t>(index.serviceNames.size(), 0));
    QCOMPARE(view.layout().depthCount(), 3);
    QCOMPARE(view.layout().depthOf(0), 0);
}

void FlameChartViewTest::clickSelectsAndFollowsTheWaterfall()
{
    DemoTrace trace;
    QVERIFY(trace.open(DemoOptions { 300, 1, 7 }));
    TraceDocument& document = *trace.document;
    TraceView traceView(&document);
    traceView.resize(1200, 700);
    traceView.show();
    QVERIFY(QTest::qWaitForWindowExposed(&traceView));
    traceView.setMode(TraceView::Mode::Flame);
    FlameChartView& flame = *traceView.flameChart();
    TimelineView& waterfall = *traceView.timeline();

    // The root's row, in the middle of the bars.
    const QRect bars = flame.barsRect();
    const QPoint onRoot(bars.left() + bars.width() / 2, flame.rowRect(0).center().y());
    QTest::mouseClick(flame.viewport(), Qt::LeftButton, {}, onRoot);
    QCOMPARE(document.currentSpan(), 0);
    QCOMPARE(waterfall.rows().rowOf(0) >= 0, true);

    // A span picked elsewhere (the waterfall, search) is framed in the flame chart.
    const int32_t deep = trace.index().size() - 1;
    const QImage before = flame.viewport()->grab().toImage();
    document.setCurrentSpan(deep);
    QVERIFY(waterfall.rows().rowOf(deep) >= 0);
    const QRectF rect = flame.spanRect(deep);
    QVERIFY(!rect.isEmpty());
    QVERIFY(flame.viewport()->rect().contains(rect.center().toPoint()));
    QVERIFY(flame.viewport()->grab().toImage() != before);
    // Clicking where it is drawn selects it again (after selecting something else).
    document.setCurrentSpan(0);
    const QPoint onDeep(int(std::floor(rect.left())) + 1 >= bars.left() ? int(std::floor(rect.left())) : bars.left(),
        int(rect.center().y()));
    const int32_t hit = flame.spanAt(onDeep);
    QVERIFY(hit >= 0);
    QCOMPARE(flame.layout().depthOf(hit), flame.layout().depthOf(deep));

    QSignalSpy activated(&document, &TraceDocument::spanActivated);
    QTest::mouseDClick(flame.viewport(), Qt::LeftButton, {}, onRoot);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.front().front().toInt(), 0);
    flame.setFocus();
    QTest::keyClick(&flame, Qt::Key_Return);
    QCOMPARE(activated.count(), 2);
}

void FlameChartViewTest::keyboardWalksRowsAndTree()
{
    auto document = handmadeDocument(tinySpansTrace());
    const TraceIndex& index = document->index();
    FlameChartView view(document.get());
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_Down); // nothing current: the first span of the first row
    QCOMPARE(document->currentSpan(), 0);
    QTest::keyClick(&view, Qt::Key_Down); // the earliest child
    QCOMPARE(document->currentSpan(), spanOf(*document, 100));
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(document->currentSpan(), spanOf(*document, 101));
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(document->currentSpan(), spanOf(*document, 2));
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(document->currentSpan(), spanOf(*document, 1099));
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(document->currentSpan(), 0);
    QCOMPARE(index.parent[size_t(spanOf(*document, 1099))], 0);
}

void FlameChartViewTest::searchMatchesAreMarkedInsideMergedBlocks()
{
    auto document = handmadeDocument(tinySpansTrace());
    FlameChartView view(document.get());
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage before = rowImage(view, 2);
    const QImage rootBefore = rowImage(view, 0);
    document->setSearchText(QStringLiteral("fetch")); // the grandchild, merged with nothing but alone
    QCOMPARE(int(document->searchMatches().size()), 1);
    QVERIFY(rowImage(view, 2) != before);
    QCOMPARE(rowImage(view, 0), rootBefore);

    const QImage mergedBefore = rowImage(view, 1);
    document->setSearchText(QStringLiteral("SELECT")); // the thousand tiny spans, one merged block
    QVERIFY(rowImage(view, 1) != mergedBefore);
}

void FlameChartViewTest::mergedBlockTooltipSaysHowMany()
{
    auto document = handmadeDocument(tinySpansTrace());
    FlameChartView view(document.get());
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPoint at(view.barsRect().left(), view.rowRect(1).center().y());
    QHelpEvent help(QEvent::ToolTip, at, view.viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(view.viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("1,000 spans"))
            || QToolTip::text().contains(QStringLiteral("1000 spans")),
        qPrintable(QToolTip::text()));
    QToolTip::hideText();
    QCOMPARE(view.paintStatistics().lastMergedBlocks >= 1, true);
    QCOMPARE(view.paintStatistics().lastMergedSpans >= 1000, true);
}

void FlameChartViewTest::traceViewSwitchesModesWithTheTimeWindow()
{
    DemoTrace trace;
    QVERIFY(trace.open(DemoOptions { 300, 1, 7 }));
    TraceView view(trace.document.get());
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int64_t traceNs = trace.index().traceDurationNs;
    view.timeline()->setTimeWindow(traceNs / 4, traceNs / 2);
    QSignalSpy modeChanged(&view, &TraceView::modeChanged);
    view.timeline()->setFocus();
    QTest::keyClick(view.timeline(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view.mode(), TraceView::Mode::Flame);
    QCOMPARE(modeChanged.count(), 1);
    QVERIFY(view.flameChart()->isVisible());
    QVERIFY(!view.timeline()->isVisible());
    QVERIFY(view.flameChart()->hasFocus());
    QCOMPARE(view.flameChart()->timeScale().startNs(), traceNs / 4);
    QCOMPARE(view.flameChart()->timeScale().endNs(), traceNs / 2);
    QCOMPARE(view.ruler()->view(), view.flameChart());
    QCOMPARE(view.minimap()->view(), view.flameChart());
    // The ruler sits over the flame chart's bars.
    const auto [left, right] = view.ruler()->barsSpan();
    QCOMPARE(view.flameChart()->viewport()->mapTo(&view, view.flameChart()->barsRect().topLeft()).x(),
        view.ruler()->mapTo(&view, QPoint(left, 0)).x());
    QCOMPARE(right - left, view.flameChart()->barsRect().width());

    // Zoom in the flame chart, then back: the waterfall gets the window.
    view.zoomIn();
    const TimeScale flameScale = view.flameChart()->timeScale();
    QTest::keyClick(view.flameChart(), Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view.mode(), TraceView::Mode::Waterfall);
    QCOMPARE(view.timeline()->timeScale().startNs(), flameScale.startNs());
    QCOMPARE(view.timeline()->timeScale().endNs(), flameScale.endNs());
    QCOMPARE(view.ruler()->view(), view.timeline());
    QVERIFY(view.waterfallAction()->isChecked());
    QVERIFY(!view.flameChartAction()->isChecked());
}

void FlameChartViewTest::largeTraceRepaintCostsPixelsNotSpans()
{
    DemoTrace trace;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(trace.open(DemoOptions { 100000, 1 }));
    qInfo("100k-span trace generated, imported and indexed in %lld ms", timer.elapsed());
    TraceView view(trace.document.get());
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    timer.restart();
    view.setMode(TraceView::Mode::Flame);
    FlameChartView& flame = *view.flameChart();
    QImage frame(flame.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    flame.viewport()->render(&frame);
    qInfo("switch to the flame chart and first frame: %lld ms (rows built in %.1f ms)", timer.elapsed(),
        double(flame.layoutBuildNs()) / 1e6);

    std::vector<double> times;
    auto paint = [&] {
        QElapsedTimer paintTimer;
        paintTimer.start();
        flame.viewport()->render(&frame);
        times.push_back(double(paintTimer.nsecsElapsed()) / 1e6);
    };
    for (int i = 0; i < 10; ++i) {
        flame.zoomIn();
        paint();
    }
    for (int i = 0; i < 20; ++i) {
        TimeScale scale = flame.timeScale();
        flame.setTimeWindow(scale.startNs() + scale.windowNs() / 3, scale.endNs() + scale.windowNs() / 3);
        paint();
    }
    for (int i = 0; i < 10; ++i) {
        flame.zoomOut();
        paint();
    }
    flame.resetZoom();
    paint();
    const FlameChartView::PaintStatistics whole = flame.paintStatistics();
    std::sort(times.begin(), times.end());
    const double medianMs = times[times.size() / 2];
    qInfo("flame chart repaint over 100k spans: median %.2f ms, max %.2f ms; whole trace: %d blocks, %d merged "
          "holding %lld spans",
        medianMs, times.back(), whole.lastBlocks, whole.lastMergedBlocks, qlonglong(whole.lastMergedSpans));
    QVERIFY2(medianMs < 50, qPrintable(QString::number(medianMs)));
    // At full zoom-out nearly every span is inside a merged block, and there are far fewer blocks than
    // pixels times rows.
    QVERIFY(whole.lastMergedSpans > 90000);
    QVERIFY(whole.lastBlocks < flame.barsRect().width() * flame.layout().depthCount());
}

// With SKEIN_BIG_TRACE_CACHE naming a cache (e.g. of DemoOptions{1000000, 1}), times whole-trace frames
// of its biggest trace and, with SKEIN_SNAPSHOT_DIR, saves the trace view in both modes, light and
// dark, as PNGs to look at.
void FlameChartViewTest::snapshotsOfABigTrace()
{
    const QString cache = qEnvironmentVariable("SKEIN_BIG_TRACE_CACHE");
    if (cache.isEmpty())
        QSKIP("SKEIN_BIG_TRACE_CACHE is not set");
    const QString snapshots = qEnvironmentVariable("SKEIN_SNAPSHOT_DIR");
    QString error;
    std::unique_ptr<TraceStore> store = TraceStore::open(cache, &error);
    QVERIFY2(store, qPrintable(error));
    std::vector<TraceSummary> traces = store->findTraces({});
    QVERIFY(!traces.empty());
    const auto biggest = std::max_element(traces.begin(), traces.end(),
        [](const TraceSummary& a, const TraceSummary& b) { return a.spanCount < b.spanCount; });
    std::optional<TraceIndex> index = store->loadTraceIndex(biggest->traceId);
    QVERIFY(index);
    TraceDocument document(std::make_shared<const TraceIndex>(std::move(*index)), cache);
    for (const bool dark : { false, true }) {
        TraceView view(&document);
        if (dark) {
            QPalette palette;
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
            palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
            palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
            palette.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
            view.setPalette(palette);
        }
        view.resize(1600, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setMode(TraceView::Mode::Flame);
        FlameChartView& flame = *view.flameChart();
        QImage frame(flame.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        std::vector<double> times;
        for (int i = 0; i < 30; ++i) {
            QElapsedTimer timer;
            timer.start();
            flame.viewport()->render(&frame);
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(times.begin(), times.end());
        qInfo("%d spans, whole trace in the flame chart: median %.2f ms, max %.2f ms, %d blocks (%d merged)",
            document.index().size(), times[times.size() / 2], times.back(), flame.paintStatistics().lastBlocks,
            flame.paintStatistics().lastMergedBlocks);
        if (snapshots.isEmpty())
            continue;
        const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral(".png");
        view.grab().save(snapshots + QStringLiteral("/flame-full") + suffix);
        const int64_t traceNs = flame.timeScale().traceDurationNs();
        flame.setTimeWindow(traceNs / 3, traceNs / 3 + traceNs / 100);
        view.grab().save(snapshots + QStringLiteral("/flame-zoomed") + suffix);
        flame.setTimeWindow(traceNs / 3, traceNs / 3 + traceNs / 3000);
        view.grab().save(snapshots + QStringLiteral("/flame-zoomed-more") + suffix);
        view.setMode(TraceView::Mode::Waterfall);
        view.resetZoom();
        view.grab().save(snapshots + QStringLiteral("/waterfall-full") + suffix);
    }
}

QTEST_MAIN(FlameChartViewTest)
#include "tst_flamechartview.moc"
