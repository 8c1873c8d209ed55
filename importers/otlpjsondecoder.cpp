// SPDX-License-Identifier: MIT
#include "otlpjsondecoder.h"

#include "idcodec.h"
#include "jsonnode.h"

#include <array>
#include <limits>

namespace skein {

namespace {

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// A member key folded to lower case without underscores, so that one comparison against the folded
// name accepts lowerCamelCase, snake_case and upper-case spellings. Too long keys match nothing.
class FoldedKey {
public:
    explicit FoldedKey(std::string_view key)
    {
        for (char c : key) {
            if (c == '_')
                continue;
            if (m_size == m_text.size()) {
                m_size = 0;
                m_overflow = true;
                return;
            }
            m_text[m_size++] = lowerAscii(c);
        }
    }
    bool operator==(std::string_view folded) const
    {
        return !m_overflow && std::string_view(m_text.data(), m_size) == folded;
    }

private:
    std::array<char, 32> m_text {};
    size_t m_size = 0;
    bool m_overflow = false;
};

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    }
    return true;
}

bool isNull(const JsonNode* node)
{
    return !node || node->isNull();
}

std::string quoted(std::string_view text)
{
    if (text.size() > 60)
        return "\"" + std::string(text.substr(0, 57)) + "...\"";
    return "\"" + std::string(text) + "\"";
}

// Enum values as the spec writes them (numbers) and as protobuf JSON writers do ("SPAN_KIND_SERVER");
// also the bare name ("SERVER", "server").
template <size_t N>
std::optional<int> enumValue(
    const JsonNode& node, std::string_view prefix, const std::array<std::string_view, N>& names)
{
    if (const auto number = node.toInt64()) {
        if (*number >= 0 && *number < int64_t(N))
            return int(*number);
        return std::nullopt;
    }
    std::string_view text = node.string();
    if (text.size() > prefix.size() && equalsIgnoringCase(text.substr(0, prefix.size()), prefix))
        text.remove_prefix(prefix.size());
    for (size_t i = 0; i < N; ++i) {
        if (equalsIgnoringCase(text, names[i]))
            return int(i);
    }
    return std::nullopt;
}

constexpr std::array<std::string_view, 6> kindNames { "unspecified", "internal", "server", "client", "producer",
    "consumer" };
constexpr std::array<std::string_view, 3> statusNames { "unset", "ok", "error" };

} // namespace

OtlpJsonDecoder::OtlpJsonDecoder(ImportReport& report)
    : m_report(report)
{
}

void OtlpJsonDecoder::warn(std::string_view problem)
{
    m_report.warn(m_context + ": " + std::string(problem), m_position);
    if (m_spanWarnings)
        m_spanWarnings->emplace_back(problem);
}

