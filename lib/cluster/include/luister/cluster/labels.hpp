#pragma once
// Complaint labels: a short phrase from the members' own words that states what goes wrong.
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "luister/cluster/quotes.hpp"

namespace luister {

/// What the label chooser needs to know of a word beyond ThemeWords (it refers to `words`, which
/// must outlive it).
struct LabelWords {
  ThemeWords& words;
  std::function<bool(const std::string&)> negative;  // a word the lexicon scores negative ("kapot", "slecht")
  std::function<bool(const std::string&)> negator;   // "niet", "geen", "nooit", "niemand"
  /// A word that counts or measures ("weken", "drie"): never a label's topic, first or last word.
  /// Digits and money words ("euro", "procent") count as measures without it; empty: none other.
  std::function<bool(const std::string&)> measure = {};
  /// A word the lexicon scores as a positive adjective ("fijn", "handig"): a complaint's topic only
  /// when the window negates it ("niet bereikbaar"). Empty: none.
  std::function<bool(const std::string&)> positive = {};
  /// A word for the resident's own feeling ("onrustig", "paniek", "boos"): what a complaint did to
  /// them, not what is wrong nor what it is about: no label holds one. Empty: none.
  std::function<bool(const std::string&)> feeling = {};
};

/// Whether a lexicon entry (its score and tags) marks a label window as saying what is wrong: a
/// negative word does ("kapot", "onduidelijk", "probleem"), except a noun scored only mildly (above
/// -0.5: "kosten", "wachtlijst", "boete", "overlast"), which names what a complaint is about rather
/// than what is wrong with it ("kosten voor het festival" is a topic, "te hoge kosten" a complaint),
/// and a word tagged `feeling` (marks_feeling()).
bool marks_complaint(double score, std::string_view tags);

/// Whether a lexicon entry names the resident's own feeling (tag `feeling`: "boos", "paniek"):
/// "maakt me onrustig" says what a complaint did, not what it is.
bool marks_feeling(std::string_view tags);

/// Whether a lexicon entry of `lower_word` praises in a label window: a positive adjective ("fijn",
/// "handig") or a positive participle ("opgelost", "geholpen"). In a complaint it is what the
/// resident missed ("zou fijn zijn", "pas opgelost na drie meldingen"), never the complaint's topic.
bool marks_praise(double score, std::string_view tags, std::string_view lower_word);


/// Whether a word alone names nothing a label could be about: a general noun ("tijd"), a degree
/// ("lang"), when said relative to now ("vorig", "gisteravond"), a verb that needs its complement
/// ("laten", "is"), a measure ("werkdagen"), praise ("fijn") or a feeling.
bool names_nothing(const std::string& lower_word, LabelWords& lw);

/// Whether w[j] is "pas" of time ("pas na zes weken", "(vul ze) niet pas als iemand belt"), not the
/// card ("mijn pas", "geen pas", "pas kwijt"): no word a label takes for its topic.
bool time_pas(const std::vector<std::string>& w, std::size_t j);

/// The label of a theme: among the windows of 1-7 words (fillers such as "echt", "gewoon" left out,
/// past five words worth a little less) within a clause of its most typical members
/// (`members`, each its lower-case words with "" at breaks, most typical first) that open with a
/// content word, a negator or "te" of degree, end with a content word, hold no conjunction that
/// opens a new clause ("dat", "maar", "omdat"), hold a topic (a content word the lexicon does not
/// score negative and no measure: "leges", not "euro" or "weken") and say what is wrong with it (a
/// negator, "te" before no infinitive: "te duur" but not "te betalen", or a negative word), the one
/// whose content words most members hold (by stem or compound part, or by a concept the word is part
/// of when `words` has concepts: "kliko overgeslagen" holds "container niet geleegd"). Tried in turn until one is
/// found: such a window with one of the theme's distinctive stems (`top_keys`) held by two members
/// or more; held by one (a shortened typical clause; of those, the more typical member's); without a distinctive stem; and last a window
/// that names topics only (two over one). Never one word without a topic ("kwijt"), never an
/// inflected adjective cut from its noun ("de kapotte"), never ending in "te" and an infinitive without
/// a negator or "om" ("scherm te staren"; but "nooit te bereiken", "onmogelijk om iemand te spreken"). Ties to the shorter, then the first in byte order; "" when
/// there is no window at all.
/// Never a label in `taken` (the labels of the group's other complaints). With `says_wrong`, sets
/// it to whether the label says what is wrong (false for topics only, or "").
std::string complaint_label(const std::vector<const std::vector<std::string>*>& members,
                            const std::vector<std::string>& top_keys, LabelWords& lw,
                            const std::set<std::string>& taken = {}, bool* says_wrong = nullptr);

}  // namespace luister
