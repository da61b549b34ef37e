#include "complaint_rules.hpp"

#include <algorithm>
#include <cctype>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/base/hash.hpp"
#include "luister/text/wordforms.hpp"

namespace luister::complaint {
namespace {

// What each rule adds or keeps of a positive phrase it turns around (see docs in
// lexicons/README.md, "complaint-nl.tsv").
constexpr double kScoreDuration = -0.4;     // "al 5 weken", "ruim anderhalf uur gewacht"
constexpr double kScoreWhile = -0.2;        // "alleen duurde het wel even"
constexpr double kScoreCount = -0.3;        // "3x gebeld", "voor de vierde keer"
constexpr double kScorePersist = -0.4;      // "nog steeds", "nog niet"
constexpr double kScoreExpectation = -0.5;  // "zouden maandag bellen. … niets gehoord"
constexpr double kScoreElapsed = -0.4;      // "Het is nu dinsdag."
constexpr double kScoreQuestion = -0.4;     // "Waarom duurt het vier maanden?"
constexpr double kScoreImperative = -0.5;   // "Pak die telefoon nou eens op!!"
constexpr double kScoreWish = -0.35;        // a wish or request with no praise to turn: mild criticism
constexpr double kScoreWishTurn = -0.5;     // a positive word in a wish describes what is missing
constexpr double kWishProblem = 0.5;        // a negative word in a wish names the problem it would solve
constexpr double kScoreNegated = -0.3;      // "niemand kon het me vertellen": a negated action
constexpr double kScoreRelief = 0.5;        // "ik hoefde niets opnieuw in te vullen"
constexpr double kScoreQuick = 0.5;         // "binnen 2 dagen geregeld"
constexpr long kQuickDays = 5;              // "binnen 5 dagen" is quick; a week is ("binnen een week"), two are not
constexpr double kScoreUncertain = -0.5;    // "geen idee of ik goed geholpen ben"
constexpr double kScoreSarcasm = -0.8;      // praise said against a negative fact
constexpr double kStrongFact = -0.6;        // a negative fact this strong after "Top," makes the praise sarcasm
constexpr double kScoreNorm = -0.4;         // "14 weken is kennelijk de gemeentelijke [termijn]"
constexpr double kScoreQuoted = -0.8;       // 'hersteld'
constexpr double kScoreQuote = -0.3;        // a quoted promise with no sentiment word: 'in behandeling'
constexpr double kScoreContrast = -0.4;  // "heel behulpzaam, maar …" with no praise after "maar"
constexpr double kMildPraise = 0.6;      // middling(): praise no stronger than "goed", "prima", "in orde"
constexpr double kScoreLate = -0.4;     // "werd pas om 10 uur geholpen", "kwam pas in december binnen"
constexpr double kScoreDelay = -0.4;    // "Afspraak om 10:15. Om 11:05 …", "gemeld op 3 augustus … 20 oktober"
constexpr double kScoreAmount = -0.3;   // "€16,15 voor een A4'tje met mijn naam en adres."
constexpr double kScorePrice = -0.4;    // "Prijs is wel fors voor een papiertje", "de prijs is verhoogd"
constexpr double kScoreRunaround = -0.5;  // "doorverbonden naar Wonen, toen naar Vergunningen, toen …"
constexpr double kScoreHyperbole = -0.5;  // "tegen de tijd dat het klaar is, ben ik met pensioen"
constexpr double kScoreEffort = -0.4;      // "had er 2 uur voor nodig", "twee avonden over gedaan"
constexpr double kScoreGrade = 0.5;        // "… voor de gewone man. 9.": a grade the answer states, 8 or more (4 or less: the opposite)
constexpr long kEffortMinutes = 20;        // time spent on a task from which it is a complaint
constexpr int kDelayMinutes = 45;       // between the first and last clock time of an answer
constexpr int kDelayDays = 21;          // between two dates of an answer
constexpr long kDelayWeeks = 3;         // "na 4 weken", "over 3 weken"; not "over twee weken klaar"
constexpr std::size_t kTookGap = 3;     // words between "duurde" and its duration: "duurde het alleen wel"
constexpr std::size_t kMaxQuoted = 5;  // words between scare quotes
constexpr std::size_t kClaimWords = 8;  // from "bandje", "volgens de site" to the praise it claims
constexpr std::size_t kMaxQuotation = 20;  // words of a quoted promise
constexpr std::size_t kNeitherNorSpan = 6;  // tokens from one negated word to its opposite
constexpr std::size_t kNegatedWords = 5;         // words a clause needs for a negated action
constexpr std::size_t kComplementWords = 3;  // a praised dat-clause's words for a negated action: "dat niemand belt"
constexpr std::size_t kComplementNegatorReach = 4;  // tokens into a praised dat-clause its negator may stand
constexpr std::size_t kLeadWords = 2;  // before praise heading a clause: "zo fijn dat", "goh wat fijn dat", "heel erg fijn dat"
constexpr std::size_t kOpeningClauseWords = 3;   // of sarcastic praise: "Mooi zo, ...", "Fantastisch, ...", "Mooi op tijd, ..."
constexpr std::size_t kFormulaWords = 2;         // a clause of praise as a formula: "…, aanrader.", "Geweldig."
constexpr std::size_t kOpeningSentenceWords = 6; // "Geweldig systeem." "Wat een mooi systeem hebben jullie."
constexpr std::size_t kClosingSentenceWords = 4; // "Top." "Echt een aanrader." "Wat een feest."
constexpr std::size_t kIronyWords = 4;  // words besides "Leuk hoor," that make it irony

constexpr std::array<std::pair<std::string_view, std::uint32_t>, 32> kClassNames = {{
    {"unit", kUnit},           {"number", kNumber},         {"one", kOne},           {"ordinal", kOrdinal},
    {"count", kCount},         {"longpre", kLongPre},       {"shortpre", kShortPre}, {"waitafter", kWaitAfter},
    {"later", kLater},         {"durpre", kDurPre},         {"promise", kPromise},   {"failure", kFailure},
    {"imperative", kImperative}, {"wish", kWish},           {"wishadj", kWishAdj},   {"request", kRequest},
    {"question", kQuestion},   {"addressee", kAddressee},   {"impatience", kImpatience}, {"relief", kRelief},
    {"subject", kSubject},     {"persist", kPersist},       {"cognition", kCognition}, {"feeling", kFeeling},
    {"know", kKnow},           {"more", kMore},             {"earlier", kEarlier},   {"sarcasm", kSarcasm},
    {"finite", kFinite},       {"month", kCalendar},        {"weekday", kCalendar},
    {"subordinator", kSubordinator},
}};

constexpr std::array<std::string_view, 12> kMonthNames = {"januari", "februari", "maart", "april", "mei", "juni",
                                                           "juli", "augustus", "september", "oktober", "november", "december"};

// The clause holding token t.
Span clause_at(const std::vector<Clause>& clauses, std::size_t t) {
  auto it = std::upper_bound(clauses.begin(), clauses.end(), t, [](std::size_t x, const Clause& c) { return x < c.tokens.first; });
  return it == clauses.begin() ? Span{0, 0} : std::prev(it)->tokens;
}

// One answer as the rules read it: tokens with their classes, which sentence each is in, which
// tokens some evidence covers, and the sentences that are wishes.
class Reader {
 public:
  // `scratch` keeps, per token, its sentence and whether evidence covers it (kCovered), its memory
  // kept from answer to answer.
  Reader(const RuleInput& in, std::vector<std::uint32_t>& scratch)
      : in_(in), n_(in.tokens.size()), token_at_(in.tokens.data()), word_at_(in.words.data()),
        class_at_(in.classes.data()), token_(scratch) {
    const std::size_t n = in.tokens.size();
    // Each token written once: its sentence, or the number of sentences where none holds it (the
    // sentences cover every token, in order, but nothing here relies on it).
    token_.resize(n);
    const auto none = static_cast<std::uint32_t>(in.sentences.size());
    auto fill = [this](std::size_t first, std::size_t last, std::uint32_t value) {
      std::fill(token_.begin() + static_cast<std::ptrdiff_t>(first), token_.begin() + static_cast<std::ptrdiff_t>(last), value);
    };
    std::size_t covered = 0;  // tokens before it were written
    for (std::uint32_t s = 0; s < in.sentences.size(); ++s) {
      const std::size_t first = std::min<std::size_t>(in.sentences[s].first, n), last = std::min<std::size_t>(in.sentences[s].last, n);
      if (first >= last) continue;
      if (first > covered) fill(covered, first, none);
      fill(first, last, s);
      covered = std::max(covered, last);
    }
    fill(covered, n, none);
    for (const Evidence& ev : in.evidence)
      for (std::size_t k = ev.token, n = term_words(ev); k < in.tokens.size() && n; ++k, --n) token_[k] |= kCovered;
    for (const Span& phrase : in.neutral)
      for (std::size_t k = phrase.first; k < phrase.last && k < in.tokens.size(); ++k) token_[k] |= kCovered;
  }
  static std::size_t term_words(const Evidence& ev) { return 1 + std::count(ev.term.begin(), ev.term.end(), ' '); }

  std::size_t size() const { return n_; }
  bool has(std::size_t t, std::uint32_t c) const { return t < size() && (class_at_[t] & c) != 0; }
  // same_bytes() compares short words in a few loads, without a call to memcmp: the rules ask often,
  // so it is inlined in each of them (a call per word asked costs more than the comparison).
  [[gnu::always_inline]] bool is(std::size_t t, std::string_view w) const { return t < size() && same_bytes(word_at_[t], w); }
  bool is_word(std::size_t t) const { return t < size() && token_at_[t].kind == TokenKind::kWord; }
  bool is_punct(std::size_t t) const { return t < size() && token_at_[t].kind == TokenKind::kPunct; }
  bool is_numeral(std::size_t t) const { return t < size() && token_at_[t].kind == TokenKind::kNumber; }
  bool covered(std::size_t t) const { return t < size() && (token_[t] & kCovered); }

  /// Whether some word of the answer has a class of `c`: rules whose words are absent are skipped.
  bool any(std::uint32_t c) const { return (in_.traits.classes & c) != 0; }
  std::string_view word(std::size_t t) const { return word_at_[t]; }
  std::uint32_t sentence_of(std::size_t t) const { return token_[t] & ~kCovered; }
  const Span& sentence(std::size_t s) const { return in_.sentences[s]; }
  std::size_t sentences() const { return in_.sentences.size(); }
  std::vector<Evidence>& evidence() const { return in_.evidence; }
  std::string_view wish(std::size_t s) const { return s < wish_.size() ? std::string_view(wish_[s]) : std::string_view(); }
  bool has_wishes() const { return !wish_.empty(); }
  void set_wish(std::size_t s, std::string rule) {
    if (wish_.size() <= s) wish_.resize(sentences());
    wish_[s] = std::move(rule);
  }

  // A number that can count: a numeral token ("5", "1,5") or word ("drie"); `units` also takes
  // "een", "anderhalf". Clock times ("14:00") are no durations.
  bool is_number(std::size_t t, bool units) const {
    if (t >= size()) return false;
    if (token_at_[t].kind == TokenKind::kNumber) return word_at_[t].find(':') == std::string_view::npos;
    return has(t, kNumber | (units ? kOne : 0u));
  }
  // A promise word at t; not "hoop" as a quantity ("het scheelde me een hoop tijd").
  bool promise_at(std::size_t t) const {
    return has(t, kPromise) && !(is(t, "hoop") && t > 0 && (is(t - 1, "een") || is(t - 1, "hele")));
  }
  // A negator among the `n` words before t ("niet drie weken", "geen twee keer").
  bool negated_before(std::size_t t, std::size_t n) const {
    for (std::size_t k = t; k > 0 && n > 0; --k, --n)
      if (has(k - 1, kNegator)) return true;
    return false;
  }
  // What the answer holds, for skipping the rules that start from what it lacks: a question mark,
  // a numeral token ("5", "14:00"), a word starting with a digit ("3x", "2e"), a quote mark as a
  // token of its own, the word "nog".
  bool any_question_mark() const { return in_.traits.question_mark; }
  bool any_numeral() const { return in_.traits.numerals; }
  bool any_digit_word() const { return in_.traits.digit_words; }
  bool any_quote() const { return in_.traits.quotes; }
  bool any_nog() const { return in_.traits.nog; }
  bool any_dear() const { return in_.traits.dear; }
  bool any_took() const { return in_.traits.took; }
  bool any_cue() const { return in_.traits.cue; }
  bool any_sinds() const { return in_.traits.sinds; }
  bool ends_question(std::size_t s) const {
    const Span& sp = sentence(s);
    for (auto t = sp.first; t < sp.last; ++t)
      if (is_punct(t) && word(t).find('?') != std::string_view::npos) return true;
    return false;
  }
  std::size_t words_in(std::size_t s) const {
    std::size_t n = 0;
    for (auto t = sentence(s).first; t < sentence(s).last; ++t) n += is_word(t);
    return n;
  }
  std::size_t first_word(std::size_t s) const {
    auto t = sentence(s).first;
    while (t < sentence(s).last && !is_word(t)) ++t;
    return t;
  }
  // The words [first, last] joined, "…" standing for the words between when they are far apart.
  std::string span_text(std::size_t first, std::size_t last) const {
    std::string out;
    if (last > first + 3) return fmt::format("{}…{}", word(first), word(last));
    for (auto t = first; t <= last; ++t)
      if (!is_punct(t)) out.append(out.empty() ? "" : " ").append(word(t));
    return out;
  }
  // A new piece of evidence for a rule: `term` as the evidence's words, `rule` its name.
  Evidence& add(std::size_t token, std::string term, double score, std::string rule) {
    Evidence& ev = in_.evidence.emplace_back();
    ev.term = std::move(term);
    ev.base = score;
    ev.contribution = score;
    ev.rules = std::move(rule);
    ev.token = static_cast<std::uint32_t>(token);
    return ev;
  }
  // A negative fact: negative evidence in a clause without praise ("terwijl ik nogal boos was"
  // beside "bleef heel rustig" is the resident's own mood in a sentence of praise).
  bool negative_fact(const std::vector<Clause>& clauses) const {
    for (const Evidence& ev : in_.evidence) {
      if (ev.contribution >= 0) continue;
      const Span c = clause_at(clauses, ev.token);
      if (std::none_of(in_.evidence.begin(), in_.evidence.end(),
                       [&](const Evidence& e) { return e.contribution > 0 && e.token >= c.first && e.token < c.last; }))
        return true;
    }
    return false;
  }

