#pragma once
// Helpers for unit tests: run bytes through the real file-descriptor input path.
#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "luister/csv/csv.hpp"
#include "luister/csv/encoding.hpp"
#include "luister/base/io.hpp"

namespace test {

/// Bytes held in an anonymous in-memory file, readable as an InputFile.
class MemFile {
 public:
  explicit MemFile(const std::string& bytes) : fd_(::memfd_create("test", 0)) {
    if (!bytes.empty() && ::write(fd_, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) throw 1;
    ::lseek(fd_, 0, SEEK_SET);
  }
  ~MemFile() { ::close(fd_); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

/// Decodes `bytes` completely, with a small capacity per read to exercise chunk boundaries.
inline std::string decode(const std::string& bytes, luister::EncodingSpec spec = {}, std::size_t cap = 16,
                          luister::Encoding* found = nullptr) {
  MemFile mem(bytes);
  luister::InputFile in(mem.fd(), "mem.csv");
  luister::Utf8Source src(in, spec);
  std::string out;
  std::vector<char> buf(cap);
  while (std::size_t n = src.read(buf.data(), buf.size())) out.append(buf.data(), n);
  if (found) *found = src.encoding();
  return out;
}

struct Parsed {
  std::vector<std::string> fields;
  std::vector<std::uint8_t> plain;
  std::uint64_t line = 0, end_line = 0;
  bool unterminated = false, blank = false, nul = false;
  // Everything but `plain`, which only the block scan fills.
  bool operator==(const Parsed& o) const {
    return fields == o.fields && line == o.line && end_line == o.end_line && unterminated == o.unterminated &&
           blank == o.blank && nul == o.nul;
  }
};

/// How a test drives the reader.
struct ReadOptions {
  std::size_t chunk = 16;
  std::size_t max_record = std::size_t{64} << 20;
  luister::CsvScan scan = luister::CsvScan::kBlock;
  luister::SimdLevel level = luister::best_simd_level();
  bool resync = false;  ///< after a bad multi-line record, resync as luister-import does
};

/// Parses `text` (UTF-8) with the given dialect and options; returns every record.
inline std::vector<Parsed> parse_with(const std::string& text, luister::Dialect dialect, ReadOptions opt) {
  MemFile mem(text);
  luister::InputFile in(mem.fd(), "mem.csv");
  luister::Utf8Source src(in, {luister::Encoding::kUtf8, luister::InvalidBytes::kError});
  luister::CsvReader reader(src, dialect, opt.chunk, opt.max_record);
  reader.set_scan(opt.scan, opt.level);
  std::vector<Parsed> out;
  luister::CsvRecord rec;
  std::size_t width = 0;
  while (reader.next(rec)) {
    Parsed p;
    for (auto f : rec.fields) p.fields.emplace_back(f);
    p.plain = rec.plain;
    p.line = reader.record_line();
    p.end_line = reader.record_end_line();
    p.unterminated = rec.unterminated;
    p.blank = rec.blank;
    p.nul = rec.has_nul;
    if (width == 0) width = rec.fields.size();
    if (opt.resync && (rec.unterminated || rec.fields.size() != width) && p.end_line > p.line)
      reader.resync_after_first_line();
    out.push_back(std::move(p));
  }
  return out;
}

/// Parses `text` (UTF-8) with the given dialect and chunk size; returns every record.
inline std::vector<Parsed> parse(const std::string& text, luister::Dialect dialect = {}, std::size_t chunk = 16) {
  return parse_with(text, dialect, {.chunk = chunk});
}

using Fields = std::vector<std::string>;

}  // namespace test
