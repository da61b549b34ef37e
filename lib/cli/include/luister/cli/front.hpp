#pragma once
/// The front command `luister`: runs `luister-<tool>` like `git <command>`, and lists the installed tools.

namespace luister {

/// Runs the front command with the process's arguments: `luister TOOL ARGS...` executes
/// luister-TOOL (found next to luister, then on PATH); `luister`, `--help` and `help` list the tools,
/// `help TOOL` shows the tool's --help, `--version` the version. Returns the exit code when it does
/// not exec the tool.
int run_front(int argc, char** argv);

}  // namespace luister
