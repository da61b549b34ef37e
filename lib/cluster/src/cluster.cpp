#include "luister/cluster/cluster.hpp"

#include <algorithm>
#include <atomic>
#include <tuple>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "luister/base/utf8.hpp"
#include "luister/cluster/labels.hpp"
#include "luister/cluster/complaint_register.hpp"
#include "luister/cluster/quotes.hpp"
#include "luister/csv/canonical.hpp"
#include "luister/csv/excel.hpp"
#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/hash.hpp"
#include "luister/base/io.hpp"
#include "luister/base/period.hpp"
#include "luister/cli/progress.hpp"
#include "luister/lexicon/aspects.hpp"
#include "luister/lexicon/lexicon.hpp"
#include "luister/text/pii.hpp"
#include "luister/csv/values.hpp"
#include "luister/text/wordforms.hpp"
#include "spill.hpp"

namespace luister {
namespace {
// for_most(): a theme this large is not named by one member's words; one this large by a phrase
// that a third of its members or fewer say about another aspect than the theme's.
constexpr std::size_t kOneVoiceMembers = 5;
constexpr std::size_t kElsewhereMembers = 6;

constexpr float kPartWeight = 0.5f;      // a compound part counts half a word
// A word the sentiment lexicon scored ("slecht", "waardeloos") says how bad, not what: every
// complaint has such words, so they count little for the theme.
constexpr float kEvaluativeWeight = 0.3f;
// The unit's aspect (lexicons/aspects-nl.tsv) as a feature of its own: units about one aspect
// lean together, whatever words they use for it; lightly, as one aspect holds several complaints.
constexpr float kAspectWeight = 0.5f;
// Each concept a unit mentions (lexicons/concepts-nl.tsv: "kliko" and "bak" are a container,
// "overgeslagen" is not collected) as a feature of its own, for the same reason, finer. What goes
// wrong weighs more than what it goes wrong with: "melding afgesloten zonder oplossing" and "nooit
// iets gehoord over mijn melding" are two complaints about one object, "kolk" and "lantaarnpaal"
// closed without a fix are one. Concepts without a type count in between. With all rows in one
// group (--by ''), objects are what tells the processes' complaints apart ("lang wachten" on a
// passport and on a wheelchair): there they keep the full weight.
constexpr float kConceptWeight = 1.0f;
constexpr float kProblemConceptWeight = 1.5f;
constexpr float kObjectConceptWeight = 0.5f;

float concept_weight(ConceptType type, bool grouped) {
  switch (type) {
    case ConceptType::kProblem: return kProblemConceptWeight;
    case ConceptType::kObject: return grouped ? kObjectConceptWeight : kConceptWeight;
    case ConceptType::kUnset: break;
  }
  return kConceptWeight;
}

constexpr std::size_t kRegisterTerms = 30;
constexpr std::size_t kQuoteSentenceBytes = 280;  // a quote shows whole sentences up to this length
constexpr std::size_t kLabelMembers = 200;  // the most typical members a label is looked for in
constexpr double kRelabelGain = 0.3;        // with --context: a new label must cover this share more members
constexpr const char* kOverig = "overig";
// A new theme smaller than this must have a label that says what is wrong (drop_nameless()).
constexpr std::size_t kNamedThemeSize = 3;
constexpr const char* kNoLabel = "(zonder label)";  // a theme whose answers share no words to name it by
// An answer with a clause scoring this or more praises; in it, a clause scoring more than
// -kStrongComplaint without a turn ("wel", "jammer") is no criticism (Extractor::mark_told).
constexpr double kPraiseScore = 0.25;
constexpr double kStrongComplaint = 0.7;

// ---------------------------------------------------------------------------------------------
// Units: the pieces of criticism in an answer
// ---------------------------------------------------------------------------------------------

struct Unit {
  std::uint32_t row = 0;
  std::uint32_t order = 0;           // position within its answer
  std::string norm;                  // normalised text of the unit
  std::string quote;                 // the resident's words, personal data masked
  std::vector<std::string> words;    // normalised words in order; "" marks a break (punctuation)
  std::vector<std::pair<std::string, float>> features;
  int aspect = -1;                   // index into the taxonomy: the aspect most seed terms point to
  Span quoted{0, 0};                 // the tokens its quote shows: its clauses, or their whole sentences
  bool states = true;                // its quote says what is wrong or asks for something (quoted first)
  bool praises = false;              // its answer praises on the whole (QuoteCandidate::praises)
};

std::string boost_join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string collapse_space(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Snowball stems of the words seen so far: answers repeat their words, stemming is not cheap.
class CachedStemmer {
 public:
  const std::string& stem(std::string_view word) {
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    if (cache_.size() > 500000) cache_.clear();
    return cache_.emplace(std::string(word), stemmer_.stem(word)).first->second;
  }

 private:
  Stemmer stemmer_;
  StringMap<std::string> cache_;
};

// The phrases of a word list (one per line, '#' comments), each as its words.
std::vector<std::vector<std::string>> read_phrases(const std::string& path) {
  std::vector<std::vector<std::string>> out;
  const std::string text = read_file(path);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> words;
    std::string w;
    for (char c : line + " ")
      if (c == ' ' || c == '\r' || c == '\t') {
        if (!w.empty()) words.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    if (!words.empty()) out.push_back(std::move(words));
  }
  return out;
}

// Whether `words` hold the phrase's words in order, at most two other words between two of them.
bool holds_phrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  const bool anchored = phrase[0][0] == '^';  // "^stuur": only as the clause's first word
  const std::string_view first = anchored ? std::string_view(phrase[0]).substr(1) : std::string_view(phrase[0]);
  for (std::size_t start = 0; start < (anchored ? std::min<std::size_t>(1, words.size()) : words.size()); ++start) {
    if (words[start] != first) continue;
    std::size_t at = start, k = 1;
    for (; k < phrase.size(); ++k) {
      std::size_t next = at + 1;
      while (next < words.size() && next <= at + 3 && words[next] != phrase[k]) ++next;
      if (next >= words.size() || next > at + 3) break;
      at = next;
    }
    if (k == phrase.size()) return true;
  }
  return false;
}

// Shared, read-only: the scorer and word data. Each thread has its own Extractor.
struct Resources {
  SentimentScorer scorer;
  StopWords stopwords;
  StopWords discourse;  // contrast and discourse words: no stopwords for sentiment, no topic either
  StopWords turns;        // words that turn praise to what was less good ("wel", "jammer")
  StopWords reservations;  // of those, the ones that mark a neutral clause as criticism on their own
  AspectTaxonomy aspects;
  AspectTaxonomy concepts;
  std::vector<std::vector<std::string>> wishes;  // lexicons/wishes-nl.txt, each phrase as its words
  // The first word of each wish phrase (without its '^'): a clause holding none of them holds no wish,
  // which one look-up per word tells, where trying every phrase on every clause cost a tenth of a run.
  std::unordered_set<std::string> wish_starts;
  explicit Resources(const ClusterOptions& o)
      : scorer(o.sentiment),
        discourse(find_data_file("stopwords-cluster-nl.txt")),
        turns(find_data_file("turns-nl.txt")),
        reservations(find_data_file("reservations-nl.txt")),
        aspects(AspectTaxonomy::load(o.aspects_path)),
        concepts(AspectTaxonomy::load(o.concepts_path, "concepts-nl.tsv")),
        wishes(read_phrases(find_data_file("wishes-nl.txt"))) {
    for (const auto& w : wishes) wish_starts.insert(w[0][0] == '^' ? w[0].substr(1) : w[0]);
  }
  // Whether the clause's words hold a wish phrase (holds_phrase()).
  bool holds_wish(const std::vector<std::string>& words) const {
    if (std::none_of(words.begin(), words.end(), [&](const std::string& w) { return wish_starts.count(w) > 0; }))
      return false;
    return std::any_of(wishes.begin(), wishes.end(), [&](const auto& w) { return holds_phrase(words, w); });
  }
  bool topical(std::string_view w) const {
    return w.size() >= 2 && !stopwords.contains(w) && !discourse.contains(w) && !scorer.is_negator(w) &&
           !scorer.is_intensifier(w);
  }
};

// Words that link a clause to the one before without saying anything themselves.
bool is_connective(const std::string& w) {
  static const std::set<std::string> kConnectives = {"dus", "en", "maar", "want", "ook", "verder", "dan", "nou"};
  return kConnectives.count(w) > 0;
}

// Whether words[0..to) ends in a filler that adds nothing to a non-answer: "hoor", "eigenlijk",
// "verder", "eerlijk gezegd".
bool is_filler(const std::vector<std::string>& words, std::size_t to) {
  static const std::set<std::string> kFillers = {"hoor", "eigenlijk", "verder", "echt", "zo"};
  const std::string& last = words[to - 1];
  return kFillers.count(last) > 0 || (last == "gezegd" && to >= 2 && words[to - 2] == "eerlijk");
}

// "Laat het zo", "hou het zo": keeping things as they are is praise, not the suggestion an
// imperative opening a clause usually is.
bool keep_as_is(const std::vector<std::string>& words) {
  if (words.empty() || (words[0] != "laat" && words[0] != "houd" && words[0] != "hou")) return false;
  std::size_t k = 1;
  if (k < words.size() && (words[k] == "het" || words[k] == "alles" || words[k] == "dit")) ++k;
  while (k < words.size() && (words[k] == "maar" || words[k] == "gewoon" || words[k] == "vooral" || words[k] == "lekker")) ++k;
  return k + 1 == words.size() && words[k] == "zo";
}

// Whether a clause tells what happened ("Ik heb een uittreksel aangevraagd", "de pas lag er binnen
// een week"): a finite verb in the past tense (or the auxiliary of the perfect), with "ik", "we" or
// "mijn" besides it or not.
enum class Account { kNone, kPast, kFirstPerson };

Account account_of(const std::vector<std::string>& words) {
  static const std::set<std::string> kPast = {
      "was",  "waren", "had",   "hadden", "heb",    "hebben", "heeft", "ben",   "kreeg", "kregen", "kwam",
      "kwamen", "ging", "gingen", "werd", "werden", "lag",    "lagen", "stond", "stonden", "zat",
      "zaten", "deed",  "deden", "belde", "belden", "gaf",    "gaven", "hielp", "hielpen"};
  static const std::set<std::string> kFirst = {"ik", "we", "wij", "mijn", "onze", "ons"};
  bool past = false, first = false;
  for (const auto& w : words) {
    past = past || kPast.count(w) > 0;
    first = first || kFirst.count(w) > 0;
  }
  return !past ? Account::kNone : first ? Account::kFirstPerson : Account::kPast;
}

// A clause of an answer: its tokens, the sum of the evidence in it, and its number of content words.
struct Piece {
  Span span;
  double score;
  std::size_t content;
  bool wish = false;  // holds a wish ("zou fijn zijn als", "graag"): criticism whatever its score
  bool nothing = false;  // the clause alone is a non-answer ("geen idee", "nee")
  bool mild = false;     // a turn after praise ("Prima, alleen de leges waren wat hoog"): criticism
  bool told = false;     // a weak negative clause of a praising answer with no turn: what was put right
  bool turns = false;    // opens with a contrast ("maar", "alleen", "echter")
  bool turn_word = false;  // holds a word of lexicons/turns-nl.txt ("wel", "jammer", "even")
  bool reservation = false;  // neutral, not the answer's first clause, holds a word of reservations-nl.txt
  Account account = Account::kNone;  // tells what happened: in the past tense, in the first person
};
// The clauses of an answer, sentence by sentence.
using Sentences = std::vector<std::vector<Piece>>;

// Clause pickers for take_units(): a clause that scores negative, or one that does not score positive.
bool negative_piece(const Piece& p, double band) { return p.wish || p.mild || (p.score <= -band && !p.told); }
bool non_positive_piece(const Piece& p, double band) { return p.wish || p.score < band; }

// Appends to `units` the spans of the clauses `pick` accepts, sentence by sentence; with `context`, a
// unit starts at the first clause after the previous unit or praise. Short clauses join a neighbour.
void take_units(const Sentences& sentences, bool (*pick)(const Piece&, double), bool context, double band,
                std::vector<Span>& units) {
  for (const auto& pieces : sentences) {
    std::size_t start = 0;  // first clause not yet in a unit
    std::size_t units_before = units.size();
    std::optional<std::size_t> pending;  // a short picked clause waiting for the next one
    bool pending_wish = false;           // ... and it is a wish
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (pieces[i].score >= band && !pieces[i].wish) {  // praise ends the context
        // A short wish takes what it wishes for, however positive: "Zou fijn zijn: gratis grofvuil".
        if (pending) units.push_back({pieces[*pending].span.first, pieces[pending_wish ? i : start - 1].span.last});
        pending.reset();
        start = i + 1;
        continue;
      }
      if (!pick(pieces[i], band)) continue;
      std::size_t from = pending ? *pending : context ? start : i;
      pending.reset();
      // A clause with fewer than two content words is no complaint of its own: it joins the
      // unit before it ("de wachttijd, die is te lang" is one complaint), or, opening the
      // sentence, the one after it ("Advies: de app verbeteren", "Helaas, niemand belde terug").
      if (pieces[i].content < 2 && units.size() > units_before) {
        units.back().last = pieces[i].span.last;
      } else if (pieces[i].content < 2 && i + 1 < pieces.size()) {
        pending = from;
        pending_wish = pieces[i].wish;
      } else {
        units.push_back({pieces[from].span.first, pieces[i].span.last});
      }
      start = i + 1;
    }
    if (pending) units.push_back({pieces[*pending].span.first, pieces[start - 1].span.last});
  }
}

class Extractor {
 public:
  Extractor(const Resources& r, const ClusterOptions& o)
      : r_(r),
        o_(o),
        worker_(r.scorer),
        aspects_(r.aspects, &r.scorer.splitter()),
        concepts_(r.concepts, &r.scorer.splitter()) {}

  // The units of one answer; false when the answer is a non-answer ("geen idee", "zie vorige
  // vraag", "n.v.t."): it states no problem and no wish, whatever its grade.
  bool extract(std::uint32_t row, std::string_view text, std::string_view process, bool improvement,
               std::optional<double> grade, std::vector<Unit>& out) {
    SentimentResult result = worker_.score(text, process);
    const AnalyzedText& a = worker_.analyzed();
    if (r_.scorer.non_answers().says_nothing(a)) return false;
    Sentences sentences = clauses(a, result);
    if (o_.select == "criticism" && !improvement && praises(sentences, result.score) && !(grade && *grade <= o_.low_grade))
      mark_told(sentences);
    const std::vector<Span> units = select_units(a, sentences, improvement, grade);
    evaluative_.clear();
    for (const auto& ev : result.evidence) evaluative_.insert(ev.token);
    const std::size_t before = out.size();
    add_units(row, text, a, units, out);
    for (std::size_t i = before; i < out.size(); ++i) {
      out[i].states = states_wrong(sentences, out[i].quoted);
      // (An answer to "what could be better" is read for its proposals: it praises nothing of the contact.)
      out[i].praises = !improvement && result.polarity == "positive";
    }
    return true;
  }

