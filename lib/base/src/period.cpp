#include "luister/base/period.hpp"

#include <fmt/format.h>

#include "luister/base/error.hpp"

namespace luister {
namespace {

// Reads exactly `width` ASCII digits at `text[pos]`.
bool digits(std::string_view text, std::size_t pos, std::size_t width, int& value) {
  if (width == 0 || pos + width > text.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  value = v;
  return true;
}

// YYYY-MM-DD at the start of `text`, the parts not checked against the calendar.
bool split_date(std::string_view text, int& y, int& m, int& d) {
  return digits(text, 0, 4, y) && text.size() >= 10 && text[4] == '-' && digits(text, 5, 2, m) && text[7] == '-' &&
         digits(text, 8, 2, d);
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil and civil_from_days: exact for every proleptic Gregorian date.
Day day_from_civil(int year, int month, int day) {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era * 146097 + doe - 719468);
}

Civil civil_from_day(Day day) {
  const std::int64_t z = std::int64_t{day} + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int working_days_between(Day from, Day to) {
  if (to < from) return -working_days_between(to, from);
  // Whole weeks hold 5 working days each; then the days left, one by one (at most 6).
  const Day days = to - from;
  int count = static_cast<int>(days / 7) * 5;
  for (Day d = from + days / 7 * 7 + 1; d <= to; ++d) count += iso_weekday(d) <= 5;
  return count;
}

int iso_weekday(Day day) {
  // 1970-01-01 was a Thursday (4).
  int w = static_cast<int>((std::int64_t{day} + 3) % 7);
  if (w < 0) w += 7;
  return w + 1;
}

std::optional<Day> parse_iso_day(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (!split_date(text, y, m, d)) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return day_from_civil(y, m, d);
}

std::string format_iso_day(Day day) {
  Civil c = civil_from_day(day);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

IsoWeek iso_week(Day day) {
  // The week belongs to the year its Thursday falls in.
  const Day thursday = day - iso_weekday(day) + 4;
  const int year = civil_from_day(thursday).year;
  return {year, (thursday - day_from_civil(year, 1, 1)) / 7 + 1};
}

// December 28 always lies in the last ISO week of its year.
int iso_weeks_in_year(int year) { return iso_week(day_from_civil(year, 12, 28)).week; }

Day iso_week_monday(int year, int week) {
  // 4 January is always in week 1.
  const Day jan4 = day_from_civil(year, 1, 4);
  return jan4 - (iso_weekday(jan4) - 1) + (week - 1) * 7;
}

Period week_period(int year, int week) {
  const Day monday = iso_week_monday(year, week);
  return {PeriodKind::kWeek, monday, monday + 6};
}

Period month_period(int year, int month) {
  return {PeriodKind::kMonth, day_from_civil(year, month, 1), day_from_civil(year, month, days_in_month(year, month))};
}

Period week_of(Day day) {
  const Day monday = day - (iso_weekday(day) - 1);
  return {PeriodKind::kWeek, monday, monday + 6};
}

Period month_of(Day day) {
  const Civil c = civil_from_day(day);
  return month_period(c.year, c.month);
}

Period range_period(Day first, Day last) {
  if (last < first)
    throw UsageError(fmt::format("--to {} is before --from {}.", format_iso_day(last), format_iso_day(first)),
                     "give the first day with --from and the last day with --to");
  return {PeriodKind::kRange, first, last};
}

Period previous_period(const Period& period) {
  switch (period.kind) {
    case PeriodKind::kWeek:
      return {PeriodKind::kWeek, period.first - 7, period.last - 7};
    case PeriodKind::kMonth:
      return month_of(period.first - 1);
    case PeriodKind::kRange:
      break;
  }
  const Day length = period.last - period.first + 1;
  return {PeriodKind::kRange, period.first - length, period.last - length};
}

std::string period_id(const Period& period) {
  switch (period.kind) {
    case PeriodKind::kWeek: {
      const IsoWeek w = iso_week(period.first);
      return fmt::format("{:04}-W{:02}", w.year, w.week);
    }
    case PeriodKind::kMonth: {
      const Civil c = civil_from_day(period.first);
      return fmt::format("{:04}-{:02}", c.year, c.month);
    }
    case PeriodKind::kRange:
      break;
  }
  return format_iso_day(period.first) + ".." + format_iso_day(period.last);
}

std::optional<Period> parse_period_id(std::string_view id) {
  int y = 0, n = 0;
  if (id.size() == 8 && digits(id, 0, 4, y) && id[4] == '-' && id[5] == 'W' && digits(id, 6, 2, n)) {
    if (n < 1 || n > iso_weeks_in_year(y)) return std::nullopt;
    return week_period(y, n);
  }
  if (id.size() == 7 && digits(id, 0, 4, y) && id[4] == '-' && digits(id, 5, 2, n)) {
    if (n < 1 || n > 12) return std::nullopt;
    return month_period(y, n);
  }
  return std::nullopt;
}

Period parse_week(std::string_view text) {
  // 2026-W47, 2026W47, 2026-w47, 2026-W7.
  int y = 0, w = 0;
  std::size_t p = 4;
  bool ok = digits(text, 0, 4, y);
  if (ok && p < text.size() && text[p] == '-') ++p;
  ok = ok && p < text.size() && (text[p] == 'W' || text[p] == 'w');
  ++p;
  const std::size_t width = text.size() > p ? text.size() - p : 0;
  ok = ok && (width == 1 || width == 2) && digits(text, p, width, w);
  if (!ok) throw UsageError(fmt::format("--week '{}' is not an ISO week.", text), "write it as 2026-W47");
  if (w < 1 || w > iso_weeks_in_year(y))
    throw UsageError(fmt::format("--week '{}': {} has weeks 1 to {}", text, y, iso_weeks_in_year(y)));
  return week_period(y, w);
}

Period parse_month(std::string_view text) {
  int y = 0, m = 0;
  if (text.size() != 7 || !digits(text, 0, 4, y) || text[4] != '-' || !digits(text, 5, 2, m))
    throw UsageError(fmt::format("--month '{}' is not a month.", text), "write it as 2026-11");
  if (m < 1 || m > 12) throw UsageError(fmt::format("--month '{}': a year has months 1 to 12", text));
  return month_period(y, m);
}

Day parse_day_option(std::string_view text, std::string_view option) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || !split_date(text, y, m, d))
    throw UsageError(fmt::format("{} '{}' is not a date.", option, text), "write it as 2026-11-22");
  if (m < 1 || m > 12) throw UsageError(fmt::format("{} '{}': a year has months 1 to 12", option, text));
  if (d < 1 || d > days_in_month(y, m))
    throw UsageError(fmt::format("{} '{}': {:04}-{:02} has days 1 to {}", option, text, y, m, days_in_month(y, m)));
  return day_from_civil(y, m, d);
}

}  // namespace luister
