#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/base/period.hpp"
#include "luister/cli/progress.hpp"
#include "luister/cluster/quotes.hpp"
#include "luister/csv/csv.hpp"
#include "luister/csv/filter.hpp"
#include "luister/eval/eval.hpp"

namespace luister {

ClusterAgreement cluster_agreement(const std::vector<std::string>& gold, const std::vector<std::string>& predicted) {
  ClusterAgreement a;
  const std::size_t n = gold.size();
  a.rows = n;
  if (n == 0) return a;
  std::map<std::string, std::size_t> gi, pi;
  for (const auto& g : gold) gi.emplace(g, gi.size());
  for (const auto& p : predicted) pi.emplace(p, pi.size());
  // Contingency table.
  std::map<std::pair<std::size_t, std::size_t>, double> table;
  std::vector<double> gs(gi.size(), 0), ps(pi.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t g = gi[gold[i]], p = pi[predicted[i]];
    table[{g, p}] += 1;
    gs[g] += 1;
    ps[p] += 1;
  }
  const double N = static_cast<double>(n);
  auto entropy = [&](const std::vector<double>& s) {
    double h = 0;
    for (double c : s)
      if (c > 0) h -= c / N * std::log(c / N);
    return h;
  };
  double mi = 0;
  for (const auto& [gp, c] : table) mi += c / N * std::log(c * N / (gs[gp.first] * ps[gp.second]));
  double hg = entropy(gs), hp = entropy(ps);
  // NMI with the arithmetic mean of the entropies (scikit-learn's default); 1 when both are one cluster.
  a.nmi = hg + hp > 0 ? 2 * mi / (hg + hp) : 1.0;
  auto comb2 = [](double x) { return x * (x - 1) / 2; };
  double index = 0, sum_g = 0, sum_p = 0;
  for (const auto& [gp, c] : table) index += comb2(c);
  for (double c : gs) sum_g += comb2(c);
  for (double c : ps) sum_p += comb2(c);
  double expected = sum_g * sum_p / comb2(N);
  double max_index = (sum_g + sum_p) / 2;
  a.ari = max_index - expected != 0 ? (index - expected) / (max_index - expected) : 1.0;
  std::vector<double> best(pi.size(), 0);
  for (const auto& [gp, c] : table) best[gp.second] = std::max(best[gp.second], c);
  double pure = 0;
  for (double b : best) pure += b;
  a.purity = pure / N;
  a.gold_clusters = gi.size();
  a.predicted_clusters = pi.size();
  return a;
}

namespace {

constexpr const char* kNoComplaint = "(geen klacht)";
constexpr std::size_t kQuotesPerTheme = 3;

// One input row as the theme measures need it.
struct EvalRow {
  std::string gold;                 // "" = no gold theme: no complaint
  std::vector<std::string> themes;  // the row's theme ids in order
  std::vector<std::string> labels;  // their labels
  std::string text;
  std::string process;
  std::string key;                  // response id and question, for quote ties
  std::string week;                 // ISO week of its date ("2026-W47"); "" without one
  bool states = true;               // its `clauses` hold a negative one (true without the column)
  bool praises = false;             // its `polarity` is positive (QuoteCandidate::praises)
};

std::vector<std::string> split_list(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + sep.size();
  }
  return out;
}

std::vector<EvalRow> read_eval_rows(const EvalOptions& o, const std::vector<std::string>& inputs, Progress& progress) {
  std::vector<EvalRow> rows;
  progress.phase("reading rows");
  for (const auto& path : inputs) {
    CsvInput input = open_csv_input(path, o.common.delimiter);
    const auto& header = input.header;
    const std::size_t cg = require_column(header, o.gold, input.reader->name(), "--gold");
    const std::size_t ct = require_column(header, o.theme_column, input.reader->name(), "--theme-column");
    const long cl = find_optional_column(header, o.theme_column + "_label"), cx = find_optional_column(header, o.column);
    const long cp = find_optional_column(header, o.process), ci = find_optional_column(header, "response_id");
    const long cq = find_optional_column(header, "question");
    const long cd = find_optional_column(header, "date"), cc = find_optional_column(header, "clauses");
    const long cpol = find_optional_column(header, "polarity");
    CsvRecord rec;
    while (input.reader->next(rec)) {
      if (rec.blank) continue;
      require_row_width(rec, header.size(), input.reader->name(), input.reader->record_line());
      auto field = [&](long c) { return c < 0 ? std::string() : std::string(rec.fields[static_cast<std::size_t>(c)]); };
      const std::optional<Day> day = parse_iso_day(field(cd).substr(0, 10));
      EvalRow r{std::string(rec.fields[cg]), split_list(rec.fields[ct], ";"), split_list(field(cl), "; "),
                field(cx), field(cp), field(ci) + "\t" + field(cq), day ? period_id(week_of(*day)) : std::string(),
                clauses_state_wrong(field(cc)), field(cpol) == "positive"};
      rows.push_back(std::move(r));
      progress.update(input.reader->bytes_read(), input.file->size(), rows.size());
    }
  }
  return rows;
}

// A theme as the measures see it: its rows (by first theme), majority gold theme, label, quotes.
struct ThemeStats {
  std::string process, id, label;
  std::vector<std::size_t> rows;  // rows whose first theme it is
  std::string majority;           // the most common gold theme of its rows (no gold: kNoComplaint)
  std::size_t majority_count = 0;
  double coverage = 0;            // share of its rows holding the label's content words
  std::size_t quotes = 0, quotes_matching = 0;
  std::size_t first_quotes = 0, first_matching = 0;  // of the kReportQuotes a report shows, best first
};

std::string gold_or_none(const EvalRow& r) { return r.gold.empty() ? kNoComplaint : r.gold; }

// Every theme (not overig) per process, with its majority gold theme, label coverage and quotes.
std::vector<ThemeStats> theme_stats(const std::vector<EvalRow>& rows, ThemeWords& words) {
  std::map<std::pair<std::string, std::string>, ThemeStats> by;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const EvalRow& r = rows[i];
    if (r.themes.empty() || r.themes.front() == "overig") continue;
    ThemeStats& t = by[{r.process, r.themes.front()}];
    t.process = r.process;
    t.id = r.themes.front();
    if (t.label.empty() && !r.labels.empty()) t.label = r.labels.front();
    t.rows.push_back(i);
  }
  std::vector<ThemeStats> out;
  for (auto& [key, t] : by) {
    std::map<std::string, std::size_t> count;
    std::vector<std::string_view> texts;
    std::vector<QuoteCandidate> candidates;
    for (std::size_t i : t.rows) ++count[gold_or_none(rows[i])], texts.push_back(rows[i].text);
    for (const auto& [g, c] : count)
      if (c > t.majority_count) t.majority = g, t.majority_count = c;
    t.coverage = label_coverage(texts, t.label, words);
    std::vector<std::size_t> owner;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].process == t.process && std::count(rows[i].themes.begin(), rows[i].themes.end(), t.id)) {
        candidates.push_back({rows[i].text, rows[i].themes, rows[i].key, {}, rows[i].states, rows[i].praises});
        owner.push_back(i);
      }
    for (std::size_t q : pick_theme_quotes(candidates, t.id, t.label, kQuotesPerTheme, words)) {
      const bool matching = gold_or_none(rows[owner[q]]) == t.majority;
      if (t.quotes < kReportQuotes) ++t.first_quotes, t.first_matching += matching;
      ++t.quotes;
      t.quotes_matching += matching;
    }
    out.push_back(std::move(t));
  }
  return out;
}

