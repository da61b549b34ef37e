#include <doctest/doctest.h>

#include "helpers.hpp"
#include "luister/base/error.hpp"

using luister::Encoding;
using luister::EncodingSpec;
using luister::InvalidBytes;

TEST_CASE("encoding: UTF-8 passes through; a BOM is dropped") {
  Encoding found{};
  CHECK(test::decode("caf\xC3\xA9 \xF0\x9F\x98\xA1", {}, 16, &found) == "caf\xC3\xA9 \xF0\x9F\x98\xA1");
  CHECK(found == Encoding::kUtf8);
  CHECK(test::decode("\xEF\xBB\xBFid,tekst\n") == "id,tekst\n");
}

TEST_CASE("encoding: a character cut by a small read of a small file is not taken for the end of input") {
  // The whole file fits the first raw read, so the input is already at its end while bytes remain.
  for (std::size_t pad = 0; pad < 20; ++pad) {
    CAPTURE(pad);
    std::string text = std::string(pad, 'a') + "\xF0\x9F\x98\x80 caf\xC3\xA9 " + std::string(30, 'z');
    CHECK(test::decode(text, {Encoding::kUtf8, InvalidBytes::kError}, 16) == text);
    CHECK(test::decode(text, {}, 16) == text);
    CHECK(test::decode(text, {Encoding::kUtf8, InvalidBytes::kReplace}, 16) == text);
  }
}

TEST_CASE("encoding: Windows-1252 is detected at its first non-UTF-8 byte") {
  // 40 ASCII bytes first, so the switch happens after a chunk was already delivered as UTF-8.
  std::string ascii(40, 'a');
  Encoding found{};
  CHECK(test::decode(ascii + "caf\xE9 \x80 \x96", {}, 16, &found) ==
        ascii + "caf\xC3\xA9 \xE2\x82\xAC \xE2\x80\x93");
  CHECK(found == Encoding::kWindows1252);
}

TEST_CASE("encoding: ISO-8859-15 differs from Windows-1252 at 0xA4") {
  CHECK(test::decode("\xA4", {Encoding::kIso8859_15, InvalidBytes::kError}) == "\xE2\x82\xAC");
  CHECK(test::decode("\xA4", {Encoding::kWindows1252, InvalidBytes::kError}) == "\xC2\xA4");
}

TEST_CASE("encoding: UTF-16 with and without BOM, surrogate pairs across reads") {
  // "a😡" in UTF-16LE: 61 00 3D D8 21 DE
  const std::string le("\x61\x00\x3D\xD8\x21\xDE", 6);
  CHECK(test::decode("\xFF\xFE" + le, {}, 16) == "a\xF0\x9F\x98\xA1");
  CHECK(test::decode(std::string("\xFE\xFF\x00\x61\xD8\x3D\xDE\x21", 8)) == "a\xF0\x9F\x98\xA1");
  std::string text;
  for (char c : std::string("id;tekst\n1;goed\n")) text += std::string{c, '\0'};
  Encoding found{};
  CHECK(test::decode(text, {}, 16, &found) == "id;tekst\n1;goed\n");
  CHECK(found == Encoding::kUtf16Le);
}

TEST_CASE("encoding: invalid UTF-8 under an explicit encoding names the byte offset") {
  EncodingSpec utf8{Encoding::kUtf8, InvalidBytes::kError};
  try {
    test::decode("abc\xE9xyz", utf8);
    FAIL("no error");
  } catch (const luister::DecodeError& e) {
    CHECK(e.byte_offset == 3);
    CHECK(e.message == "invalid UTF-8 byte 0xE9");
    CHECK(e.hint.find("windows-1252") != std::string::npos);
  }
}

TEST_CASE("encoding: replace and skip policies") {
  CHECK(test::decode("a\xFF" "b", {Encoding::kUtf8, InvalidBytes::kReplace}) == "a\xEF\xBF\xBD" "b");
  CHECK(test::decode("a\xFF" "b", {Encoding::kUtf8, InvalidBytes::kSkip}) == "ab");
  // 0x81 is undefined in Windows-1252.
  CHECK(test::decode("a\x81" "b", {Encoding::kWindows1252, InvalidBytes::kReplace}) == "a\xEF\xBF\xBD" "b");
  CHECK_THROWS_AS(test::decode("a\x81" "b", {Encoding::kWindows1252, InvalidBytes::kError}), luister::DecodeError);
}

TEST_CASE("encoding: overlong forms and surrogates are not UTF-8") {
  CHECK(luister::valid_utf8_prefix("\xC0\xAF", 2) == 0);
  CHECK(luister::valid_utf8_prefix("\xED\xA0\x80", 3) == 0);
  CHECK(luister::valid_utf8_prefix("\xF4\x90\x80\x80", 4) == 0);
  bool truncated = false;
  CHECK(luister::valid_utf8_prefix("ab\xE2\x82", 4, &truncated) == 2);
  CHECK(truncated);
}

TEST_CASE("encoding: a BOM that contradicts --encoding is an error") {
  CHECK_THROWS_AS(test::decode("\xEF\xBB\xBFx", {Encoding::kWindows1252, InvalidBytes::kError}), luister::InputError);
}

TEST_CASE("encoding: compressed files and workbooks are recognised") {
  CHECK_THROWS_WITH_AS(test::decode("\x1F\x8B\x08\x00"), doctest::Contains("gzip"), luister::InputError);
  CHECK_THROWS_WITH_AS(test::decode("PK\x03\x04"), doctest::Contains("ZIP"), luister::InputError);
}

TEST_CASE("encoding: --encoding names") {
  CHECK(luister::parse_encoding_spec("cp1252").encoding == Encoding::kWindows1252);
  CHECK(luister::parse_encoding_spec("UTF-8:replace").invalid == InvalidBytes::kReplace);
  CHECK(luister::parse_encoding_spec("latin9").encoding == Encoding::kIso8859_15);
  CHECK_THROWS_AS(luister::parse_encoding_spec("ebcdic"), luister::UsageError);
  CHECK_THROWS_AS(luister::parse_encoding_spec("utf-8:ignore"), luister::UsageError);
}
