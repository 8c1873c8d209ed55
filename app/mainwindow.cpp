// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "fileimport.h"
#include "sampledata.h"
#include "tracelistmodel.h"
#include "tracestore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QtConcurrent>

namespace skein {

struct MainWindow::LoadResult {
    uint64_t generation = 0;
    bool addedSample = false;
    QString error;
    StoreInfo info;
    std::vector<TraceSummary> traces;
};

namespace {
constexpr int traceListLimit = 5000;
}

MainWindow::MainWindow(const QString& databasePath, QWidget* parent)
    : QMainWindow(parent)
    , m_databasePath(databasePath)
{
    setWindowTitle(tr("Skein"));
    m_model = new TraceListModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TraceListModel::SortRole);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TraceListModel::StartColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    setCentralWidget(m_table);

    m_statusLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelImport);
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);

    createActions();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1200, 720);
    m_table->horizontalHeader()->restoreState(settings.value(QStringLiteral("mainWindow/traceColumns")).toByteArray());

    m_importWatcher = new QFutureWatcher<ImportOutcome>(this);
    connect(m_importWatcher, &QFutureWatcher<ImportOutcome>::finished, this, &MainWindow::importFinished);
    m_loadWatcher = new QFutureWatcher<std::shared_ptr<LoadResult>>(this);
    connect(m_loadWatcher, &QFutureWatcher<std::shared_ptr<LoadResult>>::finished, this, &MainWindow::tracesLoaded);

    // Deferred, so that files named on the command line are queued first and the sample is not added.
    QTimer::singleShot(0, this, &MainWindow::refreshTraces);
}

MainWindow::~MainWindow()
{
    if (m_cancelImport)
        m_cancelImport->store(true);
    m_importWatcher->waitForFinished();
    m_loadWatcher->waitForFinished();
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* importAction = fileMenu->addAction(tr("&Import Trace Files…"), this, &MainWindow::chooseFilesToImport);
    importAction->setShortcut(QKeySequence::Open);
    QAction* refreshAction = fileMenu->addAction(tr("&Reload Trace List"), this, &MainWindow::refreshTraces);
    refreshAction->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Skein"), this, [this] {
        QMessageBox::about(this, tr("About Skein"),
                           tr("<b>Skein %1</b><p>A desktop explorer for distributed traces.</p><p>Cache: %2</p>")
                               .arg(QCoreApplication::applicationVersion(), m_databasePath.toHtmlEscaped()));
    });
}

void MainWindow::chooseFilesToImport()
{
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("import/lastFolder")).toString();
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Trace Files"), folder,
        tr("Trace files (*.json *.jsonl *.ndjson *.gz *.zst);;All files (*)"));
    if (files.isEmpty())
        return;
    settings.setValue(QStringLiteral("import/lastFolder"), QFileInfo(files.first()).absolutePath());
    importFiles(files);
}

void MainWindow::importFiles(const QStringList& paths)
{
    m_pendingImports += paths;
    if (!m_importWatcher->isRunning())
        startNextImport();
}

void MainWindow::startNextImport()
{
    if (m_pendingImports.isEmpty()) {
        m_progress->hide();
        m_cancelButton->hide();
        if (!m_importProblems.isEmpty()) {
            QMessageBox::warning(this, tr("Import"), m_importProblems.join(QStringLiteral("\n\n")));
            m_importProblems.clear();
        }
        refreshTraces();
        return;
    }
    const QString path = m_pendingImports.takeFirst();
    m_importedAnything = true;
    m_cancelImport = std::make_shared<std::atomic<bool>>(false);
    m_importBytesDone = std::make_shared<std::atomic<int64_t>>(0);
    m_importBytesTotal = QFileInfo(path).size();
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    m_statusLabel->setText(tr("Importing %1…").arg(QFileInfo(path).fileName()));

    auto cancel = m_cancelImport;
    auto bytesDone = m_importBytesDone;
    const QString databasePath = m_databasePath;
    m_importWatcher->setFuture(QtConcurrent::run([databasePath, path, cancel, bytesDone] {
        QString error;
        auto store = TraceStore::open(databasePath, &error);
        if (!store) {
            ImportOutcome outcome;
            outcome.path = path;
            outcome.report.reject(error.toStdString(), {});
            return outcome;
        }
        ImportOptions options;
        options.cancel = cancel.get();
        options.progress = [bytesDone](const ImportProgress& progress) { bytesDone->store(progress.bytesDone); };
        return importFile(*store, path, options);
    }));

    auto* timer = new QTimer(m_importWatcher);
    connect(timer, &QTimer::timeout, this, [this] {
        if (m_importBytesTotal > 0 && m_importBytesDone)
            m_progress->setValue(int(1000 * m_importBytesDone->load() / m_importBytesTotal));
    });
    connect(m_importWatcher, &QFutureWatcher<ImportOutcome>::finished, timer, &QObject::deleteLater);
    timer->start(100);
}

