// SPDX-License-Identifier: MIT
// Search inside one trace: the text goes to the TraceDocument, which finds the matching spans; the bar
// shows "n of m" and steps through the matches (Enter / Shift+Enter, F3 / Shift+F3 via TraceView).
// Escape or the close button clears the search and hides the bar.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace skein {

class TraceDocument;

class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(TraceDocument* document, QWidget* parent = nullptr);

    QLineEdit* lineEdit() const { return m_edit; }
    QString countText() const; // "3 of 12", "12 found", "No matches" or empty

public slots:
    void activate(); // shows the bar and puts the cursor in it, text selected
    void findNext();
    void findPrevious();
    void dismiss(); // clears the search and hides the bar

signals:
    void closed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCount();

    TraceDocument* m_document;
    QLineEdit* m_edit;
    QLabel* m_count;
    QToolButton* m_previous;
    QToolButton* m_next;
    QToolButton* m_close;
};

} // namespace skein
