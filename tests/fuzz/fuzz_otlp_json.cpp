// SPDX-License-Identifier: MIT
#include "otlpjsonreader.h"
#include "jsonreaderfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return fuzzJsonReader<skein::OtlpJsonReader>(data, size);
}
