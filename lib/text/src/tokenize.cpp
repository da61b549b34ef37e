#include "luister/text/tokenize.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <set>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "luister/base/utf8.hpp"
#include "luister/base/data.hpp"
#include "luister/text/normalize.hpp"
#include "luister/base/byte_scan.hpp"

namespace luister {
namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_digit(c); }

char32_t code_point_at(std::string_view s, std::size_t i, std::size_t* len = nullptr) {
  const char* p = s.data() + i;
  char32_t c = next_code_point(p, s.data() + s.size());
  if (len) *len = static_cast<std::size_t>(p - (s.data() + i));
  return c;
}

// Emoticons, longest first within each group; after normalisation ":D" reads ":d".
// A repeated last mouth (":)))", ":-((") stays part of the emoticon.
constexpr std::array<std::string_view, 48> kEmoticons = {
    ":'-(", ":'-)", ">:-(", ":-^)", ":-))", ":-((", ":-)", ":-(", ":-/", ":-\\", ":-d", ":-p", ":-o", ":-s",
    ":-|", ":-*", ";-)", ";-(", ":'(", ":')", ">:(", ":^)", ":^(", ":))", ":((", ":)", ":(", ":/", ":d",
    ":p", ":o", ":s", ":|", ":*", ";)", ";(", "=)", "=(", "<3", "^^", "^_^", "xd", "(-:", "(-;", "(:",
    "8-(", "8(", ")-:"};

// Byte classes for the per-byte loops: one table look-up instead of a chain of comparisons.
enum : std::uint8_t {
  kAlnum = 1,          // ASCII letter or digit
  kBreak = 2,          // space or line break: ends a space-free extent
  kAtOrDot = 4,        // '@' or '.': the extent may be an address
  kEmoticonStart = 8,  // the first character of an emoticon
  kAbbreviationEnd = 16,  // '.', '/' or 'm': what a listed abbreviation ends with
  kNotAlnum = 32,      // neither an ASCII letter or digit nor a break: the extent is more than one plain word
  kTrailing = 64,      // , . ! ? ; : written onto a word ("goed," "boek."): no part of the word's token
};
struct ByteClasses {
  std::uint8_t of[256] = {};
  constexpr ByteClasses() {
    for (int c = '0'; c <= '9'; ++c) of[c] |= kAlnum;
    for (int c = 'a'; c <= 'z'; ++c) of[c] |= kAlnum;
    for (int c = 'A'; c <= 'Z'; ++c) of[c] |= kAlnum;
    of[static_cast<unsigned char>(' ')] |= kBreak;
    of[static_cast<unsigned char>('\n')] |= kBreak;
    of[static_cast<unsigned char>('@')] |= kAtOrDot;
    of[static_cast<unsigned char>('.')] |= kAtOrDot | kAbbreviationEnd;
    of[static_cast<unsigned char>('/')] |= kAbbreviationEnd;
    of[static_cast<unsigned char>('m')] |= kAbbreviationEnd;
    for (char c : std::string_view(",.!?;:")) of[static_cast<unsigned char>(c)] |= kTrailing;
    for (std::string_view e : kEmoticons) of[static_cast<unsigned char>(e[0])] |= kEmoticonStart;
    for (int c = 0; c < 256; ++c)
      if (!(of[c] & (kAlnum | kBreak))) of[c] |= kNotAlnum;
  }
  std::uint8_t operator()(char c) const { return of[static_cast<unsigned char>(c)]; }
};
constexpr ByteClasses kByte{};

[[gnu::noinline]] bool is_word_char_beyond_ascii(std::string_view s, std::size_t i, std::size_t* len) {
  char32_t cp = code_point_at(s, i, len);
  int8_t type = u_charType(static_cast<UChar32>(cp));
  return u_isalnum(static_cast<UChar32>(cp)) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Letters, digits and combining marks, ASCII or not.
inline bool is_word_char(std::string_view s, std::size_t i, std::size_t* len) {
  char c = s[i];
  if (static_cast<unsigned char>(c) < 0x80) {
    *len = 1;
    return kByte(c) & kAlnum;
  }
  return is_word_char_beyond_ascii(s, i, len);
}

inline bool word_char_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  std::size_t len;
  return is_word_char(s, i, &len);
}

bool is_pictographic(char32_t c) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_REGIONAL_INDICATOR);
}

// Letters of a short clitic after an apostrophe: 't, 's, 'k, 'n, 'm, 'r, 'em, 'ns.
constexpr std::array<std::string_view, 8> kClitics = {"t", "s", "k", "n", "m", "r", "em", "ns"};

constexpr std::array<std::string_view, 14> kTlds = {"nl", "com", "org", "net", "eu", "be", "info",
                                                    "nu",  "io",  "gov", "edu", "de", "frl", "amsterdam"};

std::size_t trim_trailing_punct(std::string_view s, std::size_t begin, std::size_t end) {
  while (end > begin && std::strchr(".,;:!?)\"'", s[end - 1])) --end;
  return end;
}

// Where a rule looks: the text, the position, and the extent found there (the bytes up to the
// next space or line break) with the byte classes it holds, which decide which rules may apply.
struct At {
  std::string_view s;
  std::size_t b;
  std::size_t extent;
  std::uint8_t seen;
};

