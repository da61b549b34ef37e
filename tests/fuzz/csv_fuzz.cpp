// Fuzz target for the CSV reader: decoding, sniffing, record splitting, resync and value parsing.
// The first byte picks the encoding and the invalid-byte policy, the second the read chunk size.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "luister/csv.hpp"
#include "luister/error.hpp"
#include "luister/sniff.hpp"
#include "luister/values.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  using namespace luister;
  EncodingSpec spec;
  spec.encoding = static_cast<Encoding>(data[0] % 6);
  spec.invalid = static_cast<InvalidBytes>((data[0] / 6) % 3);
  std::size_t chunk = 16 + data[1] % 64;
  int fd = ::memfd_create("fuzz", 0);
  if (fd < 0) return 0;
  if (::write(fd, data + 2, size - 2) != static_cast<ssize_t>(size - 2) || ::lseek(fd, 0, SEEK_SET) != 0) {
    ::close(fd);
    return 0;
  }
  try {
    InputFile in(fd, "fuzz");
    Utf8Source text(in, spec);
    CsvReader reader(text, Dialect{}, chunk, 4096);
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
      for (auto f : rec.fields) {
        (void)parse_grade(f);
        (void)parse_date(f);
        if (valid_utf8_prefix(f.data(), f.size()) != f.size()) __builtin_trap();  // output is always UTF-8
      }
      if ((rec.unterminated || rec.fields.size() != width) && end_line > line) reader.resync_after_first_line();
    }
  } catch (const Error&) {
  } catch (const DecodeError&) {
  }
  ::close(fd);
  return 0;
}
