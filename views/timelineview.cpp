// SPDX-License-Identifier: MIT
#include "timelineview.h"

#include "durationtext.h"
#include "servicepalette.h"
#include "tracedocument.h"

#include <QAccessible>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace skein {

namespace {

constexpr int barMargin = 12; // between the splitter and time zero, and after the trace end
constexpr int splitterGrip = 4; // pixels either side of the splitter line that grab it
constexpr int minimumTreeWidth = 120;
constexpr int minimumBarsWidth = 120;

QColor blend(const QColor& a, const QColor& b, double amountOfB)
{
    const double k = 1 - amountOfB;
    return QColor::fromRgbF(float(a.redF() * k + b.redF() * amountOfB), float(a.greenF() * k + b.greenF() * amountOfB),
        float(a.blueF() * k + b.blueF() * amountOfB));
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

} // namespace

void TimelineRows::rebuild(
    const TraceIndex& index, const std::vector<uint8_t>& state, const std::vector<uint8_t>& hiddenServices)
{
    const int32_t count = index.size();
    m_index = &index;
    m_hiddenServices.clear();
    if (std::find(hiddenServices.begin(), hiddenServices.end(), uint8_t(1)) != hiddenServices.end())
        m_hiddenServices = hiddenServices;
    const bool filtered = !m_hiddenServices.empty();
    // Children follow their parents in depth-first order, so one backwards pass reaches every ancestor.
    m_hasShownDescendants.clear();
    if (filtered) {
        m_hasShownDescendants.assign(size_t(count), false);
        for (int32_t i = count - 1; i >= 0; --i) {
            const int32_t parent = index.parent[size_t(i)];
            if (parent >= 0 && (!isHidden(i) || m_hasShownDescendants[size_t(i)]))
                m_hasShownDescendants[size_t(parent)] = true;
        }
    }

    auto sameCall = [&](int32_t a, int32_t b) {
        return index.operation[size_t(a)] == index.operation[size_t(b)]
            && index.service[size_t(a)] == index.service[size_t(b)];
    };
    // The sibling before span, or -1. Walking up from the span before it costs, over a whole pass, no
    // more than the depth-first order goes down, so the pass stays linear.
    auto previousSibling = [&](int32_t span) {
        const int32_t parent = index.parent[size_t(span)];
        if (span == 0 || span - 1 == parent)
            return -1;
        int32_t sibling = span - 1;
        while (sibling >= 0 && index.parent[size_t(sibling)] != parent)
            sibling = index.parent[size_t(sibling)];
        return sibling;
    };

    m_stretches.clear();
    m_count = 0;
    m_depth.clear();
    m_runs.clear();
    std::vector<int32_t> openSubtreeEnds; // of the ancestors that are rows, innermost last
    int32_t i = 0;
    while (i < count) {
        while (!openSubtreeEnds.empty() && openSubtreeEnds.back() <= i)
            openSubtreeEnds.pop_back();
        const int32_t end = index.subtreeEnd[size_t(i)];
        if (filtered && isHidden(i)) {
            i = m_hasShownDescendants[size_t(i)] ? i + 1 : end;
            continue;
        }
        const int32_t row = m_count;
        appendRow(i);
        if (filtered)
            m_depth.push_back(uint16_t(std::min<size_t>(openSubtreeEnds.size(), UINT16_MAX)));

        // Only the first span of a run looks ahead, so every sibling is looked at once.
        if (!(state[size_t(i)] & RunExpanded) && end < count && sameCall(i, end)
            && index.parent[size_t(end)] == index.parent[size_t(i)]) {
            const int32_t before = previousSibling(i);
            if (before < 0 || !sameCall(before, i)) {
                const int32_t parent = index.parent[size_t(i)];
                const int32_t siblingsEnd = parent >= 0 ? index.subtreeEnd[size_t(parent)] : count;
                Run run;
                run.row = row;
                run.firstSpan = i;
                run.startNs = index.startOf(i);
                for (int32_t sibling = i; sibling < siblingsEnd && sameCall(sibling, i);
                     sibling = index.subtreeEnd[size_t(sibling)]) {
                    run.lastSpan = sibling;
                    run.count++;
                    run.endNs = std::max(run.endNs, index.endOf(sibling));
                    run.busyNs += index.spanDuration(sibling);
                    run.errors += index.has(sibling, TraceIndex::Error) ? 1 : 0;
                }
                if (run.count >= minimumRunLength) {
                    run.end = index.subtreeEnd[size_t(run.lastSpan)];
                    m_runs.push_back(run);
                    i = run.end;
                    continue;
                }
            }
        }
        if (state[size_t(i)] & Collapsed) {
            i = end;
        } else {
            openSubtreeEnds.push_back(end);
            ++i;
        }
    }
}

void TimelineRows::appendRow(int32_t span)
{
    if (m_stretches.empty() || span != m_stretches.back().firstSpan + (m_count - m_stretches.back().firstRow))
        m_stretches.push_back({ m_count, span });
    ++m_count;
}

std::vector<int32_t> TimelineRows::spans() const
{
    std::vector<int32_t> spans;
    spans.reserve(size_t(m_count));
    for (int32_t row = 0; row < m_count; ++row)
        spans.push_back(span(row));
    return spans;
}

int32_t TimelineRows::span(int32_t row) const
{
    const auto it = std::upper_bound(m_stretches.begin(), m_stretches.end(), row,
        [](int32_t value, const Stretch& stretch) { return value < stretch.firstRow; });
    const Stretch& stretch = *(it - 1);
    return stretch.firstSpan + (row - stretch.firstRow);
}

int32_t TimelineRows::rowOf(int32_t span) const
{
    const auto it = std::upper_bound(m_stretches.begin(), m_stretches.end(), span,
        [](int32_t value, const Stretch& stretch) { return value < stretch.firstSpan; });
    if (it == m_stretches.begin())
        return -1;
    const Stretch& stretch = *(it - 1);
    const int32_t row = stretch.firstRow + (span - stretch.firstSpan);
    const int32_t stretchEnd = it == m_stretches.end() ? m_count : it->firstRow;
    return row < stretchEnd ? row : -1;
}

const TimelineRows::Run* TimelineRows::runAt(int32_t row) const
{
    const auto it = std::lower_bound(
        m_runs.begin(), m_runs.end(), row, [](const Run& run, int32_t value) { return run.row < value; });
    return it != m_runs.end() && it->row == row ? &*it : nullptr;
}

const TimelineRows::Run* TimelineRows::foldedRunContaining(int32_t span) const
{
    // Runs are disjoint ranges of spans in depth-first order: the candidate is the last one starting
    // before span.
    const auto it = std::upper_bound(
        m_runs.begin(), m_runs.end(), span, [](int32_t value, const Run& run) { return value < run.firstSpan; });
    if (it == m_runs.begin())
        return nullptr;
    const Run& run = *(it - 1);
    return span > run.firstSpan && span < run.end ? &run : nullptr;
}

int32_t TimelineRows::shownParent(const TraceIndex& index, int32_t span) const
{
    int32_t parent = index.parent[size_t(span)];
    while (parent >= 0 && isHidden(parent))
        parent = index.parent[size_t(parent)];
    return parent;
}

bool TimelineRows::isHidden(int32_t span) const
{
    return !m_hiddenServices.empty() && m_hiddenServices[m_index->service[size_t(span)]];
}

int TimelineRows::depth(int32_t row) const
{
    return m_depth.empty() ? m_index->depth[size_t(span(row))] : m_depth[size_t(row)];
}

bool TimelineRows::hasShownDescendants(int32_t span) const
{
    if (m_hasShownDescendants.empty())
        return m_index->subtreeEnd[size_t(span)] > span + 1;
    return m_hasShownDescendants[size_t(span)];
}

struct TimelineView::Colors {
    QColor base, alternate, text, dim, highlight, highlightedText, highlightedDim, selectedBars, grid, splitter, error,
        match, matchFill;
};

TimelineView::TimelineView(TraceDocument* document, QWidget* parent)
    : TimeAxisView(document, parent)
    , m_document(document)
    , m_state(size_t(document->index().size()), 0)
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Span timeline"));
    setAccessibleDescription(tr("Spans of the trace as a tree with their time bars"));
    setFrameShape(QFrame::NoFrame);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setMouseTracking(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    updateMetrics();

    connect(document, &TraceDocument::currentSpanChanged, this, &TimelineView::followCurrentSpan);
    connect(document, &TraceDocument::searchResultsChanged, viewport(), qOverload<>(&QWidget::update));
    connect(document, &TraceDocument::contentLoaded, viewport(), qOverload<>(&QWidget::update));
    connect(document, &TraceDocument::serviceFilterChanged, this, [this] { rebuildRows(true); });

    rebuildRows(false);
    if (document->currentSpan() >= 0)
        followCurrentSpan(document->currentSpan());
}

TimelineView::~TimelineView() = default;

QSize TimelineView::sizeHint() const
{
    return { 900, 24 * m_rowHeight };
}

void TimelineView::updateMetrics()
{
    const QFontMetrics metrics(font());
    m_rowHeight = std::max(22, metrics.height() + 6);
    m_indent = std::max(12, metrics.height() - 2);
    verticalScrollBar()->setSingleStep(m_rowHeight);
}

void TimelineView::rebuildRows(bool keepCurrentInView)
{
    m_rows.rebuild(m_document->index(), m_state, m_document->hiddenServices());
    updateScrollBars();
    if (keepCurrentInView) {
        const int32_t row = m_rows.rowOf(m_document->currentSpan());
        if (row >= 0)
            scrollToRow(row);
    }
    viewport()->update();
    emit rowsChanged();
}

void TimelineView::setCollapsed(int32_t span, bool collapsed)
{
    if (span < 0 || span >= m_document->index().size() || isCollapsed(span) == collapsed)
        return;
    m_state[size_t(span)] ^= TimelineRows::Collapsed;
    rebuildRows(false);
    // A current span that went out of sight moves up to the collapsed span, as in any tree.
    const int32_t current = m_document->currentSpan();
    if (collapsed && current > span && current < m_document->index().subtreeEnd[size_t(span)]
        && m_rows.rowOf(current) < 0)
        m_document->setCurrentSpan(span);
}

void TimelineView::setRunExpanded(int32_t firstSpan, bool expanded)
{
    if (firstSpan < 0 || firstSpan >= m_document->index().size() || isRunExpanded(firstSpan) == expanded)
        return;
    m_state[size_t(firstSpan)] ^= TimelineRows::RunExpanded;
    rebuildRows(false);
    // A current span inside a run that folded moves to the run's row.
    const int32_t current = m_document->currentSpan();
    if (!expanded && current > firstSpan && m_rows.rowOf(current) < 0) {
        if (const TimelineRows::Run* run = m_rows.foldedRunContaining(current); run && run->firstSpan == firstSpan)
            m_document->setCurrentSpan(firstSpan);
    }
}

void TimelineView::reveal(int32_t span)
{
    const TraceIndex& index = m_document->index();
    bool changed = false;
    for (int32_t parent = index.parent[size_t(span)]; parent >= 0; parent = index.parent[size_t(parent)]) {
        if (isCollapsed(parent)) {
            m_state[size_t(parent)] &= uint8_t(~TimelineRows::Collapsed);
            changed = true;
        }
    }
    if (changed)
        rebuildRows(false);
    // Runs nest (a loop inside each call of a loop): unfold from the outside in.
    while (m_rows.rowOf(span) < 0) {
        const TimelineRows::Run* run = m_rows.foldedRunContaining(span);
        if (!run)
            break;
        m_state[size_t(run->firstSpan)] |= TimelineRows::RunExpanded;
        rebuildRows(false);
    }
}

void TimelineView::expandAll()
{
    std::fill(m_state.begin(), m_state.end(), uint8_t(TimelineRows::RunExpanded));
    rebuildRows(true);
}

void TimelineView::collapseAll()
{
    const TraceIndex& index = m_document->index();
    for (int32_t i = 0; i < index.size(); ++i)
        m_state[size_t(i)] = index.subtreeEnd[size_t(i)] > i + 1 ? TimelineRows::Collapsed : 0;
    rebuildRows(false);
    // The current span's outermost shown ancestor takes over the selection.
    int32_t current = m_document->currentSpan();
    if (current >= 0 && m_rows.rowOf(current) < 0) {
        int32_t candidate = current;
        for (int32_t parent = index.parent[size_t(current)]; parent >= 0; parent = index.parent[size_t(parent)]) {
            if (m_rows.rowOf(parent) >= 0)
                candidate = parent;
        }
        if (m_rows.rowOf(candidate) < 0) {
            if (const TimelineRows::Run* run = m_rows.foldedRunContaining(candidate))
                candidate = run->firstSpan;
        }
        if (candidate != current)
            m_document->setCurrentSpan(candidate);
    }
    verticalScrollBar()->setValue(0);
}

QRect TimelineView::barsRect() const
{
    const int left = m_treeWidth + 1 + barMargin;
    const int width = std::max(1, viewport()->width() - left - barMargin);
    return { left, 0, width, viewport()->height() };
}

void TimelineView::setTreeWidth(int width)
{
    const int maximum = std::max(minimumTreeWidth, viewport()->width() - minimumBarsWidth);
    width = std::clamp(width, minimumTreeWidth, maximum);
    if (width == m_treeWidth)
        return;
    m_treeWidth = width;
    m_treeWidthSet = true;
    fitScaleToBars();
    viewport()->update();
    emit treeWidthChanged(width);
    emit barsRectChanged();
}

void TimelineView::updateScrollBars()
{
    QScrollBar* vertical = verticalScrollBar();
    const int viewportHeight = viewport()->height();
    const int64_t contentHeight = int64_t(m_rows.count()) * m_rowHeight;
    vertical->setRange(0, int(std::clamp<int64_t>(contentHeight - viewportHeight, 0, INT_MAX)));
    vertical->setPageStep(std::max(m_rowHeight, viewportHeight - m_rowHeight));
    syncTimeScrollBar();
}

void TimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

int32_t TimelineView::rowAt(int y) const
{
    if (y < 0)
        return -1;
    const int64_t row = (int64_t(y) + verticalScrollBar()->value()) / m_rowHeight;
    return row < m_rows.count() ? int32_t(row) : -1;
}

QRect TimelineView::rowRect(int32_t row) const
{
    return { 0, int(int64_t(row) * m_rowHeight - verticalScrollBar()->value()), viewport()->width(), m_rowHeight };
}

void TimelineView::scrollToRow(int32_t row)
{
    if (row < 0 || row >= m_rows.count())
        return;
    QScrollBar* vertical = verticalScrollBar();
    const int64_t top = int64_t(row) * m_rowHeight;
    const int viewportHeight = viewport()->height();
    if (top < vertical->value())
        vertical->setValue(int(top));
    else if (top + m_rowHeight > vertical->value() + viewportHeight)
        vertical->setValue(int(top + m_rowHeight - viewportHeight));
}

void TimelineView::followCurrentSpan(int32_t span)
{
    if (span >= 0 && span < m_document->index().size()) {
        const int32_t rowBefore = m_rows.rowOf(span);
        const bool wasInSight = rowBefore >= 0 && viewport()->rect().contains(rowRect(rowBefore));
        reveal(span);
        scrollToRow(m_rows.rowOf(span));
        // A span brought into sight from elsewhere (search, another view) also gets its bar into the time
        // window; one picked among the rows on screen does not, so clicking never shifts the time axis.
        const TraceIndex& index = m_document->index();
        if (!wasInSight && (index.endOf(span) < m_scale.startNs() || index.startOf(span) > m_scale.endNs())) {
            TimeScale scale = m_scale;
            scale.pan(
                index.startOf(span) + index.spanDuration(span) / 2 - (m_scale.startNs() + m_scale.windowNs() / 2));
            changeScale(scale);
        }
        announceSpan(span);
    }
    viewport()->update();
}

void TimelineView::announceSpan(int32_t span)
{
    // The bars are painted, so a screen reader learns the current span from the view's description.
    const TraceIndex& index = m_document->index();
    setAccessibleDescription(
        tr("%1, %2, %3")
            .arg(index.operationName(span), index.serviceName(span), formatDuration(index.spanDuration(span))));
    if (!QAccessible::isActive())
        return;
    QAccessibleEvent changed(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&changed);
    if (hasFocus()) {
        QAccessibleEvent focus(this, QAccessible::Focus);
        QAccessible::updateAccessibility(&focus);
    }
}

void TimelineView::moveCurrentToRow(int32_t row)
{
    if (m_rows.count() == 0)
        return;
    row = std::clamp<int32_t>(row, 0, m_rows.count() - 1);
    m_document->setCurrentSpan(m_rows.span(row));
    scrollToRow(row);
}

bool TimelineView::isOnSplitter(int x) const
{
    return std::abs(x - m_treeWidth) <= splitterGrip;
}

QRect TimelineView::disclosureRect(int32_t row) const
{
    const QRect rect = rowRect(row);
    const int indent = std::min(m_rows.depth(row) * m_indent, m_treeWidth / 2);
    return { 4 + indent, rect.top(), m_indent, rect.height() };
}

// --- painting ----------------------------------------------------------------------------------------------

void TimelineView::paintEvent(QPaintEvent*)
{
    QElapsedTimer timer;
    timer.start();
    QPainter painter(viewport());
    const QPalette& pal = palette();
    const TraceIndex& index = m_document->index();

    Colors colors;
    colors.base = pal.color(QPalette::Base);
    colors.text = pal.color(QPalette::Text);
    colors.alternate = blend(colors.base, colors.text, ServicePalette::isDark(pal) ? 0.045 : 0.03);
    colors.dim = blend(colors.text, colors.base, 0.42);
    colors.highlight = pal.color(QPalette::Highlight);
    colors.highlightedText = pal.color(QPalette::HighlightedText);
    colors.highlightedDim = blend(colors.highlightedText, colors.highlight, 0.3);
    colors.selectedBars = withAlpha(colors.highlight, 60);
    colors.grid = blend(colors.base, colors.text, 0.1);
    colors.splitter = blend(colors.base, colors.text, 0.22);
    colors.error = ServicePalette::errorColor(pal);
    colors.match = ServicePalette::isDark(pal) ? QColor(0xff, 0xc8, 0x3d) : QColor(0xe0, 0x9a, 0x00);
    colors.matchFill = withAlpha(colors.match, ServicePalette::isDark(pal) ? 80 : 95);
    if (m_serviceColors.size() != index.serviceNames.size()) {
        m_serviceColors.clear();
        for (const QString& name : index.serviceNames)
            m_serviceColors.push_back(ServicePalette::colorFor(name, pal));
    }

    const QRect area = viewport()->rect();
    painter.fillRect(area, colors.base);
    const int scroll = verticalScrollBar()->value();
    const int32_t firstRow = scroll / m_rowHeight;
    const int32_t endRow = std::min<int64_t>(m_rows.count(), (int64_t(scroll) + area.height()) / m_rowHeight + 1);
    const QRect bars = barsRect();
    const int current = m_document->currentSpan();

    for (int32_t row = firstRow; row < endRow; ++row) {
        const QRect rect = rowRect(row);
        if (m_rows.span(row) == current) {
            painter.fillRect(QRect(0, rect.top(), m_treeWidth, rect.height()), colors.highlight);
            painter.fillRect(QRect(m_treeWidth, rect.top(), area.width() - m_treeWidth, rect.height()),
                row % 2 ? colors.alternate : colors.base);
            painter.fillRect(
                QRect(m_treeWidth, rect.top(), area.width() - m_treeWidth, rect.height()), colors.selectedBars);
        } else if (row % 2) {
            painter.fillRect(rect, colors.alternate);
        }
    }
    paintGrid(painter, colors, bars);
    for (int32_t row = firstRow; row < endRow; ++row) {
        const QRect rect = rowRect(row);
        paintTreeCell(painter, colors, row, QRect(0, rect.top(), m_treeWidth, rect.height()));
        paintBarCell(painter, colors, row, rect);
    }
    painter.fillRect(QRect(m_treeWidth, 0, 1, area.height()), colors.splitter);

    if (m_rows.count() == 0) {
        painter.setPen(colors.dim);
        painter.drawText(area, Qt::AlignCenter,
            index.size() == 0 ? tr("This trace has no spans.") : tr("Every span's service is hidden by the filter."));
    }

    m_statistics.paintCount++;
    m_statistics.lastPaintedRows = std::max(0, endRow - firstRow);
    m_statistics.lastPaintNs = timer.nsecsElapsed();
}

void TimelineView::paintGrid(QPainter& painter, const Colors& colors, const QRect& bars) const
{
    const int64_t step = tickStepNs(m_scale.windowNs(), bars.width(), 90);
    const int64_t first = (m_scale.startNs() + step - 1) / step * step;
    for (int64_t t = first; t <= m_scale.endNs(); t += step) {
        const int x = bars.left() + int(std::lround(m_scale.x(t)));
        painter.fillRect(QRect(x, 0, 1, bars.height()), colors.grid);
    }
}

void TimelineView::paintTreeCell(QPainter& painter, const Colors& colors, int32_t row, const QRect& rect) const
{
    const TraceIndex& index = m_document->index();
    const int32_t span = m_rows.span(row);
    const bool selected = span == m_document->currentSpan();
    const bool error = index.has(span, TraceIndex::Error);
    const QFontMetrics metrics(font());
    const QRect disclosure = disclosureRect(row);
    const int centreY = rect.center().y();
    painter.save();
    painter.setClipRect(rect.adjusted(0, 0, -2, 0));
    painter.setRenderHint(QPainter::Antialiasing);

    const TimelineRows::Run* run = m_rows.runAt(row);
    if (run || m_rows.hasShownDescendants(span)) {
        const QPointF c(disclosure.center().x() + 0.5, centreY + 0.5);
        const double s = std::max(3.0, m_indent / 4.0);
        QPolygonF triangle;
        if (run || isCollapsed(span))
            triangle << QPointF(c.x() - s * 0.6, c.y() - s) << QPointF(c.x() + s * 0.8, c.y())
                     << QPointF(c.x() - s * 0.6, c.y() + s);
        else
            triangle << QPointF(c.x() - s, c.y() - s * 0.6) << QPointF(c.x() + s, c.y() - s * 0.6)
                     << QPointF(c.x(), c.y() + s * 0.8);
        painter.setPen(Qt::NoPen);
        painter.setBrush(selected ? colors.highlightedDim : colors.dim);
        painter.drawPolygon(triangle);
    }

    const int swatchSize = std::max(8, metrics.height() / 2 + 2);
    const QRectF swatch(disclosure.right() + 3, centreY - swatchSize / 2.0 + 0.5, swatchSize, swatchSize);
    painter.setPen(selected ? QPen(colors.highlightedText, 1) : Qt::NoPen);
    painter.setBrush(m_serviceColors[index.service[size_t(span)]]);
    painter.drawRoundedRect(swatch, 2.5, 2.5);
    painter.setRenderHint(QPainter::Antialiasing, false);

    int x = int(swatch.right()) + 6;
    const int right = rect.right() - 6;
    const QString operation = run ? tr("%1 × %2").arg(QLocale().toString(run->count), index.operationName(span))
                                  : index.operationName(span);
    const QString& service = index.serviceName(span);
    QString suffix;
    if (run) {
        if (run->end - run->firstSpan > run->count)
            suffix = QStringLiteral(" +%1").arg(QLocale().toString(run->end - run->firstSpan - run->count));
    } else if (isCollapsed(span) && m_rows.hasShownDescendants(span)) {
        suffix = QStringLiteral(" +%1").arg(index.subtreeEnd[size_t(span)] - span - 1);
    }
    // Structural oddities get a mark; the tooltip says which.
    if (index.flags[size_t(span)]
        & (TraceIndex::Orphan | TraceIndex::Cycle | TraceIndex::StartsBeforeParent | TraceIndex::EndsAfterParent))
        suffix += QStringLiteral("  ⚠");

    const QString operationText = metrics.elidedText(operation, Qt::ElideRight, std::max(0, right - x));
    const int operationWidth = metrics.horizontalAdvance(operationText);
    if (m_document->isSearchMatch(span)) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colors.matchFill);
        painter.drawRect(QRect(x - 3, rect.top() + 2, operationWidth + 6, rect.height() - 4));
        painter.setBrush(colors.match);
        painter.drawRect(QRect(x - 3, rect.bottom() - 2, operationWidth + 6, 2));
    }
    const bool anyError = run ? run->errors > 0 : error;
    painter.setPen(selected ? colors.highlightedText : anyError ? colors.error : colors.text);
    painter.drawText(QRect(x, rect.top(), right - x, rect.height()), Qt::AlignVCenter | Qt::AlignLeft, operationText);
    x += operationWidth + metrics.horizontalAdvance(QLatin1Char(' ')) * 2;
    if (x < right) {
        painter.setPen(selected ? colors.highlightedDim : colors.dim);
        const QString rest = metrics.elidedText(service + suffix, Qt::ElideRight, right - x);
        painter.drawText(QRect(x, rect.top(), right - x, rect.height()), Qt::AlignVCenter | Qt::AlignLeft, rest);
    }
    painter.restore();
}

