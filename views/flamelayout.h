// SPDX-License-Identifier: MIT
// The rows of the flame chart and the level of detail that keeps its paint cost tied to pixels rather
// than spans. Each span sits in the row of its depth (counting only ancestors whose service is shown, so
// that hiding a proxy lifts the calls made through it, as in the waterfall). Per row the spans are kept
// sorted by start, with a max-tree over them that names the span reaching farthest (and whether there
// is an error) in any stretch of the row in O(log n). Turning a row and a time window into blocks then
// jumps from pixel column to pixel column with binary searches: O(pixels · log n) per row, whatever the
// number of spans.
#pragma once

#include "timescale.h"

#include <cstdint>
#include <vector>

namespace skein {

struct TraceIndex;

class FlameLayout {
public:
    // Spans narrower than this many pixels merge with neighbours less than a pixel away.
    static constexpr double defaultMergeWidthPx = 3.0;

    // hiddenServices: by service id, as TraceDocument::hiddenServices(); may be empty (nothing hidden).
    void build(const TraceIndex& index, const std::vector<uint8_t>& hiddenServices);
    bool isBuilt() const { return m_index != nullptr; }

    int32_t depthCount() const { return int32_t(m_rows.size()); }
    // The spans of a row, sorted by start (ties in depth-first order).
    const std::vector<int32_t>& row(int32_t depth) const { return m_rows[size_t(depth)].spans; }
    // The row of a span, or -1 when its service is hidden.
    int32_t depthOf(int32_t span) const;
    // Where a span is in its row, or -1 when it is hidden.
    int32_t positionOf(int32_t span) const;

    // A piece of a row as painted: one span, or several merged spans (count > 1). x0, x1: pixels from
    // the left edge of the mapped area; a merged block is at least a pixel wide.
    struct Block {
        int32_t firstPosition = 0; // in the row
        int32_t count = 0;
        int32_t span = 0; // a single span; for a merged block, the one that reaches farthest
        double x0 = 0;
        double x1 = 0;
        bool error = false; // the span, or any merged span, has an error
        // Merged blocks only: the stretch [firstSegment, firstSegment + segmentCount) of segments().
        int32_t firstSegment = 0;
        int32_t segmentCount = 0;
    };
    // A stretch of a merged block whose pixel columns share a representative: per column, the span
    // starting there that reaches farthest (Perfetto keeps the longest slice per pixel, to the same end).
    struct Segment {
        double x0 = 0;
        double x1 = 0;
        int32_t span = 0;
        bool error = false;
    };
    // Fills blocks (and segments) for the row in the window of scale, left to right. Blocks overlap only
    // where spans of the row overlap in time.
    void blocks(int32_t depth, const TimeScale& scale, std::vector<Block>& blocks, std::vector<Segment>& segments,
        double mergeWidthPx = defaultMergeWidthPx) const;

    // The span of the row drawn at pixel x (from the left edge of the mapped area), or -1: among those
    // starting in that pixel column the one reaching farthest, else the one from further left reaching
    // farthest if it covers x.
    int32_t spanAt(int32_t depth, const TimeScale& scale, double x) const;
    // Per row, the sorted positions of the given spans (e.g. the search matches), so that a merged
    // block can tell whether it holds one of them with anyIn().
    std::vector<std::vector<int32_t>> positionsOf(const std::vector<int32_t>& spans) const;
    static bool anyIn(const std::vector<int32_t>& sortedPositions, int32_t firstPosition, int32_t endPosition);

    size_t memoryBytes() const;

private:
    struct Row {
        std::vector<int32_t> spans;
        // Internal nodes of a bottom-up max-tree over spans ([1, n)); leaves n + p are spans[p] itself.
        // A node holds the span that ends last below it, with errorBit set when any below has an error.
        std::vector<uint32_t> tree;
    };
    static constexpr uint32_t errorBit = 1u << 31;

    bool isHidden(int32_t span) const;
    uint32_t leaf(int32_t span) const;
    uint32_t better(uint32_t a, uint32_t b) const;
    uint32_t node(const Row& row, size_t i) const;
    // The farthest-reaching span (with errorBit) of positions [first, end); end > first.
    uint32_t reachQuery(const Row& row, int32_t first, int32_t end) const;
    // The first position in [first, end) whose span starts at or after x pixels, by galloping.
    int32_t firstStartingAtOrAfter(const Row& row, const TimeScale& scale, double x, int32_t first, int32_t end) const;
    // The first position whose span ends after ns (the first that can be seen in a window starting there).
    int32_t firstEndingAfter(const Row& row, int64_t ns) const;
    double xOfStart(const TimeScale& scale, int32_t span) const;
    double xOfEnd(const TimeScale& scale, int32_t span) const;

    const TraceIndex* m_index = nullptr;
    std::vector<Row> m_rows;
    std::vector<uint16_t> m_depth; // per span: the number of shown ancestors
    std::vector<uint8_t> m_hiddenServices;
};

} // namespace skein
