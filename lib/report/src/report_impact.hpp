#pragma once
// Private to the report: what fixing a complaint would be worth (ThemeLine::impact, fix_first).
#include <cstdint>
#include <vector>

#include "luister/report/report.hpp"

namespace luister::report {

/// One graded response of a scope in the current period: its grade and the complaints it mentions
/// (indices into ScopeReport::themes).
struct GradedResponse {
  double grade = 0;
  std::vector<std::uint32_t> themes;
};

/// Sets the impact of every complaint of `scope` and picks its fix_first, from the scope's graded
/// responses now. Deterministic: the responses are put in a canonical order before resampling.
void compute_impacts(std::vector<GradedResponse> responses, ScopeReport& scope, const ReportOptions& options);

}  // namespace luister::report
