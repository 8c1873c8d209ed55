// SPDX-License-Identifier: MIT
// The trace as a flame chart: one row per depth, every span in the row of its depth at its place in
// time (Perfetto-style), for traces too big to read span by span. Spans narrower than a few pixels
// merge into blocks labelled with how many spans they hold; zooming in takes them apart again. The
// painted picture costs O(pixels · log spans) per row (see FlameLayout). Selection, details, search
// marks and the service filter are the TraceDocument's, shared with the waterfall.
#pragma once

#include "flamelayout.h"
#include "timeaxisview.h"

#include <QColor>

#include <cstdint>
#include <vector>

namespace skein {

class FlameChartView : public TimeAxisView {
    Q_OBJECT
public:
    explicit FlameChartView(TraceDocument* document, QWidget* parent = nullptr);
    ~FlameChartView() override;

    // The rows, built on first use (the trace view builds them when the flame chart is first shown).
    const FlameLayout& layout() const;
    int64_t layoutBuildNs() const { return m_layoutBuildNs; }

    QRect barsRect() const override;
    int rowHeight() const { return m_rowHeight; }
    // The row of a depth, in viewport coordinates.
    QRect rowRect(int32_t depth) const;
    // The depth under a viewport y, or -1.
    int32_t depthAt(int y) const;
    // The span drawn at a viewport point (for a merged block: the one of that pixel reaching farthest), or -1.
    int32_t spanAt(const QPoint& pos) const;
    // Where a span is drawn (at least a pixel wide), in viewport coordinates; empty when hidden.
    QRectF spanRect(int32_t span) const;
    void scrollToDepth(int32_t depth);

    struct PaintStatistics {
        int paintCount = 0;
        int64_t lastPaintNs = 0; // wall time of the last paintEvent
        int lastBlocks = 0; // blocks drawn, single spans and merged ones
        int lastMergedBlocks = 0;
        int64_t lastMergedSpans = 0; // spans inside merged blocks
    };
    PaintStatistics paintStatistics() const { return m_statistics; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Colors;
    void ensureLayout() const;
    void rebuildLayout();
    void updateMatches();
    void updateScrollBars();
    void updateMetrics();
    void followCurrentSpan(int32_t span);
    void selectInRow(int32_t depth, int32_t position);
    int32_t shownParent(int32_t span) const;
    int32_t firstShownChild(int32_t span) const;
    QString toolTipAt(const QPoint& pos) const;
    void paintRow(QPainter& painter, const Colors& colors, int32_t depth, const QRect& rect);

    mutable FlameLayout m_layout;
    mutable int64_t m_layoutBuildNs = 0;
    std::vector<std::vector<int32_t>> m_matchPositions; // per depth, positions of search matches
    int m_rowHeight = 22;
    bool m_panning = false;
    QPoint m_dragStart;
    TimeScale m_dragScale;
    int m_dragScrollY = 0;
    PaintStatistics m_statistics;
    // By service id, for the current palette: spans, merged spans, and the text on each.
    std::vector<QColor> m_serviceColors;
    std::vector<QColor> m_mergedColors;
    std::vector<QColor> m_serviceTextColors;
    std::vector<QColor> m_mergedTextColors;
    // The blocks of each row for m_cachedScale: a repaint that is not a pan or zoom (selection, vertical
    // scrolling, search marks) reuses them.
    struct RowBlocks {
        bool valid = false;
        std::vector<FlameLayout::Block> blocks;
        std::vector<FlameLayout::Segment> segments;
    };
    std::vector<RowBlocks> m_rowBlocks;
    TimeScale m_cachedScale;
};

} // namespace skein
