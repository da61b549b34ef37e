#include "luister/csv/import.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "luister/csv/columns.hpp"
#include "luister/csv/csv.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/cli/progress.hpp"
#include "luister/csv/sniff.hpp"

namespace luister {
namespace {

constexpr std::array<std::string_view, 7> kCanonical = {"response_id", "date",     "process", "channel",
                                                        "grade",       "question", "text"};
constexpr std::size_t kSniffBytes = 64 * 1024;

struct Question {
  std::string name;
  std::size_t column;
  std::string csv_lead;  // the name as a CSV field, and the comma after it
};

// Everything known about one input once its header is read.
struct Source {
  std::unique_ptr<InputFile> file;
  std::unique_ptr<Utf8Source> text;
  std::unique_ptr<CsvReader> reader;
  SniffResult sniffed;
  bool delimiter_detected = true;
  std::vector<std::string> header;
  std::optional<std::vector<std::string>> first_row;  // a data row read while looking for the header
  std::uint64_t first_row_line = 0;
  std::array<int, 5> role_column{-1, -1, -1, -1, -1};  // response_id, date, process, channel, grade
  std::vector<Question> questions;
  std::vector<int> extra_source;  // per output extra column: input column or -1
  std::vector<std::size_t> extra_columns;
  std::vector<std::size_t> extra_slot;  // per extra column: its output extra column
  ImportReport counts;
};

// "'a', 'b', 'c'": at most 20 names, then how many more, so a 100,000-column header gives a
// message a person can read.
std::string quote_list(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 20;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) out += (out.empty() ? "'" : ", '") + names[i] + "'";
  if (names.size() > kShown) out += fmt::format(" and {} more", names.size() - kShown);
  return out;
}

// Finds a column by header name (case-insensitive) or 1-based number; -1 if absent.
int find_column(const std::vector<std::string>& header, std::string_view wanted) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (normalize_header(header[i]) == normalize_header(wanted) && trim(header[i]).size() == trim(wanted).size())
      return static_cast<int>(i);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (normalize_header(header[i]) == normalize_header(wanted) && !normalize_header(wanted).empty())
      return static_cast<int>(i);
  std::string_view n = wanted;
  if (!n.empty() && n.front() == '#') n.remove_prefix(1);
  if (!n.empty() && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::size_t idx = std::stoul(std::string(n));
    if (idx >= 1 && idx <= header.size()) return static_cast<int>(idx - 1);
  }
  return -1;
}

// Drops everything but letters and digits to decide whether an answer says anything.
bool is_empty_answer(std::string_view text) {
  bool content = false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      content = true;
      break;
    }
  }
  if (!content) return true;
  if (text.size() > 6) return false;  // the markers below are short; don't copy real answers
  std::string l;
  for (char c : text) l += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return l == "nvt" || l == "n.v.t." || l == "n.v.t" || l == "nvt." || l == "n/a" || l == "x";
}

// Answers keep their words; only line ends are made canonical (LF) and outer white space trimmed.
std::string_view clean_answer(std::string_view text, std::string& scratch) {
  text = trim(text);
  if (text.find('\r') == std::string_view::npos) return text;
  scratch.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      scratch += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      scratch += text[i];
    }
  }
  return scratch;
}

std::string hash_id(const std::vector<std::string_view>& fields) {
  std::uint64_t h = 1469598103934665603ULL;
  for (auto f : fields) {
    for (char c : f) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0x1F;
    h *= 1099511628211ULL;
  }
  return fmt::format("h{:016x}", h);
}

std::string delimiter_name(char d) {
  switch (d) {
    case '\t': return "tab";
    case ',': return "','";
    case ';': return "';'";
    case '|': return "'|'";
    default: return fmt::format("'{}'", d);
  }
}

class Importer {
 public:
  Importer(const ImportOptions& options) : options_(options) {}

  int run(ImportReport* report);

