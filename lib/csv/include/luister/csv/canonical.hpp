#pragma once
/// The rules for the values of canonical CSV, in one place for every tool that reads canonical rows
/// back: luister-report, and luister-archive add, which refuses what the report would refuse; and
/// which `question` is the improvement question (luister-score, luister-cluster, luister-eval).
///   grade  empty (or a "no answer" marker), or a grade from 1 to 10 as parse_grade reads it;
///   date   empty, or a date parse_date reads: a day that exists in 1900..2100, with an optional
///          time that exists (00:00 to 23:59) and zone.
///
///     luister::canonical_grade("11").status;        // ValueStatus::kOutOfRange
///     luister::canonical_day("2026-11-16T25:61");   // nullopt
///     luister::canonical_grade_problem("NaN");      // "grade 'NaN' is not a grade from 1 to 10."
#include <optional>
#include <string>
#include <string_view>

#include "luister/base/period.hpp"
#include "luister/csv/values.hpp"

namespace luister {

/// The grade of a canonical cell: kEmpty, kOk (with its value), kInvalid or kOutOfRange.
GradeValue canonical_grade(std::string_view cell);
/// The day of a canonical date cell that is not empty; nullopt when it breaks the rules above.
std::optional<Day> canonical_day(std::string_view cell);
/// What is wrong with a cell, as one sentence for messages ("grade '11' is not a grade from 1 to
/// 10."); empty when the cell keeps the rules.
std::string canonical_grade_problem(std::string_view cell);
std::string canonical_date_problem(std::string_view cell);

/// Whether a canonical `question` value names the improvement question ("Wat kunnen we
/// verbeteren?", "verbeteren", "improvement", "tips"): `explicit_name` when given (exactly that
/// value), else any value holding "verbeter", "improv" or "beter kunnen", or starting with "tip".
bool is_improvement_question(std::string_view question, const std::string& explicit_name = {});

}  // namespace luister
