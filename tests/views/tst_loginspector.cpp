// SPDX-License-Identifier: MIT
#include "demogenerator.h"
#include "fileimport.h"
#include "loginspector.h"
#include "logtablemodel.h"
#include "servicepalette.h"
#include "tracedocument.h"
#include "tracestore.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace skein;

namespace {

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    palette.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::Button, QColor(0x33, 0x35, 0x38));
    palette.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
    palette.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4c));
    palette.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x29));
    palette.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    palette.setColor(QPalette::Shadow, Qt::black);
    return palette;
}

// An index and content built in memory (no cache): n spans over a few services, and events spread
// over them, for checking the filter on a big trace.
struct SyntheticTrace {
    std::shared_ptr<TraceIndex> index = std::make_shared<TraceIndex>();
    TraceContent content;
};

SyntheticTrace syntheticTrace(int32_t spans, int32_t events)
{
    SyntheticTrace trace;
    TraceIndex& index = *trace.index;
    index.serviceNames = { QStringLiteral("cart"), QStringLiteral("frontend"), QStringLiteral("payments") };
    index.operationNames = { QStringLiteral("GET /cart"), QStringLiteral("render"), QStringLiteral("charge") };
    std::vector<int64_t> starts;
    for (int32_t i = 0; i < spans; ++i) {
        starts.push_back(i);
        index.durationNs.push_back(1);
        index.parent.push_back(-1);
        index.subtreeEnd.push_back(i + 1);
        index.depth.push_back(0);
        index.service.push_back(uint16_t(i % 3));
        index.operation.push_back(uint32_t(i % 3));
        index.kind.push_back(0);
        index.flags.push_back(0);
        index.rowId.push_back(i + 1);
        index.spanId.push_back(uint64_t(i + 1));
    }
    index.startOffsetNs = BlockedInt64s(starts);
    for (int32_t e = 0; e < events; ++e) {
        const QString fields
            = QStringLiteral("level=info user.id=%1 message=Request handled in %2 ms").arg(e % 5000).arg(e % 97);
        trace.content.addEvent(e % spans, e * 1000, e % 10 == 0 ? QStringLiteral("exception") : QStringLiteral("log"),
            fields.toStdString());
    }
    trace.content.finishEvents();
    return trace;
}

} // namespace

class LogInspectorTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsReadingUntilContentArrives();
    void rowsAreTheTracesEvents();
    void filterNarrowsAndCounts();
    void filterMatchesServiceAndOperation();
    void selectingARowSelectsItsSpan();
    void currentSpanSelectsItsFirstEvent();
    void spanWithoutEventsClearsTheSelection();
    void filterKeepsTheCurrentSpansRow();
    void copiesSelectedRows();
    void forgetsADeletedDocument();
    void filtersHundredThousandEventsQuickly();
    void rendersInLightAndDarkPalettes();
    void timeColumnFitsALongTracesTimes();

private:
    void waitForContent();
    bool render(const QString& name);

    QTemporaryDir m_dir;
    QString m_cachePath;
    std::shared_ptr<const TraceIndex> m_index;
    int m_expectedEvents = 0;
    std::unique_ptr<TraceDocument> m_document;
    std::unique_ptr<LogInspector> m_inspector;
};

void LogInspectorTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString input = m_dir.filePath(QStringLiteral("demo.json"));
    QString error;
    QVERIFY2(writeDemoFile(DemoOptions { 600, 3, 7 }, DemoFormat::OtlpJson, input, &error), qPrintable(error));
    m_cachePath = m_dir.filePath(QStringLiteral("cache.sqlite"));
    std::unique_ptr<TraceStore> store = TraceStore::open(m_cachePath, nullptr);
    QVERIFY(store);
    QVERIFY(!importFile(*store, input).report.rejected);
    // The trace with the most events.
    for (const TraceSummary& summary : store->findTraces({})) {
        int events = 0;
        for (const SpanRecord& span : store->loadTrace(summary.traceId))
            events += int(span.events.size());
        if (events > m_expectedEvents) {
            m_expectedEvents = events;
            std::optional<TraceIndex> index = store->loadTraceIndex(summary.traceId);
            QVERIFY(index);
            m_index = std::make_shared<const TraceIndex>(std::move(*index));
        }
    }
    QVERIFY2(m_expectedEvents > 20, "the demo data should have events");
}

