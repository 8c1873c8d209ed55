// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "backgroundthreads.h"
#include "dependencypanel.h"
#include "durationtext.h"
#include "helpdialog.h"
#include "importproblemsdialog.h"
#include "importprogressdialog.h"
#include "importqueue.h"
#include "jaegerbrowser.h"
#include "languagemenu.h"
#include "loginspector.h"
#include "memoryrelease.h"
#include "recentfiles.h"
#include "sampledata.h"
#include "searchpanel.h"
#include "spandetailpanel.h"
#include "tracedocument.h"
#include "traceindex.h"
#include "tracelistmodel.h"
#include "tracestore.h"
#include "traceview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace skein {

namespace {

QIcon icon(const char* name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

struct LoadedTrace {
    std::shared_ptr<const TraceIndex> index;
    std::shared_ptr<TraceContent> content; // every span's details, read in the same pass
    QString title;
    QString error;
};

struct CacheState {
    StoreInfo info;
    bool addedSample = false;
    QString error;
};

constexpr const char* traceIdProperty = "skeinTraceId";

} // namespace

MainWindow::MainWindow(const QString& databasePath, QWidget* parent)
    : QMainWindow(parent)
    , m_databasePath(databasePath)
{
    setWindowTitle(tr("Skein"));
    setWindowIcon(icon("skein"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    m_search = new SearchPanel(m_databasePath, this);
    connect(m_search, &SearchPanel::openTraceRequested, this, [this](const TraceId& id) { openTrace(id); });

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->addTab(m_search, icon("search"), tr("Search"));
    m_dependencies = new DependencyPanel(m_databasePath, this);
    m_tabs->addTab(m_dependencies, icon("dependencies"), tr("Dependencies"));
    // The graph of the current search result is one of the Dependencies tab's scopes.
    connect(m_search, &SearchPanel::resultsChanged, this, [this] {
        std::vector<TraceId> ids;
        const QAbstractItemModel* results = m_search->model();
        for (int row = 0; row < results->rowCount(); ++row)
            if (auto id
                = TraceId::fromHex(results->index(row, 0).data(TraceListModel::TraceIdRole).toString().toStdString()))
                ids.push_back(*id);
        m_dependencies->setSearchScope(std::move(ids));
    });
    connect(m_dependencies, &DependencyPanel::searchRequested, this, [this](const TraceFilter& filter) {
        m_search->setFilter(filter);
        m_search->search();
        m_tabs->setCurrentWidget(m_search);
    });
    for (int fixed = 0; fixed < 2; ++fixed) {
        m_tabs->tabBar()->setTabButton(fixed, QTabBar::RightSide, nullptr);
        m_tabs->tabBar()->setTabButton(fixed, QTabBar::LeftSide, nullptr);
    }
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::currentTabChanged);

    createEmptyCacheBanner();
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_emptyBanner);
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_imports = new ImportQueue(m_databasePath, this);
    m_importProgress = new ImportProgressDialog(m_imports, this);
    connect(m_imports, &ImportQueue::fileStarted, this,
        [this](const QString& path) { m_messageLabel->setText(tr("Importing %1…").arg(QFileInfo(path).fileName())); });
    connect(m_imports, &ImportQueue::batchFinished, this, &MainWindow::batchImported);

    createDocks();
    createActions();

    m_messageLabel = new QLabel(this);
    // A long message (a deep file path) is cut at the window's edge rather than widening the window.
    m_messageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_cacheLabel = new QLabel(this);
    m_cacheLabel->setForegroundRole(QPalette::PlaceholderText);
    statusBar()->addWidget(m_messageLabel, 1);
    statusBar()->addPermanentWidget(m_cacheLabel);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1360, 860);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_detailWanted = settings.value(QStringLiteral("mainWindow/detailDock"), true).toBool();
    m_logWanted = settings.value(QStringLiteral("mainWindow/logDock"), true).toBool();
    m_docksShown = !m_detailDock->isHidden() || !m_logDock->isHidden();
    currentTabChanged();

