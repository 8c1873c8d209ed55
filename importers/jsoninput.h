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

    // The RapidJSON stream concept. A NUL byte reads as the end of input, as RapidJSON expects; so does
    // a newline in line mode, where each line is one document.
    Ch Peek() const { return (m_lineMode && *m_current == '\n') ? '\0' : *m_current; }
    Ch Take()
    {
        const Ch c = *m_current;
        if (m_current == m_end || (m_lineMode && c == '\n'))
            return Peek();
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
    // Consumes everything up to and including the next newline (also in line mode).
    void skipLine();
    // JSON lines: a newline ends the document, so a damaged line cannot swallow the next one.
    void setLineMode(bool on) { m_lineMode = on; }
    bool lineMode() const { return m_lineMode; }
    // In line mode: true when only blanks remain before the end of the current line.
    bool restOfLineIsBlank();

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
    bool m_lineMode = false;
    bool m_readFailed = false;
};

} // namespace skein
