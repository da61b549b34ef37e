// Sentiment rules, one by one, against a small test lexicon (tests/data/).
#include <doctest/doctest.h>

#include <algorithm>
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
  o.non_answers = data("non-answers-test.txt");
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

TEST_CASE("sentiment: the strongest point sets how bad; each further one adds half its weight") {
  // Three mild points are no worse than one strong one, but worse than one of them.
  CHECK(score("kastje naar de muur gestuurd") < score("wachttijd, lang en traag"));
  CHECK(score("wachttijd, lang en traag") < score("traag"));
}

TEST_CASE("sentiment: an answer that also says the opposite in a clause of its own counts half") {
  luister::SentimentScorer::Worker w(scorer());
  const luister::SentimentResult mixed = w.score("vriendelijk, maar slecht");
  CHECK(mixed.polarity == "negative");  // the polarity is the sum's, decided before
  CHECK(mixed.score > score("slecht") + 0.1);
  CHECK(score("slecht, maar wel vriendelijk") < score("vriendelijk") - 0.1);
  CHECK(score("slecht, maar wel vriendelijk") >= 0.05);
  // By the share of its clauses on its side: one kind word in a long complaint takes little off.
  const double story = score("vriendelijk, maar slecht geregeld. traag. de wachttijd was lang. niet bereikbaar");
  const double plain = score("slecht geregeld. traag. de wachttijd was lang. niet bereikbaar");
  CAPTURE(story);
  CAPTURE(plain);
  CHECK(story < 0.6 * plain);
  // Only a turn makes a complaint's praise a concession: said in passing, it softens nothing
  // beyond its own weight, and two complaints stay worse than one mild one.
  CHECK(score("slecht. vriendelijk. slecht.") < score("traag"));
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
        "after contrast x1.5]; lang -0.495 [booster(heel x1.5), exclamation x1.1, after contrast x1.5]; "
        "maar -0.400 [contrast(maar)]");
  REQUIRE(r.evidence.size() == 4);
  CHECK(r.evidence[0].entry->line() == 4);  // the lexicon line that scored it
}

