#include "luister/followup/followup.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <locale>
#include <unordered_map>
#include <unordered_set>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/join.hpp>
#include <boost/algorithm/string/split.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "luister/base/utf8.hpp"
#include "luister/archive/archive.hpp"
#include "luister/csv/csv.hpp"
#include "luister/csv/excel.hpp"
#include "luister/base/data.hpp"
#include "luister/base/error.hpp"
#include "luister/csv/filter.hpp"
#include "luister/base/io.hpp"
#include "luister/cli/progress.hpp"
#include "luister/text/pii.hpp"
#include "luister/csv/values.hpp"

namespace luister {
namespace {

// Words that may stand between a negator and the phrase it cancels: "u hoeft mij niet meer te
// bellen", "niet echt graag contact". A content word in between ("niet tevreden, bel me terug"
// without the comma) means the negator belongs to something else.
const std::unordered_set<std::string_view> kFillers = {"meer", "echt", "per", "se", "perse", "wel", "me", "mij",
                                                      "ons", "u", "even", "nog", "te", "dus", "ook", "hoor", "zo"};

// The words of a phrase line: split at spaces and tabs only (not boost::is_space, which follows
// the locale).
std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  boost::algorithm::split(out, s, boost::algorithm::is_any_of(" \t"), boost::algorithm::token_compress_on);
  std::erase_if(out, [](std::string_view w) { return w.empty(); });  // before a leading, after a trailing space
  return out;
}

bool term_matches(const CallbackPhrase::Term& term, std::string_view word) {
  for (const auto& alt : term.alternatives) {
    if (alt.back() == '*') {
      if (word.size() >= alt.size() - 1 && word.substr(0, alt.size() - 1) == std::string_view(alt).substr(0, alt.size() - 1))
        return true;
    } else if (word == alt) {
      return true;
    }
  }
  return false;
}

// Matches terms [t, end) from word `p` on; fills `at` with the word index of each term.
bool match_from(const CallbackPhrase& ph, std::size_t t, std::size_t p, const std::vector<std::string_view>& words,
                std::vector<std::size_t>& at) {
  if (p >= words.size() || !term_matches(ph.terms[t], words[p])) return false;
  at[t] = p;
  if (t + 1 == ph.terms.size()) return true;
  int gap = ph.terms[t + 1].gap_before ? kCallbackGap : 0;
  for (int g = 0; g <= gap; ++g)
    if (match_from(ph, t + 1, p + 1 + static_cast<std::size_t>(g), words, at)) return true;
  return false;
}

// A-Z lowered, every other byte as it is: the classic locale, whatever the global one is.
}  // namespace

std::vector<CallbackPhrase> parse_callback_phrases(std::string_view text, const std::string& file) {
  std::vector<CallbackPhrase> out;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim(text.substr(pos, nl - pos));
    ++line_no;
    pos = nl + 1;
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](const std::string& why) {
      return InputError(file, static_cast<std::uint64_t>(line_no), fmt::format("phrase '{}': {}.", line, why),
                        "see the format at the top of callback-nl.txt");
    };
    CallbackPhrase ph;
    ph.source = std::string(line);
    ph.file = file;
    ph.line = line_no;
    bool gap = false;
    for (auto tok : split_ws(line)) {
      if (tok == "~") {
        if (ph.terms.empty() || gap) throw bad("'~' must stand between two words");
        gap = true;
        continue;
      }
      CallbackPhrase::Term term;
      term.gap_before = gap;
      gap = false;
      std::vector<std::string_view> alternatives;
      boost::algorithm::split(alternatives, tok, boost::algorithm::is_any_of("|"));
      for (std::string_view alt : alternatives) {
        if (alt.empty() || alt == "*") throw bad(fmt::format("empty alternative in '{}'", tok));
        if (alt.find('*') != std::string_view::npos && alt.find('*') != alt.size() - 1)
          throw bad(fmt::format("'*' may only end a word ('{}')", alt));
        if (lower_ascii(alt) != alt) throw bad(fmt::format("write '{}' in lower case (answers are matched lower-cased)", alt));
        term.alternatives.emplace_back(alt);
      }
      ph.terms.push_back(std::move(term));
    }
    if (gap) throw bad("'~' must stand between two words");
    out.push_back(std::move(ph));
  }
  return out;
}

