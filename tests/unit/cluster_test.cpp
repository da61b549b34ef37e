// Rules of clustering: periods, theme fitting, agreement metrics, the complaint register.
#include <algorithm>

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "luister/cluster/cluster.hpp"
#include "luister/cluster/complaint_register.hpp"
#include "luister/base/error.hpp"
#include "luister/eval/eval.hpp"
#include "luister/cluster/themes.hpp"

using namespace luister;

TEST_CASE("period_of: ISO 8601 weeks belong to the year of their Thursday") {
  struct Case {
    const char* date;
    const char* week;
    const char* why;
  } cases[] = {
      {"2026-11-22", "2026-W47", "a Sunday ends its week"},
      {"2026-11-23", "2026-W48", "a Monday starts one"},
      {"2026-11-22T14:05", "2026-W47", "a time after the date is ignored"},
      {"2021-01-03", "2020-W53", "early January can belong to the year before"},
      {"2026-12-31", "2026-W53", "2026 starts on a Thursday: it has 53 weeks"},
      {"2027-01-01", "2026-W53", "and its last week reaches into 2027"},
      {"2024-12-30", "2025-W01", "late December can belong to the next year"},
      {"2028-02-29", "2028-W09", "a leap day"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.why);
    CHECK(period_of(c.date, "week") == c.week);
  }
  CHECK(period_of("2026-11-22", "month") == "2026-11");
  CHECK(period_of("22-11-2026", "week").empty());  // not canonical: no period
  CHECK(period_of("", "week").empty());
  CHECK(period_of("2026-13-01", "week").empty());
}

TEST_CASE("previous_period steps over year ends") {
  CHECK(previous_period("2026-W47") == "2026-W46");
  CHECK(previous_period("2026-W01") == "2025-W52");
  CHECK(previous_period("2021-W01") == "2020-W53");
  CHECK(previous_period("2027-W01") == "2026-W53");
  CHECK(previous_period("2026-11") == "2026-10");
  CHECK(previous_period("2026-01") == "2025-12");
  CHECK(previous_period("rubbish").empty());
}

namespace {

// Rows over three disjoint vocabularies (columns 0-9, 10-19, 20-29): each row holds its group's key
// word (column 9, 19 or 29) and two of its other words, plus a little noise shared by all (column 30);
// `per_group` rows each, interleaved.
SparseMatrix three_groups(std::size_t per_group, std::size_t extra_small = 0) {
  SparseMatrix m(40);
  for (std::size_t i = 0; i < per_group; ++i)
    for (std::uint32_t g = 0; g < 3; ++g) {
      std::uint32_t base = g * 10;
      m.add_row({{base + 9, 1.0f},
                 {base + static_cast<std::uint32_t>(i % 4), 1.0f},
                 {base + 4 + static_cast<std::uint32_t>(i % 3), 0.8f},
                 {30, 0.2f}});
    }
  for (std::size_t i = 0; i < extra_small; ++i) m.add_row({{35, 1.0f}, {36, 1.0f}});
  return m;
}

}  // namespace

TEST_CASE("fit_themes finds separable groups itself and keeps them pure") {
  SparseMatrix m = three_groups(12);
  ThemeFitOptions o;
  o.max_themes = 10;
  o.min_size = 3;
  ThemeFit fit = fit_themes(m, o);
  CHECK(fit.centroids.size() == 3);  // not the 10 allowed: alike clusters were merged
  for (std::size_t r = 0; r < m.rows(); ++r) {
    REQUIRE(fit.assignment[r] >= 0);
    // Rows of the same group share a theme.
    CHECK(fit.assignment[r] == fit.assignment[r % 3]);
  }
  std::set<int> distinct{fit.assignment[0], fit.assignment[1], fit.assignment[2]};
  CHECK(distinct.size() == 3);
  CHECK(fit.sizes[0] == 12);
}

TEST_CASE("fit_themes is deterministic and independent of the thread count") {
  SparseMatrix m = three_groups(40, 2);
  ThemeFitOptions o;
  o.min_size = 3;
  ThemeFit a = fit_themes(m, o);
  o.threads = 4;
  ThemeFit b = fit_themes(m, o);
  CHECK(a.assignment == b.assignment);
  CHECK(a.similarity == b.similarity);
}

