// SPDX-License-Identifier: MIT
#include "remoteimport.h"

#include "bytesource.h"
#include "jaegerquery.h"
#include "streamingbytesource.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

namespace skein {

namespace {

constexpr int64_t errorBodyLimit = 64 * 1024;
constexpr int64_t readChunk = 64 * 1024;

} // namespace

QByteArray decodedBody(const QByteArray& body)
{
    std::unique_ptr<ByteSource> source = ByteSource::fromMemory(body, QString());
    QByteArray decoded;
    char buffer[16384];
    for (;;) {
        const int64_t n = source->read(buffer, sizeof buffer);
        if (n <= 0)
            return n < 0 && decoded.isEmpty() ? body : decoded;
        decoded.append(buffer, qsizetype(n));
        if (decoded.size() > 64 * 1024 * 1024)
            return decoded;
    }
}

RemoteImport::RemoteImport(QNetworkAccessManager* network, QNetworkRequest request, QString sourceName,
    QString databasePath, RemoteImportOptions options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_request(std::move(request))
    , m_sourceName(std::move(sourceName))
    , m_databasePath(std::move(databasePath))
    , m_options(options)
{
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(std::max(options.timeoutMs, 1));
    connect(&m_idleTimer, &QTimer::timeout, this, &RemoteImport::timedOut);
    m_outcome.path = m_sourceName;
}

RemoteImport::~RemoteImport()
{
    m_cancelFlag = true;
    if (m_feed)
        m_feed->fail(tr("cancelled"));
    if (m_worker.joinable())
        m_worker.join();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

int64_t RemoteImport::peakQueuedBytes() const
{
    return m_feed ? m_feed->peakQueuedBytes() : 0;
}

void RemoteImport::start()
{
    // Asking for gzip ourselves keeps Qt from inflating the body: the importer's own streaming decoder
    // does it, and progress then counts the bytes that really cross the network.
    m_request.setRawHeader("Accept-Encoding", "gzip");
    // Backpressure relies on one HTTP/1.1 connection whose socket Qt stops reading when its buffer is full.
    m_request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    m_reply = m_network->get(m_request);
    m_reply->setReadBufferSize(m_options.readBufferBytes);
    connect(m_reply, &QNetworkReply::readyRead, this, &RemoteImport::pump);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &RemoteImport::pump);
    connect(m_reply, &QNetworkReply::finished, this, &RemoteImport::replyFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64, qint64 total) {
        m_bytesTotal = total;
        m_idleTimer.start();
    });
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        if (!m_options.verifyTls) {
            m_reply->ignoreSslErrors();
            return;
        }
        for (const QSslError& error : errors)
            m_sslErrors.append(error.errorString());
    });
    m_idleTimer.start();
}

void RemoteImport::cancel()
{
    if (m_finished || m_userCancelled)
        return;
    m_userCancelled = true;
    m_cancelFlag = true;
    if (m_feed)
        m_feed->fail(tr("cancelled"));
    if (m_reply && !m_replyDone)
        m_reply->abort(); // finished() follows at once
    else
        complete();
}

void RemoteImport::pump()
{
    if (!m_reply || m_finished)
        return;
    if (!m_statusKnown) {
        const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid())
            return; // headers not in yet
        m_statusKnown = true;
        m_httpStatus = status.toInt();
        m_streaming = m_httpStatus >= 200 && m_httpStatus < 300;
        if (m_streaming)
            startWorker();
    }
    if (!m_streaming) {
        const QByteArray chunk = m_reply->readAll();
        if (m_errorBody.size() < errorBodyLimit)
            m_errorBody.append(chunk.left(errorBodyLimit - m_errorBody.size()));
        m_bytesReceived += chunk.size();
        return;
    }
    bool pushed = false;
    for (;;) {
        const int64_t room = m_feed->room();
        if (room == 0) {
            // Waiting for the parser, not for the server: the silence is ours.
            m_idleTimer.stop();
            break;
        }
        if (m_reply->bytesAvailable() <= 0)
            break;
        QByteArray chunk = m_reply->read(std::min(room, readChunk));
        if (chunk.isEmpty())
            break;
        m_bytesReceived += chunk.size();
        m_feed->push(std::move(chunk));
        pushed = true;
    }
    if (pushed || !m_replyDone)
        m_idleTimer.start();
    if (m_replyDone && m_reply->bytesAvailable() <= 0 && m_failure.isEmpty())
        m_feed->finish();
    if (m_replyDone)
        m_idleTimer.stop();
    if (pushed)
        emit progress(m_bytesReceived, m_bytesTotal, m_spans.load());
}