void LogInspectorTest::init()
{
    m_document = std::make_unique<TraceDocument>(m_index, m_cachePath);
    m_inspector = std::make_unique<LogInspector>();
    m_inspector->resize(900, 320);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
}

void LogInspectorTest::cleanup()
{
    m_inspector.reset();
    m_document.reset();
    QApplication::setPalette(QPalette());
}

void LogInspectorTest::waitForContent()
{
    QSignalSpy loaded(m_document.get(), &TraceDocument::contentLoaded);
    m_inspector->setDocument(m_document.get());
    if (!m_document->content())
        QVERIFY(loaded.wait(20000));
    QVERIFY(m_inspector->model()->hasContent());
}

bool LogInspectorTest::render(const QString& name)
{
    QTest::qWait(20); // pending layout requests, as the event loop would run them
    QDir().mkpath(QStringLiteral("/tmp/skein")); // a fresh machine has none, and the other tests may not have run
    return m_inspector->grab().save(QStringLiteral("/tmp/skein/%1.png").arg(name));
}

void LogInspectorTest::showsReadingUntilContentArrives()
{
    auto* stack = m_inspector->findChild<QStackedWidget*>();
    auto* message = m_inspector->findChild<QLabel*>(QStringLiteral("logMessage"));
    QCOMPARE(stack->currentWidget(), message);
    QVERIFY(message->text().contains(QStringLiteral("No trace")));

    QSignalSpy loaded(m_document.get(), &TraceDocument::contentLoaded);
    m_inspector->setDocument(m_document.get()); // starts the read
    QCOMPARE(m_document->content(), nullptr);
    QCOMPARE(message->text(), QStringLiteral("Reading events\u2026"));
    QCOMPARE(stack->currentWidget(), message);
    QVERIFY(!m_inspector->filterEdit()->isEnabled());
    QVERIFY(loaded.wait(20000));
    QCOMPARE(stack->currentWidget(), m_inspector->view());
    QVERIFY(m_inspector->filterEdit()->isEnabled());
}

void LogInspectorTest::rowsAreTheTracesEvents()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    QCOMPARE(model->rowCount(), m_expectedEvents);
    QCOMPARE(int(m_document->content()->events.size()), m_expectedEvents);
    QCOMPARE(m_inspector->countLabel()->text(), QStringLiteral("%1 events").arg(m_expectedEvents));
    // In time order, each row naming its span's service and operation, with a swatch.
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->eventAt(row - 1)->offsetNs <= model->eventAt(row)->offsetNs);
    const int32_t span = model->spanAt(0);
    QCOMPARE(model->index(0, LogTableModel::ServiceColumn).data().toString(), m_index->serviceName(span));
    QCOMPARE(model->index(0, LogTableModel::SpanColumn).data().toString(), m_index->operationName(span));
    QCOMPARE(model->index(0, LogTableModel::ServiceColumn).data(Qt::DecorationRole).value<QColor>(),
        ServicePalette::colorFor(m_index->serviceName(span), m_inspector->palette()));
    QVERIFY(model->index(0, LogTableModel::TimeColumn).data().toString().trimmed().endsWith(QStringLiteral(" ms")));
}

