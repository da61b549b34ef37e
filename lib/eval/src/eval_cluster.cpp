#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>

#include <fmt/format.h>

#include "luister/csv/csv.hpp"
#include "luister/base/error.hpp"
#include "luister/eval/eval.hpp"
#include "luister/csv/filter.hpp"

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

int eval_cluster(const EvalOptions& o, std::ostream& out) {
  if (o.gold.empty()) throw UsageError("--gold COLUMN is required", "name the column holding the gold themes");
  std::vector<std::string> gold, predicted;
  std::size_t no_gold = 0, leftover = 0, none = 0;
  std::vector<std::string> inputs = o.common.inputs.empty() ? std::vector<std::string>{"-"} : o.common.inputs;
  for (const auto& path : inputs) {
    CsvInput input = open_csv_input(path, o.common.delimiter);
    const auto& header = input.header;
    std::size_t cg = require_column(header, o.gold, input.reader->name(), "--gold");
    std::size_t ct = require_column(header, o.theme_column, input.reader->name(), "--theme-column");
    CsvRecord rec;
    while (input.reader->next(rec)) {
      if (rec.blank) continue;
      if (rec.fields.size() != header.size())
        throw InputError(input.reader->name(), input.reader->record_line(),
                         fmt::format("row has {} fields, the header has {}.", rec.fields.size(), header.size()));
      std::string g(rec.fields[cg]);
      if (g.empty()) {
        ++no_gold;
        continue;
      }
      std::string p(rec.fields[ct].substr(0, rec.fields[ct].find(';')));  // an answer's first theme
      if (p.empty()) {
        ++none;
        p = "(geen)";
      } else if (p == "overig") {
        ++leftover;
      }
      gold.push_back(std::move(g));
      predicted.push_back(std::move(p));
    }
  }
  if (gold.empty()) throw InputError(inputs.front(), 0, "no rows with a gold theme to evaluate.");
  ClusterAgreement a = cluster_agreement(gold, predicted);
  out << fmt::format("rows                 {}\n", a.rows);
  if (no_gold) out << fmt::format("rows without gold    {} (not counted)\n", no_gold);
  out << fmt::format("NMI                  {:.3f}\n", a.nmi);
  out << fmt::format("ARI                  {:.3f}\n", a.ari);
  out << fmt::format("purity               {:.3f}\n", a.purity);
  out << fmt::format("gold themes          {}\n", a.gold_clusters);
  out << fmt::format("predicted themes     {} (overig and unclustered rows count as one each)\n", a.predicted_clusters);
  out << fmt::format("in overig            {} ({:.1f}%)\n", leftover, 100.0 * static_cast<double>(leftover) / static_cast<double>(a.rows));
  out << fmt::format("not clustered        {} ({:.1f}%)\n", none, 100.0 * static_cast<double>(none) / static_cast<double>(a.rows));
  return kExitOk;
}

}  // namespace luister
