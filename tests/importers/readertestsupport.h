// SPDX-License-Identifier: MIT
// What the reader tests share: sinks that keep or count spans, and questions asked of one run.
#pragma once

#include "importmessage.h"
#include "spansink.h"

#include <QByteArray>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace skein::testsupport {

class CollectingSink : public SpanSink {
public:
    bool addSpans(std::vector<SpanRecord>& batch) override
    {
        for (SpanRecord& span : batch)
            spans.push_back(std::move(span));
        batch.clear();
        return true;
    }
    std::vector<SpanRecord> spans;
};

class CountingSink : public SpanSink {
public:
    bool addSpans(std::vector<SpanRecord>& spans) override
    {
        count += spans.size();
        spans.clear();
        return true;
    }
    uint64_t count = 0;
};

inline size_t traceCount(const std::vector<SpanRecord>& spans)
{
    std::set<TraceId> ids;
    for (const SpanRecord& span : spans)
        ids.insert(span.traceId);
    return ids.size();
}

inline size_t serviceCount(const std::vector<SpanRecord>& spans)
{
    std::set<std::string> names;
    for (const SpanRecord& span : spans) {
        if (!span.serviceName.empty())
            names.insert(span.serviceName);
    }
    return names.size();
}

inline const SpanRecord* spanNamed(const std::vector<SpanRecord>& spans, std::string_view name)
{
    for (const SpanRecord& span : spans) {
        if (span.name == name)
            return &span;
    }
    return nullptr;
}

inline const ImportMessage* warningContaining(const ImportReport& report, std::string_view text)
{
    for (const ImportMessage& warning : report.warnings) {
        if (warning.message.find(text) != std::string::npos)
            return &warning;
    }
    return nullptr;
}

// One warning a line, for failure messages; withOffsets puts the byte offset first (binary formats).
inline QByteArray warningList(const ImportReport& report, bool withOffsets = false)
{
    QByteArray list;
    for (const ImportMessage& warning : report.warnings) {
        if (withOffsets)
            list += QByteArray::number(qint64(warning.position.offset)) + ": ";
        list += QByteArray::fromStdString(warning.message) + '\n';
    }
    return list;
}

} // namespace skein::testsupport
