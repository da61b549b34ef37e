// Where data files are looked for (issue 19): LUISTER_DATA first, then next to the executable, and the
// build and source trees only for a binary in this build's bin/.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "luister/base/data.hpp"
#include "luister/base/version.hpp"

using luister::data_dirs_for;
using Dirs = std::vector<std::string>;

TEST_CASE("data dirs: an installed binary looks only beside itself") {
  // No build or source folder: an installed tool never silently reads a checkout.
  CHECK(data_dirs_for(nullptr, "/opt/x/bin/luister-score") == Dirs{"/opt/x/share/luister"});
  CHECK(data_dirs_for(nullptr, "/usr/bin/luister-score") == Dirs{"/usr/share/luister"});
}

TEST_CASE("data dirs: LUISTER_DATA comes first, colon-separated, empty parts skipped") {
  CHECK(data_dirs_for("/a::/b", "/usr/bin/luister") == Dirs{"/a", "/b", "/usr/share/luister"});
  CHECK(data_dirs_for("", "/usr/bin/luister") == Dirs{"/usr/share/luister"});
}

TEST_CASE("data dirs: a build-tree binary also reads the build's and the source's data, in that order") {
  const std::string bin = luister::kBuildBinDir;
  const Dirs dirs = data_dirs_for("/env", bin + "/luister-score");
  REQUIRE(dirs.size() == 4);
  CHECK(dirs[0] == "/env");
  CHECK(dirs[1] == bin.substr(0, bin.rfind('/')) + "/share/luister");
  CHECK(dirs[2] == luister::kBuildDataDir);
  CHECK(dirs[3] == std::string(luister::kSourceDir) + "/lexicons");
  // A binary one level below bin/ is not the build's: no source fallback.
  CHECK(data_dirs_for(nullptr, bin + "/sub/luister-score").size() == 1);
}

TEST_CASE("data dirs: an unknown executable path leaves only LUISTER_DATA") {
  CHECK(data_dirs_for("/env", "") == Dirs{"/env"});
}

TEST_CASE("data dirs: the unit tests, run from build/bin, find the source lexicons") {
  CHECK(!luister::data_dir_in_use().empty());
  CHECK(!luister::executable_path().empty());
}
