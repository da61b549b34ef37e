#pragma once
/// The weekly job (`luister weekly`, `luister-weekly`): this week's survey export in, the week's
/// report and call-back list out, with the complaint register and the history archive carried from
/// week to week.
///
///     luister::WeeklyOptions o;
///     luister::read_weekly_config("/etc/luister/weekly.conf", o);   // work, exports, output, ...
///     int status = luister::run_weekly(o);                           // kWeeklyOk, no data, ...
///
/// It runs the stages as the tools beside its own executable (luister-import, -score, -cluster,
/// -archive, -followup, -report), each its own process with its exit status checked and its stderr
/// passed through, in a scratch folder WORK/.run; only when every stage succeeded are the results
/// published and the register replaced, and the week's archive change (its answers and its
/// call-back list) goes in with one SQLite transaction (luister/archive/staging.hpp).
#include <set>
#include <string>
#include <vector>

namespace luister {

/// Exit statuses of the weekly job. A week without answers ends with `no_data_status` (default 0).
inline constexpr int kWeeklyOk = 0;
inline constexpr int kWeeklyFailure = 1;    ///< a step failed: disk, archive, lock, a tool missing
inline constexpr int kWeeklyUsage = 2;      ///< wrong options or a bad configuration file
inline constexpr int kWeeklyBadInput = 65;  ///< EX_DATAERR: an export missing, unreadable or broken

/// Where the configuration is read from when no --config is given (and it exists).
inline constexpr const char* kWeeklyDefaultConfig = "/etc/luister/weekly.conf";

/// Everything a run needs; the configuration file and the command line fill it.
struct WeeklyOptions {
  std::string work;                    ///< state kept between weeks (required)
  std::string archive;                 ///< the history archive; empty: WORK/history.sqlite
  std::string output;                  ///< where OUT/<week>/ goes; empty: WORK/reports
  std::vector<std::string> exports;    ///< this week's export(s): paths or glob patterns (* ? [)
  std::vector<std::string> processes;  ///< keep only the answers of these processes; empty: all
  std::string week;                    ///< ISO week "2026-W47"; empty: the export's last complete week
  bool dutch_excel = true;             ///< the CSV files for people for Dutch Excel; false: plain
  std::string lang = "nl";             ///< the report's language: nl or en
  std::string title;                   ///< the report's title; empty: the report's default
  std::string aspects;                 ///< luister-cluster --aspects; empty: lexicons/aspects-nl.tsv
  std::string concepts;                ///< luister-cluster and luister-report --concepts; empty: the default
  std::vector<std::string> contact;    ///< luister-followup --contact columns
  std::vector<std::string> consent;    ///< luister-followup --consent columns
  int keep_weeks = 0;                  ///< weeks of OUT/<week>/ and WORK/weeks/<week>/ kept; 0: all
  int context_weeks = 8;               ///< weeks of the archive before the week clustered with it; 0: none
  int no_data_status = 0;              ///< exit status of a week without answers (0..125)
  int wait_seconds = 600;              ///< how long to wait for another run (WORK/.lock, the archive)
  int threads = 0;                     ///< -j of luister-score and luister-cluster; 0: every core
};

/// Reads a configuration file (`key = value` lines, `#` comments; format in the --help text and
/// docs/weekly.conf) into `options`. Relative paths are taken from the file's folder. Throws
/// UsageError naming the file and line of an unknown key, a line without '=', a bad value or a
/// single-valued key set twice.
void read_weekly_config(const std::string& path, WeeklyOptions& options);

/// The settings as configuration lines, for --show-config.
std::string format_weekly_config(const WeeklyOptions& options);

/// Runs the job; returns the exit status (see the constants above). Messages go to stderr, one
/// line per step, prefixed with the tool's name.
int run_weekly(const WeeklyOptions& options);

/// luister-weekly's command line: `values` as parsed, `given` the long names of the options that
/// were on it (they override the configuration file).
struct WeeklyToolOptions {
  std::string config;       ///< --config FILE; empty: kWeeklyDefaultConfig if it exists
  bool no_config = false;   ///< --no-config: no configuration file at all
  bool show_config = false; ///< --show-config: print the settings in force and stop
  bool plain_csv = false;   ///< --plain-csv (the old scripts/weekly option): --excel plain
  std::string excel;        ///< --excel nl|plain
  WeeklyOptions values;
  std::set<std::string> given;
};

/// Reads the configuration, applies the command line over it, checks the result and runs the job
/// (or prints the settings). Returns the exit status; throws UsageError for wrong settings.
int run_weekly_tool(const WeeklyToolOptions& options);

}  // namespace luister
