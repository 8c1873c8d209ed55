// SPDX-License-Identifier: MIT
#include "selftimepanel.h"

#include "backgroundthreads.h"
#include "durationtext.h"
#include "servicepalette.h"
#include "tracedocument.h"

#include <QAbstractTableModel>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace skein {

namespace {

constexpr int sortRole = Qt::UserRole;

QIcon swatch(const QColor& color, int size)
{
    QIcon icon;
    for (const qreal ratio : { 1.0, 2.0 }) { // sharp on high-DPI screens too
        QPixmap pixmap(QSize(size, size) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 2.5, 2.5);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

class SelfTimeModel : public QAbstractTableModel {
public:
    enum Column { Operation, Service, Count, SelfTime, Share, Max, ColumnCount };

    SelfTimeModel(const TraceIndex& index, QObject* parent)
        : QAbstractTableModel(parent)
        , m_index(index)
    {
    }

    const SelfTimeSummary& summary() const { return m_summaryData; }
    void setSummary(SelfTimeSummary summary, const QPalette& palette, int iconSize)
    {
        beginResetModel();
        m_summaryData = std::move(summary);
        m_summary = &m_summaryData;
        m_icons.clear();
        for (const QString& name : m_index.serviceNames)
            m_icons.push_back(swatch(ServicePalette::colorFor(name, palette), iconSize));
        endResetModel();
    }

    const OperationSelfTime* entry(int row) const
    {
        return m_summary && row >= 0 && size_t(row) < m_summary->operations.size() ? &m_summary->operations[size_t(row)]
                                                                                   : nullptr;
    }

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() || !m_summary ? 0 : int(m_summary->operations.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }

    QVariant data(const QModelIndex& index, int role) const override
    {
        const OperationSelfTime* item = entry(index.row());
        if (!item)
            return {};
        const double share
            = m_summary->totalSelfNs > 0 ? 100.0 * double(item->totalSelfNs) / double(m_summary->totalSelfNs) : 0.0;
        const QString& operation = m_index.operationNames[item->operation];
        const QString& service = m_index.serviceNames[item->service];
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case Operation:
                return operation;
            case Service:
                return service;
            case Count:
                return QLocale().toString(item->count);
            case SelfTime:
                return formatDuration(item->totalSelfNs);
            case Share:
                return QStringLiteral("%1 %").arg(QLocale().toString(share, 'f', 1));
            case Max:
                return formatDuration(item->maxSelfNs);
            }
            break;
        case sortRole:
            switch (index.column()) {
            case Operation:
                return operation;
            case Service:
                return service;
            case Count:
                return item->count;
            case SelfTime:
            case Share:
                return qlonglong(item->totalSelfNs);
            case Max:
                return qlonglong(item->maxSelfNs);
            }
            break;
        case Qt::DecorationRole:
            if (index.column() == Operation)
                return m_icons[item->service];
            break;
        case Qt::TextAlignmentRole:
            if (index.column() >= Count)
                return int(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case Qt::ToolTipRole:
            return SelfTimePanel::tr("%1 (%2): %Ln spans, %3 of self time in all, %4 in the one with the most; "
                                     "click to go to that span.",
                nullptr, item->count)
                .arg(operation.toHtmlEscaped(), service.toHtmlEscaped(), formatDuration(item->totalSelfNs),
                    formatDuration(item->maxSelfNs));
        }
        return {};
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal)
            return {};
        if (role == Qt::DisplayRole) {
            switch (section) {
            case Operation:
                return SelfTimePanel::tr("Operation");
            case Service:
                return SelfTimePanel::tr("Service");
            case Count:
                return SelfTimePanel::tr("Spans");
            case SelfTime:
                return SelfTimePanel::tr("Self time");
            case Share:
                return SelfTimePanel::tr("Share");
            case Max:
                return SelfTimePanel::tr("Max");
            }
        }
        if (role == Qt::ToolTipRole) {
            switch (section) {
            case SelfTime:
                return SelfTimePanel::tr("Time spent in these spans themselves, not in their children, added up");
            case Share:
                return SelfTimePanel::tr("Share of all the self time in the trace (the column adds up to 100 %)");
            case Max:
                return SelfTimePanel::tr("The largest self time of one span");
            }
        }
        if (role == Qt::TextAlignmentRole && section >= Count)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }

private:
    const TraceIndex& m_index;
    // The model keeps the summary: the table may still ask for data while its panel is being destroyed.
    SelfTimeSummary m_summaryData;
    const SelfTimeSummary* m_summary = nullptr; // null until there is one
    std::vector<QIcon> m_icons;
};

SelfTimePanel::SelfTimePanel(TraceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new SelfTimeModel(document->index(), this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    auto* title = new QLabel(tr("<b>Self time by operation</b>"), this);
    m_table->setAccessibleName(tr("Self time by operation"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(sortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SelfTimeModel::SelfTime, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(SelfTimeModel::Operation, QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setMinimumSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("0000")));
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { selectRow(current); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        selectRow(index);
        m_document->activateCurrentSpan();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    m_status->setText(tr("Not computed yet."));
}

const SelfTimeSummary& SelfTimePanel::summary() const
{
    return m_model->summary();
}

SelfTimePanel::~SelfTimePanel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void SelfTimePanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // A narrow panel keeps the operation readable: the swatch and the tooltip still tell the service.
    m_table->setColumnHidden(SelfTimeModel::Service, width() < 560);
}

void SelfTimePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    compute();
}

void SelfTimePanel::compute()
{
    if (m_started)
        return;
    m_started = true;
    const int generation = ++m_generation;
    std::shared_ptr<const TraceIndex> index = m_document->sharedIndex();
    if (index->size() < backgroundThreshold) {
        apply(summarizeSelfTime(*index));
        return;
    }
    m_status->setText(tr("Adding up the self time of %Ln spans…", nullptr, index->size()));
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto* watcher = new QFutureWatcher<SelfTimeSummary>(this);
    connect(watcher, &QFutureWatcher<SelfTimeSummary>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        // A newer computation (or the panel going away) makes this one stale.
        if (generation == m_generation)
            apply(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        backgroundThreads(), [index, cancel = m_cancel] { return summarizeSelfTime(*index, cancel.get()); }));
}

void SelfTimePanel::apply(SelfTimeSummary summary)
{
    if (summary.cancelled)
        return;
    m_model->setSummary(std::move(summary), palette(), fontMetrics().height());
    m_ready = true;
    m_status->setText(tr("%Ln operations · %1 of self time in all", nullptr, int(m_model->summary().operations.size()))
                          .arg(formatDuration(m_model->summary().totalSelfNs)));
    m_status->setToolTip(tr("Pick an operation to go to its span with the most self time; Enter or a double "
                            "click shows that span's details."));
    emit ready();
}

const OperationSelfTime* SelfTimePanel::entryAt(int row) const
{
    const QModelIndex source = m_proxy->mapToSource(m_proxy->index(row, 0));
    return source.isValid() ? m_model->entry(source.row()) : nullptr;
}

void SelfTimePanel::selectRow(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    if (const OperationSelfTime* entry = entryAt(index.row()); entry && entry->maxSelfSpan >= 0)
        m_document->setCurrentSpan(entry->maxSelfSpan);
}

} // namespace skein
