// Word forms: stopwords, Snowball stemming, compound splitting against the real wdutch word list
// (installed by scripts/deps) plus lexicons/compounds-extra.txt.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/text/wordforms.hpp"

namespace {

const luister::CompoundSplitter& splitter() {
  static const luister::CompoundSplitter s;  // loaded once for every test case here
  return s;
}

// A file in /tmp holding `text`, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/luister-wordforms-XXXXXX";
    int fd = ::mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path_ = name;
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

TEST_CASE("wordforms: stopwords in and out") {
  luister::StopWords stop;
  CHECK(stop.size() > 250);
  CHECK(stop.size() < 400);
  struct Case {
    const char* word;
    bool stop;
  };
  const Case cases[] = {
      {"de", true},            // article
      {"het", true},           // article
      {"een", true},           // article
      {"en", true},            // conjunction
      {"van", true},           // preposition
      {"ik", true},            // pronoun
      {"zijn", true},          // auxiliary
      {"omdat", true},         // subordinator
      {"daarna", true},        // pronominal adverb
      {"m'n", true},           // clitic as respondents type it
      {"mn", true},            // the same without apostrophe
      {"niet", false},         // negator: sentiment needs it
      {"geen", false},         // negator
      {"nooit", false},        // negator
      {"niets", false},        // negator
      {"niemand", false},      // negator
      {"nergens", false},      // negator
      {"zonder", false},       // negator
      {"maar", false},         // contrast: what follows counts more
      {"echter", false},       // contrast
      {"toch", false},         // contrast
      {"alleen", false},       // contrast / restriction
      {"heel", false},         // intensifier
      {"erg", false},          // intensifier
      {"zeer", false},         // intensifier
      {"te", false},           // "te lang": excess
      {"wel", false},          // affirms against a negation
      {"vrij", false},         // downtoner ("vrij lang")
      {"goed", false},         // evaluative
      {"slecht", false},       // evaluative
      {"oké", false},          // evaluative
      {"wachttijd", false},    // a topic word
      {"balie", false},        // a topic word
      {"De", false},           // callers lower-case first
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.word));
    CHECK(stop.contains(c.word) == c.stop);
  }
}

TEST_CASE("wordforms: no stopword is a negator or intensifier of the sentiment lexicons") {
  luister::StopWords stop;
  for (const char* file : {"negators-nl.txt", "intensifiers-nl.tsv"}) {
    std::istringstream in(luister::read_file(luister::find_data_file(file)));
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::string term = line.substr(0, line.find('\t'));
      CAPTURE(std::string(file));
      CAPTURE(term);
      CHECK_FALSE(stop.contains(term));  // sentiment needs it, so clustering must not drop it
    }
  }
}

TEST_CASE("wordforms: stopwords from an explicit file") {
  TempFile file("# comment\nfoo\r\n  bar  \n\nbaz\n");
  luister::StopWords stop(file.path());
  CHECK(stop.size() == 3);       // comment and blank line skipped
  CHECK(stop.contains("foo"));   // CR of a CRLF line trimmed
  CHECK(stop.contains("bar"));   // spaces trimmed
  CHECK_FALSE(stop.contains("# comment"));
  CHECK_THROWS_AS(luister::StopWords("/nonexistent/stopwords.txt"), luister::IoError);
}

TEST_CASE("wordforms: Snowball Dutch stems") {
  luister::Stemmer stem;
  struct Case {
    const char* word;
    const char* stem;
  };
  // What Snowball's Dutch algorithm really gives; the point is that inflections meet.
  const Case cases[] = {
      {"wachten", "wacht"},              // infinitive
      {"wacht", "wacht"},                // stem form unchanged
      {"wachtte", "wacht"},              // past tense
      {"gewacht", "gewacht"},            // participles keep ge-
      {"afspraken", "afsprak"},          // plural; long vowel undoubled
      {"afspraak", "afsprak"},           // singular meets the plural
      {"vriendelijke", "vriendelijk"},   // inflected adjective
      {"vriendelijkheid", "vriendelijk"},  // -heid removed
      {"medewerkers", "medewerker"},     // plural -s
      {"containers", "container"},       // loan word plural
      {"brieven", "briev"},              // v stays (no f/v undo)
      {"lange", "lang"},                 // inflected adjective
      {"snelle", "snell"},               // doubled consonant kept
      {"geholpen", "geholp"},            // strong participle
      {"behandeling", "behandel"},       // -ing removed
      {"duidelijkheid", "duidelijk"},    // -heid removed
      {"gemeente", "gemeent"},           // final -e removed
      {"loketten", "loket"},             // doubled consonant undone
      {"wachttijden", "wachttijd"},      // compound plural
      {"ideeën", "ideeen"},              // diaeresis removed
      {"café", "caf"},                   // accented vowel is a vowel too
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.word));
    CHECK(stem.stem(c.word) == c.stem);
  }
  CHECK(stem.stem("") == "");  // empty stays empty
}

