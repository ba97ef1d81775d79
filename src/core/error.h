#pragma once
#include <stdexcept>
#include <string>

namespace dd {

// Bad input: unreadable or malformed files, bad arguments, an engine that
// cannot be reached. The CLI prints what() as one line and exits 2. The
// message names the file (or target) and the problem.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace dd
