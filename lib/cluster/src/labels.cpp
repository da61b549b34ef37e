#include "labels.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace luister {
namespace {

constexpr std::size_t kMaxWindow = 6;      // words in a label at most
constexpr std::size_t kLabelMembers = 60;  // the most typical members a label is looked for in
constexpr double kComplaintBonus = 2.0;    // a window that says what is wrong, over a topic

struct Window {
  std::vector<std::string> keys;  // stems of its content words
  std::size_t topics = 0;         // content words the lexicon does not score negative
  bool complaint = false;         // says what is wrong: a negator, a booster before no infinitive, a negative word
  std::size_t support = 0;        // members holding it word for word
};

// What a window is worth per member holding it: a topic with what is wrong with it ("niet
// teruggebeld", "te hoge leges") most; a topic alone ("wachten") names no complaint.
double window_factor(const Window& w) {
  const double more = 1.0 + 0.1 * static_cast<double>(std::min<std::size_t>(w.keys.size(), 4) - 1);
  if (w.complaint) return kComplaintBonus * more;
  return (w.topics >= 2 ? 1.0 : 0.3) * more;
}

// Whether the booster at `w[j]` says too much of something ("te duur") rather than opening an
// infinitive ("te betalen"): Dutch infinitives end in -en.
bool degree(const std::vector<std::string>& w, std::size_t j) {
  if (j + 1 >= w.size() || w[j + 1].empty()) return false;
  const std::string& next = w[j + 1];
  return !(next.size() > 3 && next.compare(next.size() - 2, 2, "en") == 0);
}

// Whether w[j] marks what is wrong: a negator ("niet", "geen", "nooit"), or "te" of degree ("te duur").
bool says_wrong(const std::vector<std::string>& w, std::size_t j, LabelWords& lw) {
  return w[j] == "te" ? degree(w, j) : lw.negator(w[j]);
}

// Every window of every member, with its support.
std::map<std::string, Window> windows_of(const std::vector<const std::vector<std::string>*>& members, LabelWords& lw) {
  std::map<std::string, Window> out;
  for (std::size_t m = 0; m < members.size() && m < kLabelMembers; ++m) {
    const auto& w = *members[m];
    std::set<std::string> seen;
    for (std::size_t i = 0; i < w.size(); ++i) {
      // A label opens with a content word or a marker of what is wrong ("niet", "geen", "te duur"),
      // never with "te" before an infinitive ("te betalen").
      if (w[i].empty() || !(lw.words.content(w[i]) || says_wrong(w, i, lw))) continue;
      std::string text;
      Window win;
      for (std::size_t j = i; j < w.size() && j < i + kMaxWindow && !w[j].empty(); ++j) {
        text += (j > i ? " " : "") + w[j];
        const bool negative = lw.negative(w[j]);
        win.complaint = win.complaint || negative || says_wrong(w, j, lw);
        if (!lw.words.content(w[j])) continue;
        win.topics += !negative;
        const std::string& s = lw.words.stem(w[j]);
        if (std::find(win.keys.begin(), win.keys.end(), s) == win.keys.end()) win.keys.push_back(s);
        if (!seen.insert(text).second) continue;
        auto [it, fresh] = out.emplace(text, win);
        ++it->second.support;
      }
    }
  }
  return out;
}

}  // namespace

std::string complaint_label(const std::vector<const std::vector<std::string>*>& members,
                            const std::vector<std::string>& top_keys, LabelWords& lw) {
  std::vector<std::set<std::string>> held;  // each member's stems and compound parts
  for (std::size_t m = 0; m < members.size() && m < kLabelMembers; ++m) {
    std::string text;
    for (const auto& w : *members[m]) text += w + " ";
    held.push_back(lw.words.keys(text));
  }
  const std::map<std::string, Window> windows = windows_of(members, lw);
  std::string best;
  double best_score = 0;
  for (const auto& [text, win] : windows) {
    if (win.keys.empty() || win.topics == 0) continue;
    if (std::none_of(win.keys.begin(), win.keys.end(), [&](const std::string& k) {
          return std::find(top_keys.begin(), top_keys.end(), k) != top_keys.end();
        }))
      continue;
    std::size_t cover = 0;  // members holding all its content words
    double share = 0;       // and the share of them each member holds
    for (const auto& h : held) {
      const auto n = std::count_if(win.keys.begin(), win.keys.end(), [&](const std::string& k) { return h.count(k) > 0; });
      cover += static_cast<std::size_t>(n) == win.keys.size();
      share += static_cast<double>(n) / static_cast<double>(win.keys.size());
    }
    if (cover < 2 && held.size() > 2) continue;  // one member's words: no phrase of the theme
    // Members holding part of the phrase count for half: residents say one complaint in many words.
    double score = (static_cast<double>(cover) + 0.5 * (share - static_cast<double>(cover))) * window_factor(win) +
                   0.01 * static_cast<double>(win.support);
    if (score > best_score + 1e-9 || (std::abs(score - best_score) <= 1e-9 && !best.empty() &&
                                      (text.size() < best.size() || (text.size() == best.size() && text < best)))) {
      best = text;
      best_score = score;
    }
  }
  std::replace(best.begin(), best.end(), ';', ',');
  return best;
}

}  // namespace luister
