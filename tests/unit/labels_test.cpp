// The complaint label chooser (luister/cluster/labels.hpp): a label states what goes wrong.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "luister/cluster/labels.hpp"

namespace {

// A label for `members` (each a clause's words) about `top` (words whose stems are distinctive).
std::string label_of(const std::vector<std::vector<std::string>>& members, const std::vector<std::string>& top) {
  luister::ThemeWords words;
  const std::set<std::string> negative = {"slecht", "slechte", "kapot", "afgewezen", "wacht"};
  const std::set<std::string> negators = {"niet", "geen", "nooit", "niemand"};
  const std::set<std::string> praise = {"fijn", "bereikbaar"};
  luister::LabelWords lw{words, [&](const std::string& w) { return negative.count(w) > 0; },
                         [&](const std::string& w) { return negators.count(w) > 0; },
                         [](const std::string& w) { return w == "weken" || w == "drie" || w == "uur"; },
                         [&](const std::string& w) { return praise.count(w) > 0; }};
  std::vector<std::string> keys;
  for (const auto& w : top) keys.push_back(words.stem(w));
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& m : members) ptrs.push_back(&m);
  return luister::complaint_label(ptrs, keys, lw);
}

bool holds(const std::string& label, const std::string& word) {
  return (" " + label + " ").find(" " + word + " ") != std::string::npos;
}

}  // namespace

TEST_CASE("labels: residents saying 'nooit teruggebeld' in their own ways get the negator and the verb") {
  const std::string label = label_of({{"ik", "ben", "nooit", "teruggebeld"},
                                      {"niemand", "heeft", "mij", "teruggebeld"},
                                      {"er", "werd", "niet", "teruggebeld", "door", "de", "gemeente"},
                                      {"nooit", "teruggebeld", "na", "mijn", "vraag"}},
                                     {"teruggebeld", "gemeente"});
  CHECK(holds(label, "teruggebeld"));
  CHECK((holds(label, "nooit") || holds(label, "niet") || holds(label, "niemand")));
}

TEST_CASE("labels: leges that are too high give 'te hoge leges', never the lone measure 'euro'") {
  const std::string label = label_of({{"80", "euro", "voor", "een", "paspoort"},
                                      {"de", "leges", "zijn", "te", "hoog", "80", "euro"},
                                      {"te", "hoge", "leges", "voor", "een", "paspoort"},
                                      {"wel", "80", "euro", "te", "hoge", "leges"}},
                                     {"euro", "leges"});
  CHECK(holds(label, "leges"));
  CHECK(holds(label, "te"));
  CHECK(!holds(label, "euro"));
}

TEST_CASE("labels: a window never runs on into a new clause nor ends on a measure") {
  // "niet dat die oude" would cross "dat"; "geen drie weken" names no topic.
  const std::string label = label_of({{"de", "container", "is", "niet", "geleegd", "dat", "die", "oude", "kapot", "is"},
                                      {"container", "niet", "geleegd", "al", "drie", "weken"}},
                                     {"container"});
  CHECK(label == "container niet geleegd");
}

TEST_CASE("labels: a theme of topics only still gets a phrase, and nothing gives nothing") {
  CHECK(label_of({{"parkeervergunning", "aanvragen"}, {"parkeervergunning", "aanvragen", "online"}},
                 {"parkeervergunning"}) == "parkeervergunning aanvragen");
  CHECK(label_of({}, {"leges"}).empty());
}

TEST_CASE("labels: a negator before a preposition negates a place, not what is wrong") {
  // "niet aan de gemeente" says nothing wrong; "paspoort niet op tijd klaar" does.
  const std::string label = label_of({{"ik", "heb", "het", "niet", "aan", "de", "gemeente", "gevraagd"},
                                      {"paspoort", "niet", "op", "tijd", "klaar"},
                                      {"mijn", "paspoort", "was", "niet", "op", "tijd", "klaar"}},
                                     {"paspoort", "gemeente"});
  CHECK(label == "paspoort niet op tijd klaar");
}

TEST_CASE("labels: no window opens or ends on a finite verb cut from its clause") {
  // "staat het balkon vol" opens on the verb of an inverted clause; "geld kost" ends on the verb of
  // "dat het zoveel geld kost".
  CHECK(label_of({{"nu", "staat", "het", "hele", "balkon", "vol"}, {"staat", "het", "balkon", "vol"}}, {"balkon"}) ==
        "balkon vol");
  CHECK(label_of({{"dat", "het", "zoveel", "geld", "kost"},
                  {"belachelijk", "dat", "het", "zoveel", "geld", "kost"},
                  {"het", "geld", "kost", "te", "veel"}},
                 {"geld"}) != "geld kost");
  // Nor does it run on into an indirect question ("scherm met hoe lang het duurt").
  const std::string label = label_of({{"geen", "scherm", "met", "hoe", "lang", "het", "duurt"},
                                      {"geen", "scherm", "met", "hoe", "lang", "het", "nog", "duurt"}},
                                     {"scherm"});
  CHECK(label == "geen scherm");
}

TEST_CASE("labels: a denied noun that a finite verb follows is a subject cut from its clause ('geen enkele afdeling | wist')") {
  const std::string label = label_of({{"geen", "enkele", "afdeling", "wist", "of", "mijn", "vraag", "bij", "hen", "hoorde"},
                                      {"geen", "enkele", "afdeling", "wist", "het"},
                                      {"niemand", "voelt", "zich", "verantwoordelijk", "voor", "mijn", "afdeling"},
                                      {"niemand", "voelt", "zich", "verantwoordelijk"}},
                                     {"afdeling", "verantwoordelijk"});
  CAPTURE(label);
  CHECK(label != "geen enkele afdeling");
  CHECK(!label.empty());
  // A denied noun the clause ends with stays: "geen scherm", "geen wagen".
  CHECK(label_of({{"donderdag", "geen", "wagen"}, {"vrijdag", "geen", "wagen"}}, {"wagen"}) == "geen wagen");
}

