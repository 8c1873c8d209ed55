// SPDX-License-Identifier: MIT
#include "spanencoder.h"

#include "dictionaries.h"
#include "traceterms.h"

#include <cstring>

namespace skein {

void appendAttributeTerms(const Attributes& attributes, size_t first, const std::vector<uint64_t>* keyIds,
    AttributeKeyDictionary& keys, std::vector<int64_t>& terms, std::string& scratch)
{
    using Type = AttributeValue::Type;
    for (size_t i = first; i < attributes.size(); ++i) {
        const Attribute& attribute = attributes[i];
        const AttributeValue& value = attribute.value;
        if (value.type == Type::Empty || value.type == Type::Array || value.type == Type::KeyValueList)
            continue;
        const int64_t keyId = int64_t(keyIds && i < keyIds->size() ? (*keyIds)[i] : keys.keyId(attribute.key));
        if (keyId == 0)
            continue;
        if (value.type == Type::String) {
            terms.push_back(TraceTerms::attribute(keyId, value.text)); // toText() would only copy it
        } else {
            scratch = value.toText();
            terms.push_back(TraceTerms::attribute(keyId, scratch));
        }
    }
}

SpanEncoder::SpanEncoder(Dictionaries& dictionaries)
    : m_dictionaries(dictionaries)
    , m_recentKeys(recentKeySlots)
{
}

size_t SpanEncoder::recentKeySlot(std::string_view key)
{
    // The first and last eight bytes tell most keys apart; fixed-size copies compile to plain loads.
    uint64_t word = key.size();
    if (key.size() >= 8) {
        uint64_t first = 0;
        uint64_t last = 0;
        std::memcpy(&first, key.data(), 8);
        std::memcpy(&last, key.data() + key.size() - 8, 8);
        word ^= first * 0x9e3779b97f4a7c15ull ^ last;
    } else {
        for (char c : key)
            word = (word << 8) | uint8_t(c);
    }
    word *= 0xbf58476d1ce4e5b9ull;
    return size_t(word >> 32) & (recentKeySlots - 1);
}

uint64_t SpanEncoder::keyId(std::string_view key)
{
    RecentKey& recent = m_recentKeys[recentKeySlot(key)];
    if (recent.id != 0 && recent.key == key)
        return uint64_t(recent.id);
    int64_t id = 0;
    if (auto it = m_keys.find(key); it != m_keys.end()) {
        id = it->second;
    } else {
        id = int64_t(m_dictionaries.keyId(key));
        if (id == 0)
            return 0;
        m_keys.emplace(std::string(key), id);
    }
    recent.key.assign(key);
    recent.id = id;
    return uint64_t(id);
}

const std::string* SpanEncoder::keyName(uint64_t id)
{
    return m_dictionaries.keyName(id);
}

int64_t SpanEncoder::serviceId(const std::string& name)
{
    if (auto it = m_services.find(name); it != m_services.end())
        return it->second;
    const int64_t id = m_dictionaries.serviceId(name);
    if (id != 0)
        m_services.emplace(name, id);
    return id;
}

int64_t SpanEncoder::operationId(int64_t serviceId, const std::string& name)
{
    if (serviceId != m_lastServiceId || !m_lastOperations) {
        m_lastServiceId = serviceId;
        m_lastOperations = &m_operations[serviceId];
    }
    if (auto it = m_lastOperations->find(name); it != m_lastOperations->end())
        return it->second;
    const int64_t id = m_dictionaries.operationId(serviceId, name);
    if (id != 0)
        m_lastOperations->emplace(name, id);
    return id;
}

template <typename T, typename Encode>
void SpanEncoder::canonicalize(std::shared_ptr<const T>& object, Canonical<T>& canonical, const Encode& encode)
{
    if (!object)
        return;
    if (object != canonical.lastIn) {
        canonical.lastIn = object;
        canonical.lastOut = object;
        if (encode(*object, m_blob)) {
            // Bounded, for inputs with new content for every span.
            if (canonical.byContent.size() >= 4096)
                canonical.byContent.clear();
            canonical.lastOut = canonical.byContent.try_emplace(m_blob, object).first->second;
        }
    }
    object = canonical.lastOut;
}

bool SpanEncoder::encode(PreparedSpans& batch)
{
    batch.prepared.clear();
    batch.blobs.clear();
    batch.terms.clear();
    batch.prepared.reserve(batch.spans.size());
    bool ok = true;
    for (SpanRecord& span : batch.spans) {
        canonicalize(span.resource, m_resources, [&](const Resource& resource, std::string& out) {
            return PackedSpan::encodeResource(resource, *this, out);
        });
        canonicalize(span.scope, m_scopes, [&](const InstrumentationScope& scope, std::string& out) {
            return PackedSpan::encodeScope(scope, *this, out);
        });
        PreparedSpans::Prepared prepared;
        prepared.serviceId = serviceId(span.serviceName);
        prepared.operationId = prepared.serviceId ? operationId(prepared.serviceId, span.name) : 0;
        ok = PackedSpan::encodeDetails(span, *this, m_blob, &m_keyIds) && prepared.operationId != 0 && ok;
        batch.blobs += m_blob;
        prepared.blobEnd = batch.blobs.size();
        appendAttributeTerms(span.attributes, 0, &m_keyIds, *this, batch.terms, m_text);
        prepared.termsEnd = batch.terms.size();
        batch.prepared.push_back(prepared);
    }
    batch.encoded = ok;
    return ok;
}

} // namespace skein
