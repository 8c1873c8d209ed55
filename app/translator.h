// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace skein {

// The settings key that overrides the system's language: "" (follow the system), "en" or "de".
inline constexpr char languageSettingsKey[] = "ui/language";

// The languages the interface is translated into, as settings values (besides "" for the system's).
QStringList availableLanguages();

// The user's choice from the settings; empty to follow the system.
QString languageOverride();
void setLanguageOverride(const QString& language);

// Installs Skein's translation (embedded in the binary) and Qt's own (qtbase_*.qm from Qt's translations
// folder, when installed) on the application. language: a value of availableLanguages(), or empty for the
// system's preferred languages (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Replaces what an earlier call installed.
// Returns the language the interface now uses ("en" when nothing better matched).
QString installTranslations(const QString& language);

} // namespace skein
