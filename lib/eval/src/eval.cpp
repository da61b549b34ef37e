#include "luister/eval/eval.hpp"

#include "luister/csv/canonical.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <ostream>
#include <random>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "luister/csv/csv.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/cli/progress.hpp"
#include "luister/csv/filter.hpp"
#include "luister/csv/sniff.hpp"
#include "luister/csv/values.hpp"

namespace luister {
namespace {

struct Row {
  std::string text, process, group;  // group: the --by column's value
  bool suggestion = false;           // an answer to the improvement question
  int gold = 0;
  double grade = std::nan("");
};

// What read_rows() found: the labelled rows, and those it left out (with --from-grade, rows whose
// grade is missing or no grade), so the report can say how many.
struct LabelledRows {
  std::vector<Row> rows;
  std::size_t without_grade = 0;
};

// One row's label: the gold column's, or with --from-grade the grade's band. False when the row has
// no grade to learn from (--from-grade only).
bool read_label(const EvalOptions& o, std::string_view gold, Row& r, const InputFile& file, std::size_t line) {
  if (o.from_grade) {
    if (std::isnan(r.grade)) return false;
    r.gold = grade_label(r.grade, o.low_grade, o.high_grade);
    return true;
  }
  if (!parse_gold_label(gold, r.gold))
    throw InputError(file.name(), line, fmt::format("gold label '{}' is not one I know.", gold),
                     "use negative/neutral/positive, neg/neu/pos, -1/0/1 or negatief/neutraal/positief");
  return true;
}

void check_label_options(const EvalOptions& o) {
  if (o.gold.empty() && !o.from_grade)
    throw UsageError("--gold COLUMN or --from-grade is required", "name the column holding the labels, or learn from the grades");
  if (o.from_grade && !(o.low_grade < o.high_grade))
    throw UsageError(fmt::format("--low-grade {} must be below --high-grade {}", o.low_grade, o.high_grade),
                     "e.g. --low-grade 5 --high-grade 8");
}

// Reads every row (evaluation sets are small: thousands of rows, not millions).
LabelledRows read_rows(const EvalOptions& o, Progress& progress) {
  check_label_options(o);
  LabelledRows out;
  std::vector<std::string> inputs = o.common.inputs;
  if (inputs.empty()) inputs.push_back("-");
  progress.phase("reading rows");
  for (const auto& path : inputs) {
    CsvInput input = open_csv_input(path, o.common.delimiter);
    InputFile& file = *input.file;
    CsvReader& reader = *input.reader;
    const std::vector<std::string>& header = input.header;
    CsvRecord rec;
    std::size_t ct = require_column(header, o.column, file.name());
    std::size_t cg = o.from_grade ? require_column(header, o.grade, file.name(), "--grade")
                                  : require_column(header, o.gold, file.name(), "--gold");
    auto find = [&](const std::string& name) {
      auto it = std::find(header.begin(), header.end(), name);
      return it == header.end() ? -1L : static_cast<long>(it - header.begin());
    };
    long cgrade = find(o.grade), cproc = find(o.process), cquestion = find(o.question);
    const long cby = o.by.empty() ? -1L : static_cast<long>(require_column(header, o.by, file.name(), "--by"));
    while (reader.next(rec)) {
      if (rec.blank) continue;
      require_row_width(rec, header.size(), file.name(), reader.record_line());
      Row r;
      r.text = std::string(rec.fields[ct]);
      if (cgrade >= 0) {
        GradeValue g = parse_grade(rec.fields[static_cast<std::size_t>(cgrade)], 0, 10);
        if (g.status == ValueStatus::kOk) r.grade = g.value;
      }
      if (!read_label(o, rec.fields[cg], r, file, reader.record_line())) {
        ++out.without_grade;
        continue;
      }
      if (cproc >= 0) r.process = std::string(rec.fields[static_cast<std::size_t>(cproc)]);
      r.suggestion = cquestion >= 0 && is_improvement_question(rec.fields[static_cast<std::size_t>(cquestion)], o.improvement_question);
      if (cby >= 0) r.group = std::string(rec.fields[static_cast<std::size_t>(cby)]);
      out.rows.push_back(std::move(r));
      progress.update(reader.bytes_read(), file.size(), out.rows.size());
    }
  }
  if (out.rows.empty())
    throw InputError(inputs.front(), 0, o.from_grade ? "no rows with a grade to learn from." : "no labelled rows to evaluate.");
  return out;
}

// "labels: column gold_polarity" or "labels: from the grade (<= 5 negative, >= 8 positive, else
// neutral); 3 rows without a grade left out".
std::string describe_labels(const EvalOptions& o, const LabelledRows& r) {
  if (!o.from_grade) return fmt::format("labels: column {}", o.gold);
  return fmt::format("labels: from the grade (<= {} negative, >= {} positive, else neutral); {} {} without a grade left out",
                     o.low_grade, o.high_grade, r.without_grade, r.without_grade == 1 ? "row" : "rows");
}

struct Scored {
  std::vector<int> label;
  std::vector<double> score;
  std::size_t rows_with_hit = 0, tokens = 0, tokens_hit = 0;
};

// `which` names the lexicons in progress ("A", "B"; "" alone).
Scored score_rows(const std::vector<Row>& rows, const SentimentOptions& so, bool binary, Progress& progress,
                  std::string_view which = "") {
  const std::string lexicons = which.empty() ? std::string("lexicons") : fmt::format("lexicons {}", which);
  progress.phase(fmt::format("loading {}", lexicons));
  SentimentScorer scorer(so);
  SentimentScorer::Worker w(scorer);
  Scored s;
  progress.phase(fmt::format("scoring rows with {}", lexicons), rows.size());
  for (const auto& r : rows) {
    progress.step(s.score.size() + 1);
    SentimentResult res = w.score(r.text, r.process, r.suggestion);
    s.score.push_back(res.score);
    s.label.push_back(binary ? (res.score > 0 ? 1 : -1) : res.polarity == "positive" ? 1 : res.polarity == "negative" ? -1 : 0);
    if (!res.evidence.empty()) ++s.rows_with_hit;
    std::size_t words = 0;
    for (const auto& t : w.analyzed().tokens) words += t.kind == TokenKind::kWord || t.kind == TokenKind::kEmoji || t.kind == TokenKind::kEmoticon;
    std::size_t hit = 0;
    for (const auto& ev : res.evidence) hit += static_cast<std::size_t>(std::count(ev.term.begin(), ev.term.end(), ' ') + 1);
    s.tokens += words;
    s.tokens_hit += std::min(hit, words);
  }
  return s;
}

const char* kNames[3] = {"negative", "neutral", "positive"};

double accuracy(const std::vector<Row>& rows, const std::vector<int>& label, const std::vector<std::size_t>& idx) {
  std::size_t ok = 0;
  for (auto i : idx) ok += rows[i].gold == label[i];
  return idx.empty() ? 0 : static_cast<double>(ok) / static_cast<double>(idx.size());
}

}  // namespace

bool parse_gold_label(std::string_view text, int& label) {
  std::string l(trim(text));
  for (char& c : l)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (l == "negative" || l == "neg" || l == "-1" || l == "negatief" || l == "-1.0") label = -1;
  else if (l == "neutral" || l == "neu" || l == "0" || l == "neutraal" || l == "0.0") label = 0;
  else if (l == "positive" || l == "pos" || l == "1" || l == "+1" || l == "positief" || l == "1.0") label = 1;
  else return false;
  return true;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  if (n < 3) return std::nan("");
  auto ranks = [n](const std::vector<double>& v) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(n);
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) ++j;
      double avg = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
      for (std::size_t k = i; k <= j; ++k) r[order[k]] = avg;
      i = j + 1;
    }
    return r;
  };
  auto rx = ranks(x), ry = ranks(y);
  double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / static_cast<double>(n);
  double my = std::accumulate(ry.begin(), ry.end(), 0.0) / static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxx == 0 || syy == 0 ? std::nan("") : sxy / std::sqrt(sxx * syy);
}

