#include "luister/base/data.hpp"

#include <sys/stat.h>
#include <unistd.h>

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

std::vector<std::string> data_dirs_for(const char* env, const std::string& executable) {
  std::vector<std::string> dirs;
  if (env) {
    std::string s = env;
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find(':', start);
      if (end == std::string::npos) end = s.size();
      if (end > start) dirs.push_back(s.substr(start, end - start));
      start = end + 1;
    }
  }
  const auto slash = executable.rfind('/');
  if (slash == std::string::npos) return dirs;
  const std::string bin = executable.substr(0, slash);
  dirs.push_back(bin.substr(0, bin.rfind('/')) + "/share/luister");  // <prefix>/bin/x → <prefix>/share/luister
  // A build-tree binary also reads the data the build generated and the checkout's lexicons/.
  if (bin == kBuildBinDir) {
    dirs.emplace_back(kBuildDataDir);
    dirs.push_back(std::string(kSourceDir) + "/lexicons");
  }
  return dirs;
}

std::string executable_path() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

std::vector<std::string> data_dirs() { return data_dirs_for(std::getenv("LUISTER_DATA"), executable_path()); }

std::string data_dir_in_use(const std::string& name) {
  for (const auto& dir : data_dirs())
    if (exists(dir + "/" + name)) return dir;
  return {};
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

std::vector<std::string> read_list_file(const std::string& path) {
  std::istringstream in(read_file(path));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

}  // namespace luister
