#include "luister/text/word_index.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/hash.hpp"
#include "luister/base/io.hpp"
#include "luister/text/wordforms.hpp"

namespace luister {
namespace {

constexpr char kMagic[8] = {'L', 'U', 'I', 'S', 'T', 'W', 'I', 'X'};
constexpr std::uint32_t kByteOrder = 0x01020304;
constexpr std::uint64_t kEmptySlot = ~std::uint64_t{0};
constexpr std::uint64_t kTagMask = 0xffffffff00000000ull;  // a slot holds the hash's high half | the word number
constexpr std::uint64_t kFilterMultiplier = 0x9e3779b97f4a7c15ull;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t byte_order;
  std::uint64_t file_size;
  std::uint64_t source_hash;
  std::uint32_t words;
  std::uint32_t max_len;
  std::uint64_t slot_count;    // a power of two, at least twice the words
  std::uint64_t filter_words;  // u64 words of filter bits, a power of two (4 bits a slot)
  std::uint64_t slots_at, filter_at, offsets_at, flags_at, blob_at, blob_size;
  std::uint64_t stem_offsets_at, stem_blob_at, stem_blob_size;  // Snowball stems, like the words
  std::uint64_t stem_hashes_at;                                 // u32 per word: stem_hash() of its stem
  std::uint64_t tags_at;                                        // u32 per word: the high half of its hash
  std::uint64_t stamp[6];  // the sources' file identities when it was made (WordSources::stamp())
};
static_assert(sizeof(Header) == 192);

constexpr std::size_t align8(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

// The filter word and its two bits for hash `h`: other bits than the slot (low) and the tag (high)
// use. Two bits in one word cost one cache miss and reject more misses than one bit in a filter
// twice the size (~4% false positives at 10 bits a word, against ~6%).
struct FilterProbe {
  std::uint64_t word;
  std::uint64_t bits;
};
inline FilterProbe filter_probe(std::uint64_t h, int shift) {
  const std::uint64_t g = h * kFilterMultiplier;
  return {g >> shift, (std::uint64_t{1} << ((g >> 20) & 63)) | (std::uint64_t{1} << ((g >> 26) & 63))};
}
bool power_of_two(std::uint64_t n) { return n && !(n & (n - 1)); }

// A whole file mapped read-only, for hashing without copying 5 MB.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      throw IoError(fmt::format("{}: not a regular file", path));
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        int err = errno;
        ::close(fd);
        throw IoError(fmt::format("{}: cannot map: {}", path, std::strerror(err)));
      }
      data_ = static_cast<const char*>(p);
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {data_ ? data_ : "", size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

IoError missing_word_list(const std::string& path) {
  return IoError(fmt::format("{}: the Dutch word list for compound splitting is missing", path),
                 "install Debian's wdutch package (scripts/deps does), or point LUISTER_WORDLIST at a word list");
}

std::uint64_t hash_texts(std::string_view list, std::string_view extra) {
  return hash_bytes(extra, hash_bytes(list, WordIndex::kFormatVersion));
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

// A listed word while the index is built: collected, sorted, deduplicated, then numbered.
struct Entry {
  std::uint64_t key;  // the first 8 bytes, big-endian, zero-padded: orders like the bytes
  std::string_view word;
  std::uint8_t flags;
};

Entry make_entry(std::string_view w, std::uint8_t flags) {
  std::uint64_t key = 0;
  for (std::size_t k = 0; k < 8; ++k) key = (key << 8) | (k < w.size() ? static_cast<unsigned char>(w[k]) : 0u);
  return Entry{key, w, flags};
}

// The distinct words of the word list (text[0, list_size)) and the extra list after it, in byte
// order: a word without capitals is `common`, one the extra list marks with '=' is `keep_whole`,
// and a word listed twice ("Rijk" and "rijk") has the flags of both.
std::vector<Entry> collect_words(std::string& text, std::size_t list_size, std::uint8_t common, std::uint8_t keep_whole) {
  std::vector<Entry> entries;
  entries.reserve(list_size / 10 + 1024);  // wdutch averages ~11 bytes a line
  for_lines(text, 0, list_size,
            [&](std::string_view w, bool capital) { entries.push_back(make_entry(w, capital ? 0 : common)); });
  for_lines(text, list_size, text.size(), [&](std::string_view w, bool capital) {
    std::uint8_t flags = capital ? 0 : common;
    if (w[0] == '=') {  // a word never to split
      w.remove_prefix(1);
      if (w.empty()) return;
      flags |= keep_whole;
    }
    entries.push_back(make_entry(w, flags));
  });
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.key != b.key ? a.key < b.key : a.word < b.word;
  });
  std::vector<Entry> distinct;
  distinct.reserve(entries.size());
  for (const Entry& e : entries) {
    if (!distinct.empty() && distinct.back().word == e.word) {
      distinct.back().flags |= e.flags;  // "Rijk" and "rijk"
      continue;
    }
    distinct.push_back(e);
  }
  return distinct;
}

// The Snowball stem of every word, back to back in `stems`, each ending at stem_ends[i]: a run
// looks a listed word's stem up instead of running the stemmer (about 2,600 instructions a word).
void stem_words(const std::vector<Entry>& distinct, const std::string& word_list, std::string& stems,
                std::vector<std::uint32_t>& stem_ends) {
  Stemmer stemmer;
  stem_ends.reserve(distinct.size());
  for (const Entry& e : distinct) {
    stems += stemmer.stem(e.word);
    if (stems.size() >= WordIndex::kNone) throw IoError(fmt::format("{}: too many words for the index", word_list));
    stem_ends.push_back(static_cast<std::uint32_t>(stems.size()));
  }
}

// The header of an index of `distinct` words with `stem_bytes` bytes of stems: identity, sizes,
// and where each table starts in the file.
Header plan_layout(const std::vector<Entry>& distinct, std::size_t stem_bytes, std::uint64_t source_hash,
                   const WordSources::Stamp& stamp) {
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = WordIndex::kFormatVersion;
  h.byte_order = kByteOrder;
  h.source_hash = source_hash;
  std::copy(stamp.begin(), stamp.end(), h.stamp);
  h.words = static_cast<std::uint32_t>(distinct.size());
  for (const Entry& e : distinct) {
    h.blob_size += e.word.size();
    h.max_len = std::max(h.max_len, static_cast<std::uint32_t>(e.word.size()));
  }
  h.slot_count = 1024;
  while (h.slot_count < 2 * distinct.size()) h.slot_count *= 2;
  h.filter_words = h.slot_count / 16;  // 4 bits a slot, 8-16 a word
  h.slots_at = sizeof(Header);
  h.filter_at = h.slots_at + h.slot_count * 8;
  h.offsets_at = h.filter_at + h.filter_words * 8;
  h.flags_at = align8(h.offsets_at + (distinct.size() + 1) * 4);
  h.blob_at = align8(h.flags_at + distinct.size());
  h.stem_offsets_at = align8(h.blob_at + h.blob_size);
  h.stem_blob_at = align8(h.stem_offsets_at + (distinct.size() + 1) * 4);
  h.stem_blob_size = stem_bytes;
  h.stem_hashes_at = align8(h.stem_blob_at + h.stem_blob_size);
  h.tags_at = align8(h.stem_hashes_at + distinct.size() * 4);
  h.file_size = h.tags_at + distinct.size() * 4;
  return h;
}

// Writes the words (offsets, flags, bytes) and their stems (offsets, bytes) into the image at `base`.
void write_words(char* base, const Header& h, const std::vector<Entry>& distinct, const std::string& stems,
                 const std::vector<std::uint32_t>& stem_ends) {
  auto* offsets = reinterpret_cast<std::uint32_t*>(base + h.offsets_at);
  auto* flags = reinterpret_cast<std::uint8_t*>(base + h.flags_at);
  char* blob = base + h.blob_at;
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    offsets[i] = at;
    flags[i] = distinct[i].flags;
    std::memcpy(blob + at, distinct[i].word.data(), distinct[i].word.size());
    at += static_cast<std::uint32_t>(distinct[i].word.size());
  }
  offsets[distinct.size()] = at;
  auto* stem_offsets = reinterpret_cast<std::uint32_t*>(base + h.stem_offsets_at);
  stem_offsets[0] = 0;
  std::copy(stem_ends.begin(), stem_ends.end(), stem_offsets + 1);
  std::memcpy(base + h.stem_blob_at, stems.data(), stems.size());
}

