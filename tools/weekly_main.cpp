// luister-weekly (also `luister weekly`): the weekly job, for cron or a systemd timer.
#include "luister/base/version.hpp"
#include "luister/cli/cli.hpp"
#include "luister/weekly/weekly.hpp"

namespace {

constexpr const char* kFooter = R"HELP(Runs import -> score -> cluster (the complaint register WORK/register.txt) -> archive (the
history, WORK/history.sqlite) -> call-back list -> report of the week from the archive (so its trend
covers the 8 weeks before), and writes OUT/<week>/: rapport.html, rapport.md, rapport.json,
klachten.csv (complaints per process), terugbellen.csv (residents to call back, and earlier
weeks' cases still open), complimenten.csv (what goes well, compliments to pass on) and
antwoorden.csv (the scored and clustered answers). The CSV files are for people: written for Dutch
Excel (UTF-8 with BOM, ';', decimal commas, Dutch headers; --excel plain or --plain-csv: as the
pipeline writes them) and neutralised for spreadsheets; the archive keeps the answers exact.
OUT/latest points to the newest week. The week is the last complete ISO week of the export
unless --week says otherwise. One line per step goes to stderr (the journal, under systemd).

All or nothing: every step works on copies in WORK/.run; only when all succeeded do the results,
the register and the archive change, the archive in one SQLite transaction (the week's answers
and its call-back list together; its write lock is held from the copy to the commit). A failed
run names the step and leaves register, archive and earlier reports as they were. Re-running a
week with the same export gives byte-identical results (it starts from the register as it was
before the week's first run); a different export for the week keeps the ids it was given. Two
runs wait for each other (WORK/.lock, up to --wait seconds).

Configuration: --config FILE, else /etc/luister/weekly.conf when it exists (--no-config: none).
One 'key = value' per line; '#' starts a comment line; a value in double quotes keeps its spaces;
relative paths are taken from the file's folder. Options on the command line override it.
  work = DIR              state kept between weeks (required)
  archive = FILE          the history archive (default WORK/history.sqlite)
  output = DIR            where OUT/<week>/ goes (default WORK/reports)
  export = FILE           this week's export; a pattern (*.csv) is expanded; repeatable
  process = NAME          only the answers of this process; repeatable (default: all)
  excel = nl|plain        the CSV files for people (default nl)
  lang = nl|en            the report's language (default nl)
  title = TEXT            the report's title (e.g. the municipality)
  aspects = FILE          the municipality's aspect taxonomy (luister-cluster --aspects)
  concepts = FILE         its complaint concepts (luister-cluster and luister-report --concepts)
  contact = COLUMN        column with contact details, for the call-back list; repeatable
  consent = COLUMN        column with consent to be contacted; repeatable
  keep_weeks = N          keep the reports and register snapshots of the N newest weeks (0: all)
  context_weeks = N       cluster the week with the archive's N weeks before it (default 8; 0: alone)
  no_data_status = N      exit status of a week without answers (default 0)
  wait = SECONDS          wait for another run (default 600)
  threads = N             threads for scoring and clustering (default 0: every core)

Exit status: 0 ok; 0 or --no-data-status N for a week without answers (processed and reported
all the same: the report says so and stderr ends with '<week>: no data: ...'); 65 bad input (an
export missing or not readable as a survey export: file and line on stderr); 1 failure (a step
failed: disk, archive, lock, a tool missing); 2 wrong options or configuration (file:line named).

Files: WORK/register.txt, WORK/history.sqlite, WORK/weeks/<week>/ (the register before the week's
first run and a fingerprint of its answers), WORK/newest-week, WORK/.lock. The package installs
luister-weekly.service and luister-weekly.timer (Mondays 06:00; not enabled:
'systemctl enable --now luister-weekly.timer') and /etc/luister/weekly.conf.

Examples:
  luister-weekly --work /var/lib/luister --out /srv/luister/rapporten /srv/kto/export-week.csv
  luister weekly --config /etc/luister/weekly.conf --week 2026-W47
  15 6 * * 1  luister-weekly --config /etc/luister/weekly.conf 2>>/var/log/luister-weekly.log)HELP";

}  // namespace

