// SPDX-License-Identifier: MIT
// Zipkin's RPC halves share one span id (formats.md §3): this decides, for the spans of one trace, which
// ones are the server half (SpanSide::SharedServer) so that both halves are stored, and which records
// are fragments of the same half, to be merged by the cache.
#pragma once

#include "zipkinspandraft.h"

#include <vector>

namespace skein {

// Within each group of spans with the same id:
// - a span marked shared (not CLIENT or PRODUCER) is the server half; so is an unmarked SERVER span next
//   to a CLIENT span of the same id, as Zipkin itself backfills the flag;
// - a kind-less fragment joins the server half when it ran on the server half's service, else the
//   primary half;
// - a server half is re-parented under the client half (parentSpanId = its own id) when the group has a
//   primary half; without one it keeps Zipkin's parentId, so a lone server half is not cut loose.
void resolveZipkinSides(std::vector<ZipkinSpan>& spans);

} // namespace skein
