// From rows to the report model: periods, figures, changes, themes, compliments, spikes, quotes.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <locale>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include <boost/algorithm/string/join.hpp>
#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <fmt/format.h>

#include "luister/cluster/complaint_register.hpp"
#include "luister/cluster/quotes.hpp"
#include "luister/base/error.hpp"
#include "luister/report/report.hpp"
#include "report_impact.hpp"
#include "report_kudos.hpp"
#include "luister/lexicon/aspects.hpp"
#include "luister/sentiment/sentiment.hpp"

namespace luister::report {
namespace {

constexpr std::size_t kTrend = static_cast<std::size_t>(kTrendPeriods);
constexpr std::size_t kNow = kTrend - 1, kBefore = kTrend - 2;
/// A spike needs at least this many responses now and this many earlier periods with data.
constexpr std::size_t kSpikeMinCount = 5, kSpikeMinPeriods = 3;
/// Quotes of this many code points read well; shorter ones say little, longer ones get cut.
constexpr std::size_t kQuoteMinChars = 20, kQuoteMaxChars = 300;
constexpr std::size_t kDisagreementExamples = 3;
/// Compliments to pass on come from answers graded at least this (or not graded).
constexpr double kKudosMinGrade = 7;
constexpr std::string_view kOther = "overig";

struct Response {
  std::uint32_t scope = 0;  // 1 + process index
  std::uint8_t period = 0;
  std::optional<double> grade;
};

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// "overig" in any ASCII case; the classic locale, whatever the global one is.
bool is_other(std::string_view id) {
  return id.size() == kOther.size() && boost::algorithm::iequals(id, kOther, std::locale::classic());
}

Quote make_quote(const Row& row) {
  Quote q;
  q.text = quote_text(row.text);
  q.response_id = row.response_id;
  q.process = row.process;
  q.question = row.question;
  q.day = row.day;
  q.grade = row.grade;
  q.sentiment = row.sentiment;
  return q;
}

/// Picks up to `n` quotes from `candidates`: first answers of a readable length, then the most
/// negative (or, with `positive`, the most positive), then the shortest; ties broken by response id,
/// question and text so the choice never depends on input order. Never two from one response;
/// texts in `used` only when nothing else is left. Adds what it picks to `used`.
std::vector<Quote> pick_quotes(std::vector<const Row*> candidates, std::size_t n, bool positive,
                               std::set<std::string>& used) {
  struct Key {
    bool awkward;
    double sentiment;
    std::size_t length;
    const Row* row;
  };
  std::vector<Key> keys;
  keys.reserve(candidates.size());
  for (const Row* row : candidates) {
    std::size_t length = code_points(row->text);
    double s = row->sentiment.value_or(0);
    keys.push_back({length < kQuoteMinChars || length > kQuoteMaxChars, positive ? -s : s, length, row});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.awkward != b.awkward) return !a.awkward;
    if (a.sentiment != b.sentiment) return a.sentiment < b.sentiment;
    if (a.length != b.length) return a.length < b.length;
    if (a.row->response_id != b.row->response_id) return a.row->response_id < b.row->response_id;
    if (a.row->question != b.row->question) return a.row->question < b.row->question;
    return a.row->text < b.row->text;
  });
  std::vector<Quote> out;
  // First answers not quoted elsewhere in the section; then, if that left too few, those too.
  for (bool allow_used : {false, true}) {
    for (const Key& k : keys) {
      if (out.size() == n) break;
      if (std::any_of(out.begin(), out.end(), [&](const Quote& q) { return q.response_id == k.row->response_id; }))
        continue;
      Quote q = make_quote(*k.row);
      if (q.text.empty() || std::any_of(out.begin(), out.end(), [&](const Quote& o) { return o.text == q.text; }))
        continue;
      if (!allow_used && used.count(q.text)) continue;
      out.push_back(std::move(q));
    }
  }
  for (const auto& q : out) used.insert(q.text);
  return out;
}

Change share_change(std::size_t k1, std::size_t n1, std::size_t k2, std::size_t n2, bool few) {
  Change c;
  c.comparable = n1 > 0 && n2 > 0;
  if (!c.comparable) return c;
  c.few = few;
  c.diff = static_cast<double>(k1) / static_cast<double>(n1) - static_cast<double>(k2) / static_cast<double>(n2);
  c.ci = share_difference_interval(k1, n1, k2, n2);
  if (!few && c.ci.excludes_zero()) c.clear = c.diff > 0 ? Direction::kUp : Direction::kDown;
  return c;
}

Change mean_change(const Figures& now, const Figures& before, bool few) {
  Change c;
  c.comparable = now.graded > 0 && before.graded > 0;
  if (!c.comparable) return c;
  c.few = few || now.graded < 2 || before.graded < 2;
  c.diff = *now.mean() - *before.mean();
  c.ci = mean_difference_interval(now.graded, now.grade_sum, now.grade_sum_sq, before.graded, before.grade_sum,
                                  before.grade_sum_sq);
  if (!c.few && c.ci.excludes_zero()) c.clear = c.diff > 0 ? Direction::kUp : Direction::kDown;
  return c;
}