TEST_CASE("labels: 'slecht geregeld' names no thing; a thing that went badly does, a negated action too") {
  const std::set<std::string> vague = {"slecht geregeld", "slecht georganiseerd"};
  const std::string label = label_of({{"slecht", "geregeld"},
                                      {"heel", "slecht", "geregeld"},
                                      {"slecht", "georganiseerd", "die", "verhuizing"},
                                      {"slechte", "uitleg", "over", "de", "verhuizing"},
                                      {"de", "verhuizing", "niet", "verwerkt"}},
                                     {"verhuizing", "geregeld"});
  CHECK(vague.count(label) == 0);
  CHECK(holds(label, "verhuizing"));
  // A negated action is a complaint of its own ("niet teruggebeld"), with or without a thing.
  CHECK(label_of({{"nooit", "teruggebeld"}, {"niet", "teruggebeld"}, {"ben", "nooit", "teruggebeld"}},
                 {"teruggebeld"}) == "nooit teruggebeld");
}

TEST_CASE("labels: a general noun is no topic: 'geen tijd' loses to what the members complain of") {
  const std::string label = label_of({{"geen", "tijd", "voor", "mij"},
                                      {"had", "geen", "tijd"},
                                      {"echt", "geen", "tijd"},
                                      {"de", "consulent", "belt", "niet", "terug"}},
                                     {"consulent", "tijd"});
  CHECK(!holds(label, "tijd"));
  CHECK(holds(label, "consulent"));
}

TEST_CASE("labels: the municipality's work as a whole is no topic: 'slechte dienstverlening' names nothing to fix") {
  const std::string label = label_of({{"slechte", "dienstverlening"},
                                      {"wat", "een", "slechte", "dienstverlening"},
                                      {"slechte", "dienstverlening", "hoor"},
                                      {"slechte", "dienstverlening", "de", "container", "is", "niet", "geleegd"},
                                      {"container", "niet", "geleegd"}},
                                     {"dienstverlening", "container", "geleegd"});
  CHECK(!holds(label, "dienstverlening"));
  CHECK(holds(label, "geleegd"));
}

TEST_CASE("labels: an adjective of degree is no topic: 'te hoog' says too much of what") {
  const std::string label = label_of({{"de", "leges", "zijn", "te", "hoog"},
                                      {"echt", "te", "hoog"},
                                      {"veel", "te", "hoog"},
                                      {"leges", "veel", "te", "hoog"}},
                                     {"leges", "hoog"});
  CHECK(label != "te hoog");
  CHECK(holds(label, "leges"));
}

TEST_CASE("labels: with concepts, a phrase naming the thing and what went wrong wins over a topic word") {
  // Residents say one complaint in their own words: "kliko", "GFT-bak" and "container" are one thing,
  // "overgeslagen" and "niet geleegd" one problem; only one says it as "container niet geleegd".
  const luister::AspectTaxonomy concepts = luister::AspectTaxonomy::parse(
      "container\tname\tContainer\ncontainer\tterm\tcontainer\ncontainer\tterm\tkliko\ncontainer\tterm\tbak\n"
      "ophalen_mis\tname\tNiet opgehaald\nophalen_mis\tterm\tniet geleegd\nophalen_mis\tterm\tovergeslagen\n",
      "concepts.tsv");
  const std::set<std::string> negators = {"niet", "geen", "nooit"};
  const std::vector<std::vector<std::string>> members = {
      {"onze", "kliko", "is", "weer", "overgeslagen"},
      {"de", "bak", "werd", "overgeslagen", "", "slecht", "weekend"},
      {"container", "niet", "geleegd", "", "slecht", "weekend"},
      {"kliko", "overgeslagen", "", "slecht", "weekend"}};
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& m : members) ptrs.push_back(&m);
  auto label_with = [&](luister::ThemeWords& words) {
    luister::LabelWords lw{words, [](const std::string& w) { return w == "slecht" || w == "overgeslagen"; },
                           [&](const std::string& w) { return negators.count(w) > 0; }};
    return luister::complaint_label(ptrs, {words.stem("weekend"), words.stem("kliko")}, lw);
  };
  luister::ThemeWords plain;
  luister::ThemeWords words(nullptr, &concepts);
  // Word for word, "slecht weekend" is said most (3 of 4) and wins; but it names nothing to fix.
  CHECK(label_with(plain) == "slecht weekend");
  // Said in other words, every member holds the container and its problem.
  const std::string label = label_with(words);
  INFO(label);
  CHECK((label == "container niet geleegd" || label == "kliko overgeslagen" || label == "kliko is weer overgeslagen"));
}

