// SPDX-License-Identifier: MIT
// Typed span, resource, scope or link attributes as a three-column table (key, value, type) that sorts
// numbers as numbers and text without regard to case.
#pragma once

#include "span.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPalette>

#include <vector>

namespace skein {

class AttributeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Roles { KeyRole = Qt::UserRole + 1, ValueTextRole };

    explicit AttributeTableModel(QObject* parent = nullptr);

    void setAttributes(Attributes attributes);
    const Attributes& attributes() const { return m_attributes; }
    // The attribute shown in a row (after sorting).
    const Attribute& attributeAt(int row) const;

    // What "Copy value" puts on the clipboard: the values of the given rows, one per line, in row order.
    QString valuesText(QList<int> rows) const;
    // "key=value" lines, for copying whole rows.
    QString keyValuesText(QList<int> rows) const;

    static QString typeName(AttributeValue::Type type);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void applySort();

    Attributes m_attributes;
    std::vector<int> m_order; // row -> index into m_attributes
    int m_sortColumn = -1; // -1: the order the sender wrote them in
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace skein
