#pragma once
/// Sentiment lexicons: documented TSV files, layered, optionally scoped to one process.
///
/// Format (see lexicons/README.md): comment lines start with '#'; an optional header line
/// `term<TAB>score<TAB>tags`; then `term<TAB>score[<TAB>tags]` per line. A term is a word, a word
/// with a trailing '*' wildcard, or a multi-word expression (words separated by single spaces).
/// Scores lie in [-1, 1].
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "luister/base/hash.hpp"

namespace luister {

/// One lexicon line, with where it came from (for --explain and error messages).
struct LexiconEntry {
  std::string term;  ///< without the '*'
  double score = 0;
  std::string tags;
  /// The file's path: a view of the Lexicon's copy (valid while the Lexicon lives), or of the string
  /// whoever filled the entry named (one copy for the file, not one per entry).
  std::string_view file;
  std::uint32_t line = 0;
  bool wildcard = false;
  std::vector<std::string> words;  ///< the term split on spaces
};

/// Fills `entry.words` from `entry.term`, split on single spaces (the lexicon parser and the
/// compiled lexicon's reader both do it this way).
void split_term_words(LexiconEntry& entry);

/// A problem found while loading or checking a lexicon.
struct LexiconIssue {
  std::string file;
  std::uint32_t line;
  std::string message;
};

/// A stack of lexicon layers. Later layers override earlier ones for the same term; a layer may be
/// limited to one process ("Wmo"), where it overrides the general layers for that process only.
class Lexicon {
 public:
  /// Adds a layer read from `path`; `process` empty means every process. Lines that cannot be read,
  /// and a term the file lists twice, throw InputError naming file and line (or, with `issues`, are
  /// reported there and skipped).
  void add_layer(const std::string& path, const std::string& process = {}, std::vector<LexiconIssue>* issues = nullptr);

  /// The longest entry matching the words starting at `words[i]` for `process`: exact words and
  /// multi-word expressions first, then wildcards. `length` receives how many words it spans.
  const LexiconEntry* match(const std::vector<std::string_view>& words, std::size_t i, std::string_view process,
                            std::size_t* length) const;
  /// The entry for a single word (exact or wildcard) for `process`, or null.
  const LexiconEntry* lookup(std::string_view word, std::string_view process) const;
  /// The single-word entry whose Snowball stem is `stem` ("trag" finds "traag" for "trage").
  const LexiconEntry* lookup_stem(std::string_view stem, std::string_view process) const;

  /// A node of a layer's word trie: the exact term spelled by the words from the root to here (or
  /// null), and the nodes one word further, found through a small open-addressing table on the
  /// hash_bytes() of their word, so that a caller who hashed its words once finds a child in about
  /// one probe. Longest match is a walk down the trie.
  struct TermNode {
    struct Edge {
      std::string word;
      TermNode* node;
    };
    // A slot of the power-of-two table: one edge's hash, child and word (viewing `next`), together
    // so that a probe reads one place; an empty slot has no node.
    struct Slot {
      std::uint64_t hash = 0;
      const TermNode* node = nullptr;
      std::string_view word;
    };
    const LexiconEntry* entry = nullptr;
    std::vector<Edge> next;
    std::vector<Slot> slots;
    /// Builds the table once `next` is complete.
    void index();
    /// The child for `word`, whose hash_bytes() is `hash`, or null.
    const TermNode* child(std::string_view word, std::uint64_t hash) const;
    /// Starts loading the slot where child() of the word whose hash_bytes() is `hash` looks first.
    void prefetch_child(std::uint64_t hash) const {
      if (!slots.empty()) __builtin_prefetch(&slots[hash & (slots.size() - 1)]);
    }
  };
  /// One layer's entries for a word at the start of a term: the trie node of the terms starting
  /// with the word and the wildcard that matches the word. Pointers into the lexicon.
  struct WordLayer {
    const TermNode* terms = nullptr;  ///< null when no term starts with the word
    const LexiconEntry* wildcard = nullptr;
  };
  /// Appends to `out` what each layer applying to `process` holds for `word`, latest layer first,
  /// skipping layers that hold nothing for it: the part of match() that depends on the word alone,
  /// so callers can compute it once per word form.
  void word_layers(std::string_view word, std::string_view process, std::vector<WordLayer>& out) const {
    word_layers(word, hash_bytes(word), process, out);
  }
  /// word_layers() of the word whose hash_bytes() is `hash`, for a caller who has hashed it.
  void word_layers(std::string_view word, std::uint64_t hash, std::string_view process, std::vector<WordLayer>& out) const;
  /// What match() gives for words[i], given the word_layers() of words[i]. `hashes`, when given,
  /// holds the hash_bytes() of each word (so no word is hashed twice).
  static const LexiconEntry* match_layers(const WordLayer* layers, std::size_t count,
                                          const std::vector<std::string_view>& words, std::size_t i,
                                          std::size_t* length, const std::uint64_t* hashes = nullptr);
  /// False when no term of any layer starts with the two words whose hash_bytes() are `first` and
  /// `second`: then match_layers() at the first word gives what it gives for the word alone. True
  /// for every pair some term starts with (and, rarely, for others: a bit filter).
  bool may_continue(std::uint64_t first, std::uint64_t second) const {
    const std::uint64_t bit = pair_bit(first, second);
    return (pairs_[bit >> 6] >> (bit & 63)) & 1;
  }
  /// A number for the set of layers that apply to `process`: 0 for the general layers only, and
  /// the same number for processes that match() and lookup() treat alike.
  std::size_t process_class(std::string_view process) const;

