// SPDX-License-Identifier: MIT
// Turns a planned demo span into what an instrumented service would have recorded: its name, the
// semantic-convention attributes of its protocol, the shop's own attributes (every value type
// occurs), events, and the status and exception of a failure.
#pragma once

#include "democatalog.h"
#include "demorandom.h"
#include "demotrace.h"

#include <vector>

namespace skein::demo {

class Decorator {
public:
    Decorator(const Catalog& catalog, Random& random);

    size_t productCount() const;
    size_t currencyCount() const;
    size_t addressCount() const;
    size_t userAgentCount() const;

    // Decides how the span at origin failed: fills the context's failure text and marks node.timedOut
    // when the failure is a timeout. Returns the kind of failure.
    Failure describeFailure(TraceContext& context, PlanNode& origin);

    // Fills everything but the ids, times, links, resource and scope, which the generator owns.
    void decorate(const TraceContext& context, const std::vector<PlanNode>& nodes, size_t index, SpanRecord& span);

    // The time a span of this operation spends itself (not in children) once it timed out.
    static int64_t timeoutNs(const Operation& operation);

private:
    void addProtocolAttributes(const TraceContext& context, const PlanNode& node, const PlanNode* parent,
        const Operation& operation, SpanRecord& span);
    void addServiceAttributes(
        const TraceContext& context, const PlanNode& node, const Operation& operation, SpanRecord& span);
    void addEvents(const TraceContext& context, const PlanNode& node, const Operation& operation, SpanRecord& span);
    void addFailure(const TraceContext& context, const PlanNode& node, const Operation& operation, SpanRecord& span);
    int httpStatus(const TraceContext& context, const PlanNode& node, const Operation& operation) const;
    int grpcStatus(const TraceContext& context, const PlanNode& node) const;
    int64_t eventTime(const PlanNode& node, uint32_t perMille);

    const Catalog& m_catalog;
    Random& m_random;
};

} // namespace skein::demo
