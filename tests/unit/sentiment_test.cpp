// Sentiment rules, one by one, against a small test lexicon (tests/data/).
#include <doctest/doctest.h>

#include <string>

#include "luister/base/error.hpp"
#include "luister/sentiment/sentiment.hpp"

namespace {

std::string data(const char* name) { return std::string(LUISTER_TEST_DATA) + "/data/" + name; }

luister::SentimentOptions options() {
  luister::SentimentOptions o;
  o.lexicons = {{"", data("lexicon-test.tsv")}, {"Wmo", data("lexicon-wmo.tsv")}};
  o.default_lexicons = false;  // the rules against the small test lexicon alone
  o.negators = data("negators-test.txt");
  o.intensifiers = data("intensifiers-test.tsv");
  return o;
}

const luister::SentimentScorer& scorer() {
  static const luister::SentimentScorer s(options());
  return s;
}

double score(const char* text, const char* process = "") {
  luister::SentimentScorer::Worker w(scorer());
  return w.score(text, process).score;
}

}  // namespace

TEST_CASE("sentiment: plain lexicon words") {
  CHECK(score("de medewerker was vriendelijk") > 0.3);
  CHECK(score("slecht geregeld") < -0.3);
  CHECK(score("ik heb een afspraak gemaakt") == 0);  // a zero entry moves nothing
  CHECK(score("de balie is op de eerste verdieping") == 0);  // nothing known: neutral
}

TEST_CASE("sentiment: negation, including the cases peers get wrong") {
  CHECK(score("geen probleem") > 0);              // a negated negative is positive
  CHECK(score("niet slecht") > 0);
  CHECK(score("niet slecht") < score("goed"));    // ... but milder than plain praise
  CHECK(score("nergens last van gehad") > 0);
  CHECK(score("niet onvriendelijk") > 0);
  CHECK(score("niet vriendelijk") < 0);
  CHECK(score("ik ben niet teruggebeld") < 0);
  CHECK(score("zonder probleem geregeld") > 0);
  CHECK(score("vriendelijk was hij niet") < 0);   // negator after the word
  CHECK(score("vriendelijk waren ze niet echt") < 0);
  // A negator whose scope ran out before the phrase does not turn back on it at the clause end.
  CHECK(score("bellen heeft geen zin want je krijgt geen gehoor") < 0);
  CHECK(score("niemand die het wist en het duurde veel te lang") < 0);
  // The scope ends at punctuation: the second clause is not negated.
  CHECK(score("niet lang, wel vriendelijk") > score("vriendelijk") - 0.001);
}

TEST_CASE("sentiment: boosters and downtoners") {
  CHECK(score("heel vriendelijk") > score("vriendelijk"));
  CHECK(score("ontzettend slecht") < score("slecht"));
  CHECK(score("een beetje lang") > score("lang"));  // less negative
  CHECK(score("redelijk goed") < score("goed"));
  CHECK(score("supersnel") > score("snel"));        // booster as compound part
}

TEST_CASE("sentiment: contrast weights the part after it") {
  CHECK(score("vriendelijk maar slecht") < 0);
  CHECK(score("slecht, maar wel vriendelijk") > 0);
  CHECK(score("snel, alleen de wachttijd was lang") < 0);
}

TEST_CASE("sentiment: emphasis") {
  CHECK(score("TOP") > score("top"));             // capitals
  CHECK(score("top!!!") > score("top"));          // exclamation marks
  CHECK(score("slechhhht") < score("slecht"));    // elongation, squeezed by the normaliser
}

TEST_CASE("sentiment: idioms, wildcards, stems, compounds, prefixes, emoji") {
  CHECK(score("van het kastje naar de muur gestuurd") < -0.5);
  CHECK(score("met een kluitje in het riet gestuurd") < -0.5);
  CHECK(score("teleurstellend") < 0);              // wildcard teleurstel*
  CHECK(score("teleurgesteld") == 0);               // not matched by that wildcard
  CHECK(score("vriendelijke mensen") > 0);          // stem
  CHECK(score("klantvriendelijk") > 0);             // compound head
  CHECK(score("onbereikbaar") < 0);                 // on- prefix of a positive word
  CHECK(score("\xF0\x9F\x98\xA1") < 0);             // emoji
  CHECK(score("prima geholpen :-)") > 0);           // emoticon
}

TEST_CASE("sentiment: an expression is read whole before its first word negates or boosts") {
  CHECK(score("ik kreeg geen gehoor") < -0.5);     // "geen" starts the idiom, negates nothing
  CHECK(score("erg genoeg") < 0);                  // "erg" starts the idiom, boosts nothing
  CHECK(score("geen gehoor") < score("gehoor"));  // (nothing else changes: "gehoor" alone is no entry)
}

