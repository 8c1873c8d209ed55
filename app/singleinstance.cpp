// SPDX-License-Identifier: MIT
#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

namespace skein {

namespace {

// Sent first, so that a stranger on the socket (or a later, incompatible Skein) is recognised and ignored.
constexpr quint32 requestMagic = 0x736b6e31; // "skn1"
constexpr char acknowledgement = 1;

QString canonicalDatabasePath(const QString& databasePath)
{
    const QFileInfo info(databasePath);
    if (info.exists())
        return info.canonicalFilePath();
    // Not created yet: resolve the folder at least, so that /home/u/../u/x and /home/u/x share one window.
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : folder + QLatin1Char('/') + info.fileName();
}

QString runtimeFolder()
{
    // Private to the user (0700) on every desktop session, so other users cannot connect or squat on the name.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return runtime.isEmpty() ? QDir::tempPath() : runtime;
}

} // namespace

SingleInstance::SingleInstance(const QString& databasePath, QObject* parent)
    : QObject(parent)
    , m_serverName(serverNameFor(databasePath))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const QString& databasePath)
{
    const QString user = qEnvironmentVariable("USER", QDir::homePath());
    const QByteArray key = user.toUtf8() + '\0' + canonicalDatabasePath(databasePath).toUtf8();
    const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16);
    return runtimeFolder() + QStringLiteral("/skein-") + QString::fromLatin1(digest) + QStringLiteral(".socket");
}

SingleInstance::Role SingleInstance::start(const QStringList& files, const QString& traceId, int timeoutMs)
{
    // Two instances started at the same moment (a file manager opening several files one by one) must not both
    // find no server and both listen: the lock makes "connect, else listen" one step. QLockFile notices a lock
    // whose owner has died.
    QLockFile lock(m_serverName + QStringLiteral(".lock"));
    if (!lock.tryLock(timeoutMs))
        return Role::Standalone;

    QStringList absoluteFiles;
    absoluteFiles.reserve(files.size());
    for (const QString& file : files)
        absoluteFiles << QFileInfo(file).absoluteFilePath();

    bool answered = false;
    if (forward(absoluteFiles, traceId, timeoutMs, &answered))
        return Role::Forwarded;
    if (answered)
        return Role::Standalone; // something is listening but not taking requests: do not steal its name
    return listen() ? Role::Primary : Role::Standalone;
}

bool SingleInstance::forward(const QStringList& files, const QString& traceId, int timeoutMs, bool* answered)
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(timeoutMs))
        return false; // no server, or a stale socket file left by a crashed instance
    *answered = true;

    QByteArray request;
    QDataStream stream(&request, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << requestMagic << files << traceId;
    socket.write(request);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    while (socket.bytesAvailable() < 1) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    }
    char reply = 0;
    return socket.getChar(&reply) && reply == acknowledgement;
}

bool SingleInstance::listen()
{
    // Reached only when nothing answered on the name, under the lock: a socket file still there is stale.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
            if (socket->bytesAvailable() > 0)
                readRequest(socket);
        }
    });
    return true;
}

void SingleInstance::readRequest(QLocalSocket* socket)
{
    QDataStream stream(socket);
    stream.setVersion(QDataStream::Qt_6_4);
    stream.startTransaction();
    quint32 magic = 0;
    stream >> magic;
    if (stream.status() == QDataStream::ReadPastEnd) {
        stream.rollbackTransaction();
        return;
    }
    if (magic != requestMagic) {
        stream.abortTransaction();
        socket->abort();
        return;
    }
    QStringList files;
    QString traceId;
    stream >> files >> traceId;
    if (!stream.commitTransaction())
        return; // the rest of the request is still on its way

    socket->putChar(acknowledgement);
    socket->disconnectFromServer();
    // Answer first, act later: the receiver may open dialogs, and the sender must not wait for them.
    QTimer::singleShot(0, this, [this, files, traceId] { emit filesReceived(files, traceId); });
}

} // namespace skein
