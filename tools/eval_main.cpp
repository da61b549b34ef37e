// luister-eval: evaluate sentiment against labelled rows, compare lexicons, suggest missing terms.
#include <iostream>
#include <sstream>

#include "luister/eval/eval.hpp"
#include "luister/base/io.hpp"

int main(int argc, char** argv) {
  luister::EvalOptions opt;
  CLI::App app{"luister-eval — evaluate sentiment against labelled rows, compare lexicons, suggest terms", "luister-eval"};
  app.footer(R"HELP(Input: CSV with a text column and a gold label column (negative/neutral/positive, neg/neu/pos,
-1/0/1, negatief/neutraal/positief). Scores every row with luister's sentiment rules.

Examples:
  luister-eval sentiment --gold label gelabeld.csv
  luister-eval sentiment --gold label --lexicon lexicons/sentiment-nl.tsv --compare nieuw.tsv gelabeld.csv
  luister-eval suggest --gold label gelabeld.csv
  luister-cluster --by '' klachten.csv | luister-eval cluster --gold gold_theme)HELP");
  app.set_version_flag("-V,--version", "luister-eval (luister) 0.1.0");
  app.require_subcommand(1);
  std::vector<std::string> lexicons, compare;
  auto common = [&](CLI::App* sub) {
    sub->add_option("inputs", opt.common.inputs, "Input files; none or '-' reads standard input");
    sub->add_option("-o,--output", opt.common.output, "Write the report to FILE");
    sub->add_option("-c,--column", opt.column, "Column holding the text")->capture_default_str();
    sub->add_option("--gold", opt.gold, "Column holding the gold label")->required();
    sub->add_option("--lexicon", lexicons, "Lexicon layer of configuration A ([PROCESS=]FILE, repeatable)")
        ->allow_extra_args(false);
    sub->add_option("--negators", opt.sentiment.negators, "Negator list");
    sub->add_option("--intensifiers", opt.sentiment.intensifiers, "Booster/downtoner list");
  };
  auto* sentiment = app.add_subcommand("sentiment", "Accuracy, macro-F1, per-class P/R, confusion, Spearman, coverage, per process");
  common(sentiment);
  sentiment->add_option("--grade", opt.grade, "Grade column for the Spearman correlation")->capture_default_str();
  sentiment->add_option("--process", opt.process, "Process column for the breakdown")->capture_default_str();
  sentiment->add_flag("--binary", opt.binary, "Decide positive when sentiment > 0, else negative (for ±1 gold labels)");
  sentiment->add_option("--compare", compare, "Lexicon layers of configuration B ([PROCESS=]FILE, repeatable)")
      ->allow_extra_args(false);
  sentiment->add_option("--bootstrap", opt.bootstrap, "Bootstrap resamples for --compare")->capture_default_str();
  auto* suggest = app.add_subcommand("suggest", "Words and phrases that separate negative from positive rows but are "
                                                "missing from the lexicon");
  common(suggest);
  suggest->add_option("-n,--top", opt.suggestions, "How many per side")->capture_default_str();
  auto* cluster = app.add_subcommand("cluster", "NMI, ARI, purity and number of themes of luister-cluster's output "
                                                "against a gold theme column");
  cluster->add_option("inputs", opt.common.inputs, "Input files; none or '-' reads standard input");
  cluster->add_option("-o,--output", opt.common.output, "Write the report to FILE");
  cluster->add_option("--gold", opt.gold, "Column holding the gold theme")->required();
  cluster->add_option("--theme-column", opt.theme_column, "Column holding the predicted themes")->capture_default_str();
  return luister::run_tool("luister-eval", app, [&] {
    app.parse(argc, argv);
    opt.sentiment.lexicons = luister::parse_layer_specs(lexicons);
    opt.compare = luister::parse_layer_specs(compare);
    std::ostringstream report;
    int rc = sentiment->parsed() ? luister::eval_sentiment(opt, report)
             : cluster->parsed() ? luister::eval_cluster(opt, report)
                                 : luister::eval_suggest(opt, report);
    luister::Output out(opt.common.output);
    out.write(report.str());
    out.commit();
    return rc;
  });
}
