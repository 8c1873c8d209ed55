// SPDX-License-Identifier: MIT
// Turns the small captured pieces of Jaeger JSON (ids, times, tags, logs, processes) into the span model.
// Understands both the UI/HTTP spelling ({key, type, value}, hex ids, microseconds) and the internal
// model's (api_v2 jsonpb: {key, vType, vStr, ...} in camelCase or snake_case, base64 ids, RFC 3339).
#pragma once

#include "importmessage.h"
#include "span.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace skein {

class JsonNode;

class JaegerJsonDecoder {
public:
    explicit JaegerJsonDecoder(ImportReport& report);

    // model: the value is spelled as the internal model writes it (base64 is tried before hex).
    // Ids that are neither hex nor base64 (jaeger-ui test data uses "span-A") map to a stable hash.
    // On failure problem says why, e.g. `must be a string, found the number 12`.
    std::optional<TraceId> decodeTraceId(
        const JsonNode& node, bool model, const SourcePosition& position, std::string& problem);
    // allowZero: 0 means "none" (a root's parentSpanID) instead of a problem.
    std::optional<SpanId> decodeSpanId(
        const JsonNode& node, bool model, const SourcePosition& position, std::string& problem, bool allowZero = false);
    // Microseconds (a number or a decimal string) or RFC 3339 text, in nanoseconds.
    std::optional<int64_t> decodeTimestamp(const JsonNode& node, std::string& problem);
    // refType: "CHILD_OF" / "FOLLOWS_FROM" or 0 / 1; empty when unknown.
    static std::optional<LinkType> decodeRefType(const JsonNode& node);

    // Span tags, including the OTel conventions that the OTLP -> Jaeger translation turned into tags
    // (span.kind, otel.status_code, error, w3c.tracestate, otel.scope.*): they go back to their fields.
    void decodeSpanTags(const JsonNode& node, SpanRecord& span, const SourcePosition& position);
    void decodeLogs(const JsonNode& node, std::vector<SpanEvent>& events, const SourcePosition& position);
    // A process object; never null (an unusable value yields an empty resource, with a warning).
    std::shared_ptr<const Resource> decodeProcess(const JsonNode& node, const SourcePosition& position);
    // As decodeProcess, but equal processes embedded in many spans share one Resource.
    std::shared_ptr<const Resource> sharedProcess(const JsonNode& node, const SourcePosition& position);
    void clearSharedProcesses();

    void warn(std::string message, const SourcePosition& position);

private:
    void decodeTags(const JsonNode& node, Attributes& out, std::string_view owner, const SourcePosition& position);
    bool decodeKeyValue(const JsonNode& node, Attribute& out, std::string& problem);
    std::shared_ptr<const InstrumentationScope> sharedScope(std::string name, std::string version);
    void noteHashedId(std::string_view field, std::string_view text, const SourcePosition& position);

    ImportReport& m_report;
    bool m_warnedHashedId = false;
    std::unordered_map<std::string, std::vector<std::shared_ptr<const Resource>>> m_processes; // by service
    size_t m_processCount = 0;
    std::vector<std::shared_ptr<const InstrumentationScope>> m_scopes;
};

} // namespace skein
