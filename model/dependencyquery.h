// SPDX-License-Identifier: MIT
// The service dependency graph: who calls whom, how often, how slowly and with how many errors. Derived
// from the cached spans (a span whose parent is in another service is a call parent.service -> span.service)
// and from the links a tracing backend or a dependency-link file reported (the dependency_links table).
#pragma once

#include "span.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace skein {

enum class DependencySource : uint8_t {
    Spans, // computed from the cached spans
    Endpoint, // reported by a tracing backend (Jaeger /api/dependencies)
    File, // read from an imported dependency-link file
};
// "spans", "endpoint", "file" (the JSON form of skein deps).
QString dependencySourceName(DependencySource source);

// The dependency_links.source of links imported from a file: "file:" followed by the file's path.
QString dependencyFileSource(const QString& path);
DependencySource dependencySourceOfStoredLink(const QString& storedSource);

struct DependencyEdge {
    QString parent;
    QString child;
    int64_t callCount = 0;
    // The figures below are known for Spans edges only (0 otherwise).
    int64_t errorCount = 0; // calls whose called span has status error
    int64_t p50Ns = 0; // nearest-rank percentiles of the called spans' durations
    int64_t p99Ns = 0;
    DependencySource source = DependencySource::Spans;
};

// A service's own spans in the scope (zero for services known only from reported links).
struct DependencyService {
    QString name;
    int64_t spanCount = 0;
    int64_t errorCount = 0;
};

// Which spans the graph is computed from. Reported links (endpoint, file) carry no time or trace, so they
// belong to the whole-cache scope only.
struct DependencyScope {
    enum class Kind { WholeCache, TimeRange, Traces };
    Kind kind = Kind::WholeCache;
    int64_t fromNs = 0; // TimeRange: traces that start in [fromNs, toNs]
    int64_t toNs = 0;
    std::vector<TraceId> traceIds; // Traces: a search result, or one trace

    static DependencyScope wholeCache() { return {}; }
    static DependencyScope timeRange(int64_t fromNs, int64_t toNs);
    static DependencyScope traces(std::vector<TraceId> traceIds);
    static DependencyScope trace(const TraceId& traceId) { return traces({ traceId }); }
};

struct DependencySources {
    bool spans = true;
    bool endpoint = true;
    bool file = true;
    bool includes(DependencySource source) const;
};

struct DependencyGraph {
    // By source, then parent, then child.
    std::vector<DependencyEdge> edges;
    // Every service that is an end of an edge or has spans in the scope, by name.
    std::vector<DependencyService> services;
    int64_t spansRead = 0;
    QString error; // a database problem; the graph is then empty
    bool cancelled = false;
};

// Runs on any thread: opens its own connections to the cache. Nothing here touches widgets.
class DependencyQuery {
public:
    static DependencyGraph run(const QString& databasePath, const DependencyScope& scope,
        const DependencySources& sources = {}, const std::atomic<bool>* cancel = nullptr);

    // The nearest-rank percentile (the smallest value with at least percent % of the values at or below it);
    // reorders values. 0 for no values.
    static int64_t percentile(std::vector<int64_t>& values, double percent);
};

} // namespace skein
