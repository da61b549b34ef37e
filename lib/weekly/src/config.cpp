// The weekly job's configuration file, and the command line over it.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>

#include <boost/algorithm/string/join.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/weekly/weekly.hpp"

namespace luister {
namespace {

namespace fs = std::filesystem;

enum class Kind { kPath, kPathList, kText, kTextList, kNumber, kChoice };

struct Key {
  const char* name;
  Kind kind;
  const char* choices = "";  // for kChoice, space-separated; for kNumber "min max"
};

// Every setting the file may hold, in the order --show-config prints them.
constexpr Key kKeys[] = {
    {"work", Kind::kPath},           {"archive", Kind::kPath},           {"output", Kind::kPath},
    {"export", Kind::kPathList},     {"process", Kind::kTextList},       {"excel", Kind::kChoice, "nl plain"},
    {"lang", Kind::kChoice, "nl en"}, {"title", Kind::kText},             {"aspects", Kind::kPath},
    {"concepts", Kind::kPath},       {"contact", Kind::kTextList},
    {"consent", Kind::kTextList},    {"keep_weeks", Kind::kNumber, "0 10000"},
    {"context_weeks", Kind::kNumber, "0 520"},
    {"no_data_status", Kind::kNumber, "0 125"}, {"wait", Kind::kNumber, "0 86400"},
    {"threads", Kind::kNumber, "0 256"},
};

const Key* find_key(std::string_view name) {
  for (const auto& k : kKeys)
    if (name == k.name) return &k;
  return nullptr;
}

std::string known_keys() {
  std::vector<std::string> names;
  for (const auto& k : kKeys) names.emplace_back(k.name);
  return boost::algorithm::join(names, ", ");
}

struct Place {
  const std::string& file;
  std::uint64_t line;
  [[noreturn]] void fail(const std::string& what, const std::string& hint = {}) const {
    throw UsageError(fmt::format("{}:{}: {}.", file, line, what), hint);
  }
};

int parse_number(const Key& key, std::string_view value, const Place& at) {
  int lo = 0, hi = 0, n = 0;
  std::sscanf(key.choices, "%d %d", &lo, &hi);
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < lo || n > hi)
    at.fail(fmt::format("{} = '{}' is no whole number from {} to {}", key.name, value, lo, hi));
  return n;
}

void check_choice(const Key& key, const std::string& value, const Place& at) {
  const std::string choices = std::string(" ") + key.choices + " ";
  if (value.empty() || value.find(' ') != std::string::npos || choices.find(" " + value + " ") == std::string::npos)
    at.fail(fmt::format("{} = '{}' is not one of: {}", key.name, value, key.choices));
}

// A path of the file, taken from the file's own folder when relative (cron and systemd run
// elsewhere).
std::string from_folder(const std::string& value, const std::string& config) {
  if (value.empty() || value[0] == '/') return value;
  const fs::path folder = fs::path(config).parent_path();
  return folder.empty() ? value : (folder / value).lexically_normal().string();
}

void set_scalar(const Key& key, const std::string& value, const Place& at, WeeklyOptions& o) {
  const std::string_view name = key.name;
  if (key.kind == Kind::kChoice) check_choice(key, value, at);
  if (name == "work") o.work = from_folder(value, at.file);
  else if (name == "archive") o.archive = from_folder(value, at.file);
  else if (name == "output") o.output = from_folder(value, at.file);
  else if (name == "excel") o.dutch_excel = value == "nl";
  else if (name == "lang") o.lang = value;
  else if (name == "title") o.title = value;
  else if (name == "aspects") o.aspects = from_folder(value, at.file);
  else if (name == "concepts") o.concepts = from_folder(value, at.file);
  else if (name == "keep_weeks") o.keep_weeks = parse_number(key, value, at);
  else if (name == "context_weeks") o.context_weeks = parse_number(key, value, at);
  else if (name == "no_data_status") o.no_data_status = parse_number(key, value, at);
  else if (name == "wait") o.wait_seconds = parse_number(key, value, at);
  else if (name == "threads") o.threads = parse_number(key, value, at);
}

void add_to_list(const Key& key, const std::string& value, const Place& at, WeeklyOptions& o) {
  if (value.empty()) at.fail(fmt::format("{} = needs a value", key.name));
  const std::string_view name = key.name;
  if (name == "export") o.exports.push_back(from_folder(value, at.file));
  else if (name == "process") o.processes.push_back(value);
  else if (name == "contact") o.contact.push_back(value);
  else if (name == "consent") o.consent.push_back(value);
}

// One "key = value" line. A value in double quotes keeps its spaces.
void read_line(std::string_view text, const Place& at, std::map<std::string, std::uint64_t>& seen, WeeklyOptions& o) {
  const auto eq = text.find('=');
  if (text.front() == '[') at.fail("sections are not used", "write every setting as 'key = value', without [section] lines");
  if (eq == std::string_view::npos)
    at.fail(fmt::format("'{}' is no setting", text), "write 'key = value'; a # starts a comment line");
  std::string name(boost::algorithm::trim_copy(text.substr(0, eq)));
  for (char& c : name) c = c == '-' ? '_' : c;
  std::string value(boost::algorithm::trim_copy(text.substr(eq + 1)));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  const Key* key = find_key(name);
  if (!key) at.fail(fmt::format("unknown setting '{}'", name), "the settings are: " + known_keys());
  if (key->kind == Kind::kPathList || key->kind == Kind::kTextList) {
    add_to_list(*key, value, at, o);
    return;
  }
  if (auto [it, fresh] = seen.emplace(name, at.line); !fresh)
    at.fail(fmt::format("{} is set twice (also on line {})", name, it->second), "keep one of the two lines");
  set_scalar(*key, value, at, o);
}

}  // namespace

void read_weekly_config(const std::string& path, WeeklyOptions& options) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const IoError& e) {
    throw UsageError(fmt::format("cannot read the configuration {}: {}", path, e.what()),
                     "check the path given with --config (or pass --no-config)");
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // Notepad's byte order mark
  std::map<std::string, std::uint64_t> seen;
  std::uint64_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++number;
    const std::string_view line = boost::algorithm::trim_copy(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    read_line(line, Place{path, number}, seen, options);
  }
}

std::string format_weekly_config(const WeeklyOptions& o) {
  std::string out;
  auto line = [&out](std::string_view key, const std::string& value) {
    // Quoted when spaces at either end would otherwise be lost on reading it back.
    const bool quote = value != boost::algorithm::trim_copy(value);
    out += quote ? fmt::format("{} = \"{}\"\n", key, value) : fmt::format("{} = {}\n", key, value);
  };
  line("work", o.work);
  line("archive", o.archive);
  line("output", o.output);
  for (const auto& e : o.exports) line("export", e);
  for (const auto& p : o.processes) line("process", p);
  line("excel", o.dutch_excel ? "nl" : "plain");
  line("lang", o.lang);
  line("title", o.title);
  line("aspects", o.aspects);
  line("concepts", o.concepts);
  for (const auto& c : o.contact) line("contact", c);
  for (const auto& c : o.consent) line("consent", c);
  line("keep_weeks", std::to_string(o.keep_weeks));
  line("context_weeks", std::to_string(o.context_weeks));
  line("no_data_status", std::to_string(o.no_data_status));
  line("wait", std::to_string(o.wait_seconds));
  line("threads", std::to_string(o.threads));
  return out;
}

}  // namespace luister
