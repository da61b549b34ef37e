#include "luister/base/error.hpp"

#include <fmt/format.h>

namespace luister {

std::string describe(const Error& error) {
  std::string out;
  if (const auto* input = dynamic_cast<const InputError*>(&error)) {
    out = input->line() > 0 ? fmt::format("{}:{}: ", input->file(), input->line())
                            : fmt::format("{}: ", input->file());
  }
  out += error.what();
  if (!error.hint().empty()) out += fmt::format(" Hint: {}", error.hint());
  return out;
}

}  // namespace luister
