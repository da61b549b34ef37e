#pragma once
/// Dutch word forms: stopwords, Snowball stemming and compound splitting.
///
///     luister::CompoundSplitter split;                      // the wdutch word list + extras
///     luister::CompoundSplitter::join(split.split("wachttijd"));   // "wacht|tijd"
///     luister::Stemmer stem;  stem.stem("afspraken");             // "afsprak"
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "luister/text/word_index.hpp"

struct sb_stemmer;

namespace luister {

/// Dutch stopwords from lexicons/stopwords-nl.txt (or an explicit file). Negators, contrast words
/// and intensifiers are deliberately not stopwords: sentiment needs them.
class StopWords {
 public:
  /// Loads `path`, or stopwords-nl.txt found by find_data_file(). Throws IoError when the file
  /// cannot be found or read.
  explicit StopWords(const std::string& path = {});
  /// Whether `lower_word` (already lower case) is a stopword.
  bool contains(std::string_view lower_word) const { return words_.count(lower_word) > 0; }
  /// The number of stopwords loaded.
  std::size_t size() const { return words_.size(); }
  /// Calls `f(word)` for every word loaded, in no particular order.
  template <typename F>
  void for_each(F f) const {
    for (std::string_view w : words_) f(w);
  }

 private:
  std::shared_ptr<std::string> storage_;  // the file's text; the set's views point into it
  std::unordered_set<std::string_view> words_;
};

/// Whether a lower-case word looks like a Dutch past participle: ge…d/t/n, also after a separable
/// particle ("opgehaald", "teruggebeld"), or with an unstressed prefix and no "ge" ("beantwoord",
/// "verwerkt", "hersteld"). A guess from the spelling, for the few words a rule asks about.
bool looks_like_participle(std::string_view w);

/// The base forms an inflected Dutch adjective in -e may have where the -e changed its spelling,
/// which the Snowball stem does not undo: "snelle" -> snel, "toffe" -> tof, "vieze" -> vies,
/// "lieve" -> lief, "boze" -> bos, boos (an open syllable's vowel written double), "dove" -> dof,
/// doof. Empty strings where there is none ("slordige": its stem finds it).
std::array<std::string, 2> adjective_bases(std::string_view lower);

/// Snowball's Dutch stemmer (libstemmer). Not thread-safe: one per thread.
class Stemmer {
 public:
  /// Throws Error when the linked libstemmer has no Dutch UTF-8 stemmer.
  Stemmer();
  /// Frees the libstemmer state.
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  /// The stem of a lower-case UTF-8 word ("wachten" → "wacht", "afspraken" → "afsprak").
  std::string stem(std::string_view lower_word);

