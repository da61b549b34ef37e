// Golden table for the Dutch text layer: normalisation, tokenisation, sentences and clauses.
// One case per rule, including cases that must NOT change.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "luister/text/normalize.hpp"
#include "luister/text/tokenize.hpp"

namespace {

struct NormCase {
  const char* in;
  const char* out;
  const char* why;
};

const NormCase kNormCases[] = {
    {"Heel GOED", "heel goed", "case folding"},
    {"ÉÉN keer", "één keer", "case folding keeps accents"},
    {"één", "één", "accents kept by default"},
    {"  veel   ruimte  ", "veel ruimte", "spaces collapsed and trimmed"},
    {"tab\there", "tab here", "tab is a space"},
    {"regel 1\r\nregel 2", "regel 1\nregel 2", "CRLF becomes one line break"},
    {"a\n\n\n\nb", "a\nb", "blank lines collapse"},
    {"a \n b", "a\nb", "spaces around a line break go"},
    {"non\xC2\xA0" "breaking", "non breaking", "no-break space"},
    {"zero\xE2\x80\x8Bwidth", "zerowidth", "zero-width space dropped"},
    {"bell\x07!", "bell!", "control character dropped"},
    {"zo\xE2\x80\x99n", "zo'n", "typographic apostrophe"},
    {"\xE2\x80\x98quote\xE2\x80\x99", "'quote'", "single quotes"},
    {"\xE2\x80\x9Cmooi\xE2\x80\x9D", "\"mooi\"", "double quotes"},
    {"\xE2\x80\x9Elaag\xE2\x80\x9D", "\"laag\"", "low-9 quote"},
    {"a \xE2\x80\x93 b", "a - b", "en dash"},
    {"a\xE2\x80\x94" "b", "a-b", "em dash"},
    {"don`t", "don't", "backtick as apostrophe"},
    {"wachten\xE2\x80\xA6", "wachten...", "ellipsis character"},
    {"\xC4\xB3s", "ijs", "ij ligature"},
    {"\xC4\xB2SSELMONDE", "ijsselmonde", "capital IJ ligature"},
    {"\xEF\xBC\xA6\xEF\xBD\x95\xEF\xBD\x8C\xEF\xBD\x8C", "full", "fullwidth letters (NFKC)"},
    {"\xEF\xAC\x81" "ets", "fiets", "fi ligature (NFKC)"},
    {"e\xCC\x81\xC3\xA9n", "\xC3\xA9\xC3\xA9n", "combining accent composed (NFC)"},
    {"heeeeel lang", "heel lang", "elongated vowel squeezed to two"},
    {"jaaaaa", "ja", "elongated vowel at word end squeezed to one"},
    {"neeee", "nee", "ee at word end stays double"},
    {"superrrr", "super", "elongated consonant at word end"},
    {"zoveeeeel", "zoveel", "elongation inside a word"},
    {"hiiii", "hi", "ii never doubles"},
    {"HEEEEL", "heel", "capitals squeezed as well"},
    {"!!!!!", "!!!!!", "exclamation marks kept as emphasis"},
    {"??", "??", "question marks kept"},
    {"heel", "heel", "real double letters kept"},
    {"kappen", "kappen", "real double consonant kept"},
    {"1000000", "1000000", "digits never squeezed"},
    {"www.gemeente.nl", "www.gemeente.nl", "no squeezing inside a web address"},
    {"info@zzzorg.nl", "info@zzzorg.nl", "no squeezing inside an e-mail address"},
    {"ge\xC3\x83\xC2\xAF" "nformeerd", "ge\xC3\xAF" "nformeerd", "mojibake ï repaired"},
    {"\xC3\x83\xC2\xA9\xC3\x83\xC2\xA9n", "\xC3\xA9\xC3\xA9n", "mojibake één repaired"},
    {"zo\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2n", "zo'n", "mojibake right quote repaired, then unified"},
    {"\xC3\x83 la carte", "\xC3\xA3 la carte", "a lone Ã is no mojibake (folded, not repaired)"},
    {"caf\xC3\xA9", "caf\xC3\xA9", "correct UTF-8 untouched"},
    {"\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1", "\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1", "emoji kept"},
    {"\xE2\x9D\xA4\xEF\xB8\x8F", "\xE2\x9D\xA4", "variation selector dropped by NFKC_Casefold"},
    {"STRASSE", "strasse", "ASCII fold"},
    {"Stra\xC3\x9F" "e", "strasse", "sharp s case-folds to ss"},
    {"", "", "empty stays empty"},
    {"   ", "", "only spaces becomes empty"},
};

struct TokCase {
  const char* in;
  const char* tokens;  // " | "-separated
  const char* why;
};

const TokCase kTokCases[] = {
    {"de balie was dicht", "de | balie | was | dicht", "plain words"},
    {"goed, snel.", "goed | , | snel | .", "punctuation split off"},
    {"m'n pas", "m'n | pas", "clitic m'n"},
    {"z'n moeder", "z'n | moeder", "clitic z'n"},
    {"d'r auto", "d'r | auto", "clitic d'r"},
    {"'t is klaar", "'t | is | klaar", "leading clitic 't"},
    {"'s ochtends", "'s | ochtends", "'s ochtends"},
    {"'k weet het", "'k | weet | het", "clitic 'k"},
    {"zo'n gedoe", "zo'n | gedoe", "zo'n"},
    {"oma's huis", "oma's | huis", "possessive/plural apostrophe"},
    {"auto's", "auto's", "plural with apostrophe"},
    {"'hallo'", "' | hallo | '", "quoted word: apostrophes are quotes"},
    {"a.u.b. snel", "a.u.b. | snel", "abbreviation a.u.b."},
    {"i.p.v. bellen", "i.p.v. | bellen", "abbreviation i.p.v."},
    {"m.b.t. de brief", "m.b.t. | de | brief", "abbreviation m.b.t."},
    {"bijv. de app", "bijv. | de | app", "abbreviation bijv."},
    {"o.a. wachttijd", "o.a. | wachttijd", "abbreviation o.a."},
    {"t.z.t. terug", "t.z.t. | terug", "abbreviation t.z.t."},
    {"ca. 20 min", "ca. | 20 | min", "abbreviation ca."},
    {"d.w.z. niets", "d.w.z. | niets", "abbreviation d.w.z."},
    {"enz.", "enz.", "abbreviation at the end"},
    {"x.y.z. onbekend", "x.y.z. | onbekend", "unknown initials with dots"},
    {"16- en 17-jarige", "16- | en | 17-jarige", "coordinated compound with numbers"},
    {"in- en uitgang", "in- | en | uitgang", "coordinated compound"},
    {"bus- of tramhalte", "bus- | of | tramhalte", "coordinated with of"},
    {"e-mail", "e-mail", "hyphenated word"},
    {"wmo-consulent", "wmo-consulent", "hyphenated compound"},
    {"7,5 gekregen", "7,5 | gekregen", "decimal comma"},
    {"1.000 euro", "1.000 | euro", "thousands separator"},
    {"\xE2\x82\xAC 12,50", "\xE2\x82\xAC | 12,50", "euro amount"},
    {"om 14:05 uur", "om | 14:05 | uur", "time"},
    {"22-11-2026 gebeld", "22-11-2026 | gebeld", "date with dashes"},
    {"op 22/11 pas", "op | 22/11 | pas", "day/month"},
    {"22.11.2026", "22.11.2026", "date with dots"},
    {"3e keer", "3e | keer", "ordinal"},
    {"1ste keer", "1ste | keer", "ordinal ste"},
    {"50% korting", "50 | % | korting", "percent split off"},
    {"https://www.eindhoven.nl/afspraak?id=1.", "https://www.eindhoven.nl/afspraak?id=1 | .", "URL without the full stop"},
    {"zie www.mijnoverheid.nl", "zie | www.mijnoverheid.nl", "www URL"},
    {"op eindhoven.nl/afval staat", "op | eindhoven.nl/afval | staat", "bare domain with path"},
    {"mail j.jansen@example.nl.", "mail | j.jansen@example.nl | .", "e-mail address"},
    {"#gemeente top", "#gemeente | top", "hashtag"},
    {"@gemeente040 reageer", "@gemeente040 | reageer", "mention"},
    {"top :-)", "top | :-)", "emoticon :-)"},
    {"jammer :(", "jammer | :(", "emoticon :("},
    {"knipoog ;)", "knipoog | ;)", "emoticon ;)"},
    {"huilen :'(", "huilen | :'(", "emoticon :'("},
    {"tja :-/", "tja | :-/", "emoticon :-/"},
    {"lol :d", "lol | :d", "emoticon :D after folding"},
    {"goed:)", "goed | :)", "emoticon glued to a word"},
    {"ik <3 dit", "ik | <3 | dit", "heart emoticon"},
    {"tijd: 10 min", "tijd | : | 10 | min", "colon is not an emoticon"},
    {"(zie 8)", "( | zie | 8 | )", "8) after a space-less digit is not an emoticon"},
    {"\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1", "\xF0\x9F\x98\xA1 | \xF0\x9F\x98\xA1", "two emoji, two tokens"},
    {"top\xF0\x9F\x91\x8D", "top | \xF0\x9F\x91\x8D", "emoji glued to a word"},
    {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "emoji with skin tone"},
    {"\xF0\x9F\xA4\xA6\xE2\x80\x8D\xE2\x99\x82", "\xF0\x9F\xA4\xA6\xE2\x80\x8D\xE2\x99\x82", "ZWJ sequence"},
    {"\xF0\x9F\x87\xB3\xF0\x9F\x87\xB1", "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB1", "flag: two regional indicators"},
    {"bel [TELEFOON] nu", "bel | [TELEFOON] | nu", "placeholder from masking"},
    {"wat?!", "wat | ?!", "mixed emphasis run"},
    {"echt!!!", "echt | !!!", "emphasis run"},
    {"wachten...", "wachten | ...", "ellipsis"},
    {"\"dat kan niet\"", "\" | dat | kan | niet | \"", "double quotes split off"},
    {"caf\xC3\xA9 na\xC3\xAF" "ef", "caf\xC3\xA9 | na\xC3\xAF" "ef", "accented letters inside words"},
    {"wachttijd", "wachttijd", "compound stays one token"},
    {"100km", "100km", "number with unit glued"},
    {"10x gebeld", "10x | gebeld", "count glued"},
    {"a4'tje", "a4'tje", "diminutive after apostrophe"},
    {"", "", "nothing"},
    // Issue 17's text-layer cases, written for luister (not taken from another tokeniser's tests).
    {"george w. bush kwam", "george | w. | bush | kwam", "an initial before a name is one token"},
    {"mgr. jansen", "mgr. | jansen", "listed abbreviation mgr."},
    {"ik kon. toen", "ik | kon | . | toen", "kon. at a sentence end is a verb and a full stop"},
    {"ik ben. daarna", "ik | ben | . | daarna", "ben. likewise"},
    {"medewerker(s) kwamen", "medewerker(s) | kwamen", "a bracketed plural stays in its word"},
    {"de (her)aanvraag", "de | (her)aanvraag", "a bracketed prefix stays in its word"},
    {"klant(en)service", "klant(en)service", "a bracketed affix inside a compound"},
    {"(zie bijlage)", "( | zie | bijlage | )", "brackets around words split off"},
    {"in '92 verhuisd", "in | '92 | verhuisd", "an elided year"},
    {"geboren 04-02-'54", "geboren | 04-02-'54", "a date with an elided year"},
    {"'s ochtends", "'s | ochtends", "a clitic still is one"},
    {"leuk :^) echt", "leuk | :^) | echt", "emoticon with a nose"},
    {"top :))) hoor", "top | :))) | hoor", "a repeated mouth stays in the emoticon"},
    {"jammer 8( zeg", "jammer | 8( | zeg", "emoticon with glasses"},
    {"blij (-: hoor", "blij | (-: | hoor", "a mirrored emoticon"},
    {"punt 8) hier", "punt | 8 | ) | hier", "list numbering is no emoticon"},
    {"balie -> loket 3", "balie | -> | loket | 3", "an arrow"},
    {"wachttijd >= 30 min", "wachttijd | >= | 30 | min", "a comparison"},
    {"[persoon-1] belde", "[persoon-1] | belde", "another anonymiser's placeholder"},
    {"[x] aangevinkt", "[ | x | ] | aangevinkt", "a ticked box is no placeholder"},
};

struct SentenceCase {
  const char* in;
  const char* sentences;  // " || "-separated
  const char* why;
};

const SentenceCase kSentenceCases[] = {
    {"lang gewacht. daarna snel geholpen.", "lang gewacht. || daarna snel geholpen.", "full stop splits"},
    {"waarom? geen idee!", "waarom? || geen idee!", "question and exclamation"},
    {"bel a.u.b. terug. dank", "bel a.u.b. terug. || dank", "no split after abbreviation"},
    {"o.a. de wachttijd was lang", "o.a. de wachttijd was lang", "abbreviation at the start"},
    {"het kost 7,5 euro. duur", "het kost 7,5 euro. || duur", "decimal comma is no boundary"},
    {"ik wachtte... en wachtte", "ik wachtte... en wachtte", "ellipsis inside a sentence"},
    {"top! \xF0\x9F\x91\x8D volgende keer", "top! \xF0\x9F\x91\x8D || volgende keer", "emoji stays with its sentence"},
    {"prima :-) dank", "prima :-) dank", "emoticon is not a boundary"},
    {"- wachttijd\n- parkeren", "- wachttijd || - parkeren", "line break splits a list"},
    {"\"dat kan niet.\" zei ze", "\"dat kan niet.\" || zei ze", "closing quote stays"},
    {"echt!!! nooit meer", "echt!!! || nooit meer", "emphasis run ends a sentence"},
    {"geen punt aan het eind", "geen punt aan het eind", "one sentence without a full stop"},
    {"i.p.v. 2 dagen 3 weken. slecht", "i.p.v. 2 dagen 3 weken. || slecht", "abbreviation then boundary"},
};

struct ClauseCase {
  const char* in;
  const char* clauses;  // " || "-separated, each prefixed by its link: [-] none, [c] contrast, [e] coordination, [,] comma
  const char* why;
};

const ClauseCase kClauseCases[] = {
    {"vriendelijk maar traag", "[-] vriendelijk || [c] maar traag", "maar starts a contrast clause"},
    {"snel geholpen, alleen de wachttijd was lang", "[-] snel geholpen , || [c] alleen de wachttijd was lang",
     "alleen after a comma is contrast"},
    {"ik was alleen", "[-] ik was alleen", "alleen inside a clause is not"},
    {"snel geholpen, enkel de prijs valt tegen", "[-] snel geholpen , || [c] enkel de prijs valt tegen",
     "enkel (Flemish alleen) after a comma is contrast"},
    {"geen enkel probleem", "[-] geen enkel probleem", "enkel inside a clause is not"},
    {"toch ben ik tevreden", "[c] toch ben ik tevreden", "toch at the start is contrast"},
    {"het was toch goed", "[-] het was toch goed", "toch inside a clause is not"},
    {"de medewerker was echter onvriendelijk", "[-] de medewerker was || [c] echter onvriendelijk", "echter"},
    {"lang wachten en de website werkt niet", "[-] lang wachten || [e] en de website werkt niet",
     "two complaints joined by en"},
    {"in- en uitgang", "[-] in- en uitgang", "en in a coordinated compound does not split"},
    {"er wordt niet of nauwelijks gemaaid", "[-] er wordt niet of nauwelijks gemaaid", "niet of nauwelijks is one phrase"},
    {"min of meer goed of slecht", "[-] min of meer goed || [e] of slecht", "min of meer is one phrase; of after it splits"},
    {"snel, vriendelijk, duidelijk", "[-] snel , || [,] vriendelijk , || [,] duidelijk", "commas split"},
    {"goed, maar duur", "[-] goed , || [c] maar duur", "comma then maar: contrast wins"},
    {"prima", "[-] prima", "one clause"},
    {"wachttijd: veel te lang", "[-] wachttijd : || [,] veel te lang", "colon splits"},
    {"behalve de wachttijd", "[c] behalve de wachttijd", "behalve"},
    {"bellen of mailen", "[-] bellen || [e] of mailen", "of coordinates"},
    {"uitleg over wat wel en niet mag", "[-] uitleg over wat wel en niet mag", "wel en niet is one phrase"},
    {"af en toe dicht en niemand weet waarom", "[-] af en toe dicht || [e] en niemand weet waarom",
     "af en toe is one phrase; en after it splits"},
    {"wel en de balie niet", "[-] wel || [e] en de balie niet", "wel en before anything but niet splits"},
};

const luister::Tokenizer& tokenizer() {
  static const luister::Tokenizer tok;
  return tok;
}

std::string joined_tokens(std::string_view text) {
  std::vector<luister::Token> tokens;
  tokenizer().tokenize(text, tokens);
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " | ") + std::string(t.text(text));
  return out;
}

}  // namespace

