// libFuzzer target: .dockerignore parsing and matching. The first half of the
// input is the ignore file, the second half a list of paths (one per line).
// Checks that nothing crashes or hangs and that the matcher agrees with
// itself: the walk-style decision equals the direct one, and Go-style COPY
// matching never throws.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "context/dockerignore.h"
#include "core/glob.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view patterns = in.substr(0, size / 2);
  std::string_view paths = in.substr(size / 2);
  auto m = dd::context::IgnoreMatcher::parse(patterns);
  size_t pos = 0;
  int n = 0;
  while (pos <= paths.size() && n++ < 16) {
    size_t nl = paths.find('\n', pos);
    if (nl == std::string_view::npos) nl = paths.size();
    std::string path = dd::clean_path(paths.substr(pos, nl - pos));
    pos = nl + 1;
    bool direct = m.excluded(path);
    // Same decision through the incremental parent state a walk uses.
    if (path != "." && path[0] != '/') {
      std::vector<char> state;
      for (size_t s = path.find('/'); s != std::string::npos; s = path.find('/', s + 1))
        state = m.parent_state(path.substr(0, s), state);
      int who = m.decide(path, state);
      bool walked = who >= 0 && !m.patterns()[who].exclusion;
      if (walked != direct) std::abort();
    }
    (void)m.may_reinclude_under(path);
    for (const auto& p : m.patterns()) (void)dd::go_path_match(p.text, path);
  }
  return 0;
}
