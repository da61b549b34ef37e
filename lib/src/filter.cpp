#include "luister/filter.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "luister/csv.hpp"
#include "luister/encoding.hpp"
#include "luister/error.hpp"
#include "luister/io.hpp"
#include "luister/progress.hpp"
#include "luister/sniff.hpp"
#include "luister/values.hpp"

namespace luister {
namespace {

constexpr std::size_t kBatchRows = 2048;

struct Batch {
  std::vector<std::vector<std::string>> rows;  // owned copies (only with threads > 1)
  std::vector<std::vector<std::string>> out;
};

// Long-lived worker threads: thread-local caches (compound splits, normaliser buffers) survive from
// batch to batch. Worker t always takes the t-th slice of a batch, so results never depend on timing.
class Pool {
 public:
  Pool(int threads, std::vector<std::unique_ptr<RowWorker>>& workers) : workers_(workers) {
    for (int t = 0; t < threads; ++t) threads_.emplace_back([this, t, threads] { loop(t, threads); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    start_.notify_all();
    for (auto& th : threads_) th.join();
  }
  void start(Batch& batch) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      batch_ = &batch;
      pending_ = static_cast<int>(threads_.size());
      ++generation_;
    }
    start_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void loop(int t, int threads) {
    std::uint64_t seen = 0;
    for (;;) {
      Batch* batch;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        start_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        batch = batch_;
      }
      try {
        const std::size_t n = batch->rows.size();
        std::size_t per = (n + static_cast<std::size_t>(threads) - 1) / static_cast<std::size_t>(threads);
        std::size_t from = static_cast<std::size_t>(t) * per, to = std::min(n, from + per);
        std::vector<std::string_view> views;
        for (std::size_t r = from; r < to; ++r) {
          views.assign(batch->rows[r].begin(), batch->rows[r].end());
          workers_[static_cast<std::size_t>(t)]->process(views, batch->out[r]);
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (--pending_ == 0) done_.notify_one();
    }
  }
  std::vector<std::unique_ptr<RowWorker>>& workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable start_, done_;
  Batch* batch_ = nullptr;
  std::uint64_t generation_ = 0;
  int pending_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace

void add_thread_option(CLI::App& app, int& threads) {
  app.add_option("-j,--threads", threads, "Worker threads (output is identical for any number)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
}

std::size_t require_column(const std::vector<std::string>& header, const std::string& name, const std::string& file,
                           const std::string& option) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it != header.end()) return static_cast<std::size_t>(it - header.begin());
  std::string cols;
  for (const auto& h : header) cols += (cols.empty() ? "'" : ", '") + h + "'";
  throw InputError(file, 1, fmt::format("no column '{}' in the header.", name),
                   fmt::format("the columns are {}; choose one with {}", cols, option));
}

CsvInput open_csv_input(const std::string& path, char delimiter) {
  CsvInput in;
  in.file = std::make_unique<InputFile>(path);
  in.text = std::make_unique<Utf8Source>(*in.file, EncodingSpec{});
  in.reader = std::make_unique<CsvReader>(*in.text, Dialect{});
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

int run_filter(const FilterOptions& options, const FilterSpec& spec) {
  std::vector<std::string> inputs = options.common.inputs;
  if (inputs.empty()) inputs.push_back("-");
  const int threads = std::max(1, options.threads);
  Output out(options.common.output);
  CsvWriter writer(out);
  Progress progress(progress_enabled(options.common.progress));
  std::vector<std::string> first_header;
  std::vector<std::unique_ptr<RowWorker>> workers;
  bool failed = false;
  std::uint64_t rows_done = 0, bytes_before = 0, total_bytes = 0;

  for (const auto& path : inputs) {
    try {
      CsvInput input = open_csv_input(path, options.common.delimiter);
      InputFile& file = *input.file;
      CsvReader& reader = *input.reader;
      const std::vector<std::string>& header = input.header;
      total_bytes += file.size();
      CsvRecord rec;
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
      const std::size_t width = header.size();
      auto check_width = [&](const CsvRecord& r) {
        if (r.fields.size() != width)
          throw InputError(file.name(), reader.record_line(),
                           fmt::format("row has {} fields, the header has {}.", r.fields.size(), width),
                           "is this canonical CSV from luister-import? Run the export through luister-import first");
      };
      if (threads == 1) {
        std::vector<std::string> appended(spec.appended.size());
        while (reader.next(rec)) {
          if (rec.blank) continue;
          check_width(rec);
          for (auto& a : appended) a.clear();
          workers[0]->process(rec.fields, appended);
          for (auto f : rec.fields) writer.field(f);
          for (const auto& a : appended) writer.field(a);
          writer.end_row();
          progress.update(bytes_before + reader.bytes_read(), total_bytes, ++rows_done);
        }
      } else {
        // Three stages overlap: the main thread reads batch k+1 and writes batch k-1 while the
        // workers process batch k. Each worker owns a fixed slice of a batch, so the output does
        // not depend on timing.
        auto read_batch = [&](Batch& batch) {
          batch.rows.clear();
          bool more = true;
          while (batch.rows.size() < kBatchRows && (more = reader.next(rec))) {
            if (rec.blank) continue;
            check_width(rec);
            batch.rows.emplace_back(rec.fields.begin(), rec.fields.end());
          }
          batch.out.assign(batch.rows.size(), std::vector<std::string>(spec.appended.size()));
          return more;
        };
        auto write_batch = [&](const Batch& batch) {
          for (std::size_t r = 0; r < batch.rows.size(); ++r) {
            for (const auto& f : batch.rows[r]) writer.field(f);
            for (const auto& a : batch.out[r]) writer.field(a);
            writer.end_row();
          }
          rows_done += batch.rows.size();
          progress.update(bytes_before + reader.bytes_read(), total_bytes, rows_done);
        };
        Batch current, next;
        Pool pool(threads, workers);  // after the batches: destroyed (joined) before them
        bool more = read_batch(current);
        while (!current.rows.empty()) {
          pool.start(current);
          bool next_more = false;
          try {
            next_more = more && read_batch(next);
          } catch (...) {
            pool.wait();  // never leave workers on a batch that is about to go away
            throw;
          }
          if (!more) next.rows.clear(), next.out.clear();
          pool.wait();
          write_batch(current);
          std::swap(current, next);
          more = next_more;
        }
      }
      bytes_before += reader.bytes_read();
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
  if (failed) return kExitDataError;
  out.commit();
  return kExitOk;
}

}  // namespace luister
