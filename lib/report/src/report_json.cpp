// The report as JSON for dashboards; the schema is docs/report-schema.json.
#include <cmath>

#include <nlohmann/json.hpp>

#include "luister/report/report.hpp"

namespace luister::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema = "luister-report/1";

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  double r = std::round(value * scale) / scale;
  return r == 0 ? 0.0 : r;  // no "-0.0"
}

Json share_or_null(std::size_t k, std::size_t n) { return n ? Json(rounded(static_cast<double>(k) / static_cast<double>(n), 4)) : Json(); }

Json optional_number(const std::optional<double>& v, int decimals) { return v ? Json(rounded(*v, decimals)) : Json(); }

const char* kind_name(PeriodKind k) {
  switch (k) {
    case PeriodKind::kWeek: return "week";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kRange: break;
  }
  return "range";
}

Json period_json(const Period& p) {
  return Json{{"id", period_id(p)}, {"kind", kind_name(p.kind)}, {"first", format_iso_day(p.first)},
              {"last", format_iso_day(p.last)}};
}

Json share_json(std::size_t k, std::size_t n) {
  Json j{{"count", k}, {"total", n}, {"share", share_or_null(k, n)}};
  if (n) {
    Interval ci = wilson_interval(k, n);
    j["ci95"] = Json::array({rounded(ci.lo, 4), rounded(ci.hi, 4)});
  } else {
    j["ci95"] = nullptr;
  }
  return j;
}

Json figures_json(const Figures& f, bool sentiment) {
  Json j;
  j["responses"] = f.responses;
  j["answers"] = f.answers;
  j["graded"] = f.graded;
  j["mean_grade"] = optional_number(f.mean(), 3);
  j["grade_distribution"] = f.grades;
  j["low_grades"] = share_json(f.low, f.graded);
  j["high_grades"] = share_json(f.high, f.graded);
  if (sentiment)
    j["sentiment"] = Json{{"negative", f.negative}, {"neutral", f.neutral}, {"positive", f.positive}};
  else
    j["sentiment"] = nullptr;
  return j;
}

const char* direction_name(Direction d) {
  switch (d) {
    case Direction::kUp: return "up";
    case Direction::kDown: return "down";
    case Direction::kNone: break;
  }
  return "none";
}

Json change_json(const Change& c, int decimals) {
  if (!c.comparable) return nullptr;
  return Json{{"diff", rounded(c.diff, decimals)},
              {"ci95", Json::array({rounded(c.ci.lo, decimals), rounded(c.ci.hi, decimals)})},
              {"direction", direction_name(c.clear)},
              {"few_answers", c.few}};
}

const char* status_name(Status s) {
  switch (s) {
    case Status::kNew: return "new";
    case Status::kGrowing: return "growing";
    case Status::kShrinking: return "shrinking";
    case Status::kStable: return "stable";
    case Status::kMixed: return "mixed";
    case Status::kNone: break;
  }
  return nullptr;
}

Json quote_json(const Quote& q) {
  return Json{{"text", q.text},
              {"response_id", q.response_id},
              {"date", format_iso_day(q.day)},
              {"process", q.process},
              {"question", q.question},
              {"grade", optional_number(q.grade, 1)},
              {"sentiment", optional_number(q.sentiment, 3)}};
}

Json quotes_json(const std::vector<Quote>& quotes) {
  Json a = Json::array();
  for (const auto& q : quotes) a.push_back(quote_json(q));
  return a;
}

Json interval_json(const Interval& ci, int decimals) { return Json::array({rounded(ci.lo, decimals), rounded(ci.hi, decimals)}); }

Json impact_json(const Impact& i) {
  if (!i.ranked) return Json{{"graded", i.graded}, {"ranked", false}, {"high_grades_gain", nullptr},
                             {"high_grades_gain_ci95", nullptr}, {"mean_grade_gain", nullptr}, {"mean_grade_gain_ci95", nullptr}};
  return Json{{"graded", i.graded},
              {"ranked", true},
              {"high_grades_gain", rounded(i.high_gain, 4)},
              {"high_grades_gain_ci95", interval_json(i.high_ci, 4)},
              {"mean_grade_gain", rounded(i.mean_gain, 3)},
              {"mean_grade_gain_ci95", interval_json(i.mean_ci, 3)}};
}

