#include "luister/sentiment/sentiment.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/csv/values.hpp"
#include "luister/lexicon/compiled.hpp"

#include "complaint_rules.hpp"

namespace luister {
namespace {

constexpr std::size_t kPostNegationTail = 2;  // words a clause-final negator may have after it
constexpr double kNegation = -0.6;      // "niet goed" is bad, but less bad than "slecht"
constexpr double kContrastAfter = 1.5;  // the part after "maar" carries the verdict
constexpr double kContrastBefore = 0.5;
// "alleen" and "enkel" opening a clause concede a minor point ("Alles prima, alleen de wachtruimte
// was koud"): the praise before keeps its weight, and the point conceded carries no more weight
// than its words do (a serious one still outweighs it: "Gesprek was prima, alleen belt
// niemand meer terug").
constexpr std::array<std::string_view, 2> kMinorTurns = {"alleen", "enkel"};
constexpr double kCaps = 1.3;
constexpr double kElongation = 1.2;
constexpr double kPerExclamation = 0.1;  // up to three
constexpr std::size_t kNegationScope = 4;  // words after the negator
constexpr std::size_t kRelativeReach = 4;  // words from "geen" to the "dat" of a relative clause ("geen enkele ochtend geweest dat")
constexpr double kClauseBand = 0.05;       // a clause whose evidence sums to less is neutral ("0")
constexpr double kScoreSuggestion = -0.35;  // a proposal answering the improvement question, as a wish
constexpr std::size_t kProposalWords = 5;  // of a proposal, named in its evidence
constexpr std::size_t kComplementGap = 4;  // words from "om" to "te": "lastig om iemand te bereiken"
// How strong a non-neutral score is, beyond its sign (shaped_magnitude()): what orders answers of
// one polarity by how bad or how good, as the resident's grade does.
constexpr double kFurtherPoint = 0.5;  // each point beyond the strongest adds this share of its weight
constexpr double kWishMildness = 0.7;  // a wish alone counts this much less than a complaint of its weight
constexpr double kMixedAnswer = 0.5;   // the least share of clauses on the answer's side counted (praise beside a complaint)

// The magnitude of a score that is not neutral, from the sum `total` of the answer's evidence and
// its clauses (score_clauses()): x/sqrt(x^2+1) of the sum, shaped so that it orders the answers of
// one polarity as residents' grades do. The strongest point on the answer's side sets the level and
// each further one adds half its weight: three mild points are no worse than one strong one. A
// wish or suggestion ("Graag ook op zaterdag open") is milder than a complaint, by its share of
// the side's weight. An answer that also says the opposite in clauses of its own ("aardige
// mevrouw, maar niemand belt terug"; "top geholpen, wel lang gewacht") counts by the share of its
// clauses on its side, at least half: one kind word in a long complaint takes little off. A
// complaint's praise softens it only when the answer turns (`turns`: "maar", "echter", "behalve";
// "alleen", "enkel", "toch" opening a clause); without a turn a kind word among complaints is said
// in passing or in irony ("Leuk portaal. Vooral die foutmelding …"). Praise keeps its reservations
// with or without one ("top geholpen, wel lang gewacht"). Never below `band`: the polarity is
// decided before.
double shaped_magnitude(const SentimentResult& result, double total, double band, bool turns) {
  const double sign = total < 0 ? -1 : 1;
  double side = 0, strongest = 0, wish = 0;
  for (const Evidence& ev : result.evidence) {
    const double weight = ev.contribution * sign;
    if (weight <= 0) continue;
    side += weight;
    strongest = std::max(strongest, weight);
    if (ev.rules.find("wish(") != std::string::npos) wish += weight;
  }
  double x = std::abs(total);
  if (side > 0) x *= (strongest + kFurtherPoint * (side - strongest)) / side;
  double magnitude = x / std::sqrt(x * x + 1);
  if (side > 0) magnitude *= 1 - kWishMildness * wish / side;
  std::size_t with = 0, against = 0;
  for (const ClauseScore& c : result.clauses) {
    with += c.score * sign >= kClauseBand;
    against += c.score * sign <= -kClauseBand;
  }
  if (against > 0 && (turns || sign > 0))
    magnitude *= std::max(kMixedAnswer, static_cast<double>(with) / static_cast<double>(with + against));
  return std::max(band, magnitude);
}

// The rules whose text never changes, formatted once as the general formatting would.
struct RuleTexts {
  std::string caps = fmt::format("caps x{}", kCaps);
  std::string elongation = fmt::format("elongation x{}", kElongation);
  std::string after_contrast = fmt::format("after contrast x{}", kContrastAfter);
  std::string before_contrast = fmt::format("before contrast x{}", kContrastBefore);
  // "exclamation x1.1" and so on, by the number of exclamation marks counted (at most three).
  std::string exclamation[4] = {fmt::format("exclamation x{:.1f}", 1 + kPerExclamation * 0),
                                fmt::format("exclamation x{:.1f}", 1 + kPerExclamation * 1),
                                fmt::format("exclamation x{:.1f}", 1 + kPerExclamation * 2),
                                fmt::format("exclamation x{:.1f}", 1 + kPerExclamation * 3)};
};
const RuleTexts& rule_texts() {
  static const RuleTexts texts;
  return texts;
}

bool is_caps(std::string_view original) {
  int letters = 0;
  for (char c : original) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 3;
}

// What complaint::AnswerTraits asks of a word form, a bit each, found once per form (WordInfo::
// traits) and counted for the tokens of the kinds it is asked of (traits_of_kind()).
enum : std::uint8_t {
  kTraitQuote = 1, kTraitQuestion = 2, kTraitDigit = 4, kTraitNog = 8, kTraitDear = 16, kTraitTook = 32, kTraitCue = 64,
  kTraitSinds = 128
};
std::uint8_t form_traits(std::string_view w) {
  return static_cast<std::uint8_t>((w == "'" || w == "\"" ? kTraitQuote : 0) |
                                   (w.find('?') != std::string_view::npos ? kTraitQuestion : 0) |
                                   (!w.empty() && w[0] >= '0' && w[0] <= '9' ? kTraitDigit : 0) |
                                   (w == "nog" ? kTraitNog : 0) | (complaint::says_dear(w) ? kTraitDear : 0) |
                                   (complaint::says_took(w) ? kTraitTook : 0) | (complaint::says_cue(w) ? kTraitCue : 0) |
                                   (w == "sinds" ? kTraitSinds : 0));
}
// Quote marks and question marks count as punctuation tokens, a leading digit, a word of a high
// price, of what something took or a rarer cue a rule starts from in a word; "nog" anywhere.
constexpr std::uint8_t traits_of_kind(TokenKind kind) {
  return kind == TokenKind::kPunct ? kTraitQuote | kTraitQuestion | kTraitNog
         : kind == TokenKind::kWord ? kTraitDigit | kTraitNog | kTraitDear | kTraitTook | kTraitCue | kTraitSinds
                                    : kTraitNog;
}
// traits_of_kind() of each kind, read at every token of every answer.
constexpr std::array<std::uint8_t, static_cast<std::size_t>(TokenKind::kSymbol) + 1> kTraitsOfKind = [] {
  std::array<std::uint8_t, static_cast<std::size_t>(TokenKind::kSymbol) + 1> traits{};
  for (std::size_t k = 0; k < traits.size(); ++k) traits[k] = traits_of_kind(static_cast<TokenKind>(k));
  return traits;
}();

// Whether `clause` opens with a word that concedes a minor point (kMinorTurns); `words` are the
// answer's token texts.
bool minor_turn(const std::vector<std::string_view>& words, const Clause& clause) {
  return clause.link == ClauseLink::kContrast && clause.marker < words.size() &&
         std::find(kMinorTurns.begin(), kMinorTurns.end(), words[clause.marker]) != kMinorTurns.end();
}

bool is_elongated(std::string_view original) {
  int run = 1;
  for (std::size_t i = 1; i < original.size(); ++i) {
    char a = original[i - 1], b = original[i];
    if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && (a | 0x20) == (b | 0x20)) {
      if (++run >= 3) return true;
    } else {
      run = 1;
    }
  }
  return false;
}

}  // namespace

std::string describe_lexicons(const SentimentOptions& options) {
  std::string out;
  if (options.default_lexicons) {
    std::string names;
    for (const char* name : kDefaultLexicons) names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
    out = fmt::format("default ({})", names);
  }
  for (const auto& [process, path] : options.lexicons)
    out += fmt::format("{}{}{}{}", out.empty() ? "" : " + ", process, process.empty() ? "" : "=", path);
  return out;
}

namespace {

// The lexicon layers of `options` as (process or "", path): the defaults, then the given layers on
// top. Only without the defaults (--no-default-lexicons) can a process be left with no lexicon at
// all, which would score it neutral without a word: that needs a layer for every process.
std::vector<std::pair<std::string, std::string>> lexicon_layers(const SentimentOptions& options) {
  const auto& layers = options.lexicons;
  if (!options.default_lexicons && std::none_of(layers.begin(), layers.end(), [](const auto& l) { return l.first.empty(); }))
    throw UsageError(layers.empty() ? "--no-default-lexicons leaves no lexicon at all."
                                    : "--no-default-lexicons leaves the processes without a layer of their own with "
                                      "no lexicon: every layer given is limited to one process.",
                     "add a layer that applies to every process (FILE without PROCESS=), or drop "
                     "--no-default-lexicons to build on the default lexicons");
  std::vector<std::pair<std::string, std::string>> out;
  if (options.default_lexicons)
    for (const char* name : kDefaultLexicons) out.emplace_back("", find_data_file(name));
  for (const auto& [process, path] : layers) out.emplace_back(process, find_data_file(path, path));
  return out;
}

// What the compiled lexicon keeps besides the layers: the head filter, and what it was made from.
// The version changes with the filter's layout; the word index's source hash with its words.
constexpr std::uint64_t kHeadFilterVersion = 1;
struct HeadFilterRecord {
  std::uint64_t version;
  std::uint64_t word_index;
};

// complaint-nl.tsv: word<TAB>classes.
void load_word_classes(const std::string& path, FlatStringMap<std::uint32_t>& out) {
  std::istringstream in(read_file(path));
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#' || line.rfind("word\t", 0) == 0) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) throw InputError(path, number, "expected WORD<TAB>CLASSES.");
    if (!out.emplace(line.substr(0, tab), complaint::parse_classes(std::string_view(line).substr(tab + 1), path, number)).second)
      throw InputError(path, number, fmt::format("'{}' is listed twice.", line.substr(0, tab)));
  }
}

}  // namespace

