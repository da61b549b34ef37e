#include "luister/archive/archive.hpp"
#include "luister/archive/callbacks.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "luister/csv/csv.hpp"
#include "luister/base/error.hpp"
#include "luister/csv/filter.hpp"
#include "luister/base/io.hpp"
#include "luister/cli/progress.hpp"
#include "luister/csv/columns.hpp"
#include "luister/csv/canonical.hpp"
#include "luister/csv/values.hpp"
#include "luister/text/pii.hpp"
#include "db.hpp"

namespace luister {
namespace {

using archive_db::Db;
using archive_db::DbError;
using archive_db::file_exists;
using archive_db::scalar;
using archive_db::Stmt;

// Canonical columns by slot. The key columns (response_id, question) are slots 0 and 5.
constexpr std::size_t kIdSlot = 0, kDateSlot = 1, kGradeSlot = 4, kQuestionSlot = 5;
constexpr std::size_t kCanonical = 7;
// The non-key canonical columns, as stored and compared.
constexpr std::size_t kValueSlots[] = {1, 2, 3, 4, 6};
constexpr std::size_t kTextValue = 4;  // text's index in kValueSlots
// Bookkeeping columns stored with every row after the canonical values: whether the text is raw
// (compared: re-adding a raw row masked changes it) and the input it came from (not compared).
constexpr const char* kBookkeeping[] = {"text_raw", "source"};
constexpr std::size_t kRawValue = std::size(kValueSlots), kSourceValue = kRawValue + 1;
constexpr std::size_t kStoredValues = std::size(kValueSlots) + std::size(kBookkeeping);

constexpr const char* kBadValueHint =
    "correct the value in the export and run it through luister-import again (an empty grade or date "
    "is allowed), or leave such rows out with --on-bad-row warn|skip";

// The SQLite layer (Db, Stmt, scalar, DbError) is in db.hpp, shared with staging.cpp.

// ---------------------------------------------------------------------------------------------
// Schema. Each migration takes the archive from version i to i + 1; a new archive runs them all.
// Extra CSV columns live in answers as c<id> (see `columns`), so any header name works, including
// names SQLite would fold together (E-mail / e-mail) or that clash with the bookkeeping columns.
// ---------------------------------------------------------------------------------------------

const char* const kMigrations[] = {
    // 0 → 1
    R"SQL(
CREATE TABLE columns (
  id   INTEGER PRIMARY KEY,   -- the column is answers.c<id>
  name TEXT NOT NULL UNIQUE   -- its CSV header, byte for byte
);
CREATE TABLE runs (
  id        INTEGER PRIMARY KEY,
  started   TEXT NOT NULL,      -- UTC, ISO 8601
  inputs    TEXT NOT NULL,
  read      INTEGER NOT NULL DEFAULT 0,
  added     INTEGER NOT NULL DEFAULT 0,
  updated   INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE answers (
  response_id TEXT NOT NULL,
  question    TEXT NOT NULL,
  date        TEXT NOT NULL DEFAULT '',
  process     TEXT NOT NULL DEFAULT '',
  channel     TEXT NOT NULL DEFAULT '',
  grade       TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL DEFAULT '',
  first_run   INTEGER NOT NULL REFERENCES runs(id),
  last_run    INTEGER NOT NULL REFERENCES runs(id),
  PRIMARY KEY (response_id, question)
);
CREATE INDEX answers_by_date ON answers(date, response_id, question);
)SQL",
    // 1 → 2: reading one process (export --process, stats, the report per process) no longer
    // scans every answer.
    R"SQL(
CREATE INDEX answers_by_process ON answers(process, date, response_id, question);
)SQL",
    // 2 → 3: privacy. text_raw says whether the text is as the resident typed it (rows stored
    // before were) or masked; source names the input a row came from, for remove --source. Rows of
    // a run with one input (no space in its name) get that name; others stay ''.
    R"SQL(
ALTER TABLE answers ADD COLUMN text_raw INTEGER NOT NULL DEFAULT 1;
ALTER TABLE answers ADD COLUMN source TEXT NOT NULL DEFAULT '';
UPDATE answers SET source = (SELECT inputs FROM runs WHERE runs.id = answers.last_run)
 WHERE (SELECT instr(inputs, ' ') FROM runs WHERE runs.id = answers.last_run) = 0;
CREATE INDEX answers_by_source ON answers(source);
)SQL",
    // 3 → 4: the closed loop (callbacks.hpp). A case is a response_id once put on a call-back list;
    // its outcomes are history, one row per day and outcome, the note masked unless note_raw.
    R"SQL(
CREATE TABLE callback_cases (
  response_id  TEXT PRIMARY KEY,
  process      TEXT NOT NULL DEFAULT '',
  answered     TEXT NOT NULL DEFAULT '',  -- ISO day of the answer
  first_listed TEXT NOT NULL,             -- period id of the first list that held it
  last_listed  TEXT NOT NULL
);
CREATE TABLE callback_outcomes (
  response_id TEXT NOT NULL REFERENCES callback_cases(response_id),
  day         TEXT NOT NULL,              -- ISO day
  outcome     TEXT NOT NULL,              -- not_reached | called | declined | solved
  note        TEXT NOT NULL DEFAULT '',
  note_raw    INTEGER NOT NULL DEFAULT 0,
  source      TEXT NOT NULL DEFAULT '',
  run         INTEGER NOT NULL REFERENCES runs(id),
  PRIMARY KEY (response_id, day, outcome)
);
)SQL",
};
static_assert(std::size(kMigrations) == kArchiveSchemaVersion, "one migration per schema version");

struct SchemaState {
  std::int64_t application_id = 0;
  std::int64_t version = 0;
  std::int64_t objects = 0;  // tables, indexes, views in the file
};

SchemaState inspect(Db& db) {
  SchemaState s;
  s.application_id = scalar(db, "PRAGMA application_id");
  s.version = scalar(db, "PRAGMA user_version");
  s.objects = scalar(db, "SELECT count(*) FROM sqlite_master");
  return s;
}

// Refuses files that are not (or not yet understood as) a luister archive; true when the caller
// must create or migrate (which needs the write lock).
bool needs_migration(const Db& db, const SchemaState& s) {
  if (s.application_id == 0 && s.version == 0 && s.objects == 0) return true;  // new, empty file
  if (s.application_id != kArchiveApplicationId)
    throw DbError(fmt::format("{}: an SQLite database, but not a luister archive.", db.path()),
                  "--db names a file that luister-archive add made; give a new path to start an archive");
  if (s.version > kArchiveSchemaVersion)
    throw DbError(fmt::format("{}: made by a newer luister (archive schema {}; this luister-archive knows up to {}).",
                              db.path(), s.version, kArchiveSchemaVersion),
                  "upgrade luister; the archive was left as it is");
  return s.version < kArchiveSchemaVersion;
}