TEST_CASE("text: normalisation table") {
  luister::Normalizer norm;
  for (const auto& c : kNormCases) {
    CAPTURE(c.why);
    CAPTURE(c.in);
    CHECK(norm.normalize(c.in).text == c.out);
  }
}

TEST_CASE("text: accents fold only on request") {
  luister::Normalizer fold({.fold_accents = true});
  CHECK(fold.normalize("\xC3\xA9\xC3\xA9n keer ge\xC3\xAF" "nformeerd").text == "een keer geinformeerd");
  luister::Normalizer keep_case({.fold_case = false});
  CHECK(keep_case.normalize("Heel GOED").text == "Heel GOED");
}

TEST_CASE("text: a word list decides how elongations squeeze") {
  luister::Normalizer with_list({}, [](std::string_view w) { return w == "lang" || w == "super"; });
  CHECK(with_list.normalize("laaaaang").text == "lang");
  luister::Normalizer without(luister::NormalizeOptions{});
  CHECK(without.normalize("laaaaang").text == "laang");
}

TEST_CASE("text: offsets lead back to the original words") {
  luister::Normalizer norm;
  const std::string original = "Heeeel  LANG ge\xC3\x83\xC2\xAF" "nformeerd \xE2\x80\x9Cok\xE2\x80\x9D";
  auto n = norm.normalize(original);
  REQUIRE(n.text == "heel lang ge\xC3\xAF" "nformeerd \"ok\"");
  REQUIRE(n.offsets.size() == n.text.size() + 1);
  auto [b1, e1] = n.original_range(0, 4);
  CHECK(original.substr(b1, e1 - b1) == "Heeeel");
  auto [b2, e2] = n.original_range(5, 9);
  CHECK(original.substr(b2, e2 - b2) == "LANG");
  std::size_t g = n.text.find("ge");
  auto [b3, e3] = n.original_range(g, g + std::string("ge\xC3\xAF" "nformeerd").size());
  CHECK(original.substr(b3, e3 - b3) == "ge\xC3\x83\xC2\xAF" "nformeerd");
  for (std::size_t i = 1; i < n.offsets.size(); ++i) CHECK(n.offsets[i - 1] <= n.offsets[i]);  // monotonic
}

