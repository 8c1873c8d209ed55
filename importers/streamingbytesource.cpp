// SPDX-License-Identifier: MIT
#include "streamingbytesource.h"

#include <algorithm>
#include <cstring>

namespace skein {

ChunkFeed::ChunkFeed(int64_t capacityBytes)
    : m_capacity(std::max<int64_t>(capacityBytes, 1))
{
}

int64_t ChunkFeed::room()
{
    std::lock_guard lock(m_mutex);
    const int64_t free = std::max<int64_t>(m_capacity - m_queued, 0);
    if (free == 0)
        m_producerWaiting = true;
    return free;
}

void ChunkFeed::push(QByteArray chunk)
{
    if (chunk.isEmpty())
        return;
    std::lock_guard lock(m_mutex);
    if (m_finished || m_failed)
        return;
    m_queued += chunk.size();
    m_peak = std::max(m_peak, m_queued);
    m_chunks.push_back(std::move(chunk));
    m_changed.notify_all();
}

void ChunkFeed::finish()
{
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_changed.notify_all();
}

void ChunkFeed::fail(const QString& error)
{
    std::lock_guard lock(m_mutex);
    if (m_failed)
        return;
    m_failed = true;
    m_error = error;
    m_chunks.clear();
    m_queued = 0;
    m_changed.notify_all();
}

void ChunkFeed::setRoomCallback(std::function<void()> callback)
{
    std::lock_guard lock(m_mutex);
    m_roomCallback = std::move(callback);
}

int64_t ChunkFeed::peakQueuedBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_peak;
}

int64_t ChunkFeed::read(char* buffer, int64_t size, QString* error)
{
    std::function<void()> wakeProducer;
    int64_t copied = 0;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_failed || !m_chunks.empty() || m_finished; });
        if (m_failed) {
            *error = m_error;
            return -1;
        }
        while (copied < size && !m_chunks.empty()) {
            const QByteArray& front = m_chunks.front();
            const int64_t n = std::min<int64_t>(size - copied, front.size() - m_frontOffset);
            std::memcpy(buffer + copied, front.constData() + m_frontOffset, size_t(n));
            copied += n;
            m_frontOffset += n;
            m_queued -= n;
            if (m_frontOffset == front.size()) {
                m_chunks.pop_front();
                m_frontOffset = 0;
            }
        }
        if (m_producerWaiting && m_queued <= m_capacity / 2) {
            m_producerWaiting = false;
            wakeProducer = m_roomCallback;
        }
    }
    if (wakeProducer)
        wakeProducer();
    return copied; // 0 only when finished and drained
}

namespace {

class FeedRaw : public ByteSource::Raw {
public:
    FeedRaw(std::shared_ptr<ChunkFeed> feed, int64_t expectedSize)
        : m_feed(std::move(feed))
        , m_expectedSize(expectedSize)
    {
    }
    int64_t read(char* buffer, int64_t size, QString* error) override { return m_feed->read(buffer, size, error); }
    int64_t size() const override { return m_expectedSize; }

private:
    std::shared_ptr<ChunkFeed> m_feed;
    int64_t m_expectedSize;
};

} // namespace

std::unique_ptr<ByteSource> streamingByteSource(
    std::shared_ptr<ChunkFeed> feed, const QString& name, int64_t expectedSize)
{
    return ByteSource::fromRaw(std::make_unique<FeedRaw>(std::move(feed), expectedSize), name);
}

} // namespace skein
