// SPDX-License-Identifier: MIT
#include "textmatch.h"

#include <algorithm>

namespace skein {

namespace {

char foldAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

std::string foldedAscii(const QString& needle, bool* ascii)
{
    std::string folded;
    folded.reserve(size_t(needle.size()));
    *ascii = true;
    for (QChar c : needle) {
        if (c.unicode() >= 0x80) {
            *ascii = false;
            return {};
        }
        folded.push_back(foldAscii(char(c.unicode())));
    }
    return folded;
}

} // namespace

size_t TextMatch::FoldedHash::operator()(char c) const
{
    return std::hash<char>()(foldAscii(c));
}

bool TextMatch::FoldedEqual::operator()(char a, char b) const
{
    return foldAscii(a) == foldAscii(b);
}

TextMatch::TextMatch(const QString& needle)
    : m_needle(needle)
    , m_folded(foldedAscii(needle, &m_ascii))
    , m_searcher(m_folded.cbegin(), m_folded.cend())
{
}

bool TextMatch::foundIn(std::string_view utf8) const
{
    if (m_needle.isEmpty())
        return true;
    if (!m_ascii)
        return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).contains(m_needle, Qt::CaseInsensitive);
    return std::search(utf8.begin(), utf8.end(), m_searcher) != utf8.end();
}

} // namespace skein
