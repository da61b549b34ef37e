// The report as Markdown, for mail and chat: readable as plain text, rendered where Markdown is.
#include "report_text.hpp"

namespace luister::report {
namespace {

using text::Rich;
using text::S;

std::string md(const Rich& rich) {
  std::string out;
  for (const auto& s : rich) {
    if (s.code) out += "`" + display_text(s.text) + "`";  // only the table's own words are code
    else if (s.strong) out += "**" + markdown_escape(s.text) + "**";
    else out += markdown_escape(s.text);
  }
  return out;
}

std::string esc(std::string_view s) { return markdown_escape(s); }

class MarkdownWriter {
 public:
  explicit MarkdownWriter(const Report& r) : r_(r), w_(r), l_(r.options.lang) {}

  std::string render() {
    head();
    heading(S::kSummaryHeading);
    for (const auto& item : text::summary(w_, r_)) line("- " + md(item));
    if (r_.input.has_themes) fix_first_section();
    heading(S::kProcessTableHeading);
    process_table();
    themes_section();
    if (r_.input.has_sentiment) praise_section();
    if (r_.input.has_sentiment) kudos_section();
    spikes_section();
    if (r_.input.has_sentiment && r_.overall.disagreements.answers > 0) disagreement_section();
    heading(S::kTrendHeading, fmt::arg("k", kTrendPeriods), fmt::arg("unit", w_.unit(true)));
    trend_table(r_.overall);
    if (!r_.processes.empty()) {
      heading(S::kProcessesHeading);
      for (const auto& p : r_.processes) process_section(p);
    }
    if (r_.callbacks) callback_section();
    heading(S::kMethodHeading);
    for (const auto& item : text::method(w_, r_)) line("- " + md(item));
    return std::move(out_);
  }

 private:
  // The title, the subtitle and the notices about the input.
  void head() {
    line("# " + esc(text::tr(l_, S::kHeading, fmt::arg("title", w_.title()), fmt::arg("period", w_.period_title(r_.period)))));
    line();
    line(md(text::subtitle(w_, r_)));
    for (const auto& n : text::notices(w_, r_)) {
      line();
      line("> " + md(n));
    }
  }

  // What to fix first overall: the complaints that cost the most.
  void fix_first_section() {
    heading(S::kFixHeading);
    const auto lines = text::fix_first_lines(w_, r_.overall, r_.processes.size() > 1);
    line(md(text::fix_first_intro(w_, r_, r_.overall)));
    if (lines.empty()) return;
    line();
    for (std::size_t i = 0; i < lines.size(); ++i) line(std::to_string(i + 1) + ". " + md(lines[i]));
  }

  // The recurring complaints overall.
  void themes_section() {
    heading(S::kThemesHeading);
    if (!r_.input.has_themes) {
      line(md(text::rich(l_, S::kSumNotGrouped)));
    } else {
      themes(r_.overall, r_.options.top, true);
      if (Rich a = text::aspects_line(w_, r_.overall); !a.empty()) {
        line();
        line(md(a));
      }
    }
  }

  // The compliments overall, each with a quote.
  void praise_section() {
    const ScopeReport& o = r_.overall;
    heading(S::kPraiseHeading);
    if (o.compliments.empty()) {
      line(md(text::rich(l_, S::kNoPraise)));
      return;
    }
    line(md(text::rich(l_, r_.input.has_clauses ? S::kPraiseIntroClauses : S::kPraiseIntro)));
    line();
    for (const auto& c : o.compliments) {
      std::string item = "- **" + esc(c.term) + "** (" + w_.count(c.count) + ")";
      if (c.quote) item += ": " + quote(*c.quote, true);
      line(item);
    }
  }

  // Compliments to pass on, per process (the overall list when there is one process or none).
  void kudos_section() {
    const std::vector<const ScopeReport*> scopes = text::kudos_scopes(r_);
    if (scopes.empty()) return;
    heading(S::kKudosHeading);
    line(md(text::rich(l_, S::kKudosIntro)));
    for (const ScopeReport* s : scopes) {
      line();
      if (!s->process.empty()) line("**" + esc(s->process) + "**");
      for (const auto& q : s->kudos) line("- " + quote(q, false));
    }
  }

  // The closed loop: who was put on the call-back list, and what came of it.
  void callback_section() {
    heading(S::kCallbackHeading);
    line(md(text::rich(l_, S::kCallbackIntro)));
    line();
    const auto table = text::callback_table(l_, r_);
    for (std::size_t i = 0; i < table.size(); ++i) {
      std::string row = "|";
      for (const auto& cell : table[i]) row += " " + esc(cell) + " |";
      line(row);
      if (i == 0) line("|---|---|--:|--:|--:|--:|--:|");
    }
    line();
    line(md(text::rich(l_, S::kCallbackOpenBefore, fmt::arg("n", r_.callbacks->open_before))));
  }

