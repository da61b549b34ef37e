#pragma once
/// `luister-eval`: how well sentiment scoring matches labelled data, and what the lexicon misses.
#include <iosfwd>
#include <string>
#include <vector>

#include "luister/cli/cli.hpp"
#include "luister/sentiment/sentiment.hpp"

namespace luister {

struct EvalOptions {
  CommonOptions common;
  std::string column = "text";
  std::string gold;                   ///< column with the gold label (negative/neutral/positive, -1/0/1, …)
  /// --from-grade: no gold column; the grade is the (weak) label: at or below `low_grade` negative,
  /// at or above `high_grade` positive, in between neutral. Rows without a grade are skipped and counted.
  bool from_grade = false;
  double low_grade = 5;
  double high_grade = 8;
  std::string grade = "grade";        ///< for the Spearman correlation, if present
  std::string process = "process";    ///< for the per-process breakdown, if present
  /// The question column, if present, and the improvement question's value ("" = any holding
  /// "verbeter"): its answers are scored as luister-score scores them (suggestions are wishes).
  std::string question = "question";
  std::string improvement_question;
  /// A column to break sentiment results down by (--by), or "": one line per value, or per value
  /// and gold class where a value holds rows of more than one ("mixed/negative").
  std::string by;
  bool binary = false;                ///< decide positive when sentiment > 0, else negative
  SentimentOptions sentiment;         ///< configuration A
  /// Configuration B's lexicon layers (--compare): on top of the default layers, as A's are, unless
  /// `sentiment.default_lexicons` is false.
  std::vector<std::pair<std::string, std::string>> compare;
  int bootstrap = 1000;
  int changed_rows = 20;              ///< rows whose label changed to list
  int suggestions = 30;               ///< for `suggest`
  double prior = 0.01;                ///< Dirichlet prior scale for `suggest` (times the background count)
  std::string write_layer;            ///< `suggest --write-layer FILE`: the candidates as a lexicon layer
  double min_z = 1.96;                ///< `--write-layer`: only candidates with |z| at least this
  int min_count = 5;                  ///< `--write-layer`: only candidates seen at least this often
  std::string theme_column = "theme";  ///< for `cluster`: the predicted themes (first of "T1;T2" counts)
  /// For `cluster`: the concepts a label's words may be said by (as luister-cluster --concepts); "":
  /// concepts-nl.tsv.
  std::string concepts_path;
  /// For `aspects`: the columns luister-score --aspects (clauses, polarity) and luister-cluster
  /// (theme, theme_aspect) write, the gold values that mean "no aspect", and the taxonomy whose keys
  /// are expected ("": aspects-nl.tsv).
  std::string clauses_column = "clauses";
  std::string polarity_column = "polarity";
  std::string theme_aspect_column = "theme_aspect";
  std::vector<std::string> no_aspect = {"overig"};
  std::string aspects_path;
};

/// How far a clustering agrees with gold labels.
struct ClusterAgreement {
  std::size_t rows = 0, gold_clusters = 0, predicted_clusters = 0;
  double nmi = 0;     ///< normalised mutual information, arithmetic mean of the entropies
  double ari = 0;     ///< adjusted Rand index
  double purity = 0;  ///< share of rows in their predicted cluster's majority gold class
};
ClusterAgreement cluster_agreement(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);

/// `luister-eval cluster`: NMI, ARI, purity and the number of themes against a gold column, and the
/// share of rows left in "overig" or not clustered.
int eval_cluster(const EvalOptions& options, std::ostream& out);

/// `luister-eval aspects`: of the rows with a gold aspect, how many luister gives that aspect, from
/// the clauses column (luister-score --aspects) and from the theme_aspect column (luister-cluster):
/// coverage, accuracy, precision, per-aspect precision/recall/F1, macro-F1 and the commonest
/// confusions. Returns the exit code.
int eval_aspects(const EvalOptions& options, std::ostream& out);

/// An answer's aspect from its clauses cell ("+bejegening snel geholpen | -wachttijd 30 min
/// gewacht"): the aspect most of the clauses on the side of `polarity` name (negative: "-",
/// positive: "+", else either), ties to the first; "" when none names one.
std::string answer_aspect(std::string_view clauses, std::string_view polarity);

/// `luister-eval sentiment`: accuracy, macro-F1, per-class precision/recall, confusion matrix,
/// Spearman with the grade, lexicon coverage, per-process breakdown; with `compare`, the paired
/// bootstrap interval of the accuracy difference and the rows whose label changed. Returns the exit code.
int eval_sentiment(const EvalOptions& options, std::ostream& out);

/// `luister-eval suggest`: words and word pairs that separate negative from positive gold rows but are
/// not in the lexicon, ranked by the z-score of their log-odds ratio with an informative Dirichlet
/// prior (Monroe, Colaresi & Quinn 2008). With `write_layer`, the candidates with |z| >= min_z seen
/// at least min_count times are also written as a lexicon layer (score 2P(positive|term)-1 at
/// balanced classes, capped at ±0.9), to be used on purpose with --lexicon: a municipality's own
/// graded history (--from-grade) then teaches which of its words carry valence.
int eval_suggest(const EvalOptions& options, std::ostream& out);

/// A weak label from a grade: -1 at or below `low`, 1 at or above `high`, else 0.
inline int grade_label(double grade, double low, double high) { return grade <= low ? -1 : grade >= high ? 1 : 0; }

/// luister-eval's command line: the command, its options, and the lexicon layers as given.
struct EvalToolOptions {
  std::string command;                ///< sentiment, suggest, cluster or aspects
  EvalOptions eval;
  std::vector<std::string> lexicons;  ///< --lexicon [PROCESS=]FILE: configuration A
  std::vector<std::string> compare;   ///< --compare [PROCESS=]FILE: configuration B
  bool no_default_lexicons = false;   ///< --no-default-lexicons: A and B leave out the default layers
};

/// Runs the chosen luister-eval command and writes its report to -o or standard output (only once
/// the report is complete). Returns the exit code.
int run_eval_tool(const EvalToolOptions& options);

/// Maps a gold label to -1, 0 or 1; throws nothing, returns false for an unknown label.
bool parse_gold_label(std::string_view text, int& label);

/// Spearman's rank correlation (ties get average ranks); NaN for fewer than 3 pairs.
double spearman(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace luister
