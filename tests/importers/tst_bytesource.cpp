// SPDX-License-Identifier: MIT
#include "bytesource.h"

#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <functional>

using namespace skein;

namespace {

// Text that compresses, but not so well that the compressed stream fits into one 64 KiB raw chunk.
QByteArray sampleText(int bytes, uint32_t seed = 1)
{
    QByteArray text;
    text.reserve(bytes + 64);
    uint32_t state = seed;
    while (text.size() < bytes) {
        state = state * 1664525u + 1013904223u;
        text += "span ";
        text += QByteArray::number(state % 100000);
        text += (state >> 28) % 5 == 0 ? "\n" : " ";
    }
    text.truncate(bytes);
    return text;
}

// Feeds data from generate() through deflate in pieces, so a huge input never sits in memory at once.
QByteArray gzipStream(qint64 totalSize, const std::function<QByteArray(qint64 offset, qint64 size)>& generate)
{
    z_stream stream {};
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray result;
    QByteArray out(256 * 1024, Qt::Uninitialized);
    qint64 offset = 0;
    int flush = Z_NO_FLUSH;
    do {
        const QByteArray piece = generate(offset, std::min<qint64>(1 << 20, totalSize - offset));
        offset += piece.size();
        flush = offset >= totalSize ? Z_FINISH : Z_NO_FLUSH;
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.constData()));
        stream.avail_in = static_cast<uInt>(piece.size());
        do {
            stream.next_out = reinterpret_cast<Bytef*>(out.data());
            stream.avail_out = static_cast<uInt>(out.size());
            deflate(&stream, flush);
            result.append(out.constData(), out.size() - stream.avail_out);
        } while (stream.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&stream);
    return result;
}

QByteArray gzip(const QByteArray& data)
{
    return gzipStream(data.size(), [&](qint64 offset, qint64 size) { return data.mid(offset, size); });
}

QByteArray zstd(const QByteArray& data, bool checksum = false)
{
    ZSTD_CCtx* context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, checksum ? 1 : 0);
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(data.size())), Qt::Uninitialized);
    const size_t size = ZSTD_compress2(context, out.data(), out.size(), data.constData(), data.size());
    ZSTD_freeCCtx(context);
    if (ZSTD_isError(size))
        return {};
    out.truncate(static_cast<qsizetype>(size));
    return out;
}

// Returns everything read, and whether the stream ended cleanly (false on -1).
std::pair<QByteArray, bool> readAll(ByteSource& source, int chunk = 10000)
{
    QByteArray result;
    QByteArray buffer(chunk, Qt::Uninitialized);
    for (;;) {
        const int64_t n = source.read(buffer.data(), buffer.size());
        if (n < 0)
            return { result, false };
        if (n == 0)
            return { result, true };
        if (n > chunk)
            return { result, false };
        result.append(buffer.constData(), n);
    }
}

// A pipe-like input that hands out a few bytes per call, so every boundary case of the decoders is hit.
class TrickleRaw : public ByteSource::Raw {
public:
    explicit TrickleRaw(QByteArray data)
        : m_data(std::move(data))
    {
    }
    int64_t read(char* buffer, int64_t size, QString*) override
    {
        const int64_t n = std::min<int64_t>({ size, 7, m_data.size() - m_position });
        std::memcpy(buffer, m_data.constData() + m_position, n);
        m_position += n;
        return n;
    }

private:
    QByteArray m_data;
    int64_t m_position = 0;
};

class FailingRaw : public ByteSource::Raw {
public:
    int64_t read(char* buffer, int64_t size, QString* error) override
    {
        if (m_calls++ == 0) {
            std::memset(buffer, 'x', std::min<int64_t>(size, 10));
            return std::min<int64_t>(size, 10);
        }
        *error = QStringLiteral("disk on fire");
        return -1;
    }

private:
    int m_calls = 0;
};

} // namespace

class TestByteSource : public QObject {
    Q_OBJECT

private slots:
    void decodesInMemory_data();
    void decodesInMemory();
    void decodesFile_data() { decodesInMemory_data(); }
    void decodesFile();
    void decodesTrickledInput_data() { decodesInMemory_data(); }
    void decodesTrickledInput();
    void peekThenRead_data() { decodesInMemory_data(); }
    void peekThenRead();
    void rejectsDamagedData_data();
    void rejectsDamagedData();
    void emptyFile();
    void missingFile();
    void folderIsNotAFile();
    void readsStandardInput();
    void decodesLazily_data();
    void decodesLazily();
    void cancel();
    void rawReadError();
};

