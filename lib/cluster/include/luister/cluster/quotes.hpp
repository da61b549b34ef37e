#pragma once
/// What a theme's label and quotes are checked and chosen by, shared by luister-cluster's summary,
/// luister-report and luister-eval, so all three show and measure the same quotes.
///
///     luister::ThemeWords words;                                   // stopwords, negators, stems
///     double c = luister::label_coverage(texts, "niet teruggebeld", words);   // 0..1
///     auto picked = luister::pick_theme_quotes(candidates, "T0003", "niet teruggebeld", 2, words);
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "luister/lexicon/aspects.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {

/// The word tools of labels and quotes: lower-case words, their stems and compound parts, and which
/// words carry content (not a stopword, negator, booster or discourse word, at least 3 bytes).
/// Holds a stemmer and caches: one per thread.
///
/// With concepts (lexicons/concepts-nl.tsv: "kliko" and "GFT-bak" are a container, "overgeslagen" is
/// "niet geleegd"), a text holds a label's word also when it says the word's concept in other words:
/// keys() adds `#concept` for every concept the text mentions, and label_keys() gives each word its
/// concepts as alternatives (`stem|#concept…`), so "Niemand belde terug" holds "niet teruggebeld".
class ThemeWords {
 public:
  /// Loads the word lists (stopwords-nl.txt, stopwords-cluster-nl.txt, negators-nl.txt,
  /// intensifiers-nl.tsv) through find_data_file(); `splitter` (may be null) adds compound parts;
  /// `concepts` (may be null; must outlive this) lets a concept stand for its words.
  explicit ThemeWords(const CompoundSplitter* splitter = nullptr, const AspectTaxonomy* concepts = nullptr);
  ~ThemeWords();
  ThemeWords(const ThemeWords&) = delete;
  ThemeWords& operator=(const ThemeWords&) = delete;

  /// The lower-case words of `text` (letters and digits; other bytes separate words).
  static std::vector<std::string> words(std::string_view text);
  /// Whether a lower-case word carries content.
  bool content(std::string_view lower_word) const;
  /// The stems of the content words of `text`, with the stems of their compound parts, and with
  /// concepts `#key` for each concept the text mentions.
  std::set<std::string> keys(std::string_view text);
  /// The stems of the content words of a label, in order, without duplicates; with concepts, each
  /// followed by the concepts its word says ("teruggebeld|#terugbellen"): a text holds the word when
  /// it holds any of them.
  std::vector<std::string> label_keys(std::string_view label);
  /// Where the concepts' terms are in `words` (lower-case, "" at breaks); none without concepts.
  std::vector<AspectMatch> concept_terms(const std::vector<std::string>& words);
  /// The key (`#container`) of a concept of concept_terms().
  const std::string& concept_key(std::uint32_t index) const { return concept_keys_[index]; }
  /// Whether concept `index` names a thing a complaint is about (a `type object` line).
  bool object_concept(std::uint32_t index) const { return concept_types_[index] == ConceptType::kObject; }
  /// Whether a text's `keys()` hold one label key (any of its alternatives).
  static bool holds_key(const std::set<std::string>& text_keys, std::string_view label_key);
  /// The Snowball stem of a lower-case word (cached).
  const std::string& stem(const std::string& lower_word);

 private:
  struct Lists;
  std::unique_ptr<Lists> lists_;
  const CompoundSplitter* splitter_;
  std::unique_ptr<AspectMatcher> concepts_;
  std::vector<std::string> concept_keys_;  // "#key" per concept
  std::vector<ConceptType> concept_types_;  // per concept
  Stemmer stemmer_;
  std::unordered_map<std::string, std::string> stems_;
};

/// Whether `text` holds every content word of the label (`label_keys`), by stem or compound part.
/// A label without content words is held by no text.
bool holds_label(std::string_view text, const std::vector<std::string>& label_keys, ThemeWords& words);

/// The part of a label in its members' words: all of it, or the topic before ": " of a label that
/// adds what goes wrong with it in the aspect taxonomy's words ("vergunning: duurt te lang").
std::string_view members_words(std::string_view label);

/// The share of `texts` that hold every content word of `label`'s members_words() (0 when there
/// are no texts).
double label_coverage(const std::vector<std::string_view>& texts, std::string_view label, ThemeWords& words);

/// How many quotes luister-report shows under a complaint; luister-eval counts the quotes shown the same way.
constexpr std::size_t kReportQuotes = 2;

/// An answer (or a unit of one) that may be quoted under a theme.
struct QuoteCandidate {
  std::string text;                 ///< what would be shown
  std::vector<std::string> themes;  ///< the answer's theme ids in the order they occur; the first is its main complaint
  std::string key;                  ///< breaks ties (response id, question), so input order never matters
  std::string source;               ///< the response it is from: never two quotes from one ("" = none known)
  /// It says what is wrong or asks for something; false when it only tells what happened ("Ik heb
  /// een boom gemeld die scheef staat"): quoted after those that do.
  bool states = true;
  /// Its answer praises on the whole ("Vergunning prima geregeld, alleen jammer dat het zo duur
  /// is"): the complaint is a reservation, and an answer that makes it its point is quoted first.
  bool praises = false;
};

/// Whether luister-score's `clauses` cell ("+ erg vriendelijk | - maar de wachttijd was lang") holds
/// a negative clause (a complaint or a wish); true when the cell is empty (not known).
bool clauses_state_wrong(std::string_view clauses);

/// Up to `n` candidates to quote under theme `id` with `label`, as indices into `candidates`, best
/// first: never one whose main complaint (first theme) is another theme; then those holding the
/// content words of the label's members_words() before those that do not, those that say what is
/// wrong (`states`) before accounts, those about this theme alone before those with more, readable
/// ones (20–300 characters) before the rest, then the most typical (closest to the centre of the
/// theme's candidates, over stems); ties by key, then text. Never two texts that differ
/// only in case, punctuation or spacing, nor two from one source; texts in `used` (or differing from
/// one there only so) only when nothing else is left, and what is picked is added to `used` (if given).
std::vector<std::size_t> pick_theme_quotes(const std::vector<QuoteCandidate>& candidates, std::string_view id,
                                           std::string_view label, std::size_t n, ThemeWords& words,
                                           std::set<std::string>* used = nullptr);

}  // namespace luister
