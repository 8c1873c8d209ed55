// SPDX-License-Identifier: MIT
#include "tracescatterchart.h"

#include "durationtext.h"
#include "servicepalette.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QEvent>
#include <QLegendMarker>
#include <QScatterSeries>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace skein {

namespace {

constexpr double dotSize = 9;
constexpr double selectedDotSize = 17;
// Above this ratio of longest to shortest duration a linear axis squeezes most dots onto the floor.
constexpr double logScaleSpread = 100;

// An axis label: the value in the largest unit it reaches, with up to 4 significant digits ("250ms", "1.5s").
QString durationLabel(double ns)
{
    struct Unit {
        double ns;
        const char* name;
    };
    static constexpr Unit units[] = { { 60e9, "m" }, { 1e9, "s" }, { 1e6, "ms" }, { 1e3, "µs" }, { 1, "ns" } };
    for (const Unit& unit : units) {
        if (ns >= unit.ns || unit.ns == 1)
            return QString::number(ns / unit.ns, 'g', 4) + QString::fromUtf8(unit.name);
    }
    return {};
}

// 1, 2, 2.5 or 5 times a power of ten, at least raw.
double niceStep(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (factor * magnitude >= raw)
            return factor * magnitude;
    }
    return 10 * magnitude;
}

// Tick steps people read easily, in milliseconds.
constexpr qint64 niceTimeSteps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000,
    2 * 60000, 5 * 60000, 10 * 60000, 15 * 60000, 30 * 60000, 3600000, 2 * 3600000, 3 * 3600000, 6 * 3600000,
    12 * 3600000, 86400000, 2 * 86400000LL, 7 * 86400000LL, 14 * 86400000LL, 28 * 86400000LL, 91 * 86400000LL,
    182 * 86400000LL, 364 * 86400000LL };

struct TimeTicks {
    double fromMs;
    double toMs;
    QList<qint64> ticks; // round moments inside the range
    QString format;
};

// The data's range with a little room, and round moments (in local time) inside it to label.
TimeTicks timeTicksFor(double firstMs, double lastMs, int width)
{
    TimeTicks result;
    const double padMs = std::max((lastMs - firstMs) * 0.03, 1.0);
    result.fromMs = firstMs - padMs;
    result.toMs = lastMs + padMs;
    const qint64 from = qint64(std::ceil(result.fromMs));
    const qint64 to = qint64(std::floor(result.toMs));
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(from).offsetFromUtc()) * 1000;
    const int maxTicks = std::clamp(width / 110, 2, 10);
    auto ceilTo = [](qint64 value, qint64 step) {
        const qint64 down = (value >= 0 ? value : value - step + 1) / step * step;
        return down == value ? value : down + step;
    };
    qint64 step = niceTimeSteps[std::size(niceTimeSteps) - 1];
    for (const qint64 candidate : niceTimeSteps) {
        step = candidate;
        const qint64 firstTick = ceilTo(from + offset, candidate) - offset;
        if (firstTick > to || (to - firstTick) / candidate + 1 <= maxTicks)
            break;
    }
    for (qint64 tick = ceilTo(from + offset, step) - offset; tick <= to; tick += step)
        result.ticks.append(tick);
    const bool crossesDays = QDateTime::fromMSecsSinceEpoch(from).date() != QDateTime::fromMSecsSinceEpoch(to).date();
    if (step < 1000)
        result.format = QStringLiteral("HH:mm:ss.zzz");
    else if (step < 60000)
        result.format = QStringLiteral("HH:mm:ss");
    else if (step < 86400000)
        result.format = crossesDays ? QStringLiteral("MMM d HH:mm") : QStringLiteral("HH:mm");
    else if (to - from < 300 * 86400000LL)
        result.format = QStringLiteral("MMM d");
    else
        result.format = QStringLiteral("yyyy-MM-dd");
    return result;
}

QColor mix(const QColor& a, const QColor& b, double amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
        float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
        float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

} // namespace

