// SPDX-License-Identifier: MIT
// The compact binary form of the parts of a span, resource or scope that are not columns of the cache.
//
// A blob starts with a format version byte. Integers are LEB128 varints (signed ones zigzag-encoded),
// strings are a length then bytes, doubles keep their exact 64 bits. Top-level attribute keys are
// attr_keys dictionary ids; keys inside key-value lists stay inline so hostile nesting cannot flood the
// dictionary. Span details are a sequence of (field tag, payload) with default fields left out.
// Decoding checks every length against the remaining bytes, so a corrupt blob fails cleanly.
#pragma once

#include "span.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

// Maps attribute keys to small ids and back (the cache's attr_keys table; tests use a map).
class AttributeKeyDictionary {
public:
    virtual ~AttributeKeyDictionary() = default;
    // 0 when the key could not be given an id (ids start at 1).
    virtual uint64_t keyId(std::string_view key) = 0;
    // nullptr when the id is unknown.
    virtual const std::string* keyName(uint64_t id) = 0;
};

class PackedSpan {
public:
    // Attributes, events, links, status message, trace state, warnings and dropped counts of a span.
    // out is replaced; it stays empty when the span has none of them. False when a key got no id.
    // attributeKeyIds, when given, receives the ids of span.attributes' keys, in order (a caller that
    // indexes the attributes then need not look them up again).
    static bool encodeDetails(const SpanRecord& span, AttributeKeyDictionary& keys, std::string& out,
        std::vector<uint64_t>* attributeKeyIds = nullptr);
    // Fills those fields of span from a blob made by encodeDetails() (an empty blob means none).
    // span.traceId and span.startNs must be set first: links and event times are stored relative to
    // them. On failure the fields are left empty and error says why.
    static bool decodeDetails(
        std::string_view blob, AttributeKeyDictionary& keys, SpanRecord& span, std::string* error);

    static bool encodeResource(const Resource& resource, AttributeKeyDictionary& keys, std::string& out);
    static bool decodeResource(
        std::string_view blob, AttributeKeyDictionary& keys, Resource& resource, std::string* error);

    static bool encodeScope(const InstrumentationScope& scope, AttributeKeyDictionary& keys, std::string& out);
    static bool decodeScope(
        std::string_view blob, AttributeKeyDictionary& keys, InstrumentationScope& scope, std::string* error);
};

} // namespace skein
