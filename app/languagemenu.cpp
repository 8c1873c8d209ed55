// SPDX-License-Identifier: MIT
#include "languagemenu.h"

#include "translator.h"

#include <QActionGroup>
#include <QLocale>
#include <QMessageBox>

namespace skein {

namespace {

// A language is listed by its own name, so that someone who cannot read the current one still finds theirs.
QString nativeName(const QString& language)
{
    if (language == u"en")
        return QStringLiteral("English"); // QLocale would say "American English"
    QString name = QLocale(language).nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

} // namespace

LanguageMenu::LanguageMenu(QWidget* parent)
    : QMenu(tr("&Language"), parent)
{
    setObjectName(QStringLiteral("languageMenu"));
    m_choices = new QActionGroup(this);
    m_choices->setExclusive(true);
    const QString current = languageOverride();

    QAction* system = addAction(tr("System Language"));
    system->setData(QString());
    addSeparator();
    for (const QString& language : availableLanguages()) {
        QAction* action = addAction(nativeName(language));
        action->setData(language);
    }
    for (QAction* action : actions()) {
        if (action->isSeparator())
            continue;
        action->setCheckable(true);
        action->setChecked(action->data().toString() == current);
        m_choices->addAction(action);
    }
    connect(m_choices, &QActionGroup::triggered, this, [this](QAction* action) { choose(action->data().toString()); });
}

void LanguageMenu::choose(const QString& language)
{
    if (language == languageOverride())
        return;
    setLanguageOverride(language);
    QMessageBox::information(
        parentWidget(), tr("Language"), tr("Skein will use the new language the next time it starts."));
}

} // namespace skein
