<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>skein::DependencyGraphView</name>
    <message numerus="yes">
        <location filename="../views/dependencygraphview.cpp" line="+296"/>
        <source>%1 → %2
%n calls</source>
        <translation>
            <numerusform>%1 → %2
%n call</numerusform>
            <numerusform>%1 → %2
%n calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::DependencyPanel</name>
    <message numerus="yes">
        <location filename="../views/dependencypanel.cpp" line="+214"/>
        <source>Search result (%n traces)</source>
        <translation>
            <numerusform>Search result (%n trace)</numerusform>
            <numerusform>Search result (%n traces)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+82"/>
        <source>Laying out %n services…</source>
        <translation>
            <numerusform>Laying out %n service…</numerusform>
            <numerusform>Laying out %n services…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::FlameChartView</name>
    <message numerus="yes">
        <location filename="../views/flamechartview.cpp" line="+359"/>
        <source>%Ln spans</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+183"/>
        <source>&lt;b&gt;%Ln spans&lt;/b&gt; merged here; zoom in to tell them apart.</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln span&lt;/b&gt; merged here; zoom in to tell them apart.</numerusform>
            <numerusform>&lt;b&gt;%Ln spans&lt;/b&gt; merged here; zoom in to tell them apart.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::ImportProblemsDialog</name>
    <message numerus="yes">
        <location filename="../app/importproblemsdialog.cpp" line="+68"/>
        <source>Imported %n span(s) with %1 problem(s); damaged records were skipped.</source>
        <translation>
            <numerusform>Imported %n span with %1 problem(s); damaged records were skipped.</numerusform>
            <numerusform>Imported %n spans with %1 problem(s); damaged records were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::JaegerBrowserDialog</name>
    <message numerus="yes">
        <location filename="../app/jaegerbrowser.cpp" line="+218"/>
        <source>Connected: %n service(s). Choose a service and search, or fetch traces by ID.</source>
        <translation>
            <numerusform>Connected: %n service. Choose a service and search, or fetch traces by ID.</numerusform>
            <numerusform>Connected: %n services. Choose a service and search, or fetch traces by ID.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+91"/>
        <source>%n trace(s) found. Select traces and fetch them into the cache, or double-click one to fetch and open it.</source>
        <translation>
            <numerusform>%n trace found. Select traces and fetch them into the cache, or double-click one to fetch and open it.</numerusform>
            <numerusform>%n traces found. Select traces and fetch them into the cache, or double-click one to fetch and open it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Fetching %n trace(s)…</source>
        <translation>
            <numerusform>Fetching %n trace…</numerusform>
            <numerusform>Fetching %n traces…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+74"/>
        <source>%n trace(s) with %1 spans stored in the cache.</source>
        <translation>
            <numerusform>%n trace with %1 spans stored in the cache.</numerusform>
            <numerusform>%n traces with %1 spans stored in the cache.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n dependency link(s) stored.</source>
        <translation>
            <numerusform>%n dependency link stored.</numerusform>
            <numerusform>%n dependency links stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>(and %n more)</source>
        <translation>
            <numerusform>(and %n more)</numerusform>
            <numerusform>(and %n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::JaegerConnectionForm</name>
    <message numerus="yes">
        <location filename="../views/jaegerconnectionform.cpp" line="+1058"/>
        <source>%1 received, %n span(s) read</source>
        <translation>
            <numerusform>%1 received, %n span read</numerusform>
            <numerusform>%1 received, %n spans read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::LogInspector</name>
    <message numerus="yes">
        <location filename="../views/loginspector.cpp" line="+215"/>
        <source>%1 of %n events</source>
        <translation>
            <numerusform>%1 of %n event</numerusform>
            <numerusform>%1 of %n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n events</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::MainWindow</name>
    <message numerus="yes">
        <location filename="../app/mainwindow.cpp" line="+426"/>
        <source>Fetched %n trace(s) into the cache.</source>
        <translation>
            <numerusform>Fetched %n trace into the cache.</numerusform>
            <numerusform>Fetched %n traces into the cache.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+58"/>
        <source>Imported %n file(s): %1 traces, %2 spans.</source>
        <translation>
            <numerusform>Imported %n file: %1 traces, %2 spans.</numerusform>
            <numerusform>Imported %n files: %1 traces, %2 spans.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+130"/>
        <source>Opened trace %1: %Ln span(s) in %2</source>
        <translation>
            <numerusform>Opened trace %1: %Ln span in %2</numerusform>
            <numerusform>Opened trace %1: %Ln spans in %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::SelfTimePanel</name>
    <message numerus="yes">
        <location filename="../views/selftimepanel.cpp" line="+130"/>
        <source>%1 (%2): %Ln spans, %3 of self time in all, %4 in the one with the most; click to go to that span.</source>
        <translation>
            <numerusform>%1 (%2): %Ln span, %3 of self time in all, %4 in the one with the most; click to go to that span.</numerusform>
            <numerusform>%1 (%2): %Ln spans, %3 of self time in all, %4 in the one with the most; click to go to that span.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+133"/>
        <source>Adding up the self time of %Ln spans…</source>
        <translation>
            <numerusform>Adding up the self time of %Ln span…</numerusform>
            <numerusform>Adding up the self time of %Ln spans…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%Ln operations · %1 of self time in all</source>
        <translation>
            <numerusform>%Ln operation · %1 of self time in all</numerusform>
            <numerusform>%Ln operations · %1 of self time in all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::SpanDetailPanel</name>
    <message numerus="yes">
        <location filename="../views/spandetailpanel.cpp" line="+299"/>
        <location line="+505"/>
        <source>%n attributes dropped by the sender</source>
        <translation>
            <numerusform>%n attribute dropped by the sender</numerusform>
            <numerusform>%n attributes dropped by the sender</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-116"/>
        <source>The sender dropped %n attributes.</source>
        <translation>
            <numerusform>The sender dropped %n attribute.</numerusform>
            <numerusform>The sender dropped %n attributes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The sender dropped %n events.</source>
        <translation>
            <numerusform>The sender dropped %n event.</numerusform>
            <numerusform>The sender dropped %n events.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The sender dropped %n links.</source>
        <translation>
            <numerusform>The sender dropped %n link.</numerusform>
            <numerusform>The sender dropped %n links.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skein::TimelineView</name>
    <message numerus="yes">
        <location filename="../views/timelineview.cpp" line="+986"/>
        <source>%n with an error</source>
        <translation>
            <numerusform>%n with an error</numerusform>
            <numerusform>%n with an error</numerusform>
        </translation>
    </message>
</context>
</TS>
