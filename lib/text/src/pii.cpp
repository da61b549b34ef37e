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

// Where the kinds that hold digits (IBAN, BSN, phone, postcode, plate, address) can start: from a
// little before each run of digits to its last digit. Every such match has a digit within
// kLookBehind bytes of its start ("+31", "(020)", "AB-CD-1"), so the finders skip the rest of the
// text, which in most answers is nearly all of it.
class DigitZones {
 public:
  static constexpr std::size_t kLookBehind = 12;
  explicit DigitZones(std::string_view t) : end_(t.size()) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!is_digit(t[i])) continue;
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
    while (ext < t.size() && t[ext] != ' ' && t[ext] != '\n' && t[ext] != '\t' && t[ext] != '\r') ++ext;
    if (word_start && (starts_with_ci(t, i, "http://") || starts_with_ci(t, i, "https://") || starts_with_ci(t, i, "www."))) {
      std::size_t e = trim_trailing(t, i, ext);
      if (e > i + 6) out.push_back({i, e, PiiKind::kUrl});
      i = ext;
      continue;
    }
    if (word_start && is_alnum(t[i])) {
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

void find_phones(std::string_view t, const DigitZones& zones, std::vector<PiiMatch>& out) {
  zones.rewind();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((i = zones.skip(i)) >= t.size()) break;
    char c = t[i];
    bool start = c == '+' || is_digit(c) || c == '(';
    if (!start || (i > 0 && (is_word_byte(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-' ||
                             t[i - 1] == '/' || t[i - 1] == '+')))
      continue;
    std::size_t j = i;
    std::string digits;
    bool international = false;
    if (t[j] == '+') {
      if (j + 2 >= t.size() || t[j + 1] != '3' || t[j + 2] != '1') continue;
      international = true;
      j += 3;
    } else if (t.substr(j, 4) == "0031") {
      international = true;
      j += 4;
    } else if (t[j] == '(') {
      ++j;
    }
    std::size_t want = international ? 9 : 10;
    std::size_t end = 0;
    char last_sep = 0;
    while (j < t.size()) {
      if (is_digit(t[j])) {
        digits += t[j++];
        last_sep = 0;
        bool boundary = j == t.size() || !is_digit(t[j]);
        if (digits.size() == want && boundary) {
          end = j;
          break;
        }
        bool service = !international && (digits.rfind("0800", 0) == 0 || digits.rfind("090", 0) == 0);
        if (service && (digits.size() == 8 || digits.size() == 11) && boundary) {
          end = j;  // 0800-1234, 0900-1234567: service numbers
          if (digits.size() == 11) break;
        }
        if (service && digits.size() == 10) continue;  // may go on to 11 digits
        if (digits.size() > want + (service ? 1 : 0)) break;
        continue;
      }
      // "(0)" after +31 is the trunk prefix, written but not dialled.
      if (international && digits.empty() && t.substr(j, 3) == "(0)") {
        j += 3;
        continue;
      }
      bool sep = t[j] == ' ' || t[j] == '-' || t[j] == '.' || t[j] == ')' || t[j] == '(';
      // One separator between digit groups; ") " as in "(040) 123 4567" counts as one.
      if (!sep || (last_sep && !(last_sep == ')' && t[j] == ' '))) break;
      // Allow "020 - 123 45 67": a dash with spaces around it counts as one separator.
      if (t[j] == ' ' && j + 2 < t.size() && t[j + 1] == '-' && t[j + 2] == ' ') j += 2;
      last_sep = t[j];
      ++j;
    }
    if (!end) continue;
    if (!international && digits[0] != '0') continue;
    if (international && digits[0] == '0') continue;
    // Not followed by more of a number or a word glued to it.
    if (end < t.size() && (is_word_byte(t[end]) || ((t[end] == '-' || t[end] == '/') && end + 1 < t.size() && is_digit(t[end + 1]))))
      continue;
    if (count_word_follows(t, end)) continue;
    // "(06-12345678)": the brackets enclose the number; "(040) 123 4567": they are part of it.
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
    if (!is_digit(t[i]) || (i > 0 && (is_word_byte(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-' || t[i - 1] == '+')))
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
    if (digits.size() != 9 || (j < t.size() && (is_word_byte(t[j]) || t[j] == ',' || (t[j] == '.' && j + 1 < t.size() && is_digit(t[j + 1])))))
      continue;
    if (!bsn_valid(digits)) continue;
    out.push_back({i, j, PiiKind::kBsn});
    i = j;
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
  if (!digit && !at && !slash && !www) return {};
  if (slash || www) find_urls(text, candidates);  // every URL form has a '/' or "www."
  if (at) find_emails(text, candidates);
  if (digit) {
    const DigitZones zones(text);
    find_ibans(text, zones, candidates);
    find_bsns(text, zones, candidates);
    find_phones(text, zones, candidates);
    find_plates(text, zones, candidates);
    find_addresses(text, zones, candidates);
    find_postcodes(text, zones, candidates);
  }
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
