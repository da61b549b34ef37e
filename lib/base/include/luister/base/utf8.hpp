#pragma once
/// UTF-8 checks, the Windows-1252 code page and ASCII lower case: what the CSV reader and the text
/// layer both need (and the parts above them), kept below both so neither has to link the other.
#include <cstddef>
#include <string>
#include <string_view>

namespace luister {

/// Length of the UTF-8 sequence starting at `p`: 0 if invalid (overlong, surrogate, beyond
/// U+10FFFF), -1 if valid so far but cut off by `end`.
int utf8_sequence(const unsigned char* p, const unsigned char* end);

/// Length of the longest prefix of `data` that is valid UTF-8 (a sequence cut off at the end is not
/// counted). Sets `*truncated` when the rest is only an incomplete sequence at the end.
std::size_t valid_utf8_prefix(const char* data, std::size_t size, bool* truncated = nullptr);

/// Encodes a code point as UTF-8 into `out` (4 bytes of room); returns the length.
int encode_utf8(char32_t cp, char* out);

/// The code point a Windows-1252 byte stands for (undefined bytes map to the C1 control of the same
/// value, as Latin-1 readers do; that is how mojibake shows them).
char32_t windows1252_code_point(unsigned char byte);

/// `s` with the ASCII capitals A-Z in lower case; every other byte (UTF-8 sequences too) as it is.
std::string lower_ascii(std::string_view s);

}  // namespace luister
