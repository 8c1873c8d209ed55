// SPDX-License-Identifier: MIT
#include "traceterms.h"

#include <QTest>

#include <string_view>

using namespace skein;

// Terms are stored in the cache: a change of their values silently breaks searching existing caches,
// so these pin them (values as computed by the first implementation).
class TestTraceTerms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idTermsKeepTheirValues()
    {
        QCOMPARE(TraceTerms::service(1), 5);
        QCOMPARE(TraceTerms::operation(1), 6);
        QCOMPARE(TraceTerms::service(123456789), 493827157);
        QCOMPARE(TraceTerms::operation(123456789), 493827158);
    }

    void attributeTermsKeepTheirValues()
    {
        // Lengths around the eight-byte rounds of the hash, and bytes above 0x7f.
        const std::string_view values[] = { std::string_view("", 0), "a", "GET", "12345678", "123456789",
            "a longer value of 23 ch", std::string_view("\xff\x00\x80z", 4) };
        struct Expected {
            int64_t keyId;
            size_t value;
            int64_t term;
        };
        const Expected expected[] = {
            { 1, 0, 2461230878022469055ll },
            { 1, 1, 117437135813037619ll },
            { 1, 2, 5278417056286155875ll },
            { 1, 3, 2667351027477762919ll },
            { 1, 4, 2571606904700952203ll },
            { 1, 5, 7570638762576812839ll },
            { 1, 6, 5607291909971663995ll },
            { 7, 0, 2285596495333043891ll },
            { 7, 1, 3682228252366946955ll },
            { 7, 2, 8176450407849811915ll },
            { 7, 3, 6007918388258626987ll },
            { 7, 4, 3753611199789953887ll },
            { 7, 5, 1427574881813382115ll },
            { 7, 6, 5281599771718523539ll },
            { 123456789, 0, 2629296423015859651ll },
            { 123456789, 1, 8000652872938703383ll },
            { 123456789, 2, 701406641305253711ll },
            { 123456789, 3, 2723322657067100751ll },
            { 123456789, 4, 4823422475694037035ll },
            { 123456789, 5, 1514151947260061763ll },
            { 123456789, 6, 1331944532015521787ll },
        };
        for (const Expected& e : expected) {
            const int64_t term = TraceTerms::attribute(e.keyId, values[e.value]);
            QCOMPARE(term, e.term);
            QCOMPARE(term & 3, 3);
        }
    }
};

QTEST_GUILESS_MAIN(TestTraceTerms)

#include "tst_traceterms.moc"