bool OtlpJsonDecoder::decodeSpan(const JsonNode& node, const SourcePosition& position, SpanRecord& span)
{
    m_position = position;
    m_spanWarnings = nullptr;
    if (!node.isObject()) {
        m_report.warn("a span must be an object, found " + node.describe() + "; it was skipped", position);
        ++m_report.skippedRecords;
        return false;
    }

    const JsonNode* traceId = nullptr;
    const JsonNode* spanId = nullptr;
    const JsonNode* parentSpanId = nullptr;
    const JsonNode* traceState = nullptr;
    const JsonNode* flags = nullptr;
    const JsonNode* name = nullptr;
    const JsonNode* kind = nullptr;
    const JsonNode* start = nullptr;
    const JsonNode* end = nullptr;
    const JsonNode* attributes = nullptr;
    const JsonNode* droppedAttributes = nullptr;
    const JsonNode* events = nullptr;
    const JsonNode* droppedEvents = nullptr;
    const JsonNode* links = nullptr;
    const JsonNode* droppedLinks = nullptr;
    const JsonNode* status = nullptr;
    // One pass over the members; unknown fields are ignored as the spec asks.
    for (const JsonMember& member : node.members()) {
        const FoldedKey key(member.key());
        const JsonNode* value = &member.value;
        if (key == "traceid")
            traceId = value;
        else if (key == "spanid")
            spanId = value;
        else if (key == "parentspanid")
            parentSpanId = value;
        else if (key == "name")
            name = value;
        else if (key == "kind")
            kind = value;
        else if (key == "starttimeunixnano")
            start = value;
        else if (key == "endtimeunixnano")
            end = value;
        else if (key == "attributes")
            attributes = value;
        else if (key == "status")
            status = value;
        else if (key == "events")
            events = value;
        else if (key == "links")
            links = value;
        else if (key == "flags")
            flags = value;
        else if (key == "tracestate")
            traceState = value;
        else if (key == "droppedattributescount")
            droppedAttributes = value;
        else if (key == "droppedeventscount")
            droppedEvents = value;
        else if (key == "droppedlinkscount")
            droppedLinks = value;
    }

    // Reuses m_context's buffer: this runs for every span.
    m_context.assign("span ");
    if (name && name->isString()) {
        span.name.assign(name->string());
        m_context.push_back('"');
        m_context.append(span.name.size() > 60 ? std::string_view(span.name).substr(0, 57) : span.name);
        m_context.append(span.name.size() > 60 ? "...\"" : "\"");
    } else {
        m_context += "without a name";
        if (!isNull(name))
            m_report.warn("span \"name\" must be a string, found " + name->describe(), position);
    }

    if (!decodeIds(traceId, spanId, span)) {
        ++m_report.skippedRecords;
        return false;
    }
    m_spanWarnings = &span.warnings;

    if (!isNull(parentSpanId)) {
        const std::string_view text = parentSpanId->string();
        if (!parentSpanId->isString()) {
            warn("\"parentSpanId\" must be a string, found " + parentSpanId->describe() + "; the parent was dropped");
        } else if (!text.empty()) {
            if (const auto parent = decodeSpanId(text))
                span.parentSpanId = *parent;
            else
                warn("\"parentSpanId\" must be 16 hex digits or the base64 of 8 bytes, found "
                    + parentSpanId->describe() + "; the parent was dropped");
        }
    }

    decodeTimes(start, end, span);

    if (!isNull(kind)) {
        if (const auto value = enumValue(*kind, "SPAN_KIND_", kindNames))
            span.kind = SpanKind(*value);
        else
            warn("\"kind\" must be 0..5 or a name such as \"SPAN_KIND_SERVER\", found " + kind->describe());
    }
    if (!isNull(status))
        decodeStatus(*status, span);
    span.flags = readFlags(flags, "flags");
    span.traceState = readString(traceState, "traceState");
    decodeAttributes(attributes, span.attributes, "attribute");
    span.droppedAttributes = readCount(droppedAttributes, "droppedAttributesCount");
    if (!isNull(events))
        decodeEvents(*events, span.events);
    span.droppedEvents = readCount(droppedEvents, "droppedEventsCount");
    if (!isNull(links))
        decodeLinks(*links, span.links);
    span.droppedLinks = readCount(droppedLinks, "droppedLinksCount");
    m_spanWarnings = nullptr;
    return true;
}

