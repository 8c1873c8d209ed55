// SPDX-License-Identifier: MIT
// Every event and log of the open trace in one filterable table, for a bottom dock. The selected row and
// the document's current span follow each other: picking a row selects its span everywhere, and
// selecting a span elsewhere jumps to its first event.
#pragma once

#include <QWidget>

#include <cstdint>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTreeView;

namespace skein {

class LogTableModel;
class TraceDocument;

class LogInspector : public QWidget {
    Q_OBJECT
public:
    explicit LogInspector(QWidget* parent = nullptr);
    ~LogInspector() override;

    // nullptr: no trace open. Starts the document's background read if nobody has yet.
    void setDocument(TraceDocument* document);
    TraceDocument* document() const { return m_document; }

    void setFilterText(const QString& text);
    QString filterText() const;

    LogTableModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLabel* countLabel() const { return m_count; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void takeContent();
    void fitTimeColumn(int64_t traceDurationNs);
    void updateState();
    void followCurrentSpan(int32_t span);
    void currentRowChanged(int row);
    void copySelectedRows();
    void detach();

    TraceDocument* m_document = nullptr;
    LogTableModel* m_model = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_count = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QTreeView* m_view = nullptr;
    bool m_following = false; // selecting a row because the document's span changed: do not echo back
};

} // namespace skein
