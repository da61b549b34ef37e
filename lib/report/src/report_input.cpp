// Rows for the report from canonical CSV or the luister-archive history.
#include <algorithm>
#include <charconv>
#include <limits>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/join.hpp>
#include <boost/algorithm/string/split.hpp>
#include <fmt/format.h>

#include "luister/archive/archive.hpp"
#include "luister/base/error.hpp"
#include "luister/csv/filter.hpp"
#include "luister/report/report.hpp"
#include "luister/csv/canonical.hpp"
#include "luister/csv/values.hpp"

namespace luister::report {
namespace {

// Rows without a process get a name of their own, so they never pass for the overall figures.
constexpr const char* kNoProcess = "\xE2\x80\x93";  // –
constexpr const char* kImportHint = "pipe the export through luister-import first";

long find_column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<long>(it - header.begin());
}

// Names shown in tables and headings: line breaks and tabs would break a Markdown table.
std::string one_line(std::string_view text) {
  std::string out(trim(text));
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

// The items of a ';'-separated cell (theme ids or labels), trimmed and on one line; empty ones left out.
std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string_view> parts;
  boost::algorithm::split(parts, cell, boost::algorithm::is_any_of(";"));
  std::vector<std::string> out;
  for (std::string_view part : parts) {
    std::string_view item = trim(part);
    if (!item.empty()) out.push_back(one_line(item));
  }
  return out;
}

// Where a value comes from, for messages: a file and line, or the archive and the answer's key.
struct Place {
  const std::string& name;
  std::uint64_t line = 0;                 // 0: none (the archive), then the answer's key says where
  std::string_view id = {}, question = {};
  InputError error(const std::string& message, std::string hint) const {
    if (line > 0) return InputError(name, line, message, std::move(hint));
    return InputError(name, 0, fmt::format("response_id '{}', question '{}': {}", id, question, message),
                      std::move(hint));
  }
};

// Turns canonical columns into report rows, wherever they come from, so that the CSV and the
// archive give the same rows for the same answers.
class RowMaker {
 public:
  // Throws InputError at line 1 of `name` when a required column is missing.
  RowMaker(const std::vector<std::string>& header, const std::string& name) {
    auto need = [&](const char* column) {
      long index = find_column(header, column);
      if (index >= 0) return static_cast<std::size_t>(index);
      const std::string columns = header.empty() ? "" : "'" + boost::algorithm::join(header, "', '") + "'";
      throw InputError(name, 1, fmt::format("no column '{}' in the header ({}).", column, columns),
                       "luister-report reads canonical CSV; pipe the export through luister-import (and "
                       "luister-score, luister-cluster) first");
    };
    c_id_ = need("response_id"), c_date_ = need("date"), c_process_ = need("process"), c_grade_ = need("grade"),
    c_question_ = need("question"), c_text_ = need("text");
    c_sentiment_ = find_column(header, "sentiment"), c_polarity_ = find_column(header, "polarity"),
    c_evidence_ = find_column(header, "evidence"), c_theme_ = find_column(header, "theme"),
    c_label_ = find_column(header, "theme_label");
    c_clauses_ = find_column(header, "clauses");
    c_aspect_ = find_column(header, "theme_aspect");
  }
  bool has_sentiment() const { return c_polarity_ >= 0; }
  bool has_themes() const { return c_theme_ >= 0; }
  bool has_clauses() const { return c_clauses_ >= 0; }
  std::string_view date(const std::vector<std::string_view>& f) const { return trim(f[c_date_]); }
  std::string_view id(const std::vector<std::string_view>& f) const { return trim(f[c_id_]); }
  std::string_view question(const std::vector<std::string_view>& f) const { return trim(f[c_question_]); }

  // The day of a date cell that is not empty; throws when it breaks canonical CSV's rules (the
  // rules luister-archive add checks too).
  Day day(std::string_view date, const Place& at) const {
    std::optional<Day> day = canonical_day(date);
    if (!day) throw at.error(canonical_date_problem(date), kImportHint);
    return *day;
  }