void SentimentScorer::load_intensifiers() {
  std::string ipath = find_data_file("intensifiers-nl.tsv", options_.intensifiers);
  std::uint32_t number = 0;
  std::istringstream in(read_file(ipath));
  std::string line;
  while (std::getline(in, line)) {
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#' || line.rfind("term\t", 0) == 0) continue;
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) throw InputError(ipath, number, "expected TERM<TAB>FACTOR[<TAB>KIND].");
    std::size_t tab2 = line.find('\t', tab + 1);
    std::string factor = line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
    char* end = nullptr;
    double f = std::strtod(factor.c_str(), &end);
    if (end == factor.c_str() || *end || f <= 0 || f > 4)
      throw InputError(ipath, number, fmt::format("factor '{}' is not a number in (0, 4].", factor));
    intensifiers_[line.substr(0, tab)] = f;
  }
}

void SentimentScorer::build_head_filter() {
  // The heads whose compounds compute_fallback() can score (see may_be_head()): one pass over the
  // index's stem hashes and tags, each stem hash tested against the 8 KiB stem filter, without
  // a branch to mispredict.
  const WordIndex& index = splitter_->index();
  for (std::uint32_t i = 0; i < index.size(); ++i) {
    const std::uint32_t stem = index.stem_hash(i), tag = index.tag(i);
    const std::uint64_t take = std::uint64_t{0} - ((stem & WordIndex::kSharedTag) | static_cast<std::uint32_t>(may_be_stem(stem)));
    head_filter_[tag >> kHeadFilterShift] |= head_filter_bits(tag) & take;
  }
  lexicon_.for_each_word([this](std::string_view word) {
    const auto tag = static_cast<std::uint32_t>(hash_bytes(word) >> 32);
    head_filter_[tag >> kHeadFilterShift] |= head_filter_bits(tag);
  });
}

void SentimentScorer::gather_word_facts() {
  negators_.for_each([this](const auto& negator) { word_facts_[negator.first].negator = true; });
  intensifiers_.for_each([this](const auto& intensifier) {
    const std::string_view term = intensifier.first;
    if (const std::size_t space = term.find(' '); space != std::string_view::npos) {
      word_facts_[term.substr(0, space)].intensifier_first = true;
      word_facts_[term.substr(space + 1)].intensifier_second = true;
    } else {
      WordFacts& facts = word_facts_[term];
      facts.is_intensifier = true;
      facts.intensifier = intensifier.second;
    }
  });
  word_classes_.for_each([this](const auto& word) { word_facts_[word.first].classes = word.second; });
}

bool SentimentScorer::is_measure(std::string_view word) const {
  const auto it = word_classes_.find(word);
  return it != word_classes_.end() && (it->second & (complaint::kUnit | complaint::kNumber | complaint::kOne)) != 0;
}

SentimentScorer::SentimentScorer(const SentimentOptions& options)
    : options_(options), non_answers_(options.non_answers) {
  // The layers come from the compiled lexicon when it is current (parsing and stemming them is most
  // of a start-up otherwise), together with the head filter made over the word index.
  const CompiledLexicon compiled(lexicon_layers(options_));
  std::string extra;
  const bool loaded = options_.compiled_lexicon && compiled.load(lexicon_, extra);
  if (!loaded) compiled.parse(lexicon_);
  for (const auto& w : read_list_file(find_data_file("negators-nl.txt", options_.negators))) negators_[w] = true;
  load_intensifiers();
  load_word_classes(find_data_file("complaint-nl.tsv", options_.complaint_words), word_classes_);
  gather_word_facts();
  if (options_.clause_aspects) aspects_ = std::make_unique<AspectTaxonomy>(AspectTaxonomy::load(options_.aspects));
  splitter_ = std::make_shared<CompoundSplitter>();
  lexicon_.for_each_stem([this](std::string_view stem) {
    for (std::uint32_t bit : stem_filter_bits(WordIndex::stem_hash(stem))) stem_filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  });
  const HeadFilterRecord record{kHeadFilterVersion, splitter_->index().source_hash()};
  const std::size_t filter_bytes = head_filter_.size() * sizeof(std::uint64_t);
  if (loaded && extra.size() == sizeof record + filter_bytes && std::memcmp(extra.data(), &record, sizeof record) == 0) {
    std::memcpy(head_filter_.data(), extra.data() + sizeof record, filter_bytes);
  } else {
    build_head_filter();
    if (options_.compiled_lexicon) {
      extra.assign(reinterpret_cast<const char*>(&record), sizeof record);
      extra.append(reinterpret_cast<const char*>(head_filter_.data()), filter_bytes);
      compiled.save(lexicon_, extra);
    }
  }
  auto splitter = splitter_;
  pipeline_ = std::make_unique<TextPipeline>(options_.text, [splitter](std::string_view w) { return splitter->known(w); });
}

struct SentimentScorer::Worker::WordInfo {
  std::uint32_t layers_at = 0;     // Lexicon::word_layers() of the word: WordCache::layers[layers_at, +count)
  static constexpr std::int32_t kNotYet = -1, kNone = -2;
  std::int32_t fallback = kNotYet;       // WordCache::fallbacks index once found, kNone when not found
  const LexiconEntry* solo = nullptr;    // Lexicon::match() of the word followed by no other word
  double intensifier = 0;                // the factor, when is_intensifier
  std::uint32_t classes = 0;             // complaint::Class bits (complaint-nl.tsv, and negator)
  std::uint16_t layers_count = 0;  // small, so that a cache entry stays one cache line
  // Bit fields, so that a cache entry stays one cache line.
  bool is_intensifier : 1 = false;
  bool intensifier_first : 1 = false;    // the first word of a two-word intensifier
  bool intensifier_second : 1 = false;   // the second word of one
  bool plain : 1 = false;                // no term, negator, booster or "te": score_clause() passes it by
                                         // once its fallback is known to be none
  bool negator : 1 = false;
  bool solo_single : 1 = false;          // `solo` is a single-word term (Lexicon::lookup() of the word)
  bool needs_next : 1 = false;           // some layer has a longer term starting with the word, so
                                         // match() depends on the words after it
  std::uint8_t traits = 0;               // kTrait bits: what complaint::AnswerTraits asks of the form
};

// An open-addressing table from word form to WordInfo, owned by one worker (so no locks). Entries
// are addressed by number: the vectors may move as they grow, but never while an answer is scored
// after its words were entered.
class SentimentScorer::Worker::WordCache {
 public:
  static constexpr std::size_t kLimit = 200000;         // forms before the cache starts over
  static constexpr std::size_t kKeyBytes = 64u << 20;  // or bytes of forms (URLs, keyboard mashing)
  static constexpr std::size_t kReserve = 1u << 15;    // entries reserved at first use (2 MiB of address space)

  bool full() const { return entries_.size() > kLimit || keys_.size() > kKeyBytes; }
  void clear() {
    entries_.clear();
    keys_.clear();
    layers.clear();
    fallbacks.clear();
    std::fill(slots_.begin(), slots_.end(), kEmpty);
  }
  // After reserve(), before a run of get() calls: starts loading the slot where `hash`
  // (hash_bytes() of a word) begins its probe, so that the lookups of an answer's words wait for
  // memory together.
  void prefetch_slot(std::uint64_t hash) { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
  // After prefetch_slot(): starts loading the entry that the slot names, if it may be the word's.
  void prefetch_entry(std::uint64_t hash) {
    const std::uint64_t v = slots_[hash & (slots_.size() - 1)];
    if (v != kEmpty && ((v ^ hash) & kTagMask) == 0) __builtin_prefetch(&entries_[static_cast<std::uint32_t>(v)]);
  }
  // Before the prefetches and get() calls of an answer of `words` tokens: room for an entry each,
  // so that neither need check (with a word, there are slots).
  void reserve(std::size_t words) {
    // Room for the forms of a usual run at once: the vector is not copied as it grows, and its
    // pages are touched only as entries fill them.
    if (entries_.capacity() == 0) entries_.reserve(kReserve);
    while (2 * (entries_.size() + words) > slots_.size()) grow();
  }
  // The number of `word`'s entry, `h` being hash_bytes(word); a new entry is filled by init(word, info).
  template <typename Init>
  std::uint32_t get(std::string_view word, std::uint64_t h, Init&& init) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
      const std::uint64_t v = slots_[slot];
      if (v == kEmpty) {
        const auto i = static_cast<std::uint32_t>(entries_.size());
        Entry& e = entries_.emplace_back();
        e.hash = h;
        e.key_len = static_cast<std::uint32_t>(word.size());
        if (word.size() <= kInlineKey) {
          std::memcpy(e.inline_key, word.data(), word.size());
        } else {
          e.key_at = static_cast<std::uint32_t>(keys_.size());
          keys_.append(word);
        }
        slots_[slot] = (h & kTagMask) | i;
        init(word, e.info);
        return i;
      }
      if (((v ^ h) & kTagMask) == 0) {
        const auto i = static_cast<std::uint32_t>(v);
        const Entry& e = entries_[i];
        if (e.key_len == word.size() &&
            same_bytes(word.size() <= kInlineKey ? e.inline_key : keys_.data() + e.key_at, word.data(), word.size()))
          return i;
      }
    }
  }
  WordInfo& operator[](std::uint32_t i) { return entries_[i].info; }

  std::vector<Lexicon::WordLayer> layers;  // the entries' word layers, back to back
  std::vector<Fallback> fallbacks;

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static constexpr std::uint64_t kTagMask = 0xffffffff00000000ull;  // a slot holds the hash's high half | entry
  static constexpr std::size_t kInlineKey = 16;  // forms up to this long are kept in the entry itself
  // One cache line: a lookup that finds its slot reads nothing else (most forms are short).
  struct alignas(64) Entry {
    std::uint64_t hash = 0;
    std::uint32_t key_at = 0, key_len = 0;  // a form longer than kInlineKey: where it is in keys_
    char inline_key[kInlineKey];           // a shorter form
    WordInfo info;
  };
  static_assert(sizeof(Entry) == 64);
  void grow() {
    slots_.assign(std::max<std::size_t>(1024, 2 * slots_.size()), kEmpty);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
      std::size_t slot = entries_[i].hash & mask;
      while (slots_[slot] != kEmpty) slot = (slot + 1) & mask;
      slots_[slot] = (entries_[i].hash & kTagMask) | i;
    }
  }
  std::vector<std::uint64_t> slots_;
  std::vector<Entry> entries_;
  std::string keys_;
};

