#pragma once
/// `luister-lexicon`: check, describe, merge, compare and import sentiment lexicons.
#include <iosfwd>
#include <string>
#include <vector>

namespace luister {

/// Checks lexicon files (in layer order): malformed lines, bad UTF-8, out-of-range scores and
/// duplicates are errors; a term scored with the opposite sign (or far apart) in a later layer is a
/// conflict, reported as a warning unless `strict`. Messages go to `err` as "file:line: …".
/// Returns the exit code (0 clean, 1 errors).
int lexicon_check(const std::vector<std::string>& files, bool strict, std::ostream& err);

/// Size, polarity balance, kinds of terms, score histogram and tags of each file.
void lexicon_stats(const std::vector<std::string>& files, std::ostream& out);

/// The layered merge of `files` (later files win) as one lexicon TSV.
void lexicon_merge(const std::vector<std::string>& files, std::ostream& out);

/// What changed from `a` to `b`: "-" only in a, "+" only in b, "~" score changed, as TSV.
void lexicon_diff(const std::string& a, const std::string& b, std::ostream& out);

/// Converts another lexicon format to luister's TSV: "pattern" (Pattern's nl-sentiment.xml: form,
/// polarity), "afinn" (word<TAB>integer -5..5, divided by 5), "tsv" (term<TAB>number, scaled by
/// `scale`). Throws InputError naming file and line for what it cannot read.
void lexicon_import(const std::string& format, const std::string& file, double scale, std::ostream& out);

/// luister-lexicon's command line: the command and its options.
struct LexiconToolOptions {
  std::string command;             ///< check, stats, merge, diff, import or compile-wordlist
  std::vector<std::string> files;  ///< the lexicon files (diff: A and B; import: the one to convert)
  std::string output;              ///< -o FILE; empty: standard output
  std::string from = "tsv";        ///< import --from: pattern, afinn or tsv
  double scale = 1;                ///< import --scale
  bool strict = false;             ///< check --strict
  std::string word_list;           ///< compile-wordlist --word-list
  std::string extra;               ///< compile-wordlist --extra
};

/// Runs the chosen luister-lexicon command: check reports on standard error; compile-wordlist writes
/// the word index to -o; the others write their text to -o or standard output, once it is complete.
/// Returns the exit code.
int run_lexicon_tool(const LexiconToolOptions& options);

}  // namespace luister
