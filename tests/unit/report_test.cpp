#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

#include <fmt/format.h>

#include "luister/archive/archive.hpp"
#include "luister/base/error.hpp"
#include "luister/report/report.hpp"

namespace rep = luister::report;
using luister::Day;

namespace {

Day day(const char* iso) { return *luister::parse_iso_day(iso); }

/// Rows handed over from memory, so build_report can be tested without files.
class VectorSource : public rep::RowSource {
 public:
  explicit VectorSource(std::vector<rep::Row> rows, bool sentiment = true, bool themes = true)
      : rows_(std::move(rows)), sentiment_(sentiment), themes_(themes) {}
  rep::SourceInfo read(const rep::RowRequest& request, std::vector<rep::Row>& out) override {
    const auto& window = request.window;
    rep::SourceInfo info;
    info.names = {"mem.csv"};
    info.has_sentiment = sentiment_;
    info.has_themes = themes_;
    for (const auto& r : rows_) {
      ++info.rows_read;
      if (!info.first_day || r.day < *info.first_day) info.first_day = r.day;
      if (!info.last_day || r.day > *info.last_day) info.last_day = r.day;
      if (window && !window->contains(r.day)) {
        ++info.rows_outside_window;
        continue;
      }
      out.push_back(r);
    }
    return info;
  }

 private:
  std::vector<rep::Row> rows_;
  bool sentiment_, themes_;
};

rep::Row row(std::string id, const char* date, std::string process, std::optional<double> grade, std::string text,
             rep::Polarity polarity = rep::Polarity::kNeutral, double sentiment = 0, std::string theme = "",
             std::string question = "waarom") {
  rep::Row r;
  r.response_id = std::move(id);
  r.day = day(date);
  r.process = std::move(process);
  r.grade = grade;
  r.text = std::move(text);
  r.polarity = polarity;
  r.sentiment = sentiment;
  r.question = std::move(question);
  if (!theme.empty()) {
    r.themes = {theme};
    r.theme_labels = {"label " + theme};
  }
  return r;
}

// The report of `rows` with options `o`.
rep::Report report_of(const std::vector<rep::Row>& rows, const rep::ReportOptions& o) {
  VectorSource source(rows);
  return rep::build_report(source, o);
}

const rep::ThemeLine* find_theme(const rep::ScopeReport& s, const std::string& id) {
  for (const auto& t : s.themes)
    if (t.id == id) return &t;
  return nullptr;
}

}  // namespace

TEST_CASE("report periods: calendar days and ISO weeks") {
  struct Case {
    const char* date;
    Day day;
    int iso_year, iso_week, weekday;
  };
  const Case cases[] = {
      {"1970-01-01", 0, 1970, 1, 4},
      {"2000-02-29", 11016, 2000, 9, 2},       // leap day
      {"2020-12-31", 18627, 2020, 53, 4},      // a 53-week year
      {"2021-01-03", 18630, 2020, 53, 7},      // January, still the previous ISO year
      {"2024-12-30", 20087, 2025, 1, 1},       // December, already the next ISO year
      {"2026-01-01", 20454, 2026, 1, 4},
      {"2026-11-16", 20773, 2026, 47, 1},
      {"2026-11-22", 20779, 2026, 47, 7},
      {"2027-01-03", 20821, 2026, 53, 7},
  };
  for (const auto& c : cases) {
    CAPTURE(c.date);
    CHECK(day(c.date) == c.day);
    CHECK(luister::format_iso_day(c.day) == c.date);
    luister::IsoWeek w = luister::iso_week(c.day);
    CHECK(w.year == c.iso_year);
    CHECK(w.week == c.iso_week);
    CHECK(luister::iso_weekday(c.day) == c.weekday);
  }
  for (Day d = -800; d < 80000; d += 13) {  // round trip over 2000 years
    luister::Civil c = luister::civil_from_day(d);
    REQUIRE(luister::day_from_civil(c.year, c.month, c.day) == d);
  }
  CHECK(luister::iso_weeks_in_year(2020) == 53);
  CHECK(luister::iso_weeks_in_year(2025) == 52);
  CHECK(luister::iso_weeks_in_year(2026) == 53);
  CHECK(luister::parse_iso_day("2026-11-22T14:05").value() == 20779);
  CHECK_FALSE(luister::parse_iso_day("2026-02-29"));  // not a leap year
  CHECK_FALSE(luister::parse_iso_day("2026-13-01"));
  CHECK_FALSE(luister::parse_iso_day("22-11-2026"));
  CHECK_FALSE(luister::parse_iso_day("2026-11-22x"));
}

