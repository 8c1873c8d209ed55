// SPDX-License-Identifier: MIT
// The threads that long work (imports, trace loads, searches, layouts) runs on.
#pragma once

class QThreadPool;

namespace skein {

// Not QThreadPool::globalInstance(): Qt's raster painter splits big fills and blends over the global pool
// and waits for them on the GUI thread, so an import and a search holding its threads (two, on a 2-core
// machine) would freeze every repaint until they end.
QThreadPool* backgroundThreads();

} // namespace skein