void LogInspectorTest::filterNarrowsAndCounts()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    // An event name that is not on every row.
    QString name;
    int expected = 0;
    const TraceContent& content = *m_document->content();
    for (const TraceEventEntry& event : content.events) {
        const QString& eventName = content.eventName(event);
        const int count
            = int(std::count_if(content.events.begin(), content.events.end(), [&](const TraceEventEntry& other) {
                  return content.eventName(other).contains(eventName, Qt::CaseInsensitive)
                      || content.eventFields(other).contains(eventName, Qt::CaseInsensitive)
                      || m_index->serviceName(other.span).contains(eventName, Qt::CaseInsensitive)
                      || m_index->operationName(other.span).contains(eventName, Qt::CaseInsensitive);
              }));
        if (count < m_expectedEvents) {
            name = eventName;
            expected = count;
            break;
        }
    }
    QVERIFY(!name.isEmpty());
    QTest::keyClicks(m_inspector->filterEdit(), name.toUpper());
    QCOMPARE(model->rowCount(), expected);
    QCOMPARE(m_inspector->countLabel()->text(), QStringLiteral("%1 of %2 events").arg(expected).arg(m_expectedEvents));

    QTest::keyClicks(m_inspector->filterEdit(), QStringLiteral("zzz-no-such-text"));
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(m_inspector->countLabel()->text(), QStringLiteral("0 of %1 events").arg(m_expectedEvents));
    auto* message = m_inspector->findChild<QLabel*>(QStringLiteral("logMessage"));
    QCOMPARE(m_inspector->findChild<QStackedWidget*>()->currentWidget(), message);
    QVERIFY(message->text().contains(QStringLiteral("zzz-no-such-text")));

    m_inspector->filterEdit()->clear();
    QCOMPARE(model->rowCount(), m_expectedEvents);
    QCOMPARE(m_inspector->countLabel()->text(), QStringLiteral("%1 events").arg(m_expectedEvents));
}

void LogInspectorTest::filterMatchesServiceAndOperation()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    const int32_t span = model->spanAt(model->rowCount() / 2);
    const QString service = m_index->serviceName(span);
    m_inspector->setFilterText(service);
    QVERIFY(model->rowCount() > 0);
    bool sawService = false;
    for (int row = 0; row < model->rowCount(); ++row)
        sawService |= m_index->serviceName(model->spanAt(row)) == service;
    QVERIFY(sawService);
    for (int row = 0; row < model->rowCount(); ++row) {
        const TraceEventEntry* event = model->eventAt(row);
        const bool matches = m_index->serviceName(event->span).contains(service, Qt::CaseInsensitive)
            || m_index->operationName(event->span).contains(service, Qt::CaseInsensitive)
            || m_document->content()->eventName(*event).contains(service, Qt::CaseInsensitive)
            || m_document->content()->eventFields(*event).contains(service, Qt::CaseInsensitive);
        QVERIFY2(matches, qPrintable(m_document->content()->eventName(*event)));
    }
    const QString operation = m_index->operationName(span);
    m_inspector->setFilterText(operation);
    QCOMPARE(m_inspector->filterEdit()->text(), operation);
    QVERIFY(model->firstRowOfSpan(span) >= 0);
}

void LogInspectorTest::selectingARowSelectsItsSpan()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    // A row that is not its span's first event: the selection must stay on it, not jump back.
    int row = -1;
    for (int r = 0; r < model->rowCount() && row < 0; ++r) {
        if (model->firstRowOfSpan(model->spanAt(r)) != r)
            row = r;
    }
    QVERIFY2(row >= 0, "some span should have two events");
    QSignalSpy changed(m_document.get(), &TraceDocument::currentSpanChanged);
    QTreeView* view = m_inspector->view();
    view->scrollTo(model->index(row, 0));
    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, {}, view->visualRect(model->index(row, LogTableModel::EventColumn)).center());
    QCOMPARE(m_document->currentSpan(), model->spanAt(row));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(view->currentIndex().row(), row);
}

