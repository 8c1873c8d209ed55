// SPDX-License-Identifier: MIT
#include "attributetablemodel.h"
#include "fileimport.h"
#include "servicepalette.h"
#include "spandetailpanel.h"
#include "tracedocument.h"
#include "tracestore.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace skein;

namespace {

const char traceA[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const char traceB[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
constexpr SpanId rootId = 0x1111111111111111ull;
constexpr SpanId chargeId = 0x2222222222222222ull;
constexpr SpanId settleId = 0x3333333333333333ull;
constexpr SpanId orphanId = 0x4444444444444444ull;

// Trace A: a failed checkout (4 typed attributes, 2 events) whose child "charge card" links to the
// checkout in the same trace and to "settle batch" in trace B, which links back to "charge card";
// and an orphan whose parent was never imported.
const char otlpJson[] = R"({"resourceSpans": [
 {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "frontend"}},
                              {"key": "host.name", "value": {"stringValue": "web-1"}},
                              {"key": "process.pid", "value": {"intValue": "4242"}}]},
  "scopeSpans": [{"scope": {"name": "checkout-instrumentation", "version": "1.4.0",
                            "attributes": [{"key": "scope.flavour", "value": {"stringValue": "vanilla"}}]},
   "spans": [
    {"traceId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "spanId": "1111111111111111", "name": "GET /checkout", "kind": 2,
     "startTimeUnixNano": "1793523600000000000", "endTimeUnixNano": "1793523600250000000",
     "attributes": [{"key": "http.method", "value": {"stringValue": "GET"}},
                    {"key": "http.status_code", "value": {"intValue": "500"}},
                    {"key": "sample.ratio", "value": {"doubleValue": 0.25}},
                    {"key": "cache.hit", "value": {"boolValue": false}}],
     "events": [{"timeUnixNano": "1793523600005000000", "name": "cache miss",
                 "attributes": [{"key": "cart.id", "value": {"stringValue": "cart-42"}}]},
                {"timeUnixNano": "1793523600200000000", "name": "exception",
                 "attributes": [{"key": "exception.type", "value": {"stringValue": "PaymentDeclined"}},
                                {"key": "exception.message", "value": {"stringValue": "card expired"}}]}],
     "status": {"code": 2, "message": "payment declined"}},
    {"traceId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "spanId": "4444444444444444", "parentSpanId": "9999999999999999",
     "name": "late callback", "kind": 1,
     "startTimeUnixNano": "1793523600260000000", "endTimeUnixNano": "1793523600270000000"}]}]},
 {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "payments"}}]},
  "scopeSpans": [{"scope": {"name": "payments-sdk"},
   "spans": [
    {"traceId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "spanId": "2222222222222222", "parentSpanId": "1111111111111111",
     "name": "charge card", "kind": 3,
     "startTimeUnixNano": "1793523600010000000", "endTimeUnixNano": "1793523600190000000",
     "events": [{"timeUnixNano": "1793523600050000000", "name": "retry"}],
     "links": [{"traceId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "spanId": "1111111111111111"},
               {"traceId": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2", "spanId": "3333333333333333",
                "attributes": [{"key": "link.reason", "value": {"stringValue": "settlement"}}]}]}]}]},
 {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "ledger"}}]},
  "scopeSpans": [{"spans": [
    {"traceId": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2", "spanId": "3333333333333333", "name": "settle batch", "kind": 5,
     "startTimeUnixNano": "1793523660000000000", "endTimeUnixNano": "1793523661000000000",
     "links": [{"traceId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "spanId": "2222222222222222"}]}]}]}
]})";

TraceId id(const char* hex)
{
    return *TraceId::fromHex(hex);
}

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
    palette.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4c));
    palette.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x29));
    palette.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    palette.setColor(QPalette::Shadow, Qt::black);
    return palette;
}

} // namespace

class SpanDetailPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsEmptyStateWithoutDocumentOrSpan();
    void showsTheCurrentSpan();
    void showsProcessAndScope();
    void copiesIds();
    void copiesAttributeValueWithShortcut();
    void outgoingLinkSelectsSpanInThisTrace();
    void outgoingLinkToAnotherTraceAsksToOpenIt();
    void incomingLinksAreFoundInTheCache();
    void incomingLinkFromAnotherTraceAsksToOpenIt();
    void showsWarningsOfOrphans();
    void goesToParent();
    void forgetsADeletedDocument();
    void followsLinksWithTheKeyboard();
    void listsTheLinksOfCorpusTraces_data();
    void listsTheLinksOfCorpusTraces();
    void rendersInLightAndDarkPalettes();

private:
    QTreeWidgetItem* linkItem(int group, int child);
    bool render(const QString& name);
    void click(QTreeWidget* tree, QTreeWidgetItem* item);
    int32_t spanIndex(SpanId spanId) const { return m_document->index().findSpan(spanId); }

    QTemporaryDir m_dir;
    QString m_cachePath;
    std::shared_ptr<const TraceIndex> m_index;
    std::unique_ptr<TraceDocument> m_document;
    std::unique_ptr<SpanDetailPanel> m_panel;
};

void SpanDetailPanelTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString input = m_dir.filePath(QStringLiteral("links.json"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(otlpJson);
    file.close();
    m_cachePath = m_dir.filePath(QStringLiteral("cache.sqlite"));
    std::unique_ptr<TraceStore> store = TraceStore::open(m_cachePath, nullptr);
    QVERIFY(store);
    const ImportOutcome outcome = importFile(*store, input);
    QVERIFY2(!outcome.report.rejected, outcome.report.error.message.c_str());
    QCOMPARE(outcome.counts.spans, uint64_t(4));
    std::optional<TraceIndex> index = store->loadTraceIndex(id(traceA));
    QVERIFY(index);
    QCOMPARE(index->size(), 3);
    m_index = std::make_shared<const TraceIndex>(std::move(*index));
}

void SpanDetailPanelTest::init()
{
    m_document = std::make_unique<TraceDocument>(m_index, m_cachePath);
    m_panel = std::make_unique<SpanDetailPanel>();
    m_panel->resize(400, 760);
    m_panel->setDocument(m_document.get());
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void SpanDetailPanelTest::cleanup()
{
    m_panel.reset();
    m_document.reset();
    QApplication::setPalette(QPalette());
}

QTreeWidgetItem* SpanDetailPanelTest::linkItem(int group, int child)
{
    auto* tree = m_panel->findChild<QTreeWidget*>(QStringLiteral("linksTree"));
    if (!tree || tree->topLevelItemCount() <= group)
        return nullptr;
    QTreeWidgetItem* top = tree->topLevelItem(group);
    return child < top->childCount() ? top->child(child) : nullptr;
}

bool SpanDetailPanelTest::render(const QString& name)
{
    QTest::qWait(20); // pending layout requests, as the event loop would run them
    QDir().mkpath(QStringLiteral("/tmp/skein")); // a fresh machine has none, and the other tests may not have run
    return m_panel->grab().save(QStringLiteral("/tmp/skein/%1.png").arg(name));
}

void SpanDetailPanelTest::click(QTreeWidget* tree, QTreeWidgetItem* item)
{
    auto* tabs = m_panel->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
    tabs->setCurrentWidget(tree);
    tree->scrollToItem(item);
    const QRect rect = tree->visualItemRect(item);
    QVERIFY(rect.isValid());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
}

void SpanDetailPanelTest::showsEmptyStateWithoutDocumentOrSpan()
{
    auto* stack = m_panel->findChild<QStackedWidget*>();
    auto* message = m_panel->findChild<QLabel*>(QStringLiteral("emptyStateLabel"));
    QVERIFY(stack && message);
    QCOMPARE(stack->currentWidget(), message);
    QVERIFY(message->text().contains(QStringLiteral("Select a span")));

    m_document->setCurrentSpan(spanIndex(rootId));
    QVERIFY(stack->currentWidget() != message);

    m_panel->setDocument(nullptr);
    QCOMPARE(stack->currentWidget(), message);
    QVERIFY(message->text().contains(QStringLiteral("No trace")));
    // Detached: the old document's selection no longer reaches the panel.
    m_document->setCurrentSpan(spanIndex(chargeId));
    QCOMPARE(m_panel->shownSpan(), -1);
}

void SpanDetailPanelTest::showsTheCurrentSpan()
{
    m_document->setCurrentSpan(spanIndex(rootId));
    QCOMPARE(m_panel->shownSpan(), spanIndex(rootId));
    auto label = [this](const char* name) {
        auto* found = m_panel->findChild<QLabel*>(QString::fromLatin1(name));
        return found ? found->text() : QStringLiteral("<missing %1>").arg(QString::fromLatin1(name));
    };
    QCOMPARE(label("operationLabel"), QStringLiteral("GET /checkout"));
    QCOMPARE(label("serviceLabel"), QStringLiteral("frontend"));
    QCOMPARE(label("kindLabel"), QStringLiteral("server"));
    QCOMPARE(label("statusLabel"), QStringLiteral("Error: payment declined"));
    QCOMPARE(label("traceIdLabel"), QString::fromLatin1(traceA));
    QCOMPARE(label("spanIdLabel"), QStringLiteral("1111111111111111"));
    QCOMPARE(label("parentIdLabel"), QStringLiteral("none (root span)"));
    QVERIFY2(label("durationLabel").startsWith(QStringLiteral("250ms")), qPrintable(label("durationLabel")));
    QVERIFY2(label("startLabel").contains(QStringLiteral("2026-11-01T09:00:00.000000000Z")),
        qPrintable(label("startLabel")));
    auto* status = m_panel->findChild<QLabel*>(QStringLiteral("statusLabel"));
    QCOMPARE(status->palette().color(QPalette::WindowText), ServicePalette::errorColor(m_panel->palette()));

    auto* attributes = m_panel->findChild<QTableView*>(QStringLiteral("attributesView"));
    QVERIFY(attributes);
    QCOMPARE(attributes->model()->rowCount(), 4);
    auto* tabs = m_panel->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("Attributes (4)"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Events (2)"));

    auto* events = m_panel->findChild<QTreeWidget*>(QStringLiteral("eventsTree"));
    QCOMPARE(events->topLevelItemCount(), 2);
    QVERIFY2(events->topLevelItem(0)->text(0).startsWith(QStringLiteral("+5ms")),
        qPrintable(events->topLevelItem(0)->text(0)));
    QVERIFY(events->topLevelItem(0)->text(0).contains(QStringLiteral("cache miss")));
    QCOMPARE(events->topLevelItem(0)->childCount(), 1);
    QCOMPARE(events->topLevelItem(0)->child(0)->text(1), QStringLiteral("cart-42"));
    QVERIFY(events->topLevelItem(1)->text(0).contains(QStringLiteral("exception")));
    QCOMPARE(events->topLevelItem(1)->childCount(), 2);

    // A span without an error: the status is not red, the warnings stay hidden.
    m_document->setCurrentSpan(spanIndex(chargeId));
    QCOMPARE(label("operationLabel"), QStringLiteral("charge card"));
    QCOMPARE(label("parentIdLabel"), QStringLiteral("1111111111111111"));
    QVERIFY(status->palette().color(QPalette::WindowText) != ServicePalette::errorColor(m_panel->palette()));
    QVERIFY(m_panel->findChild<QFrame*>(QStringLiteral("warningsFrame"))->isHidden());
    QCOMPARE(tabs->tabText(0), QStringLiteral("Attributes (0)"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Events (1)"));
}

void SpanDetailPanelTest::showsProcessAndScope()
{
    m_document->setCurrentSpan(spanIndex(rootId));
    auto* resource = m_panel->findChild<QTableView*>(QStringLiteral("resourceView"));
    auto* scope = m_panel->findChild<QTableView*>(QStringLiteral("scopeView"));
    QVERIFY(resource && scope);
    QCOMPARE(resource->model()->rowCount(), 3); // service.name, host.name, process.pid
    QCOMPARE(scope->model()->rowCount(), 1);
    const QString scopeTitle = m_panel->findChild<QLabel*>(QStringLiteral("scopeTitle"))->text();
    QVERIFY2(
        scopeTitle.contains(QStringLiteral("checkout-instrumentation")) && scopeTitle.contains(QStringLiteral("1.4.0")),
        qPrintable(scopeTitle));
}

void SpanDetailPanelTest::copiesIds()
{
    m_document->setCurrentSpan(spanIndex(chargeId));
    QClipboard* clipboard = QGuiApplication::clipboard();
    clipboard->clear();
    auto* copyTrace = m_panel->findChild<QToolButton*>(QStringLiteral("traceIdLabelCopy"));
    auto* copyParent = m_panel->findChild<QToolButton*>(QStringLiteral("parentIdLabelCopy"));
    QVERIFY(copyTrace && copyParent);
    QTest::mouseClick(copyTrace, Qt::LeftButton);
    QCOMPARE(clipboard->text(), QString::fromLatin1(traceA));
    QTest::mouseClick(copyParent, Qt::LeftButton);
    QCOMPARE(clipboard->text(), QStringLiteral("1111111111111111"));
    auto* spanLabel = m_panel->findChild<QLabel*>(QStringLiteral("spanIdLabel"));
    QVERIFY(spanLabel->textInteractionFlags() & Qt::TextSelectableByMouse);

    // A root has no parent id to copy.
    m_document->setCurrentSpan(spanIndex(rootId));
    QVERIFY(!copyParent->isEnabled());
}

void SpanDetailPanelTest::copiesAttributeValueWithShortcut()
{
    m_document->setCurrentSpan(spanIndex(rootId));
    auto* tabs = m_panel->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
    auto* view = m_panel->findChild<QTableView*>(QStringLiteral("attributesView"));
    tabs->setCurrentWidget(view);
    // Sorted by key: cache.hit, http.method, http.status_code, sample.ratio.
    QCOMPARE(
        view->model()->index(2, AttributeTableModel::KeyColumn).data().toString(), QStringLiteral("http.status_code"));
    view->selectRow(2);
    view->setFocus();
    QGuiApplication::clipboard()->clear();
    QTest::keySequence(view, QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("500"));
}

void SpanDetailPanelTest::outgoingLinkSelectsSpanInThisTrace()
{
    m_document->setCurrentSpan(spanIndex(chargeId));
    auto* tabs = m_panel->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Links (3)")); // two out, one in
    QTreeWidgetItem* toRoot = linkItem(0, 0);
    QVERIFY(toRoot);
    QVERIFY2(toRoot->text(0).contains(QStringLiteral("GET /checkout")), qPrintable(toRoot->text(0)));
    click(m_panel->findChild<QTreeWidget*>(QStringLiteral("linksTree")), toRoot);
    QTRY_COMPARE(m_document->currentSpan(), spanIndex(rootId));
    QCOMPARE(m_panel->shownSpan(), spanIndex(rootId));
}

void SpanDetailPanelTest::outgoingLinkToAnotherTraceAsksToOpenIt()
{
    m_document->setCurrentSpan(spanIndex(chargeId));
    QSignalSpy spy(m_panel.get(), &SpanDetailPanel::openTraceRequested);
    QTreeWidgetItem* toSettle = linkItem(0, 1);
    QVERIFY(toSettle);
    QCOMPARE(toSettle->childCount(), 1); // the link's attribute
    QVERIFY(toSettle->child(0)->text(0).contains(QStringLiteral("settlement")));
    click(m_panel->findChild<QTreeWidget*>(QStringLiteral("linksTree")), toSettle);
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.front().at(0).value<TraceId>(), id(traceB));
    QCOMPARE(spy.front().at(1).value<SpanId>(), settleId);
    QCOMPARE(m_document->currentSpan(), spanIndex(chargeId));
}

void SpanDetailPanelTest::incomingLinksAreFoundInTheCache()
{
    m_document->setCurrentSpan(spanIndex(rootId));
    QTreeWidgetItem* fromCharge = linkItem(1, 0);
    QVERIFY(fromCharge);
    QVERIFY2(fromCharge->text(0).contains(QStringLiteral("charge card")), qPrintable(fromCharge->text(0)));
    QVERIFY(fromCharge->text(0).contains(QStringLiteral("payments")));
    QCOMPARE(linkItem(1, 1), nullptr);
    click(m_panel->findChild<QTreeWidget*>(QStringLiteral("linksTree")), fromCharge);
    QTRY_COMPARE(m_document->currentSpan(), spanIndex(chargeId));
}

void SpanDetailPanelTest::incomingLinkFromAnotherTraceAsksToOpenIt()
{
    m_document->setCurrentSpan(spanIndex(chargeId));
    QSignalSpy spy(m_panel.get(), &SpanDetailPanel::openTraceRequested);
    QTreeWidgetItem* fromSettle = linkItem(1, 0);
    QVERIFY(fromSettle);
    QVERIFY2(fromSettle->text(0).contains(QStringLiteral("settle batch")), qPrintable(fromSettle->text(0)));
    click(m_panel->findChild<QTreeWidget*>(QStringLiteral("linksTree")), fromSettle);
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.front().at(0).value<TraceId>(), id(traceB));
    QCOMPARE(spy.front().at(1).value<SpanId>(), settleId);
}

void SpanDetailPanelTest::showsWarningsOfOrphans()
{
    m_document->setCurrentSpan(spanIndex(orphanId));
    QVERIFY(m_index->has(spanIndex(orphanId), TraceIndex::Orphan));
    auto* frame = m_panel->findChild<QFrame*>(QStringLiteral("warningsFrame"));
    QVERIFY(frame->isVisible());
    const QString text = m_panel->findChild<QLabel*>(QStringLiteral("warningsLabel"))->text();
    QVERIFY2(text.contains(QStringLiteral("9999999999999999")), qPrintable(text));
    QVERIFY(!m_panel->findChild<QToolButton*>(QStringLiteral("goToParentButton"))->isEnabled());
}

void SpanDetailPanelTest::goesToParent()
{
    m_document->setCurrentSpan(spanIndex(chargeId));
    auto* button = m_panel->findChild<QToolButton*>(QStringLiteral("goToParentButton"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(m_document->currentSpan(), spanIndex(rootId));
}

void SpanDetailPanelTest::forgetsADeletedDocument()
{
    m_document->setCurrentSpan(spanIndex(rootId));
    m_document.reset();
    QCOMPARE(m_panel->document(), nullptr);
    QCOMPARE(m_panel->shownSpan(), -1);
    auto* stack = m_panel->findChild<QStackedWidget*>();
    QCOMPARE(stack->currentWidget(), m_panel->findChild<QLabel*>(QStringLiteral("emptyStateLabel")));
}

void SpanDetailPanelTest::followsLinksWithTheKeyboard()
{
    m_document->setCurrentSpan(spanIndex(chargeId));
    auto* tree = m_panel->findChild<QTreeWidget*>(QStringLiteral("linksTree"));
    m_panel->findChild<QTabWidget*>(QStringLiteral("detailTabs"))->setCurrentWidget(tree);
    tree->setFocus();
    tree->setCurrentItem(linkItem(0, 0));
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_COMPARE(m_document->currentSpan(), spanIndex(rootId));
}

void SpanDetailPanelTest::listsTheLinksOfCorpusTraces_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("OTLP links with attributes")
        << QStringLiteral("otlp-json/jaeger/storage-link_attributes_trace.json");
    QTest::newRow("Jaeger FOLLOWS_FROM and cross-trace references") << QStringLiteral("jaeger-json/jaeger/ui_01.json");
}

void SpanDetailPanelTest::listsTheLinksOfCorpusTraces()
{
    QFETCH(QString, file);
    const QString path = QStringLiteral(SKEIN_CORPUS_DIR "/") + file;
    if (!QFile::exists(path))
        QSKIP(qPrintable(QStringLiteral("the shared corpus is not at %1").arg(QStringLiteral(SKEIN_CORPUS_DIR))));
    QTemporaryDir dir;
    const QString cachePath = dir.filePath(QStringLiteral("corpus.sqlite"));
    std::unique_ptr<TraceStore> store = TraceStore::open(cachePath, nullptr);
    QVERIFY(store);
    QVERIFY(!importFile(*store, path).report.rejected);
    int linksSeen = 0;
    for (const TraceSummary& summary : store->findTraces({})) {
        auto index = std::make_shared<const TraceIndex>(*store->loadTraceIndex(summary.traceId));
        TraceDocument document(index, cachePath);
        m_panel->setDocument(&document);
        for (int32_t span = 0; span < index->size(); ++span) {
            document.setCurrentSpan(span);
            const std::optional<SpanRecord> record = store->loadSpan(index->rowId[size_t(span)]);
            QVERIFY(record);
            QCOMPARE(m_panel->findChild<QLabel*>(QStringLiteral("operationLabel"))->text(),
                record->name.empty() ? QStringLiteral("(unnamed span)") : QString::fromStdString(record->name));
            QTreeWidgetItem* outgoing = linkItem(0, 0) ? linkItem(0, 0)->parent() : nullptr;
            QVERIFY(outgoing);
            QCOMPARE(outgoing->childCount(), std::max<int>(1, int(record->links.size())));
            const int incoming = int(store->spansLinkingTo(record->traceId, record->spanId).size());
            QCOMPARE(linkItem(1, 0)->parent()->childCount(), std::max(1, incoming));
            linksSeen += int(record->links.size()) + incoming;
        }
        m_panel->setDocument(nullptr);
    }
    QVERIFY2(linksSeen > 0, "the corpus file should have links");
}

void SpanDetailPanelTest::rendersInLightAndDarkPalettes()
{
    auto* tabs = m_panel->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
    m_document->setCurrentSpan(spanIndex(rootId));
    tabs->setCurrentIndex(1);
    QVERIFY(render(QStringLiteral("spandetail-light")));

    QApplication::setPalette(darkPalette());
    QCoreApplication::processEvents();
    QVERIFY(ServicePalette::isDark(m_panel->palette()));
    // The status colour follows the palette.
    QCOMPARE(m_panel->findChild<QLabel*>(QStringLiteral("statusLabel"))->palette().color(QPalette::WindowText),
        ServicePalette::errorColor(m_panel->palette()));
    tabs->setCurrentIndex(0);
    QVERIFY(render(QStringLiteral("spandetail-dark")));

    m_document->setCurrentSpan(spanIndex(chargeId));
    tabs->setCurrentIndex(2);
    QVERIFY(render(QStringLiteral("spandetail-links-dark")));
    m_document->setCurrentSpan(spanIndex(orphanId));
    tabs->setCurrentIndex(3);
    QVERIFY(render(QStringLiteral("spandetail-orphan-dark")));
    m_panel->setDocument(nullptr);
    m_panel->resize(400, 300);
    QVERIFY(render(QStringLiteral("spandetail-empty-dark")));
}

QTEST_MAIN(SpanDetailPanelTest)
#include "tst_spandetailpanel.moc"