/// Far above usual: at least kSpikeMinCount, at least twice the pooled share of the earlier trend
/// periods, and the lower end of the 95% interval above that share too.
std::optional<Spike> spike_test(const std::array<std::size_t, kTrend>& counts, const std::array<std::size_t, kTrend>& totals) {
  std::size_t base_count = 0, base_total = 0, base_periods = 0;
  for (std::size_t i = 0; i < kNow; ++i) {
    if (totals[i] == 0) continue;
    base_count += counts[i], base_total += totals[i], ++base_periods;
  }
  if (base_periods < kSpikeMinPeriods || counts[kNow] < kSpikeMinCount || totals[kNow] == 0) return std::nullopt;
  const double baseline = static_cast<double>(base_count) / static_cast<double>(base_total);
  const double share = static_cast<double>(counts[kNow]) / static_cast<double>(totals[kNow]);
  if (share < 2 * baseline || wilson_interval(counts[kNow], totals[kNow]).lo <= baseline) return std::nullopt;
  Spike s;
  s.count = counts[kNow];
  s.total = totals[kNow];
  s.share = share;
  s.baseline = baseline;
  s.baseline_periods = base_periods;
  return s;
}

// Theme mentions of one scope: for each period, the responses that mention the theme.
using ThemeMentions = std::map<std::string, std::array<std::vector<std::uint32_t>, kTrend>>;

struct Scope {
  std::array<Figures, kTrend> figures;
  ThemeMentions themes;
  std::vector<const Row*> rows_now;  // rows of the current period
  std::vector<std::uint32_t> responses_now;  // responses of the current period (into Tally::responses)
};

// The register has the last word on labels and merges; ids it does not know keep the rows' labels.
void apply_register(const std::string& path, std::vector<Row>& rows) {
  if (::access(path.c_str(), R_OK) != 0)
    throw IoError(fmt::format("{}: cannot read the complaint register: {}.", path, std::strerror(errno)),
                  "give the file luister-cluster --register wrote, or leave --register out");
  const ComplaintRegister reg = ComplaintRegister::load(path);
  for (Row& row : rows) {
    std::vector<std::string> ids, labels, aspects;
    for (std::size_t i = 0; i < row.themes.size(); ++i) {
      std::string id = row.themes[i], label = i < row.theme_labels.size() ? row.theme_labels[i] : row.themes[i];
      std::string aspect = i < row.theme_aspects.size() ? row.theme_aspects[i] : "";
      if (const RegisterTheme* t = is_other(id) ? nullptr : reg.resolve(id)) {
        id = t->id;
        if (!t->label.empty()) label = t->label;
      }
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;  // two merged into one
      ids.push_back(std::move(id));
      labels.push_back(std::move(label));
      aspects.push_back(std::move(aspect));
    }
    row.themes = std::move(ids);
    row.theme_labels = std::move(labels);
    row.theme_aspects = std::move(aspects);
  }
}


// Theme id → its newest label and the day it was seen.
using Labels = std::map<std::string, std::pair<Day, std::string>>;

// What the rows add up to: the scopes' tallies, the responses, and the themes' newest labels.
struct Tally {
  std::vector<Scope> scopes;
  std::vector<Response> responses;
  Labels labels;
  std::map<std::string, std::string> aspect_of;  // theme id → its aspect key, as its newest row says
};

// The trend window that ends with period `p`.
Period window_of(const Period& p) {
  std::vector<Period> t = trend_periods(p, kTrendPeriods);
  return Period{PeriodKind::kRange, t.front().first, p.last};
}

// The name of the first input, for messages about the input as a whole.
std::string input_name(const SourceInfo& input) {
  return input.names.empty() ? std::string("<input>") : input.names.front();
}

// Refuses options that no input can make right.
void check_options(const ReportOptions& options) {
  if (!(options.norm >= 1 && options.norm <= 10))
    throw UsageError(fmt::format("--norm {} is not a grade from 1 to 10", options.norm), "the usual norm is --norm 8");
  if (options.min_count < 2) throw UsageError("--min-count must be at least 2");
  if (options.top < 1) throw UsageError("--top must be at least 1");
}

// The period as far as it is known before reading: the one asked for, else the last week that was
// over before `today`, else the last complete week of the source's newest data (when it can tell).
std::optional<Period> period_before_reading(RowSource& source, const ReportOptions& options) {
  std::optional<Period> period = options.period;
  if (!period && options.today) period = last_complete_week(*options.today - 1);
  if (!period)
    if (auto newest = source.newest_day()) period = last_complete_week(*newest);
  return period;
}

// Reads the rows of the trend window into `report.input`'s account and sets the report's periods.
// When the period was not known before reading, it is the last complete week of the data read.
std::vector<Row> read_rows(RowSource& source, const ReportOptions& options, Report& report, Progress& progress) {
  progress.phase(options.db.empty() ? "reading rows" : "reading rows from the archive");
  std::optional<Period> period = period_before_reading(source, options);
  std::vector<Row> rows;
  RowRequest request;
  request.progress = &progress;
  if (period) request.window = window_of(*period);
  else request.earliest = [&](Day newest) { return window_of(last_complete_week(newest)).first; };
  report.input = source.read(request, rows);
  if (!report.input.last_day && !period)
    throw InputError(input_name(report.input), 0, "the input holds no dated answers, so no period to report on.",
                     "pipe the export through luister-import first, or name the period (--week, --month, --from/--to)");
  if (!period) {
    period = last_complete_week(*report.input.last_day);
    const Period window = window_of(*period);
    auto outside = std::remove_if(rows.begin(), rows.end(), [&](const Row& r) { return !window.contains(r.day); });
    report.input.rows_outside_window += static_cast<std::uint64_t>(rows.end() - outside);
    rows.erase(outside, rows.end());
  }
  report.period = *period;
  report.previous = previous_period(*period);
  report.trend_periods = trend_periods(*period, kTrendPeriods);
  return rows;
}

