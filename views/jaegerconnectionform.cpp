// SPDX-License-Identifier: MIT
#include "jaegerconnectionform.h"

#include "durationtext.h"
#include "servicepalette.h"
#include "span.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QUrl>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <set>

namespace skein {

namespace {

constexpr int customRange = -1;
constexpr int defaultLookbackSeconds = 3600;
constexpr int sortRole = Qt::UserRole + 1;
constexpr int traceIdRole = Qt::UserRole + 2;

const QString endpointsGroup = QStringLiteral("jaeger/endpoints");
const QString secretsGroup = QStringLiteral("jaeger/rememberedSecrets");

QString authName(JaegerEndpointSettings::Auth auth)
{
    switch (auth) {
    case JaegerEndpointSettings::Auth::BearerToken:
        return QStringLiteral("bearer");
    case JaegerEndpointSettings::Auth::Basic:
        return QStringLiteral("basic");
    case JaegerEndpointSettings::Auth::None:
        break;
    }
    return QStringLiteral("none");
}

JaegerEndpointSettings::Auth authFromName(const QString& name)
{
    if (name == u"bearer")
        return JaegerEndpointSettings::Auth::BearerToken;
    if (name == u"basic")
        return JaegerEndpointSettings::Auth::Basic;
    return JaegerEndpointSettings::Auth::None;
}

// RFC 9110 token characters.
bool isHeaderName(const QString& name)
{
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    return token.match(name).hasMatch();
}

QString withScheme(const QString& text)
{
    const QString trimmed = text.trimmed();
    return trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("http://") + trimmed;
}

// Sorts by sortRole when set (numbers, times), by text otherwise.
class ResultItem : public QTableWidgetItem {
public:
    using QTableWidgetItem::QTableWidgetItem;
    bool operator<(const QTableWidgetItem& other) const override
    {
        const QVariant mine = data(sortRole);
        const QVariant theirs = other.data(sortRole);
        if (mine.isValid() && theirs.isValid())
            return mine.toLongLong() < theirs.toLongLong();
        return QTableWidgetItem::operator<(other);
    }
};

QIcon swatch(const QColor& color)
{
    QIcon icon;
    for (const qreal ratio : { 1.0, 2.0 }) { // sharp on high-DPI screens too
        QPixmap pixmap(QSize(10, 10) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRoundedRect(QRectF(0.5, 0.5, 9, 9), 2, 2);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QLabel* headingLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

QLabel* noteLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// JaegerEndpointSettings

QString JaegerEndpointSettings::normalizedUrl() const
{
    QString url = withScheme(baseUrl);
    while (url.endsWith(u'/') && !url.endsWith(QLatin1String("://")))
        url.chop(1);
    return url;
}

QString JaegerEndpointSettings::urlProblem() const
{
    const QString text = baseUrl.trimmed();
    if (text.isEmpty())
        return JaegerConnectionForm::tr(
            "Enter the address of the Jaeger query service, for example http://localhost:16686.");
    // The typed text is not repeated in these messages: it may hold a password.
    const QUrl url(withScheme(text), QUrl::StrictMode);
    if (!url.isValid())
        return JaegerConnectionForm::tr(
            "The address is not a valid URL. Write it as http://host:port or https://host/base-path.");
    if (url.scheme() != u"http" && url.scheme() != u"https")
        return JaegerConnectionForm::tr("The address must start with http:// or https://, not %1://.")
            .arg(url.scheme());
    if (url.host().isEmpty())
        return JaegerConnectionForm::tr("The address has no host name. Write it as http://host:port.");
    if (!url.userInfo().isEmpty())
        return JaegerConnectionForm::tr("Do not put a user name or password into the address, where it would be "
                                        "saved as plain text: choose an authentication below instead.");
    if (url.hasQuery() || url.hasFragment())
        return JaegerConnectionForm::tr("The address cannot have a query (?…) or fragment (#…): give only the base "
                                        "address, for example https://example.com/jaeger.");
    const QString path = url.path();
    if (path.endsWith(QLatin1String("/api")) || path.contains(QLatin1String("/api/")))
        return JaegerConnectionForm::tr(
            "Give the base address without /api…: Skein adds the API paths itself (e.g. http://localhost:16686).");
    return {};
}

QString JaegerEndpointSettings::problem() const
{
    if (name.trimmed().isEmpty())
        return JaegerConnectionForm::tr("Give the endpoint a name.");
    if (const QString problem = urlProblem(); !problem.isEmpty())
        return problem;
    if (auth == Auth::BearerToken && token.isEmpty())
        return JaegerConnectionForm::tr("Enter the bearer token, or choose no authentication.");
    if (auth == Auth::Basic && user.isEmpty())
        return JaegerConnectionForm::tr("Enter the user name for basic authentication.");
    for (const auto& [headerName, value] : headers) {
        if (!isHeaderName(headerName))
            return JaegerConnectionForm::tr(
                "“%1” is not a valid header name: use letters, digits and “-”, without spaces or “:”.")
                .arg(headerName);
        if (value.contains(u'\n') || value.contains(u'\r'))
            return JaegerConnectionForm::tr("The value of header %1 cannot span lines.").arg(headerName);
    }
    if (timeoutSeconds <= 0)
        return JaegerConnectionForm::tr("The timeout must be at least one second.");
    return {};
}

JaegerEndpointSettings defaultJaegerEndpoint()
{
    JaegerEndpointSettings endpoint;
    endpoint.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    endpoint.name = JaegerConnectionForm::tr("Local Jaeger");
    endpoint.baseUrl = QStringLiteral("http://localhost:16686");
    return endpoint;
}

std::vector<JaegerEndpointSettings> loadJaegerEndpoints(QSettings& settings)
{
    std::vector<JaegerEndpointSettings> endpoints;
    const int count = settings.beginReadArray(endpointsGroup);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        JaegerEndpointSettings endpoint;
        endpoint.id = settings.value(QStringLiteral("id")).toString();
        if (endpoint.id.isEmpty())
            endpoint.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        endpoint.name = settings.value(QStringLiteral("name")).toString();
        endpoint.baseUrl = settings.value(QStringLiteral("url")).toString();
        endpoint.api = settings.value(QStringLiteral("api"), QStringLiteral("auto")).toString();
        endpoint.auth = authFromName(settings.value(QStringLiteral("auth")).toString());
        endpoint.user = settings.value(QStringLiteral("user")).toString();
        endpoint.rememberSecret = settings.value(QStringLiteral("rememberSecret"), false).toBool();
        for (const QString& header : settings.value(QStringLiteral("headers")).toStringList()) {
            const qsizetype colon = header.indexOf(u':');
            if (colon > 0)
                endpoint.headers.emplace_back(header.left(colon), header.mid(colon + 1).trimmed());
        }
        endpoint.timeoutSeconds = std::max(1, settings.value(QStringLiteral("timeoutSeconds"), 30).toInt());
        endpoint.verifyTls = settings.value(QStringLiteral("verifyTls"), true).toBool();
        endpoints.push_back(endpoint);
    }
    settings.endArray();
    settings.beginGroup(secretsGroup);
    for (JaegerEndpointSettings& endpoint : endpoints) {
        if (!endpoint.rememberSecret)
            continue;
        endpoint.token = settings.value(endpoint.id + QStringLiteral("/token")).toString();
        endpoint.password = settings.value(endpoint.id + QStringLiteral("/password")).toString();
    }
    settings.endGroup();
    return endpoints;
}

void saveJaegerEndpoints(QSettings& settings, const std::vector<JaegerEndpointSettings>& endpoints)
{
    settings.remove(endpointsGroup);
    settings.beginWriteArray(endpointsGroup, int(endpoints.size()));
    for (int i = 0; i < int(endpoints.size()); ++i) {
        const JaegerEndpointSettings& endpoint = endpoints[size_t(i)];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("id"), endpoint.id);
        settings.setValue(QStringLiteral("name"), endpoint.name);
        settings.setValue(QStringLiteral("url"), endpoint.baseUrl.trimmed());
        settings.setValue(QStringLiteral("api"), endpoint.api);
        settings.setValue(QStringLiteral("auth"), authName(endpoint.auth));
        settings.setValue(QStringLiteral("user"), endpoint.user);
        settings.setValue(QStringLiteral("rememberSecret"), endpoint.rememberSecret);
        QStringList headers;
        for (const auto& [name, value] : endpoint.headers)
            headers.append(name + QStringLiteral(": ") + value);
        settings.setValue(QStringLiteral("headers"), headers);
        settings.setValue(QStringLiteral("timeoutSeconds"), endpoint.timeoutSeconds);
        settings.setValue(QStringLiteral("verifyTls"), endpoint.verifyTls);
    }
    settings.endArray();
    // Rewritten whole, so that a secret no longer remembered (or of a removed endpoint) is gone from the file.
    settings.remove(secretsGroup);
    settings.beginGroup(secretsGroup);
    for (const JaegerEndpointSettings& endpoint : endpoints) {
        if (!endpoint.rememberSecret)
            continue;
        if (endpoint.auth == JaegerEndpointSettings::Auth::BearerToken && !endpoint.token.isEmpty())
            settings.setValue(endpoint.id + QStringLiteral("/token"), endpoint.token);
        if (endpoint.auth == JaegerEndpointSettings::Auth::Basic && !endpoint.password.isEmpty())
            settings.setValue(endpoint.id + QStringLiteral("/password"), endpoint.password);
    }
    settings.endGroup();
}

// ---------------------------------------------------------------------------------------------------------------
// JaegerConnectionForm

JaegerConnectionForm::JaegerConnectionForm(QWidget* parent)
    : QWidget(parent)
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createEndpointPanel());

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->setSpacing(10);
    rightLayout->addWidget(createSearchPanel());
    rightLayout->addWidget(createResultsPanel(), 1);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);

