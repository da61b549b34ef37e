#pragma once
/// `luister-followup`: the residents a municipality should get back to (closing the loop).
///
///     luister::CallbackMatcher m;   // lexicons/callback-nl.txt and negators-nl.txt
///     m.match("Graag contact, bel me even terug").request;       // true
///     m.match("U hoeft mij niet terug te bellen").request;       // false
///
/// A respondent is listed when one of their answers has a low grade, a strongly negative sentiment,
/// or asks to be contacted, AND their row carries contact details or consent (and no refusal).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "luister/archive/callbacks.hpp"
#include "luister/base/period.hpp"
#include "luister/cli/cli.hpp"
#include "luister/csv/columns.hpp"
#include "luister/csv/excel.hpp"
#include "luister/text/normalize.hpp"
#include "luister/text/tokenize.hpp"

namespace luister {

/// One phrase of the callback list: terms in order, each a set of alternatives (a trailing `*` makes
/// an alternative a prefix), and whether up to kCallbackGap other words may stand before each term.
struct CallbackPhrase {
  struct Term {
    std::vector<std::string> alternatives;
    bool gap_before = false;
  };
  std::vector<Term> terms;
  std::string source;  ///< the line as written
  std::string file;
  int line = 0;
};

/// At most this many other words may stand where a phrase has `~`.
inline constexpr int kCallbackGap = 3;

/// Parses a phrase list (format in lexicons/README.md and at the top of callback-nl.txt).
/// Throws InputError naming `file` and the line for a malformed phrase.
std::vector<CallbackPhrase> parse_callback_phrases(std::string_view text, const std::string& file);

/// What the callback rule found in one answer.
struct CallbackResult {
  bool request = false;          ///< some phrase matched and was not negated
  std::string phrase;            ///< the first un-negated match, in the normalised answer ("bel me even terug")
  const CallbackPhrase* rule = nullptr;
  /// Every match, negated or not, for --explain: matched words, and the negator that cancelled it.
  struct Match {
    std::string words;
    std::string negated_by;  ///< empty: a request
    const CallbackPhrase* rule;
  };
  std::vector<Match> matches;
};

/// Finds requests to be called back or contacted in Dutch answers, on normalised text (case folded,
/// NFKC, elongations squeezed), within one clause at a time (punctuation, line breaks and `maar`
/// end a clause). A match is cancelled by a negator from negators-nl.txt inside it ("bel me niet
/// terug"), just before it, possibly across a few filler words ("niet meer", "niet graag"), or
/// within two words after it ("bel me terug is niet nodig").
class CallbackMatcher {
 public:
  /// Loads the phrase list (default: callback-nl.txt) and the negators (default: negators-nl.txt).
  explicit CallbackMatcher(const std::string& phrases_path = {}, const std::string& negators_path = {});
  /// From text, for tests: `phrases` in the file format, `negators` one per line.
  static CallbackMatcher from_text(std::string_view phrases, std::string_view negators);

  CallbackResult match(std::string_view answer) const;
  /// The answer as matched (normalised).
  std::string normalized(std::string_view answer) const;
  const std::vector<CallbackPhrase>& phrases() const { return phrases_; }

 private:
  struct FromText {};
  CallbackMatcher(FromText, std::string_view phrases, std::string_view negators);
  void load_negators(std::string_view text);
  std::vector<CallbackPhrase> phrases_;
  std::unordered_set<std::string> negators_;
  Normalizer normalizer_;
  Tokenizer tokenizer_;
};

// Which columns hold contact details or consent (ContactKind, guess_contact_kind) lives in
// luister/csv/columns.hpp, shared with luister-archive purge; formula neutralising in
// luister/csv/excel.hpp, shared by every CSV meant for people.
/// Reads a consent answer: true for ja / yes / j / y / 1 / true / waar / akkoord / ok (also
/// "ja, graag"), false for nee / no / n / 0 / false / onwaar / "niet akkoord" (also "nee, liever
/// niet"), nothing for empty or anything else.
std::optional<bool> read_consent(std::string_view value);

struct FollowupOptions {
  CommonOptions common;
  double max_grade = 5;           ///< grade <= this triggers
  double max_sentiment = -0.5;    ///< sentiment <= this triggers
  bool use_sentiment = true;      ///< false: no sentiment rule (no luister-score column needed)
  std::vector<std::string> contact;  ///< --contact columns (kind from the name; details if unclear)
  std::vector<std::string> consent;  ///< --consent columns (always read as consent)
  std::string phrases;            ///< callback phrase list (default callback-nl.txt)
  std::string negators;           ///< negator list (default negators-nl.txt)
  bool neutralize = true;         ///< neutralise formula-like cells (OWASP; luister/csv/excel.hpp)
  /// Keep the answer text as typed. By default it is masked (mask_pii): the list needs contact
  /// details, not the BSN, IBAN or plate in an answer; e-mail addresses and phone numbers stay
  /// only for a respondent who can be reached through the answer alone.
  bool raw_text = false;
  /// List only the answers dated in this period (rows without a readable date are left out).
  std::optional<Period> period;
  /// The archive (luister-archive) that closes the loop; needs `period`. Residents whose case is
  /// closed there (called, solved, declined: luister-followup outcomes) are left off; cases of
  /// earlier lists still open stay on it (their rows from the input, else from the archive), marked
  /// in `status` and `open_since`; the list's cases are recorded in the archive (one transaction).
  std::string db;
  int wait_seconds = 600;        ///< how long to wait for another run that holds the archive
  SheetStyle style = SheetStyle::kPlain;  ///< --excel nl: for Dutch Excel
};

/// Runs luister-followup; returns the exit code. Reads all input (a respondent's answers are
/// merged into one row), writes the list sorted by urgency, and a summary line on stderr.
int run_followup(const FollowupOptions& options);

/// `luister-followup outcomes`: the team's filled-in outcome sheets back into the archive.
struct OutcomeOptions {
  std::string db;
  std::vector<std::string> sheets;  ///< CSV as saved by Excel (any encoding and dialect luister-import reads)
  char delimiter = 0;               ///< 0: detected
  bool raw_notes = false;           ///< store notes as typed (default: masked with mask_pii)
  int wait_seconds = 600;
};

/// Reads an outcome sheet: the call-back list as the team filled it in (or any sheet with a response
/// id, an outcome and a date column, names in Dutch or English; see luister-followup outcomes --help).
/// Lines without outcome and date are skipped (still open). Each bad line is reported on stderr
/// (file, line, fix) and makes the result false; `entries` gets the good ones.
bool read_outcome_sheet(const std::string& path, char delimiter, std::vector<OutcomeEntry>& entries);

/// Reads every sheet and stores their outcomes in the archive in one transaction: all or nothing.
/// Prints what changed (or that nothing did) on stderr. Returns the exit code.
int run_outcomes(const OutcomeOptions& options);

/// luister-followup's command line: the options and --explain.
struct FollowupToolOptions {
  FollowupOptions followup;
  std::optional<std::string> explain;  ///< --explain TEXT: show how the callback rule reads it
  std::string week, month, from, to;   ///< the period, as given
  bool outcomes = false;               ///< the `outcomes` command
  OutcomeOptions outcome;
};

/// Runs luister-followup as its command line asks: explains the callback rule on one text (on
/// standard output), stores outcome sheets, or lists the residents. Returns the exit code.
int run_followup_tool(const FollowupToolOptions& options);

}  // namespace luister