// What a rule takes at the position: the token's end and kind; an end of 0 when the rule does not
// apply (a token always ends after the position).
struct Taken {
  std::size_t end = 0;
  TokenKind kind = TokenKind::kWord;
};

// Whether `p` is written at `at` in `s` (`at` is never past the end: the rules ask at most one
// past the last byte).
[[gnu::always_inline]] inline bool starts(std::string_view s, std::size_t at, std::string_view p) {
  return s.size() - at >= p.size() && std::memcmp(s.data() + at, p.data(), p.size()) == 0;
}

// The classes of a text's bytes that the rules ask an extent for (see At::seen), as bitmaps: byte
// k is bit k % 64 of word k / 64. Made in one vector pass over the whole text, so that each extent
// and its classes take a few word operations, where a pass over the extent's own bytes from its
// start took a vector compare of each class at every token.
struct ByteBits {
  std::vector<std::uint64_t> breaks;  // spaces and line breaks, and a bit just past the text's end
  std::vector<std::uint64_t> not_alnum;  // no ASCII letter or digit: the breaks too, and the end's bit
  std::vector<std::uint64_t> at_or_dot;
  std::vector<std::uint64_t> abbreviation_end;

  void build(std::string_view s) {
    const std::size_t n = s.size(), words = n / 64 + 1;
    breaks.assign(words, 0);
    not_alnum.assign(words, 0);
    at_or_dot.assign(words, 0);
    abbreviation_end.assign(words, 0);
    for (std::size_t k = 0; k < n; k += 64) {
      // The last block is read from a copy padded with NUL bytes, which are in no class the rules
      // ask for and lie past the end-of-text break that stops every extent.
      char padded[64] = {};
      const char* block = s.data() + k;
      if (n - k < 64) {
        std::memcpy(padded, block, n - k);
        block = padded;
      }
      for (std::size_t part = 0; part < 4; ++part) {
        const auto x = block_classes(block + 16 * part);
        const std::size_t w = k / 64, shift = 16 * part;
        breaks[w] |= std::uint64_t{x.breaks} << shift;
        not_alnum[w] |= std::uint64_t{x.not_alnum} << shift;
        at_or_dot[w] |= std::uint64_t{x.at_or_dot} << shift;
        abbreviation_end[w] |= std::uint64_t{x.abbreviation_end} << shift;
      }
    }
    breaks[n / 64] |= std::uint64_t{1} << (n % 64);
    not_alnum[n / 64] |= std::uint64_t{1} << (n % 64);
  }

  // The first byte from `b` on that `bits` (breaks or not_alnum) holds; the text's end at the latest.
  static std::size_t next(const std::vector<std::uint64_t>& bits, std::size_t b) {
    std::size_t w = b / 64;
    std::uint64_t word = bits[w] & (~std::uint64_t{0} << (b % 64));
    while (!word) word = bits[++w];
    return w * 64 + static_cast<std::size_t>(__builtin_ctzll(word));
  }
  bool is_break(std::size_t k) const { return (breaks[k / 64] >> (k % 64)) & 1; }

  // The classes (kNotAlnum, kAtOrDot, kAbbreviationEnd) of the bytes of [b, e), e > b.
  std::uint8_t classes(std::size_t b, std::size_t e) const {
    std::uint64_t na = 0, ad = 0, ae = 0;
    const std::size_t first = b / 64, last = (e - 1) / 64;
    for (std::size_t w = first; w <= last; ++w) {
      std::uint64_t in = ~std::uint64_t{0};
      if (w == first) in &= ~std::uint64_t{0} << (b % 64);
      if (w == last) in &= ~std::uint64_t{0} >> (63 - (e - 1) % 64);
      na |= not_alnum[w] & in;
      ad |= at_or_dot[w] & in;
      ae |= abbreviation_end[w] & in;
    }
    return static_cast<std::uint8_t>((na ? kNotAlnum : 0) | (ad ? kAtOrDot : 0) | (ae ? kAbbreviationEnd : 0));
  }

 private:
  struct Masks {
    unsigned breaks, not_alnum, at_or_dot, abbreviation_end;
  };
  // The classes of the 16 bytes at `p`, a bit each.
  static Masks block_classes(const char* p) {
#if defined(__SSE2__)
    using bytes::sse::in_range;  // bytes from 0x80 up are never in range, so never alphanumeric
    const __m128i x = bytes::sse::load(p);
    auto eq = [&x](char v) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(v)); };
    const __m128i dot = eq('.');
    // A letter of either case is in a..z once its 0x20 bit is set; no other byte is.
    const __m128i letter = in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z');
    return {bytes::sse::mask(_mm_or_si128(eq(' '), eq('\n'))),
            ~bytes::sse::mask(_mm_or_si128(in_range(x, '0', '9'), letter)) & 0xffffu,
            bytes::sse::mask(_mm_or_si128(dot, eq('@'))),
            bytes::sse::mask(_mm_or_si128(dot, _mm_or_si128(eq('/'), eq('m'))))};
#else
    Masks m{0, 0, 0, 0};
    for (unsigned k = 0; k < 16; ++k) {
      const std::uint8_t c = kByte(p[k]);
      m.breaks |= (c & kBreak ? 1u : 0u) << k;
      m.not_alnum |= (c & kAlnum ? 0u : 1u) << k;
      m.at_or_dot |= (c & kAtOrDot ? 1u : 0u) << k;
      m.abbreviation_end |= (c & kAbbreviationEnd ? 1u : 0u) << k;
    }
    return m;
