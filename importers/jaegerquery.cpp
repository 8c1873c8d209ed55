// SPDX-License-Identifier: MIT
#include "jaegerquery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace skein {

namespace {

constexpr int64_t nsPerUs = 1000;
constexpr int64_t nsPerMs = 1000000;
constexpr int64_t nsPerSecond = 1000000000;

QUrl underBase(const JaegerEndpoint& endpoint, const QString& path, const QUrlQuery& query = {})
{
    QUrl url = endpoint.baseUrl;
    url.setUserInfo({});
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(query);
    url.setFragment({});
    return url;
}

QString tagsJson(const std::vector<std::pair<QString, QString>>& tags)
{
    QJsonObject object;
    for (const auto& [key, value] : tags)
        object[key] = value;
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool parseObject(const QByteArray& body, QJsonObject* object, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error) {
            *error = parseError.error != QJsonParseError::NoError
                ? JaegerQuery::tr("the answer is not valid JSON (%1 at byte %2)")
                      .arg(parseError.errorString())
                      .arg(parseError.offset)
                : JaegerQuery::tr("the answer is not a JSON object");
        }
        return false;
    }
    *object = document.object();
    return true;
}

int64_t integer(const QJsonValue& value)
{
    if (value.isString())
        return value.toString().toLongLong();
    return value.toInteger();
}

QStringList stringList(const QJsonArray& array)
{
    QStringList list;
    for (const QJsonValue& value : array) {
        if (value.isString())
            list.append(value.toString());
    }
    return list;
}

} // namespace

QString jaegerApiName(JaegerApi api)
{
    switch (api) {
    case JaegerApi::V1:
        return QStringLiteral("v1");
    case JaegerApi::V3:
        return QStringLiteral("v3");
    case JaegerApi::Auto:
        break;
    }
    return QStringLiteral("auto");
}

std::optional<JaegerApi> jaegerApiFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"auto")
        return JaegerApi::Auto;
    if (lower == u"v1" || lower == u"1")
        return JaegerApi::V1;
    if (lower == u"v3" || lower == u"3")
        return JaegerApi::V3;
    return std::nullopt;
}

JaegerEndpoint JaegerEndpoint::normalized() const
{
    JaegerEndpoint result = *this;
    if (!baseUrl.userName().isEmpty() && result.user.isEmpty()) {
        result.user = baseUrl.userName();
        result.password = baseUrl.password();
    }
    result.baseUrl.setUserInfo({});
    QString path = result.baseUrl.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    result.baseUrl.setPath(path);
    return result;
}

QString JaegerEndpoint::displayUrl() const
{
    return JaegerQuery::displayUrl(baseUrl);
}

std::pair<int64_t, int64_t> JaegerSearch::window(int64_t nowNs) const
{
    if (startNs && endNs)
        return { *startNs, *endNs };
    if (startNs)
        return { *startNs, nowNs };
    const int64_t end = endNs.value_or(nowNs);
    return { end - lookbackNs, end };
}

QUrl JaegerQuery::servicesUrl(const JaegerEndpoint& endpoint, JaegerApi api)
{
    return underBase(
        endpoint, api == JaegerApi::V3 ? QStringLiteral("/api/v3/services") : QStringLiteral("/api/services"));
}

QUrl JaegerQuery::operationsUrl(const JaegerEndpoint& endpoint, JaegerApi api, const QString& service)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), QString::fromLatin1(QUrl::toPercentEncoding(service)));
    return underBase(endpoint,
        api == JaegerApi::V3 ? QStringLiteral("/api/v3/operations") : QStringLiteral("/api/operations"), query);
}

QUrl JaegerQuery::legacyOperationsUrl(const JaegerEndpoint& endpoint, const QString& service)
{
    return underBase(endpoint,
        QStringLiteral("/api/services/%1/operations").arg(QString::fromLatin1(QUrl::toPercentEncoding(service))));
}

