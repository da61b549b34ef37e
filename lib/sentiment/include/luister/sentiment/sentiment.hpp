#pragma once
/// Lexicon sentiment for Dutch answers, with rules for negation, boosters, contrast and emphasis.
///
///     luister::SentimentScorer scorer({});             // the default lexicons in lexicons/
///     luister::SentimentScorer::Worker w(scorer);      // one per thread
///     auto r = w.score("Niet slecht, maar de wachttijd was HEEL lang!", "Paspoort");
///     // r.score < 0: the part after "maar" weighs more; r.evidence says why
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "luister/lexicon/aspects.hpp"
#include "luister/lexicon/lexicon.hpp"
#include "luister/text/text.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {

namespace complaint {
struct AnswerTraits;
}  // namespace complaint

struct SentimentOptions {
  /// Lexicon layers in order, (process or "", path), on top of the default layers: each adds to
  /// what comes before it, a later layer overriding an earlier one for the words it knows.
  std::vector<std::pair<std::string, std::string>> lexicons;
  /// The default layers (kDefaultLexicons) first; false (--no-default-lexicons): `lexicons` alone,
  /// which must then hold a layer for every process.
  bool default_lexicons = true;
  std::string negators;      ///< default lexicons/negators-nl.txt
  std::string intensifiers;  ///< default lexicons/intensifiers-nl.tsv
  std::string complaint_words;  ///< word classes of the complaint rules; default lexicons/complaint-nl.tsv
  std::string non_answers;   ///< whole answers that say nothing, scored neutral; default lexicons/non-answers-nl.txt
  /// With clause_aspects, each clause with evidence gets the aspect its words point to
  /// (ClauseScore::aspect) from the taxonomy `aspects` ("" = lexicons/aspects-nl.tsv). Off by
  /// default: matching every clause against the taxonomy costs about ten times the scoring itself.
  std::string aspects;
  bool clause_aspects = false;
  double neutral_band = 0.05;  ///< |score| below this is neutral
  /// Read the layers from their compiled file when it is current, and write it when not
  /// (lexicon/compiled.hpp); false (--no-cache): parse the TSV files and write nothing.
  bool compiled_lexicon = true;
  TextOptions text;
};

/// The default lexicon layers, in order (data files found with find_data_file()).
inline constexpr std::array<const char*, 2> kDefaultLexicons = {"sentiment-nl.tsv", "emoji-nl.tsv"};

/// The lexicon layers of `options` in words, for reports: "default (sentiment-nl.tsv, emoji-nl.tsv)
/// + nieuw.tsv + Wmo=wmo.tsv", or without the defaults "nieuw.tsv + Wmo=wmo.tsv".
std::string describe_lexicons(const SentimentOptions& options);

/// One thing that moved the score.
struct Evidence {
  std::string term;    ///< the words as normalised
  double base = 0;     ///< the lexicon score
  double contribution = 0;
  std::string rules;   ///< "negation(niet), booster(heel x1.5), caps x1.3, contrast x1.5", or ""
  const LexiconEntry* entry = nullptr;
  std::string via;     ///< how the word was found: "", "stem:wacht", "compound:klant|vriendelijk", "prefix:on"
  std::uint32_t token = 0;  ///< index of the term's first token in Worker::analyzed().tokens
};

/// One clause of the answer and what its evidence adds up to.
struct ClauseScore {
  Span tokens;            ///< in Worker::analyzed().tokens
  double score = 0;       ///< the sum of the contributions of the evidence in the clause
  std::string_view aspect;  ///< the clause's aspect ("wachttijd"), empty until an aspect taxonomy is given
};

struct SentimentResult {
  double score = 0;  ///< -1..1
  std::string_view polarity;  ///< "negative", "neutral" or "positive"
  std::vector<Evidence> evidence;
  std::vector<ClauseScore> clauses;  ///< every clause with a word, in order
  /// The whole answer says nothing (SentimentOptions::non_answers): no evidence, score 0.
  bool non_answer = false;
};

/// The evidence column of a non-answer.
inline constexpr std::string_view kNonAnswerEvidence = "(non-answer)";

/// Loads lexicons and rule data once; share it between threads, each with its own Worker.
class SentimentScorer {
 public:
  explicit SentimentScorer(const SentimentOptions& options);

  /// Per-thread state (stemmer, scratch). Not thread-safe itself.
  class Worker {
   public:
    explicit Worker(const SentimentScorer& scorer);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;
    /// The answer's sentiment. `suggestion`: the answer replies to the improvement question ("Wat
    /// kunnen we verbeteren?"), where what says nothing good or bad proposes a change: "Langere
    /// openingstijden op donderdag" is a wish, mild criticism (rule `wish(verbeteren)`).
    SentimentResult score(std::string_view text, std::string_view process = {}, bool suggestion = false);
    /// score() into `result`, replacing its contents; reusing one result from answer to answer
    /// keeps its vectors' memory, which saves allocations in a scoring loop.
    void score(std::string_view text, std::string_view process, SentimentResult& result, bool suggestion = false);
    const AnalyzedText& analyzed() const { return analyzed_; }

