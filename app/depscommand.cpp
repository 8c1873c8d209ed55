// SPDX-License-Identifier: MIT
#include "depscommand.h"

#include "dependencyquery.h"
#include "durationtext.h"
#include "tracestore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace skein {

namespace {

enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

const QString commandName = QStringLiteral("deps");

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString& message)
{
    err() << "skein deps: " << message << "\n"
          << "Run 'skein deps --help' for usage.\n";
    err().flush();
    return UsageError;
}

void printJson(const DependencyGraph& graph)
{
    QJsonArray edges;
    for (const DependencyEdge& edge : graph.edges) {
        QJsonObject object;
        object[QStringLiteral("parent")] = edge.parent;
        object[QStringLiteral("child")] = edge.child;
        object[QStringLiteral("callCount")] = double(edge.callCount);
        object[QStringLiteral("errorCount")] = double(edge.errorCount);
        object[QStringLiteral("p50_ns")] = double(edge.p50Ns);
        object[QStringLiteral("p99_ns")] = double(edge.p99Ns);
        object[QStringLiteral("source")] = dependencySourceName(edge.source);
        edges.append(object);
    }
    QJsonObject root;
    root[QStringLiteral("edges")] = edges;
    out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void printTable(const DependencyGraph& graph)
{
    int parentWidth = 6;
    int childWidth = 5;
    for (const DependencyEdge& edge : graph.edges) {
        parentWidth = std::max(parentWidth, int(edge.parent.size()));
        childWidth = std::max(childWidth, int(edge.child.size()));
    }
    out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                 .arg(QStringLiteral("PARENT"), -parentWidth)
                 .arg(QStringLiteral("CHILD"), -childWidth)
                 .arg(QStringLiteral("CALLS"), 9)
                 .arg(QStringLiteral("ERRORS"), 7)
                 .arg(QStringLiteral("P50"), 9)
                 .arg(QStringLiteral("P99"), 9)
                 .arg(QStringLiteral("SOURCE"));
    for (const DependencyEdge& edge : graph.edges) {
        const bool timed = edge.source == DependencySource::Spans;
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                     .arg(edge.parent, -parentWidth)
                     .arg(edge.child, -childWidth)
                     .arg(edge.callCount, 9)
                     .arg(timed ? QString::number(edge.errorCount) : QStringLiteral("-"), 7)
                     .arg(timed ? formatDuration(edge.p50Ns) : QStringLiteral("-"), 9)
                     .arg(timed ? formatDuration(edge.p99Ns) : QStringLiteral("-"), 9)
                     .arg(dependencySourceName(edge.source));
    }
    out() << graph.edges.size() << " edges between " << graph.services.size() << " services\n";
}

} // namespace

int depsCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists the service dependency graph: who calls whom, how often, with how many errors and how fast.\n"
        "Edges come from the cached spans (a span whose parent span is in another service is a call from the "
        "parent's service to the span's service; errorCount counts called spans with status error; p50/p99 are "
        "nearest-rank percentiles of their durations), and from the links that 'skein fetch' got from a Jaeger "
        "endpoint (source endpoint) or that 'skein import' read from a dependency-link file (source file). "
        "Those have a call count only. With --trace, only that trace's spans count."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("db"),
        QStringLiteral("The cache file (default: %1).").arg(TraceStore::defaultPath()), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("trace"), QStringLiteral("Only the calls within this trace (hex id)."),
        QStringLiteral("ID") });
    parser.addOption({ QStringLiteral("json"),
        QStringLiteral("Print {\"edges\": [{\"parent\", \"child\", \"callCount\", \"errorCount\", \"p50_ns\", "
                       "\"p99_ns\", \"source\": \"spans\"|\"endpoint\"|\"file\"}]} on stdout.") });
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText().replace(QStringLiteral("skein [options]"), QStringLiteral("skein deps [options]"));
        out().flush();
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()));

    const QString path
        = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : TraceStore::defaultPath();
    DependencyScope scope = DependencyScope::wholeCache();
    if (parser.isSet(QStringLiteral("trace"))) {
        const QString text = parser.value(QStringLiteral("trace")).trimmed();
        const auto traceId = TraceId::fromHex(text.toStdString());
        if (!traceId)
            return usageError(QStringLiteral("--trace wants a hex trace id of 1 to 32 digits, got '%1'").arg(text));
        QString error;
        auto store = TraceStore::open(path, &error);
        if (!store) {
            err() << "skein deps: cannot open the cache " << path << ": " << error << "\n";
            return Failure;
        }
        if (!store->traceSummary(*traceId)) {
            err() << "skein deps: the trace " << QString::fromStdString(traceId->toHex()) << " is not in " << path
                  << "\n";
            return Failure;
        }
        scope = DependencyScope::trace(*traceId);
    }

    const DependencyGraph graph = DependencyQuery::run(path, scope);
    if (!graph.error.isEmpty()) {
        err() << "skein deps: cannot read the cache " << path << ": " << graph.error << "\n";
        return Failure;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(graph);
    else
        printTable(graph);
    out().flush();
    return Success;
}

} // namespace skein
