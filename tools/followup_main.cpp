// luister-followup: the residents to get back to — low grade, strongly negative, or asking for contact.
#include "luister/cli/cli.hpp"
#include "luister/followup/followup.hpp"

int main(int argc, char** argv) {
  luister::FollowupToolOptions opt;
  CLI::App app{"luister-followup — list the residents to get back to (closing the loop), most urgent first",
               "luister-followup"};
  app.footer(R"HELP(Input: canonical CSV from luister-import after luister-score (it needs response_id, grade, text
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

Example:
  luister-import export.csv | luister-score | luister-followup -o terugbellen.csv
  luister-followup --explain "U hoeft mij niet terug te bellen, maar graag een reactie")HELP");
  luister::add_common_options(app, opt.followup.common);
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
  app.add_option_function<std::string>(
         "--explain", [&](const std::string& t) { opt.explain = t; },
         "Show how the callback rule reads one TEXT: normalised text, every phrase found, and negations")
      ->type_name("TEXT");
  return luister::run_tool("luister-followup", app, [&] {
    app.parse(argc, argv);
    return luister::run_followup_tool(opt);
  });
}
