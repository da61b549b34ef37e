#pragma once
// Private to the report renderers: every word the report shows, in Dutch and English (one table,
// report_text.cpp), and the number and date formats that go with each language.
//
// Table entries may hold fmt named fields ({n}) and two markers: **strong** and `code`. Fields are
// filled after the markers are found, so text from the data never turns into markup.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "luister/report/report.hpp"

namespace luister::report::text {

enum class S : int {
  kTitleDefault,
  kHeading,
  kSubtitle,
  kResponseOne,
  kResponseMany,
  kAnswerOne,
  kAnswerMany,
  kOnlyProcesses,
  kNoSentiment,
  kNoThemes,
  kSummaryHeading,
  kSumMean,
  kSumNoGrades,
  kSumHigh,
  kSumThemesLead,
  kSumNoComplaints,
  kSumNotGrouped,
  kSumSpikesLead,
  kSumNoSpikes,
  kSumPraiseLead,
  kSumNoPraise,
  kSumDisagree,
  kNoteNoPrevious,
  kNoteFew,
  kNoteUp,
  kNoteDown,
  kNoteSame,
  kCellFew,
  kProcessTableHeading,
  kColProcess,
  kColResponses,
  kColMean,
  kColVs,
  kColHigh,
  kColLow,
  kColNegative,
  kTotal,
  kThemesHeading,
  kThemesIntro,
  kColComplaint,
  kColShare,
  kColStatus,
  kOther,
  kNoThemesFound,
  kThemesMore,
  kThemesMoreOne,
  kStatusNew,
  kStatusGrowing,
  kStatusShrinking,
  kStatusStable,
  kStatusMixed,
  kFew,
  kSpikeTag,
  kThemeQuotesLead,
  kPraiseHeading,
  kPraiseIntro,
  kPraiseIntroClauses,
  kNoPraise,
  kSpikesHeading,
  kSpikesIntro,
  kNoSpikes,
  kSpikesWithheldLead,
  kSpikeWithheld,
  kSpikeTheme,
  kSpikeLow,
  kSpikeShort,
  kLowGrades,
  kDisagreeHeading,
  kDisagreeIntro,
  kDisagreeHigh,
  kDisagreeLow,
  kDisagreeNone,
  kTrendHeading,
  kColPeriod,
  kProcessesHeading,
  kProcFigures,
  kProcDistribution,
  kProcSentiment,
  kProcTrend,
  kProcComplaints,
  kProcPraise,
  kProcDisagree,
  kProcNoResponses,
  kCallbackHeading,
  kCallbackIntro,
  kCallbackColumns,
  kCallbackAll,
  kCallbackOpenBefore,
  kMethodHeading,
  kMethodCounts,
  kMethodMargins,
  kMethodFew,
  kMethodStatus,
  kMethodSpike,
  kMethodDisagree,
  kMethodQuotes,
  kMethodQuotesAnswers,
  kMethodInput,
  kMethodSkipped,
  kAttribution,
  kAttributionNoGrade,
  kUnitWeekOne,
  kUnitWeekMany,
  kUnitMonthOne,
  kUnitMonthMany,
  kUnitRangeOne,
  kUnitRangeMany,
  kPeriodWeek,
  kPeriodWeekShort,
  kPeriodWeekTick,
  kSpanSameMonth,
  kSpanSameYear,
  kSpanOther,
  kDay,
  kAnd,
  kChartTrend,
  kChartThemes,
  kChartGrades,
  kChartNoData,
  kGenerated,
  kFixHeading,
  kFixIntro,
  kFixLine,
  kFixNone,
  kFixAspectIntro,
  kFixAspectWhere,
  kProcFix,
  kMethodImpact,
  kGlanceHeading,
  kGlanceHeadingProcess,
  kGlanceMean,
  kGlanceHigh,
  kGlanceResponses,
  kGlanceMargin,
  kGlanceBefore,
  kGlanceLow,
  kGlanceWell,
  kGlanceMore,
  kNoticeNoData,
  kNoticePartialBefore,
  kNoticePartialNow,
  kKudosHeading,
  kKudosIntro,
  kGlanceCallbacks,
  kGlanceCallbackLine,
  kGlanceCallbackDays,
  kGlanceNoCallbacks,
  kAspectsLead,
  kCount
};

/// The entry for `id` in `lang`.
std::string_view get(Lang lang, S id);
/// Month name 1-12, in full or short ("nov").
std::string_view month_name(Lang lang, int month, bool short_form = false);

/// A piece of running text, emphasised or code.
struct Span {
  std::string text;
  bool strong = false;
  bool code = false;
};
using Rich = std::vector<Span>;

/// Splits `pattern` at its markers and fills the fields of each piece with `args`.
template <typename... Args>
Rich rich(std::string_view pattern, const Args&... args) {
  Rich out;
  bool strong = false, code = false;
  std::string_view rest = pattern;
  while (true) {
    std::size_t star = code ? std::string_view::npos : rest.find("**");
    std::size_t tick = rest.find('`');
    std::size_t at = std::min(star, tick);
    std::string_view piece = rest.substr(0, at);
    if (!piece.empty()) out.push_back({fmt::format(fmt::runtime(piece), args...), strong, code});
    if (at == std::string_view::npos) break;
    if (at == tick) code = !code, rest.remove_prefix(at + 1);
    else strong = !strong, rest.remove_prefix(at + 2);
  }
  return out;
}
template <typename... Args>
Rich rich(Lang lang, S id, const Args&... args) {
  return rich(get(lang, id), args...);
}
/// The entry as plain text (markers dropped).
template <typename... Args>
std::string tr(Lang lang, S id, const Args&... args) {
  std::string out;
  for (const Span& s : rich(lang, id, args...)) out += s.text;
  return out;
}
inline void append(Rich& to, Rich more) {
  for (auto& s : more) to.push_back(std::move(s));
}
inline void append(Rich& to, std::string text, bool strong = false) { to.push_back({std::move(text), strong, false}); }

/// Numbers, dates, periods and changes in the report's language.
class Words {
 public:
  explicit Words(const Report& report) : report_(report), lang_(report.options.lang) {}
  Lang lang() const { return lang_; }
  const Report& report() const { return report_; }