 private:
  sb_stemmer* stemmer_;
};

/// One part of a compound, and the linking element that follows it inside the compound.
/// `word + linker` is always the part's exact spelling in the compound.
struct CompoundPart {
  std::string word;    ///< the part as a word: "stad" in "stadsdeel"
  std::string linker;  ///< "s", "en", "e" or "": "s" in "stadsdeel", "en" in "klantenservice"
};

/// Splits Dutch compounds into words from a word list, not by guesswork.
///
/// The rule, in order:
///  - A split consists of listed words; every part but the last may be followed by a linker
///    (-s-, -en-, -e-). Parts are at least 3 letters (linker excluded), so prefixes ("be", "on")
///    never become parts.
///  - A word that is itself listed is split too ("wacht|tijd": later steps cluster on the parts),
///    but only into parts of 4+ letters and without an -e-, so "paspoort", "rijbewijs" and
///    "achteloosheid" stay whole; and not after a particle or preposition ("onder|zoek",
///    "terug|gebeld", "voor|keur" are derivations, not compounds). Words marked "=" in
///    compounds-extra.txt are never split ("grofvuil", "stadhuis").
///  - The last part (the head) is no derivational suffix that happens to be a word ("baar",
///    "lijk", "heid", "ende": "bereik|baar" is no compound).
///  - Among the splits, the fewest parts win, then the fewest unexpected linkers, then the longest
///    first part: "rijbewijs|aanvraag" (not rij|bewijs|aan|vraag), "gemeente|huis" (not
///    "gemeen|tehuis"). -en- is always expected, -e- never; -s- is expected after a word when most
///    listed words starting with it continue with an s (the list's own compounds tell:
///    "levens|loop", but "molen|steen").
///  - A part ending in s/en/e is reported as the shorter word plus a linker when the shorter word
///    is listed and the longer one is no word of its own (it has no plural in the list):
///    "stad"+"s", "klant"+"en", but "mens|vriendelijk", "reis|kosten", "molen|steen". Spelling
///    changes are not undone: "pannen|koek" keeps "pannen", "afspraken|systeem" keeps "afspraken".
/// Thread-safe: the word list is read-only after construction, and split() caches its results
/// per thread (at most 200,000 words per thread and splitter), so threads never wait on each other.
class CompoundSplitter {
 public:
  /// Loads `word_list` (default: $LUISTER_WORDLIST, else /usr/share/dict/dutch from Debian's wdutch)
  /// plus `extra` (default: lexicons/compounds-extra.txt via find_data_file), from the compiled
  /// index when a current one is installed (see word_index.hpp). Entries are lower-cased (ASCII).
  /// Throws IoError naming the file and the fix.
  explicit CompoundSplitter(const std::string& word_list = {}, const std::string& extra = {});
  /// Splits against an index already loaded (shared, read-only).
  explicit CompoundSplitter(std::shared_ptr<const WordIndex> index);
  CompoundSplitter(const CompoundSplitter&) = delete;
  CompoundSplitter& operator=(const CompoundSplitter&) = delete;
  /// The parts of `lower_word` (lower-case UTF-8); a single part, the word itself, when it is no
  /// compound, cannot be split, is longer than 64 bytes or holds anything but letters.
  std::vector<CompoundPart> split(std::string_view lower_word) const;
  /// split() without its per-thread cache, for callers that remember their answers themselves.
  std::vector<CompoundPart> split_uncached(std::string_view lower_word) const;
  /// split_uncached(), for callers that use a split only when its last part passes
  /// `head_ok(head, k)`: words none of whose possible last parts (listed words that are suffixes of
  /// the word, a part's length from either end) pass are not split at all, and come back empty.
  /// Trying those few suffixes costs far less than trying every split. `k` is
  /// WordIndex::find_probable(head): almost always the head's number, so head_ok must answer true
  /// whenever the head passes (a needless split only costs time). `may_be_head(head, hash)`, with
  /// `hash` the head's hash_bytes(), is asked first and must be true for every head that head_ok
  /// takes: a cheap filter that spares most suffixes the look-up in the index.
  template <typename MayBeHead, typename HeadOk>
  std::vector<CompoundPart> split_uncached_if(std::string_view lower_word, MayBeHead&& may_be_head, HeadOk&& head_ok) const {
    const std::size_t n = lower_word.size();
    if (n >= 2 * kMinPart && n <= kMaxWord)
      for (std::size_t i = kMinPart; i + kMinPart <= n; ++i) {
        const std::string_view head = lower_word.substr(i);
        if (head.size() > max_len_) continue;
        const std::uint64_t h = hash_bytes(head);
        if (!may_be_head(head, h)) continue;
        if (const std::uint32_t k = index_->find_probable_by_hash(h); k != WordIndex::kNone && head_ok(head, k))
          return compute(lower_word);
      }
    return {};
  }
  /// The shortest part of a compound, and the longest word that is split, in bytes.
  static constexpr std::size_t kMinPart = 3, kMaxWord = 64;
  /// Display form: parts joined by '|', each followed by its linker: "wacht|tijd", "stads|deel".
  static std::string join(const std::vector<CompoundPart>& parts);
  /// Whether the lower-case word is in the word list or the extras.
  bool known(std::string_view lower_word) const { return index_->find(lower_word) != WordIndex::kNone; }
  /// The number of distinct words loaded.
  std::size_t size() const { return index_->size(); }
  /// The word list the splitter uses.
  const WordIndex& index() const { return *index_; }

 private:
  std::vector<CompoundPart> compute(std::string_view word) const;
  // Where a non-final part [begin, end) of a word splits into word and linker; false if it is no part.
  bool piece(std::string_view word, std::size_t begin, std::size_t end, std::size_t* base_len) const;
  // Whether the word is listed in lower case (not only as a name such as "Rijksen").
  bool common(std::string_view w) const {
    std::uint32_t i = index_->find(w);
    return i != WordIndex::kNone && index_->common(i);
  }
  // Whether most listed words starting with `base` continue with an s ("levens…", "verkeers…").
  bool takes_s(std::string_view base) const;

  std::uint64_t id_;                         // names this splitter's per-thread caches (addresses get reused)
  std::shared_ptr<const WordIndex> index_;   // never null
  std::size_t max_len_ = 0;                  // longest listed word, to skip hopeless look-ups
};

}  // namespace luister
