#pragma once
/// Character encodings of survey exports, detected and converted to UTF-8 with ICU.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "luister/base/io.hpp"
#include "luister/base/utf8.hpp"

namespace luister {

enum class Encoding { kAuto, kUtf8, kUtf16Le, kUtf16Be, kWindows1252, kIso8859_15 };

/// What to do with bytes that are invalid under the chosen encoding.
enum class InvalidBytes { kError, kReplace, kSkip };

/// The value of `--encoding`: `NAME[:error|replace|skip]`, e.g. `auto`, `windows-1252`, `utf-8:replace`.
struct EncodingSpec {
  Encoding encoding = Encoding::kAuto;
  InvalidBytes invalid = InvalidBytes::kError;
  /// The input is canonical CSV, UTF-8 by definition (every tool but luister-import): errors point
  /// to luister-import, which converts encodings, instead of to an --encoding option.
  bool canonical = false;
};

/// Parses an `--encoding` value; throws UsageError listing the accepted names.
EncodingSpec parse_encoding_spec(std::string_view text);
/// The canonical name ("utf-8", "utf-16le", "windows-1252", …).
std::string_view encoding_name(Encoding encoding);

/// Thrown by Utf8Source for an invalid byte; the CSV reader adds the line number.
struct DecodeError {
  std::uint64_t byte_offset;  ///< 0-based offset of the first invalid byte in the raw input
  std::string message;        ///< "invalid UTF-8 byte 0xE9"
  std::string hint;
};

/// Reads an input file in any supported encoding and yields valid UTF-8, without a BOM.
///
/// In auto mode a BOM decides; otherwise UTF-16 is recognised by its zero bytes, and the text is taken
/// as UTF-8 until the first non-ASCII byte proves it is not, in which case it switches to Windows-1252
/// (ASCII is the same in both, so nothing read before is affected).
class Utf8Source {
 public:
  /// `input` must outlive this object.
  Utf8Source(InputFile& input, EncodingSpec spec);
  ~Utf8Source();
  Utf8Source(const Utf8Source&) = delete;
  Utf8Source& operator=(const Utf8Source&) = delete;

  /// Writes up to `capacity` (at least 16) bytes of UTF-8 to `dst`; returns 0 only at end of input.
  /// Throws DecodeError (invalid bytes under kError), InputError (not a text file at all), IoError.
  std::size_t read(char* dst, std::size_t capacity);

  /// The encoding in use (after detection; kUtf8 for pure ASCII).
  Encoding encoding() const { return encoding_; }
  bool detected() const { return detected_; }
  bool had_bom() const { return bom_; }
  /// Invalid byte sequences replaced or skipped so far.
  std::uint64_t invalid_count() const { return invalid_count_; }
  /// Raw bytes consumed from the input so far.
  std::uint64_t raw_offset() const { return raw_offset_; }
  const std::string& name() const { return input_.name(); }

 private:
  struct Icu;
  void start();
  std::size_t read_utf8(char* dst, std::size_t capacity);
  std::size_t read_utf8_lossy(char* dst, std::size_t capacity);
  std::size_t read_single_byte(char* dst, std::size_t capacity);
  std::size_t read_utf16(char* dst, std::size_t capacity);
  std::size_t take_raw(char* dst, std::size_t n);
  // An invalid byte at raw `offset`: throws DecodeError when nothing was `delivered` in this read,
  // else keeps it for the next read and returns `delivered`.
  std::size_t invalid_at(std::uint64_t offset, std::string message, std::size_t delivered);
  void set_encoding(Encoding encoding);

  InputFile& input_;
  EncodingSpec spec_;
  Encoding encoding_ = Encoding::kUtf8;
  bool detected_ = false;
  bool undecided_ = false;  // auto mode, only ASCII seen so far
  bool bom_ = false;
  bool started_ = false;
  bool eof_ = false;
  std::string pending_;  // raw bytes read but not yet decoded
  std::string raw_;      // scratch for converting encodings
  std::uint64_t raw_offset_ = 0;
  std::uint64_t invalid_count_ = 0;
  bool error_pending_ = false;
  DecodeError error_{};
  const std::string* table_ = nullptr;  // single-byte → UTF-8 table (256 entries × 4 bytes)
  std::unique_ptr<Icu> icu_;
};

}  // namespace luister
