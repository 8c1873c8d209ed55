// SPDX-License-Identifier: MIT
// The translations, loaded the way the app loads them: the language follows LANGUAGE unless the settings
// override it, a real main window's menus read German with no entry left in English, plurals read right in
// English and German, Qt's own texts are German too, and every tr() message in app/ and views/ has a finished
// German translation in the committed translations/skein_de.ts.
#include "helpdialog.h"
#include "languagemenu.h"
#include "mainwindow.h"
#include "searchpanel.h"
#include "translator.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace skein;

namespace {

const QString sourceDir = QDir::cleanPath(QStringLiteral(SKEIN_TEST_DATA_DIR "/../../.."));

// "&File" and its entries, depth first, with the submenus' entries after their title.
void collectMenuTexts(const QList<QAction*>& actions, QStringList& texts)
{
    for (QAction* action : actions) {
        if (action->isSeparator())
            continue;
        texts << action->text();
        if (QMenu* menu = action->menu())
            collectMenuTexts(menu->actions(), texts);
    }
}

QStringList menuTexts(const QString& databasePath)
{
    MainWindow window(databasePath);
    QStringList texts;
    collectMenuTexts(window.menuBar()->actions(), texts);
    return texts;
}

QString translateMainWindow(const char* source, int n)
{
    return QCoreApplication::translate("skein::MainWindow", source, nullptr, n);
}

} // namespace

