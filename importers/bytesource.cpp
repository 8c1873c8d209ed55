// SPDX-License-Identifier: MIT
#include "bytesource.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#define ZLIB_CONST
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

namespace skein {

namespace {

constexpr size_t chunkSize = 64 * 1024;

class FileRaw : public ByteSource::Raw {
public:
    FileRaw(int fd, bool owned, int64_t size)
        : m_fd(fd)
        , m_owned(owned)
        , m_size(size)
    {
    }
    ~FileRaw() override
    {
        if (m_owned)
            ::close(m_fd);
    }

    int64_t read(char* buffer, int64_t size, QString* error) override
    {
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, static_cast<size_t>(std::min<int64_t>(size, SSIZE_MAX)));
            if (n >= 0)
                return n;
            if (errno == EINTR)
                continue;
            *error = ByteSource::tr("Cannot read the input: %1").arg(qt_error_string(errno));
            return -1;
        }
    }
    int64_t size() const override { return m_size; }

private:
    int m_fd;
    bool m_owned;
    int64_t m_size;
};

class MemoryRaw : public ByteSource::Raw {
public:
    explicit MemoryRaw(QByteArray data)
        : m_data(std::move(data))
    {
    }

    int64_t read(char* buffer, int64_t size, QString*) override
    {
        const int64_t n = std::min<int64_t>(size, m_data.size() - m_position);
        if (n > 0)
            std::memcpy(buffer, m_data.constData() + m_position, static_cast<size_t>(n));
        m_position += n;
        return n;
    }
    int64_t size() const override { return m_data.size(); }

private:
    QByteArray m_data;
    int64_t m_position = 0;
};

} // namespace

class ByteSource::RawBuffer {
public:
    RawBuffer(std::unique_ptr<Raw> raw, std::atomic<int64_t>* counter)
        : m_raw(std::move(raw))
        , m_buffer(chunkSize)
        , m_counter(counter)
    {
    }

    const char* data() const { return m_buffer.data() + m_begin; }
    size_t available() const { return m_end - m_begin; }
    void consume(size_t n)
    {
        m_begin += n;
        m_offset += static_cast<int64_t>(n);
    }
    bool eof() const { return m_eof; }
    // Where data() is in the raw stream, for error messages.
    int64_t offset() const { return m_offset; }

    // Appends raw bytes until at least n are buffered or the input ends. False on a read error.
    bool fill(size_t n, QString* error)
    {
        if (m_begin > 0) {
            std::memmove(m_buffer.data(), m_buffer.data() + m_begin, available());
            m_end -= m_begin;
            m_begin = 0;
        }
        n = std::min(n, m_buffer.size());
        while (m_end < n && !m_eof) {
            const int64_t got = readRaw(m_buffer.data() + m_end, static_cast<int64_t>(m_buffer.size() - m_end), error);
            if (got < 0)
                return false;
            m_end += static_cast<size_t>(got);
        }
        return true;
    }

    // Bypasses the buffer once it is empty, which saves a copy when nothing needs decoding.
    int64_t readDirect(char* out, int64_t size, QString* error)
    {
        const int64_t got = readRaw(out, size, error);
        if (got > 0)
            m_offset += got;
        return got;
    }

private:
    int64_t readRaw(char* out, int64_t size, QString* error)
    {
        if (m_eof)
            return 0;
        const int64_t got = m_raw->read(out, size, error);
        if (got == 0)
            m_eof = true;
        if (got > 0)
            m_counter->fetch_add(got, std::memory_order_relaxed);
        return got;
    }

    std::unique_ptr<Raw> m_raw;
    std::vector<char> m_buffer;
    size_t m_begin = 0;
    size_t m_end = 0;
    int64_t m_offset = 0;
    bool m_eof = false;
    std::atomic<int64_t>* m_counter;
};

// A decoder writes at most the size asked for, so output stays bounded however well the input compresses.
class ByteSource::Decoder {
public:
    virtual ~Decoder() = default;
    virtual std::string name() const = 0;
    // Returns the count (fewer than size only at the end), 0 at the end, -1 with *error set.
    virtual int64_t read(RawBuffer& in, char* out, int64_t size, QString* error) = 0;
};

