// The compiled lexicon: read back exactly as parsed, rebuilt when a source changes, never trusted
// when truncated or damaged, and harmless when its folder cannot be written.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "luister/base/data.hpp"
#include "luister/base/hash.hpp"
#include "luister/lexicon/compiled.hpp"
#include "luister/lexicon/lexicon.hpp"

namespace {

namespace fs = std::filesystem;
using Layers = std::vector<std::pair<std::string, std::string>>;

// A scratch folder as $XDG_CACHE_HOME for the test's lifetime, removed with everything in it.
struct CacheHome {
  fs::path path;
  std::string saved;
  bool had = false;
  CacheHome() {
    char tmpl[] = "/tmp/luister-compiled-test-XXXXXX";
    path = ::mkdtemp(tmpl);
    if (const char* old = std::getenv("XDG_CACHE_HOME")) had = true, saved = old;
    ::setenv("XDG_CACHE_HOME", (path / "cache").c_str(), 1);
  }
  ~CacheHome() {
    if (had) ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else ::unsetenv("XDG_CACHE_HOME");
    fs::remove_all(path);
  }
  std::string file(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return (path / name).string();
  }
};

std::string describe(const luister::LexiconEntry* e) {
  if (!e) return "-";
  std::ostringstream out;
  out << e->term() << (e->wildcard() ? "*" : "") << ' ' << e->score() << " [" << e->tags() << "] " << e->file() << ':'
      << e->line() << " words";
  for (std::size_t k = 0; k < e->word_count(); ++k) out << " '" << e->word(k) << "'";
  return out.str();
}

// Everything a scorer can ask of `lex` about the terms of the `layers`' files, as text: match() at
// each term's first word for every process, lookup(), the stem index, the single words, may_continue().
std::string describe(const luister::Lexicon& lex, const Layers& layers) {
  std::ostringstream out;
  out << "size " << lex.size() << '\n';
  std::vector<std::string_view> stems;
  lex.for_each_stem([&](std::string_view s) { stems.push_back(s); });
  for (std::string_view s : stems)
    out << "stem " << s << ": " << describe(lex.lookup_stem(s, "")) << " | " << describe(lex.lookup_stem(s, "Wmo")) << '\n';
  lex.for_each_word([&](std::string_view w) { out << "word " << w << '\n'; });
  for (const auto& [process, path] : layers) {
    std::istringstream in(luister::read_file(path));
    std::string line, error;
    luister::LexiconLine e;
    while (std::getline(in, line)) {
      if (!luister::parse_lexicon_line(line, e, error) || e.term.empty()) continue;
      std::vector<std::string_view> words(e.words.begin(), e.words.end());
      words.emplace_back("xyz");  // a word after the term: the longest match stops before it
      for (const char* p : {"", "Wmo", "Paspoort"}) {
        std::size_t length = 0;
        const luister::LexiconEntry* m = lex.match(words, 0, p, &length);
        out << e.term << " @" << p << ": " << describe(m) << " len " << (m ? length : 0) << " lookup "
            << describe(lex.lookup(e.term, p)) << " class " << lex.process_class(p) << '\n';
      }
      if (e.words.size() >= 2)
        out << "pair " << lex.may_continue(luister::hash_bytes(e.words[0]), luister::hash_bytes(e.words[1])) << '\n';
    }
  }
  return out.str();
}

Layers test_layers() {
  const std::string dir = std::string(LUISTER_TEST_DATA) + "/data/";
  return {{"", luister::find_data_file("sentiment-nl.tsv")},
          {"", luister::find_data_file("emoji-nl.tsv")},
          {"", dir + "lexicon-test.tsv"},
          {"", dir + "lexicon-forms.tsv"},
          {"Wmo", dir + "lexicon-wmo.tsv"}};
}

}  // namespace

TEST_CASE("compiled lexicon: read back, it answers every question as the parsed lexicon does") {
  CacheHome home;
  const Layers layers = test_layers();
  luister::Lexicon parsed;
  for (const auto& [process, path] : layers) parsed.add_layer(path, process);
  const std::string want = describe(parsed, layers);

  luister::CompiledLexicon compiled(layers);
  REQUIRE_FALSE(compiled.path().empty());
  CHECK(compiled.path().rfind((home.path / "cache/luister/lexicon-").string(), 0) == 0);
  luister::Lexicon first;
  std::string extra;
  CHECK_FALSE(compiled.load(first, extra));  // nothing compiled yet
  CHECK(first.empty());
  compiled.parse(first);
  CHECK(describe(first, layers) == want);
  REQUIRE(compiled.save(first, "extra bytes"));

  luister::Lexicon loaded;
  REQUIRE(luister::CompiledLexicon(layers).load(loaded, extra));
  CHECK(extra == "extra bytes");
  CHECK(describe(loaded, layers) == want);
  CHECK(want.find("lexicon-wmo.tsv") != std::string::npos);  // the comparison covers the process layer
}