    // Deferred, so that files named on the command line are queued first and the sample stays out.
    QTimer::singleShot(0, this, &MainWindow::checkCacheOnStart);
}

MainWindow::~MainWindow()
{
    // Trace views and their documents go before the docks that point at the documents.
    m_detail->setDocument(nullptr);
    m_logs->setDocument(nullptr);
}

void MainWindow::createDocks()
{
    m_detail = new SpanDetailPanel(this);
    connect(m_detail, &SpanDetailPanel::openTraceRequested, this, &MainWindow::openTrace);
    m_detailDock = new QDockWidget(tr("Span Detail"), this);
    m_detailDock->setObjectName(QStringLiteral("spanDetailDock"));
    m_detailDock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);

    m_logs = new LogInspector(this);
    m_logDock = new QDockWidget(tr("Log Inspector"), this);
    m_logDock->setObjectName(QStringLiteral("logInspectorDock"));
    m_logDock->setWidget(m_logs);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    resizeDocks({ m_detailDock }, { 420 }, Qt::Horizontal);
    resizeDocks({ m_logDock }, { 220 }, Qt::Vertical);
}

void MainWindow::createActions()
{
    QToolBar* toolBar = addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(20, 20));
    toolBar->setMovable(false);

    // File
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* openAction
        = fileMenu->addAction(icon("document-open"), tr("&Open Trace Files…"), this, &MainWindow::chooseFilesToOpen);
    openAction->setShortcut(QKeySequence::Open);
    openAction->setIconText(tr("Open"));
    openAction->setToolTip(tr("Open trace files (Jaeger, OTLP, Zipkin) into the cache"));
    QMenu* recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentFiles = new RecentFiles(recentMenu, this);
    connect(m_recentFiles, &RecentFiles::fileChosen, this, [this](const QString& path) { importFiles({ path }); });
    QAction* jaegerAction
        = fileMenu->addAction(icon("connect"), tr("Connect to &Jaeger…"), this, &MainWindow::openJaegerBrowser);
    jaegerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    jaegerAction->setIconText(tr("Jaeger"));
    jaegerAction->setToolTip(tr("Browse a Jaeger query service and fetch traces into the cache"));
    fileMenu->addAction(icon("sample"), tr("Load &Sample Traces"), this, &MainWindow::loadSample);
    fileMenu->addSeparator();
    QAction* closeTabAction = fileMenu->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    closeTabAction->setShortcut(QKeySequence::Close);
    m_traceActions << closeTabAction;
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    // Edit
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    m_findAction = editMenu->addAction(icon("find"), tr("&Find in Trace…"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->showFindBar();
    });
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setIconText(tr("Find"));
    QAction* findNext = editMenu->addAction(tr("Find &Next"), this, [this] {
        if (TraceDocument* document = currentDocument())
            document->goToMatch(true);
    });
    findNext->setShortcut(QKeySequence::FindNext);
    QAction* findPrevious = editMenu->addAction(tr("Find &Previous"), this, [this] {
        if (TraceDocument* document = currentDocument())
            document->goToMatch(false);
    });
    findPrevious->setShortcut(QKeySequence::FindPrevious);
    m_traceActions << m_findAction << findNext << findPrevious;

    // View
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* searchAction = viewMenu->addAction(icon("search"), tr("&Search Traces"), this, [this] {
        m_tabs->setCurrentWidget(m_search);
        m_search->setFocus();
    });
    searchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    searchAction->setIconText(tr("Search"));
    viewMenu->addSeparator();
    QAction* zoomIn = viewMenu->addAction(icon("zoom-in"), tr("Zoom &In"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->zoomIn();
    });
    zoomIn->setShortcuts({ QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal) });
    QAction* zoomOut = viewMenu->addAction(icon("zoom-out"), tr("Zoom &Out"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->zoomOut();
    });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* zoomReset = viewMenu->addAction(icon("zoom-fit"), tr("&Fit Whole Trace"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->resetZoom();
    });
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    zoomReset->setIconText(tr("Fit"));
    viewMenu->addSeparator();
    QAction* expandAll = viewMenu->addAction(icon("expand-all"), tr("&Expand All"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->expandAll();
    });
    expandAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Plus));
    QAction* collapseAll = viewMenu->addAction(icon("collapse-all"), tr("&Collapse All"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->collapseAll();
    });
    collapseAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Minus));
    m_traceActions << zoomIn << zoomOut << zoomReset << expandAll << collapseAll;
    viewMenu->addSeparator();
    // The keys of these live on each trace view (Ctrl+Shift+W / L / S), so the menu entries carry none.
    QAction* waterfall = viewMenu->addAction(tr("&Waterfall"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->setMode(TraceView::Mode::Waterfall);
    });
    QAction* flame = viewMenu->addAction(tr("F&lame Chart"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->setMode(TraceView::Mode::Flame);
    });
    QAction* selfTime = viewMenu->addAction(tr("&Self Time Summary"), this, [this] {
        if (TraceView* view = currentTraceView())
            view->selfTimeAction()->trigger();
    });
    waterfall->setToolTip(tr("One row per span (Ctrl+Shift+W in a trace)"));
    flame->setToolTip(tr("One row per depth, for very big traces (Ctrl+Shift+L in a trace)"));
    selfTime->setToolTip(tr("The operations that take the most time themselves (Ctrl+Shift+S in a trace)"));
    m_traceActions << waterfall << flame << selfTime;
    viewMenu->addSeparator();
    QAction* detailToggle = m_detailDock->toggleViewAction();
    detailToggle->setIcon(icon("detail"));
    detailToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    QAction* logToggle = m_logDock->toggleViewAction();
    logToggle->setIcon(icon("logs"));
    logToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    viewMenu->addAction(detailToggle);
    viewMenu->addAction(logToggle);
    viewMenu->addAction(toolBar->toggleViewAction());
    viewMenu->addSeparator();
    viewMenu->addMenu(new LanguageMenu(this));

    // Go: between tabs.
    QMenu* goMenu = menuBar()->addMenu(tr("&Go"));
    goMenu->addAction(icon("search"), tr("&Search"), this, [this] { m_tabs->setCurrentWidget(m_search); })
        ->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    goMenu
        ->addAction(
            icon("dependencies"), tr("&Dependencies"), this, [this] { m_tabs->setCurrentWidget(m_dependencies); })
        ->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    goMenu->addSeparator();
    QAction* nextTab = goMenu->addAction(
        tr("&Next Tab"), this, [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count()); });
    nextTab->setShortcut(QKeySequence::NextChild);
    QAction* previousTab = goMenu->addAction(tr("&Previous Tab"), this,
        [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count()); });
    previousTab->setShortcut(QKeySequence::PreviousChild);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(HelpDialog::createAction(m_databasePath, this));
    helpMenu->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    helpMenu->addSeparator();
    helpMenu->addAction(tr("&About Skein"), this, [this] {
        QMessageBox::about(this, tr("About Skein"),
            tr("<h3>Skein %1</h3><p>A desktop explorer for distributed traces: Jaeger, OpenTelemetry and Zipkin "
               "files, kept in a local cache.</p><p>Cache: <code>%2</code></p>")
                .arg(QCoreApplication::applicationVersion(), m_databasePath.toHtmlEscaped()));
    });
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    toolBar->addAction(openAction);
    toolBar->addAction(jaegerAction);
    toolBar->addAction(searchAction);
    // Zoom, expand and find sit on each trace tab's own bar, next to what they act on.
    toolBar->addSeparator();
    toolBar->addAction(detailToggle);
    toolBar->addAction(logToggle);
    for (QAction* action : toolBar->actions())
        if (!action->shortcut().isEmpty())
            action->setToolTip(QStringLiteral("%1 (%2)").arg(
                action->toolTip(), action->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::createEmptyCacheBanner()
{
    m_emptyBanner = new QFrame(this);
    m_emptyBanner->setObjectName(QStringLiteral("emptyCacheBanner"));
    m_emptyBanner->setAutoFillBackground(true);
    m_emptyBanner->setBackgroundRole(QPalette::AlternateBase);
    auto* label = new QLabel(
        tr("The trace cache is empty. Open your trace files, or look around with a built-in sample."), m_emptyBanner);
    label->setWordWrap(true);
    auto* sample = new QPushButton(icon("sample"), tr("Load Sample Traces"), m_emptyBanner);
    auto* open = new QPushButton(icon("document-open"), tr("Open Trace Files…"), m_emptyBanner);
    connect(sample, &QPushButton::clicked, this, &MainWindow::loadSample);
    connect(open, &QPushButton::clicked, this, &MainWindow::chooseFilesToOpen);
    auto* layout = new QHBoxLayout(m_emptyBanner);
    layout->setContentsMargins(14, 8, 14, 8);
    layout->addWidget(label, 1);
    layout->addWidget(sample);
    layout->addWidget(open);
    m_emptyBanner->hide();
}

void MainWindow::checkCacheOnStart()
{
    // The very first start fills an empty cache with the sample, so that a newcomer sees the app at
    // work; later an empty cache only offers it.
    QSettings settings;
    const bool firstStart = !settings.value(QStringLiteral("sample/offered")).toBool();
    settings.setValue(QStringLiteral("sample/offered"), true);
    const bool addSample = firstStart && !m_filesRequested;
    m_sampleLoading = true; // until the check below has answered
    auto* watcher = new QFutureWatcher<CacheState>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const CacheState state = watcher->result();
        m_sampleLoading = false;
        if (!state.error.isEmpty()) {
            m_messageLabel->setText(tr("Cannot open the cache %1: %2").arg(m_databasePath, state.error));
            return;
        }
        if (state.addedSample)
            m_messageLabel->setText(tr("The cache was empty, so it now holds a generated sample. Open your own "
                                       "files with File ▸ Open."));
        m_emptyBanner->setVisible(state.info.spans == 0 && !m_filesRequested);
        m_search->refresh();
        updateCacheLabel();
        maybeSaveScreenshot();
    });
    watcher->setFuture(QtConcurrent::run(backgroundThreads(), [path = m_databasePath, addSample] {
        CacheState state;
        std::unique_ptr<TraceStore> store = TraceStore::open(path, &state.error);
        if (!store)
            return state;
        state.addedSample = addSample && addSampleWhenEmpty(*store);
        state.info = store->info();
        return state;
    }));
}