// Call with the write lock held (BEGIN IMMEDIATE).
void migrate(Db& db, const SchemaState& s) {
  for (auto v = s.version; v < kArchiveSchemaVersion; ++v) db.exec(kMigrations[v]);
  db.exec(fmt::format("PRAGMA application_id = {}", kArchiveApplicationId));
  db.exec(fmt::format("PRAGMA user_version = {}", kArchiveSchemaVersion));
}

// Opens an existing archive for reading and brings an older schema up to date first.
std::unique_ptr<Db> open_for_reading(const std::string& path, int wait_seconds) {
  auto db = std::make_unique<Db>(path, false, wait_seconds);
  db->exec("BEGIN");
  bool migrate_now = needs_migration(*db, inspect(*db));
  db->exec("COMMIT");
  if (migrate_now) {
    db->exec("BEGIN IMMEDIATE");
    SchemaState s = inspect(*db);  // another run may have done it meanwhile
    if (needs_migration(*db, s)) migrate(*db, s);
    db->exec("COMMIT");
  }
  return db;
}

struct ExtraColumn {
  std::int64_t id;
  std::string name;
};

std::vector<ExtraColumn> load_columns(Db& db) {
  std::vector<ExtraColumn> cols;
  Stmt s(db, "SELECT id, name FROM columns ORDER BY id");
  while (s.step()) cols.push_back({s.integer(0), std::string(s.text(1))});
  return cols;
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Adding
// ---------------------------------------------------------------------------------------------

// Where each input column goes: a canonical slot, or an extra column id.
struct Layout {
  std::vector<long> slot_of;           // per input column: canonical slot, or -1
  std::vector<std::int64_t> extra_of;  // per input column: extra column id (when no slot)
  std::vector<long> canonical_at;      // per canonical slot: input column, or -1
  std::size_t columns = 0;             // in the input's header
  long at(std::size_t slot) const { return canonical_at[slot]; }
};

// The statements that look up, insert and update one answer, and the values they bind: the
// canonical non-key ones, then every extra column known.
struct RowStatements {
  RowStatements(Db& db, const std::vector<std::int64_t>& extra_ids)
      : values(kStoredValues + extra_ids.size()),
        select(db, fmt::format("SELECT {} FROM answers WHERE response_id = ?1 AND question = ?2", columns(extra_ids, 0))),
        insert(db, fmt::format("INSERT INTO answers (response_id, question{}, first_run, last_run) "
                               "VALUES (?1, ?2{}, ?{}, ?{})",
                               columns(extra_ids, 1), columns(extra_ids, 2), values.size() + 3, values.size() + 3)),
        update(db, fmt::format("UPDATE answers SET {}, last_run = ?{} WHERE response_id = ?1 AND question = ?2",
                               columns(extra_ids, 3), values.size() + 3)) {
    for (std::size_t k = 0; k < extra_ids.size(); ++k) value_index[extra_ids[k]] = kStoredValues + k;
  }

  // The value columns as SQL: 0 the select list, 1 the insert columns, 2 the insert parameters,
  // 3 the update assignments.
  static std::string columns(const std::vector<std::int64_t>& extra_ids, int part) {
    const auto& canonical = canonical_columns();
    std::string sql;
    for (std::size_t k = 0; k < kStoredValues + extra_ids.size(); ++k) {
      std::string col = k < kRawValue        ? canonical[kValueSlots[k]]
                        : k < kStoredValues ? std::string(kBookkeeping[k - kRawValue])
                                            : fmt::format("c{}", extra_ids[k - kStoredValues]);
      if (part == 0) sql += (k ? ", " : "") + col;
      else if (part == 1) sql += ", " + col;
      else if (part == 2) sql += fmt::format(", ?{}", k + 3);
      else sql += fmt::format("{}{} = ?{}", k ? ", " : "", col, k + 3);
    }
    return sql;
  }

  // Sets `values` from one input row: canonical values '' when missing, extra ones NULL; the text
  // masked unless `raw`; `source` names the input.
  void fill(const CsvRecord& rec, const Layout& layout, bool raw, std::string_view source) {
    std::fill(values.begin(), values.end(), std::nullopt);
    for (std::size_t k = 0; k < std::size(kValueSlots); ++k) values[k] = std::string_view{};  // canonical: ''
    for (std::size_t i = 0; i < layout.columns; ++i) {
      if (layout.slot_of[i] >= 0) {
        auto s = static_cast<std::size_t>(layout.slot_of[i]);
        auto k = std::find(std::begin(kValueSlots), std::end(kValueSlots), s);
        if (k != std::end(kValueSlots)) values[static_cast<std::size_t>(k - std::begin(kValueSlots))] = rec.fields[i];
      } else {
        values[value_index.at(layout.extra_of[i])] = rec.fields[i];
      }
    }
    if (!raw) {
      masked = mask_pii(*values[kTextValue]);
      values[kTextValue] = masked;
    }
    values[kRawValue] = raw ? "1" : "0";
    values[kSourceValue] = source;
  }

  std::unordered_map<std::int64_t, std::size_t> value_index;  // extra id → index in values
  std::vector<std::optional<std::string_view>> values;
  std::string masked;  // the masked text `values` points at
  Stmt select, insert, update;
};

class Adder {
 public:
  Adder(Db& db, std::int64_t run, const ArchiveAddOptions& options, ArchiveAddStats& stats)
      : db_(db), run_(run), options_(options), stats_(stats) {
    for (auto& c : load_columns(db)) ids_.emplace(c.name, c.id), all_ids_.push_back(c.id);
  }

  void add_input(const std::string& path, Progress& progress) {
    CsvInput input = open_csv_input(path, options_.common.delimiter);
    const std::string& file = input.file->name();
    progress.phase(fmt::format("storing the rows of {}", file));
    const Layout layout = map_columns(input.header, file);
    RowStatements st(db_, all_ids_);
    CsvReader& reader = *input.reader;
    CsvRecord rec;
    std::unordered_map<std::string, std::uint64_t> lines;  // key → line of its first row in this file
    while (reader.next(rec)) {
      if (rec.blank) continue;
      const std::uint64_t line = reader.record_line();
      if (!row_is_good(rec, layout, file, line)) continue;
      st.fill(rec, layout, options_.store_raw, file);
      store_row(st, rec, layout, lines, file, line);
      progress.update(reader.bytes_read(), input.file->size(), stats_.read);
    }
  }

 private:
  // Maps the header onto canonical slots and extra columns (added to the archive when new); throws
  // for a column named twice or a missing key column.
  Layout map_columns(const std::vector<std::string>& header, const std::string& file) {
    const auto& canonical = canonical_columns();
    Layout layout{std::vector<long>(header.size(), -1), std::vector<std::int64_t>(header.size(), 0),
                  std::vector<long>(kCanonical, -1), header.size()};
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (!seen.insert(header[i]).second)
        throw InputError(file, 1, fmt::format("the column '{}' appears twice in the header.", header[i]),
                         "rename one of them; the archive keeps columns by name");
      auto it = std::find(canonical.begin(), canonical.end(), header[i]);
      if (it != canonical.end()) {
        layout.slot_of[i] = it - canonical.begin();
        layout.canonical_at[static_cast<std::size_t>(layout.slot_of[i])] = static_cast<long>(i);
      } else {
        layout.extra_of[i] = column_id(header[i]);
      }
    }
    for (std::size_t slot : {kIdSlot, kQuestionSlot})
      if (layout.canonical_at[slot] < 0)
        throw InputError(file, 1, fmt::format("no column '{}' in the header.", canonical[slot]),
                         "the archive keeps canonical CSV, one row per answer keyed by response_id and question; "
                         "run the export through luister-import first");
    return layout;
  }

  // False when the row is bad and --on-bad-row skips it (warning under warn); throws under error.
  bool row_is_good(const CsvRecord& rec, const Layout& layout, const std::string& file, std::uint64_t line) {
    try {
      check_row(rec, layout, file, line);
      return true;
    } catch (const InputError& e) {
      if (options_.on_bad_row == BadRowPolicy::kError) throw;
      ++stats_.bad_rows;
      if (options_.on_bad_row == BadRowPolicy::kWarn)
        message(fmt::format("{}:{}: warning: {} Row skipped.", file, line, e.what()));
      return false;
    }
  }

  // Throws when a row has the wrong number of fields, no key, or a date or grade that breaks
  // canonical CSV's rules (those luister-report reads by), or a date that is not ISO.
  static void check_row(const CsvRecord& rec, const Layout& layout, const std::string& file, std::uint64_t line) {
    if (rec.fields.size() != layout.columns)
      throw InputError(file, line, fmt::format("row has {} fields, the header has {}.", rec.fields.size(), layout.columns),
                       "is this canonical CSV from luister-import? Run the export through luister-import first");
    if (trim(rec.fields[static_cast<std::size_t>(layout.at(kIdSlot))]).empty())
      throw InputError(file, line, "empty response_id: the archive keys every answer by response_id and question.",
                       "run the export through luister-import, which gives rows without a respondent number a "
                       "stable id made from the row itself (see luister-import --help)");
    if (trim(rec.fields[static_cast<std::size_t>(layout.at(kQuestionSlot))]).empty())
      throw InputError(file, line, "empty question: the archive keys every answer by response_id and question.",
                       "run the export through luister-import, which names every answer's question");
    if (layout.at(kDateSlot) >= 0) {
      std::string_view date = rec.fields[static_cast<std::size_t>(layout.at(kDateSlot))];
      if (std::string problem = canonical_date_problem(date); !problem.empty())
        throw InputError(file, line, problem + " luister-report would refuse it.", kBadValueHint);
      if (!date.empty() && !parse_iso_day(date))
        throw InputError(file, line, fmt::format("date '{}' is not an ISO date (YYYY-MM-DD).", date),
                         "run the export through luister-import, which writes dates as 2026-11-22");
    }
    if (layout.at(kGradeSlot) >= 0) {
      std::string_view grade = rec.fields[static_cast<std::size_t>(layout.at(kGradeSlot))];
      if (std::string problem = canonical_grade_problem(grade); !problem.empty())
        throw InputError(file, line, problem + " luister-report would refuse it.", kBadValueHint);
    }
  }

  // Stores the row whose values `st` holds: unchanged, updated or added. Throws when the same
  // answer came earlier in this file with other values.
  void store_row(RowStatements& st, const CsvRecord& rec, const Layout& layout,
                 std::unordered_map<std::string, std::uint64_t>& lines, const std::string& file, std::uint64_t line) {
    std::string_view id = rec.fields[static_cast<std::size_t>(layout.at(kIdSlot))];
    std::string_view question = rec.fields[static_cast<std::size_t>(layout.at(kQuestionSlot))];
    const auto& values = st.values;
    st.select.bind(1, id);
    st.select.bind(2, question);
    bool stored = st.select.step(), same = stored;
    for (std::size_t k = 0; same && k < values.size(); ++k) {
      if (k == kSourceValue) continue;  // the same answer from another file is still the same
      const auto col = static_cast<int>(k);
      same = values[k] ? !st.select.null(col) && st.select.text(col) == *values[k] : st.select.null(col);
    }
    st.select.reset();
    // The same answer twice in one file: harmless when the rows are equal, but when they differ
    // one of them would silently be lost.
    std::string key = fmt::format("{}:{}{}", id.size(), id, question);
    auto [first, fresh] = lines.emplace(std::move(key), line);
    if (!fresh && !same)
      throw InputError(file, line,
                       fmt::format("response_id '{}' with question '{}' appeared before, on line {}, with other "
                                   "values; the archive keeps one answer per response_id and question.",
                                   id, question, first->second),
                       "if the export repeats an answer, remove the row that is out of date; if these are two "
                       "respondents, give them different response_ids");
    ++stats_.read;
    if (same) {
      ++stats_.unchanged;
      return;
    }
    Stmt& write = stored ? st.update : st.insert;
    write.bind(1, id);
    write.bind(2, question);
    for (std::size_t k = 0; k < values.size(); ++k) write.bind(static_cast<int>(k + 3), values[k]);
    write.bind(static_cast<int>(values.size() + 3), run_);
    write.run();
    ++(stored ? stats_.updated : stats_.added);
  }

  std::int64_t column_id(const std::string& name) {
    auto it = ids_.find(name);
    if (it != ids_.end()) return it->second;
    Stmt ins(db_, "INSERT INTO columns (name) VALUES (?1)");
    ins.bind(1, std::string_view(name));
    ins.run();
    std::int64_t id = sqlite3_last_insert_rowid(db_.get());
    db_.exec(fmt::format("ALTER TABLE answers ADD COLUMN c{} TEXT", id));
    ids_.emplace(name, id);
    all_ids_.push_back(id);
    return id;
  }

  Db& db_;
  std::int64_t run_;
  const ArchiveAddOptions& options_;
  ArchiveAddStats& stats_;
  std::map<std::string, std::int64_t> ids_;
  std::vector<std::int64_t> all_ids_;
};

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

