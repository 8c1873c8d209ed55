// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace skein {

// Where in the input a problem is. Text formats give line and column (1-based); binary ones an offset.
// A field that is not known is 0 (line, column) or -1 (offset).
struct SourcePosition {
    int64_t line = 0;
    int64_t column = 0;
    int64_t offset = -1;
};

struct ImportMessage {
    std::string message;
    SourcePosition position;
};

// What an importer reports about one input besides its spans.
struct ImportReport {
    std::string format; // e.g. "jaeger-json", "otlp-json", "otlp-jsonl"; empty when not recognised
    bool rejected = false;
    bool cancelled = false;
    ImportMessage error; // set when rejected
    std::vector<ImportMessage> warnings;
    uint64_t records = 0; // span records read
    uint64_t skippedRecords = 0; // damaged span records that were skipped (each has a warning)
    uint64_t skippedDocuments = 0; // e.g. metrics or logs lines in an OTLP JSON lines file
    // Stored warnings are capped (hostile input); the last one then says that more were suppressed.

    void warn(std::string message, SourcePosition position);
    void reject(std::string message, SourcePosition position);
};

} // namespace skein