// Writes each word's tag and stem hash into the image, the stem hash marked kSharedTag when
// another word's hash shares the tag (find_probable() may take one for the other). Returns the
// words' hashes: each word is hashed once, its slot, filter bits and tag all coming from it.
std::vector<std::uint64_t> write_hashes(char* base, const Header& h, const std::vector<Entry>& distinct,
                                        const std::string& stems, const std::vector<std::uint32_t>& stem_ends) {
  auto* stem_hashes = reinterpret_cast<std::uint32_t*>(base + h.stem_hashes_at);
  std::vector<std::uint64_t> hashes(distinct.size());
  for (std::size_t i = 0; i < distinct.size(); ++i) hashes[i] = hash_bytes(distinct[i].word);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> tags(distinct.size());
  auto* word_tags = reinterpret_cast<std::uint32_t*>(base + h.tags_at);
  for (std::uint32_t i = 0; i < distinct.size(); ++i) {
    tags[i] = {hashes[i] & kTagMask, i};
    word_tags[i] = static_cast<std::uint32_t>(hashes[i] >> 32);
  }
  std::sort(tags.begin(), tags.end());
  for (std::uint32_t i = 0; i < distinct.size(); ++i) {
    const std::uint32_t from = i == 0 ? 0 : stem_ends[i - 1];
    stem_hashes[i] = WordIndex::stem_hash(std::string_view(stems).substr(from, stem_ends[i] - from));
  }
  for (std::size_t k = 1; k < tags.size(); ++k)
    if (tags[k].first == tags[k - 1].first)
      stem_hashes[tags[k].second] |= WordIndex::kSharedTag, stem_hashes[tags[k - 1].second] |= WordIndex::kSharedTag;
  return hashes;
}

