// SPDX-License-Identifier: MIT
#include "detailsdigest.h"

#include "packedreader.h"

#include <array>
#include <charconv>
#include <cstring>

namespace skein {

namespace {

using namespace packed;

constexpr std::array<char, 256> foldTable = [] {
    std::array<char, 256> table {};
    for (int c = 0; c < 256; ++c)
        // Line breaks and the control bytes that DetailTextFile gives a meaning become spaces.
        table[size_t(c)]
            = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : (c == '\n' || (c >= 1 && c <= 3) ? ' ' : char(c));
    return table;
}();

void appendAttributes(std::string& out, const Attributes& attributes, char fieldBreak = '\n')
{
    for (const Attribute& attribute : attributes) {
        out.push_back(fieldBreak);
        appendFolded(out, attribute.key);
        out.push_back('=');
        appendFolded(out, attribute.value.toText());
    }
}

// The text of the value at r (AttributeValue::toText()), in scratch or the blob; empty when damaged.
std::string_view readValueText(Reader& r, std::string& scratch)
{
    switch (r.peekByte()) {
    case StringCode:
        r.byte();
        return r.bytes();
    case FalseCode:
        r.byte();
        return "false";
    case TrueCode:
        r.byte();
        return "true";
    case IntCode: {
        r.byte();
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, r.signedVarint()).ptr;
        scratch.assign(digits, end);
        return scratch;
    }
    case EmptyCode:
        r.byte();
        return {};
    default: {
        // Doubles, bytes, arrays and lists are rare: their canonical text comes from the value itself.
        AttributeValue value;
        if (!readValue(r, value, 1))
            return {};
        scratch = value.toText();
        return scratch;
    }
    }
}

} // namespace

void appendFolded(std::string& out, std::string_view text)
{
    const size_t start = out.size();
    out.append(text);
    char* bytes = out.data() + start;
    const size_t count = text.size();
    // Eight bytes at a time, as most text has no byte below 11 (the table's other cases): ASCII capitals get
    // 0x20 added, found with carry-free byte-wise compares (bytes of 0x80 and up are never capitals).
    constexpr uint64_t ones = 0x0101010101010101ull;
    constexpr uint64_t highBits = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        uint64_t word;
        std::memcpy(&word, bytes + i, 8);
        const uint64_t low7 = word & ~highBits;
        if ((((low7 + ones * (0x80 - 11)) | word) & highBits) != highBits) {
            // Some byte is below 11: the table knows what to do.
            for (size_t j = i; j < i + 8; ++j)
                bytes[j] = foldTable[uint8_t(bytes[j])];
            continue;
        }
        const uint64_t atLeastA = low7 + ones * (0x80 - 'A');
        const uint64_t aboveZ = low7 + ones * (0x80 - 'Z' - 1);
        const uint64_t capitals = atLeastA & ~aboveZ & ~word & highBits;
        word |= capitals >> 2;
        std::memcpy(bytes + i, &word, 8);
    }
    for (; i < count; ++i)
        bytes[i] = foldTable[uint8_t(bytes[i])];
}

void appendSearchText(std::string& text, const SpanRecord& span)
{
    appendFolded(text, span.statusMessage);
    appendAttributes(text, span.attributes);
    if (span.resource)
        appendAttributes(text, span.resource->attributes);
    for (const SpanEvent& event : span.events) {
        text.push_back('\n');
        appendFolded(text, event.name);
        appendAttributes(text, event.attributes);
    }
}

void appendFieldsText(std::string& text, const Attributes& attributes)
{
    for (const Attribute& attribute : attributes) {
        if (!text.empty())
            text.push_back(' ');
        text += attribute.key;
        text.push_back('=');
        text += attribute.value.toText();
    }
}

PackedDetailsReader::PackedDetailsReader(AttributeKeyDictionary& keys, char fieldBreak)
    : m_keys(keys)
    , m_fieldBreak(fieldBreak)
{
}

const std::string* PackedDetailsReader::keyName(uint64_t id)
{
    if (id < m_keyNames.size() && m_keyNames[size_t(id)])
        return m_keyNames[size_t(id)];
    const std::string* name = m_keys.keyName(id);
    // Ids are small and dense (a dictionary's rows); a damaged blob's huge id is looked up, not cached.
    if (name && id < (uint64_t(1) << 20)) {
        if (id >= m_keyNames.size())
            m_keyNames.resize(size_t(id) + 1, nullptr);
        m_keyNames[size_t(id)] = name;
    }
    return name;
}

const std::string& PackedDetailsReader::searchPrefix(uint64_t id, const std::string& key)
{
    // Keys come back on every span: each is folded once (a damaged blob's huge id is folded, not cached).
    const bool cached = id < (uint64_t(1) << 20);
    if (cached && id >= m_searchPrefixes.size())
        m_searchPrefixes.resize(size_t(id) + 1);
    std::string& prefix = cached ? m_searchPrefixes[size_t(id)] : m_prefixScratch;
    if (prefix.empty() || !cached) {
        prefix.assign(1, m_fieldBreak);
        appendFolded(prefix, key);
        prefix.push_back('=');
    }
    return prefix;
}