TEST_CASE("fit_themes leaves a group below min_size over instead of forcing it into a theme") {
  SparseMatrix m = three_groups(10, 2);  // two rows on their own words
  ThemeFitOptions o;
  o.min_size = 3;
  ThemeFit fit = fit_themes(m, o);
  CHECK(fit.centroids.size() == 3);
  CHECK(fit.assignment[30] == -1);
  CHECK(fit.assignment[31] == -1);
}

TEST_CASE("fit_themes splits a theme whose rows hold two facets (aspects) in bulk") {
  // One vocabulary, so k-means and merging make one theme; the rows' facets say two complaints.
  SparseMatrix m(10);
  std::vector<int> facet;
  for (std::size_t i = 0; i < 16; ++i) {
    m.add_row({{0, 1.0f}, {1 + static_cast<std::uint32_t>(i % 3), 0.5f}});
    facet.push_back(i < 10 ? 4 : (i < 14 ? 7 : -1));  // 10 of facet 4, 4 of facet 7, 2 of none
  }
  ThemeFitOptions o;
  o.min_size = 3;
  ThemeFit without = fit_themes(m, o);
  REQUIRE(without.centroids.size() == 1);
  o.facet = &facet;
  ThemeFit fit = fit_themes(m, o);
  REQUIRE(fit.centroids.size() == 2);
  CHECK(fit.sizes == std::vector<std::size_t>{12, 4});  // facet 4 keeps the rows without a facet
  for (std::size_t r = 0; r < 16; ++r) CHECK(fit.assignment[r] == (facet[r] == 7 ? 1 : 0));
  // A second facet below a quarter of the theme (3 of 16) or below three rows stays.
  for (std::size_t r = 0; r < 16; ++r) facet[r] = r < 13 ? 4 : 7;
  CHECK(fit_themes(m, o).centroids.size() == 1);
  // max_themes is a maximum.
  for (std::size_t r = 0; r < 16; ++r) facet[r] = r < 8 ? 4 : 7;
  o.max_themes = 1;
  CHECK(fit_themes(m, o).centroids.size() == 1);
}

TEST_CASE("fit_themes respects max_themes and handles tiny and empty input") {
  SparseMatrix m = three_groups(10);
  ThemeFitOptions o;
  o.min_size = 3;
  o.max_themes = 2;
  CHECK(fit_themes(m, o).centroids.size() <= 2);
  SparseMatrix empty(5);
  empty.add_row({});
  CHECK(fit_themes(empty, o).assignment == std::vector<int>{-1});
  SparseMatrix none(5);
  CHECK(fit_themes(none, o).assignment.empty());
}

TEST_CASE("cluster_agreement: NMI, ARI and purity") {
  std::vector<std::string> gold{"a", "a", "a", "b", "b", "b"};
  auto same = cluster_agreement(gold, {"x", "x", "x", "y", "y", "y"});
  CHECK(same.nmi == doctest::Approx(1.0));
  CHECK(same.ari == doctest::Approx(1.0));
  CHECK(same.purity == doctest::Approx(1.0));
  auto one = cluster_agreement(gold, {"x", "x", "x", "x", "x", "x"});
  CHECK(one.nmi == doctest::Approx(0.0));
  CHECK(one.ari == doctest::Approx(0.0));
  CHECK(one.purity == doctest::Approx(0.5));
  // scikit-learn: normalized_mutual_info_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.5158, ARI 0.2424
  auto mixed = cluster_agreement(gold, {"p", "p", "q", "q", "r", "r"});
  CHECK(mixed.nmi == doctest::Approx(0.5158).epsilon(0.001));
  CHECK(mixed.ari == doctest::Approx(0.2424).epsilon(0.001));
  CHECK(mixed.predicted_clusters == 3);
}

