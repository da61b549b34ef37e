#include "luister/base/data.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/base/version.hpp"

namespace luister {
namespace {
bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
}  // namespace

std::vector<std::string> data_dirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("LUISTER_DATA")) {
    std::string s = env;
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find(':', start);
      if (end == std::string::npos) end = s.size();
      if (end > start) dirs.push_back(s.substr(start, end - start));
      start = end + 1;
    }
  }
  dirs.emplace_back(kDataInstallDir);
  dirs.emplace_back(kBuildDataDir);
  dirs.push_back(std::string(kSourceDir) + "/lexicons");
  return dirs;
}

std::string find_data_file(const std::string& name, const std::string& explicit_path) {
  if (!explicit_path.empty()) {
    if (!exists(explicit_path)) throw IoError(fmt::format("{}: no such data file", explicit_path));
    return explicit_path;
  }
  std::string tried;
  for (const auto& dir : data_dirs()) {
    std::string path = dir + "/" + name;
    if (exists(path)) return path;
    tried += (tried.empty() ? "" : ", ") + dir;
  }
  throw IoError(fmt::format("data file {} not found (looked in {})", name, tried),
                "set LUISTER_DATA to the folder holding luister's lexicons, or reinstall luister");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace luister
