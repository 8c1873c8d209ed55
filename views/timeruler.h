// SPDX-License-Identifier: MIT
// The time axis above the bars of a waterfall or flame chart: tick labels as offsets from the trace
// start, aligned with the bars whatever the splitter and scroll bar do. Dragging across it zooms the
// view to the dragged range; a double click shows the whole trace again.
#pragma once

#include <QWidget>

#include <optional>

namespace skein {

class TimeAxisView;

class TimeRuler : public QWidget {
    Q_OBJECT
public:
    explicit TimeRuler(TimeAxisView* view, QWidget* parent = nullptr);
    // The view whose time axis this is (the trace view switches it with its mode).
    void setView(TimeAxisView* view);
    TimeAxisView* view() const { return m_view; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
    // The view's bar area in this widget's x coordinates: [left, right).
    std::pair<int, int> barsSpan() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    TimeAxisView* m_view = nullptr;
    std::optional<int> m_dragFrom;
    int m_dragTo = 0;
};

} // namespace skein
