// SPDX-License-Identifier: MIT
#include "logtablemodel.h"

#include "durationtext.h"
#include "servicepalette.h"
#include "textmatch.h"

#include <QGuiApplication>
#include <QLocale>

#include <numeric>

namespace skein {

namespace {

const QChar rightPadding(0x2003); // an em space

bool looksLikeError(const TraceContent& content, const TraceEventEntry& event)
{
    static const TextMatch errorLevel(QStringLiteral("level=error"));
    static const TextMatch exceptionType(QStringLiteral("exception.type="));
    const QString& name = content.eventName(event);
    const std::string_view fields = content.eventFieldsUtf8(event);
    return name.compare(QLatin1String("exception"), Qt::CaseInsensitive) == 0
        || name.compare(QLatin1String("error"), Qt::CaseInsensitive) == 0 || errorLevel.foundIn(fields)
        || exceptionType.foundIn(fields);
}

} // namespace

LogTableModel::LogTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_palette(QGuiApplication::palette())
{
}

void LogTableModel::setSource(std::shared_ptr<const TraceIndex> index, const TraceContent* content)
{
    beginResetModel();
    m_index = std::move(index);
    m_content = m_index ? content : nullptr;
    m_serviceColors.clear();
    if (m_index) {
        for (const QString& service : m_index->serviceNames)
            m_serviceColors.push_back(ServicePalette::colorFor(service, m_palette));
    }
    refilter(false);
    endResetModel();
}

void LogTableModel::setFilterText(const QString& text)
{
    if (text == m_filter)
        return;
    const QString previous = m_filter.trimmed();
    m_filter = text;
    const QString needle = m_filter.trimmed();
    // A longer needle that contains the previous one can only match fewer rows: search those only.
    const bool narrowing = !previous.isEmpty() && needle.contains(previous, Qt::CaseInsensitive);
    beginResetModel();
    refilter(narrowing);
    endResetModel();
}

void LogTableModel::refilter(bool narrowing)
{
    if (!m_content) {
        m_rows.clear();
        return;
    }
    const QString needle = m_filter.trimmed();
    const int32_t eventCount = int32_t(m_content->events.size());
    if (needle.isEmpty()) {
        m_rows.resize(size_t(eventCount));
        std::iota(m_rows.begin(), m_rows.end(), 0);
        return;
    }
    // Names repeat across events: match each distinct one once.
    m_serviceMatches.assign(m_index->serviceNames.size(), 0);
    for (size_t i = 0; i < m_index->serviceNames.size(); ++i)
        m_serviceMatches[i] = m_index->serviceNames[i].contains(needle, Qt::CaseInsensitive);
    m_operationMatches.assign(m_index->operationNames.size(), 0);
    for (size_t i = 0; i < m_index->operationNames.size(); ++i)
        m_operationMatches[i] = m_index->operationNames[i].contains(needle, Qt::CaseInsensitive);

    m_eventNameMatches.assign(m_content->eventNames.size(), 0);
    for (size_t i = 0; i < m_content->eventNames.size(); ++i)
        m_eventNameMatches[i] = m_content->eventNames[i].contains(needle, Qt::CaseInsensitive);

    const TextMatch match(needle);
    std::vector<int32_t> rows;
    if (narrowing) {
        for (int32_t event : m_rows) {
            if (matches(event, match))
                rows.push_back(event);
        }
    } else {
        for (int32_t event = 0; event < eventCount; ++event) {
            if (matches(event, match))
                rows.push_back(event);
        }
    }
    m_rows = std::move(rows);
}

bool LogTableModel::matches(int32_t event, const TextMatch& needle) const
{
    const TraceEventEntry& entry = m_content->events[size_t(event)];
    if (entry.span >= 0 && entry.span < m_index->size()) {
        if (m_serviceMatches[m_index->service[size_t(entry.span)]]
            || m_operationMatches[m_index->operation[size_t(entry.span)]])
            return true;
    }
    return m_eventNameMatches[entry.nameId] || needle.foundIn(m_content->eventFieldsUtf8(entry));
}

int LogTableModel::totalCount() const
{
    return m_content ? int(m_content->events.size()) : 0;
}

const TraceEventEntry* LogTableModel::eventAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    return &m_content->events[size_t(m_rows[size_t(row)])];
}

