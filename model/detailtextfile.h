// SPDX-License-Identifier: MIT
// The searchable text of a trace too big to keep it in memory, kept in a temporary file instead: one
// record per span, "<span index>\x01<lower-case text>\n", in any span order. A search reads the file
// through (the system's page cache keeps it fast: a few hundred MB a second on one core) instead of
// decoding every span's details from the cache again, and the app's own memory does not grow with it.
#pragma once

#include <QString>
#include <QTemporaryFile>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

class DetailTextFile {
public:
    // Null when no temporary file can be made (the caller then scans the cache).
    static std::unique_ptr<DetailTextFile> create();

    // text: folded as TraceContent folds it (no '\x01'); its line breaks are kept as '\x02'. False once a
    // write failed.
    bool append(int32_t span, std::string_view text);
    // Flushes what is buffered; the file is complete when this returns true.
    bool finish();

    // Span indexes (ascending) whose text contains foldedNeedle. Empty when cancelled or unreadable.
    std::optional<std::vector<int32_t>> search(
        std::string_view foldedNeedle, const std::atomic<bool>* cancel = nullptr) const;

private:
    DetailTextFile() = default;
    bool flush();

    QTemporaryFile m_file;
    QString m_path;
    std::string m_buffer;
    bool m_failed = false;
};

} // namespace skein
