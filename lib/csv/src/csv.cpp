#include "luister/csv/csv.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <fmt/format.h>

#include "luister/base/error.hpp"

namespace luister {
namespace {

// First byte in [p, end) that ends an unquoted field (the delimiter, CR or LF), and the first
// quote character. Both run on every field, so they come in an AVX2 flavour, chosen at start-up.
const char* find_field_end_sse2(const char* p, const char* end, char delimiter) {
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(delimiter);
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, lf)), _mm_cmpeq_epi8(x, cr));
    int mask = _mm_movemask_epi8(hit);
    if (mask) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != delimiter && *p != '\n' && *p != '\r') ++p;
  return p;
}

const char* find_quote_sse2(const char* p, const char* end, char quote) {
#if defined(__SSE2__)
  const __m128i q = _mm_set1_epi8(quote);
  while (end - p >= 16) {
    int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), q));
    if (mask) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != quote) ++p;
  return p;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) const char* find_field_end_avx2(const char* p, const char* end, char delimiter) {
  const __m256i d = _mm256_set1_epi8(delimiter);
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r');
  while (end - p >= 32) {
    __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    __m256i hit = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, d), _mm256_cmpeq_epi8(x, lf)),
                                  _mm256_cmpeq_epi8(x, cr));
    auto mask = static_cast<unsigned>(_mm256_movemask_epi8(hit));
    if (mask) return p + __builtin_ctz(mask);
    p += 32;
  }
  return find_field_end_sse2(p, end, delimiter);
}

__attribute__((target("avx2"))) const char* find_quote_avx2(const char* p, const char* end, char quote) {
  const __m256i q = _mm256_set1_epi8(quote);
  while (end - p >= 32) {
    auto mask = static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), q)));
    if (mask) return p + __builtin_ctz(mask);
    p += 32;
  }
  return find_quote_sse2(p, end, quote);
}
#endif

using Scanner = const char* (*)(const char*, const char*, char);

struct Scanners {
  Scanner field_end = find_field_end_sse2;
  Scanner quote = find_quote_sse2;
  Scanners() {
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx2")) {
      field_end = find_field_end_avx2;
      quote = find_quote_avx2;
    }
#endif
  }
};

const Scanners kScanners;

inline const char* find_field_end(const char* p, const char* end, char delimiter) {
  return kScanners.field_end(p, end, delimiter);
}
inline const char* find_quote(const char* p, const char* end, char quote) { return kScanners.quote(p, end, quote); }


// The block scan, stage one: per 64-byte block, bit masks of the quote character, the separators
// (delimiter, CR, LF), the line breaks, and the bytes canonical CSV must quote ('"', ',', CR, LF).
// Three flavours with identical results; tests compare them.
struct ScanChars {
  char quote;  // '\0': no quoting
  char delimiter;
};
constexpr std::size_t kMasksPerBlock = 4;

void masks_portable(const char* p, std::size_t blocks, ScanChars c, std::uint64_t* out) {
  for (std::size_t b = 0; b < blocks; ++b, p += 64, out += kMasksPerBlock) {
    std::uint64_t q = 0, sep = 0, nl = 0, special = 0;
    for (int i = 0; i < 64; ++i) {
      char x = p[i];
      std::uint64_t bit = std::uint64_t{1} << i;
      bool line = x == '\n' || x == '\r';
      if (c.quote && x == c.quote) q |= bit;
      if (line || x == c.delimiter) sep |= bit;
      if (line) nl |= bit;
      if (line || x == '"' || x == ',') special |= bit;
    }
    out[0] = q, out[1] = sep, out[2] = nl, out[3] = special;
  }
}

