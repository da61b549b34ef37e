// luister-archive: keep the history of answers in one SQLite file; export periods back as canonical CSV.
#include <fmt/format.h>

#include "luister/archive/archive.hpp"
#include "luister/cli/cli.hpp"
#include "luister/base/error.hpp"
#include "luister/base/period.hpp"
#include "luister/base/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"luister-archive — keep the history of answers in one SQLite file, and read periods back",
               "luister-archive"};
  app.footer(R"HELP(Rows are kept by (response_id, question): an answer that is added again (a re-sent or overlapping
export) replaces the stored one as a whole, never a second copy. Every column is kept; exports may
differ in their columns from run to run. One add is one transaction: when any input is bad, or the
run is killed, the archive stays as it was. Two runs at once wait for each other (--wait).

Example (weekly cron job, then the report on a month from the history):
  luister-import export.csv | luister-score | luister-cluster | luister-archive add --db kto.sqlite
  luister-report --db kto.sqlite --month 2026-11 -o november.md

Run 'luister-archive COMMAND --help' for the options of one command.)HELP");
  app.set_version_flag("-V,--version", fmt::format("luister-archive (luister) {}", luister::kVersion));
  app.require_subcommand(1);

  std::string db;
  int wait = 600;
  auto db_options = [&](CLI::App* sub) {
    sub->add_option("--db", db, "The archive file (SQLite)")->required()->type_name("FILE");
    sub->add_option("--wait", wait, "Seconds to wait while another run holds the archive")
        ->check(CLI::Range(0, 86400))
        ->capture_default_str();
  };

  luister::ArchiveAddOptions add;
  auto* add_cmd = app.add_subcommand("add", "Store canonical CSV in the archive (created when missing)");
  add_cmd->footer(R"HELP(Input: canonical CSV from luister-import (response_id and question are required; any other
columns are kept), usually after luister-score and luister-cluster. Prints on stderr how many rows were
new, updated and unchanged; -q keeps quiet.)HELP");
  db_options(add_cmd);
  add_cmd->add_option("inputs", add.common.inputs, "Input files; none or '-' reads standard input")->type_name("FILE");
  add_cmd->add_option_function<std::string>(
             "-d,--delimiter", [&](const std::string& d) { add.common.delimiter = luister::parse_delimiter(d); },
             "Input field delimiter (default: detected)")
      ->type_name("CHAR");
  add_cmd->add_flag_function(
      "--progress,!--no-progress", [&](std::int64_t n) { add.common.progress = n > 0 ? 1 : 0; },
      "Show (or hide) a progress line on stderr");
  add_cmd->add_flag("-q,--quiet", add.quiet, "No summary line on stderr");

  luister::ArchiveExportOptions exp;
  std::string from, to, week, month;
  auto* export_cmd = app.add_subcommand("export", "Write stored rows as canonical CSV");
  export_cmd->footer(R"HELP(Output: canonical CSV (response_id,date,process,channel,grade,question,text), then every other
column that a selected row carries, in the order the archive first saw them (empty where a row came
from an export without it). Rows are ordered by date, response_id, question. Without a period every
row is written, also rows without a date; with one, only rows whose date lies in it.

Examples:
  luister-archive export --db kto.sqlite --week 2026-W47 -o week47.csv
  luister-archive export --db kto.sqlite --from 2026-09-01 --to 2026-11-30 --process Wmo --process KCC)HELP");
  db_options(export_cmd);
  auto* from_opt = export_cmd->add_option("--from", from, "First day (YYYY-MM-DD), included")->type_name("DATE");
  auto* to_opt = export_cmd->add_option("--to", to, "Last day (YYYY-MM-DD), included")->type_name("DATE");
  auto* week_opt = export_cmd->add_option("--week", week, "One ISO week, such as 2026-W47")->type_name("WEEK");
  auto* month_opt = export_cmd->add_option("--month", month, "One month, such as 2026-11")->type_name("MONTH");
  week_opt->excludes(from_opt)->excludes(to_opt)->excludes(month_opt);
  month_opt->excludes(from_opt)->excludes(to_opt);
  export_cmd->add_option("--process", exp.selection.processes, "Only this process (repeatable)")
      ->type_name("P")
      ->allow_extra_args(false);
  export_cmd->add_option("-o,--output", exp.output, "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");

  luister::ArchiveStatsOptions stats;
  std::string by = "week";
  auto* stats_cmd = app.add_subcommand("stats", "Print what is stored per period and process (CSV)");
  stats_cmd->footer(R"HELP(Output: period,process,respondents,answers,graded,mean_grade,first_date,last_date
period is an ISO week (2026-W47) or a month (2026-11); rows without a date count under an empty period.
mean_grade is over respondents (one grade each), graded counts those with a grade.)HELP");
  db_options(stats_cmd);
  stats_cmd->add_option("--by", by, "Period: week (ISO) or month")
      ->check(CLI::IsMember({"week", "month"}))
      ->capture_default_str();
  stats_cmd->add_option("-o,--output", stats.output, "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");

  auto* check_cmd = app.add_subcommand("check", "Check the archive file (PRAGMA integrity_check) and show counts");
  db_options(check_cmd);

  return luister::run_tool("luister-archive", app, [&] {
    app.parse(argc, argv);
    if (add_cmd->parsed()) {
      add.db = db;
      add.wait_seconds = wait;
      luister::ArchiveAddStats s = luister::add_to_archive(add);
      if (!add.quiet)
        luister::message(fmt::format("{}: {} row{} read: {} new, {} updated, {} unchanged; {} row{} stored.", db,
                                     s.read, s.read == 1 ? "" : "s", s.added, s.updated, s.unchanged, s.stored,
                                     s.stored == 1 ? "" : "s"));
      return luister::kExitOk;
    }
    if (export_cmd->parsed()) {
      exp.db = db;
      exp.wait_seconds = wait;
      if (!week.empty()) exp.selection.select(luister::parse_week(week));
      if (!month.empty()) exp.selection.select(luister::parse_month(month));
      if (!from.empty()) exp.selection.from = luister::parse_day_option(from, "--from");
      if (!to.empty()) exp.selection.to = luister::parse_day_option(to, "--to");
      if (exp.selection.from && exp.selection.to)
        exp.selection.select(luister::range_period(*exp.selection.from, *exp.selection.to));  // checks the order
      return luister::run_archive_export(exp);
    }
    if (stats_cmd->parsed()) {
      stats.db = db;
      stats.wait_seconds = wait;
      stats.by_month = by == "month";
      return luister::run_archive_stats(stats);
    }
    return luister::run_archive_check(db, wait);
  });
}
