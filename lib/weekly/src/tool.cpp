// luister-weekly's command line over its configuration file.
#include <unistd.h>

#include <cstdio>
#include <regex>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/weekly/weekly.hpp"

namespace luister {
namespace {

// The options on the command line replace the configuration's values (lists as a whole).
void apply_command_line(const WeeklyToolOptions& t, WeeklyOptions& o) {
  const WeeklyOptions& v = t.values;
  auto given = [&t](const char* name) { return t.given.count(name) > 0; };
  if (given("--work")) o.work = v.work;
  if (given("--archive")) o.archive = v.archive;
  if (given("--out")) o.output = v.output;
  if (given("exports")) o.exports = v.exports;
  if (given("--process")) o.processes = v.processes;
  if (given("--week")) o.week = v.week;
  if (given("--excel")) o.dutch_excel = t.excel == "nl";
  if (t.plain_csv) o.dutch_excel = false;
  if (given("--lang")) o.lang = v.lang;
  if (given("--title")) o.title = v.title;
  if (given("--aspects")) o.aspects = v.aspects;
  if (given("--concepts")) o.concepts = v.concepts;
  if (given("--contact")) o.contact = v.contact;
  if (given("--consent")) o.consent = v.consent;
  if (given("--keep-weeks")) o.keep_weeks = v.keep_weeks;
  if (given("--context-weeks")) o.context_weeks = v.context_weeks;
  if (given("--no-data-status")) o.no_data_status = v.no_data_status;
  if (given("--wait")) o.wait_seconds = v.wait_seconds;
  if (given("--threads")) o.threads = v.threads;
}

void check(WeeklyOptions& o, bool exports_needed) {
  static const std::regex kWeek("[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])");
  if (!o.week.empty() && !std::regex_match(o.week, kWeek))
    throw UsageError(fmt::format("--week '{}' is no ISO week.", o.week), "write it like 2026-W47");
  if (o.work.empty())
    throw UsageError("no work folder given.", "set 'work = DIR' in the configuration, or pass --work DIR");
  if (o.archive.empty()) o.archive = o.work + "/history.sqlite";
  if (o.output.empty()) o.output = o.work + "/reports";
  if (exports_needed && o.exports.empty())
    throw UsageError("no export given.", "name this week's export file(s), or set 'export = FILE' in the configuration");
}

}  // namespace

int run_weekly_tool(const WeeklyToolOptions& t) {
  WeeklyOptions o;
  if (!t.no_config) {
    if (!t.config.empty()) read_weekly_config(t.config, o);
    else if (::access(kWeeklyDefaultConfig, F_OK) == 0) read_weekly_config(kWeeklyDefaultConfig, o);
  }
  apply_command_line(t, o);
  check(o, !t.show_config);
  if (t.show_config) {
    const std::string text = format_weekly_config(o);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kWeeklyOk;
  }
  return run_weekly(o);
}

}  // namespace luister
