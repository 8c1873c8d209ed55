// SPDX-License-Identifier: MIT
// Everything about the current span of a TraceDocument, for a dock beside the timeline: a header with
// names, status, times and copyable ids, warnings, and tabs for attributes, events, links (both ways)
// and the emitting process. Follows TraceDocument::currentSpanChanged; navigating a link selects the
// target through the document, or asks the main window to open another trace.
#pragma once

#include "span.h"

#include <QWidget>

#include <optional>

class QFormLayout;
class QFrame;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace skein {

class AttributeTableModel;
class TraceDocument;

class SpanDetailPanel : public QWidget {
    Q_OBJECT
public:
    explicit SpanDetailPanel(QWidget* parent = nullptr);
    ~SpanDetailPanel() override;

    // nullptr: no trace open (a friendly empty state). The panel does not own the document.
    void setDocument(TraceDocument* document);
    TraceDocument* document() const { return m_document; }
    // The span shown, or -1.
    int32_t shownSpan() const { return m_span; }

signals:
    // A link or reference points into another trace: the main window opens it and selects the span.
    void openTraceRequested(const skein::TraceId& traceId, skein::SpanId spanId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showSpan(int32_t span);
    void showMessage(const QString& text);
    void fillHeader(const SpanRecord& record);
    void fillWarnings(const SpanRecord& record);
    void fillEvents(const SpanRecord& record);
    void fillLinks(const SpanRecord& record);
    void fillProcess(const SpanRecord& record);
    void followLink(QTreeWidgetItem* item);
    void updateTabTitles();
    void detach();

    TraceDocument* m_document = nullptr;
    int32_t m_span = -1;
    std::optional<SpanRecord> m_record;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_operation = nullptr;
    QLabel* m_swatch = nullptr;
    QLabel* m_service = nullptr;
    QLabel* m_kind = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_start = nullptr;
    QLabel* m_duration = nullptr;
    QLabel* m_traceId = nullptr;
    QLabel* m_spanId = nullptr;
    QLabel* m_parentId = nullptr;
    QFrame* m_warningsFrame = nullptr;
    QLabel* m_warningsIcon = nullptr;
    QLabel* m_warnings = nullptr;
    QTabWidget* m_tabs = nullptr;
    AttributeTableModel* m_attributes = nullptr;
    QTableView* m_attributesView = nullptr;
    QTreeWidget* m_events = nullptr;
    QTreeWidget* m_links = nullptr;
    QLabel* m_resourceTitle = nullptr;
    AttributeTableModel* m_resourceAttributes = nullptr;
    QLabel* m_scopeTitle = nullptr;
    AttributeTableModel* m_scopeAttributes = nullptr;
    QTableView* m_scopeView = nullptr;
    int m_linkCount = 0;
};

} // namespace skein
