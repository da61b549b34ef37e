#include "luister/csv/filter.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "luister/csv/csv.hpp"
#include "luister/csv/encoding.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/cli/progress.hpp"
#include "luister/csv/sniff.hpp"
#include "luister/csv/values.hpp"

namespace luister {
namespace {

constexpr std::size_t kChunkRows = 256;        // rows a worker takes at a time
constexpr std::size_t kChunksPerThread = 4;     // chunks in flight per worker: reading and writing overlap

// A run of input rows and, once a worker is done with it, their output as CSV.
struct Chunk {
  std::string fields;               // the rows' fields, back to back
  std::vector<std::uint32_t> ends;  // where each field ends in `fields`: rows x width entries
  std::size_t rows = 0;
  std::uint64_t bytes_read = 0;     // input consumed up to the chunk's last row (for progress)
  std::string output;               // the rows, every input column then the appended ones
  bool done = false;                // guarded by Workers::mutex_
  void clear() {
    fields.clear();
    ends.clear();
    rows = 0;
    output.clear();
    done = false;
  }
};

// Long-lived worker threads taking chunks in the order they were read, whichever worker is free
// first. Each row's output depends on that row alone (RowWorker's contract), and chunks are written
// in input order, so the output is the same for any number of threads and any timing.
class Workers {
 public:
  Workers(std::vector<std::unique_ptr<RowWorker>>& workers, std::size_t width, std::size_t appended)
      : workers_(workers), width_(width), appended_(appended) {
    for (std::size_t t = 0; t < workers.size(); ++t) threads_.emplace_back([this, t] { loop(t); });
  }
  ~Workers() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    work_.notify_all();
    for (auto& th : threads_) th.join();
  }
  // Hands a filled chunk to the workers.
  void submit(Chunk* chunk) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(chunk);
    }
    work_.notify_one();
  }
  // Waits until `chunk` is done; rethrows what a worker threw.
  void wait(const Chunk& chunk) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return chunk.done || error_; });
    if (error_) std::rethrow_exception(error_);
  }
  // Waits until no worker holds a chunk any more (before chunks go away after an error).
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    queue_.clear();
    done_.wait(lock, [&] { return busy_ == 0; });
  }

 private:
  void loop(std::size_t t) {
    std::vector<std::string_view> views(width_);
    std::vector<std::string> appended(appended_);
    for (;;) {
      Chunk* chunk;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        chunk = queue_.front();
        queue_.pop_front();
        ++busy_;
      }
      std::exception_ptr error;
      try {
        for (std::size_t r = 0; r < chunk->rows; ++r) {
          for (std::size_t f = 0; f < width_; ++f) {
            const std::size_t k = r * width_ + f;
            const std::uint32_t begin = k == 0 ? 0 : chunk->ends[k - 1];
            views[f] = std::string_view(chunk->fields).substr(begin, chunk->ends[k] - begin);
          }
          for (auto& a : appended) a.clear();
          workers_[t]->process(views, appended);
          bool first = true;
          for (auto v : views) {
            if (!first) chunk->output += ',';
            first = false;
            append_csv_field(chunk->output, v);
          }
          for (const auto& a : appended) {
            if (!first) chunk->output += ',';
            first = false;
            append_csv_field(chunk->output, a);
          }
          chunk->output += '\n';
        }
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (error && !error_) error_ = error;
        chunk->done = true;
        --busy_;
      }
      done_.notify_all();
    }
  }
  std::vector<std::unique_ptr<RowWorker>>& workers_;
  const std::size_t width_, appended_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable work_, done_;
  std::deque<Chunk*> queue_;
  int busy_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace

void add_thread_option(CLI::App& app, int& threads) {
  app.add_option("-j,--threads", threads, "Worker threads (output is identical for any number)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
}

long find_optional_column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1L : static_cast<long>(it - header.begin());
}

void require_row_width(const CsvRecord& rec, std::size_t columns, const std::string& file, std::uint64_t line,
                       std::string hint) {
  if (rec.fields.size() != columns)
    throw InputError(file, line, fmt::format("row has {} fields, the header has {}.", rec.fields.size(), columns),
                     std::move(hint));
}

