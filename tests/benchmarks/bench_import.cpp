// SPDX-License-Identifier: MIT
// Import benchmark: generates demo files and measures a full import against two floors measured in the
// same run on the same file: reading it (decompression included), and parsing it without storing.
// Each phase runs in its own child process so that peak RSS is the phase's own.
#include "bytesource.h"
#include "demogenerator.h"
#include "fileimport.h"
#include "traceimporter.h"
#include "tracestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace skein;

namespace {

class CountingSink : public SpanSink {
public:
    bool addSpans(std::vector<SpanRecord>& spans) override
    {
        count += spans.size();
        spans.clear();
        return true;
    }
    uint64_t count = 0;
};

// Child side: does one phase and prints the number of spans it saw.
int runPhase(const QString& phase, const QString& file, const QString& database)
{
    uint64_t spans = 0;
    if (phase == u"read") {
        QString error;
        auto source = ByteSource::open(file, &error);
        if (!source)
            return 3;
        std::vector<char> buffer(1 << 16);
        while (source->read(buffer.data(), int64_t(buffer.size())) > 0) { }
    } else if (phase == u"parse") {
        QString error;
        auto source = ByteSource::open(file, &error);
        if (!source)
            return 3;
        CountingSink sink;
        ImportReport report;
        importTraces(*source, sink, report);
        if (report.rejected)
            return 4;
        spans = sink.count;
    } else {
        QString error;
        auto store = TraceStore::open(database, &error);
        if (!store)
            return 3;
        const ImportOutcome outcome = importFile(*store, file);
        if (outcome.report.rejected)
            return 4;
        spans = outcome.counts.spans;
    }
    std::printf("%llu\n", static_cast<unsigned long long>(spans));
    return 0;
}

struct Measurement {
    double seconds = 0;
    double peakRssMb = 0;
    uint64_t spans = 0;
};

Measurement measure(const char* self, const char* phase, const QString& file, const QString& database)
{
    QFile::remove(database);
    QFile::remove(database + QStringLiteral("-wal"));
    QFile::remove(database + QStringLiteral("-shm"));
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return {};
    QElapsedTimer timer;
    timer.start();
    const pid_t child = fork();
    if (child == 0) {
        dup2(pipeFds[1], STDOUT_FILENO);
        close(pipeFds[0]);
        const QByteArray fileBytes = file.toLocal8Bit();
        const QByteArray databaseBytes = database.toLocal8Bit();
        execl(self, self, "--phase", phase, fileBytes.constData(), databaseBytes.constData(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipeFds[1]);
    char output[64] = {};
    const ssize_t got = read(pipeFds[0], output, sizeof output - 1);
    close(pipeFds[0]);
    int status = 0;
    rusage usage {};
    wait4(child, &status, 0, &usage);
    Measurement m;
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    m.peakRssMb = double(usage.ru_maxrss) / 1024.0;
    m.spans = got > 0 ? std::strtoull(output, nullptr, 10) : 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        std::fprintf(stderr, "phase %s failed (status %d)\n", phase, status);
    return m;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments();
    if (arguments.size() == 5 && arguments[1] == u"--phase")
        return runPhase(arguments[2], arguments[3], arguments[4]);

    uint64_t spans = 1000000;
    int runs = 3;
    QStringList formats = demoFormatNames();
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        if (arguments[i] == u"--spans")
            spans = arguments[i + 1].toULongLong();
        else if (arguments[i] == u"--runs")
            runs = std::max(1, arguments[i + 1].toInt());
        else if (arguments[i] == u"--formats")
            formats = arguments[i + 1].split(u',');
    }

    QTemporaryDir dir;
    std::printf("Import benchmark: %llu spans per file, median of %d runs; each phase in its own process.\n\n",
                static_cast<unsigned long long>(spans), runs);
    std::printf("| format | file MB | read s | parse s | import s | import spans/s | import MB/s | import / parse | import / read | peak RSS MB (read / parse / import) |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const QString& format : formats) {
        const auto demoFormat = demoFormatFromName(format);
        if (!demoFormat) {
            std::fprintf(stderr, "unknown format %s\n", qPrintable(format));
            return 2;
        }
        const QString file = dir.filePath(format + QStringLiteral(".trace"));
        DemoOptions options;
        options.spans = spans;
        QString error;
        if (!writeDemoFile(options, *demoFormat, file, &error)) {
            std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(file), qPrintable(error));
            return 1;
        }
        const double fileMb = double(QFileInfo(file).size()) / 1e6;
        const QString database = dir.filePath(QStringLiteral("bench.sqlite"));
        std::vector<double> read, parse, import, readRss, parseRss, importRss;
        for (int run = 0; run < runs; ++run) {
            const Measurement r = measure(argv[0], "read", file, database);
            const Measurement p = measure(argv[0], "parse", file, database);
            const Measurement i = measure(argv[0], "import", file, database);
            if (p.spans != spans || i.spans != spans)
                std::fprintf(stderr, "warning: %s parsed %llu and stored %llu spans of %llu\n", qPrintable(format),
                             static_cast<unsigned long long>(p.spans), static_cast<unsigned long long>(i.spans),
                             static_cast<unsigned long long>(spans));
            read.push_back(r.seconds);
            parse.push_back(p.seconds);
            import.push_back(i.seconds);
            readRss.push_back(r.peakRssMb);
            parseRss.push_back(p.peakRssMb);
            importRss.push_back(i.peakRssMb);
        }
        const double importSeconds = median(import);
        std::printf("| %s | %.0f | %.2f | %.2f | %.2f | %.0fk | %.0f | %.2f× | %.1f× | %.0f / %.0f / %.0f |\n",
                    qPrintable(format), fileMb, median(read), median(parse), importSeconds,
                    double(spans) / importSeconds / 1000.0, fileMb / importSeconds, importSeconds / median(parse),
                    importSeconds / median(read), median(readRss), median(parseRss), median(importRss));
        std::fflush(stdout);
        QFile::remove(file);
    }
    return 0;
}