namespace {
// The class table (precision, recall and F1 per class, macro-F1) and the confusion matrix of the
// labels in `a` against the gold labels.
void print_classes(const std::vector<Row>& rows, const Scored& a, std::ostream& out) {
  const std::size_t n = rows.size();
  std::array<std::array<std::size_t, 3>, 3> confusion{};  // [gold][predicted]
  for (std::size_t i = 0; i < n; ++i) confusion[static_cast<std::size_t>(rows[i].gold + 1)][static_cast<std::size_t>(a.label[i] + 1)]++;
  double f1_sum = 0;
  int classes = 0;
  out << "class       precision  recall   f1      gold  predicted\n";
  for (int c = 0; c < 3; ++c) {
    std::size_t gold = 0, pred = 0;
    for (int k = 0; k < 3; ++k) gold += confusion[static_cast<std::size_t>(c)][static_cast<std::size_t>(k)], pred += confusion[static_cast<std::size_t>(k)][static_cast<std::size_t>(c)];
    if (gold == 0 && pred == 0) continue;
    double tp = static_cast<double>(confusion[static_cast<std::size_t>(c)][static_cast<std::size_t>(c)]);
    double p = pred ? tp / static_cast<double>(pred) : 0, r = gold ? tp / static_cast<double>(gold) : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    if (gold > 0) f1_sum += f1, ++classes;
    out << fmt::format("{:<10}  {:>9.3f}  {:>6.3f}  {:>6.3f}  {:>5}  {:>9}\n", kNames[c], p, r, f1, gold, pred);
  }
  out << fmt::format("macro-F1 (over gold classes): {:.3f}\n", classes ? f1_sum / classes : 0.0);
  out << "confusion (rows gold, columns predicted: negative neutral positive):\n";
  for (int g = 0; g < 3; ++g)
    out << fmt::format("  {:<9} {:>6} {:>6} {:>6}\n", kNames[g], confusion[static_cast<std::size_t>(g)][0],
                       confusion[static_cast<std::size_t>(g)][1], confusion[static_cast<std::size_t>(g)][2]);
}

// Configuration B: A's options with the --compare layers instead of the --lexicon ones (on top of
// the default layers when A has them).
SentimentOptions compare_options(const EvalOptions& o) {
  SentimentOptions so = o.sentiment;
  so.lexicons = o.compare;
  return so;
}

// --compare: the rows scored again with the other lexicons (B), against `a` (A): both accuracies
// with a paired bootstrap interval for the difference, and the rows whose label changed.
void print_comparison(const EvalOptions& o, const std::vector<Row>& rows, const Scored& a, std::ostream& out,
                      Progress& progress) {
  Scored b = score_rows(rows, compare_options(o), o.binary, progress, "B");
  const std::size_t n = rows.size();
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  double acc_a = accuracy(rows, a.label, all), acc_b = accuracy(rows, b.label, all);
  // Paired bootstrap: resample rows, recompute both accuracies on the same sample.
  std::mt19937_64 rng(20261123);
  std::uniform_int_distribution<std::size_t> pick(0, n - 1);
  std::vector<double> diffs;
  std::vector<std::size_t> sample(n);
  progress.phase("paired bootstrap", static_cast<std::uint64_t>(std::max(0, o.bootstrap)), "resamples");
  for (int k = 0; k < o.bootstrap; ++k) {
    progress.step(static_cast<std::uint64_t>(k) + 1);
    for (auto& s : sample) s = pick(rng);
    diffs.push_back(accuracy(rows, b.label, sample) - accuracy(rows, a.label, sample));
  }
  std::sort(diffs.begin(), diffs.end());
  auto q = [&](double p) { return diffs.empty() ? 0.0 : diffs[static_cast<std::size_t>(p * static_cast<double>(diffs.size() - 1))]; };
  out << fmt::format("compare: accuracy A {:.3f}, B {:.3f}, B-A {:+.3f}, 95% paired bootstrap interval [{:+.3f}, {:+.3f}] "
                     "({} resamples)\n",
                     acc_a, acc_b, acc_b - acc_a, q(0.025), q(0.975), o.bootstrap);
  std::size_t changed = 0, better = 0, worse = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (a.label[i] == b.label[i]) continue;
    ++changed;
    better += b.label[i] == rows[i].gold;
    worse += a.label[i] == rows[i].gold;
  }
  out << fmt::format("rows whose label changed: {} ({} now right, {} now wrong)\n", changed, better, worse);
  int listed = 0;
  for (std::size_t i = 0; i < n && listed < o.changed_rows; ++i) {
    if (a.label[i] == b.label[i]) continue;
    ++listed;
    std::string t = rows[i].text.substr(0, 80);
    for (char& c : t)
      if (c == '\n' || c == '\r') c = ' ';
    out << fmt::format("  row {}: gold {}, A {}, B {}: {}\n", i + 1, kNames[rows[i].gold + 1], kNames[a.label[i] + 1],
                       kNames[b.label[i] + 1], t);
  }
}