  std::string count(std::size_t n) const;                ///< 1.351 / 1,351
  std::string number(double value, int decimals) const;  ///< 7,2 / 7.2
  std::string signed_number(double value, int decimals) const;  ///< +0,2 / -0,2 / ±0,0
  std::string grade(std::optional<double> value) const;  ///< one decimal, "–" when absent
  std::string percent(double share) const;               ///< 58%
  std::string percent_of(std::size_t k, std::size_t n) const;  ///< 58%, "–" when n is 0
  std::string points(double diff) const;                 ///< +5 %-punt / +5 pp
  std::string norm() const;                              ///< 8 / 7,5
  std::string responses(std::size_t n) const;            ///< 1 reactie / 12 reacties
  std::string answers(std::size_t n) const;
  std::string day(Day day, bool with_year = true) const;  ///< 16 november 2026
  std::string period_title(const Period& p) const;       ///< week 47 2026
  std::string period_name(const Period& p) const;        ///< week 46 (short: the previous period)
  std::string period_span(const Period& p) const;        ///< 16 t/m 22 november 2026
  std::string period_tick(const Period& p) const;        ///< wk 47 (chart axes, trend tables)
  std::string unit(bool many) const;                     ///< week / weken for the report's period kind
  std::string title() const;                             ///< --title or the default
  /// "week 46: 7,0; +0,2, binnen de marge" for a grade (points=false) or a share (points=true).
  std::string change_note(const Change& c, const std::string& previous_value, bool points) const;
  /// A table cell: "+0,2", "+0,6 ▲", "-3 %-punt ▼", "+0,2 (weinig antwoorden)", "–".
  std::string change_cell(const Change& c, bool points) const;
  /// "groeiend", "nieuw (weinig antwoorden), piek", "gemengd"; `with_spike` false leaves the spike
  /// (or the withheld rise, "gemengd") out, for a renderer that shows it as a tag of its own
  /// (spike_tag) and then shows the status only when status_shown().
  std::string status(const ThemeLine& line, bool with_spike = true) const;
  /// The tag of a spike ("piek") or of a spike withheld by the purity bar ("gemengd"); nullopt for
  /// neither.
  std::optional<std::string> spike_tag(const ThemeLine& line) const;
  /// Whether the status is named beside the spike tag: not when it would contradict a spike in one
  /// breath ("stabiel, piek") or when there is no status.
  static bool status_shown(const ThemeLine& line);
  std::string scope_name(const ScopeReport& s) const;  ///< the process, or "Totaal"
  std::string attribution(const Quote& q, bool with_process) const;
  std::string list(const std::vector<std::string>& items) const;  ///< "a, b en c"
  /// The processes a complaint comes from ("KCC", "KCC, Wmo", "KCC, Wmo +2"); "" when the report
  /// covers one process only.
  std::string theme_processes(const ThemeLine& line) const;

