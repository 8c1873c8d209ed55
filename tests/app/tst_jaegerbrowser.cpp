// SPDX-License-Identifier: MIT
// The Jaeger browser dialog against a local stand-in server (real HTTP over loopback) and a real cache file:
// connecting to both API versions, browsing, searching, fetching, errors, cancel, saved endpoints and secrets.
#include "../importers/jaegertestdata.h"
#include "../importers/jaegertestserver.h"
#include "jaegerbrowser.h"
#include "jaegerclient.h"
#include "tracestore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace skein;
using namespace skein::test;

namespace {

struct CacheState {
    int64_t traces = 0;
    int64_t spans = 0;
    int64_t imports = 0;
    bool operator==(const CacheState&) const = default;
};

QByteArray summariesBody()
{
    auto summary = [](const QByteArray& id, const QByteArray& start, const QByteArray& operation, int spans,
                       int errors) -> QByteArray {
        return "{\"traceId\":\"" + id + "\",\"rootServiceName\":\"frontend\",\"rootOperationName\":\"" + operation
            + "\",\"minStartTimeUnixNano\":\"" + start + "000000000\",\"maxEndTimeUnixNano\":\"" + start
            + "250000000\",\"spanCount\":" + QByteArray::number(spans) + ",\"errorSpanCount\":"
            + QByteArray::number(errors) + ",\"services\":[{\"name\":\"frontend\",\"spanCount\":"
            + QByteArray::number(spans) + ",\"errorSpanCount\":" + QByteArray::number(errors) + "}]}";
    };
    return "{\"summaries\":[" + summary(traceA, "1700000000", "HTTP GET /dispatch", 4, 0) + ","
        + summary(traceB, "1700000100", "HTTP POST /order", 6, 1) + "]}";
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    palette.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x70, 0x70));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x70, 0x70));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x70, 0x70));
    return palette;
}

template <typename T> T* child(const QWidget* parent, const char* name)
{
    T* widget = parent->findChild<T*>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

} // namespace

