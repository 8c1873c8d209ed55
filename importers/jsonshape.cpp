// SPDX-License-Identifier: MIT
#include "jsonshape.h"

#include "jsonnode.h"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace skein {

namespace {

// Records the few structural facts a format decision needs; ignores all values.
class ShapeHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ShapeHandler> {
public:
    explicit ShapeHandler(JsonShape& shape)
        : m_shape(shape)
    {
    }

    bool Default()
    {
        valueStarted(JsonShape::Root::Scalar);
        return true;
    }
    bool String(const char*, rapidjson::SizeType, bool) { return Default(); }
    bool Key(const char* str, rapidjson::SizeType length, bool)
    {
        const std::string key(str, length);
        Frame& frame = m_frames.back();
        frame.key = key;
        if (m_frames.size() == 1 && frame.kind == FrameKind::Root)
            m_shape.rootKeys.push_back(key);
        else if (frame.kind == FrameKind::FirstElement)
            m_shape.firstElementKeys.push_back(key);
        else if (frame.kind == FrameKind::Data)
            m_shape.dataKeys.push_back(key);
        else if (frame.kind == FrameKind::FirstSpan)
            m_shape.firstSpanKeys.push_back(key);
        return true;
    }
    bool StartObject()
    {
        const FrameKind kind = valueStarted(JsonShape::Root::Object);
        m_frames.push_back({ kind, false, 0, {} });
        return true;
    }
    bool EndObject(rapidjson::SizeType)
    {
        m_frames.pop_back();
        return true;
    }
    bool StartArray()
    {
        const FrameKind kind = valueStarted(JsonShape::Root::Array);
        m_frames.push_back({ kind, true, 0, {} });
        return true;
    }
    bool EndArray(rapidjson::SizeType)
    {
        m_frames.pop_back();
        return true;
    }

private:
    enum class FrameKind { Other, Root, FirstElement, Data, DataArray, FirstSpan, SpansArray, InnerArray };
    struct Frame {
        FrameKind kind;
        bool isArray;
        int64_t count;
        std::string key;
    };

    // Classifies the value that starts now by where it sits.
    FrameKind valueStarted(JsonShape::Root type)
    {
        if (m_frames.empty()) {
            m_shape.root = type;
            return FrameKind::Root;
        }
        Frame& parent = m_frames.back();
        const int64_t index = parent.count++;
        if (parent.isArray) {
            if (parent.kind == FrameKind::Root && index == 0) {
                m_shape.firstElement = type;
                return type == JsonShape::Root::Array ? FrameKind::InnerArray : FrameKind::FirstElement;
            }
            if (parent.kind == FrameKind::InnerArray && index == 0)
                return FrameKind::FirstElement;
            if (parent.kind == FrameKind::DataArray && index == 0)
                return FrameKind::Data;
            if (parent.kind == FrameKind::SpansArray && index == 0 && !m_sawSpan) {
                m_sawSpan = true;
                return FrameKind::FirstSpan;
            }
            return FrameKind::Other;
        }
        if (parent.kind == FrameKind::Root && m_frames.size() == 1 && parent.key == "data") {
            m_shape.data = type;
            return type == JsonShape::Root::Array ? FrameKind::DataArray : FrameKind::Data;
        }
        if (parent.key == "spans" && type == JsonShape::Root::Array && !m_sawSpan)
            return FrameKind::SpansArray;
        return FrameKind::Other;
    }

    JsonShape& m_shape;
    std::vector<Frame> m_frames;
    bool m_sawSpan = false;
};

bool isBlank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

bool JsonShape::hasKey(const std::vector<std::string>& keys, std::string_view key)
{
    for (const std::string& candidate : keys) {
        if (looseKeyEquals(candidate, key))
            return true;
    }
    return false;
}

bool JsonShape::hasRootKey(std::string_view key) const
{
    return hasKey(rootKeys, key);
}

JsonShape sniffJsonShape(std::string_view prefix)
{
    JsonShape shape;
    // A UTF-8 byte order mark is not JSON but some tools write one.
    if (prefix.substr(0, 3) == "\xEF\xBB\xBF")
        prefix.remove_prefix(3);
    size_t start = 0;
    while (start < prefix.size() && isBlank(prefix[start]))
        ++start;
    if (start == prefix.size() || (prefix[start] != '{' && prefix[start] != '['))
        return shape;

    rapidjson::MemoryStream stream(prefix.data(), prefix.size());
    rapidjson::Reader reader;
    ShapeHandler handler(shape);
    constexpr unsigned flags
        = rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseIterativeFlag | rapidjson::kParseNanAndInfFlag;
    const rapidjson::ParseResult result = reader.Parse<flags>(stream, handler);
    if (!result) {
        // Cut off by the end of the prefix is fine; a real syntax error shows later with its position.
        return shape;
    }
    shape.complete = true;
    size_t rest = stream.Tell();
    shape.firstDocumentOnOneLine = prefix.substr(start, rest - start).find('\n') == std::string_view::npos;
    while (rest < prefix.size() && isBlank(prefix[rest]))
        ++rest;
    shape.severalDocuments = rest < prefix.size();
    return shape;
}

} // namespace skein
