// SPDX-License-Identifier: MIT
#include "jaegerclient.h"

#include "remoteimport.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>

namespace skein {

namespace {

// Browsing answers (services, operations, trace summaries, dependency links) are small metadata read whole;
// trace data never comes this way, it streams through the importers. 64 MB holds the dependency graph of a
// huge system many times over and bounds what a hostile server can make us hold.
constexpr qsizetype smallAnswerLimit = 64 * 1024 * 1024;

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// JaegerCall

bool JaegerCall::Answer::jaegerNotFound() const
{
    return status == 404 && JaegerQuery::isJaegerNotFound(body);
}

bool JaegerCall::Answer::endpointMissing() const
{
    return (status == 404 && !jaegerNotFound()) || status == 405 || status == 501;
}

JaegerCall::JaegerCall(JaegerClient* client)
    : QObject(client)
    , m_client(client)
{
}

void JaegerCall::cancel()
{
    if (m_status != Status::Running)
        return;
    m_status = Status::Cancelled;
    m_error = tr("cancelled");
    if (auto* reply = qobject_cast<QNetworkReply*>(m_pending.data()))
        reply->abort();
    emit finished();
}

void JaegerCall::succeed()
{
    if (m_status != Status::Running)
        return;
    m_status = Status::Succeeded;
    emit finished();
}

void JaegerCall::fail(const QString& message)
{
    if (m_status != Status::Running)
        return;
    m_status = Status::Failed;
    m_error = message;
    emit finished();
}

void JaegerCall::unsupported(const QString& message)
{
    if (m_status != Status::Running)
        return;
    m_status = Status::Unsupported;
    m_error = message;
    emit finished();
}

QString JaegerCall::httpError(const QUrl& url, const Answer& answer) const
{
    QString text = tr("%1 answered HTTP %2").arg(JaegerQuery::displayUrl(url)).arg(answer.status);
    const QString message = JaegerQuery::serverMessage(answer.body);
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    else if (answer.status == 401 || answer.status == 403)
        text += tr(" (check the token or user name and password)");
    return text;
}

void JaegerCall::get(const QUrl& url, Handler handler)
{
    if (m_status != Status::Running)
        return;
    if (!m_client) {
        fail(tr("the connection was closed"));
        return;
    }
    m_urls.append(JaegerQuery::displayUrl(url));
    QNetworkRequest request = m_client->request(url);
    request.setRawHeader("Accept-Encoding", "gzip");
    QNetworkReply* reply = m_client->network()->get(request);
    m_pending = reply;

    struct State {
        QByteArray body;
        QStringList sslErrors;
        bool timedOut = false;
        bool tooBig = false;
        int64_t received = 0;
        int64_t total = -1;
    };
    auto state = std::make_shared<State>();
    const int timeoutMs = std::max(m_client->endpoint().timeoutMs, 1);
    const bool verifyTls = m_client->endpoint().verifyTls;
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setInterval(timeoutMs);
    connect(timer, &QTimer::timeout, reply, [reply, state] {
        state->timedOut = true;
        reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, timer, [timer, state](qint64 received, qint64 total) {
        state->received = received;
        state->total = total;
        timer->start();
    });
    connect(reply, &QNetworkReply::readyRead, reply, [reply, state] {
        state->body.append(reply->readAll());
        if (state->body.size() > smallAnswerLimit) {
            state->tooBig = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::sslErrors, reply, [reply, state, verifyTls](const QList<QSslError>& errors) {
        if (!verifyTls) {
            reply->ignoreSslErrors();
            return;
        }
        for (const QSslError& error : errors)
            state->sslErrors.append(error.errorString());
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, state, url, timeoutMs, handler = std::move(handler)] {
        reply->deleteLater();
        if (m_status != Status::Running)
            return;
        state->body.append(reply->readAll());
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (state->tooBig) {
            answer.status = 0;
            answer.networkError = tr("the answer from %1 is larger than %2 MiB")
                                      .arg(JaegerQuery::displayUrl(url))
                                      .arg(smallAnswerLimit >> 20);
        } else if (answer.status == 0 || (reply->error() != QNetworkReply::NoError && answer.status < 400)) {
            answer.status = 0;
            answer.networkError = networkFailureText({ url, int(reply->error()), reply->errorString(), state->sslErrors,
                state->timedOut, timeoutMs, state->received, state->total });
        }
        answer.body = decodedBody(state->body);
        handler(answer);
    });
    timer->start();
}

void JaegerCall::withApi(std::function<void()> next)
{
    if (!m_client) {
        fail(tr("the connection was closed"));
        return;
    }
    if (m_client->m_api != JaegerApi::Auto) {
        m_api = m_client->m_api;
        next();
        return;
    }
    const JaegerEndpoint endpoint = m_client->endpoint();
    const QUrl v3 = JaegerQuery::servicesUrl(endpoint, JaegerApi::V3);
    get(v3, [this, endpoint, v3, next](const Answer& v3Answer) {
        if (v3Answer.status == 0) {
            fail(v3Answer.networkError);
            return;
        }
        if (v3Answer.status == 401 || v3Answer.status == 403) {
            fail(httpError(v3, v3Answer));
            return;
        }
        if (v3Answer.status / 100 == 2 && JaegerQuery::servicesAnswerVersion(v3Answer.body) == JaegerApi::V3) {
            m_api = JaegerApi::V3;
            if (m_client)
                m_client->m_api = m_api;
            JaegerQuery::parseServices(v3Answer.body, &m_services, nullptr);
            next();
            return;
        }
        const QUrl v1 = JaegerQuery::servicesUrl(endpoint, JaegerApi::V1);
        get(v1, [this, v1, v3, v3Answer, next](const Answer& v1Answer) {
            if (v1Answer.status == 0) {
                fail(v1Answer.networkError);
                return;
            }
            if (v1Answer.status / 100 == 2 && JaegerQuery::servicesAnswerVersion(v1Answer.body) == JaegerApi::V1) {
                m_api = JaegerApi::V1;
                if (m_client)
                    m_client->m_api = m_api;
                JaegerQuery::parseServices(v1Answer.body, &m_services, nullptr);
                next();
                return;
            }
            if (v1Answer.status >= 400 && !v1Answer.endpointMissing()) {
                fail(httpError(v1, v1Answer));
                return;
            }
            if (v3Answer.status >= 400 && !v3Answer.endpointMissing()) {
                fail(httpError(v3, v3Answer));
                return;
            }
            fail(tr("%1 does not look like a Jaeger query service: neither %2 (HTTP %3) nor %4 (HTTP %5) answered as "
                    "Jaeger does. Check the URL and its base path (the Jaeger UI port is usually 16686).")
                     .arg(m_client ? m_client->endpoint().displayUrl() : QString(), v3.path())
                     .arg(v3Answer.status)
                     .arg(v1.path())
                     .arg(v1Answer.status));
        });
    });
}

// ---------------------------------------------------------------------------------------------------------------
// JaegerClient

JaegerClient::JaegerClient(const JaegerEndpoint& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint.normalized())
    , m_api(m_endpoint.api)
    , m_network(new QNetworkAccessManager(this))
{
}

JaegerClient::~JaegerClient() = default;

int64_t JaegerClient::nowNs() const
{
    return m_fixedNowNs ? m_fixedNowNs : QDateTime::currentMSecsSinceEpoch() * 1000000;
}

QNetworkRequest JaegerClient::request(const QUrl& url) const
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(
        QNetworkRequest::UserAgentHeader, QStringLiteral("skein/%1").arg(QCoreApplication::applicationVersion()));
    // Credentials must not follow a redirect to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    if (!m_endpoint.bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_endpoint.bearerToken.toUtf8());
    else if (!m_endpoint.user.isEmpty())
        request.setRawHeader(
            "Authorization", "Basic " + (m_endpoint.user + u':' + m_endpoint.password).toUtf8().toBase64());
    for (const auto& [name, value] : m_endpoint.headers)
        request.setRawHeader(name, value);
    if (!m_endpoint.verifyTls && url.scheme() == u"https") {
        QSslConfiguration tls = request.sslConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }
    return request;
}

JaegerCall* JaegerClient::detectApi()
{
    auto* call = new JaegerCall(this);
    const JaegerApi chosen = m_api;
    QTimer::singleShot(0, call, [this, call, chosen] {
        if (chosen != JaegerApi::Auto) {
            // A chosen version is checked the same way, so a wrong choice shows at once.
            const QUrl url = JaegerQuery::servicesUrl(m_endpoint, chosen);
            call->get(url, [call, url, chosen](const JaegerCall::Answer& answer) {
                if (answer.status == 0)
                    call->fail(answer.networkError);
                else if (answer.status / 100 != 2)
                    call->fail(call->httpError(url, answer));
                else if (JaegerQuery::servicesAnswerVersion(answer.body) != chosen)
                    call->fail(JaegerCall::tr("%1 did not answer as the Jaeger %2 API does")
                                   .arg(JaegerQuery::displayUrl(url), jaegerApiName(chosen)));
                else {
                    call->m_api = chosen;
                    JaegerQuery::parseServices(answer.body, &call->m_services, nullptr);
                    call->succeed();
                }
            });
            return;
        }
        call->withApi([call] { call->succeed(); });
    });
    return call;
}

JaegerCall* JaegerClient::services()
{
    auto* call = new JaegerCall(this);
    QTimer::singleShot(0, call, [this, call] {
        const bool detecting = m_api == JaegerApi::Auto;
        call->withApi([this, call, detecting] {
            if (detecting) { // detection read the list already
                call->succeed();
                return;
            }
            const QUrl url = JaegerQuery::servicesUrl(m_endpoint, call->m_api);
            call->get(url, [call, url](const JaegerCall::Answer& answer) {
                QString error;
                if (answer.status == 0)
                    call->fail(answer.networkError);
                else if (answer.status / 100 != 2)
                    call->fail(call->httpError(url, answer));
                else if (!JaegerQuery::parseServices(answer.body, &call->m_services, &error))
                    call->fail(JaegerCall::tr("%1: %2").arg(JaegerQuery::displayUrl(url), error));
                else
                    call->succeed();
            });
        });
    });
    return call;
}

JaegerCall* JaegerClient::operations(const QString& service)
{
    auto* call = new JaegerCall(this);
    QTimer::singleShot(0, call, [this, call, service] {
        call->withApi([this, call, service] {
            auto parse = [call](const QUrl& url, const JaegerCall::Answer& answer) {
                QString error;
                if (answer.jaegerNotFound())
                    call->succeed();
                else if (answer.status / 100 != 2)
                    call->fail(call->httpError(url, answer));
                else if (!JaegerQuery::parseOperations(answer.body, &call->m_operations, &error))
                    call->fail(JaegerCall::tr("%1: %2").arg(JaegerQuery::displayUrl(url), error));
                else
                    call->succeed();
            };
            const QUrl url = JaegerQuery::operationsUrl(m_endpoint, call->m_api, service);
            call->get(url, [this, call, service, url, parse](const JaegerCall::Answer& answer) {
                if (answer.status == 0) {
                    call->fail(answer.networkError);
                } else if (call->m_api == JaegerApi::V1 && answer.endpointMissing()) {
                    // Older Jaeger has only the per-service list, without span kinds.
                    const QUrl legacy = JaegerQuery::legacyOperationsUrl(m_endpoint, service);
                    call->get(legacy, [call, legacy, parse](const JaegerCall::Answer& legacyAnswer) {
                        if (legacyAnswer.status == 0)
                            call->fail(legacyAnswer.networkError);
                        else
                            parse(legacy, legacyAnswer);
                    });
                } else {
                    parse(url, answer);
                }
            });
        });
    });
    return call;
}

JaegerCall* JaegerClient::traceSummaries(const JaegerSearch& search)
{
    auto* call = new JaegerCall(this);
    const int64_t now = nowNs();
    QTimer::singleShot(0, call, [this, call, search, now] {
        call->withApi([this, call, search, now] {
            if (call->m_api != JaegerApi::V3) {
                call->unsupported(JaegerCall::tr("the Jaeger v1 API has no trace summaries"));
                return;
            }
            const QUrl url = JaegerQuery::summariesUrl(m_endpoint, search, now);
            call->get(url, [call, url](const JaegerCall::Answer& answer) {
                QString error;
                if (answer.status == 0)
                    call->fail(answer.networkError);
                else if (answer.jaegerNotFound())
                    call->succeed();
                else if (answer.endpointMissing())
                    call->unsupported(JaegerCall::tr("this Jaeger version has no trace summaries (%1 answered HTTP %2)")
                                          .arg(JaegerQuery::displayUrl(url))
                                          .arg(answer.status));
                else if (answer.status / 100 != 2)
                    call->fail(call->httpError(url, answer));
                else if (!JaegerQuery::parseSummaries(answer.body, &call->m_summaries, &error))
                    call->fail(JaegerCall::tr("%1: %2").arg(JaegerQuery::displayUrl(url), error));
                else
                    call->succeed();
            });
        });
    });
    return call;
}

JaegerCall* JaegerClient::dependencies(int64_t endNs, int64_t lookbackNs)
{
    auto* call = new JaegerCall(this);
    QTimer::singleShot(0, call, [this, call, endNs, lookbackNs] {
        // /api/dependencies is kept by Jaeger versions that dropped the rest of v1, so no detection is needed.
        call->m_api = m_api;
        const QUrl url = JaegerQuery::dependenciesUrl(m_endpoint, endNs, lookbackNs);
        call->get(url, [call, url](const JaegerCall::Answer& answer) {
            QString error;
            if (answer.status == 0)
                call->fail(answer.networkError);
            else if (answer.jaegerNotFound())
                call->succeed();
            else if (answer.endpointMissing())
                call->unsupported(JaegerCall::tr("the server offers no dependency graph (%1 answered HTTP %2)")
                                      .arg(JaegerQuery::displayUrl(url))
                                      .arg(answer.status));
            else if (answer.status / 100 != 2)
                call->fail(call->httpError(url, answer));
            else if (!JaegerQuery::parseDependencies(answer.body, &call->m_dependencies, &error))
                call->fail(JaegerCall::tr("%1: %2").arg(JaegerQuery::displayUrl(url), error));
            else
                call->succeed();
        });
    });
    return call;
}

JaegerFetch* JaegerClient::fetch(const JaegerFetchRequest& request, const QString& databasePath)
{
    auto* fetch = new JaegerFetch(this, request, databasePath);
    QTimer::singleShot(0, fetch, [fetch] { fetch->start(); });
    return fetch;
}

// ---------------------------------------------------------------------------------------------------------------
// JaegerFetch

JaegerFetch::JaegerFetch(JaegerClient* client, JaegerFetchRequest request, QString databasePath)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_databasePath(std::move(databasePath))
{
}

JaegerFetch::~JaegerFetch() = default;

void JaegerFetch::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (m_import) {
        m_import->cancel(); // its finished() ends the fetch
        return;
    }
    if (m_call)
        m_call->cancel();
    finish(QString());
}

void JaegerFetch::start()
{
    if (m_cancelled || m_finished)
        return;
    if (!m_client) {
        finish(tr("the connection was closed"));
        return;
    }
    if (m_client->api() != JaegerApi::Auto) {
        m_api = m_client->api();
        planAndRun();
        return;
    }
    m_call = m_client->detectApi();
    connect(m_call, &JaegerCall::finished, this, [this] {
        JaegerCall* call = m_call;
        m_call = nullptr;
        m_urls += call->requestedUrls();
        call->deleteLater();
        if (m_cancelled || m_finished)
            return;
        if (!call->succeeded()) {
            finish(call->errorString());
            return;
        }
        m_api = call->api();
        planAndRun();
    });
}

void JaegerFetch::planAndRun()
{
    const JaegerEndpoint& endpoint = m_client->endpoint();
    const int64_t now = m_client->nowNs();
    std::vector<QUrl> imports;
    if (m_request.search)
        imports.push_back(JaegerQuery::searchUrl(endpoint, m_api, *m_request.search, now));
    QSet<QString> seen;
    for (const QString& id : m_request.traceIds) {
        const QString normalized = id.trimmed().toLower();
        if (!normalized.isEmpty() && !seen.contains(normalized)) {
            seen.insert(normalized);
            imports.push_back(JaegerQuery::traceUrl(endpoint, m_api, normalized));
        }
    }
    const int responses = int(imports.size()) + (m_request.dependencies ? 1 : 0);
    for (size_t i = 0; i < imports.size(); ++i) {
        const QUrl url = imports[i];
        m_steps.push_back([this, url, index = int(i), responses] {
            const QString shown = JaegerQuery::displayUrl(url);
            m_urls.append(shown);
            RemoteImportOptions options;
            options.timeoutMs = m_client->endpoint().timeoutMs;
            options.verifyTls = m_client->endpoint().verifyTls;
            m_import
                = new RemoteImport(m_client->network(), m_client->request(url), shown, m_databasePath, options, this);
            connect(m_import, &RemoteImport::progress, this,
                [this, shown, index, responses](qint64 bytes, qint64 total, quint64 spans) {
                    emit progress({ index, responses, shown, bytes, total, spans });
                });
            connect(m_import, &RemoteImport::finished, this, [this] {
                RemoteImport* import = m_import;
                m_import = nullptr;
                ImportOutcome outcome = import->outcome();
                import->deleteLater();
                m_outcomes.push_back(outcome);
                emit responseFinished(outcome);
                if (outcome.report.cancelled || m_cancelled) {
                    m_cancelled = true;
                    finish(QString());
                } else if (outcome.report.rejected) {
                    finish(QString::fromStdString(outcome.report.error.message));
                } else {
                    runNext();
                }
            });
            emit progress({ index, responses, shown, 0, -1, 0 });
            m_import->start();
        });
    }
    if (m_request.dependencies) {
        int64_t endNs = now;
        int64_t lookbackNs = m_request.dependencyLookbackNs;
        if (m_request.search) {
            const auto [start, end] = m_request.search->window(now);
            endNs = end;
            lookbackNs = std::max<int64_t>(end - start, 1000000);
        }
        const QUrl url = JaegerQuery::dependenciesUrl(endpoint, endNs, lookbackNs);
        m_steps.push_back([this, url, responses] {
            emit progress({ responses - 1, responses, JaegerQuery::displayUrl(url), 0, -1, 0 });
            fetchDependencies(url);
        });
    }
    runNext();
}

void JaegerFetch::runNext()
{
    if (m_cancelled || m_finished)
        return;
    if (m_nextStep >= m_steps.size()) {
        finish(QString());
        return;
    }
    m_steps[m_nextStep++]();
}

void JaegerFetch::fetchDependencies(const QUrl& url)
{
    const QUrlQuery query(url);
    const int64_t endNs = query.queryItemValue(QStringLiteral("endTs")).toLongLong() * 1000000;
    const int64_t lookbackNs = query.queryItemValue(QStringLiteral("lookback")).toLongLong() * 1000000;
    m_call = m_client->dependencies(endNs, lookbackNs);
    connect(m_call, &JaegerCall::finished, this, [this] {
        JaegerCall* call = m_call;
        m_call = nullptr;
        call->deleteLater();
        if (m_cancelled || m_finished)
            return;
        ImportOutcome outcome;
        outcome.path = call->requestedUrls().value(0);
        outcome.report.format = "jaeger-dependencies";
        m_urls += call->requestedUrls();
        if (call->status() == JaegerCall::Status::Unsupported) {
            outcome.report.warn(call->errorString().toStdString(), {});
        } else if (!call->succeeded()) {
            outcome.report.reject(call->errorString().toStdString(), {});
        } else {
            QString error;
            std::unique_ptr<TraceStore> store = TraceStore::open(m_databasePath, &error);
            if (!store
                || !store->storeDependencies(
                    m_client->endpoint().displayUrl(), outcome.path, call->dependencies(), &error))
                outcome.report.reject(
                    tr("cannot store the dependency links in %1: %2").arg(m_databasePath, error).toStdString(), {});
            else {
                QSet<QString> services;
                for (const DependencyLink& link : call->dependencies())
                    services << link.parent << link.child;
                outcome.report.records = call->dependencies().size();
                outcome.counts.records = call->dependencies().size();
                outcome.counts.services = uint64_t(services.size());
            }
        }
        m_outcomes.push_back(outcome);
        emit responseFinished(outcome);
        if (outcome.report.rejected)
            finish(QString::fromStdString(outcome.report.error.message));
        else
            runNext();
    });
}

void JaegerFetch::finish(const QString& error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_error.isEmpty())
        m_error = error;
    emit finished();
}

} // namespace skein
