// SPDX-License-Identifier: MIT
// Imports one input into the cache: parsing on a worker thread, writing on the calling thread, joined
// by a short queue, so that JSON parsing hides behind SQLite (the slower half).
#pragma once

#include "importmessage.h"
#include "tracestore.h"

#include <QString>

#include <atomic>
#include <functional>

namespace skein {

class ByteSource;

struct ImportOutcome {
    QString path;
    ImportReport report; // format, rejected/cancelled, error, warnings
    ImportCounts counts;
    std::vector<TraceId> traceIds; // the traces imported (the first 1000), in the order first seen
    QString status() const; // "imported", "rejected" or "cancelled"
};

struct ImportProgress {
    int64_t bytesDone = 0;
    int64_t bytesTotal = -1; // -1: unknown (a pipe)
    uint64_t spans = 0;
};

struct ImportOptions {
    const std::atomic<bool>* cancel = nullptr;
    // Called on the calling thread (which parses) after every batch it hands to the writing thread, and once
    // at the end; spans counts the spans stored so far.
    std::function<void(const ImportProgress&)> progress;
    ImportMode mode; // how the import treats traces the cache already holds
};

// path "-" reads standard input. Never throws; problems end up in the outcome's report.
ImportOutcome importFile(TraceStore& store, const QString& path, const ImportOptions& options = {});
// The same for an already opened source (memory, network).
ImportOutcome importSource(
    TraceStore& store, ByteSource& source, const QString& sourceName, const ImportOptions& options = {});

} // namespace skein
