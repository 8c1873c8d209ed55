// SPDX-License-Identifier: MIT
// Opens one big generated trace from the cache the way the window does and times what a user feels:
// building the in-memory index, the first painted frame, repaints while scrolling and zooming in the
// waterfall and in the flame chart, switching between them, expand/collapse, reading the details in
// the background and searching them. The floor is reading
// the same span rows with plain SQLite in the same run. Prints a markdown table (medians over --runs).
//
//   bench_open [--spans 100000] [--runs 3] [--db CACHE (measure its biggest trace; nothing is generated)]
//              [--snapshots DIR (saves the whole trace as waterfall and flame chart PNGs there)]
#include "demogenerator.h"
#include "fileimport.h"
#include "flamechartview.h"
#include "memoryrelease.h"
#include "timelineview.h"
#include "tracedocument.h"
#include "tracestore.h"
#include "traceview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace skein;

namespace {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile95(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(double(values.size()) * 0.95))];
}

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

long residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return 0;
}

// The floor: stepping through the trace's rows (the same columns, in table order) with plain SQLite,
// doing nothing with them.
double readRowsMs(const QString& databasePath, const TraceId& traceId)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return 0;
    QElapsedTimer timer;
    timer.start();
    unsigned char bytes[16];
    traceId.toBytes(bytes);
    sqlite3_stmt* bounds = nullptr;
    sqlite3_prepare_v2(db, "SELECT min(id), max(id) FROM spans WHERE trace_id = ?1", -1, &bounds, nullptr);
    sqlite3_bind_blob(bounds, 1, bytes, 16, SQLITE_STATIC);
    sqlite3_step(bounds);
    const int64_t first = sqlite3_column_int64(bounds, 0);
    const int64_t last = sqlite3_column_int64(bounds, 1);
    sqlite3_finalize(bounds);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
        "SELECT id, span_id, parent_span_id, side, service_id, operation_id, kind, status, start_ns, duration_ns "
        "FROM spans WHERE id BETWEEN ?1 AND ?2 AND +trace_id = ?3",
        -1, &statement, nullptr);
    sqlite3_bind_int64(statement, 1, first);
    sqlite3_bind_int64(statement, 2, last);
    sqlite3_bind_blob(statement, 3, bytes, 16, SQLITE_STATIC);
    int64_t sum = 0;
    while (sqlite3_step(statement) == SQLITE_ROW)
        sum += sqlite3_column_int64(statement, 8);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    const double ms = msSince(timer);
    return sum == 42 ? ms + 0 : ms; // keeps the loop from being optimised away
}

struct Run {
    double floorMs = 0;
    double indexMs = 0;
    double firstFrameMs = 0;
    double scrollMedianMs = 0;
    double scrollP95Ms = 0;
    double zoomMedianMs = 0;
    double flameSwitchMs = 0; // to the first painted frame of the flame chart, rows built
    double flameBuildMs = 0;
    double flamePanMedianMs = 0;
    double flamePanP95Ms = 0;
    double flameZoomMedianMs = 0;
    double flameZoomP95Ms = 0;
    double flameFullMs = 0; // the whole trace, every span merged or drawn
    double waterfallSwitchMs = 0;
    double subtreeCollapseMs = 0; // the root's subtree, the biggest there is
    double subtreeExpandMs = 0;
    double collapseMs = 0;
    double expandMs = 0;
    double contentMs = 0;
    double searchMs = 0;
    double bytesPerSpan = 0;
    long rssKb = 0;
};

