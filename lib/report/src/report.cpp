// luister-report as a library call: read, compute, render, write atomically.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "luister/base/error.hpp"
#include "luister/base/io.hpp"
#include "luister/report/report.hpp"

namespace luister::report {

int run_report(const ReportOptions& options) {
  std::unique_ptr<RowSource> source;
  if (options.db.empty()) source = std::make_unique<CsvRowSource>(options.common.inputs, options.common.delimiter);
  else source = std::make_unique<ArchiveRowSource>(options.db);
  Progress progress(progress_enabled(options.common.progress));
  const Report report = build_report(*source, options, progress);
  progress.phase("writing the report");
  std::string document;
  switch (options.format) {
    case Format::kMarkdown: document = render_markdown(report); break;
    case Format::kHtml: document = render_html(report); break;
    case Format::kJson: document = render_json(report); break;
  }
  // Nothing is written before the whole report exists: a failed run leaves no half file.
  Output out(options.common.output);
  out.write(document);
  if (!options.compliments_path.empty()) {
    progress.phase("writing the compliments");
    write_compliments(report, options.compliments_path, options.sheet_style);
  }
  out.commit();
  progress.finish();
  if (report.no_data) {
    fmt::print(stderr, "luister-report: no data: {}; the report says so.\n", report.no_data_reason);
    return options.no_data_status;
  }
  return kExitOk;
}

int run_report_tool(const ReportToolOptions& tool) {
  ReportOptions opt = tool.report;
  if (!opt.db.empty() && !opt.common.inputs.empty())
    throw UsageError("--db and input files exclude each other.",
                     "report on the archive (--db FILE) or on CSV files, not both; to add the files to "
                     "the archive first, use luister-archive add --db FILE");
  if (!tool.week.empty()) opt.period = parse_week(tool.week);
  if (!tool.month.empty()) opt.period = parse_month(tool.month);
  if (!tool.from.empty())
    opt.period = range_period(parse_day_option(tool.from, "--from"), parse_day_option(tool.to, "--to"));
  if (!tool.today.empty()) opt.today = parse_day_option(tool.today, "--today");
  opt.format = tool.format == "html" ? Format::kHtml : tool.format == "json" ? Format::kJson : Format::kMarkdown;
  opt.lang = tool.lang == "en" ? Lang::kEn : Lang::kNl;
  return run_report(opt);
}

}  // namespace luister::report