TEST_CASE("labels: never 'zonder' and an object: what the resident went without is a consequence") {
  const luister::AspectTaxonomy concepts = luister::AspectTaxonomy::parse(
      "afspraak\tname\tAfspraak\nafspraak\ttype\tobject\nafspraak\tterm\tafspraak\n"
      "uitleg\tname\tUitleg\nuitleg\ttype\tproblem\nuitleg\tterm\tuitleg\n",
      "concepts.tsv");
  luister::ThemeWords words(nullptr, &concepts);
  luister::LabelWords lw{words, [](const std::string&) { return false; },
                         [](const std::string& w) { return w == "zonder" || w == "niet"; }};
  const std::vector<std::vector<std::string>> members = {{"pas", "ophalen", "zonder", "afspraak"},
                                                         {"zonder", "afspraak", "kon", "het", "niet"},
                                                         {"zonder", "afspraak", "graag"}};
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& m : members) ptrs.push_back(&m);
  const std::string label = luister::complaint_label(ptrs, {words.stem("afspraak")}, lw);
  INFO(label);
  CHECK(label.rfind("zonder", 0) != 0);
  CHECK(holds(label, "afspraak"));
  // Without an object after it, "zonder" says what was not given: "zonder uitleg" may be the label.
  const std::vector<std::vector<std::string>> refused = {{"zonder", "uitleg", "afgewezen"}, {"zonder", "uitleg"}};
  ptrs.clear();
  for (const auto& m : refused) ptrs.push_back(&m);
  CHECK(luister::complaint_label(ptrs, {words.stem("uitleg")}, lw).rfind("zonder uitleg", 0) == 0);
  // Nor with words between, nor inside a window: "zonder" before a thing says nothing wrong there
  // ("ruim een week zonder geldige afspraak" is no complaint phrase).
  const std::vector<std::vector<std::string>> between = {{"ruim", "een", "week", "zonder", "geldige", "afspraak"},
                                                         {"weken", "zonder", "een", "afspraak"}};
  ptrs.clear();
  for (const auto& m : between) ptrs.push_back(&m);
  bool wrong = true;
  const std::string cut = luister::complaint_label(ptrs, {words.stem("afspraak")}, lw, {}, &wrong);
  CAPTURE(cut);
  CHECK_FALSE(wrong);
  // After an action it asks for what is lacking: "ophalen zonder afspraak (mogelijk maken)".
  const std::vector<std::vector<std::string>> wish = {{"ophalen", "zonder", "afspraak", "mogelijk", "maken"},
                                                      {"graag", "ophalen", "zonder", "afspraak"}};
  ptrs.clear();
  for (const auto& m : wish) ptrs.push_back(&m);
  const std::string asked = luister::complaint_label(ptrs, {words.stem("afspraak")}, lw, {}, &wrong);
  CAPTURE(asked);
  CHECK(wrong);
}

TEST_CASE("labels: a label is a phrase, never a clause with its own subject ('wacht ik op het terugbellen')") {
  const std::string label = label_of({{"nog", "steeds", "wacht", "ik", "op", "het", "terugbellen"},
                                      {"al", "weken", "wacht", "ik", "op", "het", "terugbellen"},
                                      {"wacht", "ik", "op", "het", "terugbellen", "van", "de", "consulent"},
                                      {"nooit", "teruggebeld", "door", "de", "consulent"}},
                                     {"terugbellen", "consulent"});
  INFO(label);
  CHECK(!holds(label, "ik"));
  CHECK(!label.empty());
}

TEST_CASE("labels: never the label another complaint of the group already has") {
  const std::vector<std::vector<std::string>> members = {{"uitkering", "te", "laat", "gestort"},
                                                         {"uitkering", "te", "laat", "gestort", "", "zonder", "inkomen"},
                                                         {"weer", "zonder", "inkomen", "", "uitkering", "te", "laat"}};
  luister::ThemeWords words;
  const std::set<std::string> negators = {"niet", "geen", "nooit", "zonder"};
  luister::LabelWords lw{words, [](const std::string&) { return false; },
                         [&](const std::string& w) { return negators.count(w) > 0; }};
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& m : members) ptrs.push_back(&m);
  const std::vector<std::string> top = {words.stem("uitkering"), words.stem("inkomen")};
  const std::string first = luister::complaint_label(ptrs, top, lw);
  REQUIRE(!first.empty());
  const std::string second = luister::complaint_label(ptrs, top, lw, {first});
  CHECK(!second.empty());
  CHECK(second != first);
}

TEST_CASE("labels: a praising word is no complaint's topic unless the label says it is wrong") {
  // Wishes name what they miss with "fijn": it is no topic ("fijn" alone says nothing to fix); a
  // window that says it is wrong keeps it ("slecht bereikbaar").
  const std::string wish = label_of({{"zou", "fijn", "zijn"}, {"fijn", "als", "het", "sneller", "kan"}, {"heel", "fijn"}},
                                    {"fijn"});
  CHECK(!holds(wish, "fijn"));
  const std::string reach = label_of({{"slecht", "bereikbaar", "aan", "de", "telefoon"},
                                      {"jullie", "zijn", "slecht", "bereikbaar"}},
                                     {"bereikbaar"});
  CHECK(reach == "slecht bereikbaar");
}

TEST_CASE("labels: never 'te' and an infinitive without what governs it") {
  // "wacht te hangen" leaves out what is wrong; "nooit te bereiken" says it.
  const std::string hang = label_of({{"je", "hangt", "een", "uur", "in", "de", "wacht", "te", "hangen"},
                                     {"weer", "in", "de", "wacht", "te", "hangen"},
                                     {"telefoon", "niet", "opgenomen"}},
                                    {"wacht", "hangen"});
  CHECK(hang.find("te hangen") == std::string::npos);
  const std::string reach = label_of({{"de", "consulent", "is", "nooit", "te", "bereiken"},
                                      {"consulent", "nooit", "te", "bereiken"}},
                                     {"consulent", "bereiken"});
  CHECK(reach == "consulent nooit te bereiken");
}