TEST_CASE("text: tokenisation table") {
  for (const auto& c : kTokCases) {
    CAPTURE(c.why);
    CHECK(joined_tokens(c.in) == c.tokens);
  }
}

TEST_CASE("text: token kinds") {
  std::vector<luister::Token> tokens;
  std::string text = "mail j@x.nl of www.x.nl :-) \xF0\x9F\x98\xA1 #tag 7,5 22-11-2026 a.u.b. [EMAIL] \xE2\x82\xAC !";
  tokenizer().tokenize(text, tokens);
  std::vector<std::string_view> kinds;
  for (const auto& t : tokens) kinds.push_back(luister::token_kind_name(t.kind));
  CHECK(kinds == std::vector<std::string_view>{"word", "email", "word", "url", "emoticon", "emoji", "hashtag", "number",
                                               "date", "abbreviation", "placeholder", "symbol", "punct"});
}

TEST_CASE("text: sentence table") {
  for (const auto& c : kSentenceCases) {
    CAPTURE(c.why);
    std::string text = c.in;
    std::vector<luister::Token> tokens;
    tokenizer().tokenize(text, tokens);
    std::string out;
    for (const auto& s : luister::split_sentences(text, tokens)) {
      std::size_t b = tokens[s.first].begin, e = tokens[s.last - 1].end;
      out += (out.empty() ? "" : " || ") + text.substr(b, e - b);
    }
    CHECK(out == c.sentences);
  }
}

