// SPDX-License-Identifier: MIT
#include "otlpprotodecoder.h"

#include "proto/common.pb.h"
#include "proto/resource.pb.h"
#include "proto/trace.pb.h"

#include <algorithm>
#include <limits>

namespace skein {

namespace {

using KeyValues = google::protobuf::RepeatedPtrField<otlp::KeyValue>;

std::string quoted(std::string_view text)
{
    if (text.size() > 60)
        return "\"" + std::string(text.substr(0, 57)) + "...\"";
    return "\"" + std::string(text) + "\"";
}

// Big-endian, as OTLP lays ids out; size must be 8.
uint64_t readSpanId(const std::string& bytes)
{
    uint64_t id = 0;
    for (unsigned char byte : bytes)
        id = (id << 8) | byte;
    return id;
}

TraceId readTraceId(const std::string& bytes)
{
    return TraceId::fromBytes(reinterpret_cast<const unsigned char*>(bytes.data()));
}

bool allZero(const std::string& bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

void decodeAttributes(KeyValues& attributes, Attributes& out);

// Protobuf's parser stops at 100 levels of nesting, so this recursion is bounded.
void decodeAnyValue(otlp::AnyValue& value, AttributeValue& out)
{
    using Type = AttributeValue::Type;
    switch (value.value_case()) {
    case otlp::AnyValue::kStringValue:
        out.type = Type::String;
        out.text = std::move(*value.mutable_string_value());
        return;
    case otlp::AnyValue::kBoolValue:
        out.type = Type::Bool;
        out.boolValue = value.bool_value();
        return;
    case otlp::AnyValue::kIntValue:
        out.type = Type::Int;
        out.intValue = value.int_value();
        return;
    case otlp::AnyValue::kDoubleValue:
        out.type = Type::Double;
        out.doubleValue = value.double_value();
        return;
    case otlp::AnyValue::kBytesValue:
        out.type = Type::Bytes;
        out.text = std::move(*value.mutable_bytes_value());
        return;
    case otlp::AnyValue::kArrayValue: {
        out.type = Type::Array;
        auto& values = *value.mutable_array_value()->mutable_values();
        out.array.resize(size_t(values.size()));
        for (int i = 0; i < values.size(); ++i)
            decodeAnyValue(values[i], out.array[size_t(i)]);
        return;
    }
    case otlp::AnyValue::kKvlistValue:
        out.type = Type::KeyValueList;
        decodeAttributes(*value.mutable_kvlist_value()->mutable_values(), out.keyValues);
        return;
    case otlp::AnyValue::VALUE_NOT_SET:
        // Also string_value_strindex (profiles only), which carries nothing for traces.
        return;
    }
}

void decodeAttributes(KeyValues& attributes, Attributes& out)
{
    out.reserve(out.size() + size_t(attributes.size()));
    for (otlp::KeyValue& keyValue : attributes) {
        Attribute& attribute = out.emplace_back();
        attribute.key = std::move(*keyValue.mutable_key());
        if (keyValue.has_value())
            decodeAnyValue(*keyValue.mutable_value(), attribute.value);
    }
}

} // namespace

OtlpProtoDecoder::OtlpProtoDecoder(ImportReport& report)
    : m_report(report)
{
}

void OtlpProtoDecoder::warn(std::string_view problem)
{
    m_report.warn(m_context + ": " + std::string(problem), m_position);
    if (m_spanWarnings)
        m_spanWarnings->emplace_back(problem);
}

bool OtlpProtoDecoder::decodeSpan(otlp::Span& message, int64_t offset, SpanRecord& span)
{
    m_position = { 0, 0, offset };
    m_spanWarnings = nullptr;
    span.name = std::move(*message.mutable_name());
    // Reuses m_context's buffer: this runs for every span.
    m_context.assign("span ");
    if (span.name.empty()) {
        m_context += "without a name";
    } else {
        m_context.push_back('"');
        m_context.append(span.name.size() > 60 ? std::string_view(span.name).substr(0, 57) : span.name);
        m_context.append(span.name.size() > 60 ? "...\"" : "\"");
    }

    if (!decodeIds(message, span)) {
        ++m_report.skippedRecords;
        return false;
    }
    m_spanWarnings = &span.warnings;

    const std::string& parent = message.parent_span_id();
    if (parent.size() == 8)
        span.parentSpanId = readSpanId(parent);
    else if (!parent.empty())
        warn("parent_span_id must be 8 bytes, found " + std::to_string(parent.size()) + "; the parent was dropped");

    decodeTimes(message.start_time_unix_nano(), message.end_time_unix_nano(), span);

    if (const int kind = int(message.kind()); kind >= 0 && kind <= int(SpanKind::Consumer))
        span.kind = SpanKind(kind);
    else
        warn("kind must be 0..5, found " + std::to_string(kind));
    if (message.has_status()) {
        otlp::Status& status = *message.mutable_status();
        if (const int code = int(status.code()); code >= 0 && code <= int(StatusCode::Error))
            span.status = StatusCode(code);
        else
            warn("status code must be 0, 1 or 2, found " + std::to_string(code));
        span.statusMessage = std::move(*status.mutable_message());
    }
    span.flags = message.flags();
    span.traceState = std::move(*message.mutable_trace_state());
    decodeAttributes(*message.mutable_attributes(), span.attributes);
    span.droppedAttributes = message.dropped_attributes_count();
    decodeEvents(message, span.events);
    span.droppedEvents = message.dropped_events_count();
    decodeLinks(message, span.links);
    span.droppedLinks = message.dropped_links_count();
    m_spanWarnings = nullptr;
    return true;
}

// An empty id is proto3's "not set": such a span is kept with the zero id, as the JSON reader keeps
// an absent one. Ids of another length, or all zeros, skip the span.
bool OtlpProtoDecoder::decodeIds(const otlp::Span& message, SpanRecord& span)
{
    const std::string& traceId = message.trace_id();
    if (traceId.empty()) {
        m_report.warn(m_context + " has no trace_id; it was kept with the all-zero id", m_position);
    } else if (traceId.size() != 16) {
        m_report.warn(m_context + ": trace_id must be 16 bytes, found " + std::to_string(traceId.size())
                + "; the span was skipped",
            m_position);
        return false;
    } else if (allZero(traceId)) {
        m_report.warn(m_context + ": trace_id is all zeros, which is not a valid id; the span was skipped", m_position);
        return false;
    } else {
        span.traceId = readTraceId(traceId);
    }
    const std::string& spanId = message.span_id();
    if (spanId.empty()) {
        m_report.warn(m_context + " has no span_id; it was kept with the all-zero id", m_position);
    } else if (spanId.size() != 8) {
        m_report.warn(
            m_context + ": span_id must be 8 bytes, found " + std::to_string(spanId.size()) + "; the span was skipped",
            m_position);
        return false;
    } else if (allZero(spanId)) {
        m_report.warn(m_context + ": span_id is all zeros, which is not a valid id; the span was skipped", m_position);
        return false;
    } else {
        span.spanId = readSpanId(spanId);
    }
    return true;
}

bool OtlpProtoDecoder::readTime(uint64_t value, std::string_view field, int64_t& out)
{
    if (value <= uint64_t(std::numeric_limits<int64_t>::max())) {
        out = int64_t(value);
        return true;
    }
    warn(std::string(field) + " (" + std::to_string(value)
        + ") is beyond the year 2262: it does not fit a signed 64-bit nanosecond count; read as 0");
    out = 0;
    return false;
}

// A zero time is what proto3 writes for "not set", so it reads as absent.
void OtlpProtoDecoder::decodeTimes(uint64_t start, uint64_t end, SpanRecord& span)
{
    int64_t startNs = 0;
    int64_t endNs = 0;
    bool haveStart = false;
    bool haveEnd = false;
    if (start == 0)
        warn("no start_time_unix_nano; the start was read as 0 (1970)");
    else
        haveStart = readTime(start, "start_time_unix_nano", startNs);
    if (end == 0) {
        if (haveStart)
            warn("no end_time_unix_nano; the duration was read as 0");
    } else {
        haveEnd = readTime(end, "end_time_unix_nano", endNs);
    }
    span.startNs = startNs;
    span.durationNs = 0;
    if (!haveStart || !haveEnd)
        return;
    if (endNs < startNs) {
        warn("it ends (" + std::to_string(endNs) + ") before it starts (" + std::to_string(startNs)
            + "); the duration was read as 0");
        return;
    }
    span.durationNs = endNs - startNs;
}

void OtlpProtoDecoder::decodeEvents(otlp::Span& message, std::vector<SpanEvent>& events)
{
    events.reserve(size_t(message.events_size()));
    for (otlp::Span::Event& source : *message.mutable_events()) {
        SpanEvent& event = events.emplace_back();
        event.name = std::move(*source.mutable_name());
        if (source.time_unix_nano() == 0)
            warn((event.name.empty() ? std::string("an event without a name") : "event " + quoted(event.name))
                + " has no time_unix_nano; read as 0 (1970)");
        else
            readTime(source.time_unix_nano(), "time_unix_nano", event.timeNs);
        decodeAttributes(*source.mutable_attributes(), event.attributes);
        event.droppedAttributes = source.dropped_attributes_count();
    }
}

void OtlpProtoDecoder::decodeLinks(otlp::Span& message, std::vector<SpanLink>& links)
{
    links.reserve(size_t(message.links_size()));
    for (otlp::Span::Link& source : *message.mutable_links()) {
        const std::string& traceId = source.trace_id();
        if (traceId.size() != 16 || allZero(traceId)) {
            warn("a link's trace_id must be 16 bytes, not all zeros, found "
                + (traceId.size() == 16 ? std::string("zeros") : std::to_string(traceId.size()) + " bytes")
                + "; the link was dropped");
            continue;
        }
        const std::string& spanId = source.span_id();
        if (spanId.size() != 8 || allZero(spanId)) {
            warn("a link's span_id must be 8 bytes, not all zeros, found "
                + (spanId.size() == 8 ? std::string("zeros") : std::to_string(spanId.size()) + " bytes")
                + "; the link was dropped");
            continue;
        }
        SpanLink& link = links.emplace_back();
        link.type = LinkType::FollowsFrom;
        link.traceId = readTraceId(traceId);
        link.spanId = readSpanId(spanId);
        link.traceState = std::move(*source.mutable_trace_state());
        decodeAttributes(*source.mutable_attributes(), link.attributes);
        link.droppedAttributes = source.dropped_attributes_count();
        link.flags = source.flags();
    }
}

std::shared_ptr<const Resource> OtlpProtoDecoder::decodeResource(otlp::Resource& message)
{
    auto resource = std::make_shared<Resource>();
    decodeAttributes(*message.mutable_attributes(), resource->attributes);
    resource->droppedAttributes = message.dropped_attributes_count();
    for (const Attribute& attribute : resource->attributes) {
        if (attribute.key == "service.name") {
            if (attribute.value.type == AttributeValue::Type::String)
                resource->serviceName = attribute.value.text;
            else if (attribute.value.type != AttributeValue::Type::Empty)
                resource->serviceName = attribute.value.toText();
            break;
        }
    }
    return resource;
}

std::shared_ptr<const InstrumentationScope> OtlpProtoDecoder::decodeScope(otlp::InstrumentationScope& message)
{
    if (message.name().empty() && message.version().empty() && message.attributes().empty()
        && message.dropped_attributes_count() == 0)
        return nullptr;
    auto scope = std::make_shared<InstrumentationScope>();
    scope->name = std::move(*message.mutable_name());
    scope->version = std::move(*message.mutable_version());
    decodeAttributes(*message.mutable_attributes(), scope->attributes);
    scope->droppedAttributes = message.dropped_attributes_count();
    return scope;
}

} // namespace skein
