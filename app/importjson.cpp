// SPDX-License-Identifier: MIT
#include "importjson.h"

#include <QJsonArray>

namespace skein {

QJsonValue importMessageJson(const ImportMessage& message)
{
    QJsonObject object;
    object[QStringLiteral("message")] = QString::fromStdString(message.message);
    object[QStringLiteral("line")]
        = message.position.line > 0 ? QJsonValue(double(message.position.line)) : QJsonValue();
    object[QStringLiteral("column")]
        = message.position.column > 0 ? QJsonValue(double(message.position.column)) : QJsonValue();
    object[QStringLiteral("offset")]
        = message.position.offset >= 0 ? QJsonValue(double(message.position.offset)) : QJsonValue();
    return object;
}

QJsonObject importOutcomeJson(const ImportOutcome& outcome)
{
    QJsonObject file;
    file[QStringLiteral("path")] = outcome.path;
    file[QStringLiteral("format")]
        = outcome.report.format.empty() ? QJsonValue() : QString::fromStdString(outcome.report.format);
    file[QStringLiteral("status")] = outcome.status();
    file[QStringLiteral("traces")] = double(outcome.counts.traces);
    file[QStringLiteral("records")] = double(outcome.counts.records);
    file[QStringLiteral("spans")] = double(outcome.counts.spans);
    file[QStringLiteral("services")] = double(outcome.counts.services);
    file[QStringLiteral("skippedDocuments")] = double(outcome.report.skippedDocuments);
    QJsonArray warnings;
    for (const ImportMessage& warning : outcome.report.warnings)
        warnings.append(importMessageJson(warning));
    file[QStringLiteral("warnings")] = warnings;
    file[QStringLiteral("error")] = outcome.report.rejected ? importMessageJson(outcome.report.error) : QJsonValue();
    return file;
}

} // namespace skein
