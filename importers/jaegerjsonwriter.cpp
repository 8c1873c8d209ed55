// SPDX-License-Identifier: MIT
#include "jaegerjsonwriter.h"

#include "jsonwriterhelpers.h"

#include <string>
#include <unordered_map>

namespace skein {

namespace {

constexpr int64_t maxSafeInteger = (int64_t(1) << 53) - 1; // JavaScript's Number.MAX_SAFE_INTEGER

int64_t floorMicros(int64_t ns)
{
    return ns >= 0 ? ns / 1000 : -((-ns + 999) / 1000);
}

// Tags the OTLP-to-Jaeger translation derives from span fields; an attribute of the same name wins.
enum DerivedTag : unsigned {
    SpanKindTag = 1,
    StatusCodeTag = 2,
    ErrorTag = 4,
    StatusDescriptionTag = 8,
    ScopeNameTag = 16,
    ScopeVersionTag = 32,
    TraceStateTag = 64,
};

unsigned derivedTagsPresent(const Attributes& attributes)
{
    unsigned present = 0;
    for (const Attribute& attribute : attributes) {
        const std::string& key = attribute.key;
        if (key == "span.kind")
            present |= SpanKindTag;
        else if (key == "otel.status_code")
            present |= StatusCodeTag;
        else if (key == "error")
            present |= ErrorTag;
        else if (key == "otel.status_description")
            present |= StatusDescriptionTag;
        else if (key == "otel.scope.name")
            present |= ScopeNameTag;
        else if (key == "otel.scope.version")
            present |= ScopeVersionTag;
        else if (key == "w3c.tracestate")
            present |= TraceStateTag;
    }
    return present;
}

} // namespace

class JaegerJsonWriter::Impl {
public:
    explicit Impl(QIODevice& device)
        : m_stream(device)
        , m_writer(m_stream)
    {
    }

    bool begin();
    bool writeTrace(const std::vector<SpanRecord>& spans);
    bool finish();
    QString errorMessage() const { return m_stream.errorString(); }

private:
    struct Process {
        const Resource* resource;
        const SpanRecord* firstSpan;
    };

    int processIndex(const SpanRecord& span);
    void writeSpan(const SpanRecord& span, int process);
    void writeProcess(int index);
    void writeTag(std::string_view key, const AttributeValue& value);
    void writeStringTag(std::string_view key, std::string_view value);

