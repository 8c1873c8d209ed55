// SPDX-License-Identifier: MIT
#pragma once

#include "tracestore.h"

#include <QChartView>

#include <optional>
#include <vector>

class QAbstractAxis;
class QScatterSeries;

namespace skein {

// Search results as dots: duration (y, logarithmic when the spread is large) against start time (x),
// red when the trace has errors. One dot can be selected; clicking a dot reports its trace.
class TraceScatterChart : public QChartView {
    Q_OBJECT
public:
    explicit TraceScatterChart(QWidget* parent = nullptr);

    void setTraces(const std::vector<TraceSummary>& traces);
    // Rings the trace's dot; nullopt or a trace that is not plotted clears the ring.
    void setSelectedTrace(const std::optional<TraceId>& traceId);
    std::optional<TraceId> selectedTrace() const { return m_selected; }

    int pointCount() const;
    int errorPointCount() const;
    bool isLogScale() const { return m_logScale; }
    // Where the trace's dot is, in viewport coordinates; nullopt when it is not plotted.
    std::optional<QPoint> viewportPositionOf(const TraceId& traceId) const;

signals:
    void traceClicked(const skein::TraceId& traceId);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Dot {
        TraceId traceId;
        QPointF value; // x: ms since the epoch, y: duration in the axis' unit
        QString toolTip;
    };

    void applyPalette();
    void rebuildAxes();
    void showDots();
    void updateTimeTicks();
    void replaceAxis(QAbstractAxis*& current, QAbstractAxis* replacement, Qt::Alignment alignment);
    void styleAxis(QAbstractAxis* axis);
    const std::vector<Dot>& dotsOf(const QScatterSeries* series) const;
    const Dot* nearestDot(const QScatterSeries* series, const QPointF& value) const;
    const Dot* findDot(const TraceId& traceId, QScatterSeries** series = nullptr) const;

    QScatterSeries* m_okSeries = nullptr;
    QScatterSeries* m_errorSeries = nullptr;
    QScatterSeries* m_selectedSeries = nullptr;
    QAbstractAxis* m_timeAxis = nullptr;
    QAbstractAxis* m_durationAxis = nullptr;
    std::vector<Dot> m_okDots;
    std::vector<Dot> m_errorDots;
    std::optional<TraceId> m_selected;
    bool m_logScale = false;
    double m_firstMs = 0; // the earliest and latest start plotted
    double m_lastMs = 0;
    bool m_applyingPalette = false;
};

} // namespace skein
