// SPDX-License-Identifier: MIT
// Graphviz layouts: nodes inside the bounding box, edges from their tail to their head, the big corpus
// graph within seconds, and stale results dropped.
#include "graphlayout.h"
#include "jaegerquery.h"
#include "threadcputime.h"

#include <QFile>
#include <QLineF>
#include <QSignalSpy>
#include <QTest>

#include <map>

using namespace skein;
using skein::test::threadCpuMs;

namespace {

qreal distanceToRect(const QPointF& point, const QRectF& rect)
{
    const qreal dx = std::max({ rect.left() - point.x(), 0.0, point.x() - rect.right() });
    const qreal dy = std::max({ rect.top() - point.y(), 0.0, point.y() - rect.bottom() });
    return std::hypot(dx, dy);
}

QRectF nodeRect(const GraphLayout& layout, const GraphLayoutInput& input, int node)
{
    const QSizeF size = input.nodeSizes[size_t(node)];
    return QRectF(layout.nodeCenters[size_t(node)] - QPointF(size.width() / 2, size.height() / 2), size);
}

// Every node inside the box; every edge leaves its tail's border and points at its head's border.
void verifySane(const GraphLayout& layout, const GraphLayoutInput& input, qreal tolerance)
{
    QVERIFY2(layout.error.isEmpty(), qPrintable(layout.error));
    QCOMPARE(layout.nodeCenters.size(), input.nodeSizes.size());
    QCOMPARE(layout.edgePaths.size(), input.edges.size());
    const QRectF box = layout.bounds.adjusted(-1, -1, 1, 1);
    for (int node = 0; node < int(input.nodeSizes.size()); ++node)
        QVERIFY2(box.contains(nodeRect(layout, input, node)), qPrintable(QStringLiteral("node %1").arg(node)));
    for (size_t i = 0; i < input.edges.size(); ++i) {
        const std::vector<QPointF>& path = layout.edgePaths[i];
        QVERIFY(path.size() >= 4);
        QCOMPARE((path.size() - 1) % 3, size_t(0));
        const QRectF tail = nodeRect(layout, input, input.edges[i].from);
        const QRectF head = nodeRect(layout, input, input.edges[i].to);
        QVERIFY2(distanceToRect(path.front(), tail) <= tolerance,
            qPrintable(
                QStringLiteral("edge %1 starts %2 away from its tail").arg(i).arg(distanceToRect(path.front(), tail))));
        QVERIFY2(distanceToRect(layout.arrowTips[i], head) <= tolerance,
            qPrintable(QStringLiteral("edge %1 ends %2 away from its head")
                           .arg(i)
                           .arg(distanceToRect(layout.arrowTips[i], head))));
    }
}

} // namespace

class TestGraphLayout : public QObject {
    Q_OBJECT

private slots:
    void smallGraphIsLayeredAndSane();
    void engineDependsOnSize();
    void emptyGraphIsEmpty();
    void staleResultsAreDropped();
    void largeCorpusGraphLaysOutInSeconds();
};

void TestGraphLayout::smallGraphIsLayeredAndSane()
{
    GraphLayoutInput input;
    input.nodeSizes = { { 120, 36 }, { 90, 36 }, { 150, 36 }, { 80, 36 }, { 100, 36 } };
    input.edges = { { 0, 1 }, { 1, 2 }, { 1, 3 }, { 0, 4 }, { 4, 2 } };
    const GraphLayout layout = layoutGraph(input);
    QCOMPARE(layout.engine, QStringLiteral("dot"));
    verifySane(layout, input, 3);
    // Left to right: each callee lies right of its caller.
    for (const GraphLayoutInput::Edge& edge : input.edges)
        QVERIFY(layout.nodeCenters[size_t(edge.to)].x() > layout.nodeCenters[size_t(edge.from)].x());
    // No two boxes overlap.
    for (int a = 0; a < 5; ++a)
        for (int b = a + 1; b < 5; ++b)
            QVERIFY(!nodeRect(layout, input, a).intersects(nodeRect(layout, input, b)));
}

void TestGraphLayout::engineDependsOnSize()
{
    QCOMPARE(chooseLayoutEngine(30, 60), GraphLayoutInput::Engine::Dot);
    QCOMPARE(chooseLayoutEngine(1238, 4271), GraphLayoutInput::Engine::Sfdp);
    GraphLayoutInput input;
    input.nodeSizes = { { 60, 30 }, { 60, 30 }, { 60, 30 } };
    input.edges = { { 0, 1 }, { 1, 2 }, { 2, 0 } };
    input.engine = GraphLayoutInput::Engine::Sfdp;
    const GraphLayout layout = layoutGraph(input);
    QCOMPARE(layout.engine, QStringLiteral("sfdp"));
    verifySane(layout, input, 3);
}

void TestGraphLayout::emptyGraphIsEmpty()
{
    const GraphLayout layout = layoutGraph({});
    QVERIFY(layout.error.isEmpty());
    QVERIFY(layout.nodeCenters.empty());
}

void TestGraphLayout::staleResultsAreDropped()
{
    GraphLayouter layouter;
    QSignalSpy finished(&layouter, &GraphLayouter::finished);
    GraphLayoutInput first;
    first.nodeSizes = { { 60, 30 }, { 60, 30 } };
    first.edges = { { 0, 1 } };
    GraphLayoutInput second;
    second.nodeSizes = { { 60, 30 }, { 60, 30 }, { 60, 30 } };
    second.edges = { { 0, 1 }, { 0, 2 } };
    layouter.start(first);
    const uint64_t newest = layouter.start(second);
    QTRY_VERIFY(!layouter.isRunning());
    QCOMPARE(finished.size(), 1);
    const auto layout = finished.first().first().value<GraphLayout>();
    QCOMPARE(layout.generation, newest);
    QCOMPARE(layout.nodeCenters.size(), size_t(3));

    layouter.start(first);
    layouter.cancel();
    QTRY_VERIFY(!layouter.isRunning());
    QCOMPARE(finished.size(), 1);
}

void TestGraphLayout::largeCorpusGraphLaysOutInSeconds()
{
    QFile file(QStringLiteral(SKEIN_CORPUS_DIR "/jaeger-api/v1/dependencies-data-large.json"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("the shared corpus is absent (jaeger-api/v1/dependencies-data-large.json)");
    std::vector<DependencyLink> links;
    QString error;
    QVERIFY2(JaegerQuery::parseDependencies(file.readAll(), &links, &error), qPrintable(error));
    QCOMPARE(links.size(), size_t(4271));
    std::map<QString, int> nodes;
    GraphLayoutInput input;
    auto node = [&](const QString& name) {
        const auto [it, added] = nodes.emplace(name, int(nodes.size()));
        if (added)
            input.nodeSizes.push_back({ 110, 36 });
        return it->second;
    };
    for (const DependencyLink& link : links)
        input.edges.push_back({ node(link.parent), node(link.child) });
    QCOMPARE(nodes.size(), size_t(1238));

    const qint64 started = threadCpuMs();
    const GraphLayout layout = layoutGraph(input);
    const qint64 elapsed = threadCpuMs() - started; // processor time: other processes cannot push it over
    qInfo("1238 services, 4271 edges: %s layout in %lld ms", qPrintable(layout.engine), elapsed);
    QCOMPARE(layout.engine, QStringLiteral("sfdp"));
    QVERIFY2(elapsed < 15000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    verifySane(layout, input, 6);
}

QTEST_GUILESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
