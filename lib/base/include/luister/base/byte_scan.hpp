#pragma once
// Whole-text byte tests and maps for the text layer, sixteen bytes at a time where SSE2 is there
// (every x86-64), one byte at a time elsewhere with the same results. Answers are short, so each
// function finishes its last partial block byte by byte rather than reading past the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace luister::bytes {

inline bool printable_ascii_byte(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '`'; }
inline char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool space_or_newline(char c) { return c == ' ' || c == '\n'; }

#if defined(__SSE2__)
namespace sse {
inline __m128i load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline __m128i splat(char c) { return _mm_set1_epi8(c); }
// Bytes in [lo, hi] (lo <= hi, both below 0x80), in two instructions: adding -128 - lo (mod 256)
// moves [lo, hi] to the lowest signed bytes, [-128, -128 + hi - lo], and every other byte above them.
inline __m128i in_range(__m128i x, char lo, char hi) {
  return _mm_cmplt_epi8(_mm_add_epi8(x, splat(static_cast<char>(-128 - lo))), splat(static_cast<char>(-128 + (hi - lo) + 1)));
}
inline unsigned mask(__m128i x) { return static_cast<unsigned>(_mm_movemask_epi8(x)); }
}  // namespace sse
#endif

/// The length of the longest prefix of `s` that is printable ASCII (0x20..0x7E) other than the
/// backquote: text the normaliser maps byte for byte.
inline std::size_t printable_ascii_prefix(std::string_view s) {
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i x = sse::load(s.data() + i);
    const __m128i ok = _mm_andnot_si128(_mm_cmpeq_epi8(x, sse::splat('`')), sse::in_range(x, 0x20, 0x7E));
    if (const unsigned bad = ~sse::mask(ok) & 0xffffu) return i + static_cast<std::size_t>(__builtin_ctz(bad));
  }
#endif
  while (i < s.size() && printable_ascii_byte(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}
inline bool all_printable_ascii(std::string_view s) { return printable_ascii_prefix(s) == s.size(); }

/// Lower-cases the ASCII capitals of `p[0, n)` in place; other bytes are left as they are.
inline void lower_ascii_in_place(char* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i x = sse::load(p + i);
    const __m128i capitals = sse::in_range(x, 'A', 'Z');
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i), _mm_add_epi8(x, _mm_and_si128(capitals, sse::splat(0x20))));
  }
#endif
  for (; i < n; ++i) p[i] = lower_ascii(p[i]);
}

/// Whether three equal ASCII letters (either case) follow each other somewhere in `s`.
inline bool has_letter_triple(std::string_view s) {
  const char* p = s.data();
  std::size_t i = 2;
#if defined(__SSE2__)
  const __m128i case_bit = sse::splat(0x20);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i a = _mm_or_si128(sse::load(p + i), case_bit);
    const __m128i b = _mm_or_si128(sse::load(p + i - 1), case_bit);
    const __m128i c = _mm_or_si128(sse::load(p + i - 2), case_bit);
    const __m128i hit = _mm_and_si128(sse::in_range(a, 'a', 'z'), _mm_and_si128(_mm_cmpeq_epi8(a, b), _mm_cmpeq_epi8(a, c)));
    if (sse::mask(hit)) return true;
  }
#endif
  for (; i < s.size(); ++i) {
    const char a = static_cast<char>(p[i] | 0x20);
    if (a >= 'a' && a <= 'z' && a == static_cast<char>(p[i - 1] | 0x20) && a == static_cast<char>(p[i - 2] | 0x20)) return true;
  }
  return false;
}

/// Whether a space or line break follows another somewhere in `s`.
inline bool has_double_space(std::string_view s) {
  const char* p = s.data();
  std::size_t i = 1;
#if defined(__SSE2__)
  auto spaces = [](__m128i x) {
    return _mm_or_si128(_mm_cmpeq_epi8(x, sse::splat(' ')), _mm_cmpeq_epi8(x, sse::splat('\n')));
  };
  for (; i + 16 <= s.size(); i += 16)
    if (sse::mask(_mm_and_si128(spaces(sse::load(p + i)), spaces(sse::load(p + i - 1))))) return true;
#endif
  for (; i < s.size(); ++i)
    if (space_or_newline(p[i]) && space_or_newline(p[i - 1])) return true;
  return false;
}

/// The index of the first byte of `s` at or after `from` that is `a`, `b`, `c` or `d`, or s.size().
inline std::size_t find_any_of4(std::string_view s, std::size_t from, char a, char b, char c, char d) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i x = sse::load(s.data() + i);
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, sse::splat(a)), _mm_cmpeq_epi8(x, sse::splat(b))),
                                     _mm_or_si128(_mm_cmpeq_epi8(x, sse::splat(c)), _mm_cmpeq_epi8(x, sse::splat(d))));
    if (const unsigned m = sse::mask(hit)) return i + static_cast<std::size_t>(__builtin_ctz(m));
  }
