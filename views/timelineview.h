// SPDX-License-Identifier: MIT
// The span tree beside its Gantt bars, painted row by row: only the rows in sight are drawn, so a trace
// of any size costs the same per frame. Rows are the spans in depth-first order minus collapsed
// subtrees and minus spans of hidden services; a span whose service is hidden gives its place to its
// children, which move up under the nearest ancestor still shown (hiding a proxy or a database must
// not hide the calls made through it).
#pragma once

#include "timescale.h"

#include <QAbstractScrollArea>
#include <QColor>

#include <cstdint>
#include <vector>

namespace skein {

class TraceDocument;
struct TraceIndex;

// Which spans are rows, in which order and at which indentation, for a collapse state and a service filter.
class TimelineRows {
public:
    // hiddenServices: by service id, as TraceDocument::hiddenServices(); may be empty (nothing hidden).
    void rebuild(
        const TraceIndex& index, const std::vector<uint8_t>& collapsed, const std::vector<uint8_t>& hiddenServices);

    int32_t count() const { return int32_t(m_rows.size()); }
    const std::vector<int32_t>& spans() const { return m_rows; }
    int32_t span(int32_t row) const { return m_rows[size_t(row)]; }
    int32_t rowOf(int32_t span) const
    {
        return span >= 0 && size_t(span) < m_rowOf.size() ? m_rowOf[size_t(span)] : -1;
    }
    // Indentation level: the number of ancestors that are rows.
    int depth(int32_t row) const { return m_depth[size_t(row)]; }
    // Whether the span has descendants that would be rows if it were expanded.
    bool hasShownDescendants(int32_t span) const { return m_hasShownDescendants[size_t(span)] != 0; }
    // The nearest ancestor that is not of a hidden service, or -1.
    int32_t shownParent(const TraceIndex& index, int32_t span) const;

private:
    std::vector<int32_t> m_rows;
    std::vector<uint16_t> m_depth;
    std::vector<int32_t> m_rowOf;
    std::vector<uint8_t> m_hasShownDescendants;
    std::vector<uint8_t> m_hidden; // per span, from the service filter
};

class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineView(TraceDocument* document, QWidget* parent = nullptr);
    ~TimelineView() override;

    TraceDocument* document() const { return m_document; }
    const TimelineRows& rows() const { return m_rows; }
    const std::vector<int32_t>& visibleRows() const { return m_rows.spans(); }

    bool isCollapsed(int32_t span) const { return m_collapsed[size_t(span)] != 0; }
    void setCollapsed(int32_t span, bool collapsed);
    // Expands the ancestors of span (not span itself) so that it becomes a row, unless its service is hidden.
    void reveal(int32_t span);

    const TimeScale& timeScale() const { return m_scale; }
    void setTimeWindow(int64_t startNs, int64_t endNs);

    int rowHeight() const { return m_rowHeight; }
    int treeWidth() const { return m_treeWidth; }
    void setTreeWidth(int width);
    // The part of the viewport that shows bars, in viewport coordinates.
    QRect barsRect() const;
    // The row under a viewport y, or -1.
    int32_t rowAt(int y) const;
    QRect rowRect(int32_t row) const; // viewport coordinates
    void scrollToRow(int32_t row);

    struct PaintStatistics {
        int paintCount = 0;
        int64_t lastPaintNs = 0; // wall time of the last paintEvent
        int lastPaintedRows = 0;
    };
    PaintStatistics paintStatistics() const { return m_statistics; }

    QSize sizeHint() const override;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void expandAll();
    void collapseAll();

signals:
    void timeWindowChanged();
    void treeWidthChanged(int width);
    void rowsChanged();

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
    void rebuildRows(bool keepCurrentInView);
    void updateScrollBars();
    void syncTimeScrollBar();
    void applyTimeScrollBar(int value);
    void changeScale(const TimeScale& scale);
    void updateMetrics();
    void followCurrentSpan(int32_t span);
    void moveCurrentToRow(int32_t row);
    bool isOnSplitter(int x) const;
    QRect disclosureRect(int32_t row) const;
    QString toolTipFor(int32_t span) const;
    void paintTreeCell(QPainter& painter, const Colors& colors, int32_t row, const QRect& rect) const;
    void paintBarCell(QPainter& painter, const Colors& colors, int32_t row, const QRect& rect) const;
    void paintGrid(QPainter& painter, const Colors& colors, const QRect& bars) const;

    TraceDocument* m_document;
    TimelineRows m_rows;
    std::vector<uint8_t> m_collapsed;
    TimeScale m_scale;
    int m_rowHeight = 22;
    int m_indent = 14;
    int m_treeWidth = 320;
    bool m_treeWidthSet = false;
    bool m_syncingScrollBar = false;
    enum class Drag { None, Splitter, Pan };
    Drag m_drag = Drag::None;
    QPoint m_dragStart;
    int m_dragTreeWidth = 0;
    TimeScale m_dragScale;
    int m_dragScrollY = 0;
    PaintStatistics m_statistics;
    std::vector<QColor> m_serviceColors; // by service id, for the current palette
};

} // namespace skein
