// The report as one self-contained HTML file: inline CSS and SVG, no scripts, nothing fetched.
// Every piece of text from the data goes through html_escape; a Content-Security-Policy that
// forbids scripts is a second line of defence.
#include <algorithm>
#include <cmath>

#include "report_text.hpp"

namespace luister::report {
namespace {

using text::Rich;
using text::S;

constexpr const char* kStyle = R"CSS(
:root{--ink:#1d2430;--muted:#5b6472;--line:#d8dde5;--bg:#f5f7fa;--card:#fff;--accent:#1f5fa8;--good:#1e7a46;--bad:#b3261e;--warn:#8a5a00}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:56rem;margin:0 auto;padding:1rem}
header h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
.sub{color:var(--muted);margin:0 0 1rem}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.1rem;margin:0 0 1rem}
h2{font-size:1.2rem;margin:0 0 .6rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
ul{padding-left:1.2rem;margin:.4rem 0}
li{margin:.25rem 0}
.summary li{margin:.4rem 0}
.notice{background:#fff7e0;border:1px solid #e8c766;border-radius:10px;padding:.7rem 1rem;margin:0 0 1rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child,.label{text-align:left;white-space:normal}
th{font-weight:600;color:var(--muted);font-size:.85rem}
tr.total td{font-weight:700}
td.period{white-space:nowrap}
.up-good,.down-good{color:var(--good);font-weight:600}
.up-bad,.down-bad{color:var(--bad);font-weight:600}
.few{color:var(--muted);white-space:normal}
.quotes{list-style:none;padding-left:0}
.quotes li{border-left:3px solid var(--line);padding:.1rem 0 .1rem .7rem;margin:.5rem 0}
q{font-style:italic}
.who{color:var(--muted);font-size:.9rem;white-space:nowrap}
.theme{margin:.8rem 0}
.theme-title{font-weight:600}
.tag{display:inline-block;font-size:.8rem;padding:0 .45rem;border-radius:99px;background:#e8edf4;color:var(--ink);margin-left:.3rem}
.tag.new,.tag.growing,.tag.spike{background:#fde2e0;color:var(--bad)}
.tag.shrinking{background:#dff3e6;color:var(--good)}
figure{margin:.5rem 0 1rem}
figcaption{color:var(--muted);font-size:.9rem;margin-bottom:.3rem}
svg{display:block;width:100%;max-width:560px;height:auto}
svg text{font-family:inherit}
details{border-top:1px solid var(--line);padding:.5rem 0}
details:first-of-type{border-top:0}
summary{cursor:pointer;font-weight:600}
summary .meta{font-weight:400;color:var(--muted)}
.method{font-size:.9rem;color:var(--muted)}
code{font-size:.9em;background:#eef1f5;padding:0 .2rem;border-radius:4px;word-break:break-word}
footer{color:var(--muted);font-size:.85rem;text-align:center;margin:1rem 0 2rem}
.glance h2{font-size:1.3rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.6rem;margin:.2rem 0 .8rem}
.kpi{border:1px solid var(--line);border-radius:8px;padding:.5rem .7rem}
.kpi .k{display:block;color:var(--muted);font-size:.85rem}
.kpi .v{display:block;font-size:1.6rem;font-weight:700;line-height:1.2}
.kpi .m{display:block;color:var(--muted);font-size:.8rem}
.glance ol,.glance ul{margin:.2rem 0 .6rem}
.glance li{overflow-wrap:anywhere}
.glance .more{color:var(--muted);font-size:.85rem;margin:.4rem 0 0}
@page{size:A4;margin:12mm}
@media print{body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}section{border:0;padding:0;margin:0 0 .6rem}
.glance{break-after:page}.glance.last{break-after:auto}.glance .kpi .v{font-size:1.35rem}.scroll{overflow:visible}}
@media (max-width:480px){main{padding:.6rem}section{padding:.8rem}header h1{font-size:1.35rem}th,td{padding:.3rem .35rem}}
)CSS";

std::string esc(std::string_view s) { return html_escape(s); }

std::string html(const Rich& rich) {
  std::string out;
  for (const auto& s : rich) {
    if (s.code) out += "<code>" + esc(s.text) + "</code>";
    else if (s.strong) out += "<strong>" + esc(s.text) + "</strong>";
    else out += esc(s.text);
  }
  return out;
}

// SVG coordinates: always a decimal point, one decimal.
std::string xy(double v) { return fmt::format("{:.1f}", v); }

class HtmlWriter {
 public:
  explicit HtmlWriter(const Report& r) : r_(r), w_(r), l_(r.options.lang) {}

  std::string render() {
    head();
    // Each first page is a printed page of its own; with --one-page the last one ends the document.
    const bool more = r_.options.each_process && !r_.processes.empty();
    glance(r_.overall, !more && r_.options.one_page);
    if (more)
      for (std::size_t p = 0; p < r_.processes.size(); ++p)
        glance(r_.processes[p], r_.options.one_page && p + 1 == r_.processes.size());
    if (r_.options.one_page) return finish();
    summary_section();
    if (r_.input.has_themes) fix_first_section();
    process_table_section();
    themes_section();
    if (r_.input.has_sentiment) praise_section();
    if (r_.input.has_sentiment) kudos_section();
    spikes_section();
    if (r_.input.has_sentiment && r_.overall.disagreements.answers > 0) disagreement_section();
    trend_section();
    if (!r_.processes.empty()) processes_section();
    if (r_.callbacks) callback_section();
    method_section();
    return finish();
  }

 private:
  // The document head with its style, the title, the subtitle and the notices about the input.
  void head() {
    const std::string title =
        text::tr(l_, S::kHeading, fmt::arg("title", w_.title()), fmt::arg("period", w_.period_title(r_.period)));
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += l_ == Lang::kNl ? "nl" : "en";
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            "<title>" + esc(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
    out_ += "<header>\n<h1>" + esc(title) + "</h1>\n<p class=\"sub\">" + html(text::subtitle(w_, r_)) + "</p>\n</header>\n";
    for (const auto& n : text::notices(w_, r_)) out_ += "<p class=\"notice\">" + html(n) + "</p>\n";
  }

  std::string finish() {
    out_ += "<footer>" + esc(text::tr(l_, S::kGenerated)) + "</footer>\n</main>\n</body>\n</html>\n";
    return std::move(out_);
  }

  // One key figure: its name, value and the lines under it.
  void kpi(const std::string& name, const std::string& value, const std::vector<std::string>& notes) {
    out_ += "<div class=\"kpi\"><span class=\"k\">" + esc(name) + "</span><span class=\"v\">" + esc(value) + "</span>";
    for (const auto& n : notes) out_ += "<span class=\"m\">" + n + "</span>";
    out_ += "</div>\n";
  }

  // The grade, the share at or above the norm and the responses, with their margins and the period before.
  void glance_figures(const ScopeReport& s) {
    const Figures& f = s.now;
    const std::string before = w_.period_name(r_.previous);
    out_ += "<div class=\"kpis\">\n";
    std::vector<std::string> mean_notes;
    if (f.graded >= 2) {
      const double n = static_cast<double>(f.graded), mean = f.grade_sum / n;
      const double sd = std::sqrt(std::max(0.0, (f.grade_sum_sq - n * mean * mean) / (n - 1)));
      const double half = 1.96 * sd / std::sqrt(n);
      mean_notes.push_back(esc(text::tr(l_, S::kGlanceMargin, fmt::arg("lo", w_.number(mean - half, 1)),
                                        fmt::arg("hi", w_.number(mean + half, 1)))));
    }
    mean_notes.push_back(esc(text::tr(l_, S::kGlanceBefore, fmt::arg("previous", before),
                                      fmt::arg("value", w_.grade(s.previous.mean())))) + " " + change(s.mean_change, false, true));
    kpi(text::tr(l_, S::kGlanceMean), w_.grade(f.mean()), mean_notes);
    std::vector<std::string> high_notes;
    if (f.graded > 0) {
      const Interval ci = wilson_interval(f.high, f.graded);
      high_notes.push_back(esc(text::tr(l_, S::kGlanceMargin, fmt::arg("lo", w_.percent(ci.lo)), fmt::arg("hi", w_.percent(ci.hi)))));
    }
    high_notes.push_back(esc(text::tr(l_, S::kGlanceBefore, fmt::arg("previous", before),
                                      fmt::arg("value", w_.percent_of(s.previous.high, s.previous.graded)))) +
                         " " + change(s.high_change, true, true));
    kpi(text::tr(l_, S::kGlanceHigh, fmt::arg("norm", w_.norm())), w_.percent_of(f.high, f.graded), high_notes);
    kpi(text::tr(l_, S::kGlanceResponses), w_.count(f.responses),
        {esc(text::tr(l_, S::kGlanceLow, fmt::arg("low", w_.percent_of(f.low, f.graded))))});
    out_ += "</div>\n";
  }

  // The first page: a scope's key figures, the complaints to fix first, what goes well.
  void glance(const ScopeReport& s, bool last) {
    const std::string heading = s.process.empty() ? text::tr(l_, S::kGlanceHeading)
                                                  : text::tr(l_, S::kGlanceHeadingProcess, fmt::arg("process", s.process));
    out_ += std::string(last ? "<section class=\"glance last\">" : "<section class=\"glance\">") + "\n<h2>" +
            esc(heading) + "</h2>\n";
    glance_figures(s);
    if (r_.input.has_themes) {
      out_ += "<h3>" + esc(text::tr(l_, S::kFixHeading)) + "</h3>\n";
      const auto lines = text::fix_first_lines(w_, s, s.process.empty() && r_.processes.size() > 1);
      if (lines.empty() || s.fix_first.empty()) out_ += "<p>" + html(text::fix_first_intro(w_, r_, s)) + "</p>\n";
      out_ += lines.empty() ? "" : "<ol>\n";
      for (const auto& l : lines) out_ += "<li>" + html(l) + "</li>\n";
      out_ += lines.empty() ? "" : "</ol>\n";
    }
    if (r_.input.has_sentiment) {
      out_ += "<h3>" + esc(text::tr(l_, S::kGlanceWell)) + "</h3>\n";
      if (s.compliments.empty()) out_ += "<p>" + html(text::rich(l_, S::kNoPraise)) + "</p>\n";
      else out_ += "<ul>\n";
      for (std::size_t i = 0; i < s.compliments.size() && i < 3; ++i) {
        const Compliment& c = s.compliments[i];
        out_ += "<li><strong>" + esc(c.term) + "</strong> (" + w_.count(c.count) + ")";
        if (c.quote) out_ += ": <q>" + esc(short_quote(c.quote->text)) + "</q>";
        out_ += "</li>\n";
      }
      out_ += s.compliments.empty() ? "" : "</ul>\n";
    }
    glance_callbacks(s);
    if (!r_.options.one_page) out_ += "<p class=\"more\">" + esc(text::tr(l_, S::kGlanceMore)) + "</p>\n";
    out_ += "</section>\n";
  }

  // The call-back status of a scope, this period and the one before (luister-followup --db).
  void glance_callbacks(const ScopeReport& s) {
    out_ += "<h3>" + esc(text::tr(l_, S::kGlanceCallbacks)) + "</h3>\n";
    if (!r_.callbacks) {
      out_ += "<p>" + html(text::rich(l_, S::kGlanceNoCallbacks)) + "</p>\n";
      return;
    }
    out_ += "<ul>\n";
    auto line = [&](const std::vector<CallbackFigures>& list, const Period& period) {
      for (const auto& f : list) {
        if (f.process != s.process) continue;
        const std::string days = f.median_working_days
                                     ? text::tr(l_, S::kGlanceCallbackDays, fmt::arg("days", w_.number(*f.median_working_days, 1)))
                                     : "";
        out_ += "<li>" + esc(text::tr(l_, S::kGlanceCallbackLine, fmt::arg("period", w_.period_name(period)),
                                      fmt::arg("listed", w_.count(f.listed)), fmt::arg("called", w_.count(f.called)),
                                      fmt::arg("days", days), fmt::arg("open", w_.count(f.open)))) + "</li>\n";
      }
    };
    line(r_.callbacks->now, r_.period);
    line(r_.callbacks->previous, r_.previous);
    out_ += "</ul>\n";
  }

  // A quote cut to one line of the first page.
  static std::string short_quote(const std::string& text) { return quote_text(text, 110); }

  // The closed loop: who was put on the call-back list, and what came of it.
  void callback_section() {
    open_section(S::kCallbackHeading, "callbacks");
    out_ += "<p>" + html(text::rich(l_, S::kCallbackIntro)) + "</p>\n<div class=\"scroll\"><table>\n";
    const auto table = text::callback_table(l_, r_);
    for (std::size_t i = 0; i < table.size(); ++i) {
      out_ += "<tr>";
      for (std::size_t c = 0; c < table[i].size(); ++c) {
        const char* tag = i == 0 ? "th" : "td";
        out_ += fmt::format("<{0}>{1}</{0}>", tag, esc(table[i][c]));
      }
      out_ += "</tr>\n";
    }
    out_ += "</table></div>\n<p>" +
            html(text::rich(l_, S::kCallbackOpenBefore, fmt::arg("n", r_.callbacks->open_before))) + "</p>\n";
    close_section();
  }

  // The summary: the main figures and changes as a list.
  void summary_section() {
    open_section(S::kSummaryHeading, "summary");
    out_ += "<ul>\n";
    for (const auto& item : text::summary(w_, r_)) out_ += "<li>" + html(item) + "</li>\n";
    out_ += "</ul>\n";
    close_section();
  }

  // What to fix first overall: the complaints that cost the most.
  void fix_first_section() {
    open_section(S::kFixHeading, "fix-first");
    const auto lines = text::fix_first_lines(w_, r_.overall, r_.processes.size() > 1);
    out_ += "<p>" + html(text::fix_first_intro(w_, r_, r_.overall)) + "</p>\n";
    if (!lines.empty()) {
      out_ += "<ol>\n";
      for (const auto& l : lines) out_ += "<li>" + html(l) + "</li>\n";
      out_ += "</ol>\n";
    }
    close_section();
  }

  // Figures per process, and the spread of grades overall.
  void process_table_section() {
    open_section(S::kProcessTableHeading);
    process_table();
    if (r_.overall.now.graded > 0) grade_chart(r_.overall.now);
    close_section();
  }

  // The recurring complaints overall.
  void themes_section() {
    open_section(S::kThemesHeading);
    if (!r_.input.has_themes) out_ += "<p>" + html(text::rich(l_, S::kSumNotGrouped)) + "</p>\n";
    else themes(r_.overall, r_.options.top, true);
    if (Rich a = text::aspects_line(w_, r_.overall); r_.input.has_themes && !a.empty()) out_ += "<p>" + html(a) + "</p>\n";
    close_section();
  }

  // Compliments to pass on, per process (the overall list when there is one process or none).
  void kudos_section() {
    const std::vector<const ScopeReport*> scopes = text::kudos_scopes(r_);
    if (scopes.empty()) return;
    open_section(S::kKudosHeading, "kudos");
    out_ += "<p>" + html(text::rich(l_, S::kKudosIntro)) + "</p>\n";
    for (const ScopeReport* s : scopes) {
      if (!s->process.empty()) out_ += "<h3>" + esc(s->process) + "</h3>\n";
      out_ += "<ul class=\"quotes\">\n";
      for (const auto& q : s->kudos) out_ += "<li>" + quote(q, false) + "</li>\n";
      out_ += "</ul>\n";
    }
    close_section();
  }

  // The compliments overall, each with a quote.
  void praise_section() {
    const ScopeReport& o = r_.overall;
    open_section(S::kPraiseHeading);
    if (o.compliments.empty()) {
      out_ += "<p>" + html(text::rich(l_, S::kNoPraise)) + "</p>\n";
    } else {
      out_ += "<p>" + html(text::rich(l_, r_.input.has_clauses ? S::kPraiseIntroClauses : S::kPraiseIntro)) + "</p>\n<ul class=\"quotes\">\n";
      for (const auto& c : o.compliments) {
        out_ += "<li><strong>" + esc(c.term) + "</strong> (" + w_.count(c.count) + ")";
        if (c.quote) out_ += "<br>" + quote(*c.quote, true);
        out_ += "</li>\n";
      }
      out_ += "</ul>\n";
    }
    close_section();
  }

  // Spikes overall and per process.
  void spikes_section() {
    open_section(S::kSpikesHeading);
    auto spikes = text::all_spikes(r_);
    if (spikes.empty()) {
      out_ += "<p>" + html(text::rich(l_, S::kNoSpikes)) + "</p>\n";
    } else {
      out_ += "<p>" + html(text::rich(l_, S::kSpikesIntro, fmt::arg("k", kTrendPeriods - 1), fmt::arg("unit", w_.unit(true)))) +
              "</p>\n<ul>\n";
      for (const auto& [scope, spike] : spikes) out_ += "<li>" + html(text::spike_line(w_, *scope, *spike)) + "</li>\n";
      out_ += "</ul>\n";
    }
    if (auto withheld = text::all_withheld_spikes(r_); !withheld.empty()) {
      out_ += "<p>" + html(text::rich(l_, S::kSpikesWithheldLead)) + "</p>\n<ul>\n";
      for (const auto& [scope, spike] : withheld)
        out_ += "<li>" + html(text::withheld_spike_line(w_, *scope, *spike)) + "</li>\n";
      out_ += "</ul>\n";
    }
    close_section();
  }

  // Grade and text that disagree, with examples.
  void disagreement_section() {
    const ScopeReport& o = r_.overall;
    open_section(S::kDisagreeHeading);
    out_ += "<p>" + html(text::disagreement_intro(w_, o)) + "</p>\n";
    examples(S::kDisagreeHigh, o.disagreements.high_negative_examples);
    examples(S::kDisagreeLow, o.disagreements.low_positive_examples);
    close_section();
  }

  // The trend overall as a chart and a table.
  void trend_section() {
    open_section(S::kTrendHeading, "", fmt::arg("k", kTrendPeriods), fmt::arg("unit", w_.unit(true)));
    trend_chart(r_.overall, false);
    trend_table(r_.overall);
    close_section();
  }

  // One folded block per process.
  void processes_section() {
    open_section(S::kProcessesHeading);
    for (const auto& p : r_.processes) process_section(p);
    close_section();
  }

  // How the figures were made.
  void method_section() {
    open_section(S::kMethodHeading, "method");
    out_ += "<ul>\n";
    for (const auto& item : text::method(w_, r_)) out_ += "<li>" + html(item) + "</li>\n";
    out_ += "</ul>\n";
    close_section();
  }

  template <typename... Args>
  void open_section(S id, const char* cls = "", const Args&... args) {
    out_ += *cls ? fmt::format("<section class=\"{}\">\n", cls) : std::string("<section>\n");
    out_ += "<h2>" + esc(text::tr(l_, id, args...)) + "</h2>\n";
  }
  void close_section() { out_ += "</section>\n"; }

  std::string quote(const Quote& q, bool with_process) {
    return "<q>" + esc(q.text) + "</q> <span class=\"who\">\xE2\x80\x94 " + esc(w_.attribution(q, with_process)) + "</span>";
  }

  void examples(S lead, const std::vector<Quote>& quotes) {
    if (quotes.empty()) return;
    out_ += "<h3>" + esc(text::tr(l_, lead)) + "</h3>\n<ul class=\"quotes\">\n";
    for (const auto& q : quotes) out_ += "<li>" + quote(q, true) + "</li>\n";
    out_ += "</ul>\n";
  }

  // A change cell coloured by whether the move is good news (`up_good`) or bad.
  std::string change(const Change& c, bool points, bool up_good) {
    std::string cell = esc(w_.change_cell(c, points));
    if (!c.comparable) return cell;
    if (c.few) return "<span class=\"few\">" + cell + "</span>";
    if (c.clear == Direction::kNone) return cell;
    const bool up = c.clear == Direction::kUp;
    return fmt::format("<span class=\"{}-{}\">{}</span>", up ? "up" : "down", up == up_good ? "good" : "bad", cell);
  }

  void process_table() {
    out_ += "<div class=\"scroll\"><table>\n<thead><tr><th>" + esc(text::tr(l_, S::kColProcess)) + "</th><th>" +
            esc(text::tr(l_, S::kColResponses)) + "</th><th>" + esc(text::tr(l_, S::kColMean)) + "</th><th>" +
            esc(text::tr(l_, S::kColVs, fmt::arg("previous", w_.period_name(r_.previous)))) + "</th><th>" +
            esc(text::tr(l_, S::kColHigh, fmt::arg("norm", w_.norm()))) + "</th><th>" + esc(text::tr(l_, S::kColLow)) +
            "</th><th>" + esc(text::tr(l_, S::kColNegative)) + "</th></tr></thead>\n<tbody>\n";
    auto row = [&](const ScopeReport& s, bool total) {
      const Figures& f = s.now;
      out_ += total ? "<tr class=\"total\">" : "<tr>";
      out_ += "<td>" + esc(w_.scope_name(s)) + "</td><td>" + w_.count(f.responses) + "</td><td>" + w_.grade(f.mean()) +
              "</td><td>" + change(s.mean_change, false, true) + "</td><td>" + w_.percent_of(f.high, f.graded) +
              "</td><td>" + w_.percent_of(f.low, f.graded) + "</td><td>" +
              (r_.input.has_sentiment ? w_.percent_of(f.negative, f.with_polarity()) : "\xE2\x80\x93") + "</td></tr>\n";
    };
    row(r_.overall, true);
    for (const auto& p : r_.processes) row(p, false);
    out_ += "</tbody>\n</table></div>\n";
  }

  std::string tag(const ThemeLine& t) {
    const char* cls = t.status == Status::kNew       ? "new"
                      : t.status == Status::kGrowing   ? "growing"
                      : t.status == Status::kShrinking ? "shrinking"
                      : t.status == Status::kMixed     ? "mixed"
                                                       : "stable";
    std::string out;
    // The spike (or the withheld one, "gemengd") gets a tag of its own; a status that would
    // contradict it ("stabiel") is left out, as in the Markdown.
    if (text::Words::status_shown(t)) out += fmt::format("<span class=\"tag {}\">{}</span>", cls, esc(w_.status(t, false)));
    if (auto tag = w_.spike_tag(t))
      out += fmt::format("<span class=\"tag {}\">{}</span>", t.spike ? "spike" : "mixed", esc(*tag));
    return out;
  }

  // The complaints of a scope: in full (chart, table, then quotes) or as a short list per process.
  void themes(const ScopeReport& s, std::size_t limit, bool full) {
    auto shown = text::shown_themes(s, limit);
    if (shown.empty()) {
      out_ += "<p>" + html(text::rich(l_, S::kNoThemesFound)) + "</p>\n";
    } else if (full) {
      theme_table(s, shown);
    } else {
      out_ += "<h3>" + esc(text::tr(l_, S::kProcComplaints)) + "</h3>\n";
      for (const ThemeLine* t : shown) theme_block(*t, false);
    }
    themes_not_shown(s, shown.size());
  }

  // The complaints shown as a chart and a table, then each with its quotes.
  void theme_table(const ScopeReport& s, const std::vector<const ThemeLine*>& shown) {
    const std::string previous = w_.period_name(r_.previous);
    out_ += "<p>" + html(text::rich(l_, S::kThemesIntro)) + "</p>\n";
    theme_chart(shown);
    const bool by_process = r_.processes.size() > 1;
    out_ += "<div class=\"scroll\"><table>\n<thead><tr><th>" + esc(text::tr(l_, S::kColComplaint)) + "</th>" +
            (by_process ? "<th class=\"label\">" + esc(text::tr(l_, S::kColProcess)) + "</th>" : "") + "<th>" +
            esc(text::tr(l_, S::kColResponses)) + "</th><th>" + esc(text::tr(l_, S::kColShare)) + "</th><th>" +
            esc(previous) + "</th><th>" + esc(text::tr(l_, S::kColStatus)) + "</th></tr></thead>\n<tbody>\n";
    for (const ThemeLine* t : shown)
      out_ += "<tr><td>" + esc(t->label) + "</td>" +
              (by_process ? "<td class=\"label\">" + esc(w_.theme_processes(*t)) + "</td>" : "") + "<td>" +
              w_.count(t->count) + "</td><td>" + w_.percent(t->share) +
              "</td><td>" + (s.previous.responses > 0 ? w_.count(t->previous_count) : "\xE2\x80\x93") + "</td><td>" +
              esc(w_.status(*t)) + "</td></tr>\n";
    out_ += "</tbody>\n</table></div>\n<h3>" + esc(text::tr(l_, S::kThemeQuotesLead)) + "</h3>\n";
    for (const ThemeLine* t : shown) theme_block(*t, true);
  }

  // How many more complaints were mentioned than shown, and how many answers fit none ("overig").
  void themes_not_shown(const ScopeReport& s, std::size_t shown) {
    const std::string previous = w_.period_name(r_.previous);
    std::size_t mentioned = 0;
    for (const auto& t : s.themes) mentioned += t.count > 0;
    if (mentioned > shown)
      out_ += "<p>" + html(text::rich(l_, mentioned - shown == 1 ? S::kThemesMoreOne : S::kThemesMore, fmt::arg("n", w_.count(mentioned - shown)))) + "</p>\n";
    if (s.other_count > 0 || s.other_previous > 0)
      out_ += "<p>" +
              html(text::rich(l_, S::kOther, fmt::arg("n", w_.responses(s.other_count)), fmt::arg("previous", previous),
                              fmt::arg("m", w_.count(s.other_previous)))) +
              "</p>\n";
  }

  void theme_block(const ThemeLine& t, bool with_process) {
    out_ += "<div class=\"theme\"><span class=\"theme-title\">" + esc(t.label) + "</span> \xC2\xB7 " +
            esc(w_.responses(t.count)) + ", " + w_.percent(t.share) + " " + tag(t) + "\n<ul class=\"quotes\">\n";
    for (const auto& q : t.quotes) out_ += "<li>" + quote(q, with_process) + "</li>\n";
    out_ += "</ul></div>\n";
  }

  void trend_table(const ScopeReport& s) {
    out_ += "<div class=\"scroll\"><table>\n<thead><tr><th>" + esc(text::tr(l_, S::kColPeriod)) + "</th><th>" +
            esc(text::tr(l_, S::kColResponses)) + "</th><th>" + esc(text::tr(l_, S::kColMean)) + "</th><th>" +
            esc(text::tr(l_, S::kColHigh, fmt::arg("norm", w_.norm()))) + "</th><th>" + esc(text::tr(l_, S::kColLow)) +
            "</th><th>" + esc(text::tr(l_, S::kColNegative)) + "</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < s.trend.size(); ++i) {
      const Figures& f = s.trend[i].figures;
      out_ += i + 1 == s.trend.size() ? "<tr class=\"total\">" : "<tr>";
      out_ += "<td class=\"period\">" + esc(w_.period_title(s.trend[i].period)) + "</td><td>" + w_.count(f.responses) + "</td><td>" +
              w_.grade(f.mean()) + "</td><td>" + w_.percent_of(f.high, f.graded) + "</td><td>" +
              w_.percent_of(f.low, f.graded) + "</td><td>" +
              (r_.input.has_sentiment ? w_.percent_of(f.negative, f.with_polarity()) : "\xE2\x80\x93") + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table></div>\n";
  }

  // The mean grade over the trend periods as a line; gaps where a period has no grades.
  void trend_chart(const ScopeReport& s, bool small) {
    const std::string caption = text::tr(l_, S::kChartTrend, fmt::arg("unit", w_.unit(false)));
    std::vector<std::optional<double>> values;
    for (const auto& t : s.trend) values.push_back(t.figures.mean());
    double lo = 10, hi = 1;
    for (const auto& v : values)
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    if (lo > hi) {
      out_ += "<p class=\"few\">" + esc(caption) + ": " + esc(text::tr(l_, S::kChartNoData)) + "</p>\n";
      return;
    }
    lo = std::max(1.0, std::floor(lo - 0.5));
    hi = std::min(10.0, std::ceil(hi + 0.5));
    while (hi - lo < 2) {
      if (lo > 1) lo -= 1;
      else hi += 1;
    }
    const double width = 400, height = small ? 130 : 200, left = 34, right = 22, top = 22, bottom = 26;
    const double plot_w = width - left - right, plot_h = height - top - bottom;
    const std::size_t n = values.size();
    auto x_of = [&](std::size_t i) { return left + (n > 1 ? plot_w * static_cast<double>(i) / static_cast<double>(n - 1) : plot_w / 2); };
    auto y_of = [&](double v) { return top + plot_h * (hi - v) / (hi - lo); };
    out_ += "<figure><figcaption>" + esc(caption) + "</figcaption>\n";
    out_ += fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n", xy(width), xy(height), esc(caption));
    const double step = hi - lo > 5 ? 2 : 1;
    for (double g = lo; g <= hi + 1e-9; g += step)
      out_ += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d8dde5\"/>"
                          "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#5b6472\" text-anchor=\"end\">{}</text>\n",
                          xy(left), xy(y_of(g)), xy(width - right), xy(y_of(g)), xy(left - 6), xy(y_of(g) + 4),
                          w_.number(g, 0));
    std::string path;
    bool pen = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!values[i]) {
        pen = false;
        continue;
      }
      path += fmt::format("{}{} {} ", pen ? "L" : "M", xy(x_of(i)), xy(y_of(*values[i])));
      pen = true;
    }
    if (!path.empty()) path.pop_back();
    out_ += "<path d=\"" + path + "\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n";
    for (std::size_t i = 0; i < n; ++i) {
      const std::string tick = esc(w_.period_tick(s.trend[i].period));
      if (!small || i == 0 || i + 1 == n)
        out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#5b6472\" text-anchor=\"middle\">{}</text>\n",
                            xy(x_of(i)), xy(height - 8), tick);
      if (!values[i]) continue;
      const bool last = i + 1 == n;
      out_ += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"#1f5fa8\" stroke-width=\"2\">"
                          "<title>{}: {}</title></circle>\n",
                          xy(x_of(i)), xy(y_of(*values[i])), last ? "5" : "3.5", last ? "#1f5fa8" : "#fff", tick,
                          w_.grade(values[i]));
      if (!small || last)
        out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#1d2430\" text-anchor=\"middle\"{}>{}</text>\n",
                            xy(x_of(i)), xy(y_of(*values[i]) - 9), last ? " font-weight=\"700\"" : "", w_.grade(values[i]));
    }
    out_ += "</svg></figure>\n";
  }

