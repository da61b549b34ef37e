// Canonical CSV as every tool but luister-import reads it (open_csv_input): UTF-8 by definition,
// and a row that is not a row (an unclosed quote, a NUL byte) is an error naming file and line,
// never rows merged into one text or bytes guessed to be Windows-1252.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "luister/base/error.hpp"
#include "luister/csv/filter.hpp"

namespace {

std::string temp_csv(const std::string& bytes) {
  char name[] = "/tmp/luister-canonical-XXXXXX";
  int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(name, std::ios::binary) << bytes;
  return name;
}

// Reads every row of `bytes` through open_csv_input; returns the line of the InputError it throws
// (its message in `message`), or 0 when every row reads.
std::uint64_t error_line(const std::string& bytes, std::string& message) {
  const std::string path = temp_csv(bytes);
  std::uint64_t line = 0;
  try {
    luister::CsvInput in = luister::open_csv_input(path, 0);
    luister::CsvRecord rec;
    while (in.reader->next(rec)) {
    }
  } catch (const luister::InputError& e) {
    line = e.line();
    message = std::string(e.what()) + " Hint: " + e.hint();
  }
  ::unlink(path.c_str());
  return line;
}

}  // namespace

TEST_CASE("canonical input: malformed CSV is an error naming its line") {
  struct Case {
    const char* why;
    std::string bytes;
    std::uint64_t line;  // 0: reads fine
    const char* says;
  };
  const Case cases[] = {
      {"good UTF-8", "id,text\n1,caf\xC3\xA9\n2,b\n", 0, ""},
      {"a UTF-8 byte order mark", "\xEF\xBB\xBFid,text\n1,a\n", 0, ""},
      {"a quote closed on a later line", "id,text\n1,\"a\nb\"\n2,c\n", 0, ""},
      {"a quote never closed", "id,text\n1,a\n2,\"open\n3,c\n", 3, "never closed"},
      {"a NUL byte", std::string("id,text\n1,a\n2,b\0c\n", 18), 3, "NUL byte"},
      {"Windows-1252, not UTF-8", "id,text\n1,goed\n2,caf\xE9\n", 3, "luister-import"},
      {"a truncated UTF-8 sequence at the end", "id,text\n1,caf\xC3", 2, "luister-import"},
      {"UTF-16 with a byte order mark", std::string("\xFF\xFEi\0d\0\n\0", 8), 1, "luister-import"},
      {"invalid UTF-8 in the header", "id,caf\xE9\n1,a\n", 1, "luister-import"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.why));
    std::string message;
    CHECK(error_line(c.bytes, message) == c.line);
    CAPTURE(message);
    CHECK(message.find(c.says) != std::string::npos);
  }
}