// Keeps the rows of the processes named with --process; a name without answers is a usage error.
void keep_processes(std::vector<Row>& rows, const ReportOptions& options, const Period& period) {
  if (options.processes.empty()) return;
  std::set<std::string> present;
  for (const Row& r : rows) present.insert(r.process);
  for (const auto& p : options.processes) {
    if (present.count(p)) continue;
    const std::string names = present.empty() ? "" : "'" + boost::algorithm::join(present, "', '") + "'";
    throw UsageError(fmt::format("--process '{}': no answers for that process around {}", p, period_id(period)),
                     names.empty() ? "" : fmt::format("the processes are {}", names));
  }
  std::erase_if(rows, [&](const Row& r) {
    return std::find(options.processes.begin(), options.processes.end(), r.process) == options.processes.end();
  });
}

// The trend index of every row (kTrend: outside, which cannot happen after the window filter).
// Marks the report no_data when no row falls in the reported period itself.
std::vector<std::uint8_t> row_periods(const std::vector<Row>& rows, Report& report) {
  auto period_index = [&](Day day) {
    for (std::size_t i = 0; i < kTrend; ++i)
      if (report.trend_periods[i].contains(day)) return i;
    return kTrend;
  };
  std::vector<std::uint8_t> row_period(rows.size());
  bool any_now = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    row_period[i] = static_cast<std::uint8_t>(period_index(rows[i].day));
    any_now |= row_period[i] == kNow;
  }
  if (!any_now) {
    const Period& period = report.period;
    report.no_data = true;
    report.no_data_reason = fmt::format("no answers in {} ({} to {})", period_id(period), format_iso_day(period.first),
                                        format_iso_day(period.last));
    if (report.input.first_day)
      report.no_data_reason += fmt::format("; the input covers {} to {}", format_iso_day(*report.input.first_day),
                                           format_iso_day(*report.input.last_day));
  }
  return row_period;
}

// Processes with responses now or in the period before, in alphabetical order.
std::vector<std::string> reported_processes(const std::vector<Row>& rows, const std::vector<std::uint8_t>& row_period) {
  std::vector<std::string> processes;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (row_period[i] >= kBefore) processes.push_back(rows[i].process);
  std::sort(processes.begin(), processes.end());
  processes.erase(std::unique(processes.begin(), processes.end()), processes.end());
  return processes;
}

// Counts one answer in the figures, themes and current rows of its scope (and of scope 0).
void tally_answer(Tally& tally, const Row& row, std::size_t period_i, std::uint32_t scope, std::uint32_t response) {
  for (std::uint32_t s : {0u, scope}) {
    Figures& f = tally.scopes[s].figures[period_i];
    ++f.answers;
    // The tone is that of the experience: a suggestion for improvement is criticism by its question
    // (luister-score scores a plain proposal as a wish), so it does not count here.
    if (row.question == "verbeteren") {
    } else if (row.polarity == Polarity::kNegative) {
      ++f.negative;
    } else if (row.polarity == Polarity::kNeutral) {
      ++f.neutral;
    } else if (row.polarity == Polarity::kPositive) {
      ++f.positive;
    }
    for (const auto& theme : row.themes)
      tally.scopes[s].themes[is_other(theme) ? std::string(kOther) : theme][period_i].push_back(response);
    if (period_i == kNow) tally.scopes[s].rows_now.push_back(&row);
    if (scope == 0) break;  // overall only
  }
  for (std::size_t t = 0; t < row.themes.size(); ++t) {
    auto& label = tally.labels[row.themes[t]];
    const bool newest = label.second.empty() || row.day >= label.first;
    if (newest) label = {row.day, t < row.theme_labels.size() ? row.theme_labels[t] : row.themes[t]};
    if (t < row.theme_aspects.size() && !row.theme_aspects[t].empty() && (newest || !tally.aspect_of.count(row.themes[t])))
      tally.aspect_of[row.themes[t]] = row.theme_aspects[t];
  }
}

// Groups the answers into responses and counts them per scope. Scope 0 is everything; scope 1 + p
// is process p. Rows of processes only seen in older periods count overall and in the trend, but
// get no scope of their own.
Tally tally_answers(const std::vector<Row>& rows, const std::vector<std::uint8_t>& row_period,
                    const std::vector<std::string>& processes) {
  std::unordered_map<std::string, std::uint32_t> process_scope;
  for (std::size_t p = 0; p < processes.size(); ++p) process_scope[processes[p]] = static_cast<std::uint32_t>(p + 1);
  Tally tally;
  tally.scopes.resize(processes.size() + 1);
  std::unordered_map<std::string, std::uint32_t> response_index;
  std::string key;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const std::size_t period_i = row_period[i];
    if (period_i >= kTrend) continue;
    auto ps = process_scope.find(row.process);
    const std::uint32_t scope = ps == process_scope.end() ? 0 : ps->second;
    // A response is its id on its day: two systems that number from 1 do not merge. Without an
    // id every answer is its own response.
    key = row.response_id.empty() ? fmt::format("\x1e{}", i) : row.response_id + '\x1f' + std::to_string(row.day);
    auto [it, added] = response_index.try_emplace(key, static_cast<std::uint32_t>(tally.responses.size()));
    if (added) tally.responses.push_back({scope, static_cast<std::uint8_t>(period_i), row.grade});
    else if (!tally.responses[it->second].grade) tally.responses[it->second].grade = row.grade;
    tally_answer(tally, row, period_i, scope, it->second);
  }
  return tally;
}

// Counts the responses and their grades in the figures of their scope (and of scope 0).
void tally_responses(Tally& tally, double norm) {
  for (std::uint32_t index = 0; index < tally.responses.size(); ++index) {
    const Response& r = tally.responses[index];
    for (std::uint32_t s : {0u, r.scope}) {
      if (r.period == kNow) tally.scopes[s].responses_now.push_back(index);
      Figures& f = tally.scopes[s].figures[r.period];
      ++f.responses;
      if (r.grade) {
        const double g = *r.grade;
        ++f.graded;
        f.grade_sum += g;
        f.grade_sum_sq += g * g;
        ++f.grades[static_cast<std::size_t>(std::clamp(static_cast<int>(std::floor(g)), 1, 10) - 1)];
        f.low += g <= 5;
        f.high += g >= norm;
      }
      if (r.scope == 0) break;
    }
  }
}

