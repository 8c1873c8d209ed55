// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// Written at every build by packaging/revision.cmake (see packaging/packaging.cmake), and only rewritten when the
// revision changes. Header-only on purpose: a commit then recompiles the few files that include this header
// (main.cpp) instead of changing libskein_app.a and relinking every test.
#if __has_include("skeinrevision.h")
#include "skeinrevision.h"
#endif
#ifndef SKEIN_GIT_REVISION
#define SKEIN_GIT_REVISION "" // a build without the packaging rules, or outside a git checkout
#endif

namespace skein {

// The revision alone ("279f0d6a1b", with "-dirty" for uncommitted changes), or empty outside a git checkout.
inline QString skeinGitRevision()
{
    return QStringLiteral(SKEIN_GIT_REVISION);
}

// The CMake project version and, when built from a git checkout, the revision: "0.1.0 (git 279f0d6a1b-dirty)".
// `skein --version` and bug reports use it, so that a build can be traced back to its source.
inline QString skeinVersionString()
{
    const QString revision = skeinGitRevision();
    return revision.isEmpty() ? QStringLiteral(SKEIN_VERSION)
                              : QStringLiteral(SKEIN_VERSION " (git ") + revision + QLatin1Char(')');
}

// The reverse-DNS id that names the desktop file, the icon, the AppStream component and the MIME package
// (SKEIN_APP_ID in packaging/packaging.cmake; tst_packaging checks that they agree). QGuiApplication::
// setDesktopFileName() takes it so that the desktop matches the window to its entry.
inline QString skeinApplicationId()
{
    return QStringLiteral("io.github.skein.Skein");
}

} // namespace skein
