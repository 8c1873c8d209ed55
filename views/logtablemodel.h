// SPDX-License-Identifier: MIT
// Every event (log) of an open trace as one table, in time order, narrowed by a case-insensitive text
// filter. The filter keeps a vector of matching event indexes instead of going through a proxy model,
// so that narrowing 100k events stays instant.
#pragma once

#include "tracecontent.h"
#include "traceindex.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QPalette>

#include <memory>
#include <vector>

namespace skein {

class TextMatch;

class LogTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, ServiceColumn, SpanColumn, EventColumn, FieldsColumn, ColumnCount };
    enum Roles { SpanRole = Qt::UserRole + 1 };

    explicit LogTableModel(QObject* parent = nullptr);

    // content may be null (not read yet): the table is empty then. Both must outlive their use here;
    // call again with nulls before they go away.
    void setSource(std::shared_ptr<const TraceIndex> index, const TraceContent* content);
    bool hasContent() const { return m_content != nullptr; }
    // The Time column's text for an event offsetNs after the trace start.
    static QString timeText(int64_t offsetNs);

    void setFilterText(const QString& text);
    QString filterText() const { return m_filter; }

    int totalCount() const; // every event of the trace
    int shownCount() const { return int(m_rows.size()); }
    const TraceEventEntry* eventAt(int row) const;
    int32_t spanAt(int row) const; // -1 for an invalid row
    // The first shown row of a span's events, or -1.
    int firstRowOfSpan(int32_t span) const;
    // Tab-separated columns of the given rows, one row per line, for the clipboard.
    QString rowsText(QList<int> rows) const;

    // Service swatches and the error colour follow the view's palette.
    void setPalette(const QPalette& palette);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refilter(bool narrowing);
    bool matches(int32_t event, const TextMatch& needle) const;
    QString cellText(const TraceEventEntry& event, int column) const;

    std::shared_ptr<const TraceIndex> m_index;
    const TraceContent* m_content = nullptr;
    QString m_filter;
    std::vector<int32_t> m_rows; // shown row -> index into m_content->events
    std::vector<uint8_t> m_serviceMatches; // per service name, for the current filter
    std::vector<uint8_t> m_operationMatches; // per operation name
    std::vector<uint8_t> m_eventNameMatches; // per distinct event name
    std::vector<QColor> m_serviceColors;
    QPalette m_palette;
};

} // namespace skein
