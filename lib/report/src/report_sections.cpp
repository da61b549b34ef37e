// Running text the Markdown and HTML reports share, built from the model in the report's language.
#include "report_text.hpp"

namespace luister::report::text {

namespace {

std::string prev_name(const Words& w) { return w.period_name(w.report().previous); }

}  // namespace

Rich subtitle(const Words& w, const Report& r) {
  return rich(w.lang(), S::kSubtitle, fmt::arg("span", w.period_span(r.period)), fmt::arg("previous", prev_name(w)),
              fmt::arg("responses", w.responses(r.overall.now.responses)),
              fmt::arg("answers", w.answers(r.overall.now.answers)));
}

std::vector<Rich> notices(const Words& w, const Report& r) {
  std::vector<Rich> out;
  const std::string now = w.period_title(r.period);
  if (r.no_data) out.push_back(rich(w.lang(), S::kNoticeNoData, fmt::arg("period", now), fmt::arg("unit", w.unit(true))));
  // A comparison or a period that the data cover only in part is said first, not only in the method.
  if (!r.no_data && r.input.first_day && *r.input.first_day > r.previous.first && *r.input.first_day <= r.previous.last)
    out.push_back(rich(w.lang(), S::kNoticePartialBefore, fmt::arg("first", w.day(*r.input.first_day)),
                       fmt::arg("previous", prev_name(w))));
  if (!r.no_data && r.input.last_day && *r.input.last_day < r.period.last)
    out.push_back(rich(w.lang(), S::kNoticePartialNow, fmt::arg("last", w.day(*r.input.last_day)), fmt::arg("period", now)));
  if (!r.options.processes.empty()) out.push_back(rich(w.lang(), S::kOnlyProcesses, fmt::arg("list", w.list(r.options.processes))));
  if (!r.input.has_sentiment) out.push_back(rich(w.lang(), S::kNoSentiment));
  if (!r.input.has_themes) out.push_back(rich(w.lang(), S::kNoThemes));
  return out;
}

std::vector<const ThemeLine*> shown_themes(const ScopeReport& s, std::size_t limit) {
  std::vector<const ThemeLine*> out;
  for (const auto& t : s.themes)
    if (t.count > 0 && out.size() < limit) out.push_back(&t);
  return out;
}

std::size_t process_limit(const Report& r) { return std::max<std::size_t>(1, r.options.top / 3); }

std::vector<std::pair<const ScopeReport*, const Spike*>> all_spikes(const Report& r) {
  std::vector<std::pair<const ScopeReport*, const Spike*>> out;
  for (const auto& s : r.overall.spikes) out.emplace_back(&r.overall, &s);
  for (const auto& p : r.processes)
    for (const auto& s : p.spikes) out.emplace_back(&p, &s);
  return out;
}

std::vector<std::pair<const ScopeReport*, const Spike*>> all_withheld_spikes(const Report& r) {
  std::vector<std::pair<const ScopeReport*, const Spike*>> out;
  for (const auto& s : r.overall.withheld_spikes) out.emplace_back(&r.overall, &s);
  for (const auto& p : r.processes)
    for (const auto& s : p.withheld_spikes) out.emplace_back(&p, &s);
  return out;
}

Rich withheld_spike_line(const Words& w, const ScopeReport& scope, const Spike& spike) {
  return rich(w.lang(), S::kSpikeWithheld, fmt::arg("scope", w.scope_name(scope)), fmt::arg("label", spike.label),
              fmt::arg("count", w.count(spike.count)), fmt::arg("total", w.count(spike.total)),
              fmt::arg("share", w.percent(spike.share)), fmt::arg("baseline", w.percent(spike.baseline)),
              fmt::arg("coverage", w.percent(spike.coverage)));
}

Rich spike_line(const Words& w, const ScopeReport& scope, const Spike& spike) {
  const Lang l = w.lang();
  return rich(l, spike.kind == Spike::Kind::kTheme ? S::kSpikeTheme : S::kSpikeLow, fmt::arg("scope", w.scope_name(scope)),
              fmt::arg("label", spike.label), fmt::arg("count", w.count(spike.count)),
              fmt::arg("total", w.count(spike.total)), fmt::arg("share", w.percent(spike.share)),
              fmt::arg("baseline", w.percent(spike.baseline)));
}

std::vector<Rich> summary(const Words& w, const Report& r) {
  const Lang l = w.lang();
  const ScopeReport& o = r.overall;
  std::vector<Rich> out;
  if (o.now.graded == 0) {
    out.push_back(rich(l, S::kSumNoGrades));
  } else {
    out.push_back(rich(l, S::kSumMean, fmt::arg("mean", w.grade(o.now.mean())),
                       fmt::arg("note", w.change_note(o.mean_change, w.grade(o.previous.mean()), false))));
    out.push_back(rich(l, S::kSumHigh, fmt::arg("high", w.percent_of(o.now.high, o.now.graded)), fmt::arg("norm", w.norm()),
                       fmt::arg("note", w.change_note(o.high_change, w.percent_of(o.previous.high, o.previous.graded), true)),
                       fmt::arg("low", w.percent_of(o.now.low, o.now.graded))));
  }

  if (!r.input.has_themes) {
    out.push_back(rich(l, S::kSumNotGrouped));
  } else if (auto themes = shown_themes(o, 3); themes.empty()) {
    out.push_back(rich(l, S::kSumNoComplaints));
  } else {
    Rich line = rich(l, S::kSumThemesLead);
    for (std::size_t i = 0; i < themes.size(); ++i) {
      if (i > 0) append(line, i + 1 == themes.size() ? std::string(get(l, S::kAnd)) : ", ");
      append(line, themes[i]->label, true);
      std::string detail = w.responses(themes[i]->count);
      if (std::string from = w.theme_processes(*themes[i]); !from.empty()) detail = from + "; " + detail;
      if (themes[i]->status != Status::kNone) detail += ", " + w.status(*themes[i]);
      append(line, " (" + detail + ")");
    }
    append(line, ".");
    out.push_back(std::move(line));
  }

  auto spikes = all_spikes(r);
  if (spikes.empty()) {
    out.push_back(rich(l, S::kSumNoSpikes));
  } else {
    Rich line = rich(l, S::kSumSpikesLead);
    for (std::size_t i = 0; i < spikes.size(); ++i) {
      const auto& [scope, spike] = spikes[i];
      if (i > 0) append(line, i + 1 == spikes.size() ? std::string(get(l, S::kAnd)) : ", ");
      append(line, w.scope_name(*scope) + ": " +
                       (spike->kind == Spike::Kind::kTheme ? spike->label : std::string(get(l, S::kLowGrades))),
             true);
      append(line, tr(l, S::kSpikeShort, fmt::arg("share", w.percent(spike->share)),
                      fmt::arg("baseline", w.percent(spike->baseline))));
    }
    append(line, ".");
    out.push_back(std::move(line));
  }

  if (r.input.has_sentiment) {
    if (o.compliments.empty()) {
      out.push_back(rich(l, S::kSumNoPraise));
    } else {
      Rich line = rich(l, S::kSumPraiseLead);
      const std::size_t n = std::min<std::size_t>(o.compliments.size(), 4);
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) append(line, i + 1 == n ? std::string(get(l, S::kAnd)) : ", ");
        append(line, o.compliments[i].term, true);
        append(line, " (" + w.count(o.compliments[i].count) + ")");
      }
      append(line, ".");
      out.push_back(std::move(line));
    }
    const Disagreements& d = o.disagreements;
    if (d.answers > 0)
      out.push_back(rich(l, S::kSumDisagree, fmt::arg("n", w.count(d.high_negative + d.low_positive)),
                         fmt::arg("total", w.count(d.answers))));
  }
  return out;
}

