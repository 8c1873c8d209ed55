// SPDX-License-Identifier: MIT
// One Zipkin span record as read from JSON (formats.md §3, §3.1), v2 and v1 fields side by side, before it
// becomes SpanRecords. The reader fills one draft field by field and reuses it for the next record.
#pragma once

#include "importmessage.h"
#include "span.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skein {

struct ZipkinEndpoint {
    std::string serviceName;
    std::string ipv4;
    std::string ipv6;
    int port = 0; // 0: absent, as Zipkin reads it

    friend bool operator==(const ZipkinEndpoint&, const ZipkinEndpoint&) = default;
};

struct ZipkinAnnotation {
    int64_t timestampNs = 0;
    std::string value;
    std::optional<ZipkinEndpoint> endpoint; // v1 only
};

struct ZipkinBinaryAnnotation {
    // Zipkin's v1 reader keeps string values as tags, takes `true` on "sa"/"ca"/"ma" as an address, and
    // drops every other value type.
    enum class Type : uint8_t { String, True, Other };
    std::string key;
    Type type = Type::Other;
    std::string value;
    std::optional<ZipkinEndpoint> endpoint;
};

struct ZipkinSpanDraft {
    TraceId traceId;
    SpanId id = 0;
    SpanId parentId = 0;
    bool hasTraceId = false;
    bool hasId = false;
    std::string name;
    SpanKind kind = SpanKind::Unspecified;
    // Zipkin writes microseconds; these are converted exactly to nanoseconds.
    int64_t timestampNs = 0; // 0: absent (Zipkin treats <= 0 as unset)
    int64_t durationNs = 0; // 0: absent
    bool debug = false;
    bool shared = false;
    std::optional<ZipkinEndpoint> localEndpoint;
    std::optional<ZipkinEndpoint> remoteEndpoint;
    std::vector<ZipkinAnnotation> annotations;
    std::vector<ZipkinBinaryAnnotation> binaryAnnotations;
    bool hasBinaryAnnotations = false; // the v1 key is present, even if empty
    std::vector<std::pair<std::string, std::string>> tags;

    // The first problem that makes the record unusable, and where it is.
    std::string damage;
    SourcePosition damagePosition;
    // Where the record is: its first field.
    SourcePosition position;
    bool hasPosition = false;

    // v1 when it has v1-only fields: binaryAnnotations, or annotations that carry their endpoint.
    bool isV1() const
    {
        if (hasBinaryAnnotations)
            return true;
        for (const ZipkinAnnotation& annotation : annotations) {
            if (annotation.endpoint)
                return true;
        }
        return false;
    }

    // Keeps the vectors' capacity for the next record.
    void clear()
    {
        traceId = {};
        id = 0;
        parentId = 0;
        hasTraceId = false;
        hasId = false;
        name.clear();
        kind = SpanKind::Unspecified;
        timestampNs = 0;
        durationNs = 0;
        debug = false;
        shared = false;
        localEndpoint.reset();
        remoteEndpoint.reset();
        annotations.clear();
        binaryAnnotations.clear();
        hasBinaryAnnotations = false;
        tags.clear();
        damage.clear();
        damagePosition = {};
        position = {};
        hasPosition = false;
    }
};

// A SpanRecord made from a draft, before its side is decided (zipkinsharedspans.h).
struct ZipkinSpan {
    SpanRecord record; // side Primary; parentSpanId is Zipkin's parentId
    bool shared = false; // "shared": true, or a v1 server / consumer half that does not own the timestamp
};

} // namespace skein
