// SPDX-License-Identifier: MIT
// One open trace tab: the header with the trace's facts, a toolbar (service filter, waterfall or flame
// chart, expand and collapse, zoom, self time, find), the minimap, the time ruler, the waterfall or the
// flame chart, the self-time side panel and the find bar, all on one TraceDocument.
#pragma once

#include <QWidget>

class QAction;
class QMenu;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace skein {

class FindBar;
class FlameChartView;
class SelfTimePanel;
class TimeAxisView;
class TimelineMinimap;
class TimelineView;
class TimeRuler;
class TraceDocument;
class TraceHeader;

class TraceView : public QWidget {
    Q_OBJECT
public:
    explicit TraceView(TraceDocument* document, QWidget* parent = nullptr);

    enum class Mode { Waterfall, Flame };

    TraceDocument* document() const { return m_document; }
    TimelineView* timeline() const { return m_timeline; }
    FlameChartView* flameChart() const { return m_flameChart; }
    // The view of the current mode (the ruler and minimap follow it).
    TimeAxisView* currentView() const;
    Mode mode() const { return m_mode; }
    SelfTimePanel* selfTimePanel() const { return m_selfTimePanel; }
    bool isSelfTimeShown() const;
    TraceHeader* header() const { return m_header; }
    FindBar* findBar() const { return m_findBar; }
    TimelineMinimap* minimap() const { return m_minimap; }
    TimeRuler* ruler() const { return m_ruler; }
    QToolButton* servicesButton() const { return m_servicesButton; }
    QMenu* servicesMenu() const { return m_servicesMenu; }

    // For the main window's menus; their shortcuts work while the focus is inside this view.
    QAction* findAction() const { return m_findAction; }
    QAction* findNextAction() const { return m_findNextAction; }
    QAction* findPreviousAction() const { return m_findPreviousAction; }
    // Checkable; Ctrl+Shift+W, Ctrl+Shift+L and Ctrl+Shift+S while the focus is inside this view.
    QAction* waterfallAction() const { return m_waterfallAction; }
    QAction* flameChartAction() const { return m_flameAction; }
    QAction* selfTimeAction() const { return m_selfTimeAction; }

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void expandAll();
    void collapseAll();
    void showFindBar();
    void findNext();
    void findPrevious();
    // Shows only the spans of services not hidden; an empty list shows every service.
    void showAllServices();
    // The time window goes along to the other mode; so does the focus, when it was in the old view.
    void setMode(Mode mode);
    void setSelfTimeShown(bool shown);

signals:
    void modeChanged(Mode mode);

private:
    void fillServicesMenu();
    void updateServicesButton();
    QToolButton* addToolButton(const QString& text, const QString& toolTip, void (TraceView::*slot)());

    TraceDocument* m_document;
    TraceHeader* m_header;
    TimelineView* m_timeline;
    FlameChartView* m_flameChart;
    QStackedWidget* m_views;
    SelfTimePanel* m_selfTimePanel;
    QSplitter* m_splitter;
    Mode m_mode = Mode::Waterfall;
    TimelineMinimap* m_minimap;
    TimeRuler* m_ruler;
    FindBar* m_findBar;
    QToolButton* m_servicesButton;
    QMenu* m_servicesMenu;
    QAction* m_findAction;
    QAction* m_findNextAction;
    QAction* m_findPreviousAction;
    QAction* m_waterfallAction;
    QAction* m_flameAction;
    QAction* m_selfTimeAction;
    bool m_selfTimePanelSized = false;
    QToolButton* m_expandButton = nullptr;
    QToolButton* m_collapseButton = nullptr;
};

} // namespace skein
