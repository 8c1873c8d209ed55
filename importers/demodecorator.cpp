// SPDX-License-Identifier: MIT
#include "demodecorator.h"

#include <array>
#include <cstdio>
#include <string_view>
#include <utility>

namespace skein::demo {

namespace {

constexpr std::array products = { "OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM", "2ZYFJ3GM2N", "0PUK6V6EV0",
    "LS4PSXUNUM", "9SIQT8TOJO", "6E92ZMYYFZ", "HQTGWGPNH4", "B7XQ2KD9RM", "T3VN8WPL0C", "QF5ZJ1YH6S", "MD24KX7BWA",
    "R9PC3TNE8U", "ZK06HV5LQJ" };
constexpr std::array currencies = { "EUR", "USD", "GBP", "JPY", "CHF", "SEK" };
// Euros per unit of each currency, in millionths, so that conversions stay in integers.
constexpr std::array<int64_t, 6> currencyMicroEuros = { 1000000, 921000, 1163000, 6100, 1062000, 87000 };
struct Address {
    const char* street;
    const char* city;
    const char* postalCode;
    const char* country;
};
constexpr std::array addresses = { Address { "Friedrichstraße 43", "Berlin", "10117", "DE" },
    Address { "1600 Amphitheatre Parkway", "Mountain View", "94043", "US" },
    Address { "221B Baker Street", "London", "NW1 6XE", "GB" }, Address { "2-11-3 Meguro", "Tokyo", "153-0063", "JP" },
    Address { "Bahnhofstrasse 1", "Zürich", "8001", "CH" },
    Address { "Drottninggatan 71", "Stockholm", "111 36", "SE" } };
constexpr std::array userAgents = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
    "Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "ShopApp/5.12.0 (Android 15; Pixel 9)"
};
constexpr std::array searchQueries
    = { "telescope", "binoculars 10x50", "star chart", "solar filter", "tripod", "eyepiece 25mm", "red flashlight" };
constexpr std::array carriers = { "DHL", "UPS", "FedEx", "PostNord", "Yamato" };
constexpr std::array fraudRules = { "velocity.card_24h", "geo.mismatch", "amount.above_p99", "device.new" };

void add(Attributes& attributes, const char* key, AttributeValue value)
{
    attributes.push_back(Attribute { key, std::move(value) });
}

AttributeValue text(std::string value)
{
    return AttributeValue::fromString(std::move(value));
}

AttributeValue integer(int64_t value)
{
    return AttributeValue::fromInt(value);
}

AttributeValue real(double value)
{
    return AttributeValue::fromDouble(value);
}

AttributeValue boolean(bool value)
{
    return AttributeValue::fromBool(value);
}

AttributeValue array(std::vector<AttributeValue> values)
{
    AttributeValue value;
    value.type = AttributeValue::Type::Array;
    value.array = std::move(values);
    return value;
}

AttributeValue keyValues(Attributes values)
{
    AttributeValue value;
    value.type = AttributeValue::Type::KeyValueList;
    value.keyValues = std::move(values);
    return value;
}

std::string hex(uint64_t value, int digits)
{
    std::string out(size_t(digits), '0');
    for (int i = digits - 1; i >= 0; --i) {
        out[size_t(i)] = "0123456789abcdef"[value & 0xF];
        value >>= 4;
    }
    return out;
}

std::string rawBytes(Random& random, size_t count)
{
    std::string bytes;
    bytes.reserve(count);
    for (size_t i = 0; i < count; ++i)
        bytes.push_back(char(random.below(256)));
    return bytes;
}

std::string ipv4(Random& random)
{
    const uint64_t bits = random.next();
    return "10.42." + std::to_string((bits >> 8) & 0xFF) + '.' + std::to_string(1 + (bits & 0x7F));
}

// Money as a double the way applications compute it: cents / 100.
double money(int64_t cents)
{
    return double(cents) / 100.0;
}

std::string withProduct(std::string_view route, std::string_view product)
{
    std::string out(route);
    const size_t at = out.find("{id}");
    if (at != std::string::npos)
        out.replace(at, 4, product);
    return out;
}

std::string serviceHost(const Catalog& catalog, int service)
{
    return catalog.services[size_t(service)].name + ".shop.svc.cluster.local";
}

const char* exceptionType(Language language, Failure failure)
{
    static constexpr const char* table[9][4] = {
        // Database, Cache, Remote, Code
        { "*pgconn.PgError", "redis.Error", "*status.Error", "runtime.Error" },
        { "org.postgresql.util.PSQLException", "io.lettuce.core.RedisCommandExecutionException",
            "io.grpc.StatusRuntimeException", "java.lang.IllegalStateException" },
        { "DatabaseError", "ReplyError", "Error", "TypeError" },
        { "psycopg2.errors.OperationalError", "redis.exceptions.ResponseError", "grpc.RpcError", "KeyError" },
        { "Npgsql.PostgresException", "StackExchange.Redis.RedisServerException", "Grpc.Core.RpcException",
            "System.InvalidOperationException" },
        { "tokio_postgres::error::Error", "redis::RedisError", "tonic::Status", "core::panicking::Panic" },
        { "PG::Error", "Redis::CommandError", "Faraday::ServerError", "NoMethodError" },
        { "pqxx::sql_error", "sw::redis::Error", "std::runtime_error", "std::out_of_range" },
        { "PDOException", "RedisException", "GuzzleHttp\\Exception\\ServerException", "DivisionByZeroError" },
    };
    int column = 3;
    switch (failure) {
    case Failure::Database:
        column = 0;
        break;
    case Failure::Cache:
        column = 1;
        break;
    case Failure::Remote:
        column = 2;
        break;
    case Failure::None:
    case Failure::Code:
        break;
    }
    return table[int(language)][column];
}

const char* codeFailureMessage(Language language)
{
    switch (language) {
    case Language::Go:
        return "runtime error: invalid memory address or nil pointer dereference";
    case Language::Java:
        return "inventory record missing for SKU";
    case Language::NodeJs:
        return "Cannot read properties of undefined (reading 'amount')";
    case Language::Python:
        return "'merchant_id'";
    case Language::DotNet:
        return "Sequence contains no elements";
    case Language::Rust:
        return "called `Option::unwrap()` on a `None` value";
    case Language::Ruby:
        return "undefined method `email' for nil";
    case Language::Cpp:
        return "map::at";
    case Language::Php:
        return "Division by zero";
    }
    return "unexpected error";
}

std::string stackTrace(Language language, const std::string& type, const std::string& message,
    const std::string& service, const std::string& function, int line)
{
    const std::string lineText = std::to_string(line);
    switch (language) {
    case Language::Go:
        return "goroutine " + std::to_string(line * 7 % 997) + " [running]:\nshop/" + service + ".(*server)." + function
            + "(...)\n\t/app/internal/" + service + "/server.go:" + lineText
            + " +0x1c4\ngoogle.golang.org/grpc.(*Server).processUnaryRPC(...)\n\t/go/pkg/mod/google.golang.org/"
              "grpc@v1.68.0/server.go:1394 +0xe2b\ncreated by google.golang.org/grpc.(*Server).serveStreams\n";
    case Language::Java:
        return type + ": " + message + "\n\tat shop." + service + ".Service." + function + "(Service.java:" + lineText
            + ")\n\tat io.grpc.stub.ServerCalls$UnaryServerCallHandler$UnaryServerCallListener.onHalfClose("
              "ServerCalls.java:182)\n\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker("
              "ThreadPoolExecutor.java:1144)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)\n";
    case Language::NodeJs:
        return type + ": " + message + "\n    at " + function + " (/app/src/" + service + "/handler.js:" + lineText
            + ":17)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n";
    case Language::Python:
        return "Traceback (most recent call last):\n  File \"/app/" + service + "/server.py\", line " + lineText
            + ", in " + function + "\n    result = handler(request)\n  File \"/app/" + service
            + "/handlers.py\", line 88, in handler\n    raise error\n" + type + ": " + message + '\n';
    case Language::DotNet:
        return type + ": " + message + "\n   at Shop." + service + ".Service." + function + "() in /src/" + service
            + "/Service.cs:line " + lineText
            + "\n   at Grpc.AspNetCore.Server.Internal.CallHandlers.UnaryServerCallHandler`3.HandleCallAsyncCore("
              "HttpContext httpContext, HttpContextServerCallContext serverCallContext)\n";
    case Language::Rust:
        return "thread 'tokio-runtime-worker' panicked at src/handlers.rs:" + lineText + ":9:\n" + message
            + "\nstack backtrace:\n   0: rust_begin_unwind\n   1: core::panicking::panic_fmt\n   2: " + service
            + "::handlers::" + function + "\n";
    case Language::Ruby:
        return "/app/app/services/" + service + ".rb:" + lineText + ":in `" + function + "': " + message + " (" + type
            + ")\n\tfrom /usr/local/bundle/gems/rack-3.1.8/lib/rack/builder.rb:277:in `call'\n";
    case Language::Cpp:
        return type + ": " + message + "\n  at " + service + "::" + function + " (src/server.cpp:" + lineText
            + ")\n  at grpc::internal::RpcMethodHandler::RunHandler\n";
    case Language::Php:
        return type + ": " + message + " in /var/www/src/Service.php:" + lineText
            + "\nStack trace:\n#0 /var/www/vendor/slim/slim/Slim/Handlers/Strategies/RequestResponse.php(38): "
              "Service->"
            + function + "()\n#1 {main}\n";
    }
    return {};
}

std::string messageId(SpanId producer)
{
    const std::string digits = hex(producer * 0x9E3779B97F4A7C15ull, 16) + hex(producer, 16);
    return digits.substr(0, 8) + '-' + digits.substr(8, 4) + "-4" + digits.substr(13, 3) + '-' + digits.substr(16, 4)
        + '-' + digits.substr(20, 12);
}

const char* grpcCodeName(int code)
{
    switch (code) {
    case 4:
        return "DeadlineExceeded";
    case 9:
        return "FailedPrecondition";
    case 13:
        return "Internal";
    case 14:
        return "Unavailable";
    }
    return "Unknown";
}

const char* logMessage(int service)
{
    switch (service) {
    case Frontend:
        return "page served from edge cache miss";
    case ApiGateway:
        return "upstream selected";
    case Auth:
        return "token refreshed";
    case Cart:
        return "cart loaded";
    case Checkout:
        return "order validated, reserving stock";
    case Payment:
        return "payment intent created";
    case Inventory:
        return "low stock warning";
    case Recommendation:
        return "using cached embeddings";
    case Shipping:
        return "carrier selected";
    case Email:
        return "confirmation queued";
    default:
        return "request handled";
    }
}

} // namespace