#if defined(__SSE2__)
// kSpecial false: the dialect is ',' and '"', so the special bytes are the separators and quotes,
// and index_more() derives their mask from those.
template <bool kSpecial>
void masks_sse2(const char* p, std::size_t blocks, ScanChars c, std::uint64_t* out) {
  const __m128i vq = _mm_set1_epi8(c.quote), vd = _mm_set1_epi8(c.delimiter);
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  const __m128i dq = _mm_set1_epi8('"'), cm = _mm_set1_epi8(',');
  const std::uint64_t quoting = c.quote ? ~std::uint64_t{0} : 0;
  for (std::size_t b = 0; b < blocks; ++b, p += 64, out += kMasksPerBlock) {
    std::uint64_t q = 0, sep = 0, nl = 0, special = 0;
    for (int k = 0; k < 4; ++k) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      __m128i line = _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr));
      auto bits = [&](__m128i m) { return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(m))) << (16 * k); };
      q |= bits(_mm_cmpeq_epi8(x, vq));
      sep |= bits(_mm_or_si128(line, _mm_cmpeq_epi8(x, vd)));
      nl |= bits(line);
      if (kSpecial) special |= bits(_mm_or_si128(line, _mm_or_si128(_mm_cmpeq_epi8(x, dq), _mm_cmpeq_epi8(x, cm))));
    }
    out[0] = q & quoting, out[1] = sep, out[2] = nl, out[3] = special;
  }
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
// (Not a lambda: GCC does not pass the target attribute on to lambdas.)
__attribute__((target("avx2"))) inline std::uint64_t bits(__m256i lo, __m256i hi) {
  return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(lo))) |
         static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(hi))) << 32;
}

template <bool kSpecial>
__attribute__((target("avx2"))) void masks_avx2(const char* p, std::size_t blocks, ScanChars c, std::uint64_t* out) {
  const __m256i vq = _mm256_set1_epi8(c.quote), vd = _mm256_set1_epi8(c.delimiter);
  const __m256i lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
  const __m256i dq = _mm256_set1_epi8('"'), cm = _mm256_set1_epi8(',');
  const std::uint64_t quoting = c.quote ? ~std::uint64_t{0} : 0;
  for (std::size_t b = 0; b < blocks; ++b, p += 64, out += kMasksPerBlock) {
    __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    __m256i line_lo = _mm256_or_si256(_mm256_cmpeq_epi8(lo, lf), _mm256_cmpeq_epi8(lo, cr));
    __m256i line_hi = _mm256_or_si256(_mm256_cmpeq_epi8(hi, lf), _mm256_cmpeq_epi8(hi, cr));
    out[0] = bits(_mm256_cmpeq_epi8(lo, vq), _mm256_cmpeq_epi8(hi, vq)) & quoting;
    out[1] = bits(_mm256_or_si256(line_lo, _mm256_cmpeq_epi8(lo, vd)), _mm256_or_si256(line_hi, _mm256_cmpeq_epi8(hi, vd)));
    out[2] = bits(line_lo, line_hi);
    out[3] = kSpecial ? bits(_mm256_or_si256(line_lo, _mm256_or_si256(_mm256_cmpeq_epi8(lo, dq), _mm256_cmpeq_epi8(lo, cm))),
                             _mm256_or_si256(line_hi, _mm256_or_si256(_mm256_cmpeq_epi8(hi, dq), _mm256_cmpeq_epi8(hi, cm))))
                      : 0;
  }
}
#endif

using MaskKernel = void (*)(const char*, std::size_t, ScanChars, std::uint64_t*);

// The kernel for `level`; `derived` when the special mask follows from the others (see masks_sse2).
MaskKernel mask_kernel(SimdLevel level, bool derived) {
  switch (level) {
#if defined(__x86_64__) && defined(__GNUC__)
    case SimdLevel::kAvx2: return derived ? masks_avx2<false> : masks_avx2<true>;
#endif
#if defined(__SSE2__)
    case SimdLevel::kSse2: return derived ? masks_sse2<false> : masks_sse2<true>;
#endif
    default: return masks_portable;
  }
}

