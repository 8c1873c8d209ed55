// SPDX-License-Identifier: MIT
// A Jaeger query service stand-in for tests: Qt HttpServer on 127.0.0.1 with a random port, answering from a
// table of canned responses (recorded real Jaeger answers or inline ones) and able to misbehave: error
// statuses, bodies cut short, stalls, dribbling, closed connections. Header-only: tests are globbed as tst_*.cpp.
#pragma once

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <zlib.h>

#include <functional>
#include <map>
#include <vector>

namespace skein::test {

struct TestResponse {
    enum class Mode {
        Normal,
        Truncate, // sends truncateAt bytes of the body (Content-Length says all), then closes
        Stall, // sends truncateAt bytes of the body, then nothing, keeping the connection open
        Close, // closes the connection without answering
        Slow, // sends the body in chunks of slowChunk bytes every slowIntervalMs
    };
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    Mode mode = Mode::Normal;
    qsizetype truncateAt = 0;
    qsizetype slowChunk = 64;
    int slowIntervalMs = 20;
    bool gzip = false; // Content-Encoding: gzip

    static TestResponse json(QByteArray body, int status = 200) { return { status, std::move(body) }; }
    // Jaeger writes errors with Go's http.Error: text/plain, trailing newline.
    static TestResponse goError(int status, QByteArray body)
    {
        TestResponse response { status, std::move(body) + '\n' };
        response.contentType = "text/plain; charset=utf-8";
        return response;
    }
};

struct RecordedRequest {
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

inline QByteArray gzipped(const QByteArray& data)
{
    z_stream stream {};
    deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

class JaegerTestServer : public QAbstractHttpServer {
public:
    using Handler = std::function<TestResponse(const RecordedRequest&)>;

    JaegerTestServer() { m_port = listen(QHostAddress::LocalHost, 0); }

    quint16 port() const { return m_port; }
    QString url(const QString& basePath = {}) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(basePath);
    }

    // Exact path (without the query); a later call replaces an earlier one.
    void route(const QString& path, TestResponse response)
    {
        m_routes[path] = [response](const RecordedRequest&) { return response; };
    }
    void route(const QString& path, Handler handler) { m_routes[path] = std::move(handler); }
    void clearRoutes() { m_routes.clear(); }

    std::vector<RecordedRequest> requests;
    std::vector<QByteArray> rawRequestHeaders; // every header line received, for secret checks

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        RecordedRequest recorded { request.url().path(), request.query(), request.headers() };
        requests.push_back(recorded);
        for (const auto& [key, value] : recorded.headers)
            rawRequestHeaders.push_back(key + ": " + value);
        const auto route = m_routes.find(recorded.path);
        TestResponse response = route != m_routes.end()
            ? route->second(recorded)
            : TestResponse::goError(404, "404 page not found"); // Go's mux for an unknown path
        respond(socket, response);
        return true;
    }
    void missingHandler(const QHttpServerRequest&, QTcpSocket* socket) override
    {
        respond(socket, TestResponse::goError(404, "404 page not found"));
    }

private:
    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
        }
    }

    void respond(QTcpSocket* socket, const TestResponse& response)
    {
        if (response.mode == TestResponse::Mode::Close) {
            socket->abort();
            return;
        }
        const QByteArray body = response.gzip ? gzipped(response.body) : response.body;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
        head += "Content-Type: " + response.contentType + "\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        if (response.gzip)
            head += "Content-Encoding: gzip\r\n";
        head += "\r\n";
        socket->write(head);
        switch (response.mode) {
        case TestResponse::Mode::Normal:
            socket->write(body);
            break;
        case TestResponse::Mode::Truncate:
            socket->write(body.left(response.truncateAt));
            socket->flush();
            socket->disconnectFromHost();
            break;
        case TestResponse::Mode::Stall:
            socket->write(body.left(response.truncateAt));
            break;
        case TestResponse::Mode::Slow: {
            QPointer<QTcpSocket> target(socket);
            auto* timer = new QTimer(this);
            auto offset = std::make_shared<qsizetype>(0);
            QObject::connect(timer, &QTimer::timeout, timer, [timer, target, body, offset, chunk = response.slowChunk] {
                if (!target || *offset >= body.size()) {
                    timer->deleteLater();
                    return;
                }
                target->write(body.mid(*offset, chunk));
                *offset += chunk;
            });
            timer->start(response.slowIntervalMs);
            break;
        }
        case TestResponse::Mode::Close:
            break;
        }
    }

    quint16 m_port = 0;
    std::map<QString, Handler> m_routes;
};

} // namespace skein::test
