#include "report_kudos.hpp"

#include "luister/base/data.hpp"

namespace luister::report {

StaffMention::StaffMention()
    : text_(TextOptions{}), aspects_(AspectTaxonomy::load()), behaviour_(aspects_.find("bejegening")) {
  for (auto& word : read_list_file(find_data_file("staff-nl.txt"))) {
    staff_stems_.insert(stemmer_.stem(word));
    staff_.push_back(std::move(word));
  }
  matcher_ = std::make_unique<AspectMatcher>(aspects_);
}

bool StaffMention::names_staff(const std::string& word) {
  if (staff_stems_.count(stemmer_.stem(word))) return true;
  for (const auto& s : staff_)  // a compound ending in it: "baliemedewerker", "loketmedewerkster"
    if (word.size() > s.size() + 2 && word.compare(word.size() - s.size(), s.size(), s) == 0) return true;
  return false;
}

bool StaffMention::operator()(std::string_view text) {
  text_.analyze(text, analyzed_);
  std::vector<std::string> words;
  bool staff = false;
  for (const auto& t : analyzed_.tokens) {
    if (t.kind != TokenKind::kWord) {
      words.emplace_back();  // a break no seed phrase crosses
      continue;
    }
    words.emplace_back(t.text(analyzed_.normalized.text));
    staff = staff || names_staff(words.back());
  }
  if (staff) return true;
  return behaviour_ >= 0 && matcher_->hits(words)[static_cast<std::size_t>(behaviour_)] > 0;
}

}  // namespace luister::report