void TestByteSource::decodesInMemory_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QString>("compression");

    const QByteArray text = sampleText(600 * 1024);
    const QByteArray other = sampleText(90 * 1024, 7);
    QTest::addRow("plain") << text << text << QString();
    QTest::addRow("plain, short") << QByteArray("{}") << QByteArray("{}") << QString();
    QTest::addRow("plain, starts like gzip but too short") << QByteArray("\x1f") << QByteArray("\x1f") << QString();
    QTest::addRow("gzip") << gzip(text) << text << QStringLiteral("gzip");
    QTest::addRow("gzip, empty member") << gzip(QByteArray()) << QByteArray() << QStringLiteral("gzip");
    QTest::addRow("gzip, three members") << gzip(text) + gzip(QByteArray()) + gzip(other) << text + other
                                         << QStringLiteral("gzip");
    QTest::addRow("zstd") << zstd(text) << text << QStringLiteral("zstd");
    QTest::addRow("zstd, checksum") << zstd(text, true) << text << QStringLiteral("zstd");
    QTest::addRow("zstd, three frames") << zstd(text) + zstd(QByteArray()) + zstd(other, true) << text + other
                                        << QStringLiteral("zstd");
}

void TestByteSource::decodesInMemory()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QFETCH(QString, compression);
    QVERIFY(!raw.isEmpty());

    auto source = ByteSource::fromMemory(raw, QStringLiteral("memory"));
    QCOMPARE(source->name(), QStringLiteral("memory"));
    QCOMPARE(source->rawSize(), raw.size());
    const auto [data, ok] = readAll(*source);
    QVERIFY2(ok, qPrintable(source->errorString()));
    QCOMPARE(data.size(), expected.size());
    QVERIFY(data == expected);
    QCOMPARE(QString::fromStdString(source->compression()), compression);
    QCOMPARE(source->bytesRead(), expected.size());
    QCOMPARE(source->rawBytesRead(), raw.size());
    QCOMPARE(source->read(nullptr, 0), 0);
    char byte;
    QCOMPARE(source->read(&byte, 1), 0); // stays at the end
}

void TestByteSource::decodesFile()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QFETCH(QString, compression);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The name says nothing about the content: detection must come from the bytes.
    const QString path = dir.filePath(QStringLiteral("trace.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(raw), raw.size());
    file.close();

    QString error;
    auto source = ByteSource::open(path, &error);
    QVERIFY2(source, qPrintable(error));
    QCOMPARE(source->rawSize(), raw.size());
    const auto [data, ok] = readAll(*source, 65536);
    QVERIFY2(ok, qPrintable(source->errorString()));
    QVERIFY(data == expected);
    QCOMPARE(QString::fromStdString(source->compression()), compression);
    QCOMPARE(source->rawBytesRead(), raw.size());
}

void TestByteSource::decodesTrickledInput()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QFETCH(QString, compression);

    auto source = ByteSource::fromRaw(std::make_unique<TrickleRaw>(raw), QStringLiteral("pipe"));
    QCOMPARE(source->rawSize(), -1);
    const auto [data, ok] = readAll(*source, 333);
    QVERIFY2(ok, qPrintable(source->errorString()));
    QVERIFY(data == expected);
    QCOMPARE(QString::fromStdString(source->compression()), compression);
}

void TestByteSource::peekThenRead()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);

    auto source = ByteSource::fromMemory(raw, QStringLiteral("memory"));
    QCOMPARE(QByteArray::fromStdString(std::string(source->peek(5))), expected.left(5));
    QCOMPARE(QByteArray::fromStdString(std::string(source->peek(100000))), expected.left(100000));
    QCOMPARE(QByteArray::fromStdString(std::string(source->peek(3))), expected.left(3));
    QCOMPARE(source->bytesRead(), 0);

    const auto [data, ok] = readAll(*source, 4096);
    QVERIFY2(ok, qPrintable(source->errorString()));
    QCOMPARE(data.size(), expected.size());
    QVERIFY(data == expected);
    QCOMPARE(source->bytesRead(), expected.size());

    // A byte-order mark is skipped by reading it, after which the sniffer peeks again.
    auto again = ByteSource::fromMemory(raw, QStringLiteral("memory"));
    QCOMPARE(QByteArray::fromStdString(std::string(again->peek(3))), expected.left(3));
    char head[2];
    QCOMPARE(again->read(head, 2), qint64(std::min<qsizetype>(2, expected.size())));
    QCOMPARE(QByteArray::fromStdString(std::string(again->peek(70000))), expected.mid(2, 70000));
    const auto [rest, restOk] = readAll(*again, 5000);
    QVERIFY(restOk);
    QVERIFY(rest == expected.mid(2));
}

