// SPDX-License-Identifier: MIT
// The reading half of the packed format (see packedspan.h): its codes and a bounds-checked reader, shared by
// PackedSpan, which decodes whole records, and by readers that take only what they need from a blob.
#pragma once

#include "span.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace skein::packed {

inline constexpr uint8_t formatVersion = 1;
// Deeper values are refused on decode; the encoder never produces them from sane input.
inline constexpr int maxDepth = 64;

enum ValueCode : uint8_t {
    EmptyCode = 0,
    StringCode = 1,
    FalseCode = 2,
    TrueCode = 3,
    IntCode = 4,
    DoubleCode = 5,
    BytesCode = 6,
    ArrayCode = 7,
    KeyValueListCode = 8,
};

enum DetailField : uint8_t {
    AttributesField = 1,
    EventsField = 2,
    LinksField = 3,
    StatusMessageField = 4,
    TraceStateField = 5,
    WarningsField = 6,
    DroppedAttributesField = 7,
    DroppedEventsField = 8,
    DroppedLinksField = 9,
};

enum LinkTraceCode : uint8_t { SameTrace = 0, OtherTrace = 1 };

inline int64_t unzigzag(uint64_t value)
{
    return int64_t(value >> 1) ^ -int64_t(value & 1);
}

class Reader {
public:
    explicit Reader(std::string_view data)
        : m_pos(reinterpret_cast<const uint8_t*>(data.data()))
        , m_end(m_pos + data.size())
    {
    }

    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }
    bool atEnd() const { return m_pos == m_end; }
    size_t remaining() const { return size_t(m_end - m_pos); }

    void fail(const char* message)
    {
        if (m_error.empty())
            m_error = message;
        m_pos = m_end; // every later read fails fast
    }

    // The format version byte that starts every blob.
    bool startBlob()
    {
        const uint8_t version = byte();
        if (ok() && version != formatVersion)
            fail("unknown format version");
        return ok();
    }

    // The tag of a span's next details field; 0 at the end or on damage. Fields are written once each, in
    // increasing order (last holds the previous one): anything else is damage.
    uint8_t nextField(int& last)
    {
        if (!ok() || atEnd())
            return 0;
        const uint8_t field = byte();
        if (field <= last) {
            fail("fields out of order");
            return 0;
        }
        last = field;
        return field;
    }

    // The next byte, not consumed (0 at the end).
    uint8_t peekByte() const { return m_pos == m_end ? 0 : *m_pos; }

    uint8_t byte()
    {
        if (m_pos == m_end) {
            fail("truncated data");
            return 0;
        }
        return *m_pos++;
    }

    uint64_t varint()
    {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos == m_end) {
                fail("truncated varint");
                return 0;
            }
            const uint8_t b = *m_pos++;
            if (shift == 63 && b > 1) {
                fail("varint overflows 64 bits");
                return 0;
            }
            value |= uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80))
                return value;
        }
        fail("varint too long");
        return 0;
    }

    int64_t signedVarint() { return unzigzag(varint()); }

    uint32_t varint32()
    {
        const uint64_t value = varint();
        if (value > UINT32_MAX) {
            fail("value out of range");
            return 0;
        }
        return uint32_t(value);
    }

    uint64_t fixed64()
    {
        if (remaining() < 8) {
            fail("truncated fixed-size value");
            return 0;
        }
        uint64_t value = 0;
        for (int i = 0; i < 8; ++i)
            value |= uint64_t(m_pos[i]) << (8 * i);
        m_pos += 8;
        return value;
    }

    std::string_view bytes()
    {
        const uint64_t size = varint();
        if (size > remaining()) {
            fail("length runs past the end");
            return {};
        }
        const std::string_view view(reinterpret_cast<const char*>(m_pos), size_t(size));
        m_pos += size;
        return view;
    }

    std::string string()
    {
        const std::string_view view = bytes();
        return std::string(view);
    }

    // An element count; every element takes at least one byte, so a corrupt count cannot make us
    // reserve more than the blob could hold.
    size_t count()
    {
        const uint64_t n = varint();
        if (n > remaining()) {
            fail("count runs past the end");
            return 0;
        }
        return size_t(n);
    }

private:
    const uint8_t* m_pos;
    const uint8_t* m_end;
    std::string m_error;
};

// Reads one attribute value (depth: its nesting, 1 for a top-level attribute's). False on damage, as r.ok().
bool readValue(Reader& r, AttributeValue& value, int depth);

} // namespace skein::packed
