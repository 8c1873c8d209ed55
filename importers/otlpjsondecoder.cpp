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

// A member key folded to lower case without underscores, so that one comparison against a lowerCamelCase
// name accepts snake_case and other case spellings too. Too long keys match nothing.
class FoldedKey {
public:
    explicit FoldedKey(std::string_view key)
    {
        for (char c : key) {
            if (c == '_')
                continue;
            if (m_size == sizeof m_text) {
                m_overflow = true;
                return;
            }
            m_text[m_size++] = lowerAscii(c);
        }
    }
    bool matches(std::string_view camelName) const
    {
        if (m_overflow || camelName.size() != m_size)
            return false;
        for (size_t i = 0; i < m_size; ++i) {
            if (m_text[i] != lowerAscii(camelName[i]))
                return false;
        }
        return true;
    }

private:
    char m_text[32]; // only the first m_size are set
    size_t m_size = 0;
    bool m_overflow = false;
};

// The index of key in names (lowerCamelCase), or -1. Exact spellings, by far the most common, are
// found without folding.
template <size_t N> int memberIndex(std::string_view key, const std::array<std::string_view, N>& names)
{
    for (size_t i = 0; i < N; ++i) {
        if (key == names[i])
            return int(i);
    }
    const FoldedKey folded(key);
    for (size_t i = 0; i < N; ++i) {
        if (folded.matches(names[i]))
            return int(i);
    }
    return -1;
}

