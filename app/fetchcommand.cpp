// SPDX-License-Identifier: MIT
#include "fetchcommand.h"

#include "durationtext.h"
#include "importjson.h"
#include "jaegerclient.h"
#include "tracestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace skein {

namespace {

enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

const QString commandName = QStringLiteral("fetch");

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString& message)
{
    err() << "skein fetch: " << message << "\n"
          << "Run 'skein fetch --help' for usage.\n";
    err().flush();
    return UsageError;
}

// ISO 8601 / RFC 3339; without an offset the time is UTC (as in Jaeger), not local time.
std::optional<int64_t> parseTime(const QString& text)
{
    QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    const QString trimmed = text.trimmed();
    const bool hasOffset = trimmed.endsWith(u'Z') || trimmed.endsWith(u'z')
        || (trimmed.size() > 6 && (trimmed[trimmed.size() - 6] == u'+' || trimmed[trimmed.size() - 6] == u'-'));
    if (!hasOffset)
        time = QDateTime(time.date(), time.time(), Qt::UTC);
    return time.toMSecsSinceEpoch() * 1000000;
}

void printOutcome(const ImportOutcome& outcome)
{
    const QString path = outcome.path;
    if (outcome.report.cancelled) {
        err() << "cancelled " << path << "\n";
    } else if (outcome.report.rejected) {
        err() << "failed " << QString::fromStdString(outcome.report.error.message) << "\n";
    } else if (outcome.report.format == "jaeger-dependencies" && outcome.counts.records == 0
        && !outcome.report.warnings.empty()) {
        // The server has no dependency graph: the warning below says so.
    } else if (outcome.report.format == "jaeger-dependencies") {
        out() << "fetched " << path << ": " << outcome.counts.records << " dependency links between "
              << outcome.counts.services << " services\n";
    } else {
        out() << "fetched " << path << " (" << QString::fromStdString(outcome.report.format)
              << "): " << outcome.counts.traces << " traces, " << outcome.counts.spans << " spans from "
              << outcome.counts.records << " records, " << outcome.counts.services << " services\n";
    }
    for (const ImportMessage& warning : outcome.report.warnings)
        err() << "warning " << path << ": " << QString::fromStdString(warning.message) << "\n";
    out().flush();
    err().flush();
}

} // namespace

int fetchCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fetches traces from a Jaeger query service (HTTP API v1 or api_v3) into the cache, where they stay available "
        "offline. Either search (--service, with --operation, --tag, the time window and durations) or name traces "
        "with "
        "--trace, or both. The service dependency graph (/api/dependencies) for the same window is stored too. A trace "
        "fetched again replaces its earlier copy.\n\n"
        "Secrets: --token (or SKEIN_JAEGER_TOKEN, which stays out of shell history) is sent as a bearer token; "
        "--user with SKEIN_JAEGER_PASSWORD (or user:password@ in the URL) as basic auth. Neither is ever printed or "
        "stored; the cache records each URL without them."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("jaeger"),
        QStringLiteral("The Jaeger query service, with its base path if any, e.g. http://localhost:16686 or "
                       "https://tracing.example.com/jaeger."),
        QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("api"), QStringLiteral("auto (try api_v3, then v1; default), v1 or v3."),
        QStringLiteral("V"), QStringLiteral("auto") });
    parser.addOption(
        { QStringLiteral("service"), QStringLiteral("Search the traces of this service."), QStringLiteral("S") });
    parser.addOption({ QStringLiteral("operation"),
        QStringLiteral("Only traces with this operation (needs --service)."), QStringLiteral("O") });
    parser.addOption({ QStringLiteral("tag"),
        QStringLiteral("Only traces with a span whose tag/attribute K is V (repeatable)."), QStringLiteral("K=V") });
    parser.addOption({ QStringLiteral("lookback"), QStringLiteral("Search the last D (default 1h), e.g. 30m, 2h, 48h."),
        QStringLiteral("D") });
    parser.addOption({ QStringLiteral("start"),
        QStringLiteral("Search from this time (ISO 8601, UTC unless an offset is given)."), QStringLiteral("T") });
    parser.addOption(
        { QStringLiteral("end"), QStringLiteral("Search up to this time (default: now)."), QStringLiteral("T") });
    parser.addOption({ QStringLiteral("min-duration"), QStringLiteral("Shortest trace duration, e.g. 250ms, 1.5s."),
        QStringLiteral("D") });
    parser.addOption(
        { QStringLiteral("max-duration"), QStringLiteral("Longest trace duration."), QStringLiteral("D") });
    parser.addOption({ QStringLiteral("limit"), QStringLiteral("At most N traces from the search (default 20)."),
        QStringLiteral("N"), QStringLiteral("20") });
    parser.addOption(
        { QStringLiteral("trace"), QStringLiteral("Fetch this trace id (hex; repeatable)."), QStringLiteral("ID") });
    parser.addOption({ QStringLiteral("no-dependencies"), QStringLiteral("Do not fetch the dependency graph.") });
    parser.addOption({ QStringLiteral("token"), QStringLiteral("Bearer token (default: $SKEIN_JAEGER_TOKEN)."),
        QStringLiteral("T") });
    parser.addOption({ QStringLiteral("user"),
        QStringLiteral("Basic auth user; the password comes from $SKEIN_JAEGER_PASSWORD."), QStringLiteral("U") });
    parser.addOption({ QStringLiteral("header"), QStringLiteral("Extra request header 'Name: value' (repeatable)."),
        QStringLiteral("H") });
    parser.addOption(
        { QStringLiteral("timeout"), QStringLiteral("Give up when the server is silent for S seconds (default 30)."),
            QStringLiteral("S"), QStringLiteral("30") });
    parser.addOption({ QStringLiteral("insecure"),
        QStringLiteral("Do not check TLS certificates (self-signed test setups only).") });
    parser.addOption({ QStringLiteral("db"),
        QStringLiteral("The cache file (default: %1).").arg(TraceStore::defaultPath()), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("json"),
        QStringLiteral("Print one JSON object on stdout: as 'skein import --json', one entry per answer, plus "
                       "the URLs requested.") });
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText().replace(QStringLiteral("skein [options]"), QStringLiteral("skein fetch [options]"));
        out() << "\nExit status: 0 when everything asked for was fetched (a trace id the server does not know is a "
                 "warning), 1 when a request or the cache failed, 2 for a usage error.\n";
        out().flush();
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()));

    JaegerEndpoint endpoint;
    if (!parser.isSet(QStringLiteral("jaeger")))
        return usageError(QStringLiteral("--jaeger URL is required"));
    endpoint.baseUrl = QUrl::fromUserInput(parser.value(QStringLiteral("jaeger")));
    if (!endpoint.baseUrl.isValid() || (endpoint.baseUrl.scheme() != u"http" && endpoint.baseUrl.scheme() != u"https")
        || endpoint.baseUrl.host().isEmpty())
        return usageError(QStringLiteral("--jaeger wants an http:// or https:// URL, got '%1'")
                              .arg(JaegerQuery::displayUrl(QUrl(parser.value(QStringLiteral("jaeger"))))));
    const auto api = jaegerApiFromName(parser.value(QStringLiteral("api")));
    if (!api)
        return usageError(
            QStringLiteral("--api wants auto, v1 or v3, got '%1'").arg(parser.value(QStringLiteral("api"))));
    endpoint.api = *api;
    endpoint.bearerToken = parser.isSet(QStringLiteral("token")) ? parser.value(QStringLiteral("token"))
                                                                 : qEnvironmentVariable("SKEIN_JAEGER_TOKEN");
    if (parser.isSet(QStringLiteral("user"))) {
        endpoint.user = parser.value(QStringLiteral("user"));
        endpoint.password = qEnvironmentVariable("SKEIN_JAEGER_PASSWORD");
    }
    for (const QString& header : parser.values(QStringLiteral("header"))) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0)
            return usageError(QStringLiteral("--header wants 'Name: value'"));
        endpoint.headers.emplace_back(
            header.left(colon).trimmed().toLatin1(), header.mid(colon + 1).trimmed().toUtf8());
    }
    bool ok = false;
    const double timeoutSeconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || timeoutSeconds <= 0)
        return usageError(QStringLiteral("--timeout wants a number of seconds, got '%1'")
                              .arg(parser.value(QStringLiteral("timeout"))));
    endpoint.timeoutMs = int(timeoutSeconds * 1000);
    endpoint.verifyTls = !parser.isSet(QStringLiteral("insecure"));

    JaegerFetchRequest request;
    for (const QString& value : parser.values(QStringLiteral("trace"))) {
        for (const QString& id : value.split(u',', Qt::SkipEmptyParts)) {
            if (!TraceId::fromHex(id.trimmed().toStdString()))
                return usageError(QStringLiteral("--trace wants a hex trace id of 1 to 32 digits, got '%1'").arg(id));
            request.traceIds.append(id.trimmed());
        }
    }
    const bool searching = parser.isSet(QStringLiteral("service"));
    for (const char* option : { "operation", "tag", "lookback", "start", "end", "min-duration", "max-duration" }) {
        if (parser.isSet(QString::fromLatin1(option)) && !searching)
            return usageError(QStringLiteral("--%1 needs --service (Jaeger searches one service at a time)")
                                  .arg(QLatin1String(option)));
    }
    if (!searching && request.traceIds.isEmpty())
        return usageError(QStringLiteral("give --service S to search, or --trace ID to fetch traces by id"));
    JaegerSearch search;
    if (searching) {
        search.service = parser.value(QStringLiteral("service"));
        search.operation = parser.value(QStringLiteral("operation"));
        for (const QString& tag : parser.values(QStringLiteral("tag"))) {
            const qsizetype equals = tag.indexOf(u'=');
            if (equals <= 0)
                return usageError(QStringLiteral("--tag wants KEY=VALUE, got '%1'").arg(tag));
            search.tags.emplace_back(tag.left(equals), tag.mid(equals + 1));
        }
        if (parser.isSet(QStringLiteral("lookback"))
            && (parser.isSet(QStringLiteral("start")) || parser.isSet(QStringLiteral("end"))))
            return usageError(QStringLiteral("--lookback and --start/--end exclude each other"));
        if (parser.isSet(QStringLiteral("lookback"))) {
            const auto lookback = parseDuration(parser.value(QStringLiteral("lookback")));
            if (!lookback || *lookback <= 0)
                return usageError(QStringLiteral("--lookback wants a duration like 30m or 2h, got '%1'")
                                      .arg(parser.value(QStringLiteral("lookback"))));
            search.lookbackNs = *lookback;
        }
        for (const auto& [option, target] : { std::pair { QStringLiteral("start"), &search.startNs },
                 std::pair { QStringLiteral("end"), &search.endNs } }) {
            if (!parser.isSet(option))
                continue;
            const auto time = parseTime(parser.value(option));
            if (!time)
                return usageError(QStringLiteral("--%1 wants a time like 2024-05-01T10:00:00Z, got '%2'")
                                      .arg(option, parser.value(option)));
            *target = *time;
        }
        if (search.startNs && search.endNs && *search.startNs >= *search.endNs)
            return usageError(QStringLiteral("--start must be before --end"));
        for (const auto& [option, target] : { std::pair { QStringLiteral("min-duration"), &search.minDurationNs },
                 std::pair { QStringLiteral("max-duration"), &search.maxDurationNs } }) {
            if (!parser.isSet(option))
                continue;
            const auto duration = parseDuration(parser.value(option));
            if (!duration || *duration < 0)
                return usageError(QStringLiteral("--%1 wants a duration like 250ms or 1.5s, got '%2'")
                                      .arg(option, parser.value(option)));
            *target = *duration;
        }
        search.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || search.limit <= 0)
            return usageError(
                QStringLiteral("--limit wants a positive number, got '%1'").arg(parser.value(QStringLiteral("limit"))));
        request.search = search;
    }
    request.dependencies = !parser.isSet(QStringLiteral("no-dependencies"));

    const QString databasePath
        = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : TraceStore::defaultPath();
    {
        // Fails early, and creates or migrates the cache before any worker opens it.
        QString error;
        if (!TraceStore::open(databasePath, &error)) {
            err() << "skein: cannot open the cache " << databasePath << ": " << error << "\n";
            err().flush();
            return Failure;
        }
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    JaegerClient client(endpoint);
    JaegerFetch* fetch = client.fetch(request, databasePath);
    if (!json)
        QObject::connect(
            fetch, &JaegerFetch::responseFinished, fetch, [](const ImportOutcome& outcome) { printOutcome(outcome); });
    QEventLoop loop;
    QObject::connect(fetch, &JaegerFetch::finished, &loop, &QEventLoop::quit);
    loop.exec();

    if (json) {
        QJsonArray files;
        for (const ImportOutcome& outcome : fetch->outcomes())
            files.append(importOutcomeJson(outcome));
        QJsonObject root;
        root[QStringLiteral("database")] = databasePath;
        root[QStringLiteral("endpoint")] = client.endpoint().displayUrl();
        root[QStringLiteral("api")] = jaegerApiName(fetch->api());
        root[QStringLiteral("files")] = files;
        root[QStringLiteral("requests")] = QJsonArray::fromStringList(fetch->requestedUrls());
        root[QStringLiteral("error")]
            = fetch->errorString().isEmpty() ? QJsonValue() : QJsonValue(fetch->errorString());
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
        out().flush();
    }
    if (!fetch->succeeded()) {
        // An answer that failed has printed itself already; a failure before any answer (detection) has not.
        const bool printed = !fetch->outcomes().empty() && fetch->outcomes().back().report.rejected;
        if (!printed || json)
            err() << "skein fetch: " << (fetch->cancelled() ? QStringLiteral("cancelled") : fetch->errorString())
                  << "\n";
        err().flush();
        return Failure;
    }
    return Success;
}

} // namespace skein