TEST_CASE("compiled lexicon: a changed source, even of the same size and time, is parsed again") {
  CacheHome home;
  const std::string path = home.file("l.tsv", "goed\t0.5\nslecht\t-0.5\n");
  struct stat before {};
  REQUIRE(::stat(path.c_str(), &before) == 0);
  const Layers layers = {{"", path}};
  {
    luister::CompiledLexicon compiled(layers);
    luister::Lexicon lex;
    compiled.parse(lex);
    REQUIRE(compiled.save(lex, ""));
  }
  home.file("l.tsv", "goed\t0.7\nslecht\t-0.5\n");  // one digit: same size
  struct utimbuf times {before.st_atime, before.st_mtime};
  REQUIRE(::utime(path.c_str(), &times) == 0);  // and the old modification time
  luister::CompiledLexicon changed(layers);
  luister::Lexicon lex;
  std::string extra;
  CHECK_FALSE(changed.load(lex, extra));
  changed.parse(lex);
  CHECK(lex.lookup("goed", "")->score() == doctest::Approx(0.7));
  REQUIRE(changed.save(lex, ""));
  luister::Lexicon again;
  REQUIRE(luister::CompiledLexicon(layers).load(again, extra));
  CHECK(again.lookup("goed", "")->score() == doctest::Approx(0.7));
  // The same file as another process's layer is another list of layers.
  luister::Lexicon scoped;
  CHECK_FALSE(luister::CompiledLexicon({{"Wmo", path}}).load(scoped, extra));
}

TEST_CASE("compiled lexicon: a truncated or damaged file is never trusted, and is replaced") {
  CacheHome home;
  const std::string path = home.file("l.tsv", "goed\t0.5\tadjective\nkastje naar de muur\t-0.8\nteleurstel*\t-0.6\n");
  const Layers layers = {{"", path}};
  luister::CompiledLexicon compiled(layers);
  luister::Lexicon lex;
  compiled.parse(lex);
  REQUIRE(compiled.save(lex, std::string(100, 'x')));
  const std::string good = luister::read_file(compiled.path());
  // Cut at every length, and every byte flipped: each is refused.
  for (std::size_t size = 0; size < good.size(); ++size) {
    std::ofstream(compiled.path(), std::ios::binary | std::ios::trunc) << good.substr(0, size);
    luister::Lexicon l;
    std::string extra;
    CAPTURE(size);
    CHECK_FALSE(compiled.load(l, extra));
    CHECK(l.empty());
  }
  for (std::size_t at = 0; at < good.size(); ++at) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    std::ofstream(compiled.path(), std::ios::binary | std::ios::trunc) << bad;
    luister::Lexicon l;
    std::string extra;
    CAPTURE(at);
    CHECK_FALSE(compiled.load(l, extra));
  }
  std::ofstream(compiled.path(), std::ios::binary | std::ios::trunc) << good << 'x';  // one byte too many
  luister::Lexicon l;
  std::string extra;
  CHECK_FALSE(compiled.load(l, extra));
  REQUIRE(compiled.save(lex, "y"));  // rebuilt: whole again
  CHECK(compiled.load(l, extra));
  CHECK(extra == "y");
}

TEST_CASE("compiled lexicon: a folder that cannot be written, and two writers at once") {
  CacheHome home;
  const std::string path = home.file("l.tsv", "goed\t0.5\n");
  {
    // $XDG_CACHE_HOME under a plain file: no folder can be made there (even for root).
    const std::string blocker = home.file("blocker", "");
    ::setenv("XDG_CACHE_HOME", (blocker + "/cache").c_str(), 1);
    luister::CompiledLexicon compiled({{"", path}});
    luister::Lexicon lex;
    compiled.parse(lex);
    CHECK_FALSE(compiled.save(lex, ""));  // quietly: no exception
    std::string extra;
    luister::Lexicon none;
    CHECK_FALSE(compiled.load(none, extra));
    ::setenv("XDG_CACHE_HOME", (home.path / "cache").c_str(), 1);
  }
  luister::CompiledLexicon compiled({{"", path}});
  luister::Lexicon lex;
  compiled.parse(lex);
  std::vector<std::thread> writers;
  for (int k = 0; k < 4; ++k)
    writers.emplace_back([&] {
      for (int i = 0; i < 20; ++i) compiled.save(lex, "same");
    });
  for (int i = 0; i < 50; ++i) {  // a reader meanwhile sees a whole file or none, never a part
    luister::Lexicon l;
    std::string extra;
    if (compiled.load(l, extra)) CHECK(l.lookup("goed", "")->score() == doctest::Approx(0.5));
  }
  for (auto& t : writers) t.join();
  luister::Lexicon l;
  std::string extra;
  CHECK(compiled.load(l, extra));
  CHECK(extra == "same");
  std::size_t temporaries = 0;
  for (const auto& f : fs::directory_iterator(fs::path(compiled.path()).parent_path()))
    temporaries += f.path().filename().string().find(".tmp.") != std::string::npos;
  CHECK(temporaries == 0);
}

