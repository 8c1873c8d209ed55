<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>skein::AttributeTableModel</name>
    <message>
        <location filename="../views/attributetablemodel.cpp" line="+115"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>string</source>
        <translation>String</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bool</source>
        <translation>Bool</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>int</source>
        <translation>Int</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>double</source>
        <translation>Double</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>skein::DependencyGraphView</name>
    <message>
        <location filename="../views/dependencygraphview.cpp" line="+82"/>
        <source>Service dependency graph</source>
        <translation>Service-Abhängigkeitsgraph</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>(no service name)</source>
        <translation>(kein Service-Name)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no spans</source>
        <translation>keine Spans</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 spans, %2% errors</source>
        <translation>%1 Spans, %2 % Fehler</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (%2 failed)</source>
        <translation>%1 (%2 fehlgeschlagen)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 → %2
%n calls</source>
        <translation>
            <numerusform>%1 → %2
%n Aufruf</numerusform>
            <numerusform>%1 → %2
%n Aufrufe</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 failed, p50 %2, p99 %3</source>
        <translation>%1 fehlgeschlagen, p50 %2, p99 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>reported by a tracing backend</source>
        <translation>von einem Tracing-Backend gemeldet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read from a dependency-link file</source>
        <translation>aus einer Abhängigkeitsdatei gelesen</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Service dependencies</source>
        <translation>Service-Abhängigkeiten</translation>
    </message>
