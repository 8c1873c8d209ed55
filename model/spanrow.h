// SPDX-License-Identifier: MIT
// One row of the cache's spans table, as the writer (for merging) and the reader both load it.
#pragma once

#include "span.h"

#include <cstdint>
#include <string_view>

namespace skein {

class Statement;

struct SpanRow {
    // The columns that select a SpanRow, in the order fromStatement() reads them.
    static constexpr const char* columns
        = "id, trace_id, span_id, side, parent_span_id, service_id, operation_id, kind, status, start_ns, "
          "duration_ns, flags, resource_id, scope_id, import_id, data";

    int64_t rowId = 0;
    int64_t serviceId = 0;
    int64_t operationId = 0;
    int64_t resourceId = 0; // 0: none
    int64_t scopeId = 0; // 0: none
    int64_t importId = 0;
    std::string_view data; // the packed details; valid until the statement moves on
    SpanRecord span; // the column fields only: no names, details, resource or scope

    // Out-of-range enum values (a damaged file) become their defaults rather than invalid enums.
    static SpanRow fromStatement(const Statement& statement, int firstColumn = 0);
};

// 16 big-endian bytes, the spans.trace_id and traces.trace_id form.
struct TraceIdBytes {
    unsigned char bytes[16];
    explicit TraceIdBytes(const TraceId& id) { id.toBytes(bytes); }
    std::string_view view() const { return std::string_view(reinterpret_cast<const char*>(bytes), 16); }
};
TraceId traceIdFromBlob(std::string_view blob); // zero when the blob is not 16 bytes

} // namespace skein
