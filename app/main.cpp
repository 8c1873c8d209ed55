// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "mainwindow.h"
#include "memoryrelease.h"
#include "singleinstance.h"
#include "tracestore.h"
#include "translator.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace {

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("skein"));
    QCoreApplication::setApplicationName(QStringLiteral("skein"));
    QCoreApplication::setApplicationVersion(skein::skeinVersionString());
}

// Qt picks xcb or wayland by these variables; without them (a server, CI, ssh) a window cannot open.
bool displayAvailable()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

QString databaseArgument(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == u"--db" && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(u"--db="))
            return arguments[i].mid(5);
    }
    return {};
}

} // namespace

int main(int argc, char** argv)
{
    skein::keepBigBlocksSeparate();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (skein::isCommandLineInvocation(arguments) || !displayAvailable()) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        if (skein::isCommandLineInvocation(arguments))
            return skein::runCommandLine(arguments);
        std::fprintf(stderr,
            "skein: no display ($DISPLAY and $WAYLAND_DISPLAY are unset), so no window can open.\n"
            "Showing the cache as 'skein info' and 'skein traces' would; run 'skein help' for more.\n\n");
        const QString path = databaseArgument(arguments);
        return skein::runHeadlessOverview(path.isEmpty() ? skein::TraceStore::defaultPath() : path);
    }

    QApplication app(argc, argv);
    setApplicationNames();
    QGuiApplication::setDesktopFileName(skein::skeinApplicationId());
    skein::installTranslations(skein::languageOverride());
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Skein, a desktop explorer for distributed traces."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ QStringLiteral("db"), QStringLiteral("The cache file."), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window once it has loaded, then quit."), QStringLiteral("file") });
    parser.addOption({ QStringLiteral("open"), QStringLiteral("A trace file to open (repeatable; same as naming it)."),
        QStringLiteral("file") });
    parser.addOption({ QStringLiteral("trace"),
        QStringLiteral("Open this trace (hex id) from the cache, after the files are imported."),
        QStringLiteral("id") });
    parser.addOption({ QStringLiteral("page"), QStringLiteral("Start on this tab: search or dependencies."),
        QStringLiteral("name") });
    parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("Trace files to open."), QStringLiteral("[FILE...]"));
    parser.process(app);

    std::optional<skein::TraceId> traceToOpen;
    if (parser.isSet(QStringLiteral("trace"))) {
        traceToOpen = skein::TraceId::fromHex(parser.value(QStringLiteral("trace")).toStdString());
        if (!traceToOpen) {
            std::fprintf(stderr, "skein: --trace needs a hex trace id of 1 to 32 digits, not '%s'.\n",
                qPrintable(parser.value(QStringLiteral("trace"))));
            return 2;
        }
    }
    const QStringList files = parser.values(QStringLiteral("open")) + parser.positionalArguments();

    const QString path
        = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : skein::TraceStore::defaultPath();
    // A second `skein FILE...` on the same cache (a double-click in the file manager) hands its files to the open
    // window. Screenshot runs are scripted and must not end up in somebody's open window.
    skein::SingleInstance instance(path);
    if (!parser.isSet(QStringLiteral("screenshot"))
        && instance.start(files, parser.value(QStringLiteral("trace"))) == skein::SingleInstance::Role::Forwarded)
        return 0;

    skein::MainWindow window(path);
    QObject::connect(&instance, &skein::SingleInstance::filesReceived, &window,
        [&window](const QStringList& receivedFiles, const QString& traceId) {
            const auto trace = skein::TraceId::fromHex(traceId.toStdString());
            if (trace && receivedFiles.isEmpty())
                window.openTrace(*trace);
            else if (trace)
                window.openTraceAfterImport(*trace);
            window.importFiles(receivedFiles);
            window.setWindowState((window.windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
            window.raise();
            window.activateWindow();
        });
    window.show();
    if (traceToOpen && files.isEmpty())
        window.openTrace(*traceToOpen);
    else if (traceToOpen)
        window.openTraceAfterImport(*traceToOpen);
    window.importFiles(files);
    if (parser.isSet(QStringLiteral("page")) && !window.showPage(parser.value(QStringLiteral("page")))) {
        std::fprintf(stderr, "skein: --page is search or dependencies, not '%s'.\n",
            qPrintable(parser.value(QStringLiteral("page"))));
        return 2;
    }
    if (parser.isSet(QStringLiteral("screenshot")))
        window.saveScreenshotWhenIdle(parser.value(QStringLiteral("screenshot")));
    return app.exec();
}
