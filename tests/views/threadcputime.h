// SPDX-License-Identifier: MIT
// Processor time of the calling thread: for time limits in tests that other processes (ctest runs two tests at
// once, on a shared machine) must not push over, as wall-clock time can be.
#pragma once

#include <QtGlobal>

#include <ctime>

namespace skein::test {

inline qint64 threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

} // namespace skein::test
