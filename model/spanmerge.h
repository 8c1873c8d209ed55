// SPDX-License-Identifier: MIT
#pragma once

#include "span.h"

namespace skein {

// Folds another fragment of the same span (same trace id, span id and side) into target: empty fields
// are filled, attributes are united by key (target's value wins), events, links and warnings are
// united without duplicates, and the time range grows to cover both fragments' known extents.
// Merging a span with an identical copy of itself changes nothing.
void mergeSpanFragment(SpanRecord& target, const SpanRecord& fragment);

} // namespace skein
