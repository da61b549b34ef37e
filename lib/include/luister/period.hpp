#pragma once
/// Calendar periods as municipal reports use them: ISO 8601 weeks (2026-W47), months (2026-11) and
/// date ranges, on proleptic Gregorian dates.
///
///     luister::DateRange w = luister::parse_week("2026-W47");   // 2026-11-16 .. 2026-11-22
///     luister::iso_week_label(*luister::parse_iso_date("2021-01-03"));   // "2020-W53"
///     bool in = w.contains("2026-11-22T14:05");                 // true: a time belongs to its day
#include <optional>
#include <string>
#include <string_view>

namespace luister {

/// A calendar date. Valid dates only, when made by the functions below.
struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// Reads the date part of an ISO value: `2026-11-22`, or the first ten characters of
/// `2026-11-22T14:05[:33]`. Empty for anything else, or a day that does not exist (2026-02-29).
std::optional<Date> parse_iso_date(std::string_view text);
/// "2026-11-22".
std::string format_date(const Date& date);
/// Days since 1970-01-01 (negative before), and back.
long days_from_civil(const Date& date);
Date civil_from_days(long days);
/// 1 = Monday .. 7 = Sunday (ISO 8601).
int iso_weekday(const Date& date);
bool is_leap_year(int year);
int days_in_month(int year, int month);

/// An ISO 8601 week: weeks start on Monday; week 1 is the week with the year's first Thursday, so
/// the first days of January can belong to the last week of the year before, and the last days
/// of December to week 1 of the next.
struct IsoWeek {
  int year = 0;
  int week = 0;  ///< 1..52, or 53 in years that have it
  friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};
IsoWeek iso_week_of(const Date& date);
/// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52.
int iso_weeks_in_year(int year);
/// "2026-W47" (the ISO week-year, which is not always the calendar year), and "2026-11".
std::string iso_week_label(const Date& date);
std::string month_label(const Date& date);

/// Dates `from` .. `to`, both included. An empty side is open.
struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
  /// True when the date part of ISO `value` lies in the range; a value without a readable date lies
  /// in no range except the fully open one.
  bool contains(std::string_view value) const;
  /// "2026-11-16 .. 2026-11-22" (an open side is "...").
  std::string describe() const;
};

/// The days of ISO week "2026-W47" (also "2026W47", "2026-w47"). Throws UsageError, with the
/// expected form, for text that is no week or a week the year does not have (2025-W53).
DateRange parse_week(std::string_view text);
/// The days of month "2026-11". Throws UsageError.
DateRange parse_month(std::string_view text);
/// One date "2026-11-22" as given with --from/--to. Throws UsageError naming `option`.
Date parse_date_option(std::string_view text, std::string_view option);

}  // namespace luister
