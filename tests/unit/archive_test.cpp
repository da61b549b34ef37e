#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "luister/archive/archive.hpp"
#include "luister/base/error.hpp"

namespace {

namespace fs = std::filesystem;

// A scratch folder, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/luister-archive-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return (path / name).string();
  }
  std::string db() const { return (path / "a.sqlite").string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

luister::ArchiveAddStats add(const std::string& db, std::vector<std::string> inputs) {
  luister::ArchiveAddOptions o;
  o.db = db;
  o.common.inputs = std::move(inputs);
  o.wait_seconds = 5;
  return luister::add_to_archive(o);
}

// The selection as CSV-like lines, for compact comparisons.
std::vector<std::string> dump(const std::string& db, luister::ArchiveSelection sel = {}) {
  std::vector<std::string> out;
  auto t = luister::load_archive(db, sel, 5);
  std::string h;
  for (const auto& c : t.header) h += (h.empty() ? "" : ",") + c;
  out.push_back(h);
  for (const auto& r : t.rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) line += (i ? "," : "") + r[i];
    out.push_back(line);
  }
  return out;
}

void exec(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  CHECK(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
}

const char* kHeader = "response_id,date,process,channel,grade,question,text,sentiment\n";

}  // namespace

TEST_CASE("archive: adding the same export twice stores every answer once") {
  TempDir dir;
  std::string week = dir.file("w.csv", std::string(kHeader) +
                                           "r1,2026-11-16,Wmo,Telefoon,4,waarom,lang gewacht,-0.500\n"
                                           "r1,2026-11-16,Wmo,Telefoon,4,verbeteren,sneller,0.000\n"
                                           "r2,2026-11-17T10:05,KCC,Balie,8,waarom,prima,0.400\n");
  auto s1 = add(dir.db(), {week});
  CHECK(s1.read == 3);
  CHECK(s1.added == 3);
  CHECK(s1.stored == 3);
  auto s2 = add(dir.db(), {week});
  CHECK(s2.added == 0);
  CHECK(s2.unchanged == 3);
  CHECK(s2.stored == 3);
  // Ordered by date, response_id, question.
  CHECK(dump(dir.db()) == std::vector<std::string>{
                              "response_id,date,process,channel,grade,question,text,sentiment",
                              "r1,2026-11-16,Wmo,Telefoon,4,verbeteren,sneller,0.000",
                              "r1,2026-11-16,Wmo,Telefoon,4,waarom,lang gewacht,-0.500",
                              "r2,2026-11-17T10:05,KCC,Balie,8,waarom,prima,0.400",
                          });
}

TEST_CASE("archive: an overlapping export updates, and columns may differ between runs") {
  TempDir dir;
  std::string a = dir.file("a.csv", std::string(kHeader) + "r1,2026-11-16,Wmo,,4,waarom,lang gewacht,-0.500\n"
                                                           "r2,2026-11-17,KCC,,8,waarom,prima,0.400\n");
  // The next export: r2 again with a corrected text and a new column, r3 new, no sentiment column.
  std::string b = dir.file("b.csv",
                           "response_id,date,process,channel,grade,question,text,theme\n"
                           "r2,2026-11-17,KCC,,8,waarom,prima geholpen,T0001\n"
                           "r3,2026-11-18,KCC,,6,waarom,matig,overig\n");
  add(dir.db(), {a});
  auto s = add(dir.db(), {b});
  CHECK(s.added == 1);
  CHECK(s.updated == 1);
  CHECK(s.stored == 3);
  // r2 is replaced as a whole: its old sentiment belonged to the old text.
  CHECK(dump(dir.db()) == std::vector<std::string>{
                              "response_id,date,process,channel,grade,question,text,sentiment,theme",
                              "r1,2026-11-16,Wmo,,4,waarom,lang gewacht,-0.500,",
                              "r2,2026-11-17,KCC,,8,waarom,prima geholpen,,T0001",
                              "r3,2026-11-18,KCC,,6,waarom,matig,,overig",
                          });
  // A selection only carries the extra columns its rows have.
  luister::ArchiveSelection one;
  one.from = one.to = luister::day_from_civil(2026, 11, 16);
  CHECK(dump(dir.db(), one) == std::vector<std::string>{
                                   "response_id,date,process,channel,grade,question,text,sentiment",
                                   "r1,2026-11-16,Wmo,,4,waarom,lang gewacht,-0.500",
                               });
}

