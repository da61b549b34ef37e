#include <doctest/doctest.h>

#include <cmath>

#include <random>
#include <string>

#include <fmt/format.h>

#include "luister/csv/values.hpp"
#include "luister/csv/canonical.hpp"

using luister::DateOrder;
using luister::ValueStatus;

TEST_CASE("values: grades as residents and systems write them") {
  struct Case {
    const char* text;
    ValueStatus status;
    double value;
  };
  const Case cases[] = {
      {"8", ValueStatus::kOk, 8},               // plain
      {"7,5", ValueStatus::kOk, 7.5},           // decimal comma
      {"7.5", ValueStatus::kOk, 7.5},           // decimal point
      {" 8 (goed)", ValueStatus::kOk, 8},       // label after the number
      {"10 - uitstekend", ValueStatus::kOk, 10},
      {"8/10", ValueStatus::kOk, 8},            // out of ten
      {"7\xC2\xBD", ValueStatus::kOk, 7.5},     // 7½
      {"acht", ValueStatus::kOk, 8},            // a word
      {"", ValueStatus::kEmpty, 0},             // no grade given
      {"-", ValueStatus::kEmpty, 0},
      {"n.v.t.", ValueStatus::kEmpty, 0},
      {"11", ValueStatus::kOutOfRange, 11},
      {"0", ValueStatus::kOutOfRange, 0},
      {"goed", ValueStatus::kInvalid, 0},       // a word that is no number
      {"7,5,3", ValueStatus::kInvalid, 0},      // not one number
      {"8 9", ValueStatus::kInvalid, 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto g = luister::parse_grade(c.text);
    CHECK(g.status == c.status);
    if (c.status == ValueStatus::kOk) CHECK(g.value == doctest::Approx(c.value));
  }
  CHECK(luister::parse_grade("0", 0, 10).status == ValueStatus::kOk);
}

TEST_CASE("values: grades print in their shortest form") {
  CHECK(luister::format_grade(8) == "8");
  CHECK(luister::format_grade(7.5) == "7.5");
  CHECK(luister::format_grade(6.25) == "6.25");
}

TEST_CASE("values: fixed decimals round exactly as fmt (and printf) do") {
  auto fixed = [](double v, int decimals, bool sign) {
    std::string out = "x";
    luister::append_fixed(out, v, decimals, sign);
    return out.substr(1);  // appends, never replaces
  };
  CHECK(fixed(0.3125, 3, false) == "0.312");  // an exact tie rounds to even, as printf does
  CHECK(fixed(0.1875, 3, true) == "+0.188");
  CHECK(fixed(-0.0004, 3, true) == "-0.000");
  CHECK(fixed(0.0, 3, true) == "+0.000");
  CHECK(fixed(-0.5, 3, true) == "-0.500");
  CHECK(fixed(1e300, 1, false) == fmt::format("{:.1f}", 1e300));
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> any(-4, 4);
  for (int i = 0; i < 100000; ++i) {
    // Half of the values on a grid of binary fractions, where exact ties lie.
    const double v = i % 2 ? any(random) : static_cast<double>(static_cast<long>(random() % 200001) - 100000) / 4096;
    const bool sign = i % 3 == 0;
    REQUIRE(fixed(v, 3, sign) == (sign ? fmt::format("{:+.3f}", v) : fmt::format("{:.3f}", v)));
  }
  // Other precisions; decimal near-ties (k/2000 and its neighbours one ulp away); large and tiny values.
  for (int i = 0; i < 100000; ++i) {
    const int decimals = static_cast<int>(random() % 8);
    double v = any(random);
    if (i % 4 == 1) v = static_cast<double>(static_cast<long>(random() % 20001) - 10000) / 2000;
    if (i % 4 == 2) v = std::nextafter(static_cast<double>(static_cast<long>(random() % 20001) - 10000) / 2000,
                                       i % 8 == 2 ? 10.0 : -10.0);
    if (i % 4 == 3) v = std::ldexp(any(random), static_cast<int>(random() % 80) - 40);
    CAPTURE(v);
    CAPTURE(decimals);
    REQUIRE(fixed(v, decimals, false) == fmt::format("{:.{}f}", v, decimals));
  }
  CHECK(fixed(-0.0, 2, false) == "-0.00");
  CHECK(fixed(999999.9995, 3, false) == fmt::format("{:.3f}", 999999.9995));
  CHECK(fixed(123456789.5, 0, false) == fmt::format("{:.0f}", 123456789.5));
  CHECK(fixed(2.5, 0, true) == "+2");
}

TEST_CASE("values: dates in Dutch and ISO forms") {
  struct Case {
    const char* text;
    const char* iso;  // nullptr: invalid
  };
  const Case cases[] = {
      {"22-11-2026", "2026-11-22"},
      {"22/11/2026 14:05", "2026-11-22T14:05"},
      {"2026-11-22", "2026-11-22"},
      {"2026-11-22 14:05:33", "2026-11-22T14:05:33"},
      {"2026-11-22T14:05:33Z", "2026-11-22T14:05:33Z"},
      {"2026-11-22T14:05:33.123+01:00", "2026-11-22T14:05:33+01:00"},  // fractions dropped
      {"22.11.2026", "2026-11-22"},
      {"2-3-2026", "2026-03-02"},                  // day first
      {"22-11-26", "2026-11-22"},                  // two-digit year
      {"22 november 2026", "2026-11-22"},
      {"ma 22 nov. 2026 14:05", "2026-11-22T14:05"},
      {"22-nov-2026", "2026-11-22"},
      {"zondag 1 maart 2026 om 9.30 uur", "2026-03-01T09:30"},
      {"29-02-2028", "2028-02-29"},                // leap year
      {"29-02-2026", nullptr},                     // not a leap year
      {"31-04-2026", nullptr},
      {"11/22/2026", nullptr},                     // month first under day-first order
      {"2026-13-01", nullptr},
      {"22-11-2026 25:00", nullptr},
      {"46348", nullptr},                          // an Excel serial number
      {"gisteren", nullptr},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto d = luister::parse_date(c.text);
    if (c.iso) {
      CHECK(d.status == ValueStatus::kOk);
      CHECK(d.iso == c.iso);
    } else {
      CHECK(d.status == ValueStatus::kInvalid);
    }
  }
  CHECK(luister::parse_date("").status == ValueStatus::kEmpty);
  CHECK(luister::parse_date("11/22/2026", DateOrder::kMonthFirst).iso == "2026-11-22");
}

TEST_CASE("values: the Excel forms dd-mm-yyyy and dd/mm/yyyy hh:mm, which have a fast path") {
  struct Case {
    const char* text;
    DateOrder order;
    const char* iso;  // nullptr: invalid
  };
  const Case cases[] = {
      {"01/01/2026 07:37", DateOrder::kDayFirst, "2026-01-01T07:37"},
      {"31.12.2026 23:59", DateOrder::kDayFirst, "2026-12-31T23:59"},
      {"12-31-2026 00:00", DateOrder::kMonthFirst, "2026-12-31T00:00"},
      {"12/31/2026", DateOrder::kMonthFirst, "2026-12-31"},
      {"29-02-2028 12:00", DateOrder::kDayFirst, "2028-02-29T12:00"},
      {"29-02-2026 12:00", DateOrder::kDayFirst, nullptr},  // not a leap year
      {"22/11/2026 24:00", DateOrder::kDayFirst, nullptr},  // no hour 24
      {"22/11/2026 14:60", DateOrder::kDayFirst, nullptr},
      {"22/11/2026 14.05", DateOrder::kDayFirst, "2026-11-22T14:05"},  // not the fast form: general parser
      {"22/11-2026", DateOrder::kDayFirst, nullptr},        // mixed separators
      {"00/11/2026", DateOrder::kDayFirst, nullptr},
      {"22/11/1899 10:00", DateOrder::kDayFirst, nullptr},
      {"22/11/2026T10:00", DateOrder::kDayFirst, "2026-11-22T10:00"},  // general parser
      {"22/11/2026 1:05x", DateOrder::kDayFirst, nullptr},
      {"22/11/2026X10:00", DateOrder::kDayFirst, nullptr},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto d = luister::parse_date(c.text, c.order);
    if (c.iso) {
      CHECK(d.status == ValueStatus::kOk);
      CHECK(d.iso == c.iso);
    } else {
      CHECK(d.status == ValueStatus::kInvalid);
    }
  }
}

TEST_CASE("values: trim removes white space and no-break spaces") {
  CHECK(luister::trim("\xC2\xA0 tekst \t\r\n") == "tekst");
  CHECK(luister::trim("   ") == "");
}

TEST_CASE("values: canonical rules, shared by luister-report and luister-archive add (issue 15)") {
  using luister::canonical_day;
  using luister::canonical_grade;
  // Grades: what the report refuses, add refuses too.
  CHECK(canonical_grade("8").status == ValueStatus::kOk);
  CHECK(canonical_grade("").status == ValueStatus::kEmpty);
  CHECK(canonical_grade("11").status == ValueStatus::kOutOfRange);
  CHECK(canonical_grade("0").status == ValueStatus::kOutOfRange);
  CHECK(canonical_grade("-1").status == ValueStatus::kInvalid);
  CHECK(canonical_grade("1e308").status == ValueStatus::kInvalid);
  CHECK(canonical_grade("NaN").status == ValueStatus::kInvalid);
  CHECK(canonical_grade("inf").status == ValueStatus::kInvalid);
  CHECK(canonical_grade("tien").value == 10);  // a grade written as a word reads as one
  CHECK(luister::canonical_grade_problem("11") == "grade '11' is not a grade from 1 to 10.");
  CHECK(luister::canonical_grade_problem("7,5").empty());
  // Dates: a day that exists in 1900..2100, a time that exists.
  CHECK(canonical_day("2026-11-16") == luister::parse_iso_day("2026-11-16"));
  CHECK(canonical_day("2026-11-16T14:05") == luister::parse_iso_day("2026-11-16"));
  CHECK(canonical_day("2026-11-16T14:05:33+01:00") == luister::parse_iso_day("2026-11-16"));
  CHECK(canonical_day("16-11-2026") == luister::parse_iso_day("2026-11-16"));
  CHECK_FALSE(canonical_day("0000-11-16"));
  CHECK_FALSE(canonical_day("2026-11-16T25:61"));
  CHECK_FALSE(canonical_day("2026-11-16 24:00"));
  CHECK_FALSE(canonical_day("2026-11-16Tjunk"));
  CHECK_FALSE(canonical_day("2026-02-30"));
  CHECK(luister::canonical_date_problem("").empty());
  CHECK(luister::canonical_date_problem("0000-11-16") == "date '0000-11-16' is not a date I can read.");
}

TEST_CASE("canonical: which question is the improvement question") {
  CHECK(luister::is_improvement_question("verbeteren"));
  CHECK(luister::is_improvement_question("Wat kunnen we verbeteren?"));
  CHECK(luister::is_improvement_question("Wat kan de gemeente beter kunnen doen"));
  CHECK(luister::is_improvement_question("improvement"));
  CHECK(luister::is_improvement_question("Tips voor ons"));
  CHECK_FALSE(luister::is_improvement_question("waarom"));
  CHECK_FALSE(luister::is_improvement_question("Waarom geeft u dit cijfer?"));
  CHECK_FALSE(luister::is_improvement_question("Wat kunnen we beter doen?"));  // guessed no; name it explicitly
  CHECK(luister::is_improvement_question("Wat kunnen we beter doen?", "Wat kunnen we beter doen?"));
  CHECK_FALSE(luister::is_improvement_question("verbeteren", "Wat kunnen we beter doen?"));
}
