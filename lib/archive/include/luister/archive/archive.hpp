#pragma once
/// `luister-archive`: the history of scored and clustered answers in one SQLite file.
///
/// Reading a period back (what luister-report does with `--db FILE`):
///
///     luister::ArchiveSelection sel;
///     sel.select(luister::parse_week("2026-W47"));
///     luister::read_archive("kto.sqlite", sel,
///         [&](const std::vector<std::string>& header) { ... },          // once, before the rows
///         [&](const std::vector<std::string_view>& row) { ... });       // every row, in export order
///
/// The rows come back as canonical CSV has them: `response_id,date,process,channel,grade,question,text`
/// first, then every other column that any selected row carries, in the order the archive first saw
/// them; a row that lacks such a column (it came from an export without it) has an empty value.
/// Rows are ordered by date, response_id, question (byte order), so the same selection of the same
/// archive always gives the same rows in the same order.
///
/// Storage: one row per (response_id, question). Adding a row that is already stored replaces it
/// as a whole (the newest export of an answer wins; that is also how a row is corrected); adding
/// happens in one transaction, so a failed or killed run leaves the archive as it was. Concurrent
/// runs wait for each other (up to `wait_seconds`) instead of failing.
///
/// Privacy: the answer text is stored masked (mask_pii) unless the add asked for raw text, and each
/// row records which (`text_raw`) and the input it came from (`source`). `purge` masks the raw text
/// and empties the personal-data columns of old rows, keeping their statistics; `remove` deletes
/// rows by response_id or by source. Both VACUUM the file afterwards, so the data is really gone.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "luister/cli/cli.hpp"
#include "luister/base/period.hpp"
#include "luister/csv/import.hpp"

