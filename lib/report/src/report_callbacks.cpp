// The call-back section's figures: the closed loop per process, from the archive's cases.
#include <algorithm>
#include <map>

#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/classification.hpp>
#include <fmt/format.h>

#include "luister/report/report.hpp"
#include "report_text.hpp"

namespace luister::report {
namespace {

// Adds one case to `f`; `days` collects the working days to the first contact.
void count_case(CallbackFigures& f, std::vector<int>& days, const CallbackCase& c) {
  ++f.listed;
  if (c.first_contact) {
    ++f.called;
    if (c.answered) days.push_back(working_days_between(*c.answered, *c.first_contact));
  }
  if (c.outcome == CallbackOutcome::kSolved) ++f.solved;
  if (c.outcome == CallbackOutcome::kDeclined) ++f.declined;
  if (c.outcome == CallbackOutcome::kNotReached) ++f.not_reached;
  if (!c.closed()) ++f.open;
}

std::optional<double> median(std::vector<int> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// The figures of the cases answered in `period`: all processes first, then each process.
std::vector<CallbackFigures> figures_of(const std::vector<const CallbackCase*>& cases, const Period& period) {
  CallbackFigures all;
  std::vector<int> all_days;
  std::map<std::string, std::pair<CallbackFigures, std::vector<int>>> by_process;
  for (const CallbackCase* c : cases) {
    if (!c->answered || !period.contains(*c->answered)) continue;
    count_case(all, all_days, *c);
    auto& [f, days] = by_process[c->process];
    f.process = c->process.empty() ? "–" : c->process;
    count_case(f, days, *c);
  }
  all.median_working_days = median(all_days);
  std::vector<CallbackFigures> out{all};
  for (auto& [name, fd] : by_process) {
    fd.first.median_working_days = median(fd.second);
    out.push_back(fd.first);
  }
  return out;
}

}  // namespace

CallbackStatus callback_status(const std::vector<CallbackCase>& cases, const Period& period, const Period& previous,
                               const std::vector<std::string>& processes) {
  std::vector<const CallbackCase*> chosen;
  for (const auto& c : cases)
    if (processes.empty() || std::find(processes.begin(), processes.end(), c.process) != processes.end())
      chosen.push_back(&c);
  CallbackStatus s;
  s.now = figures_of(chosen, period);
  s.previous = figures_of(chosen, previous);
  for (const CallbackCase* c : chosen)
    s.open_before += !c->closed() && c->answered && *c->answered < previous.first;
  return s;
}

namespace text {

std::vector<std::vector<std::string>> callback_table(Lang lang, const Report& r) {
  std::vector<std::vector<std::string>> table(1);
  const std::string columns(get(lang, S::kCallbackColumns));
  boost::algorithm::split(table[0], columns, boost::algorithm::is_any_of("|"));
  auto days = [&](const std::optional<double>& d) {
    if (!d) return std::string("–");
    std::string s = fmt::format("{:g}", *d);
    if (lang == Lang::kNl) std::replace(s.begin(), s.end(), '.', ',');
    return s;
  };
  // A period without cases gets one row (all processes, zeros), not one per process.
  auto add = [&](const std::vector<CallbackFigures>& figures, const Period& period) {
    for (const auto& f : figures) {
      if (f.listed == 0 && !f.process.empty()) continue;
      table.push_back({f.process.empty() ? std::string(get(lang, S::kCallbackAll)) : f.process, period_id(period),
                       std::to_string(f.listed), std::to_string(f.called), days(f.median_working_days),
                       std::to_string(f.not_reached), std::to_string(f.open)});
    }
  };
  add(r.callbacks->now, r.period);
  if (r.callbacks->previous.front().listed > 0) add(r.callbacks->previous, r.previous);
  return table;
}

}  // namespace text
}  // namespace luister::report
