// The shipped lexicons (lexicons/sentiment-nl.tsv, negators, intensifiers) on sentences from survey
// answers: the polarity a reader would give, including the cases lexicon scorers get wrong. These
// guard the data as much as the rules: an entry that misfires (a stem that catches an unrelated word,
// a phrase that never matches) shows up here.
#include <doctest/doctest.h>

#include <string>

#include "luister/sentiment/sentiment.hpp"

namespace {

std::string lexicon(const char* name) { return std::string(LUISTER_TEST_DATA) + "/../lexicons/" + name; }

const luister::SentimentScorer& scorer() {
  static const luister::SentimentScorer s([] {
    luister::SentimentOptions o;
    o.lexicons = {{"", lexicon("sentiment-nl.tsv")}, {"", lexicon("emoji-nl.tsv")}};
    o.default_lexicons = false;  // these very files, from the checkout
    o.negators = lexicon("negators-nl.txt");
    o.intensifiers = lexicon("intensifiers-nl.tsv");
    return o;
  }());
  return s;
}

std::string polarity(const char* text) {
  luister::SentimentScorer::Worker w(scorer());
  return std::string(w.score(text, "").polarity);
}

double score(const char* text) {
  luister::SentimentScorer::Worker w(scorer());
  return w.score(text, "").score;
}

}  // namespace

TEST_CASE("default lexicon: service language") {
  CHECK(polarity("Ik ben niet teruggebeld terwijl dat wel was beloofd") == "negative");
  CHECK(polarity("Van het kastje naar de muur gestuurd") == "negative");
  CHECK(polarity("Ik stond een half uur in de wacht") == "negative");
  CHECK(polarity("Geen gehoor, drie keer gebeld") == "negative");
  CHECK(polarity("Binnen tien minuten geholpen, prima geregeld") == "positive");
  CHECK(polarity("De medewerker dacht goed met me mee") == "positive");
  CHECK(polarity("Ik hoefde niet lang te wachten") == "positive");
  CHECK(polarity("Met een kluitje in het riet gestuurd") == "negative");
  CHECK(polarity("De melding werd afgesloten zonder dat er iets gebeurd is") == "negative");
  CHECK(polarity("Snel doorverbonden met de juiste afdeling") == "positive");
}

TEST_CASE("default lexicon: negation and near-negation") {
  CHECK(polarity("geen probleem") == "positive");
  CHECK(polarity("niet onvriendelijk") == "positive");
  CHECK(polarity("nergens last van gehad") == "positive");
  CHECK(polarity("weinig behulpzaam") == "negative");
  CHECK(polarity("nauwelijks geholpen") == "negative");
  CHECK(polarity("bellen heeft geen zin want je krijgt geen gehoor") == "negative");
}

TEST_CASE("default lexicon: boosters, exclamations, verb forms") {
  CHECK(score("wat een fiasco") < score("fiasco"));  // "wat een" strengthens, "wat" alone softens
  CHECK(score("onwijs goed geholpen") > score("goed geholpen"));
  CHECK(polarity("Ik ergerde me aan de lange rij") == "negative");  // a past form Snowball does not reduce
  CHECK(polarity("Het viel me erg tegen") == "negative");
}

TEST_CASE("default lexicon: words that must not borrow a score") {
  CHECK(score("het gaat om mijn paspoort") == 0);      // gaat is not gaten (holes)
  CHECK(score("ik kwam langs bij het loket") == 0);    // langs is not lang
  CHECK(score("ik heb de leges betaald") == 0);        // betalen is not betaalbaar
  CHECK(score("de balie is open tot vijf uur") == 0);  // open is a fact here
  CHECK(score("een vliegtuig") == 0);                  // no "tuig" inside it
  CHECK(score("daardoor moest ik terugkomen") == 0);   // no "dor" inside it
  CHECK(score("mijn ervaring met de balie") == 0);     // ervaring is not ervaren (experienced)
  CHECK(score("eerdere ervaringen") == 0);
  CHECK(polarity("Slechte ervaring met de balie") == "negative");
  CHECK(score("ondanks de drukte") == 0);              // on- + danks is not a negated dank
  CHECK(polarity("De vriendelijkste medewerker die ik ooit had") == "positive");  // a superlative
}

TEST_CASE("default lexicon: adjectives whose -e changed the spelling find their base form") {
  // The Snowball stem of these is no stem of the base ("snell" is not "snel"): the inflection is undone.
  CHECK(polarity("Een heel snelle afhandeling") == "positive");  // doubled consonant
  CHECK(polarity("Wat een toffe medewerker") == "positive");
  CHECK(polarity("Een stomme fout van de balie") == "negative");
  CHECK(polarity("Een lieve mevrouw aan de telefoon") == "positive");  // v for f
  CHECK(polarity("Een vieze stank bij de container") == "negative");   // z for s
  CHECK(polarity("Ik kreeg een boze brief") == "negative");            // z for s, the vowel doubled: boos
  CHECK(score("in de snelle baan zwemmen") == 0);                      // the fast lane is no praise
}

