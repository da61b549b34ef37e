#pragma once
// Complaint labels: a short phrase from the members' own words that states what goes wrong.
#include <functional>
#include <string>
#include <vector>

#include "luister/cluster/quotes.hpp"

namespace luister {

// What the label chooser needs to know of a word beyond ThemeWords.
struct LabelWords {
  ThemeWords& words;
  std::function<bool(const std::string&)> negative;  // a word the lexicon scores negative ("kapot", "slecht")
  std::function<bool(const std::string&)> negator;   // "niet", "geen", "nooit", "niemand"
};

// The label of a theme: among the windows of 1-6 words within a clause of its most typical members
// (`members`, each its lower-case words with "" at breaks, most typical first) that open with a
// content word, a negator or "te" of degree, end with a content word, hold a topic (a content word the
// lexicon does not score negative) and one of the theme's distinctive stems (`top_keys`), the one
// whose content words most members hold (by stem or compound part), weighted to prefer a window
// that says what is wrong with its topic (a negator, "te" before no infinitive: "te duur" but not
// "te betalen", or a negative word) and, failing that, two topics over one; ties to the
// shorter, then the first in byte order. "" when there is no such window.
std::string complaint_label(const std::vector<const std::vector<std::string>*>& members,
                            const std::vector<std::string>& top_keys, LabelWords& lw);

}  // namespace luister