SentimentScorer::Worker::Worker(const SentimentScorer& scorer) : scorer_(scorer) {
  if (scorer.aspects_) aspect_matcher_ = std::make_unique<AspectMatcher>(*scorer.aspects_, scorer.splitter_.get());
}

SentimentScorer::Worker::~Worker() = default;

namespace {
// Whether the comma-separated `tags` hold `tag`.
bool has_tag(std::string_view tags, std::string_view tag) {
  while (!tags.empty()) {
    const std::size_t comma = tags.find(',');
    if (tags.substr(0, comma) == tag) return true;
    if (comma == std::string_view::npos) break;
    tags.remove_prefix(comma + 1);
  }
  return false;
}

// Whether a word is a form of waiting: "wachten", "gewacht", "wachttijd", "wacht"; not "wachtwoord".
bool is_wait(std::string_view w) {
  return (w.rfind("wacht", 0) == 0 && w.rfind("wachtwoord", 0) != 0) || w.rfind("gewacht", 0) == 0;
}

}  // namespace

// A listed word's stem and stem hash are in the word index; only other words (names, typos) run the
// stemmer, into `buffer`.
SentimentScorer::Worker::Stem SentimentScorer::Worker::stem_of(std::string_view word, std::string& buffer) {
  const WordIndex& index = scorer_.splitter_->index();
  if (const std::uint32_t i = index.find(word); i != WordIndex::kNone) return {index.stem(i), index.stem_hash(i)};
  buffer = stemmer_.stem(word);
  return {buffer, WordIndex::stem_hash(buffer)};
}

// Lexicon::lookup_stem(), not asked when the stem filter shows that no layer indexes the stem.
const LexiconEntry* SentimentScorer::Worker::lookup_stem(const Stem& stem, std::string_view process) const {
  return scorer_.may_be_stem(stem.hash) ? scorer_.lexicon_.lookup_stem(stem.text, process) : nullptr;
}

// Lexicon::lookup(), not asked when the head filter shows that no layer lists the word: it holds
// every single-word term (see may_be_head()), and most stems and parts asked for are none.
const LexiconEntry* SentimentScorer::Worker::lookup_word(std::string_view word, std::string_view process) const {
  return scorer_.may_be_head(word, hash_bytes(word)) ? scorer_.lexicon_.lookup(word, process) : nullptr;
}

SentimentScorer::Worker::Fallback SentimentScorer::Worker::compute_fallback(std::string_view lower,
                                                                          std::string_view process) {
  const SentimentScorer& s = scorer_;
  const WordIndex& index = s.splitter_->index();
  std::string buffer;
  Fallback f;
  // Not in the lexicon as written: try the stem, the head of a compound, a negating prefix.
  const Stem word_stem = stem_of(lower, buffer);
  const std::string_view stem = word_stem.text;
  // The stem index also serves a word that is its own stem ("wacht" finds "wachten").
  if ((!same_bytes(stem, lower) && (f.entry = lookup_word(stem, process))) || (f.entry = lookup_stem(word_stem, process))) {
    f.base = f.entry->score();
    f.via = "stem:";
    f.via += stem;
  } else {
    // The head as written, else through the stem index ("klant|onvriendelijke" -> onvriendelijk).
    auto head_entry = [&](std::string_view head, std::uint32_t head_index) {
      const LexiconEntry* e = s.lexicon_.lookup(head, process);
      if (e || head_index == WordIndex::kNone) return e;
      return s.lexicon_.lookup_stem(index.stem(head_index), process);
    };
    // Most unknown words end in no listed word the lexicon knows: those are not split at all (the
    // word cache remembers the answer).
    // The test for a possible head reads the stem's hash beside the word's slot, and the stem itself
    // only for the few whose hash is a stem the lexicon indexes.
    auto may_be_head = [&s](std::string_view head, std::uint64_t h) { return s.may_be_head(head, h); };
    auto parts = s.splitter_->split_uncached_if(lower, may_be_head, [&](std::string_view head, std::uint32_t probable) {
      if (s.lexicon_.lookup(head, process)) return true;
      const std::uint32_t stem_hash = index.stem_hash(probable);
      if (!(stem_hash & WordIndex::kSharedTag) && !s.may_be_stem(stem_hash)) return false;  // `probable` is the head
      const std::uint32_t k = index.find(head);
      return k != WordIndex::kNone && s.lexicon_.lookup_stem(index.stem(k), process) != nullptr;
    });
    // A compound ending in "wacht" names a guard ("brandwacht", "kustwacht"), not waiting.
    // One ending in "kundige(n)" names a trade ("boomdeskundige", "verkeerskundige"): who, not how skilled.
    if (parts.size() > 1 && parts.back().word != "wacht" && !lower.ends_with("kundige") && !lower.ends_with("kundigen")) {
      const std::string& head = parts.back().word;
      if ((f.entry = head_entry(head, index.find(head)))) {
        f.base = f.entry->score();
        f.via = "compound:" + CompoundSplitter::join(parts);
        // A booster as the first part ("supersnel") strengthens the head.
        if (auto b = s.intensifiers_.find(parts.front().word + parts.front().linker); b != s.intensifiers_.end())
          f.base = std::clamp(f.base * b->second, -1.0, 1.0);
      }
    }
    // A negating prefix: the rest as written, or through its stem when that finds an adjective
    // ("onbehulpzame" -> behulpzaam; not "ondanks" -> dank).
    if (!f.entry && lower.size() > 5 && same_bytes(lower.data(), "on", 2)) {
      const std::string_view rest = lower.substr(2);
      const LexiconEntry* e = lookup_word(rest, process);
      if (!e)
        if (const LexiconEntry* by_stem = lookup_stem(stem_of(rest, buffer), process);
            by_stem && has_tag(by_stem->tags(), "adjective"))
          e = by_stem;
      if (e && e->score() > 0) {
        f.entry = e;
        f.base = -0.8 * e->score();
        f.via = "prefix:on";
      }
    }
    if (!f.entry) f = adjective_form(lower, process, buffer);
  }
  return f;
}

SentimentScorer::Worker::Fallback SentimentScorer::Worker::adjective_form(std::string_view lower, std::string_view process,
                                                                        std::string& buffer) {
  Fallback f;
  // An inflected adjective whose -e changed its spelling, which the Snowball stem does not undo:
  // a doubled consonant ("snelle", "stomme", "toffe" -> snel, stom, tof), z/v for s/f ("vieze",
  // "lieve" -> vies, lief) and an open syllable's single vowel ("boze" -> boos).
  for (const std::string& base : adjective_bases(lower)) {
    if (base.empty()) continue;
    if (const LexiconEntry* e = lookup_word(base, process); e && e->word_count() == 1 && has_tag(e->tags(), "adjective")) {
      f.entry = e;
      f.base = e->score();
      f.via = "inflected:" + base;
      return f;
    }
  }
  // A superlative of a listed adjective ("vriendelijkste", "snelste"): the adjective's score.
  // Comparatives ("sneller", "duidelijker") are left unscored on purpose: in survey answers they
  // are mostly wishes ("sneller beslissen", "duidelijker bordjes"), which the adjective's score
  // would read as praise.
  if (lower.size() >= 7 && same_bytes(lower.data() + lower.size() - 3, "ste", 3)) {
    const std::string_view adjective = lower.substr(0, lower.size() - 3);
    const LexiconEntry* e = lookup_word(adjective, process);
    if (!e) e = lookup_stem(stem_of(adjective, buffer), process);
    if (e && e->word_count() == 1 && has_tag(e->tags(), "adjective")) {
      f.entry = e;
      f.base = e->score();
      f.via = "superlative:";
      f.via += adjective;
    }
  }
  return f;
}

SentimentResult SentimentScorer::Worker::score(std::string_view text, std::string_view process, bool suggestion) {
  SentimentResult result;
  score(text, process, result, suggestion);
  return result;
}

// What score() keeps while it reads one answer: the answer, its process's word cache, the result
// being built, the current sentence's exclamation marks, and the last Lexicon::match() asked for.
struct SentimentScorer::Worker::Answer {
  std::string_view text;
  std::string_view process;
  SentimentResult& result;
  WordCache& cache;
  bool exclamations = false;  // the answer holds an exclamation mark (most hold none)
  int bangs = 0;        // exclamation marks in the sentence, at most three
  double emphasis = 1;  // how much they strengthen all of it
  std::size_t sentence_start = 0;  // evidence index where the sentence being read begins
  // Lexicon::match() for the words starting at token t. The last answer is remembered: a booster's
  // look-ahead asks for the next token, which the loop asks for again.
  std::size_t memo_t = ~std::size_t{0}, memo_length = 0;
  const LexiconEntry* memo_entry = nullptr;
};

// The negator and booster in force while a clause is read, word by word.
struct SentimentScorer::Worker::Modifiers {
  std::size_t negation_left = 0;  // words the last negator still governs
  std::string_view negator;  // in words_, which outlive the clause
  std::uint32_t negator_at = 0;  // token of the last negator
  double booster = 1;
  std::string booster_name;
  std::size_t booster_age = 0;
  bool negation_used = true;  // the last negator negated something
  bool negation_more = false;  // "niet langer", "niet meer": the negator is of the time, not the word
  std::string_view scope_note;  // a rule that limited the negation's scope, for the next evidence
  bool wait_next = false;  // the negator negated "lang": it still reaches the wait after it ("niet lang op gewacht")
};