void MainWindow::loadSample()
{
    m_sampleLoading = true;
    m_messageLabel->setText(tr("Adding the sample traces…"));
    auto* watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_sampleLoading = false;
        m_emptyBanner->hide();
        m_messageLabel->setText(watcher->result() ? tr("Added the sample traces.")
                                                  : tr("The cache already holds traces; the sample was not added."));
        m_search->refresh();
        m_dependencies->refresh();
        updateCacheLabel();
    });
    watcher->setFuture(QtConcurrent::run(backgroundThreads(), [path = m_databasePath] {
        std::unique_ptr<TraceStore> store = TraceStore::open(path, nullptr);
        return store && addSampleWhenEmpty(*store);
    }));
}

void MainWindow::openJaegerBrowser()
{
    auto* dialog = new JaegerBrowserDialog(m_databasePath, this);
    connect(dialog, &JaegerBrowserDialog::tracesFetched, this, [this](const std::vector<TraceId>& ids) {
        m_messageLabel->setText(tr("Fetched %n trace(s) into the cache.", nullptr, int(ids.size())));
        m_emptyBanner->hide();
        m_search->refresh();
        m_dependencies->refresh();
        updateCacheLabel();
        if (ids.size() == 1)
            openTrace(ids.front());
    });
    dialog->show();
}

