// SPDX-License-Identifier: MIT
#include "bytesource.h"
#include "fuzzsink.h"
#include "otlpprotoreader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto source = skein::ByteSource::fromMemory(
        QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), QStringLiteral("fuzz"));
    FuzzSink sink;
    skein::ImportReport report;
    skein::OtlpProtoOptions options;
    options.maxMessageBytes = 16 << 20;
    options.pendingLimit = 1000;
    skein::importOtlpProtobuf(*source, sink, report, options);
    return 0;
}