 private:

  // Every sentence's clauses, each with the sum of the evidence in it and its content words.
  Sentences clauses(const AnalyzedText& a, const SentimentResult& result) const {
    const std::string& norm = a.normalized.text;
    const double band = r_.scorer.options().neutral_band;
    Sentences sentences;
    for (const Span& s : a.sentences) {
      auto& pieces = sentences.emplace_back();
      for (const Clause& c : split_clauses(norm, a.tokens, s)) {
        double score = 0;
        for (const auto& ev : result.evidence)
          if (ev.token >= c.tokens.first && ev.token < c.tokens.last) score += ev.contribution;
        std::size_t content = 0;
        std::vector<std::string> words;  // lower case, no punctuation
        for (auto t = c.tokens.first; t < c.tokens.last; ++t) {
          content += is_content(a.tokens[t], a.tokens[t].text(norm));
          if (a.tokens[t].kind != TokenKind::kPunct) words.push_back(lower_ascii(a.tokens[t].text(norm)));
        }
        Piece p{c.tokens, score, content};
        p.wish = o_.select == "criticism" && !keep_as_is(words) &&
                 r_.holds_wish(words);
        // "dus geen idee", "en verder niks", "ik zou niks weten eerlijk gezegd": a connective before
        // a non-answer, or a filler after it, changes nothing.
        std::size_t from = 0, to = words.size();
        while (from + 1 < to && is_connective(words[from])) ++from;
        while (to > from + 1 && is_filler(words, to)) to -= words[to - 1] == "gezegd" ? 2 : 1;
        p.nothing = from < to && r_.scorer.non_answers().contains(boost_join(std::vector<std::string>(
                                     words.begin() + static_cast<std::ptrdiff_t>(from), words.begin() + static_cast<std::ptrdiff_t>(to))));
        // A clause that turns ("maar", "alleen", "echter", "behalve") without praising, after any
        // clause, says what was less good, however mildly.
        p.mild = o_.select == "criticism" && c.link == ClauseLink::kContrast && score < band && content >= 2 &&
                 !pieces.empty();
        p.turns = c.link == ClauseLink::kContrast;
        p.turn_word = std::any_of(words.begin(), words.end(), [&](const std::string& w) { return r_.turns.contains(w); });
        p.reservation = o_.select == "criticism" && std::abs(score) < band && content >= 2 &&
                        !(sentences.size() == 1 && pieces.empty()) &&
                        std::any_of(words.begin(), words.end(), [&](const std::string& w) { return r_.reservations.contains(w); });
        // An account that turns ("Leges waren wat aan de hoge kant", "Alleen duurde het even") is a mild complaint.
        if (!p.turn_word) p.account = account_of(words);
        pieces.push_back(p);
      }
    }
    return sentences;
  }

  // Whether the answer praises: a clause scores kPraiseScore or more and the whole is not negative.
  static bool praises(const Sentences& sentences, double total) {
    if (total < 0) return false;
    for (const auto& pieces : sentences)
      for (const Piece& p : pieces)
        if (p.score >= kPraiseScore) return true;
    return false;
  }

  // In an answer that praises (and is not graded low), a weakly negative clause without a turn in it
  // or in the clause after it ("wel", "jammer", "alleen", "maar") tells what happened or what
  // was put right rather than complaining: "Foto van het zwerfvuil gestuurd via WhatsApp, de
  // volgende ochtend was het al opgeruimd. Top!", "Ze kwamen de kapotte container dezelfde week
  // omruilen." A mild complaint in praise still counts: "Goed geholpen, wel lang moeten wachten aan
  // de telefoon", "De wachtlijst was lang, maar de hulp zelf is top". So does a neutral clause with a
  // reservation in it: "de ambtenaar was geweldig, de prijs vond ik wel aan de stevige kant".
  static void mark_told(Sentences& sentences) {
    for (auto& pieces : sentences)
      for (std::size_t i = 0; i < pieces.size(); ++i) {
        Piece& p = pieces[i];
        p.mild = p.mild || p.reservation;
        if (p.wish || p.mild || p.score >= 0 || p.score <= -kStrongComplaint) continue;
        // The turn may come after it: "duurde lang voordat ik iemand aan de lijn had, daarna wel goed geholpen".
        const bool next = i + 1 < pieces.size();
        p.told = !(p.turn_word || (next && (pieces[i + 1].turns || pieces[i + 1].turn_word)));
      }
  }

  // An answer to the improvement question that neither complains nor wishes, but praises ("Nee hoor,
  // helemaal tevreden") or says it does not know ("eerste keer, geen idee"), asks nothing better.
  //
  // Nor does one that tells what happened: a neutral clause in the past tense is an account, not a
  // suggestion ("Ik heb een uittreksel aangevraagd.", "Snel geholpen, de pas lag er binnen een week"),
  // in the first person whether or not the answer praises, in any person when it does. A neutral
  // clause that is no account may be the complaint or the suggestion ("maar de ophaaldagen staan er
  // verkeerd in", "Meer parkeerplekken bij het stadhuis", "Ik wil op zaterdag een afspraak kunnen maken").
  static bool all_is_well(const Sentences& sentences, double band) {
    bool praise = false, nothing = false, told = false;
    for (const auto& pieces : sentences)
      for (const Piece& p : pieces) {
        // A clause that says nothing says nothing, whatever its words score ("ik zou niks weten").
        nothing = nothing || p.nothing;
        if (p.nothing) continue;
        if (p.wish || p.mild || p.score <= -band) return false;
        praise = praise || p.score >= band;
      }
    for (const auto& pieces : sentences)
      for (const Piece& p : pieces) {
        if (p.score >= band || p.nothing) continue;
        const bool account = p.account == Account::kFirstPerson || (praise && p.account == Account::kPast);
        told = told || account;  // "Ik was er op dinsdag" is an account, however short
        if (p.content >= 2 && !account) return false;
      }
    return praise || nothing || told;
  }

  // The spans of the answer that --select clusters (criticism, negative, improvement or all).
  std::vector<Span> select_units(const AnalyzedText& a, const Sentences& sentences, bool improvement,
                                 std::optional<double> grade) const {
    const double band = r_.scorer.options().neutral_band;
    const std::string& mode = o_.select;
    std::vector<Span> units;
    if (mode == "all") {
      if (!a.tokens.empty()) units.push_back({0, static_cast<std::uint32_t>(a.tokens.size())});
    } else if (mode == "improvement") {
      if (improvement) take_units(sentences, non_positive_piece, false, band, units);
    } else {
      if (improvement && mode == "criticism") {
        if (!all_is_well(sentences, band)) take_units(sentences, non_positive_piece, false, band, units);
      } else {
        take_units(sentences, negative_piece, true, band, units);
        // A low grade with no clause that scored negative: the lexicon missed it; the answer's
        // non-positive clauses are the criticism.
        if (units.empty() && mode == "criticism" && grade && *grade <= o_.low_grade)
          take_units(sentences, non_positive_piece, false, band, units);
      }
    }
    return units;
  }

  // Makes a unit of each span (features, masked quote) and appends it; spans without features are dropped.
  void add_units(std::uint32_t row, std::string_view text, const AnalyzedText& a, const std::vector<Span>& spans,
                 std::vector<Unit>& out) {
    std::vector<Unit> mine;
    std::vector<char> topical;  // per unit: names what goes wrong (an aspect or a word the lexicon did not score)
    for (const Span& span : spans) {
      Unit u;
      u.row = row;
      topical_words_ = 0;
      features(a, span, u);
      if (u.features.empty()) continue;
      const std::vector<std::string>& said = without_numbers(u.words);
      u.aspect = aspects_.best(said);
      if (u.aspect >= 0)
        u.features.emplace_back("@" + r_.aspects.aspects()[static_cast<std::size_t>(u.aspect)].key, kAspectWeight);
      const std::vector<std::uint32_t> hits = concepts_.hits(said);
      for (std::size_t c = 0; c < hits.size(); ++c)
        if (hits[c] > 0) {
          const Aspect& named = r_.concepts.aspects()[c];
          u.features.emplace_back("#" + named.key, concept_weight(named.type, !o_.by.empty()));
        }
      std::sort(u.features.begin(), u.features.end());
      topical.push_back(u.aspect >= 0 || topical_words_ > 0);
      u.quoted = span;
      mine.push_back(std::move(u));
    }
    // "Heel slecht." after a complaint only says how bad it was: it is no complaint of its own.
    const bool any_topical = std::find(topical.begin(), topical.end(), 1) != topical.end();
    std::vector<Unit> kept;
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (any_topical && !topical[i]) continue;
      // Clauses about one aspect, or one of which names none, are one complaint told in steps
      // ("Afspraak om 10:15. Om 11:05 werd mijn nummer pas omgeroepen."): one unit.
      if (!kept.empty() && (kept.back().aspect < 0 || mine[i].aspect < 0 || kept.back().aspect == mine[i].aspect)) {
        join_unit(kept.back(), mine[i]);
        continue;
      }
      kept.push_back(std::move(mine[i]));
    }
    std::uint32_t order = 0;
    for (Unit& u : kept) {
      u.order = order++;
      u.quote = quote_of(text, a, u.quoted);
      out.push_back(std::move(u));
    }
  }

  // Whether the clauses within `quoted` say what is wrong or ask for something (a negative clause,
  // a wish, a mild complaint after praise), rather than only tell what happened ("Ik heb een boom
  // gemeld die scheef staat" in a low-graded answer).
  bool states_wrong(const Sentences& sentences, Span quoted) const {
    const double band = r_.scorer.options().neutral_band;
    for (const auto& pieces : sentences)
      for (const Piece& p : pieces)
        if (p.span.first >= quoted.first && p.span.last <= quoted.last && (p.score <= -band || p.wish || p.mild))
          return true;
    return false;
  }

  // What a unit's quote shows, masked: the whole sentences its clauses are in, so a reader gets "De
  // nieuwe aanslag is er al, de uitspraak op mijn bezwaar nog niet." rather than the fragment after
  // the comma; its clauses alone when those sentences run longer than kQuoteSentenceBytes.
  static std::string quote_of(std::string_view text, const AnalyzedText& a, Span span) {
    Span whole = span;
    for (const Span& s : a.sentences) {
      if (s.first <= span.first && span.first < s.last) whole.first = s.first;
      if (s.first < span.last && span.last <= s.last) whole.last = s.last;
    }
    auto range = [&](Span sp) { return a.normalized.original_range(a.tokens[sp.first].begin, a.tokens[sp.last - 1].end); };
    auto [b, e] = range(whole);
    if (e - b > kQuoteSentenceBytes) std::tie(b, e) = range(span);
    return collapse_space(mask_pii(text.substr(b, e - b)));
  }

  // The words without the numbers among them: seed terms are phrases of words ("al weken" matches
  // "al 5 weken"); `words` itself keeps them for the labels. Returns `words` when it holds none.
  const std::vector<std::string>& without_numbers(const std::vector<std::string>& words) {
    auto number = [](const std::string& w) { return !w.empty() && w[0] >= '0' && w[0] <= '9'; };
    if (std::none_of(words.begin(), words.end(), number)) return words;
    said_.clear();
    for (const auto& w : words)
      if (!number(w)) said_.push_back(w);
    return said_;
  }

  // Adds unit `b` (later in the same answer) to unit `a`.
  void join_unit(Unit& a, Unit& b) {
    std::map<std::string, float> f(a.features.begin(), a.features.end());
    for (const auto& [k, w] : b.features)
      if (k[0] == '#') f[k] = std::max(f[k], w);
      else if (k[0] != '@') f[k] += w;
    if (a.aspect < 0 && b.aspect >= 0) {
      a.aspect = b.aspect;
      f["@" + r_.aspects.aspects()[static_cast<std::size_t>(b.aspect)].key] = kAspectWeight;
    }
    a.features.assign(f.begin(), f.end());
    a.norm += " " + b.norm;
    a.words.emplace_back();
    a.words.insert(a.words.end(), b.words.begin(), b.words.end());
    a.quoted.last = std::max(a.quoted.last, b.quoted.last);
  }

  bool is_content(const Token& t, std::string_view w) const {
    return t.kind == TokenKind::kWord && r_.topical(w);
  }

  void features(const AnalyzedText& a, Span span, Unit& u) {
    const std::string& norm = a.normalized.text;
    std::map<std::string, float> f;
    std::string previous;  // stem of the previous content word, for pairs
    std::string negator;   // a negator waiting for its word
    std::size_t since_negator = 0;
    for (auto t = span.first; t < span.last; ++t) {
      const Token& tok = a.tokens[t];
      std::string_view w = tok.text(norm);
      if (!u.norm.empty()) u.norm += ' ';
      u.norm += w;
      if (tok.kind == TokenKind::kPunct) {
        if (!u.words.empty() && !u.words.back().empty()) u.words.emplace_back();
        previous.clear();
        negator.clear();
        continue;
      }
      // A number is no feature, but a label must not lose it ("wachttijd was 30 min", not "… was min").
      if (tok.kind == TokenKind::kNumber) u.words.emplace_back(w);
      if (tok.kind != TokenKind::kWord) continue;
      u.words.emplace_back(w);
      if (r_.scorer.is_negator(w)) {
        negator = std::string(w);
        since_negator = 0;
        continue;
      }
      if (!is_content(tok, w)) {
        if (!negator.empty() && ++since_negator > 3) negator.clear();
        continue;
      }
      std::string lower(w);
      std::string stem = stemmer_.stem(lower);  // a copy: the cache may be cleared below
      const float weight = evaluative_.count(t) ? kEvaluativeWeight : 1.0f;
      topical_words_ += weight == 1.0f;
      f[stem] += weight;
      auto parts = r_.scorer.splitter().split(lower);
      if (parts.size() > 1)
        for (const auto& p : parts) f[stemmer_.stem(p.word)] += kPartWeight * weight;
      if (!previous.empty()) f[previous + " " + stem] += 1.0f;
      if (!negator.empty()) {
        f[negator + " " + stem] += 1.0f;
        negator.clear();
      }
      previous = stem;
    }
    u.features.assign(f.begin(), f.end());
  }

