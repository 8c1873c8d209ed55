// SPDX-License-Identifier: MIT
#include "traceindex.h"

#include <numeric>
#include <unordered_map>

namespace skein {

namespace {

// Local ids for the builder's keys, with the names sorted so that lists and legends read in order.
template <typename LocalId>
std::unordered_map<int64_t, LocalId> localIds(
    const std::vector<std::pair<int64_t, QString>>& names, std::vector<QString>& sortedNames)
{
    std::vector<size_t> order(names.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return names[a].second < names[b].second; });
    std::unordered_map<int64_t, LocalId> ids;
    ids.reserve(names.size());
    sortedNames.clear();
    sortedNames.reserve(names.size());
    for (size_t position : order) {
        ids.emplace(names[position].first, LocalId(sortedNames.size()));
        sortedNames.push_back(names[position].second);
    }
    return ids;
}

// Key -> local id lookups, a million per trace: a dense table when the keys are small (dictionary ids
// are), a hash map otherwise.
template <typename LocalId> class KeyMap {
public:
    explicit KeyMap(const std::unordered_map<int64_t, LocalId>& ids)
        : m_ids(ids)
    {
        int64_t maxKey = -1;
        bool dense = true;
        for (const auto& [key, id] : ids) {
            if (key < 0 || key > (int64_t(1) << 22)) {
                dense = false;
                break;
            }
            maxKey = std::max(maxKey, key);
        }
        if (dense) {
            m_dense.assign(size_t(maxKey + 1), LocalId(0));
            for (const auto& [key, id] : ids)
                m_dense[size_t(key)] = id;
            m_useDense = true;
        }
    }
    LocalId operator()(int64_t key) const
    {
        if (m_useDense)
            return key >= 0 && size_t(key) < m_dense.size() ? m_dense[size_t(key)] : LocalId(0);
        auto it = m_ids.find(key);
        return it == m_ids.end() ? LocalId(0) : it->second;
    }

private:
    const std::unordered_map<int64_t, LocalId>& m_ids;
    std::vector<LocalId> m_dense;
    bool m_useDense = false;
};

struct SpanKey {
    SpanId id;
    uint8_t side;
    friend auto operator<=>(const SpanKey&, const SpanKey&) = default;
};

} // namespace

