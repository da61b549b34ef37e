// The compliments as a spreadsheet for the team (luister-report --compliments FILE).
#include <string>
#include <vector>

#include <fmt/format.h>

#include "luister/base/io.hpp"
#include "luister/base/period.hpp"
#include "luister/report/report.hpp"

namespace luister::report {
namespace {

// One quote's cells: the text, the grade ("8", "7.5" or empty) and the date.
void quote_cells(SheetWriter& w, const std::optional<Quote>& q) {
  w.text(q ? q->text : "");
  if (q && q->grade) {
    w.number(fmt::format("{}", *q->grade));  // shortest form: "8", "7.5"
  } else {
    w.text("");
  }
  w.date(q ? format_iso_day(q->day) : "");
}

void scope_rows(SheetWriter& w, const ScopeReport& s, const std::string& name) {
  for (const auto& c : s.compliments) {
    w.text(name);
    w.text("wat gaat goed");
    w.text(c.term);
    w.number(std::to_string(c.count));
    quote_cells(w, c.quote);
    w.end_row();
  }
  for (const auto& q : s.kudos) {
    w.text(name);
    w.text("door te geven");
    w.text("");
    w.text("");
    quote_cells(w, q);
    w.end_row();
  }
}

}  // namespace

void write_compliments(const Report& report, const std::string& path, SheetStyle style) {
  Output out(path);
  SheetWriter w(out, style);
  w.header({"process", "kind", "term", "count", "quote", "grade", "date"});
  if (report.processes.size() <= 1) scope_rows(w, report.overall, report.processes.empty() ? "" : report.processes[0].process);
  else
    for (const auto& p : report.processes) scope_rows(w, p, p.process);
  out.commit();
}

}  // namespace luister::report
