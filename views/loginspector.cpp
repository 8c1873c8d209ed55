// SPDX-License-Identifier: MIT
#include "loginspector.h"

#include "logtablemodel.h"
#include "tracedocument.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScopedValueRollback>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace skein {

LogInspector::LogInspector(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* bar = new QWidget(this);
    auto* barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(6, 6, 8, 6);
    barLayout->setSpacing(10);
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("logFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter events by name, field, service or span"));
    m_filter->setAccessibleName(tr("Filter events"));
    const QIcon findIcon = QIcon::fromTheme(QStringLiteral("edit-find"));
    if (!findIcon.isNull())
        m_filter->addAction(findIcon, QLineEdit::LeadingPosition);
    barLayout->addWidget(m_filter, 1);
    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("logCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    barLayout->addWidget(m_count);
    layout->addWidget(bar);

    m_stack = new QStackedWidget(this);
    m_message = new QLabel(m_stack);
    m_message->setObjectName(QStringLiteral("logMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMargin(16);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_message);

    m_model = new LogTableModel(this);
    m_model->setPalette(palette());
    m_view = new QTreeView(m_stack);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setAccessibleName(tr("Span events"));
    m_view->setAccessibleDescription(tr("Events and logs of the trace in time order"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setIconSize(QSize(10, 10));
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header->resizeSection(LogTableModel::TimeColumn,
        fontMetrics().horizontalAdvance(tr("%1 ms").arg(QStringLiteral("00000.000"))) + 2 * digit);
    header->resizeSection(LogTableModel::ServiceColumn, digit * 18);
    header->resizeSection(LogTableModel::SpanColumn, digit * 22);
    header->resizeSection(LogTableModel::EventColumn, digit * 18);
    m_stack->addWidget(m_view);
    layout->addWidget(m_stack, 1);

    auto* copy = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &LogInspector::copySelectedRows);
    m_view->addAction(copy);
    auto* showDetails = new QAction(tr("Show Span Details"), m_view);
    connect(showDetails, &QAction::triggered, this, [this] {
        if (m_document)
            m_document->activateCurrentSpan();
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, copy, showDetails](const QPoint& position) {
        if (!m_view->indexAt(position).isValid())
            return;
        QMenu menu(m_view);
        menu.addAction(copy);
        menu.addAction(showDetails);
        menu.exec(m_view->viewport()->mapToGlobal(position));
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this] {
        if (m_document)
            m_document->activateCurrentSpan();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { currentRowChanged(current.isValid() ? current.row() : -1); });
    connect(m_filter, &QLineEdit::textChanged, this, &LogInspector::setFilterText);

    setDocument(nullptr);
}

LogInspector::~LogInspector()
{
    // The model points into the document's content: let go of it before either goes away.
    m_model->setSource(nullptr, nullptr);
}

void LogInspector::setDocument(TraceDocument* document)
{
    if (document == m_document && document)
        return;
    detach();
    m_document = document;
    if (m_document) {
        connect(m_document, &TraceDocument::contentLoaded, this, &LogInspector::takeContent);
        connect(m_document, &TraceDocument::currentSpanChanged, this, &LogInspector::followCurrentSpan);
        connect(m_document, &QObject::destroyed, this, [this] {
            m_document = nullptr; // its connections are gone already
            m_model->setSource(nullptr, nullptr);
            updateState();
        });
        m_document->loadContent();
    }
    takeContent();
}

void LogInspector::detach()
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = nullptr;
}

void LogInspector::takeContent()
{
    {
        QScopedValueRollback guard(m_following, true);
        if (m_document)
            m_model->setSource(m_document->sharedIndex(), m_document->content());
        else
            m_model->setSource(nullptr, nullptr);
    }
    if (m_document)
        fitTimeColumn(m_document->index().traceDurationNs);
    updateState();
    if (m_document)
        followCurrentSpan(m_document->currentSpan());
}

void LogInspector::fitTimeColumn(int64_t traceDurationNs)
{
    // Times run up to the trace's length: in a long trace, with group separators, wider than the default.
    const QString longest = LogTableModel::timeText(traceDurationNs);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int needed = fontMetrics().horizontalAdvance(longest) + 3 * digit;
    QHeaderView* header = m_view->header();
    if (header->sectionSize(LogTableModel::TimeColumn) < needed)
        header->resizeSection(LogTableModel::TimeColumn, needed);
}

void LogInspector::setFilterText(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    if (m_model->filterText() == text)
        return;
    {
        QScopedValueRollback guard(m_following, true);
        m_model->setFilterText(text);
    }
    updateState();
    if (m_document)
        followCurrentSpan(m_document->currentSpan());
}

QString LogInspector::filterText() const
{
    return m_model->filterText();
}

void LogInspector::updateState()
{
    const int total = m_model->totalCount();
    const int shown = m_model->shownCount();
    const bool filtering = !m_model->filterText().trimmed().isEmpty();
    m_filter->setEnabled(m_model->hasContent() && total > 0);
    if (!m_document) {
        m_message->setText(tr("No trace is open."));
        m_count->clear();
        m_stack->setCurrentWidget(m_message);
        return;
    }
    if (!m_model->hasContent()) {
        m_message->setText(tr("Reading events\u2026"));
        m_count->clear();
        m_stack->setCurrentWidget(m_message);
        return;
    }
    m_count->setText(filtering ? tr("%1 of %n events", nullptr, total).arg(shown) : tr("%n events", nullptr, total));
    if (total == 0) {
        m_message->setText(tr("The spans of this trace have no events or logs."));
        m_stack->setCurrentWidget(m_message);
    } else if (shown == 0) {
        m_message->setText(tr("No event matches \u201c%1\u201d.").arg(m_model->filterText().trimmed()));
        m_stack->setCurrentWidget(m_message);
    } else {
        m_stack->setCurrentWidget(m_view);
    }
}

void LogInspector::followCurrentSpan(int32_t span)
{
    if (!m_model->hasContent())
        return;
    const QModelIndex current = m_view->currentIndex();
    // The row the user picked already belongs to this span (maybe not its first event): keep it.
    if (current.isValid() && m_model->spanAt(current.row()) == span)
        return;
    QScopedValueRollback guard(m_following, true);
    const int row = m_model->firstRowOfSpan(span);
    if (row < 0) {
        m_view->selectionModel()->clear();
        return;
    }
    const QModelIndex target = m_model->index(row, LogTableModel::TimeColumn);
    m_view->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(target, QAbstractItemView::PositionAtCenter);
}

void LogInspector::currentRowChanged(int row)
{
    if (m_following || !m_document || row < 0)
        return;
    const int32_t span = m_model->spanAt(row);
    if (span >= 0)
        m_document->setCurrentSpan(span);
}

void LogInspector::copySelectedRows()
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows.append(m_view->currentIndex().row());
    if (rows.isEmpty())
        return;
    if (QClipboard* clipboard = QGuiApplication::clipboard())
        clipboard->setText(m_model->rowsText(rows));
}

void LogInspector::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
}

} // namespace skein
