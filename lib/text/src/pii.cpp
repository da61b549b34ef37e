#include "luister/text/pii.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>
#include <vector>

#include "luister/base/byte_scan.hpp"

namespace luister {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
// Letters of any script count as word characters for boundaries (é, ë).
bool is_word_byte(char c) { return is_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[at + i]) != prefix[i]) return false;
  return true;
}

std::size_t trim_trailing(std::string_view t, std::size_t begin, std::size_t end) {
  while (end > begin && std::strchr(".,;:!?)]}'\"", t[end - 1])) --end;
  return end;
}

// The length of a separator between digit groups that is not ASCII: a no-break space (U+00A0,
// U+202F), a hyphen or dash (U+2010..U+2015: "06–12345678" as word processors write it) or a
// minus sign (U+2212); 0 when there is none at `j`. `space` tells which of the two it stands for.
std::size_t unicode_separator(std::string_view t, std::size_t j, bool* space = nullptr) {
  const auto byte = [&](std::size_t k) { return k < t.size() ? static_cast<unsigned char>(t[k]) : 0u; };
  std::size_t len = 0;
  bool is_space = false;
  if (byte(j) == 0xC2 && byte(j + 1) == 0xA0) {
    len = 2, is_space = true;
  } else if (byte(j) == 0xE2 && byte(j + 1) == 0x80 && byte(j + 2) >= 0x90 && byte(j + 2) <= 0x95) {
    len = 3;
  } else if (byte(j) == 0xE2 && byte(j + 1) == 0x80 && byte(j + 2) == 0xAF) {
    len = 3, is_space = true;
  } else if (byte(j) == 0xE2 && byte(j + 1) == 0x88 && byte(j + 2) == 0x92) {
    len = 3;
  }
  if (space) *space = is_space;
  return len;
}

// True when the byte before `i` belongs to a word, so a number starting at `i` is glued to it
// ("A12", "é5"); a Unicode space or dash before it is a separator, not part of a word.
bool word_before(std::string_view t, std::size_t i) {
  if (i == 0 || !is_word_byte(t[i - 1])) return false;
  if (static_cast<unsigned char>(t[i - 1]) < 0x80) return true;
  return !((i >= 2 && unicode_separator(t, i - 2) == 2) || (i >= 3 && unicode_separator(t, i - 3) == 3));
}

// True when `keyword` ends within `reach` bytes before `i`, with only letters, spaces and : . - ( )
// between ("bsn: ", "BSN-nummer is ", "geboren op "): the word that says what the number is.
bool keyword_before(std::string_view t, std::size_t i, std::string_view keyword, std::size_t reach) {
  const std::size_t from = i > reach + keyword.size() ? i - reach - keyword.size() : 0;
  for (std::size_t k = i; k-- > from;) {
    const char c = t[k];
    if (!(is_alpha(c) || c == ' ' || c == ':' || c == '.' || c == '-' || c == '(' || c == ')')) return false;
    if (k + keyword.size() <= i && starts_with_ci(t, k, keyword) && (k == 0 || !is_alpha(t[k - 1])) &&
        (k + keyword.size() == i || !is_alpha(t[k + keyword.size()])))
      return true;
  }
  return false;
}

// Where the kinds that hold digits (IBAN, BSN, phone, postcode, plate, address) can start: from a
// little before each run of digits to its last digit. Every such match has a digit within
// kLookBehind bytes of its start ("+31", "(020)", "AB-CD-1"), so the finders skip the rest of the
// text, which in most answers is nearly all of it.
class DigitZones {
 public:
  static constexpr std::size_t kLookBehind = 12;
  explicit DigitZones(std::string_view t) : end_(t.size()) {
    for (std::size_t i = bytes::find_digit(t, 0); i < t.size(); i = bytes::find_digit(t, i + 1)) {
      const std::size_t begin = i > kLookBehind ? i - kLookBehind : 0;
      while (i < t.size() && is_digit(t[i])) ++i;
      if (!zones_.empty() && zones_.back().second >= begin) zones_.back().second = i;
      else zones_.emplace_back(begin, i);
    }
  }
  // The first candidate start at or after `i`: `i` inside a zone, else the next zone's start, else
  // the text's size. Calls must not go backwards (the cursor only moves on).
  std::size_t skip(std::size_t i) const {
    while (next_ < zones_.size() && zones_[next_].second <= i) ++next_;
    if (next_ == zones_.size()) return end_;
    return std::max(i, zones_[next_].first);
  }
  void rewind() const { next_ = 0; }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> zones_;  // [begin, end) of candidate starts
  std::size_t end_;
  mutable std::size_t next_ = 0;
};

