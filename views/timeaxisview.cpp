// SPDX-License-Identifier: MIT
#include "timeaxisview.h"

#include "tracedocument.h"

#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace skein {

namespace {

// The horizontal scroll bar works in these units over the whole trace (its range is an int).
constexpr double timeScrollUnits = 1'000'000;
constexpr double keyZoomFactor = 1.6;

} // namespace

TimeAxisView::TimeAxisView(TraceDocument* document, QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_document(document)
{
    m_scale.setTraceDuration(document->index().traceDurationNs);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, &TimeAxisView::applyTimeScrollBar);
}

void TimeAxisView::setTimeWindow(int64_t startNs, int64_t endNs)
{
    TimeScale scale = m_scale;
    scale.setWindow(startNs, endNs);
    changeScale(scale);
}

void TimeAxisView::changeScale(const TimeScale& scale)
{
    if (scale == m_scale)
        return;
    m_scale = scale;
    syncTimeScrollBar();
    viewport()->update();
    emit timeWindowChanged();
}

void TimeAxisView::fitScaleToBars()
{
    TimeScale scale = m_scale;
    scale.setWidth(barsRect().width());
    changeScale(scale);
}

void TimeAxisView::zoomIn()
{
    TimeScale scale = m_scale;
    scale.zoomAroundCentre(keyZoomFactor);
    changeScale(scale);
}

void TimeAxisView::zoomOut()
{
    TimeScale scale = m_scale;
    scale.zoomAroundCentre(1 / keyZoomFactor);
    changeScale(scale);
}

void TimeAxisView::resetZoom()
{
    TimeScale scale = m_scale;
    scale.reset();
    changeScale(scale);
}

void TimeAxisView::syncTimeScrollBar()
{
    const double unitsPerNs = std::min(1.0, timeScrollUnits / double(m_scale.traceDurationNs()));
    QScrollBar* horizontal = horizontalScrollBar();
    m_syncingScrollBar = true;
    horizontal->setRange(0, int(std::llround(double(m_scale.traceDurationNs() - m_scale.windowNs()) * unitsPerNs)));
    horizontal->setPageStep(std::max(1, int(std::llround(double(m_scale.windowNs()) * unitsPerNs))));
    horizontal->setSingleStep(std::max(1, horizontal->pageStep() / 10));
    horizontal->setValue(int(std::llround(double(m_scale.startNs()) * unitsPerNs)));
    m_syncingScrollBar = false;
}

void TimeAxisView::applyTimeScrollBar(int value)
{
    if (m_syncingScrollBar)
        return;
    const double unitsPerNs = std::min(1.0, timeScrollUnits / double(m_scale.traceDurationNs()));
    const auto start = int64_t(std::llround(double(value) / unitsPerNs));
    TimeScale scale = m_scale;
    scale.setWindow(start, start + m_scale.windowNs());
    if (scale == m_scale)
        return;
    m_scale = scale; // not changeScale: the scroll bar is already where it should be
    viewport()->update();
    emit timeWindowChanged();
}

bool TimeAxisView::handleTimeWheel(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    const QRect bars = barsRect();
    if (event->modifiers() & Qt::ControlModifier) {
        const double x = event->position().x();
        const double anchor = bars.contains(int(x), bars.center().y()) ? x - bars.left() : bars.width() / 2.0;
        TimeScale scale = m_scale;
        scale.zoom(std::pow(1.0015, delta.y() != 0 ? delta.y() : delta.x()), anchor);
        changeScale(scale);
        event->accept();
        return true;
    }
    int horizontal = delta.x();
    if ((event->modifiers() & Qt::ShiftModifier) && horizontal == 0)
        horizontal = delta.y();
    if (horizontal != 0) {
        TimeScale scale = m_scale;
        scale.panPixels(-horizontal / 120.0 * bars.width() / 8.0);
        changeScale(scale);
        event->accept();
        return true;
    }
    return false;
}

} // namespace skein
