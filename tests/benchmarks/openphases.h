// SPDX-License-Identifier: MIT
// Opens a trace from the cache the way the window does, offscreen at 1600x1000 px, and times what a user
// feels: reading the index and every span's details, the first painted frame, repaints while scrolling and
// zooming in the waterfall and the flame chart, switching between them, collapse/expand and searching. Memory
// is measured in a fresh process.
#pragma once

#include "opentrace.h"

#include <QString>

namespace skein::bench {

inline constexpr char memoryPhaseArgument[] = "--memory-phase";

// Medians over the runs (each field of one run is a single measurement or that run's median / p95).
struct OpenResult {
    uint64_t spans = 0;
    double floorMs = 0; // plain SQLite reading the same span rows
    double indexMs = 0;
    double firstFrameMs = 0;
    double scrollMedianMs = 0;
    double scrollP95Ms = 0;
    double zoomMedianMs = 0;
    double zoomP95Ms = 0;
    double flameSwitchMs = 0; // to the first painted frame of the flame chart, rows built
    double flameBuildMs = 0;
    double flameFullMs = 0; // the whole trace, every span merged or drawn
    double flamePanMedianMs = 0;
    double flamePanP95Ms = 0;
    double flameZoomMedianMs = 0;
    double flameZoomP95Ms = 0;
    double waterfallSwitchMs = 0;
    double subtreeCollapseMs = 0; // the root's subtree, the biggest there is
    double subtreeExpandMs = 0;
    double collapseMs = 0;
    double expandMs = 0;
    double indexAndDetailsMs = 0; // the index and every span's details in one pass, as the window reads a trace
    double contentMs = 0; // a document made from the index alone: its details read afterwards
    double searchMs = 0; // a service or operation name: every match found
    double searchDetailsMs = 0; // an attribute value: until every match is found, background scan included
    double searchRightAfterOpenMs = 0; // the same typed the moment the trace shows
    // The same in a document made from the index alone, typed while its details are read.
    double searchWhileLoadingMs = 0;
    double indexBytesPerSpan = 0;
    // RSS growth in a fresh process that has painted its window before; -1: unknown. The trace as the window
    // opens it (index, views, every span's details), and the index and views alone.
    double rssGrowthKb = 0;
    double rssBeforeDetailsKb = 0;
};

enum class MemoryPhase { IndexAlone, AsTheWindowOpensIt };

// Needs a QApplication. Saves waterfall and flame chart PNGs of the whole trace into snapshots (when not
// empty) on the first run; `self` is this binary, run again for the memory phase.
OpenResult benchmarkOpen(const QString& self, const OpenTrace& trace, int runs, const QString& snapshots);

// The child's side of the memory measure: prints "rss-growth-kb N", returns 0.
int runMemoryPhase(const QString& databasePath, const QString& traceIdHex, MemoryPhase phase);

} // namespace skein::bench
