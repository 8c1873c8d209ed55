// SPDX-License-Identifier: MIT
#include "demoprocesses.h"

#include <string>

namespace skein::demo {

namespace {

struct ScopeName {
    const char* name;
    const char* version;
};

// Per language, in ScopeRole order (without the manual scope, which is named after the service).
constexpr ScopeName languageScopes[9][6] = {
    { { "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "0.56.0" },
        { "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "0.56.0" },
        { "go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc", "0.56.0" },
        { "github.com/XSAM/otelsql", "0.35.0" }, { "github.com/redis/go-redis/extra/redisotel", "9.7.0" },
        { "go.opentelemetry.io/contrib/instrumentation/github.com/IBM/sarama/otelsarama", "0.43.0" } },
    { { "io.opentelemetry.tomcat-10.0", "2.10.0-alpha" }, { "io.opentelemetry.java-http-client", "2.10.0-alpha" },
        { "io.opentelemetry.grpc-1.6", "2.10.0-alpha" }, { "io.opentelemetry.jdbc", "2.10.0-alpha" },
        { "io.opentelemetry.lettuce-5.1", "2.10.0-alpha" }, { "io.opentelemetry.kafka-clients-2.6", "2.10.0-alpha" } },
    { { "@opentelemetry/instrumentation-http", "0.54.2" }, { "@opentelemetry/instrumentation-undici", "0.8.0" },
        { "@opentelemetry/instrumentation-grpc", "0.54.2" }, { "@opentelemetry/instrumentation-pg", "0.47.1" },
        { "@opentelemetry/instrumentation-ioredis", "0.45.0" }, { "@opentelemetry/instrumentation-kafkajs", "0.5.0" } },
    { { "opentelemetry.instrumentation.flask", "0.49b2" }, { "opentelemetry.instrumentation.requests", "0.49b2" },
        { "opentelemetry.instrumentation.grpc", "0.49b2" }, { "opentelemetry.instrumentation.psycopg2", "0.49b2" },
        { "opentelemetry.instrumentation.redis", "0.49b2" },
        { "opentelemetry.instrumentation.confluent_kafka", "0.49b2" } },
    { { "Microsoft.AspNetCore", "" }, { "System.Net.Http", "" },
        { "OpenTelemetry.Instrumentation.GrpcNetClient", "1.9.0-beta.1" }, { "Npgsql", "8.0.5" },
        { "OpenTelemetry.Instrumentation.StackExchangeRedis", "1.9.0-beta.1" },
        { "Confluent.Kafka.Extensions.OpenTelemetry", "0.4.0" } },
    { { "actix-web-opentelemetry", "0.19.0" }, { "reqwest-tracing", "0.5.4" },
        { "tonic-tracing-opentelemetry", "0.21.0" }, { "tracing-opentelemetry", "0.27.0" },
        { "tracing-opentelemetry", "0.27.0" }, { "tracing-opentelemetry", "0.27.0" } },
    { { "OpenTelemetry::Instrumentation::Rack", "0.25.0" }, { "OpenTelemetry::Instrumentation::Net::HTTP", "0.22.8" },
        { "OpenTelemetry::Instrumentation::Grpc", "0.1.3" }, { "OpenTelemetry::Instrumentation::PG", "0.29.0" },
        { "OpenTelemetry::Instrumentation::Redis", "0.25.7" },
        { "OpenTelemetry::Instrumentation::RubyKafka", "0.21.3" } },
    { { "opentelemetry-cpp", "1.17.0" }, { "opentelemetry-cpp", "1.17.0" }, { "opentelemetry-cpp", "1.17.0" },
        { "opentelemetry-cpp", "1.17.0" }, { "opentelemetry-cpp", "1.17.0" }, { "opentelemetry-cpp", "1.17.0" } },
    { { "io.opentelemetry.contrib.php.slim", "1.1.0" }, { "io.opentelemetry.contrib.php.guzzle", "1.0.2" },
        { "io.opentelemetry.contrib.php.grpc", "0.0.1" }, { "io.opentelemetry.contrib.php.pdo", "0.0.8" },
        { "io.opentelemetry.contrib.php.redis", "0.1.0" }, { "io.opentelemetry.contrib.php.rdkafka", "0.1.0" } },
};

struct Runtime {
    const char* name;
    const char* version;
    const char* sdkVersion;
};

constexpr Runtime runtimes[9] = { { "go", "go1.23.3", "1.32.0" },
    { "OpenJDK Runtime Environment", "21.0.5+11-LTS", "1.44.1" }, { "nodejs", "22.11.0", "1.27.0" },
    { "cpython", "3.12.7", "1.28.2" }, { ".NET", "8.0.10", "1.10.0" }, { "rust", "1.82.0", "0.27.0" },
    { "ruby", "3.3.6", "1.5.0" }, { "cpp", "c++17", "1.17.0" }, { "php", "8.3.13", "1.1.0" } };

std::string hexDigits(uint64_t value, int digits)
{
    std::string out(size_t(digits), '0');
    for (int i = digits - 1; i >= 0; --i) {
        out[size_t(i)] = "0123456789abcdef"[value & 0xF];
        value >>= 4;
    }
    return out;
}

std::string podSuffix(Random& random)
{
    static constexpr char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out = hexDigits(random.next(), 10).substr(1, 9);
    out += '-';
    for (int i = 0; i < 5; ++i)
        out += alphabet[random.below(sizeof alphabet - 1)];
    return out;
}

} // namespace

Processes Processes::create(const Catalog& catalog, Random& random)
{
    Processes processes;
    processes.resources.resize(catalog.services.size());
    processes.scopes.resize(catalog.services.size());
    for (size_t s = 0; s < catalog.services.size(); ++s) {
        const Service& service = catalog.services[s];
        const Runtime& runtime = runtimes[int(service.language)];
        const std::string deployment = podSuffix(random).substr(0, 9);
        for (int replica = 0; replica < service.replicas; ++replica) {
            auto resource = std::make_shared<Resource>();
            resource->serviceName = service.name;
            const std::string pod = service.name == "postgres" || service.name == "redis"
                ? service.name + '-' + std::to_string(replica)
                : service.name + '-' + deployment + '-' + podSuffix(random).substr(10);
            const uint64_t node = random.below(6);
            const uint64_t instance = random.next();
            const uint64_t instanceLow = random.next();
            // Containers often run the service as pid 1; some images start it from a shell.
            const int64_t pid = random.chance(6000) ? 1 : random.range(7, 4000);
            auto add = [&](const char* key, AttributeValue value) {
                resource->attributes.push_back(Attribute { key, std::move(value) });
            };
            add("service.name", AttributeValue::fromString(service.name));
            add("service.namespace", AttributeValue::fromString("shop"));
            add("service.version", AttributeValue::fromString(service.version));
            add("service.instance.id",
                AttributeValue::fromString(hexDigits(instance >> 32, 8) + '-' + hexDigits(instance >> 16, 4) + "-4"
                    + hexDigits(instance, 3) + '-' + hexDigits(instanceLow >> 48, 4) + '-'
                    + hexDigits(instanceLow, 12)));
            add("deployment.environment.name", AttributeValue::fromString("production"));
            add("host.name", AttributeValue::fromString(pod));
            add("host.arch", AttributeValue::fromString("amd64"));
            add("os.type", AttributeValue::fromString("linux"));
            add("process.pid", AttributeValue::fromInt(pid));
            add("process.runtime.name", AttributeValue::fromString(runtime.name));
            add("process.runtime.version", AttributeValue::fromString(runtime.version));
            add("telemetry.sdk.name", AttributeValue::fromString("opentelemetry"));
            add("telemetry.sdk.language", AttributeValue::fromString(languageName(service.language)));
            add("telemetry.sdk.version", AttributeValue::fromString(runtime.sdkVersion));
            add("k8s.namespace.name", AttributeValue::fromString("shop"));
            add("k8s.pod.name", AttributeValue::fromString(pod));
            add("k8s.node.name", AttributeValue::fromString("gke-shop-pool-1-" + hexDigits(0x5e1a0 + node * 0x1f3, 8)));
            add("cloud.provider", AttributeValue::fromString("gcp"));
            add("cloud.region", AttributeValue::fromString("europe-west3"));
            processes.resources[s].push_back(std::move(resource));
        }
        for (int role = 0; role < ScopeRoleCount; ++role) {
            auto scope = std::make_shared<InstrumentationScope>();
            if (role == ManualScope) {
                if (s == Postgres) {
                    scope->name = "pg_tracing";
                    scope->version = "0.1.3";
                } else {
                    scope->name = "shop." + service.name;
                    scope->version = service.version;
                }
            } else {
                const ScopeName& name = languageScopes[int(service.language)][role];
                scope->name = name.name;
                scope->version = name.version;
            }
            processes.scopes[s][size_t(role)] = std::move(scope);
        }
    }
    return processes;
}

} // namespace skein::demo