void LogInspectorTest::currentSpanSelectsItsFirstEvent()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    const int32_t span = model->spanAt(model->rowCount() - 1);
    const int first = model->firstRowOfSpan(span);
    QVERIFY(first >= 0);
    for (int row = 0; row < first; ++row)
        QVERIFY(model->spanAt(row) != span);
    QSignalSpy changed(m_document.get(), &TraceDocument::currentSpanChanged);
    m_document->setCurrentSpan(span);
    QCOMPARE(changed.count(), 1); // no echo from the inspector
    QCOMPARE(m_document->currentSpan(), span);
    QTreeView* view = m_inspector->view();
    QCOMPARE(view->currentIndex().row(), first);
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    // Scrolled into view.
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(view->currentIndex())));
}

void LogInspectorTest::spanWithoutEventsClearsTheSelection()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    int32_t quiet = -1;
    for (int32_t span = 0; span < m_index->size() && quiet < 0; ++span) {
        if (model->firstRowOfSpan(span) < 0)
            quiet = span;
    }
    QVERIFY(quiet >= 0);
    m_document->setCurrentSpan(model->spanAt(3));
    QVERIFY(!m_inspector->view()->selectionModel()->selectedRows().isEmpty());
    m_document->setCurrentSpan(quiet);
    QVERIFY(m_inspector->view()->selectionModel()->selectedRows().isEmpty());
    QCOMPARE(m_document->currentSpan(), quiet);
}

void LogInspectorTest::filterKeepsTheCurrentSpansRow()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    const int32_t span = model->spanAt(model->rowCount() / 2);
    m_document->setCurrentSpan(span);
    m_inspector->setFilterText(m_index->serviceName(span));
    QVERIFY(m_inspector->view()->currentIndex().isValid());
    QCOMPARE(model->spanAt(m_inspector->view()->currentIndex().row()), span);
    QCOMPARE(m_document->currentSpan(), span);
}

void LogInspectorTest::copiesSelectedRows()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    QTreeView* view = m_inspector->view();
    view->setCurrentIndex(model->index(0, 0));
    view->setFocus();
    QGuiApplication::clipboard()->clear();
    QTest::keySequence(view, QKeySequence::Copy);
    const QStringList cells = QGuiApplication::clipboard()->text().split(QLatin1Char('\t'));
    QCOMPARE(cells.size(), int(LogTableModel::ColumnCount));
    QCOMPARE(cells.at(LogTableModel::EventColumn), m_document->content()->eventName(*model->eventAt(0)));
}

void LogInspectorTest::forgetsADeletedDocument()
{
    waitForContent();
    m_document.reset();
    QCOMPARE(m_inspector->document(), nullptr);
    QCOMPARE(m_inspector->model()->rowCount(), 0);
    QVERIFY(m_inspector->findChild<QLabel*>(QStringLiteral("logMessage"))->text().contains(QStringLiteral("No trace")));
}

void LogInspectorTest::filtersHundredThousandEventsQuickly()
{
    SyntheticTrace trace = syntheticTrace(5000, 100000);
    LogTableModel model;
    model.setSource(trace.index, &trace.content);
    QCOMPARE(model.rowCount(), 100000);
    QElapsedTimer timer;
    timer.start();
    // Typing "user.id=4242" one key at a time, as a person does.
    const QString needle = QStringLiteral("USER.ID=4242");
    for (int length = 1; length <= needle.size(); ++length)
        model.setFilterText(needle.left(length));
    const qint64 typing = timer.elapsed();
    int expected = 0;
    for (const TraceEventEntry& event : trace.content.events)
        expected += trace.content.eventFields(event).contains(QStringLiteral("user.id=4242 "));
    QCOMPARE(model.rowCount(), expected);
    QCOMPARE(expected, 20);
    timer.restart();
    model.setFilterText(QStringLiteral("payments"));
    int payments = 0; // by service: the events of every third span
    for (const TraceEventEntry& event : trace.content.events)
        payments += trace.index->service[size_t(event.span)] == 2;
    QCOMPARE(model.rowCount(), payments);
    model.setFilterText(QStringLiteral("no such text anywhere"));
    QCOMPARE(model.rowCount(), 0);
    const qint64 fullScans = timer.elapsed();
    qInfo("12 keystrokes over 100k events: %lld ms; 2 full scans: %lld ms", typing, fullScans);
    QVERIFY2(typing < 1500 && fullScans < 800, "filtering 100k events should feel instant");
    model.setSource(nullptr, nullptr);
}