TEST_CASE("report periods: parsing, previous, trend and the default week") {
  luister::Period w47 = luister::parse_week("2026-W47");
  CHECK(w47.first == day("2026-11-16"));
  CHECK(w47.last == day("2026-11-22"));
  CHECK(luister::parse_week("2026w47") == w47);
  CHECK(luister::parse_week("2026-W7").first == day("2026-02-09"));
  CHECK(luister::period_id(w47) == "2026-W47");
  CHECK(luister::period_id(luister::parse_week("2026-W53")) == "2026-W53");
  CHECK_THROWS_AS(luister::parse_week("2025-W53"), luister::UsageError);  // 2025 has 52 weeks
  CHECK_THROWS_AS(luister::parse_week("2026-W0"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week("week 47"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_week("2026-W470"), luister::UsageError);

  luister::Period nov = luister::parse_month("2026-11");
  CHECK(nov.first == day("2026-11-01"));
  CHECK(nov.last == day("2026-11-30"));
  CHECK(luister::period_id(luister::previous_period(luister::parse_month("2026-01"))) == "2025-12");
  CHECK(luister::previous_period(luister::parse_month("2024-03")).last == day("2024-02-29"));
  CHECK_THROWS_AS(luister::parse_month("2026-13"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_month("11-2026"), luister::UsageError);

  luister::Period range = luister::range_period(day("2026-11-09"), day("2026-11-22"));
  luister::Period before = luister::previous_period(range);
  CHECK(before.first == day("2026-10-26"));
  CHECK(before.last == day("2026-11-08"));
  CHECK(luister::period_id(range) == "2026-11-09..2026-11-22");
  CHECK_THROWS_AS(luister::range_period(day("2026-11-22"), day("2026-11-09")), luister::UsageError);

  auto trend = rep::trend_periods(luister::parse_week("2026-W02"), 8);
  REQUIRE(trend.size() == 8);
  CHECK(luister::period_id(trend.front()) == "2025-W47");
  CHECK(luister::period_id(trend.back()) == "2026-W02");
  for (std::size_t i = 1; i < trend.size(); ++i) CHECK(trend[i].first == trend[i - 1].last + 1);
  auto months = rep::trend_periods(nov, 8);
  CHECK(luister::period_id(months.front()) == "2026-04");

  // A Sunday completes its week; any other day means the week before is the last complete one.
  CHECK(luister::period_id(rep::last_complete_week(day("2026-11-22"))) == "2026-W47");
  CHECK(luister::period_id(rep::last_complete_week(day("2026-11-21"))) == "2026-W46");
  CHECK(luister::period_id(rep::last_complete_week(day("2026-11-23"))) == "2026-W47");
  CHECK(luister::period_id(rep::last_complete_week(day("2027-01-01"))) == "2026-W52");
}

TEST_CASE("report statistics: Wilson and Newcombe intervals") {
  rep::Interval a = rep::wilson_interval(0, 10);
  CHECK(a.lo == doctest::Approx(0.0));
  CHECK(a.hi == doctest::Approx(0.27754).epsilon(1e-4));
  rep::Interval b = rep::wilson_interval(5, 10);
  CHECK(b.lo == doctest::Approx(0.23659).epsilon(1e-4));
  CHECK(b.hi == doctest::Approx(0.76341).epsilon(1e-4));
  // Newcombe (1998), method 10, his worked example: 56/70 - 48/80 → 0.0524 to 0.3339.
  rep::Interval d = rep::share_difference_interval(56, 70, 48, 80);
  CHECK(d.lo == doctest::Approx(0.0524).epsilon(1e-3));
  CHECK(d.hi == doctest::Approx(0.3339).epsilon(1e-3));
  CHECK(d.excludes_zero());
  CHECK_FALSE(rep::share_difference_interval(3, 20, 1, 20).excludes_zero());  // a handful proves nothing
  // Means: same spread, a difference of 1 on 100 answers each is clear, on 5 it is not.
  auto mean_ci = [](std::size_t n, double shift) {
    double s1 = 0, q1 = 0, s2 = 0, q2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double x = 6 + static_cast<double>(i % 3);  // 6, 7, 8, …
      s1 += x + shift, q1 += (x + shift) * (x + shift), s2 += x, q2 += x * x;
    }
    return rep::mean_difference_interval(n, s1, q1, n, s2, q2);
  };
  CHECK(mean_ci(99, 1).excludes_zero());
  CHECK_FALSE(mean_ci(5, 1).excludes_zero());
  CHECK(mean_ci(99, 1).lo == doctest::Approx(1 - 1.96 * std::sqrt(2 * (2.0 / 3 * 99 / 98) / 99)).epsilon(1e-6));
}

TEST_CASE("report text: evidence, compliments, quotes and escaping") {
  auto terms = rep::parse_evidence(
      "prima +0.600; fijne +1.050 [stem:fijn, booster(heel x1.5)]; klachten +0.360 [negation(geen)]; "
      ";-) +0.500; lang -0.270 [downtoner(wel x0.9), after contrast x1.5]; doorverbonden +0.360 [negation after(niks)]; "
      "kapot");
  REQUIRE(terms.size() == 6);  // "kapot" has no number: left out
  CHECK(terms[0].term == "prima");
  CHECK(terms[0].contribution == doctest::Approx(0.6));
  CHECK(terms[1].term == "fijne");
  CHECK(terms[1].rules == "stem:fijn, booster(heel x1.5)");
  CHECK(terms[3].term == ";-)");
  CHECK(terms[4].contribution == doctest::Approx(-0.27));

  struct Case {
    std::size_t term;
    const char* key;
    const char* phrase;
  };
  const Case cases[] = {
      {0, "prima", "prima"},                  // plain
      {1, "fijn", "fijne"},                   // inflection grouped by its stem
      {2, "geen klachten", "geen klachten"},  // negated complaint is praise
      {3, "", ""},                            // emoticon: no words to show
      {4, "", ""},                            // negative
      {5, "", ""},                            // negation found after the word: unclear what is praised
  };
  for (const auto& c : cases) {
    CAPTURE(terms[c.term].term);
    rep::ComplimentTerm t = rep::compliment_term(terms[c.term]);
    CHECK(t.key == c.key);
    CHECK(t.phrase == c.phrase);
  }
  CHECK(rep::compliment_term({"👍", 0.5, ""}).key.empty());
  CHECK(rep::compliment_term({"één", 0.5, ""}).key == "één");  // accented letters are letters

  // Personal data is masked before anything is cut, so no half phone number survives.
  CHECK(rep::quote_text("Bel me:\n06-12345678\tof mail j.jansen@example.nl") == "Bel me: [TELEFOON] of mail [EMAIL]");
  CHECK(rep::quote_text("  twee\r\n\r\nregels \x01 ") == "twee regels");
  std::string long_text;
  for (int i = 0; i < 100; ++i) long_text += "wachten ";
  std::string cut = rep::quote_text(long_text, 30);
  CHECK(cut == "wachten wachten wachten…");
  CHECK(rep::quote_text("ééééééééééééé", 5) == "ééééé…");  // cut on a code point, not in one
  CHECK(rep::quote_text("kort", 5) == "kort");

  CHECK(rep::html_escape("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(rep::markdown_escape("**vet** <b>_x_ a|b [TELEFOON] [klik](javascript:x)") ==
        "\\*\\*vet\\*\\* \\<b\\>\\_x\\_ a\\|b [TELEFOON] [klik\\](javascript:x)");
}

TEST_CASE("report: display_text removes control and bidi characters from the data") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"gewoon tekst, é en \xE2\x82\xAC", "gewoon tekst, é en \xE2\x82\xAC"},       // untouched
      {"regel 1\nregel 2\tmet tab", "regel 1\nregel 2\tmet tab"},                  // line feed and tab stay
      {"a\x01" "b\x1B[31mc\x7F\r", "ab[31mc"},                                       // C0 controls, ESC, DEL, CR
      {"\xE2\x80\xAEtxt.exe", "txt.exe"},                                          // U+202E right-to-left override
      {"\xE2\x80\xAA" "a\xE2\x80\xAB" "b\xE2\x80\xAC" "c\xE2\x80\xAD" "d", "abcd"},// U+202A-U+202D
      {"\xE2\x81\xA6x\xE2\x81\xA7y\xE2\x81\xA8z\xE2\x81\xA9", "xyz"},   // U+2066-U+2069 isolates
      {"\xE2\x80\x8Elrm\xE2\x80\x8Frlm\xD8\x9C", "lrmrlm"},                 // U+200E, U+200F, U+061C
      {"c1\xC2\x80\xC2\x85\xC2\x9F", "c1"},                                   // C1 controls
      {"nbsp\xC2\xA0ok \xE2\x80\xAF", "nbsp\xC2\xA0ok \xE2\x80\xAF"},     // no-break spaces are no controls
      {"\xF0\x9F\x98\x80 emoji", "\xF0\x9F\x98\x80 emoji"},
      {"", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(rep::display_text(c.in) == c.out);
  }
  // The escapes apply it first.
  CHECK(rep::html_escape("\xE2\x80\xAE<b>") == "&lt;b&gt;");
  CHECK(rep::markdown_escape("a\x07*b\xE2\x81\xA6") == "a\\*b");
}

TEST_CASE("report model: responses, grades, changes and small numbers") {
  std::vector<rep::Row> rows;
  // Week 46: 30 responses of grade 6 (Afval). Week 47: 30 responses of grade 9, each with two answers.
  for (int i = 0; i < 30; ++i) rows.push_back(row("a" + std::to_string(i), "2026-11-10", "Afval", 6, "matig"));
  for (int i = 0; i < 30; ++i) {
    rows.push_back(row("b" + std::to_string(i), "2026-11-18", "Afval", 9, "heel goed", rep::Polarity::kPositive, 0.6));
    rows.push_back(row("b" + std::to_string(i), "2026-11-18", "Afval", 9, "niets", rep::Polarity::kNeutral, 0, "",
                       "verbeteren"));
  }
  // A small process: 3 responses now, 2 before.
  for (int i = 0; i < 3; ++i) rows.push_back(row("w" + std::to_string(i), "2026-11-19", "Wmo", 4, "slecht", rep::Polarity::kNegative, -0.5));
  for (int i = 0; i < 2; ++i) rows.push_back(row("v" + std::to_string(i), "2026-11-12", "Wmo", 8, "goed"));
  // The same response id on another day is another response.
  rows.push_back(row("b0", "2026-11-20", "Afval", 9, "weer goed", rep::Polarity::kPositive, 0.5));

  VectorSource source(rows);
  rep::ReportOptions options;  // no period: newest day 2026-11-20 is a Friday → week 46
  rep::Report r = rep::build_report(source, options);
  CHECK(luister::period_id(r.period) == "2026-W46");

  options.period = luister::parse_week("2026-W47");
  r = rep::build_report(source, options);
  const rep::Figures& now = r.overall.now;
  CHECK(now.responses == 34);
  CHECK(now.answers == 64);
  CHECK(now.graded == 34);
  CHECK(now.mean().value() == doctest::Approx((31 * 9 + 3 * 4) / 34.0));
  CHECK(now.grades[8] == 31);
  CHECK(now.low == 3);
  CHECK(now.high == 31);
  CHECK(now.positive == 31);
  CHECK(r.overall.previous.responses == 32);
  CHECK(r.overall.mean_change.clear == rep::Direction::kUp);
  CHECK_FALSE(r.overall.mean_change.few);

  REQUIRE(r.processes.size() == 2);
  const rep::ScopeReport& wmo = r.processes[1];
  CHECK(wmo.process == "Wmo");
  CHECK(wmo.mean_change.comparable);
  CHECK(wmo.mean_change.few);  // 3 and 2 responses: not named, however large
  CHECK(wmo.mean_change.clear == rep::Direction::kNone);
  CHECK(wmo.mean_change.diff == doctest::Approx(-4));

  // Grade 9 with a positive "waarom" and a neutral "verbeteren": nothing contradicts.
  CHECK(r.overall.disagreements.high_negative == 0);
  CHECK(r.overall.disagreements.low_positive == 0);
  CHECK(r.overall.disagreements.answers == 34);  // "verbeteren" answers left out

  options.processes = {"Bestaat niet"};
  CHECK_THROWS_AS(rep::build_report(source, options), luister::UsageError);
  options.processes = {"Wmo"};
  r = rep::build_report(source, options);
  CHECK(r.overall.now.responses == 3);
  options.processes.clear();
  options.period = luister::parse_week("2026-W30");
  r = rep::build_report(source, options);  // a week without answers: a report that says so
  CHECK(r.no_data);
  CHECK(r.overall.now.responses == 0);
  CHECK(r.no_data_reason.rfind("no answers in 2026-W30 (2026-07-20 to 2026-07-26)", 0) == 0);
  CHECK(rep::render_markdown(r).find("Geen reacties in week 30 2026") != std::string::npos);
}

TEST_CASE("report model: theme status, spikes, contradictions, and quotes that do not depend on row order") {
  std::vector<rep::Row> rows;
  int n = 0;
  auto add_week = [&](const char* date, int total, int with_theme, const std::string& theme) {
    for (int i = 0; i < total; ++i) {
      const bool t = i < with_theme;
      rows.push_back(row("r" + std::to_string(n++), date, "KCC", t ? 4 : 8,
                         t ? "Niet teruggebeld (" + std::to_string(i + 1) + "e keer), bel me op 06-12345678 alstublieft"
                           : "prima geholpen",
                         t ? rep::Polarity::kNegative : rep::Polarity::kPositive, t ? -0.4 - 0.01 * i : 0.5,
                         t ? theme : ""));
    }
  };
  // Six quiet weeks with 1 in 40, then 2 in 40, then 12 in 40: a spike, and growing.
  const char* weeks[] = {"2026-10-07", "2026-10-14", "2026-10-21", "2026-10-28", "2026-11-04", "2026-11-11"};
  for (const char* w : weeks) add_week(w, 40, 1, "T0001");
  add_week("2026-11-18", 40, 12, "T0001");
  for (auto& r : rows) r.theme_labels = {"niet teruggebeld"};  // what its answers say: the purity bar passes
  // A theme new this week, and one that only existed last week.
  rows.push_back(row("x1", "2026-11-19", "KCC", 5, "De app doet het niet", rep::Polarity::kNegative, -0.3, "T0002"));
  rows.push_back(row("x2", "2026-11-12", "KCC", 5, "Formulier kwijt", rep::Polarity::kNegative, -0.3, "T0003"));
  // Contradictions: a 9 with a negative text, a 3 with a positive one, and a 9 with a negative suggestion.
  rows.push_back(row("c1", "2026-11-20", "KCC", 9, "Lang gewacht en niemand hielp mij verder", rep::Polarity::kNegative, -0.6));
  rows.push_back(row("c2", "2026-11-20", "KCC", 3, "Heel vriendelijke medewerker aan de balie", rep::Polarity::kPositive, 0.7));
  rows.push_back(row("c3", "2026-11-20", "KCC", 9, "Langere openingstijden graag", rep::Polarity::kNegative, -0.2, "",
                     "verbeteren"));

  rep::ReportOptions options;
  options.period = luister::parse_week("2026-W47");
  VectorSource source(rows);
  rep::Report r = rep::build_report(source, options);
  const rep::ScopeReport& o = r.overall;

  const rep::ThemeLine* t1 = find_theme(o, "T0001");
  REQUIRE(t1);
  CHECK(t1->count == 12);
  CHECK(t1->previous_count == 1);
  CHECK(t1->status == rep::Status::kGrowing);
  CHECK(t1->spike);
  CHECK(t1->label == "niet teruggebeld");
  CHECK(t1->coverage == doctest::Approx(1.0));
  CHECK_FALSE(t1->rise_withheld);
  CHECK(t1->trend == std::vector<std::size_t>{0, 1, 1, 1, 1, 1, 1, 12});
  REQUIRE(t1->quotes.size() == 2);
  // The most typical answers are quoted (pick_theme_quotes, issue 16), not the most negative: these
  // twelve are equally typical, so the lowest response ids win (r240, r241: i = 0 and 1), whatever
  // the row order.
  CHECK(t1->quotes[0].text == "Niet teruggebeld (1e keer), bel me op [TELEFOON] alstublieft");
  CHECK(t1->quotes[1].text == "Niet teruggebeld (2e keer), bel me op [TELEFOON] alstublieft");
  CHECK(t1->quotes[0].sentiment.value() == doctest::Approx(-0.4));
  CHECK(t1->processes == std::vector<std::string>{"KCC"});

  const rep::ThemeLine* t2 = find_theme(o, "T0002");
  REQUIRE(t2);
  CHECK(t2->status == rep::Status::kNew);
  CHECK_FALSE(t2->spike);  // one mention is no spike
  const rep::ThemeLine* t3 = find_theme(o, "T0003");
  REQUIRE(t3);
  CHECK(t3->count == 0);
  CHECK(t3->quotes.empty());
  CHECK(o.themes.front().id == "T0001");  // ranked by count

  REQUIRE(o.spikes.size() == 2);  // the low-grade share spikes with the complaint
  CHECK(o.spikes[0].kind == rep::Spike::Kind::kLowGrades);
  CHECK(o.spikes[1].id == "T0001");
  CHECK(o.spikes[1].baseline == doctest::Approx(6.0 / 241).epsilon(1e-6));

  CHECK(o.disagreements.high_negative == 1);
  CHECK(o.disagreements.low_positive == 1);
  REQUIRE(o.disagreements.high_negative_examples.size() == 1);
  CHECK(o.disagreements.high_negative_examples[0].response_id == "c1");

  // Compliments come from the evidence of positive answers; none was given here.
  CHECK(o.compliments.empty());

  // Same rows in another order: the same report.
  std::mt19937 rng(42);
  std::shuffle(rows.begin(), rows.end(), rng);
  VectorSource shuffled(rows);
  rep::Report r2 = rep::build_report(shuffled, options);
  CHECK(rep::render_json(r2) == rep::render_json(r));
  CHECK(rep::render_markdown(r2) == rep::render_markdown(r));
}

TEST_CASE("report model: compliments counted per response, shown as written") {
  std::vector<rep::Row> rows;
  auto praise = [&](const char* id, const char* text, const char* evidence, double sentiment = 0.6,
                    const char* question = "waarom") {
    rep::Row r = row(id, "2026-11-18", "Balie", 9, text, rep::Polarity::kPositive, sentiment, "", question);
    r.evidence = evidence;
    rows.push_back(r);
  };
  praise("1", "Heel vriendelijke mensen aan de balie, dank", "vriendelijke +0.600 [stem:vriendelijk]");
  praise("1", "Vriendelijk en snel", "vriendelijk +0.600; snel +0.500");  // same response: counted once
  praise("2", "Zo vriendelijk geholpen, echt super fijn", "vriendelijk +0.780 [booster(zo x1.3)]; fijn +0.600", 0.8);
  praise("3", "De medewerker was vriendelijk", "vriendelijk +0.600");
  praise("4", "Beter bereikbaar zijn graag", "bereikbaar +0.500", 0.4, "verbeteren");  // a suggestion, not praise
  VectorSource source(rows);
  rep::ReportOptions options;
  options.today = day("2026-11-23");  // the week that ended before Monday 23 November: W47
  rep::Report r = rep::build_report(source, options);
  CHECK(luister::period_id(r.period) == "2026-W47");
  REQUIRE(r.overall.compliments.size() == 3);
  CHECK(r.overall.compliments[0].term == "vriendelijk");
  CHECK(r.overall.compliments[0].count == 3);
  REQUIRE(r.overall.compliments[0].quote);
  CHECK(r.overall.compliments[0].quote->response_id == "2");  // the most positive one
  CHECK(r.overall.compliments[1].term == "fijn");
  CHECK(r.overall.compliments[2].term == "snel");
}

TEST_CASE("report renderers: data is escaped, personal data masked, missing columns explained") {
  std::vector<rep::Row> rows;
  for (int i = 0; i < 3; ++i)
    rows.push_back(row("h" + std::to_string(i), "2026-11-18", "KCC <b>", 2,
                       "\"><img src=x onerror=alert(1)> <script>alert(1)</script> bel 06-12345678",
                       rep::Polarity::kNegative, -0.8, "T<1>"));
  VectorSource source(rows);
  rep::ReportOptions options;
  options.period = luister::parse_week("2026-W47");
  options.title = "Gemeente <Test> & \"Co\"";
  rep::Report r = rep::build_report(source, options);
  const std::string html = rep::render_html(r);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("06-12345678") == std::string::npos);
  CHECK(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt; bel [TELEFOON]") !=
        std::string::npos);
  CHECK(html.find("Gemeente &lt;Test&gt; &amp; &quot;Co&quot;") != std::string::npos);
  CHECK(html.find("KCC &lt;b&gt;") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);

  const std::string md = rep::render_markdown(r);
  for (std::size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1))
    CHECK(md[at - 1] == '\\');  // every < from the data is escaped
  CHECK(md.find("\\<script\\>") != std::string::npos);
  CHECK(md.find("06-12345678") == std::string::npos);

  const std::string json = rep::render_json(r);
  CHECK(json.find("06-12345678") == std::string::npos);
  CHECK(json.find(R"(\"><img src=x onerror=alert(1)> <script>alert(1)</script> bel [TELEFOON])") != std::string::npos);

  VectorSource bare(rows, false, false);
  rep::Report b = rep::build_report(bare, options);
  const std::string bare_md = rep::render_markdown(b);
  CHECK(bare_md.find("`luister-cluster`") != std::string::npos);
  CHECK(bare_md.find("`luister-score`") != std::string::npos);
  CHECK(rep::render_json(b).find("\"themes\": null") != std::string::npos);
}

