// SPDX-License-Identifier: MIT
// A RapidJSON input stream over a ByteSource that knows its line and column, so that every error and
// warning can name its position.
#pragma once

#include "importmessage.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace skein {

class ByteSource;

class JsonInput {
public:
    using Ch = char;

    explicit JsonInput(ByteSource& source, size_t bufferSize = 64 * 1024);

    // The RapidJSON stream concept. A NUL byte reads as the end of input, as RapidJSON expects.
    Ch Peek() const { return *m_current; }
    Ch Take()
    {
        const Ch c = *m_current;
        if (m_current == m_end)
            return c;
        if (c == '\n') {
            ++m_line;
            m_lineStart = Tell() + 1;
        }
        if (++m_current == m_end)
            refill();
        return c;
    }
    size_t Tell() const { return size_t(m_bufferOffset + (m_current - m_buffer.data())); }
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) { }
    void Flush() { }
    size_t PutEnd(Ch*) { return 0; }

    bool atEnd() const { return m_current == m_end && m_eof; }
    // The source failed (corrupt compressed data, a read error, cancel); the input then reads as ended.
    bool readFailed() const { return m_readFailed; }

    SourcePosition position() const { return positionOf(Tell()); }
    // The position of an earlier offset on the current line (RapidJSON reports error offsets).
    SourcePosition positionOf(size_t offset) const;

    // Skips blanks; returns false at the end of input.
    bool skipWhitespace();
    // Consumes everything up to and including the next newline.
    void skipLine();

private:
    void refill();

    ByteSource& m_source;
    std::vector<Ch> m_buffer;
    Ch* m_current = nullptr;
    Ch* m_end = nullptr;
    int64_t m_bufferOffset = 0; // stream offset of m_buffer[0]
    int64_t m_line = 1;
    int64_t m_lineStart = 0;
    bool m_eof = false;
    bool m_readFailed = false;
};

} // namespace skein
