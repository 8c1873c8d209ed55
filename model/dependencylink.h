// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdint>

namespace skein {

// One edge of the service dependency graph: parent called child callCount times (Jaeger /api/dependencies).
struct DependencyLink {
    QString parent;
    QString child;
    int64_t callCount = 0;
};

// A stored edge and where it came from.
struct StoredDependencyLink {
    DependencyLink link;
    QString source; // the endpoint it was fetched from (no secrets)
    int64_t importId = 0; // the imports table row of that fetch
};

} // namespace skein
