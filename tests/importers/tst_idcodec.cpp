// SPDX-License-Identifier: MIT
#include "idcodec.h"

#include <QTest>

using namespace skein;

class tst_IdCodec : public QObject {
    Q_OBJECT
private slots:
    void traceIds_data();
    void traceIds();
    void spanIds_data();
    void spanIds();
    void base64RoundTrip();
};

void tst_IdCodec::traceIds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("hex"); // empty: must be refused

    QTest::addRow("hex 32") << "5b8efff798038103d269b633813fc60c"
                            << "5b8efff798038103d269b633813fc60c";
    QTest::addRow("upper hex") << "5B8EFFF798038103D269B633813FC60C"
                               << "5b8efff798038103d269b633813fc60c";
    QTest::addRow("hex 16") << "2be38093ead7a083"
                            << "00000000000000002be38093ead7a083";
    QTest::addRow("short") << "abc0"
                           << "0000000000000000000000000000abc0";
    QTest::addRow("31 hex, leading zero stripped") << "b8efff798038103d269b633813fc60c"
                                                   << "0b8efff798038103d269b633813fc60c";
    QTest::addRow("base64") << "W47/95gDgQPSabYzgT/GDA=="
                            << "5b8efff798038103d269b633813fc60c";
    QTest::addRow("base64 unpadded") << "W47_95gDgQPSabYzgT_GDA"
                                     << "5b8efff798038103d269b633813fc60c";
    QTest::addRow("not an id") << "zzz"
                               << "";
    QTest::addRow("empty") << ""
                           << "";
    QTest::addRow("too long") << QString(33, u'a') << "";
}

void tst_IdCodec::traceIds()
{
    QFETCH(QString, text);
    QFETCH(QString, hex);
    const auto id = decodeTraceId(text.toStdString());
    if (hex.isEmpty()) {
        QVERIFY(!id);
        return;
    }
    QVERIFY(id);
    QCOMPARE(QString::fromStdString(id->toHex()), hex);
}

void tst_IdCodec::spanIds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("hex");

    QTest::addRow("hex 16") << "7606ddfe69932d34"
                            << "7606ddfe69932d34";
    QTest::addRow("short") << "1"
                           << "0000000000000001";
    QTest::addRow("base64") << "0mm2M4E/xgw="
                            << "d269b633813fc60c";
    QTest::addRow("not an id") << "BADID"
                               << "";
}

void tst_IdCodec::spanIds()
{
    QFETCH(QString, text);
    QFETCH(QString, hex);
    const auto id = decodeSpanId(text.toStdString());
    if (hex.isEmpty()) {
        QVERIFY(!id);
        return;
    }
    QVERIFY(id);
    QCOMPARE(QString::fromStdString(spanIdToHex(*id)), hex);
}

void tst_IdCodec::base64RoundTrip()
{
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes.push_back(char(i));
    for (size_t length = 0; length < 8; ++length) {
        const std::string part = bytes.substr(250 - length);
        QCOMPARE(decodeBase64(encodeBase64(part)), std::optional<std::string>(part));
    }
    QVERIFY(!decodeBase64("a"));
    QVERIFY(!decodeBase64("ab$d"));
}

QTEST_GUILESS_MAIN(tst_IdCodec)
#include "tst_idcodec.moc"
