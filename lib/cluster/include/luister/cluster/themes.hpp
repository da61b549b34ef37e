#pragma once
/// Grouping short texts into themes: spherical k-means that over-splits, then agglomerative merging of
/// the clusters whose centroids are alike, so the number of themes is chosen by the data (within a cap).
///
///     luister::SparseMatrix docs(vocabulary_size);
///     docs.add_row({{wacht, 1.0f}, {balie, 0.5f}});   // one row per text, TF-IDF weights
///     auto fit = luister::fit_themes(docs, {});
///     // fit.assignment[i]: the theme of row i, or -1 when it fits none (it goes to "overig")
///
/// Deterministic: the result depends only on the rows and their order in `docs`; callers that want
/// independence from input order put the rows in a canonical order first.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace luister {

/// Rows of sparse, L2-normalised vectors (CSR).
class SparseMatrix {
 public:
  explicit SparseMatrix(std::uint32_t columns = 0) : columns_(columns) {}
  /// Adds a row; entries (column, weight) with distinct columns, any order. The row is normalised;
  /// an empty or all-zero row stays empty (it matches nothing).
  void add_row(std::vector<std::pair<std::uint32_t, float>> entries);
  std::size_t rows() const { return offsets_.size() - 1; }
  std::uint32_t columns() const { return columns_; }
  std::size_t begin(std::size_t row) const { return offsets_[row]; }
  std::size_t end(std::size_t row) const { return offsets_[row + 1]; }
  std::uint32_t index(std::size_t k) const { return index_[k]; }
  float value(std::size_t k) const { return value_[k]; }
  bool empty_row(std::size_t row) const { return begin(row) == end(row); }

 private:
  std::uint32_t columns_;
  std::vector<std::uint32_t> offsets_{0};
  std::vector<std::uint32_t> index_;
  std::vector<float> value_;
};

struct ThemeFitOptions {
  std::size_t max_themes = 30;     ///< never more themes than this
  std::size_t min_size = 2;        ///< a smaller group is no theme: its rows move or are left over
  double merge_threshold = 0.40;   ///< merge two clusters while their centroids' cosine is at least this
  double assign_threshold = 0.10;  ///< a row joins a theme only with at least this cosine
  std::size_t oversplit = 3;       ///< k-means starts with this many times max_themes clusters
  std::uint64_t seed = 1;          ///< for the k-means++ seeding
  int threads = 1;                 ///< for the assignment steps; the result does not depend on it
  /// Per row, a facet (the aspect of the complaint, or -1 for none): a theme whose rows hold two
  /// facets in bulk is split by facet (split_by_facet()). May be null.
  const std::vector<int>* facet = nullptr;
  /// Told each step as it starts ("k-means round 3 of at most 30"), for progress; may be empty.
  /// Nothing it does changes the result.
  std::function<void(const std::string&)> note;
};

struct ThemeFit {
  std::vector<int> assignment;     ///< per row: theme index, or -1 (left over / empty row)
  std::vector<float> similarity;   ///< per row: cosine to its theme's centroid (0 when left over)
  std::vector<std::vector<float>> centroids;  ///< per theme: normalised mean, dense over columns
  std::vector<std::size_t> sizes;  ///< rows per theme
};

/// Clusters the rows: k-means with about twice `max_themes` clusters (k-means++ seeding, spherical),
/// then merges the most similar pair of clusters while their cosine is at least `merge_threshold`
/// (and while there are more than `max_themes`), refines with a few k-means steps, and dissolves
/// groups below `min_size` (their rows join the nearest theme above `assign_threshold` or are left
/// over). A theme that holds two complaints is split: in two when its halves are apart (bisect),
/// by `facet` when given and two facets each hold a quarter of its rows or more. Themes are
/// numbered by decreasing size, ties by their first row.
ThemeFit fit_themes(const SparseMatrix& docs, const ThemeFitOptions& options);

/// The cosine of row `row` with a dense normalised vector.
float cosine(const SparseMatrix& docs, std::size_t row, const std::vector<float>& dense);

/// Normalises a dense vector in place (L2); leaves an all-zero vector as it is.
void normalize(std::vector<float>& v);

}  // namespace luister