// What the scorer needs to know about a word form new to the cache: its lexicon layers, its match
// on its own, whether longer terms start with it, and its negator and intensifier roles.
void SentimentScorer::Worker::describe_word(std::string_view w, std::uint64_t h, std::string_view process,
                                            WordCache& cache, WordInfo& info) {
  const SentimentScorer& s = scorer_;
  info.layers_at = static_cast<std::uint32_t>(cache.layers.size());
  s.lexicon_.word_layers(w, h, process, cache.layers);
  if (cache.layers.size() - info.layers_at > UINT16_MAX) throw Error("more than 65535 lexicon layers.");
  info.layers_count = static_cast<std::uint16_t>(cache.layers.size() - info.layers_at);
  std::vector<std::string_view>& one = one_word_;  // the word alone, without allocating
  one.assign(1, w);
  std::size_t length = 0;
  const LexiconEntry* e = Lexicon::match_layers(cache.layers.data() + info.layers_at, info.layers_count, one, 0, &length);
  info.solo = e;
  info.solo_single = e && e->word_count() == 1;
  for (std::uint32_t k = 0; k < info.layers_count; ++k) {
    const Lexicon::TermNode* terms = cache.layers[info.layers_at + k].terms;
    if (terms && terms->has_children()) info.needs_next = true;
  }
  if (const auto* found = s.word_facts_.find(w, h)) {
    const WordFacts& facts = found->second;
    info.negator = facts.negator;
    info.is_intensifier = facts.is_intensifier;
    info.intensifier = facts.intensifier;
    info.intensifier_first = facts.intensifier_first;
    info.intensifier_second = facts.intensifier_second;
    info.classes = facts.classes;
    if (facts.negator) info.classes |= complaint::kNegator;
  }
  info.traits = form_traits(w);
  info.plain = !e && !info.needs_next && !info.negator && !info.is_intensifier && !info.intensifier_first && !same_bytes(w, "te");
  // A word the lexicon lacks on its own is likely to need its fallback (compute_fallback()), which
  // starts by finding it in the word index: the answer's new words start their loads together.
  if (!e && w.size() >= 4) {
    s.splitter_->index().prefetch(h);
    index_prefetched_.push_back(h);
  }
}

// Every token's word form, looked up once in the process's word cache (hashed, prefetched, then
// entered): fills words_, token_hash_, token_info_ and token_class_, and `traits` for the complaint
// rules, and returns the cache.
SentimentScorer::Worker::WordCache& SentimentScorer::Worker::look_up_words(std::string_view process,
                                                                           complaint::AnswerTraits& traits) {
  const SentimentScorer& s = scorer_;
  const auto& tokens = analyzed_.tokens;
  const std::string& norm = analyzed_.normalized.text;
  const std::size_t process_class = s.lexicon_.process_class(process);
  if (caches_.size() <= process_class) caches_.resize(process_class + 1);
  if (!caches_[process_class]) caches_[process_class] = std::make_unique<WordCache>();
  WordCache& cache = *caches_[process_class];
  if (cache.full()) cache.clear();
  const std::size_t n = tokens.size();
  cache.reserve(n);
  words_.resize(n);
  token_hash_.resize(n);
  token_info_.resize(n);
  token_class_.resize(n);
  // Through plain pointers: the per-token loops then keep them in registers, where a vector's
  // data would be loaded again after every call that might have changed it.
  std::string_view* const words = words_.data();  // token texts, for multi-word matching
  std::uint64_t* const hashes = token_hash_.data();
  std::uint32_t* const infos = token_info_.data();
  std::uint32_t* const classes = token_class_.data();
  const Token* const token = tokens.data();
  const char* const text = norm.data();
  // Each word's slot is loaded kSlotAhead words before its look-up and its entry kEntryAhead words
  // before: a long answer's loads in flight at once would be more than the core can track.
  constexpr std::size_t kSlotAhead = 12, kEntryAhead = 6;
  for (std::size_t t = 0; t < n; ++t) {
    // (Not Token::text(): its bounds check is the tokenizer's to keep, and costs here at every token.)
    words[t] = std::string_view(text + token[t].begin, token[t].end - token[t].begin);
    hashes[t] = hash_bytes(words[t]);
    if (t < kSlotAhead) cache.prefetch_slot(hashes[t]);
  }
  for (std::size_t t = 0; t < n && t < kEntryAhead; ++t) cache.prefetch_entry(hashes[t]);
  // The traits in locals, kept in registers through the loop.
  std::uint32_t all_classes = 0;
  std::uint8_t traits_seen = 0;
  bool numerals = false;
  for (std::size_t t = 0; t < n; ++t) {
    if (t + kSlotAhead < n) cache.prefetch_slot(hashes[t + kSlotAhead]);
    if (t + kEntryAhead < n) cache.prefetch_entry(hashes[t + kEntryAhead]);
    infos[t] = cache.get(words[t], hashes[t],
                         [&](std::string_view w, WordInfo& info) { describe_word(w, hashes[t], process, cache, info); });
    const WordInfo& info = cache[infos[t]];
    classes[t] = info.classes;
    all_classes |= info.classes;
    const TokenKind kind = token[t].kind;
    traits_seen |= info.traits & kTraitsOfKind[static_cast<std::size_t>(kind)];
    numerals |= kind == TokenKind::kNumber;
    // match() of a word that may start a longer term looks its next word up in the term's trie.
    if (info.needs_next && t + 1 < n && s.lexicon_.may_continue(hashes[t], hashes[t + 1]))
      for (std::uint32_t k = info.layers_at; k < info.layers_at + info.layers_count; ++k)
        if (const Lexicon::TermNode* terms = cache.layers[k].terms) terms->prefetch_child(hashes[t + 1]);
  }
  traits = {all_classes, (traits_seen & kTraitQuestion) != 0, numerals, (traits_seen & kTraitDigit) != 0,
            (traits_seen & kTraitQuote) != 0, (traits_seen & kTraitNog) != 0, (traits_seen & kTraitDear) != 0,
            (traits_seen & kTraitTook) != 0, (traits_seen & kTraitCue) != 0, (traits_seen & kTraitSinds) != 0};
  // The next loads of the new words' look-ups in the word index, their first ones having arrived,
  // then the last ones (the words' and their stems' bytes): each stage's loads wait together, where
  // compute_fallback() would wait for them one after the other, word by word.
  const WordIndex& index = s.splitter_->index();
  for (const std::uint64_t h : index_prefetched_) index.prefetch_entry(h);
  for (const std::uint64_t h : index_prefetched_) index.prefetch_text(h);
  index_prefetched_.clear();
  return cache;
}

// Lexicon::match() for the words starting at token t, from the cache when the word alone decides.
// Inline: it is asked for nearly every token, and for most the word alone decides.
inline const LexiconEntry* SentimentScorer::Worker::match(Answer& a, std::size_t t, std::size_t* length) {
  const WordInfo& info = a.cache[token_info_[t]];
  if (!info.needs_next || t + 1 == words_.size() || !scorer_.lexicon_.may_continue(token_hash_[t], token_hash_[t + 1])) {
    if (info.solo) *length = 1;
    return info.solo;
  }
  return match_longer(a, t, length, info);
}

// match() of a word that may start a longer term: the term's trie, the last answer remembered.
const LexiconEntry* SentimentScorer::Worker::match_longer(Answer& a, std::size_t t, std::size_t* length,
                                                          const WordInfo& info) {
  if (t != a.memo_t) {
    a.memo_t = t;
    a.memo_entry = Lexicon::match_layers(a.cache.layers.data() + info.layers_at, info.layers_count, words_, t,
                                         &a.memo_length, token_hash_.data());
  }
  if (a.memo_entry) *length = a.memo_length;
  return a.memo_entry;
}

// Whether "te" at t marks an infinitive ("lastig te bereiken", "om iemand te spreken") rather
// than boosting as "too" ("te duur", "te tevreden"): the word after it ends in -en and is no
// adjective the lexicon lists.
bool SentimentScorer::Worker::infinitive_after(Answer& a, const Clause& clause, std::uint32_t t) {
  const std::uint32_t next = t + 1;
  if (next >= clause.tokens.last || analyzed_.tokens[next].kind != TokenKind::kWord) return false;
  const std::string_view w = words_[next];
  if (w.size() < 4 || !w.ends_with("en")) return false;
  std::size_t length = 0;
  const LexiconEntry* e = match(a, next, &length);
  return !(e && has_tag(e->tags(), "adjective"));
}

// An infinitive after an evaluation and "te" ("moeilijk te begrijpen", "goed te bereiken",
// "lastig om iemand te bereiken") names what is easy or hard to do: the evaluation judges it, and
// the verb's own score (or one borrowed through its stem) is no evidence. True when the clause's
// last evidence ends right before "te" at t, or before an "om" that opens the infinitive clause,
// with at most kComplementGap words between; the infinitive it passes over, if scored, is named in
// that evidence.
bool SentimentScorer::Worker::complement_of_evaluation(Answer& a, std::size_t clause_evidence_start,
                                                       std::uint32_t t) {
  std::vector<Evidence>& evidence = a.result.evidence;
  if (evidence.size() <= clause_evidence_start) return false;
  Evidence& ev = evidence.back();
  const std::size_t end = ev.token + 1 + std::count(ev.term.begin(), ev.term.end(), ' ');
  if (end > t || (end < t && (words_[end] != "om" || t - end > kComplementGap))) return false;
  for (std::size_t k = end; k < t; ++k)
    if (analyzed_.tokens[k].kind == TokenKind::kPunct) return false;
  const std::uint32_t verb = t + 1;
  std::size_t length = 0;
  const LexiconEntry* entry = match(a, verb, &length);
  double base = entry ? entry->score() : 0;
  const std::string* via = nullptr;
  if (!entry && words_[verb].size() >= 4 && a.cache[token_info_[verb]].fallback != WordInfo::kNone)
    entry = fallback_entry(a, verb, base, via);
  if (!entry || length > 1 || base == 0) return entry == nullptr || base == 0;
  if (!ev.rules.empty()) ev.rules += ", ";
  ev.rules.append("complement(te ").append(words_[verb]).append(1, ')');
  return true;
}