void MainWindow::importFinished()
{
    const ImportOutcome outcome = m_importWatcher->result();
    const QString name = QFileInfo(outcome.path).fileName();
    if (outcome.report.cancelled) {
        m_statusLabel->setText(tr("Import of %1 cancelled; the cache is unchanged.").arg(name));
        m_pendingImports.clear();
    } else if (outcome.report.rejected) {
        QString where;
        if (outcome.report.error.position.line > 0)
            where = tr(" (line %1, column %2)").arg(outcome.report.error.position.line).arg(outcome.report.error.position.column);
        else if (outcome.report.error.position.offset >= 0)
            where = tr(" (byte offset %1)").arg(outcome.report.error.position.offset);
        m_importProblems << tr("%1 was not imported%2:\n%3").arg(name, where, QString::fromStdString(outcome.report.error.message));
    } else {
        m_statusLabel->setText(tr("Imported %1: %2 traces, %3 spans%4")
                                   .arg(name)
                                   .arg(outcome.counts.traces)
                                   .arg(outcome.counts.spans)
                                   .arg(outcome.report.warnings.empty() ? QString()
                                                                        : tr(", %1 warnings").arg(outcome.report.warnings.size())));
    }
    startNextImport();
}

void MainWindow::cancelImport()
{
    m_pendingImports.clear();
    if (m_cancelImport)
        m_cancelImport->store(true);
}

void MainWindow::refreshTraces()
{
    if (m_loadWatcher->isRunning()) {
        m_refreshAgain = true;
        return;
    }
    const uint64_t generation = ++m_loadGeneration;
    const QString databasePath = m_databasePath;
    const bool offerSample = m_pendingImports.isEmpty() && !m_importWatcher->isRunning() && !m_importedAnything;
    m_loadWatcher->setFuture(QtConcurrent::run([databasePath, generation, offerSample] {
        auto result = std::make_shared<LoadResult>();
        result->generation = generation;
        auto store = TraceStore::open(databasePath, &result->error);
        if (!store)
            return result;
        result->addedSample = offerSample && addSampleWhenEmpty(*store);
        result->info = store->info();
        TraceFilter filter;
        filter.limit = traceListLimit;
        result->traces = store->findTraces(filter);
        return result;
    }));
}

void MainWindow::tracesLoaded()
{
    const std::shared_ptr<LoadResult> result = m_loadWatcher->result();
    if (m_refreshAgain) {
        m_refreshAgain = false;
        refreshTraces();
        return;
    }
    if (!result || result->generation != m_loadGeneration)
        return;
    if (!result->error.isEmpty()) {
        m_statusLabel->setText(tr("Cannot open the cache %1: %2").arg(m_databasePath, result->error));
        return;
    }
    m_model->setTraces(std::move(result->traces));
    if (m_table->horizontalHeader()->sectionSize(TraceListModel::RootColumn) < 200)
        m_table->resizeColumnsToContents();
    m_storeSummary = tr("%1 traces, %2 spans, %3 services in %4%5")
                         .arg(result->info.traces)
                         .arg(result->info.spans)
                         .arg(result->info.services)
                         .arg(QFileInfo(m_databasePath).fileName())
                         .arg(result->addedSample ? tr(" (a generated sample: the cache was empty)") : QString());
    if (!m_importWatcher->isRunning())
        m_statusLabel->setText(m_storeSummary);
    maybeSaveScreenshot();
}

void MainWindow::saveScreenshotWhenIdle(const QString& path)
{
    m_screenshotPath = path;
    maybeSaveScreenshot();
}

void MainWindow::maybeSaveScreenshot()
{
    if (m_screenshotPath.isEmpty() || m_importWatcher->isRunning() || !m_pendingImports.isEmpty()
        || m_loadWatcher->isRunning() || m_storeSummary.isEmpty())
        return;
    const QString path = m_screenshotPath;
    m_screenshotPath.clear();
    QTimer::singleShot(200, this, [this, path] {
        grab().save(path);
        QApplication::quit();
    });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/traceColumns"), m_table->horizontalHeader()->saveState());
    cancelImport();
    event->accept();
}

} // namespace skein
