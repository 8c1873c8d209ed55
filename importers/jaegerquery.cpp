// SPDX-License-Identifier: MIT
#include "jaegerquery.h"

#include "bytesource.h"
#include "jsoninput.h"
#include "jsonstreamparser.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <functional>
#include <span>

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

// Hands the root of one JSON document to read while its tree exists.
class RootReader : public JsonStreamClient {
public:
    explicit RootReader(const std::function<void(const JsonNode&)>& read)
        : m_read(read)
    {
    }
    Action valueStarted(const JsonPath& path, bool) override { return path.empty() ? Action::Capture : Action::Skip; }
    bool captured(const JsonPath&, const JsonNode& value, const SourcePosition&) override
    {
        if (++m_documents > 1)
            return false;
        m_read(value);
        return true;
    }
    int documents() const { return m_documents; }

private:
    const std::function<void(const JsonNode&)>& m_read;
    int m_documents = 0;
};

// Answers go through the same streaming reader as trace files, not QJsonDocument: the tree takes a fraction
// of the memory, and its depth and size are bounded. False (with *error) unless body is one JSON document.
bool readAnswer(const QByteArray& body, const std::function<void(const JsonNode&)>& read, QString* error)
{
    std::unique_ptr<ByteSource> source = ByteSource::fromMemory(body, QString());
    JsonInput input(*source);
    RootReader reader(read);
    ImportReport report;
    if (JsonStreamParser().parse(input, reader, report) && reader.documents() == 1 && report.warnings.empty())
        return true;
    if (error) {
        const ImportMessage& problem
            = report.rejected || report.warnings.empty() ? report.error : report.warnings.front();
        if (problem.message.empty())
            *error = JaegerQuery::tr("the answer is not one JSON document");
        else if (problem.position.line > 0)
            *error = JaegerQuery::tr("the answer is not valid JSON (%1 at line %2, column %3)")
                         .arg(QString::fromStdString(problem.message))
                         .arg(problem.position.line)
                         .arg(problem.position.column);
        else
            *error = JaegerQuery::tr("the answer is not valid JSON (%1)").arg(QString::fromStdString(problem.message));
    }
    return false;
}

// readAnswer() for answers that must be an object.
bool readObject(const QByteArray& body, const std::function<void(const JsonNode&)>& read, QString* error)
{
    bool isObject = false;
    const bool valid = readAnswer(
        body,
        [&](const JsonNode& root) {
            isObject = root.isObject();
            if (isObject)
                read(root);
        },
        error);
    if (valid && !isObject && error)
        *error = JaegerQuery::tr("the answer is not a JSON object");
    return valid && isObject;
}

QString text(const JsonNode* node)
{
    const std::string_view value = node ? node->string() : std::string_view();
    return QString::fromUtf8(value.data(), qsizetype(value.size()));
}

// A number, or a string holding one; 0 otherwise.
int64_t integer(const JsonNode* node)
{
    return node ? node->toInt64().value_or(0) : 0;
}

bool isArray(const JsonNode* node)
{
    return node && node->isArray();
}

bool isNull(const JsonNode* node)
{
    return node && node->isNull();
}

// The elements of an array; none for anything else.
std::span<const JsonNode> elements(const JsonNode* node)
{
    return isArray(node) ? node->elements() : std::span<const JsonNode>();
}

