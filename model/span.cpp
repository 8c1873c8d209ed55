// SPDX-License-Identifier: MIT
#include "span.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace skein {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendHex64(std::string& out, uint64_t value)
{
    for (int shift = 60; shift >= 0; shift -= 4)
        out.push_back(hexDigits[(value >> shift) & 0xF]);
}

std::optional<uint64_t> parseHex64(std::string_view hex)
{
    if (hex.empty() || hex.size() > 16)
        return std::nullopt;
    uint64_t value = 0;
    for (char c : hex) {
        const int digit = hexValue(c);
        if (digit < 0)
            return std::nullopt;
        value = (value << 4) | uint64_t(digit);
    }
    return value;
}

void appendJsonString(std::string& out, std::string_view text)
{
    out.push_back('"');
    for (unsigned char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out.push_back(char(c));
            }
        }
    }
    out.push_back('"');
}

std::string base64Encode(std::string_view bytes)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
        out.push_back(alphabet[(n >> 18) & 63]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out.push_back(alphabet[(n >> 6) & 63]);
        out.push_back(alphabet[n & 63]);
    }
    if (i + 1 == bytes.size()) {
        const uint32_t n = uint8_t(bytes[i]) << 16;
        out.push_back(alphabet[(n >> 18) & 63]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
        out.push_back(alphabet[(n >> 18) & 63]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out.push_back(alphabet[(n >> 6) & 63]);
        out.push_back('=');
    }
    return out;
}

std::string doubleToText(double d)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    return std::string(buffer, result.ptr);
}

void appendJson(std::string& out, const AttributeValue& value)
{
    using Type = AttributeValue::Type;
    switch (value.type) {
    case Type::Empty:
        out += "null";
        break;
    case Type::String:
        appendJsonString(out, value.text);
        break;
    case Type::Bytes:
        appendJsonString(out, base64Encode(value.text));
        break;
    case Type::Bool:
    case Type::Int:
        out += value.toText();
        break;
    case Type::Double:
        if (std::isfinite(value.doubleValue))
            out += doubleToText(value.doubleValue);
        else
            appendJsonString(out, doubleToText(value.doubleValue));
        break;
    case Type::Array: {
        out.push_back('[');
        bool first = true;
        for (const AttributeValue& element : value.array) {
            if (!first)
                out.push_back(',');
            first = false;
            appendJson(out, element);
        }
        out.push_back(']');
        break;
    }
    case Type::KeyValueList: {
        out.push_back('{');
        bool first = true;
        for (const Attribute& attribute : value.keyValues) {
            if (!first)
                out.push_back(',');
            first = false;
            appendJsonString(out, attribute.key);
            out.push_back(':');
            appendJson(out, attribute.value);
        }
        out.push_back('}');
        break;
    }
    }
}

} // namespace

std::string TraceId::toHex() const
{
    std::string out;
    out.reserve(32);
    appendHex64(out, high);
    appendHex64(out, low);
    return out;
}

std::optional<TraceId> TraceId::fromHex(std::string_view hex)
{
    if (hex.empty() || hex.size() > 32)
        return std::nullopt;
    TraceId id;
    if (hex.size() > 16) {
        const auto high = parseHex64(hex.substr(0, hex.size() - 16));
        const auto low = parseHex64(hex.substr(hex.size() - 16));
        if (!high || !low)
            return std::nullopt;
        id.high = *high;
        id.low = *low;
    } else {
        const auto low = parseHex64(hex);
        if (!low)
            return std::nullopt;
        id.low = *low;
    }
    return id;
}

TraceId TraceId::fromBytes(const unsigned char bytes[16])
{
    TraceId id;
    for (int i = 0; i < 8; ++i) {
        id.high = (id.high << 8) | bytes[i];
        id.low = (id.low << 8) | bytes[8 + i];
    }
    return id;
}

void TraceId::toBytes(unsigned char bytes[16]) const
{
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<unsigned char>(high >> (56 - 8 * i));
        bytes[8 + i] = static_cast<unsigned char>(low >> (56 - 8 * i));
    }
}

std::string spanIdToHex(SpanId id)
{
    std::string out;
    out.reserve(16);
    appendHex64(out, id);
    return out;
}

std::optional<SpanId> spanIdFromHex(std::string_view hex)
{
    return parseHex64(hex);
}

std::string_view spanKindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Unspecified:
        return "";
    case SpanKind::Internal:
        return "internal";
    case SpanKind::Server:
        return "server";
    case SpanKind::Client:
        return "client";
    case SpanKind::Producer:
        return "producer";
    case SpanKind::Consumer:
        return "consumer";
    }
    return "";
}

std::string_view statusCodeName(StatusCode code)
{
    switch (code) {
    case StatusCode::Unset:
        return "unset";
    case StatusCode::Ok:
        return "ok";
    case StatusCode::Error:
        return "error";
    }
    return "unset";
}

AttributeValue AttributeValue::fromString(std::string s)
{
    AttributeValue v;
    v.type = Type::String;
    v.text = std::move(s);
    return v;
}

AttributeValue AttributeValue::fromBool(bool b)
{
    AttributeValue v;
    v.type = Type::Bool;
    v.boolValue = b;
    return v;
}

AttributeValue AttributeValue::fromInt(int64_t i)
{
    AttributeValue v;
    v.type = Type::Int;
    v.intValue = i;
    return v;
}

AttributeValue AttributeValue::fromDouble(double d)
{
    AttributeValue v;
    v.type = Type::Double;
    v.doubleValue = d;
    return v;
}

AttributeValue AttributeValue::fromBytes(std::string bytes)
{
    AttributeValue v;
    v.type = Type::Bytes;
    v.text = std::move(bytes);
    return v;
}

std::string AttributeValue::toText() const
{
    switch (type) {
    case Type::Empty:
        return {};
    case Type::String:
        return text;
    case Type::Bool:
        return boolValue ? "true" : "false";
    case Type::Int:
        return std::to_string(intValue);
    case Type::Double:
        return doubleToText(doubleValue);
    case Type::Bytes:
        return base64Encode(text);
    case Type::Array:
    case Type::KeyValueList: {
        std::string out;
        appendJson(out, *this);
        return out;
    }
    }
    return {};
}

bool operator==(const AttributeValue& a, const AttributeValue& b)
{
    using Type = AttributeValue::Type;
    if (a.type != b.type)
        return false;
    switch (a.type) {
    case Type::Empty:
        return true;
    case Type::String:
    case Type::Bytes:
        return a.text == b.text;
    case Type::Bool:
        return a.boolValue == b.boolValue;
    case Type::Int:
        return a.intValue == b.intValue;
    case Type::Double:
        return a.doubleValue == b.doubleValue || (std::isnan(a.doubleValue) && std::isnan(b.doubleValue));
    case Type::Array:
        return a.array == b.array;
    case Type::KeyValueList:
        return a.keyValues == b.keyValues;
    }
    return false;
}

} // namespace skein
