// SPDX-License-Identifier: MIT
#include "formatsniffer.h"

#include <QTest>

using namespace skein;

Q_DECLARE_METATYPE(skein::InputFormat)

class tst_FormatSniffer : public QObject {
    Q_OBJECT
private slots:
    void sniff_data();
    void sniff();
    void truncatedPrefixStillDecides();
    void jsonLinesAreSeen();
};

void tst_FormatSniffer::sniff_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<InputFormat>("format");

    QTest::addRow("empty") << QByteArray() << InputFormat::Empty;
    QTest::addRow("blank") << QByteArray(" \n\t ") << InputFormat::Empty;
    QTest::addRow("jaeger envelope") << QByteArray(R"({"data":[{"traceID":"1","spans":[]}],"total":0})")
                                     << InputFormat::JaegerJson;
    QTest::addRow("jaeger ui state dump")
        << QByteArray(R"({"data":{"spans":[],"traceID":"a"}})") << InputFormat::JaegerJson;
    QTest::addRow("bare jaeger trace") << QByteArray(R"({"spans":[{"traceID":"a"}],"processes":{}})")
                                       << InputFormat::JaegerJson;
    QTest::addRow("jaeger span array") << QByteArray(R"([{"traceID":"a","spanID":"b"}])") << InputFormat::JaegerJson;
    QTest::addRow("jaeger model span") << QByteArray(R"({"traceId":"AAAA","spanId":"AAA="})")
                                       << InputFormat::JaegerJson;
    QTest::addRow("otlp") << QByteArray(R"({"resourceSpans":[]})") << InputFormat::OtlpJson;
    QTest::addRow("otlp snake case") << QByteArray(R"({"resource_spans":[]})") << InputFormat::OtlpJson;
    QTest::addRow("tempo batches") << QByteArray(R"({"batches":[]})") << InputFormat::OtlpJson;
    QTest::addRow("api v3") << QByteArray(R"({"result":{"resourceSpans":[]}})") << InputFormat::OtlpJson;
    QTest::addRow("otlp metrics line") << QByteArray(R"({"resourceMetrics":[]})") << InputFormat::OtlpJson;
    QTest::addRow("zipkin array") << QByteArray(R"([{"traceId":"a","id":"b","localEndpoint":{}}])")
                                  << InputFormat::ZipkinJson;
    QTest::addRow("zipkin list of lists") << QByteArray(R"([[{"traceId":"a","id":"b"}]])") << InputFormat::ZipkinJson;
    QTest::addRow("zipkin single span") << QByteArray(R"({"traceId":"a","id":"b"})") << InputFormat::ZipkinJson;
    QTest::addRow("dependency links") << QByteArray(R"([{"parent":"a","child":"b","callCount":1}])")
                                      << InputFormat::Unsupported;
    QTest::addRow("chrome trace object") << QByteArray(R"({"traceEvents":[]})") << InputFormat::Unsupported;
    QTest::addRow("chrome trace array") << QByteArray(R"([{"ph":"X","ts":1,"name":"a"}])") << InputFormat::Unsupported;
    QTest::addRow("tempo search") << QByteArray(R"({"traces":[{"traceID":"a"}]})") << InputFormat::Unsupported;
    QTest::addRow("v3 services") << QByteArray(R"({"services":["a"]})") << InputFormat::Unsupported;
    QTest::addRow("zipkin thrift json") << QByteArray(R"([{"trace_id":1,"binary_annotations":[]}])")
                                        << InputFormat::Unsupported;
    QTest::addRow("jaeger thrift json") << QByteArray(R"({"process":{},"spans":[{"traceIdLow":1,"spanId":2}]})")
                                        << InputFormat::Unsupported;
    QTest::addRow("zipkin proto3 json") << QByteArray(R"({"spans":[{"trace_id":"QoVo","id":"AAAA"}]})")
                                        << InputFormat::Unsupported;
    QTest::addRow("protobuf") << QByteArray("\x0a\x03\x0a\x01\x00", 5) << InputFormat::OtlpProtobuf;
    QTest::addRow("length-prefixed protobuf")
        << QByteArray("\x00\x00\x00\x05\x0a\x03\x0a\x01\x00", 9) << InputFormat::OtlpProtobuf;
    QTest::addRow("protobuf text") << QByteArray("# proto-message: ExportTraceServiceRequest\nresource_spans {\n")
                                   << InputFormat::Unsupported;
    QTest::addRow("plain text") << QByteArray("hello world") << InputFormat::Unknown;
    QTest::addRow("unknown object") << QByteArray(R"({"hello":1})") << InputFormat::Unknown;
    QTest::addRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"resourceSpans\":[]}") << InputFormat::OtlpJson;
}

void tst_FormatSniffer::sniff()
{
    QFETCH(QByteArray, input);
    QFETCH(InputFormat, format);
    const SniffResult result = sniffFormat(std::string_view(input.constData(), size_t(input.size())));
    QCOMPARE(int(result.format), int(format));
    QVERIFY(!result.description.empty());
}

void tst_FormatSniffer::truncatedPrefixStillDecides()
{
    const std::string input = R"({"data":[{"traceID":"abc","spans":[{"traceID":"abc","spanID":"1","operationName":"x)";
    const SniffResult result = sniffFormat(input);
    QCOMPARE(int(result.format), int(InputFormat::JaegerJson));
    QVERIFY(!result.shape.complete);
    QVERIFY(JsonShape::hasKey(result.shape.firstSpanKeys, "spanID"));
}

void tst_FormatSniffer::jsonLinesAreSeen()
{
    const SniffResult result = sniffFormat("{\"resourceSpans\":[]}\n{\"resourceSpans\":[]}\n");
    QCOMPARE(int(result.format), int(InputFormat::OtlpJson));
    QVERIFY(result.shape.complete);
    QVERIFY(result.shape.severalDocuments);
    QVERIFY(!sniffFormat("{\"resourceSpans\":[]}\n\n").shape.severalDocuments);
}

QTEST_GUILESS_MAIN(tst_FormatSniffer)
#include "tst_formatsniffer.moc"
