// SPDX-License-Identifier: MIT
// Small traces written out by hand, for checks whose expected numbers can be worked out on paper: the
// spans go through TraceIndex::build like any imported trace, and come back as a TraceDocument (without
// a cache: nothing here reads span details).
#pragma once

#include "tracedocument.h"
#include "traceindex.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace skein::test {

struct HandmadeSpan {
    SpanId id = 0;
    SpanId parent = 0; // 0: a root
    QString service;
    QString operation;
    int64_t startNs = 0;
    int64_t durationNs = 0;
    bool error = false;
};

inline std::shared_ptr<const TraceIndex> handmadeIndex(const std::vector<HandmadeSpan>& spans)
{
    QStringList services;
    QStringList operations;
    std::vector<TraceIndex::Input> inputs;
    for (const HandmadeSpan& span : spans) {
        if (!services.contains(span.service))
            services << span.service;
        if (!operations.contains(span.operation))
            operations << span.operation;
        TraceIndex::Input input;
        input.rowId = int64_t(inputs.size()) + 1;
        input.spanId = span.id;
        input.parentSpanId = span.parent;
        input.serviceKey = services.indexOf(span.service);
        input.operationKey = operations.indexOf(span.operation);
        input.status = span.error ? StatusCode::Error : StatusCode::Unset;
        input.startNs = 1'000'000'000 + span.startNs;
        input.durationNs = span.durationNs;
        inputs.push_back(input);
    }
    return std::make_shared<const TraceIndex>(TraceIndex::build(
        TraceId { 0, 42 }, std::move(inputs), [&](int64_t key) { return services[key]; },
        [&](int64_t key) { return operations[key]; }));
}

inline std::unique_ptr<TraceDocument> handmadeDocument(const std::vector<HandmadeSpan>& spans)
{
    return std::make_unique<TraceDocument>(handmadeIndex(spans), QString());
}

// The index of the span with this id.
inline int32_t spanOf(const TraceDocument& document, SpanId id)
{
    return document.index().findSpan(id);
}

} // namespace skein::test
