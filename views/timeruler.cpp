// SPDX-License-Identifier: MIT
#include "timeruler.h"

#include "durationtext.h"
#include "servicepalette.h"
#include "timeaxisview.h"

#include <QMouseEvent>
#include <QPainter>

namespace skein {

namespace {

constexpr int minimumDragPixels = 4;

QColor mix(const QColor& a, const QColor& b, double amountOfB)
{
    const double k = 1 - amountOfB;
    return QColor::fromRgbF(float(a.redF() * k + b.redF() * amountOfB), float(a.greenF() * k + b.greenF() * amountOfB),
        float(a.blueF() * k + b.blueF() * amountOfB));
}

} // namespace

TimeRuler::TimeRuler(TimeAxisView* view, QWidget* parent)
    : QWidget(parent)
{
    setCursor(Qt::IBeamCursor);
    setAccessibleName(tr("Time axis"));
    setToolTip(tr("Drag across the time axis to zoom to that range; double-click to show the whole trace."));
    setView(view);
}

void TimeRuler::setView(TimeAxisView* view)
{
    if (m_view)
        disconnect(m_view, nullptr, this, nullptr);
    m_view = view;
    connect(view, &TimeAxisView::timeWindowChanged, this, qOverload<>(&QWidget::update));
    connect(view, &TimeAxisView::barsRectChanged, this, qOverload<>(&QWidget::update));
    update();
}

QSize TimeRuler::sizeHint() const
{
    return { 200, fontMetrics().height() + 12 };
}

std::pair<int, int> TimeRuler::barsSpan() const
{
    const QRect bars = m_view->barsRect();
    const QWidget* viewport = m_view->viewport();
    const int left = mapFromGlobal(viewport->mapToGlobal(bars.topLeft())).x();
    return { left, left + bars.width() };
}

void TimeRuler::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor background = mix(base, text, ServicePalette::isDark(pal) ? 0.08 : 0.05);
    const QColor dim = mix(text, background, 0.35);
    painter.fillRect(rect(), background);
    painter.fillRect(QRect(0, height() - 1, width(), 1), mix(base, text, 0.22));

    const auto [left, right] = barsSpan();
    const TimeScale& scale = m_view->timeScale();
    const QFontMetrics metrics = fontMetrics();

    // Over the tree column: what the column holds, and how much of the trace the bars show.
    const int treeRight = left - 12;
    painter.setPen(dim);
    QString caption = tr("Service and operation");
    if (scale.isZoomed())
        caption = tr("Showing %1 of %2").arg(formatDuration(scale.windowNs()), formatDuration(scale.traceDurationNs()));
    painter.drawText(QRect(8, 0, std::max(0, treeRight - 16), height()), Qt::AlignVCenter | Qt::AlignLeft,
        metrics.elidedText(caption, Qt::ElideRight, std::max(0, treeRight - 16)));
    painter.fillRect(QRect(treeRight, 0, 1, height()), mix(base, text, 0.22));

    painter.setClipRect(QRect(treeRight + 1, 0, width() - treeRight - 1, height()));
    const int64_t step = tickStepNs(
        scale.windowNs(), right - left, std::max(90, metrics.horizontalAdvance(QStringLiteral("000.0ms")) + 24));
    const int64_t first = (scale.startNs() + step - 1) / step * step;
    // Deep in a long trace, offsets from the start round to the same text: then the first tick says
    // where the window is and the others how far on from it they are.
    const bool relative = first > 0 && formatDuration(first) == formatDuration(first + step);
    for (int64_t t = first; t <= scale.endNs(); t += step) {
        const int x = left + int(std::lround(scale.x(t)));
        painter.fillRect(QRect(x, height() - 7, 1, 6), dim);
        const QString label = t == 0 ? QStringLiteral("0")
            : relative && t != first ? QStringLiteral("+") + formatDuration(t - first)
                                     : formatDuration(t);
        const int labelWidth = metrics.horizontalAdvance(label);
        // Labels sit right of their tick; the last one moves left so that it stays readable.
        int labelX = x + 4;
        if (labelX + labelWidth > width() - 2)
            labelX = x - 4 - labelWidth;
        painter.setPen(text);
        painter.drawText(QRect(labelX, 0, labelWidth + 1, height() - 4), Qt::AlignVCenter | Qt::AlignLeft, label);
    }

    if (m_dragFrom) {
        const int from = std::min(*m_dragFrom, m_dragTo);
        const int to = std::max(*m_dragFrom, m_dragTo);
        QColor band = pal.color(QPalette::Highlight);
        band.setAlpha(90);
        painter.fillRect(QRect(from, 0, to - from + 1, height()), band);
        painter.fillRect(QRect(from, 0, 1, height()), pal.color(QPalette::Highlight));
        painter.fillRect(QRect(to, 0, 1, height()), pal.color(QPalette::Highlight));
        if (to - from >= minimumDragPixels) {
            const QString length = formatDuration(scale.ns(to - left) - scale.ns(from - left));
            painter.setPen(text);
            painter.drawText(QRect(from, 0, to - from, height()), Qt::AlignCenter, length);
        }
    }
}

void TimeRuler::mousePressEvent(QMouseEvent* event)
{
    const auto [left, right] = barsSpan();
    const int x = event->position().toPoint().x();
    if (event->button() == Qt::LeftButton && x >= left - 12 && x <= right + 12) {
        m_dragFrom = std::clamp(x, left, right);
        m_dragTo = *m_dragFrom;
        update();
    }
}

void TimeRuler::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragFrom)
        return;
    const auto [left, right] = barsSpan();
    m_dragTo = std::clamp(event->position().toPoint().x(), left, right);
    update();
}

void TimeRuler::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_dragFrom || event->button() != Qt::LeftButton)
        return;
    const int from = std::min(*m_dragFrom, m_dragTo);
    const int to = std::max(*m_dragFrom, m_dragTo);
    m_dragFrom.reset();
    update();
    if (to - from < minimumDragPixels)
        return;
    const int left = barsSpan().first;
    const TimeScale& scale = m_view->timeScale();
    m_view->setTimeWindow(scale.ns(from - left), scale.ns(to - left));
}

void TimeRuler::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_view->resetZoom();
}

} // namespace skein
