#include "luister/text/wordforms.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <new>
#include <unordered_map>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"

namespace luister {
namespace {

// shortest part: two-letter prefixes and words ("be", "op") never are
constexpr std::size_t kMinPart = CompoundSplitter::kMinPart;
constexpr std::size_t kMinPartKnown = 4;  // shortest part of a listed word's split: keeps "pas|poort" whole
constexpr std::size_t kMaxWord = CompoundSplitter::kMaxWord;  // longer "words" are not split (URLs, keyboard mashing)
constexpr std::size_t kCacheLimit = 200000;  // entries per thread and splitter before the cache starts over
constexpr std::size_t kCachesPerThread = 8;  // splitters a thread remembers before it forgets them all

// Linkers, tried longest first; "" (no linker) is handled separately.
constexpr std::array<std::string_view, 3> kLinkers = {"en", "s", "e"};

// Heads that are derivational suffixes that happen to be words: "bereik|baar", "indruis|ende".
constexpr std::array<std::string_view, 20> kNoHead = {
    "baar", "bare", "lijk",  "lijke",  "heid", "heden", "loos",  "loze", "zaam", "zame",
    "isch", "ische", "ster", "achtig", "achtige", "schap", "ende", "erig", "erige", "tje"};

// Particles and prepositions: a listed word starting with one is a derived verb or noun
// ("onderzoek", "terugbellen", "voorkeur"), so it is not split there.
constexpr std::array<std::string_view, 26> kParticles = {
    "aan",  "achter", "af",    "bij",   "binnen", "boven", "buiten", "door",  "heen",
    "in",   "langs",  "mede",  "mee",   "mis",    "na",    "neer",   "onder", "ont",
    "op",   "over",   "samen", "tegen", "terug",  "toe",   "voor",   "weg"};

template <std::size_t N>
bool among(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Whether `s` ends in an open syllable's single vowel before one consonant ("afsprak" of
// "afspraken", "boz" of "boze"): written double when the syllable closes ("afspraak", "boos").
bool single_vowel_before_last(std::string_view s) {
  return s.size() >= 3 && !is_vowel(s.back()) && is_vowel(s[s.size() - 2]) && s[s.size() - 2] != 'i' &&
         !is_vowel(s[s.size() - 3]);
}

// `s` with the vowel before its last letter written double: "afsprak" -> "afspraak".
std::string doubled_vowel(std::string_view s) {
  std::string out(s.substr(0, s.size() - 1));
  out += s[s.size() - 2];
  out += s.back();
  return out;
}

// Calls add(line, had_capital) for each non-empty, non-comment line of text[begin, end), trimmed and
// lower-cased in place (ASCII only: wdutch has no accented capitals), as a view into `text`.
template <typename Add>
void for_lines(std::string& text, std::size_t begin, std::size_t end, Add add) {
  std::size_t pos = begin;
  while (pos < end) {
    std::size_t stop = text.find('\n', pos);
    if (stop == std::string::npos || stop > end) stop = end;
    std::size_t b = pos, e = stop;
    pos = stop + 1;
    while (e > b && (text[e - 1] == '\r' || text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
    if (b == e || text[b] == '#') continue;
    bool capital = false;
    for (std::size_t k = b; k < e; ++k)
      if (text[k] >= 'A' && text[k] <= 'Z') text[k] = static_cast<char>(text[k] - 'A' + 'a'), capital = true;
    add(std::string_view(text).substr(b, e - b), capital);
  }
}

std::atomic<std::uint64_t> next_splitter_id{1};

}  // namespace

StopWords::StopWords(const std::string& path)
    : storage_(std::make_shared<std::string>(read_file(find_data_file("stopwords-nl.txt", path)))) {
  for_lines(*storage_, 0, storage_->size(), [this](std::string_view w, bool) { words_.insert(w); });
}

std::array<std::string, 2> adjective_bases(std::string_view lower) {
  std::array<std::string, 2> out;
  if (lower.size() < 4 || lower.back() != 'e') return out;
  std::string s(lower.substr(0, lower.size() - 1));
  const char last = s.back();
  if (!is_vowel(last) && last == s[s.size() - 2]) {  // "snell(e)" -> snel
    s.pop_back();
    out[0] = std::move(s);
    return out;
  }
  const bool open = single_vowel_before_last(s);  // before z/v becomes s/f: both are consonants
  if (last == 'z' || last == 'v') {
    s.back() = last == 'z' ? 's' : 'f';
    out[0] = s;
  }
  if (open) out[1] = doubled_vowel(s);
  return out;
}

bool looks_like_participle(std::string_view w) {
  // The separable particles a participle's "ge" follows ("op|ge|haald"); kParticles lacks "uit", "om", "vast".
  static constexpr std::array<std::string_view, 16> kSeparable = {"op", "af", "aan", "in", "uit", "terug", "na", "door",
                                                                  "mee", "weg", "toe", "over", "om", "bij", "vast", "langs"};
  static constexpr std::array<std::string_view, 5> kPrefixes = {"be", "ver", "ont", "her", "er"};
  static constexpr std::array<std::string_view, 4> kNot = {"bepaald", "gewoon", "geheel", "verkeerd"};
  if (w.size() < 5 || among(kNot, w)) return false;
  const bool weak = w.back() == 'd' || w.back() == 't';
  const bool strong = w.size() >= 6 && w.back() == 'n';  // "gekomen", "gedaan", "gegaan"
  std::string_view rest = w;
  for (std::string_view p : kSeparable)
    if (rest.size() > p.size() + 4 && rest.compare(0, p.size(), p) == 0 && rest.compare(p.size(), 2, "ge") == 0) {
      rest.remove_prefix(p.size());
      break;
    }
  if (rest.compare(0, 2, "ge") == 0) return weak || strong;
  return weak && std::any_of(kPrefixes.begin(), kPrefixes.end(), [&](std::string_view p) {
           return w.size() > p.size() + 3 && w.compare(0, p.size(), p) == 0;
         });
}

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("dutch", "UTF_8")) {
  if (!stemmer_) throw Error("libstemmer has no Dutch stemmer for UTF-8");
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string Stemmer::stem(std::string_view lower_word) {
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                         static_cast<int>(lower_word.size()));
  if (!out) throw std::bad_alloc();  // libstemmer's only failure
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

CompoundSplitter::CompoundSplitter(const std::string& word_list, const std::string& extra)
    : CompoundSplitter(WordIndex::load(WordSources::resolve(word_list, extra))) {}

CompoundSplitter::CompoundSplitter(std::shared_ptr<const WordIndex> index)
    : id_(next_splitter_id.fetch_add(1)), index_(std::move(index)), max_len_(index_->max_len()) {}

bool CompoundSplitter::takes_s(std::string_view base) const {
  // A part before a linker is a listed word, whose answer the index holds.
  if (const std::uint32_t i = index_->find(base); i != WordIndex::kNone) return index_->takes_s(i);
  std::string with_s(base);
  with_s += 's';
  const std::size_t longer = index_->count_prefix(base) - 1;  // minus the base itself
  return longer > 0 && 2 * index_->count_prefix(with_s) >= longer;
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
  if (lower_word.size() < 2 * kMinPart || lower_word.size() > kMaxWord)
    return {{std::string(lower_word), ""}};  // too short to hold two parts: not worth a cache entry
  // Survey text repeats its words endlessly: remember answers, per thread (so no locks), keyed by
  // the splitter's id rather than its address, which a later splitter may reuse.
  thread_local std::unordered_map<std::uint64_t, std::unordered_map<std::string, std::vector<CompoundPart>>> caches;
  auto found = caches.find(id_);
  if (found == caches.end()) {
    if (caches.size() >= kCachesPerThread) caches.clear();  // splitters come and go rarely
    found = caches.emplace(id_, std::unordered_map<std::string, std::vector<CompoundPart>>{}).first;
  }
  auto& cache = found->second;
  std::string key(lower_word);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() >= kCacheLimit) cache.clear();
  auto parts = compute(lower_word);
  cache.emplace(std::move(key), parts);
  return parts;
}

std::vector<CompoundPart> CompoundSplitter::split_uncached(std::string_view lower_word) const {
  return compute(lower_word);
}

bool CompoundSplitter::piece(std::string_view word, std::size_t begin, std::size_t end,
                             std::size_t* base_len) const {
  constexpr std::size_t min_part = kMinPart;
  const std::string_view s = word.substr(begin, end - begin);
  if (s.size() > max_len_ + 2) return false;
  const bool whole = s.size() >= min_part && known(s);
  for (std::string_view linker : kLinkers) {
    if (s.size() < min_part + linker.size() || s.substr(s.size() - linker.size()) != linker) continue;
    const std::string_view base = s.substr(0, s.size() - linker.size());
    if (!known(base)) continue;
    // "afspraken", "bomen", "zaken" are the plurals of "afspraak", "boom", "zaak" (open syllable),
    // not "afsprak"/"bom"/"zak" + en: such a part is kept as written or is no part.
    if (linker == "en" && single_vowel_before_last(base) && common(doubled_vowel(base))) break;
    if (whole) {
      // Both "stads" and "stad" are listed: "stads" is only a linked form unless it is a word of its
      // own, which shows in a listed plural ("mens" → "mensen", "reis" → "reizen", "molen" → "molens").
      std::string t(s);
      auto listed = [&](std::string_view suffix, std::size_t drop = 0) {
        t.assign(s.substr(0, s.size() - drop));
        t += suffix;
        return common(t);
      };
      bool own_word = false;
      if (linker == "s") {
        own_word = listed("en") || listed(std::string(1, s.back()) + "en") || listed("zen", 1);
        // "kaas" → "kazen", "roos" → "rozen": the long vowel loses a letter.
        if (!own_word && s.size() >= 4 && is_vowel(s[s.size() - 2]) && s[s.size() - 2] == s[s.size() - 3]) {
          t.assign(s.substr(0, s.size() - 2));
          own_word = common(t + "zen") || common(t + "sen");
        }
      } else if (linker == "en") {
        own_word = listed("s");
      } else {
        own_word = listed("s") || listed("n");
      }
      if (own_word) break;
    }
    *base_len = base.size();
    return true;
  }
  if (!whole) return false;
  *base_len = s.size();
  return true;
}

std::vector<CompoundPart> CompoundSplitter::compute(std::string_view word) const {
  std::vector<CompoundPart> whole{{std::string(word), ""}};
  const std::size_t n = word.size();
  if (n < 2 * kMinPart || n > kMaxWord) return whole;
  for (char c : word)
    if (!((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80)) return whole;  // hyphens, digits
  const std::uint32_t self = index_->find(word);
  if (self != WordIndex::kNone && index_->keep_whole(self)) return whole;  // "=" in the extras
  const bool listed = self != WordIndex::kNone;
  constexpr std::size_t min_part = kMinPart;

  // best[i]: the best split of word[i..n) as back-pointers (no allocation per candidate). Compared
  // by fewest parts, then fewest unexpected linkers, then the longest first part; the rest of a
  // candidate is best[next], already optimal, so the comparison is exact.
  struct Best {
    std::uint8_t parts = 0;    // 0: word[i..n) cannot be split into listed words
    std::uint8_t linkers = 0;  // unexpected linkers: -en-, -e-, and -s- after a word that rarely takes it
    std::uint8_t next = 0;     // where the next part starts
    std::uint8_t base_len = 0; // letters of this part's word; the rest up to `next` is the linker
  };
  std::array<Best, kMaxWord + 1> best{};
  auto consider = [&best](std::size_t i, Best c) {
    Best& b = best[i];
    if (b.parts == 0 || c.parts < b.parts || (c.parts == b.parts && c.linkers < b.linkers) ||
        (c.parts == b.parts && c.linkers == b.linkers && c.next > b.next))
      b = c;
  };
  for (std::size_t i = n - min_part + 1; i-- > 0;) {
    // The head: the rest of the word as one listed word (never the whole word itself).
    if (i > 0) {
      std::string_view head = word.substr(i);
      if (head.size() <= max_len_ && known(head) && !among(kNoHead, head))
        consider(i, {1, 0, static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n - i)});
    }
    // A part, perhaps with a linker, followed by the best split of what remains.
    for (std::size_t j = i + min_part; j + min_part <= n; ++j) {
      if (best[j].parts == 0) continue;
      std::size_t base_len = 0;
      if (!piece(word, i, j, &base_len)) continue;
      const std::string_view base = word.substr(i, base_len);
      if (i == 0 && listed && among(kParticles, base)) continue;
      const std::size_t linker = j - i - base_len;
      // -en- is the plural and always plausible; -e- is rare; -s- depends on the word before it.
      const bool unexpected = linker == 1 && (word[j - 1] != 's' || !takes_s(base));
      consider(i, {static_cast<std::uint8_t>(best[j].parts + 1),
                   static_cast<std::uint8_t>(best[j].linkers + (unexpected ? 1 : 0)),
                   static_cast<std::uint8_t>(j), static_cast<std::uint8_t>(base_len)});
    }
  }
  if (best[0].parts < 2) return whole;
  // A listed word is split only into parts of 4+ letters: "pas|poort", "rij|bewijs" and
  // "bedrijfs|tak" stay whole rather than split on a short, ambiguous part. Nor on an -e-: in
  // listed words that is nearly always a derivation ("achte|loosheid", "accorde|ring").
  if (listed)
    for (std::size_t i = 0; i < n; i = best[i].next)
      if (best[i].base_len < kMinPartKnown || (best[i].next - i - best[i].base_len == 1 && word[best[i].next - 1] == 'e'))
        return whole;
  std::vector<CompoundPart> parts;
  parts.reserve(best[0].parts);
  for (std::size_t i = 0; i < n; i = best[i].next)
    parts.push_back({std::string(word.substr(i, best[i].base_len)),
                     std::string(word.substr(i + best[i].base_len, best[i].next - i - best[i].base_len))});
  return parts;
}

}  // namespace luister
