// luister-cluster: recurring complaints per process, with a persistent complaint register.
#include "luister/cli/cli.hpp"
#include "luister/cluster/cluster.hpp"

namespace {

constexpr const char* kFooter = R"HELP(Input: canonical CSV (from luister-import, scored or not: the text is scored clause by clause
here). All rows are read before anything is written: clustering needs them together. They wait
in memory up to --buffer-size MiB, beyond it in a temporary file in $TMPDIR (else /tmp); only the
units of one group at a time are held for clustering.
Output: every input column, then
  theme        theme ids of the answer's complaints, separated by ';' (T0003;T0007), 'overig' for
               criticism that fits no theme, empty for answers without criticism
  theme_label  their labels in plain Dutch, separated by '; '
  theme_aspect their aspects (aspects-nl.tsv keys: wachttijd, kosten, ...), ';'-separated

What is clustered (--select):
  criticism    (default) clauses that score negative, with the neutral clauses just before them;
               clauses holding a wish ('zou fijn zijn', 'graag ...'; lexicons/wishes-nl.txt);
               in praise, neutral clauses with a reservation ('wel', 'minpuntje';
               lexicons/reservations-nl.txt);
               every non-positive clause of answers to the improvement question (question holding
               'verbeter', or --improvement-question) unless the answer only praises or says it
               does not know; the non-positive part of low-grade answers
  negative     only clauses that score negative
  improvement  only answers to the improvement question
  all          every answer, whole

Themes are found per --by group (default process): TF-IDF over stems, compound parts, word pairs
and each answer's aspect (--aspects FILE, default lexicons/aspects-nl.tsv); spherical k-means that
over-splits, then merging of alike clusters, so the number of themes is chosen from the data (at
most --max-themes per group, known themes included); groups smaller than --min-size go to 'overig'.
Each theme gets the aspect most of its answers have, and a label from their own words.
The same input gives the same output whatever the row order or -j.

Register (--register FILE): the themes of earlier runs, with ids, labels, defining terms, counts
per period and status (new, growing, shrinking, stable, gone). Answers go to known themes first;
a new id is made only for a new group and never reused. Edit the file to rename (label), pin
(pinned = yes), merge (merged_into = T0004) or guide (a [new] block with seeds = word, phrase).

Context (--context FILE, with --register): the answers of the weeks before, as luister-archive
export writes them (with the theme column of their run). A week of answers is too few to find
its complaints in, and known themes matched one answer at a time drift; with context the input
and the earlier answers are clustered together, afresh (guided and pinned themes still first),
and each theme found keeps a register id when most of its earlier answers had it and most of
that id's earlier answers are in it (two or more), else the id of the known theme it resembles,
else a new id; an automatic label is made anew when a new one covers 0.3 more of its answers.
Only the input is written, counted in the register and quoted in the summary; an answer that is
both in the input and in the context (same response_id and question) counts as input; a process
only the context has is left as it is. luister-weekly passes the archive's weeks before the one
it runs (context_weeks, default 8).

Summary (--summary FILE): one row per group and theme: label, aspect, answers, share of the group's
answers, share of its criticism, mean grade, status, label_coverage (the share of its members in the
input that hold the label's content words: low means the label names only part of the theme),
three typical quotes (masked). It is
meant for people: a cell that Excel or LibreOffice would run as a formula (starting with = + - @,
also after spaces or quotes, or their full-width forms; a plain negative number stays) gets a '
in front.

Excel copy (--excel-copy FILE): the output rows once more, every cell neutralised the same way, to
publish beside the other spreadsheets. The output itself (stdout or -o) is canonical CSV and exact.

--excel nl writes the summary and the Excel copy for Dutch Excel, which opens them right on a double
click: UTF-8 with a byte order mark, ';' between cells, decimal commas (0,250), Dutch headers
(groep, thema, omschrijving, antwoorden, aandeel, aandeel van de kritiek, gemiddeld cijfer, status,
citaat 1..3; respondent, datum, proces, kanaal, cijfer, vraag, antwoord, ... in the copy), every
number alone in its cell. Without it they are CSV as the pipeline writes it (',' and '.').

Example:
  luister-import export.csv | luister-score | luister-cluster --register themes.txt --summary themes.csv)HELP";

}  // namespace

