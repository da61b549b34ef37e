#include "luister/base/utf8.hpp"
#include "luister/csv/values.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include <fmt/format.h>

namespace luister {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_no_answer(std::string_view s) {
  if (s.empty() || s.size() > 13 || is_digit(s[0])) return false;  // no marker is long or starts with a digit
  static constexpr std::array<std::string_view, 12> kMarkers = {
      "-", "--", "?", "nvt", "n.v.t.", "n.v.t", "n/a", "na", "weet niet", "wn", "geen", "geen antwoord"};
  std::string l = lower_ascii(s);
  for (auto m : kMarkers)
    if (l == m) return true;
  return false;
}

struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  void skip_spaces() {
    while (!done() && is_space(s[i])) ++i;
  }
  // Reads 1..max_digits digits; returns -1 if none.
  int number(int max_digits, int* digits = nullptr) {
    int value = 0, n = 0;
    while (!done() && is_digit(s[i]) && n < max_digits) {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    if (digits) *digits = n;
    if (n > 0 && !done() && is_digit(s[i])) return -1;  // too many digits
    return n == 0 ? -1 : value;
  }
  std::string word() {
    std::string w;
    while (!done() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) w += lower(s[i++]);
    return w;
  }
};

int month_from_name(const std::string& w) {
  static constexpr std::array<std::array<std::string_view, 4>, 12> kNames = {{
      {"januari", "jan", "january", ""},
      {"februari", "feb", "february", "febr"},
      {"maart", "mrt", "mar", "march"},
      {"april", "apr", "", ""},
      {"mei", "may", "", ""},
      {"juni", "jun", "june", ""},
      {"juli", "jul", "july", ""},
      {"augustus", "aug", "august", ""},
      {"september", "sep", "sept", ""},
      {"oktober", "okt", "oct", "october"},
      {"november", "nov", "", ""},
      {"december", "dec", "", ""},
  }};
  for (int m = 0; m < 12; ++m)
    for (auto n : kNames[static_cast<std::size_t>(m)])
      if (!n.empty() && w == n) return m + 1;
  return 0;
}

bool is_weekday(const std::string& w) {
  static constexpr std::array<std::string_view, 28> kDays = {
      "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "ma", "di", "wo",
      "do",      "vr",      "za",       "zo",        "monday",  "tuesday",  "wednesday", "thursday", "friday",
      "saturday", "sunday", "mon",      "tue",       "wed",     "thu",      "fri",       "sat",      "sun"};
  for (auto d : kDays)
    if (w == d) return true;
  return false;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::string_view trim(std::string_view text) {
  // Most values need no trimming: a printable ASCII byte at both ends settles it.
  if (!text.empty()) {
    auto first = static_cast<unsigned char>(text.front()), last = static_cast<unsigned char>(text.back());
    if (first > ' ' && first < 0x80 && last > ' ' && last < 0x80) return text;
  }
  auto nbsp_at = [&](std::size_t i) { return i + 1 < text.size() && text[i] == '\xC2' && text[i + 1] == '\xA0'; };
  for (;;) {
    if (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    else if (nbsp_at(0)) text.remove_prefix(2);
    else break;
  }
  for (;;) {
    if (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    else if (text.size() >= 2 && text[text.size() - 2] == '\xC2' && text.back() == '\xA0') text.remove_suffix(2);
    else break;
  }
  return text;
}

GradeValue parse_grade(std::string_view text, double min, double max) {
  GradeValue out;
  text = trim(text);
  if (text.size() <= 2 && !text.empty() && is_digit(text[0]) && is_digit(text.back())) {
    // The common case, a whole number, without the general parser.
    out.value = text.size() == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
    out.status = out.value >= min && out.value <= max ? ValueStatus::kOk : ValueStatus::kOutOfRange;
    return out;
  }
  if (text.empty() || is_no_answer(text)) return out;
  out.status = ValueStatus::kInvalid;
  std::size_t i = 0;
  std::string number;
  while (i < text.size() && is_digit(text[i])) number += text[i++];
  if (number.empty()) {
    // Grades written as a word: "acht", "tien".
    static constexpr std::array<std::string_view, 11> kWords = {"nul", "een",   "twee", "drie", "vier", "vijf",
                                                                "zes", "zeven", "acht", "negen", "tien"};
    std::string l = lower_ascii(text);
    for (std::size_t w = 0; w < kWords.size(); ++w)
      if (l == kWords[w] || l.rfind(std::string(kWords[w]) + " ", 0) == 0) {
        out.value = static_cast<double>(w);
        out.status = out.value >= min && out.value <= max ? ValueStatus::kOk : ValueStatus::kOutOfRange;
        return out;
      }
    return out;
  }
  if (i + 1 < text.size() && (text[i] == ',' || text[i] == '.') && is_digit(text[i + 1])) {
    number += '.';
    ++i;
    while (i < text.size() && is_digit(text[i])) number += text[i++];
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || ptr != number.data() + number.size()) return out;
  std::string_view rest = trim(text.substr(i));
  if (rest.rfind("\xC2\xBD", 0) == 0) {  // ½
    value += 0.5;
    rest = trim(rest.substr(2));
  }
  // Accept a label after the number ("8 (goed)", "8 - goed", "8/10", "8 van 10"), but not more numbers.
  if (!rest.empty()) {
    std::string l = lower_ascii(rest);
    bool out_of_ten = l == "/10" || l == "/ 10" || l == "van 10" || l == "uit 10" || l == "out of 10";
    if (!out_of_ten) {
      for (char c : rest)
        if (is_digit(c)) return out;
      char c = rest.front();
      if (c == ',' || c == '.') return out;
    }
  }
  out.value = value;
  out.status = value >= min && value <= max ? ValueStatus::kOk : ValueStatus::kOutOfRange;
  return out;
}

std::string format_grade(double value) {
  if (value >= 0 && value < 100 && value == static_cast<int>(value)) return std::to_string(static_cast<int>(value));
  // Grades are typed with at most a few decimals; round away binary noise before printing.
  double rounded = static_cast<double>(static_cast<long long>(value * 1000 + (value < 0 ? -0.5 : 0.5))) / 1000;
  return fmt::format("{}", rounded);
}

void append_fixed(std::string& out, double value, int decimals, bool sign) {
  // The common case in integers: value x 10^decimals, rounded. The product is off the exact one by
  // at most 2^-53 of itself (< 2e-7 below 1e9), so when its fraction is not within 1e-6 of a half,
  // rounding it rounds the exact value the same way. Scores are mostly on the grid already.
  static constexpr double kScale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (decimals >= 0 && decimals <= 9) {
    const double y = std::fabs(value) * kScale[decimals];
    const double whole = std::floor(y);
    if (y < 1e9 && std::fabs(y - whole - 0.5) > 1e-6) {
      std::uint64_t n = static_cast<std::uint64_t>(whole) + (y - whole > 0.5 ? 1 : 0);
      char digits[24];
      char* end = digits + sizeof digits;
      char* p = end;
      for (int k = 0; k < decimals; ++k, n /= 10) *--p = static_cast<char>('0' + n % 10);
      if (decimals > 0) *--p = '.';
      do {
        *--p = static_cast<char>('0' + n % 10);
        n /= 10;
      } while (n);
      if (std::signbit(value)) *--p = '-';  // printf keeps the sign of a negative value rounding to 0
      else if (sign) *--p = '+';
      out.append(p, static_cast<std::size_t>(end - p));  // (by length: a range would be copied as a replace)
      return;
    }
  }
  // Near a tie: std::to_chars rounds the exact binary value, as printf does (ties to even on exact
  // ties: 0.3125 -> "0.312"); unit tests hold both paths to fmt's output.
  char buf[64];
  char* p = buf;
  const auto r = std::to_chars(buf + 1, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  if (r.ec != std::errc()) {  // beyond 1e40 or so: never a score, but never lose it either
    fmt::format_to(std::back_inserter(out), fmt::runtime(sign ? "{:+.{}f}" : "{:.{}f}"), value, decimals);
    return;
  }
  if (sign && buf[1] != '-') *p = '+';
  else ++p;
  out.append(p, r.ptr);
}

namespace {

// ISO dates ("2026-11-22"), the most common form in exports: checked and kept as they are. False
// when `text` is not one in form (ten bytes, dashes at 4 and 7, digits elsewhere); true when it
// is, `out` then holding the date if it exists.
bool parse_iso_date(std::string_view text, DateValue& out) {
  if (!(text.size() == 10 && text[4] == '-' && text[7] == '-')) return false;
  int y = 0, m = 0, d = 0;
  bool digits = true;
  for (int k : {0, 1, 2, 3}) digits &= is_digit(text[static_cast<std::size_t>(k)]), y = y * 10 + (text[static_cast<std::size_t>(k)] - '0');
  for (int k : {5, 6}) digits &= is_digit(text[static_cast<std::size_t>(k)]), m = m * 10 + (text[static_cast<std::size_t>(k)] - '0');
  for (int k : {8, 9}) digits &= is_digit(text[static_cast<std::size_t>(k)]), d = d * 10 + (text[static_cast<std::size_t>(k)] - '0');
  if (!digits) return false;
  if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m)) {
    out.iso.assign(text);
    out.status = ValueStatus::kOk;
  }
  return true;
}

// "22-11-2026" and "22/11/2026 14:05", as Excel writes them: read without the general parser.
// False for anything unusual (another form, a value out of range): the general parser decides
// those, so the answer is always its answer.
bool parse_excel_date(std::string_view text, DateOrder order, DateValue& out) {
  if (!((text.size() == 10 || text.size() == 16) && (text[2] == '-' || text[2] == '/' || text[2] == '.') &&
        text[5] == text[2]))
    return false;
  auto two = [&](std::size_t k) {
    return is_digit(text[k]) && is_digit(text[k + 1]) ? (text[k] - '0') * 10 + (text[k + 1] - '0') : -1;
  };
  const bool timed = text.size() == 16;
  int first = two(0), second = two(3), century = two(6), yy = two(8);
  int hour = !timed ? 0 : text[10] == ' ' && text[13] == ':' ? two(11) : -1, minute = timed ? two(14) : 0;
  int y = century * 100 + yy;
  int d = order == DateOrder::kDayFirst ? first : second, m = order == DateOrder::kDayFirst ? second : first;
  if (!(first >= 0 && second >= 0 && century >= 0 && yy >= 0 && hour >= 0 && hour <= 23 && minute >= 0 &&
        minute <= 59 && y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m)))
    return false;
  char iso[16] = {text[6], text[7], text[8], text[9], '-', static_cast<char>('0' + m / 10),
                  static_cast<char>('0' + m % 10), '-', static_cast<char>('0' + d / 10),
                  static_cast<char>('0' + d % 10)};
  if (timed) {  // the time's bytes exist only in the 16-byte form
    iso[10] = 'T', iso[11] = text[11], iso[12] = text[12], iso[13] = ':', iso[14] = text[14], iso[15] = text[15];
  }
  out.iso.assign(iso, timed ? 16 : 10);
  out.status = ValueStatus::kOk;
  return true;
}

// The date at the cursor, after an optional weekday ("ma 22 nov"): 2026-11-22, 22-11-2026 or
// 22/11/26 (day and month as `order` says), or with the month named ("22 november 2026",
// "22-nov-2026", "22 nov. 2026"). False when it is none of these; the values are not checked.
bool read_date(Cursor& c, DateOrder order, int& year, int& month, int& day) {
  const std::string_view text = c.s;
  std::string w = is_digit(text[0]) ? std::string() : c.word();  // a weekday ("ma 22 nov")
  if (!w.empty()) {
    if (!is_weekday(w)) return false;
    if (c.peek() == '.') ++c.i;
    if (c.peek() == ',') ++c.i;
    c.skip_spaces();
  }
  int digits = 0;
  int first = c.number(4, &digits);
  if (first < 0) return false;
  char sep = c.peek();
  if (digits == 4 && (sep == '-' || sep == '/' || sep == '.')) {
    ++c.i;
    year = first;
    month = c.number(2);
    if (c.peek() != sep) return false;
    ++c.i;
    day = c.number(2);
  } else if (digits <= 2 && (sep == '-' || sep == '/' || sep == '.') && c.i + 1 < text.size() && is_digit(text[c.i + 1])) {
    ++c.i;
    int second = c.number(2);
    if (c.peek() != sep) return false;
    ++c.i;
    int ydigits = 0;
    year = c.number(4, &ydigits);
    if (ydigits == 2) year += 2000;
    else if (ydigits != 4) return false;
    day = order == DateOrder::kDayFirst ? first : second;
    month = order == DateOrder::kDayFirst ? second : first;
  } else if (digits <= 2) {
    // 22 november 2026, 22-nov-2026, 22 nov. 2026
    day = first;
    while (c.peek() == ' ' || c.peek() == '-' || c.peek() == '.') ++c.i;
    month = month_from_name(c.word());
    if (month == 0) return false;
    while (c.peek() == ' ' || c.peek() == '-' || c.peek() == '.' || c.peek() == ',') ++c.i;
    int ydigits = 0;
    year = c.number(4, &ydigits);
    if (ydigits != 4) return false;
  } else {
    return false;
  }
  return true;
}

// The time zone at the cursor, if any, into `zone`: "Z", or an offset ("+01:00", "-0500") written
// as "+HH:MM". False when an offset is out of range.
bool read_zone(Cursor& c, std::string& zone) {
  if (c.peek() == 'Z') {
    zone = "Z";
    ++c.i;
  } else if (c.peek() == '+' || c.peek() == '-') {
    char sign = c.peek();
    ++c.i;
    int zh = c.number(2);
    if (c.peek() == ':') ++c.i;
    int zm = c.number(2);
    if (zh < 0 || zh > 14 || zm < 0 || zm > 59) return false;
    zone = fmt::format("{}{:02}:{:02}", sign, zh, zm);
  }
  return true;
}

// The optional time after a date: "T14:05", " 14:05:33", ", 14.05", " om 14:05 uur", with an
// optional zone, appended to `iso` as "T14:05[:33][zone]". False when what follows the date is no
// such time (the value is invalid); `iso` is then left as it was.
bool read_time(Cursor& c, std::string& iso) {
  const std::string_view text = c.s;
  std::size_t before_time = c.i;
  if (c.peek() == 'T') ++c.i;
  else {
    if (c.peek() == ',') ++c.i;
    c.skip_spaces();
    if (c.s.substr(c.i, 3) == "om ") c.i += 3;
  }
  if (c.done()) return !(c.i != before_time && c.i == text.size() && before_time < text.size());  // dangling "T"
  int hour = c.number(2);
  if (hour < 0 || hour > 23 || (c.peek() != ':' && c.peek() != '.')) return false;
  char tsep = c.peek();
  ++c.i;
  int minute = c.number(2);
  if (minute < 0 || minute > 59) return false;
  int second = -1;
  if (c.peek() == tsep) {
    ++c.i;
    second = c.number(2);
    if (second < 0 || second > 59) return false;
    if (c.peek() == '.' || c.peek() == ',') {  // fractions of a second are dropped
      ++c.i;
      if (c.number(9) < 0) return false;
    }
  }
  std::string zone;
  if (!read_zone(c, zone)) return false;
  c.skip_spaces();
  if (c.s.substr(c.i) == "uur") c.i = text.size();
  if (!c.done()) return false;
  auto two = [&](int v) {
    iso += static_cast<char>('0' + v / 10);
    iso += static_cast<char>('0' + v % 10);
  };
  iso += 'T';
  two(hour);
  iso += ':';
  two(minute);
  if (second >= 0) {
    iso += ':';
    two(second);
  }
  iso += zone;
  return true;
}

}  // namespace

DateValue parse_date(std::string_view text, DateOrder order) {
  DateValue out;
  text = trim(text);
  if (text.empty() || is_no_answer(text)) return out;
  out.status = ValueStatus::kInvalid;
  if (parse_iso_date(text, out) || parse_excel_date(text, order, out)) return out;
  Cursor c{text};
  int year = -1, month = -1, day = -1;
  if (!read_date(c, order, year, month, day)) return out;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return out;
  char iso[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10),  static_cast<char>('0' + year % 10), '-',
                  static_cast<char>('0' + month / 10),      static_cast<char>('0' + month % 10), '-',
                  static_cast<char>('0' + day / 10),        static_cast<char>('0' + day % 10)};
  out.iso.assign(iso, sizeof iso);
  if (read_time(c, out.iso)) out.status = ValueStatus::kOk;
  return out;
}

}  // namespace luister
