// SPDX-License-Identifier: MIT
// Decodes the captured fields of one Zipkin span record (formats.md §3, §3.1) into a ZipkinSpanDraft,
// leniently: a damaged id damages the record, any other damaged field is ignored with a warning.
#pragma once

#include "jsonnode.h"
#include "zipkinspandraft.h"

#include <string_view>

namespace skein {

enum class ZipkinField : uint8_t {
    None,
    TraceId,
    Id,
    ParentId,
    Name,
    Kind,
    Timestamp,
    Duration,
    Debug,
    Shared,
    LocalEndpoint,
    RemoteEndpoint,
    Annotations,
    BinaryAnnotations,
    Tags,
};

// Ignores ASCII case and underscores, so that "parent_id" is "parentId".
ZipkinField zipkinFieldFromKey(std::string_view key);

class ZipkinFieldDecoder {
public:
    explicit ZipkinFieldDecoder(ImportReport& report)
        : m_report(report)
    {
    }

    // key: the member's name as the file spells it, for messages.
    void decode(ZipkinField field, std::string_view key, const JsonNode& value, const SourcePosition& position,
        ZipkinSpanDraft& draft);

    // Microseconds (a JSON integer, a decimal string, or a number with a fraction) to nanoseconds.
    static std::optional<int64_t> microsecondsToNs(const JsonNode& value);

private:
    std::optional<ZipkinEndpoint> decodeEndpoint(
        std::string_view key, const JsonNode& value, const SourcePosition& position);
    void decodeAnnotations(const JsonNode& value, const SourcePosition& position, ZipkinSpanDraft& draft);
    void decodeBinaryAnnotations(const JsonNode& value, const SourcePosition& position, ZipkinSpanDraft& draft);
    void decodeTags(const JsonNode& value, const SourcePosition& position, ZipkinSpanDraft& draft);
    void ignored(
        std::string_view key, std::string_view expected, const JsonNode& value, const SourcePosition& position);

    ImportReport& m_report;
};

} // namespace skein