// Per process: of its three most common gold themes, how many are among the majority gold themes
// of the three largest themes that are at least half one complaint. Returns the mean over processes.
double top3_recall(const std::vector<EvalRow>& rows, const std::vector<ThemeStats>& themes, std::ostream& out) {
  std::map<std::string, std::map<std::string, std::size_t>> gold_count;
  for (const auto& r : rows)
    if (!r.gold.empty()) ++gold_count[r.process][r.gold];
  double sum = 0;
  std::size_t processes = 0;
  for (const auto& [process, count] : gold_count) {
    std::vector<std::pair<std::size_t, std::string>> gold(count.size());
    std::transform(count.begin(), count.end(), gold.begin(), [](const auto& kv) {
      return std::pair<std::size_t, std::string>{kv.second, kv.first};
    });
    std::sort(gold.begin(), gold.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (gold.size() > 3) gold.resize(3);
    std::vector<const ThemeStats*> mine;
    for (const auto& t : themes)
      if (t.process == process && t.majority_count * 2 >= t.rows.size()) mine.push_back(&t);
    std::sort(mine.begin(), mine.end(), [](const ThemeStats* a, const ThemeStats* b) {
      return a->rows.size() != b->rows.size() ? a->rows.size() > b->rows.size() : a->id < b->id;
    });
    if (mine.size() > 3) mine.resize(3);
    std::size_t found = 0;
    for (const auto& entry : gold) {
      const std::string& g = entry.second;
      found += std::any_of(mine.begin(), mine.end(), [&](const ThemeStats* t) { return t->majority == g; });
    }
    const double recall = static_cast<double>(found) / static_cast<double>(gold.size());
    out << fmt::format("  {:<28} {}/{}\n", process.empty() ? "(alles)" : process, found, gold.size());
    sum += recall;
    ++processes;
  }
  return processes ? sum / static_cast<double>(processes) : 0;
}

// With dates over two weeks or more (a weekly replay: scripts/replay-weeks), how well theme ids
// carry a complaint from week to week: of the answers of a gold complaint after the week it first
// came up, those whose first theme the complaint already had in an earlier week. Writes nothing for
// rows of one week.
void write_continuity(const std::vector<EvalRow>& rows, std::ostream& out) {
  std::map<std::string, std::vector<std::size_t>> by_week;  // ISO week ids sort by time
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!rows[i].week.empty() && !rows[i].gold.empty()) by_week[rows[i].week].push_back(i);
  if (by_week.size() < 2) return;
  std::map<std::string, std::set<std::string>> had;  // gold complaint → its themes in the weeks so far
  std::size_t later = 0, kept = 0;
  for (const auto& [week, members] : by_week) {
    for (std::size_t i : members) {
      auto it = had.find(rows[i].gold);
      if (it == had.end()) continue;  // the complaint's first week
      ++later;
      kept += !rows[i].themes.empty() && rows[i].themes.front() != "overig" && it->second.count(rows[i].themes.front());
    }
    for (std::size_t i : members)
      if (!rows[i].themes.empty() && rows[i].themes.front() != "overig") had[rows[i].gold].insert(rows[i].themes.front());
      else had[rows[i].gold];
  }
  out << fmt::format("id continuity        {} of {} ({:.1f}%): answers of a gold complaint after its first week in a "
                     "theme it had in an earlier week ({} weeks)\n",
                     kept, later, later ? 100.0 * static_cast<double>(kept) / static_cast<double>(later) : 0.0,
                     by_week.size());
}