void LogInspectorTest::rendersInLightAndDarkPalettes()
{
    waitForContent();
    LogTableModel* model = m_inspector->model();
    m_document->setCurrentSpan(model->spanAt(model->rowCount() / 3));
    QVERIFY(render(QStringLiteral("loginspector-light")));
    QApplication::setPalette(darkPalette());
    QCoreApplication::processEvents();
    const int32_t span = model->spanAt(0);
    QCOMPARE(model->index(0, LogTableModel::ServiceColumn).data(Qt::DecorationRole).value<QColor>(),
        ServicePalette::colorFor(m_index->serviceName(span), darkPalette()));
    QVERIFY(render(QStringLiteral("loginspector-dark")));
    m_inspector->setFilterText(QStringLiteral("cache"));
    QVERIFY(model->rowCount() > 0);
    QVERIFY(render(QStringLiteral("loginspector-filtered-dark")));
    TraceDocument reading(m_index, m_cachePath);
    m_inspector->setDocument(&reading);
    QVERIFY(render(QStringLiteral("loginspector-reading-dark")));
    m_inspector->setDocument(nullptr);
}

QTEST_MAIN(LogInspectorTest)
void LogInspectorTest::timeColumnFitsALongTracesTimes()
{
    // A two-hour trace with an event near its end: "7,190,000.000 ms" is wider than the default column.
    const QString path = m_dir.filePath(QStringLiteral("long.sqlite"));
    std::unique_ptr<TraceStore> store = TraceStore::open(path, nullptr);
    QVERIFY(store);
    constexpr int64_t startNs = 1'700'000'000'000'000'000;
    constexpr int64_t hourNs = 3'600'000'000'000;
    std::vector<SpanRecord> spans(2);
    for (SpanRecord& span : spans) {
        span.traceId = TraceId { 7, 7 };
        span.serviceName = "batch";
        span.name = "nightly";
        span.startNs = startNs;
        span.durationNs = 2 * hourNs;
    }
    spans[0].spanId = 1;
    spans[1].spanId = 2;
    spans[1].parentSpanId = 1;
    spans[1].startNs = startNs + hourNs;
    spans[1].durationNs = hourNs - 1'000'000'000;
    spans[1].events.push_back(SpanEvent { startNs + 2 * hourNs - 10'000'000'000, "done", {}, 0 });
    auto session = store->beginImport(QStringLiteral("long"));
    QVERIFY(session && session->addSpans(spans));
    ImportReport report;
    report.format = "test";
    QVERIFY(session->finish(report, nullptr));
    session.reset();
    std::optional<TraceIndex> index = store->loadTraceIndex(TraceId { 7, 7 });
    QVERIFY(index);
    TraceDocument document(std::make_shared<const TraceIndex>(std::move(*index)), path);
    QSignalSpy loaded(&document, &TraceDocument::contentLoaded);
    m_inspector->setDocument(&document);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(m_inspector->model()->rowCount(), 1);
    const QString time = m_inspector->model()->index(0, LogTableModel::TimeColumn).data().toString().trimmed();
    QCOMPARE(time, LogTableModel::timeText(2 * hourNs - 10'000'000'000));
    QVERIFY2(m_inspector->view()->header()->sectionSize(LogTableModel::TimeColumn)
            > m_inspector->view()->fontMetrics().horizontalAdvance(time),
        qPrintable(time));
    m_inspector->setDocument(nullptr);
}

#include "tst_loginspector.moc"
