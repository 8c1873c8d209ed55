// SPDX-License-Identifier: MIT
// Conformance: every file of the shared corpus gets the verdict and the counts EXPECTED.tsv lists.
#include "fileimport.h"
#include "tracestore.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace skein;

namespace {

QString corpusDir()
{
    return QDir::cleanPath(QStringLiteral(SKEIN_CORPUS_DIR));
}

} // namespace

class tst_Corpus : public QObject {
    Q_OBJECT
private slots:
    void conformance_data();
    void conformance();
};

void tst_Corpus::conformance_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expect");
    QTest::addColumn<QString>("traces");
    QTest::addColumn<QString>("records");
    QTest::addColumn<QString>("services");

    QFile table(corpusDir() + QStringLiteral("/EXPECTED.tsv"));
    if (!table.open(QIODevice::ReadOnly)) {
        QTest::newRow("corpus absent") << QString() << QString() << QString() << QString() << QString() << QString();
        return;
    }
    bool header = true;
    while (!table.atEnd()) {
        const QString line = QString::fromUtf8(table.readLine()).trimmed();
        if (header || line.isEmpty()) {
            header = false;
            continue;
        }
        const QStringList fields = line.split(u'\t');
        if (fields.size() < 6)
            continue;
        QTest::newRow(fields[0].toUtf8().constData())
            << fields[0] << fields[1] << fields[2] << fields[3] << fields[4] << fields[5];
    }
}

void tst_Corpus::conformance()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFETCH(QString, expect);
    QFETCH(QString, traces);
    QFETCH(QString, records);
    QFETCH(QString, services);
    if (path.isEmpty())
        QSKIP(qPrintable(QStringLiteral("the shared corpus is absent (%1/EXPECTED.tsv not found); "
                                        "conformance needs ../shared/corpus beside the project")
                             .arg(corpusDir())));
    Q_UNUSED(format);

    QString error;
    auto store = TraceStore::open(QStringLiteral(":memory:"), &error);
    QVERIFY2(store, qPrintable(error));
    const ImportOutcome outcome = importFile(*store, corpusDir() + u'/' + path);
    const QString verdict = outcome.report.rejected ? QStringLiteral("reject") : QStringLiteral("import");
    const QString detail = outcome.report.rejected ? QString::fromStdString(outcome.report.error.message)
                                                   : QStringLiteral("%1 traces, %2 records, %3 services")
                                                         .arg(outcome.counts.traces)
                                                         .arg(outcome.counts.records)
                                                         .arg(outcome.counts.services);
    QVERIFY2(!outcome.report.cancelled, "an import that nobody cancelled reports cancel");
    if (expect == u"either")
        return; // importing or rejecting are both right; getting here means it did not crash
    QVERIFY2(verdict == expect, qPrintable(QStringLiteral("expected %1, got %2: %3").arg(expect, verdict, detail)));
    if (outcome.report.rejected) {
        QVERIFY2(!outcome.report.error.message.empty(), "a rejection must say why");
        return;
    }
    QCOMPARE(QString::number(outcome.counts.traces), traces);
    QCOMPARE(QString::number(outcome.counts.records), records);
    QCOMPARE(QString::number(outcome.counts.services), services);
    // A Zipkin v1 record can hold both halves of an RPC (two spans); fragments merge into one.
    QVERIFY(outcome.counts.spans > 0 || outcome.counts.records == 0);
}

QTEST_GUILESS_MAIN(tst_Corpus)
#include "tst_corpus.moc"
