// SPDX-License-Identifier: MIT
#pragma once

#include "tracestore.h"

#include <QAbstractTableModel>

#include <vector>

namespace skein {

// The cached traces as a table: one immutable list handed over from a worker at a time. Sorts itself
// (sort()), and also offers SortRole for a QSortFilterProxyModel.
class TraceListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        StartColumn,
        RootColumn,
        DurationColumn,
        SpansColumn,
        ErrorsColumn,
        ServicesColumn,
        TraceIdColumn,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole + 1,
        TraceIdRole, // 32 hex characters
        ServicesRole, // QStringList of the trace's services
        HasErrorsRole, // bool
    };

    explicit TraceListModel(QObject* parent = nullptr);

    // Replaces the list, keeping the current sort order.
    void setTraces(std::vector<TraceSummary> traces);
    const TraceSummary* traceAt(int row) const;
    int rowOf(const TraceId& traceId) const; // -1 when not listed

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void sortTraces();

    std::vector<TraceSummary> m_traces;
    int m_sortColumn = -1; // -1: the order setTraces() was given
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace skein
