// SPDX-License-Identifier: MIT
// Build-time tool: writes skein(1) from the text the built binary prints for `skein --help` and for each
// subcommand's `--help`, so that the man page says exactly what the program says. The sections that --help has
// no place for (NAME, DESCRIPTION, FILES, ENVIRONMENT, EXIT STATUS) come from a hand-written roff template.
//   manpage SKEIN_BINARY TEMPLATE.1.in OUTPUT.1 VERSION DATE
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

#include <cstdio>

namespace {

// The binary runs with a made-up home so that default paths in the help text come out as "~/...", not as the
// home of whoever built the package.
const QString placeholderHome = QStringLiteral("/~"); // short: QCommandLineParser breaks words too long for a line

struct HelpText {
    QString text;
    bool ok = false;
};

HelpText runHelp(const QString& binary, const QStringList& arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(u"XDG_") || name.startsWith(u"LC_") || name == u"LANGUAGE" || name.startsWith(u"SKEIN_"))
            environment.remove(name);
    }
    environment.insert(QStringLiteral("HOME"), placeholderHome);
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(binary, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "manpage: '%s %s' failed: %s\n", qPrintable(binary), qPrintable(arguments.join(u' ')),
            process.readAllStandardError().constData());
        return {};
    }
    QString text = QString::fromUtf8(process.readAllStandardOutput());
    text.replace(placeholderHome + u'/', QStringLiteral("~/"));
    // QCommandLineParser names the program by the path it was started with.
    text.replace(binary, QStringLiteral("skein"));
    return { text, true };
}

// Plain text made safe for roff: backslashes, the minus signs of options, and lines that would read as requests.
QString escapeLine(const QString& line)
{
    QString text = line;
    text.replace(u'\\', QStringLiteral("\\e"));
    // Every hyphen of an option name is a minus sign, so that it can be searched for and copied into a shell.
    static const QRegularExpression option(QStringLiteral("(^|[\\s\\[(|'\"/=])(-{1,2}[A-Za-z0-9][A-Za-z0-9-]*)"));
    QString result;
    qsizetype last = 0;
    for (auto it = option.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        result += text.mid(last, match.capturedStart(2) - last);
        result += match.captured(2).replace(u'-', QStringLiteral("\\-"));
        last = match.capturedEnd(2);
    }
    result += text.mid(last);
    if (result.startsWith(u'.') || result.startsWith(u'\''))
        result.prepend(QStringLiteral("\\&"));
    return result;
}

// The usage lines of `skein --help`, less the "Usage:" word, the trailing hint and the comment after the GUI line.
QStringList synopsisLines(const QString& help)
{
    QStringList lines;
    for (QString line : help.split(u'\n')) {
        line = line.trimmed();
        if (line.startsWith(u"Usage:"))
            line = line.mid(6).trimmed();
        if (line.isEmpty() || line.startsWith(u"Run "))
            continue;
        static const QRegularExpression comment(QStringLiteral("\\s{2,}\\S.*$"));
        line.remove(comment);
        lines << line;
    }
    return lines;
}

QStringList subcommandsOf(const QStringList& synopsis)
{
    QStringList commands;
    static const QRegularExpression command(QStringLiteral("^skein ([a-z][a-z-]*)\\b"));
    for (const QString& line : synopsis) {
        const QRegularExpressionMatch match = command.match(line);
        if (match.hasMatch() && !commands.contains(match.captured(1)))
            commands << match.captured(1);
    }
    return commands;
}

QString formatSynopsis(const QStringList& lines)
{
    QString roff = QStringLiteral(".nf\n");
    for (const QString& line : lines) {
        // Continuation lines of one command are indented under its first option.
        if (line.startsWith(u"skein"))
            roff += QStringLiteral("\\fBskein\\fR") + escapeLine(line.mid(5)) + u'\n';
        else
            roff += QStringLiteral("      ") + escapeLine(line) + u'\n';
    }
    return roff + QStringLiteral(".fi\n");
}