   private:
    // How a word the lexicon lacks was found after all (stem, compound head, on- prefix), or not.
    struct Fallback {
      const LexiconEntry* entry = nullptr;
      double base = 0;
      std::string via;
    };
    struct WordInfo;
    class WordCache;
    struct Answer;     // what score() keeps while it reads one answer
    struct Modifiers;  // the negator and booster in force within a clause
    const LexiconEntry* lookup_word(std::string_view word, std::string_view process) const;
    Fallback compute_fallback(std::string_view word, std::string_view process);
    // The last steps of compute_fallback(): an adjective's inflection or superlative undone.
    Fallback adjective_form(std::string_view lower, std::string_view process, std::string& buffer);
    // A word's Snowball stem and its WordIndex::stem_hash().
    struct Stem {
      std::string_view text;
      std::uint32_t hash;
    };
    Stem stem_of(std::string_view word, std::string& buffer);
    const LexiconEntry* lookup_stem(const Stem& stem, std::string_view process) const;
    // The steps of score(), in sentiment.cpp.
    WordCache& look_up_words(std::string_view process, complaint::AnswerTraits& traits);
    void describe_word(std::string_view w, std::uint64_t h, std::string_view process, WordCache& cache, WordInfo& info);
    const LexiconEntry* match(Answer& a, std::size_t t, std::size_t* length);
    const LexiconEntry* match_longer(Answer& a, std::size_t t, std::size_t* length, const WordInfo& info);
    void score_sentence(Answer& a, const Span& sentence);
    void score_clause(Answer& a, const Clause& clause);
    const LexiconEntry* never_as_none(Answer& a, const Clause& clause, std::uint32_t t, std::size_t* length);
    bool holds_negator(std::uint32_t t, std::size_t length) const;
    bool proposes() const;
    bool asks_for_more() const;
    Evidence proposal_evidence() const;
    bool negates_verb_before(Answer& a, const Clause& clause, std::size_t clause_evidence_start, std::uint32_t t);
    bool take_intensifier(Answer& a, const Clause& clause, Modifiers& m, std::uint32_t& t, const WordInfo& info);
    bool infinitive_after(Answer& a, const Clause& clause, std::uint32_t t);
    bool complement_of_evaluation(Answer& a, std::size_t clause_evidence_start, std::uint32_t t);
    const LexiconEntry* fallback_entry(Answer& a, std::uint32_t t, double& base, const std::string*& via);
    const std::string& factor_text(double factor);
    void add_evidence(Answer& a, const Clause& clause, Modifiers& m, std::uint32_t t, std::size_t length,
                      const LexiconEntry* entry, double base, const std::string* via);
    void negate_before_final_negator(Answer& a, const Clause& clause, const Modifiers& m, std::size_t clause_evidence_start);
    bool limit_negation_scope(const Clause& clause, Modifiers& m, std::uint32_t t);
    void pass_unscored(Modifiers& m, std::uint32_t t);
    void score_clauses(SentimentResult& result);
    void name_aspects(SentimentResult& result);

    const SentimentScorer& scorer_;
    Stemmer stemmer_;
    AnalyzedText analyzed_;
    // Everything the scorer looks up about a word form, per process class (Lexicon::process_class):
    // answers repeat their words, so each form is hashed once per answer and looked up once per run.
    std::vector<std::unique_ptr<WordCache>> caches_;
    std::vector<std::uint32_t> token_info_;  // per token of the current answer: its entry in the cache
    std::vector<std::uint64_t> index_prefetched_;  // hashes of the answer's new words prefetched in the word index
    std::vector<std::string_view> words_;    // per token: its text
    std::vector<std::string_view> one_word_; // a new word alone, for Lexicon::match_layers()
    std::string two_words_;                  // a word and the next, for two-word intensifiers
    std::vector<std::string_view> none_words_;      // "geen" and the words after "nooit", for never_as_none()
    std::vector<Lexicon::WordLayer> none_layers_;   // ... and the lexicon layers of "geen"
    std::vector<std::pair<double, std::string>> factor_texts_;  // booster factors formatted (factor_text())
    std::vector<std::uint64_t> token_hash_;  // per token: hash_bytes() of its text (from the cache)
    std::vector<Clause> clauses_;            // of the sentence being scored
    std::vector<Clause> answer_clauses_;     // of the whole answer, for the complaint rules
    std::vector<Span> neutral_phrases_;      // tokens of the answer's neutral expressions, for the complaint rules
    std::vector<std::uint32_t> token_class_; // per token: its complaint word classes
    std::vector<std::uint32_t> rule_scratch_; // the complaint rules' memory
    std::unique_ptr<AspectMatcher> aspect_matcher_;  // when the scorer has a taxonomy
    std::vector<std::string> clause_words_;          // a clause's words for the matcher (capacity kept)
    std::vector<int> own_aspects_;                   // per clause: the aspect its own words name, or -1
  };

