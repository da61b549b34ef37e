#include "luister/lexicon/aspects.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/utf8.hpp"

namespace luister {
namespace {

constexpr const char* kHint = "see lexicons/README.md (aspects-nl.tsv) for the format";

bool valid_key(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// The fields of a line split on tabs.
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

// The words of a term, each with how it matches; throws InputError on a malformed term.
std::vector<AspectWord> term_words(std::string_view term, const std::string& file, std::uint32_t line,
                                   Stemmer& stemmer) {
  if (term.empty() || term.front() == ' ' || term.back() == ' ' || term.find("  ") != std::string_view::npos)
    throw InputError(file, line, fmt::format("term '{}' is empty or has stray spaces.", term), kHint);
  if (valid_utf8_prefix(term.data(), term.size()) != term.size())
    throw InputError(file, line, "the term is not valid UTF-8.", "save the file as UTF-8");
  if (std::any_of(term.begin(), term.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    throw InputError(file, line, fmt::format("term '{}' has capitals; terms are lower case (text is case-folded).", term),
                     kHint);
  std::vector<AspectWord> words;
  std::size_t start = 0;
  while (start <= term.size()) {
    std::size_t sp = std::min(term.find(' ', start), term.size());
    std::string_view w = term.substr(start, sp - start);
    start = sp + 1;
    AspectWord word;
    if (w.size() > 1 && w.front() == '=') {
      word.kind = AspectWord::Kind::kExact;
      word.value = std::string(w.substr(1));
    } else if (w.size() > 1 && w.back() == '*') {
      word.kind = AspectWord::Kind::kPrefix;
      word.value = std::string(w.substr(0, w.size() - 1));
    } else {
      word.value = stemmer.stem(w);
    }
    if (word.value.find_first_of("=*") != std::string::npos || word.value.empty())
      throw InputError(file, line, fmt::format("word '{}' of term '{}' is malformed: '=' only opens a word, '*' only ends one.", w, term),
                       kHint);
    words.push_back(std::move(word));
  }
  return words;
}

// Adds one line's entry (name or term) to its aspect, creating the aspect on its first line.
void add_entry(std::vector<Aspect>& aspects, std::map<std::string, std::size_t>& index,
               std::set<std::pair<std::string, std::string>>& terms_seen, const std::vector<std::string_view>& f,
               const std::string& file, std::uint32_t number, Stemmer& stemmer) {
  std::string key(f[0]);
  if (!valid_key(key))
    throw InputError(file, number, fmt::format("aspect key '{}' is not lower-case letters, digits and '_'.", key), kHint);
  auto [it, fresh] = index.emplace(key, aspects.size());
  if (fresh) {
    aspects.emplace_back();
    aspects.back().key = key;
    aspects.back().line = number;
  }
  Aspect& a = aspects[it->second];
  if (f[1] == "name") {
    if (!a.name.empty())
      throw InputError(file, number, fmt::format("aspect '{}' already has a name ('{}').", key, a.name),
                       "keep one name line per aspect");
    if (f[2].empty()) throw InputError(file, number, "the name is empty.", kHint);
    a.name = std::string(f[2]);
  } else if (f[1] == "complaint") {
    if (!a.complaint.empty())
      throw InputError(file, number, fmt::format("aspect '{}' already has a complaint ('{}').", key, a.complaint),
                       "keep one complaint line per aspect");
    if (f[2].empty()) throw InputError(file, number, "the complaint is empty.", kHint);
    a.complaint = std::string(f[2]);
  } else if (f[1] == "term") {
    if (!terms_seen.emplace(key, std::string(f[2])).second)
      throw InputError(file, number, fmt::format("duplicate: term '{}' is listed twice for aspect '{}'.", f[2], key),
                       "remove one of the two lines");
    a.terms.push_back({std::string(f[2]), term_words(f[2], file, number, stemmer), number});
  } else if (f[1] == "type") {
    if (a.type != ConceptType::kUnset)
      throw InputError(file, number, fmt::format("'{}' already has a type.", key), "keep one type line per concept");
    if (f[2] == "object") {
      a.type = ConceptType::kObject;
    } else if (f[2] == "problem") {
      a.type = ConceptType::kProblem;
    } else {
      throw InputError(file, number, fmt::format("unknown type '{}': expected 'object' or 'problem'.", f[2]), kHint);
    }
  } else {
    throw InputError(file, number, fmt::format("unknown kind '{}': expected 'name', 'complaint', 'term' or 'type'.", f[1]), kHint);
  }
}

}  // namespace

AspectTaxonomy AspectTaxonomy::load(const std::string& path, const char* default_name) {
  const std::string file = find_data_file(default_name, path);
  return parse(read_file(file), file);
}

AspectTaxonomy AspectTaxonomy::parse(std::string_view text, const std::string& file) {
  AspectTaxonomy t;
  t.file_ = file;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Stemmer stemmer;
  std::map<std::string, std::size_t> index;
  std::set<std::pair<std::string, std::string>> terms_seen;
  std::uint32_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> f = fields_of(line);
    if (f.size() != 3)
      throw InputError(file, number, fmt::format("expected ASPECT<TAB>name|complaint|term|type<TAB>VALUE: {} field(s) on this line.", f.size()),
                       kHint);
    add_entry(t.aspects_, index, terms_seen, f, file, number, stemmer);
  }
  if (t.aspects_.empty()) throw InputError(file, 0, "the file names no aspects.", kHint);
  for (const Aspect& a : t.aspects_)
    if (a.name.empty())
      throw InputError(file, a.line, fmt::format("aspect '{}' has no name line.", a.key),
                       fmt::format("add a line '{}<TAB>name<TAB>Its name'", a.key));
  return t;
}

int AspectTaxonomy::find(std::string_view key) const {
  for (std::size_t i = 0; i < aspects_.size(); ++i)
    if (aspects_[i].key == key) return static_cast<int>(i);
  return -1;
}

namespace {

// The first two bytes of `s` (at least two long) as one number, the key of AspectMatcher::by_prefix2_.
std::uint16_t first_two(std::string_view s) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[0]) << 8 | static_cast<unsigned char>(s[1]));
}

}  // namespace