Decorator::Decorator(const Catalog& catalog, Random& random)
    : m_catalog(catalog)
    , m_random(random)
{
}

size_t Decorator::productCount() const
{
    return products.size();
}

size_t Decorator::currencyCount() const
{
    return currencies.size();
}

size_t Decorator::addressCount() const
{
    return addresses.size();
}

size_t Decorator::userAgentCount() const
{
    return userAgents.size();
}

int64_t Decorator::timeoutNs(const Operation& operation)
{
    switch (operation.protocol) {
    case Protocol::Sql:
        return 3'000'000'000;
    case Protocol::Redis:
        return 500'000'000;
    case Protocol::Kafka:
        return 10'000'000'000;
    case Protocol::External:
        return 5'000'000'000;
    default:
        return 2'000'000'000;
    }
}

Failure Decorator::describeFailure(TraceContext& context, PlanNode& origin)
{
    const Operation& operation = m_catalog.operations[size_t(origin.operation)];
    const Language language = m_catalog.services[size_t(origin.service)].language;
    context.failureHttpStatus = 500;
    switch (origin.role) {
    case Role::DbServer:
    case Role::DbClient:
        if (operation.protocol == Protocol::Sql) {
            context.failureType = exceptionType(language, Failure::Database);
            switch (m_random.below(3)) {
            case 0:
                context.failureMessage = "ERROR: deadlock detected (SQLSTATE 40P01)";
                context.failureCode = "40P01";
                break;
            case 1:
                context.failureMessage = operation.method == "INSERT"
                    ? "ERROR: duplicate key value violates unique constraint \"" + operation.target
                        + "_pkey\" (SQLSTATE 23505)"
                    : "ERROR: could not serialize access due to concurrent update (SQLSTATE 40001)";
                context.failureCode = operation.method == "INSERT" ? "23505" : "40001";
                break;
            default:
                context.failureMessage = "ERROR: canceling statement due to statement timeout (SQLSTATE 57014)";
                context.failureCode = "57014";
                context.failureHttpStatus = 504;
                origin.timedOut = true;
            }
            return Failure::Database;
        }
        context.failureType = exceptionType(language, Failure::Cache);
        switch (m_random.below(3)) {
        case 0:
            context.failureMessage = "READONLY You can't write against a read only replica.";
            context.failureCode = "READONLY";
            break;
        case 1:
            context.failureMessage = "OOM command not allowed when used memory > 'maxmemory'.";
            context.failureCode = "OOM";
            break;
        default:
            context.failureMessage = "i/o timeout";
            context.failureCode = "timeout";
            context.failureHttpStatus = 504;
            origin.timedOut = true;
        }
        return Failure::Cache;
    case Role::ExternalClient:
        context.failureType = exceptionType(language, Failure::Remote);
        if (operation.target == "api.stripe.com" && m_random.chance(5000)) {
            context.failureMessage = "Your card was declined. (card_declined)";
            context.failureHttpStatus = 402;
            return Failure::Remote;
        }
        switch (m_random.below(3)) {
        case 0:
            context.failureMessage = "502 Bad Gateway";
            context.failureHttpStatus = 502;
            break;
        case 1:
            context.failureMessage
                = "read tcp " + ipv4(m_random) + ":43210->" + operation.target + ":443: read: connection reset by peer";
            context.failureHttpStatus = 502;
            break;
        default:
            context.failureMessage = "context deadline exceeded";
            context.failureHttpStatus = 504;
            origin.timedOut = true;
        }
        return Failure::Remote;
    case Role::Producer:
    case Role::RpcClient:
        context.failureType = exceptionType(language, Failure::Remote);
        context.failureMessage
            = "kafka: Failed to produce message to topic " + operation.target + ": Local: Message timed out";
        context.failureHttpStatus = 504;
        origin.timedOut = true;
        return Failure::Remote;
    case Role::Server:
    case Role::Consumer:
    case Role::Internal:
        break;
    }
    context.failureType = exceptionType(language, Failure::Code);
    context.failureMessage = codeFailureMessage(language);
    return Failure::Code;
}

