// SPDX-License-Identifier: MIT
// Single-instance hand-over: real local sockets in a private runtime folder. The second instance runs on another
// thread, as it would run in another process: it blocks on the socket while the first one's event loop answers.
#include "singleinstance.h"

#include <QDir>
#include <QFile>
#include <QFuture>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using skein::SingleInstance;

class SingleInstanceTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void firstInstanceBecomesPrimary();
    void secondInstanceHandsOverAbsolutePathsAndTrace();
    void secondInstanceWithoutFilesStillReachesTheWindow();
    void differentCachesRunSideBySide();
    void sameCacheNamedTwoWaysSharesOneInstance();
    void staleSocketOfACrashedInstanceIsReplaced();
    void nextInstanceBecomesPrimaryAfterTheFirstQuits();
    void silentListenerIsNotReplaced();
    void garbageOnTheSocketIsIgnored();

private:
    // Runs start() of a second instance on a worker thread and waits, serving this thread's events meanwhile.
    SingleInstance::Role startElsewhere(
        const QString& database, const QStringList& files, const QString& traceId, int timeoutMs = 3000);

    QTemporaryDir m_runtime;
    QTemporaryDir m_data;
};

void SingleInstanceTest::init()
{
    QVERIFY(m_runtime.isValid());
    QVERIFY(m_data.isValid());
    QFile::setPermissions(m_runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
}

SingleInstance::Role SingleInstanceTest::startElsewhere(
    const QString& database, const QStringList& files, const QString& traceId, int timeoutMs)
{
    QFuture<SingleInstance::Role> role = QtConcurrent::run([=] {
        SingleInstance second(database);
        return second.start(files, traceId, timeoutMs);
    });
    QDeadlineTimer deadline(timeoutMs * 3);
    while (!role.isFinished() && !deadline.hasExpired())
        QTest::qWait(10);
    if (!role.isFinished())
        qFatal("the second instance hung");
    return role.result();
}

void SingleInstanceTest::firstInstanceBecomesPrimary()
{
    SingleInstance first(m_data.filePath(QStringLiteral("cache.sqlite")));
    QCOMPARE(first.start({}, {}), SingleInstance::Role::Primary);
    QVERIFY(first.serverName().startsWith(m_runtime.path() + u'/'));
    QVERIFY(QFileInfo::exists(first.serverName()));
}

void SingleInstanceTest::secondInstanceHandsOverAbsolutePathsAndTrace()
{
    const QString database = m_data.filePath(QStringLiteral("cache.sqlite"));
    SingleInstance first(database);
    QCOMPARE(first.start({}, {}), SingleInstance::Role::Primary);
    QSignalSpy received(&first, &SingleInstance::filesReceived);

    QDir::setCurrent(m_data.path());
    const QStringList files = { QStringLiteral("trace one.json"), QStringLiteral("sub/../two.pb"),
        QStringLiteral("/elsewhere/three.jsonl") };
    QCOMPARE(startElsewhere(database, files, QStringLiteral("4bf92f3577b34da6")), SingleInstance::Role::Forwarded);

    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.size(), 1);
    const QStringList expected = { m_data.filePath(QStringLiteral("trace one.json")),
        m_data.filePath(QStringLiteral("two.pb")), QStringLiteral("/elsewhere/three.jsonl") };
    QCOMPARE(received[0][0].toStringList(), expected);
    QCOMPARE(received[0][1].toString(), QStringLiteral("4bf92f3577b34da6"));
}

void SingleInstanceTest::secondInstanceWithoutFilesStillReachesTheWindow()
{
    const QString database = m_data.filePath(QStringLiteral("cache.sqlite"));
    SingleInstance first(database);
    QCOMPARE(first.start({}, {}), SingleInstance::Role::Primary);
    QSignalSpy received(&first, &SingleInstance::filesReceived);

    QCOMPARE(startElsewhere(database, {}, {}), SingleInstance::Role::Forwarded);
    QTRY_COMPARE(received.size(), 1);
    QVERIFY(received[0][0].toStringList().isEmpty());
    QVERIFY(received[0][1].toString().isEmpty());
}

