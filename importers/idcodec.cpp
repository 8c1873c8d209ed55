// SPDX-License-Identifier: MIT
#include "idcodec.h"

#include <array>

namespace skein {

namespace {

constexpr std::array<int8_t, 256> makeBase64Table()
{
    std::array<int8_t, 256> table {};
    for (auto& entry : table)
        entry = -1;
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(alphabet[i])] = int8_t(i);
    table[static_cast<unsigned char>('-')] = 62;
    table[static_cast<unsigned char>('_')] = 63;
    return table;
}

constexpr auto base64Table = makeBase64Table();

bool isHex(std::string_view text)
{
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

} // namespace

std::optional<std::string> decodeBase64(std::string_view text)
{
    while (!text.empty() && text.back() == '=')
        text.remove_suffix(1);
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    uint32_t accumulator = 0;
    int bits = 0;
    for (char c : text) {
        const int8_t value = base64Table[static_cast<unsigned char>(c)];
        if (value < 0)
            return std::nullopt;
        accumulator = (accumulator << 6) | uint32_t(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((accumulator >> bits) & 0xFF));
        }
    }
    return out;
}

std::string encodeBase64(std::string_view bytes)
{
    return AttributeValue::fromBytes(std::string(bytes)).toText();
}

std::optional<TraceId> decodeTraceId(std::string_view text)
{
    // Random 16 bytes in base64 are practically never all hex digits, so hex wins when both parse.
    if (!text.empty() && text.size() <= 32 && isHex(text))
        return TraceId::fromHex(text);
    if (text.size() >= 22 && text.size() <= 24) {
        if (const auto bytes = decodeBase64(text); bytes && bytes->size() == 16)
            return TraceId::fromBytes(reinterpret_cast<const unsigned char*>(bytes->data()));
    }
    return std::nullopt;
}

std::optional<SpanId> decodeSpanId(std::string_view text)
{
    if (!text.empty() && text.size() <= 16 && isHex(text))
        return spanIdFromHex(text);
    if (text.size() >= 11 && text.size() <= 12) {
        if (const auto bytes = decodeBase64(text); bytes && bytes->size() == 8) {
            SpanId id = 0;
            for (unsigned char c : *bytes)
                id = (id << 8) | c;
            return id;
        }
    }
    return std::nullopt;
}

} // namespace skein
