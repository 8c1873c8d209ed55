// SPDX-License-Identifier: MIT
// What TraceContent keeps of each span's details: a lower-case search text, the events (name, time,
// "key=value" fields) and whether the span has links or warnings. It can be taken from a whole SpanRecord
// or, several times faster, straight from the packed details blob of a cache row: no SpanRecord, no string
// per attribute. Both give the same bytes, so that a search finds the same spans either way.
#pragma once

#include "packedspan.h"
#include "span.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace skein {

// Appends text with ASCII letters in lower case, and line breaks and the bytes 1 to 3 as spaces. ASCII folding
// is enough for keys and most values, and it keeps UTF-8 intact; a needle is folded the same way.
void appendFolded(std::string& out, std::string_view text);

// Appends the searchable text of span's details: its status message, attributes, resource attributes, then
// each event's name and attributes; every field but the first starts a line ("\nkey=value"), so that a
// needle (which never holds a line break) cannot match across two fields. Names, services and ids are
// matched through the index instead.
void appendSearchText(std::string& text, const SpanRecord& span);

// "key=value key=value": an event's attributes as the log inspector shows them (case kept).
void appendFieldsText(std::string& text, const Attributes& attributes);

// One span's details, read from its packed blob (PackedSpan::encodeDetails).
struct DetailsDigest {
    struct Event {
        int64_t timeNs = 0;
        std::string_view name; // into the blob: valid as long as it is
        uint32_t fieldsStart = 0; // into fields
        uint32_t fieldsLength = 0;
    };
    std::vector<Event> events;
    std::string fields; // each event's appendFieldsText()
    int32_t linkCount = 0;
    bool hasWarnings = false; // the blob holds warnings or is damaged
};

// Reads packed details blobs one span after another, on one thread (it caches key names and resource texts).
class PackedDetailsReader {
public:
    // fieldBreak: what starts each field of the search text after the first ('\n' as appendSearchText() has it).
    explicit PackedDetailsReader(AttributeKeyDictionary& keys, char fieldBreak = '\n');

    // Fills digest from blob as PackedSpan::decodeDetails() and appendSearchText() would from the decoded
    // span (resource: the span's, null when it has none or it is unreadable; it must outlive the reader), and
    // appends the search text to text unless it is null. A damaged blob leaves only the resource's text and
    // hasWarnings: false.
    bool read(
        std::string_view blob, int64_t spanStartNs, const Resource* resource, std::string* text, DetailsDigest& digest);

    // The search text of a resource's attributes, as read() adds it to a span's (resource must outlive the reader).
    const std::string& resourceText(const Resource& resource);

private:
    const std::string* keyName(uint64_t id);
    // What starts a field of key id (named key) in the search text: the field break, the folded key and '='.
    const std::string& searchPrefix(uint64_t id, const std::string& key);

    AttributeKeyDictionary& m_keys;
    const char m_fieldBreak;
    std::vector<const std::string*> m_keyNames; // by id, filled as ids are met
    std::unordered_map<const Resource*, std::string> m_resourceTexts;
    std::vector<std::string> m_searchPrefixes; // by key id, filled as ids are met
    std::string m_prefixScratch;
    std::string m_valueScratch;
    std::string m_statusScratch;
    std::string m_fieldsScratch;
};

} // namespace skein
