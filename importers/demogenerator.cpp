// SPDX-License-Identifier: MIT
#include "demogenerator.h"

#include "democatalog.h"
#include "demodecorator.h"
#include "demoprocesses.h"
#include "demorandom.h"
#include "demotrace.h"
#include "jaegerjsonwriter.h"
#include "otlpjsonwriter.h"
#include "otlpprotowriter.h"
#include "zipkinjsonwriter.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <cstdio>

namespace skein {

using namespace demo;

namespace {

constexpr int maxDepth = 12;
constexpr uint64_t spansPerTrace = 200; // the default trace count is spans / this
constexpr uint64_t batchTraceSpans = 3000; // traces at least this big start at a batch job
constexpr size_t recentMessageCount = 32;

} // namespace

class DemoGenerator::Impl {
public:
    explicit Impl(DemoOptions options);

    bool next(std::vector<SpanRecord>& out);

    DemoOptions m_options;
    uint64_t m_traceCount = 0;
    uint64_t m_tracesProduced = 0;
    uint64_t m_spansProduced = 0;

private:
    uint64_t nextTraceSize();
    void startContext();
    int chooseRoot(uint64_t size);
    void buildStructure(uint64_t size);
    bool expandSomewhere(uint64_t& remaining);
    bool repeatLeafCall(uint64_t& remaining);
    int chooseCall(int node, uint64_t remaining);
    void addCall(int node, int call, uint64_t& remaining);
    int addNode(int parent, Role role, int operation, int service);
    void markFailure();
    void computeTimes();
    void writeSpans(std::vector<SpanRecord>& out);
    const std::shared_ptr<const InstrumentationScope>& scopeFor(const PlanNode& node) const;

    const Catalog& m_catalog = Catalog::shop();
    Random m_random;
    Decorator m_decorator;
    int64_t m_clockNs;
    Processes m_processes;
    std::vector<int> m_entries; // operations that start ordinary traces
    std::vector<int> m_batchEntries;
    std::array<std::pair<TraceId, SpanId>, recentMessageCount> m_recentMessages {};
    size_t m_recentMessagesStored = 0;

