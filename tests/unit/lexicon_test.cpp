// Lexicon lines, layering, and the statistics luister-eval reports.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "luister/base/error.hpp"

#include "luister/eval/eval.hpp"
#include "luister/lexicon/lexicon.hpp"

TEST_CASE("lexicon: lines") {
  struct Case {
    const char* line;
    bool ok;
    const char* term;  // "" for comments/header
    const char* why;
  };
  const Case cases[] = {
      {"vriendelijk\t0.6\tservice", true, "vriendelijk", "word with tags"},
      {"goed\t0.5", true, "goed", "tags are optional"},
      {"kastje naar de muur\t-0.8\tidiom", true, "kastje naar de muur", "multi-word expression"},
      {"teleurstel*\t-0.6\t", true, "teleurstel", "wildcard"},
      {"# comment", true, "", "comment"},
      {"term\tscore\ttags", true, "", "header"},
      {"", true, "", "blank"},
      {"goed 0.5", false, "", "no tab"},
      {"goed\tveel", false, "", "score not a number"},
      {"goed\t1.5", false, "", "score out of range"},
      {"goed\tnan", false, "", "NaN is no score"},
      {"goed\t-nan", false, "", "negative NaN is no score"},
      {"goed\tinf", false, "", "infinity is no score"},
      {"goed\t1e999", false, "", "a score beyond double's range"},
      {"Goed\t0.5", false, "", "capitals"},
      {"twee  spaties\t0.1", false, "", "double space"},
      {"half woord*\t0.1", false, "", "wildcard on an expression"},
      {"caf\xC3\t0.1", false, "", "bad UTF-8"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.why));
    luister::LexiconLine e;
    std::string error;
    CHECK(luister::parse_lexicon_line(c.line, e, error) == c.ok);
    if (c.ok) CHECK(e.term == c.term);
    else CHECK_FALSE(error.empty());
  }
}

TEST_CASE("lexicon: layers override, process layers only for their process") {
  luister::Lexicon lex;
  std::string dir = std::string(LUISTER_TEST_DATA) + "/data/";
  lex.add_layer(dir + "lexicon-test.tsv");
  lex.add_layer(dir + "lexicon-wmo.tsv", "Wmo");
  CHECK(lex.lookup("snel", "")->score() == doctest::Approx(0.4));
  CHECK(lex.lookup("snel", "Wmo")->score() == doctest::Approx(-0.3));
  CHECK(lex.lookup("teleurstellend", "")->term() == "teleurstel");  // wildcard
  CHECK(lex.may_match_wildcard("teleurstellend"));
  CHECK_FALSE(lex.may_match_wildcard("snel"));  // no wildcard starts with "sn"
  CHECK_FALSE(lex.may_match_wildcard("t"));
  // for_each_word: the single-word terms of every layer, each layer's once; no expression.
  std::vector<std::string> single;
  lex.for_each_word([&](std::string_view w) { single.emplace_back(w); });
  CHECK(std::count(single.begin(), single.end(), "snel") == 2);
  CHECK(std::find(single.begin(), single.end(), "kastje") == single.end());
  std::vector<std::string_view> words{"van", "het", "kastje", "naar", "de", "muur"};
  std::size_t len = 0;
  const auto* e = lex.match(words, 2, "", &len);
  REQUIRE(e);
  CHECK(len == 4);
  CHECK(e->line() > 0);
}

TEST_CASE("lexicon: a term listed twice in one file is an error naming both lines; a later layer overrides") {
  char name[] = "/tmp/luister-lexicon-XXXXXX";
  int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(name) << "term\tscore\ttags\ngoed\t0.5\nslecht\t-0.6\ngoed\t-0.5\n";
  luister::Lexicon lex;
  try {
    lex.add_layer(name);
    FAIL("a duplicate term was taken");
  } catch (const luister::InputError& e) {
    CHECK(e.file() == name);
    CHECK(e.line() == 4);
    CHECK(std::string(e.what()).find("already on line 2") != std::string::npos);
  }
  // Listed once per file, a term in a later layer overrides the earlier one: no error.
  std::ofstream(name, std::ios::trunc) << "goed\t-0.5\n";
  luister::Lexicon layered;
  layered.add_layer(std::string(LUISTER_TEST_DATA) + "/data/lexicon-test.tsv");
  layered.add_layer(name);
  CHECK(layered.lookup("goed", "")->score() == doctest::Approx(-0.5));
  ::unlink(name);
}

TEST_CASE("eval: gold labels and Spearman") {
  int label = 9;
  CHECK(luister::parse_gold_label("Positief", label));
  CHECK(label == 1);
  CHECK(luister::parse_gold_label(" -1 ", label));
  CHECK(label == -1);
  CHECK(luister::parse_gold_label("neu", label));
  CHECK(label == 0);
  CHECK_FALSE(luister::parse_gold_label("misschien", label));
  CHECK(luister::spearman({1, 2, 3, 4}, {10, 20, 30, 40}) == doctest::Approx(1.0));
  CHECK(luister::spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == doctest::Approx(-1.0));
  CHECK(luister::spearman({1, 2, 2, 3}, {1, 2, 3, 4}) == doctest::Approx(0.9486833));  // ties get average ranks
  CHECK(std::isnan(luister::spearman({1, 2}, {1, 2})));
}