TraceIndex TraceIndex::buildFromResolved(const TraceId& traceId, std::vector<Input>&& spans,
    const std::vector<std::pair<int64_t, QString>>& services,
    const std::vector<std::pair<int64_t, QString>>& operations)
{
    TraceIndex index;
    index.traceId = traceId;
    const auto serviceIds = localIds<uint16_t>(services, index.serviceNames);
    const auto operationIds = localIds<uint32_t>(operations, index.operationNames);
    const KeyMap<uint16_t> serviceOf(serviceIds);
    const KeyMap<uint32_t> operationOf(operationIds);
    const int32_t count = int32_t(spans.size());
    if (count == 0)
        return index;

    int64_t traceStart = spans[0].startNs;
    int64_t traceEnd = spans[0].startNs;
    for (Input& span : spans) {
        span.durationNs = std::max<int64_t>(span.durationNs, 0);
        traceStart = std::min(traceStart, span.startNs);
        const int64_t end = span.startNs > INT64_MAX - span.durationNs ? INT64_MAX : span.startNs + span.durationNs;
        traceEnd = std::max(traceEnd, end);
    }
    index.traceStartNs = traceStart;
    index.traceDurationNs = traceEnd - traceStart;

    // Spans by key in a compact sorted array: parents are resolved against it, and it becomes bySpanId.
    struct KeyEntry {
        SpanId id;
        uint32_t sideAndIndex; // side in the top bit
        bool operator<(const KeyEntry& other) const
        {
            return id != other.id ? id < other.id : sideAndIndex < other.sideAndIndex;
        }
    };
    constexpr uint32_t sideBit = 0x80000000u;
    std::vector<KeyEntry> byKey;
    byKey.reserve(size_t(count));
    for (int32_t i = 0; i < count; ++i) {
        const Input& span = spans[size_t(i)];
        byKey.push_back({ span.spanId, uint32_t(i) | (span.side == SpanSide::SharedServer ? sideBit : 0u) });
    }
    std::sort(byKey.begin(), byKey.end());

    // Children of a Zipkin shared span hang under its server half; the server half under the client half.
    // Parents are resolved by a merge join of the requests, sorted by the id they look for, with the keys:
    // a million random binary searches would miss the cache on nearly every probe.
    std::vector<int32_t> parentOf(static_cast<size_t>(count), -1);
    std::vector<uint8_t> inputFlags(static_cast<size_t>(count), 0);
    struct ParentRequest {
        SpanId id;
        uint32_t sideAndIndex; // the side wanted in the top bit: set = server half first, then primary
        bool operator<(const ParentRequest& other) const { return id < other.id; }
    };
    std::vector<ParentRequest> requests;
    requests.reserve(size_t(count));
    for (int32_t i = 0; i < count; ++i) {
        const Input& span = spans[size_t(i)];
        if (span.side == SpanSide::SharedServer)
            inputFlags[size_t(i)] |= SharedServer;
        if (span.status == StatusCode::Error)
            inputFlags[size_t(i)] |= Error;
        if (span.parentSpanId == 0)
            continue;
        if (span.side == SpanSide::SharedServer && span.parentSpanId == span.spanId)
            requests.push_back({ span.spanId, uint32_t(i) }); // the client half, only
        else
            requests.push_back({ span.parentSpanId, uint32_t(i) | sideBit });
    }
    std::sort(requests.begin(), requests.end());
    size_t key = 0;
    for (const ParentRequest& request : requests) {
        while (key < byKey.size() && byKey[key].id < request.id)
            ++key;
        // byKey holds, for one id, the primary entry (if any) before the server half (if any).
        int32_t primary = -1;
        int32_t server = -1;
        for (size_t k = key; k < byKey.size() && byKey[k].id == request.id; ++k) {
            const int32_t candidate = int32_t(byKey[k].sideAndIndex & ~sideBit);
            if (byKey[k].sideAndIndex & sideBit) {
                if (server < 0)
                    server = candidate;
            } else if (primary < 0) {
                primary = candidate;
            }
        }
        const int32_t child = int32_t(request.sideAndIndex & ~sideBit);
        int32_t parentIndex = (request.sideAndIndex & sideBit) && server >= 0 ? server : primary;
        if (parentIndex == child)
            parentIndex = -1;
        if (parentIndex < 0)
            inputFlags[size_t(child)] |= Orphan;
        parentOf[size_t(child)] = parentIndex;
    }

    // Children lists (CSR), each ordered by start time then span id.
    // The sorts compare through a compact copy of the start times: the 64-byte inputs would cost a cache
    // miss per comparison.
    std::vector<int64_t> starts(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; ++i)
        starts[size_t(i)] = spans[size_t(i)].startNs;
    auto earlier = [&](int32_t a, int32_t b) {
        if (starts[size_t(a)] != starts[size_t(b)])
            return starts[size_t(a)] < starts[size_t(b)];
        const Input& x = spans[size_t(a)];
        const Input& y = spans[size_t(b)];
        if (x.spanId != y.spanId)
            return x.spanId < y.spanId;
        return x.side < y.side;
    };
    std::vector<int32_t> firstChild(size_t(count) + 1, 0);
    for (int32_t i = 0; i < count; ++i)
        if (parentOf[size_t(i)] >= 0)
            ++firstChild[size_t(parentOf[size_t(i)]) + 1];
    for (int32_t i = 0; i < count; ++i)
        firstChild[size_t(i) + 1] += firstChild[size_t(i)];
    std::vector<int32_t> childList(static_cast<size_t>(firstChild[size_t(count)]));
    {
        std::vector<int32_t> fill(firstChild.begin(), firstChild.end() - 1);
        for (int32_t i = 0; i < count; ++i)
            if (parentOf[size_t(i)] >= 0)
                childList[size_t(fill[size_t(parentOf[size_t(i)])]++)] = i;
    }
    for (int32_t i = 0; i < count; ++i)
        std::sort(childList.begin() + firstChild[size_t(i)], childList.begin() + firstChild[size_t(i) + 1], earlier);

    std::vector<int32_t> roots;
    for (int32_t i = 0; i < count; ++i)
        if (parentOf[size_t(i)] < 0)
            roots.push_back(i);
    std::sort(roots.begin(), roots.end(), earlier);

    // Depth-first walk. Spans never reached from a root sit on a parent cycle; each unreached one in start
    // order becomes a root with the Cycle flag, which cuts the loop.
    index.startOffsetNs.resize(size_t(count));
    index.durationNs.resize(size_t(count));
    index.parent.resize(size_t(count));
    index.subtreeEnd.resize(size_t(count));
    index.depth.resize(size_t(count));
    index.service.resize(size_t(count));
    index.operation.resize(size_t(count));
    index.kind.resize(size_t(count));
    index.flags.resize(size_t(count));
    index.rowId.resize(size_t(count));
    index.spanId.resize(size_t(count));

    std::vector<int32_t> position(static_cast<size_t>(count), -1); // input index -> output index
    int32_t next = 0;
    struct Frame {
        int32_t input;
        int32_t cursor; // next child to visit, into childList
    };
    std::vector<Frame> stack;
    auto place = [&](int32_t input, int32_t parentOutput, int32_t depth) {
        const int32_t out = next++;
        position[size_t(input)] = out;
        const Input& span = spans[size_t(input)];
        index.startOffsetNs[size_t(out)] = span.startNs - traceStart;
        index.durationNs[size_t(out)] = span.durationNs;
        index.parent[size_t(out)] = parentOutput;
        index.depth[size_t(out)] = uint16_t(std::min(depth, int32_t(UINT16_MAX)));
        index.maxDepth = std::max(index.maxDepth, depth);
        index.service[size_t(out)] = serviceOf(span.serviceKey);
        index.operation[size_t(out)] = operationOf(span.operationKey);
        index.kind[size_t(out)] = uint8_t(span.kind);
        uint8_t flags = inputFlags[size_t(input)];
        if (parentOutput >= 0) {
            if (span.startNs - traceStart < index.startOffsetNs[size_t(parentOutput)])
                flags |= StartsBeforeParent;
            if (span.startNs - traceStart + span.durationNs > index.endOf(parentOutput))
                flags |= EndsAfterParent;
        }
        index.flags[size_t(out)] = flags;
        index.rowId[size_t(out)] = span.rowId;
        index.spanId[size_t(out)] = span.spanId;
        stack.push_back({ input, firstChild[size_t(input)] });
    };
    auto walkFrom = [&](int32_t root) {
        place(root, -1, 0);
        while (!stack.empty()) {
            Frame& frame = stack.back();
            if (frame.cursor < firstChild[size_t(frame.input) + 1]) {
                const int32_t child = childList[size_t(frame.cursor++)];
                if (position[size_t(child)] < 0)
                    place(child, position[size_t(frame.input)], int32_t(stack.size()));
                continue;
            }
            index.subtreeEnd[size_t(position[size_t(frame.input)])] = next;
            stack.pop_back();
        }
    };
    for (int32_t root : roots)
        walkFrom(root);
    if (next < count) {
        std::vector<int32_t> unreached;
        for (int32_t i = 0; i < count; ++i)
            if (position[size_t(i)] < 0)
                unreached.push_back(i);
        std::sort(unreached.begin(), unreached.end(), earlier);
        for (int32_t input : unreached) {
            if (position[size_t(input)] >= 0)
                continue;
            inputFlags[size_t(input)] |= Cycle;
            walkFrom(input);
        }
    }

    for (int32_t i = 0; i < count; ++i) {
        const uint8_t flags = index.flags[size_t(i)];
        if (index.parent[size_t(i)] < 0)
            ++index.rootCount;
        if (flags & Orphan)
            ++index.orphanCount;
        if (flags & Cycle)
            ++index.cycleCount;
        if (flags & Error)
            ++index.errorCount;
        if (flags & (StartsBeforeParent | EndsAfterParent))
            ++index.skewCount;
    }

    index.bySpanId.resize(size_t(count));
    for (int32_t i = 0; i < count; ++i)
        index.bySpanId[size_t(i)] = position[size_t(byKey[size_t(i)].sideAndIndex & ~sideBit)];
    return index;
}

