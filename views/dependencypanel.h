// SPDX-License-Identifier: MIT
// The "Dependencies" tab: the service dependency graph of a chosen scope (the whole cache, the last hour,
// day or week of it, the current search result, the current trace) and sources (spans, links reported by
// an endpoint, links read from files), with focus, fit and export controls. The graph is computed on a
// worker thread with its own connection to the cache; only the newest request's result is shown.
#pragma once

#include "dependencyquery.h"
#include "tracestore.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace skein {

class DependencyGraphView;

class DependencyPanel : public QWidget {
    Q_OBJECT
public:
    enum class Scope { WholeCache, LastHour, LastDay, LastWeek, SearchResult, CurrentTrace };

    explicit DependencyPanel(QString databasePath, QWidget* parent = nullptr);
    ~DependencyPanel() override;

    // Computes the graph again (after an import, or when the scope's input changed).
    void refresh();
    // The trace that the "current trace" scope shows (nullopt: none open).
    void setTraceScope(std::optional<TraceId> traceId);
    // The traces that the "search result" scope shows.
    void setSearchScope(std::vector<TraceId> traceIds);

    void setScope(Scope scope);
    Scope scope() const;
    void setSources(const DependencySources& sources);
    DependencySources sources() const;

    DependencyGraphView* view() const { return m_view; }
    QString statusText() const;
    bool isBusy() const { return m_pendingQueries > 0; }

signals:
    // A service or edge was clicked: search the traces that contain it (in the scope's time window).
    void searchRequested(const skein::TraceFilter& filter);
    // The graph of the newest request is drawn (or failed).
    void graphShown();

protected:
    void showEvent(QShowEvent* event) override; // the first show computes the graph

private:
    void showGraph(DependencyGraph graph, uint64_t generation, std::optional<std::pair<int64_t, int64_t>> window);
    void updateScopeChoices();
    void updateFocusChoices();
    void applyFocus();
    void forwardSearch(TraceFilter filter);
    void exportGraph(bool svg);
    void layoutDone();

    QString m_databasePath;
    DependencyGraphView* m_view = nullptr;
    QComboBox* m_scope = nullptr;
    QCheckBox* m_spans = nullptr;
    QCheckBox* m_endpoint = nullptr;
    QCheckBox* m_file = nullptr;
    QComboBox* m_focus = nullptr;
    QSpinBox* m_hops = nullptr;
    QLabel* m_status = nullptr;

    std::optional<TraceId> m_trace;
    std::vector<TraceId> m_searchResult;
    std::optional<std::pair<int64_t, int64_t>> m_window; // the time scope of the shown graph
    uint64_t m_generation = 0;
    int m_pendingQueries = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int64_t m_queryMs = 0;
    bool m_refreshedOnce = false;
};

} // namespace skein
