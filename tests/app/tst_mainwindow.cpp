// SPDX-License-Identifier: MIT
// The main window, rendered offscreen over a real cache file: the sample on first start, the empty-cache
// offer, opening files (one trace opens in a tab; problems are listed), the docks following the tab,
// drag and drop, recent files, shortcuts, and a screenshot with a trace open.
#include "demogenerator.h"
#include "importproblemsdialog.h"
#include "importprogressdialog.h"
#include "loginspector.h"
#include "mainwindow.h"
#include "searchpanel.h"
#include "spandetailpanel.h"
#include "timelineview.h"
#include "tracedocument.h"
#include "tracestore.h"
#include "traceview.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace skein;

namespace {

const char* singleTraceJson = R"({"data":[{"traceID":"00000000000000000000000000000abc","spans":[
  {"traceID":"abc","spanID":"1","operationName":"GET /cart","startTime":1700000000000000,"duration":1500,
   "references":[],"tags":[{"key":"error","type":"bool","value":true}],
   "logs":[{"timestamp":1700000000000500,"fields":[{"key":"event","type":"string","value":"cache miss"}]}],
   "processID":"p1"},
  {"traceID":"abc","spanID":"2","operationName":"SELECT cart","startTime":1700000000000100,"duration":900,
   "references":[{"refType":"CHILD_OF","traceID":"abc","spanID":"1"}],"tags":[],"logs":[],"processID":"p2"}],
  "processes":{"p1":{"serviceName":"cart","tags":[]},"p2":{"serviceName":"cart-db","tags":[]}}}]})";

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(content);
    return path;
}

QTableView* resultsTable(MainWindow& window)
{
    return window.searchPanel()->findChild<QTableView*>();
}