void TimelineView::paintRunBarCell(
    QPainter& painter, const Colors& colors, const TimelineRows::Run& run, const QRect& rect) const
{
    // One bar from the first start to the latest end, lighter than a span's so that it does not read as
    // one long call, with a tick where each sibling starts while they are far enough apart to tell.
    const TraceIndex& index = m_document->index();
    const QRect bars = barsRect();
    const int clipLeft = m_treeWidth + 1;
    const int clipRight = viewport()->width();
    auto toX = [&](int64_t ns) { return std::clamp(bars.left() + m_scale.x(ns), clipLeft - 10.0, clipRight + 10.0); };
    const double x0 = toX(run.startNs);
    const double x1 = std::max(toX(run.endNs), x0 + 1);
    const int barHeight = std::max(8, rect.height() - 9);
    const QRectF bar(x0, rect.top() + (rect.height() - barHeight) / 2.0, x1 - x0, barHeight);
    const QColor fill = m_serviceColors[index.service[size_t(run.firstSpan)]];
    painter.save();
    painter.setClipRect(QRect(clipLeft, rect.top(), clipRight - clipLeft, rect.height()));
    bool match = false;
    for (int32_t sibling = run.firstSpan; sibling <= run.lastSpan && !match;
         sibling = index.subtreeEnd[size_t(sibling)])
        match = m_document->isSearchMatch(sibling);
    if (match)
        painter.fillRect(bar.adjusted(-3, -3, 3, 3), colors.match);
    painter.fillRect(bar, blend(fill, colors.base, 0.45));
    if (run.count <= bar.width() / 3) {
        const QColor tick = fill.darker(ServicePalette::isDark(palette()) ? 100 : 125);
        for (int32_t sibling = run.firstSpan; sibling <= run.lastSpan; sibling = index.subtreeEnd[size_t(sibling)]) {
            const double sx = toX(index.startOf(sibling));
            const double sw = std::max(1.0, toX(index.endOf(sibling)) - sx);
            painter.fillRect(QRectF(sx, bar.top(), sw, bar.height()), tick);
        }
    }
    if (run.errors > 0)
        painter.fillRect(QRectF(bar.left(), bar.bottom() - 2, bar.width(), 2), colors.error);
    if (run.firstSpan == m_document->currentSpan()) {
        painter.setPen(QPen(colors.text, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(bar.adjusted(-0.5, -0.5, 0.5, 0.5));
    }
    const QFontMetrics metrics(font());
    const QString label = tr("%1 calls, %2 busy").arg(QLocale().toString(run.count), formatDuration(run.busyNs));
    const int labelWidth = metrics.horizontalAdvance(label);
    QRect labelRect;
    if (x1 + 5 + labelWidth <= clipRight - 2)
        labelRect = QRect(int(x1) + 5, rect.top(), labelWidth + 1, rect.height());
    else if (x0 - 5 - labelWidth >= clipLeft + 2)
        labelRect = QRect(int(x0) - 5 - labelWidth, rect.top(), labelWidth + 1, rect.height());
    else
        labelRect = QRect(std::max(clipLeft, int(x0)) + 5, rect.top(), labelWidth + 1, rect.height());
    if (labelRect.intersects(bar.toAlignedRect())) {
        // On top of the bar and its ticks the label gets a plate of the background, so that it stays readable.
        painter.fillRect(QRectF(labelRect).adjusted(-3, bar.top() - rect.top(), 3, bar.bottom() - rect.bottom()),
            withAlpha(colors.base, 215));
        painter.setPen(colors.text);
    } else {
        painter.setPen(colors.dim);
    }
    painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft, label);
    painter.restore();
}

void TimelineView::paintBarCell(QPainter& painter, const Colors& colors, int32_t row, const QRect& rect) const
{
    if (const TimelineRows::Run* run = m_rows.runAt(row)) {
        paintRunBarCell(painter, colors, *run, rect);
        return;
    }
    const TraceIndex& index = m_document->index();
    const int32_t span = m_rows.span(row);
    const QRect bars = barsRect();
    const int clipLeft = m_treeWidth + 1;
    const int clipRight = viewport()->width();
    // Bars far outside the window are clamped before they reach QPainter, whose coordinates are finite.
    auto toX = [&](int64_t ns) { return std::clamp(bars.left() + m_scale.x(ns), clipLeft - 10.0, clipRight + 10.0); };
    const double x0 = toX(index.startOf(span));
    double x1 = toX(index.endOf(span));
    if (x1 - x0 < 1)
        x1 = x0 + 1;
    const int barHeight = std::max(8, rect.height() - 9);
    const QRectF bar(x0, rect.top() + (rect.height() - barHeight) / 2.0, x1 - x0, barHeight);
    const QColor fill = m_serviceColors[index.service[size_t(span)]];
    const bool error = index.has(span, TraceIndex::Error);
    const bool match = m_document->isSearchMatch(span);
    const bool selected = span == m_document->currentSpan();

    painter.save();
    painter.setClipRect(QRect(clipLeft, rect.top(), clipRight - clipLeft, rect.height()));
    if (x1 >= clipLeft && x0 <= clipRight) {
        if (match) {
            painter.fillRect(bar.adjusted(-3, -3, 3, 3), colors.match);
        }
        painter.fillRect(bar, fill);
        if (error) {
            // A red cap at the start and a red underline: visible however narrow or wide the bar is.
            painter.fillRect(QRectF(bar.left(), bar.top(), std::min(bar.width(), 3.0), bar.height()), colors.error);
            painter.fillRect(QRectF(bar.left(), bar.bottom() - 2, bar.width(), 2), colors.error);
        }
        if (selected) {
            painter.setPen(QPen(colors.text, 1));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(bar.adjusted(-0.5, -0.5, 0.5, 0.5));
        }
        if (const TraceContent* content = m_document->content()) {
            const QColor tick = withAlpha(ServicePalette::textOn(fill), 190);
            int lastX = INT_MIN;
            for (const int64_t eventTime : content->eventTimesOf(span)) {
                const int x = int(std::lround(toX(eventTime)));
                if (x == lastX || x < clipLeft || x > clipRight)
                    continue;
                lastX = x;
                painter.fillRect(QRect(x, int(bar.top()) + 2, 1, int(bar.height()) - 4), tick);
            }
        }
    }

    const QFontMetrics metrics(font());
    QString label = formatDuration(index.spanDuration(span));
    QColor labelColor = colors.dim;
    QRect labelRect;
    const bool beforeWindow = x1 < clipLeft;
    const bool afterWindow = x0 > clipRight;
    if (beforeWindow || afterWindow) {
        // The bar is out of sight: say so at the edge it is beyond.
        label = beforeWindow ? QStringLiteral("◂ ") + label : label + QStringLiteral(" ▸");
        const int labelWidth = metrics.horizontalAdvance(label);
        const int x = beforeWindow ? clipLeft + 4 : clipRight - 4 - labelWidth;
        labelRect = QRect(x, rect.top(), labelWidth + 1, rect.height());
    } else {
        const int labelWidth = metrics.horizontalAdvance(label);
        if (x1 + 5 + labelWidth <= clipRight - 2) {
            labelRect = QRect(int(x1) + 5, rect.top(), labelWidth + 1, rect.height());
        } else if (x0 - 5 - labelWidth >= clipLeft + 2) {
            labelRect = QRect(int(x0) - 5 - labelWidth, rect.top(), labelWidth + 1, rect.height());
        } else {
            // A bar as wide as the view: the label goes inside, at the visible right end.
            const int right = std::min(int(x1), clipRight) - 5;
            labelRect = QRect(right - labelWidth, rect.top(), labelWidth + 1, rect.height());
            labelColor = ServicePalette::textOn(fill);
        }
    }
    painter.setPen(labelColor);
    painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft, label);
    painter.restore();
}

