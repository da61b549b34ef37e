#include <doctest/doctest.h>

#include "luister/error.hpp"
#include "luister/period.hpp"

using luister::Date;

TEST_CASE("period: ISO weeks at the turn of the year") {
  struct Case {
    Date date;
    int year, week;
  };
  const Case cases[] = {
      {{2021, 1, 3}, 2020, 53},    // a Sunday in January belongs to the last week of 2020
      {{2021, 1, 4}, 2021, 1},     // the Monday after starts week 1
      {{2020, 12, 31}, 2020, 53},  // 2020 is a leap year starting on a Wednesday: 53 weeks
      {{2026, 1, 1}, 2026, 1},     // 2026 starts on a Thursday: Jan 1 is in week 1
      {{2025, 12, 29}, 2026, 1},   // ... and so is the Monday before it, in 2025
      {{2026, 11, 22}, 2026, 47},  // Sunday: the last day of week 47
      {{2026, 11, 23}, 2026, 48},
      {{2026, 12, 31}, 2026, 53},  // 2026 has a week 53 ...
      {{2027, 1, 3}, 2026, 53},    // ... which ends in 2027
      {{2027, 1, 4}, 2027, 1},
      {{2024, 12, 30}, 2025, 1},   // late December in week 1 of the next year
      {{2016, 1, 3}, 2015, 53},
      {{2023, 1, 1}, 2022, 52},    // a Sunday, in a year with 52 weeks
      {{2000, 2, 29}, 2000, 9},    // a leap day
  };
  for (const auto& c : cases) {
    CAPTURE(luister::format_date(c.date));
    auto w = luister::iso_week_of(c.date);
    CHECK(w.year == c.year);
    CHECK(w.week == c.week);
  }
  CHECK(luister::iso_week_label({2021, 1, 3}) == "2020-W53");
  CHECK(luister::iso_week_label({2026, 3, 2}) == "2026-W10");
  CHECK(luister::month_label({2026, 3, 2}) == "2026-03");
}

TEST_CASE("period: weeks per year") {
  CHECK(luister::iso_weeks_in_year(2026) == 53);  // starts on a Thursday
  CHECK(luister::iso_weeks_in_year(2020) == 53);  // leap year starting on a Wednesday
  CHECK(luister::iso_weeks_in_year(2015) == 53);
  CHECK(luister::iso_weeks_in_year(2021) == 52);
  CHECK(luister::iso_weeks_in_year(2025) == 52);
  CHECK(luister::iso_weeks_in_year(2024) == 52);  // leap year starting on a Monday
  CHECK(luister::iso_weeks_in_year(2032) == 53);  // leap year starting on a Thursday
}

TEST_CASE("period: week and month ranges") {
  auto w = luister::parse_week("2026-W47");
  CHECK(luister::format_date(*w.from) == "2026-11-16");
  CHECK(luister::format_date(*w.to) == "2026-11-22");
  CHECK(luister::iso_weekday(*w.from) == 1);
  CHECK(luister::iso_weekday(*w.to) == 7);
  // Every spelling of one week.
  CHECK(luister::parse_week("2026W47").from == w.from);
  CHECK(luister::parse_week("2026-w47").from == w.from);

  auto w53 = luister::parse_week("2026-W53");  // crosses into 2027
  CHECK(luister::format_date(*w53.from) == "2026-12-28");
  CHECK(luister::format_date(*w53.to) == "2027-01-03");
  auto w1 = luister::parse_week("2026-W01");  // starts in 2025
  CHECK(luister::format_date(*w1.from) == "2025-12-29");
  CHECK(luister::format_date(*luister::parse_week("2020-W53").to) == "2021-01-03");
  CHECK(luister::format_date(*luister::parse_week("2026-W1").from) == "2025-12-29");

  CHECK_THROWS_AS(luister::parse_week("2025-W53"), luister::UsageError);  // 2025 has 52 weeks
  CHECK_THROWS_AS(luister::parse_week("2026-W00"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week("2026-47"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week("2026-W470"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week("W47"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week(""), luister::UsageError);

  auto feb = luister::parse_month("2024-02");
  CHECK(luister::format_date(*feb.to) == "2024-02-29");  // leap year
  CHECK(luister::format_date(*luister::parse_month("2026-02").to) == "2026-02-28");
  CHECK(luister::format_date(*luister::parse_month("2026-12").to) == "2026-12-31");
  CHECK_THROWS_AS(luister::parse_month("2026-13"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_month("2026-1"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_month("11-2026"), luister::UsageError);
}

TEST_CASE("period: dates and ranges") {
  CHECK(luister::parse_iso_date("2026-11-22") == Date{2026, 11, 22});
  CHECK(luister::parse_iso_date("2026-11-22T14:05") == Date{2026, 11, 22});
  CHECK_FALSE(luister::parse_iso_date("2026-02-29"));  // not a leap year
  CHECK(luister::parse_iso_date("2024-02-29"));
  CHECK_FALSE(luister::parse_iso_date("22-11-2026"));
  CHECK_FALSE(luister::parse_iso_date("2026-11-22x"));
  CHECK_FALSE(luister::parse_iso_date(""));
  CHECK_FALSE(luister::parse_iso_date("2026-00-10"));

  // Round trip over four centuries of days, including 1900 (no leap year) and 2000 (leap year).
  for (long d = -25567; d < 120000; d += 7) CHECK(luister::days_from_civil(luister::civil_from_days(d)) == d);
  CHECK(luister::days_from_civil({1970, 1, 1}) == 0);
  CHECK(luister::iso_weekday({1970, 1, 1}) == 4);  // a Thursday
  CHECK(luister::iso_weekday({1969, 12, 31}) == 3);

  luister::DateRange r = luister::parse_week("2026-W47");
  CHECK(r.contains("2026-11-22T23:59"));  // the last day, with a time
  CHECK(r.contains("2026-11-16"));
  CHECK_FALSE(r.contains("2026-11-23"));
  CHECK_FALSE(r.contains("2026-11-15T23:59"));
  CHECK_FALSE(r.contains(""));  // no date: in no period
  CHECK(luister::DateRange{}.contains(""));
  CHECK(r.describe() == "2026-11-16 .. 2026-11-22");

  CHECK(luister::parse_date_option("2026-11-01", "--from") == Date{2026, 11, 1});
  CHECK_THROWS_AS(luister::parse_date_option("2026-11-31", "--from"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_date_option("2026-11-01T10:00", "--to"), luister::UsageError);
}
