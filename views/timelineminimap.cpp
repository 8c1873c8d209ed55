// SPDX-License-Identifier: MIT
#include "timelineminimap.h"

#include "servicepalette.h"
#include "timelineview.h"
#include "tracedocument.h"

#include <QMouseEvent>
#include <QPainter>

namespace skein {

namespace {

constexpr int edgeGrip = 5;
constexpr int margin = 6;

QColor mix(const QColor& a, const QColor& b, double amountOfB)
{
    const double k = 1 - amountOfB;
    return QColor::fromRgbF(float(a.redF() * k + b.redF() * amountOfB), float(a.greenF() * k + b.greenF() * amountOfB),
        float(a.blueF() * k + b.blueF() * amountOfB));
}

} // namespace

TimelineMinimap::TimelineMinimap(TimelineView* timeline, QWidget* parent)
    : QWidget(parent)
    , m_timeline(timeline)
{
    setMouseTracking(true);
    setToolTip(
        tr("The whole trace. Drag the frame to pan, drag its edges to zoom, or drag elsewhere to pick a range."));
    connect(timeline, &TimelineView::timeWindowChanged, this, qOverload<>(&QWidget::update));
}

QSize TimelineMinimap::sizeHint() const
{
    return { 400, 4 * fontMetrics().height() + 2 * margin };
}

QSize TimelineMinimap::minimumSizeHint() const
{
    return { 100, 2 * fontMetrics().height() };
}

QRect TimelineMinimap::overviewRect() const
{
    return rect().adjusted(margin, margin, -margin, -margin);
}

double TimelineMinimap::xOf(int64_t ns) const
{
    const QRect area = overviewRect();
    return area.left() + double(ns) * area.width() / double(m_timeline->timeScale().traceDurationNs());
}

int64_t TimelineMinimap::nsAt(double x) const
{
    const QRect area = overviewRect();
    return int64_t(std::llround((x - area.left()) * double(m_timeline->timeScale().traceDurationNs()) / area.width()));
}

QRect TimelineMinimap::windowFrame() const
{
    const TimeScale& scale = m_timeline->timeScale();
    const int left = int(std::floor(xOf(scale.startNs())));
    const int right = std::max(left + 2, int(std::ceil(xOf(scale.endNs()))));
    return { left, overviewRect().top(), right - left, overviewRect().height() };
}

void TimelineMinimap::renderOverview()
{
    const QRect area = overviewRect();
    const qreal ratio = devicePixelRatioF();
    m_overview = QImage((area.size() * ratio), QImage::Format_ARGB32_Premultiplied);
    m_overview.setDevicePixelRatio(ratio);
    m_overview.fill(Qt::transparent);
    const TraceIndex& index = m_timeline->document()->index();
    if (index.size() == 0 || area.isEmpty())
        return;
    std::vector<QColor> colors;
    for (const QString& name : index.serviceNames)
        colors.push_back(ServicePalette::colorFor(name, palette()));
    const QColor error = ServicePalette::errorColor(palette());
    QPainter painter(&m_overview);
    const double pixelsPerNs = double(area.width()) / double(m_timeline->timeScale().traceDurationNs());
    // One line per span, in tree order from top to bottom; short traces get thicker lines.
    const double rowHeight = double(area.height()) / index.size();
    const double lineHeight = std::clamp(rowHeight - 1, 1.0, 4.0);
    for (int32_t i = 0; i < index.size(); ++i) {
        const double x = double(index.startOf(i)) * pixelsPerNs;
        const double width = std::max(1.0, double(index.spanDuration(i)) * pixelsPerNs);
        const double y = rowHeight >= 1 ? i * rowHeight + (rowHeight - lineHeight) / 2 : std::floor(i * rowHeight);
        painter.fillRect(QRectF(x, y, width, lineHeight),
            index.has(i, TraceIndex::Error) ? error : colors[index.service[size_t(i)]]);
    }
}

void TimelineMinimap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QRect area = overviewRect();
    painter.fillRect(rect(), pal.color(QPalette::Window));
    painter.fillRect(area, base);
    if (m_overview.isNull() || m_overview.size() != area.size() * devicePixelRatioF())
        renderOverview();
    painter.drawImage(area.topLeft(), m_overview);

