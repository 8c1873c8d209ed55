// SPDX-License-Identifier: MIT
// Writes traces as the Jaeger UI / HTTP API v1 envelope {"data":[trace, ...], "total":0, ...}, the file
// the Jaeger UI downloads and uploads, streaming trace by trace.
#pragma once

#include "tracewriter.h"

#include <memory>

class QIODevice;

namespace skein {

class JaegerJsonWriter final : public TraceWriter {
public:
    // The device must be open for writing and outlive the writer.
    explicit JaegerJsonWriter(QIODevice& device);
    ~JaegerJsonWriter() override;

    bool begin() override;
    bool writeTrace(const std::vector<SpanRecord>& spans) override;
    bool finish() override;
    QString errorMessage() const override;

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace skein
