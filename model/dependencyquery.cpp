// SPDX-License-Identifier: MIT
#include "dependencyquery.h"

#include "database.h"
#include "spanrow.h"
#include "tracestore.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace skein {

namespace {

const QLatin1String fileSourcePrefix("file:");

// Each span with its parent's service, the parent resolved as TraceIndex does: the Zipkin server half
// (parentId, SharedServer) when present, else the Primary span; a span is never its own parent, so the
// server half of a shared span (whose parent id is its own id) gets the client half. The parent lookup
// walks the unique index spans_by_key (trace_id, span_id, side) from the highest side down.
constexpr const char* spansWithParentService
    = "SELECT c.service_id, c.status, c.duration_ns, CASE WHEN c.parent_span_id <> 0 THEN (SELECT p.service_id "
      "FROM spans p WHERE p.trace_id = c.trace_id AND p.span_id = c.parent_span_id AND p.id <> c.id "
      "ORDER BY p.side DESC LIMIT 1) END FROM spans c";

struct EdgeTally {
    int64_t errors = 0;
    std::vector<int64_t> durations;
};

struct ServiceTally {
    int64_t spans = 0;
    int64_t errors = 0;
};

class SpanTally {
public:
    explicit SpanTally(const std::atomic<bool>* cancel)
        : m_cancel(cancel)
    {
    }

    // Reads every row of a statement made from spansWithParentService; false when cancelled or failed.
    bool add(Statement& statement)
    {
        while (statement.next()) {
            if ((++m_spans & 0xfff) == 0 && m_cancel && m_cancel->load(std::memory_order_relaxed))
                return false;
            const int64_t child = statement.int64(0);
            const bool error = statement.int64(1) == int64_t(StatusCode::Error);
            ServiceTally& service = m_services[child];
            ++service.spans;
            service.errors += error ? 1 : 0;
            if (statement.isNull(3))
                continue;
            const int64_t parent = statement.int64(3);
            if (parent == child)
                continue;
            EdgeTally& edge = m_edges[{ parent, child }];
            edge.errors += error ? 1 : 0;
            edge.durations.push_back(std::max<int64_t>(statement.int64(2), 0));
        }
        return !statement.failed();
    }

    int64_t spans() const { return m_spans; }
    std::map<std::pair<int64_t, int64_t>, EdgeTally>& edges() { return m_edges; }
    const std::unordered_map<int64_t, ServiceTally>& services() const { return m_services; }

private:
    const std::atomic<bool>* m_cancel;
    int64_t m_spans = 0;
    std::map<std::pair<int64_t, int64_t>, EdgeTally> m_edges;
    std::unordered_map<int64_t, ServiceTally> m_services;
};

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

std::vector<TraceId> tracesStartingIn(Database& db, int64_t fromNs, int64_t toNs)
{
    std::vector<TraceId> ids;
    Statement select = db.prepare("SELECT trace_id FROM traces WHERE start_ns >= ?1 AND start_ns <= ?2");
    if (!select.isValid())
        return ids;
    select.bindInt64(1, fromNs);
    select.bindInt64(2, toNs);
    while (select.next())
        ids.push_back(traceIdFromBlob(select.blob(0)));
    return ids;
}

// Edges and service figures from the spans; false with graph.error or graph.cancelled set.
bool addSpanEdges(Database& db, const DependencyScope& scope, const std::atomic<bool>* cancel, DependencyGraph& graph,
    std::unordered_map<int64_t, QString>& serviceNames, std::map<QString, DependencyService>& services)
{
    SpanTally tally(cancel);
    bool complete = true;
    if (scope.kind == DependencyScope::Kind::WholeCache) {
        Statement statement = db.prepare(spansWithParentService);
        complete = statement.isValid() && tally.add(statement);
    } else {
        const std::vector<TraceId> traceIds = scope.kind == DependencyScope::Kind::TimeRange
            ? tracesStartingIn(db, scope.fromNs, scope.toNs)
            : scope.traceIds;
        Statement statement = db.prepare(std::string(spansWithParentService) + " WHERE c.trace_id = ?1");
        complete = statement.isValid();
        for (const TraceId& traceId : traceIds) {
            if (!complete || cancelled(cancel))
                break;
            const TraceIdBytes bytes(traceId);
            statement.reset();
            statement.bindBlob(1, bytes.view());
            complete = tally.add(statement);
        }
    }
    if (cancelled(cancel)) {
        graph.cancelled = true;
        return false;
    }
    if (!complete) {
        graph.error = db.errorString();
        return false;
    }
    graph.spansRead = tally.spans();

    Statement names = db.prepare("SELECT id, name FROM services");
    while (names.isValid() && names.next())
        serviceNames.emplace(names.int64(0), names.string(1));
    auto nameOf = [&](int64_t id) {
        const auto found = serviceNames.find(id);
        return found == serviceNames.end() ? QString() : found->second;
    };
    for (const auto& [id, figures] : tally.services()) {
        DependencyService& service = services[nameOf(id)];
        service.name = nameOf(id);
        service.spanCount += figures.spans;
        service.errorCount += figures.errors;
    }
    for (auto& [key, edgeTally] : tally.edges()) {
        DependencyEdge edge;
        edge.parent = nameOf(key.first);
        edge.child = nameOf(key.second);
        edge.callCount = int64_t(edgeTally.durations.size());
        edge.errorCount = edgeTally.errors;
        edge.p50Ns = DependencyQuery::percentile(edgeTally.durations, 50);
        edge.p99Ns = DependencyQuery::percentile(edgeTally.durations, 99);
        edge.source = DependencySource::Spans;
        graph.edges.push_back(std::move(edge));
    }
    return true;
}

// Links reported by endpoints and files; the same parent and child from several endpoints (or files) add up.
void addStoredEdges(TraceStore& store, const DependencySources& sources, DependencyGraph& graph)
{
    std::map<std::tuple<DependencySource, QString, QString>, int64_t> calls;
    for (const StoredDependencyLink& stored : store.dependencyLinks()) {
        const DependencySource source = dependencySourceOfStoredLink(stored.source);
        if (sources.includes(source))
            calls[{ source, stored.link.parent, stored.link.child }] += stored.link.callCount;
    }
    for (const auto& [key, callCount] : calls) {
        DependencyEdge edge;
        edge.source = std::get<0>(key);
        edge.parent = std::get<1>(key);
        edge.child = std::get<2>(key);
        edge.callCount = callCount;
        graph.edges.push_back(std::move(edge));
    }
}

} // namespace

