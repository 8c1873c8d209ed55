// SPDX-License-Identifier: MIT
#include "servicepalette.h"

#include <QCryptographicHash>

namespace skein {

namespace {

// Hand-picked hues that read well as bar fills; red (0–15°, 345–360°) is left out because it means
// error. A hash picks a hue, and a second hash bit picks one of two lightness levels, which doubles
// the number of clearly different colours.
constexpr int hues[] = { 210, 30, 130, 270, 185, 50, 300, 95, 235, 160, 330, 70, 250, 20, 200, 115 };

quint32 nameHash(const QString& service)
{
    // FNV-1a over UTF-16: stable across runs and platforms, unlike qHash's seeded hash.
    quint32 hash = 2166136261u;
    for (QChar c : service) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return hash;
}

} // namespace

bool ServicePalette::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor ServicePalette::colorFor(const QString& service, const QPalette& palette)
{
    const quint32 hash = nameHash(service);
    const int hue = hues[hash % (sizeof(hues) / sizeof(hues[0]))];
    const bool alternate = (hash >> 8) & 1;
    const bool dark = isDark(palette);
    const int saturation = alternate ? 150 : 110;
    const int lightness = dark ? (alternate ? 105 : 135) : (alternate ? 150 : 180);
    return QColor::fromHsl(hue, saturation, lightness);
}

QColor ServicePalette::errorColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0x5c, 0x5c) : QColor(0xd3, 0x2f, 0x2f);
}

QColor ServicePalette::textOn(const QColor& background)
{
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace skein
