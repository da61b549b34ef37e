#pragma once
/// `luister-norm`: the shared Dutch text layer as a CSV filter, and its --explain view.
#include <iosfwd>
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

}  // namespace luister