    m_status = noteLabel(this, QStringLiteral("status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_cancel, &QPushButton::clicked, this, &JaegerConnectionForm::cancelRequested);

    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter, 1);
    layout->addLayout(statusRow);

    // In a dialog, Enter must reach the field's own action, not press whichever button is the default.
    for (QPushButton* button : findChildren<QPushButton*>())
        button->setAutoDefault(false);

    setEndpoints({});
    setConnected(false);
    showStatus(tr("Choose or add an endpoint and connect to it."));
    updateColors();
}

QWidget* JaegerConnectionForm::createEndpointPanel()
{
    auto* panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("endpointPanel"));

    m_endpointList = new QListWidget(panel);
    m_endpointList->setObjectName(QStringLiteral("endpointList"));
    m_endpointList->setAccessibleName(tr("Saved endpoints"));
    m_endpointList->setMaximumHeight(m_endpointList->fontMetrics().height() * 5);
    m_endpointList->setToolTip(tr("Saved endpoints; the name field below renames the chosen one"));
    m_addEndpoint = new QPushButton(tr("&Add"), panel);
    m_addEndpoint->setObjectName(QStringLiteral("addEndpoint"));
    m_removeEndpoint = new QPushButton(tr("&Remove"), panel);
    m_removeEndpoint->setObjectName(QStringLiteral("removeEndpoint"));
    connect(m_addEndpoint, &QPushButton::clicked, this, &JaegerConnectionForm::addEndpoint);
    connect(m_removeEndpoint, &QPushButton::clicked, this, &JaegerConnectionForm::removeCurrentEndpoint);
    connect(m_endpointList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current && !m_loadingEditor)
            setCurrentEndpointIndex(row);
    });

    m_editor = new QWidget(panel);
    m_name = new QLineEdit(m_editor);
    m_name->setObjectName(QStringLiteral("endpointName"));
    m_url = new QLineEdit(m_editor);
    m_url->setObjectName(QStringLiteral("endpointUrl"));
    m_url->setPlaceholderText(tr("http://localhost:16686"));
    m_url->setToolTip(tr("The Jaeger query service (the address of the Jaeger UI), with its base path if it has "
                         "one, e.g. https://tracing.example.com/jaeger"));
    m_api = new QComboBox(m_editor);
    m_api->setObjectName(QStringLiteral("endpointApi"));
    m_api->addItem(tr("Detect (api_v3, else v1)"), QStringLiteral("auto"));
    m_api->addItem(tr("v3 (/api/v3)"), QStringLiteral("v3"));
    m_api->addItem(tr("v1 (/api)"), QStringLiteral("v1"));
    m_auth = new QComboBox(m_editor);
    m_auth->setObjectName(QStringLiteral("endpointAuth"));
    m_auth->addItem(tr("None"), int(JaegerEndpointSettings::Auth::None));
    m_auth->addItem(tr("Bearer token"), int(JaegerEndpointSettings::Auth::BearerToken));
    m_auth->addItem(tr("User and password"), int(JaegerEndpointSettings::Auth::Basic));
    m_token = new QLineEdit(m_editor);
    m_token->setObjectName(QStringLiteral("endpointToken"));
    m_user = new QLineEdit(m_editor);
    m_user->setObjectName(QStringLiteral("endpointUser"));
    m_password = new QLineEdit(m_editor);
    m_password->setObjectName(QStringLiteral("endpointPassword"));
    for (QLineEdit* secret : { m_token, m_password }) {
        secret->setEchoMode(QLineEdit::Password);
        secret->setToolTip(tr("Kept in memory for this session only, unless you tick “Remember”"));
    }
    m_rememberSecret = new QCheckBox(tr("Remember on this computer"), m_editor);
    m_rememberSecret->setObjectName(QStringLiteral("rememberSecret"));
    m_secretWarning = noteLabel(m_editor, QStringLiteral("secretWarning"));

    m_headers = new QTableWidget(0, 2, m_editor);
    m_headers->setObjectName(QStringLiteral("endpointHeaders"));
    m_headers->setAccessibleName(tr("Request headers"));
    m_headers->setHorizontalHeaderLabels({ tr("Header"), tr("Value") });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setMaximumHeight(m_headers->fontMetrics().height() * 6);
    m_headers->setToolTip(tr("Sent with every request, e.g. X-Scope-OrgID: tenant-1. Saved with the endpoint: "
                             "put secrets in the authentication fields instead."));
    auto* addHeader = new QPushButton(tr("Add Header"), m_editor);
    addHeader->setObjectName(QStringLiteral("addHeader"));
    auto* removeHeader = new QPushButton(tr("Remove Header"), m_editor);
    removeHeader->setObjectName(QStringLiteral("removeHeader"));
    connect(addHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setCurrentCell(row, 0);
        m_headers->editItem(m_headers->item(row, 0));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headers->currentRow();
        if (row >= 0) {
            m_headers->removeRow(row);
            editorChanged();
        }
    });
    m_headerButtons = new QWidget(m_editor);
    auto* headerButtons = new QHBoxLayout(m_headerButtons);
    headerButtons->setContentsMargins(0, 0, 0, 0);
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch(1);

    m_timeout = new QSpinBox(m_editor);
    m_timeout->setObjectName(QStringLiteral("endpointTimeout"));
    m_timeout->setRange(1, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("Give up when the server sends nothing for this long"));
    m_verifyTls = new QCheckBox(tr("Verify TLS certificates"), m_editor);
    m_verifyTls->setObjectName(QStringLiteral("verifyTls"));
    m_tlsWarning = noteLabel(m_editor, QStringLiteral("tlsWarning"));
    m_tlsWarning->setText(tr("Certificates are not checked: anyone on the way to the server can read and change "
                             "the traffic, including the credentials. Only for test setups with self-signed "
                             "certificates."));

    m_editorForm = new QFormLayout(m_editor);
    m_editorForm->setContentsMargins(0, 0, 0, 0);
    m_editorForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_editorForm->addRow(tr("&Name"), m_name);
    m_editorForm->addRow(tr("&URL"), m_url);
    m_editorForm->addRow(tr("A&PI"), m_api);
    m_editorForm->addRow(tr("Au&thentication"), m_auth);
    m_editorForm->addRow(tr("Token"), m_token);
    m_editorForm->addRow(tr("User"), m_user);
    m_editorForm->addRow(tr("Password"), m_password);
    m_editorForm->addRow(QString(), m_rememberSecret);
    m_editorForm->addRow(QString(), m_secretWarning);
    m_editorForm->addRow(tr("Headers"), m_headers);
    m_editorForm->addRow(QString(), m_headerButtons);
    m_editorForm->addRow(tr("T&imeout"), m_timeout);
    m_editorForm->addRow(QString(), m_verifyTls);
    m_editorForm->addRow(QString(), m_tlsWarning);

    m_endpointProblem = noteLabel(panel, QStringLiteral("endpointProblem"));
    m_endpointProblem->hide();
    m_connect = new QPushButton(tr("&Connect"), panel);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connection = noteLabel(panel, QStringLiteral("connection"));

    for (QLineEdit* edit : { m_name, m_url, m_token, m_user, m_password })
        connect(edit, &QLineEdit::textEdited, this, &JaegerConnectionForm::editorChanged);
    for (QLineEdit* edit : { m_url, m_token, m_user, m_password })
        connect(edit, &QLineEdit::returnPressed, this, &JaegerConnectionForm::requestConnect);
    for (QComboBox* combo : { m_api, m_auth })
        connect(combo, &QComboBox::currentIndexChanged, this, &JaegerConnectionForm::editorChanged);
    for (QCheckBox* box : { m_rememberSecret, m_verifyTls })
        connect(box, &QCheckBox::toggled, this, &JaegerConnectionForm::editorChanged);
    connect(m_timeout, &QSpinBox::valueChanged, this, &JaegerConnectionForm::editorChanged);
    connect(m_headers, &QTableWidget::itemChanged, this, &JaegerConnectionForm::editorChanged);
    connect(m_connect, &QPushButton::clicked, this, &JaegerConnectionForm::requestConnect);

    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addEndpoint);
    listButtons->addWidget(m_removeEndpoint);
    listButtons->addStretch(1);

    auto* connectRow = new QHBoxLayout;
    connectRow->addWidget(m_connect);
    connectRow->addWidget(m_connection, 1);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->setSpacing(8);
    layout->addWidget(headingLabel(tr("Endpoints"), panel));
    layout->addWidget(m_endpointList);
    layout->addLayout(listButtons);
    layout->addWidget(m_editor);
    layout->addStretch(1);

    // The editor scrolls when warnings make it tall; Connect stays in view below it.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("endpointScroll"));
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(panel->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());

    auto* column = new QWidget(this);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 8, 0);
    columnLayout->setSpacing(8);
    columnLayout->addWidget(scroll, 1);
    columnLayout->addWidget(m_endpointProblem);
    columnLayout->addLayout(connectRow);
    m_endpointProblem->setParent(column);
    m_connect->setParent(column);
    m_connection->setParent(column);
    return column;
}

