#pragma once
/// The Dutch word list behind compound splitting, as one read-only image: sorted distinct words,
/// a flag byte per word, an open-addressing hash table and a bit filter. The build compiles it into
/// share/luister/wordlist.idx (`luister-lexicon compile-wordlist`), which a run maps from disk
/// instead of sorting and hashing 400,000 words at every start.
///
///     auto sources = luister::WordSources::resolve();        // $LUISTER_WORDLIST or wdutch + extras
///     auto index = luister::WordIndex::load(sources);        // the compiled file if current, else built
///     index->find("wachttijd") != luister::WordIndex::kNone;
///
/// File format (little-endian, version kFormatVersion): a 192-byte header (magic "LUISTWIX", version,
/// file size, hash of the source files, section offsets), then 8-byte aligned sections: hash slots
/// (u64: high half of the word's hash | word number), filter (u64 words, two bits of one word per
/// listed word), word offsets (u32, one more than words), flags (u8 per word: listed in lower case,
/// never split, takes a linking s), the words' bytes, stem offsets (u32, one more than words), the
/// stems' bytes (each word's Snowball stem), the stems' hashes (u32 per word) and the words' hash tags
/// (u32 per word: the high half of hash_bytes() of the word). The header also records the source
/// files' stamp (WordSources::Stamp); when it differs from theirs, their hash decides. A header whose
/// magic, version, size or source hash does not match is ignored and the index is built in memory
/// instead, so a changed /usr/share/dict/dutch, compounds-extra.txt or $LUISTER_WORDLIST never meets
/// a stale index; nor does a changed libstemmer (a sample of the stored stems is checked on open).
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "luister/base/hash.hpp"

namespace luister {

/// The text files a word index is made from.
struct WordSources {
  std::string word_list;  ///< one word per line; capitalised entries are names
  std::string extra;      ///< compounds-extra.txt: '#' comments, "=word" never split

  /// `word_list` empty: $LUISTER_WORDLIST, else /usr/share/dict/dutch (Debian's wdutch). `extra`
  /// empty: compounds-extra.txt found by find_data_file(). Throws IoError when the extras are missing.
  static WordSources resolve(const std::string& word_list = {}, const std::string& extra = {});

  /// The two files' identities: size, device, inode, modification and change times (a write moves
  /// the change time, and nothing sets it back). All zero when one cannot be read.
  using Stamp = std::array<std::uint64_t, 6>;
  Stamp stamp() const;
};

/// An immutable word set with prefix counts, shareable between threads.
class WordIndex {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  static constexpr std::uint32_t kFormatVersion = 5;
  /// The compiled index's file name in the data folders.
  static constexpr const char* kFileName = "wordlist.idx";

  /// The index for `sources`: the first current compiled index among data_dirs(), else one built in
  /// memory. An index is current when it records the sources' stamp, or else their hash (then the
  /// sources are read and hashed). Throws IoError naming the file and the fix when a source file
  /// cannot be read.
  static std::shared_ptr<const WordIndex> load(const WordSources& sources);
  /// Builds the index from the sources in memory (what `load` falls back to). Throws IoError.
  static std::shared_ptr<const WordIndex> build(const WordSources& sources);
  /// Maps a compiled index; null when the file is absent, unreadable, malformed or compiled from
  /// other sources than those hashing to `source_hash` (see hash_sources).
  static std::shared_ptr<const WordIndex> open(const std::string& path, std::uint64_t source_hash);
  /// The hash of the sources' bytes that a compiled index records. Throws IoError.
  static std::uint64_t hash_sources(const WordSources& sources);

  /// Writes the image to `path` atomically (temporary file, then rename). Throws IoError.
  void save(const std::string& path) const;
  /// The image's bytes: identical whether built here or mapped from a file.
  std::string_view image() const { return {base_, size_}; }
  /// Whether the index was mapped from a compiled file (false: built in memory).
  bool mapped() const { return mapped_; }

