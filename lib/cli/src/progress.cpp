#include "luister/cli/progress.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "luister/cli/cli.hpp"

namespace luister {

void Progress::draw(std::uint64_t bytes, std::uint64_t total_bytes, std::uint64_t rows, bool force) {
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(bytes) / 1e6;
  std::string line = total_bytes > 0
                         ? fmt::format("\r{}: {:.0f} of {:.0f} MB ({:.0f}%), {} rows, {:.0f} MB/s ", tool_name(), mb,
                                       static_cast<double>(total_bytes) / 1e6,
                                       100.0 * static_cast<double>(bytes) / static_cast<double>(total_bytes), rows,
                                       seconds > 0 ? mb / seconds : 0.0)
                         : fmt::format("\r{}: {:.0f} MB, {} rows, {:.0f} MB/s ", tool_name(), mb, rows,
                                       seconds > 0 ? mb / seconds : 0.0);
  std::fwrite(line.data(), 1, line.size(), stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

}  // namespace luister
