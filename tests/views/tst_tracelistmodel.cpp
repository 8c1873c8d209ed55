// SPDX-License-Identifier: MIT
// The trace table model over real search results from a cache file: columns and roles, sorting (with
// the selection following its trace), and the error colour.
#include "demogenerator.h"
#include "durationtext.h"
#include "fileimport.h"
#include "servicepalette.h"
#include "tracelistmodel.h"
#include "tracestore.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPersistentModelIndex>
#include <QTemporaryDir>
#include <QTest>

using namespace skein;

class TraceListModelTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<TraceSummary> m_traces;

    int64_t sortKey(const TraceListModel& model, int row, int column) const
    {
        return model.index(row, column).data(TraceListModel::SortRole).toLongLong();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        auto store = TraceStore::open(m_dir.filePath(QStringLiteral("cache.sqlite")), &error);
        QVERIFY2(store, qPrintable(error));
        const QString demo = m_dir.filePath(QStringLiteral("demo.json"));
        QVERIFY2(writeDemoFile(DemoOptions { 2000, 0 }, DemoFormat::OtlpJson, demo, &error), qPrintable(error));
        const ImportOutcome outcome = importFile(*store, demo);
        QVERIFY(!outcome.report.rejected);
        TraceFilter all;
        all.limit = 0;
        m_traces = store->findTraces(all);
        QVERIFY(m_traces.size() >= 5);
        // Make sure both kinds of rows exist, whatever the generator's dice said.
        m_traces[1].errorCount = 3;
        m_traces[2].errorCount = 0;
    }

    void columnsAndRoles()
    {
        TraceListModel model;
        model.setTraces(m_traces);
        QCOMPARE(model.rowCount(), int(m_traces.size()));
        QCOMPARE(model.columnCount(), int(TraceListModel::ColumnCount));
        for (int column = 0; column < model.columnCount(); ++column)
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());

        const TraceSummary& trace = m_traces[1];
        auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(1, column).data(role); };
        QCOMPARE(cell(TraceListModel::DurationColumn).toString(), formatDuration(trace.durationNs));
        QCOMPARE(cell(TraceListModel::RootColumn).toString(),
            trace.rootService + QStringLiteral(": ") + trace.rootOperation);
        QCOMPARE(cell(TraceListModel::SpansColumn).toLongLong(), trace.spanCount);
        QCOMPARE(cell(TraceListModel::ErrorsColumn).toLongLong(), 3);
        QCOMPARE(cell(TraceListModel::ServicesColumn).toString(), trace.services.join(QStringLiteral(", ")));
        QCOMPARE(cell(TraceListModel::StartColumn, TraceListModel::ServicesRole).toStringList(), trace.services);
        QCOMPARE(cell(TraceListModel::StartColumn, TraceListModel::TraceIdRole).toString(),
            QString::fromStdString(trace.traceId.toHex()));
        QCOMPARE(cell(TraceListModel::TraceIdColumn).toString(), QString::fromStdString(trace.traceId.toHex()));
        QCOMPARE(cell(TraceListModel::StartColumn, TraceListModel::HasErrorsRole).toBool(), true);
        QCOMPARE(cell(TraceListModel::StartColumn, TraceListModel::SortRole).toLongLong(), trace.startNs);
        // The root column carries its service's colour as a swatch.
        QCOMPARE(cell(TraceListModel::RootColumn, Qt::DecorationRole).value<QColor>(),
            ServicePalette::colorFor(trace.rootService, QGuiApplication::palette()));
        // No errors: an empty cell rather than a zero.
        QCOMPARE(model.index(2, TraceListModel::ErrorsColumn).data().toString(), QString());
        QCOMPARE(model.rowOf(m_traces[3].traceId), 3);
        QCOMPARE(model.rowOf(TraceId { 1, 2 }), -1);
        QVERIFY(!model.traceAt(model.rowCount()));
    }

    void errorCountIsRed()
    {
        TraceListModel model;
        model.setTraces(m_traces);
        const QVariant withErrors = model.index(1, TraceListModel::ErrorsColumn).data(Qt::ForegroundRole);
        QVERIFY(withErrors.canConvert<QBrush>());
        QCOMPARE(withErrors.value<QBrush>().color(), ServicePalette::errorColor(QGuiApplication::palette()));
        QVERIFY(model.index(1, TraceListModel::ErrorsColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(2, TraceListModel::ErrorsColumn).data(Qt::ForegroundRole).isValid());
        QVERIFY(!model.index(1, TraceListModel::DurationColumn).data(Qt::ForegroundRole).isValid());
    }

    void sortsByColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::newRow("duration ascending") << int(TraceListModel::DurationColumn) << Qt::AscendingOrder;
        QTest::newRow("duration descending") << int(TraceListModel::DurationColumn) << Qt::DescendingOrder;
        QTest::newRow("start ascending") << int(TraceListModel::StartColumn) << Qt::AscendingOrder;
        QTest::newRow("start descending") << int(TraceListModel::StartColumn) << Qt::DescendingOrder;
        QTest::newRow("spans descending") << int(TraceListModel::SpansColumn) << Qt::DescendingOrder;
    }

    void sortsByColumn()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        TraceListModel model;
        model.setTraces(m_traces);
        model.sort(column, order);
        QCOMPARE(model.rowCount(), int(m_traces.size()));
        bool anyChange = false;
        for (int row = 1; row < model.rowCount(); ++row) {
            const int64_t previous = sortKey(model, row - 1, column);
            const int64_t current = sortKey(model, row, column);
            QVERIFY2(order == Qt::AscendingOrder ? previous <= current : previous >= current,
                qPrintable(QStringLiteral("row %1: %2 then %3").arg(row).arg(previous).arg(current)));
            anyChange |= previous != current;
        }
        QVERIFY(anyChange); // the data can tell a wrong order from a right one
        // New results keep the chosen order.
        std::vector<TraceSummary> reversed(m_traces.rbegin(), m_traces.rend());
        model.setTraces(reversed);
        for (int row = 1; row < model.rowCount(); ++row) {
            const int64_t previous = sortKey(model, row - 1, column);
            const int64_t current = sortKey(model, row, column);
            QVERIFY(order == Qt::AscendingOrder ? previous <= current : previous >= current);
        }
    }

    void persistentIndexFollowsItsTraceWhenSorting()
    {
        TraceListModel model;
        model.setTraces(m_traces);
        model.sort(TraceListModel::StartColumn, Qt::DescendingOrder);
        const TraceId shortest = std::min_element(m_traces.begin(), m_traces.end(), [](const auto& a, const auto& b) {
            return a.durationNs < b.durationNs;
        })->traceId;
        const QPersistentModelIndex kept = model.index(model.rowOf(shortest), TraceListModel::RootColumn);
        model.sort(TraceListModel::DurationColumn, Qt::AscendingOrder);
        QCOMPARE(kept.row(), 0);
        QCOMPARE(kept.column(), int(TraceListModel::RootColumn));
        QCOMPARE(model.traceAt(kept.row())->traceId, shortest);
    }
};

QTEST_MAIN(TraceListModelTest)
#include "tst_tracelistmodel.moc"
