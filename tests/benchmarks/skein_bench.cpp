// SPDX-License-Identifier: MIT
// Skein's benchmark: for each size it generates `skein demo` data and measures
//  - the import of every format against two floors measured in the same run (reading the file; parsing
//    it without storing): spans/s, MB/s and the peak memory of each phase, each in a fresh process;
//  - opening one trace of that many spans from the cache: the first painted frame against plain SQLite
//    reading the same rows, repaints while scrolling and zooming, and bytes per span.
// Prints one markdown table with a column per size (medians over --runs); progress goes to stderr.
//
//   skein_bench [--sizes 10000,100000,1000000] [--runs 3] [--formats jaeger,otlp-proto,...]
//               [--only-import | --only-open] [--db CACHE (open its biggest trace; nothing is generated)]
//               [--snapshots DIR (PNGs of the biggest trace as waterfall, with its self-time summary, and flame chart)]
#include "benchtable.h"
#include "importphases.h"
#include "memoryrelease.h"
#include "openphases.h"
#include "opentrace.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace skein;
using namespace skein::bench;

namespace {

struct Options {
    std::vector<uint64_t> sizes { 10000, 100000, 1000000 };
    int runs = 3;
    QStringList formats = demoFormatNames();
    bool import = true;
    bool open = true;
    QString database; // --db
    QString snapshots;
};

// A phase of a small input lasts a few tens of milliseconds, so one stall of a shared machine moves its
// median; repeating it costs little.
constexpr uint64_t smallInputSpans = 100'000;
constexpr int smallInputRunFactor = 3;

int importRuns(const Options& options, uint64_t spans)
{
    return spans < smallInputSpans ? options.runs * smallInputRunFactor : options.runs;
}

void printUsage()
{
    std::fprintf(stderr,
        "usage: skein_bench [--sizes 10000,100000,1000000] [--runs 3] [--formats %s]\n"
        "                   [--only-import | --only-open] [--db CACHE] [--snapshots DIR]\n",
        qPrintable(demoFormatNames().join(u',')));
}

std::optional<Options> parseArguments(const QStringList& arguments)
{
    Options options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool hasValue = i + 1 < arguments.size();
        if ((argument == u"--sizes" || argument == u"--spans") && hasValue) {
            options.sizes.clear();
            for (const QString& size : arguments[++i].split(u',', Qt::SkipEmptyParts)) {
                bool ok = false;
                const uint64_t spans = size.toULongLong(&ok);
                if (!ok || spans == 0)
                    return std::nullopt;
                options.sizes.push_back(spans);
            }
        } else if (argument == u"--runs" && hasValue) {
            options.runs = std::max(1, arguments[++i].toInt());
        } else if (argument == u"--formats" && hasValue) {
            options.formats = arguments[++i].split(u',', Qt::SkipEmptyParts);
            for (const QString& format : options.formats)
                if (!demoFormatFromName(format)) {
                    std::fprintf(stderr, "skein_bench: unknown format %s\n", qPrintable(format));
                    return std::nullopt;
                }
        } else if (argument == u"--only-import") {
            options.open = false;
        } else if (argument == u"--only-open") {
            options.import = false;
        } else if (argument == u"--db" && hasValue) {
            options.database = arguments[++i];
            options.import = false;
        } else if (argument == u"--snapshots" && hasValue) {
            options.snapshots = arguments[++i];
            QDir().mkpath(options.snapshots); // the PNGs are saved into it
        } else {
            return std::nullopt;
        }
    }
    if (options.sizes.empty() || (!options.import && !options.open))
        return std::nullopt;
    return options;
}

void progress(const QElapsedTimer& clock, const QString& message)
{
    std::fprintf(stderr, "[%5.0f s] %s\n", double(clock.elapsed()) / 1000.0, qPrintable(message));
}

} // namespace

