#include "spawn.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"

extern char** environ;

namespace luister::weekly {

std::string tools_dir() {
  const std::string self = executable_path();
  const auto slash = self.rfind('/');
  return slash == std::string::npos ? std::string(".") : self.substr(0, slash);
}

namespace {

// posix_spawn's file actions, freed however we leave.
struct FileActions {
  posix_spawn_file_actions_t actions{};
  FileActions() { posix_spawn_file_actions_init(&actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
};

}  // namespace

int run_sibling(const std::string& tool, const std::vector<std::string>& args, const std::string& cwd) {
  const std::string path = tools_dir() + "/" + tool;
  if (::access(path.c_str(), X_OK) != 0)
    throw IoError(fmt::format("{}: not found beside this program ({}).", tool, path),
                  "the luister tools belong together in one folder: reinstall luister, or run the job from build/bin");
  std::vector<std::string> words{tool};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);

  FileActions fa;
  posix_spawn_file_actions_addopen(&fa.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa.actions, 2, 1);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa.actions, cwd.c_str());
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, path.c_str(), &fa.actions, nullptr, argv.data(), environ);
  if (rc != 0) throw IoError(fmt::format("cannot run {}: {}", path, std::strerror(rc)));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw IoError(fmt::format("waiting for {}: {}", tool, std::strerror(errno)));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace luister::weekly
