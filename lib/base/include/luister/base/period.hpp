#pragma once
/// The one calendar of luister: days, ISO 8601 weeks, months and the periods that the archive,
/// the report and the complaint register count in (proleptic Gregorian calendar).
///
///     luister::Period w = luister::parse_week("2026-W47");          // 2026-11-16 .. 2026-11-22
///     luister::period_id(luister::previous_period(w));               // "2026-W46"
///     luister::iso_week(*luister::parse_iso_day("2021-01-03"));      // {2020, 53}
///     luister::period_id(luister::month_of(*luister::parse_iso_day("2026-11-22T14:05")));  // "2026-11"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace luister {

// ---------------------------------------------------------------------------------------------
// Days
// ---------------------------------------------------------------------------------------------

/// A calendar day as days since 1970-01-01 (negative before).
using Day = std::int32_t;

/// A calendar date.
struct Civil {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  friend bool operator==(const Civil&, const Civil&) = default;
};

bool is_leap_year(int year);
/// 28..31; `month` 1..12.
int days_in_month(int year, int month);
/// The day of a valid calendar date (month 1..12, day 1..days_in_month; not checked).
Day day_from_civil(int year, int month, int day);
/// The calendar date of a day.
Civil civil_from_day(Day day);
/// ISO weekday: 1 = Monday .. 7 = Sunday.
int iso_weekday(Day day);
/// Reads the date at the start of an ISO date or date-time: `2026-11-22`, `2026-11-22T14:05`,
/// `2026-11-22 14:05:33`. nullopt for anything else, and for a day that does not exist (2026-02-29).
std::optional<Day> parse_iso_day(std::string_view text);
/// `2026-11-22`.
std::string format_iso_day(Day day);
/// Working days (Monday to Friday; public holidays are not known) after `from` up to and including
/// `to`: Friday → Monday is 1, the same day 0, Friday → Saturday 0. Negative when `to` is before
/// `from` (the same count, negated).
int working_days_between(Day from, Day to);

// ---------------------------------------------------------------------------------------------
// ISO weeks
// ---------------------------------------------------------------------------------------------

/// An ISO 8601 week: weeks start on Monday and belong to the year of their Thursday, so the first
/// days of January can be in the last week of the year before, the last days of December in week 1.
struct IsoWeek {
  int year = 0;
  int week = 0;  ///< 1..52, or 53 in years that have it
  friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};
IsoWeek iso_week(Day day);
/// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52.
int iso_weeks_in_year(int year);
/// The Monday of ISO week `week` (1..iso_weeks_in_year) of ISO year `year`.
Day iso_week_monday(int year, int week);

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

enum class PeriodKind { kWeek, kMonth, kRange };

/// A closed range of days [first, last] of one kind: an ISO week, a calendar month or any range.
struct Period {
  PeriodKind kind = PeriodKind::kWeek;
  Day first = 0, last = 0;
  bool contains(Day day) const { return day >= first && day <= last; }
  bool operator==(const Period&) const = default;
};

Period week_period(int year, int week);
Period month_period(int year, int month);
/// The ISO week, or the calendar month, that `day` lies in.
Period week_of(Day day);
Period month_of(Day day);
/// Days `first` .. `last`. Throws UsageError (naming --from and --to) when `last` is before `first`.
Period range_period(Day first, Day last);
/// The period of the same kind and length right before `period` (a month: the calendar month before).
Period previous_period(const Period& period);
/// A stable identifier: `2026-W47`, `2026-11`, `2026-11-01..2026-11-15`.
std::string period_id(const Period& period);
/// Reads the id of a week (`2026-W47`) or a month (`2026-11`) back; nullopt for anything else,
/// including weeks and months that do not exist.
std::optional<Period> parse_period_id(std::string_view id);

// ---------------------------------------------------------------------------------------------
// Command-line options (--week, --month, --from, --to, --today). Each throws UsageError naming the
// option, the value and the form it expects.
// ---------------------------------------------------------------------------------------------

/// `--week 2026-W47` (also `2026-w47`, `2026W47`, `2026-W7`).
Period parse_week(std::string_view text);
/// `--month 2026-11`.
Period parse_month(std::string_view text);
/// A day `2026-11-22` given with `option` ("--from").
Day parse_day_option(std::string_view text, std::string_view option);

}  // namespace luister
