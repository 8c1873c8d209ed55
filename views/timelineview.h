// SPDX-License-Identifier: MIT
// The span tree beside its Gantt bars, painted row by row: only the rows in sight are drawn, so a trace
// of any size costs the same per frame. Rows are the spans in depth-first order minus collapsed
// subtrees and minus spans of hidden services; a span whose service is hidden gives its place to its
// children, which move up under the nearest ancestor still shown (hiding a proxy or a database must
// not hide the calls made through it). A run of repeated siblings (the same service and operation,
// one after the other, at least minimumRunLength of them: a loop of queries, a batch) folds into one
// row "N × operation" until it is expanded.
#pragma once

#include "timeaxisview.h"

#include <QColor>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace skein {

class TraceDocument;
struct TraceIndex;

// Which spans are rows, in which order and at which indentation, for a collapse state and a service filter.
class TimelineRows {
public:
    // What the view remembers per span (bits).
    enum SpanState {
        Collapsed = 1 << 0, // its subtree is folded
        RunExpanded = 1 << 1, // on the first span of a run of repeated siblings: the run shows span by span
    };
    static constexpr int32_t minimumRunLength = 5;

    // A row standing for a folded run of repeated siblings; the row's span is the run's first span.
    struct Run {
        int32_t row = 0;
        int32_t firstSpan = 0;
        int32_t lastSpan = 0;
        int32_t count = 0; // siblings in the run
        int32_t end = 0; // one past the last span of the last sibling's subtree
        int64_t startNs = 0; // of the first sibling
        int64_t endNs = 0; // the latest end of a sibling
        int64_t busyNs = 0; // the siblings' durations added up
        int32_t errors = 0; // siblings with an error
    };

    // state: per span, SpanState bits. hiddenServices: by service id, as TraceDocument::hiddenServices();
    // may be empty (nothing hidden).
    void rebuild(
        const TraceIndex& index, const std::vector<uint8_t>& state, const std::vector<uint8_t>& hiddenServices);

    int32_t count() const { return m_count; }
    // Every row's span, in order (made on demand: for tests and tools, not for painting).
    std::vector<int32_t> spans() const;
    int32_t span(int32_t row) const;
    int32_t rowOf(int32_t span) const;
    // Indentation level: the number of ancestors that are rows.
    int depth(int32_t row) const;
    // Whether the span has descendants that would be rows if it were expanded.
    bool hasShownDescendants(int32_t span) const;
    // The nearest ancestor that is not of a hidden service, or -1.
    int32_t shownParent(const TraceIndex& index, int32_t span) const;

    // The folded run a row stands for, or null for a row of one span.
    const Run* runAt(int32_t row) const;
    // The folded run whose siblings or their subtrees hold span (not as the run's own row), or null.
    const Run* foldedRunContaining(int32_t span) const;
    const std::vector<Run>& runs() const { return m_runs; }

private:
    bool isHidden(int32_t span) const;

    // Rows are stored as stretches of consecutive spans: they are in depth-first order, and only a
    // collapsed subtree, a folded run or a hidden span breaks a stretch, so a million rows usually take
    // a few thousand stretches rather than a table of a million span indexes.
    struct Stretch {
        int32_t firstRow = 0;
        int32_t firstSpan = 0;
    };
    void appendRow(int32_t span);

    // Without a service filter a row's indentation is its depth in the index and a span has rows below
    // it when its subtree is not empty, so the per-span and per-row tables below are only built when
    // services are hidden.
    const TraceIndex* m_index = nullptr;
    std::vector<uint8_t> m_hiddenServices; // by service id; empty when none is hidden
    std::vector<Run> m_runs; // ordered by row (and so by first span)
    std::vector<Stretch> m_stretches; // ordered by row and by span
    int32_t m_count = 0;
    std::vector<uint16_t> m_depth; // per row, when services are hidden
    std::vector<bool> m_hasShownDescendants; // per span, when services are hidden
};

class TimelineView : public TimeAxisView {
    Q_OBJECT
public:
    explicit TimelineView(TraceDocument* document, QWidget* parent = nullptr);
    ~TimelineView() override;

    const TimelineRows& rows() const { return m_rows; }
    std::vector<int32_t> visibleRows() const { return m_rows.spans(); }

    bool isCollapsed(int32_t span) const { return m_state[size_t(span)] & TimelineRows::Collapsed; }
    void setCollapsed(int32_t span, bool collapsed);
    // firstSpan: the first span of a run of repeated siblings.
    bool isRunExpanded(int32_t firstSpan) const { return m_state[size_t(firstSpan)] & TimelineRows::RunExpanded; }
    void setRunExpanded(int32_t firstSpan, bool expanded);
    // Expands the ancestors of span and the runs around it so that it becomes a row, unless its service
    // is hidden. (A span that is the first of a folded run is shown by the run's row.)
    void reveal(int32_t span);

    int rowHeight() const { return m_rowHeight; }
    int treeWidth() const { return m_treeWidth; }
    void setTreeWidth(int width);
    QRect barsRect() const override;
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
    void expandAll();
    void collapseAll();

signals:
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
    void updateMetrics();
    void toggleRow(int32_t row);
    // The first span of the expanded run of repeated siblings that span is one of, or -1.
    int32_t expandedRunStart(int32_t span) const;
    void followCurrentSpan(int32_t span);
    void announceSpan(int32_t span);
    void moveCurrentToRow(int32_t row);
    bool isOnSplitter(int x) const;
    QRect disclosureRect(int32_t row) const;
    QString toolTipFor(int32_t row) const;
    void paintTreeCell(QPainter& painter, const Colors& colors, int32_t row, const QRect& rect) const;
    void paintBarCell(QPainter& painter, const Colors& colors, int32_t row, const QRect& rect) const;
    void paintRunBarCell(
        QPainter& painter, const Colors& colors, const TimelineRows::Run& run, const QRect& rect) const;
    void paintGrid(QPainter& painter, const Colors& colors, const QRect& bars) const;

    TraceDocument* m_document;
    TimelineRows m_rows;
    std::vector<uint8_t> m_state; // TimelineRows::SpanState by span
    int m_rowHeight = 22;
    int m_indent = 14;
    int m_treeWidth = 320;
    bool m_treeWidthSet = false;
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