// Absent or "" ids are the proto3 default for "not set" (fixtures write them): such a span is kept
// with the zero id. Ids that are present but unreadable, or explicitly all zeros, skip the span.
bool OtlpJsonDecoder::decodeIds(const JsonNode* traceId, const JsonNode* spanId, SpanRecord& span)
{
    if (isNull(traceId) || (traceId->isString() && traceId->string().empty())) {
        m_report.warn(m_context + " has no \"traceId\"; it was kept with the all-zero id", m_position);
    } else {
        const auto trace = decodeTraceId(traceId->string());
        if (!trace) {
            m_report.warn(m_context + ": \"traceId\" must be 32 hex digits or the base64 of 16 bytes, found "
                    + traceId->describe() + "; the span was skipped",
                m_position);
            return false;
        }
        if (trace->isZero()) {
            m_report.warn(
                m_context + ": \"traceId\" is all zeros, which is not a valid id; the span was skipped", m_position);
            return false;
        }
        span.traceId = *trace;
    }
    if (isNull(spanId) || (spanId->isString() && spanId->string().empty())) {
        m_report.warn(m_context + " has no \"spanId\"; it was kept with the all-zero id", m_position);
    } else {
        const auto id = decodeSpanId(spanId->string());
        if (!id) {
            m_report.warn(m_context + ": \"spanId\" must be 16 hex digits or the base64 of 8 bytes, found "
                    + spanId->describe() + "; the span was skipped",
                m_position);
            return false;
        }
        if (*id == 0) {
            m_report.warn(
                m_context + ": \"spanId\" is all zeros, which is not a valid id; the span was skipped", m_position);
            return false;
        }
        span.spanId = *id;
    }
    return true;
}

bool OtlpJsonDecoder::readTime(const JsonNode& node, std::string_view field, int64_t& out)
{
    if (const auto value = node.toInt64()) {
        out = *value;
        return true;
    }
    if (node.toUint64())
        warn("\"" + std::string(field) + "\" (" + node.describe()
            + ") is beyond the year 2262: it does not fit a signed 64-bit nanosecond count; read as 0");
    else
        warn("\"" + std::string(field) + "\" must be nanoseconds since 1970 as a decimal string or number, found "
            + node.describe() + "; read as 0");
    out = 0;
    return false;
}

void OtlpJsonDecoder::decodeTimes(const JsonNode* start, const JsonNode* end, SpanRecord& span)
{
    int64_t startNs = 0;
    int64_t endNs = 0;
    bool haveStart = false;
    bool haveEnd = false;
    if (isNull(start))
        warn("no \"startTimeUnixNano\"; the start was read as 0 (1970)");
    else
        haveStart = readTime(*start, "startTimeUnixNano", startNs);
    if (isNull(end)) {
        if (haveStart)
            warn("no \"endTimeUnixNano\"; the duration was read as 0");
    } else {
        haveEnd = readTime(*end, "endTimeUnixNano", endNs);
    }
    span.startNs = startNs;
    span.durationNs = 0;
    if (!haveStart || !haveEnd)
        return;
    int64_t duration = 0;
    if (__builtin_sub_overflow(endNs, startNs, &duration) || duration < 0) {
        warn("it ends (" + std::to_string(endNs) + ") before it starts (" + std::to_string(startNs)
            + "); the duration was read as 0");
        return;
    }
    span.durationNs = duration;
}

uint32_t OtlpJsonDecoder::readCount(const JsonNode* node, std::string_view field)
{
    if (isNull(node))
        return 0;
    if (const auto value = node->toInt64()) {
        if (*value < 0) {
            warn("\"" + std::string(field) + "\" must not be negative, found " + node->describe() + "; read as 0");
            return 0;
        }
        return *value > int64_t(std::numeric_limits<uint32_t>::max()) ? std::numeric_limits<uint32_t>::max()
                                                                      : uint32_t(*value);
    }
    warn("\"" + std::string(field) + "\" must be a count, found " + node->describe() + "; read as 0");
    return 0;
}

uint32_t OtlpJsonDecoder::readFlags(const JsonNode* node, std::string_view field)
{
    if (isNull(node))
        return 0;
    if (const auto value = node->toUint64(); value && *value <= std::numeric_limits<uint32_t>::max())
        return uint32_t(*value);
    warn("\"" + std::string(field) + "\" must be a 32-bit unsigned number, found " + node->describe() + "; read as 0");
    return 0;
}

std::string OtlpJsonDecoder::readString(const JsonNode* node, std::string_view field)
{
    if (isNull(node))
        return {};
    if (!node->isString()) {
        warn("\"" + std::string(field) + "\" must be a string, found " + node->describe() + "; it was ignored");
        return {};
    }
    return std::string(node->string());
}