std::size_t require_column(const std::vector<std::string>& header, const std::string& name, const std::string& file,
                           const std::string& option) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it != header.end()) return static_cast<std::size_t>(it - header.begin());
  // Two mistakes are common enough to name: a lexicon given where the answers go, and a raw
  // export that did not go through luister-import.
  auto is_score = [](const std::string& text) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size() && v >= -1 && v <= 1;
  };
  const bool lexicon_like = (!header.empty() && header[0].rfind('#', 0) == 0) ||
                            ((header.size() == 2 || header.size() == 3) && (header[0] == "term" || is_score(header[1])));
  if (lexicon_like)
    throw InputError(file, 1, fmt::format("no column '{}' in the header: this looks like a lexicon, not answers.", name),
                     fmt::format("give a lexicon with --lexicon {} and the answers (canonical CSV from luister-import) "
                                 "as input",
                                 file));
  const bool canonical = std::find(header.begin(), header.end(), "question") != header.end() &&
                         std::find(header.begin(), header.end(), "response_id") != header.end();
  std::string cols;
  for (const auto& h : header) cols += (cols.empty() ? "'" : ", '") + h + "'";
  throw InputError(file, 1, fmt::format("no column '{}' in the header.", name),
                   fmt::format("the columns are {}; choose one with {}{}", cols, option,
                               canonical ? "" : ", or run a survey export through luister-import first"));
}

CsvInput open_csv_input(const std::string& path, char delimiter) {
  CsvInput in;
  in.file = std::make_unique<InputFile>(path);
  // Canonical CSV is UTF-8 by definition: any other byte is an error (luister-import converts
  // encodings), never a guess at Windows-1252.
  in.text = std::make_unique<Utf8Source>(*in.file, EncodingSpec{Encoding::kUtf8, InvalidBytes::kError, true});
  // Reads of 256 KiB: the buffer's pages are reused from the first read on, where 1 MiB reads touch
  // (and fault in) four times as many fresh pages; row-wise filters gain nothing from larger reads.
  in.reader = std::make_unique<CsvReader>(*in.text, Dialect{}, std::size_t{1} << 18);
  in.reader->set_strict(true);  // a NUL byte or an unclosed quote is an error, not a merged row
  std::string_view sample = in.reader->peek(64 * 1024);
  Dialect d = sniff_dialect(sample, sample.size() < 64 * 1024).dialect;
  d.header = true;
  if (delimiter) d.delimiter = delimiter;
  in.reader->set_dialect(d);
  CsvRecord rec;
  while (in.reader->next(rec) && rec.blank) {
  }
  if (rec.fields.empty() || rec.blank) throw InputError(in.file->name(), 0, "the input is empty: no header row.");
  in.header.assign(rec.fields.begin(), rec.fields.end());
  return in;
}

namespace {

// One run of a row-wise filter over its inputs: the output, the workers, the first input's
// header that every other input must repeat, and the progress made.
struct FilterRun {
  FilterRun(const FilterSpec& spec, int threads, Output& out, CsvWriter& writer, Progress& progress)
      : spec(spec), threads(threads), out(out), writer(writer), progress(progress) {}

  const FilterSpec& spec;
  const int threads;
  Output& out;
  CsvWriter& writer;
  Progress& progress;
  std::vector<std::string> first_header;
  std::vector<std::unique_ptr<RowWorker>> workers;
  std::uint64_t rows_done = 0, bytes_before = 0, total_bytes = 0;

  // The first input's header starts the output, with the appended columns (which it must not
  // already have), and makes the workers; any other input must have the same header.
  void start_input(const InputFile& file, const std::vector<std::string>& header) {
    if (first_header.empty()) {
      for (const auto& a : spec.appended)
        if (std::find(header.begin(), header.end(), a) != header.end())
          throw InputError(file.name(), 1, fmt::format("the input already has a column '{}'.", a),
                           fmt::format("this tool appends '{}'; drop or rename that column first", a));
      if (spec.on_header) spec.on_header(header, file.name());
      first_header = header;
      for (int t = 0; t < threads; ++t) workers.push_back(spec.make_worker());
      for (const auto& h : header) writer.field(h);
      for (const auto& a : spec.appended) writer.field(a);
      writer.end_row();
    } else if (header != first_header) {
      throw InputError(file.name(), 1, "the header differs from the first input's.",
                       "run the inputs separately, or bring them to the same columns first");
    }
  }

