// SPDX-License-Identifier: MIT
// Builds a TraceIndex from span rows written column by column, in any order. The rows can be written in
// slices by several threads at once (one per slice), and the build itself uses a second thread for a big
// trace: reading a million rows and ordering them is most of the time it takes to open a trace.
#pragma once

#include "traceindex.h"

#include <memory>
#include <unordered_map>

namespace skein {

// Small ids for a builder's keys (e.g. the cache's dictionary ids), in the order first seen.
class KeyTable {
public:
    uint32_t idOf(int64_t key)
    {
        // Neighbouring rows mostly share a service, and often an operation.
        if (key == m_lastKey)
            return m_lastId;
        m_lastKey = key;
        m_lastId = lookUp(key);
        return m_lastId;
    }
    const std::vector<int64_t>& keys() const { return m_keys; } // by id

private:
    uint32_t lookUp(int64_t key);

    int64_t m_lastKey = INT64_MIN;
    uint32_t m_lastId = 0;
    std::vector<uint32_t> m_dense; // key -> id + 1 (0: not seen yet), for small keys
    std::unordered_map<int64_t, uint32_t> m_sparse;
    std::vector<int64_t> m_keys;
};

class TraceIndexBuilder {
public:
    // Room for spanCount rows, whose row ids are the runs [first, last] one after the other.
    TraceIndexBuilder(size_t spanCount, std::vector<std::pair<int64_t, int64_t>> rowRuns);
    ~TraceIndexBuilder();
    TraceIndexBuilder(const TraceIndexBuilder&) = delete;
    TraceIndexBuilder& operator=(const TraceIndexBuilder&) = delete;

    // Writes rows [begin, end) in order; different slices may be written by different threads at once.
    class Slice {
    public:
        bool full() const { return m_next == m_end; }
        size_t written() const { return m_next - m_begin; }
        void add(SpanId spanId, SpanId parentSpanId, SpanSide side, int64_t serviceKey, int64_t operationKey,
            SpanKind kind, StatusCode status, int64_t startNs, int64_t durationNs);
        // Forgets what was written, to write the slice again from its first row.
        void restart();
        // Once full: sorts the slice's rows for build(), on the thread that wrote them, while other slices
        // are still being written. build() does it for slices that did not.
        void prepare() { prepare(false); }
        ~Slice();

    private:
        friend class TraceIndexBuilder;
        struct Sorted;
        Slice(TraceIndexBuilder& builder, size_t begin, size_t end);
        void prepare(bool useAnotherThread);
        TraceIndexBuilder& m_builder;
        std::unique_ptr<Sorted> m_sorted;
        size_t m_begin;
        size_t m_next;
        size_t m_end;
        KeyTable m_services;
        KeyTable m_operations;
    };
    Slice& addSlice(size_t begin, size_t end);

    // Once every slice is full. serviceName / operationName are called once per distinct key.
    TraceIndex build(const TraceId& traceId, const std::function<QString(int64_t key)>& serviceName,
        const std::function<QString(int64_t key)>& operationName);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace skein
