// SPDX-License-Identifier: MIT
#include "importmessage.h"

namespace skein {

namespace {
// Hostile input can produce a warning per byte; keep the report bounded.
constexpr size_t maxStoredWarnings = 1000;
} // namespace

void ImportReport::warn(std::string message, SourcePosition position)
{
    if (warnings.size() < maxStoredWarnings) {
        warnings.push_back({ std::move(message), position });
    } else if (warnings.size() == maxStoredWarnings) {
        warnings.push_back({ "further warnings were suppressed", position });
    }
}

void ImportReport::reject(std::string message, SourcePosition position)
{
    rejected = true;
    error = { std::move(message), position };
}

} // namespace skein
