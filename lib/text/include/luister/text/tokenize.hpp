#pragma once
/// Tokenising normalised Dutch text, and splitting it into sentences and clauses.
///
///     luister::Tokenizer tok;                       // loads lexicons/abbreviations-nl.txt
///     std::vector<luister::Token> tokens;
///     tok.tokenize("m'n pas was i.p.v. 2 dagen pas na 3 weken klaar :-(", tokens);
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "luister/base/hash.hpp"

namespace luister {

enum class TokenKind : std::uint8_t {
  kWord,          ///< letters, with inner apostrophes and hyphens: zo'n, oma's, e-mail, in-
  kNumber,        ///< 12, 7,5, 1.000, 3e, 14:05
  kDate,          ///< 22-11-2026, 22/11
  kAbbreviation,  ///< a.u.b., i.p.v., bijv.
  kUrl,
  kEmail,
  kHashtag,       ///< #gemeente
  kMention,       ///< @gemeente
  kEmoticon,      ///< :-) ;) :'( :-/ <3
  kEmoji,         ///< one emoji with its modifiers and joiners
  kPlaceholder,   ///< [EMAIL], [TELEFOON], … from personal-data masking
  kPunct,         ///< . , ! ? … and runs of them (!!!, ?!)
  kSymbol,        ///< € % & + …
};

/// Name of a kind for display ("word", "emoticon", …).
std::string_view token_kind_name(TokenKind kind);

/// A token: byte range [begin, end) in the text it was cut from.
struct Token {
  std::uint32_t begin;
  std::uint32_t end;
  TokenKind kind;
  bool newline_before = false;  ///< a line break precedes it (a strong sentence boundary)
  std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

/// A range of tokens [first, last).
struct Span {
  std::uint32_t first;
  std::uint32_t last;
};

/// How a clause is joined to the one before it.
enum class ClauseLink : std::uint8_t { kNone, kContrast, kCoordination, kComma };

struct Clause {
  Span tokens;
  ClauseLink link = ClauseLink::kNone;
  std::uint32_t marker = UINT32_MAX;  ///< index of the linking word (maar, en, …), if any
};

/// Cuts normalised (lower-cased) text into tokens with Dutch rules. Thread-safe after construction.
class Tokenizer {
 public:
  /// Loads the abbreviation list (default: lexicons/abbreviations-nl.txt via find_data_file).
  explicit Tokenizer(const std::string& abbreviations = {});
  /// Replaces `out` with the tokens of `text`.
  void tokenize(std::string_view text, std::vector<Token>& out) const;
  bool is_abbreviation(std::string_view lower) const { return abbreviations_.find(lower) != abbreviations_.end(); }

 private:
  FlatStringMap<bool> abbreviations_;  // (open addressing: asked of every word a '.' or 'm' ends)
  std::size_t longest_abbreviation_ = 0;
};

/// Sentences: split after . ! ? (and runs of them) and at line breaks, never after abbreviations,
/// and not after "..." on the same line. With `capitalized` (token index → whether the resident wrote
/// it with a capital), an emoticon or emoji followed by a capitalised word ends a sentence too
/// ("Top :-) Bel me"), since normalised text has lost its capitals.
std::vector<Span> split_sentences(std::string_view text, const std::vector<Token>& tokens,
                                  const std::function<bool(std::uint32_t)>& capitalized = {});
/// split_sentences() into `out` (replacing its contents), so a caller can reuse its capacity.
void split_sentences(std::string_view text, const std::vector<Token>& tokens,
                     const std::function<bool(std::uint32_t)>& capitalized, std::vector<Span>& out);

/// Clauses within a sentence: a new clause starts at a contrast word (maar, echter, behalve; alleen,
/// enkel, toch opening a clause), a coordinating "en"/"of", or after , ; : and dashes.
std::vector<Clause> split_clauses(std::string_view text, const std::vector<Token>& tokens, Span sentence);
/// split_clauses() into `out` (replacing its contents), so a caller can reuse its capacity.
void split_clauses(std::string_view text, const std::vector<Token>& tokens, Span sentence, std::vector<Clause>& out);

}  // namespace luister
