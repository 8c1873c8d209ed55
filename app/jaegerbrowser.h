// SPDX-License-Identifier: MIT
// The Jaeger browser window: the connection form (views/) driven by the Jaeger client (importers/). Everything
// runs asynchronously, so the GUI stays responsive and every request can be cancelled.
#pragma once

#include "jaegerclient.h"
#include "jaegerconnectionform.h"
#include "jaegerquery.h"
#include "span.h"

#include <QDialog>
#include <QPointer>

#include <optional>
#include <vector>

namespace skein {

// The endpoint the client connects to, with the secrets that apply to the chosen authentication.
JaegerEndpoint toJaegerEndpoint(const JaegerEndpointSettings& settings);
JaegerSearch toJaegerSearch(const JaegerSearchSettings& settings);

// Non-modal, deletes itself when closed. Usage from the main window:
//   auto* dialog = new JaegerBrowserDialog(databasePath, this);
//   connect(dialog, &JaegerBrowserDialog::tracesFetched, this, [...](const std::vector<TraceId>& ids) { ... });
//   dialog->show();
class JaegerBrowserDialog : public QDialog {
    Q_OBJECT
public:
    explicit JaegerBrowserDialog(QString databasePath, QWidget* parent = nullptr);
    ~JaegerBrowserDialog() override;

    JaegerConnectionForm* form() const { return m_form; }
    JaegerClient* client() const { return m_client; } // null until connected
    bool isBusy() const;
    // Whether the operations of the chosen service are being listed (in the background, without a busy form).
    bool isListingOperations() const { return m_operationsCall != nullptr; }

    // Secrets the user did not ask to remember live in memory until the application quits; this forgets them.
    static void forgetSessionSecrets();

signals:
    // After a fetch that stored traces (also a failed or cancelled one, for what was stored before): the traces
    // now in the cache, in the order they arrived.
    void tracesFetched(const std::vector<skein::TraceId>& ids);

public slots:
    void reject() override; // Escape cancels running work first, and closes only when idle

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void connectTo(const JaegerEndpointSettings& settings);
    void dropClient();
    void endpointEdited();
    void loadOperations(const QString& service);
    void search(const JaegerSearchSettings& settings);
    void fetchIds(const QStringList& ids);
    void startFetch(const JaegerFetchRequest& request, const QString& text, bool listFetched);
    void fetchFinished(JaegerFetch* fetch, bool listFetched);
    void cancel();
    void saveEndpoints() const;
    std::vector<JaegerResultRow> cachedRows(const std::vector<TraceId>& ids) const;

    QString m_databasePath;
    JaegerConnectionForm* m_form = nullptr;
    QPointer<JaegerClient> m_client;
    QPointer<JaegerCall> m_call; // connecting or searching
    QPointer<JaegerCall> m_operationsCall;
    QPointer<JaegerFetch> m_fetch;
    std::optional<JaegerSearch> m_lastSearch;
};

} // namespace skein
