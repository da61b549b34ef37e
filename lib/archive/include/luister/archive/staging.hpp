#pragma once
/// A change to the archive prepared on a copy and put in place in one transaction (the weekly job).
///
///     luister::ArchiveStaging staging("work/history.sqlite", "work/.run/history.sqlite", 600, on_wait);
///     // ... luister-archive add, luister-followup --db, luister-report --db on the copy ...
///     staging.commit();  // the archive now holds exactly what the copy holds
///
/// From construction to commit() the archive's write lock is held (BEGIN IMMEDIATE), so no other
/// run can change it meanwhile: the copy is the archive plus this run's changes, nothing else.
/// Readers (luister-report --db) are not blocked until the commit. A run that ends without
/// commit() (an error, a kill) leaves the archive as it was; a commit that fails (disk full) is
/// rolled back, by SQLite's journal if the process dies in the middle.
#include <functional>
#include <memory>
#include <string>

namespace luister {

class ArchiveStaging {
 public:
  /// Takes the write lock of archive `db` (an empty file is created when it is missing: the first
  /// add takes it as a new archive), waiting up to `wait_seconds` for another run that holds it
  /// (`on_wait` is called once before waiting), rolls back a journal a killed run left, and copies
  /// the archive to `copy` through SQLite (its online backup). Throws IoError naming the archive.
  ArchiveStaging(const std::string& db, const std::string& copy, int wait_seconds,
                 const std::function<void()>& on_wait = {});
  /// Without commit(): the lock is released and the archive is as it was.
  ~ArchiveStaging();
  ArchiveStaging(const ArchiveStaging&) = delete;
  ArchiveStaging& operator=(const ArchiveStaging&) = delete;

  /// Replaces the archive's contents (schema, rows, user_version, application_id) with the copy's,
  /// in one transaction, and releases the lock. Throws IoError (the archive is then as it was).
  /// `before_end` runs inside the transaction, after the copy and before COMMIT: what it throws
  /// rolls the transaction back (the weekly job's tests inject a failure there).
  void commit(const std::function<void()>& before_end = {});

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace luister
