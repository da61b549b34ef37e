#include "luister/text/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include "luister/base/utf8.hpp"
#include "luister/base/error.hpp"
#include "luister/base/byte_scan.hpp"

namespace luister {
namespace {

// One stage's output: text plus, per byte, the offset in that stage's input.
struct Stage {
  std::string text;
  std::vector<std::uint32_t> from;
  void put(char c, std::uint32_t src) {
    text += c;
    from.push_back(src);
  }
  void put(std::string_view s, std::uint32_t src) {
    text += s;
    from.insert(from.end(), s.size(), src);
  }
  void clear() {
    text.clear();
    from.clear();
  }
};

struct Icu {
  const icu::Normalizer2* nfkc_cf;
  const icu::Normalizer2* nfkc;
  const icu::Normalizer2* nfd;
  Icu() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    nfkc = icu::Normalizer2::getNFKCInstance(status);
    nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) throw Error(fmt::format("ICU normalizer data unavailable: {}", u_errorName(status)));
  }
};

const Icu& icu_instances() {
  static const Icu icu;
  return icu;
}

// Reverse of Windows-1252 for the bytes 0x80..0xFF: code point → byte.
const std::unordered_map<char32_t, unsigned char>& cp1252_reverse() {
  static const auto table = [] {
    std::unordered_map<char32_t, unsigned char> t;
    for (int b = 0x80; b < 0x100; ++b) t[windows1252_code_point(static_cast<unsigned char>(b))] = static_cast<unsigned char>(b);
    return t;
  }();
  return table;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether squeezing may shorten `s`: three equal ASCII letters (either case) in a row somewhere.
bool squeezable(std::string_view s, bool squeeze) { return squeeze && bytes::has_letter_triple(s); }

// Whether collapsing white space would change nothing: no space or line break at either end, and
// never two in a row.
bool whitespace_is_canonical(std::string_view s) {
  if (s.empty()) return true;
  return !bytes::space_or_newline(s.front()) && !bytes::space_or_newline(s.back()) && !bytes::has_double_space(s);
}
bool is_vowel(char c) {
  c = bytes::lower_ascii(c);
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Maps one code point of NFKC output to what luister matches on; appends to `out`.
void map_code_point(char32_t c, const NormalizeOptions& options, std::string& out) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x0060: case 0x02BC:
      out += '\'';
      return;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      out += '"';
      return;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      out += '-';
      return;
    case 0x2028: case 0x2029: case 0x0085:
      out += '\n';
      return;
    default: break;
  }
  int8_t type = u_charType(static_cast<UChar32>(c));
  if (type == U_SPACE_SEPARATOR) {
    out += ' ';
    return;
  }
  if (type == U_CONTROL_CHAR) return;
  if (type == U_FORMAT_CHAR && c != 0x200D) return;  // zero-width characters, but keep emoji joiners
  if (options.fold_accents && c >= 0x80 && (u_isalpha(static_cast<UChar32>(c)))) {
    icu::UnicodeString decomposed;
    if (icu_instances().nfd->getDecomposition(static_cast<UChar32>(c), decomposed)) {
      std::string kept;
      for (int32_t i = 0; i < decomposed.length();) {
        UChar32 d = decomposed.char32At(i);
        i += U16_LENGTH(d);
        if (u_charType(d) == U_NON_SPACING_MARK) continue;
        char buf[4];
        kept.append(buf, static_cast<std::size_t>(encode_utf8(static_cast<char32_t>(d), buf)));
      }
      out += kept;
      return;
    }
  }
  char buf[4];
  out.append(buf, static_cast<std::size_t>(encode_utf8(c, buf)));
}