// The grade as a free weak label: Spearman of score and grade, and how often a low grade is scored
// negative and a high grade positive (with a gold column; with --from-grade that is the accuracy).
void print_grade_agreement(const EvalOptions& o, const std::vector<Row>& rows, const Scored& a, std::ostream& out) {
  std::vector<double> xs, ys, gold;
  std::array<std::size_t, 2> seen{0, 0}, agree{0, 0};  // low, high grades
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (std::isnan(rows[i].grade)) continue;
    xs.push_back(a.score[i]), ys.push_back(rows[i].grade), gold.push_back(rows[i].gold);
    const int band = grade_label(rows[i].grade, o.low_grade, o.high_grade);
    if (band == 0) continue;
    const std::size_t side = band > 0 ? 1 : 0;
    ++seen[side];
    agree[side] += a.label[i] == band;
  }
  if (xs.size() >= 3) out << fmt::format("spearman(sentiment, {}): {:.3f} over {} rows\n", o.grade, spearman(xs, ys), xs.size());
  if (o.from_grade || seen[0] + seen[1] == 0) return;
  // What the gold labels themselves reach: a scorer that gets every label right and says no more
  // (three classes) is held to this by the answers whose grade and text disagree.
  if (xs.size() >= 3)
    out << fmt::format("spearman(gold, {}): {:.3f} (what a scorer right on every label reaches with three classes)\n",
                       o.grade, spearman(gold, ys));
  auto share = [](std::size_t k, std::size_t of) { return of ? static_cast<double>(k) / static_cast<double>(of) : 0.0; };
  out << fmt::format("agreement with the grade: {:.3f} (grade <= {} scored negative {:.3f} of {}, grade >= {} scored positive {:.3f} of {})\n",
                     share(agree[0] + agree[1], seen[0] + seen[1]), o.low_grade, share(agree[0], seen[0]), seen[0],
                     o.high_grade, share(agree[1], seen[1]), seen[1]);
}

}  // namespace

