// SPDX-License-Identifier: MIT
#pragma once

#include <QMenu>

class QActionGroup;

namespace skein {

// View ▸ Language: the system's language or one Skein is translated into. The choice is saved in the settings
// (languageSettingsKey) and takes effect at the next start, which the menu says when it changes.
class LanguageMenu : public QMenu {
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget* parent = nullptr);

private:
    void choose(const QString& language);

    QActionGroup* m_choices = nullptr;
};

} // namespace skein
