#include "luister/csv/encoding.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "luister/base/error.hpp"

namespace luister {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
// The hint for canonical CSV (EncodingSpec::canonical) that is not UTF-8.
constexpr const char* kCanonicalHint =
    "canonical CSV is UTF-8; run the file through luister-import first, which converts other encodings "
    "(Windows-1252, UTF-16, ...)";

const char* icu_name(Encoding e) {
  switch (e) {
    case Encoding::kWindows1252: return "windows-1252";
    case Encoding::kIso8859_15: return "ISO-8859-15";
    case Encoding::kUtf16Le: return "UTF-16LE";
    case Encoding::kUtf16Be: return "UTF-16BE";
    default: return "UTF-8";
  }
}

// Builds, once and with ICU, the UTF-8 form of every byte of a single-byte encoding. An entry is 4
// bytes: length, then up to 3 bytes; length 0 marks a byte the encoding leaves undefined.
std::string build_table(Encoding e) {
  std::string table(256 * 4, '\0');
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(icu_name(e), &status);
  if (U_FAILURE(status)) throw Error(fmt::format("ICU cannot open the {} converter: {}", icu_name(e), u_errorName(status)));
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  for (int b = 0; b < 256; ++b) {
    char in = static_cast<char>(b);
    UChar out[4];
    status = U_ZERO_ERROR;
    ucnv_reset(conv);
    int32_t n = ucnv_toUChars(conv, out, 4, &in, 1, &status);
    // ICU maps some "undefined" bytes to C1 controls; a survey export never contains those.
    if (U_FAILURE(status) || n != 1 || (b >= 0x80 && out[0] >= 0x80 && out[0] < 0xA0)) continue;
    char utf8[4];
    int len = encode_utf8(out[0], utf8);
    table[b * 4] = static_cast<char>(len);
    std::memcpy(&table[b * 4 + 1], utf8, static_cast<std::size_t>(len));
  }
  ucnv_close(conv);
  return table;
}

const std::string& table_for(Encoding e) {
  static const std::string cp1252 = build_table(Encoding::kWindows1252);
  static const std::string latin9 = build_table(Encoding::kIso8859_15);
  return e == Encoding::kIso8859_15 ? latin9 : cp1252;
}

}  // namespace

EncodingSpec parse_encoding_spec(std::string_view text) {
  EncodingSpec spec;
  std::string_view name = text, policy;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    name = text.substr(0, colon);
    policy = text.substr(colon + 1);
  }
  std::string n;
  for (char c : name) {
    if (c != '-' && c != '_' && c != ' ') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (n == "auto" || n.empty()) spec.encoding = Encoding::kAuto;
  else if (n == "utf8" || n == "utf8bom") spec.encoding = Encoding::kUtf8;
  else if (n == "utf16le" || n == "utf16") spec.encoding = Encoding::kUtf16Le;
  else if (n == "utf16be") spec.encoding = Encoding::kUtf16Be;
  else if (n == "windows1252" || n == "cp1252" || n == "ansi" || n == "latin1" || n == "iso88591")
    spec.encoding = Encoding::kWindows1252;
  else if (n == "iso885915" || n == "latin9") spec.encoding = Encoding::kIso8859_15;
  else
    throw UsageError(fmt::format("unknown encoding '{}'", name),
                     "use auto, utf-8, utf-16le, utf-16be, windows-1252 or iso-8859-15, optionally "
                     "followed by :error, :replace or :skip (e.g. --encoding utf-8:replace)");
  if (policy.empty() || policy == "error") spec.invalid = InvalidBytes::kError;
  else if (policy == "replace") spec.invalid = InvalidBytes::kReplace;
  else if (policy == "skip") spec.invalid = InvalidBytes::kSkip;
  else
    throw UsageError(fmt::format("unknown invalid-byte policy '{}' in --encoding", policy),
                     "use :error, :replace (U+FFFD) or :skip");
  return spec;
}

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::kAuto: return "auto";
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kUtf16Le: return "utf-16le";
    case Encoding::kUtf16Be: return "utf-16be";
    case Encoding::kWindows1252: return "windows-1252";
    case Encoding::kIso8859_15: return "iso-8859-15";
  }
  return "?";
}

struct Utf8Source::Icu {
  UConverter* conv = nullptr;
  std::vector<UChar> uchars;
  ~Icu() {
    if (conv) ucnv_close(conv);
  }
};

Utf8Source::Utf8Source(InputFile& input, EncodingSpec spec) : input_(input), spec_(spec) {}
Utf8Source::~Utf8Source() = default;