  const Resources& r_;
  const ClusterOptions& o_;
  SentimentScorer::Worker worker_;
  CachedStemmer stemmer_;
  AspectMatcher aspects_;
  AspectMatcher concepts_;
  std::vector<std::string> said_;  // scratch of without_numbers()
  std::set<std::uint32_t> evaluative_;  // tokens of the answer the lexicon scored
  std::size_t topical_words_ = 0;       // content words of the current unit the lexicon did not score
};

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

// Strings numbered in the order they first come: features, groups, periods, theme ids.
class Numbering {
 public:
  std::uint32_t number(std::string_view name) {
    if (auto it = numbers_.find(name); it != numbers_.end()) return it->second;
    auto [it, fresh] = numbers_.emplace(std::string(name), static_cast<std::uint32_t>(names_.size()));
    names_.push_back(&it->first);
    return it->second;
  }
  const std::string& name(std::uint32_t n) const { return *names_[n]; }
  std::size_t size() const { return names_.size(); }

 private:
  StringMap<std::uint32_t> numbers_;
  std::vector<const std::string*> names_;  // into numbers_' keys, which never move
};
using FeatureNames = Numbering;

// A unit as the clustering of its group holds it: features by number (the group's FeatureNames),
// its words in one string. Units of one group at a time are held so.
struct GroupUnit {
  std::uint32_t row = 0;
  std::uint32_t order = 0;
  int aspect = -1;
  std::vector<std::pair<std::uint32_t, float>> features;  // (feature number, weight), in Unit::features' order
  std::string words;                                      // Unit::words, each followed by '\0'
  std::string norm;
  std::string quote;
  bool states = true;  // Unit::states
  bool praises = false;  // Unit::praises
};

// One group's units, and the names of their features.
struct GroupUnits {
  std::vector<GroupUnit> units;  // in input order
  FeatureNames features;
};

// Unit::words as one string, each word followed by '\0' (no text holds a NUL byte: canonical CSV
// never does), and back.
std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    out += w;
    out += '\0';
  }
  return out;
}

