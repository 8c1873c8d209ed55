// SPDX-License-Identifier: MIT
#include "graphlayout.h"

#include "backgroundthreads.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <mutex>
#include <string>

namespace skein {

namespace {

// Graphviz keeps global state (the error level, the context's plugin tables, cgraph's string pool).
std::mutex& graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

// Above this, dot's crossing minimisation and spline routing take far too long: a force-directed layout
// with straight edges stays within seconds for thousands of nodes.
constexpr size_t dotNodeLimit = 300;
constexpr size_t dotEdgeLimit = 1200;
constexpr double pointsPerInch = 72.0;

// The Graphviz 2.x API takes char* for names and values it never changes.
char* text(const char* literal)
{
    return const_cast<char*>(literal);
}

void set(void* object, const char* name, const std::string& value)
{
    agsafeset(object, text(name), const_cast<char*>(value.c_str()), text(""));
}

std::string number(double value)
{
    return QByteArray::number(value, 'f', 4).toStdString();
}

class GraphvizGraph {
public:
    GraphvizGraph()
        : m_context(gvContext())
        , m_graph(agopen(text("skein"), Agdirected, nullptr))
    {
    }
    ~GraphvizGraph()
    {
        if (m_laidOut)
            gvFreeLayout(m_context, m_graph);
        agclose(m_graph);
        gvFreeContext(m_context);
    }
    GraphvizGraph(const GraphvizGraph&) = delete;
    GraphvizGraph& operator=(const GraphvizGraph&) = delete;

    Agraph_t* graph() const { return m_graph; }
    bool layout(const char* engine)
    {
        m_laidOut = gvLayout(m_context, m_graph, engine) == 0;
        return m_laidOut;
    }

private:
    GVC_t* m_context;
    Agraph_t* m_graph;
    bool m_laidOut = false;
};

void setGraphAttributes(Agraph_t* graph, bool layered)
{
    if (layered) {
        // Left to right reads like a call chain and fits a wide window; splines route around the boxes.
        set(graph, "rankdir", "LR");
        set(graph, "nodesep", "0.35");
        set(graph, "ranksep", "1.25"); // room for a call-count label between two ranks
        set(graph, "splines", "spline");
    } else {
        set(graph, "splines", "false");
        set(graph, "overlap", "prism");
        set(graph, "sep", "+6");
        set(graph, "K", "1.2");
        set(graph, "repulsiveforce", "1.2");
        set(graph, "outputorder", "edgesfirst");
    }
    set(graph, "pad", "0.2");
}

} // namespace

GraphLayoutInput::Engine chooseLayoutEngine(size_t nodes, size_t edges)
{
    return nodes <= dotNodeLimit && edges <= dotEdgeLimit ? GraphLayoutInput::Engine::Dot
                                                          : GraphLayoutInput::Engine::Sfdp;
}

GraphLayout layoutGraph(const GraphLayoutInput& input)
{
    QElapsedTimer timer;
    timer.start();
    GraphLayout result;
    GraphLayoutInput::Engine engine = input.engine;
    if (engine == GraphLayoutInput::Engine::Automatic)
        engine = chooseLayoutEngine(input.nodeSizes.size(), input.edges.size());
    const bool layered = engine == GraphLayoutInput::Engine::Dot;
    result.engine = layered ? QStringLiteral("dot") : QStringLiteral("sfdp");
    if (input.nodeSizes.empty())
        return result;

    const std::lock_guard lock(graphvizMutex());
    agseterr(AGERR); // warnings (e.g. about overlap removal) go nowhere useful in a GUI
    GraphvizGraph graphviz;
    Agraph_t* graph = graphviz.graph();
    setGraphAttributes(graph, layered);
    agattr(graph, AGNODE, text("shape"), text("box"));
    agattr(graph, AGNODE, text("fixedsize"), text("true"));
    agattr(graph, AGNODE, text("label"), text(""));
    agattr(graph, AGNODE, text("width"), text("1"));
    agattr(graph, AGNODE, text("height"), text("0.5"));

    std::vector<Agnode_t*> nodes;
    nodes.reserve(input.nodeSizes.size());
    for (size_t i = 0; i < input.nodeSizes.size(); ++i) {
        const std::string name = "n" + std::to_string(i);
        Agnode_t* node = agnode(graph, const_cast<char*>(name.c_str()), 1);
        set(node, "width", number(input.nodeSizes[i].width() / pointsPerInch));
        set(node, "height", number(input.nodeSizes[i].height() / pointsPerInch));
        nodes.push_back(node);
    }
    std::vector<Agedge_t*> edges;
    edges.reserve(input.edges.size());
    for (const GraphLayoutInput::Edge& edge : input.edges) {
        const bool valid
            = edge.from >= 0 && edge.to >= 0 && size_t(edge.from) < nodes.size() && size_t(edge.to) < nodes.size();
        edges.push_back(valid ? agedge(graph, nodes[size_t(edge.from)], nodes[size_t(edge.to)], nullptr, 1) : nullptr);
    }

    if (!graphviz.layout(layered ? "dot" : "sfdp")) {
        result.error = QStringLiteral("Graphviz could not lay out the graph (%1)").arg(result.engine);
        return result;
    }

    // Graphviz's y axis points up; the scene's points down.
    const boxf box = GD_bb(graph);
    const double top = box.UR.y;
    auto toScene = [top](pointf point) { return QPointF(point.x, top - point.y); };
    result.bounds = QRectF(QPointF(box.LL.x, 0), QPointF(box.UR.x, box.UR.y - box.LL.y));
    result.nodeCenters.reserve(nodes.size());
    for (Agnode_t* node : nodes)
        result.nodeCenters.push_back(toScene(ND_coord(node)));

    result.edgePaths.resize(edges.size());
    result.arrowTips.resize(edges.size());
    for (size_t i = 0; i < edges.size(); ++i) {
        std::vector<QPointF>& path = result.edgePaths[i];
        const splines* spline = edges[i] ? ED_spl(edges[i]) : nullptr;
        if (spline && spline->size > 0 && spline->list[0].size >= 4) {
            const bezier& curve = spline->list[0];
            path.reserve(size_t(curve.size));
            for (int p = 0; p < curve.size; ++p)
                path.push_back(toScene(curve.list[p]));
            result.arrowTips[i] = curve.eflag ? toScene(curve.ep) : path.back();
        } else if (edges[i]) {
            // No routed spline (e.g. an engine without one): a straight segment between the centres.
            const QPointF from = result.nodeCenters[size_t(input.edges[i].from)];
            const QPointF to = result.nodeCenters[size_t(input.edges[i].to)];
            path = { from, from + (to - from) / 3, from + (to - from) * 2 / 3, to };
            result.arrowTips[i] = to;
        }
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

GraphLayouter::GraphLayouter(QObject* parent)
    : QObject(parent)
{
}

GraphLayouter::~GraphLayouter() = default;

uint64_t GraphLayouter::start(GraphLayoutInput input)
{
    const uint64_t generation = ++m_generation;
    ++m_running;
    auto* watcher = new QFutureWatcher<GraphLayout>(this);
    connect(watcher, &QFutureWatcher<GraphLayout>::finished, this, [this, watcher, generation] {
        --m_running;
        GraphLayout layout = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer layout was asked for meanwhile
        layout.generation = generation;
        emit finished(layout);
    });
    watcher->setFuture(
        QtConcurrent::run(backgroundThreads(), [input = std::move(input)] { return layoutGraph(input); }));
    return generation;
}

void GraphLayouter::cancel()
{
    ++m_generation;
}

} // namespace skein