void OtlpJsonDecoder::decodeStatus(const JsonNode& node, SpanRecord& span)
{
    if (!node.isObject()) {
        warn("\"status\" must be an object, found " + node.describe() + "; it was ignored");
        return;
    }
    // "deprecatedCode" (OTLP before 0.9) is ignored: every writer of it also wrote "code".
    for (const JsonMember& member : node.members()) {
        const FoldedKey key(member.key());
        if (key == "code") {
            if (member.value.isNull())
                continue;
            if (const auto value = enumValue(member.value, "STATUS_CODE_", statusNames))
                span.status = StatusCode(*value);
            else
                warn("status \"code\" must be 0, 1, 2 or a name such as \"STATUS_CODE_ERROR\", found "
                    + member.value.describe());
        } else if (key == "message") {
            span.statusMessage = readString(&member.value, "status.message");
        }
    }
}

void OtlpJsonDecoder::decodeEvents(const JsonNode& node, std::vector<SpanEvent>& events)
{
    if (!node.isArray()) {
        warn("\"events\" must be an array, found " + node.describe() + "; they were ignored");
        return;
    }
    events.reserve(node.elements().size());
    for (const JsonNode& element : node.elements()) {
        if (!element.isObject()) {
            warn("an event must be an object, found " + element.describe() + "; it was dropped");
            continue;
        }
        SpanEvent& event = events.emplace_back();
        const JsonNode* attributes = nullptr;
        const JsonNode* time = nullptr;
        const JsonNode* dropped = nullptr;
        for (const JsonMember& member : element.members()) {
            const FoldedKey key(member.key());
            if (key == "timeunixnano")
                time = &member.value;
            else if (key == "name")
                event.name = readString(&member.value, "events.name");
            else if (key == "attributes")
                attributes = &member.value;
            else if (key == "droppedattributescount")
                dropped = &member.value;
        }
        if (isNull(time))
            warn((event.name.empty() ? std::string("an event without a name") : "event " + quoted(event.name))
                + " has no \"timeUnixNano\"; read as 0 (1970)");
        else
            readTime(*time, "timeUnixNano", event.timeNs);
        decodeAttributes(attributes, event.attributes, "event attribute");
        event.droppedAttributes = readCount(dropped, "events.droppedAttributesCount");
    }
}

void OtlpJsonDecoder::decodeLinks(const JsonNode& node, std::vector<SpanLink>& links)
{
    if (!node.isArray()) {
        warn("\"links\" must be an array, found " + node.describe() + "; they were ignored");
        return;
    }
    links.reserve(node.elements().size());
    for (const JsonNode& element : node.elements()) {
        if (!element.isObject()) {
            warn("a link must be an object, found " + element.describe() + "; it was dropped");
            continue;
        }
        SpanLink link;
        link.type = LinkType::FollowsFrom;
        const JsonNode* traceId = nullptr;
        const JsonNode* spanId = nullptr;
        const JsonNode* attributes = nullptr;
        const JsonNode* dropped = nullptr;
        const JsonNode* flags = nullptr;
        for (const JsonMember& member : element.members()) {
            const FoldedKey key(member.key());
            if (key == "traceid")
                traceId = &member.value;
            else if (key == "spanid")
                spanId = &member.value;
            else if (key == "tracestate")
                link.traceState = readString(&member.value, "links.traceState");
            else if (key == "attributes")
                attributes = &member.value;
            else if (key == "droppedattributescount")
                dropped = &member.value;
            else if (key == "flags")
                flags = &member.value;
        }
        const auto trace = traceId ? decodeTraceId(traceId->string()) : std::nullopt;
        if (!trace || trace->isZero()) {
            warn("a link's \"traceId\" must be 32 hex digits or the base64 of 16 bytes (not all zeros), found "
                + (traceId ? traceId->describe() : std::string("nothing")) + "; the link was dropped");
            continue;
        }
        const auto id = spanId ? decodeSpanId(spanId->string()) : std::nullopt;
        if (!id || *id == 0) {
            warn("a link's \"spanId\" must be 16 hex digits or the base64 of 8 bytes (not all zeros), found "
                + (spanId ? spanId->describe() : std::string("nothing")) + "; the link was dropped");
            continue;
        }
        link.traceId = *trace;
        link.spanId = *id;
        decodeAttributes(attributes, link.attributes, "link attribute");
        link.droppedAttributes = readCount(dropped, "links.droppedAttributesCount");
        link.flags = readFlags(flags, "links.flags");
        links.push_back(std::move(link));
    }
}

