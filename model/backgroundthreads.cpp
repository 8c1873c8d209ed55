// SPDX-License-Identifier: MIT
#include "backgroundthreads.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace skein {

QThreadPool* backgroundThreads()
{
    // Destroyed after main() returns, waiting for what still runs, as the global pool would.
    static QThreadPool pool;
    static const bool configured = [] {
        // Much of this work waits on the disk or is cancelled and winding down: more threads than cores
        // keep a new task from queueing behind one that is about to end.
        pool.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        return true;
    }();
    Q_UNUSED(configured);
    return &pool;
}

} // namespace skein
