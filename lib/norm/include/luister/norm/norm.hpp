#pragma once
/// `luister-norm`: the shared Dutch text layer as a CSV filter, and its --explain view.
#include <iosfwd>
#include <optional>
#include <string>

#include "luister/csv/filter.hpp"
#include "luister/text/text.hpp"

namespace luister {

struct NormOptions {
  FilterOptions filter;
  std::string column = "text";
  bool tokens = false;     ///< append a `tokens` column (space-separated)
  bool sentences = false;  ///< append a `sentences` column (one sentence per line)
  bool original_tokens = false;  ///< tokens in the resident's spelling instead of normalised
  TextOptions text;
};

/// Runs luister-norm over CSV; returns the exit code.
int run_norm(const NormOptions& options);

/// Writes a human-readable account of how the text layer treats `text`: normalisation, masks,
/// tokens with their kind, stem, compound parts and stopword status, sentences and clauses.
void explain_text(const std::string& text, const TextOptions& options, std::ostream& out);

/// luister-norm's command line: the options, --token-form as given, and --explain.
struct NormToolOptions {
  NormOptions norm;
  std::string token_form = "norm";     ///< --token-form: norm or original
  std::optional<std::string> explain;  ///< --explain TEXT: explain this text instead of reading CSV
};

/// Runs luister-norm as its command line asks: explains one text on standard output, or runs the
/// filter over CSV. Returns the exit code.
int run_norm_tool(const NormToolOptions& options);

}  // namespace luister