  const Lexicon& lexicon() const { return lexicon_; }
  const SentimentOptions& options() const { return options_; }
  /// Whether a normalised word is a negator ("niet", "geen") or a booster/downtoner ("heel", "erg").
  bool is_negator(std::string_view word) const { return negators_.find(word) != negators_.end(); }
  bool is_intensifier(std::string_view word) const { return intensifiers_.find(word) != intensifiers_.end(); }
  /// Whether a normalised word counts or measures time rather than naming a thing: a unit of time
  /// ("weken", "uur") or a numeral ("drie", "paar") of complaint-nl.tsv.
  bool is_measure(std::string_view word) const;
  /// The whole answers that say nothing (SentimentOptions::non_answers), which score() scores neutral.
  const NonAnswers& non_answers() const { return non_answers_; }
  /// The compound splitter the scorer uses (loaded once; thread-safe).
  const CompoundSplitter& splitter() const { return *splitter_; }
  /// "vriendelijk +0.500; niet vriendelijk -0.300 [negation(niet)]" for the evidence column.
  static std::string format_evidence(const SentimentResult& result);
  /// format_evidence(), appended to `out`.
  static void append_evidence(const SentimentResult& result, std::string& out);
  /// The clauses column: each clause's polarity (+, -, 0), its aspect when known, and its words as
  /// normalised, separated by " | ": "+ snel geholpen | - wachttijd was 30 min" (with aspects
  /// "+bejegening snel geholpen"). `text` is the Worker::analyzed() the result was scored from.
  static void append_clauses(const SentimentResult& result, const AnalyzedText& text, std::string& out);

 private:
  friend class Worker;
  // Steps of the constructor.
  void load_intensifiers();
  void build_head_filter();
  void gather_word_facts();
  SentimentOptions options_;
  Lexicon lexicon_;
  // Two bits per stem_hash() of the lexicon's stem keys: may_be_stem() false means no layer's stem
  // index holds the stem (a bit filter over 64 Ki bits: 8 KiB, stays in cache).
  static constexpr std::uint32_t kStemFilterMask = 0xffff;
  std::vector<std::uint64_t> stem_filter_ = std::vector<std::uint64_t>((kStemFilterMask + 1) / 64);
  // The filter's two bits for a stem hash (bit 0 of the hash is WordIndex::kSharedTag's: not used).
  static std::array<std::uint32_t, 2> stem_filter_bits(std::uint32_t h) {
    return {(h >> 1) & kStemFilterMask, (h >> 16) & kStemFilterMask};
  }
  bool may_be_stem(std::uint32_t h) const {
    const auto [a, b] = stem_filter_bits(h);
    return (stem_filter_[a >> 6] >> (a & 63)) & (stem_filter_[b >> 6] >> (b & 63)) & 1;
  }
  // Two bits in one word per hash tag (WordIndex::tag(): the high half of hash_bytes()) of each
  // word a compound's head must be for the lexicon to score it: a single-word term, or a listed
  // word whose stem may be in a stem index (wildcards are tested apart). may_be_head() false spares
  // a suffix its look-up in the 25 MB word index.
  static constexpr int kHeadFilterShift = 32 - 13;  // 8,192 words: 64 KiB
  std::vector<std::uint64_t> head_filter_ = std::vector<std::uint64_t>(std::size_t{1} << (32 - kHeadFilterShift));
  static std::uint64_t head_filter_bits(std::uint32_t tag) {
    return (std::uint64_t{1} << (tag & 63)) | (std::uint64_t{1} << ((tag >> 6) & 63));
  }
  bool may_be_head(std::string_view head, std::uint64_t hash) const {
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::uint64_t bits = head_filter_bits(tag);
    return (head_filter_[tag >> kHeadFilterShift] & bits) == bits || lexicon_.may_match_wildcard(head);
  }
  FlatStringMap<bool> negators_;
  FlatStringMap<double> intensifiers_;   // one- and two-word terms
  FlatStringMap<std::uint32_t> word_classes_;  // complaint-nl.tsv: word -> complaint::Class bits
  // What the lists above say of a single word, gathered in one entry: a new word form of an answer
  // is looked up once instead of in each list.
  struct WordFacts {
    double intensifier = 0;  // the factor of a one-word intensifier
    std::uint32_t classes = 0;  // complaint::Class bits
    bool negator = false;
    bool is_intensifier = false;
    bool intensifier_first = false;   // the first word of a two-word intensifier
    bool intensifier_second = false;  // the second word of one
  };
  FlatStringMap<WordFacts> word_facts_;
  std::unique_ptr<AspectTaxonomy> aspects_;  // for the clauses' aspects, unless clause_aspects is off
  std::shared_ptr<CompoundSplitter> splitter_;
  std::unique_ptr<TextPipeline> pipeline_;
  NonAnswers non_answers_;
};

/// The clauses of a cell that SentimentScorer::append_clauses() wrote, each as written
/// ("+ snel geholpen", "-wachttijd wachttijd was 30 min"): its first byte is its polarity (+, -, 0),
/// an aspect key may follow the sign, then a space and its words. None for an empty cell.
std::vector<std::string_view> clause_cells(std::string_view cell);

}  // namespace luister
