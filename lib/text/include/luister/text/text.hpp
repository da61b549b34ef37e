#pragma once
/// The shared Dutch text layer in one call: normalise, mask personal data, tokenise, split.
///
///     luister::TextPipeline text({});
///     luister::AnalyzedText a;
///     text.analyze("Heeeel lang gewacht, bel me: 06-12345678", a);
///     // a.normalized.text == "heel lang gewacht, bel me: [TELEFOON]"
#include <string>
#include <string_view>
#include <vector>

#include "luister/text/normalize.hpp"
#include "luister/text/pii.hpp"
#include "luister/text/tokenize.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {

struct TextOptions {
  NormalizeOptions normalize;
  bool mask_pii = true;
};

/// One answer after the text layer. Token offsets index `normalized.text`; `normalized.offsets`
/// maps them back to the original, so evidence can be quoted in the resident's own words.
struct AnalyzedText {
  NormalizedText normalized;
  std::vector<PiiMatch> pii;  ///< in the original text
  std::vector<Token> tokens;
  std::vector<Span> sentences;
};

/// Normaliser, masking and tokenizer together. Thread-safe after construction.
class TextPipeline {
 public:
  /// `known_word` lets the normaliser squeeze elongations against a word list (may be empty).
  explicit TextPipeline(TextOptions options, std::function<bool(std::string_view)> known_word = {},
                        const std::string& abbreviations = {});
  void analyze(std::string_view original, AnalyzedText& out) const;
  const Tokenizer& tokenizer() const { return tokenizer_; }
  const TextOptions& options() const { return options_; }

 private:
  TextOptions options_;
  Normalizer normalizer_;
  Tokenizer tokenizer_;
};

/// Whole answers that say nothing: no problem, no wish, no praise ("geen idee", "n.v.t.", "zie
/// vorige vraag", "niet goed, niet slecht"), from lexicons/non-answers-nl.txt. luister-score scores
/// them neutral and luister-cluster takes no complaint from them, whatever their words would score.
class NonAnswers {
 public:
  /// Loads `path`, or non-answers-nl.txt found by find_data_file(). Throws IoError.
  explicit NonAnswers(const std::string& path = {});
  /// Whether `words` (lower case, no punctuation, one space between) is nothing or a listed answer.
  bool contains(std::string_view words) const { return words.empty() || lines_.contains(words); }
  /// Whether the answer's words, punctuation left out and in lower case, are nothing or a listed
  /// answer. Answers longer than the longest listed one are told apart by their length alone.
  bool says_nothing(const AnalyzedText& a) const;

 private:
  StopWords lines_;
  std::size_t max_words_ = 0;
};

}  // namespace luister
