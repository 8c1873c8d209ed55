// SPDX-License-Identifier: MIT
#include "durationtext.h"

#include <QDateTime>

#include <cmath>

namespace skein {

namespace {

std::optional<double> unitNanoseconds(QStringView unit)
{
    if (unit == u"ns")
        return 1.0;
    if (unit == u"us" || unit == u"µs" || unit == u"μs")
        return 1e3;
    if (unit == u"ms" || unit.isEmpty())
        return 1e6;
    if (unit == u"s")
        return 1e9;
    if (unit == u"m")
        return 60e9;
    if (unit == u"h")
        return 3600e9;
    return std::nullopt;
}

} // namespace

std::optional<int64_t> parseDuration(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype numberStart = i;
        while (i < text.size() && (text[i].isDigit() || text[i] == u'.'))
            ++i;
        if (i == numberStart)
            return std::nullopt;
        bool ok = false;
        const double number = text.mid(numberStart, i - numberStart).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < text.size() && !text[i].isDigit() && text[i] != u'.')
            ++i;
        const auto unit = unitNanoseconds(text.mid(unitStart, i - unitStart).trimmed());
        if (!unit)
            return std::nullopt;
        total += number * *unit;
    }
    if (!std::isfinite(total) || total > 9.2e18)
        return std::nullopt;
    return int64_t(std::llround(total));
}

QString formatDuration(int64_t ns)
{
    const bool negative = ns < 0;
    const double value = negative ? -double(ns) : double(ns);
    QString text;
    if (value < 1e3)
        text = QString::number(int64_t(value)) + QStringLiteral("ns");
    else if (value < 1e6)
        text = QString::number(value / 1e3, 'g', 3) + QStringLiteral("µs");
    else if (value < 1e9)
        text = QString::number(value / 1e6, 'g', 3) + QStringLiteral("ms");
    else if (value < 60e9)
        text = QString::number(value / 1e9, 'f', 2) + QStringLiteral("s");
    else {
        const int64_t seconds = int64_t(value / 1e9);
        if (seconds < 3600)
            text = QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
        else
            text = QStringLiteral("%1h %2m").arg(seconds / 3600).arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'));
    }
    return negative ? QStringLiteral("-") + text : text;
}

QString formatTimestamp(int64_t ns)
{
    int64_t seconds = ns / 1000000000;
    int64_t fraction = ns % 1000000000;
    if (fraction < 0) {
        fraction += 1000000000;
        --seconds;
    }
    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + QStringLiteral(".%1Z").arg(fraction, 9, 10, QLatin1Char('0'));
}

} // namespace skein