class tst_JaegerBrowser : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("skein-test"));
        QCoreApplication::setApplicationName(QStringLiteral("skein-test-jaegerbrowser"));
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QSettings().clear();
        JaegerBrowserDialog::forgetSessionSecrets();
        m_database = m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_counter));
        QString error;
        QVERIFY2(TraceStore::open(m_database, &error), qPrintable(error));
        m_server = std::make_unique<JaegerTestServer>();
        QVERIFY(m_server->port() != 0);
        m_fetched.clear();
    }

    void cleanup()
    {
        delete m_dialog.data();
        m_server.reset();
    }

    void connectsAndBrowses_data()
    {
        QTest::addColumn<QString>("api");
        QTest::newRow("v3") << QStringLiteral("v3");
        QTest::newRow("v1") << QStringLiteral("v1");
    }
    void connectsAndBrowses()
    {
        QFETCH(QString, api);
        const bool v3 = api == u"v3";
        routeServices(v3);
        if (v3) {
            m_server->route(QStringLiteral("/jaeger/api/v3/operations"), [](const RecordedRequest& request) {
                return request.query.queryItemValue(QStringLiteral("service")) == u"frontend"
                    ? TestResponse::json("{\"operations\":[{\"name\":\"HTTP GET /dispatch\",\"spanKind\":\"server\"},"
                                         "{\"name\":\"HTTP GET /customer\",\"spanKind\":\"client\"}]}")
                    : TestResponse::json("{\"operations\":[]}");
            });
        } else {
            // An older Jaeger: only the per-service list, no span kinds.
            m_server->route(QStringLiteral("/jaeger/api/services/frontend/operations"),
                TestResponse::json("{\"data\":[\"HTTP GET /dispatch\",\"HTTP GET /customer\"],\"total\":2,\"limit\":0,"
                                   "\"offset\":0,\"errors\":null}"));
        }
        // Auto-detection finds either version.
        openDialog(settingsFor(QStringLiteral("/jaeger/")));
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();
        QVERIFY(form->isConnected());
        QVERIFY2(!form->statusIsError(), qPrintable(form->statusText()));
        QVERIFY2(form->statusText().contains(QLatin1String("2 service")), qPrintable(form->statusText()));
        QCOMPARE(m_dialog->client()->api(), v3 ? JaegerApi::V3 : JaegerApi::V1);

        auto* service = child<QComboBox>(form, "service");
        QCOMPARE(service->count(), 2);
        QCOMPARE(service->itemText(0), QStringLiteral("driver")); // sorted
        service->setCurrentIndex(service->findData(QStringLiteral("frontend")));
        auto* operation = child<QComboBox>(form, "operation");
        QTRY_COMPARE_WITH_TIMEOUT(operation->count(), 3, 30000);
        const int dispatch = operation->findData(QStringLiteral("HTTP GET /dispatch"));
        QVERIFY(dispatch > 0);
        QCOMPARE(operation->itemText(dispatch).contains(QLatin1String("server")), v3);
    }

    void v3SearchShowsSummariesThenFetchesSelected()
    {
        routeServices(true);
        m_server->route(QStringLiteral("/jaeger/api/v3/trace-summaries"), TestResponse::json(summariesBody()));
        m_server->route(QStringLiteral("/jaeger/api/v3/traces/") + QString::fromLatin1(traceA),
            TestResponse::json(v3Result({ traceA }, 4)));
        m_server->route(QStringLiteral("/jaeger/api/v3/traces/") + QString::fromLatin1(traceB),
            TestResponse::json(v3Result({ traceB }, 6)));
        m_server->route(QStringLiteral("/jaeger/api/dependencies"),
            TestResponse::json("{\"data\":[{\"parent\":\"frontend\",\"child\":\"driver\",\"callCount\":3}],"
                               "\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}"));
        openDialog(settingsFor(QStringLiteral("/jaeger")));
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();

        chooseService(QStringLiteral("frontend"));
        child<QLineEdit>(form, "tags")->setText(QStringLiteral("error=true"));
        child<QPushButton>(form, "searchButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        QVERIFY2(!form->statusIsError(), qPrintable(form->statusText()));
        QTableWidget* table = form->resultsTable();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, JaegerConnectionForm::TraceIdColumn)->text(), QString::fromLatin1(traceB));
        QCOMPARE(
            table->item(0, JaegerConnectionForm::RootColumn)->text(), QStringLiteral("frontend: HTTP POST /order"));
        QCOMPARE(table->item(0, JaegerConnectionForm::DurationColumn)->text(), QStringLiteral("250ms"));
        QCOMPARE(table->item(0, JaegerConnectionForm::SpansColumn)->text(), QStringLiteral("6"));
        QCOMPARE(table->item(0, JaegerConnectionForm::ErrorsColumn)->text(), QStringLiteral("1"));
        QCOMPARE(table->item(0, JaegerConnectionForm::CachedColumn)->text(), QString());
        // The service's operations were asked for too, on another connection: in either order.
        const auto search = std::find_if(m_server->requests.rbegin(), m_server->requests.rend(),
            [](const RecordedRequest& request) { return request.path == u"/jaeger/api/v3/trace-summaries"; });
        QVERIFY(search != m_server->requests.rend());
        const RecordedRequest& searchRequest = *search;
        QCOMPARE(searchRequest.query.queryItemValue(QStringLiteral("query.serviceName")), QStringLiteral("frontend"));
        QCOMPARE(searchRequest.query.queryItemValue(QStringLiteral("query.attributes"), QUrl::FullyDecoded),
            QStringLiteral("{\"error\":\"true\"}"));
        QCOMPARE(cacheState(), (CacheState { 0, 0, 0 })); // nothing downloaded yet

        table->selectAll();
        child<QPushButton>(form, "fetchSelectedButton")->click();
        QVERIFY(form->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        QVERIFY2(!form->statusIsError(), qPrintable(form->statusText()));
        QVERIFY2(
            form->statusText().contains(QLatin1String("2 trace(s) with 10 spans")), qPrintable(form->statusText()));
        QVERIFY2(form->statusText().contains(QLatin1String("1 dependency link")), qPrintable(form->statusText()));
        QCOMPARE(cacheState(), (CacheState { 2, 10, 3 })); // two traces and the dependency graph
        QCOMPARE(m_fetched.size(), size_t(1));
        QCOMPARE(hexIds(m_fetched[0]), QStringList({ QString::fromLatin1(traceB), QString::fromLatin1(traceA) }));
        QCOMPARE(table->item(0, JaegerConnectionForm::CachedColumn)->text(), QStringLiteral("yes"));
        QCOMPARE(table->item(1, JaegerConnectionForm::CachedColumn)->text(), QStringLiteral("yes"));

        // Double-click fetches one trace again: replaced, not duplicated, and announced alone (to be opened).
        const QPoint second = table->visualItemRect(table->item(1, JaegerConnectionForm::RootColumn)).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, second);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, second);
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        QCOMPARE(m_fetched.size(), size_t(2));
        QCOMPARE(hexIds(m_fetched[1]), QStringList({ QString::fromLatin1(traceA) }));
        QCOMPARE(cacheState().traces, int64_t(2));
        QCOMPARE(cacheState().spans, int64_t(10));

        // A new search knows what the cache holds.
        child<QPushButton>(form, "searchButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        QCOMPARE(table->item(1, JaegerConnectionForm::CachedColumn)->text(), QStringLiteral("yes"));
        render(QStringLiteral("jaegerbrowser"));
    }

    void v1SearchFetchesTheResultsDirectly()
    {
        routeServices(false);
        m_server->route(QStringLiteral("/jaeger/api/traces"),
            TestResponse::json(v1Envelope({ v1TraceObject(traceA, 3), v1TraceObject(traceB, 5, "backend") })));
        openDialog(settingsFor(QStringLiteral("/jaeger"), QStringLiteral("v1")));
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();
        child<QCheckBox>(form, "fetchDependencies")->setChecked(false);
        chooseService(QStringLiteral("frontend"));
        child<QPushButton>(form, "searchButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        QVERIFY2(!form->statusIsError(), qPrintable(form->statusText()));
        QCOMPARE(cacheState(), (CacheState { 2, 8, 1 }));
        QCOMPARE(form->resultsTable()->rowCount(), 2);
        for (int row = 0; row < 2; ++row)
            QCOMPARE(
                form->resultsTable()->item(row, JaegerConnectionForm::CachedColumn)->text(), QStringLiteral("yes"));
        QCOMPARE(m_fetched.size(), size_t(1));
        QCOMPARE(hexIds(m_fetched[0]), QStringList({ QString::fromLatin1(traceA), QString::fromLatin1(traceB) }));
        QVERIFY(std::any_of(m_server->requests.begin(), m_server->requests.end(),
            [](const RecordedRequest& request) { return request.path == u"/jaeger/api/traces"; }));
    }

    // Listing a service's operations can fail slowly. Alone, the failure is shown, also for the only service
    // (chosen as the connection ends); after a search that ended meanwhile, the search's outcome stays on
    // show (the failure only costs the operation filter).
    void lateOperationsErrorDoesNotHideNewerNews_data()
    {
        QTest::addColumn<bool>("onlyService");
        QTest::addColumn<bool>("searchMeanwhile");
        QTest::newRow("alone") << false << false;
        QTest::newRow("the only service") << true << false;
        QTest::newRow("after a search") << false << true;
    }
    void lateOperationsErrorDoesNotHideNewerNews()
    {
        QFETCH(bool, onlyService);
        QFETCH(bool, searchMeanwhile);
        if (onlyService)
            m_server->route(
                QStringLiteral("/jaeger/api/services"), TestResponse::json(v1Services({ QStringLiteral("frontend") })));
        else
            routeServices(false);
        m_server->route(
            QStringLiteral("/jaeger/api/traces"), TestResponse::json(v1Envelope({ v1TraceObject(traceA, 3) })));
        TestResponse slowFailure = TestResponse::goError(404, "404 page not found");
        slowFailure.mode = TestResponse::Mode::Slow;
        slowFailure.slowChunk = 1;
        slowFailure.slowIntervalMs = 100; // 19 bytes: answered after about 2 s
        m_server->route(QStringLiteral("/jaeger/api/services/frontend/operations"), slowFailure);
        openDialog(settingsFor(QStringLiteral("/jaeger"), QStringLiteral("v1")));
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();
        child<QCheckBox>(form, "fetchDependencies")->setChecked(false);
        if (!onlyService)
            chooseService(QStringLiteral("frontend"));
        QVERIFY(m_dialog->isListingOperations());
        if (searchMeanwhile) {
            child<QPushButton>(form, "searchButton")->click();
            QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
            QCOMPARE(cacheState().traces, int64_t(1));
            if (!m_dialog->isListingOperations())
                QSKIP("The search took longer than the slow answer: this machine cannot show the order checked here.");
        }
        QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isListingOperations(), 15000);
        if (searchMeanwhile) {
            QVERIFY2(!form->statusIsError(), qPrintable(form->statusText()));
            QVERIFY2(form->statusText().contains(QLatin1String("1 trace")), qPrintable(form->statusText()));
        } else {
            QVERIFY(form->statusIsError());
            QVERIFY2(form->statusText().contains(QLatin1String("Could not list the operations of frontend")),
                qPrintable(form->statusText()));
        }
    }

    void serverErrorsShowTheServersMessage()
    {
        routeServices(true);
        m_server->route(QStringLiteral("/jaeger/api/v3/trace-summaries"),
            TestResponse::goError(500, v3Error(500, "storage backend unavailable")));
        m_server->route(QStringLiteral("/jaeger/api/v3/traces/") + QString::fromLatin1(traceA),
            TestResponse::goError(500, v3Error(500, "trace storage timed out")));
        openDialog(settingsFor(QStringLiteral("/jaeger")));
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();
        chooseService(QStringLiteral("frontend"));
        child<QPushButton>(form, "searchButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        QVERIFY(form->statusIsError());
        QVERIFY2(
            form->statusText().contains(QLatin1String("storage backend unavailable")), qPrintable(form->statusText()));
        QVERIFY2(form->statusText().contains(QLatin1String("500")), qPrintable(form->statusText()));

        child<QCheckBox>(form, "fetchDependencies")->setChecked(false);
        child<QLineEdit>(form, "traceIds")->setText(QString::fromLatin1(traceA));
        child<QPushButton>(form, "fetchIdsButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        QVERIFY(form->statusIsError());
        QVERIFY2(form->statusText().contains(QLatin1String("trace storage timed out")), qPrintable(form->statusText()));
        QCOMPARE(cacheState(), (CacheState { 0, 0, 0 }));
        QVERIFY(m_fetched.empty());
        QVERIFY(child<QPushButton>(form, "fetchIdsButton")->isEnabled());
    }

    void unreachableServerIsExplained()
    {
        const QString url = m_server->url();
        m_server.reset(); // nobody listens on the port any more
        JaegerEndpointSettings settings;
        settings.name = QStringLiteral("Gone");
        settings.baseUrl = url;
        openDialog(settings);
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();
        QVERIFY(!form->isConnected());
        QVERIFY(form->statusIsError());
        QVERIFY2(form->statusText().contains(QLatin1String("Could not connect")), qPrintable(form->statusText()));
        QVERIFY(!child<QPushButton>(form, "searchButton")->isEnabled());
        QVERIFY(child<QPushButton>(form, "connectButton")->isEnabled());
    }

    void cancelDuringAStalledResponseLeavesTheCacheUnchanged()
    {
        routeServices(true);
        m_server->route(QStringLiteral("/jaeger/api/v3/traces/") + QString::fromLatin1(traceC),
            TestResponse::json(v3Result({ traceC }, 2)));
        const QByteArray big = v3Result({ traceA }, 300);
        TestResponse stalled = TestResponse::json(big);
        stalled.mode = TestResponse::Mode::Stall;
        stalled.truncateAt = big.size() / 2;
        m_server->route(QStringLiteral("/jaeger/api/v3/traces/") + QString::fromLatin1(traceA), stalled);
        openDialog(settingsFor(QStringLiteral("/jaeger")));
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();
        child<QCheckBox>(form, "fetchDependencies")->setChecked(false);

        // Something is cached already, and must stay as it is.
        child<QLineEdit>(form, "traceIds")->setText(QString::fromLatin1(traceC));
        child<QPushButton>(form, "fetchIdsButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 30000);
        const CacheState before = cacheState();
        QCOMPARE(before, (CacheState { 1, 2, 1 }));
        m_fetched.clear();

        child<QLineEdit>(form, "traceIds")->setText(QString::fromLatin1(traceA));
        child<QPushButton>(form, "fetchIdsButton")->click();
        QTRY_VERIFY2(form->statusText().contains(QLatin1String("received")), qPrintable(form->statusText()));
        QTRY_VERIFY(!form->statusText().startsWith(QLatin1String("0 bytes"))); // half the body has arrived
        QVERIFY(form->isBusy());
        QVERIFY(!child<QPushButton>(form, "connectButton")->isEnabled());
        auto* cancel = child<QPushButton>(form, "cancelButton");
        QVERIFY(cancel->isEnabled());
        QElapsedTimer timer;
        timer.start();
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 5000);
        QVERIFY2(timer.elapsed() < 5000, "cancel must not wait for the server's timeout");
        QVERIFY2(form->statusText().startsWith(QLatin1String("Cancelled")), qPrintable(form->statusText()));
        QCOMPARE(cacheState(), before);
        QVERIFY(m_fetched.empty());
        QVERIFY(child<QPushButton>(form, "connectButton")->isEnabled());
        QVERIFY(child<QPushButton>(form, "fetchIdsButton")->isEnabled());
        QVERIFY(child<QPushButton>(form, "searchButton")->isEnabled());
        QVERIFY(!cancel->isEnabled());
    }

    void savedEndpointsComeBackWithoutUnrememberedSecrets()
    {
        routeServices(true);
        JaegerEndpointSettings withToken = settingsFor(QStringLiteral("/jaeger"));
        withToken.name = QStringLiteral("Token endpoint");
        withToken.auth = JaegerEndpointSettings::Auth::BearerToken;
        withToken.token = QStringLiteral("s3cr3t-token");
        withToken.headers = { { QStringLiteral("X-Scope-OrgID"), QStringLiteral("tenant-1") } };
        JaegerEndpointSettings remembered = settingsFor(QStringLiteral("/other"));
        remembered.name = QStringLiteral("Remembered");
        remembered.auth = JaegerEndpointSettings::Auth::Basic;
        remembered.user = QStringLiteral("alice");
        remembered.password = QStringLiteral("pa55word");
        remembered.rememberSecret = true;
        openDialog(withToken);
        m_dialog->form()->setEndpoints({ withToken, remembered }, 0);
        QVERIFY(connectAndWait());
        QVERIFY(m_dialog->form()->isConnected());
        QCOMPARE(m_server->requests.front().header("Authorization"), QByteArray("Bearer s3cr3t-token"));
        QCOMPARE(m_server->requests.front().header("X-Scope-OrgID"), QByteArray("tenant-1"));

        // A refusal names the problem but never the secret.
        m_server->route(QStringLiteral("/jaeger/api/v3/services"), TestResponse::goError(401, "invalid token"));
        QVERIFY(connectAndWait());
        QVERIFY(m_dialog->form()->statusIsError());
        QVERIFY2(
            m_dialog->form()->statusText().contains(QLatin1String("401")), qPrintable(m_dialog->form()->statusText()));
        QVERIFY(!m_dialog->form()->statusText().contains(QLatin1String("s3cr3t")));
        delete m_dialog.data();

        const QString settingsFile = QSettings().fileName();
        QFile file(settingsFile);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settingsFile));
        const QByteArray raw = file.readAll();
        QVERIFY(raw.contains("Token endpoint"));
        QVERIFY2(!raw.contains("s3cr3t"), raw.constData());
        QVERIFY(raw.contains("pa55word"));

        // The same session still knows the token.
        openDialog();
        QCOMPARE(m_dialog->form()->endpoints().size(), size_t(2));
        QCOMPARE(m_dialog->form()->endpoints()[0].token, QStringLiteral("s3cr3t-token"));
        delete m_dialog.data();

        // A new session does not, but has everything else; the remembered password is back.
        JaegerBrowserDialog::forgetSessionSecrets();
        openDialog();
        const std::vector<JaegerEndpointSettings> restored = m_dialog->form()->endpoints();
        QCOMPARE(restored.size(), size_t(2));
        QCOMPARE(m_dialog->form()->currentEndpointIndex(), 0);
        QCOMPARE(restored[0].name, QStringLiteral("Token endpoint"));
        QCOMPARE(restored[0].baseUrl, withToken.baseUrl);
        QCOMPARE(restored[0].auth, JaegerEndpointSettings::Auth::BearerToken);
        QCOMPARE(restored[0].headers, withToken.headers);
        QVERIFY(restored[0].token.isEmpty());
        QVERIFY(child<QLineEdit>(m_dialog->form(), "endpointToken")->text().isEmpty());
        QCOMPARE(restored[1].user, QStringLiteral("alice"));
        QCOMPARE(restored[1].password, QStringLiteral("pa55word"));
        // Connecting without the token is refused with an explanation, before any request.
        m_server->requests.clear();
        child<QPushButton>(m_dialog->form(), "connectButton")->click();
        QVERIFY(m_dialog->form()->statusText().contains(QLatin1String("bearer token")));
        QVERIFY(m_server->requests.empty());
    }

    void connectionFailureWithWarningsShown()
    {
        m_server->route(QStringLiteral("/jaeger/api/v3/services"),
            TestResponse::goError(503, v3Error(503, "query service is starting")));
        JaegerEndpointSettings settings = settingsFor(QStringLiteral("/jaeger"), QStringLiteral("v3"));
        settings.auth = JaegerEndpointSettings::Auth::BearerToken;
        settings.token = QStringLiteral("s3cr3t-token");
        settings.rememberSecret = true;
        settings.verifyTls = false;
        settings.headers = { { QStringLiteral("X-Scope-OrgID"), QStringLiteral("tenant-1") } };
        openDialog(settings);
        QVERIFY(connectAndWait());
        JaegerConnectionForm* form = m_dialog->form();
        QVERIFY(form->statusIsError());
        QVERIFY2(
            form->statusText().contains(QLatin1String("query service is starting")), qPrintable(form->statusText()));
        QVERIFY(!form->statusText().contains(QLatin1String("s3cr3t")));
        QVERIFY(child<QLabel>(form, "tlsWarning")->isVisible());
        QVERIFY(child<QLabel>(form, "secretWarning")->isVisible());
        QVERIFY(child<QLabel>(form, "secretWarning")->text().contains(QSettings().fileName()));
        render(QStringLiteral("jaegerbrowser-error"));
    }

    void escapeCancelsBeforeItCloses()
    {
        routeServices(true);
        TestResponse stalled = TestResponse::json(v3Result({ traceA }, 50));
        stalled.mode = TestResponse::Mode::Stall;
        stalled.truncateAt = 100;
        m_server->route(QStringLiteral("/jaeger/api/v3/trace-summaries"), stalled);
        openDialog(settingsFor(QStringLiteral("/jaeger")));
        QVERIFY(connectAndWait());
        chooseService(QStringLiteral("frontend"));
        child<QPushButton>(m_dialog->form(), "searchButton")->click();
        QVERIFY(m_dialog->isBusy());
        QTest::keyClick(m_dialog, Qt::Key_Escape);
        QVERIFY(!m_dialog->isBusy());
        QVERIFY(m_dialog->isVisible());
        QTest::keyClick(m_dialog, Qt::Key_Escape);
        QTRY_VERIFY(!m_dialog); // closed and deleted
    }

