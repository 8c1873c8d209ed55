// SPDX-License-Identifier: MIT
// One open trace tab: the header with the trace's facts, a toolbar (service filter, expand and collapse,
// zoom, find), the minimap, the time ruler, the timeline and the find bar, all on one TraceDocument.
#pragma once

#include <QWidget>

class QAction;
class QMenu;
class QToolButton;

namespace skein {

class FindBar;
class TimelineMinimap;
class TimelineView;
class TimeRuler;
class TraceDocument;
class TraceHeader;

class TraceView : public QWidget {
    Q_OBJECT
public:
    explicit TraceView(TraceDocument* document, QWidget* parent = nullptr);

    TraceDocument* document() const { return m_document; }
    TimelineView* timeline() const { return m_timeline; }
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

private:
    void fillServicesMenu();
    void updateServicesButton();
    QToolButton* addToolButton(const QString& text, const QString& toolTip, void (TraceView::*slot)());

    TraceDocument* m_document;
    TraceHeader* m_header;
    TimelineView* m_timeline;
    TimelineMinimap* m_minimap;
    TimeRuler* m_ruler;
    FindBar* m_findBar;
    QToolButton* m_servicesButton;
    QMenu* m_servicesMenu;
    QAction* m_findAction;
    QAction* m_findNextAction;
    QAction* m_findPreviousAction;
};

} // namespace skein
