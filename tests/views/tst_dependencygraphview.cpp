// SPDX-License-Identifier: MIT
// The dependency graph view on a real scene, rendered offscreen: hovering, focus, clicks, export, and
// the panel computing a graph from a real cache.
#include "demogenerator.h"
#include "dependencygraphview.h"
#include "dependencypanel.h"
#include "fileimport.h"
#include "jaegerquery.h"
#include "threadcputime.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPixmap>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace skein;
using skein::test::threadCpuMs;

namespace {

DependencyEdge edge(const char* parent, const char* child, int64_t calls, int64_t errors = 0,
    DependencySource source = DependencySource::Spans)
{
    DependencyEdge result;
    result.parent = QString::fromLatin1(parent);
    result.child = QString::fromLatin1(child);
    result.callCount = calls;
    result.errorCount = errors;
    result.p50Ns = 2000000;
    result.p99Ns = 9000000;
    result.source = source;
    return result;
}

DependencyService service(const char* name, int64_t spans, int64_t errors)
{
    return { QString::fromLatin1(name), spans, errors };
}

// frontend -> api -> {db, cache}; frontend -> auth -> db; batch -> queue on its own.
DependencyGraph shopGraph()
{
    DependencyGraph graph;
    graph.services = { service("api", 900, 30), service("auth", 300, 0), service("batch", 40, 0),
        service("cache", 700, 0), service("db", 1200, 120), service("frontend", 500, 5), service("queue", 0, 0) };
    graph.edges = { edge("api", "cache", 700), edge("api", "db", 800, 100), edge("auth", "db", 400, 20),
        edge("batch", "queue", 40, 0, DependencySource::Endpoint), edge("frontend", "api", 450, 12),
        edge("frontend", "auth", 300) };
    return graph;
}

bool showGraph(DependencyGraphView& view, DependencyGraph graph)
{
    QSignalSpy finished(&view, &DependencyGraphView::layoutFinished);
    view.setGraph(std::move(graph));
    return finished.wait(20000);
}

QString screenshotDir()
{
    return qEnvironmentVariable("SKEIN_SCREENSHOT_DIR");
}

} // namespace

class TestDependencyGraphView : public QObject {
    Q_OBJECT

private slots:
    void drawsEveryServiceAndEdge();
    void hoverHighlightsNeighbours();
    void focusShowsCallersAndCalleesWithinHops();
    void clickingSearchesTraces();
    void zoomKeysAndFit();
    void exportsSvgAndPng();
    void panelComputesGraphOfDemoCache();
    void largeCorpusGraphStaysResponsive();
};

void TestDependencyGraphView::drawsEveryServiceAndEdge()
{
    DependencyGraphView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(showGraph(view, shopGraph()));
    QCOMPARE(view.visibleServices().size(), 7);
    QCOMPARE(view.visibleEdgeCount(), 6);
    QCOMPARE(view.layoutEngine(), QStringLiteral("dot"));
    // Layered left to right: callers left of callees.
    QVERIFY(view.servicePosition(QStringLiteral("frontend"))->x() < view.servicePosition(QStringLiteral("api"))->x());
    QVERIFY(view.servicePosition(QStringLiteral("api"))->x() < view.servicePosition(QStringLiteral("db"))->x());
    if (!screenshotDir().isEmpty())
        view.grab().save(screenshotDir() + QStringLiteral("/deps-view-small.png"));
}

void TestDependencyGraphView::hoverHighlightsNeighbours()
{
    DependencyGraphView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(showGraph(view, shopGraph()));
    QVERIFY(!view.isServiceDimmed(QStringLiteral("batch")));

    const QPoint onApi = view.mapFromScene(*view.servicePosition(QStringLiteral("api")));
    QTest::mouseMove(view.viewport(), onApi);
    QTRY_COMPARE(view.highlightedService(), QStringLiteral("api"));
    QVERIFY(!view.isServiceDimmed(QStringLiteral("api")));
    QVERIFY(!view.isServiceDimmed(QStringLiteral("frontend"))); // caller
    QVERIFY(!view.isServiceDimmed(QStringLiteral("db"))); // callee
    QVERIFY(!view.isServiceDimmed(QStringLiteral("cache")));
    QVERIFY(view.isServiceDimmed(QStringLiteral("auth")));
    QVERIFY(view.isServiceDimmed(QStringLiteral("batch")));
    QVERIFY(!view.isEdgeDimmed(QStringLiteral("frontend"), QStringLiteral("api")));
    QVERIFY(view.isEdgeDimmed(QStringLiteral("auth"), QStringLiteral("db")));

    // Leaving the node clears the highlight.
    const QRectF scene = view.sceneRect();
    QTest::mouseMove(view.viewport(), view.mapFromScene(scene.topLeft() + QPointF(3, 3)));
    QTRY_COMPARE(view.highlightedService(), QString());
    QVERIFY(!view.isServiceDimmed(QStringLiteral("batch")));
}