void MainWindow::chooseFilesToOpen()
{
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("import/lastFolder")).toString();
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open Trace Files"), folder,
        tr("Trace files (*.json *.jsonl *.ndjson *.pb *.protobuf *.bin *.gz *.zst);;All files (*)"));
    if (files.isEmpty())
        return;
    settings.setValue(QStringLiteral("import/lastFolder"), QFileInfo(files.first()).absolutePath());
    importFiles(files);
}

void MainWindow::importFiles(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    m_filesRequested = true;
    m_emptyBanner->hide();
    m_recentFiles->add(paths);
    m_imports->enqueue(paths);
}

void MainWindow::openTraceAfterImport(const TraceId& traceId)
{
    m_traceAfterImport = traceId;
}

void MainWindow::batchImported(const std::vector<ImportOutcome>& outcomes)
{
    uint64_t traces = 0;
    uint64_t spans = 0;
    int imported = 0;
    bool cancelled = false;
    std::vector<TraceId> ids;
    for (const ImportOutcome& outcome : outcomes) {
        cancelled |= outcome.report.cancelled;
        if (outcome.report.rejected || outcome.report.cancelled)
            continue;
        ++imported;
        traces += outcome.counts.traces;
        spans += outcome.counts.spans;
        ids.insert(ids.end(), outcome.traceIds.begin(), outcome.traceIds.end());
    }
    const QLocale locale;
    if (cancelled)
        m_messageLabel->setText(tr("Import cancelled; the cache keeps only the files imported before."));
    else
        m_messageLabel->setText(tr("Imported %n file(s): %1 traces, %2 spans.", nullptr, imported)
                                    .arg(locale.toString(qulonglong(traces)), locale.toString(qulonglong(spans))));
    m_search->refresh();
    m_dependencies->refresh();
    updateCacheLabel();

    if (m_traceAfterImport) {
        openTrace(*m_traceAfterImport);
        m_traceAfterImport.reset();
    } else if (ids.size() == 1 || (!ids.empty() && !m_screenshotPath.isEmpty())) {
        openTrace(ids.front());
    } else if (!ids.empty()) {
        m_tabs->setCurrentWidget(m_search);
    }

    if (ImportProblemsDialog::hasProblems(outcomes)) {
        if (!m_screenshotPath.isEmpty()) {
            for (const ImportOutcome& outcome : outcomes)
                if (outcome.report.rejected)
                    qWarning("skein: %s was not imported: %s", qPrintable(outcome.path),
                        outcome.report.error.message.c_str());
        } else {
            auto* dialog = new ImportProblemsDialog(outcomes, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        }
    }
    maybeSaveScreenshot();
}

void MainWindow::openTrace(const TraceId& traceId, SpanId span)
{
    const QString key = QString::fromStdString(traceId.toHex());
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->property(traceIdProperty).toString() == key) {
            m_tabs->setCurrentIndex(i);
            auto* view = qobject_cast<TraceView*>(m_tabs->widget(i));
            if (view && span != 0) {
                const int32_t index = view->document()->index().findSpan(span);
                if (index >= 0)
                    view->document()->setCurrentSpan(index);
            }
            return;
        }
    }
    QElapsedTimer opening;
    opening.start();
    ++m_tracesLoading;
    m_messageLabel->setText(tr("Opening trace %1…").arg(key));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    auto* watcher = new QFutureWatcher<LoadedTrace>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, traceId, span, opening] {
        watcher->deleteLater();
        QApplication::restoreOverrideCursor();
        --m_tracesLoading;
        const LoadedTrace loaded = watcher->result();
        traceLoaded(traceId, span, loaded.index, loaded.content, loaded.title, loaded.error, opening);
    });
    watcher->setFuture(QtConcurrent::run(backgroundThreads(), [path = m_databasePath, traceId] {
        LoadedTrace loaded;
        // The index and every span's details in one pass over the rows: search, logs and warnings are
        // complete the moment the trace shows.
        std::optional<std::pair<TraceIndex, TraceContent>> trace;
        {
            QString error;
            std::unique_ptr<TraceStore> store = TraceStore::open(path, &error);
            if (!store) {
                loaded.error = error;
                return loaded;
            }
            trace = TraceContent::loadWithIndex(*store, traceId, nullptr, TraceContent::LoadOptions());
            if (std::optional<TraceSummary> summary = trace ? store->traceSummary(traceId) : std::nullopt)
                loaded.title = summary->rootService + QStringLiteral(": ") + summary->rootOperation;
        }
        // The load's scratch and the connection's page cache are gone now; a big trace leaves a lot of it.
        releaseFreedMemory();
        if (!trace) {
            loaded.error = QCoreApplication::translate("skein::MainWindow", "The trace %1 is not in the cache.")
                               .arg(QString::fromStdString(traceId.toHex()));
            return loaded;
        }
        loaded.index = std::make_shared<const TraceIndex>(std::move(trace->first));
        loaded.content = std::make_shared<TraceContent>(std::move(trace->second));
        return loaded;
    }));
}

