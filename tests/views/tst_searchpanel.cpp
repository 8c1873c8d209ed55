// SPDX-License-Identifier: MIT
// The Search tab over a real cache file of generated traces: the choices come from the cache, every
// search returns exactly what TraceStore::findTraces returns for the same filter, bad input is
// explained instead of searched, table and chart select together, and the panel is rendered to PNGs.
#include "demogenerator.h"
#include "fileimport.h"
#include "searchform.h"
#include "searchpanel.h"
#include "tracelistmodel.h"
#include "tracescatterchart.h"
#include "tracestore.h"

#include <QApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace skein;

namespace {

std::vector<TraceId> idsOf(const std::vector<TraceSummary>& traces)
{
    std::vector<TraceId> ids;
    for (const TraceSummary& trace : traces)
        ids.push_back(trace.traceId);
    return ids;
}

// The panel's rows in the store's order (newest first, the table's default sort).
std::vector<TraceId> idsOf(const TraceListModel& model)
{
    std::vector<TraceId> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.push_back(model.traceAt(row)->traceId);
    return ids;
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
    palette.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8d, 0x93));
    palette.setColor(QPalette::Mid, QColor(0x4a, 0x4d, 0x52));
    palette.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4d));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    return palette;
}

} // namespace

class SearchPanelTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_databasePath;
    std::unique_ptr<TraceStore> m_store;
    std::vector<TraceSummary> m_all;

    std::vector<TraceSummary> expected(TraceFilter filter) { return m_store->findTraces(filter); }

    // Waits for the panel's newest search to land.
    static bool waitForResults(SearchPanel& panel, QSignalSpy& spy, int emissions = 1)
    {
        return QTest::qWaitFor([&] { return spy.count() >= emissions && !panel.isSearching(); }, 20000);
    }

    static void typeAndSearch(QLineEdit* edit, const QString& text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    template <typename T> static T* field(SearchPanel& panel, const char* name)
    {
        T* widget = panel.findChild<T*>(QLatin1String(name));
        if (!widget)
            qWarning("no field %s", name);
        return widget;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SkeinTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_searchpanel"));
        QVERIFY(m_dir.isValid());
        m_databasePath = m_dir.filePath(QStringLiteral("cache.sqlite"));
        QString error;
        m_store = TraceStore::open(m_databasePath, &error);
        QVERIFY2(m_store, qPrintable(error));
        const QString demo = m_dir.filePath(QStringLiteral("demo.json"));
        QVERIFY2(writeDemoFile(DemoOptions { 2000, 0 }, DemoFormat::OtlpJson, demo, &error), qPrintable(error));
        QVERIFY(!importFile(*m_store, demo).report.rejected);
        TraceFilter all;
        all.limit = 0;
        m_all = m_store->findTraces(all);
        QVERIFY(m_all.size() >= 5);
    }

    void init()
    {
        QSettings().remove(QStringLiteral("search"));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }

    void servicesAndOperationsComeFromTheCache()
    {
        SearchPanel panel(m_databasePath);
        auto* service = field<QComboBox>(panel, "service");
        auto* operation = field<QComboBox>(panel, "operation");
        QVERIFY(service && operation);
        const QStringList services = m_store->services();
        QVERIFY(services.size() >= 3);
        QTRY_COMPARE_WITH_TIMEOUT(service->count(), int(services.size()) + 1, 20000);
        QCOMPARE(service->itemData(0).toString(), QString()); // "All services"
        for (int i = 0; i < services.size(); ++i)
            QCOMPARE(service->itemData(i + 1).toString(), services[i]);

        // Choosing a service refills the operations with its own.
        const QString chosen = services.last();
        service->setCurrentIndex(service->findData(chosen));
        const QStringList operations = m_store->operations(chosen);
        QVERIFY(!operations.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(operation->count(), int(operations.size()) + 1, 20000);
        for (int i = 0; i < operations.size(); ++i)
            QCOMPARE(operation->itemData(i + 1).toString(), operations[i]);
        QCOMPARE(operation->currentIndex(), 0);
        QCOMPARE(panel.currentFilter().service, chosen);
        QCOMPARE(panel.currentFilter().operation, QString());
    }

    void searchesNarrowExactlyLikeTheStore()
    {
        SearchPanel panel(m_databasePath);
        panel.resize(1100, 700);
        QSignalSpy results(&panel, &SearchPanel::resultsChanged);
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(idsOf(*panel.model()), idsOf(expected(TraceFilter {})));

        auto checkNarrowed = [&](const char* what) {
            const TraceFilter filter = panel.currentFilter();
            const std::vector<TraceSummary> want = expected(filter);
            QVERIFY2(!want.empty() && want.size() < std::min<size_t>(m_all.size(), 100), what);
            QCOMPARE(idsOf(*panel.model()), idsOf(want));
            QCOMPARE(results.last().first().toInt(), int(want.size()));
            QCOMPARE(panel.chart()->pointCount(), panel.model()->rowCount());
            QCOMPARE(field<QLabel>(panel, "status")->text(),
                want.size() == 1 ? QStringLiteral("1 trace") : QStringLiteral("%1 traces").arg(want.size()));
            // Logarithmic exactly when the durations spread over more than two orders of magnitude.
            const auto [shortest, longest] = std::minmax_element(want.begin(), want.end(),
                [](const TraceSummary& a, const TraceSummary& b) { return a.durationNs < b.durationNs; });
            QCOMPARE(panel.chart()->isLogScale(),
                want.size() > 1
                    && double(longest->durationNs) / double(std::max<int64_t>(shortest->durationNs, 1)) > 100);
        };

        // By service: one that only some traces reach.
        auto* service = field<QComboBox>(panel, "service");
        QTRY_VERIFY_WITH_TIMEOUT(service->count() > 1, 20000);
        QString narrowService;
        for (const QString& name : m_store->services()) {
            TraceFilter filter;
            filter.service = name;
            const size_t count = expected(filter).size();
            if (count > 0 && count < m_all.size())
                narrowService = name;
        }
        QVERIFY(!narrowService.isEmpty());
        service->setCurrentIndex(service->findData(narrowService));
        results.clear();
        QTest::keyClick(service, Qt::Key_Return);
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(panel.currentFilter().service, narrowService);
        checkNarrowed("service");
        service->setCurrentIndex(0);

        // By minimum duration: the median, typed as text.
        std::vector<int64_t> durations;
        for (const TraceSummary& trace : m_all)
            durations.push_back(trace.durationNs);
        std::sort(durations.begin(), durations.end());
        const int64_t median = durations[durations.size() / 2];
        results.clear();
        typeAndSearch(field<QLineEdit>(panel, "minDuration"),
            QString::number(double(median) / 1e6, 'f', 3) + QStringLiteral("ms"));
        QVERIFY(waitForResults(panel, results));
        QVERIFY(panel.currentFilter().minDurationNs.has_value());
        QVERIFY(std::abs(*panel.currentFilter().minDurationNs - median) < 1000);
        checkNarrowed("min duration");
        for (int row = 0; row < panel.model()->rowCount(); ++row)
            QVERIFY(panel.model()->traceAt(row)->durationNs >= *panel.currentFilter().minDurationNs);
        field<QLineEdit>(panel, "minDuration")->clear();

        // By tag: a span attribute that only some traces have, preferably with a space (quoting).
        std::optional<std::pair<QString, QString>> tag;
        for (const TraceSummary& trace : m_all) {
            for (const SpanRecord& span : m_store->loadTrace(trace.traceId)) {
                for (const Attribute& attribute : span.attributes) {
                    const QString key = QString::fromStdString(attribute.key);
                    const QString value = QString::fromStdString(attribute.value.toText());
                    if (value.isEmpty() || value.size() > 40)
                        continue;
                    TraceFilter filter;
                    filter.tags = { { key, value } };
                    const size_t count = expected(filter).size();
                    if (count == 0 || count >= m_all.size())
                        continue;
                    if (!tag || (value.contains(u' ') && !tag->second.contains(u' ')))
                        tag = std::pair { key, value };
                }
            }
            if (tag && tag->second.contains(u' '))
                break;
        }
        QVERIFY(tag);
        results.clear();
        typeAndSearch(field<QLineEdit>(panel, "tags"), formatTagFilters({ *tag }));
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(panel.currentFilter().tags.size(), size_t(1));
        QCOMPARE(panel.currentFilter().tags[0], *tag);
        checkNarrowed("tag");

        // The limit caps the rows and says so.
        field<QLineEdit>(panel, "tags")->clear();
        auto* limit = field<QSpinBox>(panel, "limit");
        limit->setValue(3);
        results.clear();
        QTest::keyClick(limit, Qt::Key_Return);
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(idsOf(*panel.model()), idsOf(expected(panel.currentFilter())));
        QVERIFY(field<QLabel>(panel, "status")->text().contains(QStringLiteral("limit")));
    }

    void noMatchSaysSo()
    {
        SearchPanel panel(m_databasePath);
        QSignalSpy results(&panel, &SearchPanel::resultsChanged);
        TraceFilter filter;
        filter.minDurationNs = 3600LL * 1000000000LL * 24 * 365;
        panel.setFilter(filter);
        panel.search();
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(results.last().first().toInt(), 0);
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.chart()->pointCount(), 0);
        QCOMPARE(field<QLabel>(panel, "status")->text(), QStringLiteral("No traces match"));
    }

    void invalidDurationIsExplainedAndNotSearched_data()
    {
        QTest::addColumn<QString>("minText");
        QTest::addColumn<QString>("maxText");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not a duration") << QStringLiteral("fast") << QString() << QStringLiteral("fast");
        QTest::newRow("unknown unit") << QString() << QStringLiteral("2 parsecs") << QStringLiteral("2 parsecs");
        QTest::newRow("min above max") << QStringLiteral("2s") << QStringLiteral("1ms") << QStringLiteral("minimum");
    }

    void invalidDurationIsExplainedAndNotSearched()
    {
        QFETCH(QString, minText);
        QFETCH(QString, maxText);
        QFETCH(QString, mentions);
        SearchPanel panel(m_databasePath);
        panel.show();
        QSignalSpy results(&panel, &SearchPanel::resultsChanged);
        QVERIFY(waitForResults(panel, results));
        const int rowsBefore = panel.model()->rowCount();
        results.clear();

        field<QLineEdit>(panel, "minDuration")->setText(minText);
        field<QLineEdit>(panel, "maxDuration")->setText(maxText);
        QTest::keyClick(field<QLineEdit>(panel, minText.isEmpty() ? "maxDuration" : "minDuration"), Qt::Key_Return);
        QVERIFY(!panel.isSearching());
        auto* problem = field<QLabel>(panel, "problem");
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(mentions), qPrintable(problem->text()));
        QVERIFY(!panel.inputProblem().isEmpty());
        QTest::qWait(300);
        QCOMPARE(results.count(), 0);
        QCOMPARE(panel.model()->rowCount(), rowsBefore);

        // Fixing the input searches again and clears the explanation.
        field<QLineEdit>(panel, "minDuration")->setText(QStringLiteral("1us"));
        field<QLineEdit>(panel, "maxDuration")->clear();
        panel.search();
        QVERIFY(waitForResults(panel, results));
        QVERIFY(!problem->isVisible());
        QVERIFY(panel.inputProblem().isEmpty());
    }

    void badTagsAreExplained_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("no equals") << QStringLiteral("error");
        QTest::newRow("no key") << QStringLiteral("=true");
        QTest::newRow("no value") << QStringLiteral("error=");
        QTest::newRow("open quote") << QStringLiteral("http.route=\"/cart");
    }

    void badTagsAreExplained()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!parseTagFilters(text, &error));
        QVERIFY(!error.isEmpty());
        SearchPanel panel(m_databasePath);
        field<QLineEdit>(panel, "tags")->setText(text);
        QVERIFY(panel.inputProblem().startsWith(QStringLiteral("Tags:")));
        QVERIFY(panel.currentFilter().tags.empty());
    }

    void tagsParseQuotedValues()
    {
        const auto tags
            = parseTagFilters(u"  http.status_code=500 error=true route=\"/a b\" q='it''s' x=\"say \\\"hi\\\"\"");
        QVERIFY(!tags);
        const auto good
            = parseTagFilters(u"  http.status_code=500 error=true route=\"/a b\" x=\"say \\\"hi\\\"\" e=\"\"");
        QVERIFY(good);
        const TagFilters want { { QStringLiteral("http.status_code"), QStringLiteral("500") },
            { QStringLiteral("error"), QStringLiteral("true") }, { QStringLiteral("route"), QStringLiteral("/a b") },
            { QStringLiteral("x"), QStringLiteral("say \"hi\"") }, { QStringLiteral("e"), QString() } };
        QCOMPARE(*good, want);
        QCOMPARE(*parseTagFilters(formatTagFilters(want)), want);
    }

    void newestSearchWins()
    {
        SearchPanel panel(m_databasePath);
        QSignalSpy results(&panel, &SearchPanel::resultsChanged);
        QVERIFY(waitForResults(panel, results));
        results.clear();
        TraceFilter first;
        first.service = m_store->services().first();
        TraceFilter second;
        second.limit = 2;
        panel.setFilter(first);
        panel.search();
        panel.setFilter(second);
        panel.search();
        QVERIFY(waitForResults(panel, results));
        QTest::qWait(300); // past the moment a slow search says "Searching…"
        QCOMPARE(results.count(), 1); // the first search's answer was dropped
        QCOMPARE(idsOf(*panel.model()), idsOf(expected(second)));
        const QLabel* status = panel.findChild<QLabel*>(QStringLiteral("status"));
        QVERIFY(status);
        QVERIFY2(status->text().startsWith(QLatin1String("2 traces")), qPrintable(status->text()));
    }

    void setFilterRoundTripsAndIsRemembered()
    {
        TraceFilter filter;
        filter.service = m_store->services().first();
        filter.operation = QStringLiteral("GET /not-cached");
        filter.tags = { { QStringLiteral("http.route"), QStringLiteral("/cart items") },
            { QStringLiteral("error"), QStringLiteral("true") } };
        filter.minDurationNs = 1500000;
        filter.maxDurationNs = 2000000000;
        filter.limit = 42;
        auto same = [](const TraceFilter& a, const TraceFilter& b) {
            return a.service == b.service && a.operation == b.operation && a.tags == b.tags
                && a.minDurationNs == b.minDurationNs && a.maxDurationNs == b.maxDurationNs && a.limit == b.limit
                && a.startFromNs == b.startFromNs && a.startToNs == b.startToNs;
        };
        {
            SearchPanel panel(m_databasePath);
            QSignalSpy results(&panel, &SearchPanel::resultsChanged);
            panel.setFilter(filter);
            QVERIFY(same(panel.currentFilter(), filter));
            panel.search();
            QVERIFY(waitForResults(panel, results));
            // A value the cache does not hold stays chosen after the lists arrive.
            QTest::qWait(200);
            QVERIFY(same(panel.currentFilter(), filter));
            QCOMPARE(panel.model()->rowCount(), 0);
        }
        SearchPanel restored(m_databasePath);
        QVERIFY(same(restored.currentFilter(), filter));
    }

    void customRangeFilters()
    {
        SearchPanel panel(m_databasePath);
        QSignalSpy results(&panel, &SearchPanel::resultsChanged);
        std::vector<int64_t> starts;
        for (const TraceSummary& trace : m_all)
            starts.push_back(trace.startNs);
        std::sort(starts.begin(), starts.end());
        TraceFilter filter;
        filter.startFromNs = starts[1] / 1000000000 * 1000000000;
        filter.startToNs = starts[starts.size() - 2] / 1000000000 * 1000000000 - 1;
        panel.setFilter(filter);
        QCOMPARE(field<QComboBox>(panel, "lookback")->currentData().toInt(), -1);
        panel.search();
        QVERIFY(waitForResults(panel, results));
        const TraceFilter used = panel.currentFilter();
        QVERIFY(used.startFromNs && used.startToNs);
        QCOMPARE(idsOf(*panel.model()), idsOf(expected(used)));
        QVERIFY(panel.model()->rowCount() < int(m_all.size()));
        QVERIFY(panel.model()->rowCount() > 0);

        // "Last hour" counts back from now; the demo traces are from 2026-11-01.
        auto* lookback = field<QComboBox>(panel, "lookback");
        lookback->setCurrentIndex(lookback->findData(3600));
        results.clear();
        panel.search();
        QVERIFY(waitForResults(panel, results));
        QVERIFY(panel.currentFilter().startFromNs.has_value());
        QCOMPARE(idsOf(*panel.model()), idsOf(expected(panel.currentFilter())));
    }

    void tableAndChartSelectTogetherAndOpenTraces()
    {
        SearchPanel panel(m_databasePath);
        // Before the event loop runs: the first search starts from it and may end while the window is exposed.
        QSignalSpy results(&panel, &SearchPanel::resultsChanged);
        QSignalSpy opened(&panel, &SearchPanel::openTraceRequested);
        panel.resize(1200, 760);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(waitForResults(panel, results));
        TraceScatterChart* chart = panel.chart();
        QCOMPARE(chart->pointCount(), panel.model()->rowCount());
        int errorRows = 0;
        for (int row = 0; row < panel.model()->rowCount(); ++row)
            errorRows += panel.model()->traceAt(row)->errorCount > 0 ? 1 : 0;
        QCOMPARE(chart->errorPointCount(), errorRows);

        // Clicking a row selects its dot; Enter opens it.
        QTableView* table = panel.table();
        const int row = 2;
        const TraceId rowTrace = panel.model()->traceAt(row)->traceId;
        const QRect rowRect = table->visualRect(panel.model()->index(row, TraceListModel::RootColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowRect.center());
        QCOMPARE(panel.selectedTrace(), std::optional(rowTrace));
        QCOMPARE(chart->selectedTrace(), std::optional(rowTrace));
        QCOMPARE(opened.count(), 0);
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.last().first().value<TraceId>(), rowTrace);

        // Double-clicking another row opens that one.
        const TraceId otherTrace = panel.model()->traceAt(0)->traceId;
        const QRect otherRect = table->visualRect(panel.model()->index(0, TraceListModel::DurationColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, otherRect.center());
        QCOMPARE(opened.count(), 1);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, otherRect.center());
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(opened.last().first().value<TraceId>(), otherTrace);

        // Clicking a dot (one with no neighbour close by) selects its row and opens its trace.
        std::optional<TraceId> lonely;
        for (int candidate = 0; candidate < panel.model()->rowCount() && !lonely; ++candidate) {
            const TraceId id = panel.model()->traceAt(candidate)->traceId;
            const QPoint at = *chart->viewportPositionOf(id);
            bool crowded = false;
            for (int other = 0; other < panel.model()->rowCount(); ++other) {
                if (other != candidate)
                    crowded
                        |= (*chart->viewportPositionOf(panel.model()->traceAt(other)->traceId) - at).manhattanLength()
                        < 14;
            }
            if (!crowded && id != rowTrace && id != otherTrace)
                lonely = id;
        }
        QVERIFY(lonely);
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, *chart->viewportPositionOf(*lonely));
        QTRY_COMPARE(opened.count(), 3);
        QCOMPARE(opened.last().first().value<TraceId>(), *lonely);
        QCOMPARE(panel.selectedTrace(), lonely);
        QCOMPARE(chart->selectedTrace(), lonely);

        // The selection survives a new search that still finds the trace.
        results.clear();
        panel.refresh();
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(panel.selectedTrace(), lonely);
    }

    void refreshShowsNewlyImportedTraces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("refresh.sqlite"));
        QString error;
        auto store = TraceStore::open(path, &error);
        QVERIFY(store);
        const QString first = dir.filePath(QStringLiteral("first.json"));
        QVERIFY(writeDemoFile(DemoOptions { 600, 3 }, DemoFormat::OtlpJson, first, &error));
        QVERIFY(!importFile(*store, first).report.rejected);

        SearchPanel panel(path);
        QSignalSpy results(&panel, &SearchPanel::resultsChanged);
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(panel.model()->rowCount(), 3);

        const QString second = dir.filePath(QStringLiteral("second.json"));
        QVERIFY(writeDemoFile(DemoOptions { 600, 2, 7, defaultDemoStartNs + 86400LL * 1000000000LL },
            DemoFormat::OtlpJson, second, &error));
        QVERIFY(!importFile(*store, second).report.rejected);
        results.clear();
        panel.refresh();
        QVERIFY(waitForResults(panel, results));
        QCOMPARE(panel.model()->rowCount(), 5);
        QTRY_COMPARE_WITH_TIMEOUT(
            panel.findChild<QComboBox*>(QStringLiteral("service"))->count(), int(store->services().size()) + 1, 30000);
    }

    void renders_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("customRange");
        QTest::newRow("light") << false << QSize(1280, 760) << false;
        QTest::newRow("dark") << true << QSize(1280, 760) << false;
        QTest::newRow("small") << false << QSize(900, 560) << true;
    }

    void renders()
    {
        QFETCH(bool, dark);
        QFETCH(QSize, size);
        QFETCH(bool, customRange);
        // More traces than the other tests use, so that the picture shows a realistic crowd with errors.
        const QString path = m_dir.filePath(QStringLiteral("render.sqlite"));
        if (!QFileInfo::exists(path)) {
            QString error;
            auto store = TraceStore::open(path, &error);
            QVERIFY(store);
            const QString demo = m_dir.filePath(QStringLiteral("render.json"));
            QVERIFY(writeDemoFile(DemoOptions { 40000, 0, 3 }, DemoFormat::OtlpJson, demo, &error));
            QVERIFY(!importFile(*store, demo).report.rejected);
        }
        if (dark)
            QApplication::setPalette(darkPalette());
        SearchPanel panel(path);
        QSignalSpy results(&panel, &SearchPanel::resultsChanged); // before the first search can end
        panel.resize(size);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(waitForResults(panel, results));
        if (customRange) {
            auto* lookback = field<QComboBox>(panel, "lookback");
            lookback->setCurrentIndex(lookback->findData(-1));
        }
        QTRY_VERIFY_WITH_TIMEOUT(panel.findChild<QComboBox*>(QStringLiteral("service"))->count() > 1, 20000);
        QVERIFY(panel.chart()->isLogScale()); // 1ms to seconds
        panel.selectTrace(panel.model()->traceAt(1)->traceId);
        field<QLineEdit>(panel, "tags")->setText(QStringLiteral("http.response.status_code=500 error=true"));
        field<QLineEdit>(panel, "maxDuration")->setText(QStringLiteral("soon"));
        panel.search(); // invalid: shows the explanation, keeps the results
        QTest::qWait(100);
        QDir().mkpath(QStringLiteral("/tmp/skein"));
        const QString png
            = QStringLiteral("/tmp/skein/searchpanel-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()));
        const QImage image = panel.grab().toImage();
        QVERIFY(image.save(png));
        // The table's background follows the palette.
        const QColor base = QApplication::palette().color(QPalette::Base);
        QTableView* table = panel.table();
        const QPoint belowRows
            = table->viewport()->mapTo(&panel, QPoint(table->viewport()->width() / 2, table->viewport()->height() - 3));
        if (table->rowAt(table->viewport()->height() - 3) < 0)
            QCOMPARE(image.pixelColor(belowRows * image.devicePixelRatio()).lightness() < 128, base.lightness() < 128);
    }
};

QTEST_MAIN(SearchPanelTest)
#include "tst_searchpanel.moc"
