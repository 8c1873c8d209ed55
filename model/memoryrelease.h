// SPDX-License-Identifier: MIT
// Hands memory that the allocator keeps after big temporary work (loading a million-span trace, closing a
// cache connection with a full page cache) back to the system, so that what stays is what the data holds.
#pragma once

namespace skein {

// Cheap enough after a load; pointless in a loop. A no-op where the C library offers no way to do it.
void releaseFreedMemory();

// Called once at start-up: big blocks (a trace's arrays, its event text) get their own mappings and go
// back to the system exactly when freed. glibc otherwise raises that threshold after the first big
// block is freed, and later big blocks then fragment the heap: about 5 bytes per span of a million-span
// trace stay behind that no trim can return.
void keepBigBlocksSeparate();

} // namespace skein
