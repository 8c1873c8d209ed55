// SPDX-License-Identifier: MIT
// Protobuf wire reading straight from a ByteSource: varints, skips and the bytes of one small message in
// one piece. Offsets are 64-bit and there is no total size limit, unlike CodedInputStream (2 GiB), so
// files of any size can be walked field by field and every problem named by its byte offset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

class ByteSource;

class OtlpProtoInput {
public:
    enum class Result {
        Ok,
        End, // the input ended first; position() is then the end of the input
        Malformed, // a varint longer than 10 bytes
        SourceFailed, // ByteSource::read() failed (decompression error, cancel): see the source's errorString()
    };

    explicit OtlpProtoInput(ByteSource& source, size_t bufferSize = 256 * 1024);

    int64_t position() const { return m_bufferOffset + int64_t(m_pos); }
    // False also when reading failed; sourceFailed() tells the two apart.
    bool atEnd();
    bool sourceFailed() const { return m_failed; }

    Result readVarint(uint64_t& value);
    Result skip(uint64_t count);
    // The next size bytes in one piece; valid until the next call. Larger messages than the buffer are
    // gathered in a second buffer that grows only as bytes actually arrive, so a hostile declared size
    // costs nothing until the data is there.
    Result take(size_t size, std::string_view& bytes);

private:
    // Makes at least wanted bytes (<= the buffer size) available; false when fewer remain.
    bool fill(size_t wanted);
    size_t available() const { return m_end - m_pos; }
    Result ended();

    ByteSource& m_source;
    std::vector<char> m_buffer;
    size_t m_pos = 0;
    size_t m_end = 0;
    int64_t m_bufferOffset = 0; // the input offset of m_buffer[0]
    bool m_eof = false;
    bool m_failed = false;
    std::string m_large;
};

} // namespace skein