// The responses per period that mention a theme, each counted once.
std::array<std::size_t, kTrend> mention_counts(std::array<std::vector<std::uint32_t>, kTrend>& mentions) {
  std::array<std::size_t, kTrend> counts{};
  for (std::size_t i = 0; i < kTrend; ++i) {
    auto& v = mentions[i];
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    counts[i] = v.size();
  }
  return counts;
}

// Whether a complaint is new, growing, shrinking or stable compared with the period before.
Status theme_status(const ThemeLine& line, const ScopeReport& out) {
  if (out.previous.responses == 0 || out.now.responses == 0) return Status::kNone;
  if (line.previous_count == 0) return Status::kNew;
  if (line.change.clear == Direction::kUp) return Status::kGrowing;
  if (line.change.clear == Direction::kDown) return Status::kShrinking;
  return Status::kStable;
}

// The word tools of labels and quotes (stopwords, stems), loaded once per thread.
ThemeWords& theme_words() {
  static thread_local ThemeWords words;
  return words;
}

// The same for complaint labels, whose words a concept may say (--concepts, else
// lexicons/concepts-nl.tsv: as luister-cluster and luister-eval measure label coverage and pick
// quotes). Loaded once per thread and file.
ThemeWords& complaint_words(const std::string& concepts_path) {
  struct Loaded {
    std::string path;
    std::unique_ptr<AspectTaxonomy> concepts;
    std::unique_ptr<ThemeWords> words;
  };
  static thread_local Loaded loaded;
  if (!loaded.words || loaded.path != concepts_path) {
    auto concepts = std::make_unique<AspectTaxonomy>(AspectTaxonomy::load(concepts_path, "concepts-nl.tsv"));
    loaded.words = std::make_unique<ThemeWords>(nullptr, concepts.get());
    loaded.concepts = std::move(concepts);
    loaded.path = concepts_path;
  }
  return *loaded.words;
}

// The texts of the answers now that mention each theme, for its label coverage.
std::unordered_map<std::string, std::vector<std::string_view>> theme_texts(const std::vector<const Row*>& rows_now) {
  std::unordered_map<std::string, std::vector<std::string_view>> out;
  for (const Row* row : rows_now)
    for (const auto& t : row->themes) out[t].push_back(row->text);
  return out;
}

// Processes by how many of their responses mention the complaint now, most first.
std::vector<std::string> processes_by_mentions(const std::vector<const Row*>& rows) {
  std::map<std::string, std::set<std::string>> by_process;  // process → responses
  for (const Row* row : rows) by_process[row->process].insert(row->response_id + '\x1f' + std::to_string(row->day));
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& [name, responses] : by_process) ranked.emplace_back(responses.size(), name);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& r : ranked) out.push_back(std::move(r.second));
  return out;
}

// A form of praise (the content-word stems of a phrase) with the responses and answers that use
// it; with luister-score's `clauses`, also the positive clause of each answer that holds it.
struct ClauseQuote {
  const Row* row;
  std::string clause;
};
struct Praise {
  std::vector<std::string> words;  // sorted stems (PraiseForm::words)
  std::string head;                // the stem of the last content word
  std::set<std::string> responses;
  std::map<std::string, std::size_t> phrases, aspects;
  std::vector<const Row*> rows;
  std::vector<ClauseQuote> clauses;
};

// A positive clause of a `clauses` cell and its aspect ("+bejegening erg vriendelijk").
struct GoodClause {
  std::string aspect, text;
};

// The positive clauses of a `clauses` cell ("+ snel geholpen | - lang gewacht"), with the aspect
// after the sign when luister-score --aspects wrote one.
std::vector<GoodClause> positive_clauses(std::string_view cell) {
  std::vector<GoodClause> out;
  for (std::string_view c : clause_cells(cell)) {
    if (c.empty() || c.front() != '+') continue;
    c.remove_prefix(1);
    std::string_view aspect;
    if (!c.empty() && c.front() != ' ') {  // the aspect
      aspect = c.substr(0, c.find(' '));
      c.remove_prefix(aspect.size());
    }
    while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
    if (!c.empty()) out.push_back({std::string(aspect), std::string(c)});
  }
  return out;
}

// The phrase an evidence term praises with in `lower_text`, and its form: the sorted stems of its
// content words (a staff word as "@staff", a negator as "¬geen"; the phrase itself when it has
// none) and the head stem.
void praise_form(const EvidenceTerm& term, const ComplimentTerm& c, std::string_view lower_text, StaffMention* staff,
                 std::string& phrase, std::vector<std::string>& words, std::string& head) {
  const bool inflected = term.rules.find("stem:") != std::string::npos;
  const std::string negator = c.phrase.size() > term.term.size() ? c.phrase.substr(0, c.phrase.size() - term.term.size()) : "";
  auto names_staff = [&](const std::string& w) { return staff && staff->names_staff(w); };
  const std::string extended = praise_phrase(lower_text, term.term, inflected, names_staff);
  phrase = negator + extended;
  // Every staff word is one: "fijne dame" and "fijne medewerker" are one form, named by the more used.
  words = theme_words().label_keys(negator + term.term);
  if (extended != term.term) words.push_back("@staff");
  head = words.empty() ? phrase : words.back();
  if (words.empty()) words.push_back("=" + phrase);
  if (!negator.empty()) words.push_back("\xC2\xAC" + negator.substr(0, negator.size() - 1));  // ¬geen
  std::sort(words.begin(), words.end());
}

