// SPDX-License-Identifier: MIT
#include "zipkinfielddecoder.h"

#include "idcodec.h"
#include "jaegertime.h"

#include <charconv>
#include <cmath>

namespace skein {

namespace {

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Lower case without underscores; empty when too long to be a known key.
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

std::optional<SpanKind> decodeKind(const JsonNode& value)
{
    if (value.isString()) {
        const std::string_view text = value.string();
        if (equalsIgnoringCase(text, "CLIENT"))
            return SpanKind::Client;
        if (equalsIgnoringCase(text, "SERVER"))
            return SpanKind::Server;
        if (equalsIgnoringCase(text, "PRODUCER"))
            return SpanKind::Producer;
        if (equalsIgnoringCase(text, "CONSUMER"))
            return SpanKind::Consumer;
        if (text.empty() || equalsIgnoringCase(text, "SPAN_KIND_UNSPECIFIED"))
            return SpanKind::Unspecified;
        return std::nullopt;
    }
    // zipkin.proto's enum numbers, as protobuf JSON writes them.
    if (value.isNumber()) {
        switch (value.toInt64().value_or(-1)) {
        case 0:
            return SpanKind::Unspecified;
        case 1:
            return SpanKind::Client;
        case 2:
            return SpanKind::Server;
        case 3:
            return SpanKind::Producer;
        case 4:
            return SpanKind::Consumer;
        default:
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<bool> decodeBool(const JsonNode& value)
{
    if (value.isBool())
        return value.boolValue();
    if (value.isString()) {
        if (equalsIgnoringCase(value.string(), "true"))
            return true;
        if (equalsIgnoringCase(value.string(), "false"))
            return false;
    }
    return std::nullopt;
}

// Zipkin tag values are strings; numbers and booleans that some writers emit keep their JSON text.
std::optional<std::string> scalarText(const JsonNode& value)
{
    char buffer[32];
    switch (value.type()) {
    case JsonNode::Type::String:
        return std::string(value.string());
    case JsonNode::Type::Bool:
        return std::string(value.boolValue() ? "true" : "false");
    case JsonNode::Type::Int:
        return std::to_string(*value.toInt64());
    case JsonNode::Type::Uint:
        return std::to_string(*value.toUint64());
    case JsonNode::Type::Double: {
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, *value.toDouble());
        return std::string(buffer, result.ptr);
    }
    default:
        return std::nullopt;
    }
}

std::string_view stringMember(const JsonNode& object, std::string_view key)
{
    const JsonNode* member = object.findLoose(key);
    return member && member->isString() ? member->string() : std::string_view();
}

} // namespace

ZipkinField zipkinFieldFromKey(std::string_view key)
{
    char buffer[24];
    const std::string_view name = normalizedKey(key, buffer);
    switch (name.size()) {
    case 2:
        return name == "id" ? ZipkinField::Id : ZipkinField::None;
    case 4:
        return name == "name" ? ZipkinField::Name
            : name == "kind"  ? ZipkinField::Kind
            : name == "tags"  ? ZipkinField::Tags
                              : ZipkinField::None;
    case 5:
        return name == "debug" ? ZipkinField::Debug : ZipkinField::None;
    case 6:
        return name == "shared" ? ZipkinField::Shared : ZipkinField::None;
    case 7:
        return name == "traceid" ? ZipkinField::TraceId : ZipkinField::None;
    case 8:
        return name == "parentid" ? ZipkinField::ParentId
            : name == "duration"  ? ZipkinField::Duration
                                  : ZipkinField::None;
    case 9:
        return name == "timestamp" ? ZipkinField::Timestamp : ZipkinField::None;
    case 11:
        return name == "annotations" ? ZipkinField::Annotations : ZipkinField::None;
    case 13:
        return name == "localendpoint" ? ZipkinField::LocalEndpoint : ZipkinField::None;
    case 14:
        return name == "remoteendpoint" ? ZipkinField::RemoteEndpoint : ZipkinField::None;
    case 17:
        return name == "binaryannotations" ? ZipkinField::BinaryAnnotations : ZipkinField::None;
    default:
        return ZipkinField::None;
    }
}

std::optional<int64_t> ZipkinFieldDecoder::microsecondsToNs(const JsonNode& value)
{
    if (const auto whole = value.toInt64())
        return microsecondsToNanoseconds(*whole);
    if (const auto number = value.toDouble(); number && std::isfinite(*number)) {
        const double ns = *number * 1000.0;
        if (std::fabs(ns) < 9.2e18)
            return std::llround(ns);
    }
    return std::nullopt;
}

void ZipkinFieldDecoder::ignored(
    std::string_view key, std::string_view expected, const JsonNode& value, const SourcePosition& position)
{
    m_report.warn("span \"" + std::string(key) + "\" must be " + std::string(expected) + ", found " + value.describe()
            + "; ignored",
        position);
}

void ZipkinFieldDecoder::decode(ZipkinField field, std::string_view key, const JsonNode& value,
    const SourcePosition& position, ZipkinSpanDraft& draft)
{
    if (!draft.hasPosition) {
        draft.position = position;
        draft.hasPosition = true;
    }
    // null is how many writers spell an absent field.
    if (value.isNull())
        return;
    const auto damage = [&](std::string problem) {
        if (draft.damage.empty()) {
            draft.damage = "span \"" + std::string(key) + "\" " + std::move(problem);
            draft.damagePosition = position;
        }
    };
    switch (field) {
    case ZipkinField::None:
        break;
    case ZipkinField::TraceId: {
        const std::optional<TraceId> id = value.isString() ? decodeTraceId(value.string()) : std::nullopt;
        if (!id)
            damage("must be 16 or 32 hex digits, found " + value.describe());
        else if (id->isZero())
            damage("must not be all zeros");
        else {
            draft.traceId = *id;
            draft.hasTraceId = true;
        }
        break;
    }
    case ZipkinField::Id: {
        const std::optional<SpanId> id = value.isString() ? decodeSpanId(value.string()) : std::nullopt;
        if (!id)
            damage("must be 1-16 hex digits, found " + value.describe());
        else if (*id == 0)
            damage("must not be all zeros");
        else {
            draft.id = *id;
            draft.hasId = true;
        }
        break;
    }
    case ZipkinField::ParentId: {
        if (value.isString() && value.string().empty())
            break;
        const std::optional<SpanId> id = value.isString() ? decodeSpanId(value.string()) : std::nullopt;
        if (id)
            draft.parentId = *id;
        else
            m_report.warn("span \"" + std::string(key) + "\" must be 1-16 hex digits, found " + value.describe()
                    + "; the span is read without a parent",
                position);
        break;
    }
    case ZipkinField::Name:
        if (value.isString())
            draft.name.assign(value.string());
        else
            ignored(key, "a string", value, position);
        break;
    case ZipkinField::Kind:
        if (const auto kind = decodeKind(value))
            draft.kind = *kind;
        else
            ignored(key, "CLIENT, SERVER, PRODUCER or CONSUMER", value, position);
        break;
    case ZipkinField::Timestamp:
        if (const auto ns = microsecondsToNs(value))
            draft.timestampNs = *ns > 0 ? *ns : 0;
        else
            ignored(key, "epoch microseconds", value, position);
        break;
    case ZipkinField::Duration:
        if (const auto ns = microsecondsToNs(value); ns && *ns >= 0)
            draft.durationNs = *ns;
        else
            ignored(key, "a positive number of microseconds", value, position);
        break;
    case ZipkinField::Debug:
    case ZipkinField::Shared:
        if (const auto flag = decodeBool(value))
            (field == ZipkinField::Debug ? draft.debug : draft.shared) = *flag;
        else
            ignored(key, "true or false", value, position);
        break;
    case ZipkinField::LocalEndpoint:
        draft.localEndpoint = decodeEndpoint(key, value, position);
        break;
    case ZipkinField::RemoteEndpoint:
        draft.remoteEndpoint = decodeEndpoint(key, value, position);
        break;
    case ZipkinField::Annotations:
        decodeAnnotations(value, position, draft);
        break;
    case ZipkinField::BinaryAnnotations:
        draft.hasBinaryAnnotations = true;
        decodeBinaryAnnotations(value, position, draft);
        break;
    case ZipkinField::Tags:
        decodeTags(value, position, draft);
        break;
    }
}

std::optional<ZipkinEndpoint> ZipkinFieldDecoder::decodeEndpoint(
    std::string_view key, const JsonNode& value, const SourcePosition& position)
{
    if (value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        ignored(key, "an endpoint object", value, position);
        return std::nullopt;
    }
    ZipkinEndpoint endpoint;
    endpoint.serviceName.assign(stringMember(value, "serviceName"));
    endpoint.ipv4.assign(stringMember(value, "ipv4"));
    endpoint.ipv6.assign(stringMember(value, "ipv6"));
    if (const JsonNode* port = value.findLoose("port"); port && !port->isNull()) {
        const auto number = port->toInt64();
        if (number && *number >= 0 && *number <= 65535)
            endpoint.port = int(*number);
        else
            m_report.warn("endpoint \"port\" must be a number from 0 to 65535, found " + port->describe() + "; ignored",
                position);
    }
    return endpoint;
}

void ZipkinFieldDecoder::decodeAnnotations(
    const JsonNode& value, const SourcePosition& position, ZipkinSpanDraft& draft)
{
    if (!value.isArray()) {
        ignored("annotations", "an array", value, position);
        return;
    }
    for (const JsonNode& element : value.elements()) {
        if (!element.isObject()) {
            m_report.warn("an annotation must be an object, found " + element.describe() + "; ignored", position);
            continue;
        }
        const JsonNode* text = element.findLoose("value");
        const JsonNode* time = element.findLoose("timestamp");
        const int64_t ns = time ? microsecondsToNs(*time).value_or(0) : 0;
        if (!text || !text->isString()) {
            m_report.warn("an annotation needs a string \"value\", found "
                    + (text ? text->describe() : std::string("none")) + "; ignored",
                position);
            continue;
        }
        if (ns <= 0) {
            m_report.warn("annotation \"" + std::string(text->string())
                    + "\" needs a \"timestamp\" in epoch microseconds, found "
                    + (time ? time->describe() : std::string("none")) + "; ignored",
                position);
            continue;
        }
        ZipkinAnnotation annotation;
        annotation.timestampNs = ns;
        annotation.value.assign(text->string());
        if (const JsonNode* endpoint = element.findLoose("endpoint"))
            annotation.endpoint = decodeEndpoint("endpoint", *endpoint, position);
        draft.annotations.push_back(std::move(annotation));
    }
}

void ZipkinFieldDecoder::decodeBinaryAnnotations(
    const JsonNode& value, const SourcePosition& position, ZipkinSpanDraft& draft)
{
    if (!value.isArray()) {
        ignored("binaryAnnotations", "an array", value, position);
        return;
    }
    for (const JsonNode& element : value.elements()) {
        const JsonNode* key = element.isObject() ? element.findLoose("key") : nullptr;
        if (!key || !key->isString()) {
            m_report.warn("a binary annotation must be an object with a string \"key\", found " + element.describe()
                    + "; ignored",
                position);
            continue;
        }
        ZipkinBinaryAnnotation annotation;
        annotation.key.assign(key->string());
        if (const JsonNode* text = element.findLoose("value")) {
            if (text->isString()) {
                annotation.type = ZipkinBinaryAnnotation::Type::String;
                annotation.value.assign(text->string());
            } else if (text->isBool() && text->boolValue()) {
                annotation.type = ZipkinBinaryAnnotation::Type::True;
            }
        }
        if (const JsonNode* endpoint = element.findLoose("endpoint"))
            annotation.endpoint = decodeEndpoint("endpoint", *endpoint, position);
        draft.binaryAnnotations.push_back(std::move(annotation));
    }
}

void ZipkinFieldDecoder::decodeTags(const JsonNode& value, const SourcePosition& position, ZipkinSpanDraft& draft)
{
    if (!value.isObject()) {
        ignored("tags", "an object of strings", value, position);
        return;
    }
    for (const JsonMember& member : value.members()) {
        if (member.value.isNull())
            continue;
        if (auto text = scalarText(member.value))
            draft.tags.emplace_back(std::string(member.key()), std::move(*text));
        else
            m_report.warn("tag \"" + std::string(member.key()) + "\" must be a string, found " + member.value.describe()
                    + "; ignored",
                position);
    }
}

} // namespace skein
