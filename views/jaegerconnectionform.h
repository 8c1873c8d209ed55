// SPDX-License-Identifier: MIT
// The widgets of the Jaeger browser: saved endpoints and their editor, the remote search form, the results
// and the fetch buttons. Pure widgets: a controller in app/ does the talking to the server through the
// setters below and the request signals.
#pragma once

#include "searchform.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;
class QTableWidget;

namespace skein {

// One saved Jaeger query service as the user edits it. The token and password are secrets: they are
// written to settings only when rememberSecret is set, and then under their own key.
struct JaegerEndpointSettings {
    enum class Auth { None, BearerToken, Basic };

    QString id; // stable across renames; keys the secret
    QString name;
    QString baseUrl; // as typed: http(s)://host:port[/base/path]
    QString api = QStringLiteral("auto"); // "auto", "v1" or "v3"
    Auth auth = Auth::None;
    QString token;
    QString user;
    QString password;
    bool rememberSecret = false;
    std::vector<std::pair<QString, QString>> headers;
    int timeoutSeconds = 30;
    bool verifyTls = true;

    // The URL the fields describe ("http://" added when no scheme was typed, trailing '/' dropped).
    QString normalizedUrl() const;
    // Why the base URL cannot be used, in words for the user; empty when it can.
    QString urlProblem() const;
    // The first problem of any field; empty when the endpoint can be connected to.
    QString problem() const;
    bool operator==(const JaegerEndpointSettings&) const = default;
};

// Settings group "jaeger/endpoints" holds everything but secrets; a remembered secret is stored (unencrypted)
// under "jaeger/rememberedSecrets/<id>" and removed as soon as the endpoint stops remembering it.
std::vector<JaegerEndpointSettings> loadJaegerEndpoints(QSettings& settings);
void saveJaegerEndpoints(QSettings& settings, const std::vector<JaegerEndpointSettings>& endpoints);
JaegerEndpointSettings defaultJaegerEndpoint();

struct JaegerSearchSettings {
    QString service;
    QString operation; // empty: all
    TagFilters tags;
    std::optional<int64_t> startNs; // with endNs: a fixed window; otherwise the last lookbackNs
    std::optional<int64_t> endNs;
    int64_t lookbackNs = int64_t(3600) * 1000000000;
    std::optional<int64_t> minDurationNs;
    std::optional<int64_t> maxDurationNs;
    int limit = 20;
};

struct JaegerOperationEntry {
    QString name;
    QString spanKind; // empty when the server does not say
};

// One search result, before or after its trace was fetched.
struct JaegerResultRow {
    QString traceId; // hex
    QString rootService;
    QString rootOperation;
    int64_t startNs = 0;
    int64_t durationNs = 0;
    int64_t spanCount = 0;
    int64_t errorCount = 0;
    bool cached = false; // the cache holds a copy
};

class JaegerConnectionForm : public QWidget {
    Q_OBJECT
public:
    enum ResultColumn {
        RootColumn,
        StartColumn,
        DurationColumn,
        SpansColumn,
        ErrorsColumn,
        TraceIdColumn,
        CachedColumn,
        ResultColumnCount
    };

    explicit JaegerConnectionForm(QWidget* parent = nullptr);

    // Saved endpoints. An empty list becomes one default endpoint.
    void setEndpoints(std::vector<JaegerEndpointSettings> endpoints, int current = 0);
    const std::vector<JaegerEndpointSettings>& endpoints() const { return m_endpoints; }
    int currentEndpointIndex() const { return m_current; }
    void setCurrentEndpointIndex(int index);
    JaegerEndpointSettings currentEndpoint() const { return m_endpoints[size_t(m_current)]; }
    void addEndpoint();
    void removeCurrentEndpoint();
    // Where a remembered secret is written, for the warning next to "Remember".
    void setSecretStorageDescription(const QString& text);

