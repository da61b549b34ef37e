#pragma once
/// Byte-level input and output: files or stdin in, buffered stdout or an atomically replaced file out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace luister {

/// A readable byte stream: a file, or stdin for "-". Not copyable; closes on destruction.
class InputFile {
 public:
  /// Opens `path` ("-" or empty = stdin). Throws IoError naming the path when it cannot be opened.
  explicit InputFile(const std::string& path);
  /// Reads an already open descriptor (not closed on destruction), named `name` in messages.
  InputFile(int fd, std::string name);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  /// Reads up to `n` bytes into `dst`; returns 0 only at end of input. Throws IoError.
  std::size_t read(char* dst, std::size_t n);
  /// The name used in messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }
  /// Size in bytes for regular files, 0 when unknown (pipes).
  std::uint64_t size() const { return size_; }

 private:
  int fd_ = -1;
  bool owned_ = false;
  std::string name_;
  std::uint64_t size_ = 0;
};

/// Buffered output to stdout or to a file that appears only when commit() is called.
///
/// A file output is written to a temporary file beside the target and renamed over it on commit(),
/// so a failed run never leaves half a file nor clobbers the previous good one. A closed pipe on
/// stdout throws BrokenPipe.
class Output {
 public:
  /// `path` empty or "-" writes to stdout.
  explicit Output(const std::string& path);
  ~Output();  ///< Without commit(), a temporary file is removed.
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view bytes) {
    if (bytes.size() > limit_ - used_) {
      write_slow(bytes);
      return;
    }
    if (bytes.empty()) return;  // data() may be null (an SQL NULL, a default string_view)
    __builtin_memcpy(buffer_ + used_, bytes.data(), bytes.size());
    used_ += bytes.size();
  }
  void put(char c) {
    if (used_ == limit_) flush();
    buffer_[used_++] = c;
  }
  /// Room for `n` bytes (at most capacity()) written straight into the buffer: returns where they go.
  /// Pass the end of what was written to advance().
  char* reserve(std::size_t n) {
    if (n > limit_ - used_) {
      flush();
      if (n > limit_) limit_ = kCapacity;
    }
    return buffer_ + used_;
  }
  /// Takes the bytes up to `end` (within the room reserve() returned) as written.
  void advance(const char* end) { used_ = static_cast<std::size_t>(end - buffer_); }
  /// The buffer size: the most one reserve() can ask for.
  static constexpr std::size_t capacity() { return kCapacity; }
  /// Writes buffered bytes through to the descriptor.
  void flush();
  /// Flushes and, for a file, renames the temporary file onto the target.
  void commit();

 private:
  static constexpr std::size_t kCapacity = 1 << 20;
  void write_slow(std::string_view bytes);
  void write_fd(const char* data, std::size_t n);

  int fd_ = 1;
  std::string path_;
  std::string temp_path_;
  char* buffer_;
  std::size_t used_ = 0;
  // Bytes buffered before a write: 64 KiB at first, doubling at each flush up to kCapacity, so that a
  // small output touches (and faults in) few pages of the buffer and a large one is written in big
  // writes all the same.
  std::size_t limit_ = kCapacity / 16;
  bool committed_ = false;
};

}  // namespace luister
