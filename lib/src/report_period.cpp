// Calendar days, ISO weeks and report periods.
#include <charconv>

#include <fmt/format.h>

#include "luister/error.hpp"
#include "luister/report.hpp"

namespace luister::report {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at `text[pos]`.
bool digits(std::string_view text, std::size_t pos, std::size_t width, int& value) {
  if (pos + width > text.size()) return false;
  for (std::size_t i = pos; i < pos + width; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  std::from_chars(text.data() + pos, text.data() + pos + width, value);
  return true;
}

}  // namespace

// Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date.
Day day_from_civil(int year, int month, int day) {
  const int y = year - (month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil civil_from_day(Day z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, d};
}

int iso_weekday(Day day) {
  // 1970-01-01 was a Thursday (4).
  int w = (day + 3) % 7;
  if (w < 0) w += 7;
  return w + 1;
}

std::optional<Day> parse_iso_day(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, m) || text[7] != '-' ||
      !digits(text, 8, 2, d))
    return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return day_from_civil(y, m, d);
}

std::string format_iso_day(Day day) {
  Civil c = civil_from_day(day);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

Day iso_week_monday(int year, int week) {
  // 4 January is always in week 1.
  Day jan4 = day_from_civil(year, 1, 4);
  return jan4 - (iso_weekday(jan4) - 1) + (week - 1) * 7;
}

IsoWeek iso_week(Day day) {
  // The week belongs to the year its Thursday falls in.
  Day thursday = day - iso_weekday(day) + 4;
  int year = civil_from_day(thursday).year;
  return {year, (thursday - day_from_civil(year, 1, 1)) / 7 + 1};
}

int iso_weeks_in_year(int year) { return iso_week(day_from_civil(year, 12, 28)).week; }

Period week_period(int year, int week) {
  Day monday = iso_week_monday(year, week);
  return {PeriodKind::kWeek, monday, monday + 6};
}

Period month_period(int year, int month) {
  return {PeriodKind::kMonth, day_from_civil(year, month, 1), day_from_civil(year, month, days_in_month(year, month))};
}

Period range_period(Day first, Day last) {
  if (last < first)
    throw UsageError(fmt::format("--to {} is before --from {}", format_iso_day(last), format_iso_day(first)),
                     "give the first day with --from and the last day with --to");
  return {PeriodKind::kRange, first, last};
}

Period parse_week(std::string_view text) {
  int y = 0, w = 0;
  std::size_t p = 4;
  bool ok = digits(text, 0, 4, y);
  if (ok && p < text.size() && text[p] == '-') ++p;
  ok = ok && p < text.size() && (text[p] == 'W' || text[p] == 'w');
  ++p;
  std::size_t width = text.size() > p ? text.size() - p : 0;
  ok = ok && (width == 1 || width == 2) && digits(text, p, width, w);
  if (!ok) throw UsageError(fmt::format("--week '{}' is not an ISO week", text), "write it as 2026-W47");
  if (y < 1900 || w < 1 || w > iso_weeks_in_year(y))
    throw UsageError(fmt::format("--week '{}': {} has weeks 1 to {}", text, y, y < 1900 ? 0 : iso_weeks_in_year(y)));
  return week_period(y, w);
}

Period parse_month(std::string_view text) {
  int y = 0, m = 0;
  bool ok = digits(text, 0, 4, y) && text.size() >= 6 && text.size() <= 7 && text[4] == '-' &&
            digits(text, 5, text.size() - 5, m);
  if (!ok || y < 1900 || m < 1 || m > 12)
    throw UsageError(fmt::format("--month '{}' is not a month", text), "write it as 2026-11");
  return month_period(y, m);
}

Day parse_day_option(std::string_view text, std::string_view option) {
  auto day = parse_iso_day(text);
  if (!day || text.size() != 10)
    throw UsageError(fmt::format("{} '{}' is not a date", option, text), "write it as 2026-11-22");
  return *day;
}

Period previous_period(const Period& period) {
  switch (period.kind) {
    case PeriodKind::kWeek:
      return {PeriodKind::kWeek, period.first - 7, period.last - 7};
    case PeriodKind::kMonth: {
      Civil c = civil_from_day(period.first - 1);
      return month_period(c.year, c.month);
    }
    case PeriodKind::kRange:
      break;
  }
  const Day length = period.last - period.first + 1;
  return {PeriodKind::kRange, period.first - length, period.last - length};
}

std::vector<Period> trend_periods(const Period& current, int count) {
  std::vector<Period> periods(static_cast<std::size_t>(count));
  Period p = current;
  for (int i = count - 1; i >= 0; --i) {
    periods[static_cast<std::size_t>(i)] = p;
    p = previous_period(p);
  }
  return periods;
}

Period last_complete_week(Day last_complete_day) {
  Day sunday = last_complete_day - iso_weekday(last_complete_day) % 7;  // a Sunday stays itself
  return {PeriodKind::kWeek, sunday - 6, sunday};
}

std::string period_id(const Period& period) {
  switch (period.kind) {
    case PeriodKind::kWeek: {
      IsoWeek w = iso_week(period.first);
      return fmt::format("{:04}-W{:02}", w.year, w.week);
    }
    case PeriodKind::kMonth: {
      Civil c = civil_from_day(period.first);
      return fmt::format("{:04}-{:02}", c.year, c.month);
    }
    case PeriodKind::kRange:
      break;
  }
  return format_iso_day(period.first) + ".." + format_iso_day(period.last);
}

}  // namespace luister::report
