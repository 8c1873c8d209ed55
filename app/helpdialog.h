// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QAction;
class QTextBrowser;

namespace skein {

// Help ▸ Getting Started: one page with what a newcomer needs (opening files, Jaeger, the timeline, the
// dependency graph, the inspector, the keys, where the cache lives), in the interface's language.
class HelpDialog : public QDialog {
    Q_OBJECT
public:
    // databasePath: the cache this window uses, named on the page so it can be found and queried.
    explicit HelpDialog(const QString& databasePath, QWidget* parent = nullptr);

    // The Help menu's entry (F1), opening the dialog (one at a time) on parent.
    static QAction* createAction(const QString& databasePath, QWidget* parent);

    // The page as HTML, for the dialog and for checks.
    static QString pageHtml(const QString& databasePath);

    // The keys, as an HTML table (also for Help ▸ Keyboard Shortcuts).
    static QString shortcutsHtml();

    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser = nullptr;
};

} // namespace skein
