// SPDX-License-Identifier: MIT
#include "otlpjsonwriter.h"

#include "jsonwriterhelpers.h"

#include <string>
#include <unordered_map>

namespace skein {

class OtlpJsonWriter::Impl {
public:
    Impl(QIODevice& device, Layout layout)
        : m_stream(device)
        , m_writer(m_stream)
        , m_layout(layout)
    {
    }

    bool begin();
    bool writeTrace(const std::vector<SpanRecord>& spans);
    bool finish();
    QString errorMessage() const { return m_stream.errorString(); }

private:
    struct ScopeGroup {
        const InstrumentationScope* scope;
        std::vector<uint32_t> spans;
    };
    struct ResourceGroup {
        const Resource* resource;
        const SpanRecord* firstSpan;
        std::vector<ScopeGroup> scopes;
    };

    void group(const std::vector<SpanRecord>& spans);
    void writeResourceSpans(const ResourceGroup& group, const std::vector<SpanRecord>& spans);
    void writeSpan(const SpanRecord& span);
    void writeAttributes(const Attributes& attributes, uint32_t dropped);
    void writeKeyValue(std::string_view key, const AttributeValue& value);
    void writeAnyValue(const AttributeValue& value);
    void writeTime(std::string_view key, int64_t ns);

    JsonOutputStream m_stream;
    json::Writer m_writer;
    Layout m_layout;
    bool m_begun = false;
    bool m_finished = false;
    // Per trace: spans grouped by resource, then scope, in order of first appearance.
    std::vector<ResourceGroup> m_groups;
    std::unordered_map<const Resource*, size_t> m_groupByResource;
    std::unordered_map<std::string, size_t> m_groupByServiceName; // spans without a resource
};

bool OtlpJsonWriter::Impl::begin()
{
    if (m_begun)
        return !m_stream.failed();
    m_begun = true;
    if (m_layout == Layout::Document) {
        m_writer.StartObject();
        json::key(m_writer, "resourceSpans");
        m_writer.StartArray();
    }
    return !m_stream.failed();
}

void OtlpJsonWriter::Impl::group(const std::vector<SpanRecord>& spans)
{
    m_groups.clear();
    m_groupByResource.clear();
    m_groupByServiceName.clear();
    for (uint32_t i = 0; i < spans.size(); ++i) {
        const SpanRecord& span = spans[i];
        size_t index = m_groups.size();
        bool inserted;
        if (span.resource)
            inserted = m_groupByResource.try_emplace(span.resource.get(), index).second;
        else
            inserted = m_groupByServiceName.try_emplace(span.serviceName, index).second;
        if (inserted)
            m_groups.push_back(ResourceGroup { span.resource.get(), &span, {} });
        else
            index = span.resource ? m_groupByResource[span.resource.get()] : m_groupByServiceName[span.serviceName];
        std::vector<ScopeGroup>& scopes = m_groups[index].scopes;
        ScopeGroup* target = nullptr;
        for (ScopeGroup& scope : scopes) {
            if (scope.scope == span.scope.get()) {
                target = &scope;
                break;
            }
        }
        if (!target) {
            scopes.push_back(ScopeGroup { span.scope.get(), {} });
            target = &scopes.back();
        }
        target->spans.push_back(i);
    }
}

void OtlpJsonWriter::Impl::writeTime(std::string_view key, int64_t ns)
{
    json::key(m_writer, key);
    json::decimalString(m_writer, ns < 0 ? 0 : ns); // fixed64 on the wire: no negative times
}

void OtlpJsonWriter::Impl::writeAnyValue(const AttributeValue& value)
{
    using Type = AttributeValue::Type;
    json::Writer& w = m_writer;
    w.StartObject();
    switch (value.type) {
    case Type::Empty:
        break;
    case Type::String:
        json::key(w, "stringValue");
        json::string(w, value.text);
        break;
    case Type::Bool:
        json::key(w, "boolValue");
        w.Bool(value.boolValue);
        break;
    case Type::Int:
        json::key(w, "intValue");
        json::decimalString(w, value.intValue);
        break;
    case Type::Double:
        json::key(w, "doubleValue");
        json::number(w, value.doubleValue);
        break;
    case Type::Bytes:
        json::key(w, "bytesValue");
        json::string(w, value.toText()); // base64: only ids are hex in OTLP/JSON
        break;
    case Type::Array:
        json::key(w, "arrayValue");
        w.StartObject();
        json::key(w, "values");
        w.StartArray();
        for (const AttributeValue& element : value.array)
            writeAnyValue(element);
        w.EndArray();
        w.EndObject();
        break;
    case Type::KeyValueList:
        json::key(w, "kvlistValue");
        w.StartObject();
        json::key(w, "values");
        w.StartArray();
        for (const Attribute& attribute : value.keyValues)
            writeKeyValue(attribute.key, attribute.value);
        w.EndArray();
        w.EndObject();
        break;
    }
    w.EndObject();
}

void OtlpJsonWriter::Impl::writeKeyValue(std::string_view key, const AttributeValue& value)
{
    m_writer.StartObject();
    json::key(m_writer, "key");
    json::string(m_writer, key);
    json::key(m_writer, "value");
    writeAnyValue(value);
    m_writer.EndObject();
}

void OtlpJsonWriter::Impl::writeAttributes(const Attributes& attributes, uint32_t dropped)
{
    if (!attributes.empty()) {
        json::key(m_writer, "attributes");
        m_writer.StartArray();
        for (const Attribute& attribute : attributes)
            writeKeyValue(attribute.key, attribute.value);
        m_writer.EndArray();
    }
    if (dropped != 0) {
        json::key(m_writer, "droppedAttributesCount");
        m_writer.Uint(dropped);
    }
}

void OtlpJsonWriter::Impl::writeSpan(const SpanRecord& span)
{
    json::Writer& w = m_writer;
    w.StartObject();
    json::key(w, "traceId");
    json::traceId(w, span.traceId, false);
    json::key(w, "spanId");
    json::spanId(w, span.spanId);
    if (!span.traceState.empty()) {
        json::key(w, "traceState");
        json::string(w, span.traceState);
    }
    if (span.parentSpanId != 0) {
        json::key(w, "parentSpanId");
        json::spanId(w, span.parentSpanId);
    }
    if (span.flags != 0) {
        json::key(w, "flags");
        w.Uint(span.flags);
    }
    json::key(w, "name");
    json::string(w, span.name);
    json::key(w, "kind");
    w.Int(int(span.kind));
    writeTime("startTimeUnixNano", span.startNs);
    writeTime("endTimeUnixNano", span.endNs());
    writeAttributes(span.attributes, span.droppedAttributes);

    if (!span.events.empty()) {
        json::key(w, "events");
        w.StartArray();
        for (const SpanEvent& event : span.events) {
            w.StartObject();
            writeTime("timeUnixNano", event.timeNs);
            json::key(w, "name");
            json::string(w, event.name);
            writeAttributes(event.attributes, event.droppedAttributes);
            w.EndObject();
        }
        w.EndArray();
    }
    if (span.droppedEvents != 0) {
        json::key(w, "droppedEventsCount");
        w.Uint(span.droppedEvents);
    }
    if (!span.links.empty()) {
        json::key(w, "links");
        w.StartArray();
        for (const SpanLink& link : span.links) {
            w.StartObject();
            json::key(w, "traceId");
            json::traceId(w, link.traceId, false);
            json::key(w, "spanId");
            json::spanId(w, link.spanId);
            if (!link.traceState.empty()) {
                json::key(w, "traceState");
                json::string(w, link.traceState);
            }
            writeAttributes(link.attributes, link.droppedAttributes);
            if (link.flags != 0) {
                json::key(w, "flags");
                w.Uint(link.flags);
            }
            w.EndObject();
        }
        w.EndArray();
    }
    if (span.droppedLinks != 0) {
        json::key(w, "droppedLinksCount");
        w.Uint(span.droppedLinks);
    }
    json::key(w, "status");
    w.StartObject();
    if (!span.statusMessage.empty()) {
        json::key(w, "message");
        json::string(w, span.statusMessage);
    }
    if (span.status != StatusCode::Unset) {
        json::key(w, "code");
        w.Int(int(span.status));
    }
    w.EndObject();
    w.EndObject();
}

void OtlpJsonWriter::Impl::writeResourceSpans(const ResourceGroup& group, const std::vector<SpanRecord>& spans)
{
    json::Writer& w = m_writer;
    w.StartObject();
    json::key(w, "resource");
    w.StartObject();
    const std::string& serviceName = group.resource && !group.resource->serviceName.empty()
        ? group.resource->serviceName
        : group.firstSpan->serviceName;
    bool hasServiceName = false;
    if (group.resource) {
        for (const Attribute& attribute : group.resource->attributes)
            hasServiceName = hasServiceName || attribute.key == "service.name";
    }
    // OTLP carries the service name only as a resource attribute; keep it when the model has it elsewhere.
    if ((group.resource && !group.resource->attributes.empty()) || (!hasServiceName && !serviceName.empty())) {
        json::key(w, "attributes");
        w.StartArray();
        if (!hasServiceName && !serviceName.empty())
            writeKeyValue("service.name", AttributeValue::fromString(serviceName));
        if (group.resource) {
            for (const Attribute& attribute : group.resource->attributes)
                writeKeyValue(attribute.key, attribute.value);
        }
        w.EndArray();
    }
    if (group.resource && group.resource->droppedAttributes != 0) {
        json::key(w, "droppedAttributesCount");
        w.Uint(group.resource->droppedAttributes);
    }
    w.EndObject();

    json::key(w, "scopeSpans");
    w.StartArray();
    for (const ScopeGroup& scopeGroup : group.scopes) {
        w.StartObject();
        if (const InstrumentationScope* scope = scopeGroup.scope) {
            json::key(w, "scope");
            w.StartObject();
            json::key(w, "name");
            json::string(w, scope->name);
            if (!scope->version.empty()) {
                json::key(w, "version");
                json::string(w, scope->version);
            }
            writeAttributes(scope->attributes, scope->droppedAttributes);
            w.EndObject();
        }
        json::key(w, "spans");
        w.StartArray();
        for (uint32_t index : scopeGroup.spans)
            writeSpan(spans[index]);
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

bool OtlpJsonWriter::Impl::writeTrace(const std::vector<SpanRecord>& spans)
{
    if (!begin())
        return false;
    if (spans.empty())
        return true;
    group(spans);
    if (m_layout == Layout::Lines) {
        m_writer.StartObject();
        json::key(m_writer, "resourceSpans");
        m_writer.StartArray();
    }
    for (const ResourceGroup& resourceGroup : m_groups)
        writeResourceSpans(resourceGroup, spans);
    if (m_layout == Layout::Lines) {
        m_writer.EndArray();
        m_writer.EndObject();
        m_stream.Put('\n');
        m_writer.Reset(m_stream); // the next line is a new root value
    }
    return !m_stream.failed();
}

bool OtlpJsonWriter::Impl::finish()
{
    if (m_finished)
        return !m_stream.failed();
    if (!begin())
        return false;
    m_finished = true;
    if (m_layout == Layout::Document) {
        m_writer.EndArray();
        m_writer.EndObject();
        m_stream.Put('\n');
    }
    return m_stream.finish();
}

OtlpJsonWriter::OtlpJsonWriter(QIODevice& device, Layout layout)
    : d(std::make_unique<Impl>(device, layout))
{
}

OtlpJsonWriter::~OtlpJsonWriter() = default;

bool OtlpJsonWriter::begin()
{
    return d->begin();
}

bool OtlpJsonWriter::writeTrace(const std::vector<SpanRecord>& spans)
{
    return d->writeTrace(spans);
}

bool OtlpJsonWriter::finish()
{
    return d->finish();
}

QString OtlpJsonWriter::errorMessage() const
{
    return d->errorMessage();
}

} // namespace skein
