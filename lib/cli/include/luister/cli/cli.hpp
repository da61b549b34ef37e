#pragma once
/// What every luister tool shares on the command line: common options, messages, exit codes.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace luister {

/// Exit codes, decided in one place (run_tool).
inline constexpr int kExitOk = 0;
inline constexpr int kExitDataError = 1;
inline constexpr int kExitUsage = 2;

/// Options every tool has. `delimiter` is 0 when not given (tools sniff or use ',').
struct CommonOptions {
  std::vector<std::string> inputs;  ///< empty or "-" = stdin
  std::string output;               ///< empty or "-" = stdout
  char delimiter = 0;
  int progress = -1;  ///< -1 auto (only when stderr is a terminal), 0 off, 1 on
};

/// Which common options a tool takes beyond inputs, -o, --progress, --help and --version.
struct CommonFlags {
  bool delimiter = true;
};

/// Adds the common options to `app`, bound to `options`.
void add_common_options(CLI::App& app, CommonOptions& options, CommonFlags flags = {});

/// Adds --progress/--no-progress to `app` (a tool or one of its subcommands), setting `progress` to
/// 1 or 0; left alone it stays -1, which progress_enabled() reads as "only when stderr is a terminal".
void add_progress_option(CLI::App& app, int& progress);

/// Adds the subcommand `name` to `app`; when the command line chooses it, `chosen` becomes `name`.
CLI::App* add_command(CLI::App& app, std::string& chosen, const std::string& name, const std::string& description);

/// Parses a delimiter given on the command line: one character, or tab, comma, semicolon, pipe, \t.
char parse_delimiter(std::string_view text);

/// The name of the running tool ("luister-import"), used as the prefix of every message.
const std::string& tool_name();

/// Prints "tool: message" on stderr (clearing a progress line first).
void message(std::string_view text);

/// Runs `body` (which parses the command line with `app` and does the work) and maps what it throws
/// to a message and an exit code: help/version 0; UsageError and CLI errors 2; other errors 1;
/// BrokenPipe a quiet 0. Sets up SIGPIPE so a closed pipe is seen as an error, not a signal.
int run_tool(std::string_view name, CLI::App& app, const std::function<int()>& body);

/// True when `progress` (-1/0/1) means a progress line should be shown.
bool progress_enabled(int progress);

}  // namespace luister
