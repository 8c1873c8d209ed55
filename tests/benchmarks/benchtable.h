// SPDX-License-Identifier: MIT
// The benchmark's one markdown table: a column per trace size, rows for the import of every format
// (against its floors) and for opening a trace.
#pragma once

#include "importphases.h"
#include "openphases.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace skein::bench {

struct SizeResult {
    QString heading; // the column's heading
    std::vector<ImportResult> imports; // those that succeeded
    std::optional<OpenResult> open;
};

QString spansLabel(uint64_t spans); // 10000 -> "10k", 1000000 -> "1M"

// Rows are printed only for what was measured: import rows for `formats`, open rows when some size has them.
void printTable(const std::vector<SizeResult>& sizes, const QStringList& formats);

} // namespace skein::bench