  /// Calls f(stem) for every key of every layer's stem index (what lookup_stem() can find).
  template <typename F>
  void for_each_stem(F&& f) const {
    for (const Layer& layer : layers_) layer.by_stem.for_each([&](const auto& entry) { f(std::string_view(entry.first)); });
  }

  /// Calls f(word) for every single-word term of every layer (what lookup() finds besides wildcards).
  template <typename F>
  void for_each_word(F&& f) const {
    for (const Layer& layer : layers_)
      layer.by_first_word.for_each([&](const auto& entry) {
        if (entry.second->entry) f(std::string_view(entry.first));
      });
  }
  /// False when no layer's wildcard can match `word` (a test of its first two bytes); true does not
  /// mean one does.
  bool may_match_wildcard(std::string_view word) const;

  std::size_t size() const;
  bool empty() const { return layers_.empty(); }

 private:
  friend class CompiledLexicon;  // writes and reads the layers as built, without parsing or stemming
  struct Layer {
    // Moved, never copied: the indexes point into `entries` and `nodes`, whose elements a move keeps
    // in place (and a vector of layers that grows must not copy them instead).
    Layer() = default;
    Layer(Layer&&) = default;
    Layer& operator=(Layer&&) = default;
    Layer(const Layer&) = delete;
    Layer& operator=(const Layer&) = delete;
    std::unique_ptr<const std::string> file;  // its entries' `file` views it: it never moves
    std::string process;
    std::vector<LexiconEntry> entries;  // in file order; complete before any index points into it
    std::vector<TermNode> nodes;        // the trie's nodes, reserved before the first (stable addresses)
    FlatStringMap<TermNode*> by_first_word;                          // the trie's roots
    FlatStringMap<const LexiconEntry*> wildcards;                    // by prefix
    FlatStringMap<const LexiconEntry*> by_stem;                      // single words
    std::size_t longest_wildcard = 0;
    std::vector<std::uint64_t> wildcard_starts;  // a bit for each first two bytes of a wildcard (none: empty)
    std::uint64_t wildcard_lengths = 0;          // bit n: a wildcard of n bytes (bit 63: of 63 or more)
  };
  // add_layer() of the file `path` whose bytes are `text`.
  void add_layer_text(const std::string& path, const std::string& text, const std::string& process,
                      std::vector<LexiconIssue>* issues);
  // Indexes `layer.entries` (wildcards, the word trie, pairs_); the stem index is left to the caller.
  void index_layer(Layer& layer);
  // Stems the layer's single-word terms into its stem index.
  static void stem_layer(Layer& layer);
  // Appends a layer that is fully indexed.
  void push_layer(Layer&& layer);
  const LexiconEntry* match_layer(const Layer& layer, const std::vector<std::string_view>& words, std::size_t i,
                                  std::size_t* length) const;
  // The longest term below `node` (the node of words[i]) that the words starting at words[i] spell,
  // or null.
  static const LexiconEntry* match_terms(const TermNode& node,
                                         const std::vector<std::string_view>& words, std::size_t i,
                                         std::size_t* length, const std::uint64_t* hashes);
  static const LexiconEntry* match_wildcard(const Layer& layer, std::string_view word);
  static constexpr int kPairBits = 16;  // 8 KiB: stays in cache; a few thousand pairs fill ~5%
  static std::uint64_t pair_bit(std::uint64_t first, std::uint64_t second) {
    return ((first ^ (second * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull) >> (64 - kPairBits);
  }
  std::vector<Layer> layers_;
  std::vector<std::uint64_t> pairs_ = std::vector<std::uint64_t>((std::size_t{1} << kPairBits) / 64);  // may_continue()
  std::vector<std::string> scoped_processes_;  // distinct processes of scoped layers, in first-seen order
};

/// Reads `--lexicon` values: "FILE" applies to every process, "PROCESS=FILE" to one.
/// Returns (process, file) pairs in order.
std::vector<std::pair<std::string, std::string>> parse_layer_specs(const std::vector<std::string>& specs);

/// Parses one lexicon line; returns false with `error` set when it is malformed (a score that is not
/// a finite number in -1..1 included). Comment and blank lines and the header give true with an
/// empty `entry.term`.
bool parse_lexicon_line(std::string_view line, LexiconEntry& entry, std::string& error);

/// The message for a term (`key`, "wacht*" for a wildcard) a lexicon file lists a second time:
/// "duplicate: 'key' is already on line N". An error in luister-lexicon check and in loading alike.
std::string duplicate_message(std::string_view key, std::uint32_t first_line);

}  // namespace luister
