// SPDX-License-Identifier: MIT
// The main window, rendered offscreen: it fills an empty cache with the sample, lists traces, imports.
#include "mainwindow.h"
#include "tracestore.h"

#include <QApplication>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace skein;

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void emptyCacheShowsSample();
    void importAddsTraces();
    void screenshotHasContent();

private:
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("skein-test"));
    QCoreApplication::setApplicationName(QStringLiteral("skein-test"));
}

void tst_MainWindow::emptyCacheShowsSample()
{
    MainWindow window(m_dir.filePath(QStringLiteral("sample.sqlite")));
    window.show();
    auto* table = window.findChild<QTableView*>();
    QVERIFY(table);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 40, 30000);
    auto* status = window.statusBar()->findChild<QLabel*>();
    QVERIFY(status);
    QTRY_VERIFY(status->text().contains(QStringLiteral("sample")));
    // Newest first.
    const QModelIndex first = table->model()->index(0, 0);
    const QModelIndex last = table->model()->index(39, 0);
    QVERIFY(first.data().toString() >= last.data().toString());
}

void tst_MainWindow::importAddsTraces()
{
    const QString db = m_dir.filePath(QStringLiteral("import.sqlite"));
    const QString file = m_dir.filePath(QStringLiteral("small.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"data":[{"traceID":"00000000000000000000000000000abc","spans":[
      {"traceID":"abc","spanID":"1","operationName":"GET /cart","startTime":1700000000000000,"duration":1500,
       "references":[],"tags":[{"key":"error","type":"bool","value":true}],"logs":[],"processID":"p1"}],
      "processes":{"p1":{"serviceName":"cart","tags":[]}}}]})");
    out.close();

    MainWindow window(db);
    window.show();
    auto* table = window.findChild<QTableView*>();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 40, 30000);
    window.importFiles({ file });
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 41, 30000);
    auto* status = window.statusBar()->findChild<QLabel*>();
    QTRY_VERIFY(status->text().contains(QStringLiteral("41 traces")));
}

void tst_MainWindow::screenshotHasContent()
{
    MainWindow window(m_dir.filePath(QStringLiteral("sample.sqlite")));
    window.resize(1000, 600);
    window.show();
    auto* table = window.findChild<QTableView*>();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 40, 30000);
    const QImage image = window.grab().toImage();
    QCOMPARE(image.size(), QSize(1000, 600));
    // Text was drawn: many distinct colours, not a blank window.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
