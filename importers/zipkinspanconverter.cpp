// SPDX-License-Identifier: MIT
#include "zipkinspanconverter.h"

#include <algorithm>

namespace skein {

namespace {

// Resources are shared by value; a hostile file with a new endpoint per span must not grow this forever.
constexpr size_t maxCachedResources = 4096;

// Jaeger's debug bit, which is what Zipkin's debug (X-B3-Flags: 1) means.
constexpr uint32_t debugFlag = 0x2;

bool hasAttribute(const Attributes& attributes, std::string_view key)
{
    return std::any_of(attributes.begin(), attributes.end(), [key](const Attribute& a) { return a.key == key; });
}

void addIfAbsent(Attributes& attributes, std::string_view key, AttributeValue value)
{
    if (!hasAttribute(attributes, key))
        attributes.push_back(Attribute { std::string(key), std::move(value) });
}

// An endpoint as attributes under a prefix ("net.host" or "net.peer"); ipv4 wins "ip" when both are given.
void addAddress(Attributes& attributes, const ZipkinEndpoint& endpoint, std::string_view prefix)
{
    const std::string base(prefix);
    if (!endpoint.ipv4.empty())
        addIfAbsent(attributes, base + ".ip", AttributeValue::fromString(endpoint.ipv4));
    if (!endpoint.ipv6.empty())
        addIfAbsent(attributes, endpoint.ipv4.empty() ? base + ".ip" : base + ".ipv6",
            AttributeValue::fromString(endpoint.ipv6));
    if (endpoint.port > 0)
        addIfAbsent(attributes, base + ".port", AttributeValue::fromInt(endpoint.port));
}

void addRemote(SpanRecord& record, const ZipkinEndpoint& endpoint)
{
    if (!endpoint.serviceName.empty())
        addIfAbsent(record.attributes, "peer.service", AttributeValue::fromString(endpoint.serviceName));
    addAddress(record.attributes, endpoint, "net.peer");
}

// The "error" tag marks a failed span; its value is the message, unless it only says that it failed.
void addTag(SpanRecord& record, const std::string& key, const std::string& value)
{
    if (key == "error") {
        record.status = StatusCode::Error;
        if (record.statusMessage.empty() && !value.empty() && value != "true")
            record.statusMessage = value;
    }
    record.attributes.push_back(Attribute { key, AttributeValue::fromString(value) });
}

void addEvent(SpanRecord& record, const ZipkinAnnotation& annotation)
{
    record.events.push_back(SpanEvent { annotation.timestampNs, annotation.value, {}, 0 });
}

bool earlier(const SpanEvent& a, const SpanEvent& b)
{
    return a.timeNs < b.timeNs;
}

bool isCore(const std::string& value, const char* name)
{
    return value.size() == 2 && value[0] == name[0] && value[1] == name[1];
}

// A kind-less v2 span that still carries v1 core annotations (half-converted data) says what it is.
SpanKind kindFromAnnotations(const std::vector<ZipkinAnnotation>& annotations)
{
    bool client = false, server = false, producer = false, consumer = false;
    for (const ZipkinAnnotation& annotation : annotations) {
        const std::string& value = annotation.value;
        client = client || isCore(value, "cs") || isCore(value, "cr");
        server = server || isCore(value, "sr") || isCore(value, "ss");
        producer = producer || isCore(value, "ms");
        consumer = consumer || isCore(value, "mr");
    }
    return client  ? SpanKind::Client
        : server   ? SpanKind::Server
        : producer ? SpanKind::Producer
        : consumer ? SpanKind::Consumer
                   : SpanKind::Unspecified;
}

// Start and duration from the events when the record gives none: the earliest and latest annotation.
void timingFromEvents(SpanRecord& record, bool& hasStart, bool& hasDuration)
{
    if (record.events.empty())
        return;
    int64_t first = record.events.front().timeNs;
    int64_t last = first;
    for (const SpanEvent& event : record.events) {
        first = std::min(first, event.timeNs);
        last = std::max(last, event.timeNs);
    }
    if (!hasStart) {
        record.startNs = first;
        hasStart = true;
    }
    if (!hasDuration && last > record.startNs) {
        record.durationNs = last - record.startNs;
        hasDuration = true;
    }
}

} // namespace

// The part of a v1 record that one host reported: Zipkin's V1SpanConverter builds one v2 span per
// local endpoint (told apart by service name).
struct ZipkinSpanConverter::Half {
    const ZipkinEndpoint* local = nullptr;
    SpanKind kind = SpanKind::Unspecified;
    bool shared = false;
    bool hasStart = false;
    bool hasDuration = false;
    int64_t startNs = 0;
    int64_t durationNs = 0;
    const ZipkinEndpoint* remote = nullptr;
    std::vector<const ZipkinAnnotation*> events;
    std::vector<const ZipkinBinaryAnnotation*> tags;