CallbackMatcher::CallbackMatcher(const std::string& phrases_path, const std::string& negators_path) {
  std::string pf = find_data_file("callback-nl.txt", phrases_path);
  phrases_ = parse_callback_phrases(read_file(pf), pf);
  load_negators(read_file(find_data_file("negators-nl.txt", negators_path)));
}

CallbackMatcher CallbackMatcher::from_text(std::string_view phrases, std::string_view negators) {
  return CallbackMatcher(FromText{}, phrases, negators);
}

CallbackMatcher::CallbackMatcher(FromText, std::string_view phrases, std::string_view negators)
    : phrases_(parse_callback_phrases(phrases, "phrases")) {
  load_negators(negators);
}

void CallbackMatcher::load_negators(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view w = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    // Multi-word negators ("nooit meer") are covered by their first word.
    if (!w.empty() && w.front() != '#' && w.find(' ') == std::string_view::npos) negators_.emplace(w);
  }
}

std::string CallbackMatcher::normalized(std::string_view answer) const { return normalizer_.normalize(answer).text; }

CallbackResult CallbackMatcher::match(std::string_view answer) const {
  CallbackResult result;
  const std::string text = normalized(answer);
  std::vector<Token> tokens;
  tokenizer_.tokenize(text, tokens);

  // Clauses: runs of words between punctuation, emoticons, emoji, line breaks and "maar".
  std::vector<std::vector<std::string_view>> clauses(1);
  for (const auto& tok : tokens) {
    std::string_view w = tok.text(text);
    bool boundary = tok.kind == TokenKind::kPunct || tok.kind == TokenKind::kEmoticon ||
                    tok.kind == TokenKind::kEmoji || w == "maar";
    if ((boundary || tok.newline_before) && !clauses.back().empty()) clauses.emplace_back();
    if (!boundary) clauses.back().push_back(w);
  }

  auto is_negator = [&](std::string_view w) { return negators_.count(std::string(w)) > 0; };
  for (const auto& words : clauses) {
    std::vector<std::pair<std::size_t, std::size_t>> seen;  // spans already reported
    for (std::size_t start = 0; start < words.size(); ++start) {
      for (const auto& ph : phrases_) {
        std::vector<std::size_t> at(ph.terms.size());
        if (!match_from(ph, 0, start, words, at)) continue;
        const std::size_t end = at.back() + 1;
        if (std::find(seen.begin(), seen.end(), std::make_pair(start, end)) != seen.end()) continue;
        seen.emplace_back(start, end);
        std::string negated_by;
        // Inside: a negator in a gap ("bel me niet terug").
        for (std::size_t p = start; p < end && negated_by.empty(); ++p)
          if (std::find(at.begin(), at.end(), p) == at.end() && is_negator(words[p])) negated_by = words[p];
        // Before: across filler words only ("u hoeft mij niet meer ...", "niet graag contact").
        for (std::size_t p = start, steps = 0; negated_by.empty() && p > 0 && steps < 4; ++steps) {
          std::string_view w = words[--p];
          if (is_negator(w)) negated_by = w;
          else if (!kFillers.count(w)) break;
        }
        // After: within two words ("bel mij terug is niet nodig"); "zonder" starts something new.
        for (std::size_t p = end; negated_by.empty() && p < std::min(words.size(), end + 2); ++p)
          if (is_negator(words[p]) && words[p] != "zonder") negated_by = words[p];
        std::string matched;
        for (std::size_t p = start; p < end; ++p) {
          if (p > start) matched += ' ';
          matched += words[p];
        }
        result.matches.push_back({matched, negated_by, &ph});
        if (negated_by.empty() && !result.request) {
          result.request = true;
          result.phrase = matched;
          result.rule = &ph;
        }
      }
    }
  }
  return result;
}