// Boosters and downtoners, one or two words ("een beetje", "veel te"), at token t: true when t
// (moved to the second word of a pair) is one, which then strengthens or weakens what follows.
bool SentimentScorer::Worker::take_intensifier(Answer& a, const Clause& clause, Modifiers& m, std::uint32_t& t,
                                               const WordInfo& info) {
  const SentimentScorer& s = scorer_;
  const std::string_view w = words_[t];
  std::string& two = two_words_;
  two.clear();
  // Only a first word followed by a second word of some pair can make one ("een" mostly does not).
  if (t + 1 < clause.tokens.last && info.intensifier_first && a.cache[token_info_[t + 1]].intensifier_second)
    two.append(w).append(1, ' ').append(words_[t + 1]);
  auto it2 = two.empty() ? s.intensifiers_.end() : s.intensifiers_.find(two);
  // A booster word that is itself in the lexicon with a score ("super", "top") counts as a
  // booster only when a scored word follows.
  if (it2 != s.intensifiers_.end()) {
    m.booster *= it2->second;
    m.booster_name = two;
    m.booster_age = 0;
    ++t;
    return true;
  }
  if (info.is_intensifier) {
    std::size_t len = 0;
    bool next_scored = t + 1 < clause.tokens.last && match(a, t + 1, &len) != nullptr;
    if (next_scored || !info.solo_single) {
      m.booster *= info.intensifier;
      m.booster_name.assign(w);
      m.booster_age = 0;
      return true;
    }
  }
  return false;
}

// A word the lexicon lacks as written, found after all (stem, compound head, on- prefix) or not:
// computed once per word form and kept in the cache. Sets `base` and `via` when found.
const LexiconEntry* SentimentScorer::Worker::fallback_entry(Answer& a, std::uint32_t t, double& base,
                                                            const std::string*& via) {
  WordCache& cache = a.cache;
  WordInfo& info = cache[token_info_[t]];
  if (info.fallback == WordInfo::kNotYet) {
    Fallback f = compute_fallback(words_[t], a.process);
    if (f.entry) {
      cache.fallbacks.push_back(std::move(f));
      info.fallback = static_cast<std::int32_t>(cache.fallbacks.size() - 1);
    } else {
      info.fallback = WordInfo::kNone;
    }
  }
  if (info.fallback < 0) return nullptr;
  const Fallback& f = cache.fallbacks[static_cast<std::size_t>(info.fallback)];
  base = f.base;
  via = &f.via;
  return f.entry;
}

// `factor` as "{}" formats it ("1.5", "2.25"), formatted once per factor: a double's shortest form
// costs more than all the rest of a booster's evidence. Boosters in a row multiply, so the factors
// are few but not bounded: past kFactorTexts the last one kept makes room.
const std::string& SentimentScorer::Worker::factor_text(double factor) {
  constexpr std::size_t kFactorTexts = 32;
  for (const auto& [f, text] : factor_texts_)
    if (f == factor) return text;
  if (factor_texts_.size() == kFactorTexts) factor_texts_.pop_back();
  factor_texts_.emplace_back(factor, fmt::format("{}", factor));
  return factor_texts_.back().second;
}

// The evidence of a scored term at tokens [t, t + length): its base score times the rules that
// apply (booster, negation, capitals, elongation, exclamation, contrast), each named.
void SentimentScorer::Worker::add_evidence(Answer& a, const Clause& clause, Modifiers& m, std::uint32_t t,
                                           std::size_t length, const LexiconEntry* entry, double base,
                                           const std::string* via) {
  Evidence& ev = a.result.evidence.emplace_back();
  for (std::size_t k = 0; k < length; ++k) {
    if (k) ev.term += ' ';
    ev.term += words_[t + k];
  }
  ev.base = base;
  ev.entry = entry;
  if (via) ev.via = *via;
  ev.token = t;
  double c = base;
  // The rules that fired, in this order, separated by ", ".
  auto rule = [&ev]() -> std::string& {
    if (!ev.rules.empty()) ev.rules += ", ";
    return ev.rules;
  };
  if (m.booster != 1) {
    c *= m.booster;
    const std::string& factor = factor_text(m.booster);
    rule().append(m.booster < 1 ? "downtoner(" : "booster(").append(m.booster_name).append(" x").append(factor).append(1, ')');
  }
  // "nooit lang hoeven wachten", "niet lang op gewacht": a negated "lang" makes the wait after it
  // short; anything else after it is out of the negator's reach.
  const bool carried = m.wait_next && length == 1 && is_wait(words_[t]);
  if (m.wait_next && !carried) m.negation_left = 0;
  m.wait_next = false;
  bool negated = false;
  // "niet meer bang", "niet langer kapot": a state that ended is over; it is negated as ever.
  const bool state = entry && (entry->tags().find("adjective") != std::string_view::npos ||
                               entry->tags().find("feeling") != std::string_view::npos);
  if (m.negation_left > 0 && m.negation_more && base < 0 && !state) {
    // "ik kan niet langer wachten": the wait stays bad.
    rule().append("scope(").append(m.negator).append(" langer)");
    m.negation_used = true;
  } else if (m.negation_left > 0 && !holds_negator(t, length) && !(entry && entry->tags().find("emoji") != std::string_view::npos)) {
    // (An emoji is no word a negator reaches: "niet de bedoeling 🙄" rolls its eyes all the same.)
    c *= kNegation;
    rule().append("negation(").append(m.negator).append(carried ? " lang)" : ")");
    m.negation_used = true;
    negated = true;
  } else if (m.negation_left > 0) {
    // "bijna nooit, want ze is niet te bereiken": the phrase's own negator says it; a second
    // one does not turn it into praise.
    m.negation_used = true;
  }
  if (!m.scope_note.empty()) {
    rule().append(m.scope_note);
    m.scope_note = {};
  }
  auto [b, e] = analyzed_.normalized.original_range(analyzed_.tokens[t].begin, analyzed_.tokens[t].end);
  std::string_view orig = a.text.substr(b, e - b);
  if (is_caps(orig)) {
    c *= kCaps;
    rule() += rule_texts().caps;
  }
  if (is_elongated(orig)) {
    c *= kElongation;
    rule() += rule_texts().elongation;
  }
  if (a.emphasis != 1) {
    c *= a.emphasis;
    rule() += rule_texts().exclamation[a.bangs];
  }
  if (clause.link == ClauseLink::kContrast && !minor_turn(words_, clause)) {
    c *= kContrastAfter;
    rule() += rule_texts().after_contrast;
  }
  ev.contribution = c;
  m.booster = 1;
  m.booster_name.clear();
  // A negator governs one evaluative phrase, or a negated "lang" and the wait after it.
  if (m.negation_left > 0) {
    m.wait_next = negated && length == 1 && (same_bytes(words_[t], "lang") || same_bytes(words_[t], "lange"));
    if (!m.wait_next) m.negation_left = 0;
  }
}

// Whether the answer reads as a proposal rather than an account: its first clause, up to a
// subordinate one, has no subject pronoun, no finite form of zijn, hebben or worden and no
// participle ("Meer afspraakplekken op zaterdag", "De app verbeteren", "Een sms als het klaar is";
// not "Ik heb alleen een pas aangevraagd", "Zaal was zoals altijd", "Eenmalig gehuurd voor een
// verjaardag"), and it does not say there is nothing ("niets bijzonders"), no idea ("weet niet
// wat er beter kan", "kweenie") or how it went ("voldoende", "ok-ish", "een zesje").
bool SentimentScorer::Worker::proposes() const {
  // Subject pronouns and the finite verbs of an account ("aanvraag loopt nog", "zaal was zoals
  // altijd"); not "kan" or "moet", which proposals use ("Kan sneller", "Moet beter").
  static constexpr std::array<std::string_view, 37> kAccount = {
      "ik",    "we",    "wij",   "ze",    "zij",   "hij",   "jij",  "is",    "was",   "waren", "ben",  "bent", "heb",
      "heeft", "had",   "werd",  "wordt", "loopt", "liep",  "gaat", "ging",  "kwam",  "komt",  "kreeg", "krijg",
      "ligt",  "lag",   "staat", "stond", "zit",   "zat",   "duurt", "duurde", "kon",  "zei",  "vond", "vind"};
  // Saying there is nothing, or no opinion: "niets", "geen idee", "geen mening", "weet niet", "nee",
  // "n.v.t."; or giving a middling verdict: "voldoende", "ok-ish", "een zesje", "normaal".
  static constexpr std::array<std::string_view, 21> kNothing = {
      "niets",    "niks",   "weet",  "idee",  "mening",      "nee",       "nvt",    "n.v.t.", "n.v.t", "kweenie",
      "voldoende", "redelijk", "oké", "oke",  "ok",          "okay",      "ok-ish", "middelmatig", "gemiddeld", "zesje",
      "normaal"};
  // A subordinate clause inside the proposal tells its when or which ("Een sms als het klaar is").
  static constexpr std::array<std::string_view, 10> kSubordinate = {"dat", "wat", "die", "als", "wanneer",
                                                                    "waar", "zodat", "omdat", "voordat", "waarin"};
  const auto& tokens = analyzed_.tokens;
  bool clause = true;  // still in the first clause, before a subordinate one
  bool words = false;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].kind == TokenKind::kPunct) {
      clause = clause && !words;
      continue;
    }
    words = true;
    const std::string_view w = words_[t];
    if (std::find(kNothing.begin(), kNothing.end(), w) != kNothing.end()) return false;
    // "Lastig te zeggen", "moeilijk te beoordelen": no opinion; "Niet veel, …": little to improve.
    const bool hard = (w == "lastig" || w == "moeilijk") && t + 2 < tokens.size() && words_[t + 1] == "te" &&
                      (words_[t + 2] == "zeggen" || words_[t + 2] == "beoordelen" || words_[t + 2] == "bepalen");
    if (hard || (clause && w == "niet" && t + 1 < tokens.size() && words_[t + 1] == "veel" &&
                 (t + 2 == tokens.size() || tokens[t + 2].kind == TokenKind::kPunct)))
      return false;
    if (std::find(kSubordinate.begin(), kSubordinate.end(), w) != kSubordinate.end()) clause = false;
    if (clause && (std::find(kAccount.begin(), kAccount.end(), w) != kAccount.end() || looks_like_participle(w))) return false;
  }
  return words;
}

