// SPDX-License-Identifier: MIT
#pragma once

#include "tracestore.h"

#include <QAbstractTableModel>

#include <vector>

namespace skein {

// The cached traces as a table: one immutable list handed over from a worker at a time.
class TraceListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StartColumn, RootColumn, DurationColumn, SpansColumn, ErrorsColumn, ServicesColumn, TraceIdColumn, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, TraceIdRole };

    explicit TraceListModel(QObject* parent = nullptr);

    void setTraces(std::vector<TraceSummary> traces);
    const TraceSummary* traceAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<TraceSummary> m_traces;
};

} // namespace skein
