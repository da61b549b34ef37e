// luister-norm: the shared Dutch text layer as a filter — normalise, mask personal data, tokenise.
#include "luister/cli/cli.hpp"
#include "luister/norm/norm.hpp"

int main(int argc, char** argv) {
  luister::NormToolOptions opt;
  CLI::App app{"luister-norm — normalise Dutch answers, mask personal data, tokenise and split", "luister-norm"};
  app.footer(R"HELP(Input: CSV with a header row (canonical CSV from luister-import, or any CSV), UTF-8.
Output: every input column, then
  norm       the text normalised: mojibake repaired, NFKC and case folding, one kind of quote and
             dash, white space collapsed, elongations squeezed (heeeel -> heel), personal data
             masked as [EMAIL] [TELEFOON] [POSTCODE] [ADRES] [BSN] [IBAN] [KENTEKEN] [URL]
  tokens     with --tokens: the tokens, separated by spaces
  sentences  with --sentences: the sentences, one per line
Every later luister tool runs this same layer itself; luister-norm shows and exports it.

Example:
  luister-import export.csv | luister-norm --tokens | less
  luister-norm --explain "Heeeel lang gewacht i.p.v. 10 min, bel me: 06-12345678 :-(")HELP");
  luister::add_common_options(app, opt.norm.filter.common);
  luister::add_thread_option(app, opt.norm.filter.threads);
  app.add_option("-c,--column", opt.norm.column, "Column holding the text")->capture_default_str();
  app.add_flag("--tokens", opt.norm.tokens, "Append a 'tokens' column");
  app.add_flag("--sentences", opt.norm.sentences, "Append a 'sentences' column");
  app.add_option("--token-form", opt.token_form, "Tokens as normalised (norm) or in the original spelling (original)")
      ->check(CLI::IsMember({"norm", "original"}))
      ->capture_default_str();
  app.add_flag("--mask-pii,!--no-mask-pii", opt.norm.text.mask_pii, "Mask personal data (default: on)");
  app.add_flag("--fold-accents", opt.norm.text.normalize.fold_accents, "Fold accents (één -> een); off by default");
  app.add_option_function<std::string>(
      "--explain", [&](const std::string& t) { opt.explain = t; },
      "Show how one TEXT is normalised, masked, tokenised and split, instead of reading CSV")
      ->type_name("TEXT");
  return luister::run_tool("luister-norm", app, [&] {
    app.parse(argc, argv);
    return luister::run_norm_tool(opt);
  });
}
