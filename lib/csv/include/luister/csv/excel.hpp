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

namespace luister {

/// True when a spreadsheet could read the cell as a formula or a control character: after any
/// leading spaces (also no-break and ideographic ones), line feeds and quote characters (" ' “ ” ‘ ’
/// and the full-width ＂ ＇), it starts with `=`, `+`, `-`, `@`, their full-width forms ＝ ＋ － ＠,
/// a tab or a carriage return. A plain negative number ("-0.830", "-2", "-1,5", also after spaces)
/// is no formula and stays as it is.
bool needs_neutralizing(std::string_view cell);

/// The cell with a `'` in front when needs_neutralizing(cell), else unchanged.
std::string neutralize_formula(std::string_view cell);

}  // namespace luister