int Decorator::httpStatus(const TraceContext& context, const PlanNode& node, const Operation& operation) const
{
    if (node.failure != Failure::None)
        return context.failureHttpStatus;
    return operation.method == "POST" && operation.service == Cart ? 201 : 200;
}

int Decorator::grpcStatus(const TraceContext& context, const PlanNode& node) const
{
    if (node.failure == Failure::None)
        return 0;
    switch (context.failureHttpStatus) {
    case 402:
        return 9;
    case 502:
        return 14;
    case 504:
        return 4;
    }
    return 13;
}

int64_t Decorator::eventTime(const PlanNode& node, uint32_t perMille)
{
    return node.startNs + node.durationNs / 1000 * perMille;
}

void Decorator::decorate(
    const TraceContext& context, const std::vector<PlanNode>& nodes, size_t index, SpanRecord& span)
{
    const PlanNode& node = nodes[index];
    const Operation& operation = m_catalog.operations[size_t(node.operation)];
    const PlanNode* parent = node.parent >= 0 ? &nodes[size_t(node.parent)] : nullptr;

    switch (node.role) {
    case Role::Server:
    case Role::Consumer:
    case Role::Internal:
        span.name = operation.name;
        break;
    case Role::DbServer:
        span.name = operation.protocol == Protocol::Sql ? operation.name : operation.method;
        break;
    case Role::RpcClient:
        span.name = operation.protocol == Protocol::Http ? operation.method : operation.name;
        break;
    case Role::DbClient:
        span.name = operation.protocol == Protocol::Sql ? operation.method + ' ' + operation.target : operation.method;
        break;
    case Role::Producer:
        span.name = "send " + operation.target;
        break;
    case Role::ExternalClient:
        span.name = operation.method;
        break;
    }
    switch (node.role) {
    case Role::Server:
    case Role::DbServer:
        span.kind = SpanKind::Server;
        break;
    case Role::Consumer:
        span.kind = SpanKind::Consumer;
        break;
    case Role::Internal:
        span.kind = SpanKind::Internal;
        break;
    case Role::Producer:
        span.kind = SpanKind::Producer;
        break;
    case Role::RpcClient:
    case Role::DbClient:
    case Role::ExternalClient:
        span.kind = SpanKind::Client;
        break;
    }

    addProtocolAttributes(context, node, parent, operation, span);
    if (executes(node.role))
        addServiceAttributes(context, node, operation, span);
    addEvents(context, node, operation, span);
    if (node.failure != Failure::None)
        addFailure(context, node, operation, span);
    else if (node.role == Role::Server
        && (node.service == Checkout || node.service == Payment || node.service == OrderWorker))
        span.status = StatusCode::Ok; // these handlers set OK explicitly, as applications may
}

