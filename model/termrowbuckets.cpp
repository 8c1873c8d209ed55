// SPDX-License-Identifier: MIT
#include "termrowbuckets.h"

#include <algorithm>

namespace skein {

TermRowBuckets::TermRowBuckets()
    : m_buckets(bucketCount)
{
}

bool TermRowBuckets::drain(const std::function<bool(const Row* rows, size_t count)>& write)
{
    bool ok = true;
    for (std::vector<Row>& bucket : m_buckets) {
        if (ok && !bucket.empty()) {
            // The same row may have been added twice, e.g. by a trace whose spans came in two runs.
            std::sort(bucket.begin(), bucket.end());
            bucket.erase(std::unique(bucket.begin(), bucket.end()), bucket.end());
            ok = write(bucket.data(), bucket.size());
        }
        bucket = {}; // freed as we go, so that the rows are not held twice
    }
    m_size = 0;
    return ok;
}

} // namespace skein