struct Where {
  std::string sql;  // " WHERE ..." or empty
  std::vector<std::string> params;
};

Where where_clause(const ArchiveSelection& sel) {
  Where w;
  std::vector<std::string> conds;
  if (sel.from) {
    w.params.push_back(format_iso_day(*sel.from));
    conds.push_back(fmt::format("date >= ?{}", w.params.size()));
  }
  if (sel.to) {
    // Dates may carry a time (2026-11-22T14:05), which sorts after the bare day: compare with the next day.
    w.params.push_back(format_iso_day(*sel.to + 1));
    conds.push_back(fmt::format("date < ?{}", w.params.size()));
  }
  if (sel.from || sel.to) conds.push_back("date <> ''");
  if (!sel.processes.empty()) {
    std::string in;
    for (const auto& p : sel.processes) {
      w.params.push_back(p);
      in += fmt::format("{}?{}", in.empty() ? "" : ", ", w.params.size());
    }
    conds.push_back(fmt::format("process IN ({})", in));
  }
  for (std::size_t i = 0; i < conds.size(); ++i) w.sql += (i ? " AND " : " WHERE ") + conds[i];
  return w;
}

ArchiveExtent extent_of(Db& db) {
  ArchiveExtent e;
  // Dates are ISO (add checks them), so text order is day order; a time sorts after its bare day.
  Stmt s(db, "SELECT count(*), count(CASE WHEN date = '' THEN 1 END), min(NULLIF(date, '')), max(NULLIF(date, '')) "
             "FROM answers");
  if (s.step()) {
    e.answers = static_cast<std::uint64_t>(s.integer(0));
    e.undated = static_cast<std::uint64_t>(s.integer(1));
    if (!s.null(2)) e.first_day = parse_iso_day(s.text(2));
    if (!s.null(3)) e.last_day = parse_iso_day(s.text(3));
  }
  return e;
}

