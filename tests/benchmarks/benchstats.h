// SPDX-License-Identifier: MIT
// What every part of the benchmark needs: medians and percentiles of repeated timings, and this
// process's resident memory.
#pragma once

#include <QElapsedTimer>

#include <vector>

namespace skein::bench {

double median(std::vector<double> values); // 0 for no values
double percentile95(std::vector<double> values); // 0 for no values
double msSince(const QElapsedTimer& timer);
long residentKb(); // VmRSS of this process, 0 when /proc cannot tell
// VmHWM: the peak since this program started. Unlike a child's ru_maxrss, it does not count the pages the
// child had as a fork of its parent before exec.
long peakResidentKb();

} // namespace skein::bench
