#pragma once
/// `luister-import`: survey exports in, luister's canonical CSV out.
///
/// Canonical CSV is UTF-8, comma-separated, LF, RFC 4180 quoting, with a header row and one row per
/// open answer: response_id,date,process,channel,grade,question,text, then every other input column.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "luister/cli/cli.hpp"
#include "luister/csv/encoding.hpp"
#include "luister/csv/values.hpp"

namespace luister {

/// What to do with a record that cannot be read as a row (wrong field count, unclosed quote, NUL).
enum class BadRowPolicy { kError, kWarn, kSkip };
/// What to do with a grade or date that cannot be understood or is out of range.
enum class BadValuePolicy { kError, kWarn, kEmpty };

struct ImportOptions {
  CommonOptions common;
  EncodingSpec encoding;
  int quote = -1;   ///< -1 detect, 0 none, else the quote character
  int header = -1;  ///< -1 detect, 0 no header row, 1 header row
  std::vector<std::pair<std::string, std::string>> maps;       ///< canonical name → header (--map)
  std::vector<std::pair<std::string, std::string>> questions;  ///< short name (may be empty) → header
  BadRowPolicy on_bad_row = BadRowPolicy::kError;
  BadValuePolicy on_bad_value = BadValuePolicy::kError;
  DateOrder date_order = DateOrder::kDayFirst;
  double grade_min = 1, grade_max = 10;
  bool stats = false;
  std::size_t chunk = 1 << 20;  ///< read size; tests shrink it to cross chunk boundaries
};

/// Counts for the whole run (summed over inputs).
struct ImportReport {
  std::uint64_t rows = 0;             ///< data rows read
  std::uint64_t answers = 0;          ///< answer rows written
  std::uint64_t empty_answers = 0;    ///< empty answers dropped
  std::uint64_t bad_rows = 0;         ///< rows skipped under --on-bad-row warn|skip
  std::uint64_t bad_values = 0;       ///< grades/dates left empty under --on-bad-value warn|empty
  std::uint64_t blank_lines = 0;
  std::uint64_t invalid_bytes = 0;    ///< replaced or skipped under --encoding X:replace|skip
  bool failed = false;                ///< some input failed: exit non-zero
};

/// Runs the import; returns the exit code. Throws UsageError for bad options, IoError for files.
/// Errors in one input are reported and the others still processed; the output file (-o) is only
/// written when every input succeeded.
int run_import(const ImportOptions& options, ImportReport* report = nullptr);

/// luister-import's command line: the options, and those still to be read from their text.
struct ImportToolOptions {
  ImportOptions import;
  std::string encoding = "auto";              ///< --encoding NAME[:replace|:skip]
  std::string quote;                          ///< --quote: one character or "none"; empty: detect
  std::vector<std::string> maps;              ///< --map NAME=HEADER
  std::vector<std::string> questions;         ///< --question [NAME=]HEADER
  std::string bad_row = "error";              ///< --on-bad-row: error, warn or skip
  std::string bad_value = "error";            ///< --on-bad-value: error, warn or empty
  std::string date_order = "dmy";             ///< --date-order: dmy or mdy
  std::string grade_range = "1-10";           ///< --grade-range MIN-MAX
};

/// Reads the options given as text (throwing UsageError for bad ones), then runs run_import().
/// Returns the exit code.
int run_import_tool(const ImportToolOptions& options);

}  // namespace luister
