// SPDX-License-Identifier: MIT
#include "importprogressdialog.h"

#include "importqueue.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace skein {

namespace {
// Imports shorter than this never show the dialog, so that small files do not make it flash.
constexpr int showAfterMs = 400;
} // namespace

ImportProgressDialog::ImportProgressDialog(ImportQueue* queue, QWidget* parent)
    : QDialog(parent)
    , m_queue(queue)
    , m_fileLabel(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_detailLabel(new QLabel(this))
    , m_cancelButton(new QPushButton(tr("Cancel Import"), this))
    , m_timer(new QTimer(this))
{
    setWindowTitle(tr("Importing Traces"));
    setModal(false);
    setMinimumWidth(460);
    m_fileLabel->setTextFormat(Qt::PlainText);
    m_fileLabel->setWordWrap(true);
    QFont bold = m_fileLabel->font();
    bold.setBold(true);
    m_fileLabel->setFont(bold);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_detailLabel->setTextFormat(Qt::PlainText);
    m_detailLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* hideButton = new QPushButton(tr("Continue in Background"), this);
    m_cancelButton->setToolTip(tr("Stops the import; the cache keeps nothing of the file being imported."));

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(hideButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    connect(hideButton, &QPushButton::clicked, this, &QDialog::hide);
    connect(m_cancelButton, &QPushButton::clicked, m_queue, &ImportQueue::cancel);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->setContentsMargins(18, 18, 18, 14);
    layout->addWidget(m_fileLabel);
    layout->addWidget(m_bar);
    layout->addWidget(m_detailLabel);
    layout->addSpacing(6);
    layout->addWidget(buttons);

    connect(m_queue, &ImportQueue::fileStarted, this, &ImportProgressDialog::fileStarted);
    connect(m_queue, &ImportQueue::batchFinished, this, &ImportProgressDialog::batchFinished);
    connect(m_timer, &QTimer::timeout, this, &ImportProgressDialog::update);
}

void ImportProgressDialog::fileStarted()
{
    if (!m_timer->isActive()) {
        m_elapsed.start();
        m_timer->start(100);
    }
    update();
}

void ImportProgressDialog::update()
{
    if (!m_queue->isBusy())
        return;
    const QString name = QFileInfo(m_queue->currentPath()).fileName();
    const int total = m_queue->batchSize();
    m_fileLabel->setText(total > 1
            ? tr("Importing %1 (file %2 of %3)").arg(name).arg(m_queue->currentNumber()).arg(total)
            : tr("Importing %1").arg(name));
    const ImportProgress progress = m_queue->progress();
    const QLocale locale;
    QString bytes;
    if (progress.bytesTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::min<int64_t>(1000, 1000 * progress.bytesDone / progress.bytesTotal)));
        bytes = tr("%1 of %2")
                    .arg(locale.formattedDataSize(progress.bytesDone), locale.formattedDataSize(progress.bytesTotal));
    } else {
        m_bar->setRange(0, 0); // a pipe: size unknown
        bytes = locale.formattedDataSize(progress.bytesDone);
    }
    m_detailLabel->setText(tr("%1 · %2 spans · %3 s")
                               .arg(bytes, locale.toString(qulonglong(progress.spans)))
                               .arg(m_elapsed.elapsed() / 1000));
    if (!isVisible() && m_elapsed.elapsed() >= showAfterMs && !property("dismissed").toBool())
        show();
}

void ImportProgressDialog::batchFinished()
{
    m_timer->stop();
    hide();
}

} // namespace skein
