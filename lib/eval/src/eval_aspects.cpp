// luister-eval aspects: how often the aspects luister gives (per clause, per theme) are the gold ones.
#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/cli/progress.hpp"
#include "luister/csv/filter.hpp"
#include "luister/eval/eval.hpp"
#include "luister/lexicon/aspects.hpp"
#include "luister/sentiment/sentiment.hpp"

namespace luister {

std::string answer_aspect(std::string_view clauses, std::string_view polarity) {
  const char side = polarity == "negative" ? '-' : polarity == "positive" ? '+' : 0;
  std::map<std::string, std::size_t> count;
  std::vector<std::string> order;  // first appearance, for ties
  for (const std::string_view clause : clause_cells(clauses)) {
    if (clause.size() < 2 || (clause[0] != '+' && clause[0] != '-') || (side && clause[0] != side)) continue;
    const std::size_t space = clause.find(' ');
    const std::string key(clause.substr(1, space == std::string_view::npos ? std::string_view::npos : space - 1));
    if (key.empty()) continue;
    if (count[key]++ == 0) order.push_back(key);
  }
  std::string best;
  for (const std::string& key : order)
    if (best.empty() || count[key] > count[best]) best = key;
  return best;
}

namespace {

// Gold and predicted aspects of one source (clauses or themes), one pair per counted row; "" is none.
struct AspectPairs {
  std::string title;
  std::vector<std::pair<std::string, std::string>> pairs;
};

// Accuracy, coverage, per-aspect precision/recall/F1 and the commonest confusions of one source.
void write_agreement(const AspectPairs& s, const std::set<std::string>& known, std::ostream& out) {
  const std::size_t n = s.pairs.size();
  std::size_t covered = 0, right = 0;
  std::map<std::string, std::size_t> gold_n, pred_n, hit;
  std::map<std::pair<std::string, std::string>, std::size_t> confusion;
  for (const auto& [g, p] : s.pairs) {
    ++gold_n[g];
    if (p.empty()) continue;
    ++covered, ++pred_n[p];
    if (p == g) ++right, ++hit[g];
    else ++confusion[{g, p}];
  }
  auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
  out << s.title << "\n";
  out << fmt::format("  rows               {}\n", n);
  out << fmt::format("  given an aspect    {} ({:.1f}%)\n", covered, pct(covered, n));
  out << fmt::format("  accuracy           {} ({:.1f}%): given the gold aspect (rows given none count as wrong)\n", right,
                     pct(right, n));
  out << fmt::format("  precision          {:.1f}% of the rows given an aspect\n", pct(right, covered));
  std::set<std::string> keys;
  for (const auto& [k, c] : gold_n) keys.insert(k);
  for (const auto& [k, c] : pred_n) keys.insert(k);
  double f1_sum = 0;
  std::size_t f1_n = 0;
  out << "  per aspect         gold  given  precision recall  F1\n";
  for (const std::string& k : keys) {
    const double p = pred_n[k] ? static_cast<double>(hit[k]) / static_cast<double>(pred_n[k]) : 0.0;
    const double r = gold_n[k] ? static_cast<double>(hit[k]) / static_cast<double>(gold_n[k]) : 0.0;
    const double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    if (gold_n[k]) f1_sum += f1, ++f1_n;
    out << fmt::format("    {:<24} {:>5} {:>6}  {:>8.3f} {:>6.3f} {:>5.3f}{}\n", k, gold_n[k], pred_n[k], p, r, f1,
                       known.empty() || known.count(k) ? "" : "  (not in the taxonomy)");
  }
  out << fmt::format("  macro-F1           {:.3f} (over the gold aspects)\n", f1_n ? f1_sum / static_cast<double>(f1_n) : 0.0);
  std::vector<std::pair<std::size_t, std::pair<std::string, std::string>>> worst;
  for (const auto& [gp, c] : confusion) worst.push_back({c, gp});
  std::stable_sort(worst.begin(), worst.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (worst.size() > 10) worst.resize(10);
  out << "  confused most (gold -> given)\n";
  for (const auto& [c, gp] : worst) out << fmt::format("    {:<24} -> {:<24} {:>4}\n", gp.first, gp.second, c);
}

// The values of the gold column that mean "no aspect": never counted.
bool no_aspect(std::string_view gold, const std::vector<std::string>& none) {
  return gold.empty() || std::find(none.begin(), none.end(), gold) != none.end();
}

}  // namespace

int eval_aspects(const EvalOptions& o, std::ostream& out) {
  if (o.gold.empty()) throw UsageError("--gold COLUMN is required", "name the column holding the gold aspects");
  const std::vector<std::string> inputs = o.common.inputs.empty() ? std::vector<std::string>{"-"} : o.common.inputs;
  Progress progress(progress_enabled(o.common.progress));
  progress.phase("reading rows");
  AspectPairs clauses{fmt::format("clauses (column {}: the aspect most clauses on the answer's side of column {} name)",
                                  o.clauses_column, o.polarity_column), {}};
  AspectPairs themes{fmt::format("themes (column {}: the aspect of the answer's first theme, over the answers in a "
                                 "theme, not overig)", o.theme_aspect_column), {}};
  std::size_t rows = 0, without = 0;
  bool any_clauses = false, any_themes = false;
  for (const auto& path : inputs) {
    CsvInput input = open_csv_input(path, o.common.delimiter);
    const auto& header = input.header;
    const std::size_t cg = require_column(header, o.gold, input.reader->name(), "--gold");
    const long cc = find_optional_column(header, o.clauses_column), cp = find_optional_column(header, o.polarity_column);
    const long ca = find_optional_column(header, o.theme_aspect_column), ct = find_optional_column(header, o.theme_column);
    if (cc < 0 && ca < 0)
      throw InputError(input.reader->name(), 1,
                       fmt::format("neither a '{}' nor a '{}' column to evaluate.", o.clauses_column, o.theme_aspect_column),
                       "pipe the rows through 'luister-score --aspects' (clauses) or 'luister-cluster' (theme_aspect) first");
    any_clauses = any_clauses || cc >= 0;
    any_themes = any_themes || ca >= 0;
    CsvRecord rec;
    while (input.reader->next(rec)) {
      if (rec.blank) continue;
      require_row_width(rec, header.size(), input.reader->name(), input.reader->record_line());
      ++rows;
      const std::string gold(rec.fields[cg]);
      if (no_aspect(gold, o.no_aspect)) {
        ++without;
        continue;
      }
      if (cc >= 0)
        clauses.pairs.emplace_back(gold, answer_aspect(rec.fields[static_cast<std::size_t>(cc)],
                                                       cp < 0 ? std::string_view() : rec.fields[static_cast<std::size_t>(cp)]));
      const std::string_view theme = ct < 0 ? std::string_view() : rec.fields[static_cast<std::size_t>(ct)];
      if (ca >= 0 && !theme.empty() && theme.substr(0, theme.find(';')) != "overig") {
        const std::string_view cell = rec.fields[static_cast<std::size_t>(ca)];
        themes.pairs.emplace_back(gold, std::string(cell.substr(0, cell.find(';'))));
      }
      progress.update(input.reader->bytes_read(), input.file->size(), rows);
    }
  }
  if (clauses.pairs.empty() && themes.pairs.empty())
    throw InputError(inputs.front(), 0, fmt::format("no rows with a gold aspect in column '{}' to evaluate.", o.gold));
  std::set<std::string> known;
  const AspectTaxonomy taxonomy = AspectTaxonomy::load(o.aspects_path);
  for (const Aspect& a : taxonomy.aspects()) known.insert(a.key);
  out << fmt::format("rows                 {}\n", rows);
  out << fmt::format("rows without gold    {} (empty or {}: not counted)\n", without, fmt::join(o.no_aspect, ", "));
  if (any_clauses) write_agreement(clauses, known, out);
  if (any_themes) write_agreement(themes, known, out);
  return kExitOk;
}

}  // namespace luister
