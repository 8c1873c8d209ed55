// SPDX-License-Identifier: MIT
// Streams OTLP JSON traces (formats.md §4): TracesData / ExportTraceServiceRequest, JSON lines of them,
// Jaeger api_v3 responses ({"result": TracesData}), Tempo's {"batches"} and {"trace"} forms, and the
// legacy and protobuf-JSON spellings. Spans are captured one at a time.
#pragma once

#include "jsonshape.h"
#include "jsonstreamparser.h"
#include "otlpjsondecoder.h"

#include <memory>
#include <string>
#include <vector>

namespace skein {

class SpanBatch;

class OtlpJsonReader : public JsonStreamClient {
public:
    OtlpJsonReader(SpanBatch& batch, ImportReport& report, const JsonShape& shape);

    // Key order is free, so a span may come before its block's resource or scope; such spans wait for
    // the end of their block, but never more than this many: past it they are stored with what is known.
    void setPendingLimit(size_t limit) { m_pendingLimit = limit; }

    void documentStarted(int64_t index) override;
    Action valueStarted(const JsonPath& path, bool isContainer) override;
    bool captured(const JsonPath& path, const JsonNode& value, const SourcePosition& position) override;
    bool containerEnded(const JsonPath& path) override;
    bool documentEnded(int64_t index, bool complete) override;

private:
    // What a path points at.
    enum class Place {
        Ignored,
        Root,
        Wrapper, // "result" (Jaeger api_v3), "trace" (Tempo v2), or an element of a root array
        ErrorObject, // Jaeger api_v3 {"error": {...}}
        RootString, // Tempo v2 "status" / "message"
        OtherSignal, // resourceMetrics, resourceLogs, resourceProfiles
        ResourceSpansList,
        ResourceSpans,
        Resource,
        ScopeSpansList,
        ScopeSpans,
        Scope,
        SpanList,
        Span,
    };
    static Place locate(const JsonPath& path);

    bool readSpan(const JsonNode& value, const SourcePosition& position);
    void readError(const JsonNode& value, const SourcePosition& position);
    bool resourceArrived();
    bool scopeBlockEnded();
    bool resourceBlockEnded();
    bool storePending(size_t count);
    bool store(SpanRecord&& span);
    bool forcePending(const SourcePosition& position);

    SpanBatch& m_batch;
    ImportReport& m_report;
    OtlpJsonDecoder m_decoder;
    size_t m_pendingLimit = 100000;

    // The ResourceSpans and ScopeSpans blocks being read.
    std::shared_ptr<const Resource> m_resource;
    std::shared_ptr<const InstrumentationScope> m_scope;
    bool m_resourceKnown = false;
    bool m_scopeKnown = false;
    // Spans waiting for their resource or scope; those before m_scopeStart already have their scope.
    std::vector<SpanRecord> m_pending;
    size_t m_scopeStart = 0;

    // The current document.
    bool m_sawSpans = false;
    bool m_sawWrapper = false;
    bool m_sawOtherSignal = false;
    bool m_sawError = false;
    bool m_sawTrace = false;
    std::string m_tempoStatus;
    std::string m_tempoMessage;
    bool m_stopped = false;
};

} // namespace skein
