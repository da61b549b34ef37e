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
}  // namespace hash_detail

/// A 64-bit hash of `n` bytes at `data`, chained from `seed`. Little-endian machines give the same
/// value for the same bytes on every run and build (the compiled word index relies on it).
inline std::uint64_t hash_bytes(const void* data, std::size_t n, std::uint64_t seed = 0) noexcept {
  using namespace hash_detail;
  const auto* p = static_cast<const unsigned char*>(data);
  seed ^= kP0;
  std::uint64_t a, b;
  if (n <= 16) {
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
  } else {
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
    a = load64(p + i - 16);
    b = load64(p + i - 8);
  }
  return mix(kP1 ^ n, mix(a ^ kP1, b ^ seed));
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

}  // namespace luister
