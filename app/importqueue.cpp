// SPDX-License-Identifier: MIT
#include "importqueue.h"

#include "backgroundthreads.h"
#include "tracestore.h"

#include <QtConcurrent>

namespace skein {

ImportQueue::ImportQueue(QString databasePath, QObject* parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
    , m_watcher(new QFutureWatcher<ImportOutcome>(this))
    , m_progress(std::make_shared<Progress>())
{
    connect(m_watcher, &QFutureWatcherBase::finished, this, &ImportQueue::currentFinished);
}

ImportQueue::~ImportQueue()
{
    cancel();
    m_watcher->waitForFinished();
}

void ImportQueue::enqueue(const QStringList& paths)
{
    m_pending += paths;
    if (!m_watcher->isRunning())
        startNext();
}

void ImportQueue::cancel()
{
    m_pending.clear();
    if (m_cancel)
        m_cancel->store(true);
}

ImportProgress ImportQueue::progress() const
{
    ImportProgress progress;
    progress.bytesDone = m_progress->bytesDone.load();
    progress.bytesTotal = m_progress->bytesTotal.load();
    progress.spans = m_progress->spans.load();
    return progress;
}

void ImportQueue::startNext()
{
    if (m_pending.isEmpty()) {
        std::vector<ImportOutcome> outcomes = std::move(m_outcomes);
        m_outcomes.clear();
        m_done = 0;
        m_currentPath.clear();
        if (!outcomes.empty())
            emit batchFinished(outcomes);
        return;
    }
    m_currentPath = m_pending.takeFirst();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_progress = std::make_shared<Progress>();
    m_progress->bytesTotal = QFileInfo(m_currentPath).size();
    emit fileStarted(m_currentPath);

    m_watcher->setFuture(QtConcurrent::run(backgroundThreads(),
        [databasePath = m_databasePath, path = m_currentPath, cancel = m_cancel, progress = m_progress] {
            QString error;
            std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, &error);
            if (!store) {
                ImportOutcome outcome;
                outcome.path = path;
                outcome.report.reject("cannot open the trace cache: " + error.toStdString(), {});
                return outcome;
            }
            ImportOptions options;
            options.cancel = cancel.get();
            options.progress = [progress](const ImportProgress& now) {
                progress->bytesDone = now.bytesDone;
                if (now.bytesTotal >= 0)
                    progress->bytesTotal = now.bytesTotal;
                progress->spans = now.spans;
            };
            return importFile(*store, path, options);
        }));
}

void ImportQueue::currentFinished()
{
    ImportOutcome outcome = m_watcher->result();
    ++m_done;
    if (outcome.report.cancelled)
        m_pending.clear();
    emit fileFinished(outcome);
    m_outcomes.push_back(std::move(outcome));
    startNext();
}

} // namespace skein
