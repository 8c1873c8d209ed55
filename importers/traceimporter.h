// SPDX-License-Identifier: MIT
// The one entry point that turns any supported input into spans: sniffs the format from content and
// runs the matching streaming importer.
#pragma once

#include "importmessage.h"
#include "spansink.h"

namespace skein {

class ByteSource;

// Reads source to its end (or to a fatal error, or cancel), delivering spans to sink in batches.
// Never throws; every problem ends up in report (rejected + error, or warnings).
void importTraces(ByteSource& source, SpanSink& sink, ImportReport& report);

} // namespace skein