Rich scope_figures(const Words& w, const ScopeReport& s) {
  const Lang l = w.lang();
  if (s.now.responses == 0)
    return rich(l, S::kProcNoResponses, fmt::arg("previous", prev_name(w)), fmt::arg("n", w.count(s.previous.responses)));
  return rich(l, S::kProcFigures, fmt::arg("responses", w.responses(s.now.responses)),
              fmt::arg("answers", w.answers(s.now.answers)), fmt::arg("mean", w.grade(s.now.mean())),
              fmt::arg("note", w.change_note(s.mean_change, w.grade(s.previous.mean()), false)), fmt::arg("norm", w.norm()),
              fmt::arg("high", w.percent_of(s.now.high, s.now.graded)), fmt::arg("low", w.percent_of(s.now.low, s.now.graded)));
}

Rich grade_distribution(const Words& w, const Figures& f) {
  std::string grades;
  for (std::size_t g = 0; g < f.grades.size(); ++g)
    grades += fmt::format("{}{}: {}", g ? " \xC2\xB7 " : "", g + 1, w.count(f.grades[g]));
  return rich(w.lang(), S::kProcDistribution, fmt::arg("grades", grades));
}

Rich tone(const Words& w, const Report& r, const Figures& f) {
  if (!r.input.has_sentiment || f.with_polarity() == 0) return {};
  const std::size_t n = f.with_polarity();
  return rich(w.lang(), S::kProcSentiment, fmt::arg("negative", w.percent_of(f.negative, n)),
              fmt::arg("neutral", w.percent_of(f.neutral, n)), fmt::arg("positive", w.percent_of(f.positive, n)));
}

