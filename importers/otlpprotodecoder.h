// SPDX-License-Identifier: MIT
// Turns parsed OTLP protobuf messages (one span, one resource, one scope) into the span model, with the
// same rules and messages as the OTLP JSON decoder. Problems become warnings at the message's byte offset.
#pragma once

#include "importmessage.h"
#include "span.h"

#include <memory>
#include <string>
#include <string_view>

namespace skein {

namespace otlp {
class InstrumentationScope;
class Resource;
class Span;
} // namespace otlp

class OtlpProtoDecoder {
public:
    explicit OtlpProtoDecoder(ImportReport& report);

    // Fills span from message, moving its strings out (message is left unspecified). Returns false when
    // the span cannot be used (ids of the wrong length or all zeros); that was reported and counted in
    // report.skippedRecords. Resource, scope and serviceName are left to the caller.
    bool decodeSpan(otlp::Span& message, int64_t offset, SpanRecord& span);
    // Never null.
    std::shared_ptr<const Resource> decodeResource(otlp::Resource& message);
    // Null when the scope says nothing.
    std::shared_ptr<const InstrumentationScope> decodeScope(otlp::InstrumentationScope& message);

private:
    void warn(std::string_view problem);
    bool decodeIds(const otlp::Span& message, SpanRecord& span);
    void decodeTimes(uint64_t start, uint64_t end, SpanRecord& span);
    bool readTime(uint64_t value, std::string_view field, int64_t& out);
    void decodeEvents(otlp::Span& message, std::vector<SpanEvent>& events);
    void decodeLinks(otlp::Span& message, std::vector<SpanLink>& links);

    ImportReport& m_report;
    SourcePosition m_position;
    std::string m_context; // names what is being decoded in messages: `span "GET /"`, `resource`
    std::vector<std::string>* m_spanWarnings = nullptr;
};

} // namespace skein