TEST_CASE("archive: header names that SQLite would fold together stay apart") {
  TempDir dir;
  std::string a = dir.file("a.csv", "response_id,question,E-mail,e-mail,first_run\n"
                                    "r1,waarom,A@x.nl,a@x.nl,42\n");
  add(dir.db(), {a});
  CHECK(dump(dir.db()) == std::vector<std::string>{
                              "response_id,date,process,channel,grade,question,text,E-mail,e-mail,first_run",
                              "r1,,,,,waarom,,A@x.nl,a@x.nl,42",
                          });
}

TEST_CASE("archive: a bad row midway leaves the archive as it was") {
  TempDir dir;
  std::string good = dir.file("good.csv", std::string(kHeader) + "r1,2026-11-16,Wmo,,4,waarom,x,0.1\n");
  add(dir.db(), {good});
  const std::string before = slurp(dir.db());
  const auto rows_before = dump(dir.db());

  SUBCASE("empty response_id") {
    std::string bad = dir.file("bad.csv", std::string(kHeader) + "r2,2026-11-16,Wmo,,4,waarom,y,0.1\n"
                                                                 ",2026-11-16,Wmo,,4,waarom,z,0.1\n");
    CHECK_THROWS_AS(add(dir.db(), {bad}), luister::Error);
  }
  SUBCASE("a row with too few fields, in the second of two inputs") {
    std::string ok = dir.file("ok.csv", std::string(kHeader) + "r3,2026-11-16,Wmo,,4,waarom,y,0.1\n");
    std::string bad = dir.file("bad.csv", std::string(kHeader) + "r4,2026-11-16,Wmo\n");
    CHECK_THROWS_AS(add(dir.db(), {ok, bad}), luister::Error);
  }
  SUBCASE("a date that is not ISO") {
    std::string bad = dir.file("bad.csv", std::string(kHeader) + "r2,16-11-2026,Wmo,,4,waarom,y,0.1\n");
    CHECK_THROWS_AS(add(dir.db(), {bad}), luister::Error);
  }
  SUBCASE("no question column") {
    std::string bad = dir.file("bad.csv", "response_id,text\nr9,hallo\n");
    CHECK_THROWS_AS(add(dir.db(), {bad}), luister::Error);
  }
  SUBCASE("one answer twice in a file, with other values") {
    std::string bad = dir.file("bad.csv", std::string(kHeader) + "r2,2026-11-16,Wmo,,4,waarom,y,0.1\n"
                                                                 "r2,2026-11-16,Wmo,,4,waarom,z,0.1\n");
    try {
      add(dir.db(), {bad});
      FAIL("no error");
    } catch (const luister::Error& e) {
      CHECK(std::string(e.what()).find("nothing was stored") != std::string::npos);
    }
  }
  SUBCASE("a new column, then a bad row: the new column goes too") {
    std::string bad = dir.file("bad.csv", "response_id,question,nieuw\nr2,waarom,x\nr3,,y\n");
    CHECK_THROWS_AS(add(dir.db(), {bad}), luister::Error);
  }
  CHECK(dump(dir.db()) == rows_before);
  CHECK(slurp(dir.db()) == before);  // byte for byte
}

TEST_CASE("archive: a row repeated word for word in one file is stored once") {
  TempDir dir;
  std::string a = dir.file("a.csv", std::string(kHeader) + "r1,2026-11-16,Wmo,,4,waarom,x,0.1\n"
                                                             "r2,2026-11-16,Wmo,,4,waarom,y,0.1\n"
                                                             "r1,2026-11-16,Wmo,,4,waarom,x,0.1\n");
  auto s = add(dir.db(), {a});
  CHECK(s.read == 3);
  CHECK(s.added == 2);
  CHECK(s.unchanged == 1);
  CHECK(s.stored == 2);
}

