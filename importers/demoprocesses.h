// SPDX-License-Identifier: MIT
// The shop's processes as OpenTelemetry describes them: a Resource per service replica and the
// instrumentation scopes of each service's libraries, created once and shared by every span.
#pragma once

#include "democatalog.h"
#include "demorandom.h"
#include "span.h"

#include <array>
#include <memory>
#include <vector>

namespace skein::demo {

// Which library of a service records a span.
enum ScopeRole {
    HttpServerScope,
    HttpClientScope,
    GrpcScope,
    SqlScope,
    RedisScope,
    MessagingScope,
    ManualScope, // the service's own code
    ScopeRoleCount
};

struct Processes {
    std::vector<std::vector<std::shared_ptr<const Resource>>> resources; // [service][replica]
    std::vector<std::array<std::shared_ptr<const InstrumentationScope>, ScopeRoleCount>> scopes; // [service][role]

    static Processes create(const Catalog& catalog, Random& random);
};

} // namespace skein::demo