// Bit i of the result is the parity of the set bits 0..i of x: 1 from an opening quote up to, not
// including, its closing quote.
inline std::uint64_t prefix_xor(std::uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Without -mpopcnt, __builtin_popcountll is a library call; this is a handful of instructions.
inline int popcount(std::uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

// Per indexed field, besides its text and its `plain` flag: what kind of field it is.
constexpr std::uint8_t kFieldBreak = 1;     // a line break ends it: the record ends
constexpr std::uint8_t kFieldUnescape = 2;  // it has a doubled quote
constexpr std::size_t kScanBlocks = 512;  // 32 KiB classified at a time, to stay in cache

// How reading a quoted field ended: read (the cursor after it), more input needed to tell, or the
// input ended inside the quotes.
// One 64-byte block of index_more(), from its masks `m` at buffer offset `pos`: indexes the fields
// that end in it (advancing `views`, `plain` and `kinds`) and carries the open field's state in
// `c` (CsvReader::ScanCarry) to the next block. True when a quote breaks the block rules: the
// fields before it are indexed, and the scan stops there.
template <typename Carry>
[[gnu::always_inline]] inline bool index_block(const std::uint64_t* m, bool derived, std::size_t pos, const char* base,
                                               Carry& c, std::string_view*& views, std::uint8_t*& plain,
                                               std::uint8_t*& kinds) {
  const std::uint64_t q = m[0], sep = m[1], line = m[2];
  const std::uint64_t special_bytes = derived ? sep | q : m[3];
  if (!(q | c.closer) && !(sep & ~c.inside)) {
    // No quote and no field end (inside a long text, mostly): only the flags of the open field change.
    c.special |= special_bytes != 0;
    c.sep = sep >> 63;
    return false;
  }
  std::uint64_t inside = c.inside;
  if (q) inside ^= prefix_xor(q);
  const std::uint64_t opener = q & inside, closer = q & ~inside;
  const std::uint64_t after_closer = closer << 1 | c.closer;
  const std::uint64_t field_start = sep << 1 | c.sep;
  const std::uint64_t bad = (opener & ~(field_start | after_closer)) | (after_closer & ~(sep | q));
  std::uint64_t ends = sep & ~inside;
  if (bad) {
    int v = __builtin_ctzll(bad);
    ends &= v == 0 ? 0 : ~std::uint64_t{0} >> (64 - v);
  }
  // The second quote of a doubled pair: the field must be unescaped, and holds a quote.
  const std::uint64_t doubled = after_closer & q;
  const std::uint64_t special = ((special_bytes & ~q) | doubled) & ~ends;
  // Which fields ending here hold such a byte (or start with a quote): adding a bit to the run of
  // ones between two terminators (~ends) carries it into the terminator above; the top run
  // carries into the next block.
  std::uint64_t special_ends, doubled_ends, quoted_ends;
  c.special = __builtin_add_overflow(~ends, special, &special_ends) | __builtin_add_overflow(special_ends, c.special, &special_ends);
  c.unescape = __builtin_add_overflow(~ends, doubled, &doubled_ends) | __builtin_add_overflow(doubled_ends, c.unescape, &doubled_ends);
  c.quoted = __builtin_add_overflow(~ends, opener & field_start, &quoted_ends) | __builtin_add_overflow(quoted_ends, c.quoted, &quoted_ends);
  if (ends) {
    // Four fields a round, unconditionally: those past the last are overwritten by the next block.
    std::size_t start = c.start;
    for (std::uint64_t rest = ends; rest;) {
      for (int u = 0; u < 4; ++u) {
        const int k = __builtin_ctzll(rest | std::uint64_t{1} << 63);
        const std::size_t end = pos + static_cast<std::size_t>(k);
        const std::size_t quoted = quoted_ends >> k & 1;
        views[u] = {base + start + quoted, end - start - 2 * quoted};
        plain[u] = static_cast<std::uint8_t>(~special_ends >> k & 1);
        kinds[u] = static_cast<std::uint8_t>((line >> k & 1) | (doubled_ends >> k & 1) << 1);
        start = end + 1;
        rest &= rest - 1;
      }
      views += 4, plain += 4, kinds += 4;
    }
    const int over = (4 - popcount(ends) % 4) % 4;
    views -= over, plain -= over, kinds -= over;
    c.start = pos + 64 - static_cast<std::size_t>(__builtin_clzll(ends));  // after the last terminator
  }
  if (bad) return true;
  c.inside = static_cast<std::uint64_t>(static_cast<std::int64_t>(inside) >> 63);
  c.closer = closer >> 63;
  c.sep = sep >> 63;
  return false;
}

enum class FieldEnd { kRead, kNeedMore, kUnterminated };

// The closing quote of a quoted field whose text starts at `q`, or nullptr when the buffer ends
// first (or ends right after a quote that may be the first of a doubled pair). `unescape` is set
// when the text holds a doubled quote.
[[gnu::always_inline]] inline const char* find_closing_quote(const char* q, const char* end, char quote, bool at_eof,
                                                             bool& unescape) {
  for (;;) {
    const char* hit = find_quote(q, end, quote);
    if (hit == end) return nullptr;
    if (hit + 1 == end && !at_eof) return nullptr;  // cannot tell a doubled quote yet
    if (hit + 1 < end && hit[1] == quote) {
      unescape = true;
      q = hit + 2;
      continue;
    }
    return hit;
  }
}

// A quoted field at `p` (its opening quote) into `record`: as a view into the buffer when it can
// be, else unescaped into `scratch` (doubled quotes, or text after the closing quote: "abc"def is
// kept, as Excel does). Moves `p` to the byte after the field.
[[gnu::always_inline]] inline FieldEnd read_quoted_field(const char*& p, const char* end, char quote, char delim,
                                                         bool at_eof, std::string& scratch, CsvRecord& record) {
  bool unescape = false;
  const char* close = find_closing_quote(p + 1, end, quote, at_eof, unescape);
  if (!close) {
    if (!at_eof) return FieldEnd::kNeedMore;
    // End of input inside quotes: keep what there is and flag it.
    record.unterminated = true;
    std::size_t off = scratch.size();
    for (const char* s = p + 1; s < end; ++s) {
      scratch += *s;
      if (*s == quote && s + 1 < end && s[1] == quote) ++s;
    }
    record.fields.emplace_back(scratch.data() + off, scratch.size() - off);
    p = end;
    return FieldEnd::kUnterminated;
  }
  const char* after = close + 1;
  const char* stop = after;
  if (stop < end && *stop != delim && *stop != '\n' && *stop != '\r') {
    // Text after the closing quote ("abc"def): keep it, as Excel does.
    stop = find_field_end(stop, end, delim);
    if (stop == end && !at_eof) return FieldEnd::kNeedMore;
    unescape = true;
  }
  if (unescape) {
    std::size_t off = scratch.size();
    // Copy the runs between doubled quotes, keeping one quote of each pair.
    for (const char* s = p + 1; s < close;) {
      const char* q2 = static_cast<const char*>(std::memchr(s, quote, static_cast<std::size_t>(close - s)));
      if (!q2) {
        scratch.append(s, close);
        break;
      }
      scratch.append(s, q2 + 1);
      s = q2 + 2;
    }
    scratch.append(after, stop);
    record.fields.emplace_back(scratch.data() + off, scratch.size() - off);
  } else {
    record.fields.emplace_back(p + 1, static_cast<std::size_t>(close - p - 1));
  }
  p = stop;
  return FieldEnd::kRead;
}

}  // namespace

SimdLevel best_simd_level() {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx2")) return SimdLevel::kAvx2;
#endif
#if defined(__SSE2__)
  return SimdLevel::kSse2;
#else
  return SimdLevel::kPortable;
#endif
}

namespace {

// Counts LF plus CR-not-followed-by-LF over whole 16- or 32-byte blocks; returns bytes covered.
std::size_t count_breaks_sse2(const char* data, std::size_t size, std::uint64_t* count) {
  std::size_t i = 0;
#if defined(__SSE2__)
  // Per-byte counters (LF, plus CR not followed by LF), summed with SAD before they can overflow.
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i zero = _mm_setzero_si128();
  while (i + 17 <= size) {
    __m128i acc = zero;
    for (int k = 0; k < 127 && i + 17 <= size; ++k, i += 16) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 1));
      __m128i lone_cr = _mm_andnot_si128(_mm_cmpeq_epi8(after, lf), _mm_cmpeq_epi8(x, cr));
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, lf));
      acc = _mm_sub_epi8(acc, lone_cr);
    }
    __m128i sums = _mm_sad_epu8(acc, zero);
    *count += static_cast<std::uint64_t>(_mm_cvtsi128_si32(sums)) +
              static_cast<std::uint64_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  return i;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) std::size_t count_breaks_avx2(const char* data, std::size_t size, std::uint64_t* count) {
  std::size_t i = 0;
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r');
  const __m256i zero = _mm256_setzero_si256();
  while (i + 33 <= size) {
    __m256i acc = zero;
    for (int k = 0; k < 127 && i + 33 <= size; ++k, i += 32) {
      __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
      __m256i after = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i + 1));
      __m256i lone_cr = _mm256_andnot_si256(_mm256_cmpeq_epi8(after, lf), _mm256_cmpeq_epi8(x, cr));
      acc = _mm256_sub_epi8(acc, _mm256_cmpeq_epi8(x, lf));
      acc = _mm256_sub_epi8(acc, lone_cr);
    }
    __m256i sums = _mm256_sad_epu8(acc, zero);
    *count += static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 0)) + static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 1)) +
              static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 2)) + static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 3));
  }
  return i;
}
#endif

