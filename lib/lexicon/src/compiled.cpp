#include "luister/lexicon/compiled.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/hash.hpp"
#include "luister/base/io.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {
namespace {

constexpr char kMagic[8] = {'L', 'U', 'I', 'S', 'T', 'L', 'X', 'C'};
constexpr std::size_t kHeaderSize = 40;

// Words whose Snowball stems stand for the stemmer's version: a libstemmer that stems them otherwise
// would stem the lexicon otherwise too.
constexpr const char* kProbeWords[] = {"wachttijden", "vriendelijke", "teleurstellend", "behulpzaamheid",
                                       "klantvriendelijkheid", "gemeentelijke", "afspraken", "geholpen",
                                       "snelheid", "duurde", "onbeleefd", "mogelijkheden"};

// A string into a chain of hashes, its length first, so that ("ab", "c") and ("a", "bc") differ.
std::uint64_t hash_string(std::string_view s, std::uint64_t seed) {
  const std::uint64_t size = s.size();
  return hash_bytes(s, hash_bytes(&size, sizeof size, seed));
}

std::uint64_t stemmer_fingerprint() {
  Stemmer stemmer;
  std::uint64_t h = 0;
  for (const char* w : kProbeWords) h = hash_string(stemmer.stem(w), h);
  return h;
}

// Appends little-endian numbers.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string& out_;
};

// Reads what Writer wrote; a read past the end gives zeros and clears ok().
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  std::uint8_t u8() {
    std::uint8_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    raw(&v, sizeof v);
    return v;
  }

 private:
  void raw(void* p, std::size_t n) {
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return;
    }
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// The bytes of the open file `fd` (closed here) named `path`, read at once into a string of its size
// (read_file() grows a stream: three times the copying, for the largest files a start-up reads).
// Throws IoError.
std::string read_fd(int fd, const std::string& path) {
  struct stat st {};
  std::string out;
  // A byte more than the file has, so that the read that finds its end needs no larger buffer (a
  // string grown by a page would move, doubled, to a new allocation: twice the pages touched).
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) out.resize(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t got = 0;
  for (;;) {
    if (got == out.size()) out.resize(out.size() + 4096);  // grown meanwhile, or not a regular file
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      if (n < 0) throw IoError(fmt::format("{}: read error: {}", path, std::strerror(err)));
      out.resize(got);
      return out;
    }
    got += static_cast<std::size_t>(n);
  }
}

// The bytes of the file at `path`. Throws IoError.
std::string read_whole(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return read_file(path);  // for its message
  return read_fd(fd, path);
}

// The hash of a source's bytes: in kChunk pieces, then the size, so that hash_source() can hash a
// file through a small buffer and give the same.
constexpr std::size_t kChunk = 16384;
std::uint64_t hash_chunks(std::string_view bytes) {
  std::uint64_t h = 0;
  for (std::size_t at = 0; at < bytes.size(); at += kChunk) h = hash_bytes(bytes.substr(at, kChunk), h);
  const std::uint64_t size = bytes.size();
  return hash_bytes(&size, sizeof size, h);
}

// hash_chunks() of the bytes of the file at `path`. A regular file is read through a small buffer
// and its bytes are not kept: a start-up whose compiled lexicon is current never needs them, and
// parse() reads the file again. Anything else (a pipe) can be read once only: its bytes go to `kept`.
// Throws IoError.
std::uint64_t hash_source(const std::string& path, std::optional<std::string>& kept) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) kept = read_file(path);  // for its message
  struct stat st {};
  if (fd >= 0 && (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) kept = read_fd(fd, path);
  if (kept) return hash_chunks(*kept);
  char buffer[kChunk];
  std::uint64_t h = 0, size = 0;
  for (;;) {
    std::size_t got = 0;
    while (got < kChunk) {
      const ssize_t n = ::read(fd, buffer + got, kChunk - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        ::close(fd);
        throw IoError(fmt::format("{}: read error: {}", path, std::strerror(err)));
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got > 0) h = hash_bytes(buffer, got, h);
    size += got;
    if (got < kChunk) break;
  }
  ::close(fd);
  return hash_bytes(&size, sizeof size, h);
}

// Keeps the cache folder of `kept` (a file just written) small: the newest kKeep compiled files stay,
// older ones go, and so do temporary files a killed run left over an hour ago. A file removed while
// another run reads it stays readable to that run; one removed before it is opened is parsed again.
void prune(const std::string& kept) {
  namespace fs = std::filesystem;
  constexpr std::size_t kKeep = 16;
  std::error_code ec;
  const fs::path dir = fs::path(kept).parent_path();
  const auto now = fs::file_time_type::clock::now();
  std::vector<std::pair<fs::file_time_type, fs::path>> compiled;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("lexicon-", 0) != 0) continue;
    const fs::file_time_type time = it->last_write_time(ec);
    if (ec) continue;
    if (name.find(".tmp.") != std::string::npos) {
      if (now - time > std::chrono::hours(1)) fs::remove(it->path(), ec);
    } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".bin") == 0 && it->path() != fs::path(kept)) {
      compiled.emplace_back(time, it->path());
    }
  }
  if (compiled.size() < kKeep) return;
  std::sort(compiled.begin(), compiled.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = kKeep - 1; k < compiled.size(); ++k) fs::remove(compiled[k].second, ec);
}

