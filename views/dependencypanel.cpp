// SPDX-License-Identifier: MIT
#include "dependencypanel.h"

#include "backgroundthreads.h"
#include "dependencygraphview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace skein {

namespace {

constexpr int64_t secondNs = 1000000000;

struct QueryResult {
    DependencyGraph graph;
    std::optional<std::pair<int64_t, int64_t>> window;
    int64_t elapsedMs = 0;
};

// Time scopes end at the newest cached trace, not at the wall clock: imported files are usually older
// than now, and "the last hour" of them is what there is to look at.
std::optional<std::pair<int64_t, int64_t>> windowEndingAtNewestTrace(const QString& databasePath, int64_t lengthNs)
{
    QString error;
    auto store = TraceStore::open(databasePath, &error);
    if (!store)
        return std::nullopt;
    TraceFilter newest;
    newest.limit = 1;
    const std::vector<TraceSummary> traces = store->findTraces(newest);
    if (traces.empty())
        return std::nullopt;
    return std::pair { traces.front().startNs - lengthNs, traces.front().startNs };
}

int64_t scopeLength(DependencyPanel::Scope scope)
{
    switch (scope) {
    case DependencyPanel::Scope::LastHour:
        return 3600 * secondNs;
    case DependencyPanel::Scope::LastDay:
        return 24 * 3600 * secondNs;
    case DependencyPanel::Scope::LastWeek:
        return 7 * 24 * 3600 * secondNs;
    default:
        return 0;
    }
}

} // namespace

DependencyPanel::DependencyPanel(QString databasePath, QWidget* parent)
    : QWidget(parent)
    , m_databasePath(std::move(databasePath))
{
    m_view = new DependencyGraphView(this);

    m_scope = new QComboBox(this);
    m_scope->addItem(tr("Whole cache"), int(Scope::WholeCache));
    m_scope->addItem(tr("Last hour of the cache"), int(Scope::LastHour));
    m_scope->addItem(tr("Last day of the cache"), int(Scope::LastDay));
    m_scope->addItem(tr("Last week of the cache"), int(Scope::LastWeek));
    m_scope->addItem(tr("Search result"), int(Scope::SearchResult));
    m_scope->addItem(tr("Current trace"), int(Scope::CurrentTrace));
    m_scope->setToolTip(tr("Which traces the graph is computed from. Time scopes end at the newest cached trace."));

    m_spans = new QCheckBox(tr("Spans"), this);
    m_spans->setToolTip(tr("Calls computed from the cached spans (solid lines)"));
    m_endpoint = new QCheckBox(tr("Endpoint"), this);
    m_endpoint->setToolTip(tr("Links a Jaeger endpoint reported (dashed lines; whole cache only, they carry no time)"));
    m_file = new QCheckBox(tr("Files"), this);
    m_file->setToolTip(tr("Links read from imported dependency-link files (dotted lines; whole cache only)"));
    for (QCheckBox* box : { m_spans, m_endpoint, m_file }) {
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &DependencyPanel::refresh);
    }

    m_focus = new QComboBox(this);
    m_focus->setMinimumContentsLength(16);
    m_focus->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_focus->setToolTip(tr("Show only this service's callers and callees"));
    m_hops = new QSpinBox(this);
    m_hops->setRange(1, 20);
    m_hops->setValue(1);
    const auto updateHopsSuffix = [this] { m_hops->setSuffix(m_hops->value() == 1 ? tr(" hop") : tr(" hops")); };
    updateHopsSuffix();
    connect(m_hops, &QSpinBox::valueChanged, this, updateHopsSuffix);
    m_hops->setToolTip(tr("How many calls up- and downstream of the focused service to show"));
    m_hops->setAccessibleName(tr("Hops around the focused service"));

    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Show the whole graph (F)"));
    auto* svg = new QPushButton(tr("Export SVG…"), this);
    auto* png = new QPushButton(tr("Export PNG…"), this);

    // Two rows, so that the tab fits beside the docks on a 1366-pixel screen.
    auto* controls = new QHBoxLayout;
    auto* scopeLabel = new QLabel(tr("Scope:"), this);
    scopeLabel->setBuddy(m_scope);
    controls->addWidget(scopeLabel);
    controls->addWidget(m_scope);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Show:"), this));
    controls->addWidget(m_spans);
    controls->addWidget(m_endpoint);
    controls->addWidget(m_file);
    controls->addStretch(1);
    auto* focusControls = new QHBoxLayout;
    auto* focusLabel = new QLabel(tr("Focus:"), this);
    focusLabel->setBuddy(m_focus);
    focusControls->addWidget(focusLabel);
    focusControls->addWidget(m_focus);
    focusControls->addWidget(m_hops);
    focusControls->addStretch(1);
    focusControls->addWidget(fit);
    focusControls->addWidget(svg);
    focusControls->addWidget(png);

    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(focusControls);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    updateScopeChoices();
    updateFocusChoices();
    connect(m_scope, &QComboBox::currentIndexChanged, this, &DependencyPanel::refresh);
    connect(m_focus, &QComboBox::currentIndexChanged, this, &DependencyPanel::applyFocus);
    connect(m_hops, &QSpinBox::valueChanged, this, &DependencyPanel::applyFocus);
    connect(fit, &QPushButton::clicked, m_view, &DependencyGraphView::fitToView);
    connect(svg, &QPushButton::clicked, this, [this] { exportGraph(true); });
    connect(png, &QPushButton::clicked, this, [this] { exportGraph(false); });
    connect(m_view, &DependencyGraphView::searchRequested, this, &DependencyPanel::forwardSearch);
    connect(m_view, &DependencyGraphView::layoutFinished, this, &DependencyPanel::layoutDone);
}

