// SPDX-License-Identifier: MIT
// Turns captured OTLP JSON objects (one span, one resource, one scope) into the span model, accepting
// the non-compliant variants real producers write (formats.md §4.3). Problems become warnings.
#pragma once

#include "importmessage.h"
#include "span.h"

#include <memory>
#include <string>
#include <string_view>

namespace skein {

class JsonNode;

class OtlpJsonDecoder {
public:
    explicit OtlpJsonDecoder(ImportReport& report);

    // Fills span from a captured OTLP Span (resource, scope and serviceName are left to the caller).
    // Returns false when the span cannot be used (not an object, or invalid ids); that was reported
    // and counted in report.skippedRecords.
    bool decodeSpan(const JsonNode& node, const SourcePosition& position, SpanRecord& span);
    // A Resource object; never null (an unusable value yields an empty resource).
    std::shared_ptr<const Resource> decodeResource(const JsonNode& node, const SourcePosition& position);
    // An InstrumentationScope object; null when it says nothing (`{}`).
    std::shared_ptr<const InstrumentationScope> decodeScope(const JsonNode& node, const SourcePosition& position);

private:
    void warn(std::string_view problem);
    bool decodeIds(const JsonNode* traceId, const JsonNode* spanId, SpanRecord& span);
    void decodeTimes(const JsonNode* start, const JsonNode* end, SpanRecord& span);
    bool readTime(const JsonNode& node, std::string_view field, int64_t& out);
    uint32_t readCount(const JsonNode* node, std::string_view field);
    uint32_t readFlags(const JsonNode* node, std::string_view field);
    std::string readString(const JsonNode* node, std::string_view field);
    void decodeStatus(const JsonNode& node, SpanRecord& span);
    void decodeEvents(const JsonNode& node, std::vector<SpanEvent>& events);
    void decodeLinks(const JsonNode& node, std::vector<SpanLink>& links);
    // owner names the attributes in messages ("attribute", "event attribute"); outerKey is the key of the
    // attribute that a nested kvlistValue belongs to.
    void decodeAttributes(
        const JsonNode* node, Attributes& out, std::string_view owner, std::string_view outerKey = {});
    void decodeAnyValue(const JsonNode& node, AttributeValue& out, std::string_view owner, std::string_view key);

    ImportReport& m_report;
    SourcePosition m_position;
    std::string m_context; // names what is being decoded in messages: `span "GET /"`, `resource`
    std::vector<std::string>* m_spanWarnings = nullptr;
};

} // namespace skein