TEST_CASE("archive: selections by period and process") {
  TempDir dir;
  std::string a = dir.file("a.csv", std::string(kHeader) +
                                        "r1,2026-11-15T23:59,Wmo,,4,waarom,zondag,0\n"      // 2026-W46
                                        "r2,2026-11-16,KCC,,5,waarom,maandag,0\n"           // 2026-W47
                                        "r3,2026-11-22T23:59,Wmo,,6,waarom,zondag laat,0\n" // 2026-W47, last minute
                                        "r4,2026-11-23,Wmo,,7,waarom,week 48,0\n"
                                        "r5,,Wmo,,7,waarom,geen datum,0\n");
  add(dir.db(), {a});
  luister::ArchiveSelection w47;
  w47.select(luister::parse_week("2026-W47"));
  auto t = luister::load_archive(dir.db(), w47, 5);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0] == "r2");
  CHECK(t.rows[1][0] == "r3");
  w47.processes = {"Wmo"};
  t = luister::load_archive(dir.db(), w47, 5);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][0] == "r3");

  luister::ArchiveSelection from;  // open end
  from.from = luister::day_from_civil(2026, 11, 22);
  CHECK(luister::load_archive(dir.db(), from, 5).rows.size() == 2);
  luister::ArchiveSelection all;  // no period: also the row without a date, which sorts first
  t = luister::load_archive(dir.db(), all, 5);
  REQUIRE(t.rows.size() == 5);
  CHECK(t.rows[0][0] == "r5");
  luister::ArchiveSelection none;
  none.processes = {"Afval"};
  t = luister::load_archive(dir.db(), none, 5);
  CHECK(t.rows.empty());
  CHECK(t.header.size() == 7);

  // Streaming gives the same rows as loading.
  std::size_t n = 0;
  luister::read_archive(
      dir.db(), all, [&](const std::vector<std::string>& h) { CHECK(h.back() == "sentiment"); },
      [&](const std::vector<std::string_view>& r) { CHECK(r[0] == luister::load_archive(dir.db(), all, 5).rows[n++][0]); }, 5);
  CHECK(n == 5);
}

TEST_CASE("archive: schema version and foreign files") {
  TempDir dir;
  std::string a = dir.file("a.csv", "response_id,question\nr1,waarom\n");
  add(dir.db(), {a});
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(dir.db().c_str(), &h) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, nullptr);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == luister::kArchiveSchemaVersion);
  sqlite3_finalize(st);
  sqlite3_close(h);

  SUBCASE("a newer archive is refused, by add and by export, and left alone") {
    exec(dir.db(), "PRAGMA user_version = 99");
    const std::string before = slurp(dir.db());
    try {
      add(dir.db(), {a});
      FAIL("no error");
    } catch (const luister::Error& e) {
      CHECK(std::string(e.what()).find("newer luister") != std::string::npos);
    }
    CHECK_THROWS_AS(luister::load_archive(dir.db(), {}, 5), luister::IoError);
    CHECK(slurp(dir.db()) == before);
  }
  SUBCASE("another SQLite database is not taken for an archive") {
    std::string other = (dir.path / "other.sqlite").string();
    exec(other, "CREATE TABLE t(x)");
    CHECK_THROWS_AS(add(other, {a}), luister::IoError);
    CHECK_THROWS_AS(luister::load_archive(other, {}, 5), luister::IoError);
  }
  SUBCASE("a file that is no database at all is left untouched") {
    std::string csv = dir.file("export.csv", "response_id,question\nr1,waarom\n");
    try {
      add(csv, {a});
      FAIL("no error");
    } catch (const luister::IoError& e) {
      CHECK(std::string(e.what()).find("not an SQLite database") != std::string::npos);
    }
    CHECK(slurp(csv) == "response_id,question\nr1,waarom\n");
    CHECK_FALSE(fs::exists(csv + "-journal"));
  }
  SUBCASE("reading an archive that does not exist does not create it") {
    std::string missing = (dir.path / "missing.sqlite").string();
    CHECK_THROWS_AS(luister::load_archive(missing, {}, 5), luister::IoError);
    CHECK_FALSE(fs::exists(missing));
  }
}

