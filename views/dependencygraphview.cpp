// SPDX-License-Identifier: MIT
#include "dependencygraphview.h"

#include "dependencygraphitems.h"
#include "durationtext.h"
#include "servicepalette.h"

#include <QApplication>
#include <QImage>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <deque>
#include <unordered_set>

namespace skein {

namespace {

constexpr qreal minimumZoom = 0.01;
constexpr qreal maximumZoom = 8.0;
constexpr qreal zoomStep = 1.25;
constexpr qreal dimmedOpacity = 0.12;
constexpr qreal sceneMargin = 24;

QColor mix(const QColor& from, const QColor& to, qreal amount)
{
    amount = std::clamp<qreal>(amount, 0, 1);
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * amount),
        float(from.greenF() + (to.greenF() - from.greenF()) * amount),
        float(from.blueF() + (to.blueF() - from.blueF()) * amount));
}

// 1234 -> "1.2k": an edge label must stay short.
QString compactCount(int64_t count)
{
    if (count < 1000)
        return QString::number(count);
    if (count < 1000000)
        return QString::number(double(count) / 1e3, 'f', count < 10000 ? 1 : 0) + u'k';
    if (count < 1000000000)
        return QString::number(double(count) / 1e6, 'f', count < 10000000 ? 1 : 0) + u'M';
    return QString::number(double(count) / 1e9, 'f', 1) + u'G';
}

// An error rate of a few percent must already show: the colour follows the square root of the rate.
qreal errorShade(const DependencyService& service)
{
    if (service.spanCount <= 0)
        return 0;
    return std::sqrt(double(service.errorCount) / double(service.spanCount));
}

// Green through yellow and orange to the error red (a straight RGB mix would pass through brown).
QColor healthTint(const QColor& healthy, const QColor& failing, qreal amount)
{
    amount = std::clamp<qreal>(amount, 0, 1);
    const float hue = healthy.hsvHueF() + (failing.hsvHueF() - healthy.hsvHueF()) * float(amount);
    const float saturation
        = healthy.hsvSaturationF() + (failing.hsvSaturationF() - healthy.hsvSaturationF()) * float(amount);
    const float value = healthy.valueF() + (failing.valueF() - healthy.valueF()) * float(amount);
    return QColor::fromHsvF(std::max(hue, 0.0f), saturation, value);
}

QColor healthyColor(const QPalette& palette)
{
    return ServicePalette::isDark(palette) ? QColor(0x2e, 0x7d, 0x32) : QColor(0x81, 0xc7, 0x84);
}

} // namespace

DependencyGraphView::DependencyGraphView(QWidget* parent)
    : QGraphicsView(parent)
    , m_layouter(new GraphLayouter(this))
{
    setScene(new QGraphicsScene(this));
    setAccessibleName(tr("Service dependency graph"));
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::Antialiasing, true);
    setRenderHint(QPainter::TextAntialiasing, true);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setBackgroundBrush(palette().color(QPalette::Base));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    connect(m_layouter, &GraphLayouter::finished, this, &DependencyGraphView::showLayout);
}

DependencyGraphView::~DependencyGraphView() = default;

void DependencyGraphView::setGraph(DependencyGraph graph)
{
    m_graph = std::move(graph);
    m_nodeByName.clear();
    for (size_t i = 0; i < m_graph.services.size(); ++i)
        m_nodeByName.emplace(m_graph.services[i].name, int(i));
    m_edgeEnds.clear();
    m_maxCalls = 1;
    for (const DependencyEdge& edge : m_graph.edges) {
        m_edgeEnds.emplace_back(nodeIndex(edge.parent), nodeIndex(edge.child));
        m_maxCalls = std::max(m_maxCalls, edge.callCount);
    }
    if (!m_focusService.isEmpty() && nodeIndex(m_focusService) < 0)
        m_focusService.clear();
    m_highlightedNode = -1;
    m_fitAfterLayout = true;
    relayout();
}

int DependencyGraphView::nodeIndex(const QString& service) const
{
    const auto found = m_nodeByName.find(service);
    return found == m_nodeByName.end() ? -1 : found->second;
}

void DependencyGraphView::setFocusService(const QString& service, int hops)
{
    const QString focus = nodeIndex(service) >= 0 ? service : QString();
    hops = std::max(1, hops);
    if (focus == m_focusService && (focus.isEmpty() || hops == m_focusHops))
        return;
    m_focusService = focus;
    m_focusHops = hops;
    m_highlightedNode = -1;
    m_fitAfterLayout = true;
    relayout();
}

