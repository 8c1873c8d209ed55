// SPDX-License-Identifier: MIT
#pragma once

#include "spansink.h"

#include <vector>

namespace skein {

// Collects spans from an importer and hands them to the sink in batches, so the sink's per-call cost
// (a transaction step, a queue hand-off) is paid once per batch, not once per span. Small enough that a
// batch is still in the processor's cache while it is encoded and freed.
class SpanBatch {
public:
    explicit SpanBatch(SpanSink& sink, size_t batchSize = 256)
        : m_sink(sink)
        , m_batchSize(batchSize)
    {
        m_spans.reserve(batchSize);
    }

    // Returns false when the sink failed; the importer must stop.
    bool add(SpanRecord&& span)
    {
        m_spans.push_back(std::move(span));
        return m_spans.size() < m_batchSize || flush();
    }

    bool flush()
    {
        if (m_spans.empty())
            return !m_failed;
        m_failed = m_failed || !m_sink.addSpans(m_spans);
        m_spans.clear();
        return !m_failed;
    }

    bool failed() const { return m_failed; }
    std::string errorMessage() const { return m_sink.errorMessage(); }

private:
    SpanSink& m_sink;
    size_t m_batchSize;
    std::vector<SpanRecord> m_spans;
    bool m_failed = false;
};

} // namespace skein
