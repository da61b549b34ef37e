#pragma once
/// Streaming CSV: a reader for what survey systems and Excel export, and an RFC 4180 writer.
///
///     luister::InputFile in("export.csv");
///     luister::Utf8Source text(in, {});
///     luister::CsvReader reader(text, {.delimiter = ';'});
///     luister::CsvRecord rec;
///     while (reader.next(rec)) use(rec.fields, reader.record_line());
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "luister/csv/encoding.hpp"
#include "luister/base/io.hpp"

namespace luister {

/// How a CSV file is written. A quote character only counts at the start of a field; elsewhere it is
/// literal text, as Excel reads it.
struct Dialect {
  char delimiter = ',';
  char quote = '"';  ///< '\0': no quoting at all
  bool header = true;
};

/// One record. The views point into the reader's buffer and stay valid until the next call to next().
struct CsvRecord {
  std::vector<std::string_view> fields;
  /// Per field, when the reader knows it (else empty): 1 if the field holds no comma, '"', CR or LF,
  /// so canonical CSV can write it as it is; 0 if it may hold one (needs_quotes() decides).
  std::vector<std::uint8_t> plain;
  bool blank = false;         ///< an empty line
  bool unterminated = false;  ///< a quoted field ran to end of input (or past the record size limit)
  bool has_nul = false;       ///< a NUL byte occurs in the record
};

/// How CsvReader finds fields. kBlock (the default) classifies 64 bytes at a time (quotes by prefix
/// xor, delimiters and line breaks as bit masks) and hands every record it cannot vouch for to kScalar,
/// the byte-at-a-time reference; both yield the same records, lines and flags.
enum class CsvScan { kScalar, kBlock };
/// Instruction sets the block scan can use; tests compare each with kScalar.
enum class SimdLevel { kPortable, kSse2, kAvx2 };
/// The best level this CPU supports.
SimdLevel best_simd_level();

/// Pulls records from UTF-8 text. Memory is one chunk plus the longest record, whatever the file size.
class CsvReader {
 public:
  /// `source` must outlive the reader. `chunk` is the read size (tests use tiny ones).
  CsvReader(Utf8Source& source, Dialect dialect, std::size_t chunk = 1 << 20,
            std::size_t max_record = std::size_t{64} << 20);

  /// Up to `bytes` of text from the start of the input, for sniffing; reads but consumes nothing.
  std::string_view peek(std::size_t bytes);
  void set_dialect(const Dialect& dialect);
  /// Chooses the scan (for tests and the fuzz target; the default is kBlock at the best level).
  void set_scan(CsvScan scan, SimdLevel level = best_simd_level());
  const Dialect& dialect() const { return dialect_; }

  /// Reads the next record; false at end of input. Throws InputError for undecodable bytes.
  bool next(CsvRecord& record);
  /// Strict reading, for canonical CSV: next() throws InputError naming file and line for a record
  /// with a NUL byte or a quote that is never closed, instead of flagging it in the record.
  void set_strict(bool strict) { strict_ = strict; }
  /// Line (1-based) on which the last record starts, and on which it ends.
  std::uint64_t record_line();
  std::uint64_t record_end_line();
  /// After a bad record that spans several lines: drop only its first line and read on from the next,
  /// so a stray quote never swallows the rows after it.
  void resync_after_first_line();
  /// Text bytes read so far (for progress and throughput).
  std::uint64_t bytes_read() const { return consumed_base_ + end_; }
  const std::string& name() const { return source_.name(); }

 private:
  enum class Parse { kComplete, kNeedMore };
  bool next_record(CsvRecord& record);
  void reject_bad_record(const CsvRecord& record);
  Parse parse(CsvRecord& record, bool at_eof);
  // The block scan: index_more() classifies whole blocks ahead and indexes their fields,
  // take_indexed() hands out the fields of one complete record.
  void restart_index();
  bool index_more();
  bool take_indexed(CsvRecord& record);
  void finish_record(CsvRecord& record, std::size_t record_end);
  bool refill();
  std::uint64_t line_at(std::size_t offset);
  [[noreturn]] void rethrow_decode(const struct DecodeError& error);

  Utf8Source& source_;
  Dialect dialect_;
  std::size_t chunk_;
  std::size_t max_record_;
  // An array of trivially copyable T that is not zero-filled, so that its pages are touched (and
  // faulted in) only as far as they are written. The read buffer's two chunks of 1 MiB, and the
  // field index's room for a field per scanned byte, would otherwise cost some 640 page faults
  // before a byte is read, however small the input.
  template <typename T>
  class RawArray {
   public:
    T* data() { return items_.get(); }
    const T* data() const { return items_.get(); }
    std::size_t size() const { return size_; }
    T& operator[](std::size_t i) { return items_[i]; }
    const T& operator[](std::size_t i) const { return items_[i]; }
    // Grows to `n` items, keeping the first `keep` (at most the old size); the rest is unset.
    void resize(std::size_t n, std::size_t keep) {
      // Raw storage, no constructor run: T is trivially copyable and destructible, so its objects
      // begin to live as bytes are written (C++20 implicit object creation).
      static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
      std::unique_ptr<T[], Free> grown(static_cast<T*>(::operator new[](n * sizeof(T))));
      if (size_) std::memcpy(static_cast<void*>(grown.get()), items_.get(), std::min(keep, size_) * sizeof(T));
      items_ = std::move(grown);
      size_ = n;
    }

