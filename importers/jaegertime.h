// SPDX-License-Identifier: MIT
// The time notations of Jaeger's JSON forms, converted exactly to nanoseconds (never through double):
// the UI's microseconds, and the internal model's RFC 3339 timestamps and proto3 / Go durations.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace skein {

// Empty when the result does not fit in int64 nanoseconds.
std::optional<int64_t> microsecondsToNanoseconds(int64_t microseconds);

// "2017-01-26T16:46:31.639875139-05:00": any offset (or Z), 0 to 9 fraction digits (further digits are
// truncated), 'T', 't' or a space between date and time. A missing offset reads as UTC.
std::optional<int64_t> parseRfc3339Nanoseconds(std::string_view text);

// proto3 JSON durations ("0.000005s", "-1.5s") and Go durations ("5000ns", "1.5ms", "1h2m", "3µs", "0").
std::optional<int64_t> parseDurationNanoseconds(std::string_view text);

} // namespace skein