// Whether the answer opens with a word asking for more, sooner or better ("Meer afspraken …",
// "Vaker legen", "Snellere afhandeling") and its first clause ends in an infinitive ("… maken",
// "… aanbieden"): a proposal in the form of a heading.
bool SentimentScorer::Worker::asks_for_more() const {
  static constexpr std::array<std::string_view, 12> kMore = {"meer",   "minder",  "vaker",  "sneller", "eerder",  "langer",
                                                             "ruimer", "ruimere", "betere", "snellere", "langere", "extra"};
  const auto& tokens = analyzed_.tokens;
  std::size_t t = 0;
  while (t < tokens.size() && tokens[t].kind == TokenKind::kPunct) ++t;
  if (t == tokens.size() || std::find(kMore.begin(), kMore.end(), words_[t]) == kMore.end()) return false;
  std::size_t last = t;
  while (last + 1 < tokens.size() && tokens[last + 1].kind != TokenKind::kPunct) ++last;
  const std::string_view w = words_[last];
  return last > t + 1 && w.size() >= 5 && w.ends_with("en");
}

// The evidence of a proposal (proposes()): wish(verbeteren), named by the first few words of its
// first clause.
Evidence SentimentScorer::Worker::proposal_evidence() const {
  const auto& tokens = analyzed_.tokens;
  const auto first = static_cast<std::uint32_t>(
      std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.kind != TokenKind::kPunct; }) - tokens.begin());
  std::string proposal;
  std::size_t words = 0;
  for (auto t = first; t < tokens.size() && tokens[t].kind != TokenKind::kPunct; ++t) {
    if (++words > kProposalWords) {
      proposal += "…";
      break;
    }
    proposal.append(proposal.empty() ? "" : " ").append(words_[t]);
  }
  return {std::move(proposal), kScoreSuggestion, kScoreSuggestion, "wish(verbeteren)", nullptr, {}, first};
}

// Whether the words [t, t + length) hold a negator ("niet te bereiken", "geen gehoor").
bool SentimentScorer::Worker::holds_negator(std::uint32_t t, std::size_t length) const {
  for (std::size_t k = t; k < t + length && k < token_class_.size(); ++k)
    if (token_class_[k] & complaint::kNegator) return true;
  return false;
}

// Whether the negator at t straight after a scored verb negates that verb: "ik begrijp niet hoe
// het bedrag is berekend", "het helpt niet": the negator ends the clause or opens a question or
// dat/of-clause after it. Negates the verb's evidence when it does.
bool SentimentScorer::Worker::negates_verb_before(Answer& a, const Clause& clause, std::size_t clause_evidence_start,
                                                  std::uint32_t t) {
  std::vector<Evidence>& evidence = a.result.evidence;
  if (evidence.size() <= clause_evidence_start || t == 0 || (words_[t] != "niet" && words_[t] != "nooit")) return false;
  Evidence& ev = evidence.back();
  const std::size_t words = 1 + std::count(ev.term.begin(), ev.term.end(), ' ');
  if (ev.token + words != t || words != 1 || !ev.rules.empty() || holds_negator(ev.token, words)) return false;
  static constexpr std::array<std::string_view, 9> kOpeners = {"hoe", "waarom", "wat", "wie", "waar", "welke", "dat", "of", "wanneer"};
  const std::uint32_t next = t + 1;
  const bool ends = next >= clause.tokens.last || analyzed_.tokens[next].kind != TokenKind::kWord;
  if (!ends && std::find(kOpeners.begin(), kOpeners.end(), words_[next]) == kOpeners.end()) return false;
  // Only a finite verb, which a subject pronoun before it shows ("ik begrijp niet", "het helpt
  // niet"): "goed niet slecht" is no verb negated.
  const bool subject = ev.token > 0 && ((token_class_[ev.token - 1] & complaint::kSubject) || words_[ev.token - 1] == "het");
  if (!subject) return false;
  ev.contribution *= kNegation;
  ev.rules.append("negation after(").append(words_[t]).append(1, ')');
  return true;
}

// A negator at the end of a clause negates what came before it: "vriendelijk was hij niet",
// "vriendelijk waren ze niet echt". Not a negator whose scope ran out before the phrase
// ("geen zin, want je krijgt geen gehoor"), nor one with more words after it. Asked only while
// the clause's last negator has negated nothing (!m.negation_used).
void SentimentScorer::Worker::negate_before_final_negator(Answer& a, const Clause& clause, const Modifiers& m,
                                                                 std::size_t clause_evidence_start) {
  auto words_after = [&] {
    std::size_t n = 0;
    for (auto t = m.negator_at + 1; t < clause.tokens.last; ++t) n += analyzed_.tokens[t].kind == TokenKind::kWord;
    return n;
  };
  std::vector<Evidence>& evidence = a.result.evidence;
  // Only "niet" and "nooit" negate backwards: "niks", "niets", "niemand" are what was (not) done
  // ("en dan hoor je maandenlang helemaal niks": the months are no better for it).
  if (!same_bytes(m.negator, "niet") && !same_bytes(m.negator, "nooit")) return;
  if (evidence.size() > clause_evidence_start && evidence.back().token < m.negator_at && words_after() <= kPostNegationTail) {
    Evidence& ev = evidence.back();
    // A phrase with its own negator ("kan toch niet", "kan echt niet") is not negated again.
    const std::size_t words = 1 + std::count(ev.term.begin(), ev.term.end(), ' ');
    // Nor one of persistence: "het ligt er nog steeds niet" complains as much as "nog steeds".
    for (std::size_t k = ev.token; k < ev.token + words && k < token_class_.size(); ++k)
      if (token_class_[k] & (complaint::kNegator | complaint::kPersist)) return;
    // Nor an evaluation heading a dat-clause: "Slecht dat je niks meer hoort" judges the clause.
    if (ev.token + words < m.negator_at && words_[ev.token + words] == "dat") return;
    // Nor across a subordinate or relative clause ("containers die niemand komt legen"), nor
    // before "nog steeds niet", which negates the having, not what came before.
    for (std::size_t k = ev.token + words; k < m.negator_at; ++k)
      if (token_class_[k] & complaint::kSubordinator) return;
    // A negative word stays: "kapot, en het ligt er nog steeds niet" complains as much as "nog
    // steeds"; praise before it is denied ("ik begrijp de rekening nog steeds niet").
    if (m.negator_at > 0 && (token_class_[m.negator_at - 1] & complaint::kPersist) && ev.contribution < 0) return;
    // Nor when a participle follows the negator, which negates that action: "de kapotte dingen
    // worden gewoon niet gemaakt" (the things stay broken; nobody mends them).
    for (auto k = m.negator_at + 1; k < clause.tokens.last; ++k)
      if (analyzed_.tokens[k].kind == TokenKind::kWord && looks_like_participle(words_[k])) return;
    // Nor a negative noun with its definite article, a demonstrative or a possessive, the clause's
    // subject or object: the negation is of what happens to it ("het wachten schoot niet op", "de
    // overlast hield niet op", "die naheffing had er nooit mogen komen").
    if (ev.contribution < 0 && ev.token > 0) {
      const std::string_view before = words_[ev.token - 1];
      if (before == "het" || before == "de" || before == "die" || before == "deze" || before == "mijn" || before == "onze")
        return;
    }
    // Nor when it denies that it is gone: "de stank is niet weg", "de overlast is nog niet voorbij".
    if (const auto next = m.negator_at + 1; next < clause.tokens.last &&
        (words_[next] == "weg" || words_[next] == "voorbij" || words_[next] == "verdwenen"))
      return;
    if (!ev.rules.empty()) ev.rules += ", ";
    if (m.negator_at > 0 && words_[m.negator_at - 1] == "toch") {
      // "Zo moeilijk kan dat toch niet zijn": rhetorical, it is that hard.
      ev.contribution = -std::abs(ev.contribution);
      ev.rules.append("rhetorical(toch ").append(m.negator).append(1, ')');
      return;
    }
    ev.contribution *= kNegation;
    ev.rules.append("negation after(").append(m.negator).append(1, ')');
  }
}

