// SPDX-License-Identifier: MIT
#include "jsonoutputstream.h"

#include <QFileDevice>
#include <QIODevice>

#include <cstring>

namespace skein {

JsonOutputStream::JsonOutputStream(QIODevice& device, size_t bufferSize)
    : m_device(device)
    , m_buffer(new char[bufferSize])
    , m_capacity(bufferSize)
{
}

JsonOutputStream::~JsonOutputStream() = default;

void JsonOutputStream::write(std::string_view text)
{
    reserve(text.size());
    std::memcpy(m_buffer.get() + m_used, text.data(), text.size());
    m_used += text.size();
}

bool JsonOutputStream::flush()
{
    const char* data = m_buffer.get();
    size_t left = m_used;
    // After a failure the bytes are dropped, so that a failing device costs no memory.
    while (left > 0 && !failed()) {
        const qint64 written = m_device.write(data, qint64(left));
        if (written <= 0) {
            m_error = m_device.errorString();
            if (m_error.isEmpty())
                m_error = QStringLiteral("write failed");
            break;
        }
        data += written;
        left -= size_t(written);
    }
    m_used = 0;
    return !failed();
}

bool JsonOutputStream::finish()
{
    if (!flush())
        return false;
    if (auto* file = qobject_cast<QFileDevice*>(&m_device); file && !file->flush()) {
        m_error = file->errorString();
        if (m_error.isEmpty())
            m_error = QStringLiteral("write failed");
    }
    return !failed();
}

void JsonOutputStream::drain(size_t count)
{
    flush();
    if (count > m_capacity) {
        // A single token (a long string) larger than the buffer: grow instead of splitting it.
        m_capacity = count;
        m_buffer.reset(new char[m_capacity]);
    }
}

} // namespace skein
