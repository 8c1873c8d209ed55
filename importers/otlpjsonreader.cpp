// SPDX-License-Identifier: MIT
#include "otlpjsonreader.h"

#include "jsonnode.h"
#include "spanbatch.h"

namespace skein {

namespace {

bool isResourceSpansKey(std::string_view key)
{
    // "batches": Tempo's /api/traces answer (the older tempopb.Trace message).
    return key == "resourceSpans" || key == "batches" || looseKeyEquals(key, "resourceSpans");
}

bool isScopeSpansKey(std::string_view key)
{
    // instrumentationLibrarySpans: OTLP before proto 0.15 (renamed in 2022).
    return key == "scopeSpans" || looseKeyEquals(key, "scopeSpans")
        || looseKeyEquals(key, "instrumentationLibrarySpans");
}

bool isScopeKey(std::string_view key)
{
    return key == "scope" || looseKeyEquals(key, "instrumentationLibrary");
}

bool isOtherSignalKey(std::string_view key)
{
    return looseKeyEquals(key, "resourceMetrics") || looseKeyEquals(key, "resourceLogs")
        || looseKeyEquals(key, "resourceProfiles");
}

std::string stringMember(const JsonNode& node, std::string_view key)
{
    const JsonNode* member = node.findLoose(key);
    return member && member->isString() ? std::string(member->string()) : std::string();
}

} // namespace

OtlpJsonReader::OtlpJsonReader(SpanBatch& batch, ImportReport& report, const JsonShape& shape)
    : m_batch(batch)
    , m_report(report)
    , m_decoder(report)
{
    if (shape.hasRootKey("result") || (shape.hasRootKey("error") && !shape.hasRootKey("resourceSpans")))
        m_report.format = "jaeger-api-v3";
    else if (shape.severalDocuments)
        m_report.format = "otlp-jsonl";
    else
        m_report.format = "otlp-json";
}

OtlpJsonReader::Place OtlpJsonReader::locate(const JsonPath& path)
{
    if (path.empty())
        return Place::Root;
    // Where the TracesData object sits: the root, or one level below it.
    size_t base = 0;
    const JsonPathElement& first = path.front();
    if (first.isIndex() || first.key == "result" || first.key == "trace") {
        base = 1;
    } else if (path.size() == 1) {
        if (first.key == "error")
            return Place::ErrorObject;
        if (first.key == "status" || first.key == "message")
            return Place::RootString;
    }
    if (path.size() == base)
        return Place::Wrapper;

    const size_t depth = path.size() - base;
    const JsonPathElement* at = path.data() + base;
    if (at[0].isIndex())
        return Place::Ignored;
    if (!isResourceSpansKey(at[0].key))
        return depth == 1 && isOtherSignalKey(at[0].key) ? Place::OtherSignal : Place::Ignored;
    if (depth == 1)
        return Place::ResourceSpansList;
    if (!at[1].isIndex())
        return Place::Ignored;
    if (depth == 2)
        return Place::ResourceSpans;
    if (depth == 3) {
        if (at[2].key == "resource")
            return Place::Resource;
        return isScopeSpansKey(at[2].key) ? Place::ScopeSpansList : Place::Ignored;
    }
    if (!isScopeSpansKey(at[2].key) || !at[3].isIndex())
        return Place::Ignored;
    if (depth == 4)
        return Place::ScopeSpans;
    if (depth == 5) {
        if (isScopeKey(at[4].key))
            return Place::Scope;
        return at[4].key == "spans" ? Place::SpanList : Place::Ignored;
    }
    if (depth == 6 && at[4].key == "spans" && at[5].isIndex())
        return Place::Span;
    return Place::Ignored;
}

void OtlpJsonReader::documentStarted(int64_t)
{
    m_resource.reset();
    m_scope.reset();
    m_resourceKnown = false;
    m_scopeKnown = false;
    m_pending.clear();
    m_scopeStart = 0;
    m_sawSpans = false;
    m_sawWrapper = false;
    m_sawOtherSignal = false;
    m_sawError = false;
    m_sawTrace = false;
    m_tempoStatus.clear();
    m_tempoMessage.clear();
}

JsonStreamClient::Action OtlpJsonReader::valueStarted(const JsonPath& path, bool isContainer)
{
    switch (locate(path)) {
    case Place::Ignored:
        return Action::Skip;
    case Place::Root:
        return Action::Descend;
    case Place::Wrapper:
        m_sawWrapper = true;
        m_sawTrace = m_sawTrace || (!path.front().isIndex() && path.front().key == "trace");
        return Action::Descend;
    case Place::ErrorObject:
        return Action::Capture;
    case Place::RootString:
        return isContainer ? Action::Skip : Action::Capture;
    case Place::OtherSignal:
        m_sawOtherSignal = true;
        return Action::Skip;
    case Place::ResourceSpansList:
        m_sawSpans = true;
        return Action::Descend;
    case Place::ResourceSpans:
        if (!isContainer)
            return Action::Skip;
        m_resource.reset();
        m_resourceKnown = false;
        return Action::Descend;
    case Place::ScopeSpans:
        if (!isContainer)
            return Action::Skip;
        m_scope.reset();
        m_scopeKnown = false;
        m_scopeStart = m_pending.size();
        return Action::Descend;
    case Place::ScopeSpansList:
    case Place::SpanList:
        return Action::Descend;
    case Place::Resource:
    case Place::Scope:
    case Place::Span:
        return Action::Capture;
    }
    return Action::Skip;
}

bool OtlpJsonReader::captured(const JsonPath& path, const JsonNode& value, const SourcePosition& position)
{
    switch (locate(path)) {
    case Place::Span:
        return readSpan(value, position);
    case Place::Resource:
        m_resource = m_decoder.decodeResource(value, position);
        m_resourceKnown = true;
        return resourceArrived();
    case Place::Scope:
        m_scope = m_decoder.decodeScope(value, position);
        m_scopeKnown = true;
        for (size_t i = m_scopeStart; i < m_pending.size(); ++i)
            m_pending[i].scope = m_scope;
        return !m_resourceKnown || storePending(m_pending.size());
    case Place::ErrorObject:
        readError(value, position);
        return !m_stopped;
    case Place::RootString:
        if (value.isString())
            (path.front().key == "status" ? m_tempoStatus : m_tempoMessage).assign(value.string());
        return true;
    default:
        return true;
    }
}

bool OtlpJsonReader::readSpan(const JsonNode& value, const SourcePosition& position)
{
    ++m_report.records;
    SpanRecord span;
    if (!m_decoder.decodeSpan(value, position, span))
        return true;
    if (m_scopeKnown)
        span.scope = m_scope;
    if (m_resourceKnown && m_scopeKnown)
        return store(std::move(span));
    m_pending.push_back(std::move(span));
    return m_pending.size() < m_pendingLimit || forcePending(position);
}

// Too many spans came before their resource or scope: store them with what is known, so that memory
// stays bounded; a resource or scope that still comes applies to the spans after it.
bool OtlpJsonReader::forcePending(const SourcePosition& position)
{
    const std::string count = std::to_string(m_pending.size());
    if (!m_resourceKnown) {
        m_report.warn(count
                + " spans came before the \"resource\" of their resourceSpans element; they were stored "
                  "without a resource",
            position);
        m_resource = std::make_shared<Resource>();
        m_resourceKnown = true;
    }
    if (!m_scopeKnown) {
        m_report.warn(count
                + " spans came before the \"scope\" of their scopeSpans element; they were stored "
                  "without a scope",
            position);
        m_scopeKnown = true;
    }
    return storePending(m_pending.size());
}

bool OtlpJsonReader::resourceArrived()
{
    // Spans of finished scope blocks have their scope; those of the open block wait for its scope.
    return storePending(m_scopeKnown ? m_pending.size() : m_scopeStart);
}

bool OtlpJsonReader::containerEnded(const JsonPath& path)
{
    switch (locate(path)) {
    case Place::ScopeSpans:
        return scopeBlockEnded();
    case Place::ResourceSpans:
        return resourceBlockEnded();
    default:
        return true;
    }
}

bool OtlpJsonReader::scopeBlockEnded()
{
    // A block without a scope leaves its spans' scope null.
    m_scopeKnown = true;
    m_scopeStart = m_pending.size();
    return !m_resourceKnown || storePending(m_pending.size());
}

bool OtlpJsonReader::resourceBlockEnded()
{
    if (!m_resourceKnown) {
        m_resource = std::make_shared<Resource>();
        m_resourceKnown = true;
    }
    m_scopeKnown = true;
    const bool ok = storePending(m_pending.size());
    m_resource.reset();
    m_resourceKnown = false;
    return ok;
}

bool OtlpJsonReader::storePending(size_t count)
{
    bool ok = true;
    for (size_t i = 0; i < count && ok; ++i)
        ok = store(std::move(m_pending[i]));
    m_pending.erase(m_pending.begin(), m_pending.begin() + ptrdiff_t(count));
    m_scopeStart = m_scopeStart > count ? m_scopeStart - count : 0;
    return ok;
}

bool OtlpJsonReader::store(SpanRecord&& span)
{
    span.resource = m_resource;
    span.serviceName = m_resource->serviceName;
    if (m_batch.add(std::move(span)))
        return true;
    m_stopped = true;
    return false;
}

void OtlpJsonReader::readError(const JsonNode& value, const SourcePosition& position)
{
    m_sawError = true;
    std::string message = "the server answered with an error";
    const std::string text = value.isString() ? std::string(value.string()) : stringMember(value, "message");
    if (!text.empty())
        message += ": " + text;
    std::string detail;
    if (const JsonNode* http = value.findLoose("httpCode"); http && http->toInt64())
        detail = "HTTP " + std::to_string(*http->toInt64());
    if (const std::string status = stringMember(value, "httpStatus"); !status.empty())
        detail += (detail.empty() ? "" : " ") + status;
    if (const JsonNode* grpc = value.findLoose("grpcCode"); detail.empty() && grpc && grpc->toInt64())
        detail = "gRPC code " + std::to_string(*grpc->toInt64());
    if (!detail.empty())
        message += " (" + detail + ")";
    // After spans were read (a stream of results that ends in an error) keep them and say so.
    if (m_report.records == 0) {
        m_report.reject(message, position);
        m_stopped = true;
    } else {
        m_report.warn(message + "; the spans before it were kept", position);
    }
}

bool OtlpJsonReader::documentEnded(int64_t index, bool complete)
{
    if (m_stopped)
        return false;
    // A document cut short by a syntax error leaves its blocks open: store what was read.
    if (!m_pending.empty()) {
        if (!m_resourceKnown)
            m_resource = std::make_shared<Resource>();
        m_resourceKnown = true;
        if (!storePending(m_pending.size()))
            return false;
    }
    if (!m_batch.flush()) {
        m_stopped = true;
        return false;
    }
    if (!complete)
        return true;
    if (m_sawTrace && m_tempoStatus == "PARTIAL")
        m_report.warn(
            "Tempo answered with a partial trace" + (m_tempoMessage.empty() ? "" : ": " + m_tempoMessage), {});
    if (!m_sawSpans && !m_sawError && !m_sawWrapper) {
        if (!m_sawOtherSignal)
            m_report.warn("JSON document " + std::to_string(index + 1)
                    + " holds no \"resourceSpans\" (nor metrics or logs); it was skipped",
                {});
        ++m_report.skippedDocuments;
    }
    return true;
}

} // namespace skein
