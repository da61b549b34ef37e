#pragma once
/// Recognising what the columns of a survey export hold, from their Dutch or English header names.
#include <string>
#include <string_view>
#include <vector>

namespace luister {

/// The canonical column a header maps to.
enum class Role { kNone, kResponseId, kDate, kProcess, kChannel, kGrade, kQuestion };

struct ColumnGuess {
  Role role = Role::kNone;
  std::string question;  ///< short name for kQuestion: waarom, verbeteren, compliment, opmerking
};

/// Lower-cased ASCII, punctuation turned into single spaces, trimmed: "Waarom geeft u dit cijfer?" →
/// "waarom geeft u dit cijfer".
std::string normalize_header(std::string_view header);

/// Guesses the role of a column from its header name alone.
ColumnGuess guess_column(std::string_view header);

/// The canonical name of a role ("response_id", "date", …), and back (kNone if unknown).
std::string_view role_name(Role role);
Role role_from_name(std::string_view name);

/// A short, CSV- and shell-friendly name for a question header that matches no known pattern:
/// "Hoe was de bejegening?" → "hoe_was_de_bejegening".
std::string question_slug(std::string_view header);

/// True when the record looks like a header row rather than data: it names known columns, or holds
/// no numbers and dates while the next record does.
bool looks_like_header(const std::vector<std::string>& first, const std::vector<std::string>* second);

/// How a contact column is read: details count when not empty, consent when it says yes.
enum class ContactKind { kNone, kDetail, kConsent };
/// Guesses from a header name: consent for toestemming / akkoord / consent / "mogen wij contact…" /
/// "contact opnemen"; details for e-mail, telefoon, tel, phone, mobiel, gsm; else kNone.
/// luister-followup finds its contact columns with it.
ContactKind guess_contact_kind(std::string_view header);
/// True for a column with personal data about the respondent: contact details (guess_contact_kind)
/// and names, addresses, postcodes, places of residence, birth dates. luister-archive purge empties
/// these columns.
bool is_personal_column(std::string_view header);

}  // namespace luister
