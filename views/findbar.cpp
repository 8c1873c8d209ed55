// SPDX-License-Identifier: MIT
#include "findbar.h"

#include "tracedocument.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace skein {

FindBar::FindBar(TraceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_edit(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    m_edit->setPlaceholderText(tr("Find spans by operation, service, attribute, event or id"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setAccessibleName(tr("Find spans"));
    m_edit->installEventFilter(this);
    m_count->setObjectName(QStringLiteral("findCount"));
    m_count->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00000 of 00000")));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setAutoRaise(true);
    m_previous->setToolTip(tr("Previous match (Shift+F3, Shift+Enter)"));
    m_previous->setAccessibleName(tr("Previous match"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setAutoRaise(true);
    m_next->setToolTip(tr("Next match (F3, Enter)"));
    m_next->setAccessibleName(tr("Next match"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close (Escape)"));
    m_close->setAccessibleName(tr("Close the find bar"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->setSpacing(4);
    auto* findLabel = new QLabel(tr("Find:"), this);
    findLabel->setBuddy(m_edit);
    layout->addWidget(findLabel);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_close);

    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_document->setSearchText(text);
        // Like a browser: the first match at or after the current span becomes current as you type.
        const std::vector<int32_t>& matches = m_document->searchMatches();
        if (!matches.empty() && !m_document->isSearchMatch(m_document->currentSpan())) {
            const auto next = std::lower_bound(matches.begin(), matches.end(), std::max(0, m_document->currentSpan()));
            m_document->setCurrentSpan(next == matches.end() ? matches.front() : *next);
        }
    });
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_close, &QToolButton::clicked, this, &FindBar::dismiss);
    connect(document, &TraceDocument::searchResultsChanged, this, &FindBar::updateCount);
    connect(document, &TraceDocument::currentSpanChanged, this, &FindBar::updateCount);
    updateCount();
}

QString FindBar::countText() const
{
    return m_count->text();
}

void FindBar::activate()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
    // Reopening the bar brings back the search it had.
    if (m_document->searchText() != m_edit->text())
        m_document->setSearchText(m_edit->text());
}

void FindBar::findNext()
{
    m_document->goToMatch(true);
}

void FindBar::findPrevious()
{
    m_document->goToMatch(false);
}

void FindBar::dismiss()
{
    m_document->setSearchText(QString());
    hide();
    emit closed();
}

void FindBar::updateCount()
{
    const std::vector<int32_t>& matches = m_document->searchMatches();
    const bool searching = !m_document->searchText().isEmpty();
    m_previous->setEnabled(!matches.empty());
    m_next->setEnabled(!matches.empty());
    if (!searching) {
        m_count->clear();
        return;
    }
    // A big trace's attributes and logs are searched in the background: until that ends, say so.
    const bool stillSearching = m_document->isSearchingDetails();
    if (matches.empty()) {
        m_count->setText(stillSearching ? tr("Searching…") : tr("No matches"));
        return;
    }
    const auto current = std::lower_bound(matches.begin(), matches.end(), m_document->currentSpan());
    if (current != matches.end() && *current == m_document->currentSpan())
        m_count->setText(tr("%1 of %2").arg(current - matches.begin() + 1).arg(matches.size()));
    else if (stillSearching)
        m_count->setText(tr("%1 found so far…").arg(matches.size()));
    else
        m_count->setText(tr("%1 found").arg(matches.size()));
}

bool FindBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else
                findNext();
            return true;
        case Qt::Key_Escape:
            dismiss();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace skein