TEST_CASE("sentiment: a whole answer that says nothing is neutral, whatever its words") {
  luister::SentimentScorer::Worker w(scorer());
  for (const char* text : {"Niet goed, niet slecht.", "NIET GOED niet slecht!", "zie bijlage", "Geen idee?"}) {
    CAPTURE(text);
    const auto r = w.score(text);
    CHECK(r.non_answer);
    CHECK(r.score == 0);
    CHECK(r.polarity == "neutral");
    CHECK(r.evidence.empty());
    CHECK(luister::SentimentScorer::format_evidence(r) == "(non-answer)");
    CHECK(std::all_of(r.clauses.begin(), r.clauses.end(), [](const auto& c) { return c.score == 0; }));
  }
  // Only the whole answer: the same words with more said are scored as ever.
  CHECK(score("niet goed") < 0);
  CHECK(score("niet goed, niet slecht, maar de wachttijd was slecht") < 0);
  CHECK(score("zie bijlage, heel slecht") < 0);
  CHECK_FALSE(w.score("").non_answer);  // no answer at all is not a non-answer: nothing was said
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
  CHECK(e->term() == "traag");
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

// The complaint rules (issue 17) against the default lexicons: each case names the rule that must
// show in the evidence and the polarity it must give; the controls must keep their praise.
namespace {

const luister::SentimentScorer& default_scorer() {
  static const luister::SentimentScorer s(luister::SentimentOptions{});
  return s;
}

struct RuleCase {
  const char* text;
  const char* rule;      // a substring of the evidence's rules, "" for none required
  const char* polarity;
};

}  // namespace

TEST_CASE("sentiment: complaint rules name themselves and turn the answer negative") {
  const RuleCase cases[] = {
      {"Ze zouden maandag bellen. Niets gehoord.", "expectation(zouden…niets)", "negative"},
      {"Toegezegd dat het vrijdag klaar was. Het is nu dinsdag.", "elapsed(het is nu)", "negative"},
      {"Ik wacht al 5 weken op mijn pas.", "duration(al 5 weken)", "negative"},
      {"Ruim anderhalf uur gewacht bij de balie.", "duration(ruim anderhalf uur gewacht)", "negative"},
      {"3x gebeld, nooit iemand aan de lijn.", "count(3x)", "negative"},
      {"Mijn oude adres staat nog altijd in het systeem.", "persist(nog altijd)", "negative"},
      {"Pak die telefoon nou eens op!!", "imperative(pak…", "negative"},
      {"Hoe komen jullie aan dat bedrag?", "question(hoe…?)", "negative"},
      {"Super hoor, weer twee weken zonder pas.", "sarcasm(hoor)", "negative"},
      {"Heerlijk, drie kwartier in de wacht. Aanrader.", "sarcasm(heerlijk,)", "negative"},
      {"Een sms als het klaar is zou handig zijn.", "wish(zou…handig)", "negative"},
      {"Een lager tarief voor wie weinig afval heeft zou eerlijk zijn.", "wish(zou…eerlijk)", "negative"},
      {"Geef gewoon een overzicht van de kosten.", "wish(geef)", "negative"},
      {"Graag uitleg in gewone taal.", "wish(graag)", "negative"},
      {"Kunnen jullie de brieven weer op papier sturen?", "wish(kunnen jullie…?)", "negative"},
      {"Ik heb geen jaar de tijd om te wachten.", "scope(om te)", "negative"},
      {"Ik kan niet langer wachten op mijn uitkering.", "scope(niet langer)", "negative"},
      {"Ik snap niet waarom het zo lang duurde.", "scope(vraagwoord)", "negative"},
      {"Ik ben niet meer bang als de bel gaat.", "negation(niet)", "positive"},
      {"Nooit lang hoeven wachten op een reactie van mijn consulent.", "negation(nooit lang)", "positive"},
      {"Niet lang op gewacht, de pas lag er binnen twee weken.", "negation(niet lang)", "positive"},
      {"Zo ingewikkeld kan dat toch niet zijn.", "rhetorical(toch niet)", "negative"},
      {"Ik heb geen idee of ik goed geholpen ben.", "uncertain(idee…of)", "negative"},
      {"De stoep is 'hersteld' met wat zand.", "scare quotes('hersteld')", "negative"},
      {"Niemand kon mij vertellen waar mijn aanvraag was.", "", "negative"},
      {"Niemand heeft me ooit teruggebeld, ook niet na mijn klacht daarover.", "scope(na)", "negative"},
      {"Er is nog nooit iemand teruggekomen op mijn vragen.", "negation(nooit)", "negative"},
      {"Afspraak om 10:15. Om 11:05 was ik aan de beurt.", "delay(50 min)", "negative"},
      // Each rule that is skipped for answers lacking what it starts from, started from each of them:
      // a number word, an ordinal, dates without a numeral token's clock time, a double quote mark.
      {"Ik heb twee keer gebeld en niemand nam op.", "count(twee keer)", "negative"},
      {"Voor de vierde keer een melding gedaan.", "count(vierde keer)", "negative"},
      {"Grofvuil aangemeld op 15 september. Eerste ophaalmoment: 22 oktober.", "delay(37 days)", "negative"},
      {"De weg is \"gerepareerd\" met wat zand.", "scare quotes(\"gerepareerd\")", "negative"},
      {"De medewerker was heel behulpzaam, maar de vergunning duurde langer dan beloofd.", "contrast(maar)", "negative"},
      // Controls: praise and plain facts the rules must leave alone.
      {"Ik hoefde niets opnieuw in te vullen.", "relief(hoeven niets)", "positive"},
      {"Ik hoefde niets nog eens in te vullen 👍", "", "positive"},
      {"Nooit eerder zo snel een reactie gehad van de gemeente.", "scope(nooit eerder)", "positive"},
      // "nooit (meer) zo X" is a superlative: X keeps its sign (and "zo" boosts it).
      {"Nog nooit zo slecht meegemaakt.", "booster(zo x1.3), scope(nooit zo)", "negative"},
      {"Nooit meer zo snel de milieustraat door geweest.", "scope(nooit zo)", "positive"},
      {"De medewerker was nooit vriendelijk.", "negation(nooit)", "negative"},
      // A negated "lang" reaches the wait right after it, nothing else: "niet lang" was not long.
      {"Niet lang geduurd, wel slecht geregeld.", "", "negative"},
      // An evaluation heading a dat-clause judges the clause: its negator does not negate back.
      {"Slecht dat je na het doorgeven niks meer hoort.", "slecht -0.700", "negative"},
      {"Vriendelijk was hij niet.", "negation after(niet)", "negative"},
      // ... but not one that denies it is gone: the bad thing is still there.
      {"De stank is niet weg, ondanks de melding.", "stank -0.600", "negative"},
      {"Nooit gedacht dat het zo makkelijk kon.", "scope(dat)", "positive"},
      // A dat-clause after a denied noun says which of them: the negation reaches into it.
      {"Er was geen dag dat de bus op tijd kwam.", "scope(geen … dat)", "negative"},
      {"Ik had geen idee dat het zo snel zou gaan, top!", "scope(dat)", "positive"},
      {"Snel geholpen, binnen 10 minuten stond ik weer buiten. Top!", "", "positive"},
      {"Heel fijn geholpen hoor, echt een aanrader.", "", "positive"},
      {"Ga zo door!", "", "positive"},
      {"Hou het zo, het gaat goed.", "", "positive"},  // asks to keep it: praise, not a wish
      {"Redelijk.", "", "neutral"},  // a middling verdict
      {"Het was oké, een zesje.", "", "neutral"},
      {"Middelmatig.", "", "neutral"},
      {"Het is afgehandeld, verder geen mening.", "", "neutral"},  // handled is a fact, not praise
      {"Snel en netjes afgehandeld.", "", "positive"},
      {"Ik had een simpele vraag over de openingstijden.", "", "neutral"},  // the question is simple
      {"Het is niet normaal dat ik drie keer moest bellen.", "is niet normaal", "negative"},
      {"Vergunning verleend met een paar voorwaarden.", "", "neutral"},
      {"Inschrijving van mijn partner op mijn adres geregeld.", "", "neutral"},
      {"Mijn e-mail werd na twee weken beantwoord met een standaardtekst.", "", "negative"},
      {"Mijn mail werd dezelfde dag nog beantwoord.", "", "positive"},
      {"Er was helemaal niks geregeld voor de afsluiting.", "niks geregeld", "negative"},
      {"Mijn moeder krijgt sinds september begeleiding via de Wmo.", "", "neutral"},
      {"Na 4 jaar schuldenvrij! Dank jullie wel.", "schuldenvrij", "positive"},  // good news, not irony
      {"De chauffeur is een schat van een man, maar hij komt elke dag te laat.", "contrast(maar)", "negative"},
      {"Wat een schat, die mevrouw aan de balie.", "wat een schat", "positive"},
      {"Voldoende, niet meer en niet minder.", "", "neutral"},
      {"Redelijke prijs voor wat je krijgt.", "redelijke prijs", "positive"},
      {"Weet niet zo goed wat beter kan.", "", "neutral"},  // how well one knows, not how it went
      {"Het ging niet goed met mijn aanvraag.", "negation(niet)", "negative"},
      {"Keurig, niks aan toe te voegen.", "", "positive"},
      {"Niet verwacht dat het zo soepel zou gaan, echt top", "scope(dat)", "positive"},
      {"Nooit het gevoel gehad dat we als ouders tekortschoten, heel fijn", "scope(gevoel dat)", "positive"},
      {"Leuk hoor, ruim 100 euro betalen voor een parkeerkaart. Dat is te gortig.", "sarcasm(hoor)", "negative"},
      // An emoji is a mood beside the words, no praise of what they tell: "hoor" before a plain
      // account still reads as irony with a thumb after it; a thumb after meant praise stays praise.
      {"Geweldig hoor, de buitendienst. Je belt over de paal, het komt in een lijst en daar blijft het bij 👍",
       "sarcasm(geweldig hoor)", "negative"},
      {"Top geregeld hoor, de nieuwe pas lag er binnen een week 👍", "", "positive"},
      // After an opening "Leuk hoor," a sentence that only exclaims carries the irony on; one whose
      // clause praises something of its own is meant.
      {"Leuk hoor, voor een stempel moet je op dinsdagochtend langskomen. Fijn als je toevallig vrij hebt.",
       "sarcasm(leuk hoor)", "negative"},
      {"Top hoor, binnen een dag geregeld. Fijn dat het zo snel ging.", "", "positive"},
      // Relief opening an answer that tells of trouble, with nothing else to be glad of, is irony;
      // beside praise of what went well it is meant.
      {"Gelukkig heb ik de tijd, ik wacht al 5 maanden op een antwoord.", "sarcasm(gelukkig)", "negative"},
      {"Gelukkig was de medewerker vriendelijk, want ik stond 2 uur te wachten.", "", "positive"},
      {"Gelukkig hoefde ik niet lang te wachten.", "", "positive"},
      // Dates far apart tell a delay though a step of them says what was done: that step is a fact.
      {"Melding gedaan op 2 mei, opgelost op 14 juli.", "opgelost +0.000 [timeline]", "negative"},
      // "pas" alone before a duration says how short it is; before an event, how late.
      {"Ik woon hier pas 2 jaar.", "", "neutral"},
      {"De uitnodiging kwam pas drie dagen van tevoren.", "duration(pas drie dagen)", "negative"},
      // "wel en niet" names both sides: its "niet" negates nothing.
      {"De regels over wat wel en niet mag zijn heel vaag.", "", "negative"},
      // Praise of the rest after a remark ("Verder prima.") is meant, no irony.
      {"Mooie bibliotheek met veel boeken. Er is wel weinig plek om te zitten. Verder prima.", "", "positive"},
      // "geen moment" is "nooit": its scope reaches the dat-clause after a feeling.
      {"Geen moment het gevoel gehad dat ik lastig was.", "scope(gevoel dat)", "positive"},
      // Speed praised beside a wait of a season is irony, also as a compound's head ("bliksemsnel").
      {"Bliksemsnel geregeld hoor, binnen een seizoen had ik mijn pas.", "sarcasm(speed…seizoen)", "negative"},
      // "X en niet Y" sets a party apart, it denies no action; after a negator it lists what failed.
      {"Het pad wordt onderhouden door de bewoners en niet door de gemeente.", "", "neutral"},
      {"Ik kon nergens online opzeggen, niet op de site en niet via de app.", "negation(nergens)", "negative"},
      // A shrug is a middling verdict where nothing else complains; finding it hard to judge yet is none.
      {"mwah", "middling(mwah)", "neutral"},
      {"Tja, het is een zwembad.", "middling(tja)", "neutral"},
      {"Meh, lang gewacht.", "", "negative"},
      {"Ik woon er net, moeilijk om al een oordeel te geven.", "", "neutral"},
      // A grade the answer states in a sentence of its own; not the numbers of a list.
      {"Eindelijk iemand die luistert. 9.", "grade(9)", "positive"},
      {"Zo hoort het. 10/10", "grade(10/10)", "positive"},
      {"Dit was niks. Een 3 van mij.", "grade(3)", "negative"},
      {"1. de wachtruimte 2. de koffie", "", "neutral"},
      // A state verb last in the clause "sinds" opens says what changed, not what was left.
      {"Sinds er een hek om het veldje staat, spelen de kinderen er weer.", "", "neutral"},
      {"Fijne app. Alleen staat de straat vol met containers die niemand komt legen.", "", "negative"},
      // Irony without "hoor" or an emoji: a condition few meet, praise over a complaint in its
      // dat-clause, a wait said to be the norm; and the praise they must leave alone.
      {"Handige app, als je tenminste een nieuwe telefoon hebt.", "sarcasm(als … tenminste)", "negative"},
      {"Zo fijn dat de stoep al 3 maanden opengebroken ligt.", "sarcasm(fijn dat)", "negative"},
      {"Knap hoe een formulier twee keer zoek kan raken.", "sarcasm(knap hoe)", "negative"},
      {"Vier weken is kennelijk de standaard voor een terugbelverzoek.", "sarcasm(is kennelijk)", "negative"},
      {"Fijn dat de afvalpas binnen 2 weken thuis was.", "", "positive"},
      {"Knap hoe de medewerker alles snel voor me uitzocht.", "", "positive"},
      {"Bedankt dat u zo geduldig bleef.", "", "positive"},
      // Praise over a dat-clause whose subject denies an action, or over facts that say "again",
      // "still", "by now", "apparently"; and the praise of relief or of help that must stay.
      {"Zo fijn dat niemand even belt als de pas klaar ligt.", "sarcasm(fijn dat)", "negative"},
      {"Geweldig, de parkeervergunning is er. Het is inmiddels maart.", "sarcasm(geweldig,)", "negative"},
      {"Top, ik sta alweer in de rij voor hetzelfde formulier.", "sarcasm(top,)", "negative"},
      {"Fijn dat ik me geen zorgen meer hoef te maken over de rekening.", "", "positive"},
      {"Heel goed dat er hulp is voor mensen die het niet breed hebben.", "", "positive"},
      {"Top, ik kon direct terecht bij de balie.", "", "positive"},
      // "of" between two words is "or", not "whether": the negated action stands; "nog geen enkele" denies.
      {"Er was geen enkele vrijdag- of zaterdagmiddag meer te krijgen dit jaar.", "negation(geen)", "negative"},
      {"Er is nog geen enkele maatregel genomen tegen het hardrijden.", "negation(geen)", "negative"},
      // An unscored participle right after the negator is the action denied, not the noun after it.
      {"Er werd helemaal niet gekeken naar de schade aan mijn huis.", "", "negative"},
      // A final "nooit" does not look back across a demonstrative's noun: what happened to it is denied.
      {"Die naheffing had er gewoon nooit mogen komen.", "", "negative"},
      // Dates far apart, also as week numbers; a week's difference is no delay.
      {"In week 20 gebeld voor de aanvraag. Afspraak gekregen in week 29.", "delay(63 days)", "negative"},
      {"In week 20 aangevraagd, in week 21 ontvangen.", "", "neutral"},
      // An opening clause of three words exclaims when its praise or a word of degree starts it.
      {"Heel goed geregeld, ik wacht inmiddels vier maanden op een antwoord.", "sarcasm(heel,)", "negative"},
      {"Netjes geholpen uiteindelijk, na 3x bellen.", "", "positive"},
      // What something took, a high price, an evaluation of an infinitive, an announced drawback.
      {"Het duurde alleen wel een paar maanden.", "duration(duurde…maanden)", "negative"},
      {"Het duurde ongeveer een kwartier.", "", "neutral"},
      {"Prijs is wel fors voor een papiertje.", "price(prijs is wel fors)", "negative"},
      {"Een forse verbetering ten opzichte van vorig jaar.", "", "neutral"},
      {"De brief was moeilijk te begrijpen.", "complement(te begrijpen)", "negative"},
      {"Fijne sporthal, enige minpuntje is dat de douches koud zijn.", "announces(koud)", "positive"},
      {"Snel geholpen, enkel de wachtruimte was wat koud.", "", "positive"},
      {"Na 4 weken en 2 naheffingen heb ik hem nog steeds niet.", "duration(na 4 weken)", "negative"},
      // "al" after the delay says it came soon; "al" before a duration says how long it has been.
      {"Fijn dat de gemeente na 3 weken al belde.", "", "positive"},
      {"Lang gewacht, maar uiteindelijk heel goed geholpen.", "", "positive"},
      {"Goed geholpen. De brieven blijven wel lastig, maar mijn consulent legt ze uit.", "", "positive"},
      {"Pas aangevraagd, over een week ophalen.", "", "neutral"},
      {"Ik heb een paspoort aangevraagd en het is over twee weken klaar.", "", "neutral"},
      {"geen opmerkingen", "", "neutral"},
      // "grof vuil", "grof afval": a kind of waste (grofvuil), not a judgement; "grof" alone still is one.
      {"Snel terecht voor grof afval.", "", "positive"},
      {"Wat een grof antwoord kreeg ik.", "grof", "negative"},
      {"zou het niet weten", "", "neutral"},
      // Clock times told in words count as the digits do.
      {"Om kwart over 10 in de rij gaan staan. Om 11:20 was ik eindelijk aan de beurt.", "delay(65 min)", "negative"},
      {"Afspraak om half 3, om kwart voor 4 aan de beurt.", "delay(75 min)", "negative"},
      // A duration before silence or nothing is a wait.
      {"Daarna was het 10 weken stil.", "duration(10 weken stil)", "negative"},
      {"Drie weken niks, toen kwam de brief.", "duration(drie weken niks)", "negative"},
      {"Het heeft me een week gekost om iemand te spreken.", "duration(een week gekost)", "negative"},
      // Laughter beside trouble is irony; beside praise alone it is a joke shared.
      {"Fijn om te weten dat ik te rijk ben voor de stadspas, had ik zelf nooit gemerkt 😂", "sarcasm(😂)", "negative"},
      {"Top geholpen 😂", "", "positive"},
      // A short time before what was done is praise of speed; promised, negated or beside a complaint it is not.
      {"Binnen 2 dagen was de lantaarnpaal gemaakt.", "quick(binnen 2 dagen)", "positive"},
      {"In 10 minuten klaar aan de balie.", "quick(in 10 minuten)", "positive"},
      {"Ze zouden het binnen 2 dagen regelen.", "", "neutral"},
      {"Het was niet binnen een week klaar.", "", "negative"},
      {"Binnen een week was hij weer kapot.", "", "negative"},
      // A middling verdict is neither praise nor complaint; a strong word in it still is one.
      {"Het was oké maar ook niet meer dan dat.", "middling(niet meer dan dat)", "neutral"},
      {"het was in orde, meer niet", "middling(meer niet)", "neutral"},
      {"Sommige dagen goed, andere dagen minder.", "middling(soms…minder)", "neutral"},
      {"Dit jaar ook goed en ook minder goed.", "middling(ook minder)", "neutral"},
      {"Heel snel geholpen, niks bijzonders verder.", "", "positive"},
      {"Sommige medewerkers zijn onbeschoft, andere minder.", "", "negative"},
      // An answer that only tells what was reported names what was wrong in the street, not the service.
      {"Melding gedaan van een kapotte prullenbak in het park.", "reported(melding)", "neutral"},
      {"Ik heb een lantaarnpaal gemeld die kapot is.", "reported(melding)", "neutral"},
      {"Meldingen over kapotte bomen worden slecht opgepakt.", "slecht", "negative"},
      {"Melding gedaan over een kapotte bank, niemand is komen kijken.", "", "negative"},
      {"Gemeld dat de put verstopt zit, bij elke bui staat de straat blank.", "", "negative"},
  };
  luister::SentimentScorer::Worker w(default_scorer());
  for (const RuleCase& c : cases) {
    CAPTURE(c.text);
    const luister::SentimentResult r = w.score(c.text);
    const std::string evidence = luister::SentimentScorer::format_evidence(r);
    CAPTURE(evidence);
    CHECK(r.polarity == c.polarity);
    if (*c.rule) CHECK(evidence.find(c.rule) != std::string::npos);
  }
}

// Praise before a clause that concedes ("wel", "helaas") is meant: the answer is mixed, its praise
// stays praise (what goes well), and its complaint still decides it.
TEST_CASE("sentiment: praise before a concession is no sarcasm") {
  luister::SentimentScorer::Worker w(default_scorer());
  for (const char* text : {"Snel geholpen, wel 3 weken gewacht op mijn pas.", "Vriendelijk ontvangen, helaas 2x moeten komen."}) {
    CAPTURE(text);
    const luister::SentimentResult r = w.score(text);
    const std::string evidence = luister::SentimentScorer::format_evidence(r);
    CAPTURE(evidence);
    CHECK(evidence.find("sarcasm") == std::string::npos);
    CHECK(std::any_of(r.evidence.begin(), r.evidence.end(), [](const luister::Evidence& e) { return e.contribution > 0; }));
  }
}

TEST_CASE("sentiment: a wish is mild criticism, never strongly positive or strongly negative") {
  luister::SentimentScorer::Worker w(default_scorer());
  for (const char* text : {"Het zou fijn zijn als jullie ook op zaterdag open zijn.", "Graag een sms als de pas klaar ligt.",
                           "Zorg dat je de afspraak ook via de telefoon kunt maken."}) {
    CAPTURE(text);
    const double s = w.score(text).score;
    CHECK(s < -0.05);
    CHECK(s > -0.6);
  }
}

TEST_CASE("sentiment: a wish alone is milder than a complaint of its weight") {
  // wish(graag) weighs -0.35, "wachten" -0.3.
  const double wish = score("graag een sms als de pas klaar ligt");
  CHECK(wish <= -0.05);
  CHECK(wish > score("ik moest wachten"));
}

TEST_CASE("sentiment: a negative word in a wish names the problem and counts half") {
  luister::SentimentScorer::Worker w(default_scorer());
  const luister::SentimentResult wish = w.score("Een terugbeloptie in plaats van in de wacht blijven hangen zou fijn zijn.");
  const std::string evidence = luister::SentimentScorer::format_evidence(wish);
  CAPTURE(evidence);
  CHECK(evidence.find("in de wacht -0.300 [problem in wish(zou…fijn) x0.5]") != std::string::npos);
  CHECK(wish.polarity == "negative");
  // Mild criticism (at full weight the problem would make it -0.689), below the same complaint.
  CHECK(wish.score > -0.6);
  CHECK(w.score("Ik bleef in de wacht hangen, dat is niet fijn.").score < wish.score);
}

TEST_CASE("sentiment: 'nooit' before a noun phrase reads as the lexicon's 'geen' term") {
  luister::SentimentScorer::Worker w(default_scorer());
  for (const char* text : {"nooit antwoord gekregen", "ik heb nooit een reactie gehad"}) {
    CAPTURE(text);
    const luister::SentimentResult r = w.score(text);
    const std::string evidence = luister::SentimentScorer::format_evidence(r);
    CAPTURE(evidence);
    CHECK(evidence.find("[as:geen]") != std::string::npos);
    CHECK(r.score == doctest::Approx(w.score("geen antwoord gekregen").score));
  }
  // A term of its own wins ("nooit meer iets gehoord"); no "geen" term: the negator as ever.
  CHECK(luister::SentimentScorer::format_evidence(w.score("nooit meer iets gehoord")).find("as:geen") == std::string::npos);
  CHECK(luister::SentimentScorer::format_evidence(w.score("nooit snel")).find("as:geen") == std::string::npos);
}

TEST_CASE("sentiment: an imperative verb before a participle is no wish ('Mail gestuurd op 14 oktober')") {
  luister::SentimentScorer::Worker w(default_scorer());
  CHECK(luister::SentimentScorer::format_evidence(w.score("Mail gestuurd op 14 oktober", "", true)).find("wish(") ==
        std::string::npos);
  CHECK(luister::SentimentScorer::format_evidence(w.score("Mail de uitslag naar me toe", "", true)).find("wish(mail)") !=
        std::string::npos);
}

// Asked what could be better, a proposal for more of something names what is lacking: its good
// words are what it asks for. Not an answer that asks for more of what it praises in words of its own.
TEST_CASE("sentiment: a proposal for more ('Meer afspraken beschikbaar maken') is a wish, not praise") {
  luister::SentimentScorer::Worker w(default_scorer());
  for (const char* text : {"Meer afspraken beschikbaar maken", "Vaker een duidelijke brief sturen"}) {
    CAPTURE(text);
    const luister::SentimentResult r = w.score(text, "", true);
    CHECK(r.polarity == "negative");
    CHECK(luister::SentimentScorer::format_evidence(r).find("wish(verbeteren)") != std::string::npos);
    CHECK(w.score(text, "", false).polarity == "positive");  // the rule is of the improvement question
  }
  CHECK(w.score("Meer van dat, echt top!", "", true).polarity == "positive");
  CHECK(w.score("Meer medewerkers zoals de vrouw van vandaag, zij was heel vriendelijk", "", true).polarity == "positive");
}

// Asked what could be better, no opinion or little to improve is no proposal.
TEST_CASE("sentiment: 'lastig te zeggen', 'normaal', 'niet veel' answer the improvement question with no proposal") {
  luister::SentimentScorer::Worker w(default_scorer());
  for (const char* text : {"Lastig te zeggen, we hadden geen vergelijking met een vorige keer", "normaal",
                           "niet veel, ik gebruik de auto bijna niet", "Moeilijk te beoordelen"}) {
    CAPTURE(text);
    CHECK(w.score(text, "", true).polarity == "neutral");
  }
  CHECK(w.score("Niet veel wachten bij de balie graag", "", true).polarity != "neutral");
  CHECK(w.score("Lastige formulieren eenvoudiger maken", "", true).polarity == "negative");
}

TEST_CASE("sentiment: praise hoped for or promised ('hoop dat het snel opgelost wordt') is not had") {
  luister::SentimentScorer::Worker w(default_scorer());
  CHECK(w.score("Ik hoop dat het snel opgelost wordt.").score < -0.05);
  CHECK(w.score("Er is mij beloofd dat ik teruggebeld zou worden.").score < -0.05);
  // Before the hope, and after the clause, praise is the resident's own.
  CHECK(w.score("Ik werd snel geholpen en ik hoop dat het zo blijft.").score > 0.3);
  CHECK(w.score("Ik hoop dat het zo blijft, super geholpen!").score > 0.3);
}

TEST_CASE("sentiment: having had little to do with it ('weinig mee te maken gehad') is no negated action") {
  luister::SentimentScorer::Worker w(default_scorer());
  CHECK(w.score("Ik heb er weinig mee te maken gehad, het liep gewoon.").score == 0);
  CHECK(w.score("Ik heb er niet zoveel mee te maken, mijn ex regelt het.").score == 0);
  CHECK(w.score("Ik kon niet zomaar een nieuwe afspraak maken.").score < -0.05);
}

TEST_CASE("sentiment: each clause gets its own polarity") {
  luister::SentimentScorer::Worker w(default_scorer());
  const luister::SentimentResult r = w.score("Erg vriendelijk, maar de wachttijd was 30 minuten.");
  std::string clauses;
  luister::SentimentScorer::append_clauses(r, w.analyzed(), clauses);
  CHECK(clauses == "+ erg vriendelijk | - maar de wachttijd was 30 minuten");
  REQUIRE(r.clauses.size() == 2);
  CHECK(r.clauses[0].score > 0);
  CHECK(r.clauses[1].score < 0);
  CHECK(r.clauses[0].aspect.empty());  // no aspect taxonomy yet
  // A clause with nothing scored is "0"; a "|" in the answer cannot break the column apart.
  const luister::SentimentResult n = w.score("Ik heb een afspraak gemaakt | via de site.");
  clauses.clear();
  luister::SentimentScorer::append_clauses(n, w.analyzed(), clauses);
  CHECK(clauses.rfind("0 ", 0) == 0);
  CHECK(std::count(clauses.begin(), clauses.end(), '|') == static_cast<long>(n.clauses.size() - 1) * 1);
  // A line break ends a sentence, and a "|" in the same answer still becomes a space.
  const luister::SentimentResult b = w.score("Heel\nvriendelijk | geholpen");
  clauses.clear();
  luister::SentimentScorer::append_clauses(b, w.analyzed(), clauses);
  CHECK(clauses == "0 heel | + vriendelijk   geholpen");
}

TEST_CASE("sentiment: an unknown word class in the complaint word file is an error naming its line") {
  const std::string path = std::string(LUISTER_TEST_DATA) + "/data/complaint-bad.tsv";
  luister::SentimentOptions o;
  o.complaint_words = path;
  CHECK_THROWS_AS(luister::SentimentScorer{o}, luister::InputError);
  try {
    luister::SentimentScorer s{o};
  } catch (const luister::InputError& e) {
    CHECK(std::string(e.what()).find("unknown word class 'spoed'") != std::string::npos);
  }
}