QStringList stringList(const JsonNode* array)
{
    QStringList list;
    for (const JsonNode& value : elements(array)) {
        if (value.isString())
            list.append(text(&value));
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
    bool found = false;
    const bool valid = readObject(
        body,
        [&](const JsonNode& object) {
            const JsonNode* list = object.find("services");
            if (!isArray(list))
                list = object.find("data");
            found = isArray(list) || isNull(list);
            if (found)
                *services = stringList(list);
        },
        error);
    if (!valid)
        return false;
    if (!found) {
        if (error)
            *error = tr("the answer has no service list");
        return false;
    }
    services->sort();
    return true;
}

bool JaegerQuery::parseOperations(const QByteArray& body, std::vector<JaegerOperation>* operations, QString* error)
{
    bool found = false;
    const bool valid = readObject(
        body,
        [&](const JsonNode& object) {
            const JsonNode* list = object.find("operations");
            if (!isArray(list))
                list = object.find("data");
            found = isArray(list) || isNull(list);
            if (!found)
                return;
            operations->clear();
            for (const JsonNode& value : elements(list)) {
                if (value.isString())
                    operations->push_back({ text(&value), {} });
                else if (value.isObject())
                    operations->push_back({ text(value.find("name")), text(value.find("spanKind")) });
            }
        },
        error);
    if (!valid)
        return false;
    if (!found) {
        if (error)
            *error = tr("the answer has no operation list");
        return false;
    }
    std::sort(operations->begin(), operations->end(), [](const JaegerOperation& a, const JaegerOperation& b) {
        return std::pair(a.name, a.spanKind) < std::pair(b.name, b.spanKind);
    });
    return true;
}

bool JaegerQuery::parseSummaries(const QByteArray& body, std::vector<JaegerTraceSummary>* summaries, QString* error)
{
    bool found = false;
    const bool valid = readObject(
        body,
        [&](const JsonNode& object) {
            const JsonNode* list = object.find("summaries");
            found = !list || isArray(list) || isNull(list);
            if (!found)
                return;
            summaries->clear();
            for (const JsonNode& entry : elements(list)) {
                JaegerTraceSummary summary;
                summary.traceId = text(entry.find("traceId")).toLower();
                summary.rootService = text(entry.find("rootServiceName"));
                summary.rootOperation = text(entry.find("rootOperationName"));
                summary.startNs = integer(entry.find("minStartTimeUnixNano"));
                summary.durationNs = integer(entry.find("maxEndTimeUnixNano")) - summary.startNs;
                summary.spanCount = integer(entry.find("spanCount"));
                summary.errorCount = integer(entry.find("errorSpanCount"));
                for (const JsonNode& service : elements(entry.find("services")))
                    summary.services.append(text(service.find("name")));
                if (!summary.traceId.isEmpty())
                    summaries->push_back(std::move(summary));
            }
        },
        error);
    if (!valid)
        return false;
    if (!found) {
        if (error)
            *error = tr("the answer has no trace summaries");
        return false;
    }
    return true;
}

bool JaegerQuery::parseDependencies(const QByteArray& body, std::vector<DependencyLink>* links, QString* error)
{
    bool found = false;
    const bool valid = readAnswer(
        body,
        [&](const JsonNode& root) {
            const JsonNode* list = &root;
            if (!root.isArray())
                list = isArray(root.find("data")) ? root.find("data") : root.find("dependencies");
            // "data": null is an empty answer.
            found = isArray(list) || isNull(root.find("data"));
            if (!found)
                return;
            links->clear();
            for (const JsonNode& entry : elements(list)) {
                DependencyLink link { text(entry.find("parent")), text(entry.find("child")),
                    integer(entry.find("callCount")) };
                if (!link.parent.isEmpty() || !link.child.isEmpty())
                    links->push_back(std::move(link));
            }
        },
        error);
    if (!valid)
        return false;
    if (!found) {
        if (error)
            *error = tr("the answer has no dependency list");
        return false;
    }
    return true;
}

std::optional<JaegerApi> JaegerQuery::servicesAnswerVersion(const QByteArray& body)
{
    std::optional<JaegerApi> version;
    readObject(
        body,
        [&](const JsonNode& object) {
            const JsonNode* data = object.find("data");
            if (isArray(object.find("services")))
                version = JaegerApi::V3;
            else if ((isArray(data) || isNull(data)) && (object.find("errors") || object.find("total")))
                version = JaegerApi::V1;
        },
        nullptr);
    return version;
}

QString JaegerQuery::serverMessage(const QByteArray& body)
{
    QStringList messages;
    const bool isObject = readObject(
        body,
        [&](const JsonNode& object) {
            for (const JsonNode& error : elements(object.find("errors"))) {
                QString message = text(error.find("msg"));
                const QString traceId = text(error.find("traceID"));
                if (!traceId.isEmpty())
                    message = tr("%1 (trace %2)").arg(message, traceId);
                if (!message.isEmpty())
                    messages.append(message);
            }
            const JsonNode* error = object.find("error");
            if (error && error->isObject())
                messages.append(text(error->find("message")));
            else
                messages.append(text(error));
            messages.append(text(object.find("message")));
        },
        nullptr);
    if (isObject) {
        messages.removeAll(QString());
        return messages.join(QStringLiteral("; "));
    }
    // Plain text (a proxy, Go's "404 page not found"); an HTML page says nothing useful in one line.
    QString plain = QString::fromUtf8(body.left(400)).simplified();
    if (plain.startsWith(u'<'))
        return {};
    if (plain.size() > 200)
        plain = plain.left(200) + QStringLiteral("…");
    return plain;
}

bool JaegerQuery::isJaegerNotFound(const QByteArray& body)
{
    bool notFound = false;
    readObject(
        body,
        [&](const JsonNode& object) {
            auto saysNotFound = [](const JsonNode& error, std::string_view codeKey, std::string_view messageKey) {
                return integer(error.find(codeKey)) == 404
                    || text(error.find(messageKey)).contains(QLatin1String("not found"), Qt::CaseInsensitive);
            };
            const JsonNode* error = object.find("error");
            if (error && error->isObject()) {
                notFound = saysNotFound(*error, "httpCode", "message");
                return;
            }
            for (const JsonNode& entry : elements(object.find("errors"))) {
                if (saysNotFound(entry, "code", "msg"))
                    notFound = true;
            }
        },
        nullptr);
    return notFound;
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