AspectMatcher::AspectMatcher(const AspectTaxonomy& taxonomy, const CompoundSplitter* splitter)
    : taxonomy_(taxonomy), splitter_(splitter) {
  const auto& aspects = taxonomy_.aspects();
  for (std::uint32_t a = 0; a < aspects.size(); ++a)
    for (std::uint32_t t = 0; t < aspects[a].terms.size(); ++t) {
      const AspectWord& first = aspects[a].terms[t].words.front();
      switch (first.kind) {
        case AspectWord::Kind::kStem: by_stem_[first.value].push_back({a, t}); break;
        case AspectWord::Kind::kExact: by_exact_[first.value].push_back({a, t}); break;
        case AspectWord::Kind::kPrefix:
          if (first.value.size() >= 2) by_prefix2_[first_two(first.value)].push_back({a, t});
          else by_prefix_.push_back({a, t});
          break;
      }
    }
}

const AspectMatcher::Forms& AspectMatcher::forms(const std::string& word) {
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  if (cache_.size() > 200000) cache_.clear();
  Forms f;
  f.words.push_back(word);
  if (splitter_) {
    auto parts = splitter_->split(word);
    if (parts.size() > 1)
      for (const auto& p : parts) f.words.push_back(p.word);
  }
  for (const auto& w : f.words) f.stems.push_back(stemmer_.stem(w));
  return cache_.emplace(word, std::move(f)).first->second;
}

bool AspectMatcher::matches(const AspectWord& w, const Forms& f) const {
  for (std::size_t i = 0; i < f.words.size(); ++i) {
    switch (w.kind) {
      case AspectWord::Kind::kStem:
        if (f.stems[i] == w.value) return true;
        break;
      case AspectWord::Kind::kExact:
        if (f.words[i] == w.value) return true;
        break;
      case AspectWord::Kind::kPrefix:
        if (f.words[i].compare(0, w.value.size(), w.value) == 0) return true;
        break;
    }
  }
  return false;
}

std::vector<AspectMatch> AspectMatcher::find_terms(const std::vector<std::string>& words) {
  const auto& aspects = taxonomy_.aspects();
  std::vector<AspectMatch> out;
  std::vector<const Forms*> f(words.size(), nullptr);
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!words[i].empty()) f[i] = &forms(words[i]);
  std::vector<TermRef> starts;  // the terms that may start at a position, each once
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!f[i]) continue;
    // Prefix terms are taken only when the word (or a part) starts with their first word's prefix.
    starts.clear();
    auto prefixed = [&](const std::vector<TermRef>& refs) {
      for (const TermRef& ref : refs)
        if (matches(aspects[ref.aspect].terms[ref.term].words[0], *f[i])) starts.push_back(ref);
    };
    prefixed(by_prefix_);
    for (const std::string& w : f[i]->words)
      if (w.size() >= 2)
        if (auto it = by_prefix2_.find(first_two(w)); it != by_prefix2_.end()) prefixed(it->second);
    for (std::size_t k = 0; k < f[i]->words.size(); ++k) {
      if (auto it = by_stem_.find(f[i]->stems[k]); it != by_stem_.end()) starts.insert(starts.end(), it->second.begin(), it->second.end());
      if (auto it = by_exact_.find(f[i]->words[k]); it != by_exact_.end()) starts.insert(starts.end(), it->second.begin(), it->second.end());
    }
    if (starts.empty()) continue;
    std::sort(starts.begin(), starts.end(), [](const TermRef& x, const TermRef& y) {
      return x.aspect != y.aspect ? x.aspect < y.aspect : x.term < y.term;
    });
    starts.erase(std::unique(starts.begin(), starts.end(),
                             [](const TermRef& x, const TermRef& y) { return x.aspect == y.aspect && x.term == y.term; }),
                 starts.end());
    for (const TermRef& ref : starts) {
      const AspectTerm& term = aspects[ref.aspect].terms[ref.term];
      const std::size_t n = term.words.size();
      if (i + n > words.size()) continue;
      std::size_t k = 0;
      while (k < n && f[i + k] && matches(term.words[k], *f[i + k])) ++k;
      if (k == n) out.push_back({ref.aspect, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + n)});
    }
  }
  return out;
}

std::vector<std::uint32_t> AspectMatcher::hits(const std::vector<std::string>& words) {
  std::vector<std::uint32_t> out(taxonomy_.aspects().size(), 0);
  for (const AspectMatch& m : find_terms(words)) out[m.aspect] += m.end - m.begin > 1 ? 2 : 1;
  return out;
}

int AspectMatcher::best(const std::vector<std::string>& words) {
  const std::vector<std::uint32_t> h = hits(words);
  int best = -1;
  for (std::size_t a = 0; a < h.size(); ++a)
    if (h[a] > 0 && (best < 0 || h[a] > h[static_cast<std::size_t>(best)])) best = static_cast<int>(a);
  return best;
}

}  // namespace luister