void TestByteSource::rejectsDamagedData_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QStringList>("errorWords");

    const QByteArray text = sampleText(300 * 1024);
    const QByteArray gzipped = gzip(text);
    const QByteArray truncatedGzip = gzipped.left(gzipped.size() / 2);
    QTest::addRow("gzip, truncated in the middle")
        << truncatedGzip
        << QStringList { QStringLiteral("gzip"), QStringLiteral("truncated"), QString::number(truncatedGzip.size()) };
    QTest::addRow("gzip, trailer missing")
        << gzipped.left(gzipped.size() - 4)
        << QStringList { QStringLiteral("gzip"), QStringLiteral("truncated"), QString::number(gzipped.size() - 4) };
    QTest::addRow("gzip, header only") << gzipped.left(2)
                                       << QStringList { QStringLiteral("gzip"), QStringLiteral("truncated") };
    QByteArray badCrc = gzipped;
    badCrc[badCrc.size() - 6] = static_cast<char>(badCrc[badCrc.size() - 6] ^ 0x55);
    QTest::addRow("gzip, wrong checksum")
        << badCrc << QStringList { QStringLiteral("gzip"), QStringLiteral("corrupt"), QStringLiteral("byte") };
    QTest::addRow("gzip, garbage after a member")
        << gzipped + QByteArray("garbage!")
        << QStringList { QStringLiteral("gzip"), QStringLiteral("corrupt"), QString::number(gzipped.size()) };

    const QByteArray zstded = zstd(text, true);
    QByteArray flipped = zstded;
    for (int i = flipped.size() / 2; i < flipped.size() / 2 + 16; ++i)
        flipped[i] = static_cast<char>(flipped[i] ^ 0xa5);
    QTest::addRow("zstd, corrupt block") << flipped
                                         << QStringList { QStringLiteral("zstd"), QStringLiteral("corrupt"),
                                                QStringLiteral("byte") };
    QTest::addRow("zstd, garbage after a frame")
        << zstded + QByteArray("garbage!")
        << QStringList { QStringLiteral("zstd"), QStringLiteral("corrupt"), QStringLiteral("byte") };
    QTest::addRow("zstd, truncated") << zstded.left(zstded.size() - 100)
                                     << QStringList { QStringLiteral("zstd"), QStringLiteral("truncated"),
                                            QString::number(zstded.size() - 100) };
    QTest::addRow("zstd, magic only") << zstded.left(4)
                                      << QStringList { QStringLiteral("zstd"), QStringLiteral("truncated") };
}

void TestByteSource::rejectsDamagedData()
{
    QFETCH(QByteArray, raw);
    QFETCH(QStringList, errorWords);

    const QByteArray text = sampleText(300 * 1024);
    for (const bool peekFirst : { false, true }) {
        auto source = ByteSource::fromMemory(raw, QStringLiteral("memory"));
        if (peekFirst)
            QVERIFY(text.startsWith(QByteArray::fromStdString(std::string(source->peek(1000)))));
        const auto [data, ok] = readAll(*source);
        QVERIFY(!ok);
        // What came out before the damage is still the true content.
        QVERIFY(text.startsWith(data));
        const QString error = source->errorString();
        for (const QString& word : errorWords)
            QVERIFY2(error.contains(word), qPrintable(error + QStringLiteral(" lacks ") + word));
        char byte;
        QCOMPARE(source->read(&byte, 1), -1); // the failure sticks
    }
}

void TestByteSource::emptyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    QString error;
    auto source = ByteSource::open(path, &error);
    QVERIFY2(source, qPrintable(error));
    QCOMPARE(source->rawSize(), 0);
    QVERIFY(source->peek(10).empty());
    char buffer[16];
    QCOMPARE(source->read(buffer, sizeof buffer), 0);
    QCOMPARE(QString::fromStdString(source->compression()), QString());
    QVERIFY(source->errorString().isEmpty());
}

void TestByteSource::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no-such-trace.json"));
    QString error;
    QVERIFY(!ByteSource::open(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("No such file or directory")), qPrintable(error));
}

void TestByteSource::folderIsNotAFile()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!ByteSource::open(dir.path(), &error));
    QVERIFY2(error.contains(dir.path()) && error.contains(QStringLiteral("folder")), qPrintable(error));
}