</context>
<context>
    <name>skein::DependencyPanel</name>
    <message>
        <location filename="../views/dependencypanel.cpp" line="+71"/>
        <source>Whole cache</source>
        <translation>Ganzer Cache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour of the cache</source>
        <translation>Letzte Stunde des Caches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the cache</source>
        <translation>Letzter Tag des Caches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last week of the cache</source>
        <translation>Letzte Woche des Caches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search result</source>
        <translation>Suchergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current trace</source>
        <translation>Aktueller Trace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which traces the graph is computed from. Time scopes end at the newest cached trace.</source>
        <translation>Aus welchen Traces der Graph berechnet wird. Zeitbereiche enden beim neuesten Trace im Cache.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls computed from the cached spans (solid lines)</source>
        <translation>Aus den Spans im Cache berechnete Aufrufe (durchgezogene Linien)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links a Jaeger endpoint reported (dashed lines; whole cache only, they carry no time)</source>
        <translation>Von einem Jaeger-Endpunkt gemeldete Verbindungen (gestrichelte Linien; nur ganzer Cache, sie haben keine Zeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links read from imported dependency-link files (dotted lines; whole cache only)</source>
        <translation>Aus importierten Abhängigkeitsdateien gelesene Verbindungen (gepunktete Linien; nur ganzer Cache)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show only this service&apos;s callers and callees</source>
        <translation>Nur die Aufrufer und Aufgerufenen dieses Services zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> hop</source>
        <translation> Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> hops</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many calls up- and downstream of the focused service to show</source>
        <translation>Wie viele Aufrufe vor und nach dem gewählten Service gezeigt werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hops around the focused service</source>
        <translation>Schritte um den fokussierten Service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole graph (F)</source>
        <translation>Den ganzen Graphen zeigen (F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export SVG…</source>
        <translation>Als SVG exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scope:</source>
        <translation>Bereich:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Focus:</source>
        <translation>Fokus:</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Search result (none yet)</source>
        <translation>Suchergebnis (noch keines)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Search result (%n traces)</source>
        <translation>
            <numerusform>Suchergebnis (%n Trace)</numerusform>
            <numerusform>Suchergebnis (%n Traces)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current trace (%1)</source>
        <translation>Aktueller Trace (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current trace (none open)</source>
        <translation>Aktueller Trace (keiner geöffnet)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Computing the dependency graph…</source>
        <translation>Der Abhängigkeitsgraph wird berechnet…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Cannot compute the dependency graph: %1</source>
        <translation>Der Abhängigkeitsgraph kann nicht berechnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Laying out %n services…</source>
        <translation>
            <numerusform>%n Service wird angeordnet…</numerusform>
            <numerusform>%n Services werden angeordnet…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No calls between services in this scope.</source>
        <translation>In diesem Bereich gibt es keine Aufrufe zwischen Services.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 services, %2 edges, laid out in %3 ms (%4); computed in %5 ms</source>
        <translation>%1 Services, %2 Kanten, angeordnet in %3 ms (%4); berechnet in %5 ms</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>All services</source>
        <translation>Alle Services</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Export the graph as SVG</source>
        <translation>Den Graphen als SVG exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export the graph as PNG</source>
        <translation>Den Graphen als PNG exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>skein::FindBar</name>
    <message>
        <location filename="../views/findbar.cpp" line="+26"/>
        <source>Find spans by operation, service, attribute, event or id</source>
        <translation>Spans nach Operation, Service, Attribut, Event oder ID suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find spans</source>
        <translation>Spans suchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous match (Shift+F3, Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+F3, Umschalt+Eingabe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next match (F3, Enter)</source>
        <translation>Nächster Treffer (F3, Eingabe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close (Escape)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find:</source>
        <translation>Suchen:</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 found so far…</source>
        <translation>%1 gefunden, Suche läuft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 found</source>
        <translation>%1 gefunden</translation>
    </message>
</context>
<context>
    <name>skein::FlameChartView</name>
    <message>
        <location filename="../views/flamechartview.cpp" line="+54"/>
        <source>Flame chart</source>
        <translation>Flammendiagramm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spans of the trace, one row per depth</source>
        <translation>Spans des Traces, eine Zeile pro Tiefe</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>This trace has no spans.</source>
        <translation>Dieser Trace enthält keine Spans.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every span&apos;s service is hidden by the filter.</source>
        <translation>Der Filter blendet die Services aller Spans aus.</translation>
    </message>
    <message numerus="yes">
        <location line="+89"/>
        <source>%Ln spans</source>
        <translation>
            <numerusform>%Ln Span</numerusform>
            <numerusform>%Ln Spans</numerusform>
        </translation>
    </message>
    <message>
        <location line="+172"/>
        <source>Duration: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts at: +%1</source>
        <translation>Beginnt bei: +%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>&lt;b&gt;%Ln spans&lt;/b&gt; merged here; zoom in to tell them apart.</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln Span&lt;/b&gt; hier zusammengefasst; vergrößern Sie, um sie zu unterscheiden.</numerusform>
            <numerusform>&lt;b&gt;%Ln Spans&lt;/b&gt; hier zusammengefasst; vergrößern Sie, um sie zu unterscheiden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some have errors.</source>
        <translation>Einige haben Fehler.</translation>
    </message>
</context>
<context>
    <name>skein::HelpDialog</name>
    <message>
        <location filename="../app/helpdialog.cpp" line="+77"/>
        <source>Open trace files</source>
        <translation>Trace-Dateien öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to Jaeger</source>
        <translation>Mit Jaeger verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the traces in the cache</source>
        <translation>Die Traces im Cache durchsuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the Search / Dependencies tab</source>
        <translation>Zum Tab Suche / Abhängigkeiten wechseln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find spans in the open trace</source>
        <translation>Spans im geöffneten Trace suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next / previous match</source>
        <translation>Nächster / vorheriger Treffer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in / out / show the whole trace</source>
        <translation>Vergrößern / verkleinern / den ganzen Trace zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+wheel</source>
        <translation>Strg+Mausrad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom around the mouse pointer</source>
        <translation>Um den Mauszeiger zoomen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag across the time ruler</source>
        <translation>Über das Zeitlineal ziehen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom to that range</source>
        <translation>Auf diesen Bereich zoomen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift+wheel, middle button drag</source>
        <translation>Umschalt+Mausrad, Ziehen mit mittlerer Maustaste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pan in time</source>
        <translation>In der Zeit verschieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up / Down, Page Up / Page Down, Home / End</source>
        <translation>Pfeil hoch / runter, Bild auf / ab, Pos1 / Ende</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move between spans</source>
        <translation>Zwischen Spans wechseln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left / Right</source>
        <translation>Pfeil links / rechts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Collapse / expand a span or a run of repeated calls</source>
        <translation>Einen Span oder eine Folge wiederholter Aufrufe zu- / aufklappen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the span&apos;s details</source>
        <translation>Die Details des Spans zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waterfall / flame chart / self time</source>
        <translation>Wasserfall / Flammendiagramm / Eigenzeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the Span Detail / Log Inspector</source>
        <translation>Span-Details / Log-Inspektor zeigen oder ausblenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next / previous tab</source>
        <translation>Nächster / vorheriger Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the trace tab</source>
        <translation>Den Trace-Tab schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All keyboard shortcuts</source>
        <translation>Alle Tastenkürzel</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+63"/>
        <source>Getting Started with Skein</source>
        <translation>Erste Schritte mit Skein</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Getting Started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>&lt;p&gt;Skein reads distributed traces from files and from Jaeger into a local cache and shows each trace as a timeline. What you open stays in the cache, so it is there the next time, also offline.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;#open&quot;&gt;Opening files&lt;/a&gt; · &lt;a href=&quot;#jaeger&quot;&gt;Connecting to Jaeger&lt;/a&gt; · &lt;a href=&quot;#search&quot;&gt;Searching&lt;/a&gt; · &lt;a href=&quot;#timeline&quot;&gt;Reading the timeline&lt;/a&gt; · &lt;a href=&quot;#dependencies&quot;&gt;The dependency graph&lt;/a&gt; · &lt;a href=&quot;#inspector&quot;&gt;The inspector&lt;/a&gt; · &lt;a href=&quot;#keys&quot;&gt;Keyboard shortcuts&lt;/a&gt; · &lt;a href=&quot;#cache&quot;&gt;Where the cache lives&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Skein liest verteilte Traces aus Dateien und aus Jaeger in einen lokalen Cache und zeigt jeden Trace als Zeitleiste. Was Sie öffnen, bleibt im Cache und ist beim nächsten Mal wieder da, auch offline.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;#open&quot;&gt;Dateien öffnen&lt;/a&gt; · &lt;a href=&quot;#jaeger&quot;&gt;Mit Jaeger verbinden&lt;/a&gt; · &lt;a href=&quot;#search&quot;&gt;Suchen&lt;/a&gt; · &lt;a href=&quot;#timeline&quot;&gt;Die Zeitleiste lesen&lt;/a&gt; · &lt;a href=&quot;#dependencies&quot;&gt;Der Abhängigkeitsgraph&lt;/a&gt; · &lt;a href=&quot;#inspector&quot;&gt;Der Inspektor&lt;/a&gt; · &lt;a href=&quot;#keys&quot;&gt;Tastenkürzel&lt;/a&gt; · &lt;a href=&quot;#cache&quot;&gt;Wo der Cache liegt&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opening files</source>
        <translation>Dateien öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;Choose &lt;b&gt;File ▸ Open Trace Files&lt;/b&gt;, drop files on the window, or name them on the command line (&lt;code&gt;skein trace.json&lt;/code&gt;). Skein reads Jaeger JSON, OpenTelemetry (OTLP) JSON, JSON lines and protobuf, and Zipkin v1 and v2 JSON, also compressed with gzip or zstd.&lt;/p&gt;&lt;p&gt;Files are imported in the background; you can keep working or cancel. A file that holds one trace opens at once; otherwise the &lt;b&gt;Search&lt;/b&gt; tab lists what came in. Damaged records are skipped and listed with their position in the file. &lt;b&gt;File ▸ Load Sample Traces&lt;/b&gt; fills an empty cache with generated traces to try things out.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Wählen Sie &lt;b&gt;Datei ▸ Trace-Dateien öffnen&lt;/b&gt;, ziehen Sie Dateien auf das Fenster oder nennen Sie sie auf der Kommandozeile (&lt;code&gt;skein trace.json&lt;/code&gt;). Skein liest Jaeger-JSON, OpenTelemetry-(OTLP-)JSON, JSON Lines und Protobuf sowie Zipkin-JSON in Version 1 und 2, auch mit gzip oder zstd komprimiert.&lt;/p&gt;&lt;p&gt;Dateien werden im Hintergrund importiert; Sie können weiterarbeiten oder abbrechen. Eine Datei mit einem einzigen Trace öffnet sich sofort, sonst zeigt der Tab &lt;b&gt;Suche&lt;/b&gt;, was hinzugekommen ist. Beschädigte Einträge werden übersprungen und mit ihrer Position in der Datei aufgelistet. &lt;b&gt;Datei ▸ Beispiel-Traces laden&lt;/b&gt; füllt einen leeren Cache mit erzeugten Traces zum Ausprobieren.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connecting to Jaeger</source>
        <translation>Mit Jaeger verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;File ▸ Connect to Jaeger&lt;/b&gt; opens the Jaeger browser. Enter the address of the Jaeger query service (where the Jaeger UI runs, for example &lt;code&gt;http://localhost:16686&lt;/code&gt;), choose an authentication if the server needs one, and press &lt;b&gt;Connect&lt;/b&gt;. Skein remembers the endpoint; a password or token is only saved when you tick &lt;b&gt;Remember&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Choose a service, narrow the search by operation, tags, time and duration, and press &lt;b&gt;Search&lt;/b&gt;. Select traces and press &lt;b&gt;Fetch Selected&lt;/b&gt; (a double click fetches and opens one), or paste trace IDs under &lt;b&gt;By ID&lt;/b&gt;. Fetched traces are stored in the cache; with &lt;b&gt;Also store the service dependency graph&lt;/b&gt; the server&apos;s graph of the same time window is kept too.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Datei ▸ Mit Jaeger verbinden&lt;/b&gt; öffnet den Jaeger-Browser. Geben Sie die Adresse des Jaeger-Query-Service ein (dort, wo die Jaeger-Oberfläche läuft, zum Beispiel &lt;code&gt;http://localhost:16686&lt;/code&gt;), wählen Sie eine Authentifizierung, falls der Server eine verlangt, und klicken Sie auf &lt;b&gt;Verbinden&lt;/b&gt;. Skein merkt sich den Endpunkt; ein Passwort oder Token wird nur gespeichert, wenn Sie &lt;b&gt;Auf diesem Computer merken&lt;/b&gt; ankreuzen.&lt;/p&gt;&lt;p&gt;Wählen Sie einen Service, grenzen Sie die Suche nach Operation, Tags, Zeit und Dauer ein und klicken Sie auf &lt;b&gt;Suchen&lt;/b&gt;. Wählen Sie Traces aus und klicken Sie auf &lt;b&gt;Auswahl holen&lt;/b&gt; (ein Doppelklick holt und öffnet einen Trace), oder fügen Sie Trace-IDs unter &lt;b&gt;Über ID&lt;/b&gt; ein. Geholte Traces werden im Cache gespeichert; mit &lt;b&gt;Auch den Abhängigkeitsgraphen der Services speichern&lt;/b&gt; wird auch der Graph des Servers für denselben Zeitraum behalten.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Searching</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;The &lt;b&gt;Search&lt;/b&gt; tab finds traces in the cache by service, operation, tags (&lt;code&gt;key=value&lt;/code&gt;, for example &lt;code&gt;http.response.status_code=500&lt;/code&gt;), duration (&lt;code&gt;250ms&lt;/code&gt;, &lt;code&gt;1.5s&lt;/code&gt;) and time. The results are listed in a table and plotted as duration over time; red dots have errors. Press Enter, double-click a row or click a dot to open the trace in its own tab.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Der Tab &lt;b&gt;Suche&lt;/b&gt; findet Traces im Cache nach Service, Operation, Tags (&lt;code&gt;key=value&lt;/code&gt;, zum Beispiel &lt;code&gt;http.response.status_code=500&lt;/code&gt;), Dauer (&lt;code&gt;250ms&lt;/code&gt;, &lt;code&gt;1.5s&lt;/code&gt;) und Zeit. Die Ergebnisse stehen in einer Tabelle und in einem Diagramm der Dauer über der Zeit; rote Punkte haben Fehler. Drücken Sie die Eingabetaste, doppelklicken Sie auf eine Zeile oder klicken Sie auf einen Punkt, um den Trace in einem eigenen Tab zu öffnen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the timeline</source>
        <translation>Die Zeitleiste lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;At the top of a trace tab, the header sums up the trace: start, duration, services, depth, spans, errors, and warnings such as spans whose parent is missing or clocks that disagree. Below it the minimap shows the whole trace; drag its frame to pan or its edges to zoom.&lt;/p&gt;&lt;p&gt;The &lt;b&gt;waterfall&lt;/b&gt; shows the span tree beside a bar per span on a common time axis: the colour is the service, a red mark is an error, small ticks are events (logs). A child&apos;s bar sits inside its parent&apos;s; a gap is time the parent spent on its own. Repeated calls (a loop of queries) fold into one row “N × operation”; press Right to unfold them. Drag across the time ruler to zoom to a range, Ctrl+wheel zooms around the pointer, Shift+wheel pans, double-click the ruler to see everything again. &lt;b&gt;Services&lt;/b&gt; hides the spans of chosen services; their callees move up in their place.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Flame&lt;/b&gt; shows one row per depth, which keeps traces of many thousands of spans readable. &lt;b&gt;Self time&lt;/b&gt; lists the operations by the time spent in themselves rather than in their children: where the time actually goes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Oben in einem Trace-Tab fasst die Kopfzeile den Trace zusammen: Beginn, Dauer, Services, Tiefe, Spans, Fehler und Warnungen, etwa zu Spans, deren Eltern-Span fehlt, oder zu Uhren, die voneinander abweichen. Darunter zeigt die Übersichtskarte den ganzen Trace; ziehen Sie ihren Rahmen zum Verschieben oder seine Kanten zum Zoomen.&lt;/p&gt;&lt;p&gt;Der &lt;b&gt;Wasserfall&lt;/b&gt; zeigt den Span-Baum neben je einem Balken pro Span auf einer gemeinsamen Zeitachse: Die Farbe steht für den Service, eine rote Markierung für einen Fehler, kleine Striche für Events (Logs). Der Balken eines Kind-Spans liegt innerhalb dessen seines Eltern-Spans; eine Lücke ist Zeit, die der Eltern-Span für sich selbst gebraucht hat. Wiederholte Aufrufe (eine Schleife von Abfragen) werden zu einer Zeile „N × Operation“ zusammengefasst; Pfeil rechts klappt sie auf. Ziehen Sie über das Zeitlineal, um auf einen Bereich zu zoomen; Strg+Mausrad zoomt um den Mauszeiger, Umschalt+Mausrad verschiebt, ein Doppelklick auf das Lineal zeigt wieder alles. &lt;b&gt;Services&lt;/b&gt; blendet die Spans gewählter Services aus; ihre Aufgerufenen rücken an ihre Stelle.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Flammen&lt;/b&gt; zeigt eine Zeile pro Tiefe, womit auch Traces mit vielen tausend Spans lesbar bleiben. &lt;b&gt;Eigenzeit&lt;/b&gt; listet die Operationen nach der Zeit, die in ihnen selbst statt in ihren Kind-Spans vergeht: dort, wo die Zeit wirklich bleibt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The dependency graph</source>
        <translation>Der Abhängigkeitsgraph</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;The &lt;b&gt;Dependencies&lt;/b&gt; tab draws which services call which, computed from the spans of a scope: the whole cache, the last hour, day or week of it, the search result or the current trace. Solid lines come from the cached spans, dashed lines from a Jaeger server, dotted lines from imported dependency-link files. Edges are labelled with their number of calls; red ones had errors.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Focus&lt;/b&gt; shows one service with its callers and callees, as many calls away as you choose. Click a service or an edge to search its traces. Ctrl+wheel or + and − zoom, F fits the graph; &lt;b&gt;Export SVG&lt;/b&gt; and &lt;b&gt;Export PNG&lt;/b&gt; save it as a picture.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Der Tab &lt;b&gt;Abhängigkeiten&lt;/b&gt; zeichnet, welche Services welche aufrufen, berechnet aus den Spans eines Bereichs: des ganzen Caches, seiner letzten Stunde, seines letzten Tages oder seiner letzten Woche, des Suchergebnisses oder des aktuellen Traces. Durchgezogene Linien stammen aus den Spans im Cache, gestrichelte von einem Jaeger-Server, gepunktete aus importierten Abhängigkeitsdateien. Kanten tragen die Zahl ihrer Aufrufe; rote hatten Fehler.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Fokus&lt;/b&gt; zeigt einen Service mit seinen Aufrufern und Aufgerufenen, so viele Aufrufe weit, wie Sie wählen. Ein Klick auf einen Service oder eine Kante sucht deren Traces. Strg+Mausrad oder + und − zoomen, F passt den Graphen ein; &lt;b&gt;Als SVG exportieren&lt;/b&gt; und &lt;b&gt;Als PNG exportieren&lt;/b&gt; speichern ihn als Bild.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The inspector</source>
        <translation>Der Inspektor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;The &lt;b&gt;Span Detail&lt;/b&gt; dock (Ctrl+D) shows the selected span: its IDs with copy buttons, kind, status, timing, its attributes with their types (Ctrl+C copies a value), events, the process or resource and instrumentation scope, links in both directions (spans in other traces that link to it are looked up in the whole cache) and its warnings.&lt;/p&gt;&lt;p&gt;The &lt;b&gt;Log Inspector&lt;/b&gt; dock (Ctrl+L) lists every event of the trace in time order with a filter; selecting a row selects its span and the other way round. &lt;b&gt;Edit ▸ Find in Trace&lt;/b&gt; (Ctrl+F) finds spans by operation, service, ID, attribute or event text; F3 and Shift+F3 step through the matches.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das Dock &lt;b&gt;Span-Details&lt;/b&gt; (Strg+D) zeigt den ausgewählten Span: seine IDs mit Kopierknöpfen, Art, Status, Zeiten, seine Attribute mit ihren Typen (Strg+C kopiert einen Wert), Events, Prozess bzw. Ressource und Instrumentation Scope, Links in beide Richtungen (Spans in anderen Traces, die auf ihn verweisen, werden im ganzen Cache gesucht) und seine Warnungen.&lt;/p&gt;&lt;p&gt;Das Dock &lt;b&gt;Log-Inspektor&lt;/b&gt; (Strg+L) listet alle Events des Traces in zeitlicher Reihenfolge, mit einem Filter; eine ausgewählte Zeile wählt ihren Span aus und umgekehrt. &lt;b&gt;Bearbeiten ▸ Im Trace suchen&lt;/b&gt; (Strg+F) findet Spans nach Operation, Service, ID, Attribut oder Event-Text; F3 und Umschalt+F3 springen durch die Treffer.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the cache lives</source>
        <translation>Wo der Cache liegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;Everything Skein imports is kept in one SQLite file:&lt;br&gt;&lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Delete it (with Skein closed) to start afresh, or use another one with &lt;code&gt;skein --db PATH&lt;/code&gt;. &lt;code&gt;skein info&lt;/code&gt; and &lt;code&gt;skein traces&lt;/code&gt; show its contents on the command line. You can also query it with &lt;code&gt;sqlite3&lt;/code&gt;, for example the services with the most spans:&lt;/p&gt;&lt;pre&gt;sqlite3 -readonly &apos;%1&apos; \
  &quot;SELECT name, count(*) FROM spans JOIN services ON services.id = spans.service_id
   GROUP BY name ORDER BY 2 DESC;&quot;&lt;/pre&gt;&lt;p&gt;The user guide in Skein&apos;s repository (&lt;code&gt;docs/user-guide.md&lt;/code&gt;) describes the tables.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Alles, was Skein importiert, liegt in einer einzigen SQLite-Datei:&lt;br&gt;&lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Löschen Sie sie (bei geschlossenem Skein), um neu anzufangen, oder verwenden Sie mit &lt;code&gt;skein --db PFAD&lt;/code&gt; eine andere. &lt;code&gt;skein info&lt;/code&gt; und &lt;code&gt;skein traces&lt;/code&gt; zeigen ihren Inhalt auf der Kommandozeile. Sie können sie auch mit &lt;code&gt;sqlite3&lt;/code&gt; abfragen, zum Beispiel die Services mit den meisten Spans:&lt;/p&gt;&lt;pre&gt;sqlite3 -readonly &apos;%1&apos; \
  &quot;SELECT name, count(*) FROM spans JOIN services ON services.id = spans.service_id
   GROUP BY name ORDER BY 2 DESC;&quot;&lt;/pre&gt;&lt;p&gt;Das Benutzerhandbuch im Repository von Skein (&lt;code&gt;docs/user-guide.md&lt;/code&gt;) beschreibt die Tabellen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;Skein follows the language of your desktop. &lt;b&gt;View ▸ Language&lt;/b&gt; chooses another one for the next start.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Skein folgt der Sprache Ihres Desktops. &lt;b&gt;Ansicht ▸ Sprache&lt;/b&gt; wählt eine andere für den nächsten Start.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>skein::ImportProblemsDialog</name>
    <message>
        <location filename="../app/importproblemsdialog.cpp" line="+28"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>byte %1</source>
        <translation>Byte %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import Problems</source>
        <translation>Probleme beim Import</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File / Position</source>
        <translation>Datei / Position</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Not imported: %1</source>
        <translation>Nicht importiert: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Imported %n span(s) with %1 problem(s); damaged records were skipped.</source>
        <translation>
            <numerusform>%n Span mit %1 Problem(en) importiert; beschädigte Einträge wurden übersprungen.</numerusform>
            <numerusform>%n Spans mit %1 Problem(en) importiert; beschädigte Einträge wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 of %2 file(s) could not be imported; %3 problem(s) were reported while reading the others.</source>
        <translation>%1 von %2 Datei(en) konnten nicht importiert werden; beim Lesen der anderen wurden %3 Problem(e) gemeldet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy All</source>
        <translation>Alles kopieren</translation>
    </message>
</context>
<context>
    <name>skein::ImportProgressDialog</name>
    <message>
        <location filename="../app/importprogressdialog.cpp" line="+28"/>
        <source>Cancel Import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Importing Traces</source>
        <translation>Traces werden importiert</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Continue in Background</source>
        <translation>Im Hintergrund fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stops the import; the cache keeps nothing of the file being imported.</source>
        <translation>Bricht den Import ab; der Cache behält nichts von der gerade importierten Datei.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Importing %1 (file %2 of %3)</source>
        <translation>%1 wird importiert (Datei %2 von %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing %1</source>
        <translation>%1 wird importiert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · %2 spans · %3 s</source>
        <translation>%1 · %2 Spans · %3 s</translation>
    </message>
</context>
<context>
    <name>skein::JaegerBrowserDialog</name>
    <message>
        <location filename="../app/jaegerbrowser.cpp" line="+80"/>
        <source>Connect to Jaeger</source>
        <translation>Mit Jaeger verbinden</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>The endpoint settings changed: connect again to use them.</source>
        <translation>Die Einstellungen des Endpunkts wurden geändert: Verbinden Sie sich erneut, um sie zu verwenden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connecting was cancelled.</source>
        <translation>Der Verbindungsaufbau wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not connect: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connected to %1 (Jaeger API %2)</source>
        <translation>Verbunden mit %1 (Jaeger-API %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected, but the server knows no services: nothing was traced within its retention period.</source>
        <translation>Verbunden, aber der Server kennt keine Services: In seinem Aufbewahrungszeitraum wurde nichts aufgezeichnet.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Connected: %n service(s). Choose a service and search, or fetch traces by ID.</source>
        <translation>
            <numerusform>Verbunden: %n Service. Wählen Sie einen Service und suchen Sie, oder holen Sie Traces über ihre ID.</numerusform>
            <numerusform>Verbunden: %n Services. Wählen Sie einen Service und suchen Sie, oder holen Sie Traces über ihre ID.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not list the operations of %1: %2</source>
        <translation>Die Operationen von %1 konnten nicht abgerufen werden: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Searching the traces of %1…</source>
        <translation>Die Traces von %1 werden gesucht…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The search was cancelled.</source>
        <translation>Die Suche wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The search failed: %1</source>
        <translation>Die Suche ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This server cannot list results before they are downloaded (Jaeger API %1): fetching the matching traces…</source>
        <translation>Dieser Server kann Ergebnisse nicht vor dem Herunterladen auflisten (Jaeger-API %1): Die passenden Traces werden geholt…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No traces match the search.</source>
        <translation>Keine Traces passen zur Suche.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n trace(s) found. Select traces and fetch them into the cache, or double-click one to fetch and open it.</source>
        <translation>
            <numerusform>%n Trace gefunden. Wählen Sie Traces aus und holen Sie sie in den Cache, oder doppelklicken Sie auf einen, um ihn zu holen und zu öffnen.</numerusform>
            <numerusform>%n Traces gefunden. Wählen Sie Traces aus und holen Sie sie in den Cache, oder doppelklicken Sie auf einen, um ihn zu holen und zu öffnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Fetching %n trace(s)…</source>
        <translation>
            <numerusform>%n Trace wird geholt…</numerusform>
            <numerusform>%n Traces werden geholt…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot open the cache %1: %2</source>
        <translation>Der Cache %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+64"/>
        <source>%n trace(s) with %1 spans stored in the cache.</source>
        <translation>
            <numerusform>%n Trace mit %1 Spans im Cache gespeichert.</numerusform>
            <numerusform>%n Traces mit %1 Spans im Cache gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n dependency link(s) stored.</source>
        <translation>
            <numerusform>%n Abhängigkeit gespeichert.</numerusform>
            <numerusform>%n Abhängigkeiten gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(and %n more)</source>
        <translation>
            <numerusform>(und %n weiterer)</numerusform>
            <numerusform>(und %n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelled: nothing of the answer being downloaded was stored.</source>
        <translation>Abgebrochen: Von der gerade heruntergeladenen Antwort wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetched before the cancel:</source>
        <translation>Vor dem Abbruch geholt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetching failed: %1</source>
        <translation>Holen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was stored.</source>
        <translation>Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fetched before the failure:</source>
        <translation>Vor dem Fehler geholt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No traces were found to fetch.</source>
        <translation>Es wurden keine Traces zum Holen gefunden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>skein::JaegerConnectionForm</name>
    <message>
        <location filename="../views/jaegerconnectionform.cpp" line="+159"/>
        <source>Enter the address of the Jaeger query service, for example http://localhost:16686.</source>
        <translation>Geben Sie die Adresse des Jaeger-Query-Service ein, zum Beispiel http://localhost:16686.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The address is not a valid URL. Write it as http://host:port or https://host/base-path.</source>
        <translation>Die Adresse ist keine gültige URL. Schreiben Sie sie als http://host:port oder https://host/basispfad.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address must start with http:// or https://, not %1://.</source>
        <translation>Die Adresse muss mit http:// oder https:// beginnen, nicht mit %1://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address has no host name. Write it as http://host:port.</source>
        <translation>Die Adresse hat keinen Hostnamen. Schreiben Sie sie als http://host:port.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not put a user name or password into the address, where it would be saved as plain text: choose an authentication below instead.</source>
        <translation>Schreiben Sie keinen Benutzernamen und kein Passwort in die Adresse, dort würden sie im Klartext gespeichert: Wählen Sie stattdessen unten eine Authentifizierung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address cannot have a query (?…) or fragment (#…): give only the base address, for example https://example.com/jaeger.</source>
        <translation>Die Adresse darf keine Query (?…) und kein Fragment (#…) haben: Geben Sie nur die Basisadresse an, zum Beispiel https://example.com/jaeger.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the base address without /api…: Skein adds the API paths itself (e.g. http://localhost:16686).</source>
        <translation>Geben Sie die Basisadresse ohne /api… an: Skein ergänzt die API-Pfade selbst (z. B. http://localhost:16686).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the endpoint a name.</source>
        <translation>Geben Sie dem Endpunkt einen Namen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the bearer token, or choose no authentication.</source>
        <translation>Geben Sie das Bearer-Token ein oder wählen Sie keine Authentifizierung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the user name for basic authentication.</source>
        <translation>Geben Sie den Benutzernamen für die Basic-Authentifizierung ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not a valid header name: use letters, digits and “-”, without spaces or “:”.</source>
        <translation>„%1“ ist kein gültiger Header-Name: Verwenden Sie Buchstaben, Ziffern und „-“, ohne Leerzeichen oder „:“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The value of header %1 cannot span lines.</source>
        <translation>Der Wert des Headers %1 darf nicht über mehrere Zeilen gehen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The timeout must be at least one second.</source>
        <translation>Das Zeitlimit muss mindestens eine Sekunde betragen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Local Jaeger</source>
        <translation>Lokales Jaeger</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose or add an endpoint and connect to it.</source>
        <translation>Wählen Sie einen Endpunkt oder fügen Sie einen hinzu und verbinden Sie sich damit.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved endpoints</source>
        <translation>Gespeicherte Endpunkte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved endpoints; the name field below renames the chosen one</source>
        <translation>Gespeicherte Endpunkte; das Namensfeld unten benennt den gewählten um</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>http://localhost:16686</source>
        <translation>http://localhost:16686</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Jaeger query service (the address of the Jaeger UI), with its base path if it has one, e.g. https://tracing.example.com/jaeger</source>
        <translation>Der Jaeger-Query-Service (die Adresse der Jaeger-Oberfläche), mit Basispfad, falls er einen hat, z. B. https://tracing.example.com/jaeger</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Detect (api_v3, else v1)</source>
        <translation>Erkennen (api_v3, sonst v1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v3 (/api/v3)</source>
        <translation>v3 (/api/v3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v1 (/api)</source>
        <translation>v1 (/api)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User and password</source>
        <translation>Benutzer und Passwort</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kept in memory for this session only, unless you tick “Remember”</source>
        <translation>Nur für diese Sitzung im Speicher gehalten, außer Sie kreuzen „Merken“ an</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remember on this computer</source>
        <translation>Auf diesem Computer merken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Request headers</source>
        <translation>Anfrage-Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent with every request, e.g. X-Scope-OrgID: tenant-1. Saved with the endpoint: put secrets in the authentication fields instead.</source>
        <translation>Wird mit jeder Anfrage gesendet, z. B. X-Scope-OrgID: tenant-1. Wird mit dem Endpunkt gespeichert: Geheimnisse gehören stattdessen in die Felder der Authentifizierung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove Header</source>
        <translation>Header entfernen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up when the server sends nothing for this long</source>
        <translation>Aufgeben, wenn der Server so lange nichts sendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Certificates are not checked: anyone on the way to the server can read and change the traffic, including the credentials. Only for test setups with self-signed certificates.</source>
        <translation>Zertifikate werden nicht geprüft: Jeder auf dem Weg zum Server kann den Datenverkehr mitlesen und verändern, auch die Zugangsdaten. Nur für Testumgebungen mit selbstsignierten Zertifikaten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;PI</source>
        <translation>A&amp;PI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Au&amp;thentication</source>
        <translation>Au&amp;thentifizierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T&amp;imeout</source>
        <translation>Zeit&amp;limit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+10"/>
        <location line="+372"/>
        <location line="+17"/>
        <location line="+15"/>
        <source>All operations</source>
        <translation>Alle Operationen</translation>
    </message>
    <message>
        <location line="-396"/>
        <source>http.status_code=500 error=true</source>
        <translation>http.status_code=500 error=true</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space-separated key=value pairs that some span of the trace has. Quote values with spaces: http.route=&quot;/cart items&quot;.</source>
        <translation>Durch Leerzeichen getrennte Paare key=value, die ein Span des Traces hat. Werte mit Leerzeichen in Anführungszeichen setzen: http.route=&quot;/cart items&quot;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 12 hours</source>
        <translation>Letzte 12 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 2 days</source>
        <translation>Letzte 2 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last week</source>
        <translation>Letzte Woche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>min, e.g. 5ms</source>
        <translation>min., z. B. 5ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max, e.g. 2s</source>
        <translation>max., z. B. 2s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum duration</source>
        <translation>Mindestdauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum duration</source>
        <translation>Höchstdauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A number with a unit: us, ms, s, m or h (1.5ms, 2s, 1m30s)</source>
        <translation>Eine Zahl mit Einheit: us, ms, s, m oder h (1.5ms, 2s, 1m30s)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>At most this many traces</source>
        <translation>Höchstens so viele Traces</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+8"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ser&amp;vice</source>
        <translation>Ser&amp;vice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Operation</source>
        <translation>&amp;Operation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ta&amp;gs</source>
        <translation>Ta&amp;gs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lookback</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Duration</source>
        <translation>&amp;Dauer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Li&amp;mit</source>
        <translation>Li&amp;mit</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Search the server</source>
        <translation>Auf dem Server suchen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Traces on the server</source>
        <translation>Traces auf dem Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Root span</source>
        <translation>Wurzel-Span</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trace ID</source>
        <translation>Trace-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In cache</source>
        <translation>Im Cache</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Fetch Selected</source>
        <translation>&amp;Auswahl holen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download the selected traces into the cache (double-click a row for one)</source>
        <translation>Die ausgewählten Traces in den Cache herunterladen (Doppelklick auf eine Zeile für einen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also store the service dependency graph</source>
        <translation>Auch den Abhängigkeitsgraphen der Services speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fetch /api/dependencies for the search window along with the traces</source>
        <translation>Mit den Traces auch /api/dependencies für den Suchzeitraum holen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trace IDs (hex), separated by spaces or commas</source>
        <translation>Trace-IDs (hexadezimal), durch Leerzeichen oder Kommas getrennt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fetch &amp;IDs</source>
        <translation>&amp;IDs holen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;By ID</source>
        <translation>Ü&amp;ber ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New endpoint</source>
        <translation>Neuer Endpunkt</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>The token</source>
        <translation>Das Token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The password</source>
        <translation>Das Passwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 will be saved unencrypted in the settings file. Anyone who can read your files can read it.</source>
        <translation>%1 wird unverschlüsselt in der Einstellungsdatei gespeichert. Jeder, der Ihre Dateien lesen kann, kann es lesen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 will be saved unencrypted in %2. Anyone who can read your files can read it.</source>
        <translation>%1 wird unverschlüsselt in %2 gespeichert. Jeder, der Ihre Dateien lesen kann, kann es lesen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect to list the services</source>
        <translation>Verbinden, um die Services aufzulisten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server knows no services</source>
        <translation>Der Server kennt keine Services</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a service</source>
        <translation>Service wählen</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1  ·  %2</source>
        <comment>operation name, span kind</comment>
        <translation>%1  ·  %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>(unknown root)</source>
        <translation>(unbekannte Wurzel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <comment>service: operation</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+29"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 received, %n span(s) read</source>
        <translation>
            <numerusform>%1 empfangen, %n Span gelesen</numerusform>
            <numerusform>%1 empfangen, %n Spans gelesen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Response %1 of %2: %3</source>
        <translation>Antwort %1 von %2: %3</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>Choose a service: Jaeger searches the traces of one service at a time.</source>
        <translation>Wählen Sie einen Service: Jaeger durchsucht die Traces jeweils eines Services.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” is not a duration. Use a number with a unit, like 250ms, 1.5s or 2m.</source>
        <translation>„%1“ ist keine Dauer. Verwenden Sie eine Zahl mit Einheit, etwa 250ms, 1.5s oder 2m.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The minimum duration (%1) is longer than the maximum (%2).</source>
        <translation>Die Mindestdauer (%1) ist länger als die Höchstdauer (%2).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The range starts after it ends.</source>
        <translation>Der Zeitraum beginnt nach seinem Ende.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Enter one or more trace IDs, separated by spaces or commas.</source>
        <translation>Geben Sie eine oder mehrere Trace-IDs ein, durch Leerzeichen oder Kommas getrennt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is not a trace ID: use 1 to 32 hexadecimal digits.</source>
        <translation>„%1“ ist keine Trace-ID: Verwenden Sie 1 bis 32 Hexadezimalziffern.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Select the traces to fetch in the results first.</source>
        <translation>Wählen Sie zuerst in den Ergebnissen die Traces aus, die geholt werden sollen.</translation>
    </message>
</context>
<context>
    <name>skein::LanguageMenu</name>
    <message>
        <location filename="../app/languagemenu.cpp" line="+28"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Skein will use the new language the next time it starts.</source>
        <translation>Skein verwendet die neue Sprache beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>skein::LogInspector</name>
    <message>
        <location filename="../views/loginspector.cpp" line="+38"/>
        <source>Filter events by name, field, service or span</source>
        <translation>Events nach Name, Feld, Service oder Span filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter events</source>
        <translation>Ereignisse filtern</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Span events</source>
        <translation>Span-Ereignisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events and logs of the trace in time order</source>
        <translation>Ereignisse und Logs des Traces in zeitlicher Reihenfolge</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show Span Details</source>
        <translation>Span-Details zeigen</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>No trace is open.</source>
        <translation>Kein Trace geöffnet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading events…</source>
        <translation>Events werden gelesen…</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 of %n events</source>
        <translation>
            <numerusform>%1 von %n Event</numerusform>
            <numerusform>%1 von %n Events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n events</source>
        <translation>
            <numerusform>%n Event</numerusform>
            <numerusform>%n Events</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The spans of this trace have no events or logs.</source>
        <translation>Die Spans dieses Traces haben keine Events oder Logs.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No event matches “%1”.</source>
        <translation>Kein Event passt zu „%1“.</translation>
    </message>
</context>
<context>
    <name>skein::LogTableModel</name>
    <message>
        <location filename="../views/logtablemodel.cpp" line="+278"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>%1 (span %2)</source>
        <translation>%1 (Span %2)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Span</source>
        <translation>Span</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
</context>
<context>
    <name>skein::MainWindow</name>
    <message>
        <location filename="../app/mainwindow.cpp" line="+80"/>
        <location line="+576"/>
        <source>Skein</source>
        <translation>Skein</translation>
    </message>
    <message>
        <location line="-564"/>
        <location line="+148"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Dependencies</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Span Detail</source>
        <translation>Span-Details</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log Inspector</source>
        <translation>Log-Inspektor</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open Trace Files…</source>
        <translation>Trace-Dateien ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open trace files (Jaeger, OTLP, Zipkin) into the cache</source>
        <translation>Trace-Dateien (Jaeger, OTLP, Zipkin) in den Cache öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect to &amp;Jaeger…</source>
        <translation>Mit &amp;Jaeger verbinden…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jaeger</source>
        <translation>Jaeger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse a Jaeger query service and fetch traces into the cache</source>
        <translation>Einen Jaeger-Query-Service durchsuchen und Traces in den Cache holen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load &amp;Sample Traces</source>
        <translation>Beispiel-Traces &amp;laden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close Tab</source>
        <translation>Tab &amp;schließen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find in Trace…</source>
        <translation>Im Trace &amp;suchen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find &amp;Next</source>
        <translation>&amp;Nächster Treffer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find &amp;Previous</source>
        <translation>&amp;Vorheriger Treffer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search Traces</source>
        <translation>Traces &amp;suchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Fit Whole Trace</source>
        <translation>Ganzen &amp;Trace zeigen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Expand All</source>
        <translation>Alle &amp;aufklappen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Collapse All</source>
        <translation>Alle &amp;zuklappen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Waterfall</source>
        <translation>&amp;Wasserfall</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>F&amp;lame Chart</source>
        <translation>F&amp;lammendiagramm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Self Time Summary</source>
        <translation>&amp;Eigenzeit-Übersicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One row per span (Ctrl+Shift+W in a trace)</source>
        <translation>Eine Zeile pro Span (Strg+Umschalt+W in einem Trace)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per depth, for very big traces (Ctrl+Shift+L in a trace)</source>
        <translation>Eine Zeile pro Tiefe, für sehr große Traces (Strg+Umschalt+L in einem Trace)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operations that take the most time themselves (Ctrl+Shift+S in a trace)</source>
        <translation>Die Operationen, die selbst die meiste Zeit brauchen (Strg+Umschalt+S in einem Trace)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Dependencies</source>
        <translation>&amp;Abhängigkeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Next Tab</source>
        <translation>&amp;Nächster Tab</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Previous Tab</source>
        <translation>&amp;Vorheriger Tab</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Skein</source>
        <translation>Ü&amp;ber Skein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Skein</source>
        <translation>Über Skein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Skein %1&lt;/h3&gt;&lt;p&gt;A desktop explorer for distributed traces: Jaeger, OpenTelemetry and Zipkin files, kept in a local cache.&lt;/p&gt;&lt;p&gt;Cache: &lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Skein %1&lt;/h3&gt;&lt;p&gt;Ein Desktop-Explorer für verteilte Traces: Jaeger-, OpenTelemetry- und Zipkin-Dateien, in einem lokalen Cache gehalten.&lt;/p&gt;&lt;p&gt;Cache: &lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The trace cache is empty. Open your trace files, or look around with a built-in sample.</source>
        <translation>Der Trace-Cache ist leer. Öffnen Sie Ihre Trace-Dateien oder sehen Sie sich mit einem eingebauten Beispiel um.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load Sample Traces</source>
        <translation>Beispiel-Traces laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Trace Files…</source>
        <translation>Trace-Dateien öffnen…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cannot open the cache %1: %2</source>
        <translation>Der Cache %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The cache was empty, so it now holds a generated sample. Open your own files with File ▸ Open.</source>
        <translation>Der Cache war leer, daher enthält er jetzt ein erzeugtes Beispiel. Öffnen Sie Ihre eigenen Dateien mit Datei ▸ Öffnen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Adding the sample traces…</source>
        <translation>Die Beispiel-Traces werden hinzugefügt…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Added the sample traces.</source>
        <translation>Die Beispiel-Traces wurden hinzugefügt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cache already holds traces; the sample was not added.</source>
        <translation>Der Cache enthält bereits Traces; das Beispiel wurde nicht hinzugefügt.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Fetched %n trace(s) into the cache.</source>
        <translation>
            <numerusform>%n Trace in den Cache geholt.</numerusform>
            <numerusform>%n Traces in den Cache geholt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open Trace Files</source>
        <translation>Trace-Dateien öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace files (*.json *.jsonl *.ndjson *.pb *.protobuf *.bin *.gz *.zst);;All files (*)</source>
        <translation>Trace-Dateien (*.json *.jsonl *.ndjson *.pb *.protobuf *.bin *.gz *.zst);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Import cancelled; the cache keeps only the files imported before.</source>
        <translation>Import abgebrochen; der Cache behält nur die zuvor importierten Dateien.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Imported %n file(s): %1 traces, %2 spans.</source>
        <translation>
            <numerusform>%n Datei importiert: %1 Traces, %2 Spans.</numerusform>
            <numerusform>%n Dateien importiert: %1 Traces, %2 Spans.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Opening trace %1…</source>
        <translation>Trace %1 wird geöffnet…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The trace %1 is not in the cache.</source>
        <translation>Der Trace %1 ist nicht im Cache.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Trace %1
%2</source>
        <translation>Trace %1
%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close trace %1</source>
        <translation>Trace %1 schließen</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Opened trace %1: %Ln span(s) in %2</source>
        <translation>
            <numerusform>Trace %1 geöffnet: %Ln Span in %2</numerusform>
            <numerusform>Trace %1 geöffnet: %Ln Spans in %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 — Skein</source>
        <translation>%1 — Skein</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 traces · %2 spans · %3 services · %4</source>
        <translation>%1 Traces · %2 Spans · %3 Services · %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trace cache: %1</source>
        <translation>Trace-Cache: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>skein::RecentFiles</name>
    <message>
        <location filename="../app/recentfiles.cpp" line="+61"/>
        <source>No Recent Files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>skein::SearchForm</name>
    <message>
        <location filename="../views/searchform.cpp" line="+103"/>
        <source>“%1” is not key=value.</source>
        <translation>„%1“ hat nicht die Form key=value.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tag needs a key before “=”.</source>
        <translation>Ein Tag braucht einen Schlüssel vor „=“.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The value of “%1” has no closing %2.</source>
        <translation>Dem Wert von „%1“ fehlt das schließende %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put a space after the quoted value of “%1”.</source>
        <translation>Setzen Sie ein Leerzeichen nach den zitierten Wert von „%1“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1=” has no value (write %1=&quot;&quot; for an empty one).</source>
        <translation>„%1=“ hat keinen Wert (schreiben Sie %1=&quot;&quot; für einen leeren).</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+267"/>
        <source>All services</source>
        <translation>Alle Services</translation>
    </message>
    <message>
        <location line="-264"/>
        <location line="+114"/>
        <location line="+156"/>
        <source>All operations</source>
        <translation>Alle Operationen</translation>
    </message>
    <message>
        <location line="-262"/>
        <source>http.response.status_code=500</source>
        <translation>http.response.status_code=500</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space-separated key=value pairs that some span of the trace (or its resource) has, e.g. http.response.status_code=500 error=true.
Quote values with spaces: http.route=&quot;/cart items&quot;.</source>
        <translation>Durch Leerzeichen getrennte Paare key=value, die ein Span des Traces (oder seine Ressource) hat, z. B. http.response.status_code=500 error=true.
Werte mit Leerzeichen in Anführungszeichen setzen: http.route=&quot;/cart items&quot;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>min, e.g. 5ms</source>
        <translation>min., z. B. 5ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum duration</source>
        <translation>Mindestdauer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max, e.g. 2s</source>
        <translation>max., z. B. 2s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum duration</source>
        <translation>Höchstdauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A number with a unit: ns, us, ms, s, m or h (1.5ms, 2s, 1m30s). A bare number is milliseconds.</source>
        <translation>Eine Zahl mit Einheit: ns, us, ms, s, m oder h (1.5ms, 2s, 1m30s). Eine Zahl ohne Einheit gilt als Millisekunden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last week</source>
        <translation>Letzte Woche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All time</source>
        <translation>Gesamte Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most this many traces, newest first</source>
        <translation>Höchstens so viele Traces, die neuesten zuerst</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Find Traces</source>
        <translation>Traces finden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Service</source>
        <translation>&amp;Service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operation</source>
        <translation>&amp;Operation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tags</source>
        <translation>&amp;Tags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Duration</source>
        <translation>&amp;Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lookback</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T&amp;o</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L&amp;imit</source>
        <translation>&amp;Limit</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” is not a duration. Use a number with a unit, like 250ms, 1.5s or 2m.</source>
        <translation>„%1“ ist keine Dauer. Verwenden Sie eine Zahl mit Einheit, etwa 250ms, 1.5s oder 2m.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The minimum duration (%1) is longer than the maximum (%2).</source>
        <translation>Die Mindestdauer (%1) ist länger als die Höchstdauer (%2).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The range starts after it ends.</source>
        <translation>Der Zeitraum beginnt nach seinem Ende.</translation>
    </message>
</context>
<context>
    <name>skein::SearchPanel</name>
    <message>
        <location filename="../views/searchpanel.cpp" line="+132"/>
        <source>Traces found</source>
        <translation>Gefundene Traces</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot open the cache: %1</source>
        <translation>Der Cache kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No traces match</source>
        <translation>Keine passenden Traces</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 trace</source>
        <translation>1 Trace</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 traces</source>
        <translation>%1 Traces</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the limit: narrow the search or raise the limit for more)</source>
        <translation> (das Limit: Suche eingrenzen oder Limit erhöhen, um mehr zu sehen)</translation>
    </message>
</context>
<context>
    <name>skein::SelfTimePanel</name>
    <message numerus="yes">
        <location filename="../views/selftimepanel.cpp" line="+130"/>
        <source>%1 (%2): %Ln spans, %3 of self time in all, %4 in the one with the most; click to go to that span.</source>
        <translation>
            <numerusform>%1 (%2): %Ln Span, %3 Eigenzeit insgesamt, %4 im Span mit der meisten; klicken, um zu diesem Span zu gehen.</numerusform>
            <numerusform>%1 (%2): %Ln Spans, %3 Eigenzeit insgesamt, %4 im Span mit der meisten; klicken, um zu diesem Span zu gehen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self time</source>
        <translation>Eigenzeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time spent in these spans themselves, not in their children, added up</source>
        <translation>Die Zeit in diesen Spans selbst, nicht in ihren Kind-Spans, aufsummiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of all the self time in the trace (the column adds up to 100 %)</source>
        <translation>Anteil an der gesamten Eigenzeit des Traces (die Spalte ergibt zusammen 100 %)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The largest self time of one span</source>
        <translation>Die größte Eigenzeit eines einzelnen Spans</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&lt;b&gt;Self time by operation&lt;/b&gt;</source>
        <translation>&lt;b&gt;Eigenzeit nach Operation&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self time by operation</source>
        <translation>Eigenzeit nach Operation</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not computed yet.</source>
        <translation>Noch nicht berechnet.</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>Adding up the self time of %Ln spans…</source>
        <translation>
            <numerusform>Die Eigenzeit von %Ln Span wird aufsummiert…</numerusform>
            <numerusform>Die Eigenzeit von %Ln Spans wird aufsummiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%Ln operations · %1 of self time in all</source>
        <translation>
            <numerusform>%Ln Operation · %1 Eigenzeit insgesamt</numerusform>
            <numerusform>%Ln Operationen · %1 Eigenzeit insgesamt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick an operation to go to its span with the most self time; Enter or a double click shows that span&apos;s details.</source>
        <translation>Wählen Sie eine Operation, um zu ihrem Span mit der meisten Eigenzeit zu gehen; Eingabe oder ein Doppelklick zeigt die Details dieses Spans.</translation>
    </message>
</context>
<context>
    <name>skein::SpanDetailPanel</name>
    <message>
        <location filename="../views/spandetailpanel.cpp" line="+148"/>
        <location line="+26"/>
        <location line="+88"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>Copy Selection</source>
        <translation>Auswahl kopieren</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Copy Value</source>
        <translation>Wert kopieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy Key and Value</source>
        <translation>Schlüssel und Wert kopieren</translation>
    </message>
    <message numerus="yes">
        <location line="+64"/>
        <location line="+505"/>
        <source>%n attributes dropped by the sender</source>
        <translation>
            <numerusform>%n Attribut vom Sender verworfen</numerusform>
            <numerusform>%n Attribute vom Sender verworfen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-498"/>
        <source>unspecified</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>internal</source>
        <translation>intern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>producer</source>
        <translation>Producer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>consumer</source>
        <translation>Consumer</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Trace ID</source>
        <translation>Trace-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Span ID</source>
        <translation>Span-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Parent ID</source>
        <translation>Eltern-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to the parent span</source>
        <translation>Zum übergeordneten Span gehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select the parent span</source>
        <translation>Den Eltern-Span auswählen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Span attributes</source>
        <translation>Span-Attribute</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Span events</source>
        <translation>Span-Ereignisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Span links</source>
        <translation>Span-Verknüpfungen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Resource attributes</source>
        <translation>Ressourcenattribute</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Instrumentation scope attributes</source>
        <translation>Attribute des Instrumentierungsbereichs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+6"/>
        <source>No trace is open.
Open a trace to see the details of its spans here.</source>
        <translation>Kein Trace geöffnet.
Öffnen Sie einen Trace, um hier die Details seiner Spans zu sehen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Select a span in the timeline to see its details.</source>
        <translation>Wählen Sie einen Span in der Zeitleiste, um seine Details zu sehen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The details of this span could not be read from the cache.</source>
        <translation>Die Details dieses Spans konnten nicht aus dem Cache gelesen werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Spans linking here (%1)</source>
        <translation>Spans mit Link hierher (%1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>span %1</source>
        <translation>Span %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+197"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>%1 (trace %2)</source>
        <translation>%1 (Trace %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+215"/>
        <source>%1 · child of</source>
        <translation>%1 · Kind von</translation>
    </message>
    <message>
        <location line="-206"/>
        <location line="+190"/>
        <source>Span %1
Click to select it.</source>
        <translation>Span %1
Klicken, um ihn auszuwählen.</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+198"/>
        <source>Span %1 in trace %2
Click to open that trace.</source>
        <translation>Span %1 in Trace %2
Klicken, um diesen Trace zu öffnen.</translation>
    </message>
    <message>
        <location line="-194"/>
        <source>No span links to this one</source>
        <translation>Kein Span verweist auf diesen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(unnamed span)</source>
        <translation>(unbenannter Span)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(unknown service)</source>
        <translation>(unbekannter Service)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (server half of a shared span)</source>
        <translation>%1 (Server-Hälfte eines geteilten Spans)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OK: %1</source>
        <translation>OK: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unset</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unset: %1</source>
        <translation>Nicht gesetzt: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (%2% of the trace)</source>
        <translation>%1 (%2 % des Traces)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>At the trace start</source>
        <translation>Am Beginn des Traces</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>+%1 after the trace start</source>
        <translation>+%1 nach Beginn des Traces</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none (root span)</source>
        <translation>keiner (Wurzel-Span)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Its parent span %1 is not in this trace, so it is shown as a root.</source>
        <translation>Sein Eltern-Span %1 ist nicht in diesem Trace, daher wird er als Wurzel gezeigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its chain of parents loops back to itself; the loop was cut here.</source>
        <translation>Seine Kette von Eltern-Spans führt zu ihm selbst zurück; die Schleife wurde hier aufgetrennt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It starts before its parent: the hosts&apos; clocks may be skewed.</source>
        <translation>Er beginnt vor seinem Eltern-Span: Die Uhren der Hosts gehen möglicherweise unterschiedlich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It ends after its parent: clock skew, or work that outlived the parent.</source>
        <translation>Er endet nach seinem Eltern-Span: Uhrenabweichung oder Arbeit, die den Eltern-Span überdauert hat.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The sender dropped %n attributes.</source>
        <translation>
            <numerusform>Der Sender hat %n Attribut verworfen.</numerusform>
            <numerusform>Der Sender hat %n Attribute verworfen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The sender dropped %n events.</source>
        <translation>
            <numerusform>Der Sender hat %n Event verworfen.</numerusform>
            <numerusform>Der Sender hat %n Events verworfen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The sender dropped %n links.</source>
        <translation>
            <numerusform>Der Sender hat %n Link verworfen.</numerusform>
            <numerusform>Der Sender hat %n Links verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>+%1   %2</source>
        <translation>+%1   %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1
+%2 after the trace start, +%3 after the span start</source>
        <translation>%1
+%2 nach Beginn des Traces, +%3 nach Beginn des Spans</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This span has no events or logs</source>
        <translation>Dieser Span hat keine Events oder Logs</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Links from this span (%1)</source>
        <translation>Links von diesem Span (%1)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>span %1 (not in this trace)</source>
        <translation>Span %1 (nicht in diesem Trace)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The linked span %1 was not imported.</source>
        <translation>Der verlinkte Span %1 wurde nicht importiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>span %1 in trace %2</source>
        <translation>Span %1 in Trace %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This span links to no other span</source>
        <translation>Dieser Span verweist auf keinen anderen Span</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Resource&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ressource&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&lt;b&gt;Resource&lt;/b&gt; &amp;nbsp;%1</source>
        <translation>&lt;b&gt;Ressource&lt;/b&gt; &amp;nbsp;%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Instrumentation scope&lt;/b&gt;</source>
        <translation>&lt;b&gt;Instrumentation Scope&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;i&gt;not recorded&lt;/i&gt;</source>
        <translation>&lt;i&gt;nicht aufgezeichnet&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Attributes (%1)</source>
        <translation>Attribute (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events (%1)</source>
        <translation>Events (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links (%1)</source>
        <translation>Links (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Links</source>
        <translation>Links</translation>
    </message>
</context>
<context>
    <name>skein::TimeRuler</name>
    <message>
        <location filename="../views/timeruler.cpp" line="+30"/>
        <source>Time axis</source>
        <translation>Zeitachse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag across the time axis to zoom to that range; double-click to show the whole trace.</source>
        <translation>Ziehen Sie über die Zeitachse, um auf diesen Bereich zu zoomen; Doppelklick zeigt den ganzen Trace.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Service and operation</source>
        <translation>Service und Operation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Showing %1 of %2</source>
        <translation>Zeigt %1 von %2</translation>
    </message>
</context>
<context>
    <name>skein::TimelineMinimap</name>
    <message>
        <location filename="../views/timelineminimap.cpp" line="+31"/>
        <source>Trace overview</source>
        <translation>Trace-Übersicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The whole trace. Drag the frame to pan, drag its edges to zoom, or drag elsewhere to pick a range.</source>
        <translation>Der ganze Trace. Ziehen Sie den Rahmen zum Verschieben, seine Kanten zum Zoomen oder woanders, um einen Bereich zu wählen.</translation>
    </message>
</context>
<context>
    <name>skein::TimelineView</name>
    <message>
        <location filename="../views/timelineview.cpp" line="+227"/>
        <source>Span timeline</source>
        <translation>Span-Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spans of the trace as a tree with their time bars</source>
        <translation>Spans des Traces als Baum mit ihren Zeitbalken</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>This trace has no spans.</source>
        <translation>Dieser Trace enthält keine Spans.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every span&apos;s service is hidden by the filter.</source>
        <translation>Der Filter blendet die Services aller Spans aus.</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+389"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="-313"/>
        <source>%1 calls, %2 busy</source>
        <translation>%1 Aufrufe, %2 beschäftigt</translation>
    </message>
    <message>
        <location line="+316"/>
        <source>From +%1 to +%2</source>
        <translation>Von +%1 bis +%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy: %1 in all</source>
        <translation>Beschäftigt: %1 insgesamt</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n with an error</source>
        <translation>
            <numerusform>%n mit Fehler</numerusform>
            <numerusform>%n mit Fehler</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click the triangle or press Right to show them one by one.</source>
        <translation>Klicken Sie auf das Dreieck oder drücken Sie Pfeil rechts, um sie einzeln zu zeigen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Duration: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts at: +%1</source>
        <translation>Beginnt bei: +%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events: %1</source>
        <translation>Events: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its parent span is not in this trace.</source>
        <translation>Sein Eltern-Span ist nicht in diesem Trace.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its parent chain loops; shown as a root.</source>
        <translation>Seine Elternkette bildet eine Schleife; als Wurzel gezeigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs outside its parent (clock skew?).</source>
        <translation>Läuft außerhalb seines Eltern-Spans (Uhrenabweichung?).</translation>
    </message>
</context>
<context>
    <name>skein::TraceHeader</name>
    <message>
        <location filename="../views/traceheader.cpp" line="+44"/>
        <source>Trace id</source>
        <translation>Trace-ID</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Empty trace</source>
        <translation>Leerer Trace</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Started %1</source>
        <translation>Begonnen %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration %1</source>
        <translation>Dauer %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services %1</source>
        <translation>Services %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depth %1</source>
        <translation>Tiefe %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spans %1</source>
        <translation>Spans %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors %1</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Orphan spans (parent not in the trace): %1</source>
        <translation>Verwaiste Spans (Eltern-Span nicht im Trace): %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parent cycles cut: %1</source>
        <translation>Aufgetrennte Elternzyklen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spans outside their parent (clock skew?): %1</source>
        <translation>Spans außerhalb ihres Eltern-Spans (Uhrenabweichung?): %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spans with warnings: %1</source>
        <translation>Spans mit Warnungen: %1</translation>
    </message>
</context>
<context>
    <name>skein::TraceListModel</name>
    <message>
        <location filename="../views/tracelistmodel.cpp" line="+152"/>
        <source>1 span with an error</source>
        <translation>1 Span mit Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 spans with errors</source>
        <translation>%1 Spans mit Fehlern</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Root span</source>
        <translation>Wurzel-Span</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trace ID</source>
        <translation>Trace-ID</translation>
    </message>
</context>
<context>
    <name>skein::TraceScatterChart</name>
    <message>
        <location filename="../views/tracescatterchart.cpp" line="+116"/>
        <source>Trace durations over time</source>
        <translation>Trace-Dauern im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With errors</source>
        <translation>Mit Fehlern</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 span</source>
        <translation>1 Span</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 spans</source>
        <translation>%1 Spans</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 error</source>
        <translation>1 Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 errors</source>
        <translation>%1 Fehler</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Duration (log)</source>
        <translation>Dauer (log.)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No traces to plot</source>
        <translation>Keine Traces zum Darstellen</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Start time</source>
        <translation>Beginn</translation>
    </message>
</context>
<context>
    <name>skein::TraceView</name>
    <message>
        <location filename="../views/traceview.cpp" line="+83"/>
        <source>Choose which services&apos; spans the timeline shows</source>
        <translation>Wählen, die Spans welcher Services die Zeitleiste zeigt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waterfall</source>
        <translation>Wasserfall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The span tree beside its bars (Ctrl+Shift+W)</source>
        <translation>Der Span-Baum neben seinen Balken (Strg+Umschalt+W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flame</source>
        <translation>Flammen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One row per depth, spans merged where they are too small to see: for big traces (Ctrl+Shift+L)</source>
        <translation>Eine Zeile pro Tiefe, zu kleine Spans zusammengefasst: für große Traces (Strg+Umschalt+L)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Self time</source>
        <translation>Eigenzeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operations that take the most time themselves (Ctrl+Shift+S)</source>
        <translation>Die Operationen, die selbst die meiste Zeit brauchen (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Expand all</source>
        <translation>Alle aufklappen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show every span</source>
        <translation>Jeden Span zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collapse all</source>
        <translation>Alle zuklappen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the roots only</source>
        <translation>Nur die Wurzeln zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Vergrößern (+, Strg+Mausrad)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>Verkleinern (-, Strg+Mausrad)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole trace</source>
        <translation>Ganzer Trace</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole trace (0)</source>
        <translation>Den ganzen Trace zeigen (0)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Find…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find spans (Ctrl+F)</source>
        <translation>Spans suchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Find in Trace…</source>
        <translation>Im Trace suchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find Next</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find Previous</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Show all services</source>
        <translation>Alle Services zeigen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no service)</source>
        <translation>(kein Service)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Services (%1) ▾</source>
        <translation>Services (%1) ▾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services (%1 of %2 shown) ▾</source>
        <translation>Services (%1 von %2 gezeigt) ▾</translation>
    </message>
</context>
</TS>
