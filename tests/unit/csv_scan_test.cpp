// The block scan of CsvReader against the byte-at-a-time reference (CsvScan::kScalar): same records,
// lines and flags wherever quotes, delimiters and line breaks fall relative to the 64-byte blocks.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "helpers.hpp"

using luister::CsvScan;
using luister::Dialect;
using luister::SimdLevel;
using test::Fields;
using test::Parsed;
using test::ReadOptions;

namespace {

// Every level this CPU can run: each must agree with the reference.
std::vector<SimdLevel> levels() {
  std::vector<SimdLevel> out{SimdLevel::kPortable};
#if defined(__SSE2__)
  out.push_back(SimdLevel::kSse2);
#endif
  if (luister::best_simd_level() == SimdLevel::kAvx2) out.push_back(SimdLevel::kAvx2);
  return out;
}

// A `plain` flag may only be set on a field canonical CSV writes unquoted.
void check_plain_flags(const std::vector<Parsed>& recs) {
  for (const auto& r : recs) {
    if (r.plain.empty()) continue;
    REQUIRE(r.plain.size() == r.fields.size());
    for (std::size_t i = 0; i < r.fields.size(); ++i)
      if (r.plain[i]) CHECK_FALSE(luister::needs_quotes(r.fields[i], ','));
  }
}

// Parses `text` with the reference and with the block scan at every level; checks they agree and
// returns the reference records.
std::vector<Parsed> agree(const std::string& text, Dialect dialect = {}, ReadOptions opt = {}) {
  opt.scan = CsvScan::kScalar;
  std::vector<Parsed> reference = test::parse_with(text, dialect, opt);
  for (SimdLevel level : levels()) {
    CAPTURE(static_cast<int>(level));
    opt.scan = CsvScan::kBlock;
    opt.level = level;
    std::vector<Parsed> block = test::parse_with(text, dialect, opt);
    CHECK(block == reference);
    check_plain_flags(block);
  }
  return reference;
}

// A tiny deterministic generator (the test must not depend on the standard library's engines).
struct Rng {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::size_t below(std::size_t n) { return next() % n; }
};

}  // namespace

TEST_CASE("csv scan: a quoted field with a delimiter and a doubled quote, at every offset across two blocks") {
  for (std::size_t offset = 0; offset < 140; ++offset) {
    CAPTURE(offset);
    std::string text = std::string(offset, 'x') + ",\"ab,\"\"c\nd\",z\n1,2,3\n";
    for (std::size_t chunk : {16, 64, 4096}) {
      CAPTURE(chunk);
      auto recs = agree(text, {}, {.chunk = chunk});
      REQUIRE(recs.size() == 2);
      CHECK(recs[0].fields == Fields{std::string(offset, 'x'), "ab,\"c\nd", "z"});
      CHECK(recs[1].fields == Fields{"1", "2", "3"});
      CHECK(recs[1].line == 3);
    }
  }
}

TEST_CASE("csv scan: CRLF, lone CR and LF at every offset around block boundaries") {
  for (std::string eol : {"\r\n", "\r", "\n"}) {
    for (std::size_t offset = 0; offset < 140; ++offset) {
      CAPTURE(offset);
      std::string text = std::string(offset, 'a') + eol + "b,\"c" + eol + "d\"" + eol + eol + "e,f";
      auto recs = agree(text, {}, {.chunk = 4096});
      REQUIRE(recs.size() == 4);
      CHECK(recs[0].fields == Fields{std::string(offset, 'a')});
      CHECK(recs[1].fields == Fields{"b", "c" + eol + "d"});
      CHECK(recs[2].blank);
      CHECK(recs[3].fields == Fields{"e", "f"});
      CHECK(recs[3].line == 5);
    }
  }
}

TEST_CASE("csv scan: doubled quotes, including a pair split by a block boundary") {
  for (std::size_t offset = 0; offset < 70; ++offset) {
    CAPTURE(offset);
    // The pair of quotes lands on bytes 62..65 of the block for some offset.
    std::string text = "\"" + std::string(offset, 'q') + "\"\"\"\"" + std::string(10, 'r') + "\",\"\"\"\"\n";
    auto recs = agree(text, {}, {.chunk = 4096});
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].fields == Fields{std::string(offset, 'q') + "\"\"" + std::string(10, 'r'), "\""});
  }
}

TEST_CASE("csv scan: fields of exactly 16, 32 and 64 bytes, quoted and not") {
  for (std::size_t len : {15, 16, 17, 31, 32, 33, 63, 64, 65, 128}) {
    CAPTURE(len);
    std::string plain(len, 'p');
    std::string quoted = "\"" + std::string(len - 2, 'q') + "\"";  // `len` bytes with its quotes
    std::string text = plain + "," + quoted + "," + plain + "\n" + quoted + "\n" + plain + "\n";
    for (std::size_t chunk : {16, 64, 4096}) {
      CAPTURE(chunk);
      auto recs = agree(text, {}, {.chunk = chunk});
      REQUIRE(recs.size() == 3);
      CHECK(recs[0].fields == Fields{plain, std::string(len - 2, 'q'), plain});
      CHECK(recs[1].fields == Fields{std::string(len - 2, 'q')});
    }
  }
}