std::vector<std::string> split_words(std::string_view joined) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < joined.size();) {
    const std::size_t end = joined.find('\0', at);
    out.emplace_back(joined.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

long optional_column(const std::vector<std::string>& header, const std::string& name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<long>(it - header.begin());
}

// ---------------------------------------------------------------------------------------------
// Themes of one group
// ---------------------------------------------------------------------------------------------

struct Theme {
  std::string id;
  std::string label;
  std::vector<std::size_t> members;  // unit indices, most typical first
  std::vector<float> centroid;       // over the group's vocabulary
  int aspect = -1;                   // the aspect most of its members have (-1: none has one)
};

struct Group {
  std::string scope;
  std::vector<std::size_t> units;  // indices into its GroupUnits, in canonical order
};

class GroupClusterer {
 public:
  /// Told each step of a run as it starts, for progress (may be empty).
  using Note = std::function<void(const std::string&)>;

  /// With --context: which known themes units may join by their terms (guided and pinned ones
  /// always), and per unit of the group the themes its answer had then (empty for the input's).
  struct Earlier {
    const std::set<std::string>* matchable = nullptr;  // nullptr: every known theme
    const std::vector<std::vector<std::string>>* previous = nullptr;
  };

  GroupClusterer(const ClusterOptions& o, const GroupUnits& group, ComplaintRegister& reg, CachedStemmer& stemmer,
                 const Resources& res, LabelWords& label_words, Note note, Earlier earlier)
      : o_(o), units_(group.units), features_(group.features), reg_(reg), stemmer_(stemmer), res_(res),
        label_words_(label_words), note_(std::move(note)), earlier_(earlier) {}

  // Assigns every unit of the group a theme id (or "overig") in `unit_theme`; returns the themes.
  std::vector<Theme> run(const Group& g, std::vector<std::string>& unit_theme, std::vector<float>& unit_sim) {
    const auto& ids = g.units;
    std::vector<Theme> themes;
    if (ids.empty()) return themes;
    note("vocabulary");
    KnownThemes known;
    const DocumentFrequency df = build_vocabulary(g, known);
    SparseMatrix docs(static_cast<std::uint32_t>(names_.size()));
    for (std::size_t u : ids) docs.add_row(vector_of(units_[u]));
    known_vectors(known);
    note(fmt::format("matching {} known theme{}", known.entries.size(), known.entries.size() == 1 ? "" : "s"));
    const KnownMatch match = match_known(ids, docs, known);
    RestFit rest = cluster_rest(docs, match.rest, known, ids);
    carry_ids(ids, match, known, rest);
    std::map<std::string, Theme> by_id = assign_themes(ids, known, match, rest, unit_theme, unit_sim);
    note(fmt::format("labelling {} theme{}", by_id.size(), by_id.size() == 1 ? "" : "s"));
    const std::set<std::string> fresh_ids = finish_themes(g, docs, df, by_id, themes);
    drop_nameless(fresh_ids, themes, unit_theme, unit_sim);
    note("settling the units");
    settle(ids, docs, match.seeded, fresh_ids, themes, unit_theme, unit_sim);
    cap(ids, docs, fresh_ids, themes, unit_theme, unit_sim);
    for (Theme& t : themes) t.aspect = majority_aspect(t);
    return themes;
  }

 private:
  using DocumentFrequency = std::vector<std::uint32_t>;  // per column of the vocabulary: the units holding it
  static constexpr std::uint32_t kNoColumn = ~std::uint32_t{0};

  // The register's themes of this group: entries, their terms as vectors, their seeds as stem lists.
  struct KnownThemes {
    std::vector<RegisterTheme*> entries;
    std::vector<char> matchable;  // per entry: units may join it by seeds or terms (Earlier::matchable)
    std::vector<std::vector<float>> vectors;
    std::vector<std::vector<std::vector<std::string>>> seeds;
  };

  // Which known theme each unit of the group joined, and what is left for clustering.
  struct KnownMatch {
    std::vector<int> known_of;     // index into the known themes, -1 for none
    std::set<std::size_t> seeded;  // units that went to a guided theme by its seeds
    std::vector<float> sim;
    std::vector<std::size_t> rest;  // positions in `ids` left for clustering
  };

  // The clusters of the units left over, and for each the known theme it matches (-1 for a new one).
  struct RestFit {
    ThemeFit fit;
    std::vector<int> known;
  };

  // Vocabulary: features in at least two units, plus every term the register knows for this group.
  // Sets vocab_, names_ and idf_, collects the group's known themes; returns the document frequencies.
  DocumentFrequency build_vocabulary(const Group& g, KnownThemes& known) {
    const auto& ids = g.units;
    std::vector<std::uint32_t> count(features_.size(), 0);  // per feature number
    for (std::size_t u : ids)
      for (const auto& [f, w] : units_[u].features) ++count[f];
    std::set<std::string> keys;
    for (std::uint32_t f = 0; f < count.size(); ++f)
      if (count[f] >= 2) keys.insert(features_.name(f));
    for (auto& t : reg_.themes)
      if (t.scope == g.scope) {
        known.entries.push_back(&t);
        known.matchable.push_back(!earlier_.matchable || earlier_.matchable->count(t.id) || !t.seeds.empty() || t.pinned);
        for (const auto& [term, w] : t.terms) keys.insert(term);
      }
    for (const auto& k : keys) vocab_.emplace(k, static_cast<std::uint32_t>(vocab_.size()));
    // vocab_ ids in sorted key order: deterministic.
    {
      std::uint32_t i = 0;
      for (const auto& k : keys) vocab_[k] = i++;
      names_.assign(keys.begin(), keys.end());
    }
    DocumentFrequency df(names_.size(), 0);
    column_.assign(features_.size(), kNoColumn);
    for (std::uint32_t f = 0; f < count.size(); ++f)
      if (auto it = vocab_.find(features_.name(f)); it != vocab_.end()) {
        column_[f] = it->second;
        df[it->second] = count[f];
      }
    const double n = static_cast<double>(ids.size());
    idf_.assign(names_.size(), 0.0f);
    for (std::size_t i = 0; i < names_.size(); ++i) {
      double d = df[i];
      idf_[i] = static_cast<float>(std::log((n + 1) / (d + 1)) + 1);
    }
    return df;
  }

  // Known themes: their terms as vectors over the vocabulary; seeds as stem lists.
  void known_vectors(KnownThemes& known) {
    for (RegisterTheme* t : known.entries) {
      std::vector<float> v(names_.size(), 0.0f);
      for (const auto& [term, w] : t->terms)
        if (auto it = vocab_.find(term); it != vocab_.end()) v[it->second] = static_cast<float>(w);
      normalize(v);
      known.vectors.push_back(std::move(v));
      auto& seeds = known.seeds.emplace_back();
      for (const auto& s : t->seeds) seeds.push_back(stems_of(s));
    }
  }

  // Sends each unit to a known theme: the first whose seed it holds, else the most similar one at
  // known_threshold or more; the units that join none are left for clustering.
  KnownMatch match_known(const std::vector<std::size_t>& ids, const SparseMatrix& docs, const KnownThemes& known) {
    KnownMatch m;
    m.known_of.assign(ids.size(), -1);
    m.sim.assign(ids.size(), 0.0f);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      int best = -1;
      float best_sim = 0;
      for (std::size_t k = 0; k < known.entries.size() && best < 0; ++k) {
        if (!known.matchable[k]) continue;
        for (const auto& seed : known.seeds[k])
          if (has_seed(units_[ids[i]], seed)) {
            best = static_cast<int>(k);
            best_sim = 1;
            break;
          }
      }
      if (best < 0)
        for (std::size_t k = 0; k < known.entries.size(); ++k) {
          if (!known.matchable[k]) continue;
          float s = cosine(docs, i, known.vectors[k]);
          if (s >= o_.known_threshold && s > best_sim) best = static_cast<int>(k), best_sim = s;
        }
      m.known_of[i] = best;
      m.sim[i] = best_sim;
      if (best_sim == 1 && best >= 0) m.seeded.insert(ids[i]);
      if (best < 0) m.rest.push_back(i);
    }
    return m;
  }

  // The rest is clustered; a new cluster that looks like a known theme is that theme.
  RestFit cluster_rest(const SparseMatrix& docs, const std::vector<std::size_t>& rest, const KnownThemes& known,
                       const std::vector<std::size_t>& ids) const {
    SparseMatrix rest_docs(docs.columns());
    for (std::size_t i : rest) {
      std::vector<std::pair<std::uint32_t, float>> row;
      for (std::size_t e = docs.begin(i); e < docs.end(i); ++e) row.emplace_back(docs.index(e), docs.value(e));
      rest_docs.add_row(std::move(row));
    }
    ThemeFitOptions fit = o_.fit;
    // A complaint said twice in a small group (fewer than ten times --min-size units: a week of a
    // small process) recurs as much as one said three times in a large one: there the smallest
    // theme is a tenth of the group, at least two.
    if (docs.rows() < 10 * fit.min_size)
      fit.min_size = std::min(fit.min_size, std::max<std::size_t>(2, docs.rows() / 10));
    fit.threads = o_.threads;
    if (note_) {
      note(fmt::format("clustering the unit{} no known theme took ({})", rest.size() == 1 ? "" : "s", rest.size()));
      fit.note = [this](const std::string& step) { note(step); };
    }
    // Each unit's aspect: a theme that holds two in bulk is split by them (two levels).
    std::vector<int> facet;
    facet.reserve(rest.size());
    for (std::size_t i : rest) facet.push_back(units_[ids[i]].aspect);
    fit.facet = &facet;
    RestFit result{fit_themes(rest_docs, fit), {}};
    result.known.assign(result.fit.centroids.size(), -1);
    for (std::size_t c = 0; c < result.fit.centroids.size(); ++c) {
      float best = static_cast<float>(o_.match_threshold);
      for (std::size_t k = 0; k < known.entries.size(); ++k) {
        float s = 0;
        for (std::size_t j = 0; j < names_.size(); ++j) s += result.fit.centroids[c][j] * known.vectors[k][j];
        if (s >= best) best = s, result.known[c] = static_cast<int>(k);
      }
    }
    return result;
  }

  // With context: a new cluster keeps a register id when most of its earlier answers had that id
  // and most of the earlier answers with that id are in it (two or more), the largest overlaps
  // first, each id once: the cluster continues that complaint. The others keep what cluster_rest()
  // found: the known theme they resemble, or none (a new id).
  void carry_ids(const std::vector<std::size_t>& ids, const KnownMatch& match, const KnownThemes& known,
                 RestFit& rest) const {
    if (!earlier_.previous) return;
    const auto& previous = *earlier_.previous;
    const std::size_t clusters = rest.fit.centroids.size();
    std::vector<std::map<std::string, double>> votes(clusters);
    std::vector<std::size_t> earlier(clusters, 0);  // per cluster: its units of the context
    for (std::size_t r = 0; r < match.rest.size(); ++r) {
      const int c = rest.fit.assignment[r];
      const std::vector<std::string>& then = previous[ids[match.rest[r]]];
      if (c < 0 || then.empty()) continue;
      ++earlier[static_cast<std::size_t>(c)];
      for (const std::string& id : then) {
        const RegisterTheme* t = id == kOverig ? nullptr : reg_.resolve(id);
        votes[static_cast<std::size_t>(c)][t ? t->id : std::string(kOverig)] += 1.0 / static_cast<double>(then.size());
      }
    }
    std::map<std::string, double> held;  // per id: the context's units that had it, in all clusters
    for (const auto& v : votes)
      for (const auto& [id, n] : v) held[id] += n;
    std::map<std::string, std::size_t> entry_of;  // id → its known entry (not a merged one)
    for (std::size_t k = 0; k < known.entries.size(); ++k)
      if (known.entries[k]->merged_into.empty()) entry_of.emplace(known.entries[k]->id, k);
    struct Claim {
      double votes;
      std::size_t cluster, entry;
    };
    std::vector<Claim> claims;
    for (std::size_t c = 0; c < clusters; ++c)
      for (const auto& [id, v] : votes[c]) {
        auto it = entry_of.find(id);
        if (it == entry_of.end() || v < 2 || 2 * v < static_cast<double>(earlier[c]) || 2 * v < held[id]) continue;
        claims.push_back({v, c, it->second});
      }
    std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
      return std::tie(b.votes, a.cluster, a.entry) < std::tie(a.votes, b.cluster, b.entry);
    });
    std::vector<char> cluster_done(clusters, 0), entry_done(known.entries.size(), 0);
    for (const Claim& cl : claims) {
      if (cluster_done[cl.cluster] || entry_done[cl.entry]) continue;
      cluster_done[cl.cluster] = entry_done[cl.entry] = 1;
      rest.known[cl.cluster] = static_cast<int>(cl.entry);
    }
  }

  // Theme per unit: the known theme's final id (after merges), a new id per new cluster, or "overig";
  // returns the themes (not "overig") with their members in the group's order.
  std::map<std::string, Theme> assign_themes(const std::vector<std::size_t>& ids, const KnownThemes& known,
                                             const KnownMatch& match, const RestFit& rest,
                                             std::vector<std::string>& unit_theme, std::vector<float>& unit_sim) {
    const ThemeFit& result = rest.fit;
    std::vector<std::string> new_ids(result.centroids.size());
    for (std::size_t c = 0; c < result.centroids.size(); ++c)
      if (rest.known[c] < 0) new_ids[c] = reg_.new_id();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      std::string id;
      if (match.known_of[i] >= 0) {
        id = reg_.resolve(known.entries[match.known_of[i]]->id)->id;
      }
      unit_sim[ids[i]] = match.sim[i];
      unit_theme[ids[i]] = id;
    }
    for (std::size_t r = 0; r < match.rest.size(); ++r) {
      int c = result.assignment[r];
      std::size_t u = ids[match.rest[r]];
      unit_sim[u] = result.similarity[r];
      if (c < 0) {
        unit_theme[u] = kOverig;
      } else if (rest.known[c] >= 0) {
        unit_theme[u] = reg_.resolve(known.entries[rest.known[c]]->id)->id;
      } else {
        unit_theme[u] = new_ids[c];
      }
    }
    std::map<std::string, Theme> by_id;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::string& id = unit_theme[ids[i]];
      if (id == kOverig) continue;
      Theme& t = by_id[id];
      t.id = id;
      t.members.push_back(ids[i]);
    }
    return by_id;
  }

  // Centroids, typical members first, labels, and register entries; moves the themes to `themes`
  // and returns the ids the register did not know before.
  std::set<std::string> finish_themes(const Group& g, const SparseMatrix& docs, const DocumentFrequency& df,
                                      std::map<std::string, Theme>& by_id, std::vector<Theme>& themes) {
    const auto& ids = g.units;
    const std::vector<std::size_t> position = positions_of(ids);  // unit → row of `docs`
    std::set<std::string> fresh_ids;
    for (auto& [id, t] : by_id) {
      t.centroid.assign(names_.size(), 0.0f);
      for (std::size_t u : t.members) {
        std::size_t i = position[u];
        for (std::size_t e = docs.begin(i); e < docs.end(i); ++e) t.centroid[docs.index(e)] += docs.value(e);
      }
      normalize(t.centroid);
      std::vector<std::pair<float, std::size_t>> typical;
      for (std::size_t u : t.members) typical.emplace_back(-cosine(docs, position[u], t.centroid), position[u]);
      std::sort(typical.begin(), typical.end());
      t.members.clear();
      for (const auto& [s, i] : typical) t.members.push_back(ids[i]);
      if (register_theme(g.scope, id, t, df, ids.size())) fresh_ids.insert(id);
      themes.push_back(std::move(t));
    }
    return fresh_ids;
  }

  // Creates or updates the register entry of theme `t` (terms, automatic label) and sets t.label from
  // it; true when the entry is new.
  bool register_theme(const std::string& scope, const std::string& id, Theme& t, const DocumentFrequency& df,
                      std::size_t total) {
    RegisterTheme* entry = reg_.find(id);
    bool fresh = entry == nullptr;
    if (fresh) {
      reg_.themes.emplace_back();
      entry = &reg_.themes.back();
      entry->id = id;
      entry->scope = scope;
    }
    if (!entry->pinned) update_terms(*entry, t.centroid, fresh);
    const bool automatic = !entry->pinned && (entry->label.empty() || entry->label == entry->label_auto);
    if (fresh || o_.relabel || (entry->label_auto.empty() && entry->label.empty()) ||
        (earlier_.previous && automatic)) {
      std::set<std::string> taken;  // the labels of the group's other complaints
      for (const RegisterTheme& other : reg_.themes)
        if (other.scope == scope && other.id != id) {
          const std::string& named = other.label.empty() ? other.label_auto : other.label;
          taken.insert(named);
          taken.insert(std::string(members_words(named)));  // "vergunning: duurt te lang" takes "vergunning"
        }
      std::string label = make_label(t, df, total, taken);
      // With context a theme's answers change from week to week: its automatic label is made anew
      // only when it no longer says what they say and the new one says it clearly better, so a
      // label that fits stays the same from week to week.
      const bool keep = !fresh && !o_.relabel && !entry->label_auto.empty() &&
                        (label == entry->label_auto || coverage(t, label) < coverage(t, entry->label_auto) + kRelabelGain);
      if (!keep) {
        if (automatic) entry->label = label;
        entry->label_auto = label;
      }
    }
    t.label = entry->label.empty() ? entry->label_auto : entry->label;
    return fresh;
  }

  // The share of the theme's most typical members holding the label's content words.
  double coverage(const Theme& t, const std::string& label) {
    std::vector<std::string_view> texts;
    for (std::size_t i = 0; i < t.members.size() && i < kLabelMembers; ++i) texts.push_back(units_[t.members[i]].words);
    return label_coverage(texts, label, label_words_.words);
  }

  std::vector<std::pair<std::uint32_t, float>> vector_of(const GroupUnit& u) const {
    std::vector<std::pair<std::uint32_t, float>> row;
    for (const auto& [f, w] : u.features)
      if (const std::uint32_t c = column_[f]; c != kNoColumn) row.emplace_back(c, w * idf_[c]);
    return row;
  }

  // A new theme of fewer than kNamedThemeSize answers (or below --min-size, allowed in a small group)
  // whose label does not say what is wrong (a topic alone, or no label at all) is no recurring
  // complaint: two answers that share a topic are a coincidence, two that say one thing went wrong
  // are a complaint. Its answers go to "overig" and it leaves the register.
  void drop_nameless(const std::set<std::string>& fresh_ids, std::vector<Theme>& themes,
                     std::vector<std::string>& unit_theme, std::vector<float>& unit_sim) {
    std::erase_if(themes, [&](const Theme& t) {
      const std::size_t named = std::max(o_.fit.min_size, kNamedThemeSize);
      if (!fresh_ids.count(t.id) || t.members.size() >= named || !unnamed_.count(t.id)) return false;
      for (std::size_t u : t.members) unit_theme[u] = kOverig, unit_sim[u] = 0.0f;
      std::erase_if(reg_.themes, [&](const RegisterTheme& e) { return e.id == t.id; });
      return true;
    });
  }

  // --max-themes is a maximum for the group, known themes included: the largest themes stay (ties:
  // the lower id), and the members of the others join the nearest one kept at known_threshold or
  // more, or go to "overig". A new theme dropped so leaves the register.
  void cap(const std::vector<std::size_t>& ids, const SparseMatrix& docs, const std::set<std::string>& fresh_ids,
           std::vector<Theme>& themes, std::vector<std::string>& unit_theme, std::vector<float>& unit_sim) {
    if (themes.size() <= o_.fit.max_themes) return;
    std::sort(themes.begin(), themes.end(), [](const Theme& a, const Theme& b) {
      return a.members.size() != b.members.size() ? a.members.size() > b.members.size() : a.id < b.id;
    });
    std::vector<Theme> dropped(std::make_move_iterator(themes.begin() + static_cast<long>(o_.fit.max_themes)),
                               std::make_move_iterator(themes.end()));
    themes.resize(o_.fit.max_themes);
    const std::vector<std::size_t> position = positions_of(ids);
    for (const Theme& d : dropped) {
      for (std::size_t u : d.members) {
        int best = -1;
        float best_sim = static_cast<float>(o_.known_threshold);
        for (std::size_t k = 0; k < themes.size(); ++k)
          if (float c = cosine(docs, position[u], themes[k].centroid); c >= best_sim) best = static_cast<int>(k), best_sim = c;
        unit_theme[u] = best < 0 ? kOverig : themes[static_cast<std::size_t>(best)].id;
        unit_sim[u] = best < 0 ? 0.0f : best_sim;
        if (best >= 0) themes[static_cast<std::size_t>(best)].members.push_back(u);
      }
      if (fresh_ids.count(d.id))
        reg_.themes.erase(std::remove_if(reg_.themes.begin(), reg_.themes.end(),
                                         [&](const RegisterTheme& e) { return e.id == d.id; }),
                          reg_.themes.end());
    }
  }

  // The aspect most of the theme's members have; ties to the earlier aspect; -1 when none has one.
  int majority_aspect(const Theme& t) const {
    std::map<int, std::size_t> count;
    for (std::size_t u : t.members)
      if (units_[u].aspect >= 0) ++count[units_[u].aspect];
    int best = -1;
    std::size_t most = 0;
    for (const auto& [a, c] : count)
      if (c > most) best = a, most = c;
    return best;
  }

  // Settles every unit the way the next run will see it: by the register's updated terms, as known
  // themes are matched (seeds first, then the most similar theme at known_threshold or more).
  // Without this a unit k-means put in one theme could move to another next week on the same data.
  void settle(const std::vector<std::size_t>& ids, const SparseMatrix& docs, const std::set<std::size_t>& seeded,
              const std::set<std::string>& fresh_ids, std::vector<Theme>& themes, std::vector<std::string>& unit_theme,
              std::vector<float>& unit_sim) {
    std::vector<std::vector<float>> vecs;
    for (const Theme& t : themes) {
      std::vector<float> v(names_.size(), 0.0f);
      if (const RegisterTheme* e = reg_.find(t.id))
        for (const auto& [term, w] : e->terms)
          if (auto it = vocab_.find(term); it != vocab_.end()) v[it->second] = static_cast<float>(w);
      normalize(v);
      vecs.push_back(std::move(v));
    }
    std::map<std::string, std::size_t> index;
    for (std::size_t k = 0; k < themes.size(); ++k) index[themes[k].id] = k;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      std::size_t u = ids[i];
      if (seeded.count(u) || unit_theme[u].empty()) continue;
      int best = -1;
      float best_sim = static_cast<float>(o_.known_threshold);
      for (std::size_t k = 0; k < vecs.size(); ++k) {
        float c = cosine(docs, i, vecs[k]);
        if (c >= best_sim && (best < 0 || c > best_sim)) best = static_cast<int>(k), best_sim = c;
      }
      if (best >= 0 && themes[best].id != unit_theme[u]) {
        unit_theme[u] = themes[best].id;
        unit_sim[u] = best_sim;
      }
    }
    const std::vector<std::size_t> position = positions_of(ids);
    for (auto& t : themes) t.members.clear();
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (auto it = index.find(unit_theme[ids[i]]); it != index.end()) themes[it->second].members.push_back(ids[i]);
    std::vector<Theme> kept;
    for (auto& t : themes) {
      if (t.members.empty()) {
        // A new theme left without answers: drop it (its id stays used).
        if (fresh_ids.count(t.id))
          reg_.themes.erase(std::remove_if(reg_.themes.begin(), reg_.themes.end(),
                                           [&](const RegisterTheme& e) { return e.id == t.id; }),
                            reg_.themes.end());
        continue;
      }
      std::vector<std::pair<float, std::size_t>> typical;
      for (std::size_t u : t.members) typical.emplace_back(-cosine(docs, position[u], t.centroid), position[u]);
      std::sort(typical.begin(), typical.end());
      t.members.clear();
      for (const auto& [c, i] : typical) t.members.push_back(ids[i]);
      kept.push_back(std::move(t));
    }
    themes = std::move(kept);
  }

  // Per unit of the group: its row of `docs` (`ids` in order); 0 for units not in `ids`.
  std::vector<std::size_t> positions_of(const std::vector<std::size_t>& ids) const {
    std::vector<std::size_t> position(units_.size(), 0);
    for (std::size_t i = 0; i < ids.size(); ++i) position[ids[i]] = i;
    return position;
  }

  std::vector<std::string> stems_of(const std::string& phrase) {
    std::vector<std::string> out;
    std::string word;
    for (char c : phrase + " ") {
      if (c == ' ') {
        if (!word.empty()) out.push_back(stemmer_.stem(word));
        word.clear();
      } else {
        word += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      }
    }
    return out;
  }

  // Whether the unit holds the seed's words in order (stems, or parts of compounds).
  bool has_seed(const GroupUnit& u, const std::vector<std::string>& seed) {
    if (seed.empty()) return false;
    std::size_t at = 0;
    std::string w;
    for (std::size_t from = 0; from < u.words.size();) {
      const std::size_t end = u.words.find('\0', from);
      w.assign(u.words, from, end - from);
      from = end + 1;
      if (w.empty()) continue;
      if (matches(w, seed[at]) && ++at == seed.size()) return true;
    }
    return false;
  }

  bool matches(const std::string& word, const std::string& stem) {
    if (stemmer_.stem(word) == stem) return true;
    auto parts = res_.scorer.splitter().split(word);
    if (parts.size() > 1)
      for (const auto& p : parts)
        if (stemmer_.stem(p.word) == stem) return true;
    return false;
  }

  void update_terms(RegisterTheme& entry, const std::vector<float>& centroid, bool fresh) {
    std::map<std::string, double> blended;
    if (!fresh)
      for (const auto& [term, w] : entry.terms) blended[term] += 0.5 * w;
    std::vector<std::pair<float, std::size_t>> top;
    for (std::size_t j = 0; j < centroid.size(); ++j)
      if (centroid[j] > 0) top.emplace_back(-centroid[j], j);
    std::sort(top.begin(), top.end());
    if (top.size() > kRegisterTerms) top.resize(kRegisterTerms);
    for (const auto& [w, j] : top) blended[names_[j]] += (fresh ? 1.0 : 0.5) * -w;
    std::vector<std::pair<double, std::string>> order;
    for (const auto& [term, w] : blended) order.emplace_back(-std::round(w * 1000) / 1000, term);
    std::sort(order.begin(), order.end());
    if (order.size() > kRegisterTerms) order.resize(kRegisterTerms);
    entry.terms.clear();
    for (const auto& [w, term] : order)
      if (-w > 0) entry.terms.emplace_back(term, -w);
  }

  // Whether `word` carries feature `key` (a stem or a stem pair).
  bool covers(const std::vector<std::string>& words, std::size_t from, std::size_t to, const std::string& key) {
    std::size_t sp = key.find(' ');
    if (sp == std::string::npos) {
      for (std::size_t i = from; i < to; ++i)
        if (matches(words[i], key)) return true;
      return false;
    }
    std::string a = key.substr(0, sp), b = key.substr(sp + 1);
    for (std::size_t i = from; i < to; ++i)
      if (words[i] == a || matches(words[i], a))
        for (std::size_t j = i + 1; j < to; ++j)
          if (matches(words[j], b)) return true;
    return false;
  }

  // A label starts with a content word or a negator ("niet teruggebeld"), never with "maar" or "de".
  bool starts_ok(const std::string& w) const { return res_.scorer.is_negator(w) || content(w); }
  bool content(const std::string& w) const {
    return res_.topical(w);
  }

  // The most frequent phrase (1-7 words, within a clause) of the typical members that holds `key`: seven
  // words keep a request whole ("laat weten wanneer het wordt opgelost", not "laat weten").
  std::pair<std::string, std::size_t> best_phrase(const Theme& t, const std::string& key) {
    std::map<std::string, std::size_t> count;
    std::size_t seen = 0;
    for (std::size_t u : t.members) {
      if (seen++ >= kLabelMembers) break;
      const std::vector<std::string> w = split_words(units_[u].words);
      std::set<std::string> in_unit;
      for (std::size_t i = 0; i < w.size(); ++i) {
        if (w[i].empty() || !starts_ok(w[i]) || time_pas(w, i)) continue;
        std::string phrase;
        for (std::size_t j = i; j < w.size() && j < i + 7 && !w[j].empty(); ++j) {
          phrase += (j > i ? " " : "") + w[j];
          if (content(w[j]) && !time_pas(w, j) && covers(w, i, j + 1, key)) in_unit.insert(phrase);
        }
      }
      for (const auto& p : in_unit) ++count[p];
    }
    // A longer phrase wins only when it is nearly as common as the most common one: "lang wachten
    // aan de balie" over "wachten" when most who say one say the other.
    std::size_t top = 0;
    for (const auto& [p, c] : count) top = std::max(top, c);
    std::string best;
    double best_score = 0;
    std::size_t best_count = 0;
    for (const auto& [p, c] : count) {
      double words = 1 + static_cast<double>(std::count(p.begin(), p.end(), ' '));
      double score = static_cast<double>(c) * (1 + 0.35 * (words - 1));
      if (c >= 2 && c * 2 >= top && score > best_score) best = p, best_score = score, best_count = c;
    }
    if (best.empty() && !count.empty()) best = count.begin()->first, best_count = count.begin()->second;
    return {best, best_count};
  }

  // A label that names no complaint (a topic, or "" for none) given what goes wrong with the aspect
  // most of the theme's clauses are about, as the taxonomy says it: alone when there is no label or
  // the label's words are part of it ("melding is afgehandeld" -> "melding niet opgelost"), else
  // after the topic ("vergunning: duurt te lang"; a longer label that tells what happened gives the
  // word half the members use for the theme's thing: "formulier ingevuld" -> "formulier: ..."). More than half of the
  // members must be about the aspect without a label, two thirds with one. Else `label` unchanged.
  std::string with_aspect(const Theme& t, const std::string& label, const std::vector<std::vector<std::string>>& words,
                          const std::vector<std::string>& top, const std::set<std::string>& taken) {
    const int aspect = majority_aspect(t);
    const std::size_t need = label.empty() ? t.members.size() / 2 + 1 : (2 * t.members.size() + 2) / 3;
    if (aspect < 0 || in_aspect(t, aspect) < need) return label;
    const Aspect& a = res_.aspects.aspects()[static_cast<std::size_t>(aspect)];
    if (a.complaint.empty()) return label;
    const std::set<std::string> phrase = label_words_.words.keys(a.complaint);
    const std::vector<std::string> ws = ThemeWords::words(label);
    // A longer label that tells what happened ("formulier ingevuld", "melding is afgehandeld") says
    // nothing wrong; one that asks ("afvalapp bijwerken", "berichtje sturen") or tells a fact
    // ("wachttijd was 30 min") does, in its own words.
    if (ws.size() > 1 && !looks_like_participle(ws.back())) return label;
    const bool said = std::any_of(ws.begin(), ws.end(), [&](const std::string& w) {
      return label_words_.words.content(w) && phrase.count(label_words_.words.stem(w)) > 0;
    });
    const std::string topic = label.find(' ') == std::string::npos ? label : common_topic(words, top);
    const std::string named = label.empty() || said ? a.complaint : topic.empty() ? "" : after_topic(topic, a.complaint);
    return named.empty() || taken.count(named) ? label : named;
  }

  // The members of `t` whose aspect is `aspect`.
  std::size_t in_aspect(const Theme& t, int aspect) const {
    return static_cast<std::size_t>(
        std::count_if(t.members.begin(), t.members.end(), [&](std::size_t u) { return units_[u].aspect == aspect; }));
  }

  // "topic: complaint", or the complaint alone when it names the topic itself ("melding niet opgelost").
  std::string after_topic(const std::string& topic, const std::string& complaint) {
    const std::set<std::string> phrase = label_words_.words.keys(complaint);
    return phrase.count(label_words_.words.stem(topic)) ? complaint : topic + ": " + complaint;
  }

  // A phrase that says what is wrong but only for a third of the members or fewer, about another
  // aspect than most of the theme's (neither its holders' aspect nor its own words': "vuilniszak te
  // vroeg" in a theme of reports never answered), or one member's words alone in a theme of
  // kOneVoiceMembers or more that two thirds of its members put in an aspect its words are not about
  // ("hele balkon vol" in a theme of bulky waste picked up weeks later, "geen hond nemen" in one of
  // costs): the theme's aspect says what most of them complain of, after the word half of them use
  // for its thing. Else `label` unchanged.
  std::string for_most(const Theme& t, const std::string& label, const std::vector<std::vector<std::string>>& words,
                       const std::vector<std::string>& top, const std::set<std::string>& taken) {
    const std::size_t m = t.members.size();
    const int aspect = majority_aspect(t);
    if (m < kOneVoiceMembers || aspect < 0) return label;
    const Aspect& a = res_.aspects.aspects()[static_cast<std::size_t>(aspect)];
    const std::size_t about = in_aspect(t, aspect);
    if (a.complaint.empty() || 2 * about < m) return label;
    const std::vector<std::string> keys = label_words_.words.label_keys(members_words(label));
    std::size_t held = 0, held_in_aspect = 0;
    for (std::size_t u : t.members)
      if (holds_label(units_[u].words, keys, label_words_.words)) ++held, held_in_aspect += units_[u].aspect == aspect;
    const bool one_voice = held <= 1 && 3 * about >= 2 * m;
    const bool elsewhere = m >= kElsewhereMembers && 3 * held <= m && 2 * held_in_aspect < held;
    if (!one_voice && !elsewhere) return label;
    if (!label_aspects_) label_aspects_.emplace(res_.aspects, &res_.scorer.splitter());
    if (label_aspects_->hits(ThemeWords::words(label))[static_cast<std::size_t>(aspect)] > 0) return label;
    const std::string topic = common_topic(words, top);
    const std::string named = topic.empty() ? a.complaint : after_topic(topic, a.complaint);
    return taken.count(named) ? label : named;
  }

  // Whether no content word of `label` names a thing ("te lang", "veel te duur", "niet duidelijk").
  bool names_no_topic(const std::string& label) {
    const std::vector<std::string> ws = ThemeWords::words(label);
    return std::all_of(ws.begin(), ws.end(), [&](const std::string& w) {
      return !label_words_.words.content(w) || names_nothing(w, label_words_);
    });
  }

  // The commonest form of the first of `top` (stems, most distinctive first) that half of the
  // members (`words`) hold and that names something ("afspraak"; not a participle, "ingevuld", which
  // tells what was done); "" when none does.
  std::string common_topic(const std::vector<std::vector<std::string>>& words, const std::vector<std::string>& top) {
    for (const std::string& stem : top) {
      std::map<std::string, std::size_t> forms;
      std::size_t holding = 0;
      for (const auto& w : words) {
        bool has = false;
        for (const auto& x : w)
          if (!x.empty() && label_words_.words.content(x) && label_words_.words.stem(x) == stem) ++forms[x], has = true;
        holding += has;
      }
      std::string best;
      std::size_t most = 0;
      for (const auto& [form, n] : forms)
        if (n > most) best = form, most = n;
      if (2 * holding >= words.size() && !best.empty() && !names_nothing(best, label_words_) && !looks_like_participle(best))
        return best;
    }
    return "";
  }

  std::string make_label(const Theme& t, const DocumentFrequency& df, std::size_t total,
                         const std::set<std::string>& taken) {
    std::vector<std::size_t> df_in(names_.size(), 0);  // per column: the theme's members holding it
    for (std::size_t u : t.members)
      for (const auto& [f, w] : units_[u].features)
        if (column_[f] != kNoColumn) ++df_in[column_[f]];
    const double m = static_cast<double>(t.members.size());
    const double rest = static_cast<double>(total) - m;
    std::vector<std::pair<double, std::string>> ranked;
    for (std::size_t c = 0; c < names_.size(); ++c) {
      const std::size_t in = df_in[c];
      if (in == 0) continue;
      const std::string& key = names_[c];
      double p_in = in / m;
      double out = static_cast<double>(df[c]) - in;
      double p_out = (out + 1) / (rest + 2);
      if (in < 2 && m >= 4) continue;
      double score = p_in * std::log(p_in / p_out);
      ranked.emplace_back(-score, key);
    }
    std::sort(ranked.begin(), ranked.end());
    // The theme's most distinctive stems (pairs give both of theirs), for the label to be about.
    std::vector<std::string> top;
    for (std::size_t i = 0; i < ranked.size() && top.size() < 4; ++i) {
      const std::string& key = ranked[i].second;
      if (key[0] == '@' || key[0] == '#') continue;
      for (const std::string& stem : split_key(key))
        if (std::find(top.begin(), top.end(), stem) == top.end()) top.push_back(stem);
    }
    std::vector<std::vector<std::string>> words;
    words.reserve(t.members.size());
    for (std::size_t u : t.members) words.push_back(split_words(units_[u].words));
    std::vector<const std::vector<std::string>*> members;
    for (const auto& w : words) members.push_back(&w);
    bool says_wrong = false;
    std::string label = complaint_label(members, top, label_words_, taken, &says_wrong);
    if (!says_wrong) unnamed_.insert(t.id);
    // What is wrong without what it is about ("te lang"): after the word half the members use for
    // the theme's most distinctive thing ("afspraak: te lang").
    if (says_wrong && names_no_topic(label)) {
      const std::string topic = common_topic(words, top);
      if (!topic.empty() && !taken.count(topic + ": " + label)) label = topic + ": " + label;
    }
    // No phrase of the answers says what is wrong: the aspect's, over a word they share ("uur",
    // "stond"). The theme stays unnamed: its answers share no complaint in words, so it is no new
    // small theme.
    if (!says_wrong) label = with_aspect(t, label, words, top, taken);
    else label = for_most(t, label, words, top, taken);
    // Else the phrase two or more members share around a distinctive stem, unless it is one word that
    // names nothing ("vorig", "half", "laten", "werkdagen", "fijn"): then the next stem's, else none.
    // (A phrase stays: "laat weten" asks for what is missing, where "(zonder label)" says nothing.)
    for (std::size_t i = 0; label.empty() && i < ranked.size() && i < 4; ++i)
      if (ranked[i].second[0] != '@' && ranked[i].second[0] != '#') {
        std::size_t shared = 0;
        std::tie(label, shared) = best_phrase(t, ranked[i].second);
        // One member's words are no theme's name ("stond er om 10 uur").
        if ((label.find(' ') == std::string::npos && names_nothing(label, label_words_)) ||
            (shared < 2 && t.members.size() >= 2))
          label.clear();
      }
    std::replace(label.begin(), label.end(), ';', ',');
    return label.empty() ? kNoLabel : label;
  }

  void note(const std::string& step) const {
    if (note_) note_(step);
  }

  static std::vector<std::string> split_key(const std::string& key) {
    std::vector<std::string> out;
    std::size_t sp = key.find(' ');
    out.push_back(key.substr(0, sp));
    if (sp != std::string::npos) out.push_back(key.substr(sp + 1));
    return out;
  }

  const ClusterOptions& o_;
  const std::vector<GroupUnit>& units_;
  const FeatureNames& features_;
  ComplaintRegister& reg_;
  CachedStemmer& stemmer_;
  const Resources& res_;
  LabelWords& label_words_;
  Note note_;
  Earlier earlier_;
  std::set<std::string> unnamed_;  // themes whose label names no complaint (a topic, or nothing)
  std::optional<AspectMatcher> label_aspects_;  // the aspects a label's own words name, made when first asked
  std::unordered_map<std::string, std::uint32_t> vocab_;
  std::vector<std::string> names_;
  std::vector<std::uint32_t> column_;  // per feature number: its column of the vocabulary, or kNoColumn
  std::vector<float> idf_;
};