const std::string& PackedDetailsReader::resourceText(const Resource& resource)
{
    auto [it, inserted] = m_resourceTexts.try_emplace(&resource);
    if (inserted)
        appendAttributes(it->second, resource.attributes, m_fieldBreak);
    return it->second;
}

bool PackedDetailsReader::read(
    std::string_view blob, int64_t spanStartNs, const Resource* resource, std::string* text, DetailsDigest& digest)
{
    digest.events.clear();
    digest.fields.clear();
    digest.linkCount = 0;
    digest.hasWarnings = false;
    const size_t textStart = text ? text->size() : 0;
    size_t resourceAt = textStart; // the resource's attributes follow the span's own, before the events

    // Each attribute list of the blob: into the search text and, for an event, its fields. Checks every
    // key as PackedSpan does, so that the same blobs count as damaged.
    auto readAttributes = [&](Reader& r, std::string* searchText, std::string* fields) {
        const size_t n = r.count();
        for (size_t i = 0; i < n && r.ok(); ++i) {
            const uint64_t id = r.varint();
            if (!r.ok())
                break;
            const std::string* key = keyName(id);
            if (!key) {
                r.fail("unknown attribute key id");
                break;
            }
            const std::string_view value = readValueText(r, m_valueScratch);
            if (searchText) {
                *searchText += searchPrefix(id, *key);
                appendFolded(*searchText, value);
            }
            if (fields) {
                if (!fields->empty())
                    fields->push_back(' ');
                *fields += *key;
                fields->push_back('=');
                *fields += value;
            }
        }
    };

    Reader r(blob);
    std::string_view statusMessage;
    if (!blob.empty())
        r.startBlob();
    int lastField = 0;
    while (const uint8_t field = r.nextField(lastField)) {
        switch (field) {
        case AttributesField:
            readAttributes(r, text, nullptr);
            resourceAt = text ? text->size() : 0;
            break;
        case EventsField: {
            const size_t n = r.count();
            for (size_t i = 0; i < n && r.ok(); ++i) {
                DetailsDigest::Event event;
                event.timeNs = int64_t(uint64_t(r.signedVarint()) + uint64_t(spanStartNs));
                event.name = r.bytes();
                if (text) {
                    text->push_back(m_fieldBreak);
                    appendFolded(*text, event.name);
                }
                m_fieldsScratch.clear();
                readAttributes(r, text, &m_fieldsScratch);
                r.varint32(); // dropped attributes
                event.fieldsStart = uint32_t(digest.fields.size());
                event.fieldsLength = uint32_t(m_fieldsScratch.size());
                digest.fields += m_fieldsScratch;
                digest.events.push_back(event);
            }
            break;
        }
        case LinksField: {
            const size_t n = r.count();
            for (size_t i = 0; i < n && r.ok(); ++i) {
                const uint8_t traceCode = r.byte();
                if (traceCode == OtherTrace) {
                    r.fixed64();
                    r.fixed64();
                } else if (traceCode != SameTrace) {
                    r.fail("bad link trace marker");
                    break;
                }
                r.fixed64(); // span id
                if (r.byte() > uint8_t(LinkType::FollowsFrom)) {
                    r.fail("bad link type");
                    break;
                }
                r.bytes(); // trace state
                readAttributes(r, nullptr, nullptr);
                r.varint32(); // flags
                r.varint32(); // dropped attributes
            }
            digest.linkCount = int32_t(n);
            break;
        }
        case StatusMessageField:
            statusMessage = r.bytes();
            break;
        case TraceStateField:
            r.bytes();
            break;
        case WarningsField: {
            const size_t n = r.count();
            for (size_t i = 0; i < n && r.ok(); ++i)
                r.bytes();
            digest.hasWarnings = n > 0;
            break;
        }
        case DroppedAttributesField:
        case DroppedEventsField:
        case DroppedLinksField:
            r.varint32();
            break;
        default:
            r.fail("unknown field");
            break;
        }
    }

    const bool intact = r.ok();
    if (!intact) {
        // As a damaged blob decodes: no attributes, events, links or status, and a warning.
        if (text)
            text->resize(textStart);
        resourceAt = textStart;
        digest.events.clear();
        digest.fields.clear();
        digest.linkCount = 0;
        digest.hasWarnings = true;
    } else if (text && !statusMessage.empty()) {
        // The status message leads the text (it comes last in the blob).
        m_statusScratch.clear();
        appendFolded(m_statusScratch, statusMessage);
        text->insert(textStart, m_statusScratch);
        resourceAt += m_statusScratch.size();
    }
    if (text && resource)
        text->insert(resourceAt, resourceText(*resource));
    return intact;
}

} // namespace skein