  Row make(const std::vector<std::string_view>& f, Day day, const Place& at) const {
    Row row;
    row.day = day;
    row.response_id = std::string(trim(f[c_id_]));
    row.process = one_line(f[c_process_]);
    if (row.process.empty()) row.process = kNoProcess;
    row.question = std::string(trim(f[c_question_]));
    row.text = std::string(f[c_text_]);
    GradeValue grade = canonical_grade(f[c_grade_]);
    if (grade.status == ValueStatus::kOk) {
      row.grade = grade.value;
    } else if (grade.status != ValueStatus::kEmpty) {
      throw at.error(canonical_grade_problem(f[c_grade_]), kImportHint);
    }
    if (c_sentiment_ >= 0) {
      std::string_view s = trim(f[static_cast<std::size_t>(c_sentiment_)]);
      if (!s.empty()) {
        double value = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
        if (ec != std::errc() || ptr != s.data() + s.size() || value < -1 || value > 1)
          throw at.error(fmt::format("sentiment '{}' is not a number from -1 to 1.", s),
                         "the column comes from luister-score; run it again on the canonical CSV");
        row.sentiment = value;
      }
    }
    if (c_polarity_ >= 0) {
      std::string_view p = trim(f[static_cast<std::size_t>(c_polarity_)]);
      if (p == "negative") row.polarity = Polarity::kNegative;
      else if (p == "neutral") row.polarity = Polarity::kNeutral;
      else if (p == "positive") row.polarity = Polarity::kPositive;
      else if (!p.empty())
        throw at.error(fmt::format("polarity '{}' is not negative, neutral or positive.", p),
                       "the column comes from luister-score; run it again on the canonical CSV");
    }
    if (c_evidence_ >= 0) row.evidence = std::string(f[static_cast<std::size_t>(c_evidence_)]);
    if (c_clauses_ >= 0) row.clauses = std::string(f[static_cast<std::size_t>(c_clauses_)]);
    if (c_theme_ >= 0) {
      row.themes = split_list(f[static_cast<std::size_t>(c_theme_)]);
      if (c_label_ >= 0) row.theme_labels = split_list(f[static_cast<std::size_t>(c_label_)]);
      // Labels go with ids by position; when they do not line up, the ids are the labels.
      if (row.theme_labels.size() != row.themes.size()) row.theme_labels = row.themes;
      if (c_aspect_ >= 0) row.theme_aspects = split_aspects(f[static_cast<std::size_t>(c_aspect_)]);
      row.theme_aspects.resize(row.themes.size());
    }
    return row;
  }

 private:
  std::size_t c_id_ = 0, c_date_ = 0, c_process_ = 0, c_grade_ = 0, c_question_ = 0, c_text_ = 0;
  long c_sentiment_ = -1, c_polarity_ = -1, c_evidence_ = -1, c_theme_ = -1, c_label_ = -1, c_clauses_ = -1, c_aspect_ = -1;

