#pragma once
/// Finding luister's data files (lexicons, stopwords, word lists).
#include <string>
#include <vector>

namespace luister {

/// The folders searched for data files, in order: $LUISTER_DATA (colon-separated), the install
/// data dir (share/luister), the build tree's generated data (share/luister in the build folder) and
/// the source tree's lexicons/ (so the build tree works uninstalled).
std::vector<std::string> data_dirs();

/// The path of data file `name` (e.g. "stopwords-nl.txt"): `explicit_path` if given (it must exist),
/// else the first match in data_dirs(). Throws IoError naming every place looked in.
std::string find_data_file(const std::string& name, const std::string& explicit_path = {});

/// Reads a whole (small) file; throws IoError.
std::string read_file(const std::string& path);

}  // namespace luister