int main(int argc, char** argv) {
  luister::ClusterToolOptions opt;
  CLI::App app{"luister-cluster — group the criticism in Dutch answers into recurring complaints per process",
               "luister-cluster"};
  app.footer(kFooter);
  luister::add_common_options(app, opt.cluster.common);
  luister::add_thread_option(app, opt.cluster.threads);
  app.add_option("-c,--column", opt.cluster.column, "Column holding the text")->capture_default_str();
  app.add_option("--by", opt.cluster.by, "Cluster per value of this column; '' for all rows together")->capture_default_str();
  app.add_option("--select", opt.cluster.select, "What to cluster: criticism, negative, improvement or all")
      ->capture_default_str();
  app.add_option("--improvement-question", opt.cluster.improvement_question,
                 "The question value of the improvement question (default: any holding 'verbeter')");
  app.add_option("--min-size", opt.cluster.fit.min_size,
                 "Smallest theme; smaller groups go to 'overig' (in a group of fewer than ten times as many answers, "
                 "a tenth of them, at least 2); a theme of fewer than 3 must say what is wrong")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--max-themes", opt.cluster.fit.max_themes, "Most themes per group")
      ->capture_default_str()
      ->check(CLI::Range(1, 500));
  app.add_option("--random-seed", opt.cluster.fit.seed,
                 "Seed of k-means++'s random choices: the same seed gives the same themes; another moves them a "
                 "little (NMI about +-0.02 on the labelled sets), for checking how stable a figure or a theme is")
      ->capture_default_str()
      ->check(CLI::Range(0, 2147483647));
  app.add_option("--merge-threshold", opt.cluster.fit.merge_threshold,
                 "Merge clusters whose centroids have at least this cosine (higher: more, finer themes)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--aspects", opt.cluster.aspects_path,
                 "Aspect taxonomy (default lexicons/aspects-nl.tsv; format in lexicons/README.md)");
  app.add_option("--concepts", opt.cluster.concepts_path,
                 "Complaint concepts: the words residents use for one thing (default lexicons/concepts-nl.tsv; same format)");
  app.add_option("--register", opt.cluster.register_path, "Complaint register to read and update");
  app.add_option("--context", opt.cluster.context_paths,
                 "Earlier answers (luister-archive export, with their themes) to cluster with the input, not written "
                 "or counted (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--summary", opt.cluster.summary_path, "Write one row per group and theme to FILE");
  app.add_option("--excel-copy", opt.cluster.excel_copy_path,
                 "Also write the output rows to FILE with formula-like cells neutralised, for Excel");
  luister::add_excel_option(app, opt.cluster.sheet_style, "--summary and --excel-copy");
  app.add_option("--period", opt.cluster.period, "Period of the register's counts: week or month")->capture_default_str();
  app.add_option("--buffer-size", opt.cluster.buffer_size,
                 "MiB of rows and criticism kept in memory; beyond it they wait in a temporary file in $TMPDIR")
      ->capture_default_str()
      ->check(CLI::Range(0, 1 << 20));
  app.add_flag("--relabel", opt.cluster.relabel, "Make fresh automatic labels for known themes (renamed ones stay)");
  app.add_option("--lexicon", opt.lexicons,
                 "Add a sentiment lexicon layer on top of the defaults ([PROCESS=]FILE, repeatable), as luister-score")
      ->allow_extra_args(false);
  app.add_flag("--no-default-lexicons", opt.no_default_lexicons,
               "Leave out the default lexicons: the --lexicon layers alone, as luister-score");
  app.add_option("--non-answers", opt.cluster.sentiment.non_answers,
                 "Whole answers that say nothing: no criticism, counted apart (default lexicons/non-answers-nl.txt)")
      ->type_name("FILE");
  return luister::run_tool("luister-cluster", app, [&] {
    app.parse(argc, argv);
    return luister::run_cluster_tool(opt);
  });
}
