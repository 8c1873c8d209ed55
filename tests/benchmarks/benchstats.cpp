// SPDX-License-Identifier: MIT
#include "benchstats.h"

#include <QFile>

#include <algorithm>

namespace skein::bench {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile95(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(double(values.size()) * 0.95))];
}

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

namespace {

long statusKb(const QByteArray& field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLong();
    return 0;
}

} // namespace

long residentKb()
{
    return statusKb(QByteArrayLiteral("VmRSS:"));
}

long peakResidentKb()
{
    return statusKb(QByteArrayLiteral("VmHWM:"));
}

} // namespace skein::bench
