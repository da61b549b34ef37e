#include "luister/lexicon/lexicon.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/utf8.hpp"
#include "luister/base/error.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {

void split_term_words(LexiconEntry& entry) {
  const std::string_view term = entry.term;
  entry.words.clear();
  entry.words.reserve(static_cast<std::size_t>(std::count(term.begin(), term.end(), ' ')) + 1);
  std::size_t start = 0;
  while (start <= term.size()) {
    std::size_t sp = term.find(' ', start);
    if (sp == std::string_view::npos) sp = term.size();
    entry.words.emplace_back(term.substr(start, sp - start));
    start = sp + 1;
  }
}
namespace {
// The first two bytes of `s` (at least two long) as one number, for the wildcards' start filter.
unsigned two_bytes(std::string_view s) {
  return (static_cast<unsigned>(static_cast<unsigned char>(s[0])) << 8) | static_cast<unsigned char>(s[1]);
}
}  // namespace

std::vector<std::pair<std::string, std::string>> parse_layer_specs(const std::vector<std::string>& specs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    if (eq != std::string::npos && eq > 0) out.emplace_back(spec.substr(0, eq), spec.substr(eq + 1));
    else out.emplace_back("", spec);
  }
  return out;
}

std::string duplicate_message(std::string_view key, std::uint32_t first_line) {
  return fmt::format("duplicate: '{}' is already on line {}", key, first_line);
}

bool parse_lexicon_line(std::string_view line, LexiconEntry& entry, std::string& error) {
  entry.term.clear();
  entry.words.clear();
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return true;
  if (line.rfind("term\t", 0) == 0) return true;  // the header
  std::size_t tab = line.find('\t');
  if (tab == std::string_view::npos) {
    error = "expected TERM<TAB>SCORE[<TAB>TAGS]: no tab on this line";
    return false;
  }
  std::string_view term = line.substr(0, tab), rest = line.substr(tab + 1);
  std::size_t tab2 = rest.find('\t');
  std::string_view score = rest.substr(0, tab2);
  entry.tags = tab2 == std::string_view::npos ? "" : std::string(rest.substr(tab2 + 1));
  if (term.empty() || term.front() == ' ' || term.back() == ' ' || term.find("  ") != std::string_view::npos) {
    error = fmt::format("term '{}' is empty or has stray spaces", term);
    return false;
  }
  if (valid_utf8_prefix(term.data(), term.size()) != term.size()) {
    error = "the term is not valid UTF-8";
    return false;
  }
  for (char c : term)
    if (c >= 'A' && c <= 'Z') {
      error = fmt::format("term '{}' has capitals; lexicon terms are lower case (text is case-folded)", term);
      return false;
    }
  double value = 0;
  auto [ptr, ec] = std::from_chars(score.data(), score.data() + score.size(), value);
  if (ec != std::errc() || ptr != score.data() + score.size()) {
    error = fmt::format("score '{}' is not a number", score);
    return false;
  }
  if (!std::isfinite(value)) {
    error = fmt::format("score '{}' is not a finite number; scores lie in -1..1", score);
    return false;
  }
  if (value < -1 || value > 1) {
    error = fmt::format("score {} is outside -1..1", score);
    return false;
  }
  entry.wildcard = term.back() == '*';
  if (entry.wildcard) term.remove_suffix(1);
  if (entry.wildcard && term.find(' ') != std::string_view::npos) {
    error = "a wildcard applies to single words only";
    return false;
  }
  entry.term = std::string(term);
  entry.score = value;
  split_term_words(entry);
  return true;
}

namespace {
// The entries of the lexicon file `path`, in file order, into `entries`. A malformed line, or a
// term listed twice in the file (which of the two is meant cannot be guessed), throws, or with
// `issues` is listed there and skipped. So no two entries share a term and a kind (word or wildcard).
void read_entries(const std::string& path, const std::string& text, std::vector<LexiconIssue>* issues,
                  std::vector<LexiconEntry>& entries) {
  std::istringstream in(text);
  std::string line;
  std::uint32_t number = 0;
  std::unordered_map<std::string, std::uint32_t> seen;
  LexiconEntry entry;
  std::string error;
  while (std::getline(in, line)) {
    ++number;
    if (!parse_lexicon_line(line, entry, error)) {
      if (!issues) throw InputError(path, number, error + ".", "see lexicons/README.md for the format");
      issues->push_back({path, number, error});
      continue;
    }
    if (entry.term.empty()) continue;
    std::string key = entry.term + (entry.wildcard ? "*" : "");
    if (auto it = seen.find(key); it != seen.end()) {
      std::string message = duplicate_message(key, it->second);
      if (!issues)
        throw InputError(path, number, message + ".",
                         fmt::format("keep the one of lines {} and {} that is right and delete the other; a later "
                                     "--lexicon layer may override a term, one file may not list it twice",
                                     it->second, number));
      issues->push_back({path, number, message});
      continue;
    }
    seen.emplace(std::move(key), number);
    entry.file = path;
    entry.line = number;
    entries.push_back(std::move(entry));
  }
}

}  // namespace

