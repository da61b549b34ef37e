#include "luister/csv/columns.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "luister/csv/values.hpp"

namespace luister {
namespace {

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

bool has_word(const std::string& s, std::string_view word) {
  std::size_t pos = 0;
  while ((pos = s.find(word, pos)) != std::string::npos) {
    bool left = pos == 0 || s[pos - 1] == ' ';
    bool right = pos + word.size() == s.size() || s[pos + word.size()] == ' ';
    if (left && right) return true;
    ++pos;
  }
  return false;
}

bool any_part(const std::string& s, std::initializer_list<std::string_view> parts) {
  for (auto p : parts)
    if (contains(s, p)) return true;
  return false;
}

bool any_word(const std::string& s, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (has_word(s, w)) return true;
  return false;
}

bool looks_like_value(const std::string& field) {
  std::string_view t = trim(field);
  if (t.empty()) return false;
  if (parse_date(t).status == ValueStatus::kOk) return true;
  bool digits = true;
  for (char c : t)
    if (!((c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-')) digits = false;
  return digits;
}

}  // namespace

std::string normalize_header(std::string_view header) {
  std::string out;
  bool space = false;
  for (char c : header) {
    auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      space = true;
    }
  }
  return out;
}

ColumnGuess guess_column(std::string_view header) {
  const std::string h = normalize_header(header);
  ColumnGuess g;
  auto question = [&](const char* name) {
    g.role = Role::kQuestion;
    g.question = name;
    return g;
  };
  // Open questions first: "Waarom geeft u dit cijfer?" mentions the grade but is the question.
  if (any_part(h, {"verbeter", "improve", "suggesti", "aanbeveling", "kan beter", "kunnen beter", "kunnen we beter",
                   "could be better"}) ||
      any_word(h, {"tip", "tips", "beter"}))
    return question("verbeteren");
  if (any_part(h, {"waarom", "toelichting", "reden", "uitleg", "motivatie", "explan", "reason"}) || any_word(h, {"why"}))
    return question("waarom");
  if (any_part(h, {"compliment", "ging goed", "vond u goed", "went well", "positief"})) return question("compliment");
  if (any_part(h, {"opmerking", "comment", "remark", "feedback", "aanvulling", "toevoeging", "open antwoord",
                   "open vraag"}))
    return question("opmerking");

  if (any_part(h, {"cijfer", "score", "rating", "waardering", "beoordeling", "tevredenheid"}) || any_word(h, {"grade"})) {
    g.role = Role::kGrade;
    return g;
  }
  if (any_part(h, {"datum", "ingevuld", "tijdstip", "timestamp", "submitted", "afgerond op"}) ||
      any_word(h, {"date", "created", "created at", "startdate", "enddate"})) {
    g.role = Role::kDate;
    return g;
  }
  if (any_part(h, {"kanaal", "channel", "contactwijze"}) || any_word(h, {"medium", "via"})) {
    g.role = Role::kChannel;
    return g;
  }
  if (any_part(h, {"proces", "process", "product", "dienst", "onderwerp", "zaaktype", "vraagsoort"}) ||
      any_word(h, {"service", "topic", "afdeling", "department", "categorie", "category", "thema", "team"})) {
    g.role = Role::kProcess;
    return g;
  }
  static constexpr std::array<std::string_view, 18> kIds = {
      "id",     "response id", "responseid", "respondent", "respondentnummer", "respondentnr",
      "respondent id", "respondentid", "responsnummer", "response", "nr", "nummer",
      "volgnummer", "record id", "recordid", "enquete id", "submission id", "uuid"};
  for (auto id : kIds)
    if (h == id) {
      g.role = Role::kResponseId;
      return g;
    }
  if (contains(h, "respondent")) g.role = Role::kResponseId;
  return g;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kResponseId: return "response_id";
    case Role::kDate: return "date";
    case Role::kProcess: return "process";
    case Role::kChannel: return "channel";
    case Role::kGrade: return "grade";
    case Role::kQuestion: return "question";
    case Role::kNone: break;
  }
  return "";
}

Role role_from_name(std::string_view name) {
  for (Role r : {Role::kResponseId, Role::kDate, Role::kProcess, Role::kChannel, Role::kGrade})
    if (role_name(r) == name) return r;
  return Role::kNone;
}

std::string question_slug(std::string_view header) {
  std::string n = normalize_header(header);
  std::string out;
  for (char c : n) {
    if (static_cast<unsigned char>(c) >= 0x80) continue;
    out += c == ' ' ? '_' : c;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.size() > 40) out.resize(40);
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "vraag" : out;
}

bool looks_like_header(const std::vector<std::string>& first, const std::vector<std::string>* second) {
  for (const auto& f : first)
    if (guess_column(f).role != Role::kNone) return true;
  for (const auto& f : first)
    if (looks_like_value(f)) return false;
  if (second) {
    for (std::size_t i = 0; i < first.size() && i < second->size(); ++i)
      if (looks_like_value((*second)[i])) return true;
  }
  // No evidence either way: survey exports almost always have a header row.
  return true;
}

namespace {

// Letters and digits only, lower case: "Mogen wij contact met u opnemen?" → "mogenwijcontactmetuopnemen".
std::string letters_and_digits(std::string_view header) {
  std::string h;
  for (char c : header)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) h += c;
    else if (c >= 'A' && c <= 'Z') h += static_cast<char>(c - 'A' + 'a');
  return h;
}

}  // namespace

ContactKind guess_contact_kind(std::string_view header) {
  const std::string h = letters_and_digits(header);
  auto has = [&](std::string_view s) { return h.find(s) != std::string::npos; };
  if (has("toestemming") || has("consent") || has("akkoord") || has("optin") || has("mogenwij") ||
      has("magcontact") || has("maggemeente") || has("contactopnemen") || has("benader") || has("permission"))
    return ContactKind::kConsent;
  if (has("mail") || has("telefoon") || has("telnr") || has("phone") || has("mobiel") || has("gsm") || h == "tel" ||
      has("contactgegevens"))
    return ContactKind::kDetail;
  return ContactKind::kNone;
}

bool is_personal_column(std::string_view header) {
  if (guess_contact_kind(header) == ContactKind::kDetail) return true;
  const std::string h = letters_and_digits(header);
  static constexpr std::array<std::string_view, 10> kWords = {
      "naam", "name", "adres", "address", "postcode", "zipcode", "woonplaats", "straat", "geboortedatum", "birth"};
  return std::any_of(kWords.begin(), kWords.end(), [&](std::string_view w) { return h.find(w) != std::string::npos; });
}

}  // namespace luister
