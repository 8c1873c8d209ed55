// SPDX-License-Identifier: MIT
#include "jaegerbrowser.h"

#include "jaegerclient.h"
#include "tracestore.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QDir>
#include <QHash>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <set>

namespace skein {

namespace {

const QString currentEndpointKey = QStringLiteral("jaeger/currentEndpoint");

struct Secrets {
    QString token;
    QString password;
};

// Endpoint id -> the secrets typed in this session; never written anywhere.
QHash<QString, Secrets>& sessionSecrets()
{
    static QHash<QString, Secrets> secrets;
    return secrets;
}

QString hexId(const QString& id)
{
    const auto parsed = TraceId::fromHex(id.trimmed().toStdString());
    return parsed ? QString::fromStdString(parsed->toHex()) : id.trimmed().toLower();
}

} // namespace

JaegerEndpoint toJaegerEndpoint(const JaegerEndpointSettings& settings)
{
    JaegerEndpoint endpoint;
    endpoint.baseUrl = QUrl(settings.normalizedUrl());
    endpoint.api = jaegerApiFromName(settings.api).value_or(JaegerApi::Auto);
    if (settings.auth == JaegerEndpointSettings::Auth::BearerToken)
        endpoint.bearerToken = settings.token;
    if (settings.auth == JaegerEndpointSettings::Auth::Basic) {
        endpoint.user = settings.user;
        endpoint.password = settings.password;
    }
    for (const auto& [name, value] : settings.headers)
        endpoint.headers.emplace_back(name.toLatin1(), value.toUtf8());
    endpoint.timeoutMs = settings.timeoutSeconds * 1000;
    endpoint.verifyTls = settings.verifyTls;
    return endpoint.normalized();
}

JaegerSearch toJaegerSearch(const JaegerSearchSettings& settings)
{
    JaegerSearch search;
    search.service = settings.service;
    search.operation = settings.operation;
    search.tags = settings.tags;
    search.startNs = settings.startNs;
    search.endNs = settings.endNs;
    search.lookbackNs = settings.lookbackNs;
    search.minDurationNs = settings.minDurationNs;
    search.maxDurationNs = settings.maxDurationNs;
    search.limit = settings.limit;
    return search;
}

JaegerBrowserDialog::JaegerBrowserDialog(QString databasePath, QWidget* parent)
    : QDialog(parent)
    , m_databasePath(std::move(databasePath))
{
    setWindowTitle(tr("Connect to Jaeger"));
    setAttribute(Qt::WA_DeleteOnClose);
    setSizeGripEnabled(true);

    m_form = new JaegerConnectionForm(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* closeButton = buttons->button(QDialogButtonBox::Close);
    closeButton->setAutoDefault(false);
    closeButton->setObjectName(QStringLiteral("closeButton"));
    // Close always closes (cancelling what runs); Escape cancels first, see reject().
    connect(closeButton, &QPushButton::clicked, this, &QDialog::close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form, 1);
    layout->addWidget(buttons);

    QSettings settings;
    m_form->setSecretStorageDescription(QDir::toNativeSeparators(settings.fileName()));
    std::vector<JaegerEndpointSettings> endpoints = loadJaegerEndpoints(settings);
    int current = 0;
    const QString currentId = settings.value(currentEndpointKey).toString();
    for (int i = 0; i < int(endpoints.size()); ++i) {
        JaegerEndpointSettings& endpoint = endpoints[size_t(i)];
        if (const auto secrets = sessionSecrets().constFind(endpoint.id); secrets != sessionSecrets().constEnd()) {
            endpoint.token = secrets->token;
            endpoint.password = secrets->password;
        }
        if (endpoint.id == currentId)
            current = i;
    }
    m_form->setEndpoints(std::move(endpoints), current);

    connect(m_form, &JaegerConnectionForm::connectRequested, this, &JaegerBrowserDialog::connectTo);
    connect(m_form, &JaegerConnectionForm::endpointEdited, this, &JaegerBrowserDialog::endpointEdited);
    connect(m_form, &JaegerConnectionForm::serviceChanged, this, &JaegerBrowserDialog::loadOperations);
    connect(m_form, &JaegerConnectionForm::searchRequested, this, &JaegerBrowserDialog::search);
    connect(m_form, &JaegerConnectionForm::fetchRequested, this, &JaegerBrowserDialog::fetchIds);
    connect(m_form, &JaegerConnectionForm::cancelRequested, this, &JaegerBrowserDialog::cancel);

    resize(1180, 720);
}

JaegerBrowserDialog::~JaegerBrowserDialog()
{
    saveEndpoints();
    // The client's requests go with it; a running download stores nothing.
    delete m_client.data();
}

bool JaegerBrowserDialog::isBusy() const
{
    return m_form->isBusy();
}

void JaegerBrowserDialog::forgetSessionSecrets()
{
    sessionSecrets().clear();
}

void JaegerBrowserDialog::reject()
{
    if (isBusy()) {
        cancel();
        return;
    }
    QDialog::reject();
}

void JaegerBrowserDialog::closeEvent(QCloseEvent* event)
{
    cancel();
    saveEndpoints();
    QDialog::closeEvent(event);
}

void JaegerBrowserDialog::saveEndpoints() const
{
    QSettings settings;
    saveJaegerEndpoints(settings, m_form->endpoints());
    settings.setValue(currentEndpointKey, m_form->currentEndpoint().id);
    for (const JaegerEndpointSettings& endpoint : m_form->endpoints())
        sessionSecrets().insert(endpoint.id, { endpoint.token, endpoint.password });
}

// ---------------------------------------------------------------------------------------------------------------
// Connecting and browsing

void JaegerBrowserDialog::dropClient()
{
    if (!m_client)
        return;
    m_form->setConnected(false);
    JaegerClient* client = m_client;
    m_client = nullptr;
    client->deleteLater();
}

void JaegerBrowserDialog::endpointEdited()
{
    if (!m_client || isBusy())
        return;
    dropClient();
    m_form->showStatus(tr("The endpoint settings changed: connect again to use them."));
}

void JaegerBrowserDialog::connectTo(const JaegerEndpointSettings& settings)
{
    saveEndpoints();
    dropClient();
    m_client = new JaegerClient(toJaegerEndpoint(settings), this);
    const QString shownUrl = m_client->endpoint().displayUrl();
    m_form->setBusy(true, tr("Connecting to %1…").arg(shownUrl));
    JaegerCall* call = m_client->detectApi();
    m_call = call;
    connect(call, &JaegerCall::finished, this, [this, call, name = settings.name] {
        call->deleteLater();
        if (m_call != call)
            return;
        m_call = nullptr;
        m_form->setBusy(false);
        if (call->status() == JaegerCall::Status::Cancelled) {
            dropClient();
            m_form->showStatus(tr("Connecting was cancelled."));
            return;
        }
        if (!call->succeeded()) {
            dropClient();
            m_form->showError(tr("Could not connect: %1").arg(call->errorString()));
            return;
        }
        QStringList services = call->services();
        services.sort(Qt::CaseInsensitive);
        m_form->setConnected(true, tr("Connected to %1 (Jaeger API %2)").arg(name, jaegerApiName(call->api())));
        m_form->setServices(services);
        if (services.isEmpty())
            m_form->showStatus(tr("Connected, but the server knows no services: nothing was traced within its "
                                  "retention period."));
        else
            m_form->showStatus(tr("Connected: %n service(s). Choose a service and search, or fetch traces by ID.",
                nullptr, int(services.size())));
    });
}

void JaegerBrowserDialog::loadOperations(const QString& service)
{
    if (m_operationsCall)
        m_operationsCall->cancel();
    if (!m_client || service.isEmpty())
        return;
    JaegerCall* call = m_client->operations(service);
    m_operationsCall = call;
    const quint64 busyPeriodsWhenAsked = m_form->busyPeriods();
    connect(call, &JaegerCall::finished, this, [this, call, service, busyPeriodsWhenAsked] {
        call->deleteLater();
        if (m_operationsCall == call)
            m_operationsCall = nullptr;
        if (call->status() == JaegerCall::Status::Cancelled)
            return;
        if (!call->succeeded()) {
            // A connection, search or fetch that started meanwhile says something more important (its
            // progress or outcome); a missing operation list only costs the operation filter.
            if (!isBusy() && m_form->busyPeriods() == busyPeriodsWhenAsked)
                m_form->showError(tr("Could not list the operations of %1: %2").arg(service, call->errorString()));
            return;
        }
        std::vector<JaegerOperationEntry> operations;
        for (const JaegerOperation& operation : call->operations())
            operations.push_back({ operation.name, operation.spanKind });
        m_form->setOperations(service, operations);
    });
}

void JaegerBrowserDialog::search(const JaegerSearchSettings& settings)
{
    if (!m_client || isBusy())
        return;
    const JaegerSearch search = toJaegerSearch(settings);
    m_lastSearch = search;
    m_form->setBusy(true, tr("Searching the traces of %1…").arg(search.service));
    JaegerCall* call = m_client->traceSummaries(search);
    m_call = call;
    connect(call, &JaegerCall::finished, this, [this, call, search] {
        call->deleteLater();
        if (m_call != call)
            return;
        m_call = nullptr;
        switch (call->status()) {
        case JaegerCall::Status::Running:
        case JaegerCall::Status::Cancelled:
            m_form->setBusy(false, tr("The search was cancelled."));
            return;
        case JaegerCall::Status::Failed:
            m_form->setBusy(false);
            m_form->showError(tr("The search failed: %1").arg(call->errorString()));
            return;
        case JaegerCall::Status::Unsupported: {
            // Without summaries the only way to see the results is to download them.
            JaegerFetchRequest request;
            request.search = search;
            request.dependencies = m_form->fetchDependencies();
            startFetch(request,
                tr("This server cannot list results before they are downloaded (Jaeger API %1): fetching the "
                   "matching traces…")
                    .arg(jaegerApiName(call->api())),
                true);
            return;
        }
        case JaegerCall::Status::Succeeded:
            break;
        }
        std::set<QString> cached;
        if (auto store = TraceStore::open(m_databasePath, nullptr)) {
            for (const JaegerTraceSummary& summary : call->summaries()) {
                const auto id = TraceId::fromHex(summary.traceId.toStdString());
                if (id && store->traceSummary(*id))
                    cached.insert(hexId(summary.traceId));
            }
        }
        std::vector<JaegerResultRow> rows;
        for (const JaegerTraceSummary& summary : call->summaries()) {
            const QString id = hexId(summary.traceId);
            rows.push_back({ id, summary.rootService, summary.rootOperation, summary.startNs, summary.durationNs,
                summary.spanCount, summary.errorCount, cached.count(id) > 0 });
        }
        m_form->setSummaries(rows);
        m_form->setBusy(false);
        if (rows.empty())
            m_form->showStatus(tr("No traces match the search."));
        else
            m_form->showStatus(tr("%n trace(s) found. Select traces and fetch them into the cache, or double-click "
                                  "one to fetch and open it.",
                nullptr, int(rows.size())));
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Fetching

void JaegerBrowserDialog::fetchIds(const QStringList& ids)
{
    if (!m_client || isBusy() || ids.isEmpty())
        return;
    JaegerFetchRequest request;
    request.traceIds = ids;
    request.dependencies = m_form->fetchDependencies();
    if (m_lastSearch) {
        const auto [start, end] = m_lastSearch->window(m_client->nowNs());
        request.dependencyLookbackNs = std::max<int64_t>(end - start, 1000000);
    }
    startFetch(request, tr("Fetching %n trace(s)…", nullptr, int(ids.size())), false);
}

void JaegerBrowserDialog::startFetch(const JaegerFetchRequest& request, const QString& text, bool listFetched)
{
    {
        // Creates or migrates the cache before the workers open it, and fails early when it cannot be opened.
        QString error;
        if (!TraceStore::open(m_databasePath, &error)) {
            m_form->setBusy(false);
            m_form->showError(tr("Cannot open the cache %1: %2").arg(m_databasePath, error));
            return;
        }
    }
    m_form->setBusy(true, text);
    JaegerFetch* fetch = m_client->fetch(request, m_databasePath);
    m_fetch = fetch;
    connect(fetch, &JaegerFetch::progress, this, [this](const JaegerFetchProgress& progress) {
        m_form->setProgress(progress.response, progress.responses, progress.bytes, progress.bytesTotal, progress.spans);
    });
    connect(fetch, &JaegerFetch::finished, this, [this, fetch, listFetched] { fetchFinished(fetch, listFetched); });
}

std::vector<JaegerResultRow> JaegerBrowserDialog::cachedRows(const std::vector<TraceId>& ids) const
{
    std::vector<JaegerResultRow> rows;
    auto store = TraceStore::open(m_databasePath, nullptr);
    if (!store)
        return rows;
    for (const TraceId& id : ids) {
        if (const auto summary = store->traceSummary(id)) {
            rows.push_back({ QString::fromStdString(id.toHex()), summary->rootService, summary->rootOperation,
                summary->startNs, summary->durationNs, summary->spanCount, summary->errorCount, true });
        }
    }
    return rows;
}

void JaegerBrowserDialog::fetchFinished(JaegerFetch* fetch, bool listFetched)
{
    fetch->deleteLater();
    if (m_fetch == fetch)
        m_fetch = nullptr;

    std::vector<TraceId> ids;
    std::set<TraceId> seen;
    QStringList hexIds;
    uint64_t spans = 0;
    uint64_t links = 0;
    QStringList notes;
    for (const ImportOutcome& outcome : fetch->outcomes()) {
        if (outcome.report.rejected || outcome.report.cancelled)
            continue;
        if (outcome.report.format == "jaeger-dependencies")
            links += outcome.counts.records;
        else
            spans += outcome.counts.spans;
        for (const TraceId& id : outcome.traceIds) {
            if (seen.insert(id).second) {
                ids.push_back(id);
                hexIds.append(QString::fromStdString(id.toHex()));
            }
        }
        for (const ImportMessage& warning : outcome.report.warnings)
            notes.append(QString::fromStdString(warning.message));
    }
    if (listFetched)
        m_form->setSummaries(cachedRows(ids));
    else
        m_form->markCached(hexIds);
    m_form->setBusy(false);

    const QLocale locale;
    QString stored = ids.empty() ? QString()
                                 : tr("%n trace(s) with %1 spans stored in the cache.", nullptr, int(ids.size()))
                                       .arg(locale.toString(qulonglong(spans)));
    if (links > 0)
        stored
            = (stored.isEmpty() ? QString() : stored + u' ') + tr("%n dependency link(s) stored.", nullptr, int(links));
    constexpr int shownNotes = 3;
    QString noteText;
    if (!notes.isEmpty()) {
        const QStringList shown = notes.mid(0, shownNotes);
        noteText = tr("Note: %1").arg(shown.join(QStringLiteral("; ")));
        if (notes.size() > shownNotes)
            noteText += u' ' + tr("(and %n more)", nullptr, int(notes.size() - shownNotes));
    }
    auto joined = [](const QStringList& parts) {
        QStringList present;
        for (const QString& part : parts) {
            if (!part.isEmpty())
                present.append(part);
        }
        return present.join(u' ');
    };

    if (fetch->cancelled()) {
        m_form->showStatus(joined({ tr("Cancelled: nothing of the answer being downloaded was stored."),
            ids.empty() ? QString() : tr("Fetched before the cancel:"), stored }));
    } else if (!fetch->succeeded()) {
        m_form->showError(joined({ tr("Fetching failed: %1").arg(fetch->errorString()),
            ids.empty() ? tr("Nothing was stored.") : tr("Fetched before the failure:"), stored }));
    } else if (ids.empty()) {
        m_form->showStatus(joined({ tr("No traces were found to fetch."), stored, noteText }));
    } else {
        m_form->showStatus(joined({ stored, noteText }));
    }
    if (!ids.empty())
        emit tracesFetched(ids);
}

void JaegerBrowserDialog::cancel()
{
    if (m_operationsCall)
        m_operationsCall->cancel();
    if (m_call)
        m_call->cancel(); // finishes at once
    if (m_fetch && !m_fetch->isFinished()) {
        m_form->showStatus(tr("Cancelling…"));
        m_fetch->cancel(); // finishes once the download has stopped and its transaction is rolled back
    }
}

} // namespace skein
