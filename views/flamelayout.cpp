// SPDX-License-Identifier: MIT
#include "flamelayout.h"

#include "traceindex.h"

#include <algorithm>
#include <cmath>

namespace skein {

void FlameLayout::build(const TraceIndex& index, const std::vector<uint8_t>& hiddenServices)
{
    m_index = &index;
    m_hiddenServices = hiddenServices;
    const int32_t count = index.size();
    // Parents come before their children in depth-first order, so one forward pass counts shown ancestors.
    m_depth.resize(size_t(count));
    std::vector<int32_t> perDepth;
    for (int32_t i = 0; i < count; ++i) {
        const int32_t parent = index.parent[size_t(i)];
        const int depth = parent < 0 ? 0 : m_depth[size_t(parent)] + (isHidden(parent) ? 0 : 1);
        m_depth[size_t(i)] = uint16_t(depth);
        if (isHidden(i))
            continue;
        if (size_t(depth) >= perDepth.size())
            perDepth.resize(size_t(depth) + 1, 0);
        perDepth[size_t(depth)]++;
    }
    m_rows.clear();
    m_rows.resize(perDepth.size());
    for (size_t depth = 0; depth < perDepth.size(); ++depth)
        m_rows[depth].spans.reserve(size_t(perDepth[depth]));
    for (int32_t i = 0; i < count; ++i) {
        if (!isHidden(i))
            m_rows[m_depth[size_t(i)]].spans.push_back(i);
    }
    for (Row& row : m_rows) {
        // Depth-first order is already by start within each parent; only overlapping parents (or clock
        // skew) leave a row unsorted. Stable, so ties stay in depth-first order.
        auto byStart = [&](int32_t a, int32_t b) { return index.startOf(a) < index.startOf(b); };
        if (!std::is_sorted(row.spans.begin(), row.spans.end(), byStart))
            std::stable_sort(row.spans.begin(), row.spans.end(), byStart);
        const size_t n = row.spans.size();
        row.tree.assign(n, 0);
        for (size_t i = n - 1; i >= 1 && i < n; --i)
            row.tree[i] = better(node(row, 2 * i), node(row, 2 * i + 1));
    }
}

bool FlameLayout::isHidden(int32_t span) const
{
    return !m_hiddenServices.empty() && m_hiddenServices[m_index->service[size_t(span)]] != 0;
}

int32_t FlameLayout::depthOf(int32_t span) const
{
    if (!m_index || span < 0 || span >= m_index->size() || isHidden(span))
        return -1;
    return m_depth[size_t(span)];
}

int32_t FlameLayout::positionOf(int32_t span) const
{
    const int32_t depth = depthOf(span);
    if (depth < 0)
        return -1;
    const std::vector<int32_t>& spans = m_rows[size_t(depth)].spans;
    const TraceIndex& index = *m_index;
    // Sorted by start, ties by span index (depth-first order).
    const auto it = std::lower_bound(spans.begin(), spans.end(), span, [&](int32_t a, int32_t b) {
        return index.startOf(a) < index.startOf(b) || (index.startOf(a) == index.startOf(b) && a < b);
    });
    return it != spans.end() && *it == span ? int32_t(it - spans.begin()) : -1;
}

std::vector<std::vector<int32_t>> FlameLayout::positionsOf(const std::vector<int32_t>& spans) const
{
    std::vector<std::vector<int32_t>> positions(m_rows.size());
    for (int32_t span : spans) {
        if (const int32_t position = positionOf(span); position >= 0)
            positions[m_depth[size_t(span)]].push_back(position);
    }
    for (std::vector<int32_t>& row : positions)
        std::sort(row.begin(), row.end());
    return positions;
}

bool FlameLayout::anyIn(const std::vector<int32_t>& sortedPositions, int32_t firstPosition, int32_t endPosition)
{
    const auto it = std::lower_bound(sortedPositions.begin(), sortedPositions.end(), firstPosition);
    return it != sortedPositions.end() && *it < endPosition;
}

size_t FlameLayout::memoryBytes() const
{
    size_t bytes = m_depth.capacity() * sizeof(uint16_t) + m_rows.capacity() * sizeof(Row);
    for (const Row& row : m_rows)
        bytes += row.spans.capacity() * sizeof(int32_t) + row.tree.capacity() * sizeof(uint32_t);
    return bytes;
}

uint32_t FlameLayout::leaf(int32_t span) const
{
    return uint32_t(span) | (m_index->has(span, TraceIndex::Error) ? errorBit : 0);
}

uint32_t FlameLayout::better(uint32_t a, uint32_t b) const
{
    const auto spanA = int32_t(a & ~errorBit);
    const auto spanB = int32_t(b & ~errorBit);
    const uint32_t winner = m_index->endOf(spanB) > m_index->endOf(spanA) ? uint32_t(spanB) : uint32_t(spanA);
    return winner | ((a | b) & errorBit);
}

uint32_t FlameLayout::node(const Row& row, size_t i) const
{
    const size_t n = row.spans.size();
    return i >= n ? leaf(row.spans[i - n]) : row.tree[i];
}

uint32_t FlameLayout::reachQuery(const Row& row, int32_t first, int32_t end) const
{
    // As better(), but keeping the best end at hand: one lookup per node, not two.
    const size_t n = row.spans.size();
    uint32_t best = leaf(row.spans[size_t(first)]);
    int64_t bestEnd = m_index->endOf(int32_t(best & ~errorBit));
    uint32_t errors = best & errorBit;
    auto consider = [&](uint32_t value) {
        errors |= value & errorBit;
        const auto span = int32_t(value & ~errorBit);
        if (const int64_t end = m_index->endOf(span); end > bestEnd) {
            bestEnd = end;
            best = uint32_t(span);
        }
    };
    for (size_t l = size_t(first) + 1 + n, r = size_t(end) + n; l < r; l >>= 1, r >>= 1) {
        if (l & 1)
            consider(node(row, l++));
        if (r & 1)
            consider(node(row, --r));
    }
    return (best & ~errorBit) | errors;
}

double FlameLayout::xOfStart(const TimeScale& scale, int32_t span) const
{
    return double(m_index->startOf(span) - scale.startNs()) * scale.pixelsPerNs();
}

double FlameLayout::xOfEnd(const TimeScale& scale, int32_t span) const
{
    return double(m_index->endOf(span) - scale.startNs()) * scale.pixelsPerNs();
}

int32_t FlameLayout::firstStartingAtOrAfter(
    const Row& row, const TimeScale& scale, double x, int32_t first, int32_t end) const
{
    // Gallops first: when zoomed in, the answer is usually a step or two away.
    int32_t low = first;
    int32_t high = end;
    for (int32_t step = 1; low < high; step *= 2) {
        const int32_t probe = std::min<int64_t>(high, int64_t(low) + step) - 1;
        if (xOfStart(scale, row.spans[size_t(probe)]) < x) {
            low = probe + 1;
        } else {
            high = probe;
            break;
        }
    }
    while (low < high) {
        const int32_t middle = low + (high - low) / 2;
        if (xOfStart(scale, row.spans[size_t(middle)]) < x)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

int32_t FlameLayout::firstEndingAfter(const Row& row, int64_t ns) const
{
    // The farthest end over a prefix only grows, so the first prefix that reaches past ns is found by
    // bisection (each step a tree query).
    int32_t low = 0;
    auto high = int32_t(row.spans.size());
    while (low < high) {
        const int32_t middle = low + (high - low) / 2;
        const auto reach = int32_t(reachQuery(row, 0, middle + 1) & ~errorBit);
        if (m_index->endOf(reach) > ns)
            high = middle;
        else
            low = middle + 1;
    }
    return low;
}

void FlameLayout::blocks(int32_t depth, const TimeScale& scale, std::vector<Block>& blocks,
    std::vector<Segment>& segments, double mergeWidthPx) const
{
    blocks.clear();
    segments.clear();
    if (depth < 0 || depth >= depthCount() || m_rows[size_t(depth)].spans.empty())
        return;
    const Row& row = m_rows[size_t(depth)];
    const auto count = int32_t(row.spans.size());
    const double width = scale.width();
    int32_t position = firstEndingAfter(row, scale.startNs());
    const int32_t end = firstStartingAtOrAfter(row, scale, width, position, count);

    Block run;
    bool open = false;
    auto closeRun = [&] {
        if (!open)
            return;
        open = false;
        segments.back().x1 = std::max(segments.back().x1, run.x1);
        if (run.count == 1) {
            // A lone narrow span is drawn as itself.
            segments.pop_back();
            run.x0 = xOfStart(scale, run.span);
            run.x1 = std::max(xOfEnd(scale, run.span), run.x0 + 1);
            run.segmentCount = 0;
        }
        blocks.push_back(run);
    };

    while (position < end) {
        const double x = xOfStart(scale, row.spans[size_t(position)]);
        const double column = x < 0 ? -1.0 : std::floor(x);
        const int32_t next = firstStartingAtOrAfter(row, scale, column + 1, position + 1, end);
        const uint32_t reach = reachQuery(row, position, next);
        const auto span = int32_t(reach & ~errorBit);
        const bool error = reach & errorBit;
        const double spanX0 = xOfStart(scale, span);
        const double spanX1 = xOfEnd(scale, span);
        if (spanX1 - spanX0 >= mergeWidthPx) {
            // Wide enough to draw: the others starting in its first pixel end sooner and hide under it.
            closeRun();
            Block single;
            single.firstPosition = position;
            single.count = next - position;
            single.span = span;
            single.x0 = spanX0;
            single.x1 = spanX1;
            single.error = m_index->has(span, TraceIndex::Error);
            blocks.push_back(single);
        } else {
            const double reachX = std::max(spanX1, column + 1);
            if (open && column <= std::ceil(run.x1)) {
                run.count += next - position;
                if (m_index->endOf(span) > m_index->endOf(run.span))
                    run.span = span;
                run.error = run.error || error;
                run.x1 = std::max(run.x1, reachX);
            } else {
                closeRun();
                open = true;
                run = Block {};
                run.firstPosition = position;
                run.count = next - position;
                run.span = span;
                run.error = error;
                run.x0 = column;
                run.x1 = reachX;
                run.firstSegment = int32_t(segments.size());
            }
            // The newest column takes over from where the previous segment would have gone on.
            if (run.segmentCount > 0) {
                Segment& last = segments.back();
                last.x1 = std::min(last.x1, column);
                if (m_index->service[size_t(last.span)] == m_index->service[size_t(span)] && last.error == error) {
                    last.x1 = reachX;
                    if (m_index->endOf(span) > m_index->endOf(last.span))
                        last.span = span;
                    position = next;
                    continue;
                }
            }
            segments.push_back(Segment { column, reachX, span, error });
            run.segmentCount++;
        }
        position = next;
    }
    closeRun();
}

int32_t FlameLayout::spanAt(int32_t depth, const TimeScale& scale, double x) const
{
    if (depth < 0 || depth >= depthCount() || m_rows[size_t(depth)].spans.empty() || x < 0 || x >= scale.width())
        return -1;
    const Row& row = m_rows[size_t(depth)];
    const auto count = int32_t(row.spans.size());
    const double column = std::floor(x);
    const int32_t first = firstStartingAtOrAfter(row, scale, column, 0, count);
    const int32_t next = firstStartingAtOrAfter(row, scale, column + 1, first, count);
    if (next > first)
        return int32_t(reachQuery(row, first, next) & ~errorBit);
    if (first == 0)
        return -1;
    const auto span = int32_t(reachQuery(row, 0, first) & ~errorBit);
    return xOfEnd(scale, span) >= column ? span : -1;
}

} // namespace skein