 private:
  const Report& report_;
  Lang lang_;
};

// Running text both Markdown and HTML show (report_sections.cpp).

/// The line under the title: dates, the period compared with, number of responses and answers.
Rich subtitle(const Words& w, const Report& r);
/// Warnings that change what the report can show: no sentiment, no themes, a process filter.
std::vector<Rich> notices(const Words& w, const Report& r);
/// "In het kort": five or six lines a team leader reads first.
std::vector<Rich> summary(const Words& w, const Report& r);
/// The call-back table (r.callbacks must be set): the header, then one row per period and scope
/// (all processes first), each cell as text in `lang`.
std::vector<std::vector<std::string>> callback_table(Lang lang, const Report& r);
/// One spike, with the scope it was found in.
Rich spike_line(const Words& w, const ScopeReport& scope, const Spike& spike);
/// Every spike of the report, overall first, then per process.
std::vector<std::pair<const ScopeReport*, const Spike*>> all_spikes(const Report& r);
/// Every spike withheld by the purity bar, overall first, then per process.
std::vector<std::pair<const ScopeReport*, const Spike*>> all_withheld_spikes(const Report& r);
/// One withheld spike, with its label coverage.
Rich withheld_spike_line(const Words& w, const ScopeReport& scope, const Spike& spike);
/// The figures of one scope in one paragraph (the per-process sections).
Rich scope_figures(const Words& w, const ScopeReport& s);
/// "Cijfers: 1: 0 · 2: 1 · …".
Rich grade_distribution(const Words& w, const Figures& f);
/// The tone of the answers, or empty without sentiment.
Rich tone(const Words& w, const Report& r, const Figures& f);
/// Mean grade per trend period: "7,1 · 7,3 · – · 7,5".
Rich trend_series(const Words& w, const ScopeReport& s);
/// The contradiction paragraph of a scope.
Rich disagreement_intro(const Words& w, const ScopeReport& s);
/// What to fix first in a scope: one line per complaint of ScopeReport::fix_first, with its gains
/// and their margins; `with_process` names the processes it comes from (the overall scope). Without
/// such complaints, one line per aspect of ScopeReport::fix_first_aspects, naming its complaints.
std::vector<Rich> fix_first_lines(const Words& w, const ScopeReport& s, bool with_process);
/// The paragraph above fix_first_lines(): of complaints, or of aspects; "none" when both are empty.
Rich fix_first_intro(const Words& w, const Report& r, const ScopeReport& s);
/// "Eerst aanpakken: **label** (+4,2 %-punt), …." for a process section; empty when none is ranked.
Rich fix_first_short(const Words& w, const ScopeReport& s);
/// The scopes whose compliments to pass on are shown: each process that has some, or the overall
/// scope when no process has its own list.
std::vector<const ScopeReport*> kudos_scopes(const Report& r);
/// "Per aspect: **Wachttijd** (12 reacties, 3 klachten), …" for the complaints of a scope; empty
/// without aspects.
Rich aspects_line(const Words& w, const ScopeReport& s);
/// "Zo is dit rapport gemaakt".
std::vector<Rich> method(const Words& w, const Report& r);
/// The themes a list shows: those mentioned in the current period, at most `limit`.
std::vector<const ThemeLine*> shown_themes(const ScopeReport& s, std::size_t limit);
/// How many complaints a process section lists (a third of --top, at least one).
std::size_t process_limit(const Report& r);

}  // namespace luister::report::text