Rich trend_series(const Words& w, const ScopeReport& s) {
  std::string series;
  for (std::size_t i = 0; i < s.trend.size(); ++i)
    series += (i ? " \xC2\xB7 " : "") + w.grade(s.trend[i].figures.mean());
  return rich(w.lang(), S::kProcTrend, fmt::arg("unit", w.unit(false)), fmt::arg("series", series));
}

Rich disagreement_intro(const Words& w, const ScopeReport& s) {
  const Disagreements& d = s.disagreements;
  if (d.answers == 0) return {};
  if (d.high_negative + d.low_positive == 0) return rich(w.lang(), S::kDisagreeNone);
  return rich(w.lang(), S::kDisagreeIntro, fmt::arg("n", w.count(d.high_negative + d.low_positive)),
              fmt::arg("total", w.count(d.answers)), fmt::arg("high", w.count(d.high_negative)),
              fmt::arg("low", w.count(d.low_positive)), fmt::arg("norm", w.norm()));
}

namespace {

// One line of fix_first_lines(): the gains of `i` and their margins.
Rich fix_line(const Words& w, std::string_view label, const std::string& where, const Impact& i) {
  return rich(w.lang(), S::kFixLine, fmt::arg("label", label), fmt::arg("where", where), fmt::arg("norm", w.norm()),
              fmt::arg("high", w.signed_number(100 * i.high_gain, 1)), fmt::arg("high_lo", w.signed_number(100 * i.high_ci.lo, 1)),
              fmt::arg("high_hi", w.signed_number(100 * i.high_ci.hi, 1)), fmt::arg("mean", w.signed_number(i.mean_gain, 2)),
              fmt::arg("mean_lo", w.signed_number(i.mean_ci.lo, 2)), fmt::arg("mean_hi", w.signed_number(i.mean_ci.hi, 2)),
              fmt::arg("n", w.responses(i.graded)));
}

// An aspect's complaints by label, the most mentioned first: at most three, then how many more.
std::string aspect_complaints(const Words& w, const ScopeReport& s, const AspectLine& a) {
  constexpr std::size_t kNamed = 3;
  std::vector<std::string> labels;
  for (const std::string& id : a.themes) {
    if (labels.size() == kNamed) {
      const std::size_t more = a.themes.size() - kNamed;
      labels.push_back(std::to_string(more) + (w.lang() == Lang::kNl ? " andere" : " more"));
      break;
    }
    for (const ThemeLine& t : s.themes)
      if (t.id == id) labels.push_back(t.label);
  }
  return w.list(labels);
}

}  // namespace

std::vector<Rich> fix_first_lines(const Words& w, const ScopeReport& s, bool with_process) {
  std::vector<Rich> lines;
  for (std::size_t t : s.fix_first) {
    const ThemeLine& line = s.themes[t];
    std::string where = with_process ? w.theme_processes(line) : "";
    if (!where.empty()) where = " (" + where + ")";
    lines.push_back(fix_line(w, line.label, where, line.impact));
  }
  if (!lines.empty()) return lines;
  for (std::size_t k : s.fix_first_aspects) {
    const AspectLine& a = s.aspects[k];
    const std::string where = tr(w.lang(), S::kFixAspectWhere, fmt::arg("complaints", aspect_complaints(w, s, a)));
    lines.push_back(fix_line(w, a.name, where, a.impact));
  }
  return lines;
}