void MainWindow::traceLoaded(const TraceId& traceId, SpanId span, std::shared_ptr<const TraceIndex> index,
    std::shared_ptr<TraceContent> content, const QString& title, const QString& error, QElapsedTimer opening)
{
    if (!index) {
        m_messageLabel->setText(error);
        maybeSaveScreenshot();
        return;
    }
    const QString key = QString::fromStdString(traceId.toHex());
    auto* document = content ? new TraceDocument(index, m_databasePath, std::move(*content))
                             : new TraceDocument(index, m_databasePath);
    auto* view = new TraceView(document, m_tabs);
    document->setParent(view);
    // The window's Edit menu owns these keys; the same shortcuts on the view would make them ambiguous.
    for (QAction* action : { view->findAction(), view->findNextAction(), view->findPreviousAction() })
        action->setShortcuts({});
    view->setProperty(traceIdProperty, key);
    connect(document, &TraceDocument::spanActivated, this, [this] {
        m_detailDock->show();
        m_detailDock->raise();
    });
    connect(document, &TraceDocument::contentLoaded, this, &MainWindow::maybeSaveScreenshot);
    QString tabTitle = title.isEmpty() ? key.left(12) : title;
    if (tabTitle.size() > 40)
        tabTitle = tabTitle.left(38) + QStringLiteral("…");
    const int tab = m_tabs->addTab(view, tabTitle);
    m_tabs->setTabToolTip(tab, tr("Trace %1\n%2").arg(key, title));
    const auto closeSide
        = QTabBar::ButtonPosition(style()->styleHint(QStyle::SH_TabBar_CloseButtonPosition, nullptr, m_tabs->tabBar()));
    if (QWidget* closeButton = m_tabs->tabBar()->tabButton(tab, closeSide))
        closeButton->setAccessibleName(tr("Close trace %1").arg(tabTitle));
    m_tabs->setCurrentIndex(tab);
    document->loadContent();
    // A span asked for, else the root, so that the detail shows something useful at once.
    int32_t selected = span != 0 ? index->findSpan(span) : -1;
    if (selected < 0 && index->size() > 0)
        selected = 0;
    document->setCurrentSpan(selected);
    view->setFocus();
    // Said after the trace's first frame: the widgets' paint requests are handled before a zero timer fires.
    const int32_t spans = index->size();
    QTimer::singleShot(0, this, [this, key, spans, opening] {
        m_messageLabel->setText(
            tr("Opened trace %1: %Ln span(s) in %2", nullptr, spans).arg(key, formatDuration(opening.nsecsElapsed())));
    });
}

