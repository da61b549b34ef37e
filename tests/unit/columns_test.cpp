#include <doctest/doctest.h>

#include "luister/csv/columns.hpp"
#include "luister/csv/sniff.hpp"

using luister::Role;

TEST_CASE("columns: Dutch and English header names") {
  struct Case {
    const char* header;
    Role role;
    const char* question;
  };
  const Case cases[] = {
      {"Respondentnummer", Role::kResponseId, ""},
      {"ResponseID", Role::kResponseId, ""},
      {"Ingevuld op", Role::kDate, ""},
      {"Datum", Role::kDate, ""},
      {"Date", Role::kDate, ""},
      {"Product", Role::kProcess, ""},
      {"Dienst", Role::kProcess, ""},
      {"Onderwerp", Role::kProcess, ""},
      {"Service", Role::kProcess, ""},
      {"Kanaal", Role::kChannel, ""},
      {"Contactkanaal", Role::kChannel, ""},
      {"Rapportcijfer", Role::kGrade, ""},
      {"Score", Role::kGrade, ""},
      {"Welk cijfer geeft u ons?", Role::kGrade, ""},
      {"Waarom geeft u dit cijfer?", Role::kQuestion, "waarom"},   // mentions the grade, is the question
      {"Toelichting", Role::kQuestion, "waarom"},
      {"Wat kunnen we verbeteren?", Role::kQuestion, "verbeteren"},
      {"Verbeterpunt", Role::kQuestion, "verbeteren"},
      {"Heeft u tips?", Role::kQuestion, "verbeteren"},
      {"Opmerkingen", Role::kQuestion, "opmerking"},
      {"Comments", Role::kQuestion, "opmerking"},
      {"Wat ging goed?", Role::kQuestion, "compliment"},
      {"Leeftijdscategorie", Role::kNone, ""},                      // not a process "categorie"
      {"Telefoonnummer", Role::kNone, ""},                          // not an id "nummer"
      {"E-mailadres", Role::kNone, ""},
      {"Mogen wij contact met u opnemen?", Role::kNone, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.header);
    auto g = luister::guess_column(c.header);
    CHECK(g.role == c.role);
    CHECK(g.question == c.question);
  }
}

TEST_CASE("columns: slugs for unknown question headers") {
  CHECK(luister::question_slug("Hoe was de bejegening?") == "hoe_was_de_bejegening");
  CHECK(luister::question_slug("???") == "vraag");
}

TEST_CASE("columns: header row detection") {
  CHECK(luister::looks_like_header({"Naam", "Leeftijd"}, nullptr));
  std::vector<std::string> second{"Jan", "42"};
  CHECK(luister::looks_like_header({"Naam", "Leeftijd"}, &second));
  CHECK_FALSE(luister::looks_like_header({"1", "22-11-2026", "goed"}, nullptr));
}

TEST_CASE("sniff: delimiter, quote and header") {
  auto semi = luister::sniff_dialect("Respondentnummer;Waarom?\r\n1;\"Snel, goed; prima\"\r\n2;Ok, hoor\r\n", true);
  CHECK(semi.dialect.delimiter == ';');
  CHECK(semi.dialect.header);
  CHECK(semi.line_ending == "CRLF");
  auto comma = luister::sniff_dialect("id,tekst,cijfer\n1,\"a; b\",8\n2,c,7\n", true);
  CHECK(comma.dialect.delimiter == ',');
  auto tab = luister::sniff_dialect("id\ttekst\n1\tgoed, hoor\n", true);
  CHECK(tab.dialect.delimiter == '\t');
  auto pipe = luister::sniff_dialect("id|tekst\n1|goed, hoor; echt\n", true);
  CHECK(pipe.dialect.delimiter == '|');
  auto none = luister::sniff_dialect("1;22-11-2026;goed\n2;23-11-2026;slecht\n", true);
  CHECK_FALSE(none.dialect.header);
  auto apos = luister::sniff_dialect("'id','tekst'\n'1','goed, hoor'\n", true);
  CHECK(apos.dialect.quote == '\'');
}

TEST_CASE("sniff: a truncated sample does not count its last record") {
  auto s = luister::sniff_dialect("a;b;c\n1;2;3\n4;5;6\n7;8", false);
  CHECK(s.dialect.delimiter == ';');
}

TEST_CASE("columns: personal-data columns, which luister-archive purge empties (issue 15)") {
  for (const char* h : {"E-mail", "E-mailadres", "Telefoonnummer", "Mobiel", "Naam", "Achternaam", "Adres",
                        "Postcode", "Woonplaats", "Geboortedatum", "Full name", "contactgegevens"})
    CHECK_MESSAGE(luister::is_personal_column(h), h);
  for (const char* h : {"response_id", "date", "process", "channel", "grade", "question", "text", "sentiment",
                        "polarity", "evidence", "theme", "theme_label", "Toestemming contact", "Leeftijd"})
    CHECK_MESSAGE(!luister::is_personal_column(h), h);
  // The recognition luister-followup uses lives beside it, in csv.
  CHECK(luister::guess_contact_kind("E-mail") == luister::ContactKind::kDetail);
}
