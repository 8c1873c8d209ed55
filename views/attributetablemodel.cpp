// SPDX-License-Identifier: MIT
#include "attributetablemodel.h"

#include <QFont>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace skein {

namespace {

// Numbers before booleans before text, so that a sorted column reads as groups.
int typeRank(AttributeValue::Type type)
{
    switch (type) {
    case AttributeValue::Type::Int:
    case AttributeValue::Type::Double:
        return 0;
    case AttributeValue::Type::Bool:
        return 1;
    case AttributeValue::Type::String:
    case AttributeValue::Type::Bytes:
    case AttributeValue::Type::Array:
    case AttributeValue::Type::KeyValueList:
        return 2;
    case AttributeValue::Type::Empty:
        return 3;
    }
    return 3;
}

int compareNumbers(const AttributeValue& a, const AttributeValue& b)
{
    using Type = AttributeValue::Type;
    if (a.type == Type::Int && b.type == Type::Int)
        return a.intValue < b.intValue ? -1 : (a.intValue > b.intValue ? 1 : 0);
    const long double x = a.type == Type::Int ? (long double)a.intValue : (long double)a.doubleValue;
    const long double y = b.type == Type::Int ? (long double)b.intValue : (long double)b.doubleValue;
    const bool xNan = std::isnan(x);
    const bool yNan = std::isnan(y);
    if (xNan || yNan)
        return int(xNan) - int(yNan); // NaN after every number
    return x < y ? -1 : (x > y ? 1 : 0);
}

int compareText(const QString& a, const QString& b)
{
    const int folded = QString::compare(a, b, Qt::CaseInsensitive);
    return folded != 0 ? folded : QString::compare(a, b, Qt::CaseSensitive);
}

QString displayText(const AttributeValue& value)
{
    QString text = QString::fromStdString(value.toText());
    // A table row is one line: show line breaks as a visible mark instead of cutting the text.
    text.replace(QLatin1Char('\n'), QStringLiteral(" \u21b5 "));
    return text;
}

} // namespace

AttributeTableModel::AttributeTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AttributeTableModel::setAttributes(Attributes attributes)
{
    beginResetModel();
    m_attributes = std::move(attributes);
    m_order.resize(m_attributes.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    applySort();
    endResetModel();
}

const Attribute& AttributeTableModel::attributeAt(int row) const
{
    return m_attributes[size_t(m_order[size_t(row)])];
}

QString AttributeTableModel::valuesText(QList<int> rows) const
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QStringList lines;
    for (int row : rows) {
        if (row >= 0 && row < rowCount())
            lines.append(QString::fromStdString(attributeAt(row).value.toText()));
    }
    return lines.join(QLatin1Char('\n'));
}

QString AttributeTableModel::keyValuesText(QList<int> rows) const
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QStringList lines;
    for (int row : rows) {
        if (row >= 0 && row < rowCount()) {
            const Attribute& attribute = attributeAt(row);
            lines.append(QString::fromStdString(attribute.key) + QLatin1Char('=')
                + QString::fromStdString(attribute.value.toText()));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString AttributeTableModel::typeName(AttributeValue::Type type)
{
    switch (type) {
    case AttributeValue::Type::Empty:
        return tr("empty");
    case AttributeValue::Type::String:
        return tr("string");
    case AttributeValue::Type::Bool:
        return tr("bool");
    case AttributeValue::Type::Int:
        return tr("int");
    case AttributeValue::Type::Double:
        return tr("double");
    case AttributeValue::Type::Bytes:
        return tr("bytes");
    case AttributeValue::Type::Array:
        return tr("array");
    case AttributeValue::Type::KeyValueList:
        return tr("map");
    }
    return {};
}

int AttributeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int AttributeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributeTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Attribute& attribute = attributeAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return QString::fromStdString(attribute.key);
        case ValueColumn:
            return attribute.value.type == AttributeValue::Type::Empty ? tr("(empty)") : displayText(attribute.value);
        case TypeColumn:
            return typeName(attribute.value.type);
        }
        return {};
    case Qt::ToolTipRole: {
        if (index.column() != ValueColumn)
            return QString::fromStdString(attribute.key);
        QString text = QString::fromStdString(attribute.value.toText());
        constexpr int tooltipLimit = 2000;
        if (text.size() > tooltipLimit)
            text = text.left(tooltipLimit) + QStringLiteral("\u2026");
        return text;
    }
    case Qt::FontRole:
        if (index.column() == ValueColumn && attribute.value.type == AttributeValue::Type::Empty) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case KeyRole:
        return QString::fromStdString(attribute.key);
    case ValueTextRole:
        return QString::fromStdString(attribute.value.toText());
    }
    return {};
}

QVariant AttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

void AttributeTableModel::sort(int column, Qt::SortOrder order)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> oldOrder = m_order;
    m_sortColumn = column;
    m_sortOrder = order;
    applySort();
    // Keep selections on the same attributes.
    std::vector<int> rowOf(m_order.size());
    for (size_t row = 0; row < m_order.size(); ++row)
        rowOf[size_t(m_order[row])] = int(row);
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex& index : before)
        after.append(this->index(rowOf[size_t(oldOrder[size_t(index.row())])], index.column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void AttributeTableModel::applySort()
{
    std::iota(m_order.begin(), m_order.end(), 0);
    if (m_sortColumn < 0 || m_sortColumn >= ColumnCount)
        return;
    std::vector<QString> keys(m_attributes.size());
    std::vector<QString> texts(m_attributes.size());
    for (size_t i = 0; i < m_attributes.size(); ++i) {
        keys[i] = QString::fromStdString(m_attributes[i].key);
        texts[i] = QString::fromStdString(m_attributes[i].value.toText());
    }
    auto compareValues = [&](int a, int b) {
        const AttributeValue& x = m_attributes[size_t(a)].value;
        const AttributeValue& y = m_attributes[size_t(b)].value;
        const int rankX = typeRank(x.type);
        const int rankY = typeRank(y.type);
        if (rankX != rankY)
            return rankX - rankY;
        if (rankX == 0)
            return compareNumbers(x, y);
        if (rankX == 1)
            return int(x.boolValue) - int(y.boolValue);
        return compareText(texts[size_t(a)], texts[size_t(b)]);
    };
    auto compare = [&](int a, int b) {
        int result = 0;
        switch (m_sortColumn) {
        case KeyColumn:
            result = compareText(keys[size_t(a)], keys[size_t(b)]);
            break;
        case ValueColumn:
            result = compareValues(a, b);
            break;
        case TypeColumn:
            result = compareText(
                typeName(m_attributes[size_t(a)].value.type), typeName(m_attributes[size_t(b)].value.type));
            break;
        }
        if (result == 0 && m_sortColumn != KeyColumn)
            result = compareText(keys[size_t(a)], keys[size_t(b)]);
        return result;
    };
    std::stable_sort(m_order.begin(), m_order.end(),
        [&](int a, int b) { return m_sortOrder == Qt::AscendingOrder ? compare(a, b) < 0 : compare(b, a) < 0; });
}

} // namespace skein