// A report lists this many complaints per process (luister-report --top 10: a third per process).
constexpr std::size_t kShownPerProcess = 3;

// The lines per theme, largest first, and the label and quote totals.
void write_theme_lines(const std::vector<ThemeStats>& themes, std::ostream& out) {
  std::vector<const ThemeStats*> order;
  for (const auto& t : themes) order.push_back(&t);
  std::sort(order.begin(), order.end(), [](const ThemeStats* a, const ThemeStats* b) {
    if (a->process != b->process) return a->process < b->process;
    return a->rows.size() != b->rows.size() ? a->rows.size() > b->rows.size() : a->id < b->id;
  });
  std::size_t quotes = 0, matching = 0;
  std::size_t shown_quotes = 0, shown_matching = 0;  // in the themes a report lists per process
  std::size_t rank = 0;                               // of the theme within its process, by size
  double coverage = 0;
  out << "themes (process, id, answers, purity, label coverage, quotes matching, label; majority gold theme)\n";
  for (std::size_t i = 0; i < order.size(); ++i) {
    const ThemeStats* t = order[i];
    quotes += t->quotes;
    matching += t->quotes_matching;
    coverage += t->coverage;
    rank = (i == 0 || t->process != order[i - 1]->process) ? 0 : rank + 1;
    if (rank < kShownPerProcess) shown_quotes += t->first_quotes, shown_matching += t->first_matching;
    out << fmt::format("  {:<24} {:<6} {:>4} {:>5.2f} {:>5.2f} {}/{}  {}  ({})\n", t->process, t->id, t->rows.size(),
                       static_cast<double>(t->majority_count) / static_cast<double>(t->rows.size()), t->coverage,
                       t->quotes_matching, t->quotes, t->label, t->majority);
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, order.size()));
  out << fmt::format("label coverage       {:.3f} (mean over themes: share of answers holding the label's content words)\n",
                     coverage / n);
  out << fmt::format("quotes matching      {} of {} ({:.1f}%): the quoted answer's gold theme is its theme's majority\n",
                     matching, quotes, quotes ? 100.0 * static_cast<double>(matching) / static_cast<double>(quotes) : 0.0);
  out << fmt::format("quotes shown         {} of {} ({:.1f}%) matching: the first {} of the {} largest themes per process, as a report shows them\n",
                     shown_matching, shown_quotes,
                     shown_quotes ? 100.0 * static_cast<double>(shown_matching) / static_cast<double>(shown_quotes) : 0.0,
                     kReportQuotes, kShownPerProcess);
}

}  // namespace

