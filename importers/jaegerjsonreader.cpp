// SPDX-License-Identifier: MIT
#include "jaegerjsonreader.h"

#include "jaegertime.h"
#include "jsonshape.h"
#include "spanbatch.h"

#include <algorithm>

namespace skein {

namespace {

// Server errors kept for the message; a hostile envelope may carry millions.
constexpr size_t maxServerErrors = 20;

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Lower case without underscores: "operation_name", "operationName" and "OperationName" are one key.
std::string_view normalizedKey(std::string_view key, char (&buffer)[24])
{
    size_t size = 0;
    for (char c : key) {
        if (c == '_')
            continue;
        if (size == sizeof buffer)
            return {};
        buffer[size++] = lowerAscii(c);
    }
    return { buffer, size };
}

// The UI form spells ids "traceID", "spanID", "processID"; the model form "traceId" or "trace_id".
bool isModelSpelling(std::string_view key)
{
    return key.find('_') != std::string_view::npos || key.ends_with("Id");
}

bool isModelKey(std::string_view key)
{
    return key == "spanId" || key == "span_id" || key == "traceId" || key == "trace_id" || key == "processMap"
        || key == "process_map" || key == "operation_name" || key == "start_time";
}

bool shapeLooksLikeModel(const JsonShape& shape)
{
    for (const auto* keys : { &shape.rootKeys, &shape.firstSpanKeys, &shape.dataKeys, &shape.firstElementKeys }) {
        if (std::any_of(keys->begin(), keys->end(), [](const std::string& key) { return isModelKey(key); }))
            return true;
    }
    return false;
}

} // namespace

JaegerJsonReader::JaegerJsonReader(SpanBatch& batch, ImportReport& report, const JsonShape& shape)
    : m_batch(batch)
    , m_report(report)
    , m_decoder(report)
    , m_noProcess(std::make_shared<Resource>())
{
    // A guess for inputs without spans; the first span decides.
    m_report.format = shapeLooksLikeModel(shape) ? "jaeger-model-json" : "jaeger-json";
    m_frames.reserve(16);
}

JaegerJsonReader::~JaegerJsonReader() = default;

void JaegerJsonReader::documentStarted(int64_t)
{
    m_frames.clear();
    m_pending = Field::None;
    beginTrace();
    beginSpan();
    m_sawData = false;
    m_dataNull = false;
    m_rootIsObject = false;
    m_dataIsObject = false;
    m_documentSpans = 0;
    m_serverErrors.clear();
}

JsonStreamClient::Action JaegerJsonReader::descend(Frame frame)
{
    m_frames.push_back(frame);
    return Action::Descend;
}

JsonStreamClient::Action JaegerJsonReader::capture(Field field)
{
    m_pending = field;
    return Action::Capture;
}

JsonStreamClient::Action JaegerJsonReader::valueStarted(const JsonPath& path, bool isContainer)
{
    if (m_frames.empty()) {
        if (!isContainer)
            return Action::Skip;
        return descend(Frame::Root);
    }
    const JsonPathElement& last = path.back();
    switch (m_frames.back()) {
    case Frame::Root:
        if (last.isIndex())
            return arrayElement(isContainer, true);
        m_rootIsObject = true;
        return objectKey(last.key, isContainer, true);
    case Frame::Data:
        if (last.isIndex())
            return arrayElement(isContainer, false);
        m_dataIsObject = true;
        return objectKey(last.key, isContainer, false);
    case Frame::Object:
        return objectKey(last.key, isContainer, false);
    case Frame::Spans:
        if (!isContainer)
            return capture(Field::DamagedSpan);
        beginSpan();
        return descend(Frame::Span);
    case Frame::Span:
        return spanKey(last.key, isContainer);
    case Frame::References:
        if (!isContainer)
            return Action::Skip;
        m_reference = ReferenceDraft {};
        m_reference.link.type = LinkType::ChildOf; // the proto3 default, omitted by jsonpb
        return descend(Frame::Reference);
    case Frame::Reference:
        return referenceKey(last.key);
    case Frame::Processes:
        return isContainer ? capture(Field::ProcessEntry) : Action::Skip;
    case Frame::ProcessMap:
        return isContainer ? capture(Field::ProcessMapEntry) : Action::Skip;
    }
    return Action::Skip;
}

JsonStreamClient::Action JaegerJsonReader::arrayElement(bool isContainer, bool root)
{
    if (!isContainer) // a null trace in "data" is nothing; a scalar among root spans is a damaged span
        return root ? capture(Field::DamagedSpan) : Action::Skip;
    beginTrace();
    beginSpan();
    return descend(Frame::Object);
}

JsonStreamClient::Action JaegerJsonReader::objectKey(const std::string& key, bool isContainer, bool root)
{
    char buffer[24];
    const std::string_view name = normalizedKey(key, buffer);
    if (name == "spans" || name == "processes" || name == "processmap") {
        m_objectIsTrace = true;
        if (!isContainer)
            return Action::Skip;
        return descend(name == "spans" ? Frame::Spans : name == "processes" ? Frame::Processes : Frame::ProcessMap);
    }
    if (name == "process")
        return isContainer ? capture(Field::TraceProcess) : Action::Skip;
    if (name == "warnings")
        return isContainer ? capture(Field::TraceWarnings) : Action::Skip;
    if (root && name == "data") {
        m_sawData = true;
        if (!isContainer)
            return capture(Field::DataScalar);
        beginTrace();
        beginSpan();
        m_dataIsObject = false;
        return descend(Frame::Data);
    }
    if (root && name == "errors")
        return isContainer ? capture(Field::Errors) : Action::Skip;
    return spanKey(key, isContainer);
}

JsonStreamClient::Action JaegerJsonReader::spanKey(const std::string& key, bool isContainer)
{
    char buffer[24];
    const std::string_view name = normalizedKey(key, buffer);
    Field field = Field::None;
    switch (name.size()) {
    case 4:
        field = name == "tags" ? Field::Tags : name == "logs" ? Field::Logs : Field::None;
        break;
    case 5:
        field = name == "flags" ? Field::Flags : Field::None;
        break;
    case 6:
        field = name == "spanid" ? Field::SpanId : Field::None;
        break;
    case 7:
        field = name == "traceid" ? Field::TraceId : name == "process" ? Field::Process : Field::None;
        break;
    case 8:
        field = name == "duration" ? Field::Duration : name == "warnings" ? Field::SpanWarnings : Field::None;
        break;
    case 9:
        field = name == "starttime" ? Field::StartTime : name == "processid" ? Field::ProcessId : Field::None;
        break;
    case 10:
        if (name == "references") {
            m_span.hasSpanOnlyField = true;
            return isContainer ? descend(Frame::References) : Action::Skip;
        }
        break;
    case 12:
        field = name == "parentspanid" ? Field::ParentSpanId : Field::None;
        break;
    case 13:
        field = name == "operationname" ? Field::OperationName : Field::None;
        break;
    default:
        break;
    }
    if (field == Field::None) {
        // A scalar tells where a span without known fields is, for its warning.
        if (!isContainer && !m_span.hasPosition)
            return capture(Field::PositionOnly);
        return Action::Skip; // jaeger-ui state (depth, hasChildren, ...), test keys (_comment, testing), ...
    }
    // A bare trace has "traceID" too; only the other keys show that a root object is a span.
    if (field != Field::TraceId)
        m_span.hasSpanOnlyField = true;
    return capture(field);
}

JsonStreamClient::Action JaegerJsonReader::referenceKey(const std::string& key)
{
    char buffer[24];
    const std::string_view name = normalizedKey(key, buffer);
    if (name == "traceid")
        return capture(Field::RefTraceId);
    if (name == "spanid")
        return capture(Field::RefSpanId);
    if (name == "reftype")
        return capture(Field::RefType);
    return Action::Skip; // jaeger-ui's "span": a nested copy of the referenced span
}

bool JaegerJsonReader::captured(const JsonPath& path, const JsonNode& value, const SourcePosition& position)
{
    m_lastPosition = position;
    const Field field = m_pending;
    m_pending = Field::None;
    static const std::string noKey;
    const std::string& key = path.empty() || path.back().isIndex() ? noKey : path.back().key;
    switch (field) {
    case Field::None:
        return true;
    case Field::PositionOnly:
        if (!m_span.hasPosition) {
            m_span.position = position;
            m_span.hasPosition = true;
        }
        return true;
    case Field::TraceId:
    case Field::SpanId:
    case Field::ParentSpanId:
    case Field::OperationName:
    case Field::Flags:
    case Field::StartTime:
    case Field::Duration:
    case Field::Tags:
    case Field::Logs:
    case Field::Process:
    case Field::ProcessId:
    case Field::SpanWarnings:
        capturedSpanField(field, key, value, position);
        return true;
    case Field::RefTraceId:
    case Field::RefSpanId:
    case Field::RefType:
        capturedReferenceField(field, key, value, position);
        return true;
    case Field::TraceProcess:
        // A Batch's process, or the embedded process of a bare span (ES-style arrays have one per span).
        m_traceProcess = m_decoder.sharedProcess(value, position);
        return true;
    case Field::TraceWarnings:
        for (const JsonNode& warning : value.elements()) {
            if (warning.isString())
                m_traceWarnings.emplace_back(warning.string());
        }
        m_traceWarningsPosition = position;
        return true;
    case Field::ProcessEntry:
        m_traceProcesses[key] = m_decoder.decodeProcess(value, position);
        return true;
    case Field::ProcessMapEntry:
        capturedProcessMapEntry(value, position);
        return true;
    case Field::Errors:
        capturedErrors(value, position);
        return true;
    case Field::DataScalar:
        m_dataNull = value.isNull();
        if (!m_dataNull)
            m_decoder.warn(
                "\"data\" must be an array of traces or a trace, found " + value.describe() + "; ignored", position);
        return true;
    case Field::DamagedSpan:
        ++m_report.records;
        ++m_report.skippedRecords;
        m_decoder.warn("a span must be an object, found " + value.describe() + "; skipped", position);
        return true;
    }
    return true;
}

void JaegerJsonReader::damageSpan(std::string problem, const SourcePosition& position)
{
    if (!m_span.damage.empty())
        return;
    m_span.damage = std::move(problem);
    m_span.damagePosition = position;
}

void JaegerJsonReader::capturedSpanField(
    Field field, const std::string& key, const JsonNode& value, const SourcePosition& position)
{
    SpanDraft& span = m_span;
    if (!span.hasPosition) {
        span.position = position;
        span.hasPosition = true;
    }
    // Omitted and null are the same to Jaeger's writers (Go's nil slices, proto3 defaults).
    if (value.isNull())
        return;
    const bool model = isModelSpelling(key);
    std::string problem;
    const auto fieldProblem = [&key](const std::string& what) { return "span \"" + key + "\" " + what; };
    switch (field) {
    case Field::TraceId:
        span.model = span.model || model;
        if (const auto id = m_decoder.decodeTraceId(value, model, position, problem)) {
            span.record.traceId = *id;
            span.hasTraceId = true;
        } else {
            damageSpan(fieldProblem(problem), position);
        }
        break;
    case Field::SpanId:
        span.model = span.model || model;
        if (const auto id = m_decoder.decodeSpanId(value, model, position, problem)) {
            span.record.spanId = *id;
            span.hasSpanId = true;
        } else {
            damageSpan(fieldProblem(problem), position);
        }
        break;
    case Field::ParentSpanId:
        if (const auto id = m_decoder.decodeSpanId(value, model, position, problem, true))
            span.parentFromField = *id;
        else
            m_decoder.warn(fieldProblem(problem) + "; ignored", position);
        break;
    case Field::OperationName:
        if (value.isString()) {
            span.record.name.assign(value.string());
            span.hasName = true;
        } else {
            m_decoder.warn(fieldProblem("must be a string, found " + value.describe()) + "; ignored", position);
        }
        break;
    case Field::Flags:
        if (const auto flags = value.toUint64(); flags && value.isNumber() && *flags <= UINT32_MAX)
            span.record.flags = uint32_t(*flags);
        else
            m_decoder.warn(
                fieldProblem("must be a 32-bit unsigned number, found " + value.describe()) + "; ignored", position);
        break;
    case Field::StartTime:
        if (const auto start = m_decoder.decodeTimestamp(value, problem)) {
            span.record.startNs = *start;
            span.hasStart = true;
        } else {
            damageSpan(fieldProblem(problem), position);
        }
        break;
    case Field::Duration:
        // Numbers wait for the span's spelling to be known: microseconds in the UI form, nanoseconds
        // (a Go time.Duration) in the model form.
        if (value.isNumber() || (value.isString() && value.toInt64())) {
            if (const auto number = value.toInt64()) {
                span.rawDuration = *number;
                span.durationIsNumber = true;
                span.hasDuration = true;
            } else {
                damageSpan(fieldProblem("must be a whole number of microseconds, found " + value.describe()), position);
            }
        } else if (value.isString()) {
            if (const auto duration = parseDurationNanoseconds(value.string())) {
                span.record.durationNs = *duration;
                span.hasDuration = true;
            } else {
                damageSpan(fieldProblem("must be microseconds or a duration such as \"0.000005s\" or \"5ms\", found "
                               + value.describe()),
                    position);
            }
        } else {
            damageSpan(fieldProblem("must be a number of microseconds, found " + value.describe()), position);
        }
        break;
    case Field::Tags:
        m_decoder.decodeSpanTags(value, span.record, position);
        break;
    case Field::Logs:
        m_decoder.decodeLogs(value, span.record.events, position);
        break;
    case Field::Process:
        span.process = m_decoder.sharedProcess(value, position);
        break;
    case Field::ProcessId:
        if (value.isString()) {
            span.processId.assign(value.string());
            span.hasProcessId = true;
        } else {
            m_decoder.warn(fieldProblem("must be a string, found " + value.describe()) + "; ignored", position);
        }
        break;
    case Field::SpanWarnings:
        for (const JsonNode& warning : value.elements()) {
            if (warning.isString())
                span.record.warnings.emplace_back(warning.string());
        }
        break;
    default:
        break;
    }
}

void JaegerJsonReader::capturedReferenceField(
    Field field, const std::string& key, const JsonNode& value, const SourcePosition& position)
{
    ReferenceDraft& reference = m_reference;
    if (!reference.hasPosition) {
        reference.position = position;
        reference.hasPosition = true;
    }
    if (value.isNull())
        return;
    const bool model = isModelSpelling(key);
    std::string problem;
    switch (field) {
    case Field::RefTraceId:
        if (const auto id = m_decoder.decodeTraceId(value, model, position, problem)) {
            reference.link.traceId = *id;
            reference.hasTraceId = true;
        }
        break;
    case Field::RefSpanId:
        if (const auto id = m_decoder.decodeSpanId(value, model, position, problem)) {
            reference.link.spanId = *id;
            reference.hasSpanId = true;
        }
        break;
    case Field::RefType:
        if (const auto type = JaegerJsonDecoder::decodeRefType(value)) {
            reference.link.type = *type;
        } else {
            // Not a parent unless it says so.
            reference.link.type = LinkType::FollowsFrom;
            m_decoder.warn("span reference \"refType\" must be CHILD_OF or FOLLOWS_FROM, found " + value.describe()
                    + "; read as FOLLOWS_FROM",
                position);
        }
        break;
    default:
        break;
    }
    if (!problem.empty() && reference.problem.empty())
        reference.problem = "\"" + key + "\" " + problem;
}

void JaegerJsonReader::finishReference()
{
    ReferenceDraft& reference = m_reference;
    const SourcePosition& position = reference.hasPosition ? reference.position : m_lastPosition;
    if (!reference.problem.empty()) {
        m_decoder.warn("span reference " + reference.problem + "; reference ignored", position);
        return;
    }
    if (!reference.hasSpanId) {
        m_decoder.warn("span reference has no \"spanID\"; reference ignored", position);
        return;
    }
    // A reference without a trace id points into the span's own trace (filled in by finishSpan).
    m_span.record.links.push_back(std::move(reference.link));
    m_span.hasSpanOnlyField = true;
}

void JaegerJsonReader::capturedErrors(const JsonNode& value, const SourcePosition& position)
{
    m_errorsPosition = position;
    for (const JsonNode& error : value.elements()) {
        if (m_serverErrors.size() >= maxServerErrors)
            break;
        std::string message;
        if (const JsonNode* msg = error.find("msg"); msg && msg->isString())
            message.assign(msg->string());
        if (message.empty())
            message = "an error without a message";
        if (const JsonNode* code = error.find("code"); code && code->isNumber())
            message += " (code " + std::to_string(code->toInt64().value_or(0)) + ")";
        if (const JsonNode* traceId = error.find("traceID"); traceId && traceId->isString())
            message += " for trace " + std::string(traceId->string());
        m_serverErrors.push_back(std::move(message));
    }
}

void JaegerJsonReader::capturedProcessMapEntry(const JsonNode& value, const SourcePosition& position)
{
    const JsonNode* id = value.findLoose("processId");
    const JsonNode* process = value.find("process");
    if (!id || !id->isString() || !process) {
        m_decoder.warn("a \"processMap\" entry needs a string \"processId\" and a \"process\"; ignored", position);
        return;
    }
    m_traceProcesses[std::string(id->string())] = m_decoder.decodeProcess(*process, position);
}

void JaegerJsonReader::beginTrace()
{
    m_traceProcesses.clear();
    m_traceHasProcessTable = false;
    m_traceProcess.reset();
    m_objectIsTrace = false;
    m_traceWarnings.clear();
    m_traceSpans = 0;
    m_pendingSpans.clear();
}

void JaegerJsonReader::beginSpan()
{
    SpanDraft& span = m_span;
    span.record = SpanRecord {};
    span.hasPosition = false;
    span.model = false;
    span.hasTraceId = false;
    span.hasSpanId = false;
    span.hasName = false;
    span.hasStart = false;
    span.hasDuration = false;
    span.durationIsNumber = false;
    span.hasSpanOnlyField = false;
    span.rawDuration = 0;
    span.damage.clear();
    span.processId.clear();
    span.hasProcessId = false;
    span.parentFromField = 0;
    span.process.reset();
}

bool JaegerJsonReader::finishSpan()
{
    ++m_report.records;
    SpanDraft& span = m_span;
    SpanRecord& record = span.record;
    const SourcePosition position = span.hasPosition ? span.position : m_lastPosition;
    const auto skip = [this](std::string message, const SourcePosition& where) {
        ++m_report.skippedRecords;
        m_decoder.warn(std::move(message) + "; span skipped", where);
        return true;
    };
    const char* const traceIdKey = span.model ? "traceId" : "traceID";
    const char* const spanIdKey = span.model ? "spanId" : "spanID";
    if (!span.damage.empty())
        return skip(std::move(span.damage), span.damagePosition);
    if (!span.hasTraceId)
        return skip(std::string("span has no \"") + traceIdKey + "\"", position);
    if (!span.hasSpanId)
        return skip(std::string("span has no \"") + spanIdKey + "\"", position);
    if (span.durationIsNumber) {
        const auto duration
            = span.model ? std::optional<int64_t>(span.rawDuration) : microsecondsToNanoseconds(span.rawDuration);
        if (!duration)
            return skip("span \"duration\" " + std::to_string(span.rawDuration) + " is out of range", position);
        record.durationNs = *duration;
    }
    if (record.durationNs < 0) {
        m_decoder.warn("span \"duration\" is negative; 0 is used", position);
        record.durationNs = 0;
    }
    if (!span.hasName)
        m_decoder.warn("span has no \"operationName\"; an empty name is used", position);
    if (!span.hasStart)
        m_decoder.warn("span has no \"startTime\"; 0 is used", position);
    if (!span.hasDuration)
        m_decoder.warn("span has no \"duration\"; 0 is used", position);

    // The parent is the first CHILD_OF reference into the same trace; the rest are links.
    auto parent = record.links.end();
    for (auto it = record.links.begin(); it != record.links.end(); ++it) {
        if (it->traceId.isZero())
            it->traceId = record.traceId;
        if (parent == record.links.end() && it->type == LinkType::ChildOf && it->traceId == record.traceId)
            parent = it;
    }
    if (parent != record.links.end()) {
        record.parentSpanId = parent->spanId;
        record.links.erase(parent);
    } else {
        record.parentSpanId = span.parentFromField;
    }

    if (!m_formatKnown) {
        m_report.format = span.model ? "jaeger-model-json" : "jaeger-json";
        m_formatKnown = true;
    }

    PendingSpan finished { std::move(record), {}, false, false, position };
    if (span.process) {
        finished.record.resource = std::move(span.process);
    } else if (m_traceHasProcessTable || (m_traceProcess && !span.hasProcessId)) {
        resolveProcess(finished.record, span.hasProcessId ? &span.processId : nullptr, position);
    } else {
        // The processes (or a Batch's process) may follow the spans: hold this trace's spans until its
        // object ends.
        finished.processId = span.processId;
        finished.hasProcessId = span.hasProcessId;
        finished.unresolved = true;
        ++m_traceSpans;
        m_pendingSpans.push_back(std::move(finished));
        return true;
    }
    // The trace's first span waits for the end of the trace too, to carry the trace warnings, which
    // usually come after the spans.
    if (m_traceSpans++ == 0) {
        m_pendingSpans.push_back(std::move(finished));
        return true;
    }
    return deliver(std::move(finished.record));
}

void JaegerJsonReader::resolveProcess(SpanRecord& record, const std::string* processId, const SourcePosition& position)
{
    if (processId) {
        if (const auto it = m_traceProcesses.find(*processId); it != m_traceProcesses.end())
            record.resource = it->second;
        else if (m_traceHasProcessTable)
            m_decoder.warn("span \"processID\" \"" + *processId + "\" is not among the trace's processes", position);
    }
    if (!record.resource)
        record.resource = m_traceProcess ? m_traceProcess : m_noProcess;
}

bool JaegerJsonReader::deliver(SpanRecord&& record)
{
    if (!record.resource)
        record.resource = m_noProcess;
    record.serviceName = record.resource->serviceName;
    ++m_documentSpans;
    return m_batch.add(std::move(record));
}

bool JaegerJsonReader::finishObject(bool element)
{
    // A trace shows "spans" (or a process table); anything else in an array of spans is a span, and a
    // single object is a span when it has span keys besides "traceID".
    if (!m_objectIsTrace && (element || m_span.hasSpanOnlyField) && !finishSpan())
        return false;
    return finishTrace();
}

bool JaegerJsonReader::finishTrace()
{
    std::vector<PendingSpan> pending = std::move(m_pendingSpans);
    m_pendingSpans.clear();
    if (!pending.empty()) {
        std::vector<std::string>& warnings = pending.front().record.warnings;
        warnings.insert(warnings.end(), m_traceWarnings.begin(), m_traceWarnings.end());
    } else {
        for (const std::string& warning : m_traceWarnings)
            m_decoder.warn("trace warning: " + warning, m_traceWarningsPosition);
    }
    for (PendingSpan& span : pending) {
        if (span.unresolved)
            resolveProcess(span.record, span.hasProcessId ? &span.processId : nullptr, span.position);
        if (!deliver(std::move(span.record)))
            return false;
    }
    beginTrace();
    return true;
}

bool JaegerJsonReader::containerEnded(const JsonPath&)
{
    const Frame frame = m_frames.back();
    m_frames.pop_back();
    switch (frame) {
    case Frame::Root:
        return m_rootIsObject && !m_sawData ? finishObject(false) : true;
    case Frame::Data:
        return m_dataIsObject ? finishObject(false) : true;
    case Frame::Object:
        return finishObject(true);
    case Frame::Span:
        return finishSpan();
    case Frame::Reference:
        finishReference();
        return true;
    case Frame::Processes:
    case Frame::ProcessMap:
        m_traceHasProcessTable = true;
        return true;
    case Frame::Spans:
    case Frame::References:
        return true;
    }
    return true;
}

bool JaegerJsonReader::documentEnded(int64_t, bool complete)
{
    // A document cut short still delivers the spans of its open trace.
    if (!complete && !finishTrace())
        return false;
    m_frames.clear();
    if (!m_serverErrors.empty()) {
        std::string messages;
        for (const std::string& error : m_serverErrors)
            messages += (messages.empty() ? "" : "; ") + error;
        if ((!m_sawData || m_dataNull) && m_documentSpans == 0) {
            m_report.reject("the Jaeger query service answered with an error: " + messages, m_errorsPosition);
            return false;
        }
        for (const std::string& error : m_serverErrors)
            m_decoder.warn("the Jaeger query service reported: " + error, m_errorsPosition);
    }
    return m_batch.flush();
}

} // namespace skein