    JsonOutputStream m_stream;
    json::Writer m_writer;
    bool m_begun = false;
    bool m_finished = false;
    // Per trace: Jaeger numbers the distinct processes of each trace p1, p2, ...
    std::vector<Process> m_processes;
    std::unordered_map<const Resource*, int> m_processByResource;
    std::unordered_map<std::string, int> m_processByServiceName; // spans without a resource
};

bool JaegerJsonWriter::Impl::begin()
{
    if (m_begun)
        return !m_stream.failed();
    m_begun = true;
    m_writer.StartObject();
    json::key(m_writer, "data");
    m_writer.StartArray();
    return !m_stream.failed();
}

int JaegerJsonWriter::Impl::processIndex(const SpanRecord& span)
{
    if (!span.resource) {
        const auto [it, inserted] = m_processByServiceName.try_emplace(span.serviceName, int(m_processes.size()));
        if (inserted)
            m_processes.push_back(Process { nullptr, &span });
        return it->second;
    }
    const Resource* resource = span.resource.get();
    if (const auto it = m_processByResource.find(resource); it != m_processByResource.end())
        return it->second;
    // Distinct objects with equal contents are one process, as Jaeger dedupes processes by value.
    int index = -1;
    for (size_t i = 0; i < m_processes.size(); ++i) {
        if (m_processes[i].resource && *m_processes[i].resource == *resource) {
            index = int(i);
            break;
        }
    }
    if (index < 0) {
        index = int(m_processes.size());
        m_processes.push_back(Process { resource, &span });
    }
    m_processByResource.emplace(resource, index);
    return index;
}

void JaegerJsonWriter::Impl::writeStringTag(std::string_view key, std::string_view value)
{
    m_writer.StartObject();
    json::key(m_writer, "key");
    json::string(m_writer, key);
    json::key(m_writer, "type");
    json::string(m_writer, "string");
    json::key(m_writer, "value");
    json::string(m_writer, value);
    m_writer.EndObject();
}

void JaegerJsonWriter::Impl::writeTag(std::string_view key, const AttributeValue& value)
{
    using Type = AttributeValue::Type;
    switch (value.type) {
    case Type::String:
        writeStringTag(key, value.text);
        return;
    case Type::Empty:
        writeStringTag(key, {});
        return;
    case Type::Array:
    case Type::KeyValueList:
        // Jaeger has no composite values: the translator stores them as JSON text.
        writeStringTag(key, value.toText());
        return;
    case Type::Bool:
    case Type::Int:
    case Type::Double:
    case Type::Bytes:
        break;
    }
    m_writer.StartObject();
    json::key(m_writer, "key");
    json::string(m_writer, key);
    json::key(m_writer, "type");
    switch (value.type) {
    case Type::Bool:
        json::string(m_writer, "bool");
        json::key(m_writer, "value");
        m_writer.Bool(value.boolValue);
        break;
    case Type::Int:
        json::string(m_writer, "int64");
        json::key(m_writer, "value");
        // Beyond 2^53 a JavaScript reader would round a number, so Jaeger writes a string.
        if (value.intValue >= -maxSafeInteger && value.intValue <= maxSafeInteger)
            m_writer.Int64(value.intValue);
        else
            json::decimalString(m_writer, value.intValue);
        break;
    case Type::Double:
        json::string(m_writer, "float64");
        json::key(m_writer, "value");
        json::number(m_writer, value.doubleValue);
        break;
    case Type::Bytes:
        json::string(m_writer, "binary");
        json::key(m_writer, "value");
        json::string(m_writer, value.toText()); // base64
        break;
    default:
        break;
    }
    m_writer.EndObject();
}

void JaegerJsonWriter::Impl::writeSpan(const SpanRecord& span, int process)
{
    json::Writer& w = m_writer;
    w.StartObject();
    json::key(w, "traceID");
    json::traceId(w, span.traceId, true);
    json::key(w, "spanID");
    json::spanId(w, span.spanId);
    // Jaeger's flags are the W3C trace flags (sampled, debug); OTLP's higher bits have no place here.
    if (const uint32_t flags = span.flags & 0xFF) {
        json::key(w, "flags");
        w.Uint(flags);
    }
    json::key(w, "operationName");
    json::string(w, span.name);

    json::key(w, "references");
    w.StartArray();
    auto reference = [&](const char* type, const TraceId& traceId, SpanId spanId) {
        w.StartObject();
        json::key(w, "refType");
        json::string(w, type);
        json::key(w, "traceID");
        json::traceId(w, traceId, true);
        json::key(w, "spanID");
        json::spanId(w, spanId);
        w.EndObject();
    };
    if (span.parentSpanId != 0)
        reference("CHILD_OF", span.traceId, span.parentSpanId);
    for (const SpanLink& link : span.links)
        reference(link.type == LinkType::ChildOf ? "CHILD_OF" : "FOLLOWS_FROM", link.traceId, link.spanId);
    w.EndArray();

    json::key(w, "startTime");
    w.Int64(floorMicros(span.startNs));
    json::key(w, "duration");
    w.Int64(floorMicros(span.durationNs));

    json::key(w, "tags");
    w.StartArray();
    for (const Attribute& attribute : span.attributes)
        writeTag(attribute.key, attribute.value);
    const unsigned present = derivedTagsPresent(span.attributes);
    if (span.kind != SpanKind::Unspecified && !(present & SpanKindTag))
        writeStringTag("span.kind", spanKindName(span.kind));
    if (span.status != StatusCode::Unset && !(present & StatusCodeTag))
        writeStringTag("otel.status_code", span.status == StatusCode::Error ? "ERROR" : "OK");
    if (span.status == StatusCode::Error && !(present & ErrorTag)) {
        w.StartObject();
        json::key(w, "key");
        json::string(w, "error");
        json::key(w, "type");
        json::string(w, "bool");
        json::key(w, "value");
        w.Bool(true);
        w.EndObject();
    }
    if (!span.statusMessage.empty() && !(present & StatusDescriptionTag))
        writeStringTag("otel.status_description", span.statusMessage);
    if (span.scope) {
        if (!span.scope->name.empty() && !(present & ScopeNameTag))
            writeStringTag("otel.scope.name", span.scope->name);
        if (!span.scope->version.empty() && !(present & ScopeVersionTag))
            writeStringTag("otel.scope.version", span.scope->version);
    }
    if (!span.traceState.empty() && !(present & TraceStateTag))
        writeStringTag("w3c.tracestate", span.traceState);
    w.EndArray();

    json::key(w, "logs");
    w.StartArray();
    for (const SpanEvent& event : span.events) {
        w.StartObject();
        json::key(w, "timestamp");
        w.Int64(floorMicros(event.timeNs));
        json::key(w, "fields");
        w.StartArray();
        if (!event.name.empty())
            writeStringTag("event", event.name);
        for (const Attribute& attribute : event.attributes)
            writeTag(attribute.key, attribute.value);
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();

    json::key(w, "processID");
    const std::string processId = 'p' + std::to_string(process + 1);
    json::string(w, processId);
    json::key(w, "warnings");
    if (span.warnings.empty()) {
        w.Null();
    } else {
        w.StartArray();
        for (const std::string& warning : span.warnings)
            json::string(w, warning);
        w.EndArray();
    }
    w.EndObject();
}

void JaegerJsonWriter::Impl::writeProcess(int index)
{
    const Process& process = m_processes[size_t(index)];
    json::Writer& w = m_writer;
    const std::string key = 'p' + std::to_string(index + 1);
    json::key(w, key);
    w.StartObject();
    json::key(w, "serviceName");
    const std::string& serviceName = process.resource && !process.resource->serviceName.empty()
        ? process.resource->serviceName
        : process.firstSpan->serviceName;
    json::string(w, serviceName);
    json::key(w, "tags");
    w.StartArray();
    if (process.resource) {
        // The service name is the process's name, not one of its tags.
        for (const Attribute& attribute : process.resource->attributes) {
            if (attribute.key != "service.name")
                writeTag(attribute.key, attribute.value);
        }
    }
    w.EndArray();
    w.EndObject();
}

bool JaegerJsonWriter::Impl::writeTrace(const std::vector<SpanRecord>& spans)
{
    if (!begin())
        return false;
    if (spans.empty())
        return true;
    m_processes.clear();
    m_processByResource.clear();
    m_processByServiceName.clear();

    json::Writer& w = m_writer;
    w.StartObject();
    json::key(w, "traceID");
    json::traceId(w, spans.front().traceId, true);
    json::key(w, "spans");
    w.StartArray();
    for (const SpanRecord& span : spans)
        writeSpan(span, processIndex(span));
    w.EndArray();
    json::key(w, "processes");
    w.StartObject();
    for (size_t i = 0; i < m_processes.size(); ++i)
        writeProcess(int(i));
    w.EndObject();
    json::key(w, "warnings");
    w.Null();
    w.EndObject();
    return !m_stream.failed();
}

bool JaegerJsonWriter::Impl::finish()
{
    if (m_finished)
        return !m_stream.failed();
    if (!begin())
        return false;
    m_finished = true;
    json::Writer& w = m_writer;
    w.EndArray();
    json::key(w, "total");
    w.Int(0);
    json::key(w, "limit");
    w.Int(0);
    json::key(w, "offset");
    w.Int(0);
    json::key(w, "errors");
    w.Null();
    w.EndObject();
    m_stream.Put('\n');
    return m_stream.finish();
}

JaegerJsonWriter::JaegerJsonWriter(QIODevice& device)
    : d(std::make_unique<Impl>(device))
{
}

JaegerJsonWriter::~JaegerJsonWriter() = default;

bool JaegerJsonWriter::begin()
{
    return d->begin();
}

bool JaegerJsonWriter::writeTrace(const std::vector<SpanRecord>& spans)
{
    return d->writeTrace(spans);
}

bool JaegerJsonWriter::finish()
{
    return d->finish();
}

QString JaegerJsonWriter::errorMessage() const
{
    return d->errorMessage();
}

} // namespace skein
