// luister-lexicon: check, describe, merge, compare and import sentiment lexicons.
#include <fmt/format.h>

#include "luister/base/version.hpp"
#include "luister/cli/cli.hpp"
#include "luister/lexicon/lexicon_tools.hpp"

int main(int argc, char** argv) {
  luister::LexiconToolOptions opt;
  CLI::App app{"luister-lexicon — check, describe, merge, compare and import sentiment lexicons", "luister-lexicon"};
  app.footer(R"HELP(Lexicon format: TSV, '#' comments, optional header 'term<TAB>score<TAB>tags', then one
term per line: a word, a word with a trailing '*' wildcard, or a multi-word expression; score in -1..1.

Examples:
  luister-lexicon check lexicons/sentiment-nl.tsv mijn-wmo.tsv
  luister-lexicon diff oud.tsv nieuw.tsv
  luister-lexicon import --from pattern /usr/lib/python3/dist-packages/pattern/text/nl/nl-sentiment.xml -o pattern.tsv)HELP");
  app.set_version_flag("-V,--version", fmt::format("luister-lexicon (luister) {}", luister::kVersion));
  app.require_subcommand(1);
  auto* check = luister::add_command(app, opt.command, "check",
                                     "Report malformed lines, bad UTF-8, out-of-range scores, duplicates and "
                                     "conflicts between layers and entries a later layer hides, each with file and line");
  check->add_option("files", opt.files, "Lexicon files, in layer order")->required();
  check->add_flag("--strict", opt.strict, "Conflicts between layers, and entries a later layer hides, are errors too");
  auto* stats =
      luister::add_command(app, opt.command, "stats", "Size, polarity balance, kinds of terms, score histogram, tags");
  stats->add_option("files", opt.files, "Lexicon files")->required();
  auto* merge = luister::add_command(app, opt.command, "merge", "Merge layers into one lexicon (later files win)");
  merge->add_option("files", opt.files, "Lexicon files, in layer order")->required();
  merge->add_option("-o,--output", opt.output, "Write to FILE (atomically)");
  auto* diff = luister::add_command(app, opt.command, "diff", "What changed from A to B");
  diff->add_option("files", opt.files, "A and B")->required()->expected(2);
  auto* import =
      luister::add_command(app, opt.command, "import", "Convert another lexicon format to luister's TSV");
  import->add_option("file", opt.files, "The lexicon to convert")->required()->expected(1);
  import->add_option("--from", opt.from, "Format: pattern, afinn or tsv")
      ->check(CLI::IsMember({"pattern", "afinn", "tsv"}))
      ->capture_default_str();
  import->add_option("--scale", opt.scale, "With --from tsv: multiply scores by this")->capture_default_str();
  import->add_option("-o,--output", opt.output, "Write to FILE (atomically)");
  auto* compile = luister::add_command(
      app, opt.command, "compile-wordlist",
      "Compile the Dutch word list and compounds-extra.txt into the index luister-score maps at start-up "
      "(the build installs one as share/luister/wordlist.idx; a stale one is ignored)");
  compile->add_option("--word-list", opt.word_list, "Word list (default: $LUISTER_WORDLIST, else /usr/share/dict/dutch)");
  compile->add_option("--extra", opt.extra, "Extra words (default: compounds-extra.txt in the data folders)");
  compile->add_option("-o,--output", opt.output, "Write the index to FILE (atomically)")->required();
  return luister::run_tool("luister-lexicon", app, [&] {
    app.parse(argc, argv);
    return luister::run_lexicon_tool(opt);
  });
}