  // Spikes overall and per process.
  void spikes_section() {
    heading(S::kSpikesHeading);
    auto spikes = text::all_spikes(r_);
    if (spikes.empty()) {
      line(md(text::rich(l_, S::kNoSpikes)));
    } else {
      line(md(text::rich(l_, S::kSpikesIntro, fmt::arg("k", kTrendPeriods - 1), fmt::arg("unit", w_.unit(true)))));
      line();
      for (const auto& [scope, spike] : spikes) line("- " + md(text::spike_line(w_, *scope, *spike)));
    }
    auto withheld = text::all_withheld_spikes(r_);
    if (withheld.empty()) return;
    line();
    line(md(text::rich(l_, S::kSpikesWithheldLead)));
    line();
    for (const auto& [scope, spike] : withheld) line("- " + md(text::withheld_spike_line(w_, *scope, *spike)));
  }

  // Grade and text that disagree, with examples.
  void disagreement_section() {
    const ScopeReport& o = r_.overall;
    heading(S::kDisagreeHeading);
    line(md(text::disagreement_intro(w_, o)));
    examples(S::kDisagreeHigh, o.disagreements.high_negative_examples);
    examples(S::kDisagreeLow, o.disagreements.low_positive_examples);
  }

  void line(const std::string& s) {
    out_ += s;
    out_ += '\n';
  }
  // One empty line between blocks, never two.
  void line() {
    if (!out_.empty() && !out_.ends_with("\n\n")) out_ += '\n';
  }
  template <typename... Args>
  void heading(S id, const Args&... args) {
    line();
    line("## " + esc(text::tr(l_, id, args...)));
    line();
  }

  std::string quote(const Quote& q, bool with_process) {
    return "\xE2\x80\x9C" + esc(q.text) + "\xE2\x80\x9D \xE2\x80\x94 " + esc(w_.attribution(q, with_process));
  }

  void examples(S lead, const std::vector<Quote>& quotes) {
    if (quotes.empty()) return;
    line();
    line(md(text::rich(l_, lead)));
    line();
    for (const auto& q : quotes) line("- " + quote(q, true));
  }

  void process_table() {
    const std::string previous = w_.period_name(r_.previous);
    line("| " + esc(text::tr(l_, S::kColProcess)) + " | " + esc(text::tr(l_, S::kColResponses)) + " | " +
         esc(text::tr(l_, S::kColMean)) + " | " + esc(text::tr(l_, S::kColVs, fmt::arg("previous", previous))) + " | " +
         esc(text::tr(l_, S::kColHigh, fmt::arg("norm", w_.norm()))) + " | " + esc(text::tr(l_, S::kColLow)) + " | " +
         esc(text::tr(l_, S::kColNegative)) + " |");
    line("|---|--:|--:|--:|--:|--:|--:|");
    auto row = [&](const ScopeReport& s, bool total) {
      const Figures& f = s.now;
      std::string name = esc(w_.scope_name(s));
      if (total) name = "**" + name + "**";
      line("| " + name + " | " + w_.count(f.responses) + " | " + w_.grade(f.mean()) + " | " +
           esc(w_.change_cell(s.mean_change, false)) + " | " + w_.percent_of(f.high, f.graded) + " | " +
           w_.percent_of(f.low, f.graded) + " | " +
           (r_.input.has_sentiment ? w_.percent_of(f.negative, f.with_polarity()) : "\xE2\x80\x93") + " |");
    };
    row(r_.overall, true);
    for (const auto& p : r_.processes) row(p, false);
  }

  // The complaints of a scope: in full (table, then quotes) or as a short list per process.
  void themes(const ScopeReport& s, std::size_t limit, bool table) {
    auto shown = text::shown_themes(s, limit);
    if (shown.empty()) {
      line(md(text::rich(l_, S::kNoThemesFound)));
    } else if (table) {
      theme_table(s, shown);
    } else {
      theme_list(shown);
    }
    themes_not_shown(s, shown.size());
  }

  // The complaints shown as a numbered table, then each with its quotes.
  void theme_table(const ScopeReport& s, const std::vector<const ThemeLine*>& shown) {
    const std::string previous = w_.period_name(r_.previous);
    line(md(text::rich(l_, S::kThemesIntro)));
    line();
    const bool by_process = r_.processes.size() > 1;
    line("| # | " + esc(text::tr(l_, S::kColComplaint)) + " | " +
         (by_process ? esc(text::tr(l_, S::kColProcess)) + " | " : "") + esc(text::tr(l_, S::kColResponses)) + " | " +
         esc(text::tr(l_, S::kColShare)) + " | " + esc(previous) + " | " + esc(text::tr(l_, S::kColStatus)) + " |");
    line(by_process ? "|--:|---|---|--:|--:|--:|---|" : "|--:|---|--:|--:|--:|---|");
    for (std::size_t i = 0; i < shown.size(); ++i) {
      const ThemeLine& t = *shown[i];
      line("| " + std::to_string(i + 1) + " | " + esc(t.label) + " | " +
           (by_process ? esc(w_.theme_processes(t)) + " | " : "") + w_.count(t.count) + " | " +
           w_.percent(t.share) + " | " + (s.previous.responses > 0 ? w_.count(t.previous_count) : "\xE2\x80\x93") +
           " | " + esc(w_.status(t)) + " |");
    }
    line();
    line(md(text::rich(l_, S::kThemeQuotesLead)));
    line();
    for (std::size_t i = 0; i < shown.size(); ++i) {
      line(std::to_string(i + 1) + ". **" + esc(shown[i]->label) + "**");
      for (const auto& q : shown[i]->quotes) line("   - " + quote(q, true));
    }
  }