void Decorator::addProtocolAttributes(const TraceContext& context, const PlanNode& node, const PlanNode* parent,
    const Operation& operation, SpanRecord& span)
{
    Attributes& a = span.attributes;
    const std::string product = products[size_t(context.products[0])];
    switch (node.role) {
    case Role::Server:
        if (operation.protocol == Protocol::Http) {
            const bool edge = node.service == Frontend || node.service == ApiGateway;
            add(a, "http.request.method", text(operation.method));
            add(a, "http.route", text(operation.target));
            add(a, "url.path", text(withProduct(operation.target, products[size_t(context.products[0])])));
            add(a, "url.scheme", text(edge ? "https" : "http"));
            add(a, "server.address",
                text(node.service == Frontend        ? "shop.example.com"
                        : node.service == ApiGateway ? "api.shop.example.com"
                                                     : serviceHost(m_catalog, node.service)));
            add(a, "server.port", integer(edge ? 443 : 8080));
            add(a, "network.protocol.version", text(edge ? "2" : "1.1"));
            add(a, "client.address", text(edge ? context.clientAddress : ipv4(m_random)));
            if (edge)
                add(a, "user_agent.original", text(userAgents[size_t(context.userAgent)]));
            add(a, "http.response.status_code", integer(httpStatus(context, node, operation)));
            add(a, "http.response.body.size", integer(int64_t(m_random.range(120, 48000))));
        } else {
            add(a, "rpc.system", text("grpc"));
            add(a, "rpc.service", text(operation.target));
            add(a, "rpc.method", text(operation.method));
            add(a, "rpc.grpc.status_code", integer(grpcStatus(context, node)));
            add(a, "server.port", integer(50051));
            add(a, "network.peer.address", text(ipv4(m_random)));
            add(a, "network.peer.port", integer(m_random.range(32768, 60999)));
        }
        break;
    case Role::RpcClient:
        if (operation.protocol == Protocol::Http) {
            const std::string host = serviceHost(m_catalog, operation.service);
            add(a, "http.request.method", text(operation.method));
            add(a, "url.full", text("http://" + host + ":8080" + withProduct(operation.target, product)));
            add(a, "server.address", text(host));
            add(a, "server.port", integer(8080));
            add(a, "network.protocol.version", text("1.1"));
            add(a, "http.response.status_code", integer(httpStatus(context, node, operation)));
        } else {
            add(a, "rpc.system", text("grpc"));
            add(a, "rpc.service", text(operation.target));
            add(a, "rpc.method", text(operation.method));
            add(a, "server.address", text(m_catalog.services[size_t(operation.service)].name));
            add(a, "server.port", integer(50051));
            add(a, "rpc.grpc.status_code", integer(grpcStatus(context, node)));
        }
        break;
    case Role::DbClient:
    case Role::DbServer:
        if (operation.protocol == Protocol::Sql) {
            add(a, "db.system", text("postgresql"));
            add(a, "db.namespace", text("shop"));
            add(a, "db.collection.name", text(operation.target));
            add(a, "db.operation.name", text(operation.method));
            add(a, "db.query.text", text(operation.detail));
            if (node.role == Role::DbClient) {
                add(a, "server.address", text("postgres.shop.svc.cluster.local"));
                add(a, "server.port", integer(5432));
                if (node.failure == Failure::None)
                    add(a, "db.response.returned_rows",
                        integer(operation.method == "SELECT" ? m_random.range(0, 120) : 1));
            } else {
                // pg_tracing-style server-side details; query ids are signed 64-bit hashes.
                add(a, "db.postgresql.query_id", integer(int64_t(m_random.next())));
                add(a, "db.postgresql.backend_pid", integer(m_random.range(200, 40000)));
                add(a, "db.postgresql.shared_blks_hit", integer(m_random.range(0, 5000)));
                add(a, "db.postgresql.shared_blks_read", integer(m_random.range(0, 300)));
                add(a, "db.postgresql.plan.total_cost", real(double(m_random.range(100, 2000000)) / 100.0));
            }
        } else {
            std::string key = operation.target;
            if (operation.target == "session:")
                key += context.sessionId;
            else if (operation.target == "product:" || operation.target == "stock:")
                key += product;
            else if (operation.target == "products:" || operation.target == "ads:")
                key += "featured";
            else
                key += context.userId.empty() ? context.sessionId : context.userId;
            add(a, "db.system", text("redis"));
            add(a, "db.operation.name", text(operation.method));
            add(a, "db.namespace", text("0"));
            if (node.role == Role::DbClient) {
                add(a, "db.query.text", text(operation.method + ' ' + key));
                add(a, "server.address", text("redis.shop.svc.cluster.local"));
                add(a, "server.port", integer(6379));
                if (operation.method == "GET" || operation.method == "HGETALL") {
                    const bool hit = node.failure == Failure::None && m_random.chance(8000);
                    add(a, "app.cache.hit", boolean(hit));
                    if (!hit && node.failure == Failure::None) {
                        SpanEvent miss;
                        miss.timeNs = eventTime(node, 900);
                        miss.name = "cache.miss";
                        add(miss.attributes, "cache.key", text(key));
                        span.events.push_back(std::move(miss));
                    }
                }
            } else {
                add(a, "db.redis.database_index", integer(0));
                add(a, "db.redis.key_length", integer(int64_t(key.size())));
            }
        }
        break;
    case Role::Producer:
    case Role::Consumer: {
        const bool producer = node.role == Role::Producer;
        add(a, "messaging.system", text("kafka"));
        add(a, "messaging.operation.type", text(producer ? "send" : "process"));
        add(a, "messaging.operation.name", text(producer ? "send" : "process"));
        add(a, "messaging.destination.name", text(operation.target));
        // Both sides of one message agree: the producer is the consumer's parent.
        const SpanId producerId = producer || !parent ? node.id : parent->id;
        add(a, "messaging.destination.partition.id", text(std::to_string(producerId % 12)));
        add(a, "messaging.message.id", text(messageId(producerId)));
        add(a, "messaging.kafka.message.key",
            text(context.orderId ? std::to_string(context.orderId) : context.sessionId));
        if (producer) {
            add(a, "messaging.client.id", text(m_catalog.services[size_t(node.service)].name + "-producer"));
            add(a, "messaging.message.body.size", integer(m_random.range(180, 4096)));
            add(a, "server.address", text("kafka-0.kafka.shop.svc.cluster.local"));
            add(a, "server.port", integer(9092));
        } else {
            add(a, "messaging.consumer.group.name", text(m_catalog.services[size_t(node.service)].name));
            add(a, "messaging.kafka.offset", integer(m_random.range(1000000, 90000000)));
        }
        break;
    }
    case Role::ExternalClient: {
        const bool retried = m_random.chance(800);
        add(a, "http.request.method", text(operation.method));
        add(a, "url.full", text("https://" + operation.target + operation.detail));
        add(a, "server.address", text(operation.target));
        add(a, "server.port", integer(443));
        add(a, "network.protocol.version", text("2"));
        if (!node.timedOut)
            add(a, "http.response.status_code",
                integer(node.failure != Failure::None ? context.failureHttpStatus : 200));
        if (retried) {
            add(a, "http.request.resend_count", integer(1));
            SpanEvent retry;
            retry.timeNs = eventTime(node, 400);
            retry.name = "http.request.resend";
            add(retry.attributes, "http.request.resend_count", integer(1));
            add(retry.attributes, "error.type", text("timeout"));
            span.events.push_back(std::move(retry));
        }
        break;
    }
    case Role::Internal:
        add(a, "code.function.name", text(operation.detail));
        add(a, "thread.id", integer(m_random.range(1, 400)));
        break;
    }
}