// Enters every word in the open-addressing slots and the bit filter, from its hash.
void fill_slots(char* base, const Header& h, const std::vector<std::uint64_t>& hashes, std::uint64_t slot_mask,
                int filter_shift) {
  auto* slots = reinterpret_cast<std::uint64_t*>(base + h.slots_at);
  auto* filter = reinterpret_cast<std::uint64_t*>(base + h.filter_at);
  std::fill(slots, slots + h.slot_count, kEmptySlot);
  for (std::uint32_t i = 0; i < h.words; ++i) {
    const std::uint64_t hash = hashes[i];
    std::size_t slot = hash & slot_mask;
    while (slots[slot] != kEmptySlot) slot = (slot + 1) & slot_mask;
    slots[slot] = (hash & kTagMask) | i;
    const FilterProbe probe = filter_probe(hash, filter_shift);
    filter[probe.word] |= probe.bits;
  }
}

}  // namespace

WordSources WordSources::resolve(const std::string& word_list, const std::string& extra) {
  WordSources s;
  s.word_list = word_list;
  if (s.word_list.empty()) {
    const char* env = std::getenv("LUISTER_WORDLIST");
    s.word_list = env && *env ? env : "/usr/share/dict/dutch";
  }
  s.extra = find_data_file("compounds-extra.txt", extra);
  return s;
}

WordIndex::~WordIndex() {
  if (mapped_) ::munmap(const_cast<char*>(base_), size_);
}

WordSources::Stamp WordSources::stamp() const {
  Stamp out{};
  std::size_t k = 0;
  for (const std::string* path : {&word_list, &extra}) {
    struct stat st {};
    if (::stat(path->c_str(), &st) != 0) return Stamp{};  // all zero: matches no index
    // The change time too: a write always moves it, and no one can set it back.
    out[k++] = static_cast<std::uint64_t>(st.st_size) ^ (static_cast<std::uint64_t>(st.st_dev) << 40);
    out[k++] = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000u + static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
    out[k++] = (static_cast<std::uint64_t>(st.st_ctim.tv_sec) * 1000000000u + static_cast<std::uint64_t>(st.st_ctim.tv_nsec)) ^
               (static_cast<std::uint64_t>(st.st_ino) * 0x9e3779b97f4a7c15ull);
  }
  return out;
}

