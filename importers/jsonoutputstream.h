// SPDX-License-Identifier: MIT
// A RapidJSON output stream that collects bytes in a fixed buffer and hands them to a QIODevice in large
// chunks, so that the writers never hold a whole document in memory.
#pragma once

#include <QString>

#include <cstddef>
#include <memory>
#include <string_view>

class QIODevice;

namespace skein {

class JsonOutputStream {
public:
    using Ch = char; // RapidJSON stream concept

    explicit JsonOutputStream(QIODevice& device, size_t bufferSize = 256 * 1024);
    ~JsonOutputStream();
    JsonOutputStream(const JsonOutputStream&) = delete;
    JsonOutputStream& operator=(const JsonOutputStream&) = delete;

    void Put(char c)
    {
        if (m_used == m_capacity)
            drain(1);
        m_buffer[m_used++] = c;
    }
    // RapidJSON calls this at the end of every root value, which for JSON lines would mean one device
    // write per line; the writers call flush() when they are done instead.
    void Flush() { }

    void reserve(size_t count)
    {
        if (m_capacity - m_used < count)
            drain(count);
    }
    void putUnchecked(char c) { m_buffer[m_used++] = c; }
    void write(std::string_view text);

    // Writes the buffered bytes to the device. False once any write failed.
    bool flush();
    // flush(), then also the device's own buffer (a QFileDevice), where late errors such as a full disk show up.
    bool finish();
    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    // Empties the buffer into the device and makes room for at least count bytes.
    void drain(size_t count);

    QIODevice& m_device;
    std::unique_ptr<char[]> m_buffer;
    size_t m_capacity = 0;
    size_t m_used = 0;
    QString m_error;
};

// Found by argument-dependent lookup from RapidJSON's Writer: reserve once per token, then copy
// without a bounds check per character.
inline void PutReserve(JsonOutputStream& stream, size_t count)
{
    stream.reserve(count);
}
inline void PutUnsafe(JsonOutputStream& stream, char c)
{
    stream.putUnchecked(c);
}

} // namespace skein
