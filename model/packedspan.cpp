// SPDX-License-Identifier: MIT
#include "packedspan.h"

#include "packedreader.h"

#include <bit>

namespace skein {

namespace {

using namespace packed;

uint64_t zigzag(int64_t value)
{
    return (uint64_t(value) << 1) ^ uint64_t(value >> 63);
}

class Writer {
public:
    explicit Writer(std::string& out)
        : m_out(out)
    {
    }

    // Bytes are gathered before they are appended: one append per value is much cheaper than one per byte.
    void byte(uint8_t value) { m_out.push_back(char(value)); }
    void varint(uint64_t value)
    {
        char bytes[10];
        size_t count = 0;
        while (value >= 0x80) {
            bytes[count++] = char(uint8_t(value) | 0x80);
            value >>= 7;
        }
        bytes[count++] = char(value);
        m_out.append(bytes, count);
    }
    void signedVarint(int64_t value) { varint(zigzag(value)); }
    void fixed64(uint64_t value)
    {
        char bytes[8];
        for (int i = 0; i < 8; ++i)
            bytes[i] = char(uint8_t(value >> (8 * i)));
        m_out.append(bytes, 8);
    }
    void string(std::string_view text)
    {
        varint(text.size());
        m_out.append(text);
    }

private:
    std::string& m_out;
};

void writeValue(Writer& w, const AttributeValue& value, int depth);

void writeInlineAttributes(Writer& w, const Attributes& attributes, int depth)
{
    w.varint(attributes.size());
    for (const Attribute& attribute : attributes) {
        w.string(attribute.key);
        writeValue(w, attribute.value, depth);
    }
}

void writeValue(Writer& w, const AttributeValue& value, int depth)
{
    using Type = AttributeValue::Type;
    if (depth > maxDepth) {
        w.byte(EmptyCode); // what the decoder would refuse is cut off here instead
        return;
    }
    switch (value.type) {
    case Type::Empty:
        w.byte(EmptyCode);
        break;
    case Type::String:
        w.byte(StringCode);
        w.string(value.text);
        break;
    case Type::Bool:
        w.byte(value.boolValue ? TrueCode : FalseCode);
        break;
    case Type::Int:
        w.byte(IntCode);
        w.signedVarint(value.intValue);
        break;
    case Type::Double:
        w.byte(DoubleCode);
        w.fixed64(std::bit_cast<uint64_t>(value.doubleValue));
        break;
    case Type::Bytes:
        w.byte(BytesCode);
        w.string(value.text);
        break;
    case Type::Array:
        w.byte(ArrayCode);
        w.varint(value.array.size());
        for (const AttributeValue& element : value.array)
            writeValue(w, element, depth + 1);
        break;
    case Type::KeyValueList:
        w.byte(KeyValueListCode);
        writeInlineAttributes(w, value.keyValues, depth + 1);
        break;
    }
}

bool writeAttributes(
    Writer& w, const Attributes& attributes, AttributeKeyDictionary& keys, std::vector<uint64_t>* keyIds = nullptr)
{
    w.varint(attributes.size());
    for (const Attribute& attribute : attributes) {
        const uint64_t id = keys.keyId(attribute.key);
        if (id == 0)
            return false;
        if (keyIds)
            keyIds->push_back(id);
        w.varint(id);
        writeValue(w, attribute.value, 1);
    }
    return true;
}

void readInlineAttributes(Reader& r, Attributes& attributes, int depth)
{
    const size_t n = r.count();
    attributes.resize(n);
    for (size_t i = 0; i < n && r.ok(); ++i) {
        attributes[i].key = r.string();
        readValue(r, attributes[i].value, depth);
    }
}

bool readAttributes(Reader& r, Attributes& attributes, AttributeKeyDictionary& keys)
{
    const size_t n = r.count();
    attributes.resize(n);
    for (size_t i = 0; i < n && r.ok(); ++i) {
        const uint64_t id = r.varint();
        if (!r.ok())
            break;
        const std::string* key = keys.keyName(id);
        if (!key) {
            r.fail("unknown attribute key id");
            break;
        }
        attributes[i].key = *key;
        readValue(r, attributes[i].value, 1);
    }
    return r.ok();
}

bool finishDecode(Reader& r, std::string* error)
{
    if (r.ok() && !r.atEnd())
        r.fail("trailing bytes");
    if (!r.ok() && error)
        *error = r.error();
    return r.ok();
}

void writeEvent(Writer& w, const SpanEvent& event, int64_t spanStartNs, AttributeKeyDictionary& keys, bool& ok)
{
    // Relative to the span's start, so that a typical event time is a few bytes; wraps rather than
    // overflowing for absurd inputs, and unwraps to the same bits.
    w.signedVarint(int64_t(uint64_t(event.timeNs) - uint64_t(spanStartNs)));
    w.string(event.name);
    ok = writeAttributes(w, event.attributes, keys) && ok;
    w.varint(event.droppedAttributes);
}

void writeLink(Writer& w, const SpanLink& link, const TraceId& spanTraceId, AttributeKeyDictionary& keys, bool& ok)
{
    if (link.traceId == spanTraceId) {
        w.byte(SameTrace);
    } else {
        w.byte(OtherTrace);
        w.fixed64(link.traceId.high);
        w.fixed64(link.traceId.low);
    }
    w.fixed64(link.spanId);
    w.byte(uint8_t(link.type));
    w.string(link.traceState);
    ok = writeAttributes(w, link.attributes, keys) && ok;
    w.varint(link.flags);
    w.varint(link.droppedAttributes);
}

} // namespace

namespace packed {

bool readValue(Reader& r, AttributeValue& value, int depth)
{
    if (depth > maxDepth) {
        r.fail("values nested too deeply");
        return false;
    }
    using Type = AttributeValue::Type;
    const uint8_t code = r.byte();
    if (!r.ok())
        return false;
    switch (code) {
    case EmptyCode:
        value.type = Type::Empty;
        break;
    case StringCode:
        value.type = Type::String;
        value.text = r.string();
        break;
    case FalseCode:
    case TrueCode:
        value.type = Type::Bool;
        value.boolValue = code == TrueCode;
        break;
    case IntCode:
        value.type = Type::Int;
        value.intValue = r.signedVarint();
        break;
    case DoubleCode:
        value.type = Type::Double;
        value.doubleValue = std::bit_cast<double>(r.fixed64());
        break;
    case BytesCode:
        value.type = Type::Bytes;
        value.text = r.string();
        break;
    case ArrayCode: {
        value.type = Type::Array;
        const size_t n = r.count();
        value.array.resize(n);
        for (size_t i = 0; i < n && r.ok(); ++i)
            readValue(r, value.array[i], depth + 1);
        break;
    }
    case KeyValueListCode:
        value.type = Type::KeyValueList;
        readInlineAttributes(r, value.keyValues, depth + 1);
        break;
    default:
        r.fail("unknown value type");
        return false;
    }
    return r.ok();
}

} // namespace packed

bool PackedSpan::encodeDetails(
    const SpanRecord& span, AttributeKeyDictionary& keys, std::string& out, std::vector<uint64_t>* attributeKeyIds)
{
    out.clear();
    if (attributeKeyIds)
        attributeKeyIds->clear();
    Writer w(out);
    bool ok = true;
    w.byte(formatVersion);
    if (!span.attributes.empty()) {
        w.byte(AttributesField);
        ok = writeAttributes(w, span.attributes, keys, attributeKeyIds) && ok;
    }
    if (!span.events.empty()) {
        w.byte(EventsField);
        w.varint(span.events.size());
        for (const SpanEvent& event : span.events)
            writeEvent(w, event, span.startNs, keys, ok);
    }
    if (!span.links.empty()) {
        w.byte(LinksField);
        w.varint(span.links.size());
        for (const SpanLink& link : span.links)
            writeLink(w, link, span.traceId, keys, ok);
    }
    if (!span.statusMessage.empty()) {
        w.byte(StatusMessageField);
        w.string(span.statusMessage);
    }
    if (!span.traceState.empty()) {
        w.byte(TraceStateField);
        w.string(span.traceState);
    }
    if (!span.warnings.empty()) {
        w.byte(WarningsField);
        w.varint(span.warnings.size());
        for (const std::string& warning : span.warnings)
            w.string(warning);
    }
    if (span.droppedAttributes) {
        w.byte(DroppedAttributesField);
        w.varint(span.droppedAttributes);
    }
    if (span.droppedEvents) {
        w.byte(DroppedEventsField);
        w.varint(span.droppedEvents);
    }
    if (span.droppedLinks) {
        w.byte(DroppedLinksField);
        w.varint(span.droppedLinks);
    }
    if (out.size() == 1)
        out.clear(); // nothing but the version byte: store nothing
    return ok;
}

bool PackedSpan::decodeDetails(
    std::string_view blob, AttributeKeyDictionary& keys, SpanRecord& span, std::string* error)
{
    span.attributes.clear();
    span.events.clear();
    span.links.clear();
    span.statusMessage.clear();
    span.traceState.clear();
    span.warnings.clear();
    span.droppedAttributes = span.droppedEvents = span.droppedLinks = 0;
    if (blob.empty())
        return true;

    Reader r(blob);
    r.startBlob();
    int lastField = 0;
    while (const uint8_t field = r.nextField(lastField)) {
        switch (field) {
        case AttributesField:
            readAttributes(r, span.attributes, keys);
            break;
        case EventsField: {
            const size_t n = r.count();
            span.events.resize(n);
            for (size_t i = 0; i < n && r.ok(); ++i) {
                SpanEvent& event = span.events[i];
                event.timeNs = int64_t(uint64_t(r.signedVarint()) + uint64_t(span.startNs));
                event.name = r.string();
                readAttributes(r, event.attributes, keys);
                event.droppedAttributes = r.varint32();
            }
            break;
        }
        case LinksField: {
            const size_t n = r.count();
            span.links.resize(n);
            for (size_t i = 0; i < n && r.ok(); ++i) {
                SpanLink& link = span.links[i];
                const uint8_t traceCode = r.byte();
                if (traceCode == SameTrace) {
                    link.traceId = span.traceId;
                } else if (traceCode == OtherTrace) {
                    link.traceId.high = r.fixed64();
                    link.traceId.low = r.fixed64();
                } else {
                    r.fail("bad link trace marker");
                    break;
                }
                link.spanId = r.fixed64();
                const uint8_t type = r.byte();
                if (type > uint8_t(LinkType::FollowsFrom)) {
                    r.fail("bad link type");
                    break;
                }
                link.type = LinkType(type);
                link.traceState = r.string();
                readAttributes(r, link.attributes, keys);
                link.flags = r.varint32();
                link.droppedAttributes = r.varint32();
            }
            break;
        }
        case StatusMessageField:
            span.statusMessage = r.string();
            break;
        case TraceStateField:
            span.traceState = r.string();
            break;
        case WarningsField: {
            const size_t n = r.count();
            span.warnings.resize(n);
            for (size_t i = 0; i < n && r.ok(); ++i)
                span.warnings[i] = r.string();
            break;
        }
        case DroppedAttributesField:
            span.droppedAttributes = r.varint32();
            break;
        case DroppedEventsField:
            span.droppedEvents = r.varint32();
            break;
        case DroppedLinksField:
            span.droppedLinks = r.varint32();
            break;
        default:
            r.fail("unknown field");
            break;
        }
    }
    if (!finishDecode(r, error)) {
        span.attributes.clear();
        span.events.clear();
        span.links.clear();
        span.statusMessage.clear();
        span.traceState.clear();
        span.warnings.clear();
        span.droppedAttributes = span.droppedEvents = span.droppedLinks = 0;
        return false;
    }
    return true;
}

bool PackedSpan::encodeResource(const Resource& resource, AttributeKeyDictionary& keys, std::string& out)
{
    out.clear();
    Writer w(out);
    w.byte(formatVersion);
    w.string(resource.serviceName);
    const bool ok = writeAttributes(w, resource.attributes, keys);
    w.varint(resource.droppedAttributes);
    return ok;
}

bool PackedSpan::decodeResource(
    std::string_view blob, AttributeKeyDictionary& keys, Resource& resource, std::string* error)
{
    Reader r(blob);
    Resource decoded;
    r.startBlob();
    decoded.serviceName = r.string();
    readAttributes(r, decoded.attributes, keys);
    decoded.droppedAttributes = r.varint32();
    if (!finishDecode(r, error))
        return false;
    resource = std::move(decoded);
    return true;
}

bool PackedSpan::encodeScope(const InstrumentationScope& scope, AttributeKeyDictionary& keys, std::string& out)
{
    out.clear();
    Writer w(out);
    w.byte(formatVersion);
    w.string(scope.name);
    w.string(scope.version);
    const bool ok = writeAttributes(w, scope.attributes, keys);
    w.varint(scope.droppedAttributes);
    return ok;
}

bool PackedSpan::decodeScope(
    std::string_view blob, AttributeKeyDictionary& keys, InstrumentationScope& scope, std::string* error)
{
    Reader r(blob);
    InstrumentationScope decoded;
    r.startBlob();
    decoded.name = r.string();
    decoded.version = r.string();
    readAttributes(r, decoded.attributes, keys);
    decoded.droppedAttributes = r.varint32();
    if (!finishDecode(r, error))
        return false;
    scope = std::move(decoded);
    return true;
}

} // namespace skein
