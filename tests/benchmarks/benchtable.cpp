// SPDX-License-Identifier: MIT
#include "benchtable.h"

#include <cstdio>
#include <functional>

namespace skein::bench {

namespace {

const QString missing = QStringLiteral("–");

QString duration(double seconds)
{
    if (seconds >= 10)
        return QString::asprintf("%.1f s", seconds);
    if (seconds >= 1)
        return QString::asprintf("%.2f s", seconds);
    const double ms = seconds * 1000;
    if (ms >= 10)
        return QString::asprintf("%.0f ms", ms);
    if (ms >= 1)
        return QString::asprintf("%.1f ms", ms);
    return QString::asprintf("%.2f ms", ms);
}

QString milliseconds(double ms)
{
    return duration(ms / 1000);
}

QString ratio(double value)
{
    return QStringLiteral("%1×").arg(value, 0, 'f', value >= 10 ? 0 : 2);
}

QString rate(double perSecond)
{
    return perSecond >= 1e6 ? QString::asprintf("%.2fM", perSecond / 1e6) : QString::asprintf("%.0fk", perSecond / 1e3);
}

QString pair(double median, double p95)
{
    return QString::asprintf("%.2f / %.2f ms", median, p95);
}

const ImportResult* findImport(const SizeResult& size, const QString& format)
{
    for (const ImportResult& import : size.imports)
        if (import.format == format)
            return &import;
    return nullptr;
}

void printRow(const QString& label, const std::vector<QString>& cells)
{
    QStringList line { label };
    for (const QString& cell : cells)
        line << cell;
    std::printf("| %s |\n", qPrintable(line.join(QStringLiteral(" | "))));
}

} // namespace

QString spansLabel(uint64_t spans)
{
    if (spans >= 1000000 && spans % 1000000 == 0)
        return QStringLiteral("%1M").arg(spans / 1000000);
    if (spans >= 1000 && spans % 1000 == 0)
        return QStringLiteral("%1k").arg(spans / 1000);
    return QString::number(spans);
}

void printTable(const std::vector<SizeResult>& sizes, const QStringList& formats)
{
    auto row = [&](const QString& label, const std::function<QString(const SizeResult&)>& cell) {
        std::vector<QString> cells;
        for (const SizeResult& size : sizes)
            cells.push_back(cell(size));
        printRow(label, cells);
    };
    auto importRow
        = [&](const QString& label, const QString& format, const std::function<QString(const ImportResult&)>& cell) {
              row(label, [&](const SizeResult& size) {
                  const ImportResult* import = findImport(size, format);
                  return import ? cell(*import) : missing;
              });
          };
    auto openRow = [&](const QString& label, const std::function<QString(const OpenResult&)>& cell) {
        row(label, [&](const SizeResult& size) { return size.open ? cell(*size.open) : missing; });
    };

    std::vector<QString> headings;
    QString rule = QStringLiteral("|---|");
    for (const SizeResult& size : sizes) {
        headings.push_back(size.heading);
        rule += QStringLiteral("---:|");
    }
    printRow(QStringLiteral("measure"), headings);
    std::printf("%s\n", qPrintable(rule));

    bool anyImport = false;
    for (const SizeResult& size : sizes)
        anyImport = anyImport || !size.imports.empty();
    if (anyImport) {
        row(QStringLiteral("demo file MB: ") + formats.join(QStringLiteral(" / ")), [&](const SizeResult& size) {
            QStringList megabytes;
            for (const QString& format : formats) {
                const ImportResult* import = findImport(size, format);
                megabytes << (import ? QString::asprintf(import->fileMb >= 10 ? "%.0f" : "%.1f", import->fileMb)
                                     : missing);
            }
            return megabytes.join(QStringLiteral(" / "));
        });
        for (const QString& format : formats) {
            importRow(QStringLiteral("**") + format + QStringLiteral("** import: spans/s · MB/s"), format,
                [](const ImportResult& r) {
                    return QStringLiteral("%1 · %2")
                        .arg(rate(double(r.spans) / r.importSeconds))
                        .arg(r.fileMb / r.importSeconds, 0, 'f', 0);
                });
            importRow(
                format + QStringLiteral(": import / parse floor / read floor"), format, [](const ImportResult& r) {
                    return QStringLiteral("%1 / %2 / %3")
                        .arg(duration(r.importSeconds), duration(r.parseSeconds), duration(r.readSeconds));
                });
            importRow(
                format + QStringLiteral(": import ÷ parse floor · ÷ read floor"), format, [](const ImportResult& r) {
                    return QStringLiteral("%1 · %2").arg(
                        ratio(r.importSeconds / r.parseSeconds), ratio(r.importSeconds / r.readSeconds));
                });
            importRow(
                format + QStringLiteral(": peak RSS MB, read / parse / import"), format, [](const ImportResult& r) {
                    return QString::asprintf("%.0f / %.0f / %.0f", r.readRssMb, r.parseRssMb, r.importRssMb);
                });
        }
    }

    bool anyOpen = false;
    for (const SizeResult& size : sizes)
        anyOpen = anyOpen || size.open.has_value();
    if (!anyOpen)
        return;
    openRow(QStringLiteral("**open** floor: SQLite reads the trace's span rows"),
        [](const OpenResult& r) { return milliseconds(r.floorMs); });
    openRow(QStringLiteral("open: the trace index alone (÷ floor)"), [](const OpenResult& r) {
        return QStringLiteral("%1 (%2)").arg(milliseconds(r.indexMs), ratio(r.indexMs / r.floorMs));
    });
    openRow(QStringLiteral("open: the index and every span's details, one pass (÷ floor)"), [](const OpenResult& r) {
        return QStringLiteral("%1 (%2)").arg(milliseconds(r.indexAndDetailsMs), ratio(r.indexAndDetailsMs / r.floorMs));
    });
    openRow(QStringLiteral("open: to the first painted frame, everything read (÷ floor)"), [](const OpenResult& r) {
        return QStringLiteral("%1 (%2)").arg(milliseconds(r.firstFrameMs), ratio(r.firstFrameMs / r.floorMs));
    });
    openRow(QStringLiteral("waterfall repaint, scrolling: median / p95"),
        [](const OpenResult& r) { return pair(r.scrollMedianMs, r.scrollP95Ms); });
    openRow(QStringLiteral("waterfall repaint, zooming: median / p95"),
        [](const OpenResult& r) { return pair(r.zoomMedianMs, r.zoomP95Ms); });
    openRow(QStringLiteral("switch to the flame chart, first frame (of it: its rows)"), [](const OpenResult& r) {
        return QStringLiteral("%1 (%2)").arg(milliseconds(r.flameSwitchMs), milliseconds(r.flameBuildMs));
    });
    openRow(QStringLiteral("flame chart repaint, whole trace"),
        [](const OpenResult& r) { return QString::asprintf("%.2f ms", r.flameFullMs); });
    openRow(QStringLiteral("flame chart repaint, scrolling: median / p95"),
        [](const OpenResult& r) { return pair(r.flamePanMedianMs, r.flamePanP95Ms); });
    openRow(QStringLiteral("flame chart repaint, zooming: median / p95"),
        [](const OpenResult& r) { return pair(r.flameZoomMedianMs, r.flameZoomP95Ms); });
    openRow(QStringLiteral("switch back to the waterfall, first frame"),
        [](const OpenResult& r) { return milliseconds(r.waterfallSwitchMs); });
    openRow(QStringLiteral("collapse / expand the root's subtree"), [](const OpenResult& r) {
        return QStringLiteral("%1 / %2").arg(milliseconds(r.subtreeCollapseMs), milliseconds(r.subtreeExpandMs));
    });
    openRow(QStringLiteral("collapse all / expand all"), [](const OpenResult& r) {
        return QStringLiteral("%1 / %2").arg(milliseconds(r.collapseMs), milliseconds(r.expandMs));
    });
    openRow(QStringLiteral("search typed right after open, all matches known: an attribute value"),
        [](const OpenResult& r) { return milliseconds(r.searchRightAfterOpenMs); });
    openRow(
        QStringLiteral("search in the trace, all matches: an operation / an attribute value"), [](const OpenResult& r) {
            return QStringLiteral("%1 / %2").arg(milliseconds(r.searchMs), milliseconds(r.searchDetailsMs));
        });
    openRow(QStringLiteral("index alone, then every span's details in the background (÷ floor); a search typed "
                           "meanwhile"),
        [](const OpenResult& r) {
            return QStringLiteral("%1 (%2); %3")
                .arg(milliseconds(r.contentMs), ratio(r.contentMs / r.floorMs), milliseconds(r.searchWhileLoadingMs));
        });
    openRow(QStringLiteral("bytes per span: trace index"),
        [](const OpenResult& r) { return QString::asprintf("%.0f B", r.indexBytesPerSpan); });
    auto perSpan = [](double kb, const OpenResult& r) {
        return kb < 0 ? QString() : QString::asprintf("%.0f B (%.0f MB)", kb * 1024.0 / double(r.spans), kb / 1024.0);
    };
    openRow(QStringLiteral("bytes per span above the app: the open trace as the window opens it (index, views, "
                           "details)"),
        [&](const OpenResult& r) { return r.rssGrowthKb < 0 ? missing : perSpan(r.rssGrowthKb, r); });
    openRow(QStringLiteral("bytes per span above the app: the index and views alone"),
        [&](const OpenResult& r) { return r.rssBeforeDetailsKb < 0 ? missing : perSpan(r.rssBeforeDetailsKb, r); });
}

} // namespace skein::bench