// --by: rows, accuracy and predicted classes per value of the column, or per value and gold class
// where a value holds rows of more than one ("mixed/negative", "mixed/positive").
void print_groups(const EvalOptions& o, const std::vector<Row>& rows, const Scored& a, std::ostream& out) {
  std::map<std::string, std::set<int>> golds;
  for (const Row& r : rows) golds[r.group].insert(r.gold);
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const std::string value = r.group.empty() ? "(empty)" : r.group;
    groups[golds[r.group].size() > 1 ? fmt::format("{}/{}", value, kNames[r.gold + 1]) : value].push_back(i);
  }
  std::size_t width = o.by.size();
  for (const auto& [g, idx] : groups) width = std::max(width, g.size());
  out << fmt::format("per {}:\n  {:<{}} {:>6}  {:>8}  predicted {:>8} {:>8} {:>8}\n", o.by, o.by, width, "rows", "accuracy",
                     kNames[0], kNames[1], kNames[2]);
  for (const auto& [g, idx] : groups) {
    std::array<std::size_t, 3> predicted{};
    for (std::size_t i : idx) ++predicted[static_cast<std::size_t>(a.label[i] + 1)];
    out << fmt::format("  {:<{}} {:>6}  {:>8.3f}            {:>8} {:>8} {:>8}\n", g, width, idx.size(), accuracy(rows, a.label, idx),
                       predicted[0], predicted[1], predicted[2]);
  }
}