// Where a negation's scope ends or changes at word t: "om te", a dat/of-clause and an indirect
// question (waarom, hoe, wanneer, waar) end it ("ik heb geen jaar de tijd om te wachten", "nooit
// gedacht dat het zo snel kon", "ik snap niet waarom het zo lang duurde"), except after a feeling
// ("nooit het gevoel dat ik lastig was"); "eerder" makes it a comparison ("nooit eerder zo snel");
// "langer"/"meer" make it about time ("niet langer wachten"); "nooit (meer) zo" makes it a
// superlative ("nog nooit zo slecht meegemaakt"). True when t is used up.
bool SentimentScorer::Worker::limit_negation_scope(const Clause& clause, Modifiers& m, std::uint32_t t) {
  if (m.negation_left == 0) return false;
  const std::string_view w = words_[t];
  // (same_bytes() for the words every word in a negator's scope is compared with: no call each.)
  const bool next_to_negator =
      t == m.negator_at + 1 || (t == m.negator_at + 2 && (same_bytes(words_[t - 1], "nog") || same_bytes(words_[t - 1], "echt")));
  if (same_bytes(w, "om") && t + 1 < clause.tokens.last && same_bytes(words_[t + 1], "te")) {
    m.negation_left = 0;
    m.scope_note = "scope(om te)";
  } else if (same_bytes(w, "waarom") || same_bytes(w, "hoe") || same_bytes(w, "wanneer") || same_bytes(w, "waar") ||
             same_bytes(w, "hoezo")) {
    // "ik snap niet waarom het zo lang duurde", "ik weet niet hoe lang het nog duurt": an indirect
    // question is a clause of its own, which the negator does not reach.
    m.negation_left = 0;
    m.scope_note = "scope(vraagwoord)";
  } else if (same_bytes(w, "want")) {
    // "bijna nooit, want ze is niet te bereiken": "want" opens a main clause of its own.
    m.negation_left = 0;
    m.scope_note = "scope(want)";
  } else if (same_bytes(w, "dat") || same_bytes(w, "of")) {
    // "nooit het gevoel (gehad) dat …"
    const bool feeling = (t > 0 && (token_class_[t - 1] & complaint::kFeeling)) ||
                         (t > 1 && (token_class_[t - 2] & complaint::kFeeling));
    // "er is geen (enkele) ochtend geweest dat ze op tijd waren": the clause says which of the
    // denied things; not after a belief or knowing ("geen idee dat het zo snel ging").
    bool relative = w == "dat" && m.negator == "geen" && t > m.negator_at && t - m.negator_at <= kRelativeReach;
    for (auto k = m.negator_at + 1; relative && k < t; ++k)
      relative = (token_class_[k] & (complaint::kCognition | complaint::kKnow | complaint::kFeeling)) == 0;
    m.negation_left = feeling || relative ? kNegationScope : 0;
    m.scope_note = feeling ? "scope(gevoel dat)" : relative ? "scope(geen … dat)" : (w == "dat" ? "scope(dat)" : "scope(of)");
  } else if (next_to_negator && (token_class_[t] & complaint::kEarlier)) {
    m.negation_left = 0;
    m.scope_note = "scope(nooit eerder)";
  } else if (same_bytes(w, "zo") && m.negator == "nooit" && (t == m.negator_at + 1 || (t == m.negator_at + 2 && words_[t - 1] == "meer"))) {
    // "nog nooit zo slecht meegemaakt", "nooit meer zo snel": a superlative, not a negation;
    // "zo" still boosts what follows.
    m.negation_left = 0;
    m.negation_used = true;
    m.scope_note = "scope(nooit zo)";
    return false;
  } else if (next_to_negator && (token_class_[t] & complaint::kMore)) {
    m.negation_more = true;
    return false;
  } else if (next_to_negator && (same_bytes(w, "na") || same_bytes(w, "sinds") || same_bytes(w, "tijdens"))) {
    // "ook niet na mijn klacht", "niet sinds de melding": the negator denies a time, not the
    // complaint named in it.
    m.negation_left = 0;
    m.scope_note = same_bytes(w, "na") ? "scope(na)" : same_bytes(w, "sinds") ? "scope(sinds)" : "scope(tijdens)";
  } else {
    return false;
  }
  m.negation_used = true;  // nothing before it is negated either
  return true;
}

// A word that is no evidence: the negator's scope and the booster's reach count it. An unscored
// participle straight after the negator is the action it denies ("er werd helemaal niet gekeken
// naar de schade": the noun after it is not negated); not a belief ("nooit gedacht dat"), whose
// dat-clause ends the scope with its own note.
void SentimentScorer::Worker::pass_unscored(Modifiers& m, std::uint32_t t) {
  if (analyzed_.tokens[t].kind == TokenKind::kWord && m.negation_left > 0) {
    if (t == m.negator_at + 1 && looks_like_participle(words_[t]) &&
        (token_class_[t] & (complaint::kCognition | complaint::kKnow | complaint::kFeeling)) == 0) {
      m.negation_left = 0;
      m.negation_used = true;
      m.scope_note = "scope(participle)";
    } else if (!(t == m.negator_at + 1 && m.negator == "geen" &&
                 (same_bytes(words_[t], "moment") || same_bytes(words_[t], "seconde") || same_bytes(words_[t], "ogenblik")))) {
      // ("geen moment", "geen seconde" is "nooit": the word says when, and leaves the scope whole:
      // "geen moment het gevoel gehad dat ik lastig was".)
      --m.negation_left;
    }
  }
  if (++m.booster_age > 1) m.booster = 1, m.booster_name.clear();
}

// One clause, word by word: negators and boosters set what applies to the next scored term; a
// term (lexicon phrase or word, else a fallback) becomes evidence.
// "nooit (een) antwoord gekregen" says what "geen antwoord gekregen" says: before a noun phrase,
// "nooit" denies it was ever there. The lexicon's "geen …" term for the words after "nooit" and an
// article, read as a whole (in either direction: "nooit een probleem" is "geen probleem"); null
// when the lexicon has none. `length`: its tokens from t.
const LexiconEntry* SentimentScorer::Worker::never_as_none(Answer& a, const Clause& clause, std::uint32_t t,
                                                            std::size_t* length) {
  constexpr std::size_t kMostWords = 8;
  std::uint32_t k = t + 1;
  if (k < clause.tokens.last && words_[k] == "een") ++k;
  if (k >= clause.tokens.last || analyzed_.tokens[k].kind != TokenKind::kWord) return nullptr;
  none_words_.assign(1, "geen");
  for (auto j = k; j < clause.tokens.last && none_words_.size() < kMostWords; ++j) none_words_.push_back(words_[j]);
  none_layers_.clear();
  scorer_.lexicon_.word_layers("geen", a.process, none_layers_);
  std::size_t n = 0;
  const LexiconEntry* e = Lexicon::match_layers(none_layers_.data(), none_layers_.size(), none_words_, 0, &n);
  if (!e || n < 2) return nullptr;
  *length = (k - t) + (n - 1);
  return e;
}

void SentimentScorer::Worker::score_clause(Answer& a, const Clause& clause) {
  const auto& tokens = analyzed_.tokens;
  Modifiers m;
  const std::size_t clause_evidence_start = a.result.evidence.size();
  for (auto t = clause.tokens.first; t < clause.tokens.last; ++t) {
    const Token& tok = tokens[t];
    if (tok.kind == TokenKind::kPunct) {
      m.negation_left = 0;
      continue;
    }
    // A multi-word expression that starts here ("geen gehoor", "niet teruggebeld", "te laat")
    // is read as a whole, before its first word can act as a negator or booster.
    const WordInfo& info = a.cache[token_info_[t]];
    // Most words do nothing below but age the booster: they are passed by at once (outside a
    // negator's scope, which some words end).
    if (info.plain && m.negation_left == 0 &&
        (info.fallback == WordInfo::kNone || tok.kind != TokenKind::kWord || words_[t].size() < 4)) {
      if (++m.booster_age > 1) m.booster = 1, m.booster_name.clear();
      continue;
    }
    std::size_t length = 0;
    const LexiconEntry* entry = match(a, t, &length);
    const LexiconEntry* phrase = entry && length >= 2 ? entry : nullptr;
    const std::string* via = nullptr;
    if (!phrase && info.negator && words_[t] == "nooit" && (phrase = never_as_none(a, clause, t, &length))) {
      static const std::string kAsNone = "as:geen";
      entry = phrase;
      via = &kAsNone;
    }
    if (!phrase && tok.kind == TokenKind::kWord && info.negator && negates_verb_before(a, clause, clause_evidence_start, t)) {
      m.negation_left = 0;
      continue;
    }
    if (!phrase && tok.kind == TokenKind::kWord && info.negator) {
      m.negation_left = kNegationScope;
      m.negator = words_[t];
      m.negator_at = t;
      m.negation_used = false;
      m.negation_more = false;
      continue;
    }
    // Most words neither end a negation's scope nor boost: the calls are made for the few that may.
    if (!phrase && tok.kind == TokenKind::kWord && m.negation_left > 0 && limit_negation_scope(clause, m, t)) continue;
    // (same_bytes(): a few loads, where == calls compare() for the words that reach here.)
    if (!phrase && same_bytes(words_[t], "te") && infinitive_after(a, clause, t)) {
      t += complement_of_evaluation(a, clause_evidence_start, t) ? 1 : 0;
      continue;
    }
    if (!phrase && tok.kind == TokenKind::kWord && (info.intensifier_first || info.is_intensifier) &&
        take_intensifier(a, clause, m, t, info))
      continue;
    double base = 0;
    if (entry) {
      base = entry->score();
    } else if (tok.kind == TokenKind::kWord && words_[t].size() >= 4 && info.fallback != WordInfo::kNone) {
      // (Most such words were looked for before and not found: they are passed over here.)
      entry = fallback_entry(a, t, base, via);
      length = 1;
    }
    if (entry && base == 0) {
      // A neutral entry (a word listed to stop fallbacks) moves nothing and is no evidence; a
      // neutral expression ("niet goed te zeggen") has said what its words say: the complaint rules
      // read no negated action in it.
      if (length >= 2) neutral_phrases_.push_back({t, static_cast<std::uint32_t>(t + length)});
      t += static_cast<std::uint32_t>(length - 1);
      entry = nullptr;
    }
    if (!entry) {
      pass_unscored(m, t);
      continue;
    }
    add_evidence(a, clause, m, t, length, entry, base, via);
    t += static_cast<std::uint32_t>(length - 1);
  }
  // Only a negator that negated nothing yet looks back (negation_used starts true: most clauses have none).
  if (!m.negation_used) negate_before_final_negator(a, clause, m, clause_evidence_start);
}