// One `--help` text (QCommandLineParser's layout: usage, description, "Options:", "Arguments:", then any trailing
// paragraphs) as a subsection with tagged paragraphs for the options.
QString formatSubcommand(const QString& command, const QString& help)
{
    QString roff;
    QString usage = QStringLiteral("skein ") + command;
    const QStringList lines = help.split(u'\n');
    enum class Part { Description, Options, Arguments, Trailer } part = Part::Description;
    QStringList paragraph;
    QString entryName;
    QStringList entryText;
    auto flushParagraph = [&] {
        if (!paragraph.isEmpty())
            roff += QStringLiteral(".PP\n") + paragraph.join(u'\n') + u'\n';
        paragraph.clear();
    };
    auto flushEntry = [&] {
        if (entryName.isEmpty())
            return;
        roff += QStringLiteral(".TP\n") + entryName + u'\n' + escapeLine(entryText.join(u' ')) + u'\n';
        entryName.clear();
        entryText.clear();
    };
    static const QRegularExpression entry(QStringLiteral("^  (\\S.*?)(?:\\s{2,}(\\S.*))?$"));
    for (const QString& line : lines.mid(1)) {
        if (line == u"Options:" || line == u"Arguments:") {
            flushParagraph();
            flushEntry();
            part = line == u"Options:" ? Part::Options : Part::Arguments;
            roff += QStringLiteral(".PP\n")
                + (part == Part::Options ? QStringLiteral("Options:") : QStringLiteral("Arguments:")) + u'\n';
            continue;
        }
        if (part == Part::Description || part == Part::Trailer) {
            if (line.trimmed().isEmpty())
                flushParagraph();
            else
                paragraph << escapeLine(line.trimmed());
            continue;
        }
        if (line.trimmed().isEmpty()) {
            flushEntry();
            part = Part::Trailer;
            continue;
        }
        if (line.startsWith(QStringLiteral("    "))) { // a wrapped description line
            entryText << line.trimmed();
            continue;
        }
        const QRegularExpressionMatch match = entry.match(line);
        if (!match.hasMatch()) {
            flushEntry();
            paragraph << escapeLine(line.trimmed());
            continue;
        }
        flushEntry();
        // "-o, --output <FILE>": options in bold, the value placeholder in italics.
        QString name = escapeLine(match.captured(1));
        static const QRegularExpression placeholder(QStringLiteral("<([^>]+)>"));
        name.replace(placeholder, QStringLiteral("\\fI\\1\\fB"));
        entryName
            = (part == Part::Options ? QStringLiteral("\\fB") : QStringLiteral("\\fI")) + name + QStringLiteral("\\fR");
        entryText = QStringList { match.captured(2).trimmed() };
    }
    flushEntry();
    flushParagraph();

    const QString firstLine = lines.value(0);
    if (firstLine.startsWith(u"Usage: "))
        usage = firstLine.mid(7).trimmed();
    return QStringLiteral(".SS \"") + escapeLine(usage).replace(u'"', QStringLiteral("\\(dq")) + QStringLiteral("\"\n")
        + roff;
}

// The default cache path as the subcommands' --db option states it.
QString cachePath(const QString& help)
{
    static const QRegularExpression defaultPath(QStringLiteral("\\(default:\\s+(\\S+?)\\)"));
    QString joined = help;
    joined.replace(QRegularExpression(QStringLiteral("\\s*\\n\\s*")), QStringLiteral(" "));
    return defaultPath.match(joined).captured(1);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 6) {
        std::fprintf(stderr, "usage: manpage SKEIN_BINARY TEMPLATE.1.in OUTPUT.1 VERSION DATE\n");
        return 2;
    }
    const QString binary = QFileInfo(arguments[1]).absoluteFilePath();
    QFile templateFile(arguments[2]);
    if (!templateFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "manpage: cannot read %s\n", qPrintable(arguments[2]));
        return 1;
    }
    QString page = QString::fromUtf8(templateFile.readAll());

    const HelpText overview = runHelp(binary, { QStringLiteral("--help") });
    if (!overview.ok)
        return 1;
    const QStringList synopsis = synopsisLines(overview.text);
    const QStringList commands = subcommandsOf(synopsis);
    if (commands.isEmpty()) {
        std::fprintf(stderr, "manpage: 'skein --help' names no subcommand\n");
        return 1;
    }
    QString subcommands;
    QString cache;
    for (const QString& command : commands) {
        const HelpText help = runHelp(binary, { command, QStringLiteral("--help") });
        if (!help.ok)
            return 1;
        subcommands += formatSubcommand(command, help.text.trimmed());
        if (cache.isEmpty())
            cache = cachePath(help.text);
    }
    if (cache.isEmpty()) {
        std::fprintf(stderr, "manpage: no subcommand states the default cache path (--db)\n");
        return 1;
    }

    page.replace(QStringLiteral("@VERSION@"), arguments[4]);
    page.replace(QStringLiteral("@DATE@"), arguments[5]);
    page.replace(QStringLiteral("@SYNOPSIS@\n"), formatSynopsis(synopsis));
    page.replace(QStringLiteral("@SUBCOMMANDS@\n"), subcommands);
    page.replace(QStringLiteral("@CACHE_PATH@"), escapeLine(cache));

    QFile output(arguments[3]);
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate) || output.write(page.toUtf8()) < 0) {
        std::fprintf(stderr, "manpage: cannot write %s\n", qPrintable(arguments[3]));
        return 1;
    }
    return 0;
}
