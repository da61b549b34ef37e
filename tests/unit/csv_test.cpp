#include <doctest/doctest.h>

#include "helpers.hpp"
#include "luister/base/error.hpp"

using test::Fields;

TEST_CASE("csv: records and fields, at every chunk size") {
  // The same input must parse the same whether a record crosses a chunk boundary or not.
  const std::string text = "a,\"b,1\",c\r\n\"x\"\"y\",\"line1\nline2\",\r\nlast,row,here";
  for (std::size_t chunk : {16, 17, 19, 23, 64, 4096}) {
    CAPTURE(chunk);
    auto recs = test::parse(text, {}, chunk);
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].fields == Fields{"a", "b,1", "c"});            // embedded delimiter
    CHECK(recs[1].fields == Fields{"x\"y", "line1\nline2", ""});  // doubled quote, line break, empty last
    CHECK(recs[2].fields == Fields{"last", "row", "here"});       // no line break at end of file
    CHECK(recs[1].line == 2);
    CHECK(recs[1].end_line == 3);
    CHECK(recs[2].line == 4);
  }
}

TEST_CASE("csv: line ends LF, CRLF and lone CR") {
  for (std::string eol : {"\n", "\r\n", "\r"}) {
    auto recs = test::parse("a;b" + eol + "c;d" + eol, {.delimiter = ';'});
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].fields == Fields{"c", "d"});
    CHECK(recs[1].line == 2);
  }
}

TEST_CASE("csv: a record that fills the buffer to its padding is not cut short") {
  // With 16-byte chunks the buffer holds 32 bytes of data; the first record is longer, so the next
  // read has to make room instead of reading nothing (which would look like the end of the input).
  std::string text = std::string(15, 'p') + ",\"" + std::string(13, 'q') + "\"," + std::string(15, 'p') + "\nlast\n";
  auto recs = test::parse(text, {}, 16);
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].fields == Fields{std::string(15, 'p'), std::string(13, 'q'), std::string(15, 'p')});
  CHECK(recs[1].fields == Fields{"last"});
}

TEST_CASE("csv: CR at a chunk boundary is not split from its LF") {
  // 15 bytes then CRLF: the CR is the 16th byte, the last of the first chunk.
  auto recs = test::parse("aaaaaaa,bbbbbbb\r\nc,d\r\n", {}, 16);
  REQUIRE(recs.size() == 2);
  CHECK_FALSE(recs[1].blank);
  CHECK(recs[1].fields == Fields{"c", "d"});
}

TEST_CASE("csv: a quote in the middle of a field is literal text") {
  auto recs = test::parse("zei \"ok\" hoor,2\n");
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].fields == Fields{"zei \"ok\" hoor", "2"});
}

TEST_CASE("csv: text after a closing quote is kept, as Excel does") {
  auto recs = test::parse("\"abc\"def,2\n");
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].fields == Fields{"abcdef", "2"});
}

TEST_CASE("csv: no quoting at all") {
  auto recs = test::parse("\"a,b\n", {.quote = '\0'});
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].fields == Fields{"\"a", "b"});
}

TEST_CASE("csv: blank lines are flagged, not dropped silently") {
  auto recs = test::parse("a,b\n\nc,d\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[1].blank);
  CHECK_FALSE(recs[0].blank);
}

TEST_CASE("csv: trailing delimiter at end of input gives an empty last field") {
  auto recs = test::parse("a,b,");
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].fields == Fields{"a", "b", ""});
}

TEST_CASE("csv: unterminated quote at end of input is flagged with its line") {
  auto recs = test::parse("h1,h2\nok,1\n\"open,2\nnext,3\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[2].unterminated);
  CHECK(recs[2].line == 3);
}

TEST_CASE("csv: resync after a bad multi-line record keeps the rows after its first line") {
  test::MemFile mem("h1,h2\n\"open,1\nnext,2\nlast,3\n");
  luister::InputFile in(mem.fd(), "mem.csv");
  luister::Utf8Source src(in, {});
  luister::CsvReader reader(src, {}, 16);
  luister::CsvRecord rec;
  REQUIRE(reader.next(rec));  // header
  REQUIRE(reader.next(rec));
  CHECK(rec.unterminated);
  CHECK(reader.record_line() == 2);
  reader.resync_after_first_line();
  REQUIRE(reader.next(rec));
  CHECK(Fields(rec.fields.begin(), rec.fields.end()) == Fields{"next", "2"});
  CHECK(reader.record_line() == 3);
  REQUIRE(reader.next(rec));
  CHECK(Fields(rec.fields.begin(), rec.fields.end()) == Fields{"last", "3"});
  CHECK_FALSE(reader.next(rec));
}

TEST_CASE("csv: NUL bytes are flagged per record") {
  auto recs = test::parse(std::string("a,b\nc\0d,e\nf,g\n", 14));
  REQUIRE(recs.size() == 3);
  CHECK_FALSE(recs[0].nul);
  CHECK(recs[1].nul);
  CHECK_FALSE(recs[2].nul);
}

TEST_CASE("csv: a record larger than the limit is reported as unterminated") {
  test::MemFile mem("a\n\"" + std::string(5000, 'x') + "\nb\n");
  luister::InputFile in(mem.fd(), "mem.csv");
  luister::Utf8Source src(in, {});
  luister::CsvReader reader(src, {}, 64, 1024);
  luister::CsvRecord rec;
  REQUIRE(reader.next(rec));
  REQUIRE(reader.next(rec));
  CHECK(rec.unterminated);
}

TEST_CASE("csv: line numbers count LF, CRLF and lone CR once each") {
  CHECK(luister::count_line_breaks("a\nb\r\nc\rd", 8, -1) == 3);
  CHECK(luister::count_line_breaks("\r", 1, '\n') == 0);  // the LF after the range completes it
  std::string long_text(100, 'x');
  long_text[20] = '\n';
  long_text[40] = '\r';
  long_text[41] = '\n';
  long_text[60] = '\r';
  CHECK(luister::count_line_breaks(long_text.data(), long_text.size(), -1) == 3);
}

TEST_CASE("csv: writer quotes only when needed, doubling quotes") {
  CHECK_FALSE(luister::needs_quotes("gewoon tekst; met puntkomma", ','));
  CHECK(luister::needs_quotes("a,b", ','));
  CHECK(luister::needs_quotes("regel\nregel", ','));
  CHECK(luister::needs_quotes("zei \"ok\"", ','));
  CHECK(luister::needs_quotes(std::string(40, 'x') + "\r", ','));  // found past the SIMD block
}

TEST_CASE("csv: vectorised line counting agrees with a plain count at every size") {
  std::string text;
  std::uint32_t seed = 12345;
  for (int i = 0; i < 3000; ++i) {
    seed = seed * 1103515245u + 12345u;
    int r = static_cast<int>((seed >> 16) % 10);
    text += r == 0 ? '\n' : r == 1 ? '\r' : static_cast<char>('a' + r);
  }
  for (std::size_t size : {0, 1, 15, 16, 17, 31, 32, 33, 64, 65, 100, 1000, 2047, 3000}) {
    CAPTURE(size);
    std::uint64_t naive = 0;
    for (std::size_t i = 0; i < size; ++i)
      naive += text[i] == '\n' || (text[i] == '\r' && !(i + 1 < size && text[i + 1] == '\n'));
    CHECK(luister::count_line_breaks(text.data(), size, -1) == naive);
  }
}
