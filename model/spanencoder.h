// SPDX-License-Identifier: MIT
// The half of writing spans to the cache that needs no database: names become dictionary ids, details
// are packed and search terms hashed. An import does it on the thread that parses, so that the thread
// that writes to SQLite (the slower half) only has to store rows.
#pragma once

#include "packedspan.h"
#include "span.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace skein {

class Dictionaries;

// A batch of spans with what the cache stores for them, once encoded. clear() keeps the allocations for
// the next batch.
struct PreparedSpans {
    struct Prepared {
        int64_t serviceId = 0;
        int64_t operationId = 0;
        size_t blobEnd = 0; // the span's details are blobs[previous blobEnd, blobEnd)
        size_t termsEnd = 0; // its attribute search terms are terms[previous termsEnd, termsEnd)
    };
    std::vector<SpanRecord> spans;
    std::vector<Prepared> prepared; // one per span
    std::string blobs;
    std::vector<int64_t> terms;
    bool encoded = false;

    std::string_view blob(size_t i) const
    {
        const size_t begin = i ? prepared[i - 1].blobEnd : 0;
        return std::string_view(blobs).substr(begin, prepared[i].blobEnd - begin);
    }
    size_t termsBegin(size_t i) const { return i ? prepared[i - 1].termsEnd : 0; }
    void clear()
    {
        spans.clear();
        prepared.clear();
        blobs.clear();
        terms.clear();
        encoded = false;
    }
    // Replaces the batch's spans with these (leaving spans empty).
    void take(std::vector<SpanRecord>& newSpans)
    {
        clear();
        spans.swap(newSpans);
    }
};

// Use from one thread at a time; the dictionaries must be in import mode when another thread writes.
class SpanEncoder : public AttributeKeyDictionary {
public:
    explicit SpanEncoder(Dictionaries& dictionaries);

    // Encodes the batch's spans. False when a name got no id (a database error).
    bool encode(PreparedSpans& batch);

    uint64_t keyId(std::string_view key) override;
    const std::string* keyName(uint64_t id) override;

private:
    struct TextHash {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
    };
    // Ids never change during an import, so a local copy answers repeats without the dictionaries' lock.
    using IdMap = std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>>;

    int64_t serviceId(const std::string& name);
    int64_t operationId(int64_t serviceId, const std::string& name);

    // Importers make a new resource (or scope) object for each group of spans, mostly with the content of
    // an earlier one. Spans get one object per content, so that the writer, which knows resources by
    // their object, stores each content once without encoding it again.
    template <typename T> struct Canonical {
        std::shared_ptr<const T> lastIn; // held, so that its address is not reused while it is compared
        std::shared_ptr<const T> lastOut;
        std::unordered_map<std::string, std::shared_ptr<const T>> byContent;
    };
    template <typename T, typename Encode>
    void canonicalize(std::shared_ptr<const T>& object, Canonical<T>& canonical, const Encode& encode);

    // Spans of one kind name the same keys over and over: a small table indexed by a cheap hash of the
    // key answers most lookups with one comparison, before the map's full hash.
    struct RecentKey {
        std::string key;
        int64_t id = 0;
    };
    static constexpr size_t recentKeySlots = 512;
    static size_t recentKeySlot(std::string_view key);

    Dictionaries& m_dictionaries;
    std::vector<RecentKey> m_recentKeys;
    IdMap m_services;
    std::unordered_map<int64_t, IdMap> m_operations; // by service id
    int64_t m_lastServiceId = 0;
    IdMap* m_lastOperations = nullptr; // of m_lastServiceId
    IdMap m_keys;
    Canonical<Resource> m_resources;
    Canonical<InstrumentationScope> m_scopes;
    std::vector<uint64_t> m_keyIds;
    std::string m_blob;
    std::string m_text;
};

// The search terms of attributes[first...] (arrays and lists are not searchable), appended to terms.
// keyIds, when not null, holds the ids of all the attributes' keys (as the details encoder reported
// them); otherwise keys are looked up in keys.
void appendAttributeTerms(const Attributes& attributes, size_t first, const std::vector<uint64_t>* keyIds,
    AttributeKeyDictionary& keys, std::vector<int64_t>& terms, std::string& scratch);

} // namespace skein