#endif
  while (i < s.size() && s[i] != a && s[i] != b && s[i] != c && s[i] != d) ++i;
  return i;
}

/// The index of the first ASCII digit of `s` at or after `from`, or s.size().
inline std::size_t find_digit(std::string_view s, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16)
    if (const unsigned m = sse::mask(sse::in_range(sse::load(s.data() + i), '0', '9')))
      return i + static_cast<std::size_t>(__builtin_ctz(m));
#endif
  while (i < s.size() && !(s[i] >= '0' && s[i] <= '9')) ++i;
  return i;
}

/// What find_pii() needs to know before it looks closer: whether `s` holds an ASCII digit, an
/// '@', a '/', or a 'w' or 'W'.
struct PiiMarkers {
  bool digit = false, at = false, slash = false, w = false;
};
inline PiiMarkers pii_markers(std::string_view s) {
  std::size_t i = 0;
  PiiMarkers m;
#if defined(__SSE2__)
  __m128i digit = _mm_setzero_si128(), at = digit, slash = digit, w = digit;
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i x = sse::load(s.data() + i);
    digit = _mm_or_si128(digit, sse::in_range(x, '0', '9'));
    at = _mm_or_si128(at, _mm_cmpeq_epi8(x, sse::splat('@')));
    slash = _mm_or_si128(slash, _mm_cmpeq_epi8(x, sse::splat('/')));
    w = _mm_or_si128(w, _mm_cmpeq_epi8(_mm_or_si128(x, sse::splat(0x20)), sse::splat('w')));
  }
  m = {sse::mask(digit) != 0, sse::mask(at) != 0, sse::mask(slash) != 0, sse::mask(w) != 0};
#endif
  for (; i < s.size(); ++i) {
    const char c = s[i];
    m.digit |= c >= '0' && c <= '9';
    m.at |= c == '@';
    m.slash |= c == '/';
    m.w |= (c | 0x20) == 'w';
  }
  return m;
}

/// Whether a word inside `s` starts with a capital: an ASCII capital or a UTF-8 lead byte 0xC3
/// (À..Þ and the lower-case letters that share it) right after a space or new line that does not
/// follow '.', '!' or '?'. Names stand there ("ik ben Piet"); sentence starts do not, so texts
/// without one need no look for names.
inline bool inner_capital_byte(char before_space, char space, char c) {
  return ((c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) == 0xC3) && space_or_newline(space) &&
         before_space != '.' && before_space != '!' && before_space != '?';
}
/// Calls `found(i)` for every such capital at `i`, in order.
template <class Found>
inline void for_each_inner_capital(std::string_view s, Found&& found) {
  std::size_t i = 2;
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i x = sse::load(s.data() + i);
    const __m128i space = sse::load(s.data() + i - 1);
    const __m128i before = sse::load(s.data() + i - 2);
    const __m128i capital = _mm_or_si128(sse::in_range(x, 'A', 'Z'), _mm_cmpeq_epi8(x, sse::splat('\xC3')));
    const __m128i after_space = _mm_or_si128(_mm_cmpeq_epi8(space, sse::splat(' ')), _mm_cmpeq_epi8(space, sse::splat('\n')));
    const __m128i end_of_sentence = _mm_or_si128(_mm_cmpeq_epi8(before, sse::splat('.')),
                                                 _mm_or_si128(_mm_cmpeq_epi8(before, sse::splat('!')),
                                                              _mm_cmpeq_epi8(before, sse::splat('?'))));
    for (unsigned m = sse::mask(_mm_andnot_si128(end_of_sentence, _mm_and_si128(capital, after_space))); m; m &= m - 1)
      found(i + static_cast<std::size_t>(__builtin_ctz(m)));
  }
#endif
  for (; i < s.size(); ++i)
    if (inner_capital_byte(s[i - 2], s[i - 1], s[i])) found(i);
}

/// out[k] = first + k for k in [0, n): the offsets of text that maps byte for byte.
inline void fill_counting(std::uint32_t* out, std::size_t n, std::uint32_t first) {
  std::size_t k = 0;
#if defined(__SSE2__)
  __m128i v = _mm_setr_epi32(static_cast<int>(first), static_cast<int>(first + 1), static_cast<int>(first + 2),
                             static_cast<int>(first + 3));
  const __m128i four = _mm_set1_epi32(4);
  for (; k + 4 <= n; k += 4) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), v);
    v = _mm_add_epi32(v, four);
  }
#endif
  for (; k < n; ++k) out[k] = first + static_cast<std::uint32_t>(k);
}

}  // namespace luister::bytes