class tst_Translations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("skein-test"));
        QCoreApplication::setApplicationName(QStringLiteral("skein-test-translations"));
        QSettings().clear();
        QSettings().setValue(QStringLiteral("sample/offered"), true);
    }

    void cleanup() { installTranslations(QStringLiteral("en")); }

    void languageFollowsTheSystemUnlessOverridden()
    {
        // main() set LANGUAGE=fr:de before the application read it: no French, so German.
        QCOMPARE(languageOverride(), QString());
        QCOMPARE(installTranslations(languageOverride()), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("skein::MainWindow", "&File"), QStringLiteral("&Datei"));

        setLanguageOverride(QStringLiteral("en"));
        QCOMPARE(QSettings().value(QLatin1String(languageSettingsKey)).toString(), QStringLiteral("en"));
        QCOMPARE(installTranslations(languageOverride()), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("skein::MainWindow", "&File"), QStringLiteral("&File"));

        QSettings().setValue(QLatin1String(languageSettingsKey), QStringLiteral("xx")); // not one we have
        QCOMPARE(languageOverride(), QString());
        setLanguageOverride({});
        QVERIFY(!QSettings().contains(QLatin1String(languageSettingsKey)));
    }

    // A language without a translation (or the C locale of a bare system) gets English with its plural forms.
    void untranslatedLanguageGetsEnglishPlurals()
    {
        QCOMPARE(installTranslations(QStringLiteral("fr")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("skein::MainWindow", "&File"), QStringLiteral("&File"));
        const QString opened
            = QCoreApplication::translate("skein::MainWindow", "Opened trace %1: %Ln span(s) in %2", nullptr, 2);
        QVERIFY2(opened.contains(QLatin1String("2 spans in")), qPrintable(opened));
    }

    void mainWindowMenusAreGerman()
    {
        installTranslations(QStringLiteral("en"));
        const QStringList english = menuTexts(m_dir.filePath(QStringLiteral("menus.sqlite")));
        QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));
        const QStringList german = menuTexts(m_dir.filePath(QStringLiteral("menus.sqlite")));

        for (const char* title : { "&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe" })
            QVERIFY2(german.contains(QLatin1String(title)), title);
        QCOMPARE(german.size(), english.size());
        // Language names are written in their own language, in every language.
        const QStringList sameInBoth = { QStringLiteral("English"), QStringLiteral("Deutsch") };
        QStringList untranslated;
        for (qsizetype i = 0; i < english.size(); ++i)
            if (german[i] == english[i] && !sameInBoth.contains(english[i]))
                untranslated << english[i];
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral(", "))));
    }

    void germanWindowRenders()
    {
        QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));
        QSettings().remove(QStringLiteral("sample/offered")); // the first start fills the cache with the sample
        MainWindow window(m_dir.filePath(QStringLiteral("render.sqlite")));
        window.show();
        auto* results = window.searchPanel()->findChild<QTableView*>();
        QVERIFY(results);
        QTRY_VERIFY_WITH_TIMEOUT(results->model()->rowCount() > 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 30000);
        QCOMPARE(results->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Beginn"));
        // SKEIN_TRANSLATION_SCREENSHOT=file.png keeps a picture to look at.
        const QString screenshot = qEnvironmentVariable("SKEIN_TRANSLATION_SCREENSHOT");
        if (!screenshot.isEmpty()) {
            QTest::qWait(700); // the scatter chart settles
            QVERIFY(window.grab().save(screenshot));
        }
    }

    void pluralsReadRight_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en 1") << "en" << 1 << "Imported 1 file: %1 traces, %2 spans.";
        QTest::newRow("en 3") << "en" << 3 << "Imported 3 files: %1 traces, %2 spans.";
        QTest::newRow("de 1") << "de" << 1 << "1 Datei importiert: %1 Traces, %2 Spans.";
        QTest::newRow("de 3") << "de" << 3 << "3 Dateien importiert: %1 Traces, %2 Spans.";
    }

    void pluralsReadRight()
    {
        QFETCH(QString, language);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(installTranslations(language), language);
        QCOMPARE(translateMainWindow("Imported %n file(s): %1 traces, %2 spans.", n), expected);
    }

    void qtsOwnTextsAreGerman()
    {
        const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm");
        if (!QFile::exists(qtbase))
            QSKIP("Qt's German translation is not installed (Debian: qt6-translations-l10n)");
        installTranslations(QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    }

    void helpAndLanguageMenuAreGerman()
    {
        installTranslations(QStringLiteral("de"));
        const QString page = HelpDialog::pageHtml(QStringLiteral("/home/a/cache.sqlite"));
        QVERIFY(page.contains(QStringLiteral("Erste Schritte mit Skein")));
        QVERIFY(page.contains(QStringLiteral("/home/a/cache.sqlite")));
        LanguageMenu menu;
        QCOMPARE(menu.title(), QStringLiteral("&Sprache"));
        QStringList entries;
        for (QAction* action : menu.actions())
            if (!action->isSeparator())
                entries << action->text();
        QCOMPARE(entries,
            QStringList({ QStringLiteral("Systemsprache"), QStringLiteral("English"), QStringLiteral("Deutsch") }));
    }

    void everyMessageHasAFinishedGermanTranslation()
    {
        // lupdate merges the sources' messages into a copy of the committed file: a message added since the
        // last update_translations, or one left untranslated, comes out unfinished.
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        if (!QFile::exists(lupdate))
            QSKIP("lupdate is not installed (Debian: qt6-l10n-tools)");
        const QString ts = m_dir.filePath(QStringLiteral("check_de.ts"));
        QFile::remove(ts);
        QVERIFY(QFile::copy(sourceDir + QStringLiteral("/translations/skein_de.ts"), ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
        QProcess process;
        process.setWorkingDirectory(sourceDir);
        process.start(lupdate,
            { QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral("-no-obsolete"), QStringLiteral("-extensions"), QStringLiteral("cpp,h"),
                QStringLiteral("app"), QStringLiteral("views"), QStringLiteral("-ts"), ts });
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);

        QFile file(ts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        QStringList missing;
        int messages = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"name") {
                context = xml.readElementText();
            } else if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                ++messages;
                if (xml.attributes().value(QStringLiteral("type")) == u"unfinished")
                    missing << context + QStringLiteral(": ") + source;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 300);
        QVERIFY2(missing.isEmpty(),
            qPrintable(QStringLiteral("Run the update_translations target and translate these (a context without its "
                                      "namespace means lupdate misread a header: see its warnings):\n")
                + missing.join(u'\n')));
    }

private:
    QTemporaryDir m_dir;
};

int main(int argc, char** argv)
{
    // Before the application reads the system's locale: a language Skein lacks, then German.
    qputenv("LANGUAGE", "fr:de");
    QApplication app(argc, argv);
    tst_Translations test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
