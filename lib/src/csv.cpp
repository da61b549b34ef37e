#include "luister/csv.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <fmt/format.h>

#include "luister/error.hpp"

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

}  // namespace

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
    : source_(source), dialect_(dialect), chunk_(std::max<std::size_t>(chunk, 16)), max_record_(max_record) {
  buf_.resize(chunk_ * 2 + 16);
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
  if (buf_.size() - end_ < chunk_ + 16) buf_.resize(std::max(buf_.size() * 2, end_ + chunk_ + 16));
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
      const char* q = p + 1;
      bool unescape = false;
      const char* close = nullptr;
      for (;;) {
        const char* hit = find_quote(q, end, quote);
        if (hit == end) break;
        if (hit + 1 == end && !at_eof) break;  // cannot tell a doubled quote yet
        if (hit + 1 < end && hit[1] == quote) {
          unescape = true;
          q = hit + 2;
          continue;
        }
        close = hit;
        break;
      }
      if (!close) {
        if (!at_eof) return Parse::kNeedMore;
        // End of input inside quotes: keep what there is and flag it.
        record.unterminated = true;
        std::size_t off = scratch_.size();
        for (const char* s = p + 1; s < end; ++s) {
          scratch_ += *s;
          if (*s == quote && s + 1 < end && s[1] == quote) ++s;
        }
        record.fields.emplace_back(scratch_.data() + off, scratch_.size() - off);
        record_end = end;
        p = end;
        break;
      }
      const char* after = close + 1;
      const char* stop = after;
      if (stop < end && *stop != delim && *stop != '\n' && *stop != '\r') {
        // Text after the closing quote ("abc"def): keep it, as Excel does.
        stop = find_field_end(stop, end, delim);
        if (stop == end && !at_eof) return Parse::kNeedMore;
        unescape = true;
      }
      if (unescape) {
        std::size_t off = scratch_.size();
        // Copy the runs between doubled quotes, keeping one quote of each pair.
        for (const char* s = p + 1; s < close;) {
          const char* q2 = static_cast<const char*>(std::memchr(s, quote, static_cast<std::size_t>(close - s)));
          if (!q2) {
            scratch_.append(s, close);
            break;
          }
          scratch_.append(s, q2 + 1);
          s = q2 + 2;
        }
        scratch_.append(after, stop);
        record.fields.emplace_back(scratch_.data() + off, scratch_.size() - off);
      } else {
        record.fields.emplace_back(p + 1, static_cast<std::size_t>(close - p - 1));
      }
      p = stop;
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
  record_end_ = static_cast<std::size_t>(record_end - base);
  record.blank = record.fields.size() == 1 && record_end_ == begin_;
  if (saw_nul_ && record_end_ > nul_checked_) {
    std::size_t from = std::max(begin_, nul_checked_);
    record.has_nul = std::memchr(base + from, '\0', record_end_ - from) != nullptr;
    if (!record.has_nul) nul_checked_ = record_end_;
  }
  return Parse::kComplete;
}

bool CsvReader::next(CsvRecord& record) {
  begin_ = next_;
  for (;;) {
    if (parse(record, eof_) == Parse::kComplete) return true;
    if (eof_) return false;  // at end of input, parse() only asks for more when nothing is left
    if (!refill() && oversized_) {
      // A record beyond the size limit is reported like an unterminated quote, then skipped over.
      oversized_ = false;
      record.fields.clear();
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
