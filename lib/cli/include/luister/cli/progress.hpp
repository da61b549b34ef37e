#pragma once
/// A progress line on stderr for long runs ("luister-import: 412 MB of 1.2 GB, 1,234,567 rows").
#include <chrono>
#include <cstdint>

namespace luister {

/// Redraws at most four times a second; does nothing when disabled.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  ~Progress() { finish(); }
  /// Cheap enough to call per record: looks at the clock only every few thousand calls.
  void update(std::uint64_t bytes, std::uint64_t total_bytes, std::uint64_t rows) {
    if (!enabled_ || (++calls_ & 4095) != 0) return;
    draw(bytes, total_bytes, rows, false);
  }
  /// Clears the line.
  void finish();

 private:
  void draw(std::uint64_t bytes, std::uint64_t total_bytes, std::uint64_t rows, bool force);
  bool enabled_;
  bool drawn_ = false;
  std::uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point last_{};
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace luister
