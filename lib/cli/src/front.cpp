// The front command `luister`: runs `luister-<tool>` like `git <command>`, and lists the installed tools.
#include "luister/cli/front.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <boost/algorithm/string/predicate.hpp>

#include "luister/base/data.hpp"
#include "luister/base/version.hpp"

namespace {

// The folder of the running executable.
std::string self_dir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  std::string path(buf, static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/'));
}

// Where tools are looked for: next to luister first, then the folders of PATH.
std::vector<std::string> search_dirs() {
  std::vector<std::string> dirs{self_dir()};
  if (const char* path = std::getenv("PATH")) {
    std::string p = path;
    std::size_t start = 0;
    while (start <= p.size()) {
      std::size_t end = p.find(':', start);
      if (end == std::string::npos) end = p.size();
      if (end > start) dirs.push_back(p.substr(start, end - start));
      start = end + 1;
    }
  }
  return dirs;
}

// Whether `path` is a regular file we may execute.
bool executable(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// The first line of `tool --help` is "luister-x — what it does".
std::string summary_of(const std::string& path) {
  std::string cmd = "'" + path + "' --help 2>/dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return {};
  char line[512] = {0};
  if (!std::fgets(line, sizeof line, pipe)) line[0] = 0;
  ::pclose(pipe);
  std::string s = line;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  auto dash = s.find(" — ");
  return dash == std::string::npos ? s : s.substr(dash + std::strlen(" — "));
}

// Prints the usage and every luister-* tool found, with the summary line of its --help.
int list_tools() {
  std::map<std::string, std::string> tools;  // name → path, first in search order wins
  for (const auto& dir : search_dirs()) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) continue;
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (!boost::algorithm::starts_with(name, "luister-")) continue;
      std::string path = dir + "/" + name;
      if (executable(path) && !tools.count(name.substr(8))) tools[name.substr(8)] = path;
    }
    ::closedir(d);
  }
  std::printf("luister — listen to the open answers of Dutch customer surveys\n\n"
              "Usage: luister <tool> [options...]   (runs luister-<tool>)\n"
              "       luister <tool> --help          (help on one tool)\n"
              "       luister --data-dir             (the folder the tools read their lexicons from)\n\n"
              "Installed tools:\n");
  for (const auto& [name, path] : tools) std::printf("  %-10s %s\n", name.c_str(), summary_of(path).c_str());
  if (tools.empty()) std::printf("  (none found next to luister or on PATH)\n");
  std::printf("\nExample:\n  luister import export.csv | luister score | luister cluster | luister report\n");
  return 0;
}

}  // namespace

namespace luister {

int run_front(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    if (argc >= 3 && std::strcmp(argv[1], "help") == 0) {
      std::string tool = std::string("luister-") + argv[2];
      for (const auto& dir : search_dirs())
        if (executable(dir + "/" + tool)) ::execl((dir + "/" + tool).c_str(), tool.c_str(), "--help", nullptr);
    }
    return list_tools();
  }
  if (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-V") == 0) {
    std::printf("luister %s\n", luister::kVersion);
    return 0;
  }
  if (std::strcmp(argv[1], "--data-dir") == 0) {
    // Where the tools find their data (LUISTER_DATA, else next to the executable): for checking an install.
    const std::string dir = luister::data_dir_in_use();
    if (dir.empty()) {
      std::fprintf(stderr, "luister: no data folder with sentiment-nl.tsv found; set LUISTER_DATA or reinstall\n");
      return 1;
    }
    std::printf("%s\n", dir.c_str());
    return 0;
  }
  if (argv[1][0] == '-') {
    std::fprintf(stderr, "luister: unknown option '%s'\nTry 'luister --help'.\n", argv[1]);
    return 2;
  }
  std::string tool = std::string("luister-") + argv[1];
  for (const auto& dir : search_dirs()) {
    std::string path = dir + "/" + tool;
    if (executable(path)) {
      argv[1] = tool.data();
      ::execv(path.c_str(), argv + 1);
      std::fprintf(stderr, "luister: cannot run %s: %s\n", path.c_str(), std::strerror(errno));
      return 1;
    }
  }
  std::fprintf(stderr, "luister: '%s' is not a luister tool. See 'luister --help'.\n", argv[1]);
  return 2;
}

}  // namespace luister
