// SPDX-License-Identifier: MIT
// The JSON that `skein import --json` and `skein fetch --json` print for one imported input.
#pragma once

#include "fileimport.h"

#include <QJsonObject>
#include <QJsonValue>

namespace skein {

// {"message", "line", "column", "offset"}; absent positions are null.
QJsonValue importMessageJson(const ImportMessage& message);
// {"path", "format", "status", "traces", "records", "spans", "services", "skippedDocuments", "warnings", "error"}
QJsonObject importOutcomeJson(const ImportOutcome& outcome);

} // namespace skein
