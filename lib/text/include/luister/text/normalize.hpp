#pragma once
/// Normalising Dutch survey answers for matching, with a map back to the original text.
///
///     luister::Normalizer norm;
///     luister::NormalizedText n = norm.normalize("Heeeel LANG gewacht… geÃ¯nformeerd");
///     // n.text == "heel lang gewacht... geïnformeerd"; n.original_range(0, 4) → bytes of "Heeeel"
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace luister {

struct NormalizeOptions {
  bool fold_case = true;        ///< Unicode case folding (ICU NFKC_Casefold); off: NFKC only
  bool fold_accents = false;    ///< één → een; off by default, since accents carry meaning
  bool repair_mojibake = true;  ///< "geÃ¯nformeerd" → "geïnformeerd" when the repair is unambiguous
  bool squeeze = true;          ///< "heeeeel" → "heel"; "!!!!!" is kept as emphasis
};

/// Normalised text plus, for every byte of it, the byte of the original it came from.
struct NormalizedText {
  std::string text;
  std::vector<std::uint32_t> offsets;  ///< size text.size() + 1; the last entry is the original's size
  /// The original byte range [first, second) that produced text[begin, end).
  std::pair<std::size_t, std::size_t> original_range(std::size_t begin, std::size_t end) const;
};

/// Normalises text: mojibake repair, NFKC and case folding (ICU), one kind of quote, apostrophe and
/// dash, white space collapsed (line breaks kept as one '\n'), control characters dropped, the ĳ
/// ligature split, elongations squeezed. Thread-safe after construction.
class Normalizer {
 public:
  /// `known_word`, if given, decides between "laang"/"lang" when squeezing elongations.
  explicit Normalizer(NormalizeOptions options = {}, std::function<bool(std::string_view)> known_word = {});
  NormalizedText normalize(std::string_view text) const;
  /// The same, reusing `out`'s storage.
  void normalize(std::string_view text, NormalizedText& out) const;
  const NormalizeOptions& options() const { return options_; }

 private:
  NormalizeOptions options_;
  std::function<bool(std::string_view)> known_word_;
};

/// Repairs UTF-8 that was decoded as Windows-1252 and encoded again ("Ã©" → "é", "â€™" → "’").
/// Returns false (and leaves `out` empty) when nothing needed repair.
bool repair_mojibake(std::string_view text, std::string& out, std::vector<std::uint32_t>* offsets = nullptr);

/// Decodes one UTF-8 code point at `p` (valid UTF-8 assumed); advances `p`.
char32_t next_code_point(const char*& p, const char* end);

}  // namespace luister
