// SPDX-License-Identifier: MIT
#include "jsonnode.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace skein {

namespace {

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

std::optional<int64_t> parseInt64(std::string_view text)
{
    int64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<uint64_t> parseUint64(std::string_view text)
{
    uint64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

bool looseKeyEquals(std::string_view a, std::string_view b)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < a.size() && a[i] == '_')
            ++i;
        while (j < b.size() && b[j] == '_')
            ++j;
        if (i == a.size() || j == b.size())
            return i == a.size() && j == b.size();
        if (lowerAscii(a[i]) != lowerAscii(b[j]))
            return false;
        ++i;
        ++j;
    }
}

std::span<const JsonNode> JsonNode::elements() const
{
    if (m_type != Type::Array)
        return {};
    return { m_elements, m_size };
}

std::span<const JsonMember> JsonNode::members() const
{
    if (m_type != Type::Object)
        return {};
    return { m_members, m_size };
}

const JsonNode* JsonNode::find(std::string_view key) const
{
    for (const JsonMember& member : members()) {
        if (member.key() == key)
            return &member.value;
    }
    return nullptr;
}

const JsonNode* JsonNode::findLoose(std::string_view key) const
{
    if (const JsonNode* exact = find(key))
        return exact;
    for (const JsonMember& member : members()) {
        if (looseKeyEquals(member.key(), key))
            return &member.value;
    }
    return nullptr;
}

std::optional<int64_t> JsonNode::toInt64() const
{
    switch (m_type) {
    case Type::Int:
        return m_int;
    case Type::Uint:
        if (m_uint <= uint64_t(std::numeric_limits<int64_t>::max()))
            return int64_t(m_uint);
        return std::nullopt;
    case Type::Double:
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        if (std::isfinite(m_double) && std::trunc(m_double) == m_double && m_double >= -9223372036854775808.0
            && m_double < 9223372036854775808.0)
            return int64_t(m_double);
        return std::nullopt;
    case Type::String:
        return parseInt64(string());
    default:
        return std::nullopt;
    }
}

std::optional<uint64_t> JsonNode::toUint64() const
{
    switch (m_type) {
    case Type::Int:
        if (m_int >= 0)
            return uint64_t(m_int);
        return std::nullopt;
    case Type::Uint:
        return m_uint;
    case Type::Double:
        if (std::isfinite(m_double) && std::trunc(m_double) == m_double && m_double >= 0
            && m_double < 18446744073709551616.0)
            return uint64_t(m_double);
        return std::nullopt;
    case Type::String:
        return parseUint64(string());
    default:
        return std::nullopt;
    }
}

std::optional<double> JsonNode::toDouble() const
{
    switch (m_type) {
    case Type::Int:
        return double(m_int);
    case Type::Uint:
        return double(m_uint);
    case Type::Double:
        return m_double;
    case Type::String: {
        const std::string_view text = string();
        if (text == "NaN")
            return std::numeric_limits<double>::quiet_NaN();
        if (text == "Infinity")
            return std::numeric_limits<double>::infinity();
        if (text == "-Infinity")
            return -std::numeric_limits<double>::infinity();
        double value = 0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size())
            return std::nullopt;
        return value;
    }
    default:
        return std::nullopt;
    }
}

std::string JsonNode::describe() const
{
    switch (m_type) {
    case Type::Null:
        return "null";
    case Type::Bool:
        return m_bool ? "true" : "false";
    case Type::Int:
        return "the number " + std::to_string(m_int);
    case Type::Uint:
        return "the number " + std::to_string(m_uint);
    case Type::Double:
        return "a number";
    case Type::String: {
        std::string_view text = string();
        if (text.size() > 40)
            return "a string \"" + std::string(text.substr(0, 37)) + "...\"";
        return "the string \"" + std::string(text) + "\"";
    }
    case Type::Array:
        return "an array";
    case Type::Object:
        return "an object";
    }
    return "a value";
}

JsonTreeBuilder::JsonTreeBuilder()
    : m_initialBuffer(64 * 1024)
    , m_arena(m_initialBuffer.data(), m_initialBuffer.size())
{
    m_stack.reserve(256);
}