std::optional<bool> read_consent(std::string_view value) {
  std::string v = lower_ascii(trim(value));
  if (v.empty()) return std::nullopt;
  static const std::unordered_set<std::string_view> kYes = {"ja", "j", "yes", "y", "1", "true", "waar", "akkoord",
                                                           "ok", "oke", "oké", "x"};
  static const std::unordered_set<std::string_view> kNo = {"nee", "n", "no", "0", "false", "onwaar", "niet akkoord",
                                                          "geen toestemming", "niet"};
  if (kYes.count(v)) return true;
  if (kNo.count(v)) return false;
  // "ja, graag" / "nee, liever niet": the first word decides.
  std::size_t cut = v.find_first_of(" ,.;:!-");
  std::string_view first = std::string_view(v).substr(0, cut);
  if (first == "ja" || first == "yes") return true;
  if (first == "nee" || first == "no") return false;
  return std::nullopt;
}

namespace {

struct Respondent {
  std::vector<std::size_t> rows;  // indices into the input rows, in input order
};

std::optional<double> read_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  std::string tmp(s);
  char* end = nullptr;
  double v = std::strtod(tmp.c_str(), &end);
  if (end != tmp.c_str() + tmp.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string format_number(double v) {
  std::string s = fmt::format("{:.3f}", v);
  return s;
}

// Every input's rows under the first input's header.
struct Table {
  std::vector<std::string> header;
  std::string first_file;
  std::vector<std::vector<std::string>> rows;
};

// Appends the rows of one input to `table`; throws when its header or a row does not fit.
void read_input(const std::string& path, char delimiter, Table& table, Progress& progress) {
  CsvInput in = open_csv_input(path, delimiter);
  const std::string& file = in.file->name();
  if (table.header.empty()) {
    table.header = in.header;
    table.first_file = file;
  } else if (in.header != table.header) {
    throw InputError(file, 1, "the header differs from the first input's.",
                     "run the inputs separately, or bring them to the same columns first");
  }
  const auto& header = table.header;
  std::vector<std::vector<std::string>> mine;
  CsvRecord rec;
  while (in.reader->next(rec)) {
    if (rec.blank) continue;
    require_row_width(rec, header.size(), file, in.reader->record_line(),
                      "is this canonical CSV from luister-import? Run the export through luister-import first");
    mine.emplace_back(rec.fields.begin(), rec.fields.end());
    progress.update(in.reader->bytes_read(), in.file->size(), table.rows.size() + mine.size());
  }
  for (auto& r : mine) table.rows.push_back(std::move(r));
}

// Reads every input, reporting each bad one on stderr; true when all were read.
bool read_inputs(const std::vector<std::string>& inputs, char delimiter, Table& table, Progress& progress) {
  bool failed = false;
  progress.phase("reading rows");
  for (const auto& path : inputs) {
    try {
      read_input(path, delimiter, table, progress);
    } catch (const InputError& e) {
      message(describe(e));
      failed = true;
    } catch (const IoError& e) {
      message(describe(e));
      failed = true;
    }
  }
  return !failed;
}

// Where the columns the rules need are.
struct Columns {
  std::size_t id = 0, text = 0, grade = 0, sentiment = 0;
  long question = -1;  // -1: none
  std::vector<std::pair<std::size_t, ContactKind>> contact;
  std::string refusal_columns;  // the consent columns, for the summary
};

// The contact and consent columns: those named with --contact/--consent, else those whose names
// say so. Throws when there are none.
std::vector<std::pair<std::size_t, ContactKind>> contact_columns(const Table& t, const FollowupOptions& options) {
  const auto& header = t.header;
  std::vector<std::pair<std::size_t, ContactKind>> contact_cols;
  for (const auto& c : options.contact) {
    std::size_t i = require_column(header, c, t.first_file, "--contact");
    ContactKind k = guess_contact_kind(c);
    contact_cols.emplace_back(i, k == ContactKind::kConsent ? k : ContactKind::kDetail);
  }
  for (const auto& c : options.consent)
    contact_cols.emplace_back(require_column(header, c, t.first_file, "--consent"), ContactKind::kConsent);
  if (!options.contact.empty() || !options.consent.empty()) return contact_cols;
  for (std::size_t i = 0; i < header.size(); ++i) {
    ContactKind k = guess_contact_kind(header[i]);
    if (k != ContactKind::kNone) contact_cols.emplace_back(i, k);
  }
  if (contact_cols.empty()) {
    const std::string cols = header.empty() ? "" : "'" + boost::algorithm::join(header, "', '") + "'";
    throw InputError(t.first_file, 1, "no column with contact details or consent: nobody could be contacted.",
                     fmt::format("name the columns with --contact COLUMN (e-mail, phone) or --consent COLUMN "
                                 "(ja/nee); the columns are {}",
                                 cols));
  }
  return contact_cols;
}

// Finds the columns; throws when one that is needed is missing or one to append is there already.
Columns find_columns(const Table& t, const FollowupOptions& options) {
  const auto& header = t.header;
  for (const char* appended : {"urgency", "reason"})
    if (std::find(header.begin(), header.end(), appended) != header.end())
      throw InputError(t.first_file, 1, fmt::format("the input already has a column '{}'.", appended),
                       fmt::format("luister-followup appends '{}'; drop or rename that column first", appended));
  Columns c;
  c.id = require_column(header, "response_id", t.first_file, "luister-import");
  c.text = require_column(header, "text", t.first_file, "luister-import");
  c.grade = require_column(header, "grade", t.first_file, "luister-import");
  auto q_it = std::find(header.begin(), header.end(), "question");
  c.question = q_it == header.end() ? -1 : static_cast<long>(q_it - header.begin());
  if (options.use_sentiment) {
    auto it = std::find(header.begin(), header.end(), "sentiment");
    if (it == header.end())
      throw InputError(t.first_file, 1, "no column 'sentiment': the rule for strongly negative answers needs luister-score's scores.",
                       "pipe the rows through luister-score first (luister-import export.csv | luister-score | "
                       "luister-followup), or pass --no-sentiment to select on grade and callback requests only");
    c.sentiment = static_cast<std::size_t>(it - header.begin());
  }
  c.contact = contact_columns(t, options);
  for (const auto& [i, k] : c.contact)
    if (k == ContactKind::kConsent) c.refusal_columns += (c.refusal_columns.empty() ? "" : ", ") + header[i];
  return c;
}

// One entry per respondent, in order of first appearance; rows without an id stand alone.
std::vector<Respondent> group_respondents(const Table& t, std::size_t id_col) {
  std::vector<Respondent> respondents;
  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& id = t.rows[r][id_col];
    if (!trim(id).empty()) {
      auto [it, fresh] = by_id.emplace(id, respondents.size());
      if (!fresh) {
        respondents[it->second].rows.push_back(r);
        continue;
      }
    }
    respondents.push_back({{r}});
  }
  return respondents;
}

// What a respondent's answers say: the lowest grade and sentiment, and the first callback request.
struct Signals {
  std::optional<double> grade, sentiment;
  std::string request;
  bool low_grade = false, negative = false;
};

// Reads the signals of a respondent's rows and checks them against the criteria.
Signals read_signals(const Respondent& resp, const Table& t, const Columns& cols, const FollowupOptions& options,
                     const CallbackMatcher& matcher) {
  Signals s;
  for (std::size_t r : resp.rows) {
    GradeValue g = parse_grade(t.rows[r][cols.grade], -1e9, 1e9);
    if (g.status == ValueStatus::kOk && (!s.grade || g.value < *s.grade)) s.grade = g.value;
    if (options.use_sentiment) {
      auto v = read_number(t.rows[r][cols.sentiment]);
      if (v && (!s.sentiment || *v < *s.sentiment)) s.sentiment = v;
    }
    if (s.request.empty()) {
      CallbackResult cb = matcher.match(t.rows[r][cols.text]);
      if (cb.request) s.request = cb.phrase;
    }
  }
  s.low_grade = s.grade && *s.grade <= options.max_grade;
  s.negative = s.sentiment && *s.sentiment <= options.max_sentiment;
  return s;
}

// How a respondent can be reached: contact details, consent given or refused, details in the text.
struct Reach {
  bool detail = false, yes = false, no = false, in_text = false;
  std::vector<std::string_view> said_no;  // the consent columns that said no
};

// Looks up how a respondent can be reached, over all their rows.
Reach find_reach(const Respondent& resp, const Table& t, const Columns& cols) {
  Reach reach;
  for (std::size_t r : resp.rows) {
    for (const auto& [i, k] : cols.contact) {
      if (k == ContactKind::kDetail) {
        reach.detail = reach.detail || !trim(t.rows[r][i]).empty();
      } else if (auto v = read_consent(t.rows[r][i])) {
        (*v ? reach.yes : reach.no) = true;
        if (!*v && std::find(reach.said_no.begin(), reach.said_no.end(), t.header[i]) == reach.said_no.end())
          reach.said_no.push_back(t.header[i]);
      }
    }
    for (const auto& m : find_pii(t.rows[r][cols.text]))
      reach.in_text = reach.in_text || m.kind == PiiKind::kEmail || m.kind == PiiKind::kPhone;
  }
  return reach;
}

// A respondent on the list: their merged row and what it is sorted by.
struct Listed {
  std::vector<std::string> cells;
  int urgency;
  std::string date, id, process;
  std::optional<double> grade, sentiment;  // the lowest, for a sheet with one number per cell
  std::string status, open_since;          // with the archive
};

// The closed loop: the archive's cases by response_id (empty without --db).
struct Loop {
  std::unordered_map<std::string, CallbackCase> cases;
  bool on() const { return !db.empty(); }
  std::string db;
};

// Urgency: the lower the grade, the more negative the answer, plus an explicit request. Appends the
// reasons in Dutch to `reasons`.
double urgency_of(const Signals& s, const Reach& reach, const FollowupOptions& options,
                  std::vector<std::string>& reasons) {
  double urgency = 0;
  if (s.low_grade) {
    urgency += 10 * (options.max_grade - *s.grade + 1);
    reasons.push_back(fmt::format("cijfer {}", format_grade(*s.grade)));
  }
  if (s.negative) {
    urgency += std::max(1.0, 40 * -*s.sentiment);
    reasons.push_back(fmt::format("negatieve toelichting (sentiment {})", format_number(*s.sentiment)));
  }
  if (!s.request.empty()) {
    urgency += 30;
    reasons.push_back(fmt::format("vraagt om contact ('{}')", s.request));
  }
  if (!reach.detail && !reach.yes) reasons.push_back("contactgegevens staan in het antwoord");
  if (reach.no) reasons.push_back(fmt::format("let op: '{}' bij {}", "nee", fmt::join(reach.said_no, ", ")));
  return urgency;
}

// Merges a respondent's values of column `c` (or `values`, one per row of the respondent, when
// given): equal values stay; differing ones become "question: value" lines (the question column
// itself becomes "waarom; verbeteren").
std::string merged_cell(const Respondent& resp, const Table& t, std::size_t c, long question_col,
                        const std::vector<std::string>* values = nullptr) {
  auto value = [&](std::size_t k) -> const std::string& { return values ? (*values)[k] : t.rows[resp.rows[k]][c]; };
  bool same = true;
  for (std::size_t k = 0; k < resp.rows.size(); ++k) same = same && value(k) == value(0);
  if (same) return value(0);
  std::string merged;
  std::size_t n = 0;
  for (std::size_t k = 0; k < resp.rows.size(); ++k) {
    const std::size_t r = resp.rows[k];
    const std::string& v = value(k);
    if (static_cast<long>(c) == question_col) {
      merged += (merged.empty() ? "" : "; ") + v;
      continue;
    }
    ++n;
    if (v.empty()) continue;
    std::string label = question_col >= 0 ? t.rows[r][static_cast<std::size_t>(question_col)] : fmt::format("antwoord {}", n);
    merged += fmt::format("{}{}: {}", merged.empty() ? "" : "\n", label, v);
  }
  return merged;
}

// The answer as the list shows it: personal data masked, except e-mail addresses and phone numbers
// when `keep_contact` (the respondent left contact details nowhere else).
std::string masked_answer(std::string_view text, bool keep_contact) {
  if (!keep_contact) return mask_pii(text);
  std::string out;
  std::size_t at = 0;
  for (const auto& m : find_pii(text)) {
    if (m.kind == PiiKind::kEmail || m.kind == PiiKind::kPhone) continue;
    out.append(text.substr(at, m.begin - at));
    out.append(pii_placeholder(m.kind));
    at = m.end;
  }
  out.append(text.substr(at));
  return out;
}

// The respondent's row on the list: every column merged (the answer text masked unless
// --raw-text), then urgency and reason.
Listed list_respondent(const Respondent& resp, const Table& t, const Columns& cols, const Reach& reach,
                       const FollowupOptions& options, double urgency, const std::string& reason) {
  Listed l;
  l.urgency = static_cast<int>(std::lround(urgency));
  const auto& first = t.rows[resp.rows.front()];
  l.id = first[cols.id];
  auto cell_of = [&](const char* name) {
    auto it = std::find(t.header.begin(), t.header.end(), name);
    return it == t.header.end() ? std::string() : first[static_cast<std::size_t>(it - t.header.begin())];
  };
  l.date = cell_of("date");
  l.process = cell_of("process");
  std::vector<std::string> texts;
  if (!options.raw_text)
    for (std::size_t r : resp.rows) texts.push_back(masked_answer(t.rows[r][cols.text], !reach.detail));
  for (std::size_t c = 0; c < t.header.size(); ++c)
    l.cells.push_back(merged_cell(resp, t, c, cols.question, c == cols.text && !options.raw_text ? &texts : nullptr));
  l.cells.push_back(std::to_string(l.urgency));
  l.cells.push_back(reason);
  return l;
}

// Who is listed, and who met the criteria but is left off.
struct Selection {
  std::vector<Listed> listed;
  std::uint64_t no_contact = 0, refused = 0, closed = 0;
};

// Applies the criteria and the contact rules to every respondent; a case the archive holds as
// closed is never asked again.
Selection select_respondents(const std::vector<Respondent>& respondents, const Table& t, const Columns& cols,
                             const FollowupOptions& options, const CallbackMatcher& matcher, const Loop& loop,
                             Progress& progress) {
  Selection sel;
  progress.phase("selecting respondents", respondents.size(), "respondents");
  std::uint64_t done = 0;
  for (const auto& resp : respondents) {
    progress.step(++done);
    auto known = loop.cases.find(t.rows[resp.rows.front()][cols.id]);
    if (known != loop.cases.end() && known->second.closed()) {
      ++sel.closed;
      continue;
    }
    const Signals s = read_signals(resp, t, cols, options, matcher);
    if (!s.low_grade && !s.negative && s.request.empty()) continue;
    const Reach reach = find_reach(resp, t, cols);
    // A refusal on the form keeps a resident off the list, unless their own answer asks for contact:
    // that request is newer and more specific than a tick box. The reason then points at the conflict.
    if (reach.no && s.request.empty()) {
      ++sel.refused;
      continue;
    }
    if (!reach.detail && !reach.yes && !reach.in_text) {
      ++sel.no_contact;
      continue;
    }
    std::vector<std::string> reasons;
    const double urgency = urgency_of(s, reach, options, reasons);
    sel.listed.push_back(list_respondent(resp, t, cols, reach, options, urgency, boost::algorithm::join(reasons, "; ")));
    sel.listed.back().grade = s.grade;
    sel.listed.back().sentiment = s.sentiment;
  }
  return sel;
}

// The columns the list appends to the input's: urgency and reason, and with the archive the case's
// status and the empty columns the team fills in (read back by luister-followup outcomes).
std::vector<std::string> appended_columns(const Loop& loop) {
  std::vector<std::string> names = {"urgency", "reason"};
  if (loop.on()) names.insert(names.end(), {"status", "open_since", "outcome", "outcome_date", "note"});
  return names;
}

// One listed row. For Dutch Excel a grade or sentiment column holds one number (the lowest of the
// respondent's answers); otherwise the cells are as merged.
void write_listed(SheetWriter& w, const Listed& l, const std::vector<std::string>& header, const Loop& loop) {
  const bool excel = w.style() == SheetStyle::kExcelNl;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (excel && header[c] == "grade") w.number(l.grade ? format_grade(*l.grade) : "");
    else if (excel && header[c] == "sentiment") w.number(l.sentiment ? format_number(*l.sentiment) : "");
    else if (header[c] == "date") w.date(l.cells[c]);
    else w.text(l.cells[c]);
  }
  w.number(l.cells[header.size()]);
  w.text(l.cells[header.size() + 1]);
  if (!loop.on()) return;
  w.text(l.status);
  w.text(l.open_since);
  for (int k = 0; k < 3; ++k) w.text("");
}