TEST_CASE("default lexicon: ironic idioms are complaints, not praise") {
  CHECK(polarity("Dat schiet lekker op") == "negative");  // no other word says it
  CHECK(polarity("Mooie boel is het hier") == "negative");
  CHECK(polarity("Mooi is dat.") == "negative");
  CHECK(polarity("Nou, dank je de koekoek") == "negative");
  CHECK(polarity("Succes ermee en bedankt") == "positive");  // a closing wish in a survey is meant
}

TEST_CASE("default lexicon: finding the problem is no problem") {
  CHECK(polarity("Vakkundige mensen, ze zagen meteen waar het probleem zat") == "positive");
  CHECK(polarity("Er is een probleem met mijn aanslag") == "negative");
}

TEST_CASE("default lexicon: passed on well, pointed to help, spared an errand") {
  CHECK(polarity("Ik werd goed doorverwezen naar de juiste organisatie") == "positive");
  CHECK(polarity("Ik werd doorverwezen naar een ander loket") == "negative");
  CHECK(polarity("Ze hebben me gewezen op de parkeervrijstelling") == "positive");
  CHECK(polarity("De medewerker nam mijn id ook mee, scheelde me een extra afspraak") == "positive");
}

TEST_CASE("default lexicon: a hedge about judging is no complaint") {
  CHECK(polarity("Lastig te zeggen, het ging wel") == "neutral");
  CHECK(polarity("Moeilijk te beoordelen, ik was er maar kort") == "neutral");
  CHECK(polarity("Ik kan het niet goed beoordelen, het was mijn eerste keer") == "neutral");
  CHECK(polarity("Lastig in te schatten hoe het beter kan") == "neutral");
  // The words keep their sense where they judge the service.
  CHECK(polarity("De brief was lastig te begrijpen") == "negative");
  CHECK(polarity("Het formulier was moeilijk te vinden") == "negative");
}

TEST_CASE("default lexicon: a light is a lamp, not 'licht' (easy); the light at the end of the tunnel is hope") {
  CHECK(polarity("Het verkeerslicht bij de school staat op knipperen") != "positive");
  CHECK(polarity("Het licht in de tunnel was uit") != "positive");
  CHECK(polarity("Storing aan het stoplicht gemeld") != "positive");
  CHECK(polarity("Het is nog niet klaar, maar ik zie licht aan het eind van de tunnel") == "positive");
}

TEST_CASE("default lexicon: nothing happening in a subordinate clause; a trade is no praise") {
  CHECK(polarity("De uitkomst is dat er gewoon niks gebeurt aan het racen door onze wijk") == "negative");
  CHECK(polarity("Ik heb gehoord dat er niets gebeurde met mijn melding") == "negative");
  CHECK(polarity("De verkeerskundige kwam kijken") == "neutral");
  CHECK(polarity("Een deskundige medewerker") == "positive");
}

TEST_CASE("default lexicon: nothing to compare with or to report is no complaint") {
  CHECK(polarity("Lastig te zeggen, we hadden geen vergelijking met een vorige keer") == "neutral");
  CHECK(polarity("Geen bijzonderheden te melden over de afhandeling") == "neutral");
}

TEST_CASE("default lexicon: a change that is an improvement is praise; room for one or none at all is not") {
  CHECK(polarity("De nieuwe containers voor het oud papier zijn een verbetering") == "positive");
  CHECK(polarity("Het nieuwe loket is een enorme verbetering") == "positive");
  CHECK(polarity("Ik zie geen enkele verbetering sinds mijn melding") == "negative");
  CHECK(polarity("Er is nog ruimte voor verbetering bij de telefoon") == "negative");
}

TEST_CASE("default lexicon: 'eerlijk gezegd' is frankly, 'iets simpels' small, a trade in -kundige no praise") {
  CHECK(polarity("Ik vind de leges eerlijk gezegd te hoog") == "negative");
  CHECK(polarity("Drie keer doorverbonden voor iets simpels") == "negative");
  CHECK(polarity("Ik kan mijn grofvuil nergens kwijt") == "negative");
  CHECK(polarity("Ik kan mijn afval niet kwijt bij de milieustraat") == "negative");
  CHECK(polarity("De boomdeskundige kwam kijken") == "neutral");
  CHECK(polarity("Een eerlijk antwoord gekregen") == "positive");
}

TEST_CASE("default lexicon: a traffic jam is a complaint, none any more a relief") {
  CHECK(polarity("Elke ochtend een file voor de school") == "negative");
  CHECK(polarity("Geen files meer voor de school sinds de nieuwe strook") == "positive");
}

