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
constexpr char resourceMark = '\x03'; // in a span record: the key of its resource follows
constexpr char resourcePrefix = 'r'; // starts a resource's record
constexpr size_t bufferBytes = size_t(4) << 20;
constexpr size_t minBytesPerThread = size_t(8) << 20;

template <typename Number> void appendNumber(std::string& out, Number number)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out.append(digits, end);
}

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

void DetailTextFile::appendRecord(std::string& records, int64_t key, std::string_view text)
{
    beginRecord(records, key);
    const size_t textStart = records.size();
    records.append(text);
    std::replace(records.begin() + std::ptrdiff_t(textStart), records.end(), '\n', fieldBreak);
    endRecord(records);
}

void DetailTextFile::beginRecord(std::string& records, int64_t key, int64_t resourceKey)
{
    appendNumber(records, key);
    records.push_back(separator);
    if (resourceKey > 0) {
        records.push_back(resourceMark);
        appendNumber(records, resourceKey);
        records.push_back(fieldBreak);
    }
}

void DetailTextFile::endRecord(std::string& records)
{
    records.push_back('\n');
}

void DetailTextFile::appendResource(std::string& records, int64_t resourceKey, std::string_view text)
{
    records.push_back(resourcePrefix);
    appendNumber(records, resourceKey);
    records.push_back(separator);
    records.append(text);
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

bool DetailTextFile::append(int64_t key, std::string_view text)
{
    if (m_buffer.capacity() < bufferBytes)
        m_buffer.reserve(bufferBytes);
    appendRecord(m_buffer, key, text);
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

// What one part of a range holds for a needle.
struct PartMatches {
    std::vector<int64_t> keys; // of the records whose own text holds it
    std::vector<int64_t> resources; // keys of the resources whose text holds it
    bool complete = false;
};

// The records in records (whole records) whose text contains the needle.
template <typename Searcher>
bool searchRecords(
    std::string_view records, const Searcher& searcher, const std::atomic<bool>* cancel, PartMatches& matches)
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
        const size_t separatorAt = records.find(separator, recordStart);
        if (separatorAt == std::string_view::npos)
            return true; // a damaged file: nothing sensible is left
        size_t textStart = separatorAt + 1;
        if (textStart < records.size() && records[textStart] == resourceMark)
            textStart = records.find(DetailTextFile::fieldBreak, textStart) + 1; // after the resource's key
        if (textStart == 0)
            return true;
        if (position >= textStart) { // not a hit inside the span number or resource key
            const char* number = records.data() + recordStart;
            const char* numberEnd = records.data() + separatorAt;
            if (*number == resourcePrefix) {
                int64_t key = 0;
                if (std::from_chars(number + 1, numberEnd, key).ec == std::errc())
                    matches.resources.push_back(key);
            } else {
                int64_t key = 0;
                if (std::from_chars(number, numberEnd, key).ec == std::errc())
                    matches.keys.push_back(key);
            }
            const size_t recordEnd = records.find('\n', position);
            if (recordEnd == std::string_view::npos)
                return true;
            from = records.begin() + std::ptrdiff_t(recordEnd + 1);
        } else {
            from = records.begin() + std::ptrdiff_t(textStart);
        }
    }
}

// Adds the keys of the records in records (whole records) that refer to one of resources (ascending).
bool addRecordsOfResources(std::string_view records, const std::vector<int64_t>& resources,
    const std::atomic<bool>* cancel, std::vector<int64_t>& keys)
{
    size_t recordStart = 0;
    int checks = 0;
    while (recordStart < records.size()) {
        if (cancel && (++checks & 0xfff) == 0 && cancel->load(std::memory_order_relaxed))
            return false;
        size_t recordEnd = records.find('\n', recordStart);
        if (recordEnd == std::string_view::npos)
            recordEnd = records.size();
        const size_t separatorAt = records.find(separator, recordStart);
        if (separatorAt < recordEnd && separatorAt + 1 < recordEnd && records[separatorAt + 1] == resourceMark) {
            const char* keyStart = records.data() + separatorAt + 2;
            int64_t key = 0;
            const auto [keyEnd, keyError] = std::from_chars(keyStart, records.data() + recordEnd, key);
            int64_t recordKey = 0;
            if (keyError == std::errc() && std::binary_search(resources.begin(), resources.end(), key)
                && std::from_chars(records.data() + recordStart, records.data() + separatorAt, recordKey).ec
                    == std::errc())
                keys.push_back(recordKey);
        }
        recordStart = recordEnd + 1;
    }
    return true;
}

} // namespace

std::optional<std::vector<int64_t>> DetailTextFile::search(
    std::string_view foldedNeedle, const std::atomic<bool>* cancel) const
{
    const Progress written = progress();
    if (!written.complete)
        return std::nullopt;
    return searchRange(0, written.bytes, foldedNeedle, cancel);
}

std::optional<std::vector<int64_t>> DetailTextFile::searchRange(
    size_t from, size_t to, std::string_view foldedNeedle, const std::atomic<bool>* cancel, SearchState* state) const
{
    if (foldedNeedle.empty() || to > progress().bytes || from > to)
        return std::nullopt;
    if (from == to)
        return std::vector<int64_t> {};
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
    auto runOnParts = [&](const std::function<bool(size_t part)>& work) {
        std::vector<char> complete(parts.size(), 0);
        std::vector<std::thread> workers;
        for (size_t p = 1; p < parts.size(); ++p)
            workers.emplace_back([&, p] { complete[p] = work(p); });
        complete[0] = work(0);
        for (std::thread& worker : workers)
            worker.join();
        return std::find(complete.begin(), complete.end(), 0) == complete.end();
    };

    std::vector<PartMatches> found(parts.size());
    bool complete = runOnParts([&](size_t p) { return searchRecords(parts[p], searcher, cancel, found[p]); });
    // A resource's record comes before the spans that refer to it: those of this range may refer to one
    // matched here or in an earlier range.
    SearchState ownState;
    SearchState& resources = state ? *state : ownState;
    for (const PartMatches& part : found)
        resources.matchingResources.insert(
            resources.matchingResources.end(), part.resources.begin(), part.resources.end());
    std::sort(resources.matchingResources.begin(), resources.matchingResources.end());
    resources.matchingResources.erase(
        std::unique(resources.matchingResources.begin(), resources.matchingResources.end()),
        resources.matchingResources.end());
    if (complete && !resources.matchingResources.empty()) {
        complete = runOnParts([&](size_t p) {
            return addRecordsOfResources(parts[p], resources.matchingResources, cancel, found[p].keys);
        });
    }
    file.unmap(const_cast<uchar*>(mapped));
    if (!complete)
        return std::nullopt;

    std::vector<int64_t> matches;
    for (const PartMatches& part : found)
        matches.insert(matches.end(), part.keys.begin(), part.keys.end());
    std::sort(matches.begin(), matches.end());
    matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
    return matches;
}

} // namespace skein
