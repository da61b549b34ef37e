// Rows for the report from canonical CSV.
#include <algorithm>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "luister/error.hpp"
#include "luister/filter.hpp"
#include "luister/report.hpp"
#include "luister/values.hpp"

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

std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> out;
  while (true) {
    std::size_t semi = cell.find(';');
    std::string_view item = trim(cell.substr(0, semi));
    if (!item.empty()) out.push_back(one_line(item));
    if (semi == std::string_view::npos) break;
    cell.remove_prefix(semi + 1);
  }
  return out;
}

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
  for (std::size_t input_index = 0; input_index < inputs_.size(); ++input_index) {
    CsvInput input = open_csv_input(inputs_[input_index], delimiter_);
    const std::string& name = input.file->name();
    info.names.push_back(name);
    const std::vector<std::string>& header = input.header;
    auto need = [&](const char* column) {
      long index = find_column(header, column);
      if (index >= 0) return static_cast<std::size_t>(index);
      std::string columns;
      for (const auto& h : header) columns += (columns.empty() ? "'" : ", '") + h + "'";
      throw InputError(name, 1, fmt::format("no column '{}' in the header ({}).", column, columns),
                       "luister-report reads canonical CSV; pipe the export through luister-import (and "
                       "luister-score, luister-cluster) first");
    };
    const std::size_t c_id = need("response_id"), c_date = need("date"), c_process = need("process"),
                      c_grade = need("grade"), c_question = need("question"), c_text = need("text");
    const long c_sentiment = find_column(header, "sentiment"), c_polarity = find_column(header, "polarity"),
               c_evidence = find_column(header, "evidence"), c_theme = find_column(header, "theme"),
               c_label = find_column(header, "theme_label");
    const bool has_sentiment = c_polarity >= 0, has_themes = c_theme >= 0;
    if (input_index == 0) {
      info.has_sentiment = has_sentiment;
      info.has_themes = has_themes;
      first_name = name;
    } else if (has_sentiment != info.has_sentiment || has_themes != info.has_themes) {
      const char* column = has_themes != info.has_themes ? "theme" : "polarity";
      const bool here = find_column(header, column) >= 0;
      throw InputError(name, 1,
                       fmt::format("this input has {}'{}' column while {} has {}; the report cannot mix them.",
                                   here ? "a " : "no ", column, first_name, here ? "none" : "one"),
                       "run every input through the same tools (luister-score, luister-cluster)");
    }

    CsvReader& reader = *input.reader;
    CsvRecord rec;
    while (reader.next(rec)) {
      if (rec.blank) continue;
      const std::uint64_t line = reader.record_line();
      if (rec.fields.size() != header.size())
        throw InputError(name, line, fmt::format("row has {} fields, the header has {}.", rec.fields.size(), header.size()),
                         kImportHint);
      ++info.rows_read;
      const std::string_view date = trim(rec.fields[c_date]);
      if (date.empty()) {
        ++info.rows_without_date;
        continue;
      }
      std::optional<Day> day = parse_iso_day(date);
      if (!day) {
        DateValue parsed = parse_date(date);
        if (parsed.status == ValueStatus::kOk) day = parse_iso_day(parsed.iso);
      }
      if (!day)
        throw InputError(name, line, fmt::format("date '{}' is not a date I can read.", date), kImportHint);
      if (!info.first_day || *day < *info.first_day) info.first_day = day;
      if (!info.last_day || *day > *info.last_day) {
        info.last_day = day;
        if (sliding) earliest = request.earliest(*day);
      }
      if ((window && !window->contains(*day)) || *day < earliest) {
        ++info.rows_outside_window;
        continue;
      }
      if (sliding && rows.size() >= compact_at) compact();
      Row row;
      row.day = *day;
      row.response_id = std::string(trim(rec.fields[c_id]));
      row.process = one_line(rec.fields[c_process]);
      if (row.process.empty()) row.process = kNoProcess;
      row.question = std::string(trim(rec.fields[c_question]));
      row.text = std::string(rec.fields[c_text]);
      GradeValue grade = parse_grade(rec.fields[c_grade]);
      if (grade.status == ValueStatus::kOk) {
        row.grade = grade.value;
      } else if (grade.status != ValueStatus::kEmpty) {
        throw InputError(name, line, fmt::format("grade '{}' is not a grade from 1 to 10.", rec.fields[c_grade]),
                         kImportHint);
      }
      if (c_sentiment >= 0) {
        std::string_view s = trim(rec.fields[static_cast<std::size_t>(c_sentiment)]);
        if (!s.empty()) {
          double value = 0;
          auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
          if (ec != std::errc() || ptr != s.data() + s.size() || value < -1 || value > 1)
            throw InputError(name, line, fmt::format("sentiment '{}' is not a number from -1 to 1.", s),
                             "the column comes from luister-score; run it again on the canonical CSV");
          row.sentiment = value;
        }
      }
      if (c_polarity >= 0) {
        std::string_view p = trim(rec.fields[static_cast<std::size_t>(c_polarity)]);
        if (p == "negative") row.polarity = Polarity::kNegative;
        else if (p == "neutral") row.polarity = Polarity::kNeutral;
        else if (p == "positive") row.polarity = Polarity::kPositive;
        else if (!p.empty())
          throw InputError(name, line, fmt::format("polarity '{}' is not negative, neutral or positive.", p),
                           "the column comes from luister-score; run it again on the canonical CSV");
      }
      if (c_evidence >= 0) row.evidence = std::string(rec.fields[static_cast<std::size_t>(c_evidence)]);
      if (c_theme >= 0) {
        row.themes = split_list(rec.fields[static_cast<std::size_t>(c_theme)]);
        if (c_label >= 0) row.theme_labels = split_list(rec.fields[static_cast<std::size_t>(c_label)]);
        // Labels go with ids by position; when they do not line up, the ids are the labels.
        if (row.theme_labels.size() != row.themes.size()) row.theme_labels = row.themes;
      }
      rows.push_back(std::move(row));
    }
  }
  return info;
}

}  // namespace luister::report
