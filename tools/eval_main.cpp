// luister-eval: evaluate sentiment against labelled rows, compare lexicons, suggest missing terms.
#include <fmt/format.h>

#include "luister/base/version.hpp"
#include "luister/cli/cli.hpp"
#include "luister/eval/eval.hpp"

namespace {

// What --help says after the options: the input, learning from grades, lexicons, examples.
constexpr const char* kFooter = R"HELP(Input: CSV with a text column and a gold label column (negative/neutral/positive, neg/neu/pos,
-1/0/1, negatief/neutraal/positief). Scores every row with luister's sentiment rules. Without labels,
--from-grade takes the 1-10 grade every export has as a weak label (<= 5 negative, >= 8 positive,
else neutral; rows without a grade are left out and counted); with labels, `sentiment` also reports
how often low grades are scored negative and high grades positive.

Learning from a municipality's own graded history (opt-in, reproducible):
  luister-eval suggest --from-grade --write-layer eigen.tsv historie.csv
  luister-eval sentiment --gold label --compare eigen.tsv gelabeld.csv   # does it help?
  luister-score --lexicon eigen.tsv antwoorden.csv

Lexicons: configuration A is the default layers (lexicons/sentiment-nl.tsv, lexicons/emoji-nl.tsv)
with each --lexicon layer on top; configuration B (--compare) is the default layers with each
--compare layer on top, so --compare nieuw.tsv measures what nieuw.tsv adds to the defaults. With
--no-default-lexicons both are their layers alone. The report names both configurations.

Examples:
  luister-eval sentiment --gold label gelabeld.csv
  luister-eval sentiment --gold label --compare nieuw.tsv gelabeld.csv
  luister-eval sentiment --gold label --no-default-lexicons --lexicon oud.tsv --compare nieuw.tsv gelabeld.csv
  luister-eval sentiment --gold gold_polarity --by family gelabeld.csv
  luister-eval suggest --gold label gelabeld.csv
  luister-eval sentiment --from-grade export.csv
  luister-cluster --by '' klachten.csv | luister-eval cluster --gold gold_theme
  luister-score --aspects gelabeld.csv | luister-cluster | luister-eval aspects --gold gold_aspect)HELP";

// What every command reads and writes: input files, the report file, progress.
void add_io_options(CLI::App& sub, luister::EvalToolOptions& opt) {
  sub.add_option("inputs", opt.eval.common.inputs, "Input files; none or '-' reads standard input");
  sub.add_option("-o,--output", opt.eval.common.output, "Write the report to FILE");
  luister::add_progress_option(sub, opt.eval.common.progress);
}

// The commands that measure luister-cluster's and luister-score --aspects' output: cluster, aspects.
void add_theme_commands(CLI::App& app, luister::EvalToolOptions& opt) {
  auto* cluster = luister::add_command(app, opt.command, "cluster",
                                       "NMI, ARI, purity and number of themes of luister-cluster's output "
                                       "against a gold theme column");
  add_io_options(*cluster, opt);
  cluster->add_option("--gold", opt.eval.gold, "Column holding the gold theme")->required();
  cluster->add_option("--theme-column", opt.eval.theme_column, "Column holding the predicted themes")->capture_default_str();
  cluster->add_option("--concepts", opt.eval.concepts_path,
                      "Complaint concepts a label's words may be said by, as given to luister-cluster "
                      "(default lexicons/concepts-nl.tsv)");
  auto* aspects = luister::add_command(app, opt.command, "aspects",
                                       "How often the aspects of clauses (luister-score --aspects) and themes "
                                       "(luister-cluster) are the gold aspect");
  add_io_options(*aspects, opt);
  aspects->add_option("--gold", opt.eval.gold, "Column holding the gold aspect (a key of the taxonomy)")->required();
  aspects->add_option("--no-aspect", opt.eval.no_aspect, "Gold values that mean no aspect: rows not counted (besides empty)")
      ->capture_default_str();
  aspects->add_option("--clauses-column", opt.eval.clauses_column, "Column holding the clauses with their aspects")
      ->capture_default_str();
  aspects->add_option("--polarity-column", opt.eval.polarity_column, "Column holding the answer's polarity")
      ->capture_default_str();
  aspects->add_option("--theme-column", opt.eval.theme_column, "Column holding the themes")->capture_default_str();
  aspects->add_option("--theme-aspect-column", opt.eval.theme_aspect_column, "Column holding the themes' aspects")
      ->capture_default_str();
  aspects->add_option("--aspects", opt.eval.aspects_path,
                      "The taxonomy whose keys are expected (default lexicons/aspects-nl.tsv)");
}

}  // namespace