#endif
  }
};

// Placeholders from personal-data masking: [EMAIL], [TELEFOON], …
[[gnu::always_inline]] inline Taken take_placeholder(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  // Also placeholders of other anonymisers, lower-cased by normalising: "[persoon-1]", "[naam_2]".
  if (s[b] != '[' || b + 1 >= n || !is_ascii_alpha(s[b + 1])) return {};
  std::size_t j = b + 1;
  while (j < n && (is_ascii_alnum(s[j]) || s[j] == '-' || s[j] == '_')) ++j;
  if (j >= b + 3 && j < n && s[j] == ']') {
    return {j + 1, TokenKind::kPlaceholder};
  }
  return {};
}

// URLs with a scheme or www.: the extent without its trailing punctuation.
[[gnu::always_inline]] inline Taken take_url(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  const char c = s[b];
  if (((c == 'h' && b + 1 < n && s[b + 1] == 't') || (c == 'w' && b + 1 < n && s[b + 1] == 'w')) &&
      (starts(s, b, "http://") || starts(s, b, "https://") || starts(s, b, "www."))) {
    std::size_t e = trim_trailing_punct(s, b, here.extent);
    if (e > b + 4) {
      return {e, TokenKind::kUrl};
    }
  }
  return {};
}

// Emoticons: those starting with : ; = may follow a word ("goed:)"); others need a space before.
[[gnu::always_inline]] inline Taken take_emoticon(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  const char c = s[b];
  if (!(((!is_ascii_alnum(c) && static_cast<unsigned char>(c) < 0x80) || c == 'x' || c == '8') &&
        (kByte(c) & kEmoticonStart)))
    return {};
  for (auto e : kEmoticons) {
    if (e[0] != c || !starts(s, b, e)) continue;
    std::size_t after = b + e.size();
    if (e.back() == ')' || e.back() == '(')
      while (after < n && s[after] == e.back()) ++after;
    bool free_start = (c == ':' || c == ';' || c == '=' || c == '>') || b == 0 || !word_char_at(s, b - 1);
    if (c == '8' && b > 0 && s[b - 1] != ' ') continue;  // "8(" only as a word of its own
    bool free_end = after >= n || !is_ascii_alnum(s[after]);
    if (e == "xd" && (b > 0 && word_char_at(s, b - 1))) continue;
    if (free_start && free_end) {
      return {after, TokenKind::kEmoticon};
    }
  }
  return {};
}

// The end of one emoji starting with code point `cp` ([b, b + len)): with a second regional
// indicator (a flag), skin tones, variation selectors, keycaps, and ZWJ-joined parts.
std::size_t emoji_end(std::string_view s, std::size_t b, char32_t cp, std::size_t len) {
  const std::size_t n = s.size();
  std::size_t e = b + len;
  bool flag = u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_REGIONAL_INDICATOR);
  if (flag && e < n) {
    std::size_t l2;
    char32_t next = code_point_at(s, e, &l2);
    if (u_hasBinaryProperty(static_cast<UChar32>(next), UCHAR_REGIONAL_INDICATOR)) e += l2;
  }
  while (e < n) {
    std::size_t l2;
    char32_t next = code_point_at(s, e, &l2);
    if ((next >= 0x1F3FB && next <= 0x1F3FF) || next == 0xFE0F || next == 0x20E3) {
      e += l2;
    } else if (next == 0x200D && e + l2 < n) {
      std::size_t l3;
      char32_t joined = code_point_at(s, e + l2, &l3);
      if (!is_pictographic(joined)) break;
      e += l2 + l3;
    } else {
      break;
    }
  }
  return e;
}

// A character beyond ASCII that is no letter: an emoji, else one symbol or punctuation mark.
// Letters beyond ASCII are left to the word rules.
[[gnu::always_inline]] inline Taken take_beyond_ascii(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b;
  if (static_cast<unsigned char>(s[b]) < 0x80) return {};
  std::size_t len;
  char32_t cp = code_point_at(s, b, &len);
  if (is_pictographic(cp)) {
    return {emoji_end(s, b, cp, len), TokenKind::kEmoji};
  }
  if (!is_word_char(s, b, &len)) {
    int8_t type = u_charType(static_cast<UChar32>(cp));
    bool symbol = type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL || type == U_MODIFIER_SYMBOL ||
                  type == U_OTHER_SYMBOL;
    return {b + len, symbol ? TokenKind::kSymbol : TokenKind::kPunct};
  }
  return {};
}

// Hashtags and mentions: '#' or '@' at a word's start, then word characters and underscores.
[[gnu::always_inline]] inline Taken take_hashtag_or_mention(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  const char c = s[b];
  if (!((c == '#' || c == '@') && b + 1 < n && word_char_at(s, b + 1) && (b == 0 || !word_char_at(s, b - 1))))
    return {};
  std::size_t e = b + 1, len;
  while (e < n && (is_word_char(s, e, &len) || s[e] == '_')) e += s[e] == '_' ? 1 : len;
  return {e, c == '#' ? TokenKind::kHashtag : TokenKind::kMention};
}

