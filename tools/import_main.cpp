// luister-import: turn a survey export into luister's canonical CSV.
#include <fmt/format.h>

#include "luister/cli/cli.hpp"
#include "luister/base/error.hpp"
#include "luister/csv/import.hpp"

namespace {

std::pair<std::string, std::string> split_assignment(const std::string& text, const char* option) {
  auto eq = text.find('=');
  if (eq == std::string::npos)
    throw luister::UsageError(fmt::format("{} '{}': expected NAME=HEADER", option, text),
                              fmt::format("for example {} grade=Rapportcijfer", option));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace

int main(int argc, char** argv) {
  luister::ImportOptions opt;
  CLI::App app{"luister-import — turn a survey export into luister's canonical CSV", "luister-import"};
  app.footer(R"HELP(Input: CSV or TSV exports of survey systems and Excel: any of the delimiters , ; TAB |,
UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252/ISO-8859-15; quoted fields may hold
delimiters, doubled quotes and line breaks; CRLF, LF or CR line ends. Dialect, encoding and header row
are detected; the options above override them.

Output: canonical CSV (UTF-8, comma, LF, RFC 4180 quoting), one row per non-empty open answer:
  response_id,date,process,channel,grade,question,text
followed by every other input column unchanged. Columns are recognised by their Dutch or English
header names (Respondentnummer, Ingevuld op/Datum, Product/Dienst/Proces, Kanaal, Rapportcijfer/Score,
"Waarom geeft u dit cijfer?", "Wat kunnen we verbeteren?", Opmerking, ...). Grades become numbers
(7,5 -> 7.5; "8 (goed)" -> 8), dates ISO 8601 (22-11-2026 14:05 -> 2026-11-22T14:05). Without a
respondent number, response_id is a hash of the row, stable across re-exports. Answers that are
empty, only punctuation, or "nvt" are dropped and counted.

Exit status: 0 ok, 1 bad input (file and line named on stderr), 2 usage error.

Example:
  luister-import --stats export.csv | luister-score | luister-cluster | luister-report)HELP");
  luister::add_common_options(app, opt.common);

  std::string encoding = "auto", quote, header, bad_row = "error", bad_value = "error", date_order = "dmy",
              grade_range = "1-10";
  std::vector<std::string> maps, questions;
  app.add_option("--encoding", encoding,
                 "Input encoding: auto, utf-8, utf-16le, utf-16be, windows-1252, iso-8859-15; append :replace or "
                 ":skip to replace or drop invalid bytes instead of failing")
      ->capture_default_str();
  app.add_option("--quote", quote, "Quote character, or 'none' (default: detected, usually \")");
  app.add_flag_function(
      "--header,!--no-header", [&](std::int64_t n) { opt.header = n > 0 ? 1 : 0; },
      "The first row is (or is not) a header row (default: detected)");
  app.add_option("--map", maps,
                 "Take a canonical column from HEADER (a name or 1-based number): response_id, date, process, "
                 "channel or grade; an empty HEADER means none (repeatable)")
      ->type_name("NAME=HEADER")
      ->allow_extra_args(false);
  app.add_option("--question", questions,
                 "Make this column an answer column, optionally with its short name (repeatable; replaces the "
                 "detected question columns)")
      ->type_name("[NAME=]HEADER")
      ->allow_extra_args(false);
  app.add_option("--on-bad-row", bad_row, "Rows with a wrong field count, an unclosed quote or a NUL byte: error, warn or skip")
      ->check(CLI::IsMember({"error", "warn", "skip"}))
      ->capture_default_str();
  app.add_option("--on-bad-value", bad_value, "Grades or dates that cannot be read: error, warn, or empty (keep the row)")
      ->check(CLI::IsMember({"error", "warn", "empty"}))
      ->capture_default_str();
  app.add_option("--date-order", date_order, "Order of day and month in dates like 03-04-2026: dmy or mdy")
      ->check(CLI::IsMember({"dmy", "mdy"}))
      ->capture_default_str();
  app.add_option("--grade-range", grade_range, "Valid grades, MIN-MAX")->capture_default_str();
  app.add_flag("--stats", opt.stats, "Print encoding, dialect, column mapping and counts per input on stderr");

  return luister::run_tool("luister-import", app, [&] {
    app.parse(argc, argv);
    opt.encoding = luister::parse_encoding_spec(encoding);
    if (!quote.empty()) {
      if (quote == "none") opt.quote = 0;
      else if (quote.size() == 1) opt.quote = static_cast<unsigned char>(quote[0]);
      else throw luister::UsageError(fmt::format("--quote '{}': give one character or 'none'", quote));
    }
    for (const auto& m : maps) opt.maps.push_back(split_assignment(m, "--map"));
    for (const auto& q : questions) {
      auto eq = q.find('=');
      bool named = eq != std::string::npos && eq > 0 &&
                   q.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == eq;
      opt.questions.emplace_back(named ? q.substr(0, eq) : "", named ? q.substr(eq + 1) : q);
    }
    opt.on_bad_row = bad_row == "warn"   ? luister::BadRowPolicy::kWarn
                     : bad_row == "skip" ? luister::BadRowPolicy::kSkip
                                         : luister::BadRowPolicy::kError;
    opt.on_bad_value = bad_value == "warn"    ? luister::BadValuePolicy::kWarn
                       : bad_value == "empty" ? luister::BadValuePolicy::kEmpty
                                              : luister::BadValuePolicy::kError;
    opt.date_order = date_order == "mdy" ? luister::DateOrder::kMonthFirst : luister::DateOrder::kDayFirst;
    double lo = 0, hi = 0;
    if (std::sscanf(grade_range.c_str(), "%lf-%lf", &lo, &hi) != 2 || lo >= hi)
      throw luister::UsageError(fmt::format("--grade-range '{}': expected MIN-MAX such as 1-10", grade_range));
    opt.grade_min = lo;
    opt.grade_max = hi;
    return luister::run_import(opt);
  });
}
