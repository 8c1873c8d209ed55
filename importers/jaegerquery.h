// SPDX-License-Identifier: MIT
// The Jaeger query HTTP API (formats.md §2) as data: endpoints, request URLs for v1 and api_v3, and the
// small JSON answers (services, operations, trace summaries, dependency links, error bodies). No I/O.
#pragma once

#include "dependencylink.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace skein {

enum class JaegerApi { Auto, V1, V3 };
QString jaegerApiName(JaegerApi api); // "auto", "v1", "v3"
std::optional<JaegerApi> jaegerApiFromName(const QString& name);

// Where and how to reach a Jaeger query service. Secrets (token, password, header values) are only
// ever put into request headers, never into URLs or messages.
struct JaegerEndpoint {
    QUrl baseUrl; // http(s)://host:port[/base/path]; user:password@ in it becomes basic auth
    JaegerApi api = JaegerApi::Auto;
    QString bearerToken;
    QString user; // basic auth when not empty
    QString password;
    std::vector<std::pair<QByteArray, QByteArray>> headers; // extra request headers
    int timeoutMs = 30000; // without a byte in either direction for this long, a request fails
    bool verifyTls = true; // false accepts any certificate (self-signed test setups)

    // Moves user info out of baseUrl into user/password and drops a trailing '/'.
    JaegerEndpoint normalized() const;
    // The base URL as it may be shown or stored: no user info.
    QString displayUrl() const;
};

struct JaegerSearch {
    QString service; // required by both API versions
    QString operation;
    std::vector<std::pair<QString, QString>> tags; // key = value
    std::optional<int64_t> startNs; // with endNs: a fixed window; otherwise the last lookbackNs
    std::optional<int64_t> endNs;
    int64_t lookbackNs = int64_t(3600) * 1000000000; // 1 h, as the Jaeger UI
    std::optional<int64_t> minDurationNs;
    std::optional<int64_t> maxDurationNs;
    int limit = 20;

    // [start, end] in ns since the epoch.
    std::pair<int64_t, int64_t> window(int64_t nowNs) const;
};

struct JaegerOperation {
    QString name;
    QString spanKind; // "server", "client", ...; empty when the API does not say
};

// A search result before its trace is downloaded (api_v3 trace-summaries).
struct JaegerTraceSummary {
    QString traceId; // hex
    QString rootService;
    QString rootOperation;
    int64_t startNs = 0;
    int64_t durationNs = 0;
    int64_t spanCount = 0;
    int64_t errorCount = 0;
    QStringList services;
};

class JaegerQuery {
    Q_DECLARE_TR_FUNCTIONS(JaegerQuery)

public:
    // Request URLs under the endpoint's base path. now/window times are ns since the epoch.
    static QUrl servicesUrl(const JaegerEndpoint& endpoint, JaegerApi api);
    static QUrl operationsUrl(const JaegerEndpoint& endpoint, JaegerApi api, const QString& service);
    static QUrl legacyOperationsUrl(
        const JaegerEndpoint& endpoint, const QString& service); // v1 /api/services/{s}/operations
    static QUrl searchUrl(const JaegerEndpoint& endpoint, JaegerApi api, const JaegerSearch& search, int64_t nowNs);
    static QUrl summariesUrl(const JaegerEndpoint& endpoint, const JaegerSearch& search, int64_t nowNs);
    static QUrl traceUrl(const JaegerEndpoint& endpoint, JaegerApi api, const QString& traceId);
    static QUrl dependenciesUrl(const JaegerEndpoint& endpoint, int64_t endNs, int64_t lookbackNs);

    // A URL fit for output and provenance: no user info, secret-looking query values masked.
    static QString displayUrl(const QUrl& url);

    // Answers. False with *error when the body is not the expected JSON.
    static bool parseServices(const QByteArray& body, QStringList* services, QString* error);
    static bool parseOperations(const QByteArray& body, std::vector<JaegerOperation>* operations, QString* error);
    static bool parseSummaries(const QByteArray& body, std::vector<JaegerTraceSummary>* summaries, QString* error);
    static bool parseDependencies(const QByteArray& body, std::vector<DependencyLink>* links, QString* error);
    // Which version answered a services request (nullopt: not a Jaeger services answer, e.g. a UI page).
    static std::optional<JaegerApi> servicesAnswerVersion(const QByteArray& body);

    // The server's own message from an error body: v1 envelope errors[].msg, v3 error.message, or the
    // start of a plain-text body. Empty when there is none.
    static QString serverMessage(const QByteArray& body);
    // A 404 body that Jaeger sends for "nothing found" (v3 "No traces found", v1 "trace not found"),
    // as opposed to a 404 for an endpoint that the server does not have.
    static bool isJaegerNotFound(const QByteArray& body);

    // Go duration text ("250ms", "1h") as both API versions take it.
    static QString goDuration(int64_t ns);
    // RFC 3339 with nanoseconds, UTC ("2024-05-01T10:00:00.000000001Z").
    static QString rfc3339(int64_t ns);
};

} // namespace skein