// E-mail addresses and bare domains with a path (gemeente.nl/afval) inside the extent.
[[gnu::always_inline]] inline Taken take_address(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b;
  if (!((here.seen & kAtOrDot) && word_char_at(s, b))) return {};
  std::string_view word = s.substr(b, trim_trailing_punct(s, b, here.extent) - b);
  std::size_t at = word.find('@');
  if (at != std::string_view::npos && at > 0) {
    std::size_t dot = word.find('.', at);
    if (dot != std::string_view::npos && dot > at + 1 && dot + 1 < word.size()) {
      return {b + word.size(), TokenKind::kEmail};
    }
  }
  std::size_t slash = word.find('/');
  std::string_view host = word.substr(0, slash);
  std::size_t last_dot = host.rfind('.');
  if (last_dot != std::string_view::npos && last_dot > 0 && !is_digit(host[0])) {
    std::string_view tld = host.substr(last_dot + 1);
    bool known = std::find(kTlds.begin(), kTlds.end(), tld) != kTlds.end();
    bool host_chars = std::all_of(host.begin(), host.end(), [](char h) { return is_ascii_alnum(h) || h == '.' || h == '-'; });
    if (known && host_chars && (slash != std::string_view::npos || host.find('.') != last_dot || tld == "nl")) {
      return {b + word.size(), TokenKind::kUrl};
    }
  }
  return {};
}

using AbbreviationSet = FlatStringMap<bool>;

// Abbreviations from the list (longest first), then initials like "a.b.".
[[gnu::always_inline]] inline Taken take_abbreviation(const At& here, const AbbreviationSet& abbreviations,
                                                     std::size_t longest_abbreviation) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  if (!is_ascii_alpha(s[b])) return {};
  // Only an extent holding a '.', '/' or 'm' can hold a listed abbreviation.
  std::size_t max_len = here.seen & kAbbreviationEnd ? std::min(longest_abbreviation, here.extent - b) : 0;
  for (std::size_t len = max_len; len >= 2; --len) {
    if (!(kByte(s[b + len - 1]) & kAbbreviationEnd)) continue;
    if (word_char_at(s, b + len)) continue;
    if (abbreviations.find(s.substr(b, len)) != abbreviations.end()) {
      return {b + len, TokenKind::kAbbreviation};
    }
  }
  std::size_t j = b;
  int letters = 0;
  while (j + 1 < n && is_ascii_alpha(s[j]) && s[j + 1] == '.' && !(j > b && is_ascii_alpha(s[j - 1]))) {
    j += 2;
    ++letters;
  }
  if (letters >= 2 && !word_char_at(s, j)) {
    return {j, TokenKind::kAbbreviation};
  }
  // An initial before a name: "george w. bush", "j. jansen" (one letter, its dot, a word after).
  if (letters == 1 && j + 1 < n && s[j] == ' ' && is_ascii_alpha(s[j + 1])) {
    return {j, TokenKind::kAbbreviation};
  }
  return {};
}

