#include "luister/period.hpp"

#include <fmt/format.h>

#include "luister/error.hpp"

namespace luister {
namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every proleptic Gregorian date.
long days_from_civil(const Date& date) {
  const long y = date.year - (date.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long m = date.month;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int iso_weekday(const Date& date) {
  // 1970-01-01 was a Thursday (4).
  long d = days_from_civil(date);
  long w = ((d % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  Date date{to_int(y), to_int(m), to_int(d)};
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > days_in_month(date.year, date.month))
    return std::nullopt;
  return date;
}

std::string format_date(const Date& date) { return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day); }

IsoWeek iso_week_of(const Date& date) {
  // The week belongs to the year of its Thursday.
  long thursday = days_from_civil(date) - iso_weekday(date) + 4;
  Date t = civil_from_days(thursday);
  long jan1 = days_from_civil({t.year, 1, 1});
  return {t.year, static_cast<int>((thursday - jan1) / 7 + 1)};
}

int iso_weeks_in_year(int year) {
  // December 28 always lies in the last ISO week of its year.
  return iso_week_of({year, 12, 28}).week;
}

std::string iso_week_label(const Date& date) {
  IsoWeek w = iso_week_of(date);
  return fmt::format("{:04}-W{:02}", w.year, w.week);
}

std::string month_label(const Date& date) { return fmt::format("{:04}-{:02}", date.year, date.month); }

bool DateRange::contains(std::string_view value) const {
  if (!from && !to) return true;
  auto d = parse_iso_date(value);
  if (!d) return false;
  return (!from || *d >= *from) && (!to || *d <= *to);
}

std::string DateRange::describe() const {
  return fmt::format("{} .. {}", from ? format_date(*from) : "...", to ? format_date(*to) : "...");
}

DateRange parse_week(std::string_view text) {
  // 2026-W47, 2026W47, 2026-w47; the week number has one or two digits.
  auto bad = [&](const std::string& why) {
    return UsageError(fmt::format("'{}' is {}.", text, why), "give an ISO week such as 2026-W47");
  };
  std::string_view rest = text.size() > 4 ? text.substr(4) : std::string_view{};
  if (text.size() < 6 || !digits(text.substr(0, 4))) throw bad("no ISO week");
  if (rest.front() == '-') rest.remove_prefix(1);
  if (rest.empty() || (rest.front() != 'W' && rest.front() != 'w')) throw bad("no ISO week");
  rest.remove_prefix(1);
  if (rest.empty() || rest.size() > 2 || !digits(rest)) throw bad("no ISO week");
  int year = to_int(text.substr(0, 4)), week = to_int(rest);
  int weeks = iso_weeks_in_year(year);
  if (week < 1 || week > weeks)
    throw UsageError(fmt::format("'{}': {} has weeks 1 to {}.", text, year, weeks), "give an ISO week such as 2026-W47");
  // Monday of week 1 is the Monday on or before January 4.
  Date jan4{year, 1, 4};
  long monday1 = days_from_civil(jan4) - (iso_weekday(jan4) - 1);
  long monday = monday1 + 7L * (week - 1);
  return {civil_from_days(monday), civil_from_days(monday + 6)};
}

DateRange parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !digits(text.substr(0, 4)) || !digits(text.substr(5, 2)))
    throw UsageError(fmt::format("'{}' is no month.", text), "give a month as YYYY-MM, such as 2026-11");
  int year = to_int(text.substr(0, 4)), month = to_int(text.substr(5, 2));
  if (month < 1 || month > 12)
    throw UsageError(fmt::format("'{}': there is no month {}.", text, month), "give a month as YYYY-MM, such as 2026-11");
  return {Date{year, month, 1}, Date{year, month, days_in_month(year, month)}};
}

Date parse_date_option(std::string_view text, std::string_view option) {
  auto d = text.size() == 10 ? parse_iso_date(text) : std::nullopt;
  if (!d)
    throw UsageError(fmt::format("{} '{}' is no date, or a day that does not exist.", option, text),
                     "give a date as YYYY-MM-DD, such as 2026-11-22");
  return *d;
}

}  // namespace luister