    // From the controller.
    void setConnected(bool connected, const QString& description = {});
    bool isConnected() const { return m_connected; }
    void setServices(const QStringList& services);
    // Ignored unless service is still the chosen one.
    void setOperations(const QString& service, const std::vector<JaegerOperationEntry>& operations);
    void setSummaries(const std::vector<JaegerResultRow>& rows);
    void markCached(const QStringList& traceIds);
    // Busy: everything but Cancel is disabled, text says what is going on.
    void setBusy(bool busy, const QString& text = {});
    bool isBusy() const { return m_busy; }
    // How many times the form has become busy: a late answer to an earlier request compares it to tell
    // whether other work (and what it said) came since.
    quint64 busyPeriods() const { return m_busyPeriods; }
    // response is 0-based; bytesTotal -1 when unknown.
    void setProgress(int response, int responses, qint64 bytes, qint64 bytesTotal, quint64 spans);
    void showStatus(const QString& text);
    void showError(const QString& text);
    QString statusText() const;
    bool statusIsError() const { return m_statusIsError; }

    // The inputs as they stand.
    QString service() const;
    // nullopt with *error (and the field marked) when a field is invalid.
    std::optional<JaegerSearchSettings> searchSettings(QString* error = nullptr);
    QStringList selectedTraceIds() const;
    std::optional<QStringList> typedTraceIds(QString* error = nullptr) const;
    bool fetchDependencies() const;
    QTableWidget* resultsTable() const { return m_results; }

signals:
    void connectRequested(const skein::JaegerEndpointSettings& endpoint);
    void serviceChanged(const QString& service);
    void searchRequested(const skein::JaegerSearchSettings& search);
    void fetchRequested(const QStringList& traceIds);
    void cancelRequested();
    // The endpoint fields changed: a connection made before no longer matches them.
    void endpointEdited();
    // Added, removed, renamed or edited: worth saving.
    void endpointsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createEndpointPanel();
    QWidget* createSearchPanel();
    QWidget* createResultsPanel();
    void loadEditor(const JaegerEndpointSettings& endpoint);
    JaegerEndpointSettings editorValue() const;
    void editorChanged();
    void updateEditorRows();
    void updateEnabled();
    void updateColors();
    void lookbackChanged();
    void requestConnect();
    void requestSearch();
    void requestFetchSelected();
    void requestFetchTyped();
    void setStatus(const QString& text, bool error);
    QString uniqueName(const QString& base) const;
    void fillResults();

    std::vector<JaegerEndpointSettings> m_endpoints;
    std::vector<JaegerResultRow> m_rows;
    int m_current = 0;
    bool m_loadingEditor = false;
    bool m_connected = false;
    bool m_busy = false;
    bool m_statusIsError = false;
    quint64 m_busyPeriods = 0;

    // Endpoints
    QListWidget* m_endpointList = nullptr;
    QPushButton* m_addEndpoint = nullptr;
    QPushButton* m_removeEndpoint = nullptr;
    QWidget* m_editor = nullptr;
    QFormLayout* m_editorForm = nullptr;
    QWidget* m_headerButtons = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_url = nullptr;
    QComboBox* m_api = nullptr;
    QComboBox* m_auth = nullptr;
    QLineEdit* m_token = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_rememberSecret = nullptr;
    QLabel* m_secretWarning = nullptr;
    QTableWidget* m_headers = nullptr;
    QSpinBox* m_timeout = nullptr;
    QCheckBox* m_verifyTls = nullptr;
    QLabel* m_tlsWarning = nullptr;
    QLabel* m_endpointProblem = nullptr;
    QPushButton* m_connect = nullptr;
    QLabel* m_connection = nullptr;
    QString m_secretStorage;

    // Search
    QWidget* m_searchPanel = nullptr;
    QWidget* m_customRange = nullptr;
    QComboBox* m_service = nullptr;
    QComboBox* m_operation = nullptr;
    QLineEdit* m_tags = nullptr;
    QComboBox* m_lookback = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QLineEdit* m_minDuration = nullptr;
    QLineEdit* m_maxDuration = nullptr;
    QSpinBox* m_limit = nullptr;
    QPushButton* m_search = nullptr;

    // Results and fetching
    QTableWidget* m_results = nullptr;
    QLineEdit* m_traceIds = nullptr;
    QCheckBox* m_dependencies = nullptr;
    QPushButton* m_fetchSelected = nullptr;
    QPushButton* m_fetchIds = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
};

} // namespace skein