namespace {

class PassThrough : public ByteSource::Decoder {
public:
    std::string name() const override { return {}; }
    int64_t read(ByteSource::RawBuffer& in, char* out, int64_t size, QString* error) override
    {
        if (in.available() > 0) {
            const size_t n = std::min(in.available(), static_cast<size_t>(size));
            std::memcpy(out, in.data(), n);
            in.consume(n);
            return static_cast<int64_t>(n);
        }
        return in.readDirect(out, size, error);
    }
};

class GzipDecoder : public ByteSource::Decoder {
public:
    GzipDecoder() { m_ok = inflateInit2(&m_stream, 15 + 32) == Z_OK; }
    ~GzipDecoder() override
    {
        if (m_ok)
            inflateEnd(&m_stream);
    }
    std::string name() const override { return "gzip"; }

    int64_t read(ByteSource::RawBuffer& in, char* out, int64_t size, QString* error) override
    {
        if (!m_ok) {
            *error = ByteSource::tr("Cannot start the gzip decoder");
            return -1;
        }
        int64_t produced = 0;
        while (produced < size) {
            if (in.available() == 0 && !in.eof() && !in.fill(1, error))
                return -1;
            if (!m_inMember) {
                // A gzip file may hold several members back to back (cat a.gz b.gz); they form one stream.
                if (in.available() == 0)
                    break;
                if (!in.fill(2, error))
                    return -1;
                const auto* magic = reinterpret_cast<const unsigned char*>(in.data());
                if (in.available() < 2 || magic[0] != 0x1f || magic[1] != 0x8b) {
                    *error = ByteSource::tr("The gzip data is corrupt: unexpected bytes after the end of a gzip "
                                            "member, at byte %1 of the compressed input")
                                 .arg(in.offset());
                    return -1;
                }
                inflateReset(&m_stream);
                m_inMember = true;
            }
            const uInt availableIn = static_cast<uInt>(std::min<size_t>(in.available(), UINT_MAX));
            m_stream.next_in = reinterpret_cast<const Bytef*>(in.data());
            m_stream.avail_in = availableIn;
            m_stream.next_out = reinterpret_cast<Bytef*>(out + produced);
            m_stream.avail_out = static_cast<uInt>(std::min<int64_t>(size - produced, UINT_MAX));
            const uInt availableOut = m_stream.avail_out;
            const int result = inflate(&m_stream, Z_NO_FLUSH);
            in.consume(availableIn - m_stream.avail_in);
            produced += availableOut - m_stream.avail_out;
            if (result == Z_STREAM_END) {
                m_inMember = false;
            } else if (result == Z_BUF_ERROR || (result == Z_OK && availableOut == m_stream.avail_out)) {
                if (in.available() == 0 && in.eof()) {
                    *error = ByteSource::tr("The gzip data is truncated: the compressed input ends at byte %1 inside a "
                                            "gzip member")
                                 .arg(in.offset());
                    return -1;
                }
            } else if (result != Z_OK) {
                *error = ByteSource::tr("The gzip data is corrupt at byte %1 of the compressed input (%2)")
                             .arg(in.offset())
                             .arg(QString::fromUtf8(m_stream.msg ? m_stream.msg : zError(result)));
                return -1;
            }
        }
        return produced;
    }

private:
    z_stream m_stream {};
    bool m_ok = false;
    bool m_inMember = false;
};

class ZstdDecoder : public ByteSource::Decoder {
public:
    ZstdDecoder()
        : m_context(ZSTD_createDCtx())
    {
        // Caps the window a frame may demand (128 MiB, the zstd default), so hostile input cannot
        // make the decoder allocate without limit.
        if (m_context)
            ZSTD_DCtx_setParameter(m_context, ZSTD_d_windowLogMax, 27);
    }
    ~ZstdDecoder() override { ZSTD_freeDCtx(m_context); }
    std::string name() const override { return "zstd"; }

    int64_t read(ByteSource::RawBuffer& in, char* out, int64_t size, QString* error) override
    {
        if (!m_context) {
            *error = ByteSource::tr("Cannot start the zstd decoder");
            return -1;
        }
        int64_t produced = 0;
        while (produced < size) {
            if (in.available() == 0 && !in.eof() && !in.fill(1, error))
                return -1;
            if (in.available() == 0 && m_frameComplete)
                break; // frames follow each other until the input ends between two of them
            ZSTD_inBuffer input { in.data(), in.available(), 0 };
            ZSTD_outBuffer output { out + produced, static_cast<size_t>(size - produced), 0 };
            const size_t result = ZSTD_decompressStream(m_context, &output, &input);
            in.consume(input.pos);
            produced += static_cast<int64_t>(output.pos);
            if (ZSTD_isError(result)) {
                *error = ByteSource::tr("The zstd data is corrupt at byte %1 of the compressed input (%2)")
                             .arg(in.offset())
                             .arg(QString::fromUtf8(ZSTD_getErrorName(result)));
                return -1;
            }
            m_frameComplete = result == 0;
            if (!m_frameComplete && output.pos == 0 && input.pos == 0 && in.available() == 0 && in.eof()) {
                *error = ByteSource::tr("The zstd data is truncated: the compressed input ends at byte %1 inside a "
                                        "zstd frame")
                             .arg(in.offset());
                return -1;
            }
        }
        return produced;
    }

private:
    ZSTD_DCtx* m_context;
    bool m_frameComplete = true;
};

} // namespace

