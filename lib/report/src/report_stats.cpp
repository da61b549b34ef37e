// Intervals for small numbers, the evidence column, and answers made fit to quote.
#include <charconv>
#include <cmath>

#include <boost/algorithm/string/predicate.hpp>

#include "luister/base/utf8.hpp"
#include "luister/text/pii.hpp"
#include "luister/report/report.hpp"

namespace luister::report {

Interval wilson_interval(std::size_t k, std::size_t n, double z) {
  if (n == 0) return {0, 1};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double denominator = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval share_difference_interval(std::size_t k1, std::size_t n1, std::size_t k2, std::size_t n2, double z) {
  const double p1 = n1 ? static_cast<double>(k1) / static_cast<double>(n1) : 0;
  const double p2 = n2 ? static_cast<double>(k2) / static_cast<double>(n2) : 0;
  const Interval a = wilson_interval(k1, n1, z), b = wilson_interval(k2, n2, z);
  const double d = p1 - p2;
  return {d - std::sqrt((p1 - a.lo) * (p1 - a.lo) + (b.hi - p2) * (b.hi - p2)),
          d + std::sqrt((a.hi - p1) * (a.hi - p1) + (p2 - b.lo) * (p2 - b.lo))};
}

Interval mean_difference_interval(std::size_t n1, double sum1, double sum_sq1, std::size_t n2, double sum2,
                                  double sum_sq2, double z) {
  auto variance = [](std::size_t n, double sum, double sum_sq) {
    const double nn = static_cast<double>(n);
    return n < 2 ? 0.0 : std::max(0.0, (sum_sq - sum * sum / nn) / (nn - 1));
  };
  const double m1 = n1 ? sum1 / static_cast<double>(n1) : 0, m2 = n2 ? sum2 / static_cast<double>(n2) : 0;
  const double se = std::sqrt(variance(n1, sum1, sum_sq1) / static_cast<double>(std::max<std::size_t>(n1, 1)) +
                              variance(n2, sum2, sum_sq2) / static_cast<double>(std::max<std::size_t>(n2, 1)));
  return {m1 - m2 - z * se, m1 - m2 + z * se};
}

std::vector<EvidenceTerm> parse_evidence(std::string_view evidence) {
  std::vector<EvidenceTerm> terms;
  // Entries are separated by "; " outside brackets ("fijn +0.7 [stem:fijn, booster(heel x1.5)]").
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i <= evidence.size(); ++i) {
    const bool end = i == evidence.size();
    if (!end) {
      if (evidence[i] == '[') ++depth;
      else if (evidence[i] == ']' && depth > 0) --depth;
    }
    if (!end && !(depth == 0 && evidence[i] == ';' && i + 1 < evidence.size() && evidence[i + 1] == ' ')) continue;
    std::string_view entry = evidence.substr(start, i - start);
    start = i + 2;
    EvidenceTerm t;
    if (!entry.empty() && entry.back() == ']') {
      std::size_t open = entry.find(" [");
      if (open == std::string_view::npos) continue;
      t.rules = std::string(entry.substr(open + 2, entry.size() - open - 3));
      entry = entry.substr(0, open);
    }
    std::size_t space = entry.rfind(' ');
    if (space == std::string_view::npos || space == 0) continue;
    std::string_view number = entry.substr(space + 1);
    if (!number.empty() && number.front() == '+') number.remove_prefix(1);
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), t.contribution);
    if (ec != std::errc() || ptr != number.data() + number.size()) continue;
    t.term = std::string(entry.substr(0, space));
    terms.push_back(std::move(t));
  }
  return terms;
}

ComplimentTerm compliment_term(const EvidenceTerm& term) {
  if (term.contribution <= 0 || term.rules.find("negation after(") != std::string::npos) return {};
  bool letters = false;
  // ASCII letters, or the lead byte of a Latin letter with a diacritic (U+00C0..U+024F); emoji and
  // symbols start with 0xE2 or above.
  for (unsigned char c : term.term) letters |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC9);
  if (!letters) return {};
  ComplimentTerm out;
  out.key = term.term;
  out.phrase = term.term;
  // The rules are a comma-separated list; "stem:X" names the base form the lexicon matched.
  std::string_view rules = term.rules;
  while (!rules.empty()) {
    std::size_t comma = rules.find(", ");
    std::string_view rule = rules.substr(0, comma);
    rules = comma == std::string_view::npos ? std::string_view() : rules.substr(comma + 2);
    if (boost::algorithm::starts_with(rule, "stem:")) {
      out.key = std::string(rule.substr(5));
    } else if (boost::algorithm::starts_with(rule, "negation(") && rule.back() == ')') {
      std::string negator(rule.substr(9, rule.size() - 10));
      out.key = negator + " " + out.key;
      out.phrase = negator + " " + out.phrase;
    }
  }
  return out;
}

std::string quote_text(std::string_view text, std::size_t max_chars) {
  const std::string masked = mask_pii(text);
  std::string out;
  out.reserve(masked.size());
  bool space = false;
  for (char c : masked) {
    // Control characters and every kind of line break become one space.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ', space = false;
    out += c;
  }
  // Cut at a code point boundary, then back to the last space if there is one in the second half.
  std::size_t chars = 0, cut = std::string::npos;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max_chars) {
      cut = i;
      break;
    }
  }
  if (cut == std::string::npos) return out;
  std::size_t space_at = out.rfind(' ', cut);
  if (space_at != std::string::npos && space_at > cut / 2) cut = space_at;
  out.resize(cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  out += "\xE2\x80\xA6";  // …
  return out;
}

namespace {

// Characters that hide text or change its direction on screen: bidi embeddings, overrides,
// isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and C1 controls.
bool hidden_code_point(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// The code point of the valid UTF-8 sequence of `n` bytes at `p`.
char32_t decode_utf8(const unsigned char* p, int n) {
  if (n == 2) return (char32_t{p[0]} & 0x1F) << 6 | (p[1] & 0x3F);
  if (n == 3) return (char32_t{p[0]} & 0x0F) << 12 | (char32_t{p[1]} & 0x3F) << 6 | (p[2] & 0x3F);
  return (char32_t{p[0]} & 0x07) << 18 | (char32_t{p[1]} & 0x3F) << 12 | (char32_t{p[2]} & 0x3F) << 6 | (p[3] & 0x3F);
}

}  // namespace

std::string display_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (*p < 0x80) {  // C0 controls (but line feed and tab) and DEL go
      if (*p == '\n' || *p == '\t' || (*p >= 0x20 && *p != 0x7F)) out += static_cast<char>(*p);
      ++p;
      continue;
    }
    const int n = utf8_sequence(p, end);
    if (n <= 0) {  // not UTF-8: left for the writer (the reader lets none through)
      out += static_cast<char>(*p++);
      continue;
    }
    if (!hidden_code_point(decode_utf8(p, n))) out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    p += n;
  }
  return out;
}

std::string html_escape(std::string_view raw) {
  const std::string text = display_text(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view raw) {
  const std::string text = display_text(raw);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // "[" alone is plain text in Markdown; "](" and "][" would make a link.
    const bool link = c == ']' && i + 1 < text.size() && (text[i + 1] == '(' || text[i + 1] == '[');
    if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>' || c == '|' || link) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace luister::report