 private:
  void open(const std::string& path);
  void map_columns(Source& s);
  void build_output_columns();
  void process(Source& s, CsvWriter& writer, Progress& progress);
  // The line of a row is counted only when a message needs it: `line` if non-zero, else the reader's.
  struct Where {
    CsvReader* reader;
    std::uint64_t line;
    std::uint64_t get() const { return line ? line : reader->record_line(); }
  };
  // `plain` holds the reader's per-field flags (CsvRecord::plain), or is empty.
  void emit(Source& s, const std::vector<std::string_view>& fields, const std::vector<std::uint8_t>& plain, Where where,
            CsvWriter& writer);
  // The canonical value of `role` in this row; a view into the row, into value_buf_[role] or into dates_. The
  // common forms are settled inline; parse_value() has the general parsers and the messages.
  std::string_view value(Source& s, const std::vector<std::string_view>& fields, int role, Where where);
  std::string_view parse_value(Source& s, std::string_view raw, int role, Where where);
  void bad_row(Source& s, std::uint64_t line, const std::string& message, const std::string& hint);
  void print_stats(const Source& s) const;

  const ImportOptions& options_;
  std::vector<std::unique_ptr<Source>> sources_;
  std::vector<std::string> extra_names_;  // output names of extra columns, in order of first appearance
  std::uint64_t total_bytes_ = 0;
  std::uint64_t bytes_before_ = 0;
  std::uint64_t rows_total_ = 0;
  std::string scratch_, scratch_quoted_;
  std::vector<char> row_;  // the parts of a row's answer lines before and after question and text
  std::string value_buf_[5];
  // The last two dates read: (trimmed) text and ISO form. Rows come in date order, and exports mix a
  // date-only form with a timed one, so two entries catch the date-only rows between timed ones.
  struct DateEntry {
    std::string key, iso;
  };
  std::array<DateEntry, 2> dates_;
  std::size_t date_recent_ = 0;  // the entry used last; a new date replaces the other
};

void Importer::open(const std::string& path) {
  auto s = std::make_unique<Source>();
  s->file = std::make_unique<InputFile>(path);
  s->text = std::make_unique<Utf8Source>(*s->file, options_.encoding);
  s->reader = std::make_unique<CsvReader>(*s->text, Dialect{}, options_.chunk);
  const std::string& name = s->file->name();
  std::string_view sample = s->reader->peek(kSniffBytes);
  s->sniffed = sniff_dialect(sample, sample.size() < kSniffBytes);
  Dialect d = s->sniffed.dialect;
  if (options_.common.delimiter) {
    d.delimiter = options_.common.delimiter;
    s->delimiter_detected = false;
  }
  if (options_.quote >= 0) d.quote = static_cast<char>(options_.quote);
  if (options_.header >= 0) d.header = options_.header == 1;
  s->reader->set_dialect(d);

  CsvRecord rec;
  while (s->reader->next(rec) && rec.blank) ++s->counts.blank_lines;
  if (rec.fields.empty() || rec.blank)
    throw InputError(name, 0, "the file is empty: no header row and no data.", "check that the export finished");
  if (d.header) {
    for (auto f : rec.fields) s->header.emplace_back(trim(f));
  } else {
    for (std::size_t i = 0; i < rec.fields.size(); ++i) s->header.push_back(fmt::format("column{}", i + 1));
    s->first_row.emplace(rec.fields.begin(), rec.fields.end());
    s->first_row_line = s->reader->record_line();
  }
  // Excel pads rows with empty trailing columns; an unnamed last column carries no data name.
  for (std::size_t i = 0; i < s->header.size(); ++i)
    if (s->header[i].empty()) s->header[i] = fmt::format("column{}", i + 1);
  map_columns(*s);
  total_bytes_ += s->file->size();
  sources_.push_back(std::move(s));
}

