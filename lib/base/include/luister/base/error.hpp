#pragma once
/// Typed exceptions shared by every luister tool.
///
/// The library never calls exit(): it throws one of these, and the one wrapper in cli.hpp turns them
/// into a message on stderr and an exit code (0 ok, 1 data or runtime error, 2 usage error).
#include <cstdint>
#include <stdexcept>
#include <string>

namespace luister {

/// Base of every error luister throws on purpose; what() is a complete, human-readable sentence.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, std::string hint = {})
      : std::runtime_error(message), hint_(std::move(hint)) {}
  /// A suggestion for the user ("pass --encoding windows-1252"), or empty.
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

/// The command line is wrong (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

/// Bad input data, located in a file (exit code 1). `line` is 1-based, 0 when unknown.
class InputError : public Error {
 public:
  InputError(std::string file, std::uint64_t line, const std::string& message, std::string hint = {})
      : Error(message, std::move(hint)), file_(std::move(file)), line_(line) {}
  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }

 private:
  std::string file_;
  std::uint64_t line_;
};

/// A file could not be opened, read or written (exit code 1).
class IoError : public Error {
 public:
  using Error::Error;
};

/// The reader of our output went away (`| head`): the wrapper exits quietly with status 0.
class BrokenPipe : public std::exception {
 public:
  const char* what() const noexcept override { return "broken pipe"; }
};

/// Formats an error the way every tool prints it: "file:line: message. Hint: hint".
std::string describe(const Error& error);

}  // namespace luister