DependencyPanel::~DependencyPanel()
{
    if (m_cancel)
        m_cancel->store(true);
    for (QFutureWatcherBase* watcher : findChildren<QFutureWatcherBase*>()) {
        watcher->disconnect(this);
        watcher->waitForFinished();
    }
}

void DependencyPanel::setScope(Scope scope)
{
    const int index = m_scope->findData(int(scope));
    if (index >= 0)
        m_scope->setCurrentIndex(index);
}

DependencyPanel::Scope DependencyPanel::scope() const
{
    return Scope(m_scope->currentData().toInt());
}

void DependencyPanel::setSources(const DependencySources& sources)
{
    const QSignalBlocker blockSpans(m_spans);
    const QSignalBlocker blockEndpoint(m_endpoint);
    const QSignalBlocker blockFile(m_file);
    m_spans->setChecked(sources.spans);
    m_endpoint->setChecked(sources.endpoint);
    m_file->setChecked(sources.file);
    refresh();
}

DependencySources DependencyPanel::sources() const
{
    DependencySources sources;
    sources.spans = m_spans->isChecked();
    sources.endpoint = m_endpoint->isChecked();
    sources.file = m_file->isChecked();
    return sources;
}

void DependencyPanel::setTraceScope(std::optional<TraceId> traceId)
{
    m_trace = traceId;
    updateScopeChoices();
    if (scope() == Scope::CurrentTrace)
        refresh();
}

void DependencyPanel::setSearchScope(std::vector<TraceId> traceIds)
{
    m_searchResult = std::move(traceIds);
    updateScopeChoices();
    if (scope() == Scope::SearchResult)
        refresh();
}

void DependencyPanel::updateScopeChoices()
{
    m_scope->setItemText(m_scope->findData(int(Scope::SearchResult)),
        m_searchResult.empty() ? tr("Search result (none yet)")
                               : tr("Search result (%n traces)", nullptr, int(m_searchResult.size())));
    m_scope->setItemText(m_scope->findData(int(Scope::CurrentTrace)),
        m_trace ? tr("Current trace (%1)").arg(QString::fromStdString(m_trace->toHex()).left(8))
                : tr("Current trace (none open)"));
}

void DependencyPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_refreshedOnce)
        refresh();
}

