#pragma once
/// Sentiment lexicons: documented TSV files, layered, optionally scoped to one process.
///
/// Format (see lexicons/README.md): comment lines start with '#'; an optional header line
/// `term<TAB>score<TAB>tags`; then `term<TAB>score[<TAB>tags]` per line. A term is a word, a word
/// with a trailing '*' wildcard, or a multi-word expression (words separated by single spaces).
/// Scores lie in [-1, 1].
///
/// In memory a layer is one image: a contiguous block of fixed-size records that name each other
/// and their strings by offsets from themselves, never by pointers, so that it reads the same at any
/// address. A layer parsed from its file is built into such an image; the compiled lexicon
/// (compiled.hpp) stores the images and maps them back from disk, read in place: no allocation, and
/// only the pages a run looks at are ever touched. Layout (little-endian, version kImageVersion), each
/// section 8-byte aligned at an offset the header gives from the image's start:
///   header   LayerHeader (lexicon.cpp): version, sizes, section offsets, the wildcard lengths
///   entries  LexiconEntry, in file order
///   nodes    TermNode: node 0 is the word trie's root (its children are the terms' first words)
///   slots    LexiconSlot: each node's children table, then the wildcard table (by the prefix before
///            the '*'), then the stem table (by Snowball stem): open addressing, power-of-two sizes
///            at most half full, a slot holding the high half of its key's hash_bytes()
///   filters  the first two bytes of the wildcards (1024 u64: none when no wildcard has two bytes),
///            then the first two words of the multi-word terms (Lexicon::may_continue(), 1024 u64)
///   strings  the layer's process and path, the terms, tags and stems (UTF-8, not terminated)
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "luister/base/hash.hpp"

namespace luister {

/// One parsed lexicon line, as a value (parse_lexicon_line(); luister-lexicon's checks).
struct LexiconLine {
  std::string term;  ///< without the '*'
  double score = 0;
  std::string tags;
  std::string_view file;  ///< the file's path: a view of a string whoever filled the line keeps
  std::uint32_t line = 0;
  bool wildcard = false;
  std::vector<std::string> words;  ///< the term split on spaces
};

/// Fills `line.words` from `line.term`, split on single spaces.
void split_term_words(LexiconLine& line);

/// One lexicon line in a layer's image, with where it came from (for --explain and error messages).
/// Only a Lexicon makes them; a pointer to one stays valid while the Lexicon, or a copy, lives.
class LexiconEntry {
 public:
  std::string_view term() const { return text(term_); }  ///< without the '*'
  double score() const { return score_; }
  std::string_view tags() const { return text(tags_); }
  /// The path of the lexicon file.
  std::string_view file() const { return text(file_); }
  std::uint32_t line() const { return line_; }
  bool wildcard() const { return wildcard_ != 0; }
  /// The number of words of the term (split on single spaces).
  std::size_t word_count() const { return word_count_; }
  /// Word `k` (< word_count()) of the term.
  std::string_view word(std::size_t k) const;

 private:
  friend class Lexicon;
  struct Text {
    std::uint32_t at = 0;  // the bytes start at this entry's address + at
    std::uint32_t size = 0;
  };
  std::string_view text(Text t) const { return {reinterpret_cast<const char*>(this) + t.at, t.size}; }
  double score_ = 0;
  Text term_, tags_, file_;
  std::uint32_t line_ = 0;
  std::uint32_t word_count_ = 0;
  std::uint32_t wildcard_ = 0;
  std::uint32_t unused_ = 0;
};

/// A slot of a layer image's hash tables: the high half of its key's hash_bytes(), and the record
/// and key bytes it names, as offsets from the slot; target 0 is an empty slot.
struct LexiconSlot {
  std::uint32_t tag;
  std::int32_t target;
  std::int32_t key;
  std::uint32_t key_size;
};

/// A problem found while loading or checking a lexicon.
struct LexiconIssue {
  std::string file;
  std::uint32_t line;
  std::string message;
};

/// A stack of lexicon layers. Later layers override earlier ones for the same term; a layer may be
/// limited to one process ("Wmo"), where it overrides the general layers for that process only.
/// Copies share the layers' images.
class Lexicon {
 public:
  /// The layout of a layer's image (see the top of this header).
  static constexpr std::uint32_t kImageVersion = 1;

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
  class TermNode {
   public:
    /// The exact term spelled by the words to here, or null.
    const LexiconEntry* entry() const {
      return entry_ ? reinterpret_cast<const LexiconEntry*>(reinterpret_cast<const char*>(this) + entry_) : nullptr;
    }
    /// Whether some longer term continues here.
    bool has_children() const { return slot_count_ != 0; }
    /// The child for `word`, whose hash_bytes() is `hash`, or null.
    const TermNode* child(std::string_view word, std::uint64_t hash) const;
    /// Starts loading the slot where child() of the word whose hash_bytes() is `hash` looks first.
    void prefetch_child(std::uint64_t hash) const {
      if (slot_count_) __builtin_prefetch(slots() + (hash & (slot_count_ - 1)));
    }

   private:
    friend class Lexicon;
    const LexiconSlot* slots() const {
      return reinterpret_cast<const LexiconSlot*>(reinterpret_cast<const char*>(this) + slots_at_);
    }
    std::int32_t entry_ = 0;        // the entry at this node's address + entry_; 0: none
    std::uint32_t slots_at_ = 0;    // the children table at this node's address + slots_at_
    std::uint32_t slot_count_ = 0;  // a power of two; 0: no children
    std::uint32_t unused_ = 0;
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
    for (const Layer& layer : layers_) for_each_key(layer.stems, layer.stem_slots, f);
  }