 private:
  static constexpr std::uint32_t kCovered = 1u << 31;
  const RuleInput& in_;
  // The per-token vectors of in_ as plain pointers, and their size: every rule asks for every
  // token, and through in_ each question would load the vector's bounds again.
  const std::size_t n_;
  const Token* const token_at_;
  const std::string_view* const word_at_;
  const std::uint32_t* const class_at_;
  std::vector<std::uint32_t>& token_;
  std::vector<std::string> wish_;  // per sentence: the wish rule's name, or ""; empty until a wish
};

// Whether the evidence is an emoji's (tagged "emoji" in the lexicon): a mood beside what the words
// say, no praise of their content.
bool is_emoji(const Evidence& e) { return e.entry && e.entry->tags().find("emoji") != std::string_view::npos; }

// Whether the evidence is a complaint word a negator turned ("geen probleem", "nog geen drie
// maanden gewacht"): no praise of anything.
bool negated_complaint(const Evidence& e) { return e.base < 0 && e.rules.find("negation(") != std::string::npos; }

// Turns positive evidence into criticism: contribution -|c| x factor.
void turn(Evidence& ev, double factor, std::string_view rule) {
  ev.contribution = -std::abs(ev.contribution) * factor;
  append_rule(ev, rule);
}

// The unit of a duration starting at number t ("drie weken", "een half uur"), or size().
std::size_t unit_after(const Reader& r, std::size_t t) {
  std::size_t u = t + 1;
  if (r.is(u, "half") || r.is(u, "halve")) ++u;
  return r.has(u, kUnit) ? u : r.size();
}

bool is_short_unit(std::string_view unit) {
  return unit.rfind("sec", 0) == 0 || unit.rfind("min", 0) == 0 || unit == "kwartier" || unit == "uur" || unit == "uren";
}

bool is_long_unit(std::string_view unit) {
  return unit.rfind("we", 0) == 0 || unit.rfind("maand", 0) == 0 || unit.rfind("jaar", 0) == 0 || unit == "jaren";
}

// The count a numeral spells ("drie" 3, "12" 12), 0 when unknown ("paar").
long count_of(std::string_view w) {
  static constexpr std::array<std::string_view, 11> kWords = {"twee", "drie", "vier",  "vijf", "zes",   "zeven",
                                                              "acht", "negen", "tien", "elf",  "twaalf"};
  static constexpr std::array<std::string_view, 5> kTens = {"twintig", "dertig", "veertig", "vijftig", "zestig"};
  const auto it = std::find(kWords.begin(), kWords.end(), w);
  if (it != kWords.end()) return 2 + (it - kWords.begin());
  if (const auto ten = std::find(kTens.begin(), kTens.end(), w); ten != kTens.end()) return 20 + 10 * (ten - kTens.begin());
  long v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return c == ',' || c == '.' ? v : 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

// A form of "duren" ("duurde", "duurt") a few words before `t`, over the words that may stand
// between ("het duurde alleen wel", "duurde het nog"), or size().
std::size_t took_before(const Reader& r, std::size_t t) {
  static constexpr std::array<std::string_view, 10> kBetween = {"het", "alleen", "enkel", "nog",  "ook",
                                                                "toch", "echt",   "gewoon", "dus", "er"};
  for (std::size_t k = t, n = 0; k > 0 && n <= kTookGap; --k, ++n) {
    const std::string_view w = r.word(k - 1);
    if (says_took(w)) return k - 1;
    if (!r.is_word(k - 1) || std::find(kBetween.begin(), kBetween.end(), w) == kBetween.end()) break;
  }
  return r.size();
}

// Where the words before a duration at t (its longpre words from `pre` on) start when it says
// what something took: "een paar maanden" from "een", "wel een paar maanden" from "wel".
std::size_t took_from(const Reader& r, std::size_t t, std::size_t pre) {
  if (pre < t || t == 0 || !r.is(t, "paar") || !r.is(t - 1, "een")) return pre;
  std::size_t from = t - 1;
  while (from > 0 && r.has(from - 1, kLongPre)) --from;
  return from;
}

// Whether w says that something was done or came: "geregeld", "gemaakt", "opgelost", "klaar",
// "thuis", "ontvangen" ("binnen 2 dagen geregeld").
bool finished(std::string_view w) {
  static constexpr std::array<std::string_view, 30> kDone = {
      "geregeld",  "klaar",      "gemaakt",    "opgelost",  "verwerkt",  "thuis",      "ontvangen",  "gerepareerd",
      "vervangen", "aangepast",  "afgehandeld", "geleegd",  "opgehaald", "aangelegd",  "gedaan",     "geholpen",
      "teruggebeld", "beantwoord", "rond",     "bezorgd",   "hersteld",  "weggehaald", "toegekend",  "uitbetaald",
      "geplaatst", "gesnoeid",   "verwijderd", "opgeruimd", "gemaaid",   "bezocht"};
  return std::find(kDone.begin(), kDone.end(), w) != kDone.end();
}

// "Binnen 2 dagen geregeld", "binnen een week was de lantaarnpaal gemaakt", "in 10 minuten klaar":
// a short time before what was done is praise of speed. Short: minutes, an hour or two, up to
// kQuickDays days, one week. Not what was promised, claimed, quoted or asked ("zouden het binnen 2
// dagen regelen", "volgens de site binnen vijf dagen klaar", "'wordt binnen 3 werkdagen
// toegestuurd'"), not negated ("niet binnen een week klaar"), not in a clause that complains
// already ("binnen 2 dagen weer kapot").
void quick_completion(Reader& r, const std::vector<Clause>& clauses) {
  for (std::size_t t = 0; t + 2 < r.size(); ++t) {
    const bool within = r.is(t, "binnen"), in = r.is(t, "in");
    // (The lexicon's own phrases, "binnen een dag", "binnen 10 minuten", have been read.)
    if ((!within && !in) || !r.is_number(t + 1, true) || r.covered(t) || r.covered(t + 1)) continue;
    const std::size_t u = unit_after(r, t + 1);
    if (u == r.size()) continue;
    const std::string_view unit = r.word(u);
    const long n = std::max(1L, count_of(r.word(t + 1)));  // "een", "paar": 1
    const bool minutes = unit.rfind("min", 0) == 0 || unit == "kwartier";
    const bool quick = minutes || ((unit == "uur" || unit == "uren") && n <= 2) ||
                       (within && (unit.rfind("dag", 0) == 0 || unit.rfind("werkdag", 0) == 0) && n <= kQuickDays) ||
                       (within && unit == "week" && n <= 1);
    if (!quick || r.negated_before(t, 3) || r.ends_question(r.sentence_of(t))) continue;
    const Span c = clause_at(clauses, t);
    bool done = false, against = false;
    for (auto k = c.first; k < c.last; ++k) {
      done = done || finished(r.word(k));
      const bool quote = r.is_punct(k) && (r.word(k) == "'" || r.word(k) == "\"");  // the normaliser's quotes
      against = against || r.promise_at(k) || r.has(k, kNegator) || r.is(k, "zou") || r.is(k, "zouden") ||
                r.is(k, "volgens") || quote;
    }
    for (const Evidence& e : r.evidence()) against = against || (e.contribution < 0 && e.token >= c.first && e.token < c.last);
    if (!done || against) continue;
    r.add(t, r.span_text(t, u), kScoreQuick, fmt::format("quick({})", r.span_text(t, u)));
    t = u;
  }
}

// Durations as complaints in context: "al 5 weken", "ruim anderhalf uur gewacht", "twee weken
// zonder pas", "na 4 weken", "vier weken later", what something took ("het duurde alleen wel een
// paar maanden", "duurde het nog vier maanden"); not "binnen 3 dagen", "in 10 minuten", "om 10
// uur", "het duurde een kwartier", "duurde een week".
void durations(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is_number(t, true)) continue;
    const std::size_t u = unit_after(r, t);
    if (u == r.size()) continue;
    std::size_t pre = t;
    while (pre > 0 && (r.has(pre - 1, kLongPre) || r.is(pre - 1, "dan") || r.is(pre - 1, "meer"))) --pre;
    const std::size_t verb = took_before(r, took_from(r, t, pre));
    // After a form of "duren", "nog" adds time ("duurde het nog vier maanden"), it does not shorten it.
    const bool more = verb < r.size() && r.is(t - 1, "nog");
    const bool long_pre = pre < t, short_pre = t > 0 && r.has(t - 1, kShortPre) && !long_pre && !more;
    const bool clock = t > 0 && r.word(u) == "uur" && (r.is(t - 1, "om") || r.is(t - 1, "tot") || r.is(t - 1, "vanaf"));
    if (short_pre || clock || r.negated_before(pre, 2)) continue;
    const std::size_t after = u + 1;
    // "al 10 jaar lid", "al 30 jaar inwoner": how long one belongs, not how long one waits.
    if (r.is(after, "lid") || r.is(after, "klant") || r.is(after, "abonnee") || r.is(after, "inwoner") ||
        r.is(after, "bewoner") || r.is(after, "getrouwd"))
      continue;
    const bool on_hold = r.is(after, "in") && r.is(after + 1, "de") && r.is(after + 2, "wacht");
    const bool later = r.has(after, kLater) && (!r.is(after, "op") || r.is(after + 1, "rij"));  // "drie weken op rij"
    const bool wait = r.has(after, kWaitAfter) || on_hold;
    // "na 4 weken", "over 7 weken" are delays; "over een week", "na 6 dagen" may be a plain fact.
    const bool delay = t > 0 && r.has(t - 1, kDurPre) && is_long_unit(r.word(u)) && !r.has(t, kOne) &&
                       (r.word(u).rfind("we", 0) != 0 || count_of(r.word(t)) >= kDelayWeeks);
    // "na 3 weken al": "al" after the delay says it came soon ("Fijn dat ze na 3 weken al belden").
    if (delay && !long_pre && r.is(after, "al")) continue;
    const bool days = !is_short_unit(r.word(u)) && (delay || later);
    // What something took counts from months on, and from weeks as a delay does ("duurde 3 weken",
    // "een paar weken"; not "duurde twee weken", which may be the usual time).
    const bool took = verb < r.size() && is_long_unit(r.word(u)) &&
                      (r.word(u).rfind("we", 0) != 0 || count_of(r.word(t)) >= kDelayWeeks || r.is(t, "paar"));
    if (!long_pre && !wait && !days && !took) continue;
    // "Ik woon hier pas 2 jaar", "ik sta er pas drie weken": "pas" alone before a duration that
    // nothing makes a wait or a delay says how short it is ("pas drie weken later" is a delay, "pas
    // twee dagen van tevoren" a lateness).
    const bool before_event = r.is(after, "voor") || r.is(after, "ervoor") || r.is(after, "vooraf") ||
                              r.is(after, "voordat") || (r.is(after, "van") && r.is(after + 1, "tevoren"));
    if (pre + 1 == t && r.is(pre, "pas") && !wait && !days && !took && !before_event) continue;
    // "ruim" before a duration is more-than, not spacious: its lexicon evidence goes.
    auto& evidence = r.evidence();
    evidence.erase(std::remove_if(evidence.begin(), evidence.end(),
                                  [&](const Evidence& ev) { return ev.token >= pre && ev.token < t && ev.term == "ruim"; }),
                   evidence.end());
    const std::size_t last = on_hold ? after + 2 : wait || later ? after + (r.is(after, "op") ? 1 : 0) : u;
    const std::size_t key = took && !long_pre && !wait && !days ? verb
                            : pre < t                            ? pre
                            : (t > 0 && r.has(t - 1, kDurPre) ? t - 1 : t);
    r.add(key, r.span_text(key, last), kScoreDuration,
          fmt::format("duration({})", r.span_text(key, last)));
    t = u;
  }
}

// Whether the time at t is much to spend on a task: an hour or more, 20 minutes or more, evenings,
// days ("2 uur", "anderhalf uur", "twintig minuten", "twee avonden", "een hele middag"). Sets `last`
// to the phrase's last word.
bool much_time(const Reader& r, std::size_t t, std::size_t& last) {
  static constexpr std::array<std::string_view, 8> kParts = {"avond", "avonden", "ochtend", "ochtenden",
                                                             "middag", "middagen", "dag",  "dagen"};
  auto part = [&](std::size_t k) { return k < r.size() && std::find(kParts.begin(), kParts.end(), r.word(k)) != kParts.end(); };
  if (r.is(t, "hele") && part(t + 1)) return last = t + 1, true;
  if (!r.is_number(t, true)) return false;
  if (!r.has(t, kOne) && part(t + 1)) return last = t + 1, true;
  const std::size_t u = unit_after(r, t);
  if (u == r.size()) return false;
  last = u;
  const std::string_view unit = r.word(u);
  if (unit == "uur" || unit == "uren") return true;
  return unit.rfind("min", 0) == 0 && count_of(r.word(t)) >= kEffortMinutes;
}

// Effort told as time spent: "had er 2 uur voor nodig", "twee avonden over gedaan", "twintig
// minuten gezocht naar het formulier", "een hele middag mee bezig". A resident names the time a task
// took them to say it was too much. Not "binnen 20 minuten", "in 10 minuten", a negated time, a
// time a duration rule read, nor beside praise in its clause ("in een uur alles ingevuld, top").
void efforts(Reader& r, const std::vector<Clause>& clauses) {
  static constexpr std::array<std::string_view, 19> kEffort = {
      "nodig",      "gedaan",     "gezocht",    "zoeken",   "bezig",    "kwijt",        "rondgereden",
      "rondgelopen", "gepuzzeld", "geprobeerd", "uitgezocht", "geworsteld", "ingevuld", "invullen",
      "gezeten",    "gewacht",    "gestaan",    "thuisgebleven", "vrijgenomen"};
  for (std::size_t t = 0; t < r.size(); ++t) {
    std::size_t last = t;
    if (!much_time(r, t, last)) continue;
    if ((t > 0 && r.has(t - 1, kShortPre)) || r.negated_before(t, 2) || r.covered(t) || r.covered(last)) continue;
    const Span own = clause_at(clauses, t);
    std::size_t effort = r.size();
    for (auto k = last + 1; k < own.last && k <= last + 6 && effort == r.size(); ++k)
      if (std::find(kEffort.begin(), kEffort.end(), r.word(k)) != kEffort.end()) effort = k;
    if (effort == r.size() || r.covered(effort)) continue;  // "anderhalf uur kwijt": the lexicon read "kwijt"
    const auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(),
                    [&](const Evidence& e) { return e.contribution > 0 && e.token >= own.first && e.token < own.last; }))
      continue;
    r.add(t, r.span_text(t, effort), kScoreEffort, fmt::format("effort({})", r.span_text(t, effort)));
    t = effort;
  }
}

// Contact kept up by the resident: "Ik heb elke dag gebeld om te vragen of …", "we hebben iedere
// week gemaild", "op vier verschillende dagen geprobeerd". A resident who tells how often they had to
// chase says they had to. Only their own doing (ik, we, wij in the sentence: "mijn consulent belde
// elke week" is care), not beside praise in the sentence, not a phrase another rule read; checking
// ("elke dag gekeken of hij er was") is no chasing.
void repeated_contact(Reader& r) {
  static constexpr std::array<std::string_view, 9> kChase = {"gebeld",   "gemaild",     "geprobeerd", "nagevraagd", "gevraagd",
                                                             "nagebeld", "geïnformeerd", "geappt",     "langsgegaan"};
  static constexpr std::array<std::string_view, 6> kPeriods = {"dag", "week", "ochtend", "middag", "avond", "werkdag"};
  auto period = [&](std::size_t k) { return std::find(kPeriods.begin(), kPeriods.end(), r.word(k)) != kPeriods.end(); };
  for (std::size_t t = 0; t + 1 < r.size(); ++t) {
    // "elke dag", "iedere week"; "op vier verschillende dagen".
    const bool every = (r.is(t, "elke") || r.is(t, "iedere")) && period(t + 1);
    const bool days = r.is(t + 1, "verschillende") && r.is(t + 2, "dagen") && count_of(r.word(t)) >= 3;
    if ((!every && !days) || r.covered(t)) continue;
    const Span& own = r.sentence(r.sentence_of(t));  // "op vier dagen | en in twee browsers geprobeerd"
    bool mine = false;
    std::size_t chase = r.size();
    for (auto k = own.first; k < own.last; ++k) {
      mine = mine || r.is(k, "ik") || r.is(k, "we") || r.is(k, "wij");
      if (k > t && k <= t + 8 && chase == r.size() && std::find(kChase.begin(), kChase.end(), r.word(k)) != kChase.end()) chase = k;
    }
    if (!mine || chase == r.size() || r.covered(chase)) continue;
    const auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return e.contribution > 0 && e.token >= own.first && e.token < own.last; }))
      continue;
    r.add(t, r.span_text(t, chase), kScoreEffort, fmt::format("effort({} … {})", r.span_text(t, days ? t + 2 : t + 1), r.word(chase)));
    return;
  }
}

// "Alleen duurde het wel even", "het duurde een tijdje": a while that something took, with no
// number, is a mild complaint (as the lexicon's "het duurde even"). Not a phrase the lexicon read.
void took_a_while(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is(t, "even") && !(r.is(t, "een") && (r.is(t + 1, "tijdje") || r.is(t + 1, "poos") || r.is(t + 1, "poosje"))))
      continue;
    std::size_t from = t;
    while (from > 0 && (r.is(from - 1, "wel") || r.is(from - 1, "best"))) --from;
    const std::size_t verb = took_before(r, from);
    const std::size_t last = r.is(t, "even") ? t : t + 1;
    if (verb == r.size() || r.covered(verb) || r.covered(t) || r.negated_before(t, 2)) continue;
    r.add(verb, r.span_text(verb, last), kScoreWhile, fmt::format("duration({})", r.span_text(verb, last)));
    t = last;
  }
}

// A number of a digit token, or 0.
long number_value(std::string_view w) {
  long v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return c == 'x' && v > 0 ? v : 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "ruim" before a number is more-than, not spacious ("ruim 100 euro"), and before its particle the
// verb opruimen: its lexicon evidence goes.
// (Before a duration, durations() already took it into the wait.)
void more_than(Reader& r) {
  auto& evidence = r.evidence();
  // "Ruim het snoeiafval op als je klaar bent": "ruim" first in its sentence with its particle "op"
  // later in the clause is the verb opruimen, a request, not spacious ("Ruime wachtkamer").
  auto tidy_up = [&](std::size_t t) {
    const std::uint32_t s = r.sentence_of(t);
    if (t != r.first_word(s) || r.is_number(t + 1, true)) return false;
    // The object comes between ("ruim op tijd" is in good time).
    for (auto k = t + 2; k < r.sentence(s).last && k <= t + 8 && !r.is_punct(k); ++k)
      if (r.is(k, "op") && !r.is_punct(k - 1)) return true;
    return false;
  };
  for (const Evidence& ev : evidence)
    if (ev.term == "ruim" && tidy_up(ev.token) && r.wish(r.sentence_of(ev.token)).empty())
      r.set_wish(r.sentence_of(ev.token), "wish(ruim…op)");
  evidence.erase(std::remove_if(evidence.begin(), evidence.end(),
                                [&](const Evidence& ev) {
                                  return ev.term == "ruim" && (r.is_number(ev.token + 1, true) || tidy_up(ev.token));
                                }),
                 evidence.end());
}

// Whether "verschillende" or "andere" at t is followed by people, places or answers the resident
// was passed between: "4 verschillende consulenten", "drie andere afdelingen", "2 verschillende
// antwoorden". Not "3 verschillende abonnementen" (a choice); counts() wants three people or places
// ("met twee verschillende medewerkers gesproken" may be no complaint), two answers.
bool passed_between(const Reader& r, std::size_t t) {
  static constexpr std::array<std::string_view, 24> kWho = {
      "consulenten", "klantmanagers", "medewerkers", "behandelaars", "contactpersonen", "begeleiders",
      "mensen",      "personen",      "ambtenaren",  "afdelingen",   "loketten",        "instanties",
      "nummers",     "telefoonnummers", "antwoorden", "verhalen",    "adviseurs",       "consulentes",
      "regisseurs",  "coördinatoren", "collega's",   "loketmedewerkers", "casemanagers", "hulpverleners"};
  if (!r.is(t, "verschillende") && !r.is(t, "andere")) return false;
  return std::any_of(kWho.begin(), kWho.end(), [&](std::string_view w) { return r.is(t + 1, w); });
}

// Whether w is a message one sends to chase something: "3 mails (gestuurd)", "vijf brieven".
bool message_word(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kMessages = {
      "mails",    "e-mails",  "emails",  "mailtjes",  "brieven",     "telefoontjes",
      "berichten", "berichtjes", "meldingen", "klachten", "herinneringen", "verzoeken"};
  return std::find(kMessages.begin(), kMessages.end(), w) != kMessages.end();
}

// Whether w is a verb of sending or filing: "(drie mails) gestuurd", "(vijf meldingen) gedaan".
bool sent_word(std::string_view w) {
  static constexpr std::array<std::string_view, 10> kSent = {"gestuurd", "verstuurd",  "gedaan",    "ingediend", "geschreven",
                                                             "gemaild",  "ingestuurd", "verzonden", "gemeld",    "achtergelaten"};
  return std::find(kSent.begin(), kSent.end(), w) != kSent.end();
}

// Whether the answer holds a word counts() reads after a number besides a count word: "4
// verschillende consulenten", "3 mails gestuurd", "gemeld op 4, 11 en 18 december". One scan.
bool says_counted(const Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t)
    if (r.is(t, "verschillende") || r.is(t, "andere") || message_word(r.word(t)) || r.is(t, "gemeld") ||
        r.is(t, "gebeld") || r.is(t, "gemaild"))
      return true;
  return false;
}

// The last token of a list of two or more days from t ("4, 11 en 18 december", "maandag en
// woensdag"), or size() when there is none.
std::size_t dates_listed(const Reader& r, std::size_t t) {
  std::size_t days = 0, last = r.size();
  for (std::size_t k = t; k < r.size(); ++k) {
    const bool number = r.is_number(k, false) && count_of(r.word(k)) >= 1 && count_of(r.word(k)) <= 31;
    if (number || r.has(k, kCalendar)) {
      // "18 december" and "maandag 4 december" are one day each: a day's number or name counts
      // only when no other word of the same day comes right before it.
      const bool same_day = k > t && (r.has(k - 1, kCalendar) || (!number && r.is_number(k - 1, false)));
      days += !same_day;
      last = k;
    } else if (!r.is(k, ",") && !r.is(k, "en")) {
      break;
    }
  }
  return days >= 2 ? last : r.size();
}

