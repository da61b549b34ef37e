#pragma once
/// The closed loop in the archive: which residents were put on a call-back list, and what came of
/// calling them back (the team's outcome sheet).
///
///     // luister-followup --db kto.sqlite --week 2026-W47: the list's cases are recorded,
///     luister::record_callback_cases("kto.sqlite", "2026-W47", cases);
///     // luister-followup outcomes --db kto.sqlite terugbellen.csv: the sheet comes back,
///     luister::store_callback_outcomes(options, entries);
///     // and both read back, for the next list and for the report.
///     for (const auto& c : luister::load_callback_cases("kto.sqlite")) ...
///
/// A case is one response_id. Its outcomes are kept as history, one row per (day, outcome); the
/// case's state is its latest outcome (by day; on the same day solved > declined > called > not
/// reached). A case whose latest outcome is called, solved or declined is closed and never listed
/// again; one that was not reached stays open.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "luister/base/period.hpp"

namespace luister {

/// What came of a call-back, as the archive stores it.
enum class CallbackOutcome { kNotReached, kCalled, kDeclined, kSolved };

/// "not_reached", "called", "declined", "solved": the name stored in the archive and in JSON.
std::string_view outcome_name(CallbackOutcome outcome);
/// In Dutch, for people: "niet bereikt", "gebeld", "geen contact gewenst", "opgelost".
std::string_view outcome_label_nl(CallbackOutcome outcome);
/// Reads an outcome as a team writes it in its sheet, Dutch or English, case, accents, spaces,
/// hyphens and underscores ignored: gebeld / called / contact gehad / gesproken; niet bereikt /
/// not reached / geen gehoor / no answer / voicemail; opgelost / solved / resolved / afgehandeld;
/// geen contact gewenst / declined / wil geen contact. Nothing for anything else (also empty).
std::optional<CallbackOutcome> parse_callback_outcome(std::string_view text);
/// The words parse_callback_outcome accepts, for error messages: "gebeld, niet bereikt, …".
std::string accepted_outcomes();
/// True for the outcomes that close a case: called, solved, declined.
bool closes_case(CallbackOutcome outcome);

/// One case of the call-back lists, and its state.
struct CallbackCase {
  std::string response_id;
  std::string process;
  std::optional<Day> answered;     ///< the day of the answer
  std::string first_listed;        ///< period id of the first list that held it ("2026-W47")
  std::string last_listed;         ///< period id of the latest list that held it
  std::optional<CallbackOutcome> outcome;  ///< the latest outcome; nothing: no outcome yet
  std::optional<Day> outcome_day;          ///< its day
  std::optional<Day> first_contact;        ///< the first day the resident was called or the case solved
  std::uint64_t attempts = 0;              ///< outcomes stored
  bool closed() const { return outcome && closes_case(*outcome); }
};

/// Records the cases of the call-back list of period `period_id` in archive `db` (which must exist),
/// in one transaction: a case not seen before gets first_listed = period_id; every case gets
/// last_listed = period_id. Returns how many were new.
std::uint64_t record_callback_cases(const std::string& db, const std::string& period_id,
                                    const std::vector<CallbackCase>& cases, int wait_seconds = 600);

/// Every case of archive `db` with its state, ordered by response_id. Empty for an archive that
/// never had a list recorded.
std::vector<CallbackCase> load_callback_cases(const std::string& db, int wait_seconds = 600);

/// One filled-in line of an outcome sheet.
struct OutcomeEntry {
  std::string response_id;
  CallbackOutcome outcome = CallbackOutcome::kCalled;
  Day day = 0;
  std::string note;
  std::string file;        ///< where it was read, for errors
  std::uint64_t line = 0;
};

struct OutcomeStoreOptions {
  std::string db;
  bool raw_notes = false;  ///< store notes as typed; else masked with mask_pii
  std::string source;      ///< the sheet(s), recorded with each outcome
  int wait_seconds = 600;
};

/// What storing an outcome sheet did.
struct OutcomeStoreStats {
  std::uint64_t added = 0;      ///< (response_id, day, outcome) not stored before
  std::uint64_t updated = 0;    ///< stored before with another note
  std::uint64_t unchanged = 0;  ///< stored before exactly so
  std::uint64_t closed = 0;     ///< cases closed after the run
  std::uint64_t open = 0;       ///< cases still open after the run
};

/// Checks entries against the archive's `cases`: a response_id that was never on a recorded
/// call-back list, or a day before the answer's day, is reported on stderr (file, line, fix; `db`
/// names the archive). Returns whether all were fine.
bool check_callback_outcomes(const std::vector<OutcomeEntry>& entries, const std::vector<CallbackCase>& cases,
                             const std::string& db);

/// Stores the entries in archive `options.db` in one transaction. Every entry is checked first:
/// a response_id that was never on a recorded call-back list, or a day before the answer's day, is
/// reported on stderr (file, line, fix) and then nothing is stored and an Error is thrown.
OutcomeStoreStats store_callback_outcomes(const OutcomeStoreOptions& options, const std::vector<OutcomeEntry>& entries);

}  // namespace luister
