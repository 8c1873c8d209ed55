// SPDX-License-Identifier: MIT
#include "timescale.h"

#include <QTest>

using namespace skein;

class TimeScaleTest : public QObject {
    Q_OBJECT
private slots:
    void startsShowingTheWholeTrace();
    void roundTrips_data();
    void roundTrips();
    void zoomKeepsTheAnchorFixed_data();
    void zoomKeepsTheAnchorFixed();
    void zoomStopsAtTheMinimumWindow_data();
    void zoomStopsAtTheMinimumWindow();
    void zoomOutStopsAtTheTrace();
    void windowIsClampedToTheTrace_data();
    void windowIsClampedToTheTrace();
    void panKeepsTheLength_data();
    void panKeepsTheLength();
    void zeroLengthTraceStaysDefined();
    void tickSteps_data();
    void tickSteps();
};

void TimeScaleTest::startsShowingTheWholeTrace()
{
    const TimeScale scale(5'000'000, 800);
    QCOMPARE(scale.startNs(), 0);
    QCOMPARE(scale.endNs(), 5'000'000);
    QVERIFY(!scale.isZoomed());
    QCOMPARE(scale.x(0), 0.0);
    QCOMPARE(scale.x(5'000'000), 800.0);
    QCOMPARE(scale.x(2'500'000), 400.0);
}

