// SPDX-License-Identifier: MIT
// Case-insensitive "contains" over UTF-8 text kept packed (event fields), without making a QString of
// every haystack: an ASCII needle is compared byte by byte with ASCII folding, which is what users type
// almost always; any other needle falls back to Qt's full case folding on the decoded text.
#pragma once

#include <QString>

#include <functional>
#include <string>
#include <string_view>

namespace skein {

class TextMatch {
public:
    explicit TextMatch(const QString& needle);
    // The searcher points into m_folded.
    TextMatch(const TextMatch&) = delete;
    TextMatch& operator=(const TextMatch&) = delete;

    bool isEmpty() const { return m_needle.isEmpty(); }
    bool foundIn(std::string_view utf8) const;
    bool foundIn(const QString& text) const { return text.contains(m_needle, Qt::CaseInsensitive); }

private:
    struct FoldedHash {
        size_t operator()(char c) const;
    };
    struct FoldedEqual {
        bool operator()(char a, char b) const;
    };

    QString m_needle;
    bool m_ascii = true;
    std::string m_folded; // the ASCII needle, lower case
    std::boyer_moore_horspool_searcher<std::string::const_iterator, FoldedHash, FoldedEqual> m_searcher;
};

} // namespace skein