bool MainWindow::showPage(const QString& name)
{
    if (name == u"search")
        m_tabs->setCurrentWidget(m_search);
    else if (name == u"dependencies")
        m_tabs->setCurrentWidget(m_dependencies);
    else
        return false;
    return true;
}

TraceView* MainWindow::currentTraceView() const
{
    return qobject_cast<TraceView*>(m_tabs->currentWidget());
}

TraceDocument* MainWindow::currentDocument() const
{
    TraceView* view = currentTraceView();
    return view ? view->document() : nullptr;
}

int MainWindow::traceTabCount() const
{
    return m_tabs->count() - 2; // Search and Dependencies stay
}

void MainWindow::currentTabChanged()
{
    TraceDocument* document = currentDocument();
    m_detail->setDocument(document);
    m_logs->setDocument(document);
    showTraceDocks(document != nullptr);
    // The Dependencies tab can show the graph of the trace looked at last.
    if (document)
        m_dependencies->setTraceScope(document->index().traceId);
    for (QAction* action : std::as_const(m_traceActions))
        action->setEnabled(document != nullptr);
    setWindowTitle(document ? tr("%1 — Skein").arg(m_tabs->tabText(m_tabs->currentIndex())) : tr("Skein"));
}

void MainWindow::showTraceDocks(bool traceTab)
{
    // The docks only have something to show for a trace: the Search and Dependencies tabs get the
    // whole window, and the docks come back as the user left them when a trace tab is current again.
    if (traceTab == m_docksShown)
        return;
    if (!traceTab) {
        m_detailWanted = !m_detailDock->isHidden();
        m_logWanted = !m_logDock->isHidden();
    }
    m_docksShown = traceTab;
    m_detailDock->setVisible(traceTab && m_detailWanted);
    m_logDock->setVisible(traceTab && m_logWanted);
}