void DependencyGraphView::relayout()
{
    const int nodeCount = int(m_graph.services.size());
    std::vector<bool> visible(size_t(nodeCount), m_focusService.isEmpty());
    if (!m_focusService.isEmpty()) {
        // Callers upstream and callees downstream, each up to m_focusHops calls away.
        std::vector<std::vector<int>> callees(static_cast<size_t>(nodeCount));
        std::vector<std::vector<int>> callers(static_cast<size_t>(nodeCount));
        for (const auto& [parent, child] : m_edgeEnds) {
            callees[size_t(parent)].push_back(child);
            callers[size_t(child)].push_back(parent);
        }
        const int focus = nodeIndex(m_focusService);
        for (const auto* neighbours : { &callees, &callers }) {
            std::vector<int> distance(static_cast<size_t>(nodeCount), -1);
            std::deque<int> queue { focus };
            distance[size_t(focus)] = 0;
            while (!queue.empty()) {
                const int node = queue.front();
                queue.pop_front();
                visible[size_t(node)] = true;
                if (distance[size_t(node)] == m_focusHops)
                    continue;
                for (int next : (*neighbours)[size_t(node)]) {
                    if (distance[size_t(next)] < 0) {
                        distance[size_t(next)] = distance[size_t(node)] + 1;
                        queue.push_back(next);
                    }
                }
            }
        }
    }

    m_pendingNodes.clear();
    m_pendingEdges.clear();
    std::vector<int> position(size_t(nodeCount), -1);
    GraphLayoutInput input;
    const QFont nameFont = [this] {
        QFont font = this->font();
        font.setBold(true);
        return font;
    }();
    for (int node = 0; node < nodeCount; ++node) {
        if (!visible[size_t(node)])
            continue;
        position[size_t(node)] = int(m_pendingNodes.size());
        m_pendingNodes.push_back(node);
        const auto [name, stats] = nodeTexts(m_graph.services[size_t(node)]);
        input.nodeSizes.push_back(ServiceNodeItem::sizeFor(name, stats, nameFont, font()));
    }
    for (size_t edge = 0; edge < m_edgeEnds.size(); ++edge) {
        const auto [parent, child] = m_edgeEnds[edge];
        if (position[size_t(parent)] < 0 || position[size_t(child)] < 0)
            continue;
        m_pendingEdges.push_back(int(edge));
        input.edges.push_back({ position[size_t(parent)], position[size_t(child)] });
    }
    emit layoutStarted();
    m_layouter->start(std::move(input));
}

std::pair<QString, QString> DependencyGraphView::nodeTexts(const DependencyService& service) const
{
    const QString name = service.name.isEmpty() ? tr("(no service name)") : service.name;
    if (service.spanCount <= 0)
        return { name, tr("no spans") };
    return { name,
        tr("%1 spans, %2% errors")
            .arg(compactCount(service.spanCount),
                QString::number(100.0 * double(service.errorCount) / double(service.spanCount), 'f', 1)) };
}

bool DependencyGraphView::isLayoutPending() const
{
    return m_layouter->isRunning();
}

void DependencyGraphView::showLayout(const GraphLayout& layout)
{
    m_layout = layout;
    m_shownNodes = m_pendingNodes;
    m_shownEdges = m_pendingEdges;
    rebuildScene();
    if (m_fitAfterLayout)
        fitToView();
    m_fitAfterLayout = false;
    emit layoutFinished();
}