void bind_all(Stmt& s, const Where& w) {
  for (std::size_t i = 0; i < w.params.size(); ++i) s.bind(static_cast<int>(i + 1), std::string_view(w.params[i]));
}

}  // namespace

const std::vector<std::string>& canonical_columns() {
  static const std::vector<std::string> kColumns{"response_id", "date", "process", "channel", "grade", "question", "text"};
  return kColumns;
}

ArchiveAddStats add_to_archive(const ArchiveAddOptions& options) {
  std::vector<std::string> inputs = options.common.inputs;
  if (inputs.empty()) inputs.push_back("-");
  ArchiveAddStats stats;
  Db db(options.db, true, options.wait_seconds);
  // The write lock first: a second run waits here, before it reads anything.
  db.exec("BEGIN IMMEDIATE");
  SchemaState state = inspect(db);
  if (needs_migration(db, state)) migrate(db, state);

  std::string names;
  for (const auto& in : inputs) names += (names.empty() ? "" : " ") + (in == "-" ? std::string("<stdin>") : in);
  Stmt run(db, "INSERT INTO runs (started, inputs) VALUES (?1, ?2)");
  run.bind(1, std::string_view(utc_now()));
  run.bind(2, std::string_view(names));
  run.run();
  const std::int64_t run_id = sqlite3_last_insert_rowid(db.get());

  Progress progress(progress_enabled(options.common.progress));
  bool failed = false;
  {
    Adder adder(db, run_id, options, stats);
    for (const auto& path : inputs) {
      try {
        adder.add_input(path, progress);
      } catch (const InputError& e) {
        message(describe(e));
        failed = true;
      } catch (const DbError&) {
        throw;  // the archive itself failed (disk full, damaged): the run ends, rolled back
      } catch (const IoError& e) {
        message(describe(e));
        failed = true;
      }
    }
  }
  if (failed) {
    db.rollback();
    throw Error(fmt::format("nothing was stored: {} is as it was before this run.", options.db),
                "fix the input named above and run the whole add again");
  }
  Stmt done(db, "UPDATE runs SET read = ?2, added = ?3, updated = ?4, unchanged = ?5 WHERE id = ?1");
  done.bind(1, run_id);
  done.bind(2, static_cast<std::int64_t>(stats.read));
  done.bind(3, static_cast<std::int64_t>(stats.added));
  done.bind(4, static_cast<std::int64_t>(stats.updated));
  done.bind(5, static_cast<std::int64_t>(stats.unchanged));
  done.run();
  stats.stored = static_cast<std::uint64_t>(scalar(db, "SELECT count(*) FROM answers"));
  progress.phase(fmt::format("committing {} rows", stats.read));
  db.exec("COMMIT");
  progress.finish();
  return stats;
}

ArchiveExtent read_archive(const std::string& path, const ArchiveSelection& selection,
                           const std::function<void(const std::vector<std::string>&)>& on_header,
                           const std::function<void(const std::vector<std::string_view>&)>& on_row,
                           int wait_seconds) {
  auto db = open_for_reading(path, wait_seconds);
  db->exec("BEGIN");  // one snapshot for the extent, the header and the rows
  const ArchiveExtent extent = extent_of(*db);
  Where where = where_clause(selection);
  std::vector<ExtraColumn> extras = load_columns(*db);
  // Only the extra columns that some selected row carries.
  std::vector<ExtraColumn> used;
  if (!extras.empty()) {
    std::string probe;
    for (std::size_t k = 0; k < extras.size(); ++k)
      probe += fmt::format("{}max(c{} IS NOT NULL)", k ? ", " : "", extras[k].id);
    Stmt s(*db, fmt::format("SELECT {} FROM answers{}", probe, where.sql));
    bind_all(s, where);
    if (s.step())
      for (std::size_t k = 0; k < extras.size(); ++k)
        if (s.integer(static_cast<int>(k)) == 1) used.push_back(extras[k]);
  }
  std::vector<std::string> header = canonical_columns();
  std::string cols = "response_id, date, process, channel, grade, question, text";
  for (const auto& c : used) {
    header.push_back(c.name);
    cols += fmt::format(", c{}", c.id);
  }
  on_header(header);
  Stmt s(*db, fmt::format("SELECT {} FROM answers{} ORDER BY date, response_id, question", cols, where.sql));
  bind_all(s, where);
  std::vector<std::string_view> row(header.size());
  while (s.step()) {
    for (std::size_t i = 0; i < row.size(); ++i) row[i] = s.text(static_cast<int>(i));
    on_row(row);
  }
  db->exec("COMMIT");
  return extent;
}

ArchiveExtent archive_extent(const std::string& path, int wait_seconds) {
  auto db = open_for_reading(path, wait_seconds);
  db->exec("BEGIN");
  const ArchiveExtent extent = extent_of(*db);
  db->exec("COMMIT");
  return extent;
}

ArchiveTable load_archive(const std::string& db, const ArchiveSelection& selection, int wait_seconds) {
  ArchiveTable t;
  read_archive(
      db, selection, [&](const std::vector<std::string>& h) { t.header = h; },
      [&](const std::vector<std::string_view>& r) { t.rows.emplace_back(r.begin(), r.end()); }, wait_seconds);
  return t;
}