TEST_CASE("text: clause table") {
  for (const auto& c : kClauseCases) {
    CAPTURE(c.why);
    std::string text = c.in;
    std::vector<luister::Token> tokens;
    tokenizer().tokenize(text, tokens);
    std::string out;
    auto clauses = luister::split_clauses(text, tokens, {0, static_cast<std::uint32_t>(tokens.size())});
    for (const auto& cl : clauses) {
      std::string words;
      for (auto t = cl.tokens.first; t < cl.tokens.last; ++t) {
        if (!words.empty()) words += ' ';
        words += tokens[t].text(text);
      }
      const char* link = cl.link == luister::ClauseLink::kContrast       ? "[c]"
                         : cl.link == luister::ClauseLink::kCoordination ? "[e]"
                         : cl.link == luister::ClauseLink::kComma        ? "[,]"
                                                                         : "[-]";
      out += (out.empty() ? "" : " || ") + std::string(link) + " " + words;
    }
    CHECK(out == c.clauses);
  }
}

// Sentences in text with its capitals, as TextPipeline sees them: the capitals decide.
TEST_CASE("text: sentences where capitals decide") {
  struct Case {
    const char* in;
    const char* sentences;  // " || "-separated
    const char* why;
  };
  const Case cases[] = {
      {"Hij zei \"waarom?\" en liep weg. Toen niets.", "Hij zei \"waarom?\" en liep weg. || Toen niets.",
       "a question inside quotes, the sentence going on in lower case"},
      {"Ik vroeg: \"Waarom?\" Niemand wist het.", "Ik vroeg: \"Waarom?\" || Niemand wist het.",
       "a question inside quotes, then a new sentence"},
      {"Het duurde lang. ...En toen niets.", "Het duurde lang. || ...En toen niets.", "a leading ellipsis opens the next"},
      {"Ik heb gebeld... Niemand nam op.", "Ik heb gebeld... || Niemand nam op.", "an ellipsis before a capital ends"},
      {"ik wachtte... en wachtte", "ik wachtte... en wachtte", "an ellipsis before lower case goes on"},
      {"...Toen werd ik gebeld.", "...Toen werd ik gebeld.", "an ellipsis at the start"},
      {"George W. Bush kwam langs. Toen niets.", "George W. Bush kwam langs. || Toen niets.", "an initial"},
      {"Ik kon. Toen ging ik.", "Ik kon. || Toen ging ik.", "kon. ends a sentence"},
      {"We wachtten 20 min. De balie was dicht.", "We wachtten 20 min. || De balie was dicht.",
       "a unit after a number before a sentence opener ends it"},
      {"Papier, glas enz. Niets werd opgehaald.", "Papier, glas enz. || Niets werd opgehaald.",
       "an enumeration's end before a capital ends it"},
      {"Ik sprak mgr. Jansen en ca. 5 mensen.", "Ik sprak mgr. Jansen en ca. 5 mensen.", "a title never ends it"},
      {"Nog 20 min. Jansen belde niet.", "Nog 20 min. Jansen belde niet.", "a unit before a name goes on"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.why);
    const std::string text = c.in;
    std::vector<luister::Token> tokens;
    tokenizer().tokenize(text, tokens);
    auto capitalized = [&](std::uint32_t t) { return text[tokens[t].begin] >= 'A' && text[tokens[t].begin] <= 'Z'; };
    std::string out;
    for (const auto& sp : luister::split_sentences(text, tokens, capitalized)) {
      std::size_t b = tokens[sp.first].begin, e = tokens[sp.last - 1].end;
      out += (out.empty() ? "" : " || ") + text.substr(b, e - b);
    }
    CHECK(out == c.sentences);
  }
}
