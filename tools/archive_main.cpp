// luister-archive: keep the history of answers in one SQLite file; export periods back as canonical CSV.
#include <fmt/format.h>

#include "luister/archive/archive.hpp"
#include "luister/cli/cli.hpp"
#include "luister/base/error.hpp"
#include "luister/base/version.hpp"

namespace {

using luister::ArchiveCommand;

// --db, --wait and --progress, which every command takes.
void add_db_options(CLI::App* sub, ArchiveCommand& cmd) {
  sub->add_option("--db", cmd.db, "The archive file (SQLite)")->required()->type_name("FILE");
  sub->add_option("--wait", cmd.wait_seconds, "Seconds to wait while another run holds the archive")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  luister::add_progress_option(*sub, cmd.progress);
}

// luister-archive add.
CLI::App* add_add_command(CLI::App& app, ArchiveCommand& cmd) {
  auto* add_cmd = app.add_subcommand("add", "Store canonical CSV in the archive (created when missing)");
  add_cmd->footer(R"HELP(Input: canonical CSV from luister-import (response_id and question are required; any other
columns are kept), usually after luister-score and luister-cluster. Prints on stderr how many rows were
new, updated and unchanged; -q keeps quiet.

A row is checked by the rules luister-report reads by: a grade from 1 to 10 (or empty) and an ISO date
that exists (1900-2100, a time from 00:00 to 23:59). A bad row is an error naming file:line, and
nothing is stored (--on-bad-row warn|skip leaves such rows out instead, and counts them).

The answer text is stored masked (BSN, IBAN, phone numbers, e-mail addresses, ... become [BSN],
[IBAN], ...); --store-raw keeps it as typed, and each row records which. Each row also records the
input it came from (remove --source).

To correct rows, add them again: a row with a stored (response_id, question) replaces it.)HELP");
  add_db_options(add_cmd, cmd);
  luister::ArchiveAddOptions& add = cmd.add;
  add_cmd->add_option("inputs", add.common.inputs, "Input files; none or '-' reads standard input")->type_name("FILE");
  add_cmd->add_option_function<std::string>(
             "-d,--delimiter", [&](const std::string& d) { add.common.delimiter = luister::parse_delimiter(d); },
             "Input field delimiter (default: detected)")
      ->type_name("CHAR");
  add_cmd->add_flag("-q,--quiet", add.quiet, "No summary line on stderr");
  add_cmd->add_option("--on-bad-row", cmd.bad_row, "Rows with a bad grade, date, key or field count: error, warn or skip")
      ->check(CLI::IsMember({"error", "warn", "skip"}))
      ->capture_default_str();
  add_cmd->add_flag("--store-raw", add.store_raw, "Store the answer text as typed, personal data included (default: masked)");
  return add_cmd;
}

