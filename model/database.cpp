// SPDX-License-Identifier: MIT
#include "database.h"

#include <sqlite3.h>

namespace skein {

namespace {

// Enough of a statement to recognise it in an error message without flooding it.
std::string shortSql(std::string_view sql)
{
    constexpr size_t maxLength = 80;
    std::string out(sql.substr(0, maxLength));
    for (char& c : out) {
        if (c == '\n')
            c = ' ';
    }
    if (sql.size() > maxLength)
        out += "...";
    return out;
}

} // namespace

Statement::Statement(Database* db, sqlite3_stmt* stmt)
    : m_db(db)
    , m_stmt(stmt)
{
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
    , m_failed(other.m_failed)
{
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        finalize();
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_failed = other.m_failed;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement()
{
    finalize();
}

void Statement::finalize()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
}

void Statement::bindInt64(int index, int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bindDouble(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void Statement::bindText(int index, std::string_view text)
{
    // A null pointer would bind NULL; an empty string must stay an empty string.
    sqlite3_bind_text64(m_stmt, index, text.data() ? text.data() : "", text.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void Statement::bindString(int index, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(m_stmt, index, utf8.constData(), size_t(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::bindBlob(int index, const void* data, size_t size)
{
    static const char empty = 0;
    sqlite3_bind_blob64(m_stmt, index, data ? data : &empty, size, SQLITE_STATIC);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

Statement::Step Statement::step()
{
    if (!m_stmt) {
        m_failed = true;
        return Step::Error;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return Step::Row;
    if (rc == SQLITE_DONE)
        return Step::Done;
    m_failed = true;
    if (m_db)
        m_db->recordError(shortSql(sqlite3_sql(m_stmt)));
    return Step::Error;
}

bool Statement::run()
{
    for (;;) {
        switch (step()) {
        case Step::Row:
            continue;
        case Step::Done:
            return true;
        case Step::Error:
            return false;
        }
    }
}

bool Statement::next()
{
    return step() == Step::Row;
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::doubleAt(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string_view Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? std::string_view(data, size_t(size)) : std::string_view();
}

QString Statement::string(int column) const
{
    const std::string_view view = text(column);
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

std::string_view Statement::blob(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? std::string_view(data, size_t(size)) : std::string_view();
}

void Statement::reset()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    m_failed = false;
}

void Statement::clearBindings()
{
    if (m_stmt)
        sqlite3_clear_bindings(m_stmt);
}

Database::Database(sqlite3* db)
    : m_db(db)
{
}

Database::~Database()
{
    m_cached.clear(); // statements must be finalized before the connection closes
    sqlite3_close(m_db);
}

std::unique_ptr<Database> Database::open(const QString& path, QString* errorMessage)
{
    sqlite3* handle = nullptr;
    const QByteArray utf8 = path.toUtf8();
    const int rc = sqlite3_open_v2(utf8.constData(), &handle,
        // One connection serves one thread at a time, so SQLite's own
        // per-call locking would be pure overhead.
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        if (errorMessage) {
            *errorMessage = QStringLiteral("Cannot open %1: %2")
                                .arg(path, QString::fromUtf8(handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc)));
        }
        sqlite3_close(handle);
        return nullptr;
    }
    sqlite3_extended_result_codes(handle, 1);
    return std::unique_ptr<Database>(new Database(handle));
}

void Database::recordError(std::string_view context)
{
    m_error = std::string(context) + ": " + sqlite3_errmsg(m_db);
}

bool Database::exec(std::string_view sql)
{
    const std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        m_error = shortSql(sql) + ": " + (message ? message : sqlite3_errmsg(m_db));
        sqlite3_free(message);
        return false;
    }
    return true;
}

Statement Database::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), 0, &stmt, nullptr) != SQLITE_OK) {
        recordError(shortSql(sql));
        return Statement();
    }
    return Statement(this, stmt);
}

Statement* Database::cached(std::string_view sql)
{
    const std::string key(sql);
    auto it = m_cached.find(key);
    if (it == m_cached.end()) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr)
            != SQLITE_OK) {
            recordError(shortSql(sql));
            return nullptr;
        }
        it = m_cached.emplace(key, std::make_unique<Statement>(this, stmt)).first;
    }
    it->second->reset();
    it->second->clearBindings();
    return it->second.get();
}

void Database::resetCached()
{
    for (auto& [sql, statement] : m_cached)
        statement->reset();
}

bool Database::begin(bool immediate)
{
    return exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

bool Database::commit()
{
    resetCached();
    return exec("COMMIT");
}

bool Database::rollback()
{
    resetCached();
    if (!inTransaction())
        return true; // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL)
    return exec("ROLLBACK");
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

bool Database::setWriteAheadLog(bool enabled)
{
    const int64_t busyTimeoutMs = queryInt64("PRAGMA busy_timeout", 0);
    if (!enabled)
        sqlite3_busy_timeout(m_db, 0);
    Statement pragma = prepare(enabled ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
    const bool changed = pragma.isValid() && pragma.next() && pragma.text(0) == (enabled ? "wal" : "delete");
    pragma = Statement();
    if (!enabled)
        sqlite3_busy_timeout(m_db, int(busyTimeoutMs));
    // NORMAL is safe with a WAL; with a rollback journal only FULL rules out a damaged file after a power cut.
    if (changed)
        exec(enabled ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
    return changed;
}

bool Database::inWriteAheadLog()
{
    Statement mode = prepare("PRAGMA journal_mode");
    return mode.isValid() && mode.next() && mode.text(0) == "wal";
}

int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int64_t Database::changes() const
{
    return sqlite3_changes64(m_db);
}

bool Database::lastCallWasBusy() const
{
    const int code = sqlite3_errcode(m_db);
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

int64_t Database::queryInt64(std::string_view sql, int64_t fallback)
{
    Statement statement = prepare(sql);
    if (statement.isValid() && statement.next())
        return statement.int64(0);
    return fallback;
}

Transaction::Transaction(Database& db, bool immediate)
    : m_db(db)
    , m_active(db.begin(immediate))
{
}

Transaction::~Transaction()
{
    if (m_active) {
        const std::string error = m_db.errorMessage(); // keep the reason of the failure, not the rollback's
        m_db.rollback();
        m_db.setError(error);
    }
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    if (!m_db.commit()) {
        const std::string error = m_db.errorMessage();
        m_db.rollback();
        m_db.setError(error);
        return false;
    }
    return true;
}

} // namespace skein
