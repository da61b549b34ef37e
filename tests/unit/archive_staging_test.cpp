// The weekly job's archive change (luister/archive/staging.hpp): made on a copy under the archive's
// write lock, put in place in one transaction (issue 18: it used to be two).
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "luister/archive/archive.hpp"
#include "luister/archive/callbacks.hpp"
#include "luister/archive/staging.hpp"
#include "luister/base/error.hpp"

namespace {

namespace fs = std::filesystem;

struct Scratch {
  fs::path path;
  Scratch() {
    char tmpl[] = "/tmp/luister-staging-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~Scratch() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return (path / name).string();
  }
  std::string db() const { return (path / "history.sqlite").string(); }
  std::string copy() const { return (path / "copy.sqlite").string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void add(const std::string& db, const std::string& csv) {
  luister::ArchiveAddOptions o;
  o.db = db;
  o.common.inputs = {csv};
  o.wait_seconds = 5;
  o.quiet = true;
  luister::add_to_archive(o);
}

std::size_t rows(const std::string& db) { return luister::load_archive(db, {}, 5).rows.size(); }

// The week's change as the weekly job makes it on the copy: answers (with a new column) and a list.
void change_copy(const Scratch& s) {
  add(s.copy(), s.file("w47.csv", "response_id,date,process,channel,grade,question,text,theme\n"
                                  "r2,2026-11-17,Wmo,Balie,3,waarom,te lang gewacht,T0001\n"));
  luister::CallbackCase c;
  c.response_id = "r2";
  c.process = "Wmo";
  luister::record_callback_cases(s.copy(), "2026-W47", {c}, 5);
}

const char* kWeek46 = "response_id,date,process,channel,grade,question,text\nr1,2026-11-10,Wmo,Balie,8,waarom,prima\n";

}  // namespace

TEST_CASE("staging: the copy's answers and call-back list go into the archive together") {
  Scratch s;
  add(s.db(), s.file("w46.csv", kWeek46));
  {
    luister::ArchiveStaging staging(s.db(), s.copy(), 5);
    CHECK(rows(s.copy()) == 1);  // the copy is the archive
    change_copy(s);
    CHECK(rows(s.db()) == 1);    // readers see the archive as it was until the commit
    staging.commit();
  }
  CHECK(rows(s.db()) == 2);
  const auto table = luister::load_archive(s.db(), {}, 5);
  CHECK(table.header.back() == "theme");  // the new column came along
  const auto cases = luister::load_callback_cases(s.db(), 5);
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].first_listed == "2026-W47");
}

TEST_CASE("staging: a failure inside the commit, or no commit, leaves the archive byte for byte as it was") {
  Scratch s;
  add(s.db(), s.file("w46.csv", kWeek46));
  const std::string before = slurp(s.db());
  {
    luister::ArchiveStaging staging(s.db(), s.copy(), 5);
    change_copy(s);
    CHECK_THROWS_AS(staging.commit([] { throw luister::IoError("disk full (test)"); }), luister::IoError);
  }
  CHECK(slurp(s.db()) == before);
  CHECK(luister::load_callback_cases(s.db(), 5).empty());
  {
    luister::ArchiveStaging staging(s.db(), s.copy(), 5);
    change_copy(s);
  }  // no commit: the run failed before it
  CHECK(slurp(s.db()) == before);
}

TEST_CASE("staging: another writer waits for the staged run; the run waits for another writer") {
  Scratch s;
  add(s.db(), s.file("w46.csv", kWeek46));
  const std::string other = s.file("other.csv", "response_id,date,process,channel,grade,question,text\n"
                                                "x1,2026-11-18,Afval,Balie,7,waarom,op tijd\n");
  {
    luister::ArchiveStaging staging(s.db(), s.copy(), 5);
    luister::ArchiveAddOptions o;
    o.db = s.db();
    o.common.inputs = {other};
    o.wait_seconds = 0;
    o.quiet = true;
    CHECK_THROWS_AS(luister::add_to_archive(o), luister::IoError);  // the lock is held
    change_copy(s);
    staging.commit();
  }
  add(s.db(), other);  // after the commit it goes in, beside the staged week
  CHECK(rows(s.db()) == 3);

  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(s.db().c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  bool told = false;
  CHECK_THROWS_AS(luister::ArchiveStaging(s.db(), s.copy(), 0, [&told] { told = true; }), luister::IoError);
  CHECK(told);
  sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(h);
}

TEST_CASE("staging: a missing archive is created by the first commit") {
  Scratch s;
  {
    luister::ArchiveStaging staging(s.db(), s.copy(), 5);
    change_copy(s);
    staging.commit();
  }
  CHECK(rows(s.db()) == 1);
}
