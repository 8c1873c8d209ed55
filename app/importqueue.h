// SPDX-License-Identifier: MIT
// Imports files into the cache one after another on a worker thread, with progress that the GUI polls
// and a cancel that drops the current file (its transaction rolls back) and everything queued after it.
#pragma once

#include "fileimport.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace skein {

class ImportQueue : public QObject {
    Q_OBJECT
public:
    explicit ImportQueue(QString databasePath, QObject* parent = nullptr);
    ~ImportQueue() override;

    void enqueue(const QStringList& paths);
    bool isBusy() const { return m_watcher->isRunning() || !m_pending.isEmpty(); }
    void cancel();

    QString currentPath() const { return m_currentPath; }
    int currentNumber() const { return m_done + 1; } // 1-based position of the file being imported
    int batchSize() const { return m_done + int(m_pending.size()) + (m_watcher->isRunning() ? 1 : 0); }
    ImportProgress progress() const; // of the current file

signals:
    void fileStarted(const QString& path);
    void fileFinished(const skein::ImportOutcome& outcome);
    // Every file queued since the queue was last idle is done (or cancelled).
    void batchFinished(const std::vector<skein::ImportOutcome>& outcomes);

private:
    void startNext();
    void currentFinished();

    QString m_databasePath;
    QStringList m_pending;
    QString m_currentPath;
    int m_done = 0;
    std::vector<ImportOutcome> m_outcomes;
    QFutureWatcher<ImportOutcome>* m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    struct Progress {
        std::atomic<int64_t> bytesDone { 0 };
        std::atomic<int64_t> bytesTotal { -1 };
        std::atomic<uint64_t> spans { 0 };
    };
    std::shared_ptr<Progress> m_progress;
};

} // namespace skein