ByteSource::ByteSource(std::unique_ptr<Raw> raw, QString name)
    : m_name(std::move(name))
{
    m_rawSize = raw->size();
    m_input = std::make_unique<RawBuffer>(std::move(raw), &m_rawBytesRead);
}

ByteSource::~ByteSource() = default;

std::unique_ptr<ByteSource> ByteSource::open(const QString& path, QString* errorMessage)
{
    const bool isStdin = path == QLatin1String("-");
    const int fd = isStdin ? STDIN_FILENO : ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errorMessage)
            *errorMessage = ByteSource::tr("Cannot open %1: %2").arg(path, qt_error_string(errno));
        return nullptr;
    }
    int64_t size = -1;
    struct stat info { };
    if (::fstat(fd, &info) == 0) {
        if (S_ISDIR(info.st_mode)) {
            if (!isStdin)
                ::close(fd);
            if (errorMessage)
                *errorMessage = ByteSource::tr("Cannot open %1: it is a folder").arg(path);
            return nullptr;
        }
        if (S_ISREG(info.st_mode)) {
            size = info.st_size;
            ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        }
    }
    return fromRaw(std::make_unique<FileRaw>(fd, !isStdin, size), path);
}

std::unique_ptr<ByteSource> ByteSource::fromMemory(QByteArray data, const QString& name)
{
    return fromRaw(std::make_unique<MemoryRaw>(std::move(data)), name);
}

std::unique_ptr<ByteSource> ByteSource::fromRaw(std::unique_ptr<Raw> raw, const QString& name)
{
    return std::unique_ptr<ByteSource>(new ByteSource(std::move(raw), name));
}

std::string ByteSource::compression() const
{
    return m_decoder ? m_decoder->name() : std::string();
}

int64_t ByteSource::decode(char* buffer, int64_t size)
{
    if (m_finished || m_failed)
        return m_failed ? -1 : 0;
    if (!m_decoder) {
        if (!m_input->fill(4, &m_error)) {
            m_failed = true;
            return -1;
        }
        const auto* magic = reinterpret_cast<const unsigned char*>(m_input->data());
        const size_t length = m_input->available();
        if (length >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            m_decoder = std::make_unique<GzipDecoder>();
        else if (length >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
            m_decoder = std::make_unique<ZstdDecoder>();
        else
            m_decoder = std::make_unique<PassThrough>();
    }
    const int64_t n = m_decoder->read(*m_input, buffer, size, &m_error);
    if (n < 0)
        m_failed = true;
    else if (n == 0)
        m_finished = true;
    return n;
}

std::string_view ByteSource::peek(size_t size)
{
    if (m_peekedConsumed > 0) {
        m_peeked.erase(0, m_peekedConsumed);
        m_peekedConsumed = 0;
    }
    while (m_peeked.size() < size && !m_finished && !m_failed) {
        const size_t had = m_peeked.size();
        m_peeked.resize(size);
        const int64_t n = decode(m_peeked.data() + had, static_cast<int64_t>(size - had));
        m_peeked.resize(had + static_cast<size_t>(std::max<int64_t>(n, 0)));
    }
    return std::string_view(m_peeked).substr(0, size);
}

int64_t ByteSource::read(char* buffer, int64_t size)
{
    if (cancelled()) {
        m_error = ByteSource::tr("cancelled");
        m_failed = true;
        return -1;
    }
    if (size <= 0)
        return 0;
    if (m_peekedConsumed < m_peeked.size()) {
        // Peeked bytes go out first, even when decoding failed behind them.
        const size_t n = std::min(m_peeked.size() - m_peekedConsumed, static_cast<size_t>(size));
        std::memcpy(buffer, m_peeked.data() + m_peekedConsumed, n);
        m_peekedConsumed += n;
        if (m_peekedConsumed == m_peeked.size()) {
            m_peeked = std::string();
            m_peekedConsumed = 0;
        }
        m_bytesRead += static_cast<int64_t>(n);
        return static_cast<int64_t>(n);
    }
    const int64_t n = decode(buffer, size);
    if (n > 0)
        m_bytesRead += n;
    return n;
}

} // namespace skein