   private:
    struct Free {
      void operator()(T* p) const { ::operator delete[](static_cast<void*>(p)); }
    };
    std::unique_ptr<T[], Free> items_;
    std::size_t size_ = 0;
  };
  RawArray<char> buf_;
  std::size_t begin_ = 0;       // start of the current record
  std::size_t end_ = 0;         // end of valid data
  std::size_t record_end_ = 0;  // end of the last record's text (before its line break)
  std::size_t next_ = 0;        // start of the record after it
  std::size_t nul_checked_ = 0; // data before this offset is known to be free of NUL bytes
  bool saw_nul_ = false;
  bool strict_ = false;
  bool eof_ = false;
  bool oversized_ = false;
  std::uint64_t base_line_ = 1;  // line number at buffer offset 0
  std::size_t mark_offset_ = 0;  // cached (offset, line) pair for line_at
  std::uint64_t mark_line_ = 1;
  std::uint64_t consumed_base_ = 0;
  std::string scratch_;  // unescaped fields of the current record

  // Block scan state: the fields found ahead, as views into buf_ with their flags.
  struct ScanCarry {
    std::uint64_t inside = 0;    // all ones when the previous block ended inside quotes
    std::uint64_t closer = 0;    // 1 when its last byte was a closing quote
    std::uint64_t sep = 1;       // 1 when its last byte was a delimiter or line break (or at the start)
    std::uint64_t special = 0;   // 1 when the open field has a byte canonical CSV must quote
    std::uint64_t unescape = 0;  // 1 when the open field has a doubled quote
    std::uint64_t quoted = 0;    // 1 when the open field started with a quote
    std::size_t start = 0;       // where the open field starts
  };
  CsvScan scan_ = CsvScan::kBlock;
  SimdLevel simd_ = best_simd_level();
  bool block_usable_ = true;              // the dialect suits the block scan
  RawArray<std::string_view> views_;      // indexed fields; [index_pos_, index_size_) not yet taken
  RawArray<std::uint8_t> plain_;          // their CsvRecord::plain flags
  RawArray<std::uint8_t> kinds_;          // their kind (see csv.cpp)
  std::size_t index_pos_ = 0;
  std::size_t index_size_ = 0;
  std::size_t index_start_ = SIZE_MAX;  // where the next record starts per the index (SIZE_MAX: stale)
  std::size_t scan_pos_ = 0;            // next byte to classify
  bool scan_stopped_ = false;           // met a quote the block rules cannot place: kScalar takes over
  ScanCarry carry_;
  std::vector<std::uint64_t> masks_;    // per block: quote, separator, line break, special
};

/// Counts line breaks (LF, CRLF, or a lone CR) in [data, data+size); `next` is the byte after the
/// range (or -1), so a CR right before an LF outside the range is not counted twice.
std::uint64_t count_line_breaks(const char* data, std::size_t size, int next);

/// Writes RFC 4180 CSV: comma, LF, a field quoted only when it holds a comma, quote or line break.
class CsvWriter {
 public:
  explicit CsvWriter(Output& out, char delimiter = ',') : out_(out), delimiter_(delimiter) {}
  /// Writes one field, with the separator before it unless it is the first of its row.
  void field(std::string_view value);
  /// Writes a field known to need no quotes (see CsvRecord::plain) as it is.
  void plain_field(std::string_view value) {
    if (!first_) out_.put(delimiter_);
    first_ = false;
    out_.write(value);
  }
  void end_row() {
    out_.put('\n');
    first_ = true;
  }
  /// The output, for callers that compose whole rows in its buffer (Output::reserve).
  Output& output() { return out_; }
  /// Writes pre-formatted CSV (one or more fields, from append_csv_field) as they are.
  void raw(std::string_view csv) {
    if (!first_) out_.put(delimiter_);
    first_ = false;
    out_.write(csv);
  }
  /// Continues the current field list with pre-formatted CSV that carries its own separators.
  void raw_append(std::string_view csv) {
    out_.write(csv);
    first_ = false;
  }
  void row(const std::vector<std::string>& fields) {
    for (const auto& f : fields) field(f);
    end_row();
  }

 private:
  Output& out_;
  char delimiter_;
  bool first_ = true;
};

/// True when `value` must be quoted in CSV with this delimiter.
bool needs_quotes(std::string_view value, char delimiter);

/// Appends `value` as one CSV field (quoted when needed) to `out`, without a separator.
void append_csv_field(std::string& out, std::string_view value, char delimiter = ',');

namespace detail {
/// Copies `n` bytes to `out` and returns the end: short copies (ids, dates, names) inline, without a
/// call into the C library.
inline char* copy_bytes(char* out, const char* from, std::size_t n) {
  if (n > 16) {
    std::memcpy(out, from, n);
  } else if (n >= 8) {
    std::uint64_t head, tail;
    std::memcpy(&head, from, 8);
    std::memcpy(&tail, from + n - 8, 8);
    std::memcpy(out, &head, 8);
    std::memcpy(out + n - 8, &tail, 8);
  } else if (n >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, from, 4);
    std::memcpy(&tail, from + n - 4, 4);
    std::memcpy(out, &head, 4);
    std::memcpy(out + n - 4, &tail, 4);
  } else if (n > 0) {
    out[0] = from[0];
    out[n / 2] = from[n / 2];
    out[n - 1] = from[n - 1];
  }
  return out + n;
}
/// Writes `value` quoted, its quotes doubled, at `out` (room for 2 * value.size() + 2 bytes); returns the end.
char* write_quoted_csv_field(char* out, std::string_view value);
}  // namespace detail

/// Writes `value` as one CSV field at `out`, which has room for 2 * value.size() + 2 bytes; returns
/// the end. `known_plain` (see CsvRecord::plain) skips the check for bytes that need quotes.
inline char* write_csv_field(char* out, std::string_view value, bool known_plain, char delimiter = ',') {
  if (known_plain || !needs_quotes(value, delimiter)) return detail::copy_bytes(out, value.data(), value.size());
  return detail::write_quoted_csv_field(out, value);
}

}  // namespace luister