QUrl JaegerQuery::searchUrl(const JaegerEndpoint& endpoint, JaegerApi api, const JaegerSearch& search, int64_t nowNs)
{
    const auto [start, end] = search.window(nowNs);
    auto encoded = [](const QString& text) { return QString::fromLatin1(QUrl::toPercentEncoding(text)); };
    QUrlQuery query;
    if (api == JaegerApi::V3) {
        query.addQueryItem(QStringLiteral("query.serviceName"), encoded(search.service));
        if (!search.operation.isEmpty())
            query.addQueryItem(QStringLiteral("query.operationName"), encoded(search.operation));
        query.addQueryItem(QStringLiteral("query.startTimeMin"), rfc3339(start));
        query.addQueryItem(QStringLiteral("query.startTimeMax"), rfc3339(end));
        if (search.minDurationNs)
            query.addQueryItem(QStringLiteral("query.durationMin"), goDuration(*search.minDurationNs));
        if (search.maxDurationNs)
            query.addQueryItem(QStringLiteral("query.durationMax"), goDuration(*search.maxDurationNs));
        if (!search.tags.empty())
            query.addQueryItem(QStringLiteral("query.attributes"), encoded(tagsJson(search.tags)));
        if (search.limit > 0)
            query.addQueryItem(QStringLiteral("query.searchDepth"), QString::number(search.limit));
        return underBase(endpoint, QStringLiteral("/api/v3/traces"), query);
    }
    query.addQueryItem(QStringLiteral("service"), encoded(search.service));
    if (!search.operation.isEmpty())
        query.addQueryItem(QStringLiteral("operation"), encoded(search.operation));
    if (!search.tags.empty())
        query.addQueryItem(QStringLiteral("tags"), encoded(tagsJson(search.tags)));
    query.addQueryItem(QStringLiteral("start"), QString::number(start / nsPerUs));
    query.addQueryItem(QStringLiteral("end"), QString::number(end / nsPerUs));
    if (search.minDurationNs)
        query.addQueryItem(QStringLiteral("minDuration"), goDuration(*search.minDurationNs));
    if (search.maxDurationNs)
        query.addQueryItem(QStringLiteral("maxDuration"), goDuration(*search.maxDurationNs));
    if (search.limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(search.limit));
    return underBase(endpoint, QStringLiteral("/api/traces"), query);
}

QUrl JaegerQuery::summariesUrl(const JaegerEndpoint& endpoint, const JaegerSearch& search, int64_t nowNs)
{
    QUrl url = searchUrl(endpoint, JaegerApi::V3, search, nowNs);
    url.setPath(url.path().replace(QStringLiteral("/api/v3/traces"), QStringLiteral("/api/v3/trace-summaries")));
    return url;
}

QUrl JaegerQuery::traceUrl(const JaegerEndpoint& endpoint, JaegerApi api, const QString& traceId)
{
    const QString id = traceId.trimmed().toLower();
    return underBase(endpoint,
        api == JaegerApi::V3 ? QStringLiteral("/api/v3/traces/%1").arg(id) : QStringLiteral("/api/traces/%1").arg(id));
}

QUrl JaegerQuery::dependenciesUrl(const JaegerEndpoint& endpoint, int64_t endNs, int64_t lookbackNs)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("endTs"), QString::number(endNs / nsPerMs));
    query.addQueryItem(QStringLiteral("lookback"), QString::number(lookbackNs / nsPerMs));
    return underBase(endpoint, QStringLiteral("/api/dependencies"), query);
}

QString JaegerQuery::displayUrl(const QUrl& url)
{
    QUrl shown = url;
    shown.setUserInfo({});
    QUrlQuery query(shown);
    static const QRegularExpression secretKey(
        QStringLiteral("token|secret|password|passwd|auth|key|signature"), QRegularExpression::CaseInsensitiveOption);
    const auto items = query.queryItems(QUrl::FullyEncoded);
    bool masked = false;
    QUrlQuery cleaned;
    for (const auto& [key, value] : items) {
        const bool secret = secretKey.match(key).hasMatch();
        masked = masked || secret;
        cleaned.addQueryItem(key, secret ? QStringLiteral("***") : value);
    }
    if (masked)
        shown.setQuery(cleaned);
    return shown.toString(QUrl::FullyEncoded);
}