// The positive terms of positive answers, counted once per response, by form. With the `clauses`
// column, the positive terms of the positive clauses of any answer instead: praise inside a
// complaint ("erg vriendelijk, maar de wachttijd was lang") counts, a positive word in a negative
// clause not.
std::map<std::string, Praise> collect_praise(const std::vector<const Row*>& rows_now, StaffMention* staff) {
  std::map<std::string, Praise> praise;
  std::string phrase, head;
  std::vector<std::string> words;
  for (const Row* row : rows_now) {
    // Suggestions ("beter bereikbaar zijn") use positive words without praising anything.
    if (row->question == "verbeteren") continue;
    const bool by_clause = !row->clauses.empty();
    const std::vector<GoodClause> good = by_clause ? positive_clauses(row->clauses) : std::vector<GoodClause>{};
    if (by_clause ? good.empty() : row->polarity != Polarity::kPositive) continue;
    const std::string lower = by_clause ? "" : boost::algorithm::to_lower_copy(row->text, std::locale::classic());
    std::set<std::string> seen;
    for (const auto& term : parse_evidence(row->evidence)) {
      ComplimentTerm c = compliment_term(term);
      if (c.key.empty()) continue;
      auto clause = std::find_if(good.begin(), good.end(), [&](const GoodClause& g) { return g.text.find(term.term) != std::string::npos; });
      if (by_clause && clause == good.end()) continue;
      praise_form(term, c, by_clause ? std::string_view(clause->text) : std::string_view(lower), staff, phrase, words, head);
      const std::string key = boost::algorithm::join(words, " ");
      Praise& p = praise[key];
      p.words = words;
      p.head = head;
      p.responses.insert(row->response_id.empty() ? fmt::format("\x1e{}", static_cast<const void*>(row))
                                                  : row->response_id + '\x1f' + std::to_string(row->day));
      ++p.phrases[phrase];
      if (by_clause && !clause->aspect.empty()) ++p.aspects[clause->aspect];
      if (!seen.insert(key).second) continue;
      p.rows.push_back(row);
      if (by_clause) p.clauses.push_back({row, clause->text});
    }
  }
  return praise;
}