// Dates: 22-11-2026, 22/11/2026, 22/11, 22.11.2026, after a first run of `d1` digits ending at `j`.
[[gnu::always_inline]] inline Taken take_date(const At& here, std::size_t j, std::size_t d1) {
  const std::string_view s = here.s;
  const std::size_t n = s.size();
  if (!(j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.') && d1 <= 4)) return {};
  char sep = s[j];
  std::size_t k = j + 1, m = k;
  while (m < n && is_digit(s[m])) ++m;
  std::size_t d2 = m - k;
  if (!(d2 >= 1 && d2 <= 2 && (d1 <= 2 || d1 == 4))) return {};
  if (m < n && s[m] == sep) {
    std::size_t q = m + 1;
    if (q + 2 < n && s[q] == '\'' && is_digit(s[q + 1]) && is_digit(s[q + 2])) ++q;  // an elided year: 04-02-'54
    std::size_t r = q;
    while (r < n && is_digit(s[r])) ++r;
    if ((r - q == 2 || (r - q == 4 && s[q - 1] != '\'')) && !word_char_at(s, r)) {
      return {r, TokenKind::kDate};
    }
  } else if (sep != '.' && d1 <= 2 && !word_char_at(s, m) && (m >= n || s[m] != '-')) {
    return {m, TokenKind::kDate};
  }
  return {};
}

// Times: 14:05, 14:05:33, after a first run of `d1` digits ending at `j`; they are numbers.
[[gnu::always_inline]] inline Taken take_time(const At& here, std::size_t j, std::size_t d1) {
  const std::string_view s = here.s;
  const std::size_t n = s.size();
  if (!(j < n && s[j] == ':' && d1 <= 2 && j + 2 < n && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
        !word_char_at(s, j + 3)))
    return {};
  std::size_t e = j + 3;
  if (e + 2 < n && s[e] == ':' && is_digit(s[e + 1]) && is_digit(s[e + 2])) e += 3;
  return {e, TokenKind::kNumber};
}

// The end of the word characters from `j` on.
[[gnu::always_inline]] inline std::size_t skip_word_chars(std::string_view s, std::size_t j) {
  std::size_t len;
  while (j < s.size() && is_word_char(s, j, &len)) j += len;
  return j;
}

// Numbers, dates and times. A number keeps its decimal comma and thousands separators; letters
// and hyphenated words written onto it make it a word (3e, 100km, 17-jarige).
[[gnu::always_inline]] inline Taken take_number(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  if (!is_digit(s[b])) return {};
  std::size_t j = b;
  while (j < n && is_digit(s[j])) ++j;
  const std::size_t d1 = j - b;
  if (const Taken date = take_date(here, j, d1); date.end) return date;
  if (const Taken time = take_time(here, j, d1); time.end) return time;
  // Decimal comma and thousands separators: 7,5  1.000  1.234,56
  while (j + 1 < n && (s[j] == ',' || s[j] == '.') && is_digit(s[j + 1])) {
    ++j;
    while (j < n && is_digit(s[j])) ++j;
  }
  // Ordinals (3e, 1ste, 2de) and units written together (10x, 100km) stay one token.
  if (j < n && word_char_at(s, j)) {
    j = skip_word_chars(s, j);
    while (j + 1 < n && s[j] == '-' && word_char_at(s, j + 1)) j = skip_word_chars(s, j + 1);  // 17-jarige
    return {j, TokenKind::kWord};
  }
  if (j + 1 < n && s[j] == '-' && word_char_at(s, j + 1)) {  // 17-jarige, 2-persoons
    return {skip_word_chars(s, j + 1), TokenKind::kWord};
  }
  if (j < n && s[j] == '-' && (starts(s, j + 1, " en ") || starts(s, j + 1, " of ") || starts(s, j + 1, " tot "))) {
    return {j + 1, TokenKind::kWord};  // 16- en 17-jarige
  }
  return {j, TokenKind::kNumber};
}

// Clitics after an apostrophe: 't, 's ochtends, 'k, 'n; and elided years ('92).
[[gnu::always_inline]] inline Taken take_clitic(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  if (!(s[b] == '\'' && (b == 0 || !word_char_at(s, b - 1)))) return {};
  // An elided year: "in '92" is a number, not a quote and 92.
  if (b + 2 < n && is_digit(s[b + 1]) && is_digit(s[b + 2]) && !word_char_at(s, b + 3)) {
    return {b + 3, TokenKind::kNumber};
  }
  for (auto cl : kClitics) {
    if (starts(s, b + 1, cl) && !word_char_at(s, b + 1 + cl.size()) && (b + 1 + cl.size() >= n || s[b + 1 + cl.size()] != '\'')) {
      return {b + 1 + cl.size(), TokenKind::kWord};
    }
  }
  return {};
}

// The end of a bracketed affix of one to five ASCII letters at `j` ("(s)", "(her)"), or `j`.
inline std::size_t affix_end(std::string_view s, std::size_t j) {
  if (j >= s.size() || s[j] != '(') return j;
  std::size_t k = j + 1;
  while (k < s.size() && k - j <= 5 && is_ascii_alpha(s[k])) ++k;
  return k > j + 1 && k < s.size() && s[k] == ')' ? k + 1 : j;
}

// Words, with inner apostrophes (zo'n, oma's, m'n), hyphens (e-mail, wmo-consulent) and bracketed
// affixes (medewerker(s), (her)aanvraag).
[[gnu::always_inline]] inline Taken take_word(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  std::size_t len;
  std::size_t start = b;
  if (s[b] == '(') {  // a prefix: "(her)aanvraag"
    start = affix_end(s, b);
    if (start == b || !word_char_at(s, start)) return {};
  }
  if (!is_word_char(s, start, &len)) return {};
  std::size_t j = start + len;
  for (;;) {
    for (;;) {
      while (j < n && (kByte(s[j]) & kAlnum)) ++j;  // ASCII letters and digits, the common case
      if (j < n && static_cast<unsigned char>(s[j]) >= 0x80 && is_word_char_beyond_ascii(s, j, &len)) {
        j += len;
        continue;
      }
      break;
    }
    if (j + 1 < n && (s[j] == '\'' || s[j] == '-') && word_char_at(s, j + 1)) {
      ++j;
      continue;
    }
    if (const std::size_t e = affix_end(s, j); e != j) {
      j = e;  // "medewerker(s)", "klant(en)service"
      continue;
    }
    break;
  }
  // Coordinated compounds keep their hyphen: "in- en uitgang", "bus-, tram- en treinkaartjes".
  if (j < n && s[j] == '-' && (starts(s, j + 1, " en ") || starts(s, j + 1, " of ") || starts(s, j + 1, " tot ") ||
                               starts(s, j + 1, ", "))) {
    ++j;
  }
  return {j, TokenKind::kWord};
}

// Punctuation: runs of . ! ? are one token (emphasis, ellipsis); others stand alone, as symbols
// or as punctuation. The last rule: it always takes something.
[[gnu::always_inline]] inline Taken take_punct_or_symbol(const At& here) {
  const std::string_view s = here.s;
  const std::size_t b = here.b, n = s.size();
  const char c = s[b];
  if (c == '.' || c == '!' || c == '?') {
    std::size_t j = b;
    while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?')) ++j;
    return {j, TokenKind::kPunct};
  }
  // Arrows and comparisons are one symbol: "->", "=>", "<-", ">=", "<=", "-->".
  static constexpr std::array<std::string_view, 9> kArrows = {"-->", "<--", "->", "=>", "<-", ">=", "<=", "<>", "=="};
  for (auto a : kArrows)
    if (a[0] == c && starts(s, b, a)) return {b + a.size(), TokenKind::kSymbol};  // (most bytes start none)
  if (std::strchr("€$%&+=*<>^~|\\#@", c)) {
    return {b + 1, TokenKind::kSymbol};
  }
  return {b + 1, TokenKind::kPunct};
}

}  // namespace

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kDate: return "date";
    case TokenKind::kAbbreviation: return "abbreviation";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
    case TokenKind::kHashtag: return "hashtag";
    case TokenKind::kMention: return "mention";
    case TokenKind::kEmoticon: return "emoticon";
    case TokenKind::kEmoji: return "emoji";
    case TokenKind::kPlaceholder: return "placeholder";
    case TokenKind::kPunct: return "punct";
    case TokenKind::kSymbol: return "symbol";
  }
  return "?";
}

