#include "luister/cluster/quotes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "luister/base/data.hpp"
#include "luister/sentiment/sentiment.hpp"

namespace luister {

struct ThemeWords::Lists {
  StopWords stopwords;
  StopWords discourse{find_data_file("stopwords-cluster-nl.txt")};
  StopWords negators{find_data_file("negators-nl.txt")};
  std::set<std::string, std::less<>> boosters;
  Lists() {
    const std::string text = read_file(find_data_file("intensifiers-nl.tsv"));
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = std::min(text.find('\n', pos), text.size());
      std::string_view line(text.data() + pos, end - pos);
      pos = end + 1;
      if (line.empty() || line.front() == '#') continue;
      std::string_view term = line.substr(0, line.find('\t'));
      if (term.find(' ') == std::string_view::npos && term != "term") boosters.emplace(term);
    }
  }
};

ThemeWords::ThemeWords(const CompoundSplitter* splitter, const AspectTaxonomy* concepts)
    : lists_(std::make_unique<Lists>()), splitter_(splitter) {
  if (!concepts) return;
  concepts_ = std::make_unique<AspectMatcher>(*concepts, splitter);
  for (const Aspect& c : concepts->aspects()) {
    concept_keys_.push_back("#" + c.key);
    concept_types_.push_back(c.type);
  }
}

namespace {

// The lower-case words of `text` with "" where punctuation breaks a phrase, as AspectMatcher takes them.
std::vector<std::string> phrase_words(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  auto flush = [&] {
    if (!w.empty()) out.push_back(std::move(w));
    w.clear();
  };
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || b >= 0x80) {
      w += c;
    } else if (c >= 'A' && c <= 'Z') {
      w += static_cast<char>(c - 'A' + 'a');
    } else {
      flush();
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' || c == '\n')
        out.emplace_back();
    }
  }
  flush();
  return out;
}

}  // namespace
ThemeWords::~ThemeWords() = default;

std::vector<std::string> ThemeWords::words(std::string_view text) {
  std::vector<std::string> out = phrase_words(text);
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

bool ThemeWords::content(std::string_view w) const {
  return w.size() >= 3 && !lists_->stopwords.contains(w) && !lists_->discourse.contains(w) &&
         !lists_->negators.contains(w) && !lists_->boosters.count(w);
}

const std::string& ThemeWords::stem(const std::string& w) {
  auto it = stems_.find(w);
  if (it != stems_.end()) return it->second;
  if (stems_.size() > 200000) stems_.clear();
  return stems_.emplace(w, stemmer_.stem(w)).first->second;
}

std::set<std::string> ThemeWords::keys(std::string_view text) {
  std::set<std::string> out;
  const std::vector<std::string> ws = phrase_words(text);
  for (const std::string& w : ws) {
    if (w.empty() || !content(w)) continue;
    out.insert(stem(w));
    if (!splitter_) continue;
    auto parts = splitter_->split(w);
    if (parts.size() > 1)
      for (const auto& p : parts) out.insert(stem(p.word));
  }
  if (concepts_)
    for (const AspectMatch& m : concepts_->find_terms(ws)) out.insert(concept_keys_[m.aspect]);
  return out;
}

std::vector<std::string> ThemeWords::label_keys(std::string_view label) {
  const std::vector<std::string> ws = phrase_words(label);
  std::vector<AspectMatch> found;
  if (concepts_) found = concepts_->find_terms(ws);
  std::vector<std::string> out;
  std::vector<std::string> seen;  // stems already given a key
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (ws[i].empty() || !content(ws[i])) continue;
    const std::string& s = stem(ws[i]);
    if (std::find(seen.begin(), seen.end(), s) != seen.end()) continue;
    seen.push_back(s);
    std::string key = s;
    std::vector<std::uint32_t> said;  // the concepts of the terms this word is part of, each once
    for (const AspectMatch& m : found)
      if (m.begin <= i && i < m.end && std::find(said.begin(), said.end(), m.aspect) == said.end()) {
        said.push_back(m.aspect);
        key += "|" + concept_keys_[m.aspect];
      }
    out.push_back(std::move(key));
  }
  return out;
}

std::vector<AspectMatch> ThemeWords::concept_terms(const std::vector<std::string>& words) {
  return concepts_ ? concepts_->find_terms(words) : std::vector<AspectMatch>{};
}

bool ThemeWords::holds_key(const std::set<std::string>& text_keys, std::string_view label_key) {
  std::size_t from = 0;
  while (from <= label_key.size()) {
    const std::size_t bar = std::min(label_key.find('|', from), label_key.size());
    if (text_keys.count(std::string(label_key.substr(from, bar - from)))) return true;
    from = bar + 1;
  }
  return false;
}

bool holds_label(std::string_view text, const std::vector<std::string>& label_keys, ThemeWords& words) {
  if (label_keys.empty()) return false;
  const std::set<std::string> keys = words.keys(text);
  return std::all_of(label_keys.begin(), label_keys.end(),
                     [&](const std::string& k) { return ThemeWords::holds_key(keys, k); });
}

std::string_view members_words(std::string_view label) {
  const auto colon = label.find(": ");
  return colon == std::string_view::npos ? label : label.substr(0, colon);
}

bool clauses_state_wrong(std::string_view clauses) {
  const std::vector<std::string_view> cells = clause_cells(clauses);
  return cells.empty() ||
         std::any_of(cells.begin(), cells.end(), [](std::string_view c) { return !c.empty() && c.front() == '-'; });
}