TEST_CASE("labels: never a phrase cut short of what it needs (a preposition, 'om' without 'te', an auxiliary without its participle)") {
  // Each member's best window used to stop too early: "afgewezen vanwege", "moeilijk om de
  // klantmanager", "gemeente heeft mij verkeerd", "te lang voor je een beslissing".
  const std::string rejected = label_of({{"mijn", "aanvraag", "is", "afgewezen", "vanwege", "een", "regel"},
                                         {"afgewezen", "vanwege", "het", "inkomen"}},
                                        {"afgewezen"});
  CHECK(rejected != "afgewezen vanwege");
  CHECK(rejected.substr(rejected.rfind(' ') + 1) != "vanwege");
  const std::string call = label_of({{"moeilijk", "om", "de", "klantmanager", "te", "bellen"},
                                     {"het", "is", "moeilijk", "om", "de", "klantmanager", "te", "spreken"}},
                                    {"klantmanager"});
  CHECK(call != "moeilijk om de klantmanager");
  CHECK((!holds(call, "om") || holds(call, "te")));
  const std::string informed = label_of({{"de", "gemeente", "heeft", "mij", "verkeerd", "geïnformeerd"},
                                         {"gemeente", "heeft", "mij", "verkeerd", "voorgelicht", "over", "de", "boete"}},
                                        {"gemeente", "verkeerd"});
  CHECK(informed != "gemeente heeft mij verkeerd");
  const std::string decision = label_of({{"het", "duurt", "te", "lang", "voor", "je", "een", "beslissing", "krijgt"},
                                         {"veel", "te", "lang", "voor", "je", "een", "beslissing", "hebt"}},
                                        {"beslissing"});
  CHECK(!holds(decision, "je"));
  // Possession is no auxiliary: "niet iedereen heeft een bankpas" is whole.
  const std::string card = label_of({{"niet", "iedereen", "heeft", "een", "bankpas"}, {"niet", "iedereen", "heeft", "een", "bankpas"}},
                                    {"bankpas"});
  CHECK(card == "niet iedereen heeft een bankpas");
  // "laten" wants its verb: never "niemand heeft mij laten".
  const std::string told = label_of({{"niemand", "heeft", "mij", "laten", "weten", "hoe", "het", "zit"},
                                     {"niemand", "heeft", "mij", "laten", "horen", "wat", "er", "gebeurt"},
                                     {"niemand", "heeft", "mij", "laten", "zien", "waar", "het", "staat"}},
                                    {"niemand"});
  CHECK(told.substr(told.rfind(' ') + 1) != "laten");
}

TEST_CASE("labels: 'niet' before an article negates a noun phrase, it says no complaint") {
  const std::string label = label_of({{"niet", "de", "vergunning", "voor", "de", "steen"},
                                      {"de", "vergunning", "voor", "de", "steen", "duurt", "te", "lang"}},
                                     {"vergunning", "steen"});
  CHECK(label.rfind("niet de", 0) != 0);
  const std::string evening = label_of({{"milieustraat", "niet", "een", "avond", "open"},
                                        {"de", "milieustraat", "is", "niet", "een", "avond", "open", "helaas"}},
                                       {"milieustraat", "avond"});
  CHECK(!holds(evening, "niet"));
}

TEST_CASE("labels: a modal after 'niet' is a subordinate clause cut from its start ('niet kan betalen')") {
  const std::string label = label_of({{"ik", "vind", "het", "erg", "dat", "ik", "de", "taalcursus", "niet", "kan", "betalen"},
                                      {"omdat", "ik", "de", "taalcursus", "niet", "kan", "betalen", "sta", "ik", "op", "een", "wachtlijst"}},
                                     {"taalcursus", "betalen"});
  CHECK(!holds(label, "kan"));
  // Where the modal comes first, the clause is a main one: "kan niet inloggen" states the complaint.
  const std::string login = label_of({{"ik", "kan", "niet", "inloggen", "met", "digid"}, {"kan", "niet", "inloggen", "op", "de", "site"}},
                                     {"inloggen"});
  CHECK(holds(login, "inloggen"));
  CHECK(holds(login, "niet"));
}

TEST_CASE("labels: 'lang' before a noun phrase lost its verb ('lang op een afspraak')") {
  const std::string label = label_of({{"ik", "heb", "erg", "lang", "op", "een", "afspraak", "gewacht"},
                                      {"zo", "lang", "op", "een", "afspraak", "moeten", "wachten"},
                                      {"lang", "op", "een", "afspraak", "gewacht"}},
                                     {"afspraak"});
  CHECK(label.rfind("lang op", 0) != 0);
  CHECK(label.rfind("lang de", 0) != 0);
}

TEST_CASE("labels: a general noun after an inflected adjective is its noun ('op het verkeerde | uur')") {
  // (A unit of time such as "uur" or "dag" is a measure, and was passed over as the noun.)
  const std::string label = label_of({{"de", "afspraak", "stond", "op", "het", "verkeerde", "uur", "gepland"},
                                      {"afspraak", "op", "het", "verkeerde", "uur", "gezet"}},
                                     {"afspraak", "verkeerde"});
  CHECK(label.substr(label.rfind(' ') + 1) != "verkeerde");
}

TEST_CASE("labels: 'geen idee' and 'geen nieuws' say what the resident lacks, no complaint") {
  const std::string label = label_of({{"geen", "idee", "wanneer", "de", "intake", "is"},
                                      {"ik", "heb", "geen", "idee", "wanneer", "de", "cursus", "begint"},
                                      {"de", "intake", "duurt", "te", "lang", "geen", "idee", "waarom"}},
                                     {"intake", "idee"});
  CHECK(label != "geen idee");
}

