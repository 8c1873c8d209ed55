// SPDX-License-Identifier: MIT
#include "fileimport.h"

#include "bytesource.h"
#include "dependencyfile.h"
#include "traceimporter.h"

#include <QFileInfo>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace skein {

namespace {

// Hands batches from the parsing thread to the writing thread. Bounded, so a fast parser cannot run
// ahead of the database and pile spans up in memory.
class BatchQueue : public SpanSink {
public:
    bool addSpans(std::vector<SpanRecord>& spans) override
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_batches.size() < maxBatches || m_consumerFailed; });
        if (m_consumerFailed)
            return false;
        m_batches.push_back(std::move(spans));
        spans = {};
        m_notEmpty.notify_one();
        return true;
    }

    std::string errorMessage() const override
    {
        std::lock_guard lock(m_mutex);
        return m_consumerError;
    }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_one();
    }

    void failConsumer(std::string message)
    {
        std::lock_guard lock(m_mutex);
        m_consumerFailed = true;
        m_consumerError = std::move(message);
        m_batches.clear();
        m_notFull.notify_all();
    }

    // Returns false once the producer closed the queue and it is drained.
    bool take(std::vector<SpanRecord>& batch)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return !m_batches.empty() || m_closed; });
        if (m_batches.empty())
            return false;
        batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_notFull.notify_one();
        return true;
    }

private:
    static constexpr size_t maxBatches = 8;
    mutable std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<std::vector<SpanRecord>> m_batches;
    bool m_closed = false;
    bool m_consumerFailed = false;
    std::string m_consumerError;
};

} // namespace

QString ImportOutcome::status() const
{
    if (report.cancelled)
        return QStringLiteral("cancelled");
    return report.rejected ? QStringLiteral("rejected") : QStringLiteral("imported");
}

ImportOutcome importSource(
    TraceStore& store, ByteSource& source, const QString& sourceName, const ImportOptions& options)
{
    ImportOutcome outcome;
    outcome.path = sourceName;
    if (options.cancel)
        source.setCancelFlag(options.cancel);
    // Dependency links are not spans: they go to their own table, outside an import session.
    if (isDependencyLinkInput(sniffFormat(source.peek(64 * 1024))))
        return importDependencyLinks(store, source, sourceName);

    std::unique_ptr<ImportSession> session = store.beginImport(sourceName, options.mode);
    if (!session) {
        outcome.report.reject("could not start writing to the cache", {});
        return outcome;
    }

    BatchQueue queue;
    std::thread parser([&] {
        importTraces(source, queue, outcome.report);
        queue.close();
    });

    ImportProgress progress;
    progress.bytesTotal = source.rawSize();
    std::vector<SpanRecord> batch;
    bool writerFailed = false;
    while (queue.take(batch)) {
        if (writerFailed)
            continue;
        progress.spans += batch.size();
        if (!session->addSpans(batch)) {
            writerFailed = true;
            queue.failConsumer(session->errorMessage());
            continue;
        }
        if (options.progress) {
            progress.bytesDone = source.rawBytesRead();
            options.progress(progress);
        }
    }
    parser.join();

    if (writerFailed && !outcome.report.rejected && !outcome.report.cancelled)
        outcome.report.reject("could not store spans: " + session->errorMessage(), {});
    if (options.cancel && options.cancel->load())
        outcome.report.cancelled = true;
    if (!session->finish(outcome.report, &outcome.counts) && !outcome.report.rejected) {
        outcome.report.reject("could not commit to the cache: " + session->errorMessage(), {});
    }
    outcome.counts.records = outcome.report.records;
    if (!outcome.report.rejected && !outcome.report.cancelled)
        outcome.traceIds = session->traceIds();
    return outcome;
}

ImportOutcome importFile(TraceStore& store, const QString& path, const ImportOptions& options)
{
    QString error;
    std::unique_ptr<ByteSource> source = ByteSource::open(path, &error);
    const QString name = path == QStringLiteral("-") ? path : QFileInfo(path).absoluteFilePath();
    if (!source) {
        ImportOutcome outcome;
        outcome.path = name;
        outcome.report.reject(error.toStdString(), {});
        return outcome;
    }
    return importSource(store, *source, name, options);
}

} // namespace skein