  // Complaints as horizontal bars, the label above each bar so long labels fit on a phone.
  void theme_chart(const std::vector<const ThemeLine*>& shown) {
    const std::string caption = text::tr(l_, S::kChartThemes);
    std::size_t max = 1;
    for (const ThemeLine* t : shown) max = std::max(max, t->count);
    const double width = 400, row = 38, bar_h = 14, label_w = 44;
    const double height = row * static_cast<double>(shown.size()) + 4;
    out_ += "<figure><figcaption>" + esc(caption) + "</figcaption>\n";
    out_ += fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n", xy(width), xy(height), esc(caption));
    for (std::size_t i = 0; i < shown.size(); ++i) {
      const ThemeLine& t = *shown[i];
      const double y = row * static_cast<double>(i);
      const double bar = std::max(2.0, (width - label_w) * static_cast<double>(t.count) / static_cast<double>(max));
      const bool hot = t.spike || t.status == Status::kNew || t.status == Status::kGrowing;
      out_ += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"12.5\" fill=\"#1d2430\">{}</text>\n", xy(y + 13), esc(t.label));
      out_ += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\"><title>{}: {}</title></rect>\n",
                          xy(y + 18), xy(bar), xy(bar_h), hot ? "#b3261e" : "#1f5fa8", esc(t.label),
                          esc(w_.responses(t.count)));
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1d2430\">{}</text>\n", xy(bar + 5), xy(y + 30),
                          w_.count(t.count));
    }
    out_ += "</svg></figure>\n";
  }

  // Grades 1-10 as columns: low grades red, grades at the norm or above green.
  void grade_chart(const Figures& f) {
    const std::string caption = text::tr(l_, S::kChartGrades);
    std::size_t max = 1;
    for (auto c : f.grades) max = std::max(max, c);
    const double width = 400, height = 150, bottom = 20, top = 16, col = width / 10;
    out_ += "<figure><figcaption>" + esc(caption) + "</figcaption>\n";
    out_ += fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n", xy(width), xy(height), esc(caption));
    for (std::size_t g = 0; g < 10; ++g) {
      const double h = (height - top - bottom) * static_cast<double>(f.grades[g]) / static_cast<double>(max);
      const double x = col * static_cast<double>(g) + 4;
      const char* fill = g + 1 <= 5 ? "#b3261e" : static_cast<double>(g + 1) >= r_.options.norm ? "#1e7a46" : "#8d96a3";
      out_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\"><title>{}: {}</title></rect>\n",
                          xy(x), xy(height - bottom - h), xy(col - 8), xy(h), fill, g + 1, w_.count(f.grades[g]));
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#1d2430\" text-anchor=\"middle\">{}</text>\n",
                          xy(x + (col - 8) / 2), xy(height - bottom - h - 4), w_.count(f.grades[g]));
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#5b6472\" text-anchor=\"middle\">{}</text>\n",
                          xy(x + (col - 8) / 2), xy(height - 5), g + 1);
    }
    out_ += "</svg></figure>\n";
  }

  void process_section(const ScopeReport& p) {
    out_ += "<details>\n<summary>" + esc(p.process) + " <span class=\"meta\">\xC2\xB7 " + esc(w_.responses(p.now.responses)) +
            " \xC2\xB7 " + w_.grade(p.now.mean()) + " " + change(p.mean_change, false, true) + "</span></summary>\n";
    out_ += "<p>" + html(text::scope_figures(w_, p)) + "</p>\n";
    if (p.now.responses > 0) {
      out_ += "<p>" + html(text::grade_distribution(w_, p.now)) + "</p>\n";
      if (Rich t = text::tone(w_, r_, p.now); !t.empty()) out_ += "<p>" + html(t) + "</p>\n";
      trend_chart(p, true);
      if (r_.input.has_themes) {
        if (Rich fix = text::fix_first_short(w_, p); !fix.empty()) out_ += "<p>" + html(fix) + "</p>\n";
        themes(p, text::process_limit(r_), false);
      }
      if (r_.input.has_sentiment) {
        if (!p.compliments.empty()) {
          out_ += "<p>" + html(text::rich(l_, S::kProcPraise));
          for (std::size_t i = 0; i < p.compliments.size(); ++i)
            out_ += (i ? ", " : "") + std::string("<strong>") + esc(p.compliments[i].term) + "</strong> (" +
                    w_.count(p.compliments[i].count) + ")";
          out_ += ".</p>\n";
        }
        const Disagreements& d = p.disagreements;
        if (d.answers > 0 && d.high_negative + d.low_positive > 0)
          out_ += "<p>" +
                  html(text::rich(l_, S::kProcDisagree, fmt::arg("n", w_.count(d.high_negative + d.low_positive)),
                                  fmt::arg("total", w_.count(d.answers)))) +
                  "</p>\n";
      }
    }
    out_ += "</details>\n";
  }

  const Report& r_;
  text::Words w_;
  Lang l_;
  std::string out_;
};

}  // namespace

std::string render_html(const Report& report) { return HtmlWriter(report).render(); }

}  // namespace luister::report