private:
    JaegerEndpointSettings settingsFor(const QString& basePath, const QString& api = QStringLiteral("auto")) const
    {
        JaegerEndpointSettings settings;
        settings.name = QStringLiteral("Test server");
        settings.baseUrl = m_server->url(basePath);
        settings.api = api;
        return settings;
    }

    void routeServices(bool v3)
    {
        const QStringList services { QStringLiteral("frontend"), QStringLiteral("driver") };
        if (v3)
            m_server->route(QStringLiteral("/jaeger/api/v3/services"), TestResponse::json(v3Services(services)));
        else
            m_server->route(QStringLiteral("/jaeger/api/services"), TestResponse::json(v1Services(services)));
    }

    void openDialog(std::optional<JaegerEndpointSettings> settings = std::nullopt)
    {
        m_dialog = new JaegerBrowserDialog(m_database);
        if (settings)
            m_dialog->form()->setEndpoints({ *settings });
        connect(m_dialog, &JaegerBrowserDialog::tracesFetched, this,
            [this](const std::vector<TraceId>& ids) { m_fetched.push_back(ids); });
        m_dialog->show();
    }

    bool connectAndWait()
    {
        child<QPushButton>(m_dialog->form(), "connectButton")->click();
        if (!m_dialog->form()->isBusy())
            return false;
        return QTest::qWaitFor([this] { return !m_dialog->form()->isBusy(); }, 15000);
    }

    void chooseService(const QString& name)
    {
        auto* service = child<QComboBox>(m_dialog->form(), "service");
        service->setCurrentIndex(service->findData(name));
    }

    CacheState cacheState() const
    {
        auto store = TraceStore::open(m_database, nullptr);
        const StoreInfo info = store->info();
        return { info.traces, info.spans, info.imports };
    }

    static QStringList hexIds(const std::vector<TraceId>& ids)
    {
        QStringList hex;
        for (const TraceId& id : ids)
            hex.append(QString::fromStdString(id.toHex()));
        return hex;
    }

    // With SKEIN_SCREENSHOT_DIR set, the dialog as it stands in light and dark palettes.
    void render(const QString& name)
    {
        const QString directory = qEnvironmentVariable("SKEIN_SCREENSHOT_DIR");
        if (directory.isEmpty())
            return;
        const QPalette original = QApplication::palette();
        QVERIFY(m_dialog->grab().save(QDir(directory).filePath(name + QStringLiteral("-light.png"))));
        QApplication::setPalette(darkPalette());
        QCoreApplication::processEvents();
        QVERIFY(m_dialog->grab().save(QDir(directory).filePath(name + QStringLiteral("-dark.png"))));
        QApplication::setPalette(original);
    }

    QTemporaryDir m_dir;
    QString m_database;
    int m_counter = 0;
    std::unique_ptr<JaegerTestServer> m_server;
    QPointer<JaegerBrowserDialog> m_dialog;
    std::vector<std::vector<TraceId>> m_fetched;
};

QTEST_MAIN(tst_JaegerBrowser)
#include "tst_jaegerbrowser.moc"
