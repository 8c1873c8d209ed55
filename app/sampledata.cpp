// SPDX-License-Identifier: MIT
#include "sampledata.h"

#include "demogenerator.h"
#include "tracestore.h"

namespace skein {

bool addSampleWhenEmpty(TraceStore& store)
{
    if (store.info().spans > 0)
        return false;
    DemoOptions options;
    options.spans = 4000;
    options.traces = 40;
    options.seed = 7;
    DemoGenerator generator(options);
    auto session = store.beginImport(QStringLiteral("built-in sample"));
    if (!session)
        return false;
    ImportReport report;
    report.format = "demo";
    std::vector<SpanRecord> trace;
    while (generator.nextTrace(trace)) {
        report.records += trace.size();
        if (!session->addSpans(trace))
            return false;
        trace.clear();
    }
    ImportCounts counts;
    return session->finish(report, &counts);
}

} // namespace skein