std::uint64_t WordIndex::hash_sources(const WordSources& sources) {
  std::unique_ptr<MappedFile> list;
  try {
    list = std::make_unique<MappedFile>(sources.word_list);
  } catch (const IoError&) {
    throw missing_word_list(sources.word_list);
  }
  MappedFile extra(sources.extra);
  return hash_texts(list->bytes(), extra.bytes());
}

std::shared_ptr<const WordIndex> WordIndex::load(const WordSources& sources) {
  // Hashing the 4 MB word list costs more than the rest of opening the index: it is done only for
  // an index whose recorded stamp differs from the sources' (copied, installed elsewhere, or the
  // sources changed since).
  const WordSources::Stamp stamp = sources.stamp();
  std::uint64_t hash = 0;
  bool hashed = false;
  for (const auto& dir : data_dirs()) {
    auto index = open_if(dir + "/" + kFileName, [&](std::uint64_t source_hash, const WordSources::Stamp& recorded) {
      if (recorded == stamp && stamp != WordSources::Stamp{}) return true;
      if (!hashed) hash = hash_sources(sources), hashed = true;
      return source_hash == hash;
    });
    if (index) return index;
  }
  return build(sources);
}

std::shared_ptr<const WordIndex> WordIndex::open(const std::string& path, std::uint64_t source_hash) {
  return open_if(path, [source_hash](std::uint64_t recorded, const WordSources::Stamp&) { return recorded == source_hash; });
}

std::shared_ptr<const WordIndex> WordIndex::open_if(const std::string& path,
                                                    const std::function<bool(std::uint64_t, const WordSources::Stamp&)>& current) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  Header h{};
  const bool plausible = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                         static_cast<std::size_t>(st.st_size) >= sizeof(Header) &&
                         ::pread(fd, &h, sizeof h, 0) == static_cast<ssize_t>(sizeof h) &&
                         std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.version == kFormatVersion &&
                         h.byte_order == kByteOrder && h.file_size == static_cast<std::uint64_t>(st.st_size) &&
                         current(h.source_hash, std::to_array(h.stamp));
  if (!plausible) {
    ::close(fd);
    return nullptr;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return nullptr;
  std::shared_ptr<WordIndex> index(new WordIndex());
  index->mapped_ = true;
  index->base_ = static_cast<const char*>(p);
  index->size_ = size;
  if (!index->attach(index->base_, size)) return nullptr;  // the destructor unmaps
  // The stems came from the libstemmer of the build: a different one installed since would disagree
  // with the stems a run computes for unlisted words. Sixteen words spread over the list tell.
  Stemmer stemmer;
  for (std::uint32_t k = 0; k < 16 && index->words_ > 0; ++k) {
    const std::uint32_t i = static_cast<std::uint32_t>(std::uint64_t{index->words_} * k / 16);
    if (stemmer.stem(index->word(i)) != index->stem(i) || (index->stem_hash(i) & ~kSharedTag) != stem_hash(index->stem(i)))
      return nullptr;
  }
  return index;
}