std::string format_share(double x) { return fmt::format("{:.3f}", x); }

// ---------------------------------------------------------------------------------------------
// The steps of run_cluster
// ---------------------------------------------------------------------------------------------

// Rejects --select and --period values that are unknown.
void check_choices(const ClusterOptions& o) {
  if (o.select != "criticism" && o.select != "negative" && o.select != "improvement" && o.select != "all")
    throw UsageError(fmt::format("--select '{}' is unknown; use criticism, negative, improvement or all.", o.select));
  if (o.period != "week" && o.period != "month")
    throw UsageError(fmt::format("--period '{}' is unknown; use week or month.", o.period));
}

// The columns a run reads: the text column always, the others -1 when the input lacks them.
struct Columns {
  std::size_t text = 0;
  long by = -1;
  long question = -1;
  long grade = -1;
  long date = -1;
  long id = -1;
  long process = -1;
};

// Finds the columns; fails when the input was clustered before or lacks the text or --by column.
Columns find_columns(const std::vector<std::string>& header, const ClusterOptions& o, const std::string& input_name) {
  for (const char* appended : {"theme", "theme_label", "theme_aspect"})
    if (optional_column(header, appended) >= 0)
      throw InputError(input_name, 1, fmt::format("the input already has a column '{}'.", appended),
                       "it was clustered before; drop the theme columns or cluster the scored rows instead");
  Columns c;
  c.text = require_column(header, o.column, input_name);
  if (!o.by.empty()) c.by = static_cast<long>(require_column(header, o.by, input_name, "--by"));
  c.question = optional_column(header, o.question_column);
  c.grade = optional_column(header, o.grade_column);
  c.date = optional_column(header, o.date_column);
  c.id = optional_column(header, o.id_column);
  c.process = optional_column(header, "process");
  return c;
}

