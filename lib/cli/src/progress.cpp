#include "luister/cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "luister/cli/cli.hpp"

namespace luister {
namespace {

Progress* g_active = nullptr;  // the progress whose line message() clears first

// 250 ms between redraws on a terminal, a second between lines in a log; LUISTER_PROGRESS_INTERVAL_MS
// (a whole number of milliseconds) overrides both, so that a test sees every update.
std::chrono::milliseconds interval_for(bool terminal) {
  if (const char* env = std::getenv("LUISTER_PROGRESS_INTERVAL_MS"); env && *env) {
    char* end = nullptr;
    const long ms = std::strtol(env, &end, 10);
    if (*end == '\0' && ms >= 0) return std::chrono::milliseconds(ms);
  }
  return std::chrono::milliseconds(terminal ? 250 : 1000);
}

// The terminal's width in columns (80 when it does not say).
std::size_t terminal_width() {
  winsize ws{};
  if (::ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

// `text` cut to at most `width` code points, so that a redrawn line never wraps.
std::string fit_width(std::string text, std::size_t width) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a code point
    if (++points > width) {
      text.resize(i);
      break;
    }
  }
  return text;
}

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

Progress::Progress(bool enabled) : enabled_(enabled) {
  if (!enabled_) return;
  terminal_ = ::isatty(2) != 0;
  interval_ = interval_for(terminal_);
  outer_ = g_active;
  g_active = this;
}

Progress::~Progress() {
  if (!enabled_) return;
  finish();
  g_active = outer_;
}

Progress& Progress::off() {
  static Progress none(false);
  return none;
}

void Progress::phase(std::string name, std::uint64_t total, std::string unit) {
  if (!enabled_) return;
  phase_ = std::move(name);
  unit_ = std::move(unit);
  total_ = total;
  done_ = bytes_ = total_bytes_ = 0;
  streaming_ = false;
  detail_.clear();
  draw(std::chrono::steady_clock::now());  // a phase is always shown: phases are few
}

void Progress::detail(std::string text) {
  if (!enabled_) return;
  detail_ = std::move(text);
  tick();
}

void Progress::tick() {
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < interval_) return;
  draw(now);
}

// "phase: 600 of 1200 rows (50%); note" or, for streamed input, "phase: 412 of 1200 MB (34%),
// 1234567 rows, 90 MB/s".
std::string Progress::text(std::chrono::steady_clock::time_point now) const {
  std::string counts;
  if (streaming_) {
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double mb = static_cast<double>(bytes_) / 1e6;
    counts = total_bytes_ > 0 ? fmt::format("{:.0f} of {:.0f} MB ({:.0f}%), ", mb, static_cast<double>(total_bytes_) / 1e6,
                                            percent(bytes_, total_bytes_))
                              : fmt::format("{:.0f} MB, ", mb);
    counts += fmt::format("{} rows, {:.0f} MB/s", done_, seconds > 0 ? mb / seconds : 0.0);
  } else if (total_ > 0) {
    counts = fmt::format("{} of {} {} ({:.0f}%)", done_, total_, unit_, percent(done_, total_));
  } else if (done_ > 0) {
    counts = fmt::format("{} {}", done_, unit_);
  }
  std::string line = phase_;
  if (!counts.empty()) line += (line.empty() ? "" : ": ") + counts;
  if (!detail_.empty()) line += (line.empty() ? "" : counts.empty() ? ": " : "; ") + detail_;
  return line;
}

void Progress::draw(std::chrono::steady_clock::time_point now) {
  std::string body = text(now);
  last_ = now;
  shown_ = true;
  if (body.empty()) return;
  if (!terminal_ && body == last_line_) return;  // a log gets a line only when something moved
  last_line_ = body;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = fmt::format("{}: {} [{:.1f} s]", tool_name(), body, seconds);
  if (terminal_) {
    line = "\r" + fit_width(std::move(line), terminal_width() - 1) + "\033[K";
    drawn_ = true;
  } else {
    line += '\n';
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void Progress::finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  drawn_ = false;
  shown_ = false;  // the line is gone: the next update draws it again at once
}

void clear_progress_line() {
  if (g_active) g_active->finish();
}

}  // namespace luister
