// The one calendar: days, ISO weeks, months, periods and the options that name them.
#include <doctest/doctest.h>

#include <string>

#include "luister/base/error.hpp"
#include "luister/base/period.hpp"

using luister::Day;

namespace {

Day day(const char* iso) { return *luister::parse_iso_day(iso); }

// The message of the UsageError that `f` throws.
template <typename F>
std::string usage_error(F f) {
  try {
    f();
  } catch (const luister::UsageError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("period: ISO weeks at the turn of the year") {
  struct Case {
    const char* date;
    int year, week;
  };
  const Case cases[] = {
      {"2021-01-03", 2020, 53},  // a Sunday in January belongs to the last week of 2020
      {"2021-01-04", 2021, 1},   // the Monday after starts week 1
      {"2020-12-31", 2020, 53},  // 2020 is a leap year starting on a Wednesday: 53 weeks
      {"2026-01-01", 2026, 1},   // 2026 starts on a Thursday: Jan 1 is in week 1
      {"2025-12-29", 2026, 1},   // ... and so is the Monday before it, in 2025
      {"2026-11-22", 2026, 47},  // Sunday: the last day of week 47
      {"2026-11-23", 2026, 48},
      {"2026-12-31", 2026, 53},  // 2026 has a week 53 ...
      {"2027-01-03", 2026, 53},  // ... which ends in 2027
      {"2027-01-04", 2027, 1},
      {"2024-12-30", 2025, 1},   // late December in week 1 of the next year
      {"2016-01-03", 2015, 53},
      {"2023-01-01", 2022, 52},  // a Sunday, in a year with 52 weeks
      {"2000-02-29", 2000, 9},   // a leap day
  };
  for (const auto& c : cases) {
    CAPTURE(c.date);
    const luister::IsoWeek w = luister::iso_week(day(c.date));
    CHECK(w.year == c.year);
    CHECK(w.week == c.week);
    // The week a day lies in runs from its Monday to its Sunday, and has the same id.
    const luister::Period p = luister::week_of(day(c.date));
    CHECK(luister::iso_weekday(p.first) == 1);
    CHECK(p.last == p.first + 6);
    CHECK(p.contains(day(c.date)));
    CHECK(p == luister::week_period(c.year, c.week));
  }
  CHECK(luister::period_id(luister::week_of(day("2021-01-03"))) == "2020-W53");
  CHECK(luister::period_id(luister::week_of(day("2026-03-02"))) == "2026-W10");
  CHECK(luister::period_id(luister::month_of(day("2026-03-02"))) == "2026-03");
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

TEST_CASE("period: --week and --month") {
  const luister::Period w = luister::parse_week("2026-W47");
  CHECK(w.kind == luister::PeriodKind::kWeek);
  CHECK(luister::format_iso_day(w.first) == "2026-11-16");
  CHECK(luister::format_iso_day(w.last) == "2026-11-22");
  CHECK(luister::iso_weekday(w.first) == 1);
  CHECK(luister::iso_weekday(w.last) == 7);
  // Every spelling of one week.
  CHECK(luister::parse_week("2026W47") == w);
  CHECK(luister::parse_week("2026-w47") == w);

  const luister::Period w53 = luister::parse_week("2026-W53");  // crosses into 2027
  CHECK(luister::format_iso_day(w53.first) == "2026-12-28");
  CHECK(luister::format_iso_day(w53.last) == "2027-01-03");
  CHECK(luister::format_iso_day(luister::parse_week("2026-W01").first) == "2025-12-29");  // starts in 2025
  CHECK(luister::format_iso_day(luister::parse_week("2020-W53").last) == "2021-01-03");
  CHECK(luister::format_iso_day(luister::parse_week("2026-W1").first) == "2025-12-29");

  CHECK(usage_error([] { luister::parse_week("2025-W53"); }) == "--week '2025-W53': 2025 has weeks 1 to 52");
  CHECK_THROWS_AS(luister::parse_week("2026-W00"), luister::UsageError);
  CHECK(usage_error([] { luister::parse_week("2026-47"); }) == "--week '2026-47' is not an ISO week.");
  CHECK_THROWS_AS(luister::parse_week("2026-W470"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week("W47"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week(""), luister::UsageError);

  const luister::Period feb = luister::parse_month("2024-02");
  CHECK(feb.kind == luister::PeriodKind::kMonth);
  CHECK(luister::format_iso_day(feb.first) == "2024-02-01");
  CHECK(luister::format_iso_day(feb.last) == "2024-02-29");  // leap year
  CHECK(luister::format_iso_day(luister::parse_month("2026-02").last) == "2026-02-28");
  CHECK(luister::format_iso_day(luister::parse_month("2026-12").last) == "2026-12-31");
  CHECK(usage_error([] { luister::parse_month("2026-13"); }) == "--month '2026-13': a year has months 1 to 12");
  CHECK_THROWS_AS(luister::parse_month("2026-1"), luister::UsageError);
  CHECK(usage_error([] { luister::parse_month("11-2026"); }) == "--month '11-2026' is not a month.");
}

TEST_CASE("period: days") {
  CHECK(luister::parse_iso_day("2026-11-22") == luister::day_from_civil(2026, 11, 22));
  CHECK(luister::parse_iso_day("2026-11-22T14:05") == luister::day_from_civil(2026, 11, 22));
  CHECK(luister::parse_iso_day("2026-11-22 14:05:33") == luister::day_from_civil(2026, 11, 22));
  CHECK_FALSE(luister::parse_iso_day("2026-02-29"));  // not a leap year
  CHECK(luister::parse_iso_day("2024-02-29"));
  CHECK_FALSE(luister::parse_iso_day("2026-11-31"));
  CHECK_FALSE(luister::parse_iso_day("22-11-2026"));
  CHECK_FALSE(luister::parse_iso_day("2026-11-22x"));
  CHECK_FALSE(luister::parse_iso_day(""));
  CHECK_FALSE(luister::parse_iso_day("2026-00-10"));

  // Round trip over four centuries of days, including 1900 (no leap year) and 2000 (leap year).
  for (Day d = -25567; d < 120000; d += 7) {
    const luister::Civil c = luister::civil_from_day(d);
    REQUIRE(luister::day_from_civil(c.year, c.month, c.day) == d);
  }
  CHECK(luister::day_from_civil(1970, 1, 1) == 0);
  CHECK(luister::civil_from_day(-1) == luister::Civil{1969, 12, 31});
  CHECK(luister::iso_weekday(0) == 4);   // 1970-01-01, a Thursday
  CHECK(luister::iso_weekday(-1) == 3);  // the Wednesday before
  CHECK(luister::days_in_month(2100, 2) == 28);
  CHECK(luister::days_in_month(2000, 2) == 29);

  CHECK(luister::parse_day_option("2026-11-01", "--from") == day("2026-11-01"));
  CHECK(usage_error([] { luister::parse_day_option("2026-11-31", "--from"); }) ==
        "--from '2026-11-31': 2026-11 has days 1 to 30");
  CHECK(usage_error([] { luister::parse_day_option("2026-11-01T10:00", "--to"); }) ==
        "--to '2026-11-01T10:00' is not a date.");
  CHECK_THROWS_AS(luister::parse_day_option("2026-13-01", "--today"), luister::UsageError);
}

TEST_CASE("period: previous periods, ids and ranges") {
  // Weeks step back seven days, also over year ends with and without a week 53.
  CHECK(luister::period_id(luister::previous_period(luister::parse_week("2026-W47"))) == "2026-W46");
  CHECK(luister::period_id(luister::previous_period(luister::parse_week("2026-W01"))) == "2025-W52");
  CHECK(luister::period_id(luister::previous_period(luister::parse_week("2021-W01"))) == "2020-W53");
  CHECK(luister::period_id(luister::previous_period(luister::parse_week("2027-W01"))) == "2026-W53");
  // Months step back a calendar month, whatever its length.
  CHECK(luister::period_id(luister::previous_period(luister::parse_month("2026-01"))) == "2025-12");
  CHECK(luister::previous_period(luister::parse_month("2024-03")).last == day("2024-02-29"));
  // A range steps back its own length.
  const luister::Period range = luister::range_period(day("2026-11-09"), day("2026-11-22"));
  CHECK(luister::period_id(range) == "2026-11-09..2026-11-22");
  CHECK(luister::period_id(luister::previous_period(range)) == "2026-10-26..2026-11-08");
  CHECK(usage_error([] { luister::range_period(day("2026-11-22"), day("2026-11-09")); }) ==
        "--to 2026-11-09 is before --from 2026-11-22.");

  // Ids read back.
  CHECK(luister::parse_period_id("2026-W47") == luister::parse_week("2026-W47"));
  CHECK(luister::parse_period_id("2026-11") == luister::parse_month("2026-11"));
  CHECK_FALSE(luister::parse_period_id("2025-W53"));  // 2025 has 52 weeks
  CHECK_FALSE(luister::parse_period_id("2026-13"));
  CHECK_FALSE(luister::parse_period_id("2026-W7"));  // ids are written with two digits
  CHECK_FALSE(luister::parse_period_id("2026-11-09..2026-11-22"));
  CHECK_FALSE(luister::parse_period_id("rubbish"));
}

TEST_CASE("period: working days between two days (Monday to Friday)") {
  // 2026-11-20 is a Friday, 2026-11-23 the Monday after.
  CHECK(luister::working_days_between(day("2026-11-20"), day("2026-11-20")) == 0);  // the same day
  CHECK(luister::working_days_between(day("2026-11-20"), day("2026-11-21")) == 0);  // Friday → Saturday
  CHECK(luister::working_days_between(day("2026-11-20"), day("2026-11-22")) == 0);  // Friday → Sunday
  CHECK(luister::working_days_between(day("2026-11-20"), day("2026-11-23")) == 1);  // Friday → Monday
  CHECK(luister::working_days_between(day("2026-11-21"), day("2026-11-23")) == 1);  // Saturday → Monday
  CHECK(luister::working_days_between(day("2026-11-16"), day("2026-11-20")) == 4);  // Monday → Friday
  CHECK(luister::working_days_between(day("2026-11-16"), day("2026-11-23")) == 5);  // a whole week
  CHECK(luister::working_days_between(day("2026-11-18"), day("2026-12-02")) == 10); // two weeks, mid-week
  CHECK(luister::working_days_between(day("2026-12-31"), day("2027-01-04")) == 2);  // over the year end
  // Backwards: the same count, negated.
  CHECK(luister::working_days_between(day("2026-11-23"), day("2026-11-20")) == -1);
  // The whole-week shortcut agrees with counting day by day.
  for (Day from = day("2026-11-01"); from < day("2026-11-08"); ++from)
    for (Day to = from; to < from + 40; ++to) {
      int count = 0;
      for (Day d = from + 1; d <= to; ++d) count += luister::iso_weekday(d) <= 5;
      CHECK(luister::working_days_between(from, to) == count);
    }
}