// luister-archive export.
CLI::App* add_export_command(CLI::App& app, ArchiveCommand& cmd) {
  auto* export_cmd = app.add_subcommand("export", "Write stored rows as canonical CSV");
  export_cmd->footer(R"HELP(Output: canonical CSV (response_id,date,process,channel,grade,question,text), then every other
column that a selected row carries, in the order the archive first saw them (empty where a row came
from an export without it). Rows are ordered by date, response_id, question. Without a period every
row is written, also rows without a date; with one, only rows whose date lies in it.

Examples:
  luister-archive export --db kto.sqlite --week 2026-W47 -o week47.csv
  luister-archive export --db kto.sqlite --from 2026-09-01 --to 2026-11-30 --process Wmo --process KCC)HELP");
  add_db_options(export_cmd, cmd);
  auto* from_opt = export_cmd->add_option("--from", cmd.from, "First day (YYYY-MM-DD), included")->type_name("DATE");
  auto* to_opt = export_cmd->add_option("--to", cmd.to, "Last day (YYYY-MM-DD), included")->type_name("DATE");
  auto* week_opt = export_cmd->add_option("--week", cmd.week, "One ISO week, such as 2026-W47")->type_name("WEEK");
  auto* month_opt = export_cmd->add_option("--month", cmd.month, "One month, such as 2026-11")->type_name("MONTH");
  week_opt->excludes(from_opt)->excludes(to_opt)->excludes(month_opt);
  month_opt->excludes(from_opt)->excludes(to_opt);
  export_cmd->add_option("--process", cmd.exp.selection.processes, "Only this process (repeatable)")
      ->type_name("P")
      ->allow_extra_args(false);
  export_cmd->add_option("-o,--output", cmd.exp.output, "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  return export_cmd;
}

// luister-archive stats.
CLI::App* add_stats_command(CLI::App& app, ArchiveCommand& cmd) {
  auto* stats_cmd = app.add_subcommand("stats", "Print what is stored per period and process (CSV)");
  stats_cmd->footer(R"HELP(Output: period,process,respondents,answers,graded,mean_grade,first_date,last_date
period is an ISO week (2026-W47) or a month (2026-11); rows without a date count under an empty period.
mean_grade is over respondents (one grade each), graded counts those with a grade.)HELP");
  add_db_options(stats_cmd, cmd);
  stats_cmd->add_option("--by", cmd.by, "Period: week (ISO) or month")
      ->check(CLI::IsMember({"week", "month"}))
      ->capture_default_str();
  stats_cmd->add_option("-o,--output", cmd.stats.output, "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  return stats_cmd;
}

// luister-archive remove.
CLI::App* add_remove_command(CLI::App& app, ArchiveCommand& cmd) {
  auto* remove_cmd = app.add_subcommand("remove", "Delete rows: every answer of a respondent, or every row from one input");
  remove_cmd->footer(R"HELP(Deletes in one transaction, prints how many rows were removed, then rebuilds the file (VACUUM)
so that the removed answers are gone from it. --source names an input as add was given it (a path,
or <stdin>); when nothing matches, the sources that rows came from are listed. To correct a row
instead, add it again: the stored (response_id, question) is replaced.

Examples:
  luister-archive remove --db kto.sqlite --response-id R1234 --response-id R1235
  luister-archive remove --db kto.sqlite --source week47-wrong.csv)HELP");
  add_db_options(remove_cmd, cmd);
  remove_cmd->add_option("--response-id", cmd.remove.response_ids, "Every answer of this respondent (repeatable)")
      ->type_name("ID")
      ->allow_extra_args(false);
  remove_cmd->add_option("--source", cmd.remove.sources, "Every row that came from this input file (repeatable)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  return remove_cmd;
}

// luister-archive purge.
CLI::App* add_purge_command(CLI::App& app, ArchiveCommand& cmd) {
  auto* purge_cmd = app.add_subcommand("purge", "Drop the personal data of rows before a day, keeping their statistics");
  purge_cmd->footer(R"HELP(Retention (AVG/GDPR: personal data no longer than needed). For rows dated before DATE (rows
without a date: last stored before DATE) the raw answer text is masked, and every column with contact
details or other personal data (e-mail, telefoon, naam, adres, postcode, ...: the columns
luister-followup takes for contact details, and names and addresses) is emptied. Grade, date,
process, channel, sentiment, themes and the masked text stay, so reports give the same figures.
One transaction; prints the counts; then rebuilds the file (VACUUM) so the data is gone from it.

Example (monthly cron job, keeping a year):
  luister-archive purge --db kto.sqlite --before "$(date -d '1 year ago' +%F)")HELP");
  add_db_options(purge_cmd, cmd);
  purge_cmd->add_option("--before", cmd.before, "First day (YYYY-MM-DD) whose rows are kept as they are")
      ->required()
      ->type_name("DATE");
  return purge_cmd;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"luister-archive — keep the history of answers in one SQLite file, and read periods back",
               "luister-archive"};
  app.footer(R"HELP(Rows are kept by (response_id, question): an answer that is added again (a re-sent or overlapping
export) replaces the stored one as a whole, never a second copy. Every column is kept; exports may
differ in their columns from run to run (so a corrected row is simply added again). One add is one
transaction: when any input is bad, or the run is killed, the archive stays as it was. Two runs at
once wait for each other (--wait). Answer texts are stored masked unless add --store-raw; remove
deletes rows, purge drops the personal data of old ones.

Example (weekly cron job, then the report on a month from the history):
  luister-import export.csv | luister-score | luister-cluster | luister-archive add --db kto.sqlite
  luister-report --db kto.sqlite --month 2026-11 -o november.md

Run 'luister-archive COMMAND --help' for the options of one command.)HELP");
  app.set_version_flag("-V,--version", fmt::format("luister-archive (luister) {}", luister::kVersion));
  app.require_subcommand(1);

  ArchiveCommand cmd;
  auto* add_cmd = add_add_command(app, cmd);
  auto* export_cmd = add_export_command(app, cmd);
  auto* stats_cmd = add_stats_command(app, cmd);
  auto* remove_cmd = add_remove_command(app, cmd);
  auto* purge_cmd = add_purge_command(app, cmd);
  auto* check_cmd = app.add_subcommand("check", "Check the archive file (PRAGMA integrity_check) and show counts");
  add_db_options(check_cmd, cmd);

  return luister::run_tool("luister-archive", app, [&] {
    app.parse(argc, argv);
    using Verb = ArchiveCommand::Verb;
    cmd.verb = add_cmd->parsed()      ? Verb::kAdd
               : export_cmd->parsed() ? Verb::kExport
               : stats_cmd->parsed()  ? Verb::kStats
               : remove_cmd->parsed() ? Verb::kRemove
               : purge_cmd->parsed()  ? Verb::kPurge
                                      : Verb::kCheck;
    return luister::run_archive(cmd);
  });
}
