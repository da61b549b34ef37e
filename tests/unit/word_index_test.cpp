// The compiled word index: a round trip through a file, stale indexes refused, and splits that do not
// depend on whether the index was mapped from the build's wordlist.idx or built in memory.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "luister/base/data.hpp"
#include "luister/base/hash.hpp"
#include "luister/text/word_index.hpp"
#include "luister/text/wordforms.hpp"

namespace {

// A path in /tmp, with `text` written to it unless null; removed at the end of the test.
class TempPath {
 public:
  explicit TempPath(const char* text = nullptr) {
    char name[] = "/tmp/luister-wordindex-XXXXXX";
    int fd = ::mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path_ = name;
    if (text) std::ofstream(path_) << text;
  }
  ~TempPath() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("hash_bytes: same bytes, same hash; pinned values keep compiled indexes valid") {
  std::string a = "xwachttijd", b = "wachttijdx";
  CHECK(luister::hash_bytes(std::string_view(a).substr(1)) == luister::hash_bytes(std::string_view(b).substr(0, 9)));
  CHECK(luister::hash_bytes("") != luister::hash_bytes(std::string_view("\0", 1)));
  CHECK(luister::hash_bytes("ab") != luister::hash_bytes("ba"));
  CHECK(luister::hash_bytes("klant") != luister::hash_bytes("klant", 1));
  // Every length class: 0, 1-3, 4-7, 8-16, 17-48, 49+ bytes.
  const std::string long_text(200, 'a');
  std::vector<std::uint64_t> seen;
  for (std::size_t n : {0, 1, 3, 4, 7, 8, 16, 17, 48, 49, 97, 200}) {
    std::uint64_t h = luister::hash_bytes(std::string_view(long_text).substr(0, n));
    for (std::uint64_t s : seen) CHECK(h != s);
    seen.push_back(h);
  }
  // A changed hash function must come with a new WordIndex::kFormatVersion.
  CHECK(luister::hash_bytes("wachttijd") == 0xb69409b6cbffd4caull);
}

TEST_CASE("same_bytes: equal exactly when memcmp says so, at every length class") {
  // Pairs that differ in one byte at each position, for every length up to 40 (0, 1-3, 4-7, 8-16, 17+).
  int checked = 0;
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string a(n, 'k');
    CHECK(luister::same_bytes(a, std::string(n, 'k')));
    for (std::size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = 'x';
      CHECK_FALSE(luister::same_bytes(a.data(), b.data(), n));
      ++checked;
    }
    CHECK_FALSE(luister::same_bytes(a, a + "k"));  // lengths differ
  }
  CHECK(checked == 40 * 41 / 2);
}

TEST_CASE("FlatStringMap: finds what was inserted, nothing else, through growth") {
  luister::FlatStringMap<int> m;
  CHECK(m.find("klant") == m.end());
  CHECK(m.empty());
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("woord" + std::to_string(i * 7919));
  keys.push_back("");
  keys.push_back(std::string(40, 'x'));  // longer than the std::string's own buffer
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto [entry, inserted] = m.emplace(keys[i], static_cast<int>(i));
    CHECK(inserted);
    CHECK(entry->first == keys[i]);
  }
  CHECK(m.size() == keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto* found = m.find(keys[i]);
    REQUIRE(found != m.end());
    CHECK(found->second == static_cast<int>(i));
    CHECK(found == m.find(keys[i], luister::hash_bytes(keys[i])));
  }
  CHECK(m.find("woord1") == m.end());
  CHECK(m.find(std::string(39, 'x')) == m.end());
  // emplace() keeps the first value; operator[] inserts a zero, then assigns.
  CHECK_FALSE(m.emplace("woord0", 99).second);
  CHECK(m.find("woord0")->second == 0);
  CHECK(m["nieuw"] == 0);
  m["nieuw"] = 5;
  CHECK(m.find("nieuw")->second == 5);
  CHECK(m.size() == keys.size() + 1);
}