// A clause (normalised: lower case) as the resident wrote it, found in the answer when only case
// differs, so the capitals that tell a name stay for the masking; else the clause with a capital.
std::string clause_as_written(const Row& row, const std::string& clause) {
  const std::string lower = boost::algorithm::to_lower_copy(row.text, std::locale::classic());
  const std::size_t at = lower.find(clause);
  std::string text = at == std::string::npos ? clause : row.text.substr(at, clause.size());
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// The quote of a compliment from the clauses that say it: answers graded 7 or higher (or not
// graded), readable length first, then the warmest answer; the clause, not the whole answer, so a
// mixed answer's complaint is not quoted as praise.
std::optional<Quote> clause_quote(std::vector<ClauseQuote> candidates, std::set<std::string>& used) {
  std::erase_if(candidates, [](const ClauseQuote& c) { return c.row->grade && *c.row->grade < kKudosMinGrade; });
  auto awkward = [](const ClauseQuote& c) {
    const std::size_t n = code_points(c.clause);
    return n < kQuoteMinChars || n > kQuoteMaxChars;
  };
  std::sort(candidates.begin(), candidates.end(), [&](const ClauseQuote& a, const ClauseQuote& b) {
    const bool aa = awkward(a), ab = awkward(b);
    if (aa != ab) return !aa;
    const double sa = a.row->sentiment.value_or(0), sb = b.row->sentiment.value_or(0);
    if (sa != sb) return sa > sb;
    return std::tie(a.row->response_id, a.clause) < std::tie(b.row->response_id, b.clause);
  });
  for (bool allow_used : {false, true})
    for (const ClauseQuote& c : candidates) {
      std::string text = clause_as_written(*c.row, c.clause);
      Quote q = make_quote(*c.row);
      q.text = quote_text(text);
      if (q.text.empty() || (!allow_used && used.count(q.text))) continue;
      used.insert(q.text);
      return q;
    }
  return std::nullopt;
}

// A term as residents wrote it most often; ties go to the shorter, then the first in byte order.
std::string most_used_phrase(const Praise& p) {
  const std::pair<const std::string, std::size_t>* best = nullptr;
  for (const auto& ph : p.phrases)
    if (!best || ph.second > best->second || (ph.second == best->second && ph.first.size() < best->first.size()))
      best = &ph;
  return best->first;
}

// The quote of a compliment group: a clause (or, without clauses, an answer) graded 7 or higher
// that holds the words of its name ("snel geholpen"), else one that holds any phrase of the group.
std::optional<Quote> compliment_quote(const std::string& name, const std::vector<const Praise*>& group,
                                      std::set<std::string>& used) {
  const std::vector<std::string> keys = theme_words().label_keys(name);
  std::vector<ClauseQuote> clauses, saying;
  std::vector<const Row*> rows, rows_saying;
  for (const Praise* p : group) {
    clauses.insert(clauses.end(), p->clauses.begin(), p->clauses.end());
    rows.insert(rows.end(), p->rows.begin(), p->rows.end());
  }
  for (const ClauseQuote& c : clauses)
    if (holds_label(c.clause, keys, theme_words())) saying.push_back(c);
  for (const Row* r : rows)
    if (holds_label(r->text, keys, theme_words())) rows_saying.push_back(r);
  if (!clauses.empty()) {
    if (auto q = clause_quote(saying, used)) return q;
    return clause_quote(clauses, used);
  }
  // Without clauses: whole positive answers, also only those graded 7 or higher.
  for (auto* list : {&rows_saying, &rows}) {
    std::erase_if(*list, [](const Row* r) { return r->grade && *r->grade < kKudosMinGrade; });
    auto quotes = pick_quotes(*list, 1, true, used);
    if (!quotes.empty()) return std::move(quotes.front());
  }
  return std::nullopt;
}

// The aspect of each theme and the aspects' names for people (lexicons/aspects-nl.tsv).
struct AspectNames {
  const std::map<std::string, std::string>& of;
  std::map<std::string, std::string> names;
};

// The taxonomy's display names, read only when some theme has an aspect.
AspectNames aspect_names(const std::map<std::string, std::string>& aspect_of) {
  AspectNames out{aspect_of, {}};
  if (aspect_of.empty()) return out;
  const AspectTaxonomy taxonomy = AspectTaxonomy::load();
  for (const auto& a : taxonomy.aspects()) out.names[a.key] = a.name;
  return out;
}

// Builds the report of one scope (everything, or one process) from its tallies.
class ScopeBuilder {
 public:
  ScopeBuilder(const ReportOptions& options, const std::vector<Period>& trend_periods, Labels& labels,
               const std::vector<Response>& responses, StaffMention* staff, const AspectNames& aspects)
      : options_(options), trend_periods_(trend_periods), labels_(labels), responses_(responses), staff_(staff),
        aspects_(aspects) {}

  ScopeReport build(Scope& sc, const std::string& process, std::size_t top) {
    ScopeReport out;
    out.process = process;
    figures(sc, out);
    std::vector<Spike> theme_spikes = theme_lines(sc, out);
    theme_quotes(sc, out, complaint_words(options_.concepts_path));
    aspect_lines(sc, out);
    impacts(sc, out);
    for (auto* list : {&theme_spikes, &out.withheld_spikes})
      std::sort(list->begin(), list->end(), [](const Spike& a, const Spike& b) {
        return a.count != b.count ? a.count > b.count : std::tie(a.label, a.id) < std::tie(b.label, b.id);
      });
    out.spikes.insert(out.spikes.end(), theme_spikes.begin(), theme_spikes.end());
    if (staff_) compliments(sc, out, top);
    if (staff_) kudos(sc, out, process.empty() ? 2 * options_.kudos : options_.kudos);
    disagreements(sc, out);
    return out;
  }

 private:
  // Too few responses now or before for a change to count as clear.
  bool too_few(const ScopeReport& out) const {
    return out.now.responses < options_.min_count || out.previous.responses < options_.min_count;
  }

  // The figures now and before, their changes, the trend, and a spike in low grades.
  void figures(const Scope& sc, ScopeReport& out) const {
    out.now = sc.figures[kNow];
    out.previous = sc.figures[kBefore];
    const bool few = too_few(out);
    out.mean_change = mean_change(out.now, out.previous, few);
    out.low_change = share_change(out.now.low, out.now.graded, out.previous.low, out.previous.graded, few);
    out.high_change = share_change(out.now.high, out.now.graded, out.previous.high, out.previous.graded, few);
    out.negative_change = share_change(out.now.negative, out.now.with_polarity(), out.previous.negative,
                                       out.previous.with_polarity(), few);
    for (std::size_t i = 0; i < kTrend; ++i) out.trend.push_back({trend_periods_[i], sc.figures[i]});
    std::array<std::size_t, kTrend> graded{}, lows{};
    for (std::size_t i = 0; i < kTrend; ++i) graded[i] = sc.figures[i].graded, lows[i] = sc.figures[i].low;
    if (auto spike = spike_test(lows, graded)) {
      spike->kind = Spike::Kind::kLowGrades;
      out.spikes.push_back(*spike);
    }
  }

  // The line of one complaint with its counts now, before and over the trend.
  ThemeLine theme_line(const std::string& id, const std::array<std::size_t, kTrend>& counts,
                       const ScopeReport& out) const {
    ThemeLine line;
    line.id = id;
    line.label = labels_[id].second;
    line.count = counts[kNow];
    line.previous_count = counts[kBefore];
    line.share = out.now.responses ? static_cast<double>(line.count) / static_cast<double>(out.now.responses) : 0;
    line.previous_share = out.previous.responses
                              ? static_cast<double>(line.previous_count) / static_cast<double>(out.previous.responses)
                              : 0;
    line.change =
        share_change(line.count, out.now.responses, line.previous_count, out.previous.responses, too_few(out));
    line.status = theme_status(line, out);
    line.trend.assign(counts.begin(), counts.end());
    return line;
  }

  // One line per complaint mentioned now or before, most mentioned first, and "overig" apart.
  // Returns the complaints' spikes, unsorted; those withheld by the purity bar go to out.withheld_spikes.
  std::vector<Spike> theme_lines(Scope& sc, ScopeReport& out) const {
    std::array<std::size_t, kTrend> totals{};
    for (std::size_t i = 0; i < kTrend; ++i) totals[i] = sc.figures[i].responses;
    const std::unordered_map<std::string, std::vector<std::string_view>> texts = theme_texts(sc.rows_now);
    std::vector<Spike> theme_spikes;
    for (auto& [id, mentions] : sc.themes) {
      const std::array<std::size_t, kTrend> counts = mention_counts(mentions);
      if (id == kOther) {
        out.other_count = counts[kNow];
        out.other_previous = counts[kBefore];
        continue;
      }
      if (counts[kNow] == 0 && counts[kBefore] == 0) continue;
      ThemeLine line = theme_line(id, counts, out);
      auto members = texts.find(id);
      if (members != texts.end()) line.coverage = label_coverage(members->second, line.label, complaint_words(options_.concepts_path));
      const bool pure = line.coverage >= kPurityMinCoverage;
      if (!pure && line.status == Status::kGrowing) line.status = Status::kMixed, line.rise_withheld = true;
      if (auto spike = spike_test(counts, totals)) {
        spike->id = id;
        spike->label = line.label;
        spike->coverage = line.coverage;
        line.spike = pure;
        line.rise_withheld |= !pure;
        (pure ? theme_spikes : out.withheld_spikes).push_back(*spike);
      }
      out.themes.push_back(std::move(line));
    }
    std::sort(out.themes.begin(), out.themes.end(), [](const ThemeLine& a, const ThemeLine& b) {
      if (a.count != b.count) return a.count > b.count;
      if (a.label != b.label) return a.label < b.label;
      return a.id < b.id;
    });
    return theme_spikes;
  }

  // The complaints mentioned now grouped by aspect: responses mentioning any theme of it.
  void aspect_lines(const Scope& sc, ScopeReport& out) const {
    std::map<std::string, AspectLine> by_key;
    std::map<std::string, std::set<std::uint32_t>> responses;
    for (const auto& line : out.themes) {
      auto key = aspects_.of.find(line.id);
      auto mentions = sc.themes.find(line.id);
      if (line.count == 0 || key == aspects_.of.end() || mentions == sc.themes.end()) continue;
      AspectLine& a = by_key[key->second];
      a.key = key->second;
      a.themes.push_back(line.id);
      responses[key->second].insert(mentions->second[kNow].begin(), mentions->second[kNow].end());
    }
    for (auto& [key, a] : by_key) {
      a.count = responses[key].size();
      a.share = out.now.responses ? static_cast<double>(a.count) / static_cast<double>(out.now.responses) : 0;
      auto name = aspects_.names.find(key);
      a.name = name == aspects_.names.end() ? key : name->second;
      out.aspects.push_back(std::move(a));
    }
    std::stable_sort(out.aspects.begin(), out.aspects.end(),
                     [](const AspectLine& x, const AspectLine& y) { return x.count > y.count; });
  }

  // What fixing each complaint would be worth, from the graded responses now (report_impact.cpp);
  // when no complaint's cost is clear, what fixing each aspect would be worth.
  void impacts(const Scope& sc, ScopeReport& out) const {
    std::unordered_map<std::uint32_t, std::size_t> local;  // response → index in `graded`
    std::vector<GradedResponse> graded;
    for (std::uint32_t r : sc.responses_now)
      if (const auto& grade = responses_[r].grade) {
        local.emplace(r, graded.size());
        graded.push_back({*grade, {}});
      }
    // Each graded response's mentions of the theme ids, as indices into `items`.
    auto measure = [&](const std::vector<std::vector<std::string_view>>& ids, const std::vector<Costed>& items) {
      std::vector<GradedResponse> rs = graded;
      for (std::size_t k = 0; k < ids.size(); ++k)
        for (std::string_view id : ids[k]) {
          auto mentions = sc.themes.find(std::string(id));
          if (mentions == sc.themes.end()) continue;
          for (std::uint32_t r : mentions->second[kNow])
            if (auto l = local.find(r); l != local.end()) rs[l->second].themes.push_back(static_cast<std::uint32_t>(k));
        }
      return compute_impacts(std::move(rs), items, options_);
    };
    std::vector<Costed> items;
    std::vector<std::vector<std::string_view>> ids;
    for (ThemeLine& line : out.themes) {
      items.push_back({&line.impact, line.label, line.id});
      ids.push_back({line.id});
    }
    out.fix_first = measure(ids, items);
    if (!out.fix_first.empty() || out.aspects.empty()) return;
    items.clear(), ids.clear();
    for (AspectLine& a : out.aspects) {
      items.push_back({&a.impact, a.name, a.key});
      ids.emplace_back(a.themes.begin(), a.themes.end());
    }
    out.fix_first_aspects = measure(ids, items);
  }

  // Two quotes per complaint mentioned now, none shown twice in the scope if it can be helped;
  // overall, also the processes where it comes up.
  static void theme_quotes(const Scope& sc, ScopeReport& out, ThemeWords& words) {
    std::set<std::string> used;  // quotes already shown under another complaint of this scope
    std::unordered_map<std::string, std::vector<const Row*>> theme_rows;
    for (const Row* row : sc.rows_now)
      for (const auto& t : row->themes) theme_rows[t].push_back(row);
    // The quotes luister-cluster's summary and luister-eval choose: typical answers holding the
    // label's words, never one whose main complaint is another theme.
    for (auto& line : out.themes) {
      if (line.count == 0) continue;
      std::vector<QuoteCandidate> candidates;
      std::vector<const Row*> rows = theme_rows[line.id];
      std::sort(rows.begin(), rows.end(), [](const Row* a, const Row* b) {
        return std::tie(a->response_id, a->question, a->text) < std::tie(b->response_id, b->question, b->text);
      });
      for (const Row* row : rows)
        candidates.push_back({quote_text(row->text), row->themes, row->response_id + "\t" + row->question, row->response_id,
                              clauses_state_wrong(row->clauses)});
      for (std::size_t i : pick_theme_quotes(candidates, line.id, line.label, kReportQuotes, words, &used))
        line.quotes.push_back(make_quote(*rows[i]));
      if (!out.process.empty()) continue;
      line.processes = processes_by_mentions(theme_rows[line.id]);
    }
  }

  // The `top` compliments used by the most responses, near-duplicates grouped (group_praise), each
  // with a positive quote that says it.
  void compliments(const Scope& sc, ScopeReport& out, std::size_t top) const {
    std::map<std::string, Praise> praise = collect_praise(sc.rows_now, staff_);
    std::vector<Praise*> forms;
    std::vector<PraiseForm> shapes;
    for (auto& [key, p] : praise) {
      forms.push_back(&p);
      PraiseForm f{p.words, p.head, "", p.responses.size(), most_used_phrase(p)};
      std::size_t most = 0;
      for (const auto& [aspect, n] : p.aspects)
        if (n > most) f.aspect = aspect, most = n;
      shapes.push_back(std::move(f));
    }
    const std::vector<std::size_t> root = group_praise(shapes);
    std::map<std::size_t, std::vector<std::size_t>> groups;  // root → its forms
    for (std::size_t i = 0; i < root.size(); ++i) groups[root[i]].push_back(i);
    std::vector<Compliment> ranked;
    std::map<std::string, std::vector<std::size_t>> members;  // compliment term → its forms
    for (const auto& [r, list] : groups) {
      std::set<std::string> responses;
      for (std::size_t i : list) responses.insert(forms[i]->responses.begin(), forms[i]->responses.end());
      Compliment c;
      c.term = shapes[r].name;
      c.count = responses.size();
      members[c.term].insert(members[c.term].end(), list.begin(), list.end());
      ranked.push_back(std::move(c));
    }
    std::sort(ranked.begin(), ranked.end(), [](const Compliment& a, const Compliment& b) {
      return a.count != b.count ? a.count > b.count : a.term < b.term;
    });
    if (ranked.size() > top) ranked.resize(top);
    std::set<std::string> used_praise;
    for (Compliment& c : ranked) {
      std::vector<const Praise*> group;
      for (std::size_t i : members[c.term]) group.push_back(forms[i]);
      c.quote = compliment_quote(c.term, group, used_praise);
      out.compliments.push_back(std::move(c));
    }
  }

  // The warmest answers that name staff or their behaviour, to pass on to the team.
  void kudos(const Scope& sc, ScopeReport& out, std::size_t n) const {
    std::vector<const Row*> warm;
    for (const Row* row : sc.rows_now) {
      if (row->polarity != Polarity::kPositive || row->question == "verbeteren") continue;
      if (row->grade && *row->grade < kKudosMinGrade) continue;
      if (code_points(row->text) < kQuoteMinChars) continue;  // "vriendelijk" alone tells the team little
      if ((*staff_)(row->text)) warm.push_back(row);
    }
    std::set<std::string> used;
    out.kudos = pick_quotes(std::move(warm), n, true, used);
  }

  // Grade and text that disagree: a high grade with a negative answer, or a low one with a positive.
  void disagreements(const Scope& sc, ScopeReport& out) const {
    std::vector<const Row*> high_negative, low_positive;
    for (const Row* row : sc.rows_now) {
      if (!row->grade || row->polarity == Polarity::kNone || row->question == "verbeteren") continue;
      ++out.disagreements.answers;
      if (*row->grade >= options_.norm && row->polarity == Polarity::kNegative) high_negative.push_back(row);
      if (*row->grade <= 5 && row->polarity == Polarity::kPositive) low_positive.push_back(row);
    }
    out.disagreements.high_negative = high_negative.size();
    out.disagreements.low_positive = low_positive.size();
    std::set<std::string> used_examples;
    out.disagreements.high_negative_examples = pick_quotes(high_negative, kDisagreementExamples, false, used_examples);
    out.disagreements.low_positive_examples = pick_quotes(low_positive, kDisagreementExamples, true, used_examples);
  }

  const ReportOptions& options_;
  const std::vector<Period>& trend_periods_;
  Labels& labels_;  // operator[] as before: every theme of the rows is in it
  const std::vector<Response>& responses_;
  StaffMention* staff_;  // null: the input has no sentiment, so no compliments
  const AspectNames& aspects_;
};

}  // namespace

