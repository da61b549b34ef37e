#pragma once
/// Progress of a long run on stderr, shown when asked (`--progress`, or by default on a terminal):
/// the phase the run is in, how far it is, and a note within the phase.
///
///     Progress progress(progress_enabled(options.common.progress));
///     progress.phase("finding criticism", rows.size());       // "luister-cluster: finding criticism (1200 rows)"
///     for (std::size_t r = 0; r < rows.size(); ++r) progress.step(r + 1);
///     progress.phase("clustering", 24, "passes");
///     progress.detail("group 'Wmo', pass 1 of 2: k-means round 3");
///
/// On a terminal one line is redrawn in place; otherwise (a log file, a pipe) each update is a line
/// of its own. A phase is shown when it starts; counts and notes within it at most every 250 ms on
/// a terminal and every second elsewhere (`LUISTER_PROGRESS_INTERVAL_MS` overrides both, for tests).
/// Phases are few per run (never one per row), so their lines cannot flood a log. Only stderr is
/// written, and nothing here changes what a tool computes or writes.
#include <chrono>
#include <cstdint>
#include <string>

namespace luister {

class Progress {
 public:
  /// Disabled: every call returns at once.
  explicit Progress(bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// A disabled instance, for library calls made without progress.
  static Progress& off();

  bool enabled() const { return enabled_; }

  /// Starts a phase ("reading rows", "clustering"); `total` items of `unit` to do (0: unknown).
  /// Shown at once; clears the previous phase's count and note.
  void phase(std::string name, std::uint64_t total = 0, std::string unit = "rows");

  /// `done` items of the phase so far. Cheap enough to call per row (one clock read).
  void step(std::uint64_t done) {
    if (!enabled_) return;
    done_ = done;
    tick();
  }

  /// A note within the phase ("group 'Wmo', pass 1 of 2: k-means round 3"); shown with the count.
  void detail(std::string text);

  /// Bytes read so far of streamed input (`total_bytes` 0: unknown) and rows done. Cheap enough to
  /// call per record: looks at the clock only every few thousand calls.
  void update(std::uint64_t bytes, std::uint64_t total_bytes, std::uint64_t rows) {
    if (!enabled_ || (++calls_ & 4095) != 0) return;
    bytes_ = bytes, total_bytes_ = total_bytes, done_ = rows, streaming_ = true;
    tick();
  }

  /// Clears the line on a terminal, so that a message can follow (message() calls it by itself).
  /// The next update draws it again.
  void finish();

 private:
  void tick();
  void draw(std::chrono::steady_clock::time_point now);
  std::string text(std::chrono::steady_clock::time_point now) const;

  bool enabled_;
  bool terminal_ = false;
  bool drawn_ = false;  // a line stands on the terminal (finish() clears it)
  bool shown_ = false;  // anything was shown yet
  std::chrono::milliseconds interval_{1000};
  std::string phase_, unit_, detail_, last_line_;
  std::uint64_t total_ = 0, done_ = 0, bytes_ = 0, total_bytes_ = 0, calls_ = 0;
  bool streaming_ = false;  // update() reports bytes in this phase
  Progress* outer_ = nullptr;  // the progress active before this one
  std::chrono::steady_clock::time_point last_{};
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// Clears the active progress line, if any, before something else is written on stderr.
void clear_progress_line();

}  // namespace luister
