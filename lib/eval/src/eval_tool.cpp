// luister-eval's command line: runs the chosen command and writes its report.
#include <sstream>

#include "luister/base/io.hpp"
#include "luister/eval/eval.hpp"
#include "luister/lexicon/lexicon.hpp"

namespace luister {

int run_eval_tool(const EvalToolOptions& tool) {
  EvalOptions options = tool.eval;
  options.sentiment.lexicons = parse_layer_specs(tool.lexicons);
  options.sentiment.default_lexicons = !tool.no_default_lexicons;
  options.compare = parse_layer_specs(tool.compare);
  std::ostringstream report;
  int rc = tool.command == "sentiment" ? eval_sentiment(options, report)
           : tool.command == "cluster" ? eval_cluster(options, report)
           : tool.command == "aspects" ? eval_aspects(options, report)
                                       : eval_suggest(options, report);
  Output out(options.common.output);
  out.write(report.str());
  out.commit();
  return rc;
}

}  // namespace luister