bool WordIndex::attach(const char* base, std::size_t size) {
  if (size < sizeof(Header)) return false;
  Header h;
  std::memcpy(&h, base, sizeof h);
  auto fits = [&](std::uint64_t at, std::uint64_t count, std::uint64_t unit) {
    return at % 8 == 0 && at >= sizeof(Header) && at <= size && count <= (size - at) / unit;
  };
  if (!power_of_two(h.slot_count) || h.slot_count < 2 * std::uint64_t{h.words} || !power_of_two(h.filter_words) ||
      h.filter_words < 64 ||
      h.words >= kNone || !fits(h.slots_at, h.slot_count, 8) || !fits(h.filter_at, h.filter_words, 8) ||
      !fits(h.offsets_at, std::uint64_t{h.words} + 1, 4) || !fits(h.flags_at, h.words, 1) ||
      !fits(h.blob_at, h.blob_size, 1) || !fits(h.stem_offsets_at, std::uint64_t{h.words} + 1, 4) ||
      !fits(h.stem_blob_at, h.stem_blob_size, 1) || !fits(h.stem_hashes_at, h.words, 4) || !fits(h.tags_at, h.words, 4))
    return false;
  slots_ = reinterpret_cast<const std::uint64_t*>(base + h.slots_at);
  filter_ = reinterpret_cast<const std::uint64_t*>(base + h.filter_at);
  offsets_ = reinterpret_cast<const std::uint32_t*>(base + h.offsets_at);
  flags_ = reinterpret_cast<const std::uint8_t*>(base + h.flags_at);
  blob_ = base + h.blob_at;
  stem_offsets_ = reinterpret_cast<const std::uint32_t*>(base + h.stem_offsets_at);
  stem_blob_ = base + h.stem_blob_at;
  stem_hashes_ = reinterpret_cast<const std::uint32_t*>(base + h.stem_hashes_at);
  tags_ = reinterpret_cast<const std::uint32_t*>(base + h.tags_at);
  // The offsets must span the words' bytes; each word's own pair is checked where it is read.
  if (offsets_[0] != 0 || offsets_[h.words] != h.blob_size || stem_offsets_[0] != 0 ||
      stem_offsets_[h.words] != h.stem_blob_size || h.blob_size > UINT32_MAX || h.stem_blob_size > UINT32_MAX)
    return false;
  blob_size_ = static_cast<std::uint32_t>(h.blob_size);
  stem_blob_size_ = static_cast<std::uint32_t>(h.stem_blob_size);
  slot_mask_ = h.slot_count - 1;
  words_ = h.words;
  max_len_ = h.max_len;
  filter_shift_ = 64;
  for (std::uint64_t words = h.filter_words; words > 1; words >>= 1) --filter_shift_;
  source_hash_ = h.source_hash;
  return true;
}

std::shared_ptr<const WordIndex> WordIndex::build(const WordSources& sources) {
  std::string text;
  try {
    text = read_file(sources.word_list);
  } catch (const IoError&) {
    throw missing_word_list(sources.word_list);
  }
  const std::size_t list_size = text.size();
  const std::string extra = read_file(sources.extra);
  const std::uint64_t source_hash = hash_texts(text, extra);
  text += '\n';
  text += extra;

  // Collect, sort, deduplicate, then hash: a sorted array serves prefix counts, an open-addressing
  // table of word numbers serves look-ups; both load 400,000 words far faster than node-based sets.
  const std::vector<Entry> distinct = collect_words(text, list_size, kCommon, kKeepWhole);
  if (distinct.size() >= kNone) throw IoError(fmt::format("{}: too many words for the index", sources.word_list));
  std::string stems;
  std::vector<std::uint32_t> stem_ends;
  stem_words(distinct, sources.word_list, stems, stem_ends);

  const Header h = plan_layout(distinct, stems.size(), source_hash, sources.stamp());
  std::shared_ptr<WordIndex> index(new WordIndex());
  index->owned_.assign(align8(h.file_size) / 8, 0);
  char* base = reinterpret_cast<char*>(index->owned_.data());
  std::memcpy(base, &h, sizeof h);
  write_words(base, h, distinct, stems, stem_ends);
  const std::vector<std::uint64_t> hashes = write_hashes(base, h, distinct, stems, stem_ends);
  if (!index->attach(base, h.file_size)) throw Error("word index: internal layout error");
  index->base_ = base;
  index->size_ = h.file_size;
  fill_slots(base, h, hashes, index->slot_mask_, index->filter_shift_);
  // Which words take a linking s. The words starting with word i follow it in byte order, so each
  // count is a search within that run: cheap even for the 400,000 words of wdutch.
  auto* flags = reinterpret_cast<std::uint8_t*>(base + h.flags_at);
  std::string with_s;
  for (std::uint32_t i = 0; i < h.words; ++i) {
    const std::string_view w = index->word(i);
    std::uint32_t step = 1, end = i + 1;  // gallop to the end of the run, then bisect
    while (end < h.words && index->word(end).substr(0, w.size()) == w) {
      end = static_cast<std::uint32_t>(std::min<std::uint64_t>(std::uint64_t{i} + step * 2, h.words));
      step *= 2;
    }
    end = index->prefix_range(i, end, w).second;
    const std::uint32_t longer = end - i - 1;
    if (longer == 0) continue;
    with_s.assign(w);
    with_s += 's';
    const auto [first, last] = index->prefix_range(i + 1, end, with_s);
    if (2 * (last - first) >= longer) flags[i] |= kTakesS;
  }
  return index;
}

