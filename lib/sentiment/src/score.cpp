#include "luister/sentiment/score.hpp"

#include <algorithm>
#include <iostream>
#include <ostream>
#include <sstream>

#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/csv/canonical.hpp"
#include "luister/csv/values.hpp"
#include "luister/lexicon/lexicon.hpp"
#include "luister/text/pii.hpp"

#include <fmt/format.h>

namespace luister {

int run_score(const ScoreOptions& options) {
  auto scorer = std::make_shared<SentimentScorer>(options.sentiment);
  // The last scorer is left to the process's exit rather than freed entry by entry (a millisecond
  // of every run): kept here, it stays reachable, so a leak checker does not count it.
  static auto* const last_scorer = new std::shared_ptr<const SentimentScorer>();
  *last_scorer = scorer;
  struct Columns {
    std::size_t text = 0;
    long process = -1, question = -1;
    std::string improvement;  // --improvement-question
  };
  auto columns = std::make_shared<Columns>();
  columns->improvement = options.improvement_question;
  FilterSpec spec;
  spec.appended = {"sentiment", "polarity", "evidence", "clauses"};
  spec.on_header = [&options, columns](const std::vector<std::string>& header, const std::string& file) {
    columns->text = require_column(header, options.column, file);
    auto find = [&](const std::string& name) {
      auto it = std::find(header.begin(), header.end(), name);
      return it == header.end() ? -1L : static_cast<long>(it - header.begin());
    };
    columns->process = find(options.process_column);
    columns->question = find(options.question_column);
  };
  struct Worker : RowWorker {
    SentimentScorer::Worker worker;
    SentimentResult result;  // reused from row to row
    std::shared_ptr<Columns> columns;
    Worker(const SentimentScorer& s, std::shared_ptr<Columns> c) : worker(s), columns(std::move(c)) {}
    void process(const std::vector<std::string_view>& fields, std::vector<std::string>& out) override {
      std::string_view process = columns->process >= 0 ? fields[static_cast<std::size_t>(columns->process)] : "";
      const bool suggestion = columns->question >= 0 &&
                              is_improvement_question(fields[static_cast<std::size_t>(columns->question)], columns->improvement);
      SentimentResult& r = result;
      worker.score(fields[columns->text], process, r, suggestion);
      append_fixed(out[0], r.score, 3);
      out[1] = r.polarity;
      SentimentScorer::append_evidence(r, out[2]);
      SentimentScorer::append_clauses(r, worker.analyzed(), out[3]);
    }
  };
  spec.make_worker = [scorer, columns] { return std::make_unique<Worker>(*scorer, columns); };
  return run_filter(options.filter, spec);
}

namespace {

void explain_with(SentimentScorer::Worker& worker, const std::string& text, const std::string& process, std::ostream& out,
                  bool suggestion = false) {
  SentimentResult r = worker.score(text, process, suggestion);
  const AnalyzedText& a = worker.analyzed();
  // Masked like every output that quotes an answer: --explain-rows reads residents' rows.
  out << "text:       " << mask_pii(text) << "\n";
  out << "normalised: " << a.normalized.text << "\n";
  if (!process.empty()) out << "process:    " << process << "\n";
  out << "evidence:\n";
  if (r.non_answer)
    out << "  (a non-answer: the whole text is a line of non-answers-nl.txt, scored neutral)\n";
  else if (r.evidence.empty())
    out << "  (no word of the text is in the lexicon)\n";
  for (const auto& ev : r.evidence) {
    std::string source = ev.entry ? fmt::format("{}:{}", ev.entry->file(), ev.entry->line()) : "";
    out << fmt::format("  {:<24} {:+.2f} -> {:+.3f}  {}{}{}\n", ev.term, ev.base, ev.contribution, source,
                       ev.via.empty() ? "" : "  via " + ev.via, ev.rules.empty() ? "" : "  rules: " + ev.rules);
  }
  double total = 0;
  for (const auto& ev : r.evidence) total += ev.contribution;
  out << fmt::format("total {:+.3f} -> sentiment {:.3f} ({})\n", total, r.score, r.polarity);
  if (r.polarity == "neutral")
    out << "  x/sqrt(x^2+1) of the total is within the neutral band\n";
  else
    out << "  the sign is the total's; the size x/sqrt(x^2+1) of the strongest point plus half of each further\n"
           "  one, less for a wish's share, times the share of the clauses on its side (at least half; a\n"
           "  complaint's only when it turns: maar, alleen, echter, ...)\n";
  std::string clauses;
  SentimentScorer::append_clauses(r, a, clauses);
  out << "clauses:    " << clauses << "\n";
}

}  // namespace

void explain_score(const std::string& text, const std::string& process, const ScoreOptions& options, std::ostream& out,
                   const std::string& question) {
  SentimentScorer scorer(options.sentiment);
  SentimentScorer::Worker worker(scorer);
  explain_with(worker, text, process, out, !question.empty() && is_improvement_question(question, options.improvement_question));
}

int explain_rows(const ScoreOptions& options, std::ostream& out) {
  SentimentScorer scorer(options.sentiment);
  SentimentScorer::Worker worker(scorer);
  std::vector<std::string> inputs = options.filter.common.inputs;
  if (inputs.empty()) inputs.push_back("-");
  for (const auto& path : inputs) {
    CsvInput input = open_csv_input(path, options.filter.common.delimiter);
    const auto& header = input.header;
    std::size_t text = require_column(header, options.column, input.reader->name());
    long process = find_optional_column(header, options.process_column), id = find_optional_column(header, "response_id"),
         question = find_optional_column(header, options.question_column);
    CsvRecord rec;
    while (input.reader->next(rec)) {
      if (rec.blank) continue;
      require_row_width(rec, header.size(), input.reader->name(), input.reader->record_line());
      out << fmt::format("== {}:{}", input.reader->name(), input.reader->record_line());
      if (id >= 0) out << " " << rec.fields[static_cast<std::size_t>(id)];
      if (question >= 0) out << " " << rec.fields[static_cast<std::size_t>(question)];
      out << "\n";
      explain_with(worker, std::string(rec.fields[text]),
                   process >= 0 ? std::string(rec.fields[static_cast<std::size_t>(process)]) : std::string(), out,
                   question >= 0 && is_improvement_question(rec.fields[static_cast<std::size_t>(question)], options.improvement_question));
    }
  }
  return kExitOk;
}

int run_score_tool(const ScoreToolOptions& tool) {
  ScoreOptions options = tool.score;
  options.sentiment.lexicons = parse_layer_specs(tool.lexicons);
  options.sentiment.default_lexicons = !tool.no_default_lexicons;
  if (tool.explain) {
    explain_score(*tool.explain, tool.process, options, std::cout, tool.question);
    std::cout.flush();
    return kExitOk;
  }
  if (tool.explain_rows) {
    std::ostringstream report;
    int rc = explain_rows(options, report);
    Output out(options.filter.common.output);
    out.write(report.str());
    out.commit();
    return rc;
  }
  return run_score(options);
}

}  // namespace luister
