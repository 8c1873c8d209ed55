// SPDX-License-Identifier: MIT
// Writes traces as OTLP protobuf, streaming trace by trace: either one ExportTraceServiceRequest for the
// whole output (a concatenation of serialized TracesData is itself one), or the OpenTelemetry Collector
// file exporter's stream, one request per trace after its 4-byte big-endian length.
#pragma once

#include "tracewriter.h"

#include <memory>

class QIODevice;

namespace skein {

class OtlpProtoWriter final : public TraceWriter {
public:
    enum class Layout {
        Request, // what an OTLP/HTTP client POSTs to /v1/traces
        Stream, // the collector file exporter's `format: proto`
    };

    // The device must be open for writing and outlive the writer.
    OtlpProtoWriter(QIODevice& device, Layout layout);
    ~OtlpProtoWriter() override;

    bool begin() override;
    bool writeTrace(const std::vector<SpanRecord>& spans) override;
    bool finish() override;
    QString errorMessage() const override;

    class Impl;

private:
    std::unique_ptr<Impl> d;
};

} // namespace skein
