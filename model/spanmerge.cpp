// SPDX-License-Identifier: MIT
#include "spanmerge.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_set>

namespace skein {

namespace {

// Zipkin fragments without a timestamp carry zero start and duration: they say nothing about timing.
bool hasTiming(const SpanRecord& span)
{
    return span.startNs != 0 || span.durationNs != 0;
}

int64_t saturatingEnd(int64_t start, int64_t duration)
{
    int64_t end = 0;
    if (__builtin_add_overflow(start, duration, &end))
        return duration > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    return end;
}

void fill(std::string& target, const std::string& fragment)
{
    if (target.empty())
        target = fragment;
}

template <typename T> void unite(std::vector<T>& target, const std::vector<T>& fragment)
{
    const size_t originalSize = target.size();
    for (const T& item : fragment) {
        // Only the original items can match: the fragment itself may legitimately repeat an item.
        if (std::find(target.begin(), target.begin() + ptrdiff_t(originalSize), item)
            == target.begin() + ptrdiff_t(originalSize))
            target.push_back(item);
    }
}

void uniteEvents(std::vector<SpanEvent>& target, const std::vector<SpanEvent>& fragment)
{
    // Spans can carry thousands of log events; a hash of (time, name) avoids a quadratic scan.
    auto hashOf = [](const SpanEvent& event) {
        return std::hash<int64_t>()(event.timeNs) ^ (std::hash<std::string_view>()(event.name) * 31);
    };
    const size_t originalSize = target.size();
    std::unordered_multiset<size_t> hashes;
    hashes.reserve(originalSize);
    for (const SpanEvent& event : target)
        hashes.insert(hashOf(event));
    for (const SpanEvent& event : fragment) {
        const size_t hash = hashOf(event);
        bool duplicate = false;
        if (hashes.count(hash)) {
            for (size_t i = 0; i < originalSize && !duplicate; ++i)
                duplicate = target[i] == event;
        }
        if (!duplicate)
            target.push_back(event);
    }
}

void uniteAttributes(Attributes& target, const Attributes& fragment)
{
    std::unordered_set<std::string_view> keys;
    keys.reserve(target.size() + fragment.size());
    for (const Attribute& attribute : target)
        keys.insert(attribute.key);
    Attributes added;
    for (const Attribute& attribute : fragment) {
        if (keys.insert(attribute.key).second)
            added.push_back(attribute);
    }
    // Appended after the loop: pushing into target would invalidate the string_views in keys.
    for (Attribute& attribute : added)
        target.push_back(std::move(attribute));
}

} // namespace

void mergeSpanFragment(SpanRecord& target, const SpanRecord& fragment)
{
    if (target.parentSpanId == 0)
        target.parentSpanId = fragment.parentSpanId;
    fill(target.name, fragment.name);
    fill(target.serviceName, fragment.serviceName);
    if (target.kind == SpanKind::Unspecified)
        target.kind = fragment.kind;

    if (!hasTiming(target)) {
        target.startNs = fragment.startNs;
        target.durationNs = fragment.durationNs;
    } else if (hasTiming(fragment)) {
        const int64_t start = std::min(target.startNs, fragment.startNs);
        const int64_t end = std::max(
            saturatingEnd(target.startNs, target.durationNs), saturatingEnd(fragment.startNs, fragment.durationNs));
        int64_t duration = 0;
        if (__builtin_sub_overflow(end, start, &duration))
            duration = std::numeric_limits<int64_t>::max();
        target.startNs = start;
        target.durationNs = duration;
    }

    // Unset < Ok < Error: a fragment that saw the failure decides.
    target.status = std::max(target.status, fragment.status);
    fill(target.statusMessage, fragment.statusMessage);
    target.flags |= fragment.flags;
    fill(target.traceState, fragment.traceState);

    uniteAttributes(target.attributes, fragment.attributes);
    uniteEvents(target.events, fragment.events);
    unite(target.links, fragment.links);
    unite(target.warnings, fragment.warnings);

    if (!target.resource)
        target.resource = fragment.resource;
    if (!target.scope)
        target.scope = fragment.scope;

    target.droppedAttributes = std::max(target.droppedAttributes, fragment.droppedAttributes);
    target.droppedEvents = std::max(target.droppedEvents, fragment.droppedEvents);
    target.droppedLinks = std::max(target.droppedLinks, fragment.droppedLinks);
}

} // namespace skein
