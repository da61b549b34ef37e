#include "luister/cluster/cluster.hpp"

#include <algorithm>
#include <atomic>
#include <tuple>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "luister/cluster/labels.hpp"
#include "luister/cluster/complaint_register.hpp"
#include "luister/cluster/quotes.hpp"
#include "luister/csv/excel.hpp"
#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/base/period.hpp"
#include "luister/cli/progress.hpp"
#include "luister/lexicon/aspects.hpp"
#include "luister/lexicon/lexicon.hpp"
#include "luister/text/pii.hpp"
#include "luister/csv/values.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {
namespace {

constexpr float kPartWeight = 0.5f;      // a compound part counts half a word
// A word the sentiment lexicon scored ("slecht", "waardeloos") says how bad, not what: every
// complaint has such words, so they count little for the theme.
constexpr float kEvaluativeWeight = 0.3f;
// The unit's aspect (lexicons/aspects-nl.tsv) as a feature of its own: units about one aspect
// lean together, whatever words they use for it; lightly, as one aspect holds several complaints.
constexpr float kAspectWeight = 0.5f;
// Each concept a unit mentions (lexicons/concepts-nl.tsv: "kliko" and "bak" are a container,
// "overgeslagen" is not collected) as a feature of its own, for the same reason, finer.
constexpr float kConceptWeight = 1.0f;
constexpr std::size_t kRegisterTerms = 30;
constexpr std::size_t kQuoteSentenceBytes = 280;  // a quote shows whole sentences up to this length
constexpr std::size_t kLabelMembers = 200;  // the most typical members a label is looked for in
constexpr const char* kOverig = "overig";

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
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string boost_join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

bool is_improvement_question(std::string_view q, const std::string& explicit_name) {
  if (!explicit_name.empty()) return q == explicit_name;
  std::string lower;
  for (char c : q) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower.find("verbeter") != std::string::npos || lower.find("improv") != std::string::npos ||
         lower.find("beter kunnen") != std::string::npos || lower.find("tip") == 0;
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
  StopWords non_answers;  // whole answers that say nothing ("geen idee", "zie vorige vraag")
  AspectTaxonomy aspects;
  AspectTaxonomy concepts;
  std::vector<std::vector<std::string>> wishes;  // lexicons/wishes-nl.txt, each phrase as its words
  explicit Resources(const ClusterOptions& o)
      : scorer(o.sentiment),
        discourse(find_data_file("stopwords-cluster-nl.txt")),
        non_answers(find_data_file("non-answers-nl.txt")),
        aspects(AspectTaxonomy::load(o.aspects_path)),
        concepts(AspectTaxonomy::load(o.concepts_path, "concepts-nl.tsv")),
        wishes(read_phrases(find_data_file("wishes-nl.txt"))) {}
  bool topical(std::string_view w) const {
    return w.size() >= 2 && !stopwords.contains(w) && !discourse.contains(w) && !scorer.is_negator(w) &&
           !scorer.is_intensifier(w);
  }
};

// A clause of an answer: its tokens, the sum of the evidence in it, and its number of content words.
struct Piece {
  Span span;
  double score;
  std::size_t content;
  bool wish = false;  // holds a wish ("zou fijn zijn als", "graag"): criticism whatever its score
  bool nothing = false;  // the clause alone is a non-answer ("geen idee", "nee")
  bool mild = false;     // a turn after praise ("Prima, alleen de leges waren wat hoog"): criticism
};
// The clauses of an answer, sentence by sentence.
using Sentences = std::vector<std::vector<Piece>>;

// Clause pickers for take_units(): a clause that scores negative, or one that does not score positive.
bool negative_piece(const Piece& p, double band) { return p.wish || p.mild || p.score <= -band; }
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
    if (says_nothing(a)) return false;
    const std::vector<Span> units = select_units(a, clauses(a, result), improvement, grade);
    evaluative_.clear();
    for (const auto& ev : result.evidence) evaluative_.insert(ev.token);
    add_units(row, text, a, units, out);
    return true;
  }

 private:
  // Whether the answer's words (no punctuation, lower case) are nothing or a known non-answer.
  bool says_nothing(const AnalyzedText& a) const {
    const std::string& norm = a.normalized.text;
    std::string said;  // the answer's tokens without punctuation, lower case
    for (const Token& t : a.tokens) {
      if (t.kind == TokenKind::kPunct) continue;
      if (!said.empty()) said += ' ';
      for (char c : t.text(norm)) said += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return said.empty() || r_.non_answers.contains(said);
  }

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
        p.wish = o_.select == "criticism" &&
                 std::any_of(r_.wishes.begin(), r_.wishes.end(), [&](const auto& w) { return holds_phrase(words, w); });
        p.nothing = !words.empty() && r_.non_answers.contains(boost_join(words));
        // A clause that turns ("maar", "alleen", "echter", "behalve") without praising, after any
        // clause, says what was less good, however mildly.
        p.mild = o_.select == "criticism" && c.link == ClauseLink::kContrast && score < band && content >= 2 &&
                 !pieces.empty();
        pieces.push_back(p);
      }
    }
    return sentences;
  }

  // An answer to the improvement question that neither complains nor wishes, but praises ("Nee hoor,
  // helemaal tevreden") or says it does not know ("eerste keer, geen idee"), asks nothing better.
  static bool all_is_well(const Sentences& sentences, double band) {
    bool praise = false, nothing = false;
    for (const auto& pieces : sentences)
      for (const Piece& p : pieces) {
        if (p.wish || p.mild || p.score <= -band) return false;
        // A neutral clause with something to say may be the complaint ("maar de ophaaldagen staan er verkeerd in").
        if (p.score < band && !p.nothing && p.content >= 2) return false;
        praise = praise || p.score >= band;
        nothing = nothing || p.nothing;
      }
    return praise || nothing;
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
        if (hits[c] > 0) u.features.emplace_back("#" + r_.concepts.aspects()[c].key, kConceptWeight);
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

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Table read_all(const CommonOptions& common, Progress& progress) {
  Table table;
  std::vector<std::string> inputs = common.inputs.empty() ? std::vector<std::string>{"-"} : common.inputs;
  progress.phase("reading rows");
  std::uint64_t bytes_before = 0, total_bytes = 0;
  for (const auto& path : inputs) {
    CsvInput input = open_csv_input(path, common.delimiter);
    total_bytes += input.file->size();
    if (table.header.empty()) {
      table.header = input.header;
    } else if (input.header != table.header) {
      throw InputError(input.reader->name(), 1, "the header differs from the first input's.",
                       "run the inputs separately, or bring them to the same columns first");
    }
    CsvRecord rec;
    while (input.reader->next(rec)) {
      if (rec.blank) continue;
      if (rec.fields.size() != table.header.size())
        throw InputError(input.reader->name(), input.reader->record_line(),
                         fmt::format("row has {} fields, the header has {}.", rec.fields.size(), table.header.size()),
                         "is this canonical CSV from luister-import? Run the export through luister-import first");
      table.rows.emplace_back(rec.fields.begin(), rec.fields.end());
      progress.update(bytes_before + input.reader->bytes_read(), total_bytes, table.rows.size());
    }
    bytes_before += input.reader->bytes_read();
  }
  return table;
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
  std::vector<std::size_t> units;  // unit indices in canonical order
  std::vector<std::size_t> rows;   // row indices of the group
};

class GroupClusterer {
 public:
  /// Told each step of a run as it starts, for progress (may be empty).
  using Note = std::function<void(const std::string&)>;

  GroupClusterer(const ClusterOptions& o, std::vector<Unit>& units, ComplaintRegister& reg, CachedStemmer& stemmer,
                 const Resources& res, LabelWords& label_words, Note note = {})
      : o_(o), units_(units), reg_(reg), stemmer_(stemmer), res_(res), label_words_(label_words), note_(std::move(note)) {}

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
    const RestFit rest = cluster_rest(docs, match.rest, known);
    std::map<std::string, Theme> by_id = assign_themes(ids, known, match, rest, unit_theme, unit_sim);
    note(fmt::format("labelling {} theme{}", by_id.size(), by_id.size() == 1 ? "" : "s"));
    const std::set<std::string> fresh_ids = finish_themes(g, docs, df, by_id, themes);
    note("settling the units");
    settle(ids, docs, match.seeded, fresh_ids, themes, unit_theme, unit_sim);
    cap(ids, docs, fresh_ids, themes, unit_theme, unit_sim);
    for (Theme& t : themes) t.aspect = majority_aspect(t);
    return themes;
  }

 private:
  using DocumentFrequency = std::unordered_map<std::string, std::uint32_t>;

  // The register's themes of this group: entries, their terms as vectors, their seeds as stem lists.
  struct KnownThemes {
    std::vector<RegisterTheme*> entries;
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
    DocumentFrequency df;
    for (std::size_t u : ids)
      for (const auto& [key, w] : units_[u].features) ++df[key];
    std::set<std::string> keys;
    for (const auto& [key, n] : df)
      if (n >= 2) keys.insert(key);
    for (auto& t : reg_.themes)
      if (t.scope == g.scope) {
        known.entries.push_back(&t);
        for (const auto& [term, w] : t.terms) keys.insert(term);
      }
    for (const auto& k : keys) vocab_.emplace(k, static_cast<std::uint32_t>(vocab_.size()));
    // vocab_ ids in sorted key order: deterministic.
    {
      std::uint32_t i = 0;
      for (const auto& k : keys) vocab_[k] = i++;
      names_.assign(keys.begin(), keys.end());
    }
    const double n = static_cast<double>(ids.size());
    idf_.assign(names_.size(), 0.0f);
    for (std::size_t i = 0; i < names_.size(); ++i) {
      auto it = df.find(names_[i]);
      double d = it == df.end() ? 0 : it->second;
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
      for (std::size_t k = 0; k < known.entries.size() && best < 0; ++k)
        for (const auto& seed : known.seeds[k])
          if (has_seed(units_[ids[i]], seed)) {
            best = static_cast<int>(k);
            best_sim = 1;
            break;
          }
      if (best < 0)
        for (std::size_t k = 0; k < known.entries.size(); ++k) {
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
  RestFit cluster_rest(const SparseMatrix& docs, const std::vector<std::size_t>& rest, const KnownThemes& known) const {
    SparseMatrix rest_docs(docs.columns());
    for (std::size_t i : rest) {
      std::vector<std::pair<std::uint32_t, float>> row;
      for (std::size_t e = docs.begin(i); e < docs.end(i); ++e) row.emplace_back(docs.index(e), docs.value(e));
      rest_docs.add_row(std::move(row));
    }
    ThemeFitOptions fit = o_.fit;
    fit.threads = o_.threads;
    if (note_) {
      note(fmt::format("clustering the unit{} no known theme took ({})", rest.size() == 1 ? "" : "s", rest.size()));
      fit.note = [this](const std::string& step) { note(step); };
    }
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
    std::unordered_map<std::size_t, std::size_t> position;  // unit → row of `docs`
    for (std::size_t i = 0; i < ids.size(); ++i) position[ids[i]] = i;
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
    if (fresh || o_.relabel || (entry->label_auto.empty() && entry->label.empty())) {
      std::string label = make_label(t, df, total);
      if (!entry->pinned && (entry->label.empty() || entry->label == entry->label_auto)) entry->label = label;
      entry->label_auto = label;
    }
    t.label = entry->label.empty() ? entry->label_auto : entry->label;
    return fresh;
  }

  std::vector<std::pair<std::uint32_t, float>> vector_of(const Unit& u) const {
    std::vector<std::pair<std::uint32_t, float>> row;
    for (const auto& [key, w] : u.features)
      if (auto it = vocab_.find(key); it != vocab_.end()) row.emplace_back(it->second, w * idf_[it->second]);
    return row;
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
    std::unordered_map<std::size_t, std::size_t> position;
    for (std::size_t i = 0; i < ids.size(); ++i) position[ids[i]] = i;
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
    std::unordered_map<std::size_t, std::size_t> position;
    for (std::size_t i = 0; i < ids.size(); ++i) position[ids[i]] = i;
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
  bool has_seed(const Unit& u, const std::vector<std::string>& seed) {
    if (seed.empty()) return false;
    std::size_t at = 0;
    for (const auto& w : u.words) {
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

  // The most frequent phrase (1-5 words, within a clause) of the typical members that holds `key`.
  std::pair<std::string, std::size_t> best_phrase(const Theme& t, const std::string& key) {
    std::map<std::string, std::size_t> count;
    std::size_t seen = 0;
    for (std::size_t u : t.members) {
      if (seen++ >= kLabelMembers) break;
      const auto& w = units_[u].words;
      std::set<std::string> in_unit;
      for (std::size_t i = 0; i < w.size(); ++i) {
        if (w[i].empty() || !starts_ok(w[i])) continue;
        std::string phrase;
        for (std::size_t j = i; j < w.size() && j < i + 5 && !w[j].empty(); ++j) {
          phrase += (j > i ? " " : "") + w[j];
          if (content(w[j]) && covers(w, i, j + 1, key)) in_unit.insert(phrase);
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

  std::string make_label(const Theme& t, const std::unordered_map<std::string, std::uint32_t>& df, std::size_t total) {
    std::map<std::string, std::size_t> df_in;
    for (std::size_t u : t.members)
      for (const auto& [key, w] : units_[u].features)
        if (vocab_.count(key)) ++df_in[key];
    const double m = static_cast<double>(t.members.size());
    const double rest = static_cast<double>(total) - m;
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [key, in] : df_in) {
      double p_in = in / m;
      auto it = df.find(key);
      double out = it == df.end() ? 0 : static_cast<double>(it->second) - in;
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
    std::vector<const std::vector<std::string>*> members;
    for (std::size_t u : t.members) members.push_back(&units_[u].words);
    std::string label = complaint_label(members, top, label_words_);
    for (std::size_t i = 0; label.empty() && i < ranked.size() && i < 4; ++i)
      if (ranked[i].second[0] != '@' && ranked[i].second[0] != '#') label = best_phrase(t, ranked[i].second).first;
    std::replace(label.begin(), label.end(), ';', ',');
    return label.empty() ? "(zonder label)" : label;
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
  std::vector<Unit>& units_;
  ComplaintRegister& reg_;
  CachedStemmer& stemmer_;
  const Resources& res_;
  LabelWords& label_words_;
  Note note_;
  std::unordered_map<std::string, std::uint32_t> vocab_;
  std::vector<std::string> names_;
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

// One cell of the table by row and column; empty for a column the input lacks (-1).
struct Cells {
  const Table& table;
  std::string_view operator()(std::size_t r, long c) const {
    return c < 0 ? std::string_view{} : std::string_view(table.rows[r][static_cast<std::size_t>(c)]);
  }
};

// Each row's grade, when its grade column holds a grade from 0 to 10.
std::vector<std::optional<double>> read_grades(const Cells& field, long grade_col) {
  std::vector<std::optional<double>> grades(field.table.rows.size());
  for (std::size_t r = 0; r < field.table.rows.size(); ++r) {
    std::string_view g = trim(field(r, grade_col));
    if (g.empty()) continue;
    GradeValue v = parse_grade(g, 0, 10);
    if (v.status == ValueStatus::kOk) grades[r] = v.value;
  }
  return grades;
}

// The units of every row, in parallel: each thread takes a fixed share of the rows, so the result is
// the same. Marks the rows that say nothing in `non_answer`.
std::vector<Unit> extract_units(const ClusterOptions& o, const Resources& res, const Cells& field, const Columns& col,
                                const std::vector<std::optional<double>>& grades, std::vector<char>& non_answer,
                                Progress& progress) {
  const std::size_t n_rows = field.table.rows.size();
  const int threads = std::max(1, std::min<int>(o.threads, static_cast<int>(n_rows / 64) + 1));
  std::vector<std::vector<Unit>> per_thread(threads);
  non_answer.assign(n_rows, 0);
  progress.phase("finding criticism", n_rows);
  std::atomic<std::uint64_t> done{0};  // rows done by all threads; the first thread shows it
  auto extract = [&](int t) {
    Extractor ex(res, o);
    for (std::size_t r = n_rows * t / threads; r < n_rows * (t + 1) / threads; ++r) {
      bool improvement = is_improvement_question(field(r, col.question), o.improvement_question);
      non_answer[r] = !ex.extract(static_cast<std::uint32_t>(r), field(r, col.text), field(r, col.process),
                                  improvement, grades[r], per_thread[t]);
      const std::uint64_t now = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if (t == 0) progress.step(now);
    }
  };
  if (threads == 1) {
    extract(0);
  } else {
    std::vector<std::thread> pool;
    std::exception_ptr error;
    std::mutex error_lock;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        try {
          extract(t);
        } catch (...) {
          std::lock_guard<std::mutex> lock(error_lock);
          if (!error) error = std::current_exception();
        }
      });
    for (auto& th : pool) th.join();
    if (error) std::rethrow_exception(error);
  }
  std::vector<Unit> units;
  for (auto& part : per_thread)
    for (auto& u : part) units.push_back(std::move(u));
  return units;
}

// The groups of the --by column with their rows, each with its units in a canonical order (text,
// response id, question, row, position in the answer).
std::map<std::string, Group> make_groups(const std::vector<Unit>& units, const Cells& field, const Columns& col) {
  const Table& table = field.table;
  std::map<std::string, Group> groups;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::string scope(field(r, col.by));
    Group& g = groups[scope];
    g.scope = scope;
    g.rows.push_back(r);
  }
  for (std::size_t u = 0; u < units.size(); ++u) groups[std::string(field(units[u].row, col.by))].units.push_back(u);
  for (auto& entry : groups)
    std::sort(entry.second.units.begin(), entry.second.units.end(), [&](std::size_t a, std::size_t b) {
      const Unit& x = units[a];
      const Unit& y = units[b];
      if (x.norm != y.norm) return x.norm < y.norm;
      auto ix = field(x.row, col.id), iy = field(y.row, col.id);
      if (ix != iy) return ix < iy;
      auto qx = field(x.row, col.question), qy = field(y.row, col.question);
      if (qx != qy) return qx < qy;
      if (table.rows[x.row] != table.rows[y.row]) return table.rows[x.row] < table.rows[y.row];
      return x.order < y.order;
    });
  return groups;
}

// Drops from the register the themes of `scope` that were neither known before this run nor used by it.
void drop_unused_new_themes(ComplaintRegister& reg, const std::string& scope, const std::set<std::string>& before,
                            const std::set<std::string>& used) {
  reg.themes.erase(std::remove_if(reg.themes.begin(), reg.themes.end(),
                                  [&](const RegisterTheme& t) {
                                    return t.scope == scope && !before.count(t.id) && !used.count(t.id);
                                  }),
                   reg.themes.end());
}

// Whether the lexicon scores a word negative ("kapot", "onduidelijk").
bool is_negative_word(const Resources& res, const std::string& w) {
  const LexiconEntry* e = res.scorer.lexicon().lookup(w, "");
  if (!e) {
    thread_local Stemmer stemmer;
    e = res.scorer.lexicon().lookup_stem(stemmer.stem(w), "");
  }
  return e && e->score < 0;
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

// Clusters each group, filling `unit_theme` and `unit_sim`; returns the themes of each group.
std::map<std::string, std::vector<Theme>> cluster_groups(const ClusterOptions& o, std::vector<Unit>& units,
                                                         ComplaintRegister& reg, const Resources& res,
                                                         const std::map<std::string, Group>& groups,
                                                         std::vector<std::string>& unit_theme,
                                                         std::vector<float>& unit_sim, Progress& progress) {
  CachedStemmer stemmer;
  ThemeWords theme_words(&res.scorer.splitter());
  LabelWords label_words{theme_words, [&](const std::string& w) { return is_negative_word(res, w); },
                         [&](const std::string& w) { return res.scorer.is_negator(w); },
                         [&](const std::string& w) { return res.scorer.is_measure(w); }};
  std::map<std::string, std::vector<Theme>> themes_of;
  progress.phase("clustering", 2 * groups.size(), "passes");  // two per group
  std::size_t group_no = 0, passes = 0;
  for (const auto& entry : groups) {
    const std::string& scope = entry.first;
    const Group& g = entry.second;  // not a structured binding: the lambdas below capture it
    std::set<std::string> before;
    for (const auto& t : reg.themes) before.insert(t.id);
    ++group_no;
    // Notes name the group and the pass; a pass's own steps (k-means rounds, labels) follow.
    std::string where;
    GroupClusterer::Note note;
    if (progress.enabled())
      note = [&](const std::string& step) { progress.detail(fmt::format("{}: {}", where, step)); };
    auto pass = [&](int k) {
      where = fmt::format("{} (group {} of {}, {} units), pass {} of 2", group_name(g, o.by.empty()), group_no,
                          groups.size(), g.units.size(), k);
      GroupClusterer clusterer(o, units, reg, stemmer, res, label_words, note);
      std::vector<Theme> themes = clusterer.run(g, unit_theme, unit_sim);
      progress.step(++passes);
      return themes;
    };
    pass(1);
    // Second pass, the way next week's run will see this data: the register now knows the themes
    // just found, answers go to them first, and only what is left is clustered again.
    themes_of[scope] = pass(2);
    std::set<std::string> used;
    for (const auto& t : themes_of[scope]) used.insert(t.id);
    drop_unused_new_themes(reg, scope, before, used);
  }
  return themes_of;
}

// Per row: the themes of its units, in the order they occur in the answer; "overig" only when no
// real theme was found for the answer.
std::vector<std::vector<std::string>> themes_per_row(const std::vector<Unit>& units,
                                                     const std::vector<std::string>& unit_theme, std::size_t n_rows) {
  std::vector<std::vector<std::string>> row_themes(n_rows);
  for (std::size_t u = 0; u < units.size(); ++u) {
    auto& list = row_themes[units[u].row];
    if (std::find(list.begin(), list.end(), unit_theme[u]) == list.end()) list.push_back(unit_theme[u]);
  }
  for (auto& list : row_themes)
    if (list.size() > 1) list.erase(std::remove(list.begin(), list.end(), std::string(kOverig)), list.end());
  return row_themes;
}

// The label of a theme id: the register's label (an analyst's, else the automatic one), or the id.
std::string label_of(const ComplaintRegister& reg, const std::string& id) {
  if (id == kOverig) return kOverig;
  const RegisterTheme* t = reg.resolve(id);
  return t ? (t->label.empty() ? t->label_auto : t->label) : id;
}

// The register's period of every row, and per group the periods the input covers and the newest.
struct RowPeriods {
  std::vector<std::string> period;
  std::map<std::string, std::set<std::string>> covered;  // scope → periods in the input
  std::map<std::string, std::string> latest;             // scope → newest period
};

// Finds the period of every row (--period week or month) and what each group covers.
RowPeriods row_periods(const Cells& field, const Columns& col, const std::string& period_kind) {
  const std::size_t n_rows = field.table.rows.size();
  RowPeriods p;
  p.period.resize(n_rows);
  for (std::size_t r = 0; r < n_rows; ++r) {
    std::string_view date = field(r, col.date);
    // Rows are mostly in date order: reuse the previous row's period for the same day.
    if (r > 0 && date.size() >= 10 && field(r - 1, col.date).substr(0, 10) == date.substr(0, 10))
      p.period[r] = p.period[r - 1];
    else
      p.period[r] = period_of(date, period_kind);
    const std::string& id = p.period[r];
    if (id.empty()) continue;
    std::string scope(field(r, col.by));
    p.covered[scope].insert(id);
    if (id > p.latest[scope]) p.latest[scope] = id;
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
void update_register(ComplaintRegister& reg, RowPeriods& p, const std::vector<std::vector<std::string>>& row_themes) {
  for (auto& t : reg.themes)
    for (const auto& id : p.covered[t.scope]) t.counts.erase(id);
  for (std::size_t r = 0; r < p.period.size(); ++r) {
    const std::string& id = p.period[r];
    if (id.empty()) continue;
    for (const auto& theme : row_themes[r])
      if (theme != kOverig)
        if (RegisterTheme* t = reg.find(theme)) ++t->counts[id];
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

// How many answers have criticism, and how many of those only in "overig".
struct RowCounts {
  std::size_t critical = 0;
  std::size_t leftover = 0;
};

// Writes every input row with its theme ids and labels appended.
// With `excel_safe`, every cell is neutralised for spreadsheets (--excel-copy); else exact.
RowCounts write_rows(Output& out, const Table& table, const std::vector<std::vector<std::string>>& row_themes,
                     const ComplaintRegister& reg, const std::map<std::string, std::string>& aspect_of,
                     bool excel_safe = false, SheetStyle style = SheetStyle::kPlain) {
  // Canonical output: a plain sheet without neutralising is exactly canonical CSV.
  SheetWriter writer(out, excel_safe ? style : SheetStyle::kPlain, excel_safe);
  auto cell = [&](std::string_view v) { writer.text(v); };
  std::vector<std::string> header = table.header;
  header.insert(header.end(), {"theme", "theme_label", "theme_aspect"});
  writer.header(header);
  std::vector<bool> numeric(table.header.size());  // one number per cell: written with a decimal comma for Excel
  for (std::size_t c = 0; c < table.header.size(); ++c)
    numeric[c] = excel_safe && (table.header[c] == "grade" || table.header[c] == "sentiment");
  const auto date_col = static_cast<std::size_t>(std::find(table.header.begin(), table.header.end(), "date") - table.header.begin());
  RowCounts counts;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.rows[r].size(); ++c)
      numeric[c]           ? writer.number(table.rows[r][c])
      : c == date_col      ? writer.date(table.rows[r][c])
                           : writer.text(table.rows[r][c]);
    std::string ids, labels, aspects;
    for (const auto& id : row_themes[r]) {
      ids += (ids.empty() ? "" : ";") + id;
      labels += (labels.empty() ? "" : "; ") + label_of(reg, id);
      auto it = aspect_of.find(id);
      aspects += (aspects.empty() && ids.size() == id.size() ? "" : ";") + (it == aspect_of.end() ? "" : it->second);
    }
    counts.critical += !row_themes[r].empty();
    counts.leftover += row_themes[r].size() == 1 && row_themes[r][0] == kOverig;
    cell(ids);
    cell(labels);
    cell(aspects);
    writer.end_row();
  }
  return counts;
}

// Up to three quotes per theme, chosen as the report and luister-eval choose them
// (pick_theme_quotes): typical members holding the label's words, readable first.
// Never an answer whose main complaint (its first theme) is another, nor two quotes of one answer.
std::map<std::string, std::vector<std::string>> typical_quotes(const std::vector<Theme>& themes,
                                                               const std::vector<Unit>& units,
                                                               const std::vector<std::vector<std::string>>& row_themes,
                                                               ThemeWords& words) {
  std::map<std::string, std::vector<std::string>> quotes;
  for (const Theme& t : themes) {
    std::vector<QuoteCandidate> candidates;
    for (std::size_t u : t.members)
      candidates.push_back({units[u].quote, row_themes[units[u].row], units[u].norm, std::to_string(units[u].row)});
    for (std::size_t i : pick_theme_quotes(candidates, t.id, t.label, 3, words))
      quotes[t.id].push_back(candidates[i].text);
  }
  return quotes;
}

// The theme ids of `rows_of`, the most answers first, ties by id, "overig" last.
std::vector<std::string> ids_by_size(const std::map<std::string, std::vector<std::size_t>>& rows_of) {
  std::vector<std::string> ids;
  for (const auto& [id, rows] : rows_of) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
    if ((a == kOverig) != (b == kOverig)) return b == kOverig;
    if (rows_of.at(a).size() != rows_of.at(b).size()) return rows_of.at(a).size() > rows_of.at(b).size();
    return a < b;
  });
  return ids;
}

// What the summary needs of a run besides the groups.
struct SummaryInput {
  const std::vector<Unit>& units;
  const std::vector<std::vector<std::string>>& row_themes;
  const std::vector<std::optional<double>>& grades;
  const ComplaintRegister& reg;
  const Resources& res;
};

// Writes the summary rows of one group: per theme, answers, shares, mean grade, status, quotes.
void write_group_summary(SheetWriter& w, const std::string& scope, const Group& g, const std::vector<Theme>& themes,
                         const SummaryInput& in) {
  std::map<std::string, std::vector<std::size_t>> rows_of;  // theme → rows
  std::size_t group_critical = 0;
  for (std::size_t r : g.rows) {
    group_critical += !in.row_themes[r].empty();
    for (const auto& id : in.row_themes[r]) rows_of[id].push_back(r);
  }
  ThemeWords words(&in.res.scorer.splitter());
  std::map<std::string, std::vector<std::string>> quotes = typical_quotes(themes, in.units, in.row_themes, words);
  std::map<std::string, int> aspect;
  for (const Theme& t : themes) aspect[t.id] = t.aspect;
  for (const auto& id : ids_by_size(rows_of)) {
    const auto& rows = rows_of[id];
    double sum_grade = 0;
    std::size_t graded = 0;
    for (std::size_t r : rows)
      if (in.grades[r]) sum_grade += *in.grades[r], ++graded;
    const RegisterTheme* t = id == kOverig ? nullptr : in.reg.resolve(id);
    // The summary is for people: every cell from the data is neutralised for spreadsheets.
    auto cell = [&](std::string_view v) { w.text(v); };
    cell(scope);
    cell(id);
    cell(label_of(in.reg, id));
    const int a = aspect.count(id) ? aspect[id] : -1;
    cell(a < 0 ? "" : in.res.aspects.aspects()[static_cast<std::size_t>(a)].name);
    w.number(std::to_string(rows.size()));
    w.number(format_share(static_cast<double>(rows.size()) / static_cast<double>(g.rows.size())));
    w.number(format_share(group_critical ? static_cast<double>(rows.size()) / static_cast<double>(group_critical) : 0));
    w.number(graded ? fmt::format("{:.2f}", sum_grade / static_cast<double>(graded)) : "");
    cell(t ? t->status : "");
    const auto& q = quotes[id];
    for (std::size_t i = 0; i < 3; ++i) cell(i < q.size() ? q[i] : "");
    w.end_row();
  }
}

// Writes the --summary file: one row per group and theme.
void write_summary(const std::string& path, const std::map<std::string, Group>& groups,
                   const std::map<std::string, std::vector<Theme>>& themes_of, const SummaryInput& in, SheetStyle style) {
  Output sum(path);
  SheetWriter w(sum, style);
  w.header({"group", "theme", "label", "aspect", "answers", "share", "share_of_criticism", "mean_grade", "status",
            "quote_1", "quote_2", "quote_3"});
  for (const auto& [scope, g] : groups) {
    auto it = themes_of.find(scope);
    write_group_summary(w, scope, g, it == themes_of.end() ? std::vector<Theme>{} : it->second, in);
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
  Table table = read_all(o.common, progress);
  const std::string input_name = o.common.inputs.empty() ? "<stdin>" : o.common.inputs.front();
  const Columns col = find_columns(table.header, o, input_name);
  const Cells field{table};
  const std::vector<std::optional<double>> grades = read_grades(field, col.grade);
  const std::size_t n_rows = table.rows.size();

  progress.phase("loading lexicons and word lists");
  Resources res(o);
  std::vector<char> non_answer;
  std::vector<Unit> units = extract_units(o, res, field, col, grades, non_answer, progress);
  const std::map<std::string, Group> groups = make_groups(units, field, col);
  std::vector<std::string> unit_theme(units.size());
  std::vector<float> unit_sim(units.size(), 0.0f);
  const std::map<std::string, std::vector<Theme>> themes_of =
      cluster_groups(o, units, reg, res, groups, unit_theme, unit_sim, progress);
  const std::vector<std::vector<std::string>> row_themes = themes_per_row(units, unit_theme, n_rows);
  RowPeriods periods = row_periods(field, col, o.period);
  update_register(reg, periods, row_themes);

  std::map<std::string, std::string> aspect_of;  // theme id → aspect key ("" for none)
  for (const auto& [scope, themes] : themes_of)
    for (const Theme& t : themes) {
      aspect_of[t.id] = t.aspect < 0 ? "" : res.aspects.aspects()[static_cast<std::size_t>(t.aspect)].key;
      if (RegisterTheme* e = reg.find(t.id)) e->aspect = aspect_of[t.id];
    }
  progress.phase("writing rows");
  Output out(o.common.output);
  const RowCounts counts = write_rows(out, table, row_themes, reg, aspect_of);
  if (!o.summary_path.empty()) {
    progress.phase("writing the summary");
    write_summary(o.summary_path, groups, themes_of, {units, row_themes, grades, reg, res}, o.sheet_style);
  }
  if (!o.excel_copy_path.empty()) {
    progress.phase("writing the Excel copy");
    Output copy(o.excel_copy_path);
    write_rows(copy, table, row_themes, reg, aspect_of, true, o.sheet_style);
    copy.commit();
  }
  if (!o.register_path.empty()) {
    progress.phase("saving the register");
    reg.save(o.register_path);
  }
  out.commit();
  message(fmt::format("{} answers ({} saying nothing, such as 'geen idee'), {} with criticism in {} units; {} themes; "
                      "{} answers ({:.1f}%) in 'overig'",
                      n_rows, std::count(non_answer.begin(), non_answer.end(), 1), counts.critical, units.size(),
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