TEST_CASE("archive: a second writer waits for the first, and gives up after --wait") {
  TempDir dir;
  std::string a = dir.file("a.csv", "response_id,question\nr1,waarom\n");
  add(dir.db(), {a});
  // Hold the write lock from another connection.
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(dir.db().c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  luister::ArchiveAddOptions o;
  o.db = dir.db();
  o.common.inputs = {a};
  o.wait_seconds = 0;
  try {
    luister::add_to_archive(o);
    FAIL("no error");
  } catch (const luister::IoError& e) {
    CHECK(std::string(e.what()).find("in use by another run") != std::string::npos);
  }
  // Readers are not blocked by a writer that has not committed yet.
  CHECK(luister::load_archive(dir.db(), {}, 0).rows.size() == 1);
  sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  CHECK(luister::add_to_archive(o).unchanged == 1);
}

TEST_CASE("archive: add refuses values luister-report would refuse, unless told to skip them (issue 15)") {
  TempDir dir;
  std::string good = dir.file("good.csv", std::string(kHeader) + "r1,2026-11-16,Wmo,,8,waarom,prima,0.5\n");
  add(dir.db(), {good});
  const std::string before = slurp(dir.db());
  for (const char* row : {"r2,2026-11-16,Wmo,,11,waarom,x,0", "r2,2026-11-16,Wmo,,NaN,waarom,x,0",
                          "r2,0000-11-16,Wmo,,8,waarom,x,0", "r2,2026-11-16T25:61,Wmo,,8,waarom,x,0"}) {
    std::string bad = dir.file("bad.csv", std::string(kHeader) + "r3,2026-11-17,Wmo,,7,waarom,ok,0\n" + row + "\n");
    CHECK_THROWS_AS(add(dir.db(), {bad}), luister::Error);
    CHECK(slurp(dir.db()) == before);
  }
  std::string bad = dir.file("bad.csv", std::string(kHeader) + "r3,2026-11-17,Wmo,,7,waarom,ok,0\nr2,2026-11-16,Wmo,,-1,waarom,x,0\n");
  luister::ArchiveAddOptions o;
  o.db = dir.db();
  o.common.inputs = {bad};
  o.on_bad_row = luister::BadRowPolicy::kSkip;
  const auto s = luister::add_to_archive(o);
  CHECK(s.bad_rows == 1);
  CHECK(s.added == 1);
  CHECK(s.stored == 2);
}

TEST_CASE("archive: text is stored masked unless raw; remove by response_id and by source (issue 15)") {
  TempDir dir;
  std::string a = dir.file("a.csv", "response_id,question,text\nr1,waarom,mijn BSN is 111222333\nr2,waarom,goed\n");
  std::string b = dir.file("b.csv", "response_id,question,text\nr3,waarom,mail j@x.nl\n");
  add(dir.db(), {a});
  luister::ArchiveAddOptions raw;
  raw.db = dir.db();
  raw.common.inputs = {b};
  raw.store_raw = true;
  luister::add_to_archive(raw);
  CHECK(dump(dir.db()) == std::vector<std::string>{"response_id,date,process,channel,grade,question,text",
                                                   "r1,,,,,waarom,mijn BSN is [BSN]", "r2,,,,,waarom,goed",
                                                   "r3,,,,,waarom,mail j@x.nl"});
  // Added again masked, the raw row changes (and is counted as updated).
  CHECK(add(dir.db(), {b}).updated == 1);
  CHECK(dump(dir.db()).back() == "r3,,,,,waarom,mail [EMAIL]");

  luister::ArchiveRemoveOptions rm;
  rm.db = dir.db();
  rm.response_ids = {"r2", "nobody"};
  CHECK(luister::remove_from_archive(rm) == 1);
  rm.response_ids.clear();
  rm.sources = {a};
  CHECK(luister::remove_from_archive(rm) == 1);  // r1; r2 is gone already
  CHECK(dump(dir.db()).size() == 2);
  CHECK_THROWS_AS(luister::remove_from_archive({dir.db(), {}, {}, 5}), luister::UsageError);
}

TEST_CASE("archive: purge masks raw text and empties personal columns of old rows only (issue 15)") {
  TempDir dir;
  std::string a = dir.file("a.csv", "response_id,date,grade,question,text,E-mail,Naam,Leeftijd\n"
                                    "r1,2026-01-05,3,waarom,bel 0612345678,a@x.nl,Jan,40\n"
                                    "r2,2026-03-02,8,waarom,bel 0612345679,b@x.nl,Piet,50\n");
  luister::ArchiveAddOptions raw;
  raw.db = dir.db();
  raw.common.inputs = {a};
  raw.store_raw = true;
  luister::add_to_archive(raw);
  const auto s = luister::purge_archive({dir.db(), *luister::parse_iso_day("2026-02-01"), 5});
  CHECK(s.rows == 1);
  CHECK(s.texts_masked == 1);
  CHECK(s.values_cleared == 2);
  CHECK(s.columns == std::vector<std::string>{"E-mail", "Naam"});
  CHECK(dump(dir.db()) == std::vector<std::string>{
                              "response_id,date,process,channel,grade,question,text,E-mail,Naam,Leeftijd",
                              "r1,2026-01-05,,,3,waarom,bel [TELEFOON],,,40",
                              "r2,2026-03-02,,,8,waarom,bel 0612345679,b@x.nl,Piet,50"});
  const std::string bytes = slurp(dir.db());
  CHECK(bytes.find("a@x.nl") == std::string::npos);
  CHECK(bytes.find("0612345678") == std::string::npos);
}