void OtlpJsonDecoder::decodeAttributes(
    const JsonNode* node, Attributes& out, std::string_view owner, std::string_view outerKey)
{
    if (isNull(node))
        return;
    if (!node->isArray()) {
        warn(std::string(owner) + "s must be an array of {\"key\", \"value\"}, found " + node->describe()
            + "; they were ignored");
        return;
    }
    out.reserve(out.size() + node->elements().size());
    for (const JsonNode& element : node->elements()) {
        const JsonNode* key = nullptr;
        const JsonNode* value = nullptr;
        for (const JsonMember& member : element.members()) {
            const FoldedKey folded(member.key());
            if (folded == "key")
                key = &member.value;
            else if (folded == "value")
                value = &member.value;
        }
        if (!key || !key->isString()) {
            warn(std::string(owner) + (outerKey.empty() ? "" : " " + quoted(outerKey) + " entry")
                + " must be an object with a string \"key\", found "
                + (key ? "a key that is " + key->describe() : element.describe()) + "; it was dropped");
            continue;
        }
        Attribute& attribute = out.emplace_back();
        attribute.key.assign(key->string());
        if (value)
            decodeAnyValue(*value, attribute.value, owner, outerKey.empty() ? key->string() : outerKey);
    }
}

void OtlpJsonDecoder::decodeAnyValue(
    const JsonNode& node, AttributeValue& out, std::string_view owner, std::string_view key)
{
    // Messages are built only when needed: this runs for every attribute.
    const auto where = [owner, key] { return std::string(owner) + " " + quoted(key); };
    // Lenient: a bare scalar where an AnyValue object belongs.
    switch (node.type()) {
    case JsonNode::Type::Null:
        return;
    case JsonNode::Type::Bool:
        out = AttributeValue::fromBool(node.boolValue());
        return;
    case JsonNode::Type::Int:
        out = AttributeValue::fromInt(*node.toInt64());
        return;
    case JsonNode::Type::Uint:
    case JsonNode::Type::Double:
        out = AttributeValue::fromDouble(*node.toDouble());
        return;
    case JsonNode::Type::String:
        out = AttributeValue::fromString(std::string(node.string()));
        return;
    case JsonNode::Type::Array:
        warn(where()
            + ": the value must be an object such as {\"stringValue\": ...}, found an array; "
              "kept as an empty value");
        return;
    case JsonNode::Type::Object:
        break;
    }

    const JsonMember* unknown = nullptr;
    for (const JsonMember& member : node.members()) {
        const JsonNode& value = member.value;
        const FoldedKey valueKey(member.key());
        const auto mismatch = [&](std::string_view expected) {
            warn(where() + ": \"" + std::string(member.key()) + "\" must be " + std::string(expected) + ", found "
                + value.describe() + (value.isString() ? "; kept as a string" : "; kept as an empty value"));
            if (value.isString())
                out = AttributeValue::fromString(std::string(value.string()));
        };
        if (valueKey == "stringvalue") {
            if (value.isString())
                out = AttributeValue::fromString(std::string(value.string()));
            else if (!value.isNull())
                mismatch("a string");
            return;
        }
        if (valueKey == "intvalue") {
            if (const auto number = value.toInt64())
                out = AttributeValue::fromInt(*number);
            else
                mismatch("a 64-bit integer");
            return;
        }
        if (valueKey == "boolvalue") {
            if (value.isBool())
                out = AttributeValue::fromBool(value.boolValue());
            else if (value.string() == "true" || value.string() == "false")
                out = AttributeValue::fromBool(value.string() == "true");
            else
                mismatch("true or false");
            return;
        }
        if (valueKey == "doublevalue") {
            if (const auto number = value.toDouble())
                out = AttributeValue::fromDouble(*number);
            else
                mismatch("a number");
            return;
        }
        if (valueKey == "bytesvalue") {
            if (auto bytes = value.isString() ? decodeBase64(value.string()) : std::nullopt)
                out = AttributeValue::fromBytes(std::move(*bytes));
            else
                mismatch("base64");
            return;
        }
        if (valueKey == "arrayvalue") {
            out.type = AttributeValue::Type::Array;
            const JsonNode* values = value.isArray() ? &value : value.findLoose("values");
            if (isNull(values))
                return;
            if (!values->isArray()) {
                warn(where() + ": arrayValue \"values\" must be an array, found " + values->describe());
                return;
            }
            out.array.resize(values->elements().size());
            for (size_t i = 0; i < out.array.size(); ++i)
                decodeAnyValue(values->elements()[i], out.array[i], owner, key);
            return;
        }
        if (valueKey == "kvlistvalue") {
            out.type = AttributeValue::Type::KeyValueList;
            const JsonNode* values = value.isArray() ? &value : value.findLoose("values");
            decodeAttributes(values, out.keyValues, owner, key);
            return;
        }
        // Interned strings exist only in profiles; for traces they carry nothing.
        if (valueKey == "stringvaluestrindex")
            continue;
        if (!unknown)
            unknown = &member;
    }
    if (unknown)
        warn(where() + ": unknown value type \"" + std::string(unknown->key())
            + "\" (expected stringValue, intValue, doubleValue, boolValue, bytesValue, arrayValue or kvlistValue); "
              "kept as an empty value");
}