// Counts of attempts: "3x gebeld", "twee keer", "voor de vierde keer", "vijf mails gestuurd"; of
// the people, places or answers one was passed between: "4 verschillende consulenten"; not "één
// keer", "niet drie keer", "twee keer per jaar", "twee brieven ontvangen".
void counts(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    std::size_t last = r.size();
    const std::string_view w = r.word(t);
    if (r.is_word(t) && w.size() >= 2 && w.back() == 'x' && number_value(w) >= 2) {
      last = t;
    } else if ((r.is_number(t, false) && (r.has(t, kNumber) || number_value(w) >= 2)) || r.has(t, kOrdinal)) {
      if (r.has(t + 1, kCount) && !r.is(t + 2, "per")) last = t + 1;
      // Messages sent to chase it: the verb of sending right after them, or one word on.
      auto at = [&](std::size_t k) { return k < r.size() ? r.word(k) : std::string_view(); };
      if (!r.has(t, kOrdinal) && count_of(w) >= 2 && message_word(at(t + 1)) && (sent_word(at(t + 2)) || sent_word(at(t + 3))))
        last = sent_word(at(t + 2)) ? t + 2 : t + 3;
      // Two answers that differ are one too many; people or places from three on.
      const bool answers = r.is(t + 2, "antwoorden") || r.is(t + 2, "verhalen");
      if (!r.has(t, kOrdinal) && count_of(w) >= (answers ? 2 : 3) && passed_between(r, t + 1) && !r.covered(t + 1))
        last = t + 2;  // (unless the lexicon read it: "verschillende antwoorden")
      if (r.has(t, kOrdinal) && !r.is(t, "tweede") && r.is(t + 1, "al")) last = t + 1;  // "De vierde al."
    }
    // Contact on several days: "gemeld op 4, 11 en 18 december", "gebeld op maandag en woensdag".
    if (last == r.size() && (r.is(t, "gemeld") || r.is(t, "gebeld") || r.is(t, "gemaild")) && r.is(t + 1, "op"))
      last = dates_listed(r, t + 2);
    if (last == r.size() || r.negated_before(t, 3)) continue;
    r.add(t, r.span_text(t, last), kScoreCount, fmt::format("count({})", r.span_text(t, last)));
    t = last;
  }
}

// "nog steeds", "nog altijd", "nog niet", "nog geen besluit": what should have happened has not.
// Not "nog geen week" (less than), "nog nooit zo snel" (a comparison), nor a phrase the lexicon read.
void persistence(Reader& r) {
  const auto& ev = r.evidence();
  const bool signalled = std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return !e.entry && e.contribution < 0; });
  for (std::size_t t = 0; t + 1 < r.size(); ++t) {
    if (!r.is(t, "nog") || r.covered(t) || r.covered(t + 1)) continue;
    const bool persist = r.has(t + 1, kPersist), negation = r.has(t + 1, kNegator);
    if (!persist && !negation) continue;
    if (negation && (r.has(t + 2, kUnit) || r.is(t + 2, "zo") || r.has(t + 2, kEarlier) || r.covered(t + 2))) continue;
    // "Het besluit is er nog niet" may be a plain fact; after a wait or a broken promise it is not.
    if (negation && !signalled) continue;
    r.add(t, r.span_text(t, t + 1), kScorePersist, fmt::format("persist(nog {})", r.word(t + 1)));
    ++t;
  }
}

// Wishes and requests, per sentence: "zou … handig zijn", "Graag uitleg", "Geef een overzicht",
// "Kunnen jullie …?". Names the sentence's wish rule; an imperative with impatience ("nou eens",
// "!!") is a complaint of its own.
void find_wishes(Reader& r) {
  // A wished state needs its word and "zou" or "zouden" (below).
  bool wished_state = false;
  for (std::size_t t = 0; r.any(kWishAdj) && t < r.size() && !wished_state; ++t) wished_state = r.is(t, "zou") || r.is(t, "zouden");
  for (std::size_t s = 0; s < r.sentences(); ++s) {
    const std::size_t first = r.first_word(s);
    if (first >= r.sentence(s).last) continue;
    // A wish needs a wished state ("zou … handig zijn") or a first word that wishes, requests or
    // orders: most sentences have neither, and are not read.
    if (!wished_state && !r.has(first, kWish | kRequest | kImperative)) continue;
    bool question = false;  // ends_question(s), found in the same pass
    std::size_t modal = r.size(), adj = r.size(), impatience = r.size();
    bool complement = false;
    for (auto t = r.sentence(s).first; t < r.sentence(s).last; ++t) {
      const bool punct = r.is_punct(t);
      // Most words change nothing below: not "dat", "zou" or "zouden", nor a wished state or impatience.
      if (!punct && !r.is(t, "dat") && !r.is(t, "zou") && !r.is(t, "zouden") && !r.has(t, kWishAdj | kImpatience)) continue;
      // Not a modal in a dat-clause: "niet verwacht dat het zo soepel zou gaan" tells, it does not wish
      // ("…, dat zou fijn zijn": a demonstrative, not a complementizer).
      complement = (complement && !punct) || (r.is(t, "dat") && !r.is(t + 1, "zou") && !r.is(t + 1, "zouden"));
      if ((r.is(t, "zou") || r.is(t, "zouden")) && !complement && !r.has(t + 1, kNegator) && !r.has(t + 2, kNegator)) modal = t;
      if (punct) {
        modal = r.size();  // the wished state is in the modal's clause
        question |= r.word(t).find('?') != std::string_view::npos;
        if (r.word(t).find("!!") != std::string_view::npos) impatience = t;
      }
      // "zou … handig zijn" or "Handig zou zijn": the wished state after the modal, or right before it.
      if (r.has(t, kWishAdj) && ((modal < t && t <= modal + 8) || r.is(t + 1, "zou"))) adj = t;
      if (r.has(t, kImpatience)) impatience = t;
    }
    std::string wish;
    if (adj < r.size()) {
      wish = fmt::format("wish(zou…{})", r.word(adj));
    } else if (r.has(first, kWish) && (question || !r.is(first, "misschien"))) {
      wish = fmt::format("wish({})", r.word(first));
    } else if (question && r.has(first, kRequest) && (r.has(first + 1, kAddressee | kSubject) || r.is(first + 1, "de"))) {
      wish = fmt::format("wish({} {}…?)", r.word(first), r.word(first + 1));
    } else if (r.has(first, kImperative) && !r.has(first + 1, kSubject | kFinite) &&
               (r.is_word(first + 1) || r.is_number(first + 1, true)) &&  // "maak 1 duidelijke lijst"
               !looks_like_participle(r.word(first + 1))) {  // "Mail gestuurd op 14 oktober": a noun, told
      if (impatience < r.size()) {
        const std::string rule = fmt::format("imperative({}…{})", r.word(first), r.word(impatience));
        // Praise in what is ordered is what is missing: "Beslis op tijd!!".
        for (Evidence& ev : r.evidence())
          if (ev.contribution > 0 && ev.token > first && ev.token < impatience) turn(ev, -kScoreWishTurn, rule);
        r.add(first, r.span_text(first, impatience), kScoreImperative, rule);
        continue;
      }
      // "Ga zo door", "Houd dit vast": praise the lexicon reads as a phrase starting here (not the
      // imperative's own word: "Repareer het voetgangerslicht" borrows praise from "repareren").
      const auto& ev = r.evidence();
      if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) {
            return e.token == first && e.contribution > 0 && Reader::term_words(e) > 1;
          }))
        continue;
      wish = fmt::format("wish({})", r.word(first));
    }
    if (!wish.empty()) r.set_wish(s, std::move(wish));
  }
}

// "De brieven mogen wel wat duidelijker", "het mag best een stuk sneller", "de prijzen mogen ook wel
// omlaag": "mag/mogen (ook) wel/best" before a comparative or "omlaag"/"omhoog" asks for more of it, a
// wish like "graag …". Not "je mag best trots zijn", "dat mag wel gezegd worden" (no comparative),
// nor after praise in its sentence.
void may_well(Reader& r) {
  static constexpr std::array<std::string_view, 5> kAmount = {"wat", "iets", "een", "beetje", "stuk"};
  auto comparative = [&](std::size_t k) {
    const std::string_view w = r.word(k);
    return (w.size() >= 5 && w.ends_with("er") && w != "zeker" && w != "nummer") || w == "meer" || w == "omlaag" || w == "omhoog";
  };
  for (std::size_t t = 0; t + 2 < r.size(); ++t) {
    if (!r.is(t, "mag") && !r.is(t, "mogen")) continue;
    std::size_t k = t + 1;
    if (r.is(k, "ook")) ++k;
    if (!r.is(k, "wel") && !r.is(k, "best")) continue;
    ++k;
    while (k < r.size() && k <= t + 6 && std::find(kAmount.begin(), kAmount.end(), r.word(k)) != kAmount.end()) ++k;
    if (k >= r.size() || !comparative(k)) continue;
    const std::uint32_t s = r.sentence_of(t);
    // A wish turns its sentence's praise; praise before it in the sentence is the answer's own
    // ("Mooie sporthal, alleen de kleedkamers mogen wel wat schoner"): no wish then.
    const auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) {
          return e.contribution > 0 && e.token >= r.sentence(s).first && e.token < t;
        }))
      continue;
    if (r.wish(s).empty()) r.set_wish(s, fmt::format("wish({} wel…{})", r.word(t), r.word(k)));
  }
}

// In a wish, praise words describe what is missing ("zou fijn zijn", "Geef een duidelijke
// termijn"): they turn into mild criticism, and so does a following "Dan …"/"Zodat …" sentence.
// Negative words there name the problem the wish would solve and count half: a suggestion is
// milder criticism than a complaint. A wish with nothing to turn is mild criticism of its own.
void apply_wishes(Reader& r) {
  for (std::size_t s = 0; s < r.sentences() && r.has_wishes(); ++s) {
    if (r.wish(s).empty()) continue;
    const std::string rule(r.wish(s));
    const std::size_t next = s + 1 < r.sentences() ? r.first_word(s + 1) : r.size();
    const bool then = next < r.size() && (r.is(next, "dan") || r.is(next, "zodat"));
    const std::size_t end = then ? r.sentence(s + 1).last : r.sentence(s).last;
    // "Fijne sporthal en goede vloer, alleen zouden jullie beter mogen laten weten …": the wish
    // starts at the contrast before its modal; the praise before it is meant.
    std::size_t from = r.sentence(s).first;
    for (auto t = r.sentence(s).first; t < r.sentence(s).last; ++t) {
      const bool only = r.is(t, "enkel") && (t == 0 || r.is_punct(t - 1));  // not "geen enkel"
      if (!(r.is(t, "maar") || r.is(t, "alleen") || only || r.is(t, "echter"))) continue;
      for (auto k = t + 1; k < r.sentence(s).last; ++k)
        if (r.is(k, "zou") || r.is(k, "zouden")) from = t;
    }
    bool turned = false;
    for (Evidence& ev : r.evidence()) {
      if (ev.token < from || ev.token >= end || ev.rules.find("wish(") != std::string::npos) continue;
      if (ev.contribution > 0) {
        turn(ev, -kScoreWishTurn, rule);
        turned = true;
      } else if (ev.entry) {
        // "in plaats van in de wacht blijven hangen": the problem the wish would solve, named
        // while suggesting, not a complaint of full weight.
        ev.contribution *= kWishProblem;
        append_rule(ev, fmt::format("problem in {} x{}", rule, kWishProblem));
      }
    }
    const std::size_t anchor = from > r.sentence(s).first ? from : r.first_word(s);
    if (!turned) r.add(anchor, std::string(r.word(anchor)), kScoreWish, rule);
  }
}

// Expectation frames: a promise ("zou", "beloofd", "toegezegd", "afgesproken") followed in a later
// clause or sentence by what says it was broken ("niet", "nooit", "nog steeds", "het is nu",
// "werden het er vier", a duration).
void expectations(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.promise_at(t) || !r.wish(r.sentence_of(t)).empty()) continue;
    const std::uint32_t s = r.sentence_of(t);
    const std::size_t end = r.sentence(std::min<std::size_t>(s + 2, r.sentences() - 1)).last;
    bool boundary = false;
    for (auto k = t + 1; k < end; ++k) {
      if (r.is_punct(k) || r.is(k, "maar") || r.sentence_of(k) != s) boundary = true;
      const bool duration = r.is_number(k, true) && unit_after(r, k) < r.size();
      if (boundary && (r.has(k, kFailure) || duration)) {
        r.add(t, r.span_text(t, k), kScoreExpectation, fmt::format("expectation({}…{})", r.word(t), r.word(k)));
        t = end;
        break;
      }
    }
  }
}

// The closing quote of the quotation opening at t ('"' or "'"), at most kMaxQuotation words on,
// or size() when there is none.
std::size_t closing_quote(const Reader& r, std::size_t t) {
  std::size_t words = 0;
  for (auto k = t + 1; k < r.size() && words <= kMaxQuotation; ++k) {
    if (r.is(k, r.word(t))) return words > 0 ? k : r.size();
    words += r.is_word(k) || r.is_numeral(k);
  }
  return r.size();
}

// Whether the quotation (open, close) holds a promise of the municipality's: a deadline ("binnen 3
// werkdagen", "uiterlijk 8 weken", "deze week", "zo spoedig mogelijk", "morgen") or a commitment
// ("ik bel u terug", "neemt contact met u op").
bool quotes_promise(const Reader& r, std::size_t open, std::size_t close) {
  static constexpr std::array<std::string_view, 10> kPromised = {"binnen", "uiterlijk", "spoedig", "terug", "contact",
                                                                 "termijn", "beslistermijn", "morgen", "zsm", "terugbellen"};
  for (auto k = open + 1; k < close; ++k) {
    if (r.has(k, kCalendar) || (r.is_number(k, true) && unit_after(r, k) < close)) return true;
    if (std::any_of(kPromised.begin(), kPromised.end(), [&](std::string_view w) { return r.is(k, w); })) return true;
    if (r.is(k, "mogelijk") && k > open + 1 && (r.is(k - 1, "snel") || r.is(k - 1, "spoedig"))) return true;
  }
  return false;
}

// Whether a verb of saying at k is dated in the past within a few words before `end`: "zeiden ze in
// februari", "zei de medewerker op 3 maart", "schreven jullie vorige maand": the resident dates a
// promise they are still waiting on.
bool said_when(const Reader& r, std::size_t k, std::size_t end) {
  static constexpr std::array<std::string_view, 10> kSaid = {"zei",    "zeiden", "schreef", "schreven", "beloofde",
                                                             "beloofden", "mailde", "mailden", "stond",  "meldde"};
  if (std::none_of(kSaid.begin(), kSaid.end(), [&](std::string_view w) { return r.is(k, w); })) return false;
  for (auto j = k + 1; j < end && j <= k + 5; ++j) {
    if (r.is_punct(j)) return false;
    if (r.has(j, kCalendar) || ((r.is(j, "vorige") || r.is(j, "vorig")) && r.has(j + 1, kUnit))) return true;
  }
  return false;
}

// A quoted promise ("Wordt binnen 3 werkdagen toegestuurd", "ik bel u deze week terug") followed
// in its sentence or the next by what broke it: a failure word ("niet", "nog", "werden",
// "geleden", "nu"), a duration, "dat was" with a date ("Dat was in september."), or when it was said
// ("zeiden ze in februari"). Praise inside
// the quotation is the promise's, not the resident's: it is turned.
void quoted_promises(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is_punct(t) || (r.word(t) != "'" && r.word(t) != "\"")) continue;
    const std::size_t close = closing_quote(r, t);
    if (close == r.size()) continue;
    if (!quotes_promise(r, t, close)) {
      t = close;
      continue;
    }
    const std::uint32_t s = r.sentence_of(std::min(close + 1, r.size() - 1));
    const std::size_t end = r.sentence(std::min<std::size_t>(s + 1, r.sentences() - 1)).last;
    // Praise after the quotation keeps the promise, unless it only repeats the promise's words
    // ("\"zo spoedig mogelijk\" … Zo spoedig mogelijk is dus 5 maanden").
    const auto& ev = r.evidence();
    auto quoted_term = [&](const Evidence& e) {
      return std::any_of(ev.begin(), ev.end(), [&](const Evidence& q) { return q.token > t && q.token < close && q.term == e.term; });
    };
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) {
          return e.token > close && e.token < end && e.contribution > 0 && !quoted_term(e);
        })) {
      t = close;
      continue;
    }
    std::size_t broken = r.size();
    for (auto k = close + 1; k < end && broken == r.size(); ++k) {
      const bool was_date = r.is(k, "was") && k > 0 && r.is(k - 1, "dat") &&
                            (r.has(k + 1, kCalendar) || r.is_number(k + 1, true) || r.is(k + 1, "in") || r.is(k + 1, "half"));
      if (r.has(k, kFailure) || (r.is_number(k, true) && unit_after(r, k) < r.size()) || was_date || said_when(r, k, end))
        broken = k;
    }
    if (broken == r.size()) {
      t = close;
      continue;
    }
    std::size_t last = close - 1;
    while (last > t + 1 && r.is_punct(last)) --last;
    const std::string rule = fmt::format("expectation({0}{1}…{0}…{2})", r.word(t), r.word(t + 1), r.word(broken));
    for (Evidence& e : r.evidence())
      if (e.token > t && e.token < close && e.contribution > 0) turn(e, -kScoreQuoted, rule);
    r.add(t + 1, r.span_text(t + 1, last), kScoreExpectation, rule);
    t = close;
  }
}

// "Het is nu dinsdag.", "We zitten nu in week 11.", "Vandaag is het 2 oktober": time that passed
// since what the answer told before. Not in the first sentence, not in praise.
void elapsed(Reader& r) {
  for (std::size_t s = 1; s < r.sentences(); ++s) {
    const std::size_t f = r.first_word(s);
    const bool it_is = (r.is(f, "het") || r.is(f, "we") || r.is(f, "wij")) &&
                       (r.is(f + 1, "is") || r.is(f + 1, "zitten") || r.is(f + 1, "zijn")) &&
                       (r.is(f + 2, "nu") || r.is(f + 2, "inmiddels") || r.is(f + 2, "alweer"));
    const bool now_is = (r.is(f, "nu") || r.is(f, "vandaag") || r.is(f, "inmiddels")) && r.is(f + 1, "is") && r.is(f + 2, "het");
    // "Ze zouden maandag bellen. Het is vrijdag."
    const bool it_is_day = r.is(f, "het") && r.is(f + 1, "is") && r.has(f + 2, kCalendar);
    bool after_promise = false;
    for (std::size_t t = 0; it_is_day && t < r.sentence(s).first && !after_promise; ++t) after_promise = r.promise_at(t);
    if (!it_is && !now_is && !after_promise) continue;
    const auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return r.sentence_of(e.token) == s && e.contribution > 0; }))
      continue;
    r.add(f, r.span_text(f, f + 2), kScoreElapsed, fmt::format("elapsed({})", r.span_text(f, f + 2)));
  }
}

// Rhetorical questions to the municipality: "Waarom duurt het vier maanden?", "Hoe komen jullie
// aan dat bedrag?", "Wanneer belt mijn consulent nou eens terug?". Not a question for information
// ("Hoe kan ik …?", "Wanneer kan ik …?"), nor one of a word or two ("Hoezo?").
void questions(Reader& r) {
  for (std::size_t s = 0; s < r.sentences(); ++s) {
    if (!r.ends_question(s) || r.words_in(s) < 3 || !r.wish(s).empty()) continue;
    const std::size_t f = r.first_word(s);
    bool impatience = false, addressee = false, question_word = r.has(f, kQuestion);
    for (auto t = r.sentence(s).first; t < r.sentence(s).last; ++t) {
      impatience |= r.has(t, kImpatience);
      addressee |= r.has(t, kAddressee);
      question_word |= r.has(t, kQuestion) && t > f && r.is_word(t);
    }
    bool why = r.is(f, "waarom") || r.is(f, "hoezo");
    for (auto t = r.sentence(s).first; t < r.sentence(s).last; ++t) why |= r.is(t, "waarvan");  // "op basis waarvan"
    // "Hoe kan dat?", "Hoe kan het?": a short question about a state of affairs.
    impatience |= r.has(f, kQuestion) && r.words_in(s) <= 4 && (r.is(f + 2, "dat") || r.is(f + 2, "het"));
    const bool asks_info = r.is(f + 2, "ik") && !impatience;
    if (!(why || ((r.has(f, kQuestion) || question_word) && (impatience || addressee))) || (asks_info && !why)) continue;
    r.add(f, r.span_text(f, r.sentence(s).last - 1), kScoreQuestion, fmt::format("question({}…?)", r.word(f)));
  }
}