QWidget* JaegerConnectionForm::createSearchPanel()
{
    m_searchPanel = new QWidget(this);
    m_searchPanel->setObjectName(QStringLiteral("searchPanel"));

    m_service = new QComboBox(m_searchPanel);
    m_service->setObjectName(QStringLiteral("service"));
    m_operation = new QComboBox(m_searchPanel);
    m_operation->setObjectName(QStringLiteral("operation"));
    m_operation->addItem(tr("All operations"), QString());
    for (QComboBox* combo : { m_service, m_operation }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
        combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        {
            const QSignalBlocker blocker(m_operation);
            m_operation->clear();
            m_operation->addItem(tr("All operations"), QString());
        }
        if (!m_service->signalsBlocked())
            emit serviceChanged(service());
    });

    m_tags = new QLineEdit(m_searchPanel);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("http.status_code=500 error=true"));
    m_tags->setToolTip(tr("Space-separated key=value pairs that some span of the trace has. Quote values with "
                          "spaces: http.route=\"/cart items\"."));
    m_tags->setClearButtonEnabled(true);

    m_lookback = new QComboBox(m_searchPanel);
    m_lookback->setObjectName(QStringLiteral("lookback"));
    m_lookback->addItem(tr("Last 15 minutes"), 15 * 60);
    m_lookback->addItem(tr("Last hour"), 3600);
    m_lookback->addItem(tr("Last 6 hours"), 6 * 3600);
    m_lookback->addItem(tr("Last 12 hours"), 12 * 3600);
    m_lookback->addItem(tr("Last day"), 24 * 3600);
    m_lookback->addItem(tr("Last 2 days"), 48 * 3600);
    m_lookback->addItem(tr("Last week"), 7 * 24 * 3600);
    m_lookback->addItem(tr("Custom range"), customRange);
    m_lookback->setCurrentIndex(m_lookback->findData(defaultLookbackSeconds));
    connect(m_lookback, &QComboBox::currentIndexChanged, this, &JaegerConnectionForm::lookbackChanged);

    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addSecs(-3600), m_searchPanel);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = new QDateTimeEdit(now, m_searchPanel);
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateTimeEdit* edit : { m_from, m_to }) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
    }

    m_minDuration = new QLineEdit(m_searchPanel);
    m_minDuration->setObjectName(QStringLiteral("minDuration"));
    m_minDuration->setPlaceholderText(tr("min, e.g. 5ms"));
    m_maxDuration = new QLineEdit(m_searchPanel);
    m_maxDuration->setObjectName(QStringLiteral("maxDuration"));
    m_maxDuration->setPlaceholderText(tr("max, e.g. 2s"));
    m_minDuration->setAccessibleName(tr("Minimum duration"));
    m_maxDuration->setAccessibleName(tr("Maximum duration"));
    for (QLineEdit* edit : { m_minDuration, m_maxDuration }) {
        edit->setToolTip(tr("A number with a unit: us, ms, s, m or h (1.5ms, 2s, 1m30s)"));
        edit->setMinimumWidth(70);
    }

    m_limit = new QSpinBox(m_searchPanel);
    m_limit->setObjectName(QStringLiteral("limit"));
    m_limit->setRange(1, 1500);
    m_limit->setValue(20);
    m_limit->setToolTip(tr("At most this many traces"));

    m_search = new QPushButton(tr("&Search"), m_searchPanel);
    m_search->setObjectName(QStringLiteral("searchButton"));
    connect(m_search, &QPushButton::clicked, this, &JaegerConnectionForm::requestSearch);
    for (QLineEdit* edit : { m_tags, m_minDuration, m_maxDuration })
        connect(edit, &QLineEdit::returnPressed, this, &JaegerConnectionForm::requestSearch);

    auto* durations = new QHBoxLayout;
    durations->setContentsMargins(0, 0, 0, 0);
    durations->setSpacing(6);
    durations->addWidget(m_minDuration, 1);
    durations->addWidget(new QLabel(tr("to"), m_searchPanel));
    durations->addWidget(m_maxDuration, 1);

    m_customRange = new QWidget(m_searchPanel);
    auto* range = new QHBoxLayout(m_customRange);
    range->setContentsMargins(0, 0, 0, 0);
    range->setSpacing(6);
    range->addWidget(m_from, 1);
    range->addWidget(new QLabel(tr("to"), m_customRange));
    range->addWidget(m_to, 1);

    auto label = [this](const QString& text, QWidget* buddy) {
        auto* result = new QLabel(text, m_searchPanel);
        result->setBuddy(buddy);
        return result;
    };
    auto* grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);
    grid->addWidget(label(tr("Ser&vice"), m_service), 0, 0);
    grid->addWidget(m_service, 0, 1);
    grid->addWidget(label(tr("&Operation"), m_operation), 0, 2);
    grid->addWidget(m_operation, 0, 3);
    grid->addWidget(label(tr("Ta&gs"), m_tags), 1, 0);
    grid->addWidget(m_tags, 1, 1, 1, 3);
    grid->addWidget(label(tr("&Lookback"), m_lookback), 2, 0);
    grid->addWidget(m_lookback, 2, 1);
    grid->addWidget(label(tr("&Duration"), m_minDuration), 2, 2);
    grid->addLayout(durations, 2, 3);
    grid->addWidget(m_customRange, 3, 1, 1, 3);
    grid->addWidget(label(tr("Li&mit"), m_limit), 4, 0);
    auto* lastRow = new QHBoxLayout;
    lastRow->addWidget(m_limit);
    lastRow->addStretch(1);
    lastRow->addWidget(m_search);
    grid->addLayout(lastRow, 4, 1, 1, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    // Tab follows the rows as they are shown, not the order the fields were made in.
    const QList<QWidget*> tabChain { m_service, m_operation, m_tags, m_lookback, m_minDuration, m_maxDuration, m_from,
        m_to, m_limit, m_search };
    for (qsizetype i = 1; i < tabChain.size(); ++i)
        QWidget::setTabOrder(tabChain[i - 1], tabChain[i]);

    auto* layout = new QVBoxLayout(m_searchPanel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(headingLabel(tr("Search the server"), m_searchPanel));
    layout->addLayout(grid);
    lookbackChanged();
    return m_searchPanel;
}

QWidget* JaegerConnectionForm::createResultsPanel()
{
    auto* panel = new QWidget(this);
    m_results = new QTableWidget(0, ResultColumnCount, panel);
    m_results->setObjectName(QStringLiteral("results"));
    m_results->setAccessibleName(tr("Traces on the server"));
    m_results->setHorizontalHeaderLabels(
        { tr("Root span"), tr("Start"), tr("Duration"), tr("Spans"), tr("Errors"), tr("Trace ID"), tr("In cache") });
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setAlternatingRowColors(true);
    m_results->setWordWrap(false);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->horizontalHeader()->setSectionResizeMode(RootColumn, QHeaderView::Stretch);
    // Ids are long and alike at the start: both ends stay visible, the whole id is in the tooltip.
    m_results->horizontalHeader()->setSectionResizeMode(TraceIdColumn, QHeaderView::Interactive);
    m_results->setColumnWidth(TraceIdColumn,
        QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).horizontalAdvance(QString(17, u'0')) + 12);
    m_results->setTextElideMode(Qt::ElideMiddle);
    m_results->setSortingEnabled(true);
    m_results->sortByColumn(StartColumn, Qt::DescendingOrder);
    connect(m_results, &QTableWidget::itemSelectionChanged, this, &JaegerConnectionForm::updateEnabled);
    connect(m_results, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem* item) {
        if (m_busy || !m_connected || !item)
            return;
        const QString id = m_results->item(item->row(), TraceIdColumn)->data(traceIdRole).toString();
        emit fetchRequested({ id });
    });

    m_fetchSelected = new QPushButton(tr("&Fetch Selected"), panel);
    m_fetchSelected->setObjectName(QStringLiteral("fetchSelectedButton"));
    m_fetchSelected->setToolTip(tr("Download the selected traces into the cache (double-click a row for one)"));
    connect(m_fetchSelected, &QPushButton::clicked, this, &JaegerConnectionForm::requestFetchSelected);
    m_dependencies = new QCheckBox(tr("Also store the service dependency graph"), panel);
    m_dependencies->setObjectName(QStringLiteral("fetchDependencies"));
    m_dependencies->setChecked(true);
    m_dependencies->setToolTip(tr("Fetch /api/dependencies for the search window along with the traces"));

    m_traceIds = new QLineEdit(panel);
    m_traceIds->setObjectName(QStringLiteral("traceIds"));
    m_traceIds->setPlaceholderText(tr("Trace IDs (hex), separated by spaces or commas"));
    m_traceIds->setClearButtonEnabled(true);
    m_traceIds->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fetchIds = new QPushButton(tr("Fetch &IDs"), panel);
    m_fetchIds->setObjectName(QStringLiteral("fetchIdsButton"));
    connect(m_fetchIds, &QPushButton::clicked, this, &JaegerConnectionForm::requestFetchTyped);
    connect(m_traceIds, &QLineEdit::returnPressed, this, &JaegerConnectionForm::requestFetchTyped);
    connect(m_traceIds, &QLineEdit::textChanged, this, &JaegerConnectionForm::updateEnabled);

    auto* fetchRow = new QHBoxLayout;
    fetchRow->addWidget(m_dependencies, 1);
    fetchRow->addWidget(m_fetchSelected);
    auto* idsRow = new QHBoxLayout;
    auto* idsLabel = new QLabel(tr("&By ID"), panel);
    idsLabel->setBuddy(m_traceIds);
    idsRow->addWidget(idsLabel);
    idsRow->addWidget(m_traceIds, 1);
    idsRow->addWidget(m_fetchIds);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(headingLabel(tr("Results"), panel));
    layout->addWidget(m_results, 1);
    layout->addLayout(fetchRow);
    layout->addLayout(idsRow);
    return panel;
}

