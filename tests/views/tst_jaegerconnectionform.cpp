// SPDX-License-Identifier: MIT
// The Jaeger connection form on its own (no network): endpoint validation explains itself, saved endpoints
// round-trip through settings without unremembered secrets, the search fields are parsed or explained,
// results select into fetch requests, and busy states enable the right buttons.
#include "jaegerconnectionform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace skein;

namespace {

template <typename T> T* child(const QWidget& parent, const char* name)
{
    T* widget = parent.findChild<T*>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

JaegerEndpointSettings endpoint(const QString& name, const QString& url)
{
    JaegerEndpointSettings settings;
    settings.id = name + QStringLiteral("-id");
    settings.name = name;
    settings.baseUrl = url;
    return settings;
}

const QString hexA = QStringLiteral("0000000000000000000000000000000a");
const QString hexB = QStringLiteral("0000000000000000000000000000000b");
const QString hexC = QStringLiteral("0000000000000000000000000000000c");

std::vector<JaegerResultRow> threeRows()
{
    return {
        { hexA, QStringLiteral("frontend"), QStringLiteral("GET /"), 1700000000000000000, 5000000, 12, 0, false },
        { hexB, QStringLiteral("frontend"), QStringLiteral("POST /cart"), 1700000001000000000, 90000000, 40, 2, false },
        { hexC, QStringLiteral("driver"), QStringLiteral("find"), 1700000002000000000, 1000, 1, 0, true },
    };
}

} // namespace

class tst_JaegerConnectionForm : public QObject {
    Q_OBJECT

private slots:
    void urlProblems_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("problem"); // empty: usable
        QTest::addColumn<QString>("normalized");
        QTest::newRow("empty") << QString() << QStringLiteral("Enter the address") << QString();
        QTest::newRow("no scheme") << QStringLiteral("localhost:16686") << QString()
                                   << QStringLiteral("http://localhost:16686");
        QTest::newRow("base path") << QStringLiteral(" https://tracing.example.com/jaeger/ ") << QString()
                                   << QStringLiteral("https://tracing.example.com/jaeger");
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com") << QStringLiteral("http:// or https://")
                             << QString();
        QTest::newRow("no host") << QStringLiteral("http:///jaeger") << QStringLiteral("no host name") << QString();
        QTest::newRow("bad port") << QStringLiteral("http://localhost:99999") << QStringLiteral("not a valid URL")
                                  << QString();
        QTest::newRow("user info") << QStringLiteral("http://alice:pa55word@localhost:16686")
                                   << QStringLiteral("Do not put a user name or password") << QString();
        QTest::newRow("ui search page") << QStringLiteral("http://localhost:16686/search?service=frontend")
                                        << QStringLiteral("cannot have a query") << QString();
        QTest::newRow("api path") << QStringLiteral("http://localhost:16686/api/traces")
                                  << QStringLiteral("without /api") << QString();
    }
    void urlProblems()
    {
        QFETCH(QString, url);
        QFETCH(QString, problem);
        QFETCH(QString, normalized);
        const JaegerEndpointSettings settings = endpoint(QStringLiteral("x"), url);
        if (problem.isEmpty()) {
            QVERIFY2(settings.urlProblem().isEmpty(), qPrintable(settings.urlProblem()));
            QCOMPARE(settings.normalizedUrl(), normalized);
        } else {
            QVERIFY2(settings.urlProblem().contains(problem), qPrintable(settings.urlProblem()));
            QVERIFY(!settings.urlProblem().contains(QLatin1String("pa55word")));
        }
    }

    void otherFieldProblems()
    {
        JaegerEndpointSettings settings = endpoint(QStringLiteral("x"), QStringLiteral("http://h:1"));
        QVERIFY(settings.problem().isEmpty());
        settings.auth = JaegerEndpointSettings::Auth::BearerToken;
        QVERIFY(settings.problem().contains(QLatin1String("bearer token")));
        settings.auth = JaegerEndpointSettings::Auth::Basic;
        QVERIFY(settings.problem().contains(QLatin1String("user name")));
        settings.user = QStringLiteral("alice");
        QVERIFY(settings.problem().isEmpty());
        settings.headers = { { QStringLiteral("X Tenant:"), QStringLiteral("a") } };
        QVERIFY(settings.problem().contains(QLatin1String("not a valid header name")));
        settings.headers = { { QStringLiteral("X-Scope-OrgID"), QStringLiteral("tenant-1") } };
        QVERIFY(settings.problem().isEmpty());
        settings.name = QStringLiteral(" ");
        QVERIFY(settings.problem().contains(QLatin1String("name")));
    }

