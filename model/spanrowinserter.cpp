// SPDX-License-Identifier: MIT
#include "spanrowinserter.h"

#include "database.h"

#include <algorithm>
#include <string>

namespace skein {

namespace {

constexpr int columnCount = 15;

// OR IGNORE rather than ON CONFLICT DO NOTHING: a statement that cannot abort halfway needs no
// statement journal, which is a good part of the cost of an insert. Every NOT NULL column is always
// bound, so the only conflict left to ignore is an existing (trace_id, span_id, side).
std::string insertSql(size_t rows)
{
    std::string sql = "INSERT OR IGNORE INTO spans(trace_id, span_id, side, parent_span_id, service_id, "
                      "operation_id, kind, status, start_ns, duration_ns, flags, resource_id, scope_id, import_id, "
                      "data) VALUES";
    for (size_t row = 0; row < rows; ++row) {
        sql += row ? ", (" : " (";
        for (int column = 0; column < columnCount; ++column)
            sql += column ? ", ?" : "?";
        sql += ')';
    }
    return sql;
}

} // namespace

SpanRowInserter::SpanRowInserter(Database& db)
    : m_db(db)
    , m_groupSql(insertSql(rowsPerStatement))
    , m_singleSql(insertSql(1))
{
    m_rows.reserve(rowsPerStatement);
    m_traceIds.reserve(rowsPerStatement);
    m_rowIds.reserve(rowsPerStatement);
}

bool SpanRowInserter::begin(int64_t importId)
{
    m_importId = importId;
    m_group = nullptr;
    m_rows.clear();
    m_traceIds.clear();
    m_rowIds.clear();
    // The write transaction keeps other writers out, so only this inserter adds rows until it ends.
    Statement last = m_db.prepare("SELECT max(id) FROM spans");
    if (!last.isValid() || !last.next())
        return false;
    m_lastRowId = last.int64(0);
    return true;
}

bool SpanRowInserter::holdsKey(const SpanRecord& span) const
{
    for (const Row& row : m_rows) {
        if (row.span->spanId == span.spanId && row.span->traceId == span.traceId && row.span->side == span.side)
            return true;
    }
    return false;
}

void SpanRowInserter::add(const Row& row)
{
    m_rows.push_back(row);
    m_traceIds.emplace_back(row.span->traceId);
}

void SpanRowInserter::bindRow(Statement& statement, int first, size_t i)
{
    const Row& row = m_rows[i];
    const SpanRecord& span = *row.span;
    statement.bindBlob(first, m_traceIds[i].view());
    statement.bindInt64(first + 1, int64_t(span.spanId));
    statement.bindInt64(first + 2, int64_t(span.side));
    statement.bindInt64(first + 3, int64_t(span.parentSpanId));
    statement.bindInt64(first + 4, row.serviceId);
    statement.bindInt64(first + 5, row.operationId);
    statement.bindInt64(first + 6, int64_t(span.kind));
    statement.bindInt64(first + 7, int64_t(span.status));
    statement.bindInt64(first + 8, span.startNs);
    statement.bindInt64(first + 9, span.durationNs);
    statement.bindInt64(first + 10, int64_t(span.flags));
    if (row.resourceId)
        statement.bindInt64(first + 11, row.resourceId);
    else
        statement.bindNull(first + 11);
    if (row.scopeId)
        statement.bindInt64(first + 12, row.scopeId);
    else
        statement.bindNull(first + 12);
    statement.bindInt64(first + 13, m_importId);
    if (!row.data.empty())
        statement.bindBlob(first + 14, row.data);
    else
        statement.bindNull(first + 14);
}

bool SpanRowInserter::flush()
{
    const size_t count = m_rows.size();
    m_rowIds.assign(count, 0);
    const bool ok = count == rowsPerStatement && m_lastRowId < INT64_MAX - int64_t(rowsPerStatement) ? flushGroup()
                                                                                                     : flushSingly();
    m_rows.clear();
    m_traceIds.clear();
    if (!ok)
        m_rowIds.clear();
    return ok;
}

bool SpanRowInserter::flushGroup()
{
    // Kept rather than fetched by its text each time: hashing a thousand characters per group shows.
    if (!m_group && !(m_group = m_db.cached(m_groupSql)))
        return false;
    Statement* insert = m_group;
    insert->reset();
    for (size_t i = 0; i < m_rows.size(); ++i)
        bindRow(*insert, int(i) * columnCount + 1, i);
    if (!insert->run())
        return false;
    // Below the largest possible id SQLite gives each new row the next id after the largest, in the
    // order of the rows.
    const int64_t stored = m_db.changes();
    if (m_db.lastInsertRowId() != m_lastRowId + stored && stored > 0) {
        m_db.setError("Unexpected span row ids");
        return false;
    }
    const int64_t first = m_lastRowId + 1;
    m_lastRowId += stored;
    if (stored == int64_t(m_rows.size())) {
        for (size_t i = 0; i < m_rows.size(); ++i)
            m_rowIds[i] = first + int64_t(i);
        return true;
    }
    // Some keys were taken: the new rows, in id order, are the pending rows that were stored.
    Statement* select = m_db.cached("SELECT id, trace_id, span_id, side FROM spans WHERE id >= ?1 ORDER BY id");
    if (!select)
        return false;
    select->bindInt64(1, first);
    size_t i = 0;
    int64_t matched = 0;
    while (select->next()) {
        const int64_t spanId = select->int64(2);
        const int64_t side = select->int64(3);
        const std::string_view traceId = select->blob(1);
        while (i < m_rows.size()
            && !(int64_t(m_rows[i].span->spanId) == spanId && int64_t(m_rows[i].span->side) == side
                && m_traceIds[i].view() == traceId))
            ++i;
        if (i == m_rows.size())
            break;
        m_rowIds[i++] = select->int64(0);
        ++matched;
    }
    const bool failed = select->failed();
    select->reset();
    if (!failed && matched != stored)
        m_db.setError("Stored span rows do not match the rows written");
    return !failed && matched == stored;
}

bool SpanRowInserter::flushSingly()
{
    Statement* insert = m_db.cached(m_singleSql);
    if (!insert)
        return false;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        insert->reset();
        bindRow(*insert, 1, i);
        if (!insert->run())
            return false;
        if (m_db.changes() == 1) {
            m_rowIds[i] = m_db.lastInsertRowId();
            m_lastRowId = std::max(m_lastRowId, m_rowIds[i]);
        }
    }
    return true;
}

} // namespace skein