int eval_sentiment(const EvalOptions& o, std::ostream& out) {
  Progress progress(progress_enabled(o.common.progress));
  const LabelledRows labelled = read_rows(o, progress);
  const std::vector<Row>& rows = labelled.rows;
  Scored a = score_rows(rows, o.sentiment, o.binary, progress, o.compare.empty() ? "" : "A");
  const std::size_t n = rows.size();
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);

  // Which lexicons were measured, the default baseline included: a comparison names both sides.
  if (o.compare.empty()) out << fmt::format("lexicons: {}\n", describe_lexicons(o.sentiment));
  else
    out << fmt::format("lexicons A: {}\nlexicons B: {}\n", describe_lexicons(o.sentiment),
                       describe_lexicons(compare_options(o)));
  if (o.from_grade) out << describe_labels(o, labelled) << '\n';
  out << fmt::format("rows: {}\naccuracy: {:.3f}\n", n, accuracy(rows, a.label, all));
  print_classes(rows, a, out);
  print_grade_agreement(o, rows, a, out);
  out << fmt::format("coverage: {:.1f}% of rows have a lexicon hit; {:.1f}% of word tokens are scored\n",
                     100.0 * static_cast<double>(a.rows_with_hit) / static_cast<double>(n),
                     a.tokens ? 100.0 * static_cast<double>(a.tokens_hit) / static_cast<double>(a.tokens) : 0.0);
  std::map<std::string, std::vector<std::size_t>> by_process;
  for (std::size_t i = 0; i < n; ++i)
    if (!rows[i].process.empty()) by_process[rows[i].process].push_back(i);
  if (!by_process.empty()) {
    out << "per process:\n";
    for (const auto& [p, idx] : by_process)
      out << fmt::format("  {:<28} {:>6} rows  accuracy {:.3f}\n", p, idx.size(), accuracy(rows, a.label, idx));
  }
  if (!o.by.empty()) print_groups(o, rows, a, out);
  if (!o.compare.empty()) print_comparison(o, rows, a, out, progress);
  return kExitOk;
}

