// SPDX-License-Identifier: MIT
#include "tracelistmodel.h"

#include "durationtext.h"
#include "servicepalette.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QGuiApplication>

#include <algorithm>

namespace skein {

namespace {

QString rootText(const TraceSummary& trace)
{
    if (trace.rootService.isEmpty())
        return trace.rootOperation;
    return trace.rootService + QStringLiteral(": ") + trace.rootOperation;
}

// Ties fall back to the start time and the trace id, so that equal keys keep a stable, meaningful order.
bool lessThan(const TraceSummary& a, const TraceSummary& b, int column)
{
    auto tieBreak = [&] { return std::tie(a.startNs, a.traceId) < std::tie(b.startNs, b.traceId); };
    auto byKey = [&](const auto& left, const auto& right) { return left != right ? left < right : tieBreak(); };
    switch (column) {
    case TraceListModel::StartColumn:
        return tieBreak();
    case TraceListModel::RootColumn: {
        const int order = QString::localeAwareCompare(rootText(a), rootText(b));
        return order != 0 ? order < 0 : tieBreak();
    }
    case TraceListModel::DurationColumn:
        return byKey(a.durationNs, b.durationNs);
    case TraceListModel::SpansColumn:
        return byKey(a.spanCount, b.spanCount);
    case TraceListModel::ErrorsColumn:
        return byKey(a.errorCount, b.errorCount);
    case TraceListModel::ServicesColumn:
        return byKey(a.services.size(), b.services.size());
    case TraceListModel::TraceIdColumn:
        return a.traceId < b.traceId;
    default:
        return tieBreak();
    }
}

} // namespace

TraceListModel::TraceListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TraceListModel::setTraces(std::vector<TraceSummary> traces)
{
    beginResetModel();
    m_traces = std::move(traces);
    sortTraces();
    endResetModel();
}

const TraceSummary* TraceListModel::traceAt(int row) const
{
    if (row < 0 || size_t(row) >= m_traces.size())
        return nullptr;
    return &m_traces[size_t(row)];
}

int TraceListModel::rowOf(const TraceId& traceId) const
{
    const auto found
        = std::find_if(m_traces.begin(), m_traces.end(), [&](const TraceSummary& t) { return t.traceId == traceId; });
    return found == m_traces.end() ? -1 : int(found - m_traces.begin());
}

int TraceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_traces.size());
}

int TraceListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceListModel::data(const QModelIndex& index, int role) const
{
    const TraceSummary* trace = traceAt(index.row());
    if (!trace || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case TraceIdRole:
        return QString::fromStdString(trace->traceId.toHex());
    case ServicesRole:
        return trace->services;
    case HasErrorsRole:
        return trace->errorCount > 0;
    case SortRole:
        switch (index.column()) {
        case StartColumn:
            return qlonglong(trace->startNs);
        case DurationColumn:
            return qlonglong(trace->durationNs);
        case SpansColumn:
            return qlonglong(trace->spanCount);
        case ErrorsColumn:
            return qlonglong(trace->errorCount);
        case ServicesColumn:
            return int(trace->services.size());
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case DurationColumn:
        case SpansColumn:
        case ErrorsColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole:
        if (index.column() == ErrorsColumn && trace->errorCount > 0)
            return QBrush(ServicePalette::errorColor(QGuiApplication::palette()));
        return {};
    case Qt::FontRole:
        if (index.column() == ErrorsColumn && trace->errorCount > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == RootColumn)
            return ServicePalette::colorFor(trace->rootService, QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StartColumn:
            return formatTimestamp(trace->startNs);
        case ServicesColumn:
            return trace->services.join(QStringLiteral(", "));
        case ErrorsColumn:
            if (trace->errorCount == 0)
                return {};
            return trace->errorCount == 1 ? tr("1 span with an error")
                                          : tr("%1 spans with errors").arg(trace->errorCount);
        case RootColumn:
            return rootText(*trace);
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case StartColumn:
            return QDateTime::fromMSecsSinceEpoch(trace->startNs / 1000000)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        case RootColumn:
            return rootText(*trace);
        case DurationColumn:
            return formatDuration(trace->durationNs);
        case SpansColumn:
            return qlonglong(trace->spanCount);
        case ErrorsColumn:
            return trace->errorCount > 0 ? QVariant(qlonglong(trace->errorCount)) : QVariant(QString());
        case ServicesColumn:
            return trace->services.join(QStringLiteral(", "));
        case TraceIdColumn:
            return QString::fromStdString(trace->traceId.toHex());
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant TraceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = section == DurationColumn || section == SpansColumn || section == ErrorsColumn;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartColumn:
        return tr("Start");
    case RootColumn:
        return tr("Root span");
    case DurationColumn:
        return tr("Duration");
    case SpansColumn:
        return tr("Spans");
    case ErrorsColumn:
        return tr("Errors");
    case ServicesColumn:
        return tr("Services");
    case TraceIdColumn:
        return tr("Trace ID");
    default:
        return {};
    }
}

void TraceListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<TraceId> idsBefore;
    idsBefore.reserve(size_t(before.size()));
    for (const QModelIndex& index : before)
        idsBefore.push_back(m_traces[size_t(index.row())].traceId);

    m_sortColumn = column;
    m_sortOrder = order;
    sortTraces();

    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(index(rowOf(idsBefore[size_t(i)]), before[i].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void TraceListModel::sortTraces()
{
    if (m_sortColumn < 0)
        return;
    const int column = m_sortColumn;
    if (m_sortOrder == Qt::AscendingOrder)
        std::stable_sort(m_traces.begin(), m_traces.end(),
            [column](const TraceSummary& a, const TraceSummary& b) { return lessThan(a, b, column); });
    else
        std::stable_sort(m_traces.begin(), m_traces.end(),
            [column](const TraceSummary& a, const TraceSummary& b) { return lessThan(b, a, column); });
}

} // namespace skein
