// SPDX-License-Identifier: MIT
// Turns one Zipkin span record into spans: a v2 record into one span, a v1 record into one span per host
// that reported into it (formats.md §3.1: a record with cs/cr from the client and sr/ss from the server
// becomes a CLIENT span and a shared SERVER span), following the rules of Zipkin's own V1SpanConverter.
#pragma once

#include "zipkinspandraft.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace skein {

class ZipkinSpanConverter {
public:
    ZipkinSpanConverter();

    // Appends the spans of draft (which must have its ids) to out. Returns true when it was read as v1.
    bool convert(const ZipkinSpanDraft& draft, std::vector<ZipkinSpan>& out);

    // Spans whose start or duration could not be read nor derived from annotations, since the last reset.
    struct Untimed {
        uint64_t withoutStart = 0;
        uint64_t withoutDuration = 0;
        SourcePosition firstWithoutStart;
        SourcePosition firstWithoutDuration;
    };
    const Untimed& untimed() const { return m_untimed; }
    void resetUntimed() { m_untimed = {}; }

private:
    struct Half;

    void convertV2(const ZipkinSpanDraft& draft, std::vector<ZipkinSpan>& out);
    void convertV1(const ZipkinSpanDraft& draft, std::vector<ZipkinSpan>& out);
    SpanRecord baseRecord(const ZipkinSpanDraft& draft) const;
    void finishTiming(SpanRecord& record, bool hasStart, bool hasDuration, const SourcePosition& position);
    std::shared_ptr<const Resource> resourceFor(const ZipkinEndpoint* endpoint);

    std::unordered_map<std::string, std::shared_ptr<const Resource>> m_resources;
    std::shared_ptr<const Resource> m_noEndpoint;
    Untimed m_untimed;
    std::string m_keyBuffer;
};

} // namespace skein
