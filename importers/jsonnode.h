// SPDX-License-Identifier: MIT
// A small read-only JSON tree for one captured element of a streamed document (one span, one process
// map). It lives in an arena that is reset for the next element, so memory follows the element, not
// the file.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

struct JsonMember;

class JsonNode {
public:
    enum class Type : uint8_t { Null, Bool, Int, Uint, Double, String, Array, Object };

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }
    bool isNumber() const { return m_type == Type::Int || m_type == Type::Uint || m_type == Type::Double; }

    bool boolValue() const { return m_bool; }
    std::string_view string() const
    {
        return m_type == Type::String ? std::string_view(m_string, m_size) : std::string_view();
    }
    std::span<const JsonNode> elements() const;
    std::span<const JsonMember> members() const;

    // Member lookup by exact key; nullptr when absent or when this is not an object.
    const JsonNode* find(std::string_view key) const;
    // Member lookup that ignores ASCII case and underscores, so "resource_spans" finds "resourceSpans".
    const JsonNode* findLoose(std::string_view key) const;

    // Exact integer conversions: from an integral JSON number, a decimal string, or a double that
    // holds an integer exactly. Empty when the value does not fit or is not a number.
    std::optional<int64_t> toInt64() const;
    std::optional<uint64_t> toUint64() const;
    // A number, or a string holding a number, "NaN", "Infinity" or "-Infinity".
    std::optional<double> toDouble() const;
    // A short description for messages: "a string", "an object", "the number 12", ...
    std::string describe() const;

private:
    friend class JsonTreeBuilder;
    Type m_type = Type::Null;
    bool m_bool = false;
    uint32_t m_size = 0;
    union {
        int64_t m_int;
        uint64_t m_uint;
        double m_double;
        const char* m_string;
        const JsonNode* m_elements;
        const JsonMember* m_members;
    };

public:
    JsonNode()
        : m_int(0)
    {
    }
};

struct JsonMember {
    const char* keyData;
    uint32_t keySize;
    JsonNode value;

    std::string_view key() const { return std::string_view(keyData, keySize); }
};

// True when a and b are equal ignoring ASCII case and underscores.
bool looseKeyEquals(std::string_view a, std::string_view b);

// A RapidJSON SAX handler that builds one JsonNode tree in its arena.
class JsonTreeBuilder {
public:
    using Ch = char;
    using SizeType = unsigned;

    JsonTreeBuilder();
    // Forgets the previous tree and releases its memory for reuse.
    void reset();
    // The finished tree: valid once the outermost value has ended, until reset().
    const JsonNode& root() const { return m_stack.front(); }
    bool complete() const { return m_stack.size() == 1 && m_open == 0; }
    size_t bytesUsed() const { return m_bytes; }

    bool Null();
    bool Bool(bool b);
    bool Int(int i) { return Int64(i); }
    bool Uint(unsigned u) { return Uint64(u); }
    bool Int64(int64_t i);
    bool Uint64(uint64_t u);
    bool Double(double d);
    bool RawNumber(const Ch*, SizeType, bool) { return false; }
    bool String(const Ch* str, SizeType length, bool copy);
    bool StartObject();
    bool Key(const Ch* str, SizeType length, bool copy);
    bool EndObject(SizeType memberCount);
    bool StartArray();
    bool EndArray(SizeType elementCount);

private:
    const char* copyString(const Ch* str, SizeType length);
    void* allocate(size_t bytes, size_t alignment);

    std::vector<char> m_initialBuffer;
    std::pmr::monotonic_buffer_resource m_arena;
    std::vector<JsonNode> m_stack; // values whose container has not ended yet
    std::vector<std::string_view> m_keys; // keys of the members on m_stack, in order
    std::vector<size_t> m_keyStackBase; // per open object: m_keys size at its start
    int m_open = 0;
    size_t m_bytes = 0;
};

} // namespace skein
