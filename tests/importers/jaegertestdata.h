// SPDX-License-Identifier: MIT
// Small Jaeger query API answers built inline (v1 envelopes and api_v3 OTLP results), so that the client
// tests run without the shared corpus.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace skein::test {

// A v1 trace object: spanCount spans (ids 1..spanCount, all children of span 1) of one service.
inline QByteArray v1TraceObject(
    const QByteArray& traceId, int spanCount, const QByteArray& service = "frontend", int firstSpan = 1)
{
    QByteArray spans;
    for (int i = firstSpan; i < firstSpan + spanCount; ++i) {
        const QByteArray spanId = QByteArray::number(i, 16).rightJustified(16, '0');
        const QByteArray references = i == 1
            ? QByteArray("[]")
            : "[{\"refType\":\"CHILD_OF\",\"traceID\":\"" + traceId + "\",\"spanID\":\"0000000000000001\"}]";
        if (!spans.isEmpty())
            spans += ',';
        spans += "{\"traceID\":\"" + traceId + "\",\"spanID\":\"" + spanId + "\",\"operationName\":\"op"
            + QByteArray::number(i) + "\",\"references\":" + references
            + ",\"startTime\":1700000000000000,\"duration\":" + QByteArray::number(1000 - i)
            + ",\"tags\":[{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"server\"}],\"logs\":[],\"processID\":"
              "\"p1\"}";
    }
    return "{\"traceID\":\"" + traceId + "\",\"spans\":[" + spans + "],\"processes\":{\"p1\":{\"serviceName\":\""
        + service + "\",\"tags\":[]}},\"warnings\":null}";
}

inline QByteArray v1Envelope(const QList<QByteArray>& traces)
{
    return "{\"data\":[" + traces.join(',') + "],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}";
}

inline QByteArray v1Error(int code, const QByteArray& message)
{
    return "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":" + QByteArray::number(code)
        + ",\"msg\":\"" + message + "\"}]}";
}

inline QByteArray v3Error(int code, const QByteArray& message)
{
    return "{\"error\":{\"grpcCode\":5,\"httpCode\":" + QByteArray::number(code) + ",\"message\":\"" + message
        + "\",\"httpStatus\":\"Not Found\"}}";
}

// An api_v3 answer: {"result": TracesData} with spanCount spans per trace id.
inline QByteArray v3Result(const QList<QByteArray>& traceIds, int spanCount, const QByteArray& service = "frontend")
{
    QByteArray spans;
    for (const QByteArray& traceId : traceIds) {
        for (int i = 1; i <= spanCount; ++i) {
            if (!spans.isEmpty())
                spans += ',';
            spans += "{\"traceId\":\"" + traceId + "\",\"spanId\":\""
                + QByteArray::number(i, 16).rightJustified(16, '0') + "\""
                + (i == 1 ? QByteArray() : QByteArray(",\"parentSpanId\":\"0000000000000001\"")) + ",\"name\":\"op"
                + QByteArray::number(i)
                + "\",\"kind\":2,\"startTimeUnixNano\":\"1700000000000000000\",\"endTimeUnixNano\":\"1700000000"
                + QByteArray::number(100000 - i).rightJustified(9, '0') + "\",\"status\":{}}";
        }
    }
    return "{\"result\":{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{"
           "\"stringValue\":\""
        + service + "\"}}]},\"scopeSpans\":[{\"scope\":{},\"spans\":[" + spans + "]}]}]}}";
}

inline QByteArray v3Services(const QStringList& services)
{
    QByteArray list;
    for (const QString& service : services)
        list += (list.isEmpty() ? "\"" : ",\"") + service.toUtf8() + '"';
    return "{\"services\":[" + list + "]}";
}

inline QByteArray v1Services(const QStringList& services)
{
    QByteArray list;
    for (const QString& service : services)
        list += (list.isEmpty() ? "\"" : ",\"") + service.toUtf8() + '"';
    return "{\"data\":[" + list + "],\"total\":" + QByteArray::number(services.size())
        + ",\"limit\":0,\"offset\":0,\"errors\":null}";
}

inline const QByteArray traceA = "0000000000000000000000000000000a";
inline const QByteArray traceB = "0000000000000000000000000000000b";
inline const QByteArray traceC = "0000000000000000000000000000000c";

} // namespace skein::test
