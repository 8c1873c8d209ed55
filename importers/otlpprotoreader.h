// SPDX-License-Identifier: MIT
// Streams OTLP protobuf traces (formats.md §5): one ExportTraceServiceRequest / TracesData, or the
// OpenTelemetry Collector file exporter's `format: proto` stream of them, each after a 4-byte big-endian
// length. Requests and ResourceSpans are walked field by field, never parsed whole: only one span,
// resource or scope message is in memory at a time, whatever the size of the file.
#pragma once

#include "importmessage.h"
#include "spansink.h"

#include <cstddef>
#include <cstdint>

namespace skein {

class ByteSource;

struct OtlpProtoOptions {
    // The largest span, resource or scope message that is read into memory. A larger declared size is
    // hostile or damaged: that message is skipped unread.
    int64_t maxMessageBytes = 64 * 1024 * 1024;
    // Field order is free, so spans may come before their resource or scope; they wait for them, but never
    // more than this many: past it they are stored with what is known.
    size_t pendingLimit = 100000;
};

// Reads source to its end (or a fatal error, or cancel), delivering spans to sink in batches. Sets
// report.format to "otlp-protobuf" or "otlp-protobuf-stream". Damaged parts are skipped with a warning
// that names their byte offset; when nothing could be read the input is rejected.
void importOtlpProtobuf(ByteSource& source, SpanSink& sink, ImportReport& report, const OtlpProtoOptions& options = {});

} // namespace skein
