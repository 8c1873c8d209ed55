// SPDX-License-Identifier: MIT
// Chunked input for the importers: a file, stdin or memory, with gzip and zstd undone transparently
// (detected by magic bytes, never by file name), byte counts for progress, and cancel.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace skein {

class ByteSource {
    Q_DECLARE_TR_FUNCTIONS(ByteSource)

public:
    // The undecoded bytes. Implement it to feed another kind of input (e.g. an HTTP body) through fromRaw().
    class Raw {
    public:
        virtual ~Raw() = default;
        // Reads up to size bytes; returns the count, 0 at the end, -1 with *error set.
        virtual int64_t read(char* buffer, int64_t size, QString* error) = 0;
        virtual int64_t size() const { return -1; } // -1 when unknown
    };
    class Decoder; // gzip / zstd / pass-through
    class RawBuffer; // the raw chunk being decoded and its offset in the raw stream

    virtual ~ByteSource();

    // path "-" reads standard input. Returns nullptr with errorMessage set when the file cannot be opened.
    static std::unique_ptr<ByteSource> open(const QString& path, QString* errorMessage);
    static std::unique_ptr<ByteSource> fromMemory(QByteArray data, const QString& name);
    static std::unique_ptr<ByteSource> fromRaw(std::unique_ptr<Raw> raw, const QString& name);

    // Reads up to size bytes of the decompressed stream. Returns the count, 0 at the end, -1 on an
    // error (errorString(), e.g. a corrupt gzip stream, or "cancelled").
    int64_t read(char* buffer, int64_t size);
    // The next size bytes of the decompressed stream (fewer at its end or before an error), without consuming
    // them: the following read() starts at the first of them. Valid until the next peek() or read().
    std::string_view peek(size_t size);

    QString name() const { return m_name; }
    QString errorString() const { return m_error; }
    std::string compression() const; // "", "gzip" or "zstd"; known once peek() or read() was called
    int64_t rawBytesRead() const { return m_rawBytesRead.load(std::memory_order_relaxed); } // for progress
    int64_t rawSize() const { return m_rawSize; } // -1 when unknown (a pipe)
    int64_t bytesRead() const { return m_bytesRead; } // decompressed bytes handed out so far

    // Once *cancel becomes true, read() fails with "cancelled".
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

protected:
    ByteSource(std::unique_ptr<Raw> raw, QString name);

private:
    int64_t decode(char* buffer, int64_t size);

    std::unique_ptr<RawBuffer> m_input;
    std::unique_ptr<Decoder> m_decoder; // chosen on the first decode, from the magic bytes
    QString m_name;
    QString m_error;
    std::string m_peeked; // decompressed bytes looked at by peek() and not yet read
    size_t m_peekedConsumed = 0;
    std::atomic<int64_t> m_rawBytesRead { 0 };
    int64_t m_rawSize = -1;
    int64_t m_bytesRead = 0;
    bool m_finished = false;
    bool m_failed = false;
    const std::atomic<bool>* m_cancel = nullptr;
};

} // namespace skein