TEST_CASE("wordforms: compounds") {
  struct Case {
    const char* word;
    const char* parts;  // join(): parts with their linkers, '|' between
    const char* why;
  };
  const Case cases[] = {
      {"wachttijd", "wacht|tijd", "a listed compound of two long parts is split"},
      {"afsprakensysteem", "afspraken|systeem", "plural first part kept: 'afsprak' is no singular"},
      {"klantonvriendelijk", "klant|onvriendelijk", "noun + adjective"},
      {"klantvriendelijk", "klant|vriendelijk", "noun + adjective"},
      {"stadsdeel", "stads|deel", "linker -s- (part 'stad')"},
      {"pannenkoek", "pannen|koek", "spelling changes are not undone: 'pannen' stays"},
      {"gemeentehuis", "gemeente|huis", "longest first part, not gemeen|tehuis"},
      {"rijbewijsaanvraag", "rijbewijs|aanvraag", "fewest parts, not rij|bewijs|aan|vraag"},
      {"supersnel", "super|snel", "booster + adjective"},
      {"arbeidsmarkt", "arbeids|markt", "linker -s-"},
      {"verkeersdrempel", "verkeers|drempel", "linker -s-"},
      {"bestemmingsplan", "bestemmings|plan", "linker -s- after -ing"},
      {"klantenservice", "klanten|service", "linker -en-"},
      {"geitekaas", "geite|kaas", "linker -e- (old spelling, unlisted)"},
      {"levensloop", "levens|loop", "'leven' mostly takes -s-: not leven|sloop"},
      {"molensteen", "molen|steen", "'molen' rarely takes -s-: not molens|teen"},
      {"verkeersteken", "verkeers|teken", "-s- expected after 'verkeer'"},
      {"tijdstip", "tijd|stip", "no unexpected linker"},
      {"reiskosten", "reis|kosten", "'reis' is a word of its own (reizen)"},
      {"mensvriendelijk", "mens|vriendelijk", "'mens' is a word of its own (mensen)"},
      {"huisartsenpost", "huisartsen|post", "longest first part with -en-"},
      {"kinderopvang", "kinder|opvang", "'kinder' from compounds-extra, not kind|erop|vang"},
      {"wachttijdklachten", "wachttijd|klachten", "unlisted compound of a compound"},
      {"parkeervergunningaanvraag", "parkeervergunning|aanvraag", "long unlisted compound"},
      {"afvalcontainerprobleem", "afvalcontainer|probleem", "domain compound"},
      {"balieafspraak", "balie|afspraak", "domain words"},
      {"wmoaanvraag", "wmo|aanvraag", "abbreviation word from compounds-extra"},
      {"caféterras", "café|terras", "accented part"},
      {"ideeënlijst", "ideeën|lijst", "diaeresis in a part"},
      {"telefoongesprek", "telefoon|gesprek", "head starting with ge- is fine"},
      {"paspoort", "paspoort", "listed: 'pas' is shorter than 4 letters"},
      {"rijbewijs", "rijbewijs", "listed: 'rij' is shorter than 4 letters"},
      {"bedrijfstak", "bedrijfstak", "listed: 'tak' too short, and no bedrijf|stak"},
      {"grofvuil", "grofvuil", "=grofvuil in compounds-extra: never split"},
      {"stadhuis", "stadhuis", "=stadhuis in compounds-extra: never split"},
      {"gemeente", "gemeente", "not a compound"},
      {"balie", "balie", "short word"},
      {"vergunning", "vergunning", "prefix ver- is no part"},
      {"betaalbaar", "betaalbaar", "suffix -baar is no head"},
      {"bereikbaar", "bereikbaar", "suffix -baar is no head"},
      {"onduidelijk", "onduidelijk", "prefix on- is no part"},
      {"onderzoek", "onderzoek", "listed, starts with a particle: onder|zoek is a derivation"},
      {"voorkeur", "voorkeur", "listed, starts with a particle"},
      {"teruggebeld", "teruggebeld", "listed, particle + participle"},
      {"achteloosheid", "achteloosheid", "listed: no -e- split (achte|loosheid)"},
      {"indruisende", "indruisende", "-ende is no head"},
      {"xyzzyqwerty", "xyzzyqwerty", "unknown and unsplittable"},
      {"wachtttijd", "wachtttijd", "a typo is not split into guesses"},
      {"e-mail", "e-mail", "hyphenated words are not split"},
      {"covid19", "covid19", "digits: not split"},
      {"", "", "empty"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.why));
    CAPTURE(std::string(c.word));
    CHECK(luister::CompoundSplitter::join(splitter().split(c.word)) == c.parts);
  }
}