void Utf8Source::set_encoding(Encoding encoding) {
  encoding_ = encoding;
  if (encoding == Encoding::kWindows1252 || encoding == Encoding::kIso8859_15) table_ = &table_for(encoding);
  if (encoding == Encoding::kUtf16Le || encoding == Encoding::kUtf16Be) {
    icu_ = std::make_unique<Icu>();
    UErrorCode status = U_ZERO_ERROR;
    icu_->conv = ucnv_open(icu_name(encoding), &status);
    if (U_FAILURE(status))
      throw Error(fmt::format("ICU cannot open the {} converter: {}", icu_name(encoding), u_errorName(status)));
    if (spec_.invalid == InvalidBytes::kError)
      ucnv_setToUCallBack(icu_->conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    else if (spec_.invalid == InvalidBytes::kSkip)
      ucnv_setToUCallBack(icu_->conv, UCNV_TO_U_CALLBACK_SKIP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) throw Error(fmt::format("ICU cannot configure {}: {}", icu_name(encoding), u_errorName(status)));
  }
}

// Reads the first bytes to recognise what the input is: BOM, UTF-16, or a file that is not text.
void Utf8Source::start() {
  started_ = true;
  pending_.resize(4096);
  std::size_t n = input_.read(pending_.data(), pending_.size());
  pending_.resize(n);
  if (n < 4096) eof_ = true;
  const auto* u = reinterpret_cast<const unsigned char*>(pending_.data());
  auto starts = [&](std::string_view magic) { return pending_.compare(0, magic.size(), magic) == 0; };
  if (n >= 2 && u[0] == 0x1F && u[1] == 0x8B)
    throw InputError(name(), 0, "this is a gzip-compressed file, not CSV.",
                     fmt::format("decompress it first: zcat {} | luister-import", name()));
  if (starts("PK\x03\x04"))
    throw InputError(name(), 0, "this is a ZIP archive (an Excel .xlsx workbook?), not CSV.",
                     "in Excel choose 'Opslaan als' > 'CSV UTF-8 (door komma's gescheiden)', then import that file");
  if (starts("\xD0\xCF\x11\xE0"))
    throw InputError(name(), 0, "this is an old Excel .xls workbook, not CSV.",
                     "in Excel choose 'Opslaan als' > 'CSV UTF-8 (door komma's gescheiden)'");

  Encoding bom_encoding = Encoding::kAuto;
  std::size_t bom_len = 0;
  if (starts("\xEF\xBB\xBF")) bom_encoding = Encoding::kUtf8, bom_len = 3;
  else if (starts("\xFF\xFE")) bom_encoding = Encoding::kUtf16Le, bom_len = 2;
  else if (starts("\xFE\xFF")) bom_encoding = Encoding::kUtf16Be, bom_len = 2;

  Encoding chosen = spec_.encoding;
  if (bom_encoding != Encoding::kAuto) {
    if (chosen != Encoding::kAuto && chosen != bom_encoding && spec_.canonical)
      throw InputError(name(), 1,
                       fmt::format("the file starts with a {} byte order mark: it is not UTF-8.",
                                   encoding_name(bom_encoding)),
                       kCanonicalHint);
    if (chosen != Encoding::kAuto && chosen != bom_encoding)
      throw InputError(name(), 1,
                       fmt::format("the file starts with a {} byte order mark, but --encoding says {}.",
                                   encoding_name(bom_encoding), encoding_name(chosen)),
                       "drop --encoding, or pass the encoding the BOM names");
    bom_ = true;
    pending_.erase(0, bom_len);
    raw_offset_ = bom_len;
    chosen = bom_encoding;
    detected_ = spec_.encoding == Encoding::kAuto;
  } else if (chosen == Encoding::kAuto) {
    detected_ = true;
    // UTF-16 without a BOM: most code units of Dutch text have a zero high byte.
    std::size_t pairs = n / 2, zero_odd = 0, zero_even = 0;
    for (std::size_t i = 0; i + 1 < n; i += 2) {
      zero_even += u[i] == 0;
      zero_odd += u[i + 1] == 0;
    }
    if (pairs >= 2 && zero_odd * 10 >= pairs * 4 && zero_even * 10 < pairs) chosen = Encoding::kUtf16Le;
    else if (pairs >= 2 && zero_even * 10 >= pairs * 4 && zero_odd * 10 < pairs) chosen = Encoding::kUtf16Be;
    else {
      chosen = Encoding::kUtf8;
      undecided_ = true;
    }
  }
  set_encoding(chosen);
}

std::size_t Utf8Source::invalid_at(std::uint64_t offset, std::string message, std::size_t delivered) {
  std::string hint;
  if (spec_.canonical)
    hint = kCanonicalHint;
  else if (encoding_ == Encoding::kUtf8)
    hint = detected_ ? "the file mixes encodings; if it is Windows-1252 pass --encoding windows-1252, or "
                       "--encoding utf-8:replace to replace bad bytes with U+FFFD"
                     : "if the file is Windows-1252 pass --encoding windows-1252, or --encoding utf-8:replace "
                       "to replace bad bytes with U+FFFD";
  else
    hint = fmt::format("pass --encoding {}:replace to replace bad bytes, or the right encoding",
                       encoding_name(encoding_));
  DecodeError error{offset, std::move(message), std::move(hint)};
  if (delivered == 0) throw error;
  // The bytes before the bad one go out first, so the reader can name the line; the next read throws.
  error_ = std::move(error);
  error_pending_ = true;
  return delivered;
}

// Moves up to n raw bytes (pending first, then the file) to dst; returns how many.
std::size_t Utf8Source::take_raw(char* dst, std::size_t n) {
  std::size_t got = std::min(n, pending_.size());
  std::memcpy(dst, pending_.data(), got);
  pending_.erase(0, got);
  if (got < n && !eof_) {
    std::size_t want = n - got;
    std::size_t r = input_.read(dst + got, want);
    if (r < want) eof_ = true;
    got += r;
  }
  return got;
}

std::size_t Utf8Source::read(char* dst, std::size_t capacity) {
  if (!started_) start();
  if (error_pending_) throw error_;
  switch (encoding_) {
    case Encoding::kWindows1252:
    case Encoding::kIso8859_15: return read_single_byte(dst, capacity);
    case Encoding::kUtf16Le:
    case Encoding::kUtf16Be: return read_utf16(dst, capacity);
    default: return spec_.invalid == InvalidBytes::kError || undecided_ ? read_utf8(dst, capacity)
                                                                        : read_utf8_lossy(dst, capacity);
  }
}

std::size_t Utf8Source::read_utf8(char* dst, std::size_t capacity) {
  for (;;) {
    std::size_t n = take_raw(dst, capacity);
    if (n == 0) return 0;
    bool truncated = false;
    std::size_t valid = valid_utf8_prefix(dst, n, &truncated);
    if (valid == n) {
      if (undecided_) {
        // Pure ASCII so far unless a multi-byte sequence passed validation.
        for (std::size_t i = 0; i < n; ++i)
          if (static_cast<unsigned char>(dst[i]) >= 0x80) {
            undecided_ = false;
            break;
          }
      }
      raw_offset_ += n;
      return n;
    }
    // Cut by the read size rather than by the end of input: more raw bytes follow, in the file or
    // still pending from start() (which may have read the whole of a small file).
    bool cut_at_end = truncated && (!eof_ || !pending_.empty()) && n - valid < 4;
    if (undecided_) {
      bool saw_multibyte = false;
      for (std::size_t i = 0; i < valid && !saw_multibyte; ++i) saw_multibyte = static_cast<unsigned char>(dst[i]) >= 0x80;
      if (saw_multibyte) {
        undecided_ = false;
      } else if (!cut_at_end) {
        // The first non-ASCII byte is not UTF-8: this is a legacy single-byte export.
        pending_.insert(0, dst + valid, n - valid);
        raw_offset_ += valid;
        undecided_ = false;
        set_encoding(Encoding::kWindows1252);
        if (valid > 0) return valid;
        return read_single_byte(dst, capacity);
      }
    }
    if (cut_at_end) {
      pending_.insert(0, dst + valid, n - valid);
      raw_offset_ += valid;
      if (valid > 0) return valid;
      continue;  // only a partial sequence so far: read more
    }
    if (spec_.invalid != InvalidBytes::kError) {
      // A lossy policy with an undecided encoding that turned out UTF-8: continue lossily.
      pending_.insert(0, dst + valid, n - valid);
      raw_offset_ += valid;
      if (valid > 0) return valid;
      return read_utf8_lossy(dst, capacity);
    }
    auto bad = static_cast<unsigned char>(dst[valid]);
    std::string message = truncated ? fmt::format("incomplete UTF-8 sequence at end of file (byte 0x{:02X})", bad)
                                    : fmt::format("invalid UTF-8 byte 0x{:02X}", bad);
    std::uint64_t offset = raw_offset_ + valid;
    raw_offset_ += valid;
    return invalid_at(offset, std::move(message), valid);
  }
}

std::size_t Utf8Source::read_utf8_lossy(char* dst, std::size_t capacity) {
  std::size_t out = 0;
  raw_.resize(capacity / 3);
  std::size_t n = take_raw(raw_.data(), raw_.size());
  if (n == 0) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(raw_.data());
  const auto* end = p + n;
  while (p < end) {
    int len = utf8_sequence(p, end);
    if (len < 0 && (!eof_ || !pending_.empty())) {
      pending_.insert(0, reinterpret_cast<const char*>(p), static_cast<std::size_t>(end - p));
      break;
    }
    if (len <= 0) {
      ++invalid_count_;
      if (spec_.invalid == InvalidBytes::kReplace) {
        std::memcpy(dst + out, kReplacement.data(), 3);
        out += 3;
      }
      ++p;
      continue;
    }
    std::memcpy(dst + out, p, static_cast<std::size_t>(len));
    out += static_cast<std::size_t>(len);
    p += len;
  }
  raw_offset_ += static_cast<std::uint64_t>(p - reinterpret_cast<const unsigned char*>(raw_.data()));
  if (out == 0 && (!pending_.empty() || !eof_)) return read_utf8_lossy(dst, capacity);
  return out;
}

std::size_t Utf8Source::read_single_byte(char* dst, std::size_t capacity) {
  raw_.resize(capacity / 3);
  std::size_t n = take_raw(raw_.data(), raw_.size());
  const auto* table = table_->data();
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto b = static_cast<unsigned char>(raw_[i]);
    if (b < 0x80) {
      dst[out++] = static_cast<char>(b);
      continue;
    }
    int len = table[b * 4];
    if (len == 0) {
      if (spec_.invalid == InvalidBytes::kError) {
        std::uint64_t offset = raw_offset_ + i;
        raw_offset_ += i;
        return invalid_at(offset, fmt::format("byte 0x{:02X} is not defined in {}", b, encoding_name(encoding_)), out);
      }
      ++invalid_count_;
      if (spec_.invalid == InvalidBytes::kReplace) {
        std::memcpy(dst + out, kReplacement.data(), 3);
        out += 3;
      }
      continue;
    }
    std::memcpy(dst + out, table + b * 4 + 1, static_cast<std::size_t>(len));
    out += static_cast<std::size_t>(len);
  }
  raw_offset_ += n;
  return out;
}