double label_coverage(const std::vector<std::string_view>& texts, std::string_view label, ThemeWords& words) {
  if (texts.empty()) return 0;
  const std::vector<std::string> keys = words.label_keys(members_words(label));
  std::size_t held = 0;
  for (std::string_view t : texts) held += holds_label(t, keys, words);
  return static_cast<double>(held) / static_cast<double>(texts.size());
}

namespace {

constexpr std::size_t kReadableMin = 20, kReadableMax = 300;

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct QuoteKey {
  bool other_main;     // its main complaint is another theme
  bool lacks_label;    // it does not hold the label's content words
  bool praises;        // its answer praises on the whole: the complaint is a reservation
  bool account;        // it only tells what happened
  bool shared;         // it has other themes besides this one
  bool awkward;        // too short or too long to read well
  double typicality;   // cosine with the centre of the theme's candidates
  std::size_t index;
};

// Each candidate's stems, and the cosine of each with the centre of those whose main theme is `id`.
std::vector<double> typicality(const std::vector<QuoteCandidate>& c, std::string_view id,
                               const std::vector<std::set<std::string>>& keys) {
  std::map<std::string, double> centre;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i].themes.empty() || c[i].themes.front() != id || keys[i].empty()) continue;
    const double w = 1.0 / std::sqrt(static_cast<double>(keys[i].size()));
    for (const auto& k : keys[i]) centre[k] += w;
  }
  double norm = 0;
  for (const auto& [k, v] : centre) norm += v * v;
  norm = std::sqrt(norm);
  std::vector<double> out(c.size(), 0.0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (keys[i].empty() || norm <= 0) continue;
    double dot = 0;
    for (const auto& k : keys[i])
      if (auto it = centre.find(k); it != centre.end()) dot += it->second;
    out[i] = dot / (norm * std::sqrt(static_cast<double>(keys[i].size())));
  }
  return out;
}

// A quote as a reader tells quotes apart: its words, lower case, one space between them ("Zorg dat
// je binnen een week een afspraak kan maken" and "zorg dat je binnen een week een afspraak kan
// maken." are one quote).
std::string same_quote_key(std::string_view text) {
  std::string out;
  for (const std::string& w : ThemeWords::words(text)) out.append(out.empty() ? "" : " ").append(w);
  return out;
}

}  // namespace

std::vector<std::size_t> pick_theme_quotes(const std::vector<QuoteCandidate>& candidates, std::string_view id,
                                           std::string_view label, std::size_t n, ThemeWords& words,
                                           std::set<std::string>* used) {
  std::vector<std::set<std::string>> keys;
  keys.reserve(candidates.size());
  for (const auto& c : candidates) keys.push_back(words.keys(c.text));
  const std::vector<double> typical = typicality(candidates, id, keys);
  const std::vector<std::string> label_keys = words.label_keys(members_words(label));
  std::vector<QuoteKey> order;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const QuoteCandidate& c = candidates[i];
    if (std::find(c.themes.begin(), c.themes.end(), id) == c.themes.end()) continue;
    const bool held = !label_keys.empty() && std::all_of(label_keys.begin(), label_keys.end(), [&](const std::string& k) {
                        return ThemeWords::holds_key(keys[i], k);
                      });
    const std::size_t length = code_points(c.text);
    order.push_back({c.themes.front() != id, !held, c.praises, !c.states, c.themes.size() > 1,
                     length < kReadableMin || length > kReadableMax, typical[i], i});
  }
  std::sort(order.begin(), order.end(), [&](const QuoteKey& a, const QuoteKey& b) {
    if (a.other_main != b.other_main) return !a.other_main;
    if (a.lacks_label != b.lacks_label) return !a.lacks_label;
    if (a.praises != b.praises) return !a.praises;
    if (a.account != b.account) return !a.account;
    if (a.shared != b.shared) return !a.shared;
    if (a.awkward != b.awkward) return !a.awkward;
    if (a.typicality != b.typicality) return a.typicality > b.typicality;
    const QuoteCandidate& x = candidates[a.index];
    const QuoteCandidate& y = candidates[b.index];
    if (x.key != y.key) return x.key < y.key;
    return x.text < y.text;
  });
  std::vector<std::size_t> out;
  std::vector<std::string> shown;  // same_quote_key() of each picked quote
  std::set<std::string> used_keys;  // ... and of the texts in `used`
  if (used)
    for (const std::string& u : *used) used_keys.insert(same_quote_key(u));
  // An answer without the label's words shows another complaint than the label says: it is quoted
  // only when no answer holds them.
  const bool any_holder = std::any_of(order.begin(), order.end(), [&](const QuoteKey& k) {
    return !k.other_main && !k.lacks_label && !candidates[k.index].text.empty();
  });
  for (bool allow_used : {false, true})
    for (const QuoteKey& k : order) {
      if (out.size() == n) break;
      const QuoteCandidate& c = candidates[k.index];
      if (k.other_main || c.text.empty() || (any_holder && k.lacks_label)) continue;
      const std::string same = same_quote_key(c.text);
      if (std::find(shown.begin(), shown.end(), same) != shown.end() ||
          std::any_of(out.begin(), out.end(),
                      [&](std::size_t i) { return !c.source.empty() && candidates[i].source == c.source; }))
        continue;
      if (!allow_used && used_keys.count(same)) continue;
      out.push_back(k.index);
      shown.push_back(same);
    }
  if (used)
    for (std::size_t i : out) used->insert(candidates[i].text);
  return out;
}

}  // namespace luister
