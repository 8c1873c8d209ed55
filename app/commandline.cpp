// SPDX-License-Identifier: MIT
#include "commandline.h"

#include "demogenerator.h"
#include "depscommand.h"
#include "durationtext.h"
#include "fetchcommand.h"
#include "fileimport.h"
#include "importjson.h"
#include "sampledata.h"
#include "tracestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace skein {

namespace {

enum ExitCode { Success = 0, Rejected = 1, UsageError = 2 };

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

int usageError(const QString& message, const QString& command)
{
    err() << "skein " << command << ": " << message << "\n"
          << "Run 'skein " << command << " --help' for usage.\n";
    err().flush();
    return UsageError;
}

void addDatabaseOption(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("db"),
        QStringLiteral("The cache file (default: %1). ':memory:' keeps nothing.").arg(TraceStore::defaultPath()),
        QStringLiteral("path") });
}

void addJsonOption(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout.") });
}

// Parses the subcommand's arguments; returns -1 to go on, or an exit code.
int parseArguments(
    QCommandLineParser& parser, const QStringList& arguments, const QString& command, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(arguments)) // arguments[0], the command word, stands where parse() expects the program
        return usageError(parser.errorText(), command);
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText().replace(
            QStringLiteral("skein [options]"), QStringLiteral("skein %1 [options]").arg(command));
        out().flush();
        return Success;
    }
    return -1;
}

std::unique_ptr<TraceStore> openStore(const QCommandLineParser& parser, QString* path,
    TraceStore::NewCache newCache = TraceStore::NewCache::WriteAheadLog)
{
    *path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : TraceStore::defaultPath();
    QString error;
    auto store = TraceStore::open(*path, &error, newCache);
    if (!store)
        err() << "skein: cannot open the cache " << *path << ": " << error << "\n";
    return store;
}

QString positionText(const SourcePosition& position)
{
    if (position.line > 0)
        return QStringLiteral("line %1, column %2").arg(position.line).arg(position.column);
    if (position.offset >= 0)
        return QStringLiteral("byte offset %1").arg(position.offset);
    return {};
}

QString messageText(const QString& path, const ImportMessage& message)
{
    const QString where = positionText(message.position);
    return where.isEmpty() ? QStringLiteral("%1: %2").arg(path, QString::fromStdString(message.message))
                           : QStringLiteral("%1: %2: %3").arg(path, where, QString::fromStdString(message.message));
}

int importCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    addDatabaseOption(parser);
    addJsonOption(parser);
    parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("Trace files to import ('-' reads stdin)."), QStringLiteral("FILE..."));
    if (const int code = parseArguments(parser, arguments, QStringLiteral("import"),
            QStringLiteral("Imports trace files (Jaeger JSON, OTLP JSON, JSON lines and protobuf, "
                           "Zipkin v1/v2 JSON, Jaeger api_v3; gzip and zstd compressed) into the cache."));
        code >= 0)
        return code;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(QStringLiteral("no file given"), QStringLiteral("import"));

    QString databasePath;
    auto store = openStore(parser, &databasePath, TraceStore::NewCache::ImportsFirst);
    if (!store)
        return Rejected;
    const bool json = parser.isSet(QStringLiteral("json"));

    bool anyRejected = false;
    QJsonArray results;
    for (const QString& file : files) {
        const ImportOutcome outcome = importFile(*store, file);
        anyRejected = anyRejected || outcome.report.rejected || outcome.report.cancelled;
        if (json) {
            results.append(importOutcomeJson(outcome));
            continue;
        }
        if (outcome.report.rejected) {
            err() << "rejected " << messageText(file, outcome.report.error) << "\n";
        } else {
            out() << "imported " << file << " (" << QString::fromStdString(outcome.report.format)
                  << "): " << outcome.counts.traces << " traces, " << outcome.counts.spans << " spans from "
                  << outcome.counts.records << " records, " << outcome.counts.services << " services";
            if (!outcome.report.warnings.empty())
                out() << ", " << outcome.report.warnings.size() << " warnings";
            out() << "\n";
        }
        const size_t shown = std::min<size_t>(outcome.report.warnings.size(), 20);
        for (size_t i = 0; i < shown; ++i)
            err() << "warning " << messageText(file, outcome.report.warnings[i]) << "\n";
        if (outcome.report.warnings.size() > shown)
            err() << "  (" << outcome.report.warnings.size() - shown << " more warnings; --json lists them)\n";
        out().flush();
        err().flush();
    }
    if (json) {
        QJsonObject root;
        root[QStringLiteral("database")] = databasePath;
        root[QStringLiteral("files")] = results;
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
    }
    out().flush();
    return anyRejected ? Rejected : Success;
}

