// SPDX-License-Identifier: MIT
// Writes traces as one Zipkin v2 JSON array of spans (formats.md §3), what Zipkin's /api/v2/trace answers
// and its collector accepts, streaming trace by trace. Zipkin has no place for resource attributes other
// than the service name and address, nor for links or event attributes other than in the annotation
// text; those are left out or folded in as Zipkin exporters do.
#pragma once

#include "tracewriter.h"

#include <memory>

class QIODevice;

namespace skein {

class ZipkinJsonWriter final : public TraceWriter {
public:
    // The device must be open for writing and outlive the writer.
    explicit ZipkinJsonWriter(QIODevice& device);
    ~ZipkinJsonWriter() override;

    bool begin() override;
    bool writeTrace(const std::vector<SpanRecord>& spans) override;
    bool finish() override;
    QString errorMessage() const override;

    class Impl;

private:
    std::unique_ptr<Impl> d;
};

} // namespace skein
