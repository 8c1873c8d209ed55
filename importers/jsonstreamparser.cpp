// SPDX-License-Identifier: MIT
#include "jsonstreamparser.h"

#include "jsoninput.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace skein {

namespace {

enum class Failure { None, Client, Depth, Size };

// Routes SAX events: a captured value's events go to the tree builder, the rest update the path.
class Router {
public:
    using Ch = char;
    using SizeType = unsigned;

    Router(JsonStreamClient& client, JsonInput& input, const JsonStreamLimits& limits)
        : m_client(client)
        , m_input(input)
        , m_limits(limits)
    {
    }

    Failure failure() const { return m_failure; }
    bool insideCapture() const { return m_captureDepth > 0; }

    bool Null()
    {
        return scalar([](JsonTreeBuilder& b) { return b.Null(); });
    }
    bool Bool(bool v)
    {
        return scalar([v](JsonTreeBuilder& b) { return b.Bool(v); });
    }
    bool Int(int v)
    {
        return scalar([v](JsonTreeBuilder& b) { return b.Int64(v); });
    }
    bool Uint(unsigned v)
    {
        return scalar([v](JsonTreeBuilder& b) { return b.Uint64(v); });
    }
    bool Int64(int64_t v)
    {
        return scalar([v](JsonTreeBuilder& b) { return b.Int64(v); });
    }
    bool Uint64(uint64_t v)
    {
        return scalar([v](JsonTreeBuilder& b) { return b.Uint64(v); });
    }
    bool Double(double v)
    {
        return scalar([v](JsonTreeBuilder& b) { return b.Double(v); });
    }
    bool RawNumber(const Ch*, SizeType, bool) { return false; }
    bool String(const Ch* s, SizeType n, bool c)
    {
        return scalar([s, n, c](JsonTreeBuilder& b) { return b.String(s, n, c); });
    }

    bool StartObject() { return startContainer(false); }
    bool StartArray() { return startContainer(true); }
    bool EndObject(SizeType count) { return endContainer(false, count); }
    bool EndArray(SizeType count) { return endContainer(true, count); }

    bool Key(const Ch* s, SizeType n, bool c)
    {
        if (m_captureDepth > 0)
            return m_builder.Key(s, n, c) && withinSize();
        if (m_skipDepth > 0)
            return true;
        m_path.back().key.assign(s, n);
        return true;
    }

private:
    struct Frame {
        bool isArray;
        bool descended; // false: skipped
    };

    // Decides what to do with the value that starts now, at the current path.
    JsonStreamClient::Action decide(bool isContainer)
    {
        if (!m_frames.empty() && m_frames.back().isArray)
            ++m_path.back().index;
        return m_client.valueStarted(m_path, isContainer);
    }

    template <typename Emit> bool scalar(Emit emit)
    {
        if (m_captureDepth > 0)
            return emit(m_builder) && withinSize();
        if (m_skipDepth > 0)
            return true;
        if (decide(false) != JsonStreamClient::Action::Capture)
            return true;
        const SourcePosition position = m_input.position();
        m_builder.reset();
        emit(m_builder);
        return deliver(position);
    }

    bool startContainer(bool isArray)
    {
        if (++m_depth > m_limits.maxDepth) {
            m_failure = Failure::Depth;
            return false;
        }
        if (m_captureDepth > 0) {
            ++m_captureDepth;
            return (isArray ? m_builder.StartArray() : m_builder.StartObject()) && withinSize();
        }
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return true;
        }
        switch (decide(true)) {
        case JsonStreamClient::Action::Capture:
            m_capturePosition = m_input.position();
            m_builder.reset();
            m_captureDepth = 1;
            return isArray ? m_builder.StartArray() : m_builder.StartObject();
        case JsonStreamClient::Action::Skip:
            m_skipDepth = 1;
            return true;
        case JsonStreamClient::Action::Descend:
            m_frames.push_back({ isArray, true });
            m_path.push_back({});
            if (!isArray)
                m_path.back().index = -1;
            return true;
        }
        return true;
    }

    bool endContainer(bool isArray, SizeType count)
    {
        --m_depth;
        if (m_captureDepth > 0) {
            const bool ok = isArray ? m_builder.EndArray(count) : m_builder.EndObject(count);
            if (!ok || !withinSize())
                return false;
            if (--m_captureDepth == 0)
                return deliver(m_capturePosition);
            return true;
        }
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        m_frames.pop_back();
        m_path.pop_back();
        if (!m_client.containerEnded(m_path)) {
            m_failure = Failure::Client;
            return false;
        }
        return true;
    }