void Decorator::addServiceAttributes(
    const TraceContext& context, const PlanNode& node, const Operation& operation, SpanRecord& span)
{
    Attributes& a = span.attributes;
    const auto productList = [&] {
        std::vector<AttributeValue> values;
        for (int product : context.products)
            values.push_back(text(products[size_t(product)]));
        return array(std::move(values));
    };
    const auto quantityList = [&] {
        std::vector<AttributeValue> values;
        for (int64_t quantity : context.quantities)
            values.push_back(integer(quantity));
        return array(std::move(values));
    };
    const auto shippingAddress = [&] {
        const Address& address = addresses[size_t(context.address)];
        return keyValues({ { "street", text(address.street) }, { "city", text(address.city) },
            { "postal_code", text(address.postalCode) }, { "country", text(address.country) },
            { "express", boolean(context.express) },
            { "weight_kg", real(double(int64_t(context.products.size()) * 350 + 120) / 1000.0) } });
    };
    const std::string currency = currencies[size_t(context.currency)];
    const std::string firstProduct = products[size_t(context.products[0])];

    switch (node.service) {
    case Frontend: {
        add(a, "app.session.id", text(context.sessionId));
        add(a, "app.user.authenticated", boolean(context.loggedIn));
        add(a, "http.request.header.accept",
            array({ text("text/html"), text("application/xhtml+xml"), text("application/xml;q=0.9") }));
        add(a, "app.viewport",
            array(
                { integer(1280 + 320 * int64_t(context.userAgent)), integer(720 + 90 * int64_t(context.userAgent)) }));
        add(a, "app.experiment",
            keyValues({ { "name", text("checkout-button-color") },
                { "variant", text(context.sessionId.back() < '8' ? "A" : "B") },
                { "bucket", integer(int64_t(context.sessionId.size()) * 3) } }));
        add(a, "app.request.fingerprint", AttributeValue::fromBytes(rawBytes(m_random, 16)));
        add(a, "app.client.rtt_ms", real(double(m_random.range(800, 180000)) / 1000.0));
        add(a, "app.request.received_at_ns", integer(context.startNs)); // beyond 2^53
        break;
    }
    case ApiGateway:
        if (context.loggedIn)
            add(a, "enduser.id", text(context.userId));
        add(a, "app.ratelimit.remaining", integer(m_random.range(0, 600)));
        break;
    case Auth:
        add(a, "app.auth.method", text(operation.method == "Login" ? "password" : "jwt"));
        add(a, "app.auth.scopes", array({ text("catalog:read"), text("cart:write"), text("orders:write") }));
        add(a, "app.auth.token_expires_at_ns", integer(context.startNs + 3600LL * 1000000000LL));
        break;
    case UserProfile:
        add(a, "enduser.id", text(context.userId.empty() ? "anonymous" : context.userId));
        add(a, "app.user.tier", text(context.orderId % 3 == 0 ? "gold" : "standard"));
        break;
    case ProductCatalog:
        if (operation.method == "GetProduct") {
            add(a, "app.product.id", text(firstProduct));
        } else {
            add(a, "app.products.count", integer(m_random.range(8, 60)));
            add(a, "app.product.ids", productList());
        }
        break;
    case Pricing:
        add(a, "app.price.amount", real(money(context.totalCents)));
        add(a, "app.currency", text(currency));
        add(a, "app.price.discount_pct", real(double(m_random.below(31)) / 2.0));
        add(a, "app.promotions", array({ text("BLACKFRIDAY"), text("FREESHIP") }));
        break;
    case Currency: {
        add(a, "app.currency.from", text("EUR"));
        add(a, "app.currency.to", text(currency));
        add(a, "app.currency.rate",
            real(double(currencyMicroEuros[0]) / double(currencyMicroEuros[size_t(context.currency)])));
        break;
    }
    case Recommendation: {
        std::vector<AttributeValue> scores;
        for (size_t i = 0; i < context.products.size(); ++i)
            scores.push_back(real(double(9999 - int64_t(i) * 731 - int64_t(m_random.below(300))) / 10000.0));
        add(a, "app.recommendation.product_ids", productList());
        add(a, "app.recommendation.scores", array(std::move(scores)));
        add(a, "app.recommendation.model", text("two-tower-v3"));
        break;
    }
    case Ad:
        add(a, "app.ads.count", integer(m_random.range(1, 3)));
        add(a, "app.ads.context_keys", array({ text("telescopes"), text("accessories") }));
        break;
    case Cart:
        if (!context.userId.empty())
            add(a, "app.user.id", text(context.userId));
        add(a, "app.cart.item_count", integer(int64_t(context.products.size())));
        add(a, "app.product.ids", productList());
        add(a, "app.cart.quantities", quantityList());
        break;
    case Inventory:
        add(a, "app.inventory.skus", productList());
        add(a, "app.inventory.delta", integer(-context.quantities[0])); // negative: stock goes down
        add(a, "app.inventory.warehouse", text(context.address % 2 ? "fra-1" : "ams-2"));
        add(a, "app.inventory.available", boolean(node.failure == Failure::None));
        break;
    case Checkout:
        add(a, "app.user.id", text(context.userId.empty() ? "guest" : context.userId));
        add(a, "app.order.id", integer(context.orderId)); // a snowflake id beyond 2^53
        add(a, "app.order.total", real(money(context.totalCents)));
        add(a, "app.currency", text(currency));
        add(a, "app.order.items", productList());
        add(a, "app.order.quantities", quantityList());
        add(a, "app.shipping.address", shippingAddress());
        break;
    case Payment:
        add(a, "app.order.id", integer(context.orderId));
        add(a, "app.payment.amount", real(money(context.totalCents)));
        add(a, "app.payment.currency", text(currency));
        add(a, "app.payment.card.brand", text(context.orderId % 2 ? "visa" : "mastercard"));
        add(a, "app.payment.card.fingerprint", AttributeValue::fromBytes(rawBytes(m_random, 16)));
        add(a, "app.payment.3ds_required", boolean(context.totalCents > 25000));
        break;
    case FraudDetection: {
        const int64_t score = int64_t(m_random.below(1000));
        std::vector<AttributeValue> rules;
        for (size_t i = 0; i < fraudRules.size(); ++i) {
            if (score > int64_t(500 + i * 120))
                rules.push_back(text(fraudRules[i]));
        }
        add(a, "app.fraud.score", real(double(score) / 1000.0));
        add(a, "app.fraud.rules_matched", array(std::move(rules)));
        add(a, "app.fraud.decision", text(score > 900 ? "review" : "approve"));
        break;
    }
    case Shipping:
        add(a, "app.shipping.carrier", text(carriers[size_t(context.address) % carriers.size()]));
        add(a, "app.shipping.cost", real(money(490 + int64_t(context.products.size()) * 130)));
        add(a, "app.shipping.weight_grams", integer(int64_t(context.products.size()) * 350 + 120));
        if (operation.method == "ShipOrder") {
            add(a, "app.shipping.tracking_id", text("1Z" + hex(m_random.next(), 16)));
            add(a, "app.shipping.address", shippingAddress());
        }
        break;
    case Quote:
        add(a, "app.quote.items", integer(int64_t(context.products.size())));
        add(a, "app.quote.cost", real(money(490 + int64_t(context.products.size()) * 130)));
        break;
    case Email:
        add(a, "app.email.template", text("order_confirmation"));
        add(a, "app.email.recipient_sha256", AttributeValue::fromBytes(rawBytes(m_random, 32)));
        add(a, "app.order.id", integer(context.orderId));
        break;
    case Notification:
        add(a, "app.notification.channels", array({ text("email"), text("push") }));
        if (!context.userId.empty())
            add(a, "app.user.id", text(context.userId));
        break;
    case OrderWorker:
        if (operation.protocol == Protocol::Internal) {
            add(a, "app.reconcile.dry_run", boolean(false));
            add(a, "app.reconcile.started_at_ns", integer(node.startNs));
        } else {
            add(a, "app.order.id", integer(context.orderId));
            add(a, "app.order.status", text(node.failure == Failure::None ? "confirmed" : "failed"));
        }
        break;
    case Search:
        if (operation.method == "Search") {
            add(a, "app.search.query",
                text(searchQueries[size_t(context.address + context.userAgent) % searchQueries.size()]));
            add(a, "app.search.result_count", integer(m_random.range(0, 240)));
            add(a, "app.search.filters",
                keyValues({ { "category", text("telescopes") }, { "max_price", real(money(context.totalCents)) },
                    { "in_stock", boolean(true) }, { "brands", array({ text("Celestron"), text("Sky-Watcher") }) } }));
        }
        break;
    default:
        break;
    }
}

