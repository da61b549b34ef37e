// Word forms: stopwords, Snowball stemming, compound splitting against the wdutch word list.
#include <doctest/doctest.h>

#include <string>

#include "luister/wordforms.hpp"

namespace {

const luister::CompoundSplitter& splitter() {
  static const luister::CompoundSplitter s;
  return s;
}

}  // namespace

TEST_CASE("wordforms: stopwords") {
  luister::StopWords stop;
  CHECK(stop.size() > 200);
  for (const char* w : {"de", "het", "een", "en", "van", "ik", "zijn", "m'n", "omdat", "daarna"}) {
    CAPTURE(w);
    CHECK(stop.contains(w));
  }
  // Words sentiment needs are never stopwords.
  for (const char* w : {"niet", "geen", "nooit", "niets", "niemand", "nergens", "zonder", "maar", "echter", "toch",
                        "alleen", "heel", "erg", "zeer", "te", "wel", "goed", "slecht", "wachttijd", "balie"}) {
    CAPTURE(w);
    CHECK_FALSE(stop.contains(w));
  }
}

TEST_CASE("wordforms: Snowball Dutch stems") {
  luister::Stemmer stem;
  struct Case {
    const char* word;
    const char* stem;
  };
  // What Snowball's Dutch algorithm gives; the point is that inflections meet.
  const Case cases[] = {
      {"wachten", "wacht"},           {"wacht", "wacht"},        {"afspraken", "afsprak"},
      {"afspraak", "afsprak"},        {"vriendelijke", "vriendelijk"}, {"vriendelijk", "vriendelijk"},
      {"medewerkers", "medewerker"},  {"medewerker", "medewerker"}, {"gebeld", "gebeld"},
      {"containers", "container"},    {"brieven", "briev"},       {"lange", "lang"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.word));
    CHECK(stem.stem(c.word) == c.stem);
  }
  CHECK(stem.stem("wachten") == stem.stem("wacht"));  // inflections share a stem
  CHECK(stem.stem("afspraken") == stem.stem("afspraak"));
}

TEST_CASE("wordforms: compounds split into listed words") {
  struct Case {
    const char* word;
    const char* parts;
    const char* why;
  };
  const Case cases[] = {
      {"wachttijd", "wacht|tijd", "listed compound, both parts long"},
      {"afsprakensysteem", "afspraken|systeem", "plural first part"},
      {"klantonvriendelijk", "klant|onvriendelijk", "noun + adjective"},
      {"klantvriendelijk", "klant|vriendelijk", "noun + adjective"},
      {"stadsdeel", "stads|deel", "listed first part 'stads' (no linker needed)"},
      {"arbeidsmarkt", "arbeids|markt", "linking -s-"},
      {"verkeersdrempel", "verkeers|drempel", "linking -s-"},
      {"gemeentehuis", "gemeente|huis", "listed compound"},
      {"supersnel", "super|snel", "intensifying prefix word"},
      {"rijbewijsaanvraag", "rijbewijs|aanvraag", "fewest parts, whole known parts"},
      {"wachttijdklachten", "wachttijd|klachten", "an unlisted compound of a compound"},
      {"parkeervergunningaanvraag", "parkeervergunning|aanvraag", "long unlisted compound"},
      {"afvalcontainerprobleem", "afvalcontainer|probleem", "domain compound"},
      {"balieafspraak", "balie|afspraak", "domain words from compounds-extra"},
      {"wmoaanvraag", "wmo|aanvraag", "abbreviation word from compounds-extra"},
      {"paspoort", "paspoort", "listed, 'pas' too short to split off"},
      {"rijbewijs", "rijbewijs", "listed, 'rij' too short"},
      {"gemeente", "gemeente", "not a compound"},
      {"balie", "balie", "short word"},
      {"vergunning", "vergunning", "prefix ver- is no part"},
      {"bereikbaar", "bereikbaar", "suffix -baar is no head"},
      {"onduidelijk", "onduidelijk", "prefix on- is no part"},
      {"teruggebeld", "teruggebeld", "participle head keeps a listed verb whole"},
      {"xyzzyqwerty", "xyzzyqwerty", "unknown and unsplittable"},
      {"e-mail", "e-mail", "hyphenated words are not split"},
      {"", "", "empty"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.why));
    CAPTURE(std::string(c.word));
    CHECK(luister::CompoundSplitter::join(splitter().split(c.word)) == c.parts);
  }
}

TEST_CASE("wordforms: linkers are reported separately from the part") {
  auto parts = splitter().split("verkeersdrempel");
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].word == "verkeer");
  CHECK(parts[0].linker == "s");
  CHECK(parts[1].word == "drempel");
  CHECK(parts[1].linker.empty());
}

TEST_CASE("wordforms: known words") {
  CHECK(splitter().known("lang"));
  CHECK(splitter().known("wachttijd"));
  CHECK(splitter().known("grofvuil"));
  CHECK_FALSE(splitter().known("laang"));
  CHECK(splitter().size() > 300000);
}
