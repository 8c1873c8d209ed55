// SPDX-License-Identifier: MIT
#include "detailtextfile.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <charconv>
#include <functional>
#include <thread>

namespace skein {

namespace {

constexpr char separator = '\x01';
constexpr char fieldBreak = '\x02';
constexpr size_t bufferBytes = size_t(4) << 20;
constexpr size_t minBytesPerThread = size_t(8) << 20;

} // namespace

std::unique_ptr<DetailTextFile> DetailTextFile::create()
{
    std::unique_ptr<DetailTextFile> file(new DetailTextFile);
    file->m_file.setFileTemplate(QDir::tempPath() + QStringLiteral("/skein-details-XXXXXX.txt"));
    if (!file->m_file.open())
        return nullptr;
    file->m_path = file->m_file.fileName();
    return file;
}

void DetailTextFile::appendRecord(std::string& records, int32_t span, std::string_view text)
{
    const size_t textStart = beginRecord(records, span);
    records.append(text);
    endRecord(records, textStart);
}

size_t DetailTextFile::beginRecord(std::string& records, int32_t span)
{
    char digits[16];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, span);
    records.append(digits, end);
    records.push_back(separator);
    return records.size();
}

void DetailTextFile::endRecord(std::string& records, size_t textStart)
{
    // The text's own line breaks (between attributes) must not end the record; a needle never holds
    // this byte, so a match still cannot run from one attribute into the next.
    std::replace(records.begin() + std::ptrdiff_t(textStart), records.end(), '\n', fieldBreak);
    records.push_back('\n');
}

bool DetailTextFile::writeRecords(std::string_view records)
{
    std::lock_guard lock(m_mutex);
    if (m_failed || m_ended)
        return false;
    if (records.empty())
        return true;
    // Flushed at once: a search maps the file through its own handle and must see every byte counted.
    m_failed = m_file.write(records.data(), qint64(records.size())) != qint64(records.size()) || !m_file.flush();
    if (m_failed) {
        m_ended = true;
    } else {
        m_written += records.size();
    }
    m_grown.notify_all();
    return !m_failed;
}

bool DetailTextFile::append(int32_t span, std::string_view text)
{
    if (m_buffer.capacity() < bufferBytes)
        m_buffer.reserve(bufferBytes);
    appendRecord(m_buffer, span, text);
    if (m_buffer.size() < bufferBytes)
        return true;
    const bool written = writeRecords(m_buffer);
    m_buffer.clear();
    return written;
}

bool DetailTextFile::finish()
{
    const bool written = writeRecords(m_buffer);
    m_buffer.clear();
    m_buffer.shrink_to_fit();
    endWriting(written);
    return written;
}

void DetailTextFile::abandon()
{
    endWriting(false);
}

void DetailTextFile::endWriting(bool complete)
{
    std::lock_guard lock(m_mutex);
    if (!m_ended)
        m_complete = complete && !m_failed;
    m_ended = true;
    m_grown.notify_all();
}

DetailTextFile::Progress DetailTextFile::progress() const
{
    std::lock_guard lock(m_mutex);
    return Progress { m_written, m_ended, m_complete };
}

DetailTextFile::Progress DetailTextFile::waitForMore(size_t seenBytes, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_mutex);
    m_grown.wait_for(lock, timeout, [&] { return m_written > seenBytes || m_ended; });
    return Progress { m_written, m_ended, m_complete };
}

namespace {

// The spans of the records in [begin, end) (whole records) whose text contains the needle.
template <typename Searcher>
bool searchRecords(
    std::string_view records, const Searcher& searcher, const std::atomic<bool>* cancel, std::vector<int32_t>& matches)
{
    auto from = records.begin();
    int checks = 0;
    while (true) {
        if (cancel && (++checks & 0xff) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        const auto hit = std::search(from, records.end(), searcher);
        if (hit == records.end())
            return true;
        const size_t position = size_t(hit - records.begin());
        const size_t recordStart = position == 0 ? 0 : records.rfind('\n', position - 1) + 1;
        const size_t textStart = records.find(separator, recordStart) + 1;
        if (textStart == 0)
            return true; // a damaged file: nothing sensible is left
        if (position >= textStart) { // not a hit inside the span number
            int32_t span = -1;
            std::from_chars(records.data() + recordStart, records.data() + textStart - 1, span);
            if (span >= 0)
                matches.push_back(span);
            const size_t recordEnd = records.find('\n', position);
            if (recordEnd == std::string_view::npos)
                return true;
            from = records.begin() + std::ptrdiff_t(recordEnd + 1);
        } else {
            from = records.begin() + std::ptrdiff_t(textStart);
        }
    }
}

} // namespace

std::optional<std::vector<int32_t>> DetailTextFile::search(
    std::string_view foldedNeedle, const std::atomic<bool>* cancel) const
{
    const Progress written = progress();
    if (!written.complete)
        return std::nullopt;
    return searchRange(0, written.bytes, foldedNeedle, cancel);
}

std::optional<std::vector<int32_t>> DetailTextFile::searchRange(
    size_t from, size_t to, std::string_view foldedNeedle, const std::atomic<bool>* cancel) const
{
    if (foldedNeedle.empty() || to > progress().bytes || from > to)
        return std::nullopt;
    if (from == to)
        return std::vector<int32_t> {};
    // Each search maps the file through its own handle: searches may overlap on worker threads, and the
    // mapping is gone (and out of the app's memory) when the search ends.
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const uchar* mapped = file.map(qint64(from), qint64(to - from));
    if (!mapped)
        return std::nullopt;
    const std::string_view all(reinterpret_cast<const char*>(mapped), to - from);
    const std::boyer_moore_horspool_searcher searcher(foldedNeedle.begin(), foldedNeedle.end());

    // Split at record ends, one part per core: the scan is bound by memory bandwidth and compares. A
    // small range (a block just written) is not worth a thread.
    const unsigned threads
        = all.size() < minBytesPerThread ? 1u : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::string_view> parts;
    size_t begin = 0;
    for (unsigned t = 1; t <= threads && begin < all.size(); ++t) {
        size_t end = t == threads ? all.size() : std::max(begin, all.size() * t / threads);
        if (end < all.size()) {
            end = all.find('\n', end);
            end = end == std::string_view::npos ? all.size() : end + 1;
        }
        parts.push_back(all.substr(begin, end - begin));
        begin = end;
    }
    std::vector<std::vector<int32_t>> found(parts.size());
    std::vector<char> complete(parts.size(), 0);
    std::vector<std::thread> workers;
    for (size_t p = 1; p < parts.size(); ++p)
        workers.emplace_back([&, p] { complete[p] = searchRecords(parts[p], searcher, cancel, found[p]); });
    complete[0] = searchRecords(parts[0], searcher, cancel, found[0]);
    for (std::thread& worker : workers)
        worker.join();
    file.unmap(const_cast<uchar*>(mapped));
    if (std::find(complete.begin(), complete.end(), 0) != complete.end())
        return std::nullopt;

    std::vector<int32_t> matches;
    for (const std::vector<int32_t>& part : found)
        matches.insert(matches.end(), part.begin(), part.end());
    std::sort(matches.begin(), matches.end());
    matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
    return matches;
}

} // namespace skein