TEST_CASE("labels: a mildly negative noun names a topic; a negative word or a strong noun says what is wrong") {
  CHECK_FALSE(luister::marks_complaint(-0.40, "noun"));          // "kosten", "wachtlijst", "boete"
  CHECK_FALSE(luister::marks_complaint(-0.40, "service,noun"));  // "dumping"
  CHECK(luister::marks_complaint(-0.60, "noun"));                // "storing", "probleem"
  CHECK(luister::marks_complaint(-0.40, "adjective"));           // "prijzig"
  CHECK(luister::marks_complaint(-0.30, ""));                    // untagged
  CHECK_FALSE(luister::marks_complaint(0.50, "adjective"));      // praise
  CHECK_FALSE(luister::marks_complaint(0.0, "stop"));
}

TEST_CASE("labels: a positive adjective or participle is praise the complaint missed, never its topic") {
  CHECK(luister::marks_praise(0.60, "adjective", "handig"));
  CHECK(luister::marks_praise(0.50, "verb", "opgelost"));   // a positive participle
  CHECK_FALSE(luister::marks_praise(0.50, "noun", "hulp"));  // a positive noun can be the topic
  CHECK_FALSE(luister::marks_praise(-0.40, "adjective", "traag"));
}

TEST_CASE("labels: a label never ends on a verb whose particle or object it leaves out") {
  const std::string label = label_of({{"ik", "bel", "en", "bel", "maar", "niemand", "neemt", "op"},
                                      {"de", "klantmanager", "neemt", "nooit", "op"},
                                      {"niemand", "neemt", "de", "telefoon", "op"}},
                                     {"neemt"});
  CAPTURE(label);
  CHECK(label.size() >= 6);
  CHECK(label.substr(label.size() - 6) != " neemt");
}

TEST_CASE("labels: what a wish would bring ('scheelt een hoop gedoe') is no label") {
  const std::string label = label_of({{"graag", "online", "verlengen", "", "dat", "scheelt", "een", "hoop", "tijd"},
                                      {"online", "verlengen", "scheelt", "tijd"},
                                      {"het", "scheelt", "tijd", "als", "het", "online", "kan"}},
                                     {"online", "verlengen"});
  CAPTURE(label);
  CHECK(label == "online verlengen");
}

TEST_CASE("labels: a wish for more of something keeps its 'meer'; 'niet meer' and 'een ton meer waard' do not") {
  const std::string label = label_of({{"meer", "balies", "open", "als", "het", "druk", "is"},
                                      {"graag", "meer", "balies", "open", "op", "zaterdag"},
                                      {"balies", "open", "in", "de", "avond"}},
                                     {"balies"});
  CAPTURE(label);
  CHECK(label == "meer balies open");
  // "meer" after a count or a negator compares or says "no longer": no label opens with it.
  const std::string other = label_of({{"het", "huis", "is", "een", "ton", "meer", "waard"},
                                      {"de", "wijk", "is", "niet", "meer", "veilig"}},
                                     {"waard", "veilig"});
  CAPTURE(other);
  CHECK(other.rfind("meer", 0) != 0);
}

TEST_CASE("labels: the resident's feeling ('maakt me onrustig') is neither what is wrong nor its topic") {
  // As luister-cluster asks the lexicon: a feeling is no word of what is wrong (marks_complaint()).
  CHECK_FALSE(luister::marks_complaint(-0.5, "adjective,feeling"));
  CHECK(luister::marks_complaint(-0.5, "adjective"));
  // Nor a topic: members that share only their feeling get no label of it.
  luister::ThemeWords words;
  const std::set<std::string> feelings = {"onrustig", "stress"};
  luister::LabelWords lw{words, [](const std::string&) { return false; },
                         [](const std::string& w) { return w == "niet" || w == "geen"; },
                         [](const std::string& w) { return w == "weken"; }, {},
                         [&](const std::string& w) { return feelings.count(w) > 0; }};
  const std::vector<std::vector<std::string>> members = {{"dat", "maakt", "me", "onrustig"},
                                                         {"het", "maakt", "me", "erg", "onrustig"},
                                                         {"veel", "stress", "en", "onrustig"}};
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& m : members) ptrs.push_back(&m);
  const std::string label = luister::complaint_label(ptrs, {words.stem("onrustig"), words.stem("stress")}, lw);
  CAPTURE(label);
  CHECK_FALSE(holds(label, "onrustig"));
  CHECK_FALSE(holds(label, "stress"));
}

TEST_CASE("labels: what a verb of benefit would win ('voorkomt afgewezen aanvragen') opens no label") {
  const std::string label = label_of({{"online", "aanvragen", "", "dat", "voorkomt", "afgewezen", "aanvragen"},
                                      {"voorkomt", "afgewezen", "aanvragen"},
                                      {"uitleg", "vooraf", "", "dat", "voorkomt", "veel", "afgewezen", "aanvragen"}},
                                     {"aanvragen"});
  CAPTURE(label);
  CHECK_FALSE(holds(label, "afgewezen"));
}

TEST_CASE("labels: a main clause's final 'niet' after its verb stays ('app werkt niet', not 'app werkt')") {
  const std::string label = label_of({{"de", "app", "werkt", "niet"},
                                      {"die", "app", "werkt", "gewoon", "", "app", "werkt", "niet"},
                                      {"sinds", "de", "update", "app", "werkt", "niet", "meer"}},
                                     {"app"});
  CAPTURE(label);
  CHECK(label == "app werkt niet");
  // Not after a noun that happens to end in -t ("consulent nooit"): only verbs of working or answering.
  const std::string other = label_of({{"de", "consulent", "nooit", "gesproken"}, {"consulent", "nooit", "gezien"}},
                                     {"consulent"});
  CAPTURE(other);
  CHECK(other != "consulent nooit");
}

