// SPDX-License-Identifier: MIT
#include "tracelistmodel.h"

#include "durationtext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace skein {

TraceListModel::TraceListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TraceListModel::setTraces(std::vector<TraceSummary> traces)
{
    beginResetModel();
    m_traces = std::move(traces);
    endResetModel();
}

const TraceSummary* TraceListModel::traceAt(int row) const
{
    if (row < 0 || size_t(row) >= m_traces.size())
        return nullptr;
    return &m_traces[size_t(row)];
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
    if (role == TraceIdRole)
        return QString::fromStdString(trace->traceId.toHex());
    if (role == SortRole) {
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
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case DurationColumn:
        case SpansColumn:
        case ErrorsColumn:
        case ServicesColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ErrorsColumn && trace->errorCount > 0)
        return QBrush(QColor(0xc6, 0x28, 0x28));
    if (role == Qt::ToolTipRole && index.column() == ServicesColumn)
        return trace->services.join(QStringLiteral(", "));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case StartColumn:
        return QDateTime::fromMSecsSinceEpoch(trace->startNs / 1000000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case RootColumn:
        return trace->rootService.isEmpty() ? trace->rootOperation : trace->rootService + QStringLiteral(": ") + trace->rootOperation;
    case DurationColumn:
        return formatDuration(trace->durationNs);
    case SpansColumn:
        return qlonglong(trace->spanCount);
    case ErrorsColumn:
        return trace->errorCount > 0 ? QVariant(qlonglong(trace->errorCount)) : QVariant(QString());
    case ServicesColumn:
        return int(trace->services.size());
    case TraceIdColumn:
        return QString::fromStdString(trace->traceId.toHex());
    default:
        return {};
    }
}

QVariant TraceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
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

} // namespace skein