Tokenizer::Tokenizer(const std::string& abbreviations) {
  std::istringstream in(read_file(find_data_file("abbreviations-nl.txt", abbreviations)));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    longest_abbreviation_ = std::max(longest_abbreviation_, line.size());
    abbreviations_.emplace(line, true);
  }
}

void Tokenizer::tokenize(std::string_view s, std::vector<Token>& out) const {
  out.clear();
  const std::size_t n = s.size();
  thread_local ByteBits bits;  // its memory kept from text to text
  bits.build(s);
  std::size_t i = 0;
  bool newline = false;
  auto push = [&](std::size_t b, std::size_t e, TokenKind kind) {
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), kind, newline});
    newline = false;
    i = e;
  };
  while (i < n) {
    const char c = s[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (c == '\n') {
      newline = true;
      ++i;
      continue;
    }
    // A comma, and a run of . ! ?, are punctuation wherever they stand: no rule below takes them
    // for anything else (take_punct_or_symbol() is where they end up).
    if (c == ',') {
      push(i, i + 1, TokenKind::kPunct);
      continue;
    }
    if (c == '.' || c == '!' || c == '?') {
      std::size_t j = i + 1;
      while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?')) ++j;
      push(i, j, TokenKind::kPunct);
      continue;
    }
    // The extent's first byte that is no ASCII letter or digit: its end, when that is a break.
    const std::size_t other = ByteBits::next(bits.not_alnum, i);
    const bool plain = bits.is_break(other);
    const std::size_t extent = plain ? other : ByteBits::next(bits.breaks, other);
    // Most extents are one plain word: ASCII letters and digits from a letter on. No rule below
    // takes such an extent for anything else, save the emoticon "xd" and a listed abbreviation
    // ending in 'm' ("cm"), which the full rules handle.
    if (plain && is_ascii_alpha(c) && c != 'x' && s[extent - 1] != 'm') {
      push(i, extent, TokenKind::kWord);
      continue;
    }
    const std::uint8_t seen = bits.classes(i, extent);
    const At here{s, i, extent, seen};
    // Most other extents are such a word with , . ! ? ; or : written onto it ("goed," "boek.").
    // The rules before take_word() take nothing there (an address needs an '@' or a dot inside,
    // a URL a ':' or a longer "www."), save a listed abbreviation or an initial ("bijv.", "j."):
    // take_abbreviation() is asked first, as in the chain below.
    if (is_ascii_alpha(c) && c != 'x') {
      const std::size_t j = other;  // the end of the letters and digits from i on
      std::size_t k = j;
      while (k < extent && (kByte(s[k]) & kTrailing)) ++k;
      if (k == extent) {
        const Taken t = seen & kAbbreviationEnd ? take_abbreviation(here, abbreviations_, longest_abbreviation_) : Taken{};
        if (t.end) push(i, t.end, t.kind);
        else push(i, j, TokenKind::kWord);
        continue;
      }
    }
    // The rules in order of precedence: the first that takes a token at the position wins.
    Taken t;
    if ((t = take_placeholder(here)).end || (t = take_url(here)).end || (t = take_emoticon(here)).end ||
        (t = take_beyond_ascii(here)).end || (t = take_hashtag_or_mention(here)).end || (t = take_address(here)).end ||
        (t = take_abbreviation(here, abbreviations_, longest_abbreviation_)).end || (t = take_number(here)).end ||
        (t = take_clitic(here)).end || (t = take_word(here)).end) {
      push(i, t.end, t.kind);
      continue;
    }
    t = take_punct_or_symbol(here);
    push(i, t.end, t.kind);
  }
}

