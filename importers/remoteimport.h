// SPDX-License-Identifier: MIT
// Streams one HTTP answer into the cache: the body goes, as it arrives, through a bounded chunk queue to
// the same importers as files (parser thread -> batch queue -> cache writer, see fileimport.h), so a
// 100 MB answer is never held in memory. One answer is one transaction: a failure or cancel stores nothing.
#pragma once

#include "fileimport.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <memory>
#include <thread>

class QNetworkAccessManager;
class QNetworkReply;

namespace skein {

class ChunkFeed;

struct RemoteImportOptions {
    int timeoutMs = 30000; // the server may stay silent this long (while Skein waits for it, not for itself)
    bool verifyTls = true;
    ImportMode mode { true, false }; // replace whole traces; a failed download leaves no trace in the cache
    int64_t queueBytes = 1024 * 1024; // body bytes waiting for the parser, at most
    int64_t readBufferBytes = 256 * 1024; // what the network layer buffers before TCP pushes back
};

class RemoteImport : public QObject {
    Q_OBJECT
public:
    // sourceName: what the imports table records (the URL without secrets). The import opens its own
    // connection to databasePath on its worker thread.
    RemoteImport(QNetworkAccessManager* network, QNetworkRequest request, QString sourceName, QString databasePath,
        RemoteImportOptions options = {}, QObject* parent = nullptr);
    ~RemoteImport() override; // cancels a running import and waits for its worker

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    // Valid once finished(): rejected with a clear message on any failure, cancelled after cancel().
    const ImportOutcome& outcome() const { return m_outcome; }
    int httpStatus() const { return m_httpStatus; }
    bool notFound() const { return m_notFound; } // Jaeger's 404 "not found": an empty result, not a failure
    int64_t bytesReceived() const { return m_bytesReceived; }
    int64_t peakQueuedBytes() const;

signals:
    void progress(qint64 bytesReceived, qint64 bytesTotal, quint64 spans);
    void finished();

private:
    void pump();
    void replyFinished();
    void startWorker();
    void workerFinished();
    void failNetwork(const QString& message);
    void timedOut();
    void complete();
    QString describeNetworkError() const;

    QNetworkAccessManager* m_network;
    QNetworkRequest m_request;
    QString m_sourceName;
    QString m_databasePath;
    RemoteImportOptions m_options;

    QPointer<QNetworkReply> m_reply;
    QTimer m_idleTimer;
    std::shared_ptr<ChunkFeed> m_feed;
    std::thread m_worker;
    std::atomic<bool> m_cancelFlag { false };
    std::atomic<uint64_t> m_spans { 0 };
    ImportOutcome m_workerOutcome; // written by the worker before it signals
    ImportOutcome m_outcome;
    QByteArray m_errorBody;
    QStringList m_sslErrors;
    QString m_failure; // network-level failure, replaces the parser's "cancelled"
    int m_httpStatus = 0;
    int64_t m_bytesReceived = 0;
    int64_t m_bytesTotal = -1;
    bool m_statusKnown = false;
    bool m_streaming = false; // a 2xx answer: its body goes to the importer
    bool m_replyDone = false;
    bool m_workerRunning = false;
    bool m_workerDone = false;
    bool m_timedOut = false;
    bool m_userCancelled = false;
    bool m_notFound = false;
    bool m_finished = false;
};

// What went wrong with a request that got no (complete) HTTP answer, in words for the user.
struct NetworkFailure {
    QUrl url;
    int error = 0; // QNetworkReply::NetworkError
    QString qtMessage; // QNetworkReply::errorString()
    QStringList sslErrors;
    bool timedOut = false;
    int timeoutMs = 0;
    int64_t bytesReceived = 0;
    int64_t bytesTotal = -1;
};
QString networkFailureText(const NetworkFailure& failure);

// The body of an answer as sent (Skein asks for gzip itself, so the streaming decoder undoes it): decoded.
QByteArray decodedBody(const QByteArray& body);

} // namespace skein