// Writes the list, most urgent first, then the one waiting longest, then by response_id.
void write_list(std::vector<Listed>& listed, const std::vector<std::string>& header, const FollowupOptions& options,
                const Loop& loop) {
  std::stable_sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) {
    if (a.urgency != b.urgency) return a.urgency > b.urgency;
    if (a.date != b.date) return a.date < b.date;  // the one waiting longest first
    return a.id < b.id;
  });
  Output out(options.common.output);
  SheetWriter w(out, options.style, options.neutralize);
  std::vector<std::string> names = header;
  for (auto& n : appended_columns(loop)) names.push_back(std::move(n));
  w.header(names);
  for (const auto& l : listed) {
    write_listed(w, l, header, loop);
    w.end_row();
  }
  out.commit();
}

// ---------------------------------------------------------------------------------------------
// The period and the closed loop
// ---------------------------------------------------------------------------------------------

// The rows of `t` whose date lies in `period`, and those of the `keep` respondents.
void keep_rows(Table& t, const Period& period, const std::unordered_map<std::string, CallbackCase>& keep) {
  auto date_it = std::find(t.header.begin(), t.header.end(), "date");
  if (date_it == t.header.end())
    throw InputError(t.first_file, 1, "no column 'date': the list of a period needs the day of each answer.",
                     "run the export through luister-import, which writes the date column, or leave out the period");
  const auto date_col = static_cast<std::size_t>(date_it - t.header.begin());
  const std::size_t id_col = require_column(t.header, "response_id", t.first_file, "luister-import");
  std::erase_if(t.rows, [&](const std::vector<std::string>& row) {
    const std::optional<Day> day = parse_iso_day(row[date_col]);
    return !(day && period.contains(*day)) && !keep.count(row[id_col]);
  });
}