void Importer::map_columns(Source& s) {
  const std::string& name = s.file->name();
  std::vector<bool> used(s.header.size(), false);
  std::vector<bool> forced(5, false);
  for (const auto& [canonical, header] : options_.maps) {
    Role role = role_from_name(canonical);
    auto r = static_cast<std::size_t>(role) - 1;
    forced[r] = true;
    if (header.empty()) continue;  // --map grade= : this export has no grade column
    int col = find_column(s.header, header);
    if (col < 0)
      throw InputError(name, 1, fmt::format("--map {}='{}': no such column.", canonical, header),
                       fmt::format("the columns are {}", quote_list(s.header)));
    s.role_column[r] = col;
    used[static_cast<std::size_t>(col)] = true;
  }
  if (!options_.questions.empty()) {
    for (const auto& [qname, header] : options_.questions) {
      int col = find_column(s.header, header);
      if (col < 0)
        throw InputError(name, 1, fmt::format("--question '{}': no such column.", header),
                         fmt::format("the columns are {}", quote_list(s.header)));
      std::string short_name = qname;
      if (short_name.empty()) {
        ColumnGuess g = guess_column(s.header[static_cast<std::size_t>(col)]);
        short_name = g.role == Role::kQuestion ? g.question : question_slug(s.header[static_cast<std::size_t>(col)]);
      }
      s.questions.push_back({short_name, static_cast<std::size_t>(col), {}});
      used[static_cast<std::size_t>(col)] = true;
    }
  }
  for (std::size_t i = 0; i < s.header.size(); ++i) {
    if (used[i]) continue;
    ColumnGuess g = guess_column(s.header[i]);
    if (g.role == Role::kQuestion) {
      if (options_.questions.empty()) {
        s.questions.push_back({g.question, i, {}});
        used[i] = true;
      }
      continue;
    }
    if (g.role == Role::kNone) continue;
    auto r = static_cast<std::size_t>(g.role) - 1;
    if (forced[r] || s.role_column[r] >= 0) continue;
    s.role_column[r] = static_cast<int>(i);
    used[i] = true;
  }
  if (s.questions.empty())
    throw InputError(name, 1, fmt::format("no open-question column found among {}.", quote_list(s.header)),
                     "name the answer columns with --question 'Header' (repeatable)");
  // Two columns guessed as the same question get distinct names.
  std::map<std::string, int> seen;
  for (auto& q : s.questions) {
    int n = ++seen[q.name];
    if (n > 1) q.name += fmt::format("_{}", n);
  }
  for (auto& q : s.questions) {
    append_csv_field(q.csv_lead, q.name);
    q.csv_lead += ',';
  }
  for (std::size_t i = 0; i < s.header.size(); ++i)
    if (!used[i]) s.extra_columns.push_back(i);
}

// The output's extra columns: the union of every input's, by header name, in order of first
// appearance. A name repeated within one input stays apart ("x", then "x_2"): its nth column meets
// the nth of that name in another input. Hash tables keep this linear in the number of columns.
void Importer::build_output_columns() {
  std::unordered_map<std::string, std::size_t> slot_of_key;
  std::unordered_set<std::string> taken;
  for (auto c : kCanonical) taken.emplace(c);
  for (auto& s : sources_) {
    std::unordered_map<std::string_view, std::size_t> occurrences;
    s->extra_slot.clear();
    for (std::size_t col : s->extra_columns) {
      const std::string& h = s->header[col];
      const std::size_t n = ++occurrences[h];
      auto [it, added] = slot_of_key.try_emplace(n == 1 ? h : fmt::format("{}\x1f{}", h, n), extra_names_.size());
      if (added) {
        std::string out = n == 1 ? h : fmt::format("{}_{}", h, n);
        // An extra column must not pose as a canonical one, nor take another's name.
        while (!taken.insert(out).second) out = "input_" + out;
        extra_names_.push_back(std::move(out));
      }
      s->extra_slot.push_back(it->second);
    }
  }
  for (auto& s : sources_) {
    s->extra_source.assign(extra_names_.size(), -1);
    for (std::size_t k = 0; k < s->extra_columns.size(); ++k)
      s->extra_source[s->extra_slot[k]] = static_cast<int>(s->extra_columns[k]);
  }
}

void Importer::bad_row(Source& s, std::uint64_t line, const std::string& message, const std::string& hint) {
  if (options_.on_bad_row == BadRowPolicy::kError) throw InputError(s.file->name(), line, message, hint);
  ++s.counts.bad_rows;
  if (options_.on_bad_row == BadRowPolicy::kWarn)
    luister::message(fmt::format("{}:{}: warning: {} Row skipped.", s.file->name(), line, message));
}

// trim(), with its common case (nothing to trim) inline.
inline std::string_view quick_trim(std::string_view text) {
  if (!text.empty()) {
    auto first = static_cast<unsigned char>(text.front()), last = static_cast<unsigned char>(text.back());
    if (first > ' ' && first < 0x80 && last > ' ' && last < 0x80) return text;
  }
  return trim(text);
}

