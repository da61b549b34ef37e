// luister-score: lexicon sentiment for Dutch answers, with evidence.
#include "luister/cli/cli.hpp"
#include "luister/sentiment/score.hpp"

int main(int argc, char** argv) {
  luister::ScoreToolOptions opt;
  CLI::App app{"luister-score — score the sentiment of Dutch answers against a lexicon, with evidence", "luister-score"};
  app.footer(R"HELP(Input: CSV with a header row (canonical CSV from luister-import), UTF-8. Raw text is fine:
it goes through the shared Dutch text layer (normalising, masking) first.
Output: every input column, then
  sentiment  -1.000 .. 1.000: the sum x of the contributions gives the sign; the size is
             x / sqrt(x^2 + 1) of the strongest point on that side plus half of each further
             one, less 0.7 x a wish's share ("Graag ..." is milder than a complaint), times the
             share of the clauses on that side when others say the opposite (at least half:
             praise beside a complaint, in a complaint only after maar/alleen/echter/...),
             and at least 0.05
  polarity   negative | neutral | positive (neutral when |sentiment| < 0.05)
  evidence   the terms and rules that moved the score, with their contribution
  clauses    each clause's polarity (+ - 0) and its words, " | " between clauses:
             "+ snel geholpen | - wachttijd was 30 min"; with --aspects each clause that says
             something also names its aspect: "+bejegening snel geholpen | -wachttijd wachttijd was 30 min"
Rules: negation with a scope (niet, geen, nooit, niets, niemand, nergens, zonder, ...; it stops at
"om te" and a dat/of-clause, "niet langer wachten" stays a wait), boosters and downtoners (heel,
erg, super, een beetje, redelijk, ...), contrast (the part after maar/echter/toch weighs
x1.5, before it x0.5; after alleen/enkel, a minor point, x1), emphasis (! up to x1.3, CAPITALS
x1.3, elongation x1.2), stems, compound heads and on- prefixes for words the lexicon lacks,
multi-word expressions; "te" before an infinitive is no booster.
Complaint rules (word classes in lexicons/complaint-nl.tsv), named in the evidence: duration ("al
5 weken", "ruim anderhalf uur gewacht", "het duurde wel een paar maanden"), price ("prijs is wel
fors", "tarief verhoogd"), announces ("enige minpuntje is dat …"), count ("3x gebeld", "4
verschillende consulenten"), effort ("had er 2 uur voor nodig", "elke dag gebeld"), persist
("nog steeds"), expectation ("zou … niet", "beloofd … het is nu"), elapsed ("Het is nu
dinsdag."), delay (clock times, 11:05 or 11.05, or dates far apart), question ("Waarom …?"), imperative ("Pak
die telefoon nou eens op!!"), wish ("zou … handig zijn", "Graag …", "Geef …", "Kunnen jullie …?":
mild criticism), negation (a negated action), relief ("ik hoefde niets opnieuw"), uncertain ("weet niet of"), scare quotes
('hersteld'), rhetorical ("kan toch niet"), sarcasm (praise + "hoor", praise opening or closing
an answer of complaints), accepted ("maar dat snap ik wel", "hoort erbij": no complaint).

Lexicons: the default layers lexicons/sentiment-nl.tsv and lexicons/emoji-nl.tsv, then each
--lexicon FILE as a layer on top of them (a later layer overrides earlier ones for the words it
knows); --lexicon Wmo=FILE adds a layer for rows whose process is Wmo only. --no-default-lexicons
leaves the defaults out: the --lexicon layers alone (one of them for every process).
The layers are read from a compiled copy in $XDG_CACHE_HOME/luister (else ~/.cache/luister), made
at the first run and remade whenever a lexicon file changes; --no-cache parses the files instead.

Example:
  luister-import export.csv | luister-score -j 2 | luister-cluster
  luister-score --explain "Niet slecht, maar de wachttijd was HEEL lang!")HELP");
  luister::add_common_options(app, opt.score.filter.common);
  luister::add_thread_option(app, opt.score.filter.threads);
  app.add_option("-c,--column", opt.score.column, "Column holding the text")->capture_default_str();
  app.add_option("--process-column", opt.score.process_column, "Column naming the process, for scoped lexicon layers")
      ->capture_default_str();
  app.add_option("--lexicon", opt.lexicons,
                 "Add a lexicon layer on top of the defaults; PROCESS=FILE limits it to one process (repeatable)")
      ->type_name("[PROCESS=]FILE")
      ->allow_extra_args(false);
  app.add_flag("--no-default-lexicons", opt.no_default_lexicons,
               "Leave out the default lexicons: score with the --lexicon layers alone");
  app.add_flag("--no-cache", [&](std::int64_t) { opt.score.sentiment.compiled_lexicon = false; },
               "Parse the lexicon files instead of reading their compiled copy, and write none");
  app.add_flag("--aspects", opt.score.sentiment.clause_aspects,
               "Give each clause in the clauses column its aspect (lexicons/aspects-nl.tsv): +bejegening, -wachttijd");
  app.add_option("--aspects-file", opt.score.sentiment.aspects, "With --aspects: the aspect taxonomy (default lexicons/aspects-nl.tsv)");
  app.add_option("--negators", opt.score.sentiment.negators, "Negator list (default lexicons/negators-nl.txt)");
  app.add_option("--intensifiers", opt.score.sentiment.intensifiers, "Booster/downtoner list (default lexicons/intensifiers-nl.tsv)");
  app.add_option("--improvement-question", opt.score.improvement_question,
                 "The question value of the improvement question, whose answers that say nothing good or bad are wishes "
                 "(default: any holding 'verbeter')");
  app.add_option("--non-answers", opt.score.sentiment.non_answers,
                 "Whole answers that say nothing, scored neutral (default lexicons/non-answers-nl.txt)")
      ->type_name("FILE");
  app.add_option_function<std::string>(
      "--explain", [&](const std::string& t) { opt.explain = t; },
      "Explain the score of one TEXT: lexicon file and line per term, rules, contributions")
      ->type_name("TEXT");
  app.add_option("--process", opt.process, "With --explain: the process the text belongs to");
  app.add_option("--question", opt.question, "With --explain: the question the text answers (e.g. verbeteren)");
  app.add_flag("--explain-rows", opt.explain_rows,
               "Explain every row of the input instead of writing CSV (lexicon file and line, rules, contributions)");
  return luister::run_tool("luister-score", app, [&] {
    app.parse(argc, argv);
    return luister::run_score_tool(opt);
  });
}
