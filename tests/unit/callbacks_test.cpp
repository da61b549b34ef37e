// The closed loop: outcome words, case states and the report's call-back figures.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "luister/archive/archive.hpp"
#include "luister/archive/callbacks.hpp"
#include "luister/base/error.hpp"
#include "luister/base/period.hpp"
#include "luister/report/report.hpp"

using luister::CallbackOutcome;

namespace {
luister::Day day(const char* iso) { return *luister::parse_iso_day(iso); }
}  // namespace

TEST_CASE("callbacks: outcomes as a team writes them, Dutch and English") {
  struct Case {
    const char* text;
    std::optional<CallbackOutcome> outcome;
  };
  const Case cases[] = {
      {"gebeld", CallbackOutcome::kCalled},
      {"GEBELD", CallbackOutcome::kCalled},             // any case
      {"  Called ", CallbackOutcome::kCalled},          // spaces around
      {"contact gehad", CallbackOutcome::kCalled},
      {"niet bereikt", CallbackOutcome::kNotReached},
      {"Niet-bereikt.", CallbackOutcome::kNotReached},  // hyphen for a space, a full stop after
      {"not_reached", CallbackOutcome::kNotReached},    // as the archive stores it
      {"niet   bereikt", CallbackOutcome::kNotReached}, // several spaces
      {"geen gehoor", CallbackOutcome::kNotReached},
      {"Opgelost", CallbackOutcome::kSolved},
      {"resolved", CallbackOutcome::kSolved},
      {"geen contact gewenst", CallbackOutcome::kDeclined},
      {"declined", CallbackOutcome::kDeclined},
      {"", std::nullopt},                               // empty: no outcome
      {"teruggebeld?", std::nullopt},                   // a question mark is not a full stop
      {"bereikt niet", std::nullopt},                   // word order counts
      {"misschien", std::nullopt},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(luister::parse_callback_outcome(c.text) == c.outcome);
  }
  // Only not reached leaves a case open; every stored name reads back.
  CHECK_FALSE(luister::closes_case(CallbackOutcome::kNotReached));
  for (auto o : {CallbackOutcome::kCalled, CallbackOutcome::kSolved, CallbackOutcome::kDeclined}) {
    CHECK(luister::closes_case(o));
    CHECK(luister::parse_callback_outcome(luister::outcome_name(o)) == o);
    CHECK(luister::parse_callback_outcome(luister::outcome_label_nl(o)) == o);
  }
}

