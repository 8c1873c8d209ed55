// SPDX-License-Identifier: MIT
// The imaginary online shop that the demo generator traces: its services, their operations and which
// operation calls which. Pure data, built once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace skein::demo {

enum class Language : uint8_t { Go, Java, NodeJs, Python, DotNet, Rust, Ruby, Cpp, Php };

// Decides the spans a call produces (client + server, client only, producer + consumer, ...) and their attributes.
enum class Protocol : uint8_t { Http, Grpc, Sql, Redis, Kafka, Internal, External };

// In the order Catalog::shop() creates them, so that the generator can switch on them.
enum ServiceId : int {
    Frontend,
    ApiGateway,
    Auth,
    UserProfile,
    ProductCatalog,
    Pricing,
    Currency,
    Recommendation,
    Ad,
    Cart,
    Inventory,
    Checkout,
    Payment,
    FraudDetection,
    Shipping,
    Quote,
    Email,
    Notification,
    OrderWorker,
    Search,
    Postgres,
    Redis,
    ServiceCount
};

struct Service {
    std::string name;
    Language language;
    std::string version;
    int replicas;
};

struct Call {
    int operation; // the callee
    int weight;
    bool once; // made at most once per call of the caller
};

struct Operation {
    int service = -1; // -1: an uninstrumented external endpoint, seen only as a client span
    Protocol protocol = Protocol::Internal;
    std::string name; // span name on the serving side
    std::string method; // HTTP method, gRPC method, SQL verb, redis command
    std::string target; // HTTP route, gRPC service, SQL table, redis key prefix, kafka topic, external host
    std::string detail; // SQL text, external URL path, function name of an internal span
    uint32_t minMicros = 0; // time the operation spends itself, children excluded
    uint32_t maxMicros = 0;
    uint32_t maxChildren = 0; // soft cap on direct calls; 0 = unlimited
    int entryWeight = 0; // > 0: may start a trace
    uint32_t maxTraceSpans = 0; // as a trace's root: the largest trace it plausibly heads; 0 = any
    bool batch = false; // a root for very large traces (fan-out over thousands of items)
    std::vector<Call> calls;
};

struct Catalog {
    std::vector<Service> services;
    std::vector<Operation> operations;

    static const Catalog& shop();
};

const char* languageName(Language language); // telemetry.sdk.language value

} // namespace skein::demo