int printInfo(TraceStore& store, bool json)
{
    const StoreInfo info = store.info();
    if (json) {
        QJsonObject root;
        root[QStringLiteral("database")] = info.path;
        root[QStringLiteral("traces")] = double(info.traces);
        root[QStringLiteral("spans")] = double(info.spans);
        root[QStringLiteral("services")] = double(info.services);
        root[QStringLiteral("operations")] = double(info.operations);
        root[QStringLiteral("imports")] = double(info.imports);
        root[QStringLiteral("bytes")] = double(info.fileBytes);
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        out() << "database   " << info.path << "\n"
              << "traces     " << info.traces << "\n"
              << "spans      " << info.spans << "\n"
              << "services   " << info.services << "\n"
              << "operations " << info.operations << "\n"
              << "imports    " << info.imports << "\n"
              << "size       " << QString::number(double(info.fileBytes) / (1024.0 * 1024.0), 'f', 1) << " MiB\n";
    }
    out().flush();
    return Success;
}

int infoCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    addDatabaseOption(parser);
    addJsonOption(parser);
    if (const int code
        = parseArguments(parser, arguments, QStringLiteral("info"), QStringLiteral("Shows what the cache holds."));
        code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()), QStringLiteral("info"));
    QString path;
    auto store = openStore(parser, &path);
    return store ? printInfo(*store, parser.isSet(QStringLiteral("json"))) : Rejected;
}

void printTraces(const std::vector<TraceSummary>& traces, const QString& databasePath, bool json)
{
    if (json) {
        QJsonArray list;
        for (const TraceSummary& trace : traces) {
            QJsonObject object;
            object[QStringLiteral("traceId")] = QString::fromStdString(trace.traceId.toHex());
            object[QStringLiteral("startTime")] = formatTimestamp(trace.startNs);
            object[QStringLiteral("startNs")] = QString::number(trace.startNs);
            object[QStringLiteral("durationNs")] = double(trace.durationNs);
            object[QStringLiteral("rootService")] = trace.rootService;
            object[QStringLiteral("rootOperation")] = trace.rootOperation;
            object[QStringLiteral("spans")] = double(trace.spanCount);
            object[QStringLiteral("errors")] = double(trace.errorCount);
            object[QStringLiteral("services")] = QJsonArray::fromStringList(trace.services);
            list.append(object);
        }
        QJsonObject root;
        root[QStringLiteral("database")] = databasePath;
        root[QStringLiteral("traces")] = list;
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
        out().flush();
        return;
    }
    out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                 .arg(QStringLiteral("TRACE ID"), -32)
                 .arg(QStringLiteral("START (UTC)"), -23)
                 .arg(QStringLiteral("DURATION"), 9)
                 .arg(QStringLiteral("SPANS"), 6)
                 .arg(QStringLiteral("ERRORS"), 6)
                 .arg(QStringLiteral("ROOT"));
    for (const TraceSummary& trace : traces) {
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6: %7\n")
                     .arg(QString::fromStdString(trace.traceId.toHex()))
                     .arg(formatTimestamp(trace.startNs).left(23), -23)
                     .arg(formatDuration(trace.durationNs), 9)
                     .arg(trace.spanCount, 6)
                     .arg(trace.errorCount, 6)
                     .arg(trace.rootService, trace.rootOperation);
    }
    out() << traces.size() << " traces\n";
    out().flush();
}

int tracesCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    addDatabaseOption(parser);
    addJsonOption(parser);
    parser.addOption(
        { QStringLiteral("service"), QStringLiteral("Traces with a span of this service."), QStringLiteral("S") });
    parser.addOption(
        { QStringLiteral("operation"), QStringLiteral("Traces with a span of this operation."), QStringLiteral("O") });
    parser.addOption({ QStringLiteral("tag"), QStringLiteral("Traces with a span whose attribute K is V (repeatable)."),
        QStringLiteral("K=V") });
    parser.addOption({ QStringLiteral("min-duration"), QStringLiteral("Shortest trace duration, e.g. 250ms, 1.5s."),
        QStringLiteral("D") });
    parser.addOption(
        { QStringLiteral("max-duration"), QStringLiteral("Longest trace duration."), QStringLiteral("D") });
    parser.addOption({ QStringLiteral("limit"), QStringLiteral("At most N traces (default 20)."), QStringLiteral("N"),
        QStringLiteral("20") });
    if (const int code = parseArguments(
            parser, arguments, QStringLiteral("traces"), QStringLiteral("Lists cached traces, newest first."));
        code >= 0)
        return code;
    const QString command = QStringLiteral("traces");
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()), command);

    TraceFilter filter;
    filter.service = parser.value(QStringLiteral("service"));
    filter.operation = parser.value(QStringLiteral("operation"));
    for (const QString& tag : parser.values(QStringLiteral("tag"))) {
        const qsizetype equals = tag.indexOf(u'=');
        if (equals <= 0)
            return usageError(QStringLiteral("--tag wants KEY=VALUE, got '%1'").arg(tag), command);
        filter.tags.emplace_back(tag.left(equals), tag.mid(equals + 1));
    }
    for (const auto& [option, target] : { std::pair { QStringLiteral("min-duration"), &filter.minDurationNs },
             std::pair { QStringLiteral("max-duration"), &filter.maxDurationNs } }) {
        if (!parser.isSet(option))
            continue;
        const auto duration = parseDuration(parser.value(option));
        if (!duration)
            return usageError(
                QStringLiteral("--%1 wants a duration like 250ms or 1.5s, got '%2'").arg(option, parser.value(option)),
                command);
        *target = *duration;
    }
    bool limitOk = false;
    filter.limit = parser.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || filter.limit <= 0)
        return usageError(
            QStringLiteral("--limit wants a positive number, got '%1'").arg(parser.value(QStringLiteral("limit"))),
            command);

    QString path;
    auto store = openStore(parser, &path);
    if (!store)
        return Rejected;
    printTraces(store->findTraces(filter), path, parser.isSet(QStringLiteral("json")));
    return Success;
}

int demoCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("format"),
        QStringLiteral("%1.").arg(demoFormatNames().join(QStringLiteral(", "))), QStringLiteral("F") });
    parser.addOption({ QStringLiteral("spans"), QStringLiteral("How many spans in all."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("traces"), QStringLiteral("How many traces (default: about one per 200 spans)."),
        QStringLiteral("T") });
    parser.addOption(
        { QStringLiteral("seed"), QStringLiteral("Random seed (default 1); the same seed gives the same file."),
            QStringLiteral("S"), QStringLiteral("1") });
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("output") },
        QStringLiteral("Output file ('-' for stdout)."), QStringLiteral("FILE") });
    if (const int code = parseArguments(parser, arguments, QStringLiteral("demo"),
            QStringLiteral("Writes generated, realistic microservice traces."));
        code >= 0)
        return code;
    const QString command = QStringLiteral("demo");
    const auto format = demoFormatFromName(parser.value(QStringLiteral("format")));
    if (!format)
        return usageError(
            QStringLiteral("--format wants one of %1, got '%2'")
                .arg(demoFormatNames().join(QStringLiteral(", ")), parser.value(QStringLiteral("format"))),
            command);
    bool ok = false;
    DemoOptions options;
    options.spans = parser.value(QStringLiteral("spans")).toULongLong(&ok);
    if (!ok || options.spans == 0)
        return usageError(QStringLiteral("--spans wants a positive number"), command);
    if (parser.isSet(QStringLiteral("traces"))) {
        options.traces = parser.value(QStringLiteral("traces")).toULongLong(&ok);
        if (!ok || options.traces == 0 || options.traces > options.spans)
            return usageError(QStringLiteral("--traces wants a number from 1 to --spans"), command);
    }
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError(QStringLiteral("--seed wants a number"), command);
    if (!parser.isSet(QStringLiteral("output")))
        return usageError(QStringLiteral("-o FILE is required"), command);
    QString error;
    if (!writeDemoFile(options, *format, parser.value(QStringLiteral("output")), &error)) {
        err() << "skein demo: " << error << "\n";
        return Rejected;
    }
    return Success;
}

