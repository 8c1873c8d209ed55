// SPDX-License-Identifier: MIT
// `skein deps`: the service dependency graph of the cache (or of one trace) as a table or JSON.
#pragma once

#include <QStringList>

namespace skein {

// arguments[0] is "deps". Returns the exit code: 0 ok, 1 the cache or the trace could not be read, 2 usage error.
int depsCommand(const QStringList& arguments);

} // namespace skein