void TestDependencyGraphView::focusShowsCallersAndCalleesWithinHops()
{
    DependencyGraphView view;
    view.resize(900, 500);
    QVERIFY(showGraph(view, shopGraph()));
    QSignalSpy finished(&view, &DependencyGraphView::layoutFinished);

    view.setFocusService(QStringLiteral("db"), 1);
    QVERIFY(finished.wait(20000));
    QCOMPARE(
        view.visibleServices(), QStringList({ QStringLiteral("api"), QStringLiteral("auth"), QStringLiteral("db") }));
    QCOMPARE(view.visibleEdgeCount(), 2);

    view.setFocusService(QStringLiteral("db"), 2);
    QVERIFY(finished.wait(20000));
    QCOMPARE(view.visibleServices(),
        QStringList(
            { QStringLiteral("api"), QStringLiteral("auth"), QStringLiteral("db"), QStringLiteral("frontend") }));

    // Downstream only follows calls: api's callees and its caller, not the caller's other callee.
    view.setFocusService(QStringLiteral("api"), 1);
    QVERIFY(finished.wait(20000));
    QCOMPARE(view.visibleServices(),
        QStringList(
            { QStringLiteral("api"), QStringLiteral("cache"), QStringLiteral("db"), QStringLiteral("frontend") }));

    view.setFocusService(QString(), 1);
    QVERIFY(finished.wait(20000));
    QCOMPARE(view.visibleServices().size(), 7);
}

void TestDependencyGraphView::clickingSearchesTraces()
{
    DependencyGraphView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(showGraph(view, shopGraph()));
    QSignalSpy search(&view, &DependencyGraphView::searchRequested);

    QTest::mouseClick(
        view.viewport(), Qt::LeftButton, {}, view.mapFromScene(*view.servicePosition(QStringLiteral("auth"))));
    QCOMPARE(search.size(), 1);
    QCOMPARE(search.last().first().value<TraceFilter>().service, QStringLiteral("auth"));

    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
        view.mapFromScene(*view.edgePosition(QStringLiteral("frontend"), QStringLiteral("api"))));
    QCOMPARE(search.size(), 2);
    QCOMPARE(search.last().first().value<TraceFilter>().service, QStringLiteral("api"));

    // A click on empty space searches nothing.
    QTest::mouseClick(
        view.viewport(), Qt::LeftButton, {}, view.mapFromScene(view.sceneRect().topLeft() + QPointF(2, 2)));
    QCOMPARE(search.size(), 2);
}

void TestDependencyGraphView::zoomKeysAndFit()
{
    DependencyGraphView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(showGraph(view, shopGraph()));
    const qreal fitted = view.zoom();
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.zoom() > fitted * 1.2);
    QTest::keyClick(&view, Qt::Key_Minus);
    QTest::keyClick(&view, Qt::Key_Minus);
    QVERIFY(view.zoom() < fitted);
    QTest::keyClick(&view, Qt::Key_F);
    QCOMPARE(view.zoom(), fitted);
}

void TestDependencyGraphView::exportsSvgAndPng()
{
    QTemporaryDir dir;
    DependencyGraphView view;
    QVERIFY(showGraph(view, shopGraph()));
    const QString svg = dir.filePath(QStringLiteral("graph.svg"));
    const QString png = dir.filePath(QStringLiteral("graph.png"));
    QVERIFY(view.exportSvg(svg));
    QVERIFY(view.exportPng(png));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray content = svgFile.readAll();
    QVERIFY(content.contains("<svg"));
    QVERIFY(content.contains("frontend"));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= int(view.sceneRect().width()));
    // Something besides the background was drawn.
    const QRgb background = image.pixel(0, 0);
    int drawn = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            drawn += image.pixel(x, y) != background ? 1 : 0;
    QVERIFY(drawn > 100);
}

