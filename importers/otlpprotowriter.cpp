// SPDX-License-Identifier: MIT
#include "otlpprotowriter.h"

#include "proto/common.pb.h"
#include "proto/resource.pb.h"
#include "proto/trace.pb.h"

#include <QIODevice>

#include <string>
#include <unordered_map>

namespace skein {

namespace {

std::string traceIdBytes(const TraceId& id)
{
    if (id.isZero())
        return {}; // proto3's "not set"; sixteen zero bytes would be an invalid id
    unsigned char bytes[16];
    id.toBytes(bytes);
    return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

std::string spanIdBytes(SpanId id)
{
    if (id == 0)
        return {};
    std::string bytes(8, '\0');
    for (int i = 7; i >= 0; --i, id >>= 8)
        bytes[size_t(i)] = char(id & 0xff);
    return bytes;
}

uint64_t nanoseconds(int64_t ns)
{
    return ns < 0 ? 0 : uint64_t(ns); // fixed64 on the wire: no negative times
}

void setAnyValue(otlp::AnyValue& out, const AttributeValue& value);

void addAttributes(google::protobuf::RepeatedPtrField<otlp::KeyValue>& out, const Attributes& attributes)
{
    out.Reserve(int(attributes.size()));
    for (const Attribute& attribute : attributes) {
        otlp::KeyValue& keyValue = *out.Add();
        keyValue.set_key(attribute.key);
        setAnyValue(*keyValue.mutable_value(), attribute.value);
    }
}

void setAnyValue(otlp::AnyValue& out, const AttributeValue& value)
{
    using Type = AttributeValue::Type;
    switch (value.type) {
    case Type::Empty:
        break;
    case Type::String:
        out.set_string_value(value.text);
        break;
    case Type::Bool:
        out.set_bool_value(value.boolValue);
        break;
    case Type::Int:
        out.set_int_value(value.intValue);
        break;
    case Type::Double:
        out.set_double_value(value.doubleValue);
        break;
    case Type::Bytes:
        out.set_bytes_value(value.text);
        break;
    case Type::Array: {
        auto& values = *out.mutable_array_value()->mutable_values();
        for (const AttributeValue& element : value.array)
            setAnyValue(*values.Add(), element);
        break;
    }
    case Type::KeyValueList:
        addAttributes(*out.mutable_kvlist_value()->mutable_values(), value.keyValues);
        break;
    }
}

void setSpan(otlp::Span& out, const SpanRecord& span)
{
    out.set_trace_id(traceIdBytes(span.traceId));
    out.set_span_id(spanIdBytes(span.spanId));
    out.set_trace_state(span.traceState);
    out.set_parent_span_id(spanIdBytes(span.parentSpanId));
    out.set_flags(span.flags);
    out.set_name(span.name);
    out.set_kind(otlp::Span::SpanKind(span.kind));
    out.set_start_time_unix_nano(nanoseconds(span.startNs));
    out.set_end_time_unix_nano(nanoseconds(span.endNs()));
    addAttributes(*out.mutable_attributes(), span.attributes);
    out.set_dropped_attributes_count(span.droppedAttributes);
    for (const SpanEvent& event : span.events) {
        otlp::Span::Event& outEvent = *out.add_events();
        outEvent.set_time_unix_nano(nanoseconds(event.timeNs));
        outEvent.set_name(event.name);
        addAttributes(*outEvent.mutable_attributes(), event.attributes);
        outEvent.set_dropped_attributes_count(event.droppedAttributes);
    }
    out.set_dropped_events_count(span.droppedEvents);
    for (const SpanLink& link : span.links) {
        otlp::Span::Link& outLink = *out.add_links();
        outLink.set_trace_id(traceIdBytes(link.traceId));
        outLink.set_span_id(spanIdBytes(link.spanId));
        outLink.set_trace_state(link.traceState);
        addAttributes(*outLink.mutable_attributes(), link.attributes);
        outLink.set_dropped_attributes_count(link.droppedAttributes);
        outLink.set_flags(link.flags);
    }
    out.set_dropped_links_count(span.droppedLinks);
    if (span.status != StatusCode::Unset || !span.statusMessage.empty()) {
        otlp::Status& status = *out.mutable_status();
        status.set_code(otlp::Status::StatusCode(span.status));
        status.set_message(span.statusMessage);
    }
}

// Spans of one trace grouped by resource, then scope, in order of first appearance.
struct ScopeGroup {
    const InstrumentationScope* scope;
    otlp::ScopeSpans* message;
};
struct ResourceGroup {
    const Resource* resource;
    otlp::ResourceSpans* message;
    std::vector<ScopeGroup> scopes;
};

void setResource(otlp::Resource& out, const Resource* resource, const std::string& serviceName)
{
    bool hasServiceName = false;
    if (resource) {
        for (const Attribute& attribute : resource->attributes)
            hasServiceName = hasServiceName || attribute.key == "service.name";
    }
    // OTLP carries the service name only as a resource attribute; keep it when the model has it elsewhere.
    if (!hasServiceName && !serviceName.empty()) {
        otlp::KeyValue& keyValue = *out.add_attributes();
        keyValue.set_key("service.name");
        keyValue.mutable_value()->set_string_value(serviceName);
    }
    if (resource) {
        addAttributes(*out.mutable_attributes(), resource->attributes);
        out.set_dropped_attributes_count(resource->droppedAttributes);
    }
}

void setScope(otlp::InstrumentationScope& out, const InstrumentationScope& scope)
{
    out.set_name(scope.name);
    out.set_version(scope.version);
    addAttributes(*out.mutable_attributes(), scope.attributes);
    out.set_dropped_attributes_count(scope.droppedAttributes);
}

} // namespace

class OtlpProtoWriter::Impl {
public:
    Impl(QIODevice& device, Layout layout)
        : m_device(device)
        , m_layout(layout)
        , m_arenaBlock(256 * 1024)
    {
        google::protobuf::ArenaOptions options;
        options.initial_block = m_arenaBlock.data();
        options.initial_block_size = m_arenaBlock.size();
        m_arena = std::make_unique<google::protobuf::Arena>(options);
    }

