#pragma once
/// Parsing the values survey exports hold: grades and dates in their Dutch and English forms.
#include <string>
#include <string_view>

namespace luister {

/// How a value parsed: absent (empty cell or a "no answer" marker), fine, or not understood.
enum class ValueStatus { kEmpty, kOk, kInvalid, kOutOfRange };

struct GradeValue {
  ValueStatus status = ValueStatus::kEmpty;
  double value = 0;
};

/// Reads `8`, `7,5`, `7.5`, `8 (goed)`, `8/10`, `7½`, `acht`; "-", "nvt", "weet niet" are empty.
/// A number outside [min, max] is kOutOfRange.
GradeValue parse_grade(std::string_view text, double min = 1, double max = 10);
/// Shortest decimal form with a point: 8 → "8", 7.5 → "7.5".
std::string format_grade(double value);

/// Appends `value` with `decimals` (0..9) digits after the point, rounded exactly as printf's
/// "%.Nf" (and fmt's "{:.Nf}") round; `sign` puts a '+' before values that are not negative.
/// Without a format string to parse, for columns written once per row.
void append_fixed(std::string& out, double value, int decimals, bool sign = false);

/// Order of day and month in dates such as 03-04-2026.
enum class DateOrder { kDayFirst, kMonthFirst };

struct DateValue {
  ValueStatus status = ValueStatus::kEmpty;
  std::string iso;  ///< "2026-11-22", or "2026-11-22T14:05" / "2026-11-22T14:05:33" with a time
};

/// Reads `22-11-2026`, `22/11/2026 14:05`, `2026-11-22`, `2026-11-22T14:05:00Z`, `22.11.26`,
/// `22 november 2026`, `ma 22 nov 2026 14:05` and similar; checks that the date exists.
DateValue parse_date(std::string_view text, DateOrder order = DateOrder::kDayFirst);

/// Trims ASCII white space and no-break spaces from both ends.
std::string_view trim(std::string_view text);

}  // namespace luister
