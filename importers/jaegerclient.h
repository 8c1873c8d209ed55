// SPDX-License-Identifier: MIT
// A client of the Jaeger query HTTP API (v1 and api_v3, formats.md §2) for browsing a backend and fetching
// traces into the cache. Everything is asynchronous on the calling (GUI) thread: each request is an object
// with a finished() signal and cancel(); parsing and cache writes run on worker threads.
#pragma once

#include "fileimport.h"
#include "jaegerquery.h"

#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;

namespace skein {

class JaegerClient;
class RemoteImport;

// One small request (or a short chain: detection, fallbacks) whose JSON answer is read whole.
class JaegerCall : public QObject {
    Q_OBJECT
public:
    enum class Status { Running, Succeeded, Unsupported, Failed, Cancelled };

    Status status() const { return m_status; }
    bool succeeded() const { return m_status == Status::Succeeded; }
    // Unsupported: the server lacks the endpoint (e.g. trace summaries on v1 or an older api_v3).
    QString errorString() const { return m_error; }
    QStringList requestedUrls() const { return m_urls; } // without secrets
    JaegerApi api() const { return m_api; } // the version that answered

    const QStringList& services() const { return m_services; }
    const std::vector<JaegerOperation>& operations() const { return m_operations; }
    const std::vector<JaegerTraceSummary>& summaries() const { return m_summaries; }
    const std::vector<DependencyLink>& dependencies() const { return m_dependencies; }

    void cancel();

signals:
    void finished();

private:
    friend class JaegerClient;
    friend class JaegerFetch;
    struct Answer {
        int status = 0; // HTTP status; 0 when no answer came
        QByteArray body;
        QString networkError;
        bool jaegerNotFound() const;
        bool endpointMissing() const; // 404/405/501 that is not Jaeger's own "not found"
    };
    using Handler = std::function<void(const Answer&)>;

    explicit JaegerCall(JaegerClient* client);
    void get(const QUrl& url, Handler handler);
    void succeed();
    void fail(const QString& message);
    void unsupported(const QString& message);
    QString httpError(const QUrl& url, const Answer& answer) const;
    // Runs next once the API version is known (detecting it first when the client has none yet).
    void withApi(std::function<void()> next);

    QPointer<JaegerClient> m_client;
    QPointer<QObject> m_pending; // the reply being waited for
    Status m_status = Status::Running;
    QString m_error;
    QStringList m_urls;
    JaegerApi m_api = JaegerApi::Auto;
    QStringList m_services;
    std::vector<JaegerOperation> m_operations;
    std::vector<JaegerTraceSummary> m_summaries;
    std::vector<DependencyLink> m_dependencies;
};

// What to fetch into the cache.
struct JaegerFetchRequest {
    std::optional<JaegerSearch> search; // one request; every matching trace lands in one transaction
    QStringList traceIds; // one request (and one transaction) per id
    // Also store /api/dependencies for the search window (or the last lookbackNs when there is no search).
    bool dependencies = false;
    int64_t dependencyLookbackNs = int64_t(3600) * 1000000000;
};

struct JaegerFetchProgress {
    int response = 0; // 0-based index of the answer being read
    int responses = 0;
    QString url; // without secrets
    qint64 bytes = 0;
    qint64 bytesTotal = -1; // -1: unknown
    quint64 spans = 0; // of this answer so far
};

// Fetches traces (and dependencies) into the cache. Each answer is its own transaction: what finished before a
// failure or cancel stays, the answer that was running leaves nothing.
class JaegerFetch : public QObject {
    Q_OBJECT
public:
    ~JaegerFetch() override;

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_error.isEmpty() && !m_cancelled; }
    bool cancelled() const { return m_cancelled; }
    QString errorString() const { return m_error; } // the first failure
    JaegerApi api() const { return m_api; }
    // One per answer, in request order: path = URL without secrets, report.format = "jaeger-json", "jaeger-api-v3" or
    // "jaeger-dependencies" (records = links). A trace id Jaeger does not know is an empty outcome with a warning.
    const std::vector<ImportOutcome>& outcomes() const { return m_outcomes; }
    QStringList requestedUrls() const { return m_urls; }

    void cancel();

signals:
    void progress(const skein::JaegerFetchProgress& progress);
    void responseFinished(const skein::ImportOutcome& outcome);
    void finished();

private:
    friend class JaegerClient;
    JaegerFetch(JaegerClient* client, JaegerFetchRequest request, QString databasePath);
    void start();
    void planAndRun();
    void runNext();
    void fetchDependencies(const QUrl& url);
    void finish(const QString& error);

    QPointer<JaegerClient> m_client;
    JaegerFetchRequest m_request;
    QString m_databasePath;
    JaegerApi m_api = JaegerApi::Auto;
    std::vector<std::function<void()>> m_steps;
    size_t m_nextStep = 0;
    QPointer<RemoteImport> m_import;
    QPointer<JaegerCall> m_call;
    std::vector<ImportOutcome> m_outcomes;
    QStringList m_urls;
    QString m_error;
    bool m_cancelled = false;
    bool m_finished = false;
};

class JaegerClient : public QObject {
    Q_OBJECT
public:
    explicit JaegerClient(const JaegerEndpoint& endpoint, QObject* parent = nullptr);
    ~JaegerClient() override;

    const JaegerEndpoint& endpoint() const { return m_endpoint; }
    // The version in use: the endpoint's choice, or what detection found (Auto until then).
    JaegerApi api() const { return m_api; }

    // Each returns a running request, owned by the client (deleted with it; deleteLater() it when done).
    JaegerCall* detectApi(); // api() and, as a bonus, services()
    JaegerCall* services();
    JaegerCall* operations(const QString& service);
    JaegerCall* traceSummaries(const JaegerSearch& search); // Unsupported on v1 and api_v3 without it
    JaegerCall* dependencies(int64_t endNs, int64_t lookbackNs);
    JaegerFetch* fetch(const JaegerFetchRequest& request, const QString& databasePath);

    // For the requests of the calls above: auth and extra headers, no redirects to other origins.
    QNetworkRequest request(const QUrl& url) const;
    QNetworkAccessManager* network() const { return m_network; }
    int64_t nowNs() const; // the clock searches are relative to (tests may pin it)
    void setNow(int64_t ns) { m_fixedNowNs = ns; }

private:
    friend class JaegerCall;
    JaegerEndpoint m_endpoint;
    JaegerApi m_api;
    QNetworkAccessManager* m_network;
    int64_t m_fixedNowNs = 0;
};

} // namespace skein