// Appends the archive's rows of the open cases the input has no rows for, under the input's header
// (a column the archive lacks stays empty).
void add_archive_rows(Table& t, const Loop& loop, const FollowupOptions& options) {
  const std::size_t id_col = require_column(t.header, "response_id", t.first_file, "luister-import");
  std::unordered_set<std::string> missing;
  for (const auto& [id, c] : loop.cases)
    if (!c.closed()) missing.insert(id);
  for (const auto& row : t.rows) missing.erase(row[id_col]);
  if (missing.empty()) return;
  ArchiveSelection sel;
  sel.to = options.period->first - 1;
  std::vector<long> to_input;  // archive column → input column, or -1
  read_archive(
      options.db, sel,
      [&](const std::vector<std::string>& header) {
        for (const auto& h : header) {
          auto it = std::find(t.header.begin(), t.header.end(), h);
          to_input.push_back(it == t.header.end() ? -1 : static_cast<long>(it - t.header.begin()));
        }
      },
      [&](const std::vector<std::string_view>& row) {
        if (!missing.count(std::string(row[0]))) return;  // response_id is the archive's first column
        std::vector<std::string> cells(t.header.size());
        for (std::size_t c = 0; c < row.size(); ++c)
          if (to_input[c] >= 0) cells[static_cast<std::size_t>(to_input[c])] = row[c];
        t.rows.push_back(std::move(cells));
      },
      options.wait_seconds);
}