std::size_t amount_at(const Reader& r, std::size_t t);

// Hours and minutes "H:MM" or "H.MM" (one or two digits, then two) in minutes after midnight, or -1.
int hours_minutes(std::string_view w, char separator) {
  const std::size_t at = w.find(separator);
  if (at == std::string_view::npos || at == 0 || at > 2 || at + 3 != w.size()) return -1;
  int h = 0, m = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (k == at) continue;
    if (w[k] < '0' || w[k] > '9') return -1;
    (k < at ? h : m) = (k < at ? h : m) * 10 + (w[k] - '0');
  }
  return h < 24 && m < 60 ? h * 60 + m : -1;
}

// A clock time in minutes after midnight: "11:05", or "14.20" as Dutch often writes it ("afspraak
// 14.20, aan de beurt 15.05"; Dutch decimals take a comma, so two digits after a dot are minutes,
// unless money is named beside it: "€12.50", "12.50 euro"); -1 when t is none.
int clock_minutes(const Reader& r, std::size_t t) {
  if (!r.is_numeral(t)) return -1;
  const std::string_view w = r.word(t);
  if (!r.is_number(t, false)) return hours_minutes(w, ':');  // a colon time is a numeral is_number() refuses
  if (amount_at(r, t) < r.size() || (t > 0 && amount_at(r, t - 1) == t) || r.is(t + 1, "%") || r.is(t + 1, "procent"))
    return -1;
  return hours_minutes(w, '.');
}

// A clock time told in words at t, in minutes after midnight: "kwart over 10" (10:15), "kwart voor
// 12" (11:45), "om half 11" (10:30); -1 when t starts none. ("half" only after "om": "half uur" and
// "half 11" as an amount are no time.)
int spoken_clock(const Reader& r, std::size_t t) {
  auto hour = [&](std::size_t k) {
    if (!r.is_numeral(k) || r.word(k).size() > 2) return -1;
    const long h = count_of(r.word(k));
    return h >= 1 && h <= 24 ? static_cast<int>(h) : -1;
  };
  if (r.is(t, "kwart") && (r.is(t + 1, "over") || r.is(t + 1, "voor"))) {
    const int h = hour(t + 2);
    return h < 0 ? -1 : h * 60 + (r.is(t + 1, "over") ? 15 : -15);
  }
  if (r.is(t, "half") && t > 0 && r.is(t - 1, "om")) {
    const int h = hour(t + 1);
    return h < 0 ? -1 : h * 60 - 30;
  }
  return -1;
}

// "pas" as "not until" before a point in time: "werd pas om 10 uur geholpen", "de vergunning kwam
// pas in december binnen", "pas op 3 maart", "pas volgende week", "pas iets gedaan toen de halve
// straat jeuk had", "pas actie nadat ik had gebeld". What came so late is no praise:
// a positive verb after "pas" in its clause turns ("geholpen"). Not the card ("de pas om 10 uur
// opgehaald", "mijn pas") and not "pas na 3 weken", which durations() reads.
void late(Reader& r, const std::vector<Clause>& clauses) {
  static const std::array<std::string_view, 14> kBefore = {"de",   "het", "een",  "mijn",   "je",    "jouw",  "uw",
                                                           "zijn", "haar", "onze", "nieuwe", "oude", "die", "deze"};
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is(t, "pas") || (t > 0 && std::find(kBefore.begin(), kBefore.end(), r.word(t - 1)) != kBefore.end())) continue;
    const bool clock = r.is(t + 1, "om") && r.is_numeral(t + 2);  // "om 10 uur", "om 10:15"
    const bool day = (r.is(t + 1, "in") || r.is(t + 1, "op") || r.is(t + 1, "eind") || r.is(t + 1, "begin")) &&
                     (r.has(t + 2, kCalendar) || (r.is_numeral(t + 2) && r.has(t + 3, kCalendar)));
    const bool next = r.is(t + 1, "volgende") && r.has(t + 2, kUnit);  // "pas volgende week"
    // "er werd pas iets gedaan toen de halve straat jeuk had", "pas actie nadat ik had gebeld".
    std::size_t when = r.size();
    for (auto k = t + 1; k <= t + 4 && k < r.size() && r.is_word(k) && when == r.size(); ++k)
      if (r.is(k, "toen") || r.is(k, "nadat")) when = k;
    if (!clock && !day && !next && when == r.size()) continue;
    const std::size_t last = when < r.size() ? when
                             : (clock && r.is(t + 3, "uur")) || (day && !r.has(t + 2, kCalendar)) ? t + 3
                                                                                                   : t + 2;
    const std::string rule = fmt::format("late({})", r.span_text(t, last));
    r.add(t, r.span_text(t, last), kScoreLate, rule);
    const auto clause = std::find_if(clauses.begin(), clauses.end(), [&](const Clause& c) {
      return t >= c.tokens.first && t < c.tokens.last;
    });
    for (Evidence& ev : r.evidence())
      if (ev.contribution > 0 && ev.token > t && clause != clauses.end() && ev.token < clause->tokens.last && ev.entry &&
          ev.entry->tags().find("verb") != std::string_view::npos)
        turn(ev, 0.5, rule);
    t = last;
  }
}

// A date as a day of the year (months of 30.5 days): "3 augustus", "in juni"; -1 when t is none.
int date_day(const Reader& r, std::size_t t, int month) {
  if (!r.has(t, kCalendar)) return -1;
  const long day = t > 0 ? number_value(r.word(t - 1)) : 0;
  return static_cast<int>((month - 1) * 30.5) + static_cast<int>(day > 0 && day <= 31 ? day : 15);
}

// Answers that tell only facts, whose clock times or dates lie far apart: "Afspraak om 10:15. Om
// 11:05 werd mijn nummer pas omgeroepen.", "Grofvuil aangemeld op 15 september. Eerste
// ophaalmoment: 22 oktober." Praise anywhere in the answer makes them plain facts (a word saying
// what was done, "toegekend", "opgelost", is a step of the timeline, no praise).
// Being passed on from one to the next ("Doorverbonden naar Wonen, toen naar Vergunningen, toen
// terug naar het algemene nummer."), and one demand after another ("Eerst 3 maanden
// bankafschriften. Daarna 6 maanden. Daarna de afschriften van mijn spaarrekening."): in an answer
// without praise, a verb of passing on with two or more "naar", or "eerst" followed by two or more
// of "daarna", "toen", "vervolgens", is a complaint of its own.
void runarounds(Reader& r) {
  static constexpr std::array<std::string_view, 8> kPassedOn = {"doorverbonden", "doorgeschakeld", "doorgestuurd", "gestuurd",
                                                                "verwezen",      "doorverwezen",   "terugverwees", "stuurden"};
  const auto& ev = r.evidence();
  if (std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.contribution > 0; })) return;
  // One pass for the cheap words; the verbs of passing on are looked for only with two "naar".
  std::size_t passed = r.size(), towards = 0, first = r.size(), then = 0;
  for (std::size_t t = 0; t < r.size(); ++t) {
    towards += r.is(t, "naar");
    if (first == r.size() && r.is(t, "eerst")) first = t;
    then += first < t && (r.is(t, "daarna") || r.is(t, "toen") || r.is(t, "vervolgens") || (r.is(t, "nu") && r.is(t + 1, "weer")));
  }
  for (std::size_t t = 0; towards >= 2 && passed == r.size() && t < r.size(); ++t)
    if (std::any_of(kPassedOn.begin(), kPassedOn.end(), [&](std::string_view w) { return r.is(t, w); })) passed = t;
  if (passed < r.size() && towards >= 2)
    r.add(passed, std::string(r.word(passed)), kScoreRunaround, fmt::format("runaround({}…naar…naar)", r.word(passed)));
  else if (first < r.size() && then >= 2)
    r.add(first, std::string(r.word(first)), kScoreRunaround, "runaround(eerst…daarna…daarna)");
}

// Where an amount of money starts at t ("€45", "45 euro"): its number's token, or size().
std::size_t amount_at(const Reader& r, std::size_t t) {
  if (r.is(t, "€") && r.is_numeral(t + 1)) return t + 1;
  if (r.is_numeral(t) && (r.is(t + 1, "euro") || r.is(t + 1, "eur"))) return t;
  return r.size();
}

// The amount at number token n as the resident wrote it: "€45", "45 euro".
std::string amount_text(const Reader& r, std::size_t n) {
  return r.is(n + 1, "euro") || r.is(n + 1, "eur") ? r.span_text(n, n + 1) : fmt::format("€{}", r.word(n));
}

// An amount of money in an answer of facts alone: "€16,15 voor een A4'tje met mijn naam en adres.",
// "Voor 10 jaar verlenging €2.650 betaald. Vorige keer was het €1.400." Residents name a price to
// say it is too high; with praise anywhere ("binnen 10 minuten klaar voor €15, top") or as a
// question ("Wat kost het, €84?") it is no complaint.
void amounts(Reader& r) {
  const auto& ev = r.evidence();
  if (r.any_question_mark() || std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.contribution > 0; }))
    return;
  for (std::size_t t = 0; t + 1 < r.size(); ++t) {
    const std::size_t n = amount_at(r, t);
    if (n == r.size()) continue;
    const std::string said = amount_text(r, n);
    r.add(n, said, kScoreAmount, fmt::format("amount({})", said));
    return;
  }
}

// "Het kost €45 en dan moet je nog 2x komen", "kostte me 150 euro": what something costs, told with
// its amount, is a price complained of, also in an answer with more to say; read after sarcasm
// ("Vriendelijk geholpen. Het kost wel €45." is no irony). Not "kost maar €15",
// not in a question ("wat kost het, €84?"), nor beside praise in its clause, nor an amount
// amounts() read.
void cost_amounts(Reader& r, const std::vector<Clause>& clauses) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is(t, "kost") && !r.is(t, "kostte") && !r.is(t, "kosten")) continue;
    const Span own = clause_at(clauses, t);
    if (r.ends_question(r.sentence_of(t))) continue;
    std::size_t n = r.size();
    for (auto k = own.first; k < own.last && n == r.size(); ++k) n = amount_at(r, k);
    if (n == r.size() || r.covered(n) || (n > 0 && r.has(n - 1, kShortPre)) || (n > 1 && r.has(n - 2, kShortPre))) continue;
    const auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return e.token >= own.first && e.token < own.last; }))
      continue;
    const std::string said = amount_text(r, n);
    r.add(t, fmt::format("{} {}", r.word(t), said), kScoreAmount, fmt::format("price({} {})", r.word(t), said));
    return;
  }
}

// "Niet goed, niet slecht", "niet snel maar ook niet traag": a negated word of praise and a negated
// word of blame close together, by one negator word, say the middle, not the sum of two
// near-opposites. Not "niemand heeft teruggebeld, ook niet na mijn klacht": "ook niet" before a
// phrase adds to the first.
void neither_nor(Reader& r) {
  auto& ev = r.evidence();
  auto negated = [](const Evidence& e) { return e.entry && e.rules.find("negation(") != std::string::npos; };
  // The negator, as the rule names it: "negation(niet)" gives "niet".
  auto negator = [](const Evidence& e) {
    const std::size_t at = e.rules.find("negation(") + 9;
    return std::string_view(e.rules).substr(at, e.rules.find(')', at) - at);
  };
  // "ook niet" before more than the word goes on in the same direction: "niemand heeft
  // teruggebeld, ook niet na mijn klacht" (not "ook niet traag", the opposite of "niet snel").
  auto also = [&](const Evidence& e) {
    for (std::size_t t = e.token; t-- > 0 && e.token - t <= 4;)
      if (r.has(t, kNegator)) return t > 0 && r.is(t - 1, "ook") && e.token > t + 1;
    return false;
  };
  for (std::size_t i = 0; i < ev.size(); ++i) {
    if (!negated(ev[i])) continue;
    for (std::size_t j = i + 1; j < ev.size(); ++j) {
      if (!negated(ev[j]) || r.sentence_of(ev[j].token) != r.sentence_of(ev[i].token) || (ev[i].base > 0) == (ev[j].base > 0) ||
          ev[j].token > ev[i].token + kNeitherNorSpan || negator(ev[i]) != negator(ev[j]) || also(ev[j]))
        continue;
      for (Evidence* e : {&ev[i], &ev[j]}) {
        e->contribution = 0;
        append_rule(*e, "neither(niet…niet)");
      }
      break;
    }
  }
}

void delays(Reader& r) {
  const auto& months = kMonthNames;
  const auto& ev = r.evidence();
  // (What was done, a step of the timeline the dates tell, is no praise: "Aangevraagd 3 juni,
  // toegekend 2 juli, geld op mijn rekening 28 augustus.")
  if (std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.contribution > 0 && !finished(e.term); })) return;
  int first_clock = -1, last_clock = -1, first_date = -1, max_gap = 0;
  std::size_t at = r.size();
  // A date at token t as a day of the year: the widest gap from the first date (either way round the year).
  auto note_date = [&](int d, std::size_t t) {
    if (first_date < 0) first_date = d, at = std::min(at, t);
    const int gap = std::abs(d - first_date);
    max_gap = std::max(max_gap, std::min(gap, 366 - gap));
  };
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (const int c = std::max(clock_minutes(r, t), spoken_clock(r, t)); c >= 0) {
      if (first_clock < 0) first_clock = c, at = std::min(at, t);
      last_clock = c;
    }
    // "In week 20 gebeld ... Afspraak gekregen in week 29": a week number as its middle day.
    if (r.is(t, "week") && r.is_numeral(t + 1)) {
      const long week = number_value(r.word(t + 1));
      if (week >= 1 && week <= 53) note_date(static_cast<int>(week - 1) * 7 + 4, t);
      continue;
    }
    if (!r.has(t, kCalendar)) continue;
    const auto month = std::find(months.begin(), months.end(), r.word(t));
    if (const int d = month == months.end() ? -1 : date_day(r, t, static_cast<int>(month - months.begin()) + 1); d >= 0)
      note_date(d, t);
  }
  if (last_clock - first_clock >= kDelayMinutes)
    r.add(at, std::string(r.word(at)), kScoreDelay, fmt::format("delay({} min)", last_clock - first_clock));
  else if (max_gap >= kDelayDays)
    r.add(at, std::string(r.word(at)), kScoreDelay, fmt::format("delay({} days)", max_gap));
  else
    return;
  // What was done is a step of the timeline, a fact: "opgelost" between dates months apart is no praise.
  for (Evidence& e : r.evidence())
    if (e.contribution > 0 && finished(e.term)) {
      e.contribution = 0;
      append_rule(e, "timeline");
    }
}

}  // namespace

void append_rule(Evidence& ev, std::string_view rule) {
  if (!ev.rules.empty()) ev.rules += ", ";
  ev.rules += rule;
}

bool says_dear(std::string_view w) {
  // A table: the words' first letters are common ones, and comparing each word in turn cost more.
  static const FlatStringMap<bool> kDear = [] {
    FlatStringMap<bool> words;
    for (std::string_view d : {"fors", "forse", "hoog", "hoge", "hoger", "hogere", "pittig", "pittige", "stevig", "stevige",
                               "gepeperd", "gepeperde", "verhoogd", "gestegen", "omhoog", "duurder", "opgeschroefd",
                               "verhoogt", "steeg", "stijgt"})
      words[d] = true;
    return words;
  }();
  if (w.size() < 4) return false;
  // A compound of a rise ends so ("prijsverhoging", "huurstijging"); every new word form of every
  // answer asks, so the cheap tests come first.
  const char last = w.back();
  if ((last == 'g' && (w.ends_with("verhoging") || w.ends_with("stijging"))) || (last == 'n' && w.ends_with("verhogingen")))
    return true;
  switch (w.front()) {
    case 'd': case 'f': case 'g': case 'h': case 'o': case 'p': case 's': case 'v': break;
    default: return false;
  }
  return kDear.find(w) != kDear.end();
}

bool says_took(std::string_view w) { return w == "duurde" || w == "duurt" || w == "duurden" || w == "duren"; }

bool says_cue(std::string_view w) {
  return w == "tenminste" || w == "kennelijk" || w == "blijkbaar" || w == "tijd" || w == "tempo" || w == "snelheid" ||
         w.starts_with("verwacht") || w.starts_with("enquete") || w.starts_with("enquête") || w == "vragenlijst" ||
         w == "bandje" || w == "volgens" || w == "avond" || w == "avonden" || w == "ochtend" || w == "ochtenden" ||
         w == "middag" || w == "middagen" || w == "pas" || w == "mag" || w == "mogen" || w == "hoort" ||
         w == "eenmaal" || w.starts_with("snap") || w.starts_with("begrijp");
}