    void setTiming(int64_t start, std::optional<int64_t> duration)
    {
        startNs = start;
        hasStart = true;
        hasDuration = duration.has_value();
        durationNs = duration.value_or(0);
    }
};

ZipkinSpanConverter::ZipkinSpanConverter()
    : m_noEndpoint(std::make_shared<Resource>())
{
}

std::shared_ptr<const Resource> ZipkinSpanConverter::resourceFor(const ZipkinEndpoint* endpoint)
{
    if (!endpoint || *endpoint == ZipkinEndpoint {})
        return m_noEndpoint;
    std::string& key = m_keyBuffer;
    key.assign(endpoint->serviceName);
    key.push_back('\0');
    key.append(endpoint->ipv4);
    key.push_back('\0');
    key.append(endpoint->ipv6);
    key.push_back('\0');
    key.append(std::to_string(endpoint->port));
    if (const auto it = m_resources.find(key); it != m_resources.end())
        return it->second;
    if (m_resources.size() >= maxCachedResources)
        m_resources.clear();
    auto resource = std::make_shared<Resource>();
    resource->serviceName = endpoint->serviceName;
    addAddress(resource->attributes, *endpoint, "net.host");
    m_resources.emplace(key, resource);
    return resource;
}

SpanRecord ZipkinSpanConverter::baseRecord(const ZipkinSpanDraft& draft) const
{
    SpanRecord record;
    record.traceId = draft.traceId;
    record.spanId = draft.id;
    record.parentSpanId = draft.parentId;
    record.name = draft.name;
    record.flags = draft.debug ? debugFlag : 0;
    return record;
}

void ZipkinSpanConverter::finishTiming(
    SpanRecord& record, bool hasStart, bool hasDuration, const SourcePosition& position)
{
    timingFromEvents(record, hasStart, hasDuration);
    if (hasStart && hasDuration)
        return;
    if (!hasStart) {
        if (m_untimed.withoutStart++ == 0)
            m_untimed.firstWithoutStart = position;
    } else if (m_untimed.withoutDuration++ == 0) {
        m_untimed.firstWithoutDuration = position;
    }
}

bool ZipkinSpanConverter::convert(const ZipkinSpanDraft& draft, std::vector<ZipkinSpan>& out)
{
    if (draft.isV1()) {
        convertV1(draft, out);
        return true;
    }
    convertV2(draft, out);
    return false;
}

void ZipkinSpanConverter::convertV2(const ZipkinSpanDraft& draft, std::vector<ZipkinSpan>& out)
{
    ZipkinSpan& span = out.emplace_back();
    span.shared = draft.shared;
    SpanRecord& record = span.record;
    record = baseRecord(draft);
    record.kind = draft.kind != SpanKind::Unspecified ? draft.kind : kindFromAnnotations(draft.annotations);
    record.resource = resourceFor(draft.localEndpoint ? &*draft.localEndpoint : nullptr);
    record.attributes.reserve(draft.tags.size() + (draft.remoteEndpoint ? 3 : 0));
    for (const auto& [key, value] : draft.tags)
        addTag(record, key, value);
    if (draft.remoteEndpoint)
        addRemote(record, *draft.remoteEndpoint);
    record.events.reserve(draft.annotations.size());
    for (const ZipkinAnnotation& annotation : draft.annotations)
        addEvent(record, annotation);
    // Zipkin keeps annotations in time order.
    if (!std::is_sorted(record.events.begin(), record.events.end(), earlier))
        std::stable_sort(record.events.begin(), record.events.end(), earlier);
    record.startNs = draft.timestampNs;
    record.durationNs = draft.durationNs;
    finishTiming(record, draft.timestampNs != 0, draft.durationNs != 0, draft.position);
}

void ZipkinSpanConverter::convertV1(const ZipkinSpanDraft& draft, std::vector<ZipkinSpan>& out)
{
    std::vector<Half> halves(1);
    // A v2 localEndpoint in a v1 record (half-converted data) is where endpoint-less data belongs.
    if (draft.localEndpoint)
        halves[0].local = &*draft.localEndpoint;
    halves[0].kind = draft.kind;
    halves[0].shared = draft.shared;

    const auto forEndpoint = [&halves](const ZipkinEndpoint* endpoint) -> size_t {
        if (!endpoint)
            return 0;
        for (size_t i = 0; i < halves.size(); ++i) {
            if (!halves[i].local) {
                halves[i].local = endpoint;
                return i;
            }
            if (halves[i].local->serviceName == endpoint->serviceName)
                return i;
        }
        halves.emplace_back().local = endpoint;
        return halves.size() - 1;
    };
    const auto endpointOf
        = [](const ZipkinAnnotation* annotation) { return annotation->endpoint ? &*annotation->endpoint : nullptr; };

    // Core annotations decide kind and timing; they need an endpoint, as in Zipkin.
    const ZipkinAnnotation *cs = nullptr, *sr = nullptr, *ss = nullptr, *cr = nullptr;
    const ZipkinAnnotation *ms = nullptr, *mr = nullptr, *ws = nullptr, *wr = nullptr;
    for (const ZipkinAnnotation& annotation : draft.annotations) {
        Half& half = halves[forEndpoint(endpointOf(&annotation))];
        const std::string& value = annotation.value;
        if (!annotation.endpoint || value.size() != 2) {
            half.events.push_back(&annotation);
        } else if (isCore(value, "cs")) {
            half.kind = SpanKind::Client;
            cs = &annotation;
        } else if (isCore(value, "sr")) {
            half.kind = SpanKind::Server;
            sr = &annotation;
        } else if (isCore(value, "ss")) {
            half.kind = SpanKind::Server;
            ss = &annotation;
        } else if (isCore(value, "cr")) {
            half.kind = SpanKind::Client;
            cr = &annotation;
        } else if (isCore(value, "ms")) {
            half.kind = SpanKind::Producer;
            ms = &annotation;
        } else if (isCore(value, "mr")) {
            half.kind = SpanKind::Consumer;
            mr = &annotation;
        } else if (isCore(value, "ws")) {
            ws = &annotation;
        } else if (isCore(value, "wr")) {
            wr = &annotation;
        } else {
            half.events.push_back(&annotation);
        }
    }

    // The record's own timestamp and duration belong to the side that owns the span: the client.
    const auto maybeTimestampDuration = [&](const ZipkinAnnotation* begin, const ZipkinAnnotation* end) {
        Half& half = halves[forEndpoint(endpointOf(begin))];
        if (draft.timestampNs != 0 && draft.durationNs != 0)
            half.setTiming(draft.timestampNs, draft.durationNs);
        else
            half.setTiming(
                begin->timestampNs, end ? std::optional<int64_t>(end->timestampNs - begin->timestampNs) : std::nullopt);
    };
    std::optional<size_t> clientHalf, serverHalf, producerHalf, consumerHalf;
    if (cs || cr)
        clientHalf = forEndpoint(endpointOf(cs ? cs : cr));
    if (sr || ss)
        serverHalf = forEndpoint(endpointOf(sr ? sr : ss));
    if (ms)
        producerHalf = forEndpoint(endpointOf(ms));
    if (mr)
        consumerHalf = forEndpoint(endpointOf(mr));

    if (cs && sr) {
        maybeTimestampDuration(cs, cr);
        if (*clientHalf == *serverHalf) {
            // Loopback: one service called itself, and both sides still need their own span.
            halves[*clientHalf].kind = SpanKind::Client;
            Half& server = halves.emplace_back();
            server.local = endpointOf(sr);
            server.kind = SpanKind::Server;
            serverHalf = halves.size() - 1;
        }
        Half& server = halves[*serverHalf];
        server.shared = true;
        server.setTiming(
            sr->timestampNs, ss ? std::optional<int64_t>(ss->timestampNs - sr->timestampNs) : std::nullopt);
        if (!cr && draft.durationNs == 0)
            halves[*clientHalf].hasDuration = false;
    } else if (cs && cr) {
        maybeTimestampDuration(cs, cr);
    } else if (sr && ss) {
        maybeTimestampDuration(sr, ss);
    } else {
        // An incomplete RPC: the begin annotation is the start; a lone end annotation stays an event.
        for (Half& half : halves) {
            if (half.kind == SpanKind::Client) {
                if (cs)
                    half.setTiming(cs->timestampNs, std::nullopt);
                if (cr)
                    half.events.push_back(cr);
            } else if (half.kind == SpanKind::Server) {
                if (sr)
                    half.setTiming(sr->timestampNs, std::nullopt);
                if (ss)
                    half.events.push_back(ss);
            }
        }
    }
    // v1 had no shared flag: a server side without the span's timestamp did not own the span.
    if (!cs && sr && (draft.timestampNs == 0 || (ss && draft.durationNs == 0)))
        halves[*serverHalf].shared = true;

    if (ms && mr) {
        if (*producerHalf == *consumerHalf) {
            halves[*producerHalf].kind = SpanKind::Producer;
            Half& consumer = halves.emplace_back();
            consumer.local = endpointOf(mr);
            consumer.kind = SpanKind::Consumer;
            consumerHalf = halves.size() - 1;
        }
        Half& consumer = halves[*consumerHalf];
        consumer.shared = true;
        if (wr)
            consumer.setTiming(wr->timestampNs, mr->timestampNs - wr->timestampNs);
        else
            consumer.setTiming(mr->timestampNs, std::nullopt);
        halves[*producerHalf].setTiming(
            ms->timestampNs, ws ? std::optional<int64_t>(ws->timestampNs - ms->timestampNs) : std::nullopt);
    } else if (ms) {
        maybeTimestampDuration(ms, ws);
    } else if (mr) {
        maybeTimestampDuration(wr ? wr : mr, wr ? mr : nullptr);
    } else {
        if (ws)
            halves[forEndpoint(endpointOf(ws))].events.push_back(ws);
        if (wr)
            halves[forEndpoint(endpointOf(wr))].events.push_back(wr);
    }

    // Binary annotations: string values are tags of their host's span; "sa", "ca" and "ma" are addresses.
    const ZipkinEndpoint *ca = nullptr, *sa = nullptr, *ma = nullptr;
    for (const ZipkinBinaryAnnotation& annotation : draft.binaryAnnotations) {
        const std::string& key = annotation.key;
        const bool address = key.size() == 2 && (key == "ca" || key == "sa" || key == "ma");
        // Some zipkin-ruby versions wrote "1" or "true" for the address flag.
        const bool flagged = annotation.type == ZipkinBinaryAnnotation::Type::True
            || (annotation.type == ZipkinBinaryAnnotation::Type::String
                && (annotation.value == "1" || annotation.value == "true"));
        if (address && flagged) {
            if (annotation.endpoint)
                (key == "ca" ? ca : key == "sa" ? sa : ma) = &*annotation.endpoint;
            continue;
        }
        Half& half = halves[forEndpoint(annotation.endpoint ? &*annotation.endpoint : nullptr)];
        // "lc" names the local component; empty, it only says where the span ran.
        if (annotation.type == ZipkinBinaryAnnotation::Type::String && !(key == "lc" && annotation.value.empty()))
            half.tags.push_back(&annotation);
    }
    const bool noCore = !cs && !cr && !sr && !ss;
    if (noCore && (ca || sa)) {
        Half& half = halves[0];
        half.remote = sa ? sa : ca;
        if (half.kind == SpanKind::Unspecified)
            half.kind = sa ? SpanKind::Client : SpanKind::Server;
    } else {
        if (sa && clientHalf)
            halves[*clientHalf].remote = sa;
        if (ca && serverHalf)
            halves[*serverHalf].remote = ca;
    }
    if (ma) {
        if (producerHalf)
            halves[*producerHalf].remote = ma;
        if (consumerHalf)
            halves[*consumerHalf].remote = ma;
        if (!producerHalf && !consumerHalf)
            halves[0].remote = ma;
    }
    if (!halves[0].hasStart && draft.timestampNs != 0)
        halves[0].setTiming(
            draft.timestampNs, draft.durationNs != 0 ? std::optional<int64_t>(draft.durationNs) : std::nullopt);

    for (const Half& half : halves) {
        ZipkinSpan& span = out.emplace_back();
        span.shared = half.shared;
        SpanRecord& record = span.record;
        record = baseRecord(draft);
        record.kind = half.kind;
        record.resource = resourceFor(half.local);
        for (const ZipkinBinaryAnnotation* tag : half.tags)
            addTag(record, tag->key, tag->value);
        if (&half == &halves[0]) {
            for (const auto& [key, value] : draft.tags)
                addTag(record, key, value);
        }
        if (half.remote)
            addRemote(record, *half.remote);
        else if (&half == &halves[0] && draft.remoteEndpoint)
            addRemote(record, *draft.remoteEndpoint);
        std::vector<const ZipkinAnnotation*> events = half.events;
        std::stable_sort(events.begin(), events.end(),
            [](const ZipkinAnnotation* a, const ZipkinAnnotation* b) { return a->timestampNs < b->timestampNs; });
        for (const ZipkinAnnotation* annotation : events)
            addEvent(record, *annotation);
        record.startNs = half.startNs;
        record.durationNs = half.hasDuration ? std::max<int64_t>(half.durationNs, 0) : 0;
        finishTiming(record, half.hasStart, half.hasDuration, draft.position);
    }
}

} // namespace skein