// Ranked by how specific a kind's evidence is: on overlap the higher rank wins.
int rank(PiiKind k) {
  switch (k) {
    case PiiKind::kUrl: return 0;
    case PiiKind::kEmail: return 1;
    case PiiKind::kIban: return 2;
    case PiiKind::kBsn: return 3;
    case PiiKind::kPhone: return 4;
    case PiiKind::kPlate: return 5;
    case PiiKind::kAddress: return 6;
    case PiiKind::kPostcode: return 7;
    case PiiKind::kBirthDate: return 2;  // found by its keyword: outranks a phone or postcode reading
    case PiiKind::kName: return 8;
  }
  return 9;
}

constexpr std::array<std::string_view, 12> kTlds = {"nl", "com", "org", "net", "eu", "be", "info",
                                                    "nu", "io",  "de",  "frl", "gov"};

void find_urls(std::string_view t, std::vector<PiiMatch>& out) {
  std::size_t i = 0;
  while (i < t.size()) {
    bool word_start = i == 0 || !is_word_byte(t[i - 1]);
    std::size_t ext = i;
    bool slash = false;  // in the extent: without one it is no bare domain with a path
    for (; ext < t.size() && t[ext] != ' ' && t[ext] != '\n' && t[ext] != '\t' && t[ext] != '\r'; ++ext) slash |= t[ext] == '/';
    if (word_start && (starts_with_ci(t, i, "http://") || starts_with_ci(t, i, "https://") || starts_with_ci(t, i, "www."))) {
      std::size_t e = trim_trailing(t, i, ext);
      if (e > i + 6) out.push_back({i, e, PiiKind::kUrl});
      i = ext;
      continue;
    }
    if (word_start && slash && is_alnum(t[i])) {
      // A bare domain with a path: "eindhoven.nl/afval".
      std::string_view chunk = t.substr(i, trim_trailing(t, i, ext) - i);
      std::size_t slash = chunk.find('/');
      if (slash != std::string_view::npos && chunk.find('@') == std::string_view::npos) {
        std::string_view host = chunk.substr(0, slash);
        std::size_t dot = host.rfind('.');
        bool host_ok = dot != std::string_view::npos && dot > 0 &&
                       std::all_of(host.begin(), host.end(), [](char c) { return is_alnum(c) || c == '.' || c == '-'; });
        if (host_ok) {
          std::string tld;
          for (char c : host.substr(dot + 1)) tld += lower(c);
          if (std::find(kTlds.begin(), kTlds.end(), tld) != kTlds.end() && slash + 1 < chunk.size()) {
            out.push_back({i, i + chunk.size(), PiiKind::kUrl});
            i = ext;
            continue;
          }
        }
      }
    }
    i = ext < t.size() ? ext + 1 : ext;
  }
}

void find_emails(std::string_view t, std::vector<PiiMatch>& out) {
  auto local = [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && local(t[b - 1])) --b;
    while (b < at && (t[b] == '.' || t[b] == '-')) ++b;
    std::size_t e = at + 1;
    while (e < t.size() && (is_alnum(t[e]) || t[e] == '.' || t[e] == '-')) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
    std::string_view domain = t.substr(at + 1, e - at - 1);
    std::size_t dot = domain.rfind('.');
    if (b == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) continue;
    bool tld_letters = std::all_of(domain.begin() + static_cast<std::ptrdiff_t>(dot) + 1, domain.end(), is_alpha);
    if (tld_letters) out.push_back({b, e, PiiKind::kEmail});
  }
}

// IBAN: country letters, check digits, then up to 30 letters/digits, optionally in groups of four.
void find_ibans(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 0; i + 15 <= t.size(); ++i) {
    if ((i = zones.skip(i)) + 15 > t.size()) break;
    if (!(is_alpha(t[i]) && is_alpha(t[i + 1]) && is_digit(t[i + 2]) && is_digit(t[i + 3]))) continue;
    if (i > 0 && is_word_byte(t[i - 1])) continue;
    std::string compact;
    std::size_t j = i, best_end = 0;
    while (j < t.size() && compact.size() < 34) {
      if (is_alnum(t[j])) {
        compact += t[j++];
        // A valid IBAN ends at a group or word boundary.
        if (compact.size() >= 15 && (j == t.size() || !is_alnum(t[j])) && iban_valid(compact)) best_end = j;
      } else if (t[j] == ' ' && j + 1 < t.size() && is_alnum(t[j + 1]) && compact.size() % 4 == 0) {
        ++j;
      } else {
        break;
      }
    }
    if (best_end) {
      out.push_back({i, best_end, PiiKind::kIban});
      i = best_end;
    }
  }
}

// A run of digits with the separators phone numbers, BSNs and postcodes are written with.
struct DigitRun {
  std::size_t begin, end;
};

