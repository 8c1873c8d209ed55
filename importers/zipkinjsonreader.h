// SPDX-License-Identifier: MIT
// Streams Zipkin JSON (formats.md §3, §3.1) into SpanRecords: a v2 or v1 array of spans, a single span
// object, and arrays of arrays (the /api/v2/traces answer, or several collector batches), flattened. v1
// or v2 is decided per record from its fields. Records are read one field at a time; spans are held per
// trace (up to a limit) so that the client and server halves of an RPC, which share one span id, can be
// told apart before they are stored.
#pragma once

#include "jsonstreamparser.h"
#include "zipkinfielddecoder.h"
#include "zipkinspanconverter.h"

#include <unordered_map>
#include <vector>

namespace skein {

struct JsonShape;
class SpanBatch;

class ZipkinJsonReader : public JsonStreamClient {
public:
    ZipkinJsonReader(SpanBatch& batch, ImportReport& report, const JsonShape& shape);
    ~ZipkinJsonReader() override;

    // Past this many held spans, every held trace is stored with what is known of it, so that memory
    // stays bounded when a file interleaves many traces.
    void setPendingLimit(size_t limit) { m_pendingLimit = limit; }

    void documentStarted(int64_t index) override;
    Action valueStarted(const JsonPath& path, bool isContainer) override;
    bool captured(const JsonPath& path, const JsonNode& value, const SourcePosition& position) override;
    bool containerEnded(const JsonPath& path) override;
    bool documentEnded(int64_t index, bool complete) override;

private:
    // Unknown: a container whose first member or element has not been seen, so whether it is a span
    // (object) or a list of spans (array) is not known yet.
    enum class Frame : uint8_t { Unknown, Array, Span };
    enum class Pending : uint8_t { None, Field, Element, Position };

    bool finishRecord();
    bool skipRecord(std::string message, const SourcePosition& position);
    bool hold(std::vector<ZipkinSpan>& spans);
    bool storeHeld();
    void reportUntimed();

    SpanBatch& m_batch;
    ImportReport& m_report;
    ZipkinFieldDecoder m_decoder;
    ZipkinSpanConverter m_converter;
    std::vector<Frame> m_frames;
    Pending m_pending = Pending::None;
    ZipkinField m_pendingField = ZipkinField::None;
    SourcePosition m_lastPosition;
    ZipkinSpanDraft m_draft;
    std::vector<ZipkinSpan> m_converted;
    bool m_formatKnown = false;

    std::unordered_map<TraceId, std::vector<ZipkinSpan>, TraceIdHash> m_held;
    std::vector<TraceId> m_heldOrder; // the order in which the held traces began, to store them in file order
    size_t m_heldCount = 0;
    size_t m_pendingLimit = 20000;
};

} // namespace skein
