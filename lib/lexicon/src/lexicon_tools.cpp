#include "luister/lexicon/lexicon_tools.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iostream>
#include <map>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/lexicon/lexicon.hpp"
#include "luister/text/word_index.hpp"

namespace luister {
namespace {

struct Loaded {
  std::string file;
  std::vector<LexiconLine> entries;
  std::vector<LexiconIssue> issues;
};

Loaded load(const std::string& file) {
  Loaded l;
  l.file = file;
  std::istringstream in(read_file(file));
  std::string line;
  std::uint32_t number = 0;
  std::map<std::string, std::uint32_t> seen;
  while (std::getline(in, line)) {
    ++number;
    LexiconLine e;
    std::string error;
    if (!parse_lexicon_line(line, e, error)) {
      l.issues.push_back({file, number, error});
      continue;
    }
    if (e.term.empty()) continue;
    std::string key = e.term + (e.wildcard ? "*" : "");
    if (auto it = seen.find(key); it != seen.end())
      l.issues.push_back({file, number, duplicate_message(key, it->second)});
    else
      seen[key] = number;
    e.file = file;
    e.line = number;
    l.entries.push_back(std::move(e));
  }
  return l;
}

std::string key_of(const LexiconLine& e) { return e.term + (e.wildcard ? "*" : ""); }

std::string format_score(double s) {
  std::string out = fmt::format("{:.2f}", s);
  if (out == "-0.00") out = "0.00";
  return out;
}

// Entries of an earlier layer that can never match. Scoring asks the latest layer that knows the
// words at a position, and an earlier layer is not asked once a later one matched (so that an
// override really overrides). An entry is dead when a later layer holds a wildcard that takes its
// first word ("wacht*" over "wachten op de bus"), or a shorter term that spells its first words
// ("lang" over "lang wachten"). Reports each such entry with the latest entry that hides it.
std::size_t report_shadowed(const std::vector<Loaded>& loaded, bool strict, std::ostream& err) {
  struct Index {
    std::map<std::string, const LexiconLine*, std::less<>> exact, wildcards;
  };
  std::vector<Index> index(loaded.size());
  for (std::size_t k = 0; k < loaded.size(); ++k)
    for (const auto& e : loaded[k].entries)
      (e.wildcard ? index[k].wildcards : index[k].exact)[e.term] = &e;  // later lines win, as in scoring
  auto hider = [&](const LexiconLine& e, std::size_t k) -> const LexiconLine* {
    const Index& later = index[k];
    if (!e.wildcard && later.exact.count(e.term)) return nullptr;  // the same term again: an override
    const std::string& first = e.words.front();
    // A wildcard of the later layer that takes the first word (for a wildcard entry: every word it takes).
    for (std::size_t len = first.size(); len >= 2; --len) {
      if (len == first.size() && e.wildcard && e.words.size() == 1) {
        if (auto it = later.wildcards.find(first); it != later.wildcards.end()) return nullptr;  // the same key: an override
        continue;
      }
      if (auto it = later.wildcards.find(std::string_view(first).substr(0, len)); it != later.wildcards.end())
        return it->second;
    }
    if (e.wildcard) return nullptr;
    // A shorter exact term of the later layer that spells the entry's first words; the longest
    // such term is what scoring finds.
    std::string prefix;
    const LexiconLine* by = nullptr;
    for (std::size_t n = 1; n < e.words.size(); ++n) {
      if (n > 1) prefix += ' ';
      prefix += e.words[n - 1];
      if (auto it = later.exact.find(prefix); it != later.exact.end()) by = it->second;
    }
    return by;
  };
  std::size_t shadowed = 0;
  for (std::size_t j = 0; j + 1 < loaded.size(); ++j) {
    std::vector<const LexiconLine*> entries;
    for (const auto& [term, e] : index[j].exact) entries.push_back(e);
    for (const auto& [term, e] : index[j].wildcards) entries.push_back(e);
    std::sort(entries.begin(), entries.end(), [](const LexiconLine* a, const LexiconLine* b) { return a->line < b->line; });
    for (const LexiconLine* e : entries) {
      const LexiconLine* by = nullptr;
      for (std::size_t k = loaded.size() - 1; k > j && !by; --k) by = hider(*e, k);
      if (!by) continue;
      err << fmt::format("{}:{}: {}: '{}' never matches: {}:{} has '{}', and the latest layer that knows a word "
                         "decides; add '{}' to that layer to keep it\n",
                         e->file, e->line, strict ? "shadowed" : "warning: shadowed", key_of(*e), by->file, by->line,
                         key_of(*by), key_of(*e));
      ++shadowed;
    }
  }
  return shadowed;
}

}  // namespace

int lexicon_check(const std::vector<std::string>& files, bool strict, std::ostream& err) {
  std::size_t errors = 0, conflicts = 0;
  std::map<std::string, const LexiconLine*> earlier;
  std::vector<Loaded> loaded;
  loaded.reserve(files.size());
  for (const auto& f : files) loaded.push_back(load(f));
  for (const auto& l : loaded) {
    for (const auto& issue : l.issues) {
      err << fmt::format("{}:{}: {}\n", issue.file, issue.line, issue.message);
      ++errors;
    }
    std::map<std::string, const LexiconLine*> here;
    for (const auto& e : l.entries) here[key_of(e)] = &e;
    for (const auto& [key, e] : here) {
      if (auto it = earlier.find(key); it != earlier.end()) {
        const LexiconLine* prev = it->second;
        bool opposite = (prev->score > 0 && e->score < 0) || (prev->score < 0 && e->score > 0);
        if (opposite || std::abs(prev->score - e->score) > 0.5) {
          err << fmt::format("{}:{}: {}: '{}' is {} here but {} in {}:{}\n", e->file, e->line,
                             strict ? "conflict" : "warning: conflict", key, format_score(e->score),
                             format_score(prev->score), prev->file, prev->line);
          ++conflicts;
        }
      }
      earlier[key] = e;
    }
  }
  const std::size_t shadowed = report_shadowed(loaded, strict, err);
  std::size_t total = 0;
  for (const auto& l : loaded) total += l.entries.size();
  err << fmt::format("{} entries in {} file{}: {} error{}, {} conflict{} between layers, {} shadowed\n", total,
                     files.size(), files.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", conflicts,
                     conflicts == 1 ? "" : "s", shadowed);
  return errors > 0 || (strict && conflicts + shadowed > 0) ? 1 : 0;
}

void lexicon_stats(const std::vector<std::string>& files, std::ostream& out) {
  for (const auto& f : files) {
    Loaded l = load(f);
    std::size_t pos = 0, neg = 0, zero = 0, mwe = 0, wild = 0;
    std::array<std::size_t, 8> bins{};  // [-1,-.75) … [.75,1]
    std::map<std::string, std::size_t> tags;
    for (const auto& e : l.entries) {
      (e.score > 0 ? pos : e.score < 0 ? neg : zero)++;
      if (e.words.size() > 1) ++mwe;
      if (e.wildcard) ++wild;
      bins[static_cast<std::size_t>(std::min(7.0, std::floor((e.score + 1) * 4)))]++;
      std::string t = e.tags;
      std::size_t start = 0;
      while (start < t.size()) {
        std::size_t comma = t.find(',', start);
        if (comma == std::string::npos) comma = t.size();
        std::string tag = t.substr(start, comma - start);
        if (!tag.empty()) ++tags[tag];
        start = comma + 1;
      }
    }
    out << fmt::format("{}: {} entries ({} positive, {} negative, {} neutral); {} single words, {} multi-word "
                       "expressions, {} wildcards; {} unreadable lines\n",
                       f, l.entries.size(), pos, neg, zero, l.entries.size() - mwe - wild, mwe, wild, l.issues.size());
    out << "  scores:";
    for (std::size_t b = 0; b < bins.size(); ++b)
      out << fmt::format(" [{:+.2f},{:+.2f}{}:{}", -1 + 0.25 * static_cast<double>(b), -0.75 + 0.25 * static_cast<double>(b),
                         b == 7 ? "]" : ")", bins[b]);
    out << "\n";
    if (!tags.empty()) {
      out << "  tags:";
      for (const auto& [tag, n] : tags) out << fmt::format(" {}={}", tag, n);
      out << "\n";
    }
  }
}

void lexicon_merge(const std::vector<std::string>& files, std::ostream& out) {
  std::map<std::string, LexiconLine> merged;
  for (const auto& f : files) {
    Loaded l = load(f);
    if (!l.issues.empty())
      throw InputError(l.issues.front().file, l.issues.front().line, l.issues.front().message + ".",
                       "run luister-lexicon check first");
    for (auto& e : l.entries) merged[key_of(e)] = std::move(e);
  }
  out << "# luister sentiment lexicon, merged by luister-lexicon from (later files win):\n";
  for (const auto& f : files) out << "#   " << f << "\n";
  out << "term\tscore\ttags\n";
  for (const auto& [key, e] : merged) out << key << '\t' << format_score(e.score) << '\t' << e.tags << '\n';
}

void lexicon_diff(const std::string& a, const std::string& b, std::ostream& out) {
  auto index = [](const std::string& f) {
    Loaded l = load(f);
    if (!l.issues.empty())
      throw InputError(l.issues.front().file, l.issues.front().line, l.issues.front().message + ".",
                       "run luister-lexicon check first");
    std::map<std::string, double> m;
    for (const auto& e : l.entries) m[key_of(e)] = e.score;
    return m;
  };
  auto ma = index(a), mb = index(b);
  std::size_t removed = 0, added = 0, changed = 0;
  for (const auto& [k, s] : ma) {
    auto it = mb.find(k);
    if (it == mb.end()) {
      out << "-\t" << k << '\t' << format_score(s) << '\n';
      ++removed;
    } else if (format_score(it->second) != format_score(s)) {
      out << "~\t" << k << '\t' << format_score(s) << '\t' << format_score(it->second) << '\n';
      ++changed;
    }
  }
  for (const auto& [k, s] : mb)
    if (!ma.count(k)) {
      out << "+\t" << k << '\t' << format_score(s) << '\n';
      ++added;
    }
  out << fmt::format("# {} removed, {} added, {} changed\n", removed, added, changed);
}

void lexicon_import(const std::string& format, const std::string& file, double scale, std::ostream& out) {
  std::string text = read_file(file);
  std::map<std::string, double> terms;
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  auto number = [&](std::string_view v, std::uint32_t line) {
    double d = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || p != v.data() + v.size())
      throw InputError(file, line, fmt::format("'{}' is not a number.", v));
    return d;
  };
  std::istringstream in(text);
  std::string line;
  std::uint32_t n = 0;
  if (format == "pattern") {
    // <word form="aardig" ... polarity="0.5" ... />; several senses of one form are averaged.
    std::map<std::string, std::pair<double, int>> sums;
    auto attr = [](const std::string& l, const std::string& name) -> std::string {
      std::size_t p = l.find(" " + name + "=\"");
      if (p == std::string::npos) return {};
      p += name.size() + 3;
      return l.substr(p, l.find('"', p) - p);
    };
    while (std::getline(in, line)) {
      ++n;
      if (line.find("<word") == std::string::npos) continue;
      std::string form = attr(line, "form"), polarity = attr(line, "polarity");
      if (form.empty() || polarity.empty()) throw InputError(file, n, "a <word> without form or polarity.");
      auto& s = sums[lower(form)];
      s.first += number(polarity, n);
      s.second += 1;
    }
    for (const auto& [form, s] : sums) terms[form] = s.first / s.second;
  } else if (format == "afinn" || format == "tsv") {
    while (std::getline(in, line)) {
      ++n;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      std::size_t tab = line.rfind('\t');
      if (tab == std::string::npos) throw InputError(file, n, "expected WORD<TAB>SCORE.");
      std::string_view v(line.data() + tab + 1, line.size() - tab - 1);
      std::size_t tab2 = v.find('\t');
      if (tab2 != std::string_view::npos) v = v.substr(0, tab2);
      if (n == 1 && format == "tsv") {
        double d = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec != std::errc()) continue;  // a header line
      }
      double s = number(v, n) * (format == "afinn" ? 0.2 : scale);
      terms[lower(line.substr(0, line.find('\t')))] = std::clamp(s, -1.0, 1.0);
    }
  } else {
    throw UsageError(fmt::format("unknown import format '{}'", format), "use pattern, afinn or tsv");
  }
  out << fmt::format("# Imported by luister-lexicon from {} ({} format); check its licence before use.\n", file, format);
  out << "term\tscore\ttags\n";
  for (const auto& [t, s] : terms) out << t << '\t' << format_score(s) << '\t' << format << '\n';
}

int run_lexicon_tool(const LexiconToolOptions& o) {
  if (o.command == "compile-wordlist") {
    WordIndex::build(WordSources::resolve(o.word_list, o.extra))->save(o.output);
    return 0;
  }
  if (o.command == "check") return lexicon_check(o.files, o.strict, std::cerr);
  std::ostringstream text;
  if (o.command == "stats") lexicon_stats(o.files, text);
  if (o.command == "merge") lexicon_merge(o.files, text);
  if (o.command == "diff") lexicon_diff(o.files[0], o.files[1], text);
  if (o.command == "import") lexicon_import(o.from, o.files[0], o.scale, text);
  Output out(o.output);
  out.write(text.str());
  out.commit();
  return 0;
}

}  // namespace luister