// The complaints of a scope: themes, what to fix first, aspects and overig; all null without themes.
void themes_json(const ScopeReport& s, bool themes, Json& j) {
  if (themes) {
    Json list = Json::array();
    for (const auto& t : s.themes) {
      const char* status = status_name(t.status);
      list.push_back(Json{{"id", t.id},
                          {"label", t.label},
                          {"count", t.count},
                          {"share", rounded(t.share, 4)},
                          {"previous_count", t.previous_count},
                          {"previous_share", rounded(t.previous_share, 4)},
                          {"change", change_json(t.change, 4)},
                          {"status", status ? Json(status) : Json()},
                          {"spike", t.spike},
                          {"label_coverage", t.count ? Json(rounded(t.coverage, 4)) : Json()},
                          {"rise_withheld", t.rise_withheld},
                          {"trend", t.trend},
                          {"processes", s.process.empty() ? Json(t.processes) : Json()},
                          {"quotes", quotes_json(t.quotes)},
                          {"impact", impact_json(t.impact)}});
    }
    j["themes"] = std::move(list);
    Json fix = Json::array();
    for (std::size_t t : s.fix_first) fix.push_back(s.themes[t].id);
    j["fix_first"] = std::move(fix);
    Json fix_aspects = Json::array();
    for (std::size_t k : s.fix_first_aspects) fix_aspects.push_back(s.aspects[k].key);
    j["fix_first_aspects"] = std::move(fix_aspects);
    Json aspects = Json::array();
    for (const auto& a : s.aspects)
      aspects.push_back(Json{{"key", a.key},
                             {"name", a.name},
                             {"count", a.count},
                             {"share", rounded(a.share, 4)},
                             {"themes", a.themes},
                             {"impact", impact_json(a.impact)}});
    j["aspects"] = std::move(aspects);
    j["other_criticism"] = Json{{"count", s.other_count}, {"previous_count", s.other_previous}};
  } else {
    j["themes"] = nullptr;
    j["fix_first"] = nullptr;
    j["fix_first_aspects"] = nullptr;
    j["aspects"] = nullptr;
    j["other_criticism"] = nullptr;
  }
}

// Spikes; `withheld` ones (complaints below the purity bar) with their label coverage.
Json spikes_json(const std::vector<Spike>& list, bool withheld) {
  Json out = Json::array();
  for (const auto& sp : list) {
    Json j{{"kind", sp.kind == Spike::Kind::kTheme ? "theme" : "low_grades"},
           {"id", sp.kind == Spike::Kind::kTheme ? Json(sp.id) : Json()},
           {"label", sp.kind == Spike::Kind::kTheme ? Json(sp.label) : Json()},
           {"count", sp.count},
           {"total", sp.total},
           {"share", rounded(sp.share, 4)},
           {"baseline_share", rounded(sp.baseline, 4)},
           {"baseline_periods", sp.baseline_periods}};
    if (withheld) j["label_coverage"] = rounded(sp.coverage, 4);
    out.push_back(std::move(j));
  }
  return out;
}

