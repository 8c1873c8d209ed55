// SPDX-License-Identifier: MIT
#include "zipkinjsonreader.h"

#include "jsonshape.h"
#include "spanbatch.h"
#include "zipkinsharedspans.h"

namespace skein {

namespace {

constexpr const char* v1Format = "zipkin-v1-json";
constexpr const char* v2Format = "zipkin-v2-json";

bool shapeLooksLikeV1(const JsonShape& shape)
{
    return JsonShape::hasKey(shape.firstElementKeys, "binaryAnnotations") || shape.hasRootKey("binaryAnnotations");
}

} // namespace

ZipkinJsonReader::ZipkinJsonReader(SpanBatch& batch, ImportReport& report, const JsonShape& shape)
    : m_batch(batch)
    , m_report(report)
    , m_decoder(report)
{
    // A guess for inputs without spans; the first span decides.
    m_report.format = shapeLooksLikeV1(shape) ? v1Format : v2Format;
    m_frames.reserve(8);
}

ZipkinJsonReader::~ZipkinJsonReader() = default;

void ZipkinJsonReader::documentStarted(int64_t)
{
    m_frames.clear();
    m_pending = Pending::None;
    m_draft.clear();
}

JsonStreamClient::Action ZipkinJsonReader::valueStarted(const JsonPath& path, bool isContainer)
{
    if (m_frames.empty()) {
        if (!isContainer)
            return Action::Skip;
        m_frames.push_back(Frame::Unknown);
        return Action::Descend;
    }
    const JsonPathElement& last = path.back();
    Frame& frame = m_frames.back();
    if (frame == Frame::Unknown) {
        frame = last.isIndex() ? Frame::Array : Frame::Span;
        if (frame == Frame::Span)
            m_draft.clear();
    }
    if (frame == Frame::Array) {
        if (isContainer) {
            m_frames.push_back(Frame::Unknown);
            return Action::Descend;
        }
        m_pending = Pending::Element;
        return Action::Capture;
    }
    m_pendingField = zipkinFieldFromKey(last.key);
    if (m_pendingField != ZipkinField::None) {
        m_pending = Pending::Field;
        return Action::Capture;
    }
    // An unknown scalar still tells where a record without known fields is, for its warning.
    if (!isContainer && !m_draft.hasPosition) {
        m_pending = Pending::Position;
        return Action::Capture;
    }
    return Action::Skip;
}

bool ZipkinJsonReader::captured(const JsonPath& path, const JsonNode& value, const SourcePosition& position)
{
    m_lastPosition = position;
    const Pending pending = m_pending;
    m_pending = Pending::None;
    switch (pending) {
    case Pending::None:
        return true;
    case Pending::Field:
        m_decoder.decode(m_pendingField, path.back().key, value, position, m_draft);
        return true;
    case Pending::Position:
        if (!m_draft.hasPosition) {
            m_draft.position = position;
            m_draft.hasPosition = true;
        }
        return true;
    case Pending::Element:
        ++m_report.records;
        return skipRecord("expected a span object in the array, found " + value.describe(), position);
    }
    return true;
}

bool ZipkinJsonReader::containerEnded(const JsonPath&)
{
    const Frame frame = m_frames.back();
    m_frames.pop_back();
    return frame == Frame::Span ? finishRecord() : true;
}

bool ZipkinJsonReader::skipRecord(std::string message, const SourcePosition& position)
{
    ++m_report.skippedRecords;
    m_report.warn(std::move(message) + "; span skipped", position);
    return true;
}

bool ZipkinJsonReader::finishRecord()
{
    ++m_report.records;
    ZipkinSpanDraft& draft = m_draft;
    const SourcePosition position = draft.hasPosition ? draft.position : m_lastPosition;
    if (!draft.damage.empty())
        return skipRecord(std::move(draft.damage), draft.damagePosition);
    if (!draft.hasTraceId)
        return skipRecord("span has no \"traceId\" (16 or 32 hex digits)", position);
    if (!draft.hasId)
        return skipRecord("span has no \"id\" (1-16 hex digits)", position);
    if (draft.parentId == draft.id) {
        // Its own parent would be a cycle; the shared-half logic re-parents server halves itself.
        m_report.warn("span \"parentId\" is the span's own id; the span is read without a parent", position);
        draft.parentId = 0;
    }
    m_converted.clear();
    const bool v1 = m_converter.convert(draft, m_converted);
    if (!m_formatKnown) {
        m_report.format = v1 ? v1Format : v2Format;
        m_formatKnown = true;
    }
    return hold(m_converted);
}

bool ZipkinJsonReader::hold(std::vector<ZipkinSpan>& spans)
{
    if (spans.empty())
        return true;
    std::vector<ZipkinSpan>& held = m_held[spans.front().record.traceId];
    if (held.empty())
        m_heldOrder.push_back(spans.front().record.traceId);
    for (ZipkinSpan& span : spans)
        held.push_back(std::move(span));
    m_heldCount += spans.size();
    return m_heldCount < m_pendingLimit || storeHeld();
}

bool ZipkinJsonReader::storeHeld()
{
    bool ok = true;
    for (const TraceId& traceId : m_heldOrder) {
        const auto it = m_held.find(traceId);
        if (it == m_held.end())
            continue;
        std::vector<ZipkinSpan>& spans = it->second;
        resolveZipkinSides(spans);
        for (ZipkinSpan& span : spans) {
            if (!ok)
                break;
            SpanRecord& record = span.record;
            record.serviceName = record.resource->serviceName;
            ok = m_batch.add(std::move(record));
        }
    }
    m_held.clear();
    m_heldOrder.clear();
    m_heldCount = 0;
    return ok;
}

void ZipkinJsonReader::reportUntimed()
{
    const ZipkinSpanConverter::Untimed& untimed = m_converter.untimed();
    if (untimed.withoutStart > 0)
        m_report.warn(std::to_string(untimed.withoutStart)
                + " spans have no \"timestamp\" and no annotation to take it from; they take their timing from "
                  "other records of the same span where there are any, else 0 is used",
            untimed.firstWithoutStart);
    if (untimed.withoutDuration > 0)
        m_report.warn(std::to_string(untimed.withoutDuration)
                + " spans have no \"duration\" and no later annotation to derive it from; 0 is used unless "
                  "another record of the same span has one",
            untimed.firstWithoutDuration);
    m_converter.resetUntimed();
}

bool ZipkinJsonReader::documentEnded(int64_t, bool complete)
{
    // A record cut short by a syntax error is dropped; the parser reports the error, and its warning
    // comes first (a broken single-line document is rejected with the first warning).
    m_frames.clear();
    m_draft.clear();
    const bool stored = storeHeld();
    if (complete)
        reportUntimed();
    return stored && m_batch.flush();
}

} // namespace skein
