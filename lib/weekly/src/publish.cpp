// The weekly job's pieces beside the run: lock, exports, process filter, fingerprint, publishing.
#include <fcntl.h>
#include <glob.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <regex>
#include <thread>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/base/data.hpp"
#include "luister/base/hash.hpp"
#include "luister/base/io.hpp"
#include "luister/cli/cli.hpp"
#include "luister/csv/columns.hpp"
#include "luister/csv/csv.hpp"
#include "luister/csv/encoding.hpp"
#include "luister/weekly/weekly.hpp"
#include "weekly_job.hpp"

namespace luister::weekly {

JobLock::JobLock(const fs::path& path, int wait_seconds) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw StepFailed{kWeeklyFailure, fmt::format("cannot open the lock {}: {}", path.string(), std::strerror(errno))};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  bool told = false;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      ::close(fd_);
      throw StepFailed{kWeeklyFailure, fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno))};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw StepFailed{kWeeklyFailure,
                       fmt::format("another run holds {} and did not finish within {} s (try again later, or "
                                   "wait longer with --wait SECONDS)",
                                   path.string(), wait_seconds)};
    }
    if (!told) message(fmt::format("waiting for another run to finish ({})", path.string()));
    told = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

JobLock::~JobLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::vector<std::string> resolve_exports(const std::vector<std::string>& patterns) {
  std::vector<std::string> files;
  for (const auto& pattern : patterns) {
    if (pattern.find_first_of("*?[") == std::string::npos) {
      if (::access(pattern.c_str(), R_OK) != 0)
        throw StepFailed{kWeeklyBadInput, fmt::format("cannot read the export '{}' ({}); check the path (cron and "
                                                      "systemd run in another folder: use absolute paths)",
                                                      pattern, std::strerror(errno))};
      files.push_back(pattern);
      continue;
    }
    glob_t found{};
    const int rc = ::glob(pattern.c_str(), 0, nullptr, &found);
    for (std::size_t i = 0; rc == 0 && i < found.gl_pathc; ++i) files.emplace_back(found.gl_pathv[i]);
    ::globfree(&found);
    if (rc != 0)
      throw StepFailed{kWeeklyBadInput, fmt::format("no export matches '{}'; has this week's export arrived?", pattern)};
  }
  return files;
}

bool has_contact_columns(const std::string& path) {
  InputFile file(path);
  Utf8Source text(file, {.canonical = true});
  CsvReader reader(text, {});
  CsvRecord rec;
  if (!reader.next(rec)) return false;
  return std::any_of(rec.fields.begin(), rec.fields.end(),
                     [](std::string_view h) { return guess_contact_kind(h) != ContactKind::kNone; });
}

std::pair<std::uint64_t, std::uint64_t> filter_processes(const std::string& in, const std::string& out,
                                                         const std::vector<std::string>& processes) {
  InputFile file(in);
  Utf8Source text(file, {.canonical = true});
  CsvReader reader(text, {});
  reader.set_strict(true);
  Output output(out);
  CsvWriter writer(output);
  CsvRecord rec;
  std::size_t column = SIZE_MAX;
  std::uint64_t kept = 0, read = 0;
  for (bool header = true; reader.next(rec); header = false) {
    if (header) {
      const auto it = std::find(rec.fields.begin(), rec.fields.end(), std::string_view("process"));
      column = static_cast<std::size_t>(it - rec.fields.begin());
    } else {
      ++read;
      const std::string_view process = column < rec.fields.size() ? rec.fields[column] : std::string_view{};
      if (std::find(processes.begin(), processes.end(), process) == processes.end()) continue;
      ++kept;
    }
    for (const auto& f : rec.fields) writer.field(f);
    writer.end_row();
  }
  output.commit();
  return {kept, read};
}

std::string fingerprint_of(const std::string& path) {
  const std::string bytes = read_file(path);
  return fmt::format("{:016x}{:016x}", hash_bytes(bytes, 0x6c756973), hash_bytes(bytes, 0x7465722d));
}

Publisher::~Publisher() {
  if (!finished_) undo();
}

void Publisher::put(const fs::path& from, const fs::path& to) {
  Done d{to, to.parent_path() / ("." + to.filename().string() + ".before-run"), from, false};
  std::error_code ec;
  fs::remove_all(d.aside, ec);  // left by a run killed at this point
  if (fs::exists(fs::symlink_status(to))) {
    fs::rename(to, d.aside);
    d.had_old = true;
  }
  try {
    fs::rename(from, to);
  } catch (...) {
    if (d.had_old) fs::rename(d.aside, to, ec);
    throw;
  }
  done_.push_back(d);
}

void Publisher::undo() noexcept {
  std::error_code ec;
  for (auto it = done_.rbegin(); it != done_.rend(); ++it) {
    fs::rename(it->to, it->from, ec);
    if (it->had_old) fs::rename(it->aside, it->to, ec);
  }
  done_.clear();
  finished_ = true;
}

void Publisher::finish() {
  std::error_code ec;
  for (const auto& d : done_)
    if (d.had_old) fs::remove_all(d.aside, ec);
  done_.clear();
  finished_ = true;
}

bool point_latest(const fs::path& folder, const std::string& week) {
  const fs::path latest = folder / "latest", temp = folder / ".latest.new";
  if (fs::exists(fs::symlink_status(latest)) && !fs::is_symlink(fs::symlink_status(latest))) return false;
  std::error_code ec;
  fs::remove(temp, ec);
  fs::create_symlink(week, temp);
  fs::rename(temp, latest);
  return true;
}

std::vector<std::string> remove_old_weeks(const fs::path& folder, int keep, const std::string& current) {
  static const std::regex kWeek("[0-9]{4}-W[0-9]{2}");
  std::vector<std::string> weeks, removed;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && !entry.is_symlink() && std::regex_match(name, kWeek)) weeks.push_back(name);
  }
  std::sort(weeks.rbegin(), weeks.rend());  // newest first
  for (std::size_t i = static_cast<std::size_t>(keep); keep > 0 && i < weeks.size(); ++i) {
    if (weeks[i] == current) continue;
    fs::remove_all(folder / weeks[i]);
    removed.push_back(weeks[i]);
  }
  std::sort(removed.begin(), removed.end());
  return removed;
}

}  // namespace luister::weekly