TEST_CASE("compiled lexicon: without $XDG_CACHE_HOME it lives in ~/.cache/luister; with neither, nowhere") {
  CacheHome home;
  const char* old_home = std::getenv("HOME");
  const std::string saved_home = old_home ? old_home : "";
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", home.path.c_str(), 1);
  CHECK(luister::CompiledLexicon::folder() == (home.path / ".cache/luister").string());
  ::setenv("XDG_CACHE_HOME", "relative/path", 1);  // not absolute: ignored, as the XDG spec says
  CHECK(luister::CompiledLexicon::folder() == (home.path / ".cache/luister").string());
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  CHECK(luister::CompiledLexicon::folder().empty());
  CHECK(luister::CompiledLexicon({{"", home.file("l.tsv", "goed\t0.5\n")}}).path().empty());
  if (old_home) ::setenv("HOME", saved_home.c_str(), 1);
}

TEST_CASE("compiled lexicon: the cache folder keeps the newest 16 compiled files and no old temporaries") {
  CacheHome home;
  luister::CompiledLexicon compiled({{"", home.file("l.tsv", "goed\t0.5\n")}});
  const fs::path dir = fs::path(compiled.path()).parent_path();
  fs::create_directories(dir);
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(2);
  for (int k = 0; k < 20; ++k) {
    const fs::path f = dir / ("lexicon-" + std::to_string(1000 + k) + ".bin");
    std::ofstream(f) << "x";
    fs::last_write_time(f, old + std::chrono::minutes(k));  // 1019 is the newest of them
  }
  std::ofstream(dir / "lexicon-1.bin.tmp.old") << "x";
  fs::last_write_time(dir / "lexicon-1.bin.tmp.old", old);
  std::ofstream(dir / "lexicon-2.bin.tmp.new") << "x";  // perhaps being written right now
  std::ofstream(dir / "notes.txt") << "not ours";
  luister::Lexicon lex;
  compiled.parse(lex);
  REQUIRE(compiled.save(lex, ""));
  std::size_t bins = 0;
  for (const auto& f : fs::directory_iterator(dir)) bins += f.path().extension() == ".bin";
  CHECK(bins == 16);
  CHECK(fs::exists(compiled.path()));
  CHECK(fs::exists(dir / "lexicon-1019.bin"));
  CHECK(fs::exists(dir / "lexicon-1005.bin"));
  CHECK_FALSE(fs::exists(dir / "lexicon-1004.bin"));
  CHECK_FALSE(fs::exists(dir / "lexicon-1.bin.tmp.old"));
  CHECK(fs::exists(dir / "lexicon-2.bin.tmp.new"));
  CHECK(fs::exists(dir / "notes.txt"));
  luister::Lexicon again;
  std::string extra;
  CHECK(compiled.load(again, extra));
}

namespace {
// The compiled file's payload hash, recomputed after a test edited the payload (bytes 40 on), so
// that only the checks inside the payload stand between the edit and the lexicon.
void rehash(std::string& file) {
  const std::uint64_t hash = luister::hash_bytes(std::string_view(file).substr(40));
  std::memcpy(file.data() + 32, &hash, sizeof hash);
}
}  // namespace

TEST_CASE("compiled lexicon: a file of another format version is stale: ignored, then replaced") {
  CacheHome home;
  const Layers layers = {{"", home.file("l.tsv", "goed\t0.5\n")}};
  luister::CompiledLexicon compiled(layers);
  luister::Lexicon lex;
  compiled.parse(lex);
  REQUIRE(compiled.save(lex, "x"));
  std::string file = luister::read_file(compiled.path());
  const std::uint32_t old_version = luister::CompiledLexicon::kFormatVersion - 1;
  std::memcpy(file.data() + 8, &old_version, sizeof old_version);
  std::ofstream(compiled.path(), std::ios::binary | std::ios::trunc) << file;
  luister::Lexicon stale;
  std::string extra;
  CHECK_FALSE(compiled.load(stale, extra));
  CHECK(stale.empty());
  REQUIRE(compiled.save(lex, "x"));
  CHECK(compiled.load(stale, extra));
  CHECK(stale.lookup("goed", "")->score() == doctest::Approx(0.5));
}