// Stage 2 for one ASCII byte that is not printable (or a backquote): line breaks become '\n'
// ("\r\n" one of them), tabs and form feeds a space, other control characters nothing.
// Returns the position after what it read.
[[gnu::always_inline]] inline std::size_t map_ascii_byte(std::string_view text, std::size_t i, bool fold_case, Stage& stage) {
  const auto u = static_cast<unsigned char>(text[i]);
  const char c = static_cast<char>(u);
  if (c == '\r') {
    stage.put('\n', static_cast<std::uint32_t>(i));
    if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
  } else if (c == '\n') {
    stage.put('\n', static_cast<std::uint32_t>(i));
  } else if (c == '\t' || c == '\v' || c == '\f') {
    stage.put(' ', static_cast<std::uint32_t>(i));
  } else if (u < 0x20 || u == 0x7F) {
    // control character: dropped
  } else if (c == '`') {
    stage.put('\'', static_cast<std::uint32_t>(i));
  } else {
    stage.put(fold_case ? bytes::lower_ascii(c) : c, static_cast<std::uint32_t>(i));
  }
  return i + 1;
}

// Stage 2 for a run of non-ASCII bytes from `i`: NFKC (with case folding if asked) through ICU,
// then each code point mapped by map_code_point(), every output byte pointing at the start of
// the source span it came from. Returns the end of the run.
std::size_t normalize_run(std::string_view text, std::size_t i, const icu::Normalizer2& nfkc,
                          const NormalizeOptions& options, Stage& stage) {
  thread_local std::string normalized, mapped;
  std::size_t run_start = i, run_end = i;
  while (run_end < text.size() && static_cast<unsigned char>(text[run_end]) >= 0x80) ++run_end;
  // A combining mark composes with the ASCII letter before it: take that letter back into the run.
  {
    const char* p = text.data() + run_start;
    char32_t first = next_code_point(p, text.data() + run_end);
    if (run_start > 0 && u_getCombiningClass(static_cast<UChar32>(first)) > 0 &&
        is_ascii_letter(text[run_start - 1]) && !stage.text.empty()) {
      stage.text.pop_back();
      stage.from.pop_back();
      --run_start;
    }
  }
  std::string_view run = text.substr(run_start, run_end - run_start);
  normalized.clear();
  icu::StringByteSink<std::string> sink(&normalized);
  icu::Edits edits;
  UErrorCode status = U_ZERO_ERROR;
  nfkc.normalizeUTF8(0, icu::StringPiece(run.data(), static_cast<int32_t>(run.size())), sink, &edits, status);
  if (U_FAILURE(status)) throw Error(fmt::format("ICU normalisation failed: {}", u_errorName(status)));
  // Map every normalised code point back to the start of the source span it came from.
  std::vector<std::uint32_t> src_of(normalized.size() + 1, 0);
  auto it = edits.getFineIterator();
  while (it.next(status)) {
    for (int32_t k = 0; k < it.newLength(); ++k) {
      int32_t src = it.hasChange() ? it.sourceIndex() : it.sourceIndex() + k;
      src_of[static_cast<std::size_t>(it.destinationIndex() + k)] = static_cast<std::uint32_t>(run_start + static_cast<std::size_t>(src));
    }
  }
  const char* p = normalized.data();
  const char* end = p + normalized.size();
  while (p < end) {
    std::uint32_t src = src_of[static_cast<std::size_t>(p - normalized.data())];
    char32_t c = next_code_point(p, end);
    mapped.clear();
    map_code_point(c, options, mapped);
    stage.put(mapped, src);
  }
  return run_end;
}

// Stage 2, Unicode: ASCII is mapped byte by byte; runs of other characters go through ICU.
// Returns whether every byte stayed in place (plain printable ASCII): then `stage.from` is not
// filled, each byte coming from its own offset.
bool unicode_stage(std::string_view text, const NormalizeOptions& options, Stage& stage) {
  stage.clear();
  stage.text.reserve(text.size() + 8);
  stage.from.reserve(text.size() + 8);
  const auto& icu = icu_instances();
  const icu::Normalizer2* nfkc = options.fold_case ? icu.nfkc_cf : icu.nfkc;
  // Most answers are plain printable ASCII throughout: then stage 2 only lower-cases, and each
  // byte comes from the same offset (no offset table to build and read back).
  if (bytes::all_printable_ascii(text)) {
    stage.text.assign(text);
    if (options.fold_case) bytes::lower_ascii_in_place(stage.text.data(), stage.text.size());
    return true;
  }
  std::size_t i = 0;
  while (i < text.size()) {
    // Plain printable ASCII (nearly all of Dutch text) is copied in bulk.
    const std::size_t plain = i + bytes::printable_ascii_prefix(text.substr(i));
    if (plain > i) {
      std::size_t at = stage.text.size();
      stage.text.append(text.data() + i, plain - i);
      if (options.fold_case) bytes::lower_ascii_in_place(stage.text.data() + at, plain - i);
      std::size_t from_at = stage.from.size();
      stage.from.resize(from_at + (plain - i));
      bytes::fill_counting(stage.from.data() + from_at, plain - i, static_cast<std::uint32_t>(i));
      i = plain;
      continue;
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) i = map_ascii_byte(text, i, options.fold_case, stage);
    else i = normalize_run(text, i, *nfkc, options, stage);
  }
  return false;
}

