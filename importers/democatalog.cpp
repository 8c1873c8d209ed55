// SPDX-License-Identifier: MIT
#include "democatalog.h"

#include <initializer_list>
#include <string_view>
#include <utility>

namespace skein::demo {

namespace {

class Builder {
public:
    Catalog catalog;

    void service(ServiceId id, const char* name, Language language, const char* version, int replicas)
    {
        if (catalog.services.size() <= size_t(id))
            catalog.services.resize(size_t(id) + 1);
        catalog.services[size_t(id)] = Service { name, language, version, replicas };
    }

    int http(
        int service, const char* method, const char* route, uint32_t minUs, uint32_t maxUs, uint32_t maxChildren = 4)
    {
        return add(
            service, Protocol::Http, std::string(method) + ' ' + route, method, route, {}, minUs, maxUs, maxChildren);
    }

    int grpc(int service, const char* rpcService, const char* method, uint32_t minUs, uint32_t maxUs,
        uint32_t maxChildren = 4)
    {
        return add(service, Protocol::Grpc, std::string(rpcService) + '/' + method, method, rpcService, {}, minUs,
            maxUs, maxChildren);
    }

    // Served by postgres; the server-side span is named after the statement, as pg_tracing does.
    int sql(const char* verb, const char* table, const char* statement, uint32_t minUs, uint32_t maxUs)
    {
        return add(Postgres, Protocol::Sql, statement, verb, table, statement, minUs, maxUs, 2);
    }

    int redis(const char* command, const char* keyPrefix, uint32_t minUs, uint32_t maxUs)
    {
        return add(Redis, Protocol::Redis, command, command, keyPrefix, {}, minUs, maxUs, 0);
    }

    int consumer(int service, const char* topic, uint32_t minUs, uint32_t maxUs, uint32_t maxChildren)
    {
        return add(
            service, Protocol::Kafka, std::string("process ") + topic, "process", topic, {}, minUs, maxUs, maxChildren);
    }

    int internal(
        int service, const char* name, const char* function, uint32_t minUs, uint32_t maxUs, uint32_t maxChildren = 2)
    {
        return add(service, Protocol::Internal, name, {}, {}, function, minUs, maxUs, maxChildren);
    }

    int external(const char* host, const char* method, const char* path, uint32_t minUs, uint32_t maxUs)
    {
        return add(-1, Protocol::External, method, method, host, path, minUs, maxUs, 0);
    }

    // Calls a handler may make any number of times (per item, per query).
    void calls(int from, std::initializer_list<std::pair<int, int>> callees) { add(from, callees, false); }
    // Calls a handler makes at most once (check the token, charge the card).
    void once(int from, std::initializer_list<std::pair<int, int>> callees) { add(from, callees, true); }

    void entry(int operation, int weight, uint32_t maxTraceSpans, bool batch = false)
    {
        catalog.operations[size_t(operation)].entryWeight = weight;
        catalog.operations[size_t(operation)].maxTraceSpans = maxTraceSpans;
        catalog.operations[size_t(operation)].batch = batch;
        if (batch)
            catalog.operations[size_t(operation)].maxChildren = 0;
    }

private:
    void add(int from, std::initializer_list<std::pair<int, int>> callees, bool once)
    {
        for (const auto& [operation, weight] : callees)
            catalog.operations[size_t(from)].calls.push_back(Call { operation, weight, once });
    }

