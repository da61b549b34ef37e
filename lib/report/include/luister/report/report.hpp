#pragma once
/// luister-report: the report the people at the municipality read.
///
/// Reads scored and clustered canonical CSV covering any number of weeks, picks one period, compares
/// it with the period before and with the trend over the last 8 periods, per process and overall, and
/// renders the result as Markdown, one self-contained HTML file, or JSON.
///
///     luister::report::ReportOptions options;
///     options.period = luister::parse_week("2026-W47");
///     luister::report::CsvRowSource source({"answers-clustered.csv"}, 0);
///     luister::report::Report report = luister::report::build_report(source, options);
///     std::string markdown = luister::report::render_markdown(report);
///
/// Everything a renderer shows comes from the Report model, so the three formats always agree.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "luister/archive/callbacks.hpp"
#include "luister/cli/cli.hpp"
#include "luister/cli/progress.hpp"
#include "luister/base/period.hpp"
#include "luister/csv/excel.hpp"

namespace luister::report {

// ---------------------------------------------------------------------------------------------
// Periods. The calendar (Day, Period, parse_week, previous_period, period_id, ...) is
// luister/period.hpp's; the report adds its trend and its default period.
// ---------------------------------------------------------------------------------------------

/// `count` consecutive periods ending with `current`, oldest first.
std::vector<Period> trend_periods(const Period& current, int count);
/// The newest ISO week that ends on or before `last_complete_day`.
Period last_complete_week(Day last_complete_day);

// ---------------------------------------------------------------------------------------------
// Statistics for small numbers.
// ---------------------------------------------------------------------------------------------

/// A confidence interval [lo, hi].
struct Interval {
  double lo = 0, hi = 0;
  bool excludes_zero() const { return lo > 0 || hi < 0; }
};

/// Wilson score interval for the share k/n (n > 0) at normal quantile `z` (1.96: 95%).
Interval wilson_interval(std::size_t k, std::size_t n, double z = 1.96);
/// Newcombe's hybrid score interval (his method 10) for the difference of two shares k1/n1 − k2/n2.
Interval share_difference_interval(std::size_t k1, std::size_t n1, std::size_t k2, std::size_t n2, double z = 1.96);
/// Normal-approximation interval for the difference of two means, from counts, sums and sums of
/// squares (Welch's standard error). Needs n1, n2 ≥ 2.
Interval mean_difference_interval(std::size_t n1, double sum1, double sum_sq1, std::size_t n2, double sum2,
                                  double sum_sq2, double z = 1.96);

// ---------------------------------------------------------------------------------------------
// Input rows and where they come from.
// ---------------------------------------------------------------------------------------------

enum class Polarity : std::uint8_t { kNone, kNegative, kNeutral, kPositive };

/// One open answer as the report needs it.
struct Row {
  std::string response_id, process, question, text, evidence;
  /// luister-score's `clauses` ("+ erg vriendelijk | - maar de wachttijd was lang"); empty without it.
  std::string clauses;
  Day day = 0;
  std::optional<double> grade;
  std::optional<double> sentiment;
  Polarity polarity = Polarity::kNone;
  std::vector<std::string> themes;        ///< theme ids, `overig` included; empty: not criticism
  std::vector<std::string> theme_labels;  ///< same order as `themes` (missing ones: the id)
  /// luister-cluster's `theme_aspect`: the aspect key of each theme, same order ("" when none or
  /// when the column is missing).
  std::vector<std::string> theme_aspects;
};

/// What a source read, for the report's account of its input.
struct SourceInfo {
  std::vector<std::string> names;  ///< files (or the database) read
  bool has_sentiment = true;       ///< a `polarity` column was present (luister-score ran)
  bool has_themes = true;          ///< a `theme` column was present (luister-cluster ran)
  bool has_clauses = false;        ///< a `clauses` column was present: praise is read clause by clause
  std::uint64_t rows_read = 0;
  std::uint64_t rows_without_date = 0;   ///< skipped: no date, so no period
  std::uint64_t rows_outside_window = 0; ///< not in any of the periods the report looks at
  std::optional<Day> first_day, last_day;  ///< dates seen in the input (all rows read)
};

/// The rows a report needs. With the period known: those in `window`. Without it (the period
/// follows from the newest day): those on or after `earliest(newest day seen so far)`, so a source
/// that streams can drop old rows as it goes instead of holding years of history.
struct RowRequest {
  std::optional<Period> window;
  std::function<Day(Day newest)> earliest;  ///< used only without a window; empty: keep every row
  Progress* progress = nullptr;             ///< told how far reading is; null: nobody asks
};

/// Where rows come from: canonical CSV, or the history archive (`--db`). A source hands over the
/// rows the request asks for and counts the others in rows_outside_window. It may hand over more
/// (the report filters again), never fewer.
class RowSource {
 public:
  virtual ~RowSource() = default;
  /// The newest day in the source when it knows without reading every row (a database), else nullopt.
  virtual std::optional<Day> newest_day() { return std::nullopt; }
  /// Appends the requested rows to `rows`. Throws InputError/IoError for unreadable input.
  virtual SourceInfo read(const RowRequest& request, std::vector<Row>& rows) = 0;
};

/// Canonical CSV from files or stdin ("-"). Required columns: response_id, date, process, grade,
/// question, text. Optional: sentiment, polarity, evidence (luister-score), theme, theme_label
/// (luister-cluster). Every input must have the same optional columns. An empty process reads as
/// "–"; line breaks in process names and labels become spaces.
class CsvRowSource : public RowSource {
 public:
  /// `delimiter` 0: detected.
  CsvRowSource(std::vector<std::string> inputs, char delimiter);
  SourceInfo read(const RowRequest& request, std::vector<Row>& rows) override;