TraceScatterChart::TraceScatterChart(QWidget* parent)
    : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Trace durations over time"));
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(140);
    chart()->setBackgroundRoundness(0);
    chart()->setMargins(QMargins(6, 6, 6, 6));
    chart()->legend()->setAlignment(Qt::AlignTop);

    m_okSeries = new QScatterSeries(chart());
    m_okSeries->setName(tr("Traces"));
    m_errorSeries = new QScatterSeries(chart());
    m_errorSeries->setName(tr("With errors"));
    m_selectedSeries = new QScatterSeries(chart());
    for (QScatterSeries* series : { m_okSeries, m_errorSeries, m_selectedSeries }) {
        series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        chart()->addSeries(series);
        connect(series, &QScatterSeries::clicked, this, [this, series](const QPointF& value) {
            if (const Dot* dot = nearestDot(series, value))
                emit traceClicked(dot->traceId);
        });
        connect(series, &QScatterSeries::hovered, this, [this, series](const QPointF& value, bool entered) {
            const Dot* dot = entered ? nearestDot(series, value) : nullptr;
            if (dot)
                QToolTip::showText(QCursor::pos(), dot->toolTip, this);
            else
                QToolTip::hideText();
        });
    }
    m_selectedSeries->setMarkerSize(selectedDotSize);

    rebuildAxes();
    applyPalette();
}

void TraceScatterChart::setTraces(const std::vector<TraceSummary>& traces)
{
    m_okDots.clear();
    m_errorDots.clear();
    int64_t shortest = std::numeric_limits<int64_t>::max();
    int64_t longest = 0;
    for (const TraceSummary& trace : traces) {
        shortest = std::min(shortest, std::max<int64_t>(trace.durationNs, 1));
        longest = std::max(longest, trace.durationNs);
    }
    m_logScale = traces.size() >= 2 && double(longest) / double(shortest) > logScaleSpread;

    for (const TraceSummary& trace : traces) {
        // On the log axis y is log10(ns); zero cannot be shown there, so such traces sit at one nanosecond.
        const double y
            = m_logScale ? std::log10(double(std::max<int64_t>(trace.durationNs, 1))) : double(trace.durationNs);
        const QString root = trace.rootService.isEmpty()
            ? trace.rootOperation
            : trace.rootService + QStringLiteral(": ") + trace.rootOperation;
        QString toolTip = tr("<b>%1</b><br>%2 · %3")
                              .arg(root.toHtmlEscaped(), formatDuration(trace.durationNs),
                                  trace.spanCount == 1 ? tr("1 span") : tr("%1 spans").arg(trace.spanCount));
        if (trace.errorCount > 0)
            toolTip += tr(" · %1").arg(trace.errorCount == 1 ? tr("1 error") : tr("%1 errors").arg(trace.errorCount));
        toolTip += QStringLiteral("<br>") + formatTimestamp(trace.startNs);
        Dot dot { trace.traceId, QPointF(double(trace.startNs) / 1e6, y), toolTip };
        (trace.errorCount > 0 ? m_errorDots : m_okDots).push_back(std::move(dot));
    }
    showDots();
    rebuildAxes();
    setSelectedTrace(m_selected);
}

void TraceScatterChart::showDots()
{
    auto valuesOf = [](const std::vector<Dot>& dots) {
        QList<QPointF> values;
        values.reserve(qsizetype(dots.size()));
        for (const Dot& dot : dots)
            values.append(dot.value);
        return values;
    };
    m_okSeries->replace(valuesOf(m_okDots));
    m_errorSeries->replace(valuesOf(m_errorDots));
}

void TraceScatterChart::setSelectedTrace(const std::optional<TraceId>& traceId)
{
    m_selected = traceId;
    const Dot* dot = traceId ? findDot(*traceId) : nullptr;
    if (dot)
        m_selectedSeries->replace(QList<QPointF> { dot->value });
    else
        m_selectedSeries->clear();
}

int TraceScatterChart::pointCount() const
{
    return int(m_okSeries->count() + m_errorSeries->count());
}

int TraceScatterChart::errorPointCount() const
{
    return int(m_errorSeries->count());
}