TEST_CASE("wordforms: linkers are reported apart from the part") {
  struct Case {
    const char* word;
    std::vector<luister::CompoundPart> parts;
  };
  const Case cases[] = {
      {"stadsdeel", {{"stad", "s"}, {"deel", ""}}},              // -s-, 'stads' is no word of its own
      {"arbeidsmarkt", {{"arbeid", "s"}, {"markt", ""}}},        // -s-
      {"klantenservice", {{"klant", "en"}, {"service", ""}}},    // -en-
      {"geitekaas", {{"geit", "e"}, {"kaas", ""}}},              // -e-
      {"reiskosten", {{"reis", ""}, {"kosten", ""}}},            // 'reis' ends in s, no linker
      {"afsprakensysteem", {{"afspraken", ""}, {"systeem", ""}}},  // 'afsprak' is not the singular
      {"pannenkoek", {{"pannen", ""}, {"koek", ""}}},            // 'pann' is no word
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.word));
    auto parts = splitter().split(c.word);
    REQUIRE(parts.size() == c.parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
      CHECK(parts[i].word == c.parts[i].word);
      CHECK(parts[i].linker == c.parts[i].linker);
    }
  }
}

TEST_CASE("wordforms: join") {
  CHECK(luister::CompoundSplitter::join({}) == "");
  CHECK(luister::CompoundSplitter::join({{"wacht", ""}}) == "wacht");
  CHECK(luister::CompoundSplitter::join({{"stad", "s"}, {"deel", ""}}) == "stads|deel");
  CHECK(luister::CompoundSplitter::join({{"a", "en"}, {"b", "s"}, {"c", ""}}) == "aen|bs|c");
}

TEST_CASE("wordforms: known words") {
  const auto& s = splitter();
  CHECK(s.size() > 300000);
  CHECK(s.known("lang"));
  CHECK(s.known("wachttijd"));
  CHECK(s.known("amsterdam"));  // names are listed capitalised, looked up lower-case
  CHECK(s.known("wmo"));        // from compounds-extra
  CHECK(s.known("grofvuil"));   // '=' entries are known too
  CHECK(s.known("café"));
  CHECK_FALSE(s.known("laang"));
  CHECK_FALSE(s.known("=grofvuil"));
  CHECK_FALSE(s.known(""));
}

TEST_CASE("wordforms: explicit word lists, and a fresh splitter never sees an old one's cache") {
  TempFile extra("# extra\n=appeltaart\n");
  {
    TempFile list("Appel\ntaart\nboom\nappeltaart\n");
    luister::CompoundSplitter s(list.path(), extra.path());
    CHECK(s.size() == 4);
    CHECK(luister::CompoundSplitter::join(s.split("appelboom")) == "appel|boom");
    CHECK(luister::CompoundSplitter::join(s.split("appeltaart")) == "appeltaart");  // kept whole
  }
  // Same word, different list: the answer must come from this splitter, not a cached one.
  TempFile list2("appel\nboo\nm\n");
  luister::CompoundSplitter s2(list2.path(), extra.path());
  CHECK(luister::CompoundSplitter::join(s2.split("appelboom")) == "appelboom");
  CHECK_THROWS_AS(luister::CompoundSplitter("/nonexistent/dutch", extra.path()), luister::IoError);
}

TEST_CASE("wordforms: split() from several threads") {
  const char* words[] = {"wachttijd", "stadsdeel", "klantenservice", "paspoort", "rijbewijsaanvraag"};
  std::vector<std::string> expected;
  for (const char* w : words) expected.push_back(luister::CompoundSplitter::join(splitter().split(w)));
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 1000; ++round)
        for (std::size_t i = 0; i < expected.size(); ++i)
          if (luister::CompoundSplitter::join(splitter().split(words[i])) != expected[i]) ++wrong[t];
    });
  for (auto& th : threads) th.join();
  for (int w : wrong) CHECK(w == 0);
}

TEST_CASE("wordforms: adjective bases undo the spelling an -e changed") {
  using Bases = std::array<std::string, 2>;
  CHECK(luister::adjective_bases("snelle") == Bases{"snel", ""});   // doubled consonant
  CHECK(luister::adjective_bases("toffe") == Bases{"tof", ""});
  CHECK(luister::adjective_bases("vieze") == Bases{"vies", ""});    // z for s after a long vowel
  CHECK(luister::adjective_bases("lieve") == Bases{"lief", ""});    // v for f
  CHECK(luister::adjective_bases("boze") == Bases{"bos", "boos"});  // the open syllable's vowel doubled
  CHECK(luister::adjective_bases("slordige") == Bases{"", ""});     // nothing changed: the stem finds it
  CHECK(luister::adjective_bases("snel") == Bases{"", ""});         // no -e
}
