// SPDX-License-Identifier: MIT
#include "flamechartview.h"

#include "durationtext.h"
#include "servicepalette.h"
#include "tracedocument.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <cmath>

namespace skein {

namespace {

constexpr int barMargin = 12; // either side of the bars
constexpr int topMargin = 4;
// Labels are only tried on blocks at least this wide: below it nothing readable fits.
constexpr int minimumLabelWidth = 28;

QColor blend(const QColor& a, const QColor& b, double amountOfB)
{
    const double k = 1 - amountOfB;
    return QColor::fromRgbF(float(a.redF() * k + b.redF() * amountOfB), float(a.greenF() * k + b.greenF() * amountOfB),
        float(a.blueF() * k + b.blueF() * amountOfB));
}

// Pixel edges for a block: whole pixels, never empty, kept within a few pixels of the visible range
// (QPainter's coordinates are finite).
std::pair<int, int> pixelEdges(double x0, double x1, int left, int right)
{
    const int a = int(std::floor(std::clamp(x0 + left, double(left - 4), double(right + 4))));
    const int b = int(std::floor(std::clamp(x1 + left, double(left - 4), double(right + 4))));
    return { a, std::max(a + 1, b) };
}

} // namespace

struct FlameChartView::Colors {
    QColor base, text, dim, grid, error, match, selection;
    bool dark = false;
};

FlameChartView::FlameChartView(TraceDocument* document, QWidget* parent)
    : TimeAxisView(document, parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Flame chart"));
    setAccessibleDescription(tr("Spans of the trace, one row per depth"));
    setFrameShape(QFrame::NoFrame);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setMouseTracking(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    updateMetrics();

    connect(document, &TraceDocument::currentSpanChanged, this, &FlameChartView::followCurrentSpan);
    connect(document, &TraceDocument::searchResultsChanged, this, &FlameChartView::updateMatches);
    connect(document, &TraceDocument::serviceFilterChanged, this, &FlameChartView::rebuildLayout);
}

FlameChartView::~FlameChartView() = default;

QSize FlameChartView::sizeHint() const
{
    return { 900, 24 * m_rowHeight };
}

const FlameLayout& FlameChartView::layout() const
{
    ensureLayout();
    return m_layout;
}

void FlameChartView::ensureLayout() const
{
    if (m_layout.isBuilt())
        return;
    QElapsedTimer timer;
    timer.start();
    m_layout.build(document()->index(), document()->hiddenServices());
    m_layoutBuildNs = timer.nsecsElapsed();
    const_cast<FlameChartView*>(this)->updateMatches();
    const_cast<FlameChartView*>(this)->updateScrollBars();
}

void FlameChartView::rebuildLayout()
{
    m_layout = FlameLayout();
    m_rowBlocks.clear();
    ensureLayout();
    viewport()->update();
}

void FlameChartView::updateMatches()
{
    if (!m_layout.isBuilt())
        return; // the first build picks the matches up
    m_matchPositions = m_layout.positionsOf(document()->searchMatches());
    viewport()->update();
}

void FlameChartView::updateMetrics()
{
    const QFontMetrics metrics(font());
    m_rowHeight = std::max(20, metrics.height() + 6);
    verticalScrollBar()->setSingleStep(m_rowHeight);
}

void FlameChartView::updateScrollBars()
{
    QScrollBar* vertical = verticalScrollBar();
    const int viewportHeight = viewport()->height();
    const int64_t contentHeight = int64_t(m_layout.depthCount()) * m_rowHeight + 2 * topMargin;
    vertical->setRange(0, int(std::clamp<int64_t>(contentHeight - viewportHeight, 0, INT_MAX)));
    vertical->setPageStep(std::max(m_rowHeight, viewportHeight - m_rowHeight));
    syncTimeScrollBar();
}

QRect FlameChartView::barsRect() const
{
    return { barMargin, 0, std::max(1, viewport()->width() - 2 * barMargin), viewport()->height() };
}

QRect FlameChartView::rowRect(int32_t depth) const
{
    return { 0, topMargin + int(int64_t(depth) * m_rowHeight - verticalScrollBar()->value()), viewport()->width(),
        m_rowHeight };
}

int32_t FlameChartView::depthAt(int y) const
{
    const int64_t offset = int64_t(y) - topMargin + verticalScrollBar()->value();
    if (offset < 0)
        return -1;
    const int64_t depth = offset / m_rowHeight;
    return depth < layout().depthCount() ? int32_t(depth) : -1;
}

int32_t FlameChartView::spanAt(const QPoint& pos) const
{
    const int32_t depth = depthAt(pos.y());
    if (depth < 0)
        return -1;
    return layout().spanAt(depth, m_scale, pos.x() - barsRect().left());
}

QRectF FlameChartView::spanRect(int32_t span) const
{
    const int32_t depth = layout().depthOf(span);
    if (depth < 0)
        return {};
    const TraceIndex& index = document()->index();
    const QRect row = rowRect(depth);
    const double x0 = barsRect().left() + m_scale.x(index.startOf(span));
    const double x1 = std::max(x0 + 1, barsRect().left() + m_scale.x(index.endOf(span)));
    return { x0, double(row.top() + 1), x1 - x0, double(row.height() - 2) };
}

void FlameChartView::scrollToDepth(int32_t depth)
{
    if (depth < 0)
        return;
    QScrollBar* vertical = verticalScrollBar();
    const int64_t top = topMargin + int64_t(depth) * m_rowHeight;
    if (top < vertical->value())
        vertical->setValue(int(top - topMargin));
    else if (top + m_rowHeight > vertical->value() + viewport()->height())
        vertical->setValue(int(top + m_rowHeight + topMargin - viewport()->height()));
}

void FlameChartView::followCurrentSpan(int32_t span)
{
    if (span >= 0 && span < document()->index().size() && m_layout.isBuilt()) {
        scrollToDepth(m_layout.depthOf(span));
        // A span out of the time window is brought into it; one already in sight does not move the axis.
        const TraceIndex& index = document()->index();
        if (index.endOf(span) < m_scale.startNs() || index.startOf(span) > m_scale.endNs()) {
            TimeScale scale = m_scale;
            scale.pan(
                index.startOf(span) + index.spanDuration(span) / 2 - (m_scale.startNs() + m_scale.windowNs() / 2));
            changeScale(scale);
        }
    }
    viewport()->update();
}

// --- painting ----------------------------------------------------------------------------------------------

void FlameChartView::paintEvent(QPaintEvent*)
{
    QElapsedTimer timer;
    timer.start();
    ensureLayout();
    QPainter painter(viewport());
    const QPalette& pal = palette();
    const TraceIndex& index = document()->index();
    Colors colors;
    colors.dark = ServicePalette::isDark(pal);
    colors.base = pal.color(QPalette::Base);
    colors.text = pal.color(QPalette::Text);
    colors.dim = blend(colors.text, colors.base, 0.42);
    colors.grid = blend(colors.base, colors.text, 0.1);
    colors.error = ServicePalette::errorColor(pal);
    colors.match = colors.dark ? QColor(0xff, 0xc8, 0x3d) : QColor(0xe0, 0x9a, 0x00);
    colors.selection = colors.text;
    if (m_serviceColors.size() != index.serviceNames.size()) {
        m_serviceColors.clear();
        m_mergedColors.clear();
        m_serviceTextColors.clear();
        m_mergedTextColors.clear();
        for (const QString& name : index.serviceNames) {
            const QColor color = ServicePalette::colorFor(name, pal);
            // Merged spans: muted, so that a block never passes for one long span.
            const QColor muted = blend(color, colors.base, colors.dark ? 0.45 : 0.4);
            m_serviceColors.push_back(color);
            m_mergedColors.push_back(muted);
            m_serviceTextColors.push_back(ServicePalette::textOn(color));
            m_mergedTextColors.push_back(ServicePalette::textOn(muted));
        }
    }

    const QRect area = viewport()->rect();
    painter.fillRect(area, colors.base);
    const QRect bars = barsRect();
    const int64_t step = tickStepNs(m_scale.windowNs(), bars.width(), 90);
    for (int64_t t = (m_scale.startNs() + step - 1) / step * step; t <= m_scale.endNs(); t += step)
        painter.fillRect(QRect(bars.left() + int(std::lround(m_scale.x(t))), 0, 1, area.height()), colors.grid);

    if (!(m_cachedScale == m_scale) || m_rowBlocks.size() != size_t(m_layout.depthCount())) {
        m_rowBlocks.assign(size_t(m_layout.depthCount()), RowBlocks {});
        m_cachedScale = m_scale;
    }
    m_statistics.lastBlocks = 0;
    m_statistics.lastMergedBlocks = 0;
    m_statistics.lastMergedSpans = 0;
    const int32_t firstDepth = std::max(0, depthAt(0));
    for (int32_t depth = firstDepth; depth < m_layout.depthCount(); ++depth) {
        const QRect rect = rowRect(depth);
        if (rect.top() > area.bottom())
            break;
        paintRow(painter, colors, depth, rect);
    }

    // The current span on top of everything, however narrow or merged it is.
    if (const int32_t current = document()->currentSpan(); current >= 0 && m_layout.depthOf(current) >= 0) {
        const QRectF rect = spanRect(current);
        if (rect.right() >= bars.left() - 2 && rect.left() <= bars.right() + 2) {
            const QRectF shown = rect.intersected(QRectF(bars.left() - 4, rect.top(), bars.width() + 8, rect.height()));
            const QRect frame = QRect(int(std::floor(shown.left())), int(shown.top()),
                std::max(3, int(std::ceil(shown.width()))), int(shown.height()))
                                    .adjusted(-2, -2, 2, 2);
            painter.setPen(QPen(colors.base, 3));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(frame.adjusted(1, 1, -1, -1));
            painter.setPen(QPen(colors.selection, 2));
            painter.drawRect(frame.adjusted(1, 1, -1, -1));
        }
    }

    if (m_layout.depthCount() == 0) {
        painter.setPen(colors.dim);
        painter.drawText(area, Qt::AlignCenter,
            index.size() == 0 ? tr("This trace has no spans.") : tr("Every span's service is hidden by the filter."));
    }
    m_statistics.paintCount++;
    m_statistics.lastPaintNs = timer.nsecsElapsed();
}

void FlameChartView::paintRow(QPainter& painter, const Colors& colors, int32_t depth, const QRect& rect)
{
    const TraceIndex& index = document()->index();
    RowBlocks& cached = m_rowBlocks[size_t(depth)];
    if (!cached.valid) {
        m_layout.blocks(depth, m_scale, cached.blocks, cached.segments);
        cached.valid = true;
    }
    const std::vector<FlameLayout::Segment>& segments = cached.segments;
    const QRect bars = barsRect();
    const int left = bars.left();
    const int right = bars.right() + 1;
    const int top = rect.top() + 1;
    const int height = rect.height() - 2;
    const QFontMetrics metrics(font());
    const std::vector<int32_t>* matches
        = size_t(depth) < m_matchPositions.size() && !m_matchPositions[size_t(depth)].empty()
        ? &m_matchPositions[size_t(depth)]
        : nullptr;
    painter.save();
    painter.setClipRect(QRect(left, rect.top(), right - left, rect.height()));
    for (size_t b = 0; b < cached.blocks.size(); ++b) {
        const FlameLayout::Block& block = cached.blocks[b];
        const auto [x0, x1] = pixelEdges(block.x0, block.x1, left, right);
        // A later block of the row that starts inside this one (overlapping spans) is painted over it:
        // the label stops short of it.
        int labelRight = right;
        if (b + 1 < cached.blocks.size() && cached.blocks[b + 1].x0 < block.x1)
            labelRight = pixelEdges(cached.blocks[b + 1].x0, cached.blocks[b + 1].x1, left, right).first - 2;
        const bool match
            = matches && FlameLayout::anyIn(*matches, block.firstPosition, block.firstPosition + block.count);
        if (match)
            painter.fillRect(QRect(x0 - 2, top - 1, x1 - x0 + 4, height + 2), colors.match);
        ++m_statistics.lastBlocks;
        if (block.segmentCount == 0) {
            // One span: its service's colour, with a hairline gap to its right neighbour when there is room.
            const uint16_t service = index.service[size_t(block.span)];
            const QColor& fill = m_serviceColors[service];
            const int width = x1 - x0 > 4 ? x1 - x0 - 1 : x1 - x0;
            painter.fillRect(QRect(x0, top, width, height), fill);
            if (block.error) {
                painter.fillRect(QRect(x0, top, std::min(width, 3), height), colors.error);
                painter.fillRect(QRect(x0, top + height - 2, width, 2), colors.error);
            }
            const int visibleX0 = std::max(x0, left) + 4;
            const int visibleX1 = std::min({ x0 + width, right, labelRight }) - 3;
            if (visibleX1 - visibleX0 >= minimumLabelWidth) {
                const QString text
                    = metrics.elidedText(index.operationName(block.span), Qt::ElideRight, visibleX1 - visibleX0);
                if (text.size() > 1) {
                    painter.setPen(m_serviceTextColors[service]);
                    painter.drawText(
                        QRect(visibleX0, top, visibleX1 - visibleX0, height), Qt::AlignVCenter | Qt::AlignLeft, text);
                }
            }
            continue;
        }
        // Merged spans: per pixel the (muted) colour of the service of the span reaching farthest there;
        // a red underline where any of them has an error.
        ++m_statistics.lastMergedBlocks;
        m_statistics.lastMergedSpans += block.count;
        uint16_t labelService = index.service[size_t(block.span)];
        int widest = 0;
        for (int32_t s = block.firstSegment; s < block.firstSegment + block.segmentCount; ++s) {
            const FlameLayout::Segment& segment = segments[size_t(s)];
            const auto [s0, s1] = pixelEdges(segment.x0, segment.x1, left, right);
            const uint16_t service = index.service[size_t(segment.span)];
            painter.fillRect(QRect(s0, top, s1 - s0, height), m_mergedColors[service]);
            if (segment.error)
                painter.fillRect(QRect(s0, top + height - 3, s1 - s0, 3), colors.error);
            if (s1 - s0 > widest) {
                widest = s1 - s0;
                labelService = service;
            }
        }
        // Wide blocks get a darker edge at both ends, to tell them from their neighbours.
        if (x1 - x0 >= 12) {
            painter.fillRect(QRect(x0, top, 1, height), colors.dim);
            painter.fillRect(QRect(x1 - 1, top, 1, height), colors.dim);
        }
        const int visibleX0 = std::max(x0, left) + 4;
        const int visibleX1 = std::min({ x1, right, labelRight }) - 4;
        if (visibleX1 - visibleX0 >= minimumLabelWidth) {
            QString text = tr("%Ln spans", nullptr, block.count);
            if (metrics.horizontalAdvance(text) > visibleX1 - visibleX0)
                text = QLocale().toString(block.count);
            if (metrics.horizontalAdvance(text) <= visibleX1 - visibleX0) {
                painter.setPen(m_mergedTextColors[labelService]);
                painter.drawText(
                    QRect(visibleX0, top, visibleX1 - visibleX0, height), Qt::AlignVCenter | Qt::AlignHCenter, text);
            }
        }
    }
    painter.restore();
}

// --- input -------------------------------------------------------------------------------------------------

int32_t FlameChartView::shownParent(int32_t span) const
{
    const TraceIndex& index = document()->index();
    int32_t parent = index.parent[size_t(span)];
    while (parent >= 0 && layout().depthOf(parent) < 0)
        parent = index.parent[size_t(parent)];
    return parent;
}

int32_t FlameChartView::firstShownChild(int32_t span) const
{
    const TraceIndex& index = document()->index();
    const int32_t depth = layout().depthOf(span);
    // The earliest starting span one row down inside the subtree.
    int32_t best = -1;
    for (int32_t i = span + 1; i < index.subtreeEnd[size_t(span)]; ++i) {
        if (layout().depthOf(i) == depth + 1 && (best < 0 || index.startOf(i) < index.startOf(best)))
            best = i;
    }
    return best;
}

void FlameChartView::selectInRow(int32_t depth, int32_t position)
{
    if (depth < 0 || depth >= layout().depthCount() || layout().row(depth).empty())
        return;
    const std::vector<int32_t>& row = layout().row(depth);
    document()->setCurrentSpan(row[size_t(std::clamp<int32_t>(position, 0, int32_t(row.size()) - 1))]);
}

void FlameChartView::keyPressEvent(QKeyEvent* event)
{
    const int32_t current = document()->currentSpan();
    const int32_t depth = layout().depthOf(current);
    const int32_t position = layout().positionOf(current);
    switch (event->key()) {
    case Qt::Key_Left:
        if (depth < 0)
            selectInRow(0, 0);
        else
            selectInRow(depth, position - 1);
        break;
    case Qt::Key_Right:
        if (depth < 0)
            selectInRow(0, 0);
        else
            selectInRow(depth, position + 1);
        break;
    case Qt::Key_Home:
        selectInRow(std::max(0, depth), 0);
        break;
    case Qt::Key_End:
        selectInRow(std::max(0, depth), INT32_MAX);
        break;
    case Qt::Key_Up:
        if (depth < 0)
            selectInRow(0, 0);
        else if (const int32_t parent = shownParent(current); parent >= 0)
            document()->setCurrentSpan(parent);
        break;
    case Qt::Key_Down:
        if (depth < 0)
            selectInRow(0, 0);
        else if (const int32_t child = firstShownChild(current); child >= 0)
            document()->setCurrentSpan(child);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        document()->activateCurrentSpan();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomOut();
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void FlameChartView::wheelEvent(QWheelEvent* event)
{
    if (!handleTimeWheel(event))
        QAbstractScrollArea::wheelEvent(event);
}

void FlameChartView::mousePressEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_dragStart = pos;
        m_dragScale = m_scale;
        m_dragScrollY = verticalScrollBar()->value();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    if (const int32_t span = spanAt(pos); span >= 0)
        document()->setCurrentSpan(span);
    event->accept();
}

void FlameChartView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        const QPoint pos = event->position().toPoint();
        TimeScale scale = m_dragScale;
        scale.panPixels(m_dragStart.x() - pos.x());
        changeScale(scale);
        verticalScrollBar()->setValue(m_dragScrollY + m_dragStart.y() - pos.y());
    }
    event->accept();
}

void FlameChartView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning)
        viewport()->unsetCursor();
    m_panning = false;
    event->accept();
}

void FlameChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    if (const int32_t span = spanAt(event->position().toPoint()); span >= 0) {
        document()->setCurrentSpan(span);
        document()->activateCurrentSpan();
    }
    event->accept();
}

QString FlameChartView::toolTipAt(const QPoint& pos) const
{
    const int32_t depth = depthAt(pos.y());
    const int32_t span = spanAt(pos);
    if (depth < 0 || span < 0)
        return {};
    const TraceIndex& index = document()->index();
    QString text = QStringLiteral("<b>%1</b><br>%2")
                       .arg(index.operationName(span).toHtmlEscaped(), index.serviceName(span).toHtmlEscaped());
    text += QStringLiteral("<br>") + tr("Duration: %1").arg(formatDuration(index.spanDuration(span)));
    text += QStringLiteral("<br>") + tr("Starts at: +%1").arg(formatDuration(index.startOf(span)));
    if (index.has(span, TraceIndex::Error))
        text += QStringLiteral("<br><b>") + tr("Error") + QStringLiteral("</b>");
    // Inside a merged block, say how many spans it holds.
    std::vector<FlameLayout::Block> blocks;
    std::vector<FlameLayout::Segment> segments;
    layout().blocks(depth, m_scale, blocks, segments);
    const double x = pos.x() - barsRect().left();
    for (const FlameLayout::Block& block : blocks) {
        if (block.segmentCount > 0 && x >= std::floor(block.x0) && x < std::max(block.x1, block.x0 + 1)) {
            text = tr("<b>%Ln spans</b> merged here; zoom in to tell them apart.", nullptr, block.count)
                + (block.error ? QStringLiteral("<br>") + tr("Some have errors.") : QString()) + QStringLiteral("<hr>")
                + text;
            break;
        }
    }
    return text;
}

bool FlameChartView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (!text.isEmpty())
            QToolTip::showText(help->globalPos(), text, viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void FlameChartView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void FlameChartView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    fitScaleToBars();
    if (m_layout.isBuilt())
        updateScrollBars();
    emit barsRectChanged();
}

void FlameChartView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
        if (m_layout.isBuilt())
            updateScrollBars();
    }
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        m_serviceColors.clear();
    QAbstractScrollArea::changeEvent(event);
}

} // namespace skein
