#pragma once
/// `luister-score`: lexicon sentiment as a CSV filter, and its --explain view.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "luister/csv/filter.hpp"
#include "luister/sentiment/sentiment.hpp"

namespace luister {

struct ScoreOptions {
  FilterOptions filter;
  std::string column = "text";
  std::string process_column = "process";  ///< used by process-scoped lexicon layers, if present
  /// The question column, if present: answers to the improvement question that say nothing good or
  /// bad are wishes (SentimentScorer::Worker::score's `suggestion`).
  std::string question_column = "question";
  std::string improvement_question;  ///< its value; "" = any holding "verbeter" (is_improvement_question)
  SentimentOptions sentiment;
};

/// Runs luister-score over CSV; returns the exit code.
int run_score(const ScoreOptions& options);

/// Explains the score of one text: every token, the lexicon file and line that scored it, the
/// rules that fired and their contributions, then the total.
/// `question`: the question the text answers ("verbeteren": the improvement question), if known.
void explain_score(const std::string& text, const std::string& process, const ScoreOptions& options, std::ostream& out,
                   const std::string& question = {});

/// The same explanation for every row of the CSV inputs, each headed by the row's line number (and
/// response_id and question when present). Returns the exit code.
int explain_rows(const ScoreOptions& options, std::ostream& out);

/// luister-score's command line: the options, the --lexicon layers as given, and the explain modes.
struct ScoreToolOptions {
  ScoreOptions score;
  std::vector<std::string> lexicons;   ///< --lexicon [PROCESS=]FILE, parsed by run_score_tool
  bool no_default_lexicons = false;    ///< --no-default-lexicons: the --lexicon layers replace the defaults
  std::optional<std::string> explain;  ///< --explain TEXT: explain this text instead of reading CSV
  std::string process;                 ///< --process: the process of the --explain text
  std::string question;                ///< --question: the question the --explain text answers
  bool explain_rows = false;           ///< --explain-rows: explain every row instead of writing CSV
};

/// Runs luister-score as its command line asks: explains one text (on standard output), explains
/// every row (to -o or standard output), or scores the CSV. Returns the exit code.
int run_score_tool(const ScoreToolOptions& options);

}  // namespace luister