namespace {

// An ellipsis with a space before it written onto the next word: "...en toen niets".
bool leading_ellipsis(const std::vector<Token>& tokens, std::uint32_t t) {
  return t > 0 && t + 1 < tokens.size() && tokens[t].begin > tokens[t - 1].end &&
         tokens[t + 1].begin == tokens[t].end && !tokens[t + 1].newline_before &&
         tokens[t + 1].kind == TokenKind::kWord;
}

// Where a sentence ending at punctuation token `t` ends: closing quotes and brackets, emoticons,
// emoji and more end punctuation after it belong to it, but not an ellipsis that opens the next.
std::uint32_t sentence_end_after(std::string_view text, const std::vector<Token>& tokens, std::uint32_t t) {
  const auto n = static_cast<std::uint32_t>(tokens.size());
  std::uint32_t end = t + 1;
  while (end < n && !tokens[end].newline_before &&
         (tokens[end].kind == TokenKind::kEmoji || tokens[end].kind == TokenKind::kEmoticon ||
          (tokens[end].kind == TokenKind::kPunct && std::strchr("\")'", text[tokens[end].begin]) &&
           tokens[end].end - tokens[end].begin == 1) ||
          (tokens[end].kind == TokenKind::kPunct && text.substr(tokens[end].begin, 1).find_first_of(".!?") == 0 &&
           !leading_ellipsis(tokens, end))))
    ++end;
  return end;
}

// Whether a listed abbreviation at token `t` still ends the sentence: one that closes an enumeration
// ("enz.", "etc.") before any capital, or a unit after a number before a word that opens sentences
// ("20 min. De balie was dicht"), but never a title or an initial ("mgr. Jansen", "George W. Bush").
bool abbreviation_ends(std::string_view text, const std::vector<Token>& tokens, std::uint32_t t,
                       const std::function<bool(std::uint32_t)>& capitalized) {
  static const std::set<std::string_view> kEnumerations = {"enz.", "etc.", "e.d.", "e.a.", "o.i.d.", "e.v."};
  static const std::set<std::string_view> kUnits = {"min.", "sec.", "km.", "kg.", "mnd.", "jr.", "wk.", "nr."};
  static const std::set<std::string_view> kOpeners = {
      "de",  "het",  "een", "ik",    "we",   "wij",    "ze",    "zij",  "hij",   "u",      "jullie", "er",
      "dat", "die",  "dit", "deze",  "maar", "en",     "toen",  "daarna", "ook", "nu",     "dus",    "want",
      "mijn", "onze", "ons", "verder", "helaas", "gelukkig", "wel", "niet", "geen", "niemand", "waarom", "hoe"};
  const std::uint32_t n = static_cast<std::uint32_t>(tokens.size());
  if (!capitalized || t + 1 >= n || tokens[t + 1].kind != TokenKind::kWord || tokens[t + 1].newline_before ||
      tokens[t + 1].begin == tokens[t].end || !capitalized(t + 1))
    return false;
  const std::string lower = lower_ascii(tokens[t].text(text));
  if (kEnumerations.count(lower)) return true;
  if (!kUnits.count(lower) || t == 0 || tokens[t - 1].kind != TokenKind::kNumber) return false;
  return kOpeners.count(lower_ascii(tokens[t + 1].text(text))) > 0;
}

// Whether "PREV en/of NEXT" is one fixed phrase rather than two clauses: "niet of nauwelijks",
// "min of meer", "wel of niet", "vroeg of laat" (any word after "of"), "wat wel en niet mag", "af en
// toe", "heen en weer", "nu en dan", "op en neer", "hier en daar".
bool fixed_pair(std::string_view prev, std::string_view conjunction, std::string_view next) {
  struct Pair {
    std::string_view prev, conjunction, next;  // next "": any
  };
  static constexpr Pair kPairs[] = {{"niet", "of", ""}, {"wel", "of", ""},     {"min", "of", ""},   {"vroeg", "of", ""},
                                    {"wel", "en", "niet"}, {"af", "en", "toe"}, {"heen", "en", "weer"},
                                    {"nu", "en", "dan"},   {"op", "en", "neer"}, {"hier", "en", "daar"}};
  return std::any_of(std::begin(kPairs), std::end(kPairs), [&](const Pair& p) {
    return prev == p.prev && conjunction == p.conjunction && (p.next.empty() || next == p.next);
  });
}

}  // namespace

std::vector<Span> split_sentences(std::string_view text, const std::vector<Token>& tokens,
                                  const std::function<bool(std::uint32_t)>& capitalized) {
  std::vector<Span> out;
  split_sentences(text, tokens, capitalized, out);
  return out;
}

void split_sentences(std::string_view text, const std::vector<Token>& tokens,
                     const std::function<bool(std::uint32_t)>& capitalized, std::vector<Span>& out) {
  out.clear();
  const auto n = static_cast<std::uint32_t>(tokens.size());
  std::uint32_t start = 0;
  for (std::uint32_t t = 0; t < n; ++t) {
    if (t > start && tokens[t].newline_before) {
      out.push_back({start, t});
      start = t;
    }
    const Token& tok = tokens[t];
    if (tok.kind == TokenKind::kWord) continue;  // most tokens: only a line break ends a sentence at a word
    if ((tok.kind == TokenKind::kEmoticon || tok.kind == TokenKind::kEmoji) && capitalized && t + 1 < n &&
        tokens[t + 1].kind == TokenKind::kWord && capitalized(t + 1)) {
      out.push_back({start, t + 1});
      start = t + 1;
      continue;
    }
    if (tok.kind == TokenKind::kAbbreviation && abbreviation_ends(text, tokens, t, capitalized)) {
      out.push_back({start, t + 1});
      start = t + 1;
      continue;
    }
    if (tok.kind != TokenKind::kPunct) continue;
    std::string_view p = tok.text(text);
    // Most punctuation is one character: it is tested without find_first_of(), which calls
    // memchr for each character.
    const bool end_mark = p[0] == '.' || p[0] == '!' || p[0] == '?';
    if (!end_mark && (p.size() == 1 || p.find_first_of(".!?", 1) == std::string_view::npos)) continue;
    bool ellipsis = p.size() >= 2 && p.find_first_not_of('.') == std::string_view::npos;
    if (ellipsis && leading_ellipsis(tokens, t)) {  // "lang. ...en toen niets": it opens the next one
      if (t > start) out.push_back({start, t});
      start = t;
      continue;
    }
    // "ik wachtte... en wachtte" goes on; "ik belde... Niemand nam op" does not.
    if (ellipsis && t + 1 < n && !tokens[t + 1].newline_before &&
        !(capitalized && tokens[t + 1].begin > tokens[t].end && capitalized(t + 1)))
      continue;
    const std::uint32_t end = sentence_end_after(text, tokens, t);
    // A question or exclamation inside quotes, with the sentence going on in lower case: 'hij zei
    // "waarom?" en liep weg' is one sentence.
    if (capitalized && p.find('.') == std::string_view::npos && end > t + 1 && end < n &&
        text[tokens[end - 1].begin] == '"' && tokens[end].kind == TokenKind::kWord && !capitalized(end))
      continue;
    out.push_back({start, end});
    start = end;
    t = end - 1;
  }
  if (start < n) out.push_back({start, n});
}