namespace luister {

/// The schema version this build writes (PRAGMA user_version). Older archives are migrated when
/// opened; newer ones are refused.
inline constexpr int kArchiveSchemaVersion = 4;
/// PRAGMA application_id of a luister archive ("LUIS"), so other SQLite files are never taken for one.
inline constexpr std::int32_t kArchiveApplicationId = 0x4C554953;

/// The canonical columns, in canonical order.
const std::vector<std::string>& canonical_columns();

/// Which stored rows to read.
struct ArchiveSelection {
  /// Rows whose date lies in from .. to (both included; a time belongs to its day). An open side
  /// has no bound; both open = every row, also those without a date.
  std::optional<Day> from, to;
  std::vector<std::string> processes;  ///< empty = every process; else exact matches
  /// Selects the days of `period`.
  void select(const Period& period) {
    from = period.first;
    to = period.last;
  }
};

struct ArchiveAddOptions {
  std::string db;
  CommonOptions common;   ///< inputs (none or "-" = stdin) and delimiter; output is unused
  int wait_seconds = 600; ///< how long to wait for another run that holds the archive
  bool quiet = false;     ///< no summary line on stderr
  /// Rows that break canonical CSV's rules (field count, empty key, a date or grade luister-report
  /// would refuse): error (nothing is stored), warn (skipped, each named on stderr) or skip.
  BadRowPolicy on_bad_row = BadRowPolicy::kError;
  bool store_raw = false; ///< store the answer text as typed; else masked with mask_pii
};

/// What an add did. `read` = added + updated + unchanged.
struct ArchiveAddStats {
  std::uint64_t read = 0;
  std::uint64_t added = 0;      ///< (response_id, question) not stored before
  std::uint64_t updated = 0;    ///< stored before with other values; now replaced
  std::uint64_t unchanged = 0;  ///< stored before with exactly these values
  std::uint64_t stored = 0;     ///< rows in the archive after the run
  std::uint64_t bad_rows = 0;   ///< rows skipped under on_bad_row warn or skip (not in `read`)
};

/// Adds every input to the archive `options.db` (created when missing) in one transaction.
/// Each bad input is reported on stderr (file, line, fix); if any failed, nothing is stored and an
/// Error is thrown. A new archive whose first add failed stays an empty file, which the next add
/// takes as new (removing it could pull it away from a second run that has just opened it).
ArchiveAddStats add_to_archive(const ArchiveAddOptions& options);

/// What an archive holds as a whole.
struct ArchiveExtent {
  std::uint64_t answers = 0;               ///< stored rows
  std::uint64_t undated = 0;               ///< of which without a date
  std::optional<Day> first_day, last_day;  ///< of the dated rows
};

/// Streams the selected rows of archive `db` (which must exist): `on_header` once, then `on_row`
/// per row (the views are valid during the call only). Reads one consistent snapshot, and returns
/// the extent of the whole archive as it was in that snapshot. Throws IoError for a missing, locked
/// (after `wait_seconds`), foreign or newer archive.
ArchiveExtent read_archive(const std::string& db, const ArchiveSelection& selection,
                           const std::function<void(const std::vector<std::string>& header)>& on_header,
                           const std::function<void(const std::vector<std::string_view>& row)>& on_row,
                           int wait_seconds = 600);
/// The extent of archive `db` without reading its rows. Throws like read_archive.
ArchiveExtent archive_extent(const std::string& db, int wait_seconds = 600);

/// The selected rows in memory: for callers that need them all at once.
struct ArchiveTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
ArchiveTable load_archive(const std::string& db, const ArchiveSelection& selection, int wait_seconds = 600);

struct ArchiveExportOptions {
  std::string db;
  std::string output;  ///< empty or "-" = stdout; a file is replaced atomically
  ArchiveSelection selection;
  int wait_seconds = 600;
  int progress = -1;  ///< as CommonOptions::progress: -1 only when stderr is a terminal, 0 off, 1 on
};
/// Writes the selected rows as canonical CSV. Returns the exit code.
int run_archive_export(const ArchiveExportOptions& options);

struct ArchiveStatsOptions {
  std::string db;
  std::string output;
  bool by_month = false;  ///< else by ISO week
  int wait_seconds = 600;
  int progress = -1;  ///< as CommonOptions::progress
};
/// Writes `period,process,respondents,answers,graded,mean_grade,first_date,last_date` as CSV, one
/// row per period and process (rows without a readable date under an empty period). Returns the
/// exit code.
int run_archive_stats(const ArchiveStatsOptions& options);

struct ArchiveRemoveOptions {
  std::string db;
  std::vector<std::string> response_ids;  ///< every answer of these respondents
  std::vector<std::string> sources;       ///< every row that came from these inputs (as add named them)
  int wait_seconds = 600;
  int progress = -1;  ///< as CommonOptions::progress
};
/// Deletes the selected rows in one transaction (for a response_id also its call-back case and
/// outcomes), then VACUUMs the file. Returns how many rows were
/// removed; notes on stderr a response_id or source that matched nothing.
std::uint64_t remove_from_archive(const ArchiveRemoveOptions& options);

struct ArchivePurgeOptions {
  std::string db;
  Day before = 0;  ///< rows dated before this day; undated rows by the day they were last stored
  int wait_seconds = 600;
  int progress = -1;  ///< as CommonOptions::progress
};
/// What a purge did.
struct ArchivePurgeStats {
  std::uint64_t rows = 0;            ///< rows before the day
  std::uint64_t texts_masked = 0;    ///< raw answer texts replaced by their masked form
  std::uint64_t notes_masked = 0;    ///< raw call-back notes (callbacks.hpp) replaced by their masked form
  std::uint64_t values_cleared = 0;  ///< personal-data values emptied
  std::vector<std::string> columns;  ///< the personal-data columns (is_personal_column)
};
/// Keeps the statistics of old rows and drops their personal data, in one transaction: the raw
/// text is masked, and every column that holds contact details or other personal data (e-mail,
/// phone, name, address: is_personal_column) is emptied; raw notes of call-back outcomes dated
/// before the day are masked. Then VACUUMs the file.
ArchivePurgeStats purge_archive(const ArchivePurgeOptions& options);

/// Runs PRAGMA integrity_check and prints the schema version and row count; exit 1 when the file
/// is damaged. `progress` as CommonOptions::progress.
int run_archive_check(const std::string& db, int wait_seconds = 600, int progress = -1);

/// One luister-archive command line as parsed: the command and its options. The period of export
/// is kept as given and read by run_archive, so that its errors are reported like the others.
struct ArchiveCommand {
  enum class Verb { kAdd, kExport, kStats, kCheck, kRemove, kPurge };
  Verb verb = Verb::kCheck;
  std::string db;
  int wait_seconds = 600;
  int progress = -1;                      ///< --progress/--no-progress of every command
  ArchiveAddOptions add;                  ///< add: inputs, delimiter, quiet
  ArchiveExportOptions exp;               ///< export: processes and output
  std::string from, to, week, month;      ///< export: the period, as given on the command line
  ArchiveStatsOptions stats;              ///< stats: output
  std::string by = "week";                ///< stats: week or month
  std::string bad_row = "error";          ///< add: --on-bad-row error, warn or skip
  ArchiveRemoveOptions remove;            ///< remove: response ids and sources
  std::string before;                     ///< purge: the day, as given on the command line
};

/// Runs one luister-archive command (`db` and `wait_seconds` apply to every command); returns the
/// exit code. add prints its summary on stderr unless `add.quiet`.
int run_archive(const ArchiveCommand& command);

}  // namespace luister
