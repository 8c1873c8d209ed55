// SPDX-License-Identifier: MIT
// Input that arrives while it is parsed (an HTTP body): a bounded, thread-safe chunk queue between the
// thread that receives the bytes and the parser thread that reads them through a ByteSource.
#pragma once

#include "bytesource.h"

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace skein {

// The producer never blocks: it asks room() before taking more bytes from its own input, and stops
// while there is none. That stop is the backpressure: a QNetworkReply with a small read buffer then
// leaves the rest in the socket, and TCP slows the sender down.
class ChunkFeed {
public:
    explicit ChunkFeed(int64_t capacityBytes = 1024 * 1024);

    // Producer side.
    // Bytes that may be pushed now. When it returns 0, the room callback fires once the reader has
    // drained the queue to half its capacity.
    int64_t room();
    void push(QByteArray chunk);
    void finish(); // the input is complete
    void fail(const QString& error); // the reader's next read fails with this message (even mid-queue)
    // Called on the reader's thread (keep it cheap, e.g. a queued invokeMethod to the producer).
    void setRoomCallback(std::function<void()> callback);

    // Reader side: blocks until bytes, the end or a failure. Returns the count, 0 at the end, -1 with *error.
    int64_t read(char* buffer, int64_t size, QString* error);

    int64_t capacity() const { return m_capacity; }
    int64_t peakQueuedBytes() const; // the most ever waiting at once, to check the bound

private:
    const int64_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_chunks;
    int64_t m_frontOffset = 0; // bytes of the first chunk already read
    int64_t m_queued = 0;
    int64_t m_peak = 0;
    bool m_finished = false;
    bool m_failed = false;
    bool m_producerWaiting = false;
    QString m_error;
    std::function<void()> m_roomCallback;
};

// A ByteSource over a feed (gzip and zstd are still undone by their magic bytes). expectedSize is the
// raw byte count when known (Content-Length), for progress; -1 otherwise.
std::unique_ptr<ByteSource> streamingByteSource(
    std::shared_ptr<ChunkFeed> feed, const QString& name, int64_t expectedSize = -1);

} // namespace skein