bool JaegerQuery::parseServices(const QByteArray& body, QStringList* services, QString* error)
{
    QJsonObject object;
    if (!parseObject(body, &object, error))
        return false;
    if (object.value(QStringLiteral("services")).isArray()) {
        *services = stringList(object.value(QStringLiteral("services")).toArray());
    } else if (object.value(QStringLiteral("data")).isArray() || object.value(QStringLiteral("data")).isNull()) {
        *services = stringList(object.value(QStringLiteral("data")).toArray());
    } else {
        if (error)
            *error = tr("the answer has no service list");
        return false;
    }
    services->sort();
    return true;
}

bool JaegerQuery::parseOperations(const QByteArray& body, std::vector<JaegerOperation>* operations, QString* error)
{
    QJsonObject object;
    if (!parseObject(body, &object, error))
        return false;
    QJsonValue list = object.value(QStringLiteral("operations"));
    if (!list.isArray())
        list = object.value(QStringLiteral("data"));
    if (!list.isArray() && !list.isNull()) {
        if (error)
            *error = tr("the answer has no operation list");
        return false;
    }
    operations->clear();
    for (const QJsonValue& value : list.toArray()) {
        if (value.isString()) {
            operations->push_back({ value.toString(), {} });
        } else if (value.isObject()) {
            const QJsonObject operation = value.toObject();
            operations->push_back({ operation.value(QStringLiteral("name")).toString(),
                operation.value(QStringLiteral("spanKind")).toString() });
        }
    }
    std::sort(operations->begin(), operations->end(), [](const JaegerOperation& a, const JaegerOperation& b) {
        return std::pair(a.name, a.spanKind) < std::pair(b.name, b.spanKind);
    });
    return true;
}

bool JaegerQuery::parseSummaries(const QByteArray& body, std::vector<JaegerTraceSummary>* summaries, QString* error)
{
    QJsonObject object;
    if (!parseObject(body, &object, error))
        return false;
    const QJsonValue list = object.value(QStringLiteral("summaries"));
    if (!list.isArray() && !list.isUndefined() && !list.isNull()) {
        if (error)
            *error = tr("the answer has no trace summaries");
        return false;
    }
    summaries->clear();
    for (const QJsonValue& value : list.toArray()) {
        const QJsonObject entry = value.toObject();
        JaegerTraceSummary summary;
        summary.traceId = entry.value(QStringLiteral("traceId")).toString().toLower();
        summary.rootService = entry.value(QStringLiteral("rootServiceName")).toString();
        summary.rootOperation = entry.value(QStringLiteral("rootOperationName")).toString();
        summary.startNs = integer(entry.value(QStringLiteral("minStartTimeUnixNano")));
        summary.durationNs = integer(entry.value(QStringLiteral("maxEndTimeUnixNano"))) - summary.startNs;
        summary.spanCount = integer(entry.value(QStringLiteral("spanCount")));
        summary.errorCount = integer(entry.value(QStringLiteral("errorSpanCount")));
        for (const QJsonValue& service : entry.value(QStringLiteral("services")).toArray())
            summary.services.append(service.toObject().value(QStringLiteral("name")).toString());
        if (!summary.traceId.isEmpty())
            summaries->push_back(std::move(summary));
    }
    return true;
}

bool JaegerQuery::parseDependencies(const QByteArray& body, std::vector<DependencyLink>* links, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    QJsonArray list;
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = tr("the answer is not valid JSON (%1 at byte %2)")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return false;
    }
    if (document.isArray()) {
        list = document.array();
    } else if (document.object().value(QStringLiteral("data")).isArray()) {
        list = document.object().value(QStringLiteral("data")).toArray();
    } else if (document.object().value(QStringLiteral("dependencies")).isArray()) {
        list = document.object().value(QStringLiteral("dependencies")).toArray();
    } else if (!document.object().value(QStringLiteral("data")).isNull()) {
        if (error)
            *error = tr("the answer has no dependency list");
        return false;
    }
    links->clear();
    for (const QJsonValue& value : list) {
        const QJsonObject entry = value.toObject();
        DependencyLink link { entry.value(QStringLiteral("parent")).toString(),
            entry.value(QStringLiteral("child")).toString(), integer(entry.value(QStringLiteral("callCount"))) };
        if (!link.parent.isEmpty() || !link.child.isEmpty())
            links->push_back(std::move(link));
    }
    return true;
}