void MainWindow::closeTab(int index)
{
    QWidget* page = m_tabs->widget(index);
    if (!page || page == m_search || page == m_dependencies)
        return;
    if (page == m_tabs->currentWidget()) {
        m_detail->setDocument(nullptr);
        m_logs->setDocument(nullptr);
    }
    m_tabs->removeTab(index);
    page->deleteLater();
}

void MainWindow::updateCacheLabel()
{
    auto* watcher = new QFutureWatcher<StoreInfo>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const StoreInfo info = watcher->result();
        const QLocale locale;
        m_cacheLabel->setText(tr("%1 traces · %2 spans · %3 services · %4")
                                  .arg(locale.toString(info.traces), locale.toString(info.spans),
                                      locale.toString(info.services), locale.formattedDataSize(info.fileBytes)));
        m_cacheLabel->setToolTip(tr("Trace cache: %1").arg(m_databasePath));
    });
    watcher->setFuture(QtConcurrent::run(backgroundThreads(), [path = m_databasePath] {
        std::unique_ptr<TraceStore> store = TraceStore::open(path, nullptr);
        return store ? store->info() : StoreInfo {};
    }));
}

void MainWindow::showShortcuts()
{
    QMessageBox box(
        QMessageBox::NoIcon, tr("Keyboard Shortcuts"), HelpDialog::shortcutsHtml(), QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

bool MainWindow::isIdle() const
{
    if (m_imports->isBusy() || m_tracesLoading > 0 || m_sampleLoading)
        return false;
    TraceDocument* document = currentDocument();
    return !document || document->content();
}

void MainWindow::saveScreenshotWhenIdle(const QString& path)
{
    m_screenshotPath = path;
    QTimer::singleShot(0, this, &MainWindow::maybeSaveScreenshot);
}

void MainWindow::maybeSaveScreenshot()
{
    if (m_screenshotPath.isEmpty() || !isIdle())
        return;
    // Let the search results, the chart and the views settle before grabbing.
    QTimer::singleShot(700, this, [this] {
        if (m_screenshotPath.isEmpty())
            return;
        if (!isIdle()) {
            maybeSaveScreenshot();
            return;
        }
        const QString path = m_screenshotPath;
        m_screenshotPath.clear();
        if (!grab().save(path))
            qWarning("skein: cannot save the screenshot to %s", qPrintable(path));
        QApplication::quit();
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(paths);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    if (m_docksShown) {
        m_detailWanted = !m_detailDock->isHidden();
        m_logWanted = !m_logDock->isHidden();
    }
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/detailDock"), m_detailWanted);
    settings.setValue(QStringLiteral("mainWindow/logDock"), m_logWanted);
    m_imports->cancel();
    event->accept();
}

} // namespace skein