std::optional<QPoint> TraceScatterChart::viewportPositionOf(const TraceId& traceId) const
{
    QScatterSeries* series = nullptr;
    const Dot* dot = findDot(traceId, &series);
    if (!dot)
        return std::nullopt;
    const QPointF inChart = chart()->mapToPosition(dot->value, series);
    return mapFromScene(chart()->mapToScene(inChart));
}

const std::vector<TraceScatterChart::Dot>& TraceScatterChart::dotsOf(const QScatterSeries* series) const
{
    return series == m_errorSeries ? m_errorDots : m_okDots;
}

const TraceScatterChart::Dot* TraceScatterChart::nearestDot(const QScatterSeries* series, const QPointF& value) const
{
    if (series == m_selectedSeries)
        return m_selected ? findDot(*m_selected) : nullptr;
    // Compare on screen: the axes' units differ by many orders of magnitude.
    const QPointF target = chart()->mapToPosition(value, const_cast<QScatterSeries*>(series));
    const Dot* nearest = nullptr;
    double nearestDistance = std::numeric_limits<double>::max();
    for (const Dot& dot : dotsOf(series)) {
        const QPointF offset = chart()->mapToPosition(dot.value, const_cast<QScatterSeries*>(series)) - target;
        const double distance = QPointF::dotProduct(offset, offset);
        if (distance < nearestDistance) {
            nearestDistance = distance;
            nearest = &dot;
        }
    }
    return nearest;
}

const TraceScatterChart::Dot* TraceScatterChart::findDot(const TraceId& traceId, QScatterSeries** series) const
{
    for (QScatterSeries* candidate : { m_okSeries, m_errorSeries }) {
        const std::vector<Dot>& dots = dotsOf(candidate);
        const auto found = std::find_if(dots.begin(), dots.end(), [&](const Dot& d) { return d.traceId == traceId; });
        if (found != dots.end()) {
            if (series)
                *series = candidate;
            return &*found;
        }
    }
    return nullptr;
}

void TraceScatterChart::rebuildAxes()
{
    const bool empty = m_okDots.empty() && m_errorDots.empty();
    double firstMs = std::numeric_limits<double>::max();
    double lastMs = std::numeric_limits<double>::lowest();
    double lowest = std::numeric_limits<double>::max();
    double highest = 0;
    for (const auto* dots : { &m_okDots, &m_errorDots }) {
        for (const Dot& dot : *dots) {
            firstMs = std::min(firstMs, dot.value.x());
            lastMs = std::max(lastMs, dot.value.x());
            lowest = std::min(lowest, dot.value.y());
            highest = std::max(highest, dot.value.y());
        }
    }
    if (empty) {
        lastMs = double(QDateTime::currentMSecsSinceEpoch());
        firstMs = lastMs - 3600 * 1000;
        lowest = 0;
        highest = 1;
    }
    m_firstMs = firstMs;
    m_lastMs = lastMs;
    updateTimeTicks();

    // A category axis, so that the labels carry units ("10ms", "1s") on the log scale as on the linear one.
    auto* axis = new QCategoryAxis(chart());
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    QList<std::pair<double, QString>> ticks;
    if (m_logScale) {
        // Whole decades, with some room so that the extreme dots are not cut in half.
        const int low = int(std::floor(lowest - 0.15));
        const int high = int(std::ceil(highest + 0.15));
        for (int exponent = low; exponent <= high; ++exponent)
            ticks.append({ double(exponent), durationLabel(std::pow(10.0, exponent)) });
    } else {
        const double step = niceStep(std::max(highest, 1.0) * 1.06 / 4);
        const int intervals = int(std::ceil(std::max(highest, 1.0) * 1.06 / step));
        for (int i = 0; i <= intervals; ++i)
            ticks.append({ i * step, durationLabel(i * step) });
    }
    // The first category is a sliver, so that its label sits on the axis' start.
    axis->setStartValue(ticks.first().first - 1e-9);
    for (const auto& [value, label] : ticks)
        axis->append(label, value);
    axis->setRange(ticks.first().first, ticks.last().first);
    axis->setTitleText(m_logScale ? tr("Duration (log)") : tr("Duration"));
    replaceAxis(m_durationAxis, axis, Qt::AlignLeft);
    m_timeAxis->setVisible(!empty);
    m_durationAxis->setVisible(!empty);
    chart()->setTitle(empty ? tr("No traces to plot") : QString());
    applyPalette();
}

