// SPDX-License-Identifier: MIT
#include "dependencyfile.h"

#include "bytesource.h"
#include "dependencyquery.h"
#include "jaegerquery.h"

namespace skein {

namespace {

// The biggest real graphs are a few MiB; a bigger "dependency file" is a mistake, not a graph to draw.
constexpr int64_t maximumBytes = int64_t(256) * 1024 * 1024;

bool hasParentAndChild(const std::vector<std::string>& keys)
{
    return JsonShape::hasKey(keys, "parent") && JsonShape::hasKey(keys, "child");
}

} // namespace

bool isDependencyLinkInput(const SniffResult& sniffed)
{
    const JsonShape& shape = sniffed.shape;
    if (shape.root == JsonShape::Root::Array)
        return shape.firstElement == JsonShape::Root::Object && hasParentAndChild(shape.firstElementKeys);
    if (shape.root == JsonShape::Root::Object)
        return shape.data == JsonShape::Root::Array && hasParentAndChild(shape.dataKeys);
    return false;
}

ImportOutcome importDependencyLinks(TraceStore& store, ByteSource& source, const QString& sourceName)
{
    ImportOutcome outcome;
    outcome.path = sourceName;
    outcome.report.format = "dependency-links";
    QByteArray body;
    char buffer[64 * 1024];
    for (;;) {
        const int64_t count = source.read(buffer, sizeof buffer);
        if (count < 0) {
            if (source.cancelled())
                outcome.report.cancelled = true;
            else
                outcome.report.reject(source.errorString().toStdString(), {});
            return outcome;
        }
        if (count == 0)
            break;
        body.append(buffer, qsizetype(count));
        if (body.size() > maximumBytes) {
            outcome.report.reject("a dependency-link file larger than 256 MiB is not supported", {});
            return outcome;
        }
    }
    std::vector<DependencyLink> links;
    QString error;
    if (!JaegerQuery::parseDependencies(body, &links, &error)) {
        outcome.report.reject("not a valid dependency-link file: " + error.toStdString(), {});
        return outcome;
    }
    if (links.empty()) {
        outcome.report.reject("the dependency-link file lists no link", {});
        return outcome;
    }
    if (!store.storeDependencies(dependencyFileSource(sourceName), sourceName, links, &error)) {
        outcome.report.reject("could not store the dependency links: " + error.toStdString(), {});
        return outcome;
    }
    outcome.report.records = links.size();
    outcome.counts.records = links.size();
    return outcome;
}

} // namespace skein
