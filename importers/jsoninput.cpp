// SPDX-License-Identifier: MIT
#include "jsoninput.h"

#include "bytesource.h"

namespace skein {

JsonInput::JsonInput(ByteSource& source, size_t bufferSize)
    : m_source(source)
    , m_buffer(bufferSize + 1)
{
    m_current = m_end = m_buffer.data();
    *m_end = '\0';
    refill();
}

void JsonInput::refill()
{
    m_bufferOffset += m_end - m_buffer.data();
    m_current = m_end = m_buffer.data();
    if (!m_eof) {
        const int64_t count = m_source.read(m_buffer.data(), int64_t(m_buffer.size() - 1));
        if (count < 0) {
            m_readFailed = true;
            m_eof = true;
        } else if (count == 0) {
            m_eof = true;
        } else {
            m_end = m_buffer.data() + count;
        }
    }
    *m_end = '\0';
}

SourcePosition JsonInput::positionOf(size_t offset) const
{
    SourcePosition position;
    position.offset = int64_t(offset);
    position.line = m_line;
    position.column = int64_t(offset) >= m_lineStart ? int64_t(offset) - m_lineStart + 1 : 1;
    return position;
}

bool JsonInput::skipWhitespace()
{
    const bool lineMode = m_lineMode;
    m_lineMode = false; // blank lines between documents are fine
    for (;;) {
        const Ch c = Peek();
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            Take();
            continue;
        }
        m_lineMode = lineMode;
        return !(c == '\0' && m_current == m_end);
    }
}

void JsonInput::skipLine()
{
    const bool lineMode = m_lineMode;
    m_lineMode = false;
    while (!(m_current == m_end)) {
        if (Take() == '\n')
            break;
    }
    m_lineMode = lineMode;
}

bool JsonInput::restOfLineIsBlank()
{
    for (;;) {
        const Ch c = Peek();
        if (c == ' ' || c == '\r' || c == '\t') {
            Take();
            continue;
        }
        return c == '\0';
    }
}

} // namespace skein
