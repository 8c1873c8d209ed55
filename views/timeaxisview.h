// SPDX-License-Identifier: MIT
// A view of one trace whose x axis is time: the waterfall and the flame chart. It owns the time window
// (a TimeScale) with its zooming, panning and horizontal scroll bar, so that the time ruler and the
// minimap can sit on either view, and the trace view can hand the window from one mode to the other.
#pragma once

#include "timescale.h"

#include <QAbstractScrollArea>

#include <cstdint>

class QWheelEvent;

namespace skein {

class TraceDocument;

class TimeAxisView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimeAxisView(TraceDocument* document, QWidget* parent = nullptr);

    TraceDocument* document() const { return m_document; }
    const TimeScale& timeScale() const { return m_scale; }
    void setTimeWindow(int64_t startNs, int64_t endNs);
    // The part of the viewport that shows bars, in viewport coordinates.
    virtual QRect barsRect() const = 0;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();

signals:
    void timeWindowChanged();
    // The bars moved or changed width inside the view (splitter, resize): the ruler realigns.
    void barsRectChanged();

protected:
    void changeScale(const TimeScale& scale);
    // Fits the time scale to barsRect().width(), keeping the window; call when the bars change width.
    void fitScaleToBars();
    void syncTimeScrollBar();
    // Ctrl+wheel zooms around the mouse, horizontal or Shift+wheel pans; false when the event is neither.
    bool handleTimeWheel(QWheelEvent* event);

    TimeScale m_scale;

private:
    void applyTimeScrollBar(int value);

    TraceDocument* m_document;
    bool m_syncingScrollBar = false;
};

} // namespace skein
