// SPDX-License-Identifier: MIT
#include "importphases.h"

#include "benchstats.h"
#include "bytesource.h"
#include "childprocess.h"
#include "fileimport.h"
#include "traceimporter.h"
#include "tracestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

#include <cstdio>
#include <vector>

namespace skein::bench {

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

struct PhaseMeasurement {
    bool ok = false;
    uint64_t spans = 0;
    double seconds = 0;
    double peakRssMb = 0;
};

void removeDatabase(const QString& database)
{
    QFile::remove(database);
    QFile::remove(database + QStringLiteral("-wal"));
    QFile::remove(database + QStringLiteral("-shm"));
}

PhaseMeasurement measurePhase(const QString& self, const QString& phase, const QString& file, const QString& database)
{
    removeDatabase(database);
    const ChildResult child = runChild(self, { QString::fromLatin1(importPhaseArgument), phase, file, database });
    PhaseMeasurement m;
    const QList<QByteArray> fields = child.output.trimmed().split(' ');
    m.ok = child.ok && fields.size() == 3;
    if (m.ok) {
        m.spans = fields[0].toULongLong();
        m.seconds = fields[1].toDouble();
        m.peakRssMb = fields[2].toDouble() / 1024.0;
    }
    removeDatabase(database);
    return m;
}

} // namespace

int runImportPhase(const QString& phase, const QString& file, const QString& database)
{
    QElapsedTimer timer;
    timer.start();
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
    } else if (phase == u"import") {
        QString error;
        auto store = TraceStore::open(database, &error, TraceStore::NewCache::ImportsFirst); // as `skein import`
        if (!store)
            return 3;
        const ImportOutcome outcome = importFile(*store, file);
        if (outcome.report.rejected)
            return 4;
        spans = outcome.counts.spans;
        store.reset(); // closing (the WAL checkpoint) is part of an import
    } else {
        return 2;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("%llu %.6f %ld\n", static_cast<unsigned long long>(spans), seconds, peakResidentKb());
    return 0;
}

std::optional<ImportResult> benchmarkImport(
    const QString& self, DemoFormat format, uint64_t spans, int runs, const QString& directory, QString* error)
{
    ImportResult result;
    result.format = demoFormatName(format);
    result.spans = spans;
    const QDir dir(directory);
    const QString file = dir.filePath(result.format + QStringLiteral(".trace"));
    const QString database = dir.filePath(QStringLiteral("import.sqlite"));
    DemoOptions options;
    options.spans = spans;
    if (!writeDemoFile(options, format, file, error))
        return std::nullopt;
    // Everything on disk before anything is timed: an import waits for the disk when it commits, and on ext4
    // that wait would include writing out what the generator, the build or the last format left behind.
    ::sync();
    result.fileMb = double(QFileInfo(file).size()) / 1e6;

    std::vector<double> read, parse, import, readRss, parseRss, importRss;
    for (int run = 0; run < runs; ++run) {
        const PhaseMeasurement r = measurePhase(self, QStringLiteral("read"), file, database);
        const PhaseMeasurement p = measurePhase(self, QStringLiteral("parse"), file, database);
        const PhaseMeasurement i = measurePhase(self, QStringLiteral("import"), file, database);
        if (!r.ok || !p.ok || !i.ok) {
            if (error)
                *error = QStringLiteral("a phase failed on %1").arg(file);
            QFile::remove(file);
            return std::nullopt;
        }
        if (p.spans != spans || i.spans != spans)
            std::fprintf(stderr, "skein_bench: warning: %s parsed %llu and stored %llu spans of %llu\n",
                qPrintable(result.format), static_cast<unsigned long long>(p.spans),
                static_cast<unsigned long long>(i.spans), static_cast<unsigned long long>(spans));
        read.push_back(r.seconds);
        parse.push_back(p.seconds);
        import.push_back(i.seconds);
        readRss.push_back(r.peakRssMb);
        parseRss.push_back(p.peakRssMb);
        importRss.push_back(i.peakRssMb);
    }
    QFile::remove(file);
    result.readSeconds = median(read);
    result.parseSeconds = median(parse);
    result.importSeconds = median(import);
    result.readRssMb = median(readRss);
    result.parseRssMb = median(parseRss);
    result.importRssMb = median(importRss);
    return result;
}

} // namespace skein::bench
