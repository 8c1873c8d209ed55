// SPDX-License-Identifier: MIT
// The trace the open benchmark opens: the biggest of a cache, either an existing one or a cache made from
// one generated trace of N spans (`skein demo --traces 1`). And the open's floor: stepping through the
// same span rows with plain SQLite.
#pragma once

#include "span.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace skein::bench {

struct OpenTrace {
    QString databasePath;
    TraceId traceId;
    uint64_t spans = 0;
};

std::optional<OpenTrace> biggestTrace(const QString& databasePath, QString* error);

// Generates one otlp-proto trace of `spans` spans in directory, imports it into a new cache there (the
// file is removed afterwards) and returns that trace.
std::optional<OpenTrace> importSingleTrace(uint64_t spans, const QString& directory, QString* error);

// Reads the trace's span rows (the columns the index needs, in table order) and does nothing with them.
double readRowsMs(const OpenTrace& trace);

} // namespace skein::bench
