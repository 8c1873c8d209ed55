// SPDX-License-Identifier: MIT
// The headless subcommands of the skein binary: import, info, traces, demo.
#pragma once

#include <QStringList>

namespace skein {

// True when arguments[1] names a subcommand (or asks for help or the version).
bool isCommandLineInvocation(const QStringList& arguments);
// Runs the subcommand; returns the process exit code (0 ok, 1 a file was rejected, 2 usage error).
int runCommandLine(const QStringList& arguments);
// What `skein` does without a display: the same as `skein info` and `skein traces` on the cache.
int runHeadlessOverview(const QString& databasePath);

} // namespace skein