std::uint32_t parse_classes(std::string_view list, const std::string& path, std::uint32_t line) {
  std::uint32_t out = 0;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    auto it = std::find_if(kClassNames.begin(), kClassNames.end(), [&](const auto& c) { return c.first == name; });
    if (it == kClassNames.end()) throw InputError(path, line, fmt::format("unknown word class '{}'.", name));
    out |= it->second;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

namespace {

// "Deze enquête is veel te lang", "deze vragenlijst is onduidelijk": a sentence about the survey
// itself judges no service; its evidence counts nothing. ("De vragenlijst voor de Wmo" is the
// service's own form: only "deze vragenlijst" is the survey.)
void about_survey(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    const bool survey = r.is(t, "enquete") || r.is(t, "enquête") || r.is(t, "enquetes") || r.is(t, "enquêtes") ||
                        (r.is(t, "vragenlijst") && t > 0 && r.is(t - 1, "deze"));
    if (!survey) continue;
    const std::uint32_t s = r.sentence_of(t);
    for (Evidence& e : r.evidence())
      if (r.sentence_of(e.token) == s && e.contribution != 0) {
        e.contribution = 0;
        append_rule(e, fmt::format("survey({})", r.word(t)));
      }
  }
}

// A negated clause about the resident's own doing, no complaint: having no opinion or nothing to
// say ("ik heb er geen mening over", "meer valt er niet over te zeggen"), not having been there
// ("ik was er zelf niet bij"), using something little ("ik gebruik de pas niet veel", "ik kom er
// zelf niet zo vaak", "ik rij weinig auto", "ik fiets niet zoveel in het centrum", "heb zelf weinig
// contact gehad", "ik ben er niet zo mee bezig"), unless what they got was little ("ik kreeg weinig
// hulp").
bool own_doing(const Reader& r, const Span& c) {
  bool first_person = false, often = false, little = false, got = false, self = false;
  for (auto t = c.first; t < c.last; ++t) {
    often = often || r.is(t, "vaak");
    // "weinig", or a negated amount ("niet (zo)veel", "niet zo mee bezig"; not "hoe je zoveel geld kunt vragen").
    const bool amount = r.is(t, "zoveel") || r.is(t, "veel");
    little = little || r.is(t, "weinig") || (amount && t > c.first && r.has(t - 1, kNegator)) ||
             (amount && t > c.first + 1 && r.is(t - 1, "zo") && r.has(t - 2, kNegator)) ||
             (r.is(t, "bezig") && r.negated_before(t, 3));
    got = got || r.is(t, "kreeg") || r.is(t, "kregen") || r.is(t, "krijg") || r.is(t, "krijgen") || r.is(t, "gekregen") ||
          r.is(t, "ontvangen") || r.is(t, "ontving") || r.is(t, "gehoord") || r.is(t, "hoor");
    self = self || r.is(t, "zelf");
  }
  auto me = [&](std::size_t t) { return r.is(t, "ik") || r.is(t, "we") || r.is(t, "wij"); };
  for (auto t = c.first; t < c.last; ++t) {
    if ((me(t) || self) && little && !got) return true;
    if (r.is(t, "mening") || (r.is(t, "over") && (r.is(t + 1, "zeggen") || (r.is(t + 1, "te") && r.is(t + 2, "zeggen")))))
      return true;
    first_person = first_person || me(t);
    const bool use = r.is(t, "gebruik") || r.is(t, "gebruiken");
    if (use && ((t > c.first && me(t - 1)) || me(t + 1))) return true;                   // "ik gebruik de pas niet veel"
    if (first_person && often && (r.is(t, "kom") || r.is(t, "komen"))) return true;  // "ik kom er niet zo vaak"
    // "ik was er (zelf) niet bij": the negator straight before a final "bij".
    if (first_person && r.is(t, "bij") && t > c.first && r.has(t - 1, kNegator) && (t + 1 >= c.last || !r.is_word(t + 1)))
      return true;
  }
  return false;
}

// "Dat had ik zelf nooit gekund", "zonder het wijkteam was ik het niet volgehouden": what the
// resident could not have done alone or without the help is praise of the help. The participle it
// ends in (gekund, volgehouden, gered, gelukt, gevonden), or size().
std::size_t could_not_without(const Reader& r, const Span& c, std::size_t negator) {
  static constexpr std::array<std::string_view, 5> kManaged = {"gekund", "volgehouden", "gered", "gelukt", "gevonden"};
  bool alone = false, would = false;
  for (auto t = c.first; t < c.last; ++t) {
    alone = alone || r.is(t, "zelf") || r.is(t, "zonder") || r.is(t, "alleen");
    would = would || r.is(t, "had") || r.is(t, "hadden") || r.is(t, "was") || r.is(t, "waren");
  }
  if (!alone || !would) return r.size();
  for (auto t = negator + 1; t < c.last; ++t)
    if (std::find(kManaged.begin(), kManaged.end(), r.word(t)) != kManaged.end()) return t;
  return r.size();
}

// Where praise that opens clause `c` (after at most kLeadWords words: "zo fijn dat", "goh wat fijn
// dat") heads a dat- or hoe-clause: the token of "dat" or "hoe", when all the clause's evidence
// before it is that praise; otherwise size().
std::size_t praise_heading(const Reader& r, const Span& c) {
  std::size_t lead = 0, head = r.size();
  for (const Evidence& e : r.evidence()) {
    if (e.token < c.first || e.token >= c.last) continue;
    if (head != r.size() || e.contribution <= 0) return r.size();  // more than the praise, or no praise
    for (auto t = c.first; t < e.token; ++t) lead += r.is_word(t);
    const std::size_t after = e.token + Reader::term_words(e);
    if (lead > kLeadWords || (!r.is(after, "dat") && !r.is(after, "hoe"))) return r.size();
    head = after;
  }
  return head;
}

// "X, en niet Y": a negator after "en" or "maar" before a prepositional phrase sets a party or a way
// apart from the one just named ("die is van een stichting en niet van de gemeente", "het loopt via de
// IND en niet via de gemeente"); it denies no action. Not where a negator came before in the sentence:
// then it goes on listing what did not work ("niet in de app en niet via mijn omgeving").
bool contrastive_negation(const Reader& r, std::size_t negator) {
  static constexpr std::array<std::string_view, 10> kPrepositions = {"van", "via", "bij", "door", "voor",
                                                                     "naar", "in",  "op",  "met", "aan"};
  if (negator == 0 || !(r.is(negator - 1, "en") || r.is(negator - 1, "maar")) || !r.is(negator, "niet") ||
      std::find(kPrepositions.begin(), kPrepositions.end(), negator + 1 < r.size() ? r.word(negator + 1) : "") ==
          kPrepositions.end())
    return false;
  for (auto t = r.sentence(r.sentence_of(negator)).first; t + 1 < negator; ++t)
    if (r.has(t, kNegator)) return false;
  return true;
}

// A negator whose clause has no evidence at all negated an action: "Niemand kon het me
// vertellen", "Ik krijg de app niet aan de praat". After "hoeven" it is relief ("ik hoefde niets
// opnieuw in te vullen"); after a belief ("nooit gedacht") or before "eerder" it is no complaint.
void negated_actions(Reader& r, const std::vector<Clause>& clauses) {
  for (const Clause& cl : clauses) {
    Span c = cl.tokens;
    // A clause of fewer tokens has fewer words than an action needs (below).
    if (c.last - c.first < kNegatedWords) continue;
    bool has_negator = false;
    for (auto t = c.first; t < c.last && !has_negator; ++t) has_negator = r.has(t, kNegator);
    if (!has_negator) continue;
    // A clause with evidence has said what it says (below): most clauses with a negator are passed
    // over here, before their words are read. Praise that opens the clause and heads a dat- or
    // hoe-clause ("Heel fijn dat niemand even laat weten dat je pas klaar is") judges what that
    // clause says: the dat-clause is read on its own.
    const auto& ev = r.evidence();
    auto evidence_in = [&](const Span& sp) {
      return std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return e.token >= sp.first && e.token < sp.last; });
    };
    std::size_t min_words = kNegatedWords;
    if (evidence_in(c)) {
      const std::size_t head = praise_heading(r, c);
      if (head == r.size()) continue;
      c.first = static_cast<std::uint32_t>(head + 1);
      if (c.last - c.first < kComplementWords || evidence_in(c)) continue;
      // Its negator near its start, said of its subject ("dat niemand", "dat er nooit", "dat de
      // gemeente niet"), not in a relative clause further on ("dat de gemeente dit doet voor mensen
      // die het niet breed hebben"); and no relief anywhere ("dat ik me geen zorgen meer hoef te maken").
      std::size_t first_negator = c.first;
      while (first_negator < c.last && !r.has(first_negator, kNegator)) ++first_negator;
      bool relief = false;
      for (auto t = c.first; t < c.last; ++t) relief = relief || r.has(t, kRelief);
      if (first_negator - c.first >= kComplementNegatorReach || relief) continue;
      min_words = kComplementWords;
    }
    std::size_t negator = r.size(), words = 0;
    bool skip = false, relief = false, nothing_to = false, relative = false;
    for (auto t = c.first; t < c.last; ++t) {
      // "zonder" is a preposition here: "ophalen zonder afspraak mogelijk maken" negates no action.
      if (r.has(t, kNegator) && negator == r.size() && !r.is(t, "zonder")) negator = t;
      words += r.is_word(t);
      // "laten weten" informs: no doubt ("niemand heeft mij laten weten wat …", "niemand die liet weten …").
      const bool informs = r.has(t, kKnow) && t > 0 &&
                           (r.is(t - 1, "laten") || r.is(t - 1, "liet") || r.is(t - 1, "lieten") || r.is(t - 1, "laat"));
      // "niet of nauwelijks" is a negator of its own, not a doubt ("of" as whether).
      const bool hardly = r.is(t, "of") && t > c.first && r.has(t - 1, kNegator) && t + 1 < c.last &&
                          (r.is(t + 1, "nauwelijks") || r.is(t + 1, "amper"));
      // ("nog nooit" is a negator all the same: "er is nog nooit iemand teruggekomen op mijn vragen".)
      // "of" as whether opens a clause ("of ik", "of het", "of er"); between two words it is "or"
      // ("geen enkele vrijdag- of zaterdagmiddag meer te krijgen", "geen brief of mail gehad").
      const bool whether = r.is(t, "of") && !hardly &&
                           (r.has(t + 1, kSubject) || r.is(t + 1, "het") || r.is(t + 1, "de") || r.is(t + 1, "er") ||
                            r.is(t + 1, "dat") || r.is(t + 1, "mijn") || r.is(t + 1, "een") || r.is(t + 1, "die") ||
                            !r.is_word(t + 1));
      // ("nog geen enkele" denies as much as "geen enkele": "er is nog geen enkele maatregel genomen".)
      skip |= (r.has(t, kCognition | kEarlier | kKnow) && !informs) || r.covered(t) || whether ||
              (r.is(t, "nog") && !r.is(t + 1, "nooit") && !(r.is(t + 1, "geen") && r.is(t + 2, "enkele")));
      if (skip) break;  // nothing after it brings the clause back
      // "niets aan toe te voegen", "niks op aan te merken": nothing to add is no complaint; nor is
      // having had little to do with it ("weinig mee te maken gehad", "niet zoveel mee te maken").
      nothing_to |= negator < t && r.is(t, "te") && (r.is(negator, "niets") || r.is(negator, "niks"));
      nothing_to |= negator + 1 < t && r.is(t, "maken") && r.is(t - 1, "te") && r.is(t - 2, "mee");
      relief |= r.has(t, kRelief) && negator == r.size();
      // "geen enkele vraag die ze niet konden beantwoorden": a negator in a relative clause of the
      // noun "geen" or "niemand" denies cancels it; every question was answered.
      relative |= negator < t && t <= negator + 3 && r.is(t, "die") && !r.is(negator, "niet");
      skip |= relative && r.has(t, kNegator);
    }
    // Short answers with a negator are mostly non-answers ("geen opmerkingen", "niks te melden").
    if (negator == r.size() || skip || words < min_words || (nothing_to && !relief)) continue;
    if (own_doing(r, c)) continue;
    if (contrastive_negation(r, negator)) continue;
    if (const std::size_t v = could_not_without(r, c, negator); v < r.size()) {
      r.add(negator, r.span_text(negator, v), kScoreRelief, fmt::format("counterfactual({})", r.span_text(negator, v)));
      continue;
    }
    if (relief)
      r.add(negator, std::string(r.word(negator)), kScoreRelief, fmt::format("relief(hoeven {})", r.word(negator)));
    else
      r.add(negator, std::string(r.word(negator)), kScoreNegated, fmt::format("negation({})", r.word(negator)));
  }
}

// "weet niet of", "geen idee of": praise after it is in doubt.
void uncertainty(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.has(t, kKnow)) continue;
    std::size_t of = t + 1;
    while (of < t + 4 && of < r.size() && !r.is(of, "of")) ++of;
    if (!r.is(of, "of") || !(r.negated_before(t, 1) || r.negated_before(of, of - t - 1))) continue;
    const std::string rule = fmt::format("uncertain({}…of)", r.word(t));
    for (Evidence& ev : r.evidence())
      if (ev.token > of && r.sentence_of(ev.token) == r.sentence_of(of) && ev.contribution > 0) turn(ev, -kScoreUncertain, rule);
  }
}

// "Geen idee wat de status is", "ik weet niet waar mijn aanvraag is", "weet nog steeds niet
// wanneer de vergunning komt": not knowing where one's case stands is a complaint of its own. Only
// when a word of the case follows the question word; "weet niet wat er beter kan", "geen idee wat
// ik moet invullen" say nothing about the service.
void unknown_status(Reader& r) {
  static constexpr std::array<std::string_view, 5> kWh = {"wat", "waar", "wanneer", "hoe", "hoever"};
  static constexpr std::array<std::string_view, 16> kCase = {
      "status",  "stand",    "aanvraag", "melding", "vergunning", "dossier", "zaak",      "klacht",
      "bezwaar", "aanvragen", "uitkering", "beslissing", "besluit", "paspoort", "rijbewijs", "pas"};
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.has(t, kKnow)) continue;
    std::size_t wh = t + 1;
    while (wh < t + 5 && wh < r.size() && std::find(kWh.begin(), kWh.end(), r.word(wh)) == kWh.end()) ++wh;
    if (wh >= r.size() || std::find(kWh.begin(), kWh.end(), r.word(wh)) == kWh.end()) continue;
    if (!(r.negated_before(t, 1) || r.negated_before(wh, wh - t - 1))) continue;
    const std::uint32_t s = r.sentence_of(wh);
    std::size_t found = r.size();
    for (auto k = wh + 1; k < r.size() && k <= wh + 5 && r.sentence_of(k) == s && found == r.size(); ++k)
      if (std::find(kCase.begin(), kCase.end(), r.word(k)) != kCase.end()) found = k;
    if (found == r.size() || r.covered(found)) continue;
    r.add(t, r.span_text(t, found), kScoreUncertain, fmt::format("uncertain({}…{})", r.word(wh), r.word(found)));
    t = found;
  }
}

// What the resident hopes for or was promised is not what they got: praise in the clause after
// "hoop dat", "beloofd dat", "toegezegd dat" ("Ik hoop dat het snel opgelost wordt", "Er is mij
// beloofd dat ik teruggebeld zou worden") is turned into mild criticism, as in a wish. The clause
// ends at punctuation or a conjunction ("…, en dat klopte").
void hoped_or_promised(Reader& r) {
  static constexpr std::array<std::string_view, 9> kVerbs = {"hoop",     "hopen",      "hoopte",  "hoopten",  "beloofd",
                                                              "beloofde", "beloofden", "belooft", "toegezegd"};
  static constexpr std::array<std::string_view, 5> kEnds = {"maar", "en", "want", "dus", "terwijl"};
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.promise_at(t) || std::none_of(kVerbs.begin(), kVerbs.end(), [&](std::string_view v) { return r.is(t, v); }))
      continue;
    std::size_t dat = t + 1;
    while (dat < t + 4 && dat < r.size() && r.is_word(dat) && !r.is(dat, "dat")) ++dat;
    if (dat >= r.size() || !r.is(dat, "dat")) continue;
    std::size_t end = dat + 1;
    while (end < r.size() && !r.is_punct(end) && std::none_of(kEnds.begin(), kEnds.end(), [&](std::string_view e) {
             return r.is(end, e);
           }))
      ++end;
    const std::string rule = fmt::format("{}({} dat)", r.word(t)[0] == 'h' ? "hoped" : "promised", r.word(t));
    for (Evidence& ev : r.evidence())
      if (ev.token > dat && ev.token < end && ev.contribution > 0) turn(ev, -kScoreUncertain, rule);
    t = end;
  }
}

// Scare quotes around a few words: praise inside is turned ('hersteld', "snel"); a quoted promise
// with no sentiment word ('in behandeling') is a mild complaint of its own.
void scare_quotes(Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is_punct(t) || (r.word(t) != "'" && r.word(t) != "\"")) continue;
    std::size_t close = t + 1;
    while (close < r.size() && close <= t + kMaxQuoted && r.is_word(close)) ++close;
    if (close == t + 1 || !r.is(close, r.word(t))) continue;
    // A quoted promise has been read already (quoted_promises()).
    const auto& said = r.evidence();
    if (std::any_of(said.begin(), said.end(), [&](const Evidence& e) {
          return !e.entry && e.token == t + 1 && e.rules.rfind("expectation(", 0) == 0;
        })) {
      t = close;
      continue;
    }
    const std::string rule = fmt::format("scare quotes({}{}{})", r.word(t), r.span_text(t + 1, close - 1), r.word(t));
    bool turned = false;
    for (Evidence& ev : r.evidence())
      if (ev.token > t && ev.token < close && ev.contribution > 0) turn(ev, -kScoreQuoted, rule), turned = true;
    if (!turned) r.add(t + 1, r.span_text(t + 1, close - 1), kScoreQuote, rule);
    t = close;
  }
}

// What the municipality says of itself, quoted by a resident who found otherwise: "Bandje: wij zijn
// bereikbaar tot 16:30", "volgens de folder is de vervoerder 'de hele schooldag bereikbaar'". Praise
// of being available after "wij zijn"/"we zijn" (the municipality speaking: a resident says "we
// zijn blij", not "we zijn bereikbaar"), and praise in the clause of a recorded or written source
// ("bandje", "volgens de site", "volgens de folder") are the claim, not the resident's praise: they
// turn into mild criticism. Not "volgens de site klaar in 5 dagen, en dat klopte" (another clause).
void claims(Reader& r, const std::vector<Clause>& clauses) {
  static constexpr std::array<std::string_view, 4> kAvailable = {"bereikbaar", "open", "beschikbaar", "aanwezig"};
  static constexpr std::array<std::string_view, 9> kSources = {"site",   "website", "folder",   "brief", "app",
                                                               "bandje", "voicemail", "keuzemenu", "mail"};
  auto source = [&](std::size_t k) {
    return k < r.size() && std::find(kSources.begin(), kSources.end(), r.word(k)) != kSources.end();
  };
  for (Evidence& ev : r.evidence()) {
    // (An emoji is the resident's own: "… een bandje dat ze gesloten waren, de medewerker belde zelf ❤️".)
    if (ev.contribution <= 0 || is_emoji(ev)) continue;
    const std::size_t t = ev.token;
    const bool available = std::find(kAvailable.begin(), kAvailable.end(), ev.term) != kAvailable.end();
    const bool self = available && t >= 2 &&
                      ((r.is(t - 1, "zijn") && (r.is(t - 2, "wij") || r.is(t - 2, "we"))) ||
                       ((r.is(t - 1, "wij") || r.is(t - 1, "we")) && r.is(t - 2, "zijn")));
    bool quoted_source = false;
    if (!self && r.any_cue()) {  // the cue marks "bandje" and "volgens"
      const Span own = clause_at(clauses, t);
      for (auto k = std::max<std::size_t>(own.first, t > kClaimWords ? t - kClaimWords : 0); k < t && !quoted_source; ++k)
        quoted_source = r.is(k, "bandje") || (r.is(k, "volgens") && (source(k + 1) || source(k + 2)));
    }
    if (!self && !quoted_source) continue;
    turn(ev, 0.5, self ? "claim(wij zijn)" : "claim(volgens …)");
  }
}

// A wait of weeks or more at number t ("6 weken mag nadenken", "twee maanden"); not a quick one
// ("binnen 2 weken", "in 3 weken", "na 2 weken al").
bool long_wait_at(const Reader& r, std::size_t t) {
  if (!r.is_number(t, false) || count_of(r.word(t)) < 2) return false;
  const std::size_t u = unit_after(r, t);
  return u < r.size() && is_long_unit(r.word(u)) && !(t > 0 && (r.is(t - 1, "binnen") || r.is(t - 1, "in") || r.is(t - 1, "na")));
}

