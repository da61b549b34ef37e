#pragma once
/// Fast non-cryptographic hashing for luister's in-memory tables and its compiled word index.
///
///     std::uint64_t h = luister::hash_bytes("wachttijd");
///     luister::StringMap<int> m;  m["klant"] = 1;  m.find(std::string_view("klant"));
///
/// Words are short, so the hash reads them in one or two overlapping loads instead of byte by
/// byte (the construction of wyhash's final round). Never use it where an attacker chooses keys
/// to slow a service down: it has no secret seed.
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace luister {

namespace hash_detail {
__extension__ typedef unsigned __int128 U128;  // GCC and Clang; __extension__ quiets -Wpedantic
inline constexpr std::uint64_t kP0 = 0xa0761d6478bd642full, kP1 = 0xe7037ed1a0b428dbull,
                                  kP2 = 0x8ebc6af09c88c6e3ull;
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  const U128 r = static_cast<U128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
inline std::uint64_t load64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint64_t load32(const unsigned char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
// hash_bytes() of more than 16 bytes, `seed` already mixed with kP0: the blocks before the last
// 16 bytes chained into it, then those bytes. Out of line, so that the short words of look-ups
// hash inline.
[[gnu::noinline]] inline std::uint64_t hash_long(const unsigned char* p, std::size_t n, std::uint64_t seed) noexcept {
  std::size_t i = n;
  if (i > 48) {
    // Three independent lanes keep the multiplier busy on long inputs (whole word lists).
    std::uint64_t s1 = seed, s2 = seed;
    do {
      seed = mix(load64(p) ^ kP1, load64(p + 8) ^ seed);
      s1 = mix(load64(p + 16) ^ kP2, load64(p + 24) ^ s1);
      s2 = mix(load64(p + 32) ^ kP1 ^ kP2, load64(p + 40) ^ s2);
      p += 48;
      i -= 48;
    } while (i > 48);
    seed ^= s1 ^ s2;
  }
  while (i > 16) {
    seed = mix(load64(p) ^ kP1, load64(p + 8) ^ seed);
    p += 16;
    i -= 16;
  }
  return mix(kP1 ^ n, mix(load64(p + i - 16) ^ kP1, load64(p + i - 8) ^ seed));
}
}  // namespace hash_detail

/// A 64-bit hash of `n` bytes at `data`, chained from `seed`. Little-endian machines give the same
/// value for the same bytes on every run and build (the compiled word index relies on it).
inline std::uint64_t hash_bytes(const void* data, std::size_t n, std::uint64_t seed = 0) noexcept {
  using namespace hash_detail;
  const auto* p = static_cast<const unsigned char*>(data);
  seed ^= kP0;
  if (n > 16) return hash_long(p, n, seed);
  std::uint64_t a, b;
  if (n >= 4) {
    const std::size_t k = (n >> 3) << 2;  // 0 or 4: the loads overlap for 4..7 and 8..16 bytes
    a = (load32(p) << 32) | load32(p + k);
    b = (load32(p + n - 4) << 32) | load32(p + n - 4 - k);
  } else if (n > 0) {
    a = (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[n >> 1]} << 8) | p[n - 1];
    b = 0;
  } else {
    a = b = 0;
  }
  return mix(kP1 ^ n, mix(a ^ kP1, b ^ seed));
}

/// Whether the `n` bytes at `a` and `b` are equal: for the short keys of hash tables, in a few
/// loads (overlapping, as hash_bytes() reads) rather than a call to memcmp. Always inlined: a call
/// costs as much as the comparison, and against a literal the length folds away.
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  using namespace hash_detail;
  const auto* p = reinterpret_cast<const unsigned char*>(a);
  const auto* q = reinterpret_cast<const unsigned char*>(b);
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) return load64(p) == load64(q) && load64(p + n - 8) == load64(q + n - 8);
  if (n >= 4) return load32(p) == load32(q) && load32(p + n - 4) == load32(q + n - 4);
  if (n == 0) return true;
  return p[0] == q[0] && p[n >> 1] == q[n >> 1] && p[n - 1] == q[n - 1];
}
/// same_bytes() of two strings.
[[gnu::always_inline]] inline bool same_bytes(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

/// hash_bytes of a string.
inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed = 0) noexcept {
  return hash_bytes(s.data(), s.size(), seed);
}

