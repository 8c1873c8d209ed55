// SPDX-License-Identifier: MIT
// The mapping between trace time and pixels shared by the timeline, its ruler and its minimap: a
// window [startNs, endNs) of the trace [0, traceDurationNs] shown across a number of pixels. Zooming
// and panning keep the window inside the trace and never narrower than minimumWindowNs().
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace skein {

class TimeScale {
public:
    // Below this a window shows nothing a person can still tell apart.
    static constexpr int64_t minimumWindowFloorNs = 1000;
    // ... and never more than this many pixels per nanosecond.
    static constexpr double maximumPixelsPerNs = 10.0;

    TimeScale() = default;
    TimeScale(int64_t traceDurationNs, double widthPx)
    {
        setTraceDuration(traceDurationNs);
        setWidth(widthPx);
    }

    // A zero-length trace still gets a one nanosecond range, so that every mapping stays defined.
    int64_t traceDurationNs() const { return m_traceNs; }
    void setTraceDuration(int64_t durationNs)
    {
        m_traceNs = std::max<int64_t>(1, durationNs);
        m_startNs = 0;
        m_endNs = m_traceNs;
    }

    double width() const { return m_width; }
    void setWidth(double widthPx)
    {
        m_width = std::max(1.0, widthPx);
        setWindow(m_startNs, m_endNs); // a wider view may raise the minimum window
    }

    int64_t startNs() const { return m_startNs; }
    int64_t endNs() const { return m_endNs; }
    int64_t windowNs() const { return m_endNs - m_startNs; }
    bool isZoomed() const { return m_startNs > 0 || m_endNs < m_traceNs; }

    int64_t minimumWindowNs() const
    {
        const auto byPixels = int64_t(std::ceil(m_width / maximumPixelsPerNs));
        return std::min(m_traceNs, std::max(minimumWindowFloorNs, byPixels));
    }

    double pixelsPerNs() const { return m_width / double(windowNs()); }
    // Pixel offset (from the left edge of the mapped area) of a time; outside [0, width] when the time
    // is outside the window.
    double x(int64_t ns) const { return double(ns - m_startNs) * pixelsPerNs(); }
    int64_t ns(double x) const { return m_startNs + int64_t(std::llround(x / pixelsPerNs())); }

    // Shows [startNs, endNs), widened to the minimum window around its centre and moved inside the trace.
    void setWindow(int64_t startNs, int64_t endNs)
    {
        if (endNs < startNs)
            std::swap(startNs, endNs);
        int64_t length = std::clamp<int64_t>(endNs - startNs, minimumWindowNs(), m_traceNs);
        int64_t start = startNs + (endNs - startNs) / 2 - length / 2;
        start = std::clamp<int64_t>(start, 0, m_traceNs - length);
        m_startNs = start;
        m_endNs = start + length;
    }
    void reset() { setWindow(0, m_traceNs); }

    // factor > 1 zooms in. The time under anchorX stays under anchorX unless clamping to the trace or
    // the minimum window prevents it.
    void zoom(double factor, double anchorX)
    {
        if (!(factor > 0))
            return;
        const int64_t anchorNs = ns(anchorX);
        const double fraction = std::clamp(anchorX / m_width, 0.0, 1.0);
        int64_t length
            = std::clamp<int64_t>(int64_t(std::llround(double(windowNs()) / factor)), minimumWindowNs(), m_traceNs);
        const int64_t start = anchorNs - int64_t(std::llround(double(length) * fraction));
        setWindow(start, start + length);
    }
    void zoomAroundCentre(double factor) { zoom(factor, m_width / 2); }

    // Moves the window by a time (positive: later) without changing its length.
    void pan(int64_t deltaNs)
    {
        const int64_t length = windowNs();
        const int64_t start = std::clamp<int64_t>(m_startNs + deltaNs, 0, m_traceNs - length);
        m_startNs = start;
        m_endNs = start + length;
    }
    void panPixels(double deltaPx) { pan(int64_t(std::llround(deltaPx / pixelsPerNs()))); }

    friend bool operator==(const TimeScale&, const TimeScale&) = default;

private:
    int64_t m_traceNs = 1;
    double m_width = 1;
    int64_t m_startNs = 0;
    int64_t m_endNs = 1;
};

// The step between labelled ticks for a window: 1, 2 or 5 times a power of ten nanoseconds, the smallest
// that leaves at least minSpacingPx between ticks.
inline int64_t tickStepNs(int64_t windowNs, double widthPx, double minSpacingPx)
{
    if (windowNs <= 0 || widthPx <= 0)
        return 1;
    const double wanted = double(windowNs) * minSpacingPx / widthPx;
    int64_t power = 1;
    while (true) {
        for (int64_t multiple : { 1, 2, 5 }) {
            if (double(power * multiple) >= wanted)
                return power * multiple;
        }
        if (power > INT64_MAX / 100)
            return power * 10;
        power *= 10;
    }
}

} // namespace skein
