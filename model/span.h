// SPDX-License-Identifier: MIT
// The span model: one representation that holds the union of Jaeger, OTLP and Zipkin spans.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

// 128-bit trace id; Jaeger and Zipkin 64-bit ids have high == 0.
struct TraceId {
    uint64_t high = 0;
    uint64_t low = 0;

    bool isZero() const { return high == 0 && low == 0; }
    // Always 32 lower-case hex characters.
    std::string toHex() const;
    // Accepts 1..32 hex characters of either case, left-padded with zeros.
    static std::optional<TraceId> fromHex(std::string_view hex);
    // Big-endian: high then low, as OTLP and Jaeger's api_v2 bytes are laid out.
    static TraceId fromBytes(const unsigned char bytes[16]);
    void toBytes(unsigned char bytes[16]) const;

    friend auto operator<=>(const TraceId&, const TraceId&) = default;
};

struct TraceIdHash {
    size_t operator()(const TraceId& id) const
    {
        return std::hash<uint64_t>()(id.low ^ (id.high * 0x9E3779B97F4A7C15ull));
    }
};

using SpanId = uint64_t;
std::string spanIdToHex(SpanId id); // always 16 lower-case hex characters
std::optional<SpanId> spanIdFromHex(std::string_view hex); // 1..16 hex characters

enum class SpanKind : uint8_t { Unspecified = 0, Internal = 1, Server = 2, Client = 3, Producer = 4, Consumer = 5 };
enum class StatusCode : uint8_t { Unset = 0, Ok = 1, Error = 2 };
enum class LinkType : uint8_t { ChildOf = 0, FollowsFrom = 1 };

// Separates the two halves of a Zipkin RPC that share one span id; every other format uses Primary.
enum class SpanSide : uint8_t { Primary = 0, SharedServer = 1 };

std::string_view spanKindName(SpanKind kind); // "server", "client", ...; "" for Unspecified
std::string_view statusCodeName(StatusCode code); // "unset", "ok", "error"

struct Attribute;

struct AttributeValue {
    enum class Type : uint8_t { Empty, String, Bool, Int, Double, Bytes, Array, KeyValueList };

    Type type = Type::Empty;
    bool boolValue = false;
    int64_t intValue = 0;
    double doubleValue = 0;
    std::string text; // String and Bytes (raw bytes, not base64)
    std::vector<AttributeValue> array;
    std::vector<Attribute> keyValues;

    static AttributeValue fromString(std::string s);
    static AttributeValue fromBool(bool b);
    static AttributeValue fromInt(int64_t i);
    static AttributeValue fromDouble(double d);
    static AttributeValue fromBytes(std::string bytes);

    // Canonical text: strings as is, bools "true"/"false", ints in decimal, doubles in the shortest
    // form that round-trips, bytes in base64, arrays and lists as JSON. Used for tag search and display.
    std::string toText() const;

    friend bool operator==(const AttributeValue&, const AttributeValue&);
};

struct Attribute {
    std::string key;
    AttributeValue value;

    friend bool operator==(const Attribute&, const Attribute&) = default;
};

using Attributes = std::vector<Attribute>;

struct SpanEvent {
    int64_t timeNs = 0; // nanoseconds since the Unix epoch
    std::string name;
    Attributes attributes;
    uint32_t droppedAttributes = 0;

    friend bool operator==(const SpanEvent&, const SpanEvent&) = default;
};

// An OTLP link, a Jaeger reference other than the parent, or a reference into another trace.
struct SpanLink {
    TraceId traceId;
    SpanId spanId = 0;
    LinkType type = LinkType::FollowsFrom;
    std::string traceState;
    Attributes attributes;
    uint32_t flags = 0;
    uint32_t droppedAttributes = 0;

    friend bool operator==(const SpanLink&, const SpanLink&) = default;
};

// The process (Jaeger) or resource (OTLP) or local endpoint (Zipkin) that emitted a span.
// Shared by all spans of one process, so that a trace holds it once.
struct Resource {
    std::string serviceName;
    Attributes attributes;
    uint32_t droppedAttributes = 0;

    friend bool operator==(const Resource&, const Resource&) = default;
};

struct InstrumentationScope {
    std::string name;
    std::string version;
    Attributes attributes;
    uint32_t droppedAttributes = 0;

    friend bool operator==(const InstrumentationScope&, const InstrumentationScope&) = default;
};

struct SpanRecord {
    TraceId traceId;
    SpanId spanId = 0;
    SpanId parentSpanId = 0; // 0: no parent (a root, or the parent is in another trace: see links)
    SpanSide side = SpanSide::Primary;
    std::string name;
    // The service name, denormalised from the resource so that the writer need not look it up.
    std::string serviceName;
    SpanKind kind = SpanKind::Unspecified;
    int64_t startNs = 0; // nanoseconds since the Unix epoch; exact, never through double
    int64_t durationNs = 0;
    StatusCode status = StatusCode::Unset;
    std::string statusMessage;
    uint32_t flags = 0; // W3C trace flags and OTLP SpanFlags bits; Jaeger's sampled/debug bits
    std::string traceState;
    Attributes attributes;
    std::vector<SpanEvent> events;
    std::vector<SpanLink> links;
    std::shared_ptr<const Resource> resource;
    std::shared_ptr<const InstrumentationScope> scope;
    std::vector<std::string> warnings;
    uint32_t droppedAttributes = 0;
    uint32_t droppedEvents = 0;
    uint32_t droppedLinks = 0;

    int64_t endNs() const { return startNs + durationNs; }
    bool isError() const { return status == StatusCode::Error; }
};

} // namespace skein
