// SPDX-License-Identifier: MIT
#include "jaegertime.h"

namespace skein {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads exactly count digits at text[pos].
std::optional<int> fixedDigits(std::string_view text, size_t pos, size_t count)
{
    if (pos + count > text.size())
        return std::nullopt;
    int value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(text[i]))
            return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yearOfEra = unsigned(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + int64_t(dayOfEra) - 719468;
}

unsigned daysInMonth(int year, unsigned month)
{
    static constexpr unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// The unit of a Go duration component at text[pos], advancing pos past it; 0 when unknown.
int64_t durationUnit(std::string_view text, size_t& pos)
{
    static constexpr struct {
        std::string_view name;
        int64_t nanoseconds;
    } units[] = {
        { "ns", 1 },
        { "us", 1000 },
        { "\xC2\xB5s", 1000 }, // U+00B5 micro sign
        { "\xCE\xBCs", 1000 }, // U+03BC Greek mu
        { "ms", 1000000 },
        { "s", 1000000000 },
        { "m", 60 * int64_t(1000000000) },
        { "h", 3600 * int64_t(1000000000) },
    };
    // "ms" before "m" and "s": the table is ordered so that longer names win.
    for (const auto& unit : units) {
        if (text.substr(pos, unit.name.size()) == unit.name) {
            pos += unit.name.size();
            return unit.nanoseconds;
        }
    }
    return 0;
}

} // namespace

std::optional<int64_t> microsecondsToNanoseconds(int64_t microseconds)
{
    int64_t result = 0;
    if (__builtin_mul_overflow(microseconds, int64_t(1000), &result))
        return std::nullopt;
    return result;
}

std::optional<int64_t> parseRfc3339Nanoseconds(std::string_view text)
{
    const auto year = fixedDigits(text, 0, 4);
    const auto month = fixedDigits(text, 5, 2);
    const auto day = fixedDigits(text, 8, 2);
    if (!year || !month || !day || text[4] != '-' || text[7] != '-' || *month < 1 || *month > 12 || *day < 1
        || unsigned(*day) > daysInMonth(*year, unsigned(*month)))
        return std::nullopt;
    if (text.size() < 19 || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
        return std::nullopt;
    const auto hour = fixedDigits(text, 11, 2);
    const auto minute = fixedDigits(text, 14, 2);
    const auto second = fixedDigits(text, 17, 2);
    if (!hour || !minute || !second || text[13] != ':' || text[16] != ':' || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;

    size_t pos = 19;
    int64_t fraction = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        const size_t start = pos;
        int digits = 0;
        while (pos < text.size() && isDigit(text[pos])) {
            if (digits < 9) {
                fraction = fraction * 10 + (text[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
        for (; digits < 9; ++digits)
            fraction *= 10;
    }

    int64_t offsetSeconds = 0;
    if (pos < text.size()) {
        const char sign = text[pos];
        if (sign == 'Z' || sign == 'z') {
            ++pos;
        } else if (sign == '+' || sign == '-') {
            const auto offsetHours = fixedDigits(text, pos + 1, 2);
            const auto offsetMinutes = fixedDigits(text, pos + 4, 2);
            if (!offsetHours || !offsetMinutes || text[pos + 3] != ':' || *offsetHours > 23 || *offsetMinutes > 59)
                return std::nullopt;
            offsetSeconds = (*offsetHours * 3600 + *offsetMinutes * 60) * (sign == '-' ? -1 : 1);
            pos += 6;
        }
    }
    if (pos != text.size())
        return std::nullopt;

    const int64_t seconds = daysFromCivil(*year, unsigned(*month), unsigned(*day)) * 86400 + *hour * 3600 + *minute * 60
        + *second - offsetSeconds;
    int64_t nanoseconds = 0;
    if (__builtin_mul_overflow(seconds, int64_t(1000000000), &nanoseconds)
        || __builtin_add_overflow(nanoseconds, fraction, &nanoseconds))
        return std::nullopt;
    return nanoseconds;
}

std::optional<int64_t> parseDurationNanoseconds(std::string_view text)
{
    size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    if (text.substr(pos) == "0")
        return 0;
    if (pos == text.size())
        return std::nullopt;

    __int128 total = 0;
    constexpr __int128 limit = __int128(INT64_MAX) + 1;
    while (pos < text.size()) {
        __int128 whole = 0;
        const size_t wholeStart = pos;
        while (pos < text.size() && isDigit(text[pos])) {
            whole = whole * 10 + (text[pos] - '0');
            if (whole > limit)
                return std::nullopt;
            ++pos;
        }
        const bool hasWhole = pos > wholeStart;
        __int128 fraction = 0;
        __int128 scale = 1;
        bool hasFraction = false;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            while (pos < text.size() && isDigit(text[pos])) {
                hasFraction = true;
                // Beyond 18 digits nothing is left of a nanosecond.
                if (scale < __int128(1000000000000000000)) {
                    fraction = fraction * 10 + (text[pos] - '0');
                    scale *= 10;
                }
                ++pos;
            }
        }
        if (!hasWhole && !hasFraction)
            return std::nullopt;
        const int64_t unit = durationUnit(text, pos);
        if (unit == 0)
            return std::nullopt;
        total += whole * unit + fraction * unit / scale;
        if (total > limit)
            return std::nullopt;
    }
    if (negative)
        total = -total;
    if (total > INT64_MAX || total < INT64_MIN)
        return std::nullopt;
    return int64_t(total);
}

} // namespace skein