// Where a byte of stage 3's input came from in the original text: through stage 2's offsets (none
// when stage 2 kept every byte in place), then the mojibake repair's (none when nothing was repaired).
struct SourceMap {
  const std::uint32_t* stage_from;
  const std::uint32_t* repair;
  std::uint32_t repair_size;
  std::uint32_t original_size;

  [[gnu::always_inline]] std::uint32_t operator()(std::size_t k) const {
    std::uint32_t from = stage_from ? stage_from[k] : static_cast<std::uint32_t>(k);
    return repair ? (from < repair_size ? repair[from] : original_size) : from;
  }
  // Fills `to[0, len)` with the sources of stage bytes [k, k + len): a count when nothing moved.
  [[gnu::always_inline]] void copy(std::uint32_t* to, std::size_t len, std::size_t k) const {
    if (!stage_from && !repair) {
      bytes::fill_counting(to, len, static_cast<std::uint32_t>(k));
    } else {
      for (std::size_t r = 0; r < len; ++r) to[r] = (*this)(k + r);
    }
  }
};

// A space-free chunk of stage 3's input: where it ends, whether it is an address ('@', '/' as in
// "://", or "www.": not words, so "www" is no elongation), and whether it holds three equal letters.
struct ChunkScan {
  std::size_t end;
  bool address;
  bool triple;
};
[[gnu::always_inline]] inline ChunkScan scan_chunk(std::string_view s, std::size_t k) {
  ChunkScan chunk{k, false, false};
  std::size_t& chunk_end = chunk.end;
  while (chunk_end < s.size() && s[chunk_end] != ' ' && s[chunk_end] != '\n') {
    const char d = s[chunk_end];
    if (d == '@' || d == '/') chunk.address = true;
    if (d == 'w' && s.compare(chunk_end, 4, "www.") == 0) chunk.address = true;
    if (chunk_end >= k + 2 && is_ascii_letter(d) && bytes::lower_ascii(d) == bytes::lower_ascii(s[chunk_end - 1]) &&
        bytes::lower_ascii(d) == bytes::lower_ascii(s[chunk_end - 2]))
      chunk.triple = true;
    ++chunk_end;
  }
  return chunk;
}

// How many letters of an elongation (three or more of `c`) to keep: at a word's end a vowel keeps
// one ("jaaa" -> "ja"; 'e' two, "zeee" -> "zee"), inside a word two ("laaang" -> "laang"; 'i' one);
// a consonant keeps one at the end, two inside.
inline std::size_t elongation_keep(char c, bool word_end) {
  return is_vowel(c) ? (word_end ? (bytes::lower_ascii(c) == 'e' ? 2 : 1) : (bytes::lower_ascii(c) == 'i' ? 1 : 2))
                     : (word_end ? 1 : 2);
}

// Whether the word list prefers one letter `c` to two where the elongation was: the word around
// it is `prefix` (already written) + the letters + `suffix`; true when only the single form is known.
bool word_list_prefers_one(std::string_view prefix, char c, std::string_view suffix,
                           const std::function<bool(std::string_view)>& known_word) {
  auto lower = [](std::string w) {
    for (char& ch : w) ch = bytes::lower_ascii(ch);
    return w;
  };
  std::string pre(prefix), suf(suffix);
  std::string two = lower(pre + std::string(2, c) + suf), one = lower(pre + std::string(1, c) + suf);
  return !known_word(two) && known_word(one);
}