void TestByteSource::readsStandardInput()
{
    const QByteArray text = sampleText(20 * 1024);
    const QByteArray raw = gzip(text); // small enough to sit in the pipe buffer before anyone reads
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    QCOMPARE(::write(fds[1], raw.constData(), raw.size()), raw.size());
    ::close(fds[1]);
    const int savedStdin = ::dup(STDIN_FILENO);
    ::dup2(fds[0], STDIN_FILENO);
    ::close(fds[0]);

    QString error;
    auto source = ByteSource::open(QStringLiteral("-"), &error);
    QByteArray data;
    bool ok = false;
    if (source)
        std::tie(data, ok) = readAll(*source);
    const int64_t rawSize = source ? source->rawSize() : 0;
    source.reset();
    ::dup2(savedStdin, STDIN_FILENO);
    ::close(savedStdin);

    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(rawSize, -1);
    QVERIFY(data == text);
}

void TestByteSource::decodesLazily_data()
{
    QTest::addColumn<QString>("compression");
    QTest::addRow("gzip") << QStringLiteral("gzip");
    QTest::addRow("zstd") << QStringLiteral("zstd");
}

// A small file that expands to a lot must be decoded only as far as the reader asks.
void TestByteSource::decodesLazily()
{
    QFETCH(QString, compression);
    constexpr qint64 expanded = 64 << 20;
    QByteArray raw;
    if (compression == QLatin1String("gzip")) {
        raw = gzipStream(expanded, [](qint64, qint64 size) { return QByteArray(size, '\0'); });
    } else {
        ZSTD_CCtx* context = ZSTD_createCCtx();
        const QByteArray zeros(1 << 20, '\0');
        QByteArray out(static_cast<qsizetype>(ZSTD_CStreamOutSize()), Qt::Uninitialized);
        for (int i = 0; i < expanded / zeros.size(); ++i) {
            const bool last = i + 1 == expanded / zeros.size();
            ZSTD_inBuffer in { zeros.constData(), static_cast<size_t>(zeros.size()), 0 };
            size_t remaining;
            do {
                ZSTD_outBuffer output { out.data(), static_cast<size_t>(out.size()), 0 };
                remaining = ZSTD_compressStream2(context, &output, &in, last ? ZSTD_e_end : ZSTD_e_continue);
                QVERIFY(!ZSTD_isError(remaining));
                raw.append(out.constData(), static_cast<qsizetype>(output.pos));
            } while (last ? remaining != 0 : in.pos < in.size);
        }
        ZSTD_freeCCtx(context);
    }
    QVERIFY(raw.size() < expanded / 100);

    auto source = ByteSource::fromMemory(raw, QStringLiteral("bomb"));
    QByteArray buffer(4096, 'x');
    QCOMPARE(source->read(buffer.data(), buffer.size()), buffer.size());
    QVERIFY(buffer == QByteArray(buffer.size(), '\0'));
    if (raw.size() > 128 * 1024)
        QVERIFY2(source->rawBytesRead() <= 128 * 1024, qPrintable(QString::number(source->rawBytesRead())));
    QVERIFY(source->bytesRead() == buffer.size());

    const auto [rest, ok] = readAll(*source, 1 << 20);
    QVERIFY2(ok, qPrintable(source->errorString()));
    QCOMPARE(rest.size() + buffer.size(), expanded);
    QCOMPARE(source->rawBytesRead(), raw.size());
}

void TestByteSource::cancel()
{
    const QByteArray text = sampleText(200 * 1024);
    auto source = ByteSource::fromMemory(gzip(text), QStringLiteral("memory"));
    std::atomic<bool> cancelFlag { false };
    source->setCancelFlag(&cancelFlag);
    QVERIFY(!source->cancelled());

    char buffer[1000];
    QCOMPARE(source->read(buffer, sizeof buffer), qint64(sizeof buffer));
    cancelFlag = true;
    QVERIFY(source->cancelled());
    QCOMPARE(source->read(buffer, sizeof buffer), -1);
    QCOMPARE(source->errorString(), QStringLiteral("cancelled"));
    QCOMPARE(source->bytesRead(), qint64(sizeof buffer));
}

void TestByteSource::rawReadError()
{
    auto source = ByteSource::fromRaw(std::make_unique<FailingRaw>(), QStringLiteral("broken"));
    const auto [data, ok] = readAll(*source);
    QVERIFY(!ok);
    QCOMPARE(data, QByteArray(10, 'x'));
    QCOMPARE(source->errorString(), QStringLiteral("disk on fire"));
}

QTEST_GUILESS_MAIN(TestByteSource)
#include "tst_bytesource.moc"