using BreakCounter = std::size_t (*)(const char*, std::size_t, std::uint64_t*);
const BreakCounter kCountBreaks = [] {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx2")) return &count_breaks_avx2;
#endif
  return &count_breaks_sse2;
}();

}  // namespace

std::uint64_t count_line_breaks(const char* data, std::size_t size, int next) {
  std::uint64_t count = 0;
  std::size_t i = kCountBreaks(data, size, &count);
  for (; i < size; ++i) {
    if (data[i] == '\n') {
      ++count;
    } else if (data[i] == '\r') {
      int after = i + 1 < size ? static_cast<unsigned char>(data[i + 1]) : next;
      if (after != '\n') ++count;
    }
  }
  return count;
}

CsvReader::CsvReader(Utf8Source& source, Dialect dialect, std::size_t chunk, std::size_t max_record)
    : source_(source), chunk_(std::max<std::size_t>(chunk, 16)), max_record_(max_record) {
  buf_.resize(chunk_ * 2 + 16, 0);
  set_dialect(dialect);
}

void CsvReader::set_dialect(const Dialect& dialect) {
  dialect_ = dialect;
  // The block rules assume the delimiter, the quote and the line breaks are distinct bytes.
  char d = dialect.delimiter, q = dialect.quote;
  block_usable_ = d != '\0' && d != '\n' && d != '\r' && d != q && q != '\n' && q != '\r';
  index_start_ = SIZE_MAX;
}

