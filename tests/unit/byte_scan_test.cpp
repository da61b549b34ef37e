// The text layer's sixteen-bytes-at-a-time scans against one-byte-at-a-time references, on random
// texts of every length around the block size, so that each kind of byte falls inside a block, at
// its edges and in the tail.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "luister/base/byte_scan.hpp"

namespace bytes = luister::bytes;

namespace {

// Bytes that each scan treats specially, plus ordinary letters so that runs form.
const std::string kAlphabet = std::string("aaAAbwW09 \n`@/.Zz{[,!?") + '\x1f' + '\x7f' + '\x80' + '\xc3' + '\xff';

std::string random_text(std::mt19937& rng, std::size_t n) {
  std::string s(n, ' ');
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  // Now and then a run of one byte, so that triples and doubled spaces occur.
  for (std::size_t i = 0; i < n; ++i) s[i] = (i > 0 && rng() % 3 == 0) ? s[i - 1] : kAlphabet[pick(rng)];
  return s;
}

bool printable(unsigned char c) { return c >= 0x20 && c <= 0x7E && c != '`'; }
bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

}  // namespace

TEST_CASE("byte scans agree with byte-at-a-time references") {
  std::mt19937 rng(20261123);
  int checked = 0;
  for (std::size_t n = 0; n < 70; ++n) {
    for (int round = 0; round < 60; ++round) {
      const std::string s = random_text(rng, n);
      CAPTURE(s);

      std::size_t prefix = 0;
      while (prefix < n && printable(static_cast<unsigned char>(s[prefix]))) ++prefix;
      CHECK(bytes::printable_ascii_prefix(s) == prefix);
      CHECK(bytes::all_printable_ascii(s) == (prefix == n));

      std::string lowered = s, expected = s;
      for (char& c : expected) c = lower(c);
      bytes::lower_ascii_in_place(lowered.data(), lowered.size());
      CHECK(lowered == expected);

      bool triple = false, doubled = false;
      for (std::size_t i = 2; i < n; ++i)
        triple |= letter(s[i]) && lower(s[i]) == lower(s[i - 1]) && lower(s[i]) == lower(s[i - 2]);
      for (std::size_t i = 1; i < n; ++i)
        doubled |= (s[i] == ' ' || s[i] == '\n') && (s[i - 1] == ' ' || s[i - 1] == '\n');
      CHECK(bytes::has_letter_triple(s) == triple);
      CHECK(bytes::has_double_space(s) == doubled);

      for (std::size_t from = 0; from <= n; from += 7) {
        std::size_t first = from;
        while (first < n && s[first] != ',' && s[first] != '\n' && s[first] != '`' && s[first] != '\x80') ++first;
        CHECK(bytes::find_any_of4(s, from, ',', '\n', '`', '\x80') == first);
      }

      const bytes::PiiMarkers m = bytes::pii_markers(s);
      CHECK(m.digit == (s.find_first_of("0123456789") != std::string::npos));
      CHECK(m.at == (s.find('@') != std::string::npos));
      CHECK(m.slash == (s.find('/') != std::string::npos));
      CHECK(m.w == (s.find_first_of("wW") != std::string::npos));
      std::vector<std::size_t> inner_capitals, seen;
      for (std::size_t k = 2; k < n; ++k)
        if (((s[k] >= 'A' && s[k] <= 'Z') || s[k] == '\xc3') && (s[k - 1] == ' ' || s[k - 1] == '\n') &&
            s[k - 2] != '.' && s[k - 2] != '!' && s[k - 2] != '?')
          inner_capitals.push_back(k);
      bytes::for_each_inner_capital(s, [&](std::size_t k) { seen.push_back(k); });
      CHECK(seen == inner_capitals);
      ++checked;
    }
    std::vector<std::uint32_t> offsets(n + 1, 7);
    bytes::fill_counting(offsets.data(), n, 100);
    for (std::size_t k = 0; k < n; ++k) CHECK(offsets[k] == 100 + k);
    CHECK(offsets[n] == 7);  // nothing written past the end
  }
  CHECK(checked == 70 * 60);
}

#if defined(__SSE2__)
TEST_CASE("sse::in_range takes exactly the bytes of its range, for every range below 0x80") {
  // Its biased compare must neither miss an edge of the range nor let a byte of 0x80 and above in.
  int wrong = 0;
  for (int lo = 0; lo < 0x80; ++lo)
    for (int hi = lo; hi < 0x80; ++hi)
      for (int b = 0; b < 256; ++b) {
        const __m128i x = _mm_set1_epi8(static_cast<char>(b));
        const bool in = bytes::sse::mask(bytes::sse::in_range(x, static_cast<char>(lo), static_cast<char>(hi))) == 0xffffu;
        wrong += in != (b >= lo && b <= hi);
      }
  CHECK(wrong == 0);
}
#endif