    // Scratch for the trace being built, kept to reuse the allocations.
    TraceContext m_context;
    std::vector<PlanNode> m_nodes;
    std::vector<int> m_open; // nodes that may get more children within their operation's cap
    std::vector<int> m_expandable; // nodes that may get more children at all
    std::vector<uint32_t> m_childBegin;
    std::vector<int> m_childList;
};

DemoGenerator::Impl::Impl(DemoOptions options)
    : m_options(options)
    , m_random(options.seed)
    , m_decorator(m_catalog, m_random)
    , m_clockNs(options.startNs)
{
    m_traceCount = m_options.traces != 0 ? m_options.traces : std::max<uint64_t>(1, m_options.spans / spansPerTrace);
    m_traceCount = std::min(m_traceCount, m_options.spans);
    for (size_t i = 0; i < m_catalog.operations.size(); ++i) {
        const Operation& operation = m_catalog.operations[i];
        if (operation.entryWeight > 0)
            (operation.batch ? m_batchEntries : m_entries).push_back(int(i));
    }
    m_processes = Processes::create(m_catalog, m_random);
}

uint64_t DemoGenerator::Impl::nextTraceSize()
{
    const uint64_t tracesLeft = m_traceCount - m_tracesProduced;
    const uint64_t spansLeft = m_options.spans - m_spansProduced;
    if (tracesLeft <= 1)
        return spansLeft;
    // The mean is recomputed from what is left, so earlier draws even out and the last trace is typical.
    const uint64_t mean = std::max<uint64_t>(1, spansLeft / tracesLeft);
    const uint64_t roll = m_random.below(100);
    uint64_t size;
    if (roll < 15)
        size = 1 + m_random.below(std::max<uint64_t>(1, mean / 5));
    else if (roll < 85)
        size = mean / 2 + m_random.below(mean + 1);
    else
        size = mean + m_random.below(2 * mean + 1);
    return std::clamp<uint64_t>(size, 1, spansLeft - (tracesLeft - 1));
}

void DemoGenerator::Impl::startContext()
{
    TraceContext& c = m_context;
    c.traceId.high = m_random.nonZero();
    c.traceId.low = m_random.nonZero();
    c.traceState = m_random.chance(800) ? "shop=t61rcWkgMzE,rojo=" + spanIdToHex(m_random.next()) : std::string();
    // One random draw per statement: the evaluation order of operands is unspecified in C++.
    m_clockNs += m_random.range(1'000'000, 400'000'000);
    c.startNs = m_clockNs;
    c.loggedIn = m_random.chance(6000);
    c.userId = c.loggedIn ? "u-" + std::to_string(m_random.range(10000, 999999)) : std::string();
    c.sessionId = spanIdToHex(m_random.next());
    c.sessionId += spanIdToHex(m_random.next());
    c.clientAddress = "203.0.113." + std::to_string(m_random.range(1, 254));
    c.userAgent = int(m_random.below(m_decorator.userAgentCount()));
    // Twitter-style snowflake: milliseconds since 2010-11-04 << 22 | worker << 12 | sequence.
    const int64_t millis = c.startNs / 1'000'000 - 1288834974657LL;
    const int64_t worker = m_random.range(0, 1023);
    c.orderId = (millis << 22) | (worker << 12) | m_random.range(0, 4095);
    const int items = int(m_random.range(1, 5));
    c.products.clear();
    c.quantities.clear();
    c.totalCents = 0;
    for (int i = 0; i < items; ++i) {
        c.products.push_back(int(m_random.below(m_decorator.productCount())));
        c.quantities.push_back(m_random.range(1, 3));
        c.totalCents += c.quantities.back() * m_random.range(499, 129900);
    }
    c.currency = int(m_random.below(m_decorator.currencyCount()));
    c.address = int(m_random.below(m_decorator.addressCount()));
    c.express = m_random.chance(2500);
    c.failureMessage.clear();
    c.failureType.clear();
    c.failureCode.clear();
    c.failureHttpStatus = 500;
}

int DemoGenerator::Impl::chooseRoot(uint64_t size)
{
    if (size >= batchTraceSpans)
        return m_batchEntries[m_random.below(m_batchEntries.size())];
    auto fits = [&](const Operation& operation) {
        return (size == 1 || !operation.calls.empty())
            && (operation.maxTraceSpans == 0 || operation.maxTraceSpans >= size);
    };
    int total = 0;
    for (int entry : m_entries) {
        if (fits(m_catalog.operations[size_t(entry)]))
            total += m_catalog.operations[size_t(entry)].entryWeight;
    }
    int pick = int(m_random.below(uint64_t(total)));
    for (int entry : m_entries) {
        if (!fits(m_catalog.operations[size_t(entry)]))
            continue;
        pick -= m_catalog.operations[size_t(entry)].entryWeight;
        if (pick < 0)
            return entry;
    }
    return m_entries.front();
}

int DemoGenerator::Impl::addNode(int parent, Role role, int operation, int service)
{
    PlanNode node;
    node.parent = parent;
    node.role = role;
    node.operation = operation;
    node.service = int16_t(service);
    if (parent < 0) {
        node.depth = 1;
        node.replica = uint8_t(m_random.below(uint64_t(m_catalog.services[size_t(service)].replicas)));
    } else {
        const PlanNode& up = m_nodes[size_t(parent)];
        node.depth = uint8_t(up.depth + 1);
        // A call stays in the caller's process; the serving side lands on any replica.
        node.replica = up.service == service && !(role == Role::Server || role == Role::Consumer)
            ? up.replica
            : uint8_t(m_random.below(uint64_t(m_catalog.services[size_t(service)].replicas)));
        ++m_nodes[size_t(parent)].children;
    }
    m_nodes.push_back(node);
    const int index = int(m_nodes.size() - 1);
    if (executes(role) && !m_catalog.operations[size_t(operation)].calls.empty() && node.depth < maxDepth) {
        m_open.push_back(index);
        m_expandable.push_back(index);
    }
    return index;
}

// The smallest number of spans a call adds, and so the depth it needs below the caller.
static uint64_t minimumCost(Protocol protocol)
{
    return protocol == Protocol::Http || protocol == Protocol::Grpc || protocol == Protocol::Kafka ? 2 : 1;
}

// Returns the index of a call in the caller's operation that fits the budget and depth, or -1.
int DemoGenerator::Impl::chooseCall(int node, uint64_t remaining)
{
    const PlanNode& caller = m_nodes[size_t(node)];
    const Operation& operation = m_catalog.operations[size_t(caller.operation)];
    auto fits = [&](size_t index) {
        const Call& call = operation.calls[index];
        const uint64_t cost = minimumCost(m_catalog.operations[size_t(call.operation)].protocol);
        return cost <= remaining && caller.depth + cost <= maxDepth
            && !(call.once && (caller.onceCallsMade >> index) & 1);
    };
    int total = 0;
    for (size_t i = 0; i < operation.calls.size(); ++i) {
        if (fits(i))
            total += operation.calls[i].weight;
    }
    if (total == 0)
        return -1;
    int pick = int(m_random.below(uint64_t(total)));
    for (size_t i = 0; i < operation.calls.size(); ++i) {
        if (!fits(i))
            continue;
        pick -= operation.calls[i].weight;
        if (pick < 0)
            return int(i);
    }
    return -1;
}

void DemoGenerator::Impl::addCall(int node, int call, uint64_t& remaining)
{
    const Call& chosen = m_catalog.operations[size_t(m_nodes[size_t(node)].operation)].calls[size_t(call)];
    if (chosen.once)
        m_nodes[size_t(node)].onceCallsMade |= 1u << call;
    const int callee = chosen.operation;
    const Operation& operation = m_catalog.operations[size_t(callee)];
    const int caller = m_nodes[size_t(node)].service;
    switch (operation.protocol) {
    case Protocol::Http:
    case Protocol::Grpc: {
        const int client = addNode(node, Role::RpcClient, callee, caller);
        addNode(client, Role::Server, callee, operation.service);
        remaining -= 2;
        break;
    }
    case Protocol::Kafka: {
        const int producer = addNode(node, Role::Producer, callee, caller);
        addNode(producer, Role::Consumer, callee, operation.service);
        remaining -= 2;
        break;
    }
    case Protocol::Sql:
    case Protocol::Redis: {
        const int client = addNode(node, Role::DbClient, callee, caller);
        remaining -= 1;
        // Only some database calls are traced on the server side too (pg_tracing, a traced proxy).
        if (remaining > 0 && m_nodes[size_t(client)].depth < maxDepth && m_random.chance(5500)) {
            addNode(client, Role::DbServer, callee, operation.service);
            remaining -= 1;
        }
        break;
    }
    case Protocol::Internal:
        addNode(node, Role::Internal, callee, caller);
        remaining -= 1;
        break;
    case Protocol::External:
        addNode(node, Role::ExternalClient, callee, caller);
        remaining -= 1;
        break;
    }
}

bool DemoGenerator::Impl::expandSomewhere(uint64_t& remaining)
{
    const bool batchRoot = m_catalog.operations[size_t(m_nodes[0].operation)].batch;
    for (int attempt = 0; attempt < 8 && !m_open.empty(); ++attempt) {
        // Mostly grow the newest node (depth), sometimes any (fan-out); a batch job fans out from the top.
        size_t slot;
        if (batchRoot && m_random.chance(3000) && m_open.front() == 0)
            slot = 0;
        else if (m_random.chance(5500))
            slot = m_open.size() - 1;
        else
            slot = m_random.below(m_open.size());
        const int node = m_open[slot];
        const Operation& operation = m_catalog.operations[size_t(m_nodes[size_t(node)].operation)];
        const int callee = operation.maxChildren != 0 && m_nodes[size_t(node)].children >= operation.maxChildren
            ? -1
            : chooseCall(node, remaining);
        if (callee < 0) {
            m_open[slot] = m_open.back();
            m_open.pop_back();
            continue;
        }
        addCall(node, callee, remaining);
        return true;
    }
    // Everything is at its cap: grow past the caps, as busy handlers do.
    for (int attempt = 0; attempt < 8 && !m_expandable.empty(); ++attempt) {
        const int node = m_expandable[m_random.below(m_expandable.size())];
        const int callee = chooseCall(node, remaining);
        if (callee >= 0) {
            addCall(node, callee, remaining);
            return true;
        }
    }
    for (size_t slot = 0; slot < m_expandable.size();) {
        const int node = m_expandable[slot];
        const int callee = chooseCall(node, remaining);
        if (callee >= 0) {
            addCall(node, callee, remaining);
            return true;
        }
        // With two spans left every call fits the budget: this node has made all its calls for good.
        if (remaining >= 2) {
            m_expandable.erase(m_expandable.begin() + std::ptrdiff_t(slot));
            continue;
        }
        ++slot;
    }
    return false;
}

// When every handler has made its calls and one span is left: repeat the latest single-span call, as
// a client does that retries a query or request.
bool DemoGenerator::Impl::repeatLeafCall(uint64_t& remaining)
{
    for (size_t i = m_nodes.size(); i-- > 1;) {
        const PlanNode& node = m_nodes[i];
        if (node.role == Role::DbClient || node.role == Role::ExternalClient || node.role == Role::Internal) {
            const PlanNode copy = node;
            addNode(copy.parent, copy.role, copy.operation, copy.service);
            --remaining;
            return true;
        }
    }
    return false;
}

void DemoGenerator::Impl::buildStructure(uint64_t size)
{
    m_nodes.clear();
    m_open.clear();
    m_expandable.clear();
    const int root = chooseRoot(size);
    const Operation& rootOperation = m_catalog.operations[size_t(root)];
    addNode(
        -1, rootOperation.protocol == Protocol::Internal ? Role::Internal : Role::Server, root, rootOperation.service);
    uint64_t remaining = size - 1;
    while (remaining > 0) {
        if (!expandSomewhere(remaining) && !repeatLeafCall(remaining)) {
            // Unreachable with the shop catalog, but the count must come out exact whatever the
            // catalog: pad with copies of the root's work.
            PlanNode pad = m_nodes[0];
            pad.parent = 0;
            pad.depth = 2;
            pad.role = Role::Internal;
            pad.children = 0;
            m_nodes.push_back(pad);
            ++m_nodes[0].children;
            --remaining;
        }
    }
}

void DemoGenerator::Impl::markFailure()
{
    // About 3% of the traces fail somewhere.
    if (!m_random.chance(300))
        return;
    int origin = 0;
    if (m_nodes.size() > 1) {
        origin = 1 + int(m_random.below(m_nodes.size() - 1));
        // A failed call starts on the serving side (created right after the client), if it was traced.
        if (!executes(m_nodes[size_t(origin)].role) && size_t(origin) + 1 < m_nodes.size()
            && m_nodes[size_t(origin) + 1].parent == origin)
            ++origin;
    }
    PlanNode& start = m_nodes[size_t(origin)];
    start.failure = m_decorator.describeFailure(m_context, start);
    start.failureOrigin = true;
    int current = origin;
    while (m_nodes[size_t(current)].parent >= 0) {
        // A consumer runs after its producer returned; its failure cannot travel back.
        if (m_nodes[size_t(current)].role == Role::Consumer)
            break;
        const int parent = m_nodes[size_t(current)].parent;
        PlanNode& up = m_nodes[size_t(parent)];
        // Callers see the failure of their call; a handler may still recover (fallbacks, retries, defaults).
        if (executes(up.role) && !m_random.chance(6500))
            break;
        up.failure = start.failure;
        current = parent;
    }
}

void DemoGenerator::Impl::computeTimes()
{
    const size_t count = m_nodes.size();
    m_childBegin.assign(count + 1, 0);
    for (size_t i = 1; i < count; ++i)
        ++m_childBegin[size_t(m_nodes[i].parent) + 1];
    for (size_t i = 0; i < count; ++i)
        m_childBegin[i + 1] += m_childBegin[i];
    m_childList.resize(count);
    {
        std::vector<uint32_t> fill(m_childBegin.begin(), m_childBegin.end() - 1);
        for (size_t i = 1; i < count; ++i)
            m_childList[fill[size_t(m_nodes[i].parent)]++] = int(i);
    }
    const bool batchRoot = m_catalog.operations[size_t(m_nodes[0].operation)].batch;

    // Micro- to nanoseconds with a sub-microsecond part, as real clocks have.
    auto micros = [&](int64_t us) { return us * 1000 + int64_t(m_random.below(1000)); };
    auto ownTime = [&](const PlanNode& node, const Operation& operation) {
        if (node.timedOut)
            return Decorator::timeoutNs(operation);
        int64_t us = m_random.skewed(operation.minMicros, operation.maxMicros);
        // A few slow outliers: lock waits, GC pauses, cold caches.
        if (m_random.chance(60))
            us *= m_random.range(8, 60);
        return micros(us);
    };

    // Children are created after their parents, so a reverse pass sees every subtree finished.
    for (size_t i = count; i-- > 0;) {
        PlanNode& node = m_nodes[i];
        const Operation& operation = m_catalog.operations[size_t(node.operation)];
        const uint32_t first = m_childBegin[i];
        const uint32_t last = m_childBegin[i + 1];
        switch (node.role) {
        case Role::RpcClient:
        case Role::DbClient:
            if (first < last) {
                PlanNode& server = m_nodes[size_t(m_childList[first])];
                const bool local = node.role == Role::DbClient;
                const int64_t request = micros(m_random.skewed(local ? 40 : 80, local ? 600 : 1500));
                const int64_t response = micros(m_random.skewed(local ? 30 : 60, local ? 500 : 1200));
                server.offsetNs = request;
                node.durationNs = request + server.durationNs + response;
            } else {
                node.durationNs = ownTime(node, operation);
                node.durationNs += micros(m_random.skewed(60, 900));
            }
            break;
        case Role::Producer:
            node.durationNs = node.timedOut ? Decorator::timeoutNs(operation) : micros(m_random.skewed(150, 2500));
            if (first < last) {
                PlanNode& consumer = m_nodes[size_t(m_childList[first])];
                // The consumer picks the message up later, and lives on after the producer returned.
                int64_t lag = m_random.skewed(500, 300000);
                if (m_random.chance(200))
                    lag *= m_random.range(5, 25);
                consumer.offsetNs = micros(lag);
            }
            break;
        case Role::ExternalClient:
            node.durationNs = ownTime(node, operation);
            break;
        case Role::Server:
        case Role::Consumer:
        case Role::Internal:
        case Role::DbServer: {
            const int64_t self = ownTime(node, operation);
            const int64_t before = self * m_random.range(10, 40) / 100;
            int64_t cursor = before;
            int64_t previousStart = -1;
            const uint32_t parallelChance = batchRoot && i == 0 ? 7000 : node.service == Frontend ? 4000 : 2500;
            for (uint32_t c = first; c < last; ++c) {
                PlanNode& child = m_nodes[size_t(m_childList[c])];
                int64_t start;
                if (previousStart >= 0 && m_random.chance(parallelChance))
                    start = previousStart + micros(m_random.range(5, 150));
                else
                    start = cursor + micros(m_random.range(10, 300));
                child.offsetNs = start;
                cursor = std::max(cursor, start + child.durationNs);
                previousStart = start;
            }
            node.durationNs = cursor + std::max<int64_t>(self - before, 20'000);
            break;
        }
        }
    }
    m_nodes[0].startNs = m_context.startNs;
    for (size_t i = 1; i < count; ++i)
        m_nodes[i].startNs = m_nodes[size_t(m_nodes[i].parent)].startNs + m_nodes[i].offsetNs;
}

const std::shared_ptr<const InstrumentationScope>& DemoGenerator::Impl::scopeFor(const PlanNode& node) const
{
    const Operation& operation = m_catalog.operations[size_t(node.operation)];
    ScopeRole role = ManualScope;
    switch (node.role) {
    case Role::Server:
    case Role::RpcClient:
        role = operation.protocol == Protocol::Grpc ? GrpcScope
            : node.role == Role::Server             ? HttpServerScope
                                                    : HttpClientScope;
        break;
    case Role::ExternalClient:
        role = HttpClientScope;
        break;
    case Role::DbClient:
        role = operation.protocol == Protocol::Sql ? SqlScope : RedisScope;
        break;
    case Role::Producer:
    case Role::Consumer:
        role = MessagingScope;
        break;
    case Role::Internal:
    case Role::DbServer:
        role = ManualScope;
        break;
    }
    return m_processes.scopes[size_t(node.service)][size_t(role)];
}

void DemoGenerator::Impl::writeSpans(std::vector<SpanRecord>& out)
{
    out.clear();
    out.resize(m_nodes.size());
    for (PlanNode& node : m_nodes)
        node.id = m_random.nonZero();
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const PlanNode& node = m_nodes[i];
        SpanRecord& span = out[i];
        span.traceId = m_context.traceId;
        span.spanId = node.id;
        span.parentSpanId = node.parent >= 0 ? m_nodes[size_t(node.parent)].id : 0;
        span.startNs = node.startNs;
        span.durationNs = node.durationNs;
        span.traceState = m_context.traceState;
        // W3C sampled, plus OTLP's "is the parent remote" bits.
        const bool remoteParent = node.parent >= 0
            && (node.role == Role::Server || node.role == Role::Consumer || node.role == Role::DbServer);
        span.flags = remoteParent ? 0x301 : 0x101;
        span.resource = m_processes.resources[size_t(node.service)][node.replica];
        span.serviceName = span.resource->serviceName;
        span.scope = scopeFor(node);
        m_decorator.decorate(m_context, m_nodes, i, span);

        if (node.role == Role::Consumer && node.parent >= 0) {
            // The message's creation context, as the messaging conventions ask of "process" spans.
            SpanLink creation;
            creation.traceId = m_context.traceId;
            creation.spanId = m_nodes[size_t(node.parent)].id;
            creation.type = LinkType::FollowsFrom;
            creation.flags = 0x101;
            creation.attributes.push_back(Attribute { "messaging.operation.type", AttributeValue::fromString("send") });
            span.links.push_back(std::move(creation));
            // Sometimes a batch: earlier messages of other traces processed together with this one.
            if (m_recentMessagesStored > 0 && m_random.chance(3000)) {
                const uint64_t extra = 1 + m_random.below(3);
                for (uint64_t k = 0; k < extra; ++k) {
                    const size_t stored = std::min(m_recentMessagesStored, recentMessageCount);
                    const auto& [traceId, spanId] = m_recentMessages[m_random.below(stored)];
                    SpanLink batch;
                    batch.traceId = traceId;
                    batch.spanId = spanId;
                    batch.type = LinkType::FollowsFrom;
                    batch.flags = 0x101;
                    batch.attributes.push_back(
                        Attribute { "messaging.batch.position", AttributeValue::fromInt(int64_t(k + 1)) });
                    span.links.push_back(std::move(batch));
                }
            }
        }
    }
    for (const PlanNode& node : m_nodes) {
        if (node.role == Role::Producer)
            m_recentMessages[m_recentMessagesStored++ % recentMessageCount] = { m_context.traceId, node.id };
    }
}

bool DemoGenerator::Impl::next(std::vector<SpanRecord>& out)
{
    if (m_tracesProduced >= m_traceCount) {
        out.clear();
        return false;
    }
    const uint64_t size = nextTraceSize();
    startContext();
    buildStructure(size);
    markFailure();
    computeTimes();
    writeSpans(out);
    ++m_tracesProduced;
    m_spansProduced += out.size();
    return true;
}

DemoGenerator::DemoGenerator(DemoOptions options)
    : d(std::make_unique<Impl>(options))
{
}

DemoGenerator::~DemoGenerator() = default;

bool DemoGenerator::nextTrace(std::vector<SpanRecord>& out)
{
    return d->next(out);
}

uint64_t DemoGenerator::traceCount() const
{
    return d->m_traceCount;
}

uint64_t DemoGenerator::tracesProduced() const
{
    return d->m_tracesProduced;
}

uint64_t DemoGenerator::spansProduced() const
{
    return d->m_spansProduced;
}

namespace {

struct FormatName {
    DemoFormat format;
    const char* name;
};

// New formats (otlp-proto, zipkin) need a row here and a case in createTraceWriter().
constexpr FormatName formatNames[] = {
    { DemoFormat::Jaeger, "jaeger" },
    { DemoFormat::OtlpJson, "otlp-json" },
    { DemoFormat::OtlpJsonLines, "otlp-jsonl" },
    { DemoFormat::OtlpProto, "otlp-proto" },
    { DemoFormat::Zipkin, "zipkin" },
};

} // namespace

std::unique_ptr<TraceWriter> createTraceWriter(DemoFormat format, QIODevice& device)
{
    switch (format) {
    case DemoFormat::Jaeger:
        return std::make_unique<JaegerJsonWriter>(device);
    case DemoFormat::OtlpJson:
        return std::make_unique<OtlpJsonWriter>(device, OtlpJsonWriter::Layout::Document);
    case DemoFormat::OtlpJsonLines:
        return std::make_unique<OtlpJsonWriter>(device, OtlpJsonWriter::Layout::Lines);
    case DemoFormat::OtlpProto:
        return std::make_unique<OtlpProtoWriter>(device, OtlpProtoWriter::Layout::Request);
    case DemoFormat::Zipkin:
        return std::make_unique<ZipkinJsonWriter>(device);
    }
    return nullptr;
}

std::optional<DemoFormat> demoFormatFromName(QStringView name)
{
    for (const FormatName& entry : formatNames) {
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0)
            return entry.format;
    }
    return std::nullopt;
}