void printUsage(QTextStream& stream)
{
    stream << "Usage: skein [--db PATH] [--trace ID] [--page search|dependencies] [--screenshot PNG] [FILE...]\n"
              "                                          start the explorer (GUI); --trace opens a trace,\n"
              "                                          --screenshot saves the window once loaded and quits\n"
              "       skein import [--db PATH] [--json] FILE...\n"
              "       skein info [--db PATH] [--json]\n"
              "       skein traces [--db PATH] [--service S] [--operation O] [--tag K=V]...\n"
              "                    [--min-duration D] [--max-duration D] [--limit N] [--json]\n"
              "       skein fetch --jaeger URL [--api auto|v1|v3] [--service S] [--operation O] [--tag K=V]...\n"
              "                   [--lookback 1h | --start T --end T] [--min-duration D] [--max-duration D]\n"
              "                   [--limit N] [--trace ID]... [--token T] [--db PATH] [--json]\n"
              "       skein deps [--db PATH] [--trace ID] [--json]\n"
              "       skein demo --format jaeger|otlp-json|otlp-jsonl|otlp-proto|zipkin --spans N [--traces T] [--seed "
              "S] -o FILE\n"
              "Run 'skein COMMAND --help' for a command's options.\n";
    stream.flush();
}

} // namespace

bool isCommandLineInvocation(const QStringList& arguments)
{
    if (arguments.size() < 2)
        return false;
    static const QStringList words = { QStringLiteral("import"), QStringLiteral("info"), QStringLiteral("traces"),
        QStringLiteral("demo"), QStringLiteral("fetch"), QStringLiteral("deps"), QStringLiteral("help"),
        QStringLiteral("--help"), QStringLiteral("-h"), QStringLiteral("--version") };
    return words.contains(arguments.at(1));
}

int runCommandLine(const QStringList& arguments)
{
    const QString command = arguments.value(1);
    if (command == u"import")
        return importCommand(arguments.mid(1));
    if (command == u"info")
        return infoCommand(arguments.mid(1));
    if (command == u"traces")
        return tracesCommand(arguments.mid(1));
    if (command == u"demo")
        return demoCommand(arguments.mid(1));
    if (command == u"fetch")
        return fetchCommand(arguments.mid(1));
    if (command == u"deps")
        return depsCommand(arguments.mid(1));
    if (command == u"--version") {
        out() << "skein " << QCoreApplication::applicationVersion() << "\n";
        out().flush();
        return Success;
    }
    printUsage(out());
    return Success;
}

int runHeadlessOverview(const QString& databasePath)
{
    QString error;
    auto store = TraceStore::open(databasePath, &error);
    if (!store) {
        err() << "skein: cannot open the cache " << databasePath << ": " << error << "\n";
        return Rejected;
    }
    if (addSampleWhenEmpty(*store))
        out() << "The cache was empty: added a generated sample.\n";
    printInfo(*store, false);
    out() << "\n";
    TraceFilter filter;
    filter.limit = 20;
    printTraces(store->findTraces(filter), store->path(), false);
    return Success;
}

} // namespace skein