TEST_CASE("FlatStringMap: reserve() keeps entries in place and answers as before, also after growth") {
  luister::FlatStringMap<int> m;
  m.emplace("vooraf", -1);  // reserving a map that already holds keys keeps them findable
  m.reserve(3000);
  const auto* first = m.find("vooraf");
  REQUIRE(first != m.end());
  std::vector<std::string> keys;
  for (int i = 0; i < 3000; ++i) keys.push_back("stam" + std::to_string(i * 104729));
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) CHECK(m.emplace(keys[i], static_cast<int>(i)).second);
  CHECK(m.find("vooraf") == first);  // within the reserved room no entry moved
  m.emplace(keys.back(), 2999);     // beyond it the map grows as usual
  m.reserve(10);                    // less than it holds: changes nothing
  CHECK(m.size() == keys.size() + 1);
  CHECK(m.find("vooraf")->second == -1);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto* found = m.find(keys[i]);
    REQUIRE(found != m.end());
    CHECK(found->second == static_cast<int>(i));
  }
  CHECK(m.find("stam1") == m.end());
  std::vector<std::string> order;  // insertion order, as without reserve()
  m.for_each([&](const auto& kv) { order.push_back(kv.first); });
  REQUIRE(order.size() == keys.size() + 1);
  CHECK(order.front() == "vooraf");
  CHECK(std::equal(keys.begin(), keys.end(), order.begin() + 1));
}

TEST_CASE("word index: built, saved, mapped again: the same image and the same answers") {
  TempPath list("Appel\ntaart\nboom\nappeltaart\nappel\nboomgaard\n  kaas \n# no comment in word lists, but skipped\n");
  TempPath extra("# extra\n=appeltaart\nwmo\n=\n");
  auto sources = luister::WordSources::resolve(list.path(), extra.path());
  auto built = luister::WordIndex::build(sources);
  CHECK_FALSE(built->mapped());
  REQUIRE(built->size() == 7);  // appel (twice: "Appel" and "appel"), taart, boom, appeltaart, boomgaard, kaas, wmo
  CHECK(built->source_hash() == luister::WordIndex::hash_sources(sources));

  TempPath file;
  built->save(file.path());
  auto mapped = luister::WordIndex::open(file.path(), built->source_hash());
  REQUIRE(mapped);
  CHECK(mapped->mapped());
  CHECK(mapped->image() == built->image());
  for (const auto* index : {built.get(), mapped.get()}) {
    std::vector<std::string> words;
    for (std::uint32_t i = 0; i < index->size(); ++i) words.emplace_back(index->word(i));
    CHECK(words == std::vector<std::string>{"appel", "appeltaart", "boom", "boomgaard", "kaas", "taart", "wmo"});
    const std::uint32_t appel = index->find("appel");
    REQUIRE(appel != luister::WordIndex::kNone);
    CHECK(index->common(appel));  // listed lower case too
    CHECK(index->keep_whole(index->find("appeltaart")));
    CHECK_FALSE(index->keep_whole(appel));
    CHECK(index->find("Appel") == luister::WordIndex::kNone);  // look-ups are lower case
    CHECK(index->find("") == luister::WordIndex::kNone);
    CHECK(index->find("=appeltaart") == luister::WordIndex::kNone);
    CHECK(index->count_prefix("appel") == 2);
    CHECK(index->count_prefix("boom") == 2);
    CHECK(index->count_prefix("x") == 0);
    CHECK(index->max_len() == 10);
    // Each word's Snowball stem, stored so that runs need not stem listed words.
    luister::Stemmer stemmer;
    for (std::uint32_t i = 0; i < index->size(); ++i) {
      CHECK(index->stem(i) == stemmer.stem(index->word(i)));
      CHECK((index->stem_hash(i) & ~luister::WordIndex::kSharedTag) == luister::WordIndex::stem_hash(index->stem(i)));
      CHECK(index->find_probable(index->word(i)) == i);  // no two of these words share a tag
      CHECK(index->tag(i) == static_cast<std::uint32_t>(luister::hash_bytes(index->word(i)) >> 32));
    }
    CHECK(index->find_probable("peer") == luister::WordIndex::kNone);
    CHECK(index->stem(index->find("appeltaart")) == "appeltaart");
  }
  // A splitter over either gives the same splits.
  luister::CompoundSplitter from_built(built), from_file(mapped);
  for (const char* w : {"appelboom", "appeltaart", "boomgaardappel", "kaastaart"})
    CHECK(luister::CompoundSplitter::join(from_built.split(w)) == luister::CompoundSplitter::join(from_file.split(w)));
}

