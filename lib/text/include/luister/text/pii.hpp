#pragma once
/// Finding and masking the personal data residents type into open answers.
///
///     luister::mask_pii("Bel me op 06-12345678 of mail j@x.nl")
///     // → "Bel me op [TELEFOON] of mail [EMAIL]"
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace luister {

/// Kinds of personal data found in residents' answers.
enum class PiiKind { kEmail, kPhone, kPostcode, kAddress, kBsn, kIban, kPlate, kUrl };

/// The placeholder for a kind: "[EMAIL]", "[TELEFOON]", "[POSTCODE]", "[ADRES]", "[BSN]", "[IBAN]",
/// "[KENTEKEN]", "[URL]".
std::string_view pii_placeholder(PiiKind kind);

/// One finding: byte range [begin, end) in the UTF-8 text.
struct PiiMatch {
  std::size_t begin;
  std::size_t end;
  PiiKind kind;
};

/// All personal data in `text`, sorted by begin and non-overlapping. Checks keep false positives
/// low: a BSN must pass the 11-test and an IBAN mod-97; a phone number must be a whole Dutch number
/// (10 digits from 0, or +31/0031 and 9 digits); amounts, dates, times and counts are left alone;
/// licence plates need their dashes. Works on original or normalised (lower-case) text.
std::vector<PiiMatch> find_pii(std::string_view text);

/// `text` with every finding replaced by its placeholder; `found` (optional) receives the findings.
std::string mask_pii(std::string_view text, std::vector<PiiMatch>* found = nullptr);

/// The Dutch 11-test for a 9-digit BSN (digits only).
bool bsn_valid(std::string_view digits);
/// The ISO 13616 mod-97 check for an IBAN without spaces (letters in either case).
bool iban_valid(std::string_view compact);

}  // namespace luister
