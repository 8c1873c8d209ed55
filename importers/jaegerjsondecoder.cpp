// SPDX-License-Identifier: MIT
#include "jaegerjsondecoder.h"

#include "idcodec.h"
#include "jaegertime.h"
#include "jsonnode.h"

#include <charconv>

namespace skein {

namespace {

// Bounds the caches on hostile input (a distinct process in every span).
constexpr size_t maxSharedProcesses = 4096;
constexpr size_t maxSharedScopes = 256;

enum class ValueKind { Unknown, String, Bool, Int64, Float64, Binary };

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
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

// Lower case without underscores, so "v_type", "vType" and "VTYPE" compare equal; empty when too long.
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

ValueKind kindFromName(std::string_view name)
{
    // Jaeger writes lower case; the case-insensitive comparisons are for hand-made files.
    if (name == "string")
        return ValueKind::String;
    if (name == "int64")
        return ValueKind::Int64;
    if (equalsIgnoringCase(name, "string"))
        return ValueKind::String;
    if (equalsIgnoringCase(name, "bool"))
        return ValueKind::Bool;
    if (equalsIgnoringCase(name, "int64"))
        return ValueKind::Int64;
    if (equalsIgnoringCase(name, "float64"))
        return ValueKind::Float64;
    if (equalsIgnoringCase(name, "binary"))
        return ValueKind::Binary;
    return ValueKind::Unknown;
}

// The model's vType: an enum name or its number (STRING = 0 ... BINARY = 4).
ValueKind kindFromVType(const JsonNode& node)
{
    if (node.isString())
        return kindFromName(node.string());
    const auto number = node.toInt64();
    if (!number || *number < 0 || *number > 4)
        return ValueKind::Unknown;
    static constexpr ValueKind kinds[]
        = { ValueKind::String, ValueKind::Bool, ValueKind::Int64, ValueKind::Float64, ValueKind::Binary };
    return kinds[*number];
}

std::string numberText(const JsonNode& node)
{
    if (const auto i = node.toInt64(); i && node.type() != JsonNode::Type::Double)
        return std::to_string(*i);
    if (node.type() == JsonNode::Type::Uint)
        return std::to_string(*node.toUint64());
    return AttributeValue::fromDouble(node.toDouble().value_or(0)).toText();
}

// Any JSON value as an attribute, by its own JSON type; arrays and objects keep their structure.
AttributeValue valueFromJson(const JsonNode& node)
{
    switch (node.type()) {
    case JsonNode::Type::Null:
        return {};
    case JsonNode::Type::Bool:
        return AttributeValue::fromBool(node.boolValue());
    case JsonNode::Type::Int:
        return AttributeValue::fromInt(*node.toInt64());
    case JsonNode::Type::Uint:
        return AttributeValue::fromString(numberText(node));
    case JsonNode::Type::Double:
        return AttributeValue::fromDouble(*node.toDouble());
    case JsonNode::Type::String:
        return AttributeValue::fromString(std::string(node.string()));
    case JsonNode::Type::Array: {
        AttributeValue value;
        value.type = AttributeValue::Type::Array;
        for (const JsonNode& element : node.elements())
            value.array.push_back(valueFromJson(element));
        return value;
    }
    case JsonNode::Type::Object: {
        AttributeValue value;
        value.type = AttributeValue::Type::KeyValueList;
        for (const JsonMember& member : node.members())
            value.keyValues.push_back({ std::string(member.key()), valueFromJson(member.value) });
        return value;
    }
    }
    return {};
}

std::string_view kindName(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Bool:
        return "bool";
    case ValueKind::Int64:
        return "int64";
    case ValueKind::Float64:
        return "float64";
    case ValueKind::Binary:
        return "binary";
    default:
        return "string";
    }
}

// Converts node (null: the field was omitted, which proto3 does for default values) to kind.
// A value that does not fit its kind is kept by its JSON type, and problem says so.
AttributeValue convertValue(ValueKind kind, const JsonNode* node, std::string& problem)
{
    switch (kind) {
    case ValueKind::Unknown:
        return node ? valueFromJson(*node) : AttributeValue::fromString({});
    case ValueKind::String:
        if (!node)
            return AttributeValue::fromString({});
        if (node->isString())
            return AttributeValue::fromString(std::string(node->string()));
        if (node->isNumber())
            return AttributeValue::fromString(numberText(*node));
        if (node->isBool())
            return AttributeValue::fromString(node->boolValue() ? "true" : "false");
        break;
    case ValueKind::Bool:
        if (!node)
            return AttributeValue::fromBool(false);
        if (node->isBool())
            return AttributeValue::fromBool(node->boolValue());
        // Real files carry bool tags whose value is the string "true".
        if (node->isString()
            && (equalsIgnoringCase(node->string(), "true") || equalsIgnoringCase(node->string(), "false")))
            return AttributeValue::fromBool(equalsIgnoringCase(node->string(), "true"));
        if (const auto number = node->toInt64(); number && node->isNumber() && (*number == 0 || *number == 1))
            return AttributeValue::fromBool(*number == 1);
        break;
    case ValueKind::Int64:
        if (!node)
            return AttributeValue::fromInt(0);
        // Beyond 2^53 Jaeger writes int64 values as strings; toInt64 reads both exactly.
        if (const auto number = node->toInt64())
            return AttributeValue::fromInt(*number);
        break;
    case ValueKind::Float64:
        if (!node)
            return AttributeValue::fromDouble(0);
        if (const auto number = node->toDouble())
            return AttributeValue::fromDouble(*number);
        break;
    case ValueKind::Binary:
        if (!node)
            return AttributeValue::fromBytes({});
        if (node->isString()) {
            if (auto bytes = decodeBase64(node->string()))
                return AttributeValue::fromBytes(std::move(*bytes));
            problem = "is not base64; kept as a string";
            return AttributeValue::fromString(std::string(node->string()));
        }
        break;
    }
    problem = std::string("is declared ") + std::string(kindName(kind)) + " but holds " + node->describe()
        + "; kept as found";
    return valueFromJson(*node);
}

// convertValue into out, with the common case (a string) written in place.
void assignValue(ValueKind kind, const JsonNode* node, AttributeValue& out, std::string& problem)
{
    if (node && node->isString() && (kind == ValueKind::String || kind == ValueKind::Unknown)) {
        out.type = AttributeValue::Type::String;
        out.text.assign(node->string());
        return;
    }
    out = convertValue(kind, node, problem);
}

SpanKind kindFromTag(std::string_view text, bool& known)
{
    known = true;
    if (equalsIgnoringCase(text, "server"))
        return SpanKind::Server;
    if (equalsIgnoringCase(text, "client"))
        return SpanKind::Client;
    if (equalsIgnoringCase(text, "producer"))
        return SpanKind::Producer;
    if (equalsIgnoringCase(text, "consumer"))
        return SpanKind::Consumer;
    if (equalsIgnoringCase(text, "internal"))
        return SpanKind::Internal;
    known = false;
    return SpanKind::Unspecified;
}

uint64_t fnv1a(std::string_view text, uint64_t basis)
{
    uint64_t hash = basis;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

bool isDecimal(std::string_view text)
{
    if (!text.empty() && text.front() == '-')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// The OTel facts that the translation to Jaeger turned into tags.
struct OtelTags {
    bool statusFromTag = false;
    bool errorTag = false;
    std::string scopeName;
    std::string scopeVersion;
};

// Moves an OTel-origin tag into its span field; false when it stays an attribute.
bool absorbOtelTag(Attribute& tag, SpanRecord& span, OtelTags& otel)
{
    const std::string& key = tag.key;
    const AttributeValue& value = tag.value;
    const bool isString = value.type == AttributeValue::Type::String;
    if (key == "span.kind" && isString) {
        bool known = false;
        const SpanKind kind = kindFromTag(value.text, known);
        if (known)
            span.kind = kind;
        return known;
    }
    if (key == "error") {
        // The tag stays: Jaeger users search for error=true.
        otel.errorTag = otel.errorTag || (value.type == AttributeValue::Type::Bool && value.boolValue)
            || (isString && equalsIgnoringCase(value.text, "true"));
        return false;
    }
    if (key.size() < 9 || !(key.starts_with("otel.") || key.starts_with("w3c.")))
        return false;
    if (key == "otel.status_code" && isString) {
        if (equalsIgnoringCase(value.text, "OK"))
            span.status = StatusCode::Ok;
        else if (equalsIgnoringCase(value.text, "ERROR"))
            span.status = StatusCode::Error;
        else if (equalsIgnoringCase(value.text, "UNSET"))
            span.status = StatusCode::Unset;
        else
            return false;
        otel.statusFromTag = true;
        return true;
    }
    if (key == "otel.status_description" && isString) {
        span.statusMessage = value.text;
        return true;
    }
    if (key == "w3c.tracestate" && isString) {
        span.traceState = value.text;
        return true;
    }
    if ((key == "otel.scope.name" || key == "otel.library.name") && isString) {
        otel.scopeName = value.text;
        return true;
    }
    if ((key == "otel.scope.version" || key == "otel.library.version") && isString) {
        otel.scopeVersion = value.text;
        return true;
    }
    return false;
}

} // namespace

JaegerJsonDecoder::JaegerJsonDecoder(ImportReport& report)
    : m_report(report)
{
}

void JaegerJsonDecoder::warn(std::string message, const SourcePosition& position)
{
    m_report.warn(std::move(message), position);
}

void JaegerJsonDecoder::noteHashedId(std::string_view field, std::string_view text, const SourcePosition& position)
{
    if (m_warnedHashedId)
        return;
    m_warnedHashedId = true;
    warn("\"" + std::string(field) + "\" \"" + std::string(text.substr(0, 40))
            + "\" is neither hex nor base64; such ids were replaced by stable ids derived from their text",
        position);
}

std::optional<TraceId> JaegerJsonDecoder::decodeTraceId(
    const JsonNode& node, bool model, const SourcePosition& position, std::string& problem)
{
    std::optional<TraceId> id;
    if (node.isString()) {
        const std::string_view text = node.string();
        if (text.empty()) {
            problem = "must not be empty";
            return std::nullopt;
        }
        if (model && text.size() >= 22 && text.size() <= 24) {
            if (const auto bytes = decodeBase64(text); bytes && bytes->size() == 16)
                id = TraceId::fromBytes(reinterpret_cast<const unsigned char*>(bytes->data()));
        }
        if (!id)
            id = skein::decodeTraceId(text);
        if (!id) {
            noteHashedId(model ? "traceId" : "traceID", text, position);
            id = TraceId { fnv1a(text, 0x84222325cbf29ce4ull), fnv1a(text, 0xcbf29ce484222325ull) | 1 };
        }
    } else if (const auto number = node.toUint64(); number && node.isNumber()) {
        id = TraceId { 0, *number };
    } else {
        problem = "must be a string, found " + node.describe();
        return std::nullopt;
    }
    if (id->isZero()) {
        problem = "must not be zero, found " + node.describe();
        return std::nullopt;
    }
    return id;
}

std::optional<SpanId> JaegerJsonDecoder::decodeSpanId(
    const JsonNode& node, bool model, const SourcePosition& position, std::string& problem, bool allowZero)
{
    std::optional<SpanId> id;
    if (node.isString()) {
        const std::string_view text = node.string();
        if (text.empty()) {
            problem = "must not be empty";
            return std::nullopt;
        }
        if (model && text.size() >= 11 && text.size() <= 12) {
            if (const auto bytes = decodeBase64(text); bytes && bytes->size() == 8) {
                id = 0;
                for (unsigned char c : *bytes)
                    id = (*id << 8) | c;
            }
        }
        if (!id)
            id = skein::decodeSpanId(text);
        if (!id) {
            noteHashedId(model ? "spanId" : "spanID", text, position);
            id = fnv1a(text, 0xcbf29ce484222325ull) | 1;
        }
    } else if (const auto number = node.toUint64(); number && node.isNumber()) {
        // The collector's jsonpb fixtures write parent_span_id as a number.
        id = *number;
    } else {
        problem = "must be a string, found " + node.describe();
        return std::nullopt;
    }
    if (*id == 0 && !allowZero) {
        problem = "must not be zero, found " + node.describe();
        return std::nullopt;
    }
    return id;
}

std::optional<int64_t> JaegerJsonDecoder::decodeTimestamp(const JsonNode& node, std::string& problem)
{
    std::optional<int64_t> microseconds;
    if (node.isNumber()) {
        microseconds = node.toInt64();
    } else if (node.isString() && isDecimal(node.string())) {
        microseconds = node.toInt64();
    } else if (node.isString()) {
        if (const auto nanoseconds = parseRfc3339Nanoseconds(node.string()))
            return nanoseconds;
        problem = "must be microseconds since the epoch or an RFC 3339 time, found " + node.describe();
        return std::nullopt;
    } else {
        problem = "must be a number of microseconds, found " + node.describe();
        return std::nullopt;
    }
    if (microseconds) {
        if (const auto nanoseconds = microsecondsToNanoseconds(*microseconds))
            return nanoseconds;
    }
    problem = "must be a whole number of microseconds within range, found " + node.describe();
    return std::nullopt;
}

std::optional<LinkType> JaegerJsonDecoder::decodeRefType(const JsonNode& node)
{
    if (node.isString()) {
        if (equalsIgnoringCase(node.string(), "CHILD_OF"))
            return LinkType::ChildOf;
        if (equalsIgnoringCase(node.string(), "FOLLOWS_FROM"))
            return LinkType::FollowsFrom;
        return std::nullopt;
    }
    const auto number = node.toInt64();
    if (number && *number == 0)
        return LinkType::ChildOf;
    if (number && *number == 1)
        return LinkType::FollowsFrom;
    return std::nullopt;
}

bool JaegerJsonDecoder::decodeKeyValue(const JsonNode& node, Attribute& out, std::string& problem)
{
    if (!node.isObject()) {
        problem = "must be an object, found " + node.describe();
        return false;
    }
    const JsonNode* key = nullptr;
    const JsonNode* type = nullptr;
    const JsonNode* value = nullptr; // UI spelling
    const JsonNode* vType = nullptr;
    const JsonNode* modelValues[5] = {}; // indexed by ValueKind - 1
    bool model = false;
    for (const JsonMember& member : node.members()) {
        const std::string_view name = member.key();
        if (name == "key") {
            key = &member.value;
        } else if (name == "value") {
            value = &member.value;
        } else if (name == "type") {
            type = &member.value;
        } else {
            char buffer[24];
            const std::string_view normalized = normalizedKey(name, buffer);
            if (normalized == "vtype") {
                vType = &member.value;
                model = true;
            } else if (normalized == "vstr") {
                modelValues[0] = &member.value;
                model = true;
            } else if (normalized == "vbool") {
                modelValues[1] = &member.value;
                model = true;
            } else if (normalized == "vint64") {
                modelValues[2] = &member.value;
                model = true;
            } else if (normalized == "vfloat64") {
                modelValues[3] = &member.value;
                model = true;
            } else if (normalized == "vbinary") {
                modelValues[4] = &member.value;
                model = true;
            }
        }
    }
    if (!key || !key->isString()) {
        problem = "needs a string \"key\", found " + (key ? key->describe() : std::string("none"));
        return false;
    }
    out.key.assign(key->string());

    if (!model || value || type) {
        ValueKind kind = ValueKind::Unknown;
        if (type && type->isString())
            kind = kindFromName(type->string());
        if (type && !type->isNull() && kind == ValueKind::Unknown)
            problem = "has the unknown type " + type->describe() + "; its value was kept as found";
        if (!value || value->isNull()) {
            out.value = {};
            return true;
        }
        assignValue(kind, value, out.value, problem);
        return true;
    }

    ValueKind kind = ValueKind::Unknown;
    if (vType && !vType->isNull()) {
        kind = kindFromVType(*vType);
        if (kind == ValueKind::Unknown)
            problem = "has the unknown vType " + vType->describe();
    }
    if (kind == ValueKind::Unknown) {
        // STRING is the proto3 default and is omitted; otherwise take whichever value is present.
        kind = ValueKind::String;
        for (int i = 0; i < 5; ++i) {
            if (modelValues[i]) {
                kind = ValueKind(i + 1);
                break;
            }
        }
    }
    assignValue(kind, modelValues[int(kind) - 1], out.value, problem);
    return true;
}

void JaegerJsonDecoder::decodeTags(
    const JsonNode& node, Attributes& out, std::string_view owner, const SourcePosition& position)
{
    if (node.isNull())
        return;
    if (!node.isArray()) {
        warn(std::string(owner) + " \"tags\" must be an array, found " + node.describe() + "; ignored", position);
        return;
    }
    out.reserve(out.size() + node.elements().size());
    std::string problem;
    for (const JsonNode& element : node.elements()) {
        problem.clear();
        Attribute& attribute = out.emplace_back();
        if (!decodeKeyValue(element, attribute, problem)) {
            out.pop_back();
            warn(std::string(owner) + " tag " + problem + "; ignored", position);
        } else if (!problem.empty()) {
            warn(std::string(owner) + " tag \"" + attribute.key + "\" " + problem, position);
        }
    }
}

void JaegerJsonDecoder::decodeSpanTags(const JsonNode& node, SpanRecord& span, const SourcePosition& position)
{
    const size_t first = span.attributes.size();
    decodeTags(node, span.attributes, "span", position);
    OtelTags otel;
    size_t kept = first;
    for (size_t i = first; i < span.attributes.size(); ++i) {
        if (absorbOtelTag(span.attributes[i], span, otel))
            continue;
        if (kept != i)
            span.attributes[kept] = std::move(span.attributes[i]);
        ++kept;
    }
    span.attributes.resize(kept);
    if (otel.errorTag && !otel.statusFromTag)
        span.status = StatusCode::Error;
    if (!otel.scopeName.empty() || !otel.scopeVersion.empty())
        span.scope = sharedScope(std::move(otel.scopeName), std::move(otel.scopeVersion));
}

void JaegerJsonDecoder::decodeLogs(const JsonNode& node, std::vector<SpanEvent>& events, const SourcePosition& position)
{
    if (node.isNull())
        return;
    if (!node.isArray()) {
        warn("span \"logs\" must be an array, found " + node.describe() + "; ignored", position);
        return;
    }
    events.reserve(events.size() + node.elements().size());
    std::string problem;
    for (const JsonNode& log : node.elements()) {
        if (!log.isObject()) {
            warn("span log must be an object, found " + log.describe() + "; ignored", position);
            continue;
        }
        SpanEvent& event = events.emplace_back();
        const JsonNode* timestamp = nullptr;
        const JsonNode* fields = nullptr;
        for (const JsonMember& member : log.members()) {
            if (looseKeyEquals(member.key(), "timestamp"))
                timestamp = &member.value;
            else if (looseKeyEquals(member.key(), "fields"))
                fields = &member.value;
        }
        if (timestamp && !timestamp->isNull()) {
            problem.clear();
            if (const auto time = decodeTimestamp(*timestamp, problem))
                event.timeNs = *time;
            else
                warn("span log \"timestamp\" " + problem + "; 0 used", position);
        }
        if (fields)
            decodeTags(*fields, event.attributes, "log", position);
        // OTel events arrive as logs whose "event" field is the event name.
        for (auto it = event.attributes.begin(); it != event.attributes.end(); ++it) {
            if (it->key == "event") {
                event.name
                    = it->value.type == AttributeValue::Type::String ? std::move(it->value.text) : it->value.toText();
                event.attributes.erase(it);
                break;
            }
        }
        if (event.name.empty())
            event.name = "log";
    }
}

std::shared_ptr<const Resource> JaegerJsonDecoder::decodeProcess(const JsonNode& node, const SourcePosition& position)
{
    auto resource = std::make_shared<Resource>();
    if (!node.isObject()) {
        warn("process must be an object, found " + node.describe() + "; ignored", position);
        return resource;
    }
    for (const JsonMember& member : node.members()) {
        if (looseKeyEquals(member.key(), "serviceName")) {
            if (member.value.isString())
                resource->serviceName.assign(member.value.string());
            else if (!member.value.isNull())
                warn("process \"serviceName\" must be a string, found " + member.value.describe(), position);
        } else if (member.key() == "tags") {
            decodeTags(member.value, resource->attributes, "process", position);
        }
    }
    return resource;
}

std::shared_ptr<const Resource> JaegerJsonDecoder::sharedProcess(const JsonNode& node, const SourcePosition& position)
{
    std::shared_ptr<const Resource> resource = decodeProcess(node, position);
    std::vector<std::shared_ptr<const Resource>>& candidates = m_processes[resource->serviceName];
    for (const auto& candidate : candidates) {
        if (*candidate == *resource)
            return candidate;
    }
    if (m_processCount >= maxSharedProcesses) {
        clearSharedProcesses();
        m_processes[resource->serviceName].push_back(resource);
    } else {
        candidates.push_back(resource);
    }
    ++m_processCount;
    return resource;
}

void JaegerJsonDecoder::clearSharedProcesses()
{
    m_processes.clear();
    m_processCount = 0;
}

std::shared_ptr<const InstrumentationScope> JaegerJsonDecoder::sharedScope(std::string name, std::string version)
{
    for (const auto& scope : m_scopes) {
        if (scope->name == name && scope->version == version)
            return scope;
    }
    if (m_scopes.size() >= maxSharedScopes)
        m_scopes.clear();
    auto scope = std::make_shared<InstrumentationScope>();
    scope->name = std::move(name);
    scope->version = std::move(version);
    m_scopes.push_back(scope);
    return scope;
}

} // namespace skein