void Lexicon::add_layer(const std::string& path, const std::string& process, std::vector<LexiconIssue>* issues) {
  add_layer_text(path, read_file(path), process, issues);
}

void Lexicon::add_layer_text(const std::string& path, const std::string& text, const std::string& process,
                             std::vector<LexiconIssue>* issues) {
  Layer layer;
  layer.file = std::make_unique<const std::string>(path);
  layer.process = process;
  read_entries(*layer.file, text, issues, layer.entries);
  index_layer(layer);
  stem_layer(layer);
  push_layer(std::move(layer));
}

void Lexicon::index_layer(Layer& layer) {
  // A layer lists each term once (read_entries), so every exact entry has a trie node of its own.
  for (const LexiconEntry& e : layer.entries) {
    if (!e.wildcard) continue;
    layer.wildcards[e.term] = &e;
    layer.longest_wildcard = std::max(layer.longest_wildcard, e.term.size());
    if (e.term.size() >= 2) {
      if (layer.wildcard_starts.empty()) layer.wildcard_starts.assign(65536 / 64, 0);
      const unsigned key = two_bytes(e.term);
      layer.wildcard_starts[key >> 6] |= std::uint64_t{1} << (key & 63);
      layer.wildcard_lengths |= std::uint64_t{1} << std::min<std::size_t>(e.term.size(), 63);
    }
  }
  // The word trie. Exact terms are distinct word sequences, so each node holds at most one. A term
  // adds at most a node per word: reserved at once, no node moves once an edge points to it.
  std::size_t most = 0, exact = 0;
  for (const LexiconEntry& e : layer.entries) {
    most += e.wildcard ? 0 : e.words.size();
    exact += e.wildcard ? 0 : 1;
  }
  layer.nodes.reserve(most);
  layer.by_first_word.reserve(exact);  // at most one root per exact term: the table is built once
  auto new_node = [&layer] { return &layer.nodes.emplace_back(); };
  for (const LexiconEntry& entry : layer.entries) {
    const LexiconEntry* e = &entry;
    if (e->wildcard) continue;
    TermNode*& root = layer.by_first_word[e->words.front()];
    if (!root) root = new_node();
    TermNode* node = root;
    for (std::size_t k = 1; k < e->words.size(); ++k) {
      const std::string& word = e->words[k];
      auto edge = std::find_if(node->next.begin(), node->next.end(), [&](const auto& x) { return x.word == word; });
      if (edge == node->next.end()) {
        node->next.push_back({word, new_node()});
        edge = node->next.end() - 1;
      }
      node = edge->node;
    }
    node->entry = e;
    if (e->words.size() >= 2) {
      const std::uint64_t bit = pair_bit(hash_bytes(e->words[0]), hash_bytes(e->words[1]));
      pairs_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    }
  }
  for (TermNode& n : layer.nodes) n.index();
}

void Lexicon::stem_layer(Layer& layer) {
  // Stems of single words, so inflected forms find their entry. When two entries share a stem,
  // the one that is its own stem (or else the first in term order) wins, for determinism.
  Stemmer stemmer;
  std::vector<const LexiconEntry*> singles;
  for (const LexiconEntry& e : layer.entries)
    if (!e.wildcard && e.words.size() == 1) singles.push_back(&e);
  std::sort(singles.begin(), singles.end(), [](const LexiconEntry* a, const LexiconEntry* b) { return a->term < b->term; });
  for (const LexiconEntry* e : singles) {
    std::string stem = stemmer.stem(e->term);
    auto [it, inserted] = layer.by_stem.emplace(stem, e);
    if (!inserted && e->term == stem) it->second = e;
  }
}

void Lexicon::push_layer(Layer&& layer) {
  const std::string& process = layer.process;
  if (!process.empty() && std::find(scoped_processes_.begin(), scoped_processes_.end(), process) == scoped_processes_.end())
    scoped_processes_.push_back(process);
  layers_.push_back(std::move(layer));
}

void Lexicon::TermNode::index() {
  if (next.empty()) return;
  std::size_t size = 4;
  while (size < 2 * next.size()) size *= 2;
  slots.assign(size, Slot{});
  for (const Edge& e : next) {
    const std::uint64_t h = hash_bytes(e.word);
    std::size_t slot = h & (size - 1);
    while (slots[slot].node) slot = (slot + 1) & (size - 1);
    slots[slot] = {h, e.node, e.word};
  }
}

const Lexicon::TermNode* Lexicon::TermNode::child(std::string_view word, std::uint64_t hash) const {
  const std::size_t mask = slots.size() - 1;
  for (std::size_t slot = hash & mask; slots[slot].node; slot = (slot + 1) & mask)
    if (slots[slot].hash == hash && slots[slot].word == word) return slots[slot].node;
  return nullptr;
}

