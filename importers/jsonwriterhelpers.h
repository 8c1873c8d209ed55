// SPDX-License-Identifier: MIT
// Small pieces shared by the JSON trace writers: the RapidJSON writer type over JsonOutputStream, and
// ids, 64-bit numbers and doubles written without allocating. Include only from .cpp files (it pulls
// in RapidJSON).
#pragma once

#include "jsonoutputstream.h"
#include "span.h"

#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <string_view>

namespace skein::json {

using Writer = rapidjson::Writer<JsonOutputStream>;

inline void string(Writer& writer, std::string_view text)
{
    writer.String(text.data(), rapidjson::SizeType(text.size()));
}

inline void key(Writer& writer, std::string_view text)
{
    writer.Key(text.data(), rapidjson::SizeType(text.size()));
}

inline char* hex64(char* out, uint64_t value)
{
    for (int i = 15; i >= 0; --i) {
        out[i] = "0123456789abcdef"[value & 0xF];
        value >>= 4;
    }
    return out + 16;
}

inline void spanId(Writer& writer, SpanId id)
{
    char buffer[16];
    hex64(buffer, id);
    writer.String(buffer, 16);
}

// 32 hex digits, or 16 when the high half is zero and the caller asks for Jaeger's short form.
inline void traceId(Writer& writer, const TraceId& id, bool shortWhenHighIsZero)
{
    char buffer[32];
    if (shortWhenHighIsZero && id.high == 0) {
        hex64(buffer, id.low);
        writer.String(buffer, 16);
        return;
    }
    hex64(hex64(buffer, id.high), id.low);
    writer.String(buffer, 32);
}

// A 64-bit integer as a JSON string, exact (OTLP int64 fields, Jaeger's unsafe integers).
inline void decimalString(Writer& writer, int64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    writer.String(buffer, rapidjson::SizeType(result.ptr - buffer));
}

// JSON has no NaN or infinities: write them as the strings that proto3 JSON uses.
inline void number(Writer& writer, double value)
{
    if (std::isfinite(value))
        writer.Double(value);
    else if (std::isnan(value))
        string(writer, "NaN");
    else
        string(writer, value > 0 ? "Infinity" : "-Infinity");
}

} // namespace skein::json
