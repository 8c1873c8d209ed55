// SPDX-License-Identifier: MIT
#pragma once

#include "span.h"

#include <QElapsedTimer>
#include <QMainWindow>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QTabWidget;

namespace skein {

class DependencyPanel;
class ImportProgressDialog;
class ImportQueue;
class LogInspector;
class RecentFiles;
class SearchPanel;
class SpanDetailPanel;
class TraceDocument;
class TraceView;
struct ImportOutcome;

// The explorer's window: a Search tab, a tab per open trace, the span detail and log inspector docks
// (bound to the current trace tab), imports in the background.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& databasePath, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Imports the files one after another in the background. When they hold a single trace (or when
    // openTraceAfterImport() named one) that trace opens in a tab.
    void importFiles(const QStringList& paths);
    void openTraceAfterImport(const TraceId& traceId);
    // Opens a trace from the cache in a tab (or switches to its tab) and selects span, when given.
    void openTrace(const TraceId& traceId, SpanId span = 0);
    // Saves a PNG of the window once imports, the trace being opened and its details are loaded, then
    // quits (for checks and the user guide's screenshots).
    void saveScreenshotWhenIdle(const QString& path);

    // Switches to the "search" or "dependencies" tab; false for another name.
    bool showPage(const QString& name);
    SearchPanel* searchPanel() const { return m_search; }
    TraceView* currentTraceView() const;
    TraceDocument* currentDocument() const;
    int traceTabCount() const;
    bool isIdle() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    void createActions();
    void createEmptyCacheBanner();
    void checkCacheOnStart();
    void loadSample();
    void chooseFilesToOpen();
    void openJaegerBrowser();
    void batchImported(const std::vector<ImportOutcome>& outcomes);
    // opening: started when the trace was asked for, to tell the user how long it took to show.
    void traceLoaded(const TraceId& traceId, SpanId span, std::shared_ptr<const struct TraceIndex> index,
        std::shared_ptr<struct TraceContent> content, const QString& title, const QString& error,
        QElapsedTimer opening);
    void currentTabChanged();
    void closeTab(int index);
    void showTraceDocks(bool traceTab);
    void updateCacheLabel();
    void showShortcuts();
    void maybeSaveScreenshot();

    QString m_databasePath;
    QTabWidget* m_tabs = nullptr;
    SearchPanel* m_search = nullptr;
    DependencyPanel* m_dependencies = nullptr;
    SpanDetailPanel* m_detail = nullptr;
    LogInspector* m_logs = nullptr;
    QDockWidget* m_detailDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    QWidget* m_emptyBanner = nullptr;
    QLabel* m_messageLabel = nullptr;
    QLabel* m_cacheLabel = nullptr;
    ImportQueue* m_imports = nullptr;
    ImportProgressDialog* m_importProgress = nullptr;
    RecentFiles* m_recentFiles = nullptr;

    QList<QAction*> m_traceActions; // enabled only while a trace tab is current
    QAction* m_findAction = nullptr;

    bool m_detailWanted = true; // the user's choice, applied while a trace tab is current
    bool m_logWanted = true;
    bool m_docksShown = true;
    std::optional<TraceId> m_traceAfterImport;
    int m_tracesLoading = 0;
    bool m_sampleLoading = false;
    bool m_filesRequested = false;
    QString m_screenshotPath;
};

} // namespace skein
