// "Wat gaat goed": praise phrases and the grouping of near-duplicates ("snel", "snel geholpen").
#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>

#include "luister/report/report.hpp"

namespace luister::report {
namespace {

bool word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || b >= 0x80;
}

// Whether `a` holds every word of `b` and more (both sorted).
bool proper_superset(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() > b.size() && std::includes(a.begin(), a.end(), b.begin(), b.end());
}

// Which of two forms leads a group: more responses, then fewer words, then the smaller words and name.
bool leads(const PraiseForm& a, const PraiseForm& b) {
  if (a.responses != b.responses) return a.responses > b.responses;
  if (a.words.size() != b.words.size()) return a.words.size() < b.words.size();
  return std::tie(a.words, a.name) < std::tie(b.words, b.name);
}

// Whether `fuller` adds only the staff word to `shorter` ("vriendelijke medewerker" to "vriendelijk").
bool only_staff_added(const PraiseForm& fuller, const PraiseForm& shorter) {
  return fuller.words.size() == shorter.words.size() + 1 &&
         std::find(fuller.words.begin(), fuller.words.end(), "@staff") != fuller.words.end();
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

std::string praise_phrase(std::string_view text, const std::string& term, bool inflected,
                          const std::function<bool(const std::string&)>& staff) {
  if (!inflected || term.empty() || term.back() != 'e' || term.find(' ') != std::string::npos) return term;
  for (std::size_t at = text.find(term); at != std::string_view::npos; at = text.find(term, at + 1)) {
    const std::size_t end = at + term.size();
    if ((at > 0 && word_byte(text[at - 1])) || (end < text.size() && word_byte(text[end]))) continue;
    if (end + 1 >= text.size() || text[end] != ' ') return term;
    std::size_t next_end = end + 1;
    while (next_end < text.size() && word_byte(text[next_end])) ++next_end;
    const std::string next(text.substr(end + 1, next_end - end - 1));
    return !next.empty() && staff(next) ? term + " " + next : term;
  }
  return term;
}

std::vector<std::size_t> group_praise(const std::vector<PraiseForm>& forms) {
  const std::size_t n = forms.size();
  // A form nested in fuller ones joins the one that leads among them; the others are roots.
  // Only roots take members, so nothing chains.
  std::vector<bool> root(n, true);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n && root[i]; ++j) root[i] = !proper_superset(forms[j].words, forms[i].words);
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (root[i]) continue;
    std::optional<std::size_t> best;
    for (std::size_t j = 0; j < n; ++j)
      if (root[j] && proper_superset(forms[j].words, forms[i].words) && (!best || leads(forms[j], forms[*best]))) best = j;
    // A fuller form names the group, so it must be said often enough to speak for the short one:
    // "netjes" (5) is no "netjes uitgelegd" (1). Only a staff word adds nothing to check.
    if (best && (2 * forms[*best].responses >= forms[i].responses || only_staff_added(forms[*best], forms[i])))
      parent[i] = *best;
  }
  // Roots of one aspect with the same head word are one group, led by the one that leads.
  std::map<std::pair<std::string, std::string>, std::size_t> by_head;
  for (std::size_t i = 0; i < n; ++i) {
    if (parent[i] != i || forms[i].aspect.empty()) continue;
    auto [it, added] = by_head.try_emplace({forms[i].aspect, forms[i].head}, i);
    if (added) continue;
    if (leads(forms[i], forms[it->second])) {
      parent[it->second] = i;
      it->second = i;
    } else {
      parent[i] = it->second;
    }
  }
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = find_root(parent, i);
  return out;
}

}  // namespace luister::report
