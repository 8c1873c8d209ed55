// SPDX-License-Identifier: MIT
#include "demogenerator.h"
#include "fileimport.h"
#include "findbar.h"
#include "servicepalette.h"
#include "timelineminimap.h"
#include "timelineview.h"
#include "timeruler.h"
#include "tracedocument.h"
#include "traceheader.h"
#include "tracestore.h"
#include "traceview.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace skein;

namespace {

// One input file imported into a real cache file, its largest trace opened as a document with its
// details loaded.
struct OpenTrace {
    QTemporaryDir dir;
    std::unique_ptr<TraceStore> store;
    std::unique_ptr<TraceDocument> document;

    bool importAndOpen(const QString& input)
    {
        QString error;
        const QString cache = dir.filePath(QStringLiteral("cache.sqlite"));
        store = TraceStore::open(cache, &error);
        if (!store)
            return false;
        if (importFile(*store, input).status() != QLatin1String("imported"))
            return false;
        const std::vector<TraceSummary> traces = store->findTraces({});
        if (traces.empty())
            return false;
        const auto largest = std::max_element(traces.begin(), traces.end(),
            [](const TraceSummary& a, const TraceSummary& b) { return a.spanCount < b.spanCount; });
        std::optional<TraceIndex> index = store->loadTraceIndex(largest->traceId);
        if (!index)
            return false;
        document = std::make_unique<TraceDocument>(std::make_shared<const TraceIndex>(std::move(*index)), cache);
        QSignalSpy loaded(document.get(), &TraceDocument::contentLoaded);
        document->loadContent();
        return loaded.wait(20000) && document->content();
    }
    bool openDemo(const DemoOptions& options)
    {
        const QString input = dir.filePath(QStringLiteral("demo.json"));
        return writeDemoFile(options, DemoFormat::OtlpJson, input, nullptr) && importAndOpen(input);
    }
    const TraceIndex& index() const { return document->index(); }
};

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x96));
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Mid, QColor(0x45, 0x48, 0x4e));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    palette.setColor(QPalette::Light, QColor(0x50, 0x53, 0x59));
    return palette;
}

QString outputPath(const QString& name)
{
    QDir().mkpath(QStringLiteral("/tmp/skein"));
    return QStringLiteral("/tmp/skein/") + name;
}

// Renders the view in the light and the dark palette to /tmp/skein/<name>-light.png and -dark.png.
void renderBothPalettes(TraceView& view, const QString& name)
{
    const QPalette light = QApplication::style()->standardPalette();
    for (const auto& [palette, suffix] :
        { std::pair { light, QStringLiteral("light") }, std::pair { darkPalette(), QStringLiteral("dark") } }) {
        view.setPalette(palette);
        QCoreApplication::processEvents();
        const QImage image = view.grab().toImage();
        QVERIFY(image.save(outputPath(name + QLatin1Char('-') + suffix + QStringLiteral(".png"))));
        // The timeline's background follows the palette rather than a fixed colour.
        const TimelineView* timeline = view.timeline();
        const QPoint corner = timeline->mapTo(&view, QPoint(timeline->width() - 30, timeline->height() - 30));
        const QColor background = image.pixelColor(corner * image.devicePixelRatio());
        QCOMPARE(ServicePalette::isDark(palette), background.lightnessF() < 0.5);
    }
    view.setPalette(light);
}

} // namespace

class TraceViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void headerShowsTheTraceFacts();
    void demoTraceRenders();
    void corpusTracesRender_data();
    void corpusTracesRender();
    void findBarCountsAndStepsThroughMatches();
    void servicesMenuHidesAService();
    void rulerDragZoomsAndMinimapFollows();
};