// ---------------------------------------------------------------------------------------------------------------
// Endpoints

void JaegerConnectionForm::setEndpoints(std::vector<JaegerEndpointSettings> endpoints, int current)
{
    if (endpoints.empty())
        endpoints.push_back(defaultJaegerEndpoint());
    for (JaegerEndpointSettings& endpoint : endpoints) {
        if (endpoint.id.isEmpty())
            endpoint.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    m_endpoints = std::move(endpoints);
    m_current = std::clamp(current, 0, int(m_endpoints.size()) - 1);
    {
        m_loadingEditor = true;
        m_endpointList->clear();
        for (const JaegerEndpointSettings& endpoint : m_endpoints)
            m_endpointList->addItem(endpoint.name);
        m_endpointList->setCurrentRow(m_current);
        m_loadingEditor = false;
    }
    loadEditor(m_endpoints[size_t(m_current)]);
    updateEnabled();
}

void JaegerConnectionForm::setCurrentEndpointIndex(int index)
{
    if (index < 0 || index >= int(m_endpoints.size()))
        return;
    m_current = index;
    m_loadingEditor = true;
    m_endpointList->setCurrentRow(index);
    m_loadingEditor = false;
    loadEditor(m_endpoints[size_t(index)]);
    m_endpointProblem->hide();
    emit endpointEdited();
}

QString JaegerConnectionForm::uniqueName(const QString& base) const
{
    auto taken = [this](const QString& name) {
        return std::any_of(m_endpoints.begin(), m_endpoints.end(),
            [&name](const JaegerEndpointSettings& endpoint) { return endpoint.name == name; });
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString name = tr("%1 (%2)").arg(base).arg(n);
        if (!taken(name))
            return name;
    }
}

void JaegerConnectionForm::addEndpoint()
{
    JaegerEndpointSettings endpoint = defaultJaegerEndpoint();
    endpoint.name = uniqueName(tr("New endpoint"));
    endpoint.baseUrl.clear();
    m_endpoints.push_back(endpoint);
    m_loadingEditor = true;
    m_endpointList->addItem(endpoint.name);
    m_loadingEditor = false;
    setCurrentEndpointIndex(int(m_endpoints.size()) - 1);
    updateEnabled();
    m_name->setFocus();
    m_name->selectAll();
    emit endpointsChanged();
}

void JaegerConnectionForm::removeCurrentEndpoint()
{
    if (m_endpoints.size() <= 1)
        return;
    const int removed = m_current;
    m_endpoints.erase(m_endpoints.begin() + removed);
    m_loadingEditor = true;
    delete m_endpointList->takeItem(removed);
    m_loadingEditor = false;
    m_current = -1;
    setCurrentEndpointIndex(std::min(removed, int(m_endpoints.size()) - 1));
    updateEnabled();
    emit endpointsChanged();
}

void JaegerConnectionForm::setSecretStorageDescription(const QString& text)
{
    m_secretStorage = text;
    updateEditorRows();
}

void JaegerConnectionForm::loadEditor(const JaegerEndpointSettings& endpoint)
{
    m_loadingEditor = true;
    m_name->setText(endpoint.name);
    m_url->setText(endpoint.baseUrl);
    m_api->setCurrentIndex(std::max(0, m_api->findData(endpoint.api)));
    m_auth->setCurrentIndex(std::max(0, m_auth->findData(int(endpoint.auth))));
    m_token->setText(endpoint.token);
    m_user->setText(endpoint.user);
    m_password->setText(endpoint.password);
    m_rememberSecret->setChecked(endpoint.rememberSecret);
    m_headers->setRowCount(0);
    for (const auto& [name, value] : endpoint.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(name));
        m_headers->setItem(row, 1, new QTableWidgetItem(value));
    }
    m_timeout->setValue(endpoint.timeoutSeconds);
    m_verifyTls->setChecked(endpoint.verifyTls);
    m_loadingEditor = false;
    updateEditorRows();
}

