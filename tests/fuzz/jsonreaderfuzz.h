// SPDX-License-Identifier: MIT
// Runs one JSON reader over fuzzer input, bypassing the sniffer so that the reader sees every shape.
#pragma once

#include "bytesource.h"
#include "fuzzsink.h"
#include "jsoninput.h"
#include "jsonshape.h"
#include "jsonstreamparser.h"
#include "spanbatch.h"

template <typename Reader> int fuzzJsonReader(const uint8_t* data, size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const skein::JsonShape shape = skein::sniffJsonShape(bytes);
    auto source = skein::ByteSource::fromMemory(QByteArray(bytes.data(), qsizetype(size)), QStringLiteral("fuzz"));
    FuzzSink sink;
    skein::SpanBatch batch(sink, 64);
    skein::ImportReport report;
    Reader reader(batch, report, shape);
    skein::JsonInput input(*source, 4096);
    skein::JsonStreamLimits limits;
    limits.maxDepth = 128;
    limits.maxCapturedBytes = size_t(16) << 20;
    skein::JsonStreamParser parser(limits);
    if (parser.parse(input, reader, report))
        batch.flush();
    return 0;
}
