// SPDX-License-Identifier: MIT
#include "otlpprotoreader.h"

#include "bytesource.h"
#include "otlpprotodecoder.h"
#include "otlpprotoinput.h"
#include "proto/common.pb.h"
#include "proto/resource.pb.h"
#include "proto/trace.pb.h"
#include "spanbatch.h"

#include <limits>

namespace skein {

namespace {

constexpr int64_t unbounded = std::numeric_limits<int64_t>::max();
constexpr size_t arenaBlockSize = 64 * 1024;

enum WireType : uint32_t { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 };

// Field numbers (formats.md §5).
constexpr uint32_t resourceSpansField = 1; // TracesData / ExportTraceServiceRequest
constexpr uint32_t resourceField = 1; // ResourceSpans
constexpr uint32_t scopeSpansField = 2;
constexpr uint32_t legacyScopeSpansField = 1000; // instrumentation_library_spans, OTLP 0.15 to 0.18
constexpr uint32_t scopeField = 1; // ScopeSpans
constexpr uint32_t spanField = 2;

struct Tag {
    uint32_t field = 0;
    uint32_t wireType = 0;
    int64_t offset = 0;
};

std::string sizeText(int64_t bytes)
{
    constexpr int64_t mebibyte = 1024 * 1024;
    return bytes % mebibyte == 0 ? std::to_string(bytes / mebibyte) + " MiB" : std::to_string(bytes) + " bytes";
}

// What became of a damaged ResourceSpans, by the number of its spans stored before the damage.
std::string keptConsequence(uint64_t kept)
{
    if (kept == 0)
        return "; skipped";
    if (kept == 1)
        return "; the span before the damage was kept, the rest of it was skipped";
    return "; the " + std::to_string(kept) + " spans before the damage were kept, the rest of it was skipped";
}

class Reader {
public:
    Reader(ByteSource& source, SpanSink& sink, ImportReport& report, const OtlpProtoOptions& options)
        : m_source(source)
        , m_input(source)
        , m_batch(sink)
        , m_report(report)
        , m_options(options)
        , m_decoder(report)
        , m_arenaBlock(arenaBlockSize)
    {
        google::protobuf::ArenaOptions arenaOptions;
        arenaOptions.initial_block = m_arenaBlock.data();
        arenaOptions.initial_block_size = m_arenaBlock.size();
        m_arena = std::make_unique<google::protobuf::Arena>(arenaOptions);
    }

    void run();

private:
    // Why a walk stopped before the end of its message.
    enum class Stop {
        None,
        Damaged, // the bytes are not what they must be; the enclosing message can be skipped
        Ended, // the input ended inside a message
        Reported, // stop reading; a warning already says why
        SourceFailed,
        SinkFailed,
    };
    enum class Leaf { Parsed, Invalid, TooLarge, Stopped };

    void readRequest();
    void readStream();
    bool readTracesData(int64_t end);
    bool readResourceSpans(int64_t start, int64_t payload, int64_t end);
    bool walkResourceSpans(int64_t end);
    bool walkScopeSpans(int64_t end);
    bool readResource(const Tag& tag, int64_t size);
    bool readScope(const Tag& tag, int64_t size);
    bool readSpan(const Tag& tag, int64_t size);
    Leaf readLeaf(google::protobuf::MessageLite& message, int64_t size);

    bool readTag(int64_t end, Tag& tag);
    bool readVarint(int64_t end, int64_t offset, std::string_view what, uint64_t& value);
    bool readLength(const Tag& tag, int64_t end, std::string_view what, int64_t& length);
    bool skipField(const Tag& tag, int64_t end);
    bool skipTo(int64_t end);
    bool inputProblem(OtlpProtoInput::Result result);
    bool fail(Stop kind, std::string detail, int64_t offset);
    std::string truncation(int64_t payload, int64_t end) const;
    void damage(const std::string& what, const std::string& consequence, int64_t offset);
    void stopped();

    bool resourceArrived();
    bool scopeArrived();
    bool scopeBlockEnded();
    bool resourceBlockEnded();
    bool storePending(size_t count);
    bool store(SpanRecord&& span);
    bool forcePending(int64_t offset);

