// SPDX-License-Identifier: MIT
// Walks a stream of JSON documents (one document, or JSON lines) with RapidJSON's SAX reader and lets a
// client pick which values to capture as small trees. The client never sees more than one captured
// value at a time, so memory stays bounded however large the file is.
#pragma once

#include "importmessage.h"
#include "jsonnode.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

class JsonInput;

// One step from a document's root to a value: a member key, or an array index.
struct JsonPathElement {
    std::string key; // empty for array elements
    int64_t index = -1; // -1 for object members
    bool isIndex() const { return index >= 0; }
};
using JsonPath = std::vector<JsonPathElement>;

class JsonStreamClient {
public:
    enum class Action { Descend, Capture, Skip };

    virtual ~JsonStreamClient() = default;
    virtual void documentStarted(int64_t /*index*/) { }
    // A value begins at path. Descend walks into an object or array (for a scalar it means Skip),
    // Capture builds its tree and hands it to captured(), Skip ignores it.
    virtual Action valueStarted(const JsonPath& path, bool isContainer) = 0;
    // Returns false to stop the whole import (the client reports why).
    virtual bool captured(const JsonPath& path, const JsonNode& value, const SourcePosition& position) = 0;
    // An object or array that the client descended into has ended.
    virtual bool containerEnded(const JsonPath& /*path*/) { return true; }
    // A document ended; complete is false when a syntax error cut it short (JSON lines go on after it).
    virtual bool documentEnded(int64_t /*index*/, bool /*complete*/) { return true; }
};

struct JsonStreamLimits {
    int maxDepth = 512;
    size_t maxCapturedBytes = size_t(512) << 20;
};

class JsonStreamParser {
public:
    explicit JsonStreamParser(JsonStreamLimits limits = {});

    // Parses every document of input. A syntax error in a single-document input rejects it; in a
    // stream of several documents (JSON lines) the broken line is skipped with a warning. Returns
    // false when the input was rejected or the client stopped (report says why unless the client did).
    bool parse(JsonInput& input, JsonStreamClient& client, ImportReport& report);

    int64_t documentCount() const { return m_documents; }

private:
    JsonStreamLimits m_limits;
    int64_t m_documents = 0;
};

} // namespace skein
