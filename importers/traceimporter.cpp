// SPDX-License-Identifier: MIT
#include "traceimporter.h"

#include "bytesource.h"
#include "formatsniffer.h"
#include "jaegerjsonreader.h"
#include "jsoninput.h"
#include "jsonstreamparser.h"
#include "otlpjsonreader.h"
#include "otlpprotoreader.h"
#include "spanbatch.h"
#include "zipkinjsonreader.h"

#include <memory>

namespace skein {

namespace {

// Enough to see the top-level keys of every format, and the first line of JSON lines.
constexpr size_t sniffBytes = 256 * 1024;

std::string sourceError(const ByteSource& source)
{
    return source.errorString().toStdString();
}

void importJson(ByteSource& source, SpanSink& sink, ImportReport& report, const SniffResult& sniffed)
{
    SpanBatch batch(sink);
    std::unique_ptr<JsonStreamClient> reader;
    if (sniffed.format == InputFormat::OtlpJson)
        reader = std::make_unique<OtlpJsonReader>(batch, report, sniffed.shape);
    else if (sniffed.format == InputFormat::ZipkinJson)
        reader = std::make_unique<ZipkinJsonReader>(batch, report, sniffed.shape);
    else
        reader = std::make_unique<JaegerJsonReader>(batch, report, sniffed.shape);

    if (source.peek(3) == "\xEF\xBB\xBF") {
        char bom[3];
        source.read(bom, 3);
    }
    JsonInput input(source);
    input.setLineMode(sniffed.shape.severalDocuments && sniffed.shape.firstDocumentOnOneLine);
    JsonStreamParser parser;
    const bool parsed = parser.parse(input, *reader, report);
    if (input.readFailed()) {
        if (source.cancelled())
            report.cancelled = true;
        else
            report.reject(sourceError(source), input.position());
        return;
    }
    if (batch.failed() && !report.rejected) {
        report.reject("could not store spans: " + batch.errorMessage(), input.position());
        return;
    }
    if (parsed && !batch.flush() && !report.rejected)
        report.reject("could not store spans: " + batch.errorMessage(), input.position());
}

// A file that yielded nothing but damaged records is rejected with the first problem found.
void rejectWhenNothingUsable(ImportReport& report)
{
    if (report.rejected || report.cancelled || report.records == 0 || report.skippedRecords < report.records)
        return;
    ImportMessage first
        = report.warnings.empty() ? ImportMessage { "every span record is damaged", {} } : report.warnings.front();
    if (!report.warnings.empty())
        report.warnings.erase(report.warnings.begin());
    report.reject("no usable span: " + first.message, first.position);
}

} // namespace

void importTraces(ByteSource& source, SpanSink& sink, ImportReport& report)
{
    const std::string_view prefix = source.peek(sniffBytes);
    if (prefix.empty() && !source.errorString().isEmpty()) {
        report.cancelled = source.cancelled();
        if (!report.cancelled)
            report.reject(sourceError(source), {});
        return;
    }
    const SniffResult sniffed = sniffFormat(prefix);
    switch (sniffed.format) {
    case InputFormat::Empty:
        report.reject("the file is empty", { 1, 1, 0 });
        return;
    case InputFormat::Unsupported:
        report.reject("this is " + sniffed.description + "; Skein reads Jaeger, OTLP and Zipkin spans", { 1, 1, 0 });
        return;
    case InputFormat::OtlpProtobuf:
        importOtlpProtobuf(source, sink, report);
        break;
    case InputFormat::Unknown:
        if (sniffed.shape.root == JsonShape::Root::NotJson && !prefix.empty()) {
            const char first = prefix.front();
            if (first != '{' && first != '[' && first != ' ' && first != '\n' && first != '\r' && first != '\t') {
                report.reject(
                    "not a trace file: expected JSON (starting with '{' or '[') or OTLP protobuf", { 1, 1, 0 });
                return;
            }
        }
        // Let the JSON parser name the syntax error and its position.
        [[fallthrough]];
    case InputFormat::JaegerJson:
    case InputFormat::OtlpJson:
    case InputFormat::ZipkinJson:
        importJson(source, sink, report, sniffed);
        break;
    }
    rejectWhenNothingUsable(report);
    if (!report.rejected && !report.cancelled && report.records == 0) {
        if (sniffed.format == InputFormat::Unknown)
            report.reject("not a known trace format: " + sniffed.description, { 1, 1, 0 });
        else
            report.warn("the file holds no spans", {});
    }
}

} // namespace skein
