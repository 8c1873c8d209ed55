// SPDX-License-Identifier: MIT
#include "traceindexbuilder.h"

#include "bucketsort.h"

#include <numeric>
#include <thread>

namespace skein {

uint32_t KeyTable::lookUp(int64_t key)
{
    constexpr size_t denseLimit = size_t(1) << 20;
    if (key >= 0 && size_t(key) < denseLimit) {
        if (size_t(key) >= m_dense.size())
            m_dense.resize(std::min(denseLimit, std::max(size_t(key) + 1, m_dense.size() * 2)), 0);
        uint32_t& slot = m_dense[size_t(key)];
        if (slot == 0) {
            m_keys.push_back(key);
            slot = uint32_t(m_keys.size());
        }
        return slot - 1;
    }
    const auto [it, inserted] = m_sparse.try_emplace(key, uint32_t(m_keys.size()));
    if (inserted)
        m_keys.push_back(key);
    return it->second;
}

namespace {

constexpr uint32_t sideBit = 0x80000000u;
constexpr int32_t orphan = -2; // in parentOf: has a parent id, but not one of the trace

// Below this many spans a second thread costs more than it saves.
constexpr size_t parallelFrom = 50000;

// Runs both, the second on another thread when the work is big enough (and a thread can be had).
template <typename First, typename Second> void runBoth(bool parallel, First first, Second second)
{
    std::thread other;
    if (parallel) {
        try {
            other = std::thread(second);
        } catch (const std::system_error&) {
            parallel = false;
        }
    }
    first();
    if (parallel)
        other.join();
    else
        second();
}

template <typename T> std::unique_ptr<T[]> uninitialized(size_t count)
{
    return std::make_unique_for_overwrite<T[]>(count);
}

// The keys of every table with their names sorted (ties by key), so that lists and legends read in order;
// returns, per table, its ids -> positions in sortedNames.
std::vector<std::vector<uint32_t>> sortedIds(const std::vector<const KeyTable*>& tables,
    const std::function<QString(int64_t)>& nameOf, std::vector<QString>& sortedNames)
{
    std::vector<int64_t> keys;
    for (const KeyTable* table : tables)
        keys.insert(keys.end(), table->keys().begin(), table->keys().end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<QString> names;
    names.reserve(keys.size());
    for (int64_t key : keys)
        names.push_back(nameOf(key));
    std::vector<uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
    std::vector<uint32_t> rank(keys.size());
    sortedNames.clear();
    sortedNames.reserve(keys.size());
    for (uint32_t position = 0; position < order.size(); ++position) {
        rank[order[position]] = position;
        sortedNames.push_back(std::move(names[order[position]]));
    }
    std::vector<std::vector<uint32_t>> ids;
    for (const KeyTable* table : tables) {
        std::vector<uint32_t>& map = ids.emplace_back();
        for (int64_t key : table->keys())
            map.push_back(rank[size_t(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin())]);
    }
    return ids;
}

// A span by its key: parents are resolved against these, sorted, and they become bySpanId. As a parent
// request, id is the parent wanted.
struct KeyEntry {
    SpanId id;
    uint32_t sideAndIndex; // the side in the top bit (for requests: set = the server half first)
};

// Function objects rather than functions, so that the sorts inline them.
struct ByIdThenSide {
    bool operator()(const KeyEntry& a, const KeyEntry& b) const
    {
        return a.id != b.id ? a.id < b.id : a.sideAndIndex < b.sideAndIndex;
    }
};

struct IdOf {
    uint64_t operator()(const KeyEntry& entry) const { return entry.id; }
};

struct StartEntry {
    int64_t start;
    uint32_t index;
};

// Children are ordered by start time, then span id, then side (and, for duplicates, as they came).
struct EarlierStart {
    const SpanId* spanId;
    const uint8_t* flags;
    bool operator()(const StartEntry& a, const StartEntry& b) const
    {
        if (a.start != b.start)
            return a.start < b.start;
        if (spanId[a.index] != spanId[b.index])
            return spanId[a.index] < spanId[b.index];
        const uint8_t sideA = flags[a.index] & TraceIndex::SharedServer;
        const uint8_t sideB = flags[b.index] & TraceIndex::SharedServer;
        return sideA != sideB ? sideA < sideB : a.index < b.index;
    }
};

struct StartKey {
    uint64_t operator()(const StartEntry& entry) const
    {
        return uint64_t(entry.start) ^ (uint64_t(1) << 63); // signed to unsigned, keeping the order
    }
};

template <typename Entry> struct Entries {
    std::unique_ptr<Entry[]> entries;
    size_t count = 0;
};

// The sorted parts, one per slice, merged into one.
template <typename Entry, typename Less> Entries<Entry> mergeAll(std::vector<Entries<Entry>*> parts, Less less)
{
    Entries<Entry> merged = std::move(*parts.front());
    for (size_t i = 1; i < parts.size(); ++i) {
        Entries<Entry>& part = *parts[i];
        auto both = uninitialized<Entry>(merged.count + part.count);
        std::merge(merged.entries.get(), merged.entries.get() + merged.count, part.entries.get(),
            part.entries.get() + part.count, both.get(), less);
        merged.entries = std::move(both);
        merged.count += part.count;
        part = {};
    }
    return merged;
}

} // namespace

struct TraceIndexBuilder::Private {
    size_t count = 0;
    std::vector<std::pair<int64_t, int64_t>> rowRuns;
    // One entry per row, in the order written.
    std::unique_ptr<SpanId[]> spanId;
    std::unique_ptr<SpanId[]> parentId;
    std::unique_ptr<int64_t[]> start;
    std::unique_ptr<int64_t[]> duration;
    std::unique_ptr<uint32_t[]> service; // a slice's KeyTable id, then the position in serviceNames
    std::unique_ptr<uint32_t[]> operation;
    std::unique_ptr<uint8_t[]> kind;
    std::unique_ptr<uint8_t[]> flags; // TraceIndex::SpanFlag bits
    std::vector<std::unique_ptr<Slice>> slices;
};

TraceIndexBuilder::TraceIndexBuilder(size_t spanCount, std::vector<std::pair<int64_t, int64_t>> rowRuns)
    : d(std::make_unique<Private>())
{
    d->count = spanCount;
    d->rowRuns = std::move(rowRuns);
    d->spanId = uninitialized<SpanId>(spanCount);
    d->parentId = uninitialized<SpanId>(spanCount);
    d->start = uninitialized<int64_t>(spanCount);
    d->duration = uninitialized<int64_t>(spanCount);
    d->service = uninitialized<uint32_t>(spanCount);
    d->operation = uninitialized<uint32_t>(spanCount);
    d->kind = uninitialized<uint8_t>(spanCount);
    d->flags = uninitialized<uint8_t>(spanCount);
}

TraceIndexBuilder::~TraceIndexBuilder() = default;

struct TraceIndexBuilder::Slice::Sorted {
    Entries<KeyEntry> byKey; // every span, by (id, side)
    Entries<KeyEntry> requests; // every span with a parent id, by the id wanted
    Entries<StartEntry> byStart; // every span, by start time, then span id, then side
};

TraceIndexBuilder::Slice::Slice(TraceIndexBuilder& builder, size_t begin, size_t end)
    : m_builder(builder)
    , m_begin(begin)
    , m_next(begin)
    , m_end(end)
{
}

TraceIndexBuilder::Slice::~Slice() = default;

TraceIndexBuilder::Slice& TraceIndexBuilder::addSlice(size_t begin, size_t end)
{
    d->slices.push_back(std::unique_ptr<Slice>(new Slice(*this, begin, std::min(end, d->count))));
    return *d->slices.back();
}

void TraceIndexBuilder::Slice::restart()
{
    m_next = m_begin;
    m_services = {};
    m_operations = {};
    m_sorted.reset();
}

void TraceIndexBuilder::Slice::add(SpanId spanId, SpanId parentSpanId, SpanSide side, int64_t serviceKey,
    int64_t operationKey, SpanKind kind, StatusCode status, int64_t startNs, int64_t durationNs)
{
    Private& p = *m_builder.d;
    const size_t i = m_next++;
    p.spanId[i] = spanId;
    p.parentId[i] = parentSpanId;
    p.start[i] = startNs;
    p.duration[i] = std::max<int64_t>(durationNs, 0);
    p.service[i] = m_services.idOf(serviceKey);
    p.operation[i] = m_operations.idOf(operationKey);
    p.kind[i] = uint8_t(kind);
    p.flags[i] = uint8_t((side == SpanSide::SharedServer ? TraceIndex::SharedServer : 0)
        | (status == StatusCode::Error ? TraceIndex::Error : 0));
}

void TraceIndexBuilder::Slice::prepare(bool useAnotherThread)
{
    const Private& p = *m_builder.d;
    auto sorted = std::make_unique<Sorted>();
    const uint32_t begin = uint32_t(m_begin);
    const uint32_t end = uint32_t(m_next);
    const size_t count = end - begin;
    const SpanId* const spanId = p.spanId.get();
    const uint8_t* const flags = p.flags.get();
    auto keysAndRequests = [&] {
        Entries<KeyEntry>& byKey = sorted->byKey;
        byKey.entries = uninitialized<KeyEntry>(count);
        byKey.count = count;
        for (uint32_t i = begin; i < end; ++i)
            byKey.entries[i - begin] = { spanId[i], i | (flags[i] & TraceIndex::SharedServer ? sideBit : 0u) };
        bucketSort(byKey.entries, count, IdOf(), ByIdThenSide());

        // Children of a Zipkin shared span hang under its server half; the server half under the client half.
        Entries<KeyEntry>& requests = sorted->requests;
        requests.entries = uninitialized<KeyEntry>(count);
        for (uint32_t i = begin; i < end; ++i) {
            const SpanId parent = p.parentId[i];
            if (parent == 0)
                continue;
            if (flags[i] & TraceIndex::SharedServer && parent == spanId[i])
                requests.entries[requests.count++] = { spanId[i], i }; // the client half, only
            else
                requests.entries[requests.count++] = { parent, i | sideBit };
        }
        bucketSort(requests.entries, requests.count, IdOf(), ByIdThenSide());
    };
    auto starts = [&] {
        Entries<StartEntry>& byStart = sorted->byStart;
        byStart.entries = uninitialized<StartEntry>(count);
        byStart.count = count;
        for (uint32_t i = begin; i < end; ++i)
            byStart.entries[i - begin] = { p.start[i], i };
        bucketSort(byStart.entries, count, StartKey(), EarlierStart { spanId, flags });
    };
    runBoth(useAnotherThread && count >= parallelFrom, keysAndRequests, starts);
    m_sorted = std::move(sorted);
}

TraceIndex TraceIndexBuilder::build(const TraceId& traceId, const std::function<QString(int64_t key)>& serviceName,
    const std::function<QString(int64_t key)>& operationName)
{
    Private& p = *d;
    TraceIndex index;
    index.traceId = traceId;
    std::vector<const KeyTable*> serviceTables;
    std::vector<const KeyTable*> operationTables;
    for (const auto& slice : p.slices) {
        serviceTables.push_back(&slice->m_services);
        operationTables.push_back(&slice->m_operations);
    }
    const auto serviceIds = sortedIds(serviceTables, serviceName, index.serviceNames);
    const auto operationIds = sortedIds(operationTables, operationName, index.operationNames);
    const int32_t count = int32_t(p.count);
    if (count == 0)
        return index;
    const bool parallel = p.count >= parallelFrom;
    const SpanId* const spanId = p.spanId.get();
    const int64_t* const start = p.start.get();
    const int64_t* const duration = p.duration.get();
    uint8_t* const inputFlags = p.flags.get();

    int64_t traceStart = start[0];
    int64_t traceEnd = start[0];
    for (int32_t i = 0; i < count; ++i) {
        traceStart = std::min(traceStart, start[i]);
        const int64_t end = start[i] > INT64_MAX - duration[i] ? INT64_MAX : start[i] + duration[i];
        traceEnd = std::max(traceEnd, end);
    }
    index.traceStartNs = traceStart;
    index.traceDurationNs = traceEnd - traceStart;

    std::vector<Entries<KeyEntry>*> keyParts;
    std::vector<Entries<KeyEntry>*> requestParts;
    std::vector<Entries<StartEntry>*> startParts;
    for (const auto& slice : p.slices) {
        if (!slice->m_sorted)
            slice->prepare(parallel);
        keyParts.push_back(&slice->m_sorted->byKey);
        requestParts.push_back(&slice->m_sorted->requests);
        startParts.push_back(&slice->m_sorted->byStart);
    }

    // Parents: a merge join of the spans sorted by key with the requests sorted by the id they look for;
    // a million random binary searches would miss the cache on nearly every probe.
    Entries<KeyEntry> byKey;
    std::unique_ptr<int32_t[]> parentOf = uninitialized<int32_t>(p.count);
    auto resolveParents = [&] {
        byKey = mergeAll(keyParts, ByIdThenSide());
        const Entries<KeyEntry> requests = mergeAll(requestParts, ByIdThenSide());
        std::fill_n(parentOf.get(), p.count, -1);
        size_t key = 0;
        for (size_t r = 0; r < requests.count; ++r) {
            const KeyEntry& request = requests.entries[r];
            while (key < byKey.count && byKey.entries[key].id < request.id)
                ++key;
            // byKey holds, for one id, the primary entry (if any) before the server half (if any).
            int32_t primary = -1;
            int32_t server = -1;
            for (size_t k = key; k < byKey.count && byKey.entries[k].id == request.id; ++k) {
                const int32_t candidate = int32_t(byKey.entries[k].sideAndIndex & ~sideBit);
                if (byKey.entries[k].sideAndIndex & sideBit) {
                    if (server < 0)
                        server = candidate;
                } else if (primary < 0) {
                    primary = candidate;
                }
            }
            const int32_t child = int32_t(request.sideAndIndex & ~sideBit);
            const int32_t parentIndex = (request.sideAndIndex & sideBit) && server >= 0 ? server : primary;
            // The flag is set later: the other thread reads the flags meanwhile.
            parentOf[size_t(child)] = parentIndex >= 0 && parentIndex != child ? parentIndex : orphan;
        }
    };
    // Children lists filled in this order are in order, and so are the roots.
    Entries<StartEntry> byStart;
    runBoth(parallel, resolveParents, [&] { byStart = mergeAll(startParts, EarlierStart { spanId, inputFlags }); });

    // Children lists (CSR).
    std::unique_ptr<int32_t[]> firstChild = uninitialized<int32_t>(p.count + 1);
    std::fill_n(firstChild.get(), p.count + 1, 0);
    for (int32_t i = 0; i < count; ++i)
        if (parentOf[size_t(i)] >= 0)
            ++firstChild[size_t(parentOf[size_t(i)]) + 1];
    for (int32_t i = 0; i < count; ++i)
        firstChild[size_t(i) + 1] += firstChild[size_t(i)];
    std::unique_ptr<int32_t[]> childList = uninitialized<int32_t>(size_t(firstChild[size_t(count)]));
    std::vector<int32_t> roots;
    {
        std::unique_ptr<int32_t[]> fill = uninitialized<int32_t>(p.count);
        std::copy_n(firstChild.get(), p.count, fill.get());
        for (size_t s = 0; s < p.count; ++s) {
            const int32_t i = int32_t(byStart.entries[s].index);
            const int32_t parent = parentOf[size_t(i)];
            if (parent >= 0) {
                childList[size_t(fill[size_t(parent)]++)] = i;
                continue;
            }
            if (parent == orphan)
                inputFlags[i] |= TraceIndex::Orphan;
            roots.push_back(i);
        }
    }

    // Depth-first walk. Spans never reached from a root sit on a parent cycle; each unreached one in start
    // order becomes a root with the Cycle flag, which cuts the loop.
    index.parent.resize(p.count);
    index.subtreeEnd.resize(p.count);
    index.depth.reserve(p.count);
    std::unique_ptr<int32_t[]> order = uninitialized<int32_t>(p.count); // output index -> input index
    std::unique_ptr<int32_t[]> position = uninitialized<int32_t>(p.count); // input index -> output index
    std::fill_n(position.get(), p.count, -1);
    int32_t next = 0;
    struct Frame {
        int32_t out;
        int32_t cursor; // next child to visit, into childList
        int32_t end;
    };
    std::vector<Frame> stack;
    auto place = [&](int32_t input, int32_t parentOutput, int32_t depth) {
        const int32_t out = next++;
        position[size_t(input)] = out;
        order[size_t(out)] = input;
        index.parent[size_t(out)] = parentOutput;
        index.depth.push_back(uint16_t(std::min(depth, int32_t(UINT16_MAX)))); // out is the next index
        index.maxDepth = std::max(index.maxDepth, depth);
        stack.push_back({ out, firstChild[size_t(input)], firstChild[size_t(input) + 1] });
    };
    // From a real root every span is reached once; from a cut cycle the walk comes back to spans placed.
    auto walkFrom = [&](int32_t root, bool mayMeetPlaced) {
        place(root, -1, 0);
        while (!stack.empty()) {
            Frame& frame = stack.back();
            if (frame.cursor < frame.end) {
                const int32_t child = childList[size_t(frame.cursor++)];
                if (!mayMeetPlaced || position[size_t(child)] < 0)
                    place(child, frame.out, int32_t(stack.size()));
                continue;
            }
            index.subtreeEnd[size_t(frame.out)] = next;
            stack.pop_back();
        }
    };
    for (int32_t root : roots)
        walkFrom(root, false);
    for (size_t s = 0; next < count && s < p.count; ++s) {
        const int32_t i = int32_t(byStart.entries[s].index);
        if (position[size_t(i)] >= 0)
            continue;
        inputFlags[i] |= TraceIndex::Cycle;
        walkFrom(i, true);
    }
    childList.reset();
    firstChild.reset();
    byStart = {};
    parentOf.reset();

    // The columns, in depth-first order: times and flags on one thread, the rest on the other.
    auto timesAndFlags = [&] {
        // index.startOffsetNs (and so index.size()) is only assigned at the end: nothing reads it before.
        std::unique_ptr<int64_t[]> startOffsets = uninitialized<int64_t>(p.count);
        index.durationNs = PackedInt64s(0);
        index.durationNs.resize(p.count);
        index.flags.resize(p.count);
        for (int32_t out = 0; out < count; ++out) {
            const int32_t i = order[size_t(out)];
            const int64_t offset = start[i] - traceStart;
            startOffsets[size_t(out)] = offset;
            index.durationNs.set(size_t(out), duration[i]);
            uint8_t flags = inputFlags[i];
            const int32_t parent = index.parent[size_t(out)];
            if (parent >= 0) {
                if (offset < startOffsets[size_t(parent)])
                    flags |= TraceIndex::StartsBeforeParent;
                if (offset + duration[i] > startOffsets[size_t(parent)] + index.durationNs[size_t(parent)])
                    flags |= TraceIndex::EndsAfterParent;
            } else {
                ++index.rootCount;
            }
            index.flags[size_t(out)] = flags;
            index.orphanCount += (flags & TraceIndex::Orphan) ? 1 : 0;
            index.cycleCount += (flags & TraceIndex::Cycle) ? 1 : 0;
            index.errorCount += (flags & TraceIndex::Error) ? 1 : 0;
            index.skewCount += (flags & (TraceIndex::StartsBeforeParent | TraceIndex::EndsAfterParent)) ? 1 : 0;
        }
        index.startOffsetNs = BlockedInt64s(std::span<const int64_t>(startOffsets.get(), p.count));
    };
    auto namesAndIds = [&] {
        // Each slice's key table ids -> positions in the sorted names.
        for (size_t s = 0; s < p.slices.size(); ++s) {
            const Slice& slice = *p.slices[s];
            for (size_t i = slice.m_begin; i < slice.m_next; ++i) {
                p.service[i] = serviceIds[s][p.service[i]];
                p.operation[i] = operationIds[s][p.operation[i]];
            }
        }
        // The largest ids; a count beyond the wide type is clamped so that the column is wide.
        auto largestId = [](size_t names, size_t limit) { return std::min(std::max<size_t>(names, 1) - 1, limit); };
        index.service.resize(p.count, uint16_t(largestId(index.serviceNames.size(), UINT16_MAX)));
        index.operation.resize(p.count, uint32_t(largestId(index.operationNames.size(), UINT32_MAX)));
        index.kind.resize(p.count);
        index.spanId.resize(p.count);
        for (int32_t out = 0; out < count; ++out) {
            const int32_t i = order[size_t(out)];
            index.service.set(size_t(out), uint16_t(p.service[size_t(i)]));
            index.operation.set(size_t(out), p.operation[size_t(i)]);
            index.kind[size_t(out)] = p.kind[size_t(i)];
            index.spanId[size_t(out)] = spanId[i];
        }
        int64_t firstRow = p.rowRuns.empty() ? 0 : p.rowRuns.front().first;
        for (const auto& [first, last] : p.rowRuns)
            firstRow = std::min(firstRow, first);
        index.rowId = PackedInt64s(firstRow);
        index.rowId.resize(p.count);
        if (p.rowRuns.size() == 1) {
            for (int32_t out = 0; out < count; ++out)
                index.rowId.set(size_t(out), firstRow + order[size_t(out)]);
        } else {
            std::vector<int64_t> rows;
            rows.reserve(p.count);
            for (const auto& [first, last] : p.rowRuns)
                for (int64_t row = first; row <= last && rows.size() < p.count; ++row)
                    rows.push_back(row);
            rows.resize(p.count, 0);
            for (int32_t out = 0; out < count; ++out)
                index.rowId.set(size_t(out), rows[size_t(order[size_t(out)])]);
        }
        index.bySpanId.resize(p.count);
        for (size_t k = 0; k < p.count; ++k)
            index.bySpanId[k] = position[byKey.entries[k].sideAndIndex & ~sideBit];
    };
    runBoth(parallel, timesAndFlags, namesAndIds);
    return index;
}

} // namespace skein