void TraceViewTest::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TraceViewTest::headerShowsTheTraceFacts()
{
    OpenTrace trace;
    QVERIFY(trace.openDemo(DemoOptions { 200, 1, 3 }));
    const TraceIndex& index = trace.index();
    TraceView view(trace.document.get());
    const TraceHeader& header = *view.header();
    QCOMPARE(header.titleText(), index.serviceName(0) + QStringLiteral(": ") + index.operationName(0));
    const QString facts = header.factsText();
    QVERIFY2(facts.contains(QStringLiteral("Spans 200")), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("Services %1").arg(index.serviceNames.size())), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("Depth %1").arg(index.maxDepth + 1)), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("Errors %1").arg(index.errorCount)), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("Started 2026-11-01T09:00:")), qPrintable(facts));
}

void TraceViewTest::demoTraceRenders()
{
    OpenTrace trace;
    QVERIFY(trace.openDemo(DemoOptions { 200, 1, 3 }));
    TraceView view(trace.document.get());
    view.resize(1300, 820);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Something to see: a selected span, a search with matches, a collapsed subtree.
    trace.document->setCurrentSpan(4);
    view.showFindBar();
    QTest::keyClicks(view.findBar()->lineEdit(), trace.index().operationName(6));
    const int32_t collapsible = [&] {
        for (int32_t i = 12; i < trace.index().size(); ++i) {
            if (trace.index().subtreeEnd[size_t(i)] > i + 3)
                return i;
        }
        return -1;
    }();
    QVERIFY(collapsible > 0);
    view.timeline()->setCollapsed(collapsible, true);
    renderBothPalettes(view, QStringLiteral("traceview-demo"));

    view.timeline()->setTimeWindow(trace.index().traceDurationNs / 5, trace.index().traceDurationNs / 2);
    renderBothPalettes(view, QStringLiteral("traceview-demo-zoomed"));
}

void TraceViewTest::corpusTracesRender_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("spans");
    QTest::addColumn<int>("services");
    QTest::addColumn<bool>("hasEvents");
    QTest::addColumn<QString>("warning");
    // Jaeger JSON with logs, every tag type, a FOLLOWS_FROM and a cross-trace reference; two records of one
    // span id are merged, so 5 records make 4 spans.
    QTest::newRow("jaeger ui_01") << QStringLiteral("jaeger-json/jaeger/ui_01.json") << QStringLiteral("ui01") << 4 << 2
                                  << true << QString();
    // A real HotROD capture from the Jaeger query API: 6 services, many events.
    QTest::newRow("hotrod") << QStringLiteral("jaeger-api/v3/getTrace-response-hotrod.json") << QStringLiteral("hotrod")
                            << 40 << 6 << true << QString();
    // A GenAI agent trace with a child that outlives its parent.
    QTest::newRow("genai") << QStringLiteral("jaeger-json/jaeger-ui/genai-timeline-trace.json")
                           << QStringLiteral("genai") << 57 << 10 << false
                           << QStringLiteral("Spans outside their parent (clock skew?): ");
    // A span whose parent is not in the trace (its two copies are merged into one).
    QTest::newRow("orphans") << QStringLiteral("jaeger-api/v1/api-transform-response.json") << QStringLiteral("orphans")
                             << 1 << 1 << false << QStringLiteral("Orphan spans (parent not in the trace): ");
}

void TraceViewTest::corpusTracesRender()
{
    QFETCH(QString, file);
    QFETCH(QString, name);
    QFETCH(int, spans);
    QFETCH(int, services);
    QFETCH(bool, hasEvents);
    QFETCH(QString, warning);
    const QString path = QStringLiteral(SKEIN_CORPUS_DIR "/") + file;
    if (!QFileInfo::exists(path))
        QSKIP("The shared corpus is not available (SKEIN_CORPUS_DIR).");
    OpenTrace trace;
    QVERIFY(trace.importAndOpen(path));
    const TraceIndex& index = trace.index();
    QCOMPARE(index.size(), spans);
    QCOMPARE(!trace.document->content()->events.empty(), hasEvents);
    TraceView view(trace.document.get());
    view.resize(1300, std::clamp(260 + spans * 24, 420, 1100));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString facts = view.header()->factsText();
    QVERIFY2(facts.contains(QStringLiteral("Spans %1").arg(spans)), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("Services %1").arg(services)), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("Errors %1").arg(index.errorCount)), qPrintable(facts));
    const QString warnings = view.header()->warningsText();
    if (!warning.isEmpty())
        QVERIFY2(warnings.contains(warning), qPrintable(warnings));
    trace.document->setCurrentSpan(index.size() / 2);
    renderBothPalettes(view, QStringLiteral("traceview-corpus-") + name);
}

