// SPDX-License-Identifier: MIT
// The items of the dependency graph scene: one per service, one per edge. They paint simply and drop
// their text when zoomed far out, so that a graph of a thousand services pans smoothly.
#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

#include <functional>
#include <optional>

namespace skein {

class ServiceNodeItem : public QGraphicsItem {
public:
    struct Look {
        QColor fill;
        QColor border;
        QColor text;
        QColor stripe; // the service's colour in every other view
        QFont nameFont;
        QFont statsFont;
    };
    ServiceNodeItem(int node, QString name, QString stats, QSizeF size, Look look);

    int node() const { return m_node; }
    const QString& name() const { return m_name; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Called with the node on hover enter, with -1 on hover leave.
    void setHoverHandler(std::function<void(int)> handler) { m_hover = std::move(handler); }
    void setEmphasized(bool emphasized);

    // The size a node needs for its two lines of text.
    static QSizeF sizeFor(const QString& name, const QString& stats, const QFont& nameFont, const QFont& statsFont);

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    int m_node;
    QString m_name;
    QString m_stats;
    QRectF m_rect;
    Look m_look;
    bool m_emphasized = false;
    std::function<void(int)> m_hover;
};

class DependencyEdgeItem : public QGraphicsItem {
public:
    struct Look {
        QColor color;
        QColor labelColor;
        QColor labelBackground;
        qreal width = 1.0;
        Qt::PenStyle style = Qt::SolidLine;
        QFont labelFont;
        // Big graphs: no antialiasing and no dash patterns (dashing thousands of long lines stalls painting).
        bool fast = false;
    };
    // path: a cubic Bézier chain (start, c1, c2, end, ...); tip: where the arrow points.
    DependencyEdgeItem(int edge, const std::vector<QPointF>& path, QPointF tip, QString label, Look look);

    int edge() const { return m_edge; }
    QPointF labelPosition() const { return m_labelCenter; }
    QPointF startPoint() const { return m_path.pointAtPercent(0); }
    QPointF tip() const { return m_tip; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override; // a band around the line, for hovering and clicking
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    int m_edge;
    QPainterPath m_path;
    std::optional<QLineF> m_line; // when the path is straight: drawn as a line, far faster than a path
    QPolygonF m_arrow;
    QPointF m_tip;
    QString m_label;
    QPointF m_labelCenter;
    QRectF m_labelRect;
    QRectF m_bounds;
    Look m_look;
};

} // namespace skein
