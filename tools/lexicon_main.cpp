// luister-lexicon: check, describe, merge, compare and import sentiment lexicons.
#include <iostream>
#include <sstream>

#include "luister/cli/cli.hpp"
#include "luister/base/io.hpp"
#include "luister/lexicon/lexicon_tools.hpp"
#include "luister/text/word_index.hpp"

int main(int argc, char** argv) {
  CLI::App app{"luister-lexicon — check, describe, merge, compare and import sentiment lexicons", "luister-lexicon"};
  app.footer(R"HELP(Lexicon format: TSV, '#' comments, optional header 'term<TAB>score<TAB>tags', then one
term per line: a word, a word with a trailing '*' wildcard, or a multi-word expression; score in -1..1.

Examples:
  luister-lexicon check lexicons/sentiment-nl.tsv mijn-wmo.tsv
  luister-lexicon diff oud.tsv nieuw.tsv
  luister-lexicon import --from pattern /usr/lib/python3/dist-packages/pattern/text/nl/nl-sentiment.xml -o pattern.tsv)HELP");
  app.set_version_flag("-V,--version", "luister-lexicon (luister) 0.1.0");
  app.require_subcommand(1);
  std::vector<std::string> files;
  std::string output, from = "tsv";
  bool strict = false;
  double scale = 1;
  auto* check = app.add_subcommand("check", "Report malformed lines, bad UTF-8, out-of-range scores, duplicates and "
                                            "conflicts between layers and entries a later layer hides, each with file and line");
  check->add_option("files", files, "Lexicon files, in layer order")->required();
  check->add_flag("--strict", strict, "Conflicts between layers, and entries a later layer hides, are errors too");
  auto* stats = app.add_subcommand("stats", "Size, polarity balance, kinds of terms, score histogram, tags");
  stats->add_option("files", files, "Lexicon files")->required();
  auto* merge = app.add_subcommand("merge", "Merge layers into one lexicon (later files win)");
  merge->add_option("files", files, "Lexicon files, in layer order")->required();
  merge->add_option("-o,--output", output, "Write to FILE (atomically)");
  auto* diff = app.add_subcommand("diff", "What changed from A to B");
  diff->add_option("files", files, "A and B")->required()->expected(2);
  auto* import = app.add_subcommand("import", "Convert another lexicon format to luister's TSV");
  import->add_option("file", files, "The lexicon to convert")->required()->expected(1);
  import->add_option("--from", from, "Format: pattern, afinn or tsv")
      ->check(CLI::IsMember({"pattern", "afinn", "tsv"}))
      ->capture_default_str();
  import->add_option("--scale", scale, "With --from tsv: multiply scores by this")->capture_default_str();
  import->add_option("-o,--output", output, "Write to FILE (atomically)");
  std::string word_list, extra;
  auto* compile = app.add_subcommand(
      "compile-wordlist",
      "Compile the Dutch word list and compounds-extra.txt into the index luister-score maps at start-up "
      "(the build installs one as share/luister/wordlist.idx; a stale one is ignored)");
  compile->add_option("--word-list", word_list, "Word list (default: $LUISTER_WORDLIST, else /usr/share/dict/dutch)");
  compile->add_option("--extra", extra, "Extra words (default: compounds-extra.txt in the data folders)");
  compile->add_option("-o,--output", output, "Write the index to FILE (atomically)")->required();
  return luister::run_tool("luister-lexicon", app, [&] {
    app.parse(argc, argv);
    if (compile->parsed()) {
      luister::WordIndex::build(luister::WordSources::resolve(word_list, extra))->save(output);
      return luister::kExitOk;
    }
    if (check->parsed()) return luister::lexicon_check(files, strict, std::cerr);
    std::ostringstream text;
    if (stats->parsed()) luister::lexicon_stats(files, text);
    if (merge->parsed()) luister::lexicon_merge(files, text);
    if (diff->parsed()) luister::lexicon_diff(files[0], files[1], text);
    if (import->parsed()) luister::lexicon_import(from, files[0], scale, text);
    luister::Output out(output);
    out.write(text.str());
    out.commit();
    return luister::kExitOk;
  });
}
