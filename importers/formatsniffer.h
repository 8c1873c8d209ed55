// SPDX-License-Identifier: MIT
// Decides what an input is from its first bytes, never from its name (formats.md §0).
#pragma once

#include "jsonshape.h"

#include <string>
#include <string_view>

namespace skein {

enum class InputFormat {
    Empty,
    JaegerJson, // UI/HTTP v1 forms and the internal model JSON
    OtlpJson, // OTLP JSON, JSON lines, Jaeger api_v3 and Tempo responses
    OtlpProtobuf,
    ZipkinJson,
    Unsupported, // recognised, but not spans or not a format Skein reads; see description
    Unknown, // not recognised; JSON parsing will name the problem
};

struct SniffResult {
    InputFormat format = InputFormat::Unknown;
    std::string description; // what the input is, for messages ("Chrome trace-event JSON", ...)
    JsonShape shape;
};

// prefix: the first bytes of the decompressed input (the sniffer works with any length).
SniffResult sniffFormat(std::string_view prefix);

} // namespace skein
