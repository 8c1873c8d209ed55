// SPDX-License-Identifier: MIT
#include "timelineminimap.h"

#include "servicepalette.h"
#include "timeaxisview.h"
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

TimelineMinimap::TimelineMinimap(TimeAxisView* view, QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAccessibleName(tr("Trace overview"));
    setToolTip(
        tr("The whole trace. Drag the frame to pan, drag its edges to zoom, or drag elsewhere to pick a range."));
    setView(view);
}

void TimelineMinimap::setView(TimeAxisView* view)
{
    if (m_view)
        disconnect(m_view, nullptr, this, nullptr);
    m_view = view;
    connect(view, &TimeAxisView::timeWindowChanged, this, qOverload<>(&QWidget::update));
    update();
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
    return area.left() + double(ns) * area.width() / double(m_view->timeScale().traceDurationNs());
}

int64_t TimelineMinimap::nsAt(double x) const
{
    const QRect area = overviewRect();
    return int64_t(std::llround((x - area.left()) * double(m_view->timeScale().traceDurationNs()) / area.width()));
}

QRect TimelineMinimap::windowFrame() const
{
    const TimeScale& scale = m_view->timeScale();
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
    const TraceIndex& index = m_view->document()->index();
    if (index.size() == 0 || area.isEmpty())
        return;
    std::vector<QColor> colors;
    for (const QString& name : index.serviceNames)
        colors.push_back(ServicePalette::colorFor(name, palette()));
    const QColor error = ServicePalette::errorColor(palette());
    const double rowHeight = double(area.height()) / index.size();
    if (rowHeight < 1) {
        renderMergedOverview(colors, error);
        return;
    }
    QPainter painter(&m_overview);
    const double pixelsPerNs = double(area.width()) / double(m_view->timeScale().traceDurationNs());
    // One line per span, in tree order from top to bottom; short traces get thicker lines.
    const double lineHeight = std::clamp(rowHeight - 1, 1.0, 4.0);
    for (int32_t i = 0; i < index.size(); ++i) {
        const double x = double(index.startOf(i)) * pixelsPerNs;
        const double width = std::max(1.0, double(index.spanDuration(i)) * pixelsPerNs);
        const double y = i * rowHeight + (rowHeight - lineHeight) / 2;
        painter.fillRect(QRectF(x, y, width, lineHeight),
            index.has(i, TraceIndex::Error) ? error : colors[index.service[size_t(i)]]);
    }
}

void TimelineMinimap::renderMergedOverview(const std::vector<QColor>& colors, const QColor& error)
{
    // More spans than pixel rows: each pixel row holds a stretch of spans in tree order. Per pixel of
    // it, only the span that starts there and reaches farthest is kept (errors win), and a pixel where
    // nothing starts shows the span from further left that still covers it. Cost: one pass over the
    // spans plus one over the pixels, instead of a fill per span.
    const TraceIndex& index = m_view->document()->index();
    const int width = m_overview.width();
    const int height = m_overview.height();
    const int64_t traceNs = m_view->timeScale().traceDurationNs();
    const auto spanCount = int64_t(index.size());
    struct Cell {
        int32_t reach = -1; // one past the last pixel of the span kept here; -1: nothing starts here
        int32_t span = -1;
    };
    std::vector<Cell> cells(size_t(width) * size_t(height));
    for (int32_t i = 0; i < index.size(); ++i) {
        const auto y = int(int64_t(i) * height / spanCount);
        const int x0 = std::clamp(int(index.startOf(i) * width / traceNs), 0, width - 1);
        const int x1 = std::clamp(int((index.endOf(i) * width + traceNs - 1) / traceNs), x0 + 1, width);
        Cell& cell = cells[size_t(y) * size_t(width) + size_t(x0)];
        const bool error = index.has(i, TraceIndex::Error);
        const bool keptIsError = cell.span >= 0 && index.has(cell.span, TraceIndex::Error);
        if (cell.span < 0 || (error && !keptIsError) || (error == keptIsError && x1 > cell.reach)) {
            cell.reach = x1;
            cell.span = i;
        }
    }
    auto rgbOf = [&](int32_t span) {
        return (index.has(span, TraceIndex::Error) ? error : colors[index.service[size_t(span)]]).rgba();
    };
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(m_overview.scanLine(y));
        const Cell* row = &cells[size_t(y) * size_t(width)];
        int32_t coverReach = 0;
        QRgb coverColor = 0;
        for (int x = 0; x < width; ++x) {
            if (row[x].span >= 0) {
                const QRgb color = rgbOf(row[x].span);
                line[x] = color;
                if (row[x].reach > coverReach) {
                    coverReach = row[x].reach;
                    coverColor = color;
                }
            } else if (x < coverReach) {
                line[x] = coverColor;
            }
        }
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
    m_dragStartNs = m_view->timeScale().startNs();
    m_dragEndNs = m_view->timeScale().endNs();
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
            = std::clamp<int64_t>(m_dragStartNs + deltaNs, 0, m_view->timeScale().traceDurationNs() - length);
        m_view->setTimeWindow(start, start + length);
        break;
    }
    case Drag::LeftEdge:
        m_view->setTimeWindow(std::min(m_dragStartNs + deltaNs, m_dragEndNs - 1), m_dragEndNs);
        break;
    case Drag::RightEdge:
        m_view->setTimeWindow(m_dragStartNs, std::max(m_dragEndNs + deltaNs, m_dragStartNs + 1));
        break;
    case Drag::NewRange:
        if (std::abs(x - m_dragStartX) >= 3)
            m_view->setTimeWindow(nsAt(std::min(x, m_dragStartX)), nsAt(std::max(x, m_dragStartX)));
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
        m_view->setTimeWindow(centre - length / 2, centre - length / 2 + length);
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