int run_archive_export(const ArchiveExportOptions& options) {
  Output out(options.output);
  CsvWriter writer(out);
  std::uint64_t rows = 0;
  Progress progress(progress_enabled(options.progress));
  progress.phase("selecting rows");
  read_archive(
      options.db, options.selection,
      [&](const std::vector<std::string>& h) {
        writer.row(h);
        progress.phase("writing rows");
      },
      [&](const std::vector<std::string_view>& r) {
        for (auto f : r) writer.field(f);
        writer.end_row();
        progress.step(++rows);
      },
      options.wait_seconds);
  out.commit();
  progress.finish();
  if (rows == 0) message(fmt::format("{}: no stored rows match the selection.", options.db));
  return kExitOk;
}

int run_archive_stats(const ArchiveStatsOptions& options) {
  struct Group {
    std::uint64_t answers = 0, graded = 0;
    std::set<std::string> respondents;
    double grade_sum = 0;
    std::string first, last;
  };
  std::map<std::pair<std::string, std::string>, Group> groups;
  Progress progress(progress_enabled(options.progress));
  auto db = open_for_reading(options.db, options.wait_seconds);
  db->exec("BEGIN");
  progress.phase("counting the stored rows");
  Stmt s(*db, "SELECT response_id, date, process, grade FROM answers ORDER BY date, response_id, question");
  std::uint64_t rows = 0;
  while (s.step()) {
    progress.step(++rows);
    std::string_view id = s.text(0), date = s.text(1), grade = s.text(3);
    const std::optional<Day> d = parse_iso_day(date);
    std::string period = !d ? "" : period_id(options.by_month ? month_of(*d) : week_of(*d));
    Group& g = groups[{period, std::string(s.text(2))}];
    ++g.answers;
    std::string day(date.substr(0, std::min<std::size_t>(10, date.size())));
    if (g.first.empty() || day < g.first) g.first = day;
    if (day > g.last) g.last = day;
    // The grade belongs to the respondent, not the answer: count it once per respondent.
    if (g.respondents.emplace(id).second) {
      GradeValue v = parse_grade(grade, -1e9, 1e9);
      if (v.status == ValueStatus::kOk) ++g.graded, g.grade_sum += v.value;
    }
  }
  db->exec("COMMIT");
  progress.phase("writing the counts");
  Output out(options.output);
  CsvWriter w(out);
  w.row({"period", "process", "respondents", "answers", "graded", "mean_grade", "first_date", "last_date"});
  for (const auto& [key, g] : groups) {
    w.row({key.first, key.second, std::to_string(g.respondents.size()), std::to_string(g.answers),
           std::to_string(g.graded), g.graded ? fmt::format("{:.2f}", g.grade_sum / static_cast<double>(g.graded)) : "",
           g.first, g.last});
  }
  out.commit();
  progress.finish();
  return kExitOk;
}

int run_archive_check(const std::string& path, int wait_seconds, int progress_option) {
  Progress progress(progress_enabled(progress_option));
  auto db = open_for_reading(path, wait_seconds);
  db->exec("BEGIN");
  std::vector<std::string> problems;
  progress.phase("checking the file (PRAGMA integrity_check)");
  {
    Stmt s(*db, "PRAGMA integrity_check");
    while (s.step()) problems.emplace_back(s.text(0));
  }
  bool ok = problems.size() == 1 && problems[0] == "ok";
  std::string report = fmt::format("integrity: {}\n", ok ? "ok" : "DAMAGED");
  if (!ok)
    for (const auto& p : problems) report += fmt::format("  {}\n", p);
  progress.phase("counting what is stored");
  report += fmt::format("schema: {}\n", scalar(*db, "PRAGMA user_version"));
  report += fmt::format("answers: {}\n", scalar(*db, "SELECT count(*) FROM answers"));
  report += fmt::format("respondents: {}\n", scalar(*db, "SELECT count(DISTINCT response_id) FROM answers"));
  std::string names;
  for (const auto& c : load_columns(*db)) names += (names.empty() ? "" : ", ") + c.name;
  report += fmt::format("extra columns: {}\n", names.empty() ? "(none)" : names);
  report += fmt::format("runs: {}\n", scalar(*db, "SELECT count(*) FROM runs"));
  report += fmt::format("call-back cases: {} (outcomes: {}, raw notes: {})\n",
                        scalar(*db, "SELECT count(*) FROM callback_cases"), scalar(*db, "SELECT count(*) FROM callback_outcomes"),
                        scalar(*db, "SELECT count(*) FROM callback_outcomes WHERE note_raw = 1"));
  report += fmt::format("raw texts: {}\n", scalar(*db, "SELECT count(*) FROM answers WHERE text_raw = 1"));
  db->exec("COMMIT");
  progress.finish();
  Output out("-");
  out.write(report);
  out.commit();
  if (!ok) {
    message(fmt::format("{}: the archive is damaged.", path));
    return kExitDataError;
  }
  return kExitOk;
}

namespace {

// Opens an existing archive, takes the write lock and brings an older schema up to date.
std::unique_ptr<Db> open_for_writing(const std::string& path, int wait_seconds) {
  auto db = std::make_unique<Db>(path, false, wait_seconds);
  db->exec("BEGIN IMMEDIATE");
  SchemaState state = inspect(*db);
  if (needs_migration(*db, state)) migrate(*db, state);
  return db;
}

// Notes the run in `runs` (what was done, and how many rows it touched).
void log_run(Db& db, const std::string& what, std::uint64_t rows) {
  Stmt run(db, "INSERT INTO runs (started, inputs, read, updated) VALUES (?1, ?2, ?3, ?3)");
  run.bind(1, std::string_view(utc_now()));
  run.bind(2, std::string_view(what));
  run.bind(3, static_cast<std::int64_t>(rows));
  run.run();
}

// Deletes the rows whose `column` equals each of `values`; notes those that matched nothing.
std::uint64_t delete_where(Db& db, const char* column, const std::vector<std::string>& values) {
  std::uint64_t removed = 0;
  Stmt del(db, fmt::format("DELETE FROM answers WHERE {} = ?1", column));
  for (const auto& v : values) {
    del.bind(1, std::string_view(v));
    del.run();
    const auto n = static_cast<std::uint64_t>(sqlite3_changes(db.get()));
    if (n == 0) message(fmt::format("{}: no stored rows with {} '{}'.", db.path(), column, v));
    removed += n;
  }
  return removed;
}

// The sources rows came from, for the note when --source matched nothing.
std::string known_sources(Db& db) {
  std::string names;
  Stmt s(db, "SELECT source, count(*) FROM answers GROUP BY source ORDER BY source");
  while (s.step())
    names += fmt::format("{}'{}' ({})", names.empty() ? "" : ", ", s.text(0), s.integer(1));
  return names;
}

}  // namespace

