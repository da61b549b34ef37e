#include "luister/wordforms.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "luister/data.hpp"
#include "luister/error.hpp"

namespace luister {
namespace {

constexpr std::size_t kMinPart = 3;        // shortest part of a compound
constexpr std::size_t kMinPartKnown = 4;   // shortest part when the whole word is listed
constexpr std::size_t kMaxWord = 64;       // longer "words" are not split (URLs, keyboard mashing)
constexpr std::array<std::string_view, 3> kLinkers = {"en", "s", "e"};
// Heads that are really derivational suffixes or participles: "bereik|baar" is no compound.
constexpr std::array<std::string_view, 14> kNoHead = {"baar", "lijk", "lijke", "heid", "loos", "loze", "zaam",
                                                      "achtig", "schap", "isch", "ster", "tje", "ing", "ende"};

struct Candidate {
  std::vector<CompoundPart> parts;
  std::size_t linkers = 0;
  bool better_than(const Candidate& o) const {
    if (parts.size() != o.parts.size()) return parts.size() < o.parts.size();
    if (linkers != o.linkers) return linkers < o.linkers;
    // Then the longest first part: "gemeente|huis", not "gemeen|tehuis".
    for (std::size_t k = 0; k < parts.size(); ++k)
      if (parts[k].word.size() != o.parts[k].word.size()) return parts[k].word.size() > o.parts[k].word.size();
    return join_key() < o.join_key();  // deterministic last resort
  }
  std::string join_key() const { return CompoundSplitter::join(parts); }
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

StopWords::StopWords(const std::string& path) {
  std::istringstream in(read_file(find_data_file("stopwords-nl.txt", path)));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') words_.insert(line);
  }
}

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("dutch", "UTF_8")) {
  if (!stemmer_) throw Error("libstemmer has no Dutch stemmer for UTF-8");
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string Stemmer::stem(std::string_view lower_word) {
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                         static_cast<int>(lower_word.size()));
  if (!out) throw std::bad_alloc();
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

CompoundSplitter::CompoundSplitter(const std::string& word_list, const std::string& extra) {
  std::string list = word_list;
  if (list.empty()) {
    const char* env = std::getenv("LUISTER_WORDLIST");
    list = env && *env ? env : "/usr/share/dict/dutch";
  }
  std::string text;
  try {
    text = read_file(list);
  } catch (const IoError&) {
    throw IoError(fmt::format("{}: the Dutch word list for compound splitting is missing", list),
                  "install Debian's wdutch package (scripts/deps does), or point LUISTER_WORDLIST at a word list");
  }
  text += '\n';
  text += read_file(find_data_file("compounds-extra.txt", extra));
  // Lower-case once, in place; the set's views point into this buffer for the splitter's life.
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  storage_ = std::make_shared<std::string>(std::move(text));
  std::string_view all(*storage_);
  words_.reserve(all.size() / 9);
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view w = all.substr(pos, end - pos);
    while (!w.empty() && (w.back() == '\r' || w.back() == ' ')) w.remove_suffix(1);
    if (!w.empty() && w[0] != '#') words_.insert(w);
    pos = end + 1;
  }
}

std::string CompoundSplitter::join(const std::vector<CompoundPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '|';
    out += p.word;
    out += p.linker;
  }
  return out;
}

std::vector<CompoundPart> CompoundSplitter::split(std::string_view lower_word) const {
  // Survey text repeats its words endlessly: remember answers, per thread, within bounds.
  thread_local std::unordered_map<const CompoundSplitter*, std::unordered_map<std::string, std::vector<CompoundPart>>>
      caches;
  auto& cache = caches[this];
  std::string key(lower_word);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  auto parts = compute(lower_word);
  cache.emplace(std::move(key), parts);
  return parts;
}

std::vector<CompoundPart> CompoundSplitter::compute(std::string_view word) const {
  std::vector<CompoundPart> whole{{std::string(word), ""}};
  const std::size_t n = word.size();
  if (n < 2 * kMinPart || n > kMaxWord) return whole;
  for (char c : word)
    if (!((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80)) return whole;  // hyphens, digits
  const bool listed = known(word);
  const std::size_t min_part = listed ? kMinPartKnown : kMinPart;

  // best[i]: the best split of word[i..], if any.
  std::vector<std::optional<Candidate>> best(n + 1);
  best[n] = Candidate{};
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = i + min_part; j <= n; ++j) {
      std::string_view part = word.substr(i, j - i);
      if (!known(part)) continue;
      bool is_head = j == n;
      if (is_head) {
        if (i == 0) continue;  // the whole word is not a split
        if (std::find(kNoHead.begin(), kNoHead.end(), part) != kNoHead.end()) continue;
        if (listed && part.size() > 4 && part.substr(0, 2) == "ge") continue;  // teruggebeld
        Candidate c;
        c.parts.push_back({std::string(part), ""});
        if (!best[i] || c.better_than(*best[i])) best[i] = std::move(c);
        continue;
      }
      for (std::string_view linker : {std::string_view{}, kLinkers[0], kLinkers[1], kLinkers[2]}) {
        std::size_t next = j + linker.size();
        if (next > n || word.substr(j, linker.size()) != linker || !best[next] || best[next]->parts.empty()) continue;
        Candidate c;
        c.parts.push_back({std::string(part), std::string(linker)});
        c.parts.insert(c.parts.end(), best[next]->parts.begin(), best[next]->parts.end());
        c.linkers = best[next]->linkers + (linker.empty() ? 0 : 1);
        if (!best[i] || c.better_than(*best[i])) best[i] = std::move(c);
      }
    }
  }
  if (!best[0] || best[0]->parts.size() < 2) return whole;
  return best[0]->parts;
}

}  // namespace luister