TEST_CASE("labels: an infinitive keeps the object before it ('afspraak maken duurt', not 'maken duurt')") {
  const std::string label = label_of({{"online", "een", "afspraak", "maken", "duurt", "echt", "veel", "te", "lang"},
                                      {"afspraak", "maken", "duurt", "te", "lang"},
                                      {"een", "afspraak", "maken", "kan", "pas", "over", "weken"}},
                                     {"afspraak", "maken"});
  CAPTURE(label);
  CHECK(label.rfind("maken", 0) != 0);
  CHECK(holds(label, "afspraak"));
}

TEST_CASE("labels: no label stops at a verb whose 'niet' follows after an adverb ('afwijzing klopt | gewoon niet')") {
  const std::string label = label_of({{"de", "afwijzing", "klopt", "gewoon", "niet"},
                                      {"die", "afwijzing", "klopt", "echt", "niet", "", "heel", "slecht"},
                                      {"afwijzing", "klopt", "nog", "steeds", "niet"}},
                                     {"afwijzing"});
  CAPTURE(label);
  CHECK(label != "afwijzing klopt");
  CHECK((" " + label + " ").find(" niet ") != std::string::npos);
  // Where the whole phrase may not be a label (a general word before the verb), its cut is none either.
  const std::string cut = label_of({{"het", "systeem", "klopt", "gewoon", "niet"},
                                    {"dat", "systeem", "klopt", "echt", "niet"},
                                    {"systeem", "klopt", "nog", "steeds", "niet"}},
                                   {"systeem", "klopt"});
  CAPTURE(cut);
  CHECK(cut != "systeem klopt");
}

TEST_CASE("labels: 'geen' keeps the noun it denies ('geen enkele afspraak beschikbaar', not 'geen beschikbaar')") {
  luister::ThemeWords words;
  luister::LabelWords lw{words, [](const std::string&) { return false; },
                         [](const std::string& w) { return w == "geen" || w == "niet"; },
                         [](const std::string& w) { return w == "twee" || w == "maanden"; },
                         [](const std::string& w) { return w == "beschikbaar"; }};
  const std::vector<std::vector<std::string>> members = {{"er", "was", "geen", "enkele", "afspraak", "beschikbaar"},
                                                         {"dat", "noem", "ik", "geen", "beschikbaar"},
                                                         {"geen", "afspraak", "beschikbaar", "binnen", "twee", "maanden"}};
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& m : members) ptrs.push_back(&m);
  const std::string label = luister::complaint_label(ptrs, {words.stem("afspraak"), words.stem("beschikbaar")}, lw);
  CAPTURE(label);
  CHECK(label != "geen beschikbaar");
}

TEST_CASE("labels: an adjective whose noun was left out names nothing ('geen nieuwe')") {
  const std::string label = label_of({{"pas", "kwijt", "en", "ik", "krijg", "al", "2", "weken", "geen", "nieuwe"},
                                      {"nog", "steeds", "geen", "nieuwe"},
                                      {"na", "een", "maand", "nog", "geen", "nieuwe"}},
                                     {"nieuwe"});
  CHECK(label != "geen nieuwe");
  CHECK(label.substr(label.rfind(' ') + 1) != "nieuwe");
}

TEST_CASE("labels: when, said relative to now, and 'laten' without its verb name nothing ('vorig', 'gisteravond')") {
  const std::string label = label_of({{"vorig", "ingeleverd"}, {"vorig", "40", "euro"}, {"vorig", "mocht", "het"}},
                                     {"vorig"});
  CAPTURE(label);
  CHECK(label != "vorig");
  const std::string evening = label_of({{"gisteravond", "gebeld"}, {"gisteravond", "om", "negen"}}, {"gisteravond"});
  CAPTURE(evening);
  CHECK(evening != "gisteravond");
  const std::string let = label_of({{"ze", "laten", "niks", "van", "zich", "horen"}, {"laten", "ons", "maar", "wachten"}},
                                   {"laten"});
  CAPTURE(let);
  CHECK(let != "laten");
}

TEST_CASE("labels: a negated negative word ('geen probleem') says all is well, no complaint") {
  const std::string label = label_of({{"die", "14", "weken", "wachten", "waren", "vast", "geen", "slecht", "idee"},
                                      {"wachten", "was", "vast", "geen", "slecht", "plan"},
                                      {"het", "wachten", "duurde", "drie", "weken"}},
                                     {"wachten"});
  CAPTURE(label);
  CHECK_FALSE(holds(label, "slecht"));
}

TEST_CASE("labels: what residents say of themselves after 'ik ben' is their state, not the service's failure") {
  const std::string label = label_of({{"ik", "ben", "niet", "zo", "handig", "met", "formulieren"},
                                      {"ik", "ben", "niet", "handig", "met", "formulieren", "en", "de", "site", "is", "slecht"},
                                      {"formulieren", "zijn", "slecht", "te", "vinden"}},
                                     {"formulieren", "handig"});
  CAPTURE(label);
  CHECK_FALSE(holds(label, "handig"));
  // What was done to them is: "ik ben nooit teruggebeld" keeps its negator and participle.
  const std::string done = label_of({{"ik", "ben", "nooit", "teruggebeld"}, {"ik", "ben", "niet", "teruggebeld"}}, {"teruggebeld"});
  CAPTURE(done);
  CHECK(holds(done, "teruggebeld"));
  CHECK((holds(done, "niet") || holds(done, "nooit")));
}

