#pragma once
// Private to the report: what fixing a complaint would be worth (ThemeLine::impact, AspectLine::impact and
// the fix_first lists).
#include <cstdint>
#include <string_view>
#include <vector>

#include "luister/report/report.hpp"

namespace luister::report {

/// One graded response of a scope in the current period: its grade and the complaints (or aspects)
/// it mentions, as indices into the items measured.
struct GradedResponse {
  double grade = 0;
  std::vector<std::uint32_t> themes;
};

/// One thing whose cost is measured: a complaint, or an aspect with all its complaints. `label` and
/// `id` break ties.
struct Costed {
  Impact* impact;
  std::string_view label, id;
};

/// Sets the impact of every item from a scope's graded responses now (GradedResponse::themes index
/// `items`) and returns the items to fix first (indices into `items`). Deterministic: the responses
/// are put in a canonical order before resampling.
std::vector<std::size_t> compute_impacts(std::vector<GradedResponse> responses, const std::vector<Costed>& items,
                                         const ReportOptions& options);

}  // namespace luister::report
