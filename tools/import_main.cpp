// luister-import: turn a survey export into luister's canonical CSV.
#include "luister/cli/cli.hpp"
#include "luister/csv/import.hpp"

int main(int argc, char** argv) {
  luister::ImportToolOptions opt;
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
  luister::add_common_options(app, opt.import.common);

  app.add_option("--encoding", opt.encoding,
                 "Input encoding: auto, utf-8, utf-16le, utf-16be, windows-1252, iso-8859-15; append :replace or "
                 ":skip to replace or drop invalid bytes instead of failing")
      ->capture_default_str();
  app.add_option("--quote", opt.quote, "Quote character, or 'none' (default: detected, usually \")");
  app.add_flag_function(
      "--header,!--no-header", [&](std::int64_t n) { opt.import.header = n > 0 ? 1 : 0; },
      "The first row is (or is not) a header row (default: detected)");
  app.add_option("--map", opt.maps,
                 "Take a canonical column from HEADER (a name or 1-based number): response_id, date, process, "
                 "channel or grade; an empty HEADER means none (repeatable)")
      ->type_name("NAME=HEADER")
      ->allow_extra_args(false);
  app.add_option("--question", opt.questions,
                 "Make this column an answer column, optionally with its short name (repeatable; replaces the "
                 "detected question columns)")
      ->type_name("[NAME=]HEADER")
      ->allow_extra_args(false);
  app.add_option("--on-bad-row", opt.bad_row, "Rows with a wrong field count, an unclosed quote or a NUL byte: error, warn or skip")
      ->check(CLI::IsMember({"error", "warn", "skip"}))
      ->capture_default_str();
  app.add_option("--on-bad-value", opt.bad_value, "Grades or dates that cannot be read: error, warn, or empty (keep the row)")
      ->check(CLI::IsMember({"error", "warn", "empty"}))
      ->capture_default_str();
  app.add_option("--date-order", opt.date_order, "Order of day and month in dates like 03-04-2026: dmy or mdy")
      ->check(CLI::IsMember({"dmy", "mdy"}))
      ->capture_default_str();
  app.add_option("--grade-range", opt.grade_range, "Valid grades, MIN-MAX")->capture_default_str();
  app.add_flag("--stats", opt.import.stats, "Print encoding, dialect, column mapping and counts per input on stderr");

  return luister::run_tool("luister-import", app, [&] {
    app.parse(argc, argv);
    return luister::run_import_tool(opt);
  });
}