int32_t TraceIndex::findSpan(SpanId id, SpanSide wanted) const
{
    auto key = [&](int32_t i) { return SpanKey { spanId[size_t(i)], uint8_t(side(i)) }; };
    const SpanKey target { id, uint8_t(wanted) };
    auto it = std::lower_bound(
        bySpanId.begin(), bySpanId.end(), target, [&](int32_t i, const SpanKey& k) { return key(i) < k; });
    return it != bySpanId.end() && key(*it) == target ? *it : -1;
}

int32_t TraceIndex::findSpan(SpanId id) const
{
    const int32_t primary = findSpan(id, SpanSide::Primary);
    return primary >= 0 ? primary : findSpan(id, SpanSide::SharedServer);
}

int32_t TraceIndex::findRow(int64_t row) const
{
    auto it = std::find(rowId.begin(), rowId.end(), row);
    return it == rowId.end() ? -1 : int32_t(it - rowId.begin());
}

std::vector<int32_t> TraceIndex::children(int32_t i) const
{
    std::vector<int32_t> result;
    for (int32_t child = i + 1; child < subtreeEnd[size_t(i)]; child = subtreeEnd[size_t(child)])
        result.push_back(child);
    return result;
}

size_t TraceIndex::memoryBytes() const
{
    const size_t perSpan = sizeof(int64_t) * 2 + sizeof(int32_t) * 2 + sizeof(uint16_t) * 2 + sizeof(uint32_t)
        + sizeof(uint8_t) * 2 + sizeof(int64_t) + sizeof(uint64_t) + sizeof(int32_t);
    size_t names = 0;
    for (const QString& name : serviceNames)
        names += sizeof(QString) + size_t(name.size()) * 2;
    for (const QString& name : operationNames)
        names += sizeof(QString) + size_t(name.size()) * 2;
    return perSpan * size_t(size()) + names;
}

} // namespace skein
