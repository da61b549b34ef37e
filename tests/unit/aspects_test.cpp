// The aspect taxonomy (lexicons/aspects-nl.tsv): its format, its checks, and how terms match.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "luister/base/error.hpp"
#include "luister/lexicon/aspects.hpp"

namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text + " ") {
    if (c == ' ') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else if (c == ',') {
      if (!w.empty()) out.push_back(w);
      w.clear();
      out.emplace_back();  // a break
    } else {
      w += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("aspects: malformed files are errors with their line") {
  struct Case {
    const char* text;
    unsigned line;
    const char* why;
  };
  const Case cases[] = {
      {"a\tname\tA\na\tterm\n", 2, "a term line without its term"},
      {"a\tname\tA\na\tseed\twacht\n", 2, "unknown kind"},
      {"A\tname\tA\n", 1, "capitals in a key"},
      {"wacht-tijd\tname\tW\n", 1, "a key with a dash"},
      {"a\tname\tA\na\tterm\tWacht\n", 2, "capitals in a term"},
      {"a\tname\tA\na\tterm\twacht  lang\n", 2, "double space in a term"},
      {"a\tname\tA\na\tterm\twacht\na\tterm\twacht\n", 3, "a term twice for one aspect"},
      {"a\tname\tA\na\tname\tB\n", 2, "two names"},
      {"a\tterm\twacht\n", 1, "an aspect without a name, at its first line"},
      {"a\tname\tA\na\tterm\twa*cht\n", 2, "a '*' inside a word"},
      {"a\tname\tA\na\tterm\t\xff\xfe\n", 2, "bytes that are not UTF-8"},
      {"# only a comment\n", 0, "no aspects at all"},
      {"a\tname\tA\na\ttype\tthing\n", 2, "a type other than object or problem"},
      {"a\tname\tA\na\ttype\tobject\na\ttype\tproblem\n", 3, "two types"},
      {"a\tname\tA\na\tcomplaint\tte lang\na\tcomplaint\tlang wachten\n", 3, "two complaints"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.why));
    try {
      luister::AspectTaxonomy::parse(c.text, "x.tsv");
      FAIL("no error for: " << c.why);
    } catch (const luister::InputError& e) {
      CHECK(e.file() == "x.tsv");
      CHECK(e.line() == c.line);
    }
  }
}

TEST_CASE("aspects: a term listed under two aspects is fine, and order is kept") {
  auto t = luister::AspectTaxonomy::parse("b\tname\tB\nb\tterm\twacht\na\tname\tA\na\tterm\twacht\n", "x.tsv");
  REQUIRE(t.aspects().size() == 2);
  CHECK(t.aspects()[0].key == "b");
  CHECK(t.find("a") == 1);
  CHECK(t.find("c") == -1);
  luister::AspectMatcher m(t);
  CHECK(m.best(words_of("lang wachten")) == 0);  // a tie goes to the earlier aspect
}

TEST_CASE("aspects: a concept's type is optional, object or problem") {
  auto t = luister::AspectTaxonomy::parse(
      "bak\tname\tContainer\nbak\ttype\tobject\nmis\ttype\tproblem\nmis\tname\tNiet geleegd\nvrij\tname\tV\n", "x.tsv");
  REQUIRE(t.aspects().size() == 3);
  CHECK(t.aspects()[0].type == luister::ConceptType::kObject);
  CHECK(t.aspects()[1].type == luister::ConceptType::kProblem);
  CHECK(t.aspects()[2].type == luister::ConceptType::kUnset);
}

TEST_CASE("aspects: every shipped concept says whether it is an object or a problem") {
  auto t = luister::AspectTaxonomy::load({}, "concepts-nl.tsv");
  for (const auto& c : t.aspects()) {
    CAPTURE(c.key);
    CHECK(c.type != luister::ConceptType::kUnset);
  }
  CHECK(t.aspects()[static_cast<std::size_t>(t.find("melding_dicht"))].type == luister::ConceptType::kProblem);
  CHECK(t.aspects()[static_cast<std::size_t>(t.find("melding"))].type == luister::ConceptType::kObject);
}

TEST_CASE("aspects: how the words of a term match") {
  auto t = luister::AspectTaxonomy::parse(
      "kosten\tname\tKosten\nkosten\tterm\t=leges\n"
      "terug\tname\tTerugbellen\nterug\tterm\tterugbel*\nterug\tterm\tniets meer gehoord\n"
      "wacht\tname\tWachttijd\nwacht\tterm\twacht\n",
      "x.tsv");
  luister::CompoundSplitter splitter;
  luister::AspectMatcher m(t, &splitter);
  struct Case {
    const char* text;
    int aspect;  // -1: none
    const char* why;
  };
  const Case cases[] = {
      {"de leges waren hoog", 0, "an exact form"},
      {"ze leggen het niet uit", -1, "an exact form does not match by stem (leggen)"},
      {"een terugbelverzoek", 1, "a prefix of a longer word"},
      {"ze zouden terugbellen", 1, "a prefix"},
      {"daarna niets meer gehoord", 1, "a phrase, words in a row"},
      {"niets, meer gehoord", -1, "a phrase does not cross a break"},
      {"niets gehoord meer", -1, "a phrase keeps its order"},
      {"we moesten wachten", 2, "a stem: wachten"},
      {"de wachttijd was lang", 2, "a stem as a compound part: wacht|tijd"},
      {"prima geholpen", -1, "no term"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.why));
    CHECK(m.best(words_of(c.text)) == c.aspect);
  }
  // A phrase counts twice: "lang wachten, niets meer gehoord" → terugkoppeling 2, wachttijd 1.
  auto h = m.hits(words_of("lang wachten , niets meer gehoord"));
  CHECK(h[1] == 2);
  CHECK(h[2] == 1);
}

TEST_CASE("aspects: an aspect's complaint is optional; every shipped aspect has one") {
  auto t = luister::AspectTaxonomy::parse("a\tname\tA\na\tcomplaint\tlange wachttijd\nb\tname\tB\n", "x.tsv");
  REQUIRE(t.aspects().size() == 2);
  CHECK(t.aspects()[0].complaint == "lange wachttijd");
  CHECK(t.aspects()[1].complaint.empty());
  const luister::AspectTaxonomy shipped = luister::AspectTaxonomy::load();
  for (const auto& a : shipped.aspects()) {
    CAPTURE(a.key);
    CHECK_FALSE(a.complaint.empty());
  }
}

TEST_CASE("aspects: the shipped taxonomy loads and names the issue's aspects") {
  auto t = luister::AspectTaxonomy::load();
  for (const char* key : {"wachttijd", "bereikbaarheid", "terugkoppeling", "afspraak", "openingstijden", "digitaal",
                          "brieven_uitleg", "doorlooptijd", "kosten", "deskundigheid", "bejegening", "doorverwijzen",
                          "melding_niet_opgelost"}) {
    CAPTURE(key);
    CHECK(t.find(key) >= 0);
  }
  luister::CompoundSplitter splitter;
  luister::AspectMatcher m(t, &splitter);
  struct Case {
    const char* text;
    const char* aspect;
  };
  const Case cases[] = {
      {"ik ben nooit teruggebeld", "terugkoppeling"},
      {"van het kastje naar de muur gestuurd", "doorverwijzen"},
      {"de leges voor een paspoort zijn te hoog", "kosten"},
      {"de app werkt niet", "digitaal"},
      {"ik kon pas over zes weken een afspraak maken", "afspraak"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    int a = m.best(words_of(c.text));
    REQUIRE(a >= 0);
    CHECK(t.aspects()[a].key == c.aspect);
  }
}