int main(int argc, char** argv) {
  luister::EvalToolOptions opt;
  CLI::App app{"luister-eval — evaluate sentiment against labelled rows, compare lexicons, suggest terms", "luister-eval"};
  app.footer(kFooter);
  app.set_version_flag("-V,--version", fmt::format("luister-eval (luister) {}", luister::kVersion));
  app.require_subcommand(1);
  auto common = [&](CLI::App* sub) {
    add_io_options(*sub, opt);
    sub->add_option("-c,--column", opt.eval.column, "Column holding the text")->capture_default_str();
    auto* gold = sub->add_option("--gold", opt.eval.gold, "Column holding the gold label");
    auto* from_grade = sub->add_flag("--from-grade", opt.eval.from_grade,
                                     "No gold column: the grade is the (weak) label, <= --low-grade negative, "
                                     ">= --high-grade positive, else neutral");
    gold->excludes(from_grade);
    sub->add_option("--low-grade", opt.eval.low_grade, "--from-grade: this grade and lower are negative")->capture_default_str();
    sub->add_option("--high-grade", opt.eval.high_grade, "--from-grade: this grade and higher are positive")->capture_default_str();
    sub->add_option("--lexicon", opt.lexicons,
                    "Lexicon layer of configuration A, on top of the defaults ([PROCESS=]FILE, repeatable)")
        ->allow_extra_args(false);
    sub->add_flag("--no-default-lexicons", opt.no_default_lexicons,
                  "Leave out the default lexicons: A and B are their --lexicon/--compare layers alone");
    sub->add_option("--negators", opt.eval.sentiment.negators, "Negator list");
    sub->add_option("--intensifiers", opt.eval.sentiment.intensifiers, "Booster/downtoner list");
    sub->add_option("--non-answers", opt.eval.sentiment.non_answers, "Whole answers that say nothing, scored neutral")
        ->type_name("FILE");
    sub->add_option("--improvement-question", opt.eval.improvement_question,
                    "The question value of the improvement question (default: any holding 'verbeter'), as luister-score");
  };
  auto* sentiment = luister::add_command(app, opt.command, "sentiment",
                                         "Accuracy, macro-F1, per-class P/R, confusion, Spearman, coverage, per process");
  common(sentiment);
  sentiment->add_option("--grade", opt.eval.grade, "Grade column (Spearman, agreement with the grade, --from-grade)")
      ->capture_default_str();
  sentiment->add_option("--process", opt.eval.process, "Process column for the breakdown")->capture_default_str();
  sentiment->add_option("--by", opt.eval.by,
                        "Also break the results down by the values of COLUMN (rows, accuracy, predicted classes)");
  sentiment->add_flag("--binary", opt.eval.binary, "Decide positive when sentiment > 0, else negative (for ±1 gold labels)");
  sentiment->add_option("--compare", opt.compare,
                        "Lexicon layer of configuration B, on top of the defaults ([PROCESS=]FILE, repeatable)")
      ->allow_extra_args(false);
  sentiment->add_option("--bootstrap", opt.eval.bootstrap, "Bootstrap resamples for --compare")->capture_default_str();
  auto* suggest = luister::add_command(app, opt.command, "suggest",
                                       "Words and phrases that separate negative from positive rows but are "
                                       "missing from the lexicon");
  common(suggest);
  suggest->add_option("-n,--top", opt.eval.suggestions, "How many per side")->capture_default_str();
  suggest->add_option("--grade", opt.eval.grade, "Grade column for --from-grade")->capture_default_str();
  suggest->add_option("--write-layer", opt.eval.write_layer,
                      "Also write the candidates as a lexicon layer to FILE (for --lexicon; review it first)");
  suggest->add_option("--min-z", opt.eval.min_z, "--write-layer: only candidates with |z| at least this")->capture_default_str();
  suggest->add_option("--min-count", opt.eval.min_count, "--write-layer: only candidates seen at least this often")
      ->capture_default_str();
  add_theme_commands(app, opt);
  return luister::run_tool("luister-eval", app, [&] {
    app.parse(argc, argv);
    return luister::run_eval_tool(opt);
  });
}
