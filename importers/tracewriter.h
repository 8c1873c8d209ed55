// SPDX-License-Identifier: MIT
// Common interface of the streaming trace writers (demo files, exports), so that a caller can pick the
// output format at run time and feed any of them trace by trace.
#pragma once

#include "span.h"

#include <QString>

#include <vector>

namespace skein {

class TraceWriter {
public:
    virtual ~TraceWriter() = default;

    // Each returns false once writing failed; errorMessage() then says why and the output is incomplete.
    virtual bool begin() = 0;
    // All spans of one trace (an empty vector is ignored). Only this trace is held while it is written.
    virtual bool writeTrace(const std::vector<SpanRecord>& spans) = 0;
    // Closes the document and flushes everything to the device.
    virtual bool finish() = 0;
    virtual QString errorMessage() const = 0;
};

} // namespace skein