// The members of object named in names, in the order of names; null where absent. Unknown members
// are ignored, as the spec asks.
template <size_t N>
std::array<const JsonNode*, N> collectMembers(const JsonNode& object, const std::array<std::string_view, N>& names)
{
    std::array<const JsonNode*, N> found {};
    for (const JsonMember& member : object.members()) {
        const int index = memberIndex(member.key(), names);
        if (index >= 0 && !found[size_t(index)])
            found[size_t(index)] = &member.value;
    }
    return found;
}

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

    enum Field {
        TraceIdField,
        SpanIdField,
        ParentSpanIdField,
        NameField,
        KindField,
        StartField,
        EndField,
        AttributesField,
        StatusField,
        EventsField,
        LinksField,
        FlagsField,
        TraceStateField,
        DroppedAttributesField,
        DroppedEventsField,
        DroppedLinksField,
    };
    static constexpr std::array<std::string_view, 16> names { "traceId", "spanId", "parentSpanId", "name", "kind",
        "startTimeUnixNano", "endTimeUnixNano", "attributes", "status", "events", "links", "flags", "traceState",
        "droppedAttributesCount", "droppedEventsCount", "droppedLinksCount" };
    const auto fields = collectMembers(node, names);
    const JsonNode* const name = fields[NameField];

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

    if (!decodeIds(fields[TraceIdField], fields[SpanIdField], span)) {
        ++m_report.skippedRecords;
        return false;
    }
    m_spanWarnings = &span.warnings;

    if (const JsonNode* parentSpanId = fields[ParentSpanIdField]; !isNull(parentSpanId)) {
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

    decodeTimes(fields[StartField], fields[EndField], span);

    if (const JsonNode* kind = fields[KindField]; !isNull(kind)) {
        if (const auto value = enumValue(*kind, "SPAN_KIND_", kindNames))
            span.kind = SpanKind(*value);
        else
            warn("\"kind\" must be 0..5 or a name such as \"SPAN_KIND_SERVER\", found " + kind->describe());
    }
    if (!isNull(fields[StatusField]))
        decodeStatus(*fields[StatusField], span);
    span.flags = readFlags(fields[FlagsField], "flags");
    span.traceState = readString(fields[TraceStateField], "traceState");
    decodeAttributes(fields[AttributesField], span.attributes, "attribute");
    span.droppedAttributes = readCount(fields[DroppedAttributesField], "droppedAttributesCount");
    if (!isNull(fields[EventsField]))
        decodeEvents(*fields[EventsField], span.events);
    span.droppedEvents = readCount(fields[DroppedEventsField], "droppedEventsCount");
    if (!isNull(fields[LinksField]))
        decodeLinks(*fields[LinksField], span.links);
    span.droppedLinks = readCount(fields[DroppedLinksField], "droppedLinksCount");
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
    static constexpr std::array<std::string_view, 2> names { "code", "message" };
    const auto [code, message] = collectMembers(node, names);
    if (!isNull(code)) {
        if (const auto value = enumValue(*code, "STATUS_CODE_", statusNames))
            span.status = StatusCode(*value);
        else
            warn("status \"code\" must be 0, 1, 2 or a name such as \"STATUS_CODE_ERROR\", found " + code->describe());
    }
    span.statusMessage = readString(message, "status.message");
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
        static constexpr std::array<std::string_view, 4> names { "timeUnixNano", "name", "attributes",
            "droppedAttributesCount" };
        const auto [time, name, attributes, dropped] = collectMembers(element, names);
        event.name = readString(name, "events.name");
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
        static constexpr std::array<std::string_view, 6> names { "traceId", "spanId", "traceState", "attributes",
            "droppedAttributesCount", "flags" };
        const auto [traceId, spanId, traceState, attributes, dropped, flags] = collectMembers(element, names);
        link.traceState = readString(traceState, "links.traceState");
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
        static constexpr std::array<std::string_view, 2> names { "key", "value" };
        const auto [key, value] = collectMembers(element, names);
        if (!key || !key->isString()) {
            warn("each " + std::string(owner) + (outerKey.empty() ? "" : " " + quoted(outerKey) + " entry")
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

    enum Kind { StringValue, IntValue, BoolValue, DoubleValue, BytesValue, ArrayValue, KvlistValue, StringIndex };
    static constexpr std::array<std::string_view, 8> kinds { "stringValue", "intValue", "boolValue", "doubleValue",
        "bytesValue", "arrayValue", "kvlistValue", "stringValueStrindex" };
    const JsonMember* unknown = nullptr;
    for (const JsonMember& member : node.members()) {
        const JsonNode& value = member.value;
        const auto mismatch = [&](std::string_view expected) {
            warn(where() + ": \"" + std::string(member.key()) + "\" must be " + std::string(expected) + ", found "
                + value.describe() + (value.isString() ? "; kept as a string" : "; kept as an empty value"));
            if (value.isString()) {
                out.type = AttributeValue::Type::String;
                out.text.assign(value.string());
            }
        };
        switch (memberIndex(member.key(), kinds)) {
        case StringValue:
            // Assigned in place, without a temporary: this is the most common value of all.
            if (value.isString()) {
                out.type = AttributeValue::Type::String;
                out.text.assign(value.string());
            } else if (!value.isNull()) {
                mismatch("a string");
            }
            return;
        case IntValue:
            if (const auto number = value.toInt64()) {
                out.type = AttributeValue::Type::Int;
                out.intValue = *number;
            } else {
                mismatch("a 64-bit integer");
            }
            return;
        case BoolValue:
            if (value.isBool() || value.string() == "true" || value.string() == "false") {
                out.type = AttributeValue::Type::Bool;
                out.boolValue = value.isBool() ? value.boolValue() : value.string() == "true";
            } else {
                mismatch("true or false");
            }
            return;
        case DoubleValue:
            if (const auto number = value.toDouble()) {
                out.type = AttributeValue::Type::Double;
                out.doubleValue = *number;
            } else {
                mismatch("a number");
            }
            return;
        case BytesValue:
            if (auto bytes = value.isString() ? decodeBase64(value.string()) : std::nullopt) {
                out.type = AttributeValue::Type::Bytes;
                out.text = std::move(*bytes);
            } else {
                mismatch("base64");
            }
            return;
        case ArrayValue: {
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
        case KvlistValue: {
            out.type = AttributeValue::Type::KeyValueList;
            const JsonNode* values = value.isArray() ? &value : value.findLoose("values");
            decodeAttributes(values, out.keyValues, owner, key);
            return;
        }
        case StringIndex:
            // Interned strings exist only in profiles; for traces they carry nothing.
            continue;
        default:
            if (!unknown)
                unknown = &member;
        }
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
    static constexpr std::array<std::string_view, 2> names { "attributes", "droppedAttributesCount" };
    const auto [attributes, dropped] = collectMembers(node, names);
    decodeAttributes(attributes, resource->attributes, "attribute");
    resource->droppedAttributes = readCount(dropped, "droppedAttributesCount");
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
    static constexpr std::array<std::string_view, 4> names { "name", "version", "attributes",
        "droppedAttributesCount" };
    const auto [name, version, attributes, dropped] = collectMembers(node, names);
    scope->name = readString(name, "name");
    scope->version = readString(version, "version");
    decodeAttributes(attributes, scope->attributes, "attribute");
    scope->droppedAttributes = readCount(dropped, "droppedAttributesCount");
    if (scope->name.empty() && scope->version.empty() && scope->attributes.empty() && scope->droppedAttributes == 0)
        return nullptr;
    return scope;
}

} // namespace skein
