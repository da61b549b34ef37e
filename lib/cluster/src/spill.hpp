#pragma once
// luister-cluster's store for what it reads once and needs again later (the input rows, the units
// of criticism): records kept in memory up to a budget, and beyond it in a temporary file, so that
// the memory of a run does not grow with the size of its input.
//
//     Spill rows(64 << 20);
//     std::uint64_t at = rows.append(record);
//     std::string_view back = rows.at(at);   // valid until the next call of at()
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace luister {

/// An append-only list of byte records. Records stay in memory until they hold more than
/// `memory_limit` bytes; then all of them move to a temporary file (in $TMPDIR, else /tmp) that is
/// removed at once, so nothing is left behind whatever happens to the process.
class Spill {
 public:
  explicit Spill(std::size_t memory_limit);
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;

  /// Stores a record; returns its offset for at(). Throws IoError when the temporary file cannot
  /// be made or written.
  std::uint64_t append(std::string_view record);
  /// The record stored at `offset`. The view stays valid until the next call of at() or append().
  /// Reading forward through the records is buffered.
  std::string_view at(std::uint64_t offset);
  /// Whether the records went to a temporary file.
  bool on_disk() const { return fd_ >= 0; }

 private:
  void move_to_disk();
  void flush();
  void read_into(std::uint64_t offset, std::size_t n);

  std::size_t memory_limit_;
  // The records while they fit in memory, in blocks that never move (a string that doubles would
  // hold twice the budget for a moment); a record never spans two blocks.
  std::vector<std::string> blocks_;
  std::vector<std::uint64_t> block_start_;  // the offset of each block's first byte
  std::size_t in_memory_ = 0;               // bytes of all blocks
  int fd_ = -1;            // the temporary file once they do not fit
  std::uint64_t size_ = 0;  // bytes stored, in memory or on disk
  std::string pending_;    // appended, not yet written to the file
  std::string head_;       // the length before a record
  std::string window_;     // bytes of the file from window_start_, for at()
  std::uint64_t window_start_ = 0;
};

/// Builds a record: numbers and length-prefixed strings, in the byte order of this machine (a
/// record never outlives the run that wrote it).
class RecordWriter {
 public:
  explicit RecordWriter(std::string& out) : out_(out) {}
  void number(std::uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void bytes(std::string_view s) {
    number(s.size());
    out_.append(s);
  }
  void real(float f) {
    char b[sizeof f];
    std::memcpy(b, &f, sizeof f);
    out_.append(b, sizeof f);
  }

 private:
  std::string& out_;
};

/// Reads back what RecordWriter wrote, in the same order.
class RecordReader {
 public:
  explicit RecordReader(std::string_view in) : in_(in) {}
  std::uint64_t number() {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const auto b = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  }
  std::string_view bytes() {
    const auto n = static_cast<std::size_t>(number());
    const std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  float real() {
    float f;
    std::memcpy(&f, in_.data() + pos_, sizeof f);
    pos_ += sizeof f;
    return f;
  }
  bool done() const { return pos_ >= in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace luister