void RemoteImport::startWorker()
{
    m_feed = std::make_shared<ChunkFeed>(m_options.queueBytes);
    m_feed->setRoomCallback([this] { QMetaObject::invokeMethod(this, &RemoteImport::pump, Qt::QueuedConnection); });
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    std::shared_ptr<ByteSource> source(
        streamingByteSource(m_feed, m_sourceName, length.isValid() ? length.toLongLong() : -1));
    m_workerRunning = true;
    m_worker = std::thread([this, source] {
        ImportOutcome outcome;
        QString error;
        std::unique_ptr<TraceStore> store = TraceStore::open(m_databasePath, &error);
        if (!store) {
            outcome.path = m_sourceName;
            outcome.report.reject(tr("cannot open the cache %1: %2").arg(m_databasePath, error).toStdString(), {});
            m_feed->fail(tr("cancelled"));
        } else {
            ImportOptions options;
            options.cancel = &m_cancelFlag;
            options.mode = m_options.mode;
            options.progress = [this](const ImportProgress& progress) { m_spans = progress.spans; };
            outcome = importSource(*store, *source, m_sourceName, options);
        }
        m_workerOutcome = std::move(outcome);
        QMetaObject::invokeMethod(this, &RemoteImport::workerFinished, Qt::QueuedConnection);
    });
}

void RemoteImport::workerFinished()
{
    if (m_worker.joinable())
        m_worker.join();
    m_workerRunning = false;
    m_workerDone = true;
    m_outcome = m_workerOutcome;
    if (!m_replyDone && m_reply) {
        // The importer stopped early (it rejected the body, or the cache failed): the rest is of no use.
        m_reply->abort();
        return;
    }
    complete();
}

void RemoteImport::failNetwork(const QString& message)
{
    if (m_failure.isEmpty())
        m_failure = message;
    if (m_feed) {
        // Through the cancel path, so that the importer neither records the half answer nor blames the parser.
        m_cancelFlag = true;
        m_feed->fail(message);
    }
}