// One sentence: its exclamation marks strengthen all of it, and a contrast ("maar") weakens what
// was said before it in the sentence.
void SentimentScorer::Worker::score_sentence(Answer& a, const Span& sentence) {
  const auto& tokens = analyzed_.tokens;
  // Exclamation marks anywhere in the sentence strengthen all of it.
  int bangs = 0;
  for (auto t = sentence.first; a.exclamations && t < sentence.last; ++t)
    if (tokens[t].kind == TokenKind::kPunct)
      for (char c : words_[t]) bangs += c == '!';
  a.bangs = std::min(bangs, 3);
  a.emphasis = 1 + kPerExclamation * a.bangs;
  std::vector<Clause>& clauses = clauses_;
  split_clauses(analyzed_.normalized.text, tokens, sentence, clauses);
  constexpr std::size_t kNoClause = ~std::size_t{0};
  std::size_t sentence_evidence = kNoClause;  // evidence index where the sentence's first clause starts
  // "Aardige vrouw en ze helpt goed. Maar ze is nooit te bereiken.": a sentence that opens with
  // "Maar" weighs the sentence before it as "maar" inside one would.
  const std::size_t before = a.sentence_start;
  a.sentence_start = a.result.evidence.size();
  if (!clauses.empty() && clauses.front().link == ClauseLink::kContrast && clauses.front().tokens.first == sentence.first &&
      (words_[sentence.first] == "maar" || words_[sentence.first] == "echter"))
    for (std::size_t k = before; k < a.result.evidence.size(); ++k) {
      Evidence& ev = a.result.evidence[k];
      if (ev.contribution <= 0) continue;
      ev.contribution *= kContrastBefore;
      complaint::append_rule(ev, rule_texts().before_contrast);
    }
  for (const Clause& clause : clauses) {
    if (clause.link == ClauseLink::kContrast && sentence_evidence != kNoClause && !minor_turn(words_, clause)) {
      // Everything said before the contrast counts less (not before a minor point conceded).
      for (std::size_t k = sentence_evidence; k < a.result.evidence.size(); ++k) {
        Evidence& ev = a.result.evidence[k];
        ev.contribution *= kContrastBefore;
        complaint::append_rule(ev, rule_texts().before_contrast);
      }
    }
    if (sentence_evidence == kNoClause) sentence_evidence = a.result.evidence.size();
    score_clause(a, clause);
    answer_clauses_.push_back(clause);
  }
}

void SentimentScorer::Worker::score(std::string_view text, std::string_view process, SentimentResult& result,
                                    bool suggestion) {
  const SentimentScorer& s = scorer_;
  s.pipeline_->analyze(text, analyzed_);
  result.score = 0;
  result.polarity = {};
  // Evidence is made afresh for each answer, in the vector's kept capacity. (Moving the strings of
  // earlier evidence back and forth to keep their memory cost more than it saved: most terms and
  // rules fit in a string's own buffer.)
  result.evidence.clear();
  complaint::AnswerTraits traits;
  Answer a{text, process, result, look_up_words(process, traits)};
  const std::string& norm = analyzed_.normalized.text;
  a.exclamations = std::memchr(norm.data(), '!', norm.size()) != nullptr;
  answer_clauses_.clear();
  neutral_phrases_.clear();
  for (const Span& sentence : analyzed_.sentences) score_sentence(a, sentence);
  complaint::apply({analyzed_.tokens, words_, token_class_, analyzed_.sentences, result.evidence, traits, neutral_phrases_},
                   answer_clauses_, rule_scratch_);
  // "geen idee", "n.v.t.", "niet goed, niet slecht": the answer says nothing, whatever its words
  // would score ("geen antwoord" is a complaint inside an answer, not as the whole of it).
  result.non_answer = !analyzed_.tokens.empty() && s.non_answers_.says_nothing(analyzed_);
  if (result.non_answer) result.evidence.clear();
  double total = 0;
  for (const auto& ev : result.evidence) total += ev.contribution;
  // Asked what could be better, an answer that is neither good nor bad proposes a change ("Meer
  // afspraakplekken op zaterdag", "Opzegknop in de app graag").
  bool proposal = suggestion && !result.non_answer && std::abs(total) < s.options_.neutral_band && proposes();
  if (!proposal && suggestion && !result.non_answer && total > 0 && asks_for_more() && proposes()) {
    // "Meer afspraken beschikbaar maken", "meer trouwmomenten op zaterdag aanbieden, er is duidelijk
    // vraag naar": asked what could be better, a proposal for more of something names what is
    // lacking; its good words are what it asks for, not praise.
    total = 0;
    for (Evidence& ev : result.evidence) {
      if (ev.contribution > 0) {
        ev.contribution = 0;
        complaint::append_rule(ev, "asked for");
      }
      total += ev.contribution;
    }
    proposal = true;
  }
  if (proposal) {
    result.evidence.push_back(proposal_evidence());
    total += kScoreSuggestion;
  }
  score_clauses(result);
  const double band = s.options_.neutral_band;
  result.score = std::round(total / std::sqrt(total * total + 1) * 1000) / 1000;
  if (result.score == 0) result.score = 0;  // no "-0.000"
  result.polarity = result.score >= band ? "positive" : result.score <= -band ? "negative" : "neutral";
  if (result.polarity != "neutral") {
    const bool turns = std::any_of(answer_clauses_.begin(), answer_clauses_.end(),
                                   [](const Clause& c) { return c.link == ClauseLink::kContrast; });
    result.score = std::round(std::copysign(shaped_magnitude(result, total, band, turns), total) * 1000) / 1000;
  }
}

// Each clause with a word, and the sum of its evidence's contributions.
void SentimentScorer::Worker::score_clauses(SentimentResult& result) {
  result.clauses.clear();
  for (const Clause& c : answer_clauses_) {
    bool word = false;
    for (auto t = c.tokens.first; t < c.tokens.last && !word; ++t) word = analyzed_.tokens[t].kind != TokenKind::kPunct;
    if (word) result.clauses.push_back({c.tokens, 0, {}});
  }
  for (const Evidence& ev : result.evidence) {
    auto it = std::upper_bound(result.clauses.begin(), result.clauses.end(), ev.token,
                               [](std::uint32_t t, const ClauseScore& c) { return t < c.tokens.first; });
    if (it != result.clauses.begin()) std::prev(it)->score += ev.contribution;
  }
  if (aspect_matcher_) name_aspects(result);
}

// The aspect of each clause that says something: its words, punctuation as a break. A clause that
// judges without naming what ("slecht geregeld") takes the aspect of the neutral clause beside it,
// the one before first, that tells the fact it judges ("een uur in de wachtkamer gezeten, slecht
// geregeld"); not that of a judging one, which names its own ("Top, maar drie weken gewacht": the
// praise is not of the wait; measured on the dev sets, taking a same-side neighbour's did worse).
void SentimentScorer::Worker::name_aspects(SentimentResult& result) {
  const auto& aspects = scorer_.aspects_->aspects();
  auto& clauses = result.clauses;
  own_aspects_.assign(clauses.size(), -1);
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const ClauseScore& c = clauses[i];
    clause_words_.resize(c.tokens.last - c.tokens.first);
    for (auto t = c.tokens.first; t < c.tokens.last; ++t) {
      const bool word = analyzed_.tokens[t].kind == TokenKind::kWord;
      clause_words_[t - c.tokens.first].assign(word ? words_[t] : std::string_view());
    }
    own_aspects_[i] = aspect_matcher_->best(clause_words_);
  }
  auto side = [](const ClauseScore& c) { return c.score >= kClauseBand ? 1 : c.score <= -kClauseBand ? -1 : 0; };
  auto beside = [&](std::size_t j) {
    return side(clauses[j]) == 0 ? own_aspects_[j] : -1;
  };
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (side(clauses[i]) == 0) continue;
    int a = own_aspects_[i];
    if (a < 0 && i > 0) a = beside(i - 1);
    if (a < 0 && i + 1 < clauses.size()) a = beside(i + 1);
    if (a >= 0) clauses[i].aspect = aspects[static_cast<std::size_t>(a)].key;
  }
}

std::vector<std::string_view> clause_cells(std::string_view cell) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start < cell.size();) {
    const std::size_t end = std::min(cell.find(" | ", start), cell.size());
    out.push_back(cell.substr(start, end - start));
    start = end + 3;
  }
  return out;
}

void SentimentScorer::append_clauses(const SentimentResult& result, const AnalyzedText& text, std::string& out) {
  const std::string& norm = text.normalized.text;
  // The separators the answer holds ("|", line breaks), made spaces in its clauses so that the
  // column splits cleanly; most answers hold none, and their clauses are copied without a look.
  std::array<char, 3> separators{};
  std::size_t separator_count = 0;
  for (const char sep : {'|', '\n', '\r'})
    if (std::memchr(norm.data(), sep, norm.size())) separators[separator_count++] = sep;
  bool first = true;
  for (const ClauseScore& c : result.clauses) {
    std::uint32_t b = c.tokens.first, e = c.tokens.last;
    while (e > b && text.tokens[e - 1].kind == TokenKind::kPunct) --e;  // no trailing ", . !"
    while (b < e && text.tokens[b].kind == TokenKind::kPunct) ++b;
    if (b == e) continue;
    if (!first) out.append(" | ", 3);
    first = false;
    out += c.score >= kClauseBand ? '+' : c.score <= -kClauseBand ? '-' : '0';
    out += c.aspect;
    out += ' ';
    const std::size_t at = out.size();
    out.append(norm, text.tokens[b].begin, text.tokens[e - 1].end - text.tokens[b].begin);
    char* const end = out.data() + out.size();
    for (std::size_t k = 0; k < separator_count; ++k)
      for (char* p = out.data() + at; (p = static_cast<char*>(std::memchr(p, separators[k], static_cast<std::size_t>(end - p))));)
        *p++ = ' ';
  }
}

std::string SentimentScorer::format_evidence(const SentimentResult& result) {
  std::string out;
  append_evidence(result, out);
  return out;
}

void SentimentScorer::append_evidence(const SentimentResult& result, std::string& out) {
  if (result.non_answer) out += kNonAnswerEvidence;
  bool first = true;
  for (const auto& ev : result.evidence) {
    if (!first) out.append("; ", 2);
    first = false;
    out += ev.term;
    out += ' ';
    append_fixed(out, ev.contribution, 3, true);
    if (!ev.rules.empty() || !ev.via.empty()) {
      out.append(" [", 2);
      out += ev.via;
      if (!ev.via.empty() && !ev.rules.empty()) out.append(", ", 2);
      out += ev.rules;
      out += ']';
    }
  }
}

}  // namespace luister