namespace {

std::string temp_file(const std::string& text) {
  char name[] = "/tmp/luister-register-XXXXXX";
  int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(name) << text;
  return name;
}

// A [T…] block as luister writes it, every key present; `keys` replace or add lines ("key = value").
std::string block(const std::string& id, const std::vector<std::string>& keys = {}) {
  std::vector<std::string> lines = {"scope = ",      "label = ",       "label_auto = ", "terms = ",
                                    "seeds = ",      "pinned = no",    "merged_into = ", "first_seen = ",
                                    "last_seen = ",  "status = ",      "counts = "};
  for (const auto& k : keys) {
    const std::string key = k.substr(0, k.find(" = ") + 3);
    auto it = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(key, 0) == 0; });
    if (it != lines.end()) *it = k;
    else lines.push_back(k);
  }
  std::string out = "[" + id + "]\n";
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("complaint register: round trip, hand-written themes, merges") {
  std::string path = temp_file(
      "# mine\nnext_id = 3\n\n" +
      block("T0001", {"scope = Wmo", "label = lange wachttijd", "label_auto = wacht",
                      "terms = wacht 0.5 | lang wacht 0.25", "pinned = yes", "counts = 2026-W46 4 | 2026-W47 6"}) +
      "\n" + block("T0002", {"scope = Wmo", "label = wachten", "merged_into = T0001"}) +
      "\n[new]\nscope = Afval\nseeds = grofvuil, kapotte container\n");
  ComplaintRegister reg = ComplaintRegister::load(path);
  REQUIRE(reg.themes.size() == 3);
  CHECK(reg.themes[0].terms.size() == 2);
  CHECK(reg.themes[0].terms[1].first == "lang wacht");
  CHECK(reg.themes[0].pinned);
  CHECK(reg.themes[0].counts.at("2026-W47") == 6);
  CHECK(reg.resolve("T0002")->id == "T0001");
  // The hand-written theme got the next id and its first seed as label.
  CHECK(reg.themes[2].id == "T0003");
  CHECK(reg.themes[2].label == "grofvuil");
  CHECK(reg.themes[2].seeds == std::vector<std::string>{"grofvuil", "kapotte container"});
  CHECK(reg.new_id() == "T0004");  // never an id used before
  // Saving and loading again changes nothing.
  reg.save(path);
  std::string first = reg.to_string();
  CHECK(ComplaintRegister::load(path).to_string() == first);
  std::remove(path.c_str());
}