// Creates `dir` and its missing parents; false when it cannot.
bool make_dirs(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  const std::size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0 && !make_dirs(dir.substr(0, slash))) return false;
  return ::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST;
}

}  // namespace

std::string CompiledLexicon::folder() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/luister";  // the XDG spec: relative paths are ignored
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.cache/luister";
  return {};
}

CompiledLexicon::CompiledLexicon(std::vector<std::pair<std::string, std::string>> layers) : layers_(std::move(layers)) {
  std::uint64_t key = hash_bytes(&kFormatVersion, sizeof kFormatVersion, stemmer_fingerprint());
  std::uint64_t name = kFormatVersion;
  texts_.reserve(layers_.size());
  hashes_.reserve(layers_.size());
  for (const auto& [process, path] : layers_) {
    std::optional<std::string>& text = texts_.emplace_back();
    hashes_.push_back(hash_source(path, text));
    name = hash_string(path, hash_string(process, name));
    key = hash_bytes(&hashes_.back(), sizeof hashes_.back(), hash_string(path, hash_string(process, key)));
  }
  key_ = key;
  if (std::string dir = folder(); !dir.empty()) path_ = fmt::format("{}/lexicon-{:016x}.bin", dir, name);
}

void CompiledLexicon::parse(Lexicon& lexicon) const {
  for (std::size_t k = 0; k < layers_.size(); ++k) {
    const std::string& path = layers_[k].second;
    const std::string text = texts_[k] ? *texts_[k] : read_whole(path);
    if (hash_chunks(text) != hashes_[k]) changed_ = true;  // edited since the key was made
    lexicon.add_layer_text(path, text, layers_[k].first, nullptr);
  }
}

bool CompiledLexicon::save(const Lexicon& lexicon, std::string_view extra) const {
  if (path_.empty() || changed_ || lexicon.layers_.size() != layers_.size()) return false;
  std::string payload;
  Writer w(payload);
  w.u64(extra.size());
  payload.append(extra);
  payload.resize((payload.size() + 7) & ~std::size_t{7}, '\0');  // each image 8-byte aligned in the file
  for (const Lexicon::Layer& layer : lexicon.layers_) payload.append(layer.image);
  std::string header;
  Writer h(header);
  header.append(kMagic, sizeof kMagic);
  h.u32(kFormatVersion);
  h.u32(static_cast<std::uint32_t>(layers_.size()));
  h.u64(key_);
  h.u64(payload.size());
  h.u64(hash_bytes(payload));
  try {
    if (!make_dirs(path_.substr(0, path_.find_last_of('/')))) return false;
    Output out(path_);
    out.write(header);
    out.write(payload);
    out.commit();
    prune(path_);
    return true;
  } catch (const IoError&) {
    return false;  // a read-only or full cache folder: the next run parses again
  }
}

namespace {

// A read-only mapping of a whole file, unmapped with the last owner.
std::shared_ptr<const void> map_file(const std::string& path, std::size_t& size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  void* p = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    size = static_cast<std::size_t>(st.st_size);
    // Populated at once: the payload hash reads every page anyway, and one call maps them all.
    p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  }
  ::close(fd);
  if (p == MAP_FAILED) return nullptr;
  return std::shared_ptr<const void>(p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
}

}  // namespace

bool CompiledLexicon::load(Lexicon& lexicon, std::string& extra) const {
  if (path_.empty() || !lexicon.empty()) return false;
  std::size_t size = 0;
  const std::shared_ptr<const void> mapping = map_file(path_, size);
  if (!mapping) return false;  // none yet
  const std::string_view bytes(static_cast<const char*>(mapping.get()), size);
  Reader r(bytes);
  char magic[8];
  for (char& c : magic) c = static_cast<char>(r.u8());
  const std::uint32_t version = r.u32();
  const std::uint32_t layer_count = r.u32();
  std::uint64_t header[3] = {};  // key, payload size, payload hash
  for (std::uint64_t& v : header) v = r.u64();
  if (!r.ok() || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || version != kFormatVersion ||
      layer_count != layers_.size() || header[0] != key_ || header[1] != bytes.size() - kHeaderSize)
    return false;
  const std::string_view payload = bytes.substr(kHeaderSize);
  if (hash_bytes(payload) != header[2]) return false;
  Reader p(payload);
  const std::uint64_t extra_size = p.u64();
  if (!p.ok() || extra_size > payload.size() - 8) return false;
  std::size_t at = (8 + extra_size + 7) & ~std::uint64_t{7};
  Lexicon built;
  for (const auto& spec : layers_) {
    std::uint64_t image_size = 0;
    if (at > payload.size() || payload.size() - at < sizeof image_size) return false;
    std::memcpy(&image_size, payload.data() + at, sizeof image_size);
    if (image_size > payload.size() - at) return false;
    Lexicon::Layer layer;
    if (!Lexicon::attach(payload.substr(at, image_size), mapping, layer) || layer.process != spec.first) return false;
    built.push_layer(std::move(layer));
    at += image_size;
  }
  if (at != payload.size()) return false;
  extra.assign(payload.substr(8, extra_size));
  lexicon = std::move(built);
  return true;
}

}  // namespace luister