TEST_CASE("callbacks: cases and outcomes in the archive; the latest outcome is the state") {
  const std::string db = "callbacks_test.sqlite";
  std::remove(db.c_str());
  {
    FILE* f = std::fopen("callbacks_test.csv", "w");
    std::fputs("response_id,date,process,channel,grade,question,text\nr1,2026-11-16,Wmo,,2,waarom,slecht\n", f);
    std::fclose(f);
  }
  luister::ArchiveAddOptions add;
  add.db = db;
  add.common.inputs = {"callbacks_test.csv"};
  add.quiet = true;
  luister::add_to_archive(add);
  luister::CallbackCase c;
  c.response_id = "r1";
  c.process = "Wmo";
  c.answered = day("2026-11-16");
  CHECK(luister::record_callback_cases(db, "2026-W47", {c}) == 1);
  CHECK(luister::record_callback_cases(db, "2026-W48", {c}) == 0);  // listed again: not new

  luister::OutcomeStoreOptions store;
  store.db = db;
  auto entry = [](CallbackOutcome o, const char* d, const char* note) {
    return luister::OutcomeEntry{"r1", o, day(d), note, "sheet.csv", 2};
  };
  // Not reached on Monday, solved on Wednesday; on Wednesday also "called": solved is the state.
  auto st = luister::store_callback_outcomes(
      store, {entry(CallbackOutcome::kNotReached, "2026-11-23", "bel 0612345678"),
              entry(CallbackOutcome::kCalled, "2026-11-25", ""), entry(CallbackOutcome::kSolved, "2026-11-25", "")});
  CHECK(st.added == 3);
  CHECK(st.closed == 1);
  auto cases = luister::load_callback_cases(db);
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].first_listed == "2026-W47");
  CHECK(cases[0].last_listed == "2026-W48");
  CHECK(cases[0].outcome == CallbackOutcome::kSolved);
  CHECK(cases[0].first_contact == day("2026-11-25"));
  CHECK(cases[0].attempts == 3);
  // The same again: nothing changes. Another note for the same outcome: updated.
  CHECK(luister::store_callback_outcomes(store, {entry(CallbackOutcome::kCalled, "2026-11-25", "")}).unchanged == 1);
  CHECK(luister::store_callback_outcomes(store, {entry(CallbackOutcome::kCalled, "2026-11-25", "teruggebeld")}).updated == 1);
  // An unknown id, or a day before the answer: nothing stored.
  luister::OutcomeEntry unknown = entry(CallbackOutcome::kCalled, "2026-11-24", "");
  unknown.response_id = "r9";
  CHECK_THROWS_AS(luister::store_callback_outcomes(store, {entry(CallbackOutcome::kCalled, "2026-11-24", ""), unknown}),
                  luister::Error);
  CHECK_THROWS_AS(luister::store_callback_outcomes(store, {entry(CallbackOutcome::kCalled, "2026-11-13", "")}),
                  luister::Error);
  CHECK(luister::load_callback_cases(db)[0].attempts == 3);
  std::remove(db.c_str());
  std::remove("callbacks_test.csv");
}

TEST_CASE("callbacks: the report's figures per process, median working days to the first contact") {
  auto make = [](const char* id, const char* process, const char* answered, std::optional<CallbackOutcome> o,
                 const char* contact) {
    luister::CallbackCase c;
    c.response_id = id;
    c.process = process;
    c.answered = day(answered);
    c.outcome = o;
    if (o) c.outcome_day = day(contact);
    if (o == CallbackOutcome::kCalled || o == CallbackOutcome::kSolved) c.first_contact = day(contact);
    return c;
  };
  const std::vector<luister::CallbackCase> cases = {
      make("a", "Wmo", "2026-11-20", CallbackOutcome::kSolved, "2026-11-23"),      // Fri → Mon: 1 working day
      make("b", "Wmo", "2026-11-16", CallbackOutcome::kCalled, "2026-11-20"),      // Mon → Fri: 4
      make("c", "Afval", "2026-11-17", CallbackOutcome::kNotReached, "2026-11-24"),
      make("d", "Afval", "2026-11-18", std::nullopt, ""),
      make("e", "Afval", "2026-11-10", std::nullopt, ""),                          // the week before
      make("f", "KCC", "2026-11-02", CallbackOutcome::kNotReached, "2026-11-04"),  // older, still open
  };
  const luister::Period w47 = luister::parse_week("2026-W47");
  const auto s = luister::report::callback_status(cases, w47, luister::previous_period(w47), {});
  REQUIRE(s.now.size() == 3);  // all, Afval, Wmo
  CHECK(s.now[0].listed == 4);
  CHECK(s.now[0].called == 2);
  CHECK(s.now[0].solved == 1);
  CHECK(s.now[0].not_reached == 1);
  CHECK(s.now[0].open == 2);
  CHECK(s.now[0].median_working_days == 2.5);  // median of 1 and 4
  CHECK(s.now[1].process == "Afval");
  CHECK_FALSE(s.now[1].median_working_days);   // nobody called back yet
  CHECK(s.now[2].median_working_days == 2.5);
  CHECK(s.previous[0].listed == 1);
  CHECK(s.open_before == 1);                   // f
  // One process only.
  const auto wmo = luister::report::callback_status(cases, w47, luister::previous_period(w47), {"Wmo"});
  CHECK(wmo.now[0].listed == 2);
  CHECK(wmo.open_before == 0);
}