std::vector<Clause> split_clauses(std::string_view text, const std::vector<Token>& tokens, Span sentence) {
  std::vector<Clause> out;
  split_clauses(text, tokens, sentence, out);
  return out;
}

namespace {

// What a word can do to the clauses of its sentence (split_clauses()).
enum class LinkWord : std::uint8_t {
  kNone,
  kContrast,         // maar, echter, behalve: anywhere
  kOpeningContrast,  // alleen, enkel, toch: only opening a clause
  kCoordination,     // en, of
};

// The linking role of word `w`, by its length first: most words have none, and are told so without a
// comparison (same_bytes(): a few loads against each literal of that length).
[[gnu::always_inline]] inline LinkWord link_word(std::string_view w) {
  const char* p = w.data();
  switch (w.size()) {
    case 2: return same_bytes(p, "en", 2) || same_bytes(p, "of", 2) ? LinkWord::kCoordination : LinkWord::kNone;
    case 4:
      if (same_bytes(p, "maar", 4)) return LinkWord::kContrast;
      return same_bytes(p, "toch", 4) ? LinkWord::kOpeningContrast : LinkWord::kNone;
    case 5: return same_bytes(p, "enkel", 5) ? LinkWord::kOpeningContrast : LinkWord::kNone;
    case 6:
      if (same_bytes(p, "echter", 6)) return LinkWord::kContrast;
      return same_bytes(p, "alleen", 6) ? LinkWord::kOpeningContrast : LinkWord::kNone;
    case 7: return same_bytes(p, "behalve", 7) ? LinkWord::kContrast : LinkWord::kNone;
    default: return LinkWord::kNone;
  }
}

}  // namespace

void split_clauses(std::string_view text, const std::vector<Token>& tokens, Span sentence, std::vector<Clause>& out) {
  out.clear();
  Clause current{{sentence.first, sentence.first}, ClauseLink::kNone};
  auto word = [&](std::uint32_t t) { return tokens[t].text(text); };
  auto close = [&](std::uint32_t at, ClauseLink next_link, std::uint32_t marker) {
    current.tokens.last = at;
    if (current.tokens.last > current.tokens.first) {
      out.push_back(current);
      current = Clause{{at, at}, next_link, marker};
    } else if (static_cast<int>(next_link) != 0 &&
               (current.link == ClauseLink::kNone || current.link == ClauseLink::kComma || next_link == ClauseLink::kContrast)) {
      // ", maar": the stronger link wins for the clause that follows.
      current.link = next_link;
      current.marker = marker;
    }
  };
  for (std::uint32_t t = sentence.first; t < sentence.last; ++t) {
    const Token& tok = tokens[t];
    const std::uint32_t length = tok.end - tok.begin;
    if (tok.kind == TokenKind::kWord) {
      const std::string_view w(text.data() + tok.begin, length);
      const LinkWord link = link_word(w);
      if (link == LinkWord::kNone) continue;
      if (link == LinkWord::kContrast) {
        close(t, ClauseLink::kContrast, t);
        continue;
      }
      const bool clause_start = t == sentence.first || tokens[t - 1].kind == TokenKind::kPunct;
      // "enkel" is Flemish (and formal Dutch) for "alleen": "snel geholpen, enkel de prijs valt tegen".
      if (link == LinkWord::kOpeningContrast && clause_start) {
        close(t, ClauseLink::kContrast, t);
        continue;
      }
      if (link == LinkWord::kCoordination && t > sentence.first) {
        std::string_view prev = word(t - 1);
        bool coordinated_compound = !prev.empty() && prev.back() == '-';
        const bool fixed = fixed_pair(prev, w, t + 1 < sentence.last ? word(t + 1) : std::string_view());
        if (!coordinated_compound && !fixed) close(t, ClauseLink::kCoordination, t);
        continue;
      }
    } else if (tok.kind == TokenKind::kPunct && length == 1) {
      const char p = text[tok.begin];
      if (p == ',' || p == ';' || p == ':' || p == '-') close(t + 1, ClauseLink::kComma, UINT32_MAX);
    }
  }
  current.tokens.last = sentence.last;
  if (current.tokens.last > current.tokens.first) out.push_back(current);
  else if (out.empty()) out.push_back({{sentence.first, sentence.last}, ClauseLink::kNone});
}

}  // namespace luister
