// Fuzz target for the CSV reader: decoding, sniffing, record splitting, resync and value parsing.
// The first byte picks the encoding and the invalid-byte policy, the second the read chunk size.
// Every input is read twice, with the block scan and with the byte-at-a-time reference; any
// difference in records, line numbers or flags is a crash.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "luister/csv/csv.hpp"
#include "luister/base/error.hpp"
#include "luister/csv/sniff.hpp"
#include "luister/csv/values.hpp"

namespace {

struct Record {
  std::vector<std::string> fields;
  std::uint64_t line, end_line;
  bool unterminated, blank, has_nul;
  bool operator==(const Record&) const = default;
};

// Reads the whole input with one scan; what the reader yields, and the error that ended it, if any.
std::vector<Record> read_all(int fd, std::uint8_t control, std::size_t chunk, luister::CsvScan scan, std::string* error) {
  using namespace luister;
  std::vector<Record> out;
  if (::lseek(fd, 0, SEEK_SET) != 0) return out;
  EncodingSpec spec;
  spec.encoding = static_cast<Encoding>(control % 6);
  spec.invalid = static_cast<InvalidBytes>((control / 6) % 3);
  try {
    InputFile in(fd, "fuzz");
    Utf8Source text(in, spec);
    CsvReader reader(text, Dialect{}, chunk, 4096);
    reader.set_scan(scan);
    std::string_view sample = reader.peek(512);
    SniffResult sniffed = sniff_dialect(sample, sample.size() < 512);
    reader.set_dialect(sniffed.dialect);
    CsvRecord rec;
    std::size_t width = 0;
    while (reader.next(rec)) {
      if (width == 0) width = rec.fields.size();
      std::uint64_t line = reader.record_line();
      std::uint64_t end_line = reader.record_end_line();
      if (end_line < line) __builtin_trap();
      if (!rec.plain.empty() && rec.plain.size() != rec.fields.size()) __builtin_trap();
      Record r{{}, line, end_line, rec.unterminated, rec.blank, rec.has_nul};
      for (std::size_t i = 0; i < rec.fields.size(); ++i) {
        std::string_view f = rec.fields[i];
        (void)parse_grade(f);
        (void)parse_date(f);
        if (valid_utf8_prefix(f.data(), f.size()) != f.size()) __builtin_trap();  // output is always UTF-8
        if (i < rec.plain.size() && rec.plain[i] && needs_quotes(f, ',')) __builtin_trap();
        r.fields.emplace_back(f);
      }
      out.push_back(std::move(r));
      if ((rec.unterminated || rec.fields.size() != width) && end_line > line) reader.resync_after_first_line();
    }
  } catch (const Error& e) {
    *error = e.what();
  } catch (const DecodeError& e) {
    *error = e.message;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::size_t chunk = 16 + data[1] % 64;
  int fd = ::memfd_create("fuzz", 0);
  if (fd < 0) return 0;
  if (::write(fd, data + 2, size - 2) != static_cast<ssize_t>(size - 2)) {
    ::close(fd);
    return 0;
  }
  std::string scalar_error, block_error;
  auto scalar = read_all(fd, data[0], chunk, luister::CsvScan::kScalar, &scalar_error);
  auto block = read_all(fd, data[0], chunk, luister::CsvScan::kBlock, &block_error);
  if (scalar != block || scalar_error != block_error) __builtin_trap();
  ::close(fd);
  return 0;
}
