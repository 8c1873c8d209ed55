// SPDX-License-Identifier: MIT
#include "formatsniffer.h"

#include <algorithm>

namespace skein {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool hasExactKey(const std::vector<std::string>& keys, std::string_view key)
{
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Zipkin v1 Thrift structures use snake_case where the JSON formats use camelCase ("traceId").
bool looksLikeThriftJson(const std::vector<std::string>& keys)
{
    return hasExactKey(keys, "trace_id") || hasExactKey(keys, "binary_annotations");
}

SniffResult unsupported(std::string description, JsonShape shape)
{
    return { InputFormat::Unsupported, std::move(description), std::move(shape) };
}

SniffResult sniffObject(JsonShape shape)
{
    const auto has = [&shape](std::string_view key) { return shape.hasRootKey(key); };
    if (has("resourceSpans") || has("batches") || has("result") || has("resourceMetrics") || has("resourceLogs")
        || has("resourceProfiles") || (has("trace") && !has("traceID")))
        return { InputFormat::OtlpJson, "OTLP JSON", std::move(shape) };
    if (has("error") && shape.rootKeys.size() == 1)
        return { InputFormat::OtlpJson, "Jaeger api_v3 error response", std::move(shape) };
    if (JsonShape::hasKey(shape.firstSpanKeys, "traceIdLow"))
        return unsupported(
            "Jaeger Thrift structures written as JSON (an internal agent format, not an interchange format)",
            std::move(shape));
    if (hasExactKey(shape.firstSpanKeys, "trace_id") && hasExactKey(shape.firstSpanKeys, "id"))
        return unsupported(
            "Zipkin proto3 ListOfSpans written as protobuf JSON (not a format Zipkin exchanges)", std::move(shape));
    if (has("data") && shape.data == JsonShape::Root::Array && JsonShape::hasKey(shape.dataKeys, "parent")
        && JsonShape::hasKey(shape.dataKeys, "child"))
        return unsupported("service dependency links (parent, child, callCount), not spans", std::move(shape));
    if (has("data") || has("processes") || has("processMap") || has("spanID") || (has("spans") && !has("traceEvents"))
        || (has("traceId") && has("spanId")))
        return { InputFormat::JaegerJson, "Jaeger JSON", std::move(shape) };
    if (has("traceEvents"))
        return unsupported(
            "Chrome trace-event JSON (a profiler timeline, not distributed-trace spans)", std::move(shape));
    if (has("traces"))
        return unsupported("a Tempo search response (it lists matching trace ids, not their spans)", std::move(shape));
    if (has("services") || has("operations") || has("summaries") || has("dependencies"))
        return unsupported(
            "a Jaeger api_v3 services, operations, summaries or dependencies response, not spans", std::move(shape));
    if (has("traceId") && has("id"))
        return { InputFormat::ZipkinJson, "Zipkin JSON (one span)", std::move(shape) };
    if (looksLikeThriftJson(shape.rootKeys))
        return unsupported("Zipkin v1 Thrift structures written as JSON (not an interchange format)", std::move(shape));
    if (shape.complete && shape.rootKeys.empty())
        return unsupported("an empty JSON object", std::move(shape));
    return { InputFormat::Unknown, "JSON that is not a known trace format", std::move(shape) };
}

SniffResult sniffArray(JsonShape shape)
{
    const auto has = [&shape](std::string_view key) { return JsonShape::hasKey(shape.firstElementKeys, key); };
    if (shape.firstElement == JsonShape::Root::NotJson && shape.complete)
        return { InputFormat::JaegerJson, "an empty JSON array", std::move(shape) };
    if (shape.firstElement == JsonShape::Root::Array)
        return { InputFormat::ZipkinJson, "Zipkin JSON (a list of span lists)", std::move(shape) };
    if (has("traceID") && has("spanID"))
        return { InputFormat::JaegerJson, "Jaeger JSON spans", std::move(shape) };
    if (has("parent") && has("child"))
        return unsupported("service dependency links (parent, child, callCount), not spans", std::move(shape));
    if (has("ph") && (has("ts") || has("name")))
        return unsupported(
            "Chrome trace-event JSON (a profiler timeline, not distributed-trace spans)", std::move(shape));
    if (looksLikeThriftJson(shape.firstElementKeys))
        return unsupported("Zipkin v1 Thrift structures written as JSON (not an interchange format)", std::move(shape));
    if (has("traceId") && (has("id") || has("spanId")))
        return { InputFormat::ZipkinJson, "Zipkin JSON", std::move(shape) };
    if (has("resourceSpans"))
        return { InputFormat::OtlpJson, "OTLP JSON", std::move(shape) };
    return { InputFormat::Unknown, "a JSON array that is not a known trace format", std::move(shape) };
}

// Text format files start with "# proto-message:" style comments or "resource_spans {".
bool looksLikeProtobufText(std::string_view text)
{
    while (!text.empty() && text.front() == '#') {
        const std::string_view line = text.substr(0, text.find('\n'));
        if (line.find("proto-message:") != std::string_view::npos || line.find("proto-file:") != std::string_view::npos)
            return true;
        const size_t next = text.find('\n');
        if (next == std::string_view::npos)
            return false;
        text.remove_prefix(next + 1);
        while (!text.empty() && isBlank(text.front()))
            text.remove_prefix(1);
    }
    return text.starts_with("resource_spans") || text.starts_with("resourceSpans");
}

} // namespace

SniffResult sniffFormat(std::string_view prefix)
{
    size_t start = 0;
    if (prefix.substr(0, 3) == "\xEF\xBB\xBF")
        start = 3;
    while (start < prefix.size() && isBlank(prefix[start]))
        ++start;
    if (start == prefix.size())
        return { InputFormat::Empty, "an empty file", {} };

    const char first = prefix[start];
    if (first == '{' || first == '[') {
        JsonShape shape = sniffJsonShape(prefix);
        if (shape.root == JsonShape::Root::Object)
            return sniffObject(std::move(shape));
        if (shape.root == JsonShape::Root::Array)
            return sniffArray(std::move(shape));
        return { InputFormat::Unknown, "JSON", std::move(shape) };
    }
    // Protobuf: ExportTraceServiceRequest / TracesData start with field 1, wire type 2 (0x0a);
    // the collector's file exporter puts a 4-byte big-endian length before each message.
    if (static_cast<unsigned char>(prefix[0]) == 0x0a)
        return { InputFormat::OtlpProtobuf, "OTLP protobuf", {} };
    if (prefix.size() > 4 && static_cast<unsigned char>(prefix[4]) == 0x0a && prefix[0] == 0)
        return { InputFormat::OtlpProtobuf, "OTLP protobuf (length-prefixed stream)", {} };
    if (looksLikeProtobufText(prefix.substr(start)))
        return unsupported("protobuf text format (protoc's debugging notation, not an interchange format)", {});
    return { InputFormat::Unknown, "not JSON", {} };
}

} // namespace skein