void DependencyGraphView::rebuildScene()
{
    m_nodeItems.clear();
    m_edgeItems.clear();
    m_itemOfNode.clear();
    m_itemOfEdge.clear();
    scene()->clear();
    setBackgroundBrush(palette().color(QPalette::Base));
    if (!m_layout.error.isEmpty() || m_layout.nodeCenters.size() != m_shownNodes.size())
        return;

    const QPalette colors = palette();
    const QColor healthy = healthyColor(colors);
    const QColor failing = ServicePalette::errorColor(colors);
    // Services known only from reported links have no figures to colour by.
    const QColor neutral = mix(colors.color(QPalette::Button), colors.color(QPalette::Text), 0.12);
    QFont nameFont = font();
    nameFont.setBold(true);
    QFont labelFont = font();
    labelFont.setPointSizeF(font().pointSizeF() * 0.85);

    for (size_t i = 0; i < m_shownNodes.size(); ++i) {
        const int node = m_shownNodes[i];
        const DependencyService& service = m_graph.services[size_t(node)];
        ServiceNodeItem::Look look;
        look.fill = service.spanCount > 0 ? healthTint(healthy, failing, errorShade(service)) : neutral;
        look.text = ServicePalette::textOn(look.fill);
        look.border = look.fill.darker(140);
        look.stripe = ServicePalette::colorFor(service.name, colors);
        look.nameFont = nameFont;
        look.statsFont = font();
        const auto [name, stats] = nodeTexts(service);
        const QSizeF size = ServiceNodeItem::sizeFor(name, stats, nameFont, font());
        auto* item = new ServiceNodeItem(node, name, stats, size, look);
        item->setPos(m_layout.nodeCenters[i]);
        item->setToolTip(tr("%1\n%2").arg(name, stats));
        item->setHoverHandler([this](int hovered) {
            highlightService(hovered >= 0 ? m_graph.services[size_t(hovered)].name : QString());
        });
        scene()->addItem(item);
        m_nodeItems.push_back(item);
        m_itemOfNode.emplace(node, item);
    }

    const QColor lineColor = colors.color(QPalette::Text);
    const double logMax = std::log10(double(std::max<int64_t>(m_maxCalls, 10)));
    for (size_t i = 0; i < m_shownEdges.size() && i < m_layout.edgePaths.size(); ++i) {
        const int edgeIndex = m_shownEdges[i];
        const DependencyEdge& edge = m_graph.edges[size_t(edgeIndex)];
        if (m_layout.edgePaths[i].empty())
            continue;
        DependencyEdgeItem::Look look;
        const double errorRate = edge.callCount > 0 ? double(edge.errorCount) / double(edge.callCount) : 0.0;
        QColor base = lineColor;
        base.setAlphaF(0.55f);
        look.color = errorRate > 0 ? mix(base, failing, 0.35 + std::sqrt(errorRate)) : base;
        look.color.setAlphaF(errorRate > 0 ? 0.85f : 0.55f);
        look.width = 1.0 + 3.5 * std::log10(double(std::max<int64_t>(edge.callCount, 1))) / logMax;
        look.style = edge.source == DependencySource::Spans ? Qt::SolidLine
            : edge.source == DependencySource::Endpoint     ? Qt::DashLine
                                                            : Qt::DotLine;
        look.labelFont = labelFont;
        look.fast = m_layout.engine != QStringLiteral("dot");
        look.labelColor = errorRate > 0 ? failing : colors.color(QPalette::Text);
        look.labelBackground = colors.color(QPalette::Base);
        look.labelBackground.setAlphaF(0.85f);
        QString label = compactCount(edge.callCount);
        if (edge.errorCount > 0)
            label = tr("%1 (%2 failed)").arg(label, compactCount(edge.errorCount));
        auto* item
            = new DependencyEdgeItem(edgeIndex, m_layout.edgePaths[i], m_layout.arrowTips[i], label, std::move(look));
        QString tip = tr("%1 → %2\n%n calls", nullptr, int(std::min<int64_t>(edge.callCount, INT32_MAX)))
                          .arg(edge.parent, edge.child);
        if (edge.source == DependencySource::Spans) {
            tip += u'\n'
                + tr("%1 failed, p50 %2, p99 %3")
                      .arg(edge.errorCount)
                      .arg(formatDuration(edge.p50Ns), formatDuration(edge.p99Ns));
        } else {
            tip += u'\n'
                + (edge.source == DependencySource::Endpoint ? tr("reported by a tracing backend")
                                                             : tr("read from a dependency-link file"));
        }
        item->setToolTip(tip);
        scene()->addItem(item);
        m_edgeItems.push_back(item);
        m_itemOfEdge.emplace(edgeIndex, item);
    }
    scene()->setSceneRect(m_layout.bounds.adjusted(-sceneMargin, -sceneMargin, sceneMargin, sceneMargin));
    applyHighlight();
}

QStringList DependencyGraphView::visibleServices() const
{
    QStringList names;
    for (int node : m_shownNodes)
        names.append(m_graph.services[size_t(node)].name);
    names.sort();
    return names;
}

std::optional<QPointF> DependencyGraphView::servicePosition(const QString& service) const
{
    const auto found = m_itemOfNode.find(nodeIndex(service));
    if (found == m_itemOfNode.end())
        return std::nullopt;
    return found->second->pos();
}

std::optional<QPointF> DependencyGraphView::edgePosition(const QString& parent, const QString& child) const
{
    for (const auto& [edge, item] : m_itemOfEdge) {
        const DependencyEdge& data = m_graph.edges[size_t(edge)];
        if (data.parent == parent && data.child == child)
            return item->labelPosition();
    }
    return std::nullopt;
}

void DependencyGraphView::highlightService(const QString& service)
{
    const int node = service.isEmpty() ? -1 : nodeIndex(service);
    if (node == m_highlightedNode)
        return;
    m_highlightedNode = node;
    applyHighlight();
}