  /// Calls f(word) for every single-word term of every layer (what lookup() finds besides wildcards).
  template <typename F>
  void for_each_word(F&& f) const {
    for (const Layer& layer : layers_)
      for_each_key(layer.root->slots(), layer.root->slot_count_, [&](std::string_view word, const void* node) {
        if (static_cast<const TermNode*>(node)->entry()) f(word);
      });
  }
  /// False when no layer's wildcard can match `word` (a test of its first two bytes); true does not
  /// mean one does.
  bool may_match_wildcard(std::string_view word) const;

  std::size_t size() const;
  bool empty() const { return layers_.empty(); }

 private:
  friend class CompiledLexicon;  // writes the layers' images and maps them back
  // A layer: views into its image, and what keeps the image alive.
  struct Layer {
    std::shared_ptr<const void> owner;
    std::string_view image;
    std::string_view process;
    const LexiconEntry* entries = nullptr;
    std::size_t entry_count = 0;
    const TermNode* root = nullptr;
    const LexiconSlot* wildcards = nullptr;
    std::size_t wildcard_slots = 0;
    const LexiconSlot* stems = nullptr;
    std::size_t stem_slots = 0;
    const std::uint64_t* wildcard_starts = nullptr;  // a bit for each first two bytes of a wildcard (none: null)
    const std::uint64_t* pairs = nullptr;            // the layer's part of may_continue()
    std::uint64_t wildcard_lengths = 0;              // bit n: a wildcard of n bytes (bit 63: of 63 or more)
    std::size_t longest_wildcard = 0;
    // wildcard_lengths of the wildcards whose first two bytes fall in each bucket (start_bucket()):
    // a word is tried at its starts' lengths only. Empty when no wildcard has two bytes.
    std::vector<std::uint64_t> wildcard_lengths_by_start;
  };
  // Calls f(key, target) for every filled slot of a table, or f(key) when f takes the key alone.
  template <typename F>
  static void for_each_key(const LexiconSlot* slots, std::size_t count, F&& f) {
    for (std::size_t k = 0; k < count; ++k) {
      const LexiconSlot& s = slots[k];
      if (!s.target) continue;
      const char* base = reinterpret_cast<const char*>(&s);
      const std::string_view key(base + s.key, s.key_size);
      if constexpr (std::is_invocable_v<F, std::string_view, const void*>) f(key, static_cast<const void*>(base + s.target));
      else f(key);
    }
  }
  // The record named by the slot for `key` (whose hash_bytes() is `hash`) in a table of `count`
  // slots, or null.
  static const void* find_slot(const LexiconSlot* slots, std::size_t count, std::string_view key, std::uint64_t hash);
  // add_layer() of the file `path` whose bytes are `text`.
  void add_layer_text(const std::string& path, const std::string& text, const std::string& process,
                      std::vector<LexiconIssue>* issues);
  // The image of a layer of `lines` (parsed from `path`) for `process`.
  static std::string build_image(const std::string& path, const std::string& process, const std::vector<LexiconLine>& lines);
  // Views the image at `image` (8-byte aligned, kept alive by `owner`) as a layer; false when its
  // header or sections do not fit it.
  static bool attach(std::string_view image, std::shared_ptr<const void> owner, Layer& layer);
  // Appends a layer.
  void push_layer(Layer&& layer);
  static const LexiconEntry* match_layer(const Layer& layer, const std::vector<std::string_view>& words, std::size_t i,
                                         std::size_t* length);
  // The longest term below `node` (the node of words[i]) that the words starting at words[i] spell,
  // or null.
  static const LexiconEntry* match_terms(const TermNode& node,
                                         const std::vector<std::string_view>& words, std::size_t i,
                                         std::size_t* length, const std::uint64_t* hashes);
  static const LexiconEntry* match_wildcard(const Layer& layer, std::string_view word);
  // match_wildcard() of a word whose first two bytes some wildcard of the layer starts with: out of
  // line, so that the test before it, which most words fail, is made without a call.
  static const LexiconEntry* match_wildcard_lengths(const Layer& layer, std::string_view word);
  static constexpr int kPairBits = 16;  // 8 KiB: stays in cache; a few thousand pairs fill ~5%
  static std::uint64_t pair_bit(std::uint64_t first, std::uint64_t second) {
    return ((first ^ (second * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull) >> (64 - kPairBits);
  }
  std::vector<Layer> layers_;
  std::vector<std::uint64_t> pairs_ = std::vector<std::uint64_t>((std::size_t{1} << kPairBits) / 64);  // may_continue()
  std::vector<std::string> scoped_processes_;  // distinct processes of scoped layers, in first-seen order
  // The layers' wildcard_starts together (empty: no layer has a wildcard of two bytes or more), so
  // that may_match_wildcard(), asked of every possible compound head, tests one bit.
  std::vector<std::uint64_t> wildcard_starts_;
};

/// Reads `--lexicon` values: "FILE" applies to every process, "PROCESS=FILE" to one.
/// Returns (process, file) pairs in order.
std::vector<std::pair<std::string, std::string>> parse_layer_specs(const std::vector<std::string>& specs);

/// Parses one lexicon line; returns false with `error` set when it is malformed (a score that is not
/// a finite number in -1..1 included). Comment and blank lines and the header give true with an
/// empty `entry.term`.
bool parse_lexicon_line(std::string_view line, LexiconLine& entry, std::string& error);

/// The message for a term (`key`, "wacht*" for a wildcard) a lexicon file lists a second time:
/// "duplicate: 'key' is already on line N". An error in luister-lexicon check and in loading alike.
std::string duplicate_message(std::string_view key, std::uint32_t first_line);

}  // namespace luister
