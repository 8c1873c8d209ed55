// SPDX-License-Identifier: MIT
// Writes traces as OTLP/JSON (TracesData): either one document for the whole output or JSON lines with
// one document per trace (the OpenTelemetry file exporter's layout), streaming trace by trace.
#pragma once

#include "tracewriter.h"

#include <memory>

class QIODevice;

namespace skein {

class OtlpJsonWriter final : public TraceWriter {
public:
    enum class Layout {
        Document, // {"resourceSpans":[...all traces...]}
        Lines, // one {"resourceSpans":[...]} per trace and line
    };

    // The device must be open for writing and outlive the writer.
    OtlpJsonWriter(QIODevice& device, Layout layout);
    ~OtlpJsonWriter() override;

    bool begin() override;
    bool writeTrace(const std::vector<SpanRecord>& spans) override;
    bool finish() override;
    QString errorMessage() const override;

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace skein
