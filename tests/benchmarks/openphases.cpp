// SPDX-License-Identifier: MIT
#include "openphases.h"

#include "benchstats.h"
#include "childprocess.h"
#include "flamechartview.h"
#include "memoryrelease.h"
#include "timelineview.h"
#include "tracedocument.h"
#include "tracestore.h"
#include "traceview.h"

#include <QElapsedTimer>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>
#include <QWidget>

#include <cstdio>
#include <vector>

namespace skein::bench {

namespace {

OpenResult measureOnce(const OpenTrace& trace, const QString& snapshots)
{
    OpenResult run;
    run.spans = trace.spans;
    readRowsMs(trace); // the first read warms the page cache for both sides
    run.floorMs = readRowsMs(trace);

    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<TraceStore> store = TraceStore::open(trace.databasePath, nullptr);
    std::optional<TraceIndex> index = store ? store->loadTraceIndex(trace.traceId) : std::nullopt;
    run.indexMs = msSince(timer);
    if (!index)
        return run;
    run.indexBytesPerSpan = double(index->memoryBytes()) / double(index->size());
    auto* document = new TraceDocument(std::make_shared<const TraceIndex>(std::move(*index)), trace.databasePath);
    auto* view = new TraceView(document);
    document->setParent(view);
    view->resize(1600, 1000);
    view->show();
    document->setCurrentSpan(0);
    view->grab(); // paints everything once, as the first frame on screen
    run.firstFrameMs = msSince(timer);

    TimelineView* timeline = view->timeline();
    QScrollBar* rows = timeline->verticalScrollBar();
    // Rendering into an image runs the same paintEvent as the screen, without waiting for a compositor.
    QImage frame(timeline->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    auto paintFrame = [&] {
        QElapsedTimer paint;
        paint.start();
        timeline->viewport()->render(&frame);
        return msSince(paint);
    };
    std::vector<double> scroll;
    for (int step = 0; step < 60; ++step) {
        rows->setValue(rows->value() + rows->pageStep() * (step % 10 == 9 ? 40 : 1));
        scroll.push_back(paintFrame());
    }
    run.scrollMedianMs = median(scroll);
    run.scrollP95Ms = percentile95(scroll);

    std::vector<double> zoom;
    for (int step = 0; step < 20; ++step) {
        if (step < 10)
            view->zoomIn();
        else
            view->zoomOut();
        zoom.push_back(paintFrame());
    }
    run.zoomMedianMs = median(zoom);
    run.zoomP95Ms = percentile95(zoom);

    // The flame chart: the switch builds its rows and paints the first frame.
    view->resetZoom();
    FlameChartView* flame = view->flameChart();
    QElapsedTimer flameTimer;
    flameTimer.start();
    view->setMode(TraceView::Mode::Flame);
    QImage flameFrame(flame->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    flame->viewport()->render(&flameFrame);
    run.flameSwitchMs = msSince(flameTimer);
    run.flameBuildMs = double(flame->layoutBuildNs()) / 1e6;
    auto paintFlame = [&] {
        QElapsedTimer paint;
        paint.start();
        flame->viewport()->render(&flameFrame);
        return msSince(paint);
    };
    // Rows are cached per time window: a zoom there and back makes the whole-trace frame paint afresh.
    flame->zoomIn();
    paintFlame();
    flame->resetZoom();
    run.flameFullMs = paintFlame();
    const int64_t traceNs = flame->timeScale().traceDurationNs();
    if (!snapshots.isEmpty()) {
        view->grab().save(snapshots + QStringLiteral("/flame-full.png"));
        flame->setTimeWindow(traceNs / 3, traceNs / 3 + traceNs / 200);
        view->grab().save(snapshots + QStringLiteral("/flame-zoomed.png"));
        flame->resetZoom();
        view->setMode(TraceView::Mode::Waterfall);
        timeline->verticalScrollBar()->setValue(0);
        view->grab().save(snapshots + QStringLiteral("/waterfall-full.png"));
        view->setMode(TraceView::Mode::Flame);
    }
    std::vector<double> flameZoom;
    for (int step = 0; step < 30; ++step) {
        if (step < 15)
            flame->zoomIn();
        else
            flame->zoomOut();
        flameZoom.push_back(paintFlame());
    }
    run.flameZoomMedianMs = median(flameZoom);
    run.flameZoomP95Ms = percentile95(flameZoom);
    // Scrolling: across the trace at a sixteenth of it, and up and down the rows.
    std::vector<double> flamePan;
    for (int step = 0; step < 60; ++step) {
        flame->setTimeWindow(traceNs * step / 64, traceNs * step / 64 + traceNs / 16);
        flame->verticalScrollBar()->setValue(flame->verticalScrollBar()->maximum() * (step % 4) / 3);
        flamePan.push_back(paintFlame());
    }
    run.flamePanMedianMs = median(flamePan);
    run.flamePanP95Ms = percentile95(flamePan);
    QElapsedTimer back;
    back.start();
    view->setMode(TraceView::Mode::Waterfall);
    paintFrame();
    run.waterfallSwitchMs = msSince(back);

    QElapsedTimer tree;
    tree.start();
    timeline->setCollapsed(0, true);
    run.subtreeCollapseMs = msSince(tree);
    tree.restart();
    timeline->setCollapsed(0, false);
    run.subtreeExpandMs = msSince(tree);
    tree.restart();
    view->collapseAll();
    run.collapseMs = msSince(tree);
    tree.restart();
    view->expandAll();
    run.expandMs = msSince(tree);

    QElapsedTimer content;
    content.start();
    QSignalSpy loaded(document, &TraceDocument::contentLoaded);
    document->loadContent();
    loaded.wait(120000);
    run.contentMs = msSince(content);
    // Until every match is known: a name matches in the index at once; an attribute value of a trace too big
    // to keep its search text is scanned in the cache in the background.
    auto timeSearch = [&](const QString& text) {
        QElapsedTimer search;
        search.start();
        document->setSearchText(text);
        while (document->isSearchingDetails()) {
            QSignalSpy changed(document, &TraceDocument::searchResultsChanged);
            changed.wait(100);
        }
        return msSince(search);
    };
    run.searchMs = timeSearch(document->index().operationName(document->index().size() - 1));
    run.searchDetailsMs = timeSearch(QStringLiteral("status_code=500"));

    // The same search in a trace just opened, typed before its details are read.
    {
        TraceDocument opened(document->sharedIndex(), trace.databasePath);
        QElapsedTimer search;
        search.start();
        QSignalSpy openedLoaded(&opened, &TraceDocument::contentLoaded);
        opened.loadContent();
        opened.setSearchText(QStringLiteral("status_code=500"));
        // A small trace's details match once they are read; a big one's as they are read.
        while ((opened.isSearchingDetails() || openedLoaded.isEmpty()) && search.elapsed() < 120000) {
            QSignalSpy changed(&opened, &TraceDocument::searchResultsChanged);
            changed.wait(20);
        }
        run.searchWhileLoadingMs = msSince(search);
    }

    delete view;
    return run;
}

// RSS growth in KB with the details loaded, and before they were.
std::pair<double, double> memoryGrowthKb(const QString& self, const OpenTrace& trace)
{
    const ChildResult child = runChild(self,
        { QString::fromLatin1(memoryPhaseArgument), trace.databasePath,
            QString::fromStdString(trace.traceId.toHex()) });
    std::pair<double, double> growth { -1, -1 };
    for (const QByteArray& line : child.output.split('\n')) {
        if (child.ok && line.startsWith("rss-growth-kb "))
            growth.first = line.mid(14).toDouble();
        else if (child.ok && line.startsWith("rss-growth-before-details-kb "))
            growth.second = line.mid(29).toDouble();
    }
    return growth;
}

} // namespace

OpenResult benchmarkOpen(const QString& self, const OpenTrace& trace, int runs, const QString& snapshots)
{
    std::vector<OpenResult> results;
    for (int i = 0; i < runs; ++i)
        results.push_back(measureOnce(trace, i == 0 ? snapshots : QString()));
    OpenResult result;
    result.spans = trace.spans;
    for (double OpenResult::*field :
        { &OpenResult::floorMs, &OpenResult::indexMs, &OpenResult::firstFrameMs, &OpenResult::scrollMedianMs,
            &OpenResult::scrollP95Ms, &OpenResult::zoomMedianMs, &OpenResult::zoomP95Ms, &OpenResult::flameSwitchMs,
            &OpenResult::flameBuildMs, &OpenResult::flameFullMs, &OpenResult::flamePanMedianMs,
            &OpenResult::flamePanP95Ms, &OpenResult::flameZoomMedianMs, &OpenResult::flameZoomP95Ms,
            &OpenResult::waterfallSwitchMs, &OpenResult::subtreeCollapseMs, &OpenResult::subtreeExpandMs,
            &OpenResult::collapseMs, &OpenResult::expandMs, &OpenResult::contentMs, &OpenResult::searchMs,
            &OpenResult::searchDetailsMs, &OpenResult::searchWhileLoadingMs, &OpenResult::indexBytesPerSpan }) {
        std::vector<double> values;
        for (const OpenResult& run : results)
            values.push_back(run.*field);
        result.*field = median(values);
    }
    std::vector<double> rss;
    std::vector<double> rssBeforeDetails;
    for (int i = 0; i < runs; ++i) {
        const auto [withDetails, beforeDetails] = memoryGrowthKb(self, trace);
        rss.push_back(withDetails);
        rssBeforeDetails.push_back(beforeDetails);
    }
    result.rssGrowthKb = median(rss);
    result.rssBeforeDetailsKb = median(rssBeforeDetails);
    return result;
}

// The memory an open trace costs above an app that has already painted its window (so Qt's fonts,
// styles, caches and the window's backing store are there), as a user sees it: the index loaded the
// way the window loads it, the trace view inside that window, and the details read in the background.
int runMemoryPhase(const QString& databasePath, const QString& traceIdHex)
{
    const std::optional<TraceId> traceId = TraceId::fromHex(traceIdHex.toStdString());
    if (!traceId)
        return 2;
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    window.resize(1600, 1000);
    window.show();
    window.grab();
    // The first turns of the event loop allocate about 6 MB whatever is open (part of the empty app,
    // which has long been running when a user opens a trace).
    QTest::qWait(1000);
    releaseFreedMemory();
    const long before = residentKb();
    std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, nullptr);
    std::optional<TraceIndex> index = store ? store->loadTraceIndex(*traceId) : std::nullopt;
    store.reset(); // as the window does: its loader's connection (and SQLite's page cache) goes away
    releaseFreedMemory();
    if (!index)
        return 1;
    auto* document = new TraceDocument(std::make_shared<const TraceIndex>(std::move(*index)), databasePath);
    auto* view = new TraceView(document);
    document->setParent(view);
    layout->addWidget(view);
    QSignalSpy loaded(document, &TraceDocument::contentLoaded);
    document->setCurrentSpan(0);
    window.grab();
    releaseFreedMemory();
    const long withView = residentKb();
    document->loadContent();
    if (!loaded.wait(120000))
        return 1;
    window.grab();
    releaseFreedMemory(); // as TraceDocument does once the details are in
    std::printf("rss-growth-kb %ld\nrss-growth-before-details-kb %ld\n", residentKb() - before, withView - before);
    return 0;
}

} // namespace skein::bench