TEST_CASE("word index: a stale, damaged or foreign index is refused, and load() builds instead") {
  TempPath list("appel\nboom\n");
  TempPath extra("wmo\n");
  auto sources = luister::WordSources::resolve(list.path(), extra.path());
  auto built = luister::WordIndex::build(sources);
  TempPath file;
  built->save(file.path());
  REQUIRE(luister::WordIndex::open(file.path(), built->source_hash()));

  SUBCASE("the word list changed") {
    std::ofstream(list.path(), std::ios::app) << "peer\n";
    const std::uint64_t now = luister::WordIndex::hash_sources(sources);
    CHECK(now != built->source_hash());
    CHECK_FALSE(luister::WordIndex::open(file.path(), now));
  }
  SUBCASE("a stamp follows every write, even one that keeps size and modification time") {
    // load() trusts an index whose recorded stamp equals the sources' own without hashing them.
    const luister::WordSources::Stamp before = sources.stamp();
    CHECK(before != luister::WordSources::Stamp{});
    CHECK(sources.stamp() == before);  // nothing changed: the same stamp
    struct stat st {};
    REQUIRE(::stat(list.path().c_str(), &st) == 0);
    std::ofstream(list.path(), std::ios::trunc) << "appel\nbooo\n";  // the same size
    const timespec times[2] = {st.st_atim, st.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, list.path().c_str(), times, 0) == 0);  // and modification time
    CHECK(sources.stamp() != before);
    luister::WordSources gone = sources;
    gone.word_list = "/nonexistent/dutch";
    CHECK(gone.stamp() == luister::WordSources::Stamp{});
  }
  SUBCASE("the extras changed") {
    std::ofstream(extra.path(), std::ios::app) << "=appelboom\n";
    CHECK_FALSE(luister::WordIndex::open(file.path(), luister::WordIndex::hash_sources(sources)));
  }
  SUBCASE("truncated") {
    std::string image = slurp(file.path());
    std::ofstream(file.path(), std::ios::binary | std::ios::trunc) << image.substr(0, image.size() - 1);
    CHECK_FALSE(luister::WordIndex::open(file.path(), built->source_hash()));
  }
  SUBCASE("another format version") {
    std::string image = slurp(file.path());
    image[8] = static_cast<char>(image[8] + 1);
    std::ofstream(file.path(), std::ios::binary | std::ios::trunc) << image;
    CHECK_FALSE(luister::WordIndex::open(file.path(), built->source_hash()));
  }
  SUBCASE("stems from another stemmer") {
    // "appel" stems to itself; a stored "appe" is what an index from another libstemmer could hold.
    std::string image = slurp(file.path());
    const std::size_t at = image.rfind("appelboom");  // the stems' bytes come last: "appel", "boom", "wmo"
    REQUIRE(at != std::string::npos);
    REQUIRE(at + 9 < image.size());
    image[at + 4] = 'x';  // "appex" + "boom"
    std::ofstream(file.path(), std::ios::binary | std::ios::trunc) << image;
    CHECK_FALSE(luister::WordIndex::open(file.path(), built->source_hash()));
  }
  SUBCASE("word offsets out of order: empty words, never a read astray") {
    // Forty words, so that the stem sample open() checks (words 0, 2, 5, 7, ...) misses words 3
    // and 4, whose shared offset is damaged.
    std::string words;
    for (int k = 0; k < 40; ++k) words += "woord" + std::string(1, static_cast<char>('a' + k % 26)) + std::to_string(k) + "\n";
    TempPath many(words.c_str());
    auto many_sources = luister::WordSources::resolve(many.path(), extra.path());
    auto many_built = luister::WordIndex::build(many_sources);
    std::string image(many_built->image());
    std::uint64_t offsets_at = 0;  // the header's offsets_at field, after 72 bytes of other fields
    std::memcpy(&offsets_at, image.data() + 72, 8);
    REQUIRE(offsets_at + 20 <= image.size());
    const std::uint32_t astray = 0xfffffff0u;
    std::memcpy(image.data() + offsets_at + 4 * 4, &astray, 4);  // word 3 would end, word 4 start, far away
    std::ofstream(file.path(), std::ios::binary | std::ios::trunc) << image;
    auto damaged = luister::WordIndex::open(file.path(), many_built->source_hash());
    REQUIRE(damaged);
    const std::string_view mapped = damaged->image();
    for (std::uint32_t i = 0; i < damaged->size(); ++i) {
      const std::string_view w = damaged->word(i);
      CHECK((w.empty() || (w.data() >= mapped.data() && w.data() + w.size() <= mapped.data() + mapped.size())));
      CHECK(w.empty() == (i == 3 || i == 4));
    }
    CHECK(damaged->find(many_built->word(3)) == luister::WordIndex::kNone);
    CHECK(damaged->find(many_built->word(5)) == 5);  // the other words are intact
  }
  SUBCASE("not an index") {
    std::ofstream(file.path(), std::ios::binary | std::ios::trunc) << std::string(4096, 'x');
    CHECK_FALSE(luister::WordIndex::open(file.path(), built->source_hash()));
  }
  SUBCASE("missing") { CHECK_FALSE(luister::WordIndex::open("/nonexistent/wordlist.idx", built->source_hash())); }
  SUBCASE("load() never maps an index of other sources") {
    // The data folders hold the index of the default word list at most, never of this one.
    auto loaded = luister::WordIndex::load(sources);
    CHECK_FALSE(loaded->mapped());
    CHECK(loaded->image() == built->image());
  }
}

