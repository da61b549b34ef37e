#include "luister/csv/canonical.hpp"

#include <fmt/format.h>

namespace luister {

GradeValue canonical_grade(std::string_view cell) { return parse_grade(cell, 1, 10); }

std::optional<Day> canonical_day(std::string_view cell) {
  const DateValue parsed = parse_date(cell);
  if (parsed.status != ValueStatus::kOk) return std::nullopt;
  return parse_iso_day(parsed.iso);
}

std::string canonical_grade_problem(std::string_view cell) {
  const ValueStatus status = canonical_grade(cell).status;
  if (status == ValueStatus::kOk || status == ValueStatus::kEmpty) return {};
  return fmt::format("grade '{}' is not a grade from 1 to 10.", cell);
}

std::string canonical_date_problem(std::string_view cell) {
  if (trim(cell).empty() || canonical_day(cell)) return {};
  return fmt::format("date '{}' is not a date I can read.", trim(cell));
}

bool is_improvement_question(std::string_view question, const std::string& explicit_name) {
  if (!explicit_name.empty()) return question == explicit_name;
  std::string lower;
  for (char c : question) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower.find("verbeter") != std::string::npos || lower.find("improv") != std::string::npos ||
         lower.find("beter kunnen") != std::string::npos || lower.find("tip") == 0;
}

}  // namespace luister