void WordIndex::save(const std::string& path) const {
  Output out(path);
  out.write(image());
  out.commit();
}

template <typename Accept>
std::uint32_t WordIndex::probe(std::uint64_t h, Accept accept) const {
  // Most look-ups miss (the splitter tries every substring): a small bit filter rejects most of
  // them from the cache, the hash's high bits stored in the slot most of the rest.
  const FilterProbe probe = filter_probe(h, filter_shift_);
  if ((filter_[probe.word] & probe.bits) != probe.bits) return kNone;
  for (std::uint64_t slot = h & slot_mask_;; slot = (slot + 1) & slot_mask_) {
    const std::uint64_t v = slots_[slot];
    if (v == kEmptySlot) return kNone;
    if (((v ^ h) & kTagMask) == 0) {
      const auto i = static_cast<std::uint32_t>(v);
      if (i < words_ && accept(i)) return i;
    }
  }
}

std::uint32_t WordIndex::find(std::string_view w) const {
  return probe(hash_bytes(w), [&](std::uint32_t i) { return same_bytes(word(i), w); });
}

void WordIndex::prefetch(std::uint64_t h) const {
  if (!filter_ || !slots_) return;
  __builtin_prefetch(&filter_[filter_probe(h, filter_shift_).word]);
  __builtin_prefetch(&slots_[h & slot_mask_]);
}

void WordIndex::prefetch_entry(std::uint64_t h) const {
  if (!filter_ || !slots_) return;
  if (const std::uint32_t i = find_probable_by_hash(h); i != kNone) {
    __builtin_prefetch(&offsets_[i]);
    __builtin_prefetch(&stem_offsets_[i]);
    __builtin_prefetch(&stem_hashes_[i]);
  }
}

void WordIndex::prefetch_text(std::uint64_t h) const {
  if (!filter_ || !slots_) return;
  if (const std::uint32_t i = find_probable_by_hash(h); i != kNone) {
    // Offsets past the blob (a damaged file) are left alone, as slice() leaves them.
    if (const std::uint32_t at = offsets_[i]; at < blob_size_) __builtin_prefetch(blob_ + at);
    if (const std::uint32_t at = stem_offsets_[i]; at < stem_blob_size_) __builtin_prefetch(stem_blob_ + at);
  }
}

std::uint32_t WordIndex::find_probable_by_hash(std::uint64_t h) const {
  return probe(h, [](std::uint32_t) { return true; });
}

std::pair<std::uint32_t, std::uint32_t> WordIndex::prefix_range(std::uint32_t lo, std::uint32_t hi,
                                                              std::string_view prefix) const {
  auto partition = [&](std::uint32_t a, std::uint32_t b, auto below) {
    while (a < b) {
      const std::uint32_t mid = a + (b - a) / 2;
      if (below(word(mid))) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const std::uint32_t first =
      partition(lo, hi, [&](std::string_view w) { return w.substr(0, prefix.size()) < prefix; });
  const std::uint32_t last =
      partition(first, hi, [&](std::string_view w) { return w.substr(0, prefix.size()) == prefix; });
  return {first, last};
}

std::size_t WordIndex::count_prefix(std::string_view prefix) const {
  const auto [first, last] = prefix_range(0, words_, prefix);
  return last - first;
}

}  // namespace luister