void TraceViewTest::findBarCountsAndStepsThroughMatches()
{
    OpenTrace trace;
    QVERIFY(trace.openDemo(DemoOptions { 200, 1, 3 }));
    TraceDocument& document = *trace.document;
    TraceView view(&document);
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.timeline()->setFocus();
    FindBar& bar = *view.findBar();
    QVERIFY(bar.isHidden());

    QTest::keyClick(view.timeline(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar.isVisible());
    QVERIFY(bar.lineEdit()->hasFocus());

    // An operation name that several spans share.
    QString needle;
    for (int32_t i = 1; i < trace.index().size() && needle.isEmpty(); ++i) {
        const auto count = std::count(
            trace.index().operation.begin(), trace.index().operation.end(), trace.index().operation[size_t(i)]);
        if (count >= 3)
            needle = trace.index().operationName(i);
    }
    QVERIFY(!needle.isEmpty());
    QTest::keyClicks(bar.lineEdit(), needle);
    QCOMPARE(document.searchText(), needle);
    const int total = int(document.searchMatches().size());
    QVERIFY(total >= 3);
    QCOMPARE(bar.countText(), QStringLiteral("1 of %1").arg(total));
    QCOMPARE(document.currentSpan(), document.searchMatches().front());

    QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
    QCOMPARE(bar.countText(), QStringLiteral("2 of %1").arg(total));
    QTest::keyClick(bar.lineEdit(), Qt::Key_F3);
    QCOMPARE(bar.countText(), QStringLiteral("3 of %1").arg(total));
    QTest::keyClick(bar.lineEdit(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(bar.countText(), QStringLiteral("2 of %1").arg(total));
    QTest::keyClick(bar.lineEdit(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(bar.countText(), QStringLiteral("1 of %1").arg(total));
    QTest::keyClick(bar.lineEdit(), Qt::Key_Return, Qt::ShiftModifier); // wraps
    QCOMPARE(bar.countText(), QStringLiteral("%1 of %1").arg(total));
    QCOMPARE(document.currentSpan(), document.searchMatches().back());

    // Moving off the matches shows the total only; a search for nothing says so.
    view.timeline()->setFocus();
    document.setCurrentSpan(-1);
    QCOMPARE(bar.countText(), QStringLiteral("%1 found").arg(total));
    bar.lineEdit()->setFocus();
    QTest::keyClicks(bar.lineEdit(), QStringLiteral("zzz-no-such-thing"));
    QCOMPARE(bar.countText(), QStringLiteral("No matches"));

    QTest::keyClick(bar.lineEdit(), Qt::Key_Escape);
    QVERIFY(bar.isHidden());
    QVERIFY(document.searchText().isEmpty());
    QVERIFY(document.searchMatches().empty());
}

void TraceViewTest::servicesMenuHidesAService()
{
    OpenTrace trace;
    QVERIFY(trace.openDemo(DemoOptions { 200, 1, 3 }));
    const TraceIndex& index = trace.index();
    TraceView view(trace.document.get());
    view.resize(1200, 700);
    QToolButton* button = view.servicesButton();
    QCOMPARE(button->text(), QStringLiteral("Services (%1) ▾").arg(index.serviceNames.size()));
    QMenu* menu = view.servicesMenu();
    emit menu->aboutToShow();
    QList<QAction*> serviceActions;
    for (QAction* action : menu->actions()) {
        if (action->isCheckable())
            serviceActions.append(action);
    }
    QCOMPARE(serviceActions.size(), qsizetype(index.serviceNames.size()));
    const uint16_t service = index.service[1];
    serviceActions[service]->setChecked(false);
    QVERIFY(trace.document->isServiceHidden(service));
    const auto hiddenSpans = std::count(index.service.begin(), index.service.end(), service);
    QCOMPARE(int(view.timeline()->visibleRows().size()), index.size() - int(hiddenSpans));
    QCOMPARE(button->text(),
        QStringLiteral("Services (%1 of %2 shown) ▾")
            .arg(index.serviceNames.size() - 1)
            .arg(index.serviceNames.size()));

    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.grab().save(outputPath(QStringLiteral("traceview-demo-filtered.png")));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(menu->isVisible());
    menu->grab().save(outputPath(QStringLiteral("traceview-services-menu.png")));
    QVERIFY(!menu->actions().front()->text().isEmpty());
    QVERIFY(menu->actions().front()->isEnabled()); // "Show all" while something is hidden
    menu->hide();

    emit menu->aboutToShow();
    menu->actions().front()->trigger(); // Show all services
    QCOMPARE(int(view.timeline()->visibleRows().size()), index.size());
}

void TraceViewTest::rulerDragZoomsAndMinimapFollows()
{
    OpenTrace trace;
    QVERIFY(trace.openDemo(DemoOptions { 200, 1, 3 }));
    TraceView view(trace.document.get());
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TimeRuler& ruler = *view.ruler();
    const auto [left, right] = ruler.barsSpan();
    // The ruler's time axis lines up with the timeline's bars.
    const QRect bars = view.timeline()->barsRect();
    QCOMPARE(view.timeline()->viewport()->mapTo(&view, bars.topLeft()).x(), ruler.mapTo(&view, QPoint(left, 0)).x());
    QCOMPARE(right - left, bars.width());

    const QRect fullFrame = view.minimap()->windowFrame();
    const int from = left + (right - left) / 4;
    const int to = left + (right - left) / 2;
    const TimeScale before = view.timeline()->timeScale();
    QTest::mousePress(&ruler, Qt::LeftButton, {}, QPoint(from, ruler.height() / 2));
    QTest::mouseMove(&ruler, QPoint(to, ruler.height() / 2));
    QTest::mouseRelease(&ruler, Qt::LeftButton, {}, QPoint(to, ruler.height() / 2));
    const TimeScale& after = view.timeline()->timeScale();
    QVERIFY(std::abs(after.startNs() - before.ns(from - left)) <= before.windowNs() / 1000);
    QVERIFY(std::abs(after.endNs() - before.ns(to - left)) <= before.windowNs() / 1000);
    const QRect zoomedFrame = view.minimap()->windowFrame();
    QVERIFY(zoomedFrame.width() < fullFrame.width() / 3);

    // Dragging the minimap's frame pans the timeline by the same share of the trace.
    const int64_t window = after.windowNs();
    const QPoint grab = zoomedFrame.center();
    QTest::mousePress(view.minimap(), Qt::LeftButton, {}, grab);
    QTest::mouseMove(view.minimap(), grab + QPoint(100, 0));
    QTest::mouseRelease(view.minimap(), Qt::LeftButton, {}, grab + QPoint(100, 0));
    QCOMPARE(view.timeline()->timeScale().windowNs(), window);
    QVERIFY(view.minimap()->windowFrame().left() > zoomedFrame.left() + 90);

    QTest::mouseDClick(&ruler, Qt::LeftButton, {}, QPoint(from, ruler.height() / 2));
    QVERIFY(!view.timeline()->timeScale().isZoomed());
}

QTEST_MAIN(TraceViewTest)
#include "tst_traceview.moc"
