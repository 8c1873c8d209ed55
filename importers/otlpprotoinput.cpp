// SPDX-License-Identifier: MIT
#include "otlpprotoinput.h"

#include "bytesource.h"

#include <algorithm>
#include <cstring>

namespace skein {

OtlpProtoInput::OtlpProtoInput(ByteSource& source, size_t bufferSize)
    : m_source(source)
    , m_buffer(std::max<size_t>(bufferSize, 16))
{
}

bool OtlpProtoInput::fill(size_t wanted)
{
    if (available() >= wanted)
        return true;
    if (m_eof || m_failed)
        return false;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, available());
        m_bufferOffset += int64_t(m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    while (m_end < wanted) {
        const int64_t count = m_source.read(m_buffer.data() + m_end, int64_t(m_buffer.size() - m_end));
        if (count <= 0) {
            (count == 0 ? m_eof : m_failed) = true;
            return false;
        }
        m_end += size_t(count);
    }
    return true;
}

bool OtlpProtoInput::atEnd()
{
    return !fill(1);
}

OtlpProtoInput::Result OtlpProtoInput::ended()
{
    m_pos = m_end;
    return m_failed ? Result::SourceFailed : Result::End;
}

OtlpProtoInput::Result OtlpProtoInput::readVarint(uint64_t& value)
{
    // Up to 10 bytes; fewer are fine at the very end of the input.
    fill(10);
    if (m_failed)
        return Result::SourceFailed;
    const auto* bytes = reinterpret_cast<const unsigned char*>(m_buffer.data() + m_pos);
    const size_t limit = std::min<size_t>(available(), 10);
    uint64_t result = 0;
    for (size_t i = 0; i < limit; ++i) {
        result |= uint64_t(bytes[i] & 0x7f) << (7 * i);
        if (!(bytes[i] & 0x80)) {
            m_pos += i + 1;
            value = result;
            return Result::Ok;
        }
    }
    if (limit == 10)
        return Result::Malformed;
    return ended();
}

OtlpProtoInput::Result OtlpProtoInput::skip(uint64_t count)
{
    while (count > 0) {
        if (available() == 0 && !fill(1))
            return ended();
        const size_t step = size_t(std::min<uint64_t>(count, available()));
        m_pos += step;
        count -= step;
    }
    return Result::Ok;
}

OtlpProtoInput::Result OtlpProtoInput::take(size_t size, std::string_view& bytes)
{
    if (size <= m_buffer.size()) {
        if (!fill(size))
            return ended();
        bytes = std::string_view(m_buffer.data() + m_pos, size);
        m_pos += size;
        return Result::Ok;
    }
    m_large.clear();
    while (m_large.size() < size) {
        if (available() == 0 && !fill(1)) {
            m_large.clear();
            return ended();
        }
        const size_t step = std::min(size - m_large.size(), available());
        m_large.append(m_buffer.data() + m_pos, step);
        m_pos += step;
    }
    bytes = m_large;
    return Result::Ok;
}

} // namespace skein