TEST_CASE("labels: 'laat weten' is a request to let one know, not 'late'") {
  luister::ThemeWords words;
  const std::set<std::string> negative = {"laat", "slecht"};
  luister::LabelWords lw{words, [&](const std::string& w) { return negative.count(w) > 0; },
                         [](const std::string& w) { return w == "niet" || w == "geen"; }};
  const std::vector<std::vector<std::string>> members = {{"laat", "weten", "wanneer", "het", "wordt", "opgelost"},
                                                         {"laat", "even", "weten", "wanneer", "het", "klaar", "is"},
                                                         {"graag", "laat", "weten", "wat", "de", "status", "is"}};
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& m : members) ptrs.push_back(&m);
  bool wrong = true;
  const std::string label = luister::complaint_label(ptrs, {words.stem("weten")}, lw, {}, &wrong);
  CAPTURE(label);
  CHECK_FALSE(wrong);  // no window says what is wrong: "laat" lets, it is not late
  // "te laat" is late.
  const std::vector<std::vector<std::string>> late = {{"vuilnis", "te", "laat", "opgehaald"}, {"vuilnis", "kwam", "te", "laat"}};
  std::vector<const std::vector<std::string>*> late_ptrs;
  for (const auto& m : late) late_ptrs.push_back(&m);
  const std::string late_label = luister::complaint_label(late_ptrs, {words.stem("vuilnis")}, lw, {}, &wrong);
  CAPTURE(late_label);
  CHECK(wrong);
  CHECK(late_label.find("laat") != std::string::npos);
}

TEST_CASE("labels: fillers inside a phrase are left out ('tarieven zijn gewoon te hoog' -> 'tarieven zijn te hoog')") {
  const std::string label = label_of({{"de", "tarieven", "zijn", "gewoon", "te", "hoog"},
                                      {"tarieven", "zijn", "echt", "te", "hoog", "", "voor", "een", "gezin"},
                                      {"tarieven", "zijn", "te", "hoog"}},
                                     {"tarieven"});
  CAPTURE(label);
  CHECK(label == "tarieven zijn te hoog");
  // "veel te" is one degree: kept, and the phrase still fits ("doorlooptijd van de melding is veel te lang").
  const std::string degree = label_of({{"doorlooptijd", "van", "de", "melding", "is", "veel", "te", "lang"},
                                       {"de", "doorlooptijd", "van", "de", "melding", "is", "veel", "te", "lang"}},
                                      {"doorlooptijd", "melding"});
  CAPTURE(degree);
  CHECK(degree == "doorlooptijd van de melding is veel te lang");
}

TEST_CASE("labels: a phrase inside a prepositional phrase is not the subject ('(wachten op die) afspraak is te lang')") {
  const std::string label = label_of({{"twee", "maanden", "wachten", "op", "die", "afspraak", "is", "veel", "te", "lang"},
                                      {"wachten", "op", "een", "afspraak", "is", "te", "lang"}},
                                     {"afspraak"});
  CAPTURE(label);
  CHECK(label.rfind("afspraak is", 0) != 0);
  CHECK(holds(label, "wachten"));
}

TEST_CASE("labels: no auxiliary without the participle right after it, no comparative without its 'dan'") {
  const std::string passive = label_of({{"meldingen", "over", "bomen", "worden", "slecht", "opgepakt"},
                                        {"meldingen", "over", "bomen", "worden", "slecht", "opgepakt", "", "nog", "steeds", "niks"}},
                                       {"meldingen", "bomen"});
  CAPTURE(passive);
  CHECK(passive != "meldingen over bomen worden slecht");
  // A copula's participle may go: "tarieven zijn te hoog (geworden)".
  const std::string copula = label_of({{"tarieven", "zijn", "te", "hoog", "geworden"}, {"tarieven", "zijn", "te", "hoog"}}, {"tarieven"});
  CAPTURE(copula);
  CHECK(copula == "tarieven zijn te hoog");
  const std::string older = label_of({{"verklaring", "mocht", "niet", "ouder", "dan", "zes", "maanden", "zijn"},
                                      {"verklaring", "niet", "ouder", "dan", "een", "half", "jaar"}},
                                     {"verklaring"});
  CAPTURE(older);
  CHECK(older.substr(older.size() - 5) != "ouder");
}

TEST_CASE("labels: a denied verb of saying keeps its question ('niemand kon me vertellen | hoe'), a wish needs none") {
  const std::string cut = label_of({{"niemand", "kon", "me", "vertellen", "hoe", "ze", "aan", "dat", "bedrag", "kwamen"},
                                    {"niemand", "kon", "me", "vertellen", "waarom"}},
                                   {"vertellen"});
  CAPTURE(cut);
  CHECK(cut != "niemand kon me vertellen");
  // ... in the present tense too: "niemand die zegt | wat we nu moeten".
  const std::string present = label_of({{"niemand", "die", "zegt", "wat", "we", "nu", "moeten"},
                                        {"er", "is", "niemand", "die", "zegt", "waar", "we", "aan", "toe", "zijn"}},
                                       {"zegt"});
  CAPTURE(present);
  CHECK(present != "niemand die zegt");
  const std::string wish = label_of({{"duidelijker", "uitleggen", "welke", "datum", "je", "in", "moet", "vullen"},
                                     {"graag", "duidelijker", "uitleggen", "wat", "er", "gebeurt"}},
                                    {"uitleggen"});
  CAPTURE(wish);
  CHECK(holds(wish, "uitleggen"));
}

