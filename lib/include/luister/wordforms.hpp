#pragma once
/// Dutch word forms: stopwords, Snowball stemming and compound splitting.
///
///     luister::CompoundSplitter split;                      // the wdutch word list + extras
///     luister::CompoundSplitter::join(split.split("wachttijd"));   // "wacht|tijd"
///     luister::Stemmer stem;  stem.stem("afspraken");             // "afsprak"
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

struct sb_stemmer;

namespace luister {

/// Dutch stopwords from lexicons/stopwords-nl.txt (or an explicit file). Negators, contrast words
/// and intensifiers are deliberately not stopwords: sentiment needs them.
class StopWords {
 public:
  /// Throws IoError when the file cannot be found or read.
  explicit StopWords(const std::string& path = {});
  /// `lower_word` must be lower case.
  bool contains(std::string_view lower_word) const { return words_.count(std::string(lower_word)) > 0; }
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

/// Snowball's Dutch stemmer (libstemmer). Not thread-safe: one per thread.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  /// The stem of a lower-case UTF-8 word ("wachten" → "wacht").
  std::string stem(std::string_view lower_word);

 private:
  sb_stemmer* stemmer_;
};

/// One part of a compound, and the linking element that follows it inside the compound.
struct CompoundPart {
  std::string word;    ///< the part as a word: "stad" in "stadsdeel"
  std::string linker;  ///< "s", "en", "e" or ""
};

/// Splits Dutch compounds into words from a word list, not by guesswork.
///
/// A split must consist of listed words of at least 3 letters, joined directly or by a linking
/// -s-, -e- or -en-; the split with the fewest parts wins, then the one with fewest linkers, then the
/// one with the longest first part ("gemeente|huis", not "gemeen|tehuis"). A word that is itself listed is split only when every part
/// has at least 4 letters and the head is no suffix-like word (baar, lijk, heid…) nor a participle
/// (ge…), so "paspoort", "rijbewijs", "bereikbaar" and "teruggebeld" stay whole while "wachttijd"
/// splits. Thread-safe: results are cached per thread.
class CompoundSplitter {
 public:
  /// Loads `word_list` (default: /usr/share/dict/dutch from Debian's wdutch, or $LUISTER_WORDLIST)
  /// plus `extra` (default lexicons/compounds-extra.txt). Throws IoError naming the file and the fix.
  explicit CompoundSplitter(const std::string& word_list = {}, const std::string& extra = {});
  /// The parts of `lower_word`; a single part when it is no compound or cannot be split.
  std::vector<CompoundPart> split(std::string_view lower_word) const;
  /// "wacht|tijd", "stads|deel": parts joined by '|', each with its linker.
  static std::string join(const std::vector<CompoundPart>& parts);
  /// Whether the (lower-case) word is in the list.
  bool known(std::string_view lower_word) const { return words_.count(lower_word) > 0; }
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<CompoundPart> compute(std::string_view word) const;
  std::shared_ptr<std::string> storage_;  // the word list's text; the set's views point into it
  std::unordered_set<std::string_view> words_;
};

}  // namespace luister
