#include <doctest/doctest.h>

#include "luister/base/error.hpp"
#include "luister/followup/followup.hpp"

TEST_CASE("followup: callback requests in the shipped phrase list, and negations") {
  luister::CallbackMatcher m;  // lexicons/callback-nl.txt, negators-nl.txt
  struct Case {
    const char* text;
    bool request;
  };
  const Case cases[] = {
      {"Bel me terug", true},
      {"Graag contact", true},
      {"bel mij a.u.b. even terug!", true},                 // words between, abbreviation
      {"BEL ME TERUG!!!", true},                            // capitals: matched normalised
      {"Neem contact met mij op", true},                    // split verb
      {"Neemt u alstublieft contact met mij op?", true},
      {"Ik wil graag teruggebeld worden", true},
      {"Kunt u mij terugbellen?", true},
      {"Ik hoor graag van u", true},
      {"Mijn nummer is 06-12345678, graag terugbellen", true},
      {"Ik ben niet tevreden, bel me terug", true},         // the negation is in another clause
      {"ik ben niet tevreden bel me terug", true},          // ... or before a content word
      {"Niemand belt terug maar bel me nu wel terug", true},
      {"U hoeft niet terug te bellen", false},              // no request at all
      {"U hoeft mij niet terug te bellen", false},
      {"bel me niet terug", false},                         // negator inside the phrase
      {"Ik wil niet teruggebeld worden", false},
      {"ik wil niet graag teruggebeld worden", false},      // negator right before it
      {"Liever niet meer graag contact", false},            // across a filler word
      {"graag geen contact", false},
      {"Bel mij terug is niet nodig", false},               // negator just after it
      {"Terugbellen als je erom vraagt", false},            // a complaint, not a request
      {"Ik ben nooit teruggebeld", false},
      {"Hij zou terugbellen maar deed het niet", false},
      {"Contact opnemen is lastig", false},
      {"Netjes teruggebeld zoals afgesproken", false},
      {"", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(m.match(c.text).request == c.request);
  }
  auto r = m.match("Graag contact, bel me even terug");
  CHECK(r.phrase == "graag contact");  // the first request found
  REQUIRE(r.rule != nullptr);
  CHECK(r.rule->source == "graag ~ contact");
  auto neg = m.match("bel me niet terug");
  REQUIRE(neg.matches.size() == 1);
  CHECK(neg.matches[0].negated_by == "niet");
}

TEST_CASE("followup: the phrase format") {
  auto m = luister::CallbackMatcher::from_text("# comment\nbel ~ terug\nterugbel*\na|b c\n", "niet\ngeen\n");
  CHECK(m.phrases().size() == 3);
  CHECK(m.match("bel jij even terug").request);          // up to three words in a gap
  CHECK_FALSE(m.match("bel jij nu echt eens terug").request);  // four is too many
  CHECK(m.match("terugbelverzoek").request);             // prefix
  CHECK(m.match("b c").request);                         // alternatives
  CHECK(m.match("a b c d").request);
  CHECK_FALSE(m.match("c").request);
  CHECK_FALSE(m.match("bel. terug").request);             // not across a clause boundary
  CHECK_FALSE(m.match("bel geen terug").request);         // negator from the negator list

  CHECK_THROWS_AS(luister::parse_callback_phrases("~ bel\n", "x"), luister::InputError);
  CHECK_THROWS_AS(luister::parse_callback_phrases("bel ~\n", "x"), luister::InputError);
  CHECK_THROWS_AS(luister::parse_callback_phrases("bel ~ ~ terug\n", "x"), luister::InputError);
  CHECK_THROWS_AS(luister::parse_callback_phrases("a||b\n", "x"), luister::InputError);
  CHECK_THROWS_AS(luister::parse_callback_phrases("te*rug\n", "x"), luister::InputError);
  // Spaces and tabs around and between words, and only those, separate them; a trailing '|' is an
  // empty alternative; only A-Z count as upper case ("één" and "É" are left to the normaliser).
  auto spaced = luister::parse_callback_phrases(" \tbel\t\t~  terug|trug \t\n", "x");
  REQUIRE(spaced.size() == 1);
  REQUIRE(spaced[0].terms.size() == 2);
  CHECK(spaced[0].terms[1].gap_before);
  CHECK(spaced[0].terms[1].alternatives == std::vector<std::string>{"terug", "trug"});
  CHECK(luister::parse_callback_phrases("bel\vterug\n", "x")[0].terms.size() == 1);
  CHECK_THROWS_AS(luister::parse_callback_phrases("terug|\n", "x"), luister::InputError);
  CHECK_NOTHROW(luister::parse_callback_phrases("\xC3\x89\xC3\xA9n keer\n", "x"));
  try {
    luister::parse_callback_phrases("ok\n\nBel terug\n", "list.txt");
    FAIL("no error");
  } catch (const luister::InputError& e) {
    CHECK(e.file() == "list.txt");
    CHECK(e.line() == 3);
  }
}

TEST_CASE("followup: contact columns and consent values") {
  using luister::ContactKind;
  CHECK(luister::guess_contact_kind("E-mailadres") == ContactKind::kDetail);
  CHECK(luister::guess_contact_kind("Telefoonnummer") == ContactKind::kDetail);
  CHECK(luister::guess_contact_kind("tel") == ContactKind::kDetail);
  CHECK(luister::guess_contact_kind("Toestemming contact") == ContactKind::kConsent);
  CHECK(luister::guess_contact_kind("Mogen wij contact met u opnemen?") == ContactKind::kConsent);
  CHECK(luister::guess_contact_kind("Akkoord voorwaarden") == ContactKind::kConsent);
  CHECK(luister::guess_contact_kind("Leeftijdscategorie") == ContactKind::kNone);
  CHECK(luister::guess_contact_kind("titel") == ContactKind::kNone);  // "tel" only as a whole name

  CHECK(luister::read_consent("ja") == true);
  CHECK(luister::read_consent(" Ja ") == true);
  CHECK(luister::read_consent("YES") == true);
  CHECK(luister::read_consent("1") == true);
  CHECK(luister::read_consent("akkoord") == true);
  CHECK(luister::read_consent("Ja, graag") == true);
  CHECK(luister::read_consent("nee") == false);
  CHECK(luister::read_consent("0") == false);
  CHECK(luister::read_consent("niet akkoord") == false);
  CHECK(luister::read_consent("Nee, liever niet") == false);
  CHECK_FALSE(luister::read_consent("").has_value());
  CHECK_FALSE(luister::read_consent("misschien").has_value());
  CHECK_FALSE(luister::read_consent("janssen").has_value());  // "ja" only as a whole word
  CHECK_FALSE(luister::read_consent("OKÉ").has_value());  // ASCII lowering only: "okÉ" is not "oké"
  CHECK(luister::read_consent("Oké") == true);
}