TEST_CASE("csv scan: very long fields, longer than the read chunk") {
  std::string text_field;
  for (int i = 0; i < 4000; ++i) text_field += i % 97 == 0 ? "\n" : i % 13 == 0 ? ", \"\"zo\"\" " : "woord ";
  std::string text = "id,tekst\n1,\"" + text_field + "\"\n2,kort\n3," + std::string(100000, 'z') + "\n";
  for (std::size_t chunk : {64, 1000, 1 << 20}) {
    CAPTURE(chunk);
    auto recs = agree(text, {}, {.chunk = chunk});
    REQUIRE(recs.size() == 4);
    CHECK(recs[2].fields == Fields{"2", "kort"});
    CHECK(recs[3].fields[1].size() == 100000);
  }
}

TEST_CASE("csv scan: quotes the block rules cannot place go to the reference parser") {
  // A quote inside an unquoted field is literal; text after a closing quote is kept (as Excel does);
  // an unterminated quote at the end; each at offsets on both sides of a block boundary.
  for (std::size_t offset = 0; offset < 130; offset += 3) {
    CAPTURE(offset);
    std::string pad(offset, 'x');
    auto recs = agree(pad + ",zei \"ok\" hoor,2\n\"abc\"def,2,3\nok,\"a\"\"b\",3\n\"open,1\n");
    REQUIRE(recs.size() == 4);
    CHECK(recs[0].fields == Fields{pad, "zei \"ok\" hoor", "2"});
    CHECK(recs[1].fields == Fields{"abcdef", "2", "3"});
    CHECK(recs[2].fields == Fields{"ok", "a\"b", "3"});
    CHECK(recs[3].unterminated);
  }
}

TEST_CASE("csv scan: plain flags mark what canonical CSV writes unquoted") {
  // (A line of filler after each record: the block scan only vouches for whole 64-byte blocks.)
  const std::string filler = std::string(100, 'f') + "\n";
  std::string text = std::string(70, 'x') + ",\"a,b\",\"zei \"\"ja\"\"\",\"twee\nregels\",\"gewoon\",a;b\n" + filler;
  auto recs = test::parse_with(text, {}, {.chunk = 4096});
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].plain == std::vector<std::uint8_t>{1, 0, 0, 0, 1, 1});
  // With ';' as the delimiter a comma in an unquoted field still needs quotes in canonical CSV.
  auto semi = test::parse_with("a,b;\"c\";d\n" + filler, {.delimiter = ';'}, {.chunk = 4096});
  REQUIRE(semi.size() == 2);
  CHECK(semi[0].plain == std::vector<std::uint8_t>{0, 1, 1});
}

TEST_CASE("csv scan: randomized comparison with the reference parser") {
  // Inputs built from CSV-ish pieces (quoted fields, doubled quotes, line breaks of every kind) and
  // noise (stray quotes, text after closing quotes, NUL bytes), read in several dialects and chunk sizes.
  const std::vector<std::string> pieces = {"a", "bc", " ", "é", "😀", ",", ",", ";", "\t", "|", "\"", "\"\"", "'",
                                           "\n", "\r\n", "\r", "\"x,y\"", "\"p\"\"q\"", "\"l1\nl2\"", "\"\"",
                                           "zin met woorden ", std::string(70, 'w'), std::string(1, '\0'), "\",\""};
  const Dialect dialects[] = {{}, {.delimiter = ';'}, {.delimiter = '\t'}, {.quote = '\0'}, {.quote = '\''},
                              {.delimiter = '|', .quote = '"'}};
  Rng rng{20261122};
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    std::size_t count = rng.below(120);
    for (std::size_t i = 0; i < count; ++i) text += pieces[rng.below(pieces.size())];
    const Dialect& dialect = dialects[rng.below(sizeof dialects / sizeof dialects[0])];
    ReadOptions opt;
    opt.chunk = std::size_t{16} << rng.below(8);
    opt.max_record = rng.below(4) == 0 ? 200 : std::size_t{64} << 20;
    opt.resync = rng.below(2) == 0;
    CAPTURE(round);
    CAPTURE(text);
    CAPTURE(opt.chunk);
    agree(text, dialect, opt);
  }
}

TEST_CASE("csv scan: well-formed exports of random shape agree with the reference") {
  // Mostly valid CSV, so that long stretches go through the block scan without falling back.
  Rng rng{7};
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::size_t rows = 1 + rng.below(60), width = 1 + rng.below(9);
    const char* eol = rng.below(3) == 0 ? "\r\n" : rng.below(2) ? "\n" : "\r";
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < width; ++c) {
        if (c) text += ',';
        std::string value;
        std::size_t len = rng.below(5) == 0 ? rng.below(200) : rng.below(12);
        for (std::size_t i = 0; i < len; ++i) {
          std::size_t k = rng.below(40);
          value += k == 0 ? "\"\"" : k == 1 ? "," : k == 2 ? "\n" : k == 3 ? "\r\n" : k == 4 ? "ë" : std::string(1, static_cast<char>('a' + k % 26));
        }
        bool needs = value.find_first_of(",\"\r\n") != std::string::npos;
        text += needs || rng.below(2) ? "\"" + value + "\"" : value;
      }
      text += eol;
    }
    CAPTURE(round);
    for (std::size_t chunk : {16, 100, 4096}) agree(text, {}, {.chunk = chunk});
  }
}
