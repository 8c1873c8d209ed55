// SPDX-License-Identifier: MIT
// The facts of an open trace above its timeline: what it is (root service and operation, trace id),
// when and how long, how big, and what is wrong with it (errors, orphans, cycles, clock skew).
#pragma once

#include <QWidget>

class QLabel;

namespace skein {

class TraceDocument;

class TraceHeader : public QWidget {
    Q_OBJECT
public:
    explicit TraceHeader(TraceDocument* document, QWidget* parent = nullptr);

    QString titleText() const;
    QString factsText() const; // start, duration, services, depth, spans, errors
    QString warningsText() const; // empty when the trace has nothing to warn about

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void applyColors();

    TraceDocument* m_document;
    QLabel* m_title;
    QLabel* m_traceId;
    QLabel* m_facts;
    QLabel* m_warnings;
};

} // namespace skein
