// SPDX-License-Identifier: MIT
#include "openphases.h"

#include "benchstats.h"
#include "childprocess.h"
#include "flamechartview.h"
#include "memoryrelease.h"
#include "selftimepanel.h"
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
    index.reset();
    store.reset();

    // As the window opens a trace: its index and every span's details in one pass, then the first frame.
    timer.restart();
    store = TraceStore::open(trace.databasePath, nullptr);
    auto loaded = store ? TraceContent::loadWithIndex(*store, trace.traceId, nullptr, TraceContent::LoadOptions())
                        : std::nullopt;
    store.reset();
    run.indexAndDetailsMs = msSince(timer);
    if (!loaded)
        return run;
    auto* document = new TraceDocument(
        std::make_shared<const TraceIndex>(std::move(loaded->first)), trace.databasePath, std::move(loaded->second));
    loaded.reset();
    auto* view = new TraceView(document);
    document->setParent(view);
    view->resize(1600, 1000);
    view->show();
    document->loadContent(); // announces the details read with the index
    document->setCurrentSpan(0);
    view->grab(); // paints everything once, as the first frame on screen
    run.firstFrameMs = msSince(timer);
    // Until every match is known: a name matches in the index at once; an attribute value of a trace too big
    // to keep its search text in memory is searched in its text file in the background.
    auto timeSearch = [&](TraceDocument& searched, const QString& text) {
        QElapsedTimer search;
        search.start();
        searched.setSearchText(text);
        while (searched.isSearchingDetails()) {
            QSignalSpy changed(&searched, &TraceDocument::searchResultsChanged);
            changed.wait(100);
        }
        return msSince(search);
    };
    // Typed the moment the trace shows.
    run.searchRightAfterOpenMs = timeSearch(*document, QStringLiteral("status_code=500"));
    document->setSearchText(QString());

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
        view->setSelfTimeShown(true);
        if (!view->selfTimePanel()->isReady())
            QSignalSpy(view->selfTimePanel(), &SelfTimePanel::ready).wait(60000);
        view->grab().save(snapshots + QStringLiteral("/waterfall-selftime.png"));
        view->setSelfTimeShown(false);
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

    run.searchMs = timeSearch(*document, document->index().operationName(document->index().size() - 1));
    run.searchDetailsMs = timeSearch(*document, QStringLiteral("status_code=500"));

    // A document made from the index alone reads the details afterwards, in the background.
    {
        TraceDocument indexOnly(document->sharedIndex(), trace.databasePath);
        QElapsedTimer content;
        content.start();
        QSignalSpy loaded(&indexOnly, &TraceDocument::contentLoaded);
        indexOnly.loadContent();
        loaded.wait(120000);
        run.contentMs = msSince(content);
    }
    // The same search in such a document, typed before its details are read.
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

// RSS growth in KB of an open trace, loaded in a child process the way phase says; -1 when unknown.
double memoryGrowthKb(const QString& self, const OpenTrace& trace, MemoryPhase phase)
{
    const ChildResult child = runChild(self,
        { QString::fromLatin1(memoryPhaseArgument), trace.databasePath, QString::fromStdString(trace.traceId.toHex()),
            phase == MemoryPhase::IndexAlone ? QStringLiteral("index") : QStringLiteral("window") });
    for (const QByteArray& line : child.output.split('\n')) {
        if (child.ok && line.startsWith("rss-growth-kb "))
            return line.mid(14).toDouble();
    }
    return -1;
}

} // namespace

OpenResult benchmarkOpen(const QString& self, const OpenTrace& trace, int runs, const QString& snapshots)
{
    std::vector<OpenResult> results;
    for (int i = 0; i < runs; ++i)
        results.push_back(measureOnce(trace, i == 0 ? snapshots : QString()));
    OpenResult result;
    result.spans = trace.spans;
    for (double OpenResult::*field : { &OpenResult::floorMs, &OpenResult::indexMs, &OpenResult::firstFrameMs,
             &OpenResult::scrollMedianMs, &OpenResult::scrollP95Ms, &OpenResult::zoomMedianMs, &OpenResult::zoomP95Ms,
             &OpenResult::flameSwitchMs, &OpenResult::flameBuildMs, &OpenResult::flameFullMs,
             &OpenResult::flamePanMedianMs, &OpenResult::flamePanP95Ms, &OpenResult::flameZoomMedianMs,
             &OpenResult::flameZoomP95Ms, &OpenResult::waterfallSwitchMs, &OpenResult::subtreeCollapseMs,
             &OpenResult::subtreeExpandMs, &OpenResult::collapseMs, &OpenResult::expandMs, &OpenResult::contentMs,
             &OpenResult::searchMs, &OpenResult::searchDetailsMs, &OpenResult::searchWhileLoadingMs,
             &OpenResult::indexBytesPerSpan, &OpenResult::indexAndDetailsMs, &OpenResult::searchRightAfterOpenMs }) {
        std::vector<double> values;
        for (const OpenResult& run : results)
            values.push_back(run.*field);
        result.*field = median(values);
    }
    std::vector<double> rss;
    std::vector<double> rssBeforeDetails;
    for (int i = 0; i < runs; ++i) {
        rss.push_back(memoryGrowthKb(self, trace, MemoryPhase::AsTheWindowOpensIt));
        rssBeforeDetails.push_back(memoryGrowthKb(self, trace, MemoryPhase::IndexAlone));
    }
    result.rssGrowthKb = median(rss);
    result.rssBeforeDetailsKb = median(rssBeforeDetails);
    return result;
}

// The memory an open trace costs above an app that has already painted its window (so Qt's fonts,
// styles, caches and the window's backing store are there), as a user sees it: the trace loaded as phase
// says, in a trace view inside that window.
int runMemoryPhase(const QString& databasePath, const QString& traceIdHex, MemoryPhase phase)
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
    if (!store)
        return 1;
    std::shared_ptr<const TraceIndex> index;
    std::optional<TraceContent> content;
    if (phase == MemoryPhase::IndexAlone) {
        if (std::optional<TraceIndex> alone = store->loadTraceIndex(*traceId))
            index = std::make_shared<const TraceIndex>(std::move(*alone));
    } else if (auto loaded = TraceContent::loadWithIndex(*store, *traceId, nullptr, TraceContent::LoadOptions())) {
        index = std::make_shared<const TraceIndex>(std::move(loaded->first));
        content = std::move(loaded->second);
    }
    store.reset(); // as the window does: its loader's connection (and SQLite's page cache) goes away
    releaseFreedMemory();
    if (!index)
        return 1;
    auto* document = content ? new TraceDocument(index, databasePath, std::move(*content))
                             : new TraceDocument(index, databasePath);
    content.reset();
    auto* view = new TraceView(document);
    document->setParent(view);
    layout->addWidget(view);
    QSignalSpy loaded(document, &TraceDocument::contentLoaded);
    if (phase == MemoryPhase::AsTheWindowOpensIt) {
        document->loadContent();
        if (!loaded.wait(120000))
            return 1;
    }
    document->setCurrentSpan(0);
    window.grab();
    releaseFreedMemory(); // as the window does once the trace is loaded
    std::printf("rss-growth-kb %ld\n", residentKb() - before);
    return 0;
}

} // namespace skein::bench
