// SPDX-License-Identifier: MIT
// Decoding of trace and span ids and base64 as real files write them (formats.md §1.2, §2.4, §4.3).
#pragma once

#include "span.h"

#include <optional>
#include <string>
#include <string_view>

namespace skein {

// Standard or URL-safe base64, padding optional. Empty when the text is not base64.
std::optional<std::string> decodeBase64(std::string_view text);
std::string encodeBase64(std::string_view bytes);

// 1..32 (trace) / 1..16 (span) hex characters of either case are hex (short ids are left-padded);
// otherwise text that decodes as base64 to 16 / 8 bytes is base64. Empty otherwise.
std::optional<TraceId> decodeTraceId(std::string_view text);
std::optional<SpanId> decodeSpanId(std::string_view text);

} // namespace skein
