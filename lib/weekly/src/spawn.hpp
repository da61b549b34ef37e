#pragma once
// Running one stage of the weekly job: a luister tool beside the job's own executable, as a process
// of its own (no shell), its stderr passed through, its exit status returned.
#include <string>
#include <vector>

namespace luister::weekly {

/// The folder of the running executable, where the sibling tools are looked for.
std::string tools_dir();

/// Runs `tools_dir()/tool` with `args` in folder `cwd` (empty: the current one); stdin is
/// /dev/null, stdout goes to our stderr (the tools write their results with -o). Returns the exit
/// status, or 128 + N for a tool killed by signal N. Throws IoError when the tool is missing or
/// cannot be started.
int run_sibling(const std::string& tool, const std::vector<std::string>& args, const std::string& cwd = {});

}  // namespace luister::weekly
