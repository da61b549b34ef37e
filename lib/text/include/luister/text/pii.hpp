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
enum class PiiKind { kEmail, kPhone, kPostcode, kAddress, kBsn, kIban, kPlate, kUrl, kName, kBirthDate };

/// The placeholder for a kind: "[EMAIL]", "[TELEFOON]", "[POSTCODE]", "[ADRES]", "[BSN]", "[IBAN]",
/// "[KENTEKEN]", "[URL]", "[NAAM]", "[GEBOORTEDATUM]".
std::string_view pii_placeholder(PiiKind kind);

/// One finding: byte range [begin, end) in the UTF-8 text.
struct PiiMatch {
  std::size_t begin;
  std::size_t end;
  PiiKind kind;
};

/// All personal data in `text`, sorted by begin and non-overlapping. Checks keep false positives
/// low: a BSN must pass the 11-test unless a word says it is one ("bsn 1234.56.782"), an IBAN
/// mod-97; a phone number must be a whole number (10 digits from 0, a mobile's 9 from 6, +31/0031
/// and 9 digits, or another country's +CC/00CC with 8 to 15 digits in all), with spaces, dashes,
/// dots or their Unicode look-alikes (en dash, no-break space) between groups; amounts, dates,
/// times and counts are left alone unless a word makes a date a date of birth ("geboren
/// 12-03-1961"); licence plates need their dashes. Names are found only where the resident
/// introduces them ("mijn naam is Jan de Vries", "ik ben Piet", "ik heet …"), from their capitals,
/// so in original text. Works on original or normalised (lower-case) text otherwise.
std::vector<PiiMatch> find_pii(std::string_view text);

/// `text` with every finding replaced by its placeholder; `found` (optional) receives the findings.
std::string mask_pii(std::string_view text, std::vector<PiiMatch>* found = nullptr);

/// The Dutch 11-test for a 9-digit BSN (digits only).
bool bsn_valid(std::string_view digits);
/// The ISO 13616 mod-97 check for an IBAN without spaces (letters in either case).
bool iban_valid(std::string_view compact);

}  // namespace luister
