// SPDX-License-Identifier: MIT
#include "attributetablemodel.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <cmath>
#include <limits>

using namespace skein;

namespace {

Attributes mixedAttributes()
{
    AttributeValue list;
    list.type = AttributeValue::Type::Array;
    list.array = { AttributeValue::fromString("a"), AttributeValue::fromInt(1) };
    return {
        { "http.status_code", AttributeValue::fromInt(200) },
        { "Retry.count", AttributeValue::fromInt(10) },
        { "latency", AttributeValue::fromDouble(9.5) },
        { "big", AttributeValue::fromInt(std::numeric_limits<int64_t>::max()) },
        { "negative", AttributeValue::fromInt(-3) },
        { "ratio", AttributeValue::fromDouble(std::nan("")) },
        { "cached", AttributeValue::fromBool(true) },
        { "peer", AttributeValue::fromString("zeta") },
        { "method", AttributeValue::fromString("Alpha") },
        { "blob", AttributeValue::fromBytes(std::string("\x01\x02", 2)) },
        { "tags", list },
        { "nothing", AttributeValue() },
        { "message", AttributeValue::fromString("line one\nline two") },
    };
}

QStringList column(const AttributeTableModel& model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.data(model.index(row, column), role).toString());
    return values;
}

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

} // namespace

class AttributeTableModelTest : public QObject {
    Q_OBJECT
private slots:
    void showsTypedValues_data();
    void showsTypedValues();
    void keepsTheSendersOrderUntilSorted();
    void sortsKeysWithoutRegardToCase();
    void sortsNumbersAsNumbers();
    void sortsDescendingAndByType();
    void keepsSelectionAcrossSort();
    void copiesValuesOfRowsInOrder();
};

void AttributeTableModelTest::showsTypedValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("raw");
    QTest::newRow("int") << QStringLiteral("http.status_code") << QStringLiteral("200") << QStringLiteral("int")
                         << QStringLiteral("200");
    QTest::newRow("int64 max") << QStringLiteral("big") << QStringLiteral("9223372036854775807")
                               << QStringLiteral("int") << QStringLiteral("9223372036854775807");
    QTest::newRow("double") << QStringLiteral("latency") << QStringLiteral("9.5") << QStringLiteral("double")
                            << QStringLiteral("9.5");
    QTest::newRow("bool") << QStringLiteral("cached") << QStringLiteral("true") << QStringLiteral("bool")
                          << QStringLiteral("true");
    QTest::newRow("string") << QStringLiteral("peer") << QStringLiteral("zeta") << QStringLiteral("string")
                            << QStringLiteral("zeta");
    QTest::newRow("bytes as base64") << QStringLiteral("blob") << QStringLiteral("AQI=") << QStringLiteral("bytes")
                                     << QStringLiteral("AQI=");
    QTest::newRow("array as JSON") << QStringLiteral("tags") << QStringLiteral("[\"a\",1]") << QStringLiteral("array")
                                   << QStringLiteral("[\"a\",1]");
    QTest::newRow("empty") << QStringLiteral("nothing") << QStringLiteral("(empty)") << QStringLiteral("empty")
                           << QStringLiteral("");
    QTest::newRow("line breaks marked") << QStringLiteral("message") << QStringLiteral("line one \u21b5 line two")
                                        << QStringLiteral("string") << QStringLiteral("line one\nline two");
}

void AttributeTableModelTest::showsTypedValues()
{
    QFETCH(QString, key);
    QFETCH(QString, shown);
    QFETCH(QString, type);
    QFETCH(QString, raw);
    AttributeTableModel model;
    model.setAttributes(mixedAttributes());
    QCOMPARE(model.columnCount(), 3);
    const int row = column(model, AttributeTableModel::KeyColumn).indexOf(key);
    QVERIFY2(row >= 0, qPrintable(key));
    QCOMPARE(model.data(model.index(row, AttributeTableModel::ValueColumn)).toString(), shown);
    QCOMPARE(model.data(model.index(row, AttributeTableModel::TypeColumn)).toString(), type);
    QCOMPARE(model.data(model.index(row, 0), AttributeTableModel::ValueTextRole).toString(), raw);
    QCOMPARE(model.valuesText({ row }), raw);
}

