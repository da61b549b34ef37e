#pragma once
// Private to the report: compliments to pass on — the warmest positive answers that name staff or
// their behaviour, per scope (ScopeReport::kudos).
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "luister/lexicon/aspects.hpp"
#include "luister/text/text.hpp"
#include "luister/text/wordforms.hpp"

namespace luister::report {

/// Tells whether an answer names staff ("de medewerker", "mevrouw aan de balie") or their behaviour
/// (a seed term of the aspect bejegening in aspects-nl.tsv: "vriendelijk", "geluisterd", "meedenken").
class StaffMention {
 public:
  /// Loads staff-nl.txt and aspects-nl.tsv (find_data_file). Throws IoError/InputError as their loaders do.
  StaffMention();
  bool operator()(std::string_view text);
  /// Whether a lower-case word names staff: a word of staff-nl.txt, by stem, or a compound ending in one.
  bool names_staff(const std::string& word);

 private:

  TextPipeline text_;
  AnalyzedText analyzed_;
  Stemmer stemmer_;
  std::vector<std::string> staff_;              // the words as listed
  std::unordered_set<std::string> staff_stems_;  // and their stems
  AspectTaxonomy aspects_;
  std::unique_ptr<AspectMatcher> matcher_;
  int behaviour_ = -1;  // index of the aspect bejegening, or -1 when the taxonomy lacks it
};

}  // namespace luister::report