// Whether the tokens [first, last) name something a resident complains of and praise nothing:
// negative evidence, a wait of weeks, a price gone up ("duurder"). Not one a negator just before
// takes away ("dat niemand meer lang in de rij staat": a relief).
bool complaint_without_praise(const Reader& r, std::size_t first, std::size_t last) {
  static constexpr std::size_t kNegatorReach = 3;  // "niemand meer lang", "niet zo lang"
  bool complaint = false;
  for (const Evidence& e : r.evidence())
    if (e.token >= first && e.token < last) {
      if (e.contribution > 0) return false;
      complaint = complaint || (e.contribution < 0 && !r.negated_before(e.token, kNegatorReach));
    }
  for (std::size_t t = first; t < last && !complaint; ++t)
    complaint = (long_wait_at(r, t) || (r.is_word(t) && says_dear(r.word(t)))) && !r.negated_before(t, kNegatorReach);
  return complaint;
}

// "De afgebroken tak ligt sinds de storm op het grasveld", "boom hangt scheef sinds de storm",
// "aanvraag staat sinds april op 'in behandeling'": a thing that lies, stands or hangs somewhere
// since a moment in the past was left as it was. Not where praise is said in the sentence, not a
// wait a duration rule read ("sinds 3 weken"), not "ik zit sinds maart in het traject" (where one
// is, not what was left), not the verb of a clause "sinds" opens ("nooit meer glas in de zandbak sinds
// er dat hekje omheen staat").
void standing_since(Reader& r, const std::vector<Clause>& clauses) {
  static constexpr std::array<std::string_view, 8> kStates = {"ligt", "liggen", "staat", "staan",
                                                              "hangt", "hangen", "zit",  "zitten"};
  for (std::size_t t = 0; t + 1 < r.size(); ++t) {
    if (!r.is(t, "sinds")) continue;
    const Span own = clause_at(clauses, t);
    const auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) {
          return !e.entry && e.contribution < 0 && e.token >= own.first && e.token < own.last;
        }))
      continue;  // a duration rule read it already
    std::size_t state = r.size();
    for (auto k = own.first; k < own.last && state == r.size(); ++k)
      if (std::find(kStates.begin(), kStates.end(), r.word(k)) != kStates.end() && !r.negated_before(k, 2)) state = k;
    if (state == r.size()) continue;
    if ((r.word(state) == "zit" || r.word(state) == "zitten") && state > 0 && r.has(state - 1, kSubject)) continue;
    // "sinds er dat hekje omheen staat": a verb last in its clause after "sinds" is the verb of a
    // clause "sinds" opens, what changed then, not what was left ("sinds de storm ligt de tak er").
    std::size_t last_word = own.last;
    while (last_word > own.first && !r.is_word(last_word - 1)) --last_word;
    if (state > t && state + 1 == last_word) continue;
    const Span& s = r.sentence(r.sentence_of(t));
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return e.token >= s.first && e.token < s.last && e.contribution > 0; }))
      continue;
    const std::size_t from = std::min(state, t), to = std::max(state, t);
    r.add(from, r.span_text(from, to), kScorePersist, fmt::format("since({}…{})", r.word(from), r.word(to)));
  }
}

// "14 weken is kennelijk de gemeentelijke [termijn]", "'ik kom er deze week op terug' is
// kennelijk een rekbaar begrip": saying what a wait or a quoted promise "kennelijk" is names a
// norm the service broke: the sentence is a complaint, and praise in it is irony. Not "het
// personeel is blijkbaar goed opgeleid" (no wait, no quote), nor "is kennelijk binnen 2 weken
// geregeld".
void broken_norms(Reader& r) {
  for (std::size_t t = 1; t < r.size(); ++t) {
    if (!r.is(t, "kennelijk") && !r.is(t, "blijkbaar")) continue;
    const std::size_t verb = t > 1 && r.is(t - 1, "hier") ? t - 2 : t - 1;
    if (!r.is(verb, "is") && !r.is(verb, "zijn") && !r.is(verb, "heet") && !r.is(verb, "betekent")) continue;
    const Span& s = r.sentence(r.sentence_of(t));
    bool norm = false;
    for (auto k = s.first; k < s.last && !norm; ++k)
      norm = long_wait_at(r, k) || (r.is_punct(k) && (r.word(k) == "'" || r.word(k) == "\""));
    if (!norm) continue;
    const std::string rule = fmt::format("sarcasm({} {})", r.word(verb), r.word(t));
    for (Evidence& ev : r.evidence())
      if (ev.contribution > 0 && ev.token >= s.first && ev.token < s.last) turn(ev, -kScoreSarcasm, rule);
    r.add(t, r.span_text(verb, t), kScoreNorm, rule);
  }
}

// Sarcasm: praise said against a negative fact in the same answer. Strong markers, against any
// negative fact: a positive word with "hoor" ("Super hoor,"), unless a contrast follows in its
// sentence (then it concedes: "aardig hoor, maar"); an irony emoji. Weak markers: praise in the
// places sarcasm puts it and nowhere else — a short opening clause ("Fantastisch, foto
// afgekeurd"), a short opening sentence ("Geweldig systeem."), a short closing sentence ("Top."
// "Echt een aanrader.") — against a fact a complaint rule found (a wait, a count, a broken
// promise), or against any negative fact when praise opens and closes the answer; without a
// negative fact, against a rest that tells of trouble in its adverbs (tells_of_trouble()).
// Where "hoor" follows the praise of `e` within two words ("Super hoor", "Top geregeld hoor"), or size().
std::size_t hoor_after(const Reader& r, const Evidence& e) {
  const std::size_t end = e.token + Reader::term_words(e);
  for (std::size_t k = end; k < end + 2 && k < r.size(); ++k)
    if (r.is(k, "hoor")) return k;
  return r.size();
}

// Whether w is an emoji of laughter (😂, 🤣): irony beside trouble, a joke beside praise alone.
bool laughing(std::string_view w) { return w == "😂" || w == "🤣"; }

std::string strong_sarcasm(const Reader& r, const std::vector<Clause>& clauses) {
  for (const Evidence& e : r.evidence()) {
    if (e.contribution <= 0) continue;
    const std::size_t k = hoor_after(r, e);
    if (k == r.size()) continue;
    const bool concedes = std::any_of(clauses.begin(), clauses.end(), [&](const Clause& c) {
      return c.link == ClauseLink::kContrast && c.tokens.first > k && r.sentence_of(c.tokens.first) == r.sentence_of(k);
    });
    // "Voor de rest goed geholpen hoor", "Verder prima hoor": praise of the rest, after or before a
    // complaint, is meant.
    const std::size_t opener = r.first_word(r.sentence_of(k));
    const bool rest = (r.is(opener, "voor") && r.is(opener + 1, "de") && r.is(opener + 2, "rest")) || r.is(opener, "verder") ||
                      r.is(opener, "overigens");
    if (!concedes && !rest) return "sarcasm(hoor)";
  }
  if (!r.any(kSarcasm)) return {};
  for (std::size_t t = 0; t < r.size(); ++t)
    if (r.has(t, kSarcasm)) return fmt::format("sarcasm({})", r.word(t));
  return {};
}

// The places of weak sarcasm markers that hold praise and nothing negative, up to two.
struct Markers {
  std::array<Span, 2> spans{};
  std::size_t count = 0;
  std::string name;
  bool interjection = false;  // the first is an opening clause of a word or two ("Top, …")
  bool opening = false;       // the first is an opening clause ("Mooi op tijd, …")
};

Markers weak_markers(const Reader& r, const std::vector<Clause>& clauses) {
  const auto& ev = r.evidence();
  auto praise_only = [&](std::size_t first, std::size_t last) {
    bool pos = false;
    for (const Evidence& e : ev)
      if (e.token >= first && e.token < last) {
        if (e.contribution < 0) return false;
        pos = true;
      }
    return pos;
  };
  Markers m;
  auto take = [&](Span sp, std::string_view shape) {
    if (!praise_only(sp.first, sp.last)) return;
    m.spans[m.count++] = sp;
    if (m.name.empty()) m.name = fmt::format("sarcasm({}{})", r.word(r.first_word(r.sentence_of(sp.first))), shape);
  };
  if (r.sentences() < 2 && clauses.size() < 2) return m;
  std::size_t words = 0;
  for (auto t = clauses[0].tokens.first; t < clauses[0].tokens.last; ++t) words += r.is_word(t);
  // An opening clause of three words exclaims when it starts with its praise or a word of degree
  // ("Mooi op tijd,", "Heel goed systeem,", "zo'n snelle beslissing,"), and concedes nothing
  // ("Goed geholpen uiteindelijk," "vergunning netjes verleend,", "Aanvraag huishoudelijke ondersteuning:").
  auto exclaims = [&](const Span& c) {
    const std::size_t first = r.first_word(0);
    bool praise_first = r.is(first, "wat") || r.is(first, "zo'n") || r.is(first, "heel") || r.is(first, "echt") ||
                        r.is(first, "erg") || r.is(first, "zeer") || r.is(first, "super");
    for (const Evidence& e : ev) praise_first = praise_first || (e.token == first && e.contribution > 0);
    for (auto t = c.first; t < c.last; ++t)
      if (r.is(t, "uiteindelijk") || r.is(t, "wel") || r.is(t, "toch") || r.is(t, "ook")) return false;
    return praise_first;
  };
  if (clauses.size() >= 2 && clauses[1].link == ClauseLink::kComma && r.sentence_of(clauses[1].tokens.first) == 0 &&
      (words <= kFormulaWords || (words <= kOpeningClauseWords && exclaims(clauses[0].tokens)))) {
    take(clauses[0].tokens, ",");
    m.opening = m.count == 1;
    m.interjection = m.opening && words <= kFormulaWords;
  }
  else if (r.sentences() >= 2 && r.words_in(0) <= kOpeningSentenceWords)
    take(r.sentence(0), ".");
  // "Verder prima.", "Voor de rest top.": praise of the rest after a remark is meant, no marker.
  auto of_the_rest = [&](const Span& sp) {
    const std::size_t w = r.first_word(r.sentence_of(sp.first));
    return r.is(w, "verder") || r.is(w, "overigens") || (r.is(w, "voor") && r.is(w + 1, "de") && r.is(w + 2, "rest"));
  };
  if (r.sentences() >= 2 && r.words_in(r.sentences() - 1) <= kClosingSentenceWords) {
    if (!of_the_rest(r.sentence(r.sentences() - 1))) take(r.sentence(r.sentences() - 1), ".");
  } else if (clauses.size() >= 2 && clauses.back().link == ClauseLink::kComma) {
    // "…, aanrader.": a closing clause of a word or two.
    std::size_t last_words = 0;
    for (auto t = clauses.back().tokens.first; t < clauses.back().tokens.last; ++t) last_words += r.is_word(t);
    if (last_words <= kFormulaWords) take(clauses.back().tokens, ".");
  }
  return m;
}

// Whether the answer concedes a minor point ("wel", "alleen", "helaas", "jammer", "enkel" opening
// a clause, not "geen enkel"): its praise is meant.
bool concedes(const Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (r.is(t, "wel") || r.is(t, "alleen") || r.is(t, "helaas") || r.is(t, "jammer") || r.is(t, "hoewel")) return true;
    // "ook al was ik mijn rijbewijs vergeten", "ook als ik weer eens in paniek belde": praise in spite of it.
    if (r.is(t, "ook") && (r.is(t + 1, "al") || r.is(t + 1, "als"))) return true;
    if (r.is(t, "enkel") && (t == 0 || r.is_punct(t - 1))) return true;
  }
  return false;
}

// Whether the answer, outside the marker spans of `m`, tells of a thing done again, still not
// done, late or as it apparently is: "nog steeds", "alweer", "opnieuw", "nooit", "inmiddels",
// "blijkbaar", "uiteindelijk", "ná" ("Prachtig, de vergunning is binnen. Het is alleen inmiddels
// eind november."). Not "pas" (the card as often as the time) nor "niks" ("niks, ging goed").
bool tells_of_trouble(const Reader& r, const Markers& m) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (std::any_of(m.spans.begin(), m.spans.begin() + m.count, [&](const Span& sp) { return t >= sp.first && t < sp.last; }))
      continue;
    if ((r.is(t, "nog") && r.is(t + 1, "steeds")) || r.is(t, "alweer") || r.is(t, "opnieuw") || r.is(t, "nooit") ||
        r.is(t, "inmiddels") || r.is(t, "blijkbaar") || r.is(t, "uiteindelijk") || r.is(t, "ná"))
      return true;
  }
  return false;
}

// `facts`: the answer holds a negative fact (Reader::negative_fact()). Without one, praise only in
// the markers is irony when the rest tells of trouble (tells_of_trouble()); with one, beside a
// fact a complaint rule found, a strongly negative fact after an interjection, or two markers.
std::string weak_sarcasm(const Reader& r, const std::vector<Clause>& clauses, bool facts) {
  const Markers m = weak_markers(r, clauses);
  if (m.count == 0) return {};
  const auto& ev = r.evidence();
  for (const Evidence& e : ev) {
    if (e.contribution <= 0 || is_emoji(e)) continue;
    const bool in_marker = std::any_of(m.spans.begin(), m.spans.begin() + m.count,
                                       [&](const Span& sp) { return e.token >= sp.first && e.token < sp.last; });
    if (!in_marker) return {};  // praise of the content itself: a mixed answer, not sarcasm
  }
  if (!facts) return tells_of_trouble(r, m) ? m.name : std::string();
  // "Snel geholpen, wel 3 weken gewacht": the clause after the opening praise concedes; the praise
  // is meant and the answer mixed.
  if (m.opening && clauses.size() >= 2 && (r.is(clauses[1].tokens.first, "wel") || r.is(clauses[1].tokens.first, "helaas")))
    return {};
  const bool signal = std::any_of(ev.begin(), ev.end(), [](const Evidence& e) {
    return !e.entry && e.contribution < 0 && e.rules.find("wish(") == std::string::npos;
  });
  // "Top, ik wacht nog steeds op het telefoontje.": an interjection of praise straight before a
  // strongly negative fact, with no word that concedes a minor point ("Prima, wel lang gewacht").
  const bool blunt = m.interjection &&
                     std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.contribution <= kStrongFact; }) &&
                     !concedes(r);
  return signal || blunt || m.count >= 2 ? m.name : std::string();
}

// Whether positive evidence `o` heads a dat-, als- or om-clause after at most kLeadWords words, and
// nothing else in its sentence praises: "Fijn dat je ook nog betaalt voor je beperking", "Heel fijn
// als je een vergunning wil aanvragen". Not "Fijn dat het zo snel ging" (the clause praises).
bool bare_exclamation(const Reader& r, const std::vector<Clause>& clauses, const Evidence& o) {
  const std::size_t head = o.token + Reader::term_words(o);
  if (!r.is(head, "dat") && !r.is(head, "als") && !r.is(head, "om")) return false;
  const Span own = clause_at(clauses, o.token);
  std::size_t lead = 0;
  for (auto t = own.first; t < o.token; ++t) lead += r.is_word(t);
  if (lead > kLeadWords) return false;
  const Span& s = r.sentence(r.sentence_of(o.token));
  const auto& ev = r.evidence();
  return std::none_of(ev.begin(), ev.end(), [&](const Evidence& e) {
    return &e != &o && e.contribution > 0 && e.token >= s.first && e.token < s.last;
  });
}

// "Leuk hoor, 5 weken lang een oude wasmachine als decoratie in de voortuin": a word of delight
// with "hoor" before facts that praise nothing is irony even when no fact is negative in words.
// Not the mild ones a resident means ("prima hoor", "aardig hoor, maar …"), not beside praise of
// the content (a short closing sentence, "Bedankt.", is part of the irony), not when the answer
// concedes, and only with something said besides (four words or more outside the clause).
std::string ironic_hoor(const Reader& r, const std::vector<Clause>& clauses) {
  static constexpr std::array<std::string_view, 24> kDelight = {
      "leuk",    "leuke",  "fijn",       "fijne",       "mooi",     "mooie",     "super",    "geweldig",
      "geweldige", "top",  "fantastisch", "heerlijk",   "heerlijke", "gezellig", "lekker",   "handig",
      "handige", "knap",   "makkelijk",  "efficiënt",   "prachtig", "prachtige", "briljant", "schitterend"};
  const auto& ev = r.evidence();
  for (const Evidence& e : ev) {
    if (e.contribution <= 0 || Reader::term_words(e) != 1) continue;
    const std::size_t hoor = hoor_after(r, e);
    if (hoor == r.size() || std::find(kDelight.begin(), kDelight.end(), e.term) == kDelight.end() || concedes(r)) continue;
    if (clauses.empty() || hoor < clauses.front().tokens.first) continue;
    const Span own = clause_at(clauses, hoor);
    const std::uint32_t s = r.sentence_of(hoor);
    const bool contrast_after = std::any_of(clauses.begin(), clauses.end(), [&](const Clause& c) {
      return c.link == ClauseLink::kContrast && c.tokens.first > hoor && r.sentence_of(c.tokens.first) == s;
    });
    if (contrast_after) continue;
    const std::size_t last = r.sentences() - 1;
    // After an opening "Leuk hoor," a sentence that only exclaims ("Fijn dat je ook nog betaalt
    // voor je beperking.") carries the irony on.
    const bool opens = own.first == clauses.front().tokens.first;
    const bool closing_formula_only = std::all_of(ev.begin(), ev.end(), [&](const Evidence& o) {
      if (o.contribution <= 0 || is_emoji(o) || (o.token >= own.first && o.token < own.last)) return true;
      if (opens && r.sentence_of(o.token) != s && bare_exclamation(r, clauses, o)) return true;
      return r.sentence_of(o.token) == last && last != s && r.words_in(last) <= kClosingSentenceWords;
    });
    std::size_t outside = 0;
    for (std::size_t t = 0; t < r.size(); ++t) outside += r.is_word(t) && (t < own.first || t >= own.last);
    if (closing_formula_only && outside >= kIronyWords) return fmt::format("sarcasm({} hoor)", e.term);
  }
  return {};
}

// "Zo fijn dat een commissie 6 weken mag nadenken over …", "prachtig hoe lang een paar formulieren
// kunnen liggen", "fijn om te ontdekken dat het zwembad duurder is": praise that opens its clause
// and heads a dat-, hoe- or om-clause judges what that clause says. When the clause names a
// complaint and praises nothing, the praise is irony; "Fijn dat de medewerker zo snel reageerde",
// "fijn dat het binnen 2 dagen geregeld was" and "Fijn dat dit bestaat" mean it.
std::string ironic_exclamation(const Reader& r, const std::vector<Clause>& clauses) {
  for (const Evidence& e : r.evidence()) {
    if (e.contribution <= 0) continue;
    const std::size_t head = e.token + Reader::term_words(e);
    if (!r.is(head, "dat") && !r.is(head, "hoe") && !r.is(head, "om")) continue;
    const Span own = clause_at(clauses, e.token);
    std::size_t lead = 0;
    for (auto t = own.first; t < e.token; ++t) lead += r.is_word(t);
    if (lead > kLeadWords || !complaint_without_praise(r, head + 1, own.last)) continue;
    // Praise of the content elsewhere makes a mixed answer; a closing formula ("bedankt voor de
    // verrassing", "Top.") is part of the irony.
    const Span closing = clauses.back().tokens;
    std::size_t closing_words = 0;
    for (auto t = closing.first; t < closing.last; ++t) closing_words += r.is_word(t);
    const auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& o) {
          const bool in_closing = o.token >= closing.first && closing_words <= kClosingSentenceWords;
          return o.contribution > 0 && (o.token < own.first || o.token >= own.last) && !in_closing;
        }))
      continue;
    return fmt::format("sarcasm({} {})", e.term, r.word(head));
  }
  return {};
}

