// luister-followup outcomes: the team's filled-in call-back list back into the archive.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include <boost/algorithm/string/predicate.hpp>
#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/csv/csv.hpp"
#include "luister/csv/encoding.hpp"
#include "luister/csv/sniff.hpp"
#include "luister/csv/values.hpp"
#include "luister/followup/followup.hpp"

namespace luister {
namespace {

// The columns of a sheet, by their names in English (as luister-followup --db writes them) or Dutch
// (--excel nl, or typed by the team), compared case-insensitively. The first name found wins.
const std::vector<std::string_view> kIdNames = {"response_id", "respondent", "responsnummer", "response id", "id"};
const std::vector<std::string_view> kOutcomeNames = {"outcome", "uitkomst", "resultaat", "result"};
const std::vector<std::string_view> kDayNames = {"outcome_date", "datum contact", "contactdatum", "contact date",
                                                 "gebeld op", "called on"};
// Only when none of kDayNames is there: a short sheet of id, outcome, date, note.
const std::vector<std::string_view> kPlainDayNames = {"date", "datum"};
const std::vector<std::string_view> kNoteNames = {"note", "notitie", "notes", "notities", "opmerking", "opmerkingen"};

std::optional<std::size_t> find_named(const std::vector<std::string>& header, const std::vector<std::string_view>& names) {
  for (auto name : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (boost::algorithm::iequals(trim(header[i]), name)) return i;
  return std::nullopt;
}

struct SheetColumns {
  std::size_t id = 0, outcome = 0, day = 0;
  std::optional<std::size_t> note;
};

SheetColumns sheet_columns(const std::vector<std::string>& header, const std::string& file) {
  auto need = [&](const std::vector<std::string_view>& names, const char* what) {
    auto at = find_named(header, names);
    if (!at)
      throw InputError(file, 1, fmt::format("no column with the {}.", what),
                       fmt::format("the sheet needs the columns of the call-back list that luister-followup --db wrote "
                                   "(respondent, uitkomst, datum contact, notitie); name the {} column '{}'",
                                   what, names.front()));
    return *at;
  };
  SheetColumns c;
  c.id = need(kIdNames, "response id");
  c.outcome = need(kOutcomeNames, "outcome");
  auto day = find_named(header, kDayNames);
  c.day = day ? *day : need(kPlainDayNames, "date of the call");
  c.note = find_named(header, kNoteNames);
  return c;
}

// Reads one filled-in line; nullopt (and a message) for a bad one; an entry with an empty id for a
// line the team left empty (still open).
std::optional<OutcomeEntry> read_line(const CsvRecord& rec, const SheetColumns& c, const std::string& file,
                                      std::uint64_t line) {
  auto field = [&](std::size_t i) { return i < rec.fields.size() ? trim(rec.fields[i]) : std::string_view{}; };
  auto bad = [&](const std::string& what, const std::string& fix) {
    message(describe(InputError(file, line, what, fix)));
    return std::nullopt;
  };
  OutcomeEntry e;
  e.file = file;
  e.line = line;
  const std::string_view outcome = field(c.outcome), day = field(c.day), id = field(c.id);
  if (outcome.empty() && day.empty()) return e;  // not called yet
  if (id.empty()) return bad("no response id on a line with an outcome.", "copy the id from the call-back list");
  e.response_id = id;
  const std::optional<CallbackOutcome> o = parse_callback_outcome(outcome);
  if (!o)
    return bad(outcome.empty() ? "a date but no outcome." : fmt::format("unknown outcome '{}'.", outcome),
               fmt::format("write one of: {}", accepted_outcomes()));
  e.outcome = *o;
  const DateValue d = parse_date(day, DateOrder::kDayFirst);
  const std::optional<Day> parsed = d.status == ValueStatus::kOk ? parse_iso_day(d.iso) : std::nullopt;
  if (!parsed)
    return bad(day.empty() ? fmt::format("outcome '{}' without a date.", outcome)
                           : fmt::format("'{}' is not a date.", day),
               "write the day of the call as dd-mm-jjjj, e.g. 23-11-2026");
  e.day = *parsed;
  if (c.note) e.note = field(*c.note);
  return e;
}

}  // namespace

bool read_outcome_sheet(const std::string& path, char delimiter, std::vector<OutcomeEntry>& entries) {
  InputFile file(path);
  // Excel saves CSV in Windows-1252 (Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)") or
  // UTF-8 with a BOM ("CSV UTF-8"): auto detection reads both; the dialect (';' or ',') is sniffed.
  Utf8Source text(file, EncodingSpec{});
  CsvReader reader(text, Dialect{});
  std::string_view sample = reader.peek(64 * 1024);
  Dialect d = sniff_dialect(sample, sample.size() < 64 * 1024).dialect;
  d.header = true;
  if (delimiter) d.delimiter = delimiter;
  reader.set_dialect(d);
  CsvRecord rec;
  while (reader.next(rec) && rec.blank) {
  }
  if (rec.fields.empty() || rec.blank) throw InputError(file.name(), 0, "the sheet is empty: no header row.");
  const SheetColumns cols = sheet_columns({rec.fields.begin(), rec.fields.end()}, file.name());
  bool ok = true;
  while (reader.next(rec)) {
    if (rec.blank) continue;
    std::optional<OutcomeEntry> e = read_line(rec, cols, file.name(), reader.record_line());
    if (!e) ok = false;
    else if (!e->response_id.empty()) entries.push_back(std::move(*e));
  }
  return ok;
}

namespace {

// The same outcome of the same case on the same day twice: the later line is the team's correction.
std::vector<OutcomeEntry> latest_lines(std::vector<OutcomeEntry> entries) {
  std::map<std::tuple<std::string, Day, CallbackOutcome>, std::size_t> last;
  for (std::size_t i = 0; i < entries.size(); ++i) last[{entries[i].response_id, entries[i].day, entries[i].outcome}] = i;
  std::vector<OutcomeEntry> out;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (last[{entries[i].response_id, entries[i].day, entries[i].outcome}] == i) out.push_back(std::move(entries[i]));
  return out;
}

}  // namespace

int run_outcomes(const OutcomeOptions& options) {
  if (options.db.empty()) throw UsageError("outcomes needs --db FILE: the archive that holds the call-back lists.");
  if (options.sheets.empty()) throw UsageError("outcomes needs the filled-in sheet(s): luister-followup outcomes --db FILE SHEET.csv");
  std::vector<OutcomeEntry> entries;
  bool ok = true;
  for (const auto& sheet : options.sheets) {
    try {
      ok = read_outcome_sheet(sheet, options.delimiter, entries) && ok;
    } catch (const InputError& e) {
      message(describe(e));
      ok = false;
    }
  }
  // Every line is checked against the archive too, so that one run names every mistake; storing
  // checks again, inside its transaction.
  ok = check_callback_outcomes(entries, load_callback_cases(options.db, options.wait_seconds), options.db) && ok;
  if (!ok)
    throw Error(fmt::format("nothing was stored: {} is as it was before this run.", options.db),
                "fix the lines named above and read the whole sheet in again");
  OutcomeStoreOptions store;
  store.db = options.db;
  store.raw_notes = options.raw_notes;
  store.wait_seconds = options.wait_seconds;
  for (const auto& s : options.sheets) store.source += (store.source.empty() ? "" : " ") + s;
  const OutcomeStoreStats st = store_callback_outcomes(store, latest_lines(std::move(entries)));
  const std::string cases = fmt::format("{} case{} closed, {} still open", st.closed, st.closed == 1 ? "" : "s", st.open);
  if (st.added == 0 && st.updated == 0)
    message(fmt::format("{}: nothing changed: every outcome ({}) was stored already; {}.", options.db, st.unchanged, cases));
  else
    message(fmt::format("{}: {} outcome{} stored, {} updated, {} unchanged; {}.", options.db, st.added,
                        st.added == 1 ? "" : "s", st.updated, st.unchanged, cases));
  return kExitOk;
}

}  // namespace luister
