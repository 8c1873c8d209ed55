// SPDX-License-Identifier: MIT
// Shows an ImportQueue at work: which file, bytes read of how many, spans so far, elapsed time, Cancel.
// It stays out of the way for imports that finish in a moment and never blocks the window.
#pragma once

#include <QDialog>
#include <QElapsedTimer>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace skein {

class ImportQueue;

class ImportProgressDialog : public QDialog {
    Q_OBJECT
public:
    ImportProgressDialog(ImportQueue* queue, QWidget* parent);

private:
    void fileStarted();
    void update();
    void batchFinished();

    ImportQueue* m_queue;
    QLabel* m_fileLabel;
    QProgressBar* m_bar;
    QLabel* m_detailLabel;
    QPushButton* m_cancelButton;
    QTimer* m_timer;
    QElapsedTimer m_elapsed;
};

} // namespace skein