inline std::string_view Importer::value(Source& s, const std::vector<std::string_view>& fields, int role, Where where) {
  int col = s.role_column[static_cast<std::size_t>(role)];
  if (col < 0) return {};
  std::string_view raw = fields[static_cast<std::size_t>(col)];
  if (role == 1) {
    std::string_view t = quick_trim(raw);
    if (!t.empty()) {
      for (std::size_t i = 0; i < dates_.size(); ++i) {
        if (t == dates_[i].key) {
          date_recent_ = i;
          return dates_[i].iso;
        }
      }
    }
  } else if (role == 4) {
    std::string_view t = quick_trim(raw);
    // A plain whole number is already in canonical form: no parsing, no formatting.
    if (!t.empty() && t.size() <= 2 && t[0] >= '1' && t[0] <= '9' && (t.size() == 1 || (t[1] >= '0' && t[1] <= '9'))) {
      double v = t.size() == 1 ? t[0] - '0' : (t[0] - '0') * 10 + (t[1] - '0');
      if (v >= options_.grade_min && v <= options_.grade_max) return t;
    }
  } else {
    return quick_trim(raw);
  }
  return parse_value(s, raw, role, where);
}

std::string_view Importer::parse_value(Source& s, std::string_view raw, int role, Where where) {
  const std::string& header = s.header[static_cast<std::size_t>(s.role_column[static_cast<std::size_t>(role)])];
  std::string problem, hint;
  if (role == 4) {
    GradeValue g = parse_grade(raw, options_.grade_min, options_.grade_max);
    if (g.status == ValueStatus::kOk) return value_buf_[4] = format_grade(g.value);
    if (g.status == ValueStatus::kEmpty) return {};
    problem = g.status == ValueStatus::kOutOfRange
                  ? fmt::format("grade '{}' in column '{}' is outside {}–{}.", trim(raw), header,
                                format_grade(options_.grade_min), format_grade(options_.grade_max))
                  : fmt::format("grade '{}' in column '{}' is not a number.", trim(raw), header);
    hint = "--on-bad-value empty keeps the row without a grade; --grade-range 0-10 accepts 0–10 scales";
  } else if (role == 1) {
    DateValue d = parse_date(raw, options_.date_order);
    if (d.status == ValueStatus::kOk) {
      date_recent_ ^= 1;
      DateEntry& entry = dates_[date_recent_];
      entry.key.assign(trim(raw));
      entry.iso = std::move(d.iso);
      return entry.iso;
    }
    if (d.status == ValueStatus::kEmpty) return {};
    std::string_view t = trim(raw);
    problem = fmt::format("date '{}' in column '{}' is not a date luister reads.", t, header);
    bool serial = t.size() == 5 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    hint = serial ? "this looks like an Excel date serial number: format the column as a date in Excel before exporting"
           : options_.date_order == DateOrder::kDayFirst
               ? "dates are read day first (22-11-2026); pass --date-order mdy for month-first dates, or "
                 "--on-bad-value empty to keep the row without a date"
               : "pass --on-bad-value empty to keep the row without a date";
  } else {
    return trim(raw);
  }
  if (options_.on_bad_value == BadValuePolicy::kError) throw InputError(s.file->name(), where.get(), problem, hint);
  ++s.counts.bad_values;
  if (options_.on_bad_value == BadValuePolicy::kWarn)
    luister::message(fmt::format("{}:{}: warning: {} Left empty.", s.file->name(), where.get(), problem));
  return {};
}

