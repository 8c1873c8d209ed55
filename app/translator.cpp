// SPDX-License-Identifier: MIT
#include "translator.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

#include <memory>
#include <vector>

namespace skein {

namespace {

const QString skeinTranslationsFolder = QStringLiteral(":/i18n");

std::vector<QPointer<QTranslator>>& installedTranslators()
{
    static std::vector<QPointer<QTranslator>> translators;
    return translators;
}

void removeInstalledTranslators()
{
    for (const QPointer<QTranslator>& translator : installedTranslators()) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installedTranslators().clear();
}

bool install(std::unique_ptr<QTranslator> translator)
{
    if (!QCoreApplication::installTranslator(translator.get()))
        return false;
    translator->setParent(QCoreApplication::instance());
    installedTranslators().emplace_back(translator.release());
    return true;
}

} // namespace

QStringList availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("de") };
}

QString languageOverride()
{
    const QString language = QSettings().value(QLatin1String(languageSettingsKey)).toString();
    return availableLanguages().contains(language) ? language : QString();
}

void setLanguageOverride(const QString& language)
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(QLatin1String(languageSettingsKey));
    else
        settings.setValue(QLatin1String(languageSettingsKey), language);
}

QString installTranslations(const QString& language)
{
    removeInstalledTranslators();
    // QTranslator::load(QLocale) walks the locale's uiLanguages() in order (de-AT, de, ...), so "LANGUAGE=fr:de"
    // gets German and "LANGUAGE=en:de" English. English has a file too: it holds the plural forms.
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto skein = std::make_unique<QTranslator>();
    if (!skein->load(locale, QStringLiteral("skein"), QStringLiteral("_"), skeinTranslationsFolder)) {
        // No translation for the locale (nor for the C locale of a bare system): English, with its plural forms.
        if (skein->load(QStringLiteral("skein_en"), skeinTranslationsFolder))
            install(std::move(skein));
        return QStringLiteral("en");
    }
    // The file that matched, ":/i18n/skein_de.qm", names the language.
    const QString chosen = QFileInfo(skein->filePath()).completeBaseName().section(u'_', 1, 1);
    install(std::move(skein));

    // Qt's own texts: standard buttons, file dialogs, context menus of line edits.
    auto qt = std::make_unique<QTranslator>();
    if (chosen != u"en"
        && qt->load(QLocale(chosen), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        install(std::move(qt));
    return chosen;
}

} // namespace skein
