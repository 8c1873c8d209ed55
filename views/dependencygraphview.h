// SPDX-License-Identifier: MIT
// The service dependency graph drawn: a box per service (name, span count, error rate as colour from
// green to the error red), an arrow per call relation (thickness by call count, the count as label;
// dashed when a tracing backend reported it, dotted when a file did). Ctrl+wheel or +/- zoom, dragging
// pans, F or 0 fits. Hovering a service highlights its callers and callees; focusing on a service shows
// only what lies within N calls up- and downstream of it. Clicking a service asks for the traces with a span
// of it; clicking an edge asks for the traces with a span of the called service (the side where the
// call's errors and latency are measured: a trace filter cannot say "a span of A whose child is in B").
#pragma once

#include "dependencyquery.h"
#include "graphlayout.h"
#include "tracestore.h"

#include <QGraphicsView>

#include <unordered_map>
#include <vector>

namespace skein {

class ServiceNodeItem;
class DependencyEdgeItem;

class DependencyGraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit DependencyGraphView(QWidget* parent = nullptr);
    ~DependencyGraphView() override;

    // Shows a new graph; the layout runs on a worker thread (layoutFinished() when it is drawn).
    void setGraph(DependencyGraph graph);
    const DependencyGraph& graph() const { return m_graph; }

    // Only service and its callers and callees up to hops calls away (a new layout). Empty: everything.
    void setFocusService(const QString& service, int hops);
    QString focusService() const { return m_focusService; }
    int focusHops() const { return m_focusHops; }

    void zoomIn();
    void zoomOut();
    void fitToView();
    qreal zoom() const;

    // The whole drawing, at the scale the scene has at zoom 1 (PNG: times scale).
    bool exportSvg(const QString& path);
    bool exportPng(const QString& path, qreal scale = 2.0);

    // What is drawn now.
    bool isLayoutPending() const;
    QString layoutEngine() const { return m_layout.engine; }
    int64_t layoutMilliseconds() const { return m_layout.elapsedMs; }
    QString layoutError() const { return m_layout.error; }
    QStringList visibleServices() const; // sorted
    int visibleEdgeCount() const { return int(m_edgeItems.size()); }
    // Scene positions, for tests and tools: the centre of a service's box, and of an edge's label.
    std::optional<QPointF> servicePosition(const QString& service) const;
    std::optional<QPointF> edgePosition(const QString& parent, const QString& child) const;

    // Highlights a service's neighbours and dims the rest (as hovering does). Empty: no highlight.
    void highlightService(const QString& service);
    QString highlightedService() const;
    bool isServiceDimmed(const QString& service) const;
    bool isEdgeDimmed(const QString& parent, const QString& child) const;

signals:
    void searchRequested(const skein::TraceFilter& filter);
    void layoutStarted();
    void layoutFinished();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void relayout();
    void showLayout(const GraphLayout& layout);
    void rebuildScene();
    void applyHighlight();
    void scaleBy(qreal factor);
    void activateAt(const QPoint& viewportPosition);
    int nodeIndex(const QString& service) const;
    std::pair<QString, QString> nodeTexts(const DependencyService& service) const; // name, figures

    DependencyGraph m_graph;
    std::vector<std::pair<int, int>> m_edgeEnds; // per graph edge: (parent node, child node)
    std::unordered_map<QString, int> m_nodeByName;
    int64_t m_maxCalls = 1;

    GraphLayouter* m_layouter = nullptr;
    // The nodes and edges (graph indexes) of the pending layout and of the drawn one.
    std::vector<int> m_pendingNodes;
    std::vector<int> m_pendingEdges;
    std::vector<int> m_shownNodes;
    std::vector<int> m_shownEdges;
    GraphLayout m_layout;
    bool m_fitAfterLayout = true;

    std::vector<ServiceNodeItem*> m_nodeItems; // by shown position
    std::vector<DependencyEdgeItem*> m_edgeItems;
    std::unordered_map<int, ServiceNodeItem*> m_itemOfNode;
    std::unordered_map<int, DependencyEdgeItem*> m_itemOfEdge;

    QString m_focusService;
    int m_focusHops = 1;
    int m_highlightedNode = -1;
    QPoint m_pressPosition;
    bool m_pressed = false;
};

} // namespace skein
