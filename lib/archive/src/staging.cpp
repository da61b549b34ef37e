// The weekly job's archive change: prepared on a copy under the archive's write lock, put in place in
// one transaction (staging.hpp).
#include "luister/archive/staging.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "db.hpp"
#include "luister/archive/archive.hpp"

namespace luister {
namespace {

using archive_db::Db;
using archive_db::DbError;
using archive_db::scalar;
using archive_db::Stmt;

std::string sql_name(std::string_view name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// BEGIN IMMEDIATE, telling the caller first when another run holds the lock and we have to wait.
void take_write_lock(Db& db, int wait_seconds, const std::function<void()>& on_wait) {
  sqlite3_busy_timeout(db.get(), 0);
  int rc = sqlite3_exec(db.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  sqlite3_busy_timeout(db.get(), std::max(0, wait_seconds) * 1000);
  if ((rc & 0xff) == SQLITE_BUSY) {
    if (on_wait) on_wait();
    db.exec("BEGIN IMMEDIATE");
  } else if (rc != SQLITE_OK) {
    db.fail(rc, "BEGIN IMMEDIATE");
  }
  // The first read under the lock: SQLite rolls back a journal that a killed run left behind.
  scalar(db, "SELECT count(*) FROM sqlite_master");
}

// Copies the archive, as connection `from` sees it, to the file `copy` (SQLite's online backup).
void backup_to(Db& from, const std::string& copy) {
  ::unlink(copy.c_str());
  Db to(copy, true, 0);
  sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!backup) to.fail(sqlite3_errcode(to.get()), "backup");
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) to.fail(rc, "backup");
}

struct SchemaObject {
  std::string type, name, sql;
};

std::vector<SchemaObject> schema_of(Db& db, const std::string& where) {
  std::vector<SchemaObject> objects;
  Stmt s(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'" +
                 where + " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid");
  while (s.step()) objects.push_back({std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2))});
  return objects;
}

// Every row of table `name` from `from` into the same (empty) table of `to`, values as stored.
void copy_rows(Db& from, Db& to, const std::string& name) {
  Stmt select(from, "SELECT * FROM " + sql_name(name));
  const int columns = sqlite3_column_count(select.get());
  std::string marks;
  for (int i = 0; i < columns; ++i) marks += i ? ",?" : "?";
  sqlite3_stmt* insert = nullptr;
  const std::string sql = fmt::format("INSERT INTO {} VALUES ({})", sql_name(name), marks);
  int rc = sqlite3_prepare_v2(to.get(), sql.c_str(), -1, &insert, nullptr);
  if (rc != SQLITE_OK) to.fail(rc, sql);
  while (select.step()) {
    for (int i = 0; i < columns; ++i) sqlite3_bind_value(insert, i + 1, sqlite3_column_value(select.get(), i));
    rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (rc != SQLITE_DONE) {
      sqlite3_finalize(insert);
      to.fail(rc, sql);
    }
  }
  sqlite3_finalize(insert);
}

}  // namespace

struct ArchiveStaging::State {
  std::unique_ptr<Db> db;
  std::string copy;
  int wait_seconds = 600;
};

ArchiveStaging::ArchiveStaging(const std::string& db, const std::string& copy, int wait_seconds,
                               const std::function<void()>& on_wait)
    : state_(std::make_unique<State>()) {
  state_->db = std::make_unique<Db>(db, true, wait_seconds);
  state_->copy = copy;
  state_->wait_seconds = wait_seconds;
  take_write_lock(*state_->db, wait_seconds, on_wait);
  // Read through a second connection: SQLite's backup refuses a source in a write transaction, and
  // a reader is let in beside our (still empty) write lock.
  Db reader(db, false, wait_seconds);
  backup_to(reader, copy);
}

ArchiveStaging::~ArchiveStaging() {
  if (state_ && state_->db) state_->db->rollback();
}

void ArchiveStaging::commit(const std::function<void()>& before_end) {
  Db& to = *state_->db;
  Db from(state_->copy, false, state_->wait_seconds);
  from.exec("BEGIN");
  if (scalar(from, "PRAGMA application_id") != kArchiveApplicationId)
    throw DbError(fmt::format("{}: the copy is no luister archive; {} was left as it was.", state_->copy, to.path()));
  // Views and triggers first, then the tables (which take their indexes with them).
  for (const auto& object : schema_of(to, " AND type IN ('view', 'trigger')"))
    to.exec(fmt::format("DROP {} IF EXISTS {}", object.type == "view" ? "VIEW" : "TRIGGER", sql_name(object.name)));
  for (const auto& object : schema_of(to, " AND type = 'table'"))
    to.exec("DROP TABLE IF EXISTS " + sql_name(object.name));
  // Tables, their rows, then indexes, views and triggers, in the order the copy made them.
  for (const auto& object : schema_of(from, " AND sql IS NOT NULL")) {
    to.exec(object.sql);
    if (object.type == "table") copy_rows(from, to, object.name);
  }
  to.exec(fmt::format("PRAGMA user_version = {}", scalar(from, "PRAGMA user_version")));
  to.exec(fmt::format("PRAGMA application_id = {}", scalar(from, "PRAGMA application_id")));
  from.exec("COMMIT");
  if (before_end) before_end();
  to.exec("COMMIT");
}

}  // namespace luister