// Stage 3: white space collapsed and trimmed, elongations squeezed, into `out` with each byte's
// offset in the original text. Written by index into buffers sized up front (the output is never
// longer), then trimmed.
void collapse_stage(std::string_view s, const SourceMap& source, const NormalizeOptions& options,
                    const std::function<bool(std::string_view)>& known_word, NormalizedText& out) {
  out.text.resize(s.size());
  out.offsets.resize(s.size() + 1);
  // Raw pointers: the compiler cannot keep std::string members in registers across the stores of
  // this per-byte loop.
  char* const out_text = out.text.data();
  std::uint32_t* const out_offsets = out.offsets.data();
  // Most answers need neither squeezing nor white space collapsed: then stage 3 copies.
  if (!squeezable(s, options.squeeze) && whitespace_is_canonical(s)) {
    std::memcpy(out_text, s.data(), s.size());
    source.copy(out_offsets, s.size(), 0);
    out.offsets[s.size()] = source.original_size;
    return;
  }
  std::size_t written = 0;
  auto emit = [&](char c, std::size_t k) {
    out_text[written] = c;
    out_offsets[written] = source(k);
    ++written;
  };
  std::size_t k = 0;
  // Web and e-mail addresses are not words: "www" is no elongation. Decided per space-free chunk.
  std::size_t chunk_end = 0;
  bool chunk_is_address = false;
  bool pending_space = false, pending_newline = false;
  std::size_t space_at = 0;
  while (k < s.size()) {
    char c = s[k];
    if (c == ' ' || c == '\n') {
      if (!pending_space && !pending_newline) space_at = k;
      if (c == '\n') pending_newline = true;
      else pending_space = true;
      ++k;
      continue;
    }
    if (written > 0 && (pending_space || pending_newline)) emit(pending_newline ? '\n' : ' ', space_at);
    pending_space = pending_newline = false;
    if (k >= chunk_end) {
      const ChunkScan chunk = scan_chunk(s, k);
      chunk_end = chunk.end;
      chunk_is_address = chunk.address;
      if (!options.squeeze || chunk.address || !chunk.triple) {
        // Nothing to squeeze: the chunk is copied as it is.
        const std::size_t len = chunk_end - k;
        std::memcpy(out_text + written, s.data() + k, len);
        source.copy(out_offsets + written, len, k);
        written += len;
        k = chunk_end;
        continue;
      }
    }
    if (options.squeeze && !chunk_is_address && is_ascii_letter(c)) {
      std::size_t run = k;
      while (run < s.size() && bytes::lower_ascii(s[run]) == bytes::lower_ascii(c)) ++run;
      if (run - k >= 3) {
        bool word_end = run == s.size() || !(is_ascii_letter(s[run]) || static_cast<unsigned char>(s[run]) >= 0x80);
        std::size_t keep = elongation_keep(c, word_end);
        if (known_word && keep == 2) {
          // Let the word list choose between "laang" and "lang".
          std::size_t ws = written;
          while (ws > 0 && is_ascii_letter(out_text[ws - 1])) --ws;
          std::size_t we = run;
          while (we < s.size() && is_ascii_letter(s[we])) ++we;
          if (word_list_prefers_one(std::string_view(out_text + ws, written - ws), c, s.substr(run, we - run), known_word))
            keep = 1;
        }
        for (std::size_t r = 0; r < keep; ++r) emit(s[k + r], k + r);
        k = run;
        continue;
      }
    }
    emit(c, k);
    ++k;
  }
  out.text.resize(written);
  out.offsets.resize(written + 1);
  out.offsets[written] = source.original_size;
}
}  // namespace

char32_t next_code_point(const char*& p, const char* end) {
  auto u = static_cast<unsigned char>(*p++);
  if (u < 0x80) return u;
  int extra = u >= 0xF0 ? 3 : u >= 0xE0 ? 2 : 1;
  char32_t c = u & (0x3F >> extra);
  for (int i = 0; i < extra && p < end; ++i) c = (c << 6) | (static_cast<unsigned char>(*p++) & 0x3F);
  return c;
}