TEST_CASE("sentiment: a word that is its own stem, and an inflected compound head") {
  CHECK(score("ik wacht al weken") < 0);           // "wacht" is its own stem; the index leads to "wachten"
  CHECK(score("klantonvriendelijke balie") < 0);   // head "onvriendelijke" through the stem index
}

TEST_CASE("sentiment: a process layer overrides for its process only") {
  CHECK(score("snel") > 0);
  CHECK(score("snel", "Wmo") < 0);
  CHECK(score("snel", "Paspoort") > 0);
}

TEST_CASE("sentiment: evidence names the terms, rules and contributions") {
  luister::SentimentScorer::Worker w(scorer());
  auto r = w.score("Niet slecht, maar de wachttijd was HEEL lang!");
  CHECK(r.polarity == "negative");
  CHECK(luister::SentimentScorer::format_evidence(r) ==
        "slecht +0.198 [negation(niet), exclamation x1.1, before contrast x0.5]; wachttijd -0.660 [exclamation x1.1, "
        "after contrast x1.5]; lang -0.495 [booster(heel x1.5), exclamation x1.1, after contrast x1.5]");
  REQUIRE(r.evidence.size() == 3);
  CHECK(r.evidence[0].entry->line == 4);  // the lexicon line that scored it
}

TEST_CASE("sentiment: scores stay within -1..1") {
  CHECK(score("TOP TOP TOP TOP TOP!!!") < 1.0);
  CHECK(score("slecht slecht slecht slecht slecht") > -1.0);
}

TEST_CASE("sentiment: inflected forms find their entry through the stem index") {
  luister::Lexicon lex;
  lex.add_layer(std::string(LUISTER_TEST_DATA) + "/data/lexicon-test.tsv");
  luister::Stemmer stem;
  // "trage" and "traag" share the Snowball stem "trag"; the index leads from one to the other.
  const auto* e = lex.lookup_stem(stem.stem("trage"), "");
  REQUIRE(e);
  CHECK(e->term == "traag");
  CHECK(score("trage afhandeling") < 0);
}

TEST_CASE("sentiment: superlatives of adjectives; comparatives unscored; on- through the stem for adjectives") {
  luister::SentimentOptions o = options();
  o.lexicons = {{"", data("lexicon-forms.tsv")}};
  const luister::SentimentScorer forms(o);
  auto result = [&](const char* text) {
    luister::SentimentScorer::Worker w(forms);
    return w.score(text, "");
  };
  auto via = [&](const char* text) {
    auto r = result(text);
    return r.evidence.empty() ? std::string("(none)") : r.evidence.front().via;
  };
  CHECK(result("de aardigste medewerker").score > 0);
  CHECK(via("de aardigste medewerker") == "superlative:aardig");
  CHECK(via("de vriendelijkste balie") == "superlative:vriendelijk");
  CHECK(result("de moedste").score == 0);              // "moed" is a noun: no superlative
  CHECK(result("aardiger personeel graag").score == 0);  // a comparative is mostly a wish: unscored
  CHECK(result("ongeduldige medewerker").score < 0);     // on- + "geduldige" -> stem -> geduldig
  CHECK(via("ongeduldige medewerker") == "prefix:on");
  CHECK(result("ondanks de drukte").score == 0);        // on- + "danks" -> dank is a noun: no prefix rule
}

TEST_CASE("sentiment: lexicon layers add to the default lexicons; without the defaults they stand alone") {
  luister::SentimentOptions o;  // default negators and intensifiers
  o.lexicons = {{"Wmo", data("lexicon-wmo.tsv")}};
  const luister::SentimentScorer layered(o);
  luister::SentimentScorer::Worker w(layered);
  CHECK(w.score("geweldig", "Paspoort").score > 0);  // other processes keep the default lexicons
  CHECK(w.score("geweldig", "Wmo").score > 0);       // and so does the process of the layer
  CHECK(w.score("snel", "Wmo").score < 0);           // where the layer overrides what it knows
  CHECK(w.score("snel", "Paspoort").score > 0);
  CHECK(luister::describe_lexicons(o) == "default (sentiment-nl.tsv, emoji-nl.tsv) + Wmo=" + data("lexicon-wmo.tsv"));

  o.default_lexicons = false;  // --no-default-lexicons: a process layer alone leaves the others without one
  CHECK_THROWS_AS(luister::SentimentScorer{o}, luister::UsageError);
  o.lexicons.clear();
  CHECK_THROWS_AS(luister::SentimentScorer{o}, luister::UsageError);
  o.lexicons = {{"", data("lexicon-test.tsv")}};
  const luister::SentimentScorer alone(o);
  luister::SentimentScorer::Worker a(alone);
  CHECK(a.score("geweldig", "").score == 0);  // not in the test lexicon, and no default under it
  CHECK(a.score("goed", "").score > 0);
  CHECK(luister::describe_lexicons(o) == data("lexicon-test.tsv"));
}
