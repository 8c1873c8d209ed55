// SPDX-License-Identifier: MIT
#include "importproblemsdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace skein {

bool ImportProblemsDialog::hasProblems(const std::vector<ImportOutcome>& outcomes)
{
    for (const ImportOutcome& outcome : outcomes)
        if (outcome.report.rejected || !outcome.report.warnings.empty())
            return true;
    return false;
}

QString ImportProblemsDialog::positionText(const SourcePosition& position)
{
    if (position.line > 0)
        return tr("line %1, column %2").arg(position.line).arg(position.column);
    if (position.offset >= 0)
        return tr("byte %1").arg(position.offset);
    return {};
}

ImportProblemsDialog::ImportProblemsDialog(const std::vector<ImportOutcome>& outcomes, QWidget* parent)
    : QDialog(parent)
    , m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("Import Problems"));
    resize(760, 420);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({ tr("File / Position"), tr("Problem") });
    m_tree->setRootIsDecorated(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setWordWrap(true);
    m_tree->header()->setStretchLastSection(true);

    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    int rejected = 0;
    size_t warnings = 0;
    for (const ImportOutcome& outcome : outcomes) {
        const ImportReport& report = outcome.report;
        if (!report.rejected && report.warnings.empty())
            continue;
        auto* file = new QTreeWidgetItem(m_tree);
        file->setText(0, QFileInfo(outcome.path).fileName());
        file->setToolTip(0, outcome.path);
        if (report.rejected) {
            ++rejected;
            file->setIcon(0, errorIcon);
            file->setText(1, tr("Not imported: %1").arg(QString::fromStdString(report.error.message)));
            auto* item = new QTreeWidgetItem(file);
            item->setText(0, positionText(report.error.position));
            item->setText(1, QString::fromStdString(report.error.message));
        } else {
            file->setIcon(0, warningIcon);
            file->setText(1,
                tr("Imported %n span(s) with %1 problem(s); damaged records were skipped.", nullptr,
                    int(outcome.counts.spans))
                    .arg(report.warnings.size()));
        }
        for (const ImportMessage& warning : report.warnings) {
            auto* item = new QTreeWidgetItem(file);
            item->setText(0, positionText(warning.position));
            item->setText(1, QString::fromStdString(warning.message));
            ++warnings;
        }
        file->setExpanded(true);
    }
    m_tree->resizeColumnToContents(0);
    m_tree->setColumnWidth(0, std::max(m_tree->columnWidth(0) + 24, 200));

    auto* summary = new QLabel(this);
    summary->setWordWrap(true);
    summary->setText(tr("%1 of %2 file(s) could not be imported; %3 problem(s) were reported while reading the others.")
                         .arg(rejected)
                         .arg(outcomes.size())
                         .arg(warnings));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy All"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
}

QString ImportProblemsDialog::text() const
{
    QStringList lines;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* file = m_tree->topLevelItem(i);
        lines << file->toolTip(0) + QStringLiteral(": ") + file->text(1);
        for (int j = 0; j < file->childCount(); ++j) {
            const QTreeWidgetItem* item = file->child(j);
            lines << QStringLiteral("  ") + (item->text(0).isEmpty() ? QString() : item->text(0) + QStringLiteral(": "))
                    + item->text(1);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace skein