void Importer::emit(Source& s, const std::vector<std::string_view>& fields, const std::vector<std::uint8_t>& plain,
                    Where where, CsvWriter& writer) {
  ++s.counts.rows;
  // A field the reader found free of commas, quotes and line breaks is written as it is, and so is
  // any part of it (values are trimmed), without looking at its bytes again.
  const std::uint8_t* const plain_flags = plain.size() >= fields.size() ? plain.data() : nullptr;
  auto is_plain = [&](int col) { return plain_flags && col >= 0 && plain_flags[col]; };
  std::string_view id = value(s, fields, 0, where);
  bool id_plain = is_plain(s.role_column[0]);
  if (id.empty()) {
    id = value_buf_[0] = hash_id(fields);
    id_plain = true;
  }
  std::string_view date = value(s, fields, 1, where);
  std::string_view process = value(s, fields, 2, where);
  std::string_view channel = value(s, fields, 3, where);
  std::string_view grade = value(s, fields, 4, where);
  // The parts of an answer line that are the same for every answer of this respondent are
  // formatted once, into row_: the prefix up to the question, then the suffix after the text.
  bool any = false;
  std::size_t prefix_len = 0, suffix_len = 0;
  for (const auto& q : s.questions) {
    const bool text_plain = is_plain(static_cast<int>(q.column));
    std::string_view text = text_plain ? quick_trim(fields[q.column]) : clean_answer(fields[q.column], scratch_);
    if (is_empty_answer(text)) {
      ++s.counts.empty_answers;
      continue;
    }
    if (!any) {
      any = true;
      // Room for every field quoted, with its separator.
      std::size_t room = 2 * (id.size() + process.size() + channel.size()) + date.size() + grade.size() + 16;
      for (int src : s.extra_source) room += src >= 0 ? 2 * fields[static_cast<std::size_t>(src)].size() + 3 : 1;
      if (row_.size() < room) row_.resize(room);
      char* p = row_.data();
      p = write_csv_field(p, id, id_plain);
      *p++ = ',';
      // Dates and grades are luister's own ISO dates and numbers: they never need quotes.
      p = write_csv_field(p, date, true);
      *p++ = ',';
      p = write_csv_field(p, process, is_plain(s.role_column[2]));
      *p++ = ',';
      p = write_csv_field(p, channel, is_plain(s.role_column[3]));
      *p++ = ',';
      p = write_csv_field(p, grade, true);
      *p++ = ',';
      prefix_len = static_cast<std::size_t>(p - row_.data());
      for (int src : s.extra_source) {
        *p++ = ',';
        if (src >= 0) p = write_csv_field(p, fields[static_cast<std::size_t>(src)], is_plain(src));
      }
      *p++ = '\n';
      suffix_len = static_cast<std::size_t>(p - row_.data()) - prefix_len;
    }
    Output& out = writer.output();
    const std::size_t room = prefix_len + q.csv_lead.size() + 2 * text.size() + 2 + suffix_len;
    if (room <= Output::capacity()) {
      char* o = out.reserve(room);
      o = detail::copy_bytes(o, row_.data(), prefix_len);
      o = detail::copy_bytes(o, q.csv_lead.data(), q.csv_lead.size());
      o = write_csv_field(o, text, text_plain);
      o = detail::copy_bytes(o, row_.data() + prefix_len, suffix_len);
      out.advance(o);
    } else {  // an answer of megabytes: in pieces
      out.write({row_.data(), prefix_len});
      out.write(q.csv_lead);
      scratch_quoted_.clear();
      append_csv_field(scratch_quoted_, text);
      out.write(scratch_quoted_);
      out.write({row_.data() + prefix_len, suffix_len});
    }
    ++s.counts.answers;
  }
}

void Importer::process(Source& s, CsvWriter& writer, Progress& progress) {
  const std::size_t width = s.header.size();
  const char delim = s.reader->dialect().delimiter;
  if (s.first_row) {
    std::vector<std::string_view> views(s.first_row->begin(), s.first_row->end());
    emit(s, views, {}, Where{s.reader.get(), s.first_row_line}, writer);
  }
  CsvRecord rec;
  while (s.reader->next(rec)) {
    progress.update(bytes_before_ + s.reader->bytes_read(), total_bytes_, ++rows_total_);
    if (rec.blank) {
      ++s.counts.blank_lines;
      continue;
    }
    if (rec.has_nul) {
      std::uint64_t line = s.reader->record_line();
      bad_row(s, line, "the row contains a NUL byte.",
              "the file may be binary or UTF-16 without a byte order mark; try --encoding utf-16le");
      continue;
    }
    if (rec.unterminated) {
      std::uint64_t line = s.reader->record_line();
      bad_row(s, line,
              fmt::format("unterminated quoted field: a quote opened on line {} is never closed.", line),
              "close the quote in the export, or pass --quote none if the file does not use quoting");
      s.reader->resync_after_first_line();
      continue;
    }
    if (rec.fields.size() != width) {
      // Trailing empty fields (Excel pads rows with delimiters) lose nothing.
      if (rec.fields.size() > width &&
          std::all_of(rec.fields.begin() + static_cast<std::ptrdiff_t>(width), rec.fields.end(),
                      [](std::string_view f) { return trim(f).empty(); })) {
        rec.fields.resize(width);
      } else {
        std::uint64_t line = s.reader->record_line();
        std::uint64_t end_line = s.reader->record_end_line();
        std::string where = end_line > line ? fmt::format(" (the row runs on to line {})", end_line) : "";
        std::string hint =
            end_line > line
                ? fmt::format("a quote opened on line {} may be closed in the wrong place; check the quotes in "
                              "these lines",
                              line)
                : fmt::format("the delimiter is {}{}; a text containing it must be quoted, or pass -d to choose "
                              "another delimiter",
                              delimiter_name(delim), s.delimiter_detected ? " (detected)" : "");
        bad_row(s, line, fmt::format("row has {} fields, the header has {}{}.", rec.fields.size(), width, where),
                hint);
        if (end_line > line) s.reader->resync_after_first_line();
        continue;
      }
    }
    emit(s, rec.fields, rec.plain, Where{s.reader.get(), 0}, writer);
  }
  bytes_before_ += s.reader->bytes_read();
  s.counts.invalid_bytes = s.text->invalid_count();
}

