#pragma once
/// Finding luister's data files (lexicons, stopwords, word lists).
#include <string>
#include <vector>

namespace luister {

/// The folders searched for data files, in order: $LUISTER_DATA (colon-separated), then
/// `<prefix>/share/luister` for an executable in `<prefix>/bin` next to the running executable (so an install is relocatable: copied to
/// another prefix or unpacked from the .deb anywhere, it finds its own data), and only for an
/// executable in this build tree's bin/ the build's generated data and the source tree's lexicons/
/// (so an installed tool never silently reads a checkout).
std::vector<std::string> data_dirs();

/// data_dirs() for a given $LUISTER_DATA (null = unset) and executable path (empty = unknown): the
/// pure rule, for tests.
std::vector<std::string> data_dirs_for(const char* env, const std::string& executable);

/// The path of the running executable (/proc/self/exe), or empty when it cannot be read.
std::string executable_path();

/// The first of data_dirs() that holds `name` (default: the sentiment lexicon), or empty: where a
/// tool's data come from (`luister --data-dir`).
std::string data_dir_in_use(const std::string& name = "sentiment-nl.tsv");

/// The path of data file `name` (e.g. "stopwords-nl.txt"): `explicit_path` if given (it must exist),
/// else the first match in data_dirs(). Throws IoError naming every place looked in.
std::string find_data_file(const std::string& name, const std::string& explicit_path = {});

/// Reads a whole (small) file; throws IoError.
std::string read_file(const std::string& path);
/// The lines of a word list (negators, staff words, …): trailing spaces and carriage returns cut,
/// empty lines and '#' comment lines left out. Throws IoError as read_file() does.
std::vector<std::string> read_list_file(const std::string& path);

}  // namespace luister
