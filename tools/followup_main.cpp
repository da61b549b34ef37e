// luister-followup: the residents to get back to — low grade, strongly negative, or asking for contact.
#include "luister/cli/cli.hpp"
#include "luister/followup/followup.hpp"

namespace {

// The outcome sheet, for --help of both the tool and its outcomes command.
const char* const kOutcomesHelp = R"HELP(Outcomes: luister-followup outcomes --db FILE SHEET.csv...
  reads the call-back list as the team filled it in, saved from Excel as CSV (';' or ',', Windows-1252
  or UTF-8 with or without BOM; the dialect and encoding are detected), and stores the outcomes in the
  archive. Columns, by name, Dutch or English, any case: respondent/response_id, uitkomst/outcome,
  datum contact/outcome_date (or, when neither is there, datum/date), notitie/note (optional).
  Outcomes: gebeld/called (also contact gehad, gesproken), niet bereikt/not reached (geen gehoor,
  voicemail), opgelost/solved (afgehandeld, resolved), geen contact gewenst/declined; any case,
  '-' or '_' for spaces. Dates as dd-mm-jjjj (23-11-2026) or 2026-11-23. Lines without outcome
  and date are still open and skipped. An id that was never on a recorded list, an unknown outcome,
  a missing or bad date, or a date before the answer is reported with file, line and fix, and then
  nothing is stored (one transaction). Outcomes are kept as history (one per case, day and outcome);
  the latest is the case's state. Reading the same sheet again changes nothing and says so; a later
  outcome for the same case is added, and its later day makes it the state. The note is stored
  masked (BSN, IBAN, phone, e-mail ... become [BSN], ...) unless --raw-notes.)HELP";

const char* const kExample = R"HELP(Example:
  luister-import export.csv | luister-score | luister-followup -o terugbellen.csv
  luister-followup --db kto.sqlite --week 2026-W47 --excel nl -o terugbellen.csv antwoorden.csv
  luister-followup outcomes --db kto.sqlite terugbellen-ingevuld.csv
  luister-followup --explain "U hoeft mij niet terug te bellen, maar graag een reactie")HELP";

const char* const kFooter = R"HELP(Input: canonical CSV from luister-import after luister-score (it needs response_id, grade, text
and sentiment; question is used when merging). A respondent is listed when an answer has
  - a grade of --max-grade or lower, or
  - a sentiment of --max-sentiment or lower (luister-score), or
  - a request to be called back or contacted ("bel me terug", "graag contact", "neem contact met
    mij op", "wil graag teruggebeld worden"; lexicons/callback-nl.txt; negated requests such as
    "bel me niet terug" do not count),
AND the row carries contact details (a non-empty --contact column such as e-mail or telefoon, or a
phone number or e-mail address in the answer) or consent (a --consent column saying ja/yes/1/true/
akkoord). A consent column saying nee/no/0 keeps a respondent off the list, unless their own answer
asks for contact (the reason then says so). Without --contact/--consent, the columns are found by
their names (e-mail, telefoon, toestemming, "Mogen wij contact met u opnemen?", ...); with them,
only the named columns count.

Output: one row per respondent, every input column, then
  urgency  a number, higher is more urgent: 10 x (max-grade - grade + 1) for a low grade,
           40 x -sentiment for a negative answer, 30 for a request to be contacted
  reason   in Dutch, e.g. "cijfer 2; negatieve toelichting (sentiment -0.830); vraagt om contact ('bel me terug')"
sorted by urgency, then date (oldest first), then response_id. A respondent's answers (waarom,
verbeteren) are merged into one row: values that are the same in every answer stay as they are;
values that differ become one line per answer, "question: value" (question itself becomes
"waarom; verbeteren"). Cells starting with = + - @ TAB or CR get a leading ' so that Excel does not
run them as formulas (plain negative numbers stay); --no-neutralize writes them as they are.
The answer text is masked (BSN, IBAN, licence plates, addresses ... become [BSN], [IBAN], ...): the
list is for getting back to people, and needs their contact details, not the rest. E-mail addresses
and phone numbers in the answer stay when the respondent left no contact details in a column;
--raw-text writes the answers as typed.
A summary line on stderr counts who was listed, and who met the criteria but cannot be contacted.

Period (--week, --month or --from/--to, as luister-report): only the answers dated in it are
listed (rows without a readable date are left out).

The closed loop (--db FILE, the luister-archive history; needs a period):
  - a resident whose case is closed in the archive (called back, solved, or no contact wanted:
    see 'luister-followup outcomes') is never listed again;
  - a case of an earlier list that is still open (no outcome yet, or not reached) stays on the list,
    with its rows from the input, else from the archive (masked as stored there);
  - five columns follow reason: status ("nieuw", "nog open", "niet bereikt op 2026-11-24"),
    open_since (the period of the first list that held the case), and outcome, outcome_date and
    note, empty, for the team to fill in and give back with 'luister-followup outcomes';
  - the list's cases are recorded in the archive (one transaction), for the next list and for the
    call-back section of luister-report --db.
A case is one response_id.