JaegerEndpointSettings JaegerConnectionForm::editorValue() const
{
    JaegerEndpointSettings endpoint = m_endpoints[size_t(m_current)];
    endpoint.name = m_name->text().trimmed();
    endpoint.baseUrl = m_url->text().trimmed();
    endpoint.api = m_api->currentData().toString();
    endpoint.auth = JaegerEndpointSettings::Auth(m_auth->currentData().toInt());
    endpoint.token = m_token->text();
    endpoint.user = m_user->text();
    endpoint.password = m_password->text();
    endpoint.rememberSecret = m_rememberSecret->isChecked();
    endpoint.headers.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem* name = m_headers->item(row, 0);
        const QTableWidgetItem* value = m_headers->item(row, 1);
        const QString nameText = name ? name->text().trimmed() : QString();
        const QString valueText = value ? value->text().trimmed() : QString();
        if (!nameText.isEmpty() || !valueText.isEmpty())
            endpoint.headers.emplace_back(nameText, valueText);
    }
    endpoint.timeoutSeconds = m_timeout->value();
    endpoint.verifyTls = m_verifyTls->isChecked();
    return endpoint;
}

void JaegerConnectionForm::editorChanged()
{
    if (m_loadingEditor)
        return;
    m_endpoints[size_t(m_current)] = editorValue();
    if (QListWidgetItem* item = m_endpointList->item(m_current))
        item->setText(m_endpoints[size_t(m_current)].name);
    m_endpointProblem->hide();
    updateEditorRows();
    emit endpointEdited();
    emit endpointsChanged();
}

