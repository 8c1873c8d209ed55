// SPDX-License-Identifier: MIT
// Hands memory that the allocator keeps after big temporary work (loading a million-span trace, closing a
// cache connection with a full page cache) back to the system, so that what stays is what the data holds.
#pragma once

namespace skein {

// Cheap enough after a load; pointless in a loop. A no-op where the C library offers no way to do it.
void releaseFreedMemory();

} // namespace skein
