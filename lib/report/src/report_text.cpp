// Every word the report shows, in Dutch and English, and the formats that go with them.
#include "report_text.hpp"

#include <array>
#include <cmath>

#include <boost/algorithm/string/predicate.hpp>

namespace luister::report::text {
namespace {

struct Entry {
  S id;
  const char* nl;
  const char* en;
};

// One row per entry, in the order of S (checked at compile time below).
constexpr Entry kTable[] = {
    {S::kTitleDefault, "Klantbeleving", "Customer experience"},
    {S::kHeading, "{title}: {period}", "{title}: {period}"},
    {S::kSubtitle, "{span}, vergeleken met {previous}. **{responses}** met {answers}.",
     "{span}, compared with {previous}. **{responses}** with {answers}."},
    {S::kResponseOne, "{n} reactie", "{n} response"},
    {S::kResponseMany, "{n} reacties", "{n} responses"},
    {S::kAnswerOne, "{n} open antwoord", "{n} open answer"},
    {S::kAnswerMany, "{n} open antwoorden", "{n} open answers"},
    {S::kOnlyProcesses, "Alleen: {list}.", "Only: {list}."},
    {S::kNoSentiment,
     "Let op: de antwoorden hebben geen sentiment (de kolom `polarity` ontbreekt), dus geen verdeling "
     "negatief/positief, geen complimenten en geen tegenstrijdige antwoorden. Haal ze eerst door "
     "`luister-score`.",
     "Note: the answers have no sentiment (the `polarity` column is missing), so there is no "
     "negative/positive split, no compliments and no contradicting answers. Run them through "
     "`luister-score` first."},
    {S::kNoThemes,
     "Let op: de klachten zijn niet gegroepeerd (de kolom `theme` ontbreekt). Haal de antwoorden door "
     "`luister-cluster`: `luister-import export.csv | luister-score | luister-cluster | luister-report`.",
     "Note: the complaints are not grouped (the `theme` column is missing). Run the answers through "
     "`luister-cluster`: `luister-import export.csv | luister-score | luister-cluster | luister-report`."},
    {S::kSummaryHeading, "In het kort", "At a glance"},
    {S::kSumMean, "Gemiddeld cijfer **{mean}** ({note}).", "Average grade **{mean}** ({note})."},
    {S::kSumNoGrades, "Geen cijfers gegeven in deze periode.", "No grades given in this period."},
    {S::kSumHigh, "**{high}** gaf een {norm} of hoger ({note}); {low} gaf een 5 of lager.",
     "**{high}** gave {norm} or higher ({note}); {low} gave 5 or lower."},
    {S::kSumThemesLead, "Meest genoemde klachten: ", "Most mentioned complaints: "},
    {S::kSumNoComplaints, "Geen terugkerende klachten genoemd.", "No recurring complaints mentioned."},
    {S::kSumNotGrouped, "Klachten niet gegroepeerd (zie boven).", "Complaints not grouped (see above)."},
    {S::kSumSpikesLead, "Pieken: ", "Spikes: "},
    {S::kSumNoSpikes, "Geen pieken.", "No spikes."},
    {S::kSumPraiseLead, "Wat gaat goed: ", "What goes well: "},
    {S::kSumNoPraise, "Geen complimenten gevonden.", "No compliments found."},
    {S::kSumDisagree, "Cijfer en tekst spreken elkaar tegen in **{n}** van de {total} toelichtingen (zie onder).",
     "Grade and text contradict each other in **{n}** of {total} explanations (see below)."},
    {S::kNoteNoPrevious, "{previous}: geen reacties", "{previous}: no responses"},
    {S::kNoteFew, "{previous}: {value}; {diff}, weinig antwoorden", "{previous}: {value}; {diff}, few answers"},
    {S::kNoteUp, "{previous}: {value}; {diff}, gestegen", "{previous}: {value}; {diff}, up"},
    {S::kNoteDown, "{previous}: {value}; {diff}, gedaald", "{previous}: {value}; {diff}, down"},
    {S::kNoteSame, "{previous}: {value}; {diff}, binnen de marge", "{previous}: {value}; {diff}, within the margin"},
    {S::kCellFew, "{diff} (weinig antwoorden)", "{diff} (few answers)"},
    {S::kProcessTableHeading, "Cijfers per proces", "Figures per process"},
    {S::kColProcess, "Proces", "Process"},
    {S::kColResponses, "Reacties", "Responses"},
    {S::kColMean, "Gem. cijfer", "Avg. grade"},
    {S::kColVs, "t.o.v. {previous}", "vs {previous}"},
    {S::kColHigh, "{norm} of hoger", "{norm} or higher"},
    {S::kColLow, "5 of lager", "5 or lower"},
    {S::kColNegative, "Negatief", "Negative"},
    {S::kTotal, "Totaal", "Overall"},
    {S::kThemesHeading, "Terugkerende klachten", "Recurring complaints"},
    {S::kThemesIntro, "Per klacht het aantal reacties dat haar noemt, en welk deel van alle reacties dat is.",
     "Per complaint the number of responses that mention it, and their share of all responses."},
    {S::kColComplaint, "Klacht", "Complaint"},
    {S::kColShare, "Aandeel", "Share"},
    {S::kColStatus, "Status", "Status"},
    {S::kOther, "Overige kritiek die bij geen klacht past: {n} ({previous}: {m}).",
     "Other criticism that fits no complaint: {n} ({previous}: {m})."},
    {S::kNoThemesFound, "Geen terugkerende klachten in deze periode.", "No recurring complaints in this period."},
    {S::kThemesMore, "En nog {n} klachten met minder reacties; de JSON-uitvoer (`--format json`) bevat ze allemaal.",
     "And {n} more complaints with fewer responses; the JSON output (`--format json`) holds them all."},
    {S::kThemesMoreOne, "En nog 1 klacht met minder reacties; de JSON-uitvoer (`--format json`) bevat ze allemaal.",
     "And 1 more complaint with fewer responses; the JSON output (`--format json`) holds them all."},
    {S::kStatusNew, "nieuw", "new"},
    {S::kStatusGrowing, "groeiend", "growing"},
    {S::kStatusShrinking, "dalend", "shrinking"},
    {S::kStatusStable, "stabiel", "stable"},
    {S::kStatusMixed, "gemengd", "mixed"},
    {S::kFew, "weinig antwoorden", "few answers"},
    {S::kSpikeTag, "piek", "spike"},
    {S::kThemeQuotesLead, "Wat inwoners erover schrijven:", "What residents write about them:"},
    {S::kPraiseHeading, "Wat gaat goed", "What goes well"},
    {S::kPraiseIntro, "Wat inwoners het vaakst prijzen in hun positieve antwoorden, met het aantal reacties:",
     "What residents praise most often in their positive answers, with the number of responses:"},
    {S::kPraiseIntroClauses,
     "Wat inwoners het vaakst prijzen, ook in antwoorden die daarnaast klagen (dan telt alleen het lovende deel), "
     "met het aantal reacties:",
     "What residents praise most often, also in answers that complain as well (then only the praising part "
     "counts), with the number of responses:"},
    {S::kNoPraise, "Geen complimenten gevonden in deze periode.", "No compliments found in this period."},
    {S::kSpikesHeading, "Pieken", "Spikes"},
    {S::kSpikesIntro,
     "Een piek is een aandeel dat minstens twee keer zo hoog ligt als gemiddeld in de {k} {unit} ervoor.",
     "A spike is a share at least twice as high as on average in the {k} {unit} before."},
    {S::kNoSpikes, "Geen pieken in deze periode.", "No spikes in this period."},
    {S::kSpikesWithheldLead,
     "Geen piek genoemd (‘gemengd’), want minder dan de helft van de antwoorden noemt de woorden van de klacht: "
     "ze gaan over verschillende dingen.",
     "Not called a spike (‘mixed’), because fewer than half of the answers use the complaint's words: they are "
     "about different things."},
    {S::kSpikeWithheld,
     "**{scope}**: **{label}**: {count} van {total} reacties ({share}), gewoonlijk {baseline}; {coverage} van de "
     "antwoorden noemt ‘{label}’.",
     "**{scope}**: **{label}**: {count} of {total} responses ({share}), usually {baseline}; {coverage} of the answers "
     "say ‘{label}’."},
    {S::kSpikeTheme, "**{scope}**: klacht **{label}**: {count} van {total} reacties ({share}), gewoonlijk {baseline}.",
     "**{scope}**: complaint **{label}**: {count} of {total} responses ({share}), usually {baseline}."},
    {S::kSpikeLow, "**{scope}**: **lage cijfers** (5 of lager): {count} van {total} ({share}), gewoonlijk {baseline}.",
     "**{scope}**: **low grades** (5 or lower): {count} of {total} ({share}), usually {baseline}."},
    {S::kSpikeShort, " ({share}, gewoonlijk {baseline})", " ({share}, usually {baseline})"},
    {S::kLowGrades, "lage cijfers", "low grades"},
    {S::kDisagreeHeading, "Cijfer en tekst spreken elkaar tegen", "Grade and text disagree"},
    {S::kDisagreeIntro,
     "In **{n}** van de {total} toelichtingen past de tekst niet bij het cijfer: {high} keer een {norm} of hoger "
     "met een negatieve tekst, {low} keer een 5 of lager met een positieve. Hier zegt het cijfer alleen niet alles.",
     "In **{n}** of {total} explanations the text does not match the grade: {high} times {norm} or higher with "
     "a negative text, {low} times 5 or lower with a positive one. Here the grade alone misleads."},
    {S::kDisagreeHigh, "Hoog cijfer, negatieve tekst:", "High grade, negative text:"},
    {S::kDisagreeLow, "Laag cijfer, positieve tekst:", "Low grade, positive text:"},
    {S::kDisagreeNone, "Nergens: cijfer en tekst passen bij elkaar.", "Nowhere: grades and texts agree."},
    {S::kTrendHeading, "Trend over {k} {unit}", "Trend over {k} {unit}"},
    {S::kColPeriod, "Periode", "Period"},
    {S::kProcessesHeading, "Per proces", "Per process"},
    {S::kProcFigures,
     "{responses}, {answers}. Gemiddeld cijfer **{mean}** ({note}). {norm} of hoger: {high}; 5 of lager: {low}.",
     "{responses}, {answers}. Average grade **{mean}** ({note}). {norm} or higher: {high}; 5 or lower: {low}."},
    {S::kProcDistribution, "Cijfers: {grades}.", "Grades: {grades}."},
    {S::kProcSentiment, "Toon van de antwoorden: {negative} negatief, {neutral} neutraal, {positive} positief.",
     "Tone of the answers: {negative} negative, {neutral} neutral, {positive} positive."},
    {S::kProcTrend, "Gemiddeld cijfer per {unit}: {series}.", "Average grade per {unit}: {series}."},
    {S::kProcComplaints, "Klachten:", "Complaints:"},
    {S::kProcPraise, "Wat gaat goed: ", "What goes well: "},
    {S::kProcDisagree, "Cijfer en tekst tegenstrijdig: {n} van {total} toelichtingen.",
     "Grade and text contradict: {n} of {total} explanations."},
    {S::kProcNoResponses, "Geen reacties in deze periode ({previous}: {n}).", "No responses in this period ({previous}: {n})."},
    {S::kCallbackHeading, "Terugbellen", "Call-backs"},
    {S::kCallbackIntro,
     "Inwoners op de terugbellijst en wat ermee gebeurde, zoals het team het heeft teruggemeld (werkdagen: "
     "maandag tot en met vrijdag, van het antwoord tot het eerste gesprek):",
     "Residents on the call-back list and what came of it, as the team reported back (working days: Monday to "
     "Friday, from the answer to the first conversation):"},
    {S::kCallbackColumns, "Proces|Periode|Op de lijst|Teruggebeld|Binnen (mediaan werkdagen)|Niet bereikt|Nog open",
     "Process|Period|Listed|Called back|Within (median working days)|Not reached|Still open"},
    {S::kCallbackAll, "Alle processen", "All processes"},
    {S::kCallbackOpenBefore, "Nog open van eerdere lijsten: {n}.", "Still open from earlier lists: {n}."},
    {S::kMethodHeading, "Zo is dit rapport gemaakt", "How this report was made"},
    {S::kMethodCounts,
     "Reacties zijn ingevulde enquêtes (een nummer op een dag); antwoorden zijn de open antwoorden daarin. "
     "Cijfers tellen per reactie, de toon per antwoord op de vraag waarom (een verbetervoorstel is kritiek "
     "vanwege de vraag en telt voor de toon niet mee).",
     "Responses are completed surveys (one number on one day); answers are the open answers in them. Grades "
     "count per response, tone per answer to the question why (a suggestion for improvement is criticism "
     "because of its question and does not count for the tone)."},
    {S::kMethodMargins,
     "Marge: het 95%-betrouwbaarheidsinterval (Wilson voor aandelen, Newcombe voor het verschil van twee aandelen, "
     "de normale benadering voor het verschil van gemiddelden). Gestegen, gedaald, groeiend of dalend staat er alleen "
     "als het hele interval aan één kant van nul ligt; anders ‘binnen de marge’ of ‘stabiel’.",
     "Margin: the 95% confidence interval (Wilson for shares, Newcombe for the difference of two shares, the normal "
     "approximation for the difference of means). Up, down, growing or shrinking is said only when the whole "
     "interval lies on one side of zero; otherwise ‘within the margin’ or ‘stable’."},
    {S::kMethodFew,
     "Minder dan {min} reacties in deze of de vorige periode: ‘(weinig antwoorden)’; een verandering wordt dan "
     "niet benoemd, de getallen zijn een indicatie.",
     "Fewer than {min} responses in this or the previous period: ‘(few answers)’; a change is then not named, "
     "the figures are indicative."},
    {S::kMethodStatus,
     "Status van een klacht: nieuw als {previous} niemand haar noemde; groeiend of dalend als haar aandeel buiten "
     "de marge hoger of lager ligt dan in {previous}; anders stabiel.",
     "Status of a complaint: new when nobody mentioned it in {previous}; growing or shrinking when its share is "
     "higher or lower than in {previous} beyond the margin; otherwise stable."},
    {S::kMethodSpike,
     "Piek: minstens 5 reacties, minstens twee keer het gemiddelde aandeel van de {k} {unit} ervoor (minstens 3 "
     "daarvan met reacties), en ook de ondergrens van de marge ligt boven dat gemiddelde. Een klacht heet alleen "
     "piek of groeiend als minstens de helft van haar antwoorden in deze periode de woorden van haar naam bevat; "
     "anders staat er ‘gemengd’.",
     "Spike: at least 5 responses, at least twice the average share of the {k} {unit} before (at least 3 of them "
     "with responses), and the lower end of the margin above that average too. A complaint is called a spike or "
     "growing only when at least half of its answers in this period hold the words of its name; otherwise it says "
     "‘mixed’."},
    {S::kMethodDisagree,
     "Tegenstrijdig: een {norm} of hoger met een negatieve toelichting, of een 5 of lager met een positieve. "
     "Antwoorden op ‘Wat kunnen we verbeteren?’ tellen niet mee: die zijn altijd kritisch.",
     "Contradicting: {norm} or higher with a negative explanation, or 5 or lower with a positive one. Answers to "
     "‘What can we improve?’ do not count: they are critical by nature."},
    {S::kMethodQuotes,
     "Citaten: persoonsgegevens zijn vervangen door [TELEFOON], [EMAIL], [ADRES] en dergelijke. Per klacht staan "
     "de meest typerende antwoorden die de woorden van haar naam bevatten, van leesbare lengte, nooit een antwoord "
     "dat vooral over een andere klacht gaat. Complimenten komen uit het lovende deel van de antwoorden, ook als "
     "het antwoord daarnaast klaagt, niet uit verbeterpunten; per compliment staat het hartelijkste deel dat het "
     "noemt, uit een antwoord met een 7 of hoger. Complimenten die in elkaar passen (‘snel’ en ‘snel geholpen’, "
     "‘vriendelijk’ en ‘vriendelijke medewerker’) staan samen onder de volledigste vorm, elke reactie één keer "
     "geteld.",
     "Quotes: personal data is replaced by [TELEFOON], [EMAIL], [ADRES] and the like. Per complaint the most "
     "typical answers that hold the words of its name are shown, of readable length, never an answer that is "
     "mainly about another complaint. Compliments come from the praising part of answers, also when the answer "
     "complains as well, not from suggestions for improvement; per compliment the warmest part that names it is "
     "shown, from an answer graded 7 or higher. Compliments that nest (‘snel’ and ‘snel geholpen’, ‘vriendelijk’ "
     "and ‘vriendelijke medewerker’) are counted together under the fullest form, each response once."},
    {S::kMethodQuotesAnswers,
     "Citaten: persoonsgegevens zijn vervangen door [TELEFOON], [EMAIL], [ADRES] en dergelijke. Per klacht staan "
     "de meest typerende antwoorden die de woorden van haar naam bevatten, van leesbare lengte, nooit een antwoord "
     "dat vooral over een andere klacht gaat. Complimenten komen uit positieve antwoorden, niet uit verbeterpunten; "
     "per compliment staat het hartelijkste antwoord met een 7 of hoger dat het noemt. Complimenten die in elkaar "
     "passen (‘snel’ en ‘snel geholpen’, ‘vriendelijk’ en ‘vriendelijke medewerker’) staan samen onder de "
     "volledigste vorm, elke reactie één keer geteld.",
     "Quotes: personal data is replaced by [TELEFOON], [EMAIL], [ADRES] and the like. Per complaint the most "
     "typical answers that hold the words of its name are shown, of readable length, never an answer that is "
     "mainly about another complaint. Compliments come from positive answers, not from suggestions for "
     "improvement; per compliment the warmest answer graded 7 or higher that names it is shown. Compliments that "
     "nest (‘snel’ and ‘snel geholpen’, ‘vriendelijk’ and ‘vriendelijke medewerker’) are counted together under "
     "the fullest form, each response once."},
    {S::kMethodInput,
     "Invoer: {rows} rijen uit {files}, van {first} t/m {last}; {used} gebruikt, {outside} buiten de {k} {unit} "
     "van dit rapport.",
     "Input: {rows} rows from {files}, {first} to {last}; {used} used, {outside} outside the {k} {unit} of this "
     "report."},
    {S::kMethodSkipped, "{n} rijen zonder datum zijn overgeslagen.", "{n} rows without a date were skipped."},
    {S::kAttribution, "{process}cijfer {grade}, {day}", "{process}grade {grade}, {day}"},
    {S::kAttributionNoGrade, "{process}geen cijfer, {day}", "{process}no grade, {day}"},
    {S::kUnitWeekOne, "week", "week"},
    {S::kUnitWeekMany, "weken", "weeks"},
    {S::kUnitMonthOne, "maand", "month"},
    {S::kUnitMonthMany, "maanden", "months"},
    {S::kUnitRangeOne, "periode", "period"},
    {S::kUnitRangeMany, "perioden", "periods"},
    {S::kPeriodWeek, "week {w} {y}", "week {w}, {y}"},
    {S::kPeriodWeekShort, "week {w}", "week {w}"},
    {S::kPeriodWeekTick, "wk {w}", "wk {w}"},
    {S::kSpanSameMonth, "{d1} t/m {d2} {m2} {y2}", "{d1}–{d2} {m2} {y2}"},
    {S::kSpanSameYear, "{d1} {m1} t/m {d2} {m2} {y2}", "{d1} {m1} – {d2} {m2} {y2}"},
    {S::kSpanOther, "{d1} {m1} {y1} t/m {d2} {m2} {y2}", "{d1} {m1} {y1} – {d2} {m2} {y2}"},
    {S::kDay, "{d} {m}", "{d} {m}"},
    {S::kAnd, " en ", " and "},
    {S::kChartTrend, "Gemiddeld cijfer per {unit}", "Average grade per {unit}"},
    {S::kChartThemes, "Klachten: aantal reacties", "Complaints: number of responses"},
    {S::kChartGrades, "Cijferverdeling", "Grade distribution"},
    {S::kChartNoData, "geen cijfers", "no grades"},
    {S::kGenerated, "Gemaakt met luister-report uit de open antwoorden van de klanttevredenheidsenquête.",
     "Made with luister-report from the open answers of the customer satisfaction survey."},
    {S::kFixHeading, "Eerst aanpakken", "Fix first"},
    {S::kFixIntro,
     "De klachten die het meest kosten: zonder de reacties die ze noemen zou het aandeel cijfers van {norm} of "
     "hoger zoveel hoger liggen (en het gemiddelde cijfer zoveel hoger), met de 95%-marge.",
     "The complaints that cost most: without the responses that mention them, the share of grades of {norm} or "
     "higher would be this much higher (and the average grade this much higher), with the 95% margin."},
    {S::kFixLine,
     "**{label}**{where}: aandeel {norm}+ {high} %-punt (marge {high_lo} tot {high_hi}), gemiddeld cijfer "
     "{mean} ({mean_lo} tot {mean_hi}); {n} met een cijfer",
     "**{label}**{where}: {norm}+ share {high} pp (margin {high_lo} to {high_hi}), average grade {mean} "
     "({mean_lo} to {mean_hi}); {n} with a grade"},
    {S::kFixNone,
     "Geen klacht met minstens {min} reacties met een cijfer die het cijfer drukt.",
     "No complaint with at least {min} graded responses that holds the grade down."},
    {S::kFixAspectIntro,
     "Geen afzonderlijke klacht drukt het cijfer aantoonbaar, deze aspecten van de dienstverlening wel: zonder de "
     "reacties die een van hun klachten noemen zou het aandeel cijfers van {norm} of hoger zoveel hoger liggen (en "
     "het gemiddelde cijfer zoveel hoger), met de 95%-marge.",
     "No single complaint clearly holds the grade down, these aspects of service do: without the responses that "
     "mention one of their complaints, the share of grades of {norm} or higher would be this much higher (and the "
     "average grade this much higher), with the 95% margin."},
    {S::kFixAspectWhere, " (aspect; {complaints})", " (aspect; {complaints})"},
    {S::kProcFix, "Eerst aanpakken: ", "Fix first: "},
    {S::kMethodImpact,
     "Eerst aanpakken: per klacht het aandeel cijfers van {norm} of hoger en het gemiddelde cijfer zonder de "
     "reacties met een cijfer die haar noemen, min die met alle reacties; de marge is een bootstrap over de "
     "reacties ({b} trekkingen, vaste startwaarde). Alleen klachten met minstens {min} reacties met een cijfer "
     "worden gerangschikt, en alleen als de marge van een van beide winsten boven nul ligt; de grootste winst in het "
     "aandeel {norm}+ staat bovenaan. Is er zo geen klacht, dan wordt hetzelfde gemeten per aspect van de "
     "dienstverlening, over de reacties die een van de klachten van dat aspect noemen.",
     "Fix first: per complaint, the share of grades of {norm} or higher and the average grade without the graded "
     "responses that mention it, minus those with all responses; the margin is a bootstrap over the responses "
     "({b} resamples, fixed seed). Only complaints with at least {min} graded responses are ranked, and only when "
     "the margin of either gain lies above zero; the largest gain in the {norm}+ share comes first. When no "
     "complaint qualifies, the same is measured per aspect of service, over the responses that mention any of "
     "its complaints."},
    {S::kGlanceHeading, "In één oogopslag", "On one page"},
    {S::kGlanceHeadingProcess, "In één oogopslag: {process}", "On one page: {process}"},
    {S::kGlanceMean, "Gemiddeld cijfer", "Average grade"},
    {S::kGlanceHigh, "{norm} of hoger", "{norm} or higher"},
    {S::kGlanceResponses, "Reacties", "Responses"},
    {S::kGlanceMargin, "marge {lo} – {hi}", "margin {lo} – {hi}"},
    {S::kGlanceBefore, "{previous}: {value}", "{previous}: {value}"},
    {S::kGlanceLow, "5 of lager: {low}", "5 or lower: {low}"},
    {S::kGlanceWell, "Wat gaat goed", "What goes well"},
    {S::kGlanceMore, "Cijfers per proces, alle klachten met citaten en de trend staan op de volgende pagina's.",
     "Figures per process, every complaint with quotes and the trend follow on the next pages."},
    {S::kNoticeNoData,
     "**Geen reacties in {period}.** Er is over deze periode niets te melden; de trend toont de {unit} ervoor.",
     "**No responses in {period}.** There is nothing to report on this period; the trend shows the {unit} before it."},
    {S::kNoticePartialBefore,
     "**Let op:** de gegevens beginnen op {first}, midden in {previous}; de vergelijking met {previous} berust op "
     "een deel van die periode.",
     "**Note:** the data start on {first}, in the middle of {previous}; the comparison with {previous} rests on "
     "part of that period."},
    {S::kNoticePartialNow,
     "**Let op:** de gegevens eindigen op {last}, voor het einde van {period}; deze periode is nog niet compleet.",
     "**Note:** the data end on {last}, before the end of {period}; this period is not complete yet."},
    {S::kKudosHeading, "Complimenten om door te geven", "Compliments to pass on"},
    {S::kKudosIntro,
     "De hartelijkste antwoorden die een medewerker of diens aanpak noemen (cijfer 7 of hoger), om in het team te "
     "delen:",
     "The warmest answers that name a member of staff or how they helped (grade 7 or higher), to share in the "
     "team:"},
    {S::kGlanceCallbacks, "Terugbellen", "Call-backs"},
    {S::kGlanceCallbackLine, "{period}: {listed} op de lijst, {called} teruggebeld{days}, {open} nog open",
     "{period}: {listed} listed, {called} called back{days}, {open} still open"},
    {S::kGlanceCallbackDays, " (mediaan {days} werkdagen)", " (median {days} working days)"},
    {S::kGlanceNoCallbacks,
     "Nog geen terugbellijst in het archief (`luister-followup --db`; de wekelijkse taak houdt hem bij).",
     "No call-back list in the archive yet (`luister-followup --db`; the weekly job keeps it)."},
    {S::kAspectsLead, "Per aspect van de dienstverlening: ", "Per aspect of service: "},
};

constexpr bool table_in_order() {
  if (std::size(kTable) != static_cast<std::size_t>(S::kCount)) return false;
  for (std::size_t i = 0; i < std::size(kTable); ++i)
    if (static_cast<std::size_t>(kTable[i].id) != i) return false;
  return true;
}
static_assert(table_in_order(), "kTable must hold one entry per S, in the order of S");

constexpr std::array<std::array<const char*, 12>, 4> kMonths = {{
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
     "december"},
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"},
    {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}};

const char* kNoValue = "\xE2\x80\x93";  // –

}  // namespace

std::string_view get(Lang lang, S id) {
  const Entry& e = kTable[static_cast<std::size_t>(id)];
  return lang == Lang::kNl ? e.nl : e.en;
}

std::string_view month_name(Lang lang, int month, bool short_form) {
  return kMonths[(short_form ? 2 : 0) + (lang == Lang::kEn ? 1 : 0)][static_cast<std::size_t>(month - 1)];
}

std::string Words::count(std::size_t n) const {
  std::string digits = std::to_string(n), out;
  const char sep = lang_ == Lang::kNl ? '.' : ',';
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string Words::number(double value, int decimals) const {
  // Half away from zero, as people round (7,25 → 7,3), not to even as printf does.
  const double scale = std::pow(10.0, decimals);
  value = std::round(value * scale) / scale;
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s == "-0" || boost::algorithm::starts_with(s, "-0.")) {
    // -0.0 after rounding is 0.
    bool zero = s.find_first_not_of("-0.") == std::string::npos;
    if (zero) s.erase(0, 1);
  }
  if (lang_ == Lang::kNl)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string Words::signed_number(double value, int decimals) const {
  std::string s = number(value, decimals);
  if (s.find_first_not_of("0.,") == std::string::npos) return "\xC2\xB1" + s;  // ±0,0
  return s[0] == '-' ? s : "+" + s;
}

std::string Words::grade(std::optional<double> value) const { return value ? number(*value, 1) : kNoValue; }

std::string Words::percent(double share) const { return number(share * 100, 0) + "%"; }

std::string Words::percent_of(std::size_t k, std::size_t n) const {
  return n ? percent(static_cast<double>(k) / static_cast<double>(n)) : kNoValue;
}

std::string Words::points(double diff) const {
  return signed_number(diff * 100, 0) + (lang_ == Lang::kNl ? " %-punt" : " pp");
}

std::string Words::norm() const {
  double n = report_.options.norm;
  return n == std::floor(n) ? number(n, 0) : number(n, 1);
}

std::string Words::responses(std::size_t n) const {
  return tr(lang_, n == 1 ? S::kResponseOne : S::kResponseMany, fmt::arg("n", count(n)));
}

std::string Words::answers(std::size_t n) const {
  return tr(lang_, n == 1 ? S::kAnswerOne : S::kAnswerMany, fmt::arg("n", count(n)));
}

std::string Words::day(Day d, bool with_year) const {
  Civil c = civil_from_day(d);
  std::string s = tr(lang_, S::kDay, fmt::arg("d", c.day), fmt::arg("m", month_name(lang_, c.month)));
  return with_year ? s + " " + std::to_string(c.year) : s;
}

std::string Words::period_span(const Period& p) const {
  Civil a = civil_from_day(p.first), b = civil_from_day(p.last);
  S id = a.year != b.year ? S::kSpanOther : a.month != b.month ? S::kSpanSameYear : S::kSpanSameMonth;
  return tr(lang_, id, fmt::arg("d1", a.day), fmt::arg("m1", month_name(lang_, a.month)), fmt::arg("y1", a.year),
            fmt::arg("d2", b.day), fmt::arg("m2", month_name(lang_, b.month)), fmt::arg("y2", b.year));
}

std::string Words::period_title(const Period& p) const {
  switch (p.kind) {
    case PeriodKind::kWeek: {
      IsoWeek w = iso_week(p.first);
      return tr(lang_, S::kPeriodWeek, fmt::arg("w", w.week), fmt::arg("y", w.year));
    }
    case PeriodKind::kMonth: {
      Civil c = civil_from_day(p.first);
      return fmt::format("{} {}", month_name(lang_, c.month), c.year);
    }
    case PeriodKind::kRange:
      break;
  }
  return period_span(p);
}

std::string Words::period_name(const Period& p) const {
  switch (p.kind) {
    case PeriodKind::kWeek:
      return tr(lang_, S::kPeriodWeekShort, fmt::arg("w", iso_week(p.first).week));
    case PeriodKind::kMonth:
      return std::string(month_name(lang_, civil_from_day(p.first).month));
    case PeriodKind::kRange:
      break;
  }
  return period_span(p);
}

std::string Words::period_tick(const Period& p) const {
  switch (p.kind) {
    case PeriodKind::kWeek:
      return tr(lang_, S::kPeriodWeekTick, fmt::arg("w", iso_week(p.first).week));
    case PeriodKind::kMonth:
      return std::string(month_name(lang_, civil_from_day(p.first).month, true));
    case PeriodKind::kRange:
      break;
  }
  Civil c = civil_from_day(p.first);
  return fmt::format("{} {}", c.day, month_name(lang_, c.month, true));
}

std::string Words::unit(bool many) const {
  switch (report_.period.kind) {
    case PeriodKind::kWeek:
      return std::string(get(lang_, many ? S::kUnitWeekMany : S::kUnitWeekOne));
    case PeriodKind::kMonth:
      return std::string(get(lang_, many ? S::kUnitMonthMany : S::kUnitMonthOne));
    case PeriodKind::kRange:
      break;
  }
  return std::string(get(lang_, many ? S::kUnitRangeMany : S::kUnitRangeOne));
}

std::string Words::title() const {
  return report_.options.title.empty() ? std::string(get(lang_, S::kTitleDefault)) : report_.options.title;
}

std::string Words::change_note(const Change& c, const std::string& previous_value, bool as_points) const {
  const std::string previous = period_name(report_.previous);
  if (!c.comparable) return tr(lang_, S::kNoteNoPrevious, fmt::arg("previous", previous));
  const std::string diff = as_points ? points(c.diff) : signed_number(c.diff, 1);
  S id = c.few ? S::kNoteFew
         : c.clear == Direction::kUp   ? S::kNoteUp
         : c.clear == Direction::kDown ? S::kNoteDown
                                       : S::kNoteSame;
  return tr(lang_, id, fmt::arg("previous", previous), fmt::arg("value", previous_value), fmt::arg("diff", diff));
}

std::string Words::change_cell(const Change& c, bool as_points) const {
  if (!c.comparable) return kNoValue;
  const std::string diff = as_points ? points(c.diff) : signed_number(c.diff, 1);
  if (c.few) return tr(lang_, S::kCellFew, fmt::arg("diff", diff));
  if (c.clear == Direction::kUp) return diff + " \xE2\x96\xB2";    // ▲
  if (c.clear == Direction::kDown) return diff + " \xE2\x96\xBC";  // ▼
  return diff;
}

std::optional<std::string> Words::spike_tag(const ThemeLine& line) const {
  if (line.spike) return std::string(get(lang_, S::kSpikeTag));
  // A withheld growth is the status itself ("gemengd"); a withheld spike gets the tag.
  if (line.rise_withheld && line.status != Status::kMixed) return std::string(get(lang_, S::kStatusMixed));
  return std::nullopt;
}

bool Words::status_shown(const ThemeLine& line) {
  // A spike is far above the periods before; "stable" or "shrinking" against the last one would
  // contradict it in one breath, so the spike (or "gemengd") alone is named then.
  const bool tagged = line.spike || (line.rise_withheld && line.status != Status::kMixed);
  if (line.status == Status::kNone) return false;
  return !(tagged && (line.status == Status::kStable || line.status == Status::kShrinking));
}

std::string Words::status(const ThemeLine& line, bool with_spike) const {
  std::string s;
  switch (line.status) {
    case Status::kNone: s = kNoValue; break;
    case Status::kNew: s = get(lang_, S::kStatusNew); break;
    case Status::kGrowing: s = get(lang_, S::kStatusGrowing); break;
    case Status::kShrinking: s = get(lang_, S::kStatusShrinking); break;
    case Status::kStable: s = get(lang_, S::kStatusStable); break;
    case Status::kMixed: s = get(lang_, S::kStatusMixed); break;
  }
  const std::optional<std::string> tag = with_spike ? spike_tag(line) : std::nullopt;
  if (tag && !status_shown(line)) return *tag;
  if (line.change.few && line.status != Status::kNone) s += fmt::format(" ({})", get(lang_, S::kFew));
  if (tag) s += ", " + *tag;
  return s;
}

std::string Words::scope_name(const ScopeReport& s) const {
  return s.process.empty() ? std::string(get(lang_, S::kTotal)) : s.process;
}

std::string Words::attribution(const Quote& q, bool with_process) const {
  std::string process = with_process && !q.process.empty() ? q.process + ", " : "";
  if (!q.grade) return tr(lang_, S::kAttributionNoGrade, fmt::arg("process", process), fmt::arg("day", day(q.day, false)));
  const double g = *q.grade;
  return tr(lang_, S::kAttribution, fmt::arg("process", process),
            fmt::arg("grade", g == std::floor(g) ? number(g, 0) : number(g, 1)), fmt::arg("day", day(q.day, false)));
}

std::string Words::list(const std::vector<std::string>& items) const {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string(get(lang_, S::kAnd)) : ", ";
    out += items[i];
  }
  return out;
}

std::string Words::theme_processes(const ThemeLine& line) const {
  if (report_.processes.size() < 2) return {};
  std::string out;
  for (std::size_t i = 0; i < line.processes.size() && i < 2; ++i) out += (i ? ", " : "") + line.processes[i];
  if (line.processes.size() > 2) out += fmt::format(" +{}", line.processes.size() - 2);
  return out;
}

}  // namespace luister::report::text