TEST_CASE("report input: a long history read from CSV in any order gives the report of its window") {
  // 20,000 rows over a year in shuffled order: the CSV source drops old rows while reading (and
  // compacts what it kept), which must not change a byte of the report nor lose a row in the counts.
  std::vector<std::string> lines;
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const Day d = day("2026-01-01") + static_cast<Day>(rng() % 365);
    const int grade = 1 + static_cast<int>(rng() % 10);
    const bool bad = grade <= 4;
    lines.push_back(fmt::format("{},{},{},Balie,{},waarom,{} {},{},{},,{},{}", i, luister::format_iso_day(d),
                                i % 3 ? "Afval" : "KCC", grade, bad ? "slecht geholpen" : "goed geholpen", i,
                                bad ? "-0.500" : "0.500", bad ? "negative" : "positive", bad ? "T0001" : "",
                                bad ? "slecht" : ""));
  }
  // Shuffled, rows are mostly dropped on arrival; sorted by date, the kept rows are compacted.
  for (bool sorted : {false, true}) {
    CAPTURE(sorted);
    if (sorted)
      std::stable_sort(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
        return a.substr(a.find(',') + 1, 10) < b.substr(b.find(',') + 1, 10);
      });
    char path[] = "/tmp/luister-report-test-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    std::string csv = "response_id,date,process,channel,grade,question,text,sentiment,polarity,evidence,theme,theme_label\n";
    for (const auto& l : lines) csv += l + "\n";
    REQUIRE(::write(fd, csv.data(), csv.size()) == static_cast<ssize_t>(csv.size()));
    ::close(fd);

    rep::ReportOptions options;
    rep::CsvRowSource streaming({path}, 0);
    rep::Report by_default = rep::build_report(streaming, options);
    options.period = by_default.period;
    rep::CsvRowSource windowed({path}, 0);
    rep::Report by_week = rep::build_report(windowed, options);
    ::unlink(path);

    CHECK(by_default.input.rows_read == 20000);
    CHECK(by_default.rows_used + by_default.input.rows_outside_window == 20000);
    CHECK(by_default.rows_used == by_week.rows_used);
    CHECK(by_default.input.rows_outside_window == by_week.input.rows_outside_window);
    CHECK(rep::render_json(by_default) == rep::render_json(by_week));
    CHECK(luister::period_id(by_default.period) == luister::period_id(rep::last_complete_week(*by_default.input.last_day)));
  }
}

