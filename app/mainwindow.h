// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QMainWindow>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace skein {

class TraceListModel;
struct ImportOutcome;

// The explorer's window. For now: the cached traces, imports with progress and cancel.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& databasePath, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Imports the files one after another in the background, then refreshes the list.
    void importFiles(const QStringList& paths);
    // Saves a PNG of the window once loading and imports are done, then quits (for checks and docs).
    void saveScreenshotWhenIdle(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void chooseFilesToImport();
    void startNextImport();
    void importFinished();
    void cancelImport();
    void refreshTraces();
    void tracesLoaded();
    void maybeSaveScreenshot();
    void showStatus();

    QString m_databasePath;
    TraceListModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_statusLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;

    QStringList m_pendingImports;
    QFutureWatcher<ImportOutcome>* m_importWatcher = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancelImport;
    std::shared_ptr<std::atomic<int64_t>> m_importBytesDone;
    int64_t m_importBytesTotal = -1;
    QStringList m_importProblems;

    struct LoadResult;
    QFutureWatcher<std::shared_ptr<LoadResult>>* m_loadWatcher = nullptr;
    uint64_t m_loadGeneration = 0;
    bool m_refreshAgain = false;
    bool m_importedAnything = false;
    QString m_screenshotPath;
    QString m_storeSummary;
};

} // namespace skein