void JaegerConnectionForm::updateEditorRows()
{
    const auto auth = JaegerEndpointSettings::Auth(m_auth->currentData().toInt());
    m_editorForm->setRowVisible(m_token, auth == JaegerEndpointSettings::Auth::BearerToken);
    m_editorForm->setRowVisible(m_user, auth == JaegerEndpointSettings::Auth::Basic);
    m_editorForm->setRowVisible(m_password, auth == JaegerEndpointSettings::Auth::Basic);
    m_editorForm->setRowVisible(m_rememberSecret, auth != JaegerEndpointSettings::Auth::None);
    const bool remembering = auth != JaegerEndpointSettings::Auth::None && m_rememberSecret->isChecked();
    const QString what = auth == JaegerEndpointSettings::Auth::BearerToken ? tr("The token") : tr("The password");
    m_secretWarning->setText(m_secretStorage.isEmpty()
            ? tr("%1 will be saved unencrypted in the settings file. Anyone who can read your files can read "
                 "it.")
                  .arg(what)
            : tr("%1 will be saved unencrypted in %2. Anyone who can read your files can read it.")
                  .arg(what, m_secretStorage));
    m_editorForm->setRowVisible(m_secretWarning, remembering);
    m_editorForm->setRowVisible(m_tlsWarning, !m_verifyTls->isChecked());
}

// ---------------------------------------------------------------------------------------------------------------
// Controller side

void JaegerConnectionForm::setConnected(bool connected, const QString& description)
{
    m_connected = connected;
    m_connection->setText(connected ? description : tr("Not connected"));
    if (!connected) {
        const QSignalBlocker blocker(m_service);
        m_service->clear();
        m_operation->clear();
        m_operation->addItem(tr("All operations"), QString());
        m_service->setPlaceholderText(tr("Connect to list the services"));
    }
    updateEnabled();
}

void JaegerConnectionForm::setServices(const QStringList& services)
{
    const QString current = service();
    {
        const QSignalBlocker blocker(m_service);
        m_service->clear();
        m_service->setPlaceholderText(services.isEmpty() ? tr("The server knows no services") : tr("Choose a service"));
        for (const QString& name : services)
            m_service->addItem(name, name);
        m_service->setCurrentIndex(m_service->findData(current));
        m_operation->clear();
        m_operation->addItem(tr("All operations"), QString());
    }
    if (m_service->currentIndex() < 0 && services.size() == 1)
        m_service->setCurrentIndex(0); // emits serviceChanged
    else if (!service().isEmpty())
        emit serviceChanged(service());
}

void JaegerConnectionForm::setOperations(const QString& forService, const std::vector<JaegerOperationEntry>& operations)
{
    if (forService != service())
        return;
    const QString current = m_operation->currentData().toString();
    const QSignalBlocker blocker(m_operation);
    m_operation->clear();
    m_operation->addItem(tr("All operations"), QString());
    std::vector<JaegerOperationEntry> sorted = operations;
    std::sort(sorted.begin(), sorted.end(), [](const JaegerOperationEntry& a, const JaegerOperationEntry& b) {
        return std::tie(a.name, a.spanKind) < std::tie(b.name, b.spanKind);
    });
    std::set<QString> seen;
    for (const JaegerOperationEntry& operation : sorted) {
        // The same name under two kinds is one search choice (Jaeger's search does not take the kind).
        if (!seen.insert(operation.name).second) {
            const int index = m_operation->findData(operation.name);
            if (index >= 0 && !operation.spanKind.isEmpty())
                m_operation->setItemText(
                    index, m_operation->itemText(index) + QStringLiteral(", ") + operation.spanKind);
            continue;
        }
        const QString text = operation.spanKind.isEmpty()
            ? operation.name
            : tr("%1  ·  %2", "operation name, span kind").arg(operation.name, operation.spanKind);
        m_operation->addItem(text, operation.name);
    }
    m_operation->setCurrentIndex(std::max(0, m_operation->findData(current)));
}

