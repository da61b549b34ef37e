// CSV for people: cells a spreadsheet would run as a formula are neutralised (luister/csv/excel.hpp).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/csv/excel.hpp"

TEST_CASE("excel: neutralising cells for Excel (OWASP CSV injection)") {
  struct Case {
    const char* cell;
    const char* out;
  };
  const Case cases[] = {
      {"=1+1", "'=1+1"},                                     // formula
      {"=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"},
      {"+31 6 12345678", "'+31 6 12345678"},                 // + starts a formula too
      {"-2+3", "'-2+3"},                                     // minus followed by an expression
      {"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},         // DDE
      {"@SUM(A1:A2)", "'@SUM(A1:A2)"},
      {"\tx", "'\tx"},                                       // tab
      {"\rx", "'\rx"},                                       // carriage return
      {"-0.830", "-0.830"},                                  // a plain negative number stays
      {"-2", "-2"},
      {"-1,5", "-1,5"},
      {"-", "'-"},                                           // a lone minus is no number
      {"-1.", "'-1."},
      {"- niet goed", "'- niet goed"},                       // an answer that starts like a list
      {"a=1", "a=1"},                                        // only the start counts
      {"", ""},
      {"gewoon tekst", "gewoon tekst"},
      // After leading spaces, line feeds and quote characters.
      {" =1+1", "' =1+1"},
      {"   @SUM(A1)", "'   @SUM(A1)"},
      {"\n=1+1", "'\n=1+1"},
      {"\"=HYPERLINK(\"\"x\"\")", "'\"=HYPERLINK(\"\"x\"\")"},
      {"'=1+1", "''=1+1"},
      {" \"' +1", "' \"' +1"},
      {"\xC2\xA0=1", "'\xC2\xA0=1"},                         // no-break space
      {"\xE3\x80\x80=1", "'\xE3\x80\x80=1"},                 // ideographic space
      {"\xE2\x80\x9C=1\xE2\x80\x9D", "'\xE2\x80\x9C=1\xE2\x80\x9D"},  // “=1”
      {" \t=1", "' \t=1"},                                   // a tab after a space
      {" -3", " -3"},                                        // a number after a space stays
      {" - niet goed", "' - niet goed"},
      // Full-width forms.
      {"\xEF\xBC\x9D" "1+1", "'\xEF\xBC\x9D" "1+1"},         // ＝1+1
      {"\xEF\xBC\x8B" "31", "'\xEF\xBC\x8B" "31"},           // ＋31
      {"\xEF\xBC\x8D" "2", "'\xEF\xBC\x8D" "2"},             // －2
      {"\xEF\xBC\xA0" "SUM(A1)", "'\xEF\xBC\xA0" "SUM(A1)"}, // ＠SUM(A1)
      {"\xEF\xBC\x82\xEF\xBC\x9D" "1", "'\xEF\xBC\x82\xEF\xBC\x9D" "1"},  // ＂＝1
      // Not formulas.
      {"tekst = waar", "tekst = waar"},
      {"\xEF\xBC\xA1", "\xEF\xBC\xA1"},                      // Ａ (full-width A)
      {"  ", "  "},
      {"\"\"", "\"\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.cell);
    CHECK(luister::neutralize_formula(c.cell) == c.out);
    CHECK(luister::needs_neutralizing(c.cell) == (std::string(c.out) != c.cell));
  }
}

TEST_CASE("excel: decimal commas and Dutch headers for --excel nl") {
  // Plain decimal numbers get a comma; everything else stays as it is.
  CHECK(luister::decimal_comma("-0.830") == "-0,830");
  CHECK(luister::decimal_comma("7.5") == "7,5");
  CHECK(luister::decimal_comma("12") == "12");            // no point, nothing to change
  CHECK(luister::decimal_comma("1.2.3") == "1.2.3");      // not a number
  CHECK(luister::decimal_comma(".5") == ".5");            // no digit before the point: left alone
  CHECK(luister::decimal_comma("5.") == "5.");            // no digit after it
  CHECK(luister::decimal_comma("v1.2") == "v1.2");        // text with a number in it
  CHECK(luister::decimal_comma("") == "");
  // Known columns become Dutch; others (the export's own headers) stay.
  CHECK(luister::dutch_header("response_id") == "respondent");
  CHECK(luister::dutch_header("outcome_date") == "datum contact");
  CHECK(luister::dutch_header("E-mailadres") == "E-mailadres");
  CHECK(luister::parse_sheet_style("nl") == luister::SheetStyle::kExcelNl);
  CHECK_THROWS_AS(luister::parse_sheet_style("NL-be"), luister::UsageError);
}

TEST_CASE("excel: a sheet for Dutch Excel") {
  const std::string path = "excel_test_sheet.csv";
  {
    luister::Output out(path);
    luister::SheetWriter w(out, luister::SheetStyle::kExcelNl);
    w.header({"response_id", "grade", "text"});
    w.text("r1");
    w.number("7.5");
    w.text("=1+1; twee");
    w.end_row();
    w.text("r2");
    w.number("=2+2");  // not a number after all: written as neutralised text
    w.date("2026-11-17T10:05");  // Excel reads a date and time with a space
    w.end_row();
    out.commit();
  }
  CHECK(luister::read_file(path) == "\xEF\xBB\xBFrespondent;cijfer;antwoord\nr1;7,5;\"'=1+1; twee\"\nr2;'=2+2;2026-11-17 10:05\n");
  std::remove(path.c_str());
}