Run measure(const QString& databasePath, const TraceId& traceId, const QString& snapshots)
{
    Run run;
    readRowsMs(databasePath, traceId); // the first read warms the page cache for both sides
    run.floorMs = readRowsMs(databasePath, traceId);
    const long rssBefore = residentKb();

    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, nullptr);
    std::optional<TraceIndex> index = store->loadTraceIndex(traceId);
    run.indexMs = msSince(timer);
    if (!index)
        return run;
    run.bytesPerSpan = double(index->memoryBytes()) / double(index->size());
    auto shared = std::make_shared<const TraceIndex>(std::move(*index));
    auto* document = new TraceDocument(shared, databasePath);
    auto* view = new TraceView(document);
    document->setParent(view);
    view->resize(1600, 1000);
    view->show();
    document->setCurrentSpan(0);
    view->grab(); // paints everything once, as the first frame on screen
    run.firstFrameMs = msSince(timer);
    run.rssKb = residentKb() - rssBefore;

    TimelineView* timeline = view->timeline();
    QScrollBar* rows = timeline->verticalScrollBar();
    // Rendering into an image runs the same paintEvent as the screen, without waiting for a compositor.
    QImage frame(timeline->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    auto paintFrame = [&] { timeline->viewport()->render(&frame); };
    std::vector<double> scroll;
    for (int step = 0; step < 60; ++step) {
        rows->setValue(rows->value() + rows->pageStep() * (step % 10 == 9 ? 40 : 1));
        QElapsedTimer paint;
        paint.start();
        paintFrame();
        scroll.push_back(msSince(paint));
    }
    run.scrollMedianMs = median(scroll);
    run.scrollP95Ms = percentile95(scroll);

    std::vector<double> zoom;
    for (int step = 0; step < 20; ++step) {
        if (step < 10)
            view->zoomIn();
        else
            view->zoomOut();
        QElapsedTimer paint;
        paint.start();
        paintFrame();
        zoom.push_back(msSince(paint));
    }
    run.zoomMedianMs = median(zoom);

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
    QElapsedTimer search;
    search.start();
    document->setSearchText(QStringLiteral("status_code=500"));
    run.searchMs = msSince(search);

    delete view;
    return run;
}

// In a process of its own: the memory an open trace costs above an app that has already painted a
// window (so Qt's fonts, styles and caches are loaded). Prints "rss-growth-kb N".
int measureMemoryInThisProcess(const QString& databasePath, const TraceId& traceId)
{
    QWidget warmUp;
    warmUp.resize(1600, 1000);
    warmUp.show();
    warmUp.grab();
    const long before = residentKb();
    std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, nullptr);
    std::optional<TraceIndex> index = store ? store->loadTraceIndex(traceId) : std::nullopt;
    store.reset(); // as the window does: its loader's connection (and SQLite's page cache) goes away
    releaseFreedMemory();
    if (!index)
        return 1;
    auto* document = new TraceDocument(std::make_shared<const TraceIndex>(std::move(*index)), databasePath);
    auto* view = new TraceView(document);
    document->setParent(view);
    view->resize(1600, 1000);
    view->show();
    document->setCurrentSpan(0);
    view->grab();
    std::printf("rss-growth-kb %ld\n", residentKb() - before);
    delete view;
    return 0;
}

