// SPDX-License-Identifier: MIT
// Colours for services: stable for a name across runs and traces, spread so that neighbours in a
// sorted list stay distinguishable, and adjusted for light and dark window palettes.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace skein {

class ServicePalette {
public:
    // The colour of a service's bars and swatches.
    static QColor colorFor(const QString& service, const QPalette& palette);
    // The red used for errors, readable on the palette's base colour.
    static QColor errorColor(const QPalette& palette);
    // Black or white, whichever reads better on background.
    static QColor textOn(const QColor& background);
    static bool isDark(const QPalette& palette);
};

} // namespace skein