/// Hashing that lets maps keyed by std::string be searched with a std::string_view, without
/// building a string per lookup.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(hash_bytes(s)); }
};
/// A std::string-keyed map searchable by std::string_view.
template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

/// A string-keyed map for hot look-ups of short keys: open addressing over a power-of-two table
/// whose slots hold the key hash's high half and the entry's number, entries (key, value) side by
/// side in one vector. A look-up that misses mostly reads one slot; one that hits, one slot and one
/// entry (short keys sit inside the std::string), where a node-based map chases three pointers and
/// divides by a prime. Entries keep their insertion order; pointers to them stay valid until the
/// next insertion. No erase.
template <class T>
class FlatStringMap {
 public:
  using value_type = std::pair<const std::string, T>;

  /// The entry for `key`, whose hash_bytes() is `hash`, or null (== end()).
  const value_type* find(std::string_view key, std::uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      const std::uint64_t v = slots_[slot];
      if (v == kEmpty) return nullptr;
      if (((v ^ hash) & kTagMask) == 0) {
        const Entry& e = entries_[static_cast<std::uint32_t>(v)];
        if (same_bytes(e.kv.first, key)) return &e.kv;
      }
    }
  }
  const value_type* find(std::string_view key) const { return find(key, hash_bytes(key)); }
  value_type* find(std::string_view key) {
    return const_cast<value_type*>(static_cast<const FlatStringMap&>(*this).find(key));
  }
  const value_type* end() const { return nullptr; }
  /// Inserts (key, value) unless the key is present; the entry, and whether it is new.
  std::pair<value_type*, bool> emplace(std::string_view key, T value) {
    const std::uint64_t hash = hash_bytes(key);
    if (value_type* found = const_cast<value_type*>(find(key, hash))) return {found, false};
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    const auto i = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(Entry{value_type(std::string(key), std::move(value)), hash});
    place(hash, i);
    return {&entries_.back().kv, true};
  }
  /// The value for `key`, inserted value-initialised when absent.
  T& operator[](std::string_view key) { return emplace(key, T{}).first->second; }
  /// Room for `n` keys in all: until then an insertion neither moves the entries nor rebuilds the
  /// slots (so pointers to entries stay valid too). Order and look-ups are as without it.
  void reserve(std::size_t n) {
    entries_.reserve(n);
    std::size_t size = slots_.empty() ? 16 : slots_.size();
    while (size < 2 * n) size *= 2;
    if (size == slots_.size()) return;
    slots_.assign(size, kEmpty);
    for (std::uint32_t i = 0; i < entries_.size(); ++i) place(entries_[i].hash, i);
  }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  /// Calls f(entry) for every entry, in insertion order.
  template <typename F>
  void for_each(F&& f) const {
    for (const Entry& e : entries_) f(e.kv);
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static constexpr std::uint64_t kTagMask = 0xffffffff00000000ull;  // a slot: hash's high half | entry
  struct Entry {
    value_type kv;
    std::uint64_t hash;
  };
  void place(std::uint64_t hash, std::uint32_t i) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = hash & mask;
    while (slots_[slot] != kEmpty) slot = (slot + 1) & mask;
    slots_[slot] = (hash & kTagMask) | i;
  }
  void grow() {
    slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), kEmpty);
    for (std::uint32_t i = 0; i < entries_.size(); ++i) place(entries_[i].hash, i);
  }
  std::vector<std::uint64_t> slots_;
  std::vector<Entry> entries_;
};

}  // namespace luister