  // "wachttijd;;kosten": one key per theme, empty ones kept so the keys line up with the ids.
  static std::vector<std::string> split_aspects(std::string_view cell) {
    std::vector<std::string> out;
    if (trim(cell).empty()) return out;
    std::size_t start = 0;
    while (true) {
      const std::size_t end = cell.find(';', start);
      out.emplace_back(trim(cell.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return out;
  }
};

}  // namespace

CsvRowSource::CsvRowSource(std::vector<std::string> inputs, char delimiter)
    : inputs_(std::move(inputs)), delimiter_(delimiter) {
  if (inputs_.empty()) inputs_.push_back("-");
}

SourceInfo CsvRowSource::read(const RowRequest& request, std::vector<Row>& rows) {
  SourceInfo info;
  const std::optional<Period>& window = request.window;
  // Without a window, rows older than what the newest day so far needs are dropped on arrival, and
  // those already kept are dropped whenever the kept rows have doubled: memory follows the window,
  // not the history.
  const bool sliding = !window && request.earliest;
  Day earliest = std::numeric_limits<Day>::min();
  std::size_t compact_at = std::max<std::size_t>(rows.size() * 2, 4096);
  auto compact = [&] {
    auto old = std::remove_if(rows.begin(), rows.end(), [&](const Row& r) { return r.day < earliest; });
    info.rows_outside_window += static_cast<std::uint64_t>(rows.end() - old);
    rows.erase(old, rows.end());
    compact_at = std::max<std::size_t>(rows.size() * 2, 4096);
  };
  std::string first_name;
  Progress& progress = request.progress ? *request.progress : Progress::off();
  std::uint64_t bytes_before = 0, total_bytes = 0;
  for (std::size_t input_index = 0; input_index < inputs_.size(); ++input_index) {
    CsvInput input = open_csv_input(inputs_[input_index], delimiter_);
    const std::string& name = input.file->name();
    total_bytes += input.file->size();
    info.names.push_back(name);
    const std::vector<std::string>& header = input.header;
    const RowMaker maker(header, name);
    if (input_index == 0) {
      info.has_sentiment = maker.has_sentiment();
      info.has_themes = maker.has_themes();
      first_name = name;
    } else if (maker.has_sentiment() != info.has_sentiment || maker.has_themes() != info.has_themes) {
      const char* column = maker.has_themes() != info.has_themes ? "theme" : "polarity";
      const bool here = find_column(header, column) >= 0;
      throw InputError(name, 1,
                       fmt::format("this input has {}'{}' column while {} has {}; the report cannot mix them.",
                                   here ? "a " : "no ", column, first_name, here ? "none" : "one"),
                       "run every input through the same tools (luister-score, luister-cluster)");
    }

    info.has_clauses = info.has_clauses || maker.has_clauses();
    CsvReader& reader = *input.reader;
    CsvRecord rec;
    while (reader.next(rec)) {
      if (rec.blank) continue;
      const Place at{name, reader.record_line()};
      if (rec.fields.size() != header.size())
        throw at.error(fmt::format("row has {} fields, the header has {}.", rec.fields.size(), header.size()),
                       kImportHint);
      ++info.rows_read;
      progress.update(bytes_before + reader.bytes_read(), total_bytes, info.rows_read);
      const std::string_view date = maker.date(rec.fields);
      if (date.empty()) {
        ++info.rows_without_date;
        continue;
      }
      const Day day = maker.day(date, at);
      if (!info.first_day || day < *info.first_day) info.first_day = day;
      if (!info.last_day || day > *info.last_day) {
        info.last_day = day;
        if (sliding) earliest = request.earliest(day);
      }
      if ((window && !window->contains(day)) || day < earliest) {
        ++info.rows_outside_window;
        continue;
      }
      if (sliding && rows.size() >= compact_at) compact();
      rows.push_back(maker.make(rec.fields, day, at));
    }
    bytes_before += reader.bytes_read();
  }
  return info;
}

ArchiveRowSource::ArchiveRowSource(std::string db, int wait_seconds) : db_(std::move(db)), wait_seconds_(wait_seconds) {}

std::optional<Day> ArchiveRowSource::newest_day() { return archive_extent(db_, wait_seconds_).last_day; }

SourceInfo ArchiveRowSource::read(const RowRequest& request, std::vector<Row>& rows) {
  SourceInfo info;
  info.names.push_back(db_);
  ArchiveSelection selection;
  if (request.window) selection.select(*request.window);  // else every row; the report picks the period after
  std::optional<RowMaker> maker;
  std::uint64_t selected = 0;
  const ArchiveExtent extent = read_archive(
      db_, selection,
      [&](const std::vector<std::string>& header) {
        maker.emplace(header, db_);
        info.has_sentiment = maker->has_sentiment();
        info.has_themes = maker->has_themes();
        info.has_clauses = maker->has_clauses();
      },
      [&](const std::vector<std::string_view>& fields) {
        const std::string_view date = maker->date(fields);
        if (date.empty()) return;  // only without a window; counted from the extent below
        const Place at{db_, 0, maker->id(fields), maker->question(fields)};
        rows.push_back(maker->make(fields, maker->day(date, at), at));
        ++selected;
        if (request.progress) request.progress->step(selected);
      },
      wait_seconds_);
  // An empty archive with a period named is a quiet period (the report says so); without a period
  // there is nothing to choose one from.
  if (!extent.last_day && !request.window)
    throw InputError(db_, 0,
                     fmt::format("the archive holds no dated answers ({} stored{}).", extent.answers,
                                 extent.answers ? ", none with a date" : ""),
                     fmt::format("add the weekly exports first: luister-import export.csv | luister-score | "
                                 "luister-cluster | luister-archive add --db {}",
                                 db_));
  info.rows_read = extent.answers;
  info.rows_without_date = extent.undated;
  info.rows_outside_window = extent.answers - extent.undated - selected;
  info.first_day = extent.first_day;
  info.last_day = extent.last_day;
  return info;
}

}  // namespace luister::report
