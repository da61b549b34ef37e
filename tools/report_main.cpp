// luister-report: the weekly (or monthly) report the municipality reads, in Markdown, HTML or JSON.
#include "luister/cli/cli.hpp"
#include "luister/report/report.hpp"

namespace {

constexpr const char* kFooter = R"HELP(Input: canonical CSV (luister-import), scored (luister-score: sentiment, polarity, evidence)
and clustered (luister-cluster: theme, theme_label), covering as many weeks as you have; or, with
--db FILE, the history that luister-archive add keeps, of which only the weeks the report needs are
read. A report from the archive equals the report of 'luister-archive export --db FILE' except for
the name of the input. Without the sentiment or theme columns the report still works and says what
is missing and how to add it.

Period: --week, --month or --from/--to; default the last complete ISO week of the input (the week
of its newest date if that is a Sunday, else the week before), so the same input always gives the
same report. --today DATE instead takes the last week that ended before DATE. The period is compared
with the one before it and with the trend over the last 8 periods of the same kind.

Spikes: a complaint (or the share of grades of 5 or lower) at least twice its pooled share over the
earlier trend periods (3 of them with data at least), with at least 5 responses and the lower end of
its 95% interval above that share too. The purity bar: a complaint is called a spike, or growing,
only when at least half of its answers in the period hold every content word of its label (the
label coverage of luister-eval cluster); below it the report says 'gemengd' (mixed) and names it
under the spikes with its coverage, without claiming the rise.

What goes well: the praise in positive clauses (or positive answers), counted per response; phrases
that nest ('snel' in 'snel geholpen', 'vriendelijk' in 'vriendelijke medewerker') are one line
under the fullest form residents used most (when it is used by at least half as many responses as
the short one, or adds only a staff word), each response counted once, quoted with a clause that
says it from an answer graded 7 or higher.

Output: Markdown (mail, chat), one self-contained HTML file (inline SVG charts, no scripts, readable
on a phone) or JSON (schema: docs/report-schema.json). Personal data in every quote is masked.

Examples:
  luister-import export.csv | luister-score | luister-cluster | luister-report > week.md
  luister-report --week 2026-W47 --format html -o week47.html history.csv
  luister-report --db kto.sqlite --month 2026-11 --format json --lang en)HELP";

}  // namespace

int main(int argc, char** argv) {
  namespace rep = luister::report;
  rep::ReportToolOptions opt;
  CLI::App app{"luister-report — the report a team leader reads in two minutes: grades, recurring complaints, "
               "what goes well, spikes, and answers where grade and text disagree",
               "luister-report"};
  app.footer(kFooter);
  luister::add_common_options(app, opt.report.common);
  app.add_option("--db", opt.report.db, "Read the luister-archive history in FILE instead of CSV inputs")->type_name("FILE");
  auto* week_opt = app.add_option("--week", opt.week, "ISO week to report on, e.g. 2026-W47")->type_name("YYYY-Www");
  auto* month_opt = app.add_option("--month", opt.month, "Month to report on, e.g. 2026-11")->type_name("YYYY-MM");
  auto* from_opt = app.add_option("--from", opt.from, "First day of a custom period (with --to)")->type_name("DATE");
  auto* to_opt = app.add_option("--to", opt.to, "Last day of a custom period (with --from)")->type_name("DATE");
  auto* today_opt =
      app.add_option("--today", opt.today, "Without a period: report on the last week that ended before DATE")
          ->type_name("DATE");
  week_opt->excludes(month_opt, from_opt, to_opt, today_opt);
  month_opt->excludes(from_opt, to_opt, today_opt);
  from_opt->needs(to_opt)->excludes(today_opt);
  to_opt->needs(from_opt)->excludes(today_opt);
  app.add_option("-f,--format", opt.format, "md, html or json")
      ->check(CLI::IsMember({"md", "markdown", "html", "json"}))
      ->capture_default_str();
  app.add_option("--lang", opt.lang, "nl or en")->check(CLI::IsMember({"nl", "en"}))->capture_default_str();
  app.add_option("--norm", opt.report.norm, "The grade the municipality aims for (share of grades at or above it)")
      ->capture_default_str();
  app.add_option("--min-count", opt.report.min_count,
                 "Fewer responses than this: marked '(weinig antwoorden)' and changes not named")
      ->capture_default_str();
  app.add_option("--top", opt.report.top, "Complaints and compliments listed (a third of it per process)")
      ->capture_default_str();
  app.add_option("--fix-first", opt.report.fix_first, "Complaints named under 'Eerst aanpakken' per scope")
      ->capture_default_str();
  app.add_option("--impact-min", opt.report.impact_min,
                 "A complaint's impact is ranked only with at least this many graded responses mentioning it")
      ->capture_default_str();
  app.add_option("--concepts", opt.report.concepts_path,
                 "Complaint concepts, as given to luister-cluster (default lexicons/concepts-nl.tsv): for label coverage and quotes");
  app.add_option("--compliments", opt.report.compliments_path,
                 "Also write the compliments and those to pass on, per process, to FILE (CSV for people)");
  luister::add_excel_option(app, opt.report.sheet_style, "--compliments");
  app.add_flag("--one-page", opt.report.one_page,
               "Only the first page (grade, share at the norm, fix first, what goes well): one A4 when printed");
  app.add_option("--no-data-status", opt.report.no_data_status,
                 "Exit status when the period holds no answers (the report says so all the same)")
      ->check(CLI::Range(0, 125))->capture_default_str();
  app.add_flag("--each-process", opt.report.each_process, "A first page per process too, after the overall one");
  app.add_option("--bootstrap", opt.report.bootstrap, "Resamples for the impact margins (0: no margins)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  app.add_option("--process", opt.report.processes, "Only this process (repeatable)")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--title", opt.report.title, "Title instead of 'Klantbeleving' (e.g. the municipality)");
  app.add_option("--register", opt.report.register_path,
                 "luister-cluster's complaint register: its labels and merges override the theme_label column")
      ->type_name("FILE");
  return luister::run_tool("luister-report", app, [&] {
    app.parse(argc, argv);
    return rep::run_report_tool(opt);
  });
}
