#pragma once
/// Compiled lexicons: the layers of a Lexicon as built (their images: entries, word trie, stem index)
/// kept in one binary file in a cache folder, so that a run reads them back instead of parsing and
/// stemming the TSV files, as the compiled word index (word_index.hpp) spares sorting the word list.
///
///     luister::CompiledLexicon compiled(layers);        // reads and hashes every source file
///     luister::Lexicon lexicon;
///     std::string extra;                                // the caller's data derived from the layers
///     if (!compiled.load(lexicon, extra)) {
///       compiled.parse(lexicon);                        // as Lexicon::add_layer() would
///       compiled.save(lexicon, extra);                  // quietly nothing when it cannot write
///     }
///
/// Where: $XDG_CACHE_HOME/luister, else $HOME/.cache/luister (folder()); one file per list of layers,
/// `lexicon-<16 hex digits>.bin`, named after the layers' processes and paths. A file is current when
/// it records the key of the sources as they are now: the hash of the format version, the Snowball
/// stems of a few probe words (a different libstemmer gives other stems) and each layer's process,
/// path and bytes. A changed source therefore never meets a stale compiled lexicon: it is parsed and
/// the file replaced (written to a temporary file and renamed, so a reader never sees half a file and
/// two runs may write at once). A read-only or missing folder only means no file is written. Each
/// write keeps the folder to the 16 newest compiled files and removes temporaries left an hour ago.
///
/// File format (little-endian), version kFormatVersion: a 40-byte header (magic "LUISTLXC", version,
/// number of layers, key, payload size, payload hash), then the payload: the size of `extra` (u64),
/// `extra` padded with zeros to 8 bytes, then each layer's image (lexicon.hpp: entries, word trie,
/// hash tables and strings, offsets instead of pointers) as the Lexicon holds it. load() maps the
/// file and reads the images in place: nothing is built or allocated per entry, so a run touches
/// little beyond the file's pages. A file whose header, size or payload hash does not match, or one
/// of whose images has a header that disagrees with the payload or with the images' layout, is
/// ignored and rebuilt: a truncated or damaged file is never trusted. (Files are replaced by rename,
/// never rewritten in place, so a mapped file never shrinks under a reader.)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "luister/lexicon/lexicon.hpp"

namespace luister {

/// A list of lexicon layers and its compiled file.
class CompiledLexicon {
 public:
  static constexpr std::uint32_t kFormatVersion = 2;  ///< with Lexicon::kImageVersion 1

  /// `layers`: (process or "", path) in layer order. Reads and hashes every file, keeping the bytes
  /// of those that cannot be read twice (pipes). Throws IoError when one cannot be read.
  explicit CompiledLexicon(std::vector<std::pair<std::string, std::string>> layers);

  /// The cache folder: $XDG_CACHE_HOME/luister, else $HOME/.cache/luister; "" when neither is set.
  static std::string folder();
  /// The compiled file for these layers; "" when there is no cache folder.
  const std::string& path() const { return path_; }
  /// The hash of the sources a current compiled file records.
  std::uint64_t key() const { return key_; }

  /// Fills the empty `lexicon` from the compiled file and sets `extra` to the bytes saved with it,
  /// when the file is current and sound; otherwise false, and `lexicon` is left empty.
  bool load(Lexicon& lexicon, std::string& extra) const;
  /// Adds the layers to `lexicon` from the sources' bytes, exactly as Lexicon::add_layer() does
  /// (and throwing InputError as it does). A source edited since the constructor hashed it is read
  /// as it is now, and save() then writes nothing: the file written always matches its key.
  void parse(Lexicon& lexicon) const;
  /// Writes the compiled file of `lexicon` (which parse() or load() filled) with `extra`, atomically.
  /// False, quietly, when there is no cache folder or it cannot be written.
  bool save(const Lexicon& lexicon, std::string_view extra) const;

 private:
  std::vector<std::pair<std::string, std::string>> layers_;
  std::vector<std::optional<std::string>> texts_;  // the bytes of a layer that cannot be read twice
  std::vector<std::uint64_t> hashes_;              // each layer's hash_chunks() (compiled.cpp)
  mutable bool changed_ = false;                   // parse() found a source edited since
  std::uint64_t key_ = 0;
  std::string path_;
};

}  // namespace luister