// ---------------------------------------------------------------------------------------------
// Pass 1: every input row read once
// ---------------------------------------------------------------------------------------------

constexpr std::size_t kBatchRows = 8192;  // rows cut into units together, by the threads
constexpr std::uint32_t kNoPeriod = 0;     // the period number of a row without a date

// What a run keeps of its input after reading it once. The rows and their units of criticism wait
// in spills (in memory up to --buffer-size, beyond it in a temporary file); per row and per unit
// only the few numbers the later steps need stay in memory, some 40 bytes per answer.
struct Ingested {
  explicit Ingested(std::size_t buffer) : rows(buffer / 2), units(buffer / 2) { periods.number(""); }
  std::vector<std::string> header;
  Columns col;
  Spill rows;   // each row's cells (encode_row)
  Spill units;  // each unit (encode_unit)
  std::vector<std::uint64_t> row_offset;  // per row: where it is in `rows`
  std::vector<std::uint32_t> row_group;   // per row: its --by group, a number in `groups`
  std::vector<std::uint32_t> row_period;  // per row: its period, a number in `periods` (kNoPeriod: none)
  std::vector<double> row_grade;          // per row: its grade from 0 to 10, NaN for none
  Numbering groups;
  Numbering periods;
  std::vector<std::vector<std::uint32_t>> group_units;  // per group: its units
  std::vector<std::uint64_t> unit_offset;  // per unit, in input order: where it is in `units`
  std::vector<std::uint32_t> unit_row;     // per unit: its row
  std::size_t non_answers = 0;             // rows that say nothing ("geen idee")
  // --context: per row whether it came from the context (clustered, never written or counted), and
  // for each such row its theme cell of then ("T0003;T0007").
  std::vector<bool> row_context;
  std::unordered_map<std::uint32_t, std::string> previous;
  std::size_t context_rows = 0;
  std::size_t context_superseded = 0;  // context rows left out because the input has the same answer
  bool is_context(std::uint32_t row) const { return row_context[row]; }
};

// A row's cells as a spill record, and back (the views point into `record`).
void encode_row(const std::vector<std::string_view>& cells, std::string& out) {
  out.clear();
  RecordWriter w(out);
  for (std::string_view c : cells) w.bytes(c);
}

void decode_row(std::string_view record, std::vector<std::string_view>& cells) {
  cells.clear();
  RecordReader r(record);
  while (!r.done()) cells.push_back(r.bytes());
}

// A unit as a spill record, with the response id and question of its row (for the canonical order).
void encode_unit(const Unit& u, std::string_view id, std::string_view question, std::string& out) {
  out.clear();
  RecordWriter w(out);
  w.number(u.row);
  w.number(u.order);
  w.number(static_cast<std::uint64_t>(u.aspect + 1));
  w.number(u.features.size());
  for (const auto& [key, weight] : u.features) {
    w.bytes(key);
    w.real(weight);
  }
  w.bytes(join_words(u.words));
  w.bytes(u.norm);
  w.bytes(u.quote);
  w.number(u.states);
  w.number(u.praises);
  w.bytes(id);
  w.bytes(question);
}

// A row's grade, when its grade cell holds a grade from 0 to 10; NaN otherwise.
double grade_of(std::string_view cell) {
  const std::string_view g = trim(cell);
  if (g.empty()) return std::nan("");
  const GradeValue v = parse_grade(g, 0, 10);
  return v.status == ValueStatus::kOk ? v.value : std::nan("");
}

// Runs work(0) ... work(threads - 1), each on a thread of its own; rethrows the first exception.
template <typename Work>
void run_threads(int threads, const Work& work) {
  if (threads == 1) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  std::exception_ptr error;
  std::mutex error_lock;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      try {
        work(t);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_lock);
        if (!error) error = std::current_exception();
      }
    });
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

// Reads the inputs row by row into an Ingested: each row to the spill, and in batches its units of
// criticism, cut by the threads (each a fixed share of a batch, so the units never depend on -j).
class Ingest {
 public:
  Ingest(const ClusterOptions& o, std::optional<Resources>& res, Ingested& in, Progress& progress)
      : o_(o), res_(res), in_(in), progress_(progress) {}

  // Reads one input; the first sets the header, every other must have the same. The lexicons are
  // loaded once the first header has its columns: a wrong input fails before that wait.
  void read(const std::string& path) {
    CsvInput input = open_csv_input(path, o_.common.delimiter);
    total_bytes_ += input.file->size();
    if (in_.header.empty()) {
      in_.header = input.header;
      in_.col = find_columns(in_.header, o_, o_.common.inputs.empty() ? "<stdin>" : o_.common.inputs.front());
      progress_.phase("loading lexicons and word lists");
      if (!res_) res_.emplace(o_);
      progress_.phase("reading rows and finding criticism");
    } else if (input.header != in_.header) {
      throw InputError(input.reader->name(), 1, "the header differs from the first input's.",
                       "run the inputs separately, or bring them to the same columns first");
    }
    CsvRecord rec;
    while (input.reader->next(rec)) {
      if (rec.blank) continue;
      if (rec.fields.size() != in_.header.size())
        throw InputError(input.reader->name(), input.reader->record_line(),
                         fmt::format("row has {} fields, the header has {}.", rec.fields.size(), in_.header.size()),
                         "is this canonical CSV from luister-import? Run the export through luister-import first");
      add_row(rec.fields);
      progress_.update(bytes_before_ + input.reader->bytes_read(), total_bytes_, in_.row_offset.size());
    }
    bytes_before_ += input.reader->bytes_read();
  }

  // Reads one --context file: its columns are taken by name (a luister-archive export may hold more
  // than the input, and the themes of then), an answer the input also has is left to the input.
  // Read after the inputs, so the header is known.
  void read_context(const std::string& path) {
    CsvInput input = open_csv_input(path, o_.common.delimiter);
    total_bytes_ += input.file->size();
    const std::string name = input.reader->name();
    for (const std::string& needed : {o_.column, o_.by})
      if (!needed.empty() && optional_column(input.header, needed) < 0)
        throw InputError(name, 1, fmt::format("the context has no column '{}'.", needed),
                         "give --context the earlier answers as luister-archive export writes them");
    std::vector<long> from(in_.header.size());  // per input column: its column in the context, or -1
    for (std::size_t c = 0; c < in_.header.size(); ++c) from[c] = optional_column(input.header, in_.header[c]);
    const long theme = optional_column(input.header, "theme");
    const Columns& col = in_.col;
    CsvRecord rec;
    std::vector<std::string_view> fields(in_.header.size());
    while (input.reader->next(rec)) {
      if (rec.blank) continue;
      if (rec.fields.size() != input.header.size())
        throw InputError(name, input.reader->record_line(),
                         fmt::format("row has {} fields, the header has {}.", rec.fields.size(), input.header.size()),
                         "give --context the CSV luister-archive export writes");
      for (std::size_t c = 0; c < fields.size(); ++c)
        fields[c] = from[c] < 0 ? std::string_view{} : rec.fields[static_cast<std::size_t>(from[c])];
      auto field = [&](long c) { return c < 0 ? std::string_view{} : fields[static_cast<std::size_t>(c)]; };
      if (input_keys_.count(answer_key(field(col.id), field(col.question)))) {
        ++in_.context_superseded;
        continue;
      }
      const auto row = static_cast<std::uint32_t>(in_.row_offset.size());
      if (theme >= 0 && !rec.fields[static_cast<std::size_t>(theme)].empty())
        in_.previous.emplace(row, std::string(rec.fields[static_cast<std::size_t>(theme)]));
      add_row(fields, true);
      ++in_.context_rows;
      progress_.update(bytes_before_ + input.reader->bytes_read(), total_bytes_, in_.row_offset.size());
    }
    bytes_before_ += input.reader->bytes_read();
  }

  // Cuts the last rows into units.
  void finish() { extract_batch(); }

 private:
  // The cells of a row that cutting it into units and ordering them need.
  struct BatchRow {
    std::string text, process, question, id;
  };

  // An answer's (response_id, question) as one 64-bit hash: eight bytes per input row, where the
  // strings would cost some eighty (a collision, one in 2^64 per pair, would drop one context row).
  static std::uint64_t answer_key(std::string_view id, std::string_view question) {
    return hash_bytes(question.data(), question.size(), hash_bytes(id.data(), id.size()) ^ id.size());
  }

  void add_row(const std::vector<std::string_view>& fields, bool context = false) {
    const Columns& col = in_.col;
    auto field = [&](long c) { return c < 0 ? std::string_view{} : fields[static_cast<std::size_t>(c)]; };
    encode_row(fields, record_);
    in_.row_offset.push_back(in_.rows.append(record_));
    const std::uint32_t g = in_.groups.number(field(col.by));
    if (g == in_.group_units.size()) in_.group_units.emplace_back();
    in_.row_group.push_back(g);
    in_.row_context.push_back(context);
    // A context row belongs to no period of this run: the register counts only the input.
    if (context) {
      in_.row_period.push_back(kNoPeriod);
      last_date_.clear();
    } else {
      in_.row_period.push_back(period_number(field(col.date)));
      if (!o_.context_paths.empty()) input_keys_.insert(answer_key(field(col.id), field(col.question)));
    }
    in_.row_grade.push_back(grade_of(field(col.grade)));
    if (batch_size_ == batch_.size()) batch_.emplace_back();
    BatchRow& b = batch_[batch_size_++];
    b.text.assign(fields[col.text]);
    b.process.assign(field(col.process));
    b.question.assign(field(col.question));
    b.id.assign(field(col.id));
    if (batch_size_ == kBatchRows) extract_batch();
  }

  // The number of the row's period; rows are mostly in date order, so a row of the same day as the
  // row before it has that row's period.
  std::uint32_t period_number(std::string_view date) {
    std::uint32_t p;
    if (!in_.row_period.empty() && date.size() >= 10 && last_date_ == date.substr(0, 10))
      p = in_.row_period.back();
    else
      p = in_.periods.number(period_of(date, o_.period));
    last_date_.assign(date.substr(0, 10));
    return p;
  }

  void extract_batch() {
    if (batch_size_ == 0) return;
    if (!res_) res_.emplace(o_);
    const int threads = std::max(1, std::min<int>(o_.threads, static_cast<int>(batch_size_ / 64) + 1));
    while (extractors_.size() < static_cast<std::size_t>(threads))
      extractors_.push_back(std::make_unique<Extractor>(*res_, o_));
    std::vector<std::vector<Unit>> per_thread(static_cast<std::size_t>(threads));
    std::vector<char> non_answer(batch_size_, 0);
    const std::size_t first = in_.row_offset.size() - batch_size_;
    std::atomic<std::uint64_t> done{first};  // rows cut by all threads; the first thread shows it
    run_threads(threads, [&](int t) {
      Extractor& ex = *extractors_[static_cast<std::size_t>(t)];
      const auto share = static_cast<std::size_t>(t);
      for (std::size_t i = batch_size_ * share / threads; i < batch_size_ * (share + 1) / threads; ++i) {
        const BatchRow& b = batch_[i];
        const double grade = in_.row_grade[first + i];
        non_answer[i] = !ex.extract(static_cast<std::uint32_t>(first + i), b.text, b.process,
                                    is_improvement_question(b.question, o_.improvement_question),
                                    std::isnan(grade) ? std::nullopt : std::optional<double>(grade), per_thread[share]);
        const std::uint64_t now = done.fetch_add(1, std::memory_order_relaxed) + 1;
        if (t == 0) progress_.step(now);
      }
    });
    for (std::size_t i = 0; i < batch_size_; ++i) in_.non_answers += non_answer[i] && !in_.row_context[first + i];
    for (const auto& part : per_thread)
      for (const Unit& u : part) {
        const BatchRow& b = batch_[u.row - first];
        encode_unit(u, b.id, b.question, record_);
        in_.unit_offset.push_back(in_.units.append(record_));
        in_.unit_row.push_back(u.row);
        in_.group_units[in_.row_group[u.row]].push_back(static_cast<std::uint32_t>(in_.unit_row.size() - 1));
      }
    batch_size_ = 0;
  }

  const ClusterOptions& o_;
  std::optional<Resources>& res_;
  Ingested& in_;
  Progress& progress_;
  std::uint64_t bytes_before_ = 0, total_bytes_ = 0;  // of the inputs read so far, for progress
  std::vector<std::unique_ptr<Extractor>> extractors_;  // one per thread, kept for their caches
  std::vector<BatchRow> batch_;                         // kept from batch to batch for their memory
  std::size_t batch_size_ = 0;
  std::string record_;
  std::string last_date_;  // the first 10 bytes of the last row's date
  std::unordered_set<std::uint64_t> input_keys_;  // with --context: answer_key() of each input row
};

// ---------------------------------------------------------------------------------------------
// Pass 2: one group at a time
// ---------------------------------------------------------------------------------------------

// Sorts the units in [from, to), alike in text, response id and question (the same answer twice,
// or one answer in two rows), by their whole row, then by their place in the answer.
void sort_by_row(Ingested& in, const std::vector<GroupUnit>& units, std::vector<std::size_t>::iterator from,
                 std::vector<std::size_t>::iterator to) {
  std::map<std::uint32_t, std::vector<std::string>> cells;  // row → its cells
  std::vector<std::string_view> views;
  for (auto it = from; it != to; ++it) {
    const std::uint32_t row = units[*it].row;
    if (cells.count(row)) continue;
    decode_row(in.rows.at(in.row_offset[row]), views);
    cells[row].assign(views.begin(), views.end());
  }
  std::sort(from, to, [&](std::size_t a, std::size_t b) {
    const GroupUnit& x = units[a];
    const GroupUnit& y = units[b];
    if (x.row != y.row && cells[x.row] != cells[y.row]) return cells[x.row] < cells[y.row];
    return x.order < y.order;
  });
}

