#include "luister/norm/norm.hpp"

#include <iostream>
#include <ostream>

#include <fmt/format.h>

#include "luister/text/wordforms.hpp"

namespace luister {
namespace {

std::string join_tokens(const AnalyzedText& a, std::string_view original, bool original_form) {
  std::string out;
  for (const auto& t : a.tokens) {
    if (!out.empty()) out += ' ';
    if (!original_form || t.kind == TokenKind::kPlaceholder) {
      out += t.text(a.normalized.text);
      continue;
    }
    // The resident's own spelling; white space the normaliser dropped inside a token goes too.
    auto [b, e] = a.normalized.original_range(t.begin, t.end);
    for (char c : original.substr(b, e - b))
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

std::string join_sentences(const AnalyzedText& a) {
  std::string out;
  for (const auto& s : a.sentences) {
    if (s.last <= s.first) continue;
    if (!out.empty()) out += '\n';
    std::size_t b = a.tokens[s.first].begin, e = a.tokens[s.last - 1].end;
    out += std::string_view(a.normalized.text).substr(b, e - b);
  }
  return out;
}

std::string_view link_name(ClauseLink link) {
  switch (link) {
    case ClauseLink::kContrast: return "contrast";
    case ClauseLink::kCoordination: return "coordination";
    case ClauseLink::kComma: return "comma";
    case ClauseLink::kNone: break;
  }
  return "";
}

}  // namespace

int run_norm(const NormOptions& options) {
  // The word list squeezes elongations ("laaang" → "lang"); loaded once, shared read-only.
  auto splitter = std::make_shared<CompoundSplitter>();
  auto pipeline = std::make_shared<TextPipeline>(
      options.text, [splitter](std::string_view w) { return splitter->known(w); });
  auto column = std::make_shared<std::size_t>(0);
  FilterSpec spec;
  spec.appended = {"norm"};
  if (options.tokens) spec.appended.push_back("tokens");
  if (options.sentences) spec.appended.push_back("sentences");
  spec.on_header = [&options, column](const std::vector<std::string>& header, const std::string& file) {
    *column = require_column(header, options.column, file);
  };
  struct Worker : RowWorker {
    const NormOptions& options;
    std::shared_ptr<TextPipeline> pipeline;
    std::shared_ptr<std::size_t> column;
    AnalyzedText analyzed;
    Worker(const NormOptions& o, std::shared_ptr<TextPipeline> p, std::shared_ptr<std::size_t> c)
        : options(o), pipeline(std::move(p)), column(std::move(c)) {}
    void process(const std::vector<std::string_view>& fields, std::vector<std::string>& out) override {
      pipeline->analyze(fields[*column], analyzed);
      std::size_t k = 0;
      out[k++] = analyzed.normalized.text;
      if (options.tokens) out[k++] = join_tokens(analyzed, fields[*column], options.original_tokens);
      if (options.sentences) out[k++] = join_sentences(analyzed);
    }
  };
  spec.make_worker = [&options, pipeline, column] { return std::make_unique<Worker>(options, pipeline, column); };
  return run_filter(options.filter, spec);
}

void explain_text(const std::string& text, const TextOptions& options, std::ostream& out) {
  CompoundSplitter splitter;
  TextPipeline pipeline(options, [&splitter](std::string_view w) { return splitter.known(w); });
  StopWords stopwords;
  Stemmer stemmer;
  AnalyzedText a;
  pipeline.analyze(text, a);
  const std::string& n = a.normalized.text;
  out << "original:   " << text << "\n";
  out << "normalised: " << n << "\n";
  if (a.pii.empty()) {
    out << "masked:     nothing\n";
  } else {
    for (const auto& m : a.pii)
      out << fmt::format("masked:     {} \"{}\" (bytes {}-{})\n", pii_placeholder(m.kind),
                         text.substr(m.begin, m.end - m.begin), m.begin, m.end);
  }
  out << fmt::format("tokens ({}):\n", a.tokens.size());
  for (std::size_t i = 0; i < a.tokens.size(); ++i) {
    const Token& t = a.tokens[i];
    std::string_view word = t.text(n);
    auto [ob, oe] = a.normalized.original_range(t.begin, t.end);
    std::string notes;
    if (t.kind == TokenKind::kWord) {
      std::string lower(word);
      if (stopwords.contains(lower)) notes += " stopword";
      notes += " stem=" + stemmer.stem(lower);
      auto parts = splitter.split(lower);
      if (parts.size() > 1) notes += " compound=" + CompoundSplitter::join(parts);
    }
    if (t.newline_before) notes += " (after line break)";
    out << fmt::format("  {:>3}  {:<18} {:<12} \"{}\"{}\n", i + 1, word, token_kind_name(t.kind),
                       text.substr(ob, oe - ob), notes);
  }
  out << fmt::format("sentences ({}):\n", a.sentences.size());
  for (std::size_t s = 0; s < a.sentences.size(); ++s) {
    const Span& span = a.sentences[s];
    if (span.last <= span.first) continue;
    std::size_t b = a.tokens[span.first].begin, e = a.tokens[span.last - 1].end;
    out << fmt::format("  {}: {}\n", s + 1, std::string_view(n).substr(b, e - b));
    auto clauses = split_clauses(n, a.tokens, span);
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      const Clause& cl = clauses[c];
      if (cl.tokens.last <= cl.tokens.first) continue;
      std::size_t cb = a.tokens[cl.tokens.first].begin, ce = a.tokens[cl.tokens.last - 1].end;
      std::string link = cl.link == ClauseLink::kNone
                             ? ""
                             : fmt::format(" ({}{})", link_name(cl.link),
                                           cl.marker < a.tokens.size() ? fmt::format(" '{}'", a.tokens[cl.marker].text(n)) : "");
      out << fmt::format("     clause {}{}: {}\n", c + 1, link, std::string_view(n).substr(cb, ce - cb));
    }
  }
}

int run_norm_tool(const NormToolOptions& tool) {
  NormOptions options = tool.norm;
  options.original_tokens = tool.token_form == "original";
  if (tool.explain) {
    explain_text(*tool.explain, options.text, std::cout);
    std::cout.flush();
    return kExitOk;
  }
  return run_norm(options);
}

}  // namespace luister
