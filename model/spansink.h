// SPDX-License-Identifier: MIT
#pragma once

#include "span.h"

#include <string>
#include <vector>

namespace skein {

// Where an importer delivers spans. The cache writer is one implementation; tests collect.
class SpanSink {
public:
    virtual ~SpanSink() = default;
    // Takes the spans out of the vector (it is left empty or unspecified). Returns false when the sink
    // failed (errorMessage() says why); the importer must then stop.
    virtual bool addSpans(std::vector<SpanRecord>& spans) = 0;
    virtual std::string errorMessage() const { return {}; }
};

} // namespace skein