void CsvReader::set_scan(CsvScan scan, SimdLevel level) {
  scan_ = scan;
  simd_ = level;
  index_start_ = SIZE_MAX;
}

void CsvReader::rethrow_decode(const DecodeError& error) {
  throw InputError(source_.name(), line_at(end_),
                   fmt::format("{} under encoding {} (byte offset {}).", error.message,
                               encoding_name(source_.encoding()), error.byte_offset),
                   error.hint);
}

std::uint64_t CsvReader::line_at(std::size_t offset) {
  if (offset < mark_offset_) {
    mark_offset_ = 0;
    mark_line_ = base_line_;
  }
  int after = offset < end_ ? static_cast<unsigned char>(buf_[offset]) : -1;
  mark_line_ += count_line_breaks(buf_.data() + mark_offset_, offset - mark_offset_, after);
  mark_offset_ = offset;
  return mark_line_;
}

bool CsvReader::refill() {
  if (eof_) return false;
  index_start_ = SIZE_MAX;  // offsets move: classify again from the current record
  if (begin_ > 0) {
    // Forget the consumed prefix, keeping count of its lines.
    int after = begin_ < end_ ? static_cast<unsigned char>(buf_[begin_]) : -1;
    base_line_ += count_line_breaks(buf_.data(), begin_, after);
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    consumed_base_ += begin_;
    end_ -= begin_;
    nul_checked_ = nul_checked_ > begin_ ? nul_checked_ - begin_ : 0;
    begin_ = 0;
    mark_offset_ = 0;
    mark_line_ = base_line_;
  }
  if (end_ > max_record_) {
    oversized_ = true;
    return false;
  }
  // Room for a whole chunk after the data, plus the 16 bytes of padding: a read of nothing would
  // look like the end of the input.
  if (buf_.size() - end_ < chunk_ + 16) buf_.resize(std::max(buf_.size() * 2, end_ + chunk_ + 16), end_);
  std::size_t n;
  try {
    n = source_.read(buf_.data() + end_, buf_.size() - end_ - 16);
  } catch (const DecodeError& e) {
    rethrow_decode(e);
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  if (!saw_nul_ && std::memchr(buf_.data() + end_, '\0', n)) saw_nul_ = true;
  end_ += n;
  return true;
}

std::string_view CsvReader::peek(std::size_t bytes) {
  while (end_ - begin_ < bytes && refill()) {
  }
  return {buf_.data() + begin_, std::min(bytes, end_ - begin_)};
}

CsvReader::Parse CsvReader::parse(CsvRecord& record, bool at_eof) {
  record.fields.clear();
  record.plain.clear();
  record.blank = record.unterminated = record.has_nul = false;
  scratch_.clear();
  // Unescaped fields are never longer than the raw text, so views into scratch_ stay valid.
  scratch_.reserve(end_ - begin_ + 1);
  const char* const base = buf_.data();
  const char* p = base + begin_;
  const char* const end = base + end_;
  const char delim = dialect_.delimiter;
  const char quote = dialect_.quote;
  const char* record_end = nullptr;

  if (p == end && at_eof) return Parse::kNeedMore;
  for (;;) {
    if (quote && p < end && *p == quote) {
      const FieldEnd read = read_quoted_field(p, end, quote, delim, at_eof, scratch_, record);
      if (read == FieldEnd::kNeedMore) return Parse::kNeedMore;
      if (read == FieldEnd::kUnterminated) {
        record_end = end;
        break;
      }
    } else {
      const char* stop = find_field_end(p, end, delim);
      if (stop == end && !at_eof) return Parse::kNeedMore;
      record.fields.emplace_back(p, static_cast<std::size_t>(stop - p));
      p = stop;
    }
    if (p == end) {
      record_end = end;
      next_ = end_;
      break;
    }
    if (*p == delim) {
      ++p;
      if (p == end && at_eof) {
        record.fields.emplace_back(p, 0);
        record_end = end;
        next_ = end_;
        break;
      }
      continue;
    }
    record_end = p;
    if (*p == '\r') {
      if (p + 1 == end && !at_eof) return Parse::kNeedMore;
      next_ = static_cast<std::size_t>((p + 1 < end && p[1] == '\n' ? p + 2 : p + 1) - base);
    } else {
      next_ = static_cast<std::size_t>(p + 1 - base);
    }
    break;
  }
  if (record.unterminated) next_ = end_;
  finish_record(record, static_cast<std::size_t>(record_end - base));
  return Parse::kComplete;
}

void CsvReader::finish_record(CsvRecord& record, std::size_t record_end) {
  record_end_ = record_end;
  record.blank = record.fields.size() == 1 && record_end_ == begin_;
  if (saw_nul_ && record_end_ > nul_checked_) {
    std::size_t from = std::max(begin_, nul_checked_);
    record.has_nul = std::memchr(buf_.data() + from, '\0', record_end_ - from) != nullptr;
    if (!record.has_nul) nul_checked_ = record_end_;
  }
}

void CsvReader::restart_index() {
  index_pos_ = index_size_ = 0;
  index_start_ = begin_;
  scan_pos_ = begin_;
  scan_stopped_ = false;
  carry_ = ScanCarry{};
  carry_.start = begin_;
}

// Classifies up to kScanBlocks whole blocks from scan_pos_ and indexes every field that ends in them
// (at a delimiter or line break outside quotes). Quotes follow this reader's rule, a quote counts
// only at the start of a field, only as long as every opening quote sits at a field start (or right
// after a closing one: a doubled quote) and every closing quote is followed by a separator or
// another quote. The first quote that
// breaks this (a quote inside an unquoted field, text after a closing quote) stops the scan; the
// records from there on go to the reference parser. False when nothing more could be classified.
bool CsvReader::index_more() {
  if (scan_stopped_ || scan_pos_ + 64 > end_) return false;
  std::size_t blocks = std::min((end_ - scan_pos_) / 64, kScanBlocks);
  if (index_pos_ > 0) {  // drop the fields taken; keep those of the record in progress
    std::size_t keep = index_size_ - index_pos_;
    std::memmove(views_.data(), views_.data() + index_pos_, keep * sizeof(std::string_view));
    std::memmove(plain_.data(), plain_.data() + index_pos_, keep);
    std::memmove(kinds_.data(), kinds_.data() + index_pos_, keep);
    index_size_ = keep;
    index_pos_ = 0;
  }
  // Room for a field per byte, plus the three a round of four may write past the last.
  std::size_t room = index_size_ + blocks * 64 + 4;
  if (views_.size() < room) {
    views_.resize(room, index_size_);
    plain_.resize(room, index_size_);
    kinds_.resize(room, index_size_);
  }
  if (masks_.size() < blocks * kMasksPerBlock) masks_.resize(kScanBlocks * kMasksPerBlock);
  // With ',' and '"' the special bytes are exactly the separators and quotes (the portable kernel
  // computes the mask anyway; it is the same).
  const bool derived = dialect_.delimiter == ',' && dialect_.quote == '"' && simd_ != SimdLevel::kPortable;
  mask_kernel(simd_, derived)(buf_.data() + scan_pos_, blocks, {dialect_.quote, dialect_.delimiter}, masks_.data());

  // Locals, not members: stores through the uint8_t arrays may alias anything.
  std::string_view* views = views_.data() + index_size_;
  std::uint8_t* plain = plain_.data() + index_size_;
  std::uint8_t* kinds = kinds_.data() + index_size_;
  std::string_view* const views_begin = views;
  const char* const base = buf_.data();
  ScanCarry c = carry_;
  const std::uint64_t* m = masks_.data();
  std::size_t pos = scan_pos_;
  for (std::size_t b = 0; b < blocks; ++b, m += kMasksPerBlock, pos += 64) {
    if (index_block(m, derived, pos, base, c, views, plain, kinds)) {
      scan_stopped_ = true;
      break;
    }
  }
  carry_ = c;
  scan_pos_ = pos;
  index_size_ += static_cast<std::size_t>(views - views_begin);
  return true;
}

// Turns the indexed fields of the next record into `record`; false (and nothing taken) when its
// end is not indexed yet.
bool CsvReader::take_indexed(CsvRecord& record) {
  const std::uint8_t* const kinds = kinds_.data();
  std::size_t last = index_pos_;
  unsigned seen = 0;
  for (; last < index_size_; ++last) {
    seen |= kinds[last];
    if (kinds[last] & kFieldBreak) break;
  }
  if (last == index_size_) return false;
  const char* const base = buf_.data();
  const std::string_view final_field = views_[last];
  // The text of a quoted field stops at its closing quote, that of any other at the terminator.
  std::size_t end_of_record = static_cast<std::size_t>(final_field.data() + final_field.size() - base);
  if (base[end_of_record] != '\n' && base[end_of_record] != '\r') ++end_of_record;
  std::size_t after = end_of_record + 1;
  std::size_t skip = 0;
  if (base[end_of_record] == '\r') {
    if (after == end_) return false;  // a CRLF cut by the buffer end: the reference parser waits
    if (base[after] == '\n') {
      if (last + 1 == index_size_) return false;  // its LF is not indexed yet
      ++after;
      skip = 1;  // the LF ends an empty field of its own
    }
  }
  record.fields.assign(views_.data() + index_pos_, views_.data() + last + 1);
  record.plain.assign(plain_.data() + index_pos_, plain_.data() + last + 1);
  record.unterminated = record.has_nul = false;
  if (seen & kFieldUnescape) {
    const char quote = dialect_.quote;
    scratch_.clear();
    // Unescaped fields are never longer than the raw text, so views into scratch_ stay valid.
    scratch_.reserve(end_ - begin_ + 1);
    for (std::size_t f = 0; f < record.fields.size(); ++f) {
      if (!(kinds[index_pos_ + f] & kFieldUnescape)) continue;
      std::string_view raw = record.fields[f];
      std::size_t off = scratch_.size();
      const char* close = raw.data() + raw.size();
      for (const char* p = raw.data(); p < close;) {
        const char* q = static_cast<const char*>(std::memchr(p, quote, static_cast<std::size_t>(close - p)));
        if (!q) {
          scratch_.append(p, close);
          break;
        }
        scratch_.append(p, q + 1);
        p = q + 2;
      }
      record.fields[f] = {scratch_.data() + off, scratch_.size() - off};
    }
  }
  index_pos_ = last + 1 + skip;
  next_ = index_start_ = after;
  finish_record(record, end_of_record);
  return true;
}

bool CsvReader::next(CsvRecord& record) {
  if (!next_record(record)) return false;
  if (strict_ && (record.has_nul || record.unterminated)) reject_bad_record(record);
  return true;
}

void CsvReader::reject_bad_record(const CsvRecord& record) {
  const std::uint64_t line = record_line();
  if (record.has_nul)
    throw InputError(name(), line, "the row contains a NUL byte.",
                     "canonical CSV is UTF-8 text; if this is a survey export (UTF-16 without a byte order "
                     "mark?), run it through luister-import first");
  throw InputError(name(), line,
                   fmt::format("unterminated quoted field: a quote opened on line {} is never closed.", line),
                   "close the quote (a quote inside a quoted field is written twice), or run the export through "
                   "luister-import first, which reports such rows");
}

bool CsvReader::next_record(CsvRecord& record) {
  begin_ = next_;
  for (;;) {
    if (scan_ == CsvScan::kBlock && block_usable_) {
      if (index_start_ != begin_) restart_index();
      do {
        if (take_indexed(record)) return true;
      } while (index_more());
    }
    // The reference parser takes what the block scan cannot vouch for: a record that runs into the
    // last partial block, or one with a quote out of place. It alone decides when to read more, so
    // the buffer and the record size limit behave the same whichever scan is chosen.
    if (parse(record, eof_) == Parse::kComplete) return true;
    if (eof_) return false;  // at end of input, parse() only asks for more when nothing is left
    if (!refill() && oversized_) {
      // A record beyond the size limit is reported like an unterminated quote, then skipped over.
      oversized_ = false;
      record.fields.clear();
      record.plain.clear();
      record.blank = record.has_nul = false;
      record.unterminated = true;
      record_end_ = end_;
      next_ = end_;
      return true;
    }
  }
}

std::uint64_t CsvReader::record_line() { return line_at(begin_); }
std::uint64_t CsvReader::record_end_line() { return line_at(record_end_); }

void CsvReader::resync_after_first_line() {
  const char* base = buf_.data();
  std::size_t i = begin_;
  while (i < end_ && base[i] != '\n' && base[i] != '\r') ++i;
  if (i < end_) i += (base[i] == '\r' && i + 1 < end_ && base[i + 1] == '\n') ? 2 : 1;
  next_ = i;
}

bool needs_quotes(std::string_view value, char delimiter) {
  const char* p = value.data();
  const char* end = p + value.size();
  if (value.size() < 16) {
    // Short fields (ids, dates, grades) are the most common: a plain loop beats vector setup.
    for (; p < end; ++p) {
      char c = *p;
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
    }
    return false;
  }
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(delimiter);
  const __m128i q = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, q)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
    if (_mm_movemask_epi8(hit)) return true;
    p += 16;
  }
  if (p < end) {
    // The last bytes again as one full (overlapping) block.
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, q)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
    return _mm_movemask_epi8(hit) != 0;
  }
  return false;