std::size_t Utf8Source::read_utf16(char* dst, std::size_t capacity) {
  for (;;) {
    raw_.resize(capacity / 2);
    std::size_t n = take_raw(raw_.data(), raw_.size());
    bool flush = eof_ && pending_.empty();
    icu_->uchars.resize(raw_.size() + 8);
    UChar* target = icu_->uchars.data();
    const char* source = raw_.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(icu_->conv, &target, target + icu_->uchars.size(), &source, source + n, nullptr, flush, &status);
    std::size_t consumed = static_cast<std::size_t>(source - raw_.data());
    if (U_FAILURE(status)) {
      char bad[8];
      int8_t bad_len = sizeof bad;
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(icu_->conv, bad, &bad_len, &ignored);
      std::uint64_t offset = raw_offset_ + consumed - static_cast<std::size_t>(std::max<int8_t>(bad_len, 0));
      std::string message = status == U_TRUNCATED_CHAR_FOUND
                                ? fmt::format("incomplete {} code unit at end of file", encoding_name(encoding_))
                                : fmt::format("invalid {} sequence (unpaired surrogate or odd byte)", encoding_name(encoding_));
      // Convert what came before the error first so the reader can name its line.
      icu_->uchars.resize(static_cast<std::size_t>(target - icu_->uchars.data()));
      raw_offset_ = offset;
      std::size_t out = 0;
      UErrorCode s2 = U_ZERO_ERROR;
      int32_t len = 0;
      u_strToUTF8(dst, static_cast<int32_t>(capacity), &len, icu_->uchars.data(),
                  static_cast<int32_t>(icu_->uchars.size()), &s2);
      if (U_FAILURE(s2)) throw Error(fmt::format("ICU conversion from {} failed: {}", encoding_name(encoding_), u_errorName(s2)));
      out = static_cast<std::size_t>(len);
      return invalid_at(offset, std::move(message), out);
    }
    raw_offset_ += consumed;
    std::size_t units = static_cast<std::size_t>(target - icu_->uchars.data());
    if (units == 0) {
      if (flush || n == 0) return 0;
      continue;
    }
    int32_t len = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8WithSub(dst, static_cast<int32_t>(capacity), &len, icu_->uchars.data(), static_cast<int32_t>(units),
                       0xFFFD, nullptr, &status);
    if (U_FAILURE(status))
      throw Error(fmt::format("ICU conversion from {} to UTF-8 failed: {}", encoding_name(encoding_), u_errorName(status)));
    return static_cast<std::size_t>(len);
  }
}

}  // namespace luister
