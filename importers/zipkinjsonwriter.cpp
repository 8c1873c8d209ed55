// SPDX-License-Identifier: MIT
#include "zipkinjsonwriter.h"

#include "jsonwriterhelpers.h"

#include <rapidjson/stringbuffer.h>

#include <string>

namespace skein {

namespace {

constexpr uint32_t debugFlag = 0x2; // Jaeger's debug bit, Zipkin's "debug"

int64_t floorMicros(int64_t ns)
{
    return ns >= 0 ? ns / 1000 : -((-ns + 999) / 1000);
}

bool looksLikeIpv4(std::string_view text)
{
    int dots = 0;
    for (char c : text) {
        if (c == '.')
            ++dots;
        else if (c < '0' || c > '9')
            return false;
    }
    return dots == 3 && text.size() >= 7;
}

bool looksLikeIpv6(std::string_view text)
{
    if (text.find(':') == std::string_view::npos)
        return false;
    for (char c : text) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex && c != ':' && c != '.')
            return false;
    }
    return true;
}

const AttributeValue* find(const Attributes& attributes, std::string_view key)
{
    for (const Attribute& attribute : attributes) {
        if (attribute.key == key)
            return &attribute.value;
    }
    return nullptr;
}

struct Endpoint {
    std::string_view serviceName;
    std::string_view ipv4;
    std::string_view ipv6;
    int64_t port = 0;

    bool empty() const { return serviceName.empty() && ipv4.empty() && ipv6.empty() && port <= 0; }
};

// Reads the address attributes under prefix ("net.host", "net.peer"), as the Zipkin reader writes them.
void readAddress(const Attributes& attributes, std::string_view prefix, Endpoint& endpoint)
{
    const std::string base(prefix);
    for (const char* suffix : { ".ip", ".ipv6" }) {
        const AttributeValue* value = find(attributes, base + suffix);
        if (!value || value->type != AttributeValue::Type::String)
            continue;
        if (looksLikeIpv4(value->text) && endpoint.ipv4.empty())
            endpoint.ipv4 = value->text;
        else if (looksLikeIpv6(value->text) && endpoint.ipv6.empty())
            endpoint.ipv6 = value->text;
    }
    if (const AttributeValue* port = find(attributes, base + ".port"); port && port->type == AttributeValue::Type::Int)
        endpoint.port = port->intValue;
}

// The span attributes that went into the remote endpoint, so they are not written twice.
bool inRemoteEndpoint(const Attribute& attribute, const Endpoint& remote)
{
    const std::string& key = attribute.key;
    const AttributeValue& value = attribute.value;
    if (key == "peer.service")
        return !remote.serviceName.empty();
    if (key == "net.peer.ip" || key == "net.peer.ipv6")
        return value.type == AttributeValue::Type::String && (value.text == remote.ipv4 || value.text == remote.ipv6);
    if (key == "net.peer.port")
        return value.type == AttributeValue::Type::Int && remote.port > 0;
    return false;
}

const char* kindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Client:
        return "CLIENT";
    case SpanKind::Server:
        return "SERVER";
    case SpanKind::Producer:
        return "PRODUCER";
    case SpanKind::Consumer:
        return "CONSUMER";
    case SpanKind::Unspecified:
    case SpanKind::Internal:
        break;
    }
    return nullptr;
}

} // namespace

class ZipkinJsonWriter::Impl {
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
    void writeSpan(const SpanRecord& span);
    void writeEndpoint(const char* key, const Endpoint& endpoint);
    // Zipkin annotations are text: event attributes follow the name as a JSON object, as the
    // OpenTelemetry Zipkin exporter writes them.
    std::string_view annotationText(const SpanEvent& event);

    JsonOutputStream m_stream;
    json::Writer m_writer;
    rapidjson::StringBuffer m_text;
    std::string m_annotation;
    bool m_begun = false;
    bool m_finished = false;
};

bool ZipkinJsonWriter::Impl::begin()
{
    if (m_begun)
        return !m_stream.failed();
    m_begun = true;
    m_writer.StartArray();
    return !m_stream.failed();
}

void ZipkinJsonWriter::Impl::writeEndpoint(const char* key, const Endpoint& endpoint)
{
    json::Writer& w = m_writer;
    json::key(w, key);
    w.StartObject();
    if (!endpoint.serviceName.empty()) {
        json::key(w, "serviceName");
        json::string(w, endpoint.serviceName);
    }
    if (!endpoint.ipv4.empty()) {
        json::key(w, "ipv4");
        json::string(w, endpoint.ipv4);
    }
    if (!endpoint.ipv6.empty()) {
        json::key(w, "ipv6");
        json::string(w, endpoint.ipv6);
    }
    if (endpoint.port > 0 && endpoint.port <= 65535) {
        json::key(w, "port");
        w.Int64(endpoint.port);
    }
    w.EndObject();
}

