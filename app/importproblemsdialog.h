// SPDX-License-Identifier: MIT
// Lists, per file, why an import was rejected and what was skipped, with the position of each problem.
#pragma once

#include "fileimport.h"

#include <QDialog>

#include <vector>

class QTreeWidget;

namespace skein {

class ImportProblemsDialog : public QDialog {
    Q_OBJECT
public:
    ImportProblemsDialog(const std::vector<ImportOutcome>& outcomes, QWidget* parent);

    // True when any outcome was rejected or has warnings (else there is nothing to show).
    static bool hasProblems(const std::vector<ImportOutcome>& outcomes);
    // "line 3, column 7", "byte 1024" or "" for a message without a position.
    static QString positionText(const SourcePosition& position);
    // All problems as plain text, for the clipboard.
    QString text() const;

private:
    QTreeWidget* m_tree;
};

} // namespace skein
