// SPDX-License-Identifier: MIT
// Runs a phase of the benchmark in a fresh process (this binary again, with a phase argument), so that
// nothing an earlier phase allocated or cached counts. The child reports its own memory (see
// peakResidentKb()): what wait4() says includes the parent's pages the child had before exec.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace skein::bench {

struct ChildResult {
    bool ok = false; // exited with status 0
    QByteArray output; // its standard output
};

ChildResult runChild(const QString& program, const QStringList& arguments);

} // namespace skein::bench
