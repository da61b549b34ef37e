#pragma once
/// luister-cluster: recurring complaints per process, with a persistent complaint register.
///
/// What is clustered (--select): by default the criticism — clauses that score negative (with the
/// neutral clauses just before them in the same sentence, for context: "ik heb drie keer gebeld, maar
/// niemand nam op"), every non-positive clause of an answer to the improvement question, and the
/// non-positive part of a low-grade answer in which no clause scored negative. Each such piece is a
/// unit; an answer with two complaints has two units and may land in two themes.
///
/// Units become TF-IDF vectors over stems (stopwords, negators and boosters out), compound parts at
/// half weight, and pairs of adjacent content words ("niet terugbel", "lang wacht"). Per group (the
/// --by column) units go first to guided themes (seed words), then to known themes of the register
/// (cosine with their terms), and the rest is clustered by fit_themes() (themes.hpp). Everything is
/// done in a canonical order of the units (their text, response id, question), so the result does not
/// depend on the order of the rows or the number of threads.
#include <cstddef>
#include <string>
#include <vector>

#include "luister/csv/excel.hpp"
#include "luister/csv/filter.hpp"
#include "luister/sentiment/sentiment.hpp"
#include "luister/cluster/themes.hpp"

namespace luister {

struct ClusterOptions {
  CommonOptions common;
  int threads = 1;
  std::string column = "text";
  std::string by = "process";          ///< group column; "" = all rows together
  std::string select = "criticism";    ///< criticism | negative | improvement | all
  std::string improvement_question;    ///< value of `question` for the improvement question; "" = guess
  std::string question_column = "question";
  std::string grade_column = "grade";
  std::string date_column = "date";
  std::string id_column = "response_id";
  double low_grade = 5;                ///< a grade at or below this makes the whole answer criticism
  std::string period = "week";         ///< week | month: the periods of the register's counts
  std::string aspects_path;            ///< --aspects: the aspect taxonomy; "" = aspects-nl.tsv
  std::string concepts_path;           ///< --concepts: the complaint concepts; "" = concepts-nl.tsv
  std::string register_path;           ///< --register
  /// --context: answers of earlier periods (luister-archive export, with their `theme` column) that
  /// are clustered with the input but neither written nor counted; their themes of then keep the
  /// register's ids (see run_cluster()).
  std::vector<std::string> context_paths;
  std::string summary_path;            ///< --summary (for people: neutralised for spreadsheets)
  std::string excel_copy_path;         ///< --excel-copy: the output rows again, neutralised for spreadsheets
  SheetStyle sheet_style = SheetStyle::kPlain;  ///< --excel nl: --summary and --excel-copy for Dutch Excel
  bool relabel = false;                ///< make fresh automatic labels for known themes
  double known_threshold = 0.10;       ///< a unit joins a known theme at this cosine or more
  double match_threshold = 0.45;       ///< a new cluster is a known theme at this centroid cosine or more
  /// --buffer-size: MiB of input rows and units of criticism kept in memory; beyond it they wait in a
  /// temporary file in $TMPDIR (else /tmp). The output does not depend on it.
  std::size_t buffer_size = 128;
  ThemeFitOptions fit;
  SentimentOptions sentiment;
};

/// Reads every input once (each row and its units of criticism to a spill: memory up to
/// `buffer_size`, then a temporary file), clusters one group at a time, then writes the rows again in
/// input order with `theme`, `theme_label` and `theme_aspect` appended, and the summary and register
/// when asked. Memory grows by some 40 bytes per answer plus the units of the largest group. Returns
/// the exit code.
int run_cluster(const ClusterOptions& options);

/// luister-cluster's command line: the options and the --lexicon layers as given.
struct ClusterToolOptions {
  ClusterOptions cluster;
  std::vector<std::string> lexicons;  ///< --lexicon [PROCESS=]FILE, parsed by run_cluster_tool
  bool no_default_lexicons = false;   ///< --no-default-lexicons: the --lexicon layers replace the defaults
};

/// Runs luister-cluster with the lexicon layers of the command line; returns the exit code.
int run_cluster_tool(const ClusterToolOptions& options);

/// The register's period of an ISO date "2026-11-22[...]": "2026-W47" (ISO 8601 week) or, with
/// `period` "month", "2026-11"; "" when it is no date (or a day that does not exist). The calendar is
/// luister/period.hpp's.
std::string period_of(std::string_view date, const std::string& period);
/// The period before, on ids: "2026-W01" → "2025-W53" or "2025-W52"; "2026-01" → "2025-12"; "" for
/// anything that is no week or month id.
std::string previous_period(const std::string& period);

}  // namespace luister