--excel nl writes the list for Dutch Excel, which opens it right on a double click: UTF-8 with a
byte order mark, ';' between cells, Dutch headers (respondent, datum, proces, kanaal, cijfer, vraag,
antwoord, sentiment, urgentie, reden, status, op de lijst sinds, uitkomst, datum contact, notitie),
decimal commas, and one number per cell (cijfer and sentiment: the lowest of the respondent's
answers). Without it the list is CSV as the pipeline writes it.
)HELP";

// The rules that put a resident on the list, and how the list is written.
void add_criteria_options(CLI::App& app, luister::FollowupToolOptions& opt) {
  app.add_option("--max-grade", opt.followup.max_grade, "Grades up to this one trigger a follow-up")->capture_default_str();
  app.add_option("--max-sentiment", opt.followup.max_sentiment, "Sentiment up to this one triggers a follow-up (-1..1)")
      ->check(CLI::Range(-1.0, 1.0))
      ->capture_default_str();
  app.add_flag("--no-sentiment", [&](std::int64_t) { opt.followup.use_sentiment = false; },
               "No sentiment rule: input need not have gone through luister-score");
  app.add_option("--contact", opt.followup.contact,
                 "Column with contact details (counts when not empty) or, by its name, consent (repeatable)")
      ->type_name("COLUMN")
      ->allow_extra_args(false);
  app.add_option("--consent", opt.followup.consent, "Column with consent to be contacted: ja/nee, yes/no, 1/0 (repeatable)")
      ->type_name("COLUMN")
      ->allow_extra_args(false);
  app.add_option("--phrases", opt.followup.phrases, "Callback phrase list (default lexicons/callback-nl.txt)")->type_name("FILE");
  app.add_option("--negators", opt.followup.negators, "Negator list (default lexicons/negators-nl.txt)")->type_name("FILE");
  app.add_flag("--no-neutralize,--no-neutralise", [&](std::int64_t) { opt.followup.neutralize = false; },
               "Write cells that start with = + - @ as they are (no leading ')");
  app.add_flag("--raw-text", opt.followup.raw_text,
               "Write the answer text as typed, personal data included (default: masked)");
}

// The period of the list, the archive that closes the loop, the form of the file, --explain.
void add_period_options(CLI::App& app, luister::FollowupToolOptions& opt) {
  auto* week_opt = app.add_option("--week", opt.week, "List only the answers of this ISO week, e.g. 2026-W47")
                       ->type_name("YYYY-Www");
  auto* month_opt = app.add_option("--month", opt.month, "List only the answers of this month, e.g. 2026-11")
                        ->type_name("YYYY-MM");
  auto* from_opt = app.add_option("--from", opt.from, "First day of a custom period (with --to)")->type_name("DATE");
  auto* to_opt = app.add_option("--to", opt.to, "Last day of a custom period (with --from)")->type_name("DATE");
  week_opt->excludes(month_opt, from_opt, to_opt);
  month_opt->excludes(from_opt, to_opt);
  from_opt->needs(to_opt);
  to_opt->needs(from_opt);
  app.add_option("--db", opt.followup.db,
                 "The archive: leave off closed cases, keep open ones of earlier lists, record this list")
      ->type_name("FILE");
  app.add_option("--wait", opt.followup.wait_seconds, "Seconds to wait while another run holds the archive")
      ->capture_default_str();
  luister::add_excel_option(app, opt.followup.style, "the list");
  app.add_option_function<std::string>(
         "--explain", [&](const std::string& t) { opt.explain = t; },
         "Show how the callback rule reads one TEXT: normalised text, every phrase found, and negations")
      ->type_name("TEXT");
}

// luister-followup outcomes: the team's filled-in sheets back into the archive.
void add_outcomes_command(CLI::App& app, luister::FollowupToolOptions& opt) {
  auto* outcomes = app.add_subcommand("outcomes", "Store the team's filled-in outcome sheet(s) in the archive");
  outcomes->footer(std::string(kOutcomesHelp) + "\n\nExample:\n  luister-followup outcomes --db kto.sqlite terugbellen-ingevuld.csv");
  outcomes->callback([&] { opt.outcomes = true; });
  outcomes->add_option("--db", opt.outcome.db, "The archive the lists were recorded in")->type_name("FILE")->required();
  outcomes->add_option("sheets", opt.outcome.sheets, "The filled-in sheet(s), CSV as saved by Excel")
      ->type_name("SHEET")
      ->required();
  outcomes->add_flag("--raw-notes", opt.outcome.raw_notes, "Store the notes as typed (default: personal data masked)");
  outcomes->add_option("--wait", opt.outcome.wait_seconds, "Seconds to wait while another run holds the archive")
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  luister::FollowupToolOptions opt;
  CLI::App app{"luister-followup — list the residents to get back to (closing the loop), most urgent first",
               "luister-followup"};
  app.footer(std::string(kFooter) + "\n" + kOutcomesHelp + "\n\n" + kExample);
  luister::add_common_options(app, opt.followup.common);
  add_criteria_options(app, opt);
  add_period_options(app, opt);
  add_outcomes_command(app, opt);
  return luister::run_tool("luister-followup", app, [&] {
    app.parse(argc, argv);
    return luister::run_followup_tool(opt);
  });
}