void DependencyPanel::refresh()
{
    m_refreshedOnce = true;
    if (m_cancel)
        m_cancel->store(true);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    const uint64_t generation = ++m_generation;
    ++m_pendingQueries;
    m_status->setText(tr("Computing the dependency graph…"));

    const Scope scope = this->scope();
    const DependencySources sources = this->sources();
    auto work = [path = m_databasePath, scope, sources, cancel, trace = m_trace, searchResult = m_searchResult] {
        QElapsedTimer timer;
        timer.start();
        QueryResult result;
        DependencyScope query;
        bool empty = false;
        switch (scope) {
        case Scope::WholeCache:
            break;
        case Scope::LastHour:
        case Scope::LastDay:
        case Scope::LastWeek:
            result.window = windowEndingAtNewestTrace(path, scopeLength(scope));
            empty = !result.window;
            if (result.window)
                query = DependencyScope::timeRange(result.window->first, result.window->second);
            break;
        case Scope::SearchResult:
            query = DependencyScope::traces(searchResult);
            empty = searchResult.empty();
            break;
        case Scope::CurrentTrace:
            empty = !trace;
            if (trace)
                query = DependencyScope::trace(*trace);
            break;
        }
        if (!empty)
            result.graph = DependencyQuery::run(path, query, sources, cancel.get());
        result.elapsedMs = timer.elapsed();
        return result;
    };
    auto* watcher = new QFutureWatcher<QueryResult>(this);
    connect(watcher, &QFutureWatcher<QueryResult>::finished, this, [this, watcher, generation] {
        --m_pendingQueries;
        QueryResult result = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_queryMs = result.elapsedMs;
        showGraph(std::move(result.graph), generation, result.window);
    });
    watcher->setFuture(QtConcurrent::run(backgroundThreads(), std::move(work)));
}

void DependencyPanel::showGraph(DependencyGraph graph, uint64_t, std::optional<std::pair<int64_t, int64_t>> window)
{
    m_window = window;
    if (!graph.error.isEmpty()) {
        m_status->setText(tr("Cannot compute the dependency graph: %1").arg(graph.error));
        m_view->setGraph({});
        emit graphShown();
        return;
    }
    m_view->setGraph(std::move(graph));
    updateFocusChoices();
    m_status->setText(tr("Laying out %n services…", nullptr, int(m_view->graph().services.size())));
}

void DependencyPanel::layoutDone()
{
    if (!m_view->layoutError().isEmpty())
        m_status->setText(m_view->layoutError());
    else if (m_view->graph().services.empty())
        m_status->setText(tr("No calls between services in this scope."));
    else
        m_status->setText(tr("%1 services, %2 edges, laid out in %3 ms (%4); computed in %5 ms")
                              .arg(m_view->visibleServices().size())
                              .arg(m_view->visibleEdgeCount())
                              .arg(m_view->layoutMilliseconds())
                              .arg(m_view->layoutEngine())
                              .arg(m_queryMs));
    emit graphShown();
}

QString DependencyPanel::statusText() const
{
    return m_status->text();
}

void DependencyPanel::updateFocusChoices()
{
    const QString current = m_focus->currentData().toString();
    const QSignalBlocker blocker(m_focus);
    m_focus->clear();
    m_focus->addItem(tr("All services"), QString());
    for (const DependencyService& service : m_view->graph().services)
        m_focus->addItem(service.name, service.name);
    const int index = m_focus->findData(current);
    m_focus->setCurrentIndex(std::max(index, 0));
    m_hops->setEnabled(m_focus->currentIndex() > 0);
}

void DependencyPanel::applyFocus()
{
    m_hops->setEnabled(m_focus->currentIndex() > 0);
    m_view->setFocusService(m_focus->currentData().toString(), m_hops->value());
}

void DependencyPanel::forwardSearch(TraceFilter filter)
{
    if (m_window) {
        filter.startFromNs = m_window->first;
        filter.startToNs = m_window->second;
    }
    emit searchRequested(filter);
}

void DependencyPanel::exportGraph(bool svg)
{
    const QString path
        = QFileDialog::getSaveFileName(this, svg ? tr("Export the graph as SVG") : tr("Export the graph as PNG"),
            svg ? QStringLiteral("dependencies.svg") : QStringLiteral("dependencies.png"),
            svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const bool written = svg ? m_view->exportSvg(path) : m_view->exportPng(path);
    if (!written)
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1.").arg(path));
}

} // namespace skein
