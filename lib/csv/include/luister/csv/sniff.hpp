#pragma once
/// Guessing the CSV dialect of an export from a sample of its text.
#include <string>
#include <string_view>

#include "luister/csv/csv.hpp"

namespace luister {

struct SniffResult {
  Dialect dialect;
  std::string line_ending;  ///< "CRLF", "LF", "CR", or "none" for a single line
};

/// Finds the delimiter among `, ; TAB |` (the one giving the most consistent field count), the quote
/// character, and whether the first record is a header. `complete` says the sample is the whole input.
SniffResult sniff_dialect(std::string_view sample, bool complete);

}  // namespace luister
