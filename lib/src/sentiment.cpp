#include "luister/sentiment.hpp"

#include <unicode/uchar.h>

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "luister/data.hpp"
#include "luister/error.hpp"

namespace luister {
namespace {

constexpr std::size_t kPostNegationTail = 2;  // words a clause-final negator may have after it
constexpr double kNegation = -0.6;      // "niet goed" is bad, but less bad than "slecht"
constexpr double kContrastAfter = 1.5;  // the part after "maar" carries the verdict
constexpr double kContrastBefore = 0.5;
constexpr double kCaps = 1.3;
constexpr double kElongation = 1.2;
constexpr double kPerExclamation = 0.1;  // up to three
constexpr std::size_t kNegationScope = 4;  // words after the negator

std::vector<std::string> read_lines(const std::string& path) {
  std::istringstream in(read_file(path));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

bool is_caps(std::string_view original) {
  int letters = 0;
  for (char c : original) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 3;
}

bool is_elongated(std::string_view original) {
  int run = 1;
  for (std::size_t i = 1; i < original.size(); ++i) {
    char a = original[i - 1], b = original[i];
    if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && (a | 0x20) == (b | 0x20)) {
      if (++run >= 3) return true;
    } else {
      run = 1;
    }
  }
  return false;
}

}  // namespace

SentimentScorer::SentimentScorer(const SentimentOptions& options) : options_(options) {
  if (options_.lexicons.empty()) {
    lexicon_.add_layer(find_data_file("sentiment-nl.tsv"));
    lexicon_.add_layer(find_data_file("emoji-nl.tsv"));
  } else {
    for (const auto& [process, path] : options_.lexicons) lexicon_.add_layer(find_data_file(path, path), process);
  }
  for (const auto& w : read_lines(find_data_file("negators-nl.txt", options_.negators))) negators_[w] = true;
  std::string ipath = find_data_file("intensifiers-nl.tsv", options_.intensifiers);
  std::uint32_t number = 0;
  std::istringstream in(read_file(ipath));
  std::string line;
  while (std::getline(in, line)) {
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#' || line.rfind("term\t", 0) == 0) continue;
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) throw InputError(ipath, number, "expected TERM<TAB>FACTOR[<TAB>KIND].");
    std::size_t tab2 = line.find('\t', tab + 1);
    std::string factor = line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
    char* end = nullptr;
    double f = std::strtod(factor.c_str(), &end);
    if (end == factor.c_str() || *end || f <= 0 || f > 4)
      throw InputError(ipath, number, fmt::format("factor '{}' is not a number in (0, 4].", factor));
    std::string term = line.substr(0, tab);
    if (auto sp = term.find(' '); sp != std::string::npos) intensifier_first_[term.substr(0, sp)] = true;
    intensifiers_[term] = f;
  }
  splitter_ = std::make_shared<CompoundSplitter>();
  auto splitter = splitter_;
  pipeline_ = std::make_unique<TextPipeline>(options_.text, [splitter](std::string_view w) { return splitter->known(w); });
}

const SentimentScorer::Worker::Fallback& SentimentScorer::Worker::fallback(std::string_view w,
                                                                          std::string_view process) {
  std::string key;
  key.reserve(process.size() + 1 + w.size());
  key.append(process).append(1, '\x1f').append(w);
  if (auto it = fallbacks_.find(key); it != fallbacks_.end()) return it->second;
  if (fallbacks_.size() > 200000) fallbacks_.clear();
  const SentimentScorer& s = scorer_;
  Fallback f;
  // Not in the lexicon as written: try the stem, the head of a compound, a negating prefix.
  std::string lower(w);
  std::string stem = stemmer_.stem(lower);
  // The stem index also serves a word that is its own stem ("wacht" finds "wachten").
  if ((stem != lower && (f.entry = s.lexicon_.lookup(stem, process))) || (f.entry = s.lexicon_.lookup_stem(stem, process))) {
    f.base = f.entry->score;
    f.via = "stem:" + stem;
  } else {
    auto parts = s.splitter_->split(lower);
    if (parts.size() > 1) {
      const std::string& head = parts.back().word;
      // The head as written, else through the stem index ("klant|onvriendelijke" -> onvriendelijk).
      if ((f.entry = s.lexicon_.lookup(head, process)) || (f.entry = s.lexicon_.lookup_stem(stemmer_.stem(head), process))) {
        f.base = f.entry->score;
        f.via = "compound:" + CompoundSplitter::join(parts);
        // A booster as the first part ("supersnel") strengthens the head.
        if (auto b = s.intensifiers_.find(parts.front().word + parts.front().linker); b != s.intensifiers_.end())
          f.base = std::clamp(f.base * b->second, -1.0, 1.0);
      }
    }
    if (!f.entry && lower.rfind("on", 0) == 0 && lower.size() > 5) {
      if (const LexiconEntry* rest = s.lexicon_.lookup(lower.substr(2), process); rest && rest->score > 0) {
        f.entry = rest;
        f.base = -0.8 * rest->score;
        f.via = "prefix:on";
      }
    }
  }
  return fallbacks_.emplace(std::move(key), std::move(f)).first->second;
}

