// SPDX-License-Identifier: MIT
// The plan of one demo trace before it becomes spans: the call tree with timings, shared by the
// generator (shape and times) and the decorator (names, attributes, events, errors).
#pragma once

#include "span.h"

#include <cstdint>
#include <string>
#include <vector>

namespace skein::demo {

// What a span does in the call. Executing roles run an operation and may call others; the client-side
// roles have at most one child, the server side of the call.
enum class Role : uint8_t { Server, Consumer, Internal, DbServer, RpcClient, DbClient, Producer, ExternalClient };

inline bool executes(Role role)
{
    return role == Role::Server || role == Role::Consumer || role == Role::Internal || role == Role::DbServer;
}

// How an error trace failed; chosen at the span where the failure started.
enum class Failure : uint8_t { None, Database, Cache, Remote, Code };

struct PlanNode {
    int32_t parent = -1;
    int32_t operation = -1; // for client roles: the called operation
    int16_t service = -1; // the service that emits the span
    uint8_t replica = 0;
    uint8_t depth = 1; // the root is 1
    Role role = Role::Server;
    Failure failure = Failure::None; // set on every span the error reached
    bool failureOrigin = false;
    bool timedOut = false;
    uint32_t children = 0;
    uint32_t onceCallsMade = 0; // bit i: the operation's call i, if made at most once, was made
    int64_t offsetNs = 0; // start relative to the parent's start
    int64_t durationNs = 0;
    int64_t startNs = 0;
    SpanId id = 0;
};

// Values that stay the same across the spans of one trace (one user, one cart, one order).
struct TraceContext {
    TraceId traceId;
    std::string traceState;
    int64_t startNs = 0;
    bool loggedIn = false;
    std::string userId;
    std::string sessionId;
    std::string clientAddress;
    int userAgent = 0;
    int64_t orderId = 0; // a 64-bit snowflake id, beyond 2^53
    std::vector<int> products; // indexes into the product list
    std::vector<int64_t> quantities;
    int64_t totalCents = 0;
    int currency = 0;
    int address = 0;
    bool express = false;
    std::string failureMessage; // at the origin, in the words of the failing component
    std::string failureType; // the exception type at the origin
    std::string failureCode; // a database's own code (SQLSTATE, redis error prefix), for its server span
    int failureHttpStatus = 500; // what HTTP callers up the chain answer
};

} // namespace skein::demo
