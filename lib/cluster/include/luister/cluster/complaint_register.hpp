#pragma once
/// The persistent complaint register: the themes luister keeps track of from week to week, in a
/// human-readable, diffable text file an analyst may edit (rename, pin, merge, add guided themes).
///
///     # comments
///     next_id = 14
///
///     [T0003]
///     scope = Paspoort/ID-kaart
///     label = lang wachten aan de balie
///     label_auto = lang wachten aan de balie
///     aspect = wachttijd
///     terms = wacht 0.520 | balie 0.310 | lang wacht 0.220
///     seeds =
///     pinned = no
///     merged_into =
///     first_seen = 2026-W44
///     last_seen = 2026-W47
///     status = growing
///     counts = 2026-W44 12 | 2026-W47 20
///
/// A block headed `[new]` is a theme written by hand; it gets the next id on the next run.
///
/// The file is UTF-8 (a byte order mark at the start, as some Windows editors write it, is accepted
/// and dropped when luister rewrites the file). Every `[T0001]` block holds all the keys above, as
/// luister writes them (but `aspect`, which older files lack); `next_id` stands before the first
/// block and is higher than every id.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace luister {

struct RegisterTheme {
  std::string id;          ///< "T0007"; never reused
  std::string scope;       ///< the value of the --by column it belongs to ("" = all rows)
  std::string label;       ///< shown to people; kept when an analyst edited it
  std::string label_auto;  ///< the label luister made; label != label_auto means renamed by hand
  std::string aspect;      ///< its aspect's key (aspects-nl.tsv) as the last run found it; "" for none.
                           ///< Optional in the file: registers from before issue 16 lack it
  std::vector<std::pair<std::string, double>> terms;  ///< defining terms (stems, "stem stem" phrases)
  std::vector<std::string> seeds;  ///< guided theme: an answer holding one of these words or phrases goes here
  bool pinned = false;             ///< terms and label are kept as written
  std::string merged_into;         ///< answers of this theme go to that id
  std::string first_seen, last_seen;
  std::string status;  ///< new, growing, shrinking, stable, gone, merged
  std::map<std::string, std::size_t> counts;  ///< period ("2026-W47", "2026-11") → answers
  std::size_t line = 0;  ///< where the block starts in the file, for messages
};

class ComplaintRegister {
 public:
  /// Reads `path`; a missing file is an empty register. Throws InputError (file, line, fix) on a
  /// malformed line, bytes that are not UTF-8 (Latin-1), a duplicate id, a [T0001] block without all
  /// its keys or a last line without its end (a file cut off), an unknown status or period, a missing
  /// next_id or one not above every id, a merge into an unknown id or a circle of merges, and a file
  /// with neither next_id nor themes.
  static ComplaintRegister load(const std::string& path);
  /// The file's text (deterministic: themes by id).
  std::string to_string() const;
  /// Writes to a temporary file and renames it over `path`.
  void save(const std::string& path) const;

  /// A fresh id ("T0014"), never one used before.
  std::string new_id();
  /// The theme with `id`, or nullptr.
  RegisterTheme* find(const std::string& id);
  /// Follows merged_into links to the theme answers finally go to (stops at cycles).
  const RegisterTheme* resolve(const std::string& id) const;

  std::vector<RegisterTheme> themes;
  std::uint32_t next_id = 1;
};

}  // namespace luister
