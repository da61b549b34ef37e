// luister-followup's command line: --explain, or the follow-up list.
#include <iostream>

#include <fmt/format.h>

#include "luister/followup/followup.hpp"

namespace luister {
namespace {

// How the callback rule reads `text`: the normalised text, every phrase found (and what negated
// it), and whether it is a request.
std::string explain_callback(const std::string& text, const FollowupOptions& opt) {
  CallbackMatcher m(opt.phrases, opt.negators);
  CallbackResult r = m.match(text);
  std::string out = fmt::format("text:       {}\nnormalised: {}\n", text, m.normalized(text));
  if (r.matches.empty()) out += "no callback phrase found\n";
  for (const auto& match : r.matches)
    out += fmt::format("  '{}' ({}:{} {})  {}\n", match.words, match.rule->file, match.rule->line, match.rule->source,
                       match.negated_by.empty() ? "request" : fmt::format("negated by '{}'", match.negated_by));
  out += fmt::format("callback request: {}\n", r.request ? "yes" : "no");
  return out;
}

}  // namespace

int run_followup_tool(const FollowupToolOptions& tool) {
  if (tool.outcomes) return run_outcomes(tool.outcome);
  if (tool.explain) {
    std::cout << explain_callback(*tool.explain, tool.followup);
    std::cout.flush();
    return kExitOk;
  }
  FollowupOptions options = tool.followup;
  if (!tool.week.empty()) options.period = parse_week(tool.week);
  if (!tool.month.empty()) options.period = parse_month(tool.month);
  if (!tool.from.empty())
    options.period = range_period(parse_day_option(tool.from, "--from"), parse_day_option(tool.to, "--to"));
  return run_followup(options);
}

}  // namespace luister
