// SPDX-License-Identifier: MIT
#include "jsonreaderfuzz.h"
#include "otlpjsonreader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return fuzzJsonReader<skein::OtlpJsonReader>(data, size);
}
