// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace skein {

// One window per cache: a second `skein FILE...` on the same cache hands its files to the window that is already
// running and exits, as double-clicking trace files in a file manager expects. Different caches get different
// servers, so two caches can be explored side by side.
class SingleInstance : public QObject {
    Q_OBJECT

public:
    enum class Role {
        Primary, // no other instance was running: this one listens now and emits filesReceived()
        Forwarded, // a running instance took the request: this process should exit
        Standalone, // a running instance did not answer in time: go on without listening
    };

    explicit SingleInstance(const QString& databasePath, QObject* parent = nullptr);
    ~SingleInstance() override;

    // Either hands files (made absolute against the current directory) and traceId to the running instance of this
    // cache, or becomes that instance. An empty request still asks the running window to come to the front.
    Role start(const QStringList& files, const QString& traceId, int timeoutMs = 3000);

    // The local socket's full path: in the user's private runtime directory, named after the cache file.
    QString serverName() const { return m_serverName; }
    static QString serverNameFor(const QString& databasePath);

signals:
    void filesReceived(const QStringList& files, const QString& traceId);

private:
    bool forward(const QStringList& files, const QString& traceId, int timeoutMs, bool* answered);
    bool listen();
    void readRequest(QLocalSocket* socket);

    QString m_serverName;
    QLocalServer* m_server = nullptr;
};

} // namespace skein
