// SPDX-License-Identifier: MIT
// The searchable text of a trace too big to keep it in memory, kept in a temporary file instead: one
// record per span, "<key>\x01<lower-case text>\n" (the key is the writer's: TraceContent uses row ids), in any order. A
// search reads the file through (the system's page cache keeps it fast: a few hundred MB a second on one core) instead
// of decoding every span's details from the cache again, and the app's own memory does not grow with it.
//
// Resources (often a dozen or more attributes, shared by thousands of spans) are written once, as a record
// "r<resource>\x01<text>\n" that comes before the spans that refer to it: "<key>\x01\x03<resource>\x02<text>\n".
// A needle found in a resource's text matches every span that refers to it.
//
// Several threads may write it at once, each a block of whole records at a time, and searches may read it
// while it grows: the bytes written so far are always whole records, and a search can wait for more.
#pragma once

#include <QString>
#include <QTemporaryFile>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

class DetailTextFile {
public:
    // Null when no temporary file can be made (the caller then scans the cache).
    static std::unique_ptr<DetailTextFile> create();

    // Starts each field of a record's text after the first: a needle never holds it, so that a match cannot
    // run from one field into the next.
    static constexpr char fieldBreak = '\x02';

    // Appends one record to records (a writer's own buffer, for writeRecords()). text: folded as
    // TraceContent folds it, with line breaks between its fields (they become fieldBreak).
    static void appendRecord(std::string& records, int64_t key, std::string_view text);
    // appendRecord() in two halves, for a writer that appends the text to records itself in between, with
    // fieldBreak between its fields. resourceKey: the span's resource (appendResource()), 0 for none.
    static void beginRecord(std::string& records, int64_t key, int64_t resourceKey = 0);
    static void endRecord(std::string& records);
    // Appends the record of a resource's text (with fieldBreak between its fields) under resourceKey (> 0),
    // before the first record that refers to it in the same sequence of writes.
    static void appendResource(std::string& records, int64_t resourceKey, std::string_view text);
    // Appends whole records made by appendRecord() to the file, from any thread. False once a write failed.
    bool writeRecords(std::string_view records);
    // appendRecord() into the file's own buffer, written in big blocks: for a single writer.
    bool append(int64_t key, std::string_view text);
    // Writes what append() buffered and marks the file complete: it is when this returns true.
    bool finish();
    // Marks the file as never to be completed (its writer gave up), so that no search waits for it.
    void abandon();

    struct Progress {
        size_t bytes = 0; // whole records written so far
        bool ended = false; // finish() or abandon() was called, or a write failed: no more bytes come
        bool complete = false; // finished with every write done
    };
    Progress progress() const;
    // Waits until more than seenBytes are written or the writing has ended, at most timeout.
    Progress waitForMore(size_t seenBytes, std::chrono::milliseconds timeout) const;

    // What a search of a growing file has learned from the ranges it has read: the resources whose text holds
    // the needle. One per search, passed to each searchRange() in the order of the ranges.
    struct SearchState {
        std::vector<int64_t> matchingResources; // ascending keys
    };

    // Keys (ascending, each once) of the records whose text, or whose resource's, contains foldedNeedle, in the
    // whole (complete) file. Empty when cancelled or unreadable.
    std::optional<std::vector<int64_t>> search(
        std::string_view foldedNeedle, const std::atomic<bool>* cancel = nullptr) const;
    // The same in the records between the byte offsets from and to (record boundaries, as progress()
    // reports them), while the file may still grow. state: the search's, when it reads the file range by range.
    std::optional<std::vector<int64_t>> searchRange(size_t from, size_t to, std::string_view foldedNeedle,
        const std::atomic<bool>* cancel = nullptr, SearchState* state = nullptr) const;

private:
    DetailTextFile() = default;
    void endWriting(bool complete);

    QTemporaryFile m_file;
    QString m_path;
    std::string m_buffer; // append()'s
    mutable std::mutex m_mutex; // guards the file's writes and the progress below
    mutable std::condition_variable m_grown;
    size_t m_written = 0;
    bool m_ended = false;
    bool m_complete = false;
    bool m_failed = false;
};

} // namespace skein
