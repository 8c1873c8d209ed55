// SPDX-License-Identifier: MIT
// The search terms of the cache's trace_index table: one integer per fact "this trace has a span of
// service S", "... of operation O" or "... with attribute key K = value V" (span or resource attribute).
//
// Terms are stored, so their definition is part of the cache format: term = payload * 4 + kind, with
// the payload a dictionary id for services and operations and a 61-bit hash of (key id, canonical
// value text) for attributes (see traceterms.cpp; changing it needs a schema migration). A hash keeps every index row
// the same small size whatever the value's length; two different values sharing a hash is vanishingly rare and would
// only widen a search.
#pragma once

#include <cstdint>
#include <string_view>

namespace skein {

class TraceTerms {
public:
    static int64_t service(int64_t serviceId) { return int64_t((uint64_t(serviceId) << 2) | 1); }
    static int64_t operation(int64_t operationId) { return int64_t((uint64_t(operationId) << 2) | 2); }
    static int64_t attribute(int64_t keyId, std::string_view canonicalValue);
};

} // namespace skein
