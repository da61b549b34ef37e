// luister-report as a library call: read, compute, render, write atomically.
#include <memory>

#include "luister/base/io.hpp"
#include "luister/report/report.hpp"

namespace luister::report {

int run_report(const ReportOptions& options) {
  std::unique_ptr<RowSource> source;
  if (options.db.empty()) source = std::make_unique<CsvRowSource>(options.common.inputs, options.common.delimiter);
  else source = std::make_unique<ArchiveRowSource>(options.db);
  const Report report = build_report(*source, options);
  std::string document;
  switch (options.format) {
    case Format::kMarkdown: document = render_markdown(report); break;
    case Format::kHtml: document = render_html(report); break;
    case Format::kJson: document = render_json(report); break;
  }
  // Nothing is written before the whole report exists: a failed run leaves no half file.
  Output out(options.common.output);
  out.write(document);
  out.commit();
  return kExitOk;
}

}  // namespace luister::report