TEST_CASE("complaint register: list items are trimmed (no-break spaces too), empty ones dropped") {
  std::string path = temp_file("next_id = 2\n" +
                               block("T0001", {"scope = Wmo", "terms = | wacht 0.5 ||  lang wacht 0.25 |",
                                               "seeds = , grofvuil ,, \xC2\xA0kapotte container\xC2\xA0 ,"}));
  ComplaintRegister reg = ComplaintRegister::load(path);
  REQUIRE(reg.themes.size() == 1);
  CHECK(reg.themes[0].terms.size() == 2);
  CHECK(reg.themes[0].terms[1].first == "lang wacht");
  CHECK(reg.themes[0].seeds == std::vector<std::string>{"grofvuil", "kapotte container"});
  CHECK(reg.to_string().find("seeds = grofvuil, kapotte container\n") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("complaint register: a UTF-8 byte order mark is accepted and dropped") {
  std::string path = temp_file("\xEF\xBB\xBF# mine\nnext_id = 2\n" + block("T0001", {"label = caf\xC3\xA9"}));
  ComplaintRegister reg = ComplaintRegister::load(path);
  REQUIRE(reg.themes.size() == 1);
  CHECK(reg.themes[0].label == "caf\xC3\xA9");
  CHECK(reg.to_string().rfind("# luister", 0) == 0);  // written back without it
  std::remove(path.c_str());
}

TEST_CASE("complaint register: messages name the file, the line and the fix") {
  auto error_of = [](const std::string& text) {
    std::string path = temp_file(text);
    std::string what;
    try {
      ComplaintRegister::load(path);
    } catch (const InputError& e) {
      what = std::string(e.what()) + " | " + e.hint();
    }
    std::remove(path.c_str());
    return what;
  };
  CHECK(error_of("next_id = 2\n" + block("T0001", {"label = caf\xE9"})).find("byte 12 of the line (0xE9) is not UTF-8") !=
        std::string::npos);
  CHECK(error_of("next_id = 2\n" + block("T0001", {"label = caf\xE9"})).find("save the register as UTF-8") !=
        std::string::npos);
  CHECK(error_of("next_id = 3\n" + block("T0001", {"merged_into = T0002"}) + block("T0002", {"merged_into = T0001"}))
            .find("T0001 -> T0002 -> T0001") != std::string::npos);
  CHECK(error_of("next_id = 2\n[T0001]\nscope = Wmo\n").find("ends without label, label_auto") != std::string::npos);
  CHECK(error_of("next_id = 3\n" + block("T0007")).find("set next_id = 8") != std::string::npos);
}

TEST_CASE("complaint register: a missing file is an empty register") {
  ComplaintRegister reg = ComplaintRegister::load("/nonexistent/register.txt");
  CHECK(reg.themes.empty());
  CHECK(reg.new_id() == "T0001");
}

TEST_CASE("complaint register: mistakes are reported with their line") {
  const std::string t1 = block("T0001"), t2 = block("T0002");  // 12 lines each
  struct Case {
    std::string text;
    std::uint64_t line;
    const char* why;
  } cases[] = {
      {"[T0001]\nlabel wachten\n", 2, "no '='"},
      {"[X1]\n", 1, "not an id"},
      {"[T0001]\n[T0001]\n", 2, "an id twice"},
      {"[T0001]\nterms = wacht\n", 2, "a term without weight"},
      {"[T0001]\npinned = maybe\n", 2, "pinned is yes or no"},
      {"[T0001]\ncolour = red\n", 2, "an unknown key"},
      {"label = x\n", 1, "a key before the first block"},
      {"next_id = 2\n" + block("T0001", {"merged_into = T0009"}), 9, "a merge into an unknown theme"},
      {"[new]\nscope = Wmo\n", 1, "a hand-written theme without seeds or terms"},
      // Issue 15: what a hand-edited or cut-off register looked like, accepted or misreported before.
      {"next_id = 2\n" + block("T0001", {"label = caf\xE9"}), 4, "Latin-1"},
      {"next_id = 2\n" + block("T0001", {"scope = \xC3"}), 3, "a UTF-8 sequence cut off"},
      {"next_id = 3\n" + block("T0001", {"merged_into = T0002"}) + block("T0002", {"merged_into = T0001"}), 9,
       "a circle of two merges"},
      {"next_id = 2\n" + block("T0001", {"merged_into = T0001"}), 9, "a theme merged into itself"},
      {"next_id = 2\n[T0001]\nscope = Wmo\nlabel = wachten\n", 4, "a block cut off"},
      {"next_id = 2\n" + t1.substr(0, t1.find("first_seen")) + "first_se", 10, "a file cut off in a line"},
      {"next_id = 2\n" + t1.substr(0, t1.find("status")) + "status", 12, "a key without value at the end"},
      {t1 + t2, 1, "no next_id"},
      {"next_id = 2\n" + t1 + t2, 1, "next_id not above every id"},
      {"next_id = 5\n" + block("T0001", {"status = groeiend"}), 2, "an unknown status"},
      {"next_id = 5\n" + block("T0001", {"last_seen = 2026-W4"}), 2, "no period"},
      {"", 1, "an empty file"},
      {"# only a comment\n", 1, "nothing but comments"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.why);
    std::string path = temp_file(c.text);
    try {
      ComplaintRegister::load(path);
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK(e.line() == c.line);
      CHECK(e.file() == path);
    }
    std::remove(path.c_str());
  }
}

TEST_CASE("complaint register: aspect is optional (registers from before issue 16) and round-trips") {
  std::string path = temp_file("next_id = 3\n\n" + block("T0001", {"scope = Wmo", "label = wachten"}) + "\n" +
                               block("T0002", {"scope = Wmo", "label = leges", "aspect = kosten"}));
  ComplaintRegister reg = ComplaintRegister::load(path);
  REQUIRE(reg.themes.size() == 2);
  CHECK(reg.themes[0].aspect.empty());  // an older block without the key loads
  CHECK(reg.themes[1].aspect == "kosten");
  reg.save(path);
  CHECK(ComplaintRegister::load(path).themes[1].aspect == "kosten");
  CHECK(reg.to_string().find("aspect = kosten\n") != std::string::npos);
  std::remove(path.c_str());
}