void Decorator::addEvents(
    const TraceContext& context, const PlanNode& node, const Operation& operation, SpanRecord& span)
{
    (void)context;
    const bool grpc
        = operation.protocol == Protocol::Grpc && (node.role == Role::Server || node.role == Role::RpcClient);
    if (grpc && m_random.chance(1500)) {
        const bool client = node.role == Role::RpcClient;
        for (int i = 0; i < 2; ++i) {
            SpanEvent message;
            message.timeNs = eventTime(node, i == 0 ? 30 : 970);
            message.name = "message";
            add(message.attributes, "message.type", text((i == 0) == client ? "SENT" : "RECEIVED"));
            add(message.attributes, "message.id", integer(1));
            add(message.attributes, "message.uncompressed_size", integer(m_random.range(40, 9000)));
            span.events.push_back(std::move(message));
        }
    }
    if ((node.role == Role::Server || node.role == Role::Consumer) && m_random.chance(1000)) {
        SpanEvent log;
        log.timeNs = eventTime(node, uint32_t(100 + m_random.below(800)));
        log.name = "log";
        const bool warning = node.service == Inventory;
        add(log.attributes, "log.severity", text(warning ? "WARN" : "INFO"));
        add(log.attributes, "log.message", text(logMessage(node.service)));
        add(log.attributes, "code.lineno", integer(m_random.range(20, 900)));
        span.events.push_back(std::move(log));
    }
    if (operation.batch && node.parent < 0) {
        for (int step = 1; step <= 3; ++step) {
            SpanEvent progress;
            progress.timeNs = eventTime(node, uint32_t(step * 250));
            progress.name = "batch.progress";
            add(progress.attributes, "batch.completed_pct", real(double(step) * 25.0));
            span.events.push_back(std::move(progress));
        }
    }
    const bool application = node.service != Postgres && node.service != Redis;
    if (application && executes(node.role) && node.failure == Failure::None && m_random.chance(50)) {
        // Caught and logged, without failing the span.
        const Service& service = m_catalog.services[size_t(node.service)];
        const std::string type = exceptionType(service.language, Failure::Code);
        const std::string message = codeFailureMessage(service.language);
        SpanEvent exception;
        exception.timeNs = eventTime(node, 500);
        exception.name = "exception";
        add(exception.attributes, "exception.type", text(type));
        add(exception.attributes, "exception.message", text(message));
        add(exception.attributes, "exception.stacktrace",
            text(stackTrace(service.language, type, message, service.name,
                operation.method.empty() ? "run" : operation.method, int(m_random.range(40, 600)))));
        add(exception.attributes, "exception.escaped", boolean(false));
        span.events.push_back(std::move(exception));
    }
}

