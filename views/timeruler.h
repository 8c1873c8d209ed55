// SPDX-License-Identifier: MIT
// The time axis above a TimelineView's bars: tick labels as offsets from the trace start, aligned with
// the bars whatever the splitter and scroll bar do. Dragging across it zooms the timeline to the
// dragged range; a double click shows the whole trace again.
#pragma once

#include <QWidget>

#include <optional>

namespace skein {

class TimelineView;

class TimeRuler : public QWidget {
    Q_OBJECT
public:
    explicit TimeRuler(TimelineView* timeline, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
    // The timeline's bar area in this widget's x coordinates: [left, right).
    std::pair<int, int> barsSpan() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    TimelineView* m_timeline;
    std::optional<int> m_dragFrom;
    int m_dragTo = 0;
};

} // namespace skein
