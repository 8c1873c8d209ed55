// SPDX-License-Identifier: MIT
// What a screen reader sees: every control of the main window (with a trace open, on every tab) and of the
// Jaeger form has a name, either its own text, a label buddy or an accessible name; the timeline says
// which span is current; form labels focus their fields with Alt+letter.
#include "demogenerator.h"
#include "dependencygraphview.h"
#include "jaegerconnectionform.h"
#include "mainwindow.h"
#include "searchform.h"
#include "searchpanel.h"
#include "timeaxisview.h"
#include "timelineminimap.h"
#include "timelineview.h"
#include "timeruler.h"
#include "tracedocument.h"
#include "traceindex.h"
#include "tracescatterchart.h"
#include "traceview.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace skein;

namespace {

// Controls a user operates or reads, as opposed to the layout around them.
bool needsName(QWidget* widget)
{
    QWidget* parent = widget->parentWidget();
    // Parts of a composite Qt widget are named by the widget they belong to.
    if (qobject_cast<QComboBox*>(parent) || qobject_cast<QAbstractSpinBox*>(parent)
        || qobject_cast<QAbstractItemView*>(parent))
        return false;
    if (qobject_cast<QAbstractButton*>(widget) || qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget)
        || qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QAbstractItemView*>(widget)
        || qobject_cast<QDockWidget*>(widget))
        return true;
    // Our own painted views.
    return qobject_cast<TimeAxisView*>(widget) || qobject_cast<TimelineMinimap*>(widget)
        || qobject_cast<TimeRuler*>(widget) || qobject_cast<DependencyGraphView*>(widget)
        || qobject_cast<TraceScatterChart*>(widget);
}

QString accessibleName(QWidget* widget)
{
    QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
    return accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
}

QString describe(QWidget* widget)
{
    QStringList path;
    for (QWidget* w = widget; w; w = w->parentWidget())
        path.prepend(QString::fromLatin1(w->metaObject()->className())
            + (w->objectName().isEmpty() ? QString() : QLatin1Char('#') + w->objectName()));
    return path.join(QLatin1String(" > "));
}

// Every visible control below root, on every page of its tab widgets.
void collectUnnamed(QWidget* root, std::set<QWidget*>& seen, QStringList& unnamed)
{
    for (QWidget* widget : root->findChildren<QWidget*>()) {
        if (!widget->isVisible() || seen.count(widget))
            continue;
        seen.insert(widget);
        if (needsName(widget) && accessibleName(widget).isEmpty())
            unnamed << describe(widget);
    }
    for (QTabWidget* tabs : root->findChildren<QTabWidget*>()) {
        if (!tabs->isVisible())
            continue;
        const int original = tabs->currentIndex();
        for (int page = 0; page < tabs->count(); ++page) {
            tabs->setCurrentIndex(page);
            QApplication::processEvents();
            collectUnnamed(tabs->widget(page), seen, unnamed);
        }
        tabs->setCurrentIndex(original);
    }
}

} // namespace

class tst_Accessibility : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("skein-test"));
        QCoreApplication::setApplicationName(QStringLiteral("skein-test-accessibility"));
        QSettings().clear();
        QSettings().setValue(QStringLiteral("sample/offered"), true);
    }

    void everyControlOfTheMainWindowHasAName()
    {
        const QString file = m_dir.filePath(QStringLiteral("trace.json"));
        DemoOptions options;
        options.spans = 300;
        options.traces = 1;
        QString error;
        QVERIFY2(writeDemoFile(options, DemoFormat::Jaeger, file, &error), qPrintable(error));
        MainWindow window(m_dir.filePath(QStringLiteral("cache.sqlite")));
        window.resize(1400, 900);
        window.show();
        window.importFiles({ file });
        QTRY_COMPARE_WITH_TIMEOUT(window.traceTabCount(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.currentDocument()->content(), 30000);

        std::set<QWidget*> seen;
        QStringList unnamed;
        collectUnnamed(&window, seen, unnamed);
        QVERIFY2(unnamed.isEmpty(),
            qPrintable(QLatin1String("Without an accessible name:\n") + unnamed.join(QLatin1Char('\n'))));
        // The walk reached the painted views of the trace tab.
        bool sawTimeline = false;
        for (QWidget* widget : seen)
            sawTimeline = sawTimeline || qobject_cast<TimelineView*>(widget);
        QVERIFY(sawTimeline);
    }

    void timelineDescribesTheCurrentSpan()
    {
        const QString file = m_dir.filePath(QStringLiteral("current.json"));
        DemoOptions options;
        options.spans = 50;
        options.traces = 1;
        QString error;
        QVERIFY2(writeDemoFile(options, DemoFormat::Jaeger, file, &error), qPrintable(error));
        MainWindow window(m_dir.filePath(QStringLiteral("current.sqlite")));
        window.show();
        window.importFiles({ file });
        QTRY_COMPARE_WITH_TIMEOUT(window.traceTabCount(), 1, 30000);
        TraceDocument* document = window.currentDocument();
        auto* timeline = window.currentTraceView()->findChild<TimelineView*>();
        QVERIFY(timeline);
        const int span = document->index().size() - 1;
        document->setCurrentSpan(span);
        const QString description = QAccessible::queryAccessibleInterface(timeline)->text(QAccessible::Description);
        QVERIFY2(description.contains(document->index().operationName(span)), qPrintable(description));
        QVERIFY2(description.contains(document->index().serviceName(span)), qPrintable(description));
    }

    void jaegerFormControlsHaveNames()
    {
        JaegerConnectionForm form;
        form.resize(1000, 800);
        form.setConnected(true, QStringLiteral("test"));
        form.setServices({ QStringLiteral("frontend") });
        form.show();
        std::set<QWidget*> seen;
        QStringList unnamed;
        collectUnnamed(&form, seen, unnamed);
        QVERIFY2(unnamed.isEmpty(),
            qPrintable(QLatin1String("Without an accessible name:\n") + unnamed.join(QLatin1Char('\n'))));
    }

    void formLabelsFocusTheirFields()
    {
        SearchForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        int buddies = 0;
        for (QLabel* label : form.findChildren<QLabel*>())
            if (label->isVisible() && label->text().contains(QLatin1Char('&'))) {
                QVERIFY2(label->buddy(), qPrintable(label->text()));
                ++buddies;
            }
        QVERIFY(buddies >= 4);
        // And Alt+letter reaches the field.
        QVERIFY(QTest::qWaitForWindowActive(&form));
        QTest::keyClick(&form, Qt::Key_T, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), form.findChild<QLineEdit*>(QStringLiteral("tags")));
        QTest::keyClick(&form, Qt::Key_D, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), form.findChild<QLineEdit*>(QStringLiteral("minDuration")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