SentimentResult SentimentScorer::Worker::score(std::string_view text, std::string_view process) {
  const SentimentScorer& s = scorer_;
  s.pipeline_->analyze(text, analyzed_);
  const std::string& norm = analyzed_.normalized.text;
  const auto& tokens = analyzed_.tokens;
  SentimentResult result;
  std::vector<std::string_view> words;  // token texts, for multi-word matching
  words.reserve(tokens.size());
  for (const auto& t : tokens) words.push_back(t.text(norm));
  auto original_of = [&](std::size_t t) {
    auto [b, e] = analyzed_.normalized.original_range(tokens[t].begin, tokens[t].end);
    return text.substr(b, e - b);
  };

  double total = 0;
  for (const Span& sentence : analyzed_.sentences) {
    // Exclamation marks anywhere in the sentence strengthen all of it.
    int bangs = 0;
    for (auto t = sentence.first; t < sentence.last; ++t)
      if (tokens[t].kind == TokenKind::kPunct)
        for (char c : words[t]) bangs += c == '!';
    double emphasis = 1 + kPerExclamation * std::min(bangs, 3);
    auto clauses = split_clauses(norm, tokens, sentence);
    std::vector<std::size_t> first_of_clause;  // evidence index where each clause starts
    for (const Clause& clause : clauses) {
      if (clause.link == ClauseLink::kContrast) {
        // Everything said before the contrast counts less.
        for (std::size_t k = 0; k < result.evidence.size(); ++k)
          if (!first_of_clause.empty() && k >= first_of_clause.front()) {
            Evidence& ev = result.evidence[k];
            ev.contribution *= kContrastBefore;
            ev.rules += fmt::format("{}before contrast x{}", ev.rules.empty() ? "" : ", ", kContrastBefore);
          }
      }
      first_of_clause.push_back(result.evidence.size());
      std::size_t negation_left = 0;
      std::string negator;
      std::uint32_t negator_at = 0;  // token of the last negator
      double booster = 1;
      std::string booster_name;
      std::size_t booster_age = 0;
      bool negation_used = true;
      std::size_t clause_evidence_start = result.evidence.size();
      for (auto t = clause.tokens.first; t < clause.tokens.last; ++t) {
        const Token& tok = tokens[t];
        std::string_view w = words[t];
        if (tok.kind == TokenKind::kPunct) {
          negation_left = 0;
          continue;
        }
        // A multi-word expression that starts here ("geen gehoor", "niet teruggebeld", "te laat")
        // is read as a whole, before its first word can act as a negator or booster.
        std::size_t phrase_length = 0;
        const LexiconEntry* phrase = s.lexicon_.match(words, t, process, &phrase_length);
        if (phrase && phrase_length < 2) phrase = nullptr;
        if (!phrase && tok.kind == TokenKind::kWord && s.negators_.find(w) != s.negators_.end()) {
          negation_left = kNegationScope;
          negator = std::string(w);
          negator_at = t;
          negation_used = false;
          continue;
        }
        // Boosters and downtoners, one or two words ("een beetje", "veel te").
        if (!phrase && tok.kind == TokenKind::kWord) {
          std::string two;
          if (t + 1 < clause.tokens.last && s.intensifier_first_.find(w) != s.intensifier_first_.end())
            two = std::string(w) + " " + std::string(words[t + 1]);
          auto it2 = two.empty() ? s.intensifiers_.end() : s.intensifiers_.find(two);
          auto it1 = s.intensifiers_.find(w);
          // A booster word that is itself in the lexicon with a score ("super", "top") counts as a
          // booster only when a scored word follows.
          if (it2 != s.intensifiers_.end()) {
            booster *= it2->second;
            booster_name = two;
            booster_age = 0;
            ++t;
            continue;
          }
          if (it1 != s.intensifiers_.end()) {
            std::size_t len = 0;
            bool next_scored = t + 1 < clause.tokens.last &&
                               s.lexicon_.match(words, t + 1, process, &len) != nullptr;
            if (next_scored || !s.lexicon_.lookup(w, process)) {
              booster *= it1->second;
              booster_name = std::string(w);
              booster_age = 0;
              continue;
            }
          }
        }
        std::size_t length = phrase_length;
        const LexiconEntry* entry = phrase ? phrase : s.lexicon_.match(words, t, process, &length);
        std::string via;
        double base = 0;
        if (entry) {
          base = entry->score;
        } else if (tok.kind == TokenKind::kWord && w.size() >= 4) {
          const Fallback& f = fallback(w, process);
          entry = f.entry;
          base = f.base;
          via = f.via;
          length = 1;
        }
        if (entry && base == 0) {
          // A neutral entry (a word listed to stop fallbacks) moves nothing and is no evidence.
          t += static_cast<std::uint32_t>(length - 1);
          entry = nullptr;
        }
        if (!entry) {
          if (tok.kind == TokenKind::kWord && negation_left > 0) --negation_left;
          if (++booster_age > 1) booster = 1, booster_name.clear();
          continue;
        }
        Evidence ev;
        for (std::size_t k = 0; k < length; ++k) ev.term += (k ? " " : "") + std::string(words[t + k]);
        ev.base = base;
        ev.entry = entry;
        ev.via = via;
        ev.token = t;
        double c = base;
        std::vector<std::string> rules;
        if (booster != 1) {
          c *= booster;
          rules.push_back(fmt::format("{}({} x{})", booster < 1 ? "downtoner" : "booster", booster_name, booster));
        }
        if (negation_left > 0) {
          c *= kNegation;
          rules.push_back(fmt::format("negation({})", negator));
          negation_used = true;
        }
        std::string_view orig = original_of(t);
        if (is_caps(orig)) {
          c *= kCaps;
          rules.push_back(fmt::format("caps x{}", kCaps));
        }
        if (is_elongated(orig)) {
          c *= kElongation;
          rules.push_back(fmt::format("elongation x{}", kElongation));
        }
        if (emphasis != 1) {
          c *= emphasis;
          rules.push_back(fmt::format("exclamation x{:.1f}", emphasis));
        }
        if (clause.link == ClauseLink::kContrast) {
          c *= kContrastAfter;
          rules.push_back(fmt::format("after contrast x{}", kContrastAfter));
        }
        for (const auto& r : rules) ev.rules += (ev.rules.empty() ? "" : ", ") + r;
        ev.contribution = c;
        result.evidence.push_back(std::move(ev));
        booster = 1;
        booster_name.clear();
        if (negation_left > 0) negation_left = 0;  // a negator governs one evaluative phrase
        t += static_cast<std::uint32_t>(length - 1);
      }
      // A negator at the end of a clause negates what came before it: "vriendelijk was hij niet",
      // "vriendelijk waren ze niet echt". Not a negator whose scope ran out before the phrase
      // ("geen zin, want je krijgt geen gehoor"), nor one with more words after it.
      std::size_t words_after = 0;
      for (auto t = negator_at + 1; t < clause.tokens.last; ++t) words_after += tokens[t].kind == TokenKind::kWord;
      if (!negation_used && result.evidence.size() > clause_evidence_start &&
          result.evidence.back().token < negator_at && words_after <= kPostNegationTail) {
        Evidence& ev = result.evidence.back();
        ev.contribution *= kNegation;
        ev.rules += fmt::format("{}negation after({})", ev.rules.empty() ? "" : ", ", negator);
      }
    }
  }
  for (const auto& ev : result.evidence) total += ev.contribution;
  result.score = total / std::sqrt(total * total + 1);
  result.score = std::round(result.score * 1000) / 1000;
  if (result.score == 0) result.score = 0;  // no "-0.000"
  result.polarity = result.score >= s.options_.neutral_band    ? "positive"
                    : result.score <= -s.options_.neutral_band ? "negative"
                                                               : "neutral";
  return result;
}

std::string SentimentScorer::format_evidence(const SentimentResult& result) {
  std::string out;
  for (const auto& ev : result.evidence) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{} {:+.3f}", ev.term, ev.contribution);
    if (!ev.rules.empty() || !ev.via.empty())
      out += fmt::format(" [{}{}{}]", ev.via, !ev.via.empty() && !ev.rules.empty() ? ", " : "", ev.rules);
  }
  return out;
}

}  // namespace luister
