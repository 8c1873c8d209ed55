// SPDX-License-Identifier: MIT
// Durations and timestamps as people type and read them.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace skein {

// "250ms", "1.5s", "2m", "100us", "100µs", "10ns", "1h30m"; a bare number is milliseconds.
std::optional<int64_t> parseDuration(QStringView text);
// A short human form with 3 significant digits: "812ns", "12.3µs", "250ms", "1.50s", "2m 05s".
QString formatDuration(int64_t nanoseconds);
// RFC 3339 in UTC with nanoseconds: "2026-11-01T09:00:00.123456789Z".
QString formatTimestamp(int64_t nanosecondsSinceEpoch);

} // namespace skein
