#include "luister/lexicon/lexicon.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/utf8.hpp"
#include "luister/base/error.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {

void split_term_words(LexiconLine& entry) {
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

// The bucket of Layer::wildcard_lengths_by_start for the first two bytes `key` (two_bytes()).
constexpr std::size_t kStartBuckets = 256;
std::size_t start_bucket(unsigned key) { return ((key >> 8) * 31 + (key & 0xff)) % kStartBuckets; }
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

bool parse_lexicon_line(std::string_view line, LexiconLine& entry, std::string& error) {
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
                  std::vector<LexiconLine>& entries) {
  std::istringstream in(text);
  std::string line;
  std::uint32_t number = 0;
  std::unordered_map<std::string, std::uint32_t> seen;
  LexiconLine entry;
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
  std::vector<LexiconLine> lines;
  read_entries(path, text, issues, lines);
  auto image = std::make_shared<const std::string>(build_image(path, process, lines));
  Layer layer;
  if (!attach(*image, image, layer)) throw Error(fmt::format("{}: the lexicon layer's image does not read back", path));
  push_layer(std::move(layer));
}

namespace {

// The header at the start of a layer's image. Offsets are from the image's start.
struct LayerHeader {
  std::uint64_t size;     // the image's bytes, this header included (a multiple of 8)
  std::uint32_t version;  // Lexicon::kImageVersion
  std::uint32_t entry_count;
  std::uint32_t node_count;  // at least 1: the root
  std::uint32_t slot_count;  // of all tables
  std::uint32_t wildcard_slots, stem_slots;  // the two tables' sizes: a power of two, or 0
  std::uint64_t entries_at, nodes_at, slots_at;
  std::uint64_t wildcard_slots_at, stem_slots_at;  // inside the slots
  std::uint64_t wildcard_starts_at;                // 0: no wildcard of two bytes or more
  std::uint64_t pairs_at;
  std::uint64_t strings_at, strings_size;
  std::uint32_t process_at, process_size;  // in the strings
  std::uint64_t wildcard_lengths;          // bit n: a wildcard of n bytes (bit 63: of 63 or more)
  std::uint64_t longest_wildcard;
};

constexpr std::size_t kFilterWords = 65536 / 64;  // both filters: one bit per 16-bit value

std::uint64_t align8(std::uint64_t n) { return (n + 7) & ~std::uint64_t{7}; }

// The size of a table for `n` keys: a power of two at least twice n (at least 4), or 0 for none.
std::size_t table_size(std::size_t n) {
  if (n == 0) return 0;
  std::size_t size = 4;
  while (size < 2 * n) size *= 2;
  return size;
}

// An offset from one place of an image to another, as the records hold it; the image is kept under
// 2 GiB (build_image()), so it fits.
std::int32_t relative(std::size_t to, std::size_t from) {
  return static_cast<std::int32_t>(static_cast<std::int64_t>(to) - static_cast<std::int64_t>(from));
}

// A key of a table: its bytes in LayerParts::strings, and the number of the record it names (an
// entry or a trie node).
struct Key {
  std::uint32_t at, size, target;
};
// A trie node while it is built: the entry spelled to it (-1: none), its children in the order
// their words first appear.
struct BuildNode {
  std::int64_t entry = -1;
  std::vector<Key> next;
};
// A layer's content before it is laid out.
struct LayerParts {
  std::string strings;  // the process, the path, each entry's term and tags, the stems
  std::uint32_t process_at = 0, file_at = 0;
  std::vector<std::uint32_t> term_at, tags_at;
  std::vector<BuildNode> nodes;  // node 0: the root
  std::vector<Key> wildcards, stems;
  std::vector<std::uint64_t> wildcard_starts;  // empty: no wildcard of two bytes or more
  std::uint64_t wildcard_lengths = 0, longest_wildcard = 0;

  std::uint32_t add(std::string_view s) {
    const auto at = static_cast<std::uint32_t>(strings.size());
    strings.append(s);
    return at;
  }
  std::string_view bytes(const Key& key) const { return std::string_view(strings).substr(key.at, key.size); }
};

void add_strings(LayerParts& parts, const std::string& path, const std::string& process,
                 const std::vector<LexiconLine>& lines) {
  parts.process_at = parts.add(process);
  parts.file_at = parts.add(path);
  for (const LexiconLine& line : lines) {
    parts.term_at.push_back(parts.add(line.term));
    parts.tags_at.push_back(parts.add(line.tags));
  }
}

// The key of word `k` of entry `e`: its bytes inside the term's.
Key word_key(const LayerParts& parts, const std::vector<LexiconLine>& lines, std::size_t e, std::size_t k,
             std::uint32_t target) {
  std::size_t offset = 0;  // the words are the term split on single spaces
  for (std::size_t j = 0; j < k; ++j) offset += lines[e].words[j].size() + 1;
  return Key{parts.term_at[e] + static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(lines[e].words[k].size()),
             target};
}

// The word trie of the exact terms. A layer lists each term once (read_entries), so every exact
// entry has a node of its own.
void build_trie(LayerParts& parts, const std::vector<LexiconLine>& lines) {
  parts.nodes.assign(1, BuildNode{});
  FlatStringMap<std::uint32_t> roots;  // the root's children by word: the root has thousands
  for (std::size_t e = 0; e < lines.size(); ++e) {
    const LexiconLine& line = lines[e];
    if (line.wildcard) continue;
    auto [root, fresh] = roots.emplace(line.words.front(), static_cast<std::uint32_t>(parts.nodes.size()));
    if (fresh) {
      parts.nodes[0].next.push_back(word_key(parts, lines, e, 0, root->second));
      parts.nodes.emplace_back();
    }
    std::uint32_t node = root->second;
    for (std::size_t k = 1; k < line.words.size(); ++k) {
      const std::string& word = line.words[k];
      const std::vector<Key>& next = parts.nodes[node].next;
      const auto edge = std::find_if(next.begin(), next.end(), [&](const Key& x) { return parts.bytes(x) == word; });
      if (edge != next.end()) {
        node = edge->target;
        continue;
      }
      const auto child = static_cast<std::uint32_t>(parts.nodes.size());
      parts.nodes[node].next.push_back(word_key(parts, lines, e, k, child));
      parts.nodes.emplace_back();
      node = child;
    }
    parts.nodes[node].entry = static_cast<std::int64_t>(e);
  }
}

void build_wildcards(LayerParts& parts, const std::vector<LexiconLine>& lines) {
  for (std::size_t e = 0; e < lines.size(); ++e) {
    const std::string& term = lines[e].term;
    if (!lines[e].wildcard) continue;
    parts.wildcards.push_back({parts.term_at[e], static_cast<std::uint32_t>(term.size()), static_cast<std::uint32_t>(e)});
    parts.longest_wildcard = std::max<std::uint64_t>(parts.longest_wildcard, term.size());
    if (term.size() < 2) continue;
    if (parts.wildcard_starts.empty()) parts.wildcard_starts.assign(kFilterWords, 0);
    const unsigned key = two_bytes(term);
    parts.wildcard_starts[key >> 6] |= std::uint64_t{1} << (key & 63);
    parts.wildcard_lengths |= std::uint64_t{1} << std::min<std::size_t>(term.size(), 63);
  }
}

// Stems of single words, so inflected forms find their entry. When two entries share a stem, the
// one that is its own stem (or else the first in term order) wins, for determinism.
void build_stems(LayerParts& parts, const std::vector<LexiconLine>& lines) {
  std::vector<std::uint32_t> singles;
  for (std::size_t e = 0; e < lines.size(); ++e)
    if (!lines[e].wildcard && lines[e].words.size() == 1) singles.push_back(static_cast<std::uint32_t>(e));
  std::sort(singles.begin(), singles.end(), [&](std::uint32_t a, std::uint32_t b) { return lines[a].term < lines[b].term; });
  Stemmer stemmer;
  FlatStringMap<std::uint32_t> by_stem;
  for (std::uint32_t e : singles) {
    std::string stem = stemmer.stem(lines[e].term);
    auto [it, inserted] = by_stem.emplace(stem, e);
    if (!inserted && lines[e].term == stem) it->second = e;
  }
  by_stem.for_each([&](const auto& kv) {
    parts.stems.push_back({parts.add(kv.first), static_cast<std::uint32_t>(kv.first.size()), kv.second});
  });
}

// The image's header for `parts`; `node_slots` receives each node's first slot.
LayerHeader lay_out(const LayerParts& parts, std::size_t entry_count, std::size_t process_size,
                    std::vector<std::size_t>& node_slots) {
  LayerHeader h{};
  h.version = Lexicon::kImageVersion;
  h.entry_count = static_cast<std::uint32_t>(entry_count);
  h.node_count = static_cast<std::uint32_t>(parts.nodes.size());
  h.entries_at = align8(sizeof(LayerHeader));
  h.nodes_at = h.entries_at + entry_count * sizeof(LexiconEntry);
  h.slots_at = align8(h.nodes_at + parts.nodes.size() * sizeof(Lexicon::TermNode));
  node_slots.resize(parts.nodes.size());
  std::size_t slots = 0;
  for (std::size_t n = 0; n < parts.nodes.size(); ++n) {
    node_slots[n] = slots;
    slots += table_size(parts.nodes[n].next.size());
  }
  h.wildcard_slots = static_cast<std::uint32_t>(table_size(parts.wildcards.size()));
  h.wildcard_slots_at = h.slots_at + slots * sizeof(LexiconSlot);
  slots += h.wildcard_slots;
  h.stem_slots = static_cast<std::uint32_t>(table_size(parts.stems.size()));
  h.stem_slots_at = h.slots_at + slots * sizeof(LexiconSlot);
  slots += h.stem_slots;
  h.slot_count = static_cast<std::uint32_t>(slots);
  std::uint64_t at = h.slots_at + slots * sizeof(LexiconSlot);
  if (!parts.wildcard_starts.empty()) {
    h.wildcard_starts_at = at;
    at += kFilterWords * 8;
  }
  h.pairs_at = at;
  h.strings_at = at + kFilterWords * 8;
  h.strings_size = parts.strings.size();
  h.size = align8(h.strings_at + parts.strings.size());
  h.process_at = parts.process_at;
  h.process_size = static_cast<std::uint32_t>(process_size);
  h.wildcard_lengths = parts.wildcard_lengths;
  h.longest_wildcard = parts.longest_wildcard;
  return h;
}

// Fills the table of `size` slots at offset `table` of `image` with `keys`, whose targets are
// records of `record_size` bytes from offset `records`.
void fill_table(std::string& image, const LayerParts& parts, std::uint64_t strings_at, std::size_t table,
                std::size_t size, const std::vector<Key>& keys, std::size_t records, std::size_t record_size) {
  char* base = image.data();
  auto filled = [&](std::size_t slot) {
    LexiconSlot x;
    std::memcpy(&x, base + table + slot * sizeof x, sizeof x);
    return x.target != 0;
  };
  for (const Key& key : keys) {
    const std::uint64_t hash = hash_bytes(parts.bytes(key));
    std::size_t slot = hash & (size - 1);
    while (filled(slot)) slot = (slot + 1) & (size - 1);
    const std::size_t self = table + slot * sizeof(LexiconSlot);
    const LexiconSlot x{static_cast<std::uint32_t>(hash >> 32), relative(records + key.target * record_size, self),
                        relative(strings_at + key.at, self), key.size};
    std::memcpy(base + self, &x, sizeof x);
  }
}

}  // namespace

std::string_view LexiconEntry::word(std::size_t k) const {
  const std::string_view t = term();
  std::size_t start = 0;
  for (; k > 0; --k) start = t.find(' ', start) + 1;
  const std::size_t end = t.find(' ', start);
  return t.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

std::string Lexicon::build_image(const std::string& path, const std::string& process,
                                 const std::vector<LexiconLine>& lines) {
  LayerParts parts;
  add_strings(parts, path, process, lines);
  build_trie(parts, lines);
  build_wildcards(parts, lines);
  build_stems(parts, lines);
  std::vector<std::size_t> node_slots;
  const LayerHeader h = lay_out(parts, lines.size(), process.size(), node_slots);
  if (h.size > std::uint64_t{INT32_MAX}) throw InputError(path, 0, "the lexicon is too large (an image of 2 GiB or more).");

  // The records, each offset taken from the record that holds it.
  std::string image(h.size, '\0');
  char* base = image.data();
  std::memcpy(base, &h, sizeof h);
  for (std::size_t e = 0; e < lines.size(); ++e) {
    const std::size_t self = h.entries_at + e * sizeof(LexiconEntry);
    const std::size_t strings = h.strings_at - self;
    auto text = [&](std::uint32_t at, std::size_t size) {
      return LexiconEntry::Text{static_cast<std::uint32_t>(strings + at), static_cast<std::uint32_t>(size)};
    };
    LexiconEntry entry;
    entry.score_ = lines[e].score;
    entry.term_ = text(parts.term_at[e], lines[e].term.size());
    entry.tags_ = text(parts.tags_at[e], lines[e].tags.size());
    entry.file_ = text(parts.file_at, path.size());
    entry.line_ = lines[e].line;
    entry.word_count_ = static_cast<std::uint32_t>(lines[e].words.size());
    entry.wildcard_ = lines[e].wildcard ? 1 : 0;
    std::memcpy(base + self, &entry, sizeof entry);
  }
  for (std::size_t n = 0; n < parts.nodes.size(); ++n) {
    const std::size_t self = h.nodes_at + n * sizeof(TermNode);
    const std::size_t slots = h.slots_at + node_slots[n] * sizeof(LexiconSlot);
    TermNode node;
    if (parts.nodes[n].entry >= 0)
      node.entry_ = relative(h.entries_at + static_cast<std::size_t>(parts.nodes[n].entry) * sizeof(LexiconEntry), self);
    node.slot_count_ = static_cast<std::uint32_t>(table_size(parts.nodes[n].next.size()));
    node.slots_at_ = static_cast<std::uint32_t>(slots - self);
    std::memcpy(base + self, &node, sizeof node);
    fill_table(image, parts, h.strings_at, slots, node.slot_count_, parts.nodes[n].next, h.nodes_at, sizeof(TermNode));
  }
  fill_table(image, parts, h.strings_at, h.wildcard_slots_at, h.wildcard_slots, parts.wildcards, h.entries_at, sizeof(LexiconEntry));
  fill_table(image, parts, h.strings_at, h.stem_slots_at, h.stem_slots, parts.stems, h.entries_at, sizeof(LexiconEntry));
  if (h.wildcard_starts_at) std::memcpy(base + h.wildcard_starts_at, parts.wildcard_starts.data(), kFilterWords * 8);
  std::vector<std::uint64_t> pairs(kFilterWords, 0);  // the first two words of the multi-word terms
  for (const LexiconLine& line : lines) {
    if (line.wildcard || line.words.size() < 2) continue;
    const std::uint64_t bit = pair_bit(hash_bytes(line.words[0]), hash_bytes(line.words[1]));
    pairs[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  }
  std::memcpy(base + h.pairs_at, pairs.data(), kFilterWords * 8);
  std::memcpy(base + h.strings_at, parts.strings.data(), parts.strings.size());
  return image;
}

bool Lexicon::attach(std::string_view image, std::shared_ptr<const void> owner, Layer& layer) {
  // The header and the sections' places are checked; the records are trusted, as whoever made the
  // image wrote them: build_image(), or a compiled file whose payload hash matched.
  static_assert(std::is_trivially_copyable_v<LexiconEntry> && sizeof(LexiconEntry) == 48);
  static_assert(std::is_trivially_copyable_v<TermNode> && sizeof(TermNode) == 16 && sizeof(LexiconSlot) == 16);
  static_assert(sizeof(LayerHeader) == 128);
  LayerHeader h;
  if (image.size() < sizeof h || reinterpret_cast<std::uintptr_t>(image.data()) % 8 != 0) return false;
  std::memcpy(&h, image.data(), sizeof h);
  // The sections follow one another exactly as build_image() lays them out, so a header whose
  // sizes and offsets disagree anywhere is refused. Bounds first: no sum below can overflow.
  auto table = [](std::uint64_t n) { return n == 0 || (n >= 4 && (n & (n - 1)) == 0); };
  constexpr std::uint64_t kFilterBytes = kFilterWords * 8;
  if (h.size != image.size() || h.size % 8 != 0 || h.version != kImageVersion || h.node_count == 0 ||
      h.wildcard_slots_at > h.size || h.wildcard_starts_at > h.size || h.pairs_at > h.size || h.strings_at > h.size ||
      h.strings_size > h.size || !table(h.wildcard_slots) || !table(h.stem_slots))
    return false;
  const std::uint64_t slots_end = h.slots_at + std::uint64_t{h.slot_count} * sizeof(LexiconSlot);
  if (h.entries_at != align8(sizeof h) || h.nodes_at != h.entries_at + std::uint64_t{h.entry_count} * sizeof(LexiconEntry) ||
      h.slots_at != align8(h.nodes_at + std::uint64_t{h.node_count} * sizeof(TermNode)) || slots_end > h.size ||
      h.wildcard_slots_at < h.slots_at ||
      h.stem_slots_at != h.wildcard_slots_at + std::uint64_t{h.wildcard_slots} * sizeof(LexiconSlot) ||
      slots_end != h.stem_slots_at + std::uint64_t{h.stem_slots} * sizeof(LexiconSlot) ||
      (h.wildcard_starts_at ? h.wildcard_starts_at != slots_end || h.pairs_at != slots_end + kFilterBytes
                            : h.pairs_at != slots_end) ||
      h.strings_at != h.pairs_at + kFilterBytes || h.size != align8(h.strings_at + h.strings_size) ||
      h.process_at > h.strings_size || h.process_size > h.strings_size - h.process_at)
    return false;
  const char* base = image.data();
  layer.owner = std::move(owner);
  layer.image = image;
  layer.process = std::string_view(base + h.strings_at + h.process_at, h.process_size);
  layer.entries = reinterpret_cast<const LexiconEntry*>(base + h.entries_at);
  layer.entry_count = h.entry_count;
  layer.root = reinterpret_cast<const TermNode*>(base + h.nodes_at);
  layer.wildcards = reinterpret_cast<const LexiconSlot*>(base + h.wildcard_slots_at);
  layer.wildcard_slots = h.wildcard_slots;
  layer.stems = reinterpret_cast<const LexiconSlot*>(base + h.stem_slots_at);
  layer.stem_slots = h.stem_slots;
  layer.wildcard_starts = h.wildcard_starts_at ? reinterpret_cast<const std::uint64_t*>(base + h.wildcard_starts_at) : nullptr;
  layer.pairs = reinterpret_cast<const std::uint64_t*>(base + h.pairs_at);
  layer.wildcard_lengths = h.wildcard_lengths;
  layer.longest_wildcard = h.longest_wildcard;
  layer.wildcard_lengths_by_start.clear();
  if (layer.wildcard_starts) {
    layer.wildcard_lengths_by_start.assign(kStartBuckets, 0);
    for_each_key(layer.wildcards, layer.wildcard_slots, [&layer](std::string_view key) {
      if (key.size() >= 2)
        layer.wildcard_lengths_by_start[start_bucket(two_bytes(key))] |= std::uint64_t{1} << std::min<std::size_t>(key.size(), 63);
    });
  }
  return true;
}

void Lexicon::push_layer(Layer&& layer) {
  if (!layer.process.empty() &&
      std::find(scoped_processes_.begin(), scoped_processes_.end(), layer.process) == scoped_processes_.end())
    scoped_processes_.emplace_back(layer.process);
  for (std::size_t k = 0; k < pairs_.size(); ++k) pairs_[k] |= layer.pairs[k];
  if (layer.wildcard_starts) {
    if (wildcard_starts_.empty()) wildcard_starts_.assign(kFilterWords, 0);
    for (std::size_t k = 0; k < kFilterWords; ++k) wildcard_starts_[k] |= layer.wildcard_starts[k];
  }
  layers_.push_back(std::move(layer));
}

const void* Lexicon::find_slot(const LexiconSlot* slots, std::size_t count, std::string_view key, std::uint64_t hash) {
  if (count == 0) return nullptr;
  const std::size_t mask = count - 1;
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t k = hash & mask; slots[k].target; k = (k + 1) & mask) {
    const LexiconSlot& s = slots[k];
    const char* at = reinterpret_cast<const char*>(&s);
    if (s.tag == tag && s.key_size == key.size() && same_bytes(at + s.key, key.data(), key.size())) return at + s.target;
  }
  return nullptr;
}

const Lexicon::TermNode* Lexicon::TermNode::child(std::string_view word, std::uint64_t hash) const {
  return static_cast<const TermNode*>(find_slot(slots(), slot_count_, word, hash));
}

const LexiconEntry* Lexicon::match_terms(const TermNode& node, const std::vector<std::string_view>& words,
                                        std::size_t i, std::size_t* length, const std::uint64_t* hashes) {
  const LexiconEntry* best = node.entry();
  std::size_t best_length = 1;
  const TermNode* at = &node;
  for (std::size_t k = i + 1; k < words.size() && at->has_children(); ++k) {
    at = at->child(words[k], hashes ? hashes[k] : hash_bytes(words[k]));
    if (!at) break;
    if (const LexiconEntry* e = at->entry()) {
      best = e;
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
  if (w.size() < 2 || !layer.wildcard_starts) return false;
  const unsigned key = two_bytes(w);
  return (layer.wildcard_starts[key >> 6] >> (key & 63)) & 1;
}
}  // namespace

bool Lexicon::may_match_wildcard(std::string_view word) const {
  if (word.size() < 2 || wildcard_starts_.empty()) return false;
  const unsigned key = two_bytes(word);
  return (wildcard_starts_[key >> 6] >> (key & 63)) & 1;
}

const LexiconEntry* Lexicon::match_wildcard_lengths(const Layer& layer, std::string_view w) {
  const std::uint64_t lengths = layer.wildcard_lengths_by_start[start_bucket(two_bytes(w))];
  for (std::size_t len = std::min(w.size(), layer.longest_wildcard); len >= 2; --len) {
    if (len < 63 && !((lengths >> len) & 1)) continue;
    const std::string_view prefix = w.substr(0, len);
    if (const void* e = find_slot(layer.wildcards, layer.wildcard_slots, prefix, hash_bytes(prefix)))
      return static_cast<const LexiconEntry*>(e);
  }
  return nullptr;
}

inline const LexiconEntry* Lexicon::match_wildcard(const Layer& layer, std::string_view w) {
  // Most words start with two bytes no wildcard starts with, and the others are tried only at the
  // lengths wildcards have: a handful of look-ups instead of one per prefix length.
  return wildcard_may_start(layer, w) ? match_wildcard_lengths(layer, w) : nullptr;
}

const LexiconEntry* Lexicon::match_layer(const Layer& layer, const std::vector<std::string_view>& words, std::size_t i,
                                         std::size_t* length) {
  if (const TermNode* node = layer.root->child(words[i], hash_bytes(words[i])))
    if (const LexiconEntry* e = match_terms(*node, words, i, length, nullptr)) return e;
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
    l.terms = it->root->child(word, hash);
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
    if (const TermNode* node = it->root->child(word, hash))
      if (const LexiconEntry* e = node->entry()) return e;
    if (const LexiconEntry* e = match_wildcard(*it, word)) return e;
  }
  return nullptr;
}

const LexiconEntry* Lexicon::lookup_stem(std::string_view stem, std::string_view process) const {
  const std::uint64_t hash = hash_bytes(stem);  // once for every layer
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
    if (!it->process.empty() && it->process != process) continue;
    if (const void* e = find_slot(it->stems, it->stem_slots, stem, hash)) return static_cast<const LexiconEntry*>(e);
  }
  return nullptr;
}

std::size_t Lexicon::size() const {
  std::size_t n = 0;
  for (const auto& l : layers_) n += l.entry_count;
  return n;
}

}  // namespace luister