const LexiconEntry* Lexicon::match_terms(const TermNode& node, const std::vector<std::string_view>& words,
                                        std::size_t i, std::size_t* length, const std::uint64_t* hashes) {
  const LexiconEntry* best = node.entry;
  std::size_t best_length = 1;
  const TermNode* at = &node;
  for (std::size_t k = i + 1; k < words.size() && !at->next.empty(); ++k) {
    at = at->child(words[k], hashes ? hashes[k] : hash_bytes(words[k]));
    if (!at) break;
    if (at->entry) {
      best = at->entry;
      best_length = k - i + 1;
    }
  }
  if (best) *length = best_length;
  return best;
}

namespace {
// Whether some wildcard of the layer's starts with the first two bytes of `w`.
template <typename Layer>
bool wildcard_may_start(const Layer& layer, std::string_view w) {
  if (w.size() < 2 || layer.wildcard_starts.empty()) return false;
  const unsigned key = two_bytes(w);
  return (layer.wildcard_starts[key >> 6] >> (key & 63)) & 1;
}
}  // namespace

bool Lexicon::may_match_wildcard(std::string_view word) const {
  return std::any_of(layers_.begin(), layers_.end(), [&](const Layer& layer) { return wildcard_may_start(layer, word); });
}

const LexiconEntry* Lexicon::match_wildcard(const Layer& layer, std::string_view w) {
  // Most words start with two bytes no wildcard starts with, and the others are tried only at the
  // lengths wildcards have: a handful of look-ups instead of one per prefix length.
  if (!wildcard_may_start(layer, w)) return nullptr;
  for (std::size_t len = std::min(w.size(), layer.longest_wildcard); len >= 2; --len) {
    if (len < 63 && !((layer.wildcard_lengths >> len) & 1)) continue;
    if (auto it = layer.wildcards.find(w.substr(0, len)); it != layer.wildcards.end()) return it->second;
  }
  return nullptr;
}

const LexiconEntry* Lexicon::match_layer(const Layer& layer, const std::vector<std::string_view>& words, std::size_t i,
                                         std::size_t* length) const {
  if (auto it = layer.by_first_word.find(words[i]); it != layer.by_first_word.end())
    if (const LexiconEntry* e = match_terms(*it->second, words, i, length, nullptr)) return e;
  if (const LexiconEntry* e = match_wildcard(layer, words[i])) {
    *length = 1;
    return e;
  }
  return nullptr;
}

void Lexicon::word_layers(std::string_view word, std::uint64_t hash, std::string_view process,
                          std::vector<WordLayer>& out) const {
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
    if (!it->process.empty() && it->process != process) continue;
    WordLayer l;
    if (auto found = it->by_first_word.find(word, hash); found != it->by_first_word.end()) l.terms = found->second;
    l.wildcard = match_wildcard(*it, word);
    if (l.terms || l.wildcard) out.push_back(l);
  }
}

const LexiconEntry* Lexicon::match_layers(const WordLayer* layers, std::size_t count,
                                          const std::vector<std::string_view>& words, std::size_t i,
                                          std::size_t* length, const std::uint64_t* hashes) {
  // As match(): the latest layer that knows the words decides, its terms before its wildcard.
  for (std::size_t k = 0; k < count; ++k) {
    if (layers[k].terms)
      if (const LexiconEntry* e = match_terms(*layers[k].terms, words, i, length, hashes)) return e;
    if (layers[k].wildcard) {
      *length = 1;
      return layers[k].wildcard;
    }
  }
  return nullptr;
}

std::size_t Lexicon::process_class(std::string_view process) const {
  for (std::size_t k = 0; k < scoped_processes_.size(); ++k)
    if (scoped_processes_[k] == process) return k + 1;
  return 0;
}

const LexiconEntry* Lexicon::match(const std::vector<std::string_view>& words, std::size_t i, std::string_view process,
                                   std::size_t* length) const {
  // The latest applicable layer that knows the words decides; a longer match in an earlier layer
  // does not beat it, so an override really overrides.
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
    if (!it->process.empty() && it->process != process) continue;
    if (const LexiconEntry* e = match_layer(*it, words, i, length)) return e;
  }
  return nullptr;
}

const LexiconEntry* Lexicon::lookup(std::string_view word, std::string_view process) const {
  // match() on the word alone: only single-word terms fit, and wildcards are single words.
  const std::uint64_t hash = hash_bytes(word);  // once for every layer
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
    if (!it->process.empty() && it->process != process) continue;
    if (auto found = it->by_first_word.find(word, hash); found != it->by_first_word.end() && found->second->entry)
      return found->second->entry;
    if (const LexiconEntry* e = match_wildcard(*it, word)) return e;
  }
  return nullptr;
}

const LexiconEntry* Lexicon::lookup_stem(std::string_view stem, std::string_view process) const {
  const std::uint64_t hash = hash_bytes(stem);  // once for every layer
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
    if (!it->process.empty() && it->process != process) continue;
    if (auto found = it->by_stem.find(stem, hash); found != it->by_stem.end()) return found->second;
  }
  return nullptr;
}

std::size_t Lexicon::size() const {
  std::size_t n = 0;
  for (const auto& l : layers_) n += l.entries.size();
  return n;
}

}  // namespace luister