QAction* actionWithShortcut(MainWindow& window, const QKeySequence& shortcut)
{
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcuts().contains(shortcut))
            return action;
    return nullptr;
}

} // namespace

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("skein-test"));
        QCoreApplication::setApplicationName(QStringLiteral("skein-test-mainwindow"));
        QSettings().clear();
    }

    void firstStartShowsSample()
    {
        QSettings().remove(QStringLiteral("sample/offered"));
        MainWindow window(m_dir.filePath(QStringLiteral("first.sqlite")));
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(resultsTable(window)->model()->rowCount(), 40, 30000);
        auto* banner = window.findChild<QWidget*>(QStringLiteral("emptyCacheBanner"));
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(
            window.statusBar()->findChildren<QLabel*>().last()->text().contains(QStringLiteral("40 traces")), 30000);
    }

    void laterEmptyCacheOffersSample()
    {
        QSettings().setValue(QStringLiteral("sample/offered"), true);
        MainWindow window(m_dir.filePath(QStringLiteral("later.sqlite")));
        window.show();
        auto* banner = window.findChild<QWidget*>(QStringLiteral("emptyCacheBanner"));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
        QCOMPARE(resultsTable(window)->model()->rowCount(), 0);
        QPushButton* load = nullptr;
        for (QPushButton* button : banner->findChildren<QPushButton*>())
            if (button->text().contains(QStringLiteral("Sample")))
                load = button;
        QVERIFY(load);
        load->click();
        QTRY_COMPARE_WITH_TIMEOUT(resultsTable(window)->model()->rowCount(), 40, 30000);
        QVERIFY(!banner->isVisible());
    }

    void openingASingleTraceFileOpensItsTab()
    {
        QSettings().setValue(QStringLiteral("sample/offered"), true);
        const QString file = writeFile(m_dir, QStringLiteral("single.json"), singleTraceJson);
        MainWindow window(m_dir.filePath(QStringLiteral("single.sqlite")));
        window.show();
        window.importFiles({ file });
        QTRY_COMPARE_WITH_TIMEOUT(window.traceTabCount(), 1, 30000);
        TraceDocument* document = window.currentDocument();
        QVERIFY(document);
        QCOMPARE(document->index().size(), 2);
        QCOMPARE(document->index().operationName(0), QStringLiteral("GET /cart"));
        QCOMPARE(document->currentSpan(), 0); // the root is selected, so the detail shows something
        QTRY_VERIFY_WITH_TIMEOUT(document->content(), 30000);
        QCOMPARE(document->content()->events.size(), size_t(1));
        QTRY_COMPARE_WITH_TIMEOUT(resultsTable(window)->model()->rowCount(), 1, 30000);
        QVERIFY(QSettings().value(QStringLiteral("recentFiles")).toStringList().contains(file));

        // Trace actions work on the tab; closing it leaves the Search tab and disables them.
        QAction* find = actionWithShortcut(window, QKeySequence::Find);
        QVERIFY(find && find->isEnabled());
        QVERIFY(actionWithShortcut(window, QKeySequence::ZoomIn));
        QVERIFY(actionWithShortcut(window, QKeySequence::ZoomOut));
        QAction* close = actionWithShortcut(window, QKeySequence::Close);
        QVERIFY(close);
        close->trigger();
        QTRY_COMPARE(window.traceTabCount(), 0);
        QVERIFY(!find->isEnabled());
        QVERIFY(!window.currentDocument());
    }

    void searchResultOpensTraceAndDocksFollow()
    {
        QSettings().remove(QStringLiteral("sample/offered"));
        MainWindow window(m_dir.filePath(QStringLiteral("docks.sqlite")));
        window.show();
        QTableView* table = resultsTable(window);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 40, 30000);
        // Activating a result row (Enter / double click) opens its trace.
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(window.traceTabCount(), 1, 30000);
        TraceDocument* first = window.currentDocument();
        QVERIFY(first);
        // The status line says how long the trace took to show.
        const QLabel* message = window.statusBar()->findChildren<QLabel*>().first();
        const QRegularExpression opened(
            QStringLiteral("^Opened trace [0-9a-f]{32}: \\d+ span\\S* in \\d+(\\.\\d+)?(ms|s)$"));
        QTRY_VERIFY2(opened.match(message->text()).hasMatch(), qPrintable(message->text()));
        QCOMPARE(window.findChild<SpanDetailPanel*>()->document(), first);
        QCOMPARE(window.findChild<LogInspector*>()->document(), first);
        // Opening the same trace again switches to its tab instead of adding one.
        window.openTrace(first->index().traceId);
        QCOMPARE(window.traceTabCount(), 1);
    }

    void rejectedFileIsListedWithItsPosition()
    {
        QSettings().setValue(QStringLiteral("sample/offered"), true);
        const QString bad = writeFile(m_dir, QStringLiteral("broken.json"), "{\"data\": [ {\"traceID\": \n  oops");
        MainWindow window(m_dir.filePath(QStringLiteral("bad.sqlite")));
        window.show();
        window.importFiles({ bad });
        ImportProblemsDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<ImportProblemsDialog*>()) != nullptr, 30000);
        QVERIFY2(dialog->text().contains(QStringLiteral("line 2")), qPrintable(dialog->text()));
        QVERIFY(dialog->text().contains(bad));
        QCOMPARE(window.traceTabCount(), 0);
    }

    void droppedFilesAreImported()
    {
        QSettings().setValue(QStringLiteral("sample/offered"), true);
        const QString file = writeFile(m_dir, QStringLiteral("dropped.json"), singleTraceJson);
        MainWindow window(m_dir.filePath(QStringLiteral("drop.sqlite")));
        window.show();
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(file) });
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(window.traceTabCount(), 1, 30000);
    }

    void bigImportShowsProgressAndCancels()
    {
        QSettings().setValue(QStringLiteral("sample/offered"), true);
        const QString file = m_dir.filePath(QStringLiteral("big.pb"));
        // Big enough to outlast the dialog's delay several times over (an import of this format runs at
        // about 300k spans/s on a 2-core VM).
        DemoOptions options;
        options.spans = 600000;
        QString error;
        QVERIFY2(writeDemoFile(options, DemoFormat::OtlpProto, file, &error), qPrintable(error));
        const QString db = m_dir.filePath(QStringLiteral("big.sqlite"));
        MainWindow window(db);
        window.show();
        window.importFiles({ file });
        ImportProgressDialog* dialog = window.findChild<ImportProgressDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        QPushButton* cancel = nullptr;
        for (QPushButton* button : dialog->findChildren<QPushButton*>())
            if (button->text().contains(QStringLiteral("Cancel")))
                cancel = button;
        QVERIFY(cancel);
        // The dialog counts bytes and spans while the import runs.
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->findChildren<QLabel*>().last()->text().contains(QStringLiteral("spans")), 10000);
        dialog->grab().save(QDir::temp().filePath(QStringLiteral("skein-tst-importprogress.png")));
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible() && window.isIdle(), 30000);
        QVERIFY(window.statusBar()->findChildren<QLabel*>().first()->text().contains(QStringLiteral("cancelled")));
        auto store = TraceStore::open(db, nullptr);
        QVERIFY(store);
        QCOMPARE(store->info().spans, int64_t(0));
        QCOMPARE(window.traceTabCount(), 0);
    }

    void screenshotShowsTraceDetailAndLogs()
    {
        QSettings().setValue(QStringLiteral("sample/offered"), true);
        const QString file = writeFile(m_dir, QStringLiteral("shot.json"), singleTraceJson);
        MainWindow window(m_dir.filePath(QStringLiteral("shot.sqlite")));
        window.resize(1280, 800);
        window.show();
        window.importFiles({ file });
        QTRY_VERIFY_WITH_TIMEOUT(window.currentDocument() && window.currentDocument()->content(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 30000);
        QTest::qWait(200);
        const QImage image = window.grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 800));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 40, qPrintable(QString::number(colours.size())));
        image.save(QDir::temp().filePath(QStringLiteral("skein-tst-mainwindow.png")));

        // A dark palette reaches every part of the window: the timeline's background follows it.
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        dark.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
        dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
        dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3a));
        dark.setColor(QPalette::ButtonText, QColor(0xdd, 0xdd, 0xdd));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        QApplication::setPalette(dark);
        QTest::qWait(100);
        const QImage darkImage = window.grab().toImage();
        darkImage.save(QDir::temp().filePath(QStringLiteral("skein-tst-mainwindow-dark.png")));
        QApplication::setPalette(light);
        TraceView* view = window.currentTraceView();
        QVERIFY(view);
        const QPoint inTimeline = view->timeline()->viewport()->mapTo(
            &window, QPoint(view->timeline()->viewport()->width() - 5, view->timeline()->viewport()->height() - 5));
        QVERIFY2(QColor(darkImage.pixel(inTimeline)).lightnessF() < 0.3,
            qPrintable(QColor(darkImage.pixel(inTimeline)).name()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
