// SPDX-License-Identifier: MIT
#include "spanrow.h"

#include "database.h"

namespace skein {

TraceId traceIdFromBlob(std::string_view blob)
{
    if (blob.size() != 16)
        return {};
    return TraceId::fromBytes(reinterpret_cast<const unsigned char*>(blob.data()));
}

SpanRow SpanRow::fromStatement(const Statement& statement, int firstColumn)
{
    auto column = [&](int i) { return firstColumn + i; };
    SpanRow row;
    row.rowId = statement.int64(column(0));
    SpanRecord& span = row.span;
    span.traceId = traceIdFromBlob(statement.blob(column(1)));
    span.spanId = SpanId(statement.int64(column(2)));
    span.side
        = statement.int64(column(3)) == int64_t(SpanSide::SharedServer) ? SpanSide::SharedServer : SpanSide::Primary;
    span.parentSpanId = SpanId(statement.int64(column(4)));
    row.serviceId = statement.int64(column(5));
    row.operationId = statement.int64(column(6));
    const int64_t kind = statement.int64(column(7));
    span.kind = kind >= 0 && kind <= int64_t(SpanKind::Consumer) ? SpanKind(kind) : SpanKind::Unspecified;
    const int64_t status = statement.int64(column(8));
    span.status = status >= 0 && status <= int64_t(StatusCode::Error) ? StatusCode(status) : StatusCode::Unset;
    span.startNs = statement.int64(column(9));
    span.durationNs = statement.int64(column(10));
    span.flags = uint32_t(statement.int64(column(11)));
    row.resourceId = statement.int64(column(12));
    row.scopeId = statement.int64(column(13));
    row.importId = statement.int64(column(14));
    row.data = statement.blob(column(15));
    return row;
}

} // namespace skein