  /// The number of word `w`, or kNone.
  std::uint32_t find(std::string_view w) const;
  /// find() without comparing the words: the number of a word whose hash shares 32 bits with `w`'s,
  /// almost always `w` itself, or kNone (then `w` is surely not listed). One memory access fewer,
  /// for filters that may let a rare stranger through.
  std::uint32_t find_probable(std::string_view w) const { return find_probable_by_hash(hash_bytes(w)); }
  /// find_probable() of the word whose hash_bytes() is `h`, for a caller who has hashed it.
  std::uint32_t find_probable_by_hash(std::uint64_t h) const;
  /// Starts loading the memory that find() of the word whose hash_bytes() is `h` reads first (its
  /// filter word and hash slot), so that the look-ups of several words soon after wait together.
  void prefetch(std::uint64_t h) const;
  /// After prefetch(h): starts loading what find() reads next, the word's offsets and its stem's
  /// (and its stem_hash()), when the filter and a slot say it may be listed.
  void prefetch_entry(std::uint64_t h) const;
  /// After prefetch_entry(h): starts loading what find() and stem() read last, the bytes of the
  /// word and of its stem. Waits for the offsets if they have not arrived yet: called for several
  /// words in a row, the first waits and the others find theirs there.
  void prefetch_text(std::uint64_t h) const;
  /// Word number `i` (< size()), in byte order.
  std::string_view word(std::uint32_t i) const { return slice(blob_, blob_size_, offsets_, i); }
  /// The Snowball stem of word `i` (Stemmer::stem(word(i)), computed when the index was made).
  std::string_view stem(std::uint32_t i) const { return slice(stem_blob_, stem_blob_size_, stem_offsets_, i); }
  /// stem_hash(stem(i)), without reading the stem, plus kSharedTag when another listed word's hash
  /// shares the 32 bits find_probable() compares (then find_probable() of word i may name it).
  std::uint32_t stem_hash(std::uint32_t i) const { return stem_hashes_[i]; }
  static constexpr std::uint32_t kSharedTag = 1;
  /// The hash of a stem that stem_hash(i) holds (its lowest bit is kSharedTag's, and clear).
  static std::uint32_t stem_hash(std::string_view stem) { return static_cast<std::uint32_t>(hash_bytes(stem) >> 32) & ~kSharedTag; }
  /// The high half of hash_bytes(word(i)), without reading the word: for filters built over many
  /// listed words at once.
  std::uint32_t tag(std::uint32_t i) const { return tags_[i]; }
  /// Whether word `i` is listed in lower case (not only as a name such as "Rijksen").
  bool common(std::uint32_t i) const { return flags_[i] & kCommon; }
  /// Whether word `i` is an "=" entry of the extras: never split.
  bool keep_whole(std::uint32_t i) const { return flags_[i] & kKeepWhole; }
  /// Whether most listed words that start with word `i` and are longer continue with an s
  /// ("levens…", "verkeers…"; not "molen…"): count_prefix(w + "s") * 2 >= count_prefix(w) - 1 > 0.
  bool takes_s(std::uint32_t i) const { return flags_[i] & kTakesS; }
  /// The number of listed words starting with `prefix`.
  std::size_t count_prefix(std::string_view prefix) const;
  std::size_t size() const { return words_; }
  /// The longest word's length in bytes.
  std::size_t max_len() const { return max_len_; }
  /// The hash of the sources this index was made from.
  std::uint64_t source_hash() const { return source_hash_; }

  ~WordIndex();
  WordIndex(const WordIndex&) = delete;
  WordIndex& operator=(const WordIndex&) = delete;

 private:
  static constexpr std::uint8_t kCommon = 1, kKeepWhole = 2, kTakesS = 4;
  WordIndex() = default;
  // Entry `i` of a blob cut by `offsets`. Offsets are checked here, at each use, rather than all
  // 800,000 of them at every start: a damaged file gives empty words, never a read astray.
  static std::string_view slice(const char* blob, std::uint32_t blob_size, const std::uint32_t* offsets, std::uint32_t i) {
    const std::uint32_t begin = offsets[i], end = offsets[i + 1];
    if (end < begin || end > blob_size) return {};
    return {blob + begin, static_cast<std::size_t>(end - begin)};
  }
  // open() with the test of currency left to `current(recorded source hash, recorded stamp)`.
  static std::shared_ptr<const WordIndex> open_if(const std::string& path,
                                                  const std::function<bool(std::uint64_t, const WordSources::Stamp&)>& current);
  // Points the accessors into an image of `size` bytes; false when its header is not sound.
  bool attach(const char* base, std::size_t size);
  // The first word on the probe path of hash `h` whose tag matches and that `accept(number)` takes, or kNone.
  template <typename Accept>
  std::uint32_t probe(std::uint64_t h, Accept accept) const;
  // The words in [lo, hi) that start with `prefix`, as [first, last).
  std::pair<std::uint32_t, std::uint32_t> prefix_range(std::uint32_t lo, std::uint32_t hi, std::string_view prefix) const;

  std::vector<std::uint64_t> owned_;  // the image when built in memory
  const char* base_ = nullptr;
  std::size_t size_ = 0;
  bool mapped_ = false;
  const std::uint64_t* slots_ = nullptr;
  const std::uint64_t* filter_ = nullptr;
  const std::uint32_t* offsets_ = nullptr;
  const std::uint8_t* flags_ = nullptr;
  const char* blob_ = nullptr;
  std::uint32_t blob_size_ = 0;
  std::uint32_t stem_blob_size_ = 0;
  const std::uint32_t* stem_offsets_ = nullptr;
  const char* stem_blob_ = nullptr;
  const std::uint32_t* stem_hashes_ = nullptr;
  const std::uint32_t* tags_ = nullptr;
  std::uint64_t slot_mask_ = 0;
  std::uint32_t words_ = 0;
  std::uint32_t max_len_ = 0;
  int filter_shift_ = 64;  // 64 - log2(filter words)
  std::uint64_t source_hash_ = 0;
};

}  // namespace luister
