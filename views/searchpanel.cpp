// SPDX-License-Identifier: MIT
#include "searchpanel.h"

#include "backgroundthreads.h"
#include "searchform.h"
#include "servicepalette.h"
#include "tracelistmodel.h"
#include "tracescatterchart.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <set>

namespace skein {

struct SearchPanel::SearchResult {
    uint64_t generation = 0;
    QString error;
    std::vector<TraceSummary> traces;
    int limit = 0;
};

struct SearchPanel::Choices {
    uint64_t servicesGeneration = 0; // 0: the services were not asked for
    QString error;
    QStringList services;
    QString service;
    QStringList operations;
};

namespace {

constexpr int swatchSize = 9;
constexpr int swatchGap = 3;
constexpr int cellPadding = 6;

// The services of a trace: a colour swatch per service, then their names.
class ServicesDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem cell = option;
        initStyleOption(&cell, index);
        const QString names = cell.text;
        cell.text.clear();
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

        const QStringList services = index.data(TraceListModel::ServicesRole).toStringList();
        const QRect area = cell.rect.adjusted(cellPadding, 0, -cellPadding, 0);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        int x = area.left();
        const int top = area.center().y() - swatchSize / 2;
        const QColor outline = cell.palette.color(QPalette::Text);
        for (const QString& service : services) {
            if (x + swatchSize > area.left() + area.width() / 2)
                break; // leave room for the names
            QColor edge = outline;
            edge.setAlphaF(0.35f);
            painter->setPen(QPen(edge, 0.8));
            painter->setBrush(ServicePalette::colorFor(service, cell.palette));
            painter->drawRoundedRect(QRectF(x + 0.5, top + 0.5, swatchSize, swatchSize), 2, 2);
            x += swatchSize + swatchGap;
        }
        const bool selected = cell.state & QStyle::State_Selected;
        painter->setPen(cell.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter->setFont(cell.font);
        const QRect textArea(x + (services.isEmpty() ? 0 : swatchGap), area.top(), area.right() - x, area.height());
        painter->drawText(textArea, Qt::AlignLeft | Qt::AlignVCenter,
            cell.fontMetrics.elidedText(names, Qt::ElideRight, textArea.width()));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        const int swatches = int(index.data(TraceListModel::ServicesRole).toStringList().size());
        size.rwidth() += swatches * (swatchSize + swatchGap) + 2 * cellPadding;
        return size;
    }
};

template <typename Result, typename Work, typename Done> void runOffGuiThread(QObject* owner, Work work, Done done)
{
    auto* watcher = new QFutureWatcher<Result>(owner);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, owner, [watcher, done] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(backgroundThreads(), std::move(work)));
}

} // namespace

SearchPanel::SearchPanel(QString databasePath, QWidget* parent)
    : QWidget(parent)
    , m_databasePath(std::move(databasePath))
{
    m_form = new SearchForm(this);
    m_form->restoreSettings();

    auto* formScroller = new QScrollArea(this);
    formScroller->setWidget(m_form);
    formScroller->setWidgetResizable(true);
    formScroller->setFrameShape(QFrame::NoFrame);
    formScroller->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroller->setFixedWidth(fontMetrics().averageCharWidth() * 36);
    formScroller->viewport()->setAutoFillBackground(false);
    m_form->setAutoFillBackground(false);

    m_model = new TraceListModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("traceTable"));
    m_table->setAccessibleName(tr("Traces found"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(TraceListModel::ServicesColumn, new ServicesDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setIconSize(QSize(swatchSize, swatchSize));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TraceListModel::StartColumn, Qt::DescendingOrder);
    m_table->setColumnHidden(TraceListModel::TraceIdColumn, true);

    m_chart = new TraceScatterChart(this);
    m_chart->setObjectName(QStringLiteral("traceChart"));

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_chart);
    m_splitter->addWidget(m_table);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    // A long status (an import's message with its file path) wraps instead of widening the window.
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont statusFont = m_status->font();
    statusFont.setBold(true);
    m_status->setFont(statusFont);

    auto* results = new QVBoxLayout;
    results->setSpacing(6);
    results->addWidget(m_status);
    results->addWidget(m_splitter, 1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(16);
    layout->addWidget(formScroller);
    layout->addLayout(results, 1);

    QSettings settings;
    settings.beginGroup(QStringLiteral("search"));
    if (!m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray()))
        m_splitter->setSizes({ 260, 390 });
    const QByteArray columns = settings.value(QStringLiteral("columns")).toByteArray();
    if (!columns.isEmpty())
        m_table->horizontalHeader()->restoreState(columns);

    connect(m_form, &SearchForm::searchRequested, this, &SearchPanel::search);
    connect(m_form, &SearchForm::serviceChanged, this, [this] { loadChoices(false); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SearchPanel::currentRowChanged);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (const TraceSummary* trace = m_model->traceAt(index.row()))
            emit openTraceRequested(trace->traceId);
    });
    connect(m_chart, &TraceScatterChart::traceClicked, this, [this](const TraceId& traceId) {
        selectTrace(traceId);
        emit openTraceRequested(traceId);
    });

    setFocusProxy(m_form);
    loadChoices(true);
    // Deferred, so that a filter set right after construction is the first one searched.
    QTimer::singleShot(0, this, [this] {
        if (!m_searchedOnce)
            search();
    });
}

SearchPanel::~SearchPanel()
{
    saveLayout();
    for (QFutureWatcherBase* watcher : findChildren<QFutureWatcherBase*>()) {
        watcher->disconnect(this);
        watcher->waitForFinished();
    }
}

void SearchPanel::refresh()
{
    loadChoices(true);
    search();
}