// Words after a number that make it a count, an amount or a duration, never personal data.
bool count_word_follows(std::string_view t, std::size_t at) {
  while (at < t.size() && t[at] == ' ') ++at;
  static constexpr std::array<std::string_view, 22> kUnits = {
      "keer", "weken", "week", "dagen", "dag", "maanden", "maand", "jaar", "jaren", "minuten", "min",
      "uur", "euro", "eur", "kilometer", "km", "meter", "seconden", "sec", "procent", "personen", "stuks"};
  for (auto u : kUnits)
    if (starts_with_ci(t, at, u) && (at + u.size() == t.size() || !is_alpha(t[at + u.size()]))) return true;
  return at < t.size() && (t[at] == '%' || (t[at] == 'x' && (at + 1 == t.size() || !is_alpha(t[at + 1]))));
}

// Where a phone number's digits start and what kind of number its prefix makes it.
struct PhonePrefix {
  std::size_t digits_at;  // first byte after the prefix
  bool dutch_international = false;  // +31, 0031: 9 more digits
  bool foreign = false;              // +32, 0044, …: 8 to 15 digits in all, country code included
};

// Reads "+31", "0031", "(+32)", "+44", "0049", "(" at `i`; false when no phone number starts there.
bool read_phone_prefix(std::string_view t, std::size_t i, PhonePrefix& p) {
  std::size_t j = i;
  if (t[j] == '(' && j + 1 < t.size() && t[j + 1] == '+') ++j;  // "(+32)25426511"
  const auto digit_at = [&](std::size_t k) { return k < t.size() && is_digit(t[k]); };
  if (t[j] == '+') {
    if (!digit_at(j + 1) || t[j + 1] == '0') return false;
    p.dutch_international = t[j + 1] == '3' && j + 2 < t.size() && t[j + 2] == '1';
    p.foreign = !p.dutch_international;
    j += p.dutch_international ? 3 : 1;
  } else if (t.substr(j, 4) == "0031") {
    p.dutch_international = true;
    j += 4;
  } else if (t.substr(j, 2) == "00" && digit_at(j + 2) && t[j + 2] != '0') {
    p.foreign = true;
    j += 2;
  } else if (t[j] == '(') {
    ++j;
  }
  p.digits_at = j;
  return true;
}

// Reads the digit groups of a phone number from `p.digits_at`; returns where the number ends, or
// 0 when the digits make no whole number of the prefix's kind.
std::size_t read_phone_digits(std::string_view t, const PhonePrefix& p) {
  const bool international = p.dutch_international || p.foreign;
  const std::size_t want = p.foreign ? 15 : international ? 9 : 10;
  std::string digits;
  std::size_t j = p.digits_at, end = 0, mobile_end = 0;
  char last_sep = 0;
  while (j < t.size()) {
    if (is_digit(t[j])) {
      digits += t[j++];
      last_sep = 0;
      const bool boundary = j == t.size() || !is_digit(t[j]);
      if (!boundary) continue;
      if (p.foreign) {
        if (digits.size() >= 8 && digits.size() <= want) end = j;  // the longest reading wins
        if (digits.size() >= want) break;
        continue;
      }
      if (digits.size() == want) {
        if (international ? digits[0] != '0' : digits[0] == '0') return j;
        return mobile_end;  // ten digits, but not from 0: at most a mobile number read before
      }
      // A mobile number without its 0: "612345678", "6-12345678".
      if (!international && digits.size() == 9 && digits[0] == '6') mobile_end = j;
      const bool service = !international && (digits.rfind("0800", 0) == 0 || digits.rfind("090", 0) == 0);
      if (service && (digits.size() == 8 || digits.size() == 11)) {
        end = j;  // 0800-1234, 0900-1234567: service numbers
        if (digits.size() == 11) break;
      }
      if (digits.size() > want) break;
      continue;
    }
    // "(0)" after +31 is the trunk prefix, written but not dialled.
    if (p.dutch_international && digits.empty() && t.substr(j, 3) == "(0)") {
      j += 3;
      continue;
    }
    bool unicode_space = false;
    const std::size_t unicode = unicode_separator(t, j, &unicode_space);
    const char sep_char = unicode ? (unicode_space ? ' ' : '-') : t[j];
    const bool sep = unicode || t[j] == ' ' || t[j] == '-' || t[j] == '.' || t[j] == ')' || t[j] == '(';
    // One separator between digit groups; ") " as in "(040) 123 4567" counts as one.
    if (!sep || (last_sep && !(last_sep == ')' && sep_char == ' '))) break;
    // Allow "020 - 123 45 67": a dash with spaces around it counts as one separator.
    if (t[j] == ' ' && j + 2 < t.size() && t[j + 1] == '-' && t[j + 2] == ' ') j += 2;
    last_sep = sep_char;
    j += unicode ? unicode : 1;
  }
  return end ? end : mobile_end;
}