Rich fix_first_intro(const Words& w, const Report& r, const ScopeReport& s) {
  if (!s.fix_first.empty()) return rich(w.lang(), S::kFixIntro, fmt::arg("norm", w.norm()));
  if (!s.fix_first_aspects.empty()) return rich(w.lang(), S::kFixAspectIntro, fmt::arg("norm", w.norm()));
  return rich(w.lang(), S::kFixNone, fmt::arg("min", r.options.impact_min));
}

Rich fix_first_short(const Words& w, const ScopeReport& s) {
  Rich out;
  const bool aspects = s.fix_first.empty();
  const std::size_t n = aspects ? s.fix_first_aspects.size() : s.fix_first.size();
  if (n == 0) return out;
  out = rich(w.lang(), S::kProcFix);
  for (std::size_t k = 0; k < n; ++k) {
    const std::string& label = aspects ? s.aspects[s.fix_first_aspects[k]].name : s.themes[s.fix_first[k]].label;
    const Impact& i = aspects ? s.aspects[s.fix_first_aspects[k]].impact : s.themes[s.fix_first[k]].impact;
    if (k > 0) append(out, ", ");
    append(out, label, true);
    append(out, fmt::format(" ({}{}{})", aspects ? "aspect, " : "", w.signed_number(100 * i.high_gain, 1),
                            w.lang() == Lang::kNl ? " %-punt" : " pp"));
  }
  append(out, ".");
  return out;
}

Rich aspects_line(const Words& w, const ScopeReport& s) {
  Rich out;
  if (s.aspects.empty()) return out;
  out = rich(w.lang(), S::kAspectsLead);
  for (std::size_t i = 0; i < s.aspects.size(); ++i) {
    const AspectLine& a = s.aspects[i];
    if (i > 0) append(out, ", ");
    append(out, a.name, true);
    append(out, fmt::format(" ({}, {} {})", w.responses(a.count), a.themes.size(),
                            w.lang() == Lang::kNl ? (a.themes.size() == 1 ? "klacht" : "klachten")
                                                  : (a.themes.size() == 1 ? "complaint" : "complaints")));
  }
  append(out, ".");
  return out;
}

std::vector<const ScopeReport*> kudos_scopes(const Report& r) {
  std::vector<const ScopeReport*> scopes;
  for (const auto& p : r.processes)
    if (!p.kudos.empty()) scopes.push_back(&p);
  if (scopes.empty() && !r.overall.kudos.empty()) scopes.push_back(&r.overall);
  return scopes;
}

std::vector<Rich> method(const Words& w, const Report& r) {
  const Lang l = w.lang();
  std::vector<Rich> out;
  out.push_back(rich(l, S::kMethodCounts));
  out.push_back(rich(l, S::kMethodMargins));
  out.push_back(rich(l, S::kMethodFew, fmt::arg("min", r.options.min_count)));
  if (r.input.has_themes) out.push_back(rich(l, S::kMethodStatus, fmt::arg("previous", prev_name(w))));
  if (r.input.has_themes)
    out.push_back(rich(l, S::kMethodImpact, fmt::arg("norm", w.norm()), fmt::arg("b", r.options.bootstrap),
                       fmt::arg("min", r.options.impact_min)));
  out.push_back(rich(l, S::kMethodSpike, fmt::arg("k", kTrendPeriods - 1), fmt::arg("unit", w.unit(true))));
  if (r.input.has_sentiment) out.push_back(rich(l, S::kMethodDisagree, fmt::arg("norm", w.norm())));
  out.push_back(rich(l, r.input.has_clauses ? S::kMethodQuotes : S::kMethodQuotesAnswers));
  out.push_back(rich(l, S::kMethodInput, fmt::arg("rows", w.count(r.input.rows_read)), fmt::arg("files", w.list(r.input.names)),
                     fmt::arg("first", r.input.first_day ? w.day(*r.input.first_day) : ""),
                     fmt::arg("last", r.input.last_day ? w.day(*r.input.last_day) : ""),
                     fmt::arg("used", w.count(r.rows_used)), fmt::arg("outside", w.count(r.input.rows_outside_window)),
                     fmt::arg("k", kTrendPeriods), fmt::arg("unit", w.unit(true))));
  if (r.input.rows_without_date > 0)
    append(out.back(), " " + tr(l, S::kMethodSkipped, fmt::arg("n", w.count(r.input.rows_without_date))));
  return out;
}

}  // namespace luister::report::text
