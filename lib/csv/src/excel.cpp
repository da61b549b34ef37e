#include "luister/csv/excel.hpp"

#include <array>
#include <cstddef>
#include <utility>

#include <fmt/format.h>

#include "luister/base/error.hpp"

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

SheetStyle parse_sheet_style(std::string_view text) {
  if (text == "nl") return SheetStyle::kExcelNl;
  throw UsageError(fmt::format("--excel '{}' is not a known spreadsheet form.", text),
                   "write --excel nl for Dutch Excel (UTF-8 with BOM, ';', decimal comma, Dutch headers)");
}

void add_excel_option(CLI::App& app, SheetStyle& style, const std::string& what) {
  app.add_option_function<std::string>(
         "--excel", [&style](const std::string& v) { style = parse_sheet_style(v); },
         fmt::format("Write {} for Excel in this language: nl (';', decimal comma, BOM, Dutch headers)", what))
      ->type_name("LANG");
}

std::string dutch_header(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kDutch[] = {
      {"response_id", "respondent"},  {"date", "datum"},
      {"process", "proces"},          {"channel", "kanaal"},
      {"grade", "cijfer"},            {"question", "vraag"},
      {"text", "antwoord"},           {"sentiment", "sentiment"},
      {"polarity", "polariteit"},     {"evidence", "onderbouwing"},
      {"theme", "thema"},             {"theme_label", "omschrijving thema"},
      {"urgency", "urgentie"},        {"reason", "reden"},
      {"status", "status"},           {"open_since", "op de lijst sinds"},
      {"group", "groep"},             {"label", "omschrijving"},
      {"answers", "antwoorden"},      {"share", "aandeel"},
      {"share_of_criticism", "aandeel van de kritiek"},
      {"mean_grade", "gemiddeld cijfer"}, {"label_coverage", "dekking omschrijving"},
      {"quote_1", "citaat 1"},        {"quote_2", "citaat 2"},
      {"quote_3", "citaat 3"},        {"outcome", "uitkomst"},
      {"outcome_date", "datum contact"}, {"note", "notitie"},
      {"clauses", "deelzinnen"},      {"theme_aspect", "aspect thema"},
      {"aspect", "aspect"},           {"kind", "soort"},
      {"term", "compliment"},         {"count", "aantal"},
      {"quote", "citaat"},
  };
  for (const auto& [en, nl] : kDutch)
    if (en == name) return std::string(nl);
  return std::string(name);
}

std::string decimal_comma(std::string_view cell) {
  std::size_t i = cell.size() > 1 && cell[0] == '-' ? 1 : 0, digits = 0, point = std::string_view::npos;
  for (std::size_t k = i; k < cell.size(); ++k) {
    if (cell[k] >= '0' && cell[k] <= '9') ++digits;
    else if (cell[k] == '.' && point == std::string_view::npos && k > i && k + 1 < cell.size()) point = k;
    else return std::string(cell);
  }
  std::string out(cell);
  if (digits > 0 && point != std::string_view::npos) out[point] = ',';
  return out;
}

SheetWriter::SheetWriter(Output& out, SheetStyle style, bool neutralize)
    : writer_(out, style == SheetStyle::kExcelNl ? ';' : ','), style_(style), neutralize_(neutralize) {
  // The byte order mark is how Excel knows the file is UTF-8 (else it reads Windows-1252).
  if (style == SheetStyle::kExcelNl) out.write("\xEF\xBB\xBF");
}

void SheetWriter::header(const std::vector<std::string>& names) {
  for (const auto& n : names) text(style_ == SheetStyle::kExcelNl ? dutch_header(n) : n);
  writer_.end_row();
}

void SheetWriter::text(std::string_view cell) {
  if (neutralize_) writer_.field(neutralize_formula(cell));
  else writer_.field(cell);
}

void SheetWriter::date(std::string_view cell) {
  std::string out(cell);
  if (style_ == SheetStyle::kExcelNl && out.size() > 10 && out[10] == 'T' && out[4] == '-' && out[7] == '-') out[10] = ' ';
  text(out);
}

void SheetWriter::number(std::string_view cell) {
  const std::string comma = decimal_comma(cell);
  const bool is_number = !cell.empty() && (comma != cell || cell.find_first_not_of("-0123456789") == std::string_view::npos) &&
                         cell != "-";
  if (!is_number) return text(cell);  // not a number after all: written, and neutralised, as text
  writer_.field(style_ == SheetStyle::kExcelNl ? comma : std::string(cell));
}

}  // namespace luister