namespace {

// Counts of unigrams and bigrams in negative [0] and positive [1] rows.
struct TermCounts {
  std::unordered_map<std::string, std::array<double, 2>> counts;
  std::array<double, 2> totals{0, 0};
};

// A word that says nothing by itself about the service: a stopword, or one the rules already use
// (negators, boosters) — a pair holding one is left to the rules, too.
bool rule_or_stop_word(const SentimentScorer& scorer, const StopWords& stop, const std::string& w) {
  return stop.contains(w) || scorer.is_negator(w) || scorer.is_intensifier(w);
}

TermCounts count_terms(const std::vector<Row>& rows, const SentimentScorer& scorer, const SentimentOptions& so,
                       Progress& progress) {
  const TextPipeline text(so.text);
  StopWords stop;
  TermCounts tc;
  AnalyzedText a;
  std::vector<std::string> words;
  progress.phase("counting words and word pairs", rows.size());
  std::uint64_t done = 0;
  for (const auto& r : rows) {
    progress.step(++done);
    if (r.gold == 0) continue;
    std::size_t side = r.gold > 0 ? 1 : 0;
    text.analyze(r.text, a);
    words.clear();
    for (const auto& t : a.tokens)
      if (t.kind == TokenKind::kWord) words.emplace_back(t.text(a.normalized.text));
    for (std::size_t i = 0; i < words.size(); ++i) {
      const bool plain = !rule_or_stop_word(scorer, stop, words[i]);
      if (plain) tc.counts[words[i]][side] += 1, tc.totals[side] += 1;
      if (plain && i + 1 < words.size() && !rule_or_stop_word(scorer, stop, words[i + 1]))
        tc.counts[words[i] + " " + words[i + 1]][side] += 1, tc.totals[side] += 1;
    }
  }
  return tc;
}

struct Suggestion {
  std::string term;
  double z;      ///< z-score of the log-odds ratio (positive: a positive term)
  double delta;  ///< the log-odds ratio itself
  double neg, pos;
};

// Whether the scorer already finds `term` (as listed, through its stem or compound head), or for a
// pair one of its words: scoring the term alone shows what the rules make of it.
bool lexicon_knows(SentimentScorer::Worker& worker, const std::string& term) {
  return !worker.score(term).evidence.empty();
}

// The log-odds ratio with an informative Dirichlet prior (alpha_w proportional to w's background
// frequency), for every term seen at least 3 times that the lexicon lacks.
std::vector<Suggestion> rank_terms(const TermCounts& tc, const SentimentScorer& scorer, double prior,
                                   Progress& progress) {
  SentimentScorer::Worker worker(scorer);
  const double grand = tc.totals[0] + tc.totals[1];
  const double alpha0 = prior * grand;
  std::vector<Suggestion> found;
  progress.phase("ranking terms", tc.counts.size(), "terms");
  std::uint64_t done = 0;
  for (const auto& [term, c] : tc.counts) {
    progress.step(++done);
    if (c[0] + c[1] < 3 || lexicon_knows(worker, term)) continue;
    double aw = alpha0 * (c[0] + c[1]) / grand;
    double lp = std::log((c[1] + aw) / (tc.totals[1] + alpha0 - c[1] - aw));
    double ln = std::log((c[0] + aw) / (tc.totals[0] + alpha0 - c[0] - aw));
    double var = 1 / (c[1] + aw) + 1 / (c[0] + aw);
    found.push_back({term, (lp - ln) / std::sqrt(var), lp - ln, c[0], c[1]});
  }
  std::sort(found.begin(), found.end(), [](const Suggestion& x, const Suggestion& y) {
    if (std::abs(x.z) != std::abs(y.z)) return std::abs(x.z) > std::abs(y.z);
    return x.term < y.term;
  });
  return found;
}

// The candidates as a lexicon layer: score 2P(positive|term)-1 at balanced classes, i.e.
// tanh(delta/2), capped at ±0.9 and rounded to 0.05; terms in byte order. Written whole or not at all.
void write_layer(const EvalOptions& o, const LabelledRows& rows, const std::vector<Suggestion>& found) {
  std::vector<const Suggestion*> kept;
  for (const auto& s : found)
    if (std::abs(s.z) >= o.min_z && s.neg + s.pos >= o.min_count) kept.push_back(&s);
  std::sort(kept.begin(), kept.end(), [](const Suggestion* x, const Suggestion* y) { return x->term < y->term; });
  std::string text = fmt::format(
      "# Learned by luister-eval suggest from {} rows; {}.\n"
      "# Terms the lexicon lacks with |z| >= {} seen at least {} times; score = tanh(log-odds/2), capped at 0.9.\n"
      "# Review before use; use on purpose: luister-score --lexicon THIS_FILE.\n"
      "term\tscore\ttags\n",
      rows.rows.size(), describe_labels(o, rows), o.min_z, o.min_count);
  for (const Suggestion* s : kept) {
    double score = std::clamp(std::round(std::tanh(s->delta / 2) * 20) / 20, -0.9, 0.9);
    if (score == 0) continue;
    text += fmt::format("{}\t{:.2f}\tlearned\n", s->term, score);
  }
  Output file(o.write_layer);
  file.write(text);
  file.commit();
}

}  // namespace

int eval_suggest(const EvalOptions& o, std::ostream& out) {
  Progress progress(progress_enabled(o.common.progress));
  const LabelledRows rows = read_rows(o, progress);
  progress.phase("loading lexicons");
  SentimentScorer scorer(o.sentiment);
  const std::vector<Suggestion> found =
      rank_terms(count_terms(rows.rows, scorer, o.sentiment, progress), scorer, o.prior, progress);
  if (o.from_grade) out << describe_labels(o, rows) << '\n';
  auto emit = [&](bool positive) {
    out << fmt::format("# {} candidates missing from the lexicon (z of log-odds, counts in negative/positive rows)\n",
                       positive ? "positive" : "negative");
    int shown = 0;
    for (const auto& s : found)
      if ((s.z > 0) == positive && shown++ < o.suggestions)
        out << fmt::format("{}\t{:+.2f}\t{:.0f}\t{:.0f}\n", s.term, s.z, s.neg, s.pos);
  };
  emit(false);
  emit(true);
  if (!o.write_layer.empty()) {
    progress.phase("writing the lexicon layer");
    write_layer(o, rows, found);
  }
  return kExitOk;
}

}  // namespace luister