QString dependencySourceName(DependencySource source)
{
    switch (source) {
    case DependencySource::Spans:
        return QStringLiteral("spans");
    case DependencySource::Endpoint:
        return QStringLiteral("endpoint");
    case DependencySource::File:
        return QStringLiteral("file");
    }
    return {};
}

QString dependencyFileSource(const QString& path)
{
    return fileSourcePrefix + path;
}

DependencySource dependencySourceOfStoredLink(const QString& storedSource)
{
    return storedSource.startsWith(fileSourcePrefix) ? DependencySource::File : DependencySource::Endpoint;
}

DependencyScope DependencyScope::timeRange(int64_t fromNs, int64_t toNs)
{
    DependencyScope scope;
    scope.kind = Kind::TimeRange;
    scope.fromNs = fromNs;
    scope.toNs = toNs;
    return scope;
}

DependencyScope DependencyScope::traces(std::vector<TraceId> traceIds)
{
    DependencyScope scope;
    scope.kind = Kind::Traces;
    scope.traceIds = std::move(traceIds);
    return scope;
}

bool DependencySources::includes(DependencySource source) const
{
    switch (source) {
    case DependencySource::Spans:
        return spans;
    case DependencySource::Endpoint:
        return endpoint;
    case DependencySource::File:
        return file;
    }
    return false;
}

int64_t DependencyQuery::percentile(std::vector<int64_t>& values, double percent)
{
    if (values.empty())
        return 0;
    const double rank = std::ceil(percent / 100.0 * double(values.size()));
    const size_t index = size_t(std::clamp<double>(rank, 1.0, double(values.size()))) - 1;
    std::nth_element(values.begin(), values.begin() + ptrdiff_t(index), values.end());
    return values[index];
}

DependencyGraph DependencyQuery::run(const QString& databasePath, const DependencyScope& scope,
    const DependencySources& sources, const std::atomic<bool>* cancel)
{
    DependencyGraph graph;
    // TraceStore brings an older cache's schema up to date before the raw connection reads it.
    QString error;
    std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, &error);
    std::unique_ptr<Database> db = store ? Database::open(databasePath, &error) : nullptr;
    if (!db) {
        graph.error = error;
        return graph;
    }
    db->exec("PRAGMA busy_timeout = 5000");
    db->exec("PRAGMA cache_size = -65536");

    std::unordered_map<int64_t, QString> serviceNames;
    std::map<QString, DependencyService> services;
    if (sources.spans) {
        // One read transaction: the edges and the service figures describe the same moment of the cache.
        const bool reading = db->begin(false);
        const bool ok = addSpanEdges(*db, scope, cancel, graph, serviceNames, services);
        if (reading)
            db->rollback();
        if (!ok) {
            graph.edges.clear();
            return graph;
        }
    }
    if (scope.kind == DependencyScope::Kind::WholeCache && (sources.endpoint || sources.file))
        addStoredEdges(*store, sources, graph);

    for (const DependencyEdge& edge : graph.edges) {
        services[edge.parent].name = edge.parent;
        services[edge.child].name = edge.child;
    }
    graph.services.reserve(services.size());
    for (auto& [name, service] : services)
        graph.services.push_back(std::move(service));
    std::stable_sort(graph.edges.begin(), graph.edges.end(), [](const DependencyEdge& a, const DependencyEdge& b) {
        return std::tie(a.source, a.parent, a.child) < std::tie(b.source, b.parent, b.child);
    });
    return graph;
}

} // namespace skein
