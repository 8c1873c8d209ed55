// SPDX-License-Identifier: MIT
#include "traceview.h"

#include "findbar.h"
#include "flamechartview.h"
#include "selftimepanel.h"
#include "servicepalette.h"
#include "timelineminimap.h"
#include "timelineview.h"
#include "timeruler.h"
#include "tracedocument.h"
#include "traceheader.h"

#include <QAction>
#include <QActionGroup>
#include <QFrame>
#include <QHBoxLayout>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace skein {

namespace {

// A filled swatch for a shown service, a hollow one for a hidden service (styles differ in how clearly
// they mark a checked action that has an icon).
QIcon swatchIcon(const QColor& color, int size, bool shown)
{
    QIcon icon;
    for (const qreal ratio : { 1.0, 2.0 }) { // sharp on high-DPI screens too
        QPixmap pixmap(QSize(size, size) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(shown ? Qt::NoPen : QPen(color, 1.5));
        painter.setBrush(shown ? QBrush(color) : Qt::NoBrush);
        painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 2.5, 2.5);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QFrame* separator(QWidget* parent)
{
    auto* line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

} // namespace

TraceView::TraceView(TraceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_header(new TraceHeader(document, this))
    , m_timeline(new TimelineView(document, this))
    , m_flameChart(new FlameChartView(document, this))
    , m_views(new QStackedWidget(this))
    , m_selfTimePanel(new SelfTimePanel(document, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_minimap(new TimelineMinimap(m_timeline, this))
    , m_ruler(new TimeRuler(m_timeline, this))
    , m_findBar(new FindBar(document, this))
    , m_servicesButton(new QToolButton(this))
    , m_servicesMenu(new QMenu(this))
{
    m_servicesButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_servicesButton->setAutoRaise(true);
    // Popped up by hand rather than through setMenu(): the text ends in its own arrow, and the style's
    // small menu indicator would overlap it.
    connect(m_servicesButton, &QToolButton::clicked, this,
        [this] { m_servicesMenu->popup(m_servicesButton->mapToGlobal(QPoint(0, m_servicesButton->height()))); });
    m_servicesButton->setToolTip(tr("Choose which services' spans the timeline shows"));
    connect(m_servicesMenu, &QMenu::aboutToShow, this, &TraceView::fillServicesMenu);
    connect(document, &TraceDocument::serviceFilterChanged, this, &TraceView::updateServicesButton);
    updateServicesButton();

    m_waterfallAction = new QAction(tr("Waterfall"), this);
    m_waterfallAction->setToolTip(tr("The span tree beside its bars (Ctrl+Shift+W)"));
    m_waterfallAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    m_flameAction = new QAction(tr("Flame"), this);
    m_flameAction->setToolTip(
        tr("One row per depth, spans merged where they are too small to see: for big traces (Ctrl+Shift+L)"));
    m_flameAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    auto* modes = new QActionGroup(this);
    for (QAction* action : { m_waterfallAction, m_flameAction }) {
        action->setCheckable(true);
        modes->addAction(action);
    }
    m_waterfallAction->setChecked(true);
    connect(m_waterfallAction, &QAction::triggered, this, [this] { setMode(Mode::Waterfall); });
    connect(m_flameAction, &QAction::triggered, this, [this] { setMode(Mode::Flame); });
    m_selfTimeAction = new QAction(tr("Self time"), this);
    m_selfTimeAction->setToolTip(tr("The operations that take the most time themselves (Ctrl+Shift+S)"));
    m_selfTimeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_selfTimeAction->setCheckable(true);
    connect(m_selfTimeAction, &QAction::toggled, this, &TraceView::setSelfTimeShown);

    auto* toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(4, 0, 4, 0);
    toolbar->setSpacing(2);
    toolbar->addWidget(m_servicesButton);
    toolbar->addWidget(separator(this));
    for (QAction* action : { m_waterfallAction, m_flameAction }) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        toolbar->addWidget(button);
    }
    toolbar->addWidget(separator(this));
    m_expandButton = addToolButton(tr("Expand all"), tr("Show every span"), &TraceView::expandAll);
    m_collapseButton = addToolButton(tr("Collapse all"), tr("Show the roots only"), &TraceView::collapseAll);
    toolbar->addWidget(m_expandButton);
    toolbar->addWidget(m_collapseButton);
    toolbar->addWidget(separator(this));
    toolbar->addWidget(addToolButton(tr("Zoom in"), tr("Zoom in (+, Ctrl+wheel)"), &TraceView::zoomIn));
    toolbar->addWidget(addToolButton(tr("Zoom out"), tr("Zoom out (-, Ctrl+wheel)"), &TraceView::zoomOut));
    toolbar->addWidget(addToolButton(tr("Whole trace"), tr("Show the whole trace (0)"), &TraceView::resetZoom));
    toolbar->addStretch();
    auto* selfTimeButton = new QToolButton(this);
    selfTimeButton->setDefaultAction(m_selfTimeAction);
    selfTimeButton->setAutoRaise(true);
    toolbar->addWidget(selfTimeButton);
    toolbar->addWidget(addToolButton(tr("Find…"), tr("Find spans (Ctrl+F)"), &TraceView::showFindBar));

    m_views->addWidget(m_timeline);
    m_views->addWidget(m_flameChart);
    auto* main = new QWidget(this);
    auto* mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    mainLayout->setSpacing(0);
    mainLayout->addWidget(m_minimap);
    mainLayout->addWidget(m_ruler);
    mainLayout->addWidget(m_views, 1);
    m_splitter->addWidget(main);
    m_splitter->addWidget(m_selfTimePanel);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_selfTimePanel->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addLayout(toolbar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_findBar);
    m_findBar->hide();
    connect(m_findBar, &FindBar::closed, this, [this] { currentView()->setFocus(Qt::OtherFocusReason); });

    m_findAction = new QAction(tr("Find in Trace…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, &TraceView::showFindBar);
    m_findNextAction = new QAction(tr("Find Next"), this);
    m_findNextAction->setShortcut(QKeySequence::FindNext);
    connect(m_findNextAction, &QAction::triggered, this, &TraceView::findNext);
    m_findPreviousAction = new QAction(tr("Find Previous"), this);
    m_findPreviousAction->setShortcut(QKeySequence::FindPrevious);
    connect(m_findPreviousAction, &QAction::triggered, this, &TraceView::findPrevious);
    for (QAction* action :
        { m_findAction, m_findNextAction, m_findPreviousAction, m_waterfallAction, m_flameAction, m_selfTimeAction }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    setFocusProxy(m_timeline);
}

TimeAxisView* TraceView::currentView() const
{
    return m_mode == Mode::Flame ? static_cast<TimeAxisView*>(m_flameChart) : m_timeline;
}

void TraceView::setMode(Mode mode)
{
    (mode == Mode::Flame ? m_flameAction : m_waterfallAction)->setChecked(true);
    if (mode == m_mode)
        return;
    TimeAxisView* from = currentView();
    const bool hadFocus = from->hasFocus();
    m_mode = mode;
    TimeAxisView* to = currentView();
    m_views->setCurrentWidget(to);
    // The new view gets its real width now (a hidden page may have missed resizes); then the window.
    to->setTimeWindow(from->timeScale().startNs(), from->timeScale().endNs());
    m_ruler->setView(to);
    m_minimap->setView(to);
    setFocusProxy(to);
    if (mode == Mode::Flame) {
        const int32_t current = m_document->currentSpan();
        if (current >= 0)
            m_flameChart->scrollToDepth(m_flameChart->layout().depthOf(current));
    }
    m_expandButton->setEnabled(mode == Mode::Waterfall);
    m_collapseButton->setEnabled(mode == Mode::Waterfall);
    if (hadFocus)
        to->setFocus(Qt::OtherFocusReason);
    emit modeChanged(mode);
}

bool TraceView::isSelfTimeShown() const
{
    return !m_selfTimePanel->isHidden();
}

void TraceView::setSelfTimeShown(bool shown)
{
    m_selfTimeAction->setChecked(shown);
    if (shown == isSelfTimeShown())
        return;
    m_selfTimePanel->setVisible(shown);
    if (shown && !m_selfTimePanelSized) {
        // The splitter would start the panel at its minimum; a third of the width shows every column.
        m_selfTimePanelSized = true;
        const int total = m_splitter->width();
        const int panel = std::clamp(total / 3, std::min(total / 2, 380), 560);
        m_splitter->setSizes({ total - panel, panel });
    }
}

QToolButton* TraceView::addToolButton(const QString& text, const QString& toolTip, void (TraceView::*slot)())
{
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    connect(button, &QToolButton::clicked, this, slot);
    return button;
}

void TraceView::zoomIn()
{
    currentView()->zoomIn();
}

void TraceView::zoomOut()
{
    currentView()->zoomOut();
}

void TraceView::resetZoom()
{
    currentView()->resetZoom();
}

void TraceView::expandAll()
{
    m_timeline->expandAll();
}

void TraceView::collapseAll()
{
    m_timeline->collapseAll();
}

void TraceView::showFindBar()
{
    m_findBar->activate();
}

void TraceView::findNext()
{
    if (m_findBar->isHidden())
        m_findBar->activate();
    m_findBar->findNext();
}

void TraceView::findPrevious()
{
    if (m_findBar->isHidden())
        m_findBar->activate();
    m_findBar->findPrevious();
}

void TraceView::showAllServices()
{
    m_document->setHiddenServices(std::vector<uint8_t>(m_document->index().serviceNames.size(), 0));
}

void TraceView::fillServicesMenu()
{
    m_servicesMenu->clear();
    const TraceIndex& index = m_document->index();
    std::vector<int> spanCounts(index.serviceNames.size(), 0);
    for (uint16_t service : index.service)
        ++spanCounts[service];

    QAction* showAll = m_servicesMenu->addAction(tr("Show all services"), this, &TraceView::showAllServices);
    showAll->setEnabled(std::any_of(m_document->hiddenServices().begin(), m_document->hiddenServices().end(),
        [](uint8_t hidden) { return hidden != 0; }));
    m_servicesMenu->addSeparator();
    const int iconSize = fontMetrics().height();
    for (size_t service = 0; service < index.serviceNames.size(); ++service) {
        const QString& name = index.serviceNames[service];
        QAction* action = m_servicesMenu->addAction(swatchIcon(ServicePalette::colorFor(name, palette()), iconSize,
                                                        !m_document->isServiceHidden(uint16_t(service))),
            tr("%1 (%2)").arg(name.isEmpty() ? tr("(no service)") : name).arg(spanCounts[service]));
        action->setCheckable(true);
        action->setChecked(!m_document->isServiceHidden(uint16_t(service)));
        connect(action, &QAction::toggled, this, [this, service](bool shown) {
            std::vector<uint8_t> hidden = m_document->hiddenServices();
            hidden[service] = !shown;
            m_document->setHiddenServices(std::move(hidden));
        });
    }
}

void TraceView::updateServicesButton()
{
    const std::vector<uint8_t>& hidden = m_document->hiddenServices();
    const auto hiddenCount = std::count(hidden.begin(), hidden.end(), uint8_t(1));
    m_servicesButton->setText(hiddenCount == 0
            ? tr("Services (%1) ▾").arg(hidden.size())
            : tr("Services (%1 of %2 shown) ▾").arg(qsizetype(hidden.size()) - hiddenCount).arg(hidden.size()));
}

} // namespace skein
