#pragma once
// A thin SQLite layer for the archive's sources (private to lib/archive): one connection, prepared
// statements, every result code checked and turned into an IoError that names the archive and the
// likely fix.
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "luister/base/error.hpp"

namespace luister::archive_db {

inline bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// A failure of the archive itself (as opposed to an input file): it ends the run.
class DbError : public IoError {
 public:
  using IoError::IoError;
};

class Db {
 public:
  Db(const std::string& path, bool create, int wait_seconds) : path_(path), wait_(wait_seconds) {
    if (!create && !file_exists(path))
      throw DbError(fmt::format("{}: no such archive.", path),
                    fmt::format("create it with 'luister-archive add --db {} answers.csv'", path));
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      // A failed open still allocates a handle (for its error message); close it before throwing,
      // since the destructor of a half-built Db does not run.
      try {
        fail(rc, "open");
      } catch (...) {
        sqlite3_close_v2(db_);
        throw;
      }
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, std::max(0, wait_seconds) * 1000);
  }
  ~Db() { sqlite3_close_v2(db_); }  // an open transaction is rolled back
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) fail(rc, sql);
  }
  void rollback() {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  [[noreturn]] void fail(int rc, std::string_view what) const {
    std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        throw DbError(fmt::format("{}: the archive is in use by another run and stayed locked for {} s.", path_, wait_),
                      "try again later, or wait longer with --wait SECONDS");
      case SQLITE_NOTADB:
        throw DbError(fmt::format("{}: not an SQLite database.", path_),
                      "--db names the archive file that luister-archive add made; is this the CSV or another file?");
      case SQLITE_CANTOPEN:
        throw DbError(fmt::format("{}: cannot open the archive ({}).", path_, detail),
                      "check that the path is not a folder and that its folder exists and is writable");
      case SQLITE_CORRUPT:
        throw DbError(fmt::format("{}: the archive is damaged ({}).", path_, detail),
                      "restore it from a backup; 'luister-archive check' shows the damage");
      case SQLITE_FULL:
        throw DbError(fmt::format("{}: the disk is full; nothing was stored.", path_));
      case SQLITE_READONLY:
        throw DbError(fmt::format("{}: the archive is read-only ({}).", path_, detail),
                      "writing (or upgrading) it needs write access to the file and its folder");
      case SQLITE_IOERR:
        throw DbError(fmt::format("{}: read or write error ({}).", path_, detail));
      default:
        throw DbError(fmt::format("{}: SQLite error ({}) in: {}", path_, detail, what));
    }
  }

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int wait_;
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt(Db& db, const std::string& sql) : db_(db) {
    int rc = sqlite3_prepare_v2(db.get(), sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, sql);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  void bind(int i, std::string_view v) {
    // A null data pointer would bind SQL NULL; an empty value is ''.
    check(sqlite3_bind_text(stmt_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void bind(int i, std::optional<std::string_view> v) {
    if (v) bind(i, *v);
    else check(sqlite3_bind_null(stmt_, i));
  }
  void bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
  /// True while there is a row.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    db_.fail(rc, sqlite3_sql(stmt_));
  }
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  bool null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string_view text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view{};
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) db_.fail(rc, "bind");
  }
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

inline std::int64_t scalar(Db& db, const std::string& sql) {
  Stmt s(db, sql);
  return s.step() ? s.integer(0) : 0;
}

}  // namespace luister::archive_db
