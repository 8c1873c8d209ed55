// SPDX-License-Identifier: MIT
// The side panel that lists the operations taking the most self time in the open trace, with their
// count, total self time, share of all self time and largest self time. It is worked out when the
// panel is first shown, on a worker thread for big traces. Picking a row makes that operation's span
// with the most self time the current span, so every view of the trace goes to it.
#pragma once

#include "selftime.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace skein {

class SelfTimeModel;
class TraceDocument;

class SelfTimePanel : public QWidget {
    Q_OBJECT
public:
    // Below this many spans the summary is computed on the spot.
    static constexpr int32_t backgroundThreshold = 50'000;

    explicit SelfTimePanel(TraceDocument* document, QWidget* parent = nullptr);
    ~SelfTimePanel() override;

    // Starts the computation unless it ran or runs already (showing the panel does it too).
    void compute();
    bool isReady() const { return m_ready; }
    const SelfTimeSummary& summary() const;
    QTableView* table() const { return m_table; }
    // The summary's entry shown in a table row (after sorting), or null.
    const OperationSelfTime* entryAt(int row) const;

signals:
    void ready();

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void apply(SelfTimeSummary summary);
    void selectRow(const QModelIndex& index);

    TraceDocument* m_document;
    QLabel* m_status;
    QTableView* m_table;
    SelfTimeModel* m_model;
    QSortFilterProxyModel* m_proxy;
    bool m_ready = false;
    bool m_started = false;
    int m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace skein