// --- input -------------------------------------------------------------------------------------------------

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const TraceIndex& index = m_document->index();
    const int32_t current = m_document->currentSpan();
    const int32_t row = m_rows.rowOf(current);
    const int pageRows = std::max(1, viewport()->height() / m_rowHeight - 1);
    switch (event->key()) {
    case Qt::Key_Down:
        moveCurrentToRow(row < 0 ? 0 : row + 1);
        break;
    case Qt::Key_Up:
        moveCurrentToRow(row < 0 ? 0 : row - 1);
        break;
    case Qt::Key_PageDown:
        moveCurrentToRow(row < 0 ? 0 : row + pageRows);
        break;
    case Qt::Key_PageUp:
        moveCurrentToRow(row < 0 ? 0 : row - pageRows);
        break;
    case Qt::Key_Home:
        moveCurrentToRow(0);
        break;
    case Qt::Key_End:
        moveCurrentToRow(m_rows.count() - 1);
        break;
    case Qt::Key_Left:
        if (row < 0)
            moveCurrentToRow(0);
        else if (!m_rows.runAt(row) && m_rows.hasShownDescendants(current) && !isCollapsed(current))
            setCollapsed(current, true);
        else if (const int32_t first = expandedRunStart(current); first >= 0 && !m_rows.runAt(row)) {
            setRunExpanded(first, false);
            m_document->setCurrentSpan(first);
        } else if (const int32_t parent = m_rows.shownParent(index, current); parent >= 0)
            m_document->setCurrentSpan(parent);
        break;
    case Qt::Key_Right:
        if (row < 0)
            moveCurrentToRow(0);
        else if (m_rows.runAt(row))
            setRunExpanded(current, true);
        else if (m_rows.hasShownDescendants(current) && isCollapsed(current))
            setCollapsed(current, false);
        else if (m_rows.hasShownDescendants(current))
            moveCurrentToRow(row + 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        m_document->activateCurrentSpan();
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

void TimelineView::wheelEvent(QWheelEvent* event)
{
    if (!handleTimeWheel(event))
        QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::MiddleButton) {
        m_drag = Drag::Pan;
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
    if (isOnSplitter(pos.x())) {
        m_drag = Drag::Splitter;
        m_dragStart = pos;
        m_dragTreeWidth = m_treeWidth;
        event->accept();
        return;
    }
    const int32_t row = rowAt(pos.y());
    if (row >= 0) {
        const int32_t span = m_rows.span(row);
        if ((m_rows.runAt(row) || m_rows.hasShownDescendants(span)) && disclosureRect(row).contains(pos))
            toggleRow(row);
        else
            m_document->setCurrentSpan(span);
    }
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    switch (m_drag) {
    case Drag::Splitter:
        setTreeWidth(m_dragTreeWidth + pos.x() - m_dragStart.x());
        break;
    case Drag::Pan: {
        TimeScale scale = m_dragScale;
        scale.panPixels(m_dragStart.x() - pos.x());
        changeScale(scale);
        verticalScrollBar()->setValue(m_dragScrollY + m_dragStart.y() - pos.y());
        break;
    }
    case Drag::None:
        if (isOnSplitter(pos.x()))
            viewport()->setCursor(Qt::SplitHCursor);
        else
            viewport()->unsetCursor();
        break;
    }
    event->accept();
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Pan)
        viewport()->unsetCursor();
    m_drag = Drag::None;
    event->accept();
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    const int32_t row = rowAt(pos.y());
    if (row >= 0 && !isOnSplitter(pos.x())) {
        const int32_t span = m_rows.span(row);
        if ((m_rows.runAt(row) || m_rows.hasShownDescendants(span)) && disclosureRect(row).contains(pos)) {
            toggleRow(row);
        } else {
            m_document->setCurrentSpan(span);
            m_document->activateCurrentSpan();
        }
    }
    event->accept();
}

void TimelineView::toggleRow(int32_t row)
{
    const int32_t span = m_rows.span(row);
    if (m_rows.runAt(row))
        setRunExpanded(span, true);
    else
        setCollapsed(span, !isCollapsed(span));
}

int32_t TimelineView::expandedRunStart(int32_t span) const
{
    // Walks back over the siblings of the same call; the run is the one whose first span is expanded.
    const TraceIndex& index = m_document->index();
    const int32_t parent = index.parent[size_t(span)];
    std::vector<int32_t> siblings;
    if (parent >= 0) {
        siblings = index.children(parent);
    } else {
        for (int32_t root = 0; root < index.size(); root = index.subtreeEnd[size_t(root)])
            siblings.push_back(root);
    }
    const auto at = std::find(siblings.begin(), siblings.end(), span);
    if (at == siblings.end())
        return -1;
    auto sameCall = [&](int32_t other) {
        return index.operation[size_t(other)] == index.operation[size_t(span)]
            && index.service[size_t(other)] == index.service[size_t(span)];
    };
    auto first = at;
    while (first != siblings.begin() && sameCall(*(first - 1)))
        --first;
    auto last = at;
    while (last + 1 != siblings.end() && sameCall(*(last + 1)))
        ++last;
    if (last - first + 1 < TimelineRows::minimumRunLength || !isRunExpanded(*first))
        return -1;
    return *first;
}

QString TimelineView::toolTipFor(int32_t row) const
{
    const TraceIndex& index = m_document->index();
    const int32_t span = m_rows.span(row);
    if (const TimelineRows::Run* run = m_rows.runAt(row)) {
        QString text
            = QStringLiteral("<b>%1</b><br>%2")
                  .arg(tr("%1 × %2").arg(QLocale().toString(run->count), index.operationName(span).toHtmlEscaped()),
                      index.serviceName(span).toHtmlEscaped());
        text += QStringLiteral("<br>")
            + tr("From +%1 to +%2").arg(formatDuration(run->startNs), formatDuration(run->endNs));
        text += QStringLiteral("<br>") + tr("Busy: %1 in all").arg(formatDuration(run->busyNs));
        if (run->errors > 0)
            text += QStringLiteral("<br><b>") + tr("%n with an error", nullptr, run->errors) + QStringLiteral("</b>");
        text += QStringLiteral("<br>") + tr("Click the triangle or press Right to show them one by one.");
        return text;
    }
    QString text = QStringLiteral("<b>%1</b><br>%2")
                       .arg(index.operationName(span).toHtmlEscaped(), index.serviceName(span).toHtmlEscaped());
    text += QStringLiteral("<br>") + tr("Duration: %1").arg(formatDuration(index.spanDuration(span)));
    text += QStringLiteral("<br>") + tr("Starts at: +%1").arg(formatDuration(index.startOf(span)));
    if (const TraceContent* content = m_document->content()) {
        if (const size_t events = content->eventTimesOf(span).size(); events > 0)
            text += QStringLiteral("<br>") + tr("Events: %1").arg(events);
    }
    if (index.has(span, TraceIndex::Error))
        text += QStringLiteral("<br><b>") + tr("Error") + QStringLiteral("</b>");
    if (index.has(span, TraceIndex::Orphan))
        text += QStringLiteral("<br>") + tr("Its parent span is not in this trace.");
    if (index.has(span, TraceIndex::Cycle))
        text += QStringLiteral("<br>") + tr("Its parent chain loops; shown as a root.");
    if (index.has(span, TraceIndex::StartsBeforeParent) || index.has(span, TraceIndex::EndsAfterParent))
        text += QStringLiteral("<br>") + tr("Runs outside its parent (clock skew?).");
    return text;
}

bool TimelineView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int32_t row = rowAt(help->pos().y());
        if (row >= 0 && !isOnSplitter(help->pos().x()))
            QToolTip::showText(help->globalPos(), toolTipFor(row), viewport(), rowRect(row));
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    const int width = viewport()->width();
    const int oldTreeWidth = m_treeWidth;
    if (!m_treeWidthSet)
        m_treeWidth = std::clamp(width * 2 / 5, 200, 440);
    m_treeWidth = std::clamp(m_treeWidth, minimumTreeWidth, std::max(minimumTreeWidth, width - minimumBarsWidth));
    fitScaleToBars();
    updateScrollBars();
    if (oldTreeWidth != m_treeWidth)
        emit treeWidthChanged(m_treeWidth);
    emit barsRectChanged();
}

void TimelineView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
        updateScrollBars();
    }
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        m_serviceColors.clear();
    QAbstractScrollArea::changeEvent(event);
}

} // namespace skein
