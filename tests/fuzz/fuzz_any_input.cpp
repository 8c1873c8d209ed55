// SPDX-License-Identifier: MIT
// The whole entry point: decompression, sniffing and whichever reader the content picks.
#include "bytesource.h"
#include "fuzzsink.h"
#include "traceimporter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto source = skein::ByteSource::fromMemory(
        QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), QStringLiteral("fuzz"));
    FuzzSink sink;
    skein::ImportReport report;
    skein::importTraces(*source, sink, report);
    return 0;
}