void find_phones(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((i = zones.skip(i)) >= t.size()) break;
    char c = t[i];
    bool start = c == '+' || is_digit(c) || c == '(';
    if (!start || word_before(t, i) ||
        (i > 0 && (t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-' || t[i - 1] == '/' || t[i - 1] == '+')))
      continue;
    PhonePrefix prefix;
    if (!read_phone_prefix(t, i, prefix)) continue;
    const std::size_t end = read_phone_digits(t, prefix);
    if (!end) continue;
    // Not followed by more of a number or a word glued to it.
    if (end < t.size() && (is_word_byte(t[end]) || ((t[end] == '-' || t[end] == '/') && end + 1 < t.size() && is_digit(t[end + 1]))))
      continue;
    if (count_word_follows(t, end)) continue;
    // "(06-12345678)": the brackets enclose the number; "(040) 123 4567", "(+32)2…": part of it.
    std::size_t begin = i;
    if (t[i] == '(') {
      std::size_t close = t.find(')', i);
      if (close == std::string_view::npos || close >= end) begin = i + 1;
    }
    out.push_back({begin, end, PiiKind::kPhone});
    i = end;
  }
}

void find_bsns(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((i = zones.skip(i)) >= t.size()) break;
    if (!is_digit(t[i]) || word_before(t, i) || (i > 0 && (t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-' || t[i - 1] == '+')))
      continue;
    // 123456782, 123.456.782 or 123 456 782
    std::string digits;
    std::size_t j = i;
    char sep = 0;
    while (j < t.size() && digits.size() < 10) {
      if (is_digit(t[j])) {
        digits += t[j++];
        continue;
      }
      if ((t[j] == '.' || t[j] == ' ') && (digits.size() == 3 || digits.size() == 6) && j + 1 < t.size() &&
          is_digit(t[j + 1]) && (sep == 0 || sep == t[j])) {
        sep = t[j++];
        continue;
      }
      break;
    }
    // Not glued to a word or another number; "123456782, slecht": a comma after it ends it, one
    // between digits ("123456782,50") makes it an amount.
    if (digits.size() != 9 || (j < t.size() && (is_word_byte(t[j]) || ((t[j] == ',' || t[j] == '.') && j + 1 < t.size() && is_digit(t[j + 1])))))
      continue;
    if (!bsn_valid(digits)) continue;
    out.push_back({i, j, PiiKind::kBsn});
    i = j;
  }
}

// True when a word right before `i` says the number there is a BSN.
bool bsn_keyword_before(std::string_view t, std::size_t i) {
  static constexpr std::array<std::string_view, 5> kKeywords = {"bsn", "burgerservicenummer", "sofinummer",
                                                                "sofi-nummer", "sofi nummer"};
  return std::any_of(kKeywords.begin(), kKeywords.end(), [&](std::string_view k) { return keyword_before(t, i, k, 12); });
}

// A number that a word names as a BSN ("bsn 1234.56.782", "BSN-nummer: 12 34 56 782"): 8 or 9 digits
// in any grouping, masked whether or not it passes the 11-test (a mistyped BSN is still one).
void find_named_bsns(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((i = zones.skip(i)) >= t.size()) break;
    if (!is_digit(t[i]) || word_before(t, i)) continue;
    std::size_t j = i, digits = 0;
    while (j < t.size() && digits <= 9) {
      if (is_digit(t[j])) {
        ++digits, ++j;
      } else if ((t[j] == '.' || t[j] == ' ' || t[j] == '-') && j + 1 < t.size() && is_digit(t[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    if (digits < 8 || digits > 9 || (j < t.size() && is_word_byte(t[j])) || !bsn_keyword_before(t, i)) continue;
    out.push_back({i, j, PiiKind::kBsn});
    i = j;
  }
}

// The end of a date at `i`: 12-03-1961, 12/3/61, 12.03.1961, 1961-03-12 or 12 maart 1961; 0 if none.
std::size_t date_end(std::string_view t, std::size_t i) {
  const auto digits_from = [&](std::size_t k) {
    std::size_t e = k;
    while (e < t.size() && is_digit(t[e])) ++e;
    return e - k;
  };
  const std::size_t first = digits_from(i);
  std::size_t j = i + first;
  if (j < t.size() && (t[j] == '-' || t[j] == '/' || t[j] == '.') && (first <= 2 || first == 4)) {
    const char sep = t[j];
    const std::size_t second = digits_from(j + 1);
    std::size_t k = j + 1 + second;
    if (second < 1 || second > 2 || k >= t.size() || t[k] != sep) return 0;
    const std::size_t third = digits_from(k + 1);
    const bool ok = first == 4 ? third >= 1 && third <= 2 : third == 2 || third == 4;
    return ok ? k + 1 + third : 0;
  }
  static constexpr std::array<std::string_view, 21> kMonths = {
      "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
      "december", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "okt"};
  if (first > 2 || j >= t.size() || t[j] != ' ') return 0;
  for (auto m : kMonths) {
    std::size_t k = j + 1;
    if (!starts_with_ci(t, k, m)) continue;
    k += m.size();
    if (k < t.size() && t[k] == '.') ++k;
    if (k + 1 < t.size() && t[k] == ' ' && digits_from(k + 1) == 4) return k + 5;
  }
  return 0;
}

// Dates of birth: a date right after "geboren", "geb.", "geboortedatum", "geb.datum".
void find_birth_dates(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  static constexpr std::array<std::string_view, 5> kKeywords = {"geboren", "geb.", "geboortedatum", "geb.datum",
                                                                "geboortedag"};
  zones.rewind();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((i = zones.skip(i)) >= t.size()) break;
    if (!is_digit(t[i]) || word_before(t, i)) continue;
    const std::size_t end = date_end(t, i);
    if (!end || (end < t.size() && is_word_byte(t[end]))) continue;
    if (!std::any_of(kKeywords.begin(), kKeywords.end(), [&](std::string_view k) { return keyword_before(t, i, k, 10); }))
      continue;
    out.push_back({i, end, PiiKind::kBirthDate});
    i = end;
  }
}

bool common_two_letter_word(char a, char b) {
  static constexpr std::array<std::string_view, 40> kWords = {
      "de", "en", "is", "op", "in", "te", "om", "na", "al", "zo", "ja", "nu", "of", "ik", "je", "we", "ze", "er", "af", "an",
      "as", "be", "do", "el", "ex", "id", "la", "me", "pa", "ma", "re", "to", "uw", "mn", "zn", "km", "cm", "mm", "kg", "pm"};
  char w[2] = {lower(a), lower(b)};
  for (auto k : kWords)
    if (k[0] == w[0] && k[1] == w[1]) return true;
  return false;
}

void find_postcodes(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 0; i + 6 <= t.size(); ++i) {
    if ((i = zones.skip(i)) + 6 > t.size()) break;
    if (!is_digit(t[i]) || t[i] == '0' || (i > 0 && (is_word_byte(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-')))
      continue;
    if (!(is_digit(t[i + 1]) && is_digit(t[i + 2]) && is_digit(t[i + 3]))) continue;
    std::size_t j = i + 4;
    if (j < t.size() && t[j] == ' ') ++j;
    if (j + 2 > t.size() || !is_alpha(t[j]) || !is_alpha(t[j + 1])) continue;
    if (j + 2 < t.size() && is_word_byte(t[j + 2])) continue;
    char a = static_cast<char>(lower(t[j])), b = static_cast<char>(lower(t[j + 1]));
    if (a == 's' && (b == 'a' || b == 'd' || b == 's')) continue;  // never issued
    bool upper = is_upper(t[j]) && is_upper(t[j + 1]);
    // In lower case ("5684 zc") only when the letters are no common word ("2026 en").
    if (!upper && common_two_letter_word(t[j], t[j + 1])) continue;
    if (!upper && j == i + 5 && !(is_upper(t[j]) || is_upper(t[j + 1])) && common_two_letter_word(a, b)) continue;
    out.push_back({i, j + 2, PiiKind::kPostcode});
    i = j + 1;
  }
}

// Dutch licence plates are six letters and digits in three dash-separated groups (sidecodes).
void find_plates(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((i = zones.skip(i)) >= t.size()) break;
    if (!is_alnum(t[i]) || (i > 0 && (is_word_byte(t[i - 1]) || t[i - 1] == '-'))) continue;
    std::size_t groups[3][2];
    std::size_t j = i;
    int g = 0;
    bool ok = true;
    while (g < 3) {
      std::size_t b = j;
      bool letters = is_alpha(t[j]);
      // A group longer than three fails whatever its length: stop counting at four.
      while (j < t.size() && j - b <= 3 && (letters ? is_alpha(t[j]) : is_digit(t[j]))) ++j;
      if (j == b || j - b > 3) {
        ok = false;
        break;
      }
      groups[g][0] = b;
      groups[g][1] = j;
      ++g;
      if (g < 3) {
        if (j + 1 >= t.size() || t[j] != '-' || !is_alnum(t[j + 1])) {
          ok = false;
          break;
        }
        ++j;
      }
    }
    if (!ok || (j < t.size() && (is_word_byte(t[j]) || (t[j] == '-' && j + 1 < t.size() && is_alnum(t[j + 1]))))) continue;
    std::size_t total = 0, letter_groups = 0;
    bool all_upper = true, all_lower = true;
    for (auto& gr : groups) {
      total += gr[1] - gr[0];
      if (is_alpha(t[gr[0]])) {
        ++letter_groups;
        for (std::size_t k = gr[0]; k < gr[1]; ++k) {
          all_upper &= is_upper(t[k]);
          all_lower &= is_lower(t[k]);
        }
      }
    }
    if (total != 6 || letter_groups == 0 || letter_groups == 3 || !(all_upper || all_lower)) continue;
    // Two adjacent groups of the same kind would have been one group: sidecodes alternate.
    if (is_alpha(t[groups[0][0]]) == is_alpha(t[groups[1][0]]) && is_alpha(t[groups[1][0]]) == is_alpha(t[groups[2][0]]))
      continue;
    out.push_back({i, j, PiiKind::kPlate});
    i = j;
  }
}

constexpr std::array<std::string_view, 40> kStreetSuffixes = {
    "straat", "laan",  "weg",   "plein", "gracht", "kade",     "singel", "dijk",  "dreef", "hof",
    "pad",    "steeg", "park",  "markt", "boulevard", "baan",  "ring",   "veld",  "akker", "erf",
    "hoeve",  "wal",   "burg",  "plantsoen", "allee", "dam",   "haven",  "brink", "gaarde", "hage",
    "oord",   "sluis", "zoom",  "donk",  "horst",  "kamp",     "hout",   "straatweg", "vaart", "dreve"};

bool is_particle(std::string_view w) {
  static constexpr std::array<std::string_view, 9> kParticles = {"van", "de", "der", "den", "het", "ter", "ten", "'t", "la"};
  return std::find(kParticles.begin(), kParticles.end(), w) != kParticles.end();
}

void find_addresses(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 1; i < t.size(); ++i) {
    if ((i = zones.skip(i)) >= t.size()) break;
    if (!is_digit(t[i]) || t[i - 1] != ' ') continue;
    // The house number: 1-4 digits, an optional letter or addition (12a, 14-2, 112 bis).
    std::size_t j = i;
    while (j < t.size() && is_digit(t[j])) ++j;
    if (j - i > 4) continue;
    std::size_t num_end = j;
    if (j < t.size() && is_alpha(t[j]) && (j + 1 == t.size() || !is_alpha(t[j + 1]))) num_end = ++j;
    else if (j + 1 < t.size() && t[j] == '-' && is_digit(t[j + 1])) {
      j += 1;
      while (j < t.size() && is_digit(t[j])) ++j;
      num_end = j;
    } else if (starts_with_ci(t, j, " bis") && (j + 4 == t.size() || !is_alpha(t[j + 4]))) {
      num_end = j + 4;
    }
    if (num_end < t.size() && (is_digit(t[num_end]) || (t[num_end] == ',' && num_end + 1 < t.size() && is_digit(t[num_end + 1]))))
      continue;
    if (count_word_follows(t, num_end)) continue;
    // The street word right before it.
    std::size_t we = i - 1, wb = we;
    while (wb > 0 && (is_alpha(t[wb - 1]) || static_cast<unsigned char>(t[wb - 1]) >= 0x80 || t[wb - 1] == '-')) --wb;
    if (wb == we) continue;
    std::string word;
    for (std::size_t k = wb; k < we; ++k) word += lower(t[k]);
    bool capital = is_upper(t[wb]);
    bool street = false;
    for (auto s : kStreetSuffixes) {
      if (word.size() < s.size() || word.compare(word.size() - s.size(), s.size(), s) != 0) continue;
      // "Markt 1" needs its capital; a lower-case street name needs more than the bare suffix.
      street = capital || word.size() >= s.size() + 3;
      if (street) break;
    }
    if (!street) continue;
    // Name words before it: "Willem de Zwijgerlaan", "Van der Valk Boschstraat".
    std::size_t begin = wb;
    for (int words = 0; words < 4 && begin >= 2 && t[begin - 1] == ' '; ++words) {
      std::size_t pe = begin - 1, pb = pe;
      while (pb > 0 && (is_alpha(t[pb - 1]) || t[pb - 1] == '\'')) --pb;
      if (pb == pe) break;
      std::string prev;
      for (std::size_t k = pb; k < pe; ++k) prev += lower(t[k]);
      bool cap = is_upper(t[pb]);
      if (!cap && !is_particle(prev)) break;
      if (!cap) {
        // A particle belongs to the name only when a capitalised word stands before it.
        std::size_t qe = pb >= 1 && t[pb - 1] == ' ' ? pb - 1 : pb, qb = qe;
        while (qb > 0 && is_alpha(t[qb - 1])) --qb;
        if (qb == qe || !is_upper(t[qb])) break;
      }
      begin = pb;
    }
    out.push_back({begin, num_end, PiiKind::kAddress});
    i = num_end;
  }
}

// A capital letter at `i`: ASCII, or Latin-1's À..Þ in UTF-8 ("Özil", "Çelik").
bool capital_at(std::string_view t, std::size_t i) {
  if (i >= t.size()) return false;
  const auto c = static_cast<unsigned char>(t[i]);
  if (is_upper(t[i])) return true;
  return c == 0xC3 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(t[i + 1]) <= 0x9E && static_cast<unsigned char>(t[i + 1]) != 0x97;
}

// The end of the word at `i`: letters (any script), and - or ' inside it.
std::size_t word_end(std::string_view t, std::size_t i) {
  std::size_t e = i;
  while (e < t.size() && (is_alpha(t[e]) || static_cast<unsigned char>(t[e]) >= 0x80 ||
                          ((t[e] == '-' || t[e] == '\'') && e + 1 < t.size() && is_alpha(t[e + 1]))))
    ++e;
  return e;
}

// Capitalised words that follow "ik ben" without being a name ("Ik ben Wmo-cliënt").
bool not_a_name(std::string_view word) {
  static constexpr std::array<std::string_view, 34> kWords = {
      "wmo", "nederlander", "nederlands", "mantelzorger", "bewoner", "inwoner", "ondernemer", "eigenaar",
      "klant", "gepensioneerd", "student", "moeder", "vader", "oud", "blij", "boos", "tevreden", "ontevreden",
      "erg", "zeer", "heel", "echt", "niet", "wel", "het", "er", "al", "nog", "ook", "zo", "best", "zeker",
      "bang", "teleurgesteld"};
  std::string lower_word;
  for (char c : word) lower_word += lower(c);
  const std::string_view w = lower_word;
  const std::string_view head = w.substr(0, w.find('-'));
  return std::find(kWords.begin(), kWords.end(), head) != kWords.end();
}

// The name a resident gives at `i`: capitalised words ("Jan", "El-Amrani"), initials ("J."), and
// the particles between them ("de", "van der", "'t"), ending at the last capitalised word; `i` if
// there is none. All-capital words count only when `caps` allows them (a signature, not "ik ben
// ZEER boos").
std::size_t name_end(std::string_view t, std::size_t i, bool caps) {
  std::size_t end = i, at = i;
  for (int words = 0; words < 6 && at < t.size(); ++words) {
    std::size_t e = word_end(t, at);
    if (e == at) break;
    const std::string_view word = t.substr(at, e - at);
    const bool all_caps = word.size() > 1 && std::all_of(word.begin(), word.end(), [](char c) { return !is_lower(c); });
    if (e - at == 1 && is_upper(t[at]) && e < t.size() && t[e] == '.') {
      end = ++e;  // an initial
    } else if (capital_at(t, at) && (caps || !all_caps)) {
      if (end == i && not_a_name(word)) return i;
      end = e;
    } else if (end == i || !is_particle(word)) {
      break;
    }
    at = e;
    if (at >= t.size() || t[at] != ' ') break;
    ++at;
  }
  return end;
}

// Whether the words right before `at` (spaces, new lines and commas skipped) are one of the
// phrases residents introduce their name with: "mijn naam is", "ik ben", "ik heet", or the
// greeting of a signature ("met vriendelijke groet,\n"). Sets `signature` for the latter.
bool name_trigger_before(std::string_view t, std::size_t at, bool& signature) {
  // Introductions and signatures first (index 3..6: signatures), then the words residents put
  // before the name of a member of staff ("geholpen door Jeroen", "mevrouw Jansen", "consulent Anne").
  static constexpr std::array<std::string_view, 20> kTriggers = {
      "mijn naam is", "ik ben",    "ik heet",     "groet",       "groeten",    "groetjes",   "gr.",
      "door",         "mevrouw",   "meneer",      "mevr.",       "mw.",        "dhr.",       "collega",
      "medewerker",   "medewerkster", "consulent", "consulente", "behandelaar", "contactpersoon"};
  std::size_t e = at;
  bool comma_or_newline = false;
  while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\r' || t[e - 1] == ',')) {
    comma_or_newline |= t[e - 1] != ' ';
    --e;
  }
  // Every inner capital asks: the byte before the name is compared first, which most triggers
  // do not end with, before the whole trigger.
  const char last = e > 0 ? lower(t[e - 1]) : '\0';
  for (std::size_t k = 0; k < kTriggers.size(); ++k) {
    const std::string_view trigger = kTriggers[k];
    if (e < trigger.size() || trigger.back() != last || !starts_with_ci(t, e - trigger.size(), trigger)) continue;
    const std::size_t b = e - trigger.size();
    if (b > 0 && is_alpha(t[b - 1])) continue;
    signature = k >= 3 && k <= 6;
    if (signature && !comma_or_newline && e != at - 1) continue;
    if (k > 6 && e != at - 1) continue;  // staff: the name right after the word, one space between
    return true;
  }
  return false;
}

// Names residents introduce themselves with: "mijn naam is Jan de Vries", "ik ben Piet", "ik heet
// Fatima El-Amrani", the signature under "met vriendelijke groet, J. Jansen", and the names of staff
// they praise or blame: "geholpen door Jeroen", "mevrouw De Boer", "consulent Anne". Only where a
// capital says it is a name (so only in original text): each capitalised word inside a sentence
// is looked at, and the few words before it.
void find_names(std::string_view t, std::vector<PiiMatch>& out) {
  std::size_t done = 0;
  bytes::for_each_inner_capital(t, [&](std::size_t i) {
    bool signature = false;
    if (i < done || !name_trigger_before(t, i, signature)) return;
    const std::size_t end = name_end(t, i, signature);
    if (end > i) out.push_back({i, end, PiiKind::kName});
    done = end;
  });
}

// The findings to keep: on overlap the more specific kind wins (rank), then the earlier one.
std::vector<PiiMatch> finish_matches(std::vector<PiiMatch>& candidates) {
  if (candidates.empty()) return {};
  std::stable_sort(candidates.begin(), candidates.end(), [](const PiiMatch& a, const PiiMatch& b) {
    if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
    return a.begin < b.begin;
  });
  std::vector<PiiMatch> chosen;
  for (const auto& c : candidates) {
    bool overlaps = std::any_of(chosen.begin(), chosen.end(),
                                [&](const PiiMatch& m) { return c.begin < m.end && m.begin < c.end; });
    if (!overlaps) chosen.push_back(c);
  }
  std::sort(chosen.begin(), chosen.end(), [](const PiiMatch& a, const PiiMatch& b) { return a.begin < b.begin; });
  return chosen;
}

}  // namespace

std::string_view pii_placeholder(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "[EMAIL]";
    case PiiKind::kPhone: return "[TELEFOON]";
    case PiiKind::kPostcode: return "[POSTCODE]";
    case PiiKind::kAddress: return "[ADRES]";
    case PiiKind::kBsn: return "[BSN]";
    case PiiKind::kIban: return "[IBAN]";
    case PiiKind::kPlate: return "[KENTEKEN]";
    case PiiKind::kUrl: return "[URL]";
    case PiiKind::kName: return "[NAAM]";
    case PiiKind::kBirthDate: return "[GEBOORTEDATUM]";
  }
  return "[?]";
}

bool bsn_valid(std::string_view digits) {
  if (digits.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (std::size_t k = 0; k < 9; ++k) {
    if (!is_digit(digits[k])) return false;
    int d = digits[k] - '0';
    all_zero &= d == 0;
    sum += k < 8 ? d * static_cast<int>(9 - k) : -d;
  }
  return !all_zero && sum % 11 == 0;
}

bool iban_valid(std::string_view compact) {
  if (compact.size() < 15 || compact.size() > 34) return false;
  if (!is_alpha(compact[0]) || !is_alpha(compact[1]) || !is_digit(compact[2]) || !is_digit(compact[3])) return false;
  int remainder = 0;
  auto feed = [&](char c) -> bool {
    if (is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (is_alpha(c)) {
      int v = lower(c) - 'a' + 10;
      remainder = (remainder * 100 + v) % 97;
    } else {
      return false;
    }
    return true;
  };
  for (std::size_t k = 4; k < compact.size(); ++k)
    if (!feed(compact[k])) return false;
  for (std::size_t k = 0; k < 4; ++k)
    if (!feed(compact[k])) return false;
  return remainder == 1;
}

std::vector<PiiMatch> find_pii(std::string_view text) {
  std::vector<PiiMatch> candidates;
  // Cheap exit: every kind needs a digit, an '@', or a web address marker; "www." is searched for
  // only in text that has a w.
  const bytes::PiiMarkers markers = bytes::pii_markers(text);
  const bool digit = markers.digit, at = markers.at, slash = markers.slash;
  bool www = false;
  if (markers.w) {
    // From each '.', which is rarer than a 'w': "www." ends there when the three bytes before are w's.
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* p = begin + 3; p < end && !www; ++p) {
      p = static_cast<const char*>(std::memchr(p, '.', static_cast<std::size_t>(end - p)));
      if (!p) break;
      www = starts_with_ci(text, static_cast<std::size_t>(p - 3 - begin), "www.");
    }
  }
  // A name stands where a word inside a sentence starts with a capital (a cheap scan finds them).
  find_names(text, candidates);
  if (!digit && !at && !slash && !www) return finish_matches(candidates);
  if (slash || www) find_urls(text, candidates);  // every URL form has a '/' or "www."
  if (at) find_emails(text, candidates);
  if (digit) {
    const DigitZones zones(text);
    find_ibans(text, zones, candidates);
    find_bsns(text, zones, candidates);
    find_named_bsns(text, zones, candidates);
    find_birth_dates(text, zones, candidates);
    find_phones(text, zones, candidates);
    find_plates(text, zones, candidates);
    find_addresses(text, zones, candidates);
    find_postcodes(text, zones, candidates);
  }
  return finish_matches(candidates);
}

std::string mask_pii(std::string_view text, std::vector<PiiMatch>* found) {
  std::vector<PiiMatch> matches = find_pii(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  for (const auto& m : matches) {
    out.append(text.substr(i, m.begin - i));
    out.append(pii_placeholder(m.kind));
    i = m.end;
  }
  out.append(text.substr(i));
  if (found) *found = std::move(matches);
  return out;
}

}  // namespace luister