// Reads the archive's cases and narrows the rows to the period and the cases still open from
// earlier lists.
Loop prepare_loop(Table& t, const FollowupOptions& options) {
  Loop loop;
  loop.db = options.db;
  if (loop.on())
    for (auto& c : load_callback_cases(options.db, options.wait_seconds)) loop.cases.emplace(c.response_id, std::move(c));
  if (!options.period) return loop;
  std::unordered_map<std::string, CallbackCase> open_before;
  for (const auto& [id, c] : loop.cases)
    if (!c.closed() && c.answered && *c.answered < options.period->first) open_before.emplace(id, c);
  keep_rows(t, *options.period, open_before);
  if (loop.on()) add_archive_rows(t, loop, options);
  return loop;
}

// Marks each listed case (new in the period, still open from an earlier list, or not reached) and
// records the list in the archive.
std::uint64_t close_loop(std::vector<Listed>& listed, const Loop& loop, const FollowupOptions& options) {
  const std::string list_id = period_id(*options.period);
  std::vector<CallbackCase> cases;
  for (auto& l : listed) {
    auto it = loop.cases.find(l.id);
    const std::optional<Day> answered = parse_iso_day(l.date);
    const bool now = answered && options.period->contains(*answered);
    if (it != loop.cases.end() && it->second.outcome == CallbackOutcome::kNotReached)
      l.status = fmt::format("niet bereikt op {}", format_iso_day(*it->second.outcome_day));
    else
      l.status = now ? "nieuw" : "nog open";
    l.open_since = it != loop.cases.end() ? it->second.first_listed : list_id;
    CallbackCase c;
    c.response_id = l.id;
    c.process = l.process;
    c.answered = answered;
    cases.push_back(std::move(c));
  }
  return record_callback_cases(options.db, list_id, cases, options.wait_seconds);
}

}  // namespace

