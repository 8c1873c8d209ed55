// SPDX-License-Identifier: MIT
// Stores new rows of the spans table many per statement (a statement's fixed cost is about as high as
// a row's) and tells each row's id, or that its key was taken.
#pragma once

#include "span.h"
#include "spanrow.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skein {

class Database;
class Statement;

class SpanRowInserter {
public:
    struct Row {
        const SpanRecord* span = nullptr; // its column fields; must outlive flush()
        int64_t serviceId = 0;
        int64_t operationId = 0;
        int64_t resourceId = 0; // 0: none
        int64_t scopeId = 0; // 0: none
        std::string_view data; // packed details; must outlive flush()
    };

    explicit SpanRowInserter(Database& db);

    // Inside the write transaction, before the first add(). False on a database error.
    bool begin(int64_t importId);

    // A row with the key (trace id, span id, side) of a pending row must wait for flush(): the
    // statement could not tell which of the two the table kept.
    bool holdsKey(const SpanRecord& span) const;
    bool full() const { return m_rows.size() >= rowsPerStatement; }
    void add(const Row& row);

    // Stores the pending rows; a row whose key the table already holds is left out. Afterwards
    // rowId(i) is the id of pending row i, or 0 when it was left out. False on a database error.
    bool flush();
    int64_t rowId(size_t i) const { return m_rowIds[i]; }

private:
    static constexpr size_t rowsPerStatement = 64;
    void bindRow(Statement& statement, int firstParameter, size_t row);
    bool flushGroup();
    bool flushSingly();

    Database& m_db;
    const std::string m_groupSql;
    const std::string m_singleSql;
    Statement* m_group = nullptr; // the cached statement of m_groupSql
    int64_t m_importId = 0;
    int64_t m_lastRowId = 0; // the largest id in the table
    std::vector<Row> m_rows;
    std::vector<TraceIdBytes> m_traceIds; // bound without copying, so they live here until flush()
    std::vector<int64_t> m_rowIds; // of the last flush
};

} // namespace skein