    void connectIsRefusedWithAnExplanation()
    {
        JaegerConnectionForm form;
        form.setEndpoints({ endpoint(QStringLiteral("Prod"), QStringLiteral("ftp://jaeger")) });
        int requests = 0;
        JaegerEndpointSettings requested;
        connect(&form, &JaegerConnectionForm::connectRequested, this, [&](const JaegerEndpointSettings& settings) {
            ++requests;
            requested = settings;
        });
        auto* connectButton = child<QPushButton>(form, "connectButton");
        connectButton->click();
        QCOMPARE(requests, 0);
        auto* problem = child<QLabel>(form, "endpointProblem");
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains(QLatin1String("http://")), qPrintable(problem->text()));
        QVERIFY(form.statusIsError());

        auto* url = child<QLineEdit>(form, "endpointUrl");
        url->selectAll();
        QTest::keyClicks(url, QStringLiteral("jaeger.example.com:16686"));
        QVERIFY(problem->isHidden()); // editing clears the explanation
        QTest::keyClick(url, Qt::Key_Return);
        QCOMPARE(requests, 1);
        QCOMPARE(requested.name, QStringLiteral("Prod"));
        QCOMPARE(requested.baseUrl, QStringLiteral("jaeger.example.com:16686"));
        QCOMPARE(requested.normalizedUrl(), QStringLiteral("http://jaeger.example.com:16686"));
    }

    void editorShowsWhatTheEndpointHolds()
    {
        JaegerEndpointSettings first = endpoint(QStringLiteral("Local"), QStringLiteral("http://localhost:16686"));
        JaegerEndpointSettings second = endpoint(QStringLiteral("Prod"), QStringLiteral("https://prod/jaeger"));
        second.api = QStringLiteral("v3");
        second.auth = JaegerEndpointSettings::Auth::Basic;
        second.user = QStringLiteral("alice");
        second.password = QStringLiteral("pa55word");
        second.headers = { { QStringLiteral("X-Scope-OrgID"), QStringLiteral("tenant-1") } };
        second.timeoutSeconds = 12;
        second.verifyTls = false;
        JaegerConnectionForm form;
        form.setEndpoints({ first, second }, 1);
        // Loading the editor changes nothing.
        QCOMPARE(form.endpoints().size(), size_t(2));
        QVERIFY(form.endpoints()[0] == first);
        QVERIFY(form.endpoints()[1] == second);
        QCOMPARE(child<QLineEdit>(form, "endpointUser")->text(), QStringLiteral("alice"));
        QCOMPARE(child<QComboBox>(form, "endpointApi")->currentData().toString(), QStringLiteral("v3"));
        QCOMPARE(child<QSpinBox>(form, "endpointTimeout")->value(), 12);
        QCOMPARE(child<QTableWidget>(form, "endpointHeaders")->item(0, 1)->text(), QStringLiteral("tenant-1"));
        QCOMPARE(child<QLineEdit>(form, "endpointPassword")->echoMode(), QLineEdit::Password);

        // Renaming through the name field renames the list entry.
        int changes = 0;
        connect(&form, &JaegerConnectionForm::endpointsChanged, this, [&] { ++changes; });
        auto* name = child<QLineEdit>(form, "endpointName");
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("Staging"));
        QVERIFY(changes > 0);
        QCOMPARE(form.endpoints()[1].name, QStringLiteral("Staging"));
        QCOMPARE(child<QListWidget>(form, "endpointList")->item(1)->text(), QStringLiteral("Staging"));

        // Choosing another endpoint in the list loads it.
        child<QListWidget>(form, "endpointList")->setCurrentRow(0);
        QCOMPARE(form.currentEndpointIndex(), 0);
        QCOMPARE(name->text(), QStringLiteral("Local"));
        QCOMPARE(form.endpoints()[1].name, QStringLiteral("Staging"));
    }

    void addAndRemoveEndpoints()
    {
        JaegerConnectionForm form;
        form.setEndpoints({});
        QCOMPARE(form.endpoints().size(), size_t(1)); // a default to start from
        QCOMPARE(form.endpoints()[0].baseUrl, QStringLiteral("http://localhost:16686"));
        auto* remove = child<QPushButton>(form, "removeEndpoint");
        QVERIFY(!remove->isEnabled());
        child<QPushButton>(form, "addEndpoint")->click();
        child<QPushButton>(form, "addEndpoint")->click();
        QCOMPARE(form.endpoints().size(), size_t(3));
        QCOMPARE(form.currentEndpointIndex(), 2);
        QVERIFY(form.endpoints()[1].name != form.endpoints()[2].name);
        QVERIFY(form.endpoints()[1].id != form.endpoints()[2].id);
        QVERIFY(remove->isEnabled());
        remove->click();
        QCOMPARE(form.endpoints().size(), size_t(2));
        QCOMPARE(form.currentEndpointIndex(), 1);
        QCOMPARE(child<QListWidget>(form, "endpointList")->count(), 2);
    }

    void warningsFollowTheCheckboxes()
    {
        JaegerConnectionForm form;
        form.setSecretStorageDescription(QStringLiteral("/home/u/.config/skein/skein.conf"));
        form.show();
        auto* verify = child<QCheckBox>(form, "verifyTls");
        auto* tlsWarning = child<QLabel>(form, "tlsWarning");
        QVERIFY(verify->isChecked()); // on by default
        QVERIFY(!tlsWarning->isVisible());
        verify->setChecked(false);
        QVERIFY(tlsWarning->isVisible());
        QVERIFY(!form.endpoints()[0].verifyTls);

        auto* remember = child<QCheckBox>(form, "rememberSecret");
        auto* secretWarning = child<QLabel>(form, "secretWarning");
        QVERIFY(!remember->isVisible()); // no authentication, nothing to remember
        child<QComboBox>(form, "endpointAuth")->setCurrentIndex(1);
        QVERIFY(remember->isVisible());
        QVERIFY(child<QLineEdit>(form, "endpointToken")->isVisible());
        QVERIFY(!child<QLineEdit>(form, "endpointPassword")->isVisible());
        QVERIFY(!secretWarning->isVisible());
        remember->setChecked(true);
        QVERIFY(secretWarning->isVisible());
        QVERIFY(secretWarning->text().contains(QLatin1String("unencrypted")));
        QVERIFY(secretWarning->text().contains(QLatin1String("/home/u/.config/skein/skein.conf")));
    }

    void settingsRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        JaegerEndpointSettings session = endpoint(QStringLiteral("Session"), QStringLiteral("https://a/jaeger"));
        session.auth = JaegerEndpointSettings::Auth::BearerToken;
        session.token = QStringLiteral("s3cr3t-token");
        session.headers = { { QStringLiteral("X-Scope-OrgID"), QStringLiteral("tenant-1") },
            { QStringLiteral("X-Other"), QStringLiteral("a: b") } };
        session.api = QStringLiteral("v1");
        session.timeoutSeconds = 7;
        session.verifyTls = false;
        JaegerEndpointSettings remembered = endpoint(QStringLiteral("Remembered"), QStringLiteral("http://b:1"));
        remembered.auth = JaegerEndpointSettings::Auth::Basic;
        remembered.user = QStringLiteral("alice");
        remembered.password = QStringLiteral("pa55word");
        remembered.rememberSecret = true;
        {
            QSettings settings(path, QSettings::IniFormat);
            saveJaegerEndpoints(settings, { session, remembered });
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray raw = file.readAll();
        file.close();
        QVERIFY2(!raw.contains("s3cr3t"), raw.constData());
        QVERIFY(raw.contains("pa55word")); // asked for, under its own key
        QVERIFY(raw.contains("rememberedSecrets"));

        std::vector<JaegerEndpointSettings> loaded;
        {
            QSettings settings(path, QSettings::IniFormat);
            loaded = loadJaegerEndpoints(settings);
        }
        QCOMPARE(loaded.size(), size_t(2));
        JaegerEndpointSettings expected = session;
        expected.token.clear();
        QVERIFY(loaded[0] == expected);
        QVERIFY(loaded[1] == remembered);

        // No longer remembered: gone from the file.
        remembered.rememberSecret = false;
        {
            QSettings settings(path, QSettings::IniFormat);
            saveJaegerEndpoints(settings, { session, remembered });
        }
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("pa55word"));
    }

    void searchFieldsAreParsedOrExplained()
    {
        JaegerConnectionForm form;
        QVERIFY(!child<QPushButton>(form, "searchButton")->isEnabled()); // not connected
        form.setConnected(true, QStringLiteral("Connected"));
        form.setServices({ QStringLiteral("driver"), QStringLiteral("frontend") });
        QVERIFY(child<QPushButton>(form, "searchButton")->isEnabled());
        int searches = 0;
        JaegerSearchSettings requested;
        connect(&form, &JaegerConnectionForm::searchRequested, this, [&](const JaegerSearchSettings& search) {
            ++searches;
            requested = search;
        });
        child<QPushButton>(form, "searchButton")->click();
        QCOMPARE(searches, 0);
        QVERIFY(form.statusIsError());
        QVERIFY2(form.statusText().contains(QLatin1String("Choose a service")), qPrintable(form.statusText()));

        auto* service = child<QComboBox>(form, "service");
        service->setCurrentIndex(service->findData(QStringLiteral("frontend")));
        QCOMPARE(form.service(), QStringLiteral("frontend"));
        child<QLineEdit>(form, "tags")->setText(QStringLiteral("error"));
        child<QPushButton>(form, "searchButton")->click();
        QCOMPARE(searches, 0);
        QVERIFY2(form.statusText().startsWith(QLatin1String("Tags:")), qPrintable(form.statusText()));

        child<QLineEdit>(form, "tags")->setText(QStringLiteral("error=true http.route=\"/a b\""));
        child<QLineEdit>(form, "minDuration")->setText(QStringLiteral("2s"));
        child<QLineEdit>(form, "maxDuration")->setText(QStringLiteral("fast"));
        child<QPushButton>(form, "searchButton")->click();
        QVERIFY2(form.statusText().contains(QStringLiteral("“fast” is not a duration")), qPrintable(form.statusText()));
        child<QLineEdit>(form, "maxDuration")->setText(QStringLiteral("1s"));
        child<QPushButton>(form, "searchButton")->click();
        QVERIFY2(form.statusText().contains(QLatin1String("longer than the maximum")), qPrintable(form.statusText()));
        child<QLineEdit>(form, "maxDuration")->setText(QStringLiteral("3s"));

        form.setOperations(QStringLiteral("frontend"),
            { { QStringLiteral("HTTP GET /dispatch"), QStringLiteral("server") },
                { QStringLiteral("HTTP GET /customer"), QStringLiteral("client") } });
        form.setOperations(QStringLiteral("driver"), { { QStringLiteral("late"), QString() } }); // stale
        auto* operation = child<QComboBox>(form, "operation");
        QCOMPARE(operation->count(), 3);
        const int dispatch = operation->findData(QStringLiteral("HTTP GET /dispatch"));
        QVERIFY(operation->itemText(dispatch).contains(QLatin1String("server")));
        operation->setCurrentIndex(dispatch);
        auto* lookback = child<QComboBox>(form, "lookback");
        lookback->setCurrentIndex(lookback->findData(6 * 3600));
        child<QSpinBox>(form, "limit")->setValue(50);
        child<QPushButton>(form, "searchButton")->click();
        QCOMPARE(searches, 1);
        QCOMPARE(requested.service, QStringLiteral("frontend"));
        QCOMPARE(requested.operation, QStringLiteral("HTTP GET /dispatch"));
        QCOMPARE(requested.tags.size(), size_t(2));
        QCOMPARE(requested.tags[1].second, QStringLiteral("/a b"));
        QCOMPARE(requested.minDurationNs, std::optional<int64_t>(int64_t(2000000000)));
        QCOMPARE(requested.maxDurationNs, std::optional<int64_t>(int64_t(3000000000)));
        QCOMPARE(requested.lookbackNs, int64_t(6) * 3600 * 1000000000);
        QVERIFY(!requested.startNs && !requested.endNs);
        QCOMPARE(requested.limit, 50);

        // Another service starts from all of its operations.
        service->setCurrentIndex(service->findData(QStringLiteral("driver")));
        QCOMPARE(operation->count(), 1);
    }

    void resultsBecomeFetchRequests()
    {
        JaegerConnectionForm form;
        form.setConnected(true, QStringLiteral("Connected"));
        form.setSummaries(threeRows());
        QTableWidget* table = form.resultsTable();
        QCOMPARE(table->rowCount(), 3);
        // Newest first.
        QCOMPARE(table->item(0, JaegerConnectionForm::TraceIdColumn)->text(), hexC);
        QCOMPARE(table->item(0, JaegerConnectionForm::CachedColumn)->text(), QStringLiteral("yes"));
        QCOMPARE(table->item(1, JaegerConnectionForm::CachedColumn)->text(), QString());
        QCOMPARE(table->item(1, JaegerConnectionForm::RootColumn)->text(), QStringLiteral("frontend: POST /cart"));
        QCOMPARE(table->item(1, JaegerConnectionForm::ErrorsColumn)->text(), QStringLiteral("2"));

        auto* fetchSelected = child<QPushButton>(form, "fetchSelectedButton");
        QVERIFY(!fetchSelected->isEnabled());
        table->selectRow(1);
        table->setSelectionMode(QAbstractItemView::MultiSelection);
        table->selectRow(2);
        QVERIFY(fetchSelected->isEnabled());
        QStringList requested;
        connect(&form, &JaegerConnectionForm::fetchRequested, this, [&](const QStringList& ids) { requested = ids; });
        fetchSelected->click();
        QCOMPARE(requested, QStringList({ hexB, hexA }));

        form.markCached({ hexA });
        QCOMPARE(table->item(2, JaegerConnectionForm::CachedColumn)->text(), QStringLiteral("yes"));

        // By typed ids: validated and normalized.
        auto* ids = child<QLineEdit>(form, "traceIds");
        auto* fetchIds = child<QPushButton>(form, "fetchIdsButton");
        QVERIFY(!fetchIds->isEnabled());
        ids->setText(QStringLiteral("a, B zz"));
        requested.clear();
        fetchIds->click();
        QVERIFY(requested.isEmpty());
        QVERIFY2(form.statusText().contains(QStringLiteral("“zz” is not a trace ID")), qPrintable(form.statusText()));
        ids->setText(QStringLiteral("a, B,a"));
        fetchIds->click();
        QCOMPARE(requested, QStringList({ hexA, hexB }));
    }

    void busyDisablesAllButCancel()
    {
        JaegerConnectionForm form;
        form.setConnected(true, QStringLiteral("Connected"));
        form.setServices({ QStringLiteral("frontend") });
        auto* connectButton = child<QPushButton>(form, "connectButton");
        auto* search = child<QPushButton>(form, "searchButton");
        auto* cancel = child<QPushButton>(form, "cancelButton");
        QVERIFY(connectButton->isEnabled() && search->isEnabled() && !cancel->isEnabled());
        form.setBusy(true, QStringLiteral("Fetching"));
        QVERIFY(!connectButton->isEnabled() && !search->isEnabled() && cancel->isEnabled());
        QVERIFY(!child<QLineEdit>(form, "endpointUrl")->isEnabled());
        form.setProgress(1, 3, 2048, -1, 120);
        QVERIFY2(form.statusText().contains(QLatin1String("Response 2 of 3")), qPrintable(form.statusText()));
        QVERIFY2(form.statusText().contains(QLatin1String("120 span(s)")), qPrintable(form.statusText()));
        int cancels = 0;
        connect(&form, &JaegerConnectionForm::cancelRequested, this, [&] { ++cancels; });
        cancel->click();
        QCOMPARE(cancels, 1);
        form.setBusy(false);
        QVERIFY(connectButton->isEnabled() && search->isEnabled() && !cancel->isEnabled());
        form.setConnected(false);
        QVERIFY(!search->isEnabled());
        QCOMPARE(form.service(), QString());
    }
};

QTEST_MAIN(tst_JaegerConnectionForm)
#include "tst_jaegerconnectionform.moc"
