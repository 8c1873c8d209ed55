// SPDX-License-Identifier: MIT
// Graph layout with Graphviz, off the GUI thread. Graphviz keeps global state and is not thread-safe, so
// one layout runs at a time (a process-wide mutex); a newer request makes older results stale, and a
// stale result is dropped instead of shown.
#pragma once

#include <QObject>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <cstdint>
#include <vector>

namespace skein {

struct GraphLayoutInput {
    enum class Engine {
        Automatic, // dot for layered graphs up to a few hundred nodes, sfdp for bigger ones
        Dot,
        Sfdp,
    };
    struct Edge {
        int from = 0; // indexes into nodeSizes
        int to = 0;
    };
    std::vector<QSizeF> nodeSizes; // in scene units (points)
    std::vector<Edge> edges;
    Engine engine = Engine::Automatic;
};

struct GraphLayout {
    uint64_t generation = 0;
    QString engine; // "dot" or "sfdp"
    std::vector<QPointF> nodeCenters; // scene coordinates, y down
    // Per edge: a cubic Bézier chain start, c1, c2, end, c1, c2, end, ... from the tail's border to the
    // head's border (or to the arrow's base when arrowTips holds the tip).
    std::vector<std::vector<QPointF>> edgePaths;
    std::vector<QPointF> arrowTips; // where the arrow points; the path's last point when Graphviz gave none
    QRectF bounds;
    int64_t elapsedMs = 0;
    QString error;
};

// Which engine Automatic picks for a graph of this size.
GraphLayoutInput::Engine chooseLayoutEngine(size_t nodes, size_t edges);

// Lays a graph out on the calling thread (waiting for any other layout to finish first).
GraphLayout layoutGraph(const GraphLayoutInput& input);

// Runs layouts on a worker thread and reports the newest one only.
class GraphLayouter : public QObject {
    Q_OBJECT
public:
    explicit GraphLayouter(QObject* parent = nullptr);
    ~GraphLayouter() override;

    // Starts a layout; returns its generation. Results of earlier generations are no longer reported.
    uint64_t start(GraphLayoutInput input);
    // Drops the running layout's result.
    void cancel();
    uint64_t generation() const { return m_generation; }
    bool isRunning() const { return m_running > 0; }

signals:
    void finished(const skein::GraphLayout& layout);

private:
    uint64_t m_generation = 0;
    int m_running = 0;
};

} // namespace skein
