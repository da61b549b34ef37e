#pragma once
// The complaint rules: what Dutch answers say without a sentiment word (a broken promise, a wait, a
// count of attempts, a rhetorical question, an imperative to the municipality), and what turns the
// lexicon's praise around (a wish, sarcasm, scare quotes, uncertainty). They run after the lexicon
// pass over one answer, on its tokens and their word classes (lexicons/complaint-nl.tsv), and add
// or change evidence, each change named by its rule ("expectation(zou…niet)", "sarcasm(hoor)").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "luister/sentiment/sentiment.hpp"

namespace luister::complaint {

/// Word classes, one bit each; a word may have several (see lexicons/complaint-nl.tsv).
enum Class : std::uint32_t {
  kUnit = 1u << 0,
  kNumber = 1u << 1,
  kOne = 1u << 2,
  kOrdinal = 1u << 3,
  kCount = 1u << 4,
  kLongPre = 1u << 5,
  kShortPre = 1u << 6,
  kWaitAfter = 1u << 7,
  kLater = 1u << 8,
  kDurPre = 1u << 9,
  kPromise = 1u << 10,
  kFailure = 1u << 11,
  kImperative = 1u << 12,
  kWish = 1u << 13,
  kWishAdj = 1u << 14,
  kRequest = 1u << 15,
  kQuestion = 1u << 16,
  kAddressee = 1u << 17,
  kImpatience = 1u << 18,
  kRelief = 1u << 19,
  kSubject = 1u << 20,
  kPersist = 1u << 21,
  kCognition = 1u << 22,
  kFeeling = 1u << 23,
  kKnow = 1u << 24,
  kMore = 1u << 25,
  kEarlier = 1u << 26,
  kSarcasm = 1u << 27,
  kFinite = 1u << 28,   // a finite verb: after a verb first in its clause, no imperative ("Zorg was goed")
  kNegator = 1u << 29,  // from negators-nl.txt, not from the class file
  kCalendar = 1u << 30,  // a month or a day of the week
  kSubordinator = 1u << 31,  // opens a subordinate or relative clause: "die", "omdat", "als"
};

/// The classes named in `list` ("unit,number"); throws InputError naming `path`:`line` for an
/// unknown name.
std::uint32_t parse_classes(std::string_view list, const std::string& path, std::uint32_t line);

/// What an answer holds, for skipping the rules that start from what it lacks. Gathered while its
/// words are looked up, where the loop over its tokens waits for memory anyway.
struct AnswerTraits {
  std::uint32_t classes = 0;   ///< of all its words
  bool question_mark = false;  ///< a punctuation token holding a '?'
  bool numerals = false;       ///< a numeral token ("5", "14:00")
  bool digit_words = false;    ///< a word starting with a digit ("3x", "2e")
  bool quotes = false;         ///< a quote mark as a token of its own
  bool nog = false;            ///< the word "nog"
  bool dear = false;           ///< a word of a high or raised price (says_dear())
  bool took = false;           ///< a form of "duren" (says_took())
  bool cue = false;            ///< a rarer word some rule starts from (says_cue())
  bool sinds = false;          ///< the word "sinds"
};
/// Adds `rule` to the rules of `ev` (", " between rules).
void append_rule(Evidence& ev, std::string_view rule);
/// Whether a word form says a price is high or went up ("fors", "verhoogd", "prijsverhoging").
bool says_dear(std::string_view w);
/// Whether a word form is one of "duren" that tells what something took ("duurde", "duurt").
bool says_took(std::string_view w);
/// Whether a word form is a rarer cue some rule starts from, so that answers without one skip it:
/// "tenminste" (a condition
/// that undercuts praise), "kennelijk", "blijkbaar" (a broken norm), "tijd", "tempo", "snelheid" (a
/// hyperbole of slowness), "verwacht…" (what a price should have bought), "enquête…", "vragenlijst"
/// (a sentence about the survey itself), "bandje", "volgens" (a quoted claim), "avond(en)",
/// "ochtend(en)", "middag(en)" (time spent on a task), "pas" ("pas … toen"), "mag", "mogen" ("mogen
/// wel wat duidelijker"), "snap…", "begrijp…", "hoort", "eenmaal" (a drawback accepted).
bool says_cue(std::string_view w);
/// One answer after the lexicon pass, for the rules. Every vector is indexed by token.
struct RuleInput {
  const std::vector<Token>& tokens;
  const std::vector<std::string_view>& words;
  const std::vector<std::uint32_t>& classes;
  const std::vector<Span>& sentences;
  std::vector<Evidence>& evidence;
  const AnswerTraits& traits;  ///< of these tokens
  const std::vector<Span>& neutral;  ///< the tokens of neutral lexicon expressions: covered as evidence is
};

/// Applies the rules to one answer (`clauses`: all of its clauses, in order): adds evidence for
/// implicit complaints and rewrites the evidence of wishes, sarcasm, scare quotes and uncertainty.
/// `scratch` keeps its memory between answers.
void apply(const RuleInput& in, const std::vector<Clause>& clauses, std::vector<std::uint32_t>& scratch);

}  // namespace luister::complaint