int main(int argc, char** argv) {
  luister::WeeklyToolOptions opt;
  auto& v = opt.values;
  CLI::App app{"luister-weekly — the weekly job: this week's survey export in, the week's report and call-back list out",
               "luister-weekly"};
  app.footer(kFooter);
  app.add_option("exports", v.exports, "This week's export file(s) (replace the configuration's export)")->type_name("EXPORT");
  auto* config = app.add_option("--config", opt.config, "Read the settings from FILE (default /etc/luister/weekly.conf)")
                     ->type_name("FILE");
  app.add_flag("--no-config", opt.no_config, "Read no configuration file")->excludes(config);
  app.add_flag("--show-config", opt.show_config, "Print the settings in force (configuration and options) and stop");
  app.add_option("--work", v.work, "State kept between weeks: register, archive, snapshots, lock")->type_name("DIR");
  app.add_option("--archive", v.archive, "The history archive (default WORK/history.sqlite)")->type_name("FILE");
  app.add_option("--out", v.output, "Write each week's results to DIR/<week>/ (default WORK/reports)")->type_name("DIR");
  app.add_option("--week", v.week, "The ISO week to report on (default: the last complete week of the export)")
      ->type_name("YYYY-Www");
  app.add_option("--process", v.processes, "Only the answers of this process (repeatable)")
      ->type_name("NAME")->allow_extra_args(false);
  auto* excel = app.add_option("--excel", opt.excel, "The CSV files for people: nl (Dutch Excel) or plain")
                    ->check(CLI::IsMember({"nl", "plain"}));
  app.add_flag("--plain-csv", opt.plain_csv, "The same as --excel plain")->excludes(excel);
  app.add_option("--lang", v.lang, "The report's language: nl or en")->check(CLI::IsMember({"nl", "en"}));
  app.add_option("--title", v.title, "The report's title (e.g. the municipality)");
  app.add_option("--aspects", v.aspects, "The aspect taxonomy for luister-cluster (default lexicons/aspects-nl.tsv)")
      ->type_name("FILE");
  app.add_option("--concepts", v.concepts,
                 "The complaint concepts for luister-cluster and luister-report (default lexicons/concepts-nl.tsv)")
      ->type_name("FILE");
  app.add_option("--contact", v.contact, "Column with contact details, for the call-back list (repeatable)")
      ->type_name("COLUMN")->allow_extra_args(false);
  app.add_option("--consent", v.consent, "Column with consent to be contacted (repeatable)")
      ->type_name("COLUMN")->allow_extra_args(false);
  app.add_option("--keep-weeks", v.keep_weeks, "Keep the reports and snapshots of the N newest weeks (0: all)")
      ->check(CLI::Range(0, 10000));
  app.add_option("--context-weeks", v.context_weeks,
                 "Cluster the week with the archive's N weeks before it, for themes that recur (default 8; 0: alone)")
      ->check(CLI::Range(0, 520));
  app.add_option("--no-data-status", v.no_data_status, "Exit status for a week without answers (default 0)")
      ->check(CLI::Range(0, 125));
  app.add_option("--wait", v.wait_seconds, "Seconds to wait for another run (default 600)")->check(CLI::Range(0, 86400));
  app.add_option("-j,--threads", v.threads, "Threads for scoring and clustering (default 0: every core)")
      ->check(CLI::Range(0, 256));
  app.set_version_flag("-V,--version", std::string("luister-weekly (luister) ") + luister::kVersion);
  return luister::run_tool("luister-weekly", app, [&] {
    app.parse(argc, argv);
    for (const auto* o : app.get_options())
      if (o->count() > 0) opt.given.insert(o->get_name());
    return luister::run_weekly_tool(opt);
  });
}
