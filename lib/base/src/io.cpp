#include "luister/base/io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "luister/base/error.hpp"

namespace luister {

InputFile::InputFile(const std::string& path) {
  if (path.empty() || path == "-") {
    fd_ = 0;
    name_ = "<stdin>";
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    owned_ = true;
    name_ = path;
  }
  struct stat st {};
  if (::fstat(fd_, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (owned_) ::close(fd_);
      throw IoError(fmt::format("{}: is a directory, not a CSV file", path));
    }
    if (S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
  }
}

InputFile::InputFile(int fd, std::string name) : fd_(fd), name_(std::move(name)) {
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
}

InputFile::~InputFile() {
  if (owned_) ::close(fd_);
}

std::size_t InputFile::read(char* dst, std::size_t n) {
  std::size_t total = 0;
  // Fill as much as asked, so callers see full chunks from pipes too.
  while (total < n) {
    ssize_t got = ::read(fd_, dst + total, n - total);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw IoError(fmt::format("{}: read error: {}", name_, std::strerror(errno)));
    }
    if (got == 0) break;
    total += static_cast<std::size_t>(got);
  }
  return total;
}

Output::Output(const std::string& path) : buffer_(static_cast<char*>(std::malloc(kCapacity))) {
  if (!buffer_) throw std::bad_alloc();
  if (path.empty() || path == "-") return;
  path_ = path;
  // A device or pipe (/dev/null, /dev/stderr, a FIFO) is written as it is: renaming a temporary file
  // over it would replace the device with a plain file.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) {
      std::free(buffer_);
      throw IoError(fmt::format("{}: cannot open for writing: {}", path, std::strerror(errno)));
    }
    return;
  }
  temp_path_ = path + ".tmp.XXXXXX";
  fd_ = ::mkstemp(temp_path_.data());
  if (fd_ < 0) {
    std::free(buffer_);
    throw IoError(fmt::format("{}: cannot create output file: {}", path, std::strerror(errno)));
  }
  // mkstemp creates 0600; give the result the permissions a plain open() would have.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
}

Output::~Output() {
  if (!path_.empty() && !committed_) {
    ::close(fd_);
    if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  }
  std::free(buffer_);
}

void Output::write_fd(const char* data, std::size_t n) {
  while (n > 0) {
    ssize_t done = ::write(fd_, data, n);
    if (done < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe();
      throw IoError(fmt::format("{}: write error: {}", path_.empty() ? "<stdout>" : path_,
                                std::strerror(errno)));
    }
    data += done;
    n -= static_cast<std::size_t>(done);
  }
}

void Output::flush() {
  write_fd(buffer_, used_);
  used_ = 0;
  if (limit_ < kCapacity) limit_ *= 2;
}

void Output::write_slow(std::string_view bytes) {
  flush();
  if (bytes.size() >= limit_) {
    write_fd(bytes.data(), bytes.size());
  } else {
    std::memcpy(buffer_, bytes.data(), bytes.size());
    used_ = bytes.size();
  }
}

void Output::commit() {
  flush();
  if (path_.empty() || committed_) return;
  if (::fsync(fd_) != 0 && errno != EINVAL)
    throw IoError(fmt::format("{}: cannot sync output: {}", path_, std::strerror(errno)));
  if (::close(fd_) != 0) throw IoError(fmt::format("{}: cannot close output: {}", path_, std::strerror(errno)));
  if (temp_path_.empty()) {  // written in place (a device or pipe)
    committed_ = true;
    return;
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    ::unlink(temp_path_.c_str());
    committed_ = true;
    throw IoError(fmt::format("{}: cannot replace output file: {}", path_, std::strerror(err)));
  }
  committed_ = true;
}

}  // namespace luister
