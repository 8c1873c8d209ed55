// SPDX-License-Identifier: MIT
// The files the user opened last, remembered in the settings and offered in File > Open Recent.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace skein {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int maxFiles = 10;

    RecentFiles(QMenu* menu, QObject* parent);

    QStringList files() const { return m_files; }
    void add(const QStringList& paths); // most recent first
    void clear();

signals:
    void fileChosen(const QString& path);

private:
    void save();
    void rebuildMenu();

    QMenu* m_menu;
    QStringList m_files;
};

} // namespace skein
