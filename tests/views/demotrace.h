// SPDX-License-Identifier: MIT
// A generated demo trace imported into a real cache file and opened as a document, as the window does.
#pragma once

#include "demogenerator.h"
#include "fileimport.h"
#include "tracedocument.h"
#include "tracestore.h"

#include <QTemporaryDir>
#include <QtDebug>

#include <memory>

namespace skein::test {

struct DemoTrace {
    QTemporaryDir dir;
    std::unique_ptr<TraceStore> store;
    std::unique_ptr<TraceDocument> document;

    bool open(const DemoOptions& options)
    {
        const QString input = dir.filePath(QStringLiteral("demo.json"));
        QString error;
        if (!writeDemoFile(options, DemoFormat::OtlpJson, input, &error)) {
            qWarning() << error;
            return false;
        }
        const QString cache = dir.filePath(QStringLiteral("cache.sqlite"));
        store = TraceStore::open(cache, &error);
        if (!store)
            return false;
        const ImportOutcome outcome = importFile(*store, input);
        if (outcome.status() != QLatin1String("imported"))
            return false;
        const std::vector<TraceSummary> traces = store->findTraces({});
        if (traces.empty())
            return false;
        std::optional<TraceIndex> index = store->loadTraceIndex(traces.front().traceId);
        if (!index)
            return false;
        document = std::make_unique<TraceDocument>(std::make_shared<const TraceIndex>(std::move(*index)), cache);
        return true;
    }
    const TraceIndex& index() const { return document->index(); }
};

} // namespace skein::test
