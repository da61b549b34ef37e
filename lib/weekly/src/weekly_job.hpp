#pragma once
// The weekly job's pieces beside the run itself (weekly.cpp): the job lock, the exports, the process
// filter, and publishing the results with an undo (publish.cpp).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace luister::weekly {

namespace fs = std::filesystem;

/// A step failed: the job ends with `status` (kWeeklyFailure or kWeeklyBadInput) and the message.
struct StepFailed {
  int status;
  std::string what;
};

/// WORK/.lock, held with flock for the whole run; waits up to `wait_seconds` for another run.
class JobLock {
 public:
  JobLock(const fs::path& path, int wait_seconds);
  ~JobLock();
  JobLock(const JobLock&) = delete;
  JobLock& operator=(const JobLock&) = delete;

 private:
  int fd_ = -1;
};

/// The export files: each pattern with * ? [ expanded (sorted), each file checked readable.
/// Throws StepFailed (bad input) naming the pattern or file.
std::vector<std::string> resolve_exports(const std::vector<std::string>& patterns);

/// Keeps the rows of canonical CSV `in` whose process is one of `processes`, into `out`; returns
/// (rows kept, rows read).
std::pair<std::uint64_t, std::uint64_t> filter_processes(const std::string& in, const std::string& out,
                                                         const std::vector<std::string>& processes);

/// Whether canonical CSV `path` has a column that luister-followup takes for contact details or
/// consent by its name (guess_contact_kind): an anonymous survey has none.
bool has_contact_columns(const std::string& path);

/// A 128-bit fingerprint of a file's bytes, as 32 hex digits.
std::string fingerprint_of(const std::string& path);

/// Puts prepared files and folders in place by renames within their folder, keeping what was there
/// beside it until finish(); undo() puts everything back as it was.
class Publisher {
 public:
  ~Publisher();
  /// Renames `from` to `to`; an existing `to` is first renamed aside (".<name>.before-run").
  void put(const fs::path& from, const fs::path& to);
  /// Puts back what put() replaced, newest first (best effort: it is the error path).
  void undo() noexcept;
  /// Removes what put() moved aside.
  void finish();

 private:
  struct Done {
    fs::path to, aside, from;
    bool had_old;
  };
  std::vector<Done> done_;
  bool finished_ = false;
};

/// Points `folder`/latest at `week` (a relative symbolic link, replaced atomically). False when
/// `latest` exists and is no symbolic link (it is then left alone).
bool point_latest(const fs::path& folder, const std::string& week);

/// Removes the week folders (named like 2026-W47) in `folder` beyond the `keep` newest, never
/// `current`; returns the weeks removed.
std::vector<std::string> remove_old_weeks(const fs::path& folder, int keep, const std::string& current);

}  // namespace luister::weekly
