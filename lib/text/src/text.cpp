#include "luister/text/text.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "luister/base/data.hpp"

namespace luister {

TextPipeline::TextPipeline(TextOptions options, std::function<bool(std::string_view)> known_word,
                           const std::string& abbreviations)
    : options_(options), normalizer_(options.normalize, std::move(known_word)), tokenizer_(abbreviations) {}

void TextPipeline::analyze(std::string_view original, AnalyzedText& out) const {
  normalizer_.normalize(original, out.normalized);
  out.pii.clear();
  if (options_.mask_pii) {
    // Personal data is found in the original (case and spacing intact), then replaced by its
    // placeholder in the normalised text, whose offset map tells where each finding landed.
    out.pii = find_pii(original);
    if (!out.pii.empty()) {
      NormalizedText& n = out.normalized;
      std::string text;
      std::vector<std::uint32_t> offsets;
      text.reserve(n.text.size());
      offsets.reserve(n.offsets.size());
      std::size_t i = 0;
      for (const auto& m : out.pii) {
        auto first = static_cast<std::size_t>(
            std::lower_bound(n.offsets.begin(), n.offsets.end() - 1, static_cast<std::uint32_t>(m.begin)) -
            n.offsets.begin());
        auto last = static_cast<std::size_t>(
            std::lower_bound(n.offsets.begin(), n.offsets.end() - 1, static_cast<std::uint32_t>(m.end)) -
            n.offsets.begin());
        if (first < i) first = i;
        if (last <= first) continue;
        text.append(n.text, i, first - i);
        offsets.insert(offsets.end(), n.offsets.begin() + static_cast<std::ptrdiff_t>(i),
                       n.offsets.begin() + static_cast<std::ptrdiff_t>(first));
        std::string_view placeholder = pii_placeholder(m.kind);
        text += placeholder;
        offsets.insert(offsets.end(), placeholder.size(), static_cast<std::uint32_t>(m.begin));
        i = last;
      }
      text.append(n.text, i, std::string::npos);
      offsets.insert(offsets.end(), n.offsets.begin() + static_cast<std::ptrdiff_t>(i), n.offsets.end());
      n.text = std::move(text);
      n.offsets = std::move(offsets);
    }
  }
  tokenizer_.tokenize(out.normalized.text, out.tokens);
  auto capitalized = [&](std::uint32_t t) {
    std::uint32_t at = out.normalized.offsets[out.tokens[t].begin];
    if (at >= original.size()) return false;
    const char* p = original.data() + at;
    char32_t c = next_code_point(p, original.data() + original.size());
    return u_isupper(static_cast<UChar32>(c)) != 0;
  };
  split_sentences(out.normalized.text, out.tokens, capitalized, out.sentences);
}

NonAnswers::NonAnswers(const std::string& path) : lines_(find_data_file("non-answers-nl.txt", path)) {
  lines_.for_each([this](std::string_view line) {
    max_words_ = std::max<std::size_t>(max_words_, 1 + static_cast<std::size_t>(std::count(line.begin(), line.end(), ' ')));
  });
}

bool NonAnswers::says_nothing(const AnalyzedText& a) const {
  const std::string& norm = a.normalized.text;
  std::size_t words = 0;
  for (const Token& t : a.tokens)
    if (t.kind != TokenKind::kPunct && ++words > max_words_) return false;
  std::string said;
  for (const Token& t : a.tokens) {
    if (t.kind == TokenKind::kPunct) continue;
    if (!said.empty()) said += ' ';
    for (char c : t.text(norm)) said += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return contains(said);
}

}  // namespace luister