std::uint64_t remove_from_archive(const ArchiveRemoveOptions& options) {
  if (options.response_ids.empty() && options.sources.empty())
    throw UsageError("remove needs --response-id ID or --source FILE: which rows to remove?");
  Progress progress(progress_enabled(options.progress));
  auto db = open_for_writing(options.db, options.wait_seconds);
  progress.phase("removing rows");
  std::uint64_t removed = delete_where(*db, "response_id", options.response_ids);
  // A removed respondent's call-back case and outcomes (notes may hold personal data) go too.
  for (const char* table : {"callback_outcomes", "callback_cases"}) {
    Stmt del(*db, fmt::format("DELETE FROM {} WHERE response_id = ?1", table));
    for (const auto& id : options.response_ids) {
      del.bind(1, std::string_view(id));
      del.run();
    }
  }
  const std::uint64_t by_source = delete_where(*db, "source", options.sources);
  if (!options.sources.empty() && by_source == 0)
    message(fmt::format("{}: the sources rows came from are: {}.", options.db, known_sources(*db)));
  removed += by_source;
  log_run(*db, "remove", removed);
  db->exec("COMMIT");
  progress.phase("rebuilding the file (VACUUM)");
  db->exec("VACUUM");  // the removed rows' bytes leave the file too
  progress.finish();
  return removed;
}

namespace {

// The condition for rows before the day ?1: by their date, or when they have none by the day they
// were last stored.
constexpr const char* kBefore =
    "((date <> '' AND date < ?1) OR (date = '' AND (SELECT started FROM runs WHERE runs.id = last_run) < ?1))";

// Masks the raw texts of the rows before `day`; returns how many.
std::uint64_t mask_old_texts(Db& db, const std::string& day) {
  std::vector<std::pair<std::int64_t, std::string>> masked;
  {
    Stmt s(db, fmt::format("SELECT rowid, text FROM answers WHERE text_raw = 1 AND {}", kBefore));
    s.bind(1, std::string_view(day));
    while (s.step()) masked.emplace_back(s.integer(0), mask_pii(s.text(1)));
  }
  Stmt update(db, "UPDATE answers SET text = ?2, text_raw = 0 WHERE rowid = ?1");
  for (const auto& [rowid, text] : masked) {
    update.bind(1, rowid);
    update.bind(2, std::string_view(text));
    update.run();
  }
  return masked.size();
}

// Masks the raw notes of call-back outcomes before `day`; returns how many.
std::uint64_t mask_old_notes(Db& db, const std::string& day) {
  std::vector<std::pair<std::int64_t, std::string>> masked;
  {
    Stmt s(db, "SELECT rowid, note FROM callback_outcomes WHERE note_raw = 1 AND day < ?1");
    s.bind(1, std::string_view(day));
    while (s.step()) masked.emplace_back(s.integer(0), mask_pii(s.text(1)));
  }
  Stmt update(db, "UPDATE callback_outcomes SET note = ?2, note_raw = 0 WHERE rowid = ?1");
  for (const auto& [rowid, note] : masked) {
    update.bind(1, rowid);
    update.bind(2, std::string_view(note));
    update.run();
  }
  return masked.size();
}

}  // namespace

ArchivePurgeStats purge_archive(const ArchivePurgeOptions& options) {
  ArchivePurgeStats stats;
  Progress progress(progress_enabled(options.progress));
  auto db = open_for_writing(options.db, options.wait_seconds);
  const std::string day = format_iso_day(options.before);
  progress.phase("masking old answer texts and notes");
  Stmt count(*db, fmt::format("SELECT count(*) FROM answers WHERE {}", kBefore));
  count.bind(1, std::string_view(day));
  if (count.step()) stats.rows = static_cast<std::uint64_t>(count.integer(0));
  count.reset();
  stats.texts_masked = mask_old_texts(*db, day);
  stats.notes_masked = mask_old_notes(*db, day);
  progress.phase("emptying personal-data columns");
  for (const auto& c : load_columns(*db)) {
    if (!is_personal_column(c.name)) continue;
    progress.detail(c.name);
    stats.columns.push_back(c.name);
    Stmt clear(*db, fmt::format("UPDATE answers SET c{0} = '' WHERE c{0} <> '' AND {1}", c.id, kBefore));
    clear.bind(1, std::string_view(day));
    clear.run();
    stats.values_cleared += static_cast<std::uint64_t>(sqlite3_changes(db->get()));
  }
  log_run(*db, fmt::format("purge --before {}", day), stats.rows);
  db->exec("COMMIT");
  progress.phase("rebuilding the file (VACUUM)");
  db->exec("VACUUM");  // freed pages still hold the old bytes until the file is rebuilt
  progress.finish();
  return stats;
}