void Importer::print_stats(const Source& s) const {
  const auto& d = s.reader->dialect();
  std::string enc = fmt::format("{}{}{}", encoding_name(s.text->encoding()), s.text->had_bom() ? " with BOM" : "",
                                s.text->detected() ? " (detected)" : "");
  std::string mapping;
  for (std::size_t r = 0; r < 5; ++r) {
    int col = s.role_column[r];
    mapping += fmt::format("{}{}={}", mapping.empty() ? "" : ", ", role_name(static_cast<Role>(r + 1)),
                           col < 0 ? "-" : "'" + s.header[static_cast<std::size_t>(col)] + "'");
  }
  for (const auto& q : s.questions) mapping += fmt::format(", {}='{}'", q.name, s.header[q.column]);
  message(fmt::format("{}: encoding {}, delimiter {}{}, quote {}, header row {}, line ends {}", s.file->name(), enc,
                      delimiter_name(d.delimiter), s.delimiter_detected ? " (detected)" : "",
                      d.quote ? fmt::format("'{}'", d.quote) : "none", d.header ? "yes" : "no",
                      s.sniffed.line_ending));
  message(fmt::format("{}: columns {}", s.file->name(), mapping));
  const auto& c = s.counts;
  message(fmt::format("{}: {} rows read, {} answers written, {} empty answers dropped, {} rows skipped, {} values "
                      "left empty, {} invalid bytes replaced",
                      s.file->name(), c.rows, c.answers, c.empty_answers, c.bad_rows, c.bad_values, c.invalid_bytes));
}

int Importer::run(ImportReport* report) {
  std::vector<std::string> inputs = options_.common.inputs;
  if (inputs.empty()) inputs.push_back("-");
  if (std::count(inputs.begin(), inputs.end(), "-") > 1)
    throw UsageError("standard input ('-') can be read only once");
  ImportReport total;
  // Read every header first: the output header is the union of all inputs' extra columns.
  std::vector<std::string> opened;
  for (const auto& path : inputs) {
    try {
      open(path);
    } catch (const InputError& e) {
      message(describe(e));
      total.failed = true;
    } catch (const IoError& e) {
      message(describe(e));
      total.failed = true;
    }
  }
  build_output_columns();
  Output out(options_.common.output);
  CsvWriter writer(out);
  for (auto c : kCanonical) writer.field(c);
  for (const auto& n : extra_names_) writer.field(n);
  writer.end_row();

  Progress progress(progress_enabled(options_.common.progress));
  for (auto& s : sources_) {
    try {
      process(*s, writer, progress);
    } catch (const InputError& e) {
      message(describe(e));
      total.failed = true;
    }
    if (options_.stats) {
      progress.finish();
      print_stats(*s);
    }
    const auto& c = s->counts;
    total.rows += c.rows;
    total.answers += c.answers;
    total.empty_answers += c.empty_answers;
    total.bad_rows += c.bad_rows;
    total.bad_values += c.bad_values;
    total.blank_lines += c.blank_lines;
    total.invalid_bytes += c.invalid_bytes;
  }
  progress.finish();
  if (total.bad_rows > 0)
    message(fmt::format("{} bad row{} skipped (--on-bad-row {}).", total.bad_rows, total.bad_rows == 1 ? "" : "s",
                        options_.on_bad_row == BadRowPolicy::kWarn ? "warn" : "skip"));
  if (total.bad_values > 0)
    message(fmt::format("{} grade or date value{} left empty (--on-bad-value {}).", total.bad_values,
                        total.bad_values == 1 ? "" : "s", options_.on_bad_value == BadValuePolicy::kWarn ? "warn" : "empty"));
  if (total.invalid_bytes > 0)
    message(fmt::format("{} invalid byte sequence{} replaced or skipped (--encoding).", total.invalid_bytes,
                        total.invalid_bytes == 1 ? "" : "s"));
  if (options_.stats && sources_.size() > 1)
    message(fmt::format("total: {} rows read, {} answers written, {} empty answers dropped, {} rows skipped",
                        total.rows, total.answers, total.empty_answers, total.bad_rows));
  if (total.failed) {
    out.flush();
  } else {
    out.commit();
  }
  if (report) *report = total;
  return total.failed ? kExitDataError : kExitOk;
}

}  // namespace

