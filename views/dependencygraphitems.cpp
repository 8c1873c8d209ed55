// SPDX-License-Identifier: MIT
#include "dependencygraphitems.h"

#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace skein {

namespace {

constexpr qreal horizontalPadding = 10;
constexpr qreal verticalPadding = 5;
constexpr qreal stripeWidth = 5;
constexpr qreal cornerRadius = 5;
// Below this zoom text is a few pixels high: unreadable, and the slowest thing to paint.
constexpr qreal textDetailLimit = 0.45;
constexpr qreal labelDetailLimit = 0.5;

qreal levelOfDetail(const QPainter* painter, const QStyleOptionGraphicsItem* option)
{
    return option->levelOfDetailFromTransform(painter->worldTransform());
}

} // namespace

ServiceNodeItem::ServiceNodeItem(int node, QString name, QString stats, QSizeF size, Look look)
    : m_node(node)
    , m_name(std::move(name))
    , m_stats(std::move(stats))
    , m_rect(QPointF(-size.width() / 2, -size.height() / 2), size)
    , m_look(std::move(look))
{
    setAcceptHoverEvents(true);
    setZValue(1);
}

QSizeF ServiceNodeItem::sizeFor(
    const QString& name, const QString& stats, const QFont& nameFont, const QFont& statsFont)
{
    const QFontMetricsF nameMetrics(nameFont);
    const QFontMetricsF statsMetrics(statsFont);
    const qreal width = std::max(nameMetrics.horizontalAdvance(name), statsMetrics.horizontalAdvance(stats));
    return { std::ceil(width + 2 * horizontalPadding + stripeWidth),
        std::ceil(nameMetrics.height() + statsMetrics.height() + 2 * verticalPadding) };
}

QRectF ServiceNodeItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void ServiceNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal detail = levelOfDetail(painter, option);
    if (detail < textDetailLimit) {
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(m_emphasized ? m_look.text : m_look.border, 0));
        painter->setBrush(m_look.fill);
        painter->drawRect(m_rect);
        painter->fillRect(QRectF(m_rect.topLeft(), QSizeF(stripeWidth, m_rect.height())), m_look.stripe);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(m_emphasized ? m_look.text : m_look.border, m_emphasized ? 2.0 : 1.0));
    painter->setBrush(m_look.fill);
    painter->drawRoundedRect(m_rect, cornerRadius, cornerRadius);
    QPainterPath stripe;
    stripe.addRoundedRect(m_rect, cornerRadius, cornerRadius);
    painter->save();
    painter->setClipPath(stripe);
    painter->fillRect(QRectF(m_rect.topLeft(), QSizeF(stripeWidth, m_rect.height())), m_look.stripe);
    painter->restore();

    const QRectF textArea = m_rect.adjusted(
        stripeWidth + horizontalPadding - 2, verticalPadding, -horizontalPadding + 2, -verticalPadding);
    const qreal nameHeight = QFontMetricsF(m_look.nameFont).height();
    painter->setPen(m_look.text);
    painter->setFont(m_look.nameFont);
    painter->drawText(QRectF(textArea.topLeft(), QSizeF(textArea.width(), nameHeight)),
        Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextSingleLine, m_name);
    painter->setFont(m_look.statsFont);
    painter->drawText(
        QRectF(textArea.left(), textArea.top() + nameHeight, textArea.width(), textArea.height() - nameHeight),
        Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextSingleLine, m_stats);
}

void ServiceNodeItem::setEmphasized(bool emphasized)
{
    if (m_emphasized == emphasized)
        return;
    m_emphasized = emphasized;
    update();
}

void ServiceNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event)
{
    if (m_hover)
        m_hover(m_node);
    QGraphicsItem::hoverEnterEvent(event);
}

void ServiceNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event)
{
    if (m_hover)
        m_hover(-1);
    QGraphicsItem::hoverLeaveEvent(event);
}

DependencyEdgeItem::DependencyEdgeItem(
    int edge, const std::vector<QPointF>& path, QPointF tip, QString label, Look look)
    : m_edge(edge)
    , m_tip(tip)
    , m_label(std::move(label))
    , m_look(std::move(look))
{
    if (path.empty())
        return;
    m_path.moveTo(path.front());
    for (size_t i = 1; i + 2 < path.size(); i += 3)
        m_path.cubicTo(path[i], path[i + 1], path[i + 2]);

    // The arrow sits between the line's end and the tip; when Graphviz gave no separate tip, the line's
    // last stretch carries it.
    const QPointF end = path.back();
    QLineF direction(end, tip);
    const qreal length = 7 + 1.5 * m_look.width;
    if (direction.length() < 1) {
        const QPointF before = path.size() >= 2 ? path[path.size() - 2] : end;
        direction = QLineF(before, end);
        m_tip = end;
    }
    const QLineF unit = direction.unitVector();
    const QPointF along = (unit.p2() - unit.p1());
    const QPointF across(-along.y(), along.x());
    const QPointF base = m_tip - along * length;
    const qreal halfWidth = 3 + 0.9 * m_look.width;
    m_arrow = QPolygonF({ m_tip, base + across * halfWidth, base - across * halfWidth });
    m_path.lineTo(base);
    const QLineF chord(path.front(), base);
    const auto offChord = [&chord](const QPointF& point) {
        const QLineF normal = chord.normalVector();
        const qreal length = chord.length();
        if (length < 1e-6)
            return qreal(0);
        return std::abs((point.x() - chord.p1().x()) * normal.dx() + (point.y() - chord.p1().y()) * normal.dy())
            / length;
    };
    if (path.size() == 4 && offChord(path[1]) < 0.5 && offChord(path[2]) < 0.5)
        m_line = chord;

    m_labelCenter = m_path.pointAtPercent(0.5);
    if (!m_label.isEmpty()) {
        const QFontMetricsF metrics(m_look.labelFont);
        const QSizeF size(metrics.horizontalAdvance(m_label) + 6, metrics.height());
        m_labelRect = QRectF(m_labelCenter - QPointF(size.width() / 2, size.height() / 2), size);
    }
    const qreal margin = m_look.width + 2;
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-margin, -margin, margin, margin);
    if (!m_labelRect.isNull())
        m_bounds = m_bounds.united(m_labelRect);
}

QRectF DependencyEdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath DependencyEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(std::max<qreal>(m_look.width, 6));
    QPainterPath band = stroker.createStroke(m_path);
    band.addPolygon(m_arrow);
    if (!m_labelRect.isNull())
        band.addRect(m_labelRect);
    return band;
}

void DependencyEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal detail = levelOfDetail(painter, option);
    painter->setRenderHint(QPainter::Antialiasing, !m_look.fast && detail >= textDetailLimit);
    const QPen pen(m_look.color, m_look.width, m_look.fast ? Qt::SolidLine : m_look.style, Qt::FlatCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    if (m_line)
        painter->drawLine(*m_line);
    else
        painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_look.color);
    painter->drawPolygon(m_arrow);
    if (detail < labelDetailLimit || m_labelRect.isNull())
        return;
    painter->setBrush(m_look.labelBackground);
    painter->drawRoundedRect(m_labelRect, 3, 3);
    painter->setPen(m_look.labelColor);
    painter->setFont(m_look.labelFont);
    painter->drawText(m_labelRect, Qt::AlignCenter | Qt::TextSingleLine, m_label);
}

} // namespace skein
