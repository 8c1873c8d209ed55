// SPDX-License-Identifier: MIT
// `skein fetch`: pulls traces (and the dependency graph) from a Jaeger query service into the cache.
#pragma once

#include <QStringList>

namespace skein {

// arguments[0] is "fetch". Returns the exit code: 0 ok, 1 a request or the cache failed, 2 usage error.
int fetchCommand(const QStringList& arguments);

} // namespace skein
