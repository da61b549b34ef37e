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

}  // namespace luister