TEST_CASE("compiled lexicon: a layer image whose own header is damaged is refused even when the file's hash fits") {
  CacheHome home;
  const Layers layers = {{"", home.file("l.tsv", "goed\t0.5\tadjective\nkastje naar de muur\t-0.8\nteleurstel*\t-0.6\n")},
                         {"Wmo", home.file("w.tsv", "snel\t-0.3\n")}};
  luister::CompiledLexicon compiled(layers);
  luister::Lexicon lex;
  compiled.parse(lex);
  REQUIRE(compiled.save(lex, "extra"));
  const std::string good = luister::read_file(compiled.path());
  // The first image starts after the extra's size and its bytes padded to 8: 40 + 8 + 8. Its header
  // is 128 bytes of sizes and offsets (lexicon.cpp, LayerHeader); each of them made wrong in turn.
  const std::size_t image = 40 + 8 + 8;
  for (std::size_t at = image; at < image + 128; at += 4) {
    for (const std::uint32_t value : {0u, 3u, 0x7fffffffu, 0xffffffffu}) {
      std::string bad = good;
      std::uint32_t old = 0;
      std::memcpy(&old, bad.data() + at, sizeof old);
      if (old == value) continue;
      std::memcpy(bad.data() + at, &value, sizeof value);
      rehash(bad);
      std::ofstream(compiled.path(), std::ios::binary | std::ios::trunc) << bad;
      luister::Lexicon l;
      std::string extra;
      CAPTURE(at);
      CAPTURE(value);
      // Refused, or (a field the lookups do not depend on, such as unused bytes) still sound.
      if (compiled.load(l, extra)) CHECK(l.size() == lex.size());
      else CHECK(l.empty());
    }
  }
}

TEST_CASE("compiled lexicon: a loaded lexicon outlives its file being replaced or removed") {
  CacheHome home;
  const std::string path = home.file("l.tsv", "goed\t0.5\tadjective\nkastje naar de muur\t-0.8\n");
  const Layers layers = {{"", path}};
  luister::CompiledLexicon compiled(layers);
  {
    luister::Lexicon lex;
    compiled.parse(lex);
    REQUIRE(compiled.save(lex, ""));
  }
  luister::Lexicon loaded;
  std::string extra;
  REQUIRE(compiled.load(loaded, extra));
  const luister::Lexicon copy = loaded;  // copies share the mapped images
  REQUIRE(compiled.save(copy, "another"));  // the file is replaced under the mapping
  fs::remove(compiled.path());
  loaded = luister::Lexicon();
  const luister::LexiconEntry* goed = copy.lookup("goed", "");
  REQUIRE(goed);
  CHECK(goed->term() == "goed");
  CHECK(goed->tags() == "adjective");
  CHECK(goed->file() == path);
  CHECK(goed->line() == 1);
  std::vector<std::string_view> words = {"kastje", "naar", "de", "muur", "!"};
  std::size_t length = 0;
  const luister::LexiconEntry* kastje = copy.match(words, 0, "", &length);
  REQUIRE(kastje);
  CHECK(length == 4);
  CHECK(kastje->word_count() == 4);
  CHECK(kastje->word(0) == "kastje");
  CHECK(kastje->word(3) == "muur");
  CHECK(kastje->score() == doctest::Approx(-0.8));
}

TEST_CASE("compiled lexicon: a source edited between the key and the parse is parsed as it is, and nothing is written") {
  CacheHome home;
  const std::string path = home.file("l.tsv", "goed\t0.5\n");
  luister::CompiledLexicon compiled({{"", path}});
  home.file("l.tsv", "goed\t0.9\n");  // after the constructor hashed it
  luister::Lexicon lex;
  compiled.parse(lex);
  CHECK(lex.lookup("goed", "")->score() == doctest::Approx(0.9));
  CHECK_FALSE(compiled.save(lex, ""));  // its key says 0.5
  luister::Lexicon again;
  std::string extra;
  CHECK_FALSE(luister::CompiledLexicon({{"", path}}).load(again, extra));
}

TEST_CASE("compiled lexicon: a layer read from a pipe is read once, and parsed from those bytes") {
  CacheHome home;
  const std::string fifo = (home.path / "layer.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] { std::ofstream(fifo) << "goed\t0.6\nkastje naar de muur\t-0.8\n"; });
  luister::CompiledLexicon compiled({{"", fifo}});
  writer.join();
  luister::Lexicon lex;
  compiled.parse(lex);  // a second read of the pipe would wait for a writer that never comes
  REQUIRE(lex.lookup("goed", ""));
  CHECK(lex.lookup("goed", "")->score() == doctest::Approx(0.6));
  CHECK(lex.size() == 2);
}
