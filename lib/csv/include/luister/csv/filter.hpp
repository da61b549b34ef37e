#pragma once
/// The shape every row-wise luister tool shares: read CSV, keep every column, append some.
///
/// With several threads, rows go to the workers in chunks, whichever worker is free first, and the
/// chunks are written back in input order, so the output is byte-identical whatever the thread
/// count. Memory is bounded by the chunks in flight, not by the number of rows.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "luister/cli/cli.hpp"
#include "luister/csv/csv.hpp"

namespace luister {

/// Computes the appended columns of one row. One worker per thread, so workers need no locking.
/// What process() appends must depend on the row alone, never on the rows the worker saw before
/// (caches are fine): which worker gets which rows depends on timing.
class RowWorker {
 public:
  virtual ~RowWorker() = default;
  /// `fields` is the whole input row; `out` arrives sized to the appended columns, each empty, to be
  /// filled (appending to it reuses its memory).
  virtual void process(const std::vector<std::string_view>& fields, std::vector<std::string>& out) = 0;
};

struct FilterSpec {
  std::vector<std::string> appended;  ///< names of the columns the tool appends
  /// Called once with the input header (after appended-column clashes are checked); typically
  /// resolves -c/--column to an index. Throws InputError/UsageError for a missing column.
  std::function<void(const std::vector<std::string>& header, const std::string& file)> on_header;
  /// Makes one worker; called once per thread, after on_header.
  std::function<std::unique_ptr<RowWorker>()> make_worker;
};

struct FilterOptions {
  CommonOptions common;
  int threads = 1;  ///< -j
};

/// Adds -j/--threads to `app`.
void add_thread_option(CLI::App& app, int& threads);

/// Runs the filter over every input (concatenated; all must have the same header); returns the exit
/// code. Input is UTF-8 CSV in any dialect luister-import reads (see open_csv_input); output is
/// canonical CSV.
int run_filter(const FilterOptions& options, const FilterSpec& spec);

/// An input opened the way every luister tool opens canonical CSV: UTF-8 (a UTF-8 byte order mark
/// is dropped), dialect sniffed (`delimiter` 0) or given, header row read. The reader stands on the
/// first data row and is strict: invalid UTF-8, a NUL byte or a quote never closed throws InputError
/// naming file and line.
struct CsvInput {
  std::unique_ptr<InputFile> file;
  std::unique_ptr<Utf8Source> text;
  std::unique_ptr<CsvReader> reader;
  std::vector<std::string> header;
};

/// Opens `path` ("-" = stdin) as CsvInput; throws IoError/InputError (an empty input is an error).
CsvInput open_csv_input(const std::string& path, char delimiter);

/// Index of column `name` in `header`, or -1 when it is absent (an optional column).
long find_optional_column(const std::vector<std::string>& header, std::string_view name);

/// Throws InputError (file, line, `hint`) when `rec` has not as many fields as the header has columns.
void require_row_width(const CsvRecord& rec, std::size_t columns, const std::string& file, std::uint64_t line,
                       std::string hint = {});

/// Index of column `name` in `header`; throws InputError listing the columns when it is absent.
std::size_t require_column(const std::vector<std::string>& header, const std::string& name, const std::string& file,
                           const std::string& option = "-c/--column");

}  // namespace luister