void TestDependencyGraphView::panelComputesGraphOfDemoCache()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    {
        auto store = TraceStore::open(path, &error);
        QVERIFY(store);
        const QString demo = dir.filePath(QStringLiteral("demo.json"));
        QVERIFY(writeDemoFile(DemoOptions { 20000, 0, 1 }, DemoFormat::Jaeger, demo, &error));
        QVERIFY(!importFile(*store, demo).report.rejected);
    }
    DependencyPanel panel(path);
    panel.resize(1280, 800);
    QSignalSpy shown(&panel, &DependencyPanel::graphShown);
    panel.show();
    QVERIFY(shown.wait(30000));
    const int services = int(panel.view()->graph().services.size());
    QVERIFY2(services >= 10, qPrintable(panel.statusText()));
    QVERIFY(panel.statusText().contains(QStringLiteral("%1 services").arg(services)));
    if (!screenshotDir().isEmpty()) {
        panel.grab().save(screenshotDir() + QStringLiteral("/deps-panel-demo.png"));
        panel.view()->exportPng(screenshotDir() + QStringLiteral("/deps-demo.png"), 1.5);
    }

    // A click asks the search for the traces of the service, within the scope's window.
    QSignalSpy search(&panel, &DependencyPanel::searchRequested);
    panel.setScope(DependencyPanel::Scope::LastHour);
    QVERIFY(shown.wait(30000));
    const QString first = panel.view()->visibleServices().value(0);
    QVERIFY(!first.isEmpty());
    panel.view()->fitToView();
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {},
        panel.view()->mapFromScene(*panel.view()->servicePosition(first)));
    QCOMPARE(search.size(), 1);
    const auto filter = search.first().first().value<TraceFilter>();
    QCOMPARE(filter.service, first);
    QVERIFY(filter.startFromNs && filter.startToNs);
    QCOMPARE(*filter.startToNs - *filter.startFromNs, int64_t(3600) * 1000000000);

    // Without a trace, the trace scope is empty; with one, it shows that trace's calls only.
    panel.setScope(DependencyPanel::Scope::CurrentTrace);
    QVERIFY(shown.wait(30000));
    QCOMPARE(panel.view()->graph().services.size(), size_t(0));
    std::optional<TraceId> trace;
    {
        auto store = TraceStore::open(path, &error);
        trace = store->findTraces({}).front().traceId;
    }
    panel.setTraceScope(trace);
    QVERIFY(shown.wait(30000));
    QVERIFY(panel.view()->graph().services.size() >= 2);
    QVERIFY(int(panel.view()->graph().services.size()) <= services);
}

void TestDependencyGraphView::largeCorpusGraphStaysResponsive()
{
    QFile file(QStringLiteral(SKEIN_CORPUS_DIR "/jaeger-api/v1/dependencies-data-large.json"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("the shared corpus is absent (jaeger-api/v1/dependencies-data-large.json)");
    std::vector<DependencyLink> links;
    QString error;
    QVERIFY(JaegerQuery::parseDependencies(file.readAll(), &links, &error));
    DependencyGraph graph;
    std::map<QString, int> names;
    for (const DependencyLink& link : links) {
        DependencyEdge edge;
        edge.parent = link.parent;
        edge.child = link.child;
        edge.callCount = link.callCount;
        edge.source = DependencySource::File; // dotted in small graphs: dashing thousands of long lines stalls
        graph.edges.push_back(edge);
        names[link.parent];
        names[link.child];
    }
    for (const auto& [name, unused] : names)
        graph.services.push_back({ name, 0, 0 });

    DependencyGraphView view;
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(showGraph(view, std::move(graph)));
    const qint64 layoutMs = timer.elapsed();
    QCOMPARE(view.visibleServices().size(), 1238);
    QCOMPARE(view.visibleEdgeCount(), 4271);

    // Painting the whole graph (fitted, the most items at once) and a zoomed-in part, as panning does. About 70 ms
    // a frame on a 2-core VM. Counted in this thread's processor time, so that other processes (ctest runs two
    // tests at once) cannot push it over; the limits leave room for slower machines and catch the seconds that
    // antialiased, dashed paths took.
    QPixmap frame(view.viewport()->size());
    qint64 started = threadCpuMs();
    for (int i = 0; i < 5; ++i)
        view.viewport()->render(&frame);
    const qint64 fittedFrameMs = (threadCpuMs() - started) / 5;
    view.scale(8, 8);
    view.centerOn(view.sceneRect().center());
    started = threadCpuMs();
    for (int i = 0; i < 5; ++i) {
        view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + 40);
        view.viewport()->render(&frame);
    }
    const qint64 zoomedFrameMs = (threadCpuMs() - started) / 5;
    qInfo("large graph: layout and scene %lld ms, fitted frame %lld ms, zoomed frame %lld ms", layoutMs, fittedFrameMs,
        zoomedFrameMs);
    if (!screenshotDir().isEmpty()) {
        view.fitToView();
        view.grab().save(screenshotDir() + QStringLiteral("/deps-large-view.png"));
        view.exportPng(screenshotDir() + QStringLiteral("/deps-large.png"), 1.0);
        view.scale(6, 6);
        view.centerOn(view.sceneRect().center());
        qInfo() << "debug" << view.zoom() << view.mapToScene(view.viewport()->rect().center())
                << view.items(view.viewport()->rect()).size() << view.sceneRect();
        view.grab().save(screenshotDir() + QStringLiteral("/deps-large-zoomed.png"));
    }
    QVERIFY2(fittedFrameMs < 1000, qPrintable(QStringLiteral("a fitted frame took %1 ms").arg(fittedFrameMs)));
    QVERIFY2(zoomedFrameMs < 1000, qPrintable(QStringLiteral("a zoomed frame took %1 ms").arg(zoomedFrameMs)));
}

QTEST_MAIN(TestDependencyGraphView)
#include "tst_dependencygraphview.moc"
