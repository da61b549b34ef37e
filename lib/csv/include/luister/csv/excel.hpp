#pragma once
/// CSV meant for people, opened in Excel or LibreOffice: cells that a spreadsheet would run as a
/// formula get a `'` in front (OWASP "CSV injection"). Canonical CSV, what the tools write to
/// standard output for the next tool, stays exact; only the files for people are neutralised: the
/// call-back list (luister-followup), the complaints summary (luister-cluster --summary) and the
/// published answers (luister-cluster --excel-copy).
///
///     luister::neutralize_formula("=HYPERLINK(\"http://x\")");  // "'=HYPERLINK(\"http://x\")"
///     luister::neutralize_formula("-0.830");                    // "-0.830": a number stays
#include <string>
#include <string_view>
#include <vector>

#include "luister/base/io.hpp"
#include "luister/cli/cli.hpp"
#include "luister/csv/csv.hpp"

namespace luister {

/// True when a spreadsheet could read the cell as a formula or a control character: after any
/// leading spaces (also no-break and ideographic ones), line feeds and quote characters (" ' “ ” ‘ ’
/// and the full-width ＂ ＇), it starts with `=`, `+`, `-`, `@`, their full-width forms ＝ ＋ － ＠,
/// a tab or a carriage return. A plain negative number ("-0.830", "-2", "-1,5", also after spaces)
/// is no formula and stays as it is.
bool needs_neutralizing(std::string_view cell);

/// The cell with a `'` in front when needs_neutralizing(cell), else unchanged.
std::string neutralize_formula(std::string_view cell);

/// The form of a CSV file meant for people (`--excel`).
enum class SheetStyle {
  kPlain,    ///< as canonical CSV: UTF-8 without BOM, `,`, decimal point, the column names as they are
  kExcelNl,  ///< as Dutch Excel opens it on a double click: UTF-8 with BOM, `;`, decimal comma, Dutch headers
};

/// Reads the value of `--excel`: `nl`. Throws UsageError for anything else.
SheetStyle parse_sheet_style(std::string_view text);
/// Adds `--excel LANG` to `app`, setting `style`; `what` names the files it applies to.
void add_excel_option(CLI::App& app, SheetStyle& style, const std::string& what);

/// The Dutch header of a column of luister's files for people (response_id → respondent, grade →
/// cijfer, urgency → urgentie, …); a name it does not know stays as it is.
std::string dutch_header(std::string_view name);

/// A plain decimal number as luister writes it ("-0.830", "7.5", "12") with a decimal comma
/// ("-0,830"); any other cell unchanged.
std::string decimal_comma(std::string_view cell);

/// Writes a CSV file meant for people in either SheetStyle. Text cells are neutralised
/// (neutralize_formula) unless `neutralize` is false; number cells hold one number each, with a
/// decimal comma under kExcelNl. `out` must outlive the writer.
class SheetWriter {
 public:
  SheetWriter(Output& out, SheetStyle style, bool neutralize = true);
  /// The header row: the names as given, or their dutch_header under kExcelNl.
  void header(const std::vector<std::string>& names);
  void text(std::string_view cell);
  /// A number as luister writes it ("-0.830"); anything else (also empty) is written as text().
  void number(std::string_view cell);
  /// A date as canonical CSV has it ("2026-11-17" or "2026-11-17T10:05"). Under kExcelNl a time is
  /// set off by a space instead of the `T`, so that Excel reads it as a date and time.
  void date(std::string_view cell);
  void end_row() { writer_.end_row(); }
  SheetStyle style() const { return style_; }

 private:
  CsvWriter writer_;
  SheetStyle style_;
  bool neutralize_;
};

}  // namespace luister