    int add(int service, Protocol protocol, std::string name, std::string method, std::string target,
        std::string detail, uint32_t minUs, uint32_t maxUs, uint32_t maxChildren)
    {
        Operation operation;
        operation.service = service;
        operation.protocol = protocol;
        operation.name = std::move(name);
        operation.method = std::move(method);
        operation.target = std::move(target);
        operation.detail = std::move(detail);
        operation.minMicros = minUs;
        operation.maxMicros = maxUs;
        operation.maxChildren = maxChildren;
        catalog.operations.push_back(std::move(operation));
        return int(catalog.operations.size() - 1);
    }
};

Catalog buildShop()
{
    Builder b;
    b.service(Frontend, "frontend", Language::NodeJs, "2.4.1", 3);
    b.service(ApiGateway, "api-gateway", Language::Go, "1.19.3", 2);
    b.service(Auth, "auth", Language::Go, "3.2.0", 2);
    b.service(UserProfile, "user-profile", Language::Java, "5.0.2", 2);
    b.service(ProductCatalog, "product-catalog", Language::Go, "1.8.0", 2);
    b.service(Pricing, "pricing", Language::Java, "2.2.7", 1);
    b.service(Currency, "currency", Language::Cpp, "1.3.0", 1);
    b.service(Recommendation, "recommendation", Language::Python, "0.9.4", 2);
    b.service(Ad, "ad", Language::Java, "1.1.0", 1);
    b.service(Cart, "cart", Language::DotNet, "4.0.1", 2);
    b.service(Inventory, "inventory", Language::Java, "3.7.2", 2);
    b.service(Checkout, "checkout", Language::Go, "2.12.0", 2);
    b.service(Payment, "payment", Language::NodeJs, "6.1.3", 2);
    b.service(FraudDetection, "fraud-detection", Language::Python, "1.4.0", 1);
    b.service(Shipping, "shipping", Language::Rust, "0.7.1", 1);
    b.service(Quote, "quote", Language::Php, "1.0.3", 1);
    b.service(Email, "email", Language::Ruby, "2.0.5", 1);
    b.service(Notification, "notification", Language::Python, "1.2.0", 1);
    b.service(OrderWorker, "order-worker", Language::Go, "2.12.0", 2);
    b.service(Search, "search", Language::Java, "4.3.0", 2);
    b.service(Postgres, "postgres", Language::Cpp, "16.4", 1);
    b.service(Redis, "redis", Language::Cpp, "7.2.5", 1);

    // Data stores.
    const int pgPlan = b.internal(Postgres, "Planner", "standard_planner", 20, 400, 0);
    const int pgExec = b.internal(Postgres, "ExecutorRun", "standard_ExecutorRun", 40, 4000, 0);
    const int selectUser
        = b.sql("SELECT", "users", "SELECT id, email, display_name, created_at FROM users WHERE id = $1", 80, 1500);
    const int selectAddresses
        = b.sql("SELECT", "addresses", "SELECT * FROM addresses WHERE user_id = $1 ORDER BY is_default DESC", 90, 2000);
    const int selectProducts = b.sql("SELECT", "products",
        "SELECT id, name, price_cents, categories FROM products WHERE category = ANY($1) LIMIT $2", 300, 9000);
    const int selectProduct = b.sql("SELECT", "products", "SELECT * FROM products WHERE id = $1", 80, 1200);
    const int selectPrices = b.sql("SELECT", "prices",
        "SELECT product_id, amount_cents, currency FROM prices WHERE product_id = ANY($1) AND valid_until > now()", 120,
        3000);
    const int selectStock
        = b.sql("SELECT", "stock", "SELECT sku, warehouse, quantity FROM stock WHERE sku = ANY($1)", 100, 2500);
    const int updateStock = b.sql(
        "UPDATE", "stock", "UPDATE stock SET quantity = quantity - $1 WHERE sku = $2 AND quantity >= $1", 150, 4000);
    const int insertReservation = b.sql("INSERT", "reservations",
        "INSERT INTO reservations (order_id, sku, quantity, expires_at) VALUES ($1, $2, $3, $4)", 120, 2500);
    const int insertOrder = b.sql("INSERT", "orders",
        "INSERT INTO orders (id, user_id, total_cents, currency, status) VALUES ($1, $2, $3, $4, 'pending')", 200,
        4000);
    const int updateOrder
        = b.sql("UPDATE", "orders", "UPDATE orders SET status = $1, updated_at = now() WHERE id = $2", 150, 3000);
    const int insertPayment = b.sql("INSERT", "payments",
        "INSERT INTO payments (order_id, amount_cents, provider_ref, status) VALUES ($1, $2, $3, $4)", 150, 3000);
    const int selectTransactions = b.sql("SELECT", "transactions",
        "SELECT amount_cents, created_at, country FROM transactions WHERE card_fingerprint = $1 AND created_at > now() "
        "- interval '30 days'",
        400, 12000);
    const int insertShipment = b.sql("INSERT", "shipments",
        "INSERT INTO shipments (order_id, carrier, tracking_id, address) VALUES ($1, $2, $3, $4)", 150, 2500);
    const int insertNotification = b.sql("INSERT", "notifications",
        "INSERT INTO notifications (user_id, channel, template) VALUES ($1, $2, $3)", 100, 2000);
    for (int statement : { selectUser, selectAddresses, selectProducts, selectProduct, selectPrices, selectStock,
             updateStock, insertReservation, insertOrder, updateOrder, insertPayment, selectTransactions,
             insertShipment, insertNotification }) {
        b.once(statement, { { pgPlan, 1 } });
        b.calls(statement, { { pgExec, 2 } });
    }

    const int getSession = b.redis("GET", "session:", 30, 400);
    const int setexSession = b.redis("SETEX", "session:", 40, 500);
    const int incrRateLimit = b.redis("INCR", "ratelimit:", 20, 300);
    const int hgetallProfile = b.redis("HGETALL", "profile:", 40, 600);
    const int hgetallCart = b.redis("HGETALL", "cart:", 40, 800);
    const int hsetCart = b.redis("HSET", "cart:", 40, 500);
    const int expireCart = b.redis("EXPIRE", "cart:", 20, 200);
    const int delCart = b.redis("DEL", "cart:", 20, 300);
    const int getProducts = b.redis("GET", "products:", 50, 900);
    const int getProduct = b.redis("GET", "product:", 30, 400);
    const int getRecommendations = b.redis("GET", "recs:", 40, 600);
    const int getAds = b.redis("GET", "ads:", 30, 400);
    const int getStock = b.redis("GET", "stock:", 30, 400);
    const int getRisk = b.redis("GET", "risk:", 30, 500);
    const int getSearch = b.redis("GET", "search:", 40, 700);

    // Third parties, seen only from the caller.
    const int stripe = b.external("api.stripe.com", "POST", "/v1/payment_intents", 120000, 900000);
    const int carrier = b.external("api.parcelcarrier.example", "POST", "/v2/shipments", 80000, 600000);
    const int mailApi = b.external("api.sendgrid.com", "POST", "/v3/mail/send", 50000, 350000);
    const int push = b.external("fcm.googleapis.com", "POST", "/v1/projects/shop/messages:send", 40000, 250000);
    const int elasticSearch
        = b.external("elasticsearch.shop.svc.cluster.local", "POST", "/products/_search", 3000, 60000);
    const int elasticBulk = b.external("elasticsearch.shop.svc.cluster.local", "POST", "/products/_bulk", 5000, 90000);

    // Leaf services first, so that callers can name them.
    const int currencyLookup = b.internal(Currency, "lookup exchange rate", "CurrencyService::lookupRate", 20, 300, 0);
    const int currencyConvert = b.grpc(Currency, "shop.CurrencyService", "Convert", 40, 600, 1);
    b.once(currencyConvert, { { currencyLookup, 1 } });

    const int authJwt = b.internal(Auth, "verify jwt", "auth.(*Verifier).Verify", 50, 400, 0);
    const int authBcrypt = b.internal(Auth, "bcrypt.CompareHashAndPassword", "auth.checkPassword", 40000, 90000, 0);
    const int authValidate = b.grpc(Auth, "shop.AuthService", "ValidateToken", 60, 800, 3);
    b.once(authValidate, { { getSession, 5 }, { authJwt, 3 } });
    const int authLogin = b.grpc(Auth, "shop.AuthService", "Login", 200, 2000, 4);
    b.once(authLogin, { { selectUser, 5 }, { authBcrypt, 4 }, { setexSession, 4 } });

    const int profileGet = b.grpc(UserProfile, "shop.UserProfileService", "GetProfile", 300, 3000, 3);
    b.once(profileGet, { { hgetallProfile, 4 }, { selectUser, 4 }, { selectAddresses, 2 } });

    const int catalogFilter = b.internal(ProductCatalog, "filter products", "catalog.(*Service).filter", 100, 3000, 0);
    const int catalogList = b.grpc(ProductCatalog, "shop.ProductCatalogService", "ListProducts", 200, 3000, 4);
    b.once(catalogList, { { getProducts, 4 }, { catalogFilter, 2 } });
    b.calls(catalogList, { { selectProducts, 5 } });
    const int catalogGet = b.grpc(ProductCatalog, "shop.ProductCatalogService", "GetProduct", 80, 1200, 3);
    b.once(catalogGet, { { getProduct, 5 }, { selectProduct, 4 } });

    const int pricingPromotions
        = b.internal(Pricing, "apply promotions", "shop.pricing.PromotionEngine.apply", 100, 4000, 0);
    const int pricingGet = b.grpc(Pricing, "shop.PricingService", "GetPrice", 150, 2500, 4);
    b.once(pricingGet, { { selectPrices, 4 }, { currencyConvert, 3 }, { pricingPromotions, 2 } });

    const int recScore = b.internal(Recommendation, "score candidates", "recommendation.ranker.score", 5000, 80000, 0);
    const int recList = b.grpc(Recommendation, "shop.RecommendationService", "ListRecommendations", 500, 6000, 4);
    b.calls(recList, { { catalogList, 4 } });
    b.once(recList, { { getRecommendations, 3 }, { recScore, 3 } });

    const int adSelect = b.internal(Ad, "select ads", "shop.ad.AdSelector.select", 200, 4000, 0);
    const int adGet = b.grpc(Ad, "shop.AdService", "GetAds", 150, 2000, 2);
    b.once(adGet, { { getAds, 3 }, { adSelect, 3 } });

    const int cartGet = b.grpc(Cart, "shop.CartService", "GetCart", 100, 1500, 3);
    b.once(cartGet, { { hgetallCart, 6 } });
    b.calls(cartGet, { { catalogGet, 2 } });
    const int cartAdd = b.grpc(Cart, "shop.CartService", "AddItem", 150, 2000, 3);
    b.once(cartAdd, { { hsetCart, 5 }, { catalogGet, 3 }, { expireCart, 2 } });
    const int cartEmpty = b.grpc(Cart, "shop.CartService", "EmptyCart", 60, 800, 1);
    b.once(cartEmpty, { { delCart, 5 } });

    const int searchIndexUpdate = b.consumer(Search, "inventory-events", 300, 3000, 2);
    b.calls(searchIndexUpdate, { { elasticBulk, 4 } });

    const int inventoryCheck = b.grpc(Inventory, "shop.InventoryService", "CheckStock", 150, 2500, 3);
    b.calls(inventoryCheck, { { selectStock, 5 } });
    b.once(inventoryCheck, { { getStock, 3 } });
    const int inventoryReserve = b.grpc(Inventory, "shop.InventoryService", "ReserveStock", 300, 4000, 4);
    b.calls(inventoryReserve, { { updateStock, 5 }, { insertReservation, 3 } });
    b.once(inventoryReserve, { { searchIndexUpdate, 1 } });

    const int fraudPredict = b.internal(FraudDetection, "model.predict", "fraud.model.predict", 8000, 150000, 0);
    const int fraudAssess = b.grpc(FraudDetection, "shop.FraudService", "Assess", 500, 5000, 4);
    b.calls(fraudAssess, { { selectTransactions, 3 } });
    b.once(fraudAssess, { { getRisk, 3 }, { fraudPredict, 4 }, { profileGet, 2 } });

    const int paymentCharge = b.grpc(Payment, "shop.PaymentService", "Charge", 300, 4000, 4);
    b.once(paymentCharge, { { fraudAssess, 4 }, { stripe, 4 }, { insertPayment, 3 } });

    const int quoteCalculate = b.internal(Quote, "calculate quote", "Quote\\Calculator::calculate", 200, 5000, 0);
    const int quoteGet = b.http(Quote, "POST", "/getquote", 300, 4000, 1);
    b.once(quoteGet, { { quoteCalculate, 3 } });

    const int shippingCalculate
        = b.internal(Shipping, "calculate package size", "shipping::quote::package_size", 50, 900, 0);
    const int shippingQuote = b.grpc(Shipping, "shop.ShippingService", "GetQuote", 100, 1500, 2);
    b.once(shippingQuote, { { quoteGet, 4 }, { shippingCalculate, 2 } });
    const int shippingShip = b.grpc(Shipping, "shop.ShippingService", "ShipOrder", 200, 3000, 3);
    b.once(shippingShip, { { carrier, 4 }, { insertShipment, 3 } });

    const int emailRender = b.internal(Email, "render template", "OrderMailer#confirmation", 1000, 20000, 0);
    const int emailSend = b.http(Email, "POST", "/send_order_confirmation", 300, 4000, 2);
    b.once(emailSend, { { emailRender, 3 }, { mailApi, 4 } });

    const int notificationProcess = b.consumer(Notification, "notifications", 400, 4000, 3);
    b.once(notificationProcess, { { emailSend, 4 }, { push, 3 }, { insertNotification, 2 } });

    const int workerOrders = b.consumer(OrderWorker, "orders", 300, 3000, 4);
    b.once(workerOrders, { { updateOrder, 4 }, { notificationProcess, 3 }, { shippingShip, 2 } });
    b.calls(workerOrders, { { inventoryReserve, 1 } });
    const int workerReconcile
        = b.internal(OrderWorker, "ReconcileInventory", "worker.(*Reconciler).Run", 2000, 20000, 0);
    b.calls(
        workerReconcile, { { inventoryCheck, 5 }, { selectStock, 3 }, { updateStock, 2 }, { searchIndexUpdate, 1 } });

    const int searchSearch = b.grpc(Search, "shop.SearchService", "Search", 200, 3000, 4);
    b.once(searchSearch, { { elasticSearch, 5 }, { getSearch, 3 } });
    b.calls(searchSearch, { { catalogGet, 2 } });
    const int searchReindex = b.internal(Search, "ReindexProducts", "shop.search.Reindexer.run", 5000, 40000, 0);
    b.calls(searchReindex, { { catalogList, 3 }, { elasticBulk, 5 }, { selectProducts, 2 } });

    const int checkoutValidate = b.internal(Checkout, "validate order", "checkout.(*Service).validate", 100, 2000, 0);
    const int checkoutPlace = b.grpc(Checkout, "shop.CheckoutService", "PlaceOrder", 500, 6000, 10);
    b.calls(checkoutPlace, { { pricingGet, 4 }, { inventoryReserve, 3 } }); // per item
    b.once(checkoutPlace,
        { { cartGet, 4 }, { currencyConvert, 2 }, { paymentCharge, 4 }, { shippingQuote, 3 }, { shippingShip, 2 },
            { insertOrder, 3 }, { workerOrders, 2 }, { cartEmpty, 2 }, { checkoutValidate, 2 } });

    // The edge: every public route first checks the token and the rate limit.
    auto gatewayRoute = [&](const char* method, const char* route, std::initializer_list<std::pair<int, int>> calls) {
        const int operation = b.http(ApiGateway, method, route, 200, 1500, 4);
        b.once(operation, { { authValidate, 3 }, { incrRateLimit, 2 } });
        b.once(operation, calls);
        return operation;
    };
    const int gwProducts = gatewayRoute("GET", "/api/products", { { catalogList, 6 } });
    const int gwProduct
        = gatewayRoute("GET", "/api/products/{id}", { { catalogGet, 6 }, { pricingGet, 4 }, { currencyConvert, 2 } });
    const int gwRecommendations = gatewayRoute("GET", "/api/recommendations", { { recList, 6 } });
    const int gwAds = gatewayRoute("GET", "/api/ads", { { adGet, 6 } });
    const int gwCart = gatewayRoute("GET", "/api/cart", { { cartGet, 6 }, { pricingGet, 2 } });
    const int gwAddItem = gatewayRoute("POST", "/api/cart/items", { { cartAdd, 6 }, { inventoryCheck, 3 } });
    const int gwCheckout = gatewayRoute("POST", "/api/checkout", { { checkoutPlace, 8 } });
    const int gwSearch = gatewayRoute("GET", "/api/search", { { searchSearch, 6 } });
    const int gwLogin = gatewayRoute("POST", "/api/login", { { authLogin, 6 }, { profileGet, 4 } });
    const int gwHealth = b.http(ApiGateway, "GET", "/healthz", 20, 200, 0);

    const int feRender = b.internal(Frontend, "render page", "renderPage", 1000, 12000, 0);
    const int feFlags = b.internal(Frontend, "evaluate feature flags", "FlagClient.evaluate", 50, 800, 0);
    // Pages load their data with as many requests as they need and evaluate flags per component;
    // actions (POST) call the gateway once.
    auto page = [&](const char* method, const char* route, std::initializer_list<std::pair<int, int>> calls) {
        const int operation = b.http(Frontend, method, route, 1000, 8000, 8);
        b.calls(operation, { { feFlags, 1 } });
        if (std::string_view(method) == "GET") {
            b.calls(operation, calls);
            b.once(operation, { { feRender, 2 } });
        } else {
            b.once(operation, calls);
        }
        return operation;
    };
    const int feHome = page("GET", "/", { { gwProducts, 4 }, { gwRecommendations, 3 }, { gwAds, 2 } });
    const int feProduct = page("GET", "/product/{id}", { { gwProduct, 5 }, { gwRecommendations, 3 }, { gwAds, 2 } });
    const int feCart = page("GET", "/cart", { { gwCart, 5 }, { gwRecommendations, 1 } });
    const int feAddToCart = page("POST", "/api/cart", { { gwAddItem, 5 } });
    const int feCheckout = page("POST", "/api/checkout", { { gwCheckout, 6 } });
    const int feSearch = page("GET", "/search", { { gwSearch, 5 }, { gwAds, 1 } });
    const int feLogin = page("POST", "/login", { { gwLogin, 5 } });
    const int feHealth = b.http(Frontend, "GET", "/health", 40, 300, 0);

    // Weights, and the largest trace each can grow into without looking odd (0: any size).
    b.entry(feHome, 20, 0);
    b.entry(feProduct, 25, 0);
    b.entry(feCart, 8, 0);
    b.entry(feSearch, 10, 0);
    b.entry(feCheckout, 8, 0); // loops over the cart's items
    b.entry(feAddToCart, 10, 40);
    b.entry(feLogin, 4, 30);
    b.entry(feHealth, 3, 1);
    b.entry(gwProduct, 4, 25); // the mobile app talks to the gateway directly
    b.entry(gwCheckout, 2, 0);
    b.entry(gwHealth, 2, 1);
    b.entry(workerReconcile, 1, 0, true);
    b.entry(searchReindex, 1, 0, true);
    return std::move(b.catalog);
}

} // namespace

const Catalog& Catalog::shop()
{
    static const Catalog catalog = buildShop();
    return catalog;
}

const char* languageName(Language language)
{
    switch (language) {
    case Language::Go:
        return "go";
    case Language::Java:
        return "java";
    case Language::NodeJs:
        return "nodejs";
    case Language::Python:
        return "python";
    case Language::DotNet:
        return "dotnet";
    case Language::Rust:
        return "rust";
    case Language::Ruby:
        return "ruby";
    case Language::Cpp:
        return "cpp";
    case Language::Php:
        return "php";
    }
    return "unknown";
}

} // namespace skein::demo
