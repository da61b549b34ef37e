// Personal-data masking: every format residents use, and the look-alikes that must stay.
#include <doctest/doctest.h>

#include <string>

#include "luister/text/pii.hpp"

namespace {

struct Case {
  const char* in;
  const char* out;
  const char* why;
};

const Case kCases[] = {
    // e-mail
    {"mail j.jansen@example.nl graag", "mail [EMAIL] graag", "e-mail address"},
    {"info+enquete@gemeente-eindhoven.nl.", "[EMAIL].", "plus address, full stop kept"},
    {"(a_b@x.com)", "([EMAIL])", "inside brackets"},
    {"Mail naar Piet.de.Vries@Example.NL!", "Mail naar [EMAIL]!", "capitals"},
    {"@gemeente reageer eens", "@gemeente reageer eens", "a mention is no e-mail address"},
    {"prijs @ 5 euro", "prijs @ 5 euro", "a lone @"},
    {"naam@localhost", "naam@localhost", "no top-level domain"},
    // URLs
    {"zie https://www.eindhoven.nl/afspraak?x=1.", "zie [URL].", "https URL"},
    {"op www.mijnoverheid.nl staat het", "op [URL] staat het", "www address"},
    {"via eindhoven.nl/afval kon het", "via [URL] kon het", "bare domain with a path"},
    {"de site gemeente.nl werkt niet", "de site gemeente.nl werkt niet", "a bare domain alone is no personal link"},
    {"http://x.nl/a, daarna", "[URL], daarna", "comma after the URL"},
    // phone numbers
    {"bel 06-12345678 svp", "bel [TELEFOON] svp", "mobile with dash"},
    {"0612345678", "[TELEFOON]", "mobile, digits only"},
    {"06 1234 5678", "[TELEFOON]", "mobile in groups"},
    {"+31 6 1234 5678", "[TELEFOON]", "international"},
    {"+31(0)6-12345678", "[TELEFOON]", "international with trunk prefix"},
    {"0031 6 12345678", "[TELEFOON]", "0031 prefix"},
    {"040 123 4567", "[TELEFOON]", "area code in groups"},
    {"040-1234567", "[TELEFOON]", "area code with dash"},
    {"020 - 123 45 67", "[TELEFOON]", "spaced dash"},
    {"(040) 123 4567", "[TELEFOON]", "area code in brackets"},
    {"088-1234567", "[TELEFOON]", "088 number"},
    {"0800-1234", "[TELEFOON]", "free service number"},
    {"0900-1234567", "[TELEFOON]", "paid service number"},
    {"bel me (06-12345678).", "bel me ([TELEFOON]).", "in brackets"},
    {"betaald: \xE2\x82\xAC 1.234,56", "betaald: \xE2\x82\xAC 1.234,56", "an amount is no phone number"},
    {"1234,50 euro", "1234,50 euro", "amount with euro"},
    {"op 22-11-2026 gebeld", "op 22-11-2026 gebeld", "a date is no phone number"},
    {"op 06-12 langs geweest", "op 06-12 langs geweest", "day-month is no phone number"},
    {"om 14:05 uur", "om 14:05 uur", "a time"},
    {"in 2026 en 2025", "in 2026 en 2025", "years"},
    {"na 45 minuten", "na 45 minuten", "minutes"},
    {"zaaknummer 2026-123456", "zaaknummer 2026-123456", "a case number"},
    {"0612345678 keer gebeld", "0612345678 keer gebeld", "a count is no phone number"},
    {"06123456789", "06123456789", "eleven digits is no Dutch number"},
    {"061234567", "061234567", "nine digits is no Dutch number"},
    {"ordernr 12345678901", "ordernr 12345678901", "a long order number"},
    // phone numbers written with Unicode separators, without their 0, or from abroad (issue 15.10)
    {"06\xE2\x80\x93" "12345678 bel me", "[TELEFOON] bel me", "en dash between groups"},
    {"06\xC2\xA0" "12345678", "[TELEFOON]", "no-break space between groups"},
    {"bel\xC2\xA0" "06-12345678", "bel\xC2\xA0[TELEFOON]", "no-break space before the number"},
    {"020\xE2\x88\x92" "123 45 67", "[TELEFOON]", "minus sign between groups"},
    {"(+32)25426511", "[TELEFOON]", "Belgian number, country code in brackets"},
    {"+32 2 542 65 11 graag", "[TELEFOON] graag", "Belgian number in groups"},
    {"+49 30 1234567", "[TELEFOON]", "German number"},
    {"0044 20 1234 5678", "[TELEFOON]", "00 and a foreign country code"},
    {"+31 (0)6 1234 5678", "[TELEFOON]", "+31, trunk prefix and groups"},
    {"0031 (0)6-12345678", "[TELEFOON]", "0031 with trunk prefix"},
    {"0031612345678", "[TELEFOON]", "0031 compact"},
    {"+316-12345678", "[TELEFOON]", "+31 glued to the mobile prefix"},
    {"bel 612345678", "bel [TELEFOON]", "mobile number without its 0"},
    {"bel 6-12345678", "bel [TELEFOON]", "mobile number without its 0, with a dash"},
    {"+5 graden", "+5 graden", "a temperature"},
    {"+32 euro meer", "+32 euro meer", "an amount with a plus"},
    {"het kostte 612345678 euro", "het kostte 612345678 euro", "nine digits from 6 before euro"},
    {"6 12 minuten", "6 12 minuten", "counts are no mobile number"},
    // BSN
    {"bsn 123456782", "bsn [BSN]", "BSN passing the 11-test"},
    {"BSN: 123.456.782", "BSN: [BSN]", "BSN with dots"},
    {"123 456 782 is mijn bsn", "[BSN] is mijn bsn", "BSN with spaces"},
    {"nummer 123456789", "nummer 123456789", "nine digits failing the 11-test"},
    {"000000000", "000000000", "all zeros"},
    {"BSN 123456782, slecht", "BSN [BSN], slecht", "a comma after the BSN (issue 15.10)"},
    {"123456782,50 euro", "123456782,50 euro", "a comma between digits makes an amount"},
    {"bsn 1234.56.782", "bsn [BSN]", "odd grouping, named by the word before it"},
    {"BSN-nummer: 12 34 56 782", "BSN-nummer: [BSN]", "grouped in twos after BSN-nummer"},
    {"mijn burgerservicenummer is 123456789", "mijn burgerservicenummer is [BSN]", "named, failing the 11-test"},
    {"sofinummer 12345678", "sofinummer [BSN]", "eight digits named as a sofinummer"},
    {"bsn-aanvraag 2 weken", "bsn-aanvraag 2 weken", "a count after a word starting with bsn"},
    // dates of birth
    {"geboren 12-03-1961", "geboren [GEBOORTEDATUM]", "date of birth after geboren"},
    {"geb. datum 12-03-1961", "geb. datum [GEBOORTEDATUM]", "after geb. datum"},
    {"geb.datum: 12/3/61", "geb.datum: [GEBOORTEDATUM]", "short year"},
    {"geboortedatum: 1 maart 1961", "geboortedatum: [GEBOORTEDATUM]", "month written out"},
    {"geboren op 1961-03-12", "geboren op [GEBOORTEDATUM]", "ISO date"},
    {"gebeld op 12-03-2026", "gebeld op 12-03-2026", "a date after another word stays"},
    {"geboren in 1961", "geboren in 1961", "a year alone is no date of birth"},
    // names the resident gives
    {"mijn naam is Jan de Vries en ik", "mijn naam is [NAAM] en ik", "name after mijn naam is"},
    {"Ik ben Piet Jansen, bewoner", "Ik ben [NAAM], bewoner", "name after ik ben"},
    {"Mijn naam is J. van der Berg.", "Mijn naam is [NAAM].", "initial and particles"},
    {"ik heet Fatima El-Amrani", "ik heet [NAAM]", "hyphenated surname"},
    {"ik ben \xC3\x96zil", "ik ben [NAAM]", "capital outside ASCII"},
    {"Met vriendelijke groet,\nJ. Jansen", "Met vriendelijke groet,\n[NAAM]", "signature"},
    {"groeten, PIET", "groeten, [NAAM]", "signature in capitals"},
    {"ik ben ZEER boos", "ik ben ZEER boos", "capitals for emphasis are no name"},
    {"ik ben boos", "ik ben boos", "no capital, no name"},
    {"Ik ben Wmo-cli\xC3\xABnt", "Ik ben Wmo-cli\xC3\xABnt", "a capitalised role is no name"},
    {"ik ben van de gemeente", "ik ben van de gemeente", "particles alone are no name"},
    {"Groetjes aan Jan", "Groetjes aan Jan", "a word starting with groet"},
    // names of staff residents praise or blame
    {"Snel geholpen door Jeroen. Top!", "Snel geholpen door [NAAM]. Top!", "staff name after door"},
    {"Ik sprak mevrouw De Boer aan de balie", "Ik sprak mevrouw [NAAM] aan de balie", "mevrouw and surname"},
    {"Ik vond meneer Van Dijk kortaf", "Ik vond meneer [NAAM] kortaf", "meneer and surname with a particle"},
    {"mijn consulent Anne denkt mee", "mijn consulent [NAAM] denkt mee", "consulent and first name"},
    {"geholpen door de gemeente", "geholpen door de gemeente", "no capital after door, no name"},
    {"de medewerker was vriendelijk", "de medewerker was vriendelijk", "a role alone is no name"},
    // IBAN
    {"IBAN NL91ABNA0417164300 graag", "IBAN [IBAN] graag", "IBAN compact"},
    {"NL91 ABNA 0417 1643 00.", "[IBAN].", "IBAN in groups"},
    {"nl91abna0417164300", "[IBAN]", "IBAN in lower case"},
    {"BE68539007547034", "[IBAN]", "Belgian IBAN"},
    {"NL92ABNA0417164300", "NL92ABNA0417164300", "IBAN with a wrong checksum"},
    // postcodes
    {"5684 ZC Best", "[POSTCODE] Best", "postcode with space"},
    {"5684ZC", "[POSTCODE]", "postcode without space"},
    {"postcode 5684 zc", "postcode [POSTCODE]", "lower-case letters"},
    {"in 2026 en later", "in 2026 en later", "a year then a word"},
    {"1500 op de teller", "1500 op de teller", "a number then a word"},
    {"1234 SA", "1234 SA", "SA is never issued"},
    {"0123 AB", "0123 AB", "postcodes do not start with 0"},
    {"12345 AB", "12345 AB", "five digits"},
    {"5684 ZCX", "5684 ZCX", "three letters"},
    {"1000 km gereden", "1000 km gereden", "a distance"},
    // addresses
    {"ik woon op Stationsstraat 12", "ik woon op [ADRES]", "street and number"},
    {"Kerkweg 3a, Best", "[ADRES], Best", "house number with letter"},
    {"Dorpsstraat 14-2", "[ADRES]", "house number with addition"},
    {"Markt 1", "[ADRES]", "short street name with capital"},
    {"Willem de Zwijgerlaan 112 bis", "[ADRES]", "name with particle and bis"},
    {"aan de Van der Valk Boschstraat 5", "aan de [ADRES]", "particles inside the name only"},
    {"stationsstraat 12 5684 ZC", "[ADRES] [POSTCODE]", "address then postcode"},
    {"de straat 2 keer overgestoken", "de straat 2 keer overgestoken", "a count after a street word"},
    {"lantaarnpaal 3 weken kapot", "lantaarnpaal 3 weken kapot", "no street suffix"},
    {"de snelweg 5 minuten", "de snelweg 5 minuten", "duration"},
    {"bus 401 reed niet", "bus 401 reed niet", "bus line"},
    {"kamer 12", "kamer 12", "room number"},
    {"versie 2.0", "versie 2.0", "version"},
    {"5 sterren", "5 sterren", "stars"},
    // licence plates
    {"kenteken XX-123-X", "kenteken [KENTEKEN]", "sidecode 2-3-1"},
    {"12-ABC-3", "[KENTEKEN]", "sidecode 2-3-1 digits first"},
    {"AB-12-CD", "[KENTEKEN]", "sidecode letters-digits-letters"},
    {"99-XX-99", "[KENTEKEN]", "sidecode digits-letters-digits"},
    {"G-123-BB", "[KENTEKEN]", "sidecode 1-3-2"},
    {"ab-12-cd", "[KENTEKEN]", "lower case"},
    {"22-11-26", "22-11-26", "a short date is no plate"},
    {"A-4", "A-4", "two groups"},
    {"16-17-jarigen", "16-17-jarigen", "ages"},
    {"Ab-12-cD", "Ab-12-cD", "mixed case is no plate"},
    // whole sentences, other text around
    {"Caf\xC3\xA9 bellen: 06-12345678 \xF0\x9F\x98\xA1 of mail a@b.nl", "Caf\xC3\xA9 bellen: [TELEFOON] \xF0\x9F\x98\xA1 of mail [EMAIL]",
     "UTF-8 around findings"},
    {"top :-) 8/10", "top :-) 8/10", "emoticon and a ratio"},
    {"", "", "empty"},
};

}  // namespace

TEST_CASE("pii: masking table") {
  for (const auto& c : kCases) {
    CAPTURE(std::string(c.why));
    CAPTURE(std::string(c.in));
    CHECK(luister::mask_pii(c.in) == c.out);
  }
}

TEST_CASE("pii: checks") {
  CHECK(luister::bsn_valid("123456782"));
  CHECK_FALSE(luister::bsn_valid("123456789"));
  CHECK(luister::iban_valid("NL91ABNA0417164300"));
  CHECK_FALSE(luister::iban_valid("NL91ABNA0417164301"));
}

TEST_CASE("pii: findings carry kind and byte range") {
  std::vector<luister::PiiMatch> found;
  std::string masked = luister::mask_pii("bel 06-12345678", &found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == luister::PiiKind::kPhone);
  CHECK(found[0].begin == 4);
  CHECK(found[0].end == 15);
}