    ByteSource& m_source;
    OtlpProtoInput m_input;
    SpanBatch m_batch;
    ImportReport& m_report;
    OtlpProtoOptions m_options;
    OtlpProtoDecoder m_decoder;

    // Each span is parsed into an arena that is reset for the next one, so that its many small objects
    // cost no allocation each (string contents still do; they are moved into the model, not copied).
    std::vector<char> m_arenaBlock;
    std::unique_ptr<google::protobuf::Arena> m_arena;
    // Reused so that their memory is too.
    otlp::Resource m_resourceMessage;
    otlp::InstrumentationScope m_scopeMessage;

    Stop m_stop = Stop::None;
    std::string m_stopDetail;
    int64_t m_stopOffset = 0;
    // The first damage, to reject with when nothing could be read.
    std::string m_firstDamage;
    int64_t m_firstDamageOffset = -1;
    size_t m_firstDamageWarning = 0;

    // The ResourceSpans and ScopeSpans being read.
    std::shared_ptr<const Resource> m_resource;
    std::shared_ptr<const InstrumentationScope> m_scope;
    bool m_resourceKnown = false;
    bool m_scopeKnown = false;
    // Spans waiting for their resource or scope; those before m_scopeStart already have their scope.
    std::vector<SpanRecord> m_pending;
    size_t m_scopeStart = 0;
    uint64_t m_storedFromResourceSpans = 0;
};

void Reader::run()
{
    // A stream starts with its first message's length; a request starts with field 1 (0x0a). A stream
    // whose first message is 160 MiB or more (length byte 0x0a) would be read as a request and fail.
    const std::string_view first = m_source.peek(1);
    const bool stream = !first.empty() && first.front() != 0x0a;
    m_report.format = stream ? "otlp-protobuf-stream" : "otlp-protobuf";
    if (stream)
        readStream();
    else
        readRequest();
    stopped();
}

void Reader::readRequest()
{
    if (readTracesData(unbounded) || m_stop == Stop::Reported)
        return;
    if (m_stop != Stop::Damaged && m_stop != Stop::Ended)
        return;
    // Between ResourceSpans there is no length to resynchronise on.
    if (m_stop == Stop::Ended)
        damage(m_stopDetail, "", m_stopOffset);
    else
        damage("the input is damaged: " + m_stopDetail, "; the rest of it was skipped", m_stopOffset);
    m_stop = Stop::Reported;
}

void Reader::readStream()
{
    for (int64_t index = 1; !m_input.atEnd(); ++index) {
        const int64_t start = m_input.position();
        std::string_view prefix;
        if (const auto result = m_input.take(4, prefix); result != OtlpProtoInput::Result::Ok) {
            if (inputProblem(result) || m_stop != Stop::Ended)
                return;
            damage("the length prefix of message " + std::to_string(index) + " at byte offset " + std::to_string(start)
                    + " is cut short: the input ends after " + std::to_string(m_input.position() - start)
                    + " of its 4 bytes",
                "", start);
            m_stop = Stop::Reported;
            return;
        }
        const auto* bytes = reinterpret_cast<const unsigned char*>(prefix.data());
        const int64_t length
            = int64_t(uint32_t(bytes[0]) << 24 | uint32_t(bytes[1]) << 16 | uint32_t(bytes[2]) << 8 | bytes[3]);
        const int64_t payload = m_input.position();
        const int64_t end = payload + length;
        if (readTracesData(end))
            continue;
        if (m_stop != Stop::Damaged && m_stop != Stop::Ended)
            return;
        const std::string what = "message " + std::to_string(index) + " of the stream (at byte offset "
            + std::to_string(start) + ", " + std::to_string(length) + " bytes) is damaged: ";
        const int64_t offset = m_stopOffset;
        if (m_stop == Stop::Ended) {
            damage(what + truncation(payload, end), "", offset);
            m_stop = Stop::Reported;
            return;
        }
        const std::string detail = m_stopDetail;
        m_stop = Stop::None;
        // The length prefix is the way to the next message; when it is wrong too, the input ends first.
        if (!skipTo(end)) {
            if (m_stop != Stop::Ended)
                return;
            damage(what + detail, "; the input ends before the end it declares, so the rest was lost", offset);
            m_stop = Stop::Reported;
            return;
        }
        damage(what + detail, "; the rest of that message was skipped", offset);
    }
    if (m_input.sourceFailed())
        fail(Stop::SourceFailed, m_source.errorString().toStdString(), m_input.position());
}

// TracesData and ExportTraceServiceRequest: field 1 is a ResourceSpans, anything else is skipped.
bool Reader::readTracesData(int64_t end)
{
    while (true) {
        if (end == unbounded) {
            if (m_input.atEnd())
                return !m_input.sourceFailed() || inputProblem(OtlpProtoInput::Result::SourceFailed);
        } else if (m_input.position() >= end) {
            return true;
        }
        Tag tag;
        if (!readTag(end, tag))
            return false;
        if (tag.field != resourceSpansField || tag.wireType != LengthDelimited) {
            if (!skipField(tag, end))
                return false;
            continue;
        }
        int64_t size = 0;
        if (!readLength(tag, end, "a ResourceSpans", size))
            return false;
        const int64_t payload = m_input.position();
        if (!readResourceSpans(tag.offset, payload, payload + size))
            return false;
    }
}

bool Reader::readResourceSpans(int64_t start, int64_t payload, int64_t end)
{
    m_storedFromResourceSpans = 0;
    if (walkResourceSpans(end))
        return true;
    if (m_stop != Stop::Damaged && m_stop != Stop::Ended)
        return false;
    const Stop kind = m_stop;
    const std::string detail = m_stopDetail;
    const int64_t offset = m_stopOffset;
    m_stop = Stop::None;
    // Keep the spans read before the damage, with what is known of their resource and scope, as the JSON
    // reader keeps those before a syntax error.
    if (!resourceBlockEnded())
        return false;
    bool ended = kind == Stop::Ended;
    std::string what = "ResourceSpans at byte offset " + std::to_string(start) + " is damaged: ";
    if (ended) {
        what += truncation(payload, end);
    } else {
        what += detail;
        if (!skipTo(end)) {
            if (m_stop != Stop::Ended)
                return false;
            what += "; the input ends inside it";
            ended = true;
        }
    }
    const uint64_t kept = m_storedFromResourceSpans;
    damage(what, keptConsequence(kept), offset);
    m_stop = ended ? Stop::Reported : Stop::None;
    return !ended;
}

bool Reader::walkResourceSpans(int64_t end)
{
    m_resource.reset();
    m_scope.reset();
    m_resourceKnown = false;
    m_scopeKnown = true; // no ScopeSpans is open
    m_pending.clear();
    m_scopeStart = 0;
    bool sawScopeSpans = false;
    while (m_input.position() < end) {
        Tag tag;
        if (!readTag(end, tag))
            return false;
        const bool known = tag.wireType == LengthDelimited
            && (tag.field == resourceField
                || tag.field == scopeSpansField
                // Readers must take the legacy field only when scope_spans is absent (proto 0.15 notes).
                || (tag.field == legacyScopeSpansField && !sawScopeSpans));
        if (!known) {
            if (!skipField(tag, end))
                return false;
            continue;
        }
        int64_t size = 0;
        if (!readLength(tag, end, tag.field == resourceField ? "its resource" : "a ScopeSpans", size))
            return false;
        if (tag.field == resourceField) {
            if (!readResource(tag, size))
                return false;
            continue;
        }
        sawScopeSpans = sawScopeSpans || tag.field == scopeSpansField;
        if (!walkScopeSpans(m_input.position() + size))
            return false;
    }
    return resourceBlockEnded();
}

bool Reader::walkScopeSpans(int64_t end)
{
    m_scope.reset();
    m_scopeKnown = false;
    m_scopeStart = m_pending.size();
    while (m_input.position() < end) {
        Tag tag;
        if (!readTag(end, tag))
            return false;
        if (tag.wireType != LengthDelimited || (tag.field != scopeField && tag.field != spanField)) {
            if (!skipField(tag, end))
                return false;
            continue;
        }
        int64_t size = 0;
        if (!readLength(tag, end, tag.field == scopeField ? "its scope" : "a span", size))
            return false;
        if (!(tag.field == scopeField ? readScope(tag, size) : readSpan(tag, size)))
            return false;
    }
    return scopeBlockEnded();
}

Reader::Leaf Reader::readLeaf(google::protobuf::MessageLite& message, int64_t size)
{
    if (size > m_options.maxMessageBytes) {
        const auto result = m_input.skip(uint64_t(size));
        return result == OtlpProtoInput::Result::Ok || inputProblem(result) ? Leaf::TooLarge : Leaf::Stopped;
    }
    std::string_view bytes;
    if (const auto result = m_input.take(size_t(size), bytes); result != OtlpProtoInput::Result::Ok) {
        inputProblem(result);
        return Leaf::Stopped;
    }
    return message.ParseFromArray(bytes.data(), int(bytes.size())) ? Leaf::Parsed : Leaf::Invalid;
}

bool Reader::readResource(const Tag& tag, int64_t size)
{
    switch (readLeaf(m_resourceMessage, size)) {
    case Leaf::Stopped:
        return false;
    case Leaf::TooLarge:
        return fail(Stop::Damaged,
            "its resource declares " + std::to_string(size) + " bytes, more than the "
                + sizeText(m_options.maxMessageBytes) + " one resource may have",
            tag.offset);
    case Leaf::Invalid:
        return fail(Stop::Damaged,
            "its resource at byte offset " + std::to_string(tag.offset) + " is not a valid Resource message",
            tag.offset);
    case Leaf::Parsed:
        break;
    }
    m_resource = m_decoder.decodeResource(m_resourceMessage);
    m_resourceKnown = true;
    return resourceArrived();
}

bool Reader::readScope(const Tag& tag, int64_t size)
{
    switch (readLeaf(m_scopeMessage, size)) {
    case Leaf::Stopped:
        return false;
    case Leaf::TooLarge:
        return fail(Stop::Damaged,
            "a scope declares " + std::to_string(size) + " bytes, more than the " + sizeText(m_options.maxMessageBytes)
                + " one scope may have",
            tag.offset);
    case Leaf::Invalid:
        return fail(Stop::Damaged,
            "the scope at byte offset " + std::to_string(tag.offset) + " is not a valid InstrumentationScope message",
            tag.offset);
    case Leaf::Parsed:
        break;
    }
    m_scope = m_decoder.decodeScope(m_scopeMessage);
    m_scopeKnown = true;
    return scopeArrived();
}

bool Reader::readSpan(const Tag& tag, int64_t size)
{
    m_arena->Reset();
    auto* message = google::protobuf::Arena::CreateMessage<otlp::Span>(m_arena.get());
    const Leaf leaf = readLeaf(*message, size);
    if (leaf == Leaf::Stopped)
        return false; // a span cut short by the end of the input is not a record; the damage says so
    ++m_report.records;
    switch (leaf) {
    case Leaf::Stopped:
        return false;
    case Leaf::TooLarge:
        m_report.warn("a span declares " + std::to_string(size) + " bytes, more than the "
                + sizeText(m_options.maxMessageBytes) + " one span may have; it was skipped",
            { 0, 0, tag.offset });
        ++m_report.skippedRecords;
        return true;
    case Leaf::Invalid:
        m_report.warn("the span at byte offset " + std::to_string(tag.offset)
                + " is damaged (not a valid Span message); it was skipped",
            { 0, 0, tag.offset });
        ++m_report.skippedRecords;
        return true;
    case Leaf::Parsed:
        break;
    }
    SpanRecord span;
    if (!m_decoder.decodeSpan(*message, tag.offset, span))
        return true;
    if (m_scopeKnown)
        span.scope = m_scope;
    if (m_resourceKnown && m_scopeKnown)
        return store(std::move(span));
    m_pending.push_back(std::move(span));
    return m_pending.size() < m_options.pendingLimit || forcePending(tag.offset);
}

bool Reader::readTag(int64_t end, Tag& tag)
{
    tag.offset = m_input.position();
    uint64_t key = 0;
    if (!readVarint(end, tag.offset, "a field tag", key))
        return false;
    tag.field = uint32_t(key >> 3);
    tag.wireType = uint32_t(key & 7);
    const bool validType = tag.wireType == Varint || tag.wireType == Fixed64 || tag.wireType == LengthDelimited
        || tag.wireType == Fixed32;
    if (key > std::numeric_limits<uint32_t>::max() || tag.field == 0 || !validType)
        return fail(Stop::Damaged,
            "invalid field tag " + std::to_string(key) + " (field " + std::to_string(key >> 3) + ", wire type "
                + std::to_string(key & 7) + ") at byte offset " + std::to_string(tag.offset),
            tag.offset);
    return true;
}

// A varint that runs past the end of its message is damage, even when the input ends there too.
bool Reader::readVarint(int64_t end, int64_t offset, std::string_view what, uint64_t& value)
{
    const auto result = m_input.readVarint(value);
    if (result == OtlpProtoInput::Result::Ok ? m_input.position() <= end
                                             : result != OtlpProtoInput::Result::End || m_input.position() < end)
        return inputProblem(result);
    return fail(Stop::Damaged,
        std::string(what) + " at byte offset " + std::to_string(offset) + " runs past the end of its message", offset);
}

bool Reader::readLength(const Tag& tag, int64_t end, std::string_view what, int64_t& length)
{
    uint64_t value = 0;
    if (!readVarint(end, tag.offset, std::string(what) + "'s length", value))
        return false;
    const int64_t offset = tag.offset;
    const int64_t position = m_input.position();
    if (position > end || value > uint64_t(end - position)) {
        const std::string room = end == unbounded
            ? std::string("which no input can hold")
            : "but only " + std::to_string(std::max<int64_t>(end - position, 0)) + " remain in the message around it";
        return fail(Stop::Damaged,
            std::string(what) + " at byte offset " + std::to_string(offset) + " declares " + std::to_string(value)
                + " bytes, " + room,
            offset);
    }
    length = int64_t(value);
    return true;
}

bool Reader::skipField(const Tag& tag, int64_t end)
{
    uint64_t size = 0;
    switch (tag.wireType) {
    case Varint: {
        uint64_t ignored = 0;
        return readVarint(end, tag.offset, "field " + std::to_string(tag.field), ignored);
    }
    case Fixed64:
        size = 8;
        break;
    case Fixed32:
        size = 4;
        break;
    default: {
        int64_t length = 0;
        if (!readLength(tag, end, "field " + std::to_string(tag.field), length))
            return false;
        size = uint64_t(length);
        break;
    }
    }
    if (int64_t(size) > end - m_input.position())
        return fail(Stop::Damaged,
            "field " + std::to_string(tag.field) + " at byte offset " + std::to_string(tag.offset)
                + " runs past the end of its message",
            tag.offset);
    const auto result = m_input.skip(size);
    return result == OtlpProtoInput::Result::Ok || inputProblem(result);
}

bool Reader::skipTo(int64_t end)
{
    const int64_t position = m_input.position();
    if (position >= end)
        return true;
    const auto result = m_input.skip(uint64_t(end - position));
    return result == OtlpProtoInput::Result::Ok || inputProblem(result);
}

bool Reader::inputProblem(OtlpProtoInput::Result result)
{
    const int64_t position = m_input.position();
    switch (result) {
    case OtlpProtoInput::Result::Ok:
        return true;
    case OtlpProtoInput::Result::End:
        return fail(Stop::Ended, "the input ends in the middle of a field, at byte offset " + std::to_string(position),
            position);
    case OtlpProtoInput::Result::Malformed:
        return fail(Stop::Damaged, "a number at byte offset " + std::to_string(position) + " is longer than 10 bytes",
            position);
    case OtlpProtoInput::Result::SourceFailed:
        break;
    }
    return fail(Stop::SourceFailed, m_source.errorString().toStdString(), position);
}

bool Reader::fail(Stop kind, std::string detail, int64_t offset)
{
    m_stop = kind;
    m_stopDetail = std::move(detail);
    m_stopOffset = offset;
    return false;
}

std::string Reader::truncation(int64_t payload, int64_t end) const
{
    return "it declares " + std::to_string(end - payload) + " bytes, but the input ends after "
        + std::to_string(m_input.position() - payload) + " of them";
}

void Reader::damage(const std::string& what, const std::string& consequence, int64_t offset)
{
    if (m_firstDamageOffset < 0) {
        m_firstDamage = what;
        m_firstDamageOffset = offset;
        m_firstDamageWarning = m_report.warnings.size();
    }
    m_report.warn(what + consequence, { 0, 0, offset });
}

// Settles the report once reading stopped, for whatever reason.
void Reader::stopped()
{
    const SourcePosition position { 0, 0, m_input.position() };
    switch (m_stop) {
    case Stop::SourceFailed:
        if (m_source.cancelled()) {
            m_report.cancelled = true;
            return;
        }
        if (m_report.records == 0) {
            m_report.reject(m_stopDetail, position);
            return;
        }
        m_report.warn(m_stopDetail + "; the spans before it were kept", position);
        break;
    case Stop::SinkFailed:
        m_report.reject("could not store spans: " + m_batch.errorMessage(), position);
        return;
    default:
        break;
    }
    if (!m_batch.flush()) {
        m_report.reject("could not store spans: " + m_batch.errorMessage(), position);
        return;
    }
    if (m_report.records > 0 || m_firstDamageOffset < 0)
        return;
    // Nothing could be read: the damage is the verdict, not a warning beside it.
    if (m_firstDamageWarning < m_report.warnings.size()
        && m_report.warnings[m_firstDamageWarning].message.starts_with(m_firstDamage))
        m_report.warnings.erase(m_report.warnings.begin() + ptrdiff_t(m_firstDamageWarning));
    m_report.reject(m_firstDamage, { 0, 0, m_firstDamageOffset });
}

bool Reader::resourceArrived()
{
    // The resource sits beside the ScopeSpans, so every waiting span already has its scope.
    return storePending(m_pending.size());
}

bool Reader::scopeArrived()
{
    for (size_t i = m_scopeStart; i < m_pending.size(); ++i)
        m_pending[i].scope = m_scope;
    return !m_resourceKnown || storePending(m_pending.size());
}

bool Reader::scopeBlockEnded()
{
    // A block without a scope leaves its spans' scope null.
    m_scopeKnown = true;
    m_scopeStart = m_pending.size();
    return !m_resourceKnown || storePending(m_pending.size());
}

bool Reader::resourceBlockEnded()
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

// Too many spans came before their resource or scope: store them with what is known, so that memory
// stays bounded; a resource or scope that still comes applies to the spans after it.
bool Reader::forcePending(int64_t offset)
{
    const std::string count = std::to_string(m_pending.size());
    if (!m_resourceKnown) {
        m_report.warn(
            count + " spans came before the resource of their ResourceSpans; they were stored without a resource",
            { 0, 0, offset });
        m_resource = std::make_shared<Resource>();
        m_resourceKnown = true;
    }
    if (!m_scopeKnown) {
        m_report.warn(count + " spans came before the scope of their ScopeSpans; they were stored without a scope",
            { 0, 0, offset });
        m_scopeKnown = true;
    }
    return storePending(m_pending.size());
}

bool Reader::storePending(size_t count)
{
    bool ok = true;
    for (size_t i = 0; i < count && ok; ++i)
        ok = store(std::move(m_pending[i]));
    m_pending.erase(m_pending.begin(), m_pending.begin() + ptrdiff_t(count));
    m_scopeStart = m_scopeStart > count ? m_scopeStart - count : 0;
    return ok;
}

bool Reader::store(SpanRecord&& span)
{
    span.resource = m_resource;
    span.serviceName = m_resource->serviceName;
    ++m_storedFromResourceSpans;
    if (m_batch.add(std::move(span)))
        return true;
    return fail(Stop::SinkFailed, {}, m_input.position());
}

} // namespace

void importOtlpProtobuf(ByteSource& source, SpanSink& sink, ImportReport& report, const OtlpProtoOptions& options)
{
    Reader reader(source, sink, report, options);
    reader.run();
}

} // namespace skein