int32_t LogTableModel::spanAt(int row) const
{
    const TraceEventEntry* event = eventAt(row);
    return event ? event->span : -1;
}

int LogTableModel::firstRowOfSpan(int32_t span) const
{
    if (!m_content || span < 0)
        return -1;
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_content->events[size_t(m_rows[row])].span == span)
            return int(row);
    }
    return -1;
}

QString LogTableModel::rowsText(QList<int> rows) const
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QStringList lines;
    for (int row : rows) {
        const TraceEventEntry* event = eventAt(row);
        if (!event)
            continue;
        QStringList cells;
        for (int column = 0; column < ColumnCount; ++column)
            cells.append(cellText(*event, column));
        lines.append(cells.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n'));
}

void LogTableModel::setPalette(const QPalette& palette)
{
    m_palette = palette;
    if (!m_index)
        return;
    for (size_t i = 0; i < m_index->serviceNames.size() && i < m_serviceColors.size(); ++i)
        m_serviceColors[i] = ServicePalette::colorFor(m_index->serviceNames[i], m_palette);
    if (!m_rows.empty())
        emit dataChanged(
            index(0, 0), index(rowCount() - 1, ColumnCount - 1), { Qt::DecorationRole, Qt::ForegroundRole });
}

int LogTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogTableModel::cellText(const TraceEventEntry& event, int column) const
{
    const bool knownSpan = event.span >= 0 && event.span < m_index->size();
    switch (column) {
    case TimeColumn:
        return timeText(event.offsetNs);
    case ServiceColumn:
        return knownSpan ? m_index->serviceName(event.span) : QString();
    case SpanColumn:
        return knownSpan ? m_index->operationName(event.span) : QString();
    case EventColumn:
        return m_content->eventName(event);
    case FieldsColumn:
        return m_content->eventFields(event);
    }
    return {};
}

QVariant LogTableModel::data(const QModelIndex& index, int role) const
{
    const TraceEventEntry* event = eventAt(index.row());
    if (!index.isValid() || !event)
        return {};
    const bool knownSpan = event->span >= 0 && event->span < m_index->size();
    switch (role) {
    case Qt::DisplayRole: {
        QString text = cellText(*event, index.column());
        if (index.column() == TimeColumn)
            text += rightPadding; // keeps right-aligned times off the next column's swatch
        if (index.column() == FieldsColumn || index.column() == EventColumn)
            text.replace(QLatin1Char('\n'), QStringLiteral(" \u21b5 "));
        return text;
    }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return formatTimestamp(m_index->traceStartNs + event->offsetNs);
        case SpanColumn:
            return knownSpan ? tr("%1 (span %2)")
                                   .arg(m_index->operationName(event->span),
                                       QString::fromStdString(spanIdToHex(m_index->spanId[size_t(event->span)])))
                             : QVariant();
        case FieldsColumn:
            return event->fieldsLength == 0 ? QVariant() : QVariant(m_content->eventFields(*event).left(2000));
        default:
            return cellText(*event, index.column());
        }
    case Qt::DecorationRole:
        if (index.column() == ServiceColumn && knownSpan)
            return m_serviceColors[m_index->service[size_t(event->span)]];
        return {};
    case Qt::ForegroundRole:
        if (index.column() == EventColumn && looksLikeError(*m_content, *event))
            return ServicePalette::errorColor(m_palette);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SpanRole:
        return event->span;
    }
    return {};
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == TimeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return QString(tr("Time") + rightPadding);
    case ServiceColumn:
        return tr("Service");
    case SpanColumn:
        return tr("Span");
    case EventColumn:
        return tr("Event");
    case FieldsColumn:
        return tr("Fields");
    }
    return {};
}

QString LogTableModel::timeText(int64_t offsetNs)
{
    // Milliseconds with microsecond digits: log lines are compared with each other, so the precision stays
    // the same on every row (unlike formatDuration's three significant digits).
    return tr("%1 ms").arg(QLocale().toString(double(offsetNs) / 1e6, 'f', 3));
}

} // namespace skein