QString demoFormatName(DemoFormat format)
{
    for (const FormatName& entry : formatNames) {
        if (entry.format == format)
            return QLatin1String(entry.name);
    }
    return {};
}

QStringList demoFormatNames()
{
    QStringList names;
    for (const FormatName& entry : formatNames)
        names.append(QLatin1String(entry.name));
    return names;
}

bool writeDemoFile(const DemoOptions& options, DemoFormat format, const QString& path, QString* errorMessage)
{
    auto fail = [&](const QString& message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    const bool toStdout = path == QLatin1String("-");
    std::unique_ptr<QFileDevice> device;
    if (toStdout) {
        auto file = std::make_unique<QFile>();
        if (!file->open(stdout, QIODevice::WriteOnly))
            return fail(QStringLiteral("Cannot write to standard output: %1").arg(file->errorString()));
        device = std::move(file);
    } else {
        // Written next to the target and renamed at the end, so a failure never leaves half a file.
        auto file = std::make_unique<QSaveFile>(path);
        if (!file->open(QIODevice::WriteOnly))
            return fail(QStringLiteral("Cannot write %1: %2").arg(path, file->errorString()));
        device = std::move(file);
    }
    const std::unique_ptr<TraceWriter> writer = createTraceWriter(format, *device);
    if (!writer)
        return fail(QStringLiteral("Unsupported demo format"));

    DemoGenerator generator(options);
    std::vector<SpanRecord> trace;
    bool ok = writer->begin();
    while (ok && generator.nextTrace(trace))
        ok = writer->writeTrace(trace);
    ok = ok && writer->finish();
    if (!ok) {
        const QString reason = writer->errorMessage();
        return fail(toStdout ? QStringLiteral("Cannot write to standard output: %1").arg(reason)
                             : QStringLiteral("Cannot write %1: %2").arg(path, reason));
    }
    if (!toStdout && !static_cast<QSaveFile*>(device.get())->commit())
        return fail(QStringLiteral("Cannot write %1: %2").arg(path, device->errorString()));
    return true;
}

} // namespace skein