int run_import(const ImportOptions& options, ImportReport* report) {
  for (const auto& [canonical, header] : options.maps)
    if (role_from_name(canonical) == Role::kNone)
      throw UsageError(fmt::format("--map {}=…: unknown canonical column '{}'.", canonical, canonical),
                       "use response_id, date, process, channel or grade; answer columns go with --question");
  Importer importer(options);
  return importer.run(report);
}

namespace {

// Splits "NAME=HEADER" of `option`; throws UsageError when there is no '='.
std::pair<std::string, std::string> split_assignment(const std::string& text, const char* option) {
  auto eq = text.find('=');
  if (eq == std::string::npos)
    throw UsageError(fmt::format("{} '{}': expected NAME=HEADER", option, text),
                     fmt::format("for example {} grade=Rapportcijfer", option));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

// The quote character of --quote: 0 for "none"; throws UsageError for more than one character.
int read_quote(const std::string& quote) {
  if (quote == "none") return 0;
  if (quote.size() != 1) throw UsageError(fmt::format("--quote '{}': give one character or 'none'", quote));
  return static_cast<unsigned char>(quote[0]);
}

// The answer columns of --question: "name=Header" when name is a short lower-case name, else the
// whole text is the header and the short name is empty.
std::vector<std::pair<std::string, std::string>> read_questions(const std::vector<std::string>& questions) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& q : questions) {
    auto eq = q.find('=');
    bool named = eq != std::string::npos && eq > 0 && q.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == eq;
    out.emplace_back(named ? q.substr(0, eq) : "", named ? q.substr(eq + 1) : q);
  }
  return out;
}

}  // namespace

int run_import_tool(const ImportToolOptions& tool) {
  ImportOptions opt = tool.import;
  opt.encoding = parse_encoding_spec(tool.encoding);
  if (!tool.quote.empty()) opt.quote = read_quote(tool.quote);
  for (const auto& m : tool.maps) opt.maps.push_back(split_assignment(m, "--map"));
  const auto questions = read_questions(tool.questions);
  opt.questions.insert(opt.questions.end(), questions.begin(), questions.end());
  opt.on_bad_row = tool.bad_row == "warn"   ? BadRowPolicy::kWarn
                   : tool.bad_row == "skip" ? BadRowPolicy::kSkip
                                            : BadRowPolicy::kError;
  opt.on_bad_value = tool.bad_value == "warn"    ? BadValuePolicy::kWarn
                     : tool.bad_value == "empty" ? BadValuePolicy::kEmpty
                                                 : BadValuePolicy::kError;
  opt.date_order = tool.date_order == "mdy" ? DateOrder::kMonthFirst : DateOrder::kDayFirst;
  double lo = 0, hi = 0;
  if (std::sscanf(tool.grade_range.c_str(), "%lf-%lf", &lo, &hi) != 2 || lo >= hi)
    throw UsageError(fmt::format("--grade-range '{}': expected MIN-MAX such as 1-10", tool.grade_range));
  opt.grade_min = lo;
  opt.grade_max = hi;
  return run_import(opt);
}

}  // namespace luister