std::optional<JaegerApi> JaegerQuery::servicesAnswerVersion(const QByteArray& body)
{
    QJsonObject object;
    if (!parseObject(body, &object, nullptr))
        return std::nullopt;
    if (object.value(QStringLiteral("services")).isArray())
        return JaegerApi::V3;
    const QJsonValue data = object.value(QStringLiteral("data"));
    if ((data.isArray() || data.isNull())
        && (object.contains(QStringLiteral("errors")) || object.contains(QStringLiteral("total"))))
        return JaegerApi::V1;
    return std::nullopt;
}

QString JaegerQuery::serverMessage(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject object = document.object();
        QStringList messages;
        for (const QJsonValue& error : object.value(QStringLiteral("errors")).toArray()) {
            QString message = error.toObject().value(QStringLiteral("msg")).toString();
            const QString traceId = error.toObject().value(QStringLiteral("traceID")).toString();
            if (!traceId.isEmpty())
                message = tr("%1 (trace %2)").arg(message, traceId);
            if (!message.isEmpty())
                messages.append(message);
        }
        const QJsonValue error = object.value(QStringLiteral("error"));
        if (error.isObject())
            messages.append(error.toObject().value(QStringLiteral("message")).toString());
        else if (error.isString())
            messages.append(error.toString());
        if (object.value(QStringLiteral("message")).isString())
            messages.append(object.value(QStringLiteral("message")).toString());
        messages.removeAll(QString());
        return messages.join(QStringLiteral("; "));
    }
    // Plain text (a proxy, Go's "404 page not found"); an HTML page says nothing useful in one line.
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (text.startsWith(u'<'))
        return {};
    if (text.size() > 200)
        text = text.left(200) + QStringLiteral("…");
    return text;
}

bool JaegerQuery::isJaegerNotFound(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonObject object = document.object();
    auto saysNotFound = [](const QJsonObject& error, const QString& codeKey, const QString& messageKey) {
        return integer(error.value(codeKey)) == 404
            || error.value(messageKey).toString().contains(QLatin1String("not found"), Qt::CaseInsensitive);
    };
    if (object.value(QStringLiteral("error")).isObject())
        return saysNotFound(
            object.value(QStringLiteral("error")).toObject(), QStringLiteral("httpCode"), QStringLiteral("message"));
    for (const QJsonValue& error : object.value(QStringLiteral("errors")).toArray()) {
        if (saysNotFound(error.toObject(), QStringLiteral("code"), QStringLiteral("msg")))
            return true;
    }
    return false;
}

QString JaegerQuery::goDuration(int64_t ns)
{
    struct Unit {
        int64_t ns;
        const char* name;
    };
    static constexpr Unit units[] = { { 3600 * nsPerSecond, "h" }, { 60 * nsPerSecond, "m" }, { nsPerSecond, "s" },
        { nsPerMs, "ms" }, { nsPerUs, "us" } };
    for (const Unit& unit : units) {
        if (ns != 0 && ns % unit.ns == 0)
            return QString::number(ns / unit.ns) + QLatin1String(unit.name);
    }
    return QString::number(ns) + QStringLiteral("ns");
}

QString JaegerQuery::rfc3339(int64_t ns)
{
    int64_t seconds = ns / nsPerSecond;
    int64_t fraction = ns % nsPerSecond;
    if (fraction < 0) {
        fraction += nsPerSecond;
        --seconds;
    }
    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + QStringLiteral(".%1Z").arg(fraction, 9, 10, QLatin1Char('0'));
}

} // namespace skein
