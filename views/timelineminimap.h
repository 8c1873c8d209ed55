// SPDX-License-Identifier: MIT
// The whole trace at a glance above the waterfall or flame chart: every span as a thin line in tree
// order (errors in red; spans sharing a pixel merged), with the view's time window as a frame that can
// be dragged to pan, resized at its edges to zoom, or drawn anew by dragging outside it.
#pragma once

#include <QImage>
#include <QWidget>

#include <cstdint>
#include <vector>

namespace skein {

class TimeAxisView;

class TimelineMinimap : public QWidget {
    Q_OBJECT
public:
    explicit TimelineMinimap(TimeAxisView* view, QWidget* parent = nullptr);
    // The view whose time window the frame shows (the trace view switches it with its mode).
    void setView(TimeAxisView* view);
    TimeAxisView* view() const { return m_view; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // The window frame, in this widget's coordinates.
    QRect windowFrame() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    enum class Drag { None, Move, LeftEdge, RightEdge, NewRange };
    QRect overviewRect() const;
    double xOf(int64_t ns) const;
    int64_t nsAt(double x) const;
    Drag dragAt(int x) const;
    void renderOverview();
    void renderMergedOverview(const std::vector<QColor>& colors, const QColor& error);

    TimeAxisView* m_view = nullptr;
    QImage m_overview; // cached: going over 1M spans every frame would not do
    Drag m_drag = Drag::None;
    int m_dragStartX = 0;
    int64_t m_dragStartNs = 0;
    int64_t m_dragEndNs = 0;
};

} // namespace skein