    // Outside the window the overview is veiled, so the frame reads as a lens on the trace.
    const QRect frame = windowFrame();
    QColor veil = base;
    veil.setAlpha(150);
    painter.fillRect(QRect(area.left(), area.top(), frame.left() - area.left(), area.height()), veil);
    painter.fillRect(QRect(frame.right() + 1, area.top(), area.right() - frame.right(), area.height()), veil);
    painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(frame.adjusted(1, 1, -1, -1));
    // Grips on both edges.
    const QColor grip = pal.color(QPalette::Highlight);
    const int gripHeight = std::max(6, frame.height() / 3);
    painter.fillRect(QRect(frame.left() - 1, frame.center().y() - gripHeight / 2, 4, gripHeight), grip);
    painter.fillRect(QRect(frame.right() - 2, frame.center().y() - gripHeight / 2, 4, gripHeight), grip);
    painter.setPen(mix(base, text, 0.25));
    painter.drawRect(area.adjusted(0, 0, -1, -1));
}

TimelineMinimap::Drag TimelineMinimap::dragAt(int x) const
{
    const QRect frame = windowFrame();
    if (std::abs(x - frame.left()) <= edgeGrip)
        return Drag::LeftEdge;
    if (std::abs(x - frame.right()) <= edgeGrip)
        return Drag::RightEdge;
    if (x > frame.left() && x < frame.right())
        return Drag::Move;
    return Drag::NewRange;
}

void TimelineMinimap::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int x = event->position().toPoint().x();
    m_drag = dragAt(x);
    m_dragStartX = x;
    m_dragStartNs = m_timeline->timeScale().startNs();
    m_dragEndNs = m_timeline->timeScale().endNs();
}

void TimelineMinimap::mouseMoveEvent(QMouseEvent* event)
{
    const int x = event->position().toPoint().x();
    const int64_t deltaNs = nsAt(x) - nsAt(m_dragStartX);
    switch (m_drag) {
    case Drag::None: {
        const Drag hover = dragAt(x);
        setCursor(hover == Drag::LeftEdge || hover == Drag::RightEdge ? Qt::SizeHorCursor
                : hover == Drag::Move                                 ? Qt::OpenHandCursor
                                                                      : Qt::CrossCursor);
        return;
    }
    case Drag::Move: {
        const int64_t length = m_dragEndNs - m_dragStartNs;
        const int64_t start
            = std::clamp<int64_t>(m_dragStartNs + deltaNs, 0, m_timeline->timeScale().traceDurationNs() - length);
        m_timeline->setTimeWindow(start, start + length);
        break;
    }
    case Drag::LeftEdge:
        m_timeline->setTimeWindow(std::min(m_dragStartNs + deltaNs, m_dragEndNs - 1), m_dragEndNs);
        break;
    case Drag::RightEdge:
        m_timeline->setTimeWindow(m_dragStartNs, std::max(m_dragEndNs + deltaNs, m_dragStartNs + 1));
        break;
    case Drag::NewRange:
        if (std::abs(x - m_dragStartX) >= 3)
            m_timeline->setTimeWindow(nsAt(std::min(x, m_dragStartX)), nsAt(std::max(x, m_dragStartX)));
        break;
    }
}

void TimelineMinimap::mouseReleaseEvent(QMouseEvent* event)
{
    const int x = event->position().toPoint().x();
    // A click outside the frame centres the window there.
    if (m_drag == Drag::NewRange && std::abs(x - m_dragStartX) < 3) {
        const int64_t length = m_dragEndNs - m_dragStartNs;
        const int64_t centre = nsAt(x);
        m_timeline->setTimeWindow(centre - length / 2, centre - length / 2 + length);
    }
    m_drag = Drag::None;
}

void TimelineMinimap::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        m_overview = QImage();
    QWidget::changeEvent(event);
}

void TimelineMinimap::resizeEvent(QResizeEvent* event)
{
    m_overview = QImage();
    QWidget::resizeEvent(event);
}

} // namespace skein