TEST_CASE("word index: the build's compiled index splits exactly like one built at run time") {
  auto sources = luister::WordSources::resolve();
  auto loaded = luister::WordIndex::load(sources);
  // The build compiles wordlist.idx from the same word list (tools/CMakeLists.txt): it must be current.
  CHECK(loaded->mapped());
  auto built = luister::WordIndex::build(sources);
  CHECK(loaded->image() == built->image());
  luister::CompoundSplitter from_file(loaded), in_memory(built);
  // A sample of listed words, listed words with a linker and a second word glued on, and words
  // that are no words: every split path (listed, compound, linker, kept whole, unknown).
  std::vector<std::string> sample;
  for (std::uint32_t i = 0; i < built->size(); i += 211) {
    std::string w(built->word(i));
    sample.push_back(w);
    std::string other(built->word((i * 7919u + 13u) % static_cast<std::uint32_t>(built->size())));
    sample.push_back(w + other);
    sample.push_back(w + "s" + other);
    sample.push_back(w + "en" + other);
    sample.push_back(w + "xq");
  }
  REQUIRE(sample.size() > 5000);
  std::size_t compounds = 0, differ = 0;
  for (const auto& w : sample) {
    auto a = luister::CompoundSplitter::join(from_file.split(w));
    auto b = luister::CompoundSplitter::join(in_memory.split(w));
    if (a != b) ++differ;
    if (a.find('|') != std::string::npos) ++compounds;
  }
  CHECK(differ == 0);
  CHECK(compounds > 1000);
  // find_probable() names each listed word itself, except where another word shares its hash tag,
  // which the word's stem hash marks (a handful in 400,000).
  std::size_t shared = 0, wrong = 0;
  for (std::uint32_t i = 0; i < loaded->size(); ++i) {
    const bool is_shared = loaded->stem_hash(i) & luister::WordIndex::kSharedTag;
    shared += is_shared;
    if (!is_shared && loaded->find_probable(loaded->word(i)) != i) ++wrong;
  }
  CHECK(wrong == 0);
  CHECK(shared < 200);
}