TEST_CASE("default lexicon: no clue, being treated as a criminal, what one can no longer afford") {
  CHECK(polarity("De medewerker had geen flauw idee waar ik het over had") != "positive");
  CHECK(polarity("Ik ben geen crimineel, ik vroeg alleen om hulp") == "negative");
  CHECK(polarity("De huur van de zaal is niet meer betaalbaar voor onze club") == "negative");
}

TEST_CASE("default lexicon: 'erkenning' of a child is a legal act, recognition for something is praise") {
  CHECK(polarity("Erkenning van ons ongeboren kind aangevraagd bij de gemeente") == "neutral");
  CHECK(polarity("Erkenning aangevraagd op 2 juni, pas op 21 juli op het stadhuis geweest") == "negative");
  CHECK(polarity("Eindelijk erkenning voor mijn situatie") == "positive");
  CHECK(polarity("Geen erkenning voor wat wij als mantelzorgers doen") == "negative");
}

TEST_CASE("default lexicon: taking one's time and knowing where one stands, also with an adverb or in the past") {
  CHECK(polarity("De medewerker nam echt de tijd voor ons") == "positive");
  CHECK(polarity("Ze namen alle tijd om het uit te leggen") == "positive");
  CHECK(polarity("Daarna wisten we precies waar we aan toe waren") == "positive");
  CHECK(polarity("We wisten niet waar we aan toe waren") == "negative");
}

TEST_CASE("default lexicon: a minor point conceded with 'alleen' or 'enkel' leaves the praise before it whole") {
  // The praise keeps its weight; the point conceded weighs what its words weigh, no more.
  CHECK(polarity("Alles prima, alleen de wachtruimte was koud") == "positive");
  CHECK(polarity("Goed en snel besluit, alleen dat landelijke loket was een beproeving") == "positive");
  CHECK(polarity("Goed en snel besluit, maar dat landelijke loket was een beproeving") == "negative");
  // A serious point still outweighs it.
  CHECK(polarity("Gesprek was prima, alleen belt niemand meer terug") == "negative");
  CHECK(polarity("Snel geholpen, alleen is mijn vraag na drie weken nog steeds niet beantwoord") == "negative");
}

TEST_CASE("default lexicon: an exception is no praise; forms of complaints with 'ons', 'moest', a blank screen") {
  CHECK(polarity("Er was geen enkele ruimte voor een uitzondering") != "positive");
  CHECK(polarity("Niemand kon ons vertellen wat dan wel goed genoeg was") == "negative");
  CHECK(polarity("Hij zei dat ik het zelf moest oplossen") == "negative");
  CHECK(polarity("Na het inloggen een wit scherm") == "negative");
  CHECK(polarity("Wat heb je eraan als niemand terugbelt") == "negative");
}

TEST_CASE("default lexicon: words that share a stem with an evaluation but do not evaluate") {
  CHECK(polarity("Het duurde slechts een paar minuten") != "negative");  // 'slechts' is only
  CHECK(polarity("Ik kom er regelmatig") == "neutral");                    // not 'matig'
  CHECK(polarity("Je moet op een knop drukken") == "neutral");             // not 'druk'
  CHECK(polarity("Dat kan even duren") == "neutral");                      // not 'duur'
  CHECK(polarity("Wij wonen in een appartementencomplex") == "neutral");   // not 'complex'
  CHECK(polarity("Ik kreeg huishoudelijke ondersteuning") == "neutral");   // a service's name
  CHECK(polarity("Een dure grap, dat rijbewijs") == "negative");           // 'dure' is still dear
}

TEST_CASE("default lexicon: praise told with a separable verb in the past, or kept as it is") {
  CHECK(polarity("De mevrouw legde precies uit hoe het werkt") == "positive");
  CHECK(polarity("Mijn consulent belt altijd terug") == "positive");
  CHECK(polarity("Ze heeft me er echt doorheen gesleept") == "positive");
  CHECK(polarity("Het ging in een paar minuten") == "positive");
  CHECK(polarity("Hij legde niets uit") != "positive");
}

TEST_CASE("default lexicon: not judged, not even needed") {
  CHECK(polarity("Hij luisterde zonder oordeel") == "positive");
  CHECK(polarity("Ik werd niet veroordeeld") == "positive");
  CHECK(polarity("Ik voelde me veroordeeld door de consulent") == "negative");
  CHECK(polarity("Terugbellen was niet eens nodig, ze kwamen meteen") == "positive");
}

TEST_CASE("default lexicon: what goes wrong after the praise in a mixed answer") {
  CHECK(polarity("Heel behulpzaam, maar de vergunning duurde veel langer dan beloofd") == "negative");
  CHECK(polarity("Mooi verlopen, maar de rekening was een klap in het gezicht") == "negative");
  CHECK(polarity("Vriendelijk, maar de put is half dichtgemaakt") == "negative");
}