void Decorator::addFailure(
    const TraceContext& context, const PlanNode& node, const Operation& operation, SpanRecord& span)
{
    const Service& service = m_catalog.services[size_t(node.service)];
    span.status = StatusCode::Error;
    span.statusMessage = context.failureMessage;
    if (node.role == Role::RpcClient) {
        if (operation.protocol == Protocol::Grpc) {
            const int code = grpcStatus(context, node);
            span.statusMessage
                = std::string("rpc error: code = ") + grpcCodeName(code) + " desc = " + context.failureMessage;
        } else {
            span.statusMessage = "HTTP " + std::to_string(context.failureHttpStatus);
        }
    }
    // The database itself reports its own error code rather than a client library's exception.
    std::string errorType = node.timedOut ? std::string("timeout")
        : node.role == Role::DbServer     ? context.failureCode
                                          : context.failureType;

    // Who records an exception: the code that failed, a database client whose server failed, and
    // about half of the handlers that the error passes through.
    bool recordException = false;
    std::string type;
    if (node.failureOrigin && node.role != Role::DbServer) {
        recordException = true;
        type = context.failureType;
    } else if (node.role == Role::DbClient) {
        recordException = true;
        type = exceptionType(service.language, node.failure);
        errorType = type;
    } else if (executes(node.role) && node.role != Role::DbServer && m_random.chance(5000)) {
        recordException = true;
        type = exceptionType(service.language, Failure::Remote);
        errorType = type;
    }
    span.attributes.push_back(Attribute { "error.type", AttributeValue::fromString(errorType) });
    if (!recordException)
        return;
    SpanEvent exception;
    exception.timeNs = eventTime(node, 990);
    exception.name = "exception";
    add(exception.attributes, "exception.type", text(type));
    add(exception.attributes, "exception.message", text(span.statusMessage));
    const std::string function = operation.method.empty() ? operation.name : operation.method;
    add(exception.attributes, "exception.stacktrace",
        text(stackTrace(
            service.language, type, span.statusMessage, service.name, function, int(m_random.range(40, 600)))));
    add(exception.attributes, "exception.escaped", boolean(true));
    span.events.push_back(std::move(exception));
}

} // namespace skein::demo