void TimeScaleTest::roundTrips_data()
{
    QTest::addColumn<qint64>("traceNs");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("windowStart");
    QTest::addColumn<qint64>("windowEnd");

    QTest::newRow("whole 1s trace") << qint64(1'000'000'000) << 1000.0 << qint64(0) << qint64(1'000'000'000);
    QTest::newRow("zoomed 1s trace") << qint64(1'000'000'000) << 733.0 << qint64(123'456'789) << qint64(223'456'789);
    QTest::newRow("1h trace, 1ms window")
        << qint64(3'600'000'000'000) << 1200.0 << qint64(1'800'000'000'000) << qint64(1'800'001'000'000);
    QTest::newRow("tiny trace") << qint64(5000) << 300.0 << qint64(0) << qint64(5000);
}

void TimeScaleTest::roundTrips()
{
    QFETCH(qint64, traceNs);
    QFETCH(double, width);
    QFETCH(qint64, windowStart);
    QFETCH(qint64, windowEnd);
    TimeScale scale(traceNs, width);
    scale.setWindow(windowStart, windowEnd);
    QCOMPARE(scale.startNs(), windowStart);
    QCOMPARE(scale.endNs(), windowEnd);
    QCOMPARE(scale.x(windowStart), 0.0);
    QCOMPARE(scale.x(windowEnd), width);
    const double nsPerPixel = double(windowEnd - windowStart) / width;
    for (double x : { 0.0, 1.0, width / 3, width / 2, width - 1, width }) {
        const int64_t t = scale.ns(x);
        QVERIFY2(std::abs(scale.x(t) - x) < 0.51, qPrintable(QString::number(x)));
        QVERIFY(t >= windowStart - 1 && t <= windowEnd + 1);
    }
    for (int64_t t = windowStart; t <= windowEnd; t += (windowEnd - windowStart) / 7)
        QVERIFY(std::abs(scale.ns(scale.x(t)) - t) <= std::max<int64_t>(1, int64_t(nsPerPixel)));
}

void TimeScaleTest::zoomKeepsTheAnchorFixed_data()
{
    QTest::addColumn<double>("anchorX");
    QTest::addColumn<double>("factor");
    QTest::newRow("middle, in") << 500.0 << 2.0;
    QTest::newRow("middle, out after in") << 500.0 << 0.5;
    QTest::newRow("left third, in a lot") << 333.0 << 40.0;
    QTest::newRow("near the right edge") << 990.0 << 1.25;
    QTest::newRow("left edge") << 0.0 << 3.0;
}

void TimeScaleTest::zoomKeepsTheAnchorFixed()
{
    QFETCH(double, anchorX);
    QFETCH(double, factor);
    TimeScale scale(10'000'000'000, 1000);
    scale.setWindow(2'000'000'000, 6'000'000'000); // zoomed in already, so zooming out has room
    const int64_t before = scale.ns(anchorX);
    const int64_t windowBefore = scale.windowNs();
    scale.zoom(factor, anchorX);
    QVERIFY(std::abs(scale.x(before) - anchorX) < 0.5);
    QVERIFY(std::abs(double(scale.windowNs()) - double(windowBefore) / factor) <= 1.0);
}

void TimeScaleTest::zoomStopsAtTheMinimumWindow_data()
{
    QTest::addColumn<qint64>("traceNs");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("expectedMinimum");
    QTest::newRow("1 µs floor") << qint64(1'000'000'000) << 800.0 << qint64(1000);
    QTest::newRow("10 px per ns cap on a wide view") << qint64(1'000'000'000) << 20000.0 << qint64(2000);
    QTest::newRow("trace shorter than the floor") << qint64(400) << 800.0 << qint64(400);
}

void TimeScaleTest::zoomStopsAtTheMinimumWindow()
{
    QFETCH(qint64, traceNs);
    QFETCH(double, width);
    QFETCH(qint64, expectedMinimum);
    TimeScale scale(traceNs, width);
    QCOMPARE(scale.minimumWindowNs(), expectedMinimum);
    for (int i = 0; i < 100; ++i)
        scale.zoom(10, width / 2);
    QCOMPARE(scale.windowNs(), expectedMinimum);
    QVERIFY(scale.startNs() >= 0);
    QVERIFY(scale.endNs() <= traceNs);
}

void TimeScaleTest::zoomOutStopsAtTheTrace()
{
    TimeScale scale(1'000'000, 500);
    scale.setWindow(900'000, 950'000);
    scale.zoom(0.001, 450);
    QCOMPARE(scale.startNs(), 0);
    QCOMPARE(scale.endNs(), 1'000'000);
    QVERIFY(!scale.isZoomed());
}

void TimeScaleTest::windowIsClampedToTheTrace_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("expectedStart");
    QTest::addColumn<qint64>("expectedEnd");
    QTest::newRow("before the start") << qint64(-500) << qint64(1500) << qint64(0) << qint64(2000);
    QTest::newRow("after the end") << qint64(9'000) << qint64(12'000) << qint64(7'000) << qint64(10'000);
    QTest::newRow("larger than the trace") << qint64(-5) << qint64(50'000) << qint64(0) << qint64(10'000);
    QTest::newRow("reversed") << qint64(4'000) << qint64(2'000) << qint64(2'000) << qint64(4'000);
    QTest::newRow("narrower than the minimum, widened around its centre")
        << qint64(5'000) << qint64(5'010) << qint64(4'505) << qint64(5'505);
}

void TimeScaleTest::windowIsClampedToTheTrace()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, expectedStart);
    QFETCH(qint64, expectedEnd);
    TimeScale scale(10'000, 100);
    scale.setWindow(start, end);
    QCOMPARE(scale.startNs(), expectedStart);
    QCOMPARE(scale.endNs(), expectedEnd);
}

void TimeScaleTest::panKeepsTheLength_data()
{
    QTest::addColumn<qint64>("delta");
    QTest::addColumn<qint64>("expectedStart");
    QTest::newRow("later") << qint64(1000) << qint64(5000);
    QTest::newRow("earlier") << qint64(-3000) << qint64(1000);
    QTest::newRow("past the start") << qint64(-100'000) << qint64(0);
    QTest::newRow("past the end") << qint64(100'000) << qint64(8000);
}

void TimeScaleTest::panKeepsTheLength()
{
    QFETCH(qint64, delta);
    QFETCH(qint64, expectedStart);
    TimeScale scale(10'000, 100);
    scale.setWindow(4000, 6000);
    scale.pan(delta);
    QCOMPARE(scale.startNs(), expectedStart);
    QCOMPARE(scale.windowNs(), 2000);
}

void TimeScaleTest::zeroLengthTraceStaysDefined()
{
    TimeScale scale(0, 300);
    QCOMPARE(scale.windowNs(), 1);
    QCOMPARE(scale.x(0), 0.0);
    scale.zoom(5, 10);
    scale.panPixels(40);
    QCOMPARE(scale.startNs(), 0);
    QCOMPARE(scale.endNs(), 1);
}

void TimeScaleTest::tickSteps_data()
{
    QTest::addColumn<qint64>("window");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("1s over 1000px, 80px apart") << qint64(1'000'000'000) << 1000.0 << qint64(100'000'000);
    QTest::newRow("1s over 500px") << qint64(1'000'000'000) << 500.0 << qint64(200'000'000);
    QTest::newRow("3ms over 900px") << qint64(3'000'000) << 900.0 << qint64(500'000);
    QTest::newRow("1µs over 1000px") << qint64(1000) << 1000.0 << qint64(100);
}

void TimeScaleTest::tickSteps()
{
    QFETCH(qint64, window);
    QFETCH(double, width);
    QFETCH(qint64, expected);
    QCOMPARE(tickStepNs(window, width, 80), expected);
}

QTEST_APPLESS_MAIN(TimeScaleTest)
#include "tst_timescale.moc"