Report build_report(RowSource& source, const ReportOptions& options, Progress& progress) {
  check_options(options);
  Report report;
  report.options = options;
  std::vector<Row> rows = read_rows(source, options, report, progress);
  keep_processes(rows, options, report.period);
  report.rows_used = rows.size();
  if (!options.register_path.empty()) {
    progress.phase("reading the register");
    apply_register(options.register_path, rows);
  }
  progress.phase(fmt::format("counting {} rows", rows.size()));

  const std::vector<std::uint8_t> row_period = row_periods(rows, report);
  const std::vector<std::string> processes = reported_processes(rows, row_period);
  Tally tally = tally_answers(rows, row_period, processes);
  tally_responses(tally, options.norm);

  std::unique_ptr<StaffMention> staff;
  if (report.input.has_sentiment && !report.no_data) staff = std::make_unique<StaffMention>();
  const AspectNames aspects = aspect_names(tally.aspect_of);
  ScopeBuilder builder(options, report.trend_periods, tally.labels, tally.responses, staff.get(), aspects);
  const std::size_t process_top = std::max<std::size_t>(1, options.top / 3);
  progress.phase("figures, complaints and quotes", 1 + processes.size(), "scopes");
  progress.detail("overall");
  report.overall = builder.build(tally.scopes[0], "", options.top);
  for (std::size_t p = 0; p < processes.size(); ++p) {
    progress.step(p + 1);
    progress.detail(fmt::format("process {} of {}", p + 1, processes.size()));
    report.processes.push_back(builder.build(tally.scopes[p + 1], processes[p], process_top));
  }
  progress.step(1 + processes.size());
  if (!options.db.empty()) {
    progress.phase("reading call-back cases");
    const std::vector<CallbackCase> cases = load_callback_cases(options.db);
    if (!cases.empty()) report.callbacks = callback_status(cases, report.period, report.previous, options.processes);
  }
  return report;
}

}  // namespace luister::report