// Whether positive evidence praises speed: a word of it starts with "snel" or "vlot" ("snelle
// service", "vlotte afhandeling") or is "tempo", "rap" or "rappe", or it says "op tijd". (Whole
// words: "grappig" holds "rap".)
bool praises_speed(const Evidence& e) {
  if (e.contribution <= 0) return false;
  if (e.term.find("op tijd") != std::string::npos) return true;
  std::string_view rest = e.term;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    const std::string_view w = rest.substr(0, space);
    // ("razendsnelle", "supersnel", "bliksemsnel": speed as a compound's head.)
    if (w.rfind("snel", 0) == 0 || w.rfind("vlot", 0) == 0 || w == "tempo" || w == "rap" || w == "rappe" ||
        w.ends_with("snel") || w.ends_with("snelle"))
      return true;
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return false;
}

// A long wait told as a number of months, or of three weeks or more ("3 maanden voor een
// plastic pasje", "drie weken na mijn vraag"); not one that is short ("binnen 3 maanden"),
// regular ("elke 3 maanden"), in the past ("2 jaar geleden") or ahead ("een maand van tevoren").
// Its number's token, or size().
std::size_t long_wait(const Reader& r) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is_number(t, true)) continue;
    const std::size_t u = unit_after(r, t);
    // (Years tell how long one has lived or waited anywhere: "20 jaar hier gewoond, nooit zo snel geholpen".)
    const bool weeks = u < r.size() && r.word(u).rfind("we", 0) == 0, months = u < r.size() && r.word(u).rfind("maand", 0) == 0;
    if (!months && !(weeks && count_of(r.word(t)) >= 3)) continue;
    if (t > 0 && (r.has(t - 1, kShortPre) || r.is(t - 1, "elke") || r.is(t - 1, "iedere") || r.is(t - 1, "per"))) continue;
    if (r.is(u + 1, "geleden") || r.is(u + 1, "vooraf") || r.is(u + 1, "eerder") || (r.is(u + 1, "van") && r.is(u + 2, "tevoren")))
      continue;
    return t;
  }
  return r.size();
}

// "Wat een snelle service: drie weken na mijn vraag kwam er een ontvangstbevestiging", "wat een
// snelheid zeg, 3 maanden voor een plastic pasje", "Super snel hoor, nog geen drie maanden gewacht":
// speed praised in an answer that tells of a wait of months (or of three weeks or more) is irony,
// when nothing in the answer turns ("vlot geholpen, maar de vergunning duurde 3 maanden" means
// the praise) and nothing else is praised but in a formula ("Geweldig.").
std::string ironic_speed(const Reader& r, const std::vector<Clause>& clauses) {
  const auto& ev = r.evidence();
  if (std::none_of(ev.begin(), ev.end(), praises_speed)) return {};
  if (std::any_of(clauses.begin(), clauses.end(), [](const Clause& c) { return c.link == ClauseLink::kContrast; })) return {};
  // A concession anywhere means the praise: "Snel geholpen. Het duurde alleen wel een paar maanden."
  if (concedes(r)) return {};
  for (std::size_t t = 0; t < r.size(); ++t)
    if (r.is(t, "toch")) return {};
  // Other praise only in a formula of its own ("Geweldig.", "Bedankt!"): "netjes teruggebeld" beside
  // the speed makes a mixed answer.
  auto formula = [&](const Evidence& e) {
    const Span own = clause_at(clauses, e.token);
    std::size_t words = 0;
    for (auto t = own.first; t < own.last; ++t) words += r.is_word(t);
    return words <= kFormulaWords;
  };
  // (A negated complaint is part of the irony, "nog geen drie maanden gewacht", and so is an emoji.)
  auto aside = [](const Evidence& e) { return negated_complaint(e) || is_emoji(e); };
  if (std::any_of(ev.begin(), ev.end(),
                  [&](const Evidence& e) { return e.contribution > 0 && !praises_speed(e) && !formula(e) && !aside(e); }))
    return {};
  const std::size_t wait = long_wait(r);
  if (wait == r.size()) {
    // A season is a wait of months: "razendsnelle uitbetaling, nog binnen hetzelfde seizoen", "al na
    // een seizoen had ik een gesprek".
    for (std::size_t t = 0; t < r.size(); ++t)
      if (r.is(t, "seizoen") || r.is(t, "kwartaal")) return fmt::format("sarcasm(speed…{})", r.word(t));
    return {};
  }
  return fmt::format("sarcasm(speed…{} {})", r.word(wait), r.word(unit_after(r, wait)));
}

// "Geweldig, zo'n waardering, als je tenminste ook nog ict'er bent", "heerlijk, dat
// omgevingsloket. als je van puzzels houdt tenminste": a condition with "tenminste" after praise
// says that only few can enjoy it, and takes the praise back. Not a condition of a wish ("zou
// fijn zijn als …, dan weet je tenminste waar je aan toe bent"): there "tenminste" is in the
// clause after the condition.
std::string undercut_condition(const Reader& r, const std::vector<Clause>& clauses) {
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (!r.is(t, "tenminste")) continue;
    const Span own = clause_at(clauses, t);
    bool condition = r.is(t + 1, "als");  // "tenminste als je …"
    for (auto k = own.first; k < t; ++k) condition = condition || r.is(k, "als");
    if (!condition) continue;
    const auto& ev = r.evidence();
    const bool praise_before =
        std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return e.contribution > 0 && e.token < own.first; });
    const bool praise_inside = std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) {
      return e.contribution > 0 && e.token >= own.first && e.token < own.last;
    });
    if (praise_before && !praise_inside) return "sarcasm(als … tenminste)";
  }
  return {};
}

// "Gelukkig heb ik 3 jaar voor inburgering, want 5 maanden zijn al weg met wachten op intake",
// "gelukkig is dementie geen haast-ziekte, dus die 14 weken wachten waren vast geen probleem":
// relief that opens an answer telling of trouble (a negative word or fact, or tells_of_trouble()),
// with nothing else in it to be glad of, is irony. Not when other praise says what went well
// ("Gelukkig was de medewerker vriendelijk, want ik stond 2 uur te wachten"), nor when the answer
// concedes a point.
std::string ironic_relief(const Reader& r) {
  const std::size_t first = r.first_word(0);
  if (first >= r.size() || !r.is(first, "gelukkig")) return {};
  bool relief = false, trouble = false;
  for (const Evidence& e : r.evidence()) {
    if (e.token == first && e.contribution > 0) relief = true;
    else if (e.contribution > 0 && !is_emoji(e) && !negated_complaint(e)) return {};
    else if (e.contribution < 0) trouble = true;
  }
  if (!relief || concedes(r) || (!trouble && !tells_of_trouble(r, Markers{}))) return {};
  return "sarcasm(gelukkig)";
}

void sarcasm(Reader& r, const std::vector<Clause>& clauses) {
  const auto& ev = r.evidence();
  if (std::none_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.contribution > 0; })) return;
  const std::string rule = [&] {
    if (std::string said = r.any_cue() ? undercut_condition(r, clauses) : std::string(); !said.empty()) return said;
    if (std::string said = ironic_exclamation(r, clauses); !said.empty()) return said;
    if (std::string said = ironic_speed(r, clauses); !said.empty()) return said;
    if (std::string said = ironic_relief(r); !said.empty()) return said;
    if (!r.negative_fact(clauses)) {
      // An irony emoji is a marker of its own: "Erg persoonlijke benadering 🙄" needs no negative
      // fact in words. Not when the answer concedes a minor point ("Prima, alleen wel duur 🙄"); a
      // laughing one (😂, 🤣) only beside trouble ("die heb ik nog nooit gesproken 😂").
      if (r.any(kSarcasm) && !concedes(r))
        for (std::size_t t = 0; t < r.size(); ++t)
          if (r.has(t, kSarcasm) && (!laughing(r.word(t)) || tells_of_trouble(r, Markers{})))
            return fmt::format("sarcasm({})", r.word(t));
      if (std::string said = ironic_hoor(r, clauses); !said.empty()) return said;
      return weak_sarcasm(r, clauses, false);
    }
    const bool contrast = std::any_of(clauses.begin(), clauses.end(), [](const Clause& c) { return c.link == ClauseLink::kContrast; });
    std::string strong = strong_sarcasm(r, clauses);
    return strong.empty() && !contrast ? weak_sarcasm(r, clauses, true) : strong;
  }();
  if (rule.empty()) return;
  // Praise in a sentence with a contrast is meant ("Erg vriendelijk, maar …"): it stays.
  auto has_contrast = [&](std::uint32_t s) {
    return std::any_of(clauses.begin(), clauses.end(), [&](const Clause& c) {
      return c.link == ClauseLink::kContrast && r.sentence_of(c.tokens.first) == s;
    });
  };
  for (Evidence& ev : r.evidence())
    if (ev.contribution > 0 && ev.rules.find("wish(") == std::string::npos && !has_contrast(r.sentence_of(ev.token)))
      turn(ev, -kScoreSarcasm, rule);
}

// "X, maar Y": what follows "maar" carries the verdict even when it holds no sentiment word
// ("heel behulpzaam, maar de vergunning duurde veel langer dan de beloofde acht weken"). When
// the answer praised before it and nothing after it in the sentence is praise, the contrast is a
// complaint of its own. Not "alleen", "enkel" or "wel": they frame a minor point ("alles prima, alleen …").
void contrasts(Reader& r, const std::vector<Clause>& clauses) {
  for (const Clause& c : clauses) {
    if (c.link != ClauseLink::kContrast || c.marker >= r.size() || !(r.is(c.marker, "maar") || r.is(c.marker, "echter")))
      continue;
    // Before: the sentence up to "maar", or the sentence before when "Maar" opens one.
    const std::uint32_t s = r.sentence_of(c.marker);
    const std::uint32_t from = c.marker == r.first_word(s) && s > 0 ? s - 1 : s;
    double before = 0;
    bool praise_after = false;
    for (const Evidence& e : r.evidence()) {
      if (e.token < c.marker && r.sentence_of(e.token) >= from) before += e.contribution;
      else if (e.token > c.marker && r.sentence_of(e.token) == s && e.contribution > 0) praise_after = true;
    }
    if (before > 0 && !praise_after)
      r.add(c.marker, std::string(r.word(c.marker)), kScoreContrast, fmt::format("contrast({})", r.word(c.marker)));
  }
}

// "Enige minpuntje is dat de douches koud zijn", "Een kanttekening: de lessen beginnen laat": a
// word that announces a drawback is the complaint only until its sentence names it; when the
// rest of the sentence holds a negative word or complaint, that judges, and the announcing word
// counts nothing (it would count the one drawback twice).
void announcements(Reader& r) {
  static constexpr std::array<std::string_view, 11> kAnnounce = {
      "minpunt",    "minpunten", "minpuntje", "minpuntjes", "nadeel", "nadelen",
      "nadeeltje", "nadeeltjes", "kanttekening", "kanttekeningen", "kritiekpunt"};
  auto& ev = r.evidence();
  for (Evidence& a : ev) {
    if (a.contribution >= 0 || std::find(kAnnounce.begin(), kAnnounce.end(), a.term) == kAnnounce.end()) continue;
    const auto named = std::find_if(ev.begin(), ev.end(), [&](const Evidence& e) {
      return e.token > a.token && e.contribution < 0 && r.sentence_of(e.token) == r.sentence_of(a.token);
    });
    if (named == ev.end()) continue;
    a.contribution = 0;
    append_rule(a, fmt::format("announces({})", named->term));
  }
}

// Whether w names a cost: "prijs", "leges", "tarief", "huur", and compounds ending or starting in
// one ("huurprijs", "zaalhuur", "prijsverhoging", "legeskosten"); not "schuur".
bool names_cost(std::string_view w) {
  static constexpr std::array<std::string_view, 17> kCosts = {
      "prijs",    "prijzen", "kosten",     "tarief", "tarieven", "leges",    "huur",     "bedrag",   "bedragen",
      "heffing",  "premie",  "contributie", "abonnement", "bijdrage", "belasting", "aanslag", "rekening"};
  if (w.size() >= 6 && w.ends_with("schuur")) return false;
  for (std::string_view c : kCosts)
    if (w.ends_with(c) || (w.size() > c.size() + 3 && w.starts_with(c) && c.size() >= 4)) return true;
  return false;
}

// A price that is high or went up, in a clause that names a cost: "Prijs is wel fors voor een
// papiertje", "de prijs is stilletjes verhoogd", "forse verhoging van de leges", "de
// huurverhoging". In a service survey a resident names a price to say it is too high. Not "een
// forse verbetering" (no cost named), "de tarieven zijn niet verhoogd", nor a clause the lexicon
// already read as negative ("te hoog", "hoge kosten", "aan de hoge kant"). Read after sarcasm: a
// remark on the tariff beside praise of the service is no sign of irony ("Vlot geholpen. Prijs
// is wel fors.").
void prices(Reader& r, const std::vector<Clause>& clauses) {
  const auto& ev = r.evidence();
  for (const Clause& c : clauses) {
    // Most clauses say nothing is dear: the cost, tested by its endings, is looked for in the others.
    std::size_t cost = r.size(), dear = r.size();
    for (auto t = c.tokens.first; t < c.tokens.last && dear == r.size(); ++t)
      if (r.is_word(t) && says_dear(r.word(t)) && !r.negated_before(t, 2)) dear = t;
    for (auto t = c.tokens.first; t < c.tokens.last && dear < r.size() && cost == r.size(); ++t)
      if (r.is_word(t) && names_cost(r.word(t))) cost = t;
    if (cost == r.size() || dear == r.size()) continue;
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) {
          return e.token >= c.tokens.first && e.token < c.tokens.last && e.contribution < 0;
        }))
      continue;
    const std::size_t first = std::min(cost, dear), last = std::max(cost, dear);
    r.add(first, r.span_text(first, last), kScorePrice, fmt::format("price({})", r.span_text(first, last)));
  }
}

// "Goedkoop is anders", "Klantvriendelijk was anders hoor": praise followed by "is anders" at the
// end of its clause says the opposite. Not "snel is anders dan haastig" (a comparison goes on).
void otherwise(Reader& r) {
  for (Evidence& e : r.evidence()) {
    if (e.contribution <= 0) continue;
    const std::size_t verb = e.token + Reader::term_words(e);
    if (!(r.is(verb, "is") || r.is(verb, "was")) || !r.is(verb + 1, "anders")) continue;
    const std::size_t after = verb + 2;
    if (after < r.size() && !r.is_punct(after) && !r.is(after, "hoor") && !r.is(after, "zeg")) continue;
    e.contribution = -std::abs(e.base);
    append_rule(e, "idiom(is anders)");
  }
}

// "Tegen de tijd dat de subsidie is goedgekeurd zijn de kinderen volwassen", "met dit tempo heb ik
// mijn vergunning als ik met pensioen ga": a wait so long that what is awaited comes too late is a
// complaint of slowness, and praise after "tegen de tijd dat" in its sentence is the awaited event
// ("goedgekeurd"), not praise. Not a story in the past ("tegen de tijd dat ik thuis was, was alles
// al geregeld"), not after praise in its sentence, and "met dit tempo" not beside any praise in it
// ("in dit tempo mag het altijd, top").
void hyperboles(Reader& r) {
  static constexpr std::array<std::string_view, 12> kPast = {"was",  "waren", "had",   "hadden", "werd", "werden",
                                                             "kwam", "kwamen", "lag", "lagen",  "stond", "stonden"};
  for (std::size_t t = 0; t + 2 < r.size(); ++t) {
    const bool by_then = r.is(t, "tegen") && r.is(t + 1, "de") && r.is(t + 2, "tijd") && r.is(t + 3, "dat");
    const bool pace = (r.is(t, "met") || r.is(t, "in")) &&
                      ((r.is(t + 1, "dit") && r.is(t + 2, "tempo")) || (r.is(t + 1, "deze") && r.is(t + 2, "snelheid")));
    if (!by_then && !pace) continue;
    const Span& s = r.sentence(r.sentence_of(t));
    bool past = false;
    for (auto k = s.first; k < s.last && !past; ++k)
      past = std::find(kPast.begin(), kPast.end(), r.word(k)) != kPast.end();
    if (past) continue;
    auto& ev = r.evidence();
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) {
          return e.contribution > 0 && e.token >= s.first && e.token < s.last && (pace || e.token < t);
        }))
      continue;
    const std::string rule = fmt::format("hyperbole({})", r.span_text(t, t + (by_then ? 3 : 2)));
    for (Evidence& e : ev)
      if (e.contribution > 0 && e.token > t && e.token < s.last) turn(e, -kScoreSarcasm, rule);
    r.add(t, r.span_text(t, t + (by_then ? 3 : 2)), kScoreHyperbole, rule);
    return;
  }
}

// "Voor dat geld verwacht je op zijn minst een kopje koffie", "voor die prijs verwacht ik wel
// gouden buizen": what the price should have bought says it was too high. Not "voor dat geld
// verwacht je niet veel" (a low price).
void price_expectations(Reader& r) {
  for (std::size_t t = 0; t + 2 < r.size(); ++t) {
    if (!r.is(t, "voor") || !(r.is(t + 1, "dat") || r.is(t + 1, "die") || r.is(t + 1, "zo'n") || r.is(t + 1, "zoveel")))
      continue;
    if (!r.is(t + 2, "geld") && !names_cost(r.word(t + 2))) continue;
    const Span& s = r.sentence(r.sentence_of(t));
    for (auto k = t + 3; k < s.last; ++k)
      if (r.word(k).starts_with("verwacht") && !r.negated_before(k, 2) && !r.has(k + 1, kNegator) && !r.has(k + 2, kNegator)) {
        r.add(t, r.span_text(t, k), kScorePrice, fmt::format("price({})", r.span_text(t, k)));
        return;
      }
  }
}