void SingleInstanceTest::differentCachesRunSideBySide()
{
    SingleInstance first(m_data.filePath(QStringLiteral("work.sqlite")));
    SingleInstance second(m_data.filePath(QStringLiteral("home.sqlite")));
    QVERIFY(first.serverName() != second.serverName());
    QCOMPARE(first.start({}, {}), SingleInstance::Role::Primary);
    QCOMPARE(second.start({}, {}), SingleInstance::Role::Primary);
}

void SingleInstanceTest::sameCacheNamedTwoWaysSharesOneInstance()
{
    QVERIFY(QDir(m_data.path()).mkpath(QStringLiteral("sub")));
    QDir::setCurrent(m_data.path());
    const QString direct = m_data.filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(
        SingleInstance::serverNameFor(QStringLiteral("sub/../cache.sqlite")), SingleInstance::serverNameFor(direct));
    QCOMPARE(SingleInstance::serverNameFor(QStringLiteral("cache.sqlite")), SingleInstance::serverNameFor(direct));
}

void SingleInstanceTest::staleSocketOfACrashedInstanceIsReplaced()
{
    const QString database = m_data.filePath(QStringLiteral("cache.sqlite"));
    const QByteArray path = QFile::encodeName(SingleInstance::serverNameFor(database));
    // What a killed instance leaves behind: a bound socket file that nobody listens on.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    QVERIFY(size_t(path.size()) < sizeof(address.sun_path));
    memcpy(address.sun_path, path.constData(), size_t(path.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFileInfo::exists(QFile::decodeName(path)));

    SingleInstance next(database);
    QCOMPARE(next.start({}, {}, 1000), SingleInstance::Role::Primary);
    QSignalSpy received(&next, &SingleInstance::filesReceived);
    QCOMPARE(startElsewhere(database, { QStringLiteral("/t/a.json") }, {}), SingleInstance::Role::Forwarded);
    QTRY_COMPARE(received.size(), 1);
}

void SingleInstanceTest::nextInstanceBecomesPrimaryAfterTheFirstQuits()
{
    const QString database = m_data.filePath(QStringLiteral("cache.sqlite"));
    {
        SingleInstance first(database);
        QCOMPARE(first.start({}, {}), SingleInstance::Role::Primary);
    }
    SingleInstance next(database);
    QCOMPARE(next.start({ QStringLiteral("/t/a.json") }, {}), SingleInstance::Role::Primary);
}

void SingleInstanceTest::silentListenerIsNotReplaced()
{
    // Something alive holds the name but never answers (a hung window): the newcomer runs on its own rather than
    // stealing the name or waiting forever.
    const QString database = m_data.filePath(QStringLiteral("cache.sqlite"));
    QLocalServer silent;
    QVERIFY(silent.listen(SingleInstance::serverNameFor(database)));
    QCOMPARE(startElsewhere(database, { QStringLiteral("/t/a.json") }, {}, 300), SingleInstance::Role::Standalone);
    QVERIFY(silent.isListening());
}

void SingleInstanceTest::garbageOnTheSocketIsIgnored()
{
    const QString database = m_data.filePath(QStringLiteral("cache.sqlite"));
    SingleInstance first(database);
    QCOMPARE(first.start({}, {}), SingleInstance::Role::Primary);
    QSignalSpy received(&first, &SingleInstance::filesReceived);

    QLocalSocket stranger;
    stranger.connectToServer(first.serverName());
    QVERIFY(stranger.waitForConnected(1000));
    stranger.write("GET / HTTP/1.0\r\n\r\n");
    QVERIFY(stranger.waitForBytesWritten(1000));
    QTRY_COMPARE(stranger.state(), QLocalSocket::UnconnectedState);
    QCOMPARE(received.size(), 0);

    // And the instance still serves real requests afterwards.
    QCOMPARE(startElsewhere(database, { QStringLiteral("/t/a.json") }, {}), SingleInstance::Role::Forwarded);
    QTRY_COMPARE(received.size(), 1);
}

QTEST_MAIN(SingleInstanceTest)
#include "tst_singleinstance.moc"
