// The weekly job: import -> score -> cluster (register) -> archive (one transaction) -> call-back
// list -> report, all on copies in WORK/.run, published only when every step succeeded.
#include "luister/weekly/weekly.hpp"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <thread>

#include <boost/algorithm/string/join.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "luister/archive/staging.hpp"
#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/base/period.hpp"
#include "luister/cli/cli.hpp"
#include "spawn.hpp"
#include "weekly_job.hpp"

namespace luister {
namespace {

using weekly::fs::path;
using weekly::StepFailed;
namespace fs = weekly::fs;

void write_text(const path& file, const std::string& text) {
  Output out(file.string());
  out.write(text);
  out.commit();
}

std::string read_text(const path& file) {
  std::error_code ec;
  return fs::exists(file, ec) ? read_file(file.string()) : std::string();
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// One run of the job: its folders, the week, and the steps in order.
class WeeklyRun {
 public:
  explicit WeeklyRun(const WeeklyOptions& o)
      : o_(o), work_(o.work), out_(o.output), archive_(o.archive), scratch_(work_ / ".run") {}
  int run();
  /// The step running (or that failed), for messages.
  const std::string& step() const { return step_; }

 private:
  // Runs one stage; a status 1 with `bad_input` set is bad input (65), explained by it.
  void tool(const std::string& step, const std::string& name, const std::vector<std::string>& args,
            const char* bad_input = nullptr, const std::string& cwd = {});
  std::vector<std::string> excel_args() const {
    return o_.dutch_excel ? std::vector<std::string>{"--excel", "nl"} : std::vector<std::string>{};
  }
  std::string threads() const {
    const unsigned n = o_.threads > 0 ? static_cast<unsigned>(o_.threads) : std::thread::hardware_concurrency();
    return std::to_string(std::max(1U, n));
  }
  void import_and_score();
  void find_week();
  void choose_register();
  std::string export_context();
  void cluster();
  void archive_followup_report();
  void publish_and_commit(ArchiveStaging& staging);
  void after_commit();
  int finish();

  const WeeklyOptions& o_;
  path work_, out_, archive_, scratch_, results_;
  std::string step_ = "start";
  std::string week_, first_, last_, newest_, fingerprint_;
  bool write_snapshot_ = false;
  bool no_data_ = false;
  bool callback_list_ = true;  // the answers have contact or consent columns: a call-back list is made
};

void WeeklyRun::tool(const std::string& step, const std::string& name, const std::vector<std::string>& args,
                     const char* bad_input, const std::string& cwd) {
  step_ = step.substr(0, step.find(':'));
  message(step);
  const int status = weekly::run_sibling(name, args, cwd);
  if (status == 0) return;
  std::string why = fmt::format("{} ended with status {}", name, status);
  const bool input = bad_input && status == 1;
  if (input) why += fmt::format(": {}", bad_input);
  throw StepFailed{input ? kWeeklyBadInput : kWeeklyFailure, fmt::format("failed at step '{}': {}", step_, why)};
}

void WeeklyRun::import_and_score() {
  const std::vector<std::string> files = weekly::resolve_exports(o_.exports);
  std::vector<std::string> args{"--no-progress", "--stats", "-o", (scratch_ / "answers.csv").string()};
  args.insert(args.end(), files.begin(), files.end());
  tool(fmt::format("import: {} export{}", files.size(), files.size() == 1 ? "" : "s"), "luister-import", args,
       "the export above is not readable as a survey export");
  if (!o_.processes.empty()) {
    step_ = "process filter";
    fs::rename(scratch_ / "answers.csv", scratch_ / "answers-all.csv");
    const auto [kept, read] = weekly::filter_processes((scratch_ / "answers-all.csv").string(),
                                                       (scratch_ / "answers.csv").string(), o_.processes);
    message(fmt::format("process filter: {} of {} answers kept", kept, read));
  }
  fingerprint_ = weekly::fingerprint_of((scratch_ / "answers.csv").string());
  tool("score", "luister-score",
       {"--no-progress", "-j", threads(), "-o", (scratch_ / "scored.csv").string(), (scratch_ / "answers.csv").string()});
}

// The week, as the report sees it: --week, or the last complete week of the export.
void WeeklyRun::find_week() {
  std::vector<std::string> args{"--no-progress", "--format", "json", "-o", (scratch_ / "period.json").string()};
  if (!o_.week.empty()) args.insert(args.end(), {"--week", o_.week});
  args.push_back((scratch_ / "scored.csv").string());
  tool("week: which week to report on", "luister-report", args,
       "no week can be read from the export's dates (above); name it with --week");
  const auto period = nlohmann::json::parse(read_text(scratch_ / "period.json")).at("period");
  week_ = period.at("id").get<std::string>();
  first_ = period.at("first").get<std::string>();
  last_ = period.at("last").get<std::string>();
  message(fmt::format("week {} ({} .. {})", week_, first_, last_));
  results_ = out_ / ("." + week_ + ".new");
}

// The register to start from: the one from before this week's first run when the week is re-run with
// the same answers and no later week was processed since; else the current one.
void WeeklyRun::choose_register() {
  step_ = "register";
  const path snapshot = work_ / "weeks" / week_ / "register-before.txt";
  newest_ = first_line(read_text(work_ / "newest-week"));
  const bool same_week = fs::exists(snapshot) && newest_ == week_;
  const bool same_answers = first_line(read_text(work_ / "weeks" / week_ / "answers.fingerprint")) == fingerprint_;
  const path scratch_register = scratch_ / "register.txt";
  if (same_week && same_answers) {
    message(fmt::format("register: {} was run before on the same answers: starting from the register as it was "
                        "before that run", week_));
    if (fs::file_size(snapshot) > 0) fs::copy_file(snapshot, scratch_register);
  } else if (fs::exists(work_ / "register.txt")) {
    fs::copy_file(work_ / "register.txt", scratch_register);
    if (same_week)
      message(fmt::format("register: {} was run before on other answers: clustering against the current register, "
                          "so its ids stay theirs", week_));
    else if (!newest_.empty() && week_ < newest_)
      message(fmt::format("register: note: {} is older than the newest week processed ({}); clustering against the "
                          "current register", week_, newest_));
  }
  if (fs::exists(scratch_register)) fs::copy_file(scratch_register, scratch_ / "register-before.txt");
  write_snapshot_ = !fs::exists(snapshot) || newest_ != week_;
}

// The archive's answers of the context_weeks weeks before the week, for luister-cluster --context:
// a week alone holds too few answers to find its complaints in. Only weeks before it, so that a
// re-run of the week sees the same context. Empty when there is no archive yet or nothing in it.
std::string WeeklyRun::export_context() {
  std::error_code ec;
  if (o_.context_weeks <= 0 || !fs::exists(archive_, ec)) return {};
  const std::optional<Day> monday = parse_iso_day(first_);
  if (!monday) return {};
  const path context = scratch_ / "context.csv";
  std::vector<std::string> args{"export", "--db", archive_.string(), "--wait", std::to_string(o_.wait_seconds),
                                "--from", format_iso_day(*monday - 7 * o_.context_weeks),
                                "--to", format_iso_day(*monday - 1), "-o", context.string()};
  for (const auto& p : o_.processes) args.insert(args.end(), {"--process", p});  // this job's processes only
  tool(fmt::format("context: the archive's {} weeks before {}", o_.context_weeks, week_), "luister-archive", args);
  std::ifstream in(context);
  std::string line;
  const bool rows = std::getline(in, line) && std::getline(in, line);  // more than the header
  return rows ? context.string() : std::string();
}

void WeeklyRun::cluster() {
  const std::string context = export_context();
  fs::remove_all(results_);
  fs::create_directories(results_);
  std::vector<std::string> args{"--no-progress", "-j", threads(), "--register", (scratch_ / "register.txt").string(),
                                "--summary", (results_ / "klachten.csv").string(),
                                "--excel-copy", (results_ / "antwoorden.csv").string()};
  if (!context.empty()) args.insert(args.end(), {"--context", context});
  for (const auto& a : excel_args()) args.push_back(a);
  if (!o_.aspects.empty()) args.insert(args.end(), {"--aspects", fs::absolute(o_.aspects).string()});
  if (!o_.concepts.empty()) args.insert(args.end(), {"--concepts", fs::absolute(o_.concepts).string()});
  args.insert(args.end(), {"-o", (scratch_ / "antwoorden.csv").string(), (scratch_ / "scored.csv").string()});
  tool("cluster", "luister-cluster", args);
}

// On the copy of the archive: the week's answers, its call-back list, and the report (from the
// archive, so the trend covers the weeks before).
void WeeklyRun::archive_followup_report() {
  const std::string db = (scratch_ / "history.sqlite").string();
  tool("archive", "luister-archive", {"add", "--db", db, (scratch_ / "antwoorden.csv").string()});
  std::vector<std::string> args{"--no-progress", "--db", db, "--week", week_};
  for (const auto& a : excel_args()) args.push_back(a);
  for (const auto& c : o_.contact) args.insert(args.end(), {"--contact", c});
  for (const auto& c : o_.consent) args.insert(args.end(), {"--consent", c});
  args.insert(args.end(), {"-o", (results_ / "terugbellen.csv").string(), (scratch_ / "antwoorden.csv").string()});
  // An anonymous survey has no one to call back: the week is reported all the same, without a
  // call-back list. Columns named in the configuration must be there (luister-followup checks).
  callback_list_ = !o_.contact.empty() || !o_.consent.empty() ||
                   weekly::has_contact_columns((scratch_ / "antwoorden.csv").string());
  if (callback_list_)
    tool("followup", "luister-followup", args);
  else
    message("followup: the answers have no column with contact details or consent (an anonymous survey?): no "
            "call-back list this week; name such columns with 'contact =' or 'consent =' in the configuration");
  for (const char* format : {"html", "md", "json"}) {
    // In the scratch folder: the report names its input, and "history.sqlite" is the same every run.
    std::vector<std::string> report{"--no-progress", "--db", "history.sqlite", "--week", week_, "--format", format,
                                    "--register", "register.txt", "--lang", o_.lang};
    if (!o_.title.empty()) report.insert(report.end(), {"--title", o_.title});
    // The report runs in the scratch folder: the concepts by their absolute path.
    if (!o_.concepts.empty()) report.insert(report.end(), {"--concepts", fs::absolute(o_.concepts).string()});
    if (std::string_view(format) == "md") {
      report.insert(report.end(), {"--compliments", fs::absolute(results_ / "complimenten.csv").string()});
      for (const auto& a : excel_args()) report.push_back(a);
    }
    report.insert(report.end(), {"-o", fs::absolute(results_ / fmt::format("rapport.{}", format)).string()});
    tool(fmt::format("report ({})", format), "luister-report", report, nullptr, scratch_.string());
  }
}

// The results, the register and the week's bookkeeping go in place by renames, then the archive
// commits; if the commit fails, the renames are undone.
void WeeklyRun::publish_and_commit(ArchiveStaging& staging) {
  step_ = "commit";
  message("commit");
  no_data_ = nlohmann::json::parse(read_text(results_ / "rapport.json")).value("no_data", false);
  const path week_state = work_ / "weeks" / week_;
  fs::create_directories(week_state);
  write_text(scratch_ / "answers.fingerprint", fingerprint_ + "\n");
  if (write_snapshot_ && !fs::exists(scratch_ / "register-before.txt")) write_text(scratch_ / "register-before.txt", "");
  const bool newest = newest_.empty() || !(week_ < newest_);
  if (newest) write_text(scratch_ / "newest-week", week_ + "\n");
  weekly::Publisher publisher;
  if (write_snapshot_) publisher.put(scratch_ / "register-before.txt", week_state / "register-before.txt");
  publisher.put(scratch_ / "answers.fingerprint", week_state / "answers.fingerprint");
  publisher.put(results_, out_ / week_);
  publisher.put(scratch_ / "register.txt", work_ / "register.txt");
  if (newest) publisher.put(scratch_ / "newest-week", work_ / "newest-week");
  staging.commit([] {
    // For the tests: a failure inside the archive's transaction, after the week was copied in.
    if (const char* fault = std::getenv("LUISTER_WEEKLY_TEST_FAULT"); fault && std::string_view(fault) == "commit")
      throw IoError("the archive's commit failed (LUISTER_WEEKLY_TEST_FAULT=commit)");
  });  // when it throws, the publisher's destructor puts everything back
  publisher.finish();
}

// Past the commit nothing may fail the run: the latest link and retention are tidying.
void WeeklyRun::after_commit() try {
  step_ = "done";
  std::error_code ec;
  fs::remove_all(scratch_, ec);
  if (first_line(read_text(work_ / "newest-week")) == week_ && !weekly::point_latest(out_, week_))
    message(fmt::format("note: {} is no symbolic link; left as it is", (out_ / "latest").string()));
  if (o_.keep_weeks > 0) {
    const auto reports = weekly::remove_old_weeks(out_, o_.keep_weeks, week_);
    const auto snapshots = weekly::remove_old_weeks(work_ / "weeks", o_.keep_weeks, week_);
    if (!reports.empty() || !snapshots.empty())
      message(fmt::format("retention (keep_weeks = {}): removed the reports of {} and the register snapshots of {}",
                          o_.keep_weeks, reports.empty() ? "no week" : boost::algorithm::join(reports, ", "),
                          snapshots.empty() ? "no week" : boost::algorithm::join(snapshots, ", ")));
  }
} catch (const std::exception& e) {
  message(fmt::format("note: {} was published, but tidying up failed: {}", week_, e.what()));
}

int WeeklyRun::finish() {
  const path target = out_ / week_;
  message(fmt::format("{} done: {}/ (rapport.html, rapport.md, rapport.json, {}klachten.csv, complimenten.csv, "
                      "antwoorden.csv); register {}; archive {}",
                      week_, target.string(), callback_list_ ? "terugbellen.csv, " : "",
                      (work_ / "register.txt").string(), archive_.string()));
  if (!no_data_) return kWeeklyOk;
  message(fmt::format("{}: no data: no answers in {} ({} .. {}); the report says so", week_, week_, first_, last_));
  return o_.no_data_status;
}

int WeeklyRun::run() {
  fs::create_directories(work_);
  fs::create_directories(out_);
  weekly::JobLock lock(work_ / ".lock", o_.wait_seconds);
  fs::remove_all(scratch_);  // a killed run may have left one behind
  fs::create_directories(scratch_);
  try {
    import_and_score();
    find_week();
    choose_register();
    cluster();
    step_ = "archive";
    ArchiveStaging staging(archive_.string(), (scratch_ / "history.sqlite").string(), o_.wait_seconds, [this] {
      message(fmt::format("archive: waiting for another run that is writing {}", archive_.string()));
    });
    archive_followup_report();
    publish_and_commit(staging);
  } catch (...) {
    std::error_code ec;
    if (!results_.empty()) fs::remove_all(results_, ec);
    if (!week_.empty()) fs::remove(work_ / "weeks" / week_, ec);  // only when empty: made for this run
    fs::remove_all(scratch_, ec);
    throw;
  }
  after_commit();
  return finish();
}

}  // namespace

int run_weekly(const WeeklyOptions& options) {
  auto nothing_changed = [&options] {
    return fmt::format("nothing was changed: {}, {} and the reports in {} are as they were",
                       (path(options.work) / "register.txt").string(), options.archive, options.output);
  };
  WeeklyRun job(options);
  try {
    return job.run();
  } catch (const StepFailed& e) {
    message(fmt::format("{}; {}", e.what, nothing_changed()));
    return e.status;
  } catch (const Error& e) {
    message(fmt::format("failed at step '{}': {}; {}", job.step(), describe(e), nothing_changed()));
    return kWeeklyFailure;
  } catch (const std::exception& e) {
    message(fmt::format("failed at step '{}': {}; {}", job.step(), e.what(), nothing_changed()));
    return kWeeklyFailure;
  }
}

}  // namespace luister