std::shared_ptr<const Resource> OtlpJsonDecoder::decodeResource(const JsonNode& node, const SourcePosition& position)
{
    m_position = position;
    m_context = "resource";
    m_spanWarnings = nullptr;
    auto resource = std::make_shared<Resource>();
    if (!node.isObject()) {
        if (!node.isNull())
            warn("it must be an object, found " + node.describe() + "; it was ignored");
        return resource;
    }
    for (const JsonMember& member : node.members()) {
        const FoldedKey key(member.key());
        if (key == "attributes")
            decodeAttributes(&member.value, resource->attributes, "attribute");
        else if (key == "droppedattributescount")
            resource->droppedAttributes = readCount(&member.value, "droppedAttributesCount");
    }
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

std::shared_ptr<const InstrumentationScope> OtlpJsonDecoder::decodeScope(
    const JsonNode& node, const SourcePosition& position)
{
    m_position = position;
    m_context = "instrumentation scope";
    m_spanWarnings = nullptr;
    if (!node.isObject()) {
        if (!node.isNull())
            warn("it must be an object, found " + node.describe() + "; it was ignored");
        return nullptr;
    }
    auto scope = std::make_shared<InstrumentationScope>();
    for (const JsonMember& member : node.members()) {
        const FoldedKey key(member.key());
        if (key == "name")
            scope->name = readString(&member.value, "name");
        else if (key == "version")
            scope->version = readString(&member.value, "version");
        else if (key == "attributes")
            decodeAttributes(&member.value, scope->attributes, "attribute");
        else if (key == "droppedattributescount")
            scope->droppedAttributes = readCount(&member.value, "droppedAttributesCount");
    }
    if (scope->name.empty() && scope->version.empty() && scope->attributes.empty() && scope->droppedAttributes == 0)
        return nullptr;
    return scope;
}

} // namespace skein
