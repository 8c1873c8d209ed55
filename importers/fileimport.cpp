// SPDX-License-Identifier: MIT
#include "fileimport.h"

#include "bytesource.h"
#include "dependencyfile.h"
#include "spanencoder.h"
#include "traceimporter.h"

#include <QFileInfo>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace skein {

namespace {

// Hands batches from the parsing thread to the writing thread. Bounded, so a fast parser cannot run
// ahead of the database and pile spans up in memory. Encoding spans for the cache needs no database, so
// whichever thread has time for it does it: the parsing thread while the writer is busy with a batch
// (it is the slower one just now), the writing thread when it would otherwise wait. Written batches come back,
// so that the parsing thread frees their spans and the next batch reuses their memory.
class BatchQueue : public SpanSink {
public:
    void setSession(ImportSession* session)
    {
        std::lock_guard lock(m_mutex);
        m_session = session;
    }

    bool addSpans(std::vector<SpanRecord>& spans) override
    {
        std::unique_ptr<PreparedSpans> batch;
        ImportSession* preparer = nullptr; // the session, while the writer is busy
        {
            std::lock_guard lock(m_mutex);
            if (m_consumerFailed)
                return false;
            if (!m_written.empty()) {
                batch = std::move(m_written.back());
                m_written.pop_back();
            }
            if (!m_writerWaiting)
                preparer = m_session;
        }
        if (!batch)
            batch = std::make_unique<PreparedSpans>();
        if (preparer)
            preparer->prepareSpans(spans, *batch);
        else
            batch->take(spans);

        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_batches.size() < maxBatches || m_consumerFailed; });
        if (m_consumerFailed)
            return false;
        m_batches.push_back(std::move(batch));
        m_notEmpty.notify_one();
        lock.unlock();
        if (m_handedOver)
            m_handedOver();
        return true;
    }

    // Called on the parsing thread after each batch it hands over.
    void setBatchHandedOver(std::function<void()> handedOver) { m_handedOver = std::move(handedOver); }

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

    // Returns false once the producer closed the queue and it is drained. While no batch is there, calls
    // useWait (which returns whether it did anything) until it has nothing more to do, then waits.
    bool take(std::unique_ptr<PreparedSpans>& batch, const std::function<bool()>& useWait)
    {
        std::unique_lock lock(m_mutex);
        while (m_batches.empty() && !m_closed) {
            lock.unlock();
            const bool used = useWait();
            lock.lock();
            if (!used)
                break;
        }
        m_writerWaiting = true;
        m_notEmpty.wait(lock, [this] { return !m_batches.empty() || m_closed; });
        m_writerWaiting = false;
        if (m_batches.empty())
            return false;
        batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_notFull.notify_one();
        return true;
    }

    void giveBack(std::unique_ptr<PreparedSpans> batch)
    {
        std::lock_guard lock(m_mutex);
        if (!m_closed)
            m_written.push_back(std::move(batch));
    }

private:
    // Room for a whole burst of the Zipkin reader (it holds up to 20,000 spans, to pair the halves of
    // RPCs, and then hands them over at once) while the parser goes on; about 50 MB at most.
    static constexpr size_t maxBatches = 96;
    std::function<void()> m_handedOver;
    ImportSession* m_session = nullptr; // none until the cache is ready: the writer then prepares every batch
    mutable std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<std::unique_ptr<PreparedSpans>> m_batches;
    std::vector<std::unique_ptr<PreparedSpans>> m_written;
    bool m_closed = false;
    // The writing thread is waiting for the next batch (rather than writing one): it then has time to
    // encode the batch itself.
    bool m_writerWaiting = false;
    bool m_consumerFailed = false;
    std::string m_consumerError;
};

const char* const couldNotStart = "could not start writing to the cache";

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

    ImportMode mode = options.mode;
    if (mode.expectedBytes < 0 && source.rawSize() >= 0) {
        // Trace data compresses about tenfold; the estimate only has to tell small inputs from big ones.
        constexpr int64_t compressionRatio = 10;
        mode.expectedBytes = source.compression().empty() ? source.rawSize() : source.rawSize() * compressionRatio;
    }
    // The calling thread parses, from the start: parsing is the longer part, and a new thread may take
    // milliseconds to get a processor. The writing thread opens the session meanwhile (a new cache's
    // tables, a wait for another writer) and then stores the batches as they come.
    BatchQueue queue;
    std::atomic<uint64_t> spansStored { 0 };
    bool began = true; // read after the writer is joined
    std::thread writer([&] {
        std::unique_ptr<ImportSession> session = store.beginImport(sourceName, mode);
        if (!session) {
            began = false;
            queue.failConsumer(couldNotStart);
            return;
        }
        queue.setSession(session.get());
        std::unique_ptr<PreparedSpans> batch;
        bool writerFailed = false;
        // While the parser is behind, the writer stores search index rows that finish() would otherwise
        // write after the last batch.
        auto useWait = [&] {
            bool wrote = false;
            if (writerFailed || session->writeAhead(&wrote))
                return wrote;
            writerFailed = true;
            queue.failConsumer(session->errorMessage());
            return false;
        };
        while (queue.take(batch, useWait)) {
            if (writerFailed)
                continue;
            const size_t spans = batch->spans.size();
            if (!session->addPrepared(*batch)) {
                writerFailed = true;
                queue.failConsumer(session->errorMessage());
                continue;
            }
            queue.giveBack(std::move(batch));
            spansStored += spans;
        }
        // The queue is closed: the parser is done with the report.
        ImportReport& report = outcome.report;
        if (writerFailed && !report.rejected && !report.cancelled)
            report.reject("could not store spans: " + session->errorMessage(), {});
        if (options.cancel && options.cancel->load())
            report.cancelled = true;
        if (!session->finish(report, &outcome.counts) && !report.rejected)
            report.reject("could not commit to the cache: " + session->errorMessage(), {});
        if (!report.rejected && !report.cancelled)
            outcome.traceIds = session->traceIds();
    });

    ImportProgress progress;
    progress.bytesTotal = source.rawSize();
    auto reportProgress = [&] {
        progress.bytesDone = source.rawBytesRead();
        progress.spans = spansStored;
        options.progress(progress);
    };
    if (options.progress)
        queue.setBatchHandedOver(reportProgress);
    importTraces(source, queue, outcome.report);
    queue.close();
    writer.join();
    if (!began)
        outcome.report.reject(couldNotStart, {});
    outcome.counts.records = outcome.report.records;
    if (options.progress)
        reportProgress();
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
