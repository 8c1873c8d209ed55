// SPDX-License-Identifier: MIT
// What the first bytes of a JSON input look like: enough to pick a format reader before streaming.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skein {

struct JsonShape {
    enum class Root { NotJson, Object, Array, Scalar };
    Root root = Root::NotJson;
    bool complete = false; // the first document ended inside the sniffed prefix
    bool severalDocuments = false; // more JSON follows the first document (JSON lines)
    bool firstDocumentOnOneLine = false; // no newline inside the first document: one document per line
    std::vector<std::string> rootKeys; // top-level keys of the root object, in order (as far as seen)
    // Root array: the first element's kind and keys; for an array of arrays, the keys of the first
    // element of the first inner array.
    Root firstElement = Root::NotJson;
    std::vector<std::string> firstElementKeys;
    // The value under "data" (Jaeger envelopes and UI state dumps) and its first element's keys.
    Root data = Root::NotJson;
    std::vector<std::string> dataKeys; // keys of the data object, or of data[0]
    // Keys of the first object in the first "spans" array seen at any depth.
    std::vector<std::string> firstSpanKeys;

    bool hasRootKey(std::string_view key) const; // loose: ignores case and underscores
    static bool hasKey(const std::vector<std::string>& keys, std::string_view key);
};

// Looks at up to the whole of prefix (the input may go on after it).
JsonShape sniffJsonShape(std::string_view prefix);

} // namespace skein