double memoryGrowthKb(const QString& self, const QString& databasePath, const TraceId& traceId)
{
    QProcess child;
    child.start(self, { QStringLiteral("--memory-phase"), databasePath, QString::fromStdString(traceId.toHex()) });
    child.waitForFinished(-1);
    const QString output = QString::fromLocal8Bit(child.readAllStandardOutput());
    for (const QString& line : output.split(QLatin1Char('\n')))
        if (line.startsWith(u"rss-growth-kb "))
            return line.mid(14).toDouble();
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc == 4 && QByteArray(argv[1]) == "--memory-phase") {
        const std::optional<TraceId> id = TraceId::fromHex(argv[3]);
        return id ? measureMemoryInThisProcess(QString::fromLocal8Bit(argv[2]), *id) : 2;
    }
    uint64_t spans = 100000;
    int runs = 3;
    QString snapshots;
    QString reuseDatabase; // --db: measure the biggest trace of an existing cache instead of generating one
    const QStringList arguments = app.arguments();
    for (qsizetype i = 1; i + 1 < arguments.size(); ++i) {
        if (arguments[i] == u"--spans")
            spans = arguments[++i].toULongLong();
        else if (arguments[i] == u"--runs")
            runs = std::max(1, arguments[++i].toInt());
        else if (arguments[i] == u"--db")
            reuseDatabase = arguments[++i];
        else if (arguments[i] == u"--snapshots")
            snapshots = arguments[++i];
    }

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("trace.pb"));
    const QString databasePath = reuseDatabase.isEmpty() ? dir.filePath(QStringLiteral("cache.sqlite")) : reuseDatabase;
    QString error;
    TraceId traceId;
    if (!reuseDatabase.isEmpty()) {
        std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, &error);
        std::vector<TraceSummary> traces = store ? store->findTraces({}) : std::vector<TraceSummary> {};
        if (traces.empty()) {
            std::fprintf(stderr, "bench_open: %s holds no trace %s\n", qPrintable(databasePath), qPrintable(error));
            return 1;
        }
        auto biggest = std::max_element(traces.begin(), traces.end(),
            [](const TraceSummary& a, const TraceSummary& b) { return a.spanCount < b.spanCount; });
        traceId = biggest->traceId;
        spans = uint64_t(biggest->spanCount);
    }
    DemoOptions options;
    options.spans = spans;
    options.traces = 1;
    if (reuseDatabase.isEmpty() && !writeDemoFile(options, DemoFormat::OtlpProto, file, &error)) {
        std::fprintf(stderr, "bench_open: %s\n", qPrintable(error));
        return 1;
    }
    if (reuseDatabase.isEmpty()) {
        std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, &error);
        const ImportOutcome outcome = importFile(*store, file);
        if (outcome.report.rejected || outcome.traceIds.empty()) {
            std::fprintf(stderr, "bench_open: import failed: %s\n", outcome.report.error.message.c_str());
            return 1;
        }
        traceId = outcome.traceIds.front();
    }

    std::vector<Run> results;
    for (int i = 0; i < runs; ++i)
        results.push_back(measure(databasePath, traceId, i == 0 ? snapshots : QString()));
    auto med = [&](double Run::*field) {
        std::vector<double> values;
        for (const Run& run : results)
            values.push_back(run.*field);
        return median(values);
    };
    std::vector<double> rss;
    for (int i = 0; i < runs; ++i)
        rss.push_back(memoryGrowthKb(app.applicationFilePath(), databasePath, traceId));

    const double floor = med(&Run::floorMs);
    std::printf("Opening one trace of %llu spans from the cache, offscreen, 1600x1000 px (median of %d runs)\n\n",
        static_cast<unsigned long long>(spans), runs);
    std::printf("| measure | value | vs floor |\n|---|---:|---:|\n");
    std::printf("| floor: read the span rows with SQLite | %.0f ms | 1.0× |\n", floor);
    std::printf("| build the trace index | %.0f ms | %.1f× |\n", med(&Run::indexMs), med(&Run::indexMs) / floor);
    std::printf("| open to first painted frame | %.0f ms | %.1f× |\n", med(&Run::firstFrameMs),
        med(&Run::firstFrameMs) / floor);
    std::printf("| repaint while scrolling, median / p95 | %.2f / %.2f ms | |\n", med(&Run::scrollMedianMs),
        med(&Run::scrollP95Ms));
    std::printf("| repaint while zooming, median | %.2f ms | |\n", med(&Run::zoomMedianMs));
    std::printf("| waterfall → flame chart, rows built and first frame | %.0f ms | |\n", med(&Run::flameSwitchMs));
    std::printf("| … of which building the flame chart's rows | %.0f ms | |\n", med(&Run::flameBuildMs));
    std::printf("| flame chart, whole trace repaint | %.2f ms | |\n", med(&Run::flameFullMs));
    std::printf("| flame chart repaint while scrolling, median / p95 | %.2f / %.2f ms | |\n",
        med(&Run::flamePanMedianMs), med(&Run::flamePanP95Ms));
    std::printf("| flame chart repaint while zooming, median / p95 | %.2f / %.2f ms | |\n",
        med(&Run::flameZoomMedianMs), med(&Run::flameZoomP95Ms));
    std::printf("| flame chart → waterfall, first frame | %.0f ms | |\n", med(&Run::waterfallSwitchMs));
    std::printf("| collapse / expand the root's subtree | %.0f / %.0f ms | |\n", med(&Run::subtreeCollapseMs),
        med(&Run::subtreeExpandMs));
    std::printf("| collapse all / expand all | %.0f / %.0f ms | |\n", med(&Run::collapseMs), med(&Run::expandMs));
    std::printf("| read every span's details (background) | %.0f ms | %.1f× |\n", med(&Run::contentMs),
        med(&Run::contentMs) / floor);
    std::printf("| search in the trace | %.0f ms | |\n", med(&Run::searchMs));
    std::printf("| index bytes per span | %.0f B | |\n", med(&Run::bytesPerSpan));
    std::printf("| memory of the open trace (RSS growth in a fresh process) | %.0f MB, %.0f B/span | |\n",
        median(rss) / 1024.0, median(rss) * 1024.0 / double(spans));
    return 0;
}
