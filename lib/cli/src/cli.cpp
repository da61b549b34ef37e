#include "luister/cli/cli.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/base/version.hpp"
#include "luister/cli/progress.hpp"

namespace luister {
namespace {
std::string g_tool = "luister";
}

const std::string& tool_name() { return g_tool; }

void message(std::string_view text) {
  clear_progress_line();
  std::string line = fmt::format("{}: {}\n", g_tool, text);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

char parse_delimiter(std::string_view text) {
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text == "comma") return ',';
  if (text == "semicolon") return ';';
  if (text == "pipe") return '|';
  if (text.size() == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r') return text[0];
  throw UsageError(fmt::format("invalid delimiter '{}'", text),
                   "give one character such as ';' or ',', or one of tab, comma, semicolon, pipe");
}

void add_common_options(CLI::App& app, CommonOptions& options, CommonFlags flags) {
  app.add_option("inputs", options.inputs, "Input files; none or '-' reads standard input")->type_name("FILE");
  app.add_option("-o,--output", options.output,
                 "Write to FILE instead of standard output (atomically: a failed run leaves no half file)")
      ->type_name("FILE");
  if (flags.delimiter) {
    app.add_option_function<std::string>(
           "-d,--delimiter", [&options](const std::string& d) { options.delimiter = parse_delimiter(d); },
           "Input field delimiter (default: detected); one character, or tab, comma, semicolon, pipe")
        ->type_name("CHAR");
  }
  add_progress_option(app, options.progress);
  app.set_version_flag("-V,--version", fmt::format("{} (luister) {}", app.get_name(), kVersion));
}

void add_progress_option(CLI::App& app, int& progress) {
  app.add_flag_function(
      "--progress,!--no-progress", [&progress](std::int64_t n) { progress = n > 0 ? 1 : 0; },
      "Show (or hide) progress on stderr: the phase and its counts; default: only when stderr is a terminal");
}

CLI::App* add_command(CLI::App& app, std::string& chosen, const std::string& name, const std::string& description) {
  CLI::App* command = app.add_subcommand(name, description);
  command->callback([&chosen, name] { chosen = name; });
  return command;
}

bool progress_enabled(int progress) { return progress == 1 || (progress < 0 && ::isatty(2)); }

int run_tool(std::string_view name, CLI::App& app, const std::function<int()>& body) {
  g_tool = std::string(name);
  // A closed pipe must not kill us with a signal: writes fail with EPIPE and we exit quietly.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return body();
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e, std::cout, std::cerr);
      return kExitOk;
    }
    message(fmt::format("{}", e.what()));
    std::string hint = fmt::format("Try '{} --help' for more information.\n", name);
    std::fwrite(hint.data(), 1, hint.size(), stderr);
    return kExitUsage;
  } catch (const BrokenPipe&) {
    return kExitOk;
  } catch (const UsageError& e) {
    message(describe(e));
    return kExitUsage;
  } catch (const Error& e) {
    message(describe(e));
    return kExitDataError;
  } catch (const std::bad_alloc&) {
    message("out of memory");
    return kExitDataError;
  } catch (const std::exception& e) {
    message(fmt::format("internal error: {}", e.what()));
    return kExitDataError;
  }
}

}  // namespace luister