void RemoteImport::timedOut()
{
    if (m_replyDone || !m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void RemoteImport::replyFinished()
{
    m_replyDone = true;
    m_idleTimer.stop();
    if (!m_statusKnown)
        pump();
    if (m_reply->error() != QNetworkReply::NoError && !(m_statusKnown && !m_streaming)) {
        if (!m_userCancelled && !(m_workerDone && m_outcome.report.rejected))
            failNetwork(describeNetworkError());
        else if (m_feed)
            m_feed->fail(tr("cancelled"));
    } else if (m_streaming) {
        pump(); // hands over what is left; the feed ends once the reply's buffer is empty
    } else if (!m_statusKnown) {
        failNetwork(describeNetworkError());
    }
    if (!m_workerRunning)
        complete();
}

QString RemoteImport::describeNetworkError() const
{
    return networkFailureText(
        { m_request.url(), m_reply ? int(m_reply->error()) : int(QNetworkReply::UnknownNetworkError),
            m_reply ? m_reply->errorString() : QString(), m_sslErrors, m_timedOut, m_options.timeoutMs, m_bytesReceived,
            m_bytesTotal });
}

QString networkFailureText(const NetworkFailure& failure)
{
    const QString url = JaegerQuery::displayUrl(failure.url);
    const QString host = failure.url.host();
    const double seconds = failure.timeoutMs / 1000.0;
    if (failure.timedOut) {
        return failure.bytesReceived > 0
            ? RemoteImport::tr("%1 stopped sending for %2 s after %3 bytes (timeout)")
                  .arg(url)
                  .arg(seconds)
                  .arg(failure.bytesReceived)
            : RemoteImport::tr("no answer from %1 within %2 s (timeout)").arg(url).arg(seconds);
    }
    switch (QNetworkReply::NetworkError(failure.error)) {
    case QNetworkReply::ConnectionRefusedError:
        return RemoteImport::tr("cannot connect to %1: the connection was refused (is the Jaeger query service "
                                "listening on port %2?)")
            .arg(host)
            .arg(failure.url.port(failure.url.scheme() == u"https" ? 443 : 80));
    case QNetworkReply::HostNotFoundError:
        return RemoteImport::tr("cannot connect to %1: host not found").arg(host);
    case QNetworkReply::TimeoutError:
        return RemoteImport::tr("no answer from %1 (timeout)").arg(url);
    case QNetworkReply::SslHandshakeFailedError:
        return failure.sslErrors.isEmpty()
            ? RemoteImport::tr("TLS error with %1: %2").arg(host, failure.qtMessage)
            : RemoteImport::tr("TLS error with %1: %2 (for a server with a self-signed certificate, turn off "
                               "certificate checks)")
                  .arg(host, failure.sslErrors.join(QStringLiteral("; ")));
    case QNetworkReply::RemoteHostClosedError:
        return failure.bytesReceived > 0
            ? RemoteImport::tr("%1 closed the connection after %2 bytes, before the answer was complete")
                  .arg(url)
                  .arg(failure.bytesReceived)
            : RemoteImport::tr("%1 closed the connection without answering").arg(url);
    case QNetworkReply::OperationCanceledError:
        return RemoteImport::tr("cancelled");
    default:
        break;
    }
    if (failure.bytesTotal > 0 && failure.bytesReceived < failure.bytesTotal) {
        return RemoteImport::tr("the answer from %1 is truncated: %2 of %3 bytes arrived (%4)")
            .arg(url)
            .arg(failure.bytesReceived)
            .arg(failure.bytesTotal)
            .arg(failure.qtMessage);
    }
    return RemoteImport::tr("request to %1 failed: %2").arg(url, failure.qtMessage);
}

void RemoteImport::complete()
{
    if (m_finished)
        return;
    m_finished = true;
    m_idleTimer.stop();
    const QString url = JaegerQuery::displayUrl(m_request.url());
    m_outcome.path = m_sourceName;
    if (m_userCancelled) {
        m_outcome.report = ImportReport {};
        m_outcome.report.cancelled = true;
        m_outcome.counts = {};
        m_outcome.traceIds.clear();
    } else if (m_statusKnown && !m_streaming) {
        const QByteArray body = decodedBody(m_errorBody);
        m_outcome.report = ImportReport {};
        if (m_httpStatus == 404 && JaegerQuery::isJaegerNotFound(body)) {
            m_notFound = true;
            m_outcome.report.warn(tr("nothing found: %1").arg(JaegerQuery::serverMessage(body)).toStdString(), {});
        } else {
            const QString reason
                = m_reply ? m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString() : QString();
            const QString message = JaegerQuery::serverMessage(body);
            QString text = tr("%1 answered HTTP %2%3")
                               .arg(url)
                               .arg(m_httpStatus)
                               .arg(reason.isEmpty() ? QString() : u' ' + reason);
            if (!message.isEmpty())
                text += QStringLiteral(": ") + message;
            else if (m_httpStatus == 401 || m_httpStatus == 403)
                text += tr(" (check the token or user name and password)");
            m_outcome.report.reject(text.toStdString(), {});
        }
    } else if (!m_failure.isEmpty()) {
        m_outcome.report.cancelled = false;
        m_outcome.report.rejected = false;
        m_outcome.report.reject(m_failure.toStdString(), {});
        m_outcome.counts = { 0, m_outcome.report.records, 0, 0 };
        m_outcome.traceIds.clear();
    } else if (m_outcome.report.rejected) {
        m_outcome.report.error.message = tr("the answer from %1 is not usable: %2")
                                             .arg(url, QString::fromStdString(m_outcome.report.error.message))
                                             .toStdString();
    }
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    emit finished();
}

} // namespace skein