int run_followup(const FollowupOptions& options) {
  std::vector<std::string> inputs = options.common.inputs;
  if (inputs.empty()) inputs.push_back("-");
  CallbackMatcher matcher(options.phrases, options.negators);
  Progress progress(progress_enabled(options.common.progress));
  Table table;
  const bool read_all = read_inputs(inputs, options.common.delimiter, table, progress);
  // A list with some residents missing is worse than none: any bad input, no list.
  if (!read_all || table.header.empty()) return kExitDataError;

  if (!options.db.empty() && !options.period)
    throw UsageError("--db needs the period of the list (--week, --month or --from/--to).",
                     "the archive keeps one list per period, e.g. luister-followup --db kto.sqlite --week 2026-W47");
  const Columns cols = find_columns(table, options);
  if (!options.db.empty()) progress.phase("reading the archive's call-back cases");
  const Loop loop = prepare_loop(table, options);
  const std::vector<Respondent> respondents = group_respondents(table, cols.id);
  Selection sel = select_respondents(respondents, table, cols, options, matcher, loop, progress);
  // Recorded before the list is written: a list on paper is always a list the archive knows.
  if (loop.on()) progress.phase("recording the list in the archive");
  const std::uint64_t recorded = loop.on() ? close_loop(sel.listed, loop, options) : 0;
  progress.phase(fmt::format("writing the list of {}", sel.listed.size()));
  write_list(sel.listed, table.header, options, loop);
  progress.finish();
  std::string summary = fmt::format("{} of {} respondents to follow up", sel.listed.size(), respondents.size());
  if (loop.on()) {
    const auto old = static_cast<std::size_t>(std::count_if(sel.listed.begin(), sel.listed.end(),
                                                            [](const Listed& l) { return l.status != "nieuw"; }));
    summary += fmt::format(" ({} of them open from before or not reached); the list is recorded in {} ({} new "
                           "case{})", old, options.db, recorded, recorded == 1 ? "" : "s");
    if (sel.closed) summary += fmt::format("; {} left off: called back already", sel.closed);
  }
  if (sel.no_contact)
    summary += fmt::format("; {} more met the criteria but left no contact details or consent", sel.no_contact);
  if (sel.refused) summary += fmt::format("; {} declined contact ({})", sel.refused, cols.refusal_columns);
  message(summary + ".");
  return kExitOk;
}

}  // namespace luister