void JsonTreeBuilder::reset()
{
    m_stack.clear();
    m_keys.clear();
    m_keyStackBase.clear();
    m_open = 0;
    m_bytes = 0;
    m_arena.release();
}

void* JsonTreeBuilder::allocate(size_t bytes, size_t alignment)
{
    m_bytes += bytes;
    return m_arena.allocate(bytes ? bytes : 1, alignment);
}

const char* JsonTreeBuilder::copyString(const Ch* str, SizeType length)
{
    char* copy = static_cast<char*>(allocate(length + 1, 1));
    std::memcpy(copy, str, length);
    copy[length] = '\0';
    return copy;
}

bool JsonTreeBuilder::Null()
{
    m_stack.emplace_back();
    return true;
}

bool JsonTreeBuilder::Bool(bool b)
{
    JsonNode& node = m_stack.emplace_back();
    node.m_type = JsonNode::Type::Bool;
    node.m_bool = b;
    return true;
}

bool JsonTreeBuilder::Int64(int64_t i)
{
    JsonNode& node = m_stack.emplace_back();
    node.m_type = JsonNode::Type::Int;
    node.m_int = i;
    return true;
}

bool JsonTreeBuilder::Uint64(uint64_t u)
{
    JsonNode& node = m_stack.emplace_back();
    if (u <= uint64_t(std::numeric_limits<int64_t>::max())) {
        node.m_type = JsonNode::Type::Int;
        node.m_int = int64_t(u);
    } else {
        node.m_type = JsonNode::Type::Uint;
        node.m_uint = u;
    }
    return true;
}

bool JsonTreeBuilder::Double(double d)
{
    JsonNode& node = m_stack.emplace_back();
    node.m_type = JsonNode::Type::Double;
    node.m_double = d;
    return true;
}

bool JsonTreeBuilder::String(const Ch* str, SizeType length, bool)
{
    JsonNode& node = m_stack.emplace_back();
    node.m_type = JsonNode::Type::String;
    node.m_string = copyString(str, length);
    node.m_size = length;
    return true;
}

bool JsonTreeBuilder::StartObject()
{
    ++m_open;
    m_keyStackBase.push_back(m_keys.size());
    return true;
}

bool JsonTreeBuilder::Key(const Ch* str, SizeType length, bool)
{
    m_keys.emplace_back(copyString(str, length), length);
    return true;
}

bool JsonTreeBuilder::EndObject(SizeType memberCount)
{
    --m_open;
    const size_t keyBase = m_keyStackBase.back();
    m_keyStackBase.pop_back();
    auto* members = static_cast<JsonMember*>(allocate(sizeof(JsonMember) * memberCount, alignof(JsonMember)));
    const size_t valueBase = m_stack.size() - memberCount;
    for (SizeType i = 0; i < memberCount; ++i) {
        const std::string_view key = m_keys[keyBase + i];
        new (&members[i]) JsonMember { key.data(), uint32_t(key.size()), m_stack[valueBase + i] };
    }
    m_keys.resize(keyBase);
    m_stack.resize(valueBase);
    JsonNode& node = m_stack.emplace_back();
    node.m_type = JsonNode::Type::Object;
    node.m_members = members;
    node.m_size = memberCount;
    return true;
}

bool JsonTreeBuilder::StartArray()
{
    ++m_open;
    return true;
}

bool JsonTreeBuilder::EndArray(SizeType elementCount)
{
    --m_open;
    auto* elements = static_cast<JsonNode*>(allocate(sizeof(JsonNode) * elementCount, alignof(JsonNode)));
    const size_t valueBase = m_stack.size() - elementCount;
    for (SizeType i = 0; i < elementCount; ++i)
        new (&elements[i]) JsonNode(m_stack[valueBase + i]);
    m_stack.resize(valueBase);
    JsonNode& node = m_stack.emplace_back();
    node.m_type = JsonNode::Type::Array;
    node.m_elements = elements;
    node.m_size = elementCount;
    return true;
}

} // namespace skein