  // Every row must have the header's width.
  static void check_width(const CsvRecord& r, std::size_t width, const InputFile& file, CsvReader& reader) {
    if (r.fields.size() != width)
      throw InputError(file.name(), reader.record_line(),
                       fmt::format("row has {} fields, the header has {}.", r.fields.size(), width),
                       "is this canonical CSV from luister-import? Run the export through luister-import first");
  }

  // One thread: each row read, processed and written in turn.
  void rows_in_turn(const InputFile& file, CsvReader& reader, std::size_t width) {
    CsvRecord rec;
    std::vector<std::string> appended(spec.appended.size());
    while (reader.next(rec)) {
      if (rec.blank) continue;
      check_width(rec, width, file, reader);
      for (auto& a : appended) a.clear();
      workers[0]->process(rec.fields, appended);
      for (auto f : rec.fields) writer.field(f);
      for (const auto& a : appended) writer.field(a);
      writer.end_row();
      progress.update(bytes_before + reader.bytes_read(), total_bytes, ++rows_done);
    }
  }

  // Several threads: the main thread reads chunk k+n and writes chunk k while the workers process
  // the chunks between: n = kChunksPerThread x threads chunks in flight bound the memory.
  void rows_in_chunks(const InputFile& file, CsvReader& reader, std::size_t width) {
    CsvRecord rec;
    std::vector<Chunk> ring(kChunksPerThread * static_cast<std::size_t>(threads));
    Workers pool(workers, width, spec.appended.size());  // after the ring: joined before it goes
    std::size_t read = 0, written = 0;
    auto write_next = [&] {
      Chunk& chunk = ring[written++ % ring.size()];
      pool.wait(chunk);
      out.write(chunk.output);
      rows_done += chunk.rows;
      progress.update(bytes_before + chunk.bytes_read, total_bytes, rows_done);
    };
    bool more = true;
    while (more) {
      if (read - written == ring.size()) write_next();
      Chunk& chunk = ring[read % ring.size()];
      chunk.clear();
      try {
        while (chunk.rows < kChunkRows && (more = reader.next(rec))) {
          if (rec.blank) continue;
          check_width(rec, width, file, reader);
          for (auto f : rec.fields) {
            chunk.fields += f;
            chunk.ends.push_back(static_cast<std::uint32_t>(chunk.fields.size()));
          }
          ++chunk.rows;
        }
      } catch (...) {
        // As with one thread: the rows before the bad one are written, then the error counts.
        try {
          if (chunk.rows > 0) pool.submit(&chunk), ++read;
          while (written < read) write_next();
        } catch (...) {
          pool.drain();
          throw;
        }
        throw;
      }
      chunk.bytes_read = reader.bytes_read();
      if (chunk.rows == 0) break;
      pool.submit(&chunk);
      ++read;
    }
    try {
      while (written < read) write_next();
    } catch (...) {
      pool.drain();  // never leave workers on chunks that are about to go away
      throw;
    }
  }
};

}  // namespace

int run_filter(const FilterOptions& options, const FilterSpec& spec) {
  std::vector<std::string> inputs = options.common.inputs;
  if (inputs.empty()) inputs.push_back("-");
  Output out(options.common.output);
  CsvWriter writer(out);
  Progress progress(progress_enabled(options.common.progress));
  FilterRun run(spec, std::max(1, options.threads), out, writer, progress);
  bool failed = false;

  for (const auto& path : inputs) {
    try {
      CsvInput input = open_csv_input(path, options.common.delimiter);
      InputFile& file = *input.file;
      CsvReader& reader = *input.reader;
      run.total_bytes += file.size();
      run.start_input(file, input.header);
      if (run.threads == 1) run.rows_in_turn(file, reader, input.header.size());
      else run.rows_in_chunks(file, reader, input.header.size());
      run.bytes_before += reader.bytes_read();
    } catch (const InputError& e) {
      progress.finish();
      message(describe(e));
      failed = true;
    } catch (const IoError& e) {
      progress.finish();
      message(describe(e));
      failed = true;
    }
  }
  progress.finish();
  if (failed) {
    // The rows before each bad one, and the other inputs' rows, reach stdout whatever the buffer
    // held; a file output is still never committed (its temporary file goes).
    out.flush();
    return kExitDataError;
  }
  out.commit();
  return kExitOk;
}

}  // namespace luister