void SearchPanel::search()
{
    m_searchedOnce = true;
    const SearchForm::Parsed parsed = m_form->parse();
    if (!parsed.error.isEmpty()) {
        m_form->showProblem(parsed.error, parsed.invalidField); // the results stay those of the last search
        return;
    }
    m_form->showProblem({});
    m_form->saveSettings();

    const uint64_t generation = ++m_searchGeneration;
    ++m_pendingSearches;
    // Say so only when it takes long enough to notice, to avoid flicker. (An older search still running does not
    // count: the newest one may have answered already.)
    QTimer::singleShot(250, this, [this, generation] {
        if (generation == m_searchGeneration && m_shownGeneration != generation)
            m_status->setText(tr("Searching…"));
    });
    const QString databasePath = m_databasePath;
    const TraceFilter filter = parsed.filter;
    runOffGuiThread<std::shared_ptr<SearchResult>>(
        this,
        [databasePath, filter, generation] {
            auto result = std::make_shared<SearchResult>();
            result->generation = generation;
            result->limit = filter.limit;
            auto store = TraceStore::open(databasePath, &result->error);
            if (store)
                result->traces = store->findTraces(filter);
            return result;
        },
        [this](const std::shared_ptr<SearchResult>& result) {
            --m_pendingSearches;
            if (result->generation == m_searchGeneration) {
                m_shownGeneration = result->generation;
                showResults(*result);
            }
        });
}

void SearchPanel::showResults(SearchResult& result)
{
    if (!result.error.isEmpty()) {
        m_status->setText(tr("Cannot open the cache: %1").arg(result.error));
        return;
    }
    const std::optional<TraceId> selected = selectedTrace();
    const int count = int(result.traces.size());
    if (count > 0) {
        const auto [first, last] = std::minmax_element(result.traces.begin(), result.traces.end(),
            [](const TraceSummary& a, const TraceSummary& b) { return a.startNs < b.startNs; });
        m_form->setSuggestedRange(first->startNs, last->startNs);
    }
    m_chart->setTraces(result.traces);
    m_model->setTraces(std::move(result.traces));
    if (selected && m_model->rowOf(*selected) >= 0)
        selectTrace(*selected);
    else
        m_chart->setSelectedTrace(std::nullopt);

    if (m_table->horizontalHeader()->sectionSize(TraceListModel::RootColumn) < 120 && count > 0) {
        m_table->resizeColumnsToContents();
        const int rootWidth = m_table->horizontalHeader()->sectionSize(TraceListModel::RootColumn);
        m_table->horizontalHeader()->resizeSection(TraceListModel::RootColumn, std::clamp(rootWidth, 160, 380));
        // The last column stretches over the rest; its content width would only add a scroll bar.
        m_table->horizontalHeader()->resizeSection(TraceListModel::ServicesColumn, 160);
    }

    // Singular spelled out: without a loaded translation, %n has no plural forms.
    QString status = count == 0 ? tr("No traces match") : count == 1 ? tr("1 trace") : tr("%1 traces").arg(count);
    if (result.limit > 0 && count >= result.limit)
        status += tr(" (the limit: narrow the search or raise the limit for more)");
    m_status->setText(status);
    emit resultsChanged(count);
}

void SearchPanel::loadChoices(bool allServices)
{
    const QString databasePath = m_databasePath;
    const QString service = m_form->service();
    const uint64_t servicesGeneration = allServices ? ++m_choicesGeneration : 0;
    runOffGuiThread<std::shared_ptr<Choices>>(
        this,
        [databasePath, service, servicesGeneration] {
            auto choices = std::make_shared<Choices>();
            choices->servicesGeneration = servicesGeneration;
            choices->service = service;
            auto store = TraceStore::open(databasePath, &choices->error);
            if (!store)
                return choices;
            const QStringList services = store->services();
            if (servicesGeneration)
                choices->services = services;
            if (!service.isEmpty()) {
                choices->operations = store->operations(service);
            } else {
                // "All services": an operation of any of them.
                std::set<QString> names;
                for (const QString& name : services) {
                    const QStringList operations = store->operations(name);
                    names.insert(operations.begin(), operations.end());
                }
                choices->operations = QStringList(names.begin(), names.end());
            }
            return choices;
        },
        [this](const std::shared_ptr<Choices>& choices) { applyChoices(*choices); });
}

void SearchPanel::applyChoices(const Choices& choices)
{
    if (!choices.error.isEmpty())
        return; // the search reports an unreadable cache
    if (choices.servicesGeneration != 0 && choices.servicesGeneration == m_choicesGeneration)
        m_form->setServices(choices.services);
    m_form->setOperations(choices.service, choices.operations);
}

void SearchPanel::setFilter(const TraceFilter& filter)
{
    m_form->setFilter(filter);
}

TraceFilter SearchPanel::currentFilter() const
{
    return m_form->parse().filter;
}

QString SearchPanel::inputProblem() const
{
    return m_form->parse().error;
}

int SearchPanel::resultCount() const
{
    return m_model->rowCount();
}

std::optional<TraceId> SearchPanel::selectedTrace() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (const TraceSummary* trace = current.isValid() ? m_model->traceAt(current.row()) : nullptr)
        return trace->traceId;
    return std::nullopt;
}

void SearchPanel::selectTrace(const TraceId& traceId)
{
    const int row = m_model->rowOf(traceId);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, TraceListModel::StartColumn);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    m_chart->setSelectedTrace(traceId);
}

void SearchPanel::currentRowChanged()
{
    m_chart->setSelectedTrace(selectedTrace());
}

void SearchPanel::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("search"));
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("columns"), m_table->horizontalHeader()->saveState());
}

} // namespace skein
