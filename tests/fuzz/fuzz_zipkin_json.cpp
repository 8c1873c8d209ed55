// SPDX-License-Identifier: MIT
#include "jsonreaderfuzz.h"
#include "zipkinjsonreader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return fuzzJsonReader<skein::ZipkinJsonReader>(data, size);
}