int main(int argc, char** argv)
{
    skein::keepBigBlocksSeparate(); // as the app does
    // Phases in child processes start here, before any application object: the import phases with no
    // more than QCoreApplication, so that their peak memory is not a GUI's.
    if (argc == 5 && std::strcmp(argv[1], importPhaseArgument) == 0) {
        QCoreApplication app(argc, argv);
        return runImportPhase(
            QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), QString::fromLocal8Bit(argv[4]));
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc == 5 && std::strcmp(argv[1], memoryPhaseArgument) == 0)
        return runMemoryPhase(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
            std::strcmp(argv[4], "index") == 0 ? MemoryPhase::IndexAlone : MemoryPhase::AsTheWindowOpensIt);

    const std::optional<Options> parsed = parseArguments(app.arguments());
    if (!parsed) {
        printUsage();
        return 2;
    }
    const Options& options = *parsed;
    const QString self = QCoreApplication::applicationFilePath();
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "skein_bench: cannot create a temporary directory\n");
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    QString error;
    std::vector<SizeResult> results;

    if (!options.database.isEmpty()) {
        const std::optional<OpenTrace> trace = biggestTrace(options.database, &error);
        if (!trace) {
            std::fprintf(stderr, "skein_bench: %s\n", qPrintable(error));
            return 1;
        }
        progress(clock,
            QStringLiteral("opening the biggest trace of %1 (%2 spans)").arg(options.database).arg(trace->spans));
        SizeResult result;
        result.heading = QFileInfo(options.database).fileName() + QStringLiteral(", ") + spansLabel(trace->spans)
            + QStringLiteral(" spans");
        result.open = benchmarkOpen(self, *trace, options.runs, options.snapshots);
        results.push_back(std::move(result));
    } else {
        const uint64_t biggest = *std::max_element(options.sizes.begin(), options.sizes.end());
        bool snapshotsTaken = false;
        for (const uint64_t spans : options.sizes) {
            SizeResult result;
            result.heading = spansLabel(spans) + QStringLiteral(" spans");
            const QString size = spansLabel(spans);
            for (const QString& format : options.import ? options.formats : QStringList {}) {
                progress(clock, QStringLiteral("%1: import %2").arg(size, format));
                std::optional<ImportResult> import = benchmarkImport(
                    self, *demoFormatFromName(format), spans, importRuns(options, spans), dir.path(), &error);
                if (import)
                    result.imports.push_back(*import);
                else
                    std::fprintf(
                        stderr, "skein_bench: %s %s: %s\n", qPrintable(size), qPrintable(format), qPrintable(error));
            }
            if (options.open) {
                progress(clock, QStringLiteral("%1: open one trace").arg(size));
                const std::optional<OpenTrace> trace = importSingleTrace(spans, dir.path(), &error);
                if (trace) {
                    const bool snapshots = spans == biggest && !snapshotsTaken;
                    snapshotsTaken = snapshotsTaken || snapshots;
                    result.open = benchmarkOpen(self, *trace, options.runs, snapshots ? options.snapshots : QString());
                    QFile::remove(trace->databasePath);
                    QFile::remove(trace->databasePath + QStringLiteral("-wal"));
                    QFile::remove(trace->databasePath + QStringLiteral("-shm"));
                } else {
                    std::fprintf(stderr, "skein_bench: %s open: %s\n", qPrintable(size), qPrintable(error));
                }
            }
            results.push_back(std::move(result));
        }
    }
    progress(clock, QStringLiteral("done"));

    QString runs
        = options.runs == 1 ? QStringLiteral("one run") : QStringLiteral("medians of %1 runs").arg(options.runs);
    if (options.import
        && std::any_of(options.sizes.begin(), options.sizes.end(), [](uint64_t s) { return s < smallInputSpans; }))
        runs += QStringLiteral(" (imports of fewer than %1 spans: %2)")
                    .arg(spansLabel(smallInputSpans))
                    .arg(options.runs * smallInputRunFactor);
    std::printf("skein_bench, %s, %d CPUs: %s; the floors are measured in the same run.\n",
        qPrintable(QDate::currentDate().toString(Qt::ISODate)), QThread::idealThreadCount(), qPrintable(runs));
    if (options.import)
        std::printf("Import: one `skein demo` file per format (about 200 spans per trace), each phase in a fresh "
                    "process: read floor = the file to its end, decompression included; parse floor = the "
                    "format's reader into a sink that drops spans; import = `skein import` into a new cache.\n");
    if (options.open)
        std::printf("Open: %s, as the window opens it offscreen at 1600x1000 px; its floor is plain SQLite reading "
                    "the same span rows.\n",
            options.database.isEmpty() ? "one trace of that many spans (`skein demo --traces 1`) from the cache"
                                       : "the cache's biggest trace");
    std::printf("\n");
    printTable(results, options.import ? options.formats : QStringList {});
    return 0;
}