TEST_CASE("report input: the archive hands over the rows and the account the CSV source gives") {
  char dir[] = "/tmp/luister-report-test-XXXXXX";
  REQUIRE(::mkdtemp(dir));
  const std::string csv_path = std::string(dir) + "/answers.csv", db = std::string(dir) + "/kto.sqlite";
  const std::string csv =
      "response_id,date,process,channel,grade,question,text,sentiment,polarity,evidence,theme,theme_label\n"
      "a1,2026-11-16,Wmo,Balie,4,waarom,lang gewacht,-0.5,negative,,T1;T2,wachten;bellen\n"
      "a2,2026-11-22T23:59,,Balie,8.5,waarom,prima,0.6,positive,prima +0.600,,\n"
      "a3,2026-09-01,KCC,Balie,6,waarom,lang geleden,,,,,\n"  // before the 8 weeks of W47
      "a4,,KCC,Balie,6,waarom,zonder datum,,,,,\n"
      "a5,2026-11-23,KCC,Balie,7,waarom,week 48,,,,,\n";  // after W47
  {
    FILE* f = std::fopen(csv_path.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(csv.data(), 1, csv.size(), f);
    std::fclose(f);
  }
  luister::ArchiveAddOptions add;
  add.db = db;
  add.common.inputs = {csv_path};
  luister::add_to_archive(add);

  rep::RowRequest request;
  request.window = luister::range_period(luister::parse_week("2026-W40").first, luister::parse_week("2026-W47").last);
  std::vector<rep::Row> from_csv, from_db;
  rep::CsvRowSource csv_source({csv_path}, 0);
  rep::ArchiveRowSource db_source(db);
  const rep::SourceInfo a = csv_source.read(request, from_csv), b = db_source.read(request, from_db);
  CHECK(db_source.newest_day() == day("2026-11-23"));
  CHECK(b.names == std::vector<std::string>{db});
  CHECK(a.rows_read == 5);
  CHECK(b.rows_read == a.rows_read);
  CHECK(a.rows_without_date == 1);
  CHECK(b.rows_without_date == a.rows_without_date);
  CHECK(a.rows_outside_window == 2);
  CHECK(b.rows_outside_window == a.rows_outside_window);
  CHECK(b.first_day == a.first_day);
  CHECK(b.last_day == a.last_day);
  CHECK(b.has_sentiment == a.has_sentiment);
  CHECK(b.has_themes == a.has_themes);
  REQUIRE(from_csv.size() == 2);
  REQUIRE(from_db.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CAPTURE(i);
    const rep::Row &x = from_csv[i], &y = from_db[i];  // both in date order here
    CHECK(y.response_id == x.response_id);
    CHECK(y.day == x.day);
    CHECK(y.process == x.process);  // the empty process becomes "–" in both
    CHECK(y.question == x.question);
    CHECK(y.text == x.text);
    CHECK(y.evidence == x.evidence);
    CHECK(y.grade == x.grade);
    CHECK(y.sentiment == x.sentiment);
    CHECK(y.polarity == x.polarity);
    CHECK(y.themes == x.themes);
    CHECK(y.theme_labels == x.theme_labels);
  }
  CHECK(from_db[1].process == "\xE2\x80\x93");
  std::remove(csv_path.c_str());
  std::remove(db.c_str());
  ::rmdir(dir);
}

TEST_CASE("report model: impact ranks complaints by what they cost the share of high grades, deterministically") {
  // One week of 60 graded responses in one process: 30 content ones (9), and three complaints:
  // A mentioned by 12 graded 2 (costly), B by 12 graded 7 (mild: below the norm, but not low),
  // C by 3 graded 1 (too few to rank), and 3 more with 6 and no theme.
  std::vector<rep::Row> rows;
  int n = 0;
  auto add = [&](int count, double grade, const std::string& theme) {
    for (int i = 0; i < count; ++i, ++n)
      rows.push_back(row("r" + std::to_string(n), "2026-11-18", "KCC", grade, "tekst " + std::to_string(n),
                         theme.empty() ? rep::Polarity::kPositive : rep::Polarity::kNegative, theme.empty() ? 0.5 : -0.5,
                         theme));
  };
  add(30, 9, "");
  add(12, 2, "TA");
  add(12, 7, "TB");
  add(3, 1, "TC");
  add(3, 6, "");
  rep::ReportOptions o;
  o.period = luister::parse_week("2026-W47");
  o.bootstrap = 300;
  VectorSource source(rows);
  const rep::Report r = rep::build_report(source, o);
  const rep::ScopeReport& s = r.overall;
  const rep::ThemeLine* a = find_theme(s, "TA");
  const rep::ThemeLine* b = find_theme(s, "TB");
  const rep::ThemeLine* c = find_theme(s, "TC");
  REQUIRE((a && b && c));
  // Without A: 30 of 48 at 8+ instead of 30 of 60: +12.5 points; mean (270+84+3+18)/48 vs (270+24+84+3+18)/60.
  CHECK(a->impact.ranked);
  CHECK(a->impact.graded == 12);
  CHECK(a->impact.high_gain == doctest::Approx(30.0 / 48 - 30.0 / 60));
  CHECK(a->impact.mean_gain == doctest::Approx((270.0 + 84 + 3 + 18) / 48 - (270.0 + 24 + 84 + 3 + 18) / 60));
  CHECK(a->impact.high_ci.lo < a->impact.high_gain);
  CHECK(a->impact.high_ci.hi > a->impact.high_gain);
  CHECK(a->impact.high_ci.lo > 0);
  // B costs the 8+ share as much as A (nobody in either gave 8+), but far less of the mean grade.
  CHECK(b->impact.high_gain == doctest::Approx(a->impact.high_gain));
  CHECK(b->impact.mean_gain < a->impact.mean_gain);
  CHECK_FALSE(c->impact.ranked);  // 3 < impact_min
  REQUIRE(s.fix_first.size() == 2);
  CHECK(s.themes[s.fix_first[0]].id == "TA");  // same share gain: the larger mean gain first
  CHECK(s.themes[s.fix_first[1]].id == "TB");

  // The same answers in another order give the same intervals; a higher minimum ranks nothing.
  std::vector<rep::Row> shuffled = rows;
  std::reverse(shuffled.begin(), shuffled.end());
  VectorSource source2(shuffled);
  const rep::Report r2 = rep::build_report(source2, o);
  const rep::ThemeLine* a2 = find_theme(r2.overall, "TA");
  CHECK(a2->impact.high_ci.lo == a->impact.high_ci.lo);
  CHECK(a2->impact.mean_ci.hi == a->impact.mean_ci.hi);
  o.impact_min = 13;
  VectorSource source3(rows);
  CHECK(rep::build_report(source3, o).overall.fix_first.empty());
}

TEST_CASE("report model: compliments to pass on name staff or their behaviour, warmest first, grade 7 or higher") {
  std::vector<rep::Row> rows = {
      row("k1", "2026-11-18", "KCC", 9, "De medewerker aan de telefoon was ontzettend geduldig", rep::Polarity::kPositive, 0.6),
      row("k2", "2026-11-18", "KCC", 10, "Heel fijn dat de baliemedewerker meedacht over mijn situatie", rep::Polarity::kPositive, 0.8),
      row("k3", "2026-11-18", "KCC", 9, "Alles ging snel en de website werkte prima", rep::Polarity::kPositive, 0.9),
      row("k4", "2026-11-18", "KCC", 6, "Vriendelijke mevrouw, maar het duurde wel lang allemaal", rep::Polarity::kPositive, 0.3),
      row("k5", "2026-11-18", "KCC", 9, "Mevrouw De Vries bel me terug op 06-12345678 aub", rep::Polarity::kNeutral, 0),
      row("k6", "2026-11-18", "KCC", 8, "Er werd echt naar me geluisterd, dank daarvoor", rep::Polarity::kPositive, 0.5),
      row("k7", "2026-11-18", "KCC", 9, "Graag een vriendelijkere medewerker aan de balie", rep::Polarity::kPositive, 0.4, "",
          "verbeteren"),
  };
  rep::ReportOptions o;
  o.period = luister::parse_week("2026-W47");
  VectorSource source(rows);
  const rep::Report r = rep::build_report(source, o);
  std::vector<std::string> ids;
  for (const auto& q : r.overall.kudos) ids.push_back(q.response_id);
  // k3 names no staff, k4 is graded 6, k5 is no praise, k7 answers the improvement question.
  CHECK(ids == std::vector<std::string>{"k2", "k1", "k6"});
  REQUIRE(r.processes.size() == 1);
  CHECK(r.processes[0].kudos.size() == 3);
}

TEST_CASE("report model: with luister-score's clauses, praise inside a complaint counts and is quoted by its clause") {
  auto scored = [](std::string id, double grade, std::string text, rep::Polarity p, std::string evidence, std::string clauses) {
    rep::Row r = row(std::move(id), "2026-11-18", "KCC", grade, std::move(text), p, p == rep::Polarity::kPositive ? 0.5 : -0.3);
    r.evidence = std::move(evidence);
    r.clauses = std::move(clauses);
    return r;
  };
  std::vector<rep::Row> rows = {
      scored("m1", 7, "Erg vriendelijk geholpen door Sanne, maar de wachttijd was veel te lang", rep::Polarity::kNegative,
             "vriendelijk +0.450 [booster(erg x1.5), before contrast x0.5]; wachttijd -0.660",
             "+ erg vriendelijk geholpen door sanne | - maar de wachttijd was veel te lang"),
      scored("m2", 4, "Vriendelijke mevrouw, maar niets opgelost", rep::Polarity::kNegative,
             "vriendelijke +0.300 [stem:vriendelijk]; niets opgelost -0.700", "+ vriendelijke mevrouw | - maar niets opgelost"),
      scored("m3", 8, "Niet vriendelijk, wel snel", rep::Polarity::kPositive, "vriendelijk -0.360 [negation(niet)]; snel +0.400",
             "- niet vriendelijk | + wel snel"),
  };
  rep::ReportOptions o;
  o.period = luister::parse_week("2026-W47");
  VectorSource source(rows);
  const rep::Report r = rep::build_report(source, o);
  const rep::Compliment* friendly = nullptr;
  for (const auto& c : r.overall.compliments)
    if (c.term.rfind("vriendelijk", 0) == 0) friendly = &c;
  REQUIRE(friendly);
  CHECK(friendly->count == 2);  // m1 and m2 (mixed answers); m3's negated "vriendelijk" is no praise
  REQUIRE(friendly->quote);
  CHECK(friendly->quote->response_id == "m1");  // m2 is graded 4: counted, not quoted
  CHECK(friendly->quote->text == "Erg vriendelijk geholpen door [NAAM]");  // the clause, as written, masked
}

TEST_CASE("report model: complaints grouped by aspect, named from the taxonomy, responses counted once") {
  auto complaint = [](std::string id, std::vector<std::string> themes, std::vector<std::string> aspects) {
    rep::Row r = row(std::move(id), "2026-11-18", "KCC", 4, "klacht", rep::Polarity::kNegative, -0.5);
    r.themes = themes;
    r.theme_labels = themes;
    r.theme_aspects = std::move(aspects);
    return r;
  };
  std::vector<rep::Row> rows = {
      complaint("a1", {"T1"}, {"wachttijd"}),
      complaint("a2", {"T1", "T2"}, {"wachttijd", "wachttijd"}),  // two themes of one aspect: one response
      complaint("a3", {"T2"}, {"wachttijd"}),
      complaint("a4", {"T3"}, {"kosten"}),
      complaint("a5", {"T4"}, {""}),  // a theme without an aspect is in no aspect line
  };
  rep::ReportOptions o;
  o.period = luister::parse_week("2026-W47");
  VectorSource source(rows);
  const rep::Report r = rep::build_report(source, o);
  REQUIRE(r.overall.aspects.size() == 2);
  CHECK(r.overall.aspects[0].key == "wachttijd");
  CHECK(r.overall.aspects[0].name == "Wachttijd");
  CHECK(r.overall.aspects[0].count == 3);
  CHECK(r.overall.aspects[0].themes.size() == 2);
  CHECK(r.overall.aspects[1].key == "kosten");
  CHECK(r.overall.aspects[1].count == 1);
}

TEST_CASE("report model: when no complaint alone clearly costs, the aspect of several small ones does") {
  // 40 graded responses: 28 content ones (9), and four complaints of 3 responses each graded 2: too
  // few to rank one by one (impact_min 5). T1 and T2 are "wachttijd" (6 responses together), T3 and
  // T4 "kosten", whose responses graded 9 cost nothing.
  std::vector<rep::Row> rows;
  int n = 0;
  auto add = [&](int count, double grade, const std::string& theme, const std::string& aspect) {
    for (int i = 0; i < count; ++i, ++n) {
      rows.push_back(row("r" + std::to_string(n), "2026-11-18", "KCC", grade, "tekst " + std::to_string(n),
                         theme.empty() ? rep::Polarity::kPositive : rep::Polarity::kNegative, theme.empty() ? 0.5 : -0.5,
                         theme));
      if (!theme.empty()) rows.back().theme_aspects = {aspect};
    }
  };
  add(28, 9, "", "");
  add(3, 2, "T1", "wachttijd");
  add(3, 2, "T2", "wachttijd");
  add(3, 9, "T3", "kosten");
  add(3, 9, "T4", "kosten");
  rep::ReportOptions o;
  o.period = luister::parse_week("2026-W47");
  o.bootstrap = 300;
  const rep::ScopeReport s = report_of(rows, o).overall;
  CHECK(s.fix_first.empty());
  REQUIRE(s.fix_first_aspects.size() == 1);
  const rep::AspectLine& a = s.aspects[s.fix_first_aspects[0]];
  CHECK(a.key == "wachttijd");
  CHECK(a.impact.graded == 6);
  // Without its 6 responses: 34 of 34 at 8+ instead of 34 of 40.
  CHECK(a.impact.high_gain == doctest::Approx(1.0 - 34.0 / 40));
  CHECK(a.impact.high_ci.lo > 0);
  // The same themes one by one, each ranked (a lower minimum, no margins): the complaints come
  // first, no aspect.
  o.impact_min = 3;
  o.bootstrap = 0;
  const rep::Report r2 = report_of(rows, o);
  CHECK_FALSE(r2.overall.fix_first.empty());
  CHECK(r2.overall.fix_first_aspects.empty());
}

TEST_CASE("report model: a spike or growth is claimed only for a complaint whose answers say what its label says") {
  // Two complaints with the same volume jump (1 in 20 for three weeks, then 7 in 20): T1's answers
  // all say "niet teruggebeld"; T2 is labelled "formulier kwijt" but only 2 of its 7 answers say so.
  std::vector<rep::Row> rows;
  int n = 0;
  const char* mixed[] = {"Formulier kwijt geraakt bij de gemeente", "Mijn formulier is kwijt", "Lang gewacht aan de balie",
                         "De website werkt niet", "Veel te duur voor zo weinig", "Parkeren bij het stadhuis is lastig",
                         "Onvriendelijke medewerker aan de telefoon"};
  auto week = [&](const char* date, int with_themes) {
    for (int i = 0; i < 20; ++i) {
      std::string id = "r" + std::to_string(n++);
      if (i < with_themes) {
        rows.push_back(row(id, date, "KCC", 7, "Ik ben niet teruggebeld (" + std::to_string(i) + ")", rep::Polarity::kNegative, -0.5, "T1"));
        rows.back().theme_labels = {"niet teruggebeld"};
        rows.push_back(row(id, date, "KCC", 7, with_themes == 1 ? "Formulier kwijt" : mixed[i], rep::Polarity::kNegative, -0.5, "T2",
                           "verbeteren"));
        rows.back().theme_labels = {"formulier kwijt"};
      } else {
        rows.push_back(row(id, date, "KCC", 7, "prima", rep::Polarity::kPositive, 0.5));
      }
    }
  };
  for (const char* w : {"2026-10-28", "2026-11-04", "2026-11-11"}) week(w, 1);
  week("2026-11-18", 7);
  rep::ReportOptions options;
  options.period = luister::parse_week("2026-W47");
  VectorSource source(rows);
  const rep::Report r = rep::build_report(source, options);
  const rep::ScopeReport& o = r.overall;
  const rep::ThemeLine* pure = find_theme(o, "T1");
  const rep::ThemeLine* mix = find_theme(o, "T2");
  REQUIRE(pure);
  REQUIRE(mix);
  CHECK(pure->count == 7);
  CHECK(mix->count == 7);
  CHECK(pure->coverage == doctest::Approx(1.0));
  CHECK(mix->coverage == doctest::Approx(2.0 / 7));
  CHECK(pure->spike);
  CHECK(pure->status == rep::Status::kGrowing);
  CHECK_FALSE(mix->spike);                          // the same jump, but its answers are mixed
  CHECK(mix->status == rep::Status::kMixed);        // not "groeiend" either
  CHECK(mix->rise_withheld);
  REQUIRE(o.spikes.size() == 1);
  CHECK(o.spikes[0].id == "T1");
  REQUIRE(o.withheld_spikes.size() == 1);
  CHECK(o.withheld_spikes[0].id == "T2");
  CHECK(o.withheld_spikes[0].coverage == doctest::Approx(2.0 / 7));
  const std::string md = rep::render_markdown(r);
  CHECK(md.find("| formulier kwijt | 7 | 35% | 1 | gemengd |") != std::string::npos);
  CHECK(md.find("| niet teruggebeld | 7 | 35% | 1 | groeiend, piek |") != std::string::npos);
  const std::string json = rep::render_json(r);
  CHECK(json.find("\"status\": \"mixed\"") != std::string::npos);
}

TEST_CASE("report text: praise phrases keep the staff word after an inflected adjective, never a name") {
  auto staff = [](const std::string& w) { return w == "medewerker" || w == "dame"; };
  struct Case {
    const char* text;
    const char* term;
    bool inflected;
    const char* phrase;
  } cases[] = {
      {"heel vriendelijke medewerker aan de balie", "vriendelijke", true, "vriendelijke medewerker"},
      {"een fijne dame", "fijne", true, "fijne dame"},
      {"vriendelijke sanne", "vriendelijke", true, "vriendelijke"},        // a name is no staff word
      {"vriendelijke, medewerker", "vriendelijke", true, "vriendelijke"},  // not right after it
      {"snel geholpen door de medewerker", "snel geholpen", false, "snel geholpen"},  // a phrase of the lexicon
      {"vriendelijk medewerker", "vriendelijk", true, "vriendelijk"},     // not inflected with -e
      {"onvriendelijke medewerker", "vriendelijke", true, "vriendelijke"}, // not a whole word
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(rep::praise_phrase(c.text, c.term, c.inflected, staff) == c.phrase);
  }
}

TEST_CASE("report model: near-duplicate praise is one group, named by its fullest phrase, in any order") {
  auto form = [](std::vector<std::string> words, std::string name, std::size_t responses, std::string aspect = "") {
    rep::PraiseForm f;
    f.head = words.back();  // the last word as written
    std::sort(words.begin(), words.end());
    f.words = std::move(words);
    f.name = std::move(name);
    f.responses = responses;
    f.aspect = std::move(aspect);
    return f;
  };
  std::vector<rep::PraiseForm> forms = {
      form({"snel"}, "snel", 6),
      form({"snel", "geholp"}, "snel geholpen", 6),
      form({"goed", "geholp"}, "goed geholpen", 4),
      form({"goed"}, "goed", 6),          // nested only in "goed geholpen"
      form({"geholp"}, "geholpen", 2),    // nested in both: joins the one with more responses, no chain
      form({"vriendelijk"}, "vriendelijk", 8),
      form({"vriendelijk", "@staff"}, "vriendelijke medewerker", 3),  // only a staff word added: joins
      form({"fijn"}, "fijn", 5),
      // A rare fuller phrase does not speak for a common short one.
      form({"netjes"}, "netjes", 5),
      form({"netjes", "uitgelegd"}, "netjes uitgelegd", 1),
      // Same aspect, same head word: one group; another aspect stays apart.
      form({"aardig", "mevrouw"}, "aardige mevrouw", 3, "bejegening"),
      form({"behulpzaam", "mevrouw"}, "behulpzame mevrouw", 2, "bejegening"),
      form({"snelst", "mevrouw"}, "snelste mevrouw", 1, "snelheid"),
  };
  const std::map<std::string, std::string> want = {
      {"snel", "snel geholpen"},     {"snel geholpen", "snel geholpen"},
      {"goed", "goed geholpen"},     {"goed geholpen", "goed geholpen"},
      {"geholpen", "snel geholpen"}, {"vriendelijk", "vriendelijke medewerker"},
      {"vriendelijke medewerker", "vriendelijke medewerker"}, {"fijn", "fijn"},
      {"aardige mevrouw", "aardige mevrouw"}, {"behulpzame mevrouw", "aardige mevrouw"},
      {"snelste mevrouw", "snelste mevrouw"}, {"netjes", "netjes"}, {"netjes uitgelegd", "netjes uitgelegd"},
  };
  for (int round = 0; round < 3; ++round) {
    const std::vector<std::size_t> root = rep::group_praise(forms);
    REQUIRE(root.size() == forms.size());
    for (std::size_t i = 0; i < forms.size(); ++i) {
      CAPTURE(forms[i].name);
      CHECK(forms[root[i]].name == want.at(forms[i].name));
    }
    std::mt19937 rng(round);
    std::shuffle(forms.begin(), forms.end(), rng);
  }
}

TEST_CASE("report model: wat gaat goed groups 'snel' with 'snel geholpen', counts a response once, quotes what the name says") {
  auto scored = [](std::string id, double grade, std::string text, std::string evidence, std::string clauses) {
    rep::Row r = row(std::move(id), "2026-11-18", "KCC", grade, std::move(text), rep::Polarity::kPositive, 0.5);
    r.evidence = std::move(evidence);
    r.clauses = std::move(clauses);
    return r;
  };
  std::vector<rep::Row> rows = {
      scored("a1", 9, "Snel geholpen", "snel geholpen +0.700", "+ snel geholpen"),
      scored("a2", 8, "Heel snel", "snel +0.750 [booster(heel x1.5)]", "+ heel snel"),
      scored("a3", 3, "Wel snel geholpen", "snel geholpen +0.700", "+ wel snel geholpen"),  // counted, not quoted
      scored("a4", 10, "Vriendelijke medewerker aan de telefoon", "vriendelijke +0.600 [stem:vriendelijk]",
             "+ vriendelijke medewerker aan de telefoon"),
      scored("a5", 9, "Erg vriendelijk", "vriendelijk +0.900 [booster(erg x1.5)]", "+ erg vriendelijk"),
      scored("a6", 8, "Vriendelijk en snel geholpen", "vriendelijk +0.600; snel geholpen +0.700",
             "+ vriendelijk | + en snel geholpen"),
      scored("a6", 8, "Echt snel", "snel +0.650 [booster(echt x1.3)]", "+ echt snel"),  // same response again
      scored("a7", 8, "Goed geholpen", "goed geholpen +0.700", "+ goed geholpen"),
      scored("a8", 9, "Heel goed", "goed +0.900 [booster(heel x1.5)]", "+ heel goed"),
  };
  rep::ReportOptions o;
  o.period = luister::parse_week("2026-W47");
  VectorSource source(rows);
  const rep::Report r = rep::build_report(source, o);
  const auto& c = r.overall.compliments;
  REQUIRE(c.size() == 3);
  CHECK(c[0].term == "snel geholpen");
  CHECK(c[0].count == 4);  // a1, a2, a3, a6: the response a6 once
  REQUIRE(c[0].quote);
  CHECK(c[0].quote->response_id == "a1");  // says "snel geholpen"; a3 is graded 3, a2 says only "snel"
  CHECK(c[1].term == "vriendelijke medewerker");
  CHECK(c[1].count == 3);
  REQUIRE(c[1].quote);
  CHECK(c[1].quote->response_id == "a4");
  CHECK(c[2].term == "goed geholpen");
  CHECK(c[2].count == 2);
  // Another order of the rows: the same compliments.
  std::reverse(rows.begin(), rows.end());
  VectorSource reversed(rows);
  CHECK(rep::render_json(rep::build_report(reversed, o)) == rep::render_json(r));
}