QString DependencyGraphView::highlightedService() const
{
    return m_highlightedNode >= 0 ? m_graph.services[size_t(m_highlightedNode)].name : QString();
}

void DependencyGraphView::applyHighlight()
{
    const bool any = m_highlightedNode >= 0 && m_itemOfNode.count(m_highlightedNode);
    std::unordered_set<int> lit;
    if (any) {
        lit.insert(m_highlightedNode);
        for (const auto& [edge, item] : m_itemOfEdge) {
            const auto [parent, child] = m_edgeEnds[size_t(edge)];
            if (parent == m_highlightedNode)
                lit.insert(child);
            if (child == m_highlightedNode)
                lit.insert(parent);
        }
    }
    for (ServiceNodeItem* item : m_nodeItems) {
        item->setOpacity(!any || lit.count(item->node()) ? 1.0 : dimmedOpacity);
        item->setEmphasized(any && item->node() == m_highlightedNode);
    }
    for (DependencyEdgeItem* item : m_edgeItems) {
        const auto [parent, child] = m_edgeEnds[size_t(item->edge())];
        const bool incident = parent == m_highlightedNode || child == m_highlightedNode;
        item->setOpacity(!any || incident ? 1.0 : dimmedOpacity);
        item->setZValue(any && incident ? 0.5 : 0);
    }
}

bool DependencyGraphView::isServiceDimmed(const QString& service) const
{
    const auto found = m_itemOfNode.find(nodeIndex(service));
    return found != m_itemOfNode.end() && found->second->opacity() < 1.0;
}

bool DependencyGraphView::isEdgeDimmed(const QString& parent, const QString& child) const
{
    for (const auto& [edge, item] : m_itemOfEdge) {
        const DependencyEdge& data = m_graph.edges[size_t(edge)];
        if (data.parent == parent && data.child == child)
            return item->opacity() < 1.0;
    }
    return false;
}

qreal DependencyGraphView::zoom() const
{
    return transform().m11();
}

void DependencyGraphView::scaleBy(qreal factor)
{
    const qreal target = std::clamp(zoom() * factor, minimumZoom, maximumZoom);
    if (zoom() > 0)
        scale(target / zoom(), target / zoom());
}

void DependencyGraphView::zoomIn()
{
    scaleBy(zoomStep);
}

void DependencyGraphView::zoomOut()
{
    scaleBy(1 / zoomStep);
}

void DependencyGraphView::fitToView()
{
    const QRectF rect = scene()->sceneRect();
    if (rect.isEmpty())
        return;
    fitInView(rect, Qt::KeepAspectRatio);
    // A small graph is not blown up beyond a comfortable reading size.
    if (zoom() > 1.5)
        scaleBy(1.5 / zoom());
}

bool DependencyGraphView::exportSvg(const QString& path)
{
    const QRectF source = scene()->sceneRect();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(tr("Service dependencies"));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    painter.fillRect(QRectF(QPointF(0, 0), source.size()), palette().color(QPalette::Base));
    scene()->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    return painter.end();
}

bool DependencyGraphView::exportPng(const QString& path, qreal scale)
{
    const QRectF source = scene()->sceneRect();
    // A huge graph is scaled down to stay within what image viewers open.
    const qreal limit = 16384.0 / std::max<qreal>(1, std::max(source.width(), source.height()));
    scale = std::min(scale, limit);
    QImage image((source.size() * scale).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(image.size())), source);
    painter.end();
    return image.save(path, "PNG");
}

void DependencyGraphView::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta != 0)
        scaleBy(std::pow(1.0015, delta));
    event->accept();
}

void DependencyGraphView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_F:
    case Qt::Key_0:
        fitToView();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void DependencyGraphView::mousePressEvent(QMouseEvent* event)
{
    m_pressed = event->button() == Qt::LeftButton;
    m_pressPosition = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void DependencyGraphView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    if ((event->position().toPoint() - m_pressPosition).manhattanLength() < QApplication::startDragDistance())
        activateAt(event->position().toPoint());
}

void DependencyGraphView::activateAt(const QPoint& viewportPosition)
{
    for (QGraphicsItem* item : items(viewportPosition)) {
        if (auto* node = dynamic_cast<ServiceNodeItem*>(item)) {
            TraceFilter filter;
            filter.service = m_graph.services[size_t(node->node())].name;
            emit searchRequested(filter);
            return;
        }
        if (auto* edge = dynamic_cast<DependencyEdgeItem*>(item)) {
            TraceFilter filter;
            filter.service = m_graph.edges[size_t(edge->edge())].child;
            emit searchRequested(filter);
            return;
        }
    }
}

void DependencyGraphView::changeEvent(QEvent* event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        rebuildScene();
}

} // namespace skein
