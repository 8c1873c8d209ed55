// SPDX-License-Identifier: MIT
#include "servicepalette.h"

#include <QHash>
#include <QSet>

#include <mutex>

namespace skein {

namespace {

// Hues that read well as bar fills, ordered so that neighbours differ a lot; red (345–15°) is left out
// because it means error. Each hue comes in three lightness variants: 54 colours in all.
constexpr int hues[] = { 210, 35, 130, 275, 185, 55, 310, 95, 235, 160, 330, 75, 255, 22, 200, 115, 290, 145 };
constexpr int hueCount = int(sizeof(hues) / sizeof(hues[0]));
constexpr int variantCount = 3;
constexpr int slotCount = hueCount * variantCount;

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

// Names get the slot their hash prefers unless another name took it, then the next free one, so that
// the services of a trace (asked for together) get different colours; only past 54 names do two share.
class SlotRegistry {
public:
    int slotFor(const QString& service)
    {
        const std::lock_guard lock(m_mutex);
        auto it = m_slots.constFind(service);
        if (it != m_slots.constEnd())
            return *it;
        const int preferred = int(nameHash(service) % slotCount);
        int slot = preferred;
        if (m_used.size() < slotCount) {
            while (m_used.contains(slot))
                slot = (slot + 1) % slotCount;
        }
        m_used.insert(slot);
        m_slots.insert(service, slot);
        return slot;
    }

private:
    std::mutex m_mutex;
    QHash<QString, int> m_slots;
    QSet<int> m_used;
};

SlotRegistry& registry()
{
    static SlotRegistry instance;
    return instance;
}

} // namespace

bool ServicePalette::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor ServicePalette::colorFor(const QString& service, const QPalette& palette)
{
    const int slot = registry().slotFor(service);
    const int hue = hues[slot % hueCount];
    const int variant = slot / hueCount;
    const bool dark = isDark(palette);
    constexpr int saturation[variantCount] = { 120, 155, 95 };
    constexpr int lightLightness[variantCount] = { 170, 140, 200 };
    constexpr int darkLightness[variantCount] = { 120, 95, 150 };
    return QColor::fromHsl(hue, saturation[variant], dark ? darkLightness[variant] : lightLightness[variant]);
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
