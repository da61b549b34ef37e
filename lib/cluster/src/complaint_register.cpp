#include "luister/cluster/complaint_register.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <set>
#include <sstream>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/join.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/split.hpp>
#include <fmt/format.h>

#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/base/period.hpp"
#include "luister/base/utf8.hpp"
#include "luister/csv/values.hpp"

namespace luister {
namespace {

constexpr const char* kHeader =
    "# luister complaint register: the recurring complaints luister keeps track of, one [id] block each.\n"
    "# luister-cluster --register reads and rewrites this file; you may edit it between runs:\n"
    "#   label = ...           rename a theme (luister keeps a label that differs from label_auto)\n"
    "#   pinned = yes          keep its terms and label exactly as written\n"
    "#   merged_into = T0004   send its answers to T0004 from now on (ids are never reused)\n"
    "#   seeds = a, b c        guided theme: an answer holding one of these words or phrases goes here\n"
    "#   [new]                 a block of your own (scope, label, seeds); it gets an id on the next run\n"
    "# aspect is the theme's aspect of service (lexicons/aspects-nl.tsv), set by each run from its answers;\n"
    "# terms are stems and stem pairs with their weight; counts are answers per period.\n";

// luister's trim, not boost::trim: it also drops a no-break space (two bytes in UTF-8).
std::string trimmed(std::string_view s) { return std::string(trim(s)); }

// The items of a `sep`-separated list, trimmed; empty ones left out.
std::vector<std::string> split_list(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  boost::algorithm::split(parts, s, boost::algorithm::is_any_of(std::string_view(&sep, 1)));
  std::vector<std::string> out;
  for (std::string_view part : parts) {
    std::string item = trimmed(part);
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

// "word 0.5" → ("word", 0.5); the number is the last space-separated item.
bool parse_weighted(const std::string& item, std::string& term, double& weight) {
  std::size_t sp = item.rfind(' ');
  if (sp == std::string::npos) return false;
  std::string number = item.substr(sp + 1);
  char* end = nullptr;
  weight = std::strtod(number.c_str(), &end);
  if (end == number.c_str() || *end) return false;
  term = trimmed(std::string_view(item).substr(0, sp));
  return !term.empty();
}

bool valid_id(const std::string& id) {
  if (id.size() < 2 || id[0] != 'T') return false;
  return std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The keys luister writes in every [T0001] block; a block without one of them was cut off.
constexpr std::array<const char*, 11> kThemeKeys = {"scope",    "label",       "label_auto", "terms",
                                                     "seeds",    "pinned",      "merged_into", "first_seen",
                                                     "last_seen", "status",     "counts"};
constexpr std::array<const char*, 6> kStatuses = {"new", "growing", "shrinking", "stable", "gone", "merged"};
constexpr const char* kBackupHint =
    "restore the register from a backup (luister-weekly keeps the one from before each week in "
    "weeks/<week>/register-before.txt), or complete it by hand";

// Reads a register file line by line into `reg`; every error names the file and line.
class RegisterReader {
  // What was read of one block: its keys, its last line and the line of its merged_into.
  struct Block {
    std::set<std::string> keys;
    std::size_t last_line = 0;
    std::size_t merge_line = 0;
  };

 public:
  RegisterReader(const std::string& path, ComplaintRegister& reg) : path_(path), reg_(reg) {}

  // Reads every line of `text` (UTF-8; a byte order mark at the start is accepted and dropped),
  // then checks the whole and gives hand-written themes their ids.
  void read(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty()) {
      std::size_t end = text.find('\n');
      cut_off_ = end == std::string_view::npos;  // the last line has no line break
      std::string_view raw = text.substr(0, cut_off_ ? text.size() : end);
      text.remove_prefix(cut_off_ ? text.size() : end + 1);
      ++number_;
      check_utf8(raw);
      read_line(trimmed(raw));
    }
    cut_off_ = false;
    check();
    assign_new_ids();
  }

 private:
  [[noreturn]] void fail(const std::string& message, const std::string& hint = {}) const {
    if (cut_off_)  // a mistake in a last line without a line break: most likely the file was cut off
      throw InputError(path_, number_, message + " The file ends in the middle of this line: it looks cut off.",
                       kBackupHint);
    throw InputError(path_, number_, message,
                     hint.empty() ? "fix the line by hand, or remove the file to start a new register" : hint);
  }

  // The register is UTF-8: a Latin-1 or Windows-1252 byte is named with its place in the line.
  void check_utf8(std::string_view raw) const {
    const std::size_t valid = valid_utf8_prefix(raw.data(), raw.size());
    if (valid == raw.size()) return;
    throw InputError(path_, number_,
                     fmt::format("byte {} of the line (0x{:02X}) is not UTF-8; the register looks saved as Latin-1 "
                                 "or Windows-1252.",
                                 valid + 1, static_cast<unsigned char>(raw[valid])),
                     "save the register as UTF-8 (in your editor: Save as, encoding UTF-8) and run again");
  }

  // One trimmed line: a comment, a block header, next_id, or a key of the current theme.
  void read_line(const std::string& line) {
    if (line.empty() || line[0] == '#') return;
    if (line.front() == '[') {
      block_header(line);
      return;
    }
    std::size_t eq = line.find('=');
    if (eq == std::string::npos) fail(fmt::format("expected 'key = value', found '{}'.", line));
    std::string key = trimmed(std::string_view(line).substr(0, eq));
    std::string value = trimmed(std::string_view(line).substr(eq + 1));
    if (theme_) theme_value(key, value);
    else next_id(key, value);
  }

  // "[T0001]" or "[new]": starts the block of a theme.
  void block_header(const std::string& line) {
    if (line.back() != ']') fail(fmt::format("'{}' is no block header; expected [T0001] or [new].", line));
    std::string id = trimmed(std::string_view(line).substr(1, line.size() - 2));
    if (id == "new") {
      id = fmt::format("new-{}", ++hand_written_);
    } else if (!valid_id(id)) {
      fail(fmt::format("'{}' is no theme id; ids look like T0001 (or write [new] for a theme of your own).", id));
    }
    for (const auto& t : reg_.themes)
      if (t.id == id) fail(fmt::format("theme {} appears twice (first on line {}).", id, t.line));
    reg_.themes.emplace_back();
    theme_ = &reg_.themes.back();
    theme_->id = id;
    theme_->line = number_;
    blocks_.emplace_back();
  }

  // The only key before the first block.
  void next_id(const std::string& key, const std::string& value) {
    if (key != "next_id") fail(fmt::format("'{}' before the first [id] block.", key));
    next_id_line_ = number_;
    char* end = nullptr;
    unsigned long n = std::strtoul(value.c_str(), &end, 10);
    if (value.empty() || *end || n == 0) fail(fmt::format("next_id '{}' is not a positive number.", value));
    reg_.next_id = static_cast<std::uint32_t>(n);
  }

  // One key of the current theme.
  void theme_value(const std::string& key, const std::string& value) {
    Block& block = blocks_.back();
    block.keys.insert(key);
    block.last_line = number_;
    if (key == "scope") {
      theme_->scope = value;
    } else if (key == "label") {
      theme_->label = value;
    } else if (key == "label_auto") {
      theme_->label_auto = value;
    } else if (key == "aspect") {
      theme_->aspect = value;
    } else if (key == "terms") {
      terms(value);
    } else if (key == "seeds") {
      theme_->seeds = split_list(value, ',');
    } else if (key == "pinned") {
      if (value != "yes" && value != "no") fail(fmt::format("pinned is '{}'; write yes or no.", value));
      theme_->pinned = value == "yes";
    } else if (key == "merged_into") {
      theme_->merged_into = value;
      block.merge_line = number_;
    } else if (key == "first_seen") {
      theme_->first_seen = value;
    } else if (key == "last_seen") {
      theme_->last_seen = value;
    } else if (key == "status") {
      theme_->status = value;
    } else if (key == "counts") {
      counts(value);
    } else {
      fail(fmt::format("unknown key '{}'.", key),
           "known keys: scope, label, label_auto, aspect, terms, seeds, pinned, merged_into, first_seen, last_seen, "
           "status, counts");
    }
  }

  // "wacht 0.5 | bellen 0.3": terms with their weights.
  void terms(const std::string& value) {
    for (const auto& item : split_list(value, '|')) {
      std::string term;
      double weight = 0;
      if (!parse_weighted(item, term, weight) || weight < 0)
        fail(fmt::format("term '{}' should be a word or phrase followed by a weight, like 'wacht 0.5'.", item));
      theme_->terms.emplace_back(term, weight);
    }
  }

  // "2026-W47 12 | 2026-W48 3": answers per period.
  void counts(const std::string& value) {
    for (const auto& item : split_list(value, '|')) {
      std::string period;
      double n = 0;
      if (!parse_weighted(item, period, n) || n < 0 || n != static_cast<double>(static_cast<std::size_t>(n)))
        fail(fmt::format("count '{}' should be a period and a whole number, like '2026-W47 12'.", item));
      theme_->counts[period] = static_cast<std::size_t>(n);
    }
  }

  // The whole register: complete blocks, next_id above every id, merges into known themes without
  // cycles, and hand-written themes with something to go on.
  void check() {
    if (next_id_line_ == 0 && reg_.themes.empty())
      fail_at(std::max<std::size_t>(number_, 1), "the register has no next_id line and no themes: it is empty or cut off.",
              "remove the file to start a new register, or " + std::string(kBackupHint));
    for (std::size_t i = 0; i < reg_.themes.size(); ++i) check_block(reg_.themes[i], blocks_[i]);
    check_next_id();
    for (std::size_t i = 0; i < reg_.themes.size(); ++i) check_merge(reg_.themes[i], blocks_[i]);
    for (const auto& t : reg_.themes)
      if (boost::algorithm::starts_with(t.id, "new-") && t.seeds.empty() && t.terms.empty())
        fail_at(t.line, "a theme written by hand needs seeds (seeds = word, phrase) or terms.");
  }

  // A [T0001] block holds every key luister writes, a known status and periods that are periods.
  void check_block(const RegisterTheme& t, const Block& block) const {
    if (!valid_id(t.id)) return;  // [new]: scope, label and seeds are enough
    std::vector<std::string> missing;
    for (const char* key : kThemeKeys)
      if (!block.keys.count(key)) missing.emplace_back(key);
    if (!missing.empty())
      fail_at(std::max(block.last_line, t.line),
              fmt::format("theme {} (from line {}) ends without {}: luister writes every key, so the block looks cut "
                          "off.",
                          t.id, t.line, boost::algorithm::join(missing, ", ")),
              kBackupHint);
    if (!t.status.empty() && std::find(kStatuses.begin(), kStatuses.end(), t.status) == kStatuses.end())
      fail_at(t.line, fmt::format("theme {} has status '{}'; it is one of new, growing, shrinking, stable, gone, merged.",
                                  t.id, t.status));
    for (const std::string* p : {&t.first_seen, &t.last_seen})
      if (!p->empty() && !parse_period_id(*p))
        fail_at(t.line, fmt::format("theme {}: '{}' is no period; write a week like 2026-W47 or a month like 2026-11.",
                                    t.id, *p));
  }

  // next_id is there when themes have ids, and above every one of them: ids are never reused.
  void check_next_id() const {
    std::uint32_t highest = 0;
    const RegisterTheme* last = nullptr;
    for (const auto& t : reg_.themes)
      if (valid_id(t.id) && std::stoul(t.id.substr(1)) >= highest) {
        highest = static_cast<std::uint32_t>(std::stoul(t.id.substr(1)));
        last = &t;
      }
    if (!last) return;
    if (next_id_line_ == 0)
      fail_at(1, "the register has themes but no next_id line: it looks cut off or damaged.",
              fmt::format("add 'next_id = N' above the first block, with N higher than every id ever used (at least "
                          "{}), or {}",
                          highest + 1, kBackupHint));
    if (reg_.next_id <= highest)
      fail_at(next_id_line_,
              fmt::format("next_id is {}, but {} (line {}) is already used: ids are never reused.", reg_.next_id,
                          last->id, last->line),
              fmt::format("set next_id = {} (or higher, if higher ids were used before)", highest + 1));
  }

  // A merge goes to a theme in the register, and following merges never comes back.
  void check_merge(const RegisterTheme& t, const Block& block) const {
    if (t.merged_into.empty()) return;
    const std::size_t at = block.merge_line ? block.merge_line : t.line;
    std::vector<std::string> chain = {t.id};
    for (std::string next = t.merged_into; !next.empty();) {
      const auto it = std::find_if(reg_.themes.begin(), reg_.themes.end(),
                                   [&](const RegisterTheme& o) { return o.id == next; });
      if (it == reg_.themes.end())
        fail_at(at, fmt::format("theme {} is merged into {}, which is not in the register.", chain.back(), next),
                "write the id of a theme in this file after merged_into, or leave it empty");
      if (std::find(chain.begin(), chain.end(), next) != chain.end()) {
        chain.push_back(next);
        fail_at(at, fmt::format("theme {} is merged in a circle: {}.", t.id, boost::algorithm::join(chain, " -> ")),
                "leave merged_into empty on the theme of the circle that the answers should go to");
      }
      chain.push_back(next);
      next = it->merged_into;
    }
  }

  [[noreturn]] void fail_at(std::size_t line, const std::string& message, const std::string& hint = {}) const {
    throw InputError(path_, line, message,
                     hint.empty() ? "fix the line by hand, or remove the file to start a new register" : hint);
  }

  // Hand-written themes get their ids now, in the order they appear.
  void assign_new_ids() {
    for (auto& t : reg_.themes)
      if (boost::algorithm::starts_with(t.id, "new-")) {
        t.id = reg_.new_id();
        if (t.label.empty() && !t.seeds.empty()) t.label = t.seeds.front();
        if (t.status.empty()) t.status = "new";
      }
  }

  const std::string& path_;
  ComplaintRegister& reg_;
  std::vector<Block> blocks_;        // one per theme, in the order of reg_.themes
  std::size_t next_id_line_ = 0;     // 0: no next_id line
  bool cut_off_ = false;             // reading a last line that has no line break
  std::size_t number_ = 0;           // the line being read
  RegisterTheme* theme_ = nullptr;   // the block being read
  std::size_t hand_written_ = 0;     // [new] blocks so far
};

}  // namespace

ComplaintRegister ComplaintRegister::load(const std::string& path) {
  ComplaintRegister reg;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return reg;  // first run: no register yet
  RegisterReader(path, reg).read(read_file(path));
  return reg;
}

std::string ComplaintRegister::to_string() const {
  std::string out = kHeader;
  out += fmt::format("next_id = {}\n", next_id);
  std::vector<const RegisterTheme*> sorted;
  for (const auto& t : themes) sorted.push_back(&t);
  std::sort(sorted.begin(), sorted.end(), [](const RegisterTheme* a, const RegisterTheme* b) { return a->id < b->id; });
  for (const RegisterTheme* t : sorted) {
    out += fmt::format("\n[{}]\n", t->id);
    out += fmt::format("scope = {}\n", t->scope);
    out += fmt::format("label = {}\n", t->label);
    out += fmt::format("label_auto = {}\n", t->label_auto);
    out += fmt::format("aspect = {}\n", t->aspect);
    std::string terms;
    for (const auto& [term, weight] : t->terms) terms += fmt::format("{}{} {:.3f}", terms.empty() ? "" : " | ", term, weight);
    out += fmt::format("terms = {}\n", terms);
    out += fmt::format("seeds = {}\n", boost::algorithm::join(t->seeds, ", "));
    out += fmt::format("pinned = {}\n", t->pinned ? "yes" : "no");
    out += fmt::format("merged_into = {}\n", t->merged_into);
    out += fmt::format("first_seen = {}\n", t->first_seen);
    out += fmt::format("last_seen = {}\n", t->last_seen);
    out += fmt::format("status = {}\n", t->status);
    std::string counts;
    for (const auto& [period, n] : t->counts) counts += fmt::format("{}{} {}", counts.empty() ? "" : " | ", period, n);
    out += fmt::format("counts = {}\n", counts);
  }
  return out;
}

void ComplaintRegister::save(const std::string& path) const {
  Output out(path);
  out.write(to_string());
  out.commit();
}

std::string ComplaintRegister::new_id() { return fmt::format("T{:04d}", next_id++); }

RegisterTheme* ComplaintRegister::find(const std::string& id) {
  for (auto& t : themes)
    if (t.id == id) return &t;
  return nullptr;
}

const RegisterTheme* ComplaintRegister::resolve(const std::string& id) const {
  const RegisterTheme* at = nullptr;
  std::string next = id;
  std::set<std::string> seen;
  while (!next.empty() && seen.insert(next).second) {
    auto it = std::find_if(themes.begin(), themes.end(), [&](const RegisterTheme& t) { return t.id == next; });
    if (it == themes.end()) break;
    at = &*it;
    next = it->merged_into;
  }
  return at;
}

}  // namespace luister
