#include "luister/csv/sniff.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <cstring>
#include <map>
#include <vector>

#include "luister/csv/columns.hpp"
#include "luister/base/byte_scan.hpp"

namespace luister {
namespace {

struct Split {
  std::vector<std::vector<std::string>> records;  // only the first few are kept in full
  std::vector<std::size_t> counts;
  std::size_t quoted_fields = 0;
};

// A small stand-alone parser: the sample may end mid-record, and quote mistakes must not matter much.
// It runs once per candidate dialect over up to 200 records, so only the records it keeps (the first
// three, for the header test) are copied into strings; the others are only counted.
Split split_sample(std::string_view s, char delim, char quote, bool complete) {
  Split out;
  std::vector<std::string> fields;
  std::string field;
  std::size_t nfields = 0;      // fields of the open record so far
  bool field_started = false;   // the open field holds at least one character
  bool keep = true;             // the open record is one of those kept in full
  auto add = [&](std::string_view text) {
    if (text.empty()) return;
    field_started = true;
    if (keep) field.append(text);
  };
  auto end_field = [&] {
    ++nfields;
    if (keep) fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    out.counts.push_back(nfields);
    if (keep) out.records.push_back(std::move(fields));
    fields.clear();
    nfields = 0;
    keep = out.records.size() < 3;
  };
  std::size_t i = 0;
  bool record_open = false;
  while (i < s.size() && out.counts.size() < 200) {
    char c = s[i];
    if (quote && c == quote && !field_started) {
      ++out.quoted_fields;
      std::size_t j = i + 1;
      for (;;) {
        const void* q = j < s.size() ? std::memchr(s.data() + j, quote, s.size() - j) : nullptr;
        const std::size_t at = q ? static_cast<std::size_t>(static_cast<const char*>(q) - s.data()) : s.size();
        add(s.substr(j, at - j));
        j = at;
        if (j >= s.size()) break;
        if (j + 1 < s.size() && s[j + 1] == quote) {
          add(s.substr(j, 1));
          j += 2;
          continue;
        }
        break;
      }
      if (j >= s.size()) {
        i = j;
        break;
      }
      i = j + 1;
      record_open = true;
      continue;
    }
    if (c == delim) {
      end_field();
      record_open = true;
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (record_open || field_started) end_record();
      fields.clear();
      nfields = 0;
      record_open = false;
      i += (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    // A run of plain characters, up to the next one that means something.
    const std::size_t j = bytes::find_any_of4(s, i + 1, delim, '\n', '\r', quote ? quote : delim);
    add(s.substr(i, j - i));
    record_open = true;
    i = j;
  }
  if (complete && (record_open || field_started)) end_record();
  return out;
}

}  // namespace

SniffResult sniff_dialect(std::string_view sample, bool complete) {
  SniffResult result;
  double best_score = -1;
  std::size_t best_mode = 0;
  Split split;
  // Apostrophe quoting is rare and Dutch text is full of apostrophes (m'n, 's ochtends): it must do
  // strictly better than double quotes, and wrap many fields, to be chosen.
  for (char quote : {'"', '\''}) {
    for (char delim : {',', ';', '\t', '|'}) {
      Split candidate = split_sample(sample, delim, quote, complete);
      if (candidate.counts.empty()) continue;
      if (quote == '\'' && candidate.quoted_fields * 2 < candidate.counts.size()) continue;
      std::map<std::size_t, std::size_t> freq;
      for (auto n : candidate.counts) ++freq[n];
      std::size_t mode = 0, mode_freq = 0;
      for (auto [n, f] : freq)
        if (f > mode_freq || (f == mode_freq && n > mode)) mode = n, mode_freq = f;
      if (mode < 2) continue;
      double score = static_cast<double>(mode_freq) / static_cast<double>(candidate.counts.size());
      if (candidate.counts.front() == mode) score += 0.01;  // the header agrees
      if (score > best_score + 1e-9 || (quote == '"' && std::abs(score - best_score) < 1e-9 && mode > best_mode)) {
        best_score = score;
        best_mode = mode;
        result.dialect.delimiter = delim;
        result.dialect.quote = quote;
        split = std::move(candidate);
      }
    }
  }
  if (best_score < 0) split = split_sample(sample, result.dialect.delimiter, '"', complete);
  if (!split.records.empty())
    result.dialect.header = looks_like_header(split.records[0], split.records.size() > 1 ? &split.records[1] : nullptr);

  // Line breaks counted in one vectorised pass, the rare carriage returns found one by one: a loop
  // over each byte of the sample cost more than splitting it.
  std::size_t crlf = 0, cr = 0;
  const char* const end = sample.data() + sample.size();
  for (const char* p = sample.data(); (p = static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(end - p))));) {
    ++p;
    if (p < end && *p == '\n') ++crlf;
    else ++cr;
  }
  const std::size_t lf = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n')) - crlf;
  result.line_ending = crlf == 0 && lf == 0 && cr == 0 ? "none" : crlf >= lf && crlf >= cr ? "CRLF" : lf >= cr ? "LF" : "CR";
  return result;
}

}  // namespace luister