// The canonical order of a group's units: by text, response id, question, whole row, place in the
// answer. Nothing in it depends on the order of the input rows.
std::vector<std::size_t> canonical_order(Ingested& in, const std::vector<GroupUnit>& units,
                                         const std::vector<std::string>& id, const std::vector<std::string>& question) {
  std::vector<std::size_t> order(units.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto less = [&](std::size_t a, std::size_t b) {
    if (units[a].norm != units[b].norm) return units[a].norm < units[b].norm;
    if (id[a] != id[b]) return id[a] < id[b];
    return question[a] < question[b];
  };
  std::sort(order.begin(), order.end(), less);
  for (std::size_t from = 0; from < order.size();) {
    std::size_t to = from + 1;
    while (to < order.size() && !less(order[from], order[to])) ++to;
    if (to - from > 1) sort_by_row(in, units, order.begin() + static_cast<long>(from), order.begin() + static_cast<long>(to));
    from = to;
  }
  return order;
}

// Reads the units of group `g` back from the spill, their features numbered, and sets
// `group.units` to their canonical order.
GroupUnits load_group(Ingested& in, std::uint32_t g, Group& group) {
  GroupUnits out;
  const std::vector<std::uint32_t>& ids = in.group_units[g];
  std::vector<std::string> id(ids.size()), question(ids.size());
  out.units.resize(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    RecordReader r(in.units.at(in.unit_offset[ids[i]]));
    GroupUnit& u = out.units[i];
    u.row = static_cast<std::uint32_t>(r.number());
    u.order = static_cast<std::uint32_t>(r.number());
    u.aspect = static_cast<int>(r.number()) - 1;
    u.features.resize(r.number());
    for (auto& [f, weight] : u.features) {
      f = out.features.number(r.bytes());
      weight = r.real();
    }
    u.words = r.bytes();
    u.norm = r.bytes();
    u.quote = r.bytes();
    u.states = r.number() != 0;
    u.praises = r.number() != 0;
    id[i] = r.bytes();
    question[i] = r.bytes();
  }
  group.units = canonical_order(in, out.units, id, question);
  return out;
}

// What stays of a theme once its group's units are gone: for the output, register and summary.
struct ThemeInfo {
  std::string id;
  int aspect = -1;                  // the aspect most of its members have (-1: none has one)
  std::vector<std::string> quotes;  // up to three typical quotes, with --summary
  std::optional<double> coverage;   // with --summary: the share of its input answers holding its label's words
};

// Drops from the register the themes of `scope` that were neither known before this run nor used by it.
void drop_unused_new_themes(ComplaintRegister& reg, const std::string& scope, const std::set<std::string>& before,
                            const std::set<std::string>& used) {
  reg.themes.erase(std::remove_if(reg.themes.begin(), reg.themes.end(),
                                  [&](const RegisterTheme& t) {
                                    return t.scope == scope && !before.count(t.id) && !used.count(t.id);
                                  }),
                   reg.themes.end());
}

// The lexicon's entry of a word on its own, or of its stem; null when it has none.
const LexiconEntry* word_entry(const Resources& res, const std::string& w) {
  const LexiconEntry* e = res.scorer.lexicon().lookup(w, "");
  if (!e) {
    thread_local Stemmer stemmer;
    e = res.scorer.lexicon().lookup_stem(stemmer.stem(w), "");
  }
  return e;
}

// Whether the lexicon's entry of a word says what is wrong in a label ("kapot", "onduidelijk"; not
// the topic noun "kosten"): marks_complaint().
bool is_negative_word(const Resources& res, const std::string& w) {
  const LexiconEntry* e = word_entry(res, w);
  return e && marks_complaint(e->score(), e->tags());
}

// Whether the lexicon's entry of a word names the resident's feeling ("onrustig", "paniek"): marks_feeling().
bool is_feeling_word(const Resources& res, const std::string& w) {
  const LexiconEntry* e = word_entry(res, w);
  return e && marks_feeling(e->tags());
}

// Whether the lexicon's entry of a word praises in a label ("fijn", "handig", "opgelost"): marks_praise().
bool is_praise_word(const Resources& res, const std::string& w) {
  const LexiconEntry* e = word_entry(res, w);
  return e && marks_praise(e->score(), e->tags(), w);
}

// The themes of each row of a group, from its units and their themes (`theme`, per unit): the
// themes of a row's units in the order they occur in the answer; "overig" only when no real theme
// was found for the answer (as RowThemes gives them to the output).
std::map<std::uint32_t, std::vector<std::string>> themes_of_rows(const std::vector<GroupUnit>& units,
                                                                 const std::vector<std::string>& theme) {
  std::vector<std::size_t> by_place(units.size());
  std::iota(by_place.begin(), by_place.end(), std::size_t{0});
  std::sort(by_place.begin(), by_place.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(units[a].row, units[a].order) < std::tie(units[b].row, units[b].order);
  });
  std::map<std::uint32_t, std::vector<std::string>> row_themes;
  for (std::size_t u : by_place) {
    auto& list = row_themes[units[u].row];
    if (std::find(list.begin(), list.end(), theme[u]) == list.end()) list.push_back(theme[u]);
  }
  for (auto& [row, list] : row_themes)
    if (list.size() > 1) list.erase(std::remove(list.begin(), list.end(), std::string(kOverig)), list.end());
  return row_themes;
}

// Up to three quotes per theme, chosen as the report and luister-eval choose them
// (pick_theme_quotes): typical members holding the label's words, readable first.
// Never an answer whose main complaint (its first theme) is another, nor two quotes of one answer,
// nor an answer of the context (the summary quotes the input).
std::map<std::string, std::vector<std::string>> typical_quotes(
    const std::vector<Theme>& themes, const std::vector<GroupUnit>& units,
    const std::map<std::uint32_t, std::vector<std::string>>& row_themes, ThemeWords& words, const Ingested& in) {
  std::map<std::string, std::vector<std::string>> quotes;
  for (const Theme& t : themes) {
    std::vector<QuoteCandidate> candidates;
    for (std::size_t u : t.members)
      if (!in.is_context(units[u].row))
        candidates.push_back({units[u].quote, row_themes.at(units[u].row), units[u].norm, std::to_string(units[u].row),
                              units[u].states, units[u].praises});
    for (std::size_t i : pick_theme_quotes(candidates, t.id, t.label, 3, words))
      quotes[t.id].push_back(candidates[i].text);
  }
  return quotes;
}

// The share of a theme's members of the input (not the context) whose words hold its label's, as
// the summary shows it: a label most of them do not say names a part of the theme, or another.
std::optional<double> summary_coverage(const Theme& t, const std::vector<GroupUnit>& units, const Ingested& in,
                                       ThemeWords& words) {
  std::vector<std::string_view> texts;
  for (std::size_t u : t.members)
    if (!in.is_context(units[u].row)) texts.push_back(units[u].words);
  return texts.empty() ? std::nullopt : std::optional<double>(label_coverage(texts, t.label, words));
}

// The themes of one group as they are kept: id, aspect and, with --summary, quotes. `theme`: the
// theme of each of the group's units.
std::vector<ThemeInfo> keep_themes(const ClusterOptions& o, const Resources& res, const std::vector<Theme>& themes,
                                   const std::vector<GroupUnit>& units, const std::vector<std::string>& theme,
                                   const Ingested& in) {
  std::map<std::string, std::vector<std::string>> quotes;
  std::unique_ptr<ThemeWords> words;
  if (!o.summary_path.empty()) {
    words = std::make_unique<ThemeWords>(&res.scorer.splitter(), &res.concepts);
    quotes = typical_quotes(themes, units, themes_of_rows(units, theme), *words, in);
  }
  std::vector<ThemeInfo> kept;
  for (const Theme& t : themes)
    if (std::any_of(t.members.begin(), t.members.end(), [&](std::size_t u) { return !in.is_context(units[u].row); }))
      kept.push_back({t.id, t.aspect, quotes[t.id], words ? summary_coverage(t, units, in, *words) : std::nullopt});
  return kept;
}

// Per unit of a group, the themes its answer had when it was clustered before, for the units of
// --context rows ("overig" for an answer that had none); empty when the group has no context.
std::vector<std::vector<std::string>> themes_then(const Ingested& in, const std::vector<GroupUnit>& units) {
  if (std::none_of(units.begin(), units.end(), [&](const GroupUnit& u) { return in.is_context(u.row); })) return {};
  std::vector<std::vector<std::string>> out(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!in.is_context(units[i].row)) continue;
    auto it = in.previous.find(units[i].row);
    if (it != in.previous.end())
      for (std::size_t at = 0; at <= it->second.size();) {
        const std::size_t end = std::min(it->second.find(';', at), it->second.size());
        const std::string_view id = trim(std::string_view(it->second).substr(at, end - at));
        if (!id.empty()) out[i].emplace_back(id);
        at = end + 1;
      }
    if (out[i].empty()) out[i].emplace_back(kOverig);
  }
  return out;
}

// A group's value as progress names it: on one line, cut short; "all rows" for --by ''.
std::string group_name(const Group& g, bool all_rows) {
  if (all_rows) return "all rows";
  std::string name = collapse_space(g.scope);
  if (name.size() > 40) {
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // whole code points
    name = name.substr(0, cut) + "...";
  }
  return name.empty() ? "(empty)" : "'" + name + "'";
}

// Clusters each group in turn, in the order of their names, with only that group's units in
// memory; sets every unit's theme (a number in `theme_ids`) and returns the themes of each group.
std::map<std::string, std::vector<ThemeInfo>> cluster_groups(const ClusterOptions& o, Ingested& in,
                                                             ComplaintRegister& reg, const Resources& res,
                                                             Numbering& theme_ids, std::vector<std::uint32_t>& unit_theme,
                                                             Progress& progress) {
  CachedStemmer stemmer;
  ThemeWords theme_words(&res.scorer.splitter(), &res.concepts);
  LabelWords label_words{theme_words, [&](const std::string& w) { return is_negative_word(res, w); },
                         [&](const std::string& w) { return res.scorer.is_negator(w); },
                         [&](const std::string& w) { return res.scorer.is_measure(w); },
                         [&](const std::string& w) { return is_praise_word(res, w); },
                         [&](const std::string& w) { return is_feeling_word(res, w); }};
  std::vector<std::uint32_t> by_name(in.groups.size());
  std::iota(by_name.begin(), by_name.end(), 0u);
  std::sort(by_name.begin(), by_name.end(),
            [&](std::uint32_t a, std::uint32_t b) { return in.groups.name(a) < in.groups.name(b); });
  std::map<std::string, std::vector<ThemeInfo>> themes_of;
  progress.phase("clustering", 2 * by_name.size(), "passes");  // two per group
  std::size_t group_no = 0, passes = 0;
  for (std::uint32_t number : by_name) {
    Group g{in.groups.name(number), {}};
    ++group_no;
    // Notes name the group and the pass; a pass's own steps (k-means rounds, labels) follow.
    std::string where = fmt::format("{} (group {} of {})", group_name(g, o.by.empty()), group_no, by_name.size());
    GroupClusterer::Note note;
    if (progress.enabled()) note = [&](const std::string& step) { progress.detail(fmt::format("{}: {}", where, step)); };
    // A group only the context has (a process this run does not cover) is left as it is.
    const auto& group_units = in.group_units[number];
    if (!group_units.empty() &&
        std::all_of(group_units.begin(), group_units.end(), [&](std::uint32_t u) { return in.is_context(in.unit_row[u]); })) {
      passes += 2;
      progress.step(passes);
      continue;
    }
    if (note) note("reading its units");
    const GroupUnits units = load_group(in, number, g);
    std::vector<std::string> theme(units.units.size());
    std::vector<float> sim(units.units.size(), 0.0f);
    std::set<std::string> before;
    for (const auto& t : reg.themes) before.insert(t.id);
    // With context the group is clustered afresh: pass 1 joins units to guided and pinned themes
    // only, pass 2 also to the themes pass 1 found; earlier answers carry their ids (carry_ids()).
    const std::vector<std::vector<std::string>> previous = themes_then(in, units.units);
    std::set<std::string> matchable;
    GroupClusterer::Earlier earlier;
    if (!previous.empty()) earlier = {&matchable, &previous};
    auto pass = [&](int k) {
      where = fmt::format("{} (group {} of {}, {} units), pass {} of 2", group_name(g, o.by.empty()), group_no,
                          by_name.size(), g.units.size(), k);
      GroupClusterer clusterer(o, units, reg, stemmer, res, label_words, note, earlier);
      std::vector<Theme> themes = clusterer.run(g, theme, sim);
      progress.step(++passes);
      return themes;
    };
    for (const Theme& t : pass(1)) matchable.insert(t.id);
    // Second pass, the way next week's run will see this data: the register now knows the themes
    // just found, answers go to them first, and only what is left is clustered again.
    const std::vector<Theme> themes = pass(2);
    // A new theme of the context's answers alone is none of this run's: it leaves the register.
    std::set<std::string> used;
    for (const auto& t : themes)
      if (std::any_of(t.members.begin(), t.members.end(), [&](std::size_t u) { return !in.is_context(units.units[u].row); }))
        used.insert(t.id);
    drop_unused_new_themes(reg, g.scope, before, used);
    for (std::size_t i = 0; i < theme.size(); ++i) unit_theme[in.group_units[number][i]] = theme_ids.number(theme[i]);
    themes_of[g.scope] = keep_themes(o, res, themes, units.units, theme, in);
  }
  return themes_of;
}

// ---------------------------------------------------------------------------------------------
// Pass 3: the register, the output and the summary
// ---------------------------------------------------------------------------------------------

// The themes of each row in turn, rows asked in input order: the themes of its units in the order
// they occur in the answer; "overig" only when no real theme was found for the answer.
class RowThemes {
 public:
  RowThemes(const Ingested& in, const std::vector<std::uint32_t>& unit_theme, std::uint32_t overig)
      : unit_row_(in.unit_row), unit_theme_(unit_theme), overig_(overig) {}
  const std::vector<std::uint32_t>& next(std::size_t row) {
    list_.clear();
    for (; at_ < unit_row_.size() && unit_row_[at_] == row; ++at_)
      if (std::find(list_.begin(), list_.end(), unit_theme_[at_]) == list_.end()) list_.push_back(unit_theme_[at_]);
    if (list_.size() > 1) list_.erase(std::remove(list_.begin(), list_.end(), overig_), list_.end());
    return list_;
  }

 private:
  const std::vector<std::uint32_t>& unit_row_;
  const std::vector<std::uint32_t>& unit_theme_;
  std::uint32_t overig_;
  std::size_t at_ = 0;
  std::vector<std::uint32_t> list_;
};

// The label of a theme id: the register's label (an analyst's, else the automatic one), or the id.
std::string label_of(const ComplaintRegister& reg, const std::string& id) {
  if (id == kOverig) return kOverig;
  const RegisterTheme* t = reg.resolve(id);
  return t ? (t->label.empty() ? t->label_auto : t->label) : id;
}

// Per group the periods the input covers and the newest.
struct RowPeriods {
  std::map<std::string, std::set<std::string>> covered;  // scope → periods in the input
  std::map<std::string, std::string> latest;             // scope → newest period
};