namespace {

// add: stores the inputs and prints what it did.
int archive_add(const ArchiveCommand& command) {
  ArchiveAddOptions add = command.add;
  add.db = command.db;
  add.wait_seconds = command.wait_seconds;
  add.common.progress = command.progress;
  add.on_bad_row = command.bad_row == "warn"   ? BadRowPolicy::kWarn
                   : command.bad_row == "skip" ? BadRowPolicy::kSkip
                                               : BadRowPolicy::kError;
  ArchiveAddStats s = add_to_archive(add);
  if (s.bad_rows > 0)  // also under -q: rows were left out
    message(fmt::format("{} bad row{} skipped (--on-bad-row {}).", s.bad_rows, s.bad_rows == 1 ? "" : "s",
                        command.bad_row));
  if (!add.quiet)
    message(fmt::format("{}: {} row{} read: {} new, {} updated, {} unchanged; {} row{} stored.", add.db, s.read,
                        s.read == 1 ? "" : "s", s.added, s.updated, s.unchanged, s.stored, s.stored == 1 ? "" : "s"));
  return kExitOk;
}

// remove: deletes rows and says how many.
int archive_remove(const ArchiveCommand& command) {
  ArchiveRemoveOptions remove = command.remove;
  remove.db = command.db;
  remove.wait_seconds = command.wait_seconds;
  remove.progress = command.progress;
  const std::uint64_t n = remove_from_archive(remove);
  message(fmt::format("{}: {} row{} removed.", remove.db, n, n == 1 ? "" : "s"));
  return kExitOk;
}

// purge: drops the personal data of old rows and says what it did.
int archive_purge(const ArchiveCommand& command) {
  ArchivePurgeOptions purge;
  purge.db = command.db;
  purge.wait_seconds = command.wait_seconds;
  purge.progress = command.progress;
  purge.before = parse_day_option(command.before, "--before");
  const ArchivePurgeStats s = purge_archive(purge);
  message(fmt::format("{}: {} row{} before {}: {} raw text{} masked, {} personal value{} removed (columns: {}).",
                      purge.db, s.rows, s.rows == 1 ? "" : "s", command.before, s.texts_masked,
                      s.texts_masked == 1 ? "" : "s", s.values_cleared, s.values_cleared == 1 ? "" : "s",
                      s.columns.empty() ? "none" : fmt::format("{}", fmt::join(s.columns, ", "))));
  if (s.notes_masked > 0)
    message(fmt::format("{}: {} raw call-back note{} masked.", purge.db, s.notes_masked, s.notes_masked == 1 ? "" : "s"));
  return kExitOk;
}

// export: reads the period from the options, then writes the selected rows.
int archive_export(const ArchiveCommand& command) {
  ArchiveExportOptions exp = command.exp;
  exp.db = command.db;
  exp.wait_seconds = command.wait_seconds;
  exp.progress = command.progress;
  if (!command.week.empty()) exp.selection.select(parse_week(command.week));
  if (!command.month.empty()) exp.selection.select(parse_month(command.month));
  if (!command.from.empty()) exp.selection.from = parse_day_option(command.from, "--from");
  if (!command.to.empty()) exp.selection.to = parse_day_option(command.to, "--to");
  if (exp.selection.from && exp.selection.to)
    exp.selection.select(range_period(*exp.selection.from, *exp.selection.to));  // checks the order
  return run_archive_export(exp);
}

// stats: per week or month.
int archive_stats(const ArchiveCommand& command) {
  ArchiveStatsOptions stats = command.stats;
  stats.db = command.db;
  stats.wait_seconds = command.wait_seconds;
  stats.progress = command.progress;
  stats.by_month = command.by == "month";
  return run_archive_stats(stats);
}

}  // namespace

int run_archive(const ArchiveCommand& command) {
  switch (command.verb) {
    case ArchiveCommand::Verb::kAdd:
      return archive_add(command);
    case ArchiveCommand::Verb::kExport:
      return archive_export(command);
    case ArchiveCommand::Verb::kStats:
      return archive_stats(command);
    case ArchiveCommand::Verb::kRemove:
      return archive_remove(command);
    case ArchiveCommand::Verb::kPurge:
      return archive_purge(command);
    case ArchiveCommand::Verb::kCheck:
      break;
  }
  return run_archive_check(command.db, command.wait_seconds, command.progress);
}

// ---------------------------------------------------------------------------------------------
// The closed loop: call-back cases and their outcomes (callbacks.hpp)
// ---------------------------------------------------------------------------------------------

namespace {

struct OutcomeWord {
  std::string_view word;
  CallbackOutcome outcome;
};
// The words a team writes in its sheet, normalised as normalize_outcome() does.
constexpr OutcomeWord kOutcomeWords[] = {
    {"gebeld", CallbackOutcome::kCalled},
    {"teruggebeld", CallbackOutcome::kCalled},
    {"contact gehad", CallbackOutcome::kCalled},
    {"gesproken", CallbackOutcome::kCalled},
    {"bereikt", CallbackOutcome::kCalled},
    {"called", CallbackOutcome::kCalled},
    {"called back", CallbackOutcome::kCalled},
    {"contacted", CallbackOutcome::kCalled},
    {"reached", CallbackOutcome::kCalled},
    {"niet bereikt", CallbackOutcome::kNotReached},
    {"geen gehoor", CallbackOutcome::kNotReached},
    {"onbereikbaar", CallbackOutcome::kNotReached},
    {"voicemail", CallbackOutcome::kNotReached},
    {"not reached", CallbackOutcome::kNotReached},
    {"no answer", CallbackOutcome::kNotReached},
    {"unreachable", CallbackOutcome::kNotReached},
    {"opgelost", CallbackOutcome::kSolved},
    {"afgehandeld", CallbackOutcome::kSolved},
    {"solved", CallbackOutcome::kSolved},
    {"resolved", CallbackOutcome::kSolved},
    {"geen contact gewenst", CallbackOutcome::kDeclined},
    {"wil geen contact", CallbackOutcome::kDeclined},
    {"geweigerd", CallbackOutcome::kDeclined},
    {"declined", CallbackOutcome::kDeclined},
    {"refused", CallbackOutcome::kDeclined},
};

// Lower case (ASCII), hyphens and underscores as spaces, runs of spaces as one, trimmed, a final
// full stop dropped: "Niet-bereikt." → "niet bereikt".
std::string normalize_outcome(std::string_view text) {
  std::string out;
  for (char c : trim(text)) {
    char ch = c == '-' || c == '_' || c == '\t' ? ' ' : c;
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += ch;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out;
}

// Same-day order of outcomes: the most final one is the state.
int outcome_rank(CallbackOutcome o) { return static_cast<int>(o); }

std::optional<CallbackOutcome> outcome_from_name(std::string_view name) {
  for (auto o : {CallbackOutcome::kNotReached, CallbackOutcome::kCalled, CallbackOutcome::kDeclined,
                 CallbackOutcome::kSolved})
    if (outcome_name(o) == name) return o;
  return std::nullopt;
}

// Folds the outcomes of one case (ordered by day) into its state.
void apply_outcome(CallbackCase& c, CallbackOutcome o, Day day) {
  ++c.attempts;
  if (!c.outcome_day || day > *c.outcome_day || (day == *c.outcome_day && outcome_rank(o) > outcome_rank(*c.outcome))) {
    c.outcome = o;
    c.outcome_day = day;
  }
  if ((o == CallbackOutcome::kCalled || o == CallbackOutcome::kSolved) && (!c.first_contact || day < *c.first_contact))
    c.first_contact = day;
}

std::vector<CallbackCase> read_cases(Db& db) {
  std::vector<CallbackCase> cases;
  {
    Stmt s(db, "SELECT response_id, process, answered, first_listed, last_listed FROM callback_cases ORDER BY response_id");
    while (s.step()) {
      CallbackCase c;
      c.response_id = s.text(0);
      c.process = s.text(1);
      c.answered = parse_iso_day(s.text(2));
      c.first_listed = s.text(3);
      c.last_listed = s.text(4);
      cases.push_back(std::move(c));
    }
  }
  std::unordered_map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < cases.size(); ++i) at.emplace(cases[i].response_id, i);
  Stmt s(db, "SELECT response_id, day, outcome FROM callback_outcomes ORDER BY response_id, day");
  while (s.step()) {
    auto it = at.find(std::string(s.text(0)));
    const std::optional<Day> day = parse_iso_day(s.text(1));
    const std::optional<CallbackOutcome> o = outcome_from_name(s.text(2));
    if (it != at.end() && day && o) apply_outcome(cases[it->second], *o, *day);
  }
  return cases;
}

}  // namespace