std::string_view ZipkinJsonWriter::Impl::annotationText(const SpanEvent& event)
{
    if (event.attributes.empty())
        return event.name;
    m_text.Clear();
    rapidjson::Writer<rapidjson::StringBuffer> text(m_text);
    text.StartObject();
    for (const Attribute& attribute : event.attributes) {
        text.Key(attribute.key.data(), rapidjson::SizeType(attribute.key.size()));
        const std::string value = attribute.value.toText();
        text.String(value.data(), rapidjson::SizeType(value.size()));
    }
    text.EndObject();
    m_annotation.assign(event.name);
    m_annotation.append(": ");
    m_annotation.append(m_text.GetString(), m_text.GetSize());
    return m_annotation;
}

void ZipkinJsonWriter::Impl::writeSpan(const SpanRecord& span)
{
    json::Writer& w = m_writer;
    w.StartObject();
    json::key(w, "traceId");
    json::traceId(w, span.traceId, true);
    // A server half hangs under its client half through the shared id; Zipkin spells that "shared".
    const bool sharedServer = span.side == SpanSide::SharedServer;
    if (span.parentSpanId != 0 && !(sharedServer && span.parentSpanId == span.spanId)) {
        json::key(w, "parentId");
        json::spanId(w, span.parentSpanId);
    }
    json::key(w, "id");
    json::spanId(w, span.spanId);
    if (const char* kind = kindName(span.kind)) {
        json::key(w, "kind");
        json::string(w, kind);
    }
    if (!span.name.empty()) {
        json::key(w, "name");
        json::string(w, span.name);
    }
    if (span.startNs > 0) {
        json::key(w, "timestamp");
        w.Int64(floorMicros(span.startNs));
    }
    if (span.durationNs > 0) {
        // Zipkin's duration is at least 1 µs when present.
        json::key(w, "duration");
        w.Int64(std::max<int64_t>(1, (span.durationNs + 500) / 1000));
    }
    if (span.flags & debugFlag) {
        json::key(w, "debug");
        w.Bool(true);
    }
    if (sharedServer) {
        json::key(w, "shared");
        w.Bool(true);
    }

    Endpoint local;
    local.serviceName = span.resource && !span.resource->serviceName.empty()
        ? std::string_view(span.resource->serviceName)
        : std::string_view(span.serviceName);
    if (span.resource)
        readAddress(span.resource->attributes, "net.host", local);
    if (!local.empty())
        writeEndpoint("localEndpoint", local);

    Endpoint remote;
    if (const AttributeValue* peer = find(span.attributes, "peer.service");
        peer && peer->type == AttributeValue::Type::String)
        remote.serviceName = peer->text;
    readAddress(span.attributes, "net.peer", remote);
    if (!remote.empty())
        writeEndpoint("remoteEndpoint", remote);

    if (!span.events.empty()) {
        json::key(w, "annotations");
        w.StartArray();
        for (const SpanEvent& event : span.events) {
            w.StartObject();
            json::key(w, "timestamp");
            w.Int64(floorMicros(event.timeNs));
            json::key(w, "value");
            json::string(w, annotationText(event));
            w.EndObject();
        }
        w.EndArray();
    }

    const bool errorTagNeeded = span.status == StatusCode::Error && !find(span.attributes, "error");
    bool tagsOpen = false;
    const auto tag = [&](std::string_view key, std::string_view value) {
        if (!tagsOpen) {
            json::key(w, "tags");
            w.StartObject();
            tagsOpen = true;
        }
        json::key(w, key);
        json::string(w, value);
    };
    for (const Attribute& attribute : span.attributes) {
        if (inRemoteEndpoint(attribute, remote))
            continue;
        if (attribute.value.type == AttributeValue::Type::String)
            tag(attribute.key, attribute.value.text);
        else
            tag(attribute.key, attribute.value.toText());
    }
    if (errorTagNeeded)
        tag("error", span.statusMessage.empty() ? std::string_view("true") : std::string_view(span.statusMessage));
    if (tagsOpen)
        w.EndObject();
    w.EndObject();
}

bool ZipkinJsonWriter::Impl::writeTrace(const std::vector<SpanRecord>& spans)
{
    if (!begin())
        return false;
    for (const SpanRecord& span : spans)
        writeSpan(span);
    return !m_stream.failed();
}

bool ZipkinJsonWriter::Impl::finish()
{
    if (m_finished)
        return !m_stream.failed();
    if (!begin())
        return false;
    m_finished = true;
    m_writer.EndArray();
    m_stream.Put('\n');
    return m_stream.finish();
}

ZipkinJsonWriter::ZipkinJsonWriter(QIODevice& device)
    : d(std::make_unique<Impl>(device))
{
}

ZipkinJsonWriter::~ZipkinJsonWriter() = default;

bool ZipkinJsonWriter::begin()
{
    return d->begin();
}

bool ZipkinJsonWriter::writeTrace(const std::vector<SpanRecord>& spans)
{
    return d->writeTrace(spans);
}

bool ZipkinJsonWriter::finish()
{
    return d->finish();
}

QString ZipkinJsonWriter::errorMessage() const
{
    return d->errorMessage();
}

} // namespace skein