TEST_CASE("labels: 'werkt niet' ends the phrase; 'hoeft' after 'niet' is a cut subordinate clause; 'ik ben mijn pas verloren' is the resident's own doing") {
  const std::string works = label_of({{"digitaal", "loket", "werkt", "niet", "al", "3x", "geprobeerd"},
                                      {"het", "digitaal", "loket", "werkt", "niet", "", "balen"}},
                                     {"loket"});
  CAPTURE(works);
  CHECK(works == "digitaal loket werkt niet");
  const std::string need = label_of({{"of", "je", "je", "heffing", "niet", "hoeft", "te", "betalen"},
                                     {"of", "ik", "de", "heffing", "niet", "hoeft", "te", "betalen"}},
                                    {"heffing"});
  CAPTURE(need);
  CHECK(need.find("hoeft") == std::string::npos);
  const std::string own = label_of({{"ik", "ben", "mijn", "pas", "verloren", "", "15", "euro", "voor", "een", "nieuwe", "is", "slecht"},
                                    {"ik", "ben", "mijn", "pas", "verloren"}},
                                   {"pas"});
  CAPTURE(own);
  CHECK(own != "pas verloren");
}

TEST_CASE("labels: what was waited for keeps its waiting; a degree cut from 'zo' opens no label") {
  const std::string waited = label_of({{"veel", "te", "lang", "op", "mn", "rijbewijs", "moeten", "wachten"},
                                       {"te", "lang", "op", "mijn", "rijbewijs", "gewacht"}},
                                      {"rijbewijs"});
  CAPTURE(waited);
  CHECK(waited != "te lang op mn rijbewijs");
  CHECK(waited.find("wacht") != std::string::npos);
  const std::string so = label_of({{"waarom", "moet", "dat", "zo", "lang", "duren", "voor", "een", "schuurtje"},
                                   {"vergunning", "duurt", "veel", "te", "lang"}},
                                  {"schuurtje", "vergunning"});
  CAPTURE(so);
  CHECK(so.rfind("lang duren", 0) != 0);
}

TEST_CASE("labels: 'pas' of time is no topic ('niet pas als iemand belt'); the card is ('geen pas', 'pas kwijt')") {
  using W = std::vector<std::string>;
  const W late = {"vul", "de", "zoutbakken", "niet", "pas", "als", "iemand", "belt"};
  CHECK(luister::time_pas(late, 4));
  CHECK(luister::time_pas(W{"pas", "na", "zes", "weken", "kwam", "de", "brief"}, 0));
  CHECK(!luister::time_pas(W{"nog", "steeds", "geen", "pas"}, 3));
  CHECK(!luister::time_pas(W{"mijn", "pas", "is", "kwijt"}, 1));
  CHECK(!luister::time_pas(W{"pas", "kwijt", "en", "niemand", "helpt"}, 0));
  const std::string label = label_of({late,
                                      {"de", "zoutbak", "is", "kapot"},
                                      {"niet", "pas", "als", "het", "al", "glad", "is"},
                                      {"zoutbak", "kapot", "en", "niet", "pas", "na", "een", "week", "vervangen"}},
                                     {"pas", "zoutbak"});
  CHECK(!holds(label, "pas"));
  CHECK(holds(label, "kapot"));
}

TEST_CASE("labels: a verb before its subject pronoun was inverted after what the window left out ('leges schrok | ik')") {
  // ("wacht" is negative in this test's lexicon, as "schrok" is in the shipped one.)
  const std::string label = label_of({{"op", "de", "beschikking", "wacht", "ik", "al", "weken"},
                                      {"op", "mijn", "beschikking", "wacht", "ik", "nog", "steeds"},
                                      {"de", "beschikking", "is", "slecht", "uitgelegd"}},
                                     {"beschikking"});
  CHECK(!holds(label, "wacht"));
  CHECK(!holds(label, "ik"));
}

TEST_CASE("labels: a main clause's verb after a subordinate clause's ends the phrase; a pronoun's phrase hides a subject too") {
  // "(dat het verkeerslicht) kapot bleef | is (echt) slecht": two clauses.
  const std::string label = label_of({{"dat", "het", "verkeerslicht", "vier", "weken", "kapot", "bleef", "is", "slecht"},
                                      {"dat", "het", "verkeerslicht", "drie", "weken", "kapot", "bleef", "is", "slecht"}},
                                     {"verkeerslicht", "kapot"});
  CHECK(!holds(label, "bleef"));
  // "(de hellingen bij) ons in de | wijk zijn slecht": the hills are, not the district.
  const std::string pp = label_of({{"de", "hellingen", "bij", "ons", "in", "de", "wijk", "zijn", "slecht", "gestrooid"},
                                   {"de", "stoepen", "bij", "ons", "in", "de", "wijk", "zijn", "slecht", "gestrooid"}},
                                  {"wijk"});
  CHECK(!holds(pp, "wijk"));
}

TEST_CASE("labels: a subordinate clause's closing modal and an amount's degree are not cut off") {
  // "(waarom een) erkenning niet (even) tussendoor | kan": what could not be, without its verb.
  const std::string modal = label_of({{"niemand", "kon", "uitleggen", "waarom", "een", "erkenning", "niet", "even", "tussendoor", "kan"},
                                      {"waarom", "kan", "een", "erkenning", "niet", "tussendoor", "kan"}},
                                     {"erkenning", "tussendoor"});
  CHECK(modal != "erkenning niet tussendoor");
  CHECK(!holds(modal, "tussendoor"));
  // "(een envelop stoppen in) slechts | drie weken": a degree without its amount.
  const std::string degree = label_of({{"een", "envelop", "stoppen", "kapot", "slechts", "drie", "weken"},
                                       {"envelop", "stoppen", "kapot", "slechts", "drie", "weken"}},
                                      {"envelop"});
  CHECK(!holds(degree, "slechts"));
}
