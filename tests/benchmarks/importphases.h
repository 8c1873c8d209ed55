// SPDX-License-Identifier: MIT
// The import benchmark of one demo file: the whole import against two floors measured in the same run on
// the same file, reading it (decompression included) and parsing it without storing. Each phase runs in a
// child process, so its peak memory is its own; each child times only its phase, not its own start-up.
#pragma once

#include "demogenerator.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace skein::bench {

inline constexpr char importPhaseArgument[] = "--import-phase";

// The child's side: `phase` is "read", "parse" or "import" (into a new cache at database). Prints
// "<spans> <seconds> <peak RSS kB>" and returns 0, or returns non-zero on failure.
int runImportPhase(const QString& phase, const QString& file, const QString& database);

struct ImportResult {
    QString format;
    uint64_t spans = 0;
    double fileMb = 0;
    // Medians over the runs.
    double readSeconds = 0;
    double parseSeconds = 0;
    double importSeconds = 0;
    double readRssMb = 0;
    double parseRssMb = 0;
    double importRssMb = 0;
};

// Writes the demo file (about 200 spans per trace) into directory, measures each phase `runs` times with
// `self` (this binary) as the child, and removes the file again.
std::optional<ImportResult> benchmarkImport(
    const QString& self, DemoFormat format, uint64_t spans, int runs, const QString& directory, QString* error);

} // namespace skein::bench
