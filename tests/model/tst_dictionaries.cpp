// SPDX-License-Identifier: MIT
#include "cacheschema.h"
#include "database.h"
#include "dictionaries.h"

#include <QTest>

#include <string>
#include <thread>
#include <vector>

using namespace skein;

class TestDictionaries : public QObject {
    Q_OBJECT

private:
    static std::unique_ptr<Database> newCache()
    {
        QString error;
        auto db = Database::open(QStringLiteral(":memory:"), &error);
        if (db && !CacheSchema::migrate(*db, QStringLiteral(":memory:"), &error))
            db.reset();
        return db;
    }

private Q_SLOTS:
    void importModeHandsOutIdsWithoutTheDatabase()
    {
        auto db = newCache();
        QVERIFY(db);
        {
            Dictionaries before(*db);
            QCOMPARE(before.serviceId("existing"), 1);
            QCOMPARE(before.keyId("existing.key"), 1u);
        }
        QVERIFY(db->begin(true));
        Dictionaries dictionaries(*db);
        QVERIFY(dictionaries.beginImport());
        // Stored names keep their ids, new ones get the next free ids at once.
        QCOMPARE(dictionaries.findServiceId("existing"), 1);
        QCOMPARE(dictionaries.serviceId("new"), 2);
        QCOMPARE(dictionaries.operationId(2, "op"), 1);
        QCOMPARE(dictionaries.findOperationId(2, "op"), 1);
        QCOMPARE(dictionaries.findOperationId(1, "op"), 0);
        QCOMPARE(dictionaries.keyId("existing.key"), 1u);
        QCOMPARE(dictionaries.keyId("new.key"), 2u);
        QCOMPARE(*dictionaries.serviceName(2), std::string("new"));
        QCOMPARE(*dictionaries.keyName(2), std::string("new.key"));
        QCOMPARE(dictionaries.keyName(3), nullptr);
        QCOMPARE(db->queryInt64("SELECT count(*) FROM services"), 1);

        QVERIFY(dictionaries.writeNewNames());
        QCOMPARE(db->queryInt64("SELECT count(*) FROM services"), 2);
        QCOMPARE(db->queryInt64("SELECT id FROM operations WHERE service_id = 2 AND name = 'op'"), 1);
        QCOMPARE(db->queryInt64("SELECT id FROM attr_keys WHERE name = 'new.key'"), 2);
        QVERIFY(dictionaries.writeNewNames()); // nothing new: nothing written twice
        dictionaries.endImport();
        QVERIFY(db->commit());

        Dictionaries after(*db);
        QCOMPARE(after.findServiceId("new"), 2);
        QCOMPARE(after.findKeyId("new.key"), 2);
    }

    void threadsGetOneIdPerName()
    {
        auto db = newCache();
        QVERIFY(db);
        QVERIFY(db->begin(true));
        Dictionaries dictionaries(*db);
        QVERIFY(dictionaries.beginImport());
        constexpr int names = 2000;
        std::vector<uint64_t> mine(names);
        std::vector<uint64_t> theirs(names);
        std::thread other([&] {
            for (int i = 0; i < names; ++i)
                theirs[size_t(i)] = dictionaries.keyId("key-" + std::to_string(i));
        });
        for (int i = names - 1; i >= 0; --i) {
            mine[size_t(i)] = dictionaries.keyId("key-" + std::to_string(i));
            if (i % 100 == 0)
                QVERIFY(dictionaries.writeNewNames());
        }
        other.join();
        QCOMPARE(mine, theirs);
        QVERIFY(dictionaries.writeNewNames());
        QCOMPARE(db->queryInt64("SELECT count(DISTINCT id) FROM attr_keys"), names);
        QCOMPARE(db->queryInt64("SELECT max(id) FROM attr_keys"), names);
        for (int i = 0; i < names; i += 97) {
            const std::string name = "key-" + std::to_string(i);
            QCOMPARE(db->queryInt64("SELECT id FROM attr_keys WHERE name = '" + name + "'"), int64_t(mine[size_t(i)]));
        }
        dictionaries.endImport();
        QVERIFY(db->rollback());
    }
};

QTEST_GUILESS_MAIN(TestDictionaries)

#include "tst_dictionaries.moc"