void AttributeTableModelTest::keepsTheSendersOrderUntilSorted()
{
    AttributeTableModel model;
    model.setAttributes(mixedAttributes());
    QCOMPARE(model.rowCount(), int(mixedAttributes().size()));
    QCOMPARE(column(model, 0).first(), QStringLiteral("http.status_code"));
    QCOMPARE(column(model, 0).last(), QStringLiteral("message"));
}

void AttributeTableModelTest::sortsKeysWithoutRegardToCase()
{
    AttributeTableModel model;
    model.setAttributes(mixedAttributes());
    model.sort(AttributeTableModel::KeyColumn, Qt::AscendingOrder);
    const QStringList keys = column(model, AttributeTableModel::KeyColumn);
    QCOMPARE(keys,
        strings({ "big", "blob", "cached", "http.status_code", "latency", "message", "method", "negative", "nothing",
            "peer", "ratio", "Retry.count", "tags" }));
    // Sorting survives new attributes.
    model.setAttributes({ { "b", AttributeValue::fromInt(1) }, { "A", AttributeValue::fromInt(2) } });
    QCOMPARE(column(model, 0), strings({ "A", "b" }));
}

void AttributeTableModelTest::sortsNumbersAsNumbers()
{
    AttributeTableModel model;
    model.setAttributes(mixedAttributes());
    model.sort(AttributeTableModel::ValueColumn, Qt::AscendingOrder);
    const QStringList values = column(model, AttributeTableModel::ValueColumn);
    // Numbers first in numeric order (ints and doubles mixed, NaN last), then booleans, then text
    // ignoring case, and empty values at the end. As text "10" would sort before "9.5".
    QCOMPARE(values,
        strings({ "-3", "9.5", "10", "200", "9223372036854775807", "NaN", "true", R"(["a",1])", "Alpha",
            "AQI=", "line one \u21b5 line two", "zeta", "(empty)" }));
}

void AttributeTableModelTest::sortsDescendingAndByType()
{
    AttributeTableModel model;
    model.setAttributes(mixedAttributes());
    model.sort(AttributeTableModel::ValueColumn, Qt::DescendingOrder);
    QCOMPARE(column(model, AttributeTableModel::ValueColumn).first(), QStringLiteral("(empty)"));
    QCOMPARE(column(model, AttributeTableModel::ValueColumn).last(), QStringLiteral("-3"));

    model.sort(AttributeTableModel::TypeColumn, Qt::AscendingOrder);
    const QStringList types = column(model, AttributeTableModel::TypeColumn);
    QStringList sorted = types;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(types, sorted);
    // Within one type, by key.
    const QStringList keys = column(model, AttributeTableModel::KeyColumn);
    const int firstInt = int(types.indexOf(QStringLiteral("int")));
    QCOMPARE(keys.mid(firstInt, 4), strings({ "big", "http.status_code", "negative", "Retry.count" }));
}

void AttributeTableModelTest::keepsSelectionAcrossSort()
{
    AttributeTableModel model;
    model.setAttributes(mixedAttributes());
    QTableView view;
    view.setModel(&model);
    const int row = column(model, 0).indexOf(QStringLiteral("peer"));
    view.selectRow(row);
    QSignalSpy layoutSpy(&model, &QAbstractItemModel::layoutChanged);
    model.sort(AttributeTableModel::KeyColumn, Qt::DescendingOrder);
    QCOMPARE(layoutSpy.count(), 1);
    const QModelIndexList selected = view.selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(model.attributeAt(selected.front().row()).key, std::string("peer"));
}

void AttributeTableModelTest::copiesValuesOfRowsInOrder()
{
    AttributeTableModel model;
    model.setAttributes({ { "a", AttributeValue::fromInt(1) }, { "b", AttributeValue::fromString("two") },
        { "c", AttributeValue::fromDouble(0.25) } });
    QCOMPARE(model.valuesText({ 2, 0, 2 }), QStringLiteral("1\n0.25"));
    QCOMPARE(model.keyValuesText({ 1 }), QStringLiteral("b=two"));
    QCOMPARE(model.valuesText({ 7 }), QString());
}

QTEST_MAIN(AttributeTableModelTest)
#include "tst_attributetablemodel.moc"
