#include "luister/csv/excel.hpp"

#include <array>
#include <cstddef>

namespace luister {
namespace {

// What may stand before a formula and still let a spreadsheet (or a person copying the cell) run
// it: spaces, line feeds and quote characters, ASCII and Unicode.
constexpr std::array<std::string_view, 12> kFillers = {
    " ", "\n", "\"", "'",
    "\xC2\xA0",      // U+00A0 no-break space
    "\xE3\x80\x80",  // U+3000 ideographic space
    "\xEF\xBC\x82",  // U+FF02 ＂
    "\xEF\xBC\x87",  // U+FF07 ＇
    "\xE2\x80\x9C",  // U+201C “
    "\xE2\x80\x9D",  // U+201D ”
    "\xE2\x80\x98",  // U+2018 ‘
    "\xE2\x80\x99",  // U+2019 ’
};

// The full-width forms of = + - @, which some spreadsheets read like the ASCII ones.
constexpr std::array<std::string_view, 4> kWideTriggers = {
    "\xEF\xBC\x9D",  // U+FF1D ＝
    "\xEF\xBC\x8B",  // U+FF0B ＋
    "\xEF\xBC\x8D",  // U+FF0D －
    "\xEF\xBC\xA0",  // U+FF20 ＠
};

// `cell` without its leading fillers.
std::string_view skip_fillers(std::string_view cell) {
  for (bool more = true; more;) {
    more = false;
    for (std::string_view f : kFillers)
      if (cell.substr(0, f.size()) == f) {
        cell.remove_prefix(f.size());
        more = true;
      }
  }
  return cell;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "-2", "-0.830", "-1,5": a plain negative number, which is data, not a formula.
bool plain_negative_number(std::string_view s) {
  std::size_t i = 1, digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    std::size_t frac = 0;
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac;
    if (frac == 0) return false;
  }
  return i == s.size();
}

}  // namespace

bool needs_neutralizing(std::string_view cell) {
  const std::string_view s = skip_fillers(cell);
  if (s.empty()) return false;
  const char c = s.front();
  if (c == '-') return !plain_negative_number(s);
  if (c == '=' || c == '+' || c == '@' || c == '\t' || c == '\r') return true;
  for (std::string_view w : kWideTriggers)
    if (s.substr(0, w.size()) == w) return true;
  return false;
}

std::string neutralize_formula(std::string_view cell) {
  std::string out;
  out.reserve(cell.size() + 1);
  if (needs_neutralizing(cell)) out += '\'';
  out += cell;
  return out;
}

}  // namespace luister
