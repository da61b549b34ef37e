#include "luister/cluster/labels.hpp"

#include "luister/text/wordforms.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

namespace luister {
namespace {

constexpr std::size_t kMaxWindow = 7;      // words in a label at most
constexpr std::size_t kLabelMembers = 60;  // the most typical members a label is looked for in
constexpr double kComplaintBonus = 2.0;    // a window that says what is wrong, over a topic
constexpr double kMoreBonus = 1.5;         // a window that asks for more of a topic
constexpr double kLongWord = 0.93;         // a window's worth per word beyond five
constexpr double kEdgeWeight = 0.3;        // a window only the least typical member says is worth this much less

struct Window {
  std::vector<std::string> keys;  // stems of its content words
  std::size_t topics = 0;         // content words the lexicon does not score negative
  std::size_t things = 0;         // ... of which no vague action ("container", not "geregeld")
  bool negated = false;           // holds a negator or "te" of degree (not only an evaluative word)
  bool complaint = false;         // says what is wrong: a negator, a booster before no infinitive, a negative word
  bool only_more = false;         // ... only by asking for more of it ("meer balies open")
  std::size_t support = 0;        // members holding it word for word
  std::size_t first = 0;          // the most typical member holding it word for word (its rank)
  std::size_t words = 0;          // words it shows
  bool litotes = false;           // a negator straight before a negative word ("geen probleem"): praise
};

// What a window is worth per member holding it: a topic with what is wrong with it ("niet
// teruggebeld", "te hoge leges") most; a topic alone ("wachten") names no complaint.
double window_factor(const Window& w) {
  const double more = 1.0 + 0.1 * static_cast<double>(std::min<std::size_t>(w.keys.size(), 4) - 1);
  // A heading is read at a glance: beyond five words each costs a little.
  const double longer = std::pow(kLongWord, static_cast<double>(std::max<std::size_t>(w.words, 5) - 5));
  // A wish for more of something says what is lacking less plainly than a complaint about it.
  if (w.complaint) return (w.only_more ? kMoreBonus : kComplaintBonus) * more * longer;
  return (w.topics >= 2 ? 1.0 : 0.3) * more * longer;
}

// Whether the booster at `w[j]` says too much of something ("te duur") rather than opening an
// infinitive ("te betalen"): Dutch infinitives end in -en.
bool degree(const std::vector<std::string>& w, std::size_t j) {
  if (j + 1 >= w.size() || w[j + 1].empty()) return false;
  const std::string& next = w[j + 1];
  return !(next.size() > 3 && next.compare(next.size() - 2, 2, "en") == 0);
}

// Whether a word counts or measures rather than names a thing: "weken", "drie", "40", "euro".
bool is_measure(const std::string& w, LabelWords& lw) {
  static const std::set<std::string> kMoney = {"euro", "eur", "cent", "procent"};
  if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.'; }))
    return true;
  return kMoney.count(w) > 0 || (lw.measure && lw.measure(w));
}

// Nouns too general to say what a complaint is about, and adjectives of degree: a label may hold one
// ("kennis van zaken", "leges te hoog"), but it is no topic ("geen tijd", "geen geld", "te hoog"
// name nothing to fix).
bool generic(const std::string& w) {
  static const std::set<std::string> kGeneric = {
      "tijd",  "geld",   "keer",   "keren", "manier", "mensen",  "iemand", "iets",  "hoop",   "stuk",
      "ding",  "dingen", "zaken",  "zaak",  "vragen", "ochtend", "middag", "avond", "dag",    "dagen",
      "maand", "maanden", "jaar",  "jaren", "week",   "weken",   "uur",    "uren",  "minuten", "kwartier",
      // The municipality's work as a whole: "slechte dienstverlening" says how, not what went wrong.
      "dienstverlening", "service", "beleid", "communicatie", "organisatie", "systeem", "gedoe", "probleem",
      "problemen",
      // What the resident does not know or has not heard: "geen idee", "geen nieuws", "weet niet" say
      // no complaint.
      "idee", "mening", "nieuws", "weet", "weten", "wist",
      // When, said relative to now, and halves: "vorig (jaar)", "gisteravond", "half (uur)" name no
      // thing that went wrong.
      "vorig", "vorige", "volgend", "volgende", "afgelopen", "komend", "komende", "gisteren", "gisteravond",
      "vandaag", "vanavond", "vanochtend", "vanmorgen", "vanmiddag", "morgen", "half", "halve"};
  // Adjectives of degree say how much, not of what: "te hoog" needs its thing ("leges te hoog").
  static const std::set<std::string> kDegree = {"hoog",  "hoge",  "hoger", "laag",  "lage",  "lang",  "lange",
                                                "langer", "duur", "dure",  "duurder", "traag", "trage", "laat",
                                                "late",  "later", "veel",  "weinig", "groot", "grote", "klein",
                                                "kleine", "snel", "snelle"};
  return kGeneric.count(w) > 0 || kDegree.count(w) > 0;
}

// Conjunctions and question or relative words that open a new clause: a label does not run on into
// it ("niet dat die oude", "scherm met hoe lang", "aanvraag waar bijna geen werk").
bool opens_clause(const std::string& w) {
  static const std::set<std::string> kConjunctions = {
      "dat",  "omdat", "want", "maar",    "en",      "of",      "als",     "toen",   "zodat",  "dus",
      "doordat", "hoewel", "terwijl", "wanneer", "waardoor", "waarna", "hoe", "wat", "waar", "wie",
      "welke", "welk", "waarom", "hoeveel", "waarin", "waarop", "waarvoor", "zoals", "nadat", "voordat", "zodra"};
  return kConjunctions.count(w) > 0;
}

// Subject pronouns: where one stands, a clause with its own finite verb runs, and a label is a
// phrase, not a clause ("wacht ik op het terugbellen", "lang voor ik een consulent").
bool subject_pronoun(const std::string& w) { return w == "ik" || w == "wij" || w == "we" || w == "hij"; }

// Finite verbs and auxiliaries that need a subject or a complement around them: a label neither
// opens nor ends with one ("staat het hele balkon vol", "geld kost", "bewijsstukken nodig zijn",
// "niemand neemt").
bool bound_verb(const std::string& w) {
  static const std::set<std::string> kVerbs = {
      "is",     "zijn",   "was",    "waren",  "wordt", "worden", "werd",   "werden", "heeft",  "hebben",
      "had",    "hadden", "kan",    "kon",    "konden", "kunnen", "moet",  "moest",  "moesten", "moeten",
      "mag",    "mocht",  "wil",    "wilde",  "willen", "zou",    "zouden", "staat", "stond",  "zit",
      "zat",    "ligt",   "lag",    "komt",   "kwam",   "gaat",   "ging",   "kost",  "kostte", "doet",
      "deed",   "krijgt", "kreeg",  "blijft", "bleef",  "hoeft",  "hoefde", "weet",  "wist",   "vind",
      "vindt",  "vond",   "zie",    "ziet",   "zag",    "heb",    "ben",    "word",  "krijg",  "duurt",
      "duurde", "duren",
      // Verbs whose particle or object says what happens: "niemand neemt (op)", "pakt (de telefoon) op".
      "neemt",  "nam",    "namen",  "pakt",   "pakte",  "pakten",
      // "laten" needs the verb it lets happen: "(niets van zich) laten (horen)".
      "laten",  "liet",   "lieten"};
  return kVerbs.count(w) > 0;
}

// Whether a label opening at w[i] starts as a fragment cut from its clause: an infinitive or a
// plural followed by an article or an adverb that belongs before it ("invullen een foutmelding",
// "wachten al sinds", "maken om in termijnen").
bool cut_opening(const std::vector<std::string>& w, std::size_t i) {
  static const std::set<std::string> kAfter = {"een", "de", "het", "al", "om", "nog", "ook", "er", "je", "ik", "we"};
  const std::string& first = w[i];
  if (bound_verb(first)) return true;
  const bool en = first.size() > 4 && first.compare(first.size() - 2, 2, "en") == 0;
  return en && i + 1 < w.size() && kAfter.count(w[i + 1]) > 0;
}

// Participles of doing in general ("geregeld", "georganiseerd"): after an evaluative word they only
// say that something went badly ("slecht geregeld"); such a label needs the thing it is about.
bool vague_action(const std::string& w) {
  static const std::set<std::string> kVague = {"geregeld", "georganiseerd", "gebouwd",   "gemaakt",  "gedaan",
                                               "gegaan",   "verlopen",     "geholpen",  "behandeld", "aangepakt",
                                               "ingericht", "opgezet",     "uitgevoerd", "gewerkt"};
  return kVague.count(w) > 0;
}

// A finite verb followed by a pronoun: the clause was inverted after something the window left out
// ("tijd krijg je een foutmelding", "(van) de rekening voor de leges schrok ik (me rot)", "(als)
// ondernemer kun je niet ..."); any word before a subject pronoun is one, or a conjunction.
// ("het" only after a bound verb: "staat het" is inverted, "voor het loket" is not.)
bool inverted(const std::vector<std::string>& w, std::size_t j) {
  static const std::set<std::string> kSubjects = {"je", "jij", "ik", "we", "wij", "u", "ze", "zij", "hij", "men"};
  if (j + 1 >= w.size() || w[j].empty()) return false;
  return kSubjects.count(w[j + 1]) > 0 || (w[j + 1] == "het" && bound_verb(w[j]));
}

// Prepositions: a negator before one negates a place or a party rather than stating what is wrong.
bool is_preposition(const std::string& w) {
  static const std::set<std::string> kPrepositions = {"aan",  "bij", "in",   "met",   "naar", "op",     "over",
                                                      "van",  "voor", "uit", "om",    "door", "tot",    "tegen",
                                                      "onder", "na", "achter", "tussen", "via", "binnen"};
  return kPrepositions.count(w) > 0;
}

// Whether a window ending at w[j] cuts an inflected adjective from its noun ("de kapotte | lamp"):
// Dutch attributive adjectives end in -e, and a content word follows; or ends in one whose noun was
// left out ("geen nieuwe").
bool cut_noun(const std::vector<std::string>& w, std::size_t j, LabelWords& lw) {
  const std::string& last = w[j];
  // An adjective whose noun the resident left out ("ik krijg al 2 weken geen nieuwe"): "geen
  // nieuwe" names nothing.
  static const std::set<std::string> kElided = {"nieuwe",  "oude",  "andere", "goede",   "juiste",   "verkeerde",
                                                "volgende", "vorige", "eerste", "tweede", "laatste", "zelfde"};
  static const std::set<std::string> kDeterminers = {"geen", "een", "de", "het", "die", "deze", "mijn", "onze", "dezelfde"};
  if (kElided.count(last) && j > 0 && kDeterminers.count(w[j - 1]) && (j + 1 >= w.size() || w[j + 1].empty()))
    return true;
  if (last.size() <= 3 || last.back() != 'e' || j + 1 >= w.size() || w[j + 1].empty()) return false;
  // A general noun is a noun all the same: "op de verkeerde | dag".
  return generic(w[j + 1]) || (lw.words.content(w[j + 1]) && !is_measure(w[j + 1], lw));
}

bool modal(const std::string& w);

// Whether the window w[i..j] stops before what it needs to be a phrase: it ends in a preposition
// ("afgewezen vanwege") or in "laten" without its verb, holds "om" without its "te" ("moeilijk om de klantmanager"), or a perfect
// or passive auxiliary without its participle ("gemeente heeft mij verkeerd", "kapot is door de
// vuilniswagen"; not "heeft een bankpas", which has one); or before what it needs right after it:
// the participle of its auxiliary, the "dan" of its comparative, the question after a denied verb
// of saying, the waiting of what was waited for.
bool cut_short(const std::vector<std::string>& w, std::size_t i, std::size_t j) {
  static const std::set<std::string> kMorePrepositions = {"vanwege", "wegens", "ondanks", "dankzij", "sinds",
                                                          "volgens", "tijdens", "zonder", "omtrent"};
  if (j > i && (is_preposition(w[j]) || kMorePrepositions.count(w[j]) > 0)) return true;
  // "laten" wants the verb it lets happen: "niemand heeft mij laten (weten)", "lang laten (wachten)".
  if (j > i && w[j] == "laten") return true;
  // A verb of saying or knowing whose question was cut off: "niemand kon me vertellen | hoe ...".
  static const std::set<std::string> kSaying = {"vertellen", "zeggen", "uitleggen", "weten", "vragen", "zien",
                                                "horen", "begrijpen", "snappen", "vertelde", "zei", "vroeg", "wist",
                                                "gezegd", "verteld", "uitgelegd", "gevraagd", "zegt", "vertelt",
                                                "weet", "vraagt", "snapt", "begrijpt", "vertelden", "zeiden"};
  // ("duidelijker uitleggen | welke datum" is a wish whole).
  const bool denied = std::any_of(w.begin() + static_cast<std::ptrdiff_t>(i), w.begin() + static_cast<std::ptrdiff_t>(j),
                                  [](const std::string& x) { return x == "niemand" || x == "niet" || x == "nooit" || x == "geen"; });
  if (j > i && denied && kSaying.count(w[j]) && j + 1 < w.size() && opens_clause(w[j + 1])) return true;
  // What was waited for, cut from the waiting: "te lang op mn rijbewijs | (moeten) wachten".
  static const std::set<std::string> kWaiting = {"wachten", "gewacht", "wacht", "wachtte", "wachtten"};
  const bool waits_next = j + 1 < w.size() && (kWaiting.count(w[j + 1]) > 0 ||
                                               (j + 2 < w.size() && modal(w[j + 1]) && kWaiting.count(w[j + 2]) > 0));
  if (waits_next && std::find(w.begin() + static_cast<std::ptrdiff_t>(i), w.begin() + static_cast<std::ptrdiff_t>(j) + 1, "op") !=
                        w.begin() + static_cast<std::ptrdiff_t>(j) + 1)
    return true;
  // A subordinate clause whose modal ends it: "(waarom een) erkenning niet (even) tussendoor |
  // kan", "(dat het) niet eerder | kon" say what could not be without the verb that says it.
  const bool modal_ends = j + 1 < w.size() && modal(w[j + 1]) && (j + 2 >= w.size() || w[j + 2].empty());
  if (j > i && modal_ends && !looks_like_participle(w[j])) return true;
  // A comparative whose "dan" was cut off: "niet ouder | dan 6 maanden".
  const bool next_dan = j + 1 < w.size() && w[j + 1] == "dan";
  if (j > i && next_dan && w[j].size() > 3 && w[j].compare(w[j].size() - 2, 2, "er") == 0) return true;
  // An auxiliary whose participle comes right after the window: "meldingen worden slecht | opgepakt".
  // Not a copula's "geworden" or "geweest": "tarieven zijn te hoog (geworden)" says it whole.
  static const std::set<std::string> kCopulas = {"geworden", "gebleven", "gebleken", "geweest"};
  const bool participle_next = j + 1 < w.size() && looks_like_participle(w[j + 1]) && !kCopulas.count(w[j + 1]);
  static const std::set<std::string> kAuxiliaries = {"worden", "wordt", "werd",  "werden", "is",  "zijn",
                                                     "was",    "waren", "heeft", "hebben", "had", "hadden"};
  if (participle_next && std::any_of(w.begin() + static_cast<std::ptrdiff_t>(i) + 1, w.begin() + static_cast<std::ptrdiff_t>(j) + 1,
                                     [](const std::string& x) { return kAuxiliaries.count(x) > 0; }))
    return true;
  for (std::size_t p = i + 1; p <= j; ++p) {
    const bool om = w[p] == "om" && std::none_of(w.begin() + static_cast<std::ptrdiff_t>(p) + 1,
                                                 w.begin() + static_cast<std::ptrdiff_t>(j) + 1,
                                                 [](const std::string& x) { return x == "te"; });
    const bool perfect = w[p] == "heeft" || w[p] == "hebben" || w[p] == "had" || w[p] == "hadden";
    const bool passive = (w[p] == "is" || w[p] == "was" || w[p] == "wordt" || w[p] == "werd") && p + 1 <= j &&
                         std::find(w.begin() + static_cast<std::ptrdiff_t>(p) + 1, w.begin() + static_cast<std::ptrdiff_t>(j) + 1,
                                   "door") != w.begin() + static_cast<std::ptrdiff_t>(j) + 1;
    const bool participle = std::any_of(w.begin() + static_cast<std::ptrdiff_t>(p) + 1, w.begin() + static_cast<std::ptrdiff_t>(j) + 1,
                                        [](const std::string& x) { return looks_like_participle(x); });
    // "heeft een bankpas" has it; "heeft mij laten weten" ends in its infinitives.
    const bool has = std::any_of(w.begin() + static_cast<std::ptrdiff_t>(p) + 1, w.begin() + static_cast<std::ptrdiff_t>(j) + 1,
                                 [](const std::string& x) { return x == "een" || x == "de" || x == "het" || x == "geen"; });
    const bool infinitive = w[j].size() > 3 && w[j].compare(w[j].size() - 2, 2, "en") == 0;
    if (om || (passive && !participle) || (perfect && !participle && !has && !infinitive)) return true;
  }
  return false;
}

// Verbs of what a change would bring: "(dat) scheelt een hoop gedoe", "voorkomt paniek", "bespaart
// tijd" say what a wish would win, not what is wrong; a label holds none.
bool benefit(const std::string& w) {
  static const std::set<std::string> kBenefit = {"scheelt", "schelen", "scheelde", "voorkomt", "voorkomen",
                                                 "voorkwam", "bespaart", "besparen", "bespaarde"};
  return kBenefit.count(w) > 0;
}

// Whether w[i] stands in what a verb of benefit before it in the clause would win ("scheelt een
// hoop gedoe", "voorkomt paniek bij mensen"): no label opens there.
bool after_benefit(const std::vector<std::string>& w, std::size_t i) {
  for (std::size_t k = i; k-- > 0 && i - k <= 3 && !w[k].empty() && !opens_clause(w[k]);)
    if (benefit(w[k])) return true;
  return false;
}

// Modal verbs, finite: what one can, may, must or wants to do.
bool modal(const std::string& w) {
  static const std::set<std::string> kModals = {"kan", "kon", "kunnen", "konden", "mag", "mocht", "mogen", "mochten",
                                                "moet", "moest", "moeten", "moesten", "wil", "wilde", "willen", "wilden",
                                                "hoeft", "hoefde", "hoeven", "hoefden"};
  return kModals.count(w) > 0;
}

// Verbs of working or answering, finite: what a main clause negates after them ("werkt niet").
bool works_verb(const std::string& w) {
  static const std::set<std::string> kVerbs = {
      "werkt",  "werkte",  "werkten",  "lukt",  "lukte",  "lukten", "klopt",  "klopte",  "klopten", "reageert",
      "reageerde", "reageerden", "luistert", "luisterde", "helpt", "hielp", "hielpen", "deugt", "functioneert",
      "functioneerde", "opent", "opende", "laadt", "laadde", "komt", "kwam", "kwamen", "belt", "belde", "doet",
      "deed"};
  return kVerbs.count(w) > 0;
}

// Adverbs that may stand between a verb and its "niet": "klopt gewoon niet", "werkt nog steeds niet".
bool before_negator(const std::string& w) {
  static const std::set<std::string> kAdverbs = {"gewoon", "echt", "helemaal", "totaal", "absoluut", "nog", "steeds",
                                                 "ook", "dus", "weer", "nu", "eigenlijk", "toch", "alweer"};
  return kAdverbs.count(w) > 0;
}

// Whether w[j] is "niet" or "nooit" after a verb of working or answering (and adverbs) that follows
// what it is about: "werkt niet", "lukte niet", "afwijzing klopt gewoon niet", "monteur kwam nooit".
// A main clause puts the negator last, where the window without it says the opposite ("app werkt").
bool negated_verb(const std::vector<std::string>& w, std::size_t i, std::size_t j, LabelWords& lw) {
  if (j < i + 2 || (w[j] != "niet" && w[j] != "nooit")) return false;
  std::size_t v = j - 1;
  while (v > i + 1 && before_negator(w[v])) --v;
  if (!works_verb(w[v])) return false;
  return lw.words.content(w[v - 1]) && !is_measure(w[v - 1], lw) && !generic(w[v - 1]);
}

// Whether the window ending at the verb w[j] leaves out the "niet" its clause goes on with ("de
// afwijzing klopt | gewoon niet"): it would say the opposite of the complaint.
bool drops_negator(const std::vector<std::string>& w, std::size_t j) {
  if (!works_verb(w[j])) return false;
  std::size_t k = j + 1;
  while (k < w.size() && before_negator(w[k])) ++k;
  return k < w.size() && (w[k] == "niet" || w[k] == "nooit");
}

// Whether w[i..j) holds a negator that negates no subject ("niet", "nooit", "geen"; not "niet
// iedereen", "niet alles"), as before a verb at the end of a subordinate clause.
bool negated_subordinate(const std::vector<std::string>& w, std::size_t i, std::size_t j) {
  static const std::set<std::string> kQuantifiers = {"iedereen", "alles", "alle", "elke", "ieder", "iemand"};
  for (std::size_t p = i; p < j; ++p)
    if ((w[p] == "niet" || w[p] == "nooit" || w[p] == "geen") && !(p + 1 < w.size() && kQuantifiers.count(w[p + 1]) > 0))
      return true;
  return false;
}

// Whether "voor" at w[j] opens a clause ("te lang voor je een beslissing krijgt"): a subject follows.
bool clause_voor(const std::vector<std::string>& w, std::size_t j) {
  static const std::set<std::string> kSubjects = {"je", "jij", "u", "ze", "zij", "ik", "we", "wij", "hij", "er"};
  return w[j] == "voor" && j + 1 < w.size() && kSubjects.count(w[j + 1]) > 0;
}

// Whether the window w[i..j] ends in "te" and an infinitive with neither a negator nor "om" after a
// word before it: the verb that governs it was left out ("wacht te hangen", "scherm te staren"),
// while "nooit te bereiken", "niet te doen" and "onmogelijk om iemand te spreken" say what is wrong.
bool dangling_infinitive(const std::vector<std::string>& w, std::size_t i, std::size_t j, LabelWords& lw) {
  if (j == i || w[j - 1] != "te" || degree(w, j - 1)) return false;
  for (std::size_t p = i; p + 1 < j; ++p)
    if (lw.negator(w[p]) || (p > i && w[p] == "om")) return false;
  return true;
}

// Whether w[j] marks what is wrong: a negator ("niet", "geen", "nooit"), or "te" of degree ("te duur").
bool says_wrong(const std::vector<std::string>& w, std::size_t j, LabelWords& lw) {
  return w[j] == "te" ? degree(w, j) : lw.negator(w[j]);
}

// Whether "meer" at w[i] asks for more of what follows ("meer balies open", "graag meer handhaving
// op zwerfafval"): a wish that says what there is too little of. It opens its clause or follows a
// word of asking; after anything else it compares or counts ("een ton meer waard", "niet meer",
// "steeds meer"), and before an inverted verb it is an object ("meer vraag ik niet").
bool asks_more(const std::vector<std::string>& w, std::size_t i, LabelWords& lw) {
  static const std::set<std::string> kAsking = {"graag", "zorg", "voor", "er", "ook", "wel", "gewoon", "liefst"};
  if (w[i] != "meer" || i + 1 >= w.size() || w[i + 1].empty() || !lw.words.content(w[i + 1])) return false;
  if (i + 2 < w.size() && (subject_pronoun(w[i + 2]) || w[i + 2] == "je" || w[i + 2] == "u" || w[i + 2] == "dan"))
    return false;
  return i == 0 || w[i - 1].empty() || kAsking.count(w[i - 1]) > 0;
}

// The stem a label key stands for ("geleegd" of "geleegd|#ophalen_mis").
std::string_view stem_of_key(std::string_view key) { return key.substr(0, key.find('|')); }

// Gives each of the window w[i..j]'s keys the concepts of the terms found within the window that
// cover its word ("niet geleegd" makes "geleegd" also #ophalen_mis).
void with_concepts(Window& win, const std::vector<std::string>& w, std::size_t i, std::size_t j,
                   const std::vector<AspectMatch>& said, LabelWords& lw) {
  for (std::size_t p = i; p <= j; ++p) {
    if (!lw.words.content(w[p]) || is_measure(w[p], lw)) continue;
    const std::string& s = lw.words.stem(w[p]);
    auto key = std::find_if(win.keys.begin(), win.keys.end(), [&](const std::string& k) { return stem_of_key(k) == s; });
    if (key == win.keys.end()) continue;
    for (const AspectMatch& m : said) {
      const std::string& c = lw.words.concept_key(m.aspect);
      if (m.begin >= i && m.end <= j + 1 && m.begin <= p && p < m.end && key->find(c) == std::string::npos)
        *key += "|" + c;
    }
  }
}

// Whether w[i] opens what the resident says of themself after "ik ben" / "ik was" / "ben ik": their
// own state ("ik ben niet zo handig met formulieren", "ik was te laat"), no failure of the service.
// What was done to them is: a participle follows within the clause ("ik ben niet teruggebeld").
bool own_state(const std::vector<std::string>& w, std::size_t i) {
  if (i == 0) return false;
  // "ik ben mijn pas verloren": what the resident did with a thing of their own.
  if (i >= 2 && (w[i - 1] == "mijn" || w[i - 1] == "m'n") && own_state(w, i - 1)) return true;
  const std::string& verb = w[i - 1];
  const bool first_person = verb == "ben" || ((verb == "was" || verb == "voel" || verb == "voelde") && i >= 2 && w[i - 2] == "ik");
  if (!first_person) return false;
  for (std::size_t k = i; k < w.size() && k < i + kMaxWindow && !w[k].empty() && !opens_clause(w[k]); ++k)
    if (looks_like_participle(w[k])) return false;
  return true;
}

// Whether w[i] is "zonder" before a thing ("zonder rijbewijs", "zonder (een geldig) rijbewijs"):
// what the resident was left without, a consequence, not what went wrong; "zonder uitleg", "zonder
// reactie" say what the municipality did not give.
bool left_without(const std::vector<std::string>& w, std::size_t i, const std::vector<AspectMatch>& said, LabelWords& lw) {
  return w[i] == "zonder" && std::any_of(said.begin(), said.end(), [&](const AspectMatch& m) {
           const bool near = m.begin > i && m.begin <= i + 3 &&
                             std::none_of(w.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                          w.begin() + static_cast<std::ptrdiff_t>(m.begin),
                                          [](const std::string& x) { return x.empty(); });
           return near && lw.words.object_concept(m.aspect);
         });
}

// Whether a label window may open at w[i]: with a content word or a marker of what is wrong
// ("niet", "geen", "te duur") or a wish for more (`more`), never with "te" before an infinitive
// ("te betalen"), a fragment cut from its clause, or what a wish would win.
bool may_open(const std::vector<std::string>& w, std::size_t i, bool more, const std::vector<AspectMatch>& said,
              LabelWords& lw) {
  if (w[i].empty() || is_measure(w[i], lw) || time_pas(w, i) || !(lw.words.content(w[i]) || says_wrong(w, i, lw) || more))
    return false;
  if (own_state(w, i)) return false;
  // Nor on a negative word its negator turns ("geen | slecht plan"): cut from "geen", it says the opposite.
  if (i > 0 && lw.negator(w[i - 1]) && lw.negative(w[i])) return false;
  if (cut_opening(w, i) || after_benefit(w, i)) return false;
  // "(waarom moet dat zo) lang duren": cut from its "zo", the degree belongs to a question or a sigh.
  if (i > 0 && w[i - 1] == "zo") return false;
  // "(afspraak) maken duurt veel te lang": an infinitive is cut from the object before it (not from
  // an adverb: "weer wachten op de beschikking").
  static const std::set<std::string> kAdverbs = {"weer", "wéér", "nog", "eerst", "gewoon", "opnieuw", "steeds",
                                                 "echt", "zelf", "eindeloos", "telkens", "daarna", "dan"};
  const bool infinitive = w[i].size() > 4 && w[i].compare(w[i].size() - 2, 2, "en") == 0;
  if (infinitive && i > 0 && !w[i - 1].empty() && lw.words.content(w[i - 1]) && !generic(w[i - 1]) &&
      !is_measure(w[i - 1], lw) && !lw.negative(w[i - 1]) && !modal(w[i - 1]) && !bound_verb(w[i - 1]) &&
      !kAdverbs.count(w[i - 1]))
    return false;
  // "lang op een afspraak", "lang de behandeling van …": a degree before a noun phrase lost its
  // verb ("lang gewacht op …").
  const bool article_next = i + 1 < w.size() && (w[i + 1] == "de" || w[i + 1] == "het" || w[i + 1] == "een");
  if ((w[i] == "lang" || w[i] == "langer") && article_next) return false;
  if ((w[i] == "lang" || w[i] == "langer") && i + 1 < w.size() && is_preposition(w[i + 1])) return false;
  return !left_without(w, i, said, lw);
}

// Adverbs of emphasis a label leaves out inside its phrase: "tarieven zijn (gewoon) te hoog".
bool filler(const std::string& w) {
  static const std::set<std::string> kFillers = {"echt",  "gewoon",  "wel",   "heel",  "erg",    "ontzettend", "enorm",
                                                 "best",  "behoorlijk", "nou", "eigenlijk", "dus", "toch", "zeer",
                                                 "werkelijk", "gewoonweg", "ook", "even", "zelfs", "natuurlijk",
                                                 "weer", "alweer"};
  return kFillers.count(w) > 0;
}

// Whether w[j] is a degree cut from the amount after it: "(in een envelop stoppen in) slechts |
// drie weken", "ruim | een uur", "bijna | 200 euro".
bool degree_cut(const std::vector<std::string>& w, std::size_t j, LabelWords& lw) {
  static const std::set<std::string> kDegrees = {"slechts", "ruim",   "bijna",     "ongeveer", "zeker",    "circa",
                                                 "minstens", "hooguit", "maximaal", "minimaal", "amper", "nauwelijks"};
  if (!kDegrees.count(w[j]) || j + 1 >= w.size()) return false;
  const std::size_t next = j + 2 < w.size() && (w[j + 1] == "een" || w[j + 1] == "de") ? j + 2 : j + 1;
  return is_measure(w[j + 1], lw) || is_measure(w[next], lw) ||
         (!w[j + 1].empty() && (w[j + 1] == "twee" || w[j + 1] == "drie" || w[j + 1] == "vier" || w[j + 1] == "vijf" ||
                                w[j + 1] == "tien" || w[j + 1] == "een" || w[j + 1] == "anderhalf"));
}

// Whether w[i] opens inside a prepositional phrase after the word it belongs to ("wachten op (die)
// | afspraak", "doorlooptijd van de | melding"): a verb after it has that word for its subject
// ("(wachten op die) afspraak is veel te lang"), so a label from w[i] stops before one.
bool inside_phrase(const std::vector<std::string>& w, std::size_t i, LabelWords& lw) {
  static const std::set<std::string> kDeterminers = {"de", "het", "een", "die", "deze", "dat", "mijn", "onze", "ons", "hun", "uw"};
  std::size_t p = i;
  if (p >= 1 && kDeterminers.count(w[p - 1])) --p;
  if (p < 2 || !is_preposition(w[p - 1])) return false;
  const std::string& head = w[p - 2];
  // ("(de hellingen bij) ons in de | wijk zijn levensgevaarlijk": after a pronoun's phrase too.)
  static const std::set<std::string> kPronouns = {"ons", "mij", "me", "hem", "haar", "hen", "hun", "jullie", "u"};
  return !head.empty() && (kPronouns.count(head) > 0 ||
                           (lw.words.content(head) && !bound_verb(head) && !is_measure(head, lw) && !lw.negator(head)));
}

// Whether "laat" at w[j] is the imperative of "laten" opening its clause ("laat (even) weten wanneer
// …", "graag laat horen"), not "late" ("te laat", "kwam laat binnen").
bool lets(const std::vector<std::string>& w, std::size_t j) {
  if (w[j] != "laat") return false;
  const bool opens = j == 0 || w[j - 1].empty() || w[j - 1] == "graag" || w[j - 1] == "gewoon" || w[j - 1] == "dan" ||
                     w[j - 1] == "en" || w[j - 1] == "of";
  std::size_t v = j + 1;
  if (v < w.size() && (w[v] == "even" || w[v] == "het" || w[v] == "ons" || w[v] == "me" || w[v] == "mij")) ++v;
  return opens && v < w.size() && w[v].size() > 3 && w[v].compare(w[v].size() - 2, 2, "en") == 0;
}

// Whether the window opened at w[i] stops before w[j]: a new clause, an inverted verb, or what is
// no part of the complaint.
bool window_stops(const std::vector<std::string>& w, std::size_t i, std::size_t j, LabelWords& lw) {
  if ((j > i && (opens_clause(w[j]) || subject_pronoun(w[j]) || clause_voor(w, j))) || inverted(w, j)) return true;
  // A modal after "niet" is a subordinate clause's, cut from its start and saying what the
  // resident could not ("(dat ik het) niet kan betalen", "niet naar school kan"); main
  // clauses put it first ("kan niet inloggen"). Not "niet iedereen kan …", whose subject it is.
  if (j > i && modal(w[j]) && negated_subordinate(w, i, j)) return true;
  // A finite verb right after another that is no modal or auxiliary of it is the main clause's,
  // after a subordinate clause that ended in its own ("(dat het verkeerslicht) stuk bleef | is te
  // gek"; not "kan worden", "zou zijn").
  static const std::set<std::string> kMain = {"is", "was", "zijn", "waren", "wordt", "werd", "blijft", "bleef"};
  if (j > i && kMain.count(w[j]) && bound_verb(w[j - 1]) && !modal(w[j - 1]) && w[j - 1] != "zou" &&
      w[j - 1] != "zouden" && w[j - 1] != "wordt" && w[j - 1] != "werd")
    return true;
  // What a wish would win ("scheelt een hoop gedoe") or what a complaint did to the resident
  // ("maakt me onrustig", "stress voor het gezin") is no part of what it is.
  if (benefit(w[j]) || (lw.feeling && lw.feeling(w[j]))) return true;
  // "niet de vergunning", "milieustraat niet een avond": a negated noun phrase says what it
  // was not, not what went wrong.
  return w[j] == "niet" && j + 1 < w.size() && (w[j + 1] == "de" || w[j + 1] == "het" || w[j + 1] == "een");
}

// Whether the window opened at w[i] ends before w[j]: where window_stops(), at a verb whose subject
// is the phrase w[i] is inside of (`cut_subject`), or after a negated verb: "digitaal loket werkt
// niet" is what the label says, but for what it is measured against ("app klopt niet met de
// ophaaldagen").
bool window_ends(const std::vector<std::string>& w, std::size_t i, std::size_t j, bool cut_subject, LabelWords& lw) {
  if (window_stops(w, i, j, lw) || (cut_subject && j > i && bound_verb(w[j]))) return true;
  return j > i + 1 && negated_verb(w, i, j - 1, lw) && !is_preposition(w[j]);
}

// Adds the content word w[j] to the window: its stem, and whether it is a topic. "fijn" or
// "handig" in a complaint is the praise it misses ("zou fijn zijn"): no topic, unless the window
// says it is wrong ("niet bereikbaar", "slecht bereikbaar"); before an amount it counts it ("ruim
// een uur", "ruim 200 euro"): no praise either.
void add_content_word(Window& win, const std::vector<std::string>& w, std::size_t j, bool negative, LabelWords& lw) {
  const bool amount = (j + 1 < w.size() && is_measure(w[j + 1], lw)) ||
                      (j + 2 < w.size() && w[j + 1] == "een" && is_measure(w[j + 2], lw));
  const bool praise = lw.positive && lw.positive(w[j]) && !win.complaint && !amount;
  const bool topic = !negative && !praise && !generic(w[j]);
  win.topics += topic;
  win.things += topic && !vague_action(w[j]);
  const std::string& s = lw.words.stem(w[j]);
  if (std::none_of(win.keys.begin(), win.keys.end(), [&](const std::string& k) { return stem_of_key(k) == s; }))
    win.keys.push_back(s);
}

// Every window of every member, with its support.
std::map<std::string, Window> windows_of(const std::vector<const std::vector<std::string>*>& members, LabelWords& lw) {
  std::map<std::string, Window> out;
  // The window w[i..j] as `text`, each word with the concepts of the terms inside it that it is part of.
  std::size_t rank = 0;
  auto keep = [&](const std::string& text, const Window& win, const std::vector<std::string>& w, std::size_t i,
                  std::size_t j, const std::vector<AspectMatch>& said) {
    Window done = win;
    with_concepts(done, w, i, j, said, lw);
    done.first = rank;
    auto [it, fresh] = out.emplace(text, std::move(done));
    ++it->second.support;
  };
  for (std::size_t m = 0; m < members.size() && m < kLabelMembers; ++m) {
    const auto& w = *members[m];
    rank = m;
    const std::vector<AspectMatch> said = lw.words.concept_terms(w);  // "GFT-bak overgeslagen": container, not emptied
    std::set<std::string> seen;
    for (std::size_t i = 0; i < w.size(); ++i) {
      const bool more = asks_more(w, i, lw);
      if (!may_open(w, i, more, said, lw)) continue;
      std::string text;
      Window win;
      int pp = 0;  // after a negator before a preposition: 1, then 2 once the phrase has its noun
      std::size_t said_words = 0;  // words the label shows (fillers left out)
      const bool cut_subject = inside_phrase(w, i, lw);
      for (std::size_t j = i; j < w.size() && said_words < kMaxWindow && !w[j].empty(); ++j) {
        if (window_ends(w, i, j, cut_subject, lw)) break;
        // "afspraak maken duurt (echt) veel te lang": a filler adds nothing a reader needs.
        if (j > i && j + 1 < w.size() && !w[j + 1].empty() && filler(w[j])) continue;
        text += (j > i ? " " : "") + w[j];
        // "veel te lang" is said as one degree: "veel" takes no place of its own.
        said_words += !(j + 1 < w.size() && w[j] == "veel" && w[j + 1] == "te");
        win.words = said_words;
        const bool negative = lw.negative(w[j]) && !lets(w, j);
        // "geen probleem", "niet slecht": a negated negative word says all is well (in a complaint,
        // ironically: "die 14 weken wachten waren vast geen probleem").
        if (negative && j > i && lw.negator(w[j - 1])) win.litotes = true;
        if (j == i && lw.negator(w[j]) && j + 1 < w.size() && is_preposition(w[j + 1])) {
          // "niet aan de gemeente" negates where, not what: wait for what follows the phrase (after a
          // verb the negator states it: "app klopt niet met de ophaaldagen").
          pp = 1;
        } else {
          // "(ruim een) week zonder geldig rijbewijs": a time without a thing is a consequence;
          // "ophalen zonder afspraak" asks for what is lacking.
          const bool consequence = j > 0 && (is_measure(w[j - 1], lw) || generic(w[j - 1])) && left_without(w, j, said, lw);
          const bool marker = says_wrong(w, j, lw) && !consequence;
          const bool wrong = negative || marker;
          win.only_more = j == i ? more && !wrong : win.only_more && !wrong;
          win.complaint = win.complaint || wrong || (j == i && more);
          win.negated = win.negated || marker;
        }
        if (!lw.words.content(w[j]) || is_measure(w[j], lw) || time_pas(w, j)) {
          // A main clause puts "niet" after its verb: "app werkt niet", "melden helpt niet" say what
          // is wrong, where the window without it ("app werkt") says the opposite.
          if (negated_verb(w, i, j, lw) && !win.keys.empty() && seen.insert(text).second) keep(text, win, w, i, j, said);
          continue;
        }
        if (pp > 0) win.complaint = win.complaint || pp++ > 1;  // "niet op tijd klaar"
        if (pp > 2) win.negated = true;
        add_content_word(win, w, j, negative, lw);
        // "geen beschikbaar" ("geen enkele afspraak beschikbaar"): "geen" needs the noun it denies.
        const bool lost_noun = j > i && w[j - 1] == "geen" && lw.positive && lw.positive(w[j]);
        // "geen enkele afdeling | wist …", "geen enkele keuze over mijn vraag | ging": a denied noun
        // that a finite verb follows is the subject of what was said of it, which the window cut off.
        const bool denied_subject = w[i] == "geen" && j > i && j + 1 < w.size() && bound_verb(w[j + 1]);
        if (cut_noun(w, j, lw) || bound_verb(w[j]) || dangling_infinitive(w, i, j, lw) || cut_short(w, i, j) ||
            degree_cut(w, j, lw) ||
            drops_negator(w, j) || lost_noun || denied_subject || !seen.insert(text).second)
          continue;
        // "slecht geregeld" says only that something went badly: with an evaluative word a label
        // needs a thing it is about ("slecht geregelde verhuizing"); a negated action is fine
        // ("niet teruggebeld").
        if (win.things == 0 && !win.negated && win.topics > 0) continue;
        if (win.litotes) continue;
        keep(text, win, w, i, j, said);
      }
    }
  }
  return out;
}

// What a pass of the label chooser asks of a window.
struct Need {
  bool complaint;         // it says what is wrong
  bool top;               // it holds one of the theme's distinctive stems
  std::size_t min_cover;  // members holding all its content words, at least
  bool topic = true;      // it names a topic besides what is wrong ("te laat" does not)
};

// The best window that meets `need`, "" when none does.
std::string best_window(const std::map<std::string, Window>& windows, const std::vector<std::set<std::string>>& held,
                        const std::vector<std::string>& top_keys, const Need& need, const std::set<std::string>& taken) {
  std::string best;
  double best_score = 0;
  for (const auto& [text, win] : windows) {
    if (win.keys.empty() || (need.topic && win.topics == 0) || (need.complaint && !win.complaint)) continue;
    if (taken.count(text)) continue;  // another complaint of the group has it: two would read as one
    if (win.topics == 0 && text.find(' ') == std::string::npos) continue;  // "kwijt" alone says too little
    if (need.top && std::none_of(win.keys.begin(), win.keys.end(), [&](const std::string& k) {
          return std::find(top_keys.begin(), top_keys.end(), stem_of_key(k)) != top_keys.end();
        }))
      continue;
    std::size_t cover = 0;  // members holding all its content words
    double share = 0;       // and the share of them each member holds
    for (const auto& h : held) {
      const auto n = std::count_if(win.keys.begin(), win.keys.end(), [&](const std::string& k) { return ThemeWords::holds_key(h, k); });
      cover += static_cast<std::size_t>(n) == win.keys.size();
      share += static_cast<double>(n) / static_cast<double>(win.keys.size());
    }
    if (cover < std::min(need.min_cover, held.size())) continue;
    // Members holding part of the phrase count for half: residents say one complaint in many words.
    // Of phrases one member holds, the one a more typical member says: the theme's centre is what
    // its quotes show, and a phrase from its edge names another complaint.
    const double edge = cover > 1 ? 0.0
                                  : static_cast<double>(std::min(win.first, held.size() - 1)) /
                                        static_cast<double>(std::max<std::size_t>(held.size() - 1, 1));
    double score = (static_cast<double>(cover) + 0.5 * (share - static_cast<double>(cover))) * window_factor(win) *
                       (1.0 - kEdgeWeight * edge) +
                   0.01 * static_cast<double>(win.support);
    if (score > best_score + 1e-9 || (std::abs(score - best_score) <= 1e-9 && !best.empty() &&
                                      (text.size() < best.size() || (text.size() == best.size() && text < best)))) {
      best = text;
      best_score = score;
    }
  }
  return best;
}

}  // namespace

// Whether w[j] is "pas" of time ("pas na zes weken", "(vul ze) niet pas als iemand belt"), not the
// card ("mijn pas", "geen pas", "pas kwijt"): inside a clause the card has a determiner before it;
// opening one, the time has a time or a clause after it ("Pas na drie weken kwam ...").
bool time_pas(const std::vector<std::string>& w, std::size_t j) {
  if (w[j] != "pas") return false;
  static const std::set<std::string> kCard = {"de",   "het",   "een",   "mijn",   "m'n",       "mn",     "je",
                                              "jouw", "zijn",  "haar",  "onze",   "ons",       "uw",     "hun",
                                              "die",  "deze",  "geen",  "nieuwe", "tijdelijke", "andere", "elke"};
  static const std::set<std::string> kTimeAfter = {"na",    "om",     "over",    "op",       "in",   "toen", "als",
                                                   "sinds", "nadat",  "later",   "vandaag",  "morgen", "gisteren",
                                                   "eind",  "begin",  "volgende", "halverwege", "de",  "weer", "nu"};
  if (j > 0 && !w[j - 1].empty()) return !kCard.count(w[j - 1]);
  return j + 1 < w.size() && kTimeAfter.count(w[j + 1]) > 0;
}

bool names_nothing(const std::string& lower_word, LabelWords& lw) {
  return generic(lower_word) || bound_verb(lower_word) || is_measure(lower_word, lw) ||
         (lw.positive && lw.positive(lower_word)) || (lw.feeling && lw.feeling(lower_word));
}

bool marks_feeling(std::string_view tags) { return tags.find("feeling") != std::string_view::npos; }

bool marks_complaint(double score, std::string_view tags) {
  if (score >= 0 || marks_feeling(tags)) return false;
  return score <= -0.5 || tags.find("noun") == std::string_view::npos;
}

bool marks_praise(double score, std::string_view tags, std::string_view lower_word) {
  return score > 0 && (tags.find("adjective") != std::string_view::npos || looks_like_participle(lower_word));
}

std::string complaint_label(const std::vector<const std::vector<std::string>*>& members,
                            const std::vector<std::string>& top_keys, LabelWords& lw, const std::set<std::string>& taken,
                            bool* says_wrong) {
  std::vector<std::set<std::string>> held;  // each member's stems and compound parts
  for (std::size_t m = 0; m < members.size() && m < kLabelMembers; ++m) {
    std::string text;
    for (const auto& w : *members[m]) text += w + " ";
    held.push_back(lw.words.keys(text));
  }
  const std::map<std::string, Window> windows = windows_of(members, lw);
  // A phrase that says what is wrong comes first, even from one member: a topic alone ("euro",
  // "aanvraag") tells the reader nothing to fix.
  constexpr std::array<Need, 6> kPasses = {Need{true, true, 2},  Need{true, true, 1},         Need{true, false, 2},
                                           Need{true, false, 1}, Need{true, false, 1, false}, Need{false, true, 2}};
  std::string best;
  if (says_wrong) *says_wrong = false;
  for (const Need& need : kPasses) {
    best = best_window(windows, held, top_keys, need, taken);
    if (!best.empty()) {
      if (says_wrong) *says_wrong = need.complaint;
      break;
    }
  }
  std::replace(best.begin(), best.end(), ';', ',');
  return best;
}

}  // namespace luister