std::pair<std::size_t, std::size_t> NormalizedText::original_range(std::size_t begin, std::size_t end) const {
  return {offsets[begin], offsets[end]};
}

bool repair_mojibake(std::string_view text, std::string& out, std::vector<std::uint32_t>* offsets) {
  out.clear();
  if (offsets) offsets->clear();
  // Quick reject: mojibake of Latin text starts with Â, Ã, Å or â (U+00C2..U+00C5, U+00E2), which are
  // C3 82..C3 85 and C3 A2 in UTF-8.
  bool candidate = false;
  const char* const text_end = text.data() + text.size();
  for (const char* q = text.data(); !candidate && q < text_end; ++q) {
    q = static_cast<const char*>(std::memchr(q, '\xC3', static_cast<std::size_t>(text_end - q)));
    if (!q) break;
    candidate = q + 1 < text_end && ((q[1] >= '\x82' && q[1] <= '\x85') || q[1] == '\xA2');
  }
  if (!candidate) return false;
  const auto& reverse = cp1252_reverse();
  const char* p = text.data();
  const char* end = p + text.size();
  bool changed = false;
  auto keep = [&](const char* from, const char* to) {
    for (const char* q = from; q < to; ++q) {
      out += *q;
      if (offsets) offsets->push_back(static_cast<std::uint32_t>(q - text.data()));
    }
  };
  while (p < end) {
    const char* start = p;
    char32_t c = next_code_point(p, end);
    auto lead = reverse.find(c);
    if (c < 0x80 || lead == reverse.end() || lead->second < 0xC2 || lead->second > 0xF4) {
      keep(start, p);
      continue;
    }
    // A lead byte seen as a character: gather the continuation bytes it should have.
    unsigned char bytes[4] = {lead->second, 0, 0, 0};
    int need = lead->second >= 0xF0 ? 3 : lead->second >= 0xE0 ? 2 : 1;
    const char* q = p;
    int got = 0;
    while (got < need && q < end) {
      const char* before = q;
      char32_t cc = next_code_point(q, end);
      auto cont = reverse.find(cc);
      if (cc < 0x80 || cont == reverse.end() || cont->second < 0x80 || cont->second > 0xBF) {
        q = before;
        break;
      }
      bytes[++got] = cont->second;
    }
    std::size_t len = static_cast<std::size_t>(need + 1);
    if (got == need && valid_utf8_prefix(reinterpret_cast<const char*>(bytes), len) == len) {
      out.append(reinterpret_cast<const char*>(bytes), len);
      if (offsets) offsets->insert(offsets->end(), len, static_cast<std::uint32_t>(start - text.data()));
      p = q;
      changed = true;
    } else {
      keep(start, p);
    }
  }
  if (!changed) {
    out.clear();
    if (offsets) offsets->clear();
  }
  return changed;
}

Normalizer::Normalizer(NormalizeOptions options, std::function<bool(std::string_view)> known_word)
    : options_(options), known_word_(std::move(known_word)) {
  icu_instances();
}

NormalizedText Normalizer::normalize(std::string_view text) const {
  NormalizedText out;
  normalize(text, out);
  return out;
}

void Normalizer::normalize(std::string_view original, NormalizedText& out) const {
  // Stage 1: mojibake repair (rare; identity otherwise).
  std::string repaired;
  std::vector<std::uint32_t> repair_from;
  std::string_view text = original;
  bool did_repair = options_.repair_mojibake && repair_mojibake(original, repaired, &repair_from);
  if (did_repair) text = repaired;
  // Stage 2: Unicode normalisation, case folding and character mapping.
  thread_local Stage stage;
  const bool identity = unicode_stage(text, options_, stage);
  // Stage 3: white space and elongations, each byte's offset traced back to the original.
  const SourceMap source{identity ? nullptr : stage.from.data(), did_repair ? repair_from.data() : nullptr,
                         static_cast<std::uint32_t>(repair_from.size()), static_cast<std::uint32_t>(original.size())};
  collapse_stage(stage.text, source, options_, known_word_, out);
}

}  // namespace luister