  // The complaints shown as a list with their figures and quotes, for a process.
  void theme_list(const std::vector<const ThemeLine*>& shown) {
    line(md(text::rich(l_, S::kProcComplaints)));
    line();
    for (const ThemeLine* t : shown) {
      std::string detail = w_.responses(t->count) + ", " + w_.percent(t->share);
      if (t->status != Status::kNone) detail += ", " + w_.status(*t);
      line("- **" + esc(t->label) + "**: " + esc(detail));
      for (const auto& q : t->quotes) line("  - " + quote(q, false));
    }
  }

  // How many more complaints were mentioned than shown, and how many answers fit none ("overig").
  void themes_not_shown(const ScopeReport& s, std::size_t shown) {
    const std::string previous = w_.period_name(r_.previous);
    std::size_t mentioned = 0;
    for (const auto& t : s.themes) mentioned += t.count > 0;
    if (mentioned > shown) {
      line();
      line(md(text::rich(l_, mentioned - shown == 1 ? S::kThemesMoreOne : S::kThemesMore, fmt::arg("n", w_.count(mentioned - shown)))));
    }
    if (s.other_count > 0 || s.other_previous > 0) {
      line();
      line(md(text::rich(l_, S::kOther, fmt::arg("n", w_.responses(s.other_count)), fmt::arg("previous", previous),
                         fmt::arg("m", w_.count(s.other_previous)))));
    }
  }

  void trend_table(const ScopeReport& s) {
    line("| " + esc(text::tr(l_, S::kColPeriod)) + " | " + esc(text::tr(l_, S::kColResponses)) + " | " +
         esc(text::tr(l_, S::kColMean)) + " | " + esc(text::tr(l_, S::kColHigh, fmt::arg("norm", w_.norm()))) + " | " +
         esc(text::tr(l_, S::kColLow)) + " | " + esc(text::tr(l_, S::kColNegative)) + " |");
    line("|---|--:|--:|--:|--:|--:|");
    for (std::size_t i = 0; i < s.trend.size(); ++i) {
      const Figures& f = s.trend[i].figures;
      std::string name = esc(w_.period_title(s.trend[i].period));
      if (i + 1 == s.trend.size()) name = "**" + name + "**";
      line("| " + name + " | " + w_.count(f.responses) + " | " + w_.grade(f.mean()) + " | " +
           w_.percent_of(f.high, f.graded) + " | " + w_.percent_of(f.low, f.graded) + " | " +
           (r_.input.has_sentiment ? w_.percent_of(f.negative, f.with_polarity()) : "\xE2\x80\x93") + " |");
    }
  }

  void process_section(const ScopeReport& p) {
    line();
    line("### " + esc(p.process));
    line();
    line(md(text::scope_figures(w_, p)));
    if (p.now.responses == 0) return;
    line();
    line(md(text::grade_distribution(w_, p.now)));
    if (Rich t = text::tone(w_, r_, p.now); !t.empty()) {
      line();
      line(md(t));
    }
    line();
    line(md(text::trend_series(w_, p)));
    if (r_.input.has_themes) {
      if (Rich fix = text::fix_first_short(w_, p); !fix.empty()) {
        line();
        line(md(fix));
      }
      line();
      themes(p, text::process_limit(r_), false);
    }
    if (r_.input.has_sentiment) {
      if (!p.compliments.empty()) {
        line();
        std::string items;
        for (const auto& c : p.compliments)
          items += (items.empty() ? "" : ", ") + std::string("**") + esc(c.term) + "** (" + w_.count(c.count) + ")";
        line(md(text::rich(l_, S::kProcPraise)) + items + ".");
      }
      const Disagreements& d = p.disagreements;
      if (d.answers > 0 && d.high_negative + d.low_positive > 0) {
        line();
        line(md(text::rich(l_, S::kProcDisagree, fmt::arg("n", w_.count(d.high_negative + d.low_positive)),
                           fmt::arg("total", w_.count(d.answers)))));
      }
    }
  }

  const Report& r_;
  text::Words w_;
  Lang l_;
  std::string out_;
};

}  // namespace

std::string render_markdown(const Report& report) { return MarkdownWriter(report).render(); }

}  // namespace luister::report
