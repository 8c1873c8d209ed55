// SPDX-License-Identifier: MIT
#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace skein {

namespace {
const QString settingsKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QMenu* menu, QObject* parent)
    : QObject(parent)
    , m_menu(menu)
    , m_files(QSettings().value(settingsKey).toStringList())
{
    rebuildMenu();
}

void RecentFiles::add(const QStringList& paths)
{
    for (const QString& path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        m_files.removeAll(absolute);
        m_files.prepend(absolute);
    }
    while (m_files.size() > maxFiles)
        m_files.removeLast();
    save();
}

void RecentFiles::clear()
{
    m_files.clear();
    save();
}

void RecentFiles::save()
{
    QSettings().setValue(settingsKey, m_files);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files[i];
        // &1 … &9, then 1&0: the number is the keyboard accelerator.
        const QString number = i < 9 ? QStringLiteral("&%1").arg(i + 1) : QStringLiteral("1&0");
        QAction* action = m_menu->addAction(QStringLiteral("%1  %2").arg(number, QFileInfo(path).fileName()));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { emit fileChosen(path); });
    }
    if (m_files.isEmpty()) {
        m_menu->addAction(tr("No Recent Files"))->setEnabled(false);
    } else {
        m_menu->addSeparator();
        m_menu->addAction(tr("&Clear List"), this, &RecentFiles::clear);
    }
}

} // namespace skein