void JaegerConnectionForm::setSummaries(const std::vector<JaegerResultRow>& rows)
{
    m_rows = rows;
    fillResults();
    updateEnabled();
}

void JaegerConnectionForm::fillResults()
{
    const QStringList selected = selectedTraceIds();
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QColor errorColor = ServicePalette::errorColor(palette());
    const QLocale locale;
    m_results->setSortingEnabled(false);
    m_results->clearContents();
    m_results->setRowCount(int(m_rows.size()));
    for (int row = 0; row < int(m_rows.size()); ++row) {
        const JaegerResultRow& result = m_rows[size_t(row)];
        auto* id = new ResultItem(result.traceId);
        id->setFont(fixed);
        id->setData(traceIdRole, result.traceId);
        id->setToolTip(result.traceId);
        auto* root = new ResultItem(result.rootService.isEmpty() && result.rootOperation.isEmpty()
                ? tr("(unknown root)")
                : tr("%1: %2", "service: operation").arg(result.rootService, result.rootOperation));
        if (!result.rootService.isEmpty())
            root->setIcon(swatch(ServicePalette::colorFor(result.rootService, palette())));
        const QDateTime startTime = QDateTime::fromMSecsSinceEpoch(result.startNs / 1000000);
        auto* start = new ResultItem(
            result.startNs > 0 ? startTime.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) : QString());
        start->setData(sortRole, qlonglong(result.startNs));
        if (result.startNs > 0)
            start->setToolTip(formatTimestamp(result.startNs));
        auto* duration = new ResultItem(formatDuration(result.durationNs));
        duration->setData(sortRole, qlonglong(result.durationNs));
        auto* spans = new ResultItem(locale.toString(qlonglong(result.spanCount)));
        spans->setData(sortRole, qlonglong(result.spanCount));
        auto* errors = new ResultItem(locale.toString(qlonglong(result.errorCount)));
        errors->setData(sortRole, qlonglong(result.errorCount));
        if (result.errorCount > 0)
            errors->setForeground(errorColor);
        auto* cached = new ResultItem(result.cached ? tr("yes") : QString());
        cached->setData(sortRole, qlonglong(result.cached ? 1 : 0));
        for (QTableWidgetItem* item : { duration, spans, errors })
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_results->setItem(row, TraceIdColumn, id);
        m_results->setItem(row, RootColumn, root);
        m_results->setItem(row, StartColumn, start);
        m_results->setItem(row, DurationColumn, duration);
        m_results->setItem(row, SpansColumn, spans);
        m_results->setItem(row, ErrorsColumn, errors);
        m_results->setItem(row, CachedColumn, cached);
    }
    m_results->setSortingEnabled(true);
    for (int row = 0; row < m_results->rowCount(); ++row) {
        if (selected.contains(m_results->item(row, TraceIdColumn)->data(traceIdRole).toString()))
            m_results->selectRow(row);
    }
}

void JaegerConnectionForm::markCached(const QStringList& traceIds)
{
    for (JaegerResultRow& row : m_rows) {
        if (traceIds.contains(row.traceId))
            row.cached = true;
    }
    for (int row = 0; row < m_results->rowCount(); ++row) {
        if (!traceIds.contains(m_results->item(row, TraceIdColumn)->data(traceIdRole).toString()))
            continue;
        QTableWidgetItem* cached = m_results->item(row, CachedColumn);
        cached->setText(tr("yes"));
        cached->setData(sortRole, qlonglong(1));
    }
}

void JaegerConnectionForm::setBusy(bool busy, const QString& text)
{
    m_busy = busy;
    if (busy) {
        ++m_busyPeriods;
        m_progress->setRange(0, 0);
        m_progress->show();
        setStatus(text, false);
    } else {
        m_progress->hide();
        if (!text.isEmpty())
            setStatus(text, false);
    }
    updateEnabled();
}

void JaegerConnectionForm::setProgress(int response, int responses, qint64 bytes, qint64 bytesTotal, quint64 spans)
{
    const QLocale locale;
    QString received = bytesTotal > 0
        ? tr("%1 of %2").arg(locale.formattedDataSize(bytes), locale.formattedDataSize(bytesTotal))
        : locale.formattedDataSize(bytes);
    QString text = tr("%1 received, %n span(s) read", nullptr, int(std::min<quint64>(spans, INT_MAX))).arg(received);
    if (responses > 1)
        text = tr("Response %1 of %2: %3").arg(response + 1).arg(responses).arg(text);
    setStatus(text, false);
    constexpr int steps = 1000;
    if (responses <= 1 && bytesTotal <= 0) {
        m_progress->setRange(0, 0);
    } else {
        const int within = bytesTotal > 0 ? int(std::min<qint64>(bytes * steps / bytesTotal, steps)) : 0;
        m_progress->setRange(0, std::max(responses, 1) * steps);
        m_progress->setValue(response * steps + within);
    }
    m_progress->show();
}

void JaegerConnectionForm::showStatus(const QString& text)
{
    setStatus(text, false);
}

void JaegerConnectionForm::showError(const QString& text)
{
    setStatus(text, true);
}

QString JaegerConnectionForm::statusText() const
{
    return m_status->text();
}

void JaegerConnectionForm::setStatus(const QString& text, bool error)
{
    m_statusIsError = error;
    m_status->setText(text);
    updateColors();
}

void JaegerConnectionForm::updateEnabled()
{
    const bool idle = !m_busy;
    m_endpointList->setEnabled(idle);
    m_addEndpoint->setEnabled(idle);
    m_removeEndpoint->setEnabled(idle && m_endpoints.size() > 1);
    m_editor->setEnabled(idle);
    m_connect->setEnabled(idle);
    m_searchPanel->setEnabled(idle && m_connected);
    m_dependencies->setEnabled(idle && m_connected);
    m_fetchSelected->setEnabled(idle && m_connected && !m_results->selectedItems().isEmpty());
    m_traceIds->setEnabled(idle);
    m_fetchIds->setEnabled(idle && m_connected && !m_traceIds->text().trimmed().isEmpty());
    m_cancel->setEnabled(m_busy);
}