void TraceScatterChart::applyPalette()
{
    m_applyingPalette = true;
    const QPalette pal = palette();
    const bool dark = ServicePalette::isDark(pal);
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart()->theme() != theme)
        chart()->setTheme(theme); // resets every colour and font below

    const QColor background = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    chart()->setBackgroundBrush(background);
    chart()->setBackgroundPen(Qt::NoPen);
    chart()->setPlotAreaBackgroundVisible(false);
    chart()->setTitleBrush(mix(text, background, 0.35));
    QFont labelFont = font();
    labelFont.setPointSizeF(std::max(7.0, labelFont.pointSizeF() * 0.9));
    QFont titleFont = font();
    chart()->setTitleFont(titleFont);

    for (QAbstractAxis* axis : { m_timeAxis, m_durationAxis }) {
        if (axis)
            styleAxis(axis);
    }

    const QColor ok = QColor::fromHsl(205, 150, dark ? 150 : 105);
    const QColor error = ServicePalette::errorColor(pal);
    auto styleDots = [&](QScatterSeries* series, const QColor& color) {
        QColor fill = color;
        fill.setAlphaF(0.72f);
        series->setBrush(fill);
        series->setPen(QPen(dark ? color.lighter(120) : color.darker(125), 1));
        series->setMarkerSize(dotSize);
    };
    styleDots(m_okSeries, ok);
    styleDots(m_errorSeries, error);
    m_selectedSeries->setBrush(Qt::NoBrush);
    m_selectedSeries->setPen(QPen(text, 2.5));
    m_selectedSeries->setMarkerSize(selectedDotSize);

    QLegend* legend = chart()->legend();
    legend->setFont(labelFont);
    legend->setLabelColor(text);
    for (QLegendMarker* marker : legend->markers(m_selectedSeries))
        marker->setVisible(false);
    m_applyingPalette = false;
}

void TraceScatterChart::styleAxis(QAbstractAxis* axis)
{
    const QPalette pal = palette();
    const QColor background = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    QFont labelFont = font();
    labelFont.setPointSizeF(std::max(7.0, labelFont.pointSizeF() * 0.9));
    axis->setLabelsFont(labelFont);
    axis->setLabelsBrush(text);
    axis->setTitleFont(labelFont);
    axis->setTitleBrush(mix(text, background, 0.3));
    axis->setGridLineColor(mix(text, background, 0.88));
    axis->setMinorGridLineVisible(false);
    axis->setLinePenColor(mix(text, background, 0.6));
}

void TraceScatterChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (!m_applyingPalette && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange))
        applyPalette();
}

void TraceScatterChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    updateTimeTicks();
}

void TraceScatterChart::updateTimeTicks()
{
    // The plot is narrower than the view by the y axis' labels and the margins.
    const TimeTicks ticks = timeTicksFor(m_firstMs, m_lastMs, width() - 90);
    // A category axis rather than a QDateTimeAxis, whose evenly split range gives odd moments as labels.
    auto* axis = new QCategoryAxis(chart());
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(ticks.fromMs);
    for (const qint64 tick : ticks.ticks)
        axis->append(QDateTime::fromMSecsSinceEpoch(tick).toString(ticks.format), double(tick));
    axis->setRange(ticks.fromMs, ticks.toMs);
    axis->setTitleText(tr("Start time"));
    replaceAxis(m_timeAxis, axis, Qt::AlignBottom);
}

void TraceScatterChart::replaceAxis(QAbstractAxis*& current, QAbstractAxis* replacement, Qt::Alignment alignment)
{
    if (current) {
        replacement->setVisible(current->isVisible());
        chart()->removeAxis(current);
        delete current;
    }
    current = replacement;
    chart()->addAxis(replacement, alignment);
    for (QScatterSeries* series : { m_okSeries, m_errorSeries, m_selectedSeries })
        series->attachAxis(replacement);
    styleAxis(replacement);
}

} // namespace skein
