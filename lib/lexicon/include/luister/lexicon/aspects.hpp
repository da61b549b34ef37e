#pragma once
/// Aspects of municipal service (lexicons/aspects-nl.tsv): what residents judge a service on
/// (wachttijd, bereikbaarheid, kosten, …), each with a display name and seed terms.
///
///     const auto taxonomy = luister::AspectTaxonomy::load();      // aspects-nl.tsv via find_data_file
///     luister::AspectMatcher match(taxonomy);                     // one per thread
///     int a = match.best({"nooit", "teruggebeld"});               // index of "terugkoppeling"
///     taxonomy.aspects()[a].name;                                 // "Terugbellen en terugkoppeling"
///
/// Format (lexicons/README.md): `ASPECT<TAB>name<TAB>Display name` once per aspect,
/// `ASPECT<TAB>term<TAB>TERM` per seed term and, in a concepts file, at most one
/// `CONCEPT<TAB>type<TAB>object|problem`; a term's words match by Snowball stem (`wacht`), as an
/// exact form (`=leges`) or as a prefix (`terugbel*`), on whole words or on compound parts.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "luister/text/wordforms.hpp"

namespace luister {

/// One word of a seed term and how it matches a word of the text.
struct AspectWord {
  enum class Kind { kStem, kExact, kPrefix };
  Kind kind = Kind::kStem;
  std::string value;  ///< the stem (kStem), the word form (kExact) or the prefix (kPrefix)
};

/// A seed term: one word or a phrase (its words in a row, within one clause).
struct AspectTerm {
  std::string text;                ///< as written in the file
  std::vector<AspectWord> words;
  std::uint32_t line = 0;          ///< where it is written, for messages
};

/// What a concept names (a `type` line; aspects have none): the thing a complaint is about
/// ("container", "melding") or what goes wrong with it ("niet opgehaald", "afgesloten zonder
/// oplossing"). luister-cluster weighs the second above the first: residents who report different
/// things that went wrong with one object have different complaints.
enum class ConceptType { kUnset, kObject, kProblem };

/// An aspect: its key (`wachttijd`), its name for people (`Wachttijd`) and its seed terms.
struct Aspect {
  std::string key;
  std::string name;
  /// What goes wrong with it, as a complaint label ("lange wachttijd"): the label of a theme of this
  /// aspect whose answers share no phrase that says so. Empty: none given.
  std::string complaint;
  ConceptType type = ConceptType::kUnset;
  std::vector<AspectTerm> terms;
  std::uint32_t line = 0;  ///< its first line in the file
};

/// The aspects of one file, in the order of their first line (which breaks ties between aspects).
class AspectTaxonomy {
 public:
  /// Reads `path`, or `default_name` (aspects-nl.tsv; concepts-nl.tsv has the same format) found by
  /// find_data_file() when `path` is empty. Throws IoError when the
  /// file cannot be read, InputError (file, line, fix) on a malformed line, an unknown kind, a key
  /// that is not [a-z0-9_], capitals or bytes that are not UTF-8 in a term, a term listed twice for
  /// one aspect, an aspect with no name or two names, a type other than object or problem or given
  /// twice, and a file without aspects.
  static AspectTaxonomy load(const std::string& path = {}, const char* default_name = "aspects-nl.tsv");
  /// Parses the text of a taxonomy file; `file` names it in messages. Throws as load() does.
  static AspectTaxonomy parse(std::string_view text, const std::string& file);

  const std::vector<Aspect>& aspects() const { return aspects_; }
  /// The index of the aspect with `key`, or -1.
  int find(std::string_view key) const;
  /// The file it was read from.
  const std::string& file() const { return file_; }

 private:
  std::vector<Aspect> aspects_;
  std::string file_;
};

/// Where a seed term was found: its aspect and the words [begin, end) it covers.
struct AspectMatch {
  std::uint32_t aspect = 0;
  std::uint32_t begin = 0, end = 0;
};

/// Finds an aspect's seed terms in a text's words. Holds a stemmer: one per thread. The taxonomy
/// and the splitter must outlive it.
class AspectMatcher {
 public:
  /// `splitter` (may be null) lets a term's word match a part of a compound ("wachttijd").
  explicit AspectMatcher(const AspectTaxonomy& taxonomy, const CompoundSplitter* splitter = nullptr);
  /// Seed hits per aspect (indexed as taxonomy.aspects()) in `words`: lower-case words in order,
  /// an empty string marking a break no phrase crosses (punctuation). Every place a term matches
  /// counts once; a phrase counts twice, being more specific than a single word.
  std::vector<std::uint32_t> hits(const std::vector<std::string>& words);
  /// Every place a term matches in `words` (as hits() counts them), in order of position, then
  /// aspect, then term.
  std::vector<AspectMatch> find_terms(const std::vector<std::string>& words);
  /// The aspect with the most hits (ties: the earlier in the file), or -1 when no term matches.
  int best(const std::vector<std::string>& words);

 private:
  struct Forms {
    std::vector<std::string> words;  // the word and its compound parts
    std::vector<std::string> stems;  // their stems
  };
  const Forms& forms(const std::string& word);
  bool matches(const AspectWord& w, const Forms& f) const;

  // A term by where it is: aspect and term index.
  struct TermRef {
    std::uint32_t aspect, term;
  };
  // The terms by their first word, so a position of the text meets only the terms that can start
  // there: by stem, by exact form, and the few that start with a prefix.
  std::unordered_map<std::string, std::vector<TermRef>> by_stem_, by_exact_;
  // Prefix terms by their prefix's first two bytes (a word meets only those it may start with); the
  // rare prefix of one byte in `by_prefix_`.
  std::unordered_map<std::uint16_t, std::vector<TermRef>> by_prefix2_;
  std::vector<TermRef> by_prefix_;

  const AspectTaxonomy& taxonomy_;
  const CompoundSplitter* splitter_;
  Stemmer stemmer_;
  std::unordered_map<std::string, Forms> cache_;
};

}  // namespace luister
