// SPDX-License-Identifier: MIT
#pragma once

namespace skein {

class TraceStore;

// Fills an empty cache with a small generated sample, so a first start has something to explore.
// Returns true when it added the sample.
bool addSampleWhenEmpty(TraceStore& store);

} // namespace skein
