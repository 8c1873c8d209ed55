// SPDX-License-Identifier: MIT
// Deterministic, realistic traces of an imaginary online shop, for demos, tests and benchmarks, and the
// function that streams them into a file of any writable format.
#pragma once

#include "span.h"
#include "tracewriter.h"

#include <QString>
#include <QStringList>
#include <QStringView>

class QIODevice;

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace skein {

// 2026-11-01T09:00:00Z: a fixed default, so that the same options always produce the same bytes.
inline constexpr int64_t defaultDemoStartNs = 1793523600LL * 1000000000LL;

struct DemoOptions {
    uint64_t spans = 0;
    // 0: about one trace per 200 spans, at least one. Never more traces than spans (each has a span).
    uint64_t traces = 0;
    uint64_t seed = 1;
    int64_t startNs = defaultDemoStartNs; // start of the first trace
};

class DemoGenerator {
public:
    explicit DemoGenerator(DemoOptions options);
    ~DemoGenerator();
    DemoGenerator(const DemoGenerator&) = delete;
    DemoGenerator& operator=(const DemoGenerator&) = delete;

    // Replaces out with the spans of the next trace (parents before their children). Returns false, with
    // out empty, when all traces were produced. Over all calls exactly options.spans spans come out.
    bool nextTrace(std::vector<SpanRecord>& out);

    uint64_t traceCount() const; // the number of traces that will be produced, after the defaults
    uint64_t tracesProduced() const;
    uint64_t spansProduced() const;

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

enum class DemoFormat { Jaeger, OtlpJson, OtlpJsonLines, OtlpProto, Zipkin };

// "jaeger", "otlp-json", "otlp-jsonl", "otlp-proto", "zipkin" (case-insensitive).
std::optional<DemoFormat> demoFormatFromName(QStringView name);
QString demoFormatName(DemoFormat format);
QStringList demoFormatNames();

// A streaming writer of the format over an open device (which must outlive it).
std::unique_ptr<TraceWriter> createTraceWriter(DemoFormat format, QIODevice& device);

// Streams the generator into path ("-" = standard output) trace by trace, so memory does not grow with
// the number of traces. A file is replaced only when everything was written. Returns false with
// *errorMessage set (when given) on failure.
bool writeDemoFile(const DemoOptions& options, DemoFormat format, const QString& path, QString* errorMessage);

} // namespace skein