    bool begin() { return !m_failed; }
    bool writeTrace(const std::vector<SpanRecord>& spans);
    bool finish();
    QString errorMessage() const { return m_error.isEmpty() ? m_device.errorString() : m_error; }

private:
    void build(const std::vector<SpanRecord>& spans);
    bool write(const std::string& bytes);

    QIODevice& m_device;
    Layout m_layout;
    bool m_failed = false;
    QString m_error; // when the device did not fail
    // Each trace's message is built in an arena that is reset for the next one: its many small objects
    // then cost no allocation each.
    std::vector<char> m_arenaBlock;
    std::unique_ptr<google::protobuf::Arena> m_arena;
    otlp::TracesData* m_message = nullptr;
    std::string m_bytes;
    std::vector<ResourceGroup> m_groups;
    std::unordered_map<const Resource*, size_t> m_groupByResource;
    std::unordered_map<std::string, size_t> m_groupByServiceName; // spans without a resource
};

void OtlpProtoWriter::Impl::build(const std::vector<SpanRecord>& spans)
{
    m_arena->Reset();
    m_message = google::protobuf::Arena::CreateMessage<otlp::TracesData>(m_arena.get());
    m_groups.clear();
    m_groupByResource.clear();
    m_groupByServiceName.clear();
    for (const SpanRecord& span : spans) {
        const size_t next = m_groups.size();
        const size_t index = span.resource ? m_groupByResource.try_emplace(span.resource.get(), next).first->second
                                           : m_groupByServiceName.try_emplace(span.serviceName, next).first->second;
        if (index == next) {
            otlp::ResourceSpans* message = m_message->add_resource_spans();
            setResource(*message->mutable_resource(), span.resource.get(), span.serviceName);
            m_groups.push_back(ResourceGroup { span.resource.get(), message, {} });
        }
        ResourceGroup& group = m_groups[index];
        ScopeGroup* target = nullptr;
        for (ScopeGroup& scope : group.scopes) {
            if (scope.scope == span.scope.get()) {
                target = &scope;
                break;
            }
        }
        if (!target) {
            otlp::ScopeSpans* message = group.message->add_scope_spans();
            if (span.scope)
                setScope(*message->mutable_scope(), *span.scope);
            target = &group.scopes.emplace_back(ScopeGroup { span.scope.get(), message });
        }
        setSpan(*target->message->add_spans(), span);
    }
}

bool OtlpProtoWriter::Impl::write(const std::string& bytes)
{
    if (m_device.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        m_failed = true;
    return !m_failed;
}

bool OtlpProtoWriter::Impl::writeTrace(const std::vector<SpanRecord>& spans)
{
    if (m_failed)
        return false;
    if (spans.empty())
        return true;
    build(spans);
    m_bytes.clear();
    if (m_layout == Layout::Stream) {
        const size_t size = m_message->ByteSizeLong();
        if (size > 0xffffffffu) {
            m_error = QStringLiteral("a trace is too large for the length-prefixed stream (4 GiB)");
            m_failed = true;
            return false;
        }
        for (int shift = 24; shift >= 0; shift -= 8)
            m_bytes.push_back(char((size >> shift) & 0xff));
    }
    if (!m_message->AppendToString(&m_bytes)) {
        m_error = QStringLiteral("a trace could not be serialized as protobuf");
        m_failed = true;
        return false;
    }
    return write(m_bytes);
}

bool OtlpProtoWriter::Impl::finish()
{
    // Nothing to close: both layouts are complete after every trace.
    return !m_failed;
}

OtlpProtoWriter::OtlpProtoWriter(QIODevice& device, Layout layout)
    : d(std::make_unique<Impl>(device, layout))
{
}

OtlpProtoWriter::~OtlpProtoWriter() = default;

bool OtlpProtoWriter::begin()
{
    return d->begin();
}

bool OtlpProtoWriter::writeTrace(const std::vector<SpanRecord>& spans)
{
    return d->writeTrace(spans);
}

bool OtlpProtoWriter::finish()
{
    return d->finish();
}

QString OtlpProtoWriter::errorMessage() const
{
    return d->errorMessage();
}

} // namespace skein