    bool deliver(const SourcePosition& position)
    {
        if (!m_client.captured(m_path, m_builder.root(), position)) {
            m_failure = Failure::Client;
            return false;
        }
        return true;
    }

    bool withinSize()
    {
        if (m_builder.bytesUsed() > m_limits.maxCapturedBytes) {
            m_failure = Failure::Size;
            return false;
        }
        return true;
    }

    JsonStreamClient& m_client;
    JsonInput& m_input;
    const JsonStreamLimits& m_limits;
    JsonTreeBuilder m_builder;
    std::vector<Frame> m_frames;
    JsonPath m_path;
    SourcePosition m_capturePosition;
    int m_captureDepth = 0;
    int m_skipDepth = 0;
    int m_depth = 0;
    Failure m_failure = Failure::None;
};

std::string describeSyntaxError(rapidjson::ParseErrorCode code)
{
    switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
        return "expected a JSON value but the input ended";
    case rapidjson::kParseErrorValueInvalid:
        return "expected a JSON value (object, array, string, number, true, false or null)";
    case rapidjson::kParseErrorObjectMissName:
        return "expected a member name in double quotes";
    case rapidjson::kParseErrorObjectMissColon:
        return "expected ':' after a member name";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
        return "expected ',' or '}' in an object";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
        return "expected ',' or ']' in an array";
    case rapidjson::kParseErrorStringMissQuotationMark:
        return "expected the closing '\"' of a string but the input ended";
    default:
        return rapidjson::GetParseError_En(code);
    }
}

} // namespace

JsonStreamParser::JsonStreamParser(JsonStreamLimits limits)
    : m_limits(limits)
{
}

bool JsonStreamParser::parse(JsonInput& input, JsonStreamClient& client, ImportReport& report)
{
    constexpr unsigned flags
        = rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseIterativeFlag | rapidjson::kParseNanAndInfFlag;
    m_documents = 0;
    int64_t brokenDocuments = 0;
    for (;;) {
        if (!input.skipWhitespace())
            break;
        const SourcePosition documentStart = input.position();
        rapidjson::Reader reader;
        Router router(client, input, m_limits);
        client.documentStarted(m_documents);
        const rapidjson::ParseResult result = reader.Parse<flags>(input, router);
        const int64_t index = m_documents++;
        if (result) {
            if (input.lineMode()) {
                if (!input.restOfLineIsBlank()) {
                    const SourcePosition position = input.position();
                    report.warn("line " + std::to_string(position.line) + ": text after the JSON document was ignored",
                        position);
                }
                input.skipLine();
            }
            if (!client.documentEnded(index, true))
                return false;
            continue;
        }

        if (input.readFailed())
            return false; // the caller reports the source's error (corrupt compression, cancel)
        client.documentEnded(index, false);
        if (router.failure() == Failure::Client)
            return false;

        SourcePosition position = input.positionOf(result.Offset());
        std::string message;
        switch (router.failure()) {
        case Failure::Depth:
            message = "JSON nested deeper than " + std::to_string(m_limits.maxDepth) + " levels";
            break;
        case Failure::Size:
            message = "a single JSON element larger than " + std::to_string(m_limits.maxCapturedBytes >> 20) + " MiB";
            break;
        default:
            message = "invalid JSON: " + describeSyntaxError(result.Code());
            if (input.Peek() != '\0' && !input.atEnd()) {
                const unsigned char c = static_cast<unsigned char>(input.Peek());
                if (c >= 0x20 && c < 0x7f)
                    message += std::string(", found '") + char(c) + "'";
            }
            break;
        }

        // A stream of documents (JSON lines) goes on after a broken line; a single document cannot.
        const bool singleLineDocument = documentStart.line == position.line;
        if ((input.lineMode() || index > brokenDocuments || singleLineDocument) && router.failure() == Failure::None) {
            ++brokenDocuments;
            report.warn("line " + std::to_string(position.line) + " skipped: " + message, position);
            input.skipLine();
            continue;
        }
        report.reject(message, position);
        return false;
    }
    if (input.readFailed())
        return false;
    if (m_documents == 0 || m_documents == brokenDocuments) {
        if (!report.rejected) {
            const std::string message = m_documents == 0 ? "the file is empty"
                : report.warnings.empty()                ? "no valid JSON document"
                                                         : report.warnings.front().message;
            const SourcePosition position = m_documents == 0 ? SourcePosition {} : report.warnings.front().position;
            if (m_documents != 0)
                report.warnings.erase(report.warnings.begin());
            report.reject(message, position);
        }
        return false;
    }
    return true;
}

} // namespace skein
