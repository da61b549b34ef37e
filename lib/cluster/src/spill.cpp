#include "spill.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <tuple>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "luister/base/error.hpp"

namespace luister {
namespace {

constexpr std::size_t kBlock = std::size_t{1} << 20;  // bytes written or read at once
constexpr std::size_t kGlance = std::size_t{1} << 12;  // bytes read for a record out of turn

// A record's length before it, as RecordWriter writes numbers.
void put_length(std::string& out, std::size_t n) { RecordWriter(out).number(n); }

// The length at the start of `in` and the bytes it took; {0, 0} when `in` is cut short.
std::pair<std::size_t, std::size_t> get_length(std::string_view in) {
  std::size_t v = 0;
  for (std::size_t i = 0, shift = 0; i < in.size() && i < 10; ++i, shift += 7) {
    const auto b = static_cast<unsigned char>(in[i]);
    v |= static_cast<std::size_t>(b & 0x7f) << shift;
    if (b < 0x80) return {v, i + 1};
  }
  return {0, 0};
}

std::string temp_folder() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

}  // namespace

Spill::Spill(std::size_t memory_limit) : memory_limit_(memory_limit) {}

Spill::~Spill() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t Spill::append(std::string_view record) {
  const std::uint64_t offset = size_;
  head_.clear();
  put_length(head_, record.size());
  size_ += head_.size() + record.size();
  if (fd_ >= 0) {
    pending_ += head_;
    pending_ += record;
    if (pending_.size() >= kBlock) flush();
    return offset;
  }
  const std::size_t n = head_.size() + record.size();
  if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < n) {
    blocks_.emplace_back().reserve(std::max(kBlock, n));
    block_start_.push_back(offset);
  }
  blocks_.back() += head_;
  blocks_.back() += record;
  in_memory_ += n;
  if (in_memory_ > memory_limit_) move_to_disk();
  return offset;
}

void Spill::move_to_disk() {
  std::string path = temp_folder() + "/luister-cluster.XXXXXX";
  fd_ = ::mkstemp(path.data());
  if (fd_ < 0)
    throw IoError(fmt::format("cannot make a temporary file in {}: {}. Hint: set TMPDIR to a folder with room, "
                              "or give --buffer-size more memory",
                              temp_folder(), std::strerror(errno)));
  ::unlink(path.c_str());  // gone when the process ends, however it ends
  for (std::string& block : blocks_) {
    pending_.swap(block);
    flush();
    block = std::string();  // its memory back at once
  }
  blocks_ = {};
  block_start_ = {};
  pending_ = std::string();
}

void Spill::flush() {
  const char* data = pending_.data();
  std::size_t n = pending_.size();
  while (n > 0) {
    const ssize_t done = ::write(fd_, data, n);
    if (done < 0) {
      if (errno == EINTR) continue;
      throw IoError(fmt::format("cannot write to a temporary file in {}: {}. Hint: set TMPDIR to a folder with room",
                                temp_folder(), std::strerror(errno)));
    }
    data += done;
    n -= static_cast<std::size_t>(done);
  }
  pending_.clear();
}

void Spill::read_into(std::uint64_t offset, std::size_t n) {
  window_.resize(n);
  window_start_ = offset;
  std::size_t got = 0;
  while (got < n) {
    const ssize_t done = ::pread(fd_, window_.data() + got, n - got, static_cast<off_t>(offset + got));
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0)
      throw IoError(fmt::format("cannot read back a temporary file in {}: {}", temp_folder(),
                                done < 0 ? std::strerror(errno) : "it is shorter than written"));
    got += static_cast<std::size_t>(done);
  }
}

std::string_view Spill::at(std::uint64_t offset) {
  if (fd_ < 0) {
    const auto b = static_cast<std::size_t>(std::upper_bound(block_start_.begin(), block_start_.end(), offset) -
                                            block_start_.begin() - 1);
    std::string_view rest = std::string_view(blocks_[b]).substr(static_cast<std::size_t>(offset - block_start_[b]));
    const auto [n, head] = get_length(rest);
    return rest.substr(head, n);
  }
  if (!pending_.empty()) flush();
  auto in_window = [&]() -> std::string_view {
    if (offset < window_start_ || offset >= window_start_ + window_.size()) return {};
    return std::string_view(window_).substr(static_cast<std::size_t>(offset - window_start_));
  };
  std::string_view rest = in_window();
  auto [n, head] = get_length(rest);
  if (head == 0 || rest.size() < head + n) {
    // Reading on through the records (the output, a group's units): a block at once; a record here
    // and there (rows to order units by): little more than the record.
    const std::uint64_t end = window_start_ + window_.size();
    const std::size_t want = offset >= end && offset - end < kBlock ? kBlock : kGlance;
    read_into(offset, static_cast<std::size_t>(std::min<std::uint64_t>(want, size_ - offset)));
    rest = in_window();
    std::tie(n, head) = get_length(rest);
    if (rest.size() < head + n) {
      read_into(offset, head + n);
      rest = in_window();
    }
  }
  return rest.substr(head, n);
}

}  // namespace luister
