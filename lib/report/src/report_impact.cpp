#include "report_impact.hpp"

#include <algorithm>
#include <random>
#include <tuple>

namespace luister::report {
namespace {

// Counts of a set of graded responses: how many, how many at or above the norm, the grades' sum.
struct Sums {
  std::size_t n = 0, high = 0;
  double sum = 0;
  void add(double grade, double norm) {
    ++n;
    high += grade >= norm;
    sum += grade;
  }
};

// The gains of leaving out the responses counted in `with` (a subset of `all`); false when nothing
// would be left.
bool gains(const Sums& all, const Sums& with, double& high_gain, double& mean_gain) {
  if (with.n >= all.n || all.n == 0) return false;
  const double n = static_cast<double>(all.n), rest = static_cast<double>(all.n - with.n);
  high_gain = static_cast<double>(all.high - with.high) / rest - static_cast<double>(all.high) / n;
  mean_gain = (all.sum - with.sum) / rest - all.sum / n;
  return true;
}

// The percentile interval [2.5%, 97.5%] of `values` (sorted here); {0, 0} when empty.
Interval percentile_interval(std::vector<double>& values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  auto at = [&](double p) { return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5)]; };
  return {at(0.025), at(0.975)};
}

// Resamples the responses with replacement and collects each ranked complaint's gains.
void bootstrap(const std::vector<GradedResponse>& rs, const std::vector<Costed>& items, const ReportOptions& o) {
  const std::size_t k = items.size();
  std::vector<std::vector<double>> high(k), mean(k);
  std::mt19937_64 rng(0x6c75697374657231ULL);  // fixed: the same answers give the same intervals
  std::uniform_int_distribution<std::size_t> pick(0, rs.size() - 1);
  std::vector<Sums> with(k);
  for (int b = 0; b < o.bootstrap; ++b) {
    Sums all;
    std::fill(with.begin(), with.end(), Sums{});
    for (std::size_t j = 0; j < rs.size(); ++j) {
      const GradedResponse& r = rs[pick(rng)];
      all.add(r.grade, o.norm);
      for (std::uint32_t t : r.themes) with[t].add(r.grade, o.norm);
    }
    for (std::size_t t = 0; t < k; ++t) {
      double h = 0, m = 0;
      if (items[t].impact->ranked && gains(all, with[t], h, m)) high[t].push_back(h), mean[t].push_back(m);
    }
  }
  for (std::size_t t = 0; t < k; ++t) {
    if (!items[t].impact->ranked) continue;
    items[t].impact->high_ci = percentile_interval(high[t]);
    items[t].impact->mean_ci = percentile_interval(mean[t]);
  }
}

// The ranked complaints with a clear gain (the margin of the share ≥ norm or of the mean grade above
// zero; without resamples, the gain itself), largest gain in the share ≥ norm first.
std::vector<std::size_t> pick_fix_first(const std::vector<Costed>& items, std::size_t limit, bool with_margins) {
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < items.size(); ++t) {
    const Impact& i = *items[t].impact;
    const bool clear = with_margins ? i.high_ci.lo > 0 || i.mean_ci.lo > 0 : i.high_gain > 0 || i.mean_gain > 0;
    if (i.ranked && clear) order.push_back(t);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Costed& x = items[a];
    const Costed& y = items[b];
    return std::tie(y.impact->high_gain, y.impact->mean_gain, x.label, x.id) <
           std::tie(x.impact->high_gain, x.impact->mean_gain, y.label, y.id);
  });
  if (order.size() > limit) order.resize(limit);
  return order;
}

}  // namespace

std::vector<std::size_t> compute_impacts(std::vector<GradedResponse> rs, const std::vector<Costed>& items,
                                         const ReportOptions& o) {
  if (rs.empty() || items.empty()) return {};
  for (auto& r : rs) {
    std::sort(r.themes.begin(), r.themes.end());
    r.themes.erase(std::unique(r.themes.begin(), r.themes.end()), r.themes.end());
  }
  std::sort(rs.begin(), rs.end(), [](const GradedResponse& a, const GradedResponse& b) {
    return std::tie(a.grade, a.themes) < std::tie(b.grade, b.themes);
  });
  Sums all;
  std::vector<Sums> with(items.size());
  for (const auto& r : rs) {
    all.add(r.grade, o.norm);
    for (std::uint32_t t : r.themes) with[t].add(r.grade, o.norm);
  }
  bool any = false;
  for (std::size_t t = 0; t < items.size(); ++t) {
    Impact& i = *items[t].impact;
    i = Impact{};
    i.graded = with[t].n;
    i.ranked = i.graded >= std::max<std::size_t>(o.impact_min, 1) && gains(all, with[t], i.high_gain, i.mean_gain);
    any = any || i.ranked;
  }
  if (!any) return {};
  if (o.bootstrap > 0) bootstrap(rs, items, o);
  return pick_fix_first(items, o.fix_first, o.bootstrap > 0);
}

}  // namespace luister::report