bool check_callback_outcomes(const std::vector<OutcomeEntry>& entries, const std::vector<CallbackCase>& cases,
                    const std::string& db) {
  std::unordered_map<std::string_view, const CallbackCase*> by_id;
  for (const auto& c : cases) by_id.emplace(c.response_id, &c);
  bool ok = true;
  for (const auto& e : entries) {
    auto it = by_id.find(e.response_id);
    if (it == by_id.end()) {
      message(describe(InputError(
          e.file, e.line, fmt::format("response id '{}' was never on a call-back list recorded in {}.", e.response_id, db),
          "check the id against the call-back list it came from (luister-followup --db writes and records the "
          "list); an outcome sheet holds the lines of such a list")));
      ok = false;
    } else if (it->second->answered && e.day < *it->second->answered) {
      message(describe(InputError(
          e.file, e.line,
          fmt::format("the date {} is before the answer of '{}' ({}).", format_iso_day(e.day), e.response_id,
                      format_iso_day(*it->second->answered)),
          "write the day the resident was called, as dd-mm-jjjj (23-11-2026)")));
      ok = false;
    }
  }
  return ok;
}

namespace {

// Stores one entry: added, updated (another note) or unchanged.
void store_outcome(Db& db, const OutcomeEntry& e, const OutcomeStoreOptions& options, std::int64_t run,
                   OutcomeStoreStats& stats) {
  const std::string day = format_iso_day(e.day);
  const std::string note = options.raw_notes ? e.note : mask_pii(e.note);
  Stmt find(db, "SELECT note, note_raw FROM callback_outcomes WHERE response_id = ?1 AND day = ?2 AND outcome = ?3");
  find.bind(1, std::string_view(e.response_id));
  find.bind(2, std::string_view(day));
  find.bind(3, outcome_name(e.outcome));
  const bool stored = find.step();
  if (stored && find.text(0) == note && find.integer(1) == (options.raw_notes ? 1 : 0)) {
    ++stats.unchanged;
    return;
  }
  Stmt write(db, stored ? "UPDATE callback_outcomes SET note = ?4, note_raw = ?5, source = ?6, run = ?7 "
                          "WHERE response_id = ?1 AND day = ?2 AND outcome = ?3"
                        : "INSERT INTO callback_outcomes (response_id, day, outcome, note, note_raw, source, run) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  write.bind(1, std::string_view(e.response_id));
  write.bind(2, std::string_view(day));
  write.bind(3, outcome_name(e.outcome));
  write.bind(4, std::string_view(note));
  write.bind(5, std::int64_t{options.raw_notes ? 1 : 0});
  write.bind(6, std::string_view(options.source));
  write.bind(7, run);
  write.run();
  ++(stored ? stats.updated : stats.added);
}

}  // namespace

std::string_view outcome_name(CallbackOutcome outcome) {
  switch (outcome) {
    case CallbackOutcome::kNotReached: return "not_reached";
    case CallbackOutcome::kCalled: return "called";
    case CallbackOutcome::kDeclined: return "declined";
    case CallbackOutcome::kSolved: return "solved";
  }
  return "";
}

std::string_view outcome_label_nl(CallbackOutcome outcome) {
  switch (outcome) {
    case CallbackOutcome::kNotReached: return "niet bereikt";
    case CallbackOutcome::kCalled: return "gebeld";
    case CallbackOutcome::kDeclined: return "geen contact gewenst";
    case CallbackOutcome::kSolved: return "opgelost";
  }
  return "";
}

std::optional<CallbackOutcome> parse_callback_outcome(std::string_view text) {
  const std::string key = normalize_outcome(text);
  for (const auto& w : kOutcomeWords)
    if (w.word == key) return w.outcome;
  return std::nullopt;
}

std::string accepted_outcomes() {
  std::string out;
  for (const auto& w : kOutcomeWords) out += fmt::format("{}{}", out.empty() ? "" : ", ", w.word);
  return out;
}

bool closes_case(CallbackOutcome outcome) { return outcome != CallbackOutcome::kNotReached; }

std::uint64_t record_callback_cases(const std::string& path, const std::string& period_id,
                                    const std::vector<CallbackCase>& cases, int wait_seconds) {
  auto db = open_for_writing(path, wait_seconds);
  Stmt insert(*db, "INSERT OR IGNORE INTO callback_cases (response_id, process, answered, first_listed, last_listed) "
                   "VALUES (?1, ?2, ?3, ?4, ?4)");
  Stmt update(*db, "UPDATE callback_cases SET last_listed = ?2 WHERE response_id = ?1 AND last_listed < ?2");
  std::uint64_t added = 0;
  for (const auto& c : cases) {
    insert.bind(1, std::string_view(c.response_id));
    insert.bind(2, std::string_view(c.process));
    insert.bind(3, std::string_view(c.answered ? format_iso_day(*c.answered) : std::string()));
    insert.bind(4, std::string_view(period_id));
    insert.run();
    added += static_cast<std::uint64_t>(sqlite3_changes(db->get()));
    update.bind(1, std::string_view(c.response_id));
    update.bind(2, std::string_view(period_id));
    update.run();
  }
  db->exec("COMMIT");
  return added;
}

std::vector<CallbackCase> load_callback_cases(const std::string& path, int wait_seconds) {
  auto db = open_for_reading(path, wait_seconds);
  db->exec("BEGIN");
  std::vector<CallbackCase> cases = read_cases(*db);
  db->exec("COMMIT");
  return cases;
}

OutcomeStoreStats store_callback_outcomes(const OutcomeStoreOptions& options, const std::vector<OutcomeEntry>& entries) {
  auto db = open_for_writing(options.db, options.wait_seconds);
  if (!check_callback_outcomes(entries, read_cases(*db), options.db)) {
    db->rollback();
    throw Error(fmt::format("nothing was stored: {} is as it was before this run.", options.db),
                "fix the lines named above and read the whole sheet in again");
  }
  log_run(*db, fmt::format("outcomes {}", options.source), entries.size());
  const std::int64_t run = sqlite3_last_insert_rowid(db->get());
  OutcomeStoreStats stats;
  for (const auto& e : entries) store_outcome(*db, e, options, run, stats);
  for (const auto& c : read_cases(*db)) ++(c.closed() ? stats.closed : stats.open);
  // Nothing new: not even the run is logged, so the archive stays byte for byte as it was.
  if (stats.added == 0 && stats.updated == 0) db->rollback();
  else db->exec("COMMIT");
  return stats;
}

}  // namespace luister