void JaegerConnectionForm::updateColors()
{
    const QColor error = ServicePalette::errorColor(palette());
    for (QLabel* label : { m_tlsWarning, m_secretWarning, m_endpointProblem }) {
        QPalette labelPalette = label->palette();
        labelPalette.setColor(QPalette::WindowText, error);
        label->setPalette(labelPalette);
    }
    QPalette statusPalette = palette();
    if (m_statusIsError)
        statusPalette.setColor(QPalette::WindowText, error);
    m_status->setPalette(statusPalette);
}

void JaegerConnectionForm::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColors();
        fillResults();
    }
}

void JaegerConnectionForm::lookbackChanged()
{
    m_customRange->setVisible(m_lookback->currentData().toInt() == customRange);
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

void JaegerConnectionForm::requestConnect()
{
    if (m_busy)
        return;
    const JaegerEndpointSettings endpoint = m_endpoints[size_t(m_current)];
    if (const QString problem = endpoint.problem(); !problem.isEmpty()) {
        m_endpointProblem->setText(problem);
        m_endpointProblem->show();
        showError(problem);
        QWidget* field = m_url;
        if (endpoint.name.trimmed().isEmpty())
            field = m_name;
        else if (endpoint.urlProblem().isEmpty())
            field = endpoint.auth == JaegerEndpointSettings::Auth::BearerToken ? static_cast<QWidget*>(m_token)
                : endpoint.auth == JaegerEndpointSettings::Auth::Basic && endpoint.user.isEmpty()
                ? static_cast<QWidget*>(m_user)
                : static_cast<QWidget*>(m_headers);
        field->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_endpointProblem->hide();
    emit connectRequested(endpoint);
}

QString JaegerConnectionForm::service() const
{
    return m_service->currentData().toString();
}

std::optional<JaegerSearchSettings> JaegerConnectionForm::searchSettings(QString* error)
{
    auto fail = [this, error](const QString& message, QWidget* field) -> std::optional<JaegerSearchSettings> {
        if (error)
            *error = message;
        field->setFocus(Qt::OtherFocusReason);
        if (auto* edit = qobject_cast<QLineEdit*>(field))
            edit->selectAll();
        return std::nullopt;
    };
    JaegerSearchSettings search;
    search.service = service();
    if (search.service.isEmpty())
        return fail(tr("Choose a service: Jaeger searches the traces of one service at a time."), m_service);
    search.operation = m_operation->currentData().toString();
    QString tagError;
    if (auto tags = parseTagFilters(m_tags->text(), &tagError))
        search.tags = std::move(*tags);
    else
        return fail(tr("Tags: %1").arg(tagError), m_tags);
    for (const auto& [edit, target] :
        { std::pair { m_minDuration, &search.minDurationNs }, std::pair { m_maxDuration, &search.maxDurationNs } }) {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            continue;
        const auto duration = parseDuration(text);
        if (!duration || *duration < 0)
            return fail(
                tr("“%1” is not a duration. Use a number with a unit, like 250ms, 1.5s or 2m.").arg(text), edit);
        *target = *duration;
    }
    if (search.minDurationNs && search.maxDurationNs && *search.minDurationNs > *search.maxDurationNs)
        return fail(tr("The minimum duration (%1) is longer than the maximum (%2).")
                        .arg(formatDuration(*search.minDurationNs), formatDuration(*search.maxDurationNs)),
            m_minDuration);
    const int lookback = m_lookback->currentData().toInt();
    if (lookback == customRange) {
        const int64_t from = m_from->dateTime().toSecsSinceEpoch() * 1000000000;
        const int64_t to = m_to->dateTime().toSecsSinceEpoch() * 1000000000 + 999999999;
        if (from >= to)
            return fail(tr("The range starts after it ends."), m_from);
        search.startNs = from;
        search.endNs = to;
    } else {
        search.lookbackNs = int64_t(lookback) * 1000000000;
    }
    search.limit = m_limit->value();
    return search;
}

void JaegerConnectionForm::requestSearch()
{
    if (m_busy || !m_connected)
        return;
    QString error;
    if (const auto search = searchSettings(&error))
        emit searchRequested(*search);
    else
        showError(error);
}

QStringList JaegerConnectionForm::selectedTraceIds() const
{
    std::set<int> rows;
    for (const QModelIndex& index : m_results->selectionModel()->selectedRows())
        rows.insert(index.row());
    QStringList ids;
    for (int row : rows)
        ids.append(m_results->item(row, TraceIdColumn)->data(traceIdRole).toString());
    return ids;
}

std::optional<QStringList> JaegerConnectionForm::typedTraceIds(QString* error) const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    const QStringList parts = m_traceIds->text().split(separators, Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        if (error)
            *error = tr("Enter one or more trace IDs, separated by spaces or commas.");
        return std::nullopt;
    }
    QStringList ids;
    for (const QString& part : parts) {
        const auto id = TraceId::fromHex(part.toStdString());
        if (!id) {
            if (error)
                *error = tr("“%1” is not a trace ID: use 1 to 32 hexadecimal digits.").arg(part);
            return std::nullopt;
        }
        const QString hex = QString::fromStdString(id->toHex());
        if (!ids.contains(hex))
            ids.append(hex);
    }
    return ids;
}

bool JaegerConnectionForm::fetchDependencies() const
{
    return m_dependencies->isChecked();
}

void JaegerConnectionForm::requestFetchSelected()
{
    if (m_busy || !m_connected)
        return;
    const QStringList ids = selectedTraceIds();
    if (ids.isEmpty()) {
        showError(tr("Select the traces to fetch in the results first."));
        return;
    }
    emit fetchRequested(ids);
}

void JaegerConnectionForm::requestFetchTyped()
{
    if (m_busy || !m_connected)
        return;
    QString error;
    if (const auto ids = typedTraceIds(&error)) {
        emit fetchRequested(*ids);
    } else {
        showError(error);
        m_traceIds->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace skein
