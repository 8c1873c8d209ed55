// SPDX-License-Identifier: MIT
// Streams every Jaeger JSON shape (formats.md §1, §2.4) into SpanRecords: the HTTP v1 envelope
// {"data":[trace...], "errors"}, jaeger-ui state dumps ({"data": trace}), a bare trace, a bare array of
// UI spans with embedded processes, a single span, and the internal model JSON (a Trace with processMap,
// a Batch, or a bare Span; camelCase or snake_case). Spans are read one field at a time so that memory
// follows one span, and so that extra keys (jaeger-ui's nested reference copies) are skipped unread.
#pragma once

#include "jaegerjsondecoder.h"
#include "jsonstreamparser.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace skein {

struct JsonShape;
class SpanBatch;

class JaegerJsonReader : public JsonStreamClient {
public:
    JaegerJsonReader(SpanBatch& batch, ImportReport& report, const JsonShape& shape);
    ~JaegerJsonReader() override;

    void documentStarted(int64_t index) override;
    Action valueStarted(const JsonPath& path, bool isContainer) override;
    bool captured(const JsonPath& path, const JsonNode& value, const SourcePosition& position) override;
    bool containerEnded(const JsonPath& path) override;
    bool documentEnded(int64_t index, bool complete) override;

private:
    // What the container being walked is. Object is a trace or a span or the envelope: which one shows
    // from its keys (a bare trace and a bare span both start with "traceID").
    enum class Frame : uint8_t { Root, Data, Object, Spans, Span, References, Reference, Processes, ProcessMap };
    // What the value being captured is.
    enum class Field : uint8_t {
        None,
        TraceId,
        SpanId,
        ParentSpanId,
        OperationName,
        Flags,
        StartTime,
        Duration,
        Tags,
        Logs,
        Process,
        ProcessId,
        SpanWarnings,
        RefTraceId,
        RefSpanId,
        RefType,
        TraceProcess, // a Batch's process, or the process of a bare span at the root
        TraceWarnings,
        ProcessEntry, // "p1": {...} in a UI trace's processes
        ProcessMapEntry, // {"processId", "process"} in a model trace's processMap
        Errors, // the envelope's server errors
        DataScalar, // "data": null
        DamagedSpan, // a scalar where a span belongs
        PositionOnly, // an unknown scalar, captured to learn where its span is
    };

    struct SpanDraft {
        SpanRecord record;
        SourcePosition position;
        bool hasPosition = false;
        bool model = false; // keys spelt as the internal model does (spanId, span_id)
        bool hasTraceId = false;
        bool hasSpanId = false;
        bool hasName = false;
        bool hasStart = false;
        bool hasDuration = false;
        bool durationIsNumber = false; // microseconds in the UI form, nanoseconds in the model form
        bool hasSpanOnlyField = false; // distinguishes a bare span from a bare trace at the root
        int64_t rawDuration = 0;
        std::string damage; // the first problem that makes the span unusable
        SourcePosition damagePosition;
        std::string processId;
        bool hasProcessId = false;
        SpanId parentFromField = 0;
        std::shared_ptr<const Resource> process; // embedded in the span
    };

    struct ReferenceDraft {
        SpanLink link;
        bool hasTraceId = false;
        bool hasSpanId = false;
        bool model = false;
        std::string problem;
        SourcePosition position;
        bool hasPosition = false;
    };

    struct PendingSpan {
        SpanRecord record;
        std::string processId;
        bool hasProcessId = false;
        bool unresolved = false; // waits for the trace's processes
        SourcePosition position;
    };

    Action arrayElement(bool isContainer, bool root);
    Action objectKey(const std::string& key, bool isContainer, bool root);
    Action spanKey(const std::string& key, bool isContainer);
    Action referenceKey(const std::string& key);
    Action descend(Frame frame);
    Action capture(Field field);

    void capturedSpanField(Field field, const std::string& key, const JsonNode& value, const SourcePosition& position);
    void capturedReferenceField(
        Field field, const std::string& key, const JsonNode& value, const SourcePosition& position);
    void capturedErrors(const JsonNode& value, const SourcePosition& position);
    void capturedProcessMapEntry(const JsonNode& value, const SourcePosition& position);
    void damageSpan(std::string problem, const SourcePosition& position);

    void beginTrace();
    void beginSpan();
    void finishReference();
    bool finishSpan();
    bool finishObject(bool element);
    bool finishTrace();
    void resolveProcess(SpanRecord& record, const std::string* processId, const SourcePosition& position);
    bool deliver(SpanRecord&& record);

    SpanBatch& m_batch;
    ImportReport& m_report;
    JaegerJsonDecoder m_decoder;
    std::vector<Frame> m_frames;
    Field m_pending = Field::None;
    SourcePosition m_lastPosition;
    bool m_formatKnown = false;

    SpanDraft m_span;
    ReferenceDraft m_reference;

    // The trace (or bare span, or Batch) being read.
    std::unordered_map<std::string, std::shared_ptr<const Resource>> m_traceProcesses;
    bool m_traceHasProcessTable = false;
    std::shared_ptr<const Resource> m_traceProcess;
    bool m_objectIsTrace = false; // the object has "spans" or a process table, so it is not a span
    std::vector<std::string> m_traceWarnings;
    SourcePosition m_traceWarningsPosition;
    uint64_t m_traceSpans = 0; // usable spans read
    std::vector<PendingSpan> m_pendingSpans; // delivered when the trace's object ends

    // The envelope.
    bool m_rootIsObject = false;
    bool m_dataIsObject = false;
    bool m_sawData = false;
    bool m_dataNull = false;
    uint64_t m_documentSpans = 0;
    std::vector<std::string> m_serverErrors;
    SourcePosition m_errorsPosition;

    std::shared_ptr<const Resource> m_noProcess;
};

} // namespace skein