#else
  for (; p < end; ++p)
    if (*p == delimiter || *p == '"' || *p == '\n' || *p == '\r') return true;
  return false;
#endif
}

void append_csv_field(std::string& out, std::string_view value, char delimiter) {
  if (!needs_quotes(value, delimiter)) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

char* detail::write_quoted_csv_field(char* out, std::string_view value) {
  *out++ = '"';
  const char* p = value.data();
  const char* end = p + value.size();
  while (const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)))) {
    std::memcpy(out, p, static_cast<std::size_t>(q + 1 - p));
    out += q + 1 - p;
    *out++ = '"';
    p = q + 1;
  }
  std::memcpy(out, p, static_cast<std::size_t>(end - p));
  out += end - p;
  *out++ = '"';
  return out;
}

void CsvWriter::field(std::string_view value) {
  if (!first_) out_.put(delimiter_);
  first_ = false;
  if (!needs_quotes(value, delimiter_)) {
    out_.write(value);
    return;
  }
  out_.put('"');
  const char* p = value.data();
  const char* end = p + value.size();
  while (const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)))) {
    out_.write({p, static_cast<std::size_t>(q + 1 - p)});
    out_.put('"');
    p = q + 1;
  }
  out_.write({p, static_cast<std::size_t>(end - p)});
  out_.put('"');
}

}  // namespace luister