// "Nooit het gevoel gehad dat ik niet welkom was", "niet het gevoel dat ik een nummer was", "nooit de
// indruk dat ik lastig was": a bad feeling about themself the resident denies having had is praise
// of how they were treated. Only about themself ("dat ik/we …": "niet het gevoel dat er iets
// gebeurt" is a complaint) and only a bad thing: what the outer negator already reached through the
// clause ("niet het gevoel dat ik serieus genomen werd") stays as it is. A negator of the clause's
// own ("dat ik niet welkom was") is denied with it: its evidence turns. Read before negated_actions.
void denied_feelings(Reader& r, const std::vector<Clause>& clauses) {
  for (std::size_t t = 0; t + 3 < r.size(); ++t) {
    if (!r.has(t, kNegator)) continue;
    std::size_t feeling = r.size(), dat = r.size();
    for (auto k = t + 1; k <= t + 3 && k < r.size() && feeling == r.size(); ++k)
      if (r.has(k, kFeeling)) feeling = k;
    for (auto k = feeling + 1; feeling < r.size() && k <= feeling + 3 && k < r.size() && dat == r.size(); ++k)
      if (r.is(k, "dat")) dat = k;
    if (dat == r.size() || !(r.is(dat + 1, "ik") || r.is(dat + 1, "we") || r.is(dat + 1, "wij"))) continue;
    const Span own = clause_at(clauses, dat);
    const std::size_t end = std::max<std::size_t>(own.last, dat + 1);
    bool inner = false;
    for (auto k = dat + 1; k < end; ++k) inner = inner || r.has(k, kNegator);
    auto& ev = r.evidence();
    auto in_clause = [&](const Evidence& e) { return e.token > dat && e.token < end; };
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return in_clause(e) && (e.contribution > 0 || !inner); }))
      continue;
    const std::string rule = fmt::format("denied({} {} dat)", r.word(t), r.word(feeling));
    for (Evidence& e : ev)
      if (in_clause(e)) {
        e.contribution = -e.contribution;
        append_rule(e, rule);
      }
    r.add(t, r.span_text(t, feeling), kScoreRelief, rule);
    t = dat;
  }
}

// Whether the answer names a short time at t: "binnen 2 weken", "in een paar dagen", "de volgende
// dag", "dezelfde dag", "meteen", "direct". Sets `last` to its last word.
bool short_time_at(const Reader& r, std::size_t t, std::size_t& last) {
  if (r.is(t, "meteen") || r.is(t, "direct") || r.is(t, "gelijk")) return last = t, true;
  if ((r.is(t, "volgende") || r.is(t, "dezelfde")) && (r.is(t + 1, "dag") || r.is(t + 1, "ochtend") || r.is(t + 1, "week")))
    return last = t + 1, true;
  if (!r.has(t, kShortPre)) return false;
  for (auto k = t + 1; k <= t + 3 && k < r.size(); ++k)
    if (r.is_number(k, true) && unit_after(r, k) < r.size()) return last = unit_after(r, k), true;
  return false;
}

// "De vergunning was er binnen 2 weken, had ik niet verwacht", "had niet verwacht dat de container al
// de volgende dag zou komen": a short time the resident did not expect is a pleasant surprise. Not
// when a complaint rule found a wait or a delay ("Drie maanden gewacht, dat had ik niet verwacht"),
// nor when what came so soon is bad ("binnen 2 weken een boete").
void pleasant_surprise(Reader& r) {
  std::size_t at = r.size();
  for (std::size_t t = 1; t < r.size() && at == r.size(); ++t)
    if (r.is(t, "verwacht") && r.negated_before(t, 3) && !r.is(t + 1, "dan")) at = t;
  if (at == r.size()) return;
  const auto& ev = r.evidence();
  if (std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return !e.entry && e.contribution < 0; })) return;
  for (std::size_t t = 0; t < r.size(); ++t) {
    std::size_t last = t;
    if (!short_time_at(r, t, last) || r.negated_before(t, 2)) continue;
    // What came so soon is no bad thing: "binnen 2 weken een boete" surprised the other way.
    if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return e.contribution < 0 && e.token > last; })) return;
    r.add(at, std::string(r.word(at)), kScoreRelief, fmt::format("surprise({} … niet {})", r.span_text(t, last), r.word(at)));
    return;
  }
}

// Where an acceptance marker ends at t, or 0: "(ik) snap (het) (ook) wel", "begrijp ik wel",
// "hoort erbij" accept what was said before it; "nou eenmaal" what its sentence says.
// Sets `whole` for the sentence-wide kind.
std::size_t acceptance_at(const Reader& r, std::size_t t, bool& whole) {
  whole = false;
  if (r.word(t).starts_with("snap") || r.word(t).starts_with("begrijp")) {
    for (auto k = t + 1; k <= t + 3 && k < r.size(); ++k) {
      if (r.has(k, kNegator) || r.is_punct(k)) return 0;
      if (r.is(k, "wel")) return k;
    }
    return 0;
  }
  if (r.is(t, "hoort") && r.is(t + 1, "erbij")) return t + 1;
  if (r.is(t, "hoort") && r.is(t + 1, "er") && (r.is(t + 2, "bij") || (r.is(t + 2, "ook") && r.is(t + 3, "bij")))) return t + 2;
  if (r.is(t, "nou") && r.is(t + 1, "eenmaal")) return whole = true, t + 1;
  return 0;
}

// "Het is afgewezen, maar ik snap ook wel dat er regels zijn", "Het is wat het is. Papierwerk hoort
// erbij.", "het is nou eenmaal zo dat er weinig woningen zijn": the resident accepts the drawback they
// name; it is no complaint. What the marker accepts (the words before it in its sentence and the one
// before, or its whole sentence for "nou eenmaal") counts for nothing; a complaint said after it
// stays. Not "snap ik niet", and not when the answer says it means the opposite ("… Not.").
void acceptance(Reader& r) {
  auto& ev = r.evidence();
  if (std::none_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.contribution < 0; })) return;
  bool ironic = false, read = false;  // "Snap wel dat dat 7 weken duurt. Not."
  for (std::size_t t = 0; t < r.size(); ++t) {
    bool whole = false;
    const std::size_t end = acceptance_at(r, t, whole);
    if (end == 0) continue;
    if (!read) {
      for (std::size_t k = 0; k < r.size() && !ironic; ++k) ironic = r.is(k, "not") || r.is(k, "nie");
      read = true;
    }
    if (ironic) return;
    const std::uint32_t s = r.sentence_of(t);
    const std::size_t from = r.sentence(s > 0 && !whole ? s - 1 : s).first;
    const std::size_t to = whole ? r.sentence(s).last : t;
    const std::string rule = fmt::format("accepted({})", r.span_text(t, end));
    for (Evidence& e : ev)
      if (e.contribution < 0 && e.token >= from && e.token < to) {
        e.contribution = 0;
        append_rule(e, rule);
      }
    t = end;
  }
}


// A middling verdict: "Het was oké maar ook niet meer dan dat", "het was in orde, meer niet",
// "valt mee valt tegen", "niks op aan te merken maar ook niks bijzonders", "soms goed soms minder",
// "Sommige dagen goed, andere dagen minder", "dit jaar ook goed en ook minder goed". The answer is
// neither praise nor complaint when that is all it says: its praise mild (kMildPraise at most), its
// criticism only the verdict's own words ("niet", "maar", "minder"), no rule's complaint.
// Whether w shrugs: "mwah", "mwa", "meh", "tja", "tsja".
bool shrug(std::string_view w) { return w == "mwah" || w == "mwa" || w == "meh" || w == "tja" || w == "tsja"; }

std::string_view middling_marker(const Reader& r) {
  const std::size_t n = r.size();
  std::size_t contrasting = 0;  // "soms", "sommige", "andere", "deels"
  bool less = false;            // "minder", "slechter", or "niet" after "soms", "dingen", "dagen"
  for (std::size_t t = 0; t < n; ++t) {
    if (r.is(t, "niet") && r.is(t + 1, "meer") && r.is(t + 2, "dan") && r.is(t + 3, "dat")) return "niet meer dan dat";
    if (r.is(t, "meer") && r.is(t + 1, "niet") && (t + 2 == n || r.is_punct(t + 2))) return "meer niet";
    if ((r.is(t, "niks") || r.is(t, "niets")) && (r.is(t + 1, "bijzonders") || r.is(t + 1, "bijzonder"))) return "niks bijzonders";
    if (r.is(t, "valt") && r.is(t + 1, "mee") && (r.is(t + 2, "valt") || (r.is_punct(t + 2) && r.is(t + 3, "valt"))))
      return "valt mee valt tegen";
    if (r.is(t, "het") && r.is(t + 1, "was") && r.is(t + 2, "het") && r.is(t + 3, "gewoon")) return "het was het gewoon";
    if (r.is(t, "soms") || r.is(t, "sommige") || r.is(t, "andere") || r.is(t, "deels")) ++contrasting;
    if (r.is(t, "ook") && r.is(t + 1, "minder")) return "ook minder";
    // A shrug as the verdict: "mwah", "meh", "tja, het is een markt" (with nothing stronger said).
    if (shrug(r.word(t))) return r.word(t);
    // "soms minder", "andere dagen minder", "sommige dingen niet"
    const bool after = t > 0 && (r.is(t - 1, "soms") || r.is(t - 1, "dingen") || r.is(t - 1, "dagen"));
    less = less || r.is(t, "minder") || r.is(t, "slechter") || (r.is(t, "niet") && after);
  }
  return contrasting >= 2 && less ? "soms…minder" : std::string_view();
}

// The grade an answer states in a sentence of its own: "Eindelijk een keer dat de gemeente iets doet
// voor de gewone man. 9.", "Een 9 van mij!", "10/10", "4." — a number from 1 to 10 (or "8,5", "9/10")
// with at most a few words around it that only give it ("een", "dikke", "cijfer", "van mij"). 8 or
// more praises, 4 or less complains; a middling one says neither (middling() reads "een zesje").
// Not in a list (two bare numbers, or a sentence ending in one: "1. wachttijd 2. kosten"), nor a
// number some other evidence read.
void stated_grades(Reader& r) {
  static constexpr std::array<std::string_view, 9> kAround = {"een", "dikke", "cijfer", "van", "mij", "me", "ik", "geef", "dus"};
  std::size_t found = r.size(), bare = 0;
  double grade = 0;
  for (std::size_t s = 0; s < r.sentences(); ++s) {
    const Span& sp = r.sentence(s);
    // A sentence that ends in a number ("wachttijd 2.") numbers the next item of a list.
    std::size_t end = sp.last;
    while (end > sp.first && r.is_punct(end - 1)) --end;
    if (end > sp.first && r.is_numeral(end - 1) && end - sp.first > 1) return;
    if (sp.last - sp.first > 7) continue;
    std::size_t number = r.size(), words = 0;
    bool other = false;
    double value = 0;
    for (auto t = sp.first; t < sp.last && !other; ++t) {
      if (r.is_punct(t)) continue;
      const std::string_view w = r.word(t);
      if (r.is_word(t)) {
        other = std::find(kAround.begin(), kAround.end(), w) == kAround.end();
        ++words;
        continue;
      }
      // "9", "8,5", "10/10", "9/10": a mark out of ten.
      const std::size_t slash = w.find('/');
      const std::string_view mark = slash == std::string_view::npos ? w : w.substr(0, slash);
      if (number != r.size() || (slash != std::string_view::npos && w.substr(slash + 1) != "10") || mark.empty() ||
          mark.size() > 4 || !std::isdigit(static_cast<unsigned char>(mark.front()))) {
        other = true;
        continue;
      }
      const std::size_t comma = mark.find_first_of(",.");
      value = static_cast<double>(count_of(mark.substr(0, comma)));
      if (comma != std::string_view::npos && comma + 1 < mark.size() && mark[comma + 1] == '5') value += 0.5;
      number = t;
    }
    if (other || number == r.size() || words > 3 || value < 1 || value > 10) continue;
    ++bare;
    if (!r.covered(number)) found = number, grade = value;
  }
  if (bare != 1 || found == r.size() || (grade > 4 && grade < 8)) return;
  const std::string text(r.word(found));
  r.add(found, text, grade >= 8 ? kScoreGrade : -kScoreGrade, fmt::format("grade({})", text));
}

void middling(Reader& r) {
  auto& ev = r.evidence();
  if (ev.empty() || r.sentences() > 3) return;
  // The evidence first: most answers say something stronger, and need no scan for a marker.
  for (const Evidence& e : ev) {
    const bool verdict = e.rules.find("contrast(") != std::string::npos || e.rules.find("negation(") != std::string::npos;
    if (e.contribution > kMildPraise || (e.contribution < 0 && !verdict && (!e.entry || e.contribution < -kMildPraise)))
      return;
  }
  const std::string_view marker = middling_marker(r);
  if (marker.empty()) return;
  // A shrug is the verdict only where nothing else complains: "Meh, lang gewacht." complains.
  if (shrug(marker) && std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return e.contribution < 0 && e.term != marker; }))
    return;
  const std::string rule = fmt::format("middling({})", marker);
  for (Evidence& e : ev) {
    e.contribution = 0;
    append_rule(e, rule);
  }
}

// "Melding gedaan van een kapotte prullenbak in het park", "Ik heb een melding gemaakt over
// overhangende takken bij het fietspad", "ik heb een boom gemeld die scheef staat": an answer of
// one sentence that tells what the resident reported names what was wrong in the street, not what
// went wrong with the service. The negative words of the thing reported (after "melding van/over",
// or in the clause of "gemeld" and a relative clause after it) are no evidence, when only the
// lexicon found them (no rule read a complaint) and no negator or question speaks of the service
// ("Niemand is komen kijken na mijn melding over de gladde helling").
void reported_thing(Reader& r, const std::vector<Clause>& clauses) {
  if (r.sentences() != 1 || r.any(kNegator) || r.any_question_mark()) return;
  auto& ev = r.evidence();
  if (std::none_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.contribution < 0; })) return;
  if (std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return !e.entry; })) return;
  Span thing{0, 0};
  bool noun = false;  // the thing follows "melding van/over"
  for (std::size_t t = 0; t < r.size() && thing.last == 0; ++t) {
    if (r.is(t, "melding") || r.is(t, "meldingen")) {
      std::size_t k = t + 1;
      if (r.is(k, "gedaan") || r.is(k, "gemaakt") || r.is(k, "ingediend")) ++k;
      noun = r.is(k, "van") || r.is(k, "over");
      if (noun) thing = {static_cast<std::uint32_t>(k + 1), clause_at(clauses, k).last};
    } else if (r.is(t, "gemeld") || r.is(t, "meldde")) {
      const Span own = clause_at(clauses, t);
      const Span next = clause_at(clauses, own.last);
      const bool relative = next.first == own.last && (r.is(next.first, "die") || r.is(next.first, "dat"));
      thing = {own.first, relative ? next.last : own.last};
    }
  }
  if (thing.last <= thing.first) return;
  // The answer is the report and nothing else: the thing runs to its end ("…, bij elke regenbui
  // staat de straat blank" says more), and a verb after "melding over" says what became of the
  // report ("meldingen over bomen worden slecht opgepakt").
  std::size_t end = r.size();
  while (end > 0 && r.is_punct(end - 1)) --end;
  if (thing.last < end) return;
  static constexpr std::array<std::string_view, 14> kVerbs = {"is",    "zijn",  "was", "waren", "wordt", "worden", "werd",
                                                              "werden", "heeft", "had", "bleef", "blijft", "ging", "duurde"};
  for (std::size_t t = thing.first; noun && t < thing.last; ++t)
    if (std::find(kVerbs.begin(), kVerbs.end(), r.word(t)) != kVerbs.end()) return;
  for (const Evidence& e : ev)
    if (e.contribution < 0 && (e.token < thing.first || e.token >= thing.last)) return;
  for (Evidence& e : ev)
    if (e.contribution < 0) {
      e.contribution = 0;
      append_rule(e, "reported(melding)");
    }
}

}  // namespace

void apply(const RuleInput& in, const std::vector<Clause>& clauses, std::vector<std::uint32_t>& scratch) {
  Reader r(in, scratch);
  // Most answers lack the words most rules start from: those rules are not run at all.
  if (r.any(kUnit)) durations(r), quick_completion(r, clauses);
  if (r.any(kUnit) || r.any_cue()) efforts(r, clauses);  // a unit, or "avond(en)", "ochtend(en)", "middag(en)"
  if (r.any(kUnit) || r.any_cue() || r.any(kNumber)) repeated_contact(r);
  if (r.any_took()) took_a_while(r);
  if (r.any(kLongPre)) more_than(r);
  // A count needs "3x", an ordinal ("de vierde keer", "De vierde al."), or a number (a numeral or a
  // number word) before a word that counts ("keer", "maal").
  const bool numbers = r.any_numeral() || r.any(kNumber);
  if (r.any_digit_word() || r.any(kOrdinal) || ((numbers || r.any(kCalendar)) && (r.any(kCount) || says_counted(r)))) counts(r);
  if (r.any(kWish | kRequest | kImperative)) find_wishes(r);  // "zou" is a request word too
  if (r.any_cue()) may_well(r);  // the cue marks "mag", "mogen"
  if (r.any(kPromise) && r.any(kFailure | kUnit)) expectations(r);  // a broken promise: a failure word or a duration
  if (r.sentences() > 1) elapsed(r);
  if (r.any(kPersist | kNegator) && r.any_nog()) persistence(r);
  if (r.any_sinds()) standing_since(r, clauses);
  if (r.any_question_mark()) questions(r);
  if (r.any_numeral() || r.any(kCalendar)) delays(r);  // clock times are numerals
  // (The cue marks "pas": "pas … toen" needs it and a subordinator.)
  if (r.any_numeral() || r.any(kCalendar | kUnit) || (r.any_cue() && r.any(kSubordinator))) late(r, clauses);
  if (r.any(kNegator)) neither_nor(r);
  if (r.any_numeral()) amounts(r);
  runarounds(r);
  if (r.any(kNegator) && r.any_cue()) pleasant_surprise(r);  // before negated_actions; the cue marks "verwacht"
  if (r.any(kNegator) && r.any(kFeeling)) denied_feelings(r, clauses);  // as is "nooit het gevoel gehad dat"
  if (r.any(kNegator)) negated_actions(r, clauses);
  if (r.any(kKnow) && r.any(kNegator)) uncertainty(r), unknown_status(r);  // "weet niet of", "geen idee wat de status is"
  if (r.any(kPromise)) hoped_or_promised(r);  // "hoop" is a promise word too
  if (r.any_quote()) quoted_promises(r);
  if (r.any_quote()) scare_quotes(r);
  announcements(r);
  claims(r, clauses);
  otherwise(r);
  if (r.any_cue()) hyperboles(r), price_expectations(r);
  if (r.any_cue() && (r.any_numeral() || r.any(kNumber) || r.any_quote())) broken_norms(r);
  apply_wishes(r);
  sarcasm(r, clauses);
  contrasts(r, clauses);
  if (r.any_cue()) about_survey(r);  // the cue marks "enquête", "vragenlijst"
  if (r.any_dear()) prices(r, clauses);
  if (r.any_numeral()) cost_amounts(r, clauses);  // after sarcasm, as prices()
  reported_thing(r, clauses);
  stated_grades(r);
  middling(r);
  if (r.any_cue()) acceptance(r);  // last: it accepts what every other rule found; the cue marks its words
}

}  // namespace luister::complaint