RowPeriods row_periods(const Ingested& in) {
  std::vector<std::set<std::uint32_t>> of_group(in.groups.size());
  for (std::size_t r = 0; r < in.row_period.size(); ++r)
    if (in.row_period[r] != kNoPeriod) of_group[in.row_group[r]].insert(in.row_period[r]);
  RowPeriods p;
  for (std::uint32_t g = 0; g < of_group.size(); ++g) {
    if (of_group[g].empty()) continue;
    std::set<std::string>& covered = p.covered[in.groups.name(g)];
    for (std::uint32_t period : of_group[g]) covered.insert(in.periods.name(period));
    p.latest[in.groups.name(g)] = *covered.rbegin();
  }
  return p;
}

// A theme's status from its counts in the newest period `now_p` and the one before it.
std::string status_of(RegisterTheme& t, const std::string& now_p) {
  std::size_t now = t.counts.count(now_p) ? t.counts[now_p] : 0;
  std::string prev_p = previous_period(now_p);
  std::size_t before = t.counts.count(prev_p) ? t.counts[prev_p] : 0;
  if (!t.merged_into.empty()) return "merged";
  if (t.first_seen == now_p && now > 0) return "new";
  if (now == 0) return before > 0 ? "gone" : "stable";
  if (now >= before + 3 && now * 4 >= before * 5) return "growing";
  if (before >= now + 3 && now * 5 <= before * 4) return "shrinking";
  return "stable";
}

// Register: counts per period for the periods this run covers, then first/last seen and status.
void update_register(ComplaintRegister& reg, RowPeriods& p, const Ingested& in, RowThemes themes,
                     const Numbering& theme_ids) {
  // find(), not operator[]: a group the input does not have must stay uncovered (its status kept).
  for (auto& t : reg.themes)
    if (auto it = p.covered.find(t.scope); it != p.covered.end())
      for (const auto& id : it->second) t.counts.erase(id);
  std::vector<RegisterTheme*> entry(theme_ids.size());  // per theme number
  for (std::uint32_t n = 0; n < theme_ids.size(); ++n)
    entry[n] = theme_ids.name(n) == kOverig ? nullptr : reg.find(theme_ids.name(n));
  for (std::size_t r = 0; r < in.row_period.size(); ++r) {
    const std::vector<std::uint32_t>& row_themes = themes.next(r);
    if (in.row_period[r] == kNoPeriod) continue;
    const std::string& id = in.periods.name(in.row_period[r]);
    for (std::uint32_t theme : row_themes)
      if (entry[theme]) ++entry[theme]->counts[id];
  }
  for (auto& t : reg.themes) {
    t.first_seen.clear();
    t.last_seen.clear();
    for (const auto& [id, c] : t.counts)
      if (c > 0) {
        if (t.first_seen.empty()) t.first_seen = id;
        t.last_seen = id;
      }
    if (!p.covered.count(t.scope)) continue;  // nothing new about this group
    t.status = status_of(t, p.latest[t.scope]);
  }
}

// What the theme columns show of each theme number: its id, label and aspect key.
struct ThemeCells {
  std::vector<std::string> id, label, aspect;
};

ThemeCells theme_cells(const Numbering& theme_ids, const ComplaintRegister& reg,
                       const std::map<std::string, std::string>& aspect_of) {
  ThemeCells cells;
  for (std::uint32_t n = 0; n < theme_ids.size(); ++n) {
    const std::string& id = theme_ids.name(n);
    cells.id.push_back(id);
    cells.label.push_back(label_of(reg, id));
    auto it = aspect_of.find(id);
    cells.aspect.push_back(it == aspect_of.end() ? "" : it->second);
  }
  return cells;
}

// How many answers have criticism, and how many of those only in "overig".
struct RowCounts {
  std::size_t critical = 0;
  std::size_t leftover = 0;
};

// Writes every input row, read back from the spill, with its theme ids, labels and aspects appended.
// With `excel_safe`, every cell is neutralised for spreadsheets (--excel-copy); else exact.
RowCounts write_rows(Output& out, Ingested& in, RowThemes themes, const ThemeCells& theme, bool excel_safe = false,
                     SheetStyle style = SheetStyle::kPlain) {
  // Canonical output: a plain sheet without neutralising is exactly canonical CSV.
  SheetWriter writer(out, excel_safe ? style : SheetStyle::kPlain, excel_safe);
  auto cell = [&](std::string_view v) { writer.text(v); };
  const std::vector<std::string>& header_in = in.header;
  std::vector<std::string> header = header_in;
  header.insert(header.end(), {"theme", "theme_label", "theme_aspect"});
  writer.header(header);
  std::vector<bool> numeric(header_in.size());  // one number per cell: written with a decimal comma for Excel
  for (std::size_t c = 0; c < header_in.size(); ++c)
    numeric[c] = excel_safe && (header_in[c] == "grade" || header_in[c] == "sentiment");
  const auto date_col = static_cast<std::size_t>(std::find(header_in.begin(), header_in.end(), "date") - header_in.begin());
  RowCounts counts;
  std::vector<std::string_view> row;
  for (std::size_t r = 0; r < in.row_offset.size(); ++r) {
    const std::vector<std::uint32_t>& row_themes = themes.next(r);
    if (in.is_context(static_cast<std::uint32_t>(r))) continue;
    decode_row(in.rows.at(in.row_offset[r]), row);
    for (std::size_t c = 0; c < row.size(); ++c)
      numeric[c] ? writer.number(row[c]) : c == date_col ? writer.date(row[c]) : writer.text(row[c]);
    std::string ids, labels, aspects;
    for (std::uint32_t n : row_themes) {
      const std::string& id = theme.id[n];
      ids += (ids.empty() ? "" : ";") + id;
      labels += (labels.empty() ? "" : "; ") + theme.label[n];
      aspects += (aspects.empty() && ids.size() == id.size() ? "" : ";") + theme.aspect[n];
    }
    counts.critical += !row_themes.empty();
    counts.leftover += row_themes.size() == 1 && theme.id[row_themes[0]] == kOverig;
    cell(ids);
    cell(labels);
    cell(aspects);
    writer.end_row();
  }
  return counts;
}

// What the summary counts of a group's rows: all, those with criticism, and per theme its answers
// and their grades (summed in input order).
struct ThemeRows {
  std::size_t rows = 0;
  double sum_grade = 0;
  std::size_t graded = 0;
};
struct GroupRows {
  std::size_t rows = 0;
  std::size_t critical = 0;
  std::map<std::string, ThemeRows> themes;  // theme id → its rows
};

std::vector<GroupRows> count_group_rows(const Ingested& in, RowThemes themes, const Numbering& theme_ids) {
  std::vector<GroupRows> out(in.groups.size());
  for (std::size_t r = 0; r < in.row_group.size(); ++r) {
    GroupRows& g = out[in.row_group[r]];
    const std::vector<std::uint32_t>& row_themes = themes.next(r);
    if (in.is_context(static_cast<std::uint32_t>(r))) continue;
    ++g.rows;
    g.critical += !row_themes.empty();
    for (std::uint32_t n : row_themes) {
      ThemeRows& t = g.themes[theme_ids.name(n)];
      ++t.rows;
      if (!std::isnan(in.row_grade[r])) t.sum_grade += in.row_grade[r], ++t.graded;
    }
  }
  return out;
}

// The theme ids of a group, the most answers first, ties by id, "overig" last.
std::vector<std::string> ids_by_size(const std::map<std::string, ThemeRows>& rows_of) {
  std::vector<std::string> ids;
  for (const auto& [id, rows] : rows_of) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
    if ((a == kOverig) != (b == kOverig)) return b == kOverig;
    if (rows_of.at(a).rows != rows_of.at(b).rows) return rows_of.at(a).rows > rows_of.at(b).rows;
    return a < b;
  });
  return ids;
}

// Writes the summary rows of one group: per theme, answers, shares, mean grade, status, quotes.
void write_group_summary(SheetWriter& w, const std::string& scope, const GroupRows& g,
                         const std::vector<ThemeInfo>& themes, const ComplaintRegister& reg, const Resources& res) {
  std::map<std::string, const ThemeInfo*> info;
  for (const ThemeInfo& t : themes) info[t.id] = &t;
  for (const auto& id : ids_by_size(g.themes)) {
    const ThemeRows& rows = g.themes.at(id);
    const RegisterTheme* t = id == kOverig ? nullptr : reg.resolve(id);
    const ThemeInfo* kept = info.count(id) ? info[id] : nullptr;
    // The summary is for people: every cell from the data is neutralised for spreadsheets.
    auto cell = [&](std::string_view v) { w.text(v); };
    cell(scope);
    cell(id);
    cell(label_of(reg, id));
    const int a = kept ? kept->aspect : -1;
    cell(a < 0 ? "" : res.aspects.aspects()[static_cast<std::size_t>(a)].name);
    w.number(std::to_string(rows.rows));
    w.number(format_share(static_cast<double>(rows.rows) / static_cast<double>(g.rows)));
    w.number(format_share(g.critical ? static_cast<double>(rows.rows) / static_cast<double>(g.critical) : 0));
    w.number(rows.graded ? fmt::format("{:.2f}", rows.sum_grade / static_cast<double>(rows.graded)) : "");
    cell(t ? t->status : "");
    w.number(kept && kept->coverage ? format_share(*kept->coverage) : "");
    for (std::size_t i = 0; i < 3; ++i) cell(kept && i < kept->quotes.size() ? kept->quotes[i] : "");
    w.end_row();
  }
}

// Writes the --summary file: one row per group and theme.
void write_summary(const std::string& path, const Ingested& in, const std::vector<GroupRows>& group_rows,
                   const std::map<std::string, std::vector<ThemeInfo>>& themes_of, const ComplaintRegister& reg,
                   const Resources& res, SheetStyle style) {
  Output sum(path);
  SheetWriter w(sum, style);
  w.header({"group", "theme", "label", "aspect", "answers", "share", "share_of_criticism", "mean_grade", "status",
            "label_coverage", "quote_1", "quote_2", "quote_3"});
  std::map<std::string, std::uint32_t> by_name;
  for (std::uint32_t g = 0; g < in.groups.size(); ++g) by_name[in.groups.name(g)] = g;
  for (const auto& [scope, g] : by_name) {
    auto it = themes_of.find(scope);
    write_group_summary(w, scope, group_rows[g], it == themes_of.end() ? std::vector<ThemeInfo>{} : it->second, reg, res);
  }
  sum.commit();
}

}  // namespace

std::string period_of(std::string_view date, const std::string& period) {
  const std::optional<Day> day = parse_iso_day(date);
  if (!day) return {};
  return period_id(period == "month" ? month_of(*day) : week_of(*day));
}

std::string previous_period(const std::string& id) {
  const std::optional<Period> p = parse_period_id(id);
  return p ? period_id(previous_period(*p)) : std::string();
}

int run_cluster(const ClusterOptions& o) {
  check_choices(o);
  // Read the register first: a broken register fails before any work is done.
  ComplaintRegister reg = o.register_path.empty() ? ComplaintRegister{} : ComplaintRegister::load(o.register_path);
  Progress progress(progress_enabled(o.common.progress));
  Ingested in(o.buffer_size << 20);
  std::optional<Resources> res;  // made once the first input's header is read
  {
    Ingest ingest(o, res, in, progress);
    for (const auto& path : o.common.inputs.empty() ? std::vector<std::string>{"-"} : o.common.inputs) ingest.read(path);
    for (const auto& path : o.context_paths) ingest.read_context(path);
    ingest.finish();
  }
  if (!res) res.emplace(o);

  Numbering theme_ids;
  const std::uint32_t overig = theme_ids.number(kOverig);
  std::vector<std::uint32_t> unit_theme(in.unit_row.size(), overig);
  const std::map<std::string, std::vector<ThemeInfo>> themes_of =
      cluster_groups(o, in, reg, *res, theme_ids, unit_theme, progress);
  RowPeriods periods = row_periods(in);
  update_register(reg, periods, in, RowThemes(in, unit_theme, overig), theme_ids);

  std::map<std::string, std::string> aspect_of;  // theme id → aspect key ("" for none)
  for (const auto& [scope, themes] : themes_of)
    for (const ThemeInfo& t : themes) {
      aspect_of[t.id] = t.aspect < 0 ? "" : res->aspects.aspects()[static_cast<std::size_t>(t.aspect)].key;
      if (RegisterTheme* e = reg.find(t.id)) e->aspect = aspect_of[t.id];
    }
  const ThemeCells cells = theme_cells(theme_ids, reg, aspect_of);
  progress.phase("writing rows");
  Output out(o.common.output);
  const RowCounts counts = write_rows(out, in, RowThemes(in, unit_theme, overig), cells);
  if (!o.summary_path.empty()) {
    progress.phase("writing the summary");
    write_summary(o.summary_path, in, count_group_rows(in, RowThemes(in, unit_theme, overig), theme_ids), themes_of,
                  reg, *res, o.sheet_style);
  }
  if (!o.excel_copy_path.empty()) {
    progress.phase("writing the Excel copy");
    Output copy(o.excel_copy_path);
    write_rows(copy, in, RowThemes(in, unit_theme, overig), cells, true, o.sheet_style);
    copy.commit();
  }
  if (!o.register_path.empty()) {
    progress.phase("saving the register");
    reg.save(o.register_path);
  }
  out.commit();
  if (!o.context_paths.empty())
    message(fmt::format("context: {} earlier answers clustered with the input, not written or counted ({} left out: "
                        "the input has them)",
                        in.context_rows, in.context_superseded));
  message(fmt::format("{} answers ({} saying nothing, such as 'geen idee'), {} with criticism in {} units; {} themes; "
                      "{} answers ({:.1f}%) in 'overig'",
                      in.row_offset.size() - in.context_rows, in.non_answers, counts.critical,
                      std::count_if(in.unit_row.begin(), in.unit_row.end(), [&](std::uint32_t r) { return !in.is_context(r); }),
                      std::accumulate(themes_of.begin(), themes_of.end(), std::size_t{0},
                                      [](std::size_t s, const auto& kv) { return s + kv.second.size(); }),
                      counts.leftover,
                      counts.critical ? 100.0 * static_cast<double>(counts.leftover) / static_cast<double>(counts.critical)
                                      : 0.0));
  return kExitOk;
}

int run_cluster_tool(const ClusterToolOptions& tool) {
  ClusterOptions options = tool.cluster;
  options.sentiment.lexicons = parse_layer_specs(tool.lexicons);
  options.sentiment.default_lexicons = !tool.no_default_lexicons;
  return run_cluster(options);
}

}  // namespace luister
