// Theme quotes and label coverage (luister/cluster/quotes.hpp), shared by cluster, report and eval.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "luister/cluster/quotes.hpp"

TEST_CASE("quotes: label coverage counts the answers holding every content word of the label") {
  luister::ThemeWords words;
  const std::vector<std::string_view> texts = {"Ik ben nooit teruggebeld.", "Niet teruggebeld na mijn vraag",
                                               "Niemand belde terug", "De leges zijn te hoog"};
  // "niet" is a negator, no content word: "teruggebeld" alone decides.
  CHECK(luister::label_coverage(texts, "niet teruggebeld", words) == doctest::Approx(0.5));
  // Inflected forms count by stem: "hoog" holds "hoge".
  CHECK(luister::label_coverage(texts, "te hoge leges", words) == doctest::Approx(0.25));
  // A label of function words only is held by nothing.
  CHECK(luister::label_coverage(texts, "met de", words) == doctest::Approx(0.0));
  CHECK(luister::label_coverage({}, "niet teruggebeld", words) == doctest::Approx(0.0));
}

TEST_CASE("quotes: typical members holding the label, never one whose main complaint is another theme") {
  luister::ThemeWords words;
  std::vector<luister::QuoteCandidate> c = {
      {"De wachtruimte zat vol en het duurde lang", {"T2", "T1"}, "a", ""},            // main complaint T2
      {"Ik ben nooit teruggebeld door de gemeente", {"T1"}, "b", ""},
      {"Niemand belde terug, echt slecht geregeld hoor", {"T1"}, "c", ""},              // lacks the label's word
      {"Nooit teruggebeld, en ook de wachtruimte was vol", {"T1", "T2"}, "d", ""},     // also another theme
      {"Weer niet teruggebeld terwijl het beloofd was", {"T1"}, "e", ""},
      {"Weer niet teruggebeld terwijl het beloofd was", {"T1"}, "f", ""},              // the same text twice
  };
  std::vector<std::size_t> picked = luister::pick_theme_quotes(c, "T1", "niet teruggebeld", 4, words);
  REQUIRE(picked.size() == 3);
  // Holding the label and about T1 alone first (b, e), then one that shares the answer with T2 (d);
  // never c (without the label's word, while others hold it), never a (main complaint T2), never f
  // (same text as e).
  CHECK(((picked[0] == 1 && picked[1] == 4) || (picked[0] == 4 && picked[1] == 1)));
  CHECK(picked[2] == 3);

  // The choice does not depend on the candidates' order.
  std::vector<luister::QuoteCandidate> reversed(c.rbegin(), c.rend());
  std::vector<std::size_t> again = luister::pick_theme_quotes(reversed, "T1", "niet teruggebeld", 4, words);
  REQUIRE(again.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(reversed[again[i]].text == c[picked[i]].text);

  // When no answer holds the label's words, the typical ones are quoted all the same.
  const std::vector<std::size_t> none = luister::pick_theme_quotes(c, "T1", "lange wachtrij", 2, words);
  REQUIRE(none.size() == 2);
  CHECK(c[none[0]].themes.front() == "T1");

  // `used` keeps a text for the next theme only when nothing else is left.
  std::set<std::string> used = {c[1].text};
  std::vector<std::size_t> one = luister::pick_theme_quotes(c, "T1", "niet teruggebeld", 1, words, &used);
  REQUIRE(one.size() == 1);
  CHECK(c[one[0]].text == c[4].text);
  CHECK(used.count(c[4].text) == 1);
}

TEST_CASE("quotes: two answers that differ only in case, punctuation or spacing are one quote") {
  luister::ThemeWords words;
  std::vector<luister::QuoteCandidate> c = {
      {"Zorg dat je binnen een week een afspraak kan maken", {"T1"}, "a", "1"},
      {"zorg dat je binnen een week  een afspraak kan maken!", {"T1"}, "b", "2"},
      {"Geen afspraak te krijgen binnen een week", {"T1"}, "c", "3"},
  };
  const std::vector<std::size_t> picked = luister::pick_theme_quotes(c, "T1", "afspraak", 3, words);
  REQUIRE(picked.size() == 2);
  CHECK(((picked[0] == 2) != (picked[1] == 2)));  // the third, and one of the two alike
  // `used` keeps them apart across themes the same way.
  std::set<std::string> used;
  (void)luister::pick_theme_quotes(c, "T1", "afspraak", 1, words, &used);
  std::vector<luister::QuoteCandidate> alike = {c[0], c[1]};
  const std::vector<std::size_t> again = luister::pick_theme_quotes(alike, "T1", "afspraak", 1, words, &used);
  REQUIRE(again.size() == 1);  // nothing else is left: a used one is still shown
}

TEST_CASE("quotes: with concepts, a text holds a label's word when it says the word's concept in other words") {
  const luister::AspectTaxonomy concepts = luister::AspectTaxonomy::parse(
      "container\tname\tContainer\ncontainer\tterm\tcontainer\ncontainer\tterm\tkliko\n"
      "ophalen_mis\tname\tNiet opgehaald\nophalen_mis\tterm\tniet geleegd\nophalen_mis\tterm\tovergeslagen\n",
      "concepts.tsv");
  luister::ThemeWords plain;
  luister::ThemeWords words(nullptr, &concepts);
  // "geleegd" is said by "niet geleegd" (a phrase term: the negator is part of it), "container" by itself.
  const std::vector<std::string> keys = words.label_keys("container niet geleegd");
  REQUIRE(keys.size() == 2);
  CHECK(keys[0].find("|#container") != std::string::npos);
  CHECK(keys[1].find("|#ophalen_mis") != std::string::npos);
  const std::vector<std::string_view> texts = {"Onze kliko is weer overgeslagen", "Container niet geleegd",
                                               "De container is kapot", "Niemand kwam"};
  CHECK(luister::label_coverage(texts, "container niet geleegd", words) == doctest::Approx(0.5));
  // Without concepts only the same words count.
  CHECK(luister::label_coverage(texts, "container niet geleegd", plain) == doctest::Approx(0.25));
  // A concept never stands in for a word it does not say: "kapot" is in no concept here.
  CHECK(luister::label_coverage(texts, "container kapot", words) == doctest::Approx(0.25));
}

TEST_CASE("quotes: an answer that says what is wrong is quoted before one that only tells what happened") {
  luister::ThemeWords words;
  // The account is the most typical (it shares the most words), yet the complaints come first.
  std::vector<luister::QuoteCandidate> c = {
      {"Ik heb een melding gedaan en de melding is afgehandeld", {"T1"}, "a", "a", false},
      {"De melding is afgehandeld maar de put loopt nog steeds over", {"T1"}, "b", "b", true},
      {"Melding afgehandeld zonder dat er iemand is geweest", {"T1"}, "c", "c", true},
  };
  std::vector<std::size_t> picked = luister::pick_theme_quotes(c, "T1", "melding afgehandeld", 2, words);
  REQUIRE(picked.size() == 2);
  CHECK(std::find(picked.begin(), picked.end(), 0u) == picked.end());
  // When nothing else holds the label, the account is still quoted.
  c[1].states = c[2].states = false;
  picked = luister::pick_theme_quotes(c, "T1", "melding afgehandeld", 3, words);
  CHECK(picked.size() == 3);
}

TEST_CASE("quotes: an answer that makes the complaint its point is quoted before praise with a reservation") {
  luister::ThemeWords words;
  // The praise with a reservation is the most typical (it shares the most words), yet comes last.
  std::vector<luister::QuoteCandidate> c = {
      {"Leges waren te hoog voor de vergunning, verder prima geholpen en de vergunning is snel verleend", {"T1"}, "a", "a",
       true, true},
      {"De leges zijn te hoog", {"T1"}, "b", "b", true, false},
      {"Veel te hoge leges voor een dakkapel", {"T1"}, "c", "c", true, false},
  };
  std::vector<std::size_t> picked = luister::pick_theme_quotes(c, "T1", "te hoge leges", 3, words);
  REQUIRE(picked.size() == 3);
  CHECK(picked.back() == 0u);
}

TEST_CASE("quotes: luister-score's clauses tell whether an answer says what is wrong") {
  CHECK(luister::clauses_state_wrong("+ erg vriendelijk | - maar de wachttijd was lang"));
  CHECK(luister::clauses_state_wrong("- zou fijn zijn als het sneller gaat"));
  CHECK_FALSE(luister::clauses_state_wrong("0 ik heb een boom gemeld | 0 die scheef staat"));
  CHECK_FALSE(luister::clauses_state_wrong("+ wat een mooi afspraaksysteem"));
  CHECK(luister::clauses_state_wrong(""));  // no clauses column: not known, no demotion
}

TEST_CASE("quotes: a label that adds its aspect's complaint is held by its topic") {
  luister::ThemeWords words;
  CHECK(luister::members_words("vergunning: duurt te lang") == "vergunning");
  CHECK(luister::members_words("niet teruggebeld") == "niet teruggebeld");
  const std::vector<std::string_view> texts = {"de vergunning kwam pas na tien weken", "nooit iets gehoord"};
  CHECK(luister::label_coverage(texts, "vergunning: duurt te lang", words) == doctest::Approx(0.5));
}

TEST_CASE("quotes: clauses written with their aspects ('-wachttijd ...') are read alike") {
  CHECK(luister::clauses_state_wrong("+bejegening erg vriendelijk | -wachttijd maar de wachttijd was lang"));
  CHECK_FALSE(luister::clauses_state_wrong("0kosten ik heb gevraagd wat het kost | +bejegening vriendelijk"));
}
