// SPDX-License-Identifier: MIT
#include "helpdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QKeySequence>
#include <QPointer>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <initializer_list>

namespace skein {

namespace {

QString section(const QString& anchor, const QString& title, const QString& body)
{
    return QStringLiteral("<h3 id=\"%1\"><a name=\"%1\"></a>%2</h3>%3").arg(anchor, title.toHtmlEscaped(), body);
}

// Written as the desktop writes keys, in its language ("Strg+Umschalt+J").
QString nativeKeys(QKeySequence::StandardKey key)
{
    return QKeySequence(key).toString(QKeySequence::NativeText);
}

QString nativeKeys(std::initializer_list<const char*> portable)
{
    QStringList keys;
    for (const char* key : portable)
        keys << QKeySequence::fromString(QLatin1String(key), QKeySequence::PortableText)
                    .toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(" / "));
}

} // namespace

HelpDialog::HelpDialog(const QString& databasePath, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("Getting Started with Skein"));
    m_browser = new QTextBrowser(this);
    m_browser->setOpenExternalLinks(true);
    m_browser->setHtml(pageHtml(databasePath));
    m_browser->setAccessibleName(tr("Getting started"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(760, 720);
}

QAction* HelpDialog::createAction(const QString& databasePath, QWidget* parent)
{
    auto* action = new QAction(tr("&Getting Started"), parent);
    action->setShortcut(QKeySequence::HelpContents);
    QPointer<HelpDialog> dialog;
    connect(action, &QAction::triggered, parent, [databasePath, parent, dialog]() mutable {
        if (!dialog) {
            dialog = new HelpDialog(databasePath, parent);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
        }
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    return action;
}

QString HelpDialog::shortcutsHtml()
{
    const std::pair<QString, QString> rows[] = {
        { nativeKeys(QKeySequence::Open), tr("Open trace files") },
        { nativeKeys({ "Ctrl+Shift+J" }), tr("Connect to Jaeger") },
        { nativeKeys({ "Ctrl+Shift+F" }), tr("Search the traces in the cache") },
        { nativeKeys({ "Alt+1", "Alt+2" }), tr("Go to the Search / Dependencies tab") },
        { nativeKeys(QKeySequence::Find), tr("Find spans in the open trace") },
        { nativeKeys({ "F3", "Shift+F3" }), tr("Next / previous match") },
        { nativeKeys({ "Ctrl++", "Ctrl+-", "Ctrl+0" }), tr("Zoom in / out / show the whole trace") },
        { tr("Ctrl+wheel"), tr("Zoom around the mouse pointer") },
        { tr("Drag across the time ruler"), tr("Zoom to that range") },
        { tr("Shift+wheel, middle button drag"), tr("Pan in time") },
        { tr("Up / Down, Page Up / Page Down, Home / End"), tr("Move between spans") },
        { tr("Left / Right"), tr("Collapse / expand a span or a run of repeated calls") },
        { tr("Enter"), tr("Show the span's details") },
        { nativeKeys({ "Ctrl+Shift+W", "Ctrl+Shift+L", "Ctrl+Shift+S" }), tr("Waterfall / flame chart / self time") },
        { nativeKeys({ "Ctrl+D", "Ctrl+L" }), tr("Show or hide the Span Detail / Log Inspector") },
        { nativeKeys(QKeySequence::NextChild) + QStringLiteral(" / ") + nativeKeys(QKeySequence::PreviousChild),
            tr("Next / previous tab") },
        { nativeKeys(QKeySequence::Close), tr("Close the trace tab") },
        { nativeKeys({ "Ctrl+/" }), tr("All keyboard shortcuts") },
    };
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    for (const auto& [keys, what] : rows)
        html
            += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

QString HelpDialog::pageHtml(const QString& databasePath)
{
    const QString cache = databasePath.toHtmlEscaped();
    QString html = QStringLiteral("<h2>%1</h2>").arg(tr("Getting Started with Skein").toHtmlEscaped());
    html += tr("<p>Skein reads distributed traces from files and from Jaeger into a local cache and shows each trace "
               "as a timeline. What you open stays in the cache, so it is there the next time, also offline.</p>"
               "<p><a href=\"#open\">Opening files</a> · <a href=\"#jaeger\">Connecting to Jaeger</a> · "
               "<a href=\"#search\">Searching</a> · <a href=\"#timeline\">Reading the timeline</a> · "
               "<a href=\"#dependencies\">The dependency graph</a> · <a href=\"#inspector\">The inspector</a> · "
               "<a href=\"#keys\">Keyboard shortcuts</a> · <a href=\"#cache\">Where the cache lives</a></p>");
    html += section(QStringLiteral("open"), tr("Opening files"),
        tr("<p>Choose <b>File ▸ Open Trace Files</b>, drop files on the window, or name them on the command line "
           "(<code>skein trace.json</code>). Skein reads Jaeger JSON, OpenTelemetry (OTLP) JSON, JSON lines and "
           "protobuf, and Zipkin v1 and v2 JSON, also compressed with gzip or zstd.</p>"
           "<p>Files are imported in the background; you can keep working or cancel. A file that holds one trace "
           "opens at once; otherwise the <b>Search</b> tab lists what came in. Damaged records are skipped and "
           "listed with their position in the file. <b>File ▸ Load Sample Traces</b> fills an empty cache with "
           "generated traces to try things out.</p>"));
    html += section(QStringLiteral("jaeger"), tr("Connecting to Jaeger"),
        tr("<p><b>File ▸ Connect to Jaeger</b> opens the Jaeger browser. Enter the address of the Jaeger query "
           "service (where the Jaeger UI runs, for example <code>http://localhost:16686</code>), choose an "
           "authentication if the server needs one, and press <b>Connect</b>. Skein remembers the endpoint; a "
           "password or token is only saved when you tick <b>Remember</b>.</p>"
           "<p>Choose a service, narrow the search by operation, tags, time and duration, and press "
           "<b>Search</b>. Select traces and press <b>Fetch Selected</b> (a double click fetches and opens one), "
           "or paste trace IDs under <b>By ID</b>. Fetched traces are stored in the cache; with <b>Also store "
           "the service dependency graph</b> the server's graph of the same time window is kept too.</p>"));
    html += section(QStringLiteral("search"), tr("Searching"),
        tr("<p>The <b>Search</b> tab finds traces in the cache by service, operation, tags "
           "(<code>key=value</code>, for example <code>http.response.status_code=500</code>), duration "
           "(<code>250ms</code>, <code>1.5s</code>) and time. The results are listed in a table and plotted as "
           "duration over time; red dots have errors. Press Enter, double-click a row or click a dot to open "
           "the trace in its own tab.</p>"));
    html += section(QStringLiteral("timeline"), tr("Reading the timeline"),
        tr("<p>At the top of a trace tab, the header sums up the trace: start, duration, services, depth, spans, "
           "errors, and warnings such as spans whose parent is missing or clocks that disagree. Below it the "
           "minimap shows the whole trace; drag its frame to pan or its edges to zoom.</p>"
           "<p>The <b>waterfall</b> shows the span tree beside a bar per span on a common time axis: the colour "
           "is the service, a red mark is an error, small ticks are events (logs). A child's bar sits inside its "
           "parent's; a gap is time the parent spent on its own. Repeated calls (a loop of queries) fold into "
           "one row “N × operation”; press Right to unfold them. Drag across the time ruler to zoom to a range, "
           "Ctrl+wheel zooms around the pointer, Shift+wheel pans, double-click the ruler to see everything "
           "again. <b>Services</b> hides the spans of chosen services; their callees move up in their place.</p>"
           "<p><b>Flame</b> shows one row per depth, which keeps traces of many thousands of spans readable. "
           "<b>Self time</b> lists the operations by the time spent in themselves rather than in their "
           "children: where the time actually goes.</p>"));
    html += section(QStringLiteral("dependencies"), tr("The dependency graph"),
        tr("<p>The <b>Dependencies</b> tab draws which services call which, computed from the spans of a "
           "scope: the whole cache, the last hour, day or week of it, the search result or the current trace. "
           "Solid lines come from the cached spans, dashed lines from a Jaeger server, dotted lines from "
           "imported dependency-link files. Edges are labelled with their number of calls; red ones had "
           "errors.</p>"
           "<p><b>Focus</b> shows one service with its callers and callees, as many calls away as you choose. "
           "Click a service or an edge to search its traces. Ctrl+wheel or + and − zoom, F fits the graph; "
           "<b>Export SVG</b> and <b>Export PNG</b> save it as a picture.</p>"));
    html += section(QStringLiteral("inspector"), tr("The inspector"),
        tr("<p>The <b>Span Detail</b> dock (Ctrl+D) shows the selected span: its IDs with copy buttons, kind, "
           "status, timing, its attributes with their types (Ctrl+C copies a value), events, the process or "
           "resource and instrumentation scope, links in both directions (spans in other traces that link to "
           "it are looked up in the whole cache) and its warnings.</p>"
           "<p>The <b>Log Inspector</b> dock (Ctrl+L) lists every event of the trace in time order with a "
           "filter; selecting a row selects its span and the other way round. <b>Edit ▸ Find in Trace</b> "
           "(Ctrl+F) finds spans by operation, service, ID, attribute or event text; F3 and Shift+F3 step "
           "through the matches.</p>"));
    html += section(QStringLiteral("keys"), tr("Keyboard shortcuts"), shortcutsHtml());
    html += section(QStringLiteral("cache"), tr("Where the cache lives"),
        tr("<p>Everything Skein imports is kept in one SQLite file:<br><code>%1</code></p>"
           "<p>Delete it (with Skein closed) to start afresh, or use another one with "
           "<code>skein --db PATH</code>. <code>skein info</code> and <code>skein traces</code> show its "
           "contents on the command line. You can also query it with <code>sqlite3</code>, for example the "
           "services with the most spans:</p>"
           "<pre>sqlite3 -readonly '%1' \\\n  \"SELECT name, count(*) FROM spans JOIN services ON services.id = "
           "spans.service_id\n   GROUP BY name ORDER BY 2 DESC;\"</pre>"
           "<p>The user guide in Skein's repository (<code>docs/user-guide.md</code>) describes the tables.</p>")
            .arg(cache));
    html += section(QStringLiteral("language"), tr("Language"),
        tr("<p>Skein follows the language of your desktop. <b>View ▸ Language</b> chooses another one for the "
           "next start.</p>"));
    return html;
}

} // namespace skein