 private:
  std::vector<std::string> inputs_;
  char delimiter_;
};

/// The history archive of luister-archive (`--db FILE`, which must exist). Reads only the rows of the
/// requested window, in one snapshot; its SourceInfo describes the whole archive as the CSV source
/// would describe `luister-archive export --db FILE` (rows stored, without a date, outside the window,
/// first and last day), so a report from the archive and one from that export differ only in the
/// name of the input. Rows become report rows exactly as CsvRowSource makes them.
class ArchiveRowSource : public RowSource {
 public:
  /// `wait_seconds`: how long to wait while a run of luister-archive add commits.
  explicit ArchiveRowSource(std::string db, int wait_seconds = 600);
  std::optional<Day> newest_day() override;
  SourceInfo read(const RowRequest& request, std::vector<Row>& rows) override;

 private:
  std::string db_;
  int wait_seconds_;
};

// ---------------------------------------------------------------------------------------------
// Text helpers the renderers share (public for tests).
// ---------------------------------------------------------------------------------------------

/// One entry of luister-score's `evidence` column: "snel geholpen +0.700 [booster(echt x1.3)]".
struct EvidenceTerm {
  std::string term;
  double contribution = 0;
  std::string rules;  ///< inside the brackets, without them; may be empty
};

/// Splits an `evidence` cell into its entries; entries it cannot read are left out.
std::vector<EvidenceTerm> parse_evidence(std::string_view evidence);
/// The compliment an evidence entry stands for. `key` groups inflections ("vriendelijk" for
/// "vriendelijke +0.600 [stem:vriendelijk]"); `phrase` is the words as scored, with a negator before
/// them kept ("geen klachten" for "klachten +0.360 [negation(geen)]"). Both empty when the entry is
/// no compliment: a contribution ≤ 0, a negation found after the word, or no letters (emoji).
struct ComplimentTerm {
  std::string key, phrase;
};
ComplimentTerm compliment_term(const EvidenceTerm& term);
/// The praise phrase of a compliment term in the (lower-case) clause or answer that holds it: an
/// inflected adjective of one word ("vriendelijke", `inflected` when the lexicon matched it by its
/// stem) keeps the word right after it when `staff` says that word names staff ("vriendelijke
/// medewerker", "fijne dame"; never a name, which no staff list holds); any other term, or one not
/// found as a whole word, is `term` itself.
std::string praise_phrase(std::string_view lower_text, const std::string& term, bool inflected,
                          const std::function<bool(const std::string&)>& staff);

/// One form of praise in a scope, as "wat gaat goed" groups them: the content-word stems of its
/// phrases (the same for "vriendelijk" and "vriendelijke"), the aspect of the clauses it came from,
/// and how many responses use it.
struct PraiseForm {
  /// Sorted content-word stems, a staff word as "@staff" (so "fijne dame" and "fijne medewerker"
  /// are one form), a negator as "¬geen"; never empty.
  std::vector<std::string> words;
  std::string head;                ///< the stem of its last content word ("medewerk")
  std::string aspect;              ///< the clauses' aspect (luister-score --aspects); "" when unknown
  std::size_t responses = 0;
  std::string name;                ///< its phrase as residents wrote it most often (breaks ties)
};
/// Groups near-duplicate forms of praise, so "snel" and "snel geholpen" are one line. A form whose
/// words nest in fuller forms ({snel} in {snel, geholp}) joins the most used of them: the one with
/// the most responses, then the fewest words, then the smallest words and name (never several, so
/// "geholpen" cannot chain "snel geholpen" to "goed geholpen"), provided that one is used by at
/// least half as many responses as the form itself or adds only the staff word (a rare fuller
/// phrase does not name a common short one: "netjes" (5) stays apart from "netjes uitgelegd" (1));
/// forms nested in no other are roots, and roots with the same aspect (not "") and head word are
/// one group. Returns, for each form, the index of its group's root: the one with the most
/// responses (then as above). Deterministic: the result does not depend on the order of `forms`.
std::vector<std::size_t> group_praise(const std::vector<PraiseForm>& forms);
/// A resident's answer made fit to quote: personal data masked (mask_pii), white space and line
/// breaks collapsed to single spaces, cut at a word boundary to at most `max_chars` code points
/// with "…" appended.
std::string quote_text(std::string_view text, std::size_t max_chars = 280);
/// Text from the data made safe to show: control characters (C0 but line feed and tab, DEL, C1)
/// and the bidi controls that hide or reverse text (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
/// U+061C) are removed. Every text the report writes goes through it: html_escape and
/// markdown_escape call it, and the JSON writer applies it to every string.
std::string display_text(std::string_view text);
/// display_text, then escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);
/// display_text, then backslash-escapes what Markdown would read as markup, raw HTML or a link:
/// \\ ` * _ < > | and the "]" of "](" and "][". Square brackets alone stay, so "[TELEFOON]" reads
/// well as plain text.
std::string markdown_escape(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Options and the report model.
// ---------------------------------------------------------------------------------------------

enum class Format { kMarkdown, kHtml, kJson };
enum class Lang { kNl, kEn };

/// Number of periods in the trend (the current one included).
inline constexpr int kTrendPeriods = 8;

struct ReportOptions {
  CommonOptions common;
  std::string db;  ///< read the luister-archive history instead of CSV inputs (then none may be given)
  Format format = Format::kMarkdown;
  Lang lang = Lang::kNl;
  std::optional<Period> period;  ///< nullopt: the last complete ISO week (see `today`)
  /// Without a period: the last complete week before this day; nullopt: the last complete week
  /// relative to the newest date in the input (deterministic: independent of the wall clock).
  std::optional<Day> today;
  double norm = 8;             ///< "8 of hoger": the grade the municipality aims for
  std::size_t min_count = 20;  ///< fewer responses than this: "(weinig antwoorden)", changes not named
  std::size_t top = 10;        ///< complaints and compliments listed overall (a third per process)
  /// What to fix first: a complaint is ranked by its impact only when at least this many graded
  /// responses mention it now (fewer say too little about what they cost).
  std::size_t impact_min = 5;
  std::size_t fix_first = 3;   ///< complaints named under "eerst aanpakken", per scope
  std::size_t kudos = 3;       ///< compliments to pass on, per process (twice as many overall)
  int bootstrap = 1000;        ///< resamples for the impact intervals (deterministic: fixed seed)
  /// --one-page: only the first page ("In één oogopslag": grade and share ≥ norm with margins, what
  /// to fix first, what goes well, the call-backs), which fits one A4 page when printed.
  bool one_page = false;
  /// --each-process: after the overall first page, one such page per process.
  bool each_process = false;
  /// The exit status when the period holds no answers (the report is written all the same): 0 by
  /// default, so a quiet week is no failure; cron jobs that want to tell it apart choose another.
  int no_data_status = 0;
  /// --compliments FILE: the compliments (wat gaat goed) and the compliments to pass on, per process,
  /// as a CSV file for people (formulas neutralised), in `sheet_style` (--excel nl: Dutch Excel).
  std::string compliments_path;
  SheetStyle sheet_style = SheetStyle::kPlain;
  std::vector<std::string> processes;  ///< only these processes (empty: all)
  std::string title;                   ///< replaces the default title (e.g. the municipality's name)
  /// luister-cluster's complaint register: its labels (an analyst may have renamed a theme) and
  /// merges (merged_into) override the theme_label column. Empty: the rows' labels are used.
  std::string register_path;
  /// The complaint concepts luister-cluster was given (--concepts; empty: lexicons/concepts-nl.tsv):
  /// a label's words count as held when an answer says their concept in other words, for the
  /// label coverage (the purity bar of spikes) and the quotes.
  std::string concepts_path;
};

/// An answer chosen as an example, already passed through quote_text().
struct Quote {
  std::string text, response_id, process, question;
  Day day = 0;
  std::optional<double> grade;
  std::optional<double> sentiment;
};

/// Counts for one scope (overall or one process) in one period.
struct Figures {
  std::size_t responses = 0;  ///< distinct responses (response_id and day)
  std::size_t answers = 0;    ///< rows (open answers)
  std::size_t graded = 0;     ///< responses with a grade
  double grade_sum = 0, grade_sum_sq = 0;
  std::array<std::size_t, 10> grades{};  ///< grades[k-1]: responses with k ≤ grade < k+1 (10: grade 10)
  std::size_t low = 0;                   ///< graded responses with grade ≤ 5
  std::size_t high = 0;                  ///< graded responses with grade ≥ norm
  std::size_t negative = 0, neutral = 0, positive = 0;  ///< answers by polarity
  std::size_t with_polarity() const { return negative + neutral + positive; }
  std::optional<double> mean() const {
    return graded ? std::optional<double>(grade_sum / static_cast<double>(graded)) : std::nullopt;
  }
};

enum class Direction { kNone, kUp, kDown };

/// A change against the previous period.
struct Change {
  bool comparable = false;  ///< both periods have data for it
  bool few = false;         ///< one of them has fewer than min_count responses: not named
  double diff = 0;          ///< now − before (grade points, or share as a fraction)
  Interval ci;              ///< 95% interval of diff
  Direction clear = Direction::kNone;  ///< up/down only when !few and the interval excludes 0
};

/// kMixed: the share grew beyond the margin, but the complaint is below the purity bar
/// (kPurityMinCoverage), so the growth is not claimed.
enum class Status { kNone, kNew, kGrowing, kShrinking, kStable, kMixed };

/// The purity bar: a complaint is claimed to spike or grow only when at least this share of its
/// answers now holds every content word of its label (label_coverage of luister-cluster's
/// quotes.hpp, the "label coverage" of luister-eval cluster). A spike needs at least 5 responses
/// besides, so the share is never taken of fewer than 5 answers.
inline constexpr double kPurityMinCoverage = 0.5;

/// What a complaint costs the scope now: the share of graded responses at or above the norm, and the
/// mean grade, without the graded responses that mention it minus with them ("score of all − score
/// without the theme", read the other way round: how much they would rise if the complaint and its
/// answers were gone). Intervals are 95% percentile intervals of a bootstrap over the scope's graded
/// responses, with a fixed seed and the responses in a canonical order, so the same answers always
/// give the same report.
struct Impact {
  bool ranked = false;     ///< graded >= ReportOptions::impact_min and fewer than all responses
  std::size_t graded = 0;  ///< graded responses mentioning the complaint now
  double high_gain = 0;    ///< share ≥ norm without − with (a fraction; +0.05 is 5 points)
  Interval high_ci;
  double mean_gain = 0;    ///< mean grade without − with
  Interval mean_ci;
};

/// One recurring complaint (theme) in one scope.
struct ThemeLine {
  std::string id, label;
  std::size_t count = 0, previous_count = 0;  ///< responses mentioning it
  double share = 0, previous_share = 0;       ///< of the scope's responses
  Change change;
  Status status = Status::kNone;  ///< kNone: no previous period to compare with
  bool spike = false;
  /// The share of its answers now that hold every content word of the label (0 when none now).
  double coverage = 0;
  /// A spike or growth was found but not claimed: the complaint is below the purity bar (its
  /// answers say different things), so `spike` is false and a growth is Status::kMixed.
  bool rise_withheld = false;
  std::vector<std::size_t> trend;  ///< counts over the trend periods, oldest first
  std::vector<Quote> quotes;       ///< up to two
  /// Overall scope only: the processes mentioning it now, most mentions first.
  std::vector<std::string> processes;
  Impact impact;
};

/// The complaints of one aspect of service (the taxonomy's first level: wachttijd, kosten, …) in
/// one scope now: the responses mentioning any of its themes.
struct AspectLine {
  std::string key;                 ///< "wachttijd"
  std::string name;                ///< "Wachttijd", from lexicons/aspects-nl.tsv (the key when unknown)
  std::size_t count = 0;           ///< responses mentioning a theme of it now
  double share = 0;                ///< of the scope's responses
  std::vector<std::string> themes; ///< its theme ids mentioned now, most mentioned first
  Impact impact;                   ///< of the responses mentioning any of its themes
};

/// A term residents praise, from the evidence of positive answers (not those to `verbeteren`); with
/// luister-score's `clauses`, from the positive clauses of any answer (praise in a mixed answer counts)
/// and quoted with the clause that says it, from an answer graded 7 or higher. Near-duplicates are
/// one compliment (group_praise): "snel", "snel geholpen" → "snel geholpen", each response counted
/// once; the quote holds the words of `term` when any answer of the group allows it.
struct Compliment {
  std::string term;       ///< the group's fullest form as residents wrote it most often
  std::size_t count = 0;  ///< responses using any phrase of the group
  std::optional<Quote> quote;
};

/// Answers whose grade and text disagree (the `verbeteren` question is left out: suggestions are
/// critical by nature, whatever the grade).
struct Disagreements {
  std::size_t answers = 0;        ///< answers with a grade and a polarity considered
  std::size_t high_negative = 0;  ///< grade ≥ 8, negative text
  std::size_t low_positive = 0;   ///< grade ≤ 5, positive text
  std::vector<Quote> high_negative_examples, low_positive_examples;
};

/// Something far above its usual level in the current period.
struct Spike {
  enum class Kind { kTheme, kLowGrades } kind = Kind::kTheme;
  std::string id, label;  ///< the theme (empty for kLowGrades)
  std::size_t count = 0, total = 0;
  double share = 0;
  double baseline = 0;  ///< pooled share over the earlier trend periods
  std::size_t baseline_periods = 0;
  double coverage = 1;  ///< kTheme: the complaint's label coverage now (see ThemeLine::coverage)
};

struct TrendPoint {
  Period period;
  Figures figures;
};

/// Everything the report says about one scope: all processes together, or one process.
struct ScopeReport {
  std::string process;  ///< empty for the overall scope
  Figures now, previous;
  Change mean_change, low_change, high_change, negative_change;
  std::vector<TrendPoint> trend;   ///< kTrendPeriods points, oldest first; the last is `now`
  std::vector<ThemeLine> themes;   ///< ranked by count (then by label); count or previous_count > 0
  /// What to fix first: indices into `themes` of the ranked complaints with the largest impact on
  /// the share ≥ norm (then on the mean grade, then by label), at most ReportOptions::fix_first,
  /// only those whose cost is clear: the margin of either gain lies above zero.
  std::vector<std::size_t> fix_first;
  /// When no single complaint's cost is clear (fix_first empty): indices into `aspects` of the
  /// aspects whose complaints together clearly cost, by the same test and order. A week's complaints
  /// are often too small to judge one by one while their aspect ("Afspraak maken") is not.
  std::vector<std::size_t> fix_first_aspects;
  /// The complaints grouped by aspect, most responses first (empty without a theme_aspect column).
  std::vector<AspectLine> aspects;
  std::size_t other_count = 0, other_previous = 0;  ///< `overig`: criticism that fits no theme
  std::vector<Compliment> compliments;              ///< ranked by count
  /// Compliments to pass on to the team: the warmest positive answers (grade 7 or higher when
  /// graded, not to `verbeteren`) that name staff or their behaviour, masked; most positive first.
  std::vector<Quote> kudos;
  Disagreements disagreements;
  std::vector<Spike> spikes;
  /// Complaints whose share passed the spike test but that are below the purity bar: no spike is
  /// claimed, and the report says why. Most responses first.
  std::vector<Spike> withheld_spikes;
};

/// The closed loop in one scope and period: the call-back cases (luister-followup --db) whose answer
/// lies in the period, and their state as the archive holds it now.
struct CallbackFigures {
  std::string process;          ///< empty: all processes
  std::size_t listed = 0;       ///< cases put on a call-back list
  std::size_t called = 0;       ///< called back or solved (a first contact is recorded)
  std::size_t solved = 0;       ///< latest outcome: solved
  std::size_t declined = 0;     ///< latest outcome: no contact wanted
  std::size_t not_reached = 0;  ///< latest outcome: not reached
  std::size_t open = 0;         ///< not closed: no outcome yet, or not reached
  /// Median of the working days (Monday to Friday) from the answer to the first contact, over the
  /// `called` cases; nothing when none.
  std::optional<double> median_working_days;
};

/// The call-back section: per scope (all processes first, then each process with cases,
/// alphabetical) for the report's period and the one before.
struct CallbackStatus {
  std::vector<CallbackFigures> now, previous;
  std::size_t open_before = 0;  ///< cases answered before the previous period and still open
};

/// Counts `cases` for `period` and `previous`; only the `processes` given (empty: all).
CallbackStatus callback_status(const std::vector<CallbackCase>& cases, const Period& period, const Period& previous,
                               const std::vector<std::string>& processes);

struct Report {
  ReportOptions options;
  /// With --db, when the archive holds call-back lists: what came of them (the section "Terugbellen").
  std::optional<CallbackStatus> callbacks;
  Period period, previous;
  std::vector<Period> trend_periods;  ///< oldest first; the last is `period`
  SourceInfo input;
  std::uint64_t rows_used = 0;
  ScopeReport overall;
  std::vector<ScopeReport> processes;  ///< alphabetical; processes with responses now or before
  /// No answer falls in the period: the report says so (with the trend of the periods before), and
  /// luister-report exits with ReportOptions::no_data_status after a "no data:" line on stderr.
  bool no_data = false;
  std::string no_data_reason;  ///< "no answers in 2026-W49 (2026-11-30 to 2026-12-06); the input covers …"
};

/// Reads the rows, picks the period and computes every figure. A period without answers gives a
/// report with no_data set. Throws UsageError for an unknown process, InputError when the register
/// is malformed, IoError
/// when the register cannot be read.
/// `progress` is told the phases (reading, counting, each scope) and changes nothing in the report.
Report build_report(RowSource& source, const ReportOptions& options, Progress& progress = Progress::off());

/// Writes the compliments of every process (and overall when the report covers one scope only) as a
/// CSV file for people: process, kind ("wat gaat goed" or "door te geven"), term, count, quote,
/// grade, date; quotes masked, formulas neutralised, in `style`. Written whole or not at all.
void write_compliments(const Report& report, const std::string& path, SheetStyle style);

/// Markdown for mail and chat.
std::string render_markdown(const Report& report);
/// One self-contained HTML file: inline CSS and SVG, no scripts, no external resources.
std::string render_html(const Report& report);
/// JSON following docs/report-schema.json.
std::string render_json(const Report& report);

/// The whole tool: reads options.common.inputs, writes options.common.output; returns the exit code.
int run_report(const ReportOptions& options);

/// luister-report's command line: the options, and the period, format and language as given.
struct ReportToolOptions {
  ReportOptions report;
  std::string week;             ///< --week YYYY-Www
  std::string month;            ///< --month YYYY-MM
  std::string from, to;         ///< --from and --to, a custom period
  std::string today;            ///< --today DATE
  std::string format = "md";    ///< --format: md (or markdown), html or json
  std::string lang = "nl";      ///< --lang: nl or en
};

/// Checks and reads the period, format and language of the command line, then runs run_report().
/// Throws UsageError for --db together with input files. Returns the exit code.
int run_report_tool(const ReportToolOptions& options);

}  // namespace luister::report