Json scope_json(const Report& r, const ScopeReport& s) {
  const bool sentiment = r.input.has_sentiment, themes = r.input.has_themes;
  Json j;
  j["process"] = s.process.empty() ? Json() : Json(s.process);
  j["figures"] = figures_json(s.now, sentiment);
  j["previous"] = figures_json(s.previous, sentiment);
  j["changes"] = Json{{"mean_grade", change_json(s.mean_change, 3)},
                      {"low_grades", change_json(s.low_change, 4)},
                      {"high_grades", change_json(s.high_change, 4)},
                      {"negative_answers", sentiment ? change_json(s.negative_change, 4) : Json()}};
  Json trend = Json::array();
  for (const auto& t : s.trend) {
    const Figures& f = t.figures;
    trend.push_back(Json{{"period", period_id(t.period)},
                         {"responses", f.responses},
                         {"answers", f.answers},
                         {"mean_grade", optional_number(f.mean(), 3)},
                         {"high_grades", share_or_null(f.high, f.graded)},
                         {"low_grades", share_or_null(f.low, f.graded)},
                         {"negative_answers", sentiment ? share_or_null(f.negative, f.with_polarity()) : Json()}});
  }
  j["trend"] = std::move(trend);
  themes_json(s, themes, j);
  if (sentiment) {
    Json list = Json::array();
    for (const auto& c : s.compliments)
      list.push_back(Json{{"term", c.term}, {"count", c.count}, {"quote", c.quote ? quote_json(*c.quote) : Json()}});
    j["compliments"] = std::move(list);
    j["kudos"] = quotes_json(s.kudos);
    const Disagreements& d = s.disagreements;
    j["disagreements"] = Json{{"answers", d.answers},
                              {"high_grade_negative", d.high_negative},
                              {"low_grade_positive", d.low_positive},
                              {"high_grade_negative_examples", quotes_json(d.high_negative_examples)},
                              {"low_grade_positive_examples", quotes_json(d.low_positive_examples)}};
  } else {
    j["compliments"] = nullptr;
    j["kudos"] = nullptr;
    j["disagreements"] = nullptr;
  }
  j["spikes"] = spikes_json(s.spikes, false);
  j["withheld_spikes"] = themes ? spikes_json(s.withheld_spikes, true) : Json();
  return j;
}

// Every string of the document through display_text: no control or bidi character from the data.
void clean_strings(Json& j) {
  if (j.is_string()) j = display_text(j.get_ref<const std::string&>());
  else if (j.is_structured())
    for (auto& v : j) clean_strings(v);
}

}  // namespace

// The call-back section (docs/report-schema.json, "callbacks").
Json callbacks_json(const CallbackStatus& c) {
  auto figures = [](const std::vector<CallbackFigures>& list) {
    Json out = Json::array();
    for (const auto& f : list)
      out.push_back(Json{{"process", f.process.empty() ? Json() : Json(f.process)},
                         {"listed", f.listed},
                         {"called", f.called},
                         {"solved", f.solved},
                         {"declined", f.declined},
                         {"not_reached", f.not_reached},
                         {"open", f.open},
                         {"median_working_days", f.median_working_days ? Json(*f.median_working_days) : Json()}});
    return out;
  };
  return Json{{"period", figures(c.now)}, {"previous", figures(c.previous)}, {"open_before", c.open_before}};
}

std::string render_json(const Report& r) {
  Json j;
  j["schema"] = kSchema;
  j["lang"] = r.options.lang == Lang::kNl ? "nl" : "en";
  j["title"] = r.options.title.empty() ? Json() : Json(r.options.title);
  j["period"] = period_json(r.period);
  j["no_data"] = r.no_data;
  j["previous"] = period_json(r.previous);
  Json trend = Json::array();
  for (const auto& p : r.trend_periods) trend.push_back(period_json(p));
  j["trend_periods"] = std::move(trend);
  j["settings"] = Json{{"norm", r.options.norm},
                       {"min_count", r.options.min_count},
                       {"top", r.options.top},
                       {"impact_min", r.options.impact_min},
                       {"fix_first", r.options.fix_first},
                       {"bootstrap", r.options.bootstrap},
                       {"processes", r.options.processes}};
  Json input;
  input["files"] = r.input.names;
  input["rows_read"] = r.input.rows_read;
  input["rows_used"] = r.rows_used;
  input["rows_outside_window"] = r.input.rows_outside_window;
  input["rows_without_date"] = r.input.rows_without_date;
  input["first_date"] = r.input.first_day ? Json(format_iso_day(*r.input.first_day)) : Json();
  input["last_date"] = r.input.last_day ? Json(format_iso_day(*r.input.last_day)) : Json();
  input["has_sentiment"] = r.input.has_sentiment;
  input["has_themes"] = r.input.has_themes;
  j["input"] = std::move(input);
  j["overall"] = scope_json(r, r.overall);
  Json processes = Json::array();
  for (const auto& p : r.processes) processes.push_back(scope_json(r, p));
  j["processes"] = std::move(processes);
  if (r.callbacks) j["callbacks"] = callbacks_json(*r.callbacks);
  clean_strings(j);
  // Invalid UTF-8 cannot reach here (the reader validates), but never let it throw mid-report.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace luister::report
