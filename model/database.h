// SPDX-License-Identifier: MIT
// A thin RAII layer over the SQLite C API: one connection, prepared statements, errors as text.
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace skein {

class Database;

class Statement {
public:
    enum class Step { Row, Done, Error };

    Statement() = default;
    Statement(Database* db, sqlite3_stmt* stmt);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr; }

    // Parameter indexes are 1-based, as in SQL. Text and blobs are not copied: they must stay alive
    // until the statement is stepped (bindString() copies, for temporaries).
    void bindInt64(int index, int64_t value);
    void bindDouble(int index, double value);
    void bindText(int index, std::string_view text);
    void bindString(int index, const QString& text);
    void bindBlob(int index, const void* data, size_t size);
    void bindBlob(int index, std::string_view bytes) { bindBlob(index, bytes.data(), bytes.size()); }
    void bindNull(int index);

    // An error is also recorded in the database's errorMessage().
    Step step();
    // Steps to the end; false on an error.
    bool run();
    // Steps once; true when a row is available (false at the end or on an error: see failed()).
    bool next();
    bool failed() const { return m_failed; }

    // Column indexes are 0-based. Text and blob views are valid until the next step or reset.
    bool isNull(int column) const;
    int64_t int64(int column) const;
    double doubleAt(int column) const;
    std::string_view text(int column) const;
    QString string(int column) const;
    std::string_view blob(int column) const;

    // Makes the statement ready to run again; also releases its read lock. Bindings stay: rebind
    // every parameter, or clear them first.
    void reset();
    void clearBindings();

private:
    void finalize();

    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    bool m_failed = false;
};

// One connection; use it from one thread at a time (it is opened without SQLite's per-call mutex).
class Database {
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens or creates a database file (":memory:" for a private in-memory one).
    static std::unique_ptr<Database> open(const QString& path, QString* errorMessage);

    sqlite3* handle() const { return m_db; }

    bool exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    // A statement kept for the life of the connection, reset with its bindings cleared. nullptr on an
    // error.
    // The same sql always returns the same statement, so do not nest two uses of one sql.
    Statement* cached(std::string_view sql);
    // Releases every cached statement's read lock, as schema changes and ROLLBACK want.
    void resetCached();

    bool begin(bool immediate);
    bool commit();
    bool rollback();
    bool inTransaction() const;

    // Switches the journal between write-ahead log (synchronous NORMAL) and rollback journal (DELETE mode,
    // synchronous FULL). Leaving WAL mode needs the file to itself: with another connection open this
    // fails at once instead of waiting. False when the mode did not change. Only outside a transaction.
    bool setWriteAheadLog(bool enabled);
    bool inWriteAheadLog();

    int64_t lastInsertRowId() const;
    int64_t changes() const;
    // The last call failed because another connection held a lock it needed (worth trying again).
    bool lastCallWasBusy() const;
    // Convenience for single-value queries; fallback when there is no row or on an error.
    int64_t queryInt64(std::string_view sql, int64_t fallback = 0);

    // The last failure, e.g. "INSERT INTO spans ...: database or disk is full".
    std::string errorMessage() const { return m_error; }
    QString errorString() const { return QString::fromStdString(m_error); }
    void setError(std::string message) { m_error = std::move(message); }
    // Records sqlite's current message with a context.
    void recordError(std::string_view context);

private:
    explicit Database(sqlite3* db);

    sqlite3* m_db = nullptr;
    std::string m_error;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cached;
};

// Rolls back unless commit() was called.
class Transaction {
public:
    Transaction(Database& db, bool immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    bool commit();

private:
    Database& m_db;
    bool m_active = false;
};

} // namespace skein