int eval_cluster(const EvalOptions& o, std::ostream& out) {
  if (o.gold.empty()) throw UsageError("--gold COLUMN is required", "name the column holding the gold themes");
  std::vector<std::string> inputs = o.common.inputs.empty() ? std::vector<std::string>{"-"} : o.common.inputs;
  Progress progress(progress_enabled(o.common.progress));
  const std::vector<EvalRow> rows = read_eval_rows(o, inputs, progress);
  progress.phase("comparing themes with the gold themes");
  std::vector<std::string> gold, predicted;
  std::size_t no_gold = 0, no_gold_taken = 0, leftover = 0, none = 0;
  for (const auto& r : rows) {
    if (r.gold.empty()) {
      ++no_gold;
      no_gold_taken += !r.themes.empty();  // criticism taken from an answer labelled without a complaint
      continue;
    }
    std::string p = r.themes.empty() ? "" : r.themes.front();  // an answer's first theme
    if (p.empty()) {
      ++none;
      p = "(geen)";
    } else if (p == "overig") {
      ++leftover;
    }
    gold.push_back(r.gold);
    predicted.push_back(std::move(p));
  }
  if (gold.empty()) throw InputError(inputs.front(), 0, "no rows with a gold theme to evaluate.");
  ClusterAgreement a = cluster_agreement(gold, predicted);
  const auto share = [&](std::size_t k) { return 100.0 * static_cast<double>(k) / static_cast<double>(a.rows); };
  out << fmt::format("rows                 {}\n", a.rows);
  if (no_gold)
    out << fmt::format("rows without gold    {} (not counted; {} of them clustered as criticism)\n", no_gold, no_gold_taken);
  out << fmt::format("NMI                  {:.3f}\n", a.nmi);
  out << fmt::format("ARI                  {:.3f}\n", a.ari);
  out << fmt::format("purity               {:.3f} (size-weighted: share of rows in their theme's majority gold theme)\n", a.purity);
  out << fmt::format("gold themes          {}\n", a.gold_clusters);
  out << fmt::format("predicted themes     {} (overig and unclustered rows count as one each)\n", a.predicted_clusters);
  out << fmt::format("in overig            {} ({:.1f}%)\n", leftover, share(leftover));
  out << fmt::format("not clustered        {} ({:.1f}%)\n", none, share(none));
  write_continuity(rows, out);
  progress.phase("labels and quotes per theme");
  const AspectTaxonomy concepts = AspectTaxonomy::load(o.concepts_path, "concepts-nl.tsv");
  ThemeWords words(nullptr, &concepts);
  const std::vector<ThemeStats> themes = theme_stats(rows, words);
  out << "top-3 per process (gold top 3 found among the 3 largest themes at least half one complaint)\n";
  const double recall = top3_recall(rows, themes, out);
  out << fmt::format("top-3 recall         {:.3f} (mean over processes)\n", recall);
  write_theme_lines(themes, out);
  return kExitOk;
}

}  // namespace luister
